#include "service/screenings.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "domain/case_flow.h"
#include "domain/screening.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/groups.h"
#include "service/policy.h"
#include <pthread.h>
#include <sodium.h>

static struct lt_screening_table table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static lt_err table_rc;
static struct lt_problem table_problem;

static void load_table(void)
{
	lt_problem_init(&table_problem);
	table_rc = lt_screening_table_load_embedded(&table, &table_problem);
}

const struct lt_screening_table *lt_svc_screening_table(struct lt_ctx *ctx)
{
	pthread_once(&table_once, load_table);
	if (table_rc) {
		*ctx->problem = table_problem;
		return NULL;
	}
	return &table;
}

static const char *weight_name(enum lt_screening_weight w)
{
	switch (w) {
	case LT_SCREENING_STRONG: return "strong";
	case LT_SCREENING_MEDIUM: return "medium";
	case LT_SCREENING_WEAK: return "weak";
	case LT_SCREENING_LISTED: return "listed";
	case LT_SCREENING_ABSENT: break;
	}
	return NULL;
}

lt_err lt_svc_screening_profiles(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_VOCAB_READ, 0);
	if (rc)
		return rc;
	const struct lt_screening_table *t = lt_svc_screening_table(ctx);
	if (!t)
		return LT_ERR_INTERNAL;
	json_t *profiles = json_array(), *dims = json_array();
	for (size_t i = 0; i < t->nprofiles; i++) {
		const struct lt_screening_profile *p = &t->profiles[i];
		json_t *inds = json_array();
		for (size_t k = 0; k < t->nindicators; k++) {
			const struct lt_screening_indicator *ind = &t->indicators[k];
			const char *w = weight_name(ind->weight[p->index]);
			if (!w)
				continue;
			json_array_append_new(
				inds, json_pack("{s:s, s:s?, s:s, s:s, s:s}", "id", ind->id, "dimension",
						ind->dim >= 0 ? lt_screening_dim_str((enum lt_screening_dim)ind->dim)
							      : NULL,
						"weight", w, "en", ind->label_en, "sr-Latn", ind->label_sr));
		}
		json_array_append_new(
			profiles,
			json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:o}", "id", p->id, "en",
				  p->label_en, "sr-Latn", p->label_sr, "source", p->source, "note", p->note,
				  "exploitation", p->exploitation,
				  "kind", p->kind == LT_SCREENING_CHECKLIST ? "checklist" : "weighted",
				  "provisional", p->provisional, "age",
				  p->age == LT_SCREENING_CHILD   ? "child"
				  : p->age == LT_SCREENING_ADULT ? "adult"
								 : "any",
				  "indicators", inds));
	}
	for (int d = 0; d < LT_SCREENING_NDIMS; d++)
		json_array_append_new(dims, json_pack("{s:s, s:s, s:s}", "id", t->dims[d].id, "en",
						      t->dims[d].label_en, "sr-Latn", t->dims[d].label_sr));
	*out = json_pack("{s:o, s:o}", "profiles", profiles, "dimensions", dims);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_screening_evaluate(struct lt_ctx *ctx, const json_t *body, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_VOCAB_READ, 0);
	if (rc)
		return rc;
	const struct lt_screening_table *t = lt_svc_screening_table(ctx);
	if (!t)
		return LT_ERR_INTERNAL;
	struct lt_screening_result *r = lt_arena_alloc(ctx->arena, sizeof(*r));
	if (!r)
		return LT_ERR_NOMEM;
	if ((rc = lt_screening_run_json(t, body, NULL, r, ctx->problem)))
		return rc;
	return lt_screening_result_to_json(t, r, out);
}

struct forms_probe {
	bool sexual;
	bool other;
};

static lt_err probe_form(void *vctx, const char *code)
{
	struct forms_probe *p = vctx;
	const char *group = lt_vocab_exploitation_group(code);
	if (group && strcmp(group, "sexual") == 0)
		p->sexual = true;
	else
		p->other = true;
	return LT_OK;
}

const char *lt_screening_propose(struct lt_ctx *ctx, const struct lt_case_row *c)
{
	const unsigned char *bd;
	size_t len;
	bool uncertain = false;
	lt_store_person_birth(ctx->store, c->person_id, ctx->arena, &bd, &len, &uncertain);
	/* An uncertain age that may be under 18 is treated as a child's (CoE 10(3)). */
	bool child = c->is_child == 1 || (uncertain && c->is_child != 0);
	struct forms_probe probe = {false, false};
	lt_store_case_forms(ctx->store, c->id, probe_form, &probe);
	/* Sexual exploitation alone points to the sexual profile; any other form
	 * (or none recorded) to the labour one, which covers most indicators. */
	bool sexual = probe.sexual && !probe.other;
	if (child)
		return sexual ? "child_sexual" : "child_labour";
	return sexual ? "adult_sexual" : "adult_labour";
}

