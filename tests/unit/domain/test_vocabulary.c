#include "lt_test.h"
#include "domain/vocabulary.h"

static int load(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_vocab_init(&p) != LT_OK) {
		lt_problem_print(&p, stderr);
		return -1;
	}
	return 0;
}

static bool problem_has(const struct lt_problem *p, const char *field, const char *words)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].field, field) == 0 && strstr(p->fields[i].reason, words))
			return true;
	return false;
}

static void dump_problem(const struct lt_problem *p)
{
	fprintf(stderr, "detail: %s\n", p->detail);
	lt_problem_print(p, stderr);
}

/* KIND holds exactly the NULL-terminated CODES (any order). */
static void expect_exactly(enum lt_vocab_kind kind, const char *const *codes)
{
	size_t n = 0;
	for (; codes[n]; n++) {
		if (!lt_vocab_has(kind, codes[n]))
			fail_msg("%s lacks '%s'", lt_vocab_name(kind), codes[n]);
	}
	for (size_t i = 0; i < lt_vocab_size(kind); i++) {
		const char *code = lt_vocab_code_at(kind, i);
		bool listed = false;
		for (size_t k = 0; k < n; k++)
			listed = listed || strcmp(codes[k], code) == 0;
		if (!listed)
			fail_msg("%s has the unlisted code '%s'", lt_vocab_name(kind), code);
	}
	assert_int_equal(lt_vocab_size(kind), n);
}

static void test_init_is_idempotent(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_vocab_init(&p), LT_OK);
	assert_int_equal(lt_vocab_init(NULL), LT_OK);
	assert_int_equal(p.nfields, 0);
}

static void test_closed_vocabularies(void **state)
{
	(void)state;
	static const char *const sex[] = {"female", "male", "other", "unknown", NULL};
	static const char *const source[] = {
		"police",
		"border_police",
		"prosecution",
		"labour_inspection",
		"social_welfare",
		"health",
		"education",
		"ngo",
		"international_org",
		"hotline",
		"self",
		"private_citizen",
		"foreign_authority",
		"other",
		NULL,
	};
	static const char *const exploitation[] = {
		"sexual",
		"pornography",
		"forced_labour",
		"forced_begging",
		"domestic_servitude",
		"forced_criminality",
		"forced_marriage",
		"illegal_adoption",
		"organ_removal",
		"surrogacy",
		"armed_conflict",
		"slavery",
		"other",
		NULL,
	};
	static const char *const service[] = {
		"accommodation",
		"material",
		"medical_emergency",
		"medical",
		"psychological",
		"interpretation",
		"legal_information",
		"legal_representation",
		"education",
		"vocational_training",
		"employment",
		"family_reunification",
		"voluntary_return",
		"guardian",
		"other",
		NULL,
	};
	expect_exactly(LT_VOCAB_SEX, sex);
	expect_exactly(LT_VOCAB_REFERRAL_SOURCE, source);
	expect_exactly(LT_VOCAB_EXPLOITATION, exploitation);
	expect_exactly(LT_VOCAB_SERVICE, service);
	/* Lookups are exact. */
	assert_false(lt_vocab_has(LT_VOCAB_SEX, "Female"));
	assert_false(lt_vocab_has(LT_VOCAB_SEX, ""));
	assert_false(lt_vocab_has(LT_VOCAB_SEX, NULL));
	assert_false(lt_vocab_has(LT_VOCAB_COUNT, "female"));
}

static void test_languages(void **state)
{
	(void)state;
	static const char *const required[] = {
		"sr", "en", "hu", "sq", "ro", "bg", "mk", "bs", "hr", "uk", "ru",  "ar",
		"fa", "ps", "ur", "zh", "vi", "tr", "de", "fr", "es", "it", "rom",
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(required); i++)
		if (!lt_vocab_has(LT_VOCAB_LANGUAGE, required[i]))
			fail_msg("language lacks '%s'", required[i]);
	for (size_t i = 0; i < lt_vocab_size(LT_VOCAB_LANGUAGE); i++) {
		const char *c = lt_vocab_code_at(LT_VOCAB_LANGUAGE, i);
		size_t n = strlen(c);
		assert_true(n == 2 || (n == 3 && strcmp(c, "rom") == 0));
	}
	assert_string_equal(lt_vocab_label(LT_VOCAB_LANGUAGE, "rom", "sr-Latn"), "romski");
	assert_string_equal(lt_vocab_htcds(LT_VOCAB_LANGUAGE, "sr"), "srp");
	assert_false(lt_vocab_has(LT_VOCAB_LANGUAGE, "srp"));
}

