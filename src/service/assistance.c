#include "service/assistance.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "domain/assistance_rules.h"
#include "domain/jurisdiction.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/policy.h"
#include <sodium.h>

#define NOTE_MAX 4000

/* --- helpers shared with referrals.c --- */

lt_err lt_assist_seal(struct lt_ctx *ctx, const char *table, const char *column, int64_t id,
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

json_t *lt_assist_open(struct lt_ctx *ctx, const char *table, const char *column, int64_t id,
		       const unsigned char *sealed, size_t len)
{
	if (!sealed)
		return json_null();
	struct lt_buf plain;
	lt_buf_init(&plain, 16384);
	json_t *v = lt_unseal(ctx->keys, table, column, id, sealed, len, &plain) == LT_OK
			    ? json_stringn(plain.data, plain.len)
			    : json_null();
	if (plain.data)
		sodium_memzero(plain.data, plain.len);
	lt_buf_release(&plain);
	return v;
}

lt_err lt_assist_case_answer(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_READ, &c, &share);
	if (rc == LT_ERR_NOT_FOUND || rc == LT_ERR_FORBIDDEN) {
		lt_problem_init(ctx->problem);
		return LT_ERR_NOT_FOUND;
	}
	if (rc)
		return rc;
	return lt_case_json(ctx, id, out);
}

/* --- recovery and reflection periods --- */

