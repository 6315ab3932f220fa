/* The compliance rules' side of the store: the facts of one case as the
 * pure rules read them, the register-wide figures on equal access, and the
 * alerts with their events (schema: migration 8). */
#include "base/str.h"
#include "store/sqlite_internal.h"

/* --- facts --- */

/* Steps ST (bound, not yet stepped) and calls READ for each of the first CAP
 * rows with its slot index; rows past CAP set *TRUNCATED. *N gets the rows kept. */
static lt_err each_row(struct lt_store *s, sqlite3_stmt *st, int cap, int *n, bool *truncated,
		       void (*read)(sqlite3_stmt *st, void *base, int i), void *base)
{
	int step;
	*n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			*truncated = true;
			break;
		}
		read(st, base, (*n)++);
	}
	lt_err rc = step == SQLITE_ROW || step == SQLITE_DONE ? LT_OK : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* A nullable 0/1 column as 1, 0 or -1. */
static int tri(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? -1 : sqlite3_column_int(st, col) != 0;
}

static lt_err facts_case(struct lt_store *s, int64_t case_id, struct lt_case_facts *f)
{
	static const char sql[] =
		"SELECT c.status, c.referral_date, c.age_at_referral, c.is_child, p.age_uncertain, "
		"c.unaccompanied, c.cooperation, c.reasonable_grounds, "
		"coalesce(c.reasonable_grounds_date, ''), c.identification, "
		"coalesce(c.identification_date, ''), "
		"(SELECT max(e.event_date) FROM case_events e WHERE e.case_id = c.id "
		" AND e.kind = 'cooperation' AND e.action = 'declined'), "
		"(SELECT sc.outcome FROM case_screenings sc WHERE sc.case_id = c.id "
		" ORDER BY sc.screening_date DESC, sc.id DESC LIMIT 1) "
		"FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, case_id);
	if ((rc = lt_sq_step_one(s, st)))
		return rc;
	f->case_id = case_id;
	lt_sq_col_text(st, 0, f->status, sizeof(f->status));
	lt_sq_col_text(st, 1, f->referral_date, sizeof(f->referral_date));
	f->age_at_referral =
		sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 2);
	f->is_child = tri(st, 3);
	f->age_uncertain = sqlite3_column_int(st, 4) != 0;
	f->unaccompanied = tri(st, 5);
	lt_sq_col_text(st, 6, f->cooperation, sizeof(f->cooperation));
	lt_sq_col_text(st, 7, f->reasonable_grounds, sizeof(f->reasonable_grounds));
	lt_sq_col_text(st, 8, f->reasonable_grounds_date, sizeof(f->reasonable_grounds_date));
	lt_sq_col_text(st, 9, f->identification, sizeof(f->identification));
	lt_sq_col_text(st, 10, f->identification_date, sizeof(f->identification_date));
	lt_sq_col_text(st, 11, f->cooperation_declined_date, sizeof(f->cooperation_declined_date));
	lt_sq_col_text(st, 12, f->screening_outcome, sizeof(f->screening_outcome));
	sqlite3_reset(st);
	return LT_OK;
}

static void read_decision(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_decision *d = (struct lt_fact_decision *)base + i;
	d->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, d->stage, sizeof(d->stage));
	lt_sq_col_text(st, 2, d->outcome, sizeof(d->outcome));
	lt_sq_col_text(st, 3, d->date, sizeof(d->date));
	lt_sq_col_text(st, 4, d->body, sizeof(d->body));
	d->has_reasons = sqlite3_column_int(st, 5) != 0;
}

static void read_reflection(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_reflection *r = (struct lt_fact_reflection *)base + i;
	r->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, r->status, sizeof(r->status));
	lt_sq_col_text(st, 2, r->decision_date, sizeof(r->decision_date));
	lt_sq_col_text(st, 3, r->start_date, sizeof(r->start_date));
	lt_sq_col_text(st, 4, r->planned_end_date, sizeof(r->planned_end_date));
	lt_sq_col_text(st, 5, r->actual_end_date, sizeof(r->actual_end_date));
	r->min_days = sqlite3_column_int(st, 6);
	lt_sq_col_text(st, 7, r->grounds, sizeof(r->grounds));
}

static void read_service(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_service *v = (struct lt_fact_service *)base + i;
	v->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, v->type, sizeof(v->type));
	lt_sq_col_text(st, 2, v->status, sizeof(v->status));
	lt_sq_col_text(st, 3, v->start_date, sizeof(v->start_date));
	lt_sq_col_text(st, 4, v->end_date, sizeof(v->end_date));
	lt_sq_col_text(st, 5, v->consent_date, sizeof(v->consent_date));
	lt_sq_col_text(st, 6, v->stop_reason, sizeof(v->stop_reason));
}