static void test_countries(void **state)
{
	(void)state;
	size_t n = lt_vocab_size(LT_VOCAB_COUNTRY);
	assert_int_equal(n, 249);
	for (size_t i = 0; i < n; i++) {
		const char *c = lt_vocab_code_at(LT_VOCAB_COUNTRY, i);
		assert_int_equal(strlen(c), 2);
		assert_true(c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z');
		for (size_t k = 0; k < i; k++)
			if (strcmp(c, lt_vocab_code_at(LT_VOCAB_COUNTRY, k)) == 0)
				fail_msg("country '%s' appears twice", c);
	}
	static const struct {
		const char *code, *en, *sr;
	} some[] = {
		{"RS", "Serbia", "Srbija"},
		{"DE", "Germany", "Nemačka"},
		{"US", "United States", "Sjedinjene Američke Države"},
		{"CN", "China", "Kina"},
		{"VN", "Vietnam", "Vijetnam"},
		{"MK", "North Macedonia", "Severna Makedonija"},
		{"BA", "Bosnia and Herzegovina", "Bosna i Hercegovina"},
		{"ME", "Montenegro", "Crna Gora"},
		{"HR", "Croatia", "Hrvatska"},
		{"IN", "India", "Indija"},
		{"DJ", "Djibouti", "Džibuti"},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(some); i++) {
		assert_string_equal(lt_vocab_label(LT_VOCAB_COUNTRY, some[i].code, "en"),
				    some[i].en);
		assert_string_equal(lt_vocab_label(LT_VOCAB_COUNTRY, some[i].code, "sr-Latn"),
				    some[i].sr);
	}
	/* Only officially assigned codes: no user-assigned ones. */
	assert_false(lt_vocab_has(LT_VOCAB_COUNTRY, "XK"));
	assert_false(lt_vocab_has(LT_VOCAB_COUNTRY, "ZZ"));
	assert_false(lt_vocab_has(LT_VOCAB_COUNTRY, "rs"));
	assert_string_equal(lt_vocab_hint(LT_VOCAB_COUNTRY), "an ISO 3166-1 alpha-2 code, e.g. RS");
	assert_null(lt_vocab_htcds(LT_VOCAB_COUNTRY, "RS")); /* the codes are HTCDS's own */
}

/* True when S holds an ASCII letter: a Latin letter left untransliterated. */
static bool has_ascii_letter(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))
			return true;
	return false;
}

static void test_every_label_present(void **state)
{
	(void)state;
	for (int k = 0; k < LT_VOCAB_COUNT; k++) {
		size_t n = lt_vocab_size((enum lt_vocab_kind)k);
		assert_true(n > 0);
		for (size_t i = 0; i < n; i++) {
			const char *code = lt_vocab_code_at((enum lt_vocab_kind)k, i);
			const char *en = lt_vocab_label((enum lt_vocab_kind)k, code, "en");
			const char *lat = lt_vocab_label((enum lt_vocab_kind)k, code, "sr-Latn");
			const char *cyr = lt_vocab_label((enum lt_vocab_kind)k, code, "sr-Cyrl");
			assert_non_null(en);
			assert_non_null(lat);
			assert_non_null(cyr);
			assert_true(*en && *lat && *cyr);
			if (has_ascii_letter(cyr))
				fail_msg("%s %s: '%s' keeps Latin letters in Cyrillic: '%s'",
					 lt_vocab_name((enum lt_vocab_kind)k), code, lat, cyr);
		}
		assert_null(lt_vocab_code_at((enum lt_vocab_kind)k, n));
	}
	assert_string_equal(lt_vocab_label(LT_VOCAB_SEX, "female", "sr"), "Ženski");
	assert_string_equal(lt_vocab_label(LT_VOCAB_SEX, "female", "sr-cyrl"), "Женски");
	assert_null(lt_vocab_label(LT_VOCAB_SEX, "female", "de"));
	assert_null(lt_vocab_label(LT_VOCAB_SEX, "nobody", "en"));
	assert_null(lt_vocab_label(LT_VOCAB_SEX, "female", NULL));
}

