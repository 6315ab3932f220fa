#include "domain/screening.h"
#include "base/csv.h"
#include "base/embed.h"
#include "base/json.h"
#include "base/str.h"
#include <stdarg.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* The rule                                                            */
/* ------------------------------------------------------------------ */

static const struct {
	const char *id;
	enum lt_screening_part part;
} dim_info[LT_SCREENING_NDIMS] = {
	{"deceptive_recruitment", LT_SCREENING_PART_RECRUITMENT},
	{"coercive_recruitment", LT_SCREENING_PART_RECRUITMENT},
	{"recruitment_vulnerability", LT_SCREENING_PART_RECRUITMENT},
	{"exploitation", LT_SCREENING_PART_EXPLOITATION},
	{"coercion_at_destination", LT_SCREENING_PART_DESTINATION},
	{"destination_vulnerability", LT_SCREENING_PART_DESTINATION},
};

static const char *const part_names[] = {"recruitment", "exploitation", "destination"};

static const char *const outcome_names[LT_SCREENING_OUTCOME_COUNT] = {
	"trafficking",
	"possible_trafficking",
	"labour_exploitation",
	"insufficient_indicators",
	"indicators_present",
	"no_indicators",
};

static const char *const combo_names[] = {
	"", "2 strong", "1 strong + 1 medium", "1 strong + 1 weak", "3 medium", "2 medium + 1 weak",
};

/* The same combinations as the explanation says them. */
static const char *const combo_prose[] = {
	"",
	"2 strong indicators",
	"1 strong and 1 medium indicator",
	"1 strong and 1 weak indicator",
	"3 medium indicators",
	"2 medium and 1 weak indicator",
};

enum lt_screening_combination lt_screening_combination_of(unsigned strong, unsigned medium,
							  unsigned weak)
{
	if (strong >= 2)
		return LT_SCREENING_COMBO_TWO_STRONG;
	if (strong == 1 && medium >= 1)
		return LT_SCREENING_COMBO_STRONG_MEDIUM;
	if (strong == 1 && weak >= 1)
		return LT_SCREENING_COMBO_STRONG_WEAK;
	if (medium >= 3)
		return LT_SCREENING_COMBO_THREE_MEDIUM;
	if (medium == 2 && weak >= 1)
		return LT_SCREENING_COMBO_TWO_MEDIUM_WEAK;
	return LT_SCREENING_COMBO_NONE;
}

enum lt_screening_outcome lt_screening_outcome_of(bool child, bool recruitment,
						  bool exploitation, bool destination)
{
	if (!exploitation)
		return LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS;
	if (child || (recruitment && destination))
		return LT_SCREENING_OUTCOME_TRAFFICKING;
	if (recruitment || destination)
		return LT_SCREENING_OUTCOME_POSSIBLE_TRAFFICKING;
	return LT_SCREENING_OUTCOME_LABOUR_EXPLOITATION;
}

enum lt_screening_part lt_screening_dim_part(enum lt_screening_dim dim)
{
	return dim_info[dim].part;
}

const char *lt_screening_dim_str(enum lt_screening_dim dim)
{
	return (unsigned)dim < LT_SCREENING_NDIMS ? dim_info[dim].id : "?";
}

const char *lt_screening_outcome_str(enum lt_screening_outcome outcome)
{
	return (unsigned)outcome < LT_SCREENING_OUTCOME_COUNT ? outcome_names[outcome] : "?";
}

const char *lt_screening_combination_str(enum lt_screening_combination combo)
{
	return (unsigned)combo < LT_ARRAY_LEN(combo_names) ? combo_names[combo] : "?";
}

/* ------------------------------------------------------------------ */
/* CSV rows from memory                                                */
/* ------------------------------------------------------------------ */

#define CSV_MAX_ROW_BYTES 65536

/* The records of one data file or upload, with its name for messages. */
static lt_err csv_each(const char *text, size_t len, const char *name, lt_csv_row_fn fn, void *ctx,
		       struct lt_problem *p)
{
	return lt_csv_each(text, len, name, CSV_MAX_ROW_BYTES, fn, ctx, p);
}

static const char *cell(const struct lt_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->nstored ? row->fields[col] : "";
}

/* Copies an id from untrusted input into OUT for a message: bounded, and
 * without bytes that could forge lines or escapes on a terminal. */
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

/* ------------------------------------------------------------------ */
/* Loading the tables                                                  */
/* ------------------------------------------------------------------ */

struct load {
	struct lt_screening_table *t;
	struct lt_problem *p;
	const char *file;
	int col[12];
	int weight_col[LT_SCREENING_MAX_PROFILES];
	bool seen_dim[LT_SCREENING_NDIMS];
	struct lt_screening_profile *checklist;
	bool faulty;     /* some row of the current file is at fault */
	bool header_bad; /* the columns are unknown, so the rows cannot be read */
};