static void read_placement(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_placement *p = (struct lt_fact_placement *)base + i;
	p->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, p->place, sizeof(p->place));
	lt_sq_col_text(st, 2, p->start_date, sizeof(p->start_date));
	lt_sq_col_text(st, 3, p->end_date, sizeof(p->end_date));
	p->in_shelter = sqlite3_column_int(st, 4) != 0;
	p->shelter_specialised = sqlite3_column_int(st, 5) != 0;
	lt_sq_col_text(st, 6, p->alternative, sizeof(p->alternative));
	lt_sq_col_text(st, 7, p->turn_away_reason, sizeof(p->turn_away_reason));
}

static void read_claim(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_claim *c = (struct lt_fact_claim *)base + i;
	c->id = sqlite3_column_int64(st, 0);
	c->proceeding_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, c->forum, sizeof(c->forum));
	lt_sq_col_text(st, 3, c->claimed_date, sizeof(c->claimed_date));
	lt_sq_col_text(st, 4, c->status, sizeof(c->status));
	lt_sq_col_text(st, 5, c->award_date, sizeof(c->award_date));
	c->amount_awarded =
		sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 6);
	c->amount_paid = sqlite3_column_type(st, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 7);
	lt_sq_col_text(st, 8, c->paid_date, sizeof(c->paid_date));
}

static void read_threat(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_threat *t = (struct lt_fact_threat *)base + i;
	t->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, t->date, sizeof(t->date));
	lt_sq_col_text(st, 2, t->kind, sizeof(t->kind));
}

static void read_protection(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_protection *m = (struct lt_fact_protection *)base + i;
	m->id = sqlite3_column_int64(st, 0);
	m->threat_id = sqlite3_column_int64(st, 1);
	lt_sq_col_text(st, 2, m->measure, sizeof(m->measure));
	lt_sq_col_text(st, 3, m->start_date, sizeof(m->start_date));
	lt_sq_col_text(st, 4, m->end_date, sizeof(m->end_date));
}

static void read_victim_proceeding(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_victim_proceeding *v = (struct lt_fact_victim_proceeding *)base + i;
	v->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, v->kind, sizeof(v->kind));
	lt_sq_col_text(st, 2, v->offence, sizeof(v->offence));
	lt_sq_col_text(st, 3, v->offence_date, sizeof(v->offence_date));
	v->during_exploitation = tri(st, 4);
	lt_sq_col_text(st, 5, v->outcome, sizeof(v->outcome));
	lt_sq_col_text(st, 6, v->penalty, sizeof(v->penalty));
	v->non_punishment_assessed = sqlite3_column_int(st, 7) != 0;
}

static void read_removal(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_removal *r = (struct lt_fact_removal *)base + i;
	r->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, r->date, sizeof(r->date));
	lt_sq_col_text(st, 2, r->kind, sizeof(r->kind));
}

static void read_disclosure(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_disclosure *d = (struct lt_fact_disclosure *)base + i;
	d->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, d->date, sizeof(d->date));
	lt_sq_col_text(st, 2, d->recipient, sizeof(d->recipient));
	lt_sq_col_text(st, 3, d->channel, sizeof(d->channel));
}

static void read_age_assessment(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_age_assessment *a = (struct lt_fact_age_assessment *)base + i;
	lt_sq_col_text(st, 0, a->date, sizeof(a->date));
	lt_sq_col_text(st, 1, a->result, sizeof(a->result));
}

static void read_proceeding(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_proceeding *p = (struct lt_fact_proceeding *)base + i;
	p->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, p->opened_date, sizeof(p->opened_date));
	lt_sq_col_text(st, 2, p->offence_date, sizeof(p->offence_date));
	p->prosecutor_specialised = sqlite3_column_int(st, 3) != 0;
	lt_sq_col_text(st, 4, p->stage, sizeof(p->stage));
	lt_sq_col_text(st, 5, p->indictment_date, sizeof(p->indictment_date));
	p->plea_agreement = sqlite3_column_int(st, 6) != 0;
	lt_sq_col_text(st, 7, p->plea_date, sizeof(p->plea_date));
	lt_sq_col_text(st, 8, p->verdict, sizeof(p->verdict));
	lt_sq_col_text(st, 9, p->verdict_date, sizeof(p->verdict_date));
	lt_sq_col_text(st, 10, p->verdict_article, sizeof(p->verdict_article));
	lt_sq_col_text(st, 11, p->verdict_paragraph, sizeof(p->verdict_paragraph));
	p->sentence_months =
		sqlite3_column_type(st, 12) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 12);
	p->sentence_suspended = sqlite3_column_int(st, 13) != 0;
	lt_sq_col_text(st, 14, p->victim_role, sizeof(p->victim_role));
	p->any_child_victim = sqlite3_column_int(st, 15) != 0;
}

