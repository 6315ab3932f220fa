-- CTDC-format microdata imported for aggregate-only use (docs/open-data.md,
-- "CTDC import"). These rows never become cases and are never linked to a
-- person: they are counted by `lantern stats --source ctdc` and nothing
-- else reads them. A batch is one source's rows for one year; importing the
-- same source and year again replaces the batch (rows deleted, batch
-- re-created with a new id, so ids are never reused).
CREATE TABLE ctdc_batches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  rows INTEGER NOT NULL DEFAULT 0,
  imported_at INTEGER NOT NULL,
  UNIQUE (source, year)
) STRICT;

-- One CTDC row. The codes the annual figures read are columns, as the file
-- has them ('-99' missing and 'Unknown' not collected kept apart); `codes`
-- holds all 63 CTDC variables in the dataset's order as one CSV record
-- (absent columns as -99), so nothing of the file is lost.
CREATE TABLE ctdc_records (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES ctdc_batches(id),
  source TEXT NOT NULL,
  year INTEGER NOT NULL,              -- the year the row counts in
  imported_at INTEGER NOT NULL,
  registration_year INTEGER,          -- yearOfRegistration; NULL when -99 or Unknown
  gender TEXT NOT NULL,
  age_broad TEXT NOT NULL,
  majority TEXT NOT NULL,
  citizenship TEXT NOT NULL,
  country TEXT NOT NULL,              -- CountryOfExploitation
  forced_labour TEXT NOT NULL,        -- isForcedLabour
  sexual TEXT NOT NULL,               -- isSexualExploit
  other TEXT NOT NULL,                -- isOtherExploit
  marriage TEXT NOT NULL,             -- isForcedMarriage
  military TEXT NOT NULL,             -- isForcedMilitary
  organ TEXT NOT NULL,                -- isOrganRemoval
  slavery TEXT NOT NULL,              -- isSlaveryAndPractices
  illicit TEXT NOT NULL,              -- typeOfLabourIllicitActivities
  codes TEXT NOT NULL CHECK (length(codes) <= 16384)
) STRICT;
CREATE INDEX ctdc_records_batch ON ctdc_records(batch_id);
CREATE INDEX ctdc_records_year ON ctdc_records(year);
