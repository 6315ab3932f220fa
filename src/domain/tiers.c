/* The Tier 2 Watch List rules of 22 U.S.C. 7107(b)(2)(D)-(F), applied by
 * report year. The parameters live in data/tiers/rules.json; this file knows
 * only what each kind of rule means. docs/tiers.md explains the reading. */
#include "domain/tiers.h"
#include "base/json.h"
#include "domain/assessment.h"
#include <ctype.h>
#include <stdarg.h>
#include <strings.h>

static const char *const tier_names[LT_TIER_COUNT] = {
	[LT_TIER_1] = "tier_1",
	[LT_TIER_2] = "tier_2",
	[LT_TIER_2_WATCH_LIST] = "tier_2_watch_list",
	[LT_TIER_3] = "tier_3",
	[LT_TIER_SPECIAL_CASE] = "special_case",
	[LT_TIER_NOT_RANKED] = "not_ranked",
};

const char *lt_tier_name(enum lt_tier t)
{
	return (unsigned)t < LT_TIER_COUNT ? tier_names[t] : "?";
}

lt_err lt_tier_from_name(const char *s, enum lt_tier *out)
{
	for (unsigned i = 0; i < LT_TIER_COUNT; i++)
		if (strcmp(tier_names[i], s) == 0) {
			*out = (enum lt_tier)i;
			return LT_OK;
		}
	return LT_ERR_INVALID;
}

/* ---- Rules ------------------------------------------------------------------ */

#define RULES_FORMAT "lantern-tier-rules/1"
#define DOC_MAX 4000

static const char *const kind_ids[] = {
	[LT_TIER_RULE_DOWNGRADE] = LT_TIER_RULE_ID_DOWNGRADE,
	[LT_TIER_RULE_WAIVER] = LT_TIER_RULE_ID_WAIVER,
	[LT_TIER_RULE_REINSTATEMENT] = LT_TIER_RULE_ID_REINSTATEMENT,
};

/* The documentation members every rule carries; the code never reads them. */
#define DOC_FIELDS                                                                         \
	{"id", LT_JSON_STRING, true, 64}, {"from", LT_JSON_INTEGER, true, 0},                 \
		{"to", LT_JSON_INTEGER, false, 0}, {"law", LT_JSON_STRING, true, DOC_MAX},     \
		{"text", LT_JSON_STRING, true, DOC_MAX},                                       \
		{"sources", LT_JSON_ARRAY, true, 20}, {"mark", LT_JSON_STRING, false, DOC_MAX}

static const struct lt_json_field downgrade_fields[] = {
	DOC_FIELDS,
	{"years", LT_JSON_INTEGER, true, 0},
	{"counts_from", LT_JSON_INTEGER, true, 0},
};
static const struct lt_json_field waiver_fields[] = {
	DOC_FIELDS,
	{"max_years", LT_JSON_INTEGER, true, 0},
};
static const struct lt_json_field reinstatement_fields[] = {
	DOC_FIELDS,
	{"years", LT_JSON_INTEGER, true, 0},
	{"tier_3_immediately_after", LT_JSON_BOOL, true, 0},
};
static const struct lt_json_field top_fields[] = {
	{"format", LT_JSON_STRING, true, 64},
	{"description", LT_JSON_STRING, false, DOC_MAX},
	{"rules", LT_JSON_ARRAY, true, LT_TIER_RULES_MAX},
};

static bool year_ok(json_int_t y)
{
	return y >= LT_TIER_YEAR_MIN && y <= LT_TIER_YEAR_MAX;
}

