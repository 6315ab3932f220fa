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
/** Starts a write transaction (taking the write lock at once). */
lt_err lt_store_begin(struct lt_store *s);
/** Commits the open transaction. */
lt_err lt_store_commit(struct lt_store *s);
/** Rolls back the open transaction, if any. */
void lt_store_rollback(struct lt_store *s);
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
/** Finds the session stored under HASH. */
lt_err lt_store_session_get(struct lt_store *s, const unsigned char hash[32],
			    struct lt_session_row *row);
/** Records activity on session ID. */
lt_err lt_store_session_touch(struct lt_store *s, int64_t id, int64_t now);
/** Deletes session ID. */
lt_err lt_store_session_delete(struct lt_store *s, int64_t id);
/** Deletes every session of USER_ID except KEEP_ID (0 keeps none). */
lt_err lt_store_session_delete_user(struct lt_store *s, int64_t user_id, int64_t keep_id);
/** Stores an API token hash. */
lt_err lt_store_token_insert(struct lt_store *s, const unsigned char hash[32], int64_t user_id,
			     const char *label, int64_t now, int64_t *id);
/** Finds a live (not revoked) API token; fills its id, user and last use. */
lt_err lt_store_token_get(struct lt_store *s, const unsigned char hash[32], int64_t *id,
			  int64_t *user_id, int64_t *last_used_at);
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

#endif
