#include "http/router.h"
#include "base/arena.h"

/* Compares PATTERN with PATH segment by segment; collects {params}. */
static bool match_pattern(const char *pattern, char *path, const char **params, size_t *nparams)
{
	*nparams = 0;
	const char *p = pattern;
	char *s = path;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return false;
		p++;
		s++;
		const char *pend = strchr(p, '/');
		size_t plen = pend ? (size_t)(pend - p) : strlen(p);
		char *send = strchr(s, '/');
		size_t slen = send ? (size_t)(send - s) : strlen(s);
		if (plen > 2 && p[0] == '{' && p[plen - 1] == '}') {
			if (slen == 0 || *nparams >= LT_PATH_PARAMS_MAX)
				return false;
			params[(*nparams)++] = s;
		} else if (plen != slen || strncmp(p, s, plen) != 0) {
			return false;
		}
		p += plen;
		s += slen;
	}
	return *p == '\0' && *s == '\0';
}

enum lt_match lt_router_match(struct lt_req *req, const char *method, const char *path,
			      char *allow, size_t allow_cap)
{
	enum lt_match result = LT_MATCH_NO_PATH;
	size_t used = 0;
	allow[0] = '\0';
	for (const struct lt_route *r = lt_routes; r->method; r++) {
		char *copy = lt_arena_strdup(&req->arena, path);
		const char *params[LT_PATH_PARAMS_MAX];
		size_t n;
		if (!copy || !match_pattern(r->pattern, copy, params, &n))
			continue;
		bool head_of_get = strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0;
		if (strcmp(r->method, method) == 0 || head_of_get) {
			/* Cut each parameter at its segment's end, now that the route is chosen. */
			for (size_t i = 0; i < n; i++) {
				char *slash = strchr(params[i], '/');
				if (slash)
					*slash = '\0';
				req->params[i] = params[i];
			}
			req->nparams = n;
			req->route = r;
			return LT_MATCH_OK;
		}
		result = LT_MATCH_NO_METHOD;
		/* A GET route answers HEAD too, so Allow names both. */
		int w = snprintf(allow + used, allow_cap - used, "%s%s%s", used ? ", " : "", r->method,
				 strcmp(r->method, "GET") == 0 ? ", HEAD" : "");
		if (w > 0 && (size_t)w < allow_cap - used)
			used += (size_t)w;
	}
	return result;
}
