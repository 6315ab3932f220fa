#include "service/case_parts.h"
#include "service/screenings.h"

lt_err lt_case_parts_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			  json_t *obj)
{
	/* Filled in as each part's service lands. */
	json_object_set_new(obj, "reflection_periods", json_array());
	json_object_set_new(obj, "services", json_array());
	json_object_set_new(obj, "placements", json_array());
	json_object_set_new(obj, "referrals", json_array());
	return lt_case_screening_json(ctx, c, free_text, obj);
}
