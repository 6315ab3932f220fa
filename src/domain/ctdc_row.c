#include "domain/ctdc_row.h"
#include "base/csv.h"
#include "base/embed.h"
#include "base/str.h"
#include <pthread.h>

#define MISSING "-99"
#define NOT_COLLECTED "Unknown"
#define REGIONS_FILE "regions/m49.csv"

/* How a variable's code is checked. */
enum check {
	C_YEAR,
	C_SOURCE,
	C_GENDER,
	C_AGE,
	C_MAJORITY,
	C_ENTRY, /* majorityEntry: Minor/Adult or an age band (the sources disagree) */
	C_PLACE, /* citizenship, CountryOfExploitation */
	C_FLAG,
	C_TEXT, /* *Concatenated labels, RecruiterRelationship */
};

struct var {
	const char *name;
	enum check check;
	bool required; /* the figures need it */
};

/* The dataset's variables in its order (the same list as src/domain/ctdc.c
 * writes; tests/unit/domain/test_ctdc_row.c checks that they agree). */
static const struct var vars[LT_CTDC_VARS] = {
	{"yearOfRegistration", C_YEAR, true},
	{"Datasource", C_SOURCE, false},
	{"gender", C_GENDER, true},
	{"ageBroad", C_AGE, true},
	{"majorityStatus", C_MAJORITY, true},
	{"majorityStatusAtExploit", C_MAJORITY, false},
	{"majorityEntry", C_ENTRY, false},
	{"citizenship", C_PLACE, true},
	{"meansOfControlDebtBondage", C_FLAG, false},
	{"meansOfControlTakesEarnings", C_FLAG, false},
	{"meansOfControlRestrictsFinancialAccess", C_FLAG, false},
	{"meansOfControlThreats", C_FLAG, false},
	{"meansOfControlPsychologicalAbuse", C_FLAG, false},
	{"meansOfControlPhysicalAbuse", C_FLAG, false},
	{"meansOfControlSexualAbuse", C_FLAG, false},
	{"meansOfControlFalsePromises", C_FLAG, false},
	{"meansOfControlPsychoactiveSubstances", C_FLAG, false},
	{"meansOfControlRestrictsMovement", C_FLAG, false},
	{"meansOfControlRestrictsMedicalCare", C_FLAG, false},
	{"meansOfControlExcessiveWorkingHours", C_FLAG, false},
	{"meansOfControlUsesChildren", C_FLAG, false},
	{"meansOfControlThreatOfLawEnforcement", C_FLAG, false},
	{"meansOfControlWithholdsNecessities", C_FLAG, false},
	{"meansOfControlWithholdsDocuments", C_FLAG, false},
	{"meansOfControlOther", C_FLAG, false},
	{"meansOfControlNotSpecified", C_FLAG, false},
	{"meansOfControlConcatenated", C_TEXT, false},
	{"isForcedLabour", C_FLAG, true},
	{"isSexualExploit", C_FLAG, true},
	{"isOtherExploit", C_FLAG, true},
	{"isSexAndLabour", C_FLAG, false},
	{"isForcedMarriage", C_FLAG, false},
	{"isForcedMilitary", C_FLAG, false},
	{"isOrganRemoval", C_FLAG, false},
	{"typeOfExploitConcatenated", C_TEXT, false},
	{"typeOfLabourAgriculture", C_FLAG, false},
	{"typeOfLabourAquafarming", C_FLAG, false},
	{"typeOfLabourBegging", C_FLAG, false},
	{"typeOfLabourConstruction", C_FLAG, false},
	{"typeOfLabourDomesticWork", C_FLAG, false},
	{"typeOfLabourHospitality", C_FLAG, false},
	{"typeOfLabourIllicitActivities", C_FLAG, false},
	{"typeOfLabourManufacturing", C_FLAG, false},
	{"typeOfLabourMiningOrDrilling", C_FLAG, false},
	{"typeOfLabourPeddling", C_FLAG, false},
	{"typeOfLabourTransportation", C_FLAG, false},
	{"typeOfLabourOther", C_FLAG, false},
	{"typeOfLabourNotSpecified", C_FLAG, false},
	{"typeOfLabourConcatenated", C_TEXT, false},
	{"typeOfSexProstitution", C_FLAG, false},
	{"typeOfSexPornography", C_FLAG, false},
	{"typeOfSexRemoteInteractiveServices", C_FLAG, false},
	{"typeOfSexPrivateSexualServices", C_FLAG, false},
	{"typeOfSexConcatenated", C_TEXT, false},
	{"isAbduction", C_FLAG, false},
	{"RecruiterRelationship", C_TEXT, false},
	{"CountryOfExploitation", C_PLACE, true},
	{"recruiterRelationIntimatePartner", C_FLAG, false},
	{"recruiterRelationFriend", C_FLAG, false},
	{"recruiterRelationFamily", C_FLAG, false},
	{"recruiterRelationOther", C_FLAG, false},
	{"recruiterRelationUnknown", C_FLAG, false},
	{"isSlaveryAndPractices", C_FLAG, false},
};

