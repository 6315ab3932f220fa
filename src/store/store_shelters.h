/* Store functions for shelters (with the history of their capacity and
 * licence), placements in them or the alternatives used, and group cases
 * with their recruiter chain; included by store.h.
 * Ownership: as in store.h: rows are filled into caller-owned structs,
 * sealed blobs are copied into the caller's arena. */
#ifndef LT_STORE_STORE_SHELTERS_H
#define LT_STORE_STORE_SHELTERS_H

/* --- shelters --- */

struct lt_shelter_row {
	int64_t id;
	int64_t org_id;
	char org_name[160]; /* filled by reads */
	char name[161]; /* up to 160 bytes */
	bool specialised;
	int64_t capacity_women, capacity_men, capacity_children;
	char licence_valid_until[11]; /* "" when there is no licence */
	int64_t created_at;
};
/** Inserts a shelter with its current values and sets *ID; LT_ERR_CONFLICT
 *  when the name is taken. */
lt_err lt_store_shelter_insert(struct lt_store *s, const struct lt_shelter_row *row, int64_t *id);
/** Writes back the organisation, name, specialisation, capacities and
 *  licence of ROW; LT_ERR_CONFLICT when the name is taken. */
lt_err lt_store_shelter_update(struct lt_store *s, const struct lt_shelter_row *row);
/** Reads one shelter with its organisation's name. */
lt_err lt_store_shelter_get(struct lt_store *s, int64_t id, struct lt_shelter_row *row);
/** Calls CB for every shelter in name order. */
lt_err lt_store_shelter_list(struct lt_store *s,
			     lt_err (*cb)(void *ctx, const struct lt_shelter_row *row), void *ctx);

/** What held for a shelter from VALID_FROM until its next state. */
struct lt_shelter_state_row {
	int64_t shelter_id;
	char valid_from[11];
	bool specialised;
	int64_t capacity_women, capacity_men, capacity_children;
	char licence_valid_until[11]; /* "" when there is no licence */
	int64_t recorded_at;
	int64_t recorded_by; /* 0 for the command line or a migration */
};
/** Records ROW, replacing a state of the same shelter and day. */
lt_err lt_store_shelter_state_put(struct lt_store *s, const struct lt_shelter_state_row *row);
/** Calls CB for the states of SHELTER_ID by valid_from, oldest first. */
lt_err lt_store_shelter_states(struct lt_store *s, int64_t shelter_id,
			       lt_err (*cb)(void *ctx, const struct lt_shelter_state_row *row),
			       void *ctx);

/* --- placements --- */

struct lt_placement_row {
	int64_t id;
	int64_t case_id;
	int64_t shelter_id;               /* 0 when an alternative was used */
	char shelter_name[161];           /* filled by reads */
	bool shelter_specialised;         /* filled by reads */
	char place[12];                   /* women, men, children */
	char start_date[11];
	char end_date[11];                /* "" while open */
	char alternative[32];             /* "" for a shelter stay */
	char turn_away_reason[16];        /* "" for a shelter stay */
	int64_t turn_away_shelter_id;     /* 0 when not named */
	char turn_away_shelter_name[161]; /* filled by reads */
	int64_t created_at;
	int64_t created_by;
};
/** Inserts ROW (its id is ignored) and sets *ID. */
lt_err lt_store_placement_insert(struct lt_store *s, const struct lt_placement_row *row, int64_t *id);
/** Reads one placement with its shelters' names. */
lt_err lt_store_placement_get(struct lt_store *s, int64_t id, struct lt_placement_row *row);
/** Sets the end date of placement ID. */
lt_err lt_store_placement_set_end(struct lt_store *s, int64_t id, const char *end_date);
/** Calls CB for the placements of CASE_ID by start date then id. */
lt_err lt_store_placement_list(struct lt_store *s, int64_t case_id,
			       lt_err (*cb)(void *ctx, const struct lt_placement_row *row), void *ctx);
