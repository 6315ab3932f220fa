#include "lt_test.h"
#include "domain/occupancy.h"

static struct lt_shelter_state state(const char *from, int64_t women, int64_t men,
				     int64_t children, const char *licence)
{
	struct lt_shelter_state s;
	memset(&s, 0, sizeof(s));
	snprintf(s.from, sizeof(s.from), "%s", from);
	s.specialised = true;
	s.capacity[LT_PLACE_WOMEN] = women;
	s.capacity[LT_PLACE_MEN] = men;
	s.capacity[LT_PLACE_CHILDREN] = children;
	snprintf(s.licence_until, sizeof(s.licence_until), "%s", licence ? licence : "");
	return s;
}

static struct lt_stay stay(enum lt_place place, const char *start, const char *end)
{
	struct lt_stay s;
	memset(&s, 0, sizeof(s));
	s.place = place;
	snprintf(s.start, sizeof(s.start), "%s", start);
	snprintf(s.end, sizeof(s.end), "%s", end ? end : "");
	return s;
}

static void vocabularies_round_trip(void **unused)
{
	(void)unused;
	enum lt_place p;
	enum lt_turn_away r;
	enum lt_alternative a;
	for (int i = 0; i < LT_PLACE_COUNT; i++) {
		assert_true(lt_place_parse(lt_place_name((enum lt_place)i), &p));
		assert_int_equal(p, i);
	}
	for (int i = 0; i < LT_TURN_AWAY_COUNT; i++) {
		assert_true(lt_turn_away_parse(lt_turn_away_name((enum lt_turn_away)i), &r));
		assert_int_equal(r, i);
	}
	for (int i = 0; i < LT_ALT_COUNT; i++) {
		assert_true(lt_alternative_parse(lt_alternative_name((enum lt_alternative)i), &a));
		assert_int_equal(a, i);
	}
	assert_false(lt_place_parse("dorm", &p));
	assert_false(lt_place_parse(NULL, &p));
	assert_false(lt_turn_away_parse("Full", &r));
	assert_false(lt_alternative_parse("", &a));
	assert_string_equal(lt_place_name(LT_PLACE_COUNT), "");
	assert_string_equal(lt_turn_away_name(LT_TURN_AWAY_WRONG_SEX), "wrong_sex");
	assert_string_equal(lt_alternative_name(LT_ALT_SOCIAL_WELFARE_SHELTER), "social_welfare_shelter");
}

static void the_state_in_force_on_a_day(void **unused)
{
	(void)unused;
	struct lt_shelter_state st[] = {
		state("2019-01-01", 6, 0, 0, "2020-12-31"),
		state("2021-01-01", 6, 0, 0, NULL),
		state("2024-03-01", 4, 0, 0, "2025-12-31"),
	};
	assert_null(lt_shelter_state_on(st, 0, "2021-01-01"));
	assert_ptr_equal(lt_shelter_state_on(st, 3, "2018-05-05"), &st[0]); /* before the first */
	assert_ptr_equal(lt_shelter_state_on(st, 3, "2019-01-01"), &st[0]);
	assert_ptr_equal(lt_shelter_state_on(st, 3, "2020-12-31"), &st[0]);
	assert_ptr_equal(lt_shelter_state_on(st, 3, "2021-01-01"), &st[1]);
	assert_ptr_equal(lt_shelter_state_on(st, 3, "2024-02-29"), &st[1]);
	assert_ptr_equal(lt_shelter_state_on(st, 3, "2030-01-01"), &st[2]);
	assert_true(lt_shelter_licensed_on(&st[0], "2020-12-31"));  /* valid until that day inclusive */
	assert_false(lt_shelter_licensed_on(&st[0], "2021-01-01"));
	assert_false(lt_shelter_licensed_on(&st[1], "2021-06-01")); /* no licence */
	assert_false(lt_shelter_licensed_on(NULL, "2021-06-01"));
}

