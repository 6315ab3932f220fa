/* The SQLite implementation of store.h. */
#include "store/store.h"
#include "base/buf.h"
#include "base/embed.h"
#include "base/str.h"
#include <sqlite3.h>

#define STMT_CACHE 64

struct lt_store {
	sqlite3 *db;
	struct {
		const char *sql; /* statements are keyed by the address of their static text */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	size_t ncached;
	bool in_tx;
};

static lt_err db_err(struct lt_store *s, int rc)
{
	if (rc == SQLITE_CONSTRAINT)
		return LT_ERR_CONFLICT;
	if (rc == SQLITE_NOMEM)
		return LT_ERR_NOMEM;
	if (rc == SQLITE_IOERR || rc == SQLITE_FULL || rc == SQLITE_CANTOPEN)
		return LT_ERR_IO;
	(void)s;
	return LT_ERR_DB;
}

/* A prepared statement for static SQL text, reset and ready to bind. */
static lt_err stmt(struct lt_store *s, const char *sql, sqlite3_stmt **out)
{
	for (size_t i = 0; i < s->ncached; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			*out = s->cache[i].stmt;
			return LT_OK;
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK)
		return db_err(s, rc);
	if (s->ncached < STMT_CACHE) {
		s->cache[s->ncached].sql = sql;
		s->cache[s->ncached].stmt = st;
		s->ncached++;
	} else {
		/* The cache is sized for every statement in this file; running out is a bug. */
		sqlite3_finalize(st);
		return LT_ERR_INTERNAL;
	}
	*out = st;
	return LT_OK;
}

/* Steps a statement that returns no rows. */
static lt_err exec_stmt(struct lt_store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	lt_err err = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? LT_OK : db_err(s, rc);
	sqlite3_reset(st);
	return err;
}

static void col_text(sqlite3_stmt *st, int col, char *dst, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	lt_str_copy(dst, cap, t ? (const char *)t : "");
}

static lt_err exec_sql(struct lt_store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	return rc == SQLITE_OK ? LT_OK : db_err(s, rc);
}

lt_err lt_store_open(const char *path, bool create, struct lt_store **out, struct lt_problem *p)
{
	struct lt_store *s = calloc(1, sizeof(*s));
	if (!s)
		return lt_problem_set(p, LT_ERR_NOMEM, "out of memory");
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
	if (rc != SQLITE_OK) {
		lt_problem_set(p, LT_ERR_IO, "cannot open the database %s: %s", path,
			       s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		lt_store_free(s);
		return LT_ERR_IO;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, 10000);
	/* WAL with synchronous=FULL: nothing acknowledged is lost, even on power loss. */
	lt_err err = exec_sql(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
				 "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;");
	if (err) {
		lt_problem_set(p, err, "cannot configure the database %s: %s", path,
			       sqlite3_errmsg(s->db));
		lt_store_free(s);
		return err;
	}
	*out = s;
	return LT_OK;
}

void lt_store_free(struct lt_store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncached; i++)
		sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close_v2(s->db);
	free(s);
}

lt_err lt_store_begin(struct lt_store *s)
{
	lt_err rc = exec_sql(s, "BEGIN IMMEDIATE");
	if (!rc)
		s->in_tx = true;
	return rc;
}

lt_err lt_store_commit(struct lt_store *s)
{
	lt_err rc = exec_sql(s, "COMMIT");
	if (rc)
		lt_store_rollback(s);
	s->in_tx = false;
	return rc;
}

void lt_store_rollback(struct lt_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		exec_sql(s, "ROLLBACK");
	s->in_tx = false;
}

lt_err lt_store_checkpoint(struct lt_store *s)
{
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return rc == SQLITE_OK ? LT_OK : db_err(s, rc);
}

lt_err lt_store_schema_version(struct lt_store *s, int *version)
{
	static const char sql[] = "SELECT coalesce(max(version), 0) FROM schema_version";
	sqlite3_stmt *st;
	*version = 0;
	if (stmt(s, sql, &st))
		return LT_OK; /* no table yet: an empty database */
	if (sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return LT_OK;
}

lt_err lt_store_migrate(struct lt_store *s, struct lt_problem *p)
{
	lt_err rc = exec_sql(s, "CREATE TABLE IF NOT EXISTS schema_version ("
				"version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
				"applied_at INTEGER NOT NULL) STRICT");
	if (rc)
		return lt_problem_set(p, rc, "cannot create schema_version: %s", sqlite3_errmsg(s->db));
	int current = 0;
	lt_store_schema_version(s, &current);
	for (const struct lt_embedded_file *m = lt_migrations_files; m->name; m++) {
		int64_t version;
		char num[16];
		size_t i = 0;
		while (i < sizeof(num) - 1 && m->name[i] >= '0' && m->name[i] <= '9') {
			num[i] = m->name[i];
			i++;
		}
		num[i] = '\0';
		if (lt_str_to_i64(num, &version) || m->name[i] != '_')
			return lt_problem_set(p, LT_ERR_INTERNAL, "migration %s is misnamed", m->name);
		if (version <= current)
			continue;
		if ((rc = lt_store_begin(s)))
			return lt_problem_set(p, rc, "cannot begin migration %s", m->name);
		rc = exec_sql(s, (const char *)m->data);
		if (rc) {
			lt_problem_set(p, rc, "migration %s failed: %s", m->name, sqlite3_errmsg(s->db));
			lt_store_rollback(s);
			return rc;
		}
		static const char ins[] =
			"INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, unixepoch())";
		sqlite3_stmt *st;
		if ((rc = stmt(s, ins, &st)) == LT_OK) {
			sqlite3_bind_int64(st, 1, version);
			sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
			rc = exec_stmt(s, st);
		}
		if (!rc)
			rc = lt_store_commit(s);
		if (rc) {
			lt_store_rollback(s);
			return lt_problem_set(p, rc, "cannot record migration %s", m->name);
		}
	}
	return LT_OK;
}

/* --- organisations --- */

#define ORG_COLS "id, name, kind, created_at"

static void read_org(sqlite3_stmt *st, int base, struct lt_org_row *row)
{
	row->id = sqlite3_column_int64(st, base);
	col_text(st, base + 1, row->name, sizeof(row->name));
	col_text(st, base + 2, row->kind, sizeof(row->kind));
	row->created_at = sqlite3_column_int64(st, base + 3);
}

lt_err lt_store_org_insert(struct lt_store *s, const char *name, const char *kind, int64_t now,
			   int64_t *id)
{
	static const char sql[] =
		"INSERT INTO organisations(name, kind, created_at) VALUES (?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	if ((rc = exec_stmt(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	return LT_OK;
}

static lt_err org_one(struct lt_store *s, sqlite3_stmt *st, struct lt_org_row *row)
{
	int rc = sqlite3_step(st);
	lt_err err = LT_OK;
	if (rc == SQLITE_ROW)
		read_org(st, 0, row);
	else
		err = rc == SQLITE_DONE ? LT_ERR_NOT_FOUND : db_err(s, rc);
	sqlite3_reset(st);
	return err;
}

lt_err lt_store_org_by_name(struct lt_store *s, const char *name, struct lt_org_row *row)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM organisations WHERE name = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	return org_one(s, st, row);
}

lt_err lt_store_org_get(struct lt_store *s, int64_t id, struct lt_org_row *row)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM organisations WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
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
	lt_err rc = stmt(s, sql, &st);
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
		rc = db_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- users --- */

#define USER_SELECT                                                                       \
	"SELECT u.id, u.username, u.password_hash, u.role, u.disabled, u.created_at, o.id, " \
	"o.name, o.kind, o.created_at FROM users u JOIN organisations o ON o.id = u.organisation_id "

static void read_user(sqlite3_stmt *st, struct lt_user_row *row)
{
	row->id = sqlite3_column_int64(st, 0);
	col_text(st, 1, row->username, sizeof(row->username));
	col_text(st, 2, row->password_hash, sizeof(row->password_hash));
	col_text(st, 3, row->role, sizeof(row->role));
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
		err = rc == SQLITE_DONE ? LT_ERR_NOT_FOUND : db_err(s, rc);
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
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, password_hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, org_id);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, now);
	if ((rc = exec_stmt(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	return LT_OK;
}

lt_err lt_store_user_by_name(struct lt_store *s, const char *username, struct lt_user_row *row)
{
	static const char sql[] = USER_SELECT "WHERE u.username = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, username, -1, SQLITE_STATIC);
	return user_one(s, st, row);
}

lt_err lt_store_user_get(struct lt_store *s, int64_t id, struct lt_user_row *row)
{
	static const char sql[] = USER_SELECT "WHERE u.id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
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
	lt_err rc = stmt(s, sql, &st);
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
		rc = db_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_user_set_disabled(struct lt_store *s, int64_t id, bool disabled)
{
	static const char sql[] = "UPDATE users SET disabled = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int(st, 1, disabled ? 1 : 0);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = exec_stmt(s, st)))
		return rc;
	return sqlite3_changes(s->db) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_user_set_password(struct lt_store *s, int64_t id, const char *hash, int64_t now)
{
	static const char sql[] =
		"UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if ((rc = exec_stmt(s, st)))
		return rc;
	return sqlite3_changes(s->db) ? LT_OK : LT_ERR_NOT_FOUND;
}

/* --- sessions and tokens --- */

lt_err lt_store_session_insert(struct lt_store *s, const unsigned char hash[32], const char *csrf,
			       int64_t user_id, int64_t now)
{
	static const char sql[] =
		"INSERT INTO sessions(token_hash, csrf_token, user_id, created_at, last_seen_at) "
		"VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, csrf, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now);
	return exec_stmt(s, st);
}

lt_err lt_store_session_get(struct lt_store *s, const unsigned char hash[32],
			    struct lt_session_row *row)
{
	static const char sql[] = "SELECT id, user_id, csrf_token, created_at, last_seen_at "
				  "FROM sessions WHERE token_hash = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		row->id = sqlite3_column_int64(st, 0);
		row->user_id = sqlite3_column_int64(st, 1);
		col_text(st, 2, row->csrf_token, sizeof(row->csrf_token));
		row->created_at = sqlite3_column_int64(st, 3);
		row->last_seen_at = sqlite3_column_int64(st, 4);
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : db_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_session_touch(struct lt_store *s, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE sessions SET last_seen_at = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return exec_stmt(s, st);
}

lt_err lt_store_session_delete(struct lt_store *s, int64_t id)
{
	static const char sql[] = "DELETE FROM sessions WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return exec_stmt(s, st);
}

lt_err lt_store_session_delete_user(struct lt_store *s, int64_t user_id, int64_t keep_id)
{
	static const char sql[] = "DELETE FROM sessions WHERE user_id = ? AND id != ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, keep_id);
	return exec_stmt(s, st);
}

lt_err lt_store_token_insert(struct lt_store *s, const unsigned char hash[32], int64_t user_id,
			     const char *label, int64_t now, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO api_tokens(token_hash, user_id, label, created_at) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, label, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now);
	if ((rc = exec_stmt(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	return LT_OK;
}

lt_err lt_store_token_get(struct lt_store *s, const unsigned char hash[32], int64_t *id,
			  int64_t *user_id, int64_t *last_used_at)
{
	static const char sql[] = "SELECT id, user_id, coalesce(last_used_at, 0) FROM api_tokens "
				  "WHERE token_hash = ? AND revoked_at IS NULL";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*user_id = sqlite3_column_int64(st, 1);
		*last_used_at = sqlite3_column_int64(st, 2);
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : db_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_token_touch(struct lt_store *s, int64_t id, int64_t now)
{
	static const char sql[] = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_int64(st, 2, id);
	return exec_stmt(s, st);
}

/* --- failed logins --- */

lt_err lt_store_login_failure_add(struct lt_store *s, int64_t user_id, int64_t now)
{
	static const char sql[] = "INSERT INTO login_failures(user_id, at) VALUES (?, ?)";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, now);
	return exec_stmt(s, st);
}

lt_err lt_store_login_failure_count(struct lt_store *s, int64_t user_id, int64_t since, int *count,
				    int64_t *oldest)
{
	static const char sql[] = "SELECT count(*), coalesce(min(at), 0) FROM login_failures "
				  "WHERE user_id = ? AND at >= ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, since);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*count = sqlite3_column_int(st, 0);
		*oldest = sqlite3_column_int64(st, 1);
	} else {
		rc = db_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_login_failure_clear(struct lt_store *s, int64_t user_id)
{
	static const char sql[] = "DELETE FROM login_failures WHERE user_id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, user_id);
	return exec_stmt(s, st);
}

/* --- persons --- */

lt_err lt_store_person_insert(struct lt_store *s, int64_t org_id, const char *sex,
			      int64_t birth_year, int64_t created_by, int64_t now, int64_t *id)
{
	static const char sql[] = "INSERT INTO persons(organisation_id, sex, birth_year, "
				  "created_at, created_by) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, sex, -1, SQLITE_STATIC);
	if (birth_year)
		sqlite3_bind_int64(st, 3, birth_year);
	sqlite3_bind_int64(st, 4, now);
	if (created_by)
		sqlite3_bind_int64(st, 5, created_by);
	if ((rc = exec_stmt(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	return LT_OK;
}

static void bind_buf(sqlite3_stmt *st, int col, const struct lt_buf *b)
{
	if (b && b->data)
		sqlite3_bind_blob(st, col, b->data, (int)b->len, SQLITE_STATIC);
}

lt_err lt_store_person_set_identity(struct lt_store *s, int64_t id, const struct lt_buf *given,
				    const struct lt_buf *family, const unsigned char *name_index,
				    const unsigned char *family_index)
{
	static const char sql[] = "UPDATE persons SET given_name = ?, family_name = ?, "
				  "name_index = ?, family_name_index = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	bind_buf(st, 1, given);
	bind_buf(st, 2, family);
	if (name_index)
		sqlite3_bind_blob(st, 3, name_index, 32, SQLITE_STATIC);
	if (family_index)
		sqlite3_bind_blob(st, 4, family_index, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, id);
	return exec_stmt(s, st);
}

static void read_person_head(sqlite3_stmt *st, struct lt_person_row *row)
{
	memset(row, 0, sizeof(*row));
	row->id = sqlite3_column_int64(st, 0);
	row->org_id = sqlite3_column_int64(st, 1);
	col_text(st, 2, row->sex, sizeof(row->sex));
	row->birth_year = sqlite3_column_int64(st, 3);
	row->created_at = sqlite3_column_int64(st, 4);
	row->created_by = sqlite3_column_int64(st, 5);
}

static lt_err copy_blob(sqlite3_stmt *st, int col, struct lt_arena *a, const unsigned char **out,
			size_t *len)
{
	const void *b = sqlite3_column_blob(st, col);
	int n = sqlite3_column_bytes(st, col);
	*out = NULL;
	*len = 0;
	if (!b)
		return LT_OK;
	unsigned char *copy = lt_arena_alloc(a, (size_t)n);
	if (!copy)
		return LT_ERR_NOMEM;
	memcpy(copy, b, (size_t)n);
	*out = copy;
	*len = (size_t)n;
	return LT_OK;
}

lt_err lt_store_person_get(struct lt_store *s, int64_t id, struct lt_arena *a,
			   struct lt_person_row *row)
{
	static const char sql[] =
		"SELECT id, organisation_id, sex, coalesce(birth_year, 0), created_at, "
		"coalesce(created_by, 0), given_name, family_name FROM persons WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_person_head(st, row);
		rc = copy_blob(st, 6, a, &row->given_name, &row->given_name_len);
		if (!rc)
			rc = copy_blob(st, 7, a, &row->family_name, &row->family_name_len);
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : db_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_person_find(struct lt_store *s, const unsigned char index[32], bool family,
			    int64_t org_id, lt_err (*cb)(void *ctx, const struct lt_person_row *row),
			    void *ctx)
{
	static const char by_name[] =
		"SELECT id, organisation_id, sex, coalesce(birth_year, 0), created_at, "
		"coalesce(created_by, 0) FROM persons WHERE name_index = ? "
		"AND (?2 = 0 OR organisation_id = ?2) ORDER BY id";
	static const char by_family[] =
		"SELECT id, organisation_id, sex, coalesce(birth_year, 0), created_at, "
		"coalesce(created_by, 0) FROM persons WHERE family_name_index = ? "
		"AND (?2 = 0 OR organisation_id = ?2) ORDER BY id";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, family ? by_family : by_name, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, index, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, org_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_person_row row;
		read_person_head(st, &row);
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_person_count(struct lt_store *s, int64_t org_id, int64_t *count)
{
	static const char sql[] =
		"SELECT count(*) FROM persons WHERE (?1 = 0 OR organisation_id = ?1)";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, org_id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else
		rc = db_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- audit log --- */

lt_err lt_store_audit_last(struct lt_store *s, int64_t *id, unsigned char hash[32])
{
	static const char sql[] = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
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
		rc = db_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

static void bind_text_or_null(sqlite3_stmt *st, int col, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
}

lt_err lt_store_audit_insert(struct lt_store *s, const struct lt_audit_row *row)
{
	static const char sql[] =
		"INSERT INTO audit_log(id, at, actor_kind, actor_user_id, action, object_type, "
		"object_id, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, row->id);
	sqlite3_bind_int64(st, 2, row->at);
	sqlite3_bind_text(st, 3, row->actor_kind, -1, SQLITE_STATIC);
	if (row->actor_user_id)
		sqlite3_bind_int64(st, 4, row->actor_user_id);
	sqlite3_bind_text(st, 5, row->action, -1, SQLITE_STATIC);
	bind_text_or_null(st, 6, row->object_type);
	if (row->object_id)
		sqlite3_bind_int64(st, 7, row->object_id);
	sqlite3_bind_text(st, 8, row->outcome, -1, SQLITE_STATIC);
	bind_text_or_null(st, 9, row->detail);
	sqlite3_bind_blob(st, 10, row->prev_hash, 32, SQLITE_STATIC);
	sqlite3_bind_blob(st, 11, row->hash, 32, SQLITE_STATIC);
	return exec_stmt(s, st);
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
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, f->after_id);
	bind_text_or_null(st, 2, f->action);
	bind_text_or_null(st, 3, f->object_type);
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
		col_text(st, 2, row.actor_kind, sizeof(row.actor_kind));
		row.actor_user_id = sqlite3_column_int64(st, 3);
		col_text(st, 4, row.action, sizeof(row.action));
		col_text(st, 5, row.object_type, sizeof(row.object_type));
		row.object_id = sqlite3_column_int64(st, 6);
		col_text(st, 7, row.outcome, sizeof(row.outcome));
		col_text(st, 8, row.detail, sizeof(row.detail));
		const void *ph = sqlite3_column_blob(st, 9), *h = sqlite3_column_blob(st, 10);
		if (ph && sqlite3_column_bytes(st, 9) == 32)
			memcpy(row.prev_hash, ph, 32);
		if (h && sqlite3_column_bytes(st, 10) == 32)
			memcpy(row.hash, h, 32);
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = db_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_audit_head_set(struct lt_store *s, const unsigned char mac[32])
{
	static const char sql[] =
		"INSERT INTO audit_head(id, mac) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET mac = excluded.mac";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, mac, 32, SQLITE_STATIC);
	return exec_stmt(s, st);
}

lt_err lt_store_audit_head_get(struct lt_store *s, unsigned char mac[32])
{
	static const char sql[] = "SELECT mac FROM audit_head WHERE id = 1";
	sqlite3_stmt *st;
	lt_err rc = stmt(s, sql, &st);
	if (rc)
		return rc;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32)
		memcpy(mac, sqlite3_column_blob(st, 0), 32);
	else
		rc = step == SQLITE_ROW || step == SQLITE_DONE ? LT_ERR_NOT_FOUND : db_err(s, step);
	sqlite3_reset(st);
	return rc;
}
