#include "service/assessment.h"
#include "base/embed.h"
#include "base/json.h"
#include "base/str.h"
#include "domain/jurisdiction.h"
#include "service/audit.h"
#include "service/policy.h"
#include "service/stats.h"
#include "service/tiers.h"

static json_t *period_json(const struct lt_period *p)
{
	return json_pack("{s:s, s:s}", "start", p->start, "end", p->end);
}

/* ONE and MANY are the words after the number ("conviction from",
 * "convictions from"), so that 1 reads as one. */
static json_t *count_figure(int64_t prev, int64_t cur, const struct lt_period *pp,
			    const struct lt_period *cp, const char *one, const char *many)
{
	char evidence[200];
	snprintf(evidence, sizeof(evidence), "%lld %s %s to %s; %lld %s %s to %s",
		 (long long)cur, cur == 1 ? one : many, cp->start, cp->end, (long long)prev,
		 prev == 1 ? one : many, pp->start, pp->end);
	return json_pack("{s:s, s:s, s:I, s:I, s:s, s:s}", "status", "recorded", "kind", "count",
			 "current", (json_int_t)cur, "previous", (json_int_t)prev, "trend",
			 lt_trend_name(lt_trend_of_counts(prev, cur)), "evidence", evidence);
}

static json_t *share_value(int64_t n, int64_t of)
{
	return of > 0 ? json_real(lt_share_percent(n, of)) : json_null();
}

static void share_text(char *dst, size_t cap, int64_t n, int64_t of, const struct lt_period *p)
{
	if (of > 0)
		snprintf(dst, cap, "%.1f%% (%lld of %lld) from %s to %s", lt_share_percent(n, of),
			 (long long)n, (long long)of, p->start, p->end);
	else
		snprintf(dst, cap, "none of 0 from %s to %s", p->start, p->end);
}

static json_t *share_figure(int64_t pn, int64_t pof, int64_t cn, int64_t cof,
			    const struct lt_period *pp, const struct lt_period *cp)
{
	char cur[120], prev[120], evidence[250];
	share_text(cur, sizeof(cur), cn, cof, cp);
	share_text(prev, sizeof(prev), pn, pof, pp);
	snprintf(evidence, sizeof(evidence), "%s; %s", cur, prev);
	return json_pack("{s:s, s:s, s:o, s:o, s:{s:I, s:I}, s:{s:I, s:I}, s:s, s:s}", "status",
			 "recorded", "kind", "share", "current", share_value(cn, cof), "previous",
			 share_value(pn, pof), "current_count", "n", (json_int_t)cn, "of",
			 (json_int_t)cof, "previous_count", "n", (json_int_t)pn, "of",
			 (json_int_t)pof, "trend",
			 lt_trend_name(lt_trend_of_shares(pn, pof, cn, cof)), "evidence", evidence);
}

static json_t *places_figure(int64_t prev, int64_t cur, const struct lt_period *pp,
			     const struct lt_period *cp)
{
	char evidence[160];
	snprintf(evidence, sizeof(evidence), "%lld place%s on %s; %lld on %s", (long long)cur,
		 cur == 1 ? "" : "s", cp->end, (long long)prev, pp->end);
	return json_pack("{s:s, s:s, s:I, s:I, s:s, s:s}", "status", "recorded", "kind", "count",
			 "current", (json_int_t)cur, "previous", (json_int_t)prev, "trend",
			 lt_trend_name(lt_trend_of_counts(prev, cur)), "evidence", evidence);
}

/* A deployment set to a country without a jurisdiction profile is a gap in
 * its configuration: the loader's sentence says which, and the client may
 * see it (a 500 would hide it). */
static lt_err no_jurisdiction(struct lt_ctx *ctx)
{
	if (!ctx->problem->detail[0])
		return LT_ERR_INTERNAL;
	char detail[sizeof(ctx->problem->detail)];
	lt_str_copy(detail, sizeof(detail), ctx->problem->detail);
	return lt_problem_set(ctx->problem, LT_ERR_CONFLICT, "%s", detail);
}

/* The own country's alpha-3 code: from data/tiers/countries.csv, else from
 * the tier history H (the shipped one plus the added years, read here when
 * H is NULL) by the jurisdiction's English name. A deployment whose country
 * neither knows is a gap in its configuration, not a server fault: the
 * answer is a conflict whose detail says which row to add. */
