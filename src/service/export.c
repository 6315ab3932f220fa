#include "service/export.h"
#include "base/str.h"
#include "crypto/seal.h"
#include "domain/ctdc.h"
#include "domain/jurisdiction.h"
#include "domain/vocabulary.h"
#include "service/audit.h"
#include "service/policy.h"
#include "store/store_export.h"
#include <sodium.h>
#include <strings.h>

#define FLUSH_AT (1 << 20)

/* --- CTDC --- */

/* The dimensions coded from a text, and the text each reads. */
static const enum lt_ctdc_dim text_dims[] = {LT_CTDC_GENDER, LT_CTDC_CITIZENSHIP, LT_CTDC_COUNTRY,
					     LT_CTDC_MEANS, LT_CTDC_EXPLOIT};
#define NTEXT_DIMS LT_ARRAY_LEN(text_dims)
#define NOT_CODED UINT32_MAX

static uint32_t rec_text(const struct lt_export_ctdc_rec *x, size_t i)
{
	const uint32_t ids[NTEXT_DIMS] = {x->sex, x->citizenship, x->country, x->indicators, x->forms};
	return ids[i];
}

/* The records as value tuples (N * LT_CTDC_NDIMS, for the caller to free).
 * The store interns its texts, so each distinct text is coded once. */
static lt_err ctdc_values(const struct lt_export_ctdc_set *set, uint32_t **out)
{
	*out = NULL;
	uint32_t *values = malloc((set->n ? set->n : 1) * LT_CTDC_NDIMS * sizeof(*values));
	uint32_t *coded = malloc((set->ntext ? set->ntext : 1) * NTEXT_DIMS * sizeof(*coded));
	if (!values || !coded) {
		free(values);
		free(coded);
		return LT_ERR_NOMEM;
	}
	memset(coded, 0xff, (set->ntext ? set->ntext : 1) * NTEXT_DIMS * sizeof(*coded));
	for (size_t r = 0; r < set->n; r++) {
		const struct lt_export_ctdc_rec *x = &set->rec[r];
		uint32_t *v = values + r * LT_CTDC_NDIMS;
		lt_ctdc_encode_numbers(x->referral_year, x->age, x->is_child, v);
		for (size_t i = 0; i < NTEXT_DIMS; i++) {
			uint32_t id = rec_text(x, i);
			uint32_t *c = &coded[(size_t)id * NTEXT_DIMS + i];
			if (*c == NOT_CODED)
				*c = lt_ctdc_encode_text(text_dims[i], set->text[id]);
			v[text_dims[i]] = *c;
		}
	}
	free(coded);
	*out = values;
	return LT_OK;
}

static void report_fill(struct lt_export_report *rep, const struct lt_anon_result *res,
			const struct lt_ctdc_dims *dims, size_t n)
{
	rep->records = (int64_t)n;
	rep->suppressed = res->suppressed;
	rep->published = (int64_t)n - res->suppressed;
	rep->suppressed_alone = res->suppressed_alone;
	rep->generalised = res->generalised;
	rep->nsteps = res->nsteps;
	for (size_t i = 0; i < res->nsteps; i++) {
		const struct lt_anon_dim *d = &dims->dim[res->steps[i].dim];
		lt_str_copy(rep->steps[i].dim, sizeof(rep->steps[i].dim), d->name);
		lt_str_copy(rep->steps[i].level, sizeof(rep->steps[i].level),
			    d->level_names[res->steps[i].level]);
		rep->steps[i].generalised = res->steps[i].generalised;
		rep->steps[i].suppressed = res->steps[i].suppressed;
	}
}

/* Writes the header and the published rows. Records of one class are
 * published alike, so each class's row is rendered once (into ROWS) and
 * copied for every record of it: a million rows are a few thousand
 * renderings and a stream of copies. */