static void read_charge(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_charge *c = (struct lt_fact_charge *)base + i;
	lt_sq_col_text(st, 0, c->date, sizeof(c->date));
	lt_sq_col_text(st, 1, c->stage, sizeof(c->stage));
	lt_sq_col_text(st, 2, c->article, sizeof(c->article));
	lt_sq_col_text(st, 3, c->paragraph, sizeof(c->paragraph));
}

static void read_hearing(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_hearing *h = (struct lt_fact_hearing *)base + i;
	h->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, h->date, sizeof(h->date));
	h->confrontation = tri(st, 2);
}

static void read_measure(sqlite3_stmt *st, void *base, int i)
{
	struct lt_fact_measure *m = (struct lt_fact_measure *)base + i;
	lt_sq_col_text(st, 0, m->measure, sizeof(m->measure));
	m->requested = sqlite3_column_int(st, 1) != 0;
	m->granted = sqlite3_column_int(st, 2) != 0;
	m->carried_out = tri(st, 3);
}

/* Runs SQL bound to one id and reads its rows into BASE (CAP slots). */
static lt_err rows_by_id(struct lt_store *s, const char *sql, int64_t id, int cap, int *n,
			 bool *truncated, void (*read)(sqlite3_stmt *, void *, int), void *base)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	return each_row(s, st, cap, n, truncated, read, base);
}

static lt_err facts_proceedings(struct lt_store *s, int64_t case_id, struct lt_case_facts *f)
{
	static const char sql[] =
		"SELECT p.id, p.opened_date, coalesce(p.offence_date, ''), p.prosecutor_specialised, "
		"p.stage, coalesce(p.indictment_date, ''), p.plea_agreement, coalesce(p.plea_date, ''), "
		"coalesce(p.verdict, ''), coalesce(p.verdict_date, ''), coalesce(p.verdict_article, ''), "
		"coalesce(p.verdict_paragraph, ''), p.sentence_months, coalesce(p.sentence_suspended, 0), "
		"pc.victim_role, EXISTS (SELECT 1 FROM proceeding_cases o JOIN cases oc ON oc.id = o.case_id "
		" WHERE o.proceeding_id = p.id AND oc.is_child = 1) "
		"FROM proceeding_cases pc JOIN proceedings p ON p.id = pc.proceeding_id "
		"WHERE pc.case_id = ? ORDER BY p.opened_date, p.id";
	static const char charges_sql[] =
		"SELECT charge_date, stage, article, coalesce(paragraph, '') FROM proceeding_charges "
		"WHERE proceeding_id = ? ORDER BY charge_date, id";
	static const char hearings_sql[] =
		"SELECT id, hearing_date, confrontation FROM hearings WHERE proceeding_id = ? "
		"AND case_id = ? ORDER BY hearing_date, id";
	static const char measures_sql[] =
		"SELECT measure, requested, granted, carried_out FROM hearing_measures "
		"WHERE hearing_id = ? ORDER BY measure";
	lt_err rc = rows_by_id(s, sql, case_id, (int)LT_ARRAY_LEN(f->proceedings), &f->n_proceedings,
			       &f->truncated, read_proceeding, f->proceedings);
	for (int i = 0; !rc && i < f->n_proceedings; i++) {
		struct lt_fact_proceeding *p = &f->proceedings[i];
		rc = rows_by_id(s, charges_sql, p->id, (int)LT_ARRAY_LEN(p->charges), &p->n_charges,
				&f->truncated, read_charge, p->charges);
		sqlite3_stmt *st;
		if (!rc && !(rc = lt_sq_stmt(s, hearings_sql, &st))) {
			sqlite3_bind_int64(st, 1, p->id);
			sqlite3_bind_int64(st, 2, case_id);
			rc = each_row(s, st, (int)LT_ARRAY_LEN(p->hearings), &p->n_hearings,
				      &f->truncated, read_hearing, p->hearings);
		}
		for (int h = 0; !rc && h < p->n_hearings; h++) {
			struct lt_fact_hearing *hr = &p->hearings[h];
			rc = rows_by_id(s, measures_sql, hr->id, (int)LT_ARRAY_LEN(hr->measures),
					&hr->n_measures, &f->truncated, read_measure, hr->measures);
		}
	}
	return rc;
}

