#include "base/str.h"
#include "domain/vocabulary.h"
#include "http/api/handlers.h"
#include "service/cases.h"
#include "service/reference.h"

static void answer(struct lt_req *req, lt_err rc, unsigned status, json_t *out)
{
	if (rc)
		lt_resp_problem(req, rc);
	else
		lt_resp_json(req, status, out);
}

static bool int_query(struct lt_req *req, const char *name, int64_t min, int64_t max, int64_t *out)
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

/* A vocabulary filter: absent, or a known code. */
static bool code_query(struct lt_req *req, const char *name, enum lt_vocab_kind kind, const char **out)
{
	*out = lt_req_query(req, name);
	if (!*out || lt_vocab_has(kind, *out))
		return true;
	char field[64];
	snprintf(field, sizeof(field), "query.%s", name);
	lt_problem_field(&req->problem, field, "must be %s%s", kind == LT_VOCAB_COUNTRY ? "" : "one of: ",
			 lt_vocab_hint(kind));
	*out = NULL;
	return false;
}

void lt_api_cases_list(struct lt_req *req)
{
	if (lt_vocab_init(&req->problem)) {
		lt_resp_problem(req, LT_ERR_INTERNAL);
		return;
	}
	struct lt_case_filter f;
	memset(&f, 0, sizeof(f));
	f.child = -1;
	int64_t page = 1, per_page = 50;
	bool ok = true;
	f.status = lt_req_query(req, "status");
	if (f.status && strcmp(f.status, "referred") && strcmp(f.status, "under_assessment") &&
	    strcmp(f.status, "identified") && strcmp(f.status, "not_identified") &&
	    strcmp(f.status, "closed")) {
		lt_problem_field(&req->problem, "query.status",
				 "must be one of: referred, under_assessment, identified, "
				 "not_identified, closed");
		ok = false;
	}
	ok &= code_query(req, "source", LT_VOCAB_REFERRAL_SOURCE, &f.source);
	ok &= code_query(req, "exploitation", LT_VOCAB_EXPLOITATION, &f.exploitation);
	ok &= code_query(req, "sex", LT_VOCAB_SEX, &f.sex);
	ok &= code_query(req, "citizenship", LT_VOCAB_COUNTRY, &f.citizenship);
	f.number = lt_req_query(req, "number");
	ok &= int_query(req, "year", 1900, 2999, &f.year);
	ok &= int_query(req, "organisation", 1, INT64_MAX, &f.org_id);
	ok &= int_query(req, "group", 1, INT64_MAX, &f.group_id);
	ok &= int_query(req, "page", 1, 1000000, &page);
	ok &= int_query(req, "per_page", 1, 200, &per_page);
	const char *child = lt_req_query(req, "child");
	if (child && strcmp(child, "true") && strcmp(child, "false")) {
		lt_problem_field(&req->problem, "query.child", "must be true or false");
		ok = false;
	} else if (child) {
		f.child = strcmp(child, "true") == 0;
	}
	const char *unreviewed = lt_req_query(req, "negative_unreviewed");
	if (unreviewed && strcmp(unreviewed, "true") && strcmp(unreviewed, "false")) {
		lt_problem_field(&req->problem, "query.negative_unreviewed", "must be true or false");
		ok = false;
	}
	f.negative_unreviewed = unreviewed && strcmp(unreviewed, "true") == 0;
	f.sort = lt_req_query(req, "sort");
	if (f.sort && strcmp(f.sort, "case_number") && strcmp(f.sort, "referral_date") &&
	    strcmp(f.sort, "status") && strcmp(f.sort, "updated_at")) {
		lt_problem_field(&req->problem, "query.sort",
				 "must be one of: case_number, referral_date, status, updated_at");
		ok = false;
	}
	const char *order = lt_req_query(req, "order");
	if (order && strcmp(order, "asc") && strcmp(order, "desc")) {
		lt_problem_field(&req->problem, "query.order", "must be asc or desc");
		ok = false;
	}
	if (!ok) {
		lt_resp_problem(req, LT_ERR_INVALID);
		return;
	}
	f.descending = order && strcmp(order, "desc") == 0;
	f.limit = (int)per_page;
	f.offset = (int)((page - 1) * per_page);
	json_t *out;
	lt_err rc = lt_svc_case_list(&req->ctx, &f, &out);
	answer(req, rc, 200, out);
}

void lt_api_cases_create(struct lt_req *req)
{
	json_t *body, *out = NULL;
	if (lt_req_body_json(req, &body))
		return;
	lt_err rc = lt_svc_case_create(&req->ctx, body, &out);
	json_decref(body);
	answer(req, rc, 201, out);
}

void lt_api_cases_get(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out = NULL;
	lt_err rc = lt_svc_case_get(&req->ctx, id, &out);
	answer(req, rc, 200, out);
}

void lt_api_cases_identity(struct lt_req *req)
{
	int64_t id;
	if (lt_api_param_id(req, 0, &id))
		return;
	json_t *out = NULL;
	lt_err rc = lt_svc_case_identity(&req->ctx, id, &out);
	answer(req, rc, 200, out);
}

/* The shape every case change shares: an id in the path and a JSON body. */
static void change(struct lt_req *req,
		   lt_err (*fn)(struct lt_ctx *, int64_t, const json_t *, json_t **))
{
	int64_t id;
	json_t *body, *out = NULL;
	if (lt_api_param_id(req, 0, &id) || lt_req_body_json(req, &body))
		return;
	lt_err rc = fn(&req->ctx, id, body, &out);
	json_decref(body);
	answer(req, rc, 200, out);
}

void lt_api_cases_transition(struct lt_req *req)
{
	change(req, lt_svc_case_transition);
}

void lt_api_cases_cooperation(struct lt_req *req)
{
	change(req, lt_svc_case_cooperation);
}

void lt_api_cases_consent(struct lt_req *req)
{
	change(req, lt_svc_case_consent);
}

void lt_api_vocabularies(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_vocabularies(&req->ctx, &out);
	answer(req, rc, 200, out);
	if (!rc)
		req->cache_control = "private, max-age=3600";
}

void lt_api_jurisdiction(struct lt_req *req)
{
	json_t *out = NULL;
	lt_err rc = lt_svc_jurisdiction(&req->ctx, &out);
	answer(req, rc, 200, out);
}
