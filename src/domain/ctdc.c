#include "domain/ctdc.h"
#include "base/csv.h"
#include "base/embed.h"
#include <pthread.h>

#define MAPPING_FILE "ctdc/mapping.csv"
#define REGIONS_FILE "regions/m49.csv"
#define NVARS 63
#define MISSING "-99"

/* How a variable gets its value. */
enum kind {
	K_NONE, /* not recorded: -99 */
	K_YEAR,
	K_SOURCE,
	K_GENDER,
	K_AGE,
	K_MAJORITY,
	K_CITIZENSHIP,
	K_COUNTRY,
	K_MEANS, /* bit of the means dimension */
	K_MEANS_NOTSPEC,
	K_MEANS_CONCAT,
	K_EXPL, /* bit of the exploitation dimension (is* flags) */
	K_SEXLABOUR,
	K_EXPL_CONCAT,
	K_LAB, /* labour-type bit */
	K_LAB_NOTSPEC,
	K_LAB_CONCAT,
	K_SEX, /* sex-type bit */
	K_SEX_CONCAT,
};

/* Bits of the exploitation dimension. */
enum {
	E_LABOUR, E_SEXUAL, E_OTHER, E_MARRIAGE, E_MILITARY, E_ORGAN, E_SLAVERY, /* is* */
	E_BEGGING, E_DOMESTIC, E_ILLICIT, E_LAB_OTHER,                        /* typeOfLabour* */
	E_PORN,                                                                /* typeOfSex* */
	E_KNOWN, /* the case records at least one form */
	E_NBITS
};
#define MEANS_BITS 17
#define MEANS_SCREENED (1u << MEANS_BITS)
#define MEANS_OTHER_BIT 16

struct var {
	const char *name;
	enum kind kind;
	int bit;
};

/* The dataset's variables in its order (v6, then isSlaveryAndPractices). */
static const struct var vars[NVARS] = {
	{"yearOfRegistration", K_YEAR, 0},
	{"Datasource", K_SOURCE, 0},
	{"gender", K_GENDER, 0},
	{"ageBroad", K_AGE, 0},
	{"majorityStatus", K_MAJORITY, 0},
	{"majorityStatusAtExploit", K_NONE, 0},
	{"majorityEntry", K_NONE, 0},
	{"citizenship", K_CITIZENSHIP, 0},
	{"meansOfControlDebtBondage", K_MEANS, 0},
	{"meansOfControlTakesEarnings", K_MEANS, 1},
	{"meansOfControlRestrictsFinancialAccess", K_MEANS, 2},
	{"meansOfControlThreats", K_MEANS, 3},
	{"meansOfControlPsychologicalAbuse", K_MEANS, 4},
	{"meansOfControlPhysicalAbuse", K_MEANS, 5},
	{"meansOfControlSexualAbuse", K_MEANS, 6},
	{"meansOfControlFalsePromises", K_MEANS, 7},
	{"meansOfControlPsychoactiveSubstances", K_MEANS, 8},
	{"meansOfControlRestrictsMovement", K_MEANS, 9},
	{"meansOfControlRestrictsMedicalCare", K_MEANS, 10},
	{"meansOfControlExcessiveWorkingHours", K_MEANS, 11},
	{"meansOfControlUsesChildren", K_MEANS, 12},
	{"meansOfControlThreatOfLawEnforcement", K_MEANS, 13},
	{"meansOfControlWithholdsNecessities", K_MEANS, 14},
	{"meansOfControlWithholdsDocuments", K_MEANS, 15},
	{"meansOfControlOther", K_MEANS, MEANS_OTHER_BIT},
	{"meansOfControlNotSpecified", K_MEANS_NOTSPEC, 0},
	{"meansOfControlConcatenated", K_MEANS_CONCAT, 0},
	{"isForcedLabour", K_EXPL, E_LABOUR},
	{"isSexualExploit", K_EXPL, E_SEXUAL},
	{"isOtherExploit", K_EXPL, E_OTHER},
	{"isSexAndLabour", K_SEXLABOUR, 0},
	{"isForcedMarriage", K_EXPL, E_MARRIAGE},
	{"isForcedMilitary", K_EXPL, E_MILITARY},
	{"isOrganRemoval", K_EXPL, E_ORGAN},
	{"typeOfExploitConcatenated", K_EXPL_CONCAT, 0},
	{"typeOfLabourAgriculture", K_NONE, 0},
	{"typeOfLabourAquafarming", K_NONE, 0},
	{"typeOfLabourBegging", K_LAB, E_BEGGING},
	{"typeOfLabourConstruction", K_NONE, 0},
	{"typeOfLabourDomesticWork", K_LAB, E_DOMESTIC},
	{"typeOfLabourHospitality", K_NONE, 0},
	{"typeOfLabourIllicitActivities", K_LAB, E_ILLICIT},
	{"typeOfLabourManufacturing", K_NONE, 0},
	{"typeOfLabourMiningOrDrilling", K_NONE, 0},
	{"typeOfLabourPeddling", K_NONE, 0},
	{"typeOfLabourTransportation", K_NONE, 0},
	{"typeOfLabourOther", K_LAB, E_LAB_OTHER},
	{"typeOfLabourNotSpecified", K_LAB_NOTSPEC, 0},
	{"typeOfLabourConcatenated", K_LAB_CONCAT, 0},
	{"typeOfSexProstitution", K_NONE, 0},
	{"typeOfSexPornography", K_SEX, E_PORN},
	{"typeOfSexRemoteInteractiveServices", K_NONE, 0},
	{"typeOfSexPrivateSexualServices", K_NONE, 0},
	{"typeOfSexConcatenated", K_SEX_CONCAT, 0},
	{"isAbduction", K_NONE, 0},
	{"RecruiterRelationship", K_NONE, 0},
	{"CountryOfExploitation", K_COUNTRY, 0},
	{"recruiterRelationIntimatePartner", K_NONE, 0},
	{"recruiterRelationFriend", K_NONE, 0},
	{"recruiterRelationFamily", K_NONE, 0},
	{"recruiterRelationOther", K_NONE, 0},
	{"recruiterRelationUnknown", K_NONE, 0},
	{"isSlaveryAndPractices", K_EXPL, E_SLAVERY},
};

