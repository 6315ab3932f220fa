#include "lt_test.h"
#include "base/embed.h"
#include "domain/jurisdiction.h"
#include <jansson.h>

static bool problem_has(const struct lt_problem *p, const char *field, const char *words)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].field, field) == 0 && strstr(p->fields[i].reason, words))
			return true;
	return false;
}

static void test_serbia(void **state)
{
	(void)state;
	struct lt_jurisdiction j;
	struct lt_problem p;
	lt_problem_init(&p);
	lt_err rc = lt_jurisdiction_load("RS", &j, &p);
	if (rc)
		lt_problem_print(&p, stderr);
	assert_int_equal(rc, LT_OK);
	assert_string_equal(j.country, "RS");
	assert_string_equal(j.name_en, "Serbia");
	assert_string_equal(j.name_sr, "Srbija");
	assert_string_equal(j.adult_body, "Center for Protection of Victims of Trafficking");
	assert_string_equal(j.child_body, "Centre for Social Work");
	assert_string_equal(j.adult_body_sr, "Centar za zaštitu žrtava trgovine ljudima");
	assert_string_equal(j.child_body_sr, "Centar za socijalni rad");
	assert_int_equal(j.child_age, 18);
	assert_int_equal(j.reflection_min_days, 30);
	assert_int_equal(j.reasonable_grounds_deadline_working_days, 5);
	assert_int_equal(j.conclusive_deadline_days, 30);
	assert_false(j.negative_decision_appealable);

	assert_string_equal(lt_jurisdiction_deciding_body(&j, false), j.adult_body);
	assert_string_equal(lt_jurisdiction_deciding_body(&j, true), j.child_body);
	assert_string_equal(lt_jurisdiction_deciding_body_sr(&j, true), "Centar za socijalni rad");
	assert_true(lt_jurisdiction_is_child(&j, 17));
	assert_false(lt_jurisdiction_is_child(&j, 18));
}

static void test_unknown_country(void **state)
{
	(void)state;
	static const char *const bad[] = {"ZZ", "HR", "rs", "RSB", "", "../RS", "R"};
	for (size_t i = 0; i < LT_ARRAY_LEN(bad); i++) {
		struct lt_jurisdiction j;
		struct lt_problem p;
		lt_problem_init(&p);
		memset(&j, 0x5a, sizeof(j));
		assert_int_equal(lt_jurisdiction_load(bad[i], &j, &p), LT_ERR_NOT_FOUND);
		assert_int_equal(p.code, LT_ERR_NOT_FOUND);
		assert_non_null(strstr(p.detail, "no jurisdiction profile"));
		assert_non_null(strstr(p.detail, "Profiles exist for: RS"));
		assert_int_equal(j.country[0], '\0');
	}
	struct lt_jurisdiction j;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_jurisdiction_load("ZZ", &j, &p), LT_ERR_NOT_FOUND);
	assert_non_null(strstr(p.detail, "ZZ"));
}

/* The shipped profile, parsed, for a test to change. */
static json_t *serbia_json(void)
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "jurisdictions/RS.json");
	assert_non_null(f);
	json_error_t err;
	json_t *root = json_loadb((const char *)f->data, f->len, 0, &err);
	assert_non_null(root);
	return root;
}

/* Parses ROOT (and releases it); returns the result, with the problem in P. */
static lt_err parse(json_t *root, struct lt_jurisdiction *j, struct lt_problem *p)
{
	char *text = json_dumps(root, 0);
	json_decref(root);
	assert_non_null(text);
	lt_problem_init(p);
	lt_err rc = lt_jurisdiction_parse("RS", "test.json", text, strlen(text), j, p);
	free(text);
	return rc;
}

static json_t *section(json_t *root, const char *name)
{
	json_t *s = json_object_get(root, name);
	assert_non_null(s);
	return s;
}

/* Parses ROOT and expects it refused with FIELD named for WORDS. */
static void expect_refused(json_t *root, const char *field, const char *words)
{
	struct lt_jurisdiction j;
	struct lt_problem p;
	assert_int_equal(parse(root, &j, &p), LT_ERR_INVALID);
	if (!problem_has(&p, field, words)) {
		fprintf(stderr, "wanted %s: %s; got: ", field, words);
		lt_problem_print(&p, stderr);
		fail();
	}
	assert_non_null(strstr(p.detail, "test.json"));
	assert_int_equal(j.child_age, 0); /* nothing half-read */
}

