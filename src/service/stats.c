#include "service/stats.h"
#include "domain/jurisdiction.h"
#include "domain/stats.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/policy.h"

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
		size_t cap = h->cap ? h->cap * 2 : 64;
		struct lt_stats_bin *b = lt_arena_alloc(a, cap * sizeof(*b));
		if (!b)
			return LT_ERR_NOMEM;
		if (h->n)
			memcpy(b, h->bins, h->n * sizeof(*b));
		h->bins = b;
		h->cap = cap;
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
	return json_pack("{s:o, s:o}", "median", percentile_json(h, 50), "p90", percentile_json(h, 90));
}

lt_err lt_svc_stats_annual(struct lt_ctx *ctx, int64_t year, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_STATS_READ, 0);
	if (rc)
		return rc;
	if (year < LT_STATS_YEAR_MIN || year > LT_STATS_YEAR_MAX)
		return lt_problem_field(ctx->problem, "year", "must be a whole number from %d to %d",
					LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	if ((rc = lt_vocab_init(ctx->problem)))
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return LT_ERR_INTERNAL;
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
	if (!acc.by_source || !acc.citizenship || !acc.country)
		rc = LT_ERR_NOMEM;
	if (!rc && !(rc = lt_store_read_begin(ctx->store))) {
		rc = lt_store_stats_annual(ctx->store, year, j->country, take_cell, &acc);
		lt_store_read_end(ctx->store);
	}
	char detail[32];
	snprintf(detail, sizeof(detail), "year=%lld", (long long)year);
	if (!rc)
		rc = lt_audit_record(ctx, "stats.annual", NULL, 0, "ok", detail);
	if (rc) {
		json_decref(acc.by_source);
		json_decref(acc.citizenship);
		json_decref(acc.country);
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
	return *out ? LT_OK : LT_ERR_NOMEM;
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
