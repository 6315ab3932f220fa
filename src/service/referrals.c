#include "service/referrals.h"
#include "base/array.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/assistance_rules.h"
#include "domain/case_flow.h"
#include "domain/vocabulary.h"
#include "service/assistance.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/policy.h"

#define NOTE_MAX 4000

static bool purpose_valid(const char *purpose)
{
	return strcmp(purpose, "identification") == 0 || lt_vocab_has(LT_VOCAB_SERVICE, purpose);
}

/* Records act ACTION (a status name) on referral RID of case CASE_ID: the
 * referral's own event and the case's timeline event. */
static lt_err record_act(struct lt_ctx *ctx, const struct lt_referral_row *r, const char *action,
			 const char *date, const char *note)
{
	struct lt_referral_event_row ev;
	memset(&ev, 0, sizeof(ev));
	ev.referral_id = r->id;
	lt_str_copy(ev.action, sizeof(ev.action), action);
	lt_str_copy(ev.event_date, sizeof(ev.event_date), date);
	ev.actor_user_id = ctx->actor.user_id;
	ev.created_at = lt_now();
	int64_t eid;
	lt_err rc = lt_store_referral_event_insert(ctx->store, &ev, &eid);
	if (!rc)
		rc = lt_assist_seal(ctx, "referral_events", "note", eid, note,
				    lt_store_referral_event_set_note);
	if (!rc)
		rc = lt_case_event(ctx, r->case_id, "referral_out", action, NULL, NULL, date, note,
				   json_pack("{s:I, s:I, s:I, s:s, s:s, s:b}", "referral",
					     (json_int_t)r->id, "from_org", (json_int_t)r->from_org,
					     "to_org", (json_int_t)r->to_org, "purpose", r->purpose,
					     "status", action, "share_identity", r->share_identity));
	return rc;
}

lt_err lt_svc_referral_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"to_organisation_id", LT_JSON_INTEGER, true, 0},
		{"purpose", LT_JSON_STRING, true, 32},
		{"share_identity", LT_JSON_BOOL, false, 0},
		{"date", LT_JSON_STRING, true, 10},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_ASSIST, &c, &share);
	if (rc)
		return rc;
	if (ctx->actor.kind != LT_ACTOR_USER)
		return lt_problem_set(p, LT_ERR_FORBIDDEN,
				      "A referral is sent by an organisation, through its users.");
	/* Sharing an identity needs one to share: the owner, a coordinator, or a
	 * receiver that was itself given the identity. */
	bool may_see_identity =
		lt_authorize_case(ctx, LT_ACT_CASE_IDENTITY, c.org_id, &share) == LT_OK;
	lt_problem_init(p);
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	if ((rc = lt_vocab_init(p)))
		return rc;
	json_int_t to_id = json_integer_value(json_object_get(body, "to_organisation_id"));
	const char *purpose = lt_json_str(body, "purpose");
	const char *date = lt_json_str(body, "date");
	const char *note = lt_json_str(body, "note");
	bool share_identity = json_is_true(json_object_get(body, "share_identity"));

	struct lt_org_row to;
	rc = to_id > 0 ? lt_store_org_get(ctx->store, to_id, &to) : LT_ERR_NOT_FOUND;
	if (rc == LT_ERR_NOT_FOUND)
		lt_problem_field(p, "to_organisation_id", "no organisation has id %lld",
				 (long long)to_id);
	else if (rc)
		return rc;
	else if (to.id == ctx->actor.org.id)
		lt_problem_field(p, "to_organisation_id", "is your own organisation");
	else if (to.id == c.org_id)
		lt_problem_field(p, "to_organisation_id",
				 "is the organisation that owns the case already");
	if (!purpose_valid(purpose))
		lt_problem_field(p, "purpose", "must be identification or a service: one of %s",
				 lt_vocab_hint(LT_VOCAB_SERVICE));
	char today[11];
	lt_latest_today(today);
	lt_date_check(p, "date", date, true, today, false, c.referral_date, "referral date");
	if (share_identity && !c.consent_to_share)
		lt_problem_field(p, "share_identity",
				 "is allowed only when the person consented to share their "
				 "identity, and no such consent is recorded on the case");
	else if (share_identity && !may_see_identity)
		lt_problem_field(p, "share_identity",
				 "cannot be given: your organisation was not given the identity, "
				 "so it cannot pass it on");
	if (p->nfields)
		return LT_ERR_INVALID;
	if ((rc = lt_case_check_not_after_close(ctx, &c, date, "a referral")))
		return rc;

	struct lt_referral_row r;
	memset(&r, 0, sizeof(r));
	r.case_id = id;
	r.from_org = ctx->actor.org.id;
	r.to_org = to.id;
	lt_str_copy(r.status, sizeof(r.status), "sent");
	lt_str_copy(r.purpose, sizeof(r.purpose), purpose);
	r.share_identity = share_identity;
	lt_str_copy(r.sent_date, sizeof(r.sent_date), date);
	r.updated_at = lt_now();
	r.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	int64_t live = 0;
	rc = lt_store_referral_live(ctx->store, id, to.id, purpose, &live);
	if (!rc && live) {
		lt_store_rollback(ctx->store);
		return lt_problem_set(p, LT_ERR_CONFLICT,
				      "This case already has an open referral (id %lld) to %s for %s; "
				      "wait for its answer, or revoke it first.",
				      (long long)live, to.name, purpose);
	}
	if (!rc)
		rc = lt_store_referral_insert(ctx->store, &r, &r.id);
	if (!rc)
		rc = record_act(ctx, &r, "sent", date, note);
	char detail[64];
	snprintf(detail, sizeof(detail), "case=%lld to=%lld%s", (long long)id, (long long)to.id,
		 share_identity ? " identity" : "");
	if (!rc)
		rc = lt_audit_append(ctx, "referral.send", "referral", r.id, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_assist_case_answer(ctx, id, out);
}

