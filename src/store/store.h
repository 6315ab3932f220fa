/* The storage interface: the only way the program reaches its database, and
 * the only place SQL is written. One handle per thread; SQLite now, with
 * PostgreSQL to come behind the same functions.
 * Ownership: a handle owns its connection and cached statements
 * (lt_store_free releases them); rows are filled into caller-owned structs,
 * with variable-length data copied into the caller's arena. */
#ifndef LT_STORE_STORE_H
#define LT_STORE_STORE_H
#include "base/arena.h"
#include "base/buf.h"
#include "base/problem.h"

struct lt_store;

/** Opens the database at PATH (creating it when CREATE), in WAL mode with
 *  synchronous=FULL and foreign keys on. */
lt_err lt_store_open(const char *path, bool create, struct lt_store **out, struct lt_problem *p);
/** Closes the connection; NULL is a no-op. */
void lt_store_free(struct lt_store *s);
/** Applies every embedded migration newer than the schema version, each in
 *  its own transaction, recording it in schema_version. */
lt_err lt_store_migrate(struct lt_store *s, struct lt_problem *p);
/** The highest applied migration, 0 for an empty database. */
lt_err lt_store_schema_version(struct lt_store *s, int *version);
/** Starts a write transaction (taking the write lock at once; writers of
 *  this process queue on a mutex). Every begin must end in commit or
 *  rollback. */
lt_err lt_store_begin(struct lt_store *s);
/** Makes write transactions of this process queue on one mutex (for a
 *  server whose threads each hold one connection); off by default. */
void lt_store_queue_writers(bool on);
/** Commits the open transaction. */
lt_err lt_store_commit(struct lt_store *s);
/** Rolls back the open transaction, if any. */
void lt_store_rollback(struct lt_store *s);
/** Notes that the open write transaction wrote case CASE_ID, so that what
 *  must follow every write to a case (the compliance rules) runs once per
 *  case before the commit. Commit and rollback forget the list. */
lt_err lt_store_case_touch(struct lt_store *s, int64_t case_id);
/** Takes the next noted case off the list, smallest id first, each once;
 *  LT_ERR_NOT_FOUND when none is left. Cases noted meanwhile are included. */
lt_err lt_store_touched_next(struct lt_store *s, int64_t *case_id);
/** Starts a read transaction, so that several reads see one snapshot and
 *  take the WAL lock once. End it before writing. */
lt_err lt_store_read_begin(struct lt_store *s);
/** Ends the read transaction, if any. */
void lt_store_read_end(struct lt_store *s);
/** Runs a WAL checkpoint that truncates the WAL file (for backups and tests). */
lt_err lt_store_checkpoint(struct lt_store *s);

/* --- organisations --- */

struct lt_org_row {
	int64_t id;
	char name[160];
	char kind[32];
	int64_t created_at;
};
/** Inserts an organisation; LT_ERR_CONFLICT when the name is taken. */
lt_err lt_store_org_insert(struct lt_store *s, const char *name, const char *kind, int64_t now,
			   int64_t *id);
/** Finds an organisation by exact name. */
lt_err lt_store_org_by_name(struct lt_store *s, const char *name, struct lt_org_row *row);
/** Finds an organisation by id. */
lt_err lt_store_org_get(struct lt_store *s, int64_t id, struct lt_org_row *row);
/** Calls CB for every organisation in name order; a non-OK return stops. */
lt_err lt_store_org_list(struct lt_store *s, lt_err (*cb)(void *ctx, const struct lt_org_row *row),
			 void *ctx);

/* --- users --- */

struct lt_user_row {
	int64_t id;
	char username[64];
	char password_hash[128];
	char role[24];
	bool disabled;
	int64_t created_at;
	struct lt_org_row org;
};
/** Inserts a user; LT_ERR_CONFLICT when the user name is taken. */
lt_err lt_store_user_insert(struct lt_store *s, const char *username, const char *password_hash,
			    const char *role, int64_t org_id, int64_t now, int64_t *id);
/** Finds a user (with its organisation) by user name. */
lt_err lt_store_user_by_name(struct lt_store *s, const char *username, struct lt_user_row *row);
/** Finds a user (with its organisation) by id. */
lt_err lt_store_user_get(struct lt_store *s, int64_t id, struct lt_user_row *row);
/** Calls CB for every user in user-name order. */
lt_err lt_store_user_list(struct lt_store *s,
			  lt_err (*cb)(void *ctx, const struct lt_user_row *row), void *ctx);
/** Sets or clears the disabled flag. */
lt_err lt_store_user_set_disabled(struct lt_store *s, int64_t id, bool disabled);
/** Replaces the password hash. */
lt_err lt_store_user_set_password(struct lt_store *s, int64_t id, const char *hash, int64_t now);

