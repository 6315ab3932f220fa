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
	lt_err rc = lt_case_doc_validate(ctx, doc, &d);
	return rc ? rc : store_case(ctx, org_id, &d, group_id, case_id);
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

lt_err lt_svc_case_create(struct lt_ctx *ctx, const json_t *doc, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_CREATE, 0);
	if (rc)
		return rc;
	if (ctx->actor.kind != LT_ACTOR_USER)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      "A case belongs to an organisation; use `lantern import --org`.");
	struct case_doc d;
	if ((rc = lt_case_doc_validate(ctx, doc, &d)))
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
	return lt_case_json_row(ctx, &c, true, out);
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
	return lt_vocab_init(ctx->problem);
}

lt_err lt_svc_case_import_line(struct lt_ctx *ctx, struct lt_import *imp, const json_t *doc)
{
	struct case_doc d;
	lt_err rc = lt_case_doc_validate(ctx, doc, &d);
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
