/* The audit log as a service: appending a chained row inside the caller's
 * transaction, listing for auditors, and verifying the whole chain.
 * Audit rows carry ids and codes only, never an identity.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_AUDIT_H
#define LT_SERVICE_AUDIT_H
#include "service/context.h"
#include <jansson.h>

/** Appends a row for CTX's actor. Must run inside a store transaction (the
 *  chain needs the last row to stay the last). OBJECT_TYPE may be NULL and
 *  OBJECT_ID 0; DETAIL is a short code or count, never personal data. */
lt_err lt_audit_append(struct lt_ctx *ctx, const char *action, const char *object_type,
		       int64_t object_id, const char *outcome, const char *detail);
/** Appends a row in a transaction of its own (for reads and refusals). */
lt_err lt_audit_record(struct lt_ctx *ctx, const char *action, const char *object_type,
		       int64_t object_id, const char *outcome, const char *detail);
/** Lists rows matching F for an auditor: {"items": [...], "next_after_id": N|null}. */
lt_err lt_svc_audit_list(struct lt_ctx *ctx, const struct lt_audit_filter *f, json_t **out);

/** The result of a verification. */
struct lt_audit_verdict {
	bool intact;
	int64_t rows;
	int64_t first_bad_id; /* the first row that fails, or the last good id + 1 */
	char reason[160];
};
/** Recomputes the whole chain and the head MAC. */
lt_err lt_svc_audit_verify(struct lt_ctx *ctx, struct lt_audit_verdict *v);

#endif
