/* Screening a person with the ILO/EC operational indicators of trafficking
 * (four weighted profiles) or with the ILO indicators of forced labour (an
 * unweighted checklist): the indicator tables, the combination rule, the
 * outcome, its plain-language explanation and its JSON form. Pure: no I/O;
 * the tables are parsed from CSV text handed in by the caller.
 * Ownership: a table owns everything it loads (in its arena) until
 * lt_screening_table_release(); results and tallies are plain values that
 * point into the table they were made with, so the table must outlive them.
 * A loaded table is read-only and may be shared between threads. */
#ifndef LT_DOMAIN_SCREENING_H
#define LT_DOMAIN_SCREENING_H
#include "base/common.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/problem.h"
#include <jansson.h>

#define LT_SCREENING_NDIMS 6
#define LT_SCREENING_MAX_PROFILES 8
#define LT_SCREENING_MAX_INDICATORS 192

/** The six dimensions of the operational indicators, in their fixed order. */
enum lt_screening_dim {
	LT_SCREENING_DIM_DECEPTIVE_RECRUITMENT,
	LT_SCREENING_DIM_COERCIVE_RECRUITMENT,
	LT_SCREENING_DIM_RECRUITMENT_VULNERABILITY,
	LT_SCREENING_DIM_EXPLOITATION,
	LT_SCREENING_DIM_COERCION_AT_DESTINATION,
	LT_SCREENING_DIM_DESTINATION_VULNERABILITY,
};

/** The three parts of the trafficking definition the dimensions belong to. */
enum lt_screening_part {
	LT_SCREENING_PART_RECRUITMENT,
	LT_SCREENING_PART_EXPLOITATION,
	LT_SCREENING_PART_DESTINATION,
};

/** The weight of an indicator in one profile. LISTED marks membership of an
 *  unweighted checklist; ABSENT means the indicator is not in the profile. */
enum lt_screening_weight {
	LT_SCREENING_ABSENT = 0,
	LT_SCREENING_WEAK,
	LT_SCREENING_MEDIUM,
	LT_SCREENING_STRONG,
	LT_SCREENING_LISTED,
};

/** Which combination made a dimension positive, in the order the rule is
 *  checked; NONE when the dimension is not positive. */
enum lt_screening_combination {
	LT_SCREENING_COMBO_NONE,
	LT_SCREENING_COMBO_TWO_STRONG,
	LT_SCREENING_COMBO_STRONG_MEDIUM,
	LT_SCREENING_COMBO_STRONG_WEAK,
	LT_SCREENING_COMBO_THREE_MEDIUM,
	LT_SCREENING_COMBO_TWO_MEDIUM_WEAK,
};

/** The outcome of a screening. The first four belong to the weighted
 *  profiles, the last two to checklists. */
enum lt_screening_outcome {
	LT_SCREENING_OUTCOME_TRAFFICKING,
	LT_SCREENING_OUTCOME_POSSIBLE_TRAFFICKING,
	LT_SCREENING_OUTCOME_LABOUR_EXPLOITATION,
	LT_SCREENING_OUTCOME_INSUFFICIENT_INDICATORS,
	LT_SCREENING_OUTCOME_INDICATORS_PRESENT,
	LT_SCREENING_OUTCOME_NO_INDICATORS,
	LT_SCREENING_OUTCOME_COUNT,
};

/** How a profile is applied: by the weighted combination rule, or as a
 *  checklist that only lists what is present. */
enum lt_screening_kind {
	LT_SCREENING_WEIGHTED,
	LT_SCREENING_CHECKLIST,
};

/** Whom a profile is for. Weighted profiles are for adults or children. */
enum lt_screening_age {
	LT_SCREENING_ADULT,
	LT_SCREENING_CHILD,
	LT_SCREENING_ANY_AGE,
};

/** One profile (list of indicators), as shipped in ilo/profiles.csv. */
struct lt_screening_profile {
	const char *id;           /* "adult_labour", ..., "forced_labour_11" */
	const char *label_en;
	const char *label_sr;     /* Serbian, Latin script */
	const char *source;       /* the publication the list comes from */
	const char *note;         /* caveat for users; "" when none */
	const char *exploitation; /* "labour", "sexual" or "any" */
	enum lt_screening_kind kind;
	enum lt_screening_age age;
	bool provisional;         /* weights not yet checked against the source */
	unsigned index;           /* position in the table; column of weight[] */
	unsigned nindicators;     /* indicators that belong to this profile */
};

