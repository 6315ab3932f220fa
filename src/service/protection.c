#include "service/protection.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"
#include "domain/protection_rules.h"
#include "service/assistance.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/policy.h"

#define NOTE_MAX 4000
#define AUTHORITY_MAX 160

/* --- helpers --- */

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static lt_err load_case(struct lt_ctx *ctx, int64_t id, enum lt_action action,
			struct lt_case_row *c)
{
	struct lt_case_share share;
	return lt_case_load_authorized(ctx, id, (int)action, c, &share);
}

/* The timeline event and the audit row every write ends with: KIND and
 * ACTION name it, DETAIL holds codes and ids only (taken over). */
static lt_err record(struct lt_ctx *ctx, int64_t case_id, const char *kind, const char *action,
		     const char *date, json_t *detail, const char *audit_action, int64_t row_id,
		     const char *code)
{
	lt_err rc = lt_case_event(ctx, case_id, kind, action, NULL, NULL, date, NULL, detail);
	char text[96];
	snprintf(text, sizeof(text), "%s=%lld %s", kind, (long long)row_id, code ? code : "");
	if (!rc)
		rc = lt_audit_append(ctx, audit_action, "case", case_id, "ok", text);
	return rc;
}

/* Adds "note" to O when SHOW: the opened note, or null. */
static json_t *with_note(struct lt_ctx *ctx, json_t *o, bool show, const char *table, int64_t id,
			 const unsigned char *sealed, size_t len)
{
	if (o && show)
		json_object_set_new(o, "note", lt_assist_open(ctx, table, "note", id, sealed, len));
	return o;
}

static lt_err answer(json_t *o, json_t **out)
{
	*out = o;
	return o ? LT_OK : LT_ERR_NOMEM;
}

/* --- record shapes (docs/protection.md) --- */

static json_t *threat_json(struct lt_ctx *ctx, const struct lt_threat_row *t, bool note)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)t->id, "date", t->date,
			      "kind", t->kind, "source", lt_json_str_or_null(t->source), "proceeding_id",
			      id_or_null(t->proceeding_id));
	return with_note(ctx, o, note, "threats", t->id, t->note, t->note_len);
}

static json_t *protection_json(struct lt_ctx *ctx, const struct lt_protection_row *m, bool note)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)m->id, "date",
			      m->start_date, "measure", m->measure, "threat_id",
			      id_or_null(m->threat_id), "end_date", lt_json_str_or_null(m->end_date));
	return with_note(ctx, o, note, "protection_measures", m->id, m->note, m->note_len);
}

static json_t *victim_proceeding_json(struct lt_ctx *ctx, const struct lt_victim_proceeding_row *v,
				      bool note)
{
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:o, s:o, s:o, s:s, s:o, s:o, s:b, s:o}", "id", (json_int_t)v->id,
		"kind", v->kind, "offence", v->offence, "offence_date", lt_json_str_or_null(v->offence_date),
		"during_exploitation", lt_json_tristate(v->during_exploitation), "authority",
		lt_json_str_or_null(v->authority), "outcome", v->outcome, "penalty", lt_json_str_or_null(v->penalty),
		"outcome_date", lt_json_str_or_null(v->outcome_date), "non_punishment_assessed",
		v->non_punishment_assessed, "assessment_date", lt_json_str_or_null(v->assessment_date));
	return with_note(ctx, o, note, "victim_proceedings", v->id, v->note, v->note_len);
}

static json_t *removal_json(struct lt_ctx *ctx, const struct lt_removal_row *r, bool note)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)r->id, "date", r->date,
			      "kind", r->kind, "authority", lt_json_str_or_null(r->authority));
	return with_note(ctx, o, note, "removals", r->id, r->note, r->note_len);
}

static json_t *disclosure_json(struct lt_ctx *ctx, const struct lt_disclosure_row *d, bool note)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)d->id, "date", d->date,
			      "recipient", d->recipient, "channel", d->channel);
	return with_note(ctx, o, note, "identity_disclosures", d->id, d->note, d->note_len);
}

static json_t *age_assessment_json(struct lt_ctx *ctx, const struct lt_age_assessment_row *a,
				   bool note)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)a->id, "date", a->date,
			      "result", a->result, "method", lt_json_str_or_null(a->method));
	return with_note(ctx, o, note, "age_assessments", a->id, a->note, a->note_len);
}

/* --- threats and protection measures --- */

