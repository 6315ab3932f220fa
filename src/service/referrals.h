/* Referrals of a case between organisations: sending (with the person's
 * identity only when they consented to share it), the receiver accepting,
 * rejecting or completing, the sender revoking, and each organisation's
 * inbox and outbox. A receiver sees the case while its referral is sent,
 * accepted or completed (lt_store_case_share). Every act is audited and
 * added to the case's timeline.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_REFERRALS_H
#define LT_SERVICE_REFERRALS_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** Sends case ID from the actor's organisation to another: BODY
 *  {to_organisation_id, purpose (a service code, "identification" or
 *  "other"), share_identity?, date, note?}. share_identity needs the case's
 *  consent to share and an actor who may see the identity. LT_ERR_CONFLICT
 *  when a live referral to that organisation for that purpose exists. OUT
 *  gets the case. */
lt_err lt_svc_referral_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Does ACT ("accept", "reject", "complete" for the receiver or a
 *  coordinator; "revoke" for the sender) on referral REFERRAL_ID: BODY
 *  {date, note?}. An illegal move is LT_ERR_CONFLICT saying why. OUT gets
 *  the case, or {"referral": {...}} when the actor no longer sees the case
 *  (a receiver that rejected it). */
lt_err lt_svc_referral_act(struct lt_ctx *ctx, int64_t referral_id, const char *act,
			   const json_t *body, json_t **out);

/** Which referrals to list. */
struct lt_referral_query {
	const char *direction; /* "incoming", "outgoing", or NULL for both */
	const char *status;    /* NULL for any */
	int page, per_page;
};
/** The actor's organisation's referrals, newest first, with the
 *  pseudonymous face of each case: {"items": [...], "total", "page",
 *  "per_page"}. Audited as a read. */
lt_err lt_svc_referral_list(struct lt_ctx *ctx, const struct lt_referral_query *q, json_t **out);

/** The "referrals" array of case C for the case document, each with its
 *  acts; notes only when FREE_TEXT. */
lt_err lt_referrals_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			 json_t **out);

#endif