static void a_stay_occupies_up_to_the_day_before_it_ends(void **unused)
{
	(void)unused;
	struct lt_stay s = stay(LT_PLACE_WOMEN, "2021-03-01", "2021-03-04");
	assert_false(lt_stay_occupies(&s, "2021-02-28"));
	assert_true(lt_stay_occupies(&s, "2021-03-01"));
	assert_true(lt_stay_occupies(&s, "2021-03-03"));
	assert_false(lt_stay_occupies(&s, "2021-03-04")); /* the day she leaves */
	struct lt_stay same = stay(LT_PLACE_WOMEN, "2021-03-05", "2021-03-05");
	assert_true(lt_stay_occupies(&same, "2021-03-05"));
	assert_false(lt_stay_occupies(&same, "2021-03-06"));
	struct lt_stay open = stay(LT_PLACE_MEN, "2021-03-05", NULL);
	assert_true(lt_stay_occupies(&open, "2099-01-01"));
	assert_false(lt_stay_occupies(&open, "2021-03-04"));
	/* back to back: one leaves on the day the next arrives */
	assert_false(lt_stays_overlap("2021-03-01", "2021-03-10", "2021-03-10", NULL));
	assert_true(lt_stays_overlap("2021-03-01", "2021-03-10", "2021-03-09", NULL));
	assert_true(lt_stays_overlap("2021-03-01", NULL, "2025-01-01", "2025-01-02"));
	assert_true(lt_stays_overlap("2021-03-05", "2021-03-05", "2021-03-01", "2021-03-06"));
	assert_false(lt_stays_overlap("2021-03-05", "2021-03-05", "2021-03-06", NULL));
	assert_false(lt_stays_overlap("bad", NULL, "2021-03-06", NULL));
}

/* The fixture of tests/api/shelters.test.mjs, computed by hand there. */
static void occupancy_by_day_matches_the_hand_computed_fixture(void **unused)
{
	(void)unused;
	struct lt_shelter_state st[] = {
		state("2021-06-01", 3, 0, 2, "2021-06-15"),
		state("2021-06-08", 4, 0, 2, "2021-06-15"),
	};
	struct lt_stay stays[] = {
		stay(LT_PLACE_WOMEN, "2021-06-01", "2021-06-04"),
		stay(LT_PLACE_WOMEN, "2021-06-03", NULL),
		stay(LT_PLACE_WOMEN, "2021-06-05", "2021-06-05"),
		stay(LT_PLACE_CHILDREN, "2021-06-02", "2021-06-06"),
		stay(LT_PLACE_WOMEN, "2021-05-01", "2021-05-20"), /* before the range */
	};
	static const struct {
		const char *date;
		int women, children, cap_women;
		bool licensed;
	} want[] = {
		{"2021-05-31", 0, 0, 3, true}, /* before the first state: the first state stands */
		{"2021-06-01", 1, 0, 3, true},  {"2021-06-02", 1, 1, 3, true},
		{"2021-06-03", 2, 1, 3, true},  {"2021-06-04", 1, 1, 3, true},
		{"2021-06-05", 2, 1, 3, true},  {"2021-06-06", 1, 0, 3, true},
		{"2021-06-07", 1, 0, 3, true},  {"2021-06-08", 1, 0, 4, true},
		{"2021-06-15", 1, 0, 4, true},  {"2021-06-16", 1, 0, 4, false},
	};
	struct lt_occupancy_day days[17];
	assert_int_equal(lt_occupancy_days(st, 2, stays, 5, "2021-05-31", 17, days), LT_OK);
	for (size_t i = 0; i < LT_ARRAY_LEN(want); i++) {
		const struct lt_occupancy_day *d = NULL;
		for (size_t j = 0; j < 17; j++)
			if (!strcmp(days[j].date, want[i].date))
				d = &days[j];
		assert_non_null(d);
		assert_int_equal(d->occupied[LT_PLACE_WOMEN], want[i].women);
		assert_int_equal(d->occupied[LT_PLACE_CHILDREN], want[i].children);
		assert_int_equal(d->occupied[LT_PLACE_MEN], 0);
		assert_int_equal(d->capacity[LT_PLACE_WOMEN], want[i].cap_women);
		assert_int_equal(d->capacity[LT_PLACE_CHILDREN], 2);
		assert_int_equal(d->licensed, want[i].licensed);
	}
	assert_string_equal(days[16].date, "2021-06-16");
	/* No states: nothing offered, nothing licensed. */
	assert_int_equal(lt_occupancy_days(NULL, 0, stays, 5, "2021-06-03", 1, days), LT_OK);
	assert_int_equal(days[0].occupied[LT_PLACE_WOMEN], 2);
	assert_int_equal(days[0].capacity[LT_PLACE_WOMEN], 0);
	assert_false(days[0].licensed);
	struct lt_stay bad = stay(LT_PLACE_WOMEN, "2021-02-30", NULL);
	assert_int_equal(lt_occupancy_days(st, 2, &bad, 1, "2021-06-01", 3, days), LT_ERR_INVALID);
	assert_int_equal(lt_occupancy_days(st, 2, stays, 5, "June", 3, days), LT_ERR_INVALID);
}

