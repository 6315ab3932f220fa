#include "service/cases.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "domain/case_flow.h"
#include "domain/jurisdiction.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/case_parts.h"
#include "service/policy.h"
#include <sodium.h>

#define MAX_CODES 16
#define REASONS_MAX 4000

/* A validated case document; strings point into the JSON it came from. */
struct case_doc {
	const char *ref;
	const char *given, *family, *sex, *birth_date;
	int64_t birth_year;
	bool age_uncertain;
	const char *citizenship[MAX_CODES];
	size_t ncit;
	const char *referral_date, *source, *referring_org, *consent_date;
	bool consent;
	const char *forms[MAX_CODES];
	size_t nforms;
	const char *countries[MAX_CODES];
	size_t ncountries;
	const char *id_outcome, *id_date, *id_body, *id_reasons;
};

/* A date of the case record: not after the latest date that is today
 * somewhere, and not before NOT_BEFORE when given. */
static bool check_date(struct lt_problem *p, const char *field, const char *value, bool required,
		       const char *not_before, const char *not_before_name)
{
	char latest[11];
	lt_latest_today(latest);
	return lt_date_check(p, field, value, required, latest, false, not_before, not_before_name);
}

/* Reads an array of vocabulary codes into OUT, naming bad items by index. */
static void check_codes(struct lt_problem *p, const json_t *arr, const char *field,
			enum lt_vocab_kind kind, const char **out, size_t *n)
{
	*n = 0;
	if (!arr || json_is_null(arr))
		return;
	size_t i;
	json_t *v;
	char path[96];
	json_array_foreach(arr, i, v) {
		snprintf(path, sizeof(path), "%s[%zu]", field, i);
		const char *code = json_string_value(v);
		if (!code) {
			lt_problem_field(p, path, "must be a string");
			continue;
		}
		if (!lt_vocab_has(kind, code)) {
			lt_problem_field(p, path, "'%.40s' is not %s%s", code,
					 kind == LT_VOCAB_COUNTRY ? "" : "one of: ", lt_vocab_hint(kind));
			continue;
		}
		if (*n >= MAX_CODES) {
			lt_problem_field(p, field, "must have at most %d items", MAX_CODES);
			return;
		}
		out[(*n)++] = code;
	}
}

