#include "service/justice.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"
#include "domain/jurisdiction.h"
#include "service/assistance.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/policy.h"

#define NOTE_MAX 4000
#define TEXT_MAX 160
#define FILE_NUMBER_MAX 64
#define MONTHS_MAX 600                          /* 50 years: above any term the law allows */
#define AMOUNT_MAX ((json_int_t)1000000000000000) /* whole units; far above any real sum */

/* --- closed code lists --- */

struct codes {
	const char *const *v;
	size_t n;
};
#define CODES(a) ((struct codes){(a), LT_ARRAY_LEN(a)})

/* In order: a proceeding moves forward through these, apart from a retrial. */
static const char *const stages[] = {"investigation", "indictment", "trial",       "verdict",
				     "appeal",        "final",      "discontinued"};
static const char *const victim_roles[] = {"injured_party", "witness", "injured_party_and_witness"};
static const char *const verdicts[] = {"conviction", "acquittal", "dismissal"};
static const char *const appellants[] = {"prosecution", "defence", "injured_party"};
static const char *const appeal_outcomes[] = {"upheld", "overturned", "modified", "retrial"};
static const char *const measures[] = {"especially_vulnerable_witness",
				       "video_link",
				       "no_confrontation",
				       "closed_hearing",
				       "anonymity",
				       "support_person",
				       "other"};
static const char *const forums[] = {"criminal", "civil", "state_fund"};
static const char *const claim_statuses[] = {"pending", "awarded", "rejected", "withdrawn"};

static bool code_in(struct codes c, const char *v)
{
	for (size_t i = 0; v && i < c.n; i++)
		if (strcmp(c.v[i], v) == 0)
			return true;
	return false;
}

/* Checks V (NULL: absent, nothing said) against C; names FIELD with the
 * allowed values when it is not one of them. True when V may be used. */
static bool check_code(struct lt_problem *p, const char *field, const char *v, struct codes c)
{
	if (!v || code_in(c, v))
		return v != NULL;
	char hint[256];
	size_t n = 0;
	hint[0] = '\0';
	for (size_t i = 0; i < c.n && n < sizeof(hint); i++) {
		int w = snprintf(hint + n, sizeof(hint) - n, "%s%s", i ? ", " : "", c.v[i]);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	lt_problem_field(p, field, "must be one of: %s", hint);
	return false;
}

static bool closed_stage(const char *stage)
{
	return strcmp(stage, "final") == 0 || strcmp(stage, "discontinued") == 0;
}

static bool currency_valid(const char *s)
{
	return s && strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	       s[2] >= 'A' && s[2] <= 'Z';
}

/* --- small JSON helpers --- */

static json_t *int_or_null(int64_t v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

/* Whether KEY is in OBJ with a non-null value; *CLEARED when it is null. */
static bool given(const json_t *obj, const char *key, bool *cleared)
{
	const json_t *v = json_object_get(obj, key);
	if (cleared)
		*cleared = v && json_is_null(v);
	return v && !json_is_null(v);
}

/* The profile, or the error with its problem. */
static lt_err jurisdiction(struct lt_ctx *ctx, const struct lt_jurisdiction **j)
{
	*j = lt_ctx_jurisdiction(ctx);
	if (*j)
		return LT_OK;
	return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
}

/* Checks ARTICLE (and PARA, may be NULL) against the profile's criminal
 * code, naming AFIELD or PFIELD with what the profile knows. */
static bool check_article(struct lt_problem *p, const struct lt_jurisdiction *j, const char *afield,
			  const char *pfield, const char *article, const char *para)
{
	const struct lt_article *a = lt_jurisdiction_article(j, article);
	char known[200];
	size_t n = 0;
	known[0] = '\0';
	if (!a) {
		for (int i = 0; i < j->n_articles && n < sizeof(known); i++) {
			int w = snprintf(known + n, sizeof(known) - n, "%s%s", i ? ", " : "",
					 j->articles[i].id);
			if (w < 0)
				break;
			n += (size_t)w;
		}
		lt_problem_field(p, afield,
				 "must be an article of the criminal code in the jurisdiction "
				 "profile (%s): %s",
				 j->country, j->n_articles ? known : "the profile has none");
		return false;
	}
	if (para && *para && !lt_article_paragraph(a, para)) {
		for (int i = 0; i < a->n_paragraphs && n < sizeof(known); i++) {
			int w = snprintf(known + n, sizeof(known) - n, "%s%s", i ? ", " : "",
					 a->paragraphs[i].id);
			if (w < 0)
				break;
			n += (size_t)w;
		}
		lt_problem_field(p, pfield, "must be a paragraph of article %s in the profile: %s",
				 a->id, a->n_paragraphs ? known : "none is recorded; leave it out");
		return false;
	}
	return true;
}

/* --- authorisation --- */

/* Whether the actor may do ACTION on case CASE_ID. A refusal is an answer
 * here, not an error: it leaves no problem set. */
static lt_err case_allows(struct lt_ctx *ctx, int64_t case_id, enum lt_action action, bool *ok)
{
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, case_id, (int)action, &c, &share);
	*ok = rc == LT_OK;
	if (rc == LT_ERR_NOT_FOUND || rc == LT_ERR_FORBIDDEN || rc == LT_ERR_UNAUTHORIZED) {
		lt_problem_init(ctx->problem);
		return LT_OK;
	}
	return rc;
}

/* A proceeding as the actor reaches it: the row, and its cases with what
 * the actor may do on each. */
struct proc {
	struct lt_proceeding_row row;
	json_t *cases; /* [{"case_id", "case_number", "victim_role", "read", "record"}] */
	int n_read, n_record;
};

static void proc_release(struct proc *pr)
{
	json_decref(pr->cases);
	pr->cases = NULL;
}

static lt_err collect_case(void *vctx, const struct lt_proceeding_case_row *r)
{
	json_t *arr = vctx;
	return json_array_append_new(arr, json_pack("{s:I, s:s, s:s}", "case_id",
						     (json_int_t)r->case_id, "case_number",
						     r->case_number, "victim_role", r->victim_role))
		       ? LT_ERR_NOMEM
		       : LT_OK;
}

/* Loads proceeding PID for ACTION: 403 for a role that may never do it,
 * 404 when the actor may do it on none of the proceeding's cases. */
static lt_err proc_load(struct lt_ctx *ctx, int64_t pid, enum lt_action action, struct proc *pr)
{
	memset(pr, 0, sizeof(*pr));
	lt_err rc = lt_authorize(ctx, action, 0);
	if (rc)
		return rc;
	rc = lt_store_proceeding_get(ctx->store, pid, &pr->row);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	if (!(pr->cases = json_array()))
		return LT_ERR_NOMEM;
	rc = lt_store_proceeding_cases(ctx->store, pid, collect_case, pr->cases);
	size_t i;
	json_t *c;
	json_array_foreach(pr->cases, i, c)
	{
		if (rc)
			break;
		int64_t cid = json_integer_value(json_object_get(c, "case_id"));
		bool read = false, record = false;
		rc = case_allows(ctx, cid, LT_ACT_JUSTICE_READ, &read);
		if (!rc)
			rc = case_allows(ctx, cid, LT_ACT_JUSTICE_RECORD, &record);
		json_object_set_new(c, "read", json_boolean(read));
		json_object_set_new(c, "record", json_boolean(record));
		pr->n_read += read;
		pr->n_record += record;
	}
	if (!rc && (action == LT_ACT_JUSTICE_RECORD ? pr->n_record : pr->n_read) == 0)
		rc = lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		proc_release(pr);
	return rc;
}

/* The entry of case CASE_ID in PR's cases, NULL when it is not linked. */
static json_t *proc_case(const struct proc *pr, int64_t case_id)
{
	size_t i;
	json_t *c;
	json_array_foreach(pr->cases, i, c)
	{
		if (json_integer_value(json_object_get(c, "case_id")) == case_id)
			return c;
	}
	return NULL;
}

static bool proc_case_reads(const struct proc *pr, int64_t case_id)
{
	return json_is_true(json_object_get(proc_case(pr, case_id), "read"));
}

/* --- reading --- */

struct charges_acc {
	const struct lt_jurisdiction *j;
	json_t *arr; /* NULL: only the last charge is wanted */
	struct lt_charge_row last;
	bool any;
};

static lt_err push_charge(void *vctx, const struct lt_charge_row *r)
{
	struct charges_acc *acc = vctx;
	enum lt_offence_class cls = lt_jurisdiction_offence_class(acc->j, r->article);
	bool requal = acc->any && strcmp(acc->last.article, r->article) != 0;
	bool down = requal &&
		    lt_jurisdiction_offence_class(acc->j, acc->last.article) == LT_OFFENCE_TRAFFICKING &&
		    cls != LT_OFFENCE_TRAFFICKING;
	acc->last = *r;
	acc->any = true;
	if (!acc->arr)
		return LT_OK;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:b, s:b}", "id", (json_int_t)r->id,
			      "date", r->date, "stage", r->stage, "article", r->article, "paragraph",
			      lt_json_str_or_null(r->paragraph), "offence_class", lt_offence_class_name(cls),
			      "requalification", requal, "downgrade", down);
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

