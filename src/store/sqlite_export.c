/* Open data and exchange: the rows of the CTDC and HTCDS exports. */
#include "store/sqlite_internal.h"
#include "store/store_export.h"

static const char *text_or_null(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* ?1..?2 the identification date range, ?3 the own country. One row per
 * person: the person's latest case identified in the range. */
static const char sql_ctdc[] =
	"SELECT c.referral_year, p.sex, coalesce(c.age_at_referral, -1), coalesce(c.is_child, -1), "
	"(SELECT pc.country FROM person_citizenships pc WHERE pc.person_id = c.person_id "
	" ORDER BY pc.country = ?3 DESC, pc.country LIMIT 1), "
	"(SELECT cc.country FROM case_countries cc WHERE cc.case_id = c.id "
	" ORDER BY cc.country = ?3, cc.country LIMIT 1), "
	"(SELECT group_concat(e.form) FROM case_exploitation e WHERE e.case_id = c.id), "
	"(SELECT s.indicators FROM case_screenings s WHERE s.case_id = c.id "
	" ORDER BY s.screening_date DESC, s.id DESC LIMIT 1) "
	"FROM cases c JOIN persons p ON p.id = c.person_id "
	"WHERE c.identification = 'identified' AND c.identification_date BETWEEN ?1 AND ?2 "
	"AND c.id = (SELECT max(c2.id) FROM cases c2 WHERE c2.person_id = c.person_id AND "
	"c2.identification = 'identified' AND c2.identification_date BETWEEN ?1 AND ?2) "
	"ORDER BY c.id";

lt_err lt_store_export_ctdc(struct lt_store *s, int64_t year, const char *own,
			    lt_err (*cb)(void *ctx, const struct lt_export_ctdc_row *row), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_ctdc, &st);
	if (rc)
		return rc;
	char start[16] = "0000-01-01", end[16] = "9999-12-31";
	if (year) {
		snprintf(start, sizeof(start), "%04lld-01-01", (long long)year);
		snprintf(end, sizeof(end), "%04lld-12-31", (long long)year);
	}
	sqlite3_bind_text(st, 1, start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, own, -1, SQLITE_TRANSIENT);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_export_ctdc_row r = {
			.referral_year = sqlite3_column_int64(st, 0),
			.sex = text_or_null(st, 1),
			.age = sqlite3_column_int64(st, 2),
			.is_child = sqlite3_column_int(st, 3),
			.citizenship = text_or_null(st, 4),
			.country = text_or_null(st, 5),
			.forms = text_or_null(st, 6),
			.indicators = text_or_null(st, 7),
		};
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

static const char sql_htcds[] =
	"SELECT c.id, c.person_id, c.case_number, c.ref, c.status, c.referral_date, "
	"c.referral_source, c.referring_organisation, c.consent_to_share, p.sex, "
	"coalesce(p.birth_year, 0), coalesce(c.age_at_referral, -1), c.identification, "
	"c.identification_date, "
	"(SELECT group_concat(country, ';') FROM (SELECT pc.country FROM person_citizenships pc "
	" WHERE pc.person_id = c.person_id ORDER BY pc.country)), "
	"(SELECT group_concat(country, ';') FROM (SELECT cc.country FROM case_countries cc "
	" WHERE cc.case_id = c.id ORDER BY cc.country)), "
	"(SELECT group_concat(form) FROM (SELECT e.form FROM case_exploitation e "
	" WHERE e.case_id = c.id ORDER BY e.form)), "
	"(SELECT s.indicators FROM case_screenings s WHERE s.case_id = c.id "
	" ORDER BY s.screening_date DESC, s.id DESC LIMIT 1) "
	"FROM cases c JOIN persons p ON p.id = c.person_id ORDER BY c.id";

lt_err lt_store_export_htcds(struct lt_store *s,
			     lt_err (*cb)(void *ctx, const struct lt_export_htcds_row *row), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_htcds, &st);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_export_htcds_row r = {
			.case_id = sqlite3_column_int64(st, 0),
			.person_id = sqlite3_column_int64(st, 1),
			.case_number = text_or_null(st, 2),
			.ref = text_or_null(st, 3),
			.status = text_or_null(st, 4),
			.referral_date = text_or_null(st, 5),
			.source = text_or_null(st, 6),
			.referring_org = text_or_null(st, 7),
			.consent = sqlite3_column_int(st, 8) != 0,
			.sex = text_or_null(st, 9),
			.birth_year = sqlite3_column_int64(st, 10),
			.age = sqlite3_column_int64(st, 11),
			.identification = text_or_null(st, 12),
			.identification_date = text_or_null(st, 13),
			.citizenship = text_or_null(st, 14),
			.countries = text_or_null(st, 15),
			.forms = text_or_null(st, 16),
			.indicators = text_or_null(st, 17),
		};
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
