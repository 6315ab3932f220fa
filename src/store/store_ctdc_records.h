/* Store functions for CTDC-format microdata imported for aggregate-only use
 * (docs/open-data.md, "CTDC import"); included by store.h. Batches of rows
 * are written by the import and counted, grouped by their codes, for the
 * annual figures; no function here hands out a single row.
 * Ownership: a cell's strings live until the callback returns. */
#ifndef LT_STORE_STORE_CTDC_RECORDS_H
#define LT_STORE_STORE_CTDC_RECORDS_H
#include "domain/ctdc_row.h"

/** Finds the batch of SOURCE and YEAR: its id and row count;
 *  LT_ERR_NOT_FOUND when there is none. */
lt_err lt_store_ctdc_batch_find(struct lt_store *s, const char *source, int64_t year, int64_t *id,
				int64_t *rows);
/** Deletes batch ID and its rows (inside the caller's transaction). */
lt_err lt_store_ctdc_batch_delete(struct lt_store *s, int64_t id);
/** Creates an empty batch of SOURCE and YEAR imported at NOW; *ID gets its
 *  id (never one used before). LT_ERR_CONFLICT when the pair exists. */
lt_err lt_store_ctdc_batch_insert(struct lt_store *s, const char *source, int64_t year, int64_t now,
				  int64_t *id);
/** Sets the row count of batch ID. */
lt_err lt_store_ctdc_batch_set_rows(struct lt_store *s, int64_t id, int64_t rows);

/** One row to store: the codes the figures read, and all 63 values. */
struct lt_ctdc_record_row {
	int64_t batch_id;
	const char *source;
	int64_t year;              /* the year the row counts in */
	int64_t imported_at;
	int64_t registration_year; /* 0 when unknown */
	struct lt_ctdc_codes codes;
	const char *all;           /* the 63 values as one CSV record */
};
/** Inserts one row (inside the caller's transaction). */
lt_err lt_store_ctdc_record_insert(struct lt_store *s, const struct lt_ctdc_record_row *r);

/** N rows of YEAR sharing the codes C. */
struct lt_ctdc_cell {
	struct lt_ctdc_codes c;
	int64_t n;
};
/** Calls CB with the rows of YEAR grouped by the codes the figures read
 *  (every source). Run it inside a read transaction. */
lt_err lt_store_ctdc_cells(struct lt_store *s, int64_t year,
			   lt_err (*cb)(void *ctx, const struct lt_ctdc_cell *cell), void *ctx);
/** Calls CB with each source that has a batch for YEAR and its row count,
 *  in source order. */
lt_err lt_store_ctdc_sources(struct lt_store *s, int64_t year,
			     lt_err (*cb)(void *ctx, const char *source, int64_t rows), void *ctx);

#endif
