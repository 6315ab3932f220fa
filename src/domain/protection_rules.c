#include "domain/protection_rules.h"
#include "domain/case_flow.h"

/* The lists match the codes named in migration 008 and docs/protection.md;
 * "other" is always last so that the hint reads naturally. */
static const char *const threat_kinds[] = {"threat", "intimidation", "violence",
					   "threat_to_family", "other"};
static const char *const threat_sources[] = {"perpetrator", "associate", "unknown", "other"};
static const char *const measures[] = {"police_protection", "witness_protection_programme",
				       "relocation", "safe_accommodation", "restraining_order",
				       "other"};
static const char *const vp_kinds[] = {"misdemeanour", "criminal"};
static const char *const vp_offences[] = {"prostitution", "begging", "immigration",
					  "document_fraud", "theft", "drugs", "labour", "other"};
static const char *const vp_outcomes[] = {"pending", "penalty", "acquitted", "dismissed",
					  "not_punished"};
static const char *const vp_penalties[] = {"fine", "prison", "probation", "other"};
static const char *const removal_kinds[] = {"removal", "expulsion", "deportation",
					    "forced_return"};
static const char *const recipients[] = {"employer", "landlord", "media", "public", "authority",
					 "other"};
static const char *const channels[] = {"residence_document", "document", "referral", "export",
				       "verbal", "other"};
static const char *const age_results[] = {"child", "adult", "undetermined"};
static const char *const age_methods[] = {"documents", "interview", "medical", "other"};

static const struct {
	const char *const *codes;
	size_t n;
	const char *hint;
} lists[LT_PL_COUNT] = {
	[LT_PL_THREAT_KIND] = {threat_kinds, LT_ARRAY_LEN(threat_kinds),
			       "threat, intimidation, violence, threat_to_family, other"},
	[LT_PL_THREAT_SOURCE] = {threat_sources, LT_ARRAY_LEN(threat_sources),
				 "perpetrator, associate, unknown, other"},
	[LT_PL_MEASURE] = {measures, LT_ARRAY_LEN(measures),
			   "police_protection, witness_protection_programme, relocation, "
			   "safe_accommodation, restraining_order, other"},
	[LT_PL_VP_KIND] = {vp_kinds, LT_ARRAY_LEN(vp_kinds), "misdemeanour, criminal"},
	[LT_PL_VP_OFFENCE] = {vp_offences, LT_ARRAY_LEN(vp_offences),
			      "prostitution, begging, immigration, document_fraud, theft, drugs, "
			      "labour, other"},
	[LT_PL_VP_OUTCOME] = {vp_outcomes, LT_ARRAY_LEN(vp_outcomes),
			      "pending, penalty, acquitted, dismissed, not_punished"},
	[LT_PL_VP_PENALTY] = {vp_penalties, LT_ARRAY_LEN(vp_penalties),
			      "fine, prison, probation, other"},
	[LT_PL_REMOVAL_KIND] = {removal_kinds, LT_ARRAY_LEN(removal_kinds),
				"removal, expulsion, deportation, forced_return"},
	[LT_PL_DISCLOSURE_RECIPIENT] = {recipients, LT_ARRAY_LEN(recipients),
					"employer, landlord, media, public, authority, other"},
	[LT_PL_DISCLOSURE_CHANNEL] = {channels, LT_ARRAY_LEN(channels),
				      "residence_document, document, referral, export, verbal, "
				      "other"},
	[LT_PL_AGE_RESULT] = {age_results, LT_ARRAY_LEN(age_results), "child, adult, undetermined"},
	[LT_PL_AGE_METHOD] = {age_methods, LT_ARRAY_LEN(age_methods),
			      "documents, interview, medical, other"},
};

bool lt_protection_code_valid(enum lt_protection_list list, const char *code)
{
	if ((size_t)list >= LT_PL_COUNT || !code)
		return false;
	for (size_t i = 0; i < lists[list].n; i++)
		if (strcmp(lists[list].codes[i], code) == 0)
			return true;
	return false;
}

const char *lt_protection_codes(enum lt_protection_list list)
{
	return (size_t)list < LT_PL_COUNT ? lists[list].hint : "";
}

bool lt_protection_code_check(struct lt_problem *p, const char *field,
			      enum lt_protection_list list, const char *value, bool required)
{
	if (!value || !*value) {
		if (required)
			lt_problem_field(p, field, "is required: one of %s", lt_protection_codes(list));
		return !required;
	}
	if (lt_protection_code_valid(list, value))
		return true;
	lt_problem_field(p, field, "must be one of: %s", lt_protection_codes(list));
	return false;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

bool lt_victim_proceeding_check(const struct lt_victim_proceeding_facts *f, const char *today,
				struct lt_problem *p)
{
	size_t before = p->nfields;
	const char *offence_date = or_null(f->offence_date);
	const char *outcome_date = or_null(f->outcome_date);
	const char *assessment_date = or_null(f->assessment_date);
	const char *penalty = or_null(f->penalty);
	lt_protection_code_check(p, "kind", LT_PL_VP_KIND, f->kind, true);
	lt_protection_code_check(p, "offence", LT_PL_VP_OFFENCE, f->offence, true);
	bool outcome_ok = lt_protection_code_check(p, "outcome", LT_PL_VP_OUTCOME, f->outcome, true);
	bool offence_ok = lt_date_check(p, "offence_date", offence_date, false, today, false, NULL,
					NULL);
	const char *floor = offence_ok ? offence_date : NULL;
	lt_date_check(p, "outcome_date", outcome_date, false, today, false, floor, "offence date");
	lt_date_check(p, "assessment_date", assessment_date, false, today, false, floor,
		      "offence date");
	if (outcome_ok) {
		bool is_penalty = strcmp(f->outcome, "penalty") == 0;
		if (is_penalty)
			lt_protection_code_check(p, "penalty", LT_PL_VP_PENALTY, penalty, true);
		else if (penalty)
			lt_problem_field(p, "penalty",
					 "is recorded only with outcome penalty (the outcome is "
					 "%s); send null to clear it",
					 f->outcome);
		if (outcome_date && strcmp(f->outcome, "pending") == 0)
			lt_problem_field(p, "outcome_date",
					 "is recorded only once there is an outcome (the proceeding "
					 "is pending); send null to clear it");
	}
	if (f->non_punishment_assessed && !assessment_date)
		lt_problem_field(p, "assessment_date",
				 "is required when non_punishment_assessed is true");
	else if (!f->non_punishment_assessed && assessment_date)
		lt_problem_field(p, "assessment_date",
				 "is recorded only when non_punishment_assessed is true; send "
				 "null to clear it");
	return p->nfields == before;
}

bool lt_unaccompanied_allowed(int is_child, bool age_uncertain, const char *latest_result)
{
	/* An assessment is the verified answer; without one, an unknown or
	 * uncertain age counts as a child's (presumption of minority). */
	if (latest_result && strcmp(latest_result, "child") == 0)
		return true;
	if (latest_result && strcmp(latest_result, "adult") == 0)
		return false;
	return is_child != 0 || age_uncertain;
}
