/* Authorisation in one place: role x action x scope. Every service entry
 * point calls lt_authorize() before it touches data, for the command line
 * as much as for the API. Ownership: no allocations. */
#ifndef LT_SERVICE_POLICY_H
#define LT_SERVICE_POLICY_H
#include "service/context.h"

enum lt_action {
	LT_ACT_SELF,          /* read or change one's own account */
	LT_ACT_DASHBOARD,     /* see the dashboard counts for one's scope */
	LT_ACT_PERSON_CREATE, /* register a person in one's organisation */
	LT_ACT_PERSON_READ,   /* read a person, identity included */
	LT_ACT_PERSON_SEARCH, /* find persons by exact name */
	LT_ACT_ORG_LIST,      /* list organisations */
	LT_ACT_ORG_ADMIN,     /* create organisations */
	LT_ACT_USER_ADMIN,    /* create, list, disable users; issue tokens */
	LT_ACT_AUDIT_READ,    /* read the audit log */
	LT_ACT_CASE_CREATE,   /* register a referral as a new case in one's organisation */
	LT_ACT_CASE_READ,     /* read a case without identity: timeline, decisions, services */
	LT_ACT_CASE_DECIDE,   /* move a case (decisions, closing), record cooperation and consent */
	LT_ACT_CASE_ASSIST,   /* record services, placements and referrals on a case */
	LT_ACT_CASE_IDENTITY, /* see the identity of a case's person */
	LT_ACT_CASE_IMPORT,   /* import cases in bulk */
	LT_ACT_SHELTER_READ,  /* see shelters and their occupancy */
	LT_ACT_SHELTER_ADMIN, /* register shelters and change their capacity or licence */
	LT_ACT_VOCAB_READ,    /* read the vocabularies */
	LT_ACT_REFERRAL_RESPOND, /* accept, reject or complete a referral sent to one's organisation */
	LT_ACT_STATS_READ,    /* read the annual statistics (aggregates only) */
	LT_ACT_ASSESSMENT_READ, /* read the country scorecard and the Watch List clock */
	LT_ACT_TIERS_ADMIN,   /* add a report year to the TIP tier history */
	LT_ACT_JUSTICE_READ,  /* read a case's proceedings, hearings, compensation, threats, and
				 the proceedings against the victim */
	LT_ACT_JUSTICE_RECORD, /* record them */
	LT_ACT_ALERT_READ,    /* see compliance alerts */
	LT_ACT_ALERT_RESOLVE, /* mark an alert resolved or justified */
	LT_ACT_COUNT
};

/** Scope of a person-level action: everywhere, or one's own organisation. */
enum lt_scope { LT_SCOPE_NONE, LT_SCOPE_OWN_ORG, LT_SCOPE_ALL };

/** How far ACTOR may take ACTION: LT_SCOPE_NONE when never. */
enum lt_scope lt_policy_scope(const struct lt_actor *actor, enum lt_action action);
/** Decides whether CTX's actor may do ACTION on a record of OBJECT_ORG
 *  (0 when the action has no record): LT_OK; LT_ERR_UNAUTHORIZED for an
 *  anonymous caller; LT_ERR_FORBIDDEN when the role may never do it;
 *  LT_ERR_NOT_FOUND when the record is outside the caller's scope, so that
 *  its existence is not revealed. Sets CTX's problem accordingly. */
lt_err lt_authorize(struct lt_ctx *ctx, enum lt_action action, int64_t object_org);
struct lt_case_share;
/** Decides ACTION on a case owned by OWNER_ORG that a referral may share
 *  with the actor's organisation (SHARE may be NULL). Reading and
 *  assisting follow a referral; deciding does not; identity follows only a
 *  referral made with consent to share it. Errors as lt_authorize(). */
lt_err lt_authorize_case(struct lt_ctx *ctx, enum lt_action action, int64_t owner_org,
			 const struct lt_case_share *share);
/** The organisation a scoped listing must be limited to: the actor's own
 *  for LT_SCOPE_OWN_ORG, 0 (no limit) for LT_SCOPE_ALL. */
int64_t lt_policy_org_filter(const struct lt_actor *actor, enum lt_action action);

#endif
