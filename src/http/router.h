/* The API's routes: one table of method, path pattern and handler. The
 * same table answers requests, prints `lantern routes`, and is checked
 * against the OpenAPI document by a test.
 * Ownership: the table is static. */
#ifndef LT_HTTP_ROUTER_H
#define LT_HTTP_ROUTER_H
#include "http/request.h"

enum lt_route_auth {
	LT_AUTH_PUBLIC,   /* no login needed */
	LT_AUTH_REQUIRED, /* a session cookie (plus CSRF token on writes) or a bearer token */
};

struct lt_route {
	const char *method;
	const char *pattern; /* "/api/v1/persons/{id}": {name} matches one non-empty segment */
	void (*handler)(struct lt_req *req);
	enum lt_route_auth auth;
	const char *const *query; /* the query parameters it takes, NULL-terminated; NULL: none */
	bool body;                /* whether it takes a request body */
};

/** Every route, terminated by an entry with a NULL method. */
extern const struct lt_route lt_routes[];

/** Outcome of matching a request line. */
enum lt_match { LT_MATCH_OK, LT_MATCH_NO_PATH, LT_MATCH_NO_METHOD };

/** Finds the route for METHOD and PATH (HEAD matches a GET route). On LT_MATCH_OK fills REQ's route
 *  and params (pointing into a copy of PATH in REQ's arena). On
 *  LT_MATCH_NO_METHOD writes the allowed methods to ALLOW ("GET, POST"). */
enum lt_match lt_router_match(struct lt_req *req, const char *method, const char *path,
			      char *allow, size_t allow_cap);

#endif
