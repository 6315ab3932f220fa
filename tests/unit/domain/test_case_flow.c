#include "lt_test.h"
#include "domain/case_flow.h"

static enum lt_case_status next(enum lt_case_status from, enum lt_case_action a, const char *outcome,
				lt_err *rc)
{
	enum lt_case_status to = LT_CASE_STATUS_INVALID;
	char why[200] = "";
	*rc = lt_case_flow_next(from, a, outcome, LT_CASE_REFERRED, LT_CASE_STAGE_CONCLUSIVE, &to, why,
				sizeof(why));
	if (*rc == LT_ERR_CONFLICT)
		assert_true(strlen(why) > 10); /* a refusal always says why */
	return to;
}

static void every_legal_move_leads_where_the_issue_says(void **state)
{
	(void)state;
	lt_err rc;
	assert_int_equal(next(LT_CASE_REFERRED, LT_CASE_ACT_REASONABLE_GROUNDS, "positive", &rc),
			 LT_CASE_UNDER_ASSESSMENT);
	assert_int_equal(next(LT_CASE_REFERRED, LT_CASE_ACT_REASONABLE_GROUNDS, "negative", &rc),
			 LT_CASE_NOT_IDENTIFIED);
	assert_int_equal(next(LT_CASE_UNDER_ASSESSMENT, LT_CASE_ACT_IDENTIFY, "identified", &rc),
			 LT_CASE_IDENTIFIED);
	assert_int_equal(next(LT_CASE_UNDER_ASSESSMENT, LT_CASE_ACT_IDENTIFY, "not_identified", &rc),
			 LT_CASE_NOT_IDENTIFIED);
	assert_int_equal(next(LT_CASE_REFERRED, LT_CASE_ACT_IDENTIFY, "identified", &rc),
			 LT_CASE_IDENTIFIED);
	assert_int_equal(next(LT_CASE_NOT_IDENTIFIED, LT_CASE_ACT_REVIEW, "overturned", &rc),
			 LT_CASE_IDENTIFIED);
	assert_int_equal(next(LT_CASE_NOT_IDENTIFIED, LT_CASE_ACT_REVIEW, "upheld", &rc),
			 LT_CASE_NOT_IDENTIFIED);
	for (int s = LT_CASE_REFERRED; s < LT_CASE_CLOSED; s++) {
		assert_int_equal(next((enum lt_case_status)s, LT_CASE_ACT_CLOSE, NULL, &rc), LT_CASE_CLOSED);
		assert_int_equal(rc, LT_OK);
	}
	enum lt_case_status to;
	char why[200];
	assert_int_equal(lt_case_flow_next(LT_CASE_CLOSED, LT_CASE_ACT_REOPEN, NULL, LT_CASE_IDENTIFIED,
					   LT_CASE_STAGE_NONE, &to, why, sizeof(why)),
			 LT_OK);
	assert_int_equal(to, LT_CASE_IDENTIFIED);
}

static void illegal_moves_are_conflicts_with_a_reason(void **state)
{
	(void)state;
	lt_err rc;
	next(LT_CASE_UNDER_ASSESSMENT, LT_CASE_ACT_REASONABLE_GROUNDS, "positive", &rc);
	assert_int_equal(rc, LT_ERR_CONFLICT);
	next(LT_CASE_IDENTIFIED, LT_CASE_ACT_IDENTIFY, "identified", &rc);
	assert_int_equal(rc, LT_ERR_CONFLICT);
	next(LT_CASE_CLOSED, LT_CASE_ACT_IDENTIFY, "identified", &rc);
	assert_int_equal(rc, LT_ERR_CONFLICT);
	next(LT_CASE_IDENTIFIED, LT_CASE_ACT_REVIEW, "upheld", &rc);
	assert_int_equal(rc, LT_ERR_CONFLICT);
	next(LT_CASE_REFERRED, LT_CASE_ACT_REOPEN, NULL, &rc);
	assert_int_equal(rc, LT_ERR_CONFLICT);
	next(LT_CASE_CLOSED, LT_CASE_ACT_CLOSE, NULL, &rc);
	assert_int_equal(rc, LT_ERR_CONFLICT);
	enum lt_case_status to;
	char why[200];
	assert_int_equal(lt_case_flow_next(LT_CASE_NOT_IDENTIFIED, LT_CASE_ACT_IDENTIFY, "identified",
					   LT_CASE_REFERRED, LT_CASE_STAGE_CONCLUSIVE, &to, why,
					   sizeof(why)),
			 LT_ERR_CONFLICT);
	assert_non_null(strstr(why, "review"));
}

