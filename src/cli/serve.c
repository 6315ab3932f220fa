#include "base/log.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "http/router.h"
#include "http/server.h"

static void serve_usage(FILE *out)
{
	fprintf(out,
		"usage: lantern serve [--data DIR] [--listen HOST:PORT] [--threads N]\n"
		"                     [--session-idle DURATION] [--session-max DURATION]\n"
		"                     [--body-max BYTES] [--secure-cookies]\n"
		"Serves the API under /api/v1 and the UI. Durations: 90, 90s, 30m, 12h, 1d.\n"
		"Defaults: 127.0.0.1:8080, one thread per core, 30m idle, 12h absolute, 1 MiB.\n"
		"SIGTERM or SIGINT finish the requests in flight and exit 0.\n");
}

static bool duration_opt(const struct lt_args *a, const char *name, int64_t *out)
{
	const char *v = lt_args_get(a, name, NULL);
	if (!v)
		return true;
	if (lt_duration_parse(v, out) || *out < 1) {
		fprintf(stderr, "lantern serve: --%s: not a duration (e.g. 30m, 12h)\n", name);
		return false;
	}
	return true;
}

int cmd_serve(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL},         {"listen", true, NULL},
				{"threads", true, NULL},      {"session-idle", true, NULL},
				{"session-max", true, NULL},  {"body-max", true, NULL},
				{"secure-cookies", false, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "serve");
	if (rc == LT_ERR_NOT_FOUND) {
		serve_usage(stdout);
		return 0;
	}
	if (rc || a.npos) {
		serve_usage(stderr);
		return 2;
	}
	struct lt_server_opts so;
	lt_server_opts_init(&so);
	so.listen = lt_args_get(&a, "listen", so.listen);
	so.secure_cookies = lt_args_has(&a, "secure-cookies");
	int64_t n;
	const char *v;
	if ((v = lt_args_get(&a, "threads", NULL))) {
		if (lt_str_to_i64(v, &n) || n < 1 || n > 64) {
			fprintf(stderr, "lantern serve: --threads must be from 1 to 64\n");
			return 2;
		}
		so.threads = (unsigned)n;
	}
	if ((v = lt_args_get(&a, "body-max", NULL))) {
		if (lt_str_to_i64(v, &n) || n < 1024 || n > 1024LL * 1024 * 1024) {
			fprintf(stderr, "lantern serve: --body-max must be from 1024 to 1073741824 bytes\n");
			return 2;
		}
		so.body_max = (size_t)n;
	}
	int64_t idle = 0, max = 0;
	if (!duration_opt(&a, "session-idle", &idle) || !duration_opt(&a, "session-max", &max))
		return 2;
	struct lt_instance inst;
	struct lt_problem p;
	lt_problem_init(&p);
	if ((rc = lt_instance_open(lt_args_get(&a, "data", lt_data_dir_default()), &inst, &p))) {
		fprintf(stderr, "lantern serve: ");
		lt_problem_print(&p, stderr);
		return 1;
	}
	if (idle)
		inst.config.session_idle = idle;
	if (max)
		inst.config.session_max = max;
	rc = lt_server_run(&inst, &so, &p);
	lt_instance_release(&inst);
	if (rc) {
		fprintf(stderr, "lantern serve: ");
		lt_problem_print(&p, stderr);
		return rc == LT_ERR_INVALID ? 2 : 1;
	}
	return 0;
}

int cmd_routes(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: lantern routes\nPrints the API routes as JSON lines.\n");
		return 2;
	}
	for (const struct lt_route *r = lt_routes; r->method; r++) {
		json_t *o = json_pack("{s:s, s:s, s:b}", "method", r->method, "path", r->pattern,
				      "public", r->auth == LT_AUTH_PUBLIC);
		json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(o);
	}
	return 0;
}
