/* Handlers for the assistance part of a case: reflection periods and services. */
#include "http/api/handlers.h"
#include "service/assistance.h"

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

/* Reads the case id, and a second id when SECOND; then the body. */
static bool ids_and_body(struct lt_req *req, bool second, int64_t *id, int64_t *sub, json_t **body)
{
	if (lt_api_param_id(req, 0, id) || (second && lt_api_param_id(req, 1, sub)))
		return false;
	return lt_req_body_json(req, body) == LT_OK;
}

void lt_api_reflection_record(struct lt_req *req)
{
	int64_t id, unused = 0;
	json_t *body, *out = NULL;
	if (!ids_and_body(req, false, &id, &unused, &body))
		return;
	lt_err rc = lt_svc_reflection_record(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 201, out);
}

void lt_api_reflection_end(struct lt_req *req)
{
	int64_t id, period;
	json_t *body, *out = NULL;
	if (!ids_and_body(req, true, &id, &period, &body))
		return;
	lt_err rc = lt_svc_reflection_end(&req->ctx, id, period, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_services_create(struct lt_req *req)
{
	int64_t id, unused = 0;
	json_t *body, *out = NULL;
	if (!ids_and_body(req, false, &id, &unused, &body))
		return;
	lt_err rc = lt_svc_service_create(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 201, out);
}

void lt_api_services_update(struct lt_req *req)
{
	int64_t id, service;
	json_t *body, *out = NULL;
	if (!ids_and_body(req, true, &id, &service, &body))
		return;
	lt_err rc = lt_svc_service_update(&req->ctx, id, service, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}
