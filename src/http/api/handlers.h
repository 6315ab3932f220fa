/* The API's handlers, one group per file. Each parses its input, calls one
 * service and renders the answer; none holds business rules.
 * Ownership: see http/request.h. */
#ifndef LT_HTTP_API_HANDLERS_H
#define LT_HTTP_API_HANDLERS_H
#include "base/json.h"
#include "http/request.h"

/** GET /api/v1/health */
void lt_api_health(struct lt_req *req);
/** POST /api/v1/login */
void lt_api_login(struct lt_req *req);
/** POST /api/v1/logout */
void lt_api_logout(struct lt_req *req);
/** GET /api/v1/me */
void lt_api_me(struct lt_req *req);
/** POST /api/v1/me/password */
void lt_api_password(struct lt_req *req);
/** GET /api/v1/dashboard */
void lt_api_dashboard(struct lt_req *req);
/** GET /api/v1/users */
void lt_api_users_list(struct lt_req *req);
/** POST /api/v1/users */
void lt_api_users_create(struct lt_req *req);
/** POST /api/v1/users/{username}/disable */
void lt_api_users_disable(struct lt_req *req);
/** POST /api/v1/users/{username}/enable */
void lt_api_users_enable(struct lt_req *req);
/** GET /api/v1/organisations */
void lt_api_orgs_list(struct lt_req *req);
/** POST /api/v1/organisations */
void lt_api_orgs_create(struct lt_req *req);
/** POST /api/v1/persons */
void lt_api_persons_create(struct lt_req *req);
/** GET /api/v1/persons?name= */
void lt_api_persons_search(struct lt_req *req);
/** GET /api/v1/persons/{id} */
void lt_api_persons_get(struct lt_req *req);
/** GET /api/v1/audit */
void lt_api_audit_list(struct lt_req *req);

/** GET /api/v1/cases */
void lt_api_cases_list(struct lt_req *req);
/** POST /api/v1/cases */
void lt_api_cases_create(struct lt_req *req);
/** GET /api/v1/cases/{id} */
void lt_api_cases_get(struct lt_req *req);
/** GET /api/v1/cases/{id}/identity */
void lt_api_cases_identity(struct lt_req *req);
/** POST /api/v1/cases/{id}/transitions */
void lt_api_cases_transition(struct lt_req *req);
/** POST /api/v1/cases/{id}/cooperation */
void lt_api_cases_cooperation(struct lt_req *req);
/** POST /api/v1/cases/{id}/consent */
void lt_api_cases_consent(struct lt_req *req);
/** GET /api/v1/vocabularies */
void lt_api_vocabularies(struct lt_req *req);
/** GET /api/v1/jurisdiction */
void lt_api_jurisdiction(struct lt_req *req);

