#include "base/str.h"
#include "http/api/handlers.h"
#include "service/assessment.h"

void lt_api_assessment_scorecard(struct lt_req *req)
{
	const char *v = lt_req_query(req, "year"), *pv = lt_req_query(req, "period");
	int64_t year;
	enum lt_period_kind kind = LT_PERIOD_REPORTING;
	bool bad = false;
	if (!v || lt_str_to_i64(v, &year) || year < LT_ASSESSMENT_YEAR_MIN ||
	    year > LT_ASSESSMENT_YEAR_MAX) {
		lt_problem_field(&req->problem, "query.year", "must be a whole number from %d to %d",
				 LT_ASSESSMENT_YEAR_MIN, LT_ASSESSMENT_YEAR_MAX);
		bad = true;
	}
	if (pv && lt_period_kind_from_name(pv, &kind)) {
		lt_problem_field(&req->problem, "query.period", "must be reporting or calendar");
		bad = true;
	}
	if (bad) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out = NULL;
	lt_err rc = lt_svc_assessment_scorecard(&req->ctx, year, kind, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}

void lt_api_assessment_clock(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_assessment_clock(&req->ctx, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}
