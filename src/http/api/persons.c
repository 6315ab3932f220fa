#include "http/api/handlers.h"
#include "service/persons.h"

void lt_api_persons_create(struct lt_req *req)
{
	json_t *body, *out;
	if (lt_req_body_json(req, &body))
		return;
	/* The service validates the fields, so the command line shares the rules. */
	lt_err rc = lt_svc_person_create(&req->ctx, body, &out);
	json_decref(body);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 201, out);
}

void lt_api_persons_search(struct lt_req *req)
{
	const char *name = lt_req_query(req, "name");
	if (!name || !*name || strlen(name) > 400) {
		lt_problem_field(&req->problem, "query.name", "is required: an exact name of 1 to 400 bytes");
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out;
	lt_err rc = lt_svc_person_search(&req->ctx, name, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}

void lt_api_persons_get(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out;
	lt_err rc = lt_svc_person_get(&req->ctx, id, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}
