#include "service/demo.h"
#include "service/accounts.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/assistance.h"
#include "service/groups.h"
#include "service/justice.h"
#include "service/persons.h"
#include "service/protection.h"
#include "service/shelters.h"

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

/* Acts as the named demo user for what follows. */
static lt_err act_as(struct lt_ctx *ctx, const char *username)
{
	struct lt_user_row u;
	lt_err rc = lt_store_user_by_name(ctx->store, username, &u);
	if (rc)
		return rc;
	ctx->actor.kind = LT_ACTOR_USER;
	ctx->actor.user_id = u.id;
	ctx->actor.role = lt_role_parse(u.role);
	ctx->actor.org = u.org;
	return LT_OK;
}

/* Takes the result of one service call made with BODY, releasing BODY and
 * the answer in *OUT (read only now, after the call has set it), and
 * ignoring a refusal the demo expects (a full shelter, an illegal move). */
static lt_err demo_call(struct lt_ctx *ctx, lt_err rc_call, json_t *body, json_t **out)
{
	json_decref(body);
	json_decref(*out);
	*out = NULL;
	if (rc_call == LT_ERR_CONFLICT || rc_call == LT_ERR_INVALID) {
		lt_problem_init(ctx->problem);
		return LT_OK;
	}
	return rc_call;
}

struct demo_case {
	int64_t id;
	char status[20], sex[16], referral[11], identified[11];
	int child;
};

static lt_err collect_demo_case(void *vctx, const struct lt_case_summary *s)
{
	json_t *arr = vctx;
	return json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:i, s:s}", "id",
						     (json_int_t)s->id, "status", s->status, "sex",
						     s->sex, "referral", s->referral_date, "child",
						     s->is_child, "forms", s->forms))
		       ? LT_ERR_NOMEM
		       : LT_OK;
}

/* Shelters with a history, stays and turn-aways, services with consent,
 * reflection periods and a mass labour case: enough for every page of
 * the demo to show something real. */
