/* Store functions for protection and non-punishment on a case: threats and
 * the protection measures that answer them, proceedings against the
 * victim, removals, identity disclosures, age assessments and the case's
 * unaccompanied flag (tables of migration 008); included by store.h.
 * Ownership: as in store.h: rows are filled into caller-owned structs, and
 * sealed notes are copied into the caller's arena. */
#ifndef LT_STORE_STORE_PROTECTION_H
#define LT_STORE_STORE_PROTECTION_H

/* --- threats --- */

struct lt_threat_row {
	int64_t id;
	int64_t case_id;
	int64_t proceeding_id;     /* 0 when none */
	char date[11];
	char kind[24];
	char source[16];           /* "" when not recorded */
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
};
/** Inserts ROW (its note is sealed afterwards, bound to the id) and sets *ID. */
lt_err lt_store_threat_insert(struct lt_store *s, const struct lt_threat_row *row, int64_t *id);
/** Sets the sealed note of threat ID. */
lt_err lt_store_threat_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Reads threat ID of case CASE_ID (LT_ERR_NOT_FOUND when it belongs to
 *  another case); the note goes to A. */
lt_err lt_store_threat_get(struct lt_store *s, int64_t case_id, int64_t id, struct lt_arena *a,
			   struct lt_threat_row *row);
/** Calls CB for the threats of CASE_ID by date then id; notes go to A. */
lt_err lt_store_threat_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			    lt_err (*cb)(void *ctx, const struct lt_threat_row *row), void *ctx);

/* --- protection measures --- */

struct lt_protection_row {
	int64_t id;
	int64_t case_id;
	int64_t threat_id;         /* 0 when it answers no recorded threat */
	char measure[32];
	char start_date[11];
	char end_date[11];         /* "" while it lasts */
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
};
/** Inserts ROW (note sealed afterwards) and sets *ID. */
lt_err lt_store_protection_insert(struct lt_store *s, const struct lt_protection_row *row,
				  int64_t *id);
/** Sets the sealed note of protection measure ID. */
lt_err lt_store_protection_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Reads measure ID of case CASE_ID (LT_ERR_NOT_FOUND when it belongs to
 *  another case); the note goes to A. */
lt_err lt_store_protection_get(struct lt_store *s, int64_t case_id, int64_t id,
			       struct lt_arena *a, struct lt_protection_row *row);
/** Sets the end date of measure ID (NULL or "" clears it). */
lt_err lt_store_protection_set_end(struct lt_store *s, int64_t id, const char *end_date);
/** Calls CB for the measures of CASE_ID by start date then id; notes go to A. */
lt_err lt_store_protection_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_protection_row *row),
				void *ctx);

/* --- proceedings against the victim --- */

struct lt_victim_proceeding_row {
	int64_t id;
	int64_t case_id;
	char kind[16];
	char offence[24];
	char offence_date[11];       /* "" when unknown */
	int during_exploitation;     /* 1, 0, or -1 when unknown */
	char authority[161];         /* "" when not recorded */
	char outcome[16];
	char penalty[12];            /* "" unless the outcome is a penalty */
	char outcome_date[11];
	bool non_punishment_assessed;
	char assessment_date[11];
	const unsigned char *note;   /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
	int64_t updated_at;
};
/** Inserts ROW (note sealed afterwards) and sets *ID. */
lt_err lt_store_victim_proceeding_insert(struct lt_store *s,
					 const struct lt_victim_proceeding_row *row, int64_t *id);
/** Sets the sealed note of proceeding ID. */
lt_err lt_store_victim_proceeding_set_note(struct lt_store *s, int64_t id,
					   const struct lt_buf *sealed);
/** Reads proceeding ID of case CASE_ID (LT_ERR_NOT_FOUND when it belongs
 *  to another case); the note goes to A. */
lt_err lt_store_victim_proceeding_get(struct lt_store *s, int64_t case_id, int64_t id,
				      struct lt_arena *a, struct lt_victim_proceeding_row *row);
