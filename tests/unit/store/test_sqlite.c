/* The SQLite store: schema and migrations, pragmas, how constraint failures
 * map to lt_err, transactions, the audit-log functions and the triggers
 * that keep the log append-only. Tests may talk to the file with sqlite3
 * directly, as an attacker or an administrator with a shell would. */
#include "lt_test.h"
#include "base/embed.h"
#include "store/store.h"
#include <sqlite3.h>
#include <sys/stat.h>

struct fx {
	char *dir;
	char path[600];
	struct lt_store *s;
	struct lt_problem p;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f || !(f->dir = lt_test_tmpdir()))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/lantern.db", f->dir);
	lt_problem_init(&f->p);
	if (lt_store_open(f->path, true, &f->s, &f->p) || lt_store_migrate(f->s, &f->p))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	lt_store_free(f->s);
	lt_test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* A second, independent connection to the same file. */
static sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

/* The single integer result of SQL on DB. */
static int64_t raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The highest migration number shipped in the binary. */
static int newest_migration(void)
{
	int newest = 0, n = 0;
	for (const struct lt_embedded_file *m = lt_migrations_files; m->name; m++) {
		int v = (int)strtol(m->name, NULL, 10);
		assert_true(v > 0);
		if (v > newest)
			newest = v;
		n++;
	}
	assert_true(n > 0);
	return newest;
}

static void migrate_creates_the_schema(void **state)
{
	struct fx *f = *state;
	int version = -1;
	assert_int_equal(lt_store_schema_version(f->s, &version), LT_OK);
	assert_int_equal(version, newest_migration());

	sqlite3 *db = raw_open(f->path);
	static const char *const tables[] = {"organisations", "users", "sessions", "api_tokens",
					     "login_failures", "persons", "audit_log", "audit_head",
					     "schema_version"};
	for (size_t i = 0; i < LT_ARRAY_LEN(tables); i++) {
		char sql[200];
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
			 tables[i]);
		if (raw_int(db, sql) != 1)
			fail_msg("table %s is missing after migrate", tables[i]);
	}
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' "
				     "AND tbl_name = 'audit_log'"),
			 3);
	/* Every table of ours is STRICT. */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' "
				     "AND name NOT LIKE 'sqlite_%' AND strict = 0"),
			 0);
	/* One schema_version row per migration shipped. */
	int shipped = 0;
	for (const struct lt_embedded_file *m = lt_migrations_files; m->name; m++)
		shipped++;
	assert_int_equal(raw_int(db, "SELECT count(*) FROM schema_version"), shipped);
	sqlite3_close(db);
}

static void empty_database_has_version_zero(void **state)
{
	struct fx *f = *state;
	char path[700];
	snprintf(path, sizeof(path), "%s/empty.db", f->dir);
	struct lt_store *s = NULL;
	assert_int_equal(lt_store_open(path, true, &s, &f->p), LT_OK);
	int version = -1;
	assert_int_equal(lt_store_schema_version(s, &version), LT_OK);
	assert_int_equal(version, 0);
	lt_store_free(s);
}

static void migrate_is_idempotent(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = raw_open(f->path);
	int64_t rows = raw_int(db, "SELECT count(*) FROM schema_version");
	int64_t stamp = raw_int(db, "SELECT sum(applied_at * version) FROM schema_version");
	int64_t objects = raw_int(db, "SELECT count(*) FROM sqlite_schema");
	sqlite3_close(db);

	/* Again on the same connection, then on a fresh one. */
	assert_int_equal(lt_store_migrate(f->s, &f->p), LT_OK);
	struct lt_store *s2 = NULL;
	assert_int_equal(lt_store_open(f->path, false, &s2, &f->p), LT_OK);
	assert_int_equal(lt_store_migrate(s2, &f->p), LT_OK);
	int version = 0;
	assert_int_equal(lt_store_schema_version(s2, &version), LT_OK);
	assert_int_equal(version, newest_migration());
	lt_store_free(s2);

	db = raw_open(f->path);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM schema_version"), rows);
	assert_int_equal(raw_int(db, "SELECT sum(applied_at * version) FROM schema_version"), stamp);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_schema"), objects);
	sqlite3_close(db);
}

static void journal_mode_is_wal(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = raw_open(f->path);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(db);
	/* The WAL file exists beside the database while our connection is open. */
	char wal[700];
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	struct stat sb;
	assert_int_equal(stat(wal, &sb), 0);
}

