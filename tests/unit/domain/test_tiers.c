#include "lt_test.h"
#include "base/buf.h"
#include "base/embed.h"
#include "domain/tiers.h"

/* ---- helpers ---------------------------------------------------------------- */

static struct lt_tier_rules shipped_rules;

static int load_shipped_rules(void **state)
{
	(void)state;
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "tiers/rules.json");
	if (!f)
		return -1;
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_tier_rules_parse(&shipped_rules, (const char *)f->data, f->len, &p)) {
		lt_problem_print(&p, stderr);
		return -1;
	}
	return 0;
}

/* Builds a Lantern-format history from a compact spelling: COUNTRY's
 * placements from FIRST on, one letter a year ("1", "2", "W" for the Watch
 * List, "3", "S" for a special case, "N" for not ranked). */
static void add_country(struct lt_buf *csv, const char *country, int first, const char *codes)
{
	int year = first;
	for (const char *c = codes; *c; c++) {
		const char *tier = NULL;
		switch (*c) {
		case '1': tier = "tier_1"; break;
		case '2': tier = "tier_2"; break;
		case 'W': tier = "tier_2_watch_list"; break;
		case '3': tier = "tier_3"; break;
		case 'S': tier = "special_case"; break;
		case 'N': tier = "not_ranked"; break;
		default: continue;
		}
		assert_int_equal(lt_buf_addf(csv, "%s,%d,%s\n", country, year++, tier), LT_OK);
	}
}

static void history_of(struct lt_tier_history *h, const char *country, int first,
		       const char *codes)
{
	struct lt_buf csv;
	lt_buf_init(&csv, 0);
	assert_int_equal(lt_buf_adds(&csv, "country,year,tier\n"), LT_OK);
	add_country(&csv, country, first, codes);
	struct lt_problem p;
	lt_problem_init(&p);
	lt_tier_history_init(h);
	lt_err rc = lt_tier_history_parse(h, csv.data, csv.len, &p);
	if (rc)
		lt_problem_print(&p, stderr);
	assert_int_equal(rc, LT_OK);
	lt_buf_release(&csv);
}

#define FOUND_MAX 64

struct found {
	size_t n;
	struct lt_tier_violation v[FOUND_MAX];
};

static lt_err collect(const struct lt_tier_violation *v, void *ctx)
{
	struct found *f = ctx;
	if (f->n < FOUND_MAX)
		f->v[f->n] = *v;
	f->n++;
	return LT_OK;
}

static struct found *check(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
			   int rules_year)
{
	struct found *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	size_t n = 0;
	assert_int_equal(lt_tier_check(h, rules, rules_year, collect, f, &n), LT_OK);
	assert_int_equal(n, f->n);
	return f;
}

static const struct lt_tier_violation *find(const struct found *f, const char *country, int year)
{
	for (size_t i = 0; i < f->n && i < FOUND_MAX; i++)
		if (strcmp(f->v[i].country, country) == 0 && f->v[i].year == year)
			return &f->v[i];
	return NULL;
}

static void assert_because(const struct lt_tier_violation *v, const int *years, size_t n)
{
	assert_non_null(v);
	assert_int_equal(v->nbecause, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v->because[i], years[i]);
}

static bool watch_list_allowed(const struct lt_tier_history *h, const char *country, int year,
			       int rules_year, struct lt_tier_outlook *out)
{
	struct lt_problem p;
	lt_problem_init(&p);
	lt_err rc = lt_tier_next(h, &shipped_rules, country, year, rules_year, out, &p);
	if (rc)
		lt_problem_print(&p, stderr);
	assert_int_equal(rc, LT_OK);
	assert_true(out->allowed[LT_TIER_1] && out->allowed[LT_TIER_2] && out->allowed[LT_TIER_3]);
	assert_false(out->allowed[LT_TIER_SPECIAL_CASE] || out->allowed[LT_TIER_NOT_RANKED]);
	return out->allowed[LT_TIER_2_WATCH_LIST];
}

