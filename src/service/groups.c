#include "service/groups.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "crypto/seal.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/policy.h"
#include <csv.h>
#include <sodium.h>
#include <stdarg.h>

#define RECRUITERS_MAX 50
#define CSV_ROWS_MAX 10000
#define CSV_CELLS_MAX 32
#define CSV_ROW_BYTES_MAX 65536


static const char *const recruiter_roles[] = {"recruiter",   "agency",   "intermediary",
					      "transporter", "employer", "other"};

static bool role_valid(const char *role)
{
	for (size_t i = 0; role && i < LT_ARRAY_LEN(recruiter_roles); i++)
		if (!strcmp(role, recruiter_roles[i]))
			return true;
	return false;
}

/* --- reading --- */

/* Loads group ID if the actor may read it: 404 for a group of another
 * organisation unless the actor reads every organisation's cases. */
static lt_err load_visible(struct lt_ctx *ctx, int64_t id, struct lt_group_row *g)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_READ, 0);
	if (rc)
		return rc;
	rc = lt_store_group_get(ctx->store, id, g);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	return lt_authorize(ctx, LT_ACT_CASE_READ, g->org_id);
}

/* Loads group ID for a change: readable, and the actor decides for the
 * owning organisation (its case workers, or a coordinator). */
static lt_err load_writable(struct lt_ctx *ctx, int64_t id, struct lt_group_row *g)
{
	lt_err rc = load_visible(ctx, id, g);
	if (!rc)
		rc = lt_authorize(ctx, LT_ACT_CASE_DECIDE, g->org_id);
	if (rc == LT_ERR_NOT_FOUND)
		lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	return rc;
}

lt_err lt_group_load(struct lt_ctx *ctx, int64_t id, bool for_change, struct lt_group_row *g)
{
	return for_change ? load_writable(ctx, id, g) : load_visible(ctx, id, g);
}

static json_t *open_name(struct lt_ctx *ctx, const struct lt_recruiter_row *r)
{
	if (!r->name)
		return json_null();
	struct lt_buf plain;
	lt_buf_init(&plain, 4096);
	json_t *v = lt_unseal(ctx->keys, "group_recruiters", "name", r->id, r->name, r->name_len,
			      &plain) == LT_OK
			    ? json_stringn(plain.data, plain.len)
			    : json_null();
	if (plain.data)
		sodium_memzero(plain.data, plain.len);
	lt_buf_release(&plain);
	return v;
}

struct render {
	struct lt_ctx *ctx;
	json_t *arr;
	json_t *counts;
	bool names;
};

static lt_err push_recruiter(void *vctx, const struct lt_recruiter_row *r)
{
	struct render *acc = vctx;
	json_t *o = json_pack("{s:I, s:s, s:o, s:b, s:o}", "position", (json_int_t)r->position, "role",
			      r->role, "name", acc->names ? open_name(acc->ctx, r) : json_null(),
			      "name_recorded", r->name != NULL, "country", lt_json_str_or_null(r->country));
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

static lt_err push_member(void *vctx, const struct lt_group_member_row *m)
{
	struct render *acc = vctx;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)m->case_id,
			      "case_number", m->case_number, "status", m->status, "sex", m->sex,
			      "child", lt_json_tristate(m->is_child),
			      "identification", m->identification);
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

static lt_err push_count(void *vctx, const char *status, int64_t count)
{
	struct render *acc = vctx;
	return json_object_set_new(acc->counts, status, json_integer(count)) ? LT_ERR_NOMEM : LT_OK;
}

static json_t *group_summary(const struct lt_group_row *g)
{
	char at[32];
	lt_time_iso(g->created_at, at, sizeof(at));
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:{s:I, s:s}, s:I, s:s}", "id",
			 (json_int_t)g->id, "name", g->name, "site", lt_json_str_or_null(g->site), "country",
			 lt_json_str_or_null(g->country), "employer", lt_json_str_or_null(g->employer), "sector",
			 lt_json_str_or_null(g->sector), "organisation", "id", (json_int_t)g->org_id, "name",
			 g->org_name, "member_count", (json_int_t)g->member_count, "created_at", at);
}