lt_err lt_svc_reflection_record(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"status", LT_JSON_STRING, true, 16},
		{"start_date", LT_JSON_STRING, false, 10},
		{"planned_end_date", LT_JSON_STRING, false, 10},
		{"date", LT_JSON_STRING, false, 10},
		{"grounds", LT_JSON_STRING, false, 24},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_DECIDE, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return p->code ? p->code : LT_ERR_INTERNAL;
	const char *status = lt_json_str(body, "status");
	const char *start = lt_json_str(body, "start_date");
	const char *planned = lt_json_str(body, "planned_end_date");
	const char *date = lt_json_str(body, "date");
	const char *grounds = lt_json_str(body, "grounds");
	const char *note = lt_json_str(body, "note");
	bool granted = strcmp(status, "granted") == 0;
	char today[11];
	lt_latest_today(today);

	struct lt_reflection_row r;
	memset(&r, 0, sizeof(r));
	r.case_id = id;
	r.min_days = j->reflection_min_days;
	if (granted) {
		bool start_ok = lt_date_check(p, "start_date", start, true, today, false,
						     c.referral_date, "referral date");
		lt_date_check(p, "date", date, false, today, false, c.referral_date,
				     "referral date");
		bool planned_ok = lt_date_check(p, "planned_end_date", planned, false, today, true,
						start_ok ? start : NULL, "start date");
		/* Granting less than the minimum is a partial refusal: it needs
		 * the same grounds a refusal does. */
		int64_t planned_days = start_ok && planned && planned_ok
					       ? lt_date_diff_days(start, planned) : -1;
		bool short_grant = planned_days >= 0 && planned_days < r.min_days;
		if (short_grant && !grounds)
			lt_problem_field(p, "grounds",
					 "is required: the period is planned for %lld days, under the "
					 "minimum of %d; one of %s",
					 (long long)planned_days, r.min_days,
					 lt_reflection_refusal_grounds());
		else if (grounds && !short_grant)
			lt_problem_field(p, "grounds",
					 "is recorded only when a period is refused, planned shorter "
					 "than its minimum, or ended early");
		else if (grounds && !lt_reflection_refusal_ground_valid(grounds))
			lt_problem_field(p, "grounds", "must be one of: %s",
					 lt_reflection_refusal_grounds());
		if (p->nfields)
			return LT_ERR_INVALID;
		if (grounds)
			lt_str_copy(r.grounds, sizeof(r.grounds), grounds);
		lt_str_copy(r.status, sizeof(r.status), "granted");
		lt_str_copy(r.start_date, sizeof(r.start_date), start);
		lt_str_copy(r.decision_date, sizeof(r.decision_date), date ? date : start);
		if (planned)
			lt_str_copy(r.planned_end_date, sizeof(r.planned_end_date), planned);
		else
			lt_reflection_default_end(start, r.min_days, r.planned_end_date);
	} else if (strcmp(status, "refused") == 0) {
		if (start)
			lt_problem_field(p, "start_date", "is not taken: a refused period never starts");
		if (planned)
			lt_problem_field(p, "planned_end_date",
					 "is not taken: a refused period never starts");
		lt_date_check(p, "date", date, true, today, false, c.referral_date,
				     "referral date");
		if (!grounds)
			lt_problem_field(p, "grounds", "is required when a period is refused: one of %s",
					 lt_reflection_refusal_grounds());
		else if (!lt_reflection_refusal_ground_valid(grounds))
			lt_problem_field(p, "grounds", "must be one of: %s",
					 lt_reflection_refusal_grounds());
		if (p->nfields)
			return LT_ERR_INVALID;
		lt_str_copy(r.status, sizeof(r.status), "refused");
		lt_str_copy(r.decision_date, sizeof(r.decision_date), date);
		lt_str_copy(r.grounds, sizeof(r.grounds), grounds);
	} else {
		return lt_problem_field(p, "status", "must be one of: granted, refused");
	}
	if ((rc = lt_case_check_not_after_close(ctx, &c, granted ? r.start_date : r.decision_date,
						 granted ? "a reflection period" : "a refusal")))
		return rc;
	r.created_at = lt_now();
	r.created_by = ctx->actor.user_id;
	struct lt_reflection_measure m;
	lt_reflection_measure(r.start_date, r.planned_end_date, NULL, r.min_days, &m);

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	int64_t open_id = 0, rid = 0;
	rc = lt_store_reflection_open(ctx->store, id, &open_id);
	if (rc == LT_OK) {
		lt_store_rollback(ctx->store);
		struct lt_reflection_row open;
		if (lt_store_reflection_get(ctx->store, id, open_id, ctx->arena, &open) == LT_OK)
			return lt_problem_set(p, LT_ERR_CONFLICT,
					      "A reflection period is open (from %s, planned to end "
					      "%s); end it before recording another.",
					      open.start_date, open.planned_end_date);
		return lt_problem_set(p, LT_ERR_CONFLICT,
				      "A reflection period is open; end it before recording another.");
	}
	if (rc != LT_ERR_NOT_FOUND)
		return lt_ctx_finish(ctx, rc);
	rc = lt_store_reflection_insert(ctx->store, &r, &rid);
	if (!rc)
		rc = lt_assist_seal(ctx, "reflection_periods", "grounds_note", rid, note,
				    lt_store_reflection_set_note);
	if (!rc)
		rc = lt_case_event(
			ctx, id, "reflection", r.status, NULL, NULL, granted ? r.start_date : r.decision_date,
			note,
			granted ? json_pack("{s:I, s:s, s:s, s:i, s:b, s:o}", "period", (json_int_t)rid,
					    "decision_date", r.decision_date, "planned_end_date",
					    r.planned_end_date, "min_days", r.min_days,
					    "shorter_than_minimum", m.shorter_than_minimum, "grounds",
					    lt_json_str_or_null(grounds))
				: json_pack("{s:I, s:s}", "period", (json_int_t)rid, "grounds", r.grounds));
	char detail[64];
	snprintf(detail, sizeof(detail), "period=%lld %s", (long long)rid, r.status);
	if (!rc)
		rc = lt_audit_append(ctx, "case.reflection", "case", id, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_assist_case_answer(ctx, id, out);
}

