/* Store functions for screenings of a case; included by store.h.
 * Ownership: as in store.h; text columns are copied into the caller's arena. */
#ifndef LT_STORE_STORE_SCREENINGS_H
#define LT_STORE_STORE_SCREENINGS_H

struct lt_screening_row {
	int64_t id;
	int64_t case_id;
	char profile[32];
	const char *indicators; /* JSON array text, in the caller's arena */
	char outcome[32];
	const char *result;     /* JSON object text, in the caller's arena */
	char screening_date[11];
	const unsigned char *note; /* sealed; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
};

/** Stores a screening (its note is sealed afterwards, bound to the id). */
lt_err lt_store_screening_insert(struct lt_store *s, const struct lt_screening_row *row,
				 int64_t *id);
/** Sets the sealed note of screening ID. */
lt_err lt_store_screening_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the screenings of CASE_ID, newest first (by date, then id). */
lt_err lt_store_screening_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			       lt_err (*cb)(void *ctx, const struct lt_screening_row *row),
			       void *ctx);

#endif