static json_t *charge_now(const struct charges_acc *acc)
{
	if (!acc->any)
		return json_null();
	return json_pack("{s:s, s:o, s:s}", "article", acc->last.article, "paragraph",
			 lt_json_str_or_null(acc->last.paragraph), "offence_class",
			 lt_offence_class_name(lt_jurisdiction_offence_class(acc->j, acc->last.article)));
}

static lt_err push_stage(void *vctx, const struct lt_proceeding_stage_row *r)
{
	json_t *arr = vctx;
	json_t *o = json_pack("{s:s, s:s}", "stage", r->stage, "date", r->date);
	return o && !json_array_append_new(arr, o) ? LT_OK : LT_ERR_NOMEM;
}

static lt_err push_appeal(void *vctx, const struct lt_appeal_row *r)
{
	json_t *arr = vctx;
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)r->id, "filed_date",
			      r->filed_date, "appellant", r->appellant, "decided_date",
			      lt_json_str_or_null(r->decided_date), "outcome", lt_json_str_or_null(r->outcome));
	return o && !json_array_append_new(arr, o) ? LT_OK : LT_ERR_NOMEM;
}

static json_t *claim_json(const struct lt_claim_row *r)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o}", "id",
			 (json_int_t)r->id, "case_id", (json_int_t)r->case_id, "forum", r->forum,
			 "proceeding_id", r->proceeding_id ? json_integer(r->proceeding_id) : json_null(),
			 "claimed_date", r->claimed_date, "amount_claimed", int_or_null(r->amount_claimed),
			 "currency", r->currency, "status", r->status, "award_date",
			 lt_json_str_or_null(r->award_date), "amount_awarded", int_or_null(r->amount_awarded),
			 "amount_paid", int_or_null(r->amount_paid), "paid_date",
			 lt_json_str_or_null(r->paid_date));
}

struct hearings_acc {
	const struct proc *pr;
	json_t *arr;
	json_t *by_id; /* "hearing id" -> its measures array (borrowed) */
};

static lt_err push_hearing(void *vctx, const struct lt_hearing_row *r)
{
	struct hearings_acc *acc = vctx;
	/* Another victim's hearing is that victim's business. */
	if (!proc_case_reads(acc->pr, r->case_id))
		return LT_OK;
	json_t *ms = json_array();
	json_t *o = json_pack("{s:I, s:s, s:I, s:o, s:o}", "id", (json_int_t)r->id, "date", r->date,
			      "case_id", (json_int_t)r->case_id, "confrontation", lt_json_tristate(r->confrontation),
			      "measures", ms);
	if (!o || !ms)
		return LT_ERR_NOMEM;
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)r->id);
	if (json_object_set(acc->by_id, key, ms) || json_array_append_new(acc->arr, o))
		return LT_ERR_NOMEM;
	return LT_OK;
}

static lt_err push_measure(void *vctx, const struct lt_hearing_measure_row *r)
{
	struct hearings_acc *acc = vctx;
	char key[24];
	snprintf(key, sizeof(key), "%lld", (long long)r->hearing_id);
	json_t *ms = json_object_get(acc->by_id, key);
	if (!ms)
		return LT_OK;
	json_t *o = json_pack("{s:s, s:b, s:b, s:o}", "measure", r->measure, "requested", r->requested,
			      "granted", r->granted, "carried_out", lt_json_tristate(r->carried_out));
	return o && !json_array_append_new(ms, o) ? LT_OK : LT_ERR_NOMEM;
}

struct claims_acc {
	const struct proc *pr; /* NULL: every claim */
	json_t *arr;
};

static lt_err push_claim(void *vctx, const struct lt_claim_row *r)
{
	struct claims_acc *acc = vctx;
	if (acc->pr && !proc_case_reads(acc->pr, r->case_id))
		return LT_OK;
	json_t *o = claim_json(r);
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

/* The date whose law the verdict is measured against: the offence's when
 * known, else the opening of the proceeding. */
static const char *law_date(const struct lt_proceeding_row *r)
{
	return r->offence_date[0] ? r->offence_date : r->opened_date;
}

/* The statutory minimum (months) of the conviction of R, -1 when none is known. */
static int statutory_minimum(const struct lt_jurisdiction *j, const struct lt_proceeding_row *r)
{
	if (strcmp(r->verdict, "conviction") != 0 || !r->verdict_article[0])
		return -1;
	const struct lt_penalty *pe =
		lt_jurisdiction_penalty(j, r->verdict_article, r->verdict_paragraph, law_date(r));
	return pe ? pe->min_months : -1;
}

static json_t *verdict_json(const struct lt_jurisdiction *j, const struct lt_proceeding_row *r)
{
	if (!r->verdict[0])
		return json_null();
	return json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o}", "outcome", r->verdict,
			 "date", r->verdict_date, "article", lt_json_str_or_null(r->verdict_article),
			 "paragraph", lt_json_str_or_null(r->verdict_paragraph), "sentence_months",
			 int_or_null(r->sentence_months), "suspended", lt_json_tristate(r->sentence_suspended),
			 "fine_amount", int_or_null(r->fine_amount), "fine_currency",
			 lt_json_str_or_null(r->fine_currency), "final", r->verdict_final == 1,
			 "statutory_minimum_months", int_or_null(statutory_minimum(j, r)));
}

