/* Persons through the service layer: create, read and search as a
 * caseworker (scope: own organisation), validation that names the field at
 * fault and writes nothing, and names sealed so that the database file
 * holds no plaintext identity. */
#include "lt_test.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "service/accounts.h"
#include "service/audit.h"
#include "service/persons.h"
#include "service/policy.h"
#include <sqlite3.h>

struct fx {
	char *dir;
	char path[600];
	struct lt_store *store;
	struct lt_keys keys;
	struct lt_config config;
	struct lt_arena arena;
	struct lt_problem p;
	struct lt_org_row org1, org2;
	int64_t case1, case2, coord, analyst;
};

static struct fx *F;

static void must(lt_err rc, const char *what)
{
	if (rc)
		fail_msg("%s: %s (%s)", what, lt_err_str(rc), F->p.detail);
}

/* A context for the operator at the command line. */
static struct lt_ctx cli(void)
{
	struct lt_ctx ctx;
	lt_problem_init(&F->p);
	lt_ctx_init_cli(&ctx, F->store, &F->keys, &F->config, &F->arena, &F->p);
	return ctx;
}

/* A CLI-made context whose actor is set by hand to the user USER_ID, as
 * session authentication would. */
static struct lt_ctx as_user(int64_t user_id)
{
	struct lt_ctx ctx = cli();
	struct lt_user_row u;
	assert_int_equal(lt_store_user_get(F->store, user_id, &u), LT_OK);
	ctx.actor.kind = LT_ACTOR_USER;
	ctx.actor.user_id = u.id;
	lt_str_copy(ctx.actor.username, sizeof(ctx.actor.username), u.username);
	ctx.actor.role = lt_role_parse(u.role);
	ctx.actor.org = u.org;
	return ctx;
}

static int setup(void **state)
{
	F = calloc(1, sizeof(*F));
	if (!F || !(F->dir = lt_test_tmpdir()) || lt_crypto_init())
		return -1;
	snprintf(F->path, sizeof(F->path), "%s/lantern.db", F->dir);
	unsigned char master[LT_KEY_BYTES];
	memset(master, 0x42, sizeof(master));
	lt_keys_derive(master, &F->keys);
	lt_config_init(&F->config);
	lt_arena_init(&F->arena);
	lt_problem_init(&F->p);
	if (lt_store_open(F->path, true, &F->store, &F->p) || lt_store_migrate(F->store, &F->p))
		return -1;
	struct lt_ctx ctx = cli();
	int64_t id;
	static const char pw[] = "a long enough password";
	if (lt_svc_org_add(&ctx, "NGO One", "ngo", &id) || lt_svc_org_add(&ctx, "NGO Two", "ngo", &id) ||
	    lt_svc_user_add(&ctx, "case1", "caseworker", "NGO One", pw, NULL, &F->case1) ||
	    lt_svc_user_add(&ctx, "case2", "caseworker", "NGO Two", pw, NULL, &F->case2) ||
	    lt_svc_user_add(&ctx, "coord", "coordinator", "NGO Two", pw, NULL, &F->coord) ||
	    lt_svc_user_add(&ctx, "analyst", "analyst", "NGO One", pw, NULL, &F->analyst) ||
	    lt_store_org_by_name(F->store, "NGO One", &F->org1) ||
	    lt_store_org_by_name(F->store, "NGO Two", &F->org2)) {
		fprintf(stderr, "setup: %s\n", F->p.detail);
		return -1;
	}
	*state = F;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	lt_store_free(F->store);
	lt_arena_release(&F->arena);
	lt_test_rmtree(F->dir);
	free(F->dir);
	free(F);
	F = NULL;
	return 0;
}

static json_t *body_of(const char *text)
{
	json_error_t err;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &err);
	if (!v)
		fail_msg("bad test JSON %s: %s", text, err.text);
	return v;
}

/* Creates a person from the JSON TEXT as CTX; returns its id. */
static int64_t create(struct lt_ctx *ctx, const char *text)
{
	json_t *body = body_of(text), *out = NULL;
	lt_problem_init(ctx->problem);
	must(lt_svc_person_create(ctx, body, &out), "create");
	int64_t id = json_integer_value(json_object_get(out, "id"));
	assert_true(id > 0);
	json_decref(out);
	json_decref(body);
	return id;
}

static int64_t audit_rows(void)
{
	int64_t last = 0;
	unsigned char h[32];
	assert_int_equal(lt_store_audit_last(F->store, &last, h), LT_OK);
	return last;
}