/* The published 1999-2015 dataset, as kept in tests/fixtures (and, when
 * ../shared is beside the repository, checked to be the same bytes). */
static char *slurp_dataset(size_t *len)
{
	const char *src = getenv("LT_SOURCE_DIR");
	assert_non_null(src);
	char path[1024];
	snprintf(path, sizeof(path), "%s/tests/fixtures/tip_tiers_1999_2015.csv", src);
	char *text = lt_test_slurp(path, len);
	assert_non_null(text);
	const char *shared = getenv("LT_SHARED_DIR");
	if (shared) {
		snprintf(path, sizeof(path), "%s/data/tip_tiers_1999_2015.csv", shared);
		size_t olen = 0;
		char *original = lt_test_slurp(path, &olen);
		if (original) {
			assert_int_equal(olen, *len);
			assert_memory_equal(original, text, olen);
			free(original);
		}
	}
	return text;
}

static void load_dataset(struct lt_tier_history *h)
{
	size_t len = 0;
	char *text = slurp_dataset(&len);
	struct lt_problem p;
	lt_problem_init(&p);
	lt_tier_history_init(h);
	assert_int_equal(lt_tier_history_parse(h, text, len, &p), LT_OK);
	free(text);
}

/* Parses TEXT, expects it refused, and returns the first fault as
 * "field: reason" in BUF. */
static const char *refusal(const char *text, char *buf, size_t cap)
{
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_history_parse(&h, text, strlen(text), &p), LT_ERR_INVALID);
	assert_int_equal(h.n, 0);
	assert_true(p.nfields >= 1);
	assert_true(snprintf(buf, cap, "%s: %s", p.fields[0].field, p.fields[0].reason) < (int)cap);
	lt_tier_history_release(&h);
	return buf;
}

/* ---- the real history ------------------------------------------------------------ */

static void real_history_breaks_no_rule_then_in_force(void **state)
{
	(void)state;
	struct lt_tier_history h;
	load_dataset(&h);
	assert_int_equal(h.n, 3208);
	assert_int_equal(h.format, LT_TIER_FORMAT_DATASET);
	struct found *f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 0);
	free(f);
	lt_tier_history_release(&h);
}

static void real_history_breaks_the_2019_rules(void **state)
{
	(void)state;
	struct lt_tier_history h;
	load_dataset(&h);
	struct found *f = check(&h, &shipped_rules, 2019);
	/* The 2019 waiver cap of one year makes the fourth Watch List year
	 * unlawful. */
	const int chn_rus[] = {2009, 2010, 2011};
	const int mys_tha[] = {2010, 2011, 2012};
	assert_because(find(f, "CHN", 2012), chn_rus, 3);
	assert_because(find(f, "RUS", 2012), chn_rus, 3);
	assert_because(find(f, "MYS", 2013), mys_tha, 3);
	assert_because(find(f, "THA", 2013), mys_tha, 3);
	assert_string_equal(find(f, "CHN", 2012)->rule, "automatic_downgrade");
	assert_string_equal(find(f, "THA", 2013)->rule, "automatic_downgrade");
	assert_int_equal(find(f, "CHN", 2012)->placement, LT_TIER_2_WATCH_LIST);
	/* The third year was lawful with the one waiver. */
	assert_null(find(f, "CHN", 2011));
	assert_null(find(f, "MYS", 2012));
	/* China came back to the Watch List in 2014 after Tier 3 in 2013: the
	 * second year back breaks the reinstatement limit. Malaysia's single
	 * year back (2015) does not. */
	const int chn_back[] = {2009, 2010, 2011, 2012, 2013, 2014};
	assert_because(find(f, "CHN", 2015), chn_back, 6);
	assert_string_equal(find(f, "CHN", 2015)->rule, "reinstatement_limit");
	assert_null(find(f, "CHN", 2014));
	assert_null(find(f, "MYS", 2015));
	/* Russia stayed on Tier 3 after its downgrade. */
	assert_null(find(f, "RUS", 2014));
	assert_int_equal(f->n, 29);
	free(f);
	lt_tier_history_release(&h);
}

