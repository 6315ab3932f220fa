/* libFuzzer target: lt_router_match on the real route table with an
 * arbitrary method and path. Input: the method, a space, the path (the
 * first space splits; with none, the method is GET). Checks, beyond "no
 * crash": a match is a route of that method (or GET for HEAD) whose
 * pattern, with its {params} replaced by the captured values, gives back
 * exactly the path, each value one non-empty segment; a 405 lists methods
 * and not the one asked for; a 404 lists nothing. */
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Rebuilds the path PATTERN describes with PARAMS put in. */
static bool rebuild(const char *pattern, const char *const *params, size_t n, char *out,
		    size_t cap)
{
	size_t used = 0, k = 0;
	for (const char *c = pattern; *c;) {
		const char *piece = c;
		size_t len = 1;
		if (*c == '{') {
			const char *end = strchr(c, '}');
			if (!end || k >= n)
				return false;
			piece = params[k++];
			len = strlen(piece);
			c = end + 1;
		} else {
			c++;
		}
		if (used + len + 1 > cap)
			return false;
		memcpy(out + used, piece, len);
		used += len;
	}
	out[used] = '\0';
	return k == n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0'; /* an embedded NUL ends the path, as in a C string */
	const char *method = "GET", *path = text;
	char *space = strchr(text, ' ');
	if (space) {
		*space = '\0';
		method = text;
		path = space + 1;
	}

	struct lt_req req;
	memset(&req, 0, sizeof(req));
	lt_arena_init(&req.arena);
	char allow[64];
	enum lt_match m = lt_router_match(&req, method, path, allow, sizeof(allow));
	if (!memchr(allow, '\0', sizeof(allow)))
		abort();
	switch (m) {
	case LT_MATCH_OK: {
		if (!req.route)
			abort();
		/* The method asked for, or GET for HEAD. */
		if (strcmp(req.route->method, method) != 0 &&
		    !(strcmp(method, "HEAD") == 0 && strcmp(req.route->method, "GET") == 0))
			abort();
		if (req.nparams > LT_PATH_PARAMS_MAX)
			abort();
		for (size_t i = 0; i < req.nparams; i++)
			if (!req.params[i] || !req.params[i][0] || strchr(req.params[i], '/'))
				abort();
		char *back = malloc(strlen(path) + 2);
		if (!back || !rebuild(req.route->pattern, req.params, req.nparams, back,
				      strlen(path) + 2) ||
		    strcmp(back, path) != 0)
			abort();
		free(back);
		break;
	}
	case LT_MATCH_NO_METHOD: {
		if (req.route || !allow[0])
			abort();
		/* The method asked for is not among those allowed. */
		char list[70];
		snprintf(list, sizeof(list), ", %s,", allow);
		char item[4200];
		snprintf(item, sizeof(item), ", %s,", method);
		if (method[0] && strstr(list, item))
			abort();
		break;
	}
	case LT_MATCH_NO_PATH:
		if (req.route || allow[0] || req.nparams)
			abort();
		break;
	default:
		abort();
	}
	lt_arena_release(&req.arena);
	free(text);
	return 0;
}
