/* The k-anonymous CTDC export over HTTP, for analysts (docs/open-data.md):
 * the same rows as `lantern export --format ctdc`, with what the anonymiser
 * did in response headers instead of on stderr. */
#include "base/str.h"
#include "http/api/handlers.h"
#include "service/export.h"

static lt_err to_body(void *vctx, const char *data, size_t len)
{
	return lt_buf_add(vctx, data, len);
}

/* Query parameter NAME as a whole number in [MIN, MAX], FALLBACK when absent;
 * false with a problem naming query.NAME otherwise. */
static bool query_int(struct lt_req *req, const char *name, int64_t min, int64_t max,
		      int64_t fallback, int64_t *out)
{
	const char *v = lt_req_query(req, name);
	*out = fallback;
	if (!v || (!lt_str_to_i64(v, out) && *out >= min && *out <= max))
		return true;
	char field[24];
	snprintf(field, sizeof(field), "query.%s", name);
	lt_problem_field(&req->problem, field, "must be a whole number from %lld to %lld",
			 (long long)min, (long long)max);
	return false;
}

/* Header values must outlive the handler: they come from the request's arena. */
static lt_err count_header(struct lt_req *req, const char *name, int64_t n)
{
	char *v = lt_arena_printf(&req->arena, "%lld", (long long)n);
	if (!v)
		return LT_ERR_NOMEM;
	lt_resp_header(req, name, v);
	return LT_OK;
}

void lt_api_export_ctdc(struct lt_req *req)
{
	int64_t k, year;
	bool ok = query_int(req, "k", LT_EXPORT_K_MIN, LT_EXPORT_K_MAX, 11, &k);
	ok &= query_int(req, "year", 1900, 2200, 0, &year);
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	struct lt_export_report rep;
	memset(&rep, 0, sizeof(rep));
	lt_buf_reset(&req->out);
	lt_err rc = lt_svc_export_ctdc(&req->ctx, year, k, to_body, &req->out, &rep);
	if (rc) {
		lt_buf_reset(&req->out);
		lt_resp_problem(req, rc);
		return;
	}
	char *disposition =
		year ? lt_arena_printf(&req->arena, "attachment; filename=\"ctdc-%lld-k%lld.csv\"",
				       (long long)year, (long long)k)
		     : lt_arena_printf(&req->arena, "attachment; filename=\"ctdc-k%lld.csv\"",
				       (long long)k);
	rc = disposition ? LT_OK : LT_ERR_NOMEM;
	if (!rc) {
		lt_resp_header(req, "Content-Disposition", disposition);
		rc = count_header(req, "Lantern-Records", rep.records);
	}
	if (!rc)
		rc = count_header(req, "Lantern-Published", rep.published);
	if (!rc)
		rc = count_header(req, "Lantern-Generalised", rep.generalised);
	if (!rc)
		rc = count_header(req, "Lantern-Suppressed", rep.suppressed);
	if (rc) {
		lt_buf_reset(&req->out);
		lt_resp_problem(req, rc);
		return;
	}
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
}
