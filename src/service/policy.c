#include "service/policy.h"
#include "store/store.h"

/* The table is the policy: one row per role, one column per action. Admins
 * run the system but see no victim's identity; analysts see aggregates
 * only; auditors see the audit log. */
static const enum lt_scope grants[][LT_ACT_COUNT] = {
	[LT_ROLE_ADMIN] = {
		[LT_ACT_SELF] = LT_SCOPE_ALL, [LT_ACT_DASHBOARD] = LT_SCOPE_OWN_ORG,
		[LT_ACT_ORG_LIST] = LT_SCOPE_ALL, [LT_ACT_ORG_ADMIN] = LT_SCOPE_ALL,
		[LT_ACT_USER_ADMIN] = LT_SCOPE_ALL, [LT_ACT_SHELTER_READ] = LT_SCOPE_ALL,
		[LT_ACT_SHELTER_ADMIN] = LT_SCOPE_ALL, [LT_ACT_VOCAB_READ] = LT_SCOPE_ALL,
		[LT_ACT_STATS_READ] = LT_SCOPE_ALL, [LT_ACT_ASSESSMENT_READ] = LT_SCOPE_ALL,
		[LT_ACT_TIERS_ADMIN] = LT_SCOPE_ALL,
	},
	[LT_ROLE_COORDINATOR] = {
		[LT_ACT_SELF] = LT_SCOPE_ALL, [LT_ACT_DASHBOARD] = LT_SCOPE_ALL,
		[LT_ACT_PERSON_CREATE] = LT_SCOPE_OWN_ORG, [LT_ACT_PERSON_READ] = LT_SCOPE_ALL,
		[LT_ACT_PERSON_SEARCH] = LT_SCOPE_ALL, [LT_ACT_ORG_LIST] = LT_SCOPE_ALL,
		[LT_ACT_CASE_CREATE] = LT_SCOPE_OWN_ORG, [LT_ACT_CASE_READ] = LT_SCOPE_ALL,
		[LT_ACT_CASE_DECIDE] = LT_SCOPE_ALL, [LT_ACT_CASE_ASSIST] = LT_SCOPE_ALL,
		[LT_ACT_CASE_IDENTITY] = LT_SCOPE_ALL, [LT_ACT_SHELTER_READ] = LT_SCOPE_ALL,
		[LT_ACT_SHELTER_ADMIN] = LT_SCOPE_ALL, [LT_ACT_VOCAB_READ] = LT_SCOPE_ALL,
		[LT_ACT_REFERRAL_RESPOND] = LT_SCOPE_ALL, [LT_ACT_STATS_READ] = LT_SCOPE_ALL,
		[LT_ACT_ASSESSMENT_READ] = LT_SCOPE_ALL, [LT_ACT_JUSTICE_READ] = LT_SCOPE_ALL,
		[LT_ACT_JUSTICE_RECORD] = LT_SCOPE_ALL, [LT_ACT_ALERT_READ] = LT_SCOPE_ALL,
		[LT_ACT_ALERT_RESOLVE] = LT_SCOPE_ALL,
	},
	[LT_ROLE_CASEWORKER] = {
		[LT_ACT_SELF] = LT_SCOPE_ALL, [LT_ACT_DASHBOARD] = LT_SCOPE_OWN_ORG,
		[LT_ACT_PERSON_CREATE] = LT_SCOPE_OWN_ORG, [LT_ACT_PERSON_READ] = LT_SCOPE_OWN_ORG,
		[LT_ACT_PERSON_SEARCH] = LT_SCOPE_OWN_ORG, [LT_ACT_ORG_LIST] = LT_SCOPE_ALL,
		[LT_ACT_CASE_CREATE] = LT_SCOPE_OWN_ORG, [LT_ACT_CASE_READ] = LT_SCOPE_OWN_ORG,
		[LT_ACT_CASE_DECIDE] = LT_SCOPE_OWN_ORG, [LT_ACT_CASE_ASSIST] = LT_SCOPE_OWN_ORG,
		[LT_ACT_CASE_IDENTITY] = LT_SCOPE_OWN_ORG, [LT_ACT_SHELTER_READ] = LT_SCOPE_ALL,
		[LT_ACT_VOCAB_READ] = LT_SCOPE_ALL, [LT_ACT_REFERRAL_RESPOND] = LT_SCOPE_OWN_ORG,
		[LT_ACT_JUSTICE_READ] = LT_SCOPE_OWN_ORG, [LT_ACT_JUSTICE_RECORD] = LT_SCOPE_OWN_ORG,
		[LT_ACT_ALERT_READ] = LT_SCOPE_OWN_ORG,
	},
	/* Liaison officers see the cases referred to their office, without
	 * identity unless the person consented to share it, and record what
	 * happens to them in the justice system. */
	[LT_ROLE_PROSECUTOR_LIAISON] = {
		[LT_ACT_SELF] = LT_SCOPE_ALL, [LT_ACT_DASHBOARD] = LT_SCOPE_OWN_ORG,
		[LT_ACT_ORG_LIST] = LT_SCOPE_ALL, [LT_ACT_CASE_READ] = LT_SCOPE_OWN_ORG,
		[LT_ACT_CASE_IDENTITY] = LT_SCOPE_OWN_ORG, [LT_ACT_VOCAB_READ] = LT_SCOPE_ALL,
		[LT_ACT_REFERRAL_RESPOND] = LT_SCOPE_OWN_ORG, [LT_ACT_JUSTICE_READ] = LT_SCOPE_OWN_ORG,
		[LT_ACT_JUSTICE_RECORD] = LT_SCOPE_OWN_ORG,
	},
	[LT_ROLE_ANALYST] = {
		[LT_ACT_SELF] = LT_SCOPE_ALL, [LT_ACT_DASHBOARD] = LT_SCOPE_ALL,
		[LT_ACT_ORG_LIST] = LT_SCOPE_ALL, [LT_ACT_VOCAB_READ] = LT_SCOPE_ALL,
		[LT_ACT_STATS_READ] = LT_SCOPE_ALL, [LT_ACT_ASSESSMENT_READ] = LT_SCOPE_ALL,
	},
	[LT_ROLE_AUDITOR] = {
		[LT_ACT_SELF] = LT_SCOPE_ALL, [LT_ACT_DASHBOARD] = LT_SCOPE_OWN_ORG,
		[LT_ACT_ORG_LIST] = LT_SCOPE_ALL, [LT_ACT_AUDIT_READ] = LT_SCOPE_ALL,
		[LT_ACT_VOCAB_READ] = LT_SCOPE_ALL,
	},
};

