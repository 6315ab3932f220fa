#include "service/stats.h"
#include "base/array.h"
#include "base/str.h"
#include "domain/assessment.h"
#include "domain/case_flow.h"
#include "domain/jurisdiction.h"
#include "domain/occupancy.h"
#include "domain/report.h"
#include "domain/stats.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/policy.h"
#include "service/shelters.h"

/* Days histograms: distinct day counts; grown in the call's arena. */
struct hist {
	struct lt_stats_bin *bins;
	size_t n, cap;
};

struct acc {
	struct lt_ctx *ctx;
	int64_t scalar[LT_FIG_PENDING_AT_YEAR_END + 1];
	int64_t referred;
	json_t *by_source;
	int64_t expl[LT_EXPL_COUNT];
	int64_t sex_age[LT_SA_COUNT];
	json_t *citizenship, *country;
	struct hist days_rg, days_conclusive;
};

static lt_err hist_add(struct lt_arena *a, struct hist *h, int64_t value, int64_t count)
{
	if (h->n == h->cap) {
		struct lt_stats_bin *b = lt_arena_array_grow(a, h->bins, h->n, &h->cap, sizeof(*b), 64);
		if (!b)
			return LT_ERR_NOMEM;
		h->bins = b;
	}
	h->bins[h->n++] = (struct lt_stats_bin){value, count};
	return LT_OK;
}

static lt_err add_count(json_t *obj, const char *key, int64_t n)
{
	json_t *old = json_object_get(obj, key);
	int64_t v = (old ? json_integer_value(old) : 0) + n;
	return json_object_set_new(obj, key, json_integer(v)) ? LT_ERR_NOMEM : LT_OK;
}

static lt_err take_cell(void *vctx, const struct lt_stats_cell *c)
{
	struct acc *acc = vctx;
	switch (c->figure) {
	case LT_FIG_REFERRED_BY_SOURCE:
		acc->referred += c->n;
		return add_count(acc->by_source, c->key, c->n);
	case LT_FIG_SEX_CHILD:
		acc->sex_age[lt_stats_sex_age(c->key, (int)c->key2)] += c->n;
		return LT_OK;
	case LT_FIG_FORMS:
		acc->expl[lt_stats_expl_group(c->key)] += c->n;
		return LT_OK;
	case LT_FIG_CITIZENSHIP:
		return add_count(acc->citizenship, c->key, c->n);
	case LT_FIG_EXPLOITATION_COUNTRY:
		return add_count(acc->country, c->key, c->n);
	case LT_FIG_DAYS_REASONABLE_GROUNDS:
		return hist_add(acc->ctx->arena, &acc->days_rg, c->key2, c->n);
	case LT_FIG_DAYS_CONCLUSIVE:
		return hist_add(acc->ctx->arena, &acc->days_conclusive, c->key2, c->n);
	case LT_FIG_IDENTIFIED:
	case LT_FIG_IDENTIFIED_CHILDREN:
	case LT_FIG_IDENTIFIED_FOREIGN:
	case LT_FIG_CITIZENSHIP_UNKNOWN:
	case LT_FIG_NATIONALS_ABROAD:
	case LT_FIG_EXPLOITATION_COUNTRY_UNKNOWN:
	case LT_FIG_PENDING_AT_YEAR_END:
		acc->scalar[c->figure] = c->n;
		return LT_OK;
	}
	return LT_ERR_INTERNAL;
}

static json_t *percentile_json(const struct hist *h, int p)
{
	int64_t v;
	return lt_stats_percentile(h->bins, h->n, p, &v) ? json_integer(v) : json_null();
}

static json_t *days_json(const struct hist *h)
{
	int64_t n = 0;
	for (size_t i = 0; i < h->n; i++)
		n += h->bins[i].count;
	return json_pack("{s:I, s:o, s:o}", "count", (json_int_t)n, "median", percentile_json(h, 50),
			 "p90", percentile_json(h, 90));
}

/* --- the further figures of a period --- */

