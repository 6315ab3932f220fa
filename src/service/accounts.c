#include "service/accounts.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/password.h"
#include "service/audit.h"
#include "service/policy.h"

static json_t *org_json(const struct lt_org_row *o)
{
	return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)o->id, "name", o->name, "kind",
			 o->kind);
}

static json_t *user_json(const struct lt_user_row *u)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:b}", "id", (json_int_t)u->id, "username",
			 u->username, "role", u->role, "organisation", org_json(&u->org), "disabled",
			 u->disabled);
}

static void actor_from_user(struct lt_actor *a, const struct lt_user_row *u)
{
	a->kind = LT_ACTOR_USER;
	a->user_id = u->id;
	lt_str_copy(a->username, sizeof(a->username), u->username);
	a->role = lt_role_parse(u->role);
	a->org = u->org;
}

/* Runs FN's writes and the audit row in one transaction. */
static lt_err finish_tx(struct lt_ctx *ctx, lt_err rc)
{
	if (!rc)
		rc = lt_store_commit(ctx->store);
	if (rc)
		lt_store_rollback(ctx->store);
	return rc;
}

lt_err lt_username_check(const char *username, const char *field, struct lt_problem *p)
{
	size_t n = strlen(username);
	if (n < 3 || n > 63 || !lt_str_is_slug(username))
		return lt_problem_field(p, field,
					"must be 3 to 63 characters of a-z, 0-9, '_', '.' or '-'");
	return LT_OK;
}

lt_err lt_svc_login(struct lt_ctx *ctx, const char *username, const char *password,
		    struct lt_login_result *out)
{
	struct lt_user_row user;
	int64_t now = lt_now();
	memset(out, 0, sizeof(*out));
	lt_err rc = lt_store_user_by_name(ctx->store, username, &user);
	if (rc == LT_ERR_NOT_FOUND) {
		lt_password_burn(password);
		/* No user id to attach: the attempt is recorded without the name typed,
		 * which may be a person's real name entered in the wrong field. */
		lt_audit_record(ctx, "login", "user", 0, "unknown_user", NULL);
		return lt_problem_set(ctx->problem, LT_ERR_UNAUTHORIZED,
				      "The user name or password is not correct.");
	}
	if (rc)
		return rc;

	int failures = 0;
	int64_t oldest = 0;
	rc = lt_store_login_failure_count(ctx->store, user.id, now - ctx->config->lockout_window,
					  &failures, &oldest);
	if (rc)
		return rc;
	ctx->actor.user_id = user.id; /* audit rows below name the account concerned */
	if (failures >= ctx->config->lockout_failures) {
		long wait = (long)(oldest + ctx->config->lockout_window - now);
		ctx->problem->retry_after = wait > 1 ? wait : 1;
		lt_audit_record(ctx, "login", "user", user.id, "locked", NULL);
		ctx->actor.user_id = 0;
		return lt_problem_set(ctx->problem, LT_ERR_LOCKED,
				      "Too many failed logins for this account. Try again in %ld "
				      "seconds, or ask an administrator.",
				      ctx->problem->retry_after);
	}
	/* The password is checked even for a disabled account, so that the
	 * answer's timing does not tell a disabled account from a wrong password. */
	bool password_ok = lt_password_verify(user.password_hash, password);
	if (user.disabled || !password_ok) {
		if ((rc = lt_store_begin(ctx->store)))
			return rc;
		rc = lt_store_login_failure_add(ctx->store, user.id, now);
		if (!rc)
			rc = lt_audit_append(ctx, "login", "user", user.id,
					     user.disabled ? "disabled" : "bad_password", NULL);
		rc = finish_tx(ctx, rc);
		ctx->actor.user_id = 0;
		if (rc)
			return rc;
		return lt_problem_set(ctx->problem, LT_ERR_UNAUTHORIZED,
				      "The user name or password is not correct.");
	}

	char rehash[LT_PASSWORD_HASH_MAX] = "";
	if (lt_password_needs_rehash(user.password_hash) && lt_password_hash(password, rehash))
		rehash[0] = '\0';
	unsigned char hash[LT_TOKEN_HASH_BYTES];
	if ((rc = lt_token_generate("lts_", out->session_token)) ||
	    (rc = lt_token_generate("", out->csrf_token)))
		return rc;
	lt_token_hash(ctx->keys, out->session_token, hash);
	actor_from_user(&ctx->actor, &user);
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_session_insert(ctx->store, hash, out->csrf_token, user.id, now);
	if (!rc)
		rc = lt_store_login_failure_clear(ctx->store, user.id);
	if (!rc && rehash[0])
		rc = lt_store_user_set_password(ctx->store, user.id, rehash, now);
	if (!rc)
		rc = lt_audit_append(ctx, "login", "user", user.id, "ok", NULL);
	if ((rc = finish_tx(ctx, rc)))
		return rc;
	out->user = user_json(&user);
	return out->user ? LT_OK : LT_ERR_NOMEM;
}

