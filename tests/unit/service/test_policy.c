/* The authorisation policy: the whole role x action table of
 * src/service/policy.c, written out again here from the design (so that a
 * change to either shows up as a failure), the command line and anonymous
 * callers, own-organisation scope answering "not found", the org filter
 * for scoped listings, and case access widened by referrals. */
#include "lt_test.h"
#include "service/policy.h"
#include "store/store.h"

#define N LT_SCOPE_NONE
#define O LT_SCOPE_OWN_ORG
#define A LT_SCOPE_ALL
#define NACTIONS LT_ACT_COUNT

static const char *const action_names[NACTIONS] = {
	[LT_ACT_SELF] = "self",
	[LT_ACT_DASHBOARD] = "dashboard",
	[LT_ACT_PERSON_CREATE] = "person.create",
	[LT_ACT_PERSON_READ] = "person.read",
	[LT_ACT_PERSON_SEARCH] = "person.search",
	[LT_ACT_ORG_LIST] = "org.list",
	[LT_ACT_ORG_ADMIN] = "org.admin",
	[LT_ACT_USER_ADMIN] = "user.admin",
	[LT_ACT_AUDIT_READ] = "audit.read",
	[LT_ACT_CASE_CREATE] = "case.create",
	[LT_ACT_CASE_READ] = "case.read",
	[LT_ACT_CASE_DECIDE] = "case.decide",
	[LT_ACT_CASE_ASSIST] = "case.assist",
	[LT_ACT_CASE_IDENTITY] = "case.identity",
	[LT_ACT_CASE_IMPORT] = "case.import",
	[LT_ACT_SHELTER_READ] = "shelter.read",
	[LT_ACT_SHELTER_ADMIN] = "shelter.admin",
	[LT_ACT_VOCAB_READ] = "vocab.read",
	[LT_ACT_REFERRAL_RESPOND] = "referral.respond",
	[LT_ACT_STATS_READ] = "stats.read",
	[LT_ACT_ASSESSMENT_READ] = "assessment.read",
	[LT_ACT_TIERS_ADMIN] = "tiers.admin",
	[LT_ACT_JUSTICE_READ] = "justice.read",
	[LT_ACT_JUSTICE_RECORD] = "justice.record",
	[LT_ACT_ALERT_READ] = "alert.read",
	[LT_ACT_ALERT_RESOLVE] = "alert.resolve",
};

/* The expected policy; every action not named is never allowed. Admins run
 * the system but see no victim's identity; coordinators (the national
 * Center) see and decide everything and answer the compliance alerts; caseworkers work on their own
 * organisation's persons and cases; liaison officers read their office's
 * cases and record their proceedings; analysts see aggregates; auditors the audit log. Bulk import is
 * for the command line only. */