static lt_err read_rule(const json_t *obj, const char *path, struct lt_tier_rule *r,
			struct lt_problem *p)
{
	const char *id = lt_json_str(obj, "id");
	const struct lt_json_field *fields;
	size_t nfields;
	if (id && strcmp(id, LT_TIER_RULE_ID_DOWNGRADE) == 0) {
		r->kind = LT_TIER_RULE_DOWNGRADE;
		fields = downgrade_fields;
		nfields = LT_ARRAY_LEN(downgrade_fields);
	} else if (id && strcmp(id, LT_TIER_RULE_ID_WAIVER) == 0) {
		r->kind = LT_TIER_RULE_WAIVER;
		fields = waiver_fields;
		nfields = LT_ARRAY_LEN(waiver_fields);
	} else if (id && strcmp(id, LT_TIER_RULE_ID_REINSTATEMENT) == 0) {
		r->kind = LT_TIER_RULE_REINSTATEMENT;
		fields = reinstatement_fields;
		nfields = LT_ARRAY_LEN(reinstatement_fields);
	} else {
		char field[96];
		snprintf(field, sizeof(field), "%s.id", path);
		return lt_problem_field(p, field, "must be %s, %s or %s", LT_TIER_RULE_ID_DOWNGRADE,
					LT_TIER_RULE_ID_WAIVER, LT_TIER_RULE_ID_REINSTATEMENT);
	}
	lt_err rc = lt_json_check(obj, fields, nfields, path, p);
	if (rc)
		return rc;
	char field[96];
	json_int_t from = json_integer_value(json_object_get(obj, "from"));
	json_t *to_v = json_object_get(obj, "to");
	json_int_t to = to_v && !json_is_null(to_v) ? json_integer_value(to_v) : LT_TIER_YEAR_MAX;
	if (!year_ok(from)) {
		snprintf(field, sizeof(field), "%s.from", path);
		rc = lt_problem_field(p, field, "must be a report year between %d and %d",
				      LT_TIER_YEAR_MIN, LT_TIER_YEAR_MAX);
	}
	if (!year_ok(to) || to < from) {
		snprintf(field, sizeof(field), "%s.to", path);
		rc = lt_problem_field(p, field, "must be a report year from 'from' to %d",
				      LT_TIER_YEAR_MAX);
	}
	r->from = (int)from;
	r->to = (int)to;
	json_int_t years = json_integer_value(
		json_object_get(obj, r->kind == LT_TIER_RULE_WAIVER ? "max_years" : "years"));
	json_int_t least = r->kind == LT_TIER_RULE_WAIVER ? 0 : 1;
	if (years < least || years > 20) {
		snprintf(field, sizeof(field), "%s.%s", path,
			 r->kind == LT_TIER_RULE_WAIVER ? "max_years" : "years");
		rc = lt_problem_field(p, field, "must be between %d and 20", (int)least);
	}
	r->years = (int)years;
	if (r->kind == LT_TIER_RULE_DOWNGRADE) {
		json_int_t counts = json_integer_value(json_object_get(obj, "counts_from"));
		if (!year_ok(counts)) {
			snprintf(field, sizeof(field), "%s.counts_from", path);
			rc = lt_problem_field(p, field, "must be a report year between %d and %d",
					      LT_TIER_YEAR_MIN, LT_TIER_YEAR_MAX);
		}
		r->counts_from = (int)counts;
	}
	if (r->kind == LT_TIER_RULE_REINSTATEMENT)
		r->immediately = json_is_true(json_object_get(obj, "tier_3_immediately_after"));
	return rc;
}

/* Two rules of one kind in force in the same year would make the answer
 * depend on their order in the file; a waiver or reinstatement limit without
 * a downgrade rule has nothing to qualify. */
static lt_err check_coverage(const struct lt_tier_rules *rules, struct lt_problem *p)
{
	lt_err rc = LT_OK;
	for (size_t i = 0; i < rules->n; i++) {
		const struct lt_tier_rule *a = &rules->items[i];
		for (size_t k = i + 1; k < rules->n; k++) {
			const struct lt_tier_rule *b = &rules->items[k];
			if (a->kind == b->kind && a->from <= b->to && b->from <= a->to) {
				char field[96];
				snprintf(field, sizeof(field), "rules[%zu]", k);
				rc = lt_problem_field(p, field,
						      "%s is in force in %d in rules[%zu] too",
						      kind_ids[b->kind],
						      a->from > b->from ? a->from : b->from, i);
			}
		}
		if (a->kind == LT_TIER_RULE_DOWNGRADE)
			continue;
		for (int y = a->from; y <= a->to; y++) {
			struct lt_tier_law law;
			lt_tier_rules_at(rules, y, &law);
			if (!law.downgrade) {
				char field[96];
				snprintf(field, sizeof(field), "rules[%zu]", i);
				rc = lt_problem_field(
					p, field, "%s is in force in %d, when no %s rule is",
					kind_ids[a->kind], y, LT_TIER_RULE_ID_DOWNGRADE);
				break;
			}
		}
	}
	return rc;
}