static void test_unknown_keys_ignored(void **state)
{
	(void)state;
	json_t *root = serbia_json();
	json_object_set_new(root, "courts",
			    json_pack("{s:{s:s}}", "basic", "title", "Basic courts (synthetic)"));
	json_object_set_new(section(root, "criminal_code"), "chapter", json_string("XXXIV"));
	json_object_set_new(section(root, "identification"), "panel",
			    json_string("psychologist, pedagogue, social worker"));
	struct lt_jurisdiction j;
	struct lt_problem p;
	assert_int_equal(parse(root, &j, &p), LT_OK);
	assert_int_equal(j.child_age, 18);
}

static void test_wrong_types_named(void **state)
{
	(void)state;
	json_t *root = serbia_json();
	json_object_set_new(section(root, "persons"), "child_age", json_string("18"));
	expect_refused(root, "persons.child_age", "must be an integer");

	root = serbia_json();
	json_object_set_new(section(root, "identification"), "negative_decision_appealable",
			    json_string("no"));
	expect_refused(root, "identification.negative_decision_appealable", "true or false");

	root = serbia_json();
	json_object_set_new(section(root, "reflection_period"), "min_days", json_real(30.0));
	expect_refused(root, "reflection_period.min_days", "must be an integer");

	root = serbia_json();
	json_object_set_new(root, "identification", json_array());
	expect_refused(root, "identification", "must be an object");

	root = serbia_json();
	json_object_set_new(json_object_get(section(root, "identification"), "adult_body"), "en",
			    json_integer(1));
	expect_refused(root, "identification.adult_body.en", "non-empty string");
}

static void test_out_of_range_named(void **state)
{
	(void)state;
	json_t *root = serbia_json();
	json_object_set_new(section(root, "persons"), "child_age", json_integer(40));
	expect_refused(root, "persons.child_age", "from 14 to 21");

	root = serbia_json();
	json_object_set_new(section(root, "reflection_period"), "min_days", json_integer(0));
	expect_refused(root, "reflection_period.min_days", "from 1 to 365");

	root = serbia_json();
	json_object_set_new(section(root, "identification"),
			    "reasonable_grounds_deadline_working_days", json_integer(-5));
	expect_refused(root, "identification.reasonable_grounds_deadline_working_days", "from 1");

	root = serbia_json();
	char long_name[200];
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	json_object_set_new(json_object_get(section(root, "identification"), "child_body"), "sr",
			    json_string(long_name));
	expect_refused(root, "identification.child_body.sr", "at most 159 bytes");
}

static void test_missing_and_unsourced_named(void **state)
{
	(void)state;
	json_t *root = serbia_json();
	json_object_del(section(root, "identification"), "conclusive_deadline_days");
	expect_refused(root, "identification.conclusive_deadline_days", "is required");

	root = serbia_json();
	json_object_del(json_object_get(section(root, "identification"), "sources"), "child_body");
	expect_refused(root, "identification.sources.child_body", "every fact needs a source");

	root = serbia_json();
	json_t *src = json_array_get(
	    json_object_get(json_object_get(section(root, "persons"), "sources"), "child_age"), 0);
	json_object_set_new(src, "mark", json_string("probably"));
	expect_refused(root, "persons.sources.child_age[0].mark", "confirmed, secondary");

	root = serbia_json();
	src = json_array_get(
	    json_object_get(json_object_get(section(root, "reflection_period"), "sources"),
			    "min_days"),
	    0);
	json_object_set_new(src, "url", json_string("rm.coe.int"));
	expect_refused(root, "reflection_period.sources.min_days[0].url", "http");

	root = serbia_json();
	json_object_set_new(root, "country", json_string("HR"));
	expect_refused(root, "country", "must be \"RS\"");

	root = serbia_json();
	json_object_set_new(root, "format", json_string("lantern-jurisdiction/2"));
	expect_refused(root, "format", "lantern-jurisdiction/1");
}

