#include "service/ctdc_import.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/ctdc_row.h"
#include "domain/jurisdiction.h"
#include "domain/stats.h"
#include "service/audit.h"
#include "service/policy.h"
#include "service/stats.h"

static bool source_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 1 && n <= LT_CTDC_SOURCE_MAX &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

static void codes_of(const struct lt_ctdc_record *r, struct lt_ctdc_codes *c)
{
	*c = (struct lt_ctdc_codes){
		.gender = r->value[LT_CV_GENDER],
		.age = r->value[LT_CV_AGE],
		.majority = r->value[LT_CV_MAJORITY],
		.citizenship = r->value[LT_CV_CITIZENSHIP],
		.country = r->value[LT_CV_COUNTRY],
		.forced_labour = r->value[LT_CV_FORCED_LABOUR],
		.sexual = r->value[LT_CV_SEXUAL],
		.other = r->value[LT_CV_OTHER],
		.marriage = r->value[LT_CV_MARRIAGE],
		.military = r->value[LT_CV_MILITARY],
		.organ = r->value[LT_CV_ORGAN],
		.slavery = r->value[LT_CV_SLAVERY],
		.illicit = r->value[LT_CV_ILLICIT],
	};
}

/* The batch of YEAR in REP, replacing the earlier one of SOURCE and YEAR
 * the first time the year is seen. */
static lt_err batch_for(struct lt_ctx *ctx, const char *source, int64_t year, int64_t now,
			struct lt_ctdc_import_report *rep, size_t *slot)
{
	for (size_t i = 0; i < rep->nyears; i++)
		if (rep->years[i].year == year) {
			*slot = i;
			return LT_OK;
		}
	if (rep->nyears >= LT_CTDC_IMPORT_MAX_YEARS)
		return lt_problem_field(ctx->problem, "yearOfRegistration",
					"the file holds more than %d years; import them apart",
					LT_CTDC_IMPORT_MAX_YEARS);
	size_t i = rep->nyears++;
	rep->years[i].year = year;
	int64_t old = 0, old_rows = 0;
	lt_err rc = lt_store_ctdc_batch_find(ctx->store, source, year, &old, &old_rows);
	if (!rc) {
		rep->years[i].replaced = true;
		rep->years[i].replaced_rows = old_rows;
		rc = lt_store_ctdc_batch_delete(ctx->store, old);
	} else if (rc == LT_ERR_NOT_FOUND) {
		rc = LT_OK;
	}
	if (!rc)
		rc = lt_store_ctdc_batch_insert(ctx->store, source, year, now, &rep->years[i].batch_id);
	*slot = i;
	return rc;
}

/* Reads every record of TEXT and stores it, inside the open transaction. */
static lt_err import_rows(struct lt_ctx *ctx, const char *source, int64_t year, const char *text,
			  size_t len, struct lt_ctdc_fields *f, struct lt_ctdc_import_report *rep)
{
	struct lt_ctdc_layout lay;
	struct lt_ctdc_csv csv;
	lt_ctdc_csv_init(&csv, text, len);
	rep->line = 1;
	lt_err rc = lt_ctdc_csv_next(&csv, f, ctx->problem);
	if (rc == LT_ERR_NOT_FOUND) {
		rep->line = 0;
		return lt_problem_field(ctx->problem, "file", "is empty; the header line is missing");
	}
	if (!rc)
		rc = lt_ctdc_layout_read(f, &lay, ctx->problem);
	if (rc)
		return rc;
	rep->nunknown = lay.nunknown;
	lt_str_copy(rep->unknown, sizeof(rep->unknown), lay.unknown);
	int64_t now = lt_now();
	struct lt_buf codes;
	lt_buf_init(&codes, LT_CTDC_ROW_MAX_BYTES);
	while (!(rc = lt_ctdc_csv_next(&csv, f, ctx->problem))) {
		if (f->n == 1 && !f->f[0][0])
			continue; /* a blank line */
		struct lt_ctdc_record r;
		if ((rc = lt_ctdc_record_read(&lay, f, &r, ctx->problem)))
			break;
		int64_t y = year ? year : r.registration_year;
		if (!y) {
			rc = lt_problem_field(ctx->problem, "yearOfRegistration",
					      "is unknown; give --year Y to count the file's rows in "
					      "year Y");
			break;
		}
		size_t slot = 0; /* set by batch_for() whenever it succeeds */
		if ((rc = batch_for(ctx, source, y, now, rep, &slot)))
			break;
		lt_buf_reset(&codes);
		if ((rc = lt_ctdc_record_codes(&r, &codes)))
			break;
		struct lt_ctdc_record_row row = {.batch_id = rep->years[slot].batch_id,
						 .source = source,
						 .year = y,
						 .imported_at = now,
						 .registration_year = r.registration_year,
						 .all = codes.data};
		codes_of(&r, &row.codes);
		if ((rc = lt_store_ctdc_record_insert(ctx->store, &row)))
			break;
		rep->years[slot].rows++;
		rep->rows++;
	}
	lt_buf_release(&codes);
	/* F holds the record at fault (a syntax error sets its line too). */
	rep->line = rc == LT_ERR_NOT_FOUND ? 0 : f->line;
	if (rc == LT_ERR_NOT_FOUND)
		rc = LT_OK;
	if (!rc && !rep->rows)
		return lt_problem_field(ctx->problem, "file", "has no data rows under its header");
	for (size_t i = 0; i < rep->nyears && !rc; i++)
		rc = lt_store_ctdc_batch_set_rows(ctx->store, rep->years[i].batch_id, rep->years[i].rows);
	return rc;
}