static const struct {
	enum lt_role role;
	enum lt_scope scope[NACTIONS];
} expected[] = {
	{LT_ROLE_ADMIN,
	 {[LT_ACT_SELF] = A, [LT_ACT_DASHBOARD] = O, [LT_ACT_ORG_LIST] = A, [LT_ACT_ORG_ADMIN] = A,
	  [LT_ACT_USER_ADMIN] = A, [LT_ACT_SHELTER_READ] = A, [LT_ACT_SHELTER_ADMIN] = A,
	  [LT_ACT_VOCAB_READ] = A, [LT_ACT_STATS_READ] = A, [LT_ACT_ASSESSMENT_READ] = A,
	  [LT_ACT_TIERS_ADMIN] = A}},
	{LT_ROLE_COORDINATOR,
	 {[LT_ACT_SELF] = A, [LT_ACT_DASHBOARD] = A, [LT_ACT_PERSON_CREATE] = O,
	  [LT_ACT_PERSON_READ] = A, [LT_ACT_PERSON_SEARCH] = A, [LT_ACT_ORG_LIST] = A,
	  [LT_ACT_CASE_CREATE] = O, [LT_ACT_CASE_READ] = A, [LT_ACT_CASE_DECIDE] = A,
	  [LT_ACT_CASE_ASSIST] = A, [LT_ACT_CASE_IDENTITY] = A, [LT_ACT_SHELTER_READ] = A,
	  [LT_ACT_SHELTER_ADMIN] = A, [LT_ACT_VOCAB_READ] = A, [LT_ACT_REFERRAL_RESPOND] = A,
	  [LT_ACT_STATS_READ] = A, [LT_ACT_ASSESSMENT_READ] = A, [LT_ACT_JUSTICE_READ] = A,
	  [LT_ACT_JUSTICE_RECORD] = A, [LT_ACT_ALERT_READ] = A, [LT_ACT_ALERT_RESOLVE] = A}},
	{LT_ROLE_CASEWORKER,
	 {[LT_ACT_SELF] = A, [LT_ACT_DASHBOARD] = O, [LT_ACT_PERSON_CREATE] = O,
	  [LT_ACT_PERSON_READ] = O, [LT_ACT_PERSON_SEARCH] = O, [LT_ACT_ORG_LIST] = A,
	  [LT_ACT_CASE_CREATE] = O, [LT_ACT_CASE_READ] = O, [LT_ACT_CASE_DECIDE] = O,
	  [LT_ACT_CASE_ASSIST] = O, [LT_ACT_CASE_IDENTITY] = O, [LT_ACT_SHELTER_READ] = A,
	  [LT_ACT_VOCAB_READ] = A, [LT_ACT_REFERRAL_RESPOND] = O, [LT_ACT_JUSTICE_READ] = O,
	  [LT_ACT_JUSTICE_RECORD] = O, [LT_ACT_ALERT_READ] = O}},
	{LT_ROLE_PROSECUTOR_LIAISON,
	 {[LT_ACT_SELF] = A, [LT_ACT_DASHBOARD] = O, [LT_ACT_ORG_LIST] = A,
	  [LT_ACT_CASE_READ] = O, [LT_ACT_CASE_IDENTITY] = O, [LT_ACT_VOCAB_READ] = A,
	  [LT_ACT_REFERRAL_RESPOND] = O, [LT_ACT_JUSTICE_READ] = O, [LT_ACT_JUSTICE_RECORD] = O}},
	{LT_ROLE_ANALYST,
	 {[LT_ACT_SELF] = A, [LT_ACT_DASHBOARD] = A, [LT_ACT_ORG_LIST] = A,
	  [LT_ACT_VOCAB_READ] = A, [LT_ACT_STATS_READ] = A, [LT_ACT_ASSESSMENT_READ] = A}},
	{LT_ROLE_AUDITOR,
	 {[LT_ACT_SELF] = A, [LT_ACT_DASHBOARD] = O, [LT_ACT_ORG_LIST] = A,
	  [LT_ACT_AUDIT_READ] = A, [LT_ACT_VOCAB_READ] = A}},
	/* A user row whose role did not parse has no rights at all. */
	{LT_ROLE_NONE, {[LT_ACT_SELF] = N}},
};

#define MY_ORG 10
#define OTHER_ORG 20

static void make_ctx(struct lt_ctx *ctx, struct lt_problem *p, enum lt_actor_kind kind,
		     enum lt_role role)
{
	memset(ctx, 0, sizeof(*ctx));
	lt_problem_init(p);
	ctx->problem = p;
	ctx->actor.kind = kind;
	ctx->actor.role = role;
	ctx->actor.user_id = kind == LT_ACTOR_USER ? 5 : 0;
	ctx->actor.org.id = MY_ORG;
}

static void every_action_has_a_name(void **state)
{
	(void)state;
	/* So that a new action cannot slip past the table below unnamed. */
	for (int act = 0; act < NACTIONS; act++)
		if (!action_names[act])
			fail_msg("action %d has no row in this test; add it to the table", act);
}

