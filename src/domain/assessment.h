/* The country assessment (docs/assessment.md): reporting periods, the trend
 * rule of the scorecard, the ISO 3166 alpha-2 to alpha-3 table of
 * data/tiers/countries.csv, and the Watch List clock built on lt_tier_next().
 * Pure code: no files, no store, no printing.
 * Ownership: every struct here is a plain value; names are static strings. */
#ifndef LT_DOMAIN_ASSESSMENT_H
#define LT_DOMAIN_ASSESSMENT_H
#include "base/common.h"
#include "base/problem.h"
#include "domain/tiers.h"

/** The years a scorecard may be asked for (the previous period must exist). */
#define LT_ASSESSMENT_YEAR_MIN 2000
#define LT_ASSESSMENT_YEAR_MAX 2999

/** How a figure moved from the previous period to the current one. */
enum lt_trend {
	LT_TREND_FALLING,
	LT_TREND_FLAT,
	LT_TREND_INCREASING,
	LT_TREND_NOT_COMPARABLE, /* a share with no one to share in one of the periods */
};
/** "falling", "flat", "increasing", "not_comparable". */
const char *lt_trend_name(enum lt_trend t);
/** The trend of a count: any change counts, there is no tolerance. */
enum lt_trend lt_trend_of_counts(int64_t previous, int64_t current);
/** The trend of a share N/OF, compared exactly (by cross-multiplication);
 *  not comparable when either OF is 0. */
enum lt_trend lt_trend_of_shares(int64_t prev_n, int64_t prev_of, int64_t cur_n, int64_t cur_of);
/** A share as a percentage rounded to one decimal; only for OF > 0. */
double lt_share_percent(int64_t n, int64_t of);

/** The two kinds of year. */
enum lt_period_kind {
	LT_PERIOD_REPORTING, /* the TIP reporting period: 1 April Y-1 to 31 March Y */
	LT_PERIOD_CALENDAR,  /* 1 January to 31 December Y */
};
/** "reporting" or "calendar". */
const char *lt_period_kind_name(enum lt_period_kind k);
/** Parses a period kind name; LT_ERR_INVALID when unknown. */
lt_err lt_period_kind_from_name(const char *s, enum lt_period_kind *out);

/** A closed range of days, "YYYY-MM-DD". */
struct lt_period {
	char start[11];
	char end[11];
};
/** The period of kind K named by YEAR. */
void lt_period_of(enum lt_period_kind k, int year, struct lt_period *out);

/** Looks ISO2 up in the countries table (CSV text "iso2,iso3,name" with a
 *  header) and copies its alpha-3 code to OUT; LT_ERR_NOT_FOUND when absent. */
lt_err lt_country_iso3(const char *csv, size_t len, const char *iso2, char out[4]);

/** Where a country stands on the Watch List clock before report YEAR. */
struct lt_watch_clock {
	struct lt_tier_outlook outlook; /* what lt_tier_next() says of YEAR */
	int run;                 /* counted Watch List years in a row just before YEAR */
	int years_used;          /* of them, towards the automatic downgrade */
	int years_max;           /* the downgrade's length in YEAR, 0 when none is in force */
	int waivers_used;
	int waivers_max;         /* waiver years the rules of YEAR allow */
	const char *waiver;      /* "used", "available" or "none" (no waiver may be granted) */
	char sentence[300];      /* e.g. "2 of 2 years used, waiver used: ..." */
};

/** Fills CLOCK for COUNTRY (ISO3) and report YEAR from H and RULES; errors
 *  as lt_tier_next(). */
lt_err lt_watch_clock(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
		      const char *country, int year, struct lt_watch_clock *clock,
		      struct lt_problem *p);

#endif