static void unique_and_check_violations_are_conflicts(void **state)
{
	struct fx *f = *state;
	int64_t org = 0, org2 = 0, user = 0, user2 = 0, tok = 0, tok2 = 0;
	assert_int_equal(lt_store_org_insert(f->s, "Center", "center", 100, &org), LT_OK);
	assert_int_equal(lt_store_org_insert(f->s, "Center", "ngo", 101, &org2), LT_ERR_CONFLICT);
	/* The CHECK on kinds and roles and the foreign keys are constraints too. */
	assert_int_equal(lt_store_org_insert(f->s, "Other", "bakery", 101, &org2), LT_ERR_CONFLICT);
	assert_int_equal(lt_store_user_insert(f->s, "ana", "h", "caseworker", org, 100, &user), LT_OK);
	assert_int_equal(lt_store_user_insert(f->s, "ana", "h", "analyst", org, 101, &user2),
			 LT_ERR_CONFLICT);
	assert_int_equal(lt_store_user_insert(f->s, "bob", "h", "king", org, 101, &user2),
			 LT_ERR_CONFLICT);
	assert_int_equal(lt_store_user_insert(f->s, "bob", "h", "analyst", 9999, 101, &user2),
			 LT_ERR_CONFLICT);

	unsigned char h[32];
	memset(h, 0xAB, sizeof(h));
	assert_int_equal(lt_store_session_insert(f->s, h, "csrf", user, 100), LT_OK);
	assert_int_equal(lt_store_session_insert(f->s, h, "csrf2", user, 101), LT_ERR_CONFLICT);
	assert_int_equal(lt_store_token_insert(f->s, h, user, "ci", 100, &tok), LT_OK);
	assert_int_equal(lt_store_token_insert(f->s, h, user, "ci2", 100, &tok2), LT_ERR_CONFLICT);

	/* An audit row whose id is taken. */
	struct lt_audit_row r;
	memset(&r, 0, sizeof(r));
	r.id = 1;
	r.at = 100;
	snprintf(r.actor_kind, sizeof(r.actor_kind), "cli");
	snprintf(r.action, sizeof(r.action), "test");
	snprintf(r.outcome, sizeof(r.outcome), "ok");
	assert_int_equal(lt_store_audit_insert(f->s, &r), LT_OK);
	assert_int_equal(lt_store_audit_insert(f->s, &r), LT_ERR_CONFLICT);

	/* The failures left the store usable and the first rows in place. */
	struct lt_org_row o;
	assert_int_equal(lt_store_org_by_name(f->s, "Center", &o), LT_OK);
	assert_int_equal(o.id, org);
	assert_string_equal(o.kind, "center");
	struct lt_user_row u;
	assert_int_equal(lt_store_user_by_name(f->s, "ana", &u), LT_OK);
	assert_string_equal(u.role, "caseworker");
	assert_int_equal(u.org.id, org);
	assert_int_equal(lt_store_user_by_name(f->s, "bob", &u), LT_ERR_NOT_FOUND);
}

static void rolled_back_transaction_leaves_nothing(void **state)
{
	struct fx *f = *state;
	int64_t org = 0, person = 0;
	assert_int_equal(lt_store_begin(f->s), LT_OK);
	assert_int_equal(lt_store_org_insert(f->s, "Shelter", "shelter", 100, &org), LT_OK);
	assert_int_equal(lt_store_person_insert(f->s, org, "female", 1990, 0, 100, &person), LT_OK);
	struct lt_audit_row r;
	memset(&r, 0, sizeof(r));
	r.id = 1;
	r.at = 100;
	snprintf(r.actor_kind, sizeof(r.actor_kind), "cli");
	snprintf(r.action, sizeof(r.action), "person.create");
	snprintf(r.outcome, sizeof(r.outcome), "ok");
	assert_int_equal(lt_store_audit_insert(f->s, &r), LT_OK);
	unsigned char mac[32];
	memset(mac, 1, sizeof(mac));
	assert_int_equal(lt_store_audit_head_set(f->s, mac), LT_OK);
	/* Visible inside the transaction... */
	struct lt_org_row o;
	assert_int_equal(lt_store_org_by_name(f->s, "Shelter", &o), LT_OK);
	lt_store_rollback(f->s);

	/* ...and gone after it. */
	assert_int_equal(lt_store_org_by_name(f->s, "Shelter", &o), LT_ERR_NOT_FOUND);
	int64_t count = -1;
	assert_int_equal(lt_store_person_count(f->s, 0, &count), LT_OK);
	assert_int_equal(count, 0);
	int64_t last = -1;
	unsigned char hash[32];
	assert_int_equal(lt_store_audit_last(f->s, &last, hash), LT_OK);
	assert_int_equal(last, 0);
	assert_int_equal(lt_store_audit_head_get(f->s, mac), LT_ERR_NOT_FOUND);
	/* Also as seen by another connection. */
	sqlite3 *db = raw_open(f->path);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM organisations"), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit_log"), 0);
	sqlite3_close(db);

	/* A rollback with no transaction open is harmless, and the store works on. */
	lt_store_rollback(f->s);
	assert_int_equal(lt_store_begin(f->s), LT_OK);
	assert_int_equal(lt_store_org_insert(f->s, "Shelter", "shelter", 100, &org), LT_OK);
	assert_int_equal(lt_store_commit(f->s), LT_OK);
	assert_int_equal(lt_store_org_by_name(f->s, "Shelter", &o), LT_OK);
}