const char *lt_ctdc_var_name(size_t i)
{
	return i < LT_CTDC_VARS ? vars[i].name : "";
}

/* --- the regions table (countries, UN M49 regions and sub-regions) --- */

#define MAX_COUNTRIES 300
#define MAX_GROUPS 64
static struct {
	char country[MAX_COUNTRIES][3];
	char region_of[MAX_COUNTRIES][48], sub_of[MAX_COUNTRIES][48];
	char groups[MAX_GROUPS][48]; /* every region and sub-region name */
	size_t ncountries, ngroups;
	bool ok;
} R;
static pthread_once_t regions_once = PTHREAD_ONCE_INIT;

static void group_add(const char *name)
{
	for (size_t i = 0; i < R.ngroups; i++)
		if (!strcmp(R.groups[i], name))
			return;
	if (R.ngroups < MAX_GROUPS)
		snprintf(R.groups[R.ngroups++], sizeof(R.groups[0]), "%s", name);
}

static lt_err region_row(void *vctx, const struct lt_csv_row *row)
{
	LT_UNUSED(vctx);
	if (row->number == 1)
		return LT_OK;
	if (row->nstored < 3 || strlen(row->fields[0]) != 2 || R.ncountries >= MAX_COUNTRIES)
		return LT_ERR_INVALID;
	size_t i = R.ncountries++;
	memcpy(R.country[i], row->fields[0], 3);
	snprintf(R.region_of[i], sizeof(R.region_of[i]), "%s", row->fields[1]);
	snprintf(R.sub_of[i], sizeof(R.sub_of[i]), "%s", row->fields[2]);
	group_add(row->fields[1]);
	group_add(row->fields[2]);
	return LT_OK;
}

static void regions_load(void)
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, REGIONS_FILE);
	struct lt_problem p;
	lt_problem_init(&p);
	R.ok = f && !lt_csv_each((const char *)f->data, f->len, REGIONS_FILE, 1024, region_row, NULL,
				 &p);
}

static bool regions(void)
{
	pthread_once(&regions_once, regions_load);
	return R.ok;
}

/* The index of alpha-2 code V, or -1. */
static int country_index(const char *v)
{
	if (!regions() || strlen(v) != 2)
		return -1;
	for (size_t i = 0; i < R.ncountries; i++)
		if (!strcmp(R.country[i], v))
			return (int)i;
	return -1;
}

static bool is_group(const char *v)
{
	if (!regions())
		return false;
	for (size_t i = 0; i < R.ngroups; i++)
		if (!strcmp(R.groups[i], v))
			return true;
	return false;
}

/* True when region or sub-region V includes the country OWN. */
static bool group_includes(const char *v, const char *own)
{
	int i = country_index(own);
	return i >= 0 && (!strcmp(R.region_of[i], v) || !strcmp(R.sub_of[i], v));
}

/* --- CSV --- */

void lt_ctdc_csv_init(struct lt_ctdc_csv *r, const char *text, size_t len)
{
	r->text = text;
	r->len = len;
	r->pos = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
	r->line = 1;
}

