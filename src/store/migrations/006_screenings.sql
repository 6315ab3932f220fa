-- Screenings of a case with the ILO/EC indicators, kept as history: each
-- row keeps the answers and the result as it was computed and shown then.
CREATE TABLE case_screenings (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  profile TEXT NOT NULL,
  indicators TEXT NOT NULL,            -- JSON array of indicator ids (codes only)
  outcome TEXT NOT NULL,
  result TEXT NOT NULL,                -- JSON: the result as shown, explanation included
  screening_date TEXT NOT NULL,
  note BLOB,                           -- sealed free text
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX case_screenings_case ON case_screenings(case_id, screening_date, id);
