#include "service/cases.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"
#include "domain/jurisdiction.h"
#include "service/audit.h"
#include "service/case_internal.h"
#include "service/policy.h"

/* Re-reads the case after a change and renders it for the caller. */
static lt_err changed_case(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	return lt_case_json(ctx, id, out);
}

static lt_err check_reasons(struct lt_problem *p, const char *reasons)
{
	if (!reasons || strspn(reasons, " \t\r\n") == strlen(reasons))
		return lt_problem_field(p, "reasons", "are required: say in writing why");
	return LT_OK;
}

lt_err lt_svc_case_transition(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"action", LT_JSON_STRING, true, 32},
		{"outcome", LT_JSON_STRING, false, 32},
		{"date", LT_JSON_STRING, true, 10},
		{"reasons", LT_JSON_STRING, true, REASONS_MAX},
		{"body", LT_JSON_STRING, false, 160},
	};
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_DECIDE, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, ctx->problem)))
		return rc;
	const char *action_name = lt_json_str(body, "action"), *outcome = lt_json_str(body, "outcome");
	const char *date = lt_json_str(body, "date"), *reasons = lt_json_str(body, "reasons");
	const char *decider = lt_json_str(body, "body");
	enum lt_case_action action = lt_case_action_parse(action_name);
	if (action == LT_CASE_ACT_INVALID)
		return lt_problem_field(ctx->problem, "action",
					"must be one of: reasonable_grounds, identify, review, close, "
					"reopen");
	lt_case_check_date(ctx->problem, "date", date, true, c.referral_date, "referral date");
	check_reasons(ctx->problem, reasons);
	const char *outcomes = lt_case_action_outcomes(action);
	if (*outcomes && !outcome)
		lt_problem_field(ctx->problem, "outcome", "is required: one of %s", outcomes);
	if (!*outcomes && outcome)
		lt_problem_field(ctx->problem, "outcome", "is not taken by %s", action_name);
	if (ctx->problem->nfields)
		return LT_ERR_INVALID;
	enum lt_case_status from = lt_case_status_parse(c.status), to;
	char why[240];
	rc = lt_case_flow_next(from, action, outcome, lt_case_status_parse(c.status_before_close), &to,
			       why, sizeof(why));
	if (rc == LT_ERR_INVALID)
		return lt_problem_field(ctx->problem, "outcome", "must be one of: %s", outcomes);
	if (rc == LT_ERR_CONFLICT)
		return lt_problem_set(ctx->problem, LT_ERR_CONFLICT, "%s", why);
	if (rc)
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return LT_ERR_INTERNAL;
	const char *body_name = decider ? decider : lt_jurisdiction_deciding_body(j, c.is_child == 1);
	const char *stage = NULL;
	switch (action) {
	case LT_CASE_ACT_REASONABLE_GROUNDS:
		stage = "reasonable_grounds";
		lt_str_copy(c.reasonable_grounds, sizeof(c.reasonable_grounds), outcome);
		lt_str_copy(c.reasonable_grounds_date, sizeof(c.reasonable_grounds_date), date);
		break;
	case LT_CASE_ACT_IDENTIFY:
		stage = "conclusive";
		lt_str_copy(c.identification, sizeof(c.identification), outcome);
		lt_str_copy(c.identification_date, sizeof(c.identification_date), date);
		lt_str_copy(c.identification_body, sizeof(c.identification_body), body_name);
		break;
	case LT_CASE_ACT_REVIEW:
		stage = "review";
		if (!strcmp(outcome, "overturned")) {
			lt_str_copy(c.identification, sizeof(c.identification), "identified");
			lt_str_copy(c.identification_date, sizeof(c.identification_date), date);
			lt_str_copy(c.identification_body, sizeof(c.identification_body), body_name);
		}
		break;
	case LT_CASE_ACT_CLOSE:
		lt_str_copy(c.status_before_close, sizeof(c.status_before_close), c.status);
		break;
	case LT_CASE_ACT_REOPEN:
		c.status_before_close[0] = '\0';
		break;
	case LT_CASE_ACT_INVALID:
		return LT_ERR_INTERNAL;
	}
	lt_str_copy(c.status, sizeof(c.status), lt_case_status_name(to));
	c.updated_at = lt_now();
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_case_update(ctx->store, &c);
	if (!rc && stage)
		rc = lt_case_decision(ctx, id, stage, outcome, date, body_name, reasons);
	if (!rc)
		rc = lt_case_event(ctx, id, "transition", action_name, lt_case_status_name(from),
				   c.status, date, reasons,
				   stage ? json_pack("{s:s, s:s}", "outcome", outcome, "body", body_name)
					 : NULL);
	if (!rc)
		rc = lt_audit_append(ctx, "case.transition", "case", id, "ok", action_name);
	if (!rc)
		rc = lt_ctx_commit(ctx);
	if (rc) {
		lt_store_rollback(ctx->store);
		return rc;
	}
	return changed_case(ctx, id, out);
}

lt_err lt_svc_case_cooperation(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"status", LT_JSON_STRING, true, 16},
		{"date", LT_JSON_STRING, true, 10},
		{"note", LT_JSON_STRING, false, REASONS_MAX},
	};
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_DECIDE, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, ctx->problem)))
		return rc;
	const char *status = lt_json_str(body, "status"), *date = lt_json_str(body, "date");
	if (strcmp(status, "undecided") && strcmp(status, "cooperating") && strcmp(status, "declined"))
		lt_problem_field(ctx->problem, "status", "must be one of: undecided, cooperating, declined");
	lt_case_check_date(ctx->problem, "date", date, true, c.referral_date, "referral date");
	if (ctx->problem->nfields)
		return LT_ERR_INVALID;
	char from[16];
	lt_str_copy(from, sizeof(from), c.cooperation);
	lt_str_copy(c.cooperation, sizeof(c.cooperation), status);
	c.updated_at = lt_now();
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_case_update(ctx->store, &c);
	if (!rc)
		rc = lt_case_event(ctx, id, "cooperation", status, NULL, NULL, date,
				   lt_json_str(body, "note"), json_pack("{s:s, s:s}", "from", from, "to", status));
	if (!rc)
		rc = lt_audit_append(ctx, "case.cooperation", "case", id, "ok", status);
	if (!rc)
		rc = lt_ctx_commit(ctx);
	if (rc) {
		lt_store_rollback(ctx->store);
		return rc;
	}
	return changed_case(ctx, id, out);
}

lt_err lt_svc_case_consent(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"consent", LT_JSON_BOOL, true, 0},
		{"date", LT_JSON_STRING, true, 10},
	};
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_DECIDE, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, ctx->problem)))
		return rc;
	const char *date = lt_json_str(body, "date");
	if (!lt_case_check_date(ctx->problem, "date", date, true, c.referral_date, "referral date"))
		return LT_ERR_INVALID;
	c.consent_to_share = json_is_true(json_object_get(body, "consent"));
	lt_str_copy(c.consent_date, sizeof(c.consent_date), date);
	c.updated_at = lt_now();
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_case_update(ctx->store, &c);
	if (!rc)
		rc = lt_case_event(ctx, id, "consent", c.consent_to_share ? "given" : "withdrawn", NULL,
				   NULL, date, NULL, NULL);
	if (!rc)
		rc = lt_audit_append(ctx, "case.consent", "case", id, "ok",
				     c.consent_to_share ? "given" : "withdrawn");
	if (!rc)
		rc = lt_ctx_commit(ctx);
	if (rc) {
		lt_store_rollback(ctx->store);
		return rc;
	}
	return changed_case(ctx, id, out);
}
