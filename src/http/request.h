/* One HTTP request and its response under construction. Handlers read the
 * request through these functions and answer through lt_resp_*; they never
 * touch libmicrohttpd directly.
 * Ownership: the server owns the request; everything a handler allocates
 * for it comes from req->arena and dies with the request. lt_resp_json()
 * takes over the JSON reference it is given. */
#ifndef LT_HTTP_REQUEST_H
#define LT_HTTP_REQUEST_H
#include "base/buf.h"
#include "service/context.h"
#include <jansson.h>

struct MHD_Connection;
struct lt_route;

#define LT_PATH_PARAMS_MAX 4
#define LT_RESP_HEADERS_MAX 6

struct lt_req {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	const struct lt_route *route;
	const char *params[LT_PATH_PARAMS_MAX]; /* the {name} parts of the path, in order */
	size_t nparams;
	struct lt_buf body;
	bool body_too_large;
	char request_id[17];
	int64_t started_ms;
	bool secure_cookies; /* add Secure to cookies set in the answer */
	struct lt_arena arena;
	struct lt_problem problem;
	struct lt_ctx ctx;
	/* the response */
	unsigned status;
	struct lt_buf out;
	const char *content_type;
	const char *cache_control;
	const char *csp; /* replaces the strict default Content-Security-Policy for this answer
			    only (a report's inline stylesheet allowed by its hash); NULL: default */
	struct {
		const char *name;
		const char *value;
	} headers[LT_RESP_HEADERS_MAX];
	size_t nheaders;
};

/** The query parameter NAME, or NULL. */
const char *lt_req_query(struct lt_req *req, const char *name);
/** Checks that every query parameter is in ALLOWED (NULL-terminated);
 *  otherwise answers 400 naming the first stranger and returns LT_ERR_INVALID. */
lt_err lt_req_query_only(struct lt_req *req, const char *const *allowed);
/** The request header NAME, or NULL. */
const char *lt_req_header(struct lt_req *req, const char *name);
/** Parses the body as JSON into OUT (caller decrefs); on failure answers 400
 *  with the byte offset and returns LT_ERR_INVALID. */
lt_err lt_req_body_json(struct lt_req *req, json_t **out);
/** Answers STATUS with the JSON V (the reference is taken). */
void lt_resp_json(struct lt_req *req, unsigned status, json_t *v);
/** Answers STATUS with no body. */
void lt_resp_empty(struct lt_req *req, unsigned status);
/** Answers with RFC 9457 problem JSON for RC, using req->problem's details. */
void lt_resp_problem(struct lt_req *req, lt_err rc);
/** Answers with problem JSON for an HTTP STATUS that has no lt_err (405). */
void lt_resp_problem_status(struct lt_req *req, unsigned status);
/** Adds a response header; NAME and VALUE must outlive the request (use the arena). */
void lt_resp_header(struct lt_req *req, const char *name, const char *value);
/** The HTTP status for a status code. */
unsigned lt_http_status(lt_err rc);

#endif