static struct lt_refusal check(const struct lt_shelter_state *st, size_t nst,
			       const struct lt_stay *stays, size_t n, enum lt_place place,
			       const char *sex, int child, const char *start, const char *end)
{
	struct lt_placement_ask ask = {place, sex, child, start, end, "2021-04-01"};
	struct lt_refusal out;
	assert_int_equal(lt_placement_check(st, nst, stays, n, &ask, &out), LT_OK);
	if (out.refused)
		assert_true(strlen(out.why) > 10); /* a refusal always says why */
	return out;
}

static void placements_are_refused_for_fit_licence_and_room(void **unused)
{
	(void)unused;
	struct lt_shelter_state st[] = {
		state("2020-01-01", 2, 0, 1, "2030-12-31"),
		state("2021-03-20", 1, 0, 1, "2030-12-31"), /* one women's place less from 20 March */
	};
	struct lt_stay in[] = {
		stay(LT_PLACE_WOMEN, "2021-03-01", "2021-03-10"),
		stay(LT_PLACE_WOMEN, "2021-03-02", NULL),
		stay(LT_PLACE_MEN, "2021-03-02", NULL), /* other places do not count */
	};
	struct lt_refusal r;
	/* fit */
	r = check(st, 2, in, 3, LT_PLACE_WOMEN, "male", 0, "2021-02-01", "2021-02-05");
	assert_true(r.refused);
	assert_int_equal(r.reason, LT_TURN_AWAY_WRONG_SEX);
	r = check(st, 2, in, 3, LT_PLACE_MEN, "female", 0, "2021-02-01", "2021-02-05");
	assert_int_equal(r.reason, LT_TURN_AWAY_WRONG_SEX);
	r = check(st, 2, in, 3, LT_PLACE_WOMEN, "female", 1, "2021-02-01", "2021-02-05");
	assert_int_equal(r.reason, LT_TURN_AWAY_OTHER);
	assert_non_null(strstr(r.why, "child"));
	r = check(st, 2, in, 3, LT_PLACE_CHILDREN, "female", 0, "2021-02-01", "2021-02-05");
	assert_int_equal(r.reason, LT_TURN_AWAY_OTHER);
	r = check(st, 2, in, 3, LT_PLACE_CHILDREN, "male", 1, "2021-02-01", "2021-02-05");
	assert_false(r.refused);
	/* unknown age or sex restricts nothing; the worker decides */
	assert_false(check(st, 2, in, 3, LT_PLACE_WOMEN, "unknown", -1, "2021-02-01", "2021-02-05").refused);
	assert_false(check(st, 2, in, 3, LT_PLACE_WOMEN, "other", -1, "2021-02-01", "2021-02-05").refused);
	/* no men's places at all: the shelter is for the other sex */
	r = check(st, 2, in, 3, LT_PLACE_MEN, "male", 0, "2021-02-01", "2021-02-05");
	assert_int_equal(r.reason, LT_TURN_AWAY_WRONG_SEX);
	assert_non_null(strstr(r.why, "no men's places"));
	/* full on the first day both places are taken, not before */
	r = check(st, 2, in, 3, LT_PLACE_WOMEN, "female", 0, "2021-02-25", "2021-03-05");
	assert_true(r.refused);
	assert_int_equal(r.reason, LT_TURN_AWAY_FULL);
	assert_string_equal(r.date, "2021-03-02");
	assert_non_null(strstr(r.why, "(2 of 2)"));
	assert_false(check(st, 2, in, 3, LT_PLACE_WOMEN, "female", 0, "2021-02-25", "2021-03-02").refused);
	/* the place of the woman leaving on 10 March is free that day... */
	assert_false(check(st, 2, in, 3, LT_PLACE_WOMEN, "female", 0, "2021-03-10", "2021-03-15").refused);
	/* ...but the capacity drops on 20 March, and an open stay is checked to today */
	r = check(st, 2, in, 3, LT_PLACE_WOMEN, "female", 0, "2021-03-10", NULL);
	assert_int_equal(r.reason, LT_TURN_AWAY_FULL);
	assert_string_equal(r.date, "2021-03-20");
	assert_non_null(strstr(r.why, "(1 of 1)"));
	/* a same-day stay counts on its day */
	struct lt_stay one = stay(LT_PLACE_CHILDREN, "2021-03-05", "2021-03-05");
	r = check(st, 2, &one, 1, LT_PLACE_CHILDREN, "female", 1, "2021-03-05", "2021-03-05");
	assert_int_equal(r.reason, LT_TURN_AWAY_FULL);
	assert_false(check(st, 2, &one, 1, LT_PLACE_CHILDREN, "female", 1, "2021-03-06", NULL).refused);
}

