/* Shelters and placements: registering shelters and the changes of their
 * capacity and licence over time, placing a person in a shelter (or
 * recording the alternative used when no place was available, and why),
 * ending a stay, and the shelter board (occupancy by day and turn-aways).
 * Every function authorises through policy.h; every write is audited in
 * its own transaction, and placements also go on the case's timeline.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_SHELTERS_H
#define LT_SERVICE_SHELTERS_H
#include "domain/occupancy.h"
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** A shelter's states, read for the occupancy rules (domain/occupancy.h);
 *  the caller frees ITEMS. */
struct lt_state_list {
	struct lt_shelter_state *items;
	size_t n, cap;
	json_t *history; /* when non-NULL, each state is also appended as JSON (borrowed) */
};
/** The stays of a shelter's placements, likewise; the caller frees ITEMS. */
struct lt_stay_list {
	struct lt_stay *items;
	size_t n, cap;
};
/** lt_store_shelter_states() callback: appends state R to the lt_state_list VCTX. */
lt_err lt_state_list_push(void *vctx, const struct lt_shelter_state_row *r);
/** lt_store_shelter_stays() callback: appends the stay of placement R to the
 *  lt_stay_list VCTX. */
lt_err lt_stay_list_push(void *vctx, const struct lt_placement_row *r);

/** Every shelter with its capacity, licence, today's occupancy and the
 *  history of its states: {"items": [...]}. */
lt_err lt_svc_shelter_list(struct lt_ctx *ctx, json_t **out);
/** Registers a shelter: BODY {organisation_id, name, specialised?,
 *  capacity_women?, capacity_men?, capacity_children?, licence_valid_until?,
 *  effective_date?}; OUT gets the shelter. */
lt_err lt_svc_shelter_create(struct lt_ctx *ctx, const json_t *body, json_t **out);
/** Changes shelter ID with the fields BODY gives (as for create, all
 *  optional). Capacity, licence and specialisation changes become a new
 *  state from effective_date (default today, not before the last change). */
lt_err lt_svc_shelter_update(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** The shelter board from FROM to TO (YYYY-MM-DD, each may be NULL: the 30
 *  days up to today; at most 92 days): occupancy by day per shelter and the
 *  turn-aways, listing only the cases the actor may read. */
lt_err lt_svc_shelter_board(struct lt_ctx *ctx, const char *from, const char *to, json_t **out);

/** Why a placement was refused, for the caller to offer recording the
 *  alternative: the reason code and the shelter. */
struct lt_placement_refusal {
	char reason[16]; /* "" when not refused */
	int64_t shelter_id;
};
/** Records a placement on case CASE_ID: BODY {shelter_id, place,
 *  start_date, end_date?} or {alternative, turn_away_reason,
 *  turn_away_shelter_id?, place, start_date, end_date?}. A shelter that
 *  cannot take the person gives LT_ERR_CONFLICT with the reason in the
 *  problem and in REFUSAL. OUT gets the case. */
lt_err lt_svc_placement_create(struct lt_ctx *ctx, int64_t case_id, const json_t *body,
			       struct lt_placement_refusal *refusal, json_t **out);
/** Ends placement PLACEMENT_ID of case CASE_ID: BODY {end_date}. OUT gets the case. */
lt_err lt_svc_placement_end(struct lt_ctx *ctx, int64_t case_id, int64_t placement_id,
			    const json_t *body, json_t **out);

/** Adds "placements" to OBJ: the placements of case CASE_ID by start
 *  date, [{id, shelter: {id, name, specialised}|null, place, start_date,
 *  end_date, alternative, turn_away_reason, turn_away_shelter}]. */
lt_err lt_placements_json(struct lt_ctx *ctx, int64_t case_id, json_t *obj);

#endif
