/* The scorecard's figures for one period, counted in SQL (docs/assessment.md).
 * ?1 and ?2 are the period's first and last days, ?3 the own country. */
#include "store/sqlite_internal.h"

#define HAS_CITIZENSHIP \
	"EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id)"
#define IS_NATIONAL                                                                      \
	"EXISTS (SELECT 1 FROM person_citizenships pc WHERE pc.person_id = c.person_id AND " \
	"pc.country = ?3)"
#define IS_FOREIGN "(" HAS_CITIZENSHIP " AND NOT " IS_NATIONAL ")"
#define SERVED                                                                  \
	"EXISTS (SELECT 1 FROM case_services s WHERE s.case_id = c.id AND s.status IN " \
	"('active', 'completed'))"

static const char sql_identified[] =
	"SELECT count(*), coalesce(sum(" IS_FOREIGN "), 0), coalesce(sum(" IS_NATIONAL "), 0), "
	"coalesce(sum(" IS_FOREIGN " AND " SERVED "), 0), "
	"coalesce(sum(" IS_NATIONAL " AND " SERVED "), 0) FROM cases c "
	"WHERE c.identification = 'identified' AND c.identification_date BETWEEN ?1 AND ?2";
/* A service delivered on at least one day of the period: started by its end,
 * not ended before its start (an open end is still running). */
static const char sql_assisted[] =
	"SELECT count(DISTINCT s.case_id) FROM case_services s WHERE s.status IN ('active', "
	"'completed') AND s.start_date IS NOT NULL AND s.start_date <= ?2 AND "
	"(s.end_date IS NULL OR s.end_date >= ?1)";
/* Each shelter's state in force on the last day: the latest valid_from by then. */
static const char sql_places[] =
	"SELECT coalesce(sum(st.capacity_women + st.capacity_men + st.capacity_children), 0) "
	"FROM shelter_states st WHERE st.valid_from = (SELECT max(x.valid_from) FROM "
	"shelter_states x WHERE x.shelter_id = st.shelter_id AND x.valid_from <= ?2)";

static lt_err prepare(struct lt_store *s, const char *sql, const char *start, const char *end,
		      const char *own, sqlite3_stmt **st)
{
	lt_err rc = lt_sq_stmt(s, sql, st);
	if (rc)
		return rc;
	sqlite3_bind_text(*st, 1, start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 2, end, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(*st) >= 3)
		sqlite3_bind_text(*st, 3, own, -1, SQLITE_TRANSIENT);
	return LT_OK;
}

lt_err lt_store_assessment_figures(struct lt_store *s, const char *start, const char *end,
				   const char *own_country, struct lt_assessment_figures *out)
{
	memset(out, 0, sizeof(*out));
	if (!start || !end || !own_country)
		return LT_ERR_INVALID;
	sqlite3_stmt *st;
	lt_err rc = prepare(s, sql_identified, start, end, own_country, &st);
	if (rc)
		return rc;
	if (!(rc = lt_sq_step_one(s, st))) {
		out->identified = sqlite3_column_int64(st, 0);
		out->foreign = sqlite3_column_int64(st, 1);
		out->nationals = sqlite3_column_int64(st, 2);
		out->foreign_served = sqlite3_column_int64(st, 3);
		out->nationals_served = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (!rc && !(rc = prepare(s, sql_assisted, start, end, own_country, &st)))
		rc = lt_sq_one_int(s, st, &out->assisted);
	if (!rc && !(rc = prepare(s, sql_places, start, end, own_country, &st)))
		rc = lt_sq_one_int(s, st, &out->shelter_places);
	return rc;
}