static lt_err data_fault(struct load *l, size_t row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static lt_err data_fault(struct load *l, size_t row, const char *fmt, ...)
{
	char field[96], reason[192];
	snprintf(field, sizeof(field), "%s row %zu", l->file, row);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	l->faulty = true;
	lt_problem_field(l->p, field, "%s", reason);
	return LT_OK; /* keep reading: report every fault in one go */
}

/* Maps the header's column names onto COLS (indexes into l->col), and
 * hands any column not in WANT to EXTRA (or reports it when EXTRA is NULL). */
static void map_header(struct load *l, const struct lt_csv_row *row, const char *const *want,
		       size_t nwant, void (*extra)(struct load *, const char *, int))
{
	for (size_t w = 0; w < nwant; w++)
		l->col[w] = -1;
	for (size_t i = 0; i < row->nstored; i++) {
		bool known = false;
		for (size_t w = 0; w < nwant; w++) {
			if (strcmp(row->fields[i], want[w]) == 0) {
				if (l->col[w] >= 0)
					data_fault(l, row->number, "column '%s' appears twice", want[w]);
				l->col[w] = (int)i;
				known = true;
			}
		}
		if (known)
			continue;
		if (extra)
			extra(l, row->fields[i], (int)i);
		else
			data_fault(l, row->number, "unknown column '%s'", row->fields[i]);
	}
	if (row->nfields > row->nstored)
		data_fault(l, row->number, "too many columns");
	for (size_t w = 0; w < nwant; w++)
		if (l->col[w] < 0)
			data_fault(l, row->number, "missing column '%s'", want[w]);
	l->header_bad = l->faulty;
}

/* Common checks on a data row; false when the row cannot be used. */
static bool row_usable(struct load *l, const struct lt_csv_row *row)
{
	if (row->too_long) {
		data_fault(l, row->number, "is longer than %d bytes", CSV_MAX_ROW_BYTES);
		return false;
	}
	if (row->has_nul) {
		data_fault(l, row->number, "contains a NUL byte");
		return false;
	}
	if (row->nfields > row->nstored) {
		data_fault(l, row->number, "too many columns");
		return false;
	}
	return true;
}

/* A name within an id: lower-case letters, digits and '_' only. */
static bool is_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static char *keep(struct load *l, const char *s)
{
	char *copy = lt_arena_strdup(&l->t->arena, s);
	return copy;
}

enum { P_ID, P_KIND, P_AGE, P_EXPLOITATION, P_PROVISIONAL, P_LABEL_EN, P_LABEL_SR, P_SOURCE, P_NOTE };
static const char *const profile_cols[] = {
	"profile", "kind", "age_group", "exploitation", "provisional", "label_en", "label_sr",
	"source", "note",
};

static lt_err on_profile_row(void *ctx, const struct lt_csv_row *row)
{
	struct load *l = ctx;
	struct lt_screening_table *t = l->t;
	if (row->number == 1) {
		map_header(l, row, profile_cols, LT_ARRAY_LEN(profile_cols), NULL);
		return LT_OK;
	}
	if (l->header_bad || !row_usable(l, row))
		return LT_OK;
	if (t->nprofiles >= LT_SCREENING_MAX_PROFILES)
		return data_fault(l, row->number, "more than %d profiles",
				  LT_SCREENING_MAX_PROFILES);
	const char *id = cell(row, l->col[P_ID]);
	const char *kind = cell(row, l->col[P_KIND]);
	const char *age = cell(row, l->col[P_AGE]);
	const char *expl = cell(row, l->col[P_EXPLOITATION]);
	const char *prov = cell(row, l->col[P_PROVISIONAL]);
	struct lt_screening_profile *pr = &t->profiles[t->nprofiles];
	memset(pr, 0, sizeof(*pr));
	if (!is_name(id))
		return data_fault(l, row->number, "profile '%s' is not a valid id", id);
	if (lt_screening_table_profile(t, id))
		return data_fault(l, row->number, "profile '%s' appears twice", id);
	if (strcmp(kind, "weighted") == 0)
		pr->kind = LT_SCREENING_WEIGHTED;
	else if (strcmp(kind, "checklist") == 0)
		pr->kind = LT_SCREENING_CHECKLIST;
	else
		return data_fault(l, row->number, "kind must be weighted or checklist");
	if (strcmp(age, "adult") == 0)
		pr->age = LT_SCREENING_ADULT;
	else if (strcmp(age, "child") == 0)
		pr->age = LT_SCREENING_CHILD;
	else if (strcmp(age, "any") == 0 && pr->kind == LT_SCREENING_CHECKLIST)
		pr->age = LT_SCREENING_ANY_AGE;
	else
		return data_fault(l, row->number, "age_group must be adult or child%s",
				  pr->kind == LT_SCREENING_CHECKLIST ? " or any" : "");
	if (strcmp(expl, "labour") && strcmp(expl, "sexual") && strcmp(expl, "any"))
		return data_fault(l, row->number, "exploitation must be labour, sexual or any");
	if (strcmp(prov, "yes") == 0)
		pr->provisional = true;
	else if (strcmp(prov, "no") != 0)
		return data_fault(l, row->number, "provisional must be yes or no");
	if (!*cell(row, l->col[P_LABEL_EN]) || !*cell(row, l->col[P_LABEL_SR]))
		return data_fault(l, row->number, "labels are required");
	if (!*cell(row, l->col[P_SOURCE]))
		return data_fault(l, row->number, "the source is required");
	pr->id = keep(l, id);
	pr->label_en = keep(l, cell(row, l->col[P_LABEL_EN]));
	pr->label_sr = keep(l, cell(row, l->col[P_LABEL_SR]));
	pr->source = keep(l, cell(row, l->col[P_SOURCE]));
	pr->note = keep(l, cell(row, l->col[P_NOTE]));
	pr->exploitation = keep(l, expl);
	if (!pr->id || !pr->label_en || !pr->label_sr || !pr->source || !pr->note ||
	    !pr->exploitation)
		return LT_ERR_NOMEM;
	pr->index = (unsigned)t->nprofiles++;
	return LT_OK;
}

enum { D_ID, D_PART, D_LABEL_EN, D_LABEL_SR };
static const char *const dim_cols[] = {"dimension", "part", "label_en", "label_sr"};

static int dim_of(const char *id)
{
	for (int d = 0; d < LT_SCREENING_NDIMS; d++)
		if (strcmp(dim_info[d].id, id) == 0)
			return d;
	return -1;
}

static lt_err on_dimension_row(void *ctx, const struct lt_csv_row *row)
{
	struct load *l = ctx;
	if (row->number == 1) {
		map_header(l, row, dim_cols, LT_ARRAY_LEN(dim_cols), NULL);
		return LT_OK;
	}
	if (l->header_bad || !row_usable(l, row))
		return LT_OK;
	const char *id = cell(row, l->col[D_ID]);
	int d = dim_of(id);
	if (d < 0)
		return data_fault(l, row->number, "unknown dimension '%s'", id);
	if (l->seen_dim[d])
		return data_fault(l, row->number, "dimension '%s' appears twice", id);
	/* The outcome rule is written against these parts; data may relabel a
	 * dimension but not move it. */
	if (strcmp(cell(row, l->col[D_PART]), part_names[dim_info[d].part]) != 0)
		return data_fault(l, row->number, "dimension '%s' belongs to part %s", id,
				  part_names[dim_info[d].part]);
	if (!*cell(row, l->col[D_LABEL_EN]) || !*cell(row, l->col[D_LABEL_SR]))
		return data_fault(l, row->number, "labels are required");
	struct lt_screening_dimension *dim = &l->t->dims[d];
	dim->id = dim_info[d].id;
	dim->part = dim_info[d].part;
	dim->label_en = keep(l, cell(row, l->col[D_LABEL_EN]));
	dim->label_sr = keep(l, cell(row, l->col[D_LABEL_SR]));
	if (!dim->label_en || !dim->label_sr)
		return LT_ERR_NOMEM;
	l->seen_dim[d] = true;
	return LT_OK;
}

enum { I_DIM, I_NAME, I_LABEL_EN, I_LABEL_SR };
static const char *const indicator_cols[] = {"dimension", "indicator", "label_en", "label_sr"};

static void indicator_weight_column(struct load *l, const char *name, int col)
{
	const struct lt_screening_profile *pr = lt_screening_table_profile(l->t, name);
	if (!pr || pr->kind != LT_SCREENING_WEIGHTED) {
		data_fault(l, 1, "column '%s' is not a weighted profile", name);
		return;
	}
	if (l->weight_col[pr->index] >= 0)
		data_fault(l, 1, "column '%s' appears twice", name);
	l->weight_col[pr->index] = col;
}

static struct lt_screening_indicator *new_indicator(struct load *l, size_t rowno,
						    const char *id)
{
	struct lt_screening_table *t = l->t;
	if (t->nindicators >= LT_SCREENING_MAX_INDICATORS) {
		data_fault(l, rowno, "more than %d indicators", LT_SCREENING_MAX_INDICATORS);
		return NULL;
	}
	for (size_t i = 0; i < t->nindicators; i++) {
		if (strcmp(t->indicators[i].id, id) == 0) {
			data_fault(l, rowno, "indicator '%s' appears twice", id);
			return NULL;
		}
	}
	struct lt_screening_indicator *ind = &t->indicators[t->nindicators];
	memset(ind, 0, sizeof(*ind));
	ind->index = (unsigned)t->nindicators;
	return ind;
}

static lt_err on_indicator_row(void *ctx, const struct lt_csv_row *row)
{
	struct load *l = ctx;
	struct lt_screening_table *t = l->t;
	if (row->number == 1) {
		for (size_t i = 0; i < LT_SCREENING_MAX_PROFILES; i++)
			l->weight_col[i] = -1;
		map_header(l, row, indicator_cols, LT_ARRAY_LEN(indicator_cols),
			   indicator_weight_column);
		for (size_t i = 0; i < t->nprofiles; i++)
			if (t->profiles[i].kind == LT_SCREENING_WEIGHTED && l->weight_col[i] < 0)
				data_fault(l, 1, "missing weight column for profile '%s'",
					   t->profiles[i].id);
		l->header_bad = l->faulty;
		return LT_OK;
	}
	if (l->header_bad || !row_usable(l, row))
		return LT_OK;
	const char *dim = cell(row, l->col[I_DIM]);
	const char *name = cell(row, l->col[I_NAME]);
	int d = dim_of(dim);
	if (d < 0)
		return data_fault(l, row->number, "unknown dimension '%s'", dim);
	if (!is_name(name))
		return data_fault(l, row->number, "indicator '%s' is not a valid name", name);
	if (!*cell(row, l->col[I_LABEL_EN]) || !*cell(row, l->col[I_LABEL_SR]))
		return data_fault(l, row->number, "labels are required");
	char *id = lt_arena_printf(&t->arena, "%s.%s", dim, name);
	if (!id)
		return LT_ERR_NOMEM;
	struct lt_screening_indicator *ind = new_indicator(l, row->number, id);
	if (!ind)
		return LT_OK;
	for (size_t i = 0; i < t->nprofiles; i++) {
		if (t->profiles[i].kind != LT_SCREENING_WEIGHTED)
			continue;
		const char *w = cell(row, l->weight_col[i]);
		if (strcmp(w, "S") == 0)
			ind->weight[i] = LT_SCREENING_STRONG;
		else if (strcmp(w, "M") == 0)
			ind->weight[i] = LT_SCREENING_MEDIUM;
		else if (strcmp(w, "W") == 0)
			ind->weight[i] = LT_SCREENING_WEAK;
		else if (strcmp(w, "-") == 0)
			ind->weight[i] = LT_SCREENING_ABSENT;
		else
			return data_fault(l, row->number, "weight for %s must be S, M, W or -",
					  t->profiles[i].id);
	}
	ind->id = id;
	ind->dim = d;
	ind->label_en = keep(l, cell(row, l->col[I_LABEL_EN]));
	ind->label_sr = keep(l, cell(row, l->col[I_LABEL_SR]));
	if (!ind->label_en || !ind->label_sr)
		return LT_ERR_NOMEM;
	t->nindicators++;
	return LT_OK;
}

enum { C_NAME, C_LABEL_EN, C_LABEL_SR };
static const char *const checklist_cols[] = {"indicator", "label_en", "label_sr"};

static lt_err on_checklist_row(void *ctx, const struct lt_csv_row *row)
{
	struct load *l = ctx;
	if (row->number == 1) {
		map_header(l, row, checklist_cols, LT_ARRAY_LEN(checklist_cols), NULL);
		return LT_OK;
	}
	if (l->header_bad || !row_usable(l, row))
		return LT_OK;
	const char *name = cell(row, l->col[C_NAME]);
	if (!is_name(name))
		return data_fault(l, row->number, "indicator '%s' is not a valid name", name);
	if (!*cell(row, l->col[C_LABEL_EN]) || !*cell(row, l->col[C_LABEL_SR]))
		return data_fault(l, row->number, "labels are required");
	struct lt_screening_indicator *ind = new_indicator(l, row->number, name);
	if (!ind)
		return LT_OK;
	ind->id = keep(l, name);
	ind->dim = -1;
	ind->label_en = keep(l, cell(row, l->col[C_LABEL_EN]));
	ind->label_sr = keep(l, cell(row, l->col[C_LABEL_SR]));
	if (!ind->id || !ind->label_en || !ind->label_sr)
		return LT_ERR_NOMEM;
	ind->weight[l->checklist->index] = LT_SCREENING_LISTED;
	l->t->nindicators++;
	return LT_OK;
}

static lt_err load_file(struct load *l, lt_screening_reader read, void *ctx, const char *name,
			lt_csv_row_fn fn)
{
	size_t len = 0;
	const char *text = read(ctx, name, &len);
	if (!text)
		return lt_problem_set(l->p, LT_ERR_NOT_FOUND, "The data file %s is missing.", name);
	l->file = name;
	l->faulty = false;
	l->header_bad = false;
	lt_err rc = csv_each(text, len, name, fn, l, l->p);
	if (rc)
		return rc;
	if (l->faulty)
		return lt_problem_set(l->p, LT_ERR_INVALID,
				      "The screening data in %s is not valid.", name);
	return LT_OK;
}

static int cmp_by_id(const void *a, const void *b)
{
	const struct lt_screening_indicator *x = *(const struct lt_screening_indicator *const *)a;
	const struct lt_screening_indicator *y = *(const struct lt_screening_indicator *const *)b;
	return strcmp(x->id, y->id);
}

lt_err lt_screening_table_load(struct lt_screening_table *t, lt_screening_reader read,
			       void *ctx, struct lt_problem *p)
{
	memset(t, 0, sizeof(*t));
	lt_arena_init(&t->arena);
	struct load l;
	memset(&l, 0, sizeof(l));
	l.t = t;
	l.p = p;
	lt_err rc = load_file(&l, read, ctx, "ilo/profiles.csv", on_profile_row);
	if (rc)
		goto fail;
	rc = load_file(&l, read, ctx, "ilo/dimensions.csv", on_dimension_row);
	if (rc)
		goto fail;
	for (int d = 0; d < LT_SCREENING_NDIMS; d++) {
		if (!l.seen_dim[d]) {
			rc = lt_problem_set(p, LT_ERR_INVALID,
					    "The screening data in ilo/dimensions.csv lacks "
					    "the dimension %s.",
					    dim_info[d].id);
			goto fail;
		}
	}
	rc = load_file(&l, read, ctx, "ilo/indicators.csv", on_indicator_row);
	if (rc)
		goto fail;
	for (size_t i = 0; i < t->nprofiles; i++) {
		if (t->profiles[i].kind != LT_SCREENING_CHECKLIST)
			continue;
		char name[64];
		snprintf(name, sizeof(name), "ilo/%s.csv", t->profiles[i].id);
		l.checklist = &t->profiles[i];
		rc = load_file(&l, read, ctx, name, on_checklist_row);
		if (rc)
			goto fail;
	}
	for (size_t i = 0; i < t->nindicators; i++) {
		t->by_id[i] = &t->indicators[i];
		for (size_t k = 0; k < t->nprofiles; k++)
			if (t->indicators[i].weight[k] != LT_SCREENING_ABSENT)
				t->profiles[k].nindicators++;
	}
	for (size_t k = 0; k < t->nprofiles; k++) {
		if (t->profiles[k].nindicators == 0) {
			rc = lt_problem_set(p, LT_ERR_INVALID,
					    "The screening profile %s has no indicators.",
					    t->profiles[k].id);
			goto fail;
		}
	}
	qsort(t->by_id, t->nindicators, sizeof(t->by_id[0]), cmp_by_id);
	return LT_OK;
fail:
	lt_screening_table_release(t);
	return rc;
}

static const char *embedded_read(void *ctx, const char *name, size_t *len)
{
	LT_UNUSED(ctx);
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, name);
	if (!f)
		return NULL;
	*len = f->len;
	return (const char *)f->data;
}