/* The last audit row. */
static lt_err keep_row(void *vctx, const struct lt_audit_row *row)
{
	*(struct lt_audit_row *)vctx = *row;
	return LT_OK;
}

static struct lt_audit_row last_audit(void)
{
	struct lt_audit_row r;
	memset(&r, 0, sizeof(r));
	struct lt_audit_filter f = {.after_id = audit_rows() - 1};
	assert_int_equal(lt_store_audit_list(F->store, &f, keep_row, &r), LT_OK);
	return r;
}

static void caseworker_creates_and_reads_a_person(void **state)
{
	(void)state;
	struct lt_ctx ctx = as_user(F->case1);
	json_t *body = body_of("{\"given_name\": \"Jelena\", \"family_name\": \"Marković\", "
			       "\"sex\": \"female\", \"birth_year\": 1994}");
	json_t *out = NULL;
	must(lt_svc_person_create(&ctx, body, &out), "create");
	json_decref(body);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	assert_true(id > 0);
	assert_int_equal(json_integer_value(json_object_get(out, "organisation_id")), F->org1.id);
	assert_string_equal(lt_json_str(out, "sex"), "female");
	assert_int_equal(json_integer_value(json_object_get(out, "birth_year")), 1994);
	/* The answer to a create repeats no name. */
	assert_null(json_object_get(out, "given_name"));
	assert_null(json_object_get(out, "family_name"));
	json_decref(out);

	struct lt_audit_row r = last_audit();
	assert_string_equal(r.action, "person.create");
	assert_string_equal(r.actor_kind, "user");
	assert_int_equal(r.actor_user_id, F->case1);
	assert_int_equal(r.object_id, id);

	/* The row records its creator and organisation. */
	struct lt_person_row row;
	assert_int_equal(lt_store_person_get(F->store, id, &F->arena, &row), LT_OK);
	assert_int_equal(row.created_by, F->case1);
	assert_int_equal(row.org_id, F->org1.id);

	ctx = as_user(F->case1);
	must(lt_svc_person_get(&ctx, id, &out), "get");
	assert_string_equal(lt_json_str(out, "given_name"), "Jelena");
	assert_string_equal(lt_json_str(out, "family_name"), "Marković");
	assert_string_equal(lt_json_str(out, "sex"), "female");
	assert_int_equal(json_integer_value(json_object_get(out, "birth_year")), 1994);
	json_decref(out);
	r = last_audit();
	assert_string_equal(r.action, "person.read");
	assert_string_equal(r.outcome, "ok");
	assert_int_equal(r.object_id, id);

	/* Optional fields may be absent or null. */
	ctx = as_user(F->case1);
	int64_t anon = create(&ctx, "{\"sex\": \"unknown\", \"birth_year\": null}");
	must(lt_svc_person_get(&ctx, anon, &out), "get anonymous");
	assert_true(json_is_null(json_object_get(out, "given_name")));
	assert_true(json_is_null(json_object_get(out, "family_name")));
	assert_true(json_is_null(json_object_get(out, "birth_year")));
	json_decref(out);
}

static void other_organisation_gets_not_found(void **state)
{
	(void)state;
	struct lt_ctx ctx = as_user(F->case1);
	int64_t id = create(&ctx, "{\"given_name\": \"Ana\", \"sex\": \"female\"}");

	/* A caseworker elsewhere: the same answer as for an id that does not exist. */
	json_t *out = NULL;
	ctx = as_user(F->case2);
	assert_int_equal(lt_svc_person_get(&ctx, id, &out), LT_ERR_NOT_FOUND);
	assert_null(out);
	char seen[sizeof(F->p.detail)];
	lt_str_copy(seen, sizeof(seen), F->p.detail);
	struct lt_audit_row r = last_audit();
	assert_string_equal(r.action, "person.read");
	assert_string_equal(r.outcome, "denied");
	assert_int_equal(r.actor_user_id, F->case2);

	ctx = as_user(F->case2);
	assert_int_equal(lt_svc_person_get(&ctx, id + 1000, &out), LT_ERR_NOT_FOUND);
	assert_string_equal(F->p.detail, seen);

	/* The coordinator sees every organisation's persons. */
	ctx = as_user(F->coord);
	must(lt_svc_person_get(&ctx, id, &out), "coordinator get");
	assert_string_equal(lt_json_str(out, "given_name"), "Ana");
	json_decref(out);

	/* The analyst may not read a person at all, and nothing is written. */
	int64_t before = audit_rows();
	ctx = as_user(F->analyst);
	assert_int_equal(lt_svc_person_get(&ctx, id, &out), LT_ERR_FORBIDDEN);
	json_t *body = body_of("{\"sex\": \"male\"}");
	assert_int_equal(lt_svc_person_create(&ctx, body, &out), LT_ERR_FORBIDDEN);
	assert_int_equal(lt_svc_person_search(&ctx, "Ana", &out), LT_ERR_FORBIDDEN);
	json_decref(body);
	assert_int_equal(audit_rows(), before);

	/* No one logged in: 401 before anything else. */
	ctx = as_user(F->case1);
	ctx.actor.kind = LT_ACTOR_ANONYMOUS;
	assert_int_equal(lt_svc_person_get(&ctx, id, &out), LT_ERR_UNAUTHORIZED);
}

