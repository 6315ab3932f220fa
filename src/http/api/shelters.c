/* Handlers for shelters, the shelter board and placements on a case. */
#include "http/api/handlers.h"
#include "service/shelters.h"

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

void lt_api_shelters_list(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_shelter_list(&req->ctx, &out);
	answer(req, rc, 200, out);
}

void lt_api_shelters_create(struct lt_req *req)
{
	json_t *body, *out = NULL;
	if (lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_shelter_create(&req->ctx, body, &out);
	json_decref(body);
	answer(req, rc, 201, out);
}

void lt_api_shelters_update(struct lt_req *req)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_shelter_update(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_shelters_board(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_shelter_board(&req->ctx, lt_req_query(req, "from"), lt_req_query(req, "to"),
					 &out);
	answer(req, rc, 200, out);
}

/* A refused placement answers 409 with the reason as codes too, so that the
 * UI can offer to record the alternative: the problem gets the members
 * "turn_away_reason" and "turn_away_shelter_id" (RFC 9457 extensions). */
static void refused(struct lt_req *req, const struct lt_placement_refusal *why)
{
	lt_resp_problem(req, LT_ERR_CONFLICT);
	json_t *o = json_loadb(req->out.data, req->out.len, 0, NULL);
	if (!o)
		return; /* the plain problem stands */
	json_object_set_new(o, "turn_away_reason", json_string(why->reason));
	json_object_set_new(o, "turn_away_shelter_id", json_integer(why->shelter_id));
	lt_resp_json(req, 409, o);
	req->content_type = "application/problem+json";
}

void lt_api_placements_create(struct lt_req *req)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	struct lt_placement_refusal why;
	lt_err rc = lt_svc_placement_create(&req->ctx, id, body, &why, &out);
	json_decref(body);
	if (rc == LT_ERR_CONFLICT && why.reason[0])
		refused(req, &why);
	else
		answer(req, rc, 201, out);
}

void lt_api_placements_end(struct lt_req *req)
{
	int64_t id, pid;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_api_param_id(req, 1, &pid) ||
	    lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_placement_end(&req->ctx, id, pid, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}
