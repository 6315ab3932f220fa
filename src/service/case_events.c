#include "service/cases.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "service/case_internal.h"

/* Seals TEXT for TABLE.COLUMN of row ID and stores it with SETTER. */
static lt_err seal_into(struct lt_ctx *ctx, const char *table, const char *column, int64_t id,
			const char *text,
			lt_err (*setter)(struct lt_store *, int64_t, const struct lt_buf *))
{
	if (!text || !*text)
		return LT_OK;
	struct lt_buf sealed;
	lt_buf_init(&sealed, 16384);
	lt_err rc = lt_seal(ctx->keys, table, column, id, text, strlen(text), &sealed);
	if (!rc)
		rc = setter(ctx->store, id, &sealed);
	lt_buf_release(&sealed);
	return rc;
}

lt_err lt_case_event(struct lt_ctx *ctx, int64_t case_id, const char *kind, const char *action,
		     const char *from, const char *to, const char *date, const char *reasons,
		     json_t *detail)
{
	struct lt_case_event_row ev;
	memset(&ev, 0, sizeof(ev));
	ev.case_id = case_id;
	lt_str_copy(ev.kind, sizeof(ev.kind), kind);
	lt_str_copy(ev.action, sizeof(ev.action), action ? action : "");
	lt_str_copy(ev.from_status, sizeof(ev.from_status), from ? from : "");
	lt_str_copy(ev.to_status, sizeof(ev.to_status), to ? to : "");
	lt_str_copy(ev.event_date, sizeof(ev.event_date), date);
	if (detail) {
		char *text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(detail);
		if (!text)
			return LT_ERR_NOMEM;
		bool fits = lt_str_copy(ev.detail, sizeof(ev.detail), text);
		free(text);
		if (!fits)
			return LT_ERR_INTERNAL; /* details are short codes; a long one is a bug */
	}
	ev.actor_user_id = ctx->actor.user_id;
	ev.created_at = lt_now();
	/* Every write to a case records an event: the compliance rules follow from here. */
	lt_err touched = lt_store_case_touch(ctx->store, case_id);
	if (touched)
		return touched;
	int64_t id;
	lt_err rc = lt_store_event_insert(ctx->store, &ev, &id);
	if (!rc)
		rc = seal_into(ctx, "case_events", "reasons", id, reasons, lt_store_event_set_reasons);
	return rc;
}

lt_err lt_case_decision(struct lt_ctx *ctx, int64_t case_id, const char *stage, const char *outcome,
			const char *date, const char *body, const char *reasons)
{
	struct lt_decision_row d;
	memset(&d, 0, sizeof(d));
	d.case_id = case_id;
	lt_str_copy(d.stage, sizeof(d.stage), stage);
	lt_str_copy(d.outcome, sizeof(d.outcome), outcome);
	lt_str_copy(d.decision_date, sizeof(d.decision_date), date);
	lt_str_copy(d.body, sizeof(d.body), body ? body : "");
	d.decided_by = ctx->actor.user_id;
	d.created_at = lt_now();
	int64_t id;
	lt_err rc = lt_store_decision_insert(ctx->store, &d, &id);
	if (!rc)
		rc = seal_into(ctx, "case_decisions", "reasons", id, reasons,
			       lt_store_decision_set_reasons);
	return rc;
}

static lt_err last_close(void *vctx, const struct lt_case_event_row *e)
{
	if (!strcmp(e->kind, "transition") && !strcmp(e->action, "close"))
		lt_str_copy(vctx, 11, e->event_date);
	return LT_OK;
}

lt_err lt_case_check_not_after_close(struct lt_ctx *ctx, const struct lt_case_row *c,
				     const char *date, const char *what)
{
	if (strcmp(c->status, "closed") != 0)
		return LT_OK;
	char closed_on[11] = "", today[11];
	lt_err rc = lt_store_event_list(ctx->store, c->id, ctx->arena, last_close, closed_on);
	if (rc)
		return rc;
	if (!date || !*date) {
		lt_today(today);
		date = today;
	}
	if (closed_on[0] && strcmp(date, closed_on) > 0)
		return lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
				      "The case was closed on %s; %s that starts after that needs the "
				      "case reopened first.",
				      closed_on, what);
	return LT_OK;
}
