#include "lt_test.h"
#include "base/json.h"
#include "domain/screening.h"
#include <csv.h>

static struct lt_screening_table *table;

static int load_table(void **state)
{
	(void)state;
	table = malloc(sizeof(*table));
	if (!table)
		return -1;
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_screening_table_load_embedded(table, &p) != LT_OK) {
		lt_problem_print(&p, stderr);
		return -1;
	}
	return 0;
}

static int free_table(void **state)
{
	(void)state;
	lt_screening_table_release(table);
	free(table);
	return 0;
}

/* Screens IDS (NULL-terminated) with PROFILE and expects success. */
static struct lt_screening_result *screen(const char *profile, const char *const *ids)
{
	static struct lt_screening_result r;
	size_t n = 0;
	while (ids[n])
		n++;
	struct lt_problem p;
	lt_problem_init(&p);
	lt_err rc = lt_screening_run(table, profile, ids, n, &r, &p);
	if (rc)
		lt_problem_print(&p, stderr);
	assert_int_equal(rc, LT_OK);
	return &r;
}

/* Screens IDS and expects LT_ERR_INVALID; returns the problem. */
static struct lt_problem *screen_fails(const char *profile, const char *const *ids)
{
	static struct lt_problem p;
	struct lt_screening_result r;
	size_t n = 0;
	while (ids[n])
		n++;
	lt_problem_init(&p);
	assert_int_equal(lt_screening_run(table, profile, ids, n, &r, &p), LT_ERR_INVALID);
	return &p;
}

static bool problem_says(const struct lt_problem *p, const char *field, const char *words)
{
	for (size_t i = 0; i < p->nfields; i++)
		if ((!field || strcmp(p->fields[i].field, field) == 0) &&
		    strstr(p->fields[i].reason, words))
			return true;
	return false;
}

static char *explain(const struct lt_screening_result *r)
{
	static char text[4096];
	struct lt_buf b;
	lt_buf_init(&b, 0);
	assert_int_equal(lt_screening_result_explain(table, r, &b), LT_OK);
	size_t n = b.len < sizeof(text) - 1 ? b.len : sizeof(text) - 1;
	memcpy(text, b.data, n);
	text[n] = '\0';
	lt_buf_release(&b);
	return text;
}

/* ---- the combination rule ---- */

static void rule_boundaries(void **state)
{
	(void)state;
	/* Not positive. */
	assert_int_equal(lt_screening_combination_of(0, 0, 0), LT_SCREENING_COMBO_NONE);
	assert_int_equal(lt_screening_combination_of(0, 0, 1), LT_SCREENING_COMBO_NONE);
	assert_int_equal(lt_screening_combination_of(0, 0, 9), LT_SCREENING_COMBO_NONE);
	assert_int_equal(lt_screening_combination_of(1, 0, 0), LT_SCREENING_COMBO_NONE);
	assert_int_equal(lt_screening_combination_of(0, 1, 2), LT_SCREENING_COMBO_NONE);
	assert_int_equal(lt_screening_combination_of(0, 1, 9), LT_SCREENING_COMBO_NONE);
	assert_int_equal(lt_screening_combination_of(0, 2, 0), LT_SCREENING_COMBO_NONE);
	assert_int_equal(lt_screening_combination_of(0, 1, 0), LT_SCREENING_COMBO_NONE);
	/* Positive, by the first combination reached in the rule's order. */
	assert_int_equal(lt_screening_combination_of(2, 0, 0), LT_SCREENING_COMBO_TWO_STRONG);
	assert_int_equal(lt_screening_combination_of(1, 1, 0), LT_SCREENING_COMBO_STRONG_MEDIUM);
	assert_int_equal(lt_screening_combination_of(1, 0, 1), LT_SCREENING_COMBO_STRONG_WEAK);
	assert_int_equal(lt_screening_combination_of(0, 3, 0), LT_SCREENING_COMBO_THREE_MEDIUM);
	assert_int_equal(lt_screening_combination_of(0, 2, 1), LT_SCREENING_COMBO_TWO_MEDIUM_WEAK);
	assert_int_equal(lt_screening_combination_of(3, 3, 3), LT_SCREENING_COMBO_TWO_STRONG);
	assert_int_equal(lt_screening_combination_of(1, 1, 1), LT_SCREENING_COMBO_STRONG_MEDIUM);
	assert_string_equal(lt_screening_combination_str(LT_SCREENING_COMBO_TWO_MEDIUM_WEAK),
			    "2 medium + 1 weak");
}