static lt_err ctdc_write(const struct lt_ctdc_dims *dims, const struct lt_anon_result *res,
			 const uint32_t *values, size_t n, lt_export_write_fn w, void *wctx)
{
	struct lt_buf out, rows;
	lt_buf_init(&out, 0);
	lt_buf_init(&rows, 0);
	size_t *at = malloc((res->nclasses ? res->nclasses : 1) * 2 * sizeof(*at));
	lt_err rc = at ? lt_buf_adds(&out, lt_ctdc_header()) : LT_ERR_NOMEM;
	if (at)
		memset(at, 0xff, (res->nclasses ? res->nclasses : 1) * 2 * sizeof(*at));
	for (size_t r = 0; r < n && !rc; r++) {
		if (!res->keep[r])
			continue;
		size_t *row = &at[(size_t)res->cls[r] * 2]; /* offset and length in ROWS */
		if (row[0] == SIZE_MAX) {
			row[0] = rows.len;
			rc = lt_ctdc_render(dims, res->level, values + r * LT_CTDC_NDIMS, &rows);
			row[1] = rows.len - row[0];
		}
		if (!rc)
			rc = lt_buf_add(&out, rows.data + row[0], row[1]);
		if (!rc && out.len >= FLUSH_AT) {
			rc = w(wctx, out.data, out.len);
			lt_buf_reset(&out);
		}
	}
	if (!rc && out.len)
		rc = w(wctx, out.data, out.len);
	free(at);
	lt_buf_release(&rows);
	lt_buf_release(&out);
	return rc;
}

lt_err lt_svc_export_ctdc(struct lt_ctx *ctx, int64_t year, int64_t k, lt_export_write_fn w,
			  void *wctx, struct lt_export_report *rep)
{
	memset(rep, 0, sizeof(*rep));
	lt_err rc = lt_authorize(ctx, LT_ACT_STATS_READ, 0);
	if (rc)
		return rc;
	if (k < LT_EXPORT_K_MIN || k > LT_EXPORT_K_MAX)
		return lt_problem_field(ctx->problem, "k", "must be a whole number from %d to %d",
					LT_EXPORT_K_MIN, LT_EXPORT_K_MAX);
	if ((rc = lt_ctdc_init(ctx->problem)))
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	struct lt_export_ctdc_set set = {0};
	uint32_t *values = NULL;
	struct lt_ctdc_dims dims = {0};
	struct lt_anon_result res = {0};
	if (!(rc = lt_store_read_begin(ctx->store))) {
		rc = lt_store_export_ctdc(ctx->store, year, j->country, &set);
		lt_store_read_end(ctx->store);
	}
	if (!rc)
		rc = ctdc_values(&set, &values);
	size_t n = set.n;
	lt_store_export_ctdc_free(&set);
	if (!rc)
		rc = lt_ctdc_dims_build(values, n, k, &dims);
	if (!rc)
		rc = lt_anon_run(values, n, dims.dim, LT_CTDC_NDIMS, k, &res);
	if (rc)
		goto done;
	report_fill(rep, &res, &dims, n);
	/* Audited before a byte is written: no unrecorded export. */
	char detail[128];
	snprintf(detail, sizeof(detail), "year=%lld k=%lld published=%lld suppressed=%lld",
		 (long long)year, (long long)k, (long long)rep->published, (long long)rep->suppressed);
	if ((rc = lt_audit_record(ctx, "export.ctdc", NULL, 0, "ok", detail)))
		goto done;
	rc = ctdc_write(&dims, &res, values, n, w, wctx);
done:
	lt_anon_result_free(&res);
	lt_ctdc_dims_free(&dims);
	free(values);
	return rc;
}

/* --- HTCDS --- */

/* The columns, in the order written. lt_* columns are Lantern's extensions
 * for what HTCDS 2.0 has no field for; other systems may ignore them. */
enum col {
	C_REF, C_FIRST, C_SECOND, C_BIRTH, C_GENDER, C_CITIZENSHIP, C_AGE, C_STATUS, C_TYPE,
	C_MEANS, C_HTE_TYPE, C_HTE_COUNTRY, C_CAS_STATUS, C_REFERRAL_DATE, C_REFERRING_ORG,
	C_CONSENT, C_LT_SOURCE, C_LT_EXPLOITATION, C_LT_ID_DATE, C_NCOLS
};
static const char *const col_names[C_NCOLS] = {
	"lt_Ref", "prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender",
	"prs_Citizenship", "vic_AgeWhenTrafficked", "vic_TraffickingStatus",
	"vic_TypeOfExploitation", "vic_MethodsOfControl", "hte_Type", "hte_Country", "cas_Status",
	"cas_IncomingReferralDate", "cas_ReferringOrganisation", "con_Consent", "lt_ReferralSource",
	"lt_Exploitation", "lt_IdentificationDate"};

static const struct {
	const char *lantern, *htcds;
} genders[] = {{"female", "Feminine"},
	       {"male", "Masculine"},
	       {"other", "NonConforming"},
	       {"unknown", "NonSpecifiedUnknown"}};
static const struct {
	const char *lantern, *htcds;
} statuses[] = {{"identified", "ActualVictimOfTrafficking"},
		{"not_identified", "NotAVictimOfTrafficking"},
		{"pending", "PossibleVictimOfTrafficking"}};

