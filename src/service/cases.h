/* Cases: registering a referral (from the API or an import line), reading a
 * case with its timeline, listing, moving it through its states, and the
 * facts recorded along the way (cooperation, consent). Every function
 * authorises through policy.h and audits through audit.h. One header for
 * five files, one job each: cases.c (create, import, list, loading a case
 * for an action), case_doc.c (validating the case document), case_json.c
 * (the case document, its reads), case_moves.c (transitions, cooperation,
 * consent), case_events.c (the timeline and decisions); what they share
 * among themselves is in case_internal.h.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_CASES_H
#define LT_SERVICE_CASES_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** Validates the case document DOC (see docs/cases.md) and stores a new
 *  person and case owned by the actor's organisation; OUT gets the case. */
lt_err lt_svc_case_create(struct lt_ctx *ctx, const json_t *doc, json_t **out);
/** The case with its person (no identity), decisions and timeline. */
lt_err lt_svc_case_get(struct lt_ctx *ctx, int64_t id, json_t **out);
/** The identity of the case's person: an explicit, audited act, allowed to
 *  the owning organisation, coordinators, and receivers of a referral that
 *  carries consent to share identity. */
lt_err lt_svc_case_identity(struct lt_ctx *ctx, int64_t id, json_t **out);
/** A page of cases matching F within the actor's scope:
 *  {"items": [...], "total": N, "page": P, "per_page": K}. */
lt_err lt_svc_case_list(struct lt_ctx *ctx, struct lt_case_filter *f, json_t **out);
/** Moves a case: BODY {action, outcome?, date, reasons, body?}. An illegal
 *  move is LT_ERR_CONFLICT with the reason in the problem. */
lt_err lt_svc_case_transition(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Records the person's cooperation with the authorities: BODY {status, date,
 *  note?}. Never a precondition for anything else. */
lt_err lt_svc_case_cooperation(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Records (or withdraws) consent to share identity: BODY {consent, date}. */
lt_err lt_svc_case_consent(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);

/** Import options for lt_svc_case_import_line. */
struct lt_import {
	int64_t org_id;      /* the organisation that will own the cases */
	char org_name[160];  /* and its name, for the report */
	bool upsert;         /* replace a case whose ref exists instead of refusing */
	/* Counts, updated per line, of what the import leaves: cases stored
	 * (new or replacing one that was there before the import), and of
	 * those the replacing ones. A line that replaces the case an earlier
	 * line of the same import stored counts in neither: one case results. */
	int64_t stored;
	int64_t replaced;
	int64_t first_person; /* the import's own persons have this id or more; 0 until the first line */
};
/** Stores one import line's document inside the caller's transaction. On a
 *  bad line the problem names the field; the caller adds the line number. */
lt_err lt_svc_case_import_line(struct lt_ctx *ctx, struct lt_import *imp, const json_t *doc);
/** Checks that the actor may import, and finds the owning organisation:
 *  ORG_NAME, or when NULL the only organisation not of kind administration
 *  (the administration one when there is no other); several candidates are
 *  LT_ERR_INVALID with their names in the problem. */
lt_err lt_svc_case_import_begin(struct lt_ctx *ctx, const char *org_name, struct lt_import *imp);

/** Validates DOC and stores it as a new case of ORG_ID (in group GROUP_ID
 *  unless 0) inside the caller's transaction; no audit row is written. */
lt_err lt_case_create_from_doc(struct lt_ctx *ctx, int64_t org_id, const json_t *doc,
			       int64_t group_id, int64_t *case_id);
/** The case as GET /cases/{id} shows it to the actor (free text only for
 *  those who may read it), without auditing: for answers to writes, which
 *  are audited themselves. The caller has authorised the actor already. */
lt_err lt_case_json(struct lt_ctx *ctx, int64_t id, json_t **out);
/** Loads the case ID and checks that the actor may do ACTION on it;
 *  LT_ERR_NOT_FOUND outside scope. SHARE tells how a referral shares it. */
lt_err lt_case_load_authorized(struct lt_ctx *ctx, int64_t id, int action, struct lt_case_row *row,
			       struct lt_case_share *share);
/** On a closed case C, answers 409 when WHAT (a record, e.g. "a placement")
 *  begins on DATE (NULL or "": today, UTC) after the day of its last close:
 *  what happened before closing may be recorded late, anything later needs
 *  the case reopened (docs/cases.md, "Closed cases"). LT_OK otherwise. */
lt_err lt_case_check_not_after_close(struct lt_ctx *ctx, const struct lt_case_row *c,
				     const char *date, const char *what);
/** Appends an event to a case's timeline, sealing REASONS when given. */
lt_err lt_case_event(struct lt_ctx *ctx, int64_t case_id, const char *kind, const char *action,
		     const char *from, const char *to, const char *date, const char *reasons,
		     json_t *detail);

#endif