static void shipped_history_is_lawful_and_serbia_2025_excludes_the_watch_list(void **state)
{
	(void)state;
	const struct lt_embedded_file *file = lt_embed_find(lt_data_files, "tiers/history.csv");
	assert_non_null(file);
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_history_parse(&h, (const char *)file->data, file->len, &p), LT_OK);
	assert_int_equal(h.format, LT_TIER_FORMAT_LANTERN);
	/* The dataset and Serbia 2016-2024, at least: years get added. */
	assert_true(h.n >= 3208 + 9);
	struct found *f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 0);
	free(f);

	const struct lt_tier_placement *srb;
	size_t n;
	lt_tier_history_country(&h, "SRB", &srb, &n);
	assert_true(n >= 2024 - 1999 + 1);
	const struct lt_tier_placement *srb2024 = &srb[2024 - 1999];
	assert_int_equal(srb2024->year, 2024);
	assert_int_equal(srb2024->tier, LT_TIER_2_WATCH_LIST);
	assert_string_equal(srb2024->name, "Serbia");
	assert_true(srb2024->source[0] != '\0');

	struct lt_tier_outlook out;
	assert_false(watch_list_allowed(&h, "SRB", 2025, 0, &out));
	assert_string_equal(out.country, "SRB");
	assert_int_equal(out.year, 2025);
	assert_string_equal(out.rule, "automatic_downgrade");
	assert_string_equal(out.reason, "Tier 2 Watch List not allowed: 2022 and 2023 on the "
					"Watch List, waiver used in 2024");
	/* 2024 itself needed the waiver; 2017 after 2016 did not. */
	assert_true(watch_list_allowed(&h, "SRB", 2024, 0, &out));
	assert_true(out.waiver_required);
	assert_true(watch_list_allowed(&h, "SRB", 2017, 0, &out));
	assert_false(out.waiver_required);
	lt_tier_history_release(&h);
}

/* ---- rule boundaries ------------------------------------------------------------- */

static void waiver_is_two_years_until_2018_and_one_from_2019(void **state)
{
	(void)state;
	struct lt_tier_history h;
	struct lt_tier_outlook out;
	struct found *f;

	/* 2015-2018: two years and two waivers, lawful; a fifth year is not. */
	history_of(&h, "AAA", 2014, "2WWWWW");
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 1);
	const int four[] = {2015, 2016, 2017, 2018};
	assert_because(find(f, "AAA", 2019), four, 4);
	free(f);
	assert_true(watch_list_allowed(&h, "AAA", 2018, 0, &out));
	assert_true(out.waiver_required);
	assert_string_equal(out.reason, "Tier 2 Watch List allowed only with a waiver (waiver "
					"year 2 of 2): 2015 and 2016 on the Watch List, waiver "
					"used in 2017");
	lt_tier_history_release(&h);

	/* A run spanning 2018/2019 meets the cap in force in the report year:
	 * 2018 used the first waiver, so 2019 has none left. */
	history_of(&h, "AAB", 2015, "2WWWW");
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 1);
	const int three[] = {2016, 2017, 2018};
	assert_because(find(f, "AAB", 2019), three, 3);
	free(f);
	lt_tier_history_release(&h);

	/* From 2019: two years, one waiver, then Tier 3 or better. */
	history_of(&h, "AAC", 2018, "2WWW");
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 0);
	free(f);
	assert_false(watch_list_allowed(&h, "AAC", 2022, 0, &out));
	assert_string_equal(out.reason, "Tier 2 Watch List not allowed: 2019 and 2020 on the "
					"Watch List, waiver used in 2021");
	assert_true(watch_list_allowed(&h, "AAC", 2021, 0, &out));
	assert_true(out.waiver_required);
	assert_true(watch_list_allowed(&h, "AAC", 2020, 0, &out));
	assert_false(out.waiver_required);
	assert_string_equal(out.reason, "Tier 2 Watch List allowed: 2019 on the Watch List, "
					"1 of 2 years before the automatic downgrade");
	lt_tier_history_release(&h);
}