/* The same boundaries through real indicators of one dimension. */
static void rule_boundaries_on_real_indicators(void **state)
{
	(void)state;
	struct {
		const char *ids[4];
		int dim;
		bool positive;
		unsigned s, m, w;
	} cases[] = {
		/* weak only */
		{{"recruitment_vulnerability.cultural_beliefs",
		  "recruitment_vulnerability.general_context", NULL},
		 LT_SCREENING_DIM_RECRUITMENT_VULNERABILITY, false, 0, 0, 2},
		/* one strong alone */
		{{"exploitation.excessive_hours", NULL}, LT_SCREENING_DIM_EXPLOITATION, false, 1, 0, 0},
		/* 1 strong + 1 weak */
		{{"coercion_at_destination.documents_confiscated",
		  "coercion_at_destination.threat_inform_family", NULL},
		 LT_SCREENING_DIM_COERCION_AT_DESTINATION, true, 1, 0, 1},
		/* 1 strong + 1 medium */
		{{"exploitation.excessive_hours", "exploitation.hazardous_work", NULL},
		 LT_SCREENING_DIM_EXPLOITATION, true, 1, 1, 0},
		/* 2 strong */
		{{"coercion_at_destination.debt_bondage", "coercion_at_destination.violence", NULL},
		 LT_SCREENING_DIM_COERCION_AT_DESTINATION, true, 2, 0, 0},
		/* 3 medium */
		{{"deceptive_recruitment.wages", "deceptive_recruitment.housing",
		  "deceptive_recruitment.contract", NULL},
		 LT_SCREENING_DIM_DECEPTIVE_RECRUITMENT, true, 0, 3, 0},
		/* 2 medium + 1 weak */
		{{"destination_vulnerability.unknown_area", "destination_vulnerability.economic_reasons",
		  "destination_vulnerability.difficulties_in_past", NULL},
		 LT_SCREENING_DIM_DESTINATION_VULNERABILITY, true, 0, 2, 1},
		/* 1 medium + 2 weak */
		{{"recruitment_vulnerability.economic_reasons",
		  "recruitment_vulnerability.general_context",
		  "recruitment_vulnerability.difficulties_in_past", NULL},
		 LT_SCREENING_DIM_RECRUITMENT_VULNERABILITY, false, 0, 1, 2},
		/* 2 medium */
		{{"coercive_recruitment.isolation", "coercive_recruitment.money_withheld", NULL},
		 LT_SCREENING_DIM_COERCIVE_RECRUITMENT, false, 0, 2, 0},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(cases); i++) {
		struct lt_screening_result *r = screen("adult_labour", cases[i].ids);
		const struct lt_screening_dim_result *d = &r->dims[cases[i].dim];
		assert_int_equal(d->strong, cases[i].s);
		assert_int_equal(d->medium, cases[i].m);
		assert_int_equal(d->weak, cases[i].w);
		assert_int_equal(d->positive, cases[i].positive);
		for (int other = 0; other < LT_SCREENING_NDIMS; other++)
			if (other != cases[i].dim)
				assert_false(r->dims[other].positive);
	}
}

/* ---- outcomes ---- */

#define R_POS "deceptive_recruitment.nature_of_job", "deceptive_recruitment.wages"
#define E_POS "exploitation.excessive_hours", "exploitation.low_or_no_salary"
#define D_POS "coercion_at_destination.debt_bondage", "coercion_at_destination.isolation"
#define E_WEAK "exploitation.low_or_no_salary"

static void adult_outcomes(void **state)
{
	(void)state;
	const char *all[] = {R_POS, E_POS, D_POS, NULL};
	const char *no_d[] = {R_POS, E_POS, NULL};
	const char *no_r[] = {E_POS, D_POS, NULL};
	const char *only_e[] = {E_POS, NULL};
	const char *no_e[] = {R_POS, E_WEAK, D_POS, NULL};
	const char *none[] = {NULL};
	struct lt_screening_result *r;

	r = screen("adult_labour", all);
	assert_true(r->recruitment && r->exploitation && r->destination);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_TRAFFICKING);
	assert_non_null(strstr(explain(r), "refer the person for identification"));

	r = screen("adult_labour", no_d);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_POSSIBLE_TRAFFICKING);
	assert_non_null(strstr(explain(r), "at destination does not"));

	r = screen("adult_labour", no_r);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_POSSIBLE_TRAFFICKING);
	assert_non_null(strstr(explain(r), "how the person was recruited"));

	r = screen("adult_labour", only_e);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_LABOUR_EXPLOITATION);
	assert_non_null(strstr(explain(r), "labour inspection"));

	r = screen("adult_labour", no_e);
	assert_true(r->recruitment && !r->exploitation && r->destination);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS);

	r = screen("adult_labour", none);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS);
	assert_non_null(strstr(explain(r), "No indicators were recorded."));

	/* The pure rule, every combination of parts. */
	for (int bits = 0; bits < 8; bits++) {
		bool rr = bits & 1, e = bits & 2, d = bits & 4;
		enum lt_screening_outcome want =
			!e ? LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS
			   : (rr && d)   ? LT_SCREENING_OUTCOME_TRAFFICKING
			   : (rr || d)   ? LT_SCREENING_OUTCOME_POSSIBLE_TRAFFICKING
					 : LT_SCREENING_OUTCOME_LABOUR_EXPLOITATION;
		assert_int_equal(lt_screening_outcome_of(false, rr, e, d), want);
	}
}

