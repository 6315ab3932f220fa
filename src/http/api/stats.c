#include "base/str.h"
#include "domain/report.h"
#include "http/api/handlers.h"
#include "service/ctdc_import.h"
#include "service/stats.h"
#include <sodium.h>

/* A year in query parameter NAME; on a bad or missing one, a problem naming
 * query.NAME and false. */
static bool query_year(struct lt_req *req, const char *name, int64_t *out)
{
	const char *v = lt_req_query(req, name);
	if (v && !lt_str_to_i64(v, out) && *out >= LT_STATS_YEAR_MIN && *out <= LT_STATS_YEAR_MAX)
		return true;
	char field[24];
	snprintf(field, sizeof(field), "query.%s", name);
	lt_problem_field(&req->problem, field, "must be a whole number from %d to %d",
			 LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	return false;
}

/* query.from and query.to of a trend: both years, in order, not too far apart. */
static bool query_span(struct lt_req *req, int64_t *from, int64_t *to)
{
	bool ok = query_year(req, "from", from);
	ok &= query_year(req, "to", to);
	if (ok && *to < *from)
		ok = !lt_problem_field(&req->problem, "query.to", "cannot be before query.from (%lld)",
				       (long long)*from);
	else if (ok && *to - *from + 1 > LT_STATS_TREND_MAX_YEARS)
		ok = !lt_problem_field(&req->problem, "query.to",
				       "makes the trend %lld years long; it covers at most %d",
				       (long long)(*to - *from + 1), LT_STATS_TREND_MAX_YEARS);
	return ok;
}

/* query.format: json (the default) or csv; a problem naming it otherwise. */
static bool query_csv(struct lt_req *req, bool *csv)
{
	const char *f = lt_req_query(req, "format");
	*csv = f && !strcmp(f, "csv");
	if (!f || *csv || !strcmp(f, "json"))
		return true;
	lt_problem_field(&req->problem, "query.format", "must be json or csv");
	return false;
}

/* Answers the figures OUT (taken) as JSON, or as the CSV of the command
 * line (docs/statistics.md), a download named NAME. */
static void figures_answer(struct lt_req *req, lt_err rc, json_t *out, bool csv, bool trend,
			   const char *name)
{
	if (rc) {
		json_decref(out);
		lt_resp_problem(req, rc);
		return;
	}
	if (!csv) {
		lt_resp_json(req, 200, out);
		return;
	}
	rc = trend ? lt_stats_trend_csv(out, &req->out) : lt_stats_annual_csv(out, &req->out);
	json_decref(out);
	char *disposition =
		rc ? NULL : lt_arena_printf(&req->arena, "attachment; filename=\"%s\"", name);
	if (!rc && !disposition)
		rc = LT_ERR_NOMEM;
	if (rc) {
		lt_buf_reset(&req->out);
		lt_resp_problem(req, rc);
		return;
	}
	lt_resp_header(req, "Content-Disposition", disposition);
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
}

void lt_api_stats_annual(struct lt_req *req)
{
	int64_t year;
	bool csv = false;
	bool ok = query_year(req, "year", &year);
	ok &= query_csv(req, &csv);
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	/* source=ctdc: the figures of imported CTDC microdata (docs/statistics.md). */
	const char *source = lt_req_query(req, "source");
	if (source && strcmp(source, "cases") && strcmp(source, "ctdc")) {
		lt_problem_field(&req->problem, "query.source", "must be cases or ctdc");
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out = NULL;
	bool ctdc = source && !strcmp(source, "ctdc");
	lt_err rc = ctdc ? lt_svc_ctdc_annual(&req->ctx, year, &out)
			 : lt_svc_stats_annual(&req->ctx, year, &out);
	const char *name = lt_arena_printf(&req->arena, "lantern-%s%lld.csv", ctdc ? "ctdc-" : "",
					   (long long)year);
	figures_answer(req, rc, out, csv, false, name ? name : "lantern.csv");
}

void lt_api_stats_trend(struct lt_req *req)
{
	int64_t from = 0, to = 0;
	bool csv = false;
	bool ok = query_span(req, &from, &to);
	ok &= query_csv(req, &csv);
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out = NULL;
	lt_err rc = lt_svc_stats_trend(&req->ctx, from, to, &out);
	const char *name =
		lt_arena_printf(&req->arena, "lantern-%lld-%lld.csv", (long long)from, (long long)to);
	figures_answer(req, rc, out, csv, true, name ? name : "lantern.csv");
}

/* The policy for a report: nothing may load or run, and the one inline
 * stylesheet is allowed by its SHA-256 hash (computed once per answer; the
 * stylesheet is a constant). */
static const char *report_csp(struct lt_req *req)
{
	const char *css = lt_report_css();
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, (const unsigned char *)css, strlen(css));
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
					   sodium_base64_VARIANT_ORIGINAL)];
	sodium_bin2base64(b64, sizeof(b64), hash, sizeof(hash), sodium_base64_VARIANT_ORIGINAL);
	char policy[256];
	snprintf(policy, sizeof(policy),
		 "default-src 'none'; style-src 'sha256-%s'; base-uri 'none'; form-action 'none'; "
		 "frame-ancestors 'none'",
		 b64);
	return lt_arena_strdup(&req->arena, policy);
}

/* The parameters every report takes: lang, published, suppress. */
static bool report_options(struct lt_req *req, struct lt_stats_report_ask *ask)
{
	bool ok = true;
	const char *lang = lt_req_query(req, "lang");
	if (lang && !lt_report_lang_ok(lang))
		ok = !lt_problem_field(&req->problem, "query.lang", "must be en, sr or sr-Cyrl");
	else if (lang)
		ask->lang = lang;
	const char *pub = lt_req_query(req, "published");
	if (pub && strcmp(pub, "true") && strcmp(pub, "false"))
		ok = !lt_problem_field(&req->problem, "query.published", "must be true or false");
	ask->published = pub && !strcmp(pub, "true");
	const char *sup = lt_req_query(req, "suppress");
	if (sup && (lt_str_to_i64(sup, &ask->threshold) || ask->threshold < 1 ||
		    ask->threshold > LT_REPORT_THRESHOLD_MAX))
		ok = !lt_problem_field(&req->problem, "query.suppress",
				       "must be a whole number from 1 to %d", LT_REPORT_THRESHOLD_MAX);
	return ok;
}

static void report_answer(struct lt_req *req, bool ok, const struct lt_stats_report_ask *ask)
{
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	lt_buf_reset(&req->out);
	lt_err rc = lt_svc_stats_report(&req->ctx, ask, &req->out);
	const char *csp = rc ? NULL : report_csp(req);
	if (!rc && !csp)
		rc = LT_ERR_NOMEM;
	if (rc) {
		lt_buf_reset(&req->out);
		lt_resp_problem(req, rc);
		return;
	}
	req->status = 200;
	req->content_type = "text/html; charset=utf-8";
	req->csp = csp;
}

void lt_api_stats_report(struct lt_req *req)
{
	struct lt_stats_report_ask ask = {0, 0, 0, "en", false, LT_REPORT_THRESHOLD_DEFAULT};
	bool ok = query_year(req, "year", &ask.year);
	ok &= report_options(req, &ask);
	report_answer(req, ok, &ask);
}

void lt_api_stats_trend_report(struct lt_req *req)
{
	struct lt_stats_report_ask ask = {0, 0, 0, "en", false, LT_REPORT_THRESHOLD_DEFAULT};
	bool ok = query_span(req, &ask.from, &ask.to);
	ok &= report_options(req, &ask);
	report_answer(req, ok, &ask);
}
