#include "service/persons.h"
#include "base/json.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "service/audit.h"
#include "service/policy.h"
#include <sodium.h>

static const struct lt_json_field person_fields[] = {
	{"given_name", LT_JSON_STRING, false, 200},
	{"family_name", LT_JSON_STRING, false, 200},
	{"sex", LT_JSON_STRING, true, 16},
	{"birth_year", LT_JSON_INTEGER, false, 0},
};

static json_t *person_public(int64_t id, int64_t org_id, const char *sex, int64_t birth_year)
{
	return json_pack("{s:I, s:I, s:s, s:o}", "id", (json_int_t)id, "organisation_id",
			 (json_int_t)org_id, "sex", sex, "birth_year",
			 birth_year ? json_integer(birth_year) : json_null());
}

/* Seals NAME (if any) into OUT and computes its index. */
static lt_err seal_name(struct lt_ctx *ctx, int64_t id, const char *column, const char *name,
			struct lt_buf *out)
{
	if (!name || !*name)
		return LT_OK;
	return lt_seal(ctx->keys, "persons", column, id, name, strlen(name), out);
}

static lt_err full_name_index(struct lt_ctx *ctx, const char *given, const char *family,
			      unsigned char out[32])
{
	struct lt_buf full;
	lt_buf_init(&full, 1024);
	lt_err rc = lt_buf_addf(&full, "%s %s", given ? given : "", family ? family : "");
	if (!rc)
		rc = lt_blind_index(ctx->keys, "person.name", full.data, out);
	sodium_memzero(full.data, full.len);
	lt_buf_release(&full);
	return rc;
}

lt_err lt_svc_person_create(struct lt_ctx *ctx, const json_t *body, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_PERSON_CREATE, 0);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, person_fields, LT_ARRAY_LEN(person_fields), NULL, ctx->problem)))
		return rc;
	const char *given = lt_json_str(body, "given_name");
	const char *family = lt_json_str(body, "family_name");
	const char *sex = lt_json_str(body, "sex");
	json_int_t birth_year = json_integer_value(json_object_get(body, "birth_year"));
	if (!lt_sex_valid(sex))
		lt_problem_field(ctx->problem, "sex", "must be one of: female, male, other, unknown");
	int64_t this_year = lt_latest_year();
	if (json_object_get(body, "birth_year") && !json_is_null(json_object_get(body, "birth_year")) &&
	    (birth_year < 1900 || birth_year > this_year))
		lt_problem_field(ctx->problem, "birth_year", "must be between 1900 and %lld",
				 (long long)this_year);
	unsigned char name_idx[32], family_idx[32];
	bool has_name = (given && *given) || (family && *family);
	if (has_name && full_name_index(ctx, given, family, name_idx))
		lt_problem_field(ctx->problem, given ? "given_name" : "family_name",
				 "must be valid UTF-8 text");
	if (family && *family && lt_blind_index(ctx->keys, "person.family_name", family, family_idx))
		lt_problem_field(ctx->problem, "family_name", "must be valid UTF-8 text");
	if (ctx->problem->nfields)
		return LT_ERR_INVALID;

	struct lt_buf sealed_given, sealed_family;
	lt_buf_init(&sealed_given, 4096);
	lt_buf_init(&sealed_family, 4096);
	int64_t id = 0;
	if ((rc = lt_store_begin(ctx->store)))
		goto done;
	rc = lt_store_person_insert(ctx->store, ctx->actor.org.id, sex, birth_year,
				    ctx->actor.user_id, lt_now(), &id);
	if (!rc)
		rc = seal_name(ctx, id, "given_name", given, &sealed_given);
	if (!rc)
		rc = seal_name(ctx, id, "family_name", family, &sealed_family);
	if (!rc && has_name)
		rc = lt_store_person_set_identity(ctx->store, id, &sealed_given, &sealed_family,
						  name_idx,
						  family && *family ? family_idx : NULL);
	if (!rc)
		rc = lt_audit_append(ctx, "person.create", "person", id, "ok", NULL);
	if ((rc = lt_ctx_finish(ctx, rc)))
		goto done;
	*out = person_public(id, ctx->actor.org.id, sex, birth_year);
	if (!*out)
		rc = LT_ERR_NOMEM;
done:
	lt_buf_release(&sealed_given);
	lt_buf_release(&sealed_family);
	return rc;
}

static lt_err open_field(struct lt_ctx *ctx, int64_t id, const char *column,
			 const unsigned char *sealed, size_t len, json_t *obj)
{
	if (!sealed) {
		json_object_set_new(obj, column, json_null());
		return LT_OK;
	}
	struct lt_buf plain;
	lt_buf_init(&plain, 4096);
	lt_err rc = lt_unseal(ctx->keys, "persons", column, id, sealed, len, &plain);
	if (!rc)
		json_object_set_new(obj, column, json_stringn(plain.data, plain.len));
	if (plain.data)
		sodium_memzero(plain.data, plain.len);
	lt_buf_release(&plain);
	return rc;
}

lt_err lt_svc_person_get(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_PERSON_READ, 0);
	if (rc)
		return rc;
	struct lt_person_row row;
	rc = lt_store_person_get(ctx->store, id, ctx->arena, &row);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	if ((rc = lt_authorize(ctx, LT_ACT_PERSON_READ, row.org_id))) {
		/* A look outside one's scope is worth an audit row of its own. */
		lt_audit_record(ctx, "person.read", "person", id, "denied", NULL);
		return rc;
	}
	json_t *o = person_public(row.id, row.org_id, row.sex, row.birth_year);
	if (!o)
		return LT_ERR_NOMEM;
	rc = open_field(ctx, id, "given_name", row.given_name, row.given_name_len, o);
	if (!rc)
		rc = open_field(ctx, id, "family_name", row.family_name, row.family_name_len, o);
	if (rc == LT_ERR_CRYPTO)
		lt_problem_set(ctx->problem, LT_ERR_CRYPTO,
			       "A sealed field of this record does not open with this master key.");
	if (!rc)
		rc = lt_audit_record(ctx, "person.read", "person", id, "ok", NULL);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return LT_OK;
}

static lt_err collect_person(void *vctx, const struct lt_person_row *row)
{
	json_t *o = person_public(row->id, row->org_id, row->sex, row->birth_year);
	return o && !json_array_append_new(vctx, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_person_search(struct lt_ctx *ctx, const char *name, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_PERSON_SEARCH, 0);
	if (rc)
		return rc;
	if (!name || !*name || strlen(name) > 400)
		return lt_problem_field(ctx->problem, "name", "must be 1 to 400 bytes");
	unsigned char idx[32];
	if (lt_blind_index(ctx->keys, "person.name", name, idx))
		return lt_problem_field(ctx->problem, "name", "must be valid UTF-8 text");
	int64_t org = lt_policy_org_filter(&ctx->actor, LT_ACT_PERSON_SEARCH);
	json_t *items = json_array();
	if (!items)
		return LT_ERR_NOMEM;
	rc = lt_store_person_find(ctx->store, idx, false, org, collect_person, items);
	if (!rc && json_array_size(items) == 0) {
		if (lt_blind_index(ctx->keys, "person.family_name", name, idx) == LT_OK)
			rc = lt_store_person_find(ctx->store, idx, true, org, collect_person, items);
	}
	char detail[32];
	snprintf(detail, sizeof(detail), "matches=%zu", json_array_size(items));
	if (!rc)
		rc = lt_audit_record(ctx, "person.search", "person", 0, "ok", detail);
	if (rc) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o}", "items", items);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
