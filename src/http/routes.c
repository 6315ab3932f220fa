/* The route table. Adding a route here without adding it to
 * docs/openapi.yaml fails the documentation test. */
#include "http/api/handlers.h"
#include "http/router.h"

static const char *const person_search_query[] = {"name", NULL};
static const char *const audit_query[] = {"action", "object_type", "object_id", "actor",
					  "since",  "until",       "after_id",  "limit", NULL};
static const char *const case_list_query[] = {
	"status", "year", "source", "exploitation", "sex", "child", "citizenship", "organisation",
	"number", "group", "negative_unreviewed", "sort", "order", "page", "per_page", NULL};

static const char *const group_screening_query[] = {"date", NULL};

const struct lt_route lt_routes[] = {
	{"GET", "/api/v1/health", lt_api_health, LT_AUTH_PUBLIC, NULL, false},
	{"POST", "/api/v1/login", lt_api_login, LT_AUTH_PUBLIC, NULL, true},
	{"POST", "/api/v1/logout", lt_api_logout, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/me", lt_api_me, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/me/password", lt_api_password, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/dashboard", lt_api_dashboard, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/users", lt_api_users_list, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/users", lt_api_users_create, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/users/{username}/disable", lt_api_users_disable, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/users/{username}/enable", lt_api_users_enable, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/organisations", lt_api_orgs_list, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/organisations", lt_api_orgs_create, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/persons", lt_api_persons_create, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/persons", lt_api_persons_search, LT_AUTH_REQUIRED, person_search_query, false},
	{"GET", "/api/v1/persons/{id}", lt_api_persons_get, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/audit", lt_api_audit_list, LT_AUTH_REQUIRED, audit_query, false},
	{"GET", "/api/v1/cases", lt_api_cases_list, LT_AUTH_REQUIRED, case_list_query, false},
	{"POST", "/api/v1/cases", lt_api_cases_create, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/cases/{id}", lt_api_cases_get, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/cases/{id}/identity", lt_api_cases_identity, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/cases/{id}/transitions", lt_api_cases_transition, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/cooperation", lt_api_cases_cooperation, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/consent", lt_api_cases_consent, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/vocabularies", lt_api_vocabularies, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/jurisdiction", lt_api_jurisdiction, LT_AUTH_REQUIRED, NULL, false},
	/* -- assistance and referrals (reflection periods, services, referrals) -- */
	{"POST", "/api/v1/cases/{id}/reflection", lt_api_reflection_record, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/reflection/{rid}/end", lt_api_reflection_end, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/services", lt_api_services_create, LT_AUTH_REQUIRED, NULL, true},
	{"PATCH", "/api/v1/cases/{id}/services/{sid}", lt_api_services_update, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/referrals", lt_api_referrals_create, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/referrals", lt_api_referrals_list, LT_AUTH_REQUIRED,
	 (const char *const[]){"direction", "status", "page", "per_page", NULL}, false},
	{"POST", "/api/v1/referrals/{rid}/accept", lt_api_referrals_accept, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/referrals/{rid}/reject", lt_api_referrals_reject, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/referrals/{rid}/complete", lt_api_referrals_complete, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/referrals/{rid}/revoke", lt_api_referrals_revoke, LT_AUTH_REQUIRED, NULL, true},
	/* -- end assistance and referrals -- */
	/* -- shelters, placements and group cases -- */
	{"GET", "/api/v1/shelters", lt_api_shelters_list, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/shelters", lt_api_shelters_create, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/shelters/board", lt_api_shelters_board, LT_AUTH_REQUIRED,
	 (const char *const[]){"from", "to", NULL}, false},
	{"PATCH", "/api/v1/shelters/{id}", lt_api_shelters_update, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/placements", lt_api_placements_create, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/placements/{pid}/end", lt_api_placements_end, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/groups", lt_api_groups_list, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/groups", lt_api_groups_create, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/groups/{id}", lt_api_groups_get, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/groups/{id}/members", lt_api_groups_members, LT_AUTH_REQUIRED, NULL, true},
	/* -- end shelters, placements and group cases -- */
	/* -- screenings -- */
	{"GET", "/api/v1/screening/profiles", lt_api_screening_profiles, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/screening/evaluate", lt_api_screening_evaluate, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/cases/{id}/screenings", lt_api_case_screenings_list, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/cases/{id}/screenings", lt_api_case_screenings_add, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/groups/{id}/screenings", lt_api_group_screenings_table, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/groups/{id}/screenings", lt_api_group_screenings_add, LT_AUTH_REQUIRED,
	 group_screening_query, true},
	/* -- end screenings -- */
	/* -- proceedings, hearings and compensation -- */
	{"POST", "/api/v1/cases/{id}/proceedings", lt_api_proceedings_create, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/cases/{id}/proceedings", lt_api_proceedings_list, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/proceedings/{pid}", lt_api_proceedings_get, LT_AUTH_REQUIRED, NULL, false},
	{"PATCH", "/api/v1/proceedings/{pid}", lt_api_proceedings_update, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/proceedings/{pid}/cases", lt_api_proceedings_link, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/proceedings/{pid}/stage", lt_api_proceedings_stage, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/proceedings/{pid}/charges", lt_api_proceedings_charge, LT_AUTH_REQUIRED, NULL, true},
	{"PUT", "/api/v1/proceedings/{pid}/plea", lt_api_proceedings_plea, LT_AUTH_REQUIRED, NULL, true},
	{"PUT", "/api/v1/proceedings/{pid}/verdict", lt_api_proceedings_verdict, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/proceedings/{pid}/appeals", lt_api_appeals_create, LT_AUTH_REQUIRED, NULL, true},
	{"PATCH", "/api/v1/proceedings/{pid}/appeals/{aid}", lt_api_appeals_update, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/proceedings/{pid}/hearings", lt_api_hearings_create, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/compensation", lt_api_compensation_create, LT_AUTH_REQUIRED, NULL, true},
	{"PATCH", "/api/v1/cases/{id}/compensation/{cid}", lt_api_compensation_update, LT_AUTH_REQUIRED, NULL, true},
	/* -- end proceedings, hearings and compensation -- */
	/* -- protection and non-punishment -- */
	{"POST", "/api/v1/cases/{id}/threats", lt_api_threats_create, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/protection-measures", lt_api_protection_create, LT_AUTH_REQUIRED, NULL, true},
	{"PATCH", "/api/v1/cases/{id}/protection-measures/{mid}", lt_api_protection_update, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/victim-proceedings", lt_api_victim_proceedings_create, LT_AUTH_REQUIRED, NULL, true},
	{"PATCH", "/api/v1/cases/{id}/victim-proceedings/{vid}", lt_api_victim_proceedings_update, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/removals", lt_api_removals_create, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/identity-disclosures", lt_api_disclosures_create, LT_AUTH_REQUIRED, NULL, true},
	{"PUT", "/api/v1/cases/{id}/unaccompanied", lt_api_unaccompanied_set, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/cases/{id}/age-assessments", lt_api_age_assessments_create, LT_AUTH_REQUIRED, NULL, true},
	/* -- end protection and non-punishment -- */
	/* -- compliance alerts -- */
	{"GET", "/api/v1/alerts", lt_api_alerts_list, LT_AUTH_REQUIRED,
	 (const char *const[]){"rule", "status", "case", "severity", "page", "per_page", NULL}, false},
	{"GET", "/api/v1/alerts/{aid}", lt_api_alerts_get, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/alerts/{aid}/resolve", lt_api_alerts_resolve, LT_AUTH_REQUIRED, NULL, true},
	{"POST", "/api/v1/alerts/{aid}/justify", lt_api_alerts_justify, LT_AUTH_REQUIRED, NULL, true},
	{"GET", "/api/v1/compliance/rules", lt_api_compliance_rules, LT_AUTH_REQUIRED, NULL, false},
	/* -- end compliance alerts -- */
	{"GET", "/api/v1/stats/annual", lt_api_stats_annual, LT_AUTH_REQUIRED, (const char *const[]){"year", "source", "format", NULL}, false},
	{"GET", "/api/v1/export/ctdc", lt_api_export_ctdc, LT_AUTH_REQUIRED,
	 (const char *const[]){"k", "year", NULL}, false},
	{"GET", "/api/v1/stats/trend", lt_api_stats_trend, LT_AUTH_REQUIRED, (const char *const[]){"from", "to", "format", NULL}, false},
	{"GET", "/api/v1/stats/report", lt_api_stats_report, LT_AUTH_REQUIRED,
	 (const char *const[]){"year", "lang", "published", "suppress", NULL}, false},
	{"GET", "/api/v1/stats/trend/report", lt_api_stats_trend_report, LT_AUTH_REQUIRED,
	 (const char *const[]){"from", "to", "lang", "published", "suppress", NULL}, false},
	{"GET", "/api/v1/assessment/scorecard", lt_api_assessment_scorecard, LT_AUTH_REQUIRED,
	 (const char *const[]){"year", "period", NULL}, false},
	{"GET", "/api/v1/assessment/clock", lt_api_assessment_clock, LT_AUTH_REQUIRED, NULL, false},
	{"GET", "/api/v1/assessment/tiers", lt_api_tiers_list, LT_AUTH_REQUIRED, NULL, false},
	{"POST", "/api/v1/assessment/tiers", lt_api_tiers_add, LT_AUTH_REQUIRED, NULL, true},
	{NULL, NULL, NULL, LT_AUTH_PUBLIC, NULL, false},
};