static void test_malformed_json(void **state)
{
	(void)state;
	struct lt_jurisdiction j;
	struct lt_problem p;
	lt_problem_init(&p);
	const char *text = "{\"format\": \"lantern-jurisdiction/1\",";
	assert_int_equal(lt_jurisdiction_parse("RS", "test.json", text, strlen(text), &j, &p),
			 LT_ERR_INVALID);
	assert_non_null(strstr(p.detail, "test.json"));
	assert_true(p.offset >= 0);
	lt_problem_init(&p);
	assert_int_equal(lt_jurisdiction_parse("RS", "test.json", "[]", 2, &j, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "(profile)", "JSON object"));
}


static void test_criminal_code(void **state)
{
	(void)state;
	struct lt_jurisdiction j;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_jurisdiction_load("RS", &j, &p), LT_OK);
	assert_int_equal(j.n_articles, 6);
	const struct lt_article *a = lt_jurisdiction_article(&j, "388");
	assert_non_null(a);
	assert_string_equal(a->title_en, "Trafficking in human beings");
	assert_string_equal(a->title_sr, "Trgovina ljudima");
	assert_int_equal(a->n_paragraphs, 9);
	assert_true(lt_article_paragraph(a, "3")->minor);
	assert_false(lt_article_paragraph(a, "1")->minor);
	assert_null(lt_article_paragraph(a, "10"));
	assert_null(lt_article_paragraph(a, ""));
	assert_null(lt_article_paragraph(a, NULL));
	assert_string_equal(lt_jurisdiction_article(&j, "390")->title_sr,
			    "Zasnivanje ropskog odnosa i prevoz lica u ropskom odnosu");

	/* Classes: trafficking, the lesser offences charged instead, and the rest. */
	assert_int_equal(lt_jurisdiction_offence_class(&j, "388"), LT_OFFENCE_TRAFFICKING);
	assert_int_equal(lt_jurisdiction_offence_class(&j, "389"), LT_OFFENCE_TRAFFICKING);
	assert_int_equal(lt_jurisdiction_offence_class(&j, "390"), LT_OFFENCE_TRAFFICKING);
	assert_int_equal(lt_jurisdiction_offence_class(&j, "184"), LT_OFFENCE_LESSER);
	assert_int_equal(lt_jurisdiction_offence_class(&j, "132"), LT_OFFENCE_LESSER);
	assert_int_equal(lt_jurisdiction_offence_class(&j, "135"), LT_OFFENCE_LESSER);
	assert_int_equal(lt_jurisdiction_offence_class(&j, "999"), LT_OFFENCE_OTHER);
	assert_string_equal(lt_offence_class_name(LT_OFFENCE_LESSER), "lesser");
	assert_string_equal(lt_offence_class_name(LT_OFFENCE_TRAFFICKING), "trafficking");

	/* Unknown articles. */
	assert_null(lt_jurisdiction_article(&j, "999"));
	assert_null(lt_jurisdiction_article(&j, NULL));
	assert_null(lt_jurisdiction_penalty(&j, "999", "1", "2020-01-01"));

	/* The law of the offence's time: before and after the 2009 amendments. */
	const struct lt_penalty *pe = lt_jurisdiction_penalty(&j, "388", "1", "2008-05-01");
	assert_non_null(pe);
	assert_int_equal(pe->min_months, 24);
	assert_int_equal(pe->max_months, 120);
	pe = lt_jurisdiction_penalty(&j, "388", "1", "2009-12-10");
	assert_int_equal(pe->min_months, 24);
	pe = lt_jurisdiction_penalty(&j, "388", "1", "2009-12-11");
	assert_int_equal(pe->min_months, 36);
	assert_int_equal(pe->max_months, 144);
	pe = lt_jurisdiction_penalty(&j, "388", NULL, "2021-06-01"); /* the base paragraph */
	assert_int_equal(pe->min_months, 36);
	pe = lt_jurisdiction_penalty(&j, "388", "3", "2008-01-01");
	assert_int_equal(pe->min_months, 36);
	assert_int_equal(pe->max_months, -1);
	pe = lt_jurisdiction_penalty(&j, "388", "3", "2015-01-01");
	assert_int_equal(pe->min_months, 60);
	assert_int_equal(lt_jurisdiction_penalty(&j, "388", "4", "2007-01-01")->min_months, 36);
	assert_int_equal(lt_jurisdiction_penalty(&j, "388", "4", "2017-01-01")->min_months, 60);
	assert_int_equal(lt_jurisdiction_penalty(&j, "388", "7", "2007-01-01")->min_months, 60);
	assert_int_equal(lt_jurisdiction_penalty(&j, "388", "7", "2017-01-01")->min_months, 120);
	/* No range recorded: (8) did not exist, and nothing before the 2005 code. */
	assert_null(lt_jurisdiction_penalty(&j, "388", "8", "2008-01-01"));
	assert_int_equal(lt_jurisdiction_penalty(&j, "388", "8", "2012-01-01")->max_months, 60);
	assert_null(lt_jurisdiction_penalty(&j, "388", "1", "2005-12-31"));
	assert_null(lt_jurisdiction_penalty(&j, "388", "1", "not a date"));
	assert_null(lt_jurisdiction_penalty(&j, "388", "11", "2020-01-01"));
	pe = lt_jurisdiction_penalty(&j, "184", "1", "2020-01-01");
	assert_int_equal(pe->min_months, 6);
	assert_true(pe->fine);
	assert_null(lt_jurisdiction_penalty(&j, "132", NULL, "2020-01-01"));
}

