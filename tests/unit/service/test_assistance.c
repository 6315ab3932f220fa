/* The pure rules of assistance (src/domain/assistance_rules.c): the length
 * of a reflection period against its minimum at every boundary, when an
 * early end needs grounds, the grounds and stop reasons, the service status
 * moves and field rules, consent missing, and the referral state machine
 * with every move from every status. */
#include "lt_test.h"
#include "domain/assistance_rules.h"

#define TODAY "2024-06-15"

static bool has_field(const struct lt_problem *p, const char *field)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].field, field) == 0)
			return true;
	return false;
}

/* --- dates --- */

static void test_check_date(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_true(lt_date_check(&p, "d", NULL, false, TODAY, false, NULL, NULL));
	assert_false(lt_date_check(&p, "d", NULL, true, TODAY, false, NULL, NULL));
	assert_true(has_field(&p, "d"));
	lt_problem_init(&p);
	assert_true(lt_date_check(&p, "d", TODAY, true, TODAY, false, NULL, NULL));
	assert_false(lt_date_check(&p, "d", "2024-06-16", true, TODAY, false, NULL, NULL));
	assert_true(lt_date_check(&p, "d", "2024-06-16", true, TODAY, true, NULL, NULL));
	assert_false(lt_date_check(&p, "d", "2023-02-29", true, TODAY, false, NULL, NULL));
	assert_true(lt_date_check(&p, "d", "2024-02-29", true, TODAY, false, NULL, NULL));
	assert_false(lt_date_check(&p, "d", "1899-12-31", true, TODAY, false, NULL, NULL));
	assert_false(lt_date_check(&p, "d", "2024-6-1", true, TODAY, false, NULL, NULL));
	lt_problem_init(&p);
	assert_false(lt_date_check(&p, "d", "2024-03-03", true, TODAY, false, "2024-03-04",
					  "referral date"));
	assert_non_null(strstr(p.fields[0].reason, "referral date (2024-03-04)"));
	assert_true(lt_date_check(&p, "d", "2024-03-04", true, TODAY, false, "2024-03-04",
					 "referral date"));
}

/* --- reflection periods --- */

static void test_default_end_is_start_plus_minimum(void **state)
{
	(void)state;
	char out[11];
	lt_reflection_default_end("2021-03-05", 30, out);
	assert_string_equal(out, "2021-04-04");
	lt_reflection_default_end("2024-02-15", 30, out); /* across a leap day */
	assert_string_equal(out, "2024-03-16");
	lt_reflection_default_end("2021-12-20", 30, out);
	assert_string_equal(out, "2022-01-19");
	lt_reflection_default_end("2021-02-30", 30, out);
	assert_string_equal(out, "");
}

static void test_measure_minimum_boundaries(void **state)
{
	(void)state;
	struct lt_reflection_measure m;
	/* Planned exactly the minimum: not short. */
	lt_reflection_measure("2021-03-05", "2021-04-04", NULL, 30, &m);
	assert_int_equal(m.planned_days, 30);
	assert_int_equal(m.actual_days, -1);
	assert_false(m.shorter_than_minimum);
	assert_false(m.ended_early);
	assert_false(m.needs_grounds);
	/* One day under: short. */
	lt_reflection_measure("2021-03-05", "2021-04-03", NULL, 30, &m);
	assert_int_equal(m.planned_days, 29);
	assert_true(m.shorter_than_minimum);
	/* Ended on the last day of the minimum but before the plan: not short,
	 * yet early, and ending early needs grounds too. */
	lt_reflection_measure("2021-03-05", "2021-05-05", "2021-04-04", 30, &m);
	assert_int_equal(m.actual_days, 30);
	assert_false(m.shorter_than_minimum);
	assert_true(m.ended_early);
	assert_true(m.needs_grounds);
	/* Ended on its planned day after the minimum: nothing to explain. */
	lt_reflection_measure("2021-03-05", "2021-05-05", "2021-05-05", 30, &m);
	assert_false(m.ended_early);
	assert_false(m.needs_grounds);
	/* One day before the minimum: short, early, grounds needed. */
	lt_reflection_measure("2021-03-05", "2021-05-05", "2021-04-03", 30, &m);
	assert_int_equal(m.actual_days, 29);
	assert_true(m.shorter_than_minimum);
	assert_true(m.ended_early);
	assert_true(m.needs_grounds);
	/* Ended on the planned day, or later: not early. */
	lt_reflection_measure("2021-03-05", "2021-04-04", "2021-04-04", 30, &m);
	assert_false(m.ended_early);
	lt_reflection_measure("2021-03-05", "2021-04-04", "2021-06-01", 30, &m);
	assert_false(m.ended_early);
	assert_false(m.shorter_than_minimum);
	/* Ended on the day it started. */
	lt_reflection_measure("2021-03-05", "2021-04-04", "2021-03-05", 30, &m);
	assert_int_equal(m.actual_days, 0);
	assert_true(m.needs_grounds);
	/* A plan shorter than the minimum, kept to the end: short, not early,
	 * and grounds are needed because it ended before the minimum. */
	lt_reflection_measure("2021-03-05", "2021-03-15", "2021-03-15", 30, &m);
	assert_true(m.shorter_than_minimum);
	assert_false(m.ended_early);
	assert_true(m.needs_grounds);
	/* Another jurisdiction's minimum. */
	lt_reflection_measure("2021-03-05", "2021-06-03", NULL, 90, &m);
	assert_int_equal(m.planned_days, 90);
	assert_false(m.shorter_than_minimum);
	/* A refused period has no dates: nothing is measured. */
	lt_reflection_measure("", "", "", 30, &m);
	assert_int_equal(m.planned_days, -1);
	assert_int_equal(m.actual_days, -1);
	assert_false(m.shorter_than_minimum);
	assert_false(m.ended_early);
	assert_false(m.needs_grounds);
}

