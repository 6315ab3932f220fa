/* Assistance on a case: the recovery and reflection period (CoE 13) and the
 * services given (CoE 12), each write authorised through policy.h, audited
 * in its own transaction and added to the case's timeline. Cooperation with
 * the authorities is never read here: nothing depends on it.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_ASSISTANCE_H
#define LT_SERVICE_ASSISTANCE_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** Records a decision on a reflection period for case ID (deciding
 *  organisation: LT_ACT_CASE_DECIDE). BODY {status: granted|refused,
 *  start_date (granted), planned_end_date?, date? (of the decision;
 *  required when refused, defaults to start_date), grounds (refused),
 *  note?}. LT_ERR_CONFLICT while another period is open. OUT gets the case. */
lt_err lt_svc_reflection_record(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Ends the open period PERIOD_ID of case ID: BODY {actual_end_date,
 *  grounds (required when it ends before the minimum), note?}.
 *  LT_ERR_CONFLICT when the period is refused or already ended. */
lt_err lt_svc_reflection_end(struct lt_ctx *ctx, int64_t id, int64_t period_id, const json_t *body,
			     json_t **out);
/** Records a service on case ID (LT_ACT_CASE_ASSIST, so a receiver of a
 *  referral may record the service it gives): BODY {type, provider_organisation_id?,
 *  status, start_date?, end_date?, consent?: {date, language}, stop_reason?,
 *  note?}. Never refused because of the person's cooperation. */
lt_err lt_svc_service_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Changes service SERVICE_ID of case ID: BODY {status?, start_date?,
 *  end_date?, stop_reason?, consent?, note?} under the same rules, and an
 *  illegal status move is LT_ERR_CONFLICT. */
lt_err lt_svc_service_update(struct lt_ctx *ctx, int64_t id, int64_t service_id,
			     const json_t *body, json_t **out);

/** The "reflection_periods" array of case C for the case document; notes
 *  only when FREE_TEXT. */
lt_err lt_reflection_periods_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
				  json_t **out);
/** The "services" array of case C for the case document. */
lt_err lt_services_json(struct lt_ctx *ctx, const struct lt_case_row *c, json_t **out);

/** The answer to a write on case ID: the case as its GET shows it to the
 *  actor (free text only for those who may read it). LT_ERR_NOT_FOUND, with
 *  the problem cleared, when the actor no longer sees the case. */
lt_err lt_assist_case_answer(struct lt_ctx *ctx, int64_t id, json_t **out);
/** Seals TEXT (may be NULL or empty: nothing is done) for TABLE.COLUMN of
 *  row ID and stores it with SETTER. */
lt_err lt_assist_seal(struct lt_ctx *ctx, const char *table, const char *column, int64_t id,
		      const char *text,
		      lt_err (*setter)(struct lt_store *, int64_t, const struct lt_buf *));
/** Opens a sealed value for the case document; JSON null when absent or
 *  when it fails to open. */
json_t *lt_assist_open(struct lt_ctx *ctx, const char *table, const char *column, int64_t id,
		       const unsigned char *sealed, size_t len);
#endif
