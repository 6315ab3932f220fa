/* Store functions for the assistance part of a case: recovery and
 * reflection periods, services, and referrals between organisations with
 * their acts; included by store.h.
 * Ownership: as in store.h: rows are filled into caller-owned structs, and
 * sealed blobs are copied into the caller's arena. */
#ifndef LT_STORE_STORE_ASSISTANCE_H
#define LT_STORE_STORE_ASSISTANCE_H

/* --- recovery and reflection periods --- */

struct lt_reflection_row {
	int64_t id;
	int64_t case_id;
	char status[12];           /* granted, refused, ended */
	char decision_date[11];    /* "" for rows written before migration 3 */
	char start_date[11];       /* "" when refused */
	char planned_end_date[11];
	char actual_end_date[11];  /* "" until ended */
	int min_days;
	char grounds[24];          /* "" when none */
	const unsigned char *note; /* sealed (grounds_note), in the caller's arena; NULL if none */
	size_t note_len;
	const unsigned char *end_note; /* sealed, likewise */
	size_t end_note_len;
	int64_t created_at;
	int64_t created_by;
};
/** Inserts ROW (notes are sealed afterwards, bound to the id) and sets *ID. */
lt_err lt_store_reflection_insert(struct lt_store *s, const struct lt_reflection_row *row,
				  int64_t *id);
/** Sets the sealed note given when period ID was granted or refused. */
lt_err lt_store_reflection_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Sets the sealed note given when period ID ended. */
lt_err lt_store_reflection_set_end_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Reads period ID of case CASE_ID (LT_ERR_NOT_FOUND when it belongs to
 *  another case); sealed notes go to A. */
lt_err lt_store_reflection_get(struct lt_store *s, int64_t case_id, int64_t id, struct lt_arena *a,
			       struct lt_reflection_row *row);
/** Finds the open (granted, not ended) period of CASE_ID; LT_ERR_NOT_FOUND when none. */
lt_err lt_store_reflection_open(struct lt_store *s, int64_t case_id, int64_t *id);
/** Ends period ID: status ended, ACTUAL_END and GROUNDS (NULL or "" for none). */
lt_err lt_store_reflection_end(struct lt_store *s, int64_t id, const char *actual_end,
			       const char *grounds);
/** Calls CB for the periods of CASE_ID in order of recording; notes go to A. */
lt_err lt_store_reflection_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_reflection_row *row),
				void *ctx);

/* --- services --- */

struct lt_service_row {
	int64_t id;
	int64_t case_id;
	char type[32];
	int64_t provider_id;      /* 0 when none */
	char provider_name[160];  /* filled on reading */
	char status[12];
	char start_date[11];
	char end_date[11];
	char consent_date[11];    /* "" when no consent is recorded */
	char consent_language[8];
	char stop_reason[24];
	int64_t created_at;
	int64_t created_by;
	int64_t updated_at;
};
/** Inserts ROW and sets *ID. */
lt_err lt_store_service_insert(struct lt_store *s, const struct lt_service_row *row, int64_t *id);
/** Reads service ID of case CASE_ID (LT_ERR_NOT_FOUND when it belongs to another case). */
lt_err lt_store_service_get(struct lt_store *s, int64_t case_id, int64_t id,
			    struct lt_service_row *row);
/** Writes back the mutable columns of ROW (status, dates, consent, stop reason, updated_at). */
lt_err lt_store_service_update(struct lt_store *s, const struct lt_service_row *row);
/** Calls CB for the services of CASE_ID in order of recording. */
lt_err lt_store_service_list(struct lt_store *s, int64_t case_id,
			     lt_err (*cb)(void *ctx, const struct lt_service_row *row), void *ctx);

/* --- referrals between organisations --- */

struct lt_referral_row {
	int64_t id;
	int64_t case_id;
	int64_t from_org;
	char from_name[160]; /* filled on reading */
	int64_t to_org;
	char to_name[160];
	char status[12];
	char purpose[32];
	bool share_identity;
	char sent_date[11];
	int64_t updated_at;
	int64_t created_by;
};
/** Inserts ROW and sets *ID. */
lt_err lt_store_referral_insert(struct lt_store *s, const struct lt_referral_row *row, int64_t *id);
/** Reads referral ID with its organisations' names. */
lt_err lt_store_referral_get(struct lt_store *s, int64_t id, struct lt_referral_row *row);
/** Sets the status of referral ID. */
lt_err lt_store_referral_set_status(struct lt_store *s, int64_t id, const char *status,
				    int64_t now);
/** Whether a live (sent or accepted) referral of CASE_ID to TO_ORG for
 *  PURPOSE exists; sets *ID to it (0 when none). */
lt_err lt_store_referral_live(struct lt_store *s, int64_t case_id, int64_t to_org,
			      const char *purpose, int64_t *id);
/** Calls CB for the referrals of CASE_ID in order of sending. */
lt_err lt_store_referral_list_case(struct lt_store *s, int64_t case_id,
				   lt_err (*cb)(void *ctx, const struct lt_referral_row *row),
				   void *ctx);

struct lt_referral_event_row {
	int64_t id;
	int64_t referral_id;
	char action[12]; /* sent, accepted, rejected, completed, revoked */
	char event_date[11];
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t actor_user_id; /* 0 for none */
	int64_t created_at;
};
/** Appends an act on a referral (its note sealed afterwards) and sets *ID. */
lt_err lt_store_referral_event_insert(struct lt_store *s, const struct lt_referral_event_row *row,
				      int64_t *id);
/** Sets the sealed note of referral event ID. */
lt_err lt_store_referral_event_set_note(struct lt_store *s, int64_t id,
					const struct lt_buf *sealed);
/** Calls CB for the acts on REFERRAL_ID in order; notes go to A. */
lt_err lt_store_referral_events(struct lt_store *s, int64_t referral_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_referral_event_row *row),
				void *ctx);

/** Which of an organisation's referrals to list. */
struct lt_referral_filter {
	int64_t org_id;      /* the organisation whose referrals these are */
	bool incoming;       /* referrals to ORG_ID... */
	bool outgoing;       /* ...and/or from it */
	const char *status;  /* NULL for any */
	int limit, offset;
};
/** A list entry: the referral with the pseudonymous face of its case. */
struct lt_referral_summary {
	struct lt_referral_row r;
	char status_date[11]; /* the date of the act that gave the current status */
	char case_number[24];
	char case_status[20];
	char sex[16];
	int age_at_referral; /* -1 when unknown */
	int is_child;        /* 1, 0, -1 */
	char forms[256];     /* comma-separated exploitation forms */
};
/** Calls CB for the page of referrals F selects, newest first, and sets
 *  *TOTAL to the number of all matching ones. */
lt_err lt_store_referral_list(struct lt_store *s, const struct lt_referral_filter *f,
			      int64_t *total,
			      lt_err (*cb)(void *ctx, const struct lt_referral_summary *row),
			      void *ctx);

#endif