/** Calls CB for the stays in SHELTER_ID (alternatives excluded) that may
 *  occupy a place between FROM and TO inclusive: those starting on or
 *  before TO and not ended before FROM. The caller decides day by day. */
lt_err lt_store_shelter_stays(struct lt_store *s, int64_t shelter_id, const char *from,
			      const char *to,
			      lt_err (*cb)(void *ctx, const struct lt_placement_row *row), void *ctx);

/** A turn-away as the shelter board lists it: codes and ids only. */
struct lt_turn_away_row {
	int64_t placement_id;
	int64_t case_id;
	char case_number[24];
	int64_t org_id; /* the case's owner */
	char date[11];  /* the start date of the alternative */
	char reason[16];
	char alternative[32];
	int64_t shelter_id; /* the shelter that turned the person away, 0 when not named */
};
/** Calls CB for every alternative placement starting between FROM and TO
 *  inclusive, by date then id. */
lt_err lt_store_turn_aways(struct lt_store *s, const char *from, const char *to,
			   lt_err (*cb)(void *ctx, const struct lt_turn_away_row *row), void *ctx);

/* --- group cases --- */

struct lt_group_row {
	int64_t id;
	int64_t org_id;
	char org_name[160]; /* filled by reads */
	char name[201];      /* fields hold one byte more than the API accepts */
	char site[201];      /* "" when not given, likewise below */
	char country[3];
	char employer[201];
	char sector[101];
	int64_t created_at;
	int64_t created_by;
	int64_t member_count; /* filled by reads: cases in the group */
};
/** Inserts a group case (its id is ignored) and sets *ID. */
lt_err lt_store_group_insert(struct lt_store *s, const struct lt_group_row *row, int64_t *id);
/** Reads one group with its organisation's name and member count. */
lt_err lt_store_group_get(struct lt_store *s, int64_t id, struct lt_group_row *row);
/** Calls CB for the groups of ORG_ID (every group when 0), newest first. */
lt_err lt_store_group_list(struct lt_store *s, int64_t org_id,
			   lt_err (*cb)(void *ctx, const struct lt_group_row *row), void *ctx);

/** One link of a group's recruitment chain. */
struct lt_recruiter_row {
	int64_t id;
	int64_t group_id;
	int64_t position; /* 1, 2, ... from the first contact to the employer */
	char role[16];
	const unsigned char *name; /* sealed, in the caller's arena; NULL when none */
	size_t name_len;
	char country[3];
};
/** Inserts a link (the name is sealed afterwards, bound to the id) and sets *ID. */
lt_err lt_store_recruiter_insert(struct lt_store *s, const struct lt_recruiter_row *row, int64_t *id);
/** Sets the sealed name of link ID. */
lt_err lt_store_recruiter_set_name(struct lt_store *s, int64_t id, const struct lt_buf *sealed);
/** Calls CB for the chain of GROUP_ID in order; sealed names go to A. */
lt_err lt_store_recruiter_list(struct lt_store *s, int64_t group_id, struct lt_arena *a,
			       lt_err (*cb)(void *ctx, const struct lt_recruiter_row *row), void *ctx);

/** A member of a group as its page lists it: no identity. */
struct lt_group_member_row {
	int64_t case_id;
	char case_number[24];
	char status[20];
	char sex[16];
	int is_child; /* 1, 0, or -1 when unknown */
	char identification[16];
	int64_t org_id;
};
/** Calls CB for the cases of GROUP_ID by case number, limited to those
 *  SCOPE_ORG owns or received by referral unless SCOPE_ORG is 0. */
lt_err lt_store_group_members(struct lt_store *s, int64_t group_id, int64_t scope_org,
			      lt_err (*cb)(void *ctx, const struct lt_group_member_row *row),
			      void *ctx);
/** Calls CB with each status and its number of cases in GROUP_ID. */
lt_err lt_store_group_status_counts(struct lt_store *s, int64_t group_id,
				    lt_err (*cb)(void *ctx, const char *status, int64_t count),
				    void *ctx);

#endif
