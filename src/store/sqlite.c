/* The SQLite implementation of store.h: connections, transactions,
 * migrations and the helpers the per-area files share. */
#include "base/embed.h"
#include "base/array.h"
#include "base/str.h"
#include "store/sqlite_internal.h"
#include <pthread.h>

lt_err lt_sq_err(struct lt_store *s, int rc)
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
lt_err lt_sq_stmt(struct lt_store *s, const char *sql, sqlite3_stmt **out)
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
		return lt_sq_err(s, rc);
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
lt_err lt_sq_exec(struct lt_store *s, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	lt_err err = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? LT_OK : lt_sq_err(s, rc);
	sqlite3_reset(st);
	return err;
}

void lt_sq_col_text(sqlite3_stmt *st, int col, char *dst, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	lt_str_copy(dst, cap, t ? (const char *)t : "");
}

lt_err lt_sq_exec_sql(struct lt_store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	return rc == SQLITE_OK ? LT_OK : lt_sq_err(s, rc);
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
	/* WAL with synchronous=FULL: nothing acknowledged is lost, even on power loss.
	 * Recursive triggers make the delete hidden in INSERT OR REPLACE fire the
	 * audit log's append-only trigger too. */
	lt_err err = lt_sq_exec_sql(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
				 "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; "
				 "PRAGMA recursive_triggers=ON; PRAGMA cache_size=-32768;");
	if (err) {
		lt_problem_set(p, err, "cannot configure the database %s: %s", path,
			       sqlite3_errmsg(s->db));
		lt_store_free(s);
		return err;
	}
	*out = s;
	return LT_OK;
}

lt_err lt_sq_stmt_text(struct lt_store *s, const char *sql, sqlite3_stmt **out)
{
	for (size_t i = 0; i < s->ndyn; i++) {
		if (strcmp(s->dyn[i].sql, sql) == 0) {
			sqlite3_reset(s->dyn[i].stmt);
			sqlite3_clear_bindings(s->dyn[i].stmt);
			*out = s->dyn[i].stmt;
			return LT_OK;
		}
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK)
		return lt_sq_err(s, rc);
	char *copy = strdup(sql);
	if (!copy) {
		sqlite3_finalize(st);
		return LT_ERR_NOMEM;
	}
	size_t slot = s->ndyn < LT_ARRAY_LEN(s->dyn) ? s->ndyn++ : s->dyn_next++ % LT_ARRAY_LEN(s->dyn);
	if (s->dyn[slot].stmt) {
		sqlite3_finalize(s->dyn[slot].stmt);
		free(s->dyn[slot].sql);
	}
	s->dyn[slot].sql = copy;
	s->dyn[slot].stmt = st;
	*out = st;
	return LT_OK;
}

void lt_store_free(struct lt_store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ndyn; i++) {
		sqlite3_finalize(s->dyn[i].stmt);
		free(s->dyn[i].sql);
	}
	for (size_t i = 0; i < s->ncached; i++)
		sqlite3_finalize(s->cache[i].stmt);
	sqlite3_close_v2(s->db);
	free(s->touched.ids);
	free(s);
}

/* True when the path no longer names the file this connection has open
 * (deleted, renamed or replaced under us): SQLite would go on acknowledging
 * writes to a file that nobody will open again. */
