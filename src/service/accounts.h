/* Accounts: logging in and out, sessions and API tokens, password changes,
 * users and organisations. Every function authorises through policy.h and
 * audits through audit.h.
 * Ownership: JSON results are new references for the caller; token texts
 * are written to caller buffers and exist nowhere else afterwards. */
#ifndef LT_SERVICE_ACCOUNTS_H
#define LT_SERVICE_ACCOUNTS_H
#include "crypto/token.h"
#include "service/context.h"
#include <jansson.h>

/** A new session's secrets, handed out once at login. */
struct lt_login_result {
	char session_token[LT_TOKEN_TEXT_MAX];
	char csrf_token[LT_TOKEN_TEXT_MAX];
	json_t *user; /* the account as GET /users lists it; caller decrefs */
};

/** Checks USERNAME and PASSWORD. On success makes a session, fills OUT and
 *  sets CTX's actor. Fails with LT_ERR_UNAUTHORIZED (wrong name or password,
 *  disabled account: the caller cannot tell which) or LT_ERR_LOCKED with
 *  problem.retry_after. Audits every attempt. */
lt_err lt_svc_login(struct lt_ctx *ctx, const char *username, const char *password,
		    struct lt_login_result *out);
/** Establishes CTX's actor from a session cookie value, enforcing idle and
 *  absolute expiry (an expired session is deleted). */
lt_err lt_svc_session_auth(struct lt_ctx *ctx, const char *token);
/** Establishes CTX's actor from an API bearer token. */
lt_err lt_svc_token_auth(struct lt_ctx *ctx, const char *token);
/** Ends CTX's session, or revokes the API token the actor used. */
lt_err lt_svc_logout(struct lt_ctx *ctx);
/** The actor's own account as JSON: id, username, role, organisation. */
lt_err lt_svc_me(struct lt_ctx *ctx, json_t **out);
/** Changes the actor's password after checking the current one; ends the
 *  actor's other sessions. */
lt_err lt_svc_password_change(struct lt_ctx *ctx, const char *current, const char *next);

/** Adds a user. With PASSWORD NULL a random one is made and written to
 *  GENERATED (21 bytes), to be shown once. */
lt_err lt_svc_user_add(struct lt_ctx *ctx, const char *username, const char *role,
		       const char *org_name, const char *password, char generated[21],
		       int64_t *id);
/** Lists users as a JSON array. */
lt_err lt_svc_user_list(struct lt_ctx *ctx, json_t **out);
/** Disables (or enables) a user by name and ends their sessions. */
lt_err lt_svc_user_set_disabled(struct lt_ctx *ctx, const char *username, bool disabled);
/** Issues an API token for USERNAME, written to TOKEN once. */
lt_err lt_svc_token_create(struct lt_ctx *ctx, const char *username, const char *label,
			   char token[LT_TOKEN_TEXT_MAX]);
/** Revokes USERNAME's API token ID, or all of them when ID is 0; COUNT
 *  gets the number revoked. */
lt_err lt_svc_token_revoke(struct lt_ctx *ctx, const char *username, int64_t id, int *count);
/** Forgets USERNAME's failed logins, lifting a lockout. */
lt_err lt_svc_user_unlock(struct lt_ctx *ctx, const char *username);
/** Adds an organisation. */
lt_err lt_svc_org_add(struct lt_ctx *ctx, const char *name, const char *kind, int64_t *id);
/** Lists organisations as a JSON array. */
lt_err lt_svc_org_list(struct lt_ctx *ctx, json_t **out);
/** The dashboard's counts for the actor's scope. */
lt_err lt_svc_dashboard(struct lt_ctx *ctx, json_t **out);
/** Checks a user name: 3-63 bytes of [a-z0-9_.-]. Names FIELD in the problem. */
lt_err lt_username_check(const char *username, const char *field, struct lt_problem *p);

#endif
