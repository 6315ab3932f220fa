/* Handlers for criminal proceedings, hearings and compensation claims
 * (docs/justice.md): each reads its ids and body and calls one service. */
#include "http/api/handlers.h"
#include "service/justice.h"

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

/* Reads N path ids (1 or 2) and, when BODY is not NULL, the JSON body. */
static bool ids(struct lt_req *req, size_t n, int64_t id[2], json_t **body)
{
	for (size_t i = 0; i < n; i++)
		if (lt_api_param_id(req, i, &id[i]))
			return false;
	return !body || lt_req_body_json(req, body) == LT_OK;
}

/* The shape of every write with one id and a body. */
#define WRITE_ONE(name, svc, status)                                                           \
	void name(struct lt_req *req)                                                          \
	{                                                                                      \
		int64_t id[2] = {0, 0};                                                        \
		json_t *body, *out = NULL;                                                     \
		if (!ids(req, 1, id, &body))                                                   \
			return;                                                                \
		lt_err rc = svc(&req->ctx, id[0], body, &out);                                 \
		json_decref(body);                                                             \
		answer(req, rc, status, out);                                                  \
	}

WRITE_ONE(lt_api_proceedings_create, lt_svc_proceeding_create, 201)
WRITE_ONE(lt_api_proceedings_update, lt_svc_proceeding_update, 200)
WRITE_ONE(lt_api_proceedings_link, lt_svc_proceeding_link, 201)
WRITE_ONE(lt_api_proceedings_stage, lt_svc_proceeding_stage, 201)
WRITE_ONE(lt_api_proceedings_charge, lt_svc_proceeding_charge, 201)
WRITE_ONE(lt_api_proceedings_plea, lt_svc_proceeding_plea, 200)
WRITE_ONE(lt_api_proceedings_verdict, lt_svc_proceeding_verdict, 200)
WRITE_ONE(lt_api_appeals_create, lt_svc_appeal_create, 201)
WRITE_ONE(lt_api_hearings_create, lt_svc_hearing_create, 201)
WRITE_ONE(lt_api_compensation_create, lt_svc_claim_create, 201)

void lt_api_proceedings_list(struct lt_req *req)
{
	int64_t id[2] = {0, 0};
	json_t *out = NULL;
	if (!ids(req, 1, id, NULL))
		return;
	lt_err rc = lt_svc_proceeding_list(&req->ctx, id[0], &out);
	answer(req, rc, 200, out);
}

void lt_api_proceedings_get(struct lt_req *req)
{
	int64_t id[2] = {0, 0};
	json_t *out = NULL;
	if (!ids(req, 1, id, NULL))
		return;
	lt_err rc = lt_svc_proceeding_get(&req->ctx, id[0], &out);
	answer(req, rc, 200, out);
}

void lt_api_appeals_update(struct lt_req *req)
{
	int64_t id[2] = {0, 0};
	json_t *body, *out = NULL;
	if (!ids(req, 2, id, &body))
		return;
	lt_err rc = lt_svc_appeal_update(&req->ctx, id[0], id[1], body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_compensation_update(struct lt_req *req)
{
	int64_t id[2] = {0, 0};
	json_t *body, *out = NULL;
	if (!ids(req, 2, id, &body))
		return;
	lt_err rc = lt_svc_claim_update(&req->ctx, id[0], id[1], body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}