lt_err lt_screening_table_load_embedded(struct lt_screening_table *t, struct lt_problem *p)
{
	return lt_screening_table_load(t, embedded_read, NULL, p);
}

void lt_screening_table_release(struct lt_screening_table *t)
{
	lt_arena_release(&t->arena);
	t->nprofiles = 0;
	t->nindicators = 0;
}

const struct lt_screening_profile *lt_screening_table_profile(const struct lt_screening_table *t,
							      const char *id)
{
	for (size_t i = 0; i < t->nprofiles; i++)
		if (strcmp(t->profiles[i].id, id) == 0)
			return &t->profiles[i];
	return NULL;
}

const struct lt_screening_indicator *
lt_screening_table_indicator(const struct lt_screening_table *t, const char *id)
{
	size_t lo = 0, hi = t->nindicators;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, t->by_id[mid]->id);
		if (c == 0)
			return t->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Screening one person                                                */
/* ------------------------------------------------------------------ */

static void unknown_profile(const struct lt_screening_table *t, const char *id,
			    struct lt_problem *p)
{
	char names[160] = "", shown[72];
	size_t n = 0;
	for (size_t i = 0; i < t->nprofiles && n < sizeof(names); i++) {
		int w = snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "",
				 t->profiles[i].id);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	lt_problem_field(p, "profile", "unknown profile '%s' (expected one of %s)",
			 printable(id, shown, sizeof(shown)), names);
}