/* Appends S as one CSV field, quoted when it needs to be. */
static lt_err csv_field(struct lt_buf *b, const char *s)
{
	if (!s)
		return LT_OK;
	if (!s[strcspn(s, ",\"\r\n")])
		return lt_buf_adds(b, s);
	lt_err rc = lt_buf_add(b, "\"", 1);
	for (; *s && !rc; s++)
		rc = *s == '"' ? lt_buf_add(b, "\"\"", 2) : lt_buf_add(b, s, 1);
	return rc ? rc : lt_buf_add(b, "\"", 1);
}

struct htcds_acc {
	struct lt_ctx *ctx;
	bool identity;
	struct lt_buf *out;
	lt_export_write_fn w;
	void *wctx;
	int64_t rows;
};

static lt_err unseal_field(struct lt_ctx *ctx, const char *column, int64_t id,
			   const unsigned char *sealed, size_t len, struct lt_buf *out)
{
	lt_buf_reset(out);
	if (!sealed)
		return LT_OK;
	return lt_unseal(ctx->keys, "persons", column, id, sealed, len, out);
}

/* The identity columns of the person (names, birth date), or empty ones. */
static lt_err identity_fields(struct htcds_acc *acc, int64_t person_id, struct lt_buf *b)
{
	if (!acc->identity)
		return lt_buf_adds(b, ",,,");
	struct lt_person_row p;
	memset(&p, 0, sizeof(p));
	const unsigned char *bd = NULL;
	size_t bd_len = 0;
	bool uncertain = false;
	lt_err rc = lt_store_person_get(acc->ctx->store, person_id, acc->ctx->arena, &p);
	if (!rc)
		rc = lt_store_person_birth(acc->ctx->store, person_id, acc->ctx->arena, &bd, &bd_len,
					   &uncertain);
	struct lt_buf plain;
	lt_buf_init(&plain, 16384);
	const char *cols[3] = {"given_name", "family_name", "birth_date"};
	const unsigned char *sealed[3] = {p.given_name, p.family_name, bd};
	size_t lens[3] = {p.given_name_len, p.family_name_len, bd_len};
	for (int i = 0; i < 3 && !rc; i++) {
		rc = lt_buf_add(b, ",", 1);
		if (!rc)
			rc = unseal_field(acc->ctx, cols[i], person_id, sealed[i], lens[i], &plain);
		if (!rc && plain.len)
			rc = csv_field(b, plain.data);
	}
	if (plain.data)
		sodium_memzero(plain.data, plain.len);
	lt_buf_release(&plain);
	return rc;
}

static lt_err htcds_types(struct lt_buf *b, const char *forms)
{
	const char *seen[16];
	size_t n = 0;
	lt_err rc = LT_OK;
	char form[64];
	for (const char *s = forms ? forms : ""; *s && !rc;) {
		size_t len = strcspn(s, ",");
		if (len < sizeof(form)) {
			memcpy(form, s, len);
			form[len] = '\0';
			const char *h = lt_vocab_htcds(LT_VOCAB_EXPLOITATION, form);
			if (!h || !*h)
				h = "Other";
			bool dup = false;
			for (size_t i = 0; i < n; i++)
				dup |= !strcmp(seen[i], h);
			if (!dup && n < LT_ARRAY_LEN(seen)) {
				if (n)
					rc = lt_buf_add(b, ";", 1);
				if (!rc)
					rc = lt_buf_adds(b, h);
				seen[n++] = h;
			}
		}
		s += len + (s[len] ? 1 : 0);
	}
	return rc;
}

