-- TIP Report placements an administrator added after the build (docs/tiers.md):
-- the shipped history (data/tiers/history.csv) plus these rows is the history
-- the Watch List clock reads. One row per country and report year; never
-- edited or deleted.
CREATE TABLE tier_placements (
  country TEXT NOT NULL CHECK (length(country) = 3),
  year INTEGER NOT NULL,
  tier TEXT NOT NULL CHECK (tier = 'tier_1' OR tier = 'tier_2' OR tier = 'tier_2_watch_list'
                            OR tier = 'tier_3' OR tier = 'special_case' OR tier = 'not_ranked'),
  source TEXT NOT NULL,                -- where the placement was published (<= 200 bytes)
  added_at INTEGER NOT NULL,
  added_by INTEGER REFERENCES users(id), -- NULL when added at the command line
  PRIMARY KEY (country, year)
) STRICT;