lt_err lt_svc_reflection_end(struct lt_ctx *ctx, int64_t id, int64_t period_id, const json_t *body,
			     json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"actual_end_date", LT_JSON_STRING, true, 10},
		{"grounds", LT_JSON_STRING, false, 24},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_DECIDE, &c, &share);
	if (rc)
		return rc;
	struct lt_reflection_row r;
	rc = lt_store_reflection_get(ctx->store, id, period_id, ctx->arena, &r);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const char *end = lt_json_str(body, "actual_end_date");
	const char *grounds = lt_json_str(body, "grounds");
	const char *note = lt_json_str(body, "note");
	char today[11];
	lt_latest_today(today);
	bool end_ok = lt_date_check(p, "actual_end_date", end, true, today, false,
					   r.start_date[0] ? r.start_date : NULL, "start date");
	if (grounds && !lt_reflection_end_ground_valid(grounds))
		lt_problem_field(p, "grounds", "must be one of: %s", lt_reflection_end_grounds());
	if (p->nfields)
		return LT_ERR_INVALID;
	if (strcmp(r.status, "refused") == 0)
		return lt_problem_set(p, LT_ERR_CONFLICT,
				      "This period was refused, so it never started and cannot end.");
	if (strcmp(r.status, "granted") != 0)
		return lt_problem_set(p, LT_ERR_CONFLICT, "This period already ended on %s.",
				      r.actual_end_date);
	struct lt_reflection_measure m;
	lt_reflection_measure(r.start_date, r.planned_end_date, end_ok ? end : NULL, r.min_days, &m);
	/* A period granted short already has its grounds; kept to its planned
	 * end, it needs no new ones. */
	bool granted_short_grounds = r.grounds[0] && !m.ended_early;
	if (m.needs_grounds && !grounds && !granted_short_grounds) {
		if (m.actual_days < r.min_days)
			return lt_problem_field(p, "grounds",
						"is required: the period would end after %lld days, "
						"before the minimum of %d; one of %s",
						(long long)m.actual_days, r.min_days,
						lt_reflection_end_grounds());
		return lt_problem_field(p, "grounds",
					"is required: the period would end before its planned end "
					"(%s); one of %s",
					r.planned_end_date, lt_reflection_end_grounds());
	}
	if (!grounds && r.grounds[0])
		grounds = r.grounds;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_reflection_end(ctx->store, period_id, end, grounds);
	if (rc == LT_ERR_CONFLICT) {
		lt_store_rollback(ctx->store);
		return lt_problem_set(p, LT_ERR_CONFLICT, "This period already ended.");
	}
	if (!rc)
		rc = lt_assist_seal(ctx, "reflection_periods", "end_note", period_id, note,
				    lt_store_reflection_set_end_note);
	if (!rc)
		rc = lt_case_event(ctx, id, "reflection", "ended", NULL, NULL, end, note,
				   json_pack("{s:I, s:I, s:b, s:b, s:o}", "period", (json_int_t)period_id,
					     "days", (json_int_t)m.actual_days, "ended_early",
					     m.ended_early, "shorter_than_minimum",
					     m.shorter_than_minimum, "grounds", lt_json_str_or_null(grounds)));
	char detail[64];
	snprintf(detail, sizeof(detail), "period=%lld ended", (long long)period_id);
	if (!rc)
		rc = lt_audit_append(ctx, "case.reflection", "case", id, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_assist_case_answer(ctx, id, out);
}

struct read_acc {
	struct lt_ctx *ctx;
	json_t *arr;
	bool free_text;
};

static json_t *days_or_null(int64_t days)
{
	return days >= 0 ? json_integer(days) : json_null();
}

static lt_err push_period(void *vctx, const struct lt_reflection_row *r)
{
	struct read_acc *acc = vctx;
	bool granted = strcmp(r->status, "refused") != 0;
	struct lt_reflection_measure m;
	lt_reflection_measure(r->start_date, r->planned_end_date, r->actual_end_date, r->min_days, &m);
	json_t *note = acc->free_text ? lt_assist_open(acc->ctx, "reflection_periods", "grounds_note",
						       r->id, r->note, r->note_len)
				      : json_null();
	json_t *end_note = acc->free_text ? lt_assist_open(acc->ctx, "reflection_periods", "end_note",
							   r->id, r->end_note, r->end_note_len)
					  : json_null();
	json_t *o = json_pack(
		"{s:I, s:s, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:b, s:b, s:o, s:o, s:o}", "id",
		(json_int_t)r->id, "status", r->status, "decision_date", lt_json_str_or_null(r->decision_date),
		"start_date", lt_json_str_or_null(r->start_date), "planned_end_date",
		lt_json_str_or_null(r->planned_end_date), "actual_end_date", lt_json_str_or_null(r->actual_end_date),
		"min_days", r->min_days, "planned_days", days_or_null(m.planned_days), "actual_days",
		days_or_null(m.actual_days), "shorter_than_minimum", granted && m.shorter_than_minimum,
		"ended_early", m.ended_early, "grounds", lt_json_str_or_null(r->grounds), "note", note,
		"end_note", end_note);
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_reflection_periods_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
				  json_t **out)
{
	struct read_acc acc = {ctx, json_array(), free_text};
	if (!acc.arr)
		return LT_ERR_NOMEM;
	lt_err rc = lt_store_reflection_list(ctx->store, c->id, ctx->arena, push_period, &acc);
	if (rc) {
		json_decref(acc.arr);
		return rc;
	}
	*out = acc.arr;
	return LT_OK;
}

