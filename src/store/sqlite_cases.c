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

/* --- the filtered list ---
 *
 * The list answers the exact number of matches on every page, so the count
 * walks every candidate: its cost is what a page costs. Filters on the case's
 * own columns read the cases_list index (migration 010), which holds all of
 * them in case-number order, never the table's rows. The filters that look in
 * other tables (exploitation form, citizenship, cases referred to the caller's
 * organisation) are not probed once per candidate (a B-tree search each,
 * 19,000 of them for a year) but read once into a set of ids, which the count
 * and the page test with lt_in_set(): the same rows, as the sets and both
 * queries are read in the caller's read transaction. Measured in
 * bench/README.md (cases.sh). */

/* A set of row ids, handed to SQL with sqlite3_bind_pointer: a bitmap for
 * ids from 0 to ID_SET_BITS - 1 (rows are numbered from 1 up, so in practice
 * every id), a sorted array for any other. */
#define ID_SET_BITS ((int64_t)1 << 27) /* a bitmap of at most 16 MiB */
struct id_set {
	uint64_t *bits;
	size_t nwords;
	int64_t *far; /* ids outside the bitmap, sorted once filled */
	size_t nfar, capfar;
	int64_t n;    /* ids added, duplicates included */
};

static const char id_set_type[] = "lt_id_set";

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static lt_err id_set_add(struct id_set *set, int64_t id)
{
	set->n++;
	if (id >= 0 && id < ID_SET_BITS) {
		size_t word = (size_t)(id / 64);
		if (word >= set->nwords) {
			size_t n = set->nwords ? set->nwords : 256;
			while (n <= word)
				n *= 2;
			uint64_t *bits = realloc(set->bits, n * sizeof(*bits));
			if (!bits)
				return LT_ERR_NOMEM;
			memset(bits + set->nwords, 0, (n - set->nwords) * sizeof(*bits));
			set->bits = bits;
			set->nwords = n;
		}
		set->bits[word] |= (uint64_t)1 << (id % 64);
		return LT_OK;
	}
	if (set->nfar == set->capfar) {
		size_t cap = set->capfar ? set->capfar * 2 : 64;
		int64_t *far = realloc(set->far, cap * sizeof(*far));
		if (!far)
			return LT_ERR_NOMEM;
		set->far = far;
		set->capfar = cap;
	}
	set->far[set->nfar++] = id;
	return LT_OK;
}

static bool id_set_has(const struct id_set *set, int64_t id)
{
	if (id >= 0 && id < ID_SET_BITS) {
		size_t word = (size_t)(id / 64);
		return word < set->nwords && (set->bits[word] >> (id % 64)) & 1;
	}
	size_t lo = 0, hi = set->nfar;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->far[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->nfar && set->far[lo] == id;
}

/* lt_in_set(SET, ID): 1 when ID is in SET, 0 when not or ID is NULL (as an
 * EXISTS with `= NULL` finds nothing). */
static void in_set_fn(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct id_set *set = sqlite3_value_pointer(argv[0], id_set_type);
	sqlite3_result_int(cx, set && sqlite3_value_type(argv[1]) == SQLITE_INTEGER &&
				       id_set_has(set, sqlite3_value_int64(argv[1])));
}

/* The aggregate lt_set_fill(SET, ID): adds every ID to SET inside the
 * statement that selects them, which costs a third of stepping each row out to
 * C. NULL ids are left out. */
static void set_fill_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct id_set *set = sqlite3_value_pointer(argv[0], id_set_type);
	if (!set) {
		sqlite3_result_error(cx, "lt_set_fill: no set", -1);
		return;
	}
	if (sqlite3_value_type(argv[1]) == SQLITE_INTEGER &&
	    id_set_add(set, sqlite3_value_int64(argv[1])))
		sqlite3_result_error_nomem(cx);
}

static void set_fill_final(sqlite3_context *cx)
{
	sqlite3_result_null(cx);
}

/* Defines lt_in_set and lt_set_fill on this connection once: the probe
 * statement is cached by the handle, so after the first call this is a cache
 * lookup. */
