#include "service/audit.h"
#include "base/buf.h"
#include "base/timeutil.h"
#include "crypto/audit_chain.h"
#include "service/policy.h"
#include <sodium.h>

/* Length-prefixed fields, so no choice of values can shift one field's
 * bytes into the next and keep the same hash. */
static lt_err canonical(const struct lt_audit_row *r, struct lt_buf *out)
{
	const char *fields[] = {r->actor_kind, r->action, r->object_type, r->outcome, r->detail};
	lt_err rc = lt_buf_addf(out, "v1|%lld|%lld|%lld|%lld|", (long long)r->id, (long long)r->at,
				(long long)r->actor_user_id, (long long)r->object_id);
	for (size_t i = 0; i < LT_ARRAY_LEN(fields) && !rc; i++)
		rc = lt_buf_addf(out, "%zu:%s|", strlen(fields[i]), fields[i]);
	return rc;
}

static void head_mac(const struct lt_keys *k, int64_t id, const unsigned char hash[32],
		     unsigned char mac[32])
{
	char text[32];
	snprintf(text, sizeof(text), "head|%lld", (long long)id);
	lt_audit_chain_hash(k, hash, text, strlen(text), mac);
}

static lt_err row_hash(const struct lt_keys *k, const struct lt_audit_row *r, unsigned char out[32])
{
	struct lt_buf b;
	lt_buf_init(&b, 4096);
	lt_err rc = canonical(r, &b);
	if (!rc)
		lt_audit_chain_hash(k, r->prev_hash, b.data, b.len, out);
	lt_buf_release(&b);
	return rc;
}

lt_err lt_audit_append(struct lt_ctx *ctx, const char *action, const char *object_type,
		       int64_t object_id, const char *outcome, const char *detail)
{
	struct lt_audit_row row;
	memset(&row, 0, sizeof(row));
	int64_t last_id;
	lt_err rc = lt_store_audit_last(ctx->store, &last_id, row.prev_hash);
	if (rc)
		return rc;
	row.id = last_id + 1;
	row.at = lt_now();
	const char *kind = ctx->actor.kind == LT_ACTOR_CLI    ? "cli"
			   : ctx->actor.kind == LT_ACTOR_USER ? "user"
							      : "system";
	snprintf(row.actor_kind, sizeof(row.actor_kind), "%s", kind);
	row.actor_user_id = ctx->actor.user_id;
	snprintf(row.action, sizeof(row.action), "%s", action);
	snprintf(row.object_type, sizeof(row.object_type), "%s", object_type ? object_type : "");
	row.object_id = object_id;
	snprintf(row.outcome, sizeof(row.outcome), "%s", outcome);
	snprintf(row.detail, sizeof(row.detail), "%s", detail ? detail : "");
	if ((rc = row_hash(ctx->keys, &row, row.hash)))
		return rc;
	if ((rc = lt_store_audit_insert(ctx->store, &row)))
		return rc;
	unsigned char mac[32];
	head_mac(ctx->keys, row.id, row.hash, mac);
	return lt_store_audit_head_set(ctx->store, mac);
}

lt_err lt_audit_record(struct lt_ctx *ctx, const char *action, const char *object_type,
		       int64_t object_id, const char *outcome, const char *detail)
{
	lt_err rc = lt_store_begin(ctx->store);
	if (rc)
		return rc;
	rc = lt_audit_append(ctx, action, object_type, object_id, outcome, detail);
	if (!rc)
		rc = lt_store_commit(ctx->store);
	if (rc)
		lt_store_rollback(ctx->store);
	return rc;
}

struct list_acc {
	json_t *items;
	int64_t last_id;
	int count;
};

static lt_err list_row(void *vctx, const struct lt_audit_row *r)
{
	struct list_acc *acc = vctx;
	char at[32];
	lt_time_iso(r->at, at, sizeof(at));
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)r->id, "at", at,
			      "actor_kind", r->actor_kind, "action", r->action, "outcome", r->outcome);
	if (!o)
		return LT_ERR_NOMEM;
	json_object_set_new(o, "actor_user_id",
			    r->actor_user_id ? json_integer(r->actor_user_id) : json_null());
	json_object_set_new(o, "object_type",
			    r->object_type[0] ? json_string(r->object_type) : json_null());
	json_object_set_new(o, "object_id", r->object_id ? json_integer(r->object_id) : json_null());
	json_object_set_new(o, "detail", r->detail[0] ? json_string(r->detail) : json_null());
	json_array_append_new(acc->items, o);
	acc->last_id = r->id;
	acc->count++;
	return LT_OK;
}