lt_err lt_svc_threat_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"kind", LT_JSON_STRING, true, 24},
		{"source", LT_JSON_STRING, false, 16},
		{"proceeding_id", LT_JSON_INTEGER, false, 0},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_JUSTICE_RECORD, &c);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	char today[11];
	lt_latest_today(today);
	struct lt_threat_row t;
	memset(&t, 0, sizeof(t));
	const char *date = lt_json_str(body, "date");
	const char *kind = lt_json_str(body, "kind");
	const char *source = lt_json_str(body, "source");
	const char *note = lt_json_str(body, "note");
	lt_date_check(p, "date", date, true, today, false, NULL, NULL);
	lt_protection_code_check(p, "kind", LT_PL_THREAT_KIND, kind, true);
	lt_protection_code_check(p, "source", LT_PL_THREAT_SOURCE, source, false);
	const json_t *pj = json_object_get(body, "proceeding_id");
	if (pj && !json_is_null(pj)) {
		bool linked = false;
		t.proceeding_id = json_integer_value(pj);
		if (t.proceeding_id > 0 &&
		    (rc = lt_store_proceeding_concerns_case(ctx->store, t.proceeding_id, id, &linked)))
			return rc;
		if (!linked)
			lt_problem_field(p, "proceeding_id",
					 "names no criminal proceeding that concerns this case");
	}
	if (p->nfields)
		return LT_ERR_INVALID;
	t.case_id = id;
	lt_str_copy(t.date, sizeof(t.date), date);
	lt_str_copy(t.kind, sizeof(t.kind), kind);
	lt_str_copy(t.source, sizeof(t.source), source ? source : "");
	t.created_at = lt_now();
	t.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_threat_insert(ctx->store, &t, &t.id);
	if (!rc)
		rc = lt_assist_seal(ctx, "threats", "note", t.id, note, lt_store_threat_set_note);
	if (!rc)
		rc = record(ctx, id, "threat", "recorded", t.date,
			    json_pack("{s:I, s:s, s:o, s:o}", "threat", (json_int_t)t.id, "kind",
				      t.kind, "source", lt_json_str_or_null(t.source), "proceeding",
				      id_or_null(t.proceeding_id)),
			    "case.threat", t.id, t.kind);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(threat_json(ctx, &t, false), out);
}

lt_err lt_svc_protection_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"measure", LT_JSON_STRING, true, 32},
		{"threat_id", LT_JSON_INTEGER, false, 0},
		{"end_date", LT_JSON_STRING, false, 10},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_JUSTICE_RECORD, &c);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	char today[11];
	lt_latest_today(today);
	struct lt_protection_row m;
	memset(&m, 0, sizeof(m));
	const char *date = lt_json_str(body, "date");
	const char *measure = lt_json_str(body, "measure");
	const char *end = lt_json_str(body, "end_date");
	const char *note = lt_json_str(body, "note");
	/* A measure that answers a threat cannot come before it. */
	struct lt_threat_row threat;
	memset(&threat, 0, sizeof(threat));
	const json_t *tj = json_object_get(body, "threat_id");
	if (tj && !json_is_null(tj)) {
		m.threat_id = json_integer_value(tj);
		lt_err trc = m.threat_id > 0 ? lt_store_threat_get(ctx->store, id, m.threat_id,
								 ctx->arena, &threat)
					     : LT_ERR_NOT_FOUND;
		if (trc == LT_ERR_NOT_FOUND)
			lt_problem_field(p, "threat_id", "names no threat recorded on this case");
		else if (trc)
			return trc;
	}
	bool date_ok = lt_date_check(p, "date", date, true, today, false,
				     threat.date[0] ? threat.date : NULL, "threat's date");
	lt_protection_code_check(p, "measure", LT_PL_MEASURE, measure, true);
	lt_date_check(p, "end_date", end, false, today, false, date_ok ? date : NULL,
		      "measure's date");
	if (p->nfields)
		return LT_ERR_INVALID;
	m.case_id = id;
	lt_str_copy(m.measure, sizeof(m.measure), measure);
	lt_str_copy(m.start_date, sizeof(m.start_date), date);
	lt_str_copy(m.end_date, sizeof(m.end_date), end ? end : "");
	m.created_at = lt_now();
	m.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_protection_insert(ctx->store, &m, &m.id);
	if (!rc)
		rc = lt_assist_seal(ctx, "protection_measures", "note", m.id, note,
				    lt_store_protection_set_note);
	if (!rc)
		rc = record(ctx, id, "protection", "recorded", m.start_date,
			    json_pack("{s:I, s:s, s:o, s:o}", "measure_id", (json_int_t)m.id,
				      "measure", m.measure, "threat", id_or_null(m.threat_id),
				      "end_date", lt_json_str_or_null(m.end_date)),
			    "case.protection", m.id, m.measure);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(protection_json(ctx, &m, false), out);
}

