/* The pure helpers of the annual figures: exploitation groups (multiple,
 * unknown), sex and age groups, and nearest-rank percentiles over a
 * histogram, each against hand-computed answers. */
#include "lt_test.h"
#include "domain/stats.h"

static void forms_fall_into_their_group(void **unused)
{
	(void)unused;
	assert_int_equal(lt_stats_expl_group("sexual"), LT_EXPL_SEXUAL);
	assert_int_equal(lt_stats_expl_group("pornography,sexual"), LT_EXPL_SEXUAL);
	assert_int_equal(lt_stats_expl_group("forced_labour"), LT_EXPL_LABOUR);
	assert_int_equal(lt_stats_expl_group("domestic_servitude,forced_begging,forced_labour"),
			 LT_EXPL_LABOUR);
	assert_int_equal(lt_stats_expl_group("forced_criminality"), LT_EXPL_CRIMINALITY);
	assert_int_equal(lt_stats_expl_group("forced_marriage"), LT_EXPL_OTHER);
	assert_int_equal(lt_stats_expl_group("organ_removal,other"), LT_EXPL_OTHER);
	/* An unknown code counts as other. */
	assert_int_equal(lt_stats_expl_group("dragons"), LT_EXPL_OTHER);
}

static void forms_of_two_groups_are_multiple(void **unused)
{
	(void)unused;
	assert_int_equal(lt_stats_expl_group("sexual,forced_labour"), LT_EXPL_MULTIPLE);
	assert_int_equal(lt_stats_expl_group("forced_begging,forced_criminality"), LT_EXPL_MULTIPLE);
	/* other is a group of its own */
	assert_int_equal(lt_stats_expl_group("pornography,forced_marriage"), LT_EXPL_MULTIPLE);
	assert_int_equal(lt_stats_expl_group("sexual,pornography,forced_criminality"),
			 LT_EXPL_MULTIPLE);
}

static void no_form_is_unknown(void **unused)
{
	(void)unused;
	assert_int_equal(lt_stats_expl_group(NULL), LT_EXPL_UNKNOWN);
	assert_int_equal(lt_stats_expl_group(""), LT_EXPL_UNKNOWN);
	assert_int_equal(lt_stats_expl_group(","), LT_EXPL_UNKNOWN);
}

static void group_names(void **unused)
{
	(void)unused;
	const char *expl[] = {"sexual", "labour", "criminality", "other", "multiple", "unknown"};
	for (int g = 0; g < LT_EXPL_COUNT; g++)
		assert_string_equal(lt_stats_expl_name((enum lt_stats_expl)g), expl[g]);
	assert_string_equal(lt_stats_expl_name(LT_EXPL_COUNT), "");
	const char *sa[] = {"women", "men", "girls", "boys", "unknown"};
	for (int g = 0; g < LT_SA_COUNT; g++)
		assert_string_equal(lt_stats_sex_age_name((enum lt_stats_sex_age)g), sa[g]);
	assert_string_equal(lt_stats_sex_age_name(LT_SA_COUNT), "");
}

static void sex_and_age(void **unused)
{
	(void)unused;
	assert_int_equal(lt_stats_sex_age("female", 0), LT_SA_WOMEN);
	assert_int_equal(lt_stats_sex_age("male", 0), LT_SA_MEN);
	assert_int_equal(lt_stats_sex_age("female", 1), LT_SA_GIRLS);
	assert_int_equal(lt_stats_sex_age("male", 1), LT_SA_BOYS);
	assert_int_equal(lt_stats_sex_age("female", -1), LT_SA_UNKNOWN);
	assert_int_equal(lt_stats_sex_age("male", -1), LT_SA_UNKNOWN);
	assert_int_equal(lt_stats_sex_age("other", 0), LT_SA_UNKNOWN);
	assert_int_equal(lt_stats_sex_age("unknown", 1), LT_SA_UNKNOWN);
	assert_int_equal(lt_stats_sex_age(NULL, 0), LT_SA_UNKNOWN);
}

static void nearest_rank_percentiles(void **unused)
{
	(void)unused;
	int64_t v = -7;
	assert_false(lt_stats_percentile(NULL, 0, 50, &v));
	struct lt_stats_bin zero[] = {{3, 0}};
	assert_false(lt_stats_percentile(zero, 1, 50, &v));
	assert_int_equal(v, -7);

	/* One observation: every percentile is it. */
	struct lt_stats_bin one[] = {{12, 1}};
	assert_true(lt_stats_percentile(one, 1, 50, &v));
	assert_int_equal(v, 12);
	assert_true(lt_stats_percentile(one, 1, 90, &v));
	assert_int_equal(v, 12);

	/* 1..10, once each: median rank ceil(5) = 5 -> 5; p90 rank 9 -> 9. */
	struct lt_stats_bin ten[10];
	for (int i = 0; i < 10; i++)
		ten[i] = (struct lt_stats_bin){i + 1, 1};
	assert_true(lt_stats_percentile(ten, 10, 50, &v));
	assert_int_equal(v, 5);
	assert_true(lt_stats_percentile(ten, 10, 90, &v));
	assert_int_equal(v, 9);
	assert_true(lt_stats_percentile(ten, 10, 100, &v));
	assert_int_equal(v, 10);
	assert_true(lt_stats_percentile(ten, 10, 1, &v));
	assert_int_equal(v, 1);

	/* Two observations {2, 40}: median is the lower (rank 1), p90 rank 2. */
	struct lt_stats_bin two[] = {{2, 1}, {40, 1}};
	assert_true(lt_stats_percentile(two, 2, 50, &v));
	assert_int_equal(v, 2);
	assert_true(lt_stats_percentile(two, 2, 90, &v));
	assert_int_equal(v, 40);

	/* A histogram: 0 x3, 7 x5, 30 x2 (n = 10): median rank 5 -> 7; p90 rank 9 -> 30. */
	struct lt_stats_bin h[] = {{0, 3}, {7, 5}, {30, 2}};
	assert_true(lt_stats_percentile(h, 3, 50, &v));
	assert_int_equal(v, 7);
	assert_true(lt_stats_percentile(h, 3, 90, &v));
	assert_int_equal(v, 30);
	assert_true(lt_stats_percentile(h, 3, 30, &v));
	assert_int_equal(v, 0);
	assert_true(lt_stats_percentile(h, 3, 31, &v));
	assert_int_equal(v, 7);

	/* Out-of-range percentiles answer nothing. */
	assert_false(lt_stats_percentile(h, 3, 0, &v));
	assert_false(lt_stats_percentile(h, 3, 101, &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(forms_fall_into_their_group),
		cmocka_unit_test(forms_of_two_groups_are_multiple),
		cmocka_unit_test(no_form_is_unknown),
		cmocka_unit_test(group_names),
		cmocka_unit_test(sex_and_age),
		cmocka_unit_test(nearest_rank_percentiles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
