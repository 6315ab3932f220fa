/* Open data and exchange (docs/open-data.md): the k-anonymous CTDC export,
 * the HTCDS 2.0 CSV export, and the mapping of an HTCDS CSV record to the
 * case document for `lantern import --format htcds`. Every export is
 * authorised through policy.h and audited before a byte is written.
 * Ownership: rows are handed to the caller's writer and not kept; a
 * document from lt_htcds_record_doc() is a new reference for the caller. */
#ifndef LT_SERVICE_EXPORT_H
#define LT_SERVICE_EXPORT_H
#include "base/csv.h"
#include "domain/anonymise.h"
#include "service/context.h"
#include <jansson.h>

/** Where export text goes (a file, a buffer); non-OK stops the export. */
typedef lt_err (*lt_export_write_fn)(void *ctx, const char *data, size_t len);

/** What the CTDC export did, for the operator (stderr). */
struct lt_export_report {
	int64_t records;          /* identified victims read */
	int64_t published;        /* rows written */
	int64_t suppressed;       /* records left out */
	int64_t suppressed_alone; /* what suppression without generalisation would leave out */
	int64_t generalised;      /* published rows with a generalised value */
	size_t nsteps;
	struct {
		char dim[48], level[96];
		int64_t generalised, suppressed;
	} steps[LT_ANON_MAX_STEPS];
};

#define LT_EXPORT_K_MIN 1
#define LT_EXPORT_K_MAX 1000

/** Writes the CTDC rows (header first) of the persons identified in YEAR
 *  (any year when 0) such that every combination of values appears at
 *  least K times. Analysts, coordinators, administrators and the operator
 *  (LT_ACT_STATS_READ). */
lt_err lt_svc_export_ctdc(struct lt_ctx *ctx, int64_t year, int64_t k, lt_export_write_fn w,
			  void *wctx, struct lt_export_report *rep);

/** Writes every case as an HTCDS 2.0 CSV record (header first); names and
 *  birth dates only WITH_IDENTITY (LT_ACT_CASE_IDENTITY, audited as such).
 *  Bulk exchange needs LT_ACT_CASE_IMPORT. ROWS gets the count. */
lt_err lt_svc_export_htcds(struct lt_ctx *ctx, bool with_identity, lt_export_write_fn w,
			   void *wctx, int64_t *rows);

/** The columns of an HTCDS file, found from its header record HEADER:
 *  index of each known column, or -1. Unknown columns are listed in
 *  IGNORED (comma-separated) for the operator. */
struct lt_htcds_columns {
	int index[24];
	char ignored[512];
};
/** Reads the header record; LT_ERR_INVALID (in P) when a column appears twice. */
lt_err lt_htcds_columns_read(const struct lt_csv_row *header, struct lt_htcds_columns *cols,
			     struct lt_problem *p);
/** The case document of one HTCDS record; HTCDS values that Lantern cannot
 *  take are named in P by column. */
lt_err lt_htcds_record_doc(const struct lt_htcds_columns *cols, const struct lt_csv_row *row,
			   json_t **doc, struct lt_problem *p);
/** Renames the fields of P from case-document paths to HTCDS columns. */
void lt_htcds_problem_columns(struct lt_problem *p);

#endif
