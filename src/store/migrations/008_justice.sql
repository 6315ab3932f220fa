-- Lantern schema, version 8: what happens to a victim in the justice system
-- (criminal proceedings against the traffickers, protection in court,
-- compensation), what the state did to the victim (proceedings against the
-- victim, removals), the child-protection facts the rules look at, and the
-- compliance alerts that watch all of it (docs/justice.md, docs/compliance.md).
-- As before: codes, dates, amounts and ids in the clear (statistics need no
-- key); free text that may identify someone is sealed (BLOB).

-- Child protection on the case: an unaccompanied child needs a guardian
-- (a service of type 'guardian'); an uncertain age needs an assessment
-- before the person is handled as an adult.
ALTER TABLE cases ADD COLUMN unaccompanied INTEGER CHECK (unaccompanied IS NULL OR unaccompanied IN (0, 1));

CREATE TABLE age_assessments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  assessment_date TEXT NOT NULL,
  result TEXT NOT NULL CHECK ((result = 'child' OR result = 'adult' OR result = 'undetermined')),
  method TEXT,                           -- code: documents, interview, medical, other
  note BLOB,                             -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX age_assessments_case ON age_assessments(case_id, assessment_date);

-- A criminal proceeding against the traffickers. One proceeding may concern
-- several victims (cases); one case may be in several proceedings.
CREATE TABLE proceedings (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),  -- who recorded it
  opened_date TEXT NOT NULL,             -- investigation opened (YYYY-MM-DD)
  offence_date TEXT,                     -- when the offence began: a case is judged under the law of its time
  police_unit TEXT,
  prosecutor_office TEXT,
  prosecutor_specialised INTEGER NOT NULL CHECK (prosecutor_specialised IN (0, 1)),
  court TEXT,
  file_number TEXT,                      -- the court's or prosecutor's file reference; never a name
  stage TEXT NOT NULL CHECK ((stage = 'investigation' OR stage = 'indictment' OR stage = 'trial'
                              OR stage = 'verdict' OR stage = 'appeal' OR stage = 'final'
                              OR stage = 'discontinued')),
  indictment_date TEXT,
  plea_agreement INTEGER NOT NULL DEFAULT 0 CHECK (plea_agreement IN (0, 1)),
  plea_date TEXT,
  verdict TEXT CHECK (verdict IS NULL OR (verdict = 'conviction' OR verdict = 'acquittal' OR verdict = 'dismissal')),
  verdict_date TEXT,
  verdict_article TEXT,                  -- the article convicted under (jurisdiction profile)
  verdict_paragraph TEXT,
  sentence_months INTEGER CHECK (sentence_months IS NULL OR sentence_months >= 0),
  sentence_suspended INTEGER CHECK (sentence_suspended IS NULL OR sentence_suspended IN (0, 1)),
  fine_amount INTEGER CHECK (fine_amount IS NULL OR fine_amount >= 0),
  fine_currency TEXT CHECK (fine_currency IS NULL OR length(fine_currency) = 3),
  verdict_final INTEGER CHECK (verdict_final IS NULL OR verdict_final IN (0, 1)),
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX proceedings_opened ON proceedings(opened_date);

