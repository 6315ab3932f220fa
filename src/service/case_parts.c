#include "service/case_parts.h"
#include "service/alerts.h"
#include "service/assistance.h"
#include "service/justice.h"
#include "service/referrals.h"
#include "service/screenings.h"
#include "service/protection.h"
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
	if (!rc)
		rc = lt_justice_case_json(ctx, c, free_text, obj);
	/* -- protection: "threats", "protection_measures", "victim_proceedings", "removals",
	 *    "identity_disclosures", "unaccompanied", "age_assessments" -- */
	if (!rc)
		rc = lt_protection_case_json(ctx, c, free_text, obj);
	/* -- alerts: "alerts" (open ones) -- */
	if (!rc)
		rc = lt_alerts_case_json(ctx, c, obj);
	return rc;
}