static const char *scope_name(enum lt_scope s)
{
	return s == LT_SCOPE_ALL ? "all" : s == LT_SCOPE_OWN_ORG ? "own-org" : "none";
}

static void scope_table_matches_the_design(void **state)
{
	(void)state;
	for (size_t r = 0; r < LT_ARRAY_LEN(expected); r++) {
		struct lt_actor a;
		memset(&a, 0, sizeof(a));
		a.kind = LT_ACTOR_USER;
		a.role = expected[r].role;
		a.org.id = MY_ORG;
		for (int act = 0; act < NACTIONS; act++) {
			enum lt_scope got = lt_policy_scope(&a, (enum lt_action)act);
			if (got != expected[r].scope[act])
				fail_msg("role %s, action %s: scope %s, want %s",
					 lt_role_name(expected[r].role), action_names[act],
					 scope_name(got), scope_name(expected[r].scope[act]));
		}
	}
}

/* lt_authorize() for one role and action against records of no
 * organisation, of the actor's and of another. */
static void authorize_follows_the_table(void **state)
{
	(void)state;
	for (size_t r = 0; r < LT_ARRAY_LEN(expected); r++) {
		for (int act = 0; act < NACTIONS; act++) {
			enum lt_scope want = expected[r].scope[act];
			static const int64_t orgs[] = {0, MY_ORG, OTHER_ORG};
			for (size_t k = 0; k < LT_ARRAY_LEN(orgs); k++) {
				struct lt_ctx ctx;
				struct lt_problem p;
				make_ctx(&ctx, &p, LT_ACTOR_USER, expected[r].role);
				lt_err rc = lt_authorize(&ctx, (enum lt_action)act, orgs[k]);
				lt_err exp;
				if (want == LT_SCOPE_NONE)
					exp = LT_ERR_FORBIDDEN;
				else if (want == LT_SCOPE_OWN_ORG && orgs[k] == OTHER_ORG)
					exp = LT_ERR_NOT_FOUND;
				else
					exp = LT_OK;
				if (rc != exp)
					fail_msg("role %s, action %s, record org %lld: %s, want %s",
						 lt_role_name(expected[r].role), action_names[act],
						 (long long)orgs[k], lt_err_str(rc), lt_err_str(exp));
				/* The problem carries the same code and a sentence. */
				if (rc) {
					assert_int_equal(p.code, rc);
					assert_true(p.detail[0] != '\0');
					assert_int_equal(p.nfields, 0);
				} else {
					assert_int_equal(p.code, LT_OK);
				}
			}
		}
	}
}

static void forbidden_names_the_role_and_not_found_reveals_nothing(void **state)
{
	(void)state;
	struct lt_ctx ctx;
	struct lt_problem p;
	make_ctx(&ctx, &p, LT_ACTOR_USER, LT_ROLE_ANALYST);
	assert_int_equal(lt_authorize(&ctx, LT_ACT_PERSON_READ, MY_ORG), LT_ERR_FORBIDDEN);
	assert_non_null(strstr(p.detail, "analyst"));

	make_ctx(&ctx, &p, LT_ACTOR_USER, LT_ROLE_CASEWORKER);
	assert_int_equal(lt_authorize(&ctx, LT_ACT_PERSON_READ, OTHER_ORG), LT_ERR_NOT_FOUND);
	/* The same words as for a record that does not exist. */
	assert_string_equal(p.detail, "No such record.");
	assert_null(strstr(p.detail, "organisation"));
	assert_null(strstr(p.detail, "caseworker"));
}

