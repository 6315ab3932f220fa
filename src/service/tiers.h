/* The TIP tier history a deployment works from (docs/tiers.md): the history
 * shipped in the binary (data/tiers/history.csv) plus the report years an
 * administrator added since ("tier.add", kept in the database), so that a new
 * report needs no rebuild. The Watch List clock and `lantern tier next
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

/** Adds one report year for one country, for admins (LT_ACT_TIERS_ADMIN).
 *  BODY: {"country": ISO3, "year": Y, "tier": Lantern tier id, "source":
 *  where it was published}. Refuses a country with no history (400), a year
 *  the history already holds (409), a year other than the one after the
 *  country's last (400: the history stays without gaps). Audited
 *  ("tier.add"). *OUT is the added row, as in lt_svc_tier_list(). */
lt_err lt_svc_tier_add(struct lt_ctx *ctx, const json_t *body, json_t **out);
/** The added placements, for readers of the assessment (LT_ACT_ASSESSMENT_READ):
 *  {"items": [{"country", "year", "tier", "source", "added_at", "added_by"}]}
 *  in order of country and year. Audited ("tier.list"). */
lt_err lt_svc_tier_list(struct lt_ctx *ctx, json_t **out);
/** Fills the empty history H with the shipped history plus every added
 *  placement (LT_ACT_ASSESSMENT_READ). Not audited: callers audit what
 *  they make of it. */
lt_err lt_svc_tier_history(struct lt_ctx *ctx, struct lt_tier_history *h);

#endif
