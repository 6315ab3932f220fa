/* The audit log and its head record. */
#include "store/sqlite_internal.h"

/* --- audit log --- */

lt_err lt_store_audit_last(struct lt_store *s, int64_t *id, unsigned char hash[32])
{
	static const char sql[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	*id = 0;
	memset(hash, 0, 32);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		const void *h = sqlite3_column_blob(st, 1);
		if (h && sqlite3_column_bytes(st, 1) == 32)
			memcpy(hash, h, 32);
	} else if (step != SQLITE_DONE) {
		rc = lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}


lt_err lt_store_audit_insert(struct lt_store *s, const struct lt_audit_row *row)
{
	static const char sql[] =
		"INSERT INTO audit_log(id, at, actor_kind, actor_user_id, action, object_type, "
		"object_id, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, row->id);
	sqlite3_bind_int64(st, 2, row->at);
	sqlite3_bind_text(st, 3, row->actor_kind, -1, SQLITE_STATIC);
	if (row->actor_user_id)
		sqlite3_bind_int64(st, 4, row->actor_user_id);
	sqlite3_bind_text(st, 5, row->action, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 6, row->object_type);
	if (row->object_id)
		sqlite3_bind_int64(st, 7, row->object_id);
	sqlite3_bind_text(st, 8, row->outcome, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 9, row->detail);
	sqlite3_bind_blob(st, 10, row->prev_hash, 32, SQLITE_STATIC);
	sqlite3_bind_blob(st, 11, row->hash, 32, SQLITE_STATIC);
	return lt_sq_exec(s, st);
}

lt_err lt_store_audit_list(struct lt_store *s, const struct lt_audit_filter *f,
			   lt_err (*cb)(void *ctx, const struct lt_audit_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT id, at, actor_kind, coalesce(actor_user_id, 0), action, "
		"coalesce(object_type, ''), coalesce(object_id, 0), outcome, coalesce(detail, ''), "
		"prev_hash, hash FROM audit_log WHERE id > ?1 "
		"AND (?2 IS NULL OR action = ?2) AND (?3 IS NULL OR object_type = ?3) "
		"AND (?4 = 0 OR object_id = ?4) AND (?5 = 0 OR actor_user_id = ?5) "
		"AND (?6 = 0 OR at >= ?6) AND (?7 = 0 OR at <= ?7) ORDER BY id LIMIT ?8";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, f->after_id);
	lt_sq_bind_text_or_null(st, 2, f->action);
	lt_sq_bind_text_or_null(st, 3, f->object_type);
	sqlite3_bind_int64(st, 4, f->object_id);
	sqlite3_bind_int64(st, 5, f->actor_user_id);
	sqlite3_bind_int64(st, 6, f->since);
	sqlite3_bind_int64(st, 7, f->until);
	sqlite3_bind_int64(st, 8, f->limit > 0 ? f->limit : -1);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_audit_row row;
		memset(&row, 0, sizeof(row));
		row.id = sqlite3_column_int64(st, 0);
		row.at = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, row.actor_kind, sizeof(row.actor_kind));
		row.actor_user_id = sqlite3_column_int64(st, 3);
		lt_sq_col_text(st, 4, row.action, sizeof(row.action));
		lt_sq_col_text(st, 5, row.object_type, sizeof(row.object_type));
		row.object_id = sqlite3_column_int64(st, 6);
		lt_sq_col_text(st, 7, row.outcome, sizeof(row.outcome));
		lt_sq_col_text(st, 8, row.detail, sizeof(row.detail));
		const void *ph = sqlite3_column_blob(st, 9), *h = sqlite3_column_blob(st, 10);
		if (ph && sqlite3_column_bytes(st, 9) == 32)
			memcpy(row.prev_hash, ph, 32);
		if (h && sqlite3_column_bytes(st, 10) == 32)
			memcpy(row.hash, h, 32);
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_audit_head_set(struct lt_store *s, const unsigned char mac[32])
{
	static const char sql[] =
		"INSERT INTO audit_head(id, mac) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET mac = excluded.mac";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, mac, 32, SQLITE_STATIC);
	return lt_sq_exec(s, st);
}

lt_err lt_store_audit_head_get(struct lt_store *s, unsigned char mac[32])
{
	static const char sql[] = "SELECT mac FROM audit_head WHERE id = 1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32)
		memcpy(mac, sqlite3_column_blob(st, 0), 32);
	else
		rc = step == SQLITE_ROW || step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