static void test_without_criminal_code(void **state)
{
	(void)state;
	/* Another country's file is data: one without a criminal code loads,
	 * and then knows no article. */
	json_t *root = serbia_json();
	json_object_del(root, "criminal_code");
	struct lt_jurisdiction j;
	struct lt_problem p;
	assert_int_equal(parse(root, &j, &p), LT_OK);
	assert_int_equal(j.child_age, 18);
	assert_int_equal(j.n_articles, 0);
	assert_null(lt_jurisdiction_article(&j, "388"));
	assert_int_equal(lt_jurisdiction_offence_class(&j, "388"), LT_OFFENCE_OTHER);
	assert_null(lt_jurisdiction_penalty(&j, "388", "1", "2020-01-01"));
}

static json_t *article(json_t *root, const char *id)
{
	return json_object_get(json_object_get(section(root, "criminal_code"), "articles"), id);
}

static json_t *penalty(json_t *root, const char *id, size_t para, size_t i)
{
	return json_array_get(
	    json_object_get(json_array_get(json_object_get(article(root, id), "paragraphs"), para),
			    "penalties"),
	    i);
}

static void test_criminal_code_faults_named(void **state)
{
	(void)state;
	json_t *root = serbia_json();
	json_object_set_new(article(root, "388"), "offence_class", json_string("serious"));
	expect_refused(root, "criminal_code.articles.388.offence_class", "trafficking, lesser");

	root = serbia_json();
	json_object_set_new(penalty(root, "388", 0, 1), "min_months", json_string("36"));
	expect_refused(root, "criminal_code.articles.388.paragraphs[0].penalties[1].min_months",
		       "must be an integer");

	root = serbia_json();
	json_object_set_new(penalty(root, "388", 0, 1), "max_months", json_integer(12));
	expect_refused(root, "criminal_code.articles.388.paragraphs[0].penalties[1].max_months",
		       "at least min_months");

	root = serbia_json();
	json_object_set_new(penalty(root, "388", 0, 0), "valid_to", json_string("2009-13-40"));
	expect_refused(root, "criminal_code.articles.388.paragraphs[0].penalties[0].valid_to",
		       "YYYY-MM-DD");

	root = serbia_json();
	json_object_set_new(penalty(root, "388", 0, 1), "valid_from", json_string("2008-01-01"));
	expect_refused(root, "criminal_code.articles.388.paragraphs[0].penalties[1].valid_from",
		       "do not overlap");

	root = serbia_json();
	json_object_set_new(penalty(root, "184", 0, 0), "fines", json_true());
	expect_refused(root, "criminal_code.articles.184.paragraphs[0].penalties[0].fines",
		       "not a key of a penalty");

	root = serbia_json();
	json_object_del(json_object_get(article(root, "388"), "sources"), "penalty_history");
	expect_refused(root, "criminal_code.articles.388.sources.penalty_history",
		       "every fact needs a source");

	root = serbia_json();
	json_object_del(json_object_get(article(root, "390"), "sources"), "penalties");
	expect_refused(root, "criminal_code.articles.390.sources.penalties",
		       "every fact needs a source");

	root = serbia_json();
	json_t *src = json_array_get(
	    json_object_get(json_object_get(article(root, "388"), "sources"), "penalties.8"), 0);
	json_object_set_new(src, "mark", json_string("likely"));
	expect_refused(root, "criminal_code.articles.388.sources.penalties.8[0].mark",
		       "confirmed, secondary");

	root = serbia_json();
	json_object_del(json_object_get(article(root, "135"), "title"), "sr");
	expect_refused(root, "criminal_code.articles.135.title.sr", "is required");

	root = serbia_json();
	json_object_del(article(root, "132"), "paragraphs");
	expect_refused(root, "criminal_code.articles.132.paragraphs", "is required");

	root = serbia_json();
	json_t *pars = json_object_get(article(root, "389"), "paragraphs");
	json_object_set_new(json_array_get(pars, 1), "id", json_string("1"));
	expect_refused(root, "criminal_code.articles.389.paragraphs[1].id", "repeats paragraph 1");

	root = serbia_json();
	json_object_set_new(root, "criminal_code", json_string("KZ"));
	expect_refused(root, "criminal_code", "must be an object");

	root = serbia_json();
	json_object_del(section(root, "criminal_code"), "articles");
	expect_refused(root, "criminal_code.articles", "is required");
}