lt_err lt_store_case_facts(struct lt_store *s, int64_t case_id, struct lt_case_facts *out)
{
	static const char decisions_sql[] =
		"SELECT id, stage, outcome, decision_date, coalesce(body, ''), reasons IS NOT NULL "
		"FROM case_decisions WHERE case_id = ? ORDER BY decision_date, id";
	static const char reflections_sql[] =
		"SELECT id, status, coalesce(decision_date, ''), coalesce(start_date, ''), "
		"coalesce(planned_end_date, ''), coalesce(actual_end_date, ''), min_days, "
		"coalesce(grounds, '') FROM reflection_periods WHERE case_id = ? ORDER BY id";
	static const char services_sql[] =
		"SELECT id, type, status, coalesce(start_date, ''), coalesce(end_date, ''), "
		"coalesce(consent_date, ''), coalesce(stop_reason, '') FROM case_services "
		"WHERE case_id = ? ORDER BY id";
	/* A shelter is judged as it stood on the day the stay began; a stay
	 * recorded before the shelter's first state takes that first state. */
	static const char placements_sql[] =
		"SELECT p.id, p.place, p.start_date, coalesce(p.end_date, ''), p.shelter_id IS NOT NULL, "
		"coalesce((SELECT ss.specialised FROM shelter_states ss WHERE ss.shelter_id = p.shelter_id "
		"          AND ss.valid_from <= p.start_date ORDER BY ss.valid_from DESC LIMIT 1), "
		"         (SELECT ss.specialised FROM shelter_states ss WHERE ss.shelter_id = p.shelter_id "
		"          ORDER BY ss.valid_from LIMIT 1), sh.specialised, 0), "
		"coalesce(p.alternative, ''), coalesce(p.turn_away_reason, '') "
		"FROM placements p LEFT JOIN shelters sh ON sh.id = p.shelter_id "
		"WHERE p.case_id = ? ORDER BY p.start_date, p.id";
	static const char claims_sql[] =
		"SELECT id, coalesce(proceeding_id, 0), forum, claimed_date, status, "
		"coalesce(award_date, ''), amount_awarded, amount_paid, coalesce(paid_date, '') "
		"FROM compensation_claims WHERE case_id = ? ORDER BY claimed_date, id";
	static const char threats_sql[] =
		"SELECT id, threat_date, kind FROM threats WHERE case_id = ? ORDER BY threat_date, id";
	static const char protections_sql[] =
		"SELECT id, coalesce(threat_id, 0), measure, start_date, coalesce(end_date, '') "
		"FROM protection_measures WHERE case_id = ? ORDER BY start_date, id";
	static const char victim_sql[] =
		"SELECT id, kind, offence, coalesce(offence_date, ''), during_exploitation, outcome, "
		"coalesce(penalty, ''), non_punishment_assessed FROM victim_proceedings "
		"WHERE case_id = ? ORDER BY id";
	static const char removals_sql[] =
		"SELECT id, removal_date, kind FROM removals WHERE case_id = ? ORDER BY removal_date, id";
	static const char disclosures_sql[] =
		"SELECT id, disclosure_date, recipient, channel FROM identity_disclosures "
		"WHERE case_id = ? ORDER BY disclosure_date, id";
	static const char ages_sql[] =
		"SELECT assessment_date, result FROM age_assessments WHERE case_id = ? "
		"ORDER BY assessment_date, id";
	memset(out, 0, sizeof(*out));
	struct lt_case_facts *f = out;
	bool *tr = &f->truncated;
	lt_err rc = facts_case(s, case_id, f);
	if (!rc)
		rc = rows_by_id(s, decisions_sql, case_id, LT_FACTS_MAX, &f->n_decisions, tr,
				read_decision, f->decisions);
	if (!rc)
		rc = rows_by_id(s, reflections_sql, case_id, LT_FACTS_MAX, &f->n_reflections, tr,
				read_reflection, f->reflections);
	if (!rc)
		rc = rows_by_id(s, services_sql, case_id, LT_FACTS_MAX, &f->n_services, tr,
				read_service, f->services);
	if (!rc)
		rc = rows_by_id(s, placements_sql, case_id, LT_FACTS_MAX, &f->n_placements, tr,
				read_placement, f->placements);
	if (!rc)
		rc = facts_proceedings(s, case_id, f);
	if (!rc)
		rc = rows_by_id(s, claims_sql, case_id, (int)LT_ARRAY_LEN(f->claims), &f->n_claims, tr,
				read_claim, f->claims);
	if (!rc)
		rc = rows_by_id(s, threats_sql, case_id, (int)LT_ARRAY_LEN(f->threats), &f->n_threats,
				tr, read_threat, f->threats);
	if (!rc)
		rc = rows_by_id(s, protections_sql, case_id, (int)LT_ARRAY_LEN(f->protections),
				&f->n_protections, tr, read_protection, f->protections);
	if (!rc)
		rc = rows_by_id(s, victim_sql, case_id, (int)LT_ARRAY_LEN(f->victim_proceedings),
				&f->n_victim_proceedings, tr, read_victim_proceeding,
				f->victim_proceedings);
	if (!rc)
		rc = rows_by_id(s, removals_sql, case_id, (int)LT_ARRAY_LEN(f->removals),
				&f->n_removals, tr, read_removal, f->removals);
	if (!rc)
		rc = rows_by_id(s, disclosures_sql, case_id, (int)LT_ARRAY_LEN(f->disclosures),
				&f->n_disclosures, tr, read_disclosure, f->disclosures);
	if (!rc)
		rc = rows_by_id(s, ages_sql, case_id, (int)LT_ARRAY_LEN(f->age_assessments),
				&f->n_age_assessments, tr, read_age_assessment, f->age_assessments);
	return rc;
}