/* The whole proceeding PR as the actor may see it. */
static lt_err proceeding_json(struct lt_ctx *ctx, const struct proc *pr, json_t **out)
{
	const struct lt_jurisdiction *j;
	lt_err rc = jurisdiction(ctx, &j);
	if (rc)
		return rc;
	const struct lt_proceeding_row *r = &pr->row;
	json_t *cases = json_array(), *stage_list = json_array(), *charge_list = json_array();
	json_t *appeal_list = json_array(), *hearing_list = json_array(), *by_id = json_object();
	json_t *claim_list = json_array();
	struct charges_acc cacc = {j, charge_list, {0}, false};
	struct hearings_acc hacc = {pr, hearing_list, by_id};
	struct claims_acc clacc = {pr, claim_list};
	int others = 0;
	if (!cases || !stage_list || !charge_list || !appeal_list || !hearing_list || !by_id ||
	    !claim_list)
		rc = LT_ERR_NOMEM;
	size_t i;
	json_t *c;
	json_array_foreach(pr->cases, i, c)
	{
		if (rc)
			break;
		if (!json_is_true(json_object_get(c, "read"))) {
			others++;
			continue;
		}
		if (json_array_append_new(cases, json_pack("{s:O, s:O, s:O}", "case_id",
							   json_object_get(c, "case_id"), "case_number",
							   json_object_get(c, "case_number"),
							   "victim_role",
							   json_object_get(c, "victim_role"))))
			rc = LT_ERR_NOMEM;
	}
	if (!rc)
		rc = lt_store_proceeding_stages(ctx->store, r->id, push_stage, stage_list);
	if (!rc)
		rc = lt_store_charges(ctx->store, r->id, push_charge, &cacc);
	if (!rc)
		rc = lt_store_appeals(ctx->store, r->id, push_appeal, appeal_list);
	if (!rc)
		rc = lt_store_hearings(ctx->store, r->id, ctx->arena, push_hearing, &hacc);
	if (!rc)
		rc = lt_store_hearing_measures(ctx->store, r->id, push_measure, &hacc);
	if (!rc)
		rc = lt_store_claims(ctx->store, 0, r->id, push_claim, &clacc);
	json_decref(by_id);
	if (rc) {
		json_decref(cases);
		json_decref(stage_list);
		json_decref(charge_list);
		json_decref(appeal_list);
		json_decref(hearing_list);
		json_decref(claim_list);
		return rc;
	}
	*out = json_pack(
		"{s:I, s:s, s:o, s:o, s:o, s:b, s:o, s:o, s:s, s:o, s:o, s:o, s:i, s:o, s:o, s:o, "
		"s:o, s:o, s:o, s:o}",
		"id", (json_int_t)r->id, "opened_date", r->opened_date, "offence_date",
		lt_json_str_or_null(r->offence_date), "police_unit", lt_json_str_or_null(r->police_unit),
		"prosecutor_office", lt_json_str_or_null(r->prosecutor_office), "prosecutor_specialised",
		r->prosecutor_specialised, "court", lt_json_str_or_null(r->court), "file_number",
		lt_json_str_or_null(r->file_number), "stage", r->stage, "stages", stage_list,
		"indictment_date", lt_json_str_or_null(r->indictment_date), "cases", cases, "other_victims",
		others, "charge", charge_now(&cacc), "charges", charge_list, "plea_agreement",
		r->plea_agreement ? json_pack("{s:s}", "date", r->plea_date) : json_null(), "verdict",
		verdict_json(j, r), "appeals", appeal_list, "hearings", hearing_list,
		"compensation_claims", claim_list);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

/* The answer to a write on proceeding PID: the proceeding as the actor sees it. */
static lt_err proceeding_answer(struct lt_ctx *ctx, int64_t pid, json_t **out)
{
	struct proc pr;
	lt_err rc = proc_load(ctx, pid, LT_ACT_JUSTICE_READ, &pr);
	if (rc)
		return rc;
	if ((rc = lt_store_read_begin(ctx->store)) == LT_OK) {
		rc = proceeding_json(ctx, &pr, out);
		lt_store_read_end(ctx->store);
	}
	proc_release(&pr);
	return rc;
}

lt_err lt_svc_proceeding_get(struct lt_ctx *ctx, int64_t pid, json_t **out)
{
	lt_err rc = proceeding_answer(ctx, pid, out);
	if (rc == LT_ERR_NOT_FOUND || rc == LT_ERR_FORBIDDEN)
		lt_audit_record(ctx, "proceeding.read", "proceeding", pid, "denied", NULL);
	return rc;
}

static lt_err collect_pid(void *vctx, const struct lt_proceeding_case_row *r)
{
	json_t *arr = vctx;
	return json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)r->proceeding_id,
						     "victim_role", r->victim_role))
		       ? LT_ERR_NOMEM
		       : LT_OK;
}

lt_err lt_svc_proceeding_list(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_JUSTICE_READ, &c, &share);
	if (rc)
		return rc;
	json_t *pids = json_array(), *items = json_array();
	if (!pids || !items)
		rc = LT_ERR_NOMEM;
	if (!rc)
		rc = lt_store_case_proceedings(ctx->store, id, collect_pid, pids);
	size_t i;
	json_t *e;
	json_array_foreach(pids, i, e)
	{
		if (rc)
			break;
		json_t *one = NULL;
		rc = proceeding_answer(ctx, json_integer_value(json_object_get(e, "id")), &one);
		if (!rc && json_array_append_new(items, one))
			rc = LT_ERR_NOMEM;
	}
	json_decref(pids);
	if (rc) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o}", "items", items);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

/* --- the case document --- */

lt_err lt_justice_case_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			    json_t *obj)
{
	(void)free_text; /* no free text of these records is shown in the summary */
	struct lt_case_share share;
	memset(&share, 0, sizeof(share));
	lt_err rc = LT_OK;
	if (ctx->actor.kind == LT_ACTOR_USER && c->org_id != ctx->actor.org.id &&
	    (rc = lt_store_case_share(ctx->store, c->id, ctx->actor.org.id, &share)))
		return rc;
	rc = lt_authorize_case(ctx, LT_ACT_JUSTICE_READ, c->org_id, &share);
	if (rc == LT_ERR_NOT_FOUND || rc == LT_ERR_FORBIDDEN || rc == LT_ERR_UNAUTHORIZED) {
		lt_problem_init(ctx->problem);
		return LT_OK;
	}
	if (rc)
		return rc;
	const struct lt_jurisdiction *j;
	if ((rc = jurisdiction(ctx, &j)))
		return rc;
	json_t *pids = json_array(), *list = json_array(), *claims = json_array();
	if (!pids || !list || !claims)
		rc = LT_ERR_NOMEM;
	if (!rc)
		rc = lt_store_case_proceedings(ctx->store, c->id, collect_pid, pids);
	size_t i;
	json_t *e;
	json_array_foreach(pids, i, e)
	{
		if (rc)
			break;
		struct lt_proceeding_row r;
		int64_t pid = json_integer_value(json_object_get(e, "id"));
		if ((rc = lt_store_proceeding_get(ctx->store, pid, &r)))
			break;
		struct charges_acc cacc = {j, NULL, {0}, false};
		if ((rc = lt_store_charges(ctx->store, pid, push_charge, &cacc)))
			break;
		json_t *o = json_pack("{s:I, s:s, s:b, s:O, s:o, s:o, s:b}", "id", (json_int_t)pid,
				      "stage", r.stage, "prosecutor_specialised",
				      r.prosecutor_specialised, "victim_role",
				      json_object_get(e, "victim_role"), "charge", charge_now(&cacc),
				      "verdict_outcome", lt_json_str_or_null(r.verdict), "plea_agreement",
				      r.plea_agreement);
		if (!o || json_array_append_new(list, o))
			rc = LT_ERR_NOMEM;
	}
	struct claims_acc clacc = {NULL, claims};
	if (!rc)
		rc = lt_store_claims(ctx->store, c->id, 0, push_claim, &clacc);
	json_decref(pids);
	if (rc) {
		json_decref(list);
		json_decref(claims);
		return rc;
	}
	json_object_set_new(obj, "proceedings", list);
	json_object_set_new(obj, "compensation_claims", claims);
	return LT_OK;
}

/* --- writing --- */

/* Records the same event on every case of proceeding PID (as linked now,
 * inside the transaction), so that each victim's timeline shows it and the
 * compliance rules run for each. NOTE goes only to NOTE_CASE's event.
 * DETAIL is released. */
static lt_err events_all(struct lt_ctx *ctx, int64_t pid, const char *action, const char *date,
			 json_t *detail, int64_t note_case, const char *note)
{
	json_t *cases = json_array();
	lt_err rc = cases && detail ? lt_store_proceeding_cases(ctx->store, pid, collect_case, cases)
				    : LT_ERR_NOMEM;
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		if (rc)
			break;
		int64_t cid = json_integer_value(json_object_get(c, "case_id"));
		json_t *copy = json_deep_copy(detail);
		if (!copy) {
			rc = LT_ERR_NOMEM;
			break;
		}
		rc = lt_case_event(ctx, cid, "proceeding", action, NULL, NULL, date,
				   cid == note_case ? note : NULL, copy);
	}
	json_decref(cases);
	json_decref(detail);
	return rc;
}

