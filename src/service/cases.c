#include "service/cases.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "domain/case_flow.h"
#include "domain/jurisdiction.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/case_internal.h"
#include "service/policy.h"
#include <sodium.h>

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

/* Where a new case comes from besides its document. */
struct case_origin {
	int64_t person_id; /* a person already registered (POST with person_id); 0: a new one */
	int64_t group_id;  /* 0 for none */
	/* An import line replacing this case (--upsert): the new one takes its
	 * id, number, group and first registration, so that links, audit rows
	 * and numbers written down elsewhere still lead to it. NULL otherwise. */
	const struct lt_case_row *replaces;
};

/* Stores a validated document as a new case inside the caller's transaction. */
static lt_err store_case(struct lt_ctx *ctx, int64_t org_id, const struct case_doc *d,
			 const struct case_origin *o, int64_t *case_id)
{
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	/* The new person is made before a replaced case goes (with its person,
	 * when no other case names them): ids only grow during an import, which
	 * is how it tells its own cases from those it found (first_person). */
	int64_t person_id = o->person_id;
	lt_err rc = person_id ? LT_OK : store_person(ctx, org_id, d, &person_id);
	if (rc)
		return rc;
	struct lt_case_row c;
	memset(&c, 0, sizeof(c));
	c.person_id = person_id;
	c.org_id = org_id;
	c.group_id = o->group_id;
	lt_str_copy(c.ref, sizeof(c.ref), d->ref ? d->ref : "");
	lt_str_copy(c.referral_date, sizeof(c.referral_date), d->referral_date);
	c.referral_year = lt_date_year(d->referral_date);
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
	/* Presumption of minority: an age that is unknown or only estimated
	 * counts as a child's (no age assessment exists yet at registration),
	 * so the body that decides for children decides, as for later moves. */
	bool child_body = lt_case_presumed_child(c.is_child, d->age_uncertain, NULL);
	const char *body = d->id_body ? d->id_body : lt_jurisdiction_deciding_body(j, child_body);
	if (decided) {
		lt_str_copy(c.identification_date, sizeof(c.identification_date), d->id_date);
		lt_str_copy(c.identification_body, sizeof(c.identification_body), body);
	}
	c.created_at = c.updated_at = lt_now();
	c.created_by = ctx->actor.user_id;
	int64_t year = c.referral_year, seq;
	if (o->replaces) {
		const struct lt_case_row *old = o->replaces;
		/* The replaced case keeps its id and number, written down elsewhere,
		 * unless the new document moves the referral to another year: the
		 * number's year is the referral year (the list's year filter reads
		 * it), so the case is then numbered in its new year. */
		int64_t old_year;
		if ((rc = lt_store_case_number_parts(ctx->store, old->id, &old_year, &seq)) ||
		    (rc = lt_store_case_delete(ctx->store, old->id)))
			return rc;
		c.id = old->id;
		if (old_year == year)
			lt_str_copy(c.case_number, sizeof(c.case_number), old->case_number);
		else if ((rc = lt_store_case_next_seq(ctx->store, year, &seq)))
			return rc;
		else
			snprintf(c.case_number, sizeof(c.case_number), "LT-%04lld-%06lld",
				 (long long)year, (long long)seq);
		if (!c.group_id)
			c.group_id = old->group_id;
		c.created_at = old->created_at;
		c.created_by = old->created_by;
	} else {
		if ((rc = lt_store_case_next_seq(ctx->store, year, &seq)))
			return rc;
		snprintf(c.case_number, sizeof(c.case_number), "LT-%04lld-%06lld", (long long)year,
			 (long long)seq);
	}
	rc = lt_store_case_insert(ctx->store, &c, year, seq, case_id);
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
		rc = lt_case_decision(ctx, *case_id, "conclusive", d->id_outcome, d->id_date, body, d->id_reasons);
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
	struct case_origin o = {0, group_id, NULL};
	lt_err rc = lt_case_doc_validate(ctx, doc, &d);
	return rc ? rc : store_case(ctx, org_id, &d, &o, case_id);
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

static lt_err push_code(void *vctx, const char *code)
{
	return json_array_append_new(vctx, json_string(code)) ? LT_ERR_NOMEM : LT_OK;
}

/* The person PERSON_ID as the "person" of a case document (no names: the
 * new case does not store them again), for the checks that need their age
 * and birth date. 404 unless the actor may read the person. */
static lt_err registered_person(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_PERSON_READ, 0);
	if (rc)
		return rc;
	struct lt_person_row row;
	rc = lt_store_person_get(ctx->store, id, ctx->arena, &row);
	if (!rc && lt_policy_scope(&ctx->actor, LT_ACT_PERSON_READ) == LT_SCOPE_OWN_ORG &&
	    row.org_id != ctx->actor.org.id) {
		/* A look outside one's scope is worth an audit row (as persons.c). */
		lt_audit_record(ctx, "person.read", "person", id, "denied", NULL);
		rc = LT_ERR_NOT_FOUND;
	}
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND,
				      "No such person: person_id %lld names no person you may read.",
				      (long long)id);
	const unsigned char *bd;
	size_t bd_len;
	bool uncertain;
	if (rc || (rc = lt_store_person_birth(ctx->store, id, ctx->arena, &bd, &bd_len, &uncertain)))
		return rc;
	json_t *o = json_pack("{s:s, s:[]}", "sex", row.sex, "citizenship");
	if (!o)
		return LT_ERR_NOMEM;
	if (row.birth_year)
		json_object_set_new(o, "birth_year", json_integer(row.birth_year));
	/* Persons registered before an age was required may have none: their
	 * age reads as unknown, which is what age_uncertain alone says. */
	if (uncertain || (!bd && !row.birth_year))
		json_object_set_new(o, "age_uncertain", json_true());
	rc = lt_store_person_citizenships(ctx->store, id, push_code, json_object_get(o, "citizenship"));
	if (!rc && bd) {
		struct lt_buf plain;
		lt_buf_init(&plain, 64);
		rc = lt_unseal(ctx->keys, "persons", "birth_date", id, bd, bd_len, &plain);
		if (!rc)
			json_object_set_new(o, "birth_date", json_stringn(plain.data, plain.len));
		if (plain.data)
			sodium_memzero(plain.data, plain.len);
		lt_buf_release(&plain);
		if (rc == LT_ERR_CRYPTO)
			lt_problem_set(ctx->problem, LT_ERR_CRYPTO,
				       "A sealed field of this person does not open with this master key.");
	}
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return LT_OK;
}