enum { GRP_NATIONAL, GRP_FOREIGN, GRP_UNKNOWN, GRP_COUNT };
static const char *const grp_names[GRP_COUNT] = {"nationals", "foreign", "citizenship_unknown"};
static const char *const forums[] = {"criminal", "civil", "state_fund"};

struct pacc {
	struct lt_ctx *ctx;
	const struct lt_jurisdiction *j;
	int64_t scalar[LT_PFIG_OPEN_ALERT + 1];
	json_t *services; /* type -> {nationals, foreign, citizenship_unknown} */
	int64_t assisted[GRP_COUNT];
	struct hist sentences;
	int64_t recorded, suspended, incarcerated, band[LT_BAND_COUNT];
	int64_t downgraded;
	json_t *comp;   /* forum -> {claimed, awarded, paid} -> {count, amount: {CUR: n}} */
	json_t *alerts; /* rule -> n */
};

/* The entry of FORUM in COMP, made with zeros when absent. */
static json_t *comp_forum(json_t *comp, const char *forum)
{
	json_t *f = json_object_get(comp, forum);
	if (f)
		return f;
	f = json_pack("{s:{s:i, s:{}}, s:{s:i, s:{}}, s:{s:i, s:{}}}", "claimed", "count", 0,
		      "amount", "awarded", "count", 0, "amount", "paid", "count", 0, "amount");
	return f && !json_object_set_new(comp, forum, f) ? f : NULL;
}

static lt_err comp_add(json_t *comp, const char *forum, const char *stage, const char *currency,
		       int64_t n, int64_t sum)
{
	json_t *f = comp_forum(comp, forum);
	if (!f)
		return LT_ERR_NOMEM;
	json_t *st = json_object_get(f, stage);
	lt_err rc = add_count(st, "count", n);
	return rc ? rc : add_count(json_object_get(st, "amount"), currency, sum);
}

static lt_err take_pcell(void *vctx, const struct lt_stats_pcell *c)
{
	struct pacc *a = vctx;
	switch (c->figure) {
	case LT_PFIG_SERVICE: {
		if (c->key2 < 0 || c->key2 >= GRP_COUNT)
			return LT_ERR_INTERNAL;
		json_t *t = json_object_get(a->services, c->key);
		if (!t) {
			t = json_pack("{s:i, s:i, s:i}", grp_names[0], 0, grp_names[1], 0,
				      grp_names[2], 0);
			if (!t || json_object_set_new(a->services, c->key, t))
				return LT_ERR_NOMEM;
		}
		return add_count(t, grp_names[c->key2], c->n);
	}
	case LT_PFIG_ASSISTED:
		if (c->key2 < 0 || c->key2 >= GRP_COUNT)
			return LT_ERR_INTERNAL;
		a->assisted[c->key2] += c->n;
		return LT_OK;
	case LT_PFIG_SENTENCE:
		a->recorded += c->n;
		a->band[lt_stats_band_of(c->key2)] += c->n;
		if (!strcmp(c->key, "1"))
			a->suspended += c->n;
		else if (c->key2 > 0)
			a->incarcerated += c->n;
		return hist_add(a->ctx->arena, &a->sentences, c->key2, c->n);
	case LT_PFIG_CHARGE_CHANGE:
		if (lt_stats_charge_downgraded(a->j, c->key, c->key_b))
			a->downgraded += c->n;
		return LT_OK;
	case LT_PFIG_COMP_CLAIMED:
		return comp_add(a->comp, c->key, "claimed", c->key_b, c->n, c->sum);
	case LT_PFIG_COMP_AWARDED:
		return comp_add(a->comp, c->key, "awarded", c->key_b, c->n, c->sum);
	case LT_PFIG_COMP_PAID:
		return comp_add(a->comp, c->key, "paid", c->key_b, c->n, c->sum);
	case LT_PFIG_OPEN_ALERT:
		return add_count(a->alerts, c->key, c->n);
	case LT_PFIG_INVESTIGATIONS:
	case LT_PFIG_SPECIALISED:
	case LT_PFIG_INDICTMENTS:
	case LT_PFIG_CONVICTIONS:
	case LT_PFIG_ACQUITTALS:
	case LT_PFIG_DISMISSALS:
	case LT_PFIG_PLEAS:
	case LT_PFIG_PENALISED:
		a->scalar[c->figure] = c->n;
		return LT_OK;
	}
	return LT_ERR_INTERNAL;
}

