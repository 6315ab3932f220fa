/* Protection and non-punishment through the service layer: the case
 * document shows threats, protection measures and proceedings against the
 * victim only to readers with the justice-read right, and checks that
 * right quietly (no problem left behind); notes are sealed on disk and
 * shown only with free text; a refused write writes nothing, not even
 * its audit row. Synthetic data only. */
#include "lt_test.h"
#include "base/str.h"
#include "crypto/seal.h"
#include "service/accounts.h"
#include "service/cases.h"
#include "service/protection.h"
#include <jansson.h>

struct fx {
	char *dir;
	char path[600];
	struct lt_store *store;
	struct lt_keys keys;
	struct lt_config config;
	struct lt_arena arena;
	struct lt_problem p;
	int64_t worker, analyst, case_id;
};

static struct fx *F;

static void must(lt_err rc, const char *what)
{
	if (rc)
		fail_msg("%s: %s (%s)", what, lt_err_str(rc), F->p.detail);
}

static struct lt_ctx cli(void)
{
	struct lt_ctx ctx;
	lt_problem_init(&F->p);
	lt_ctx_init_cli(&ctx, F->store, &F->keys, &F->config, &F->arena, &F->p);
	return ctx;
}

/* A context acting as user USER_ID, as session authentication would set it. */
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

static json_t *body_of(const char *text)
{
	json_error_t err;
	json_t *v = json_loads(text, 0, &err);
	if (!v)
		fail_msg("bad test JSON %s: %s", text, err.text);
	return v;
}

/* Runs FN on the case with the JSON TEXT and returns its status. */
static lt_err write_case(struct lt_ctx *ctx,
			 lt_err (*fn)(struct lt_ctx *, int64_t, const json_t *, json_t **),
			 const char *text)
{
	json_t *body = body_of(text), *out = NULL;
	lt_problem_init(ctx->problem);
	lt_err rc = fn(ctx, F->case_id, body, &out);
	json_decref(body);
	json_decref(out);
	return rc;
}