static void child_outcomes(void **state)
{
	(void)state;
	const char *only_e[] = {E_POS, NULL};
	const char *all[] = {R_POS, E_POS, D_POS, NULL};
	const char *no_e[] = {R_POS, E_WEAK, D_POS, NULL};
	const char *none[] = {NULL};
	struct lt_screening_result *r;

	r = screen("child_labour", only_e);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_TRAFFICKING);
	assert_non_null(strstr(explain(r), "Art. 3(c)"));

	r = screen("child_labour", all);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_TRAFFICKING);

	r = screen("child_labour", no_e);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS);
	assert_non_null(strstr(explain(r), "trafficking of a child"));

	r = screen("child_labour", none);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS);

	r = screen("child_sexual", only_e);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_TRAFFICKING);

	for (int bits = 0; bits < 8; bits++) {
		bool rr = bits & 1, e = bits & 2, d = bits & 4;
		assert_int_equal(lt_screening_outcome_of(true, rr, e, d),
				 e ? LT_SCREENING_OUTCOME_TRAFFICKING
				   : LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS);
	}
}

/* ---- profiles ---- */

static void profile_specific_indicators(void **state)
{
	(void)state;
	const char *law[] = {"recruitment_vulnerability.false_info_law", NULL};
	const char *social[] = {"exploitation.no_social_protection", NULL};
	screen("adult_labour", law);
	screen("adult_sexual", social);
	struct lt_problem *p = screen_fails("child_labour", law);
	assert_true(problem_says(p, "indicators[0]",
				 "'recruitment_vulnerability.false_info_law' is not in the "
				 "child_labour profile"));
	p = screen_fails("child_sexual", social);
	assert_true(problem_says(p, "indicators[0]", "not in the child_sexual profile"));

	/* Education is weak for adults and strong for children. */
	const char *edu[] = {"deceptive_recruitment.education", NULL};
	const char *edu_job[] = {"deceptive_recruitment.education",
				 "deceptive_recruitment.nature_of_job", NULL};
	struct lt_screening_result *r = screen("adult_labour", edu);
	assert_int_equal(r->dims[LT_SCREENING_DIM_DECEPTIVE_RECRUITMENT].weak, 1);
	r = screen("child_labour", edu);
	assert_int_equal(r->dims[LT_SCREENING_DIM_DECEPTIVE_RECRUITMENT].strong, 1);
	assert_false(r->dims[LT_SCREENING_DIM_DECEPTIVE_RECRUITMENT].positive);
	r = screen("adult_labour", edu_job);
	assert_int_equal(r->dims[LT_SCREENING_DIM_DECEPTIVE_RECRUITMENT].combination,
			 LT_SCREENING_COMBO_STRONG_WEAK);
	r = screen("child_labour", edu_job);
	assert_int_equal(r->dims[LT_SCREENING_DIM_DECEPTIVE_RECRUITMENT].combination,
			 LT_SCREENING_COMBO_TWO_STRONG);

	/* The known differences of the sexual-exploitation lists. */
	const struct lt_screening_indicator *tasks =
		lt_screening_table_indicator(table, "coercion_at_destination.forced_tasks_or_clients");
	const struct lt_screening_indicator *hours =
		lt_screening_table_indicator(table, "exploitation.excessive_hours");
	const struct lt_screening_indicator *hazard =
		lt_screening_table_indicator(table, "exploitation.hazardous_work");
	unsigned al = lt_screening_table_profile(table, "adult_labour")->index;
	unsigned as = lt_screening_table_profile(table, "adult_sexual")->index;
	unsigned cl = lt_screening_table_profile(table, "child_labour")->index;
	unsigned cs = lt_screening_table_profile(table, "child_sexual")->index;
	assert_int_equal(tasks->weight[al], LT_SCREENING_MEDIUM);
	assert_int_equal(tasks->weight[as], LT_SCREENING_STRONG);
	assert_int_equal(hours->weight[al], LT_SCREENING_STRONG);
	assert_int_equal(hours->weight[as], LT_SCREENING_MEDIUM);
	assert_int_equal(hazard->weight[cl], LT_SCREENING_MEDIUM);
	assert_int_equal(hazard->weight[cs], LT_SCREENING_STRONG);
	for (size_t i = 0; i < table->nindicators; i++)
		if (table->indicators[i].dim == LT_SCREENING_DIM_EXPLOITATION)
			assert_int_not_equal(table->indicators[i].weight[as], LT_SCREENING_STRONG);

	/* Provisional marking. */
	assert_false(lt_screening_table_profile(table, "adult_labour")->provisional);
	assert_false(lt_screening_table_profile(table, "child_labour")->provisional);
	assert_true(lt_screening_table_profile(table, "adult_sexual")->provisional);
	assert_true(lt_screening_table_profile(table, "child_sexual")->provisional);
	const char *e[] = {E_POS, NULL};
	assert_non_null(strstr(explain(screen("adult_sexual", e)), "provisional"));
	assert_null(strstr(explain(screen("adult_labour", e)), "provisional"));
	/* Every profile names its source. */
	for (size_t i = 0; i < table->nprofiles; i++)
		assert_true(strlen(table->profiles[i].source) > 10);
}