/* Whether the actor may see the recruiters' names: the owning organisation
 * and those who see every case's identity. */
static bool sees_names(const struct lt_ctx *ctx, const struct lt_group_row *g)
{
	return ctx->actor.kind == LT_ACTOR_CLI || g->org_id == ctx->actor.org.id ||
	       lt_policy_scope(&ctx->actor, LT_ACT_CASE_IDENTITY) == LT_SCOPE_ALL;
}

static lt_err group_json(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_group_row g;
	lt_err rc = lt_store_group_get(ctx->store, id, &g);
	if (rc)
		return rc;
	json_t *o = group_summary(&g);
	struct render chain = {ctx, json_array(), NULL, sees_names(ctx, &g)};
	struct render members = {ctx, json_array(), NULL, false};
	struct render counts = {ctx, NULL, json_object(), false};
	static const char *const statuses[] = {"referred", "under_assessment", "identified",
					       "not_identified", "closed"};
	for (size_t i = 0; counts.counts && i < LT_ARRAY_LEN(statuses); i++)
		json_object_set_new(counts.counts, statuses[i], json_integer(0));
	rc = o && chain.arr && members.arr && counts.counts ? LT_OK : LT_ERR_NOMEM;
	if (!rc)
		rc = lt_store_recruiter_list(ctx->store, id, ctx->arena, push_recruiter, &chain);
	if (!rc)
		rc = lt_store_group_members(ctx->store, id,
					    lt_policy_org_filter(&ctx->actor, LT_ACT_CASE_READ),
					    push_member, &members);
	if (!rc)
		rc = lt_store_group_status_counts(ctx->store, id, push_count, &counts);
	if (!rc) {
		json_object_set(o, "recruiters", chain.arr);
		json_object_set(o, "members", members.arr);
		json_int_t shown = (json_int_t)json_array_size(members.arr);
		json_object_set_new(o, "members_not_shown", json_integer(g.member_count - shown));
		json_object_set(o, "counts_by_status", counts.counts);
	}
	json_decref(chain.arr);
	json_decref(members.arr);
	json_decref(counts.counts);
	if (rc) {
		json_decref(o);
		return rc;
	}
	*out = o;
	return LT_OK;
}

lt_err lt_svc_group_get(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_group_row g;
	lt_err rc = load_visible(ctx, id, &g);
	if (rc == LT_ERR_NOT_FOUND)
		lt_audit_record(ctx, "group.read", "group", id, "denied", NULL);
	if (rc)
		return rc;
	if ((rc = group_json(ctx, id, out)))
		return rc;
	if ((rc = lt_audit_record(ctx, "group.read", "group", id, "ok", NULL))) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

static lt_err push_group(void *vctx, const struct lt_group_row *g)
{
	json_t *o = group_summary(g);
	return o && !json_array_append_new(vctx, o) ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_group_list(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_READ, 0);
	if (rc)
		return rc;
	json_t *items = json_array();
	if (!items)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_group_list(ctx->store, lt_policy_org_filter(&ctx->actor, LT_ACT_CASE_READ),
				      push_group, items))) {
		json_decref(items);
		return rc;
	}
	char detail[48];
	snprintf(detail, sizeof(detail), "count=%zu", json_array_size(items));
	if ((rc = lt_audit_record(ctx, "group.list", "group", 0, "ok", detail))) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o}", "items", items);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

/* --- creating --- */

static void check_country(struct lt_problem *p, const char *field, const char *code)
{
	if (code && !lt_vocab_has(LT_VOCAB_COUNTRY, code))
		lt_problem_field(p, field, "'%.8s' is not %s", code, lt_vocab_hint(LT_VOCAB_COUNTRY));
}