lt_err lt_tier_rules_parse(struct lt_tier_rules *rules, const char *json, size_t len,
			   struct lt_problem *p)
{
	memset(rules, 0, sizeof(*rules));
	json_t *root = NULL;
	lt_err rc = lt_json_parse(json, len, &root, p);
	if (rc)
		return rc;
	rc = lt_json_check(root, top_fields, LT_ARRAY_LEN(top_fields), NULL, p);
	if (rc)
		goto fail;
	if (strcmp(lt_json_str(root, "format"), RULES_FORMAT) != 0) {
		rc = lt_problem_field(p, "format", "must be \"%s\"", RULES_FORMAT);
		goto fail;
	}
	json_t *list = json_object_get(root, "rules");
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		char path[32];
		snprintf(path, sizeof(path), "rules[%zu]", i);
		if (read_rule(item, path, &rules->items[rules->n], p))
			rc = LT_ERR_INVALID;
		rules->n++;
	}
	if (!rc)
		rc = check_coverage(rules, p);
fail:
	json_decref(root);
	if (rc)
		memset(rules, 0, sizeof(*rules));
	return rc;
}

void lt_tier_rules_at(const struct lt_tier_rules *rules, int year, struct lt_tier_law *law)
{
	memset(law, 0, sizeof(*law));
	law->year = year;
	for (size_t i = 0; i < rules->n; i++) {
		const struct lt_tier_rule *r = &rules->items[i];
		if (year < r->from || year > r->to)
			continue;
		switch (r->kind) {
		case LT_TIER_RULE_DOWNGRADE:
			law->downgrade = true;
			law->downgrade_years = r->years;
			law->counts_from = r->counts_from;
			break;
		case LT_TIER_RULE_WAIVER: law->max_waiver_years = r->years; break;
		case LT_TIER_RULE_REINSTATEMENT:
			law->reinstatement = true;
			law->reinstatement_years = r->years;
			law->reinstatement_immediately = r->immediately;
			break;
		}
	}
}

/* ---- Judging ------------------------------------------------------------------ */

enum verdict {
	WL_OPEN,             /* nothing limits the Watch List */
	WL_WAIVER,           /* only with a waiver under (D)(ii) */
	WL_BARRED_DOWNGRADE, /* (D)(i): run done and waivers used up */
	WL_BARRED_REINSTATEMENT, /* (F): back after a downgrade and the year used */
};

/* What the earlier placements of one country mean for the Watch List in one
 * report year. Years are spans: first year and count. */
struct judgement {
	enum verdict verdict;
	int run_first; /* the current run of counted Watch List years before the year */
	int run;
	int waivers_used;
	bool reinstated; /* an earlier run ended in Tier 3 before the current run */
	int earlier_first;
	int earlier_run;
	int tier3_year;
};

static bool counted_wl(const struct lt_tier_placement *pl, const struct lt_tier_law *law)
{
	return pl->tier == LT_TIER_2_WATCH_LIST && pl->year >= law->counts_from;
}

/* The counted Watch List run ending just before index END (years must be
 * consecutive, which the parser guarantees); returns its length. */
static int run_before(const struct lt_tier_placement *pl, size_t end,
		      const struct lt_tier_law *law)
{
	int run = 0;
	while (end > 0 && counted_wl(&pl[end - 1], law) &&
	       (run == 0 || pl[end - 1].year == pl[end].year - 1)) {
		end--;
		run++;
	}
	return run;
}

/* Finds the downgrade that (F) refers to among PL[0..END): a Tier 3 year
 * after a counted run of at least the downgrade length, right after it by
 * default, or at any later point when the rules say "subsequently". The most
 * recent one wins. */