/* HTCDS vic_MethodsOfControl value of each means bit (NULL: none). */
static const char *const htcds_means[MEANS_BITS] = {
	"DebtBondage",   "TakesEarnings",         "RestrictsFinancialAccess",
	"PhysicalThreats", "PsychologicalAbuse",  "PhysicalAbuse",
	"SexualAbuse",   "FalsePromises",         "PsychoactiveSubstance",
	"Other",         "RestrictsMedicalCare",  "ExcessiveWorkingHours",
	"Other",         "ThreatsLawEnforcement", "WithholdsNecessities",
	"WithholdsDocuments", "Other"};

#define MAX_SOURCES 96
struct source {
	char code[64];
	uint32_t bits; /* bits it sets */
};

#define MAX_COUNTRIES 300
#define MAX_GROUPS 40
static struct {
	struct source forms[MAX_SOURCES], indicators[MAX_SOURCES * 2];
	size_t nforms, nindicators;
	char labels[NVARS][48];
	char header[2048];
	/* Countries in m49.csv order; then sub-regions; then regions. */
	char country[MAX_COUNTRIES][3];
	uint16_t alpha2[26 * 26]; /* index + 1 in country of the code AA..ZZ, 0 none */
	size_t sub_of[MAX_COUNTRIES], region_of_sub[MAX_GROUPS];
	char subs[MAX_GROUPS][48], regions[MAX_GROUPS][48];
	size_t ncountries, nsubs, nregions;
} T;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static lt_err init_rc;
static struct lt_problem init_problem;

static const struct var *var_named(const char *name, size_t *index)
{
	for (size_t i = 0; i < NVARS; i++)
		if (!strcmp(vars[i].name, name)) {
			*index = i;
			return &vars[i];
		}
	return NULL;
}

/* Adds BITS to the source CODE in LIST. */
static lt_err add_source(struct source *list, size_t *n, size_t cap, const char *code, uint32_t bits)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(list[i].code, code)) {
			list[i].bits |= bits;
			return LT_OK;
		}
	if (*n >= cap || strlen(code) >= sizeof(list[0].code))
		return LT_ERR_INVALID;
	snprintf(list[*n].code, sizeof(list[*n].code), "%s", code);
	list[(*n)++].bits = bits;
	return LT_OK;
}

