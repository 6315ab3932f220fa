/* Handlers for referrals between organisations. */
#include "base/str.h"
#include "domain/assistance_rules.h"
#include "http/api/handlers.h"
#include "service/referrals.h"

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

void lt_api_referrals_create(struct lt_req *req)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_referral_create(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 201, out);
}

static void act(struct lt_req *req, const char *name)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_referral_act(&req->ctx, id, name, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_referrals_accept(struct lt_req *req)
{
	act(req, "accept");
}

void lt_api_referrals_reject(struct lt_req *req)
{
	act(req, "reject");
}

void lt_api_referrals_complete(struct lt_req *req)
{
	act(req, "complete");
}

void lt_api_referrals_revoke(struct lt_req *req)
{
	act(req, "revoke");
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

void lt_api_referrals_list(struct lt_req *req)
{
	struct lt_referral_query q = {NULL, NULL, 1, 50};
	bool ok = true;
	q.direction = lt_req_query(req, "direction");
	if (q.direction && strcmp(q.direction, "incoming") && strcmp(q.direction, "outgoing")) {
		lt_problem_field(&req->problem, "query.direction", "must be incoming or outgoing");
		ok = false;
	}
	q.status = lt_req_query(req, "status");
	if (q.status && lt_referral_status_parse(q.status) == LT_REFERRAL_STATUS_INVALID) {
		lt_problem_field(&req->problem, "query.status",
				 "must be one of: sent, accepted, rejected, completed, revoked");
		ok = false;
	}
	ok &= int_query(req, "page", 1000000, &q.page);
	ok &= int_query(req, "per_page", 200, &q.per_page);
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out = NULL;
	lt_err rc = lt_svc_referral_list(&req->ctx, &q, &out);
	answer(req, rc, 200, out);
}