static lt_err take_htcds(void *vctx, const struct lt_export_htcds_row *r)
{
	struct htcds_acc *acc = vctx;
	struct lt_buf *b = acc->out;
	const char *gender = NULL, *status = NULL;
	for (size_t i = 0; i < LT_ARRAY_LEN(genders); i++)
		if (r->sex && !strcmp(r->sex, genders[i].lantern))
			gender = genders[i].htcds;
	for (size_t i = 0; i < LT_ARRAY_LEN(statuses); i++)
		if (r->identification && !strcmp(r->identification, statuses[i].lantern))
			status = statuses[i].htcds;
	lt_err rc = csv_field(b, r->ref && *r->ref ? r->ref : r->case_number);
	if (!rc)
		rc = identity_fields(acc, r->person_id, b);
	char age[24] = "";
	if (r->age >= 0)
		snprintf(age, sizeof(age), "%lld", (long long)r->age);
	if (!rc)
		rc = lt_buf_addf(b, ",%s,%s,%s,%s,", gender ? gender : "", r->citizenship ? r->citizenship : "",
				 age, status ? status : "");
	if (!rc)
		rc = htcds_types(b, r->forms);
	if (!rc)
		rc = lt_buf_add(b, ",", 1);
	if (!rc)
		rc = lt_ctdc_htcds_means(r->indicators, b);
	if (!rc)
		rc = lt_buf_addf(b, ",%s,%s,%s,%s,", r->countries ? "Exploitation" : "",
				 r->countries ? r->countries : "",
				 r->status && !strcmp(r->status, "closed") ? "Closed" : "Active",
				 r->referral_date ? r->referral_date : "");
	if (!rc)
		rc = csv_field(b, r->referring_org);
	if (!rc)
		rc = lt_buf_addf(b, ",%s,%s,", r->consent ? "true" : "false", r->source ? r->source : "");
	/* Lantern's own codes, joined by ';' like the other multiselects. */
	for (const char *s = r->forms ? r->forms : ""; *s && !rc; s++)
		rc = lt_buf_add(b, *s == ',' ? ";" : s, 1);
	if (!rc)
		rc = lt_buf_addf(b, ",%s\n", r->identification_date ? r->identification_date : "");
	lt_arena_release(acc->ctx->arena);
	acc->rows++;
	if (!rc && b->len >= FLUSH_AT) {
		rc = acc->w(acc->wctx, b->data, b->len);
		lt_buf_reset(b);
	}
	return rc;
}

lt_err lt_svc_export_htcds(struct lt_ctx *ctx, bool with_identity, lt_export_write_fn w,
			   void *wctx, int64_t *rows)
{
	*rows = 0;
	lt_err rc = lt_authorize(ctx, LT_ACT_CASE_IMPORT, 0);
	if (!rc && with_identity)
		rc = lt_authorize(ctx, LT_ACT_CASE_IDENTITY, 0);
	if (rc || (rc = lt_vocab_init(ctx->problem)) || (rc = lt_ctdc_init(ctx->problem)))
		return rc;
	/* Audited before a byte is written; an export with identity says so. */
	if ((rc = lt_audit_record(ctx, with_identity ? "export.htcds.identity" : "export.htcds", NULL,
				  0, "ok", with_identity ? "identity=1" : "identity=0")))
		return rc;
	struct lt_buf out;
	lt_buf_init(&out, 0);
	for (size_t i = 0; i < C_NCOLS && !rc; i++)
		rc = lt_buf_addf(&out, "%s%s", i ? "," : "", col_names[i]);
	if (!rc)
		rc = lt_buf_add(&out, "\n", 1);
	struct htcds_acc acc = {ctx, with_identity, &out, w, wctx, 0};
	if (!rc && !(rc = lt_store_read_begin(ctx->store))) {
		rc = lt_store_export_htcds(ctx->store, take_htcds, &acc);
		lt_store_read_end(ctx->store);
	}
	if (!rc && out.len)
		rc = w(wctx, out.data, out.len);
	if (out.data)
		sodium_memzero(out.data, out.len);
	lt_buf_release(&out);
	*rows = acc.rows;
	return rc;
}

/* --- HTCDS import --- */

lt_err lt_htcds_columns_read(const struct lt_csv_row *header, struct lt_htcds_columns *cols,
			     struct lt_problem *p)
{
	for (size_t c = 0; c < LT_ARRAY_LEN(cols->index); c++)
		cols->index[c] = -1;
	cols->ignored[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < header->nstored; i++) {
		const char *name = header->fields[i];
		bool known = false;
		for (size_t c = 0; c < C_NCOLS; c++) {
			if (strcmp(name, col_names[c]))
				continue;
			if (cols->index[c] >= 0)
				return lt_problem_field(p, name, "appears twice in the header");
			cols->index[c] = (int)i;
			known = true;
		}
		if (!known && *name && used + strlen(name) + 3 < sizeof(cols->ignored))
			used += (size_t)snprintf(cols->ignored + used, sizeof(cols->ignored) - used, "%s%s",
						 used ? ", " : "", name);
	}
	if (header->nfields > header->nstored)
		return lt_problem_set(p, LT_ERR_INVALID, "The header has more than %d columns.",
				      LT_CSV_MAX_FIELDS);
	return LT_OK;
}