struct read_acc {
	struct lt_ctx *ctx;
	json_t *arr;
	bool free_text;
};

static lt_err push_act(void *vctx, const struct lt_referral_event_row *e)
{
	struct read_acc *acc = vctx;
	char at[32];
	lt_time_iso(e->created_at, at, sizeof(at));
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)e->id, "action", e->action, "date",
		e->event_date, "note",
		acc->free_text ? lt_assist_open(acc->ctx, "referral_events", "note", e->id, e->note,
						e->note_len)
			       : json_null(),
		"actor_user_id", e->actor_user_id ? json_integer(e->actor_user_id) : json_null(),
		"recorded_at", at);
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

/* One referral as the case document and the act answers show it. */
static lt_err referral_json(struct lt_ctx *ctx, const struct lt_referral_row *r, bool free_text,
			    json_t **out)
{
	struct read_acc acc = {ctx, json_array(), free_text};
	lt_err rc = acc.arr ? lt_store_referral_events(ctx->store, r->id, ctx->arena, push_act, &acc)
			    : LT_ERR_NOMEM;
	if (rc) {
		json_decref(acc.arr);
		return rc;
	}
	*out = json_pack("{s:I, s:I, s:{s:I, s:s}, s:{s:I, s:s}, s:s, s:o, s:b, s:s, s:o}", "id",
			 (json_int_t)r->id, "case_id", (json_int_t)r->case_id, "from", "id",
			 (json_int_t)r->from_org, "name", r->from_name, "to", "id",
			 (json_int_t)r->to_org, "name", r->to_name, "status", r->status, "purpose",
			 lt_json_str_or_null(r->purpose), "share_identity", r->share_identity, "sent_date",
			 r->sent_date, "events", acc.arr);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

struct case_acc {
	struct lt_ctx *ctx;
	struct lt_referral_row *rows;
	size_t n, cap;
};

static lt_err collect_referral(void *vctx, const struct lt_referral_row *r)
{
	struct case_acc *acc = vctx;
	if (acc->n == acc->cap) {
		struct lt_referral_row *rows = lt_arena_array_grow(acc->ctx->arena, acc->rows, acc->n,
								   &acc->cap, sizeof(*rows), 8);
		if (!rows)
			return LT_ERR_NOMEM;
		acc->rows = rows;
	}
	acc->rows[acc->n++] = *r;
	return LT_OK;
}

lt_err lt_referrals_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			 json_t **out)
{
	/* Collected first, so that reading each one's acts does not run inside
	 * the listing statement. */
	struct case_acc acc = {ctx, NULL, 0, 0};
	lt_err rc = lt_store_referral_list_case(ctx->store, c->id, collect_referral, &acc);
	if (rc)
		return rc;
	json_t *arr = json_array();
	if (!arr)
		return LT_ERR_NOMEM;
	for (size_t i = 0; i < acc.n && !rc; i++) {
		json_t *o;
		if (!(rc = referral_json(ctx, &acc.rows[i], free_text, &o)) &&
		    json_array_append_new(arr, o))
			rc = LT_ERR_NOMEM;
	}
	if (rc) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return LT_OK;
}