/* The ids found by searching NAME as CTX. */
static size_t search(struct lt_ctx *ctx, const char *name, int64_t *ids, size_t cap)
{
	json_t *out = NULL;
	lt_problem_init(ctx->problem);
	must(lt_svc_person_search(ctx, name, &out), "search");
	json_t *items = json_object_get(out, "items");
	assert_true(json_is_array(items));
	size_t n = json_array_size(items);
	for (size_t i = 0; i < n && i < cap; i++) {
		json_t *it = json_array_get(items, i);
		ids[i] = json_integer_value(json_object_get(it, "id"));
		/* The list holds no names. */
		assert_null(json_object_get(it, "given_name"));
		assert_null(json_object_get(it, "family_name"));
	}
	char *text = lt_json_dump(out);
	assert_null(strstr(text, "Jovana"));
	assert_null(strstr(text, "jovana"));
	free(text);
	json_decref(out);
	return n;
}

static void search_by_exact_name_folds_case_and_space(void **state)
{
	(void)state;
	struct lt_ctx ctx = as_user(F->case1);
	int64_t mine = create(&ctx, "{\"given_name\": \"Jovana\", \"family_name\": \"Đorđević\", "
				    "\"sex\": \"female\", \"birth_year\": 2001}");
	ctx = as_user(F->case2);
	int64_t theirs = create(&ctx, "{\"given_name\": \"Jovana\", \"family_name\": \"Đorđević\", "
				      "\"sex\": \"female\"}");
	ctx = as_user(F->case1);
	create(&ctx, "{\"given_name\": \"Jovan\", \"family_name\": \"Đorđević\", \"sex\": \"male\"}");

	int64_t ids[8];
	ctx = as_user(F->case1);
	assert_int_equal(search(&ctx, "Jovana Đorđević", ids, 8), 1);
	assert_int_equal(ids[0], mine);
	assert_int_equal(search(&ctx, "  JOVANA \t  đORĐEVIĆ ", ids, 8), 1);
	assert_int_equal(ids[0], mine);
	/* Exact match only: no diacritic folding, no prefix, no fuzziness. */
	assert_int_equal(search(&ctx, "Jovana Djordjevic", ids, 8), 0);
	assert_int_equal(search(&ctx, "Jovana Đorđ", ids, 8), 0);
	assert_int_equal(search(&ctx, "Jovana", ids, 8), 0);
	/* The family name alone finds every one of that name in scope. */
	assert_int_equal(search(&ctx, "ĐORĐEVIĆ", ids, 8), 2);
	struct lt_audit_row r = last_audit();
	assert_string_equal(r.action, "person.search");
	assert_string_equal(r.detail, "matches=2");

	/* The other organisation's caseworker sees only theirs... */
	ctx = as_user(F->case2);
	assert_int_equal(search(&ctx, "jovana đorđević", ids, 8), 1);
	assert_int_equal(ids[0], theirs);
	/* ...and the coordinator both. */
	ctx = as_user(F->coord);
	assert_int_equal(search(&ctx, "jovana đorđević", ids, 8), 2);
	assert_int_equal(ids[0], mine);
	assert_int_equal(ids[1], theirs);

	/* Bad search terms name the field. */
	json_t *out = NULL;
	ctx = as_user(F->case1);
	assert_int_equal(lt_svc_person_search(&ctx, "", &out), LT_ERR_INVALID);
	assert_string_equal(F->p.fields[0].field, "name");
	ctx = as_user(F->case1);
	assert_int_equal(lt_svc_person_search(&ctx, "Jovana \xff\xfe", &out), LT_ERR_INVALID);
	assert_string_equal(F->p.fields[0].field, "name");
	char longname[500];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ctx = as_user(F->case1);
	assert_int_equal(lt_svc_person_search(&ctx, longname, &out), LT_ERR_INVALID);
	assert_string_equal(F->p.fields[0].field, "name");
}

/* Expects creating TEXT to fail naming FIELD with a reason containing WORDS,
 * and to write nothing. */
