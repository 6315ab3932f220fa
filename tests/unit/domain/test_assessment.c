/* The pure helpers of the country assessment: the trend rule for counts and
 * shares, percentages, the two kinds of period (with the 31 March / 1 April
 * boundary), the alpha-2 to alpha-3 table, and the Watch List clock's
 * sentence for each state, on small histories and on the shipped one. */
#include "lt_test.h"
#include "base/embed.h"
#include "domain/assessment.h"

static void counts_rise_stay_or_fall(void **unused)
{
	(void)unused;
	assert_int_equal(lt_trend_of_counts(3, 4), LT_TREND_INCREASING);
	assert_int_equal(lt_trend_of_counts(0, 1), LT_TREND_INCREASING);
	assert_int_equal(lt_trend_of_counts(4, 4), LT_TREND_FLAT);
	assert_int_equal(lt_trend_of_counts(0, 0), LT_TREND_FLAT);
	assert_int_equal(lt_trend_of_counts(5, 4), LT_TREND_FALLING);
	assert_string_equal(lt_trend_name(LT_TREND_INCREASING), "increasing");
	assert_string_equal(lt_trend_name(LT_TREND_FLAT), "flat");
	assert_string_equal(lt_trend_name(LT_TREND_FALLING), "falling");
	assert_string_equal(lt_trend_name(LT_TREND_NOT_COMPARABLE), "not_comparable");
}

static void shares_compare_exactly(void **unused)
{
	(void)unused;
	/* 1/2 and 2/4 are the same share, whatever the counts */
	assert_int_equal(lt_trend_of_shares(1, 2, 2, 4), LT_TREND_FLAT);
	/* 1/3 < 34/100 though both round to 33% */
	assert_int_equal(lt_trend_of_shares(1, 3, 34, 100), LT_TREND_INCREASING);
	assert_int_equal(lt_trend_of_shares(34, 100, 1, 3), LT_TREND_FALLING);
	assert_int_equal(lt_trend_of_shares(0, 2, 1, 4), LT_TREND_INCREASING);
	/* nothing to share in either period */
	assert_int_equal(lt_trend_of_shares(0, 0, 1, 1), LT_TREND_NOT_COMPARABLE);
	assert_int_equal(lt_trend_of_shares(1, 1, 0, 0), LT_TREND_NOT_COMPARABLE);
	assert_true(lt_share_percent(1, 4) == 25.0);
	assert_true(lt_share_percent(1, 3) == 33.3);
	assert_true(lt_share_percent(2, 3) == 66.7);
	assert_true(lt_share_percent(1, 8) == 12.5);
	assert_true(lt_share_percent(0, 5) == 0.0);
}

static void periods_of_both_kinds(void **unused)
{
	(void)unused;
	struct lt_period p;
	lt_period_of(LT_PERIOD_REPORTING, 2025, &p);
	assert_string_equal(p.start, "2024-04-01");
	assert_string_equal(p.end, "2025-03-31");
	lt_period_of(LT_PERIOD_REPORTING, 2024, &p);
	assert_string_equal(p.end, "2024-03-31"); /* the day before the next one starts */
	lt_period_of(LT_PERIOD_CALENDAR, 2025, &p);
	assert_string_equal(p.start, "2025-01-01");
	assert_string_equal(p.end, "2025-12-31");
	enum lt_period_kind k;
	assert_int_equal(lt_period_kind_from_name("calendar", &k), LT_OK);
	assert_int_equal(k, LT_PERIOD_CALENDAR);
	assert_int_equal(lt_period_kind_from_name("reporting", &k), LT_OK);
	assert_int_equal(k, LT_PERIOD_REPORTING);
	assert_int_equal(lt_period_kind_from_name("fiscal", &k), LT_ERR_INVALID);
	assert_int_equal(lt_period_kind_from_name(NULL, &k), LT_ERR_INVALID);
}

static void alpha2_to_alpha3(void **unused)
{
	(void)unused;
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "tiers/countries.csv");
	assert_non_null(f);
	char iso3[4];
	assert_int_equal(lt_country_iso3((const char *)f->data, f->len, "RS", iso3), LT_OK);
	assert_string_equal(iso3, "SRB");
	assert_int_equal(lt_country_iso3((const char *)f->data, f->len, "ZZ", iso3),
			 LT_ERR_NOT_FOUND);
	assert_int_equal(lt_country_iso3((const char *)f->data, f->len, "RSX", iso3),
			 LT_ERR_NOT_FOUND);
	const char *t = "iso2,iso3\r\nXA,XAA\r\n";
	assert_int_equal(lt_country_iso3(t, strlen(t), "XA", iso3), LT_OK);
	assert_string_equal(iso3, "XAA");
}

