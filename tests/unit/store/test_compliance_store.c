/* The compliance side of the store: the facts gathered for one case match
 * what was written to a real SQLite file (every table the rules read), long
 * lists are cut and flagged, the equal-access figures count nationals and
 * foreigners, and alerts upsert, reopen, clear and list in scope. Rows are
 * written with SQL directly, as the other layers would have left them. */
#include "lt_test.h"
#include "store/store.h"
#include <sqlite3.h>

struct fx {
	char *dir;
	char path[600];
	struct lt_store *s;
	sqlite3 *db;
	struct lt_problem p;
};

static void sql(struct fx *f, const char *text)
{
	char *err = NULL;
	int rc = sqlite3_exec(f->db, text, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", text, err ? err : "?");
	sqlite3_free(err);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f || !(f->dir = lt_test_tmpdir()))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/lantern.db", f->dir);
	lt_problem_init(&f->p);
	if (lt_store_open(f->path, true, &f->s, &f->p) || lt_store_migrate(f->s, &f->p))
		return -1;
	if (sqlite3_open_v2(f->path, &f->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->db, 5000);
	*state = f;
	sql(f, "INSERT INTO organisations(id, name, kind, created_at) VALUES "
	       "(1, 'Center (synthetic)', 'center', 0), (2, 'NGO (synthetic)', 'ngo', 0);"
	       "INSERT INTO users(id, username, password_hash, role, organisation_id, created_at, "
	       " password_changed_at) VALUES (1, 'coord', 'x', 'coordinator', 1, 0, 0);"
	       "INSERT INTO persons(id, organisation_id, sex, birth_year, created_at, age_uncertain) "
	       "VALUES (1, 1, 'female', 1995, 0, 1), (2, 1, 'female', 2010, 0, 0);"
	       "INSERT INTO person_citizenships VALUES (1, 'RO'), (2, 'RS');"
	       "INSERT INTO cases(id, case_number, number_year, number_seq, person_id, organisation_id, "
	       " status, referral_date, referral_year, referral_source, age_at_referral, is_child, "
	       " cooperation, reasonable_grounds, reasonable_grounds_date, identification, "
	       " identification_date, created_at, updated_at, unaccompanied) VALUES "
	       "(1, 'LT-2024-000001', 2024, 1, 1, 1, 'identified', '2024-01-10', 2024, 'police', 29, 0, "
	       " 'declined', 'positive', '2024-01-12', 'identified', '2024-03-01', 0, 0, NULL),"
	       "(2, 'LT-2024-000002', 2024, 2, 2, 1, 'identified', '2024-02-01', 2024, 'ngo', 14, 1, "
	       " 'undecided', 'positive', '2024-02-02', 'identified', '2024-04-01', 0, 0, 1);");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	sqlite3_close(f->db);
	lt_store_free(f->s);
	lt_test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void facts_match_what_was_written(void **state)
{
	struct fx *f = *state;
	sql(f, "INSERT INTO case_decisions(id, case_id, stage, outcome, decision_date, body, reasons, "
	       " created_at) VALUES (5, 1, 'reasonable_grounds', 'positive', '2024-01-12', 'Body A', x'01', 0),"
	       "(6, 1, 'conclusive', 'identified', '2024-03-01', NULL, NULL, 0);"
	       "INSERT INTO case_events(case_id, kind, action, event_date, created_at) VALUES "
	       "(1, 'cooperation', 'declined', '2024-01-20', 0), (1, 'cooperation', 'declined', '2024-02-05', 0),"
	       "(1, 'cooperation', 'cooperating', '2024-02-10', 0), (1, 'service', 'declined', '2024-05-01', 0);"
	       "INSERT INTO reflection_periods(id, case_id, status, decision_date, start_date, "
	       " planned_end_date, actual_end_date, min_days, grounds, created_at) VALUES "
	       "(7, 1, 'ended', '2024-01-13', '2024-01-13', '2024-02-12', '2024-01-30', 30, 'public_order', 0);"
	       "INSERT INTO case_services(id, case_id, type, status, start_date, end_date, consent_date, "
	       " stop_reason, created_at) VALUES (8, 1, 'medical', 'stopped', '2024-01-15', '2024-02-07', "
	       " NULL, 'cooperation_declined', 0);"
	       "INSERT INTO shelters(id, organisation_id, name, created_at) VALUES (1, 2, 'Shelter (synthetic)', 0);"
	       "INSERT INTO shelter_states(shelter_id, valid_from, specialised, capacity_women, capacity_men, "
	       " capacity_children, recorded_at) VALUES (1, '2020-01-01', 1, 5, 0, 0, 0), "
	       " (1, '2024-02-01', 0, 5, 0, 0, 0);"
	       "INSERT INTO placements(id, case_id, shelter_id, place, start_date, end_date, created_at) VALUES "
	       "(9, 1, 1, 'women', '2024-01-14', '2024-01-31', 0), (10, 1, 1, 'women', '2024-02-02', NULL, 0);"
	       "INSERT INTO placements(id, case_id, place, start_date, alternative, turn_away_reason, created_at) "
	       "VALUES (11, 1, 'women', '2024-03-01', 'social_welfare_shelter', 'full', 0);"
	       "INSERT INTO case_screenings(case_id, profile, indicators, outcome, result, screening_date, created_at) "
	       "VALUES (1, 'adult_sexual', '[]', 'trafficking', '{}', '2024-01-11', 0), "
	       "(1, 'adult_sexual', '[]', 'insufficient_indicators', '{}', '2024-01-10', 0);"
	       "INSERT INTO proceedings(id, organisation_id, opened_date, offence_date, prosecutor_specialised, "
	       " stage, indictment_date, plea_agreement, plea_date, verdict, verdict_date, verdict_article, "
	       " verdict_paragraph, sentence_months, sentence_suspended, created_at, updated_at) VALUES "
	       "(3, 1, '2024-02-01', '2023-06-01', 0, 'verdict', '2024-05-01', 1, '2024-06-01', 'conviction', "
	       " '2024-07-01', '184', '1', 18, 1, 0, 0);"
	       "INSERT INTO proceeding_cases VALUES (3, 1, 'injured_party'), (3, 2, 'witness');"
	       "INSERT INTO proceeding_charges(proceeding_id, charge_date, stage, article, paragraph, created_at) "
	       "VALUES (3, '2024-04-01', 'indictment', '184', '1', 0), (3, '2024-02-01', 'investigation', '388', NULL, 0);"
	       "INSERT INTO hearings(id, proceeding_id, case_id, hearing_date, confrontation, created_at) VALUES "
	       "(4, 3, 1, '2024-06-15', 1, 0), (5, 3, 2, '2024-06-16', NULL, 0);"
	       "INSERT INTO hearing_measures VALUES (4, 'video_link', 1, 1, 0), (4, 'closed_hearing', 1, 0, NULL);"
	       "INSERT INTO compensation_claims(id, case_id, proceeding_id, forum, claimed_date, currency, status, "
	       " award_date, amount_awarded, amount_paid, paid_date, created_at, updated_at) VALUES "
	       "(12, 1, 3, 'criminal', '2024-05-02', 'RSD', 'awarded', '2024-07-01', 500000, NULL, NULL, 0, 0);"
	       "INSERT INTO threats(id, case_id, threat_date, kind, created_at) VALUES (13, 1, '2024-03-03', 'intimidation', 0);"
	       "INSERT INTO protection_measures(id, case_id, threat_id, measure, start_date, created_at) VALUES "
	       "(14, 1, 13, 'police_protection', '2024-03-04', 0);"
	       "INSERT INTO victim_proceedings(id, case_id, kind, offence, offence_date, during_exploitation, "
	       " outcome, penalty, non_punishment_assessed, created_at, updated_at) VALUES "
	       "(15, 1, 'misdemeanour', 'prostitution', '2023-08-01', 1, 'penalty', 'fine', 0, 0, 0);"
	       "INSERT INTO removals(id, case_id, removal_date, kind, created_at) VALUES (16, 1, '2024-01-25', 'expulsion', 0);"
	       "INSERT INTO identity_disclosures(id, case_id, disclosure_date, recipient, channel, created_at) "
	       "VALUES (17, 1, '2024-04-04', 'employer', 'residence_document', 0);"
	       "INSERT INTO age_assessments(case_id, assessment_date, result, method, created_at) VALUES "
	       "(1, '2024-01-11', 'adult', 'documents', 0);");
	struct lt_case_facts *x = malloc(sizeof(*x));
	assert_non_null(x);
	assert_int_equal(lt_store_case_facts(f->s, 1, x), LT_OK);
	assert_int_equal(x->case_id, 1);
	assert_string_equal(x->status, "identified");
	assert_string_equal(x->referral_date, "2024-01-10");
	assert_int_equal(x->age_at_referral, 29);
	assert_int_equal(x->is_child, 0);
	assert_true(x->age_uncertain);
	assert_int_equal(x->unaccompanied, -1);
	assert_string_equal(x->cooperation, "declined");
	assert_string_equal(x->cooperation_declined_date, "2024-02-05");
	assert_string_equal(x->reasonable_grounds, "positive");
	assert_string_equal(x->reasonable_grounds_date, "2024-01-12");
	assert_string_equal(x->identification, "identified");
	assert_string_equal(x->identification_date, "2024-03-01");
	assert_string_equal(x->screening_outcome, "trafficking");
	assert_int_equal(x->n_decisions, 2);
	assert_true(x->decisions[0].has_reasons);
	assert_string_equal(x->decisions[0].body, "Body A");
	assert_false(x->decisions[1].has_reasons);
	assert_string_equal(x->decisions[1].stage, "conclusive");
	assert_int_equal(x->n_reflections, 1);
	assert_string_equal(x->reflections[0].actual_end_date, "2024-01-30");
	assert_string_equal(x->reflections[0].grounds, "public_order");
	assert_int_equal(x->reflections[0].min_days, 30);
	assert_int_equal(x->n_services, 1);
	assert_string_equal(x->services[0].stop_reason, "cooperation_declined");
	assert_string_equal(x->services[0].consent_date, "");
	assert_int_equal(x->n_placements, 3);
	assert_true(x->placements[0].in_shelter);
	assert_true(x->placements[0].shelter_specialised); /* as the shelter stood on 2024-01-14 */
	assert_false(x->placements[1].shelter_specialised); /* no longer on 2024-02-02 */
	assert_false(x->placements[2].in_shelter);
	assert_string_equal(x->placements[2].alternative, "social_welfare_shelter");
	assert_string_equal(x->placements[2].turn_away_reason, "full");
	assert_int_equal(x->n_proceedings, 1);
	const struct lt_fact_proceeding *pr = &x->proceedings[0];
	assert_false(pr->prosecutor_specialised);
	assert_string_equal(pr->stage, "verdict");
	assert_string_equal(pr->indictment_date, "2024-05-01");
	assert_true(pr->plea_agreement);
	assert_string_equal(pr->verdict, "conviction");
	assert_string_equal(pr->verdict_article, "184");
	assert_int_equal(pr->sentence_months, 18);
	assert_true(pr->sentence_suspended);
	assert_string_equal(pr->victim_role, "injured_party");
	assert_true(pr->any_child_victim); /* case 2, a child, is in it too */
	assert_int_equal(pr->n_charges, 2);
	assert_string_equal(pr->charges[0].article, "388"); /* oldest first */
	assert_string_equal(pr->charges[1].article, "184");
	assert_int_equal(pr->n_hearings, 1); /* this case's only */
	assert_int_equal(pr->hearings[0].confrontation, 1);
	assert_int_equal(pr->hearings[0].n_measures, 2);
	assert_string_equal(pr->hearings[0].measures[1].measure, "video_link");
	assert_int_equal(pr->hearings[0].measures[1].carried_out, 0);
	assert_int_equal(pr->hearings[0].measures[0].carried_out, -1);
	assert_int_equal(x->n_claims, 1);
	assert_int_equal(x->claims[0].proceeding_id, 3);
	assert_int_equal(x->claims[0].amount_awarded, 500000);
	assert_int_equal(x->claims[0].amount_paid, -1);
	assert_int_equal(x->n_threats, 1);
	assert_string_equal(x->threats[0].kind, "intimidation");
	assert_int_equal(x->n_protections, 1);
	assert_int_equal(x->protections[0].threat_id, 13);
	assert_int_equal(x->n_victim_proceedings, 1);
	assert_int_equal(x->victim_proceedings[0].during_exploitation, 1);
	assert_string_equal(x->victim_proceedings[0].penalty, "fine");
	assert_int_equal(x->n_removals, 1);
	assert_string_equal(x->removals[0].kind, "expulsion");
	assert_int_equal(x->n_disclosures, 1);
	assert_string_equal(x->disclosures[0].channel, "residence_document");
	assert_int_equal(x->n_age_assessments, 1);
	assert_string_equal(x->age_assessments[0].result, "adult");
	assert_false(x->truncated);

	assert_int_equal(lt_store_case_facts(f->s, 2, x), LT_OK);
	assert_int_equal(x->unaccompanied, 1);
	assert_int_equal(x->is_child, 1);
	assert_int_equal(x->proceedings[0].n_hearings, 1);
	assert_int_equal(x->proceedings[0].hearings[0].confrontation, -1);
	assert_int_equal(lt_store_case_facts(f->s, 99, x), LT_ERR_NOT_FOUND);
	free(x);
}

static void long_lists_are_cut_and_flagged(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < LT_FACTS_MAX + 1; i++)
		sql(f, "INSERT INTO case_services(case_id, type, status, created_at) VALUES (2, 'education', 'planned', 0)");
	struct lt_case_facts *x = malloc(sizeof(*x));
	assert_non_null(x);
	assert_int_equal(lt_store_case_facts(f->s, 2, x), LT_OK);
	assert_int_equal(x->n_services, LT_FACTS_MAX);
	assert_true(x->truncated);
	free(x);
}

static void access_figures_split_nationals_and_foreign(void **state)
{
	struct fx *f = *state;
	sql(f, "INSERT INTO case_services(case_id, type, status, created_at) VALUES "
	       "(1, 'medical', 'active', 0), (1, 'medical', 'completed', 0), (2, 'medical', 'refused', 0),"
	       "(2, 'education', 'active', 0)");
	struct lt_access_figures a;
	assert_int_equal(lt_store_access_figures(f->s, 2024, "RS", &a), LT_OK);
	assert_string_equal(a.period, "2024");
	assert_int_equal(a.nationals, 1);
	assert_int_equal(a.foreign, 1);
	assert_int_equal(a.n_services, 2);
	assert_string_equal(a.services[0].type, "education");
	assert_int_equal(a.services[0].nationals, 1);
	assert_int_equal(a.services[1].foreign, 1); /* medical: once per case, a refusal is not a service */
	assert_int_equal(a.services[1].nationals, 0);
	assert_int_equal(lt_store_access_figures(f->s, 2023, "RS", &a), LT_OK);
	assert_int_equal(a.nationals + a.foreign, 0);
}

static lt_err count_row(void *ctx, const struct lt_alert_row *row)
{
	(void)row;
	(*(int *)ctx)++;
	return LT_OK;
}

static void alerts_upsert_reopen_clear_and_scope(void **state)
{
	struct fx *f = *state;
	struct lt_alert_row a;
	memset(&a, 0, sizeof(a));
	snprintf(a.rule, sizeof(a.rule), "%s", "service-without-consent");
	a.case_id = 1;
	a.org_id = 1;
	snprintf(a.subject, sizeof(a.subject), "%s", "service:8");
	snprintf(a.severity, sizeof(a.severity), "%s", "medium");
	snprintf(a.message, sizeof(a.message), "%s", "No consent.");
	int64_t id, id2;
	enum lt_alert_change ch;
	assert_int_equal(lt_store_begin(f->s), LT_OK);
	assert_int_equal(lt_store_alert_upsert(f->s, &a, 100, &id, &ch), LT_OK);
	assert_int_equal(ch, LT_ALERT_RAISED);
	assert_int_equal(lt_store_alert_upsert(f->s, &a, 200, &id2, &ch), LT_OK);
	assert_int_equal(ch, LT_ALERT_SEEN);
	assert_int_equal(id, id2);
	/* A run that finds nothing clears it; finding it again reopens it. */
	int cleared = 0;
	assert_int_equal(lt_store_alert_clear_missing(f->s, 1, NULL, NULL, 0, 300, &cleared), LT_OK);
	assert_int_equal(cleared, 1);
	struct lt_arena arena;
	lt_arena_init(&arena);
	struct lt_alert_row got;
	assert_int_equal(lt_store_alert_get(f->s, id, &arena, &got), LT_OK);
	assert_string_equal(got.status, "resolved");
	assert_int_equal(got.resolved_at, 300);
	assert_int_equal(got.resolved_by, 0);
	assert_string_equal(got.case_number, "LT-2024-000001");
	assert_int_equal(lt_store_alert_upsert(f->s, &a, 400, &id2, &ch), LT_OK);
	assert_int_equal(ch, LT_ALERT_REOPENED);
	/* Justified stays justified when found again. */
	assert_int_equal(lt_store_alert_set_status(f->s, id, "justified", 500, 1), LT_OK);
	assert_int_equal(lt_store_alert_upsert(f->s, &a, 600, &id2, &ch), LT_OK);
	assert_int_equal(ch, LT_ALERT_SEEN);
	assert_int_equal(lt_store_alert_get(f->s, id, &arena, &got), LT_OK);
	assert_string_equal(got.status, "justified");
	/* A register-wide alert: no case, no organisation. */
	struct lt_alert_row r = a;
	snprintf(r.rule, sizeof(r.rule), "%s", "unequal-access-foreign");
	r.case_id = 0;
	r.org_id = 0;
	snprintf(r.subject, sizeof(r.subject), "%s", "2024:medical");
	assert_int_equal(lt_store_alert_upsert(f->s, &r, 700, &id2, &ch), LT_OK);
	assert_int_equal(ch, LT_ALERT_RAISED);
	struct lt_alert_key keep = {"unequal-access-foreign", "2024:medical"};
	assert_int_equal(lt_store_alert_clear_missing(f->s, 0, "2023", NULL, 0, 800, &cleared), LT_OK);
	assert_int_equal(cleared, 0); /* another period */
	assert_int_equal(lt_store_alert_clear_missing(f->s, 0, "2024", &keep, 1, 800, &cleared), LT_OK);
	assert_int_equal(cleared, 0);
	assert_int_equal(lt_store_alert_event_insert(f->s, id, "raised", 100, 0, NULL), LT_OK);
	assert_int_equal(lt_store_commit(f->s), LT_OK);

	struct lt_alert_filter all = {0};
	int64_t total = 0;
	int n = 0;
	assert_int_equal(lt_store_alert_list(f->s, &all, &total, count_row, &n), LT_OK);
	assert_int_equal(total, 2);
	struct lt_alert_filter scoped = {0};
	scoped.scope_org = 1;
	assert_int_equal(lt_store_alert_list(f->s, &scoped, &total, count_row, &n), LT_OK);
	assert_int_equal(total, 1); /* the organisation's case, not the register */
	scoped.scope_org = 2;
	assert_int_equal(lt_store_alert_list(f->s, &scoped, &total, count_row, &n), LT_OK);
	assert_int_equal(total, 0);
	struct lt_alert_filter open = {0};
	open.status = "open";
	assert_int_equal(lt_store_alert_list(f->s, &open, &total, count_row, &n), LT_OK);
	assert_int_equal(total, 1);
	int64_t open_n = 0;
	assert_int_equal(lt_store_alert_open_count(f->s, &open_n), LT_OK);
	assert_int_equal(open_n, 1);
	lt_arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(facts_match_what_was_written, setup, teardown),
		cmocka_unit_test_setup_teardown(long_lists_are_cut_and_flagged, setup, teardown),
		cmocka_unit_test_setup_teardown(access_figures_split_nationals_and_foreign, setup, teardown),
		cmocka_unit_test_setup_teardown(alerts_upsert_reopen_clear_and_scope, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
