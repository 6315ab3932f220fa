-- Lantern schema, version 3: what the assistance part of a case needs on top
-- of version 2 (reflection periods, services and referrals already exist).

-- A period has a decision date of its own (a refusal has no start date; a
-- grant may come after the period it grants began), and a note when it ends
-- besides the note given when it was granted or refused (grounds_note).
ALTER TABLE reflection_periods ADD COLUMN decision_date TEXT;
ALTER TABLE reflection_periods ADD COLUMN end_note BLOB;     -- sealed
CREATE INDEX reflection_periods_open ON reflection_periods(case_id, status);

ALTER TABLE case_services ADD COLUMN updated_at INTEGER;

-- Every act on a referral (sent, accepted, rejected, completed, revoked),
-- with its date, who did it and a sealed note. Removed with its referral.
CREATE TABLE referral_events (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK ((action = 'sent' OR action = 'accepted' OR action = 'rejected' OR action = 'completed' OR action = 'revoked')),
  event_date TEXT NOT NULL,
  note BLOB,                             -- sealed
  actor_user_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX referral_events_referral ON referral_events(referral_id, id);
CREATE INDEX referrals_from ON referrals(from_org, status);
