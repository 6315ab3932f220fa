/* Handlers for compliance alerts and the rules behind them. */
#include "base/str.h"
#include "http/api/handlers.h"
#include "service/alerts.h"

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

static bool int_query(struct lt_req *req, const char *name, int64_t max, int *out)
{
	const char *v = lt_req_query(req, name);
	int64_t n;
	if (!v)
		return true;
	if (lt_str_to_i64(v, &n) || n < 1 || n > max) {
		char field[64];
		snprintf(field, sizeof(field), "query.%s", name);
		lt_problem_field(&req->problem, field, "must be a whole number from 1 to %lld",
				 (long long)max);
		return false;
	}
	*out = (int)n;
	return true;
}

void lt_api_alerts_list(struct lt_req *req)
{
	struct lt_alert_query q = {lt_req_query(req, "rule"), lt_req_query(req, "status"),
				   lt_req_query(req, "severity"), lt_req_query(req, "case"), 1, 50};
	bool ok = int_query(req, "page", 1000000, &q.page);
	ok &= int_query(req, "per_page", 200, &q.per_page);
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out = NULL;
	lt_err rc = lt_svc_alert_list(&req->ctx, &q, &out);
	answer(req, rc, 200, out);
}

void lt_api_alerts_get(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out = NULL;
	lt_err rc = lt_svc_alert_get(&req->ctx, id, &out);
	answer(req, rc, 200, out);
}

void lt_api_alerts_resolve(struct lt_req *req)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_alert_resolve(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_alerts_justify(struct lt_req *req)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_alert_justify(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_compliance_rules(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_compliance_rules(&req->ctx, &out);
	answer(req, rc, 200, out);
}
