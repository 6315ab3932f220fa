#include "service/case_parts.h"

lt_err lt_case_parts_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			  json_t *obj)
{
	(void)ctx;
	(void)c;
	(void)free_text;
	/* Filled in as each part's service lands. */
	json_object_set_new(obj, "reflection_periods", json_array());
	json_object_set_new(obj, "services", json_array());
	json_object_set_new(obj, "placements", json_array());
	json_object_set_new(obj, "referrals", json_array());
	return LT_OK;
}