static void command_line_may_do_everything(void **state)
{
	(void)state;
	/* Whatever role the CLI context happens to carry. */
	static const enum lt_role roles[] = {LT_ROLE_NONE, LT_ROLE_ADMIN, LT_ROLE_ANALYST};
	for (size_t r = 0; r < LT_ARRAY_LEN(roles); r++) {
		for (int act = 0; act < NACTIONS; act++) {
			struct lt_ctx ctx;
			struct lt_problem p;
			make_ctx(&ctx, &p, LT_ACTOR_CLI, roles[r]);
			ctx.actor.org.id = 0; /* the command line belongs to no organisation */
			assert_int_equal(lt_policy_scope(&ctx.actor, (enum lt_action)act), LT_SCOPE_ALL);
			assert_int_equal(lt_authorize(&ctx, (enum lt_action)act, 0), LT_OK);
			assert_int_equal(lt_authorize(&ctx, (enum lt_action)act, OTHER_ORG), LT_OK);
			assert_int_equal(lt_policy_org_filter(&ctx.actor, (enum lt_action)act), 0);
		}
	}
	/* And lt_ctx_init_cli makes such a context. */
	struct lt_ctx ctx;
	struct lt_problem p;
	lt_problem_init(&p);
	lt_ctx_init_cli(&ctx, NULL, NULL, NULL, NULL, &p);
	assert_int_equal(ctx.actor.kind, LT_ACTOR_CLI);
	assert_int_equal(ctx.actor.user_id, 0);
	assert_int_equal(lt_authorize(&ctx, LT_ACT_AUDIT_READ, 0), LT_OK);
	assert_int_equal(lt_authorize(&ctx, LT_ACT_PERSON_READ, 12345), LT_OK);
}

static void anonymous_gets_401_for_everything(void **state)
{
	(void)state;
	static const enum lt_role roles[] = {LT_ROLE_NONE, LT_ROLE_ADMIN, LT_ROLE_COORDINATOR};
	for (size_t r = 0; r < LT_ARRAY_LEN(roles); r++) {
		for (int act = 0; act < NACTIONS; act++) {
			struct lt_ctx ctx;
			struct lt_problem p;
			/* Even with a role and organisation left over in the struct. */
			make_ctx(&ctx, &p, LT_ACTOR_ANONYMOUS, roles[r]);
			assert_int_equal(lt_policy_scope(&ctx.actor, (enum lt_action)act), LT_SCOPE_NONE);
			assert_int_equal(lt_authorize(&ctx, (enum lt_action)act, 0), LT_ERR_UNAUTHORIZED);
			assert_int_equal(lt_authorize(&ctx, (enum lt_action)act, MY_ORG),
					 LT_ERR_UNAUTHORIZED);
			assert_int_equal(p.code, LT_ERR_UNAUTHORIZED);
			assert_int_equal(lt_policy_org_filter(&ctx.actor, (enum lt_action)act), 0);
		}
	}
}

static void out_of_range_roles_and_kinds_get_nothing(void **state)
{
	(void)state;
	struct lt_ctx ctx;
	struct lt_problem p;
	make_ctx(&ctx, &p, LT_ACTOR_USER, (enum lt_role)(LT_ROLE_AUDITOR + 1));
	for (int act = 0; act < NACTIONS; act++) {
		assert_int_equal(lt_policy_scope(&ctx.actor, (enum lt_action)act), LT_SCOPE_NONE);
		assert_int_equal(lt_authorize(&ctx, (enum lt_action)act, 0), LT_ERR_FORBIDDEN);
	}
	make_ctx(&ctx, &p, LT_ACTOR_USER, (enum lt_role)1000);
	assert_int_equal(lt_authorize(&ctx, LT_ACT_SELF, 0), LT_ERR_FORBIDDEN);
	make_ctx(&ctx, &p, (enum lt_actor_kind)7, LT_ROLE_ADMIN);
	for (int act = 0; act < NACTIONS; act++)
		assert_int_equal(lt_policy_scope(&ctx.actor, (enum lt_action)act), LT_SCOPE_NONE);
	assert_int_not_equal(lt_authorize(&ctx, LT_ACT_USER_ADMIN, 0), LT_OK);
}