static char *cyr(const char *latin)
{
	static char out[256];
	struct lt_buf b;
	lt_buf_init(&b, 0);
	assert_int_equal(lt_vocab_cyrillic(latin, &b), LT_OK);
	snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	lt_buf_release(&b);
	return out;
}

static void test_transliteration(void **state)
{
	(void)state;
	assert_string_equal(cyr("Džibuti"), "Џибути");
	assert_string_equal(cyr("Ljubljana"), "Љубљана");
	assert_string_equal(cyr("LJUBLJANA"), "ЉУБЉАНА");
	assert_string_equal(cyr("Njegoš i NJEGOŠ"), "Његош и ЊЕГОШ");
	assert_string_equal(cyr("DŽEP, Džep, džep"), "ЏЕП, Џеп, џеп");
	assert_string_equal(cyr("Tadžikistan"), "Таџикистан");
	assert_string_equal(cyr("Kambodža"), "Камбоџа");
	assert_string_equal(cyr("Ćuprija, Đurđevo, Šabac, Čačak, Žabalj"),
			    "Ћуприја, Ђурђево, Шабац, Чачак, Жабаљ");
	assert_string_equal(cyr("Kokosova (Kiling) ostrva"), "Кокосова (Килинг) острва");
	assert_string_equal(cyr("Mala spoljna ostrva SAD"), "Мала спољна острва САД");
	/* The Unicode digraph letters. */
	assert_string_equal(cyr("ǅep ǈubav ǋegoš"), "Џеп Љубав Његош");
	/* Where the pair stands for two letters. */
	assert_string_equal(cyr("nadživeti"), "надживети");
	assert_string_equal(cyr("Nadživeti"), "Надживети");
	assert_string_equal(cyr("injekcija"), "инјекција");
	assert_string_equal(cyr("konjunkcija"), "конјункција");
	assert_string_equal(cyr("podžupan"), "поджупан");
	/* Characters without a Cyrillic counterpart stay as they are. */
	assert_string_equal(cyr("Wi-Fi 2024: x"), "Wи-Фи 2024: x");
	assert_string_equal(cyr(""), "");
	/* The same through the vocabulary. */
	assert_string_equal(lt_vocab_label(LT_VOCAB_COUNTRY, "DJ", "sr-Cyrl"), "Џибути");
	assert_string_equal(lt_vocab_label(LT_VOCAB_COUNTRY, "TJ", "sr-Cyrl"), "Таџикистан");
	assert_string_equal(lt_vocab_label(LT_VOCAB_COUNTRY, "PL", "sr-Cyrl"), "Пољска");
	assert_string_equal(lt_vocab_label(LT_VOCAB_COUNTRY, "US", "sr-Cyrl"),
			    "Сједињене Америчке Државе");
	assert_string_equal(lt_vocab_label(LT_VOCAB_COUNTRY, "MK", "sr-Cyrl"),
			    "Северна Македонија");
}