static void nested_begin_is_refused(void **state)
{
	struct fx *f = *state;
	assert_int_equal(lt_store_begin(f->s), LT_OK);
	assert_int_not_equal(lt_store_begin(f->s), LT_OK);
	lt_store_rollback(f->s);
	assert_int_equal(lt_store_begin(f->s), LT_OK);
	assert_int_equal(lt_store_commit(f->s), LT_OK);
}

static void open_refuses_a_file_that_is_not_a_database(void **state)
{
	struct fx *f = *state;
	char path[700];
	snprintf(path, sizeof(path), "%s/notes.txt", f->dir);
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	for (int i = 0; i < 200; i++)
		fputs("This is not a database, only some notes about nothing at all.\n", out);
	fclose(out);
	size_t before = 0, after = 0;
	char *orig = lt_test_slurp(path, &before);

	struct lt_store *s = NULL;
	struct lt_problem p;
	lt_problem_init(&p);
	lt_err rc = lt_store_open(path, false, &s, &p);
	assert_int_not_equal(rc, LT_OK);
	assert_null(s);
	assert_int_equal(p.code, rc);
	/* The problem names the file and says what is wrong with it. */
	assert_non_null(strstr(p.detail, path));
	assert_non_null(strstr(p.detail, "not a database"));
	/* Same with create: a foreign file is never overwritten. */
	lt_problem_init(&p);
	assert_int_not_equal(lt_store_open(path, true, &s, &p), LT_OK);
	char *now = lt_test_slurp(path, &after);
	assert_int_equal(before, after);
	assert_memory_equal(orig, now, before);
	free(orig);
	free(now);
}

static void open_fails_in_a_missing_directory(void **state)
{
	struct fx *f = *state;
	char path[700];
	snprintf(path, sizeof(path), "%s/no/such/dir/lantern.db", f->dir);
	struct lt_store *s = NULL;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_store_open(path, true, &s, &p), LT_ERR_IO);
	assert_null(s);
	assert_int_equal(p.code, LT_ERR_IO);
	assert_non_null(strstr(p.detail, path));
	/* Nothing was created on the way. */
	char parent[700];
	snprintf(parent, sizeof(parent), "%s/no", f->dir);
	struct stat sb;
	assert_int_not_equal(stat(parent, &sb), 0);
}

static void open_without_create_fails_on_a_missing_file(void **state)
{
	struct fx *f = *state;
	char path[700];
	snprintf(path, sizeof(path), "%s/missing.db", f->dir);
	struct lt_store *s = NULL;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_store_open(path, false, &s, &p), LT_ERR_IO);
	assert_null(s);
	assert_non_null(strstr(p.detail, path));
	struct stat sb;
	assert_int_not_equal(stat(path, &sb), 0);
}

/* ---- the audit log ---- */