lt_err lt_svc_ctdc_import(struct lt_ctx *ctx, const char *source, int64_t year, const char *text,
			  size_t len, struct lt_ctdc_import_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	/* No policy action covers it: only the operator, who holds the master
	 * key, loads microdata from outside. */
	if (ctx->actor.kind != LT_ACTOR_CLI)
		return lt_problem_set(ctx->problem, LT_ERR_FORBIDDEN,
				      "CTDC microdata is imported at the command line only.");
	if (!source_ok(source))
		return lt_problem_field(ctx->problem, "source",
					"must be 1 to %d letters, digits, '.', '_' or '-'",
					LT_CTDC_SOURCE_MAX);
	if (year && (year < LT_STATS_YEAR_MIN || year > LT_STATS_YEAR_MAX))
		return lt_problem_field(ctx->problem, "year", "must be a whole number from %d to %d",
					LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	struct lt_ctdc_fields *f = malloc(sizeof(*f));
	if (!f)
		return LT_ERR_NOMEM;
	lt_err rc = lt_store_begin(ctx->store);
	if (rc) {
		free(f);
		return rc;
	}
	rc = import_rows(ctx, source, year, text, len, f, rep);
	free(f);
	if (!rc) {
		int64_t replaced = 0;
		for (size_t i = 0; i < rep->nyears; i++)
			replaced += rep->years[i].replaced;
		char detail[128];
		snprintf(detail, sizeof(detail),
			 "rows=%lld batches=%zu replaced=%lld ignored_columns=%zu source=%s",
			 (long long)rep->rows, rep->nyears, (long long)replaced, rep->nunknown, source);
		rc = lt_audit_append(ctx, "import.ctdc", "ctdc_batch", rep->years[0].batch_id, "ok",
				     detail);
	}
	if ((rc = lt_ctx_finish(ctx, rc)))
		rep->rows = 0;
	return rc;
}

/* --- the figures --- */

struct tally {
	const char *own;
	int64_t identified, children, foreign, cit_unknown, country_unknown, abroad;
	int64_t expl[LT_EXPL_COUNT], sex_age[LT_SA_COUNT];
	json_t *citizenship, *country, *sources;
};

static lt_err add_count(json_t *obj, const char *key, int64_t n)
{
	json_t *old = json_object_get(obj, key);
	int64_t v = (old ? json_integer_value(old) : 0) + n;
	return json_object_set_new(obj, key, json_integer(v)) ? LT_ERR_NOMEM : LT_OK;
}

static lt_err take_cell(void *vctx, const struct lt_ctdc_cell *cell)
{
	struct tally *t = vctx;
	struct lt_ctdc_groups g;
	lt_ctdc_groups_of(&cell->c, t->own, &g);
	int64_t n = cell->n;
	t->identified += n;
	t->expl[g.expl] += n;
	t->sex_age[g.sex_age] += n;
	t->children += g.child ? n : 0;
	t->foreign += g.nationality == LT_CTDC_FOREIGN ? n : 0;
	t->cit_unknown += g.nationality == LT_CTDC_NAT_UNKNOWN ? n : 0;
	t->country_unknown += g.country_unknown ? n : 0;
	t->abroad += g.national_abroad ? n : 0;
	lt_err rc = LT_OK;
	if (!lt_ctdc_place_unknown(cell->c.citizenship))
		rc = add_count(t->citizenship, cell->c.citizenship, n);
	if (!rc && !g.country_unknown)
		rc = add_count(t->country, cell->c.country, n);
	return rc;
}

static lt_err take_source(void *vctx, const char *source, int64_t rows)
{
	struct tally *t = vctx;
	return add_count(t->sources, source, rows);
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* OBJ with its keys in byte order (the cells come grouped, not sorted). */
static json_t *sorted(json_t *obj)
{
	size_t n = json_object_size(obj);
	const char **keys = calloc(n ? n : 1, sizeof(*keys));
	json_t *out = keys ? json_object() : NULL;
	if (!out) {
		free(keys);
		return NULL;
	}
	size_t i = 0;
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v)
		keys[i++] = k;
	qsort(keys, n, sizeof(*keys), cmp_key);
	for (i = 0; i < n; i++)
		if (json_object_set(out, keys[i], json_object_get(obj, keys[i]))) {
			json_decref(out);
			out = NULL;
			break;
		}
	free(keys);
	return out;
}

static json_t *tally_json(struct tally *t, int64_t year)
{
	json_t *expl = json_object(), *sex_age = json_object();
	for (int g = 0; g < LT_EXPL_COUNT && expl; g++)
		json_object_set_new(expl, lt_stats_expl_name((enum lt_stats_expl)g),
				    json_integer(t->expl[g]));
	for (int g = 0; g < LT_SA_COUNT && sex_age; g++)
		json_object_set_new(sex_age, lt_stats_sex_age_name((enum lt_stats_sex_age)g),
				    json_integer(t->sex_age[g]));
	return json_pack("{s:I, s:s, s:I, s:o*, s:o*, s:I, s:I, s:I, s:o*, s:I, s:o*, s:I, s:o*}",
			 "year", (json_int_t)year, "source", "ctdc", "identified",
			 (json_int_t)t->identified, "identified_by_exploitation", expl,
			 "identified_by_sex_age", sex_age, "identified_children",
			 (json_int_t)t->children, "identified_foreign", (json_int_t)t->foreign,
			 "identified_citizenship_unknown", (json_int_t)t->cit_unknown,
			 "identified_by_citizenship", sorted(t->citizenship),
			 "identified_country_of_exploitation_unknown",
			 (json_int_t)t->country_unknown, "identified_by_country_of_exploitation",
			 sorted(t->country), "nationals_exploited_abroad", (json_int_t)t->abroad,
			 "rows_by_source", json_incref(t->sources));
}

lt_err lt_svc_ctdc_annual(struct lt_ctx *ctx, int64_t year, json_t **out)
{
	*out = NULL;
	lt_err rc = lt_authorize(ctx, LT_ACT_STATS_READ, 0);
	if (rc)
		return rc;
	if (year < LT_STATS_YEAR_MIN || year > LT_STATS_YEAR_MAX)
		return lt_problem_field(ctx->problem, "year", "must be a whole number from %d to %d",
					LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return LT_ERR_INTERNAL;
	struct tally t = {.own = j->country,
			  .citizenship = json_object(),
			  .country = json_object(),
			  .sources = json_object()};
	rc = !t.citizenship || !t.country || !t.sources ? LT_ERR_NOMEM : LT_OK;
	if (!rc && !(rc = lt_store_read_begin(ctx->store))) {
		rc = lt_store_ctdc_cells(ctx->store, year, take_cell, &t);
		if (!rc)
			rc = lt_store_ctdc_sources(ctx->store, year, take_source, &t);
		lt_store_read_end(ctx->store);
	}
	if (!rc && !(*out = tally_json(&t, year)))
		rc = LT_ERR_NOMEM;
	json_decref(t.citizenship);
	json_decref(t.country);
	json_decref(t.sources);
	char detail[48];
	snprintf(detail, sizeof(detail), "year=%lld source=ctdc", (long long)year);
	if (!rc)
		rc = lt_audit_record(ctx, "stats.annual", NULL, 0, "ok", detail);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}