static void test_grounds(void **state)
{
	(void)state;
	const char *refusal[] = {"public_order", "improper_claim", "other"};
	const char *end_only[] = {"victim_request", "residence_granted"};
	for (size_t i = 0; i < LT_ARRAY_LEN(refusal); i++) {
		assert_true(lt_reflection_refusal_ground_valid(refusal[i]));
		assert_true(lt_reflection_end_ground_valid(refusal[i]));
		assert_non_null(strstr(lt_reflection_refusal_grounds(), refusal[i]));
	}
	for (size_t i = 0; i < LT_ARRAY_LEN(end_only); i++) {
		assert_false(lt_reflection_refusal_ground_valid(end_only[i]));
		assert_true(lt_reflection_end_ground_valid(end_only[i]));
		assert_non_null(strstr(lt_reflection_end_grounds(), end_only[i]));
	}
	assert_false(lt_reflection_refusal_ground_valid(NULL));
	assert_false(lt_reflection_end_ground_valid("cooperation_declined"));
	assert_false(lt_reflection_end_ground_valid("Public_order"));
}

/* --- services --- */

static void test_service_names(void **state)
{
	(void)state;
	for (int s = LT_SERVICE_PLANNED; s < LT_SERVICE_STATUS_INVALID; s++)
		assert_int_equal(lt_service_status_parse(lt_service_status_name(
					 (enum lt_service_status)s)),
				 s);
	assert_int_equal(lt_service_status_parse("ongoing"), LT_SERVICE_STATUS_INVALID);
	assert_int_equal(lt_service_status_parse(NULL), LT_SERVICE_STATUS_INVALID);
	assert_string_equal(lt_service_status_name(LT_SERVICE_STATUS_INVALID), "invalid");
	assert_true(lt_service_stop_reason_valid("cooperation_declined"));
	assert_false(lt_service_stop_reason_valid("no_cooperation"));
}

static void test_service_moves(void **state)
{
	(void)state;
	/* allowed[from][to] */
	static const bool allowed[5][5] = {
		/*              planned active completed refused stopped */
		/* planned   */ {1, 1, 1, 1, 1},
		/* active    */ {0, 1, 1, 0, 1},
		/* completed */ {0, 0, 1, 0, 0},
		/* refused   */ {0, 0, 0, 1, 0},
		/* stopped   */ {0, 0, 0, 0, 1},
	};
	for (int from = 0; from < 5; from++)
		for (int to = 0; to < 5; to++) {
			char why[200] = "";
			lt_err rc = lt_service_move((enum lt_service_status)from,
						    (enum lt_service_status)to, why, sizeof(why));
			if (allowed[from][to]) {
				assert_int_equal(rc, LT_OK);
			} else {
				assert_int_equal(rc, LT_ERR_CONFLICT);
				assert_true(strlen(why) > 20);
			}
		}
	char why[200];
	assert_int_equal(lt_service_move(LT_SERVICE_ACTIVE, LT_SERVICE_REFUSED, why, sizeof(why)),
			 LT_ERR_CONFLICT);
	assert_non_null(strstr(why, "stopped"));
	assert_int_equal(lt_service_move(LT_SERVICE_STATUS_INVALID, LT_SERVICE_ACTIVE, why, sizeof(why)),
			 LT_ERR_INVALID);
}

