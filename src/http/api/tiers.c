/* Handlers for the TIP placements an admin adds to (or corrects in) the tier
 * history. */
#include "http/api/handlers.h"
#include "service/tiers.h"

void lt_api_tiers_list(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_tier_list(&req->ctx, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}

void lt_api_tiers_add(struct lt_req *req)
{
	json_t *body, *out = NULL;
	if (lt_req_body_json(req, &body))
		return;
	/* A correction changes a row that exists: 200, not 201. */
	bool replace = json_is_true(json_object_get(body, "replace"));
	lt_err rc = lt_svc_tier_add(&req->ctx, body, &out);
	json_decref(body);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, replace ? 200 : 201, out);
}