static void pacc_release(struct pacc *a)
{
	json_decref(a->services);
	json_decref(a->comp);
	json_decref(a->alerts);
	a->services = a->comp = a->alerts = NULL;
}

/* Counts the further figures of START..END into A (inside a read transaction). */
static lt_err period_read(struct lt_ctx *ctx, const struct lt_jurisdiction *j, const char *start,
			  const char *end, struct pacc *a)
{
	memset(a, 0, sizeof(*a));
	a->ctx = ctx;
	a->j = j;
	a->services = json_object();
	a->comp = json_object();
	a->alerts = json_object();
	if (!a->services || !a->comp || !a->alerts)
		return LT_ERR_NOMEM;
	/* Every service type and every forum is present, with 0 where none. */
	for (size_t i = 0; i < lt_vocab_size(LT_VOCAB_SERVICE); i++) {
		json_t *t = json_pack("{s:i, s:i, s:i}", grp_names[0], 0, grp_names[1], 0,
				      grp_names[2], 0);
		if (!t || json_object_set_new(a->services, lt_vocab_code_at(LT_VOCAB_SERVICE, i), t))
			return LT_ERR_NOMEM;
	}
	for (size_t i = 0; i < LT_ARRAY_LEN(forums); i++) {
		if (!comp_forum(a->comp, forums[i]))
			return LT_ERR_NOMEM;
	}
	return lt_store_stats_period(ctx->store, start, end, j->country, take_pcell, a);
}

static json_t *percent_json(int64_t n, int64_t of)
{
	return of > 0 ? json_real(lt_share_percent(n, of)) : json_null();
}

static json_t *groups_json(const int64_t g[GRP_COUNT])
{
	return json_pack("{s:I, s:I, s:I}", grp_names[0], (json_int_t)g[0], grp_names[1],
			 (json_int_t)g[1], grp_names[2], (json_int_t)g[2]);
}

static json_t *proceedings_json(struct pacc *a)
{
	const int64_t *s = a->scalar;
	int64_t convictions = s[LT_PFIG_CONVICTIONS];
	a->band[LT_BAND_NOT_RECORDED] = convictions > a->recorded ? convictions - a->recorded : 0;
	json_t *bands = json_object();
	for (int b = 0; b < LT_BAND_COUNT && bands; b++)
		json_object_set_new(bands, lt_stats_band_name((enum lt_stats_band)b),
				    json_integer(a->band[b]));
	return json_pack(
		"{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:o}, "
		"s:{s:I, s:o, s:o*, s:I, s:o, s:I}}",
		"investigations_opened", (json_int_t)s[LT_PFIG_INVESTIGATIONS], "indictments",
		(json_int_t)s[LT_PFIG_INDICTMENTS], "convictions", (json_int_t)convictions,
		"acquittals", (json_int_t)s[LT_PFIG_ACQUITTALS], "dismissals",
		(json_int_t)s[LT_PFIG_DISMISSALS], "plea_agreements", (json_int_t)s[LT_PFIG_PLEAS],
		"charges_downgraded", (json_int_t)a->downgraded, "specialised_prosecutor", "count",
		(json_int_t)s[LT_PFIG_SPECIALISED], "of", (json_int_t)s[LT_PFIG_INVESTIGATIONS],
		"percent", percent_json(s[LT_PFIG_SPECIALISED], s[LT_PFIG_INVESTIGATIONS]),
		"sentences", "recorded", (json_int_t)a->recorded, "median_months",
		percentile_json(&a->sentences, 50), "by_band", bands, "suspended",
		(json_int_t)a->suspended, "suspended_percent",
		percent_json(a->suspended, a->recorded), "with_incarceration",
		(json_int_t)a->incarcerated);
}