static lt_err validate_group(struct lt_ctx *ctx, const json_t *body)
{
	static const struct lt_json_field fields[] = {
		{"name", LT_JSON_STRING, true, 200},
		{"site", LT_JSON_STRING, false, 200},
		{"country", LT_JSON_STRING, false, 2},
		{"employer", LT_JSON_STRING, false, 200},
		{"sector", LT_JSON_STRING, false, 100},
		{"recruiters", LT_JSON_ARRAY, false, RECRUITERS_MAX},
	};
	static const struct lt_json_field link[] = {
		{"role", LT_JSON_STRING, true, 16},
		{"name", LT_JSON_STRING, false, 200},
		{"country", LT_JSON_STRING, false, 2},
	};
	struct lt_problem *p = ctx->problem;
	lt_err rc = lt_vocab_init(p);
	if (rc)
		return rc;
	if (lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p))
		return LT_ERR_INVALID;
	const char *name = lt_json_str(body, "name");
	if (strspn(name, " \t") == strlen(name))
		lt_problem_field(p, "name", "must not be empty");
	check_country(p, "country", lt_json_str(body, "country"));
	size_t i;
	json_t *r;
	char path[64];
	json_array_foreach(json_object_get(body, "recruiters"), i, r) {
		snprintf(path, sizeof(path), "recruiters[%zu]", i);
		if (lt_json_check(r, link, LT_ARRAY_LEN(link), path, p))
			continue;
		if (!role_valid(lt_json_str(r, "role"))) {
			snprintf(path, sizeof(path), "recruiters[%zu].role", i);
			lt_problem_field(p, path,
					 "must be one of: recruiter, agency, intermediary, "
					 "transporter, employer, other");
		}
		snprintf(path, sizeof(path), "recruiters[%zu].country", i);
		check_country(p, path, lt_json_str(r, "country"));
	}
	return p->nfields ? LT_ERR_INVALID : LT_OK;
}

static lt_err store_chain(struct lt_ctx *ctx, int64_t group_id, const json_t *recruiters)
{
	size_t i;
	json_t *r;
	json_array_foreach(recruiters, i, r) {
		struct lt_recruiter_row row;
		memset(&row, 0, sizeof(row));
		row.group_id = group_id;
		row.position = (int64_t)i + 1;
		lt_str_copy(row.role, sizeof(row.role), lt_json_str(r, "role"));
		const char *country = lt_json_str(r, "country");
		lt_str_copy(row.country, sizeof(row.country), country ? country : "");
		lt_err rc = lt_store_recruiter_insert(ctx->store, &row, &row.id);
		const char *name = lt_json_str(r, "name");
		if (rc || !name || !*name) {
			if (rc)
				return rc;
			continue;
		}
		struct lt_buf sealed;
		lt_buf_init(&sealed, 4096);
		rc = lt_seal(ctx->keys, "group_recruiters", "name", row.id, name, strlen(name), &sealed);
		if (!rc)
			rc = lt_store_recruiter_set_name(ctx->store, row.id, &sealed);
		lt_buf_release(&sealed);
		if (rc)
			return rc;
	}
	return LT_OK;
}

lt_err lt_svc_group_create(struct lt_ctx *ctx, const json_t *body, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_CREATE, 0);
	if (rc)
		return rc;
	if (ctx->actor.kind != LT_ACTOR_USER)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      "A group belongs to an organisation; create it as a user.");
	if ((rc = validate_group(ctx, body)))
		return rc;
	struct lt_group_row g;
	memset(&g, 0, sizeof(g));
	g.org_id = ctx->actor.org.id;
	const char *v;
	lt_str_copy(g.name, sizeof(g.name), lt_json_str(body, "name"));
	lt_str_copy(g.site, sizeof(g.site), (v = lt_json_str(body, "site")) ? v : "");
	lt_str_copy(g.country, sizeof(g.country), (v = lt_json_str(body, "country")) ? v : "");
	lt_str_copy(g.employer, sizeof(g.employer), (v = lt_json_str(body, "employer")) ? v : "");
	lt_str_copy(g.sector, sizeof(g.sector), (v = lt_json_str(body, "sector")) ? v : "");
	g.created_at = lt_now();
	g.created_by = ctx->actor.user_id;
	const json_t *chain = json_object_get(body, "recruiters");
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	rc = lt_store_group_insert(ctx->store, &g, &g.id);
	if (!rc)
		rc = store_chain(ctx, g.id, chain);
	char detail[48];
	snprintf(detail, sizeof(detail), "recruiters=%zu", json_array_size(chain));
	if (!rc)
		rc = lt_audit_append(ctx, "group.create", "group", g.id, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return group_json(ctx, g.id, out);
}

