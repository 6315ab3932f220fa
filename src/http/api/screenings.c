#include "http/api/handlers.h"
#include "service/screenings.h"

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

void lt_api_screening_profiles(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_screening_profiles(&req->ctx, &out);
	answer(req, rc, 200, out);
	if (!rc)
		req->cache_control = "private, max-age=3600";
}

void lt_api_screening_evaluate(struct lt_req *req)
{
	json_t *body, *out = NULL;
	if (lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_screening_evaluate(&req->ctx, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_case_screenings_list(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out = NULL;
	lt_err rc = lt_svc_case_screening_list(&req->ctx, id, &out);
	answer(req, rc, 200, out);
}

void lt_api_case_screenings_add(struct lt_req *req)
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_case_screening_add(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 201, out);
}

void lt_api_group_screenings_add(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	const char *type = lt_req_header(req, "Content-Type");
	if (!type || strncasecmp(type, "text/csv", 8) != 0) {
		lt_problem_set(&req->problem, LT_ERR_INVALID,
			       "The body must be CSV (Content-Type: text/csv) with the columns "
			       "person (a member's case number), profile, indicators.");
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *out = NULL;
	lt_err rc = lt_svc_group_screening_add(&req->ctx, id, req->body.data ? req->body.data : "",
					       req->body.len, lt_req_query(req, "date"), &out);
	answer(req, rc, 201, out);
}

void lt_api_group_screenings_table(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out = NULL;
	lt_err rc = lt_svc_group_screening_table(&req->ctx, id, &out);
	answer(req, rc, 200, out);
}