/* Activity is written at most once a minute, so that reads stay reads;
 * idle expiry is therefore exact to within that minute. A short idle limit
 * is touched more often (a quarter of it), or an active session would end. */
#define TOUCH_EVERY 60

static int64_t touch_every(int64_t idle)
{
	int64_t quarter = idle / 4;
	return quarter < 1 ? 1 : quarter < TOUCH_EVERY ? quarter : TOUCH_EVERY;
}

lt_err lt_svc_session_auth(struct lt_ctx *ctx, const char *token)
{
	unsigned char hash[LT_TOKEN_HASH_BYTES];
	struct lt_session_row s;
	struct lt_user_row user;
	int64_t now = lt_now();
	lt_token_hash(ctx->keys, token, hash);
	lt_err rc = lt_store_session_get(ctx->store, hash, &s, &user);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_UNAUTHORIZED,
				      "Your session has ended. Log in again.");
	if (rc)
		return rc;
	bool idle = now - s.last_seen_at >= ctx->config->session_idle;
	bool old = now - s.created_at >= ctx->config->session_max;
	if (idle || old || user.disabled) {
		lt_store_session_delete(ctx->store, s.id);
		return lt_problem_set(ctx->problem, LT_ERR_UNAUTHORIZED,
				      "Your session has ended. Log in again.");
	}
	if (now - s.last_seen_at >= touch_every(ctx->config->session_idle) &&
	    (rc = lt_store_session_touch(ctx->store, s.id, now)))
		return rc;
	actor_from_user(&ctx->actor, &user);
	ctx->actor.session_id = s.id;
	lt_str_copy(ctx->actor.csrf_token, sizeof(ctx->actor.csrf_token), s.csrf_token);
	return LT_OK;
}

lt_err lt_svc_token_auth(struct lt_ctx *ctx, const char *token)
{
	unsigned char hash[LT_TOKEN_HASH_BYTES];
	struct lt_user_row user;
	int64_t id, last_used, now = lt_now();
	lt_token_hash(ctx->keys, token, hash);
	lt_err rc = lt_store_token_get(ctx->store, hash, &id, &last_used, &user);
	if (rc == LT_ERR_NOT_FOUND || (!rc && user.disabled))
		return lt_problem_set(ctx->problem, LT_ERR_UNAUTHORIZED, "The API token is not valid.");
	if (rc)
		return rc;
	if (now - last_used >= TOUCH_EVERY && (rc = lt_store_token_touch(ctx->store, id, now)))
		return rc;
	actor_from_user(&ctx->actor, &user);
	ctx->actor.token_id = id;
	return LT_OK;
}

lt_err lt_svc_logout(struct lt_ctx *ctx)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_SELF, 0);
	if (rc)
		return rc;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	int revoked = 0;
	if (ctx->actor.session_id)
		rc = lt_store_session_delete(ctx->store, ctx->actor.session_id);
	else if (ctx->actor.token_id)
		rc = lt_store_token_revoke(ctx->store, ctx->actor.token_id, ctx->actor.user_id,
					   lt_now(), &revoked);
	if (!rc)
		rc = lt_audit_append(ctx, "logout", "user", ctx->actor.user_id, "ok",
				     ctx->actor.token_id ? "token_revoked" : NULL);
	return finish_tx(ctx, rc);
}