/* --- attaching existing cases --- */

/* Puts case C in group GROUP_ID with a timeline event, inside the caller's
 * transaction. */
static lt_err join_group(struct lt_ctx *ctx, struct lt_case_row *c, int64_t group_id,
			 const char *day)
{
	c->group_id = group_id;
	c->updated_at = lt_now();
	lt_err rc = lt_store_case_update(ctx->store, c);
	if (!rc)
		rc = lt_case_event(ctx, c->id, "group", "attached", NULL, NULL, day, NULL,
				   json_pack("{s:I}", "group_id", (json_int_t)group_id));
	return rc;
}

lt_err lt_svc_group_attach(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"case_ids", LT_JSON_ARRAY, true, 1000},
	};
	struct lt_group_row g;
	lt_err rc = load_writable(ctx, id, &g);
	if (rc)
		return rc;
	struct lt_problem *p = ctx->problem;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const json_t *ids = json_object_get(body, "case_ids");
	if (json_array_size(ids) == 0)
		return lt_problem_field(p, "case_ids", "must name at least one case");
	char day[11], path[48];
	lt_today(day);
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	size_t i, attached = 0;
	json_t *v;
	json_array_foreach(ids, i, v) {
		snprintf(path, sizeof(path), "case_ids[%zu]", i);
		json_int_t cid = json_integer_value(v);
		if (!json_is_integer(v) || cid <= 0) {
			lt_problem_field(p, path, "must be a case id (a positive whole number)");
			continue;
		}
		bool twice = false;
		for (size_t j = 0; j < i && !twice; j++)
			twice = json_integer_value(json_array_get(ids, j)) == cid;
		if (twice) {
			lt_problem_field(p, path, "names case %lld a second time", (long long)cid);
			continue;
		}
		/* A case outside the actor's reach reads as missing, like a 404. */
		struct lt_problem scratch;
		lt_problem_init(&scratch);
		ctx->problem = &scratch;
		struct lt_case_row c;
		struct lt_case_share share;
		rc = lt_case_load_authorized(ctx, cid, LT_ACT_CASE_DECIDE, &c, &share);
		ctx->problem = p;
		if (rc == LT_ERR_NOT_FOUND || rc == LT_ERR_FORBIDDEN) {
			rc = LT_OK;
			lt_problem_field(p, path, "no case %lld that you may change", (long long)cid);
			continue;
		}
		if (rc)
			break;
		if (c.group_id == id)
			continue; /* already a member: attaching again changes nothing */
		if (c.group_id) {
			lt_problem_field(p, path, "case %lld is in group %lld already; a case belongs to "
					 "one group", (long long)cid, (long long)c.group_id);
			continue;
		}
		if (p->nfields)
			continue; /* nothing will be stored; keep looking for faults only */
		if ((rc = join_group(ctx, &c, id, day)))
			break;
		attached++;
	}
	if (!rc && p->nfields)
		rc = LT_ERR_INVALID;
	char detail[48];
	snprintf(detail, sizeof(detail), "attached=%zu", attached);
	if (!rc)
		rc = lt_audit_append(ctx, "group.attach", "group", id, "ok", detail);
	if (!rc)
		rc = lt_ctx_commit(ctx);
	if (rc) {
		lt_store_rollback(ctx->store);
		if (rc == LT_ERR_INVALID)
			lt_str_copy(p->detail, sizeof(p->detail),
				    "No case was attached: fix the cases named in errors and send the "
				    "list again.");
		return rc;
	}
	return group_json(ctx, id, out);
}