lt_err lt_store_access_figures(struct lt_store *s, int year, const char *country,
			       struct lt_access_figures *out)
{
	/* One row per identified case of the year, with whether the person is
	 * foreign (holds no citizenship of the deployment's country). */
#define VICTIMS                                                                               \
	"WITH v AS (SELECT c.id, NOT EXISTS (SELECT 1 FROM person_citizenships pc "           \
	"  WHERE pc.person_id = c.person_id AND pc.country = ?2) AS f FROM cases c "          \
	"  WHERE c.identification = 'identified' AND c.identification_date >= ?1 || '-01-01' " \
	"  AND c.identification_date <= ?1 || '-12-31') "
	static const char totals_sql[] =
		VICTIMS "SELECT coalesce(sum(NOT f), 0), coalesce(sum(f), 0) FROM v";
	static const char services_sql[] =
		VICTIMS "SELECT sv.type, sum(NOT v.f), sum(v.f) FROM v JOIN (SELECT DISTINCT case_id, "
			"type FROM case_services WHERE status IN ('active', 'completed', 'stopped')) sv "
			"ON sv.case_id = v.id GROUP BY sv.type ORDER BY sv.type";
#undef VICTIMS
	memset(out, 0, sizeof(*out));
	snprintf(out->period, sizeof(out->period), "%d", year);
	char y[8];
	snprintf(y, sizeof(y), "%04d", year);
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, totals_sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, y, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, country, -1, SQLITE_TRANSIENT);
	if (!(rc = lt_sq_step_one(s, st))) {
		out->nationals = sqlite3_column_int(st, 0);
		out->foreign = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc)
		return rc;
	if ((rc = lt_sq_stmt(s, services_sql, &st)))
		return rc;
	sqlite3_bind_text(st, 1, y, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, country, -1, SQLITE_TRANSIENT);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n_services == (int)LT_ARRAY_LEN(out->services))
			continue;
		int i = out->n_services++;
		lt_sq_col_text(st, 0, out->services[i].type, sizeof(out->services[i].type));
		out->services[i].nationals = sqlite3_column_int(st, 1);
		out->services[i].foreign = sqlite3_column_int(st, 2);
	}
	rc = step == SQLITE_DONE ? LT_OK : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_case_ids_after(struct lt_store *s, int64_t after, int max, int64_t *ids, int *n)
{
	static const char sql[] = "SELECT id FROM cases WHERE id > ? ORDER BY id LIMIT ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, max);
	int step;
	*n = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	rc = step == SQLITE_DONE || step == SQLITE_ROW ? LT_OK : lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

/* --- alerts --- */

lt_err lt_store_alert_upsert(struct lt_store *s, const struct lt_alert_row *row, int64_t now,
			     int64_t *id, enum lt_alert_change *change)
{
	static const char find_sql[] =
		"SELECT id, status FROM alerts WHERE rule = ? AND ifnull(case_id, 0) = ? AND subject = ?";
	static const char insert_sql[] =
		"INSERT INTO alerts(rule, case_id, organisation_id, subject, severity, status, message, "
		"detail, raised_at, last_seen_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)";
	/* A resolved alert found again opens again; open and justified keep
	 * their status (a justification stands until someone withdraws it). */
	static const char update_sql[] =
		"UPDATE alerts SET organisation_id = ?, severity = ?, message = ?, detail = ?, "
		"last_seen_at = ?, status = CASE status WHEN 'resolved' THEN 'open' ELSE status END, "
		"resolved_at = CASE status WHEN 'resolved' THEN NULL ELSE resolved_at END, "
		"resolved_by = CASE status WHEN 'resolved' THEN NULL ELSE resolved_by END "
		"WHERE id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, find_sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, row->rule, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, row->case_id);
	sqlite3_bind_text(st, 3, row->subject, -1, SQLITE_STATIC);
	rc = lt_sq_step_one(s, st);
	int64_t found = 0;
	bool was_resolved = false;
	if (!rc) {
		found = sqlite3_column_int64(st, 0);
		was_resolved = strcmp((const char *)sqlite3_column_text(st, 1), "resolved") == 0;
	}
	sqlite3_reset(st);
	if (rc && rc != LT_ERR_NOT_FOUND)
		return rc;
	if (!found) {
		if ((rc = lt_sq_stmt(s, insert_sql, &st)))
			return rc;
		sqlite3_bind_text(st, 1, row->rule, -1, SQLITE_STATIC);
		lt_sq_bind_int_or_null(st, 2, row->case_id, 0);
		lt_sq_bind_int_or_null(st, 3, row->org_id, 0);
		sqlite3_bind_text(st, 4, row->subject, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, row->severity, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, row->message, -1, SQLITE_STATIC);
		lt_sq_bind_text_or_null(st, 7, row->detail);
		sqlite3_bind_int64(st, 8, now);
		sqlite3_bind_int64(st, 9, now);
		if ((rc = lt_sq_exec(s, st)))
			return rc;
		*id = sqlite3_last_insert_rowid(lt_sq_db(s));
		*change = LT_ALERT_RAISED;
		return LT_OK;
	}
	if ((rc = lt_sq_stmt(s, update_sql, &st)))
		return rc;
	lt_sq_bind_int_or_null(st, 1, row->org_id, 0);
	sqlite3_bind_text(st, 2, row->severity, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, row->message, -1, SQLITE_STATIC);
	lt_sq_bind_text_or_null(st, 4, row->detail);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_int64(st, 6, found);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	*id = found;
	*change = was_resolved ? LT_ALERT_REOPENED : LT_ALERT_SEEN;
	return LT_OK;
}

lt_err lt_store_alert_event_insert(struct lt_store *s, int64_t alert_id, const char *action,
				   int64_t at, int64_t by, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO alert_events(alert_id, action, at, by_user) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, alert_id);
	sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, at);
	lt_sq_bind_int_or_null(st, 4, by, 0);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	if (id)
		*id = sqlite3_last_insert_rowid(lt_sq_db(s));
	return LT_OK;
}