lt_err lt_ctdc_csv_next(struct lt_ctdc_csv *r, struct lt_ctdc_fields *out, struct lt_problem *p)
{
	if (r->pos >= r->len)
		return LT_ERR_NOT_FOUND; /* OUT keeps the last record */
	out->line = r->line;
	out->n = 0;
	size_t w = 0;
	const char *t = r->text;
	for (;;) {
		/* One field, starting at r->pos. */
		if (out->n >= LT_CTDC_ROW_MAX_FIELDS)
			return lt_problem_set(p, LT_ERR_INVALID, "more than %d fields in a record",
					      LT_CTDC_ROW_MAX_FIELDS);
		out->f[out->n++] = out->buf + w;
		bool quoted = r->pos < r->len && t[r->pos] == '"';
		if (quoted)
			r->pos++;
		for (;;) {
			if (r->pos >= r->len) {
				if (quoted)
					return lt_problem_set(p, LT_ERR_INVALID,
							      "a quoted field is not closed");
				break;
			}
			char c = t[r->pos];
			if (c == '\0')
				return lt_problem_set(p, LT_ERR_INVALID, "a field holds a NUL byte");
			if (quoted && c == '"') {
				if (r->pos + 1 < r->len && t[r->pos + 1] == '"') {
					r->pos++; /* a doubled quote is one quote */
				} else {
					r->pos++;
					quoted = false;
					if (r->pos < r->len && t[r->pos] != ',' && t[r->pos] != '\n' &&
					    t[r->pos] != '\r')
						return lt_problem_set(p, LT_ERR_INVALID,
								      "text after a closing quote");
					continue;
				}
			} else if (!quoted && (c == ',' || c == '\n' || c == '\r')) {
				break;
			} else if (c == '\n') {
				r->line++; /* a line break inside quotes */
			}
			if (w + 2 > sizeof(out->buf))
				return lt_problem_set(p, LT_ERR_INVALID, "a record longer than %d bytes",
						      LT_CTDC_ROW_MAX_BYTES);
			out->buf[w++] = c;
			r->pos++;
		}
		out->buf[w++] = '\0';
		if (r->pos < r->len && t[r->pos] == ',') {
			r->pos++;
			continue;
		}
		/* The end of the record: CRLF, LF, a lone CR, or the end of the text. */
		if (r->pos < r->len && t[r->pos] == '\r')
			r->pos++;
		if (r->pos < r->len && t[r->pos] == '\n')
			r->pos++;
		r->line++;
		return LT_OK;
	}
}

/* --- the header --- */

static int var_index(const char *name, size_t len)
{
	for (size_t i = 0; i < LT_CTDC_VARS; i++)
		if (strlen(vars[i].name) == len && !memcmp(vars[i].name, name, len))
			return (int)i;
	return -1;
}

lt_err lt_ctdc_layout_read(const struct lt_ctdc_fields *header, struct lt_ctdc_layout *out,
			   struct lt_problem *p)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < LT_CTDC_VARS; i++)
		out->col_of[i] = -1;
	out->ncols = header->n;
	size_t used = 0;
	for (size_t c = 0; c < header->n; c++) {
		const char *name = header->f[c];
		while (*name == ' ')
			name++;
		size_t len = strlen(name);
		while (len && name[len - 1] == ' ')
			len--;
		int v = var_index(name, len);
		out->var_of[c] = v;
		if (v >= 0 && out->col_of[v] >= 0)
			return lt_problem_field(p, vars[v].name, "appears twice in the header (columns %d and %zu)",
						out->col_of[v] + 1, c + 1);
		if (v >= 0) {
			out->col_of[v] = (int)c;
			continue;
		}
		out->nunknown++;
		int n = snprintf(out->unknown + used, sizeof(out->unknown) - used, "%s%.*s",
				 used ? ", " : "", (int)(len > 100 ? 100 : len), name);
		if (n < 0 || (size_t)n >= sizeof(out->unknown) - used - 4) {
			out->unknown[used] = '\0';
			if (used + 4 < sizeof(out->unknown) && !strstr(out->unknown, "..."))
				snprintf(out->unknown + used, sizeof(out->unknown) - used, "...");
			used = strlen(out->unknown);
		} else {
			used += (size_t)n;
		}
	}
	for (size_t i = 0; i < LT_CTDC_VARS; i++)
		if (vars[i].required && out->col_of[i] < 0)
			return lt_problem_field(p, vars[i].name,
						"is missing from the header; the figures need it");
	return LT_OK;
}

/* --- a row --- */

static bool one_of(const char *v, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v, list[i]))
			return true;
	return false;
}

static bool missing(const char *v)
{
	return !strcmp(v, MISSING) || !strcmp(v, NOT_COLLECTED);
}

/* The CTDC bands, then the wider ones the export generalises to. */
static const char *const bands[] = {"0--8",   "9--17",  "18--20", "21--23", "24--26", "27--29",
				    "30--38", "39--47", "48+",    "0--17",  "18--29", "30--47",
				    "18+"};
static bool band_minor(const char *v)
{
	return !strcmp(v, "0--8") || !strcmp(v, "9--17") || !strcmp(v, "0--17");
}

