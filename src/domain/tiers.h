/* TIP Report tiers, the Tier 2 Watch List rules by report year, and tier
 * histories: which placements the rules in force forbid, and which the next
 * report may make. Pure code: callers hand in text already read and get values
 * back; nothing here reads files or prints.
 * Ownership: a struct lt_tier_history owns its placements and their strings
 * (lt_tier_history_release() frees them); struct lt_tier_rules, struct
 * lt_tier_law, struct lt_tier_violation and struct lt_tier_outlook are plain
 * values holding no heap memory; rule ids and tier names are static strings. */
#ifndef LT_DOMAIN_TIERS_H
#define LT_DOMAIN_TIERS_H
#include "base/common.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/problem.h"

/* The first year of the published tier dataset, and a ceiling far enough off
 * that an administrator adding years never meets it, but that keeps a typo
 * such as 20024 out. */
#define LT_TIER_YEAR_MIN 1999
#define LT_TIER_YEAR_MAX 2200

/** A placement in one report. Only the first four are statutory; special
 *  cases and unranked years never count towards or against a rule. */
enum lt_tier {
	LT_TIER_1,
	LT_TIER_2,
	LT_TIER_2_WATCH_LIST,
	LT_TIER_3,
	LT_TIER_SPECIAL_CASE,
	LT_TIER_NOT_RANKED,
};
/** The number of values of enum lt_tier. */
#define LT_TIER_COUNT 6

/** The Lantern id of T ("tier_1", ..., "special_case", "not_ranked"). */
const char *lt_tier_name(enum lt_tier t);
/** Parses a Lantern id (exact, lower case) into OUT; LT_ERR_INVALID if unknown. */
lt_err lt_tier_from_name(const char *s, enum lt_tier *out);

/* ---- Rules ---------------------------------------------------------------- */

/** What a rule does; see docs/tiers.md for the statute behind each. */
enum lt_tier_rule_kind {
	LT_TIER_RULE_DOWNGRADE,     /* "automatic_downgrade": N Watch List years -> Tier 3 */
	LT_TIER_RULE_WAIVER,        /* "waiver": up to N more Watch List years */
	LT_TIER_RULE_REINSTATEMENT, /* "reinstatement_limit": N years at most after a downgrade */
};

/** One rule and the report years it was in force (inclusive). */
struct lt_tier_rule {
	enum lt_tier_rule_kind kind;
	int from;
	int to;          /* LT_TIER_YEAR_MAX when still in force */
	int years;       /* downgrade: run that triggers it; waiver: most waiver years;
			    reinstatement: most Watch List years after the downgrade */
	int counts_from; /* downgrade: the first report whose Watch List placement counts */
	bool immediately; /* reinstatement: the Tier 3 year must follow the run at once */
};

/** The most rules a rules file may hold. */
#define LT_TIER_RULES_MAX 32

/** A rule table, as read from data/tiers/rules.json. */
struct lt_tier_rules {
	size_t n;
	struct lt_tier_rule items[LT_TIER_RULES_MAX];
};

/** The rules in force in one report year, flattened for judging. */
struct lt_tier_law {
	int year;                  /* the report year whose rules these are */
	bool downgrade;            /* an automatic downgrade rule is in force */
	int downgrade_years;       /* consecutive Watch List years that trigger it */
	int counts_from;           /* first report year counted */
	int max_waiver_years;      /* 0 when no waiver may be granted */
	bool reinstatement;        /* the reinstatement limit is in force */
	int reinstatement_years;   /* Watch List years allowed after a downgrade */
	bool reinstatement_immediately;
};

/** Parses a rules file (JSON text of LEN bytes) into RULES. Every fault is
 *  described in P with the JSON path of the rule at fault. */
lt_err lt_tier_rules_parse(struct lt_tier_rules *rules, const char *json, size_t len,
			   struct lt_problem *p);
/** Fills LAW with the rules of RULES in force in report year YEAR. */
void lt_tier_rules_at(const struct lt_tier_rules *rules, int year, struct lt_tier_law *law);

/* ---- Histories -------------------------------------------------------------- */

/** The CSV dialect a history was read from. */
enum lt_tier_format {
	LT_TIER_FORMAT_LANTERN, /* country,name,year,tier,source with Lantern tier ids */
	LT_TIER_FORMAT_DATASET, /* countryname,iso,year,ccode,tier as in the 1999-2015 dataset */
};

/** One country's placement in one report year. */
struct lt_tier_placement {
	char country[4];    /* ISO 3166-1 alpha-3, upper case */
	int year;           /* report year */
	enum lt_tier tier;
	size_t line;        /* line of the input it came from */
	const char *name;   /* country name, "" when not given; owned by the history */
	const char *source; /* source id or text, "" when not given; owned by the history */
};

