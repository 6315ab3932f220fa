#include "http/request.h"
#include "base/json.h"
#include "base/log.h"
#include <microhttpd.h>

const char *lt_req_query(struct lt_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_check {
	const char *const *allowed;
	const char *stranger;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	(void)kind;
	(void)value;
	struct query_check *qc = cls;
	for (const char *const *a = qc->allowed; *a; a++)
		if (strcmp(*a, key) == 0)
			return MHD_YES;
	qc->stranger = key;
	return MHD_NO;
}

lt_err lt_req_query_only(struct lt_req *req, const char *const *allowed)
{
	struct query_check qc = {allowed, NULL};
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, check_arg, &qc);
	if (!qc.stranger)
		return LT_OK;
	char field[96];
	snprintf(field, sizeof(field), "query.%s", qc.stranger);
	lt_problem_field(&req->problem, field, "unknown parameter");
	lt_resp_problem(req, LT_ERR_INVALID);
	return LT_ERR_INVALID;
}

const char *lt_req_header(struct lt_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

lt_err lt_req_body_json(struct lt_req *req, json_t **out)
{
	*out = NULL;
	const char *type = lt_req_header(req, "Content-Type");
	if (type && strncasecmp(type, "application/json", 16) != 0) {
		lt_problem_set(&req->problem, LT_ERR_INVALID,
			       "The body must be JSON (Content-Type: application/json).");
		lt_resp_problem(req, LT_ERR_INVALID);
		return LT_ERR_INVALID;
	}
	if (req->body.len == 0) {
		lt_problem_set(&req->problem, LT_ERR_INVALID, "The request needs a JSON body.");
		lt_resp_problem(req, LT_ERR_INVALID);
		return LT_ERR_INVALID;
	}
	lt_err rc = lt_json_parse(req->body.data, req->body.len, out, &req->problem);
	if (rc)
		lt_resp_problem(req, rc);
	return rc;
}

void lt_resp_json(struct lt_req *req, unsigned status, json_t *v)
{
	lt_buf_reset(&req->out);
	req->status = status;
	req->content_type = "application/json";
	if (!v) {
		lt_resp_problem(req, LT_ERR_NOMEM);
		return;
	}
	char *text = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(v);
	if (!text || lt_buf_adds(&req->out, text)) {
		free(text);
		lt_buf_reset(&req->out);
		req->status = 500;
		return;
	}
	free(text);
}

void lt_resp_empty(struct lt_req *req, unsigned status)
{
	lt_buf_reset(&req->out);
	req->status = status;
	req->content_type = NULL;
}

void lt_resp_header(struct lt_req *req, const char *name, const char *value)
{
	if (req->nheaders < LT_RESP_HEADERS_MAX) {
		req->headers[req->nheaders].name = name;
		req->headers[req->nheaders].value = value;
		req->nheaders++;
	}
}

unsigned lt_http_status(lt_err rc)
{
	switch (rc) {
	case LT_OK: return 200;
	case LT_ERR_INVALID: return 400;
	case LT_ERR_UNAUTHORIZED: return 401;
	case LT_ERR_FORBIDDEN: return 403;
	case LT_ERR_NOT_FOUND: return 404;
	case LT_ERR_CONFLICT: return 409;
	case LT_ERR_EXISTS: return 409;
	case LT_ERR_TOO_LARGE: return 413;
	case LT_ERR_LOCKED: return 429;
	default: return 500;
	}
}

static const char *title_for(unsigned status)
{
	switch (status) {
	case 400: return "Bad request";
	case 401: return "Not logged in";
	case 403: return "Forbidden";
	case 404: return "Not found";
	case 405: return "Method not allowed";
	case 409: return "Conflict";
	case 413: return "Request body too large";
	case 429: return "Too many attempts";
	default: return "Internal error";
	}
}

static const char *slug_for(unsigned status)
{
	switch (status) {
	case 400: return "invalid-request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not-found";
	case 405: return "method-not-allowed";
	case 409: return "conflict";
	case 413: return "too-large";
	case 429: return "too-many-attempts";
	default: return "internal";
	}
}

static void problem_with_status(struct lt_req *req, unsigned status, lt_err rc)
{
	const struct lt_problem *p = &req->problem;
	char type[64];
	snprintf(type, sizeof(type), "urn:lantern:problem:%s", slug_for(status));
	const char *detail = p->detail[0] ? p->detail : title_for(status);
	if (status >= 500) {
		/* Internal details go to the log, never to the client. */
		lt_log(LT_LOG_ERROR, "internal_error",
		       json_pack("{s:s, s:s, s:s}", "request_id", req->request_id, "error",
				 lt_err_str(rc), "detail", p->detail));
		detail = "Something went wrong on the server. The request id helps the "
			 "administrator find out what.";
	}
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title", title_for(status),
			      "status", (int)status, "detail", detail, "request_id", req->request_id);
	if (o && p->nfields && status < 500) {
		json_t *errs = json_array();
		for (size_t i = 0; i < p->nfields; i++)
			json_array_append_new(errs, json_pack("{s:s, s:s}", "field", p->fields[i].field,
							      "reason", p->fields[i].reason));
		json_object_set_new(o, "errors", errs);
	}
	if (o && p->offset >= 0 && status == 400)
		json_object_set_new(o, "offset", json_integer(p->offset));
	if (status == 429 && p->retry_after > 0) {
		char *ra = lt_arena_printf(&req->arena, "%ld", p->retry_after);
		if (ra)
			lt_resp_header(req, "Retry-After", ra);
		if (o)
			json_object_set_new(o, "retry_after", json_integer(p->retry_after));
	}
	lt_resp_json(req, status, o);
	req->content_type = "application/problem+json";
}

void lt_resp_problem(struct lt_req *req, lt_err rc)
{
	problem_with_status(req, lt_http_status(rc), rc);
}

void lt_resp_problem_status(struct lt_req *req, unsigned status)
{
	problem_with_status(req, status, LT_ERR_INVALID);
}