/* --- creating cases from a CSV --- */

enum col {
	COL_REF,
	COL_GIVEN,
	COL_FAMILY,
	COL_SEX,
	COL_BIRTH_DATE,
	COL_BIRTH_YEAR,
	COL_AGE_UNCERTAIN,
	COL_CITIZENSHIP,
	COL_REFERRAL_DATE,
	COL_SOURCE,
	COL_EXPLOITATION,
	COL_COUNTRIES,
	COL_COUNT
};
static const char *const col_names[COL_COUNT] = {
	"ref",           "given_name", "family_name", "sex",          "birth_date",
	"birth_year",    "age_uncertain", "citizenship", "referral_date", "source", "exploitation",
	"countries_of_exploitation"};

struct csv_import {
	struct lt_ctx *ctx;
	struct lt_problem *p; /* the answer's problem; each row gets a scratch one */
	int64_t group_id;
	char day[11];
	struct lt_buf bytes; /* the current record's cells, each NUL-terminated */
	size_t start[CSV_CELLS_MAX];
	size_t ncells;     /* cells in the record, also those past the cap */
	bool too_long;
	bool have_header;
	bool header_bad;
	int col[COL_COUNT]; /* the cell index of each column, -1 when absent */
	size_t header_cells;
	int64_t row;        /* data records seen */
	int64_t created;
	int64_t bad_rows, first_bad;
	bool row_bad;       /* the current row has a fault */
	lt_err rc;          /* a failure that stops everything */
};

static void on_cell(void *data, size_t len, void *vctx)
{
	struct csv_import *im = vctx;
	if (im->rc)
		return;
	if (im->ncells < CSV_CELLS_MAX && !im->too_long) {
		size_t at = im->bytes.len;
		lt_err rc = lt_buf_add(&im->bytes, data, len);
		if (!rc)
			rc = lt_buf_add(&im->bytes, "", 1);
		if (rc == LT_ERR_TOO_LARGE)
			im->too_long = true;
		else if (rc)
			im->rc = rc;
		else
			im->start[im->ncells] = at;
	}
	im->ncells++;
}