static void test_exploitation_groups(void **state)
{
	(void)state;
	static const struct {
		const char *code, *group;
	} want[] = {
		{"sexual", "sexual"},
		{"pornography", "sexual"},
		{"forced_labour", "labour"},
		{"forced_begging", "labour"},
		{"domestic_servitude", "labour"},
		{"forced_criminality", "criminality"},
		{"forced_marriage", "other"},
		{"illegal_adoption", "other"},
		{"organ_removal", "other"},
		{"surrogacy", "other"},
		{"armed_conflict", "other"},
		{"slavery", "other"},
		{"other", "other"},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(want); i++) {
		const char *g = lt_vocab_exploitation_group(want[i].code);
		assert_non_null(g);
		assert_string_equal(g, want[i].group);
	}
	assert_null(lt_vocab_exploitation_group("trafficking"));
	assert_null(lt_vocab_exploitation_group(NULL));
	/* HTCDS values where HTCDS has one, empty where it has none. */
	assert_string_equal(lt_vocab_htcds(LT_VOCAB_EXPLOITATION, "sexual"), "SexualExploitation");
	assert_string_equal(lt_vocab_htcds(LT_VOCAB_EXPLOITATION, "forced_criminality"), "");
	assert_string_equal(lt_vocab_htcds(LT_VOCAB_SEX, "female"), "Feminine");
}

static void test_names_hints_and_order(void **state)
{
	(void)state;
	static const char *const names[LT_VOCAB_COUNT] = {
		"sex", "referral_source", "exploitation", "service", "country", "language",
	};
	for (int k = 0; k < LT_VOCAB_COUNT; k++) {
		assert_string_equal(lt_vocab_name((enum lt_vocab_kind)k), names[k]);
		enum lt_vocab_kind back;
		assert_true(lt_vocab_kind_of(names[k], &back));
		assert_int_equal(back, k);
	}
	enum lt_vocab_kind none;
	assert_false(lt_vocab_kind_of("gender", &none));
	assert_string_equal(lt_vocab_name(LT_VOCAB_COUNT), "");
	assert_string_equal(lt_vocab_hint(LT_VOCAB_SEX), "female, male, other, unknown");
	assert_true(
	    strncmp(lt_vocab_hint(LT_VOCAB_REFERRAL_SOURCE), "police, border_police, ", 23) == 0);
	assert_string_equal(lt_vocab_code_at(LT_VOCAB_SEX, 0), "female");
	assert_string_equal(lt_vocab_code_at(LT_VOCAB_SEX, 3), "unknown");
	assert_null(lt_vocab_code_at(LT_VOCAB_SEX, 4));
}

static void test_json(void **state)
{
	(void)state;
	json_t *all = lt_vocab_json();
	assert_non_null(all);
	assert_int_equal(json_object_size(all), LT_VOCAB_COUNT);
	for (int k = 0; k < LT_VOCAB_COUNT; k++) {
		json_t *list = json_object_get(all, lt_vocab_name((enum lt_vocab_kind)k));
		assert_true(json_is_array(list));
		assert_int_equal(json_array_size(list), lt_vocab_size((enum lt_vocab_kind)k));
	}
	json_t *first = json_array_get(json_object_get(all, "sex"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "code")), "female");
	assert_string_equal(json_string_value(json_object_get(first, "en")), "Female");
	assert_string_equal(json_string_value(json_object_get(first, "sr-Latn")), "Ženski");
	assert_string_equal(json_string_value(json_object_get(first, "sr-Cyrl")), "Женски");
	assert_null(json_object_get(first, "group"));
	json_t *expl = json_array_get(json_object_get(all, "exploitation"), 0);
	assert_string_equal(json_string_value(json_object_get(expl, "group")), "sexual");
	json_decref(all);
}

/* ---- faulty data ---- */

static lt_err check(enum lt_vocab_kind kind, const char *text, struct lt_problem *p)
{
	lt_problem_init(p);
	return lt_vocab_check_csv(kind, "test.csv", text, strlen(text), p);
}

static void test_good_csv_accepted(void **state)
{
	(void)state;
	struct lt_problem p;
	assert_int_equal(check(LT_VOCAB_SEX,
			       "\xEF\xBB\xBF"
			       "code,en,sr_latn,htcds\r\nfemale,Female,Ženski,Feminine\r\n"
			       "male,\"Male, adult or child\",Muški,\r\n",
			       &p),
			 LT_OK);
	assert_int_equal(check(LT_VOCAB_COUNTRY, "code,en,sr_latn\nRS,Serbia,Srbija\n", &p), LT_OK);
}

