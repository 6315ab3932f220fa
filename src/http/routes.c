/* The route table. Adding a route here without adding it to
 * docs/openapi.yaml fails the documentation test. */
#include "http/api/handlers.h"
#include "http/router.h"

const struct lt_route lt_routes[] = {
	{"GET", "/api/v1/health", lt_api_health, LT_AUTH_PUBLIC},
	{"POST", "/api/v1/login", lt_api_login, LT_AUTH_PUBLIC},
	{"POST", "/api/v1/logout", lt_api_logout, LT_AUTH_REQUIRED},
	{"GET", "/api/v1/me", lt_api_me, LT_AUTH_REQUIRED},
	{"POST", "/api/v1/me/password", lt_api_password, LT_AUTH_REQUIRED},
	{"GET", "/api/v1/dashboard", lt_api_dashboard, LT_AUTH_REQUIRED},
	{"GET", "/api/v1/users", lt_api_users_list, LT_AUTH_REQUIRED},
	{"POST", "/api/v1/users", lt_api_users_create, LT_AUTH_REQUIRED},
	{"POST", "/api/v1/users/{username}/disable", lt_api_users_disable, LT_AUTH_REQUIRED},
	{"POST", "/api/v1/users/{username}/enable", lt_api_users_enable, LT_AUTH_REQUIRED},
	{"GET", "/api/v1/organisations", lt_api_orgs_list, LT_AUTH_REQUIRED},
	{"POST", "/api/v1/organisations", lt_api_orgs_create, LT_AUTH_REQUIRED},
	{"POST", "/api/v1/persons", lt_api_persons_create, LT_AUTH_REQUIRED},
	{"GET", "/api/v1/persons", lt_api_persons_search, LT_AUTH_REQUIRED},
	{"GET", "/api/v1/persons/{id}", lt_api_persons_get, LT_AUTH_REQUIRED},
	{"GET", "/api/v1/audit", lt_api_audit_list, LT_AUTH_REQUIRED},
	{NULL, NULL, NULL, LT_AUTH_PUBLIC},
};