lt_err lt_store_alert_event_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE alert_events SET note = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

lt_err lt_store_alert_clear_missing(struct lt_store *s, int64_t case_id, const char *prefix,
				    const struct lt_alert_key *found, int n, int64_t now,
				    int *cleared)
{
	static const char sql[] =
		/* "case_id IS ?" (NULL for register-wide alerts) lets the search use
		 * alerts_case; a scan here made every write slower as alerts grew. */
		"SELECT id, rule, subject FROM alerts WHERE case_id IS ?1 AND status = 'open' "
		"AND substr(subject, 1, length(?2)) = ?2 ORDER BY id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	if (case_id)
		sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
	/* Collect first: the updates below must not run under an open cursor
	 * of the same table. A case has few open alerts. */
	int64_t ids[128];
	int nids = 0, step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && nids < (int)LT_ARRAY_LEN(ids)) {
		const char *rule = (const char *)sqlite3_column_text(st, 1);
		const char *subject = (const char *)sqlite3_column_text(st, 2);
		bool still = false;
		for (int i = 0; i < n && !still; i++)
			still = strcmp(found[i].rule, rule) == 0 && strcmp(found[i].subject, subject) == 0;
		if (!still)
			ids[nids++] = sqlite3_column_int64(st, 0);
	}
	rc = step == SQLITE_DONE || step == SQLITE_ROW ? LT_OK : lt_sq_err(s, step);
	sqlite3_reset(st);
	*cleared = 0;
	for (int i = 0; !rc && i < nids; i++) {
		rc = lt_store_alert_set_status(s, ids[i], "resolved", now, 0);
		if (!rc)
			rc = lt_store_alert_event_insert(s, ids[i], "cleared", now, 0, NULL);
		if (!rc)
			(*cleared)++;
	}
	return rc;
}

