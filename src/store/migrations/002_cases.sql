-- Lantern schema, version 2: cases and what happens in them.
-- Free text that may identify someone (reasons, notes, names) is sealed;
-- codes, dates and ids are in the clear, so statistics need no key.

ALTER TABLE persons ADD COLUMN birth_date BLOB;            -- sealed "YYYY-MM-DD"
ALTER TABLE persons ADD COLUMN age_uncertain INTEGER NOT NULL DEFAULT 0 CHECK (age_uncertain IN (0, 1));

CREATE TABLE person_citizenships (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  country TEXT NOT NULL CHECK (length(country) = 2),
  PRIMARY KEY (person_id, country)
) STRICT, WITHOUT ROWID;

CREATE TABLE group_cases (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,              -- a working title, e.g. "Factory site, 2021"; no personal names
  site TEXT,                       -- place of exploitation (town, site)
  country TEXT CHECK (country IS NULL OR length(country) = 2),
  employer TEXT,                   -- a company, not a victim
  sector TEXT,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;

-- The chain from recruiter to employer, in order. Names of individuals are sealed.
CREATE TABLE group_recruiters (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES group_cases(id),
  position INTEGER NOT NULL,
  role TEXT NOT NULL,              -- recruiter, agency, intermediary, transporter, employer, other
  name BLOB,                       -- sealed
  country TEXT CHECK (country IS NULL OR length(country) = 2),
  UNIQUE (group_id, position)
) STRICT;

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  case_number TEXT NOT NULL UNIQUE,      -- LT-YYYY-NNNNNN: referral year and its sequence
  number_year INTEGER NOT NULL,
  number_seq INTEGER NOT NULL,
  ref TEXT UNIQUE,                       -- an external reference, for imports
  person_id INTEGER NOT NULL REFERENCES persons(id),
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  group_id INTEGER REFERENCES group_cases(id),
  status TEXT NOT NULL CHECK ((status = 'referred' OR status = 'under_assessment' OR status = 'identified' OR status = 'not_identified' OR status = 'closed')),
  status_before_close TEXT,
  referral_date TEXT NOT NULL,           -- YYYY-MM-DD
  referral_year INTEGER NOT NULL,
  referral_source TEXT NOT NULL,
  referring_organisation TEXT,           -- a name as given, for referrers outside Lantern
  consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0, 1)),
  consent_date TEXT,
  age_at_referral INTEGER,               -- whole years, NULL when unknown
  is_child INTEGER CHECK (is_child IS NULL OR is_child IN (0, 1)),
  cooperation TEXT NOT NULL DEFAULT 'undecided' CHECK ((cooperation = 'undecided' OR cooperation = 'cooperating' OR cooperation = 'declined')),
  reasonable_grounds TEXT NOT NULL DEFAULT 'pending' CHECK ((reasonable_grounds = 'pending' OR reasonable_grounds = 'positive' OR reasonable_grounds = 'negative')),
  reasonable_grounds_date TEXT,
  identification TEXT NOT NULL DEFAULT 'pending' CHECK ((identification = 'pending' OR identification = 'identified' OR identification = 'not_identified')),
  identification_date TEXT,
  identification_body TEXT,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  UNIQUE (number_year, number_seq)
) STRICT;
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_org_status ON cases(organisation_id, status);
CREATE INDEX cases_status ON cases(status);
CREATE INDEX cases_referral ON cases(referral_year, referral_date);
CREATE INDEX cases_group ON cases(group_id);