/** Writes back the mutable columns of ROW (all but kind, offence, the note
 *  and the creation stamps). */
lt_err lt_store_victim_proceeding_update(struct lt_store *s,
					 const struct lt_victim_proceeding_row *row);
/** Calls CB for the proceedings of CASE_ID in order of recording; notes go to A. */
lt_err lt_store_victim_proceeding_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				       lt_err (*cb)(void *ctx,
						    const struct lt_victim_proceeding_row *row),
				       void *ctx);

/* --- removals --- */

struct lt_removal_row {
	int64_t id;
	int64_t case_id;
	char date[11];
	char kind[16];
	char authority[161];       /* "" when not recorded */
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
};
/** Inserts ROW (note sealed afterwards) and sets *ID. */
lt_err lt_store_removal_insert(struct lt_store *s, const struct lt_removal_row *row, int64_t *id);
/** Sets the sealed note of removal ID. */
lt_err lt_store_removal_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the removals of CASE_ID by date then id; notes go to A. */
lt_err lt_store_removal_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
			     lt_err (*cb)(void *ctx, const struct lt_removal_row *row), void *ctx);

/* --- identity disclosures --- */

struct lt_disclosure_row {
	int64_t id;
	int64_t case_id;
	char date[11];
	char recipient[16];
	char channel[24];
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
};
/** Inserts ROW (note sealed afterwards) and sets *ID. */
lt_err lt_store_disclosure_insert(struct lt_store *s, const struct lt_disclosure_row *row,
				  int64_t *id);
/** Sets the sealed note of disclosure ID. */
lt_err lt_store_disclosure_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the disclosures of CASE_ID by date then id; notes go to A. */
lt_err lt_store_disclosure_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				lt_err (*cb)(void *ctx, const struct lt_disclosure_row *row),
				void *ctx);

/* --- age assessments and the unaccompanied flag --- */

struct lt_age_assessment_row {
	int64_t id;
	int64_t case_id;
	char date[11];
	char result[16];
	char method[16];           /* "" when not recorded */
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
};
/** Inserts ROW (note sealed afterwards) and sets *ID. */
lt_err lt_store_age_assessment_insert(struct lt_store *s, const struct lt_age_assessment_row *row,
				      int64_t *id);
/** Sets the sealed note of age assessment ID. */
lt_err lt_store_age_assessment_set_note(struct lt_store *s, int64_t id,
					const struct lt_buf *sealed);
/** Calls CB for the age assessments of CASE_ID by date then id; notes go to A. */
lt_err lt_store_age_assessment_list(struct lt_store *s, int64_t case_id, struct lt_arena *a,
				    lt_err (*cb)(void *ctx, const struct lt_age_assessment_row *row),
				    void *ctx);
/** Copies the result of CASE_ID's latest age assessment (by date, then
 *  recording) into RESULT ("" when none was made). */
lt_err lt_store_age_assessment_latest(struct lt_store *s, int64_t case_id, char *result,
				      size_t cap);

/** Reads cases.unaccompanied of CASE_ID into *VALUE: 1, 0, or -1 when not
 *  recorded. LT_ERR_NOT_FOUND when there is no such case. */
lt_err lt_store_case_unaccompanied(struct lt_store *s, int64_t case_id, int *value);
/** Sets cases.unaccompanied of CASE_ID to VALUE (1 or 0; -1 for NULL). */
lt_err lt_store_case_set_unaccompanied(struct lt_store *s, int64_t case_id, int value);

/* --- links to criminal proceedings --- */

/** Sets *YES to whether criminal proceeding PROCEEDING_ID concerns case
 *  CASE_ID (a row of proceeding_cases). */
lt_err lt_store_proceeding_concerns_case(struct lt_store *s, int64_t proceeding_id,
					 int64_t case_id, bool *yes);

#endif
