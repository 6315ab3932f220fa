/* The country assessment (docs/assessment.md): the scorecard of the
 * deployment's own country for a reporting or calendar year against the one
 * before, and the Watch List clock from the tier history (shipped plus the
 * years an admin added). For
 * analysts, coordinators and admins (and the command line); every read is
 * audited ("assessment.scorecard", "assessment.clock").
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_ASSESSMENT_H
#define LT_SERVICE_ASSESSMENT_H
#include "domain/assessment.h"
#include "service/context.h"
#include <jansson.h>

/** The scorecard of YEAR for periods of kind KIND: {"country", "iso3",
 *  "year", "period", "current": {start, end}, "previous": {start, end},
 *  "figures": {...}}. LT_ERR_INVALID (field "year") for a year outside
 *  LT_ASSESSMENT_YEAR_MIN..LT_ASSESSMENT_YEAR_MAX. */
lt_err lt_svc_assessment_scorecard(struct lt_ctx *ctx, int64_t year, enum lt_period_kind kind,
				   json_t **out);
/** The Watch List clock of the own country for the report after the last
 *  one in the shipped history: {"country", "iso3", "report_year",
 *  "last_placement", "watch_list_years_in_a_row", ..., "sentence"}. */
lt_err lt_svc_assessment_clock(struct lt_ctx *ctx, json_t **out);

#endif
