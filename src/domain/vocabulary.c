/* The closed vocabularies: CSV tables under data/vocab/, parsed once from the
 * embedded data with libcsv, then read-only. docs/vocabularies.md describes
 * the files; this file knows only their layout. */
#include "domain/vocabulary.h"
#include "base/array.h"
#include "base/csv.h"
#include "base/arena.h"
#include "base/embed.h"
#include <pthread.h>
#include <stdarg.h>
#include <strings.h>

#define VOCAB_MAX_COLUMNS 8
#define VOCAB_MAX_ROW_BYTES 4096
#define VOCAB_MAX_LABEL 200
#define VOCAB_MAX_CODE 32
#define VOCAB_MAX_ROWS 1000

static const char *const group_names[] = {"sexual", "labour", "criminality", "other"};

static const struct {
	const char *name; /* wire name, also the file name under vocab/ */
	const char *file;
} kind_info[LT_VOCAB_COUNT] = {
	[LT_VOCAB_SEX] = {"sex", "vocab/sex.csv"},
	[LT_VOCAB_REFERRAL_SOURCE] = {"referral_source", "vocab/referral_source.csv"},
	[LT_VOCAB_EXPLOITATION] = {"exploitation", "vocab/exploitation.csv"},
	[LT_VOCAB_SERVICE] = {"service", "vocab/service.csv"},
	[LT_VOCAB_COUNTRY] = {"country", "vocab/country.csv"},
	[LT_VOCAB_LANGUAGE] = {"language", "vocab/language.csv"},
};

#define COUNTRY_HINT "an ISO 3166-1 alpha-2 code, e.g. RS"

struct entry {
	const char *code;
	const char *en;
	const char *sr_latn;
	const char *sr_cyrl;
	const char *group; /* exploitation only, else NULL */
	const char *htcds; /* NULL when the file has no htcds column */
};

struct table {
	struct lt_arena arena;
	struct entry *items; /* file order */
	size_t n, cap;
	const struct entry **sorted; /* by code, for lookups */
	const char *hint;
};

/* ------------------------------------------------------------------ */
/* Serbian Latin to Cyrillic                                           */
/* ------------------------------------------------------------------ */

struct letter {
	const char *latin;
	const char *cyrillic;
};

/* Two Latin letters for one Cyrillic letter. */
static const struct letter digraphs[] = {
	{"lj", "љ"}, {"Lj", "Љ"}, {"LJ", "Љ"}, {"nj", "њ"}, {"Nj", "Њ"},
	{"NJ", "Њ"}, {"dž", "џ"}, {"Dž", "Џ"}, {"DŽ", "Џ"},
};