static void the_count_starts_with_the_2009_report(void **state)
{
	(void)state;
	struct lt_tier_history h;
	struct lt_tier_outlook out;
	/* Watch List 2004-2012: 2004-2008 do not count, so 2012 is the second
	 * waiver year and lawful; 2013 is not. */
	history_of(&h, "AAD", 2003, "2WWWWWWWWWW");
	struct found *f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 1);
	const int run[] = {2009, 2010, 2011, 2012};
	assert_because(find(f, "AAD", 2013), run, 4);
	free(f);
	assert_true(watch_list_allowed(&h, "AAD", 2009, 0, &out));
	assert_false(out.waiver_required);
	assert_string_equal(out.reason,
			    "Tier 2 Watch List allowed: Watch List years count only from the 2009 "
			    "report");
	assert_true(watch_list_allowed(&h, "AAD", 2010, 0, &out));
	assert_false(out.waiver_required);
	assert_true(watch_list_allowed(&h, "AAD", 2011, 0, &out));
	assert_true(out.waiver_required);
	/* Before 2009 nothing limits the Watch List. */
	assert_true(watch_list_allowed(&h, "AAD", 2008, 0, &out));
	assert_string_equal(out.reason,
			    "Tier 2 Watch List allowed: no automatic downgrade in the 2008 report");
	lt_tier_history_release(&h);
}

static void special_cases_and_unranked_years_break_a_run(void **state)
{
	(void)state;
	struct lt_tier_history h;
	struct lt_tier_outlook out;
	struct found *f;
	/* 2009-2010 Watch List, 2011 special case, then four more Watch List
	 * years: lawful until 2018, since the run restarts in 2012. */
	history_of(&h, "AAE", 2008, "2WWSWWWW");
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 0);
	free(f);
	/* Under the 2019 rules the fourth year of the new run breaks the
	 * waiver cap; the special case is not a downgrade, so the reinstatement
	 * limit does not apply. */
	f = check(&h, &shipped_rules, 2019);
	assert_int_equal(f->n, 1);
	assert_string_equal(f->v[0].rule, "automatic_downgrade");
	assert_int_equal(f->v[0].year, 2015);
	free(f);
	lt_tier_history_release(&h);

	history_of(&h, "AAF", 2018, "2WWNW");
	assert_true(watch_list_allowed(&h, "AAF", 2023, 0, &out));
	assert_false(out.waiver_required);
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 0);
	free(f);
	lt_tier_history_release(&h);
}

static void back_on_the_watch_list_after_a_downgrade_gets_one_year_from_2019(void **state)
{
	(void)state;
	struct lt_tier_history h;
	struct lt_tier_outlook out;
	struct found *f;
	/* The reference's hypothetical: Watch List 2019-2020, Tier 3 2021,
	 * Watch List 2022; 2023 may not be on the Watch List. */
	history_of(&h, "AAG", 2018, "2WW3WW");
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 1);
	const int because[] = {2019, 2020, 2021, 2022};
	assert_because(find(f, "AAG", 2023), because, 4);
	assert_string_equal(f->v[0].rule, "reinstatement_limit");
	free(f);
	assert_true(watch_list_allowed(&h, "AAG", 2022, 0, &out));
	assert_string_equal(out.rule, "reinstatement_limit");
	assert_string_equal(out.reason, "Tier 2 Watch List allowed for 1 year at most: 2019 and "
					"2020 on the Watch List, Tier 3 in 2021");
	assert_false(watch_list_allowed(&h, "AAG", 2023, 0, &out));
	assert_string_equal(out.reason,
			    "Tier 2 Watch List not allowed: 2019 and 2020 on the Watch List, "
			    "Tier 3 in 2021, back on the Watch List in 2022, and only 1 such year "
			    "is allowed after a downgrade");
	lt_tier_history_release(&h);

	/* Before 2019 the run simply restarts (China 2013-2015 in real life). */
	history_of(&h, "AAH", 2008, "2WWWW3WWW");
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 0);
	free(f);
	lt_tier_history_release(&h);

	/* By default Tier 3 must follow the run at once; a Tier 2 year between
	 * them means no downgrade took place. */
	history_of(&h, "AAI", 2018, "2WW23WW");
	f = check(&h, &shipped_rules, 0);
	assert_int_equal(f->n, 0);
	free(f);
	/* The wider reading of "subsequently" is one switch in the rules file. */
	struct lt_tier_rules wide = shipped_rules;
	for (size_t i = 0; i < wide.n; i++)
		if (wide.items[i].kind == LT_TIER_RULE_REINSTATEMENT)
			wide.items[i].immediately = false;
	f = check(&h, &wide, 0);
	assert_int_equal(f->n, 1);
	const int wide_because[] = {2019, 2020, 2022, 2023};
	assert_because(find(f, "AAI", 2024), wide_because, 4);
	free(f);
	lt_tier_history_release(&h);
}