static bool file_moved(struct lt_store *s)
{
	int moved = 0;
	return sqlite3_file_control(s->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
	       moved;
}

/* The server's writers queue here rather than in SQLite's busy handler,
 * which sleeps 1, 2, 5, 10... ms between tries: under load those sleeps,
 * not the work, made the slowest answers. Only the server turns it on,
 * where each thread has one connection; another process (the command line)
 * still meets the busy handler. */
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static bool queue_writers;

void lt_store_queue_writers(bool on)
{
	queue_writers = on;
}

lt_err lt_store_begin(struct lt_store *s)
{
	if (s->in_tx)
		return LT_ERR_INTERNAL; /* transactions do not nest */
	if (file_moved(s))
		return LT_ERR_IO;
	s->holds_queue = queue_writers;
	if (s->holds_queue)
		pthread_mutex_lock(&write_lock);
	lt_err rc = lt_sq_exec_sql(s, "BEGIN IMMEDIATE");
	if (rc) {
		if (s->holds_queue)
			pthread_mutex_unlock(&write_lock);
		s->holds_queue = false;
		return rc;
	}
	s->in_tx = true;
	return LT_OK;
}

static void end_write(struct lt_store *s)
{
	if (s->in_tx && s->holds_queue)
		pthread_mutex_unlock(&write_lock);
	s->in_tx = false;
	s->holds_queue = false;
	s->touched.len = s->touched.next = 0;
}

lt_err lt_store_case_touch(struct lt_store *s, int64_t case_id)
{
	if (s->touched.len > s->touched.next && s->touched.ids[s->touched.len - 1] == case_id)
		return LT_OK;
	if (s->touched.len == s->touched.cap) {
		int64_t *ids = lt_array_grow(s->touched.ids, &s->touched.cap, sizeof(*ids), 16);
		if (!ids)
			return LT_ERR_NOMEM;
		s->touched.ids = ids;
	}
	s->touched.ids[s->touched.len++] = case_id;
	s->touched.sorted = false;
	return LT_OK;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

lt_err lt_store_touched_next(struct lt_store *s, int64_t *case_id)
{
	if (!s->touched.sorted) {
		/* Cases touched while the list was being taken off join what is left. */
		size_t left = s->touched.len - s->touched.next;
		/* Nothing noted yet: the list may not even be allocated. */
		if (left) {
			memmove(s->touched.ids, s->touched.ids + s->touched.next, left * sizeof(int64_t));
			qsort(s->touched.ids, left, sizeof(int64_t), cmp_id);
		}
		size_t n = 0;
		for (size_t i = 0; i < left; i++)
			if (!n || s->touched.ids[n - 1] != s->touched.ids[i])
				s->touched.ids[n++] = s->touched.ids[i];
		s->touched.len = n;
		s->touched.next = 0;
		s->touched.sorted = true;
	}
	if (s->touched.next == s->touched.len)
		return LT_ERR_NOT_FOUND;
	*case_id = s->touched.ids[s->touched.next++];
	return LT_OK;
}

lt_err lt_store_commit(struct lt_store *s)
{
	lt_err rc = lt_sq_exec_sql(s, "COMMIT");
	if (rc && !sqlite3_get_autocommit(s->db))
		lt_sq_exec_sql(s, "ROLLBACK");
	end_write(s);
	return rc;
}

void lt_store_rollback(struct lt_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		lt_sq_exec_sql(s, "ROLLBACK");
	end_write(s);
}

lt_err lt_store_read_begin(struct lt_store *s)
{
	return lt_sq_exec_sql(s, "BEGIN DEFERRED");
}

void lt_store_read_end(struct lt_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		lt_sq_exec_sql(s, "COMMIT");
}

lt_err lt_store_checkpoint(struct lt_store *s)
{
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	return rc == SQLITE_OK ? LT_OK : lt_sq_err(s, rc);
}

lt_err lt_store_schema_version(struct lt_store *s, int *version)
{
	static const char sql[] = "SELECT coalesce(max(version), 0) FROM schema_version";
	sqlite3_stmt *st;
	*version = 0;
	if (lt_sq_stmt(s, sql, &st))
		return LT_OK; /* no table yet: an empty database */
	if (sqlite3_step(st) == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return LT_OK;
}

lt_err lt_store_migrate(struct lt_store *s, struct lt_problem *p)
{
	lt_err rc = lt_sq_exec_sql(s, "CREATE TABLE IF NOT EXISTS schema_version ("
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
		rc = lt_sq_exec_sql(s, (const char *)m->data);
		if (rc) {
			lt_problem_set(p, rc, "migration %s failed: %s", m->name, sqlite3_errmsg(s->db));
			lt_store_rollback(s);
			return rc;
		}
		static const char ins[] =
			"INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, unixepoch())";
		sqlite3_stmt *st;
		if ((rc = lt_sq_stmt(s, ins, &st)) == LT_OK) {
			sqlite3_bind_int64(st, 1, version);
			sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
			rc = lt_sq_exec(s, st);
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

void lt_sq_bind_text_or_null(sqlite3_stmt *st, int col, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, col, v, -1, SQLITE_STATIC);
}

void lt_sq_bind_buf(sqlite3_stmt *st, int col, const struct lt_buf *b)
{
	if (b && b->data)
		sqlite3_bind_blob(st, col, b->data, (int)b->len, SQLITE_STATIC);
}

lt_err lt_sq_copy_blob(sqlite3_stmt *st, int col, struct lt_arena *a, const unsigned char **out,
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

void lt_sq_bind_int_or_null(sqlite3_stmt *st, int col, int64_t v, int64_t none)
{
	if (v != none)
		sqlite3_bind_int64(st, col, v);
}

lt_err lt_sq_set_blob(struct lt_store *s, const char *sql, int64_t id, const struct lt_buf *b)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	lt_sq_bind_buf(st, 1, b);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(s->db) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_sq_step_one(struct lt_store *s, sqlite3_stmt *st)
{
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		return LT_OK;
	return step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
}

lt_err lt_sq_one_int(struct lt_store *s, sqlite3_stmt *st, int64_t *out)
{
	lt_err rc = lt_sq_step_one(s, st);
	if (!rc)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}