/* --- sessions and API tokens --- */

struct lt_session_row {
	int64_t id;
	int64_t user_id;
	char csrf_token[64];
	int64_t created_at;
	int64_t last_seen_at;
};
/** Stores a session under the hash of its token. */
lt_err lt_store_session_insert(struct lt_store *s, const unsigned char hash[32], const char *csrf,
			       int64_t user_id, int64_t now);
/** Finds the session stored under HASH and, in the same read, its user. */
lt_err lt_store_session_get(struct lt_store *s, const unsigned char hash[32],
			    struct lt_session_row *row, struct lt_user_row *user);
/** Records activity on session ID. */
lt_err lt_store_session_touch(struct lt_store *s, int64_t id, int64_t now);
/** Deletes session ID. */
lt_err lt_store_session_delete(struct lt_store *s, int64_t id);
/** Deletes every session of USER_ID except KEEP_ID (0 keeps none). */
lt_err lt_store_session_delete_user(struct lt_store *s, int64_t user_id, int64_t keep_id);
/** Stores an API token hash. */
lt_err lt_store_token_insert(struct lt_store *s, const unsigned char hash[32], int64_t user_id,
			     const char *label, int64_t now, int64_t *id);
/** Finds a live (not revoked) API token; fills its id, last use and, in the
 *  same read, its user. */
lt_err lt_store_token_get(struct lt_store *s, const unsigned char hash[32], int64_t *id,
			  int64_t *last_used_at, struct lt_user_row *user);
/** Revokes token ID of USER_ID (a token of another user is left alone), or
 *  every live token of USER_ID when ID is 0; sets *COUNT to the number
 *  revoked. */
lt_err lt_store_token_revoke(struct lt_store *s, int64_t id, int64_t user_id, int64_t now,
			     int *count);
/** Records use of token ID. */
lt_err lt_store_token_touch(struct lt_store *s, int64_t id, int64_t now);

/* --- failed logins --- */

/** Records a failed login for USER_ID. */
lt_err lt_store_login_failure_add(struct lt_store *s, int64_t user_id, int64_t now);
/** Counts failures of USER_ID since SINCE; OLDEST gets the earliest one's time. */
lt_err lt_store_login_failure_count(struct lt_store *s, int64_t user_id, int64_t since, int *count,
				    int64_t *oldest);
/** Forgets the failures of USER_ID (after a successful login). */
lt_err lt_store_login_failure_clear(struct lt_store *s, int64_t user_id);

/* --- persons --- */

struct lt_person_row {
	int64_t id;
	int64_t org_id;
	char sex[16];
	int64_t birth_year; /* 0 when unknown */
	const unsigned char *given_name; /* sealed, in the caller's arena; NULL if absent */
	size_t given_name_len;
	const unsigned char *family_name;
	size_t family_name_len;
	int64_t created_at;
	int64_t created_by; /* 0 for the command line */
};
/** Inserts a person without identity fields (they are sealed to the row id,
 *  so they are set afterwards with lt_store_person_set_identity). */
lt_err lt_store_person_insert(struct lt_store *s, int64_t org_id, const char *sex,
			      int64_t birth_year, int64_t created_by, int64_t now, int64_t *id);
/** Sets the sealed name fields and their blind indexes (NULL leaves a field empty). */
lt_err lt_store_person_set_identity(struct lt_store *s, int64_t id, const struct lt_buf *given,
				    const struct lt_buf *family, const unsigned char *name_index,
				    const unsigned char *family_index);
/** Reads one person; sealed blobs are copied into A. */
lt_err lt_store_person_get(struct lt_store *s, int64_t id, struct lt_arena *a,
			   struct lt_person_row *row);
/** Calls CB for persons whose full-name (or, when FAMILY, family-name) index
 *  equals INDEX, limited to ORG_ID unless it is 0. Sealed fields are not read. */
lt_err lt_store_person_find(struct lt_store *s, const unsigned char index[32], bool family,
			    int64_t org_id, lt_err (*cb)(void *ctx, const struct lt_person_row *row),
			    void *ctx);
/** Counts persons, in ORG_ID only unless it is 0. */
lt_err lt_store_person_count(struct lt_store *s, int64_t org_id, int64_t *count);

/* --- audit log --- */

/** Stores the MAC of the log's head (last id and hash), so that removing
 *  rows from the end is detected too. */
lt_err lt_store_audit_head_set(struct lt_store *s, const unsigned char mac[32]);
/** Reads the head MAC; LT_ERR_NOT_FOUND when none was ever written. */
lt_err lt_store_audit_head_get(struct lt_store *s, unsigned char mac[32]);

