#include "service/reference.h"
#include "domain/jurisdiction.h"
#include "domain/vocabulary.h"
#include "service/policy.h"

lt_err lt_svc_vocabularies(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_VOCAB_READ, 0);
	if (!rc)
		rc = lt_vocab_init(ctx->problem);
	if (rc)
		return rc;
	*out = lt_vocab_json();
	return *out ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_jurisdiction(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_VOCAB_READ, 0);
	if (rc)
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return LT_ERR_INTERNAL;
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:b}", "country", j->country,
			 "name_en", j->name_en, "name_sr", j->name_sr, "adult_body", j->adult_body,
			 "child_body", j->child_body, "child_age", j->child_age, "reflection_min_days",
			 j->reflection_min_days, "reasonable_grounds_deadline_working_days",
			 j->reasonable_grounds_deadline_working_days, "conclusive_deadline_days",
			 j->conclusive_deadline_days, "negative_decision_appealable",
			 j->negative_decision_appealable);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