struct mapping_parse {
	size_t next; /* the variable expected next, in order */
};

static lt_err mapping_row(void *vctx, const struct lt_csv_row *row)
{
	struct mapping_parse *mp = vctx;
	if (row->number == 1)
		return LT_OK;
	if (row->nstored < 5)
		return lt_problem_set(&init_problem, LT_ERR_INVALID, "%s: row %zu: 5 fields expected",
				      MAPPING_FILE, row->number);
	size_t index;
	const struct var *v = var_named(row->fields[0], &index);
	if (!v || index != mp->next)
		return lt_problem_set(&init_problem, LT_ERR_INVALID,
				      "%s: row %zu: '%s' is not the CTDC variable expected there (%s)",
				      MAPPING_FILE, row->number, row->fields[0],
				      mp->next < NVARS ? vars[mp->next].name : "none");
	mp->next++;
	snprintf(T.labels[index], sizeof(T.labels[index]), "%s", row->fields[1]);
	const char *from = row->fields[2];
	bool is_form = !strcmp(from, "exploitation"), is_ind = !strcmp(from, "indicator");
	if (!is_form && !is_ind)
		return LT_OK;
	if ((is_form && v->kind != K_EXPL && v->kind != K_LAB && v->kind != K_SEX) ||
	    (is_ind && v->kind != K_MEANS))
		return lt_problem_set(&init_problem, LT_ERR_INVALID,
				      "%s: row %zu: %s cannot come from %s", MAPPING_FILE, row->number,
				      v->name, from);
	char codes[2048];
	snprintf(codes, sizeof(codes), "%s", row->fields[3]);
	for (char *s = codes; *s;) {
		size_t len = strcspn(s, ";");
		char save = s[len];
		s[len] = '\0';
		lt_err rc = is_form ? add_source(T.forms, &T.nforms, LT_ARRAY_LEN(T.forms), s,
						 1u << v->bit)
				    : add_source(T.indicators, &T.nindicators,
						 LT_ARRAY_LEN(T.indicators), s, 1u << v->bit);
		if (rc)
			return lt_problem_set(&init_problem, LT_ERR_INVALID,
					      "%s: row %zu: too many codes", MAPPING_FILE, row->number);
		s += len + (save ? 1 : 0);
	}
	return LT_OK;
}

static size_t group_index(char (*names)[48], size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(names[i], name))
			return i;
	if (*n >= MAX_GROUPS)
		return SIZE_MAX;
	snprintf(names[*n], 48, "%s", name);
	return (*n)++;
}

static lt_err regions_row(void *vctx, const struct lt_csv_row *row)
{
	LT_UNUSED(vctx);
	if (row->number == 1)
		return LT_OK;
	if (row->nstored < 3 || strlen(row->fields[0]) != 2 || T.ncountries >= MAX_COUNTRIES)
		return lt_problem_set(&init_problem, LT_ERR_INVALID, "%s: row %zu is not code,region,sub_region",
				      REGIONS_FILE, row->number);
	size_t r = group_index(T.regions, &T.nregions, row->fields[1]);
	size_t s = group_index(T.subs, &T.nsubs, row->fields[2]);
	if (r == SIZE_MAX || s == SIZE_MAX)
		return lt_problem_set(&init_problem, LT_ERR_INVALID, "%s: too many regions", REGIONS_FILE);
	T.region_of_sub[s] = r;
	memcpy(T.country[T.ncountries], row->fields[0], 3);
	const char *c = row->fields[0];
	if (c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
	    !T.alpha2[(c[0] - 'A') * 26 + (c[1] - 'A')])
		T.alpha2[(c[0] - 'A') * 26 + (c[1] - 'A')] = (uint16_t)(T.ncountries + 1);
	T.sub_of[T.ncountries++] = s;
	return LT_OK;
}

