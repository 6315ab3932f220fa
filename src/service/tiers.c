#include "service/tiers.h"
#include "base/array.h"
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

lt_err lt_svc_tier_history(struct lt_ctx *ctx, struct lt_tier_history *h, size_t *nshipped)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_ASSESSMENT_READ, 0);
	if (rc)
		return rc;
	size_t n = 0;
	rc = build_history(ctx, h, &n);
	if (nshipped)
		*nshipped = n;
	return rc;
}

lt_err lt_svc_tier_rules(struct lt_ctx *ctx, struct lt_tier_rules *rules)
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "tiers/rules.json");
	if (!f)
		return lt_problem_set(ctx->problem, LT_ERR_INTERNAL,
				      "the built-in tiers/rules.json is missing");
	/* The shipped rules are checked by the tests; a fault here is ours. */
	if (lt_tier_rules_parse(rules, (const char *)f->data, f->len, ctx->problem))
		return lt_problem_set(ctx->problem, LT_ERR_INTERNAL,
				      "the built-in tiers/rules.json is faulty");
	return LT_OK;
}

/* ---- Violations ---------------------------------------------------------------- */

/* The violations of one country (or of all when COUNTRY is NULL), copied out
 * of lt_tier_check() so that two histories can be compared. */
struct vlist {
	const char *country;
	struct lt_tier_violation *items;
	size_t n, cap;
};

static void vlist_release(struct vlist *v)
{
	free(v->items);
	v->items = NULL;
	v->n = v->cap = 0;
}

static lt_err vlist_push(const struct lt_tier_violation *v, void *c)
{
	struct vlist *l = c;
	if (l->country && strcmp(l->country, v->country) != 0)
		return LT_OK;
	if (l->n == l->cap) {
		struct lt_tier_violation *items = lt_array_grow(l->items, &l->cap, sizeof(*items), 8);
		if (!items)
			return LT_ERR_NOMEM;
		l->items = items;
	}
	l->items[l->n++] = *v;
	return LT_OK;
}

/* The violations of H under the rules in force in each placement's year. */
static lt_err violations_of(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
			    const char *country, struct vlist *out)
{
	memset(out, 0, sizeof(*out));
	out->country = country;
	size_t n;
	lt_err rc = lt_tier_check(h, rules, 0, vlist_push, out, &n);
	if (rc)
		vlist_release(out);
	return rc;
}

static const struct lt_tier_violation *vlist_find(const struct vlist *l, const char *country,
						  int64_t year, const char *rule)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].year == year && strcmp(l->items[i].country, country) == 0 &&
		    (!rule || strcmp(l->items[i].rule, rule) == 0))
			return &l->items[i];
	return NULL;
}

static json_t *violation_json(const struct lt_tier_violation *v)
{
	if (!v)
		return json_null();
	json_t *because = json_array();
	for (size_t i = 0; because && i < v->nbecause; i++)
		json_array_append_new(because, json_integer(v->because[i]));
	return json_pack("{s:s, s:o}", "rule", v->rule, "because", because);
}

/* "2022", "2022 and 2023", "2022 to 2024", "2009 to 2012 and 2014": the
 * years are sorted; runs of three or more are written as spans. */
static void years_text(char *dst, size_t cap, const int *years, size_t n)
{
	char items[LT_TIER_YEARS_MAX > 64 ? 64 : LT_TIER_YEARS_MAX][16];
	size_t nitems = 0;
	for (size_t i = 0; i < n && nitems < LT_ARRAY_LEN(items);) {
		size_t k = i;
		while (k + 1 < n && years[k + 1] == years[k] + 1)
			k++;
		if (k >= i + 2) {
			snprintf(items[nitems++], sizeof(items[0]), "%d to %d", years[i], years[k]);
			i = k + 1;
		} else {
			snprintf(items[nitems++], sizeof(items[0]), "%d", years[i]);
			i++;
		}
	}
	dst[0] = '\0';
	size_t len = 0;
	for (size_t i = 0; i < nitems && len + 1 < cap; i++) {
		const char *sep = i == 0 ? "" : i + 1 == nitems ? " and " : ", ";
		int w = snprintf(dst + len, cap - len, "%s%s", sep, items[i]);
		if (w < 0)
			break;
		len += (size_t)w < cap - len ? (size_t)w : cap - len - 1;
	}
}
/* ---- Adding and correcting a year ------------------------------------------ */

