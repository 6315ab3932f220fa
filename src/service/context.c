#include "service/context.h"

void lt_config_init(struct lt_config *c)
{
	c->session_idle = 30 * 60;
	c->session_max = 12 * 3600;
	c->lockout_failures = 5;
	c->lockout_window = 15 * 60;
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