static bool json_truthy(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

static lt_err validate_doc(struct lt_ctx *ctx, const json_t *doc, struct case_doc *d)
{
	static const struct lt_json_field top[] = {
		{"ref", LT_JSON_STRING, false, 100},
		{"person", LT_JSON_OBJECT, true, 0},
		{"referral", LT_JSON_OBJECT, true, 0},
		{"exploitation", LT_JSON_ARRAY, false, MAX_CODES},
		{"countries_of_exploitation", LT_JSON_ARRAY, false, MAX_CODES},
		{"identification", LT_JSON_OBJECT, false, 0},
	};
	static const struct lt_json_field person[] = {
		{"given_name", LT_JSON_STRING, false, 200},
		{"family_name", LT_JSON_STRING, false, 200},
		{"sex", LT_JSON_STRING, true, 16},
		{"birth_date", LT_JSON_STRING, false, 10},
		{"birth_year", LT_JSON_INTEGER, false, 0},
		{"age_uncertain", LT_JSON_BOOL, false, 0},
		{"citizenship", LT_JSON_ARRAY, false, MAX_CODES},
	};
	static const struct lt_json_field referral[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"source", LT_JSON_STRING, true, 32},
		{"organisation", LT_JSON_STRING, false, 160},
		{"consent", LT_JSON_BOOL, false, 0},
		{"consent_date", LT_JSON_STRING, false, 10},
	};
	static const struct lt_json_field identification[] = {
		{"outcome", LT_JSON_STRING, true, 16},
		{"date", LT_JSON_STRING, false, 10},
		{"body", LT_JSON_STRING, false, 160},
		{"reasons", LT_JSON_STRING, false, REASONS_MAX},
	};
	struct lt_problem *p = ctx->problem;
	memset(d, 0, sizeof(*d));
	lt_err rc = lt_vocab_init(p);
	if (rc)
		return rc;
	if (lt_json_check(doc, top, LT_ARRAY_LEN(top), NULL, p))
		return LT_ERR_INVALID; /* the parts below may be missing or of another type */
	const json_t *pj = json_object_get(doc, "person");
	const json_t *rj = json_object_get(doc, "referral");
	const json_t *ij = json_object_get(doc, "identification");
	bool person_ok = lt_json_check(pj, person, LT_ARRAY_LEN(person), "person", p) == LT_OK;
	bool referral_ok = lt_json_check(rj, referral, LT_ARRAY_LEN(referral), "referral", p) == LT_OK;
	bool ident_ok = !ij || json_is_null(ij) ||
			lt_json_check(ij, identification, LT_ARRAY_LEN(identification),
				      "identification", p) == LT_OK;
	d->ref = lt_json_str(doc, "ref");
	if (d->ref && !*d->ref)
		lt_problem_field(p, "ref", "must not be empty");

	if (person_ok) {
		d->given = lt_json_str(pj, "given_name");
		d->family = lt_json_str(pj, "family_name");
		d->sex = lt_json_str(pj, "sex");
		d->birth_date = lt_json_str(pj, "birth_date");
		d->birth_year = json_integer_value(json_object_get(pj, "birth_year"));
		d->age_uncertain = json_truthy(pj, "age_uncertain");
		if (!lt_vocab_has(LT_VOCAB_SEX, d->sex))
			lt_problem_field(p, "person.sex", "must be one of: %s", lt_vocab_hint(LT_VOCAB_SEX));
		bool date_ok = check_date(p, "person.birth_date", d->birth_date, false, NULL, NULL);
		int64_t this_year = 1970 + lt_now() / 31556952;
		if (json_object_get(pj, "birth_year") && !json_is_null(json_object_get(pj, "birth_year")) &&
		    (d->birth_year < 1900 || d->birth_year > this_year))
			lt_problem_field(p, "person.birth_year", "must be between 1900 and %lld",
					 (long long)this_year);
		else if (date_ok && d->birth_date && d->birth_year) {
			int64_t from_date = (d->birth_date[0] - '0') * 1000 + (d->birth_date[1] - '0') * 100 +
					    (d->birth_date[2] - '0') * 10 + (d->birth_date[3] - '0');
			if (from_date != d->birth_year)
				lt_problem_field(p, "person.birth_year",
						 "does not match person.birth_date (%lld)",
						 (long long)from_date);
		}
		if (date_ok && d->birth_date && !d->birth_year)
			d->birth_year = (d->birth_date[0] - '0') * 1000 + (d->birth_date[1] - '0') * 100 +
					(d->birth_date[2] - '0') * 10 + (d->birth_date[3] - '0');
		/* Whether the person is a child decides who identifies them and
		 * what protection applies, so an age is never left out by
		 * accident: an estimate flagged uncertain is better than none, and
		 * an age nobody knows is said so (age_uncertain true alone), which
		 * counts as a possible child until assessed. */
		if (!d->birth_date && !json_is_integer(json_object_get(pj, "birth_year")) &&
		    !d->age_uncertain)
			lt_problem_field(p, "person.birth_year",
					 "is required when person.birth_date is not given (an "
					 "estimated year with age_uncertain true will do; if nothing "
					 "is known of the age, age_uncertain true alone)");
		check_codes(p, json_object_get(pj, "citizenship"), "person.citizenship",
			    LT_VOCAB_COUNTRY, d->citizenship, &d->ncit);
	}
	if (referral_ok) {
		d->referral_date = lt_json_str(rj, "date");
		d->source = lt_json_str(rj, "source");
		d->referring_org = lt_json_str(rj, "organisation");
		d->consent = json_truthy(rj, "consent");
		d->consent_date = lt_json_str(rj, "consent_date");
		check_date(p, "referral.date", d->referral_date, true,
			   d->birth_date && lt_date_valid(d->birth_date) ? d->birth_date : NULL,
			   "birth date");
		if (!lt_vocab_has(LT_VOCAB_REFERRAL_SOURCE, d->source))
			lt_problem_field(p, "referral.source", "must be one of: %s",
					 lt_vocab_hint(LT_VOCAB_REFERRAL_SOURCE));
		check_date(p, "referral.consent_date", d->consent_date, false, NULL, NULL);
		if (d->consent_date && !d->consent)
			lt_problem_field(p, "referral.consent_date", "is given but referral.consent is not true");
		if (d->consent && !d->consent_date)
			d->consent_date = d->referral_date;
	}
	check_codes(p, json_object_get(doc, "exploitation"), "exploitation", LT_VOCAB_EXPLOITATION,
		    d->forms, &d->nforms);
	check_codes(p, json_object_get(doc, "countries_of_exploitation"), "countries_of_exploitation",
		    LT_VOCAB_COUNTRY, d->countries, &d->ncountries);
	d->id_outcome = "pending";
	if (ij && !json_is_null(ij) && ident_ok) {
		d->id_outcome = lt_json_str(ij, "outcome");
		d->id_date = lt_json_str(ij, "date");
		d->id_body = lt_json_str(ij, "body");
		d->id_reasons = lt_json_str(ij, "reasons");
		bool decided = !strcmp(d->id_outcome, "identified") || !strcmp(d->id_outcome, "not_identified");
		if (!decided && strcmp(d->id_outcome, "pending"))
			lt_problem_field(p, "identification.outcome",
					 "must be one of: identified, not_identified, pending");
		else if (decided)
			check_date(p, "identification.date", d->id_date, true,
				   referral_ok ? d->referral_date : NULL, "referral date");
		else if (d->id_date || d->id_body || d->id_reasons)
			lt_problem_field(p, "identification.outcome",
					 "is pending, so date, body and reasons must be left out");
	}
	return p->nfields ? LT_ERR_INVALID : LT_OK;
}

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