/* --- shelters over a year --- */

struct occ {
	struct lt_ctx *ctx;
	const char *start;
	size_t ndays;
	int64_t used[LT_PLACE_COUNT], avail[LT_PLACE_COUNT];
	struct lt_state_list states;
	struct lt_stay_list stays;
	struct lt_turn_away_tally tally;
};

/* Adds one shelter's nights over the year: the places its stays occupied
 * each day (lt_occupancy_days, the shelter board's rule) and the capacity in
 * force that day, from its first recorded state on (a shelter registered
 * mid-year offers nothing before). */
static lt_err occ_shelter(void *vctx, const struct lt_shelter_row *r)
{
	struct occ *o = vctx;
	o->states.n = o->stays.n = 0;
	char end[11];
	lt_date_add_days(o->start, (int)o->ndays - 1, end);
	lt_err rc = lt_store_shelter_states(o->ctx->store, r->id, lt_state_list_push, &o->states);
	if (!rc)
		rc = lt_store_shelter_stays(o->ctx->store, r->id, o->start, end, lt_stay_list_push, &o->stays);
	if (rc)
		return rc;
	struct lt_occupancy_day *days = calloc(o->ndays, sizeof(*days));
	if (!days)
		return LT_ERR_NOMEM;
	rc = lt_occupancy_days(o->states.items, o->states.n, o->stays.items, o->stays.n, o->start, o->ndays, days);
	for (size_t d = 0; d < o->ndays && !rc; d++)
		for (int p = 0; p < LT_PLACE_COUNT; p++) {
			o->used[p] += days[d].occupied[p];
			if (o->states.n && strcmp(days[d].date, o->states.items[0].from) >= 0)
				o->avail[p] += days[d].capacity[p];
		}
	free(days);
	return rc;
}

static lt_err occ_turn_away(void *vctx, const struct lt_turn_away_row *r)
{
	struct occ *o = vctx;
	lt_turn_away_add(&o->tally, r->reason, r->alternative);
	return LT_OK;
}

static json_t *nights_json(int64_t used, int64_t avail)
{
	return json_pack("{s:I, s:I, s:o}", "nights_used", (json_int_t)used, "nights_available",
			 (json_int_t)avail, "percent", percent_json(used, avail));
}

static lt_err shelters_read(struct lt_ctx *ctx, const char *start, const char *end, json_t **occ_out,
			    json_t **ta_out)
{
	struct occ o;
	memset(&o, 0, sizeof(o));
	o.ctx = ctx;
	o.start = start;
	o.ndays = (size_t)(lt_date_diff_days(start, end) + 1);
	lt_err rc = lt_store_shelter_list(ctx->store, occ_shelter, &o);
	if (!rc)
		rc = lt_store_turn_aways(ctx->store, start, end, occ_turn_away, &o);
	free(o.states.items);
	free(o.stays.items);
	if (rc)
		return rc;
	json_t *occ = json_object();
	int64_t tu = 0, tav = 0;
	for (int p = 0; p < LT_PLACE_COUNT && occ; p++) {
		json_object_set_new(occ, lt_place_name((enum lt_place)p), nights_json(o.used[p], o.avail[p]));
		tu += o.used[p];
		tav += o.avail[p];
	}
	if (occ)
		json_object_set_new(occ, "total", nights_json(tu, tav));
	json_t *reasons = json_object(), *alts = json_object();
	for (int i = 0; i < LT_TURN_AWAY_COUNT && reasons; i++)
		json_object_set_new(reasons, lt_turn_away_name((enum lt_turn_away)i),
				    json_integer(o.tally.by_reason[i]));
	for (int i = 0; i < LT_ALT_COUNT && alts; i++)
		json_object_set_new(alts, lt_alternative_name((enum lt_alternative)i),
				    json_integer(o.tally.by_alternative[i]));
	*occ_out = occ;
	*ta_out = json_pack("{s:I, s:o*, s:o*}", "total", (json_int_t)o.tally.total, "by_reason",
			    reasons, "by_alternative", alts);
	if (!*occ_out || !*ta_out) {
		json_decref(*occ_out);
		json_decref(*ta_out);
		return LT_ERR_NOMEM;
	}
	return LT_OK;
}