#define ALERT_COLS                                                                            \
	"a.id, a.rule, coalesce(a.case_id, 0), coalesce(c.case_number, ''), "                 \
	"coalesce(a.organisation_id, 0), a.subject, a.severity, a.status, a.message, "        \
	"coalesce(a.detail, ''), a.raised_at, a.last_seen_at, coalesce(a.resolved_at, 0), "   \
	"coalesce(a.resolved_by, 0), coalesce(u.username, '') "
#define ALERT_FROM " FROM alerts a LEFT JOIN cases c ON c.id = a.case_id LEFT JOIN users u ON u.id = a.resolved_by"

static void read_alert(sqlite3_stmt *st, struct lt_alert_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	lt_sq_col_text(st, 1, r->rule, sizeof(r->rule));
	r->case_id = sqlite3_column_int64(st, 2);
	lt_sq_col_text(st, 3, r->case_number, sizeof(r->case_number));
	r->org_id = sqlite3_column_int64(st, 4);
	lt_sq_col_text(st, 5, r->subject, sizeof(r->subject));
	lt_sq_col_text(st, 6, r->severity, sizeof(r->severity));
	lt_sq_col_text(st, 7, r->status, sizeof(r->status));
	lt_sq_col_text(st, 8, r->message, sizeof(r->message));
	lt_sq_col_text(st, 9, r->detail, sizeof(r->detail));
	r->raised_at = sqlite3_column_int64(st, 10);
	r->last_seen_at = sqlite3_column_int64(st, 11);
	r->resolved_at = sqlite3_column_int64(st, 12);
	r->resolved_by = sqlite3_column_int64(st, 13);
	lt_sq_col_text(st, 14, r->resolved_by_name, sizeof(r->resolved_by_name));
}

lt_err lt_store_alert_get(struct lt_store *s, int64_t id, struct lt_arena *a,
			  struct lt_alert_row *row)
{
	static const char sql[] =
		"SELECT " ALERT_COLS ", a.justification" ALERT_FROM " WHERE a.id = ?";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	if (!(rc = lt_sq_step_one(s, st))) {
		read_alert(st, row);
		rc = lt_sq_copy_blob(st, 15, a, &row->justification, &row->justification_len);
	}
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_alert_set_status(struct lt_store *s, int64_t id, const char *status, int64_t now,
				 int64_t by)
{
	static const char sql[] =
		"UPDATE alerts SET status = ?1, resolved_at = CASE WHEN ?1 = 'resolved' THEN ?2 END, "
		"resolved_by = CASE WHEN ?1 = 'resolved' THEN ?3 END WHERE id = ?4";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, now);
	lt_sq_bind_int_or_null(st, 3, by, 0);
	sqlite3_bind_int64(st, 4, id);
	if ((rc = lt_sq_exec(s, st)))
		return rc;
	return sqlite3_changes(lt_sq_db(s)) ? LT_OK : LT_ERR_NOT_FOUND;
}

lt_err lt_store_alert_set_justification(struct lt_store *s, int64_t id, const struct lt_buf *sealed)
{
	static const char sql[] = "UPDATE alerts SET justification = ? WHERE id = ?";
	return lt_sq_set_blob(s, sql, id, sealed);
}

/* The WHERE clause of F, with its parameters numbered as bound by bind_filter(). */
static lt_err filter_where(const struct lt_alert_filter *f, struct lt_buf *w)
{
	lt_err rc = lt_buf_addf(w, " WHERE 1 = 1");
	if (!rc && f->rule)
		rc = lt_buf_addf(w, " AND a.rule = ?1");
	if (!rc && f->status)
		rc = lt_buf_addf(w, " AND a.status = ?2");
	if (!rc && f->severity)
		rc = lt_buf_addf(w, " AND a.severity = ?3");
	if (!rc && f->case_id)
		rc = lt_buf_addf(w, " AND a.case_id = ?4");
	if (!rc && f->open_or_justified)
		rc = lt_buf_addf(w, " AND a.status IN ('open', 'justified')");
	/* A scoped caller sees the alerts of its organisation's cases, and no
	 * register-wide ones (they speak of everyone's cases). */
	if (!rc && f->scope_org)
		rc = lt_buf_addf(w, " AND a.organisation_id = ?5 AND a.case_id IS NOT NULL");
	return rc;
}

