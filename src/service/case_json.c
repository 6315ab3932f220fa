#include "service/cases.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "domain/case_flow.h"
#include "service/audit.h"
#include "service/case_internal.h"
#include "service/case_parts.h"
#include "service/policy.h"
#include <sodium.h>

static lt_err push_code(void *vctx, const char *code)
{
	return json_array_append_new(vctx, json_string(code)) ? LT_ERR_NOMEM : LT_OK;
}

static json_t *open_text(struct lt_ctx *ctx, const char *table, const char *column, int64_t id,
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

struct read_acc {
	struct lt_ctx *ctx;
	json_t *arr;
	bool free_text; /* may the reader see sealed free text (reasons, notes)? */
};

static lt_err push_event(void *vctx, const struct lt_case_event_row *e)
{
	struct read_acc *acc = vctx;
	char at[32];
	lt_time_iso(e->created_at, at, sizeof(at));
	json_t *detail = e->detail[0] ? json_loads(e->detail, 0, NULL) : NULL;
	json_t *o = json_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:s, s:o, s:o, s:s, s:o}", "id",
			      (json_int_t)e->id, "kind", e->kind, "action",
			      e->action[0] ? e->action : NULL, "from", e->from_status[0] ? e->from_status : NULL,
			      "to", e->to_status[0] ? e->to_status : NULL, "date", e->event_date,
			      "reasons",
			      acc->free_text ? open_text(acc->ctx, "case_events", "reasons", e->id,
							 e->reasons, e->reasons_len)
					     : json_null(),
			      "detail", detail ? detail : json_object(), "recorded_at", at, "actor_user_id",
			      e->actor_user_id ? json_integer(e->actor_user_id) : json_null());
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

static lt_err push_decision(void *vctx, const struct lt_decision_row *d)
{
	struct read_acc *acc = vctx;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s?, s:o, s:b, s:o}", "id", (json_int_t)d->id,
			      "stage", d->stage, "outcome", d->outcome, "date", d->decision_date,
			      "body", d->body[0] ? d->body : NULL, "reasons",
			      acc->free_text ? open_text(acc->ctx, "case_decisions", "reasons", d->id,
							 d->reasons, d->reasons_len)
					     : json_null(),
			      "reasons_recorded", d->reasons != NULL, "decided_by",
			      d->decided_by ? json_integer(d->decided_by) : json_null());
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

/* The actions the actor could take now, so the UI offers only those. */
static json_t *next_actions(struct lt_ctx *ctx, const struct lt_case_row *c)
{
	json_t *arr = json_array();
	if (lt_authorize_case(ctx, LT_ACT_CASE_DECIDE, c->org_id, NULL) != LT_OK) {
		lt_problem_init(ctx->problem);
		return arr;
	}
	enum lt_case_status from = lt_case_status_parse(c->status);
	enum lt_case_status before = lt_case_status_parse(c->status_before_close);
	for (int a = LT_CASE_ACT_REASONABLE_GROUNDS; a < LT_CASE_ACT_INVALID; a++) {
		char why[200];
		enum lt_case_status to;
		const char *outcomes = lt_case_action_outcomes((enum lt_case_action)a);
		char first[32] = "";
		if (*outcomes)
			lt_str_copy(first, strcspn(outcomes, ",") + 1, outcomes);
		/* Whether a review is offered does not depend on what it reviews. */
		if (lt_case_flow_next(from, (enum lt_case_action)a, *outcomes ? first : NULL, before,
				      LT_CASE_STAGE_NONE, &to, why, sizeof(why)) == LT_OK)
			json_array_append_new(arr, json_string(lt_case_action_name((enum lt_case_action)a)));
	}
	return arr;
}