lt_err lt_svc_protection_update(struct lt_ctx *ctx, int64_t id, int64_t measure_id,
				const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"end_date", LT_JSON_STRING, false, 10},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_JUSTICE_RECORD, &c);
	if (rc)
		return rc;
	struct lt_protection_row m;
	rc = lt_store_protection_get(ctx->store, id, measure_id, ctx->arena, &m);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	if (!json_object_get(body, "end_date"))
		return lt_problem_field(p, "(body)",
					"names nothing to change: give end_date (null to clear it)");
	const char *end = lt_json_str(body, "end_date");
	char today[11];
	lt_latest_today(today);
	if (!lt_date_check(p, "end_date", end, false, today, false, m.start_date,
			   "measure's date"))
		return LT_ERR_INVALID;
	lt_str_copy(m.end_date, sizeof(m.end_date), end ? end : "");
	char day[11];
	lt_today(day);

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_protection_set_end(ctx->store, m.id, end);
	if (!rc)
		rc = record(ctx, id, "protection", end ? "ended" : "reopened", end ? end : day,
			    json_pack("{s:I, s:s, s:o}", "measure_id", (json_int_t)m.id, "measure",
				      m.measure, "end_date", lt_json_str_or_null(m.end_date)),
			    "case.protection", m.id, end ? "ended" : "reopened");
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(protection_json(ctx, &m, false), out);
}

/* --- proceedings against the victim --- */

static void vp_facts(const struct lt_victim_proceeding_row *v,
		     struct lt_victim_proceeding_facts *f)
{
	f->kind = v->kind;
	f->offence = v->offence;
	f->offence_date = v->offence_date;
	f->during_exploitation = v->during_exploitation;
	f->outcome = v->outcome;
	f->penalty = v->penalty;
	f->outcome_date = v->outcome_date;
	f->non_punishment_assessed = v->non_punishment_assessed;
	f->assessment_date = v->assessment_date;
}

/* Copies string member NAME of BODY into DST when present (null clears it). */
static void take_str(const json_t *body, const char *name, char *dst, size_t cap)
{
	const json_t *v = json_object_get(body, name);
	if (v)
		lt_str_copy(dst, cap, json_is_string(v) ? json_string_value(v) : "");
}

static json_t *vp_detail(const struct lt_victim_proceeding_row *v, const char *from)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:s?}", "victim_proceeding",
			 (json_int_t)v->id, "kind", v->kind, "offence", v->offence, "outcome",
			 v->outcome, "penalty", lt_json_str_or_null(v->penalty), "during_exploitation",
			 lt_json_tristate(v->during_exploitation), "non_punishment_assessed",
			 v->non_punishment_assessed, "from", from);
}