static void expect_field_error(const char *text, const char *field, const char *words)
{
	int64_t persons = 0, persons_after = 0, rows = audit_rows();
	assert_int_equal(lt_store_person_count(F->store, 0, &persons), LT_OK);
	struct lt_ctx ctx = as_user(F->case1);
	json_t *body = body_of(text), *out = NULL;
	lt_err rc = lt_svc_person_create(&ctx, body, &out);
	json_decref(body);
	if (rc != LT_ERR_INVALID)
		fail_msg("%s: %s, want invalid", text, lt_err_str(rc));
	assert_null(out);
	assert_int_equal(F->p.code, LT_ERR_INVALID);
	bool found = false;
	for (size_t i = 0; i < F->p.nfields; i++)
		if (!strcmp(F->p.fields[i].field, field) && strstr(F->p.fields[i].reason, words))
			found = true;
	if (!found)
		fail_msg("%s: no error for %s saying '%s' (first: %s: %s)", text, field, words,
			 F->p.nfields ? F->p.fields[0].field : "-",
			 F->p.nfields ? F->p.fields[0].reason : F->p.detail);
	assert_int_equal(lt_store_person_count(F->store, 0, &persons_after), LT_OK);
	assert_int_equal(persons_after, persons);
	assert_int_equal(audit_rows(), rows);
}

static void field_errors_are_named(void **state)
{
	(void)state;
	expect_field_error("{\"sex\": \"female\", \"nickname\": \"J\"}", "nickname", "unknown field");
	expect_field_error("{\"sex\": \"robot\"}", "sex", "female, male, other, unknown");
	expect_field_error("{\"sex\": \"Female\"}", "sex", "one of");
	expect_field_error("{\"sex\": 1}", "sex", "string");
	expect_field_error("{\"given_name\": \"Ana\"}", "sex", "required");
	expect_field_error("{\"sex\": null}", "sex", "required");
	expect_field_error("{\"sex\": \"male\", \"birth_year\": 1899}", "birth_year", "1900");
	expect_field_error("{\"sex\": \"male\", \"birth_year\": -5}", "birth_year", "between");
	expect_field_error("{\"sex\": \"male\", \"birth_year\": 9223372036854775807}", "birth_year",
			   "between");
	char text[200];
	int64_t next_year = 1970 + lt_now() / 31556952 + 1;
	snprintf(text, sizeof(text), "{\"sex\": \"male\", \"birth_year\": %lld}", (long long)next_year);
	expect_field_error(text, "birth_year", "between");
	expect_field_error("{\"sex\": \"male\", \"birth_year\": \"1990\"}", "birth_year", "integer");
	expect_field_error("{\"sex\": \"male\", \"birth_year\": 1990.5}", "birth_year", "integer");
	expect_field_error("{\"sex\": \"male\", \"given_name\": 7}", "given_name", "string");
	expect_field_error("{\"sex\": \"male\", \"family_name\": [\"a\"]}", "family_name", "string");
	char big[400];
	snprintf(big, sizeof(big), "{\"sex\": \"male\", \"given_name\": \"%0201d\"}", 0);
	expect_field_error(big, "given_name", "at most 200 bytes");
	expect_field_error("[]", "(body)", "object");
	expect_field_error("\"Jelena\"", "(body)", "object");

	/* Every fault of a kind at once, not just the first. The shape is
	 * checked first (unknown, missing, mistyped members); values only once
	 * the shape is right. */
	struct lt_ctx ctx = as_user(F->case1);
	json_t *body = body_of("{\"sex\": \"x\", \"birth_year\": 1800}"), *out = NULL;
	assert_int_equal(lt_svc_person_create(&ctx, body, &out), LT_ERR_INVALID);
	json_decref(body);
	assert_int_equal(F->p.nfields, 2);
	assert_string_equal(F->p.fields[0].field, "sex");
	assert_string_equal(F->p.fields[1].field, "birth_year");
	ctx = as_user(F->case1);
	body = body_of("{\"sex\": 5, \"given_name\": true, \"extra\": 1, \"more\": 2}");
	assert_int_equal(lt_svc_person_create(&ctx, body, &out), LT_ERR_INVALID);
	json_decref(body);
	assert_int_equal(F->p.nfields, 4);

	/* The edges of the allowed years are allowed. */
	ctx = as_user(F->case1);
	create(&ctx, "{\"sex\": \"other\", \"birth_year\": 1900}");
	snprintf(text, sizeof(text), "{\"sex\": \"other\", \"birth_year\": %lld}",
		 (long long)(next_year - 1));
	create(&ctx, text);
}