static void unknown_ids_and_repeats(void **state)
{
	(void)state;
	const char *bad[] = {"exploitation.excessive_hours", "nope", "exploitation.nope\n", NULL};
	struct lt_problem *p = screen_fails("adult_labour", bad);
	assert_int_equal(p->nfields, 2);
	assert_true(problem_says(p, "indicators[1]", "unknown indicator 'nope'"));
	/* A control byte from the input never reaches the message. */
	assert_true(problem_says(p, "indicators[2]", "unknown indicator 'exploitation.nope?'"));

	const char *ok[] = {NULL};
	p = screen_fails("adult", ok);
	assert_true(problem_says(p, "profile", "unknown profile 'adult'"));
	p = screen_fails("", ok);
	assert_true(problem_says(p, "profile", "is required"));

	const char *twice[] = {"exploitation.excessive_hours", "exploitation.excessive_hours",
			       "exploitation.excessive_hours", NULL};
	struct lt_screening_result *r = screen("adult_labour", twice);
	assert_int_equal(r->nfound, 1);
	assert_int_equal(r->dims[LT_SCREENING_DIM_EXPLOITATION].strong, 1);
	assert_false(r->dims[LT_SCREENING_DIM_EXPLOITATION].positive);

	/* Checklist and weighted ids do not mix. */
	const char *fl[] = {"deception", NULL};
	p = screen_fails("adult_labour", fl);
	assert_true(problem_says(p, NULL, "'deception' is not in the adult_labour profile"));
	p = screen_fails("forced_labour_11", twice);
	assert_true(problem_says(p, NULL, "not in the forced_labour_11 profile"));
}

/* ---- the forced-labour checklist ---- */

static void forced_labour_checklist(void **state)
{
	(void)state;
	const struct lt_screening_profile *fl = lt_screening_table_profile(table, "forced_labour_11");
	assert_non_null(fl);
	assert_int_equal(fl->kind, LT_SCREENING_CHECKLIST);
	assert_int_equal(fl->nindicators, 11);

	const char *some[] = {"debt_bondage", "deception", "debt_bondage", NULL};
	struct lt_screening_result *r = screen("forced_labour_11", some);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_INDICATORS_PRESENT);
	assert_int_equal(r->nfound, 2);
	/* Table order, not input order. */
	assert_string_equal(r->found[0]->id, "deception");
	assert_string_equal(r->found[1]->id, "debt_bondage");
	assert_non_null(strstr(explain(r), "2 of the 11 indicators on this checklist are present: "
					   "deception, debt bondage."));

	json_t *j = NULL;
	assert_int_equal(lt_screening_result_to_json(table, r, &j), LT_OK);
	char *s = lt_json_dump(j);
	assert_non_null(strstr(s, "\"indicators\":[\"deception\",\"debt_bondage\"],\"count\":2,"
				  "\"total\":11,\"outcome\":\"indicators_present\""));
	assert_null(json_object_get(j, "dimensions"));
	free(s);
	json_decref(j);

	const char *none[] = {NULL};
	r = screen("forced_labour_11", none);
	assert_int_equal(r->outcome, LT_SCREENING_OUTCOME_NO_INDICATORS);
	assert_non_null(strstr(explain(r), "None of the 11"));
}

/* ---- JSON in and out ---- */