static void org_filter_limits_own_org_scopes_only(void **state)
{
	(void)state;
	for (size_t r = 0; r < LT_ARRAY_LEN(expected); r++) {
		struct lt_actor a;
		memset(&a, 0, sizeof(a));
		a.kind = LT_ACTOR_USER;
		a.role = expected[r].role;
		a.org.id = MY_ORG;
		for (int act = 0; act < NACTIONS; act++) {
			int64_t want = expected[r].scope[act] == LT_SCOPE_OWN_ORG ? MY_ORG : 0;
			int64_t got = lt_policy_org_filter(&a, (enum lt_action)act);
			if (got != want)
				fail_msg("role %s, action %s: filter %lld, want %lld",
					 lt_role_name(expected[r].role), action_names[act],
					 (long long)got, (long long)want);
		}
	}
	/* The filter is the actor's organisation, whatever its id. */
	struct lt_actor a;
	memset(&a, 0, sizeof(a));
	a.kind = LT_ACTOR_USER;
	a.role = LT_ROLE_CASEWORKER;
	a.org.id = 77;
	assert_int_equal(lt_policy_org_filter(&a, LT_ACT_PERSON_SEARCH), 77);
	assert_int_equal(lt_policy_org_filter(&a, LT_ACT_DASHBOARD), 77);
	a.role = LT_ROLE_COORDINATOR;
	assert_int_equal(lt_policy_org_filter(&a, LT_ACT_PERSON_SEARCH), 0);
	assert_int_equal(lt_policy_org_filter(&a, LT_ACT_DASHBOARD), 0);
	/* Own-org create: the only organisation allowed is one's own. */
	assert_int_equal(lt_policy_org_filter(&a, LT_ACT_PERSON_CREATE), 77);
}

/* ---- cases: scope widened by referrals ---- */

static lt_err authorize_case(enum lt_actor_kind kind, enum lt_role role, enum lt_action act,
			     int64_t owner, const struct lt_case_share *share, struct lt_problem *p)
{
	struct lt_ctx ctx;
	make_ctx(&ctx, p, kind, role);
	return lt_authorize_case(&ctx, act, owner, share);
}

