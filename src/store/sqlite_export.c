/* Open data and exchange: the rows of the CTDC and HTCDS exports. */
#include "store/sqlite_internal.h"
#include "store/store_export.h"

static const char *text_or_null(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* --- CTDC ---
 *
 * One query per table, each read in key order, instead of one query with
 * four correlated subqueries per case (seconds per million cases): the
 * cases in id order, then the child tables walked in step with them (by
 * case id) or looked up through a table of persons. The rules the
 * subqueries had are kept exactly: the latest identified case per person;
 * the own country's citizenship when held, else the first in code order;
 * the first country of exploitation other than the own country, else it;
 * every form; the latest screening (by date, then id). */

/* ?1..?2 the identification date range. */
static const char sql_ctdc_cases[] =
	"SELECT c.id, c.person_id, c.referral_year, p.sex, coalesce(c.age_at_referral, -1), "
	"coalesce(c.is_child, -1) FROM cases c JOIN persons p ON p.id = c.person_id "
	"WHERE c.identification = 'identified' AND c.identification_date BETWEEN ?1 AND ?2 "
	"ORDER BY c.id";
static const char sql_ctdc_citizenships[] =
	"SELECT person_id, country FROM person_citizenships ORDER BY person_id, country";
static const char sql_ctdc_countries[] =
	"SELECT case_id, country FROM case_countries ORDER BY case_id, country";
static const char sql_ctdc_forms[] =
	"SELECT case_id, form FROM case_exploitation ORDER BY case_id, form";
/* The index case_screenings_case gives this order; the last row of a case
 * is its latest screening. */
static const char sql_ctdc_screenings[] =
	"SELECT case_id, indicators FROM case_screenings ORDER BY case_id, screening_date, id";

/* Distinct texts, each stored once in a pool; ids index OFF/LEN (0: none). */
struct interner {
	struct lt_buf pool;
	size_t *off;
	uint32_t *len;
	size_t n, cap;   /* ids in use (id 0 included) and room */
	uint32_t *slots; /* id, 0 = empty */
	size_t nslots;   /* a power of two */
};

static uint64_t text_hash(const char *t, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)t[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static lt_err interner_grow(struct interner *in)
{
	size_t cap = in->cap ? in->cap * 2 : 256;
	size_t *off = realloc(in->off, cap * sizeof(*off));
	if (off)
		in->off = off;
	uint32_t *len = realloc(in->len, cap * sizeof(*len));
	if (len)
		in->len = len;
	uint32_t *slots = calloc(cap * 2, sizeof(*slots));
	if (!off || !len || !slots) {
		free(slots);
		return LT_ERR_NOMEM;
	}
	in->cap = cap;
	free(in->slots);
	in->slots = slots;
	in->nslots = cap * 2;
	for (uint32_t id = 1; id < in->n; id++) {
		size_t i = (size_t)text_hash(in->pool.data + in->off[id], in->len[id]) & (in->nslots - 1);
		while (in->slots[i])
			i = (i + 1) & (in->nslots - 1);
		in->slots[i] = id;
	}
	return LT_OK;
}

/* The id of TEXT (LEN bytes), added when new; 0 for NULL. */
static lt_err intern(struct interner *in, const char *text, size_t len, uint32_t *id)
{
	*id = 0;
	if (!text)
		return LT_OK;
	if (len > UINT32_MAX || in->n >= UINT32_MAX)
		return LT_ERR_TOO_LARGE;
	lt_err rc;
	if (in->n >= in->cap && (rc = interner_grow(in)))
		return rc;
	size_t i = (size_t)text_hash(text, len) & (in->nslots - 1);
	for (uint32_t s; (s = in->slots[i]); i = (i + 1) & (in->nslots - 1))
		if (in->len[s] == len && !memcmp(in->pool.data + in->off[s], text, len)) {
			*id = s;
			return LT_OK;
		}
	size_t at = in->pool.len;
	if ((rc = lt_buf_add(&in->pool, text, len)) || (rc = lt_buf_add(&in->pool, "", 1)))
		return rc;
	in->off[in->n] = at;
	in->len[in->n] = (uint32_t)len;
	in->slots[i] = (uint32_t)in->n;
	*id = (uint32_t)in->n++;
	return LT_OK;
}

static void interner_free(struct interner *in)
{
	lt_buf_release(&in->pool);
	free(in->off);
	free(in->len);
	free(in->slots);
}

/* Persons to the index of their record: open addressing on the id. */
#define NO_RECORD UINT32_MAX
struct person_map {
	int64_t *keys;
	uint32_t *vals; /* NO_RECORD: an empty slot */
	size_t cap;     /* a power of two, at least twice the persons */
};

/* The slot of person ID: its own, or the empty one where it would go.
 * Ids are scattered in blocks of 16, consecutive ids staying side by side:
 * the scans visit persons in id order, so a block costs one cache miss
 * instead of sixteen, while ids far apart still spread over the table. */
static size_t person_slot(const struct person_map *m, int64_t id)
{
	uint64_t u = (uint64_t)id;
	uint64_t h = ((u >> 4) * 0x9E3779B97F4A7C15ULL) >> 24 << 4 | (u & 15);
	size_t i = (size_t)h & (m->cap - 1);
	while (m->vals[i] != NO_RECORD && m->keys[i] != id)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* What the scans need of a case beyond its record. */
struct ctdc_case {
	int64_t id, person_id;
};

struct ctdc_read {
	struct lt_store *s;
	struct interner in;
	struct lt_export_ctdc_rec *rec;
	struct ctdc_case *cases;
	size_t n, cap;
	struct person_map persons;
	uint32_t own;        /* the own country's text id */
	struct lt_buf forms; /* the forms read so far of case FORMS_OF, joined */
	size_t forms_of;     /* SIZE_MAX before the first */
};

static lt_err step_done(struct lt_store *s, sqlite3_stmt *st, int step, lt_err rc)
{
	if (!rc && step != SQLITE_DONE)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}

static lt_err column_text(struct interner *in, sqlite3_stmt *st, int col, uint32_t *id)
{
	const char *t = (const char *)sqlite3_column_text(st, col);
	return intern(in, t, t ? (size_t)sqlite3_column_bytes(st, col) : 0, id);
}

/* The identified cases in id order, then one per person: the latest. */
static lt_err read_cases(struct ctdc_read *r, const char *start, const char *end)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(r->s, sql_ctdc_cases, &st);
	if (rc)
		return rc;
	sqlite3_bind_text(st, 1, start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->n == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 4096;
			struct lt_export_ctdc_rec *rec = realloc(r->rec, cap * sizeof(*rec));
			if (rec)
				r->rec = rec;
			struct ctdc_case *c = realloc(r->cases, cap * sizeof(*c));
			if (c)
				r->cases = c;
			if (!rec || !c) {
				rc = LT_ERR_NOMEM;
				break;
			}
			r->cap = cap;
		}
		r->cases[r->n] = (struct ctdc_case){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)};
		struct lt_export_ctdc_rec *x = &r->rec[r->n];
		*x = (struct lt_export_ctdc_rec){.referral_year = sqlite3_column_int64(st, 2),
						 .age = sqlite3_column_int64(st, 4),
						 .is_child = sqlite3_column_int(st, 5)};
		rc = column_text(&r->in, st, 3, &x->sex);
		r->n++;
	}
	if ((rc = step_done(r->s, st, step, rc)))
		return rc;
	if (r->n > UINT32_MAX / 2)
		return LT_ERR_TOO_LARGE;
	/* Keep the latest case of each person: rows come in id order, so a
	 * person's later row replaces the earlier one, which is dropped. */
	r->persons.cap = 16;
	while (r->persons.cap < r->n * 2)
		r->persons.cap <<= 1;
	r->persons.keys = malloc(r->persons.cap * sizeof(*r->persons.keys));
	r->persons.vals = malloc(r->persons.cap * sizeof(*r->persons.vals));
	uint8_t *drop = calloc(r->n ? r->n : 1, 1);
	if (!r->persons.keys || !r->persons.vals || !drop) {
		free(drop);
		return LT_ERR_NOMEM;
	}
	memset(r->persons.vals, 0xff, r->persons.cap * sizeof(*r->persons.vals));
	for (size_t i = 0; i < r->n; i++) {
		size_t slot = person_slot(&r->persons, r->cases[i].person_id);
		if (r->persons.vals[slot] != NO_RECORD)
			drop[r->persons.vals[slot]] = 1;
		r->persons.keys[slot] = r->cases[i].person_id;
		r->persons.vals[slot] = (uint32_t)i;
	}
	size_t kept = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (drop[i])
			continue;
		r->rec[kept] = r->rec[i];
		r->cases[kept] = r->cases[i];
		r->persons.vals[person_slot(&r->persons, r->cases[kept].person_id)] = (uint32_t)kept;
		kept++;
	}
	r->n = kept;
	free(drop);
	return LT_OK;
}