static void next_needs_the_years_the_rules_look_at(void **state)
{
	(void)state;
	struct lt_tier_history h;
	load_dataset(&h);
	struct lt_tier_outlook out;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_next(&h, &shipped_rules, "SRB", 2025, 0, &out, &p),
			 LT_ERR_INVALID);
	assert_non_null(strstr(p.fields[0].reason, "end in 2015"));
	lt_problem_init(&p);
	assert_int_equal(lt_tier_next(&h, &shipped_rules, "ZZZ", 2016, 0, &out, &p),
			 LT_ERR_INVALID);
	assert_string_equal(p.fields[0].field, "country");
	lt_problem_init(&p);
	assert_int_equal(lt_tier_next(&h, &shipped_rules, "srb", 2016, 0, &out, &p),
			 LT_ERR_INVALID);
	lt_problem_init(&p);
	assert_int_equal(lt_tier_next(&h, &shipped_rules, "SRB", 1800, 0, &out, &p),
			 LT_ERR_INVALID);
	assert_string_equal(p.fields[0].field, "year");
	/* Aruba is first ranked in 2015: before that, there is no year to count,
	 * and the reason says so rather than claim a year off the Watch List. */
	assert_true(watch_list_allowed(&h, "ABW", 2010, 0, &out));
	assert_string_equal(out.reason, "Tier 2 Watch List allowed: the history has no placement "
					"of ABW before 2010");
	assert_true(watch_list_allowed(&h, "SRB", 2011, 0, &out));
	assert_string_equal(out.reason, "Tier 2 Watch List allowed: not on the Watch List in 2010");
	/* Years the dataset holds can be asked about after the fact. */
	assert_true(watch_list_allowed(&h, "SRB", 2016, 0, &out));
	assert_false(watch_list_allowed(&h, "CHN", 2013, 0, &out));
	assert_string_equal(out.reason, "Tier 2 Watch List not allowed: 2009 and 2010 on the "
					"Watch List, waivers used in 2011 and 2012");
	lt_tier_history_release(&h);
}

/* ---- input ------------------------------------------------------------------------ */