static void json_request_and_result(void **state)
{
	(void)state;
	struct lt_problem p;
	struct lt_screening_result r;
	json_t *doc;

	lt_problem_init(&p);
	doc = json_loads("{\"profile\": \"adult_labour\", \"indicators\": "
			 "[\"deceptive_recruitment.wages\", \"exploitation.excessive_hours\"]}",
			 0, NULL);
	assert_int_equal(lt_screening_run_json(table, doc, NULL, &r, &p), LT_OK);
	json_t *out = NULL;
	assert_int_equal(lt_screening_result_to_json(table, &r, &out), LT_OK);
	const char *keys[] = {"profile", "provisional", "dimensions", "outcome", "explanation"};
	assert_int_equal(json_object_size(out), LT_ARRAY_LEN(keys));
	for (size_t i = 0; i < LT_ARRAY_LEN(keys); i++)
		assert_non_null(json_object_get(out, keys[i]));
	json_t *dims = json_object_get(out, "dimensions");
	assert_int_equal(json_object_size(dims), LT_SCREENING_NDIMS);
	for (int d = 0; d < LT_SCREENING_NDIMS; d++) {
		json_t *one = json_object_get(dims, lt_screening_dim_str(d));
		assert_non_null(one);
		assert_int_equal(json_object_size(one), 5);
		assert_true(json_is_boolean(json_object_get(one, "positive")));
	}
	json_t *dr = json_object_get(dims, "deceptive_recruitment");
	assert_int_equal(json_integer_value(json_object_get(dr, "medium")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(dr, "indicators"), 0)),
			    "deceptive_recruitment.wages");
	assert_string_equal(lt_json_str(out, "outcome"), "insufficient_indicators");
	json_decref(out);

	/* --profile overrides the document. */
	assert_int_equal(lt_screening_run_json(table, doc, "child_labour", &r, &p), LT_OK);
	assert_string_equal(r.profile->id, "child_labour");
	json_decref(doc);

	lt_problem_init(&p);
	doc = json_loads("{\"indicators\": [\"exploitation.excessive_hours\", 7], \"x\": 1}", 0,
			 NULL);
	assert_int_equal(lt_screening_run_json(table, doc, NULL, &r, &p), LT_ERR_INVALID);
	assert_true(problem_says(&p, "x", "unknown field"));
	json_decref(doc);

	lt_problem_init(&p);
	doc = json_loads("{\"indicators\": [\"exploitation.excessive_hours\", 7]}", 0, NULL);
	assert_int_equal(lt_screening_run_json(table, doc, "adult_labour", &r, &p),
			 LT_ERR_INVALID);
	assert_true(problem_says(&p, "indicators[1]", "must be a string"));
	json_decref(doc);

	lt_problem_init(&p);
	doc = json_loads("{\"indicators\": []}", 0, NULL);
	assert_int_equal(lt_screening_run_json(table, doc, NULL, &r, &p), LT_ERR_INVALID);
	assert_true(problem_says(&p, "profile", "is required"));
	json_decref(doc);

	/* Every fault at once: a missing profile is not left for a second try. */
	lt_problem_init(&p);
	doc = json_loads("{\"indicators\": [7]}", 0, NULL);
	assert_int_equal(lt_screening_run_json(table, doc, NULL, &r, &p), LT_ERR_INVALID);
	assert_true(problem_says(&p, "profile", "is required"));
	assert_true(problem_says(&p, "indicators[0]", "must be a string"));
	json_decref(doc);

	lt_problem_init(&p);
	doc = json_loads("{}", 0, NULL);
	assert_int_equal(lt_screening_run_json(table, doc, NULL, &r, &p), LT_ERR_INVALID);
	assert_true(problem_says(&p, "profile", "is required"));
	assert_true(problem_says(&p, "indicators", "required"));
	json_decref(doc);

	lt_problem_init(&p);
	doc = json_loads("{\"profile\": 5, \"indicators\": []}", 0, NULL);
	assert_int_equal(lt_screening_run_json(table, doc, NULL, &r, &p), LT_ERR_INVALID);
	assert_false(problem_says(&p, "profile", "is required"));
	json_decref(doc);

	lt_problem_init(&p);
	doc = json_loads("[1]", 0, NULL);
	assert_int_equal(lt_screening_run_json(table, doc, "adult_labour", &r, &p),
			 LT_ERR_INVALID);
	assert_true(problem_says(&p, "(document)", "must be a JSON object"));
	json_decref(doc);
}

static void explanation_names_dimensions_and_combinations(void **state)
{
	(void)state;
	const char *ids[] = {R_POS, E_POS, "destination_vulnerability.unknown_area", NULL};
	char *text = explain(screen("adult_labour", ids));
	assert_non_null(strstr(text, "Positive dimensions: deceptive recruitment (1 strong and 1 "
				     "medium indicator); exploitative conditions of work (1 strong "
				     "and 1 medium indicator)."));
	assert_non_null(strstr(text, "abuse of vulnerability at destination (1 medium indicator)"));
	assert_non_null(strstr(text, "possible trafficking"));
}

/* ---- groups ---- */

struct seen_rows {
	size_t n;
	size_t rows[8];
	char people[8][16];
	enum lt_screening_outcome outcomes[8];
	struct lt_screening_tally tally;
};

static lt_err collect(void *ctx, size_t row, const char *person,
		      const struct lt_screening_result *r)
{
	struct seen_rows *s = ctx;
	if (s->n < 8) {
		s->rows[s->n] = row;
		snprintf(s->people[s->n], sizeof(s->people[0]), "%s", person);
		s->outcomes[s->n] = r->outcome;
		s->n++;
	}
	lt_screening_tally_add(&s->tally, r);
	return LT_OK;
}

