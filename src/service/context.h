/* What every service call carries: who acts, with what store and keys, an
 * arena for this call's memory, and where to describe a failure.
 * Ownership: the caller owns the context and everything it points to; a
 * service never frees any of it. */
#ifndef LT_SERVICE_CONTEXT_H
#define LT_SERVICE_CONTEXT_H
#include "base/arena.h"
#include "base/problem.h"
#include "crypto/keys.h"
#include "domain/vocab.h"
#include "store/store.h"

enum lt_actor_kind {
	LT_ACTOR_ANONYMOUS = 0, /* not logged in */
	LT_ACTOR_USER,          /* a logged-in user, by session or API token */
	LT_ACTOR_CLI,           /* the operator at the command line, who holds the master key */
};

/** The caller, as established by authentication. */
struct lt_actor {
	enum lt_actor_kind kind;
	int64_t user_id;
	char username[64];
	enum lt_role role;
	struct lt_org_row org;
	int64_t session_id; /* 0 unless authenticated by session cookie */
	int64_t token_id;   /* 0 unless authenticated by API token */
	char csrf_token[64];
};

/** Tunable limits, with defaults from lt_config_init(). */
struct lt_config {
	int64_t session_idle;     /* seconds without a request before a session ends */
	int64_t session_max;      /* seconds after login when a session ends regardless */
	int lockout_failures;     /* failed logins that lock an account... */
	int64_t lockout_window;   /* ...within this many seconds */
	char country[3];          /* the deployment's own country (ISO alpha-2): its jurisdiction profile */
	/* The deployment's overrides of the compliance rules: DATA_DIR/compliance.json
	 * when the data directory is known, used only if the file exists
	 * ("" for none; docs/compliance.md). */
	char compliance_path[4096];
};

struct lt_ctx {
	struct lt_store *store;
	const struct lt_keys *keys;
	const struct lt_config *config;
	struct lt_arena *arena;
	struct lt_problem *problem;
	struct lt_actor actor;
};

/** Fills C with the defaults: 30 min idle, 12 h absolute, 5 failures in 15 min. */
void lt_config_init(struct lt_config *c);
struct lt_jurisdiction;
/** The jurisdiction profile of the deployment's country, loaded once and
 *  shared; NULL (with CTX's problem set) when it cannot be loaded. */
const struct lt_jurisdiction *lt_ctx_jurisdiction(struct lt_ctx *ctx);
/** Commits CTX's open write transaction, after running what must follow
 *  every write to a case over each case the transaction wrote (the
 *  compliance rules, service/alerts.h). On failure nothing is committed and
 *  the transaction is rolled back. Services call this, never
 *  lt_store_commit(), when a transaction may have written a case. */
lt_err lt_ctx_commit(struct lt_ctx *ctx);
/** Ends CTX's open write transaction by RC, the outcome of the writes in it:
 *  commits with lt_ctx_commit() when RC is LT_OK, rolls back otherwise.
 *  Returns the final outcome. */
lt_err lt_ctx_finish(struct lt_ctx *ctx, lt_err rc);
/** Sets up CTX for the operator at the command line. */
void lt_ctx_init_cli(struct lt_ctx *ctx, struct lt_store *store, const struct lt_keys *keys,
		     const struct lt_config *config, struct lt_arena *arena,
		     struct lt_problem *problem);

#endif
