/* Store functions for the compliance rules: gathering what the records of
 * one case show (the facts the pure rules of domain/compliance.h read), the
 * register-wide figures on equal access, and the alerts the rules raise
 * with their events; included by store.h.
 * Ownership: as in store.h: rows are filled into caller-owned structs, and
 * sealed blobs are copied into the caller's arena. */
#ifndef LT_STORE_STORE_COMPLIANCE_H
#define LT_STORE_STORE_COMPLIANCE_H
#include "domain/compliance.h"

/* --- facts --- */

/** Fills every field of OUT from the records of case CASE_ID (OUT is
 *  zeroed first). A list longer than its array keeps the oldest rows and
 *  sets OUT->truncated. LT_ERR_NOT_FOUND when the case does not exist. */
lt_err lt_store_case_facts(struct lt_store *s, int64_t case_id, struct lt_case_facts *out);
/** The figures of the equal-access rule for YEAR: cases identified
 *  (identification_date in the year) split by whether the person holds a
 *  citizenship of COUNTRY (nationals) or not (foreign), and how many of
 *  each received each service type (a service active, completed or stopped:
 *  one that was given). OUT is zeroed first; types past its array are left out. */
lt_err lt_store_access_figures(struct lt_store *s, int year, const char *country,
			       struct lt_access_figures *out);
/** Up to MAX case ids greater than AFTER, in id order, into IDS; *N gets how many. */
lt_err lt_store_case_ids_after(struct lt_store *s, int64_t after, int max, int64_t *ids, int *n);

/* --- alerts --- */

struct lt_alert_row {
	int64_t id;
	char rule[48];
	int64_t case_id;       /* 0 for a register-wide rule */
	char case_number[24];  /* "" when none */
	int64_t org_id;        /* the case's owner, 0 when none */
	char subject[48];
	char severity[8];      /* high, medium, low */
	char status[12];       /* open, resolved, justified */
	char message[400];
	char detail[256];      /* JSON object text, codes and numbers */
	int64_t raised_at, last_seen_at;
	int64_t resolved_at;   /* 0 when not resolved */
	int64_t resolved_by;   /* 0: nobody (or Lantern itself, when resolved_at is set) */
	char resolved_by_name[64];
	const unsigned char *justification; /* sealed, in the caller's arena; NULL when none */
	size_t justification_len;
};

/** What an upsert did to the alert. */
enum lt_alert_change {
	LT_ALERT_SEEN,     /* open or justified already: only last_seen_at and words changed */
	LT_ALERT_RAISED,   /* new: open */
	LT_ALERT_REOPENED, /* was resolved: open again */
};

/** Records that RULE found SUBJECT in case CASE_ID (0 for register-wide;
 *  ORG_ID its owner) at NOW: a new alert is open, a resolved one opens
 *  again, an open or justified one keeps its status; severity, message and
 *  detail are refreshed. Sets *ID and *CHANGE. No event is written. */
lt_err lt_store_alert_upsert(struct lt_store *s, const struct lt_alert_row *row, int64_t now,
			     int64_t *id, enum lt_alert_change *change);

/** One (rule, subject) a run found. */
struct lt_alert_key {
	const char *rule;
	const char *subject;
};
/** After a run over case CASE_ID (0: the register-wide alerts whose subject
 *  starts with PREFIX, e.g. "2024:"), resolves every open alert of it whose
 *  (rule, subject) is not among the N FOUND: status resolved, resolved_by
 *  NULL (the data no longer shows it), with a "cleared" event. *CLEARED
 *  gets how many. */
lt_err lt_store_alert_clear_missing(struct lt_store *s, int64_t case_id, const char *prefix,
				    const struct lt_alert_key *found, int n, int64_t now,
				    int *cleared);
/** Reads alert ID with its case number; the sealed justification goes to A. */
lt_err lt_store_alert_get(struct lt_store *s, int64_t id, struct lt_arena *a,
			  struct lt_alert_row *row);
/** Sets the status of alert ID: "resolved" sets resolved_at NOW and
 *  resolved_by BY (0: NULL); "open" and "justified" clear them. */
lt_err lt_store_alert_set_status(struct lt_store *s, int64_t id, const char *status, int64_t now,
				 int64_t by);
/** Sets the sealed justification of alert ID. */
lt_err lt_store_alert_set_justification(struct lt_store *s, int64_t id, const struct lt_buf *sealed);

/** Which alerts to list. */
struct lt_alert_filter {
	const char *rule;     /* NULL for any */
	const char *status;   /* NULL for any */
	const char *severity; /* NULL for any */
	int64_t case_id;      /* 0 for any */
	bool open_or_justified; /* only alerts open or justified */
	int64_t scope_org;    /* 0: all; else the alerts of this organisation's cases only */
	int limit, offset;
};
/** Calls CB for the page of alerts F selects (high severity first, then
 *  newest first) and sets *TOTAL (may be NULL) to the number of all
 *  matching ones. Justifications are not read. */
lt_err lt_store_alert_list(struct lt_store *s, const struct lt_alert_filter *f, int64_t *total,
			   lt_err (*cb)(void *ctx, const struct lt_alert_row *row), void *ctx);
/** Calls CB with each rule and its number of open alerts (within SCOPE_ORG's
 *  cases unless it is 0), by rule. */
lt_err lt_store_alert_open_by_rule(struct lt_store *s, int64_t scope_org,
				   lt_err (*cb)(void *ctx, const char *rule, int64_t n), void *ctx);
/** The number of open alerts (all rules, the whole register). */
lt_err lt_store_alert_open_count(struct lt_store *s, int64_t *n);

struct lt_alert_event_row {
	int64_t id;
	int64_t alert_id;
	char action[12]; /* raised, reopened, resolved, justified, cleared */
	int64_t at;
	int64_t by_user; /* 0: Lantern itself */
	char by_name[64];
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
};
/** Appends an event to alert ALERT_ID (BY 0: Lantern itself) and sets *ID. */
lt_err lt_store_alert_event_insert(struct lt_store *s, int64_t alert_id, const char *action,
				   int64_t at, int64_t by, int64_t *id);
/** Sets the sealed note of alert event ID. */
lt_err lt_store_alert_event_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the events of ALERT_ID in order; notes go to A. */
lt_err lt_store_alert_events(struct lt_store *s, int64_t alert_id, struct lt_arena *a,
			     lt_err (*cb)(void *ctx, const struct lt_alert_event_row *row),
			     void *ctx);

#endif