static void unlicensed_shelters_take_nobody(void **unused)
{
	(void)unused;
	struct lt_shelter_state never[] = {state("2019-01-01", 6, 0, 0, NULL)};
	struct lt_shelter_state lapsed[] = {
		state("2019-01-01", 6, 0, 0, "2020-12-31"),
	};
	struct lt_refusal r = check(never, 1, NULL, 0, LT_PLACE_WOMEN, "female", 0, "2021-03-01", NULL);
	assert_int_equal(r.reason, LT_TURN_AWAY_UNLICENSED);
	assert_non_null(strstr(r.why, "no licence"));
	r = check(lapsed, 1, NULL, 0, LT_PLACE_WOMEN, "female", 0, "2021-03-01", NULL);
	assert_int_equal(r.reason, LT_TURN_AWAY_UNLICENSED);
	assert_non_null(strstr(r.why, "2020-12-31"));
	assert_false(check(lapsed, 1, NULL, 0, LT_PLACE_WOMEN, "female", 0, "2020-12-31", NULL).refused);
	/* a shelter with no recorded state offers nothing */
	r = check(NULL, 0, NULL, 0, LT_PLACE_CHILDREN, "female", 1, "2021-03-01", NULL);
	assert_int_equal(r.reason, LT_TURN_AWAY_OTHER);
	struct lt_placement_ask bad = {LT_PLACE_WOMEN, "female", 0, "2021-13-01", NULL, "2021-04-01"};
	assert_int_equal(lt_placement_check(lapsed, 1, NULL, 0, &bad, &r), LT_ERR_INVALID);
}

static void turn_aways_are_counted_by_reason_and_alternative(void **unused)
{
	(void)unused;
	struct lt_turn_away_tally t;
	memset(&t, 0, sizeof(t));
	lt_turn_away_add(&t, "full", "ngo_accommodation");
	lt_turn_away_add(&t, "full", "social_welfare_shelter");
	lt_turn_away_add(&t, "wrong_sex", "social_welfare_shelter");
	lt_turn_away_add(&t, "unlicensed", "other");
	lt_turn_away_add(&t, "mystery", "tent"); /* unknown codes land under other */
	assert_int_equal(t.total, 5);
	assert_int_equal(t.by_reason[LT_TURN_AWAY_FULL], 2);
	assert_int_equal(t.by_reason[LT_TURN_AWAY_WRONG_SEX], 1);
	assert_int_equal(t.by_reason[LT_TURN_AWAY_UNLICENSED], 1);
	assert_int_equal(t.by_reason[LT_TURN_AWAY_OTHER], 1);
	assert_int_equal(t.by_alternative[LT_ALT_NGO_ACCOMMODATION], 1);
	assert_int_equal(t.by_alternative[LT_ALT_SOCIAL_WELFARE_SHELTER], 2);
	assert_int_equal(t.by_alternative[LT_ALT_OTHER], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vocabularies_round_trip),
		cmocka_unit_test(the_state_in_force_on_a_day),
		cmocka_unit_test(a_stay_occupies_up_to_the_day_before_it_ends),
		cmocka_unit_test(occupancy_by_day_matches_the_hand_computed_fixture),
		cmocka_unit_test(placements_are_refused_for_fit_licence_and_room),
		cmocka_unit_test(unlicensed_shelters_take_nobody),
		cmocka_unit_test(turn_aways_are_counted_by_reason_and_alternative),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
