/* The audit chain end to end, on a real data directory: rows appended
 * through the services verify intact; every kind of tampering done with
 * sqlite3 behind the program's back (triggers dropped first) is caught and
 * the first bad row named; and a writer that dies mid-transaction leaves
 * neither its rows nor a lock behind. */
#include "lt_test.h"
#include "base/json.h"
#include "service/accounts.h"
#include "service/audit.h"
#include "service/instance.h"
#include "service/persons.h"
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char *tmp;             /* the test's scratch directory */
static char inst_dir[600];    /* the instance made once for the group */
static char golden[700];      /* a copy of its database after the appends */
static struct lt_instance inst;
static int64_t golden_rows;   /* rows in the golden log */
static int64_t org_id;        /* an organisation persons can belong to */

static void must(lt_err rc, const struct lt_problem *p, const char *what)
{
	if (rc)
		fail_msg("%s: %s (%s)", what, lt_err_str(rc), p->detail);
}

static void copy_file(const char *from, const char *to)
{
	size_t len = 0;
	char *data = lt_test_slurp(from, &len);
	assert_non_null(data);
	FILE *out = fopen(to, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(data, 1, len, out), len);
	assert_int_equal(fclose(out), 0);
	free(data);
}

/* A command-line context on STORE; its actor belongs to org_id so that it
 * can register persons. */
static void cli_ctx(struct lt_ctx *ctx, struct lt_store *store, struct lt_arena *arena,
		    struct lt_problem *p)
{
	lt_problem_init(p);
	lt_ctx_init_cli(ctx, store, &inst.keys, &inst.config, arena, p);
	if (org_id)
		assert_int_equal(lt_store_org_get(store, org_id, &ctx->actor.org), LT_OK);
}

static void create_person(struct lt_ctx *ctx, const char *given, const char *family)
{
	json_t *body = json_pack("{s:s, s:s, s:s, s:i}", "given_name", given, "family_name", family,
				 "sex", "female", "birth_year", 1994);
	json_t *out = NULL;
	lt_problem_init(ctx->problem);
	must(lt_svc_person_create(ctx, body, &out), ctx->problem, "person create");
	json_decref(out);
	json_decref(body);
}

static int group_setup(void **state)
{
	(void)state;
	unsetenv("LANTERN_MASTER_KEY");
	tmp = lt_test_tmpdir();
	if (!tmp)
		return -1;
	snprintf(inst_dir, sizeof(inst_dir), "%s/inst", tmp);
	snprintf(golden, sizeof(golden), "%s/golden.db", tmp);
	struct lt_problem p;
	lt_problem_init(&p);
	char generated[21];
	if (lt_instance_create(inst_dir, "correct horse battery staple", generated, &p) ||
	    lt_instance_open(inst_dir, &inst, &p)) {
		fprintf(stderr, "instance: %s\n", p.detail);
		return -1;
	}
	struct lt_store *store = NULL;
	if (lt_instance_connect(&inst, &store, &p))
		return -1;
	struct lt_arena arena;
	lt_arena_init(&arena);
	struct lt_ctx ctx;
	cli_ctx(&ctx, store, &arena, &p);
	/* init wrote: system.init, the Administration organisation, the admin user. */
	int64_t id;
	if (lt_svc_org_add(&ctx, "Center for Protection", "center", &org_id) ||
	    lt_svc_org_add(&ctx, "NGO Atina", "ngo", &id) ||
	    lt_svc_org_add(&ctx, "Shelter Sigurna kuća", "shelter", &id))
		return -1;
	cli_ctx(&ctx, store, &arena, &p);
	create_person(&ctx, "Jelena", "Marković");
	create_person(&ctx, "Ana", "Ilić");
	if (lt_audit_record(&ctx, "test.mark", NULL, 0, "ok", "one") ||
	    lt_audit_record(&ctx, "test.mark", "person", 1, "denied", "two"))
		return -1;
	unsigned char hash[32];
	if (lt_store_audit_last(store, &golden_rows, hash) || golden_rows < 10)
		return -1;
	lt_store_checkpoint(store);
	lt_store_free(store);
	lt_arena_release(&arena);
	copy_file(inst.db_path, golden);
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	lt_instance_release(&inst);
	lt_test_rmtree(tmp);
	free(tmp);
	return 0;
}

