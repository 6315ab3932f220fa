/* Criminal proceedings, hearings and compensation claims (migration 008). */
#include "base/str.h"
#include "store/sqlite_internal.h"

/* Runs ST (already bound) and calls READ then CB for each row. */
#define LIST_ROWS(s, st, rowtype, read, cb, ctx)                                                \
	do {                                                                                    \
		int step_;                                                                      \
		while ((step_ = sqlite3_step(st)) == SQLITE_ROW) {                              \
			rowtype r_;                                                             \
			read(st, &r_);                                                          \
			if ((rc = cb(ctx, &r_)))                                                \
				break;                                                          \
		}                                                                               \
		if (!rc && step_ != SQLITE_DONE)                                                \
			rc = lt_sq_err(s, step_);                                               \
		sqlite3_reset(st);                                                              \
	} while (0)

static int int_or(sqlite3_stmt *st, int col, int none)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? none : sqlite3_column_int(st, col);
}

static int64_t int64_or(sqlite3_stmt *st, int col, int64_t none)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? none : sqlite3_column_int64(st, col);
}

/* --- proceedings --- */

#define PROCEEDING_COLS                                                                        \
	"id, organisation_id, opened_date, offence_date, police_unit, prosecutor_office, "     \
	"prosecutor_specialised, court, file_number, stage, indictment_date, plea_agreement, " \
	"plea_date, verdict, verdict_date, verdict_article, verdict_paragraph, "               \
	"sentence_months, sentence_suspended, fine_amount, fine_currency, verdict_final, "     \
	"created_at, coalesce(created_by, 0), updated_at FROM proceedings"

static void read_proceeding(sqlite3_stmt *st, struct lt_proceeding_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->org_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->opened_date, sizeof(r->opened_date));
	lt_sq_col_text(st, 3, r->offence_date, sizeof(r->offence_date));
	lt_sq_col_text(st, 4, r->police_unit, sizeof(r->police_unit));
	lt_sq_col_text(st, 5, r->prosecutor_office, sizeof(r->prosecutor_office));
	r->prosecutor_specialised = sqlite3_column_int(st, 6) != 0;
	lt_sq_col_text(st, 7, r->court, sizeof(r->court));
	lt_sq_col_text(st, 8, r->file_number, sizeof(r->file_number));
	lt_sq_col_text(st, 9, r->stage, sizeof(r->stage));
	lt_sq_col_text(st, 10, r->indictment_date, sizeof(r->indictment_date));
	r->plea_agreement = sqlite3_column_int(st, 11) != 0;
	lt_sq_col_text(st, 12, r->plea_date, sizeof(r->plea_date));
	lt_sq_col_text(st, 13, r->verdict, sizeof(r->verdict));
	lt_sq_col_text(st, 14, r->verdict_date, sizeof(r->verdict_date));
	lt_sq_col_text(st, 15, r->verdict_article, sizeof(r->verdict_article));
	lt_sq_col_text(st, 16, r->verdict_paragraph, sizeof(r->verdict_paragraph));
	r->sentence_months = int_or(st, 17, -1);
	r->sentence_suspended = int_or(st, 18, -1);
	r->fine_amount = int64_or(st, 19, -1);
	lt_sq_col_text(st, 20, r->fine_currency, sizeof(r->fine_currency));
	r->verdict_final = int_or(st, 21, -1);
	r->created_at = sqlite3_column_int64(st, 22);
	r->created_by = sqlite3_column_int64(st, 23);
	r->updated_at = sqlite3_column_int64(st, 24);
}

/* Binds the mutable columns as parameters 2..22 (shared by insert and update). */
static void bind_proceeding(sqlite3_stmt *st, const struct lt_proceeding_row *r)
{
	sqlite3_bind_text(st, 2, r->opened_date, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 3, r->offence_date);
	lt_sq_bind_text_or_null(st, 4, r->police_unit);
	lt_sq_bind_text_or_null(st, 5, r->prosecutor_office);
	sqlite3_bind_int(st, 6, r->prosecutor_specialised);
	lt_sq_bind_text_or_null(st, 7, r->court);
	lt_sq_bind_text_or_null(st, 8, r->file_number);
	sqlite3_bind_text(st, 9, r->stage, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 10, r->indictment_date);
	sqlite3_bind_int(st, 11, r->plea_agreement);
	lt_sq_bind_text_or_null(st, 12, r->plea_date);
	lt_sq_bind_text_or_null(st, 13, r->verdict);
	lt_sq_bind_text_or_null(st, 14, r->verdict_date);
	lt_sq_bind_text_or_null(st, 15, r->verdict_article);
	lt_sq_bind_text_or_null(st, 16, r->verdict_paragraph);
	lt_sq_bind_int_or_null(st, 17, r->sentence_months, -1);
	lt_sq_bind_int_or_null(st, 18, r->sentence_suspended, -1);
	lt_sq_bind_int_or_null(st, 19, r->fine_amount, -1);
	lt_sq_bind_text_or_null(st, 20, r->fine_currency);
	lt_sq_bind_int_or_null(st, 21, r->verdict_final, -1);
	sqlite3_bind_int64(st, 22, r->updated_at);
}