static void padded_dataset_tiers_are_trimmed(void **state)
{
	(void)state;
	const char *text = "\"countryname\",\"iso\",\"year\",\"ccode\",\"tier\"\r\n"
			   "\"Congo, Rep.\",\"COG\",2008,484,\"Tier 2    \"\r\n"
			   "\"Congo, Rep.\",\"COG\",2009,484,\"Watchlist    \"\r\n"
			   "\"Congo, Rep.\",\"COG\",2010,NA,\"  NA  \"\r\n"
			   "\"Congo, Rep.\",\"COG\",2011,484,\"Tier 3\"\r\n"
			   "\"Congo, Rep.\",\"COG\",2012,484,\"Special Case\"\r\n";
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_history_parse(&h, text, strlen(text), &p), LT_OK);
	assert_int_equal(h.format, LT_TIER_FORMAT_DATASET);
	assert_int_equal(h.n, 5);
	assert_int_equal(h.items[0].tier, LT_TIER_2);
	assert_int_equal(h.items[1].tier, LT_TIER_2_WATCH_LIST);
	assert_int_equal(h.items[2].tier, LT_TIER_NOT_RANKED);
	assert_int_equal(h.items[3].tier, LT_TIER_3);
	assert_int_equal(h.items[4].tier, LT_TIER_SPECIAL_CASE);
	assert_string_equal(h.items[0].name, "Congo, Rep.");
	assert_int_equal(h.items[4].line, 6);

	/* Written out in Lantern's format and read back, nothing changes. */
	struct lt_buf out;
	lt_buf_init(&out, 0);
	assert_int_equal(lt_tier_history_write(&h, "test", &out), LT_OK);
	assert_non_null(strstr(out.data, "COG,\"Congo, Rep.\",2009,tier_2_watch_list,test\n"));
	struct lt_tier_history back;
	lt_tier_history_init(&back);
	assert_int_equal(lt_tier_history_parse(&back, out.data, out.len, &p), LT_OK);
	assert_int_equal(back.n, h.n);
	for (size_t i = 0; i < h.n; i++) {
		assert_string_equal(back.items[i].country, h.items[i].country);
		assert_int_equal(back.items[i].year, h.items[i].year);
		assert_int_equal(back.items[i].tier, h.items[i].tier);
		assert_string_equal(back.items[i].name, h.items[i].name);
		assert_string_equal(back.items[i].source, "test");
	}
	lt_buf_release(&out);
	lt_tier_history_release(&back);
	lt_tier_history_release(&h);

	/* Lantern's own format trims too, and takes its columns in any order. */
	const char *own = "tier , year,country\n  tier_2_watch_list ,2009, chn \n";
	lt_tier_history_init(&h);
	assert_int_equal(lt_tier_history_parse(&h, own, strlen(own), &p), LT_OK);
	assert_string_equal(h.items[0].country, "CHN");
	assert_int_equal(h.items[0].tier, LT_TIER_2_WATCH_LIST);
	lt_tier_history_release(&h);
}

static void bad_input_names_the_line(void **state)
{
	(void)state;
	char buf[400];
	assert_string_equal(refusal("country,year,tier\nSRB,2003,tier_2\nSRB,2004,tier_4\n", buf,
				    sizeof(buf)),
			    "line 3, column tier: unknown tier 'tier_4' (expected tier_1, tier_2, "
			    "tier_2_watch_list, tier_3, special_case or not_ranked)");
	assert_string_equal(
		refusal("countryname,iso,year,ccode,tier\nSerbia,SRB,2004,1003,Tier 4\n", buf,
			sizeof(buf)),
		"line 2, column tier: unknown tier 'Tier 4' (expected Tier 1, Tier 2, Watchlist, "
		"Tier 3, Special Case or NA)");
	assert_string_equal(refusal("country,year,tier\nSRB,20O4,tier_2\n", buf, sizeof(buf)),
			    "line 2, column year: '20O4' is not a report year between 1999 and "
			    "2200");
	assert_string_equal(refusal("country,year,tier\nSERB,2004,tier_2\n", buf, sizeof(buf)),
			    "line 2, column country: 'SERB' is not an ISO 3166-1 alpha-3 code "
			    "(three letters)");
	assert_string_equal(refusal("country,year,tier\n\nSRB,2004\n", buf, sizeof(buf)),
			    "line 3: 2 fields where the header has 3");
	assert_string_equal(
		refusal("country,year,tier\nSRB,2004,tier_2\nSRB,2004,tier_3\n", buf, sizeof(buf)),
		"line 3: SRB 2004 is already given on line 2");
	assert_string_equal(
		refusal("country,year,tier\nSRB,2004,tier_2\nSRB,2006,tier_3\n", buf, sizeof(buf)),
		"line 3: SRB has no placement for 2005 (line 2 gives 2004, this line 2006)");
	assert_string_equal(refusal("", buf, sizeof(buf)),
			    "line 1: the file is empty; it must start with a header line");
	assert_string_equal(refusal("country,year,tier,colour\n", buf, sizeof(buf)),
			    "line 1: unknown column 'colour' (expected country, name, year, tier, "
			    "source)");
	assert_string_equal(refusal("country,year\n", buf, sizeof(buf)),
			    "line 1: the header lacks the column 'tier'");
	assert_string_equal(refusal("country,year,tier\nSRB,2004,\"tier_2\"x\n", buf, sizeof(buf)),
			    "line 2: malformed quoting");
	assert_string_equal(refusal("country,year,tier\nSRB,2004,\"tier_2\n", buf, sizeof(buf)),
			    "line 2: a quoted value is not closed");

	/* Every fault is reported, not only the first. */
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct lt_problem p;
	lt_problem_init(&p);
	const char *text = "country,year,tier\nSRB,2004,x\nSRB,2005,tier_2\nSRB,1,tier_2\n";
	assert_int_equal(lt_tier_history_parse(&h, text, strlen(text), &p), LT_ERR_INVALID);
	assert_int_equal(p.nfields, 2);
	assert_string_equal(p.fields[1].field, "line 4, column year");
}

