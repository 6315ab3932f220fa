/* Criminal proceedings against the traffickers and the victims' compensation
 * (docs/justice.md): what the justice system did with each case, recorded so
 * that the monitoring can see downgraded charges, plea deals with child
 * victims, lenient sentences, missing specialised prosecutors, protective
 * measures granted but not carried out, and compensation never paid.
 * Reading needs LT_ACT_JUSTICE_READ and recording LT_ACT_JUSTICE_RECORD on a
 * case (both follow a referral); a proceeding is reached through the cases
 * it concerns. Every write is one audited transaction that puts an event on
 * the timeline of every case of the proceeding.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_JUSTICE_H
#define LT_SERVICE_JUSTICE_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** Opens a proceeding concerning case ID: BODY {opened_date, offence_date?,
 *  police_unit?, prosecutor_office?, prosecutor_specialised, court?,
 *  file_number?, victim_role, charge?: {article, paragraph?}}. OUT gets the
 *  proceeding. */
lt_err lt_svc_proceeding_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** The proceedings of case ID: {"items": [proceeding, ...]}. */
lt_err lt_svc_proceeding_list(struct lt_ctx *ctx, int64_t id, json_t **out);
/** Proceeding PID, reached through a case the actor may read (else 404). */
lt_err lt_svc_proceeding_get(struct lt_ctx *ctx, int64_t pid, json_t **out);
/** Changes the particulars of proceeding PID: BODY {offence_date?,
 *  police_unit?, prosecutor_office?, prosecutor_specialised?, court?,
 *  file_number?}; null clears a text or date. */
lt_err lt_svc_proceeding_update(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Adds another victim to proceeding PID: BODY {case_id, victim_role}; the
 *  actor must be able to record on that case too. LT_ERR_CONFLICT when it is
 *  linked already. */
lt_err lt_svc_proceeding_link(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Moves proceeding PID to a stage: BODY {stage, date}. LT_ERR_CONFLICT from
 *  a closed (final, discontinued) proceeding or to the stage it is in. */
lt_err lt_svc_proceeding_stage(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Records the charge as it stands from a date: BODY {date, stage, article,
 *  paragraph?}; a different article from the previous charge is a
 *  requalification, from a trafficking to another class a downgrade. */
lt_err lt_svc_proceeding_charge(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Records (or corrects) a plea agreement: BODY {date}. */
lt_err lt_svc_proceeding_plea(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Records (or corrects) the verdict: BODY {date, outcome, article?,
 *  paragraph?, sentence_months?, suspended?, fine_amount?, fine_currency?,
 *  final?}; the article defaults to the current charge, a final verdict
 *  moves the stage to final. */
lt_err lt_svc_proceeding_verdict(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Records an appeal against the verdict: BODY {filed_date, appellant}.
 *  LT_ERR_CONFLICT without a verdict or after a final one. */
lt_err lt_svc_appeal_create(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Records the decision on appeal AID: BODY {decided_date?, outcome?}. */
lt_err lt_svc_appeal_update(struct lt_ctx *ctx, int64_t pid, int64_t aid, const json_t *body,
			    json_t **out);
/** Records a hearing at which case_id's victim appeared: BODY {date, case_id,
 *  confrontation?, measures?: [{measure, requested, granted, carried_out?}],
 *  note?}. A granted measure needs carried_out once the date is past. */
lt_err lt_svc_hearing_create(struct lt_ctx *ctx, int64_t pid, const json_t *body, json_t **out);
/** Records a compensation claim of case ID: BODY {forum, proceeding_id?,
 *  claimed_date, amount_claimed?, currency?}. OUT gets the claim. */
lt_err lt_svc_claim_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Changes claim CID of case ID: BODY {status?, award_date?, amount_awarded?,
 *  amount_paid?, paid_date?}; a payment needs an award. */
lt_err lt_svc_claim_update(struct lt_ctx *ctx, int64_t id, int64_t cid, const json_t *body,
			   json_t **out);

/** Adds "proceedings" (a summary per proceeding) and "compensation_claims"
 *  to OBJ, the document of case C, when the actor may read the case's
 *  justice records; otherwise adds nothing and leaves no problem set. */
lt_err lt_justice_case_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			    json_t *obj);

#endif
