/* The life of a case as a state machine, and the age rules that decide
 * whether a person counts as a child. Pure: no I/O.
 * Ownership: every string returned is static. */
#ifndef LT_DOMAIN_CASE_FLOW_H
#define LT_DOMAIN_CASE_FLOW_H
#include "base/common.h"
#include "base/problem.h"

enum lt_case_status {
	LT_CASE_REFERRED,
	LT_CASE_UNDER_ASSESSMENT,
	LT_CASE_IDENTIFIED,
	LT_CASE_NOT_IDENTIFIED,
	LT_CASE_CLOSED,
	LT_CASE_STATUS_INVALID,
};

/** What a user does to move a case. */
enum lt_case_action {
	LT_CASE_ACT_REASONABLE_GROUNDS, /* outcome: positive | negative */
	LT_CASE_ACT_IDENTIFY,           /* outcome: identified | not_identified */
	LT_CASE_ACT_REVIEW,             /* of a negative decision; outcome: upheld | overturned */
	LT_CASE_ACT_CLOSE,
	LT_CASE_ACT_REOPEN,
	LT_CASE_ACT_INVALID,
};

/** The stage of a recorded decision (case_decisions.stage). */
enum lt_case_stage {
	LT_CASE_STAGE_NONE,               /* no decision, or one of unknown stage */
	LT_CASE_STAGE_REASONABLE_GROUNDS, /* "reasonable_grounds" */
	LT_CASE_STAGE_CONCLUSIVE,         /* "conclusive": the identification */
	LT_CASE_STAGE_REVIEW,             /* "review" of a negative decision */
};

/** The wire name of STATUS ("referred", ...). */
const char *lt_case_status_name(enum lt_case_status status);
/** The status named NAME, or LT_CASE_STATUS_INVALID. */
enum lt_case_status lt_case_status_parse(const char *name);
/** The wire name of ACTION ("reasonable_grounds", "identify", "review", "close", "reopen"). */
const char *lt_case_action_name(enum lt_case_action action);
/** The action named NAME, or LT_CASE_ACT_INVALID. */
enum lt_case_action lt_case_action_parse(const char *name);
/** The outcomes ACTION accepts, for messages ("positive, negative"); "" when it takes none. */
const char *lt_case_action_outcomes(enum lt_case_action action);

/** The stage named NAME ("reasonable_grounds", "conclusive", "review"), or
 *  LT_CASE_STAGE_NONE. */
enum lt_case_stage lt_case_stage_parse(const char *name);

/** Decides where ACTION with OUTCOME (NULL when the action takes none)
 *  leads from FROM. BEFORE_CLOSE is the status a closed case had, used by
 *  reopen. REVIEWED is the stage of the decision a review looks at (the
 *  case's last decision other than a review): overturning a negative
 *  reasonable-grounds decision opens the assessment (under_assessment),
 *  overturning a negative conclusive one identifies the person; any stage
 *  but LT_CASE_STAGE_REASONABLE_GROUNDS counts as conclusive. On LT_OK sets
 *  *TO; on LT_ERR_CONFLICT writes why into WHY (a sentence for the user);
 *  LT_ERR_INVALID for an outcome the action does not take. */
lt_err lt_case_flow_next(enum lt_case_status from, enum lt_case_action action, const char *outcome,
			 enum lt_case_status before_close, enum lt_case_stage reviewed,
			 enum lt_case_status *to, char *why, size_t why_cap);

/** Whether a decision on the person falls to the deciding body for
 *  children. IS_CHILD is the case's child flag (1, 0, -1 unknown);
 *  AGE_UNCERTAIN the person's flag; ASSESSMENT the result of the latest age
 *  assessment dated on or before the decision ("" or NULL when none). An
 *  uncertain or unknown age is presumed a child's (CoE 10(3), EU 13(2))
 *  until an assessment finds the person adult. */
bool lt_case_presumed_child(int is_child, bool age_uncertain, const char *assessment);

/** Whole years between BIRTH (YYYY-MM-DD) and ON (YYYY-MM-DD); -1 when
 *  either is malformed or BIRTH is after ON. */
int lt_age_on(const char *birth, const char *on);
/** Whether a person is a child on the referral date: from the birth date
 *  when known, else referral year minus birth year under CHILD_AGE. Returns
 *  1 (child), 0 (adult) or -1 (unknown); AGE gets whole years or -1. */
int lt_is_child(const char *birth_date, int64_t birth_year, const char *referral_date,
		int child_age, int *age);
/** True when TEXT is a real calendar date written YYYY-MM-DD. */
bool lt_date_valid(const char *text);
/** Checks a date field and names FIELD in P when it fails: present when
 *  REQUIRED, a real date, not after LATEST (unless ALLOW_FUTURE; see
 *  lt_latest_today), not before 1900, not before NOT_BEFORE (called
 *  NOT_BEFORE_NAME) when that is a date. True when the value may be used. */
bool lt_date_check(struct lt_problem *p, const char *field, const char *value, bool required,
		   const char *latest, bool allow_future, const char *not_before,
		   const char *not_before_name);
/** Days from A to B (both YYYY-MM-DD); B earlier gives a negative number. */
int64_t lt_date_diff_days(const char *a, const char *b);
/** Writes DATE plus DAYS as YYYY-MM-DD into OUT (11 bytes). */
void lt_date_add_days(const char *date, int days, char out[11]);

#endif
