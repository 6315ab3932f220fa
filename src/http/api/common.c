#include "base/str.h"
#include "http/api/handlers.h"

lt_err lt_api_param_id(struct lt_req *req, size_t i, int64_t *id)
{
	if (i >= req->nparams || lt_str_to_i64(req->params[i], id) || *id <= 0) {
		lt_problem_set(&req->problem, LT_ERR_NOT_FOUND, "No such record.");
		lt_resp_problem(req, LT_ERR_NOT_FOUND);
		return LT_ERR_NOT_FOUND;
	}
	return LT_OK;
}

lt_err lt_api_body(struct lt_req *req, const struct lt_json_field *fields, size_t n, json_t **out)
{
	lt_err rc = lt_req_body_json(req, out);
	if (rc)
		return rc;
	if ((rc = lt_json_check(*out, fields, n, NULL, &req->problem))) {
		json_decref(*out);
		*out = NULL;
		lt_resp_problem(req, rc);
	}
	return rc;
}
