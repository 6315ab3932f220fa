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
/* Referred by 31 Dec; no conclusive decision dated by then (one a review
 * overturned later still ended the wait that day); no negative
 * reasonable-grounds decision standing on 31 Dec (it ends the assessment,
 * until a review overturns it: the first overturning review recorded after
 * it); and not closed on 31 Dec (the last close or reopen dated by then is
 * not a close). The cases row holds the decisions as they stand now, so
 * the history comes from case_decisions. */
static const char sql_pending[] =
	"SELECT count(*) FROM cases c WHERE c.referral_date <= ?2 "
	"AND (c.identification = 'pending' OR c.identification_date > ?2) "
	"AND NOT EXISTS (SELECT 1 FROM case_decisions d WHERE d.case_id = c.id AND "
	"d.stage = 'conclusive' AND d.decision_date <= ?2) "
	"AND NOT (c.reasonable_grounds = 'negative' AND c.reasonable_grounds_date <= ?2) "
	"AND NOT EXISTS (SELECT 1 FROM case_decisions d WHERE d.case_id = c.id AND "
	"d.stage = 'reasonable_grounds' AND d.outcome = 'negative' AND d.decision_date <= ?2 AND "
	"coalesce((SELECT v.decision_date FROM case_decisions v WHERE v.case_id = c.id AND "
	"v.stage = 'review' AND v.outcome = 'overturned' AND v.id > d.id ORDER BY v.id LIMIT 1), "
	"'9999-12-31') > ?2) "
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

/* --- the further figures over a closed range of days (?1..?2) --- */

/* 0 national (a citizenship of the own country, ?3), 1 foreign (citizenships,
 * none of them the own country's), 2 no citizenship recorded. */
#define CITIZEN_GROUP                                                                          \
	"CASE WHEN NOT " HAS_CITIZENSHIP " THEN 2 WHEN " IS_NATIONAL " THEN 0 ELSE 1 END"
/* Identified by the end of the period, whenever; a service delivered on a
 * day of the period: started on or before its last day, not ended before its
 * first, and neither planned nor refused (a stopped service that had started
 * was delivered for a while). */
#define SERVED_FROM                                                                            \
	"FROM cases c JOIN case_services s ON s.case_id = c.id WHERE c.identification = "       \
	"'identified' AND c.identification_date <= ?2 AND s.status IN ('active', 'completed', " \
	"'stopped') AND s.start_date IS NOT NULL AND s.start_date <= ?2 AND (s.end_date IS NULL " \
	"OR s.end_date >= ?1)"
static const char sql_services[] =
	"SELECT s.type, " CITIZEN_GROUP ", count(DISTINCT c.id), '', 0 " SERVED_FROM
	" GROUP BY s.type, 2";
static const char sql_assisted[] =
	"SELECT '', " CITIZEN_GROUP ", count(DISTINCT c.id), '', 0 " SERVED_FROM " GROUP BY 2";
static const char sql_justice_scalars[] =
	"SELECT (SELECT count(*) FROM proceedings WHERE opened_date BETWEEN ?1 AND ?2), "
	"(SELECT count(*) FROM proceedings WHERE opened_date BETWEEN ?1 AND ?2 AND "
	"prosecutor_specialised = 1), "
	"(SELECT count(*) FROM proceedings WHERE indictment_date BETWEEN ?1 AND ?2), "
	"(SELECT count(*) FROM proceedings WHERE verdict = 'conviction' AND verdict_date BETWEEN ?1 "
	"AND ?2), "
	"(SELECT count(*) FROM proceedings WHERE verdict = 'acquittal' AND verdict_date BETWEEN ?1 "
	"AND ?2), "
	"(SELECT count(*) FROM proceedings WHERE verdict = 'dismissal' AND verdict_date BETWEEN ?1 "
	"AND ?2), "
	"(SELECT count(*) FROM proceedings WHERE plea_agreement = 1 AND coalesce(plea_date, "
	"verdict_date) BETWEEN ?1 AND ?2), "
	"(SELECT count(DISTINCT case_id) FROM victim_proceedings WHERE outcome = 'penalty' AND "
	"outcome_date BETWEEN ?1 AND ?2)";
static const char sql_sentences[] =
	"SELECT CASE WHEN sentence_suspended = 1 THEN '1' ELSE '0' END, sentence_months, count(*), "
	"'', 0 FROM proceedings WHERE verdict = 'conviction' AND verdict_date BETWEEN ?1 AND ?2 AND "
	"sentence_months IS NOT NULL GROUP BY 1, 2 ORDER BY 2, 1";
/* Each charge row with the row before it in its proceeding (by date, then
 * the order recorded); only changes of article dated in the period. */
