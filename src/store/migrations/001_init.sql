-- Lantern schema, version 1: organisations, accounts, sessions, persons
-- (identity sealed), and the hash-chained audit log.

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK ((kind = 'center' OR kind = 'social_welfare' OR kind = 'ngo' OR kind = 'shelter' OR kind = 'police' OR kind = 'prosecution' OR kind = 'court' OR kind = 'labour_inspection' OR kind = 'health' OR kind = 'foreign_mechanism' OR kind = 'international_org' OR kind = 'administration' OR kind = 'other')),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK ((role = 'admin' OR role = 'coordinator' OR role = 'caseworker' OR role = 'prosecutor_liaison' OR role = 'analyst' OR role = 'auditor')),
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
) STRICT;

-- Only keyed hashes of the secrets are stored.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,
  csrf_token TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash BLOB NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
) STRICT;

CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL
) STRICT;
CREATE INDEX login_failures_user_at ON login_failures(user_id, at);

-- Identifying fields are sealed blobs; *_index are keyed blind indexes.
CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  sex TEXT NOT NULL CHECK ((sex = 'female' OR sex = 'male' OR sex = 'other' OR sex = 'unknown')),
  birth_year INTEGER,
  given_name BLOB,
  family_name BLOB,
  name_index BLOB,
  family_name_index BLOB,
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX persons_name_index ON persons(name_index);
CREATE INDEX persons_family_name_index ON persons(family_name_index);
CREATE INDEX persons_organisation ON persons(organisation_id);

-- Ids and codes only, never identities. Append-only: the triggers stop the
-- application from changing history by mistake; the hash chain catches
-- anyone who goes around them.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL CHECK ((actor_kind = 'user' OR actor_kind = 'cli' OR actor_kind = 'system')),
  actor_user_id INTEGER,
  action TEXT NOT NULL,
  object_type TEXT,
  object_id INTEGER,
  outcome TEXT NOT NULL,
  detail TEXT,
  prev_hash BLOB NOT NULL,
  hash BLOB NOT NULL
) STRICT;
CREATE INDEX audit_log_action ON audit_log(action);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- A MAC over the last row's id and hash, rewritten with every append, so
-- that cutting rows off the end of the log is detected as well.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  mac BLOB NOT NULL
) STRICT;
