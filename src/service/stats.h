/* The annual figures (docs/statistics.md): counted by the store, grouped by
 * the pure helpers of domain/stats.h, assembled here as JSON or CSV. Only
 * analysts, coordinators and admins (and the command line) may read them;
 * every read is audited ("stats.annual", detail "year=Y").
 * Ownership: JSON results are new references for the caller; CSV text is
 * appended to the caller's buffer. */
#ifndef LT_SERVICE_STATS_H
#define LT_SERVICE_STATS_H
#include "service/context.h"
#include <jansson.h>

/** The years the figures may be asked for. */
#define LT_STATS_YEAR_MIN 1900
#define LT_STATS_YEAR_MAX 2999

/** The annual figures of YEAR: {"year", "referred", "referred_by_source",
 *  "identified", ...}. LT_ERR_INVALID (field "year") for a year outside
 *  LT_STATS_YEAR_MIN..LT_STATS_YEAR_MAX. */
lt_err lt_svc_stats_annual(struct lt_ctx *ctx, int64_t year, json_t **out);
/** Appends ANNUAL (an answer of lt_svc_stats_annual) to OUT as CSV: the
 *  header "figure,key,value", then one row per number in the JSON order;
 *  a top-level number has an empty key, a nested object's figure is its
 *  path joined with '.', and null is an empty value. */
lt_err lt_stats_annual_csv(const json_t *annual, struct lt_buf *out);

#endif