static lt_err read_citizenships(struct ctdc_read *r)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(r->s, sql_ctdc_citizenships, &st);
	if (rc)
		return rc;
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t slot = person_slot(&r->persons, sqlite3_column_int64(st, 0));
		if (r->persons.vals[slot] == NO_RECORD)
			continue;
		struct lt_export_ctdc_rec *x = &r->rec[r->persons.vals[slot]];
		uint32_t id;
		if ((rc = column_text(&r->in, st, 1, &id)))
			break;
		/* Rows come in code order: the first one, unless the own country follows. */
		if (!x->citizenship || id == r->own)
			x->citizenship = id;
	}
	return step_done(r->s, st, step, rc);
}

/* Walks SQL's rows (case id first, in order) in step with the cases; TAKE
 * applies one row to its case's record. */
static lt_err walk_cases(struct ctdc_read *r, const char *sql,
			 lt_err (*take)(struct ctdc_read *r, size_t i, sqlite3_stmt *st))
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(r->s, sql, &st);
	if (rc)
		return rc;
	int step = SQLITE_DONE;
	size_t i = 0;
	while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		while (i < r->n && r->cases[i].id < id)
			i++;
		if (i == r->n)
			break; /* past the last case: nothing more to take */
		if (r->cases[i].id == id)
			rc = take(r, i, st);
	}
	if (!rc && step == SQLITE_ROW)
		step = SQLITE_DONE;
	return step_done(r->s, st, step, rc);
}