static lt_err demo_assistance(struct lt_ctx *ctx)
{
	lt_err rc = act_as(ctx, "demo-coordinator");
	if (rc)
		return rc;
	json_t *out = NULL;
	json_t *body = json_pack("{s:I, s:s, s:b, s:i, s:i, s:i, s:s, s:s}", "organisation_id",
				 (json_int_t)ctx->actor.org.id, "name",
				 "Demo Urgent Reception Shelter (synthetic)", "specialised", 1,
				 "capacity_women", 2, "capacity_men", 0, "capacity_children", 2,
				 "licence_valid_until", "2027-12-31", "effective_date", "2020-01-01");
	rc = lt_svc_shelter_create(ctx, body, &out);
	json_decref(body);
	if (rc)
		return rc;
	int64_t shelter = json_integer_value(json_object_get(out, "id"));
	json_decref(out);

	struct lt_case_filter f;
	memset(&f, 0, sizeof(f));
	f.child = -1;
	f.limit = 1000;
	int64_t total;
	json_t *cases = json_array();
	if ((rc = lt_store_case_list(ctx->store, &f, &total, collect_demo_case, cases))) {
		json_decref(cases);
		return rc;
	}
	json_t *labour = json_array();
	size_t i;
	json_t *c;
	char latest[11];
	lt_latest_today(latest);
	json_array_foreach(cases, i, c) {
		int64_t id = json_integer_value(json_object_get(c, "id"));
		const char *status = json_string_value(json_object_get(c, "status"));
		const char *sex = json_string_value(json_object_get(c, "sex"));
		const char *referral = json_string_value(json_object_get(c, "referral"));
		bool child = json_integer_value(json_object_get(c, "child")) == 1;
		if (strstr(json_string_value(json_object_get(c, "forms")), "forced_labour"))
			json_array_append_new(labour, json_integer(id));
		char start[11], end[11];
		lt_date_add_days(referral, 3, start);
		lt_date_add_days(referral, 183, end);
		if (!strcmp(status, "under_assessment") || !strcmp(status, "identified")) {
			json_t *rp = json_pack("{s:s, s:s}", "status", "granted", "start_date", start);
			rc = demo_call(ctx, lt_svc_reflection_record(ctx, id, rp, &out), rp, &out);
		}
		if (!rc && !strcmp(status, "identified")) {
			const char *place = child ? "children" : !strcmp(sex, "male") ? "men" : "women";
			struct lt_placement_refusal refusal;
			memset(&refusal, 0, sizeof(refusal));
			json_t *pl = strcmp(end, latest) <= 0
					     ? json_pack("{s:I, s:s, s:s, s:s}", "shelter_id", (json_int_t)shelter,
							 "place", place, "start_date", start, "end_date", end)
					     : json_pack("{s:I, s:s, s:s}", "shelter_id", (json_int_t)shelter,
							 "place", place, "start_date", start);
			lt_err prc = lt_svc_placement_create(ctx, id, pl, &refusal, &out);
			json_decref(pl);
			json_decref(out);
			out = NULL;
			lt_problem_init(ctx->problem);
			if (prc == LT_ERR_CONFLICT && refusal.reason[0]) {
				/* No place: record the alternative used, as a case worker would. */
				json_t *alt = json_pack("{s:s, s:s, s:I, s:s, s:s}", "alternative",
							!strcmp(place, "men") ? "social_welfare_shelter"
									      : "ngo_accommodation",
							"turn_away_reason", refusal.reason,
							"turn_away_shelter_id", (json_int_t)shelter, "place",
							place, "start_date", start);
				rc = demo_call(ctx, lt_svc_placement_create(ctx, id, alt, &refusal, &out), alt, &out);
			} else if (prc && prc != LT_ERR_INVALID && prc != LT_ERR_CONFLICT) {
				rc = prc;
			}
			const char *types[] = {"accommodation", "psychological", "legal_information"};
			for (int t = 0; t < 3 && !rc; t++) {
				json_t *sv = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}}", "type", types[t],
						       "status", "active", "start_date", start, "consent",
						       "date", start, "language", "sr");
				rc = demo_call(ctx, lt_svc_service_create(ctx, id, sv, &out), sv, &out);
			}
		}
		out = NULL;
		if (rc)
			break;
	}
	json_decref(cases);
	if (!rc && json_array_size(labour) > 0) {
		body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[{s:s, s:s, s:s}, {s:s, s:s}]}", "name",
				 "Demo factory site (synthetic)", "site", "Demo industrial zone",
				 "country", "RS", "employer", "Demo Tyre Works Ltd (synthetic)", "sector",
				 "manufacturing", "recruiters", "role", "agency", "name",
				 "Demo Recruiting Agency (synthetic)", "country", "VN", "role", "employer",
				 "country", "RS");
		rc = lt_svc_group_create(ctx, body, &out);
		json_decref(body);
		int64_t group = rc ? 0 : json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		out = NULL;
		if (!rc) {
			body = json_pack("{s:O}", "case_ids", labour);
			rc = demo_call(ctx, lt_svc_group_attach(ctx, group, body, &out), body, &out);
		}
	}
	json_decref(labour);
	return rc;
}

/* Registers one demo case from DOC as the current actor, as a case worker
 * would, and sets *ID. */
static lt_err demo_protection_case(struct lt_ctx *ctx, json_t *doc, int64_t *id)
{
	lt_err rc = doc ? lt_store_begin(ctx->store) : LT_ERR_NOMEM;
	if (!rc) {
		rc = lt_case_create_from_doc(ctx, ctx->actor.org.id, doc, 0, id);
		if (!rc)
			rc = lt_audit_append(ctx, "case.create", "case", *id, "ok", "demo");
		if (!rc)
			rc = lt_ctx_commit(ctx);
		if (rc)
			lt_store_rollback(ctx->store);
	}
	json_decref(doc);
	return rc;
}