lt_err lt_svc_me(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_SELF, 0);
	if (rc)
		return rc;
	*out = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)ctx->actor.user_id, "username",
			 ctx->actor.username, "role", lt_role_name(ctx->actor.role), "organisation",
			 org_json(&ctx->actor.org));
	return *out ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_password_change(struct lt_ctx *ctx, const char *current, const char *next)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_SELF, 0);
	if (rc)
		return rc;
	struct lt_user_row user;
	if ((rc = lt_store_user_get(ctx->store, ctx->actor.user_id, &user)))
		return rc;
	/* Guessing the current password counts towards the same lockout as
	 * guessing at login, or a stolen session could guess without limit. */
	int failures = 0;
	int64_t oldest = 0, now = lt_now();
	if ((rc = lt_store_login_failure_count(ctx->store, user.id, now - ctx->config->lockout_window,
					       &failures, &oldest)))
		return rc;
	if (failures >= ctx->config->lockout_failures) {
		long wait = (long)(oldest + ctx->config->lockout_window - now);
		ctx->problem->retry_after = wait > 1 ? wait : 1;
		lt_audit_record(ctx, "password.change", "user", user.id, "locked", NULL);
		return lt_problem_set(ctx->problem, LT_ERR_LOCKED,
				      "Too many wrong passwords for this account. Try again in %ld "
				      "seconds.",
				      ctx->problem->retry_after);
	}
	if (!lt_password_verify(user.password_hash, current)) {
		if ((rc = lt_store_begin(ctx->store)))
			return rc;
		rc = lt_store_login_failure_add(ctx->store, user.id, now);
		if (!rc)
			rc = lt_audit_append(ctx, "password.change", "user", user.id, "bad_password", NULL);
		if ((rc = finish_tx(ctx, rc)))
			return rc;
		return lt_problem_field(ctx->problem, "current_password", "is not correct");
	}
	if ((rc = lt_password_check_policy(next, "new_password", ctx->problem)))
		return rc;
	if (strcmp(current, next) == 0)
		return lt_problem_field(ctx->problem, "new_password",
					"must differ from the current password");
	char hash[LT_PASSWORD_HASH_MAX];
	if ((rc = lt_password_hash(next, hash)))
		return rc;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_user_set_password(ctx->store, user.id, hash, lt_now());
	if (!rc)
		rc = lt_store_session_delete_user(ctx->store, user.id, ctx->actor.session_id);
	if (!rc)
		rc = lt_audit_append(ctx, "password.change", "user", user.id, "ok", NULL);
	return finish_tx(ctx, rc);
}

lt_err lt_svc_user_add(struct lt_ctx *ctx, const char *username, const char *role,
		       const char *org_name, const char *password, char generated[21],
		       int64_t *id)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_USER_ADMIN, 0);
	if (rc)
		return rc;
	lt_username_check(username, "username", ctx->problem);
	if (lt_role_parse(role) == LT_ROLE_NONE)
		lt_problem_field(ctx->problem, "role", "must be one of: %s", lt_role_names());
	if (password)
		lt_password_check_policy(password, "password", ctx->problem);
	struct lt_org_row org;
	rc = lt_store_org_by_name(ctx->store, org_name, &org);
	if (rc == LT_ERR_NOT_FOUND)
		lt_problem_field(ctx->problem, "organisation", "no organisation has this name");
	else if (rc)
		return rc;
	if (ctx->problem->nfields)
		return LT_ERR_INVALID;
	if (!password) {
		lt_password_generate(generated);
		password = generated;
	}
	char hash[LT_PASSWORD_HASH_MAX];
	if ((rc = lt_password_hash(password, hash)))
		return rc;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_user_insert(ctx->store, username, hash, role, org.id, lt_now(), id);
	if (rc == LT_ERR_CONFLICT) {
		lt_store_rollback(ctx->store);
		return lt_problem_field(ctx->problem, "username", "is already taken");
	}
	if (!rc)
		rc = lt_audit_append(ctx, "user.create", "user", *id, "ok", role);
	return finish_tx(ctx, rc);
}

static lt_err collect_user(void *vctx, const struct lt_user_row *row)
{
	json_t *o = user_json(row);
	return o && !json_array_append_new(vctx, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_user_list(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_USER_ADMIN, 0);
	if (rc)
		return rc;
	json_t *arr = json_array();
	if (!arr)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_user_list(ctx->store, collect_user, arr))) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return LT_OK;
}

lt_err lt_svc_user_set_disabled(struct lt_ctx *ctx, const char *username, bool disabled)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_USER_ADMIN, 0);
	if (rc)
		return rc;
	struct lt_user_row user;
	rc = lt_store_user_by_name(ctx->store, username, &user);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No user is called %s.", username);
	if (rc)
		return rc;
	if (disabled && user.id == ctx->actor.user_id)
		return lt_problem_field(ctx->problem, "username", "you cannot disable yourself");
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_user_set_disabled(ctx->store, user.id, disabled);
	if (!rc && disabled)
		rc = lt_store_session_delete_user(ctx->store, user.id, 0);
	if (!rc && !disabled)
		rc = lt_store_login_failure_clear(ctx->store, user.id);
	if (!rc)
		rc = lt_audit_append(ctx, disabled ? "user.disable" : "user.enable", "user", user.id,
				     "ok", NULL);
	return finish_tx(ctx, rc);
}

lt_err lt_svc_token_create(struct lt_ctx *ctx, const char *username, const char *label,
			   char token[LT_TOKEN_TEXT_MAX])
{
	lt_err rc = lt_authorize(ctx, LT_ACT_USER_ADMIN, 0);
	if (rc)
		return rc;
	struct lt_user_row user;
	rc = lt_store_user_by_name(ctx->store, username, &user);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_field(ctx->problem, "user", "no user is called %s", username);
	if (rc)
		return rc;
	if (strlen(label) > 100)
		return lt_problem_field(ctx->problem, "label", "must be at most 100 bytes");
	if ((rc = lt_token_generate("ltk_", token)))
		return rc;
	unsigned char hash[LT_TOKEN_HASH_BYTES];
	lt_token_hash(ctx->keys, token, hash);
	int64_t id;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_token_insert(ctx->store, hash, user.id, label, lt_now(), &id);
	if (!rc)
		rc = lt_audit_append(ctx, "token.create", "user", user.id, "ok", NULL);
	return finish_tx(ctx, rc);
}