lt_err lt_store_proceeding_insert(struct lt_store *s, const struct lt_proceeding_row *r,
				  int64_t *id)
{
	static const char sql[] =
		"INSERT INTO proceedings(organisation_id, opened_date, offence_date, police_unit, "
		"prosecutor_office, prosecutor_specialised, court, file_number, stage, "
		"indictment_date, plea_agreement, plea_date, verdict, verdict_date, verdict_article, "
		"verdict_paragraph, sentence_months, sentence_suspended, fine_amount, fine_currency, "
		"verdict_final, updated_at, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->org_id);
	bind_proceeding(st, r);
	sqlite3_bind_int64(st, 23, r->created_at);
	lt_sq_bind_int_or_null(st, 24, r->created_by, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_proceeding_get(struct lt_store *s, int64_t id, struct lt_proceeding_row *row)
{
	static const char sql[] = "SELECT " PROCEEDING_COLS " WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (!(rc = lt_sq_step_one(s, st)))
		read_proceeding(st, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_proceeding_update(struct lt_store *s, const struct lt_proceeding_row *r)
{
	static const char sql[] =
		"UPDATE proceedings SET opened_date = ?2, offence_date = ?3, police_unit = ?4, "
		"prosecutor_office = ?5, prosecutor_specialised = ?6, court = ?7, file_number = ?8, "
		"stage = ?9, indictment_date = ?10, plea_agreement = ?11, plea_date = ?12, "
		"verdict = ?13, verdict_date = ?14, verdict_article = ?15, verdict_paragraph = ?16, "
		"sentence_months = ?17, sentence_suspended = ?18, fine_amount = ?19, "
		"fine_currency = ?20, verdict_final = ?21, updated_at = ?22 WHERE id = ?1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	bind_proceeding(st, r);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_proceeding_case_add(struct lt_store *s, int64_t pid, int64_t case_id,
				    const char *role)
{
	static const char sql[] =
		"INSERT INTO proceeding_cases(proceeding_id, case_id, victim_role) VALUES (?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	sqlite3_bind_int64(st, 2, case_id);
	sqlite3_bind_text(st, 3, role, -1, SQLITE_STATIC);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if ((step & 0xff) == SQLITE_CONSTRAINT)
		return LT_ERR_CONFLICT;
	return step == SQLITE_DONE ? LT_OK : lt_sq_err(s, step);
}

static void read_proceeding_case(sqlite3_stmt *st, struct lt_proceeding_case_row *r)
{
	memset(r, 0, sizeof(*r));
	r->proceeding_id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->case_number, sizeof(r->case_number));
	r->case_org_id = sqlite3_column_int64(st, 3);
	lt_sq_col_text(st, 4, r->victim_role, sizeof(r->victim_role));
}

lt_err lt_store_proceeding_cases(struct lt_store *s, int64_t pid,
				 lt_err (*cb)(void *ctx, const struct lt_proceeding_case_row *row),
				 void *ctx)
{
	static const char sql[] =
		"SELECT pc.proceeding_id, pc.case_id, c.case_number, c.organisation_id, "
		"pc.victim_role FROM proceeding_cases pc JOIN cases c ON c.id = pc.case_id "
		"WHERE pc.proceeding_id = ? ORDER BY pc.case_id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	LIST_ROWS(s, st, struct lt_proceeding_case_row, read_proceeding_case, cb, ctx);
	return rc;
}

lt_err lt_store_case_proceedings(struct lt_store *s, int64_t case_id,
				 lt_err (*cb)(void *ctx, const struct lt_proceeding_case_row *row),
				 void *ctx)
{
	static const char sql[] =
		"SELECT pc.proceeding_id, pc.case_id, c.case_number, c.organisation_id, "
		"pc.victim_role FROM proceeding_cases pc JOIN cases c ON c.id = pc.case_id "
		"WHERE pc.case_id = ? ORDER BY pc.proceeding_id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	LIST_ROWS(s, st, struct lt_proceeding_case_row, read_proceeding_case, cb, ctx);
	return rc;
}

/* --- stages and charges --- */

lt_err lt_store_proceeding_stage_insert(struct lt_store *s, const struct lt_proceeding_stage_row *r)
{
	static const char sql[] = "INSERT INTO proceeding_stages(proceeding_id, stage, stage_date, "
				  "created_at, created_by) VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->proceeding_id);
	sqlite3_bind_text(st, 2, r->stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, r->created_at);
	lt_sq_bind_int_or_null(st, 5, r->created_by, 0);
	return lt_sq_exec(s, st);
}

static void read_stage(sqlite3_stmt *st, struct lt_proceeding_stage_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->proceeding_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->stage, sizeof(r->stage));
	lt_sq_col_text(st, 3, r->date, sizeof(r->date));
	r->created_at = sqlite3_column_int64(st, 4);
	r->created_by = sqlite3_column_int64(st, 5);
}

lt_err lt_store_proceeding_stages(struct lt_store *s, int64_t pid,
				  lt_err (*cb)(void *ctx, const struct lt_proceeding_stage_row *row),
				  void *ctx)
{
	static const char sql[] =
		"SELECT id, proceeding_id, stage, stage_date, created_at, coalesce(created_by, 0) "
		"FROM proceeding_stages WHERE proceeding_id = ? ORDER BY stage_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	LIST_ROWS(s, st, struct lt_proceeding_stage_row, read_stage, cb, ctx);
	return rc;
}

lt_err lt_store_charge_insert(struct lt_store *s, const struct lt_charge_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO proceeding_charges(proceeding_id, charge_date, stage, article, "
		"paragraph, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->proceeding_id);
	sqlite3_bind_text(st, 2, r->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->article, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 5, r->paragraph);
	sqlite3_bind_int64(st, 6, r->created_at);
	lt_sq_bind_int_or_null(st, 7, r->created_by, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

static void read_charge(sqlite3_stmt *st, struct lt_charge_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->proceeding_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->date, sizeof(r->date));
	lt_sq_col_text(st, 3, r->stage, sizeof(r->stage));
	lt_sq_col_text(st, 4, r->article, sizeof(r->article));
	lt_sq_col_text(st, 5, r->paragraph, sizeof(r->paragraph));
	r->created_at = sqlite3_column_int64(st, 6);
	r->created_by = sqlite3_column_int64(st, 7);
}

lt_err lt_store_charges(struct lt_store *s, int64_t pid,
			lt_err (*cb)(void *ctx, const struct lt_charge_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT id, proceeding_id, charge_date, stage, article, paragraph, created_at, "
		"coalesce(created_by, 0) FROM proceeding_charges WHERE proceeding_id = ? "
		"ORDER BY charge_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	LIST_ROWS(s, st, struct lt_charge_row, read_charge, cb, ctx);
	return rc;
}

/* --- appeals --- */

lt_err lt_store_appeal_insert(struct lt_store *s, const struct lt_appeal_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO proceeding_appeals(proceeding_id, filed_date, appellant, decided_date, "
		"outcome, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->proceeding_id);
	sqlite3_bind_text(st, 2, r->filed_date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->appellant, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 4, r->decided_date);
	lt_sq_bind_text_or_null(st, 5, r->outcome);
	sqlite3_bind_int64(st, 6, r->created_at);
	lt_sq_bind_int_or_null(st, 7, r->created_by, 0);
	sqlite3_bind_int64(st, 8, r->updated_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

#define APPEAL_COLS                                                                            \
	"id, proceeding_id, filed_date, appellant, decided_date, outcome, created_at, "        \
	"coalesce(created_by, 0), updated_at FROM proceeding_appeals"

static void read_appeal(sqlite3_stmt *st, struct lt_appeal_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->proceeding_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, r->filed_date, sizeof(r->filed_date));
	lt_sq_col_text(st, 3, r->appellant, sizeof(r->appellant));
	lt_sq_col_text(st, 4, r->decided_date, sizeof(r->decided_date));
	lt_sq_col_text(st, 5, r->outcome, sizeof(r->outcome));
	r->created_at = sqlite3_column_int64(st, 6);
	r->created_by = sqlite3_column_int64(st, 7);
	r->updated_at = sqlite3_column_int64(st, 8);
}

lt_err lt_store_appeal_get(struct lt_store *s, int64_t pid, int64_t id, struct lt_appeal_row *row)
{
	static const char sql[] = "SELECT " APPEAL_COLS " WHERE id = ? AND proceeding_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, pid);
	if (!(rc = lt_sq_step_one(s, st)))
		read_appeal(st, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_appeal_update(struct lt_store *s, const struct lt_appeal_row *r)
{
	static const char sql[] = "UPDATE proceeding_appeals SET decided_date = ?2, outcome = ?3, "
				  "updated_at = ?4 WHERE id = ?1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	lt_sq_bind_text_or_null(st, 2, r->decided_date);
	lt_sq_bind_text_or_null(st, 3, r->outcome);
	sqlite3_bind_int64(st, 4, r->updated_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_appeals(struct lt_store *s, int64_t pid,
			lt_err (*cb)(void *ctx, const struct lt_appeal_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT " APPEAL_COLS " WHERE proceeding_id = ? ORDER BY filed_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	LIST_ROWS(s, st, struct lt_appeal_row, read_appeal, cb, ctx);
	return rc;
}

/* --- hearings --- */

lt_err lt_store_hearing_insert(struct lt_store *s, const struct lt_hearing_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO hearings(proceeding_id, case_id, hearing_date, confrontation, "
		"created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->proceeding_id);
	sqlite3_bind_int64(st, 2, r->case_id);
	sqlite3_bind_text(st, 3, r->date, -1, SQLITE_STATIC);
	lt_sq_bind_int_or_null(st, 4, r->confrontation, -1);
	sqlite3_bind_int64(st, 5, r->created_at);
	lt_sq_bind_int_or_null(st, 6, r->created_by, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_hearing_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE hearings SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_hearings(struct lt_store *s, int64_t pid, struct lt_arena *a,
			 lt_err (*cb)(void *ctx, const struct lt_hearing_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT id, proceeding_id, case_id, hearing_date, confrontation, note, created_at, "
		"coalesce(created_by, 0) FROM hearings WHERE proceeding_id = ? "
		"ORDER BY hearing_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_hearing_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.proceeding_id = sqlite3_column_int64(st, 1);
		r.case_id = sqlite3_column_int64(st, 2);
		lt_sq_col_text(st, 3, r.date, sizeof(r.date));
		r.confrontation = int_or(st, 4, -1);
		if ((rc = lt_sq_copy_blob(st, 5, a, &r.note, &r.note_len)))
			break;
		r.created_at = sqlite3_column_int64(st, 6);
		r.created_by = sqlite3_column_int64(st, 7);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_hearing_measure_insert(struct lt_store *s, const struct lt_hearing_measure_row *r)
{
	static const char sql[] =
		"INSERT INTO hearing_measures(hearing_id, measure, requested, granted, carried_out) "
		"VALUES (?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->hearing_id);
	sqlite3_bind_text(st, 2, r->measure, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, r->requested);
	sqlite3_bind_int(st, 4, r->granted);
	lt_sq_bind_int_or_null(st, 5, r->carried_out, -1);
	int step = sqlite3_step(st);
	sqlite3_reset(st);
	if ((step & 0xff) == SQLITE_CONSTRAINT)
		return LT_ERR_CONFLICT;
	return step == SQLITE_DONE ? LT_OK : lt_sq_err(s, step);
}

static void read_measure(sqlite3_stmt *st, struct lt_hearing_measure_row *r)
{
	memset(r, 0, sizeof(*r));
	r->hearing_id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, r->measure, sizeof(r->measure));
	r->requested = sqlite3_column_int(st, 2) != 0;
	r->granted = sqlite3_column_int(st, 3) != 0;
	r->carried_out = int_or(st, 4, -1);
}

lt_err lt_store_hearing_measures(struct lt_store *s, int64_t pid,
				 lt_err (*cb)(void *ctx, const struct lt_hearing_measure_row *row),
				 void *ctx)
{
	static const char sql[] =
		"SELECT m.hearing_id, m.measure, m.requested, m.granted, m.carried_out "
		"FROM hearing_measures m JOIN hearings h ON h.id = m.hearing_id "
		"WHERE h.proceeding_id = ? ORDER BY m.hearing_id, m.measure";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, pid);
	LIST_ROWS(s, st, struct lt_hearing_measure_row, read_measure, cb, ctx);
	return rc;
}

/* --- compensation claims --- */

lt_err lt_store_claim_insert(struct lt_store *s, const struct lt_claim_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO compensation_claims(case_id, proceeding_id, forum, claimed_date, "
		"amount_claimed, currency, status, award_date, amount_awarded, amount_paid, "
		"paid_date, created_at, created_by, updated_at) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	lt_sq_bind_int_or_null(st, 2, r->proceeding_id, 0);
	sqlite3_bind_text(st, 3, r->forum, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->claimed_date, -1, SQLITE_STATIC);
	lt_sq_bind_int_or_null(st, 5, r->amount_claimed, -1);
	sqlite3_bind_text(st, 6, r->currency, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, r->status, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 8, r->award_date);
	lt_sq_bind_int_or_null(st, 9, r->amount_awarded, -1);
	lt_sq_bind_int_or_null(st, 10, r->amount_paid, -1);
	lt_sq_bind_text_or_null(st, 11, r->paid_date);
	sqlite3_bind_int64(st, 12, r->created_at);
	lt_sq_bind_int_or_null(st, 13, r->created_by, 0);
	sqlite3_bind_int64(st, 14, r->updated_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

#define CLAIM_COLS                                                                             \
	"id, case_id, coalesce(proceeding_id, 0), forum, claimed_date, amount_claimed, "       \
	"currency, status, award_date, amount_awarded, amount_paid, paid_date, created_at, "   \
	"coalesce(created_by, 0), updated_at FROM compensation_claims"

static void read_claim(sqlite3_stmt *st, struct lt_claim_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->case_id = sqlite3_column_int64(st, 1);
	r->proceeding_id = sqlite3_column_int64(st, 2);
	lt_sq_col_text(st, 3, r->forum, sizeof(r->forum));
	lt_sq_col_text(st, 4, r->claimed_date, sizeof(r->claimed_date));
	r->amount_claimed = int64_or(st, 5, -1);
	lt_sq_col_text(st, 6, r->currency, sizeof(r->currency));
	lt_sq_col_text(st, 7, r->status, sizeof(r->status));
	lt_sq_col_text(st, 8, r->award_date, sizeof(r->award_date));
	r->amount_awarded = int64_or(st, 9, -1);
	r->amount_paid = int64_or(st, 10, -1);
	lt_sq_col_text(st, 11, r->paid_date, sizeof(r->paid_date));
	r->created_at = sqlite3_column_int64(st, 12);
	r->created_by = sqlite3_column_int64(st, 13);
	r->updated_at = sqlite3_column_int64(st, 14);
}

lt_err lt_store_claim_get(struct lt_store *s, int64_t case_id, int64_t id, struct lt_claim_row *row)
{
	static const char sql[] = "SELECT " CLAIM_COLS " WHERE id = ? AND case_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, case_id);
	if (!(rc = lt_sq_step_one(s, st)))
		read_claim(st, row);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_claim_update(struct lt_store *s, const struct lt_claim_row *r)
{
	static const char sql[] =
		"UPDATE compensation_claims SET status = ?2, award_date = ?3, amount_awarded = ?4, "
		"amount_paid = ?5, paid_date = ?6, updated_at = ?7 WHERE id = ?1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, r->status, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 3, r->award_date);
	lt_sq_bind_int_or_null(st, 4, r->amount_awarded, -1);
	lt_sq_bind_int_or_null(st, 5, r->amount_paid, -1);
	lt_sq_bind_text_or_null(st, 6, r->paid_date);
	sqlite3_bind_int64(st, 7, r->updated_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_claims(struct lt_store *s, int64_t case_id, int64_t pid,
		       lt_err (*cb)(void *ctx, const struct lt_claim_row *row), void *ctx)
{
	static const char by_case[] = "SELECT " CLAIM_COLS " WHERE case_id = ? ORDER BY id";
	static const char by_proceeding[] =
		"SELECT " CLAIM_COLS " WHERE proceeding_id = ? ORDER BY id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, case_id ? by_case : by_proceeding, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id ? case_id : pid);
	LIST_ROWS(s, st, struct lt_claim_row, read_claim, cb, ctx);
	return rc;
}