static int setup(void **state)
{
	F = calloc(1, sizeof(*F));
	if (!F || !(F->dir = lt_test_tmpdir()) || lt_crypto_init())
		return -1;
	snprintf(F->path, sizeof(F->path), "%s/lantern.db", F->dir);
	unsigned char master[LT_KEY_BYTES];
	memset(master, 0x24, sizeof(master));
	lt_keys_derive(master, &F->keys);
	lt_config_init(&F->config);
	lt_arena_init(&F->arena);
	lt_problem_init(&F->p);
	if (lt_store_open(F->path, true, &F->store, &F->p) || lt_store_migrate(F->store, &F->p))
		return -1;
	struct lt_ctx ctx = cli();
	int64_t id;
	static const char pw[] = "a long enough password";
	if (lt_svc_org_add(&ctx, "Center One (synthetic)", "center", &id) ||
	    lt_svc_user_add(&ctx, "worker", "caseworker", "Center One (synthetic)", pw, NULL,
			    &F->worker) ||
	    lt_svc_user_add(&ctx, "analyst", "analyst", "Center One (synthetic)", pw, NULL,
			    &F->analyst)) {
		fprintf(stderr, "setup: %s\n", F->p.detail);
		return -1;
	}
	struct lt_ctx w = as_user(F->worker);
	json_t *doc = body_of("{\"person\": {\"sex\": \"female\", \"birth_year\": 1996, "
			      "\"citizenship\": [\"MD\"]}, \"referral\": {\"date\": \"2023-03-14\", "
			      "\"source\": \"police\"}, \"exploitation\": [\"sexual\"]}");
	json_t *out = NULL;
	lt_err rc = lt_svc_case_create(&w, doc, &out);
	json_decref(doc);
	if (rc) {
		fprintf(stderr, "setup case: %s\n", F->p.detail);
		return -1;
	}
	F->case_id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
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

static bool contains(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; n && i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return true;
	return false;
}

static void justice_parts_need_justice_read(void **state)
{
	(void)state;
	struct lt_ctx w = as_user(F->worker);
	must(write_case(&w, lt_svc_threat_create,
			"{\"date\": \"2023-04-02\", \"kind\": \"threat\", \"note\": \"Threat note (synthetic)\"}"),
	     "threat");
	must(write_case(&w, lt_svc_victim_proceeding_create,
			"{\"kind\": \"misdemeanour\", \"offence\": \"prostitution\", \"outcome\": \"penalty\", "
			"\"penalty\": \"fine\"}"),
	     "victim proceeding");
	must(write_case(&w, lt_svc_removal_create,
			"{\"date\": \"2023-04-05\", \"kind\": \"expulsion\", \"note\": \"Removal note (synthetic)\"}"),
	     "removal");

	/* The case worker of the owning organisation sees everything, notes included. */
	json_t *doc = NULL;
	lt_problem_init(&F->p);
	must(lt_case_json(&w, F->case_id, &doc), "case as worker");
	assert_int_equal(json_array_size(json_object_get(doc, "threats")), 1);
	assert_int_equal(json_array_size(json_object_get(doc, "victim_proceedings")), 1);
	assert_non_null(json_object_get(doc, "protection_measures"));
	json_t *t = json_array_get(json_object_get(doc, "threats"), 0);
	assert_string_equal(json_string_value(json_object_get(t, "note")), "Threat note (synthetic)");
	assert_true(json_is_null(json_object_get(doc, "unaccompanied")));
	json_decref(doc);

	/* The analyst's role has no justice-read right: no justice members at
	 * all, the rest of the case unchanged, and no problem left behind. */
	struct lt_ctx a = as_user(F->analyst);
	lt_problem_init(&F->p);
	must(lt_case_json(&a, F->case_id, &doc), "case as analyst");
	assert_null(json_object_get(doc, "threats"));
	assert_null(json_object_get(doc, "protection_measures"));
	assert_null(json_object_get(doc, "victim_proceedings"));
	assert_int_equal(json_array_size(json_object_get(doc, "removals")), 1);
	assert_non_null(json_object_get(doc, "identity_disclosures"));
	assert_non_null(json_object_get(doc, "age_assessments"));
	assert_non_null(json_object_get(doc, "unaccompanied"));
	assert_int_equal(F->p.code, LT_OK);
	assert_int_equal(F->p.nfields, 0);
	json_decref(doc);

	/* And the analyst may not record them. */
	assert_int_equal(write_case(&a, lt_svc_threat_create,
				    "{\"date\": \"2023-04-02\", \"kind\": \"threat\"}"),
			 LT_ERR_FORBIDDEN);
	assert_int_equal(write_case(&a, lt_svc_age_assessment_create,
				    "{\"date\": \"2023-04-02\", \"result\": \"adult\"}"),
			 LT_ERR_FORBIDDEN);
}

static void notes_are_sealed_on_disk(void **state)
{
	(void)state;
	struct lt_ctx w = as_user(F->worker);
	static const char *const notes[] = {"Qzxv threat note", "Qzxv measure note",
					    "Qzxv proceeding note", "Qzxv removal note",
					    "Qzxv disclosure note", "Qzxv age note"};
	char text[200];
	snprintf(text, sizeof(text), "{\"date\": \"2023-04-02\", \"kind\": \"violence\", \"note\": \"%s\"}",
		 notes[0]);
	must(write_case(&w, lt_svc_threat_create, text), "threat");
	snprintf(text, sizeof(text), "{\"date\": \"2023-04-02\", \"measure\": \"relocation\", \"note\": \"%s\"}",
		 notes[1]);
	must(write_case(&w, lt_svc_protection_create, text), "measure");
	snprintf(text, sizeof(text),
		 "{\"kind\": \"criminal\", \"offence\": \"theft\", \"outcome\": \"pending\", \"note\": \"%s\"}",
		 notes[2]);
	must(write_case(&w, lt_svc_victim_proceeding_create, text), "proceeding");
	snprintf(text, sizeof(text), "{\"date\": \"2023-04-02\", \"kind\": \"removal\", \"note\": \"%s\"}",
		 notes[3]);
	must(write_case(&w, lt_svc_removal_create, text), "removal");
	snprintf(text, sizeof(text),
		 "{\"date\": \"2023-04-02\", \"recipient\": \"employer\", \"channel\": "
		 "\"residence_document\", \"note\": \"%s\"}",
		 notes[4]);
	must(write_case(&w, lt_svc_disclosure_create, text), "disclosure");
	snprintf(text, sizeof(text), "{\"date\": \"2023-04-02\", \"result\": \"adult\", \"note\": \"%s\"}",
		 notes[5]);
	must(write_case(&w, lt_svc_age_assessment_create, text), "age assessment");

	/* Every note opens on the case page... */
	json_t *doc = NULL;
	lt_problem_init(&F->p);
	must(lt_case_json(&w, F->case_id, &doc), "case");
	char *dump = json_dumps(doc, 0);
	for (size_t i = 0; i < LT_ARRAY_LEN(notes); i++)
		assert_non_null(strstr(dump, notes[i]));
	free(dump);
	json_decref(doc);
	/* ...and none is on disk in the clear. */
	assert_int_equal(lt_store_checkpoint(F->store), LT_OK);
	size_t len = 0;
	char *db = lt_test_slurp(F->path, &len);
	assert_non_null(db);
	assert_true(contains(db, len, "Center One (synthetic)"));
	for (size_t i = 0; i < LT_ARRAY_LEN(notes); i++)
		if (contains(db, len, notes[i]))
			fail_msg("the database holds '%s' in the clear", notes[i]);
	free(db);
}

static int64_t audit_rows(void)
{
	int64_t last = 0;
	unsigned char h[32];
	assert_int_equal(lt_store_audit_last(F->store, &last, h), LT_OK);
	return last;
}

static void refused_writes_write_nothing(void **state)
{
	(void)state;
	struct lt_ctx w = as_user(F->worker);
	must(write_case(&w, lt_svc_victim_proceeding_create,
			"{\"kind\": \"misdemeanour\", \"offence\": \"begging\", \"outcome\": \"penalty\", "
			"\"penalty\": \"probation\"}"),
	     "proceeding");
	int64_t before = audit_rows();
	assert_int_equal(write_case(&w, lt_svc_victim_proceeding_create,
				    "{\"kind\": \"misdemeanour\", \"offence\": \"begging\", "
				    "\"outcome\": \"acquitted\", \"penalty\": \"fine\"}"),
			 LT_ERR_INVALID);
	assert_string_equal(F->p.fields[0].field, "penalty");
	assert_int_equal(write_case(&w, lt_svc_unaccompanied_set, "{\"unaccompanied\": true}"),
			 LT_ERR_INVALID);
	assert_string_equal(F->p.fields[0].field, "unaccompanied");
	assert_int_equal(write_case(&w, lt_svc_protection_create,
				    "{\"date\": \"2023-04-02\", \"measure\": \"relocation\", \"threat_id\": 77}"),
			 LT_ERR_INVALID);
	assert_string_equal(F->p.fields[0].field, "threat_id");
	assert_int_equal(audit_rows(), before);

	/* A change that would leave the record inconsistent is refused whole,
	 * inside its transaction. */
	json_t *doc = NULL;
	lt_problem_init(&F->p);
	must(lt_case_json(&w, F->case_id, &doc), "case");
	int64_t vid = json_integer_value(
		json_object_get(json_array_get(json_object_get(doc, "victim_proceedings"), 0), "id"));
	json_decref(doc);
	json_t *body = body_of("{\"outcome\": \"dismissed\", \"outcome_date\": \"2023-05-01\"}"), *out = NULL;
	lt_problem_init(&F->p);
	assert_int_equal(lt_svc_victim_proceeding_update(&w, F->case_id, vid, body, &out),
			 LT_ERR_INVALID);
	assert_null(out);
	json_decref(body);
	assert_int_equal(audit_rows(), before);
	struct lt_victim_proceeding_row row;
	assert_int_equal(lt_store_victim_proceeding_get(F->store, F->case_id, vid, &F->arena, &row), LT_OK);
	assert_string_equal(row.outcome, "penalty");
	assert_string_equal(row.penalty, "probation");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(justice_parts_need_justice_read, setup, teardown),
		cmocka_unit_test_setup_teardown(notes_are_sealed_on_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(refused_writes_write_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