/* Verifies the database at PATH with the instance's keys. */
static struct lt_audit_verdict verify_path(const char *path)
{
	struct lt_problem p;
	lt_problem_init(&p);
	struct lt_store *store = NULL;
	must(lt_store_open(path, false, &store, &p), &p, "open");
	struct lt_arena arena;
	lt_arena_init(&arena);
	struct lt_ctx ctx;
	lt_ctx_init_cli(&ctx, store, &inst.keys, &inst.config, &arena, &p);
	struct lt_audit_verdict v;
	must(lt_svc_audit_verify(&ctx, &v), &p, "verify");
	lt_store_free(store);
	lt_arena_release(&arena);
	return v;
}

/* A fresh copy of the golden database, tampered with by SQL (run with the
 * append-only triggers dropped unless KEEP_TRIGGERS), then verified. */
static struct lt_audit_verdict tamper(const char *name, const char *sql, bool keep_triggers)
{
	char path[800];
	snprintf(path, sizeof(path), "%s/%s.db", tmp, name);
	copy_file(golden, path);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char *err = NULL;
	if (!keep_triggers &&
	    sqlite3_exec(db, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
			 "DROP TRIGGER audit_log_no_rewrite;",
			 NULL, NULL, &err) != SQLITE_OK)
		fail_msg("drop triggers: %s", err);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("tamper %s: %s", name, err);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
	return verify_path(path);
}

static void assert_bad(const struct lt_audit_verdict *v, int64_t first_bad, const char *words)
{
	if (v->intact)
		fail_msg("tampering went unnoticed (%lld rows)", (long long)v->rows);
	if (v->first_bad_id != first_bad)
		fail_msg("first bad row %lld, want %lld (%s)", (long long)v->first_bad_id,
			 (long long)first_bad, v->reason);
	if (!strstr(v->reason, words))
		fail_msg("reason '%s' does not say '%s'", v->reason, words);
}