static json_t *note_json(struct lt_ctx *ctx, const struct lt_screening_row *r, bool free_text)
{
	if (!free_text || !r->note)
		return json_null();
	struct lt_buf plain;
	lt_buf_init(&plain, 16384);
	json_t *v = lt_unseal(ctx->keys, "case_screenings", "note", r->id, r->note, r->note_len,
			      &plain) == LT_OK
			    ? json_stringn(plain.data, plain.len)
			    : json_null();
	if (plain.data)
		sodium_memzero(plain.data, plain.len);
	lt_buf_release(&plain);
	return v;
}

struct list_acc {
	struct lt_ctx *ctx;
	json_t *items;
	bool free_text;
	bool first_only;
};

static lt_err push_screening(void *vctx, const struct lt_screening_row *r)
{
	struct list_acc *acc = vctx;
	if (acc->first_only && json_array_size(acc->items) > 0)
		return LT_OK;
	json_t *result = json_loads(r->result, 0, NULL);
	json_t *ids = json_loads(r->indicators, 0, NULL);
	char at[32];
	lt_time_iso(r->created_at, at, sizeof(at));
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:o}", "id", (json_int_t)r->id,
			      "date", r->screening_date, "profile", r->profile, "outcome", r->outcome,
			      "indicators", ids ? ids : json_array(), "result",
			      result ? result : json_object(), "note", note_json(acc->ctx, r, acc->free_text),
			      "recorded_at", at, "recorded_by",
			      r->created_by ? json_integer(r->created_by) : json_null());
	return o && !json_array_append_new(acc->items, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_case_screening_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			      json_t *obj)
{
	struct list_acc acc = {ctx, json_array(), free_text, true};
	lt_err rc = lt_store_screening_list(ctx->store, c->id, ctx->arena, push_screening, &acc);
	if (rc) {
		json_decref(acc.items);
		return rc;
	}
	json_t *latest = json_array_get(acc.items, 0);
	json_object_set(obj, "screening", latest ? latest : json_null());
	json_decref(acc.items);
	json_object_set_new(obj, "proposed_screening_profile",
			    json_string(lt_screening_propose(ctx, c)));
	return LT_OK;
}

lt_err lt_svc_case_screening_list(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_READ, &c, &share);
	if (rc)
		return rc;
	bool free_text = c.org_id == ctx->actor.org.id || share.share_identity ||
			 lt_policy_scope(&ctx->actor, LT_ACT_CASE_READ) == LT_SCOPE_ALL;
	struct list_acc acc = {ctx, json_array(), free_text, false};
	if ((rc = lt_store_screening_list(ctx->store, id, ctx->arena, push_screening, &acc))) {
		json_decref(acc.items);
		return rc;
	}
	if ((rc = lt_audit_record(ctx, "case.screening.read", "case", id, "ok", NULL))) {
		json_decref(acc.items);
		return rc;
	}
	*out = json_pack("{s:s, s:o}", "proposed_profile", lt_screening_propose(ctx, &c), "items",
			 acc.items);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

/* Stores result R of case CASE_ID inside the caller's transaction: the
 * answers, the result as shown, a timeline event and the audit row. */
