#include "service/demo.h"
#include "service/accounts.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"
#include "service/audit.h"
#include "service/cases.h"
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
static const char *const demo_given_f[] = {"Milica", "Jovana", "Ana", "Teodora", "Mina", "Sara",
					   "Lana", "Iva", "Nevena", "Dunja"};
static const char *const demo_given_m[] = {"Stefan", "Lazar", "Nikola", "Dragan", "Luka",
					   "Vuk", "Minh", "Pavle", "Ognjen", "Bojan"};
static const char *const demo_family[] = {"Primerović", "Izmišljenović", "Uzorković", "Probnić",
					  "Oglednović", "Lažnić", "Demović", "Sintetić",
					  "Nepostojić", "Fiktivić"};
static const char *const demo_sources[] = {"police", "social_welfare", "ngo", "labour_inspection",
					   "border_police", "hotline", "self"};
static const char *const demo_forms[] = {"sexual", "forced_labour", "forced_begging",
					 "domestic_servitude", "forced_criminality", "forced_marriage"};
static const char *const demo_countries[] = {"RS", "RS", "RS", "DE", "AT", "VN", "MK", "BA"};

#define DEMO_CASES 36

static int birth_year_of(const char *text)
{
	return (int)strtol(text, NULL, 10);
}
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
	/* Cases are registered by the case workers themselves, as in real use,
	 * from a fixed seed so every demo is the same. */
	struct lt_actor operator = ctx->actor;
	uint32_t seed = 20211;
	for (int i = 0; i < DEMO_CASES && !rc; i++) {
		seed = seed * 1103515245u + 12345u;
		uint32_t r = seed >> 8;
		const char *creator = i % 3 == 1 ? "demo-ngo" : i % 5 == 2 ? "demo-social" : "demo-caseworker";
		struct lt_user_row u;
		if ((rc = lt_store_user_by_name(ctx->store, creator, &u)))
			break;
		ctx->actor.kind = LT_ACTOR_USER;
		ctx->actor.user_id = u.id;
		ctx->actor.role = lt_role_parse(u.role);
		ctx->actor.org = u.org;
		bool female = r % 3 != 0;
		int year = 2021 + (int)(r % 4);
		char referral[11], birth[8];
		snprintf(referral, sizeof(referral), "%04d-%02d-%02d", year, 1 + (int)(r / 7 % 12),
			 1 + (int)(r / 13 % 28));
		snprintf(birth, sizeof(birth), "%d", year - 14 - (int)(r / 17 % 30));
		const char *country = demo_countries[r / 19 % LT_ARRAY_LEN(demo_countries)];
		json_t *doc = json_pack(
			"{s:s, s:{s:s, s:s, s:s, s:i, s:[s]}, s:{s:s, s:s, s:b}, s:[s], s:[s]}",
			"ref", "", "person", "given_name",
			female ? demo_given_f[r % 10] : demo_given_m[r % 10], "family_name",
			demo_family[r / 11 % 10], "sex", female ? "female" : "male", "birth_year",
			birth_year_of(birth), "citizenship", i % 9 == 4 ? "VN" : "RS", "referral", "date",
			referral, "source", demo_sources[r / 23 % LT_ARRAY_LEN(demo_sources)], "consent",
			r % 2 == 0, "exploitation", demo_forms[r / 29 % LT_ARRAY_LEN(demo_forms)],
			"countries_of_exploitation", country);
		json_object_del(doc, "ref");
		int64_t case_id = 0;
		rc = doc ? lt_store_begin(ctx->store) : LT_ERR_NOMEM;
		if (!rc) {
			rc = lt_case_create_from_doc(ctx, u.org.id, doc, 0, &case_id);
			if (!rc)
				rc = lt_audit_append(ctx, "case.create", "case", case_id, "ok", "demo");
			if (!rc)
				rc = lt_store_commit(ctx->store);
			if (rc)
				lt_store_rollback(ctx->store);
		}
		json_decref(doc);
		/* Move most cases along, so the demo shows every state. */
		int steps = (int)(r / 31 % 5);
		char day[11];
		for (int step = 0; step < steps && !rc; step++) {
			json_t *moved = NULL, *body;
			lt_date_add_days(referral, 2 + step * 20, day);
			const char *reasons = "Synthetic demo decision.";
			if (step == 0)
				body = json_pack("{s:s, s:s, s:s, s:s}", "action", "reasonable_grounds",
						 "outcome", r % 7 == 0 ? "negative" : "positive", "date", day,
						 "reasons", reasons);
			else if (step == 1)
				body = json_pack("{s:s, s:s, s:s, s:s}", "action", "identify", "outcome",
						 r % 5 == 0 ? "not_identified" : "identified", "date", day,
						 "reasons", reasons);
			else
				body = json_pack("{s:s, s:s, s:s}", "action", step == 2 ? "close" : "reopen",
						 "date", day, "reasons", reasons);
			char today_text[11];
			lt_today(today_text);
			if (strcmp(day, today_text) > 0) {
				json_decref(body);
				break;
			}
			lt_err step_rc = lt_svc_case_transition(ctx, case_id, body, &moved);
			json_decref(body);
			json_decref(moved);
			if (step_rc == LT_ERR_CONFLICT) { /* e.g. a negative decision cannot be identified */
				lt_problem_init(ctx->problem);
				break;
			}
			rc = step_rc;
		}
	}
	ctx->actor = operator;
	if (rc) {
		json_decref(out);
		return rc;
	}
	*logins = out;
	return LT_OK;
}
