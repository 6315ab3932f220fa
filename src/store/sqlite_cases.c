/* Cases: the record itself, its exploitation forms and countries, the
 * filtered list, the timeline and the identification decisions. */
#include "base/str.h"
#include "store/sqlite_internal.h"

lt_err lt_store_case_next_seq(struct lt_store *s, int64_t year, int64_t *seq)
{
	static const char sql[] =
		"SELECT coalesce(max(number_seq), 0) + 1 FROM cases WHERE number_year = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, year);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*seq = sqlite3_column_int64(st, 0);
	else
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_case_number_parts(struct lt_store *s, int64_t id, int64_t *year, int64_t *seq)
{
	static const char sql[] = "SELECT number_year, number_seq FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*year = sqlite3_column_int64(st, 0);
		*seq = sqlite3_column_int64(st, 1);
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_case_insert(struct lt_store *s, const struct lt_case_row *r, int64_t year,
			    int64_t seq, int64_t *id)
{
	/* ?26 NULL lets SQLite choose the id; a replaced case gives its own. */
	static const char sql[] =
		"INSERT INTO cases(case_number, number_year, number_seq, ref, person_id, "
		"organisation_id, group_id, status, referral_date, referral_year, referral_source, "
		"referring_organisation, consent_to_share, consent_date, age_at_referral, is_child, "
		"cooperation, reasonable_grounds, reasonable_grounds_date, identification, "
		"identification_date, identification_body, created_at, created_by, updated_at, id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
		"?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, r->case_number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, year);
	sqlite3_bind_int64(st, 3, seq);
	lt_sq_bind_text_or_null(st, 4, r->ref);
	sqlite3_bind_int64(st, 5, r->person_id);
	sqlite3_bind_int64(st, 6, r->org_id);
	lt_sq_bind_int_or_null(st, 7, r->group_id, 0);
	sqlite3_bind_text(st, 8, r->status, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, r->referral_date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 10, r->referral_year);
	sqlite3_bind_text(st, 11, r->referral_source, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 12, r->referring_org);
	sqlite3_bind_int(st, 13, r->consent_to_share ? 1 : 0);
	lt_sq_bind_text_or_null(st, 14, r->consent_date);
	lt_sq_bind_int_or_null(st, 15, r->age_at_referral, -1);
	lt_sq_bind_int_or_null(st, 16, r->is_child, -1);
	sqlite3_bind_text(st, 17, r->cooperation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 18, r->reasonable_grounds, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 19, r->reasonable_grounds_date);
	sqlite3_bind_text(st, 20, r->identification, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 21, r->identification_date);
	lt_sq_bind_text_or_null(st, 22, r->identification_body);
	sqlite3_bind_int64(st, 23, r->created_at);
	lt_sq_bind_int_or_null(st, 24, r->created_by, 0);
	sqlite3_bind_int64(st, 25, r->updated_at);
	lt_sq_bind_int_or_null(st, 26, r->id, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_person_max_id(struct lt_store *s, int64_t *max)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM persons";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	return lt_sq_one_int(s, st, max);
}

lt_err lt_store_person_case_count(struct lt_store *s, int64_t person_id, int64_t *n)
{
	static const char sql[] = "SELECT count(*) FROM cases WHERE person_id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, person_id);
	return lt_sq_one_int(s, st, n);
}

#define CASE_COLS                                                                              \
	"id, case_number, coalesce(ref, ''), person_id, organisation_id, coalesce(group_id, 0), " \
	"status, coalesce(status_before_close, ''), referral_date, referral_year, "             \
	"referral_source, coalesce(referring_organisation, ''), consent_to_share, "             \
	"coalesce(consent_date, ''), coalesce(age_at_referral, -1), coalesce(is_child, -1), "   \
	"cooperation, reasonable_grounds, coalesce(reasonable_grounds_date, ''), "              \
	"identification, coalesce(identification_date, ''), "                                  \
	"coalesce(identification_body, ''), created_at, coalesce(created_by, 0), updated_at"

static void read_case(sqlite3_stmt *st, struct lt_case_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, r->case_number, sizeof(r->case_number));
	lt_sq_col_text(st, 2, r->ref, sizeof(r->ref));
	r->person_id = sqlite3_column_int64(st, 3);
	r->org_id = sqlite3_column_int64(st, 4);
	r->group_id = sqlite3_column_int64(st, 5);
	lt_sq_col_text(st, 6, r->status, sizeof(r->status));
	lt_sq_col_text(st, 7, r->status_before_close, sizeof(r->status_before_close));
	lt_sq_col_text(st, 8, r->referral_date, sizeof(r->referral_date));
	r->referral_year = sqlite3_column_int64(st, 9);
	lt_sq_col_text(st, 10, r->referral_source, sizeof(r->referral_source));
	lt_sq_col_text(st, 11, r->referring_org, sizeof(r->referring_org));
	r->consent_to_share = sqlite3_column_int(st, 12) != 0;
	lt_sq_col_text(st, 13, r->consent_date, sizeof(r->consent_date));
	r->age_at_referral = sqlite3_column_int(st, 14);
	r->is_child = sqlite3_column_int(st, 15);
	lt_sq_col_text(st, 16, r->cooperation, sizeof(r->cooperation));
	lt_sq_col_text(st, 17, r->reasonable_grounds, sizeof(r->reasonable_grounds));
	lt_sq_col_text(st, 18, r->reasonable_grounds_date, sizeof(r->reasonable_grounds_date));
	lt_sq_col_text(st, 19, r->identification, sizeof(r->identification));
	lt_sq_col_text(st, 20, r->identification_date, sizeof(r->identification_date));
	lt_sq_col_text(st, 21, r->identification_body, sizeof(r->identification_body));
	r->created_at = sqlite3_column_int64(st, 22);
	r->created_by = sqlite3_column_int64(st, 23);
	r->updated_at = sqlite3_column_int64(st, 24);
}

lt_err lt_store_case_get(struct lt_store *s, int64_t id, struct lt_case_row *row)
{
	static const char sql[] = "SELECT " CASE_COLS " FROM cases WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		read_case(st, row);
	else
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_case_by_number(struct lt_store *s, const char *number, int64_t *id)
{
	static const char sql[] = "SELECT id FROM cases WHERE case_number = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	return lt_sq_one_int(s, st, id);
}

lt_err lt_store_case_by_ref(struct lt_store *s, const char *ref, int64_t *id)
{
	static const char sql[] = "SELECT id FROM cases WHERE ref = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	return lt_sq_one_int(s, st, id);
}

lt_err lt_store_case_update(struct lt_store *s, const struct lt_case_row *r)
{
	static const char sql[] =
		"UPDATE cases SET status = ?2, status_before_close = ?3, consent_to_share = ?4, "
		"consent_date = ?5, cooperation = ?6, reasonable_grounds = ?7, "
		"reasonable_grounds_date = ?8, identification = ?9, identification_date = ?10, "
		"identification_body = ?11, updated_at = ?12, group_id = ?13 WHERE id = ?1";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_text(st, 2, r->status, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 3, r->status_before_close);
	sqlite3_bind_int(st, 4, r->consent_to_share ? 1 : 0);
	lt_sq_bind_text_or_null(st, 5, r->consent_date);
	sqlite3_bind_text(st, 6, r->cooperation, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, r->reasonable_grounds, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 8, r->reasonable_grounds_date);
	sqlite3_bind_text(st, 9, r->identification, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 10, r->identification_date);
	lt_sq_bind_text_or_null(st, 11, r->identification_body);
	sqlite3_bind_int64(st, 12, r->updated_at);
	lt_sq_bind_int_or_null(st, 13, r->group_id, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_case_later_records(struct lt_store *s, int64_t id, const char **what)
{
	/* Records no case document carries: erasing them on a re-import would
	 * lose a screening, a court record or a protection history for good. */
	static const struct {
		const char *sql, *what;
	} checks[] = {
		{"SELECT EXISTS (SELECT 1 FROM case_screenings WHERE case_id = ?)", "screenings"},
		{"SELECT EXISTS (SELECT 1 FROM proceeding_cases WHERE case_id = ?)", "criminal proceedings"},
		{"SELECT EXISTS (SELECT 1 FROM compensation_claims WHERE case_id = ?)", "compensation claims"},
		{"SELECT EXISTS (SELECT 1 FROM threats WHERE case_id = ?) OR "
		 "EXISTS (SELECT 1 FROM protection_measures WHERE case_id = ?1)", "threats or protection measures"},
		{"SELECT EXISTS (SELECT 1 FROM victim_proceedings WHERE case_id = ?)", "proceedings against the victim"},
		{"SELECT EXISTS (SELECT 1 FROM removals WHERE case_id = ?)", "removals"},
		{"SELECT EXISTS (SELECT 1 FROM identity_disclosures WHERE case_id = ?)", "identity disclosures"},
		{"SELECT EXISTS (SELECT 1 FROM age_assessments WHERE case_id = ?)", "age assessments"},
	};
	*what = NULL;
	for (size_t i = 0; i < LT_ARRAY_LEN(checks); i++) {
		sqlite3_stmt *st;
		int64_t found = 0;
		lt_err rc = lt_sq_stmt(s, checks[i].sql, &st);
		if (rc)
			return rc;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = lt_sq_one_int(s, st, &found)))
			return rc;
		if (found) {
			*what = checks[i].what;
			return LT_OK;
		}
	}
	return LT_OK;
}

lt_err lt_store_case_delete(struct lt_store *s, int64_t id)
{
	/* Children first; the person goes too when no other case names them. */
	static const char *const sqls[] = {
		/* Alerts speak of the case as it was; the import's commit raises them anew. */
		"DELETE FROM alert_events WHERE alert_id IN (SELECT id FROM alerts WHERE case_id = ?)",
		"DELETE FROM alerts WHERE case_id = ?",
		"DELETE FROM case_exploitation WHERE case_id = ?",
		"DELETE FROM case_countries WHERE case_id = ?",
		"DELETE FROM case_events WHERE case_id = ?",
		"DELETE FROM case_decisions WHERE case_id = ?",
		"DELETE FROM reflection_periods WHERE case_id = ?",
		"DELETE FROM case_services WHERE case_id = ?",
		"DELETE FROM placements WHERE case_id = ?",
		"DELETE FROM referrals WHERE case_id = ?",
	};
	static const char person_sql[] = "SELECT person_id FROM cases WHERE id = ?";
	static const char case_sql[] = "DELETE FROM cases WHERE id = ?";
	static const char orphan_cit[] =
		"DELETE FROM person_citizenships WHERE person_id = ?1 AND NOT EXISTS "
		"(SELECT 1 FROM cases WHERE person_id = ?1)";
	static const char orphan_person[] =
		"DELETE FROM persons WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM cases WHERE person_id = ?1)";
	sqlite3_stmt *st;
	int64_t person_id = 0;
	lt_err rc = lt_sq_stmt(s, person_sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = lt_sq_one_int(s, st, &person_id)))
		return rc;
	for (size_t i = 0; i < LT_ARRAY_LEN(sqls); i++) {
		if ((rc = lt_sq_stmt(s, sqls[i], &st)))
			return rc;
		sqlite3_bind_int64(st, 1, id);
		if ((rc = lt_sq_exec(s, st)))
			return rc;
	}
	if ((rc = lt_sq_stmt(s, case_sql, &st)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	const char *orphans[] = {orphan_cit, orphan_person};
	for (size_t i = 0; i < 2; i++) {
		if ((rc = lt_sq_stmt(s, orphans[i], &st)))
			return rc;
		sqlite3_bind_int64(st, 1, person_id);
		if ((rc = lt_sq_exec(s, st)))
			return rc;
	}
	return LT_OK;
}

static lt_err add_pair(struct lt_store *s, const char *sql, int64_t id, const char *code)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	return lt_sq_exec(s, st);
}

lt_err lt_store_case_add_form(struct lt_store *s, int64_t case_id, const char *form)
{
	static const char sql[] = "INSERT OR IGNORE INTO case_exploitation(case_id, form) VALUES (?, ?)";
	return add_pair(s, sql, case_id, form);
}

lt_err lt_store_case_add_country(struct lt_store *s, int64_t case_id, const char *country)
{
	static const char sql[] = "INSERT OR IGNORE INTO case_countries(case_id, country) VALUES (?, ?)";
	return add_pair(s, sql, case_id, country);
}

lt_err lt_store_person_add_citizenship(struct lt_store *s, int64_t person_id, const char *country)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO person_citizenships(person_id, country) VALUES (?, ?)";
	return add_pair(s, sql, person_id, country);
}

static lt_err list_codes(struct lt_store *s, const char *sql, int64_t id,
			 lt_err (*cb)(void *ctx, const char *code), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb(ctx, (const char *)sqlite3_column_text(st, 0))))
			break;
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_case_forms(struct lt_store *s, int64_t case_id,
			   lt_err (*cb)(void *ctx, const char *code), void *ctx)
{
	static const char sql[] = "SELECT form FROM case_exploitation WHERE case_id = ? ORDER BY form";
	return list_codes(s, sql, case_id, cb, ctx);
}

lt_err lt_store_case_countries(struct lt_store *s, int64_t case_id,
			       lt_err (*cb)(void *ctx, const char *code), void *ctx)
{
	static const char sql[] = "SELECT country FROM case_countries WHERE case_id = ? ORDER BY country";
	return list_codes(s, sql, case_id, cb, ctx);
}

lt_err lt_store_person_citizenships(struct lt_store *s, int64_t person_id,
				    lt_err (*cb)(void *ctx, const char *code), void *ctx)
{
	static const char sql[] =
		"SELECT country FROM person_citizenships WHERE person_id = ? ORDER BY country";
	return list_codes(s, sql, person_id, cb, ctx);
}

lt_err lt_store_person_set_birth(struct lt_store *s, int64_t id, const struct lt_buf *birth_date,
				 bool age_uncertain)
{
	static const char sql[] = "UPDATE persons SET birth_date = ?, age_uncertain = ? WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	lt_sq_bind_buf(st, 1, birth_date);
	sqlite3_bind_int(st, 2, age_uncertain ? 1 : 0);
	sqlite3_bind_int64(st, 3, id);
	return lt_sq_exec(s, st);
}

lt_err lt_store_person_birth(struct lt_store *s, int64_t id, struct lt_arena *a,
			     const unsigned char **birth_date, size_t *len, bool *age_uncertain)
{
	static const char sql[] = "SELECT birth_date, age_uncertain FROM persons WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		rc = lt_sq_copy_blob(st, 0, a, birth_date, len);
		*age_uncertain = sqlite3_column_int(st, 1) != 0;
	} else {
		rc = step == SQLITE_DONE ? LT_ERR_NOT_FOUND : lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_case_share(struct lt_store *s, int64_t case_id, int64_t org_id,
			   struct lt_case_share *out)
{
	static const char sql[] =
		"SELECT count(*), coalesce(max(share_identity), 0) * "
		"(SELECT consent_to_share FROM cases WHERE id = ?1) FROM referrals WHERE case_id = ?1 "
		"AND to_org = ?2 AND status IN ('sent', 'accepted', 'completed')";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_int64(st, 2, org_id);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->visible = sqlite3_column_int(st, 0) > 0;
		out->share_identity = sqlite3_column_int(st, 1) != 0;
	} else {
		rc = lt_sq_err(s, step);
	}
	sqlite3_reset(st);
	return rc;
}

/* The WHERE clause for F, with numbered parameters so the count and the page
 * share their bindings. */
static lt_err case_where(const struct lt_case_filter *f, struct lt_buf *w)
{
	lt_err rc = lt_buf_adds(w, " WHERE 1");
	if (!rc && f->status)
		rc = lt_buf_adds(w, " AND c.status = ?1");
	if (!rc && f->source)
		rc = lt_buf_adds(w, " AND c.referral_source = ?2");
	if (!rc && f->exploitation)
		rc = lt_buf_adds(w, " AND EXISTS (SELECT 1 FROM case_exploitation e WHERE "
				    "e.case_id = c.id AND e.form = ?3)");
	if (!rc && f->sex)
		rc = lt_buf_adds(w, " AND p.sex = ?4");
	if (!rc && f->citizenship)
		rc = lt_buf_adds(w, " AND EXISTS (SELECT 1 FROM person_citizenships pc WHERE "
				    "pc.person_id = c.person_id AND pc.country = ?5)");
	if (!rc && f->number)
		rc = lt_buf_adds(w, " AND c.case_number = ?6");
	if (!rc && f->year)
		rc = lt_buf_adds(w, " AND c.number_year = ?7");
	if (!rc && f->child >= 0)
		rc = lt_buf_adds(w, " AND c.is_child = ?8");
	if (!rc && f->org_id)
		rc = lt_buf_adds(w, " AND c.organisation_id = ?9");
	if (!rc && f->group_id)
		rc = lt_buf_adds(w, " AND c.group_id = ?10");
	if (!rc && f->negative_unreviewed)
		/* The last decision before any review was negative, whatever the
		 * case's status now: closing a case does not make its unreviewed
		 * negative decision go away. */
		rc = lt_buf_adds(w, " AND (SELECT d.outcome FROM case_decisions d WHERE d.case_id = "
				    "c.id AND d.stage <> 'review' ORDER BY d.id DESC LIMIT 1) IN "
				    "('negative', 'not_identified') AND NOT EXISTS (SELECT 1 FROM "
				    "case_decisions d WHERE d.case_id = c.id AND d.stage = 'review')");
	if (!rc && f->scope_org)
		rc = lt_buf_adds(w, " AND (c.organisation_id = ?11 OR EXISTS (SELECT 1 FROM "
				    "referrals r WHERE r.case_id = c.id AND r.to_org = ?11 AND "
				    "r.status IN ('sent', 'accepted', 'completed')))");
	return rc;
}

static void bind_filter(sqlite3_stmt *st, const struct lt_case_filter *f)
{
	const char *texts[] = {f->status, f->source, f->exploitation, f->sex, f->citizenship,
			       f->number};
	for (int i = 0; i < 6; i++)
		if (texts[i])
			sqlite3_bind_text(st, i + 1, texts[i], -1, SQLITE_STATIC);
	if (f->year)
		sqlite3_bind_int64(st, 7, f->year);
	if (f->child >= 0)
		sqlite3_bind_int(st, 8, f->child);
	if (f->org_id)
		sqlite3_bind_int64(st, 9, f->org_id);
	if (f->group_id)
		sqlite3_bind_int64(st, 10, f->group_id);
	if (f->scope_org)
		sqlite3_bind_int64(st, 11, f->scope_org);
}

static const char *order_clause(const char *sort, bool desc)
{
	if (!sort || !strcmp(sort, "case_number"))
		return desc ? "c.number_year DESC, c.number_seq DESC" : "c.number_year, c.number_seq";
	if (!strcmp(sort, "referral_date"))
		return desc ? "c.referral_date DESC, c.id DESC" : "c.referral_date, c.id";
	if (!strcmp(sort, "status"))
		return desc ? "c.status DESC, c.id DESC" : "c.status, c.id";
	return desc ? "c.updated_at DESC, c.id DESC" : "c.updated_at, c.id";
}

lt_err lt_store_case_list(struct lt_store *s, const struct lt_case_filter *f, int64_t *total,
			  lt_err (*cb)(void *ctx, const struct lt_case_summary *row), void *ctx)
{
	struct lt_buf where, sql;
	lt_buf_init(&where, 4096);
	lt_buf_init(&sql, 8192);
	sqlite3_stmt *st;
	lt_err rc = case_where(f, &where);
	if (!rc)
		rc = lt_buf_addf(&sql, "SELECT count(*) FROM cases c%s%s",
				 f->sex ? " JOIN persons p ON p.id = c.person_id" : "", where.data);
	if (!rc)
		rc = lt_sq_stmt_text(s, sql.data, &st);
	if (rc)
		goto done;
	bind_filter(st, f);
	if ((rc = lt_sq_one_int(s, st, total)))
		goto done;

	lt_buf_reset(&sql);
	rc = lt_buf_addf(&sql,
			 "SELECT c.id, c.case_number, c.status, p.sex, coalesce(c.age_at_referral, -1), "
			 "coalesce(c.is_child, -1), c.referral_date, c.referral_source, "
			 "c.organisation_id, o.name, coalesce(c.group_id, 0), "
			 "(SELECT group_concat(form, ',') FROM case_exploitation e WHERE e.case_id = c.id) "
			 "FROM (SELECT c.id FROM cases c%s%s ORDER BY %s LIMIT ?12 OFFSET ?13) pg "
			 "JOIN cases c ON c.id = pg.id JOIN persons p ON p.id = c.person_id "
			 "JOIN organisations o ON o.id = c.organisation_id ORDER BY %s",
			 f->sex ? " JOIN persons p ON p.id = c.person_id" : "", where.data,
			 order_clause(f->sort, f->descending), order_clause(f->sort, f->descending));
	if (!rc)
		rc = lt_sq_stmt_text(s, sql.data, &st);
	if (rc)
		goto done;
	bind_filter(st, f);
	sqlite3_bind_int(st, 12, f->limit > 0 ? f->limit : 50);
	sqlite3_bind_int(st, 13, f->offset > 0 ? f->offset : 0);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_case_summary row;
		memset(&row, 0, sizeof(row));
		row.id = sqlite3_column_int64(st, 0);
		lt_sq_col_text(st, 1, row.case_number, sizeof(row.case_number));
		lt_sq_col_text(st, 2, row.status, sizeof(row.status));
		lt_sq_col_text(st, 3, row.sex, sizeof(row.sex));
		row.age_at_referral = sqlite3_column_int(st, 4);
		row.is_child = sqlite3_column_int(st, 5);
		lt_sq_col_text(st, 6, row.referral_date, sizeof(row.referral_date));
		lt_sq_col_text(st, 7, row.referral_source, sizeof(row.referral_source));
		row.org_id = sqlite3_column_int64(st, 8);
		lt_sq_col_text(st, 9, row.org_name, sizeof(row.org_name));
		row.group_id = sqlite3_column_int64(st, 10);
		lt_sq_col_text(st, 11, row.forms, sizeof(row.forms));
		if ((rc = cb(ctx, &row)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
done:
	lt_buf_release(&where);
	lt_buf_release(&sql);
	return rc;
}

lt_err lt_store_case_count_by_status(struct lt_store *s, int64_t scope_org,
				     lt_err (*cb)(void *ctx, const char *status, int64_t n),
				     void *ctx)
{
	static const char sql[] =
		"SELECT c.status, count(*) FROM cases c WHERE ?1 = 0 OR c.organisation_id = ?1 OR "
		"EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = c.id AND r.to_org = ?1 AND "
		"r.status IN ('sent', 'accepted', 'completed')) GROUP BY c.status";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, scope_org);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = cb(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1))))
			break;
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- timeline --- */

