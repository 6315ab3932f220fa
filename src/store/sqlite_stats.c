/* The annual statistics, counted in SQL (docs/statistics.md). Dates are
 * "YYYY-MM-DD" text, so a year is the closed range ?1 = 'Y-01-01' to
 * ?2 = 'Y-12-31'; ?3 is the deployment's own country. */
#include "base/str.h"
#include "store/sqlite_internal.h"

/* Cases identified in the year: identification 'identified' dated in it,
 * whenever they were referred. */
#define IDENTIFIED "c.identification = 'identified' AND c.identification_date BETWEEN ?1 AND ?2"
#define HAS_CITIZENSHIP "EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id)"
#define IS_NATIONAL \
	"EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id AND pc.country = ?3)"
#define HAS_COUNTRY "EXISTS (SELECT 1 FROM case_countries cc WHERE cc.case_id = c.id)"
#define ABROAD "EXISTS (SELECT 1 FROM case_countries cc WHERE cc.case_id = c.id AND cc.country <> ?3)"

/* Each query gives rows of (key text, key2 integer, n) for one figure,
 * or, for the scalar query, one row of several figures. */
static const char sql_referred[] =
	"SELECT c.referral_source, 0, count(*) FROM cases c WHERE c.referral_date BETWEEN ?1 AND ?2 "
	"GROUP BY c.referral_source";
static const char sql_scalars[] =
	"SELECT count(*), coalesce(sum(c.is_child = 1), 0), "
	"coalesce(sum(" HAS_CITIZENSHIP " AND NOT " IS_NATIONAL "), 0), "
	"coalesce(sum(NOT " HAS_CITIZENSHIP "), 0), "
	"coalesce(sum(" IS_NATIONAL " AND " ABROAD "), 0), "
	"coalesce(sum(NOT " HAS_COUNTRY "), 0) "
	"FROM cases c WHERE " IDENTIFIED;
static const char sql_sex_child[] =
	"SELECT p.sex, coalesce(c.is_child, -1), count(*) FROM cases c JOIN persons p ON "
	"p.id = c.person_id WHERE " IDENTIFIED " GROUP BY p.sex, coalesce(c.is_child, -1)";
static const char sql_forms[] =
	"SELECT coalesce(f, ''), 0, count(*) FROM (SELECT (SELECT group_concat(e.form) FROM "
	"case_exploitation e WHERE e.case_id = c.id) AS f FROM cases c WHERE " IDENTIFIED ") "
	"GROUP BY f";
static const char sql_citizenship[] =
	"SELECT pc.country, 0, count(*) FROM cases c JOIN person_citizenships pc ON "
	"pc.person_id = c.person_id WHERE " IDENTIFIED " GROUP BY pc.country";
static const char sql_country[] =
	"SELECT cc.country, 0, count(*) FROM cases c JOIN case_countries cc ON cc.case_id = c.id "
	"WHERE " IDENTIFIED " GROUP BY cc.country";
static const char sql_days_rg[] =
	"SELECT '', d, count(*) FROM (SELECT CAST(julianday(c.reasonable_grounds_date) - "
	"julianday(c.referral_date) AS INTEGER) AS d FROM cases c WHERE c.reasonable_grounds <> "
	"'pending' AND c.reasonable_grounds_date BETWEEN ?1 AND ?2) GROUP BY d ORDER BY d";
static const char sql_days_conclusive[] =
	"SELECT '', d, count(*) FROM (SELECT CAST(julianday(c.identification_date) - "
	"julianday(c.referral_date) AS INTEGER) AS d FROM cases c WHERE c.identification <> "
	"'pending' AND c.identification_date BETWEEN ?1 AND ?2) GROUP BY d ORDER BY d";
/* Referred by 31 Dec; no conclusive decision dated by then; no negative
 * reasonable-grounds decision dated by then (it ends the assessment); and
 * not closed on 31 Dec (the last close or reopen dated by then is not a
 * close). */