/* True when the LEN bytes at HAY contain NEEDLE. */
static bool contains(const char *hay, size_t len, const char *needle)
{
	return hay && memmem(hay, len, needle, strlen(needle)) != NULL;
}

static void database_file_holds_no_plaintext_name(void **state)
{
	(void)state;
	static const char *const names[][2] = {
		{"Zorica", "Vukašinović"},
		{"Драгана", "Милошевић"},
		{"Qwertyuiop", "Asdfghjkl"},
	};
	struct lt_ctx ctx = as_user(F->case1);
	for (size_t i = 0; i < LT_ARRAY_LEN(names); i++) {
		json_t *body = json_pack("{s:s, s:s, s:s}", "given_name", names[i][0], "family_name",
					 names[i][1], "sex", "female");
		json_t *out = NULL;
		lt_problem_init(&F->p);
		must(lt_svc_person_create(&ctx, body, &out), "create");
		int64_t id = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		json_decref(body);
		/* Read and search too, so that every path that touches a name ran. */
		must(lt_svc_person_get(&ctx, id, &out), "get");
		json_decref(out);
		char full[200];
		snprintf(full, sizeof(full), "%s %s", names[i][0], names[i][1]);
		int64_t ids[4];
		assert_int_equal(search(&ctx, full, ids, 4), 1);
	}

	/* Look in the WAL before the checkpoint and in the database after it. */
	char wal_path[700];
	snprintf(wal_path, sizeof(wal_path), "%s-wal", F->path);
	size_t len = 0;
	char *wal = lt_test_slurp(wal_path, &len);
	assert_non_null(wal);
	for (size_t i = 0; i < LT_ARRAY_LEN(names); i++)
		for (int k = 0; k < 2; k++)
			if (contains(wal, len, names[i][k]))
				fail_msg("the WAL holds '%s' in the clear", names[i][k]);
	free(wal);

	assert_int_equal(lt_store_checkpoint(F->store), LT_OK);
	char *db = lt_test_slurp(F->path, &len);
	assert_non_null(db);
	assert_true(len > 4096);
	/* The test can see a name when one is there: the organisation's is. */
	assert_true(contains(db, len, "NGO One"));
	for (size_t i = 0; i < LT_ARRAY_LEN(names); i++) {
		for (int k = 0; k < 2; k++) {
			if (contains(db, len, names[i][k]))
				fail_msg("the database holds '%s' in the clear", names[i][k]);
			/* Nor the normalised (lower-case) form a search would use. */
			struct lt_buf norm;
			lt_buf_init(&norm, 0);
			assert_int_equal(lt_normalise_name(names[i][k], &norm), LT_OK);
			if (contains(db, len, norm.data))
				fail_msg("the database holds '%s' in the clear", norm.data);
			lt_buf_release(&norm);
		}
	}
	free(db);
}

static void sealed_names_are_bound_to_their_row(void **state)
{
	(void)state;
	/* Copying one person's sealed name onto another row does not make it
	 * readable there: the read fails as a crypto error, not with a name. */
	struct lt_ctx ctx = as_user(F->case1);
	int64_t a = create(&ctx, "{\"given_name\": \"Vesna\", \"sex\": \"female\"}");
	int64_t b = create(&ctx, "{\"given_name\": \"Snezana\", \"sex\": \"female\"}");
	assert_int_equal(lt_store_checkpoint(F->store), LT_OK);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(F->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "UPDATE persons SET given_name = (SELECT given_name FROM persons WHERE id = %lld) "
		 "WHERE id = %lld",
		 (long long)a, (long long)b);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	json_t *out = NULL;
	ctx = as_user(F->case1);
	assert_int_equal(lt_svc_person_get(&ctx, b, &out), LT_ERR_CRYPTO);
	assert_null(out);
	assert_int_equal(F->p.code, LT_ERR_CRYPTO);
	ctx = as_user(F->case1);
	must(lt_svc_person_get(&ctx, a, &out), "get a");
	assert_string_equal(lt_json_str(out, "given_name"), "Vesna");
	json_decref(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(caseworker_creates_and_reads_a_person, setup, teardown),
		cmocka_unit_test_setup_teardown(other_organisation_gets_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(search_by_exact_name_folds_case_and_space, setup,
						teardown),
		cmocka_unit_test_setup_teardown(field_errors_are_named, setup, teardown),
		cmocka_unit_test_setup_teardown(database_file_holds_no_plaintext_name, setup, teardown),
		cmocka_unit_test_setup_teardown(sealed_names_are_bound_to_their_row, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
