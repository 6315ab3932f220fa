#include "base/str.h"
#include "base/timeutil.h"
#include "http/api/handlers.h"
#include "service/audit.h"

static bool int_param(struct lt_req *req, const char *name, int64_t min, int64_t max, int64_t *out)
{
	const char *v = lt_req_query(req, name);
	if (!v)
		return true;
	if (lt_str_to_i64(v, out) || *out < min || *out > max) {
		char field[64];
		snprintf(field, sizeof(field), "query.%s", name);
		lt_problem_field(&req->problem, field, "must be a whole number from %lld to %lld",
				 (long long)min, (long long)max);
		return false;
	}
	return true;
}

static bool time_param(struct lt_req *req, const char *name, int64_t *out)
{
	const char *v = lt_req_query(req, name);
	if (!v)
		return true;
	if (lt_time_parse(v, out)) {
		char field[64];
		snprintf(field, sizeof(field), "query.%s", name);
		lt_problem_field(&req->problem, field,
				 "must be a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM:SSZ)");
		return false;
	}
	return true;
}

void lt_api_audit_list(struct lt_req *req)
{
	struct lt_audit_filter f = {0};
	int64_t limit = 100;
	f.action = lt_req_query(req, "action");
	f.object_type = lt_req_query(req, "object_type");
	bool ok = int_param(req, "object_id", 1, INT64_MAX, &f.object_id);
	ok &= int_param(req, "actor", 1, INT64_MAX, &f.actor_user_id);
	ok &= int_param(req, "after_id", 0, INT64_MAX, &f.after_id);
	ok &= int_param(req, "limit", 1, 500, &limit);
	ok &= time_param(req, "since", &f.since);
	ok &= time_param(req, "until", &f.until);
	/* A date alone as the end of a range means the whole of that day. */
	const char *until = lt_req_query(req, "until");
	if (ok && until && strlen(until) == 10)
		f.until += 86399;
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	f.limit = (int)limit;
	json_t *out;
	lt_err rc = lt_svc_audit_list(&req->ctx, &f, &out);
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, 200, out);
}