static lt_err check_value(const struct var *var, const char *v, int64_t *year, struct lt_problem *p)
{
	static const char *const genders[] = {"Female", "Male", "Transgender/NonConforming"};
	static const char *const majority[] = {"Minor", "Adult"};
	static const char *const sources[] = {"Case management", "Hotline"};
	if (!*v)
		return lt_problem_field(p, var->name, "is empty; write -99 for missing data");
	bool miss = missing(v);
	switch (var->check) {
	case C_YEAR: {
		int64_t y = 0;
		if (miss) {
			*year = 0;
			return LT_OK;
		}
		if (strlen(v) != 4 || strspn(v, "0123456789") != 4 || lt_str_to_i64(v, &y) || y < 1900 ||
		    y > 2999)
			return lt_problem_field(p, var->name, "'%.40s' is not a year from 1900 to 2999, or -99",
						v);
		*year = y;
		return LT_OK;
	}
	case C_SOURCE:
		if (miss || one_of(v, sources, LT_ARRAY_LEN(sources)))
			return LT_OK;
		return lt_problem_field(p, var->name,
					"'%.40s' must be one of: Case management, Hotline, -99, Unknown", v);
	case C_GENDER:
		if (miss || one_of(v, genders, LT_ARRAY_LEN(genders)))
			return LT_OK;
		return lt_problem_field(p, var->name,
					"'%.40s' must be one of: Female, Male, Transgender/NonConforming, "
					"-99, Unknown",
					v);
	case C_AGE:
		if (miss || one_of(v, bands, LT_ARRAY_LEN(bands)))
			return LT_OK;
		return lt_problem_field(p, var->name,
					"'%.40s' must be one of: 0--8, 9--17, 18--20, 21--23, 24--26, "
					"27--29, 30--38, 39--47, 48+, 0--17, 18--29, 30--47, 18+, -99, "
					"Unknown",
					v);
	case C_MAJORITY:
		if (miss || one_of(v, majority, LT_ARRAY_LEN(majority)))
			return LT_OK;
		return lt_problem_field(p, var->name, "'%.40s' must be one of: Minor, Adult, -99, Unknown",
					v);
	case C_ENTRY:
		if (miss || one_of(v, majority, LT_ARRAY_LEN(majority)) ||
		    one_of(v, bands, LT_ARRAY_LEN(bands)))
			return LT_OK;
		return lt_problem_field(p, var->name,
					"'%.40s' must be Minor, Adult, a CTDC age band, -99 or Unknown", v);
	case C_PLACE:
		if (!regions())
			return lt_problem_set(p, LT_ERR_INTERNAL, "The data file %s is missing.",
					      REGIONS_FILE);
		if (lt_ctdc_place_unknown(v) || country_index(v) >= 0 || is_group(v))
			return LT_OK;
		return lt_problem_field(p, var->name,
					"'%.40s' must be an ISO 3166-1 alpha-2 code, a UN M49 region or "
					"sub-region, -99 or Unknown",
					v);
	case C_FLAG:
		if (miss || !strcmp(v, "0") || !strcmp(v, "1"))
			return LT_OK;
		return lt_problem_field(p, var->name, "'%.40s' must be one of: 0, 1, -99, Unknown", v);
	case C_TEXT:
		if (strlen(v) > LT_CTDC_TEXT_MAX)
			return lt_problem_field(p, var->name, "is longer than %d bytes", LT_CTDC_TEXT_MAX);
		for (const unsigned char *s = (const unsigned char *)v; *s; s++)
			if (*s < 0x20 || *s == 0x7f)
				return lt_problem_field(p, var->name, "holds a control character");
		return LT_OK;
	}
	return LT_ERR_INTERNAL;
}

lt_err lt_ctdc_record_read(const struct lt_ctdc_layout *lay, const struct lt_ctdc_fields *row,
			   struct lt_ctdc_record *out, struct lt_problem *p)
{
	memset(out, 0, sizeof(*out));
	if (row->n != lay->ncols)
		return lt_problem_field(p, "record", "has %zu fields; the header has %zu", row->n,
					lay->ncols);
	for (size_t i = 0; i < LT_CTDC_VARS; i++) {
		int c = lay->col_of[i];
		out->value[i] = c >= 0 ? row->f[c] : MISSING;
		if (c < 0)
			continue;
		lt_err rc = check_value(&vars[i], out->value[i], &out->registration_year, p);
		if (rc)
			return rc;
	}
	return LT_OK;
}

