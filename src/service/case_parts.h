/* The parts of a case recorded after the referral, gathered for the case
 * document: reflection periods, services, placements and referrals. Each
 * part lives in its own service file; this is where they meet.
 * Ownership: members are added to the caller's object. */
#ifndef LT_SERVICE_CASE_PARTS_H
#define LT_SERVICE_CASE_PARTS_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** Adds "reflection_periods", "services", "placements" and "referrals" to
 *  OBJ for case C. FREE_TEXT says whether sealed notes may be shown. */
lt_err lt_case_parts_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			  json_t *obj);

#endif