/* A review looks at the last decision other than a review: overturning a
 * negative reasonable-grounds decision opens the assessment, it does not
 * identify anyone; overturning a negative conclusive one does. */
static void a_review_moves_by_the_stage_it_reviews(void **state)
{
	(void)state;
	enum lt_case_status to = LT_CASE_STATUS_INVALID;
	char why[200] = "";
	assert_int_equal(lt_case_flow_next(LT_CASE_NOT_IDENTIFIED, LT_CASE_ACT_REVIEW, "overturned",
					   LT_CASE_REFERRED, LT_CASE_STAGE_REASONABLE_GROUNDS, &to,
					   why, sizeof(why)),
			 LT_OK);
	assert_int_equal(to, LT_CASE_UNDER_ASSESSMENT);
	assert_int_equal(lt_case_flow_next(LT_CASE_NOT_IDENTIFIED, LT_CASE_ACT_REVIEW, "upheld",
					   LT_CASE_REFERRED, LT_CASE_STAGE_REASONABLE_GROUNDS, &to,
					   why, sizeof(why)),
			 LT_OK);
	assert_int_equal(to, LT_CASE_NOT_IDENTIFIED);
	assert_int_equal(lt_case_flow_next(LT_CASE_NOT_IDENTIFIED, LT_CASE_ACT_REVIEW, "overturned",
					   LT_CASE_REFERRED, LT_CASE_STAGE_CONCLUSIVE, &to, why,
					   sizeof(why)),
			 LT_OK);
	assert_int_equal(to, LT_CASE_IDENTIFIED);
	/* A case with no recorded decision (older data) reads as conclusive. */
	assert_int_equal(lt_case_flow_next(LT_CASE_NOT_IDENTIFIED, LT_CASE_ACT_REVIEW, "overturned",
					   LT_CASE_REFERRED, LT_CASE_STAGE_NONE, &to, why, sizeof(why)),
			 LT_OK);
	assert_int_equal(to, LT_CASE_IDENTIFIED);
	/* What is reviewed changes nothing for the other moves. */
	assert_int_equal(lt_case_flow_next(LT_CASE_UNDER_ASSESSMENT, LT_CASE_ACT_REVIEW, "overturned",
					   LT_CASE_REFERRED, LT_CASE_STAGE_REASONABLE_GROUNDS, &to,
					   why, sizeof(why)),
			 LT_ERR_CONFLICT);
	assert_int_equal(lt_case_flow_next(LT_CASE_REFERRED, LT_CASE_ACT_REASONABLE_GROUNDS, "positive",
					   LT_CASE_REFERRED, LT_CASE_STAGE_REASONABLE_GROUNDS, &to,
					   why, sizeof(why)),
			 LT_OK);
	assert_int_equal(to, LT_CASE_UNDER_ASSESSMENT);
	assert_int_equal(lt_case_stage_parse("reasonable_grounds"), LT_CASE_STAGE_REASONABLE_GROUNDS);
	assert_int_equal(lt_case_stage_parse("conclusive"), LT_CASE_STAGE_CONCLUSIVE);
	assert_int_equal(lt_case_stage_parse("review"), LT_CASE_STAGE_REVIEW);
	assert_int_equal(lt_case_stage_parse("appeal"), LT_CASE_STAGE_NONE);
	assert_int_equal(lt_case_stage_parse(NULL), LT_CASE_STAGE_NONE);
}

/* The presumption of minority: an uncertain or unknown age is a child's
 * until an age assessment finds the person adult. */
static void an_uncertain_age_is_presumed_a_child(void **state)
{
	(void)state;
	assert_true(lt_case_presumed_child(1, false, NULL));
	assert_false(lt_case_presumed_child(0, false, NULL));
	assert_false(lt_case_presumed_child(0, false, "child")); /* a known age needs no assessment */
	assert_true(lt_case_presumed_child(-1, true, NULL));     /* nothing known of the age */
	assert_true(lt_case_presumed_child(-1, true, ""));
	assert_true(lt_case_presumed_child(0, true, NULL)); /* an estimate that makes an adult */
	assert_true(lt_case_presumed_child(0, true, "undetermined"));
	assert_true(lt_case_presumed_child(0, true, "child"));
	assert_false(lt_case_presumed_child(0, true, "adult"));
	assert_false(lt_case_presumed_child(1, true, "adult")); /* the assessment outweighs the estimate */
	assert_true(lt_case_presumed_child(-1, false, NULL));   /* older cases with no age at all */
	assert_false(lt_case_presumed_child(-1, false, "adult"));
}

