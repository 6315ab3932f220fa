/* The TIP tier history a deployment works from (docs/tiers.md): the history
 * shipped in the binary (data/tiers/history.csv) plus the report years an
 * administrator added since ("tier.add", kept in the database, correctable
 * with "tier.replace" and "tier.remove"; shipped years are read-only), so
 * that a new report needs no rebuild. Every change is judged by the Watch
 * List rules in force in its report year before it is kept. The Watch List clock and `lantern tier next
 * --data` read the merged, "effective" history.
 * Ownership: JSON results are new references for the caller; a history
 * filled by lt_svc_tier_history() is the caller's to release. */
#ifndef LT_SERVICE_TIERS_H
#define LT_SERVICE_TIERS_H
#include "domain/tiers.h"
#include "service/context.h"
#include <jansson.h>

/** The most bytes of an added placement's source. */
#define LT_TIER_SOURCE_MAX 200

/** Adds one report year for one country, or corrects a year added before,
 *  for admins (LT_ACT_TIERS_ADMIN). BODY: {"country": ISO3, "year": Y,
 *  "tier": Lantern tier id, "source": where it was published, optional
 *  "despite_rules": bool, optional "replace": bool}. Refuses a country with
 *  no history (400), a year the history already holds (409; with "replace"
 *  an added year is corrected instead, a shipped one still refused), a year
 *  other than the one after the country's last (400: the history stays
 *  without gaps), and a placement that the rules in force in its report
 *  year forbid, or that would make a later added year unlawful (400 naming
 *  "tier", the rule and the years), unless "despite_rules" confirms that the
 *  published report said so. Audited ("tier.add" or "tier.replace"; detail
 *  adds "was=OLD" for a correction and "despite_rules=N" for N recorded
 *  violations). *OUT is the row, as in lt_svc_tier_list(). */
lt_err lt_svc_tier_add(struct lt_ctx *ctx, const json_t *body, json_t **out);
/** Removes the last year of COUNTRY's history when an administrator added it
 *  (LT_ACT_TIERS_ADMIN): a year added for the wrong country. 400 for a bad
 *  code or a year the history lacks; 409 for a shipped year or one that is
 *  not the last. Audited ("tier.remove"). *OUT: {"country", "year", "tier"}
 *  of the removed row. */
lt_err lt_svc_tier_remove(struct lt_ctx *ctx, const char *country, int64_t year, json_t **out);
/** The added placements, for readers of the assessment (LT_ACT_ASSESSMENT_READ):
 *  {"items": [{"country", "year", "tier", "source", "added_at", "added_by",
 *  "violation"}]} in order of country and year; "violation" is null, or
 *  {"rule", "because"} for a placement recorded despite the rules in force
 *  that year. Audited ("tier.list"). */
lt_err lt_svc_tier_list(struct lt_ctx *ctx, json_t **out);
/** Fills the empty history H with the shipped history plus every added
 *  placement (LT_ACT_ASSESSMENT_READ); *NSHIPPED (when not NULL) is the
 *  number of shipped placements: one on a line after 1 + *NSHIPPED was
 *  added. Not audited: callers audit what they make of it. */
lt_err lt_svc_tier_history(struct lt_ctx *ctx, struct lt_tier_history *h, size_t *nshipped);
/** Fills RULES from the shipped data/tiers/rules.json (LT_ERR_INTERNAL, with
 *  a detail, when it is missing or faulty). */
lt_err lt_svc_tier_rules(struct lt_ctx *ctx, struct lt_tier_rules *rules);

#endif