/** A tier history: placements sorted by country, then year, each country's
 *  years without a gap. */
struct lt_tier_history {
	struct lt_tier_placement *items;
	size_t n;
	size_t cap;
	enum lt_tier_format format;
	struct lt_arena arena;
};

/** Starts an empty history. */
void lt_tier_history_init(struct lt_tier_history *h);
/** Frees every placement and string of H; H is empty and reusable afterwards. */
void lt_tier_history_release(struct lt_tier_history *h);
/** Parses LEN bytes of CSV TEXT, in either format (told apart by the header),
 *  into the empty history H. Faults are described in P, each naming its line
 *  and column; up to LT_PROBLEM_MAX_FIELDS are kept. On failure H is left
 *  empty. */
lt_err lt_tier_history_parse(struct lt_tier_history *h, const char *text, size_t len,
			     struct lt_problem *p);
/** Appends H to OUT in the Lantern format, header first. Placements without a
 *  source get DEFAULT_SOURCE (may be NULL). */
lt_err lt_tier_history_write(const struct lt_tier_history *h, const char *default_source,
			     struct lt_buf *out);
/** Sets *FIRST and *N to COUNTRY's placements in H (sorted by year); *N is 0
 *  when H has none. */
void lt_tier_history_country(const struct lt_tier_history *h, const char *country,
			     const struct lt_tier_placement **first, size_t *n);

/* ---- Judging ------------------------------------------------------------------ */

/** Rule ids as they appear in violations and in the rules file. */
#define LT_TIER_RULE_ID_DOWNGRADE "automatic_downgrade"
#define LT_TIER_RULE_ID_WAIVER "waiver"
#define LT_TIER_RULE_ID_REINSTATEMENT "reinstatement_limit"

/** Enough room for every report year there can be. */
#define LT_TIER_YEARS_MAX (LT_TIER_YEAR_MAX - LT_TIER_YEAR_MIN + 1)

/** A placement the rules forbid, and the earlier years that make it so. */
struct lt_tier_violation {
	char country[4];
	int year;
	enum lt_tier placement;
	size_t line;          /* the placement's line in the input */
	const char *rule;     /* LT_TIER_RULE_ID_DOWNGRADE or LT_TIER_RULE_ID_REINSTATEMENT */
	size_t nbecause;
	int because[LT_TIER_YEARS_MAX];
};

/** Receives each violation in order of country, then year; a non-zero
 *  return stops the check and is passed on. */
typedef lt_err (*lt_tier_violation_fn)(const struct lt_tier_violation *v, void *ctx);

/** Judges every placement of H against RULES: those in force in each
 *  placement's own report year when RULES_YEAR is 0, else those in force in
 *  RULES_YEAR (to ask what a later law would have said of the same history).
 *  Calls FN for each violation and counts them in *NVIOLATIONS. */
lt_err lt_tier_check(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
		     int rules_year, lt_tier_violation_fn fn, void *ctx, size_t *nviolations);

/** What report year YEAR may say of a country. */
struct lt_tier_outlook {
	char country[4];
	int year;
	bool allowed[LT_TIER_COUNT]; /* set only for the four statutory tiers */
	bool waiver_required;        /* the Watch List needs a waiver with a written plan */
	const char *rule;            /* the rule that bars or limits the Watch List, or NULL */
	char reason[400];            /* one sentence on the Watch List, with the years */
};

/** Says which placements the law allows COUNTRY (ISO3) in report YEAR, from
 *  its placements in H before YEAR and the RULES in force in YEAR (or in
 *  RULES_YEAR when non-zero). LT_ERR_INVALID, described in P, when H lacks
 *  a year the rules must look at. */
lt_err lt_tier_next(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
		    const char *country, int year, int rules_year, struct lt_tier_outlook *out,
		    struct lt_problem *p);

/* ---- Which country of the history ---------------------------------------------- */

/** Finds the alpha-3 code under which the history knows a deployment's
 *  country: ISO2 looked up in the countries table COUNTRIES (LEN bytes of CSV
 *  "iso2,iso3,name", data/tiers/countries.csv), else the one country of H
 *  (may be NULL) whose name is NAME, ASCII letter case ignored. On
 *  LT_ERR_NOT_FOUND P's detail names what is missing and how to add it. */
lt_err lt_tier_country_resolve(const char *countries, size_t len, const char *iso2,
			       const char *name, const struct lt_tier_history *h, char iso3[4],
			       struct lt_problem *p);

#endif