CREATE TABLE case_exploitation (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  form TEXT NOT NULL,
  PRIMARY KEY (case_id, form)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_exploitation_form ON case_exploitation(form);

CREATE TABLE case_countries (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  country TEXT NOT NULL CHECK (length(country) = 2),
  PRIMARY KEY (case_id, country)
) STRICT, WITHOUT ROWID;

-- Identification decisions: reasonable grounds, conclusive, and reviews.
CREATE TABLE case_decisions (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  stage TEXT NOT NULL CHECK ((stage = 'reasonable_grounds' OR stage = 'conclusive' OR stage = 'review')),
  outcome TEXT NOT NULL CHECK ((outcome = 'positive' OR outcome = 'negative' OR outcome = 'identified' OR outcome = 'not_identified' OR outcome = 'upheld' OR outcome = 'overturned')),
  decision_date TEXT NOT NULL,
  body TEXT,
  reasons BLOB,                          -- sealed; NULL only for imported history
  decided_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_decisions_case ON case_decisions(case_id);

-- The timeline: every change to a case, with who, when and why.
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL,                    -- referral, transition, decision, reflection, cooperation, service, placement, referral_out, ...
  action TEXT,
  from_status TEXT,
  to_status TEXT,
  event_date TEXT NOT NULL,              -- the date it happened (YYYY-MM-DD)
  reasons BLOB,                          -- sealed free text
  detail TEXT,                           -- codes only, JSON
  actor_user_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_events_case ON case_events(case_id, event_date, id);

CREATE TABLE reflection_periods (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  status TEXT NOT NULL CHECK ((status = 'granted' OR status = 'refused' OR status = 'ended')),
  start_date TEXT,
  planned_end_date TEXT,
  actual_end_date TEXT,
  min_days INTEGER NOT NULL,             -- the jurisdiction's minimum when recorded
  grounds TEXT,                          -- public_order, improper_claim, victim_request, residence_granted, other
  grounds_note BLOB,                     -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX reflection_periods_case ON reflection_periods(case_id);

CREATE TABLE case_services (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  type TEXT NOT NULL,
  provider_id INTEGER REFERENCES organisations(id),
  status TEXT NOT NULL CHECK ((status = 'planned' OR status = 'active' OR status = 'completed' OR status = 'refused' OR status = 'stopped')),
  start_date TEXT,
  end_date TEXT,
  consent_date TEXT,
  consent_language TEXT,
  stop_reason TEXT,                      -- code: completed_goals, victim_request, moved, cooperation_declined, other
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX case_services_case ON case_services(case_id);

CREATE TABLE shelters (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL UNIQUE,
  specialised INTEGER NOT NULL DEFAULT 1 CHECK (specialised IN (0, 1)),  -- for trafficking victims
  capacity_women INTEGER NOT NULL DEFAULT 0 CHECK (capacity_women >= 0),
  capacity_men INTEGER NOT NULL DEFAULT 0 CHECK (capacity_men >= 0),
  capacity_children INTEGER NOT NULL DEFAULT 0 CHECK (capacity_children >= 0),
  licence_valid_until TEXT,              -- NULL: no licence
  created_at INTEGER NOT NULL
) STRICT;

-- A stay in a shelter, or, when no place was available, the alternative used.
CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  shelter_id INTEGER REFERENCES shelters(id),
  place TEXT NOT NULL CHECK ((place = 'women' OR place = 'men' OR place = 'children')),
  start_date TEXT NOT NULL,
  end_date TEXT,
  alternative TEXT CHECK (alternative IS NULL OR (alternative = 'ngo_accommodation' OR alternative = 'social_welfare_shelter' OR alternative = 'other')),
  turn_away_reason TEXT CHECK (turn_away_reason IS NULL OR (turn_away_reason = 'full' OR turn_away_reason = 'unlicensed' OR turn_away_reason = 'wrong_sex' OR turn_away_reason = 'other')),
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  CHECK ((shelter_id IS NOT NULL AND alternative IS NULL) OR
         (shelter_id IS NULL AND alternative IS NOT NULL AND turn_away_reason IS NOT NULL))
) STRICT;
CREATE INDEX placements_case ON placements(case_id);
CREATE INDEX placements_shelter ON placements(shelter_id, start_date);

-- Referrals of a case from one organisation to another.
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  from_org INTEGER NOT NULL REFERENCES organisations(id),
  to_org INTEGER NOT NULL REFERENCES organisations(id),
  status TEXT NOT NULL CHECK ((status = 'sent' OR status = 'accepted' OR status = 'rejected' OR status = 'completed' OR status = 'revoked')),
  purpose TEXT,                          -- a service code or 'other'
  share_identity INTEGER NOT NULL DEFAULT 0 CHECK (share_identity IN (0, 1)),
  sent_date TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  CHECK (from_org != to_org)
) STRICT;
CREATE INDEX referrals_case ON referrals(case_id);
CREATE INDEX referrals_to ON referrals(to_org, status);
