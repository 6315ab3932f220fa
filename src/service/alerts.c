#include "service/alerts.h"

lt_err lt_alerts_check_touched(struct lt_ctx *ctx)
{
	int64_t case_id;
	while (lt_store_touched_next(ctx->store, &case_id) == LT_OK)
		;
	return LT_OK;
}