static lt_err audit(struct lt_ctx *ctx, const char *action, int64_t pid, const char *what)
{
	char detail[96];
	snprintf(detail, sizeof(detail), "proceeding=%lld %s", (long long)pid, what);
	return lt_audit_append(ctx, action, "proceeding", pid, "ok", detail);
}

/* Appends a stage move of R to STAGE on DATE and sets R's stage. */
static lt_err move_stage(struct lt_ctx *ctx, struct lt_proceeding_row *r, const char *stage,
			 const char *date)
{
	struct lt_proceeding_stage_row st;
	memset(&st, 0, sizeof(st));
	st.proceeding_id = r->id;
	lt_str_copy(st.stage, sizeof(st.stage), stage);
	lt_str_copy(st.date, sizeof(st.date), date);
	st.created_at = lt_now();
	st.created_by = ctx->actor.user_id;
	lt_str_copy(r->stage, sizeof(r->stage), stage);
	if (strcmp(stage, "indictment") == 0 && !r->indictment_date[0])
		lt_str_copy(r->indictment_date, sizeof(r->indictment_date), date);
	return lt_store_proceeding_stage_insert(ctx->store, &st);
}

/* Copies optional text KEY of BODY into OUT when given ("" when null). */
static void take_text(const json_t *body, const char *key, char *out, size_t cap)
{
	bool cleared;
	if (given(body, key, &cleared))
		lt_str_copy(out, cap, lt_json_str(body, key));
	else if (cleared)
		out[0] = '\0';
}

static const struct lt_json_field charge_fields[] = {
	{"article", LT_JSON_STRING, true, 15},
	{"paragraph", LT_JSON_STRING, false, 7},
};

lt_err lt_svc_proceeding_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"opened_date", LT_JSON_STRING, true, 10},
		{"offence_date", LT_JSON_STRING, false, 10},
		{"police_unit", LT_JSON_STRING, false, TEXT_MAX},
		{"prosecutor_office", LT_JSON_STRING, false, TEXT_MAX},
		{"prosecutor_specialised", LT_JSON_BOOL, true, 0},
		{"court", LT_JSON_STRING, false, TEXT_MAX},
		{"file_number", LT_JSON_STRING, false, FILE_NUMBER_MAX},
		{"victim_role", LT_JSON_STRING, true, 32},
		{"charge", LT_JSON_OBJECT, false, 0},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_JUSTICE_RECORD, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const struct lt_jurisdiction *j;
	if ((rc = jurisdiction(ctx, &j)))
		return rc;
	char today[11];
	lt_latest_today(today);
	const char *opened = lt_json_str(body, "opened_date");
	const char *offence = lt_json_str(body, "offence_date");
	const char *role = lt_json_str(body, "victim_role");
	bool opened_ok = lt_date_check(p, "opened_date", opened, true, today, false, NULL, NULL);
	if (lt_date_check(p, "offence_date", offence, false, today, false, NULL, NULL) && offence &&
	    opened_ok && strcmp(offence, opened) > 0)
		lt_problem_field(p, "offence_date", "cannot be after the opening date (%s)", opened);
	check_code(p, "victim_role", role, CODES(victim_roles));
	const json_t *charge = json_object_get(body, "charge");
	const char *article = NULL, *para = NULL;
	if (charge && !json_is_null(charge) &&
	    !lt_json_check(charge, charge_fields, LT_ARRAY_LEN(charge_fields), "charge", p)) {
		article = lt_json_str(charge, "article");
		para = lt_json_str(charge, "paragraph");
		check_article(p, j, "charge.article", "charge.paragraph", article, para);
	}
	if (p->nfields)
		return LT_ERR_INVALID;

	struct lt_proceeding_row r;
	memset(&r, 0, sizeof(r));
	r.org_id = ctx->actor.kind == LT_ACTOR_USER ? ctx->actor.org.id : c.org_id;
	lt_str_copy(r.opened_date, sizeof(r.opened_date), opened);
	take_text(body, "offence_date", r.offence_date, sizeof(r.offence_date));
	take_text(body, "police_unit", r.police_unit, sizeof(r.police_unit));
	take_text(body, "prosecutor_office", r.prosecutor_office, sizeof(r.prosecutor_office));
	take_text(body, "court", r.court, sizeof(r.court));
	take_text(body, "file_number", r.file_number, sizeof(r.file_number));
	r.prosecutor_specialised = json_is_true(json_object_get(body, "prosecutor_specialised"));
	lt_str_copy(r.stage, sizeof(r.stage), "investigation");
	r.sentence_months = r.sentence_suspended = r.verdict_final = -1;
	r.fine_amount = -1;
	r.created_at = r.updated_at = lt_now();
	r.created_by = ctx->actor.user_id;

	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_proceeding_insert(ctx->store, &r, &r.id);
	if (!rc)
		rc = move_stage(ctx, &r, "investigation", opened);
	if (!rc)
		rc = lt_store_proceeding_case_add(ctx->store, r.id, id, role);
	if (!rc && article) {
		struct lt_charge_row ch;
		memset(&ch, 0, sizeof(ch));
		ch.proceeding_id = r.id;
		lt_str_copy(ch.date, sizeof(ch.date), opened);
		lt_str_copy(ch.stage, sizeof(ch.stage), "investigation");
		lt_str_copy(ch.article, sizeof(ch.article), article);
		lt_str_copy(ch.paragraph, sizeof(ch.paragraph), para ? para : "");
		ch.created_at = r.created_at;
		ch.created_by = r.created_by;
		int64_t cid;
		rc = lt_store_charge_insert(ctx->store, &ch, &cid);
	}
	if (!rc)
		rc = events_all(ctx, r.id, "opened", opened,
				json_pack("{s:I, s:s, s:b, s:o, s:o}", "proceeding", (json_int_t)r.id,
					  "victim_role", role, "prosecutor_specialised",
					  r.prosecutor_specialised, "article", lt_json_str_or_null(article),
					  "offence_class",
					  article ? json_string(lt_offence_class_name(
							    lt_jurisdiction_offence_class(j, article)))
						  : json_null()),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.open", r.id, "opened");
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, r.id, out);
}