static void init_all(void)
{
	lt_problem_init(&init_problem);
	const struct lt_embedded_file *m = lt_embed_find(lt_data_files, MAPPING_FILE);
	const struct lt_embedded_file *r = lt_embed_find(lt_data_files, REGIONS_FILE);
	if (!m || !r) {
		init_rc = lt_problem_set(&init_problem, LT_ERR_NOT_FOUND, "The data file %s is missing.",
					 m ? REGIONS_FILE : MAPPING_FILE);
		return;
	}
	struct mapping_parse mp = {0};
	init_rc = lt_csv_each((const char *)m->data, m->len, MAPPING_FILE, 8192, mapping_row, &mp,
			      &init_problem);
	if (!init_rc && mp.next != NVARS)
		init_rc = lt_problem_set(&init_problem, LT_ERR_INVALID, "%s: %zu variables, %d expected",
					 MAPPING_FILE, mp.next, NVARS);
	if (!init_rc)
		init_rc = lt_csv_each((const char *)r->data, r->len, REGIONS_FILE, 1024, regions_row,
				      NULL, &init_problem);
	size_t len = 0;
	for (size_t i = 0; i < NVARS && !init_rc; i++)
		len += (size_t)snprintf(T.header + len, sizeof(T.header) - len, "%s%s", i ? "," : "",
					vars[i].name);
	if (!init_rc)
		snprintf(T.header + len, sizeof(T.header) - len, "\n");
}

lt_err lt_ctdc_init(struct lt_problem *p)
{
	pthread_once(&once, init_all);
	if (init_rc && p)
		*p = init_problem;
	return init_rc;
}

const char *lt_ctdc_header(void)
{
	return lt_ctdc_init(NULL) ? "" : T.header;
}

/* --- encoding --- */

/* Age bands: the CTDC bands (0-8), wider bands (9-11), majority (12), missing (13). */
static const char *const bands[] = {"0--8",   "9--17",  "18--20", "21--23", "24--26",
				    "27--29", "30--38", "39--47", "48+",    "0--17",
				    "18--29", "30--47", "18+",    MISSING};
#define NBANDS 14
#define BAND_MISSING 13
static const uint32_t band_wider[NBANDS] = {9, 9, 10, 10, 10, 10, 11, 11, 8, 9, 10, 11, 12, 13};
static const uint32_t band_majority[NBANDS] = {9, 9, 12, 12, 12, 12, 12, 12, 12, 9, 12, 12, 12, 13};
static const char *const majority[] = {"Minor", "Adult", MISSING};
static const char *const genders[] = {"Female", "Male", "Transgender/NonConforming", MISSING};

static uint32_t band_of(int64_t age)
{
	static const int upper[] = {8, 17, 20, 23, 26, 29, 38, 47};
	if (age < 0)
		return BAND_MISSING;
	for (uint32_t i = 0; i < 8; i++)
		if (age <= upper[i])
			return i;
	return 8;
}

/* Country ids: 0..n-1 countries, then sub-regions, then regions, then missing. */
static uint32_t country_missing(void)
{
	return (uint32_t)(T.ncountries + T.nsubs + T.nregions);
}

static uint32_t country_id(const char *code)
{
	if (!code || !*code)
		return country_missing();
	/* Every export row looks up two codes: index them rather than scan. */
	if (code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z' && !code[2]) {
		uint16_t at = T.alpha2[(code[0] - 'A') * 26 + (code[1] - 'A')];
		return at ? (uint32_t)(at - 1) : country_missing();
	}
	for (size_t i = 0; i < T.ncountries; i++)
		if (!strcmp(T.country[i], code))
			return (uint32_t)i;
	return country_missing();
}

static const char *country_text(uint32_t id)
{
	if (id < T.ncountries)
		return T.country[id];
	id -= (uint32_t)T.ncountries;
	if (id < T.nsubs)
		return T.subs[id];
	id -= (uint32_t)T.nsubs;
	return id < T.nregions ? T.regions[id] : MISSING;
}

static uint32_t source_bits(const struct source *list, size_t n, const char *code, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i].code) == len && !memcmp(list[i].code, code, len))
			return list[i].bits;
	return 0;
}

static uint32_t means_of(const char *indicators)
{
	if (!indicators)
		return 0;
	uint32_t bits = MEANS_SCREENED;
	/* The ids are plain codes: every "..." in the array is one. */
	for (const char *s = strchr(indicators, '"'); s; s = strchr(s, '"')) {
		const char *end = strchr(++s, '"');
		if (!end)
			break;
		bits |= source_bits(T.indicators, T.nindicators, s, (size_t)(end - s));
		s = end + 1;
	}
	return bits;
}