static void group_rows_and_summary(void **state)
{
	(void)state;
	const char *csv = "\xEF\xBB\xBFperson,profile,indicators\r\n"
			  "w1,adult_labour,exploitation.excessive_hours;exploitation.low_or_no_salary\r\n"
			  "\"w,2\",child_labour,\" exploitation.excessive_hours ; "
			  "exploitation.low_or_no_salary;\"\r\n"
			  "\r\n"
			  "w3,forced_labour_11,deception\r\n"
			  "w4,adult_labour,\r\n";
	struct seen_rows s;
	memset(&s, 0, sizeof(s));
	lt_screening_tally_init(&s.tally);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_screening_group_run(table, csv, strlen(csv), NULL, collect, &s, &p),
			 LT_OK);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.rows[0], 2);
	assert_string_equal(s.people[1], "w,2");
	assert_int_equal(s.outcomes[0], LT_SCREENING_OUTCOME_LABOUR_EXPLOITATION);
	assert_int_equal(s.outcomes[1], LT_SCREENING_OUTCOME_TRAFFICKING);
	assert_int_equal(s.outcomes[2], LT_SCREENING_OUTCOME_INDICATORS_PRESENT);
	assert_int_equal(s.outcomes[3], LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS);

	json_t *sum = NULL;
	assert_int_equal(lt_screening_tally_to_json(table, &s.tally, 2, &sum), LT_OK);
	char *text = lt_json_dump(sum);
	assert_string_equal(
		text, "{\"people\":4,\"outcomes\":{\"trafficking\":1,\"possible_trafficking\":0,"
		      "\"labour_exploitation\":1,\"insufficient_indicators\":1,"
		      "\"indicators_present\":1,\"no_indicators\":0},"
		      "\"most_frequent_indicators\":[{\"indicator\":\"exploitation.excessive_hours\","
		      "\"people\":2},{\"indicator\":\"exploitation.low_or_no_salary\",\"people\":2}]}");
	free(text);
	json_decref(sum);

	/* The override applies to every row. */
	memset(&s, 0, sizeof(s));
	const char *csv2 = "a,adult_labour,exploitation.excessive_hours;exploitation.hazardous_work\n";
	assert_int_equal(lt_screening_group_run(table, csv2, strlen(csv2), "child_labour", collect,
						&s, &p),
			 LT_OK);
	assert_int_equal(s.rows[0], 1);
	assert_int_equal(s.outcomes[0], LT_SCREENING_OUTCOME_TRAFFICKING);
}

static void group_faults_name_rows(void **state)
{
	(void)state;
	const char *csv = "person,profile,indicators\n"
			  "a,adult_labour,exploitation.excessive_hours\n"
			  "b,child_labour,recruitment_vulnerability.false_info_law\n"
			  ",adult_labour,\n"
			  "d,,\n"
			  "e,adult_labour,x,y\n"
			  "f,nope,\n"
			  "\xC3\x28,adult_labour,\n";
	struct seen_rows s;
	memset(&s, 0, sizeof(s));
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_screening_group_run(table, csv, strlen(csv), NULL, collect, &s, &p),
			 LT_ERR_INVALID);
	assert_true(problem_says(&p, "row 3", "not in the child_labour profile"));
	assert_true(problem_says(&p, "row 4", "person is required"));
	assert_true(problem_says(&p, "row 5", "profile is required"));
	assert_true(problem_says(&p, "row 6", "has 4 columns"));
	assert_true(problem_says(&p, "row 7", "unknown profile 'nope'"));
	assert_true(problem_says(&p, "row 8", "not valid UTF-8"));
	assert_non_null(strstr(p.detail, "6 rows could not be screened"));

	lt_problem_init(&p);
	const char *broken = "a,adult_labour,\"exploitation.excessive_hours\n";
	assert_int_equal(lt_screening_group_run(table, broken, strlen(broken), NULL, collect, &s,
						&p),
			 LT_ERR_INVALID);
	assert_non_null(strstr(p.detail, "Malformed CSV"));
	assert_true(p.offset >= 0);

	lt_problem_init(&p);
	assert_int_equal(lt_screening_group_run(table, "", 0, "nope", collect, &s, &p),
			 LT_ERR_INVALID);
	assert_true(problem_says(&p, "profile", "unknown profile"));
}

/* ---- the data ---- */

struct ref {
	char fields[8][128];
	size_t nfields;
	size_t rows;
	size_t mismatches;
	size_t dim_counts[4][LT_SCREENING_NDIMS];
};

static void ref_field(void *s, size_t len, void *ctx)
{
	struct ref *r = ctx;
	if (r->nfields < 8) {
		size_t n = len < 127 ? len : 127;
		memcpy(r->fields[r->nfields], s, n);
		r->fields[r->nfields][n] = '\0';
	}
	r->nfields++;
}