lt_err lt_screening_run(const struct lt_screening_table *t, const char *profile,
			const char *const *ids, size_t nids, struct lt_screening_result *out,
			struct lt_problem *p)
{
	memset(out, 0, sizeof(*out));
	const struct lt_screening_profile *pr = profile ? lt_screening_table_profile(t, profile)
							: NULL;
	if (!profile || !*profile)
		return lt_problem_field(p, "profile", "is required");
	if (!pr) {
		unknown_profile(t, profile, p);
		return LT_ERR_INVALID;
	}
	bool seen[LT_SCREENING_MAX_INDICATORS] = {false};
	bool bad = false;
	for (size_t i = 0; i < nids; i++) {
		char field[48], shown[72];
		snprintf(field, sizeof(field), "indicators[%zu]", i);
		if (!ids[i] || !*ids[i]) {
			bad = true;
			lt_problem_field(p, field, "must be a non-empty indicator id");
			continue;
		}
		const struct lt_screening_indicator *ind = lt_screening_table_indicator(t, ids[i]);
		if (!ind) {
			bad = true;
			lt_problem_field(p, field, "unknown indicator '%s'",
					 printable(ids[i], shown, sizeof(shown)));
		} else if (ind->weight[pr->index] == LT_SCREENING_ABSENT) {
			bad = true;
			lt_problem_field(p, field, "indicator '%s' is not in the %s profile", ind->id,
					 pr->id);
		} else {
			seen[ind->index] = true;
		}
	}
	if (bad)
		return LT_ERR_INVALID;

