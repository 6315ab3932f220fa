/* The pure rules of protection and non-punishment
 * (src/domain/protection_rules.c): every code list with its hint, the
 * rules of a proceeding against the victim one by one (penalty with
 * outcome, dates in order, the assessment date with the assessment), and
 * when a case may be marked as an unaccompanied child. */
#include "lt_test.h"
#include "domain/protection_rules.h"

#define TODAY "2024-06-15"

static bool has_field(const struct lt_problem *p, const char *field)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].field, field) == 0)
			return true;
	return false;
}

static void test_code_lists(void **state)
{
	(void)state;
	/* Every code named in a hint is valid, and the hint names them all. */
	for (int l = 0; l < LT_PL_COUNT; l++) {
		const char *hint = lt_protection_codes((enum lt_protection_list)l);
		assert_true(strlen(hint) > 0);
		char copy[256];
		snprintf(copy, sizeof(copy), "%s", hint);
		size_t n = 0;
		for (char *s = copy, *e; s && *s; s = e ? e + 2 : NULL, n++) {
			e = strstr(s, ", ");
			if (e)
				*e = '\0';
			assert_true(lt_protection_code_valid((enum lt_protection_list)l, s));
		}
		assert_true(n >= 2);
		assert_false(lt_protection_code_valid((enum lt_protection_list)l, "nonsense"));
		assert_false(lt_protection_code_valid((enum lt_protection_list)l, ""));
		assert_false(lt_protection_code_valid((enum lt_protection_list)l, NULL));
	}
	assert_true(lt_protection_code_valid(LT_PL_THREAT_KIND, "threat_to_family"));
	assert_true(lt_protection_code_valid(LT_PL_MEASURE, "witness_protection_programme"));
	assert_true(lt_protection_code_valid(LT_PL_DISCLOSURE_CHANNEL, "residence_document"));
	assert_false(lt_protection_code_valid(LT_PL_VP_PENALTY, "pending"));
	assert_false(lt_protection_code_valid(LT_PL_COUNT, "threat"));
	assert_string_equal(lt_protection_codes(LT_PL_AGE_RESULT), "child, adult, undetermined");
}

static void test_code_check(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_true(lt_protection_code_check(&p, "source", LT_PL_THREAT_SOURCE, NULL, false));
	assert_int_equal(p.nfields, 0);
	assert_false(lt_protection_code_check(&p, "kind", LT_PL_THREAT_KIND, NULL, true));
	assert_true(has_field(&p, "kind"));
	assert_non_null(strstr(p.fields[0].reason, "is required"));
	lt_problem_init(&p);
	assert_false(lt_protection_code_check(&p, "kind", LT_PL_REMOVAL_KIND, "exile", true));
	assert_non_null(strstr(p.fields[0].reason, "removal, expulsion, deportation, forced_return"));
}

/* A proceeding that passes every rule, for the tests to spoil one at a time. */
static struct lt_victim_proceeding_facts good(void)
{
	struct lt_victim_proceeding_facts f = {
		.kind = "misdemeanour", .offence = "prostitution", .offence_date = "2023-01-20",
		.during_exploitation = 1, .outcome = "penalty", .penalty = "fine",
		.outcome_date = "2023-02-10", .non_punishment_assessed = false,
		.assessment_date = NULL,
	};
	return f;
}

/* Checks F and asserts that exactly FIELD is at fault (NULL: none). */
static void expect(const struct lt_victim_proceeding_facts *f, const char *field)
{
	struct lt_problem p;
	lt_problem_init(&p);
	bool ok = lt_victim_proceeding_check(f, TODAY, &p);
	if (!field) {
		assert_true(ok);
		assert_int_equal(p.nfields, 0);
		return;
	}
	assert_false(ok);
	assert_int_equal(p.nfields, 1);
	assert_string_equal(p.fields[0].field, field);
}

