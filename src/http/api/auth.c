#include "http/api/handlers.h"
#include "service/accounts.h"
#include <sodium.h>

void lt_api_health(struct lt_req *req)
{
	lt_resp_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "version", LANTERN_VERSION));
}

void lt_api_login(struct lt_req *req)
{
	static const struct lt_json_field fields[] = {
		{"username", LT_JSON_STRING, true, 64},
		{"password", LT_JSON_STRING, true, 1024},
	};
	json_t *body;
	if (lt_api_body(req, fields, LT_ARRAY_LEN(fields), &body))
		return;
	struct lt_login_result res;
	lt_err rc = lt_svc_login(&req->ctx, lt_json_str(body, "username"),
				 lt_json_str(body, "password"), &res);
	json_decref(body);
	if (rc) {
		lt_resp_problem(req, rc);
		return;
	}
	/* Secure is added when served behind TLS (--secure-cookies). */
	const char *secure = req->secure_cookies ? "; Secure" : "";
	char *cookie = lt_arena_printf(&req->arena,
				       "lantern_session=%s; Path=/; HttpOnly; SameSite=Strict%s",
				       res.session_token, secure);
	sodium_memzero(res.session_token, sizeof(res.session_token));
	if (!cookie) {
		json_decref(res.user);
		lt_resp_problem(req, LT_ERR_NOMEM);
		return;
	}
	lt_resp_header(req, "Set-Cookie", cookie);
	/* The UI locks its screen when the server would end the session. */
	lt_resp_json(req, 200, json_pack("{s:s, s:o, s:I}", "csrf_token", res.csrf_token, "user",
					 res.user, "idle_timeout_seconds",
					 (json_int_t)req->ctx.config->session_idle));
}

void lt_api_logout(struct lt_req *req)
{
	lt_err rc = lt_svc_logout(&req->ctx);
	if (rc) {
		lt_resp_problem(req, rc);
		return;
	}
	lt_resp_header(req, "Set-Cookie",
		       req->secure_cookies
			       ? "lantern_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure"
			       : "lantern_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
	lt_resp_empty(req, 204);
}

void lt_api_me(struct lt_req *req)
{
	json_t *me;
	lt_err rc = lt_svc_me(&req->ctx, &me);
	if (rc) {
		lt_resp_problem(req, rc);
		return;
	}
	/* A reloaded page recovers its CSRF token here; other origins cannot
	 * read this response, as no CORS header allows them. */
	if (req->ctx.actor.session_id) {
		json_object_set_new(me, "csrf_token", json_string(req->ctx.actor.csrf_token));
		json_object_set_new(me, "idle_timeout_seconds",
				    json_integer(req->ctx.config->session_idle));
	}
	lt_resp_json(req, 200, me);
}

void lt_api_password(struct lt_req *req)
{
	static const struct lt_json_field fields[] = {
		{"current_password", LT_JSON_STRING, true, 1024},
		{"new_password", LT_JSON_STRING, true, 1024},
	};
	json_t *body;
	if (lt_api_body(req, fields, LT_ARRAY_LEN(fields), &body))
		return;
	lt_err rc = lt_svc_password_change(&req->ctx, lt_json_str(body, "current_password"),
					   lt_json_str(body, "new_password"));
	json_decref(body);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_empty(req, 204);
}

void lt_api_dashboard(struct lt_req *req)
{
	json_t *out;
	lt_err rc = lt_svc_dashboard(&req->ctx, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}