static lt_err take_country(struct ctdc_read *r, size_t i, sqlite3_stmt *st)
{
	uint32_t id;
	lt_err rc = column_text(&r->in, st, 1, &id);
	struct lt_export_ctdc_rec *x = &r->rec[i];
	/* Code order: the first one, replaced by the first other than the own country. */
	if (!rc && (!x->country || (x->country == r->own && id != r->own)))
		x->country = id;
	return rc;
}

static lt_err take_screening(struct ctdc_read *r, size_t i, sqlite3_stmt *st)
{
	return column_text(&r->in, st, 1, &r->rec[i].indicators); /* the last is the latest */
}

/* The forms of the case before are complete: its text. */
static lt_err forms_done(struct ctdc_read *r)
{
	if (r->forms_of == SIZE_MAX)
		return LT_OK;
	return intern(&r->in, r->forms.data ? r->forms.data : "", r->forms.len,
		      &r->rec[r->forms_of].forms);
}

/* Joins a case's forms with ',' (in code order), as group_concat did. */
static lt_err take_form(struct ctdc_read *r, size_t i, sqlite3_stmt *st)
{
	lt_err rc = LT_OK;
	if (r->forms_of != i) {
		rc = forms_done(r);
		lt_buf_reset(&r->forms);
		r->forms_of = i;
	} else {
		rc = lt_buf_add(&r->forms, ",", 1);
	}
	const char *form = (const char *)sqlite3_column_text(st, 1);
	if (!rc && form)
		rc = lt_buf_add(&r->forms, form, (size_t)sqlite3_column_bytes(st, 1));
	return rc;
}