/** One dimension with its labels, as shipped in ilo/dimensions.csv. */
struct lt_screening_dimension {
	const char *id;
	const char *label_en;
	const char *label_sr;
	enum lt_screening_part part;
};

/** One indicator. Weighted-list ids are "dimension.name"; checklist ids are
 *  a bare name. */
struct lt_screening_indicator {
	const char *id;
	const char *label_en;
	const char *label_sr;
	int dim;        /* enum lt_screening_dim, or -1 for a checklist item */
	unsigned index; /* position in the table */
	enum lt_screening_weight weight[LT_SCREENING_MAX_PROFILES]; /* by profile index */
};

/** All profiles, dimensions and indicators. */
struct lt_screening_table {
	struct lt_arena arena;
	size_t nprofiles;
	struct lt_screening_profile profiles[LT_SCREENING_MAX_PROFILES];
	struct lt_screening_dimension dims[LT_SCREENING_NDIMS];
	size_t nindicators;
	struct lt_screening_indicator indicators[LT_SCREENING_MAX_INDICATORS];
	const struct lt_screening_indicator *by_id[LT_SCREENING_MAX_INDICATORS]; /* sorted */
};

/** What one dimension scored. */
struct lt_screening_dim_result {
	unsigned strong;
	unsigned medium;
	unsigned weak;
	bool positive;
	enum lt_screening_combination combination;
	size_t nfound; /* indicators found in this dimension */
};

/** The result of screening one person. For a checklist profile the
 *  dimensions and parts stay zero and only found[] and the outcome count. */
struct lt_screening_result {
	const struct lt_screening_profile *profile;
	struct lt_screening_dim_result dims[LT_SCREENING_NDIMS];
	bool recruitment;  /* some recruitment dimension is positive */
	bool exploitation; /* the exploitation dimension is positive */
	bool destination;  /* some destination dimension is positive */
	enum lt_screening_outcome outcome;
	size_t nfound;     /* distinct indicators found, in table order */
	const struct lt_screening_indicator *found[LT_SCREENING_MAX_INDICATORS];
};

/** People per outcome and per indicator, for a group. */
struct lt_screening_tally {
	size_t people;
	size_t outcomes[LT_SCREENING_OUTCOME_COUNT];
	size_t indicators[LT_SCREENING_MAX_INDICATORS]; /* by table index */
};

/* ---- the rule, on its own ---- */

/** The first combination in the rule's order that STRONG, MEDIUM and WEAK
 *  indicators reach: 2 strong; 1 strong + 1 medium; 1 strong + 1 weak;
 *  3 medium; 2 medium + 1 weak. NONE when none is reached. */
enum lt_screening_combination lt_screening_combination_of(unsigned strong, unsigned medium,
							  unsigned weak);
/** The outcome for a weighted profile, from which parts are positive. For a
 *  child, exploitation alone decides (the means are not required). */
enum lt_screening_outcome lt_screening_outcome_of(bool child, bool recruitment,
						  bool exploitation, bool destination);
/** The part DIM belongs to. */
enum lt_screening_part lt_screening_dim_part(enum lt_screening_dim dim);
/** The id of DIM, e.g. "coercion_at_destination" (static string). */
const char *lt_screening_dim_str(enum lt_screening_dim dim);
/** The id of OUTCOME, e.g. "possible_trafficking" (static string). */
const char *lt_screening_outcome_str(enum lt_screening_outcome outcome);
/** COMBO in words, e.g. "1 strong + 1 medium" (static string; "" for NONE). */
const char *lt_screening_combination_str(enum lt_screening_combination combo);

/* ---- the tables ---- */

/** Gives the text of the data file NAME (e.g. "ilo/indicators.csv") and its
 *  length, or NULL when there is no such file. The text must stay valid
 *  while the table is being loaded. */
typedef const char *(*lt_screening_reader)(void *ctx, const char *name, size_t *len);