static uint32_t forms_of(const char *forms)
{
	if (!forms || !*forms)
		return 0;
	uint32_t bits = 1u << E_KNOWN;
	for (const char *s = forms; *s;) {
		size_t len = strcspn(s, ",");
		bits |= source_bits(T.forms, T.nforms, s, len);
		s += len + (s[len] ? 1 : 0);
	}
	return bits;
}

void lt_ctdc_encode_numbers(int64_t year, int64_t age, int is_child, uint32_t *v)
{
	v[LT_CTDC_YEAR] = year >= 1900 && year < 3000 ? (uint32_t)(year - 1899) : 0;
	uint32_t m = is_child == 1 ? 0 : is_child == 0 ? 1 : 2;
	v[LT_CTDC_AGE] = band_of(age) * 3 + m;
}

uint32_t lt_ctdc_encode_text(enum lt_ctdc_dim dim, const char *text)
{
	(void)lt_ctdc_init(NULL);
	switch (dim) {
	case LT_CTDC_GENDER: {
		const char *sex = text ? text : "";
		return !strcmp(sex, "female") ? 0 : !strcmp(sex, "male") ? 1 : !strcmp(sex, "other") ? 2 : 3;
	}
	case LT_CTDC_CITIZENSHIP:
	case LT_CTDC_COUNTRY:
		return country_id(text);
	case LT_CTDC_MEANS:
		return means_of(text);
	case LT_CTDC_EXPLOIT:
		return forms_of(text);
	default:
		return 0;
	}
}

void lt_ctdc_encode(const struct lt_ctdc_case *c, uint32_t *v)
{
	lt_ctdc_encode_numbers(c->year, c->age, c->is_child, v);
	v[LT_CTDC_GENDER] = lt_ctdc_encode_text(LT_CTDC_GENDER, c->sex);
	v[LT_CTDC_CITIZENSHIP] = lt_ctdc_encode_text(LT_CTDC_CITIZENSHIP, c->citizenship);
	v[LT_CTDC_COUNTRY] = lt_ctdc_encode_text(LT_CTDC_COUNTRY, c->country);
	v[LT_CTDC_MEANS] = lt_ctdc_encode_text(LT_CTDC_MEANS, c->indicators);
	v[LT_CTDC_EXPLOIT] = lt_ctdc_encode_text(LT_CTDC_EXPLOIT, c->forms);
}

/* --- the ladders --- */

static uint32_t *table(struct lt_ctdc_dims *d, enum lt_ctdc_dim dim, size_t level, size_t card)
{
	uint32_t *t = malloc(card * sizeof(*t));
	d->tables[dim][level] = t;
	d->dim[dim].gen[level] = t;
	return t;
}

