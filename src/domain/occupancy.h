/* Shelter occupancy and turn-aways as pure rules: which stay occupies a
 * place on which day, what a shelter's capacity and licence were on a day,
 * whether a new placement fits, and the vocabularies of places,
 * alternatives and turn-away reasons. No I/O; dates are YYYY-MM-DD.
 * Definitions (docs/shelters-and-groups.md): a stay occupies its place on
 * every day from its start date up to, not including, its end date (the day
 * the person leaves frees the place for the next person); a stay that starts
 * and ends on the same day occupies that one day; a stay with no end date
 * occupies every day from its start.
 * Ownership: callers own every array passed in; strings returned are static. */
#ifndef LT_DOMAIN_OCCUPANCY_H
#define LT_DOMAIN_OCCUPANCY_H
#include "base/common.h"

/** The kinds of place a shelter offers. */
enum lt_place { LT_PLACE_WOMEN, LT_PLACE_MEN, LT_PLACE_CHILDREN, LT_PLACE_COUNT };
/** Why a shelter could not take a person. */
enum lt_turn_away {
	LT_TURN_AWAY_FULL,
	LT_TURN_AWAY_UNLICENSED,
	LT_TURN_AWAY_WRONG_SEX,
	LT_TURN_AWAY_OTHER,
	LT_TURN_AWAY_COUNT
};
/** Where a person went when no shelter place was available. */
enum lt_alternative {
	LT_ALT_NGO_ACCOMMODATION,
	LT_ALT_SOCIAL_WELFARE_SHELTER,
	LT_ALT_OTHER,
	LT_ALT_COUNT
};

/** The wire name of P ("women", "men", "children"); "" out of range. */
const char *lt_place_name(enum lt_place p);
/** Parses a place name; false when NAME is none. */
bool lt_place_parse(const char *name, enum lt_place *out);
/** The wire name of R ("full", "unlicensed", "wrong_sex", "other"). */
const char *lt_turn_away_name(enum lt_turn_away r);
/** Parses a turn-away reason; false when NAME is none. */
bool lt_turn_away_parse(const char *name, enum lt_turn_away *out);
/** The wire name of A ("ngo_accommodation", "social_welfare_shelter", "other"). */
const char *lt_alternative_name(enum lt_alternative a);
/** Parses an alternative; false when NAME is none. */
bool lt_alternative_parse(const char *name, enum lt_alternative *out);

/** What held for a shelter from a day on, until the next state. */
struct lt_shelter_state {
	char from[11];
	bool specialised;
	int64_t capacity[LT_PLACE_COUNT];
	char licence_until[11]; /* "" when there is no licence */
};
/** The state in force on DATE among STATES (sorted by `from`, ascending):
 *  the last one starting on or before DATE; the first one for a DATE before
 *  all of them (a shelter's first recorded state also stands for the time
 *  before it was registered); NULL when N is 0. */
const struct lt_shelter_state *lt_shelter_state_on(const struct lt_shelter_state *states, size_t n,
						   const char *date);
/** True when ST holds a licence valid on DATE (valid until that day inclusive). */
bool lt_shelter_licensed_on(const struct lt_shelter_state *st, const char *date);

/** One stay in a shelter place. */
struct lt_stay {
	enum lt_place place;
	char start[11];
	char end[11]; /* "" while the person is still there */
};
/** True when S occupies its place on DATE (see the definitions above). */
bool lt_stay_occupies(const struct lt_stay *s, const char *date);
/** True when the stays [START1, END1) and [START2, END2) share a day, by
 *  the same definitions (an END of NULL or "" is open). */
bool lt_stays_overlap(const char *start1, const char *end1, const char *start2, const char *end2);

/** One day of a shelter's board. */
struct lt_occupancy_day {
	char date[11];
	int64_t occupied[LT_PLACE_COUNT];
	int64_t capacity[LT_PLACE_COUNT]; /* as in force that day */
	bool licensed;
};
/** Fills DAYS[0..NDAYS) for the days from FROM on: the places STAYS occupy
 *  each day, with the capacity and licence of the state in force that day
 *  (zero capacity, unlicensed, when NSTATES is 0). LT_ERR_INVALID for a
 *  malformed date; LT_ERR_NOMEM. */
lt_err lt_occupancy_days(const struct lt_shelter_state *states, size_t nstates,
			 const struct lt_stay *stays, size_t nstays, const char *from, size_t ndays,
			 struct lt_occupancy_day *days);

/** Whether a place of kind PLACE suits a person of SEX ("female", "male",
 *  "other", "unknown") who is a child (IS_CHILD 1), an adult (0) or of
 *  unknown age (-1): a child takes a children's place and an adult does
 *  not; a man does not take a women's place nor a woman a men's place.
 *  Unknown age or a sex other than female or male restricts nothing (the
 *  worker decides). On false sets *REASON (wrong_sex, or other for age)
 *  and writes a sentence into WHY. */
bool lt_place_fits(enum lt_place place, const char *sex, int is_child, enum lt_turn_away *reason,
		   char *why, size_t why_cap);

/** A placement to decide. */
struct lt_placement_ask {
	enum lt_place place;
	const char *sex;
	int is_child;      /* 1, 0, or -1 when unknown */
	const char *start; /* the first day */
	const char *end;   /* NULL or "" while open */
	const char *today; /* an open stay is checked up to today */
};
/** The answer to a placement. */
struct lt_refusal {
	bool refused;
	enum lt_turn_away reason;
	char date[11];  /* the day that failed */
	char why[240];  /* a sentence for the user, without the shelter's name */
};
/** Decides ASK against a shelter's STATES (sorted) and the STAYS already
 *  in it (any place; other places are ignored), in this order: the place
 *  suits the person (lt_place_fits); the shelter offers that kind of place
 *  on the start date (none for women or men is wrong_sex, none for
 *  children is other); it is licensed on the start date (unlicensed);
 *  and on every day of the stay (up to TODAY for an open one) a place of
 *  that kind is free (full, naming the first full day). Fills OUT; returns
 *  LT_ERR_INVALID for malformed dates, LT_ERR_NOMEM. */
lt_err lt_placement_check(const struct lt_shelter_state *states, size_t nstates,
			  const struct lt_stay *stays, size_t nstays,
			  const struct lt_placement_ask *ask, struct lt_refusal *out);

/** Turn-aways counted by reason and by alternative. */
struct lt_turn_away_tally {
	int64_t total;
	int64_t by_reason[LT_TURN_AWAY_COUNT];
	int64_t by_alternative[LT_ALT_COUNT];
};
/** Counts one turn-away in T; unknown codes are counted in the total and
 *  under "other". */
void lt_turn_away_add(struct lt_turn_away_tally *t, const char *reason, const char *alternative);

#endif
