/* The pure rules of assistance: how long a recovery and reflection period
 * is and when it counts as short or ended early; which grounds and reasons
 * each act takes; the statuses of a service and of a referral between
 * organisations, and the moves between them. Pure: no I/O, and "today" is
 * always passed in, so every rule is testable on its own.
 * Ownership: every string returned is static; problems go into the
 * caller's struct. */
#ifndef LT_DOMAIN_ASSISTANCE_RULES_H
#define LT_DOMAIN_ASSISTANCE_RULES_H
#include "base/common.h"
#include "base/problem.h"
#include "domain/case_flow.h"

/* --- dates --- */

/* --- recovery and reflection periods (CoE 13) --- */

/** True when CODE may justify refusing a period: public_order,
 *  improper_claim, other (CoE 13(3) names the first two). */
bool lt_reflection_refusal_ground_valid(const char *code);
/** The refusal grounds joined with ", ", for messages. */
const char *lt_reflection_refusal_grounds(void);
/** True when CODE may justify ending a period before its minimum length:
 *  public_order, improper_claim, victim_request, residence_granted, other. */
bool lt_reflection_end_ground_valid(const char *code);
/** The end grounds joined with ", ", for messages. */
const char *lt_reflection_end_grounds(void);
/** The planned end of a period starting on START with MIN_DAYS: START plus
 *  MIN_DAYS days, written into OUT ("" when START is not a date). */
void lt_reflection_default_end(const char *start, int min_days, char out[11]);

/** What a period's dates say about it. */
struct lt_reflection_measure {
	int64_t planned_days;      /* start to planned end, -1 when either is missing */
	int64_t actual_days;       /* start to actual end, -1 while not ended */
	bool shorter_than_minimum; /* the length it had (ended) or will have (open)
				      is under the minimum */
	bool ended_early;          /* ended before its planned end */
	bool needs_grounds;        /* ended before start + MIN_DAYS or before its planned
				      end: a ground must be recorded */
};
/** Measures a granted period from START, PLANNED_END and ACTUAL_END (NULL
 *  or "" while open) against MIN_DAYS. */
void lt_reflection_measure(const char *start, const char *planned_end, const char *actual_end,
			   int min_days, struct lt_reflection_measure *out);

/* --- services (CoE 12) --- */

enum lt_service_status {
	LT_SERVICE_PLANNED,
	LT_SERVICE_ACTIVE,
	LT_SERVICE_COMPLETED,
	LT_SERVICE_REFUSED,
	LT_SERVICE_STOPPED,
	LT_SERVICE_STATUS_INVALID,
};

/** The wire name of STATUS ("planned", ...); "invalid" out of range. */
const char *lt_service_status_name(enum lt_service_status status);
/** The status named NAME (may be NULL), or LT_SERVICE_STATUS_INVALID. */
enum lt_service_status lt_service_status_parse(const char *name);
/** The status names joined with ", ", for messages. */
const char *lt_service_statuses(void);
/** True when CODE is a reason a service stopped or was refused:
 *  completed_goals, victim_request, moved, cooperation_declined, other. */
bool lt_service_stop_reason_valid(const char *code);
/** The stop reasons joined with ", ", for messages. */
const char *lt_service_stop_reasons(void);
/** Whether a service may move FROM to TO (the same status is no move and
 *  always allowed). LT_ERR_CONFLICT with a sentence in WHY otherwise. */
lt_err lt_service_move(enum lt_service_status from, enum lt_service_status to, char *why,
		       size_t why_cap);

/** A service's facts as the rules see them; strings may be NULL or "". */
struct lt_service_facts {
	enum lt_service_status status;
	const char *start_date, *end_date, *stop_reason;
	bool has_consent;
	const char *consent_date, *consent_language; /* checked by the caller (vocabulary) */
};
/** Checks that F hangs together, naming each fault's field in P: a start
 *  date for active and completed services (and not in the future unless
 *  planned); an end date for completed, stopped and refused ones, none for
 *  planned and active ones, never before the start; a stop reason for
 *  stopped and refused ones, none for planned and active ones; a consent
 *  date not in the future. TODAY is YYYY-MM-DD. Returns false on a fault. */
bool lt_service_check(const struct lt_service_facts *f, const char *today, struct lt_problem *p);
/** True when the service was (or is being) delivered with no informed
 *  consent recorded (CoE 12(7)): active or completed, or stopped after it
 *  had started, without consent. */
bool lt_service_consent_missing(enum lt_service_status status, const char *start_date,
				bool has_consent);

/* --- referrals between organisations --- */

enum lt_referral_status {
	LT_REFERRAL_SENT,
	LT_REFERRAL_ACCEPTED,
	LT_REFERRAL_REJECTED,
	LT_REFERRAL_COMPLETED,
	LT_REFERRAL_REVOKED,
	LT_REFERRAL_STATUS_INVALID,
};

/** What an organisation does to a referral. */
enum lt_referral_act {
	LT_REFERRAL_ACT_ACCEPT,   /* by the receiver */
	LT_REFERRAL_ACT_REJECT,   /* by the receiver */
	LT_REFERRAL_ACT_COMPLETE, /* by the receiver */
	LT_REFERRAL_ACT_REVOKE,   /* by the sender */
	LT_REFERRAL_ACT_INVALID,
};

/** The wire name of STATUS ("sent", ...); "invalid" out of range. */
const char *lt_referral_status_name(enum lt_referral_status status);
/** The status named NAME (may be NULL), or LT_REFERRAL_STATUS_INVALID. */
enum lt_referral_status lt_referral_status_parse(const char *name);
/** The wire name of ACT ("accept", ...); "invalid" out of range. */
const char *lt_referral_act_name(enum lt_referral_act act);
/** The act named NAME (may be NULL), or LT_REFERRAL_ACT_INVALID. */
enum lt_referral_act lt_referral_act_parse(const char *name);
/** True when ACT is the sender's to do (revoke); the others are the receiver's. */
bool lt_referral_act_by_sender(enum lt_referral_act act);
/** Where ACT leads from FROM: sent -> accepted | rejected | revoked,
 *  accepted -> completed | revoked. On LT_OK sets *TO; LT_ERR_CONFLICT with
 *  a sentence in WHY for any other move; LT_ERR_INVALID for an unknown act. */
lt_err lt_referral_move(enum lt_referral_status from, enum lt_referral_act act,
			enum lt_referral_status *to, char *why, size_t why_cap);
/** True while a referral shares its case with the receiver: sent, accepted
 *  or completed (the same rule as lt_store_case_share()). */
bool lt_referral_shares_case(enum lt_referral_status status);
/** True when the referral is still open: sent or accepted. */
bool lt_referral_is_live(enum lt_referral_status status);

#endif