static const struct letter letters[] = {
	{"a", "а"}, {"b", "б"}, {"c", "ц"}, {"č", "ч"}, {"ć", "ћ"}, {"d", "д"},
	{"đ", "ђ"}, {"e", "е"}, {"f", "ф"}, {"g", "г"}, {"h", "х"}, {"i", "и"},
	{"j", "ј"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"},
	{"p", "п"}, {"r", "р"}, {"s", "с"}, {"š", "ш"}, {"t", "т"}, {"u", "у"},
	{"v", "в"}, {"z", "з"}, {"ž", "ж"}, {"A", "А"}, {"B", "Б"}, {"C", "Ц"},
	{"Č", "Ч"}, {"Ć", "Ћ"}, {"D", "Д"}, {"Đ", "Ђ"}, {"E", "Е"}, {"F", "Ф"},
	{"G", "Г"}, {"H", "Х"}, {"I", "И"}, {"J", "Ј"}, {"K", "К"}, {"L", "Л"},
	{"M", "М"}, {"N", "Н"}, {"O", "О"}, {"P", "П"}, {"R", "Р"}, {"S", "С"},
	{"Š", "Ш"}, {"T", "Т"}, {"U", "У"}, {"V", "В"}, {"Z", "З"}, {"Ž", "Ж"},
	/* The Unicode digraph letters (Latin Extended-B). */
	{"Ǆ", "Џ"}, {"ǅ", "Џ"}, {"ǆ", "џ"}, {"Ǉ", "Љ"}, {"ǈ", "Љ"}, {"ǉ", "љ"},
	{"Ǌ", "Њ"}, {"ǋ", "Њ"}, {"ǌ", "њ"},
};

/* Word beginnings where d+ž, n+j or l+j meet across a prefix boundary and
 * stay two letters; SPLIT is the byte offset of the first of the pair. */
static const struct {
	const char *prefix;
	size_t split;
} not_digraphs[] = {
	{"nadživ", 2}, {"nadžnj", 2}, {"podžanr", 2}, {"podžup", 2},
	{"odžal", 1},  {"odžvak", 1}, {"predžet", 3}, {"injek", 1},
	{"konjug", 2}, {"konjunk", 2}, {"vanjez", 2}, {"tanjug", 2},
};

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Like starts_with(), ignoring ASCII case and the case of ž. */
static bool starts_with_ci(const char *s, const char *prefix)
{
	for (size_t i = 0; prefix[i]; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)prefix[i];
		if (!a)
			return false;
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (i > 0 && (unsigned char)s[i - 1] == 0xC5 && a == 0xBD) /* Ž -> ž */
			a = 0xBE;
		if (a != b)
			return false;
	}
	return true;
}

static bool is_letter_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static size_t utf8_seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	if ((c & 0xF8) == 0xF0)
		return 4;
	return 1;
}

lt_err lt_vocab_cyrillic(const char *latin, struct lt_buf *out)
{
	const char *s = latin;
	const char *keep_apart = NULL; /* a pair here is two letters */
	while (*s) {
		if (s == latin || !is_letter_byte((unsigned char)s[-1])) {
			keep_apart = NULL;
			for (size_t i = 0; i < LT_ARRAY_LEN(not_digraphs); i++)
				if (starts_with_ci(s, not_digraphs[i].prefix))
					keep_apart = s + not_digraphs[i].split;
		}
		const struct letter *hit = NULL;
		if (s != keep_apart)
			for (size_t i = 0; i < LT_ARRAY_LEN(digraphs) && !hit; i++)
				if (starts_with(s, digraphs[i].latin))
					hit = &digraphs[i];
		for (size_t i = 0; i < LT_ARRAY_LEN(letters) && !hit; i++)
			if (starts_with(s, letters[i].latin))
				hit = &letters[i];
		lt_err rc;
		if (hit) {
			rc = lt_buf_adds(out, hit->cyrillic);
			s += strlen(hit->latin);
		} else {
			size_t n = utf8_seq_len((unsigned char)*s);
			size_t k = 1;
			while (k < n && s[k])
				k++;
			rc = lt_buf_add(out, s, k);
			s += k;
		}
		if (rc)
			return rc;
	}
	return LT_OK;
}

/* ------------------------------------------------------------------ */
/* CSV rows from memory                                                */
/* ------------------------------------------------------------------ */

struct parse;
static lt_err on_row(struct parse *ps, const struct lt_csv_row *row);

/* lt_csv_each's callback, bound to a parse. */
static lt_err on_record(void *ctx, const struct lt_csv_row *row)
{
	return on_row(ctx, row);
}

/* ------------------------------------------------------------------ */
/* Loading one table                                                   */
/* ------------------------------------------------------------------ */

enum { COL_CODE, COL_EN, COL_SR_LATN, COL_GROUP, COL_HTCDS, NCOLS };
static const char *const col_names[NCOLS] = {"code", "en", "sr_latn", "group", "htcds"};

struct parse {
	enum lt_vocab_kind kind;
	const char *name;
	struct table *t;
	struct lt_problem *p;
	int col[NCOLS];
	size_t ncols;    /* columns in the header */
	bool faulty;     /* some row is at fault */
	bool header_bad; /* the columns are unknown, so the rows cannot be read */
	struct lt_buf cyr;
};