/** Loads ilo/profiles.csv, ilo/dimensions.csv, ilo/indicators.csv and one
 *  ilo/PROFILE.csv per checklist profile through READ, checking every row.
 *  Faults in the data are described in P (field "FILE row N") and give
 *  LT_ERR_INVALID; T is then released. */
lt_err lt_screening_table_load(struct lt_screening_table *t, lt_screening_reader read,
			       void *ctx, struct lt_problem *p);
/** Loads the tables shipped in the binary (lt_data_files). */
lt_err lt_screening_table_load_embedded(struct lt_screening_table *t, struct lt_problem *p);
/** Frees what T holds; T may be loaded again. */
void lt_screening_table_release(struct lt_screening_table *t);
/** The profile called ID, or NULL. */
const struct lt_screening_profile *lt_screening_table_profile(const struct lt_screening_table *t,
							      const char *id);
/** The indicator called ID (in any profile), or NULL. */
const struct lt_screening_indicator *
lt_screening_table_indicator(const struct lt_screening_table *t, const char *id);

/* ---- screening ---- */

/** Screens one person: PROFILE is a profile id, IDS the NIDS indicator ids
 *  found (a repeated id counts once). An unknown profile or indicator, or an
 *  indicator not in the profile, is named in P (fields "profile" and
 *  "indicators[i]") and gives LT_ERR_INVALID; OUT is then unspecified. */
lt_err lt_screening_run(const struct lt_screening_table *t, const char *profile,
			const char *const *ids, size_t nids, struct lt_screening_result *out,
			struct lt_problem *p);
/** Screens the request document DOC, {"profile": "...", "indicators": [...]}.
 *  PROFILE_OVERRIDE, when not NULL, replaces the document's profile, which is
 *  then optional. Faults are named in P as for lt_screening_run(). */
lt_err lt_screening_run_json(const struct lt_screening_table *t, const json_t *doc,
			     const char *profile_override, struct lt_screening_result *out,
			     struct lt_problem *p);
/** Appends to OUT the plain-language explanation of R: which dimensions are
 *  positive and by which combination, what the outcome means and the next
 *  step. */
lt_err lt_screening_result_explain(const struct lt_screening_table *t,
				   const struct lt_screening_result *r, struct lt_buf *out);
/** R as JSON (new reference in *OUT): for a weighted profile
 *  {"profile","provisional","dimensions" (all six),"outcome","explanation"};
 *  for a checklist {"profile","provisional","indicators","count","total",
 *  "outcome","explanation"}. */
lt_err lt_screening_result_to_json(const struct lt_screening_table *t,
				   const struct lt_screening_result *r, json_t **out);

/* ---- groups ---- */

/** Called by lt_screening_group_run() for each valid row: ROW is its record
 *  number in the file (the header, when present, is row 1), PERSON the
 *  first column. A non-zero return stops the run and is returned. */
typedef lt_err (*lt_screening_row_fn)(void *ctx, size_t row, const char *person,
				      const struct lt_screening_result *r);

/** Screens a group from CSV text: one person a row with the columns person,
 *  profile and indicators (ids separated by ';'); a first row starting with
 *  "person" is a header and skipped. PROFILE_OVERRIDE, when not NULL,
 *  replaces every row's profile. FN is called for every valid row in order,
 *  even when other rows are invalid; when this returns LT_ERR_INVALID, P
 *  names the faulty rows (field "row N") and the caller should discard what
 *  FN built. */
lt_err lt_screening_group_run(const struct lt_screening_table *t, const char *csv, size_t len,
			      const char *profile_override, lt_screening_row_fn fn, void *ctx,
			      struct lt_problem *p);

/** Starts an empty tally. */
void lt_screening_tally_init(struct lt_screening_tally *y);
/** Counts one person's result R into Y. */
void lt_screening_tally_add(struct lt_screening_tally *y, const struct lt_screening_result *r);
/** Y as JSON (new reference in *OUT): {"people", "outcomes" (every outcome,
 *  zeros included), "most_frequent_indicators" (at most TOP entries
 *  {"indicator","people"}, most frequent first, ties in table order)}. */
lt_err lt_screening_tally_to_json(const struct lt_screening_table *t,
				  const struct lt_screening_tally *y, size_t top, json_t **out);

#endif