static void put_row(struct lt_store *s, int64_t id, int64_t at, int64_t actor, const char *action,
		    const char *type, int64_t object)
{
	struct lt_audit_row r;
	memset(&r, 0, sizeof(r));
	r.id = id;
	r.at = at;
	snprintf(r.actor_kind, sizeof(r.actor_kind), "%s", actor ? "user" : "cli");
	r.actor_user_id = actor;
	snprintf(r.action, sizeof(r.action), "%s", action);
	snprintf(r.object_type, sizeof(r.object_type), "%s", type ? type : "");
	r.object_id = object;
	snprintf(r.outcome, sizeof(r.outcome), "ok");
	snprintf(r.detail, sizeof(r.detail), "d%lld", (long long)id);
	memset(r.prev_hash, (int)(id - 1), 32);
	memset(r.hash, (int)id, 32);
	assert_int_equal(lt_store_audit_insert(s, &r), LT_OK);
}

struct collected {
	int64_t ids[64];
	size_t n;
	int stop_after;
	struct lt_audit_row last;
};

static lt_err collect(void *vctx, const struct lt_audit_row *row)
{
	struct collected *c = vctx;
	if (c->n < LT_ARRAY_LEN(c->ids))
		c->ids[c->n++] = row->id;
	c->last = *row;
	if (c->stop_after && (int)c->n >= c->stop_after)
		return LT_ERR_CONFLICT;
	return LT_OK;
}

static struct collected list(struct lt_store *s, struct lt_audit_filter flt)
{
	struct collected c;
	memset(&c, 0, sizeof(c));
	assert_int_equal(lt_store_audit_list(s, &flt, collect, &c), LT_OK);
	return c;
}

static void assert_ids(const struct collected *c, const int64_t *want, size_t n)
{
	if (c->n != n)
		fail_msg("got %zu rows, want %zu", c->n, n);
	for (size_t i = 0; i < n; i++)
		if (c->ids[i] != want[i])
			fail_msg("row %zu is id %lld, want %lld", i, (long long)c->ids[i],
				 (long long)want[i]);
}

static void audit_last_insert_and_list(void **state)
{
	struct fx *f = *state;
	int64_t last = -1;
	unsigned char hash[32];
	memset(hash, 0xEE, sizeof(hash));
	assert_int_equal(lt_store_audit_last(f->s, &last, hash), LT_OK);
	assert_int_equal(last, 0);
	static const unsigned char zero[32];
	assert_memory_equal(hash, zero, 32);

	/* id, at, actor, action, type, object */
	put_row(f->s, 1, 1000, 0, "system.init", NULL, 0);
	put_row(f->s, 2, 1010, 7, "login", "user", 7);
	put_row(f->s, 3, 1020, 7, "person.create", "person", 1);
	put_row(f->s, 4, 1030, 8, "person.read", "person", 1);
	put_row(f->s, 5, 1040, 7, "person.read", "person", 2);
	put_row(f->s, 6, 1050, 8, "login", "user", 8);
	put_row(f->s, 7, 1060, 7, "person.read", "person", 1);

	assert_int_equal(lt_store_audit_last(f->s, &last, hash), LT_OK);
	assert_int_equal(last, 7);
	unsigned char seven[32];
	memset(seven, 7, sizeof(seven));
	assert_memory_equal(hash, seven, 32);

	struct lt_audit_filter all = {0};
	struct collected c = list(f->s, all);
	assert_ids(&c, (const int64_t[]){1, 2, 3, 4, 5, 6, 7}, 7);
	/* Every column comes back as written; empty texts and zero ids were NULLs. */
	assert_string_equal(c.last.actor_kind, "user");
	assert_int_equal(c.last.actor_user_id, 7);
	assert_string_equal(c.last.action, "person.read");
	assert_string_equal(c.last.object_type, "person");
	assert_int_equal(c.last.object_id, 1);
	assert_string_equal(c.last.outcome, "ok");
	assert_string_equal(c.last.detail, "d7");
	assert_int_equal(c.last.at, 1060);
	unsigned char six[32];
	memset(six, 6, sizeof(six));
	assert_memory_equal(c.last.prev_hash, six, 32);
	assert_memory_equal(c.last.hash, seven, 32);
	struct lt_audit_filter first = {.limit = 1};
	c = list(f->s, first);
	assert_string_equal(c.last.actor_kind, "cli");
	assert_int_equal(c.last.actor_user_id, 0);
	assert_string_equal(c.last.object_type, "");
	assert_int_equal(c.last.object_id, 0);

	struct lt_audit_filter by_action = {.action = "person.read"};
	c = list(f->s, by_action);
	assert_ids(&c, (const int64_t[]){4, 5, 7}, 3);

	struct lt_audit_filter by_object = {.object_type = "person", .object_id = 1};
	c = list(f->s, by_object);
	assert_ids(&c, (const int64_t[]){3, 4, 7}, 3);

	struct lt_audit_filter by_type = {.object_type = "user"};
	c = list(f->s, by_type);
	assert_ids(&c, (const int64_t[]){2, 6}, 2);

	struct lt_audit_filter by_actor = {.actor_user_id = 8};
	c = list(f->s, by_actor);
	assert_ids(&c, (const int64_t[]){4, 6}, 2);

	struct lt_audit_filter by_time = {.since = 1020, .until = 1040};
	c = list(f->s, by_time);
	assert_ids(&c, (const int64_t[]){3, 4, 5}, 3);

	struct lt_audit_filter combined = {.action = "person.read", .actor_user_id = 7, .since = 1045};
	c = list(f->s, combined);
	assert_ids(&c, (const int64_t[]){7}, 1);

	struct lt_audit_filter none = {.action = "no.such.action"};
	c = list(f->s, none);
	assert_int_equal(c.n, 0);

	/* Paging: pages of 3 joined by after_id give every row once, in order. */
	struct lt_audit_filter page = {.limit = 3};
	c = list(f->s, page);
	assert_ids(&c, (const int64_t[]){1, 2, 3}, 3);
	page.after_id = c.ids[c.n - 1];
	c = list(f->s, page);
	assert_ids(&c, (const int64_t[]){4, 5, 6}, 3);
	page.after_id = c.ids[c.n - 1];
	c = list(f->s, page);
	assert_ids(&c, (const int64_t[]){7}, 1);
	page.after_id = 7;
	c = list(f->s, page);
	assert_int_equal(c.n, 0);
	/* Paging combines with a filter. */
	struct lt_audit_filter fpage = {.action = "person.read", .after_id = 4, .limit = 1};
	c = list(f->s, fpage);
	assert_ids(&c, (const int64_t[]){5}, 1);

	/* A callback's error stops the listing and comes back. */
	struct collected stop;
	memset(&stop, 0, sizeof(stop));
	stop.stop_after = 2;
	assert_int_equal(lt_store_audit_list(f->s, &all, collect, &stop), LT_ERR_CONFLICT);
	assert_int_equal(stop.n, 2);
	/* ...and leaves the statement reusable. */
	c = list(f->s, all);
	assert_int_equal(c.n, 7);
}