lt_err lt_svc_victim_proceeding_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				       json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"kind", LT_JSON_STRING, true, 16},
		{"offence", LT_JSON_STRING, true, 24},
		{"offence_date", LT_JSON_STRING, false, 10},
		{"during_exploitation", LT_JSON_BOOL, false, 0},
		{"authority", LT_JSON_STRING, false, AUTHORITY_MAX},
		{"outcome", LT_JSON_STRING, true, 16},
		{"penalty", LT_JSON_STRING, false, 12},
		{"outcome_date", LT_JSON_STRING, false, 10},
		{"non_punishment_assessed", LT_JSON_BOOL, false, 0},
		{"assessment_date", LT_JSON_STRING, false, 10},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_JUSTICE_RECORD, &c);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const json_t *during = json_object_get(body, "during_exploitation");
	struct lt_victim_proceeding_facts f = {
		.kind = lt_json_str(body, "kind"),
		.offence = lt_json_str(body, "offence"),
		.offence_date = lt_json_str(body, "offence_date"),
		.during_exploitation = json_is_boolean(during) ? json_is_true(during) : -1,
		.outcome = lt_json_str(body, "outcome"),
		.penalty = lt_json_str(body, "penalty"),
		.outcome_date = lt_json_str(body, "outcome_date"),
		.non_punishment_assessed = json_is_true(json_object_get(body, "non_punishment_assessed")),
		.assessment_date = lt_json_str(body, "assessment_date"),
	};
	char today[11];
	lt_latest_today(today);
	if (!lt_victim_proceeding_check(&f, today, p))
		return LT_ERR_INVALID;
	const char *authority = lt_json_str(body, "authority");
	const char *note = lt_json_str(body, "note");
	struct lt_victim_proceeding_row v;
	memset(&v, 0, sizeof(v));
	v.case_id = id;
	lt_str_copy(v.kind, sizeof(v.kind), f.kind);
	lt_str_copy(v.offence, sizeof(v.offence), f.offence);
	lt_str_copy(v.offence_date, sizeof(v.offence_date), f.offence_date ? f.offence_date : "");
	v.during_exploitation = f.during_exploitation;
	lt_str_copy(v.authority, sizeof(v.authority), authority ? authority : "");
	lt_str_copy(v.outcome, sizeof(v.outcome), f.outcome);
	lt_str_copy(v.penalty, sizeof(v.penalty), f.penalty ? f.penalty : "");
	lt_str_copy(v.outcome_date, sizeof(v.outcome_date), f.outcome_date ? f.outcome_date : "");
	v.non_punishment_assessed = f.non_punishment_assessed;
	lt_str_copy(v.assessment_date, sizeof(v.assessment_date),
		    f.assessment_date ? f.assessment_date : "");
	v.created_at = v.updated_at = lt_now();
	v.created_by = ctx->actor.user_id;
	char day[11];
	lt_today(day);

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_victim_proceeding_insert(ctx->store, &v, &v.id);
	if (!rc)
		rc = lt_assist_seal(ctx, "victim_proceedings", "note", v.id, note,
				    lt_store_victim_proceeding_set_note);
	if (!rc)
		rc = record(ctx, id, "victim_proceeding", "recorded",
			    v.outcome_date[0] ? v.outcome_date : day, vp_detail(&v, NULL),
			    "case.victim_proceeding", v.id, v.outcome);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(victim_proceeding_json(ctx, &v, false), out);
}

lt_err lt_svc_victim_proceeding_update(struct lt_ctx *ctx, int64_t id, int64_t vp_id,
				       const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"outcome", LT_JSON_STRING, false, 16},
		{"penalty", LT_JSON_STRING, false, 12},
		{"outcome_date", LT_JSON_STRING, false, 10},
		{"non_punishment_assessed", LT_JSON_BOOL, false, 0},
		{"assessment_date", LT_JSON_STRING, false, 10},
		{"during_exploitation", LT_JSON_BOOL, false, 0},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_JUSTICE_RECORD, &c);
	if (rc)
		return rc;
	struct lt_victim_proceeding_row v;
	rc = lt_store_victim_proceeding_get(ctx->store, id, vp_id, ctx->arena, &v);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	if (json_object_size(body) == 0)
		return lt_problem_field(p, "(body)",
					"names nothing to change: give outcome, penalty, "
					"outcome_date, non_punishment_assessed, assessment_date, "
					"during_exploitation or note");
	const json_t *outcome = json_object_get(body, "outcome");
	const json_t *assessed = json_object_get(body, "non_punishment_assessed");
	if (outcome && json_is_null(outcome))
		lt_problem_field(p, "outcome", "cannot be cleared: one of %s",
				 lt_protection_codes(LT_PL_VP_OUTCOME));
	if (assessed && json_is_null(assessed))
		lt_problem_field(p, "non_punishment_assessed", "cannot be cleared: true or false");
	if (p->nfields)
		return LT_ERR_INVALID;
	const json_t *note_j = json_object_get(body, "note");
	const char *note = lt_json_str(body, "note");
	char today[11], day[11];
	lt_latest_today(today);
	lt_today(day);

	/* Read, merge and check inside the transaction, so that the record
	 * checked is the one written over. */
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	if ((rc = lt_store_victim_proceeding_get(ctx->store, id, vp_id, ctx->arena, &v)))
		return lt_ctx_finish(ctx, rc);
	char from[16];
	bool was_assessed = v.non_punishment_assessed;
	lt_str_copy(from, sizeof(from), v.outcome);
	take_str(body, "outcome", v.outcome, sizeof(v.outcome));
	take_str(body, "penalty", v.penalty, sizeof(v.penalty));
	take_str(body, "outcome_date", v.outcome_date, sizeof(v.outcome_date));
	take_str(body, "assessment_date", v.assessment_date, sizeof(v.assessment_date));
	if (assessed)
		v.non_punishment_assessed = json_is_true(assessed);
	const json_t *during = json_object_get(body, "during_exploitation");
	if (during)
		v.during_exploitation = json_is_boolean(during) ? json_is_true(during) : -1;
	struct lt_victim_proceeding_facts f;
	vp_facts(&v, &f);
	if (!lt_victim_proceeding_check(&f, today, p)) {
		lt_store_rollback(ctx->store);
		return LT_ERR_INVALID;
	}
	bool moved = strcmp(from, v.outcome) != 0;
	const char *date = day;
	if (v.non_punishment_assessed && !was_assessed)
		date = v.assessment_date;
	else if (moved && v.outcome_date[0])
		date = v.outcome_date;
	v.updated_at = lt_now();
	rc = lt_store_victim_proceeding_update(ctx->store, &v);
	if (!rc && note_j)
		rc = note ? lt_assist_seal(ctx, "victim_proceedings", "note", v.id, note,
					   lt_store_victim_proceeding_set_note)
			  : lt_store_victim_proceeding_set_note(ctx->store, v.id, NULL);
	if (!rc)
		rc = record(ctx, id, "victim_proceeding", moved ? v.outcome : "updated", date,
			    vp_detail(&v, moved ? from : NULL), "case.victim_proceeding", v.id,
			    moved ? v.outcome : "updated");
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(victim_proceeding_json(ctx, &v, false), out);
}