struct lt_audit_row {
	int64_t id;
	int64_t at;
	char actor_kind[8];
	int64_t actor_user_id; /* 0 when none */
	char action[48];
	char object_type[24];
	int64_t object_id; /* 0 when none */
	char outcome[16];
	char detail[128];
	unsigned char prev_hash[32];
	unsigned char hash[32];
};
struct lt_audit_filter {
	const char *action;      /* NULL for any */
	const char *object_type; /* NULL for any */
	int64_t object_id;       /* 0 for any */
	int64_t actor_user_id;   /* 0 for any */
	int64_t since, until;    /* 0 for open */
	int64_t after_id;        /* paging: rows with a larger id */
	int limit;
};
/** The last row's id and hash (zeros for an empty log). */
lt_err lt_store_audit_last(struct lt_store *s, int64_t *id, unsigned char hash[32]);
/** Appends ROW with the id it already carries. */
lt_err lt_store_audit_insert(struct lt_store *s, const struct lt_audit_row *row);
/** Calls CB for rows matching F in id order. */
lt_err lt_store_audit_list(struct lt_store *s, const struct lt_audit_filter *f,
			   lt_err (*cb)(void *ctx, const struct lt_audit_row *row), void *ctx);

/* --- cases --- */

struct lt_case_row {
	int64_t id;
	char case_number[24];
	char ref[128];
	int64_t person_id;
	int64_t org_id;
	int64_t group_id; /* 0 when none */
	char status[20];
	char status_before_close[20];
	char referral_date[11];
	int64_t referral_year;
	char referral_source[32];
	char referring_org[161];       /* up to 160 bytes */
	bool consent_to_share;
	char consent_date[11];
	int age_at_referral; /* -1 when unknown */
	int is_child;        /* 1, 0, or -1 when unknown */
	char cooperation[16];
	char reasonable_grounds[12];
	char reasonable_grounds_date[11];
	char identification[16];
	char identification_date[11];
	char identification_body[161]; /* up to 160 bytes */
	int64_t created_at;
	int64_t created_by;
	int64_t updated_at;
};

/** The next free sequence number of YEAR's case numbers. */
lt_err lt_store_case_next_seq(struct lt_store *s, int64_t year, int64_t *seq);
/** Inserts ROW numbered YEAR and SEQ (its case_number says the same) and sets
 *  *ID: ROW's id when not 0 (a case replaced by an import keeps its id),
 *  else a new one. LT_ERR_CONFLICT when the id, ref or number is taken. */
lt_err lt_store_case_insert(struct lt_store *s, const struct lt_case_row *row, int64_t year,
			    int64_t seq, int64_t *id);
/** The year and sequence of case ID's number (LT-YEAR-SEQ). */
lt_err lt_store_case_number_parts(struct lt_store *s, int64_t id, int64_t *year, int64_t *seq);
/** The largest person id (0 when there is none). */
lt_err lt_store_person_max_id(struct lt_store *s, int64_t *max);
/** The number of cases of person PERSON_ID. */
lt_err lt_store_person_case_count(struct lt_store *s, int64_t person_id, int64_t *n);
/** Reads one case. */
lt_err lt_store_case_get(struct lt_store *s, int64_t id, struct lt_case_row *row);
/** Finds a case id by its case number. */
lt_err lt_store_case_by_number(struct lt_store *s, const char *number, int64_t *id);
/** Finds a case id by its external reference. */
lt_err lt_store_case_by_ref(struct lt_store *s, const char *ref, int64_t *id);
/** Writes back the mutable columns of ROW (status, decisions, cooperation,
 *  consent, updated_at). */
lt_err lt_store_case_update(struct lt_store *s, const struct lt_case_row *row);
/** Sets *WHAT to a description of the first kind of record case ID has that
 *  no case document carries (screenings, proceedings, protection...), NULL
 *  when it has none: such a case must not be replaced by a re-import. */
lt_err lt_store_case_later_records(struct lt_store *s, int64_t id, const char **what);
/** Deletes a case and everything recorded under it (for --upsert imports). */
lt_err lt_store_case_delete(struct lt_store *s, int64_t id);
/** Adds one exploitation form / country of exploitation to a case. */
lt_err lt_store_case_add_form(struct lt_store *s, int64_t case_id, const char *form);
lt_err lt_store_case_add_country(struct lt_store *s, int64_t case_id, const char *country);
/** Adds a citizenship to a person. */
lt_err lt_store_person_add_citizenship(struct lt_store *s, int64_t person_id, const char *country);
/** Calls CB with each form (or country, or citizenship) of the case or person. */
lt_err lt_store_case_forms(struct lt_store *s, int64_t case_id,
			   lt_err (*cb)(void *ctx, const char *code), void *ctx);
lt_err lt_store_case_countries(struct lt_store *s, int64_t case_id,
			       lt_err (*cb)(void *ctx, const char *code), void *ctx);