/* --- services --- */

/* The parts of a service body both create and update read. */
struct service_input {
	const char *status, *start_date, *end_date, *stop_reason, *note;
	const json_t *consent; /* an object, or NULL when not given */
	const char *consent_date, *consent_language;
};

static const struct lt_json_field consent_fields[] = {
	{"date", LT_JSON_STRING, true, 10},
	{"language", LT_JSON_STRING, true, 8},
};

/* Reads IN from BODY and checks the consent object's shape and language. */
static void read_service_input(struct lt_problem *p, const json_t *body, struct service_input *in)
{
	memset(in, 0, sizeof(*in));
	in->status = lt_json_str(body, "status");
	in->start_date = lt_json_str(body, "start_date");
	in->end_date = lt_json_str(body, "end_date");
	in->stop_reason = lt_json_str(body, "stop_reason");
	in->note = lt_json_str(body, "note");
	const json_t *consent = json_object_get(body, "consent");
	if (!consent || json_is_null(consent))
		return;
	if (lt_json_check(consent, consent_fields, LT_ARRAY_LEN(consent_fields), "consent", p))
		return;
	in->consent = consent;
	in->consent_date = lt_json_str(consent, "date");
	in->consent_language = lt_json_str(consent, "language");
	if (!lt_vocab_has(LT_VOCAB_LANGUAGE, in->consent_language))
		lt_problem_field(p, "consent.language", "must be a language code of the vocabulary "
							"(ISO 639-1, e.g. sr, en, ro; rom for Romani)");
}

/* The date a service change happened, for the timeline: its own dates when
 * they say so, else RECORDED_ON (the server's UTC date; TODAY, the latest
 * date anywhere, only bounds what counts as already begun). */
static const char *service_event_date(const struct lt_service_row *s, bool status_changed,
				      const char *today, const char *recorded_on)
{
	enum lt_service_status st = lt_service_status_parse(s->status);
	bool ended = st == LT_SERVICE_COMPLETED || st == LT_SERVICE_STOPPED || st == LT_SERVICE_REFUSED;
	if (status_changed && ended && s->end_date[0])
		return s->end_date;
	if (status_changed && s->start_date[0] && strcmp(s->start_date, today) <= 0)
		return s->start_date;
	if (!status_changed && s->consent_date[0])
		return s->consent_date;
	return recorded_on;
}

static json_t *service_detail(const struct lt_service_row *s, const char *from)
{
	return json_pack("{s:I, s:s, s:s?, s:s, s:o, s:o, s:b}", "service", (json_int_t)s->id, "type",
			 s->type, "from", from, "status", s->status, "stop_reason",
			 lt_json_str_or_null(s->stop_reason), "provider",
			 s->provider_id ? json_integer(s->provider_id) : json_null(), "consent",
			 s->consent_date[0] != '\0');
}