/* A document with person_id, or with no person at all: the case of a person
 * already registered (re-trafficking, a second referral). COPY gets the
 * document the checks read, with that person in place of "person" (the
 * caller releases it, and D points into it); *PERSON_ID the person. */
static lt_err read_with_person_id(struct lt_ctx *ctx, const json_t *doc, json_t **copy,
				  int64_t *person_id, struct case_doc *d)
{
	struct lt_problem *p = ctx->problem;
	const json_t *pid = json_object_get(doc, "person_id");
	const json_t *pj = json_object_get(doc, "person");
	bool has_pid = pid && !json_is_null(pid), has_person = pj && !json_is_null(pj);
	if (!(*copy = json_copy((json_t *)doc)))
		return LT_ERR_NOMEM;
	json_object_del(*copy, "person_id");
	if (has_person) {
		/* The rest is checked first, so that an unknown member or a wrong
		 * type is said first, as for any case document. */
		lt_err rc = lt_case_doc_validate(ctx, *copy, d);
		if (rc || !has_pid)
			return rc;
		return lt_problem_field(p, "person",
					"must be left out when person_id is given: the case is "
					"about that person as registered");
	}
	if (!has_pid || !json_is_integer(pid) || json_integer_value(pid) <= 0) {
		/* A stand-in person, so that the rest of the document is checked too. */
		json_object_set_new(*copy, "person",
				    json_pack("{s:s, s:b}", "sex", "unknown", "age_uncertain", 1));
		lt_case_doc_validate(ctx, *copy, d);
		if (has_pid)
			lt_problem_field(p, "person_id", "must be a person's id (a positive whole number)");
		else
			lt_problem_field(p, "person",
					 "is required, unless person_id names a person already registered");
		return LT_ERR_INVALID;
	}
	*person_id = json_integer_value(pid);
	json_t *person = NULL;
	lt_err rc = registered_person(ctx, *person_id, &person);
	if (rc)
		return rc;
	json_object_set_new(*copy, "person", person);
	return lt_case_doc_validate(ctx, *copy, d);
}

