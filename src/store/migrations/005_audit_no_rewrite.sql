-- INSERT OR REPLACE deletes the old row without firing the delete trigger
-- (unless a connection turns recursive triggers on), so refuse any insert
-- that does not come after the last row.
CREATE TRIGGER audit_log_no_rewrite BEFORE INSERT ON audit_log
WHEN NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_log)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