static const char sql_pending[] =
	"SELECT count(*) FROM cases c WHERE c.referral_date <= ?2 "
	"AND (c.identification = 'pending' OR c.identification_date > ?2) "
	"AND NOT (c.reasonable_grounds = 'negative' AND c.reasonable_grounds_date <= ?2) "
	"AND coalesce((SELECT e.action FROM case_events e WHERE e.case_id = c.id AND "
	"e.kind = 'transition' AND e.action IN ('close', 'reopen') AND e.event_date <= ?2 "
	"ORDER BY e.event_date DESC, e.id DESC LIMIT 1), '') <> 'close'";

static lt_err bind_year(struct lt_store *s, const char *sql, const char *start, const char *end,
			const char *own, sqlite3_stmt **st)
{
	lt_err rc = lt_sq_stmt(s, sql, st);
	if (rc)
		return rc;
	sqlite3_bind_text(*st, 1, start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 2, end, -1, SQLITE_TRANSIENT);
	/* Statements without ?3 ignore it. */
	if (sqlite3_bind_parameter_count(*st) >= 3)
		sqlite3_bind_text(*st, 3, own, -1, SQLITE_TRANSIENT);
	return LT_OK;
}

/* Runs a (key, key2, n) query and calls CB for each row as FIGURE. */
static lt_err cells(struct lt_store *s, const char *sql, enum lt_stats_figure figure,
		    const char *start, const char *end, const char *own,
		    lt_err (*cb)(void *ctx, const struct lt_stats_cell *cell), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = bind_year(s, sql, start, end, own, &st);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(st, 0);
		struct lt_stats_cell c = {figure, key ? (const char *)key : "",
					  sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)};
		if ((rc = cb(ctx, &c)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_stats_annual(struct lt_store *s, int64_t year, const char *own_country,
			     lt_err (*cb)(void *ctx, const struct lt_stats_cell *cell), void *ctx)
{
	if (year < 1 || year > 9999 || !own_country)
		return LT_ERR_INVALID;
	char start[16], end[16];
	snprintf(start, sizeof(start), "%04d-01-01", (int)year);
	snprintf(end, sizeof(end), "%04d-12-31", (int)year);

	sqlite3_stmt *st;
	lt_err rc = bind_year(s, sql_scalars, start, end, own_country, &st);
	if (rc)
		return rc;
	static const enum lt_stats_figure scalars[] = {
		LT_FIG_IDENTIFIED,          LT_FIG_IDENTIFIED_CHILDREN, LT_FIG_IDENTIFIED_FOREIGN,
		LT_FIG_CITIZENSHIP_UNKNOWN, LT_FIG_NATIONALS_ABROAD,
		LT_FIG_EXPLOITATION_COUNTRY_UNKNOWN,
	};
	int64_t values[LT_ARRAY_LEN(scalars)];
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		for (size_t i = 0; i < LT_ARRAY_LEN(scalars); i++)
			values[i] = sqlite3_column_int64(st, (int)i);
	else
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	if (rc)
		return rc;
	for (size_t i = 0; i < LT_ARRAY_LEN(scalars) && !rc; i++) {
		struct lt_stats_cell c = {scalars[i], "", 0, values[i]};
		rc = cb(ctx, &c);
	}
	if (!rc) {
		int64_t pending = 0;
		if (!(rc = bind_year(s, sql_pending, start, end, own_country, &st)))
			rc = lt_sq_one_int(s, st, &pending);
		struct lt_stats_cell c = {LT_FIG_PENDING_AT_YEAR_END, "", 0, pending};
		if (!rc)
			rc = cb(ctx, &c);
	}
	static const struct {
		const char *sql;
		enum lt_stats_figure figure;
	} queries[] = {
		{sql_referred, LT_FIG_REFERRED_BY_SOURCE},
		{sql_sex_child, LT_FIG_SEX_CHILD},
		{sql_forms, LT_FIG_FORMS},
		{sql_citizenship, LT_FIG_CITIZENSHIP},
		{sql_country, LT_FIG_EXPLOITATION_COUNTRY},
		{sql_days_rg, LT_FIG_DAYS_REASONABLE_GROUNDS},
		{sql_days_conclusive, LT_FIG_DAYS_CONCLUSIVE},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(queries) && !rc; i++)
		rc = cells(s, queries[i].sql, queries[i].figure, start, end, own_country, cb, ctx);
	return rc;
}
