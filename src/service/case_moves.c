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

/* What the moves recorded on a case say about the next one: the latest date
 * of a decision or move (a new one may not precede it, or the timeline
 * would run out of order) and the decision a review would look at. */
struct case_history {
	char latest[11];        /* "" when nothing was decided or moved yet */
	const char *latest_name; /* what happened on that date, for messages */
	int64_t reviewed_id;     /* the last decision other than a review; 0 when none */
	enum lt_case_stage reviewed;
	char reviewed_date[11];
};

static void history_note(struct case_history *h, const char *date, const char *name)
{
	/* Equal dates: the later record names the step, as it came last. */
	if (lt_date_valid(date) && strcmp(date, h->latest) >= 0) {
		lt_str_copy(h->latest, sizeof(h->latest), date);
		h->latest_name = name;
	}
}

static const char *stage_words(enum lt_case_stage stage)
{
	switch (stage) {
	case LT_CASE_STAGE_REASONABLE_GROUNDS: return "reasonable-grounds decision";
	case LT_CASE_STAGE_REVIEW: return "review";
	default: return "conclusive decision";
	}
}

static lt_err history_decision(void *vctx, const struct lt_decision_row *d)
{
	struct case_history *h = vctx;
	enum lt_case_stage stage = lt_case_stage_parse(d->stage);
	history_note(h, d->decision_date, stage_words(stage));
	/* By the order recorded, as the state machine moved. */
	if (stage != LT_CASE_STAGE_REVIEW && d->id > h->reviewed_id) {
		h->reviewed_id = d->id;
		h->reviewed = stage;
		lt_str_copy(h->reviewed_date, sizeof(h->reviewed_date), d->decision_date);
	}
	return LT_OK;
}

static lt_err history_event(void *vctx, const struct lt_case_event_row *e)
{
	struct case_history *h = vctx;
	if (strcmp(e->kind, "transition") != 0)
		return LT_OK;
	switch (lt_case_action_parse(e->action)) {
	case LT_CASE_ACT_REASONABLE_GROUNDS:
		history_note(h, e->event_date, stage_words(LT_CASE_STAGE_REASONABLE_GROUNDS));
		break;
	case LT_CASE_ACT_IDENTIFY:
		history_note(h, e->event_date, stage_words(LT_CASE_STAGE_CONCLUSIVE));
		break;
	case LT_CASE_ACT_REVIEW:
		history_note(h, e->event_date, stage_words(LT_CASE_STAGE_REVIEW));
		break;
	case LT_CASE_ACT_CLOSE:
		history_note(h, e->event_date, "closing of the case");
		break;
	case LT_CASE_ACT_REOPEN:
		history_note(h, e->event_date, "reopening of the case");
		break;
	case LT_CASE_ACT_INVALID:
		break;
	}
	return LT_OK;
}

static lt_err case_history_read(struct lt_ctx *ctx, int64_t id, struct case_history *h)
{
	memset(h, 0, sizeof(*h));
	lt_err rc = lt_store_decision_list(ctx->store, id, ctx->arena, history_decision, h);
	if (!rc)
		rc = lt_store_event_list(ctx->store, id, ctx->arena, history_event, h);
	return rc;
}

struct assessment_acc {
	const char *until;
	char result[16];
};

static lt_err latest_assessment(void *vctx, const struct lt_age_assessment_row *a)
{
	struct assessment_acc *acc = vctx;
	/* Listed by date then id: the last one dated by the decision wins. */
	if (strcmp(a->date, acc->until) <= 0)
		lt_str_copy(acc->result, sizeof(acc->result), a->result);
	return LT_OK;
}

/* The body that decides when the user names none: the jurisdiction's body
 * for children when the person is one or, their age being uncertain, is
 * presumed one (no age assessment by DATE found them adult), else the body
 * for adults. Deciding through the adult body is what the compliance rule
 * age-uncertain-treated-as-adult looks for, so the default never does it. */
static lt_err default_body(struct lt_ctx *ctx, const struct lt_case_row *c,
			   const struct lt_jurisdiction *j, const char *date, const char **body)
{
	const unsigned char *birth;
	size_t birth_len;
	bool uncertain = false;
	lt_err rc = lt_store_person_birth(ctx->store, c->person_id, ctx->arena, &birth, &birth_len,
					  &uncertain);
	struct assessment_acc acc = {date, ""};
	if (!rc && (uncertain || c->is_child < 0))
		rc = lt_store_age_assessment_list(ctx->store, c->id, ctx->arena, latest_assessment,
						  &acc);
	if (rc)
		return rc;
	*body = lt_jurisdiction_deciding_body(j, lt_case_presumed_child(c->is_child, uncertain,
									 acc.result));
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
	struct case_history hist;
	if ((rc = case_history_read(ctx, id, &hist)))
		return rc;
	/* Each move comes on or after the case's last decision or move (and a
	 * review on or after the decision it reviews), so the timeline reads
	 * in the order things happened. */
	const char *not_before = c.referral_date, *not_before_name = "referral date";
	char reviewed_name[64];
	if (hist.latest[0] && strcmp(hist.latest, not_before) >= 0) {
		not_before = hist.latest;
		not_before_name = hist.latest_name;
	}
	if (action == LT_CASE_ACT_REVIEW && hist.reviewed_id &&
	    strcmp(hist.reviewed_date, not_before) >= 0) {
		snprintf(reviewed_name, sizeof(reviewed_name), "%s under review",
			 stage_words(hist.reviewed));
		not_before = hist.reviewed_date;
		not_before_name = reviewed_name;
	}
	lt_case_check_date(ctx->problem, "date", date, true, not_before, not_before_name);
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
	rc = lt_case_flow_next(from, action, outcome, lt_case_status_parse(c.status_before_close),
			       hist.reviewed, &to, why, sizeof(why));
	if (rc == LT_ERR_INVALID)
		return lt_problem_field(ctx->problem, "outcome", "must be one of: %s", outcomes);
	if (rc == LT_ERR_CONFLICT)
		return lt_problem_set(ctx->problem, LT_ERR_CONFLICT, "%s", why);
	if (rc)
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return LT_ERR_INTERNAL;
	const char *body_name = decider;
	if (!body_name && *outcomes && (rc = default_body(ctx, &c, j, date, &body_name)))
		return rc;
	const char *stage = NULL;
	bool reviews_grounds = false;
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
		reviews_grounds = hist.reviewed == LT_CASE_STAGE_REASONABLE_GROUNDS;
		if (!strcmp(outcome, "overturned") && reviews_grounds) {
			/* Reasonable grounds stand from the review; the
			 * identification is still to be decided. */
			lt_str_copy(c.reasonable_grounds, sizeof(c.reasonable_grounds), "positive");
			lt_str_copy(c.reasonable_grounds_date, sizeof(c.reasonable_grounds_date), date);
		} else if (!strcmp(outcome, "overturned")) {
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
				   !stage ? NULL
				   : action == LT_CASE_ACT_REVIEW
					   ? json_pack("{s:s, s:s, s:s}", "outcome", outcome, "body",
						       body_name, "reviewed",
						       reviews_grounds ? "reasonable_grounds" : "conclusive")
					   : json_pack("{s:s, s:s}", "outcome", outcome, "body", body_name));
	if (!rc)
		rc = lt_audit_append(ctx, "case.transition", "case", id, "ok", action_name);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
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
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
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
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return changed_case(ctx, id, out);
}