/* --- removals and identity disclosures --- */

lt_err lt_svc_removal_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"kind", LT_JSON_STRING, true, 16},
		{"authority", LT_JSON_STRING, false, AUTHORITY_MAX},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_CASE_ASSIST, &c);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	char today[11];
	lt_latest_today(today);
	const char *date = lt_json_str(body, "date");
	const char *kind = lt_json_str(body, "kind");
	const char *authority = lt_json_str(body, "authority");
	const char *note = lt_json_str(body, "note");
	lt_date_check(p, "date", date, true, today, false, NULL, NULL);
	lt_protection_code_check(p, "kind", LT_PL_REMOVAL_KIND, kind, true);
	if (p->nfields)
		return LT_ERR_INVALID;
	struct lt_removal_row r;
	memset(&r, 0, sizeof(r));
	r.case_id = id;
	lt_str_copy(r.date, sizeof(r.date), date);
	lt_str_copy(r.kind, sizeof(r.kind), kind);
	lt_str_copy(r.authority, sizeof(r.authority), authority ? authority : "");
	r.created_at = lt_now();
	r.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_removal_insert(ctx->store, &r, &r.id);
	if (!rc)
		rc = lt_assist_seal(ctx, "removals", "note", r.id, note, lt_store_removal_set_note);
	if (!rc)
		rc = record(ctx, id, "removal", "recorded", r.date,
			    json_pack("{s:I, s:s}", "removal", (json_int_t)r.id, "kind", r.kind),
			    "case.removal", r.id, r.kind);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(removal_json(ctx, &r, false), out);
}

lt_err lt_svc_disclosure_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"recipient", LT_JSON_STRING, true, 16},
		{"channel", LT_JSON_STRING, true, 24},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_CASE_ASSIST, &c);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	char today[11];
	lt_latest_today(today);
	const char *date = lt_json_str(body, "date");
	const char *recipient = lt_json_str(body, "recipient");
	const char *channel = lt_json_str(body, "channel");
	const char *note = lt_json_str(body, "note");
	lt_date_check(p, "date", date, true, today, false, NULL, NULL);
	lt_protection_code_check(p, "recipient", LT_PL_DISCLOSURE_RECIPIENT, recipient, true);
	lt_protection_code_check(p, "channel", LT_PL_DISCLOSURE_CHANNEL, channel, true);
	if (p->nfields)
		return LT_ERR_INVALID;
	struct lt_disclosure_row d;
	memset(&d, 0, sizeof(d));
	d.case_id = id;
	lt_str_copy(d.date, sizeof(d.date), date);
	lt_str_copy(d.recipient, sizeof(d.recipient), recipient);
	lt_str_copy(d.channel, sizeof(d.channel), channel);
	d.created_at = lt_now();
	d.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_disclosure_insert(ctx->store, &d, &d.id);
	if (!rc)
		rc = lt_assist_seal(ctx, "identity_disclosures", "note", d.id, note,
				    lt_store_disclosure_set_note);
	if (!rc)
		rc = record(ctx, id, "disclosure", "recorded", d.date,
			    json_pack("{s:I, s:s, s:s}", "disclosure", (json_int_t)d.id, "recipient",
				      d.recipient, "channel", d.channel),
			    "case.disclosure", d.id, d.channel);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(disclosure_json(ctx, &d, false), out);
}