lt_err lt_store_event_insert(struct lt_store *s, const struct lt_case_event_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO case_events(case_id, kind, action, from_status, to_status, event_date, "
		"detail, actor_user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->kind, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 3, r->action);
	lt_sq_bind_text_or_null(st, 4, r->from_status);
	lt_sq_bind_text_or_null(st, 5, r->to_status);
	sqlite3_bind_text(st, 6, r->event_date, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 7, r->detail);
	lt_sq_bind_int_or_null(st, 8, r->actor_user_id, 0);
	sqlite3_bind_int64(st, 9, r->created_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_event_set_reasons(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE case_events SET reasons = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_event_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			   lt_err (*cb)(void *ctx, const struct lt_case_event_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT id, case_id, kind, coalesce(action, ''), coalesce(from_status, ''), "
		"coalesce(to_status, ''), event_date, reasons, coalesce(detail, ''), "
		"coalesce(actor_user_id, 0), created_at FROM case_events WHERE case_id = ? "
		"ORDER BY event_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_case_event_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.case_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.kind, sizeof(r.kind));
		lt_sq_col_text(st, 3, r.action, sizeof(r.action));
		lt_sq_col_text(st, 4, r.from_status, sizeof(r.from_status));
		lt_sq_col_text(st, 5, r.to_status, sizeof(r.to_status));
		lt_sq_col_text(st, 6, r.event_date, sizeof(r.event_date));
		if ((rc = lt_sq_copy_blob(st, 7, a, &r.reasons, &r.reasons_len)))
			break;
		lt_sq_col_text(st, 8, r.detail, sizeof(r.detail));
		r.actor_user_id = sqlite3_column_int64(st, 9);
		r.created_at = sqlite3_column_int64(st, 10);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_decision_insert(struct lt_store *s, const struct lt_decision_row *r, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO case_decisions(case_id, stage, outcome, decision_date, body, decided_by, "
		"created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, r->case_id);
	sqlite3_bind_text(st, 2, r->stage, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r->decision_date, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 5, r->body);
	lt_sq_bind_int_or_null(st, 6, r->decided_by, 0);
	sqlite3_bind_int64(st, 7, r->created_at);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_decision_set_reasons(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE case_decisions SET reasons = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_decision_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			      lt_err (*cb)(void *ctx, const struct lt_decision_row *row), void *ctx)
{
	static const char sql[] =
		"SELECT id, case_id, stage, outcome, decision_date, coalesce(body, ''), reasons, "
		"coalesce(decided_by, 0), created_at FROM case_decisions WHERE case_id = ? "
		"ORDER BY decision_date, id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_decision_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.case_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.stage, sizeof(r.stage));
		lt_sq_col_text(st, 3, r.outcome, sizeof(r.outcome));
		lt_sq_col_text(st, 4, r.decision_date, sizeof(r.decision_date));
		lt_sq_col_text(st, 5, r.body, sizeof(r.body));
		if ((rc = lt_sq_copy_blob(st, 6, a, &r.reasons, &r.reasons_len)))
			break;
		r.decided_by = sqlite3_column_int64(st, 7);
		r.created_at = sqlite3_column_int64(st, 8);
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
