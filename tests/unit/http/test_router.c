/* The router on the real route table (src/http/routes.c): exact paths,
 * {param} capture, 404 and 405 with the Allow list, and the behaviour at
 * the edges, written down here:
 *  - matching is exact and case-sensitive, for methods and paths alike,
 *    except that HEAD is answered by the GET route of the path;
 *  - a trailing slash is a different path: "/api/v1/health/" is not found;
 *  - an empty segment never matches, neither a literal nor a {param}:
 *    "/api/v1/persons/" and "/api/v1//health" are not found;
 *  - a {param} is one whole segment, taken verbatim (no percent-decoding),
 *    and copied into the request's arena;
 *  - the router sees the path only: a query string left on it is part of
 *    the last segment, so "/api/v1/health?x" is not found (the server hands
 *    over MHD's path, which never has one). */
#include "lt_test.h"
#include "http/api/handlers.h"
#include "http/router.h"

struct rq {
	struct lt_req req;
	char allow[128];
	enum lt_match m;
};

static struct rq *match(const char *method, const char *path)
{
	static struct rq r;
	lt_arena_release(&r.req.arena);
	memset(&r, 0, sizeof(r));
	lt_arena_init(&r.req.arena);
	memset(r.allow, 'X', sizeof(r.allow));
	r.m = lt_router_match(&r.req, method, path, r.allow, sizeof(r.allow));
	return &r;
}

static int teardown(void **state)
{
	(void)state;
	struct rq *r = match("GET", "/");
	lt_arena_release(&r->req.arena);
	return 0;
}

static void expect_ok(const char *method, const char *path, void (*handler)(struct lt_req *),
		      const char *pattern, size_t nparams)
{
	struct rq *r = match(method, path);
	if (r->m != LT_MATCH_OK)
		fail_msg("%s %s: no match (%d)", method, path, r->m);
	assert_non_null(r->req.route);
	assert_ptr_equal(r->req.route->handler, handler);
	assert_string_equal(r->req.route->pattern, pattern);
	assert_string_equal(r->req.route->method, method);
	assert_int_equal(r->req.nparams, nparams);
}

static void expect_no_path(const char *method, const char *path)
{
	struct rq *r = match(method, path);
	if (r->m != LT_MATCH_NO_PATH)
		fail_msg("%s '%s': %s, want not found", method, path,
			 r->m == LT_MATCH_OK ? r->req.route->pattern : "405");
	assert_string_equal(r->allow, "");
	assert_null(r->req.route);
	assert_int_equal(r->req.nparams, 0);
}

static void expect_no_method(const char *method, const char *path, const char *allow)
{
	struct rq *r = match(method, path);
	if (r->m != LT_MATCH_NO_METHOD)
		fail_msg("%s %s: %d, want 405", method, path, r->m);
	assert_string_equal(r->allow, allow);
	assert_null(r->req.route);
}

static void exact_paths_match_their_handlers(void **state)
{
	(void)state;
	expect_ok("GET", "/api/v1/health", lt_api_health, "/api/v1/health", 0);
	expect_ok("POST", "/api/v1/login", lt_api_login, "/api/v1/login", 0);
	expect_ok("POST", "/api/v1/logout", lt_api_logout, "/api/v1/logout", 0);
	expect_ok("GET", "/api/v1/me", lt_api_me, "/api/v1/me", 0);
	expect_ok("POST", "/api/v1/me/password", lt_api_password, "/api/v1/me/password", 0);
	expect_ok("GET", "/api/v1/users", lt_api_users_list, "/api/v1/users", 0);
	expect_ok("POST", "/api/v1/users", lt_api_users_create, "/api/v1/users", 0);
	expect_ok("GET", "/api/v1/persons", lt_api_persons_search, "/api/v1/persons", 0);
	expect_ok("POST", "/api/v1/persons", lt_api_persons_create, "/api/v1/persons", 0);
	expect_ok("GET", "/api/v1/audit", lt_api_audit_list, "/api/v1/audit", 0);
	/* Auth requirements come with the route. */
	assert_int_equal(match("GET", "/api/v1/health")->req.route->auth, LT_AUTH_PUBLIC);
	assert_int_equal(match("POST", "/api/v1/login")->req.route->auth, LT_AUTH_PUBLIC);
	assert_int_equal(match("GET", "/api/v1/me")->req.route->auth, LT_AUTH_REQUIRED);
	assert_int_equal(match("GET", "/api/v1/persons/1")->req.route->auth, LT_AUTH_REQUIRED);
}

