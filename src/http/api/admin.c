#include "http/api/handlers.h"
#include "service/accounts.h"
#include <sodium.h>

void lt_api_users_list(struct lt_req *req)
{
	json_t *items;
	lt_err rc = lt_svc_user_list(&req->ctx, &items);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, json_pack("{s:o}", "items", items));
}

void lt_api_users_create(struct lt_req *req)
{
	static const struct lt_json_field fields[] = {
		{"username", LT_JSON_STRING, true, 64},
		{"role", LT_JSON_STRING, true, 32},
		{"organisation", LT_JSON_STRING, true, 160},
		{"password", LT_JSON_STRING, false, 1024},
	};
	json_t *body;
	if (lt_api_body(req, fields, LT_ARRAY_LEN(fields), &body))
		return;
	char generated[21] = "";
	int64_t id;
	const char *password = lt_json_str(body, "password");
	lt_err rc = lt_svc_user_add(&req->ctx, lt_json_str(body, "username"),
				    lt_json_str(body, "role"), lt_json_str(body, "organisation"),
				    password, generated, &id);
	if (rc) {
		json_decref(body);
		lt_resp_problem(req, rc);
		return;
	}
	json_t *out = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "username",
				lt_json_str(body, "username"), "role", lt_json_str(body, "role"));
	if (out && !password)
		json_object_set_new(out, "password", json_string(generated));
	sodium_memzero(generated, sizeof(generated));
	json_decref(body);
	lt_resp_json(req, 201, out);
}

static void set_disabled(struct lt_req *req, bool disabled)
{
	lt_err rc = lt_svc_user_set_disabled(&req->ctx, req->params[0], disabled);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, json_pack("{s:s, s:b}", "username", req->params[0], "disabled",
						 disabled));
}

void lt_api_users_disable(struct lt_req *req)
{
	set_disabled(req, true);
}

void lt_api_users_enable(struct lt_req *req)
{
	set_disabled(req, false);
}

void lt_api_orgs_list(struct lt_req *req)
{
	json_t *items;
	lt_err rc = lt_svc_org_list(&req->ctx, &items);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, json_pack("{s:o}", "items", items));
}

void lt_api_orgs_create(struct lt_req *req)
{
	static const struct lt_json_field fields[] = {
		{"name", LT_JSON_STRING, true, 160},
		{"kind", LT_JSON_STRING, true, 32},
	};
	json_t *body;
	if (lt_api_body(req, fields, LT_ARRAY_LEN(fields), &body))
		return;
	int64_t id;
	lt_err rc = lt_svc_org_add(&req->ctx, lt_json_str(body, "name"), lt_json_str(body, "kind"), &id);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 201, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name",
						 lt_json_str(body, "name"), "kind",
						 lt_json_str(body, "kind")));
	json_decref(body);
}
