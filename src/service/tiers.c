#include "service/tiers.h"
#include "base/buf.h"
#include "base/embed.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "service/audit.h"
#include "service/policy.h"
#include <ctype.h>

/* Enough for the shipped history (about 130 KB) and every year added for a
 * long while. */
#define HISTORY_TEXT_MAX (64u * 1024 * 1024)

struct merge {
	struct lt_buf *buf;
	const struct lt_tier_history *shipped;
};

static lt_err add_cell(struct lt_buf *out, const char *v)
{
	if (!strpbrk(v, ",\""))
		return lt_buf_adds(out, v);
	lt_err rc = lt_buf_add(out, "\"", 1);
	for (const char *c = v; !rc && *c; c++)
		rc = *c == '"' ? lt_buf_add(out, "\"\"", 2) : lt_buf_add(out, c, 1);
	return rc ? rc : lt_buf_add(out, "\"", 1);
}

/* Appends an added row as one line of Lantern's CSV, named as the shipped
 * history names its country. */
static lt_err append_row(void *c, const struct lt_tier_placement_row *row)
{
	struct merge *m = c;
	const struct lt_tier_placement *pl;
	size_t n;
	lt_tier_history_country(m->shipped, row->country, &pl, &n);
	lt_err rc = lt_buf_addf(m->buf, "%s,", row->country);
	if (!rc)
		rc = add_cell(m->buf, n ? pl[0].name : "");
	if (!rc)
		rc = lt_buf_addf(m->buf, ",%lld,%s,", (long long)row->year, row->tier);
	if (!rc)
		rc = add_cell(m->buf, row->source);
	return rc ? rc : lt_buf_add(m->buf, "\n", 1);
}

/* The shipped history written back in Lantern's format, one line per added
 * row after it, parsed again into H. *NSHIPPED is the number of shipped
 * placements: a placement of H on a line after 1 + *NSHIPPED was added. */
static lt_err build_history(struct lt_ctx *ctx, struct lt_tier_history *h, size_t *nshipped)
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "tiers/history.csv");
	if (!f)
		return lt_problem_set(ctx->problem, LT_ERR_INTERNAL,
				      "the built-in tiers/history.csv is missing");
	struct lt_tier_history shipped;
	lt_tier_history_init(&shipped);
	struct lt_buf buf;
	lt_buf_init(&buf, HISTORY_TEXT_MAX);
	/* The shipped file is checked by the tests; a fault here is ours. */
	lt_err rc = lt_tier_history_parse(&shipped, (const char *)f->data, f->len, ctx->problem)
			    ? LT_ERR_INTERNAL
			    : LT_OK;
	if (!rc)
		rc = lt_tier_history_write(&shipped, NULL, &buf);
	if (!rc) {
		struct merge m = {.buf = &buf, .shipped = &shipped};
		rc = lt_store_tier_placement_list(ctx->store, append_row, &m);
	}
	*nshipped = shipped.n;
	lt_tier_history_release(&shipped);
	if (!rc && lt_tier_history_parse(h, buf.data, buf.len, ctx->problem))
		rc = lt_problem_set(ctx->problem, LT_ERR_INTERNAL,
				    "the shipped tier history and the added years do not merge");
	lt_buf_release(&buf);
	return rc;
}

lt_err lt_svc_tier_history(struct lt_ctx *ctx, struct lt_tier_history *h)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_ASSESSMENT_READ, 0);
	if (rc)
		return rc;
	size_t nshipped;
	return build_history(ctx, h, &nshipped);
}

static json_t *row_json(const struct lt_tier_placement_row *r)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:I, s:o}", "country", r->country, "year",
			 (json_int_t)r->year, "tier", r->tier, "source", r->source, "added_at",
			 (json_int_t)r->added_at, "added_by",
			 r->added_by ? json_integer(r->added_by) : json_null());
}