static void params_are_captured(void **state)
{
	(void)state;
	expect_ok("GET", "/api/v1/persons/42", lt_api_persons_get, "/api/v1/persons/{id}", 1);
	struct rq *r = match("GET", "/api/v1/persons/42");
	assert_string_equal(r->req.params[0], "42");

	/* Cut at the segment's end, with the rest of the path still matched. */
	r = match("POST", "/api/v1/users/ana.m/disable");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_ptr_equal(r->req.route->handler, lt_api_users_disable);
	assert_int_equal(r->req.nparams, 1);
	assert_string_equal(r->req.params[0], "ana.m");
	r = match("POST", "/api/v1/users/x/enable");
	assert_ptr_equal(r->req.route->handler, lt_api_users_enable);
	assert_string_equal(r->req.params[0], "x");

	/* Whatever the segment holds, verbatim: validating it is the handler's job. */
	r = match("GET", "/api/v1/persons/abc");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_string_equal(r->req.params[0], "abc");
	r = match("GET", "/api/v1/persons/%2F..%00");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_string_equal(r->req.params[0], "%2F..%00");
	r = match("GET", "/api/v1/persons/-1");
	assert_string_equal(r->req.params[0], "-1");
	r = match("POST", "/api/v1/users/Ђорђе/disable");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_string_equal(r->req.params[0], "Ђорђе");
}

static void params_live_in_the_arena(void **state)
{
	(void)state;
	char *path = strdup("/api/v1/users/milica/disable");
	struct rq *r = match("POST", path);
	assert_int_equal(r->m, LT_MATCH_OK);
	const char *param = r->req.params[0];
	/* Not a pointer into the caller's string, which is left untouched... */
	assert_true(param < path || param >= path + strlen(path));
	assert_string_equal(path, "/api/v1/users/milica/disable");
	/* ...so the caller may free it (ASan would catch a dangling pointer). */
	memset(path, 'Z', strlen(path));
	free(path);
	assert_string_equal(param, "milica");
}

static void unknown_paths_are_not_found(void **state)
{
	(void)state;
	expect_no_path("GET", "/api/v1/nope");
	expect_no_path("GET", "/");
	expect_no_path("GET", "");
	expect_no_path("GET", "api/v1/health");
	expect_no_path("GET", "/api/v2/health");
	expect_no_path("GET", "/api/v1");
	expect_no_path("GET", "/api");
	expect_no_path("GET", "/api/v1/healthz");
	expect_no_path("GET", "/api/v1/healt");
	expect_no_path("GET", "/API/V1/HEALTH");
	expect_no_path("GET", "/api/v1/persons/1/extra");
	expect_no_path("GET", "/api/v1/persons/1/2");
	expect_no_path("POST", "/api/v1/users/ana");
	expect_no_path("POST", "/api/v1/users/ana/delete");
	expect_no_path("POST", "/api/v1/users/ana/disable/now");
	expect_no_path("GET", "/api/v1/health?x=1");
	expect_no_path("GET", "/api/v1/health#top");
	expect_no_path("GET", "/api/v1/persons/{id}/x");
}

static void trailing_slash_and_empty_segments(void **state)
{
	(void)state;
	/* A trailing slash makes another path. */
	expect_no_path("GET", "/api/v1/health/");
	expect_no_path("GET", "/api/v1/users/");
	expect_no_path("POST", "/api/v1/users/ana/disable/");
	/* And above all, it is no empty {id}. */
	expect_no_path("GET", "/api/v1/persons/");
	expect_no_path("GET", "/api/v1/persons//");
	expect_no_path("GET", "/api/v1/persons/1/");
	/* Empty segments match nothing, not even a {param}. */
	expect_no_path("GET", "//api/v1/health");
	expect_no_path("GET", "/api//v1/health");
	expect_no_path("GET", "/api/v1//health");
	expect_no_path("POST", "/api/v1/users//disable");
	expect_no_path("GET", "/api/v1/persons//1");
	/* Dot segments are not resolved: they are ordinary (unknown) segments. */
	expect_no_path("GET", "/api/v1/./health");
	expect_no_path("GET", "/api/v1/me/../health");
	/* ...except where a {param} takes any segment. */
	struct rq *r = match("GET", "/api/v1/persons/..");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_string_equal(r->req.params[0], "..");
}

static void wrong_method_lists_the_allowed_ones(void **state)
{
	(void)state;
	expect_no_method("DELETE", "/api/v1/users", "GET, HEAD, POST");
	expect_no_method("PUT", "/api/v1/persons", "POST, GET, HEAD");
	expect_no_method("PUT", "/api/v1/persons/5", "GET, HEAD");
	expect_no_method("POST", "/api/v1/persons/5", "GET, HEAD");
	expect_no_method("GET", "/api/v1/login", "POST");
	expect_no_method("POST", "/api/v1/health", "GET, HEAD");
	/* HEAD goes where GET goes, and nowhere else. */
	expect_no_method("HEAD", "/api/v1/login", "POST");
	expect_no_method("HEAD", "/api/v1/users/ana/disable", "POST");
	expect_no_method("GET", "/api/v1/users/ana/disable", "POST");
	/* Methods are case-sensitive (RFC 9110). */
	expect_no_method("get", "/api/v1/health", "GET, HEAD");
	expect_no_method("", "/api/v1/me", "GET, HEAD");
}

