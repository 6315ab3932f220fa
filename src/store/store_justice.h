/* Store functions for criminal proceedings against the traffickers (the
 * cases they concern, stages, charges over time, plea, verdict, appeals,
 * hearings with their protective measures) and the victims' compensation
 * claims; included by store.h. Tables: migration 008.
 * Ownership: as in store.h: rows are filled into caller-owned structs, and
 * sealed blobs are copied into the caller's arena. */
#ifndef LT_STORE_STORE_JUSTICE_H
#define LT_STORE_STORE_JUSTICE_H

/* --- proceedings --- */

struct lt_proceeding_row {
	int64_t id;
	int64_t org_id;              /* the organisation that recorded it */
	char opened_date[11];
	char offence_date[11];       /* "" when unknown */
	char police_unit[161];       /* "" when none; up to 160 bytes */
	char prosecutor_office[161];
	bool prosecutor_specialised;
	char court[161];
	char file_number[65];        /* up to 64 bytes */
	char stage[16];
	char indictment_date[11];    /* "" until indicted */
	bool plea_agreement;
	char plea_date[11];
	char verdict[12];            /* "" until a verdict: conviction, acquittal, dismissal */
	char verdict_date[11];
	char verdict_article[16];
	char verdict_paragraph[8];
	int sentence_months;         /* -1 when none */
	int sentence_suspended;      /* 1, 0, or -1 when not recorded */
	int64_t fine_amount;         /* -1 when none */
	char fine_currency[4];
	int verdict_final;           /* 1, 0, or -1 when no verdict */
	int64_t created_at;
	int64_t created_by;
	int64_t updated_at;
};
/** Inserts ROW and sets *ID. */
lt_err lt_store_proceeding_insert(struct lt_store *s, const struct lt_proceeding_row *row,
				  int64_t *id);
/** Reads proceeding ID; LT_ERR_NOT_FOUND when none. */
lt_err lt_store_proceeding_get(struct lt_store *s, int64_t id, struct lt_proceeding_row *row);
/** Writes back every column of ROW but its id, recorder and creation. */
lt_err lt_store_proceeding_update(struct lt_store *s, const struct lt_proceeding_row *row);

/** A case (victim) a proceeding concerns. */
struct lt_proceeding_case_row {
	int64_t proceeding_id;
	int64_t case_id;
	char case_number[24];
	int64_t case_org_id; /* the case's owner */
	char victim_role[28];
};
/** Links CASE_ID to proceeding PID in ROLE; LT_ERR_CONFLICT when linked already. */
lt_err lt_store_proceeding_case_add(struct lt_store *s, int64_t pid, int64_t case_id,
				    const char *role);
/** Calls CB for the cases of proceeding PID in case id order. */
lt_err lt_store_proceeding_cases(struct lt_store *s, int64_t pid,
				 lt_err (*cb)(void *ctx, const struct lt_proceeding_case_row *row),
				 void *ctx);
/** Calls CB for the proceedings CASE_ID is in (proceeding_id and role set),
 *  oldest proceeding first. */
lt_err lt_store_case_proceedings(struct lt_store *s, int64_t case_id,
				 lt_err (*cb)(void *ctx, const struct lt_proceeding_case_row *row),
				 void *ctx);

struct lt_proceeding_stage_row {
	int64_t id;
	int64_t proceeding_id;
	char stage[16];
	char date[11];
	int64_t created_at;
	int64_t created_by;
};
/** Appends a stage move. */
lt_err lt_store_proceeding_stage_insert(struct lt_store *s,
					const struct lt_proceeding_stage_row *row);
/** Calls CB for the stage moves of PID by date, then order of recording. */
lt_err lt_store_proceeding_stages(struct lt_store *s, int64_t pid,
				  lt_err (*cb)(void *ctx, const struct lt_proceeding_stage_row *row),
				  void *ctx);

struct lt_charge_row {
	int64_t id;
	int64_t proceeding_id;
	char date[11];
	char stage[16];
	char article[16];
	char paragraph[8]; /* "" when none */
	int64_t created_at;
	int64_t created_by;
};
/** Appends a charge (the charge as it stands from its date) and sets *ID. */
lt_err lt_store_charge_insert(struct lt_store *s, const struct lt_charge_row *row, int64_t *id);
/** Calls CB for the charges of PID by date, then order of recording: the last is the charge now. */
lt_err lt_store_charges(struct lt_store *s, int64_t pid,
			lt_err (*cb)(void *ctx, const struct lt_charge_row *row), void *ctx);

