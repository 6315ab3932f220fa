/* Group cases (a mass case at one site), their recruitment chain with the
 * names sealed, and the cases that belong to them. */
#include "base/str.h"
#include "store/sqlite_internal.h"

lt_err lt_store_group_insert(struct lt_store *s, const struct lt_group_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO group_cases(organisation_id, name, site, country, employer, sector, "
		"created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->org_id);
	sqlite3_bind_text(st, 2, r->name, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 3, r->site);
	lt_sq_bind_text_or_null(st, 4, r->country);
	lt_sq_bind_text_or_null(st, 5, r->employer);
	lt_sq_bind_text_or_null(st, 6, r->sector);
	sqlite3_bind_int64(st, 7, r->created_at);
	if (r->created_by)
		sqlite3_bind_int64(st, 8, r->created_by);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

#define GROUP_COLS                                                                              \
	"g.id, g.organisation_id, o.name, g.name, coalesce(g.site, ''), coalesce(g.country, ''), " \
	"coalesce(g.employer, ''), coalesce(g.sector, ''), g.created_at, "                        \
	"coalesce(g.created_by, 0), (SELECT count(*) FROM cases c WHERE c.group_id = g.id) "      \
	"FROM group_cases g JOIN organisations o ON o.id = g.organisation_id"

static void read_group(sqlite3_stmt *st, struct lt_group_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->org_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->org_name, sizeof(r->org_name));
	lt_sq_col_text(st, 3, r->name, sizeof(r->name));
	lt_sq_col_text(st, 4, r->site, sizeof(r->site));
	lt_sq_col_text(st, 5, r->country, sizeof(r->country));
	lt_sq_col_text(st, 6, r->employer, sizeof(r->employer));
	lt_sq_col_text(st, 7, r->sector, sizeof(r->sector));
	r->created_at = sqlite3_column_int64(st, 8);
	r->created_by = sqlite3_column_int64(st, 9);
	r->member_count = sqlite3_column_int64(st, 10);
}

lt_err lt_store_group_get(struct lt_store *s, int64_t id, struct lt_group_row *row)
{
	static const char sql[] = "SELECT " GROUP_COLS " WHERE g.id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_group(st, row);
	else
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_group_list(struct lt_store *s, int64_t org_id,
			   lt_err (*cb)(void *ctx, const struct lt_group_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT " GROUP_COLS " WHERE ?1 = 0 OR g.organisation_id = ?1 ORDER BY g.id DESC";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, org_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_group_row r;
		read_group(st, &r);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_recruiter_insert(struct lt_store *s, const struct lt_recruiter_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO group_recruiters(group_id, position, role, country) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->group_id);
	sqlite3_bind_int64(st, 2, r->position);
	sqlite3_bind_text(st, 3, r->role, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 4, r->country);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_recruiter_set_name(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE group_recruiters SET name = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	lt_sq_bind_buf(st, 1, sealed);
	sqlite3_bind_int64(st, 2, id);
	return lt_sq_exec(s, st);
}

lt_err lt_store_recruiter_list(struct lt_store *s, int64_t group_id, struct lt_arena *a,
			       lt_err (*cb)(void *ctx, const struct lt_recruiter_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT id, group_id, position, role, name, coalesce(country, '') "
		"FROM group_recruiters WHERE group_id = ? ORDER BY position";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, group_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_recruiter_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.group_id = sqlite3_column_int64(st, 1);
		r.position = sqlite3_column_int64(st, 2);
		lt_sq_col_text(st, 3, r.role, sizeof(r.role));
		if ((rc = lt_sq_copy_blob(st, 4, a, &r.name, &r.name_len)))
			break;
		lt_sq_col_text(st, 5, r.country, sizeof(r.country));
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_group_members(struct lt_store *s, int64_t group_id, int64_t scope_org,
			      lt_err (*cb)(void *ctx, const struct lt_group_member_row *row),
			      void *ctx)
{
	static const char sql[] =
		"SELECT c.id, c.case_number, c.status, p.sex, coalesce(c.is_child, -1), "
		"c.identification, c.organisation_id FROM cases c JOIN persons p ON p.id = c.person_id "
		"WHERE c.group_id = ?1 AND (?2 = 0 OR c.organisation_id = ?2 OR EXISTS (SELECT 1 FROM "
		"referrals r WHERE r.case_id = c.id AND r.to_org = ?2 AND r.status IN ('sent', "
		"'accepted', 'completed'))) ORDER BY c.number_year, c.number_seq";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, group_id);
	sqlite3_bind_int64(st, 2, scope_org);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_group_member_row r;
		memset(&r, 0, sizeof(r));
		r.case_id = sqlite3_column_int64(st, 0);
		lt_sq_col_text(st, 1, r.case_number, sizeof(r.case_number));
		lt_sq_col_text(st, 2, r.status, sizeof(r.status));
		lt_sq_col_text(st, 3, r.sex, sizeof(r.sex));
		r.is_child = sqlite3_column_int(st, 4);
		lt_sq_col_text(st, 5, r.identification, sizeof(r.identification));
		r.org_id = sqlite3_column_int64(st, 6);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_group_status_counts(struct lt_store *s, int64_t group_id,
				    lt_err (*cb)(void *ctx, const char *status, int64_t count),
				    void *ctx)
{
	static const char sql[] =
		"SELECT status, count(*) FROM cases WHERE group_id = ? GROUP BY status ORDER BY status";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, group_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char status[20];
		lt_sq_col_text(st, 0, status, sizeof(status));
		if ((rc = cb(ctx, status, sqlite3_column_int64(st, 1))))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