/* The annual figures of YEAR, read inside the caller's read transaction;
 * no authorisation, no audit. */
static lt_err annual_read(struct lt_ctx *ctx, const struct lt_jurisdiction *j, int64_t year,
			  json_t **out)
{
	*out = NULL;
	struct acc acc;
	memset(&acc, 0, sizeof(acc));
	acc.ctx = ctx;
	acc.by_source = json_object();
	acc.citizenship = json_object();
	acc.country = json_object();
	/* Every referral source is present, with 0 where none. */
	for (size_t i = 0; i < lt_vocab_size(LT_VOCAB_REFERRAL_SOURCE) && acc.by_source; i++)
		json_object_set_new(acc.by_source, lt_vocab_code_at(LT_VOCAB_REFERRAL_SOURCE, i),
				    json_integer(0));
	lt_err rc = !acc.by_source || !acc.citizenship || !acc.country ? LT_ERR_NOMEM : LT_OK;
	if (!rc)
		rc = lt_store_stats_annual(ctx->store, year, j->country, take_cell, &acc);
	char start[16], end[16];
	snprintf(start, sizeof(start), "%04d-01-01", (int)year);
	snprintf(end, sizeof(end), "%04d-12-31", (int)year);
	struct pacc pa;
	memset(&pa, 0, sizeof(pa));
	if (!rc)
		rc = period_read(ctx, j, start, end, &pa);
	json_t *occ = NULL, *ta = NULL;
	if (!rc)
		rc = shelters_read(ctx, start, end, &occ, &ta);
	if (rc) {
		json_decref(acc.by_source);
		json_decref(acc.citizenship);
		json_decref(acc.country);
		pacc_release(&pa);
		return rc;
	}
	json_t *expl = json_object(), *sex_age = json_object();
	for (int g = 0; g < LT_EXPL_COUNT && expl; g++)
		json_object_set_new(expl, lt_stats_expl_name((enum lt_stats_expl)g),
				    json_integer(acc.expl[g]));
	for (int g = 0; g < LT_SA_COUNT && sex_age; g++)
		json_object_set_new(sex_age, lt_stats_sex_age_name((enum lt_stats_sex_age)g),
				    json_integer(acc.sex_age[g]));
	*out = json_pack(
		"{s:I, s:I, s:o, s:I, s:o*, s:o*, s:I, s:I, s:I, s:o, s:I, s:o, s:I, "
		"s:{s:o*, s:o*}, s:I}",
		"year", (json_int_t)year, "referred", (json_int_t)acc.referred, "referred_by_source",
		acc.by_source, "identified", (json_int_t)acc.scalar[LT_FIG_IDENTIFIED],
		"identified_by_exploitation", expl, "identified_by_sex_age", sex_age,
		"identified_children", (json_int_t)acc.scalar[LT_FIG_IDENTIFIED_CHILDREN],
		"identified_foreign", (json_int_t)acc.scalar[LT_FIG_IDENTIFIED_FOREIGN],
		"identified_citizenship_unknown", (json_int_t)acc.scalar[LT_FIG_CITIZENSHIP_UNKNOWN],
		"identified_by_citizenship", acc.citizenship,
		"identified_country_of_exploitation_unknown",
		(json_int_t)acc.scalar[LT_FIG_EXPLOITATION_COUNTRY_UNKNOWN],
		"identified_by_country_of_exploitation", acc.country, "nationals_exploited_abroad",
		(json_int_t)acc.scalar[LT_FIG_NATIONALS_ABROAD],
		"decision_days", "reasonable_grounds", days_json(&acc.days_rg), "conclusive",
		days_json(&acc.days_conclusive), "pending_decisions_at_year_end",
		(json_int_t)acc.scalar[LT_FIG_PENDING_AT_YEAR_END]);
	if (*out &&
	    (json_object_set_new(*out, "victims_assisted", groups_json(pa.assisted)) ||
	     json_object_set(*out, "services_by_type", pa.services) ||
	     json_object_set_new(*out, "shelter_occupancy", occ) ||
	     json_object_set_new(*out, "turn_aways", ta) ||
	     json_object_set_new(*out, "proceedings", proceedings_json(&pa)) ||
	     json_object_set(*out, "compensation", pa.comp) ||
	     json_object_set_new(*out, "victims_penalised",
				 json_integer(pa.scalar[LT_PFIG_PENALISED])) ||
	     json_object_set(*out, "open_alerts_by_rule", pa.alerts))) {
		json_decref(*out);
		*out = NULL;
	} else if (!*out) {
		json_decref(occ);
		json_decref(ta);
	}
	pacc_release(&pa);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

/* Checks the role and the year, and loads what every read needs. */
static lt_err stats_begin(struct lt_ctx *ctx, const struct lt_jurisdiction **j)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_STATS_READ, 0);
	if (rc)
		return rc;
	if ((rc = lt_vocab_init(ctx->problem)))
		return rc;
	*j = lt_ctx_jurisdiction(ctx);
	return *j ? LT_OK : LT_ERR_INTERNAL;
}

