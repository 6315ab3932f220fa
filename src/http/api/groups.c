/* Handlers for group cases: create, list, read, and add members from a list
 * of existing cases (JSON) or one new case per CSV row. */
#include "http/api/handlers.h"
#include "service/groups.h"
#include <strings.h>

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

void lt_api_groups_list(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_group_list(&req->ctx, &out);
	answer(req, rc, 200, out);
}

void lt_api_groups_create(struct lt_req *req)
{
	json_t *body, *out = NULL;
	if (lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_group_create(&req->ctx, body, &out);
	json_decref(body);
	answer(req, rc, 201, out);
}

void lt_api_groups_get(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out = NULL;
	lt_err rc = lt_svc_group_get(&req->ctx, id, &out);
	answer(req, rc, 200, out);
}

/* True when the media type TYPE (parameters such as charset allowed) is NAME. */
static bool media_type_is(const char *type, const char *name)
{
	size_t n = strlen(name);
	return type && strncasecmp(type, name, n) == 0 &&
	       (type[n] == '\0' || type[n] == ';' || type[n] == ' ');
}

void lt_api_groups_members(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out = NULL;
	const char *type = lt_req_header(req, "Content-Type");
	if (media_type_is(type, "text/csv")) {
		int64_t created = 0;
		lt_err rc = lt_svc_group_import_csv(&req->ctx, id, req->body.data ? req->body.data : "",
						    req->body.len, &created, &out);
		if (!rc)
			json_object_set_new(out, "created", json_integer(created));
		answer(req, rc, 201, out);
		return;
	}
	if (type && !media_type_is(type, "application/json")) {
		lt_problem_set(&req->problem, LT_ERR_INVALID,
			       "Send either JSON (Content-Type: application/json) with case_ids, or "
			       "CSV (Content-Type: text/csv) with one new person per row.");
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	json_t *body;
	if (lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_group_attach(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}