static lt_err fault(struct parse *ps, size_t row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static lt_err fault(struct parse *ps, size_t row, const char *fmt, ...)
{
	char field[96], reason[192];
	snprintf(field, sizeof(field), "%s row %zu", ps->name, row);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	ps->faulty = true;
	lt_problem_field(ps->p, field, "%s", reason);
	return LT_OK; /* keep reading: report every fault in one go */
}

/* Copies S into OUT for a message: bounded, control bytes replaced. */
static const char *printable(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 4 < cap; s++)
		out[n++] = ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s;
	if (*s) {
		out[n++] = '.';
		out[n++] = '.';
		out[n++] = '.';
	}
	out[n] = '\0';
	return out;
}

/* True when S is well-formed UTF-8 with no control characters. */
static bool text_ok(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		unsigned c = *u, cp, min;
		size_t n;
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return false;
			u++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, min = 0x80, cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, min = 0x800, cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, min = 0x10000, cp = c & 0x07;
		} else {
			return false;
		}
		for (size_t i = 1; i <= n; i++) {
			if ((u[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (u[i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
		    (cp >= 0x80 && cp < 0xA0))
			return false;
		u += n + 1;
	}
	return true;
}

static bool all_in(const char *s, const char *lo, const char *hi)
{
	for (; *s; s++) {
		bool ok = false;
		for (size_t i = 0; lo[i]; i++)
			ok = ok || (*s >= lo[i] && *s <= hi[i]);
		if (!ok)
			return false;
	}
	return true;
}

/* Why CODE is not a valid code of KIND, or NULL when it is. */
static const char *code_fault(enum lt_vocab_kind kind, const char *code)
{
	size_t n = strlen(code);
	if (kind == LT_VOCAB_COUNTRY) {
		if (n == 2 && all_in(code, "A", "Z"))
			return NULL;
		return "must be two upper-case letters (ISO 3166-1 alpha-2)";
	}
	if (kind == LT_VOCAB_LANGUAGE) {
		if ((n == 2 || n == 3) && all_in(code, "a", "z"))
			return NULL;
		return "must be two or three lower-case letters (ISO 639)";
	}
	if (n >= 1 && n <= VOCAB_MAX_CODE && code[0] >= 'a' && code[0] <= 'z' &&
	    all_in(code, "a0_", "z9_"))
		return NULL;
	return "must be lower-case letters, digits and '_', starting with a letter";
}

static const char *cell(const struct parse *ps, const struct lt_csv_row *row, int col)
{
	int i = ps->col[col];
	return i >= 0 && (size_t)i < row->nstored ? row->fields[i] : "";
}

static void map_header(struct parse *ps, const struct lt_csv_row *row)
{
	for (int c = 0; c < NCOLS; c++)
		ps->col[c] = -1;
	ps->ncols = row->nfields;
	if (row->nfields > VOCAB_MAX_COLUMNS)
		fault(ps, row->number, "has more than %d columns", VOCAB_MAX_COLUMNS);
	for (size_t i = 0; i < row->nstored; i++) {
		int c = -1;
		for (int k = 0; k < NCOLS; k++)
			if (strcmp(row->fields[i], col_names[k]) == 0)
				c = k;
		if (c == COL_GROUP && ps->kind != LT_VOCAB_EXPLOITATION)
			c = -1;
		char shown[64];
		if (c < 0) {
			fault(ps, row->number, "unknown column '%s'",
			      printable(row->fields[i], shown, sizeof(shown)));
			continue;
		}
		if (ps->col[c] >= 0)
			fault(ps, row->number, "column '%s' appears twice", col_names[c]);
		ps->col[c] = (int)i;
	}
	for (int c = 0; c < NCOLS; c++) {
		bool required =
		    c <= COL_SR_LATN || (c == COL_GROUP && ps->kind == LT_VOCAB_EXPLOITATION);
		if (required && ps->col[c] < 0)
			fault(ps, row->number, "missing column '%s'", col_names[c]);
	}
	ps->header_bad = ps->faulty;
}

static const char *keep(struct parse *ps, const char *s)
{
	return lt_arena_strdup(&ps->t->arena, s);
}

/* False (with the fault recorded) when the label S in COLUMN is unusable. */
static bool label_ok(struct parse *ps, size_t rowno, const char *column, const char *s)
{
	if (!*s)
		fault(ps, rowno, "%s is required", column);
	else if (!text_ok(s))
		fault(ps, rowno, "%s is not valid UTF-8 text without control characters", column);
	else if (strlen(s) > VOCAB_MAX_LABEL)
		fault(ps, rowno, "%s is longer than %d bytes", column, VOCAB_MAX_LABEL);
	else
		return true;
	return false;
}

static lt_err on_row(struct parse *ps, const struct lt_csv_row *row)
{
	if (row->number == 1) {
		map_header(ps, row);
		return LT_OK;
	}
	if (ps->header_bad)
		return LT_OK;
	if (row->too_long)
		return fault(ps, row->number, "is longer than %d bytes", VOCAB_MAX_ROW_BYTES);
	if (row->has_nul)
		return fault(ps, row->number, "contains a NUL byte");
	if (row->nfields != ps->ncols)
		return fault(ps, row->number, "has %zu column%s; the header has %zu", row->nfields,
			     row->nfields == 1 ? "" : "s", ps->ncols);
	struct table *t = ps->t;
	if (t->n >= VOCAB_MAX_ROWS)
		return fault(ps, row->number, "more than %d codes", VOCAB_MAX_ROWS);
	char shown[64];
	const char *code = cell(ps, row, COL_CODE);
	const char *why = code_fault(ps->kind, code);
	if (why)
		return fault(ps, row->number, "code '%s' %s", printable(code, shown, sizeof(shown)),
			     why);
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->items[i].code, code) == 0)
			return fault(ps, row->number, "code '%s' appears twice", code);
	const char *en = cell(ps, row, COL_EN);
	const char *sr = cell(ps, row, COL_SR_LATN);
	bool en_ok = label_ok(ps, row->number, "en", en);
	bool sr_ok = label_ok(ps, row->number, "sr_latn", sr);
	bool bad = !en_ok || !sr_ok;
	const char *group = NULL;
	if (ps->col[COL_GROUP] >= 0) {
		group = cell(ps, row, COL_GROUP);
		bool known = false;
		for (size_t g = 0; g < LT_ARRAY_LEN(group_names); g++)
			known = known || strcmp(group, group_names[g]) == 0;
		if (!known) {
			fault(ps, row->number,
			      "group '%s' must be sexual, labour, criminality or other",
			      printable(group, shown, sizeof(shown)));
			bad = true;
		}
	}
	const char *htcds = NULL;
	if (ps->col[COL_HTCDS] >= 0) {
		htcds = cell(ps, row, COL_HTCDS);
		if (strlen(htcds) > 64 || !all_in(htcds, "aA0_", "zZ9_")) {
			fault(ps, row->number,
			      "htcds '%s' must be an HTCDS value (letters, digits, '_') or empty",
			      printable(htcds, shown, sizeof(shown)));
			bad = true;
		}
	}
	if (bad)
		return LT_OK;
	if (t->n == t->cap) {
		struct entry *items = lt_array_grow(t->items, &t->cap, sizeof(*items), 16);
		if (!items)
			return LT_ERR_NOMEM;
		t->items = items;
	}
	lt_buf_reset(&ps->cyr);
	lt_err rc = lt_vocab_cyrillic(sr, &ps->cyr);
	if (rc)
		return rc;
	struct entry *e = &t->items[t->n];
	e->code = keep(ps, code);
	e->en = keep(ps, en);
	e->sr_latn = keep(ps, sr);
	e->sr_cyrl = keep(ps, ps->cyr.data);
	e->group = group ? keep(ps, group) : NULL;
	e->htcds = htcds ? keep(ps, htcds) : NULL;
	if (!e->code || !e->en || !e->sr_latn || !e->sr_cyrl || (group && !e->group) ||
	    (htcds && !e->htcds))
		return LT_ERR_NOMEM;
	t->n++;
	return LT_OK;
}

static void table_release(struct table *t)
{
	lt_arena_release(&t->arena);
	free(t->items);
	free(t->sorted);
	memset(t, 0, sizeof(*t));
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;
	return strcmp(x->code, y->code);
}

/* Indexes T by code and joins its codes into the hint. */
static lt_err table_finish(struct table *t, enum lt_vocab_kind kind)
{
	t->sorted = malloc((t->n ? t->n : 1) * sizeof(*t->sorted));
	if (!t->sorted)
		return LT_ERR_NOMEM;
	for (size_t i = 0; i < t->n; i++)
		t->sorted[i] = &t->items[i];
	qsort(t->sorted, t->n, sizeof(*t->sorted), cmp_entry);
	if (kind == LT_VOCAB_COUNTRY) {
		t->hint = COUNTRY_HINT;
		return LT_OK;
	}
	struct lt_buf b;
	lt_buf_init(&b, 0);
	lt_err rc = LT_OK;
	for (size_t i = 0; i < t->n && !rc; i++)
		rc = lt_buf_addf(&b, "%s%s", i ? ", " : "", t->items[i].code);
	if (!rc) {
		t->hint = lt_arena_strdup(&t->arena, b.data ? b.data : "");
		if (!t->hint)
			rc = LT_ERR_NOMEM;
	}
	lt_buf_release(&b);
	return rc;
}

/* Parses TEXT as the data file NAME of KIND into T (released on failure). */
static lt_err table_parse(struct table *t, enum lt_vocab_kind kind, const char *name,
			  const char *text, size_t len, struct lt_problem *p)
{
	memset(t, 0, sizeof(*t));
	lt_arena_init(&t->arena);
	struct parse ps;
	memset(&ps, 0, sizeof(ps));
	ps.kind = kind;
	ps.name = name;
	ps.t = t;
	ps.p = p;
	lt_buf_init(&ps.cyr, 0);
	lt_err rc = lt_csv_each(text, len, name, VOCAB_MAX_ROW_BYTES, on_record, &ps, p);
	if (!rc && ps.faulty)
		rc = lt_problem_set(p, LT_ERR_INVALID, "The vocabulary data in %s is not valid.",
				    name);
	else if (!rc && t->n == 0)
		rc = lt_problem_set(p, LT_ERR_INVALID, "The vocabulary data in %s has no codes.",
				    name);
	if (!rc)
		rc = table_finish(t, kind);
	lt_buf_release(&ps.cyr);
	if (rc)
		table_release(t);
	return rc;
}

lt_err lt_vocab_check_csv(enum lt_vocab_kind kind, const char *name, const char *text, size_t len,
			  struct lt_problem *p)
{
	if ((unsigned)kind >= LT_VOCAB_COUNT)
		return lt_problem_set(p, LT_ERR_INVALID, "Unknown vocabulary.");
	struct table t;
	lt_err rc = table_parse(&t, kind, name, text, len, p);
	if (!rc)
		table_release(&t);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The loaded tables                                                   */
/* ------------------------------------------------------------------ */

static struct table tables[LT_VOCAB_COUNT];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static lt_err init_rc;
static struct lt_problem init_problem;

static void init_all(void)
{
	lt_problem_init(&init_problem);
	for (int k = 0; k < LT_VOCAB_COUNT; k++) {
		const struct lt_embedded_file *f = lt_embed_find(lt_data_files, kind_info[k].file);
		if (!f) {
			init_rc = lt_problem_set(&init_problem, LT_ERR_NOT_FOUND,
						 "The data file %s is missing.", kind_info[k].file);
		} else {
			init_rc = table_parse(&tables[k], (enum lt_vocab_kind)k, kind_info[k].file,
					      (const char *)f->data, f->len, &init_problem);
		}
		if (init_rc) {
			for (int i = 0; i < k; i++)
				table_release(&tables[i]);
			return;
		}
	}
}

lt_err lt_vocab_init(struct lt_problem *p)
{
	pthread_once(&init_once, init_all);
	if (init_rc && p)
		*p = init_problem;
	return init_rc;
}

static const struct table *table_of(enum lt_vocab_kind kind)
{
	if ((unsigned)kind >= LT_VOCAB_COUNT || lt_vocab_init(NULL) != LT_OK)
		return NULL;
	return &tables[kind];
}

static const struct entry *find(enum lt_vocab_kind kind, const char *code)
{
	const struct table *t = table_of(kind);
	if (!t || !code)
		return NULL;
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, t->sorted[mid]->code);
		if (c == 0)
			return t->sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool lt_vocab_has(enum lt_vocab_kind kind, const char *code)
{
	return find(kind, code) != NULL;
}

const char *lt_vocab_label(enum lt_vocab_kind kind, const char *code, const char *lang)
{
	const struct entry *e = find(kind, code);
	if (!e || !lang)
		return NULL;
	if (strcasecmp(lang, "en") == 0)
		return e->en;
	if (strcasecmp(lang, "sr-Latn") == 0 || strcasecmp(lang, "sr") == 0)
		return e->sr_latn;
	if (strcasecmp(lang, "sr-Cyrl") == 0)
		return e->sr_cyrl;
	return NULL;
}

const char *lt_vocab_hint(enum lt_vocab_kind kind)
{
	if (kind == LT_VOCAB_COUNTRY)
		return COUNTRY_HINT;
	const struct table *t = table_of(kind);
	return t ? t->hint : "";
}

const char *lt_vocab_name(enum lt_vocab_kind kind)
{
	return (unsigned)kind < LT_VOCAB_COUNT ? kind_info[kind].name : "";
}

bool lt_vocab_kind_of(const char *name, enum lt_vocab_kind *out)
{
	for (int k = 0; name && k < LT_VOCAB_COUNT; k++)
		if (strcmp(kind_info[k].name, name) == 0) {
			*out = (enum lt_vocab_kind)k;
			return true;
		}
	return false;
}

size_t lt_vocab_size(enum lt_vocab_kind kind)
{
	const struct table *t = table_of(kind);
	return t ? t->n : 0;
}

const char *lt_vocab_code_at(enum lt_vocab_kind kind, size_t i)
{
	const struct table *t = table_of(kind);
	return t && i < t->n ? t->items[i].code : NULL;
}

const char *lt_vocab_exploitation_group(const char *code)
{
	const struct entry *e = find(LT_VOCAB_EXPLOITATION, code);
	return e ? e->group : NULL;
}

const char *lt_vocab_htcds(enum lt_vocab_kind kind, const char *code)
{
	const struct entry *e = find(kind, code);
	return e ? e->htcds : NULL;
}

json_t *lt_vocab_json(void)
{
	if (lt_vocab_init(NULL) != LT_OK)
		return NULL;
	json_t *root = json_object();
	for (int k = 0; k < LT_VOCAB_COUNT && root; k++) {
		const struct table *t = &tables[k];
		json_t *list = json_array();
		for (size_t i = 0; i < t->n && list; i++) {
			const struct entry *e = &t->items[i];
			json_t *one =
			    json_pack("{s:s, s:s, s:s, s:s}", "code", e->code, "en", e->en,
				      "sr-Latn", e->sr_latn, "sr-Cyrl", e->sr_cyrl);
			if (one && e->group &&
			    json_object_set_new(one, "group", json_string(e->group)) != 0) {
				json_decref(one);
				one = NULL;
			}
			if (json_array_append_new(list, one) != 0) {
				json_decref(list);
				list = NULL;
			}
		}
		if (json_object_set_new(root, kind_info[k].name, list) != 0) {
			json_decref(root);
			root = NULL;
		}
	}
	return root;
}