/* Protection and non-punishment (docs/protection.md): a foreign victim
 * fined for prostitution during the exploitation, with no non-punishment
 * assessment; a threat answered by police protection the next day; an
 * unaccompanied child whose age was assessed. Fixed dates: every demo is
 * the same. */
static lt_err demo_protection(struct lt_ctx *ctx)
{
	lt_err rc = act_as(ctx, "demo-caseworker");
	if (rc)
		return rc;
	int64_t adult = 0, child = 0;
	rc = demo_protection_case(
		ctx,
		json_pack("{s:{s:s, s:s, s:s, s:i, s:[s]}, s:{s:s, s:s, s:b}, s:[s], s:[s]}",
			  "person", "given_name", "Oksana", "family_name", "Izmišljenko", "sex",
			  "female", "birth_year", 1998, "citizenship", "MD", "referral", "date",
			  "2023-03-14", "source", "police", "consent", 1, "exploitation", "sexual",
			  "countries_of_exploitation", "RS"),
		&adult);
	if (!rc)
		rc = demo_protection_case(
			ctx,
			json_pack("{s:{s:s, s:s, s:s, s:i, s:b, s:[s]}, s:{s:s, s:s, s:b}, s:[s], s:[s]}",
				  "person", "given_name", "Farid", "family_name", "Probnić", "sex",
				  "male", "birth_year", 2008, "age_uncertain", 1, "citizenship", "AF",
				  "referral", "date", "2023-06-05", "source", "border_police", "consent",
				  0, "exploitation", "forced_begging", "countries_of_exploitation", "RS"),
			&child);
	json_t *out = NULL, *body;
	if (!rc) {
		body = json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:b, s:s}", "kind",
				 "misdemeanour", "offence", "prostitution", "offence_date", "2023-01-20",
				 "during_exploitation", 1, "authority",
				 "Demo Misdemeanour Court (synthetic)", "outcome", "penalty", "penalty",
				 "fine", "outcome_date", "2023-02-10", "non_punishment_assessed", 0,
				 "note", "Fined while her exploiters held her documents (synthetic).");
		rc = demo_call(ctx, lt_svc_victim_proceeding_create(ctx, adult, body, &out), body,
			       &out);
	}
	int64_t threat = 0;
	if (!rc) {
		body = json_pack("{s:s, s:s, s:s, s:s}", "date", "2023-04-02", "kind", "intimidation",
				 "source", "perpetrator", "note",
				 "Messages to her phone after she gave a statement (synthetic).");
		rc = lt_svc_threat_create(ctx, adult, body, &out);
		json_decref(body);
		if (!rc)
			threat = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		out = NULL;
	}
	if (!rc) {
		body = json_pack("{s:s, s:s, s:I, s:s}", "date", "2023-04-03", "measure",
				 "police_protection", "threat_id", (json_int_t)threat, "end_date",
				 "2023-06-30");
		rc = demo_call(ctx, lt_svc_protection_create(ctx, adult, body, &out), body, &out);
	}
	if (!rc) {
		body = json_pack("{s:s, s:s, s:s, s:s}", "date", "2023-06-07", "result", "child",
				 "method", "interview", "note",
				 "Says he is fifteen; no documents (synthetic).");
		rc = demo_call(ctx, lt_svc_age_assessment_create(ctx, child, body, &out), body, &out);
	}
	if (!rc) {
		body = json_pack("{s:b}", "unaccompanied", 1);
		rc = demo_call(ctx, lt_svc_unaccompanied_set(ctx, child, body, &out), body, &out);
	}
	return rc;
}

/* --- criminal proceedings (docs/justice.md) --- */

/* Calls a proceeding service with BODY as the current actor and returns the
 * answer's "id" in *ID (0 when the demo's call was refused). */
static lt_err demo_justice_open(struct lt_ctx *ctx, int64_t case_id, json_t *body, int64_t *id)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_proceeding_create(ctx, case_id, body, &out);
	*id = rc ? 0 : json_integer_value(json_object_get(out, "id"));
	return demo_call(ctx, rc, body, &out);
}