	out->profile = pr;
	/* Table order, not input order, so equal answers give equal results. */
	for (size_t i = 0; i < t->nindicators; i++) {
		if (!seen[i])
			continue;
		const struct lt_screening_indicator *ind = &t->indicators[i];
		out->found[out->nfound++] = ind;
		if (ind->dim < 0)
			continue;
		struct lt_screening_dim_result *d = &out->dims[ind->dim];
		d->nfound++;
		switch (ind->weight[pr->index]) {
		case LT_SCREENING_STRONG: d->strong++; break;
		case LT_SCREENING_MEDIUM: d->medium++; break;
		case LT_SCREENING_WEAK: d->weak++; break;
		default: break;
		}
	}
	if (pr->kind == LT_SCREENING_CHECKLIST) {
		out->outcome = out->nfound ? LT_SCREENING_OUTCOME_INDICATORS_PRESENT
					   : LT_SCREENING_OUTCOME_NO_INDICATORS;
		return LT_OK;
	}
	for (int d = 0; d < LT_SCREENING_NDIMS; d++) {
		struct lt_screening_dim_result *dr = &out->dims[d];
		dr->combination = lt_screening_combination_of(dr->strong, dr->medium, dr->weak);
		dr->positive = dr->combination != LT_SCREENING_COMBO_NONE;
		if (!dr->positive)
			continue;
		switch (dim_info[d].part) {
		case LT_SCREENING_PART_RECRUITMENT: out->recruitment = true; break;
		case LT_SCREENING_PART_EXPLOITATION: out->exploitation = true; break;
		case LT_SCREENING_PART_DESTINATION: out->destination = true; break;
		}
	}
	out->outcome = lt_screening_outcome_of(pr->age == LT_SCREENING_CHILD, out->recruitment,
					       out->exploitation, out->destination);
	return LT_OK;
}

#define LT_SCREENING_MAX_REQUEST_IDS 1000

lt_err lt_screening_run_json(const struct lt_screening_table *t, const json_t *doc,
			     const char *profile_override, struct lt_screening_result *out,
			     struct lt_problem *p)
{
	static const struct lt_json_field fields[] = {
		{"profile", LT_JSON_STRING, false, 64},
		{"indicators", LT_JSON_ARRAY, true, LT_SCREENING_MAX_REQUEST_IDS},
	};
	if (!json_is_object(doc))
		return lt_problem_field(p, "(document)", "must be a JSON object");
	lt_err rc = lt_json_check(doc, fields, LT_ARRAY_LEN(fields), NULL, p);
	const char *profile = profile_override ? profile_override : lt_json_str(doc, "profile");
	/* A missing profile is named with the other faults, not on a second try. */
	bool no_profile = !profile || !*profile;
	if (rc) {
		if (rc == LT_ERR_INVALID && no_profile && !json_object_get(doc, "profile"))
			lt_problem_field(p, "profile", "is required");
		return rc;
	}
	const json_t *list = json_object_get(doc, "indicators");
	size_t n = json_array_size(list);
	const char *ids[LT_SCREENING_MAX_REQUEST_IDS];
	bool bad = no_profile;
	if (no_profile)
		lt_problem_field(p, "profile", "is required");
	for (size_t i = 0; i < n; i++) {
		ids[i] = json_string_value(json_array_get(list, i));
		if (!ids[i]) {
			char field[48];
			snprintf(field, sizeof(field), "indicators[%zu]", i);
			lt_problem_field(p, field, "must be a string");
			bad = true;
		}
	}
	if (bad)
		return LT_ERR_INVALID;
	return lt_screening_run(t, profile, ids, n, out, p);
}

/* ------------------------------------------------------------------ */
/* Explanation                                                         */
/* ------------------------------------------------------------------ */

/* Appends LABEL with its first letter in lower case, for use mid-sentence. */
static lt_err add_lower(struct lt_buf *b, const char *label)
{
	if (label[0] >= 'A' && label[0] <= 'Z' && !(label[1] >= 'A' && label[1] <= 'Z')) {
		char c = (char)(label[0] - 'A' + 'a');
		lt_err rc = lt_buf_add(b, &c, 1);
		return rc ? rc : lt_buf_adds(b, label + 1);
	}
	return lt_buf_adds(b, label);
}

/* "1 medium and 2 weak indicators" */
static lt_err add_counts(struct lt_buf *b, const struct lt_screening_dim_result *d)
{
	const unsigned n[3] = {d->strong, d->medium, d->weak};
	static const char *const w[3] = {"strong", "medium", "weak"};
	size_t parts = 0, shown = 0;
	for (int i = 0; i < 3; i++)
		parts += n[i] != 0;
	lt_err rc = LT_OK;
	for (int i = 0; i < 3 && !rc; i++) {
		if (!n[i])
			continue;
		const char *sep = shown == 0 ? "" : (shown + 1 == parts ? " and " : ", ");
		rc = lt_buf_addf(b, "%s%u %s", sep, n[i], w[i]);
		shown++;
	}
	if (!rc)
		rc = lt_buf_adds(b, d->strong + d->medium + d->weak == 1 ? " indicator"
									: " indicators");
	return rc;
}