static void ref_row(int c, void *ctx)
{
	(void)c;
	struct ref *r = ctx;
	static const char *const profiles[] = {"adult_labour", "child_labour", "adult_sexual",
					       "child_sexual"};
	if (r->rows++ > 0) {
		char id[256];
		snprintf(id, sizeof(id), "%s.%s", r->fields[0], r->fields[1]);
		const struct lt_screening_indicator *ind = lt_screening_table_indicator(table, id);
		if (!ind) {
			fprintf(stderr, "missing indicator %s\n", id);
			r->mismatches++;
		}
		for (int k = 0; ind && k < 4; k++) {
			const char *w = r->fields[3 + k];
			enum lt_screening_weight want = w[0] == 'S'   ? LT_SCREENING_STRONG
							: w[0] == 'M' ? LT_SCREENING_MEDIUM
							: w[0] == 'W' ? LT_SCREENING_WEAK
								      : LT_SCREENING_ABSENT;
			unsigned col = lt_screening_table_profile(table, profiles[k])->index;
			if (ind->weight[col] != want) {
				fprintf(stderr, "%s differs for %s\n", id, profiles[k]);
				r->mismatches++;
			}
			if (want != LT_SCREENING_ABSENT)
				r->dim_counts[k][ind->dim]++;
		}
	}
	r->nfields = 0;
}

static void group_refuses_a_person_twice(void **state)
{
	(void)state;
	/* 3,000 people (the table of names grows several times), then the
	 * first one again: the file is refused, naming both rows. */
	struct lt_buf csv;
	lt_buf_init(&csv, 1 << 20);
	for (int i = 1; i <= 3000; i++)
		assert_int_equal(lt_buf_addf(&csv, "p%d,adult_labour,\n", i), LT_OK);
	struct seen_rows s;
	memset(&s, 0, sizeof(s));
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_screening_group_run(table, csv.data, csv.len, NULL, collect, &s, &p),
			 LT_OK);
	assert_int_equal(s.tally.people, 3000);
	assert_int_equal(lt_buf_adds(&csv, "p1,child_labour,\np2999,adult_labour,\n"), LT_OK);
	memset(&s, 0, sizeof(s));
	lt_problem_init(&p);
	assert_int_equal(lt_screening_group_run(table, csv.data, csv.len, NULL, collect, &s, &p),
			 LT_ERR_INVALID);
	assert_true(problem_says(&p, "row 3001", "person 'p1' is already on row 1"));
	assert_true(problem_says(&p, "row 3002", "person 'p2999' is already on row 2999"));
	assert_non_null(strstr(p.detail, "2 rows could not be screened"));
	lt_buf_release(&csv);
}

static void shipped_data_matches_the_reference(void **state)
{
	(void)state;
	/* Confirmed dimension totals (adults 67, children 65). */
	static const size_t adult[] = {10, 10, 16, 9, 15, 7}, child[] = {10, 10, 15, 8, 15, 7};
	size_t counts[LT_SCREENING_MAX_PROFILES][LT_SCREENING_NDIMS] = {{0}};
	size_t weighted = 0;
	for (size_t i = 0; i < table->nindicators; i++) {
		const struct lt_screening_indicator *ind = &table->indicators[i];
		if (ind->dim < 0)
			continue;
		weighted++;
		for (size_t k = 0; k < table->nprofiles; k++)
			if (ind->weight[k] != LT_SCREENING_ABSENT)
				counts[k][ind->dim]++;
	}
	assert_int_equal(weighted, 67);
	for (size_t k = 0; k < table->nprofiles; k++) {
		const struct lt_screening_profile *pr = &table->profiles[k];
		if (pr->kind != LT_SCREENING_WEIGHTED)
			continue;
		for (int d = 0; d < LT_SCREENING_NDIMS; d++)
			assert_int_equal(counts[k][d],
					 pr->age == LT_SCREENING_CHILD ? child[d] : adult[d]);
	}

	/* Weight by weight against the reference, when it is at hand. */
	const char *shared = getenv("LT_SHARED_DIR");
	if (!shared) {
		skip();
		return;
	}
	char path[1024];
	snprintf(path, sizeof(path), "%s/reference/ilo-indicators.csv", shared);
	size_t len = 0;
	char *text = lt_test_slurp(path, &len);
	if (!text) {
		skip();
		return;
	}
	struct csv_parser parser;
	assert_int_equal(csv_init(&parser, CSV_STRICT), 0);
	struct ref *r = calloc(1, sizeof(*r));
	assert_int_equal(csv_parse(&parser, text, len, ref_field, ref_row, r), len);
	csv_fini(&parser, ref_field, ref_row, r);
	csv_free(&parser);
	assert_int_equal(r->rows, 68);
	assert_int_equal(r->mismatches, 0);
	free(r);
	free(text);
}

/* A reader over a few in-memory files, to feed the loader broken data. */
struct files {
	const char *names[6];
	const char *texts[6];
};