static void expect_service(const struct lt_service_facts *f, const char *field)
{
	struct lt_problem p;
	lt_problem_init(&p);
	bool ok = lt_service_check(f, TODAY, &p);
	if (!field) {
		if (!ok)
			fail_msg("unexpected fault: %s: %s", p.fields[0].field, p.fields[0].reason);
		return;
	}
	assert_false(ok);
	if (p.nfields != 1 || strcmp(p.fields[0].field, field) != 0)
		fail_msg("expected one fault on %s, got %zu (first %s)", field, p.nfields,
			 p.nfields ? p.fields[0].field : "none");
}

static void test_service_check(void **state)
{
	(void)state;
	typedef struct lt_service_facts F;
	/* planned: dates optional, a future start allowed, no end, no reason */
	expect_service(&(F){LT_SERVICE_PLANNED, NULL, NULL, NULL, false, NULL, NULL}, NULL);
	expect_service(&(F){LT_SERVICE_PLANNED, "2030-01-01", NULL, NULL, false, NULL, NULL}, NULL);
	expect_service(&(F){LT_SERVICE_PLANNED, NULL, "2024-01-01", NULL, false, NULL, NULL},
		       "end_date");
	expect_service(&(F){LT_SERVICE_PLANNED, NULL, NULL, "moved", false, NULL, NULL},
		       "stop_reason");
	/* active: a start not in the future */
	expect_service(&(F){LT_SERVICE_ACTIVE, NULL, NULL, NULL, false, NULL, NULL}, "start_date");
	expect_service(&(F){LT_SERVICE_ACTIVE, "2024-06-16", NULL, NULL, false, NULL, NULL},
		       "start_date");
	expect_service(&(F){LT_SERVICE_ACTIVE, TODAY, NULL, NULL, false, NULL, NULL}, NULL);
	expect_service(&(F){LT_SERVICE_ACTIVE, "2024-01-01", "2024-02-01", NULL, false, NULL, NULL},
		       "end_date");
	/* completed: start and end, end not before start, a reason optional */
	expect_service(&(F){LT_SERVICE_COMPLETED, "2024-01-01", NULL, NULL, false, NULL, NULL},
		       "end_date");
	expect_service(&(F){LT_SERVICE_COMPLETED, NULL, "2024-01-01", NULL, false, NULL, NULL},
		       "start_date");
	expect_service(&(F){LT_SERVICE_COMPLETED, "2024-01-02", "2024-01-01", NULL, false, NULL,
			    NULL},
		       "end_date");
	expect_service(&(F){LT_SERVICE_COMPLETED, "2024-01-01", "2024-01-01", "completed_goals",
			    false, NULL, NULL},
		       NULL);
	expect_service(&(F){LT_SERVICE_COMPLETED, "2024-01-01", "2024-07-01", NULL, false, NULL,
			    NULL},
		       "end_date");
	/* stopped and refused: an end date and a reason */
	expect_service(&(F){LT_SERVICE_STOPPED, "2024-01-01", "2024-02-01", NULL, false, NULL, NULL},
		       "stop_reason");
	expect_service(&(F){LT_SERVICE_STOPPED, NULL, "2024-02-01", "moved", false, NULL, NULL},
		       NULL);
	expect_service(&(F){LT_SERVICE_REFUSED, NULL, NULL, "victim_request", false, NULL, NULL},
		       "end_date");
	expect_service(&(F){LT_SERVICE_REFUSED, NULL, "2024-02-01", "bored", false, NULL, NULL},
		       "stop_reason");
	expect_service(&(F){LT_SERVICE_REFUSED, NULL, "2024-02-01", "cooperation_declined", false,
			    NULL, NULL},
		       NULL);
	/* consent: a date not in the future */
	expect_service(&(F){LT_SERVICE_ACTIVE, TODAY, NULL, NULL, true, "2024-07-01", "sr"},
		       "consent.date");
	expect_service(&(F){LT_SERVICE_ACTIVE, TODAY, NULL, NULL, true, NULL, "sr"}, "consent.date");
	expect_service(&(F){LT_SERVICE_ACTIVE, TODAY, NULL, NULL, true, TODAY, "sr"}, NULL);
	/* "" is the same as absent (rows read back from the store) */
	expect_service(&(F){LT_SERVICE_ACTIVE, "", "", "", false, NULL, NULL}, "start_date");
}

