#include "base/csv.h"
#include "base/buf.h"
#include <csv.h>

struct reader {
	struct lt_buf bytes; /* the current record's fields, each NUL-terminated */
	size_t start[LT_CSV_MAX_FIELDS];
	struct lt_csv_row row;
	lt_csv_row_fn fn;
	void *ctx;
	lt_err rc; /* first failure; the rest of the input is then ignored */
};

static void on_field(void *data, size_t len, void *ctx)
{
	struct reader *r = ctx;
	if (r->rc)
		return;
	if (len && memchr(data, '\0', len))
		r->row.has_nul = true;
	if (r->row.nstored < LT_CSV_MAX_FIELDS && !r->row.too_long) {
		size_t at = r->bytes.len;
		lt_err rc = lt_buf_add(&r->bytes, data, len);
		if (rc == LT_OK)
			rc = lt_buf_add(&r->bytes, "", 1);
		if (rc == LT_ERR_TOO_LARGE)
			r->row.too_long = true;
		else if (rc)
			r->rc = rc;
		else
			r->start[r->row.nstored++] = at;
	}
	r->row.nfields++;
}

static void on_record(int c, void *ctx)
{
	LT_UNUSED(c);
	struct reader *r = ctx;
	if (!r->rc) {
		r->row.number++;
		for (size_t i = 0; i < r->row.nstored; i++)
			r->row.fields[i] = r->bytes.data + r->start[i];
		r->rc = r->fn(r->ctx, &r->row);
	}
	lt_buf_reset(&r->bytes);
	size_t number = r->row.number;
	memset(&r->row, 0, sizeof(r->row));
	r->row.number = number;
}

lt_err lt_csv_each(const char *text, size_t len, const char *name, size_t max_row_bytes,
		   lt_csv_row_fn fn, void *ctx, struct lt_problem *p)
{
	/* A byte-order mark from spreadsheet exports is not part of the first field. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	struct csv_parser parser;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return LT_ERR_NOMEM;
	struct reader r;
	memset(&r, 0, sizeof(r));
	lt_buf_init(&r.bytes, max_row_bytes);
	r.fn = fn;
	r.ctx = ctx;
	size_t done = csv_parse(&parser, text, len, on_field, on_record, &r);
	int status = CSV_SUCCESS;
	if (!r.rc && done != len)
		status = csv_error(&parser);
	else if (!r.rc && csv_fini(&parser, on_field, on_record, &r) != 0) {
		status = csv_error(&parser);
		done = len;
	}
	lt_err rc = r.rc;
	if (!rc && status == CSV_ENOMEM)
		rc = LT_ERR_NOMEM;
	else if (!rc && status != CSV_SUCCESS) {
		p->offset = (long)done;
		rc = lt_problem_set(p, LT_ERR_INVALID,
				    "Malformed CSV%s%s at byte %zu (row %zu): a quote is misplaced or not "
				    "closed",
				    name ? " in " : "", name ? name : "", done, r.row.number + 1);
	}
	csv_free(&parser);
	lt_buf_release(&r.bytes);
	return rc;
}