static void test_victim_proceeding(void **state)
{
	(void)state;
	struct lt_victim_proceeding_facts f = good();
	expect(&f, NULL);
	/* Minimal: kind, offence and a pending outcome. */
	struct lt_victim_proceeding_facts min = {.kind = "criminal", .offence = "drugs",
						 .outcome = "pending", .during_exploitation = -1};
	expect(&min, NULL);
	f = good(), f.kind = "civil", expect(&f, "kind");
	f = good(), f.offence = NULL, expect(&f, "offence");
	f = good(), f.outcome = "fined", expect(&f, "outcome");
	/* The penalty goes with outcome penalty, and only with it. */
	f = good(), f.penalty = NULL, expect(&f, "penalty");
	f = good(), f.penalty = "", expect(&f, "penalty");
	f = good(), f.penalty = "flogging", expect(&f, "penalty");
	f = good(), f.outcome = "acquitted", expect(&f, "penalty");
	f = good(), f.outcome = "not_punished", f.penalty = NULL, expect(&f, NULL);
	/* Dates: real, not in the future, outcome not before the offence. */
	f = good(), f.offence_date = "2024-06-16", expect(&f, "offence_date");
	f = good(), f.offence_date = "2023-02-30", expect(&f, "offence_date");
	f = good(), f.outcome_date = "2023-01-19", expect(&f, "outcome_date");
	f = good(), f.outcome_date = "2023-01-20", expect(&f, NULL);
	f = good(), f.outcome_date = TODAY, expect(&f, NULL);
	f = good(), f.offence_date = NULL, f.outcome_date = "1999-01-01", expect(&f, NULL);
	/* A pending proceeding has no outcome date. */
	f = good(), f.outcome = "pending", f.penalty = NULL, expect(&f, "outcome_date");
	/* The assessment date comes with the assessment, and only with it. */
	f = good(), f.non_punishment_assessed = true, expect(&f, "assessment_date");
	f = good(), f.assessment_date = "2023-03-01", expect(&f, "assessment_date");
	f = good(), f.non_punishment_assessed = true, f.assessment_date = "2023-03-01";
	expect(&f, NULL);
	f.assessment_date = "2023-01-01", expect(&f, "assessment_date");
	f.assessment_date = "2024-06-16", expect(&f, "assessment_date");
	/* Several faults are all named. */
	struct lt_problem p;
	lt_problem_init(&p);
	struct lt_victim_proceeding_facts bad = {.kind = "x", .offence = "y", .outcome = "z",
						 .penalty = "fine", .assessment_date = "2023-01-01",
						 .during_exploitation = -1};
	assert_false(lt_victim_proceeding_check(&bad, TODAY, &p));
	assert_true(has_field(&p, "kind") && has_field(&p, "offence") && has_field(&p, "outcome"));
	assert_true(has_field(&p, "assessment_date"));
	assert_false(has_field(&p, "penalty")); /* no verdict on it without a valid outcome */
}

static void test_unaccompanied(void **state)
{
	(void)state;
	/* Without an assessment: a child, an unknown age, an uncertain age. */
	assert_true(lt_unaccompanied_allowed(1, false, NULL));
	assert_true(lt_unaccompanied_allowed(-1, false, NULL));
	assert_true(lt_unaccompanied_allowed(0, true, NULL));
	assert_false(lt_unaccompanied_allowed(0, false, NULL));
	/* An assessment decides when it is conclusive. */
	assert_true(lt_unaccompanied_allowed(0, false, "child"));
	assert_false(lt_unaccompanied_allowed(1, true, "adult"));
	assert_false(lt_unaccompanied_allowed(-1, false, "adult"));
	assert_true(lt_unaccompanied_allowed(-1, false, "undetermined"));
	assert_false(lt_unaccompanied_allowed(0, false, "undetermined"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code_lists),
		cmocka_unit_test(test_code_check),
		cmocka_unit_test(test_victim_proceeding),
		cmocka_unit_test(test_unaccompanied),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