static void find_downgrade(const struct lt_tier_placement *pl, size_t end,
			   const struct lt_tier_law *law, struct judgement *j)
{
	for (size_t t = end; t-- > 0;) {
		if (pl[t].tier != LT_TIER_3 || pl[t].year < law->counts_from)
			continue;
		for (size_t e = t; e > 0; e--) {
			int run = run_before(pl, e, law);
			if (run >= law->downgrade_years) {
				j->reinstated = true;
				j->earlier_run = run;
				j->earlier_first = pl[e - run].year;
				j->tier3_year = pl[t].year;
				return;
			}
			if (law->reinstatement_immediately)
				break;
		}
	}
}

/* PL[0..N) are one country's placements before YEAR, oldest first. */
static void judge(const struct lt_tier_placement *pl, size_t n, int year,
		  const struct lt_tier_law *law, struct judgement *j)
{
	memset(j, 0, sizeof(*j));
	j->verdict = WL_OPEN;
	j->run_first = year;
	if (!law->downgrade)
		return;
	if (n > 0 && pl[n - 1].year == year - 1) {
		j->run = run_before(pl, n, law);
		j->run_first = year - j->run;
	}
	if (law->reinstatement)
		find_downgrade(pl, n - (size_t)j->run, law, j);
	if (j->reinstated && j->run >= law->reinstatement_years) {
		j->verdict = WL_BARRED_REINSTATEMENT;
	} else if (j->run >= law->downgrade_years) {
		j->waivers_used = j->run - law->downgrade_years;
		j->verdict = j->waivers_used >= law->max_waiver_years ? WL_BARRED_DOWNGRADE
								       : WL_WAIVER;
	}
}

static void add_span(int *years, size_t *n, int first, int count)
{
	for (int i = 0; i < count && *n < LT_TIER_YEARS_MAX; i++)
		years[(*n)++] = first + i;
}

lt_err lt_tier_check(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
		     int rules_year, lt_tier_violation_fn fn, void *ctx, size_t *nviolations)
{
	*nviolations = 0;
	struct lt_tier_violation *v = malloc(sizeof(*v));
	if (!v)
		return LT_ERR_NOMEM;
	lt_err rc = LT_OK;
	size_t start = 0;
	for (size_t i = 0; i < h->n && !rc; i++) {
		const struct lt_tier_placement *pl = &h->items[i];
		if (i > 0 && strcmp(pl->country, h->items[i - 1].country) != 0)
			start = i;
		if (pl->tier != LT_TIER_2_WATCH_LIST)
			continue;
		struct lt_tier_law law;
		lt_tier_rules_at(rules, rules_year ? rules_year : pl->year, &law);
		struct judgement j;
		judge(&h->items[start], i - start, pl->year, &law, &j);
		if (j.verdict != WL_BARRED_DOWNGRADE && j.verdict != WL_BARRED_REINSTATEMENT)
			continue;
		memset(v, 0, sizeof(*v));
		memcpy(v->country, pl->country, sizeof(v->country));
		v->year = pl->year;
		v->placement = pl->tier;
		v->line = pl->line;
		if (j.verdict == WL_BARRED_REINSTATEMENT) {
			v->rule = LT_TIER_RULE_ID_REINSTATEMENT;
			add_span(v->because, &v->nbecause, j.earlier_first, j.earlier_run);
			add_span(v->because, &v->nbecause, j.tier3_year, 1);
		} else {
			v->rule = LT_TIER_RULE_ID_DOWNGRADE;
		}
		add_span(v->because, &v->nbecause, j.run_first, j.run);
		(*nviolations)++;
		rc = fn(v, ctx);
	}
	free(v);
	return rc;
}

/* ---- What the next report may say -------------------------------------------- */