/* -- assistance and referrals -- */
/** POST /api/v1/cases/{id}/reflection */
void lt_api_reflection_record(struct lt_req *req);
/** POST /api/v1/cases/{id}/reflection/{rid}/end */
void lt_api_reflection_end(struct lt_req *req);
/** POST /api/v1/cases/{id}/services */
void lt_api_services_create(struct lt_req *req);
/** PATCH /api/v1/cases/{id}/services/{sid} */
void lt_api_services_update(struct lt_req *req);
/** POST /api/v1/cases/{id}/referrals */
void lt_api_referrals_create(struct lt_req *req);
/** GET /api/v1/referrals?direction=&status=&page=&per_page= */
void lt_api_referrals_list(struct lt_req *req);
/** POST /api/v1/referrals/{rid}/accept */
void lt_api_referrals_accept(struct lt_req *req);
/** POST /api/v1/referrals/{rid}/reject */
void lt_api_referrals_reject(struct lt_req *req);
/** POST /api/v1/referrals/{rid}/complete */
void lt_api_referrals_complete(struct lt_req *req);
/** POST /api/v1/referrals/{rid}/revoke */
void lt_api_referrals_revoke(struct lt_req *req);
/* -- end assistance and referrals -- */
/* -- shelters, placements and group cases -- */
/** GET /api/v1/shelters */
void lt_api_shelters_list(struct lt_req *req);
/** POST /api/v1/shelters */
void lt_api_shelters_create(struct lt_req *req);
/** GET /api/v1/shelters/board?from=&to= */
void lt_api_shelters_board(struct lt_req *req);
/** PATCH /api/v1/shelters/{id} */
void lt_api_shelters_update(struct lt_req *req);
/** POST /api/v1/cases/{id}/placements */
void lt_api_placements_create(struct lt_req *req);
/** POST /api/v1/cases/{id}/placements/{pid}/end */
void lt_api_placements_end(struct lt_req *req);
/** GET /api/v1/groups */
void lt_api_groups_list(struct lt_req *req);
/** POST /api/v1/groups */
void lt_api_groups_create(struct lt_req *req);
/** GET /api/v1/groups/{id} */
void lt_api_groups_get(struct lt_req *req);
/** POST /api/v1/groups/{id}/members (application/json or text/csv) */
void lt_api_groups_members(struct lt_req *req);
/* -- end shelters, placements and group cases -- */
/** GET /api/v1/screening/profiles */
void lt_api_screening_profiles(struct lt_req *req);
/** POST /api/v1/screening/evaluate */
void lt_api_screening_evaluate(struct lt_req *req);
/** GET /api/v1/cases/{id}/screenings */
void lt_api_case_screenings_list(struct lt_req *req);
/** POST /api/v1/cases/{id}/screenings */
void lt_api_case_screenings_add(struct lt_req *req);
/** POST /api/v1/groups/{id}/screenings (text/csv) */
void lt_api_group_screenings_add(struct lt_req *req);
/** GET /api/v1/groups/{id}/screenings */
void lt_api_group_screenings_table(struct lt_req *req);
/** GET /api/v1/stats/annual?year= */
void lt_api_stats_annual(struct lt_req *req);
/** GET /api/v1/stats/trend?from=&to= */
void lt_api_stats_trend(struct lt_req *req);
/** GET /api/v1/stats/report?year=&lang=&published=&suppress= (text/html) */
void lt_api_stats_report(struct lt_req *req);
/** GET /api/v1/stats/trend/report?from=&to=&lang=&published=&suppress= (text/html) */
void lt_api_stats_trend_report(struct lt_req *req);
/** GET /api/v1/assessment/scorecard?year=&period= */
void lt_api_assessment_scorecard(struct lt_req *req);
/** GET /api/v1/assessment/clock */
void lt_api_assessment_clock(struct lt_req *req);
/** GET /api/v1/assessment/tiers */
void lt_api_tiers_list(struct lt_req *req);
/** POST /api/v1/assessment/tiers */
void lt_api_tiers_add(struct lt_req *req);
/* -- proceedings, hearings and compensation (api/justice.c) -- */
/** POST /api/v1/cases/{id}/proceedings */
void lt_api_proceedings_create(struct lt_req *req);
/** GET /api/v1/cases/{id}/proceedings */
void lt_api_proceedings_list(struct lt_req *req);
/** GET /api/v1/proceedings/{pid} */
void lt_api_proceedings_get(struct lt_req *req);
/** PATCH /api/v1/proceedings/{pid} */
void lt_api_proceedings_update(struct lt_req *req);
/** POST /api/v1/proceedings/{pid}/cases */
void lt_api_proceedings_link(struct lt_req *req);
/** POST /api/v1/proceedings/{pid}/stage */
void lt_api_proceedings_stage(struct lt_req *req);
/** POST /api/v1/proceedings/{pid}/charges */
void lt_api_proceedings_charge(struct lt_req *req);
/** PUT /api/v1/proceedings/{pid}/plea */
void lt_api_proceedings_plea(struct lt_req *req);
/** PUT /api/v1/proceedings/{pid}/verdict */
void lt_api_proceedings_verdict(struct lt_req *req);
/** POST /api/v1/proceedings/{pid}/appeals */
void lt_api_appeals_create(struct lt_req *req);
/** PATCH /api/v1/proceedings/{pid}/appeals/{aid} */
void lt_api_appeals_update(struct lt_req *req);
/** POST /api/v1/proceedings/{pid}/hearings */
void lt_api_hearings_create(struct lt_req *req);
/** POST /api/v1/cases/{id}/compensation */
void lt_api_compensation_create(struct lt_req *req);
/** PATCH /api/v1/cases/{id}/compensation/{cid} */
void lt_api_compensation_update(struct lt_req *req);
/* -- end proceedings, hearings and compensation -- */
/* -- protection and non-punishment (api/protection.c) -- */
/** POST /api/v1/cases/{id}/threats */
void lt_api_threats_create(struct lt_req *req);
/** POST /api/v1/cases/{id}/protection-measures */
void lt_api_protection_create(struct lt_req *req);
/** PATCH /api/v1/cases/{id}/protection-measures/{mid} */
void lt_api_protection_update(struct lt_req *req);
/** POST /api/v1/cases/{id}/victim-proceedings */
void lt_api_victim_proceedings_create(struct lt_req *req);
/** PATCH /api/v1/cases/{id}/victim-proceedings/{vid} */
void lt_api_victim_proceedings_update(struct lt_req *req);
/** POST /api/v1/cases/{id}/removals */
void lt_api_removals_create(struct lt_req *req);
/** POST /api/v1/cases/{id}/identity-disclosures */
void lt_api_disclosures_create(struct lt_req *req);
/** PUT /api/v1/cases/{id}/unaccompanied */
void lt_api_unaccompanied_set(struct lt_req *req);
/** POST /api/v1/cases/{id}/age-assessments */
void lt_api_age_assessments_create(struct lt_req *req);
/* -- end protection and non-punishment -- */
/** GET /api/v1/export/ctdc?k=&year= (text/csv) */
void lt_api_export_ctdc(struct lt_req *req);
/* -- compliance alerts (api/alerts.c) -- */
/** GET /api/v1/alerts?rule=&status=&case=&severity=&page=&per_page= */
void lt_api_alerts_list(struct lt_req *req);
/** GET /api/v1/alerts/{aid} */
void lt_api_alerts_get(struct lt_req *req);
/** POST /api/v1/alerts/{aid}/resolve */
void lt_api_alerts_resolve(struct lt_req *req);
/** POST /api/v1/alerts/{aid}/justify */
void lt_api_alerts_justify(struct lt_req *req);
/** GET /api/v1/compliance/rules */
void lt_api_compliance_rules(struct lt_req *req);
/* -- end compliance alerts -- */

/** Parses path parameter I as a positive id; on failure answers 404 (an id
 *  that cannot exist names no record) and returns LT_ERR_NOT_FOUND. */
lt_err lt_api_param_id(struct lt_req *req, size_t i, int64_t *id);
/** Parses the body and checks it against FIELDS; on failure has answered. */
lt_err lt_api_body(struct lt_req *req, const struct lt_json_field *fields, size_t n, json_t **out);

#endif
