/* Screenings of a case. */
#include "base/str.h"
#include "store/sqlite_internal.h"

lt_err lt_store_screening_insert(struct lt_store *s, const struct lt_screening_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO case_screenings(case_id, profile, indicators, outcome, result, "
		"screening_date, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->profile, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->indicators, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r->result, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, r->screening_date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, r->created_at);
	if (r->created_by)
		sqlite3_bind_int64(st, 8, r->created_by);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_screening_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE case_screenings SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_screening_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			       lt_err (*cb)(void *ctx, const struct lt_screening_row *row),
			       void *ctx)
{
	static const char sql[] =
		"SELECT id, case_id, profile, indicators, outcome, result, screening_date, note, "
		"created_at, coalesce(created_by, 0) FROM case_screenings WHERE case_id = ? "
		"ORDER BY screening_date DESC, id DESC";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_screening_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.case_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.profile, sizeof(r.profile));
		r.indicators = lt_arena_strdup(a, (const char *)sqlite3_column_text(st, 3));
		lt_sq_col_text(st, 4, r.outcome, sizeof(r.outcome));
		r.result = lt_arena_strdup(a, (const char *)sqlite3_column_text(st, 5));
		lt_sq_col_text(st, 6, r.screening_date, sizeof(r.screening_date));
		if (!r.indicators || !r.result) {
			rc = LT_ERR_NOMEM;
			break;
		}
		if ((rc = lt_sq_copy_blob(st, 7, a, &r.note, &r.note_len)))
			break;
		r.created_at = sqlite3_column_int64(st, 8);
		r.created_by = sqlite3_column_int64(st, 9);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