static lt_err decision(struct lt_ctx *ctx, int64_t case_id, const char *stage, const char *outcome,
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

static lt_err store_person(struct lt_ctx *ctx, int64_t org_id, const struct case_doc *d,
			   int64_t *person_id)
{
	lt_err rc = lt_store_person_insert(ctx->store, org_id, d->sex, d->birth_year,
					   ctx->actor.user_id, lt_now(), person_id);
	if (rc)
		return rc;
	int64_t id = *person_id;
	struct lt_buf given, family, birth, full;
	lt_buf_init(&given, 4096);
	lt_buf_init(&family, 4096);
	lt_buf_init(&birth, 256);
	lt_buf_init(&full, 1024);
	unsigned char name_idx[LT_BLIND_BYTES], family_idx[LT_BLIND_BYTES];
	bool has_name = (d->given && *d->given) || (d->family && *d->family);
	bool has_family = d->family && *d->family;
	if (d->given && *d->given)
		rc = lt_seal(ctx->keys, "persons", "given_name", id, d->given, strlen(d->given), &given);
	if (!rc && has_family)
		rc = lt_seal(ctx->keys, "persons", "family_name", id, d->family, strlen(d->family),
			     &family);
	if (!rc && has_name)
		rc = lt_buf_addf(&full, "%s %s", d->given ? d->given : "", d->family ? d->family : "");
	if (!rc && has_name)
		rc = lt_blind_index(ctx->keys, "person.name", full.data, name_idx);
	if (!rc && has_family)
		rc = lt_blind_index(ctx->keys, "person.family_name", d->family, family_idx);
	if (!rc && has_name)
		rc = lt_store_person_set_identity(ctx->store, id, &given, &family, name_idx,
						  has_family ? family_idx : NULL);
	if (!rc && d->birth_date)
		rc = lt_seal(ctx->keys, "persons", "birth_date", id, d->birth_date,
			     strlen(d->birth_date), &birth);
	if (!rc && (d->birth_date || d->age_uncertain))
		rc = lt_store_person_set_birth(ctx->store, id, &birth, d->age_uncertain);
	for (size_t i = 0; i < d->ncit && !rc; i++)
		rc = lt_store_person_add_citizenship(ctx->store, id, d->citizenship[i]);
	if (full.data)
		sodium_memzero(full.data, full.len);
	lt_buf_release(&given);
	lt_buf_release(&family);
	lt_buf_release(&birth);
	lt_buf_release(&full);
	return rc;
}

/* Stores a validated document as a new case inside the caller's transaction. */
static lt_err store_case(struct lt_ctx *ctx, int64_t org_id, const struct case_doc *d,
			 int64_t group_id, int64_t *case_id)
{
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	int64_t person_id;
	lt_err rc = store_person(ctx, org_id, d, &person_id);
	if (rc)
		return rc;
	struct lt_case_row c;
	memset(&c, 0, sizeof(c));
	c.person_id = person_id;
	c.org_id = org_id;
	c.group_id = group_id;
	lt_str_copy(c.ref, sizeof(c.ref), d->ref ? d->ref : "");
	lt_str_copy(c.referral_date, sizeof(c.referral_date), d->referral_date);
	c.referral_year = (d->referral_date[0] - '0') * 1000 + (d->referral_date[1] - '0') * 100 +
			  (d->referral_date[2] - '0') * 10 + (d->referral_date[3] - '0');
	lt_str_copy(c.referral_source, sizeof(c.referral_source), d->source);
	lt_str_copy(c.referring_org, sizeof(c.referring_org), d->referring_org ? d->referring_org : "");
	c.consent_to_share = d->consent;
	lt_str_copy(c.consent_date, sizeof(c.consent_date), d->consent_date ? d->consent_date : "");
	c.is_child = lt_is_child(d->birth_date, d->birth_year, d->referral_date, j->child_age,
				 &c.age_at_referral);
	lt_str_copy(c.cooperation, sizeof(c.cooperation), "undecided");
	lt_str_copy(c.reasonable_grounds, sizeof(c.reasonable_grounds), "pending");
	bool decided = strcmp(d->id_outcome, "pending") != 0;
	lt_str_copy(c.status, sizeof(c.status), decided ? d->id_outcome : "referred");
	lt_str_copy(c.identification, sizeof(c.identification), d->id_outcome);
	const char *body = d->id_body ? d->id_body
				      : lt_jurisdiction_deciding_body(j, c.is_child == 1);
	if (decided) {
		lt_str_copy(c.identification_date, sizeof(c.identification_date), d->id_date);
		lt_str_copy(c.identification_body, sizeof(c.identification_body), body);
	}
	c.created_at = c.updated_at = lt_now();
	c.created_by = ctx->actor.user_id;
	int64_t seq;
	if ((rc = lt_store_case_next_seq(ctx->store, c.referral_year, &seq)))
		return rc;
	snprintf(c.case_number, sizeof(c.case_number), "LT-%04lld-%06lld", (long long)c.referral_year,
		 (long long)seq);
	rc = lt_store_case_insert(ctx->store, &c, seq, case_id);
	if (rc == LT_ERR_CONFLICT && d->ref)
		return lt_problem_field(ctx->problem, "ref", "'%.60s' is already present", d->ref);
	for (size_t i = 0; i < d->nforms && !rc; i++)
		rc = lt_store_case_add_form(ctx->store, *case_id, d->forms[i]);
	for (size_t i = 0; i < d->ncountries && !rc; i++)
		rc = lt_store_case_add_country(ctx->store, *case_id, d->countries[i]);
	if (!rc)
		rc = lt_case_event(ctx, *case_id, "referral", NULL, NULL, "referred", d->referral_date,
				   NULL, json_pack("{s:s}", "source", d->source));
	if (!rc && decided) {
		rc = decision(ctx, *case_id, "conclusive", d->id_outcome, d->id_date, body, d->id_reasons);
		if (!rc)
			rc = lt_case_event(ctx, *case_id, "transition", "identify", "referred",
					   d->id_outcome, d->id_date, d->id_reasons,
					   json_pack("{s:s, s:s}", "outcome", d->id_outcome, "body", body));
	}
	return rc;
}

lt_err lt_case_create_from_doc(struct lt_ctx *ctx, int64_t org_id, const json_t *doc,
			       int64_t group_id, int64_t *case_id)
{
	struct case_doc d;
	lt_err rc = validate_doc(ctx, doc, &d);
	return rc ? rc : store_case(ctx, org_id, &d, group_id, case_id);
}

/* --- reading --- */

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
		if (lt_case_flow_next(from, (enum lt_case_action)a, *outcomes ? first : NULL, before, &to,
				      why, sizeof(why)) == LT_OK)
			json_array_append_new(arr, json_string(lt_case_action_name((enum lt_case_action)a)));
	}
	return arr;
}