struct lt_appeal_row {
	int64_t id;
	int64_t proceeding_id;
	char filed_date[11];
	char appellant[16];
	char decided_date[11]; /* "" until decided */
	char outcome[12];      /* "" until decided */
	int64_t created_at;
	int64_t created_by;
	int64_t updated_at;
};
/** Inserts an appeal and sets *ID. */
lt_err lt_store_appeal_insert(struct lt_store *s, const struct lt_appeal_row *row, int64_t *id);
/** Reads appeal ID of proceeding PID (LT_ERR_NOT_FOUND when it is another's). */
lt_err lt_store_appeal_get(struct lt_store *s, int64_t pid, int64_t id, struct lt_appeal_row *row);
/** Writes back the decision of ROW (decided_date, outcome, updated_at). */
lt_err lt_store_appeal_update(struct lt_store *s, const struct lt_appeal_row *row);
/** Calls CB for the appeals of PID in order of filing. */
lt_err lt_store_appeals(struct lt_store *s, int64_t pid,
			lt_err (*cb)(void *ctx, const struct lt_appeal_row *row), void *ctx);

struct lt_hearing_row {
	int64_t id;
	int64_t proceeding_id;
	int64_t case_id;
	char date[11];
	int confrontation; /* 1, 0, or -1 when not recorded */
	const unsigned char *note; /* sealed, in the caller's arena; NULL when none */
	size_t note_len;
	int64_t created_at;
	int64_t created_by;
};
/** Inserts a hearing (its note sealed afterwards) and sets *ID. */
lt_err lt_store_hearing_insert(struct lt_store *s, const struct lt_hearing_row *row, int64_t *id);
/** Sets the sealed note of hearing ID. */
lt_err lt_store_hearing_set_note(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the hearings of PID by date; notes go to A. */
lt_err lt_store_hearings(struct lt_store *s, int64_t pid, struct lt_arena *a,
			 lt_err (*cb)(void *ctx, const struct lt_hearing_row *row), void *ctx);

struct lt_hearing_measure_row {
	int64_t hearing_id;
	char measure[32];
	bool requested;
	bool granted;
	int carried_out; /* 1, 0, or -1 when not (yet) known */
};
/** Adds a measure to a hearing; LT_ERR_CONFLICT when it is there already. */
lt_err lt_store_hearing_measure_insert(struct lt_store *s,
				       const struct lt_hearing_measure_row *row);
/** Calls CB for the measures of every hearing of PID, by hearing then measure. */
lt_err lt_store_hearing_measures(struct lt_store *s, int64_t pid,
				 lt_err (*cb)(void *ctx, const struct lt_hearing_measure_row *row),
				 void *ctx);

/* --- compensation --- */

struct lt_claim_row {
	int64_t id;
	int64_t case_id;
	int64_t proceeding_id; /* 0 when none */
	char forum[12];        /* criminal, civil, state_fund */
	char claimed_date[11];
	int64_t amount_claimed; /* -1 when not given */
	char currency[4];
	char status[12];        /* pending, awarded, rejected, withdrawn */
	char award_date[11];
	int64_t amount_awarded; /* -1 when none */
	int64_t amount_paid;    /* -1 when none */
	char paid_date[11];
	int64_t created_at;
	int64_t created_by;
	int64_t updated_at;
};
/** Inserts a claim and sets *ID. */
lt_err lt_store_claim_insert(struct lt_store *s, const struct lt_claim_row *row, int64_t *id);
/** Reads claim ID of case CASE_ID (LT_ERR_NOT_FOUND when it is another case's). */
lt_err lt_store_claim_get(struct lt_store *s, int64_t case_id, int64_t id,
			  struct lt_claim_row *row);
/** Writes back the status, award and payment of ROW. */
lt_err lt_store_claim_update(struct lt_store *s, const struct lt_claim_row *row);
/** Calls CB for the claims of CASE_ID (or, when CASE_ID is 0, of proceeding
 *  PID) in order of recording. */
lt_err lt_store_claims(struct lt_store *s, int64_t case_id, int64_t pid,
		       lt_err (*cb)(void *ctx, const struct lt_claim_row *row), void *ctx);

#endif