static void head_is_answered_by_the_get_route(void **state)
{
	(void)state;
	struct rq *r = match("HEAD", "/api/v1/health");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_string_equal(r->req.route->method, "GET");
	assert_ptr_equal(r->req.route->handler, lt_api_health);
	r = match("HEAD", "/api/v1/persons/7");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_ptr_equal(r->req.route->handler, lt_api_persons_get);
	assert_string_equal(r->req.params[0], "7");
	/* On a path with both, HEAD takes the GET route, not the POST one. */
	r = match("HEAD", "/api/v1/users");
	assert_int_equal(r->m, LT_MATCH_OK);
	assert_ptr_equal(r->req.route->handler, lt_api_users_list);
	/* Only the exact word. */
	expect_no_method("head", "/api/v1/health", "GET, HEAD");
}

static void small_allow_buffer_is_truncated_not_overrun(void **state)
{
	(void)state;
	for (size_t cap = 1; cap < 12; cap++) {
		struct lt_req req;
		memset(&req, 0, sizeof(req));
		lt_arena_init(&req.arena);
		char allow[16];
		memset(allow, 'X', sizeof(allow));
		assert_int_equal(lt_router_match(&req, "DELETE", "/api/v1/users", allow, cap),
				 LT_MATCH_NO_METHOD);
		assert_true(memchr(allow, '\0', cap) != NULL);
		for (size_t i = cap; i < sizeof(allow); i++)
			assert_int_equal(allow[i], 'X');
		lt_arena_release(&req.arena);
	}
}

/* Every route matches a path made from its own pattern, and nothing else
 * in the table is ambiguous with it. */
static void every_route_matches_its_own_pattern(void **state)
{
	(void)state;
	size_t count = 0;
	for (const struct lt_route *rt = lt_routes; rt->method; rt++, count++) {
		char path[256] = "";
		size_t used = 0, braces = 0;
		for (const char *c = rt->pattern; *c;) {
			if (*c == '{') {
				used += (size_t)snprintf(path + used, sizeof(path) - used, "p%zu", braces++);
				c = strchr(c, '}') + 1;
			} else {
				path[used++] = *c++;
				path[used] = '\0';
			}
		}
		assert_true(braces <= LT_PATH_PARAMS_MAX);
		struct rq *r = match(rt->method, path);
		if (r->m != LT_MATCH_OK || r->req.route != rt)
			fail_msg("%s %s does not reach its own route", rt->method, path);
		assert_int_equal(r->req.nparams, braces);
		for (size_t i = 0; i < braces; i++) {
			char want[24];
			snprintf(want, sizeof(want), "p%zu", i);
			assert_string_equal(r->req.params[i], want);
		}
		/* An unknown method on the same path lists this route's method. */
		r = match("DELETE", path); /* no route takes DELETE: records are never deleted */
		assert_int_equal(r->m, LT_MATCH_NO_METHOD);
		assert_non_null(strstr(r->allow, rt->method));
		/* No two routes share a method and pattern. */
		for (const struct lt_route *o = lt_routes; o->method; o++)
			if (o != rt && !strcmp(o->method, rt->method) && !strcmp(o->pattern, rt->pattern))
				fail_msg("%s %s appears twice", rt->method, rt->pattern);
		/* Every pattern starts with the API prefix and has no empty segment. */
		assert_int_equal(strncmp(rt->pattern, "/api/v1/", 8), 0);
		assert_null(strstr(rt->pattern, "//"));
		assert_int_not_equal(rt->pattern[strlen(rt->pattern) - 1], '/');
	}
	assert_true(count >= 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(exact_paths_match_their_handlers, teardown),
		cmocka_unit_test_teardown(params_are_captured, teardown),
		cmocka_unit_test_teardown(params_live_in_the_arena, teardown),
		cmocka_unit_test_teardown(unknown_paths_are_not_found, teardown),
		cmocka_unit_test_teardown(trailing_slash_and_empty_segments, teardown),
		cmocka_unit_test_teardown(wrong_method_lists_the_allowed_ones, teardown),
		cmocka_unit_test_teardown(head_is_answered_by_the_get_route, teardown),
		cmocka_unit_test_teardown(small_allow_buffer_is_truncated_not_overrun, teardown),
		cmocka_unit_test_teardown(every_route_matches_its_own_pattern, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