static lt_err store_screening(struct lt_ctx *ctx, int64_t case_id,
			      const struct lt_screening_result *r, const char *date, const char *note)
{
	const struct lt_screening_table *t = lt_svc_screening_table(ctx);
	if (!t)
		return LT_ERR_INTERNAL;
	json_t *result = NULL, *ids = json_array();
	lt_err rc = lt_screening_result_to_json(t, r, &result);
	for (size_t i = 0; i < r->nfound && !rc; i++)
		json_array_append_new(ids, json_string(r->found[i]->id));
	char *ids_text = rc ? NULL : json_dumps(ids, JSON_COMPACT);
	char *result_text = rc ? NULL : json_dumps(result, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(ids);
	json_decref(result);
	if (!rc && (!ids_text || !result_text))
		rc = LT_ERR_NOMEM;
	struct lt_screening_row row;
	memset(&row, 0, sizeof(row));
	row.case_id = case_id;
	lt_str_copy(row.profile, sizeof(row.profile), r->profile->id);
	lt_str_copy(row.outcome, sizeof(row.outcome), lt_screening_outcome_str(r->outcome));
	lt_str_copy(row.screening_date, sizeof(row.screening_date), date);
	row.indicators = ids_text;
	row.result = result_text;
	row.created_at = lt_now();
	row.created_by = ctx->actor.user_id;
	int64_t sid = 0;
	if (!rc)
		rc = lt_store_screening_insert(ctx->store, &row, &sid);
	if (!rc && note && *note) {
		struct lt_buf sealed;
		lt_buf_init(&sealed, 16384);
		rc = lt_seal(ctx->keys, "case_screenings", "note", sid, note, strlen(note), &sealed);
		if (!rc)
			rc = lt_store_screening_set_note(ctx->store, sid, &sealed);
		lt_buf_release(&sealed);
	}
	if (!rc)
		rc = lt_case_event(ctx, case_id, "screening", row.profile, NULL, NULL, date, NULL,
				   json_pack("{s:s, s:s, s:I}", "profile", row.profile, "outcome",
					     row.outcome, "screening_id", (json_int_t)sid));
	if (!rc)
		rc = lt_audit_append(ctx, "case.screening", "case", case_id, "ok", row.outcome);
	free(ids_text);
	free(result_text);
	return rc;
}

/* A screening date: a real date, not in the future, not before NOT_BEFORE. */
static bool check_screening_date(struct lt_problem *p, const char *field, const char *date,
				 const char *not_before)
{
	char latest[11];
	lt_latest_today(latest);
	return lt_date_check(p, field, date, true, latest, false, not_before, "referral date");
}

lt_err lt_svc_case_screening_add(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"profile", LT_JSON_STRING, false, 32},
		{"indicators", LT_JSON_ARRAY, true, LT_SCREENING_MAX_INDICATORS},
		{"date", LT_JSON_STRING, true, 10},
		{"note", LT_JSON_STRING, false, 4000},
	};
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_ASSIST, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, ctx->problem)))
		return rc;
	const struct lt_screening_table *t = lt_svc_screening_table(ctx);
	if (!t)
		return LT_ERR_INTERNAL;
	const char *date = lt_json_str(body, "date");
	check_screening_date(ctx->problem, "date", date, c.referral_date);
	const char *profile = lt_json_str(body, "profile");
	if (!profile)
		profile = lt_screening_propose(ctx, &c);
	struct lt_screening_result *r = lt_arena_alloc(ctx->arena, sizeof(*r));
	if (!r)
		return LT_ERR_NOMEM;
	json_t *doc = json_pack("{s:s, s:O}", "profile", profile, "indicators",
				json_object_get(body, "indicators"));
	rc = doc ? lt_screening_run_json(t, doc, NULL, r, ctx->problem) : LT_ERR_NOMEM;
	json_decref(doc);
	if (rc || ctx->problem->nfields)
		return rc ? rc : LT_ERR_INVALID;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = store_screening(ctx, id, r, date, lt_json_str(body, "note"));
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return lt_case_json(ctx, id, out);
}

/* --- groups: the mass-case view --- */

struct group_import {
	struct lt_ctx *ctx;
	int64_t group_id;
	const char *date;
	size_t stored;
	lt_err rc;
};

static lt_err screen_member(void *vctx, size_t row, const char *person,
			    const struct lt_screening_result *r)
{
	struct group_import *gi = vctx;
	struct lt_ctx *ctx = gi->ctx;
	char field[48];
	snprintf(field, sizeof(field), "row %zu", row);
	int64_t case_id = 0;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_store_case_by_number(ctx->store, person, &case_id);
	if (rc == LT_ERR_NOT_FOUND || (!rc && lt_store_case_get(ctx->store, case_id, &c) == LT_OK &&
				       c.group_id != gi->group_id)) {
		lt_problem_field(ctx->problem, field, "'%.30s' is not the case number of a member",
				 person);
		return LT_OK; /* keep going, so every bad row is named */
	}
	if (rc)
		return rc;
	struct lt_problem saved = *ctx->problem;
	rc = lt_case_load_authorized(ctx, case_id, LT_ACT_CASE_ASSIST, &c, &share);
	*ctx->problem = saved;
	if (rc) {
		lt_problem_field(ctx->problem, field, "'%.30s' is not a case you may screen", person);
		return LT_OK;
	}
	if (!check_screening_date(ctx->problem, field, gi->date, c.referral_date))
		return LT_OK;
	if (ctx->problem->nfields)
		return LT_OK; /* an earlier row failed: nothing will be kept */
	if ((rc = store_screening(ctx, case_id, r, gi->date, NULL)))
		return rc;
	gi->stored++;
	return LT_OK;
}

