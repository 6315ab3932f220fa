/* CTDC-format microdata for aggregate-only use (docs/open-data.md, "CTDC
 * import"): the operator's import of a CTDC CSV file into rows of their
 * own (never cases, never linked to a person), and the subset of the
 * annual figures those rows can give (docs/statistics.md, "CTDC
 * microdata"), counts only.
 * Ownership: the caller owns the text and the report; JSON results are new
 * references for the caller. */
#ifndef LT_SERVICE_CTDC_IMPORT_H
#define LT_SERVICE_CTDC_IMPORT_H
#include "service/context.h"
#include <jansson.h>

/** The longest source name. */
#define LT_CTDC_SOURCE_MAX 64
/** The most distinct years one file may hold. */
#define LT_CTDC_IMPORT_MAX_YEARS 64

/** What an import did (or, on failure, where it stopped). */
struct lt_ctdc_import_report {
	int64_t rows;     /* rows stored */
	size_t line;      /* the line at fault; 0 when the fault is not a line's */
	size_t nunknown;  /* columns that are not CTDC variables, ignored */
	char unknown[512]; /* their names, ", "-joined */
	size_t nyears;
	struct {
		int64_t year, batch_id, rows;
		bool replaced;         /* an earlier batch of this source and year was replaced */
		int64_t replaced_rows; /* how many rows it had */
	} years[LT_CTDC_IMPORT_MAX_YEARS];
};

/** Stores the CTDC rows of the LEN bytes of CSV TEXT as batches of SOURCE
 *  (1..LT_CTDC_SOURCE_MAX letters, digits, '.', '_' or '-'), one per year:
 *  each row counts in YEAR when it is not 0 (the file is that year's
 *  release), else in its yearOfRegistration. A batch of the same source
 *  and year imported before is replaced. All rows or none, in one
 *  transaction audited "import.ctdc" (counts only). The operator at the
 *  command line only (LT_ERR_FORBIDDEN otherwise). A bad row is
 *  LT_ERR_INVALID naming its column in the context's problem, with
 *  REP->line set. */
lt_err lt_svc_ctdc_import(struct lt_ctx *ctx, const char *source, int64_t year, const char *text,
			  size_t len, struct lt_ctdc_import_report *rep);

/** The figures of YEAR that CTDC rows can give: {"year", "source": "ctdc",
 *  "identified", "identified_by_exploitation", "identified_by_sex_age",
 *  "identified_children", "identified_foreign",
 *  "identified_citizenship_unknown", "identified_by_citizenship",
 *  "identified_country_of_exploitation_unknown",
 *  "identified_by_country_of_exploitation", "nationals_exploited_abroad",
 *  "rows_by_source"}. Analysts, coordinators, administrators and the
 *  operator (LT_ACT_STATS_READ); audited "stats.annual" with
 *  "year=Y source=ctdc". LT_ERR_INVALID (field "year") for a year out of
 *  range. */
lt_err lt_svc_ctdc_annual(struct lt_ctx *ctx, int64_t year, json_t **out);

#endif