static lt_err explain_checklist(const struct lt_screening_result *r, struct lt_buf *b)
{
	lt_err rc;
	unsigned total = r->profile->nindicators;
	if (r->nfound == 0)
		return lt_buf_addf(b,
				   "None of the %u indicators on this checklist is present. The "
				   "checklist does not rule out exploitation: keep assessing if "
				   "there are other concerns.",
				   total);
	rc = lt_buf_addf(b, "%zu of the %u indicators on this checklist %s present: ", r->nfound,
			 total, r->nfound == 1 ? "is" : "are");
	for (size_t i = 0; i < r->nfound && !rc; i++) {
		if (i)
			rc = lt_buf_adds(b, ", ");
		if (!rc)
			rc = add_lower(b, r->found[i]->label_en);
	}
	if (!rc)
		rc = lt_buf_adds(b,
				 ". This quick checklist is not weighted and gives no verdict: in "
				 "some situations one indicator is enough to point to forced labour, "
				 "in others several are needed together. Keep assessing with the "
				 "full operational indicators of trafficking, or refer the case to "
				 "the labour inspection.");
	return rc;
}

static const char *outcome_sentence(const struct lt_screening_result *r)
{
	bool child = r->profile->age == LT_SCREENING_CHILD;
	bool sexual = strcmp(r->profile->exploitation, "sexual") == 0;
	switch (r->outcome) {
	case LT_SCREENING_OUTCOME_TRAFFICKING:
		if (child)
			return "Exploitation shows indicators of trafficking. For a child (under "
			       "18) the means (deception, coercion, abuse of vulnerability) need "
			       "not be shown (Palermo Protocol, Art. 3(c)), so this points to "
			       "trafficking in human beings: refer the child for identification "
			       "and involve child protection.";
		return "Recruitment, exploitation and the situation at destination all show "
		       "indicators of trafficking. For an adult this points to trafficking in "
		       "human beings: refer the person for identification.";
	case LT_SCREENING_OUTCOME_POSSIBLE_TRAFFICKING:
		if (!r->recruitment)
			return "Exploitation and the situation at destination show indicators of "
			       "trafficking, but recruitment does not. This is possible "
			       "trafficking and needs further assessment: keep assessing, above "
			       "all how the person was recruited, before deciding on a referral "
			       "for identification.";
		return "Recruitment and exploitation show indicators of trafficking, but the "
		       "situation at destination does not. This is possible trafficking and "
		       "needs further assessment: keep assessing, above all whether the person "
		       "is controlled, coerced or dependent at the destination, before deciding "
		       "on a referral for identification.";
	case LT_SCREENING_OUTCOME_LABOUR_EXPLOITATION:
		if (sexual)
			return "Exploitation shows indicators, but neither recruitment nor the "
			       "situation at destination does. This points to exploitation "
			       "without the other elements of trafficking: refer the person to the "
			       "services competent for this form of exploitation, and screen again "
			       "if signs of deception, coercion or dependency appear.";
		return "Exploitation shows indicators, but neither recruitment nor the situation "
		       "at destination does. This points to labour exploitation, a breach of "
		       "labour rights rather than trafficking: refer the case to the labour "
		       "inspection, and screen again if signs of deception, coercion or "
		       "dependency appear.";
	case LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS:
		if (child)
			return "Exploitation is not established (its dimension is not positive), "
			       "so the indicators are not sufficient to point to trafficking of a "
			       "child. For a child exploitation alone is enough, so keep assessing "
			       "the child's situation.";
		return "Exploitation is not established (its dimension is not positive), so for "
		       "an adult the indicators are not sufficient to point to trafficking or "
		       "labour exploitation: keep assessing if there are other concerns.";
	default:
		return "";
	}
}