static void untouched_log_verifies_intact(void **state)
{
	(void)state;
	struct lt_audit_verdict v = verify_path(golden);
	assert_true(v.intact);
	assert_int_equal(v.rows, golden_rows);
	assert_int_equal(v.first_bad_id, 0);

	/* The rows hold ids and codes: no name the services were given. */
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(golden, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT count(*) FROM audit_log WHERE "
					    "coalesce(detail, '') || action || outcome LIKE '%Jelena%' "
					    "OR coalesce(detail, '') LIKE '%Ilić%'",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void more_appends_keep_it_intact(void **state)
{
	(void)state;
	char path[800];
	snprintf(path, sizeof(path), "%s/more.db", tmp);
	copy_file(golden, path);
	struct lt_problem p;
	struct lt_store *store = NULL;
	lt_problem_init(&p);
	must(lt_store_open(path, false, &store, &p), &p, "open");
	struct lt_arena arena;
	lt_arena_init(&arena);
	struct lt_ctx ctx;
	cli_ctx(&ctx, store, &arena, &p);
	for (int i = 0; i < 5; i++)
		create_person(&ctx, "Milica", "Nikolić");
	/* A failed service call writes nothing to the log... */
	int64_t id;
	lt_problem_init(&p);
	assert_int_equal(lt_svc_org_add(&ctx, "NGO Atina", "ngo", &id), LT_ERR_INVALID);
	/* ...and a read writes one row. */
	json_t *list = NULL;
	struct lt_audit_filter f = {.limit = 3};
	lt_problem_init(&p);
	must(lt_svc_audit_list(&ctx, &f, &list), &p, "audit list");
	assert_int_equal(json_array_size(json_object_get(list, "items")), 3);
	assert_true(json_is_integer(json_object_get(list, "next_after_id")));
	json_decref(list);
	lt_store_free(store);
	lt_arena_release(&arena);

	struct lt_audit_verdict v = verify_path(path);
	assert_true(v.intact);
	assert_int_equal(v.rows, golden_rows + 5 + 1);
}

static void changed_row_is_named(void **state)
{
	(void)state;
	struct lt_audit_verdict v =
		tamper("changed", "UPDATE audit_log SET outcome = 'denied' WHERE id = 5", false);
	assert_bad(&v, 5, "row 5 was changed");

	v = tamper("changed-time", "UPDATE audit_log SET at = at - 86400 WHERE id = 3", false);
	assert_bad(&v, 3, "changed");

	v = tamper("changed-actor", "UPDATE audit_log SET actor_user_id = 2 WHERE id = 7", false);
	assert_bad(&v, 7, "changed");

	v = tamper("changed-object", "UPDATE audit_log SET object_id = 99 WHERE id = 8", false);
	assert_bad(&v, 8, "changed");

	/* Moving characters between fields is a change too (the canonical form
	 * is length-prefixed). */
	v = tamper("shifted",
		   "UPDATE audit_log SET action = 'test.mar', outcome = 'k' || outcome "
		   "WHERE id = (SELECT max(id) FROM audit_log)",
		   false);
	assert_bad(&v, golden_rows, "changed");

	/* Rewriting a row's own stored hash breaks it or the next one. */
	v = tamper("rehashed", "UPDATE audit_log SET hash = randomblob(32) WHERE id = 4", false);
	assert_bad(&v, 4, "changed");

	v = tamper("relinked", "UPDATE audit_log SET prev_hash = randomblob(32) WHERE id = 6",
		   false);
	assert_bad(&v, 6, "does not follow");
}

static void deleted_middle_row_is_named(void **state)
{
	(void)state;
	struct lt_audit_verdict v = tamper("deleted", "DELETE FROM audit_log WHERE id = 5", false);
	assert_bad(&v, 5, "row 5 is missing");

	v = tamper("deleted-first", "DELETE FROM audit_log WHERE id = 1", false);
	assert_bad(&v, 1, "row 1 is missing");

	v = tamper("deleted-run", "DELETE FROM audit_log WHERE id BETWEEN 4 AND 7", false);
	assert_bad(&v, 4, "missing");

	/* Deleting a row and renumbering the rest to close the gap. */
	v = tamper("renumbered",
		   "DELETE FROM audit_log WHERE id = 5; "
		   "UPDATE audit_log SET id = id - 1 WHERE id > 5",
		   false);
	assert_bad(&v, 5, "does not follow");
}

static void swapped_rows_are_named(void **state)
{
	(void)state;
	/* Swap the ids of rows 4 and 5: row 4 now holds the old row 5. */
	struct lt_audit_verdict v = tamper("swapped",
					   "UPDATE audit_log SET id = -4 WHERE id = 4; "
					   "UPDATE audit_log SET id = 4 WHERE id = 5; "
					   "UPDATE audit_log SET id = 5 WHERE id = -4",
					   false);
	assert_bad(&v, 4, "does not follow");

	/* Swap everything but the ids and hashes: the contents of rows 6 and 7. */
	v = tamper("swapped-contents",
		   "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id IN (6, 7); "
		   "UPDATE audit_log SET (at, actor_kind, actor_user_id, action, object_type, "
		   "object_id, outcome, detail) = (SELECT at, actor_kind, actor_user_id, action, "
		   "object_type, object_id, outcome, detail FROM t WHERE t.id = 13 - audit_log.id) "
		   "WHERE id IN (6, 7)",
		   false);
	assert_bad(&v, 6, "changed");
}

static void cut_last_row_is_named(void **state)
{
	(void)state;
	struct lt_audit_verdict v =
		tamper("cut", "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", false);
	assert_bad(&v, golden_rows, "removed from the end");
	assert_int_equal(v.rows, golden_rows - 1);

	v = tamper("cut-three", "DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)",
		   false);
	assert_bad(&v, golden_rows - 2, "removed from the end");

	/* Everything, head record included. */
	v = tamper("emptied", "DELETE FROM audit_log; DELETE FROM audit_head", false);
	assert_bad(&v, 1, "empty");
	/* The rows kept but the head record removed. */
	v = tamper("headless", "DELETE FROM audit_head", false);
	assert_bad(&v, golden_rows + 1, "head");
}

static void forged_and_replaced_rows_are_named(void **state)
{
	(void)state;
	/* A row appended by hand, linked to the last one but with no key to MAC it. */
	struct lt_audit_verdict v =
		tamper("forged",
		       "INSERT INTO audit_log(id, at, actor_kind, action, outcome, prev_hash, hash) "
		       "SELECT id + 1, at + 1, 'cli', 'export', 'ok', hash, randomblob(32) "
		       "FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
		       true);
	assert_bad(&v, golden_rows + 1, "changed");

	/* With the triggers dropped, INSERT OR REPLACE rewrites a row in place;
	 * the chain still sees it. */
	v = tamper("replaced",
		   "INSERT OR REPLACE INTO audit_log(id, at, actor_kind, actor_user_id, action, "
		   "object_type, object_id, outcome, detail, prev_hash, hash) "
		   "SELECT id, at, actor_kind, actor_user_id, action, object_type, object_id, "
		   "'denied', detail, prev_hash, hash FROM audit_log WHERE id = 6",
		   false);
	assert_bad(&v, 6, "row 6 was changed");
}

/* ---- a writer that dies mid-transaction ---- */

static void crash_mid_write_leaves_nothing_and_no_lock(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	struct lt_store *store = NULL;
	must(lt_instance_connect(&inst, &store, &p), &p, "connect");
	int64_t persons_before = 0, last_before = 0;
	unsigned char hash_before[32];
	assert_int_equal(lt_store_person_count(store, 0, &persons_before), LT_OK);
	assert_int_equal(lt_store_audit_last(store, &last_before, hash_before), LT_OK);
	lt_store_free(store); /* no connection of ours crosses the fork */

	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(pipefd[0]);
		struct lt_store *s = NULL;
		struct lt_arena arena;
		lt_arena_init(&arena);
		struct lt_problem cp;
		lt_problem_init(&cp);
		struct lt_ctx ctx;
		int64_t person = 0;
		if (lt_instance_connect(&inst, &s, &cp))
			_exit(10);
		lt_ctx_init_cli(&ctx, s, &inst.keys, &inst.config, &arena, &cp);
		if (lt_store_org_get(s, org_id, &ctx.actor.org))
			_exit(11);
		if (lt_store_begin(s))
			_exit(12);
		if (lt_store_person_insert(s, org_id, "male", 1980, 0, 1, &person))
			_exit(13);
		/* Enough sealed bytes to spill SQLite's page cache, so the WAL holds
		 * frames of this transaction that were never committed. */
		struct lt_buf big;
		lt_buf_init(&big, 0);
		unsigned char *w;
		if (lt_buf_extend(&big, 256 * 1024, &w))
			_exit(14);
		for (int i = 0; i < 96; i++) { /* 48 MB: past the 32 MB page cache */
			int64_t extra;
			if (lt_store_person_insert(s, org_id, "female", 0, 0, 1, &extra) ||
			    lt_store_person_set_identity(s, extra, &big, &big, NULL, NULL))
				_exit(15);
		}
		if (lt_audit_append(&ctx, "person.create", "person", person, "ok", NULL))
			_exit(16);
		if (write(pipefd[1], "w", 1) != 1)
			_exit(17);
		_exit(42); /* no commit, no rollback, no close: as if killed */
	}
	close(pipefd[1]);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	char c = 0;
	assert_int_equal(read(pipefd[0], &c, 1), 1);
	close(pipefd[0]);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 42);

	/* The child did write uncommitted frames into the WAL. */
	char wal[PATH_MAX + 8];
	snprintf(wal, sizeof(wal), "%s-wal", inst.db_path);
	struct stat sb;
	assert_int_equal(stat(wal, &sb), 0);
	assert_true(sb.st_size > 1024 * 1024);

	lt_problem_init(&p);
	must(lt_instance_connect(&inst, &store, &p), &p, "reconnect");
	int64_t persons_after = -1, last_after = -1;
	unsigned char hash_after[32];
	assert_int_equal(lt_store_person_count(store, 0, &persons_after), LT_OK);
	assert_int_equal(persons_after, persons_before);
	assert_int_equal(lt_store_audit_last(store, &last_after, hash_after), LT_OK);
	assert_int_equal(last_after, last_before);
	assert_memory_equal(hash_after, hash_before, 32);

	struct lt_arena arena;
	lt_arena_init(&arena);
	struct lt_ctx ctx;
	cli_ctx(&ctx, store, &arena, &p);
	struct lt_audit_verdict v;
	must(lt_svc_audit_verify(&ctx, &v), &p, "verify");
	assert_true(v.intact);
	assert_int_equal(v.rows, last_before);

	/* No stale lock: a write goes through at once (the busy timeout is 10 s). */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	create_person(&ctx, "Marija", "Jovanović");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 2.0);
	assert_int_equal(lt_store_person_count(store, 0, &persons_after), LT_OK);
	assert_int_equal(persons_after, persons_before + 1);
	lt_problem_init(&p);
	must(lt_svc_audit_verify(&ctx, &v), &p, "verify after write");
	assert_true(v.intact);
	assert_int_equal(v.rows, last_before + 1);
	lt_store_free(store);
	lt_arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(untouched_log_verifies_intact),
		cmocka_unit_test(more_appends_keep_it_intact),
		cmocka_unit_test(changed_row_is_named),
		cmocka_unit_test(deleted_middle_row_is_named),
		cmocka_unit_test(swapped_rows_are_named),
		cmocka_unit_test(cut_last_row_is_named),
		cmocka_unit_test(forged_and_replaced_rows_are_named),
		cmocka_unit_test(crash_mid_write_leaves_nothing_and_no_lock),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