/* The write of PATTERN's step: a service on proceeding PID with BODY. */
typedef lt_err (*demo_justice_fn)(struct lt_ctx *, int64_t, const json_t *, json_t **);

static lt_err demo_justice_step(struct lt_ctx *ctx, demo_justice_fn fn, int64_t pid, json_t *body)
{
	json_t *out = NULL;
	if (!pid) {
		json_decref(body);
		return LT_OK;
	}
	return demo_call(ctx, fn(ctx, pid, body, &out), body, &out);
}

/* One synthetic proceeding on case CASE_ID (referred on REFERRAL) showing
 * PATTERN, with dates counted from the referral so that every demo is the
 * same: 0 charge downgraded from 388 to 184 and no specialised prosecutor;
 * 1 a plea agreement in a child's case; 2 a suspended sentence, and
 * compensation awarded but never paid; 3 a specialised prosecutor, a
 * five-year conviction, compensation awarded and paid; 4 a video link
 * granted but not carried out. */
static lt_err demo_justice_case(struct lt_ctx *ctx, int64_t case_id, const char *referral, int pattern)
{
	char d[8][11];
	static const int offsets[] = {-60, 10, 90, 150, 200, 280, 330, 400};
	for (size_t i = 0; i < LT_ARRAY_LEN(offsets); i++)
		lt_date_add_days(referral, offsets[i], d[i]);
	const char *para = pattern == 1 ? "3" : "1";
	int64_t pid = 0;
	lt_err rc = demo_justice_open(
		ctx, case_id,
		json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:{s:s, s:s}}", "opened_date", d[1],
			  "offence_date", d[0], "prosecutor_specialised", pattern != 0, "victim_role",
			  pattern == 1 ? "injured_party" : "injured_party_and_witness", "police_unit",
			  "Demo Police Anti-Trafficking Unit (synthetic)", "prosecutor_office",
			  pattern == 0 ? "Demo Basic Prosecutor's Office (synthetic)"
				       : "Demo Prosecutor's Office for Organised Crime (synthetic)",
			  "court", "Demo Higher Court (synthetic)", "charge", "article", "388",
			  "paragraph", para),
		&pid);
	if (!rc)
		rc = demo_justice_step(ctx, lt_svc_proceeding_stage, pid,
				       json_pack("{s:s, s:s}", "stage", "indictment", "date", d[2]));
	if (!rc && pattern == 0)
		rc = demo_justice_step(ctx, lt_svc_proceeding_charge, pid,
				       json_pack("{s:s, s:s, s:s, s:s}", "date", d[2], "stage",
						 "indictment", "article", "184", "paragraph", "1"));
	if (!rc && pattern == 1) {
		rc = demo_justice_step(ctx, lt_svc_proceeding_plea, pid, json_pack("{s:s}", "date", d[3]));
		if (!rc)
			rc = demo_justice_step(ctx, lt_svc_proceeding_verdict, pid,
					       json_pack("{s:s, s:s, s:i, s:b}", "date", d[3], "outcome",
							 "conviction", "sentence_months", 36, "final", 1));
		return rc;
	}
	if (!rc)
		rc = demo_justice_step(ctx, lt_svc_proceeding_stage, pid,
				       json_pack("{s:s, s:s}", "stage", "trial", "date", d[3]));
	if (!rc && (pattern == 3 || pattern == 4)) {
		bool good = pattern == 3;
		rc = demo_justice_step(
			ctx, lt_svc_hearing_create, pid,
			json_pack("{s:s, s:I, s:b, s:[{s:s, s:b, s:b, s:b}, {s:s, s:b, s:b, s:b}]}", "date",
				  d[4], "case_id", (json_int_t)case_id, "confrontation", !good, "measures",
				  "measure", "especially_vulnerable_witness", "requested", 1, "granted", 1,
				  "carried_out", 1, "measure", "video_link", "requested", 1, "granted", 1,
				  "carried_out", good));
	}
	if (!rc && pattern != 4)
		rc = demo_justice_step(
			ctx, lt_svc_proceeding_verdict, pid,
			pattern == 0 ? json_pack("{s:s, s:s, s:i}", "date", d[5], "outcome", "conviction",
						 "sentence_months", 10)
			: pattern == 2
				? json_pack("{s:s, s:s, s:i, s:b}", "date", d[5], "outcome", "conviction",
					    "sentence_months", 24, "suspended", 1)
				: json_pack("{s:s, s:s, s:i, s:b, s:b}", "date", d[5], "outcome",
					    "conviction", "sentence_months", 60, "suspended", 0, "final", 1));
	if (rc || (pattern != 2 && pattern != 3) || !pid)
		return rc;
	/* Compensation claimed in the criminal proceeding and awarded; paid only in the good case. */
	json_t *out = NULL;
	json_t *body = json_pack("{s:s, s:I, s:s, s:i, s:s}", "forum", "criminal", "proceeding_id",
				 (json_int_t)pid, "claimed_date", d[2], "amount_claimed",
				 pattern == 3 ? 1200000 : 600000, "currency", "RSD");
	rc = lt_svc_claim_create(ctx, case_id, body, &out);
	int64_t claim = rc ? 0 : json_integer_value(json_object_get(out, "id"));
	if ((rc = demo_call(ctx, rc, body, &out)) || !claim)
		return rc;
	body = json_pack("{s:s, s:s, s:i}", "status", "awarded", "award_date", d[5], "amount_awarded",
			 pattern == 3 ? 900000 : 400000);
	rc = demo_call(ctx, lt_svc_claim_update(ctx, case_id, claim, body, &out), body, &out);
	if (!rc && pattern == 3) {
		body = json_pack("{s:i, s:s}", "amount_paid", 900000, "paid_date", d[7]);
		rc = demo_call(ctx, lt_svc_claim_update(ctx, case_id, claim, body, &out), body, &out);
	}
	return rc;
}

