/* TIP placements added by an administrator (migration 007). */
#include "store/sqlite_internal.h"

static const char sql_insert[] =
	"INSERT INTO tier_placements (country, year, tier, source, added_at, added_by) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_update[] =
	"UPDATE tier_placements SET tier = ?3, source = ?4, added_at = ?5, added_by = ?6 "
	"WHERE country = ?1 AND year = ?2";
static const char sql_delete[] = "DELETE FROM tier_placements WHERE country = ?1 AND year = ?2";
static const char sql_list[] =
	"SELECT country, year, tier, source, added_at, coalesce(added_by, 0) FROM tier_placements "
	"ORDER BY country, year";

/* Binds ROW to SQL's ?1..?6 (both statements name the columns alike) and runs it. */
static lt_err placement_write(struct lt_store *s, const char *sql,
			      const struct lt_tier_placement_row *row)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, row->country, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, row->year);
	sqlite3_bind_text(st, 3, row->tier, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, row->source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 5, row->added_at);
	lt_sq_bind_int_or_null(st, 6, row->added_by, 0);
	return lt_sq_exec(s, st);
}

lt_err lt_store_tier_placement_insert(struct lt_store *s, const struct lt_tier_placement_row *row)
{
	return placement_write(s, sql_insert, row);
}

lt_err lt_store_tier_placement_update(struct lt_store *s, const struct lt_tier_placement_row *row)
{
	lt_err rc = placement_write(s, sql_update, row);
	if (rc)
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_tier_placement_delete(struct lt_store *s, const char *country, int64_t year)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_delete, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, country, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, year);
	rc = lt_sq_exec(s, st);
	if (rc)
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_tier_placement_list(struct lt_store *s,
				    lt_err (*cb)(void *ctx, const struct lt_tier_placement_row *row),
				    void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_list, &st);
	if (rc)
		return rc;
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_tier_placement_row row;
		memset(&row, 0, sizeof(row));
		lt_sq_col_text(st, 0, row.country, sizeof(row.country));
		row.year = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, row.tier, sizeof(row.tier));
		lt_sq_col_text(st, 3, row.source, sizeof(row.source));
		row.added_at = sqlite3_column_int64(st, 4);
		row.added_by = sqlite3_column_int64(st, 5);
		rc = cb(ctx, &row);
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