lt_err lt_svc_token_revoke(struct lt_ctx *ctx, const char *username, int64_t id, int *count)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_USER_ADMIN, 0);
	if (rc)
		return rc;
	struct lt_user_row user;
	rc = lt_store_user_by_name(ctx->store, username, &user);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_field(ctx->problem, "user", "no user is called %s", username);
	if (rc)
		return rc;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_token_revoke(ctx->store, id, user.id, lt_now(), count);
	if (!rc)
		rc = lt_audit_append(ctx, "token.revoke", "user", user.id, "ok", id ? "one" : "all");
	return finish_tx(ctx, rc);
}

lt_err lt_svc_user_unlock(struct lt_ctx *ctx, const char *username)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_USER_ADMIN, 0);
	if (rc)
		return rc;
	struct lt_user_row user;
	rc = lt_store_user_by_name(ctx->store, username, &user);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No user is called %s.", username);
	if (rc)
		return rc;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_login_failure_clear(ctx->store, user.id);
	if (!rc)
		rc = lt_audit_append(ctx, "user.unlock", "user", user.id, "ok", NULL);
	return finish_tx(ctx, rc);
}

lt_err lt_svc_org_add(struct lt_ctx *ctx, const char *name, const char *kind, int64_t *id)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_ORG_ADMIN, 0);
	if (rc)
		return rc;
	size_t n = strlen(name);
	if (n < 2 || n > 150)
		lt_problem_field(ctx->problem, "name", "must be 2 to 150 bytes");
	if (!lt_org_kind_valid(kind))
		lt_problem_field(ctx->problem, "kind", "must be one of: %s", lt_org_kind_names());
	if (ctx->problem->nfields)
		return LT_ERR_INVALID;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_org_insert(ctx->store, name, kind, lt_now(), id);
	if (rc == LT_ERR_CONFLICT) {
		lt_store_rollback(ctx->store);
		return lt_problem_field(ctx->problem, "name", "is already taken");
	}
	if (!rc)
		rc = lt_audit_append(ctx, "organisation.create", "organisation", *id, "ok", kind);
	return finish_tx(ctx, rc);
}

static lt_err collect_org(void *vctx, const struct lt_org_row *row)
{
	json_t *o = org_json(row);
	return o && !json_array_append_new(vctx, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_org_list(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_ORG_LIST, 0);
	if (rc)
		return rc;
	json_t *arr = json_array();
	if (!arr)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_org_list(ctx->store, collect_org, arr))) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return LT_OK;
}

static lt_err count_status(void *vctx, const char *status, int64_t n)
{
	json_t *by = vctx;
	json_object_set_new(by, status, json_integer(n));
	json_object_set_new(by, "total",
			    json_integer(json_integer_value(json_object_get(by, "total")) + n));
	return LT_OK;
}

lt_err lt_svc_dashboard(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_DASHBOARD, 0);
	if (rc)
		return rc;
	int64_t persons = 0;
	if ((rc = lt_store_person_count(ctx->store, lt_policy_org_filter(&ctx->actor, LT_ACT_DASHBOARD),
					&persons)))
		return rc;
	/* Case counts for those who may open the cases they count, so every
	 * figure leads to its list. */
	json_t *cases = json_null();
	if (lt_policy_scope(&ctx->actor, LT_ACT_CASE_READ) != LT_SCOPE_NONE) {
		cases = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "total", 0, "referred", 0,
				  "under_assessment", 0, "identified", 0, "not_identified", 0, "closed", 0);
		if ((rc = lt_store_case_count_by_status(ctx->store,
							lt_policy_org_filter(&ctx->actor, LT_ACT_CASE_READ),
							count_status, cases))) {
			json_decref(cases);
			return rc;
		}
	}
	*out = json_pack("{s:I, s:o, s:s, s:o, s:s}", "persons", (json_int_t)persons, "cases", cases,
			 "role", lt_role_name(ctx->actor.role), "organisation",
			 org_json(&ctx->actor.org), "scope",
			 lt_policy_scope(&ctx->actor, LT_ACT_DASHBOARD) == LT_SCOPE_ALL
				 ? "all"
				 : "organisation");
	return *out ? LT_OK : LT_ERR_NOMEM;
}