static void audit_head_round_trips(void **state)
{
	struct fx *f = *state;
	unsigned char mac[32], got[32];
	assert_int_equal(lt_store_audit_head_get(f->s, got), LT_ERR_NOT_FOUND);
	memset(mac, 0x11, sizeof(mac));
	assert_int_equal(lt_store_audit_head_set(f->s, mac), LT_OK);
	assert_int_equal(lt_store_audit_head_get(f->s, got), LT_OK);
	assert_memory_equal(mac, got, 32);
	memset(mac, 0x22, sizeof(mac));
	assert_int_equal(lt_store_audit_head_set(f->s, mac), LT_OK);
	assert_int_equal(lt_store_audit_head_get(f->s, got), LT_OK);
	assert_memory_equal(mac, got, 32);
	sqlite3 *db = raw_open(f->path);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit_head"), 1);
	sqlite3_close(db);
}

/* Runs SQL on DB and returns the SQLite result code, keeping the message. */
static int raw_exec(sqlite3 *db, const char *sql, char *msg, size_t cap)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	snprintf(msg, cap, "%s", err ? err : "");
	sqlite3_free(err);
	return rc;
}

static void audit_log_refuses_update_and_delete(void **state)
{
	struct fx *f = *state;
	put_row(f->s, 1, 1000, 0, "system.init", NULL, 0);
	put_row(f->s, 2, 1010, 7, "login", "user", 7);

	sqlite3 *db = raw_open(f->path);
	char msg[256];
	static const char *const attempts[] = {
		"UPDATE audit_log SET outcome = 'denied' WHERE id = 2",
		"UPDATE audit_log SET id = 9 WHERE id = 2",
		"UPDATE audit_log SET hash = zeroblob(32)",
		"DELETE FROM audit_log WHERE id = 2",
		"DELETE FROM audit_log",
		"INSERT INTO audit_log(id, at, actor_kind, action, outcome, prev_hash, hash) "
		"VALUES (1, 5, 'cli', 'x', 'ok', zeroblob(32), zeroblob(32)) "
		"ON CONFLICT(id) DO UPDATE SET at = excluded.at",
		/* A REPLACE's hidden delete fires no delete trigger on a connection
		 * without recursive triggers; the insert trigger stops it instead. */
		"INSERT OR REPLACE INTO audit_log(id, at, actor_kind, action, outcome, prev_hash, hash) "
		"VALUES (2, 5, 'cli', 'x', 'denied', zeroblob(32), zeroblob(32))",
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(attempts); i++) {
		int rc = raw_exec(db, attempts[i], msg, sizeof(msg));
		if (rc == SQLITE_OK)
			fail_msg("the audit log allowed: %s", attempts[i]);
		assert_int_equal(rc, SQLITE_CONSTRAINT);
		assert_non_null(strstr(msg, "append-only"));
	}
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit_log"), 2);
	assert_int_equal(raw_int(db, "SELECT at FROM audit_log WHERE id = 1"), 1000);
	sqlite3_close(db);

	struct lt_audit_filter all = {0};
	struct collected c = list(f->s, all);
	assert_ids(&c, (const int64_t[]){1, 2}, 2);
	assert_string_equal(c.last.outcome, "ok");
}