static void test_consent_missing(void **state)
{
	(void)state;
	assert_true(lt_service_consent_missing(LT_SERVICE_ACTIVE, "2024-01-01", false));
	assert_true(lt_service_consent_missing(LT_SERVICE_COMPLETED, "2024-01-01", false));
	assert_true(lt_service_consent_missing(LT_SERVICE_STOPPED, "2024-01-01", false));
	assert_false(lt_service_consent_missing(LT_SERVICE_STOPPED, "", false));
	assert_false(lt_service_consent_missing(LT_SERVICE_STOPPED, NULL, false));
	assert_false(lt_service_consent_missing(LT_SERVICE_PLANNED, "2024-01-01", false));
	assert_false(lt_service_consent_missing(LT_SERVICE_REFUSED, "2024-01-01", false));
	for (int s = 0; s < LT_SERVICE_STATUS_INVALID; s++)
		assert_false(lt_service_consent_missing((enum lt_service_status)s, "2024-01-01", true));
}

/* --- referrals --- */

static void test_referral_moves(void **state)
{
	(void)state;
	/* result[from][act]: the status reached, or -1 for a conflict. */
	static const int result[5][4] = {
		/*             accept                reject                complete               revoke */
		/* sent      */ {LT_REFERRAL_ACCEPTED, LT_REFERRAL_REJECTED, -1, LT_REFERRAL_REVOKED},
		/* accepted  */ {-1, -1, LT_REFERRAL_COMPLETED, LT_REFERRAL_REVOKED},
		/* rejected  */ {-1, -1, -1, -1},
		/* completed */ {-1, -1, -1, -1},
		/* revoked   */ {-1, -1, -1, -1},
	};
	for (int from = 0; from < 5; from++)
		for (int act = 0; act < 4; act++) {
			enum lt_referral_status to = LT_REFERRAL_STATUS_INVALID;
			char why[200] = "";
			lt_err rc = lt_referral_move((enum lt_referral_status)from,
						     (enum lt_referral_act)act, &to, why, sizeof(why));
			if (result[from][act] >= 0) {
				assert_int_equal(rc, LT_OK);
				assert_int_equal(to, result[from][act]);
			} else {
				assert_int_equal(rc, LT_ERR_CONFLICT);
				assert_true(strlen(why) > 20);
			}
		}
	enum lt_referral_status to;
	char why[200];
	assert_int_equal(lt_referral_move(LT_REFERRAL_SENT, LT_REFERRAL_ACT_INVALID, &to, why,
					  sizeof(why)),
			 LT_ERR_INVALID);
	assert_int_equal(lt_referral_move(LT_REFERRAL_REJECTED, LT_REFERRAL_ACT_ACCEPT, &to, why,
					  sizeof(why)),
			 LT_ERR_CONFLICT);
	assert_non_null(strstr(why, "rejected, which is final"));
}

static void test_referral_names_and_sharing(void **state)
{
	(void)state;
	for (int s = 0; s < LT_REFERRAL_STATUS_INVALID; s++)
		assert_int_equal(lt_referral_status_parse(lt_referral_status_name(
					 (enum lt_referral_status)s)),
				 s);
	for (int a = 0; a < LT_REFERRAL_ACT_INVALID; a++)
		assert_int_equal(lt_referral_act_parse(lt_referral_act_name((enum lt_referral_act)a)), a);
	assert_int_equal(lt_referral_act_parse("approve"), LT_REFERRAL_ACT_INVALID);
	assert_int_equal(lt_referral_status_parse(NULL), LT_REFERRAL_STATUS_INVALID);
	assert_true(lt_referral_act_by_sender(LT_REFERRAL_ACT_REVOKE));
	assert_false(lt_referral_act_by_sender(LT_REFERRAL_ACT_ACCEPT));
	assert_false(lt_referral_act_by_sender(LT_REFERRAL_ACT_REJECT));
	assert_false(lt_referral_act_by_sender(LT_REFERRAL_ACT_COMPLETE));
	/* The receiver sees the case while sent, accepted or completed; the
	 * referral is open while sent or accepted. */
	static const bool shares[] = {true, true, false, true, false};
	static const bool live[] = {true, true, false, false, false};
	for (int s = 0; s < LT_REFERRAL_STATUS_INVALID; s++) {
		assert_int_equal(lt_referral_shares_case((enum lt_referral_status)s), shares[s]);
		assert_int_equal(lt_referral_is_live((enum lt_referral_status)s), live[s]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_check_date),
	    cmocka_unit_test(test_default_end_is_start_plus_minimum),
	    cmocka_unit_test(test_measure_minimum_boundaries),
	    cmocka_unit_test(test_grounds),
	    cmocka_unit_test(test_service_names),
	    cmocka_unit_test(test_service_moves),
	    cmocka_unit_test(test_service_check),
	    cmocka_unit_test(test_consent_missing),
	    cmocka_unit_test(test_referral_moves),
	    cmocka_unit_test(test_referral_names_and_sharing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