/* Cell I of the record, trimmed of spaces in place; "" past the end. */
static char *cell(struct csv_import *im, int i)
{
	static char empty[1];
	if (i < 0 || (size_t)i >= im->ncells || (size_t)i >= CSV_CELLS_MAX)
		return empty;
	char *s = im->bytes.data + im->start[i];
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static void row_field(struct csv_import *im, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Adds a fault of the current row, in column COLUMN. */
static void row_field(struct csv_import *im, const char *column, const char *fmt, ...)
{
	char field[96], reason[LT_PROBLEM_REASON_MAX];
	snprintf(field, sizeof(field), "row %lld: %s", (long long)im->row, column);
	va_list ap;
	va_start(ap, fmt);
	lt_problem_vformat(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	lt_problem_field(im->p, field, "%s", reason);
	im->row_bad = true;
}

static void read_header(struct csv_import *im)
{
	im->have_header = true;
	im->header_cells = im->ncells;
	for (int c = 0; c < COL_COUNT; c++)
		im->col[c] = -1;
	if (im->ncells > CSV_CELLS_MAX) {
		lt_problem_field(im->p, "header", "has more than %d columns", CSV_CELLS_MAX);
		im->header_bad = true;
		return;
	}
	for (size_t i = 0; i < im->ncells; i++) {
		const char *name = cell(im, (int)i);
		int found = -1;
		for (int c = 0; c < COL_COUNT && found < 0; c++)
			if (!strcmp(name, col_names[c]))
				found = c;
		if (found < 0) {
			lt_problem_field(im->p, "header",
					 "'%.40s' is not a column; the columns are: ref, given_name, "
					 "family_name, sex, birth_date, birth_year, age_uncertain, citizenship, "
					 "referral_date, source, exploitation, countries_of_exploitation",
					 name);
			im->header_bad = true;
		} else if (im->col[found] >= 0) {
			lt_problem_field(im->p, "header", "names the column '%s' twice", col_names[found]);
			im->header_bad = true;
		} else {
			im->col[found] = (int)i;
		}
	}
	static const enum col required[] = {COL_SEX, COL_REFERRAL_DATE, COL_SOURCE};
	for (size_t i = 0; i < LT_ARRAY_LEN(required); i++)
		if (im->col[required[i]] < 0) {
			lt_problem_field(im->p, "header", "lacks the column '%s'", col_names[required[i]]);
			im->header_bad = true;
		}
}

/* Sets KEY of OBJ to the text of column C, if the cell is not empty. */
static bool put_text(struct csv_import *im, json_t *obj, const char *key, enum col c)
{
	const char *v = cell(im, im->col[c]);
	if (!*v)
		return true;
	json_t *s = json_string(v);
	if (!s) {
		row_field(im, col_names[c], "is not UTF-8 text");
		return false;
	}
	json_object_set_new(obj, key, s);
	return true;
}

/* Sets KEY of OBJ to the ';'-separated items of column C. */
static bool put_list(struct csv_import *im, json_t *obj, const char *key, enum col c)
{
	char *v = cell(im, im->col[c]);
	if (!*v)
		return true;
	json_t *arr = json_array();
	for (char *item = v, *next; item; item = next) {
		next = strchr(item, ';');
		if (next)
			*next++ = '\0';
		while (*item == ' ' || *item == '\t')
			item++;
		size_t n = strlen(item);
		while (n && (item[n - 1] == ' ' || item[n - 1] == '\t'))
			item[--n] = '\0';
		if (!*item)
			continue;
		json_t *s = json_string(item);
		if (!s) {
			json_decref(arr);
			row_field(im, col_names[c], "is not UTF-8 text");
			return false;
		}
		json_array_append_new(arr, s);
	}
	json_object_set_new(obj, key, arr);
	return true;
}

/* The CSV column a case-document field came from ("person.sex" -> "sex"). */
static void column_of(const char *doc_field, char *out, size_t cap)
{
	const char *f = doc_field;
	if (lt_str_starts(f, "person."))
		f += 7;
	if (!strcmp(f, "referral.date"))
		f = "referral_date";
	else if (!strcmp(f, "referral.source"))
		f = "source";
	lt_str_copy(out, cap, f);
	char *bracket = strchr(out, '[');
	if (bracket)
		*bracket = '\0';
}

static bool path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

/* REASON with the case-document paths it names written as the CSV's
 * columns, as column_of() does for the field ("is required when
 * person.birth_date is not given" -> "... when birth_date is not given"). */
static void csv_reason(const char *reason, char *out, size_t cap)
{
	static const struct {
		const char *path, *column;
	} renames[] = {{"referral.date", "referral_date"}, {"referral.source", "source"}};
	size_t n = 0;
	for (const char *r = reason; *r && n + 1 < cap;) {
		bool at_word = r == reason || !path_char(r[-1]);
		if (at_word && lt_str_starts(r, "person.") && r[7] >= 'a' && r[7] <= 'z') {
			r += 7; /* "person.sex" -> "sex" */
			continue;
		}
		bool renamed = false;
		for (size_t i = 0; at_word && i < LT_ARRAY_LEN(renames) && !renamed; i++) {
			size_t len = strlen(renames[i].path);
			if (strncmp(r, renames[i].path, len) == 0 && !path_char(r[len])) {
				size_t m = strlen(renames[i].column);
				if (n + m + 1 > cap)
					break;
				memcpy(out + n, renames[i].column, m);
				n += m;
				r += len;
				renamed = true;
			}
		}
		if (!renamed)
			out[n++] = *r++;
	}
	out[n] = '\0';
}

static void import_row(struct csv_import *im)
{
	im->row++;
	if (im->row > CSV_ROWS_MAX) {
		lt_problem_field(im->p, "(body)", "has more than %d rows; split the file", CSV_ROWS_MAX);
		im->rc = LT_ERR_INVALID;
		return;
	}
	im->row_bad = false;
	if (im->too_long || im->ncells != im->header_cells) {
		if (im->too_long)
			row_field(im, "(row)", "is longer than %d bytes", CSV_ROW_BYTES_MAX);
		else
			row_field(im, "(row)", "has %zu cells; the header has %zu", im->ncells,
				  im->header_cells);
		goto counted;
	}
	json_t *doc = json_object(), *person = json_object(), *referral = json_object();
	if (!doc || !person || !referral) {
		json_decref(doc);
		json_decref(person);
		json_decref(referral);
		im->rc = LT_ERR_NOMEM;
		return;
	}
	bool ok = put_text(im, doc, "ref", COL_REF);
	ok &= put_text(im, person, "given_name", COL_GIVEN);
	ok &= put_text(im, person, "family_name", COL_FAMILY);
	ok &= put_text(im, person, "sex", COL_SEX);
	ok &= put_text(im, person, "birth_date", COL_BIRTH_DATE);
	const char *year = cell(im, im->col[COL_BIRTH_YEAR]);
	int64_t y;
	if (*year && lt_str_to_i64(year, &y) == LT_OK)
		json_object_set_new(person, "birth_year", json_integer(y));
	else if (*year) {
		row_field(im, "birth_year", "must be a whole number, e.g. 1990");
		ok = false;
	}
	const char *uncertain = cell(im, im->col[COL_AGE_UNCERTAIN]);
	if (!strcmp(uncertain, "true") || !strcmp(uncertain, "yes"))
		json_object_set_new(person, "age_uncertain", json_true());
	else if (*uncertain && strcmp(uncertain, "false") && strcmp(uncertain, "no")) {
		row_field(im, "age_uncertain", "must be true, false, yes, no or empty");
		ok = false;
	}
	ok &= put_list(im, person, "citizenship", COL_CITIZENSHIP);
	ok &= put_text(im, referral, "date", COL_REFERRAL_DATE);
	ok &= put_text(im, referral, "source", COL_SOURCE);
	ok &= put_list(im, doc, "exploitation", COL_EXPLOITATION);
	ok &= put_list(im, doc, "countries_of_exploitation", COL_COUNTRIES);
	json_object_set_new(doc, "person", person);
	json_object_set_new(doc, "referral", referral);
	if (ok) {
		struct lt_problem scratch;
		lt_problem_init(&scratch);
		im->ctx->problem = &scratch;
		int64_t case_id = 0;
		lt_err rc = lt_case_create_from_doc(im->ctx, im->ctx->actor.org.id, doc, im->group_id,
						    &case_id);
		if (!rc)
			rc = lt_case_event(im->ctx, case_id, "group", "attached", NULL, NULL, im->day,
					   NULL, json_pack("{s:I}", "group_id", (json_int_t)im->group_id));
		im->ctx->problem = im->p;
		if (rc == LT_ERR_INVALID) {
			char column[64], reason[LT_PROBLEM_REASON_MAX];
			for (size_t i = 0; i < scratch.nfields; i++) {
				column_of(scratch.fields[i].field, column, sizeof(column));
				csv_reason(scratch.fields[i].reason, reason, sizeof(reason));
				row_field(im, column, "%s", reason);
			}
			if (!scratch.nfields)
				row_field(im, "(row)", "%s", scratch.detail);
		} else if (rc) {
			lt_problem_set(im->p, rc, "%s", scratch.detail);
			im->rc = rc;
		} else {
			im->created++;
		}
	}
	json_decref(doc);
counted:
	if (im->row_bad && !im->bad_rows++)
		im->first_bad = im->row;
}

static void on_record(int c, void *vctx)
{
	LT_UNUSED(c);
	struct csv_import *im = vctx;
	if (!im->rc) {
		if (!im->have_header)
			read_header(im);
		else if (!im->header_bad)
			import_row(im);
	}
	if (im->bytes.data)
		sodium_memzero(im->bytes.data, im->bytes.len);
	lt_buf_reset(&im->bytes);
	im->ncells = 0;
	im->too_long = false;
}

lt_err lt_svc_group_import_csv(struct lt_ctx *ctx, int64_t id, const char *csv, size_t len,
			       int64_t *created, json_t **out)
{
	*created = 0;
	struct lt_group_row g;
	lt_err rc = load_writable(ctx, id, &g);
	if (!rc)
		rc = lt_authorize(ctx, LT_ACT_CASE_CREATE, 0);
	if (rc)
		return rc;
	if (ctx->actor.kind != LT_ACTOR_USER)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      "Cases belong to an organisation; create them as a user.");
	if (len >= 3 && memcmp(csv, "\xEF\xBB\xBF", 3) == 0) { /* a spreadsheet's byte-order mark */
		csv += 3;
		len -= 3;
	}
	struct csv_import im;
	memset(&im, 0, sizeof(im));
	im.ctx = ctx;
	im.p = ctx->problem;
	im.group_id = id;
	lt_today(im.day);
	lt_buf_init(&im.bytes, CSV_ROW_BYTES_MAX);
	struct csv_parser parser;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_begin(ctx->store))) {
		csv_free(&parser);
		return rc;
	}
	size_t done = csv_parse(&parser, csv, len, on_cell, on_record, &im);
	int status = CSV_SUCCESS;
	if (!im.rc && done != len)
		status = csv_error(&parser);
	else if (!im.rc && csv_fini(&parser, on_cell, on_record, &im) != 0)
		status = csv_error(&parser);
	rc = im.rc;
	if (!rc && status == CSV_ENOMEM)
		rc = LT_ERR_NOMEM;
	else if (!rc && status != CSV_SUCCESS) {
		im.p->offset = (long)done;
		rc = lt_problem_set(im.p, LT_ERR_INVALID,
				    "Malformed CSV at byte %zu: a quote is misplaced or not closed. "
				    "No row was stored.",
				    done);
	}
	if (!rc && !im.have_header)
		rc = lt_problem_field(im.p, "(body)",
				      "is empty: send a header line and one line per person");
	else if (!rc && !im.header_bad && im.row == 0)
		rc = lt_problem_field(im.p, "(body)", "has a header but no rows");
	if (!rc && im.p->nfields) {
		rc = LT_ERR_INVALID;
		if (im.header_bad)
			lt_str_copy(im.p->detail, sizeof(im.p->detail),
				    "The header line is wrong; no row was read or stored.");
		else
			snprintf(im.p->detail, sizeof(im.p->detail),
				 "No row was stored: errors in %lld of %lld rows (the first is row "
				 "%lld)%s.",
				 (long long)im.bad_rows, (long long)im.row, (long long)im.first_bad,
				 im.p->nfields >= LT_PROBLEM_MAX_FIELDS
					 ? "; only the first errors are listed"
					 : "");
	}
	char detail[48];
	snprintf(detail, sizeof(detail), "created=%lld", (long long)im.created);
	if (!rc)
		rc = lt_audit_append(ctx, "group.attach", "group", id, "ok", detail);
	rc = lt_ctx_finish(ctx, rc);
	csv_free(&parser);
	if (im.bytes.data)
		sodium_memzero(im.bytes.data, im.bytes.cap);
	lt_buf_release(&im.bytes);
	if (rc)
		return rc;
	*created = im.created;
	return group_json(ctx, id, out);
}
