/* The working-day calendar: Orthodox Easter, Serbia's public holidays from
 * the shipped profile (with the Sunday rule of the Law on State and Other
 * Holidays, Art. 3a), and working days counted over them. */
#include "lt_test.h"
#include "domain/calendar.h"

static struct lt_jurisdiction *rs;

static int setup(void **state)
{
	(void)state;
	rs = calloc(1, sizeof(*rs));
	if (!rs)
		return -1;
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_jurisdiction_load("RS", rs, &p)) {
		lt_problem_print(&p, stderr);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(rs);
	return 0;
}

static void orthodox_easter(void **state)
{
	(void)state;
	static const struct {
		int year;
		const char *date;
	} known[] = {
	    {2016, "2016-05-01"}, {2021, "2021-05-02"}, {2022, "2022-04-24"}, {2023, "2023-04-16"},
	    {2024, "2024-05-05"}, {2025, "2025-04-20"}, {2026, "2026-04-12"},
	    /* The ends of the range the 13-day offset holds for. */
	    {1900, "1900-04-22"}, {2099, "2099-04-12"},
	};
	char out[11];
	for (size_t i = 0; i < LT_ARRAY_LEN(known); i++) {
		assert_true(lt_calendar_orthodox_easter(known[i].year, out));
		assert_string_equal(out, known[i].date);
		assert_int_equal(lt_calendar_weekday(out), 0); /* always a Sunday */
	}
	/* Outside 1900-2099 the Julian calendar is 12 or 14 days behind: refused. */
	assert_false(lt_calendar_orthodox_easter(1899, out));
	assert_string_equal(out, "");
	assert_false(lt_calendar_orthodox_easter(2100, out));
	assert_string_equal(out, "");
}

static void weekday(void **state)
{
	(void)state;
	assert_int_equal(lt_calendar_weekday("1970-01-01"), 4);
	assert_int_equal(lt_calendar_weekday("2023-01-01"), 0);
	assert_int_equal(lt_calendar_weekday("2024-02-29"), 4);
	assert_int_equal(lt_calendar_weekday("2024-03-09"), 6);
	assert_int_equal(lt_calendar_weekday("2024-02-30"), -1);
	assert_int_equal(lt_calendar_weekday("yesterday"), -1);
}

/* The days off of 2024: no holiday fell on a Sunday to move (7 January,
 * Christmas, did, but the rule is for the state holidays only); Labour Day
 * ran into Easter. */
static void holidays_2024(void **state)
{
	(void)state;
	static const char *const want[][2] = {
	    {"2024-01-01", "new_year"},      {"2024-01-02", "new_year"},
	    {"2024-01-07", "christmas"},     {"2024-02-15", "statehood_day"},
	    {"2024-02-16", "statehood_day"}, {"2024-05-01", "labour_day"},
	    {"2024-05-02", "labour_day"},    {"2024-05-03", "easter"},
	    {"2024-05-04", "easter"},        {"2024-05-05", "easter"},
	    {"2024-05-06", "easter"},        {"2024-11-11", "armistice_day"},
	};
	struct lt_holiday_date list[32];
	int n = lt_calendar_holidays(rs, 2024, list, (int)LT_ARRAY_LEN(list));
	assert_int_equal(n, (int)LT_ARRAY_LEN(want));
	for (int i = 0; i < n; i++) {
		assert_string_equal(list[i].date, want[i][0]);
		assert_string_equal(list[i].holiday_id, want[i][1]);
		assert_false(list[i].substitute);
		assert_true(lt_calendar_is_public_holiday(rs, want[i][0]));
	}
	/* Not days off: Victory Day is worked, Saint Sava and Vidovdan are
	 * working holidays, Catholic Christmas and the bajrams only for believers. */
	static const char *const worked[] = {"2024-05-09", "2024-01-27", "2024-06-28",
					     "2024-12-25", "2024-04-10", "2024-01-08"};
	for (size_t i = 0; i < LT_ARRAY_LEN(worked); i++)
		assert_false(lt_calendar_is_public_holiday(rs, worked[i]));
	/* A list too short for the year says how many there are. */
	assert_int_equal(lt_calendar_holidays(rs, 2024, list, 3), 12);
	assert_string_equal(list[2].date, "2024-01-07");
	/* No profile, or one without holidays: none. */
	assert_int_equal(lt_calendar_holidays(NULL, 2024, list, 32), 0);
	assert_false(lt_calendar_is_public_holiday(NULL, "2024-01-01"));
	assert_false(lt_calendar_is_public_holiday(rs, "2024-13-01"));
}

/* Art. 3a: a state holiday on a Sunday makes the first following working
 * day a day off; a day that is itself a holiday is not a working day. */
