/* Organisations, users, sessions, API tokens and failed logins. */
#include "store/sqlite_internal.h"

#include "base/str.h"

/* --- organisations --- */

#define ORG_COLS "id, name, kind, created_at"

static void read_org(sqlite3_stmt *st, int base, struct lt_org_row *row)
{
	row->id = sqlite3_column_int64(st, base);
	lt_sq_col_text(st, base + 1, row->name, sizeof(row->name));
	lt_sq_col_text(st, base + 2, row->kind, sizeof(row->kind));
	row->created_at = sqlite3_column_int64(st, base + 3);
}

lt_err lt_store_org_insert(struct lt_store *s, const char *name, const char *kind, int64_t now,
			   int64_t *id)
{
	static const char sql[] =
		"INSERT INTO organisations(name, kind, created_at) VALUES (?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

static lt_err org_one(struct lt_store *s, sqlite3_stmt *st, struct lt_org_row *row)
{
	int rc = sqlite3_step(st);
	lt_err err = LT_OK;
	if (rc == SQLITE_ROW)
		read_org(st, 0, row);
	else
		err = rc == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, rc);
	sqlite3_reset(st);
	return err;
}

lt_err lt_store_org_by_name(struct lt_store *s, const char *name, struct lt_org_row *row)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM organisations WHERE name = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return org_one(s, st, row);
}

lt_err lt_store_org_get(struct lt_store *s, int64_t id, struct lt_org_row *row)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM organisations WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return org_one(s, st, row);
}

lt_err lt_store_org_list(struct lt_store *s, lt_err (*cb)(void *ctx, const struct lt_org_row *row),
			 void *ctx)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM organisations ORDER BY name";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_org_row row;
		read_org(st, 0, &row);
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- users --- */

#define USER_COLUMNS                                                                        \
	"u.id, u.username, u.password_hash, u.role, u.disabled, u.created_at, o.id, o.name, " \
	"o.kind, o.created_at"
#define USER_COLS 10 /* the number of USER_COLUMNS, where a joined row's own columns start */
#define USER_SELECT \
	"SELECT " USER_COLUMNS " FROM users u JOIN organisations o ON o.id = u.organisation_id "

static void read_user(sqlite3_stmt *st, struct lt_user_row *row)
{
	row->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, row->username, sizeof(row->username));
	lt_sq_col_text(st, 2, row->password_hash, sizeof(row->password_hash));
	lt_sq_col_text(st, 3, row->role, sizeof(row->role));
	row->disabled = sqlite3_column_int(st, 4) != 0;
	row->created_at = sqlite3_column_int64(st, 5);
	read_org(st, 6, &row->org);
}

static lt_err user_one(struct lt_store *s, sqlite3_stmt *st, struct lt_user_row *row)
{
	int rc = sqlite3_step(st);
	lt_err err = LT_OK;
	if (rc == SQLITE_ROW)
		read_user(st, row);
	else
		err = rc == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, rc);
	sqlite3_reset(st);
	return err;
}