static bool year_ok(int64_t y)
{
	return y >= LT_STATS_YEAR_MIN && y <= LT_STATS_YEAR_MAX;
}

lt_err lt_svc_stats_annual(struct lt_ctx *ctx, int64_t year, json_t **out)
{
	*out = NULL;
	const struct lt_jurisdiction *j;
	lt_err rc = stats_begin(ctx, &j);
	if (rc)
		return rc;
	if (!year_ok(year))
		return lt_problem_field(ctx->problem, "year", "must be a whole number from %d to %d",
					LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	if (!(rc = lt_store_read_begin(ctx->store))) {
		rc = annual_read(ctx, j, year, out);
		lt_store_read_end(ctx->store);
	}
	char detail[32];
	snprintf(detail, sizeof(detail), "year=%lld", (long long)year);
	if (!rc)
		rc = lt_audit_record(ctx, "stats.annual", NULL, 0, "ok", detail);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

/* The main figures of one year, for the trend. */
static json_t *trend_year(const json_t *a)
{
	const json_t *as = json_object_get(a, "victims_assisted");
	const json_t *pr = json_object_get(a, "proceedings");
	json_int_t assisted = json_integer_value(json_object_get(as, "nationals")) +
			      json_integer_value(json_object_get(as, "foreign")) +
			      json_integer_value(json_object_get(as, "citizenship_unknown"));
	return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:I, s:O, s:O, s:O, s:O, s:O}",
			 "year", json_object_get(a, "year"), "referred",
			 json_object_get(a, "referred"), "identified",
			 json_object_get(a, "identified"), "identified_by_exploitation",
			 json_object_get(a, "identified_by_exploitation"), "identified_children",
			 json_object_get(a, "identified_children"), "identified_foreign",
			 json_object_get(a, "identified_foreign"), "nationals_exploited_abroad",
			 json_object_get(a, "nationals_exploited_abroad"),
			 "pending_decisions_at_year_end",
			 json_object_get(a, "pending_decisions_at_year_end"), "victims_assisted",
			 assisted, "turn_aways", json_object_get(json_object_get(a, "turn_aways"), "total"),
			 "investigations_opened", json_object_get(pr, "investigations_opened"),
			 "indictments", json_object_get(pr, "indictments"), "convictions",
			 json_object_get(pr, "convictions"), "victims_penalised",
			 json_object_get(a, "victims_penalised"));
}