lt_err lt_svc_proceeding_update(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"offence_date", LT_JSON_STRING, false, 10},
		{"police_unit", LT_JSON_STRING, false, TEXT_MAX},
		{"prosecutor_office", LT_JSON_STRING, false, TEXT_MAX},
		{"prosecutor_specialised", LT_JSON_BOOL, false, 0},
		{"court", LT_JSON_STRING, false, TEXT_MAX},
		{"file_number", LT_JSON_STRING, false, FILE_NUMBER_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	struct lt_proceeding_row *r = &pr.row;
	json_t *changed = json_array();
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *offence = lt_json_str(body, "offence_date");
	if (lt_date_check(p, "offence_date", offence, false, today, false, NULL, NULL) && offence &&
	    strcmp(offence, r->opened_date) > 0)
		lt_problem_field(p, "offence_date", "cannot be after the opening date (%s)",
				 r->opened_date);
	bool cleared;
	if (!given(body, "prosecutor_specialised", &cleared) && cleared)
		lt_problem_field(p, "prosecutor_specialised", "must be true or false, not null");
	if (json_object_size(body) == 0)
		lt_problem_field(p, "(body)",
				 "names nothing to change: give offence_date, police_unit, "
				 "prosecutor_office, prosecutor_specialised, court or file_number");
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v)
	{
		json_array_append_new(changed, json_string(key));
	}
	take_text(body, "offence_date", r->offence_date, sizeof(r->offence_date));
	take_text(body, "police_unit", r->police_unit, sizeof(r->police_unit));
	take_text(body, "prosecutor_office", r->prosecutor_office, sizeof(r->prosecutor_office));
	take_text(body, "court", r->court, sizeof(r->court));
	take_text(body, "file_number", r->file_number, sizeof(r->file_number));
	if (given(body, "prosecutor_specialised", NULL))
		r->prosecutor_specialised = json_is_true(json_object_get(body, "prosecutor_specialised"));
	r->updated_at = lt_now();
	rc = lt_store_proceeding_update(ctx->store, r);
	if (!rc)
		rc = events_all(ctx, pid, "updated", today,
				json_pack("{s:I, s:O, s:b}", "proceeding", (json_int_t)pid, "changed",
					  changed, "prosecutor_specialised", r->prosecutor_specialised),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.update", pid, "updated");
done:
	json_decref(changed);
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

lt_err lt_svc_proceeding_link(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"case_id", LT_JSON_INTEGER, true, 0},
		{"victim_role", LT_JSON_STRING, true, 32},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	json_int_t case_id = json_integer_value(json_object_get(body, "case_id"));
	const char *role = lt_json_str(body, "victim_role");
	bool may = false;
	/* Before any field error: case_allows clears the problem on a refusal. */
	if (case_id > 0 && (rc = case_allows(ctx, case_id, LT_ACT_JUSTICE_RECORD, &may)))
		goto done;
	if (!may)
		lt_problem_field(p, "case_id",
				 "no case you may record proceedings on has id %lld",
				 (long long)case_id);
	check_code(p, "victim_role", role, CODES(victim_roles));
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	if (proc_case(&pr, case_id)) {
		rc = lt_problem_set(p, LT_ERR_CONFLICT, "Case %lld is in this proceeding already.",
				    (long long)case_id);
		goto done;
	}
	rc = lt_store_proceeding_case_add(ctx->store, pid, case_id, role);
	if (rc == LT_ERR_CONFLICT)
		rc = lt_problem_set(p, LT_ERR_CONFLICT, "Case %lld is in this proceeding already.",
				    (long long)case_id);
	char today[11];
	lt_latest_today(today);
	if (!rc)
		rc = events_all(ctx, pid, "linked", today,
				json_pack("{s:I, s:I, s:s}", "proceeding", (json_int_t)pid, "case",
					  case_id, "victim_role", role),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.link", pid, "linked");
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

static lt_err last_stage(void *vctx, const struct lt_proceeding_stage_row *r)
{
	struct lt_proceeding_stage_row *last = vctx;
	*last = *r;
	return LT_OK;
}

lt_err lt_svc_proceeding_stage(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"stage", LT_JSON_STRING, true, 16},
		{"date", LT_JSON_STRING, true, 10},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	struct lt_proceeding_row *r = &pr.row;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	struct lt_proceeding_stage_row last;
	memset(&last, 0, sizeof(last));
	if ((rc = lt_store_proceeding_stages(ctx->store, pid, last_stage, &last)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *stage = lt_json_str(body, "stage");
	const char *date = lt_json_str(body, "date");
	check_code(p, "stage", stage, CODES(stages));
	const char *floor = last.date[0] && strcmp(last.date, r->opened_date) > 0 ? last.date
										   : r->opened_date;
	lt_date_check(p, "date", date, true, today, false, floor,
		      floor == r->opened_date ? "opening date" : "date of the current stage");
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	if (closed_stage(r->stage)) {
		rc = lt_problem_set(p, LT_ERR_CONFLICT,
				    "The proceeding is %s; a closed proceeding moves no further.",
				    r->stage);
		goto done;
	}
	if (strcmp(stage, r->stage) == 0) {
		rc = lt_problem_set(p, LT_ERR_CONFLICT, "The proceeding is at the %s stage already.",
				    stage);
		goto done;
	}
	char from[16];
	lt_str_copy(from, sizeof(from), r->stage);
	rc = move_stage(ctx, r, stage, date);
	if (!rc && strcmp(stage, "final") == 0 && r->verdict[0])
		r->verdict_final = 1; /* the verdict became final */
	r->updated_at = lt_now();
	if (!rc)
		rc = lt_store_proceeding_update(ctx->store, r);
	if (!rc)
		rc = events_all(ctx, pid, "stage", date,
				json_pack("{s:I, s:s, s:s}", "proceeding", (json_int_t)pid, "from", from,
					  "stage", stage),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.stage", pid, stage);
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

lt_err lt_svc_proceeding_charge(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"stage", LT_JSON_STRING, true, 16},
		{"article", LT_JSON_STRING, true, 15},
		{"paragraph", LT_JSON_STRING, false, 7},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	const struct lt_jurisdiction *j;
	if ((rc = jurisdiction(ctx, &j)))
		goto done;
	struct charges_acc prev = {j, NULL, {0}, false};
	if ((rc = lt_store_charges(ctx->store, pid, push_charge, &prev)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *date = lt_json_str(body, "date");
	const char *stage = lt_json_str(body, "stage");
	const char *article = lt_json_str(body, "article");
	const char *para = lt_json_str(body, "paragraph");
	const char *floor = prev.any && strcmp(prev.last.date, pr.row.opened_date) > 0
				    ? prev.last.date
				    : pr.row.opened_date;
	lt_date_check(p, "date", date, true, today, false, floor,
		      floor == pr.row.opened_date ? "opening date" : "date of the current charge");
	check_code(p, "stage", stage, CODES(stages));
	check_article(p, j, "article", "paragraph", article, para);
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	enum lt_offence_class cls = lt_jurisdiction_offence_class(j, article);
	bool requal = prev.any && strcmp(prev.last.article, article) != 0;
	bool down = requal &&
		    lt_jurisdiction_offence_class(j, prev.last.article) == LT_OFFENCE_TRAFFICKING &&
		    cls != LT_OFFENCE_TRAFFICKING;
	struct lt_charge_row ch;
	memset(&ch, 0, sizeof(ch));
	ch.proceeding_id = pid;
	lt_str_copy(ch.date, sizeof(ch.date), date);
	lt_str_copy(ch.stage, sizeof(ch.stage), stage);
	lt_str_copy(ch.article, sizeof(ch.article), article);
	lt_str_copy(ch.paragraph, sizeof(ch.paragraph), para ? para : "");
	ch.created_at = lt_now();
	ch.created_by = ctx->actor.user_id;
	rc = lt_store_charge_insert(ctx->store, &ch, &ch.id);
	pr.row.updated_at = ch.created_at;
	if (!rc)
		rc = lt_store_proceeding_update(ctx->store, &pr.row);
	if (!rc)
		rc = events_all(ctx, pid, requal ? "requalified" : "charged", date,
				json_pack("{s:I, s:I, s:s, s:o, s:s, s:o, s:b, s:b}", "proceeding",
					  (json_int_t)pid, "charge", (json_int_t)ch.id, "article", article,
					  "paragraph", lt_json_str_or_null(para), "offence_class",
					  lt_offence_class_name(cls), "from_article",
					  prev.any ? json_string(prev.last.article) : json_null(),
					  "requalification", requal, "downgrade", down),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.charge", pid,
			   down ? "downgrade" : requal ? "requalified" : "charged");
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

lt_err lt_svc_proceeding_plea(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	struct lt_proceeding_row *r = &pr.row;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *date = lt_json_str(body, "date");
	lt_date_check(p, "date", date, true, today, false, r->opened_date, "opening date");
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	if (strcmp(r->stage, "discontinued") == 0) {
		rc = lt_problem_set(p, LT_ERR_CONFLICT,
				    "The proceeding was discontinued; no plea agreement follows.");
		goto done;
	}
	r->plea_agreement = true;
	lt_str_copy(r->plea_date, sizeof(r->plea_date), date);
	r->updated_at = lt_now();
	rc = lt_store_proceeding_update(ctx->store, r);
	if (!rc)
		rc = events_all(ctx, pid, "plea", date,
				json_pack("{s:I, s:b}", "proceeding", (json_int_t)pid,
					  "plea_agreement", 1),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.plea", pid, "plea");
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

lt_err lt_svc_proceeding_verdict(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"outcome", LT_JSON_STRING, true, 16},
		{"article", LT_JSON_STRING, false, 15},
		{"paragraph", LT_JSON_STRING, false, 7},
		{"sentence_months", LT_JSON_INTEGER, false, 0},
		{"suspended", LT_JSON_BOOL, false, 0},
		{"fine_amount", LT_JSON_INTEGER, false, 0},
		{"fine_currency", LT_JSON_STRING, false, 3},
		{"final", LT_JSON_BOOL, false, 0},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	struct lt_proceeding_row *r = &pr.row;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	const struct lt_jurisdiction *j;
	if ((rc = jurisdiction(ctx, &j)))
		goto done;
	struct charges_acc now = {j, NULL, {0}, false};
	if ((rc = lt_store_charges(ctx->store, pid, push_charge, &now)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *date = lt_json_str(body, "date");
	const char *outcome = lt_json_str(body, "outcome");
	const char *article = lt_json_str(body, "article");
	const char *para = lt_json_str(body, "paragraph");
	const char *currency = lt_json_str(body, "fine_currency");
	bool has_sentence = given(body, "sentence_months", NULL);
	bool has_suspended = given(body, "suspended", NULL);
	bool has_fine = given(body, "fine_amount", NULL);
	json_int_t months = json_integer_value(json_object_get(body, "sentence_months"));
	json_int_t fine = json_integer_value(json_object_get(body, "fine_amount"));
	bool suspended = json_is_true(json_object_get(body, "suspended"));
	bool final = json_is_true(json_object_get(body, "final"));
	lt_date_check(p, "date", date, true, today, false, r->opened_date, "opening date");
	bool convicted = check_code(p, "outcome", outcome, CODES(verdicts)) &&
			 strcmp(outcome, "conviction") == 0;
	if (outcome && !convicted && code_in(CODES(verdicts), outcome)) {
		static const char *const only[] = {"article",     "paragraph",    "sentence_months",
						   "suspended",   "fine_amount", "fine_currency"};
		for (size_t i = 0; i < LT_ARRAY_LEN(only); i++)
			if (given(body, only[i], NULL))
				lt_problem_field(p, only[i], "is recorded only with a conviction");
	}
	if (convicted) {
		if (!article && now.any) {
			/* The conviction is under the charge as it stands, unless said otherwise. */
			article = now.last.article;
			para = now.last.paragraph[0] ? now.last.paragraph : NULL;
		}
		if (!article)
			lt_problem_field(p, "article",
					 "is required with a conviction when the proceeding has no charge");
		else
			check_article(p, j, "article", "paragraph", article, para);
		if (has_sentence && (months < 0 || months > MONTHS_MAX))
			lt_problem_field(p, "sentence_months", "must be from 0 to %d", MONTHS_MAX);
		if (has_suspended && suspended && !has_sentence)
			lt_problem_field(p, "suspended",
					 "needs sentence_months: the prison term that is suspended");
		if (has_fine && (fine < 0 || fine > AMOUNT_MAX))
			lt_problem_field(p, "fine_amount", "must be a whole amount of 0 or more");
		if (currency && !has_fine)
			lt_problem_field(p, "fine_currency", "is recorded only with fine_amount");
		else if (currency && !currency_valid(currency))
			lt_problem_field(p, "fine_currency",
					 "must be an ISO 4217 code in capitals, e.g. RSD, EUR");
	}
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	if (strcmp(r->stage, "discontinued") == 0) {
		rc = lt_problem_set(p, LT_ERR_CONFLICT,
				    "The proceeding was discontinued; it has no verdict.");
		goto done;
	}
	lt_str_copy(r->verdict, sizeof(r->verdict), outcome);
	lt_str_copy(r->verdict_date, sizeof(r->verdict_date), date);
	lt_str_copy(r->verdict_article, sizeof(r->verdict_article), convicted ? article : "");
	lt_str_copy(r->verdict_paragraph, sizeof(r->verdict_paragraph),
		    convicted && para ? para : "");
	r->sentence_months = convicted && has_sentence ? (int)months : -1;
	r->sentence_suspended = convicted && has_sentence ? suspended : -1;
	r->fine_amount = convicted && has_fine ? fine : -1;
	lt_str_copy(r->fine_currency, sizeof(r->fine_currency),
		    convicted && has_fine ? (currency ? currency : "RSD") : "");
	r->verdict_final = final;
	const char *to = final ? "final" : "verdict";
	if (strcmp(r->stage, to) != 0)
		rc = move_stage(ctx, r, to, date);
	r->updated_at = lt_now();
	if (!rc)
		rc = lt_store_proceeding_update(ctx->store, r);
	int minimum = statutory_minimum(j, r);
	if (!rc)
		rc = events_all(ctx, pid, "verdict", date,
				json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:b, s:o}", "proceeding",
					  (json_int_t)pid, "outcome", outcome, "article",
					  lt_json_str_or_null(r->verdict_article), "sentence_months",
					  int_or_null(r->sentence_months), "suspended",
					  lt_json_tristate(r->sentence_suspended), "statutory_minimum_months",
					  int_or_null(minimum), "final", final, "offence_class",
					  convicted ? json_string(lt_offence_class_name(
							      lt_jurisdiction_offence_class(j, article)))
						    : json_null()),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.verdict", pid, outcome);
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

lt_err lt_svc_appeal_create(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"filed_date", LT_JSON_STRING, true, 10},
		{"appellant", LT_JSON_STRING, true, 16},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	struct lt_proceeding_row *r = &pr.row;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *filed = lt_json_str(body, "filed_date");
	const char *appellant = lt_json_str(body, "appellant");
	lt_date_check(p, "filed_date", filed, true, today, false,
		      r->verdict[0] ? r->verdict_date : r->opened_date,
		      r->verdict[0] ? "verdict date" : "opening date");
	check_code(p, "appellant", appellant, CODES(appellants));
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	if (!r->verdict[0]) {
		rc = lt_problem_set(p, LT_ERR_CONFLICT,
				    "There is no verdict to appeal: record the verdict first.");
		goto done;
	}
	if (closed_stage(r->stage)) {
		rc = lt_problem_set(p, LT_ERR_CONFLICT,
				    "The proceeding is %s: an appeal is recorded before the verdict "
				    "becomes final.",
				    r->stage);
		goto done;
	}
	struct lt_appeal_row a;
	memset(&a, 0, sizeof(a));
	a.proceeding_id = pid;
	lt_str_copy(a.filed_date, sizeof(a.filed_date), filed);
	lt_str_copy(a.appellant, sizeof(a.appellant), appellant);
	a.created_at = a.updated_at = lt_now();
	a.created_by = ctx->actor.user_id;
	rc = lt_store_appeal_insert(ctx->store, &a, &a.id);
	if (!rc && strcmp(r->stage, "appeal") != 0)
		rc = move_stage(ctx, r, "appeal", filed);
	r->verdict_final = 0;
	r->updated_at = a.created_at;
	if (!rc)
		rc = lt_store_proceeding_update(ctx->store, r);
	if (!rc)
		rc = events_all(ctx, pid, "appeal", filed,
				json_pack("{s:I, s:I, s:s}", "proceeding", (json_int_t)pid, "appeal",
					  (json_int_t)a.id, "appellant", appellant),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.appeal", pid, appellant);
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

lt_err lt_svc_appeal_update(struct lt_ctx *ctx, int64_t pid, int64_t aid, const json_t *body,
			    json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"decided_date", LT_JSON_STRING, false, 10},
		{"outcome", LT_JSON_STRING, false, 16},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	struct lt_appeal_row a;
	rc = lt_store_appeal_get(ctx->store, pid, aid, &a);
	if (rc == LT_ERR_NOT_FOUND)
		rc = lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		goto done;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *decided = lt_json_str(body, "decided_date");
	const char *outcome = lt_json_str(body, "outcome");
	lt_date_check(p, "decided_date", decided, false, today, false, a.filed_date, "filing date");
	check_code(p, "outcome", outcome, CODES(appeal_outcomes));
	if (json_object_size(body) == 0)
		lt_problem_field(p, "(body)", "names nothing to change: give decided_date or outcome");
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	take_text(body, "decided_date", a.decided_date, sizeof(a.decided_date));
	take_text(body, "outcome", a.outcome, sizeof(a.outcome));
	/* A decision is a date and an outcome: one without the other says nothing. */
	if (a.outcome[0] && !a.decided_date[0])
		lt_problem_field(p, "decided_date", "must be given with the outcome");
	if (a.decided_date[0] && !a.outcome[0])
		lt_problem_field(p, "outcome", "must be given with decided_date");
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	a.updated_at = lt_now();
	rc = lt_store_appeal_update(ctx->store, &a);
	if (!rc)
		rc = events_all(ctx, pid, "appeal", a.decided_date[0] ? a.decided_date : today,
				json_pack("{s:I, s:I, s:s, s:o}", "proceeding", (json_int_t)pid,
					  "appeal", (json_int_t)aid, "appellant", a.appellant,
					  "outcome", lt_json_str_or_null(a.outcome)),
				0, NULL);
	if (!rc)
		rc = audit(ctx, "proceeding.appeal", pid, a.outcome[0] ? a.outcome : "updated");
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

static const struct lt_json_field measure_fields[] = {
	{"measure", LT_JSON_STRING, true, 32},
	{"requested", LT_JSON_BOOL, true, 0},
	{"granted", LT_JSON_BOOL, true, 0},
	{"carried_out", LT_JSON_BOOL, false, 0},
};

lt_err lt_svc_hearing_create(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"case_id", LT_JSON_INTEGER, true, 0},
		{"confrontation", LT_JSON_BOOL, false, 0},
		{"measures", LT_JSON_ARRAY, false, LT_ARRAY_LEN(measures)},
		{"note", LT_JSON_STRING, false, NOTE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct proc pr;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	if ((rc = proc_load(ctx, pid, LT_ACT_JUSTICE_RECORD, &pr)))
		return lt_ctx_finish(ctx, rc);
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		goto done;
	char today[11];
	lt_latest_today(today);
	const char *date = lt_json_str(body, "date");
	json_int_t case_id = json_integer_value(json_object_get(body, "case_id"));
	const char *note = lt_json_str(body, "note");
	const json_t *ms = json_object_get(body, "measures");
	/* A hearing may be recorded ahead of its date; what happened at it only after. */
	bool date_ok = lt_date_check(p, "date", date, true, today, true, pr.row.opened_date,
				     "opening date");
	bool ahead = date_ok && strcmp(date, today) > 0;
	bool past = date_ok && strcmp(date, today) < 0;
	if (!json_is_true(json_object_get(proc_case(&pr, case_id), "record")))
		lt_problem_field(p, "case_id",
				 "must be a case of this proceeding that you may record on");
	if (ahead && given(body, "confrontation", NULL))
		lt_problem_field(p, "confrontation", "cannot be known before the hearing (%s)", date);
	size_t i;
	const json_t *m;
	json_array_foreach(ms, i, m)
	{
		char at[48], f[64];
		snprintf(at, sizeof(at), "measures[%zu]", i);
		if (lt_json_check(m, measure_fields, LT_ARRAY_LEN(measure_fields), at, p))
			continue;
		const char *code = lt_json_str(m, "measure");
		snprintf(f, sizeof(f), "%s.measure", at);
		if (check_code(p, f, code, CODES(measures)))
			for (size_t k = 0; k < i; k++)
				if (lt_json_str(json_array_get(ms, k), "measure") &&
				    !strcmp(code, lt_json_str(json_array_get(ms, k), "measure")))
					lt_problem_field(p, f, "is listed twice");
		bool granted = json_is_true(json_object_get(m, "granted"));
		bool has_done = given(m, "carried_out", NULL);
		snprintf(f, sizeof(f), "%s.carried_out", at);
		if (!granted && has_done)
			lt_problem_field(p, f, "is recorded only for a granted measure");
		else if (granted && past && !has_done)
			lt_problem_field(p, f,
					 "must be true or false for a granted measure once the "
					 "hearing date is past: was it carried out?");
		else if (ahead && has_done)
			lt_problem_field(p, f, "cannot be known before the hearing (%s)", date);
	}
	if (p->nfields) {
		rc = LT_ERR_INVALID;
		goto done;
	}
	struct lt_hearing_row h;
	memset(&h, 0, sizeof(h));
	h.proceeding_id = pid;
	h.case_id = case_id;
	lt_str_copy(h.date, sizeof(h.date), date);
	h.confrontation = given(body, "confrontation", NULL)
				  ? json_is_true(json_object_get(body, "confrontation"))
				  : -1;
	h.created_at = lt_now();
	h.created_by = ctx->actor.user_id;
	rc = lt_store_hearing_insert(ctx->store, &h, &h.id);
	if (!rc)
		rc = lt_assist_seal(ctx, "hearings", "note", h.id, note, lt_store_hearing_set_note);
	int n_granted = 0, n_not_done = 0;
	json_array_foreach(ms, i, m)
	{
		if (rc)
			break;
		struct lt_hearing_measure_row mr;
		memset(&mr, 0, sizeof(mr));
		mr.hearing_id = h.id;
		lt_str_copy(mr.measure, sizeof(mr.measure), lt_json_str(m, "measure"));
		mr.requested = json_is_true(json_object_get(m, "requested"));
		mr.granted = json_is_true(json_object_get(m, "granted"));
		mr.carried_out = given(m, "carried_out", NULL)
					 ? json_is_true(json_object_get(m, "carried_out"))
					 : -1;
		n_granted += mr.granted;
		n_not_done += mr.granted && mr.carried_out == 0;
		rc = lt_store_hearing_measure_insert(ctx->store, &mr);
	}
	if (!rc)
		rc = events_all(ctx, pid, "hearing", date,
				json_pack("{s:I, s:I, s:I, s:o, s:i, s:i}", "proceeding",
					  (json_int_t)pid, "hearing", (json_int_t)h.id, "case", case_id,
					  "confrontation", lt_json_tristate(h.confrontation), "measures_granted",
					  n_granted, "measures_not_carried_out", n_not_done),
				case_id, note);
	if (!rc)
		rc = audit(ctx, "proceeding.hearing", pid, "hearing");
done:
	proc_release(&pr);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return proceeding_answer(ctx, pid, out);
}

/* --- compensation --- */

static lt_err claim_event(struct lt_ctx *ctx, const struct lt_claim_row *cl, const char *action,
			  const char *date)
{
	lt_err rc = lt_case_event(
		ctx, cl->case_id, "compensation", action, NULL, NULL, date, NULL,
		json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:s}", "claim", (json_int_t)cl->id,
			  "forum", cl->forum, "proceeding",
			  cl->proceeding_id ? json_integer(cl->proceeding_id) : json_null(), "status",
			  cl->status, "amount_claimed", int_or_null(cl->amount_claimed),
			  "amount_awarded", int_or_null(cl->amount_awarded), "amount_paid",
			  int_or_null(cl->amount_paid), "currency", cl->currency));
	char detail[96];
	snprintf(detail, sizeof(detail), "claim=%lld %s", (long long)cl->id, action);
	if (!rc)
		rc = lt_audit_append(ctx, "case.compensation", "case", cl->case_id, "ok", detail);
	return rc;
}

static lt_err linked_to(void *vctx, const struct lt_proceeding_case_row *r)
{
	int64_t *want = vctx;
	if (r->proceeding_id == want[0])
		want[1] = 1;
	return LT_OK;
}

lt_err lt_svc_claim_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"forum", LT_JSON_STRING, true, 16},
		{"proceeding_id", LT_JSON_INTEGER, false, 0},
		{"claimed_date", LT_JSON_STRING, true, 10},
		{"amount_claimed", LT_JSON_INTEGER, false, 0},
		{"currency", LT_JSON_STRING, false, 3},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_JUSTICE_RECORD, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	char today[11];
	lt_latest_today(today);
	const char *forum = lt_json_str(body, "forum");
	const char *claimed = lt_json_str(body, "claimed_date");
	const char *currency = lt_json_str(body, "currency");
	json_int_t pid = json_integer_value(json_object_get(body, "proceeding_id"));
	bool has_amount = given(body, "amount_claimed", NULL);
	json_int_t amount = json_integer_value(json_object_get(body, "amount_claimed"));
	check_code(p, "forum", forum, CODES(forums));
	lt_date_check(p, "claimed_date", claimed, true, today, false, NULL, NULL);
	if (has_amount && (amount < 0 || amount > AMOUNT_MAX))
		lt_problem_field(p, "amount_claimed", "must be a whole amount of 0 or more");
	if (currency && !currency_valid(currency))
		lt_problem_field(p, "currency", "must be an ISO 4217 code in capitals, e.g. RSD, EUR");
	if (given(body, "proceeding_id", NULL)) {
		int64_t want[2] = {pid, 0};
		if ((rc = lt_store_case_proceedings(ctx->store, id, linked_to, want)))
			return rc;
		if (!want[1])
			lt_problem_field(p, "proceeding_id",
					 "must be a proceeding this case is in (no proceeding %lld)",
					 (long long)pid);
	}
	if (p->nfields)
		return LT_ERR_INVALID;
	struct lt_claim_row cl;
	memset(&cl, 0, sizeof(cl));
	cl.case_id = id;
	cl.proceeding_id = given(body, "proceeding_id", NULL) ? pid : 0;
	lt_str_copy(cl.forum, sizeof(cl.forum), forum);
	lt_str_copy(cl.claimed_date, sizeof(cl.claimed_date), claimed);
	cl.amount_claimed = has_amount ? amount : -1;
	lt_str_copy(cl.currency, sizeof(cl.currency), currency ? currency : "RSD");
	lt_str_copy(cl.status, sizeof(cl.status), "pending");
	cl.amount_awarded = cl.amount_paid = -1;
	cl.created_at = cl.updated_at = lt_now();
	cl.created_by = ctx->actor.user_id;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_claim_insert(ctx->store, &cl, &cl.id);
	if (!rc)
		rc = claim_event(ctx, &cl, "claimed", claimed);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	*out = claim_json(&cl);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_claim_update(struct lt_ctx *ctx, int64_t id, int64_t cid, const json_t *body,
			   json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"status", LT_JSON_STRING, false, 16},
		{"award_date", LT_JSON_STRING, false, 10},
		{"amount_awarded", LT_JSON_INTEGER, false, 0},
		{"amount_paid", LT_JSON_INTEGER, false, 0},
		{"paid_date", LT_JSON_STRING, false, 10},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_case_row c;
	struct lt_case_share share;
	lt_err rc = lt_case_load_authorized(ctx, id, LT_ACT_JUSTICE_RECORD, &c, &share);
	if (rc)
		return rc;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	struct lt_claim_row cl;
	rc = lt_store_claim_get(ctx->store, id, cid, &cl);
	if (rc == LT_ERR_NOT_FOUND)
		rc = lt_problem_set(p, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return lt_ctx_finish(ctx, rc);
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return lt_ctx_finish(ctx, rc);
	char today[11];
	lt_latest_today(today);
	struct lt_claim_row old = cl;
	const char *status = lt_json_str(body, "status");
	check_code(p, "status", status, CODES(claim_statuses));
	lt_date_check(p, "award_date", lt_json_str(body, "award_date"), false, today, false,
		      cl.claimed_date, "claim date");
	lt_date_check(p, "paid_date", lt_json_str(body, "paid_date"), false, today, false, NULL, NULL);
	static const char *const amounts[] = {"amount_awarded", "amount_paid"};
	for (size_t i = 0; i < LT_ARRAY_LEN(amounts); i++) {
		json_int_t v = json_integer_value(json_object_get(body, amounts[i]));
		if (given(body, amounts[i], NULL) && (v < 0 || v > AMOUNT_MAX))
			lt_problem_field(p, amounts[i], "must be a whole amount of 0 or more");
	}
	if (json_object_size(body) == 0)
		lt_problem_field(p, "(body)",
				 "names nothing to change: give status, award_date, amount_awarded, "
				 "amount_paid or paid_date");
	if (p->nfields)
		return lt_ctx_finish(ctx, LT_ERR_INVALID);
	if (status)
		lt_str_copy(cl.status, sizeof(cl.status), status);
	take_text(body, "award_date", cl.award_date, sizeof(cl.award_date));
	take_text(body, "paid_date", cl.paid_date, sizeof(cl.paid_date));
	bool cleared;
	if (given(body, "amount_awarded", &cleared) || cleared)
		cl.amount_awarded =
			cleared ? -1 : json_integer_value(json_object_get(body, "amount_awarded"));
	if (given(body, "amount_paid", &cleared) || cleared)
		cl.amount_paid = cleared ? -1 : json_integer_value(json_object_get(body, "amount_paid"));
	/* The claim as it would stand must make sense as a whole. */
	bool awarded = strcmp(cl.status, "awarded") == 0;
	if (awarded && !cl.award_date[0])
		lt_problem_field(p, "award_date", "is needed when the claim is awarded");
	if (!awarded) {
		if (cl.award_date[0])
			lt_problem_field(p, "award_date", "is recorded only when the claim is awarded");
		if (cl.amount_awarded >= 0)
			lt_problem_field(p, "amount_awarded",
					 "is recorded only when the claim is awarded");
	}
	bool paid = cl.amount_paid >= 0 || cl.paid_date[0];
	if (paid && !awarded)
		lt_problem_field(p, cl.paid_date[0] ? "paid_date" : "amount_paid",
				 "needs an award: a payment follows an awarded claim");
	else if (paid && cl.amount_paid < 0)
		lt_problem_field(p, "amount_paid", "must be given with paid_date");
	else if (paid && !cl.paid_date[0])
		lt_problem_field(p, "paid_date", "must be given with amount_paid");
	else if (paid && cl.award_date[0] && strcmp(cl.paid_date, cl.award_date) < 0)
		lt_problem_field(p, "paid_date", "cannot be before the award date (%s)", cl.award_date);
	else if (paid && cl.amount_awarded >= 0 && cl.amount_paid > cl.amount_awarded)
		lt_problem_field(p, "amount_paid", "cannot be more than the amount awarded (%lld)",
				 (long long)cl.amount_awarded);
	if (p->nfields)
		return lt_ctx_finish(ctx, LT_ERR_INVALID);
	const char *action = "updated", *date = today;
	if (strcmp(old.status, cl.status) != 0) {
		action = cl.status;
		if (awarded)
			date = cl.award_date;
	} else if (cl.paid_date[0] && strcmp(old.paid_date, cl.paid_date) != 0) {
		action = "paid";
		date = cl.paid_date;
	}
	cl.updated_at = lt_now();
	rc = lt_store_claim_update(ctx->store, &cl);
	if (!rc)
		rc = claim_event(ctx, &cl, action, date);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	*out = claim_json(&cl);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
