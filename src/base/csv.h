/* CSV records from text in memory (RFC 4180, via libcsv), handed to a
 * callback one record at a time with its fields NUL-terminated. Used by
 * every reader of a CSV data file or upload.
 * Ownership: a record's fields live until the callback returns. */
#ifndef LT_BASE_CSV_H
#define LT_BASE_CSV_H
#include "base/common.h"
#include "base/problem.h"

#define LT_CSV_MAX_FIELDS 32

/** One record. Fields past LT_CSV_MAX_FIELDS, or in a record longer than
 *  the caller's cap, are counted but not kept. */
struct lt_csv_row {
	size_t number;  /* 1-based record number; a header is record 1 */
	size_t nfields; /* fields in the record, also those not kept */
	size_t nstored; /* fields available in fields[] */
	bool too_long;  /* the record passed the byte cap */
	bool has_nul;   /* a field held a NUL byte */
	const char *fields[LT_CSV_MAX_FIELDS];
};

/** Called for each record; a non-OK return stops the reading and is returned. */
typedef lt_err (*lt_csv_row_fn)(void *ctx, const struct lt_csv_row *row);

/** Calls FN for every record of LEN bytes of TEXT (a leading byte-order mark
 *  is skipped). MAX_ROW_BYTES caps what a record may hold. A syntax error is
 *  LT_ERR_INVALID, described in P with NAME (may be NULL), the byte offset
 *  and the record number. */
lt_err lt_csv_each(const char *text, size_t len, const char *name, size_t max_row_bytes,
		   lt_csv_row_fn fn, void *ctx, struct lt_problem *p);

#endif