static lt_err trend_check(struct lt_ctx *ctx, int64_t from, int64_t to)
{
	if (!year_ok(from))
		return lt_problem_field(ctx->problem, "from", "must be a whole number from %d to %d",
					LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	if (!year_ok(to))
		return lt_problem_field(ctx->problem, "to", "must be a whole number from %d to %d",
					LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	if (to < from)
		return lt_problem_field(ctx->problem, "to", "cannot be before from (%lld)",
					(long long)from);
	if (to - from + 1 > LT_STATS_TREND_MAX_YEARS)
		return lt_problem_field(ctx->problem, "to", "makes the trend %lld years long; it "
							    "covers at most %d",
					(long long)(to - from + 1), LT_STATS_TREND_MAX_YEARS);
	return LT_OK;
}

/* The trend over FROM..TO inside a read transaction. */
static lt_err trend_read(struct lt_ctx *ctx, const struct lt_jurisdiction *j, int64_t from,
			 int64_t to, json_t **out)
{
	json_t *years = json_array();
	lt_err rc = years ? LT_OK : LT_ERR_NOMEM;
	for (int64_t y = from; y <= to && !rc; y++) {
		json_t *a = NULL;
		if (!(rc = annual_read(ctx, j, y, &a))) {
			json_t *t = trend_year(a);
			if (!t || json_array_append_new(years, t))
				rc = LT_ERR_NOMEM;
		}
		json_decref(a);
	}
	*out = rc ? NULL
		  : json_pack("{s:I, s:I, s:O}", "from", (json_int_t)from, "to", (json_int_t)to,
			      "years", years);
	json_decref(years);
	return rc ? rc : *out ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_stats_trend(struct lt_ctx *ctx, int64_t from, int64_t to, json_t **out)
{
	*out = NULL;
	const struct lt_jurisdiction *j;
	lt_err rc = stats_begin(ctx, &j);
	if (rc || (rc = trend_check(ctx, from, to)))
		return rc;
	if (!(rc = lt_store_read_begin(ctx->store))) {
		rc = trend_read(ctx, j, from, to, out);
		lt_store_read_end(ctx->store);
	}
	char detail[48];
	snprintf(detail, sizeof(detail), "from=%lld to=%lld", (long long)from, (long long)to);
	if (!rc)
		rc = lt_audit_record(ctx, "stats.trend", NULL, 0, "ok", detail);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

lt_err lt_svc_stats_report(struct lt_ctx *ctx, const struct lt_stats_report_ask *ask,
			   struct lt_buf *html)
{
	const struct lt_jurisdiction *j;
	lt_err rc = stats_begin(ctx, &j);
	if (rc)
		return rc;
	bool trend = ask->from || ask->to;
	if (trend) {
		if ((rc = trend_check(ctx, ask->from, ask->to)))
			return rc;
	} else if (!year_ok(ask->year)) {
		return lt_problem_field(ctx->problem, "year", "must be a whole number from %d to %d",
					LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	}
	if (!lt_report_lang_ok(ask->lang))
		return lt_problem_field(ctx->problem, "lang", "must be en, sr or sr-Cyrl");
	if (ask->threshold < 1 || ask->threshold > LT_REPORT_THRESHOLD_MAX)
		return lt_problem_field(ctx->problem, "suppress", "must be a whole number from 1 to %d",
					LT_REPORT_THRESHOLD_MAX);
	json_t *cur = NULL, *prev = NULL;
	if (!(rc = lt_store_read_begin(ctx->store))) {
		if (trend)
			rc = trend_read(ctx, j, ask->from, ask->to, &cur);
		else if (!(rc = annual_read(ctx, j, ask->year, &cur)) && ask->year > LT_STATS_YEAR_MIN)
			rc = annual_read(ctx, j, ask->year - 1, &prev);
		lt_store_read_end(ctx->store);
	}
	struct lt_report_opts o = {ask->lang, ask->published, ask->threshold,
				   strcmp(ask->lang, "en") ? j->name_sr : j->name_en};
	if (!rc)
		rc = trend ? lt_report_trend_html(html, cur, &o)
			   : lt_report_annual_html(html, cur, prev, &o);
	json_decref(cur);
	json_decref(prev);
	char detail[96];
	if (trend)
		snprintf(detail, sizeof(detail), "from=%lld to=%lld lang=%s published=%d",
			 (long long)ask->from, (long long)ask->to, ask->lang, ask->published);
	else
		snprintf(detail, sizeof(detail), "year=%lld lang=%s published=%d",
			 (long long)ask->year, ask->lang, ask->published);
	if (!rc)
		rc = lt_audit_record(ctx, "stats.report", NULL, 0, "ok", detail);
	return rc;
}

lt_err lt_stats_law_enforcement(struct lt_ctx *ctx, const char *start, const char *end,
				struct lt_stats_law *out)
{
	memset(out, 0, sizeof(*out));
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return LT_ERR_INTERNAL;
	lt_err rc = lt_vocab_init(ctx->problem);
	struct pacc a;
	memset(&a, 0, sizeof(a));
	if (!rc)
		rc = period_read(ctx, j, start, end, &a);
	if (!rc) {
		out->investigations = a.scalar[LT_PFIG_INVESTIGATIONS];
		out->prosecutions = a.scalar[LT_PFIG_INDICTMENTS];
		out->convictions = a.scalar[LT_PFIG_CONVICTIONS];
		out->incarceration = a.incarcerated;
		out->penalised = a.scalar[LT_PFIG_PENALISED];
	}
	pacc_release(&a);
	return rc;
}

static bool is_leaf_map(const json_t *v)
{
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)v, key, val)
		if (json_is_object(val))
			return false;
	return true;
}

static lt_err csv_row(struct lt_buf *out, const char *figure, const char *key, const json_t *val)
{
	if (json_is_integer(val))
		return lt_buf_addf(out, "%s,%s,%lld\n", figure, key, (long long)json_integer_value(val));
	if (json_is_real(val))
		return lt_buf_addf(out, "%s,%s,%.1f\n", figure, key, json_real_value(val));
	if (json_is_string(val)) /* "source": "ctdc", a code */
		return lt_buf_addf(out, "%s,%s,%s\n", figure, key, json_string_value(val));
	return lt_buf_addf(out, "%s,%s,\n", figure, key);
}

/* Rows of OBJ under PREFIX ("" at the top). */
static lt_err csv_walk(const json_t *obj, const char *prefix, struct lt_buf *out)
{
	const char *key;
	json_t *val;
	lt_err rc = LT_OK;
	json_object_foreach((json_t *)obj, key, val) {
		char figure[128];
		snprintf(figure, sizeof(figure), "%s%s%s", prefix, *prefix ? "." : "", key);
		if (!json_is_object(val)) {
			rc = *prefix ? csv_row(out, prefix, key, val) : csv_row(out, key, "", val);
		} else if (is_leaf_map(val)) {
			const char *k;
			json_t *v;
			json_object_foreach(val, k, v)
				if ((rc = csv_row(out, figure, k, v)))
					break;
		} else {
			rc = csv_walk(val, figure, out);
		}
		if (rc)
			return rc;
	}
	return LT_OK;
}

lt_err lt_stats_annual_csv(const json_t *annual, struct lt_buf *out)
{
	lt_err rc = lt_buf_adds(out, "figure,key,value\n");
	return rc ? rc : csv_walk(annual, "", out);
}

lt_err lt_stats_trend_csv(const json_t *trend, struct lt_buf *out)
{
	lt_err rc = lt_buf_adds(out, "year,figure,key,value\n");
	const json_t *years = json_object_get(trend, "years");
	for (size_t i = 0; i < json_array_size(years) && !rc; i++) {
		const json_t *y = json_array_get(years, i);
		struct lt_buf rows;
		lt_buf_init(&rows, 0);
		rc = csv_walk(y, "", &rows);
		/* each row of the year, prefixed with the year */
		long long year = (long long)json_integer_value(json_object_get(y, "year"));
		for (size_t a = 0; !rc && a < rows.len;) {
			const char *line = (const char *)rows.data + a;
			const char *nl = memchr(line, '\n', rows.len - a);
			size_t len = nl ? (size_t)(nl - line) : rows.len - a;
			rc = lt_buf_addf(out, "%lld,%.*s\n", year, (int)len, line);
			a += len + 1;
		}
		lt_buf_release(&rows);
	}
	return rc;
}