static void load_rules(struct lt_tier_rules *rules)
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "tiers/rules.json");
	assert_non_null(f);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_rules_parse(rules, (const char *)f->data, f->len, &p), LT_OK);
}

/* The clock of XXX in YEAR for a history given as tiers from 2015 on. */
/* TIERS are one digit a year from FIRST on. */
static void clock_from(const char *tiers, int first, int year, struct lt_watch_clock *clock)
{
	char csv[2048] = "country,name,year,tier,source\n";
	size_t len = strlen(csv);
	int y = first;
	for (const char *t = tiers; *t; t++, y++) {
		static const char *const names[] = {"tier_1", "tier_2", "tier_2_watch_list", "tier_3"};
		len += (size_t)snprintf(csv + len, sizeof(csv) - len, "XXX,Test,%d,%s,test\n", y,
					names[*t - '1']);
	}
	struct lt_tier_rules rules;
	load_rules(&rules);
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_history_parse(&h, csv, strlen(csv), &p), LT_OK);
	assert_int_equal(lt_watch_clock(&h, &rules, "XXX", year, clock, &p), LT_OK);
	lt_tier_history_release(&h);
}

static void clock_of(const char *tiers, int year, struct lt_watch_clock *clock)
{
	clock_from(tiers, 2015, year, clock);
}

static void the_clock_in_each_state(void **unused)
{
	(void)unused;
	struct lt_watch_clock c;
	/* 1 tier 1, 2 tier 2, 3 watch list, 4 tier 3; from 2015 */
	clock_of("22", 2017, &c);
	assert_int_equal(c.run, 0);
	assert_string_equal(c.sentence, "0 of 2 years used: the next report may place the country "
					"on any tier");
	clock_of("223", 2018, &c);
	assert_int_equal(c.run, 1);
	assert_string_equal(c.sentence, "1 of 2 years used: the next report may keep the country "
					"on the Watch List");
	clock_of("2233", 2019, &c);
	assert_true(c.outlook.waiver_required);
	assert_string_equal(c.waiver, "available");
	assert_string_equal(c.sentence, "2 of 2 years used, waiver available: the next report may "
					"keep the country on the Watch List only with a waiver");
	clock_of("22333", 2020, &c);
	assert_false(c.outlook.allowed[LT_TIER_2_WATCH_LIST]);
	assert_int_equal(c.run, 3);
	assert_int_equal(c.waivers_used, 1);
	assert_string_equal(c.waiver, "used");
	assert_string_equal(c.sentence, "2 of 2 years used, waiver used: the next report must place "
					"the country on Tier 2 or better, or Tier 3");
	/* Before 2019 two waivers were possible: both used, in the plural. */
	clock_from("3333", 2009, 2013, &c);
	assert_int_equal(c.waivers_used, 2);
	assert_string_equal(c.sentence, "2 of 2 years used, waivers used: the next report must "
					"place the country on Tier 2 or better, or Tier 3");
	/* Watch List 2019-2020, Tier 3 2021, back in 2022: the reinstatement limit */
	clock_of("22223343", 2023, &c);
	assert_false(c.outlook.allowed[LT_TIER_2_WATCH_LIST]);
	assert_string_equal(c.sentence, "Back on the Watch List after a downgrade, 1 of 1 year used: "
					"the next report must place the country on Tier 2 or better, "
					"or Tier 3");
}

static void serbia_2025_on_the_shipped_history(void **unused)
{
	(void)unused;
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "tiers/history.csv");
	assert_non_null(f);
	struct lt_tier_rules rules;
	load_rules(&rules);
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_history_parse(&h, (const char *)f->data, f->len, &p), LT_OK);
	struct lt_watch_clock c;
	assert_int_equal(lt_watch_clock(&h, &rules, "SRB", 2025, &c, &p), LT_OK);
	lt_tier_history_release(&h);
	assert_false(c.outlook.allowed[LT_TIER_2_WATCH_LIST]);
	assert_int_equal(c.run, 3);
	assert_int_equal(c.years_used, 2);
	assert_int_equal(c.waivers_max, 1);
	assert_string_equal(c.sentence, "2 of 2 years used, waiver used: the next report must place "
					"the country on Tier 2 or better, or Tier 3");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_rise_stay_or_fall),
		cmocka_unit_test(shares_compare_exactly),
		cmocka_unit_test(periods_of_both_kinds),
		cmocka_unit_test(alpha2_to_alpha3),
		cmocka_unit_test(the_clock_in_each_state),
		cmocka_unit_test(serbia_2025_on_the_shipped_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