/* Wipes the birth date a registered person's document carried. */
static void wipe_copy(json_t *copy)
{
	const char *bd = json_string_value(json_object_get(json_object_get(copy, "person"), "birth_date"));
	if (bd)
		sodium_memzero((char *)bd, strlen(bd));
	json_decref(copy);
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
	struct case_origin o = {0, 0, NULL};
	json_t *copy = NULL;
	const json_t *pj = json_object_get(doc, "person");
	if (json_is_object(doc) && (json_object_get(doc, "person_id") || !pj || json_is_null(pj)))
		rc = read_with_person_id(ctx, doc, &copy, &o.person_id, &d);
	else
		rc = lt_case_doc_validate(ctx, doc, &d);
	int64_t id;
	if (rc || (rc = lt_store_begin(ctx->store)))
		goto done;
	rc = store_case(ctx, ctx->actor.org.id, &d, &o, &id);
	char detail[40] = "";
	if (o.person_id)
		snprintf(detail, sizeof(detail), "person=%lld", (long long)o.person_id);
	if (!rc)
		rc = lt_audit_append(ctx, "case.create", "case", id, "ok", detail[0] ? detail : NULL);
	if ((rc = lt_ctx_finish(ctx, rc)))
		goto done;
	struct lt_case_row c;
	if (!(rc = lt_store_case_get(ctx->store, id, &c)))
		rc = lt_case_json_row(ctx, &c, true, out);
done:
	if (copy)
		wipe_copy(copy);
	return rc;
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
	imp->first_person = 0;
	return lt_vocab_init(ctx->problem);
}

lt_err lt_svc_case_import_line(struct lt_ctx *ctx, struct lt_import *imp, const json_t *doc)
{
	struct case_doc d;
	lt_err rc = lt_case_doc_validate(ctx, doc, &d);
	if (rc)
		return rc;
	/* Read inside the import's transaction, on its first line: every person
	 * the import makes has this id or a larger one (store_case). */
	if (!imp->first_person) {
		int64_t max;
		if ((rc = lt_store_person_max_id(ctx->store, &max)))
			return rc;
		imp->first_person = max + 1;
	}
	struct case_origin o = {0, 0, NULL};
	struct lt_case_row old;
	bool earlier_line = false;
	if (d.ref) {
		int64_t existing;
		rc = lt_store_case_by_ref(ctx->store, d.ref, &existing);
		if (rc == LT_OK && !imp->upsert)
			return lt_problem_field(ctx->problem, "ref",
						"'%.60s' is already present (--upsert replaces it)", d.ref);
		if (rc == LT_OK) {
			const char *later = NULL;
			int64_t cases = 0;
			if ((rc = lt_store_case_later_records(ctx->store, existing, &later)) ||
			    (rc = lt_store_case_get(ctx->store, existing, &old)) ||
			    (rc = lt_store_person_case_count(ctx->store, old.person_id, &cases)))
				return rc;
			if (later)
				return lt_problem_field(ctx->problem, "ref",
							"'%.60s' has %s recorded in Lantern, which a "
							"re-import would erase; it cannot be replaced",
							d.ref, later);
			/* The line brings a person of its own; the person's other
			 * cases (a second referral, POST with person_id) would lose
			 * them. */
			if (cases > 1)
				return lt_problem_field(ctx->problem, "ref",
							"'%.60s' is one of %lld cases of the same person "
							"in Lantern, which a re-import would split apart; "
							"it cannot be replaced",
							d.ref, (long long)cases);
			earlier_line = old.person_id >= imp->first_person;
			o.replaces = &old;
		} else if (rc != LT_ERR_NOT_FOUND) {
			return rc;
		}
	}
	int64_t id;
	if ((rc = store_case(ctx, imp->org_id, &d, &o, &id)))
		return rc;
	/* Count what the import leaves behind: a line that replaces what an
	 * earlier line of the same import stored leaves one case, not two. */
	if (!earlier_line) {
		imp->stored++;
		if (o.replaces)
			imp->replaced++;
	}
	return LT_OK;
}
