/* The pure rules of protection and non-punishment: the closed code lists of
 * threats, protection measures, proceedings against the victim, removals,
 * identity disclosures and age assessments; the field rules of a
 * proceeding against the victim (CoE 26, EU 8); and when a case may be
 * marked as an unaccompanied child (CoE 10(3), 10(4)). Pure: no I/O, and
 * "today" is always passed in.
 * Ownership: every string returned is static; problems go into the
 * caller's struct. */
#ifndef LT_DOMAIN_PROTECTION_RULES_H
#define LT_DOMAIN_PROTECTION_RULES_H
#include "base/common.h"
#include "base/problem.h"

/** The closed code lists of this area. */
enum lt_protection_list {
	LT_PL_THREAT_KIND,          /* threat, intimidation, violence, threat_to_family, other */
	LT_PL_THREAT_SOURCE,        /* perpetrator, associate, unknown, other */
	LT_PL_MEASURE,              /* police_protection, witness_protection_programme, ... */
	LT_PL_VP_KIND,              /* misdemeanour, criminal */
	LT_PL_VP_OFFENCE,           /* prostitution, begging, immigration, ... */
	LT_PL_VP_OUTCOME,           /* pending, penalty, acquitted, dismissed, not_punished */
	LT_PL_VP_PENALTY,           /* fine, prison, probation, other */
	LT_PL_REMOVAL_KIND,         /* removal, expulsion, deportation, forced_return */
	LT_PL_DISCLOSURE_RECIPIENT, /* employer, landlord, media, public, authority, other */
	LT_PL_DISCLOSURE_CHANNEL,   /* residence_document, document, referral, export, verbal, other */
	LT_PL_AGE_RESULT,           /* child, adult, undetermined */
	LT_PL_AGE_METHOD,           /* documents, interview, medical, other */
	LT_PL_COUNT
};

/** True when CODE is in LIST. */
bool lt_protection_code_valid(enum lt_protection_list list, const char *code);
/** LIST's codes joined with ", ", for messages. */
const char *lt_protection_codes(enum lt_protection_list list);
/** Checks the code VALUE of FIELD against LIST and names FIELD in P when it
 *  is missing (and REQUIRED) or not in the list, naming the allowed values.
 *  True when the value may be used (absent and optional counts as usable). */
bool lt_protection_code_check(struct lt_problem *p, const char *field,
			      enum lt_protection_list list, const char *value, bool required);

/** A proceeding against the victim, as it would be stored. Strings are
 *  NULL or "" when absent. */
struct lt_victim_proceeding_facts {
	const char *kind, *offence, *offence_date;
	int during_exploitation; /* 1, 0, or -1 when unknown */
	const char *outcome, *penalty, *outcome_date;
	bool non_punishment_assessed;
	const char *assessment_date;
};
/** Checks F as a whole, naming every faulty field in P: kind, offence and
 *  outcome from their lists; dates real and not after TODAY; outcome_date
 *  and assessment_date not before offence_date; outcome_date only once
 *  there is an outcome (not while pending); penalty required with outcome
 *  "penalty" and refused otherwise; assessment_date given exactly when
 *  non_punishment_assessed is true. True when F may be stored. */
bool lt_victim_proceeding_check(const struct lt_victim_proceeding_facts *f, const char *today,
				struct lt_problem *p);
/** Whether a case may be marked as an unaccompanied child. The latest age
 *  assessment (LATEST_RESULT, NULL when none) decides when it found a child
 *  (yes) or an adult (no); otherwise yes when the person was a child at
 *  referral (IS_CHILD 1), or the age is unknown (IS_CHILD -1) or uncertain
 *  (AGE_UNCERTAIN: presumed a child until verified, CoE 10(3)); no for a
 *  known adult. */
bool lt_unaccompanied_allowed(int is_child, bool age_uncertain, const char *latest_result);

#endif