static json_t *row_json(const struct lt_tier_placement_row *r, const struct lt_tier_violation *v)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:I, s:o, s:o}", "country", r->country, "year",
			 (json_int_t)r->year, "tier", r->tier, "source", r->source, "added_at",
			 (json_int_t)r->added_at, "added_by",
			 r->added_by ? json_integer(r->added_by) : json_null(), "violation",
			 violation_json(v));
}

/* What an administrator asked for: the row, and the two confirmations. */
struct tier_request {
	struct lt_tier_placement_row row;
	bool despite_rules; /* the published report really placed it so */
	bool replace;       /* correct an added year instead of adding one */
};

static bool read_country(const char *s, char out[4])
{
	bool letters = strlen(s) == 3;
	for (size_t i = 0; letters && i < 3; i++) {
		letters = isalpha((unsigned char)s[i]) != 0;
		out[i] = (char)toupper((unsigned char)s[i]);
	}
	out[3] = '\0';
	return letters;
}

/* Checks BODY's values into REQ; every fault is a field of CTX's problem. */
static lt_err read_body(struct lt_ctx *ctx, const json_t *body, struct tier_request *req)
{
	static const struct lt_json_field fields[] = {
		{"country", LT_JSON_STRING, true, 3},
		{"year", LT_JSON_INTEGER, true, 0},
		{"tier", LT_JSON_STRING, true, 32},
		{"source", LT_JSON_STRING, true, LT_TIER_SOURCE_MAX},
		{"despite_rules", LT_JSON_BOOL, false, 0},
		{"replace", LT_JSON_BOOL, false, 0},
	};
	struct lt_problem *p = ctx->problem;
	if (lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p))
		return LT_ERR_INVALID;
	memset(req, 0, sizeof(*req));
	struct lt_tier_placement_row *row = &req->row;
	req->despite_rules = json_is_true(json_object_get(body, "despite_rules"));
	req->replace = json_is_true(json_object_get(body, "replace"));
	if (!read_country(lt_json_str(body, "country"), row->country))
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

/* A placement on a line after the shipped ones was added by an administrator. */
static bool is_added(const struct lt_tier_placement *pl, size_t nshipped)
{
	return pl->line > nshipped + 1;
}

/* An addition must be the next year of a country the history knows; a
 * correction must name a year an administrator added (*OLD gets its tier).
 * The shipped years are never changed here. */
static lt_err check_target(struct lt_ctx *ctx, const struct lt_tier_history *h, size_t nshipped,
			   const struct tier_request *req, enum lt_tier *old)
{
	const struct lt_tier_placement_row *row = &req->row;
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
		if (!is_added(&pl[i], nshipped))
			return lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
					      "%s already has a placement for %lld in the history "
					      "shipped with Lantern (%s); shipped years are read-only "
					      "and cannot be changed here.",
					      row->country, (long long)row->year,
					      lt_tier_name(pl[i].tier));
		if (req->replace) {
			*old = pl[i].tier;
			return LT_OK;
		}
		return lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
				      "%s already has a placement for %lld (%s), added by an "
				      "administrator; to correct it, send it again with "
				      "\"replace\": true (command line: --replace).",
				      row->country, (long long)row->year, lt_tier_name(pl[i].tier));
	}
	int last = pl[n - 1].year;
	if (req->replace)
		return lt_problem_field(ctx->problem, "year",
					"%s has no added placement for %lld to correct (its history "
					"ends in %d); leave out replace to add a year",
					row->country, (long long)row->year, last);
	if (row->year != last + 1)
		return lt_problem_field(ctx->problem, "year",
					"must be %d: the history of %s ends in %d and its years "
					"must follow one another without a gap",
					last + 1, row->country, last);
	return LT_OK;
}

/* Describes, as faults of the field "tier", every violation of NOW that
 * BEFORE does not have: a placement the rules in force forbid, made by this
 * change or made unlawful by it. *NNEW counts them. With DESPITE_RULES they
 * are counted but not refused: the published report said so. */