lt_err lt_screening_result_explain(const struct lt_screening_table *t,
				   const struct lt_screening_result *r, struct lt_buf *b)
{
	if (r->profile->kind == LT_SCREENING_CHECKLIST)
		return explain_checklist(r, b);
	lt_err rc = LT_OK;
	size_t npositive = 0, nshort = 0;
	for (int d = 0; d < LT_SCREENING_NDIMS; d++) {
		npositive += r->dims[d].positive;
		nshort += !r->dims[d].positive && r->dims[d].nfound;
	}
	if (r->nfound == 0)
		rc = lt_buf_adds(b, "No indicators were recorded.");
	else if (npositive == 0)
		rc = lt_buf_adds(b, "No dimension is positive.");
	else {
		rc = lt_buf_adds(b, "Positive dimensions: ");
		size_t shown = 0;
		for (int d = 0; d < LT_SCREENING_NDIMS && !rc; d++) {
			if (!r->dims[d].positive)
				continue;
			if (shown++)
				rc = lt_buf_adds(b, "; ");
			if (!rc)
				rc = add_lower(b, t->dims[d].label_en);
			if (!rc)
				rc = lt_buf_addf(b, " (%s)", combo_prose[r->dims[d].combination]);
		}
		if (!rc)
			rc = lt_buf_adds(b, ".");
	}
	if (!rc && nshort) {
		rc = lt_buf_adds(b, " Indicators were found but are not enough for a positive "
				    "dimension in: ");
		size_t shown = 0;
		for (int d = 0; d < LT_SCREENING_NDIMS && !rc; d++) {
			if (r->dims[d].positive || !r->dims[d].nfound)
				continue;
			if (shown++)
				rc = lt_buf_adds(b, "; ");
			if (!rc)
				rc = add_lower(b, t->dims[d].label_en);
			if (!rc)
				rc = lt_buf_adds(b, " (");
			if (!rc)
				rc = add_counts(b, &r->dims[d]);
			if (!rc)
				rc = lt_buf_adds(b, ")");
		}
		if (!rc)
			rc = lt_buf_adds(b, ". A dimension is positive with 2 strong indicators, "
					    "1 strong and 1 medium or weak, 3 medium, or 2 medium "
					    "and 1 weak.");
	}
	if (!rc)
		rc = lt_buf_addf(b, " %s", outcome_sentence(r));
	if (!rc && r->profile->provisional)
		rc = lt_buf_adds(b, " The weights of this profile are provisional until checked "
				    "against the ILO publication, so treat the result with care.");
	return rc;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */
/* ------------------------------------------------------------------ */

/* The ids found in dimension DIM, or all of them when DIM is -1. */
static json_t *found_ids(const struct lt_screening_result *r, int dim)
{
	json_t *a = json_array();
	if (!a)
		return NULL;
	for (size_t i = 0; i < r->nfound; i++) {
		if (dim >= 0 && r->found[i]->dim != dim)
			continue;
		if (json_array_append_new(a, json_string(r->found[i]->id)) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

lt_err lt_screening_result_to_json(const struct lt_screening_table *t,
				   const struct lt_screening_result *r, json_t **out)
{
	*out = NULL;
	struct lt_buf text;
	lt_buf_init(&text, 0);
	lt_err rc = lt_screening_result_explain(t, r, &text);
	if (rc)
		goto fail;
	json_t *o;
	if (r->profile->kind == LT_SCREENING_CHECKLIST) {
		o = json_pack("{s:s, s:b, s:o, s:I, s:I, s:s, s:s%}", "profile", r->profile->id,
			      "provisional", r->profile->provisional, "indicators",
			      found_ids(r, -1), "count", (json_int_t)r->nfound, "total",
			      (json_int_t)r->profile->nindicators, "outcome",
			      lt_screening_outcome_str(r->outcome), "explanation", text.data,
			      text.len);
	} else {
		json_t *dims = json_object();
		for (int d = 0; d < LT_SCREENING_NDIMS && dims; d++) {
			const struct lt_screening_dim_result *dr = &r->dims[d];
			json_t *one = json_pack("{s:I, s:I, s:I, s:b, s:o}", "strong",
						(json_int_t)dr->strong, "medium",
						(json_int_t)dr->medium, "weak", (json_int_t)dr->weak,
						"positive", dr->positive, "indicators",
						found_ids(r, d));
			if (json_object_set_new(dims, dim_info[d].id, one) != 0) {
				json_decref(dims);
				dims = NULL;
			}
		}
		o = json_pack("{s:s, s:b, s:o, s:s, s:s%}", "profile", r->profile->id,
			      "provisional", r->profile->provisional, "dimensions", dims, "outcome",
			      lt_screening_outcome_str(r->outcome), "explanation", text.data,
			      text.len);
	}
	if (!o) {
		rc = LT_ERR_NOMEM;
		goto fail;
	}
	*out = o;
fail:
	lt_buf_release(&text);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Groups                                                              */
/* ------------------------------------------------------------------ */

#define GROUP_MAX_IDS 1000

struct group {
	const struct lt_screening_table *t;
	const char *profile_override;
	lt_screening_row_fn fn;
	void *ctx;
	struct lt_problem *p;
	size_t nbad;      /* rows that could not be screened */
	size_t nproblems; /* problems found, also those past the problem's cap */
	struct lt_buf ids;
	struct lt_screening_result result;
	/* The people seen so far, so that one person is not screened twice in
	 * a file (and counted twice in the summary): an open-addressing table
	 * of their names, kept in NAMES. */
	struct seen_person {
		uint64_t hash;
		size_t row; /* 0: an empty slot */
		size_t name; /* offset in NAMES */
	} *seen;
	size_t nseen, capseen;
	struct lt_buf names;
};

static uint64_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Records PERSON as seen on ROW, or sets *FIRST to the row it was first
 * seen on (0 when it is new). */
static lt_err person_seen(struct group *g, const char *person, size_t row, size_t *first)
{
	*first = 0;
	if ((g->nseen + 1) * 2 > g->capseen) {
		size_t cap = g->capseen ? g->capseen * 2 : 1024;
		struct seen_person *grown = calloc(cap, sizeof(*grown));
		if (!grown)
			return LT_ERR_NOMEM;
		for (size_t i = 0; i < g->capseen; i++) {
			if (!g->seen[i].row)
				continue;
			size_t j = (size_t)g->seen[i].hash & (cap - 1);
			while (grown[j].row)
				j = (j + 1) & (cap - 1);
			grown[j] = g->seen[i];
		}
		free(g->seen);
		g->seen = grown;
		g->capseen = cap;
	}
	uint64_t h = name_hash(person);
	for (size_t i = (size_t)h & (g->capseen - 1);; i = (i + 1) & (g->capseen - 1)) {
		struct seen_person *e = &g->seen[i];
		if (!e->row) {
			e->hash = h;
			e->row = row;
			e->name = g->names.len;
			g->nseen++;
			return lt_buf_add(&g->names, person, strlen(person) + 1);
		}
		if (e->hash == h && strcmp(g->names.data + e->name, person) == 0) {
			*first = e->row;
			return LT_OK;
		}
	}
}

static void row_fault(struct group *g, size_t row, const char *reason)
{
	char field[32];
	snprintf(field, sizeof(field), "row %zu", row);
	g->nproblems++;
	lt_problem_field(g->p, field, "%s", reason);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* True when S is well-formed UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF), as JSON output requires. */
static bool utf8_valid(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		unsigned c = *u;
		size_t n;
		unsigned min, cp;
		if (c < 0x80) {
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
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		u += n + 1;
	}
	return true;
}

static lt_err on_group_row(void *ctx, const struct lt_csv_row *row)
{
	struct group *g = ctx;
	char reason[192];
	if (row->number == 1 && row->nstored && strcasecmp(row->fields[0], "person") == 0)
		return LT_OK;
	bool bad_text = false;
	for (size_t i = 0; i < row->nstored; i++)
		bad_text = bad_text || !utf8_valid(row->fields[i]);
	if (row->too_long || row->has_nul || bad_text || row->nfields > 3) {
		if (bad_text)
			snprintf(reason, sizeof(reason), "is not valid UTF-8 text");
		else if (row->too_long)
			snprintf(reason, sizeof(reason), "is longer than %d bytes",
				 CSV_MAX_ROW_BYTES);
		else if (row->has_nul)
			snprintf(reason, sizeof(reason), "contains a NUL byte");
		else
			snprintf(reason, sizeof(reason),
				 "has %zu columns; expected person, profile, indicators",
				 row->nfields);
		row_fault(g, row->number, reason);
		g->nbad++;
		return LT_OK;
	}
	const char *person = cell(row, 0);
	const char *profile = g->profile_override ? g->profile_override : cell(row, 1);
	bool bad = false;
	if (!*person) {
		row_fault(g, row->number, "person is required");
		bad = true;
	} else {
		size_t first;
		lt_err seen_rc = person_seen(g, person, row->number, &first);
		if (seen_rc)
			return seen_rc;
		if (first) {
			char shown[64];
			snprintf(reason, sizeof(reason), "person '%s' is already on row %zu",
				 printable(person, shown, sizeof(shown)), first);
			row_fault(g, row->number, reason);
			bad = true;
		}
	}
	if (!*profile) {
		row_fault(g, row->number, "profile is required");
		bad = true;
	}
	/* Split a copy of the indicators cell on ';' in place. */
	lt_buf_reset(&g->ids);
	lt_err rc = lt_buf_adds(&g->ids, cell(row, 2));
	if (rc)
		return rc;
	const char *ids[GROUP_MAX_IDS];
	size_t n = 0;
	char *s = g->ids.data; /* never NULL after a successful add */
	while (s && !bad) {
		char *end = strchr(s, ';');
		if (end)
			*end = '\0';
		char *id = trim(s);
		if (*id) {
			if (n == GROUP_MAX_IDS) {
				snprintf(reason, sizeof(reason), "has more than %d indicators",
					 GROUP_MAX_IDS);
				row_fault(g, row->number, reason);
				bad = true;
				break;
			}
			ids[n++] = id;
		}
		s = end ? end + 1 : NULL;
	}
	if (bad) {
		g->nbad++;
		return LT_OK;
	}
	struct lt_problem rp;
	lt_problem_init(&rp);
	rc = lt_screening_run(g->t, profile, ids, n, &g->result, &rp);
	if (rc == LT_ERR_INVALID) {
		for (size_t i = 0; i < rp.nfields; i++)
			row_fault(g, row->number, rp.fields[i].reason);
		g->nbad++;
		return LT_OK;
	}
	if (rc)
		return rc;
	return g->fn(g->ctx, row->number, person, &g->result);
}

lt_err lt_screening_group_run(const struct lt_screening_table *t, const char *csv, size_t len,
			      const char *profile_override, lt_screening_row_fn fn, void *ctx,
			      struct lt_problem *p)
{
	if (profile_override && !lt_screening_table_profile(t, profile_override)) {
		unknown_profile(t, profile_override, p);
		return LT_ERR_INVALID;
	}
	struct group *g = calloc(1, sizeof(*g));
	if (!g)
		return LT_ERR_NOMEM;
	g->t = t;
	g->profile_override = profile_override;
	g->fn = fn;
	g->ctx = ctx;
	g->p = p;
	lt_buf_init(&g->ids, CSV_MAX_ROW_BYTES);
	lt_buf_init(&g->names, len + 1); /* the names are cells of CSV */
	lt_err rc = csv_each(csv, len, NULL, on_group_row, g, p);
	if (!rc && g->nbad) {
		size_t listed = p->nfields;
		if (g->nproblems > listed)
			lt_problem_set(p, LT_ERR_INVALID,
				       "%zu row%s could not be screened; the first %zu of %zu "
				       "problems are listed.",
				       g->nbad, g->nbad == 1 ? "" : "s", listed, g->nproblems);
		else
			lt_problem_set(p, LT_ERR_INVALID, "%zu row%s could not be screened.",
				       g->nbad, g->nbad == 1 ? "" : "s");
		rc = LT_ERR_INVALID;
	}
	lt_buf_release(&g->ids);
	lt_buf_release(&g->names);
	free(g->seen);
	free(g);
	return rc;
}

void lt_screening_tally_init(struct lt_screening_tally *y)
{
	memset(y, 0, sizeof(*y));
}

void lt_screening_tally_add(struct lt_screening_tally *y, const struct lt_screening_result *r)
{
	y->people++;
	if ((unsigned)r->outcome < LT_SCREENING_OUTCOME_COUNT)
		y->outcomes[r->outcome]++;
	for (size_t i = 0; i < r->nfound; i++)
		y->indicators[r->found[i]->index]++;
}

lt_err lt_screening_tally_to_json(const struct lt_screening_table *t,
				  const struct lt_screening_tally *y, size_t top, json_t **out)
{
	*out = NULL;
	json_t *outcomes = json_object();
	for (int o = 0; o < LT_SCREENING_OUTCOME_COUNT && outcomes; o++) {
		if (json_object_set_new(outcomes, outcome_names[o],
					json_integer((json_int_t)y->outcomes[o])) != 0) {
			json_decref(outcomes);
			outcomes = NULL;
		}
	}
	json_t *freq = json_array();
	bool taken[LT_SCREENING_MAX_INDICATORS] = {false};
	/* A few passes over at most a couple of hundred counts: simpler than a
	 * sort and stable (ties keep table order). */
	for (size_t k = 0; k < top && freq; k++) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < t->nindicators; i++)
			if (!taken[i] && y->indicators[i] &&
			    (best == SIZE_MAX || y->indicators[i] > y->indicators[best]))
				best = i;
		if (best == SIZE_MAX)
			break;
		taken[best] = true;
		json_t *one = json_pack("{s:s, s:I}", "indicator", t->indicators[best].id,
					"people", (json_int_t)y->indicators[best]);
		if (json_array_append_new(freq, one) != 0) {
			json_decref(freq);
			freq = NULL;
		}
	}
	*out = json_pack("{s:I, s:o, s:o}", "people", (json_int_t)y->people, "outcomes",
			 outcomes, "most_frequent_indicators", freq);
	return *out ? LT_OK : LT_ERR_NOMEM;
}