lt_err lt_case_json_row(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text, json_t **out)
{
	struct lt_person_row p;
	lt_err rc = lt_store_person_get(ctx->store, c->person_id, ctx->arena, &p);
	if (rc)
		return rc;
	const unsigned char *bd;
	size_t bd_len;
	bool age_uncertain = false;
	if ((rc = lt_store_person_birth(ctx->store, c->person_id, ctx->arena, &bd, &bd_len, &age_uncertain)))
		return rc;
	struct lt_org_row org;
	if ((rc = lt_store_org_get(ctx->store, c->org_id, &org)))
		return rc;
	json_t *cit = json_array(), *forms = json_array(), *countries = json_array();
	json_t *decisions = json_array(), *timeline = json_array();
	rc = lt_store_person_citizenships(ctx->store, c->person_id, push_code, cit);
	if (!rc)
		rc = lt_store_case_forms(ctx->store, c->id, push_code, forms);
	if (!rc)
		rc = lt_store_case_countries(ctx->store, c->id, push_code, countries);
	struct read_acc dacc = {ctx, decisions, free_text}, tacc = {ctx, timeline, free_text};
	if (!rc)
		rc = lt_store_decision_list(ctx->store, c->id, ctx->arena, push_decision, &dacc);
	if (!rc)
		rc = lt_store_event_list(ctx->store, c->id, ctx->arena, push_event, &tacc);
	json_t *person = json_pack(
		"{s:I, s:s, s:o, s:o, s:o, s:b, s:o, s:b}", "id", (json_int_t)p.id, "sex", p.sex,
		"birth_year", p.birth_year ? json_integer(p.birth_year) : json_null(), "age_at_referral",
		c->age_at_referral >= 0 ? json_integer(c->age_at_referral) : json_null(), "child",
		lt_json_tristate(c->is_child), "age_uncertain", age_uncertain,
		"citizenship", cit, "has_name", p.given_name != NULL || p.family_name != NULL);
	json_t *o = json_pack(
		"{s:I, s:s, s:o, s:s, s:{s:I, s:s, s:s}, s:o, s:o, s:{s:s, s:s, s:o, s:b, s:o}, s:o, "
		"s:o, s:s, s:{s:s, s:o}, s:{s:s, s:o, s:o}, s:o, s:o, s:o}",
		"id", (json_int_t)c->id, "case_number", c->case_number, "ref", lt_json_str_or_null(c->ref),
		"status", c->status, "organisation", "id", (json_int_t)org.id, "name", org.name, "kind",
		org.kind, "group_id", c->group_id ? json_integer(c->group_id) : json_null(), "person",
		person, "referral", "date", c->referral_date, "source", c->referral_source,
		"organisation", lt_json_str_or_null(c->referring_org), "consent", c->consent_to_share,
		"consent_date", lt_json_str_or_null(c->consent_date), "exploitation", forms,
		"countries_of_exploitation", countries, "cooperation", c->cooperation,
		"reasonable_grounds", "outcome", c->reasonable_grounds, "date",
		lt_json_str_or_null(c->reasonable_grounds_date), "identification", "outcome",
		c->identification, "date", lt_json_str_or_null(c->identification_date), "body",
		lt_json_str_or_null(c->identification_body), "decisions", decisions, "timeline", timeline,
		"next_actions", next_actions(ctx, c));
	if (!rc && o)
		rc = lt_case_parts_json(ctx, c, free_text, o);
	if (rc || !o) {
		json_decref(o);
		return rc ? rc : LT_ERR_NOMEM;
	}
	*out = o;
	return LT_OK;
}

/* Whether the actor sees the case's free text: the owner, those with
 * reach over every case, and receivers the person allowed to know them. */
static bool sees_free_text(const struct lt_ctx *ctx, const struct lt_case_row *c,
			   const struct lt_case_share *share)
{
	return ctx->actor.kind == LT_ACTOR_CLI || c->org_id == ctx->actor.org.id ||
	       lt_policy_scope(&ctx->actor, LT_ACT_CASE_READ) == LT_SCOPE_ALL || share->share_identity;
}

lt_err lt_svc_case_get(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_READ, &c, &share);
	if (rc == LT_ERR_NOT_FOUND || rc == LT_ERR_FORBIDDEN)
		lt_audit_record(ctx, "case.read", "case", id, "denied", NULL);
	if (rc)
		return rc;
	/* One snapshot for the dozen reads that make the case. */
	if ((rc = lt_store_read_begin(ctx->store)))
		return rc;
	rc = lt_case_json_row(ctx, &c, sees_free_text(ctx, &c, &share), out);
	lt_store_read_end(ctx->store);
	if (rc)
		return rc;
	if ((rc = lt_audit_record(ctx, "case.read", "case", id, "ok", NULL))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

lt_err lt_svc_case_identity(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_CASE_IDENTITY, &c, &share);
	if (rc) {
		if (rc == LT_ERR_NOT_FOUND || rc == LT_ERR_FORBIDDEN)
			lt_audit_record(ctx, "case.identity", "case", id, "denied", NULL);
		return rc;
	}
	struct lt_person_row p;
	const unsigned char *bd;
	size_t bd_len;
	bool uncertain;
	if ((rc = lt_store_person_get(ctx->store, c.person_id, ctx->arena, &p)) ||
	    (rc = lt_store_person_birth(ctx->store, c.person_id, ctx->arena, &bd, &bd_len, &uncertain)))
		return rc;
	*out = json_pack("{s:I, s:o, s:o, s:o, s:o}", "person_id", (json_int_t)p.id, "given_name",
			 open_text(ctx, "persons", "given_name", p.id, p.given_name, p.given_name_len),
			 "family_name",
			 open_text(ctx, "persons", "family_name", p.id, p.family_name, p.family_name_len),
			 "birth_date", open_text(ctx, "persons", "birth_date", p.id, bd, bd_len),
			 "birth_year", p.birth_year ? json_integer(p.birth_year) : json_null());
	if (!*out)
		return LT_ERR_NOMEM;
	if ((rc = lt_audit_record(ctx, "case.identity", "case", id, "ok", NULL))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

lt_err lt_case_json(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_case_row c;
	struct lt_case_share share;
	memset(&share, 0, sizeof(share));
	lt_err rc = lt_store_case_get(ctx->store, id, &c);
	if (!rc && ctx->actor.kind == LT_ACTOR_USER && c.org_id != ctx->actor.org.id)
		rc = lt_store_case_share(ctx->store, id, ctx->actor.org.id, &share);
	return rc ? rc : lt_case_json_row(ctx, &c, sees_free_text(ctx, &c, &share), out);
}
