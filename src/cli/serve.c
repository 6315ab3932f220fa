#include "base/log.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "http/router.h"
#include "http/server.h"
#include "service/alerts.h"
#include <errno.h>
#include <pthread.h>
#include <time.h>

/* The daily recheck of the compliance rules: time alone makes some of them
 * true (an identification overdue, compensation unpaid), so they must run
 * without a write to the case. Once when the server listens, then every
 * 24 hours, in a thread with its own connection; SIGTERM stops it between
 * two batches of cases. */
#define RECHECK_INTERVAL (24 * 3600)

struct recheck {
	struct lt_instance *inst;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	bool running;
};

static bool recheck_stopping(void *arg)
{
	struct recheck *r = arg;
	pthread_mutex_lock(&r->lock);
	bool stop = r->stop;
	pthread_mutex_unlock(&r->lock);
	return stop;
}

static void recheck_once(struct recheck *r, struct lt_store *store)
{
	struct lt_arena arena;
	struct lt_problem p;
	struct lt_ctx ctx;
	lt_arena_init(&arena);
	lt_problem_init(&p);
	lt_ctx_init_cli(&ctx, store, &r->inst->keys, &r->inst->config, &arena, &p);
	snprintf(ctx.actor.username, sizeof(ctx.actor.username), "%s", "(daily recheck)");
	struct lt_alert_counts c;
	int64_t started = lt_mono_ms();
	lt_err rc = lt_alerts_recheck_all(&ctx, &c, recheck_stopping, r);
	/* Counts only: no case, no person, no message text. */
	if (rc)
		lt_log(LT_LOG_ERROR, "alerts_recheck",
		       json_pack("{s:s, s:s}", "error", lt_err_str(rc), "detail", p.detail));
	else
		lt_log(LT_LOG_INFO, "alerts_recheck",
		       json_pack("{s:i, s:i, s:i, s:i, s:I, s:I}", "cases", c.cases, "raised",
				 c.raised, "reopened", c.reopened, "cleared", c.cleared, "open",
				 (json_int_t)c.open, "ms", (json_int_t)(lt_mono_ms() - started)));
	lt_arena_release(&arena);
}

static void *recheck_main(void *arg)
{
	struct recheck *r = arg;
	struct lt_store *store = NULL;
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_instance_connect(r->inst, &store, &p)) {
		lt_log(LT_LOG_ERROR, "alerts_recheck", json_pack("{s:s}", "detail", p.detail));
		return NULL;
	}
	pthread_mutex_lock(&r->lock);
	while (!r->stop) {
		pthread_mutex_unlock(&r->lock);
		recheck_once(r, store);
		pthread_mutex_lock(&r->lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += RECHECK_INTERVAL;
		while (!r->stop && pthread_cond_timedwait(&r->wake, &r->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&r->lock);
	lt_store_free(store);
	return NULL;
}

static void recheck_start(void *arg)
{
	struct recheck *r = arg;
	if (pthread_create(&r->thread, NULL, recheck_main, r) == 0)
		r->running = true;
	else
		lt_log(LT_LOG_ERROR, "alerts_recheck", json_pack("{s:s}", "detail", "no thread"));
}

static void recheck_stop(struct recheck *r)
{
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_cond_signal(&r->wake);
	pthread_mutex_unlock(&r->lock);
	if (r->running)
		pthread_join(r->thread, NULL);
	r->running = false;
}

static void serve_usage(FILE *out)
{
	fprintf(out,
		"usage: lantern serve [--data DIR] [--listen HOST:PORT] [--threads N]\n"
		"                     [--session-idle DURATION] [--session-max DURATION]\n"
		"                     [--body-max BYTES] [--secure-cookies]\n"
		"Serves the API under /api/v1 and the UI. Durations: 90, 90s, 30m, 12h, 1d.\n"
		"Defaults: 127.0.0.1:8080, one thread per core, 30m idle, 12h absolute, 1 MiB.\n"
		"SIGTERM or SIGINT finish the requests in flight and exit 0.\n"
		"The compliance rules (DIR/compliance.json overrides them) run over every case\n"
		"when the server starts and every 24 hours (docs/compliance.md).\n");
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
	/* A faulty override file of the compliance rules stops the server here,
	 * not at the first write to a case. */
	if (snprintf(inst.config.compliance_path, sizeof(inst.config.compliance_path),
		     "%s/compliance.json", inst.dir) >= (int)sizeof(inst.config.compliance_path))
		inst.config.compliance_path[0] = '\0';
	if ((rc = lt_alerts_config_check(&inst.config, &p))) {
		fprintf(stderr, "lantern serve: ");
		lt_problem_print(&p, stderr);
		lt_instance_release(&inst);
		return rc == LT_ERR_INVALID ? 2 : 1;
	}
	struct recheck recheck;
	memset(&recheck, 0, sizeof(recheck));
	recheck.inst = &inst;
	pthread_mutex_init(&recheck.lock, NULL);
	pthread_cond_init(&recheck.wake, NULL);
	so.on_listening = recheck_start;
	so.on_listening_arg = &recheck;
	rc = lt_server_run(&inst, &so, &p);
	recheck_stop(&recheck);
	pthread_cond_destroy(&recheck.wake);
	pthread_mutex_destroy(&recheck.lock);
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
