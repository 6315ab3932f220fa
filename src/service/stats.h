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

/** The longest trend, in years. */
#define LT_STATS_TREND_MAX_YEARS 30
/** The main figures of every year from FROM to TO (both included):
 *  {"from", "to", "years": [{"year", "referred", "identified", ...}]}.
 *  LT_ERR_INVALID naming "from" or "to" for a year out of range, TO before
 *  FROM or more than LT_STATS_TREND_MAX_YEARS years. Audited "stats.trend". */
lt_err lt_svc_stats_trend(struct lt_ctx *ctx, int64_t from, int64_t to, json_t **out);
/** Appends TREND (an answer of lt_svc_stats_trend) to OUT as CSV: the
 *  header "year,figure,key,value", then each year's rows as in
 *  lt_stats_annual_csv. */
lt_err lt_stats_trend_csv(const json_t *trend, struct lt_buf *out);

/** What report to make. */
struct lt_stats_report_ask {
	int64_t year;      /* the annual report of this year, when FROM and TO are 0 */
	int64_t from, to;  /* the trend report over these years */
	const char *lang;  /* "en", "sr" or "sr-Cyrl" */
	bool published;    /* small-cell suppression */
	int64_t threshold; /* 1..LT_REPORT_THRESHOLD_MAX (domain/report.h) */
};
/** Appends the HTML report ASK names to HTML (docs/statistics.md,
 *  "Reports"). LT_ERR_INVALID naming "year", "from", "to", "lang" or
 *  "suppress". Audited "stats.report" with the year(s), language and
 *  whether published. */
lt_err lt_svc_stats_report(struct lt_ctx *ctx, const struct lt_stats_report_ask *ask,
			   struct lt_buf *html);

/** The TIP criteria's law-enforcement figures of a period. */
struct lt_stats_law {
	int64_t investigations; /* proceedings opened in the period */
	int64_t prosecutions;   /* indictments dated in the period */
	int64_t convictions;    /* convictions dated in the period */
	int64_t incarceration;  /* of them, a prison term not suspended */
	int64_t penalised;      /* victims whose proceedings ended in a penalty in the period */
};
/** Counts OUT for the days START..END ("YYYY-MM-DD") as docs/statistics.md
 *  defines them, for a caller that has already authorised the read and
 *  holds a read transaction (the country assessment). */
lt_err lt_stats_law_enforcement(struct lt_ctx *ctx, const char *start, const char *end,
				struct lt_stats_law *out);

#endif