static lt_err list_functions(struct lt_store *s)
{
	static const char probe[] = "SELECT lt_in_set(NULL, 0), lt_set_fill(NULL, 0) WHERE 0";
	sqlite3_stmt *st;
	if (lt_sq_stmt(s, probe, &st) == LT_OK)
		return LT_OK;
	const int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
	int rc = sqlite3_create_function_v2(lt_sq_db(s), "lt_in_set", 2, flags | SQLITE_DETERMINISTIC,
					    NULL, in_set_fn, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_function_v2(lt_sq_db(s), "lt_set_fill", 2, flags, NULL, NULL,
						set_fill_step, set_fill_final, NULL);
	if (rc != SQLITE_OK)
		return lt_sq_err(s, rc);
	return lt_sq_stmt(s, probe, &st);
}

/* Fills SET with the ids SQL selects, its ?1 bound to TEXT, or else to NUM
 * (?2 is the set). */
static lt_err id_set_fill(struct lt_store *s, const char *sql, const char *text, int64_t num,
			  struct id_set *set)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	if (text)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, num);
	sqlite3_bind_pointer(st, 2, set, id_set_type, NULL);
	int step = sqlite3_step(st);
	if (step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	if (!rc && set->nfar > 1)
		qsort(set->far, set->nfar, sizeof(*set->far), cmp_i64);
	return rc;
}

/* The sets the filters of F test, each read once per list; or none, when F
 * names a case number or a group: then few cases are candidates, and probing
 * the other tables for each costs less than reading a set. */
struct list_sets {
	bool on;
	struct id_set forms;    /* cases with the exploitation form: ?14 */
	struct id_set citizens; /* persons with the citizenship: ?15 */
	struct id_set referred; /* cases referred to scope_org, not rejected or revoked: ?16 */
};

static lt_err list_sets_fill(struct lt_store *s, const struct lt_case_filter *f,
			     struct list_sets *k)
{
	static const char forms_sql[] =
		"SELECT lt_set_fill(?2, case_id) FROM case_exploitation WHERE form = ?1";
	/* length(country) = 2 is always true (a CHECK); it lets the partial
	 * index person_citizenships_country (migration 010) serve. */
	static const char citizens_sql[] =
		"SELECT lt_set_fill(?2, person_id) FROM person_citizenships WHERE country = ?1 "
		"AND length(country) = 2";
	static const char referred_sql[] =
		"SELECT lt_set_fill(?2, case_id) FROM referrals WHERE to_org = ?1 AND "
		"status IN ('sent', 'accepted', 'completed')";
	k->on = !f->number && !f->group_id;
	if (!k->on)
		return LT_OK;
	lt_err rc = LT_OK;
	if (f->exploitation)
		rc = id_set_fill(s, forms_sql, f->exploitation, 0, &k->forms);
	if (!rc && f->citizenship)
		rc = id_set_fill(s, citizens_sql, f->citizenship, 0, &k->citizens);
	if (!rc && f->scope_org)
		rc = id_set_fill(s, referred_sql, NULL, f->scope_org, &k->referred);
	return rc;
}

static void list_sets_free(struct list_sets *k)
{
	struct id_set *sets[] = {&k->forms, &k->citizens, &k->referred};
	for (size_t i = 0; i < LT_ARRAY_LEN(sets); i++) {
		free(sets[i]->bits);
		free(sets[i]->far);
	}
}

/* Appends one condition to the WHERE clause being built in W. */
static lt_err where_add(struct lt_buf *w, const char *cond)
{
	return lt_buf_addf(w, "%s%s", w->len ? " AND " : " WHERE ", cond);
}

/* The WHERE clause for F (empty when nothing filters), with numbered
 * parameters so the count and the page share their bindings. With SETS on,
 * a set test replaces each correlated EXISTS and selects the same rows (the
 * test tests/api/cases_list.test.mjs holds the EXISTS forms as its reference). */
