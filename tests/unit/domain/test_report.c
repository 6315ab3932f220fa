/* The pure parts of the statistics reports: small-cell suppression (primary,
 * secondary, derived figures), HTML escaping, SVG charts that escape every
 * text and reveal no suppressed value, the protection paragraph's wording
 * and plurals in English and Serbian, sentence bands and downgraded charges. */
#include "lt_test.h"
#include "domain/jurisdiction.h"
#include "domain/report.h"
#include "domain/stats.h"

static struct lt_buf buf;

static const char *text(void)
{
	assert_int_equal(lt_buf_add(&buf, "", 1), LT_OK);
	return (const char *)buf.data;
}

static int setup(void **unused)
{
	(void)unused;
	lt_buf_init(&buf, 0);
	return 0;
}

static int teardown(void **unused)
{
	(void)unused;
	lt_buf_release(&buf);
	return 0;
}

static void primary_suppression_hides_counts_under_the_threshold(void **unused)
{
	(void)unused;
	struct lt_cell c[4] = {{0, 0}, {4, 0}, {5, 0}, {12, 0}};
	lt_report_suppress(c, 4, NULL, 5);
	assert_int_equal(c[0].st, LT_CELL_SMALL); /* zero too */
	assert_int_equal(c[1].st, LT_CELL_SMALL);
	assert_int_equal(c[2].st, LT_CELL_SHOWN);
	assert_int_equal(c[3].st, LT_CELL_SHOWN);
	/* internal tables: nothing hidden */
	lt_report_suppress(c, 4, NULL, 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(c[i].st, LT_CELL_SHOWN);
}

static void a_single_small_cell_beside_a_total_takes_another_with_it(void **unused)
{
	(void)unused;
	/* 3 + 9 + 7 + 20 = 39: 3 alone would be 39 - 36; the smallest shown (7) goes too. */
	struct lt_cell c[4] = {{3, 0}, {9, 0}, {7, 0}, {20, 0}};
	struct lt_cell total = {39, 0};
	lt_report_suppress(c, 4, &total, 5);
	assert_int_equal(c[0].st, LT_CELL_SMALL);
	assert_int_equal(c[1].st, LT_CELL_SHOWN);
	assert_int_equal(c[2].st, LT_CELL_WITHHELD);
	assert_int_equal(c[3].st, LT_CELL_SHOWN);
	assert_int_equal(total.st, LT_CELL_SHOWN);

	/* Two small cells: their sum is known, neither is: no secondary. */
	struct lt_cell d[3] = {{1, 0}, {2, 0}, {30, 0}};
	struct lt_cell dt = {33, 0};
	lt_report_suppress(d, 3, &dt, 5);
	assert_int_equal(d[2].st, LT_CELL_SHOWN);
	assert_int_equal(dt.st, LT_CELL_SHOWN);

	/* Ties: the first of equal smallest cells. */
	struct lt_cell e[3] = {{8, 0}, {2, 0}, {8, 0}};
	struct lt_cell et = {18, 0};
	lt_report_suppress(e, 3, &et, 5);
	assert_int_equal(e[0].st, LT_CELL_WITHHELD);
	assert_int_equal(e[2].st, LT_CELL_SHOWN);

	/* No other cell to hide: the total is withheld. */
	struct lt_cell f[1] = {{3, 0}};
	struct lt_cell ft = {7, 0};
	lt_report_suppress(f, 1, &ft, 5);
	assert_int_equal(f[0].st, LT_CELL_SMALL);
	assert_int_equal(ft.st, LT_CELL_WITHHELD);

	/* A small total: everything under it is small anyway. */
	struct lt_cell g[2] = {{1, 0}, {3, 0}};
	struct lt_cell gt = {4, 0};
	lt_report_suppress(g, 2, &gt, 5);
	assert_int_equal(gt.st, LT_CELL_SMALL);
}

static void derived_figures_need_enough_cases(void **unused)
{
	(void)unused;
	assert_int_equal(lt_report_derived(4, LT_CELL_SHOWN, 5), LT_CELL_WITHHELD);
	assert_int_equal(lt_report_derived(5, LT_CELL_SHOWN, 5), LT_CELL_SHOWN);
	/* a share of a hidden numerator would give it away */
	assert_int_equal(lt_report_derived(50, LT_CELL_SMALL, 5), LT_CELL_WITHHELD);
	assert_int_equal(lt_report_derived(1, LT_CELL_SMALL, 0), LT_CELL_SHOWN);
}

static void escaping(void **unused)
{
	(void)unused;
	assert_int_equal(lt_html_escape(&buf, "<a href=\"x\">Tom & 'Jerry'</a>\x01\x7f\t"), LT_OK);
	assert_string_equal(text(), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;\x7f\t");
}

static void svg_bars_escape_and_hide(void **unused)
{
	(void)unused;
	struct lt_chart_bar bars[3] = {
		{"<script>alert(1)</script>", {10, LT_CELL_SHOWN}},
		{"A & B", {3, LT_CELL_SMALL}},
		{"\"q\"", {7, LT_CELL_WITHHELD}},
	};
	assert_int_equal(lt_report_svg_bars(&buf, "T<itle>", bars, 3, 5), LT_OK);
	const char *s = text();
	assert_non_null(strstr(s, "<title>T&lt;itle&gt;</title>"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_null(strstr(s, "<script"));
	assert_non_null(strstr(s, "A &amp; B"));
	assert_non_null(strstr(s, "&quot;q&quot;"));
	assert_non_null(strstr(s, ">&lt;5</text>"));
	assert_non_null(strstr(s, ">[c]</text>"));
	assert_null(strstr(s, ">3</text>"));
	assert_null(strstr(s, ">7</text>"));
	/* one bar only: the shown one, full width */
	const char *rect = strstr(s, "<rect");
	assert_non_null(rect);
	assert_null(strstr(rect + 1, "<rect"));
	assert_non_null(strstr(rect, "width=\"300\""));
}

static void svg_trend_draws_only_shown_values(void **unused)
{
	(void)unused;
	int64_t years[2] = {2020, 2021};
	struct lt_cell a[2] = {{10, LT_CELL_SHOWN}, {2, LT_CELL_SMALL}};
	struct lt_chart_series s[1] = {{"<id>", a}};
	assert_int_equal(lt_report_svg_trend(&buf, "t", years, 2, s, 1, 5), LT_OK);
	const char *t = text();
	assert_non_null(strstr(t, "&lt;id&gt;"));
	assert_non_null(strstr(t, ">2020</text>"));
	assert_non_null(strstr(t, ">&lt;5</text>"));
	const char *bar = strstr(t, "<rect x=\"");
	bar = strstr(bar + 1, "<rect x=\""); /* after the legend's */
	assert_non_null(bar);
	assert_null(strstr(bar + 1, "<rect x=\""));
}

static struct lt_paragraph_in tip2021(void)
{
	/* The TIP Report's 2021 figures for Serbia (serbia.md, section 5). */
	struct lt_paragraph_in in;
	memset(&in, 0, sizeof(in));
	in.year = 2021;
	in.has_prev = true;
	in.identified = (struct lt_cell){43, 0};
	in.prev_identified = (struct lt_cell){48, 0};
	in.referred = (struct lt_cell){127, 0};
	in.prev_referred = (struct lt_cell){130, 0};
	in.expl[LT_EXPL_SEXUAL] = (struct lt_cell){23, 0};
	in.expl[LT_EXPL_LABOUR] = (struct lt_cell){9, 0};
	in.expl[LT_EXPL_CRIMINALITY] = (struct lt_cell){2, 0};
	in.expl[LT_EXPL_MULTIPLE] = (struct lt_cell){9, 0};
	in.children = (struct lt_cell){14, 0};
	in.girls = (struct lt_cell){13, 0};
	in.boys = (struct lt_cell){1, 0};
	in.foreign = (struct lt_cell){1, 0};
	return in;
}

static void paragraph_in_english(void **unused)
{
	(void)unused;
	struct lt_paragraph_in in = tip2021();
	assert_int_equal(lt_report_paragraph(&buf, &in, "en", 0), LT_OK);
	assert_string_equal(text(),
			    "In 2021, the government identified 43 victims, compared with 48 in 2020; of "
			    "these, 23 were victims of sex trafficking, 9 of labour trafficking, 2 of "
			    "forced criminality, and 9 of more than one form of exploitation. 14 were "
			    "children (13 girls and 1 boy), and 1 was a foreign national. Authorities "
			    "referred 127 potential victims for identification, compared with 130 in "
			    "2020.");
}

static void paragraph_singulars_and_what_is_left_out(void **unused)
{
	(void)unused;
	struct lt_paragraph_in in;
	memset(&in, 0, sizeof(in));
	in.year = 2022;
	in.identified = (struct lt_cell){1, 0};
	in.referred = (struct lt_cell){1, 0};
	in.expl[LT_EXPL_LABOUR] = (struct lt_cell){1, 0};
	in.pending = (struct lt_cell){1, 0};
	in.turned_away = (struct lt_cell){1, 0};
	/* no year before: no comparison; no service, no penalty: not mentioned */
	assert_int_equal(lt_report_paragraph(&buf, &in, "en", 0), LT_OK);
	assert_string_equal(text(),
			    "In 2022, the government identified 1 victim; of these, 1 was a victim of "
			    "labour trafficking. None were children, and none were foreign nationals. "
			    "Authorities referred 1 potential victim for identification. At the end of "
			    "the year, 1 case was still awaiting an identification decision. Shelters "
			    "could not take 1 person, who had to be accommodated elsewhere.");
}

static void paragraph_published(void **unused)
{
	(void)unused;
	struct lt_paragraph_in in = tip2021();
	/* as the tables would mark them with a threshold of 5 */
	in.expl[LT_EXPL_CRIMINALITY].st = LT_CELL_SMALL;
	in.expl[LT_EXPL_OTHER].st = LT_CELL_SMALL;
	in.expl[LT_EXPL_UNKNOWN].st = LT_CELL_SMALL;
	in.boys.st = LT_CELL_SMALL;
	in.foreign.st = LT_CELL_SMALL;
	in.assisted = (struct lt_cell){3, LT_CELL_SMALL};
	assert_int_equal(lt_report_paragraph(&buf, &in, "en", 5), LT_OK);
	assert_string_equal(text(),
			    "In 2021, the government identified 43 victims, compared with 48 in 2020; of "
			    "these, 23 were victims of sex trafficking, 9 of labour trafficking, and 9 of "
			    "more than one form of exploitation (numbers under 5 are not published). "
			    "Fewer than 5 were foreign nationals. Authorities referred 127 potential "
			    "victims for identification, compared with 130 in 2020.");
}

static void paragraph_in_serbian_with_its_three_plurals(void **unused)
{
	(void)unused;
	struct lt_paragraph_in in = tip2021();
	assert_int_equal(lt_report_paragraph(&buf, &in, "sr", 0), LT_OK);
	assert_string_equal(text(),
			    "U 2021. godini identifikovane su 43 žrtve trgovine ljudima, u poređenju sa "
			    "48 u 2020. godini. Prema obliku eksploatacije: seksualna eksploatacija 23, "
			    "radna eksploatacija 9, prinudno vršenje krivičnih dela 2, više oblika "
			    "eksploatacije 9. Među njima je 14 dece (13 devojčica i 1 dečak); 1 je strani "
			    "državljanin. Na identifikaciju je upućeno 127 potencijalnih žrtava, u "
			    "poređenju sa 130 u 2020. godini.");
	static const struct {
		int64_t n;
		const char *want;
	} forms[] = {
		{1, "identifikovana je 1 žrtva "},   {21, "identifikovana je 21 žrtva "},
		{2, "identifikovane su 2 žrtve "},   {24, "identifikovane su 24 žrtve "},
		{5, "identifikovano je 5 žrtava "},  {11, "identifikovano je 11 žrtava "},
		{12, "identifikovano je 12 žrtava "}, {111, "identifikovano je 111 žrtava "},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(forms); i++) {
		lt_buf_reset(&buf);
		in.identified.v = forms[i].n;
		assert_int_equal(lt_report_paragraph(&buf, &in, "sr", 0), LT_OK);
		assert_non_null(strstr(text(), forms[i].want));
	}
}

static void sentence_bands(void **unused)
{
	(void)unused;
	assert_int_equal(lt_stats_band_of(-1), LT_BAND_NOT_RECORDED);
	assert_int_equal(lt_stats_band_of(0), LT_BAND_NO_PRISON);
	assert_int_equal(lt_stats_band_of(1), LT_BAND_UNDER_12);
	assert_int_equal(lt_stats_band_of(11), LT_BAND_UNDER_12);
	assert_int_equal(lt_stats_band_of(12), LT_BAND_12_TO_35);
	assert_int_equal(lt_stats_band_of(35), LT_BAND_12_TO_35);
	assert_int_equal(lt_stats_band_of(36), LT_BAND_36_TO_59);
	assert_int_equal(lt_stats_band_of(60), LT_BAND_60_TO_119);
	assert_int_equal(lt_stats_band_of(119), LT_BAND_60_TO_119);
	assert_int_equal(lt_stats_band_of(120), LT_BAND_120_OR_MORE);
	assert_string_equal(lt_stats_band_name(LT_BAND_36_TO_59), "36_to_59_months");
	assert_string_equal(lt_stats_band_name(LT_BAND_COUNT), "");
}

static void downgraded_charges(void **unused)
{
	(void)unused;
	struct lt_jurisdiction j;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_jurisdiction_load("RS", &j, &p), LT_OK);
	assert_true(lt_stats_charge_downgraded(&j, "388", "184"));   /* to a lesser offence */
	assert_true(lt_stats_charge_downgraded(&j, "388", "999"));   /* to an unknown article */
	assert_false(lt_stats_charge_downgraded(&j, "388", "389"));  /* still trafficking */
	assert_false(lt_stats_charge_downgraded(&j, "184", "388"));  /* upgraded */
	assert_false(lt_stats_charge_downgraded(&j, "184", "132"));
	assert_false(lt_stats_charge_downgraded(NULL, "388", "184"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(primary_suppression_hides_counts_under_the_threshold),
		cmocka_unit_test(a_single_small_cell_beside_a_total_takes_another_with_it),
		cmocka_unit_test(derived_figures_need_enough_cases),
		cmocka_unit_test_setup_teardown(escaping, setup, teardown),
		cmocka_unit_test_setup_teardown(svg_bars_escape_and_hide, setup, teardown),
		cmocka_unit_test_setup_teardown(svg_trend_draws_only_shown_values, setup, teardown),
		cmocka_unit_test_setup_teardown(paragraph_in_english, setup, teardown),
		cmocka_unit_test_setup_teardown(paragraph_singulars_and_what_is_left_out, setup, teardown),
		cmocka_unit_test_setup_teardown(paragraph_published, setup, teardown),
		cmocka_unit_test_setup_teardown(paragraph_in_serbian_with_its_three_plurals, setup,
						teardown),
		cmocka_unit_test(sentence_bands),
		cmocka_unit_test(downgraded_charges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
