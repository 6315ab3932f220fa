/* Shared by the SQLite store files only: the handle's layout and the
 * helpers every area uses. Nothing outside src/store/ includes this.
 * Ownership: statements belong to the handle's cache; never finalize one. */
#ifndef LT_STORE_SQLITE_INTERNAL_H
#define LT_STORE_SQLITE_INTERNAL_H
#include "store/store.h"
#include <sqlite3.h>

/* Enough for every static statement in the store files. */
#define STMT_CACHE 512

struct lt_store {
	sqlite3 *db;
	struct {
		const char *sql; /* statements are keyed by the address of their static text */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	size_t ncached;
	struct {
		char *sql; /* built at run time, compared by content */
		sqlite3_stmt *stmt;
	} dyn[32];
	size_t ndyn, dyn_next;
	bool in_tx;
	bool holds_queue; /* this transaction holds the process's writer queue */
	struct {
		int64_t *ids; /* cases written in the open transaction (lt_store_case_touch) */
		size_t len, cap, next;
		bool sorted;
	} touched;
};

/** The connection, for sqlite3_last_insert_rowid and sqlite3_changes. */
static inline sqlite3 *lt_sq_db(struct lt_store *s)
{
	return s->db;
}
/** Maps an SQLite result code to a status. */
lt_err lt_sq_err(struct lt_store *s, int rc);
/** A prepared statement for static SQL text (cached by its address), reset
 *  and with its bindings cleared. */
lt_err lt_sq_stmt(struct lt_store *s, const char *sql, sqlite3_stmt **out);
/** Like lt_sq_stmt for SQL built at run time (filters): cached by content,
 *  the oldest entry making room for a new one. */
lt_err lt_sq_stmt_text(struct lt_store *s, const char *sql, sqlite3_stmt **out);
/** Steps a statement that returns no rows, then resets it. */
lt_err lt_sq_exec(struct lt_store *s, sqlite3_stmt *st);
/** Runs SQL text that needs no binding. */
lt_err lt_sq_exec_sql(struct lt_store *s, const char *sql);
/** Copies text column COL into DST of CAP bytes ("" for NULL). */
void lt_sq_col_text(sqlite3_stmt *st, int col, char *dst, size_t cap);
/** Binds V, or leaves the parameter NULL when V is NULL or empty. */
void lt_sq_bind_text_or_null(sqlite3_stmt *st, int col, const char *v);
/** Binds a buffer as a blob, or NULL when it holds nothing. */
void lt_sq_bind_buf(sqlite3_stmt *st, int col, const struct lt_buf *b);
/** Binds V, or leaves the parameter NULL when V equals NONE (0 for ids,
 *  -1 for unknown ages and flags). */
void lt_sq_bind_int_or_null(sqlite3_stmt *st, int col, int64_t v, int64_t none);
/** Runs SQL (UPDATE t SET blob = ?1 WHERE id = ?2) for row ID;
 *  LT_ERR_NOT_FOUND when no row has that id. */
lt_err lt_sq_set_blob(struct lt_store *s, const char *sql, int64_t id, const struct lt_buf *b);
/** Steps ST once and leaves it on its row: LT_OK on a row, LT_ERR_NOT_FOUND
 *  on none; the caller reads and resets. */
lt_err lt_sq_step_one(struct lt_store *s, sqlite3_stmt *st);
/** Steps ST once, reads integer column 0 into OUT, resets ST. */
lt_err lt_sq_one_int(struct lt_store *s, sqlite3_stmt *st, int64_t *out);
/** Copies blob column COL into A; *OUT is NULL for a NULL column. */
lt_err lt_sq_copy_blob(sqlite3_stmt *st, int col, struct lt_arena *a, const unsigned char **out,
		       size_t *len);

#endif
