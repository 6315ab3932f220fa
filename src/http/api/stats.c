#include "base/str.h"
#include "http/api/handlers.h"
#include "service/stats.h"

void lt_api_stats_annual(struct lt_req *req)
{
	const char *v = lt_req_query(req, "year");
	int64_t year;
	if (!v || lt_str_to_i64(v, &year) || year < LT_STATS_YEAR_MIN || year > LT_STATS_YEAR_MAX) {
		lt_problem_field(&req->problem, "query.year", "must be a whole number from %d to %d",
				 LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out = NULL;
	lt_err rc = lt_svc_stats_annual(&req->ctx, year, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}