static void rules_file_is_checked(void **state)
{
	(void)state;
	struct lt_tier_law law;
	lt_tier_rules_at(&shipped_rules, 2008, &law);
	assert_false(law.downgrade);
	lt_tier_rules_at(&shipped_rules, 2018, &law);
	assert_true(law.downgrade);
	assert_int_equal(law.downgrade_years, 2);
	assert_int_equal(law.counts_from, 2009);
	assert_int_equal(law.max_waiver_years, 2);
	assert_false(law.reinstatement);
	lt_tier_rules_at(&shipped_rules, 2019, &law);
	assert_int_equal(law.max_waiver_years, 1);
	assert_true(law.reinstatement);
	assert_int_equal(law.reinstatement_years, 1);
	assert_true(law.reinstatement_immediately);

	struct lt_tier_rules rules;
	struct lt_problem p;
	const char *doc = "\"law\": \"l\", \"text\": \"t\", \"sources\": []";
	char text[1024];
	/* Two waivers in force in 2012. */
	snprintf(text, sizeof(text),
		 "{\"format\": \"lantern-tier-rules/1\", \"rules\": ["
		 "{\"id\": \"automatic_downgrade\", \"from\": 2009, \"years\": 2, "
		 "\"counts_from\": 2009, %s},"
		 "{\"id\": \"waiver\", \"from\": 2009, \"to\": 2018, \"max_years\": 2, %s},"
		 "{\"id\": \"waiver\", \"from\": 2012, \"max_years\": 1, %s}]}",
		 doc, doc, doc);
	lt_problem_init(&p);
	assert_int_equal(lt_tier_rules_parse(&rules, text, strlen(text), &p), LT_ERR_INVALID);
	assert_string_equal(p.fields[0].field, "rules[2]");
	assert_non_null(strstr(p.fields[0].reason, "in force in 2012"));
	/* A waiver with no downgrade to waive. */
	snprintf(text, sizeof(text),
		 "{\"format\": \"lantern-tier-rules/1\", \"rules\": ["
		 "{\"id\": \"waiver\", \"from\": 2009, \"max_years\": 2, %s}]}",
		 doc);
	lt_problem_init(&p);
	assert_int_equal(lt_tier_rules_parse(&rules, text, strlen(text), &p), LT_ERR_INVALID);
	assert_non_null(strstr(p.fields[0].reason, "no automatic_downgrade"));
	/* Unknown rule, missing parameter, year out of range. */
	snprintf(text, sizeof(text),
		 "{\"format\": \"lantern-tier-rules/1\", \"rules\": ["
		 "{\"id\": \"amnesty\", \"from\": 2009, %s},"
		 "{\"id\": \"automatic_downgrade\", \"from\": 2009, \"counts_from\": 2009, %s},"
		 "{\"id\": \"reinstatement_limit\", \"from\": 19, \"years\": 1, "
		 "\"tier_3_immediately_after\": true, %s}]}",
		 doc, doc, doc);
	lt_problem_init(&p);
	assert_int_equal(lt_tier_rules_parse(&rules, text, strlen(text), &p), LT_ERR_INVALID);
	assert_int_equal(p.nfields, 3);
	assert_string_equal(p.fields[0].field, "rules[0].id");
	assert_string_equal(p.fields[1].field, "rules[1].years");
	assert_string_equal(p.fields[2].field, "rules[2].from");
	assert_int_equal(rules.n, 0);
}