lt_err lt_store_export_ctdc(struct lt_store *s, int64_t year, const char *own,
			    struct lt_export_ctdc_set *out)
{
	memset(out, 0, sizeof(*out));
	char start[16] = "0000-01-01", end[16] = "9999-12-31";
	if (year) {
		snprintf(start, sizeof(start), "%04lld-01-01", (long long)year);
		snprintf(end, sizeof(end), "%04lld-12-31", (long long)year);
	}
	struct ctdc_read r = {.s = s, .forms_of = SIZE_MAX};
	lt_buf_init(&r.in.pool, 0);
	lt_buf_init(&r.forms, 0);
	r.in.n = 1; /* id 0 is NULL */
	lt_err rc = interner_grow(&r.in);
	if (!rc)
		rc = intern(&r.in, own, strlen(own), &r.own);
	if (!rc)
		rc = read_cases(&r, start, end);
	if (!rc)
		rc = read_citizenships(&r);
	if (!rc)
		rc = walk_cases(&r, sql_ctdc_countries, take_country);
	if (!rc)
		rc = walk_cases(&r, sql_ctdc_forms, take_form);
	if (!rc)
		rc = forms_done(&r);
	if (!rc)
		rc = walk_cases(&r, sql_ctdc_screenings, take_screening);
	out->rec = r.rec;
	out->n = r.n;
	out->pool = lt_buf_detach(&r.in.pool, NULL);
	out->ntext = r.in.n;
	out->text = calloc(r.in.n, sizeof(*out->text));
	if (!rc && (!out->pool || !out->text))
		rc = LT_ERR_NOMEM;
	for (size_t id = 1; !rc && id < r.in.n; id++)
		out->text[id] = out->pool + r.in.off[id];
	free(r.cases);
	free(r.persons.keys);
	free(r.persons.vals);
	lt_buf_release(&r.forms);
	interner_free(&r.in);
	if (rc)
		lt_store_export_ctdc_free(out);
	return rc;
}

void lt_store_export_ctdc_free(struct lt_export_ctdc_set *set)
{
	free(set->rec);
	free((void *)set->text);
	free(set->pool);
	memset(set, 0, sizeof(*set));
}

/* --- HTCDS --- */

static const char sql_htcds[] =
	"SELECT c.id, c.person_id, c.case_number, c.ref, c.status, c.referral_date, "
	"c.referral_source, c.referring_organisation, c.consent_to_share, p.sex, "
	"coalesce(p.birth_year, 0), coalesce(c.age_at_referral, -1), c.identification, "
	"c.identification_date, "
	"(SELECT group_concat(country, ';') FROM (SELECT pc.country FROM person_citizenships pc "
	" WHERE pc.person_id = c.person_id ORDER BY pc.country)), "
	"(SELECT group_concat(country, ';') FROM (SELECT cc.country FROM case_countries cc "
	" WHERE cc.case_id = c.id ORDER BY cc.country)), "
	"(SELECT group_concat(form) FROM (SELECT e.form FROM case_exploitation e "
	" WHERE e.case_id = c.id ORDER BY e.form)), "
	"(SELECT s.indicators FROM case_screenings s WHERE s.case_id = c.id "
	" ORDER BY s.screening_date DESC, s.id DESC LIMIT 1) "
	"FROM cases c JOIN persons p ON p.id = c.person_id ORDER BY c.id";

lt_err lt_store_export_htcds(struct lt_store *s,
			     lt_err (*cb)(void *ctx, const struct lt_export_htcds_row *row), void *ctx)
{
	sqlite3_stmt *st;
	lt_err rc = lt_sq_stmt(s, sql_htcds, &st);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct lt_export_htcds_row r = {
			.case_id = sqlite3_column_int64(st, 0),
			.person_id = sqlite3_column_int64(st, 1),
			.case_number = text_or_null(st, 2),
			.ref = text_or_null(st, 3),
			.status = text_or_null(st, 4),
			.referral_date = text_or_null(st, 5),
			.source = text_or_null(st, 6),
			.referring_org = text_or_null(st, 7),
			.consent = sqlite3_column_int(st, 8) != 0,
			.sex = text_or_null(st, 9),
			.birth_year = sqlite3_column_int64(st, 10),
			.age = sqlite3_column_int64(st, 11),
			.identification = text_or_null(st, 12),
			.identification_date = text_or_null(st, 13),
			.citizenship = text_or_null(st, 14),
			.countries = text_or_null(st, 15),
			.forms = text_or_null(st, 16),
			.indicators = text_or_null(st, 17),
		};
		if ((rc = cb(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = lt_sq_err(s, step);
	sqlite3_reset(st);
	return rc;
}