lt_err lt_svc_group_screening_add(struct lt_ctx *ctx, int64_t group_id, const char *csv,
				  size_t len, const char *date, json_t **out)
{
	struct lt_group_row g;
	lt_err rc = lt_group_load(ctx, group_id, false, &g);
	if (rc)
		return rc;
	const struct lt_screening_table *t = lt_svc_screening_table(ctx);
	if (!t)
		return LT_ERR_INTERNAL;
	/* The date is checked once here; each row checks only its own referral date. */
	char latest[11];
	lt_latest_today(latest);
	if (!lt_date_check(ctx->problem, "query.date", date, true, latest, false, NULL, NULL))
		return LT_ERR_INVALID;
	struct group_import gi = {ctx, group_id, date, 0, LT_OK};
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_screening_group_run(t, csv, len, NULL, screen_member, &gi, ctx->problem);
	if (ctx->problem->nfields) {
		/* The rows named include members that could not be screened, which
		 * the screening rule alone does not count. */
		lt_problem_set(ctx->problem, LT_ERR_INVALID,
			       "%zu row%s could not be screened; nothing was stored.",
			       ctx->problem->nfields, ctx->problem->nfields == 1 ? "" : "s");
		rc = LT_ERR_INVALID;
	}
	if (!rc && gi.stored == 0)
		rc = lt_problem_field(ctx->problem, "(body)", "names no member to screen");
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	if ((rc = lt_svc_group_screening_table(ctx, group_id, out)))
		return rc;
	json_object_set_new(*out, "stored", json_integer((json_int_t)gi.stored));
	return LT_OK;
}

struct table_acc {
	struct lt_ctx *ctx;
	const struct lt_screening_table *t;
	struct lt_screening_tally tally;
	json_t *members;
	size_t unscreened;
};

static lt_err latest_of(void *vctx, const struct lt_screening_row *r)
{
	struct lt_screening_row *latest = vctx;
	if (!latest->id)
		*latest = *r;
	return LT_OK;
}

static void tally_stored(const struct lt_screening_table *t, struct lt_screening_tally *y,
			 const struct lt_screening_row *r)
{
	y->people++;
	for (int o = 0; o < LT_SCREENING_OUTCOME_COUNT; o++)
		if (strcmp(lt_screening_outcome_str((enum lt_screening_outcome)o), r->outcome) == 0)
			y->outcomes[o]++;
	json_t *ids = json_loads(r->indicators, 0, NULL);
	bool seen[LT_SCREENING_MAX_INDICATORS] = {false};
	size_t i;
	json_t *id;
	json_array_foreach(ids, i, id) {
		const char *s = json_string_value(id);
		for (size_t k = 0; s && k < t->nindicators && k < LT_SCREENING_MAX_INDICATORS; k++)
			if (!seen[k] && strcmp(t->indicators[k].id, s) == 0) {
				seen[k] = true;
				y->indicators[k]++;
			}
	}
	json_decref(ids);
}

static lt_err table_member(void *vctx, const struct lt_group_member_row *m)
{
	struct table_acc *acc = vctx;
	struct lt_screening_row latest;
	memset(&latest, 0, sizeof(latest));
	lt_err rc = lt_store_screening_list(acc->ctx->store, m->case_id, acc->ctx->arena, latest_of,
					    &latest);
	if (rc)
		return rc;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "case_id", (json_int_t)m->case_id, "case_number",
			      m->case_number, "status", m->status, "sex", m->sex);
	if (!o)
		return LT_ERR_NOMEM;
	if (!latest.id) {
		acc->unscreened++;
		json_object_set_new(o, "screening", json_null());
		return json_array_append_new(acc->members, o) ? LT_ERR_NOMEM : LT_OK;
	}
	/* The summary counts what each row shows: the outcome stored with the
	 * screening, even if the shipped weights were corrected since (a row
	 * and the summary must never disagree), and the stored answers. */
	tally_stored(acc->t, &acc->tally, &latest);
	json_object_set_new(o, "screening",
			    json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)latest.id, "date",
				      latest.screening_date, "profile", latest.profile, "outcome",
				      latest.outcome));
	return json_array_append_new(acc->members, o) ? LT_ERR_NOMEM : LT_OK;
}

lt_err lt_svc_group_screening_table(struct lt_ctx *ctx, int64_t group_id, json_t **out)
{
	struct lt_group_row g;
	lt_err rc = lt_group_load(ctx, group_id, false, &g);
	if (rc)
		return rc;
	struct table_acc acc;
	memset(&acc, 0, sizeof(acc));
	acc.ctx = ctx;
	if (!(acc.t = lt_svc_screening_table(ctx)))
		return LT_ERR_INTERNAL;
	lt_screening_tally_init(&acc.tally);
	acc.members = json_array();
	rc = lt_store_group_members(ctx->store, group_id,
				    lt_policy_org_filter(&ctx->actor, LT_ACT_CASE_READ), table_member,
				    &acc);
	json_t *summary = NULL;
	if (!rc)
		rc = lt_screening_tally_to_json(acc.t, &acc.tally, 10, &summary);
	if (!rc)
		rc = lt_audit_record(ctx, "group.screening.read", "group", group_id, "ok", NULL);
	if (rc) {
		json_decref(acc.members);
		json_decref(summary);
		return rc;
	}
	*out = json_pack("{s:I, s:s, s:o, s:I, s:o}", "group_id", (json_int_t)group_id, "name", g.name,
			 "summary", summary, "unscreened", (json_int_t)acc.unscreened, "members",
			 acc.members);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