lt_err lt_store_user_insert(struct lt_store *s, const char *username, const char *password_hash,
			    const char *role, int64_t org_id, int64_t now, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO users(username, password_hash, role, organisation_id, created_at, "
		"password_changed_at) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, password_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, org_id);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, now);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_user_by_name(struct lt_store *s, const char *username, struct lt_user_row *row)
{
	static const char sql[] = USER_SELECT "WHERE u.username = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	return user_one(s, st, row);
}

lt_err lt_store_user_get(struct lt_store *s, int64_t id, struct lt_user_row *row)
{
	static const char sql[] = USER_SELECT "WHERE u.id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return user_one(s, st, row);
}

lt_err lt_store_user_list(struct lt_store *s,
			  lt_err (*cb)(void *ctx, const struct lt_user_row *row), void *ctx)
{
	static const char sql[] = USER_SELECT "ORDER BY u.username";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_user_row row;
		read_user(st, &row);
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_user_set_disabled(struct lt_store *s, int64_t id, bool disabled)
{
	static const char sql[] = "UPDATE users SET disabled = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, disabled ? 1 : 0);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_user_set_password(struct lt_store *s, int64_t id, const char *hash, int64_t now)
{
	static const char sql[] =
		"UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

/* --- sessions and tokens --- */

lt_err lt_store_session_insert(struct lt_store *s, const unsigned char hash[32], const char *csrf,
			       int64_t user_id, int64_t now)
{
	static const char sql[] =
		"INSERT INTO sessions(token_hash, csrf_token, user_id, created_at, last_seen_at) "
		"VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	return lt_sq_exec(s, st);
}

lt_err lt_store_session_get(struct lt_store *s, const unsigned char hash[32],
			    struct lt_session_row *row, struct lt_user_row *user)
{
	/* One read for both, as this runs on every request. */
	static const char sql[] =
		"SELECT " USER_COLUMNS ", x.id, x.csrf_token, x.created_at, x.last_seen_at "
		"FROM sessions x JOIN users u ON u.id = x.user_id "
		"JOIN organisations o ON o.id = u.organisation_id WHERE x.token_hash = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_user(st, user);
		row->user_id = user->id;
		row->id = sqlite3_column_int64(st, USER_COLS);
		lt_sq_col_text(st, USER_COLS + 1, row->csrf_token, sizeof(row->csrf_token));
		row->created_at = sqlite3_column_int64(st, USER_COLS + 2);
		row->last_seen_at = sqlite3_column_int64(st, USER_COLS + 3);
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_session_touch(struct lt_store *s, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE sessions SET last_seen_at = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return lt_sq_exec(s, st);
}

lt_err lt_store_session_delete(struct lt_store *s, int64_t id)
{
	static const char sql[] = "DELETE FROM sessions WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return lt_sq_exec(s, st);
}

lt_err lt_store_session_delete_user(struct lt_store *s, int64_t user_id, int64_t keep_id)
{
	static const char sql[] = "DELETE FROM sessions WHERE user_id = ? AND id != ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, keep_id);
	return lt_sq_exec(s, st);
}

lt_err lt_store_token_insert(struct lt_store *s, const unsigned char hash[32], int64_t user_id,
			     const char *label, int64_t now, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO api_tokens(token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_token_get(struct lt_store *s, const unsigned char hash[32], int64_t *id,
			  int64_t *last_used_at, struct lt_user_row *user)
{
	static const char sql[] =
		"SELECT " USER_COLUMNS ", t.id, coalesce(t.last_used_at, 0) "
		"FROM api_tokens t JOIN users u ON u.id = t.user_id "
		"JOIN organisations o ON o.id = u.organisation_id "
		"WHERE t.token_hash = ? AND t.revoked_at IS NULL";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_user(st, user);
		*id = sqlite3_column_int64(st, USER_COLS);
		*last_used_at = sqlite3_column_int64(st, USER_COLS + 1);
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_token_revoke(struct lt_store *s, int64_t id, int64_t user_id, int64_t now,
			     int *count)
{
	static const char sql[] = "UPDATE api_tokens SET revoked_at = ?1 WHERE revoked_at IS NULL "
				  "AND user_id = ?2 AND (?3 = 0 OR id = ?3)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*count = sqlite3_changes(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_token_touch(struct lt_store *s, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return lt_sq_exec(s, st);
}

/* --- failed logins --- */

lt_err lt_store_login_failure_add(struct lt_store *s, int64_t user_id, int64_t now)
{
	static const char sql[] = "INSERT INTO login_failures(user_id, at) VALUES (?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, now);
	return lt_sq_exec(s, st);
}

lt_err lt_store_login_failure_count(struct lt_store *s, int64_t user_id, int64_t since, int *count,
				    int64_t *oldest)
{
	static const char sql[] = "SELECT count(*), coalesce(min(at), 0) FROM login_failures "
				  "WHERE user_id = ? AND at >= ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, since);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*count = sqlite3_column_int(st, 0);
		*oldest = sqlite3_column_int64(st, 1);
	} else {
		rc = lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_login_failure_clear(struct lt_store *s, int64_t user_id)
{
	static const char sql[] = "DELETE FROM login_failures WHERE user_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	return lt_sq_exec(s, st);
}