static lt_err case_where(const struct lt_case_filter *f, const struct list_sets *sets,
			 struct lt_buf *w)
{
	lt_err rc = LT_OK;
	if (f->status)
		rc = where_add(w, "c.status = ?1");
	if (!rc && f->source)
		rc = where_add(w, "c.referral_source = ?2");
	if (!rc && f->exploitation)
		rc = where_add(w, sets->on ? "lt_in_set(?14, c.id)"
					   : "EXISTS (SELECT 1 FROM case_exploitation e WHERE "
					     "e.case_id = c.id AND e.form = ?3)");
	if (!rc && f->sex)
		rc = where_add(w, "p.sex = ?4");
	if (!rc && f->citizenship)
		rc = where_add(w, sets->on ? "lt_in_set(?15, c.person_id)"
					   : "EXISTS (SELECT 1 FROM person_citizenships pc WHERE "
					     "pc.person_id = c.person_id AND pc.country = ?5)");
	if (!rc && f->number)
		rc = where_add(w, "c.case_number = ?6");
	if (!rc && f->year)
		rc = where_add(w, "c.number_year = ?7");
	if (!rc && f->child >= 0)
		rc = where_add(w, "c.is_child = ?8");
	if (!rc && f->org_id)
		rc = where_add(w, "c.organisation_id = ?9");
	if (!rc && f->group_id)
		rc = where_add(w, "c.group_id = ?10");
	if (!rc && f->negative_unreviewed)
		/* The last decision other than a review was negative and no review
		 * came after it, whatever the case's status now: closing a case
		 * does not make its unreviewed negative decision go away, and a
		 * negative decision after an earlier review is listed again. */
		rc = where_add(w, "EXISTS (SELECT 1 FROM case_decisions d WHERE d.id = (SELECT "
				  "max(l.id) FROM case_decisions l WHERE l.case_id = c.id AND "
				  "l.stage <> 'review') AND d.outcome IN ('negative', "
				  "'not_identified') AND NOT EXISTS (SELECT 1 FROM case_decisions r "
				  "WHERE r.case_id = c.id AND r.stage = 'review' AND r.id > d.id))");
	if (!rc && f->scope_org)
		rc = where_add(w, sets->on ? "(c.organisation_id = ?11 OR lt_in_set(?16, c.id))"
					   : "(c.organisation_id = ?11 OR EXISTS (SELECT 1 FROM "
					     "referrals r WHERE r.case_id = c.id AND r.to_org = ?11 AND "
					     "r.status IN ('sent', 'accepted', 'completed')))");
	return rc;
}

static void bind_filter(sqlite3_stmt *st, const struct lt_case_filter *f, struct list_sets *k)
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
	if (k->on && f->exploitation)
		sqlite3_bind_pointer(st, 14, &k->forms, id_set_type, NULL);
	if (k->on && f->citizenship)
		sqlite3_bind_pointer(st, 15, &k->citizens, id_set_type, NULL);
	if (k->on && f->scope_org)
		sqlite3_bind_pointer(st, 16, &k->referred, id_set_type, NULL);
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
	struct list_sets sets;
	memset(&sets, 0, sizeof(sets));
	lt_buf_init(&where, 4096);
	lt_buf_init(&sql, 8192);
	sqlite3_stmt *st;
	*total = 0;
	lt_err rc = list_functions(s);
	if (!rc)
		rc = list_sets_fill(s, f, &sets);
	if (rc)
		goto done;
	/* A form or citizenship nobody has: no case matches. */
	if (sets.on && ((f->exploitation && !sets.forms.n) || (f->citizenship && !sets.citizens.n)))
		goto done;
	rc = case_where(f, &sets, &where);
	if (!rc)
		rc = lt_buf_addf(&sql, "SELECT count(*) FROM cases c%s%s",
				 f->sex ? " JOIN persons p ON p.id = c.person_id" : "",
				 where.data ? where.data : "");
	if (!rc)
		rc = lt_sq_stmt_text(s, sql.data, &st);
	if (rc)
		goto done;
	bind_filter(st, f, &sets);
	if ((rc = lt_sq_one_int(s, st, total)))
		goto done;
	if (*total <= (f->offset > 0 ? f->offset : 0))
		goto done; /* the page is past the last match */

	lt_buf_reset(&sql);
	rc = lt_buf_addf(&sql,
			 "SELECT c.id, c.case_number, c.status, p.sex, coalesce(c.age_at_referral, -1), "
			 "coalesce(c.is_child, -1), c.referral_date, c.referral_source, "
			 "c.organisation_id, o.name, coalesce(c.group_id, 0), "
			 "(SELECT group_concat(form, ',') FROM case_exploitation e WHERE e.case_id = c.id) "
			 "FROM (SELECT c.id FROM cases c%s%s ORDER BY %s LIMIT ?12 OFFSET ?13) pg "
			 "JOIN cases c ON c.id = pg.id JOIN persons p ON p.id = c.person_id "
			 "JOIN organisations o ON o.id = c.organisation_id ORDER BY %s",
			 f->sex ? " JOIN persons p ON p.id = c.person_id" : "",
			 where.data ? where.data : "", order_clause(f->sort, f->descending),
			 order_clause(f->sort, f->descending));
	if (!rc)
		rc = lt_sq_stmt_text(s, sql.data, &st);
	if (rc)
		goto done;
	bind_filter(st, f, &sets);
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
	list_sets_free(&sets);
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