static const char sql_charge_changes[] =
	"SELECT prev, 0, count(*), article, 0 FROM (SELECT ch.article, ch.charge_date, "
	"lag(ch.article) OVER (PARTITION BY ch.proceeding_id ORDER BY ch.charge_date, ch.id) AS "
	"prev FROM proceeding_charges ch) WHERE prev IS NOT NULL AND prev <> article AND "
	"charge_date BETWEEN ?1 AND ?2 GROUP BY prev, article";
static const char sql_comp_claimed[] =
	"SELECT forum, 0, count(*), currency, coalesce(sum(amount_claimed), 0) FROM "
	"compensation_claims WHERE claimed_date BETWEEN ?1 AND ?2 GROUP BY forum, currency";
static const char sql_comp_awarded[] =
	"SELECT forum, 0, count(*), currency, coalesce(sum(amount_awarded), 0) FROM "
	"compensation_claims WHERE status = 'awarded' AND award_date BETWEEN ?1 AND ?2 GROUP BY "
	"forum, currency";
static const char sql_comp_paid[] =
	"SELECT forum, 0, count(*), currency, coalesce(sum(amount_paid), 0) FROM "
	"compensation_claims WHERE amount_paid > 0 AND paid_date BETWEEN ?1 AND ?2 GROUP BY forum, "
	"currency";
/* Alerts open now, whatever the period (binding ?1 and ?2 to a statement
 * without them is harmless: sqlite3_bind_* answers SQLITE_RANGE, unread). */
static const char sql_open_alerts[] =
	"SELECT rule, 0, count(*), '', 0 FROM alerts WHERE status = 'open' GROUP BY rule";

/* Runs a (key, key2, n, key_b, sum) query and calls CB for each row as FIGURE. */
static lt_err pcells(struct lt_store *s, const char *sql, enum lt_stats_period_figure figure,
		     const char *start, const char *end, const char *own,
		     lt_err (*cb)(void *ctx, const struct lt_stats_pcell *cell), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = bind_year(s, sql, start, end, own, &st);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *key = sqlite3_column_text(st, 0);
		const unsigned char *key_b = sqlite3_column_text(st, 3);
		struct lt_stats_pcell c = {figure,
					   key ? (const char *)key : "",
					   sqlite3_column_int64(st, 1),
					   sqlite3_column_int64(st, 2),
					   key_b ? (const char *)key_b : "",
					   sqlite3_column_int64(st, 4)};
		if ((rc = cb(ctx, &c)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_stats_period(struct lt_store *s, const char *start, const char *end,
			     const char *own_country,
			     lt_err (*cb)(void *ctx, const struct lt_stats_pcell *cell), void *ctx)
{
	if (!start || !end || !own_country)
		return LT_ERR_INVALID;
	static const enum lt_stats_period_figure scalars[] = {
		LT_PFIG_INVESTIGATIONS, LT_PFIG_SPECIALISED, LT_PFIG_INDICTMENTS, LT_PFIG_CONVICTIONS,
		LT_PFIG_ACQUITTALS,     LT_PFIG_DISMISSALS,  LT_PFIG_PLEAS,       LT_PFIG_PENALISED,
	};
	int64_t values[LT_ARRAY_LEN(scalars)];
	sqlite3_stmt *st;
	lt_err rc = bind_year(s, sql_justice_scalars, start, end, own_country, &st);
	if (rc)
		return rc;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		for (size_t i = 0; i < LT_ARRAY_LEN(scalars); i++)
			values[i] = sqlite3_column_int64(st, (int)i);
	else
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	for (size_t i = 0; i < LT_ARRAY_LEN(scalars) && !rc; i++) {
		struct lt_stats_pcell c = {scalars[i], "", 0, values[i], "", 0};
		rc = cb(ctx, &c);
	}
	static const struct {
		const char *sql;
		enum lt_stats_period_figure figure;
	} queries[] = {
		{sql_services, LT_PFIG_SERVICE},
		{sql_assisted, LT_PFIG_ASSISTED},
		{sql_sentences, LT_PFIG_SENTENCE},
		{sql_charge_changes, LT_PFIG_CHARGE_CHANGE},
		{sql_comp_claimed, LT_PFIG_COMP_CLAIMED},
		{sql_comp_awarded, LT_PFIG_COMP_AWARDED},
		{sql_comp_paid, LT_PFIG_COMP_PAID},
		{sql_open_alerts, LT_PFIG_OPEN_ALERT},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(queries) && !rc; i++)
		rc = pcells(s, queries[i].sql, queries[i].figure, start, end, own_country, cb, ctx);
	return rc;
}