static void persons_round_trip_through_the_store(void **state)
{
	struct fx *f = *state;
	int64_t org = 0, other = 0, a = 0, b = 0;
	assert_int_equal(lt_store_org_insert(f->s, "NGO One", "ngo", 1, &org), LT_OK);
	assert_int_equal(lt_store_org_insert(f->s, "NGO Two", "ngo", 1, &other), LT_OK);
	assert_int_equal(lt_store_person_insert(f->s, org, "female", 0, 0, 5, &a), LT_OK);
	assert_int_equal(lt_store_person_insert(f->s, other, "male", 1999, 0, 6, &b), LT_OK);
	/* The sex CHECK and the organisation foreign key hold. */
	int64_t bad;
	assert_int_equal(lt_store_person_insert(f->s, org, "robot", 0, 0, 5, &bad), LT_ERR_CONFLICT);
	assert_int_equal(lt_store_person_insert(f->s, 424242, "male", 0, 0, 5, &bad), LT_ERR_CONFLICT);

	struct lt_buf given;
	lt_buf_init(&given, 0);
	assert_int_equal(lt_buf_add(&given, "\x01sealed", 7), LT_OK);
	unsigned char idx[32];
	memset(idx, 0x5A, sizeof(idx));
	assert_int_equal(lt_store_person_set_identity(f->s, a, &given, NULL, idx, NULL), LT_OK);
	lt_buf_release(&given);

	struct lt_arena arena;
	lt_arena_init(&arena);
	struct lt_person_row row;
	assert_int_equal(lt_store_person_get(f->s, a, &arena, &row), LT_OK);
	assert_int_equal(row.org_id, org);
	assert_string_equal(row.sex, "female");
	assert_int_equal(row.birth_year, 0);
	assert_int_equal(row.given_name_len, 7);
	assert_memory_equal(row.given_name, "\x01sealed", 7);
	assert_null(row.family_name);
	assert_int_equal(lt_store_person_get(f->s, 999, &arena, &row), LT_ERR_NOT_FOUND);
	lt_arena_release(&arena);

	int64_t n = 0;
	assert_int_equal(lt_store_person_count(f->s, 0, &n), LT_OK);
	assert_int_equal(n, 2);
	assert_int_equal(lt_store_person_count(f->s, other, &n), LT_OK);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrate_creates_the_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(empty_database_has_version_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(migrate_is_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(journal_mode_is_wal, setup, teardown),
		cmocka_unit_test_setup_teardown(unique_and_check_violations_are_conflicts, setup,
						teardown),
		cmocka_unit_test_setup_teardown(rolled_back_transaction_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(nested_begin_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(open_refuses_a_file_that_is_not_a_database, setup,
						teardown),
		cmocka_unit_test_setup_teardown(open_fails_in_a_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(open_without_create_fails_on_a_missing_file, setup,
						teardown),
		cmocka_unit_test_setup_teardown(audit_last_insert_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_head_round_trips, setup, teardown),
		cmocka_unit_test_setup_teardown(audit_log_refuses_update_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(persons_round_trip_through_the_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
