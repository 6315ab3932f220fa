/* Protection and non-punishment on a case: threats, protection measures,
 * proceedings against the victim, removals, identity disclosures, age
 * assessments and the unaccompanied flag. Codes and dates in the clear;
 * notes sealed by the service and stored here as blobs. */
#include "base/str.h"
#include "store/sqlite_internal.h"

/* Inserts have the same ending: run, then hand back the new row's id. */
static lt_err insert_done(struct lt_store *s, sqlite3_stmt *st, int64_t *id)
{
	lt_err rc = lt_sq_exec(s, st);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

/* Binds two ids (row id and case id, or case id alone) and steps once. */
static lt_err get_one(struct lt_store *s, sqlite3_stmt *st, int64_t id, int64_t case_id)
{
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	return lt_sq_step_one(s, st);
}

/* --- threats --- */

lt_err lt_store_threat_insert(struct lt_store *s, const struct lt_threat_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO threats(case_id, proceeding_id, threat_date, kind, source, created_at, "
		"created_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	lt_sq_bind_int_or_null(st, 2, r->proceeding_id, 0);
	sqlite3_bind_text(st, 3, r->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->kind, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 5, r->source);
	sqlite3_bind_int64(st, 6, r->created_at);
	lt_sq_bind_int_or_null(st, 7, r->created_by, 0);
	return insert_done(s, st, id);
}

lt_err lt_store_threat_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE threats SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

#define THREAT_COLS                                                                           \
	"id, case_id, coalesce(proceeding_id, 0), threat_date, kind, coalesce(source, ''), "   \
	"note, created_at, coalesce(created_by, 0) FROM threats"

static lt_err read_threat(sqlite3_stmt *st, struct lt_arena *a, struct lt_threat_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->proceeding_id = sqlite3_column_int64(st, 2);
	lt_sq_col_text(st, 3, r->date, sizeof(r->date));
	lt_sq_col_text(st, 4, r->kind, sizeof(r->kind));
	lt_sq_col_text(st, 5, r->source, sizeof(r->source));
	r->created_at = sqlite3_column_int64(st, 7);
	r->created_by = sqlite3_column_int64(st, 8);
	return lt_sq_copy_blob(st, 6, a, &r->note, &r->note_len);
}

lt_err lt_store_threat_get(struct lt_store *s, int64_t case_id, int64_t id, struct lt_arena *a,
			   struct lt_threat_row *row)
{
	static const char sql[] = "SELECT " THREAT_COLS " WHERE id = ? AND case_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	if (!(rc = get_one(s, st, id, case_id)))
		rc = read_threat(st, a, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_threat_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			    lt_err (*cb)(void *ctx, const struct lt_threat_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT " THREAT_COLS " WHERE case_id = ? ORDER BY threat_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_threat_row r;
		if ((rc = read_threat(st, a, &r)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- protection measures --- */

lt_err lt_store_protection_insert(struct lt_store *s, const struct lt_protection_row *r,
				  int64_t *id)
{
	static const char sql[] =
		"INSERT INTO protection_measures(case_id, threat_id, measure, start_date, end_date, "
		"created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	lt_sq_bind_int_or_null(st, 2, r->threat_id, 0);
	sqlite3_bind_text(st, 3, r->measure, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->start_date, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 5, r->end_date);
	sqlite3_bind_int64(st, 6, r->created_at);
	lt_sq_bind_int_or_null(st, 7, r->created_by, 0);
	return insert_done(s, st, id);
}

lt_err lt_store_protection_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE protection_measures SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

#define PROTECTION_COLS                                                                       \
	"id, case_id, coalesce(threat_id, 0), measure, start_date, coalesce(end_date, ''), "   \
	"note, created_at, coalesce(created_by, 0) FROM protection_measures"

static lt_err read_protection(sqlite3_stmt *st, struct lt_arena *a, struct lt_protection_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->threat_id = sqlite3_column_int64(st, 2);
	lt_sq_col_text(st, 3, r->measure, sizeof(r->measure));
	lt_sq_col_text(st, 4, r->start_date, sizeof(r->start_date));
	lt_sq_col_text(st, 5, r->end_date, sizeof(r->end_date));
	r->created_at = sqlite3_column_int64(st, 7);
	r->created_by = sqlite3_column_int64(st, 8);
	return lt_sq_copy_blob(st, 6, a, &r->note, &r->note_len);
}

lt_err lt_store_protection_get(struct lt_store *s, int64_t case_id, int64_t id,
			       struct lt_arena *a, struct lt_protection_row *row)
{
	static const char sql[] = "SELECT " PROTECTION_COLS " WHERE id = ? AND case_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	if (!(rc = get_one(s, st, id, case_id)))
		rc = read_protection(st, a, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_protection_set_end(struct lt_store *s, int64_t id, const char *end_date)
{
	static const char sql[] = "UPDATE protection_measures SET end_date = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	lt_sq_bind_text_or_null(st, 1, end_date);
	sqlite3_bind_int64(st, 2, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_protection_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_protection_row *row),
				void *ctx)
{
	static const char sql[] =
		"SELECT " PROTECTION_COLS " WHERE case_id = ? ORDER BY start_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_protection_row r;
		if ((rc = read_protection(st, a, &r)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- proceedings against the victim --- */

lt_err lt_store_victim_proceeding_insert(struct lt_store *s,
					 const struct lt_victim_proceeding_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO victim_proceedings(case_id, kind, offence, offence_date, "
		"during_exploitation, authority, outcome, penalty, outcome_date, "
		"non_punishment_assessed, assessment_date, created_at, created_by, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->offence, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 4, r->offence_date);
	lt_sq_bind_int_or_null(st, 5, r->during_exploitation, -1);
	lt_sq_bind_text_or_null(st, 6, r->authority);
	sqlite3_bind_text(st, 7, r->outcome, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 8, r->penalty);
	lt_sq_bind_text_or_null(st, 9, r->outcome_date);
	sqlite3_bind_int(st, 10, r->non_punishment_assessed ? 1 : 0);
	lt_sq_bind_text_or_null(st, 11, r->assessment_date);
	sqlite3_bind_int64(st, 12, r->created_at);
	lt_sq_bind_int_or_null(st, 13, r->created_by, 0);
	sqlite3_bind_int64(st, 14, r->updated_at);
	return insert_done(s, st, id);
}

lt_err lt_store_victim_proceeding_set_note(struct lt_store *s, int64_t id,
					   const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE victim_proceedings SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

#define VICTIM_PROCEEDING_COLS                                                                \
	"id, case_id, kind, offence, coalesce(offence_date, ''), "                             \
	"coalesce(during_exploitation, -1), coalesce(authority, ''), outcome, "                \
	"coalesce(penalty, ''), coalesce(outcome_date, ''), non_punishment_assessed, "        \
	"coalesce(assessment_date, ''), note, created_at, coalesce(created_by, 0), "           \
	"updated_at FROM victim_proceedings"

static lt_err read_victim_proceeding(sqlite3_stmt *st, struct lt_arena *a,
				     struct lt_victim_proceeding_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->kind, sizeof(r->kind));
	lt_sq_col_text(st, 3, r->offence, sizeof(r->offence));
	lt_sq_col_text(st, 4, r->offence_date, sizeof(r->offence_date));
	r->during_exploitation = sqlite3_column_int(st, 5);
	lt_sq_col_text(st, 6, r->authority, sizeof(r->authority));
	lt_sq_col_text(st, 7, r->outcome, sizeof(r->outcome));
	lt_sq_col_text(st, 8, r->penalty, sizeof(r->penalty));
	lt_sq_col_text(st, 9, r->outcome_date, sizeof(r->outcome_date));
	r->non_punishment_assessed = sqlite3_column_int(st, 10) != 0;
	lt_sq_col_text(st, 11, r->assessment_date, sizeof(r->assessment_date));
	r->created_at = sqlite3_column_int64(st, 13);
	r->created_by = sqlite3_column_int64(st, 14);
	r->updated_at = sqlite3_column_int64(st, 15);
	return lt_sq_copy_blob(st, 12, a, &r->note, &r->note_len);
}

lt_err lt_store_victim_proceeding_get(struct lt_store *s, int64_t case_id, int64_t id,
				      struct lt_arena *a, struct lt_victim_proceeding_row *row)
{
	static const char sql[] = "SELECT " VICTIM_PROCEEDING_COLS " WHERE id = ? AND case_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	if (!(rc = get_one(s, st, id, case_id)))
		rc = read_victim_proceeding(st, a, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_victim_proceeding_update(struct lt_store *s,
					 const struct lt_victim_proceeding_row *r)
{
	static const char sql[] =
		"UPDATE victim_proceedings SET offence_date = ?2, during_exploitation = ?3, "
		"authority = ?4, outcome = ?5, penalty = ?6, outcome_date = ?7, "
		"non_punishment_assessed = ?8, assessment_date = ?9, updated_at = ?10 WHERE id = ?1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	lt_sq_bind_text_or_null(st, 2, r->offence_date);
	lt_sq_bind_int_or_null(st, 3, r->during_exploitation, -1);
	lt_sq_bind_text_or_null(st, 4, r->authority);
	sqlite3_bind_text(st, 5, r->outcome, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 6, r->penalty);
	lt_sq_bind_text_or_null(st, 7, r->outcome_date);
	sqlite3_bind_int(st, 8, r->non_punishment_assessed ? 1 : 0);
	lt_sq_bind_text_or_null(st, 9, r->assessment_date);
	sqlite3_bind_int64(st, 10, r->updated_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_victim_proceeding_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				       lt_err (*cb)(void *ctx,
						    const struct lt_victim_proceeding_row *row),
				       void *ctx)
{
	static const char sql[] =
		"SELECT " VICTIM_PROCEEDING_COLS " WHERE case_id = ? ORDER BY id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_victim_proceeding_row r;
		if ((rc = read_victim_proceeding(st, a, &r)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- removals --- */

lt_err lt_store_removal_insert(struct lt_store *s, const struct lt_removal_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO removals(case_id, removal_date, kind, authority, created_at, created_by) "
		"VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->kind, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 4, r->authority);
	sqlite3_bind_int64(st, 5, r->created_at);
	lt_sq_bind_int_or_null(st, 6, r->created_by, 0);
	return insert_done(s, st, id);
}

lt_err lt_store_removal_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE removals SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_removal_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			     lt_err (*cb)(void *ctx, const struct lt_removal_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT id, case_id, removal_date, kind, coalesce(authority, ''), note, created_at, "
		"coalesce(created_by, 0) FROM removals WHERE case_id = ? ORDER BY removal_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_removal_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.case_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.date, sizeof(r.date));
		lt_sq_col_text(st, 3, r.kind, sizeof(r.kind));
		lt_sq_col_text(st, 4, r.authority, sizeof(r.authority));
		r.created_at = sqlite3_column_int64(st, 6);
		r.created_by = sqlite3_column_int64(st, 7);
		if ((rc = lt_sq_copy_blob(st, 5, a, &r.note, &r.note_len)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- identity disclosures --- */

lt_err lt_store_disclosure_insert(struct lt_store *s, const struct lt_disclosure_row *r,
				  int64_t *id)
{
	static const char sql[] =
		"INSERT INTO identity_disclosures(case_id, disclosure_date, recipient, channel, "
		"created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->recipient, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->channel, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, r->created_at);
	lt_sq_bind_int_or_null(st, 6, r->created_by, 0);
	return insert_done(s, st, id);
}

lt_err lt_store_disclosure_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE identity_disclosures SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_disclosure_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_disclosure_row *row),
				void *ctx)
{
	static const char sql[] =
		"SELECT id, case_id, disclosure_date, recipient, channel, note, created_at, "
		"coalesce(created_by, 0) FROM identity_disclosures WHERE case_id = ? "
		"ORDER BY disclosure_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_disclosure_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.case_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.date, sizeof(r.date));
		lt_sq_col_text(st, 3, r.recipient, sizeof(r.recipient));
		lt_sq_col_text(st, 4, r.channel, sizeof(r.channel));
		r.created_at = sqlite3_column_int64(st, 6);
		r.created_by = sqlite3_column_int64(st, 7);
		if ((rc = lt_sq_copy_blob(st, 5, a, &r.note, &r.note_len)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- age assessments and the unaccompanied flag --- */

lt_err lt_store_age_assessment_insert(struct lt_store *s, const struct lt_age_assessment_row *r,
				      int64_t *id)
{
	static const char sql[] =
		"INSERT INTO age_assessments(case_id, assessment_date, result, method, created_at, "
		"created_by) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->result, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 4, r->method);
	sqlite3_bind_int64(st, 5, r->created_at);
	lt_sq_bind_int_or_null(st, 6, r->created_by, 0);
	return insert_done(s, st, id);
}

lt_err lt_store_age_assessment_set_note(struct lt_store *s, int64_t id,
					const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE age_assessments SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_age_assessment_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				    lt_err (*cb)(void *ctx, const struct lt_age_assessment_row *row),
				    void *ctx)
{
	static const char sql[] =
		"SELECT id, case_id, assessment_date, result, coalesce(method, ''), note, "
		"created_at, coalesce(created_by, 0) FROM age_assessments WHERE case_id = ? "
		"ORDER BY assessment_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_age_assessment_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.case_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.date, sizeof(r.date));
		lt_sq_col_text(st, 3, r.result, sizeof(r.result));
		lt_sq_col_text(st, 4, r.method, sizeof(r.method));
		r.created_at = sqlite3_column_int64(st, 6);
		r.created_by = sqlite3_column_int64(st, 7);
		if ((rc = lt_sq_copy_blob(st, 5, a, &r.note, &r.note_len)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_age_assessment_latest(struct lt_store *s, int64_t case_id, char *result,
				      size_t cap)
{
	static const char sql[] =
		"SELECT result FROM age_assessments WHERE case_id = ? "
		"ORDER BY assessment_date DESC, id DESC LIMIT 1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if (cap)
		result[0] = '\0';
	rc = lt_sq_step_one(s, st);
	if (!rc)
		lt_sq_col_text(st, 0, result, cap);
	sqlite3_reset(st);
	return rc == LT_ERR_NOT_FOUND ? LT_OK : rc;
}

lt_err lt_store_case_unaccompanied(struct lt_store *s, int64_t case_id, int *value)
{
	static const char sql[] = "SELECT coalesce(unaccompanied, -1) FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if (!(rc = lt_sq_step_one(s, st)))
		*value = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_case_set_unaccompanied(struct lt_store *s, int64_t case_id, int value)
{
	static const char sql[] = "UPDATE cases SET unaccompanied = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	lt_sq_bind_int_or_null(st, 1, value, -1);
	sqlite3_bind_int64(st, 2, case_id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

/* --- links to criminal proceedings --- */

lt_err lt_store_proceeding_concerns_case(struct lt_store *s, int64_t proceeding_id,
					 int64_t case_id, bool *yes)
{
	static const char sql[] =
		"SELECT 1 FROM proceeding_cases WHERE proceeding_id = ? AND case_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	rc = get_one(s, st, proceeding_id, case_id);
	*yes = rc == LT_OK;
	sqlite3_reset(st);
	return rc == LT_ERR_NOT_FOUND ? LT_OK : rc;
}