static lt_err case_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text, json_t **out)
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

lt_err lt_case_load_authorized(struct lt_ctx *ctx, int64_t id, int action, struct lt_case_row *row,
			       struct lt_case_share *share)
{
	lt_err rc = lt_authorize(ctx, (enum lt_action)action, 0);
	if (rc)
		return rc;
	rc = lt_store_case_get(ctx->store, id, row);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	memset(share, 0, sizeof(*share));
	if (ctx->actor.kind == LT_ACTOR_USER && row->org_id != ctx->actor.org.id &&
	    (rc = lt_store_case_share(ctx->store, id, ctx->actor.org.id, share)))
		return rc;
	return lt_authorize_case(ctx, (enum lt_action)action, row->org_id, share);
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
	rc = case_json(ctx, &c, sees_free_text(ctx, &c, &share), out);
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

lt_err lt_svc_case_create(struct lt_ctx *ctx, const json_t *doc, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_CREATE, 0);
	if (rc)
		return rc;
	if (ctx->actor.kind != LT_ACTOR_USER)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      "A case belongs to an organisation; use `lantern import --org`.");
	struct case_doc d;
	if ((rc = validate_doc(ctx, doc, &d)))
		return rc;
	int64_t id;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = store_case(ctx, ctx->actor.org.id, &d, 0, &id);
	if (!rc)
		rc = lt_audit_append(ctx, "case.create", "case", id, "ok", NULL);
	if (!rc)
		rc = lt_ctx_commit(ctx);
	if (rc) {
		lt_store_rollback(ctx->store);
		return rc;
	}
	struct lt_case_row c;
	if ((rc = lt_store_case_get(ctx->store, id, &c)))
		return rc;
	return case_json(ctx, &c, true, out);
}