static void bind_filter(sqlite3_stmt *st, const struct lt_alert_filter *f)
{
	if (f->rule)
		sqlite3_bind_text(st, 1, f->rule, -1, SQLITE_STATIC);
	if (f->status)
		sqlite3_bind_text(st, 2, f->status, -1, SQLITE_STATIC);
	if (f->severity)
		sqlite3_bind_text(st, 3, f->severity, -1, SQLITE_STATIC);
	if (f->case_id)
		sqlite3_bind_int64(st, 4, f->case_id);
	if (f->scope_org)
		sqlite3_bind_int64(st, 5, f->scope_org);
}

lt_err lt_store_alert_list(struct lt_store *s, const struct lt_alert_filter *f, int64_t *total,
			   lt_err (*cb)(void *ctx, const struct lt_alert_row *row), void *ctx)
{
	struct lt_buf where, sql;
	lt_buf_init(&where, 4096);
	lt_buf_init(&sql, 8192);
	sqlite3_stmt *st;
	lt_err rc = filter_where(f, &where);
	if (!rc && total) {
		if (!(rc = lt_buf_addf(&sql, "SELECT count(*) FROM alerts a%s", where.data)) &&
		    !(rc = lt_sq_stmt_text(s, sql.data, &st))) {
			bind_filter(st, f);
			rc = lt_sq_one_int(s, st, total);
		}
	}
	lt_buf_reset(&sql);
	if (!rc)
		rc = lt_buf_addf(&sql,
				 "SELECT " ALERT_COLS ALERT_FROM "%s ORDER BY CASE a.severity "
				 "WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, a.id DESC "
				 "LIMIT ?6 OFFSET ?7",
				 where.data);
	if (!rc && !(rc = lt_sq_stmt_text(s, sql.data, &st))) {
		bind_filter(st, f);
		sqlite3_bind_int(st, 6, f->limit > 0 ? f->limit : -1);
		sqlite3_bind_int(st, 7, f->offset);
		int step;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			struct lt_alert_row r;
			read_alert(st, &r);
			if ((rc = cb(ctx, &r)))
				break;
		}
		if (!rc && step != SQLITE_DONE)
			rc = lt_sq_err(s, step);
		sqlite3_reset(st);
	}
	lt_buf_release(&where);
	lt_buf_release(&sql);
	return rc;
}

lt_err lt_store_alert_open_by_rule(struct lt_store *s, int64_t scope_org,
				   lt_err (*cb)(void *ctx, const char *rule, int64_t n), void *ctx)
{
	static const char sql[] =
		"SELECT rule, count(*) FROM alerts WHERE status = 'open' AND (?1 = 0 OR "
		"(organisation_id = ?1 AND case_id IS NOT NULL)) GROUP BY rule ORDER BY rule";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, scope_org);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if ((rc = cb(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1))))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

lt_err lt_store_alert_open_count(struct lt_store *s, int64_t *n)
{
	static const char sql[] = "SELECT count(*) FROM alerts WHERE status = 'open'";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	return lt_sq_one_int(s, st, n);
}

lt_err lt_store_alert_events(struct lt_store *s, int64_t alert_id, struct lt_arena *a,
			     lt_err (*cb)(void *ctx, const struct lt_alert_event_row *row),
			     void *ctx)
{
	static const char sql[] =
		"SELECT e.id, e.alert_id, e.action, e.at, coalesce(e.by_user, 0), "
		"coalesce(u.username, ''), e.note FROM alert_events e "
		"LEFT JOIN users u ON u.id = e.by_user WHERE e.alert_id = ? ORDER BY e.id";
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql, &st);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, alert_id);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_alert_event_row r;
		memset(&r, 0, sizeof(r));
		r.id = sqlite3_column_int64(st, 0);
		r.alert_id = sqlite3_column_int64(st, 1);
		lt_sq_col_text(st, 2, r.action, sizeof(r.action));
		r.at = sqlite3_column_int64(st, 3);
		r.by_user = sqlite3_column_int64(st, 4);
		lt_sq_col_text(st, 5, r.by_name, sizeof(r.by_name));
		if ((rc = lt_sq_copy_blob(st, 6, a, &r.note, &r.note_len)) || (rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
