/* CTDC microdata imported for aggregate-only use: batches, rows, and the
 * rows of a year grouped by the codes the annual figures read. */
#include "store/sqlite_internal.h"

static const char sql_batch_find[] =
	"SELECT id, rows FROM ctdc_batches WHERE source = ?1 AND year = ?2";
static const char sql_records_delete[] = "DELETE FROM ctdc_records WHERE batch_id = ?1";
static const char sql_batch_delete[] = "DELETE FROM ctdc_batches WHERE id = ?1";
static const char sql_batch_insert[] =
	"INSERT INTO ctdc_batches (source, year, rows, imported_at) VALUES (?1, ?2, 0, ?3)";
static const char sql_batch_rows[] = "UPDATE ctdc_batches SET rows = ?2 WHERE id = ?1";
static const char sql_record_insert[] =
	"INSERT INTO ctdc_records (batch_id, source, year, imported_at, registration_year, gender, "
	"age_broad, majority, citizenship, country, forced_labour, sexual, other, marriage, "
	"military, organ, slavery, illicit, codes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	"?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
#define CELL_COLS                                                                             \
	"gender, age_broad, majority, citizenship, country, forced_labour, sexual, other, "   \
	"marriage, military, organ, slavery, illicit"
static const char sql_cells[] = "SELECT " CELL_COLS ", count(*) FROM ctdc_records WHERE year = ?1 "
				"GROUP BY " CELL_COLS;
static const char sql_sources[] =
	"SELECT source, rows FROM ctdc_batches WHERE year = ?1 ORDER BY source";

lt_err lt_store_ctdc_batch_find(struct lt_store *s, const char *source, int64_t year, int64_t *id,
				int64_t *rows)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_batch_find, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, year);
	rc = lt_sq_step_one(s, st);
	if (!rc) {
		*id = sqlite3_column_int64(st, 0);
		*rows = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_ctdc_batch_delete(struct lt_store *s, int64_t id)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_records_delete, &st);
	if (!rc) {
		sqlite3_bind_int64(st, 1, id);
		rc = lt_sq_exec(s, st);
	}
	if (!rc && !(rc = lt_sq_stmt(s, sql_batch_delete, &st))) {
		sqlite3_bind_int64(st, 1, id);
		rc = lt_sq_exec(s, st);
	}
	return rc;
}

lt_err lt_store_ctdc_batch_insert(struct lt_store *s, const char *source, int64_t year, int64_t now,
				  int64_t *id)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_batch_insert, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_int64(st, 3, now);
	if (!(rc = lt_sq_exec(s, st)))
		*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return rc;
}

lt_err lt_store_ctdc_batch_set_rows(struct lt_store *s, int64_t id, int64_t rows)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_batch_rows, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, rows);
	return lt_sq_exec(s, st);
}

lt_err lt_store_ctdc_record_insert(struct lt_store *s, const struct lt_ctdc_record_row *r)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_record_insert, &st);
	if (rc)
		return rc;
	const struct lt_ctdc_codes *c = &r->codes;
	const char *text[] = {c->gender,  c->age,      c->majority, c->citizenship, c->country,
			      c->forced_labour, c->sexual, c->other, c->marriage,  c->military,
			      c->organ,   c->slavery,  c->illicit,  r->all};
	sqlite3_bind_int64(st, 1, r->batch_id);
	sqlite3_bind_text(st, 2, r->source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, r->year);
	sqlite3_bind_int64(st, 4, r->imported_at);
	lt_sq_bind_int_or_null(st, 5, r->registration_year, 0);
	for (size_t i = 0; i < LT_ARRAY_LEN(text); i++)
		sqlite3_bind_text(st, (int)i + 6, text[i] ? text[i] : "-99", -1, SQLITE_STATIC);
	return lt_sq_exec(s, st);
}

static const char *col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "-99";
}

lt_err lt_store_ctdc_cells(struct lt_store *s, int64_t year,
			   lt_err (*cb)(void *ctx, const struct lt_ctdc_cell *cell), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_cells, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, year);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_ctdc_cell c = {
			.c = {col(st, 0), col(st, 1), col(st, 2), col(st, 3), col(st, 4), col(st, 5),
			      col(st, 6), col(st, 7), col(st, 8), col(st, 9), col(st, 10), col(st, 11),
			      col(st, 12)},
			.n = sqlite3_column_int64(st, 13),
		};
		if ((rc = cb(ctx, &c)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_ctdc_sources(struct lt_store *s, int64_t year,
			     lt_err (*cb)(void *ctx, const char *source, int64_t rows), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_sources, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, year);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb(ctx, col(st, 0), sqlite3_column_int64(st, 1))))
			break;
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