static const char *field(const struct lt_htcds_columns *cols, const struct lt_csv_row *row, enum col c)
{
	int i = cols->index[c];
	if (i < 0 || (size_t)i >= row->nstored)
		return NULL;
	const char *v = row->fields[i];
	return *v ? v : NULL;
}

/* Splits a ';'-joined list into a JSON array of strings; HTCDS values are
 * mapped with MAP (NULL: kept), naming a value MAP cannot take. */
static json_t *split_list(const char *s, const char *column, const char *(*map)(const char *),
			  struct lt_problem *p)
{
	json_t *arr = json_array();
	char item[128];
	while (s && *s && arr) {
		size_t len = strcspn(s, ";");
		size_t n = len < sizeof(item) ? len : sizeof(item) - 1;
		memcpy(item, s, n);
		item[n] = '\0';
		char *t = item;
		while (*t == ' ')
			t++;
		if (*t) {
			const char *v = map ? map(t) : t;
			if (!v) {
				lt_problem_field(p, column, "'%.40s' cannot be mapped to a Lantern code", t);
			} else {
				bool dup = false;
				size_t i;
				json_t *x;
				json_array_foreach(arr, i, x) dup |= !strcmp(json_string_value(x), v);
				if (!dup)
					json_array_append_new(arr, json_string(v));
			}
		}
		s += len + (s[len] ? 1 : 0);
	}
	return arr;
}

/* HTCDS vic_TypeOfExploitation value -> Lantern form: the first form whose
 * htcds column has it (data/vocab/exploitation.csv), plus ChildLabour. */
static const char *form_of_htcds(const char *v)
{
	if (!strcmp(v, "ChildLabour"))
		return "forced_labour";
	for (size_t i = 0; i < lt_vocab_size(LT_VOCAB_EXPLOITATION); i++) {
		const char *code = lt_vocab_code_at(LT_VOCAB_EXPLOITATION, i);
		const char *h = lt_vocab_htcds(LT_VOCAB_EXPLOITATION, code);
		if (h && !strcmp(h, v))
			return code;
	}
	return NULL;
}

static const char *sex_of_htcds(const char *v)
{
	if (!v || !strcmp(v, "NonSpecifiedUnknown"))
		return "unknown";
	if (!strcmp(v, "Feminine"))
		return "female";
	if (!strcmp(v, "Masculine"))
		return "male";
	if (!strcmp(v, "TransgenderFeminine") || !strcmp(v, "TransgenderMasculine") ||
	    !strcmp(v, "NonConforming"))
		return "other";
	return NULL;
}