static json_t *holidays(json_t *root)
{
	return section(root, "public_holidays");
}

static json_t *holiday(json_t *root, const char *list, size_t i)
{
	return json_array_get(json_object_get(holidays(root), list), i);
}

static void test_public_holidays(void **state)
{
	(void)state;
	struct lt_jurisdiction j;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_jurisdiction_load("RS", &j, &p), LT_OK);
	assert_true(j.has_holidays);
	assert_non_null(strstr(j.holidays_law_en, "43/2001, 101/2007, 92/2011"));
	assert_string_equal(j.holidays_law_sr, "Zakon o državnim i drugim praznicima u Republici Srbiji");
	static const struct {
		const char *id;
		int month, n_days, first;
		bool sunday;
	} want[] = {
	    {"new_year", 1, 2, 1, true},       {"christmas", 1, 1, 7, false},
	    {"statehood_day", 2, 2, 15, true}, {"labour_day", 5, 2, 1, true},
	    {"armistice_day", 11, 1, 11, true}, {"easter", 0, 4, -2, false},
	};
	assert_int_equal(j.n_holidays, (int)LT_ARRAY_LEN(want));
	for (size_t i = 0; i < LT_ARRAY_LEN(want); i++) {
		const struct lt_holiday *h = &j.holidays[i];
		assert_string_equal(h->id, want[i].id);
		assert_int_equal(h->month, want[i].month);
		assert_int_equal(h->n_days, want[i].n_days);
		assert_int_equal(h->days[0], want[i].first);
		assert_int_equal(h->sunday_next_working_day, want[i].sunday);
		assert_true(h->name_en[0] && h->name_sr[0]);
	}
	assert_int_equal(j.holidays[5].days[3], 1); /* Easter Monday */
	assert_string_equal(j.holidays[3].name_sr, "Praznik rada");

	/* Optional: a profile without it loads and has weekends only. */
	json_t *root = serbia_json();
	json_object_del(root, "public_holidays");
	assert_int_equal(parse(root, &j, &p), LT_OK);
	assert_false(j.has_holidays);
	assert_int_equal(j.n_holidays, 0);
	/* So does one without movable holidays. */
	root = serbia_json();
	json_object_del(holidays(root), "orthodox_easter");
	json_object_del(json_object_get(holidays(root), "sources"), "orthodox_easter");
	assert_int_equal(parse(root, &j, &p), LT_OK);
	assert_int_equal(j.n_holidays, 5);
}