/* ---- the deployment's country in the history --------------------------------- */

static void own_country_from_the_table_then_from_the_history_by_name(void **state)
{
	(void)state;
	static const char table[] = "iso2,iso3,name\nRS,SRB,Serbia\nHR,HRV,Croatia\n";
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	static const char csv[] = "country,name,year,tier\n"
				  "DEU,Germany,2014,tier_1\nDEU,Germany,2015,tier_1\n"
				  "SRB,Serbia,2015,tier_2\n"
				  "XKA,Twinland,2015,tier_2\nXKB,twinland,2015,tier_3\n";
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_tier_history_parse(&h, csv, strlen(csv), &p), LT_OK);
	char iso3[4];
	/* In the table: the history is not needed. */
	assert_int_equal(lt_tier_country_resolve(table, strlen(table), "RS", "Serbia", NULL, iso3,
						 &p),
			 LT_OK);
	assert_string_equal(iso3, "SRB");
	/* Not in the table: the history's name says it, letter case aside. */
	assert_int_equal(lt_tier_country_resolve(table, strlen(table), "DE", "GERMANY", &h, iso3,
						 &p),
			 LT_OK);
	assert_string_equal(iso3, "DEU");
	/* Neither: the detail names the code, the name, the file and the row to add. */
	lt_problem_init(&p);
	assert_int_equal(lt_tier_country_resolve(table, strlen(table), "FR", "France", &h, iso3,
						 &p),
			 LT_ERR_NOT_FOUND);
	assert_string_equal(iso3, "");
	assert_non_null(strstr(p.detail, "(FR, France) is not in data/tiers/countries.csv"));
	assert_non_null(strstr(p.detail, "no country of the tier history is named France"));
	assert_non_null(strstr(p.detail, "Add the row \"FR,<alpha-3>,France\""));
	/* Two codes under one name tell nothing. */
	lt_problem_init(&p);
	assert_int_equal(lt_tier_country_resolve(table, strlen(table), "TW", "Twinland", &h, iso3,
						 &p),
			 LT_ERR_NOT_FOUND);
	assert_non_null(strstr(p.detail, "more than one country"));
	/* No table at all, no history: still a clear answer. */
	lt_problem_init(&p);
	assert_int_equal(lt_tier_country_resolve(NULL, 0, "RS", "", NULL, iso3, &p),
			 LT_ERR_NOT_FOUND);
	assert_non_null(strstr(p.detail, "(RS, ?)"));
	lt_tier_history_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(real_history_breaks_no_rule_then_in_force),
		cmocka_unit_test(real_history_breaks_the_2019_rules),
		cmocka_unit_test(shipped_history_is_lawful_and_serbia_2025_excludes_the_watch_list),
		cmocka_unit_test(waiver_is_two_years_until_2018_and_one_from_2019),
		cmocka_unit_test(the_count_starts_with_the_2009_report),
		cmocka_unit_test(special_cases_and_unranked_years_break_a_run),
		cmocka_unit_test(back_on_the_watch_list_after_a_downgrade_gets_one_year_from_2019),
		cmocka_unit_test(next_needs_the_years_the_rules_look_at),
		cmocka_unit_test(padded_dataset_tiers_are_trimmed),
		cmocka_unit_test(bad_input_names_the_line),
		cmocka_unit_test(rules_file_is_checked),
		cmocka_unit_test(own_country_from_the_table_then_from_the_history_by_name),
	};
	return cmocka_run_group_tests(tests, load_shipped_rules, NULL);
}