static void case_access_follows_referrals(void **state)
{
	(void)state;
	struct lt_problem p;
	const struct lt_case_share none = {false, false}, seen = {true, false},
				   seen_with_identity = {true, true}, identity_only = {false, true};
	enum lt_actor_kind U = LT_ACTOR_USER;

	/* Own organisation's case: the plain table. */
	assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_DECIDE, MY_ORG, NULL, &p),
			 LT_OK);
	assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_IDENTITY, MY_ORG, &none, &p),
			 LT_OK);
	/* Another organisation's case, not referred to us: as if it did not exist. */
	static const enum lt_action acts[] = {LT_ACT_CASE_READ, LT_ACT_CASE_DECIDE,
					      LT_ACT_CASE_ASSIST, LT_ACT_CASE_IDENTITY};
	for (size_t i = 0; i < LT_ARRAY_LEN(acts); i++) {
		assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, acts[i], OTHER_ORG, NULL, &p),
				 LT_ERR_NOT_FOUND);
		assert_string_equal(p.detail, "No such record.");
		assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, acts[i], OTHER_ORG, &none, &p),
				 LT_ERR_NOT_FOUND);
		/* Consent without a live referral shows nothing either. */
		assert_int_equal(
			authorize_case(U, LT_ROLE_CASEWORKER, acts[i], OTHER_ORG, &identity_only, &p),
			LT_ERR_NOT_FOUND);
	}
	/* Referred to us: read and assist; deciding stays with the owner. */
	assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_READ, OTHER_ORG, &seen, &p),
			 LT_OK);
	assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_ASSIST, OTHER_ORG, &seen, &p),
			 LT_OK);
	assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_DECIDE, OTHER_ORG, &seen, &p),
			 LT_ERR_FORBIDDEN);
	assert_non_null(strstr(p.detail, "owns"));
	assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_DECIDE, OTHER_ORG,
					&seen_with_identity, &p),
			 LT_ERR_FORBIDDEN);
	/* Identity only with consent to share it. */
	assert_int_equal(
		authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_IDENTITY, OTHER_ORG, &seen, &p),
		LT_ERR_FORBIDDEN);
	assert_non_null(strstr(p.detail, "consent"));
	assert_int_equal(authorize_case(U, LT_ROLE_CASEWORKER, LT_ACT_CASE_IDENTITY, OTHER_ORG,
					&seen_with_identity, &p),
			 LT_OK);

	/* A liaison officer reads referred cases, and identity with consent. */
	assert_int_equal(authorize_case(U, LT_ROLE_PROSECUTOR_LIAISON, LT_ACT_CASE_READ, OTHER_ORG,
					&seen, &p),
			 LT_OK);
	assert_int_equal(authorize_case(U, LT_ROLE_PROSECUTOR_LIAISON, LT_ACT_CASE_IDENTITY,
					OTHER_ORG, &seen_with_identity, &p),
			 LT_OK);
	assert_int_equal(authorize_case(U, LT_ROLE_PROSECUTOR_LIAISON, LT_ACT_CASE_IDENTITY,
					OTHER_ORG, &seen, &p),
			 LT_ERR_FORBIDDEN);
	/* ...but never assists or decides, referral or not. */
	assert_int_equal(authorize_case(U, LT_ROLE_PROSECUTOR_LIAISON, LT_ACT_CASE_ASSIST, OTHER_ORG,
					&seen_with_identity, &p),
			 LT_ERR_FORBIDDEN);
	assert_int_equal(authorize_case(U, LT_ROLE_PROSECUTOR_LIAISON, LT_ACT_CASE_DECIDE, MY_ORG,
					NULL, &p),
			 LT_ERR_FORBIDDEN);

	/* The coordinator needs no referral. */
	for (size_t i = 0; i < LT_ARRAY_LEN(acts); i++)
		assert_int_equal(authorize_case(U, LT_ROLE_COORDINATOR, acts[i], OTHER_ORG, NULL, &p),
				 LT_OK);
	/* Roles without case rights get no more through a referral. */
	assert_int_equal(authorize_case(U, LT_ROLE_ANALYST, LT_ACT_CASE_READ, OTHER_ORG,
					&seen_with_identity, &p),
			 LT_ERR_FORBIDDEN);
	assert_int_equal(authorize_case(U, LT_ROLE_ADMIN, LT_ACT_CASE_IDENTITY, MY_ORG,
					&seen_with_identity, &p),
			 LT_ERR_FORBIDDEN);
	/* The command line does everything; nobody logged in, nothing. */
	for (size_t i = 0; i < LT_ARRAY_LEN(acts); i++) {
		assert_int_equal(authorize_case(LT_ACTOR_CLI, LT_ROLE_NONE, acts[i], OTHER_ORG, NULL, &p),
				 LT_OK);
		assert_int_equal(authorize_case(LT_ACTOR_ANONYMOUS, LT_ROLE_COORDINATOR, acts[i], MY_ORG,
						&seen_with_identity, &p),
				 LT_ERR_UNAUTHORIZED);
	}
	assert_int_equal(authorize_case(LT_ACTOR_CLI, LT_ROLE_NONE, LT_ACT_CASE_IMPORT, 0, NULL, &p),
			 LT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_action_has_a_name),
		cmocka_unit_test(scope_table_matches_the_design),
		cmocka_unit_test(authorize_follows_the_table),
		cmocka_unit_test(forbidden_names_the_role_and_not_found_reveals_nothing),
		cmocka_unit_test(command_line_may_do_everything),
		cmocka_unit_test(anonymous_gets_401_for_everything),
		cmocka_unit_test(out_of_range_roles_and_kinds_get_nothing),
		cmocka_unit_test(org_filter_limits_own_org_scopes_only),
		cmocka_unit_test(case_access_follows_referrals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