struct list_acc {
	json_t *items;
};

static lt_err push_summary(void *vctx, const struct lt_case_summary *s)
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
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:{s:I, s:s}, s:o}",
			      "id", (json_int_t)s->id, "case_number", s->case_number, "status",
			      s->status, "sex", s->sex, "age_at_referral",
			      s->age_at_referral >= 0 ? json_integer(s->age_at_referral) : json_null(),
			      "child", lt_json_tristate(s->is_child),
			      "referral_date", s->referral_date, "referral_source", s->referral_source,
			      "exploitation", forms, "organisation", "id", (json_int_t)s->org_id, "name",
			      s->org_name, "group_id", s->group_id ? json_integer(s->group_id) : json_null());
	return o && !json_array_append_new(acc->items, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_case_list(struct lt_ctx *ctx, struct lt_case_filter *f, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_READ, 0);
	if (rc)
		return rc;
	f->scope_org = lt_policy_org_filter(&ctx->actor, LT_ACT_CASE_READ);
	if (f->limit <= 0 || f->limit > 200)
		f->limit = 50;
	struct list_acc acc = {json_array()};
	int64_t total = 0;
	if (!(rc = lt_store_read_begin(ctx->store))) {
		rc = lt_store_case_list(ctx->store, f, &total, push_summary, &acc);
		lt_store_read_end(ctx->store);
	}
	if (rc) {
		json_decref(acc.items);
		return rc;
	}
	char detail[48];
	snprintf(detail, sizeof(detail), "count=%zu", json_array_size(acc.items));
	if ((rc = lt_audit_record(ctx, "case.list", "case", 0, "ok", detail))) {
		json_decref(acc.items);
		return rc;
	}
	*out = json_pack("{s:o, s:I, s:i, s:i}", "items", acc.items, "total", (json_int_t)total,
			 "page", f->offset / f->limit + 1, "per_page", f->limit);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

/* --- changes --- */

static bool sees_free_text(const struct lt_ctx *ctx, const struct lt_case_row *c,
			   const struct lt_case_share *share);

lt_err lt_case_json(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_case_row c;
	struct lt_case_share share;
	memset(&share, 0, sizeof(share));
	lt_err rc = lt_store_case_get(ctx->store, id, &c);
	if (!rc && ctx->actor.kind == LT_ACTOR_USER && c.org_id != ctx->actor.org.id)
		rc = lt_store_case_share(ctx->store, id, ctx->actor.org.id, &share);
	return rc ? rc : case_json(ctx, &c, sees_free_text(ctx, &c, &share), out);
}

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
	check_date(ctx->problem, "date", date, true, c.referral_date, "referral date");
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
		rc = decision(ctx, id, stage, outcome, date, body_name, reasons);
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
	check_date(ctx->problem, "date", date, true, c.referral_date, "referral date");
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
	if (!check_date(ctx->problem, "date", date, true, c.referral_date, "referral date"))
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

/* --- import --- */

/* The organisations that could own an import given without --org. */
struct org_pick {
	struct lt_org_row only, admin;
	int n;              /* organisations not of kind administration */
	bool have_admin;
	char names[224];    /* their names, for the message when n > 1 */
	size_t used;
	int left_out;       /* names that did not fit */
};

static lt_err pick_org(void *vctx, const struct lt_org_row *row)
{
	struct org_pick *k = vctx;
	if (strcmp(row->kind, "administration") == 0) {
		if (!k->have_admin)
			k->admin = *row;
		k->have_admin = true;
		return LT_OK;
	}
	if (k->n++ == 0)
		k->only = *row;
	size_t need = strlen(row->name) + 3;
	if (k->left_out || k->used + need >= sizeof(k->names))
		k->left_out++;
	else
		k->used += (size_t)snprintf(k->names + k->used, sizeof(k->names) - k->used, "%s%s",
					    k->used ? ", " : "", row->name);
	return LT_OK;
}

lt_err lt_svc_case_import_begin(struct lt_ctx *ctx, const char *org_name, struct lt_import *imp)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_IMPORT, 0);
	if (rc)
		return rc;
	struct lt_org_row org;
	if (org_name) {
		rc = lt_store_org_by_name(ctx->store, org_name, &org);
		if (rc == LT_ERR_NOT_FOUND)
			return lt_problem_field(ctx->problem, "org", "no organisation is called '%s'",
						org_name);
		if (rc)
			return rc;
	} else {
		/* The usual install has one working organisation beside the
		 * Administration one that `lantern init` makes; a fresh one has
		 * only that. Guessing among several would file cases under the
		 * wrong owner, so that needs --org. */
		struct org_pick k;
		memset(&k, 0, sizeof(k));
		if ((rc = lt_store_org_list(ctx->store, pick_org, &k)))
			return rc;
		if (k.n > 1) {
			if (k.left_out)
				return lt_problem_set(ctx->problem, LT_ERR_INVALID,
						      "--org is required: %d organisations could own "
						      "the cases: %s and %d more",
						      k.n, k.names, k.left_out);
			return lt_problem_set(ctx->problem, LT_ERR_INVALID,
					      "--org is required: %d organisations could own the "
					      "cases: %s", k.n, k.names);
		}
		if (k.n == 1)
			org = k.only;
		else if (k.have_admin)
			org = k.admin;
		else
			return lt_problem_set(ctx->problem, LT_ERR_INVALID,
					      "--org is required: there is no organisation yet");
	}
	imp->org_id = org.id;
	lt_str_copy(imp->org_name, sizeof(imp->org_name), org.name);
	imp->stored = imp->replaced = 0;
	return lt_vocab_init(ctx->problem);
}