enum lt_scope lt_policy_scope(const struct lt_actor *actor, enum lt_action action)
{
	if (actor->kind == LT_ACTOR_CLI)
		return LT_SCOPE_ALL;
	if (actor->kind != LT_ACTOR_USER || (size_t)actor->role >= LT_ARRAY_LEN(grants))
		return LT_SCOPE_NONE;
	return grants[actor->role][action];
}

lt_err lt_authorize(struct lt_ctx *ctx, enum lt_action action, int64_t object_org)
{
	if (ctx->actor.kind == LT_ACTOR_ANONYMOUS)
		return lt_problem_set(ctx->problem, LT_ERR_UNAUTHORIZED, "Log in first.");
	enum lt_scope scope = lt_policy_scope(&ctx->actor, action);
	if (scope == LT_SCOPE_NONE)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      "Your role (%s) may not do this.", lt_role_name(ctx->actor.role));
	if (scope == LT_SCOPE_OWN_ORG && object_org && object_org != ctx->actor.org.id)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	return LT_OK;
}

int64_t lt_policy_org_filter(const struct lt_actor *actor, enum lt_action action)
{
	return lt_policy_scope(actor, action) == LT_SCOPE_OWN_ORG ? actor->org.id : 0;
}

lt_err lt_authorize_case(struct lt_ctx *ctx, enum lt_action action, int64_t owner_org,
			 const struct lt_case_share *share)
{
	lt_err rc = lt_authorize(ctx, action, 0);
	if (rc)
		return rc;
	if (lt_policy_scope(&ctx->actor, action) == LT_SCOPE_ALL || owner_org == ctx->actor.org.id)
		return LT_OK;
	bool follows_referral = share && share->visible &&
				(action == LT_ACT_CASE_READ || action == LT_ACT_CASE_ASSIST ||
				 action == LT_ACT_JUSTICE_READ || action == LT_ACT_JUSTICE_RECORD ||
				 (action == LT_ACT_CASE_IDENTITY && share->share_identity));
	if (follows_referral)
		return LT_OK;
	/* The case itself is visible through a referral, only this act is not. */
	if (share && share->visible)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      action == LT_ACT_CASE_IDENTITY
					      ? "The person did not consent to share their identity "
						"with your organisation."
					      : "Only the organisation that owns this case may do this.");
	return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
}