static lt_err own_iso3(struct lt_ctx *ctx, const struct lt_jurisdiction *j,
		       const struct lt_tier_history *h, char iso3[4])
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "tiers/countries.csv");
	const char *table = f ? (const char *)f->data : NULL;
	size_t len = f ? f->len : 0;
	if (table && lt_country_iso3(table, len, j->country, iso3) == LT_OK)
		return LT_OK;
	struct lt_tier_history own;
	lt_tier_history_init(&own);
	lt_err rc = LT_OK;
	if (!h) {
		rc = lt_svc_tier_history(ctx, &own, NULL);
		h = &own;
	}
	if (!rc && lt_tier_country_resolve(table, len, j->country, j->name_en, h, iso3,
					   ctx->problem))
		rc = LT_ERR_CONFLICT;
	lt_tier_history_release(&own);
	return rc;
}

static json_t *figures_json(const struct lt_assessment_figures *p,
			    const struct lt_assessment_figures *c, const struct lt_stats_law *pl,
			    const struct lt_stats_law *cl, const struct lt_period *pp,
			    const struct lt_period *cp)
{
	json_t *f = json_object();
	if (!f)
		return NULL;
	json_object_set_new(f, "victims_identified",
			    count_figure(p->identified, c->identified, pp, cp, "identified from",
					 "identified from"));
	json_object_set_new(f, "victims_assisted",
			    count_figure(p->assisted, c->assisted, pp, cp, "assisted from",
					 "assisted from"));
	json_object_set_new(f, "non_citizen_share",
			    share_figure(p->foreign, p->identified, c->foreign, c->identified, pp,
					 cp));
	json_object_set_new(f, "services_foreign_share",
			    share_figure(p->foreign_served, p->foreign, c->foreign_served,
					 c->foreign, pp, cp));
	json_object_set_new(f, "services_nationals_share",
			    share_figure(p->nationals_served, p->nationals, c->nationals_served,
					 c->nationals, pp, cp));
	json_object_set_new(f, "shelter_places",
			    places_figure(p->shelter_places, c->shelter_places, pp, cp));
	/* The law-enforcement figures, as docs/statistics.md defines them. */
	json_object_set_new(f, "investigations",
			    count_figure(pl->investigations, cl->investigations, pp, cp,
					 "investigation opened from",
					 "investigations opened from"));
	json_object_set_new(f, "prosecutions",
			    count_figure(pl->prosecutions, cl->prosecutions, pp, cp,
					 "indictment from", "indictments from"));
	json_object_set_new(f, "convictions",
			    count_figure(pl->convictions, cl->convictions, pp, cp,
					 "conviction from", "convictions from"));
	json_object_set_new(f, "sentences_with_incarceration",
			    count_figure(pl->incarceration, cl->incarceration, pp, cp,
					 "prison term not suspended from",
					 "prison terms not suspended from"));
	json_object_set_new(f, "victims_penalised",
			    count_figure(pl->penalised, cl->penalised, pp, cp,
					 "victim penalised from", "victims penalised from"));
	if (json_object_size(f) != 11) {
		json_decref(f);
		return NULL;
	}
	return f;
}