/* Checks BODY's values into ROW; every fault is a field of CTX's problem. */
static lt_err read_body(struct lt_ctx *ctx, const json_t *body, struct lt_tier_placement_row *row)
{
	static const struct lt_json_field fields[] = {
		{"country", LT_JSON_STRING, true, 3},
		{"year", LT_JSON_INTEGER, true, 0},
		{"tier", LT_JSON_STRING, true, 32},
		{"source", LT_JSON_STRING, true, LT_TIER_SOURCE_MAX},
	};
	struct lt_problem *p = ctx->problem;
	if (lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p))
		return LT_ERR_INVALID;
	memset(row, 0, sizeof(*row));
	const char *country = lt_json_str(body, "country");
	bool letters = strlen(country) == 3;
	for (size_t i = 0; letters && i < 3; i++) {
		letters = isalpha((unsigned char)country[i]) != 0;
		row->country[i] = (char)toupper((unsigned char)country[i]);
	}
	if (!letters)
		lt_problem_field(p, "country", "must be an ISO 3166-1 alpha-3 code such as SRB");
	json_int_t year = json_integer_value(json_object_get(body, "year"));
	if (year < LT_TIER_YEAR_MIN || year > LT_TIER_YEAR_MAX)
		lt_problem_field(p, "year", "must be a report year from %d to %d", LT_TIER_YEAR_MIN,
				 LT_TIER_YEAR_MAX);
	row->year = year;
	enum lt_tier tier;
	const char *tv = lt_json_str(body, "tier");
	if (lt_tier_from_name(tv, &tier))
		lt_problem_field(p, "tier",
				 "must be tier_1, tier_2, tier_2_watch_list, tier_3, special_case or "
				 "not_ranked");
	else
		lt_str_copy(row->tier, sizeof(row->tier), lt_tier_name(tier));
	const char *src = lt_json_str(body, "source");
	while (*src && isspace((unsigned char)*src))
		src++;
	size_t n = strlen(src);
	while (n && isspace((unsigned char)src[n - 1]))
		n--;
	bool control = false;
	for (size_t i = 0; i < n; i++)
		control |= iscntrl((unsigned char)src[i]) != 0;
	if (n == 0)
		lt_problem_field(p, "source", "must say where the placement was published");
	else if (control)
		lt_problem_field(p, "source", "must be one line of text");
	else
		memcpy(row->source, src, n);
	return p->nfields ? LT_ERR_INVALID : LT_OK;
}

/* Refuses ROW unless it is the next year of a country the history knows. */
static lt_err check_next(struct lt_ctx *ctx, const struct lt_tier_history *h, size_t nshipped,
			 const struct lt_tier_placement_row *row)
{
	const struct lt_tier_placement *pl;
	size_t n;
	lt_tier_history_country(h, row->country, &pl, &n);
	if (n == 0)
		return lt_problem_field(ctx->problem, "country",
					"the tier history has no placement for %s, so it has no "
					"year to follow; check the code",
					row->country);
	for (size_t i = 0; i < n; i++) {
		if (pl[i].year != row->year)
			continue;
		if (pl[i].line <= nshipped + 1)
			return lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
					      "%s already has a placement for %lld in the history "
					      "shipped with Lantern (%s); it cannot be changed here.",
					      row->country, (long long)row->year,
					      lt_tier_name(pl[i].tier));
		return lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
				      "%s already has a placement for %lld (%s), added by an "
				      "administrator; an added year cannot be changed.",
				      row->country, (long long)row->year, lt_tier_name(pl[i].tier));
	}
	int next = pl[n - 1].year + 1;
	if (row->year != next)
		return lt_problem_field(ctx->problem, "year",
					"must be %d: the history of %s ends in %d and its years "
					"must follow one another without a gap",
					next, row->country, next - 1);
	return LT_OK;
}

lt_err lt_svc_tier_add(struct lt_ctx *ctx, const json_t *body, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_TIERS_ADMIN, 0);
	if (rc)
		return rc;
	struct lt_tier_placement_row row;
	if ((rc = read_body(ctx, body, &row)))
		return rc;
	row.added_at = lt_now();
	row.added_by = ctx->actor.kind == LT_ACTOR_USER ? ctx->actor.user_id : 0;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	size_t nshipped = 0;
	rc = build_history(ctx, &h, &nshipped);
	if (!rc)
		rc = check_next(ctx, &h, nshipped, &row);
	lt_tier_history_release(&h);
	if (!rc) {
		rc = lt_store_tier_placement_insert(ctx->store, &row);
		if (rc == LT_ERR_CONFLICT)
			rc = lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
					    "%s already has a placement for %lld.", row.country,
					    (long long)row.year);
	}
	char detail[64];
	snprintf(detail, sizeof(detail), "country=%s year=%lld tier=%s", row.country,
		 (long long)row.year, row.tier);
	if (!rc)
		rc = lt_audit_append(ctx, "tier.add", NULL, 0, "ok", detail);
	if (!rc)
		rc = lt_store_commit(ctx->store);
	if (rc) {
		lt_store_rollback(ctx->store);
		return rc;
	}
	*out = row_json(&row);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

static lt_err list_row(void *c, const struct lt_tier_placement_row *row)
{
	json_t *v = row_json(row);
	return v && json_array_append_new(c, v) == 0 ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_tier_list(struct lt_ctx *ctx, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_ASSESSMENT_READ, 0);
	if (rc)
		return rc;
	json_t *items = json_array();
	if (!items)
		return LT_ERR_NOMEM;
	rc = lt_store_tier_placement_list(ctx->store, list_row, items);
	char detail[32];
	snprintf(detail, sizeof(detail), "rows=%zu", json_array_size(items));
	if (!rc)
		rc = lt_audit_record(ctx, "tier.list", NULL, 0, "ok", detail);
	if (rc) {
		json_decref(items);
		return rc;
	}
	*out = json_pack("{s:o}", "items", items);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
