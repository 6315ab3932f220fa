#include "service/demo.h"
#include "service/accounts.h"
#include "service/persons.h"

static const struct {
	const char *name, *kind;
} demo_orgs[] = {
	{"Demo Center for Victim Protection (synthetic)", "center"},
	{"Demo NGO Safe Path (synthetic)", "ngo"},
	{"Demo Social Welfare Centre (synthetic)", "social_welfare"},
	{"Demo Prosecutor's Office (synthetic)", "prosecution"},
	{"Demo Monitoring Unit (synthetic)", "other"},
};

static const struct {
	const char *username, *role;
	size_t org;
} demo_users[] = {
	{"demo-coordinator", "coordinator", 0}, {"demo-caseworker", "caseworker", 0},
	{"demo-ngo", "caseworker", 1},          {"demo-social", "caseworker", 2},
	{"demo-liaison", "prosecutor_liaison", 3}, {"demo-analyst", "analyst", 4},
	{"demo-auditor", "auditor", 4},
};

/* Invented names: no real person is meant. */
static const struct {
	const char *given, *family, *sex;
	int birth_year;
	size_t creator;
} demo_persons[] = {
	{"Milica", "Primerović", "female", 2004, 1}, {"Jovana", "Izmišljenović", "female", 1998, 1},
	{"Stefan", "Uzorković", "male", 1989, 1},    {"Ana", "Probnić", "female", 2009, 1},
	{"Lazar", "Oglednović", "male", 1995, 2},    {"Teodora", "Lažnić", "female", 2001, 2},
	{"Nikola", "Demović", "male", 1979, 3},      {"Mina", "Sintetić", "female", 2008, 3},
	{"Dragan", "Nepostojić", "male", 1992, 2},   {"Sara", "Fiktivić", "female", 2006, 1},
};

#define DEMO_PASSWORD_SUFFIX "-synthetic-demo"

lt_err lt_svc_demo_load(struct lt_ctx *ctx, json_t **logins)
{
	struct lt_org_row existing;
	if (lt_store_org_by_name(ctx->store, demo_orgs[0].name, &existing) == LT_OK)
		return lt_problem_set(ctx->problem, LT_ERR_EXISTS, "The demo data is already loaded.");
	int64_t id;
	lt_err rc;
	for (size_t i = 0; i < LT_ARRAY_LEN(demo_orgs); i++)
		if ((rc = lt_svc_org_add(ctx, demo_orgs[i].name, demo_orgs[i].kind, &id)))
			return rc;
	json_t *out = json_array();
	if (!out)
		return LT_ERR_NOMEM;
	for (size_t i = 0; i < LT_ARRAY_LEN(demo_users); i++) {
		char password[96], unused[21];
		snprintf(password, sizeof(password), "%s%s", demo_users[i].username,
			 DEMO_PASSWORD_SUFFIX);
		const char *org = demo_orgs[demo_users[i].org].name;
		if ((rc = lt_svc_user_add(ctx, demo_users[i].username, demo_users[i].role, org,
					  password, unused, &id))) {
			json_decref(out);
			return rc;
		}
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s}", "username",
						     demo_users[i].username, "password", password,
						     "role", demo_users[i].role, "organisation", org));
	}
	/* Persons are registered by the case workers themselves, as in real use. */
	struct lt_actor operator = ctx->actor;
	for (size_t i = 0; i < LT_ARRAY_LEN(demo_persons) && !rc; i++) {
		struct lt_user_row u;
		if ((rc = lt_store_user_by_name(ctx->store, demo_users[demo_persons[i].creator].username, &u)))
			break;
		ctx->actor.kind = LT_ACTOR_USER;
		ctx->actor.user_id = u.id;
		ctx->actor.role = lt_role_parse(u.role);
		ctx->actor.org = u.org;
		json_t *body = json_pack("{s:s, s:s, s:s, s:i}", "given_name", demo_persons[i].given,
					 "family_name", demo_persons[i].family, "sex",
					 demo_persons[i].sex, "birth_year", demo_persons[i].birth_year);
		json_t *person = NULL;
		rc = body ? lt_svc_person_create(ctx, body, &person) : LT_ERR_NOMEM;
		json_decref(body);
		json_decref(person);
	}
	ctx->actor = operator;
	if (rc) {
		json_decref(out);
		return rc;
	}
	*logins = out;
	return LT_OK;
}
