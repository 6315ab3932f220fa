/* Screening a case with the ILO/EC indicators: proposing the profile from
 * the person's age and the exploitation, storing each screening as history,
 * and evaluating answers without storing them (for a questionnaire that
 * updates as boxes are ticked).
 * Ownership: JSON results are new references for the caller; the indicator
 * table is loaded once and shared read-only. */
#ifndef LT_SERVICE_SCREENINGS_H
#define LT_SERVICE_SCREENINGS_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

struct lt_screening_table;

/** The shipped indicator table, loaded once; NULL (problem set) on failure. */
const struct lt_screening_table *lt_svc_screening_table(struct lt_ctx *ctx);
/** The profiles, dimensions and indicators with their labels and weights. */
lt_err lt_svc_screening_profiles(struct lt_ctx *ctx, json_t **out);
/** Evaluates BODY {profile, indicators} and returns the result; stores nothing. */
lt_err lt_svc_screening_evaluate(struct lt_ctx *ctx, const json_t *body, json_t **out);
/** Stores a screening of case ID: BODY {profile?, indicators, date, note?};
 *  without a profile, the proposed one is used. Answers the case. */
lt_err lt_svc_case_screening_add(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** The screenings of case ID, newest first, with the proposed profile:
 *  {"proposed_profile", "items": [...]}. */
lt_err lt_svc_case_screening_list(struct lt_ctx *ctx, int64_t id, json_t **out);
/** Screens members of group GROUP_ID from CSV text (person = case number,
 *  profile, indicators separated by ';'), all rows or none, dated DATE;
 *  answers the group's outcome table. Bad rows are named ("row N"). */
lt_err lt_svc_group_screening_add(struct lt_ctx *ctx, int64_t group_id, const char *csv,
				  size_t len, const char *date, json_t **out);
/** The mass-case view: each visible member with its latest screening, and
 *  a summary of people per outcome and the most frequent indicators. */
lt_err lt_svc_group_screening_table(struct lt_ctx *ctx, int64_t group_id, json_t **out);
/** The profile the case's person and exploitation suggest. */
const char *lt_screening_propose(struct lt_ctx *ctx, const struct lt_case_row *c);
/** Adds "screening" (the latest, or null) and "proposed_screening_profile"
 *  to the case document OBJ. */
lt_err lt_case_screening_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			      json_t *obj);

#endif