lt_err lt_store_person_citizenships(struct lt_store *s, int64_t person_id,
				    lt_err (*cb)(void *ctx, const char *code), void *ctx);
/** Sets the sealed birth date and the age flag of a person. */
lt_err lt_store_person_set_birth(struct lt_store *s, int64_t id, const struct lt_buf *birth_date,
				 bool age_uncertain);
/** Reads the sealed birth date (into A) and the age flag. */
lt_err lt_store_person_birth(struct lt_store *s, int64_t id, struct lt_arena *a,
			     const unsigned char **birth_date, size_t *len, bool *age_uncertain);

/** How an organisation sees a case through referrals. */
struct lt_case_share {
	bool visible;        /* a referral to the organisation is sent, accepted or completed */
	bool share_identity; /* one of those referrals shares identity, and the person's consent still stands */
};
/** Whether ORG_ID sees case CASE_ID through a referral. */
lt_err lt_store_case_share(struct lt_store *s, int64_t case_id, int64_t org_id,
			   struct lt_case_share *out);

struct lt_case_filter {
	const char *status, *source, *exploitation, *sex, *citizenship, *number;
	int64_t year;       /* referral year, 0 for any */
	int child;          /* 1, 0, or -1 for any */
	int64_t org_id;     /* owning organisation, 0 for any */
	int64_t group_id;   /* 0 for any */
	int64_t scope_org;  /* 0: no limit; else owned by or referred to this organisation */
	bool negative_unreviewed; /* only negative decisions that no review has looked at */
	const char *sort;   /* case_number, referral_date, status, updated_at */
	bool descending;
	int limit, offset;
};
/** A list entry: the pseudonymous face of a case. */
struct lt_case_summary {
	int64_t id;
	char case_number[24];
	char status[20];
	char sex[16];
	int age_at_referral;
	int is_child;
	char referral_date[11];
	char referral_source[32];
	int64_t org_id;
	char org_name[160];
	int64_t group_id;
	char forms[256]; /* comma-separated exploitation forms */
};
/** Calls CB for the page of cases F selects, and sets *TOTAL to the number of
 *  all matching cases. */
lt_err lt_store_case_list(struct lt_store *s, const struct lt_case_filter *f, int64_t *total,
			  lt_err (*cb)(void *ctx, const struct lt_case_summary *row), void *ctx);

/** Calls CB with each status and its number of cases, within SCOPE_ORG's
 *  cases (owned or referred to it) unless it is 0. */
lt_err lt_store_case_count_by_status(struct lt_store *s, int64_t scope_org,
				     lt_err (*cb)(void *ctx, const char *status, int64_t n),
				     void *ctx);

/* --- the case timeline and decisions --- */

struct lt_case_event_row {
	int64_t id;
	int64_t case_id;
	char kind[24];
	char action[32];
	char from_status[20];
	char to_status[20];
	char event_date[11];
	const unsigned char *reasons; /* sealed, in the caller's arena; NULL when none */
	size_t reasons_len;
	char detail[512];
	int64_t actor_user_id;
	int64_t created_at;
};
/** Appends an event (reasons are sealed afterwards, bound to the id) and sets *ID. */
lt_err lt_store_event_insert(struct lt_store *s, const struct lt_case_event_row *row, int64_t *id);
/** Sets the sealed reasons of event ID. */
lt_err lt_store_event_set_reasons(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the events of CASE_ID by event date then id; sealed text goes to A. */
lt_err lt_store_event_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			   lt_err (*cb)(void *ctx, const struct lt_case_event_row *row), void *ctx);

struct lt_decision_row {
	int64_t id;
	int64_t case_id;
	char stage[24];
	char outcome[16];
	char decision_date[11];
	char body[161]; /* up to 160 bytes */
	const unsigned char *reasons; /* sealed; NULL when none was recorded */
	size_t reasons_len;
	int64_t decided_by;
	int64_t created_at;
};
/** Records a decision (reasons sealed afterwards) and sets *ID. */
lt_err lt_store_decision_insert(struct lt_store *s, const struct lt_decision_row *row, int64_t *id);
/** Sets the sealed reasons of decision ID. */
lt_err lt_store_decision_set_reasons(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the decisions of CASE_ID in order; sealed text goes to A. */
lt_err lt_store_decision_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			      lt_err (*cb)(void *ctx, const struct lt_decision_row *row), void *ctx);

#include "store/store_assistance.h"
#include "store/store_shelters.h"
#include "store/store_screenings.h"
#include "store/store_stats.h"
#include "store/store_assessment.h"
#include "store/store_tiers.h"
#include "store/store_justice.h"
#include "store/store_compliance.h"
#include "store/store_protection.h"
#include "store/store_ctdc_records.h"

#endif
