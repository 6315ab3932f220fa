#include "service/case_parts.h"
#include "service/assistance.h"
#include "service/referrals.h"
#include "service/screenings.h"
#include "service/shelters.h"

lt_err lt_case_parts_json(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			  json_t *obj)
{
	(void)ctx;
	(void)c;
	(void)free_text;
	json_t *part = NULL;
	lt_err rc = LT_OK;
	/* Each part's service renders its own member. */
	if (!rc && !(rc = lt_reflection_periods_json(ctx, c, free_text, &part)))
		json_object_set_new(obj, "reflection_periods", part);
	if (!rc && !(rc = lt_services_json(ctx, c, &part)))
		json_object_set_new(obj, "services", part);
	if (!rc)
		rc = lt_placements_json(ctx, c->id, obj);
	if (!rc && !(rc = lt_referrals_json(ctx, c, free_text, &part)))
		json_object_set_new(obj, "referrals", part);
	if (!rc)
		rc = lt_case_screening_json(ctx, c, free_text, obj);
	/* -- justice: "proceedings", "compensation_claims" -- */
	/* -- protection: "threats", "protection_measures", "victim_proceedings", "removals",
	 *    "identity_disclosures", "unaccompanied", "age_assessments" -- */
	/* -- alerts: "alerts" (open ones) -- */
	return rc;
}
