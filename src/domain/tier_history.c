/* Tier histories as CSV: the 1999-2015 dataset's dialect and Lantern's own.
 * The text is fed to libcsv one physical line at a time so that every fault
 * can name the line a person would open in an editor. */
#include "domain/tiers.h"
#include "base/array.h"
#include "base/str.h"
#include <csv.h>
#include <ctype.h>
#include <stdarg.h>
#include <strings.h>

#define ROW_FIELDS_MAX 8
#define FIELD_MAX 512
#define NAME_MAX_LEN 100
#define SOURCE_MAX_LEN 300

enum column {
	COL_COUNTRY,
	COL_NAME,
	COL_YEAR,
	COL_TIER,
	COL_SOURCE,
	COL_IGNORED,
};

struct column_name {
	const char *name;
	enum column col;
};

static const struct column_name lantern_columns[] = {
	{"country", COL_COUNTRY}, {"name", COL_NAME},     {"year", COL_YEAR},
	{"tier", COL_TIER},       {"source", COL_SOURCE},
};

/* ccode (Correlates of War code) is carried by the dataset but the rules
 * never look at it, and it is NA for some rows, so it is read and dropped. */
static const struct column_name dataset_columns[] = {
	{"countryname", COL_NAME}, {"iso", COL_COUNTRY}, {"year", COL_YEAR},
	{"ccode", COL_IGNORED},    {"tier", COL_TIER},
};

struct dataset_tier {
	const char *text;
	enum lt_tier tier;
};

_Static_assert(LT_ARRAY_LEN(lantern_columns) == LT_ARRAY_LEN(dataset_columns),
	       "both formats have the same number of known columns");
#define NCOLUMNS LT_ARRAY_LEN(lantern_columns)

static const struct dataset_tier dataset_tiers[] = {
	{"Tier 1", LT_TIER_1},
	{"Tier 2", LT_TIER_2},
	{"Watchlist", LT_TIER_2_WATCH_LIST},
	{"Tier 2 Watch List", LT_TIER_2_WATCH_LIST},
	{"Tier 3", LT_TIER_3},
	{"Special Case", LT_TIER_SPECIAL_CASE},
	{"NA", LT_TIER_NOT_RANKED},
};

struct parse_state {
	struct lt_tier_history *h;
	struct lt_problem *p;
	size_t line;
	bool header_done;
	size_t ncols;
	enum column cols[ROW_FIELDS_MAX];
	size_t nfields;
	char fields[ROW_FIELDS_MAX][FIELD_MAX];
	bool too_long[ROW_FIELDS_MAX];
	bool line_break[ROW_FIELDS_MAX];
	bool failed;
	lt_err hard; /* out of memory: stop at once */
};

void lt_tier_history_init(struct lt_tier_history *h)
{
	h->items = NULL;
	h->n = 0;
	h->cap = 0;
	h->format = LT_TIER_FORMAT_LANTERN;
	lt_arena_init(&h->arena);
}

void lt_tier_history_release(struct lt_tier_history *h)
{
	free(h->items);
	lt_arena_release(&h->arena);
	lt_tier_history_init(h);
}

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	size_t i = 0;
	while (s[i] && isspace((unsigned char)s[i]))
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
}

static void bad(struct parse_state *st, const char *column, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct parse_state *st, const char *column, const char *fmt, ...)
{
	char field[96], reason[192];
	if (column)
		snprintf(field, sizeof(field), "line %zu, column %s", st->line, column);
	else
		snprintf(field, sizeof(field), "line %zu", st->line);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	lt_problem_field(st->p, field, "%s", reason);
	st->failed = true;
}

static void on_field(void *s, size_t len, void *data)
{
	struct parse_state *st = data;
	size_t i = st->nfields++;
	if (i >= ROW_FIELDS_MAX)
		return;
	st->too_long[i] = len >= FIELD_MAX;
	if (st->too_long[i])
		len = FIELD_MAX - 1;
	if (len && s)
		memcpy(st->fields[i], s, len);
	st->fields[i][len] = '\0';
	st->line_break[i] = strpbrk(st->fields[i], "\r\n") != NULL;
}

