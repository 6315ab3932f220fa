-- Lantern schema, version 10: indexes for the filtered case list
-- (GET /api/v1/cases; bench/README.md, cases.sh). Indexes only: no table,
-- column or rule changes.

-- Every column the list filters on, in case-number order (the default sort).
-- The list counts every match on every page (`total`); with this index the
-- count and the page walk index entries only and never read a case's row,
-- whatever the filters on the case's own columns (a filter on the year is a
-- range of it), and the page walks it in order without sorting.
CREATE INDEX cases_list ON cases(number_year, number_seq, status, referral_source, is_child,
                                 organisation_id, group_id, person_id);

-- The people holding one citizenship, for the list's citizenship filter
-- (person_id comes with it: the table is WITHOUT ROWID). Partial on a
-- condition every row meets (the column's CHECK), so that only a query naming
-- it uses the index: given a plain index on country, the annual statistics'
-- count by citizenship (sqlite_stats.c) walks it to skip its GROUP BY sort
-- and probes a case for every citizenship, three times the work of its plan
-- without it.
CREATE INDEX person_citizenships_country ON person_citizenships(country)
  WHERE length(country) = 2;
