#include "service/context.h"
#include "domain/jurisdiction.h"
#include "service/alerts.h"
#include <pthread.h>

void lt_config_init(struct lt_config *c)
{
	c->session_idle = 30 * 60;
	c->session_max = 12 * 3600;
	c->lockout_failures = 5;
	c->lockout_window = 15 * 60;
	const char *country = getenv("LANTERN_COUNTRY");
	snprintf(c->country, sizeof(c->country), "%s", country && strlen(country) == 2 ? country : "RS");
	c->compliance_path[0] = '\0';
}

static pthread_mutex_t jurisdiction_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lt_jurisdiction jurisdiction_cache;
static bool jurisdiction_loaded;

const struct lt_jurisdiction *lt_ctx_jurisdiction(struct lt_ctx *ctx)
{
	const struct lt_jurisdiction *j = NULL;
	pthread_mutex_lock(&jurisdiction_lock);
	if (jurisdiction_loaded && strcmp(jurisdiction_cache.country, ctx->config->country) == 0) {
		j = &jurisdiction_cache;
	} else if (lt_jurisdiction_load(ctx->config->country, &jurisdiction_cache, ctx->problem) ==
		   LT_OK) {
		jurisdiction_loaded = true;
		j = &jurisdiction_cache;
	}
	pthread_mutex_unlock(&jurisdiction_lock);
	return j;
}

void lt_ctx_init_cli(struct lt_ctx *ctx, struct lt_store *store, const struct lt_keys *keys,
		     const struct lt_config *config, struct lt_arena *arena,
		     struct lt_problem *problem)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->store = store;
	ctx->keys = keys;
	ctx->config = config;
	ctx->arena = arena;
	ctx->problem = problem;
	ctx->actor.kind = LT_ACTOR_CLI;
	ctx->actor.role = LT_ROLE_ADMIN;
	snprintf(ctx->actor.username, sizeof(ctx->actor.username), "%s", "(command line)");
}

lt_err lt_ctx_commit(struct lt_ctx *ctx)
{
	lt_err rc = lt_alerts_check_touched(ctx);
	if (!rc)
		return lt_store_commit(ctx->store);
	lt_store_rollback(ctx->store);
	return rc;
}

lt_err lt_ctx_finish(struct lt_ctx *ctx, lt_err rc)
{
	if (!rc)
		return lt_ctx_commit(ctx);
	lt_store_rollback(ctx->store);
	return rc;
}
