/* Pure helpers of the annual statistics (docs/statistics.md): the groups a
 * case falls into (exploitation group, sex and age) and percentiles of a
 * histogram by the nearest-rank method. No I/O, no allocation.
 * Ownership: strings returned are static; callers own every array. */
#ifndef LT_DOMAIN_STATS_H
#define LT_DOMAIN_STATS_H
#include "base/common.h"
#include "domain/jurisdiction.h"

/** The exploitation groups of identified_by_exploitation, in output order. */
enum lt_stats_expl {
	LT_EXPL_SEXUAL,
	LT_EXPL_LABOUR,
	LT_EXPL_CRIMINALITY,
	LT_EXPL_OTHER,
	LT_EXPL_MULTIPLE, /* forms from more than one of the four groups above */
	LT_EXPL_UNKNOWN,  /* no form recorded */
	LT_EXPL_COUNT
};
/** The sex and age groups of identified_by_sex_age, in output order. */
enum lt_stats_sex_age {
	LT_SA_WOMEN,
	LT_SA_MEN,
	LT_SA_GIRLS,
	LT_SA_BOYS,
	LT_SA_UNKNOWN, /* sex other or unknown, or child unknown */
	LT_SA_COUNT
};

/** The key of group G ("sexual", ..., "unknown"); "" out of range. */
const char *lt_stats_expl_name(enum lt_stats_expl g);
/** The key of group G ("women", ..., "unknown"); "" out of range. */
const char *lt_stats_sex_age_name(enum lt_stats_sex_age g);
/** The group of a case whose forms are FORMS, a comma-separated list of
 *  exploitation codes (NULL or "" for none). Each form maps to its group by
 *  the vocabulary (lt_vocab_exploitation_group; an unknown code counts as
 *  other); forms from two or more groups give LT_EXPL_MULTIPLE. */
enum lt_stats_expl lt_stats_expl_group(const char *forms);
/** The group of a person of SEX ("female", "male", ...) with IS_CHILD 1, 0
 *  or -1 (unknown) on the referral date. */
enum lt_stats_sex_age lt_stats_sex_age(const char *sex, int is_child);

/** One bar of a histogram: COUNT observations of VALUE. */
struct lt_stats_bin {
	int64_t value;
	int64_t count;
};
/** The P-th percentile (1..100) of the observations in BINS (sorted by
 *  value, ascending; counts >= 0) by the nearest-rank method: the value at
 *  1-based rank ceil(P/100 * N) among the N observations. False (OUT left
 *  alone) when there are none. */
bool lt_stats_percentile(const struct lt_stats_bin *bins, size_t nbins, int p, int64_t *out);

/** The sentence bands of proceedings.sentences.by_band, in output order. */
enum lt_stats_band {
	LT_BAND_NO_PRISON,   /* 0 months: a fine or another penalty only */
	LT_BAND_UNDER_12,    /* 1 to 11 months */
	LT_BAND_12_TO_35,    /* 1 year to under 3 */
	LT_BAND_36_TO_59,    /* 3 years to under 5 */
	LT_BAND_60_TO_119,   /* 5 years to under 10 */
	LT_BAND_120_OR_MORE, /* 10 years or more */
	LT_BAND_NOT_RECORDED, /* a conviction with no sentence recorded */
	LT_BAND_COUNT
};
/** The key of band B ("no_prison", ..., "not_recorded"); "" out of range. */
const char *lt_stats_band_name(enum lt_stats_band b);
/** The band of a sentence of MONTHS (>= 0; a negative value is not recorded). */
enum lt_stats_band lt_stats_band_of(int64_t months);
/** True when a charge moved from an article of the trafficking class
 *  (BEFORE) to one that is not (AFTER), by the classes of jurisdiction J. */
bool lt_stats_charge_downgraded(const struct lt_jurisdiction *j, const char *before,
				const char *after);

#endif