static void test_public_holidays_faults_named(void **state)
{
	(void)state;
	/* Strict, unlike the rest of the profile: a key it does not know is
	 * refused, since a misspelt one would silently move a deadline. */
	json_t *root = serbia_json();
	json_object_set_new(holidays(root), "western_easter", json_array());
	expect_refused(root, "public_holidays.western_easter", "is not a key of public_holidays");

	root = serbia_json();
	json_object_set_new(holiday(root, "fixed", 0), "sunday_rule", json_true());
	expect_refused(root, "public_holidays.fixed[0].sunday_rule", "sunday_next_working_day");

	root = serbia_json();
	json_object_set_new(holiday(root, "orthodox_easter", 0), "month", json_integer(4));
	expect_refused(root, "public_holidays.orthodox_easter[0].month", "counted from Easter");

	root = serbia_json();
	json_object_set_new(json_object_get(holidays(root), "sources"), "fixd", json_array());
	expect_refused(root, "public_holidays.sources.fixd", "is not a key");

	root = serbia_json();
	json_object_set_new(holiday(root, "fixed", 1), "month", json_integer(13));
	expect_refused(root, "public_holidays.fixed[1].month", "from 1 to 12");

	root = serbia_json();
	json_object_set_new(holiday(root, "fixed", 2), "days", json_pack("[i]", 30));
	expect_refused(root, "public_holidays.fixed[2].days[0]", "from 1 to 29");

	root = serbia_json();
	json_object_set_new(holiday(root, "fixed", 0), "days", json_pack("[i,i]", 1, 1));
	expect_refused(root, "public_holidays.fixed[0].days[1]", "repeats 1");

	root = serbia_json();
	json_object_set_new(holiday(root, "fixed", 0), "days", json_array());
	expect_refused(root, "public_holidays.fixed[0].days", "1 to 8 numbers");

	root = serbia_json();
	json_object_set_new(holiday(root, "orthodox_easter", 0), "days_from_easter",
			    json_pack("[s]", "-2"));
	expect_refused(root, "public_holidays.orthodox_easter[0].days_from_easter[0]",
		       "from -70 to 70");

	root = serbia_json();
	json_object_set_new(holiday(root, "fixed", 4), "id", json_string("new_year"));
	expect_refused(root, "public_holidays.fixed[4].id", "repeats holiday new_year");

	root = serbia_json();
	json_object_set_new(holiday(root, "fixed", 4), "id", json_string("Armistice Day"));
	expect_refused(root, "public_holidays.fixed[4].id", "a-z, 0-9 and _");

	root = serbia_json();
	json_object_del(holiday(root, "fixed", 3), "sunday_next_working_day");
	expect_refused(root, "public_holidays.fixed[3].sunday_next_working_day", "is required");

	root = serbia_json();
	json_object_del(json_object_get(holiday(root, "fixed", 3), "name"), "sr");
	expect_refused(root, "public_holidays.fixed[3].name.sr", "is required");

	root = serbia_json();
	json_object_del(holidays(root), "fixed");
	expect_refused(root, "public_holidays.fixed", "is required");

	root = serbia_json();
	json_object_set_new(holidays(root), "orthodox_easter", json_object());
	expect_refused(root, "public_holidays.orthodox_easter", "must be an array");

	root = serbia_json();
	json_object_del(json_object_get(holidays(root), "sources"), "sunday_next_working_day");
	expect_refused(root, "public_holidays.sources.sunday_next_working_day",
		       "every fact needs a source");

	root = serbia_json();
	json_object_set_new(root, "public_holidays", json_array());
	expect_refused(root, "public_holidays", "must be an object");

	/* More than the profile holds: the one too many is named (5 + 11
	 * fixed fill the 16; Easter is the 17th). */
	root = serbia_json();
	json_t *fixed = json_object_get(holidays(root), "fixed");
	for (int i = 0; i < 11; i++) {
		char id[16];
		snprintf(id, sizeof(id), "extra_%d", i);
		json_array_append_new(fixed,
				      json_pack("{s:s, s:{s:s, s:s}, s:i, s:[i], s:b}", "id", id, "name",
						"en", "Extra (synthetic)", "sr", "Extra (synthetic)",
						"month", 3, "days", i + 1, "sunday_next_working_day", 0));
	}
	expect_refused(root, "public_holidays.orthodox_easter[0]", "at most 16");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_serbia),
	    cmocka_unit_test(test_unknown_country),
	    cmocka_unit_test(test_unknown_keys_ignored),
	    cmocka_unit_test(test_wrong_types_named),
	    cmocka_unit_test(test_out_of_range_named),
	    cmocka_unit_test(test_missing_and_unsourced_named),
	    cmocka_unit_test(test_malformed_json),
	    cmocka_unit_test(test_criminal_code),
	    cmocka_unit_test(test_without_criminal_code),
	    cmocka_unit_test(test_criminal_code_faults_named),
	    cmocka_unit_test(test_public_holidays),
	    cmocka_unit_test(test_public_holidays_faults_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