lt_err lt_svc_service_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"type", LT_JSON_STRING, true, 32},
		{"provider_organisation_id", LT_JSON_INTEGER, false, 0},
		{"status", LT_JSON_STRING, true, 16},
		{"start_date", LT_JSON_STRING, false, 10},
		{"end_date", LT_JSON_STRING, false, 10},
		{"consent", LT_JSON_OBJECT, false, 0},
		{"stop_reason", LT_JSON_STRING, false, 32},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_ASSIST, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	if ((rc = lt_vocab_init(p)))
		return rc;
	struct service_input in;
	read_service_input(p, body, &in);
	const char *type = lt_json_str(body, "type");
	if (!lt_vocab_has(LT_VOCAB_SERVICE, type))
		lt_problem_field(p, "type", "must be one of: %s", lt_vocab_hint(LT_VOCAB_SERVICE));
	struct lt_org_row provider;
	memset(&provider, 0, sizeof(provider));
	const json_t *pj = json_object_get(body, "provider_organisation_id");
	if (pj && !json_is_null(pj)) {
		json_int_t pid = json_integer_value(pj);
		lt_err prc = pid > 0 ? lt_store_org_get(ctx->store, pid, &provider) : LT_ERR_NOT_FOUND;
		if (prc == LT_ERR_NOT_FOUND)
			lt_problem_field(p, "provider_organisation_id", "no organisation has id %lld",
					 (long long)pid);
		else if (prc)
			return prc;
	} else if (ctx->actor.kind == LT_ACTOR_USER) {
		provider = ctx->actor.org;
	} else {
		lt_problem_field(p, "provider_organisation_id", "is required from the command line");
	}
	enum lt_service_status status = lt_service_status_parse(in.status);
	if (status == LT_SERVICE_STATUS_INVALID)
		lt_problem_field(p, "status", "must be one of: %s", lt_service_statuses());
	if (p->nfields)
		return LT_ERR_INVALID;
	char today[11], recorded_on[11];
	lt_latest_today(today);
	lt_today(recorded_on);
	struct lt_service_facts f = {status, in.start_date, in.end_date, in.stop_reason,
				     in.consent != NULL, in.consent_date, in.consent_language};
	if (!lt_service_check(&f, today, p))
		return LT_ERR_INVALID;
	/* A service without a start date is planned from today. */
	if ((rc = lt_case_check_not_after_close(ctx, &c, in.start_date, "a service")))
		return rc;

	struct lt_service_row s;
	memset(&s, 0, sizeof(s));
	s.case_id = id;
	lt_str_copy(s.type, sizeof(s.type), type);
	s.provider_id = provider.id;
	lt_str_copy(s.status, sizeof(s.status), in.status);
	lt_str_copy(s.start_date, sizeof(s.start_date), in.start_date ? in.start_date : "");
	lt_str_copy(s.end_date, sizeof(s.end_date), in.end_date ? in.end_date : "");
	lt_str_copy(s.stop_reason, sizeof(s.stop_reason), in.stop_reason ? in.stop_reason : "");
	if (in.consent) {
		lt_str_copy(s.consent_date, sizeof(s.consent_date), in.consent_date);
		lt_str_copy(s.consent_language, sizeof(s.consent_language), in.consent_language);
	}
	s.created_at = s.updated_at = lt_now();
	s.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_service_insert(ctx->store, &s, &s.id);
	if (!rc)
		rc = lt_case_event(ctx, id, "service", "recorded", NULL, NULL,
				   service_event_date(&s, true, today, recorded_on), in.note,
				   service_detail(&s, NULL));
	char detail[64];
	snprintf(detail, sizeof(detail), "service=%lld %s", (long long)s.id, s.status);
	if (!rc)
		rc = lt_audit_append(ctx, "case.service", "case", id, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_assist_case_answer(ctx, id, out);
}

