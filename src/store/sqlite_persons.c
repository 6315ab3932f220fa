/* Persons: sealed identity fields and their blind indexes. */
#include "store/sqlite_internal.h"

/* --- persons --- */

lt_err lt_store_person_insert(struct lt_store *s, int64_t org_id, const char *sex,
			      int64_t birth_year, int64_t created_by, int64_t now, int64_t *id)
{
	static const char sql[] = "INSERT INTO persons(organisation_id, sex, birth_year, "
				  "created_at, created_by) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_text(st, 2, sex, -1, SQLITE_STATIC);
	if (birth_year)
		sqlite3_bind_int64(st, 3, birth_year);
	sqlite3_bind_int64(st, 4, now);
	if (created_by)
		sqlite3_bind_int64(st, 5, created_by);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}


lt_err lt_store_person_set_identity(struct lt_store *s, int64_t id, const struct lt_buf *given,
				    const struct lt_buf *family, const unsigned char *name_index,
				    const unsigned char *family_index)
{
	static const char sql[] = "UPDATE persons SET given_name = ?, family_name = ?, "
				  "name_index = ?, family_name_index = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	lt_sq_bind_buf(st, 1, given);
	lt_sq_bind_buf(st, 2, family);
	if (name_index)
		sqlite3_bind_blob(st, 3, name_index, 32, SQLITE_STATIC);
	if (family_index)
		sqlite3_bind_blob(st, 4, family_index, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, id);
	return lt_sq_exec(s, st);
}

static void read_person_head(sqlite3_stmt *st, struct lt_person_row *row)
{
	memset(row, 0, sizeof(*row));
	row->id = sqlite3_column_int64(st, 0);
	row->org_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, row->sex, sizeof(row->sex));
	row->birth_year = sqlite3_column_int64(st, 3);
	row->created_at = sqlite3_column_int64(st, 4);
	row->created_by = sqlite3_column_int64(st, 5);
}


lt_err lt_store_person_get(struct lt_store *s, int64_t id, struct lt_arena *a,
			   struct lt_person_row *row)
{
	static const char sql[] =
		"SELECT id, organisation_id, sex, coalesce(birth_year, 0), created_at, "
		"coalesce(created_by, 0), given_name, family_name FROM persons WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		read_person_head(st, row);
		rc = lt_sq_copy_blob(st, 6, a, &row->given_name, &row->given_name_len);
		if (!rc)
			rc = lt_sq_copy_blob(st, 7, a, &row->family_name, &row->family_name_len);
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_person_find(struct lt_store *s, const unsigned char index[32], bool family,
			    int64_t org_id, lt_err (*cb)(void *ctx, const struct lt_person_row *row),
			    void *ctx)
{
	static const char by_name[] =
		"SELECT id, organisation_id, sex, coalesce(birth_year, 0), created_at, "
		"coalesce(created_by, 0) FROM persons WHERE name_index = ? "
		"AND (?2 = 0 OR organisation_id = ?2) ORDER BY id";
	static const char by_family[] =
		"SELECT id, organisation_id, sex, coalesce(birth_year, 0), created_at, "
		"coalesce(created_by, 0) FROM persons WHERE family_name_index = ? "
		"AND (?2 = 0 OR organisation_id = ?2) ORDER BY id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, family ? by_family : by_name, &st);
	if (rc)
		return rc;
	sqlite3_bind_blob(st, 1, index, 32, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, org_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_person_row row;
		read_person_head(st, &row);
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_person_count(struct lt_store *s, int64_t org_id, int64_t *count)
{
	static const char sql[] =
		"SELECT count(*) FROM persons WHERE (?1 = 0 OR organisation_id = ?1)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, org_id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	else
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