static void appendf(char *dst, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void appendf(char *dst, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(dst);
	if (len + 1 >= cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst + len, cap - len, fmt, ap);
	va_end(ap);
}

/* "2022", "2022 and 2023", "2009 to 2012": runs are always consecutive. */
static void append_span(char *dst, size_t cap, int first, int count)
{
	if (count == 1)
		appendf(dst, cap, "%d", first);
	else if (count == 2)
		appendf(dst, cap, "%d and %d", first, first + 1);
	else
		appendf(dst, cap, "%d to %d", first, first + count - 1);
}

static void describe_downgrade_run(char *dst, size_t cap, const struct judgement *j,
				   const struct lt_tier_law *law)
{
	int counted = j->run < law->downgrade_years ? j->run : law->downgrade_years;
	append_span(dst, cap, j->run_first, counted);
	appendf(dst, cap, " on the Watch List");
	if (j->waivers_used > 0) {
		appendf(dst, cap, ", waiver%s used in ", j->waivers_used == 1 ? "" : "s");
		append_span(dst, cap, j->run_first + counted, j->waivers_used);
	}
}

static void describe_reinstatement(char *dst, size_t cap, const struct judgement *j)
{
	append_span(dst, cap, j->earlier_first, j->earlier_run);
	appendf(dst, cap, " on the Watch List, Tier 3 in %d", j->tier3_year);
}

/* NONE_BEFORE: the history has no placement of the country before YEAR. */
static void explain(struct lt_tier_outlook *out, const struct judgement *j,
		    const struct lt_tier_law *law, int year, bool none_before)
{
	char *r = out->reason;
	size_t cap = sizeof(out->reason);
	r[0] = '\0';
	switch (j->verdict) {
	case WL_BARRED_REINSTATEMENT:
		out->rule = LT_TIER_RULE_ID_REINSTATEMENT;
		appendf(r, cap, "Tier 2 Watch List not allowed: ");
		describe_reinstatement(r, cap, j);
		appendf(r, cap, ", back on the Watch List in ");
		append_span(r, cap, j->run_first, j->run);
		appendf(r, cap, ", and only %d such year%s allowed after a downgrade",
			law->reinstatement_years, law->reinstatement_years == 1 ? " is" : "s are");
		return;
	case WL_BARRED_DOWNGRADE:
		out->rule = LT_TIER_RULE_ID_DOWNGRADE;
		appendf(r, cap, "Tier 2 Watch List not allowed: ");
		describe_downgrade_run(r, cap, j, law);
		if (law->max_waiver_years == 0)
			appendf(r, cap, ", and no waiver may be granted in %d", year);
		return;
	case WL_WAIVER:
		out->rule = LT_TIER_RULE_ID_WAIVER;
		out->waiver_required = true;
		appendf(r, cap,
			"Tier 2 Watch List allowed only with a waiver (waiver year %d of %d): ",
			j->waivers_used + 1, law->max_waiver_years);
		describe_downgrade_run(r, cap, j, law);
		return;
	case WL_OPEN: break;
	}
	if (!law->downgrade) {
		appendf(r, cap,
			"Tier 2 Watch List allowed: no automatic downgrade in the %d report",
			law->year);
		return;
	}
	if (j->reinstated) {
		out->rule = LT_TIER_RULE_ID_REINSTATEMENT;
		appendf(r, cap, "Tier 2 Watch List allowed for %d year%s at most: ",
			law->reinstatement_years, law->reinstatement_years == 1 ? "" : "s");
		describe_reinstatement(r, cap, j);
		if (j->run > 0) {
			appendf(r, cap, ", back on the Watch List in ");
			append_span(r, cap, j->run_first, j->run);
		}
		return;
	}
	if (j->run > 0) {
		out->rule = LT_TIER_RULE_ID_DOWNGRADE;
		appendf(r, cap, "Tier 2 Watch List allowed: ");
		append_span(r, cap, j->run_first, j->run);
		appendf(r, cap, " on the Watch List, %d of %d years before the automatic downgrade",
			j->run, law->downgrade_years);
		return;
	}
	if (year - 1 < law->counts_from)
		appendf(r, cap, "Tier 2 Watch List allowed: Watch List years count only from the "
			"%d report", law->counts_from);
	else if (none_before)
		/* Not ranked before, as far as the history says: no Watch List
		 * year to count, which is not the same as a year off it. */
		appendf(r, cap, "Tier 2 Watch List allowed: the history has no placement of %s "
			"before %d", out->country, year);
	else
		appendf(r, cap, "Tier 2 Watch List allowed: not on the Watch List in %d", year - 1);
}

lt_err lt_tier_next(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
		    const char *country, int year, int rules_year, struct lt_tier_outlook *out,
		    struct lt_problem *p)
{
	memset(out, 0, sizeof(*out));
	bool iso_ok = strlen(country) == 3;
	for (size_t i = 0; iso_ok && i < 3; i++)
		iso_ok = isupper((unsigned char)country[i]) != 0;
	if (!iso_ok)
		return lt_problem_field(p, "country", "'%s' is not an ISO 3166-1 alpha-3 code",
					country);
	if (year < LT_TIER_YEAR_MIN || year > LT_TIER_YEAR_MAX)
		return lt_problem_field(p, "year", "must be a report year between %d and %d",
					LT_TIER_YEAR_MIN, LT_TIER_YEAR_MAX);
	const struct lt_tier_placement *pl;
	size_t n;
	lt_tier_history_country(h, country, &pl, &n);
	if (n == 0)
		return lt_problem_field(p, "country", "the history has no placement for %s",
					country);
	size_t before = 0;
	while (before < n && pl[before].year < year)
		before++;
	struct lt_tier_law law;
	lt_tier_rules_at(rules, rules_year ? rules_year : year, &law);
	/* A run or a downgrade can only be seen if the last report is there;
	 * a country whose history starts later was simply not ranked before. */
	if (law.downgrade && before > 0 && pl[before - 1].year < year - 1 &&
	    year - 1 >= law.counts_from)
		return lt_problem_field(p, "history",
					"the placements of %s end in %d; the rules need every "
					"report year up to %d",
					country, pl[before - 1].year, year - 1);
	memcpy(out->country, country, sizeof(out->country));
	out->year = year;
	struct judgement j;
	judge(pl, before, year, &law, &j);
	out->allowed[LT_TIER_1] = true;
	out->allowed[LT_TIER_2] = true;
	out->allowed[LT_TIER_2_WATCH_LIST] =
		j.verdict != WL_BARRED_DOWNGRADE && j.verdict != WL_BARRED_REINSTATEMENT;
	out->allowed[LT_TIER_3] = true;
	explain(out, &j, &law, year, before == 0);
	return LT_OK;
}

/* ---- Which country of the history -------------------------------------------- */

lt_err lt_tier_country_resolve(const char *countries, size_t len, const char *iso2,
			       const char *name, const struct lt_tier_history *h, char iso3[4],
			       struct lt_problem *p)
{
	iso3[0] = '\0';
	if (countries && lt_country_iso3(countries, len, iso2, iso3) == LT_OK)
		return LT_OK;
	/* The history names each country; a name that belongs to one code only
	 * says which it is. Two codes with one name say nothing. */
	const char *found = NULL;
	bool ambiguous = false;
	for (size_t i = 0; h && name && *name && i < h->n; i++) {
		const struct lt_tier_placement *pl = &h->items[i];
		if (strcasecmp(pl->name, name) != 0)
			continue;
		if (found && strcmp(found, pl->country) != 0)
			ambiguous = true;
		found = pl->country;
	}
	if (found && !ambiguous) {
		memcpy(iso3, found, 4);
		return LT_OK;
	}
	const char *cc = iso2 && *iso2 ? iso2 : "?";
	const char *nm = name && *name ? name : "?";
	lt_problem_set(p, LT_ERR_NOT_FOUND,
		       "This deployment's country (%s, %s) is not in data/tiers/countries.csv, "
		       "and %s of the tier history is named %s, so its ISO alpha-3 code is "
		       "unknown. Add the row \"%s,<alpha-3>,%s\" to data/tiers/countries.csv and "
		       "rebuild (data/tiers/README.md).",
		       cc, nm, ambiguous ? "more than one country" : "no country", nm, cc, nm);
	return LT_ERR_NOT_FOUND;
}