static lt_err judge_change(struct lt_ctx *ctx, const struct lt_tier_history *after,
			   const struct lt_tier_rules *rules, const struct vlist *before,
			   const struct vlist *now, const struct tier_request *req, size_t *nnew)
{
	*nnew = 0;
	const struct lt_tier_placement_row *row = &req->row;
	struct lt_problem *p = ctx->problem;
	for (size_t i = 0; i < now->n; i++) {
		const struct lt_tier_violation *v = &now->items[i];
		if (vlist_find(before, v->country, v->year, v->rule))
			continue;
		(*nnew)++;
		if (req->despite_rules)
			continue;
		char years[160];
		years_text(years, sizeof(years), v->because, v->nbecause);
		if (v->year != row->year) {
			lt_problem_field(p, "tier",
					 "would make the added %s of %s in %d break the rule %s "
					 "(because of %s); confirm with despite_rules "
					 "(--despite-rules) if the reports did so",
					 lt_tier_name(v->placement), v->country, v->year, v->rule,
					 years);
			continue;
		}
		/* The placements before the year are those the rules looked at. */
		struct lt_tier_outlook o;
		struct lt_problem ignored;
		lt_problem_init(&ignored);
		if (lt_tier_next(after, rules, v->country, v->year, 0, &o, &ignored) == LT_OK)
			lt_problem_set(p, LT_ERR_INVALID,
				       "%s %lld: %s. Record it only if the published report did "
				       "place %s so: \"despite_rules\": true (command line: "
				       "--despite-rules) keeps it as a recorded violation.",
				       row->country, (long long)row->year, o.reason, row->country);
		lt_problem_field(p, "tier",
				 "%s is forbidden for %s in %d by the rule %s, because of %s; "
				 "confirm with despite_rules (--despite-rules) if the report did so",
				 lt_tier_name(v->placement), v->country, v->year, v->rule, years);
	}
	return p->nfields ? LT_ERR_INVALID : LT_OK;
}

