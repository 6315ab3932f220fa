/* The assistance part of a case: recovery and reflection periods, services,
 * and referrals between organisations with their acts. */
#include "base/str.h"
#include "store/sqlite_internal.h"

/* --- reflection periods --- */

lt_err lt_store_reflection_insert(struct lt_store *s, const struct lt_reflection_row *r,
				  int64_t *id)
{
	static const char sql[] =
		"INSERT INTO reflection_periods(case_id, status, decision_date, start_date, "
		"planned_end_date, actual_end_date, min_days, grounds, created_at, created_by) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->status, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 3, r->decision_date);
	lt_sq_bind_text_or_null(st, 4, r->start_date);
	lt_sq_bind_text_or_null(st, 5, r->planned_end_date);
	lt_sq_bind_text_or_null(st, 6, r->actual_end_date);
	sqlite3_bind_int(st, 7, r->min_days);
	lt_sq_bind_text_or_null(st, 8, r->grounds);
	sqlite3_bind_int64(st, 9, r->created_at);
	lt_sq_bind_int_or_null(st, 10, r->created_by, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_reflection_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE reflection_periods SET grounds_note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_reflection_set_end_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE reflection_periods SET end_note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

#define REFLECTION_COLS                                                                      \
	"id, case_id, status, coalesce(decision_date, ''), coalesce(start_date, ''), "        \
	"coalesce(planned_end_date, ''), coalesce(actual_end_date, ''), min_days, "           \
	"coalesce(grounds, ''), grounds_note, end_note, created_at, coalesce(created_by, 0)"

static lt_err read_reflection(sqlite3_stmt *st, struct lt_arena *a, struct lt_reflection_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->status, sizeof(r->status));
	lt_sq_col_text(st, 3, r->decision_date, sizeof(r->decision_date));
	lt_sq_col_text(st, 4, r->start_date, sizeof(r->start_date));
	lt_sq_col_text(st, 5, r->planned_end_date, sizeof(r->planned_end_date));
	lt_sq_col_text(st, 6, r->actual_end_date, sizeof(r->actual_end_date));
	r->min_days = sqlite3_column_int(st, 7);
	lt_sq_col_text(st, 8, r->grounds, sizeof(r->grounds));
	lt_err rc = lt_sq_copy_blob(st, 9, a, &r->note, &r->note_len);
	if (!rc)
		rc = lt_sq_copy_blob(st, 10, a, &r->end_note, &r->end_note_len);
	r->created_at = sqlite3_column_int64(st, 11);
	r->created_by = sqlite3_column_int64(st, 12);
	return rc;
}

lt_err lt_store_reflection_get(struct lt_store *s, int64_t case_id, int64_t id, struct lt_arena *a,
			       struct lt_reflection_row *row)
{
	static const char sql[] =
		"SELECT " REFLECTION_COLS " FROM reflection_periods WHERE id = ? AND case_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	if (!(rc = lt_sq_step_one(s, st)))
		rc = read_reflection(st, a, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_reflection_open(struct lt_store *s, int64_t case_id, int64_t *id)
{
	static const char sql[] =
		"SELECT id FROM reflection_periods WHERE case_id = ? AND status = 'granted' "
		"ORDER BY id LIMIT 1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if (!(rc = lt_sq_step_one(s, st)))
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_reflection_end(struct lt_store *s, int64_t id, const char *actual_end,
			       const char *grounds)
{
	static const char sql[] =
		"UPDATE reflection_periods SET status = 'ended', actual_end_date = ?, grounds = ? "
		"WHERE id = ? AND status = 'granted'";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, actual_end, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 2, grounds);
	sqlite3_bind_int64(st, 3, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_CONFLICT;
}

lt_err lt_store_reflection_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_reflection_row *row),
				void *ctx)
{
	static const char sql[] =
		"SELECT " REFLECTION_COLS " FROM reflection_periods WHERE case_id = ? ORDER BY id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_reflection_row r;
		if ((rc = read_reflection(st, a, &r)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- services --- */

lt_err lt_store_service_insert(struct lt_store *s, const struct lt_service_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO case_services(case_id, type, provider_id, status, start_date, end_date, "
		"consent_date, consent_language, stop_reason, created_at, created_by, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->type, -1, SQLITE_STATIC);
	lt_sq_bind_int_or_null(st, 3, r->provider_id, 0);
	sqlite3_bind_text(st, 4, r->status, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 5, r->start_date);
	lt_sq_bind_text_or_null(st, 6, r->end_date);
	lt_sq_bind_text_or_null(st, 7, r->consent_date);
	lt_sq_bind_text_or_null(st, 8, r->consent_language);
	lt_sq_bind_text_or_null(st, 9, r->stop_reason);
	sqlite3_bind_int64(st, 10, r->created_at);
	lt_sq_bind_int_or_null(st, 11, r->created_by, 0);
	sqlite3_bind_int64(st, 12, r->updated_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

#define SERVICE_COLS                                                                          \
	"sv.id, sv.case_id, sv.type, coalesce(sv.provider_id, 0), coalesce(o.name, ''), "      \
	"sv.status, coalesce(sv.start_date, ''), coalesce(sv.end_date, ''), "                  \
	"coalesce(sv.consent_date, ''), coalesce(sv.consent_language, ''), "                   \
	"coalesce(sv.stop_reason, ''), sv.created_at, coalesce(sv.created_by, 0), "            \
	"coalesce(sv.updated_at, sv.created_at) FROM case_services sv "                       \
	"LEFT JOIN organisations o ON o.id = sv.provider_id"

static void read_service(sqlite3_stmt *st, struct lt_service_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->type, sizeof(r->type));
	r->provider_id = sqlite3_column_int64(st, 3);
	lt_sq_col_text(st, 4, r->provider_name, sizeof(r->provider_name));
	lt_sq_col_text(st, 5, r->status, sizeof(r->status));
	lt_sq_col_text(st, 6, r->start_date, sizeof(r->start_date));
	lt_sq_col_text(st, 7, r->end_date, sizeof(r->end_date));
	lt_sq_col_text(st, 8, r->consent_date, sizeof(r->consent_date));
	lt_sq_col_text(st, 9, r->consent_language, sizeof(r->consent_language));
	lt_sq_col_text(st, 10, r->stop_reason, sizeof(r->stop_reason));
	r->created_at = sqlite3_column_int64(st, 11);
	r->created_by = sqlite3_column_int64(st, 12);
	r->updated_at = sqlite3_column_int64(st, 13);
}

lt_err lt_store_service_get(struct lt_store *s, int64_t case_id, int64_t id,
			    struct lt_service_row *row)
{
	static const char sql[] = "SELECT " SERVICE_COLS " WHERE sv.id = ? AND sv.case_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	if (!(rc = lt_sq_step_one(s, st)))
		read_service(st, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_service_update(struct lt_store *s, const struct lt_service_row *r)
{
	static const char sql[] =
		"UPDATE case_services SET status = ?2, start_date = ?3, end_date = ?4, "
		"consent_date = ?5, consent_language = ?6, stop_reason = ?7, updated_at = ?8 "
		"WHERE id = ?1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, r->status, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 3, r->start_date);
	lt_sq_bind_text_or_null(st, 4, r->end_date);
	lt_sq_bind_text_or_null(st, 5, r->consent_date);
	lt_sq_bind_text_or_null(st, 6, r->consent_language);
	lt_sq_bind_text_or_null(st, 7, r->stop_reason);
	sqlite3_bind_int64(st, 8, r->updated_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_service_list(struct lt_store *s, int64_t case_id,
			     lt_err (*cb)(void *ctx, const struct lt_service_row *row), void *ctx)
{
	static const char sql[] = "SELECT " SERVICE_COLS " WHERE sv.case_id = ? ORDER BY sv.id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_service_row r;
		read_service(st, &r);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- referrals --- */

lt_err lt_store_referral_insert(struct lt_store *s, const struct lt_referral_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO referrals(case_id, from_org, to_org, status, purpose, share_identity, "
		"sent_date, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_int64(st, 2, r->from_org);
	sqlite3_bind_int64(st, 3, r->to_org);
	sqlite3_bind_text(st, 4, r->status, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 5, r->purpose);
	sqlite3_bind_int(st, 6, r->share_identity ? 1 : 0);
	sqlite3_bind_text(st, 7, r->sent_date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, r->updated_at);
	lt_sq_bind_int_or_null(st, 9, r->created_by, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

#define REFERRAL_COLS                                                                         \
	"r.id, r.case_id, r.from_org, fo.name, r.to_org, t.name, r.status, "                   \
	"coalesce(r.purpose, ''), r.share_identity, r.sent_date, r.updated_at, "               \
	"coalesce(r.created_by, 0)"
#define REFERRAL_FROM                                                                         \
	" FROM referrals r JOIN organisations fo ON fo.id = r.from_org "                       \
	"JOIN organisations t ON t.id = r.to_org"

static void read_referral(sqlite3_stmt *st, int col, struct lt_referral_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, col + 0);
	r->case_id = sqlite3_column_int64(st, col + 1);
	r->from_org = sqlite3_column_int64(st, col + 2);
	lt_sq_col_text(st, col + 3, r->from_name, sizeof(r->from_name));
	r->to_org = sqlite3_column_int64(st, col + 4);
	lt_sq_col_text(st, col + 5, r->to_name, sizeof(r->to_name));
	lt_sq_col_text(st, col + 6, r->status, sizeof(r->status));
	lt_sq_col_text(st, col + 7, r->purpose, sizeof(r->purpose));
	r->share_identity = sqlite3_column_int(st, col + 8) != 0;
	lt_sq_col_text(st, col + 9, r->sent_date, sizeof(r->sent_date));
	r->updated_at = sqlite3_column_int64(st, col + 10);
	r->created_by = sqlite3_column_int64(st, col + 11);
}

lt_err lt_store_referral_get(struct lt_store *s, int64_t id, struct lt_referral_row *row)
{
	static const char sql[] = "SELECT " REFERRAL_COLS REFERRAL_FROM " WHERE r.id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (!(rc = lt_sq_step_one(s, st)))
		read_referral(st, 0, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_referral_set_status(struct lt_store *s, int64_t id, const char *status,
				    int64_t now)
{
	static const char sql[] = "UPDATE referrals SET status = ?, updated_at = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_referral_live(struct lt_store *s, int64_t case_id, int64_t to_org,
			      const char *purpose, int64_t *id)
{
	static const char sql[] =
		"SELECT id FROM referrals WHERE case_id = ? AND to_org = ? AND "
		"coalesce(purpose, '') = ? AND status IN ('sent', 'accepted') ORDER BY id LIMIT 1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, to_org);
	sqlite3_bind_text(st, 3, purpose ? purpose : "", -1, SQLITE_STATIC);
	*id = 0;
	rc = lt_sq_step_one(s, st);
	if (!rc)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == LT_ERR_NOT_FOUND ? LT_OK : rc;
}

lt_err lt_store_referral_list_case(struct lt_store *s, int64_t case_id,
				   lt_err (*cb)(void *ctx, const struct lt_referral_row *row),
				   void *ctx)
{
	static const char sql[] =
		"SELECT " REFERRAL_COLS REFERRAL_FROM " WHERE r.case_id = ? ORDER BY r.sent_date, r.id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_referral_row r;
		read_referral(st, 0, &r);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_referral_event_insert(struct lt_store *s, const struct lt_referral_event_row *r,
				      int64_t *id)
{
	static const char sql[] =
		"INSERT INTO referral_events(referral_id, action, event_date, actor_user_id, "
		"created_at) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->referral_id);
	sqlite3_bind_text(st, 2, r->action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->event_date, -1, SQLITE_STATIC);
	lt_sq_bind_int_or_null(st, 4, r->actor_user_id, 0);
	sqlite3_bind_int64(st, 5, r->created_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_referral_event_set_note(struct lt_store *s, int64_t id,
					const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE referral_events SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_referral_events(struct lt_store *s, int64_t referral_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_referral_event_row *row),
				void *ctx)
{
	static const char sql[] =
		"SELECT id, referral_id, action, event_date, note, coalesce(actor_user_id, 0), "
		"created_at FROM referral_events WHERE referral_id = ? ORDER BY id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, referral_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_referral_event_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.referral_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.action, sizeof(r.action));
		lt_sq_col_text(st, 3, r.event_date, sizeof(r.event_date));
		if ((rc = lt_sq_copy_blob(st, 4, a, &r.note, &r.note_len)))
			break;
		r.actor_user_id = sqlite3_column_int64(st, 5);
		r.created_at = sqlite3_column_int64(st, 6);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* The filter's WHERE clause is static: flags switch its parts on and off,
 * so that one cached statement serves every combination. */
#define REFERRAL_LIST_WHERE                                                                   \
	" WHERE ((?1 AND r.to_org = ?3) OR (?2 AND r.from_org = ?3)) AND "                     \
	"(?4 IS NULL OR r.status = ?4)"

static void bind_referral_filter(sqlite3_stmt *st, const struct lt_referral_filter *f)
{
	sqlite3_bind_int(st, 1, f->incoming ? 1 : 0);
	sqlite3_bind_int(st, 2, f->outgoing ? 1 : 0);
	sqlite3_bind_int64(st, 3, f->org_id);
	if (f->status)
		sqlite3_bind_text(st, 4, f->status, -1, SQLITE_STATIC);
}

lt_err lt_store_referral_list(struct lt_store *s, const struct lt_referral_filter *f,
			      int64_t *total,
			      lt_err (*cb)(void *ctx, const struct lt_referral_summary *row),
			      void *ctx)
{
	static const char count_sql[] = "SELECT count(*) FROM referrals r" REFERRAL_LIST_WHERE;
	static const char sql[] =
		"SELECT " REFERRAL_COLS ", coalesce((SELECT e.event_date FROM referral_events e "
		"WHERE e.referral_id = r.id AND e.action = r.status ORDER BY e.id DESC LIMIT 1), "
		"r.sent_date), c.case_number, c.status, p.sex, coalesce(c.age_at_referral, -1), "
		"coalesce(c.is_child, -1), coalesce((SELECT group_concat(form, ',') FROM "
		"(SELECT form FROM case_exploitation x WHERE x.case_id = c.id ORDER BY form)), '')"
		REFERRAL_FROM " JOIN cases c ON c.id = r.case_id JOIN persons p ON p.id = c.person_id"
		REFERRAL_LIST_WHERE " ORDER BY r.sent_date DESC, r.id DESC LIMIT ?5 OFFSET ?6";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, count_sql, &st);
	if (rc)
		return rc;
	bind_referral_filter(st, f);
	if (!(rc = lt_sq_step_one(s, st)))
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc)
		return rc;
	if ((rc = lt_sq_stmt(s, sql, &st)))
		return rc;
	bind_referral_filter(st, f);
	sqlite3_bind_int(st, 5, f->limit > 0 ? f->limit : 50);
	sqlite3_bind_int(st, 6, f->offset > 0 ? f->offset : 0);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_referral_summary row;
		memset(&row, 0, sizeof(row));
		read_referral(st, 0, &row.r);
		lt_sq_col_text(st, 12, row.status_date, sizeof(row.status_date));
		lt_sq_col_text(st, 13, row.case_number, sizeof(row.case_number));
		lt_sq_col_text(st, 14, row.case_status, sizeof(row.case_status));
		lt_sq_col_text(st, 15, row.sex, sizeof(row.sex));
		row.age_at_referral = sqlite3_column_int(st, 16);
		row.is_child = sqlite3_column_int(st, 17);
		lt_sq_col_text(st, 18, row.forms, sizeof(row.forms));
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