CREATE TABLE proceeding_cases (
  proceeding_id INTEGER NOT NULL REFERENCES proceedings(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  victim_role TEXT NOT NULL CHECK ((victim_role = 'injured_party' OR victim_role = 'witness'
                                    OR victim_role = 'injured_party_and_witness')),
  PRIMARY KEY (proceeding_id, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX proceeding_cases_case ON proceeding_cases(case_id);

-- Every move of a proceeding from one stage to the next, with its date.
CREATE TABLE proceeding_stages (
  id INTEGER PRIMARY KEY,
  proceeding_id INTEGER NOT NULL REFERENCES proceedings(id),
  stage TEXT NOT NULL,
  stage_date TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX proceeding_stages_proceeding ON proceeding_stages(proceeding_id, stage_date, id);

-- Charges over time: each row is the charge as it stood from CHARGE_DATE at
-- STAGE; the latest row is the charge now. A row whose article differs from
-- the one before is a requalification.
CREATE TABLE proceeding_charges (
  id INTEGER PRIMARY KEY,
  proceeding_id INTEGER NOT NULL REFERENCES proceedings(id),
  charge_date TEXT NOT NULL,
  stage TEXT NOT NULL,
  article TEXT NOT NULL,                 -- an article of the jurisdiction's criminal code, e.g. '388'
  paragraph TEXT,                        -- e.g. '1', '3'
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX proceeding_charges_proceeding ON proceeding_charges(proceeding_id, charge_date, id);

CREATE TABLE proceeding_appeals (
  id INTEGER PRIMARY KEY,
  proceeding_id INTEGER NOT NULL REFERENCES proceedings(id),
  filed_date TEXT NOT NULL,
  appellant TEXT NOT NULL CHECK ((appellant = 'prosecution' OR appellant = 'defence' OR appellant = 'injured_party')),
  decided_date TEXT,
  outcome TEXT CHECK (outcome IS NULL OR (outcome = 'upheld' OR outcome = 'overturned'
                                          OR outcome = 'modified' OR outcome = 'retrial')),
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX proceeding_appeals_proceeding ON proceeding_appeals(proceeding_id);

-- A hearing at which a victim (a case of the proceeding) appeared, and the
-- protective measures requested, granted and actually carried out there.
CREATE TABLE hearings (
  id INTEGER PRIMARY KEY,
  proceeding_id INTEGER NOT NULL REFERENCES proceedings(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),
  hearing_date TEXT NOT NULL,
  confrontation INTEGER CHECK (confrontation IS NULL OR confrontation IN (0, 1)),  -- the victim faced the defendant
  note BLOB,                             -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX hearings_case ON hearings(case_id, hearing_date);
CREATE INDEX hearings_proceeding ON hearings(proceeding_id, hearing_date);

CREATE TABLE hearing_measures (
  hearing_id INTEGER NOT NULL REFERENCES hearings(id),
  measure TEXT NOT NULL,                 -- especially_vulnerable_witness, video_link, no_confrontation, closed_hearing, anonymity, support_person, other
  requested INTEGER NOT NULL CHECK (requested IN (0, 1)),
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  carried_out INTEGER CHECK (carried_out IS NULL OR carried_out IN (0, 1)),
  PRIMARY KEY (hearing_id, measure)
) STRICT, WITHOUT ROWID;

-- Compensation claimed by the victim, by forum, with what was awarded and paid.
CREATE TABLE compensation_claims (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  proceeding_id INTEGER REFERENCES proceedings(id),
  forum TEXT NOT NULL CHECK ((forum = 'criminal' OR forum = 'civil' OR forum = 'state_fund')),
  claimed_date TEXT NOT NULL,
  amount_claimed INTEGER CHECK (amount_claimed IS NULL OR amount_claimed >= 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  status TEXT NOT NULL CHECK ((status = 'pending' OR status = 'awarded' OR status = 'rejected' OR status = 'withdrawn')),
  award_date TEXT,
  amount_awarded INTEGER CHECK (amount_awarded IS NULL OR amount_awarded >= 0),
  amount_paid INTEGER CHECK (amount_paid IS NULL OR amount_paid >= 0),
  paid_date TEXT,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX compensation_claims_case ON compensation_claims(case_id);
CREATE INDEX compensation_claims_proceeding ON compensation_claims(proceeding_id);

-- Threats and intimidation against the victim, and the protection given.
CREATE TABLE threats (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  proceeding_id INTEGER REFERENCES proceedings(id),
  threat_date TEXT NOT NULL,
  kind TEXT NOT NULL,                    -- threat, intimidation, violence, threat_to_family, other
  source TEXT,                           -- perpetrator, associate, unknown, other
  note BLOB,                             -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX threats_case ON threats(case_id, threat_date);

CREATE TABLE protection_measures (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  threat_id INTEGER REFERENCES threats(id),  -- the threat it answers, when one
  measure TEXT NOT NULL,                 -- police_protection, witness_protection_programme, relocation, safe_accommodation, restraining_order, other
  start_date TEXT NOT NULL,
  end_date TEXT,
  note BLOB,                             -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX protection_measures_case ON protection_measures(case_id, start_date);

-- Proceedings against the victim (misdemeanour or criminal): the record a
-- non-punishment assessment is made against.
CREATE TABLE victim_proceedings (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  kind TEXT NOT NULL CHECK ((kind = 'misdemeanour' OR kind = 'criminal')),
  offence TEXT NOT NULL,                 -- prostitution, begging, immigration, document_fraud, theft, drugs, labour, other
  offence_date TEXT,
  during_exploitation INTEGER CHECK (during_exploitation IS NULL OR during_exploitation IN (0, 1)),
  authority TEXT,                        -- the court or body, by name
  outcome TEXT NOT NULL CHECK ((outcome = 'pending' OR outcome = 'penalty' OR outcome = 'acquitted'
                                OR outcome = 'dismissed' OR outcome = 'not_punished')),
  penalty TEXT CHECK (penalty IS NULL OR (penalty = 'fine' OR penalty = 'prison' OR penalty = 'probation' OR penalty = 'other')),
  outcome_date TEXT,
  non_punishment_assessed INTEGER NOT NULL DEFAULT 0 CHECK (non_punishment_assessed IN (0, 1)),
  assessment_date TEXT,
  note BLOB,                             -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX victim_proceedings_case ON victim_proceedings(case_id);

-- Removals, expulsions and deportations of the person.
CREATE TABLE removals (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  removal_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK ((kind = 'removal' OR kind = 'expulsion' OR kind = 'deportation' OR kind = 'forced_return')),
  authority TEXT,
  note BLOB,                             -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX removals_case ON removals(case_id, removal_date);

-- An identity disclosed to a party without a need to know (an incident).
CREATE TABLE identity_disclosures (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  disclosure_date TEXT NOT NULL,
  recipient TEXT NOT NULL,               -- employer, landlord, media, public, authority, other
  channel TEXT NOT NULL,                 -- residence_document, document, referral, export, verbal, other
  note BLOB,                             -- sealed
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX identity_disclosures_case ON identity_disclosures(case_id);

-- Compliance alerts. One row per rule, case and subject (the record inside
-- the case it is about, e.g. 'service:12'; for a register-wide rule the
-- period and the breakdown, e.g. '2024:medical'). Message and detail hold
-- codes and numbers only, never personal data; a justification is sealed.
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),                  -- NULL for a register-wide rule
  organisation_id INTEGER REFERENCES organisations(id),  -- the case's owner, for scope
  subject TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL CHECK ((severity = 'high' OR severity = 'medium' OR severity = 'low')),
  status TEXT NOT NULL CHECK ((status = 'open' OR status = 'resolved' OR status = 'justified')),
  message TEXT NOT NULL,
  detail TEXT,                           -- JSON, codes and numbers
  raised_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by INTEGER REFERENCES users(id),  -- NULL with resolved_at: the data no longer shows it
  justification BLOB                     -- sealed reason
) STRICT;
CREATE UNIQUE INDEX alerts_key ON alerts(rule, ifnull(case_id, 0), subject);
CREATE INDEX alerts_status ON alerts(status, rule);
CREATE INDEX alerts_case ON alerts(case_id, status);

CREATE TABLE alert_events (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  action TEXT NOT NULL CHECK ((action = 'raised' OR action = 'reopened' OR action = 'resolved'
                               OR action = 'justified' OR action = 'cleared')),
  at INTEGER NOT NULL,
  by_user INTEGER REFERENCES users(id),  -- NULL: Lantern itself
  note BLOB                              -- sealed
) STRICT;
CREATE INDEX alert_events_alert ON alert_events(alert_id, id);