lt_err lt_htcds_record_doc(const struct lt_htcds_columns *cols, const struct lt_csv_row *row,
			   json_t **doc, struct lt_problem *p)
{
	*doc = NULL;
	if (row->nfields > row->nstored || row->too_long || row->has_nul)
		return lt_problem_set(p, LT_ERR_INVALID, "The record is too long or holds a NUL byte.");
	json_t *person = json_object(), *referral = json_object(), *d = json_object();
	if (!person || !referral || !d) {
		json_decref(person);
		json_decref(referral);
		json_decref(d);
		return LT_ERR_NOMEM;
	}
	json_object_set_new(d, "person", person);
	json_object_set_new(d, "referral", referral);
	const char *v;
	if ((v = field(cols, row, C_REF)))
		json_object_set_new(d, "ref", json_string(v));
	if ((v = field(cols, row, C_FIRST)))
		json_object_set_new(person, "given_name", json_string(v));
	if ((v = field(cols, row, C_SECOND)))
		json_object_set_new(person, "family_name", json_string(v));
	const char *sex = sex_of_htcds(field(cols, row, C_GENDER));
	if (!sex)
		lt_problem_field(p, "prs_Gender",
				 "must be one of: Feminine, Masculine, TransgenderFeminine, "
				 "TransgenderMasculine, NonConforming, NonSpecifiedUnknown");
	else
		json_object_set_new(person, "sex", json_string(sex));
	const char *birth = field(cols, row, C_BIRTH), *date = field(cols, row, C_REFERRAL_DATE);
	if (birth)
		json_object_set_new(person, "birth_date", json_string(birth));
	/* HTCDS records an unknown age as two empty fields: kept as an age
	 * nobody knows, not guessed (the case document's age_uncertain). */
	if (!birth && !field(cols, row, C_AGE))
		json_object_set_new(person, "age_uncertain", json_true());
	if ((v = field(cols, row, C_AGE)) && !birth) {
		/* Only the age is known: the birth year that gives it on the
		 * referral date (docs/open-data.md). */
		int64_t age;
		if (lt_str_to_i64(v, &age) || age < 0 || age > 120)
			lt_problem_field(p, "vic_AgeWhenTrafficked", "must be a whole number from 0 to 120");
		else if (date && strlen(date) >= 4 && date[0] >= '0' && date[0] <= '9')
			json_object_set_new(person, "birth_year",
					    json_integer(strtol(date, NULL, 10) - age));
	}
	if ((v = field(cols, row, C_CITIZENSHIP)))
		json_object_set_new(person, "citizenship", split_list(v, "prs_Citizenship", NULL, p));
	if (date)
		json_object_set_new(referral, "date", json_string(date));
	const char *source = field(cols, row, C_LT_SOURCE);
	json_object_set_new(referral, "source", json_string(source ? source : "other"));
	if ((v = field(cols, row, C_REFERRING_ORG)))
		json_object_set_new(referral, "organisation", json_string(v));
	if ((v = field(cols, row, C_CONSENT))) {
		bool yes = !strcasecmp(v, "true") || !strcmp(v, "1") || !strcasecmp(v, "yes");
		bool no = !strcasecmp(v, "false") || !strcmp(v, "0") || !strcasecmp(v, "no");
		if (!yes && !no)
			lt_problem_field(p, "con_Consent", "must be true or false");
		else if (yes)
			json_object_set_new(referral, "consent", json_true());
	}
	if ((v = field(cols, row, C_LT_EXPLOITATION)))
		json_object_set_new(d, "exploitation", split_list(v, "lt_Exploitation", NULL, p));
	else if ((v = field(cols, row, C_TYPE)))
		json_object_set_new(d, "exploitation",
				    split_list(v, "vic_TypeOfExploitation", form_of_htcds, p));
	const char *hte_type = field(cols, row, C_HTE_TYPE);
	if (hte_type && strcmp(hte_type, "Exploitation"))
		lt_problem_field(p, "hte_Type", "only Exploitation events can be imported");
	if ((v = field(cols, row, C_HTE_COUNTRY)))
		json_object_set_new(d, "countries_of_exploitation", split_list(v, "hte_Country", NULL, p));
	const char *status = field(cols, row, C_STATUS);
	const char *outcome = NULL;
	for (size_t i = 0; i < LT_ARRAY_LEN(statuses); i++)
		if (!status || !strcmp(status, statuses[i].htcds))
			outcome = status ? statuses[i].lantern : "pending";
	if (!outcome)
		lt_problem_field(p, "vic_TraffickingStatus",
				 "must be one of: ActualVictimOfTrafficking, NotAVictimOfTrafficking, "
				 "PossibleVictimOfTrafficking");
	else if (strcmp(outcome, "pending")) {
		json_t *ident = json_pack("{s:s}", "outcome", outcome);
		if ((v = field(cols, row, C_LT_ID_DATE)))
			json_object_set_new(ident, "date", json_string(v));
		json_object_set_new(d, "identification", ident);
	}
	if (p->nfields) {
		json_decref(d);
		return LT_ERR_INVALID;
	}
	*doc = d;
	return LT_OK;
}

void lt_htcds_problem_columns(struct lt_problem *p)
{
	static const char *const map[][2] = {
		{"person.given_name", "prs_FirstName"},
		{"person.family_name", "prs_SecondName"},
		{"person.birth_date", "prs_Birthdate"},
		{"person.birth_year", "vic_AgeWhenTrafficked"},
		{"person.sex", "prs_Gender"},
		{"person.citizenship", "prs_Citizenship"},
		{"referral.date", "cas_IncomingReferralDate"},
		{"referral.source", "lt_ReferralSource"},
		{"referral.organisation", "cas_ReferringOrganisation"},
		{"referral", "cas_IncomingReferralDate"},
		{"exploitation", "lt_Exploitation"},
		{"countries_of_exploitation", "hte_Country"},
		{"identification.outcome", "vic_TraffickingStatus"},
		{"identification.date", "lt_IdentificationDate"},
		{"ref", "lt_Ref"},
	};
	for (size_t i = 0; i < p->nfields; i++) {
		char *f = p->fields[i].field;
		for (size_t m = 0; m < LT_ARRAY_LEN(map); m++) {
			size_t len = strlen(map[m][0]);
			if (!strncmp(f, map[m][0], len) && (f[len] == '\0' || f[len] == '[')) {
				lt_str_copy(f, sizeof(p->fields[i].field), map[m][1]);
				break;
			}
		}
	}
}
