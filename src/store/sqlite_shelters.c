/* Shelters, the history of their capacity and licence, and placements in
 * them or the alternatives used when no place was available. */
#include "base/str.h"
#include "store/sqlite_internal.h"

/* --- shelters --- */

lt_err lt_store_shelter_insert(struct lt_store *s, const struct lt_shelter_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO shelters(organisation_id, name, specialised, capacity_women, capacity_men, "
		"capacity_children, licence_valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->org_id);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, r->specialised ? 1 : 0);
	sqlite3_bind_int64(st, 4, r->capacity_women);
	sqlite3_bind_int64(st, 5, r->capacity_men);
	sqlite3_bind_int64(st, 6, r->capacity_children);
	lt_sq_bind_text_or_null(st, 7, r->licence_valid_until);
	sqlite3_bind_int64(st, 8, r->created_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_shelter_update(struct lt_store *s, const struct lt_shelter_row *r)
{
	static const char sql[] =
		"UPDATE shelters SET organisation_id = ?2, name = ?3, specialised = ?4, "
		"capacity_women = ?5, capacity_men = ?6, capacity_children = ?7, "
		"licence_valid_until = ?8 WHERE id = ?1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->org_id);
	sqlite3_bind_text(st, 3, r->name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, r->specialised ? 1 : 0);
	sqlite3_bind_int64(st, 5, r->capacity_women);
	sqlite3_bind_int64(st, 6, r->capacity_men);
	sqlite3_bind_int64(st, 7, r->capacity_children);
	lt_sq_bind_text_or_null(st, 8, r->licence_valid_until);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

#define SHELTER_COLS                                                                        \
	"s.id, s.organisation_id, o.name, s.name, s.specialised, s.capacity_women, "        \
	"s.capacity_men, s.capacity_children, coalesce(s.licence_valid_until, ''), "        \
	"s.created_at FROM shelters s JOIN organisations o ON o.id = s.organisation_id"

static void read_shelter(sqlite3_stmt *st, struct lt_shelter_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->org_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->org_name, sizeof(r->org_name));
	lt_sq_col_text(st, 3, r->name, sizeof(r->name));
	r->specialised = sqlite3_column_int(st, 4) != 0;
	r->capacity_women = sqlite3_column_int64(st, 5);
	r->capacity_men = sqlite3_column_int64(st, 6);
	r->capacity_children = sqlite3_column_int64(st, 7);
	lt_sq_col_text(st, 8, r->licence_valid_until, sizeof(r->licence_valid_until));
	r->created_at = sqlite3_column_int64(st, 9);
}

lt_err lt_store_shelter_get(struct lt_store *s, int64_t id, struct lt_shelter_row *row)
{
	static const char sql[] = "SELECT " SHELTER_COLS " WHERE s.id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_shelter(st, row);
	else
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_shelter_list(struct lt_store *s,
			     lt_err (*cb)(void *ctx, const struct lt_shelter_row *row), void *ctx)
{
	static const char sql[] = "SELECT " SHELTER_COLS " ORDER BY s.name, s.id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_shelter_row r;
		read_shelter(st, &r);
		rc = cb(ctx, &r);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_shelter_state_put(struct lt_store *s, const struct lt_shelter_state_row *r)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO shelter_states(shelter_id, valid_from, specialised, "
		"capacity_women, capacity_men, capacity_children, licence_valid_until, recorded_at, "
		"recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->shelter_id);
	sqlite3_bind_text(st, 2, r->valid_from, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, r->specialised ? 1 : 0);
	sqlite3_bind_int64(st, 4, r->capacity_women);
	sqlite3_bind_int64(st, 5, r->capacity_men);
	sqlite3_bind_int64(st, 6, r->capacity_children);
	lt_sq_bind_text_or_null(st, 7, r->licence_valid_until);
	sqlite3_bind_int64(st, 8, r->recorded_at);
	lt_sq_bind_int_or_null(st, 9, r->recorded_by, 0);
	return lt_sq_exec(s, st);
}

lt_err lt_store_shelter_states(struct lt_store *s, int64_t shelter_id,
			       lt_err (*cb)(void *ctx, const struct lt_shelter_state_row *row),
			       void *ctx)
{
	static const char sql[] =
		"SELECT shelter_id, valid_from, specialised, capacity_women, capacity_men, "
		"capacity_children, coalesce(licence_valid_until, ''), recorded_at, "
		"coalesce(recorded_by, 0) FROM shelter_states WHERE shelter_id = ? ORDER BY valid_from";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, shelter_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_shelter_state_row r;
		memset(&r, 0, sizeof(r));
		r.shelter_id = sqlite3_column_int64(st, 0);
		lt_sq_col_text(st, 1, r.valid_from, sizeof(r.valid_from));
		r.specialised = sqlite3_column_int(st, 2) != 0;
		r.capacity_women = sqlite3_column_int64(st, 3);
		r.capacity_men = sqlite3_column_int64(st, 4);
		r.capacity_children = sqlite3_column_int64(st, 5);
		lt_sq_col_text(st, 6, r.licence_valid_until, sizeof(r.licence_valid_until));
		r.recorded_at = sqlite3_column_int64(st, 7);
		r.recorded_by = sqlite3_column_int64(st, 8);
		rc = cb(ctx, &r);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- placements --- */

lt_err lt_store_placement_insert(struct lt_store *s, const struct lt_placement_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO placements(case_id, shelter_id, place, start_date, end_date, alternative, "
		"turn_away_reason, turn_away_shelter_id, created_at, created_by) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	lt_sq_bind_int_or_null(st, 2, r->shelter_id, 0);
	sqlite3_bind_text(st, 3, r->place, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->start_date, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 5, r->end_date);
	lt_sq_bind_text_or_null(st, 6, r->alternative);
	lt_sq_bind_text_or_null(st, 7, r->turn_away_reason);
	lt_sq_bind_int_or_null(st, 8, r->turn_away_shelter_id, 0);
	sqlite3_bind_int64(st, 9, r->created_at);
	lt_sq_bind_int_or_null(st, 10, r->created_by, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

#define PLACEMENT_COLS                                                                         \
	"p.id, p.case_id, coalesce(p.shelter_id, 0), coalesce(s.name, ''), "                  \
	"coalesce(s.specialised, 0), p.place, p.start_date, coalesce(p.end_date, ''), "        \
	"coalesce(p.alternative, ''), coalesce(p.turn_away_reason, ''), "                      \
	"coalesce(p.turn_away_shelter_id, 0), coalesce(t.name, ''), p.created_at, "            \
	"coalesce(p.created_by, 0) FROM placements p LEFT JOIN shelters s ON s.id = p.shelter_id " \
	"LEFT JOIN shelters t ON t.id = p.turn_away_shelter_id"

static void read_placement(sqlite3_stmt *st, struct lt_placement_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->shelter_id = sqlite3_column_int64(st, 2);
	lt_sq_col_text(st, 3, r->shelter_name, sizeof(r->shelter_name));
	r->shelter_specialised = sqlite3_column_int(st, 4) != 0;
	lt_sq_col_text(st, 5, r->place, sizeof(r->place));
	lt_sq_col_text(st, 6, r->start_date, sizeof(r->start_date));
	lt_sq_col_text(st, 7, r->end_date, sizeof(r->end_date));
	lt_sq_col_text(st, 8, r->alternative, sizeof(r->alternative));
	lt_sq_col_text(st, 9, r->turn_away_reason, sizeof(r->turn_away_reason));
	r->turn_away_shelter_id = sqlite3_column_int64(st, 10);
	lt_sq_col_text(st, 11, r->turn_away_shelter_name, sizeof(r->turn_away_shelter_name));
	r->created_at = sqlite3_column_int64(st, 12);
	r->created_by = sqlite3_column_int64(st, 13);
}

lt_err lt_store_placement_get(struct lt_store *s, int64_t id, struct lt_placement_row *row)
{
	static const char sql[] = "SELECT " PLACEMENT_COLS " WHERE p.id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_placement(st, row);
	else
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_placement_set_end(struct lt_store *s, int64_t id, const char *end_date)
{
	static const char sql[] = "UPDATE placements SET end_date = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, end_date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_placement_list(struct lt_store *s, int64_t case_id,
			       lt_err (*cb)(void *ctx, const struct lt_placement_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT " PLACEMENT_COLS " WHERE p.case_id = ? ORDER BY p.start_date, p.id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_placement_row r;
		read_placement(st, &r);
		rc = cb(ctx, &r);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_shelter_stays(struct lt_store *s, int64_t shelter_id, const char *from,
			      const char *to,
			      lt_err (*cb)(void *ctx, const struct lt_placement_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT " PLACEMENT_COLS " WHERE p.shelter_id = ?1 AND p.start_date <= ?3 AND "
		"(p.end_date IS NULL OR p.end_date >= ?2) ORDER BY p.start_date, p.id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, shelter_id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_placement_row r;
		read_placement(st, &r);
		rc = cb(ctx, &r);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_turn_aways(struct lt_store *s, const char *from, const char *to,
			   lt_err (*cb)(void *ctx, const struct lt_turn_away_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT p.id, p.case_id, c.case_number, c.organisation_id, p.start_date, "
		"p.turn_away_reason, p.alternative, coalesce(p.turn_away_shelter_id, 0) "
		"FROM placements p JOIN cases c ON c.id = p.case_id WHERE p.alternative IS NOT NULL "
		"AND p.start_date >= ? AND p.start_date <= ? ORDER BY p.start_date, p.id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_turn_away_row r;
		memset(&r, 0, sizeof(r));
		r.placement_id = sqlite3_column_int64(st, 0);
		r.case_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.case_number, sizeof(r.case_number));
		r.org_id = sqlite3_column_int64(st, 3);
		lt_sq_col_text(st, 4, r.date, sizeof(r.date));
		lt_sq_col_text(st, 5, r.reason, sizeof(r.reason));
		lt_sq_col_text(st, 6, r.alternative, sizeof(r.alternative));
		r.shelter_id = sqlite3_column_int64(st, 7);
		rc = cb(ctx, &r);
		if (rc)
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