static void outcomes_must_fit_the_action(void **state)
{
	(void)state;
	lt_err rc;
	next(LT_CASE_REFERRED, LT_CASE_ACT_REASONABLE_GROUNDS, "identified", &rc);
	assert_int_equal(rc, LT_ERR_INVALID);
	next(LT_CASE_REFERRED, LT_CASE_ACT_REASONABLE_GROUNDS, NULL, &rc);
	assert_int_equal(rc, LT_ERR_INVALID);
	next(LT_CASE_UNDER_ASSESSMENT, LT_CASE_ACT_IDENTIFY, "positive", &rc);
	assert_int_equal(rc, LT_ERR_INVALID);
	next(LT_CASE_IDENTIFIED, LT_CASE_ACT_CLOSE, "identified", &rc);
	assert_int_equal(rc, LT_ERR_INVALID);
	assert_int_equal(lt_case_action_parse("identify"), LT_CASE_ACT_IDENTIFY);
	assert_int_equal(lt_case_action_parse("approve"), LT_CASE_ACT_INVALID);
	assert_int_equal(lt_case_status_parse("under_assessment"), LT_CASE_UNDER_ASSESSMENT);
	assert_string_equal(lt_case_status_name(LT_CASE_NOT_IDENTIFIED), "not_identified");
}

static void age_and_child_rules_at_their_boundaries(void **state)
{
	(void)state;
	int age;
	assert_int_equal(lt_age_on("2003-03-04", "2021-03-04"), 18);
	assert_int_equal(lt_age_on("2003-03-05", "2021-03-04"), 17);
	assert_int_equal(lt_age_on("2004-02-29", "2022-02-28"), 17);
	assert_int_equal(lt_age_on("2004-02-29", "2022-03-01"), 18);
	assert_int_equal(lt_age_on("2022-01-01", "2021-01-01"), -1);
	assert_int_equal(lt_age_on("2021-02-30", "2021-03-01"), -1);
	assert_int_equal(lt_is_child("2003-03-05", 0, "2021-03-04", 18, &age), 1);
	assert_int_equal(age, 17);
	assert_int_equal(lt_is_child("2003-03-04", 0, "2021-03-04", 18, &age), 0);
	/* Birth year only: referral year minus birth year under 18. */
	assert_int_equal(lt_is_child(NULL, 2004, "2021-12-31", 18, &age), 1);
	assert_int_equal(age, 17);
	assert_int_equal(lt_is_child(NULL, 2003, "2021-01-01", 18, &age), 0);
	assert_int_equal(lt_is_child(NULL, 0, "2021-01-01", 18, &age), -1);
	assert_int_equal(age, -1);
	/* The birth date wins over the year when both are known. */
	assert_int_equal(lt_is_child("2003-12-31", 2003, "2021-06-01", 18, &age), 1);
}

static void date_helpers(void **state)
{
	(void)state;
	char out[11];
	lt_date_add_days("2021-02-27", 30, out);
	assert_string_equal(out, "2021-03-29");
	lt_date_add_days("2024-02-28", 1, out);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(lt_date_diff_days("2021-01-01", "2021-12-31"), 364);
	assert_int_equal(lt_date_diff_days("2021-03-10", "2021-03-01"), -9);
	assert_true(lt_date_valid("2024-02-29"));
	assert_false(lt_date_valid("2023-02-29"));
	assert_false(lt_date_valid("2023-02-2"));
	assert_false(lt_date_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_legal_move_leads_where_the_issue_says),
		cmocka_unit_test(illegal_moves_are_conflicts_with_a_reason),
		cmocka_unit_test(a_review_moves_by_the_stage_it_reviews),
		cmocka_unit_test(an_uncertain_age_is_presumed_a_child),
		cmocka_unit_test(outcomes_must_fit_the_action),
		cmocka_unit_test(age_and_child_rules_at_their_boundaries),
		cmocka_unit_test(date_helpers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
