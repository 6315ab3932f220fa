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
/* -- end assistance and referrals -- */
/* -- shelters, placements and group cases -- */
/* -- end shelters, placements and group cases -- */
/** GET /api/v1/screening/profiles */
void lt_api_screening_profiles(struct lt_req *req);
/** POST /api/v1/screening/evaluate */
void lt_api_screening_evaluate(struct lt_req *req);
/** GET /api/v1/cases/{id}/screenings */
void lt_api_case_screenings_list(struct lt_req *req);
/** POST /api/v1/cases/{id}/screenings */
void lt_api_case_screenings_add(struct lt_req *req);

/** Parses path parameter I as a positive id; on failure answers 404 (an id
 *  that cannot exist names no record) and returns LT_ERR_NOT_FOUND. */
lt_err lt_api_param_id(struct lt_req *req, size_t i, int64_t *id);
/** Parses the body and checks it against FIELDS; on failure has answered. */
lt_err lt_api_body(struct lt_req *req, const struct lt_json_field *fields, size_t n, json_t **out);

#endif