lt_err lt_svc_audit_list(struct lt_ctx *ctx, const struct lt_audit_filter *f, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_AUDIT_READ, 0);
	if (rc)
		return rc;
	struct lt_audit_filter page = *f;
	if (page.limit <= 0 || page.limit > 500)
		page.limit = 100;
	struct list_acc acc = {json_array(), 0, 0};
	if (!acc.items)
		return LT_ERR_NOMEM;
	page.limit += 1; /* one more than asked tells whether a next page exists */
	rc = lt_store_audit_list(ctx->store, &page, list_row, &acc);
	if (rc) {
		json_decref(acc.items);
		return rc;
	}
	json_t *next = json_null();
	if (acc.count == page.limit) {
		json_array_remove(acc.items, json_array_size(acc.items) - 1);
		json_t *last = json_array_get(acc.items, json_array_size(acc.items) - 1);
		next = json_incref(json_object_get(last, "id"));
	}
	*out = json_pack("{s:o, s:o}", "items", acc.items, "next_after_id", next);
	/* Reading the log is itself an audited act. */
	rc = lt_audit_record(ctx, "audit.read", NULL, 0, "ok", NULL);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

struct verify_acc {
	const struct lt_keys *keys;
	struct lt_audit_verdict *v;
	int64_t prev_id;
	unsigned char prev_hash[32];
};

static lt_err verify_row(void *vctx, const struct lt_audit_row *r)
{
	struct verify_acc *acc = vctx;
	struct lt_audit_verdict *v = acc->v;
	unsigned char h[32];
	v->rows++;
	if (r->id != acc->prev_id + 1) {
		v->first_bad_id = acc->prev_id + 1;
		snprintf(v->reason, sizeof(v->reason), "row %lld is missing (next row is %lld)",
			 (long long)(acc->prev_id + 1), (long long)r->id);
		return LT_ERR_CONFLICT;
	}
	if (sodium_memcmp(r->prev_hash, acc->prev_hash, 32) != 0) {
		v->first_bad_id = r->id;
		snprintf(v->reason, sizeof(v->reason),
			 "row %lld does not follow the row before it (removed or reordered rows)",
			 (long long)r->id);
		return LT_ERR_CONFLICT;
	}
	lt_err rc = row_hash(acc->keys, r, h);
	if (rc)
		return rc;
	if (sodium_memcmp(h, r->hash, 32) != 0) {
		v->first_bad_id = r->id;
		snprintf(v->reason, sizeof(v->reason), "row %lld was changed", (long long)r->id);
		return LT_ERR_CONFLICT;
	}
	acc->prev_id = r->id;
	memcpy(acc->prev_hash, r->hash, 32);
	return LT_OK;
}

lt_err lt_svc_audit_verify(struct lt_ctx *ctx, struct lt_audit_verdict *v)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_AUDIT_READ, 0);
	if (rc)
		return rc;
	memset(v, 0, sizeof(*v));
	struct verify_acc acc;
	memset(&acc, 0, sizeof(acc));
	acc.keys = ctx->keys;
	acc.v = v;
	struct lt_audit_filter all = {0};
	rc = lt_store_audit_list(ctx->store, &all, verify_row, &acc);
	if (rc == LT_ERR_CONFLICT)
		return LT_OK; /* the verdict says where */
	if (rc)
		return rc;
	unsigned char stored[32], expected[32];
	rc = lt_store_audit_head_get(ctx->store, stored);
	if (rc == LT_ERR_NOT_FOUND || acc.prev_id == 0) {
		v->first_bad_id = acc.prev_id + 1;
		snprintf(v->reason, sizeof(v->reason),
			 "the log is empty or has lost its head record; a database made by "
			 "`lantern init` always has both");
		return LT_OK;
	}
	if (rc)
		return rc;
	head_mac(ctx->keys, acc.prev_id, acc.prev_hash, expected);
	if (sodium_memcmp(stored, expected, 32) != 0) {
		v->first_bad_id = acc.prev_id + 1;
		snprintf(v->reason, sizeof(v->reason),
			 "the log ends at row %lld, but its head record says otherwise "
			 "(rows removed from the end)",
			 (long long)acc.prev_id);
		return LT_OK;
	}
	v->intact = true;
	return LT_OK;
}