static lt_err build_small(struct lt_ctdc_dims *d)
{
	struct lt_anon_dim *y = &d->dim[LT_CTDC_YEAR], *g = &d->dim[LT_CTDC_GENDER];
	*y = (struct lt_anon_dim){.name = "yearOfRegistration", .card = 1101, .nlevels = 2,
				  .level_names = {"year", "removed (-99)"}};
	*g = (struct lt_anon_dim){.name = "gender", .card = 4, .nlevels = 2,
				  .level_names = {"as recorded", "removed (-99)"}};
	uint32_t *ty = table(d, LT_CTDC_YEAR, 1, 1101), *tg = table(d, LT_CTDC_GENDER, 1, 4);
	if (!ty || !tg)
		return LT_ERR_NOMEM;
	for (size_t i = 0; i < 1101; i++)
		ty[i] = 0;
	for (size_t i = 0; i < 4; i++)
		tg[i] = 3;
	struct lt_anon_dim *a = &d->dim[LT_CTDC_AGE];
	*a = (struct lt_anon_dim){.name = "ageBroad", .card = NBANDS * 3, .nlevels = 4,
				  .level_names = {"CTDC bands", "wider bands (0--17, 18--29, 30--47, 48+)",
						  "minor or adult (0--17, 18+)", "removed (-99)"}};
	uint32_t *t1 = table(d, LT_CTDC_AGE, 1, NBANDS * 3), *t2 = table(d, LT_CTDC_AGE, 2, NBANDS * 3),
		 *t3 = table(d, LT_CTDC_AGE, 3, NBANDS * 3);
	if (!t1 || !t2 || !t3)
		return LT_ERR_NOMEM;
	for (uint32_t k = 0; k < NBANDS * 3; k++) {
		uint32_t b = k / 3, m = k % 3;
		t1[k] = band_wider[b] * 3 + m;
		t2[k] = band_majority[b] * 3 + m;
		t3[k] = BAND_MISSING * 3 + m;
	}
	static const char *const names[2] = {"citizenship", "CountryOfExploitation"};
	for (int i = 0; i < 2; i++) {
		enum lt_ctdc_dim dim = i ? LT_CTDC_COUNTRY : LT_CTDC_CITIZENSHIP;
		size_t card = country_missing() + 1;
		d->dim[dim] = (struct lt_anon_dim){.name = names[i], .card = card, .nlevels = 4,
						   .level_names = {"country", "UN M49 sub-region",
								   "UN M49 region", "removed (-99)"}};
		uint32_t *s = table(d, dim, 1, card), *r = table(d, dim, 2, card), *x = table(d, dim, 3, card);
		if (!s || !r || !x)
			return LT_ERR_NOMEM;
		for (uint32_t c = 0; c < card; c++) {
			size_t sub = c < T.ncountries ? T.sub_of[c] : c - T.ncountries;
			bool is_sub = c >= T.ncountries && c < T.ncountries + T.nsubs;
			bool is_country = c < T.ncountries;
			s[c] = is_country ? (uint32_t)(T.ncountries + sub) : c;
			r[c] = is_country || is_sub
				       ? (uint32_t)(T.ncountries + T.nsubs + T.region_of_sub[sub])
				       : c;
			x[c] = country_missing();
		}
	}
	return LT_OK;
}

/* Which of the first NBITS bits fewer than K records have (among those
 * with bit GATE set). */
static uint32_t rare_bits(const uint32_t *values, size_t n, size_t dim, int nbits, uint32_t gate,
			  int64_t k)
{
	int64_t count[32] = {0};
	for (size_t r = 0; r < n; r++) {
		uint32_t v = values[r * LT_CTDC_NDIMS + dim];
		if (!(v & gate))
			continue;
		for (int b = 0; b < nbits; b++)
			count[b] += (v >> b) & 1;
	}
	uint32_t rare = 0;
	for (int b = 0; b < nbits; b++)
		if (count[b] > 0 && count[b] < k)
			rare |= 1u << b;
	return rare;
}

static lt_err build_flags(struct lt_ctdc_dims *d, const uint32_t *values, size_t n, int64_t k)
{
	size_t mcard = MEANS_SCREENED << 1;
	d->dim[LT_CTDC_MEANS] = (struct lt_anon_dim){
		.name = "meansOfControl", .card = mcard, .nlevels = 3,
		.level_names = {"as screened", "rare means merged into meansOfControlOther",
				"removed (-99)"}};
	uint32_t rare = rare_bits(values, n, LT_CTDC_MEANS, MEANS_BITS, MEANS_SCREENED, k) &
			~(1u << MEANS_OTHER_BIT);
	uint32_t *m1 = table(d, LT_CTDC_MEANS, 1, mcard), *m2 = table(d, LT_CTDC_MEANS, 2, mcard);
	if (!m1 || !m2)
		return LT_ERR_NOMEM;
	for (uint32_t v = 0; v < mcard; v++) {
		m1[v] = v & rare ? (v & ~rare) | 1u << MEANS_OTHER_BIT : v;
		m2[v] = 0;
	}
	size_t ecard = 1u << E_NBITS;
	d->dim[LT_CTDC_EXPLOIT] = (struct lt_anon_dim){
		.name = "exploitation", .card = ecard, .nlevels = 3,
		.level_names = {"as recorded", "rare forms merged into other",
				"forced labour, sexual exploitation or other only"}};
	uint32_t erare = rare_bits(values, n, LT_CTDC_EXPLOIT, E_NBITS - 1, 1u << E_KNOWN, k);
	uint32_t is_rare = erare & (1u << E_MARRIAGE | 1u << E_MILITARY | 1u << E_ORGAN | 1u << E_SLAVERY);
	uint32_t lab_rare = erare & (1u << E_BEGGING | 1u << E_DOMESTIC | 1u << E_ILLICIT);
	uint32_t sex_rare = erare & (1u << E_PORN);
	uint32_t fine = 1u << E_MARRIAGE | 1u << E_MILITARY | 1u << E_ORGAN | 1u << E_SLAVERY;
	uint32_t types = 1u << E_BEGGING | 1u << E_DOMESTIC | 1u << E_ILLICIT | 1u << E_LAB_OTHER |
			 1u << E_PORN;
	uint32_t *e1 = table(d, LT_CTDC_EXPLOIT, 1, ecard), *e2 = table(d, LT_CTDC_EXPLOIT, 2, ecard);
	if (!e1 || !e2)
		return LT_ERR_NOMEM;
	for (uint32_t v = 0; v < ecard; v++) {
		uint32_t w = v;
		if (w & is_rare)
			w = (w & ~is_rare) | 1u << E_OTHER;
		if (w & lab_rare)
			w = (w & ~lab_rare) | 1u << E_LAB_OTHER;
		w &= ~sex_rare;
		e1[v] = w;
		uint32_t c = v;
		if (c & fine)
			c = (c & ~fine) | 1u << E_OTHER;
		e2[v] = c & ~types;
	}
	return LT_OK;
}