lt_err lt_svc_case_import_line(struct lt_ctx *ctx, struct lt_import *imp, const json_t *doc)
{
	struct case_doc d;
	lt_err rc = validate_doc(ctx, doc, &d);
	if (rc)
		return rc;
	if (d.ref) {
		int64_t existing;
		rc = lt_store_case_by_ref(ctx->store, d.ref, &existing);
		if (rc == LT_OK && !imp->upsert)
			return lt_problem_field(ctx->problem, "ref",
						"'%.60s' is already present (--upsert replaces it)", d.ref);
		if (rc == LT_OK) {
			const char *later = NULL;
			if ((rc = lt_store_case_later_records(ctx->store, existing, &later)))
				return rc;
			if (later)
				return lt_problem_field(ctx->problem, "ref",
							"'%.60s' has %s recorded in Lantern, which a "
							"re-import would erase; it cannot be replaced",
							d.ref, later);
			if ((rc = lt_store_case_delete(ctx->store, existing)))
				return rc;
			imp->replaced++;
		} else if (rc != LT_ERR_NOT_FOUND) {
			return rc;
		}
	}
	int64_t id;
	if ((rc = store_case(ctx, imp->org_id, &d, 0, &id)))
		return rc;
	imp->stored++;
	return LT_OK;
}