/* The latest act recorded on a referral: its date and what it was. */
struct last_act {
	char date[11];
	char action[24];
};

static lt_err note_last_act(void *vctx, const struct lt_referral_event_row *e)
{
	struct last_act *last = vctx;
	/* Listed in the order recorded; equal dates: the later record names it. */
	if (lt_date_valid(e->event_date) && strcmp(e->event_date, last->date) >= 0) {
		lt_str_copy(last->date, sizeof(last->date), e->event_date);
		lt_str_copy(last->action, sizeof(last->action), e->action);
	}
	return LT_OK;
}

lt_err lt_svc_referral_act(struct lt_ctx *ctx, int64_t referral_id, const char *act_name,
			   const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	enum lt_referral_act act = lt_referral_act_parse(act_name);
	if (act == LT_REFERRAL_ACT_INVALID)
		return lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	/* Answering a referral is its own right (a prosecutor's office may
	 * accept one without recording services); revoking is the sender's. */
	lt_err rc = lt_authorize(ctx, lt_referral_act_by_sender(act) ? LT_ACT_CASE_ASSIST
								     : LT_ACT_REFERRAL_RESPOND, 0);
	if (rc)
		return rc;
	struct lt_referral_row r;
	struct lt_case_row c;
	rc = lt_store_referral_get(ctx->store, referral_id, &r);
	if (!rc)
		rc = lt_store_case_get(ctx->store, r.case_id, &c);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	/* Who may see the referral at all: its two organisations, the case's
	 * owner and those who reach every case. Anyone else learns nothing. */
	bool everywhere = lt_policy_scope(&ctx->actor, LT_ACT_CASE_ASSIST) == LT_SCOPE_ALL;
	int64_t org = ctx->actor.kind == LT_ACTOR_USER ? ctx->actor.org.id : 0;
	bool sender = org == r.from_org, receiver = org == r.to_org;
	if (!everywhere && !sender && !receiver && org != c.org_id)
		return lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (lt_referral_act_by_sender(act) && !sender && ctx->actor.kind != LT_ACTOR_CLI)
		return lt_problem_set(p, LT_ERR_FORBIDDEN,
				      "Only the organisation that sent this referral (%s) may revoke "
				      "it.",
				      r.from_name);
	if (!lt_referral_act_by_sender(act) && !receiver && !everywhere)
		return lt_problem_set(p, LT_ERR_FORBIDDEN,
				      "Only the organisation this referral was sent to (%s), or a "
				      "coordinator, may %s it.",
				      r.to_name, act_name);
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const char *date = lt_json_str(body, "date"), *note = lt_json_str(body, "note");
	char today[11];
	lt_latest_today(today);
	if (!lt_date_check(p, "date", date, true, today, false, r.sent_date,
				  "date the referral was sent"))
		return LT_ERR_INVALID;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	/* Read again under the write lock: another act may have come first. */
	if ((rc = lt_store_referral_get(ctx->store, referral_id, &r)))
		return lt_ctx_finish(ctx, rc);

	enum lt_referral_status to;
	char why[240];
	rc = lt_referral_move(lt_referral_status_parse(r.status), act, &to, why, sizeof(why));
	if (rc == LT_ERR_CONFLICT) {
		lt_store_rollback(ctx->store);
		return lt_problem_set(p, LT_ERR_CONFLICT, "%s", why);
	}
	/* An act comes on or after the referral's last one (completed or
	 * revoked not before accepted), so its history reads in order. */
	struct last_act last = {"", ""};
	if (!rc)
		rc = lt_store_referral_events(ctx->store, referral_id, ctx->arena, note_last_act, &last);
	char last_name[48];
	snprintf(last_name, sizeof(last_name), "date the referral was %s", last.action);
	if (!rc && last.date[0] &&
	    !lt_date_check(p, "date", date, true, today, false, last.date, last_name)) {
		lt_store_rollback(ctx->store);
		return LT_ERR_INVALID;
	}
	const char *status = lt_referral_status_name(to);
	if (!rc)
		rc = lt_store_referral_set_status(ctx->store, referral_id, status, lt_now());
	if (!rc) {
		lt_str_copy(r.status, sizeof(r.status), status);
		rc = record_act(ctx, &r, status, date, note);
	}
	char action[32], detail[64];
	snprintf(action, sizeof(action), "referral.%s", act_name);
	snprintf(detail, sizeof(detail), "case=%lld %s", (long long)r.case_id, status);
	if (!rc)
		rc = lt_audit_append(ctx, action, "referral", referral_id, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	rc = lt_assist_case_answer(ctx, r.case_id, out);
	if (rc != LT_ERR_NOT_FOUND)
		return rc;
	/* The actor gave up the case (a rejection): answer with the referral only. */
	json_t *ref;
	if ((rc = referral_json(ctx, &r, false, &ref)))
		return rc;
	*out = json_pack("{s:o}", "referral", ref);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

struct list_acc {
	json_t *items;
	int64_t org;
};

static lt_err push_summary(void *vctx, const struct lt_referral_summary *s)
{
	struct list_acc *acc = vctx;
	json_t *forms = json_array();
	char copy[sizeof(s->forms)];
	lt_str_copy(copy, sizeof(copy), s->forms);
	for (char *tok = copy, *next; tok && *tok; tok = next) {
		next = strchr(tok, ',');
		if (next)
			*next++ = '\0';
		json_array_append_new(forms, json_string(tok));
	}
	const struct lt_referral_row *r = &s->r;
	json_t *o = json_pack(
		"{s:I, s:s, s:{s:I, s:s, s:s, s:s, s:o, s:o, s:o}, s:{s:I, s:s}, s:{s:I, s:s}, s:s, "
		"s:s, s:o, s:b, s:s}",
		"id", (json_int_t)r->id, "direction", r->to_org == acc->org ? "incoming" : "outgoing",
		"case", "id", (json_int_t)r->case_id, "case_number", s->case_number, "status",
		s->case_status, "sex", s->sex, "age_at_referral",
		s->age_at_referral >= 0 ? json_integer(s->age_at_referral) : json_null(), "child",
		lt_json_tristate(s->is_child), "exploitation", forms,
		"from", "id", (json_int_t)r->from_org, "name", r->from_name, "to", "id",
		(json_int_t)r->to_org, "name", r->to_name, "status", r->status, "status_date",
		s->status_date, "purpose", lt_json_str_or_null(r->purpose), "share_identity",
		r->share_identity, "sent_date", r->sent_date);
	return o && !json_array_append_new(acc->items, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_referral_list(struct lt_ctx *ctx, const struct lt_referral_query *q, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_READ, 0);
	if (rc)
		return rc;
	if (ctx->actor.kind != LT_ACTOR_USER)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      "Referrals are listed for an organisation, through its users.");
	struct lt_referral_filter f;
	memset(&f, 0, sizeof(f));
	f.org_id = ctx->actor.org.id;
	f.incoming = !q->direction || strcmp(q->direction, "incoming") == 0;
	f.outgoing = !q->direction || strcmp(q->direction, "outgoing") == 0;
	f.status = q->status;
	int per_page = q->per_page > 0 && q->per_page <= 200 ? q->per_page : 50;
	int page = q->page > 0 ? q->page : 1;
	f.limit = per_page;
	f.offset = (page - 1) * per_page;
	struct list_acc acc = {json_array(), f.org_id};
	int64_t total = 0;
	if (!acc.items)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_referral_list(ctx->store, &f, &total, push_summary, &acc))) {
		json_decref(acc.items);
		return rc;
	}
	char detail[48];
	snprintf(detail, sizeof(detail), "count=%zu", json_array_size(acc.items));
	if ((rc = lt_audit_record(ctx, "referral.list", "referral", 0, "ok", detail))) {
		json_decref(acc.items);
		return rc;
	}
	*out = json_pack("{s:o, s:I, s:i, s:i}", "items", acc.items, "total", (json_int_t)total,
			 "page", page, "per_page", per_page);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