lt_err lt_ctdc_record_codes(const struct lt_ctdc_record *r, struct lt_buf *out)
{
	lt_err rc = LT_OK;
	for (size_t i = 0; i < LT_CTDC_VARS && !rc; i++) {
		const char *v = r->value[i] ? r->value[i] : MISSING;
		if (i)
			rc = lt_buf_add(out, ",", 1);
		if (rc)
			break;
		if (!strpbrk(v, ",\"\r\n")) {
			rc = lt_buf_adds(out, v);
			continue;
		}
		rc = lt_buf_add(out, "\"", 1);
		for (const char *s = v; *s && !rc; s++)
			rc = *s == '"' ? lt_buf_add(out, "\"\"", 2) : lt_buf_add(out, s, 1);
		if (!rc)
			rc = lt_buf_add(out, "\"", 1);
	}
	return rc;
}

/* --- the groups of the figures --- */

bool lt_ctdc_place_unknown(const char *v)
{
	return !v || !*v || missing(v) || !strcmp(v, "00") || !strcmp(v, "ZZ");
}

static bool is1(const char *v)
{
	return v && !strcmp(v, "1");
}

static enum lt_stats_expl expl_of(const struct lt_ctdc_codes *c)
{
	/* Lantern's export sets isOtherExploit and typeOfLabourIllicitActivities
	 * for forced criminality (data/ctdc/mapping.csv), and isForcedLabour only
	 * for the labour forms; a CTDC row whose forced labour is illicit
	 * activities (isOtherExploit 0) stays labour. */
	bool crim = is1(c->illicit) && is1(c->other);
	bool in[4] = {
		is1(c->sexual),
		is1(c->forced_labour),
		crim,
		(is1(c->other) && !crim) || is1(c->marriage) || is1(c->military) || is1(c->organ) ||
			is1(c->slavery),
	};
	static const enum lt_stats_expl groups[4] = {LT_EXPL_SEXUAL, LT_EXPL_LABOUR,
						      LT_EXPL_CRIMINALITY, LT_EXPL_OTHER};
	int n = 0;
	enum lt_stats_expl g = LT_EXPL_UNKNOWN;
	for (int i = 0; i < 4; i++)
		if (in[i]) {
			n++;
			g = groups[i];
		}
	return n > 1 ? LT_EXPL_MULTIPLE : g;
}

/* 1 minor, 0 adult, -1 unknown: majorityStatus, else the age band. */
static int minor_of(const struct lt_ctdc_codes *c)
{
	const char *m = c->majority ? c->majority : MISSING;
	if (!strcmp(m, "Minor"))
		return 1;
	if (!strcmp(m, "Adult"))
		return 0;
	const char *a = c->age ? c->age : MISSING;
	if (missing(a) || !one_of(a, bands, LT_ARRAY_LEN(bands)))
		return -1;
	return band_minor(a) ? 1 : 0;
}

static enum lt_ctdc_nationality nationality_of(const char *v, const char *own)
{
	if (lt_ctdc_place_unknown(v))
		return LT_CTDC_NAT_UNKNOWN;
	if (country_index(v) >= 0)
		return !strcmp(v, own) ? LT_CTDC_NATIONAL : LT_CTDC_FOREIGN;
	return group_includes(v, own) ? LT_CTDC_NAT_UNKNOWN : LT_CTDC_FOREIGN;
}

void lt_ctdc_groups_of(const struct lt_ctdc_codes *c, const char *own, struct lt_ctdc_groups *g)
{
	memset(g, 0, sizeof(*g));
	g->expl = expl_of(c);
	int minor = minor_of(c);
	g->child = minor == 1;
	const char *sex = !c->gender                    ? ""
			  : !strcmp(c->gender, "Female") ? "female"
			  : !strcmp(c->gender, "Male")   ? "male"
							 : "unknown";
	g->sex_age = lt_stats_sex_age(sex, minor);
	g->nationality = nationality_of(c->citizenship, own);
	g->country_unknown = lt_ctdc_place_unknown(c->country);
	/* Abroad: a country not the own, or a region that does not include it
	 * (a region that includes it may or may not be abroad: not counted). */
	g->national_abroad = g->nationality == LT_CTDC_NATIONAL && !g->country_unknown &&
			     (country_index(c->country) >= 0 ? strcmp(c->country, own) != 0
							     : !group_includes(c->country, own));
}