lt_err lt_svc_assessment_scorecard(struct lt_ctx *ctx, int64_t year, enum lt_period_kind kind,
				   json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_ASSESSMENT_READ, 0);
	if (rc)
		return rc;
	if (year < LT_ASSESSMENT_YEAR_MIN || year > LT_ASSESSMENT_YEAR_MAX)
		return lt_problem_field(ctx->problem, "year", "must be a whole number from %d to %d",
					LT_ASSESSMENT_YEAR_MIN, LT_ASSESSMENT_YEAR_MAX);
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return no_jurisdiction(ctx);
	/* The figures are Lantern's own; only the label needs the code, so a
	 * country the tier data do not know still gets its scorecard. */
	char iso3[4];
	if ((rc = own_iso3(ctx, j, NULL, iso3))) {
		if (rc != LT_ERR_CONFLICT)
			return rc;
		iso3[0] = '\0';
		lt_problem_init(ctx->problem);
	}
	struct lt_period cp, pp;
	lt_period_of(kind, (int)year, &cp);
	lt_period_of(kind, (int)year - 1, &pp);
	struct lt_assessment_figures cur, prev;
	struct lt_stats_law cur_law, prev_law;
	if (!(rc = lt_store_read_begin(ctx->store))) {
		rc = lt_store_assessment_figures(ctx->store, cp.start, cp.end, j->country, &cur);
		if (!rc)
			rc = lt_store_assessment_figures(ctx->store, pp.start, pp.end, j->country,
							 &prev);
		if (!rc)
			rc = lt_stats_law_enforcement(ctx, cp.start, cp.end, &cur_law);
		if (!rc)
			rc = lt_stats_law_enforcement(ctx, pp.start, pp.end, &prev_law);
		lt_store_read_end(ctx->store);
	}
	char detail[48];
	snprintf(detail, sizeof(detail), "year=%lld period=%s", (long long)year,
		 lt_period_kind_name(kind));
	if (!rc)
		rc = lt_audit_record(ctx, "assessment.scorecard", NULL, 0, "ok", detail);
	if (rc)
		return rc;
	*out = json_pack("{s:s, s:o, s:I, s:s, s:o, s:o, s:o}", "country", j->country, "iso3",
			 lt_json_str_or_null(iso3), "year", (json_int_t)year, "period", lt_period_kind_name(kind),
			 "current", period_json(&cp), "previous", period_json(&pp), "figures",
			 figures_json(&prev, &cur, &prev_law, &cur_law, &pp, &cp));
	return *out ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_assessment_clock(struct lt_ctx *ctx, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_ASSESSMENT_READ, 0);
	if (rc)
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return no_jurisdiction(ctx);
	char iso3[4] = "";
	struct lt_tier_rules rules;
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	/* The history is the shipped one plus the years an admin added. */
	rc = lt_svc_tier_rules(ctx, &rules);
	if (!rc)
		rc = lt_svc_tier_history(ctx, &h, NULL);
	if (!rc)
		rc = own_iso3(ctx, j, &h, iso3);
	const struct lt_tier_placement *pl = NULL;
	size_t n = 0;
	if (!rc) {
		lt_tier_history_country(&h, iso3, &pl, &n);
		if (n == 0) {
			rc = lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
					    "The tier history has no placement for %s (%s): add its "
					    "years to data/tiers/history.csv and rebuild "
					    "(data/tiers/README.md).",
					    iso3, j->country);
		}
	}
	struct lt_watch_clock clock;
	int year = 0;
	enum lt_tier last = LT_TIER_NOT_RANKED;
	if (!rc) {
		year = pl[n - 1].year + 1;
		last = pl[n - 1].tier;
		if (lt_watch_clock(&h, &rules, iso3, year, &clock, ctx->problem))
			rc = LT_ERR_INTERNAL;
	}
	lt_tier_history_release(&h);
	char detail[48];
	snprintf(detail, sizeof(detail), "country=%s year=%d", iso3, year);
	if (!rc)
		rc = lt_audit_record(ctx, "assessment.clock", NULL, 0, "ok", detail);
	if (rc)
		return rc;
	json_t *allowed = json_array();
	for (int t = 0; allowed && t < LT_TIER_COUNT; t++)
		if (clock.outlook.allowed[t])
			json_array_append_new(allowed, json_string(lt_tier_name((enum lt_tier)t)));
	*out = json_pack("{s:s, s:s, s:i, s:{s:i, s:s}, s:o, s:b, s:b, s:i, s:i, s:i, s:i, s:i, "
			 "s:s, s:s*, s:s, s:s}",
			 "country", j->country, "iso3", iso3, "report_year", year,
			 "last_placement", "year", year - 1, "tier", lt_tier_name(last), "allowed",
			 allowed, "watch_list_allowed",
			 clock.outlook.allowed[LT_TIER_2_WATCH_LIST], "waiver_required",
			 clock.outlook.waiver_required, "watch_list_years_in_a_row", clock.run,
			 "years_used", clock.years_used, "years_max", clock.years_max,
			 "waivers_used", clock.waivers_used, "waivers_max", clock.waivers_max,
			 "waiver", clock.waiver, "rule", clock.outlook.rule, "reason",
			 clock.outlook.reason, "sentence", clock.sentence);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