lt_err lt_svc_service_update(struct lt_ctx *ctx, int64_t id, int64_t service_id,
			     const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"status", LT_JSON_STRING, false, 16},
		{"start_date", LT_JSON_STRING, false, 10},
		{"end_date", LT_JSON_STRING, false, 10},
		{"consent", LT_JSON_OBJECT, false, 0},
		{"stop_reason", LT_JSON_STRING, false, 32},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_ASSIST, &c, &share);
	if (rc)
		return rc;
	struct lt_service_row s;
	rc = lt_store_service_get(ctx->store, id, service_id, &s);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	if ((rc = lt_vocab_init(p)))
		return rc;
	struct service_input in;
	read_service_input(p, body, &in);
	/* A note alone is a change too: it goes on the case's timeline. */
	if (!in.status && !in.start_date && !in.end_date && !in.stop_reason && !in.consent &&
	    !in.note && !p->nfields)
		lt_problem_field(p, "(body)",
				 "names nothing to change: give status, start_date, end_date, "
				 "stop_reason, consent or note");
	enum lt_service_status from = lt_service_status_parse(s.status);
	enum lt_service_status to = in.status ? lt_service_status_parse(in.status) : from;
	if (to == LT_SERVICE_STATUS_INVALID)
		lt_problem_field(p, "status", "must be one of: %s", lt_service_statuses());
	if (p->nfields)
		return LT_ERR_INVALID;
	char why[240];
	if (lt_service_move(from, to, why, sizeof(why)) == LT_ERR_CONFLICT)
		return lt_problem_set(p, LT_ERR_CONFLICT, "%s", why);

	char old_status[12];
	lt_str_copy(old_status, sizeof(old_status), s.status);
	lt_str_copy(s.status, sizeof(s.status), lt_service_status_name(to));
	if (in.start_date)
		lt_str_copy(s.start_date, sizeof(s.start_date), in.start_date);
	if (in.end_date)
		lt_str_copy(s.end_date, sizeof(s.end_date), in.end_date);
	if (in.stop_reason)
		lt_str_copy(s.stop_reason, sizeof(s.stop_reason), in.stop_reason);
	if (in.consent) {
		lt_str_copy(s.consent_date, sizeof(s.consent_date), in.consent_date);
		lt_str_copy(s.consent_language, sizeof(s.consent_language), in.consent_language);
	}
	char today[11], recorded_on[11];
	lt_latest_today(today);
	lt_today(recorded_on);
	struct lt_service_facts f = {to, s.start_date, s.end_date, s.stop_reason,
				     s.consent_date[0] != '\0', s.consent_date, s.consent_language};
	if (!lt_service_check(&f, today, p))
		return LT_ERR_INVALID;
	int64_t read_at = s.updated_at;
	s.updated_at = lt_now();
	bool moved = to != from;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	/* The checks above ran on the row as read before the write lock; if
	 * another change came in between, they may no longer hold. */
	struct lt_service_row now;
	if ((rc = lt_store_service_get(ctx->store, id, service_id, &now)))
		return lt_ctx_finish(ctx, rc);
	if (now.updated_at != read_at || strcmp(now.status, old_status) != 0) {
		lt_store_rollback(ctx->store);
		return lt_problem_set(p, LT_ERR_CONFLICT,
				      "The service was changed by someone else meanwhile; reload it "
				      "and try again.");
	}
	rc = lt_store_service_update(ctx->store, &s);
	if (!rc)
		rc = lt_case_event(ctx, id, "service", moved ? s.status : "updated", NULL, NULL,
				   service_event_date(&s, moved, today, recorded_on), in.note,
				   service_detail(&s, moved ? old_status : NULL));
	char detail[64];
	snprintf(detail, sizeof(detail), "service=%lld %s", (long long)s.id,
		 moved ? s.status : "updated");
	if (!rc)
		rc = lt_audit_append(ctx, "case.service", "case", id, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_assist_case_answer(ctx, id, out);
}

static lt_err push_service(void *vctx, const struct lt_service_row *s)
{
	struct read_acc *acc = vctx;
	enum lt_service_status st = lt_service_status_parse(s->status);
	bool has_consent = s->consent_date[0] != '\0';
	json_t *provider = s->provider_id ? json_pack("{s:I, s:s}", "id", (json_int_t)s->provider_id,
						      "name", s->provider_name)
					  : json_null();
	json_t *consent = has_consent ? json_pack("{s:s, s:s}", "date", s->consent_date, "language",
						  s->consent_language)
				      : json_null();
	json_t *o = json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:b, s:o}", "id", (json_int_t)s->id,
			      "type", s->type, "provider", provider, "status", s->status,
			      "start_date", lt_json_str_or_null(s->start_date), "end_date",
			      lt_json_str_or_null(s->end_date), "consent", consent, "consent_missing",
			      lt_service_consent_missing(st, s->start_date, has_consent),
			      "stop_reason", lt_json_str_or_null(s->stop_reason));
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_services_json(struct lt_ctx *ctx, const struct lt_case_row *c, json_t **out)
{
	struct read_acc acc = {ctx, json_array(), false};
	if (!acc.arr)
		return LT_ERR_NOMEM;
	lt_err rc = lt_store_service_list(ctx->store, c->id, push_service, &acc);
	if (rc) {
		json_decref(acc.arr);
		return rc;
	}
	*out = acc.arr;
	return LT_OK;
}
