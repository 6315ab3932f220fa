/* The CTDC global dataset's variables and codings (docs/open-data.md): how a
 * Lantern case becomes one CTDC row, the generalisation ladders the
 * anonymiser may climb for each dimension, and the row's text. The sources
 * of every variable are data (data/ctdc/mapping.csv), as are the regions
 * (data/regions/m49.csv). Pure: no I/O beyond the embedded data.
 * Ownership: lt_ctdc_dims_build() allocates the ladders in a struct
 * lt_ctdc_dims, which lt_ctdc_dims_free() releases; the tables loaded by
 * lt_ctdc_init() are static and live as long as the process. */
#ifndef LT_DOMAIN_CTDC_H
#define LT_DOMAIN_CTDC_H
#include "base/buf.h"
#include "base/problem.h"
#include "domain/anonymise.h"

/** The dimensions the anonymiser sees (several CTDC variables may belong
 *  to one: all the means-of-control flags are one dimension). */
enum lt_ctdc_dim {
	LT_CTDC_YEAR,
	LT_CTDC_GENDER,
	LT_CTDC_AGE, /* ageBroad and majorityStatus */
	LT_CTDC_CITIZENSHIP,
	LT_CTDC_COUNTRY, /* CountryOfExploitation */
	LT_CTDC_MEANS,   /* the meansOfControl* variables */
	LT_CTDC_EXPLOIT, /* is*, typeOfExploit*, typeOfLabour*, typeOfSex* */
	LT_CTDC_NDIMS
};

/** What one identified case contributes, as the store reads it. */
struct lt_ctdc_case {
	int64_t year;            /* referral year; 0 unknown */
	const char *sex;         /* Lantern sex code */
	int64_t age;             /* age on the referral date; -1 unknown */
	int is_child;            /* 1, 0, -1 unknown */
	const char *citizenship; /* alpha-2 chosen for the row, or NULL/"" */
	const char *country;     /* alpha-2 country of exploitation, or NULL/"" */
	const char *forms;       /* the case's forms, comma-separated, or NULL/"" */
	const char *indicators;  /* the latest screening's indicator ids as a JSON
				    array, or NULL when never screened */
};

/** Loads and checks the mapping and the regions (once per process). */
lt_err lt_ctdc_init(struct lt_problem *p);
/** The CSV header: the 63 variable names in the dataset's order. */
const char *lt_ctdc_header(void);
/** Encodes C as one value per dimension (VALUES[LT_CTDC_NDIMS]): the
 *  numbers as lt_ctdc_encode_numbers(), each text as lt_ctdc_encode_text(). */
void lt_ctdc_encode(const struct lt_ctdc_case *c, uint32_t *values);
/** Sets VALUES[LT_CTDC_YEAR] and VALUES[LT_CTDC_AGE] from a case's referral
 *  year, age and child flag (as in struct lt_ctdc_case). */
void lt_ctdc_encode_numbers(int64_t year, int64_t age, int is_child, uint32_t *values);
/** The value in dimension DIM of the text that dimension is coded from
 *  (LT_CTDC_GENDER: sex; LT_CTDC_CITIZENSHIP, LT_CTDC_COUNTRY: alpha-2;
 *  LT_CTDC_MEANS: indicators; LT_CTDC_EXPLOIT: forms, as in struct
 *  lt_ctdc_case), so that a caller holding many equal texts can code each
 *  distinct one once; 0 for the other dimensions. */
uint32_t lt_ctdc_encode_text(enum lt_ctdc_dim dim, const char *text);

/** The ladders of every dimension, sized for the values at hand. */
struct lt_ctdc_dims {
	struct lt_anon_dim dim[LT_CTDC_NDIMS];
	uint32_t *tables[LT_CTDC_NDIMS][LT_ANON_MAX_LEVELS];
};
/** Builds the ladders for N records of encoded VALUES; the "rare category"
 *  levels merge the flags that fewer than K records have. */
lt_err lt_ctdc_dims_build(const uint32_t *values, size_t n, int64_t k, struct lt_ctdc_dims *out);
/** Releases what lt_ctdc_dims_build() allocated (safe on a zeroed struct). */
void lt_ctdc_dims_free(struct lt_ctdc_dims *d);
/** Appends the CSV row (with its newline) of the encoded VALUES at the
 *  dimensions' LEVEL to OUT. */
lt_err lt_ctdc_render(const struct lt_ctdc_dims *d, const size_t *level, const uint32_t *values,
		      struct lt_buf *out);

/** The UN M49 region and sub-region of an alpha-2 code; false when unknown. */
bool lt_ctdc_region(const char *alpha2, const char **region, const char **sub_region);
/** For the HTCDS export: the means of control the indicator ids in the JSON
 *  array INDICATORS map to, as HTCDS vic_MethodsOfControl values joined by
 *  ';' and appended to OUT. */
lt_err lt_ctdc_htcds_means(const char *indicators, struct lt_buf *out);

#endif