static void test_bad_rows_named(void **state)
{
	(void)state;
	struct lt_problem p;
	/* A bad code, a repeated code, a missing label, a wrong column count. */
	assert_int_equal(check(LT_VOCAB_SEX,
			       "code,en,sr_latn\n"
			       "female,Female,Ženski\n"
			       "Male!,Male,Muški\n"
			       "female,Female,Ženski\n"
			       "other,Other,\n"
			       "unknown,Unknown\n",
			       &p),
			 LT_ERR_INVALID);
	if (!problem_has(&p, "test.csv row 3", "code 'Male!'") ||
	    !problem_has(&p, "test.csv row 4", "appears twice") ||
	    !problem_has(&p, "test.csv row 5", "sr_latn is required") ||
	    !problem_has(&p, "test.csv row 6", "has 2 columns; the header has 3")) {
		dump_problem(&p);
		fail();
	}
	assert_non_null(strstr(p.detail, "test.csv"));

	/* Country codes are two capitals; language codes two or three small letters. */
	assert_int_equal(check(LT_VOCAB_COUNTRY, "code,en,sr_latn\nRS,Serbia,Srbija\nrs,x,y\n", &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 3", "two upper-case letters"));
	assert_int_equal(check(LT_VOCAB_LANGUAGE, "code,en,sr_latn\nsrpx,Serbian,srpski\n", &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 2", "ISO 639"));

	/* Labels must be text. */
	assert_int_equal(check(LT_VOCAB_SEX, "code,en,sr_latn\nfemale,Fe\xC3male,x\n", &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 2", "en is not valid UTF-8"));

	/* HTCDS values are identifiers. */
	assert_int_equal(
	    check(LT_VOCAB_SEX, "code,en,sr_latn,htcds\nfemale,F,Ž,Not Specified\n", &p),
	    LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 2", "htcds"));
}

static void test_bad_header_named(void **state)
{
	(void)state;
	struct lt_problem p;
	assert_int_equal(check(LT_VOCAB_SEX, "code,label,sr_latn\nfemale,Female,Ženski\n", &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 1", "unknown column 'label'"));
	assert_true(problem_has(&p, "test.csv row 1", "missing column 'en'"));
	/* The group column belongs to the exploitation forms only, and they need it. */
	assert_int_equal(check(LT_VOCAB_SEX, "code,en,sr_latn,group\nfemale,F,Ž,sexual\n", &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 1", "unknown column 'group'"));
	assert_int_equal(check(LT_VOCAB_EXPLOITATION, "code,en,sr_latn\nsexual,S,S\n", &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 1", "missing column 'group'"));
	assert_int_equal(check(LT_VOCAB_EXPLOITATION,
			       "code,en,sr_latn,group\nsexual,S,S,sexual\nx,X,X,sex\n", &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "test.csv row 3", "group 'sex'"));
}

static void test_malformed_and_empty(void **state)
{
	(void)state;
	struct lt_problem p;
	assert_int_equal(check(LT_VOCAB_SEX, "code,en,sr_latn\nfemale,\"Female,Ženski\n", &p),
			 LT_ERR_INVALID);
	assert_non_null(strstr(p.detail, "Malformed CSV in test.csv"));
	assert_int_equal(check(LT_VOCAB_SEX, "code,en,sr_latn\n", &p), LT_ERR_INVALID);
	assert_non_null(strstr(p.detail, "has no codes"));
	assert_int_equal(check(LT_VOCAB_SEX, "", &p), LT_ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_idempotent),
		cmocka_unit_test(test_closed_vocabularies),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_every_label_present),
		cmocka_unit_test(test_transliteration),
		cmocka_unit_test(test_exploitation_groups),
		cmocka_unit_test(test_names_hints_and_order),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_good_csv_accepted),
		cmocka_unit_test(test_bad_rows_named),
		cmocka_unit_test(test_bad_header_named),
		cmocka_unit_test(test_malformed_and_empty),
	};
	return cmocka_run_group_tests(tests, load, NULL);
}