lt_err lt_svc_tier_add(struct lt_ctx *ctx, const json_t *body, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_TIERS_ADMIN, 0);
	if (rc)
		return rc;
	struct tier_request *req = lt_arena_alloc(ctx->arena, sizeof(*req));
	struct lt_tier_rules *rules = lt_arena_alloc(ctx->arena, sizeof(*rules));
	if (!req || !rules)
		return LT_ERR_NOMEM;
	if ((rc = read_body(ctx, body, req)))
		return rc;
	if ((rc = lt_svc_tier_rules(ctx, rules)))
		return rc;
	struct lt_tier_placement_row *row = &req->row;
	row->added_at = lt_now();
	row->added_by = ctx->actor.kind == LT_ACTOR_USER ? ctx->actor.user_id : 0;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct vlist before = {0}, now = {0};
	size_t nshipped = 0, nnew = 0;
	enum lt_tier old = LT_TIER_NOT_RANKED;
	rc = build_history(ctx, &h, &nshipped);
	if (!rc)
		rc = check_target(ctx, &h, nshipped, req, &old);
	if (!rc)
		rc = violations_of(&h, rules, row->country, &before);
	lt_tier_history_release(&h);
	if (!rc) {
		rc = req->replace ? lt_store_tier_placement_update(ctx->store, row)
				  : lt_store_tier_placement_insert(ctx->store, row);
		if (rc == LT_ERR_CONFLICT)
			rc = lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
					    "%s already has a placement for %lld.", row->country,
					    (long long)row->year);
	}
	/* Judge the history as it would stand: a correction can make a later
	 * added year unlawful as well as its own. */
	if (!rc)
		rc = build_history(ctx, &h, &nshipped);
	if (!rc)
		rc = violations_of(&h, rules, row->country, &now);
	if (!rc)
		rc = judge_change(ctx, &h, rules, &before, &now, req, &nnew);
	lt_tier_history_release(&h);
	const struct lt_tier_violation *v =
		rc ? NULL : vlist_find(&now, row->country, row->year, NULL);
	char detail[128];
	int len = snprintf(detail, sizeof(detail), "country=%s year=%lld tier=%s", row->country,
			   (long long)row->year, row->tier);
	if (req->replace && len > 0 && (size_t)len < sizeof(detail))
		len += snprintf(detail + len, sizeof(detail) - (size_t)len, " was=%s",
				lt_tier_name(old));
	if (nnew && len > 0 && (size_t)len < sizeof(detail))
		snprintf(detail + len, sizeof(detail) - (size_t)len, " despite_rules=%zu", nnew);
	if (!rc)
		rc = lt_audit_append(ctx, req->replace ? "tier.replace" : "tier.add", NULL, 0, "ok",
				     detail);
	json_t *answer = rc ? NULL : row_json(row, v);
	vlist_release(&before);
	vlist_release(&now);
	if ((rc = lt_ctx_finish(ctx, rc))) {
		json_decref(answer);
		return rc;
	}
	*out = answer;
	return *out ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_tier_remove(struct lt_ctx *ctx, const char *country, int64_t year, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_TIERS_ADMIN, 0);
	if (rc)
		return rc;
	struct lt_tier_placement_row row;
	memset(&row, 0, sizeof(row));
	if (!read_country(country, row.country))
		lt_problem_field(ctx->problem, "country",
				 "must be an ISO 3166-1 alpha-3 code such as SRB");
	if (year < LT_TIER_YEAR_MIN || year > LT_TIER_YEAR_MAX)
		lt_problem_field(ctx->problem, "year", "must be a report year from %d to %d",
				 LT_TIER_YEAR_MIN, LT_TIER_YEAR_MAX);
	if (ctx->problem->nfields)
		return LT_ERR_INVALID;
	row.year = year;
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	size_t nshipped = 0;
	rc = build_history(ctx, &h, &nshipped);
	const struct lt_tier_placement *pl = NULL;
	size_t n = 0;
	if (!rc)
		lt_tier_history_country(&h, row.country, &pl, &n);
	if (!rc && (n == 0 || pl[n - 1].year < year || pl[0].year > year))
		rc = lt_problem_field(ctx->problem, "year", "%s has no placement for %lld",
				      row.country, (long long)year);
	/* Only the last year goes, so that the history keeps no gap; a later
	 * year may have been judged by the rules with this one in place. */
	if (!rc && !is_added(&pl[year - pl[0].year], nshipped))
		rc = lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
				    "%s %lld is in the history shipped with Lantern; shipped years "
				    "are read-only.",
				    row.country, (long long)year);
	else if (!rc && pl[n - 1].year != year)
		rc = lt_problem_set(ctx->problem, LT_ERR_CONFLICT,
				    "%s %lld is not the last year of its history (%d is); remove "
				    "the later years first, or correct this one with --replace.",
				    row.country, (long long)year, pl[n - 1].year);
	if (!rc)
		lt_str_copy(row.tier, sizeof(row.tier), lt_tier_name(pl[n - 1].tier));
	lt_tier_history_release(&h);
	if (!rc)
		rc = lt_store_tier_placement_delete(ctx->store, row.country, year);
	char detail[64];
	snprintf(detail, sizeof(detail), "country=%s year=%lld tier=%s", row.country,
		 (long long)year, row.tier);
	if (!rc)
		rc = lt_audit_append(ctx, "tier.remove", NULL, 0, "ok", detail);
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	*out = json_pack("{s:s, s:I, s:s}", "country", row.country, "year", (json_int_t)year,
			 "tier", row.tier);
	return *out ? LT_OK : LT_ERR_NOMEM;
}

struct list_acc {
	json_t *items;
	const struct vlist *violations;
};

static lt_err list_row(void *c, const struct lt_tier_placement_row *row)
{
	struct list_acc *acc = c;
	json_t *v = row_json(row, vlist_find(acc->violations, row->country, row->year, NULL));
	return v && json_array_append_new(acc->items, v) == 0 ? LT_OK : LT_ERR_NOMEM;
}

lt_err lt_svc_tier_list(struct lt_ctx *ctx, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_ASSESSMENT_READ, 0);
	if (rc)
		return rc;
	struct lt_tier_rules *rules = lt_arena_alloc(ctx->arena, sizeof(*rules));
	if (!rules)
		return LT_ERR_NOMEM;
	if ((rc = lt_svc_tier_rules(ctx, rules)))
		return rc;
	json_t *items = json_array();
	if (!items)
		return LT_ERR_NOMEM;
	/* The mark of a recorded violation is what the rules say of the row in
	 * the history as it stands, so it cannot drift from `tier check`. */
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	struct vlist violations = {0};
	size_t nshipped;
	rc = build_history(ctx, &h, &nshipped);
	if (!rc)
		rc = violations_of(&h, rules, NULL, &violations);
	lt_tier_history_release(&h);
	struct list_acc acc = {.items = items, .violations = &violations};
	if (!rc)
		rc = lt_store_tier_placement_list(ctx->store, list_row, &acc);
	vlist_release(&violations);
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