static const char *column_label(const struct parse_state *st, enum column c)
{
	const struct column_name *names = st->h->format == LT_TIER_FORMAT_DATASET
						  ? dataset_columns
						  : lantern_columns;
	for (size_t i = 0; i < NCOLUMNS; i++)
		if (names[i].col == c)
			return names[i].name;
	return "?";
}

static void read_header(struct parse_state *st)
{
	bool dataset = false;
	for (size_t i = 0; i < st->nfields && i < ROW_FIELDS_MAX; i++) {
		trim(st->fields[i]);
		for (char *c = st->fields[i]; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (strcmp(st->fields[i], "iso") == 0)
			dataset = true;
	}
	st->h->format = dataset ? LT_TIER_FORMAT_DATASET : LT_TIER_FORMAT_LANTERN;
	const struct column_name *names = dataset ? dataset_columns : lantern_columns;
	const char *expected = dataset ? "countryname, iso, year, ccode, tier"
				       : "country, name, year, tier, source";
	if (st->nfields > ROW_FIELDS_MAX) {
		bad(st, NULL, "%s", "too many columns for a tier history");
		return;
	}
	st->ncols = st->nfields;
	bool seen[COL_IGNORED + 1] = {false};
	for (size_t i = 0; i < st->nfields; i++) {
		const struct column_name *found = NULL;
		for (size_t k = 0; k < NCOLUMNS; k++)
			if (strcmp(names[k].name, st->fields[i]) == 0)
				found = &names[k];
		st->cols[i] = COL_IGNORED;
		if (!found) {
			bad(st, NULL, "unknown column '%s' (expected %s)", st->fields[i], expected);
			continue;
		}
		if (found->col != COL_IGNORED && seen[found->col]) {
			bad(st, NULL, "column '%s' appears twice", found->name);
			continue;
		}
		seen[found->col] = true;
		st->cols[i] = found->col;
	}
	static const enum column required[] = {COL_COUNTRY, COL_YEAR, COL_TIER};
	for (size_t k = 0; k < LT_ARRAY_LEN(required); k++)
		if (!seen[required[k]])
			bad(st, NULL, "the header lacks the column '%s'",
			    column_label(st, required[k]));
}

static bool parse_country(struct parse_state *st, const char *v, char out[4])
{
	bool ok = strlen(v) == 3;
	for (size_t i = 0; ok && i < 3; i++)
		ok = isalpha((unsigned char)v[i]) != 0;
	if (!ok) {
		bad(st, column_label(st, COL_COUNTRY),
		    "'%s' is not an ISO 3166-1 alpha-3 code (three letters)", v);
		return false;
	}
	for (size_t i = 0; i < 3; i++)
		out[i] = (char)toupper((unsigned char)v[i]);
	out[3] = '\0';
	return true;
}

static bool parse_year(struct parse_state *st, const char *v, int *out)
{
	int64_t y;
	if (lt_str_to_i64(v, &y) || y < LT_TIER_YEAR_MIN || y > LT_TIER_YEAR_MAX) {
		bad(st, "year", "'%s' is not a report year between %d and %d", v,
		    LT_TIER_YEAR_MIN, LT_TIER_YEAR_MAX);
		return false;
	}
	*out = (int)y;
	return true;
}

static bool parse_tier(struct parse_state *st, const char *v, enum lt_tier *out)
{
	if (st->h->format == LT_TIER_FORMAT_LANTERN) {
		if (lt_tier_from_name(v, out) == LT_OK)
			return true;
		bad(st, "tier",
		    "unknown tier '%s' (expected tier_1, tier_2, tier_2_watch_list, tier_3, "
		    "special_case or not_ranked)",
		    v);
		return false;
	}
	for (size_t i = 0; i < LT_ARRAY_LEN(dataset_tiers); i++)
		if (strcasecmp(dataset_tiers[i].text, v) == 0) {
			*out = dataset_tiers[i].tier;
			return true;
		}
	bad(st, "tier",
	    "unknown tier '%s' (expected Tier 1, Tier 2, Watchlist, Tier 3, Special Case or NA)",
	    v);
	return false;
}

static lt_err push(struct lt_tier_history *h, const struct lt_tier_placement *pl)
{
	if (h->n == h->cap) {
		struct lt_tier_placement *items = lt_array_grow(h->items, &h->cap, sizeof(*items), 256);
		if (!items)
			return LT_ERR_NOMEM;
		h->items = items;
	}
	h->items[h->n++] = *pl;
	return LT_OK;
}

static void read_row(struct parse_state *st)
{
	if (st->nfields != st->ncols) {
		bad(st, NULL, "%zu fields where the header has %zu", st->nfields, st->ncols);
		return;
	}
	struct lt_tier_placement pl = {.line = st->line, .name = "", .source = ""};
	bool ok = true;
	const char *name = "", *source = "";
	for (size_t i = 0; i < st->ncols; i++) {
		const char *label = column_label(st, st->cols[i]);
		if (st->too_long[i] || st->line_break[i]) {
			bad(st, label, "%s",
			    st->too_long[i] ? "value too long"
					    : "a value may not hold a line break");
			ok = false;
			continue;
		}
		char *v = st->fields[i];
		trim(v);
		switch (st->cols[i]) {
		case COL_COUNTRY: ok = parse_country(st, v, pl.country) && ok; break;
		case COL_YEAR: ok = parse_year(st, v, &pl.year) && ok; break;
		case COL_TIER: ok = parse_tier(st, v, &pl.tier) && ok; break;
		case COL_NAME:
			if (strlen(v) > NAME_MAX_LEN) {
				bad(st, label, "%s", "longer than 100 bytes");
				ok = false;
			}
			name = v;
			break;
		case COL_SOURCE:
			if (strlen(v) > SOURCE_MAX_LEN) {
				bad(st, label, "%s", "longer than 300 bytes");
				ok = false;
			}
			source = v;
			break;
		case COL_IGNORED: break;
		}
	}
	if (!ok || st->failed)
		return;
	pl.name = *name ? lt_arena_strdup(&st->h->arena, name) : "";
	pl.source = *source ? lt_arena_strdup(&st->h->arena, source) : "";
	if (!pl.name || !pl.source || push(st->h, &pl))
		st->hard = LT_ERR_NOMEM;
}

static void on_row(int c, void *data)
{
	LT_UNUSED(c);
	struct parse_state *st = data;
	if (st->hard)
		return;
	if (!st->header_done) {
		st->header_done = true;
		read_header(st);
	} else if (st->ncols) {
		read_row(st);
	}
	st->nfields = 0;
}

static int cmp_placement(const void *a, const void *b)
{
	const struct lt_tier_placement *x = a, *y = b;
	int c = strcmp(x->country, y->country);
	if (c)
		return c;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* The rules count consecutive reports, so a missing year inside a country's
 * span would silently shorten or split a run; refuse it instead. */
static void check_years(struct parse_state *st)
{
	struct lt_tier_history *h = st->h;
	for (size_t i = 1; i < h->n; i++) {
		const struct lt_tier_placement *a = &h->items[i - 1], *b = &h->items[i];
		if (strcmp(a->country, b->country) != 0)
			continue;
		st->line = b->line;
		if (a->year == b->year)
			bad(st, NULL, "%s %d is already given on line %zu", b->country, b->year,
			    a->line);
		else if (b->year != a->year + 1)
			bad(st, NULL,
			    "%s has no placement for %d (line %zu gives %d, this line %d)",
			    b->country, a->year + 1, a->line, a->year, b->year);
	}
}

lt_err lt_tier_history_parse(struct lt_tier_history *h, const char *text, size_t len,
			     struct lt_problem *p)
{
	struct parse_state *st = calloc(1, sizeof(*st));
	if (!st)
		return LT_ERR_NOMEM;
	st->h = h;
	st->p = p;
	struct csv_parser csv;
	if (csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(st);
		return LT_ERR_NOMEM;
	}
	/* Spreadsheets save a byte-order mark that would otherwise stick to the
	 * first column's name. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	lt_err rc = LT_OK;
	size_t pos = 0;
	while (pos < len && !st->hard) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
		st->line++;
		if (csv_parse(&csv, text + pos, n, on_field, on_row, st) != n) {
			if (csv_error(&csv) == CSV_EPARSE) {
				bad(st, NULL, "%s", "malformed quoting");
				break;
			}
			st->hard = LT_ERR_NOMEM;
			break;
		}
		pos += n;
	}
	if (!st->hard && !st->failed && csv_fini(&csv, on_field, on_row, st) != 0)
		bad(st, NULL, "%s", "a quoted value is not closed");
	csv_free(&csv);
	if (st->hard) {
		rc = st->hard;
		goto fail;
	}
	if (!st->header_done && !st->failed) {
		st->line = 1;
		bad(st, NULL, "%s", "the file is empty; it must start with a header line");
	}
	if (st->failed) {
		rc = LT_ERR_INVALID;
		goto fail;
	}
	if (h->n > 1)
		qsort(h->items, h->n, sizeof(*h->items), cmp_placement);
	check_years(st);
	if (st->failed) {
		rc = LT_ERR_INVALID;
		goto fail;
	}
	free(st);
	return LT_OK;
fail:
	if (rc == LT_ERR_NOMEM)
		lt_problem_set(p, rc, "out of memory reading the tier history");
	free(st);
	lt_tier_history_release(h);
	return rc;
}

static lt_err add_cell(struct lt_buf *out, const char *v)
{
	size_t n = strlen(v);
	bool quote = strpbrk(v, ",\"") != NULL ||
		     (n && (isspace((unsigned char)v[0]) || isspace((unsigned char)v[n - 1])));
	if (!quote)
		return lt_buf_adds(out, v);
	lt_err rc = lt_buf_add(out, "\"", 1);
	for (const char *c = v; !rc && *c; c++)
		rc = *c == '"' ? lt_buf_add(out, "\"\"", 2) : lt_buf_add(out, c, 1);
	return rc ? rc : lt_buf_add(out, "\"", 1);
}

lt_err lt_tier_history_write(const struct lt_tier_history *h, const char *default_source,
			     struct lt_buf *out)
{
	lt_err rc = lt_buf_adds(out, "country,name,year,tier,source\n");
	for (size_t i = 0; !rc && i < h->n; i++) {
		const struct lt_tier_placement *pl = &h->items[i];
		const char *source = pl->source[0] || !default_source ? pl->source : default_source;
		rc = lt_buf_addf(out, "%s,", pl->country);
		if (!rc)
			rc = add_cell(out, pl->name);
		if (!rc)
			rc = lt_buf_addf(out, ",%d,%s,", pl->year, lt_tier_name(pl->tier));
		if (!rc)
			rc = add_cell(out, source);
		if (!rc)
			rc = lt_buf_add(out, "\n", 1);
	}
	return rc;
}

void lt_tier_history_country(const struct lt_tier_history *h, const char *country,
			     const struct lt_tier_placement **first, size_t *n)
{
	*first = NULL;
	*n = 0;
	size_t lo = 0, hi = h->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(h->items[mid].country, country) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < h->n && strcmp(h->items[end].country, country) == 0)
		end++;
	if (end > lo) {
		*first = &h->items[lo];
		*n = end - lo;
	}
}
