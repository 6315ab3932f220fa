/* Handlers for protection and non-punishment on a case: threats, protection
 * measures, proceedings against the victim, removals, identity disclosures,
 * the unaccompanied flag and age assessments (service/protection.h). */
#include "http/api/handlers.h"
#include "service/protection.h"

typedef lt_err (*create_fn)(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
typedef lt_err (*update_fn)(struct lt_ctx *ctx, int64_t id, int64_t sub, const json_t *body,
			    json_t **out);

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

/* A write on the case named by the first path parameter. */
static void on_case(struct lt_req *req, create_fn fn, unsigned status)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = fn(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, status, out);
}

/* A change to a record (second path parameter) of the case (first). */
static void on_record(struct lt_req *req, update_fn fn)
{
	int64_t id, sub;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_api_param_id(req, 1, &sub) ||
	    lt_req_body_json(req, &body))
		return;
	lt_err rc = fn(&req->ctx, id, sub, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_threats_create(struct lt_req *req)
{
	on_case(req, lt_svc_threat_create, 201);
}

void lt_api_protection_create(struct lt_req *req)
{
	on_case(req, lt_svc_protection_create, 201);
}

void lt_api_protection_update(struct lt_req *req)
{
	on_record(req, lt_svc_protection_update);
}

void lt_api_victim_proceedings_create(struct lt_req *req)
{
	on_case(req, lt_svc_victim_proceeding_create, 201);
}

void lt_api_victim_proceedings_update(struct lt_req *req)
{
	on_record(req, lt_svc_victim_proceeding_update);
}

void lt_api_removals_create(struct lt_req *req)
{
	on_case(req, lt_svc_removal_create, 201);
}

void lt_api_disclosures_create(struct lt_req *req)
{
	on_case(req, lt_svc_disclosure_create, 201);
}

void lt_api_unaccompanied_set(struct lt_req *req)
{
	on_case(req, lt_svc_unaccompanied_set, 200);
}

void lt_api_age_assessments_create(struct lt_req *req)
{
	on_case(req, lt_svc_age_assessment_create, 201);
}
