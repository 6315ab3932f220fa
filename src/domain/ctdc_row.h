/* Reading CTDC-format microdata for aggregate-only use (docs/open-data.md,
 * "CTDC import"): CSV records split with their line numbers, a header
 * mapped to the 63 CTDC variables, each row's codes checked against the
 * codings the CTDC export writes, and the groups of the annual figures a
 * row counts in (docs/statistics.md, "CTDC microdata"). Pure: no I/O beyond
 * the embedded regions table (data/regions/m49.csv).
 * Ownership: every struct here is a caller-owned value; a record's values
 * point into the fields struct it was read from (or at static text). */
#ifndef LT_DOMAIN_CTDC_ROW_H
#define LT_DOMAIN_CTDC_ROW_H
#include "base/buf.h"
#include "base/problem.h"
#include "domain/stats.h"

/** The variables of the CTDC global dataset (codebook v6 and the 14 April
 *  2020 release), in the dataset's order. */
#define LT_CTDC_VARS 63
/** Columns a record may have (the 63 plus columns the import ignores). */
#define LT_CTDC_ROW_MAX_FIELDS 256
/** Bytes a record may hold, all fields together. */
#define LT_CTDC_ROW_MAX_BYTES 16384
/** Bytes a free-text value (the *Concatenated labels) may hold. */
#define LT_CTDC_TEXT_MAX 512

/** Indices of the variables the figures read. */
enum lt_ctdc_var {
	LT_CV_YEAR = 0,
	LT_CV_SOURCE = 1,
	LT_CV_GENDER = 2,
	LT_CV_AGE = 3,
	LT_CV_MAJORITY = 4,
	LT_CV_CITIZENSHIP = 7,
	LT_CV_FORCED_LABOUR = 27,
	LT_CV_SEXUAL = 28,
	LT_CV_OTHER = 29,
	LT_CV_MARRIAGE = 31,
	LT_CV_MILITARY = 32,
	LT_CV_ORGAN = 33,
	LT_CV_ILLICIT = 41, /* typeOfLabourIllicitActivities */
	LT_CV_COUNTRY = 56,
	LT_CV_SLAVERY = 62,
};

/** The name of variable I (0..LT_CTDC_VARS-1); "" out of range. */
const char *lt_ctdc_var_name(size_t i);

/** A reader of CSV text (RFC 4180: quoted fields may hold commas, quotes
 *  doubled, and line breaks; CRLF or LF line ends; a leading UTF-8 BOM is
 *  skipped). */
struct lt_ctdc_csv {
	const char *text;
	size_t len, pos;
	size_t line; /* the physical line the next record starts on (1-based) */
};
/** One record: its fields, NUL-terminated, in BUF. */
struct lt_ctdc_fields {
	size_t line; /* the line the record starts on */
	size_t n;
	const char *f[LT_CTDC_ROW_MAX_FIELDS];
	char buf[LT_CTDC_ROW_MAX_BYTES];
};
/** Starts reading LEN bytes of TEXT. */
void lt_ctdc_csv_init(struct lt_ctdc_csv *r, const char *text, size_t len);
/** Splits the next record into OUT. LT_ERR_NOT_FOUND at the end of the
 *  text (OUT unchanged); LT_ERR_INVALID (described in P, OUT->line set) for an unclosed
 *  quote, text after a closing quote, a NUL byte, more than
 *  LT_CTDC_ROW_MAX_FIELDS fields or LT_CTDC_ROW_MAX_BYTES bytes. */
lt_err lt_ctdc_csv_next(struct lt_ctdc_csv *r, struct lt_ctdc_fields *out, struct lt_problem *p);

/** Where each variable is in a file, from its header record. */
struct lt_ctdc_layout {
	size_t ncols;
	int var_of[LT_CTDC_ROW_MAX_FIELDS]; /* the variable of each column; -1 not a CTDC one */
	int col_of[LT_CTDC_VARS];           /* the column of each variable; -1 absent */
	size_t nunknown;
	char unknown[512]; /* the columns that are not CTDC variables, ", "-joined
			      (ends with "..." when they do not fit) */
};
/** Reads HEADER. LT_ERR_INVALID naming the column in P when a variable
 *  appears twice or a variable the figures need is missing
 *  (yearOfRegistration, gender, ageBroad, majorityStatus, citizenship,
 *  CountryOfExploitation, isForcedLabour, isSexualExploit, isOtherExploit);
 *  every other variable may be absent and reads as -99. Column names are
 *  matched exactly (case included) after trimming spaces. */
lt_err lt_ctdc_layout_read(const struct lt_ctdc_fields *header, struct lt_ctdc_layout *out,
			   struct lt_problem *p);

/** One row, checked. */
struct lt_ctdc_record {
	int64_t registration_year;         /* yearOfRegistration; 0 when -99 or Unknown */
	const char *value[LT_CTDC_VARS];   /* each variable's code; "-99" when the column is absent */
};
/** Reads and checks ROW against LAY: the number of fields, then every CTDC
 *  column's code (docs/open-data.md, "CTDC import": flags 0/1, the CTDC
 *  age bands and the export's wider ones, alpha-2 countries, UN M49 region
 *  names, -99 missing and Unknown not collected). The first fault is named
 *  in P by its column. Columns that are not CTDC variables are not read. */
lt_err lt_ctdc_record_read(const struct lt_ctdc_layout *lay, const struct lt_ctdc_fields *row,
			   struct lt_ctdc_record *out, struct lt_problem *p);
/** Appends R's 63 values, in the dataset's order, as one CSV record (no
 *  line end; a value holding a comma or quote is quoted) to OUT. */
lt_err lt_ctdc_record_codes(const struct lt_ctdc_record *r, struct lt_buf *out);

/** The codes of a row that the annual figures read. */
struct lt_ctdc_codes {
	const char *gender, *age, *majority, *citizenship, *country;
	const char *forced_labour, *sexual, *other, *marriage, *military, *organ, *slavery,
		*illicit;
};
/** How a row's citizenship counts. */
enum lt_ctdc_nationality {
	LT_CTDC_NATIONAL, /* the own country */
	LT_CTDC_FOREIGN,  /* another country, or a region that does not include the own country */
	LT_CTDC_NAT_UNKNOWN, /* -99, Unknown, 00, ZZ, or a region that includes the own country */
};
/** The groups one row counts in. */
struct lt_ctdc_groups {
	enum lt_stats_expl expl;
	enum lt_stats_sex_age sex_age;
	bool child;
	enum lt_ctdc_nationality nationality;
	bool country_unknown;
	bool national_abroad; /* a national exploited in a country (or region) not the own */
};
/** The groups of a row with codes C, for a deployment whose own country is
 *  OWN (alpha-2); the rules are those of docs/statistics.md, "CTDC
 *  microdata". */
void lt_ctdc_groups_of(const struct lt_ctdc_codes *c, const char *own, struct lt_ctdc_groups *g);
/** True when a citizenship or country code V says nothing (-99, Unknown,
 *  00, ZZ or empty). */
bool lt_ctdc_place_unknown(const char *v);

#endif