static void sunday_rule(void **state)
{
	(void)state;
	struct lt_holiday_date list[32];
	/* 2023: 1 January a Sunday, 2 January a holiday anyway: 3 January off. */
	int n = lt_calendar_holidays(rs, 2023, list, (int)LT_ARRAY_LEN(list));
	assert_true(n >= 4);
	assert_string_equal(list[0].date, "2023-01-01");
	assert_string_equal(list[1].date, "2023-01-02");
	assert_false(list[1].substitute);
	assert_string_equal(list[2].date, "2023-01-03");
	assert_true(list[2].substitute);
	assert_string_equal(list[2].holiday_id, "new_year");
	assert_string_equal(list[3].date, "2023-01-07"); /* a Saturday: nothing moves */
	assert_false(lt_calendar_is_public_holiday(rs, "2023-01-04"));
	/* 2022: 2 January a Sunday: Monday 3 January off; 1 January on a
	 * Saturday gives nothing more. */
	assert_true(lt_calendar_is_public_holiday(rs, "2022-01-03"));
	assert_false(lt_calendar_is_public_holiday(rs, "2022-01-04"));
	/* 2020: Statehood Day 16 February a Sunday: Monday 17 February off. */
	assert_true(lt_calendar_is_public_holiday(rs, "2020-02-17"));
	assert_false(lt_calendar_is_public_holiday(rs, "2020-02-18"));
	/* 2018: Armistice Day a Sunday: Monday 12 November off. */
	assert_true(lt_calendar_is_public_holiday(rs, "2018-11-12"));
	/* 2016: Labour Day 1 May a Sunday, 2 May Labour Day and Easter Monday:
	 * Tuesday 3 May off (as the Ministry of Labour announced). */
	assert_true(lt_calendar_is_public_holiday(rs, "2016-05-03"));
	assert_false(lt_calendar_is_public_holiday(rs, "2016-05-04"));
	/* 2021: 2 May a Sunday (Labour Day and Easter), 3 May Easter Monday:
	 * Tuesday 4 May off. */
	assert_true(lt_calendar_is_public_holiday(rs, "2021-05-04"));
	assert_false(lt_calendar_is_public_holiday(rs, "2021-05-05"));
	/* Religious holidays do not move: Christmas on Sunday 2018-01-07 leaves
	 * Monday a working day, and Easter Sunday adds nothing to Easter Monday. */
	assert_false(lt_calendar_is_public_holiday(rs, "2018-01-08"));
	assert_true(lt_calendar_is_public_holiday(rs, "2025-04-21"));
	assert_false(lt_calendar_is_public_holiday(rs, "2025-04-22"));
	/* The 2016 substitute day is listed once, for Labour Day. */
	n = lt_calendar_holidays(rs, 2016, list, (int)LT_ARRAY_LEN(list));
	int subs = 0;
	for (int i = 0; i < n && i < (int)LT_ARRAY_LEN(list); i++)
		if (list[i].substitute) {
			subs++;
			assert_string_equal(list[i].date, "2016-05-03");
			assert_string_equal(list[i].holiday_id, "labour_day");
		}
	assert_int_equal(subs, 1);
}

static void working_days(void **state)
{
	(void)state;
	int64_t skipped = -1;
	/* Across Easter 2024: Thursday 2 May to Tuesday 7 May. Good Friday and
	 * Easter Monday are skipped; only Tuesday counts. */
	assert_int_equal(lt_calendar_working_days_between(rs, "2024-05-02", "2024-05-07", &skipped),
			 1);
	assert_int_equal(skipped, 2);
	assert_int_equal(lt_calendar_working_days_between(NULL, "2024-05-02", "2024-05-07", &skipped),
			 3);
	assert_int_equal(skipped, 0);
	/* Across New Year 2024: Friday 29 December to Monday 8 January: 1 and 2
	 * January skipped; 7 January (Christmas) is a Sunday anyway. */
	assert_int_equal(lt_calendar_working_days_between(rs, "2023-12-29", "2024-01-08", &skipped),
			 4);
	assert_int_equal(skipped, 2);
	/* Across New Year 2023, with the Sunday rule: 2 and 3 January skipped. */
	assert_int_equal(lt_calendar_working_days_between(rs, "2022-12-30", "2023-01-09", &skipped),
			 4);
	assert_int_equal(skipped, 2);
	/* FROM is not counted, TO is. */
	assert_int_equal(lt_calendar_working_days_between(rs, "2024-03-04", "2024-03-05", NULL), 1);
	assert_int_equal(lt_calendar_working_days_between(rs, "2024-03-04", "2024-03-04", NULL), 0);
	/* Backwards or not a date: 0. */
	assert_int_equal(lt_calendar_working_days_between(rs, "2024-03-05", "2024-03-04", &skipped),
			 0);
	assert_int_equal(lt_calendar_working_days_between(rs, "2024-03-04", "soon", &skipped), 0);
	assert_int_equal(skipped, 0);
	/* A whole year: 2024 had 262 weekdays, 9 of them holidays. */
	assert_int_equal(lt_calendar_working_days_between(rs, "2023-12-31", "2024-12-31", &skipped),
			 253);
	assert_int_equal(skipped, 9);
	/* A long span stays consistent: working days + weekday holidays = weekdays. */
	int64_t all = lt_calendar_working_days_between(NULL, "1900-01-01", "2099-12-31", NULL);
	int64_t some = lt_calendar_working_days_between(rs, "1900-01-01", "2099-12-31", &skipped);
	assert_int_equal(some + skipped, all);
	assert_true(skipped > 200 * 7);
}

/* A profile without the section counts weekends only. */
static void without_holidays(void **state)
{
	(void)state;
	struct lt_jurisdiction *j = calloc(1, sizeof(*j));
	assert_non_null(j);
	*j = *rs;
	j->has_holidays = false;
	int64_t skipped = -1;
	assert_int_equal(lt_calendar_working_days_between(j, "2024-05-02", "2024-05-07", &skipped), 3);
	assert_int_equal(skipped, 0);
	assert_false(lt_calendar_is_public_holiday(j, "2024-01-01"));
	free(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(orthodox_easter), cmocka_unit_test(weekday),
	    cmocka_unit_test(holidays_2024),   cmocka_unit_test(sunday_rule),
	    cmocka_unit_test(working_days),    cmocka_unit_test(without_holidays),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