lt_err lt_ctdc_dims_build(const uint32_t *values, size_t n, int64_t k, struct lt_ctdc_dims *out)
{
	memset(out, 0, sizeof(*out));
	lt_err rc = lt_ctdc_init(NULL);
	if (!rc)
		rc = build_small(out);
	if (!rc)
		rc = build_flags(out, values, n, k);
	if (rc)
		lt_ctdc_dims_free(out);
	return rc;
}

void lt_ctdc_dims_free(struct lt_ctdc_dims *d)
{
	for (size_t i = 0; i < LT_CTDC_NDIMS; i++)
		for (size_t l = 0; l < LT_ANON_MAX_LEVELS; l++) {
			free(d->tables[i][l]);
			d->tables[i][l] = NULL;
		}
}

/* --- the row --- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Appends the labels of the variables of KIND whose bit is set in BITS, in
 * alphabetical order joined by ';', or MISSING when none. */
static lt_err concat(struct lt_buf *out, enum kind kind, uint32_t bits, const char *extra)
{
	const char *labels[NVARS + 1];
	size_t n = 0;
	for (size_t i = 0; i < NVARS; i++)
		if (vars[i].kind == kind && (bits >> vars[i].bit & 1) && T.labels[i][0])
			labels[n++] = T.labels[i];
	if (extra)
		labels[n++] = extra;
	if (!n)
		return lt_buf_adds(out, MISSING);
	qsort(labels, n, sizeof(labels[0]), cmp_str);
	lt_err rc = LT_OK;
	for (size_t i = 0; i < n && !rc; i++) {
		if (i)
			rc = lt_buf_add(out, ";", 1);
		if (!rc)
			rc = lt_buf_adds(out, labels[i]);
	}
	return rc;
}

static lt_err flag(struct lt_buf *out, bool known, uint32_t bits, int bit)
{
	return lt_buf_adds(out, !known ? MISSING : (bits >> bit & 1) ? "1" : "0");
}