static const char *read_files(void *ctx, const char *name, size_t *len)
{
	struct files *f = ctx;
	for (int i = 0; i < 6 && f->names[i]; i++) {
		if (strcmp(f->names[i], name) == 0) {
			*len = strlen(f->texts[i]);
			return f->texts[i];
		}
	}
	return NULL;
}

static const char *good_profiles =
	"profile,kind,age_group,exploitation,provisional,label_en,label_sr,source,note\n"
	"adult_labour,weighted,adult,labour,no,A,A,Somewhere reliable,\n";
static const char *good_dims = "dimension,part,label_en,label_sr\n"
			       "deceptive_recruitment,recruitment,D,D\n"
			       "coercive_recruitment,recruitment,D,D\n"
			       "recruitment_vulnerability,recruitment,D,D\n"
			       "exploitation,exploitation,D,D\n"
			       "coercion_at_destination,destination,D,D\n"
			       "destination_vulnerability,destination,D,D\n";

static void loader_rejects_broken_data(void **state)
{
	(void)state;
	struct lt_screening_table *t = malloc(sizeof(*t));
	struct lt_problem p;

	struct files ok = {{"ilo/profiles.csv", "ilo/dimensions.csv", "ilo/indicators.csv"},
			   {good_profiles, good_dims,
			    "dimension,indicator,adult_labour,label_en,label_sr\n"
			    "exploitation,hours,S,Hours,Sati\n"}};
	lt_problem_init(&p);
	assert_int_equal(lt_screening_table_load(t, read_files, &ok, &p), LT_OK);
	assert_non_null(lt_screening_table_indicator(t, "exploitation.hours"));
	lt_screening_table_release(t);

	struct files bad = {{"ilo/profiles.csv", "ilo/dimensions.csv", "ilo/indicators.csv"},
			    {good_profiles, good_dims,
			     "dimension,indicator,adult_labour,label_en,label_sr\n"
			     "exploitation,hours,X,Hours,Sati\n"
			     "nowhere,hours,S,Hours,Sati\n"
			     "exploitation,hours,S,Hours,Sati\n"
			     "exploitation,hours,S,Hours,Sati\n"}};
	lt_problem_init(&p);
	assert_int_equal(lt_screening_table_load(t, read_files, &bad, &p), LT_ERR_INVALID);
	assert_true(problem_says(&p, "ilo/indicators.csv row 2", "must be S, M, W or -"));
	assert_true(problem_says(&p, "ilo/indicators.csv row 3", "unknown dimension 'nowhere'"));
	assert_true(problem_says(&p, "ilo/indicators.csv row 5", "appears twice"));

	struct files nocol = {{"ilo/profiles.csv", "ilo/dimensions.csv", "ilo/indicators.csv"},
			      {good_profiles, good_dims,
			       "dimension,indicator,label_en,label_sr,child_labour\n"}};
	lt_problem_init(&p);
	assert_int_equal(lt_screening_table_load(t, read_files, &nocol, &p), LT_ERR_INVALID);
	assert_true(problem_says(&p, "ilo/indicators.csv row 1",
				 "'child_labour' is not a weighted profile"));
	assert_true(problem_says(&p, "ilo/indicators.csv row 1",
				 "missing weight column for profile 'adult_labour'"));

	struct files moved = {{"ilo/profiles.csv", "ilo/dimensions.csv"},
			      {good_profiles, "dimension,part,label_en,label_sr\n"
					      "exploitation,destination,D,D\n"}};
	lt_problem_init(&p);
	assert_int_equal(lt_screening_table_load(t, read_files, &moved, &p), LT_ERR_INVALID);
	assert_true(problem_says(&p, "ilo/dimensions.csv row 2", "belongs to part exploitation"));

	struct files missing = {{"ilo/profiles.csv"}, {good_profiles}};
	lt_problem_init(&p);
	assert_int_equal(lt_screening_table_load(t, read_files, &missing, &p), LT_ERR_NOT_FOUND);
	assert_non_null(strstr(p.detail, "ilo/dimensions.csv"));
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rule_boundaries),
		cmocka_unit_test(rule_boundaries_on_real_indicators),
		cmocka_unit_test(adult_outcomes),
		cmocka_unit_test(child_outcomes),
		cmocka_unit_test(profile_specific_indicators),
		cmocka_unit_test(unknown_ids_and_repeats),
		cmocka_unit_test(forced_labour_checklist),
		cmocka_unit_test(json_request_and_result),
		cmocka_unit_test(explanation_names_dimensions_and_combinations),
		cmocka_unit_test(group_rows_and_summary),
		cmocka_unit_test(group_faults_name_rows),
		cmocka_unit_test(group_refuses_a_person_twice),
		cmocka_unit_test(shipped_data_matches_the_reference),
		cmocka_unit_test(loader_rejects_broken_data),
	};
	return cmocka_run_group_tests(tests, load_table, free_table);
}