/* Five proceedings over the demo cases, recorded by the coordinator: the
 * patterns the monitoring looks for (docs/justice.md), all synthetic. */
static lt_err demo_justice(struct lt_ctx *ctx)
{
	lt_err rc = act_as(ctx, "demo-coordinator");
	if (rc)
		return rc;
	struct lt_case_filter f;
	memset(&f, 0, sizeof(f));
	f.child = -1;
	f.limit = 1000;
	f.sort = "case_number";
	int64_t total;
	json_t *cases = json_array();
	if (!cases)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_case_list(ctx->store, &f, &total, collect_demo_case, cases))) {
		json_decref(cases);
		return rc;
	}
	/* The first identified child for the plea deal; the first identified
	 * adults, in case-number order, for the other patterns. */
	static const int adult_patterns[] = {0, 2, 3, 4};
	size_t next_adult = 0;
	bool child_done = false;
	size_t i;
	json_t *c;
	json_array_foreach(cases, i, c)
	{
		if (rc)
			break;
		if (strcmp(json_string_value(json_object_get(c, "status")), "identified") != 0)
			continue;
		int64_t id = json_integer_value(json_object_get(c, "id"));
		const char *referral = json_string_value(json_object_get(c, "referral"));
		bool child = json_integer_value(json_object_get(c, "child")) == 1;
		if (child && !child_done) {
			child_done = true;
			rc = demo_justice_case(ctx, id, referral, 1);
		} else if (!child && next_adult < LT_ARRAY_LEN(adult_patterns)) {
			rc = demo_justice_case(ctx, id, referral, adult_patterns[next_adult++]);
		}
	}
	json_decref(cases);
	return rc;
}

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
				rc = lt_ctx_commit(ctx);
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
	if (!rc)
		rc = demo_assistance(ctx);
	if (!rc)
		rc = demo_protection(ctx);
	if (!rc)
		rc = demo_justice(ctx);
	ctx->actor = operator;
	if (rc) {
		json_decref(out);
		return rc;
	}
	*logins = out;
	return LT_OK;
}
