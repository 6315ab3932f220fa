/* Protection and non-punishment on a case: threats against the victim and
 * the protection given (CoE 28, 30), proceedings against the victim and
 * whether non-punishment was considered (CoE 26, EU 8), removals from the
 * country (CoE 10(2), 13), identity disclosed to those with no need to know
 * (CoE 11), and the child-protection facts: unaccompanied (CoE 10(4)) and
 * age assessments (CoE 10(3)). Threats, protection measures and
 * proceedings against the victim need LT_ACT_JUSTICE_RECORD; the others
 * LT_ACT_CASE_ASSIST. Each write is validated, then done in one audited
 * transaction that adds an event to the case's timeline.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_PROTECTION_H
#define LT_SERVICE_PROTECTION_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** Records a threat against the person of case ID: BODY {date, kind,
 *  source?, proceeding_id? (a criminal proceeding concerning this case),
 *  note?}. OUT gets the threat (without its note). */
lt_err lt_svc_threat_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Records a protection measure on case ID: BODY {date, measure,
 *  threat_id? (a threat of this case, not after DATE), end_date?, note?}. */
lt_err lt_svc_protection_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				json_t **out);
/** Sets (or, with null, clears) the end date of measure MEASURE_ID of case
 *  ID: BODY {end_date}. */
lt_err lt_svc_protection_update(struct lt_ctx *ctx, int64_t id, int64_t measure_id,
				const json_t *body, json_t **out);
/** Records a proceeding against the victim of case ID (see
 *  lt_victim_proceeding_check for the rules): BODY {kind, offence,
 *  offence_date?, during_exploitation?, authority?, outcome, penalty?,
 *  outcome_date?, non_punishment_assessed?, assessment_date?, note?}. */
lt_err lt_svc_victim_proceeding_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				       json_t **out);
/** Changes proceeding VP_ID of case ID: BODY {outcome?, penalty?,
 *  outcome_date?, non_punishment_assessed?, assessment_date?,
 *  during_exploitation?, note?}; null clears an optional member; the
 *  record as changed is checked as a whole. */
lt_err lt_svc_victim_proceeding_update(struct lt_ctx *ctx, int64_t id, int64_t vp_id,
				       const json_t *body, json_t **out);
/** Records a removal of the person of case ID from the country: BODY
 *  {date, kind, authority?, note?}. */
lt_err lt_svc_removal_create(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Records an identity disclosure on case ID: BODY {date, recipient,
 *  channel, note?}. */
lt_err lt_svc_disclosure_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				json_t **out);
/** Sets whether the child of case ID is unaccompanied: BODY
 *  {unaccompanied}. True is refused for a known adult (see
 *  lt_unaccompanied_allowed). OUT gets {case_id, unaccompanied}. */
lt_err lt_svc_unaccompanied_set(struct lt_ctx *ctx, int64_t id, const json_t *body,
				json_t **out);
/** Records an age assessment on case ID: BODY {date, result, method?, note?}. */
lt_err lt_svc_age_assessment_create(struct lt_ctx *ctx, int64_t id, const json_t *body,
				    json_t **out);

/** Adds to OBJ, for case C: "removals", "identity_disclosures",
 *  "unaccompanied" and "age_assessments"; and "threats",
 *  "protection_measures" and "victim_proceedings" only when the actor has
 *  LT_ACT_JUSTICE_READ on the case (checked quietly: a refusal leaves no
 *  problem behind). Notes only when FREE_TEXT. */
lt_err lt_protection_case_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			       json_t *obj);

#endif