lt_err lt_ctdc_render(const struct lt_ctdc_dims *d, const size_t *level, const uint32_t *values,
		      struct lt_buf *out)
{
	uint32_t v[LT_CTDC_NDIMS];
	for (size_t i = 0; i < LT_CTDC_NDIMS; i++)
		v[i] = lt_anon_value(&d->dim[i], level[i], values[i]);
	uint32_t means = v[LT_CTDC_MEANS], ex = v[LT_CTDC_EXPLOIT];
	bool screened = means & MEANS_SCREENED, known = ex >> E_KNOWN & 1;
	bool any_means = means & (MEANS_SCREENED - 1);
	bool labour = ex >> E_LABOUR & 1;
	uint32_t lab_types = ex & (1u << E_BEGGING | 1u << E_DOMESTIC | 1u << E_ILLICIT | 1u << E_LAB_OTHER);
	lt_err rc = LT_OK;
	char num[16];
	for (size_t i = 0; i < NVARS && !rc; i++) {
		if (i)
			rc = lt_buf_add(out, ",", 1);
		if (rc)
			break;
		const struct var *var = &vars[i];
		switch (var->kind) {
		case K_NONE:
			rc = lt_buf_adds(out, MISSING);
			break;
		case K_YEAR:
			if (v[LT_CTDC_YEAR]) {
				snprintf(num, sizeof(num), "%u", v[LT_CTDC_YEAR] + 1899);
				rc = lt_buf_adds(out, num);
			} else {
				rc = lt_buf_adds(out, MISSING);
			}
			break;
		case K_SOURCE:
			rc = lt_buf_adds(out, "Case management");
			break;
		case K_GENDER:
			rc = lt_buf_adds(out, genders[v[LT_CTDC_GENDER]]);
			break;
		case K_AGE:
			rc = lt_buf_adds(out, bands[v[LT_CTDC_AGE] / 3]);
			break;
		case K_MAJORITY:
			rc = lt_buf_adds(out, majority[v[LT_CTDC_AGE] % 3]);
			break;
		case K_CITIZENSHIP:
			rc = lt_buf_adds(out, country_text(v[LT_CTDC_CITIZENSHIP]));
			break;
		case K_COUNTRY:
			rc = lt_buf_adds(out, country_text(v[LT_CTDC_COUNTRY]));
			break;
		case K_MEANS:
			rc = flag(out, screened, means, var->bit);
			break;
		case K_MEANS_NOTSPEC:
			rc = lt_buf_adds(out, !screened ? MISSING : any_means ? "0" : "1");
			break;
		case K_MEANS_CONCAT:
			rc = !screened ? lt_buf_adds(out, MISSING)
				       : concat(out, K_MEANS, means, any_means ? NULL : "Not specified");
			break;
		case K_EXPL:
			rc = flag(out, known, ex, var->bit);
			break;
		case K_SEXLABOUR:
			rc = lt_buf_adds(out, !known ? MISSING
						     : (labour && (ex >> E_SEXUAL & 1)) ? "1" : "0");
			break;
		case K_EXPL_CONCAT:
			rc = known ? concat(out, K_EXPL, ex, NULL) : lt_buf_adds(out, MISSING);
			break;
		case K_LAB:
		case K_SEX:
			rc = flag(out, known, ex, var->bit);
			break;
		case K_LAB_NOTSPEC:
			rc = lt_buf_adds(out, !known ? MISSING : (labour && !lab_types) ? "1" : "0");
			break;
		case K_LAB_CONCAT:
			rc = known ? concat(out, K_LAB, ex, labour && !lab_types ? "Not specified" : NULL)
				   : lt_buf_adds(out, MISSING);
			break;
		case K_SEX_CONCAT:
			rc = known ? concat(out, K_SEX, ex, NULL) : lt_buf_adds(out, MISSING);
			break;
		}
	}
	return rc ? rc : lt_buf_add(out, "\n", 1);
}

bool lt_ctdc_region(const char *alpha2, const char **region, const char **sub_region)
{
	if (lt_ctdc_init(NULL))
		return false;
	uint32_t id = country_id(alpha2);
	if (id >= T.ncountries)
		return false;
	*sub_region = T.subs[T.sub_of[id]];
	*region = T.regions[T.region_of_sub[T.sub_of[id]]];
	return true;
}

lt_err lt_ctdc_htcds_means(const char *indicators, struct lt_buf *out)
{
	lt_err rc = lt_ctdc_init(NULL);
	if (rc || !indicators)
		return rc;
	uint32_t bits = means_of(indicators);
	bool seen_other = false, first = true;
	for (int b = 0; b < MEANS_BITS && !rc; b++) {
		if (!(bits >> b & 1))
			continue;
		bool other = !strcmp(htcds_means[b], "Other");
		if (other && seen_other)
			continue;
		seen_other |= other;
		if (!first)
			rc = lt_buf_add(out, ";", 1);
		if (!rc)
			rc = lt_buf_adds(out, htcds_means[b]);
		first = false;
	}
	return rc;
}