/* --- children: unaccompanied, age assessments --- */

lt_err lt_svc_unaccompanied_set(struct lt_ctx *ctx, int64_t id, const json_t *body,
				json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"unaccompanied", LT_JSON_BOOL, true, 0},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_CASE_ASSIST, &c);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	bool value = json_is_true(json_object_get(body, "unaccompanied"));
	const unsigned char *birth;
	size_t birth_len;
	bool age_uncertain = false;
	char latest[16];
	if ((rc = lt_store_person_birth(ctx->store, c.person_id, ctx->arena, &birth, &birth_len,
					&age_uncertain)) ||
	    (rc = lt_store_age_assessment_latest(ctx->store, id, latest, sizeof(latest))))
		return rc;
	if (value && !lt_unaccompanied_allowed(c.is_child, age_uncertain, latest[0] ? latest : NULL))
		return lt_problem_field(
			p, "unaccompanied",
			strcmp(latest, "adult") == 0
				? "applies to a child: the latest age assessment found an adult"
				: "applies to a child: the person was an adult at referral (and no "
				  "age assessment found a child)");
	char day[11];
	lt_today(day);

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	int before = -1;
	rc = lt_store_case_unaccompanied(ctx->store, id, &before);
	/* Setting what is already recorded changes nothing: no event. */
	if (!rc && before != (value ? 1 : 0)) {
		rc = lt_store_case_set_unaccompanied(ctx->store, id, value ? 1 : 0);
		if (!rc)
			rc = record(ctx, id, "unaccompanied", value ? "set" : "cleared", day,
				    json_pack("{s:b, s:o}", "unaccompanied", value, "from",
					      lt_json_tristate(before)),
				    "case.unaccompanied", id, value ? "true" : "false");
		rc = lt_ctx_finish(ctx, rc);
	} else {
		lt_store_rollback(ctx->store);
	}
	if (rc)
		return rc;
	return answer(json_pack("{s:I, s:b}", "case_id", (json_int_t)id, "unaccompanied", value), out);
}

lt_err lt_svc_age_assessment_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				    json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"result", LT_JSON_STRING, true, 16},
		{"method", LT_JSON_STRING, false, 16},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	lt_err rc = load_case(ctx, id, LT_ACT_CASE_ASSIST, &c);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	char today[11];
	lt_latest_today(today);
	const char *date = lt_json_str(body, "date");
	const char *result = lt_json_str(body, "result");
	const char *method = lt_json_str(body, "method");
	const char *note = lt_json_str(body, "note");
	lt_date_check(p, "date", date, true, today, false, NULL, NULL);
	lt_protection_code_check(p, "result", LT_PL_AGE_RESULT, result, true);
	lt_protection_code_check(p, "method", LT_PL_AGE_METHOD, method, false);
	if (p->nfields)
		return LT_ERR_INVALID;
	struct lt_age_assessment_row a;
	memset(&a, 0, sizeof(a));
	a.case_id = id;
	lt_str_copy(a.date, sizeof(a.date), date);
	lt_str_copy(a.result, sizeof(a.result), result);
	lt_str_copy(a.method, sizeof(a.method), method ? method : "");
	a.created_at = lt_now();
	a.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_age_assessment_insert(ctx->store, &a, &a.id);
	if (!rc)
		rc = lt_assist_seal(ctx, "age_assessments", "note", a.id, note,
				    lt_store_age_assessment_set_note);
	if (!rc)
		rc = record(ctx, id, "age_assessment", "recorded", a.date,
			    json_pack("{s:I, s:s, s:o}", "age_assessment", (json_int_t)a.id,
				      "result", a.result, "method", lt_json_str_or_null(a.method)),
			    "case.age_assessment", a.id, a.result);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return answer(age_assessment_json(ctx, &a, false), out);
}

/* --- the case document --- */

struct read_acc {
	struct lt_ctx *ctx;
	json_t *arr;
	bool free_text;
};

static lt_err push(struct read_acc *acc, json_t *o)
{
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

static lt_err push_threat(void *vctx, const struct lt_threat_row *r)
{
	struct read_acc *acc = vctx;
	return push(acc, threat_json(acc->ctx, r, acc->free_text));
}

static lt_err push_protection(void *vctx, const struct lt_protection_row *r)
{
	struct read_acc *acc = vctx;
	return push(acc, protection_json(acc->ctx, r, acc->free_text));
}

static lt_err push_victim_proceeding(void *vctx, const struct lt_victim_proceeding_row *r)
{
	struct read_acc *acc = vctx;
	return push(acc, victim_proceeding_json(acc->ctx, r, acc->free_text));
}

static lt_err push_removal(void *vctx, const struct lt_removal_row *r)
{
	struct read_acc *acc = vctx;
	return push(acc, removal_json(acc->ctx, r, acc->free_text));
}

static lt_err push_disclosure(void *vctx, const struct lt_disclosure_row *r)
{
	struct read_acc *acc = vctx;
	return push(acc, disclosure_json(acc->ctx, r, acc->free_text));
}

static lt_err push_age_assessment(void *vctx, const struct lt_age_assessment_row *r)
{
	struct read_acc *acc = vctx;
	return push(acc, age_assessment_json(acc->ctx, r, acc->free_text));
}

/* Whether the actor may read the case's justice records; a refusal is an
 * answer here, not an error, so it leaves no problem behind. */
static lt_err sees_justice(struct lt_ctx *ctx, const struct lt_case_row *c, bool *yes)
{
	struct lt_case_share share;
	memset(&share, 0, sizeof(share));
	*yes = false;
	if (ctx->actor.kind == LT_ACTOR_USER && c->org_id != ctx->actor.org.id) {
		lt_err rc = lt_store_case_share(ctx->store, c->id, ctx->actor.org.id, &share);
		if (rc)
			return rc;
	}
	if (lt_authorize_case(ctx, LT_ACT_JUSTICE_READ, c->org_id, &share) == LT_OK)
		*yes = true;
	else
		lt_problem_init(ctx->problem);
	return LT_OK;
}

lt_err lt_protection_case_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			       json_t *obj)
{
	struct lt_store *s = ctx->store;
	struct read_acc acc = {ctx, NULL, free_text};
	bool justice = false;
	lt_err rc = sees_justice(ctx, c, &justice);
	if (!rc && justice) {
		if (!(acc.arr = json_array()))
			return LT_ERR_NOMEM;
		json_object_set_new(obj, "threats", acc.arr);
		rc = lt_store_threat_list(s, c->id, ctx->arena, push_threat, &acc);
		if (!rc && !(acc.arr = json_array()))
			rc = LT_ERR_NOMEM;
		if (!rc) {
			json_object_set_new(obj, "protection_measures", acc.arr);
			rc = lt_store_protection_list(s, c->id, ctx->arena, push_protection, &acc);
		}
		if (!rc && !(acc.arr = json_array()))
			rc = LT_ERR_NOMEM;
		if (!rc) {
			json_object_set_new(obj, "victim_proceedings", acc.arr);
			rc = lt_store_victim_proceeding_list(s, c->id, ctx->arena,
							     push_victim_proceeding, &acc);
		}
	}
	if (!rc && !(acc.arr = json_array()))
		rc = LT_ERR_NOMEM;
	if (!rc) {
		json_object_set_new(obj, "removals", acc.arr);
		rc = lt_store_removal_list(s, c->id, ctx->arena, push_removal, &acc);
	}
	if (!rc && !(acc.arr = json_array()))
		rc = LT_ERR_NOMEM;
	if (!rc) {
		json_object_set_new(obj, "identity_disclosures", acc.arr);
		rc = lt_store_disclosure_list(s, c->id, ctx->arena, push_disclosure, &acc);
	}
	int unaccompanied = -1;
	if (!rc)
		rc = lt_store_case_unaccompanied(s, c->id, &unaccompanied);
	if (!rc)
		json_object_set_new(obj, "unaccompanied", lt_json_tristate(unaccompanied));
	if (!rc && !(acc.arr = json_array()))
		rc = LT_ERR_NOMEM;
	if (!rc) {
		json_object_set_new(obj, "age_assessments", acc.arr);
		rc = lt_store_age_assessment_list(s, c->id, ctx->arena, push_age_assessment, &acc);
	}
	return rc;
}
