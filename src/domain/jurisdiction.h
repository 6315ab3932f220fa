/* A jurisdiction profile: the country-specific facts the case rules need, from
 * data/jurisdictions/<CC>.json (compiled into the binary; docs/vocabularies.md
 * describes the file and how to add a country). Every fact in the file carries
 * its sources; the loader refuses a fact without one. Keys it does not read
 * are ignored; the ones it reads are checked for type and range, and a fault
 * names the key. The "criminal_code" section is optional: a profile without
 * one loads, and then knows no article. The "public_holidays" section is
 * optional too (without it only weekends are days off) and strict: a key it
 * does not know is refused, named, since a typo there would silently move a
 * deadline; domain/calendar.h turns it into dates.
 * Pure: parses embedded JSON, no I/O. Ownership: a profile is a plain value. */
#ifndef LT_DOMAIN_JURISDICTION_H
#define LT_DOMAIN_JURISDICTION_H
#include "base/common.h"
#include "base/problem.h"

/** How an article of the criminal code counts in the statistics and rules. */
enum lt_offence_class {
	LT_OFFENCE_OTHER = 0,   /* unrelated to trafficking */
	LT_OFFENCE_TRAFFICKING, /* a trafficking offence (Serbia: 388, 389, 390) */
	LT_OFFENCE_LESSER,      /* a lesser offence charged instead of trafficking (Serbia: 184, 132, 135) */
};

/** A penalty range of one paragraph, in force from VALID_FROM until VALID_TO
 *  (exclusive; "" when still in force): a case is judged under the law of
 *  its time. Months; MAX_MONTHS -1 when the law sets no maximum. */
struct lt_penalty {
	char valid_from[11], valid_to[11];
	int min_months, max_months;
	bool fine; /* a fine besides the prison term */
};

struct lt_article_paragraph {
	char id[8];            /* "1", "3" */
	char summary_en[200];
	bool minor;            /* the paragraph is about an offence against a child */
	struct lt_penalty penalties[4];
	int n_penalties;
};

struct lt_article {
	char id[16];           /* "388" */
	char title_en[120], title_sr[120];
	enum lt_offence_class offence_class;
	struct lt_article_paragraph paragraphs[12];
	int n_paragraphs;
};

/** One non-working public holiday of the profile ("public_holidays"): fixed
 *  days of a Gregorian month, or days counted from Orthodox Easter Sunday. */
struct lt_holiday {
	char id[32];                  /* "new_year", "orthodox_easter" */
	char name_en[80], name_sr[80];
	int month;                    /* 1-12: fixed days of this month; 0: counted from Easter */
	int days[8];                  /* fixed: days of MONTH; else days from Easter Sunday (-2 = Good Friday) */
	int n_days;
	bool sunday_next_working_day; /* a day of it on a Sunday makes the next working day a day off */
};

struct lt_jurisdiction {
	char country[3]; /* "RS" */
	char name_en[64], name_sr[64];
	char adult_body[160];    /* who decides identification for adults: for Serbia the
				    Center for Protection of Victims of Trafficking */
	char child_body[160];    /* for children: the Centre for Social Work */
	int child_age;           /* 18: a person younger than this is a child */
	int reflection_min_days; /* 30 */
	int reasonable_grounds_deadline_working_days; /* 5 */
	int conclusive_deadline_days;                 /* 30 */
	bool negative_decision_appealable;            /* Serbia: false (no appeal, TIP 2023) */
	/* The two bodies in Serbian (Latin script). */
	char adult_body_sr[160];
	char child_body_sr[160];
	/* The criminal code articles the justice records use ("criminal_code"). */
	char criminal_code_name_en[120];
	struct lt_article articles[24];
	int n_articles;
	/* The public holidays ("public_holidays"); none when the section is
	   absent, and then only Saturdays and Sundays are not working days. */
	bool has_holidays;
	char holidays_law_en[200], holidays_law_sr[200];
	struct lt_holiday holidays[16];
	int n_holidays;
};

/** Loads the profile of COUNTRY (ISO alpha-2) from the embedded data;
 *  LT_ERR_NOT_FOUND with a clear problem when there is none, LT_ERR_INVALID
 *  naming the key when the file is faulty. Pure: parses embedded JSON. */
lt_err lt_jurisdiction_load(const char *country, struct lt_jurisdiction *out, struct lt_problem *p);
/** Parses LEN bytes of JSON TEXT as the profile file NAME (for messages) of
 *  COUNTRY, exactly as lt_jurisdiction_load() does: for tests and for checking
 *  a new profile. OUT is zeroed on failure. */
lt_err lt_jurisdiction_parse(const char *country, const char *name, const char *text, size_t len,
			     struct lt_jurisdiction *out, struct lt_problem *p);
/** The identification body for a person who is (or is not) a child (English). */
const char *lt_jurisdiction_deciding_body(const struct lt_jurisdiction *j, bool child);
/** The same in Serbian (Latin script). */
const char *lt_jurisdiction_deciding_body_sr(const struct lt_jurisdiction *j, bool child);
/** True when a person of AGE full years on the reference date is a child. */
bool lt_jurisdiction_is_child(const struct lt_jurisdiction *j, int age);
/** The article ID ("388") of the profile's criminal code, NULL when none. */
const struct lt_article *lt_jurisdiction_article(const struct lt_jurisdiction *j, const char *id);
/** The paragraph PARA of ARTICLE, NULL when none (or PARA is NULL/""). */
const struct lt_article_paragraph *lt_article_paragraph(const struct lt_article *a, const char *para);
/** The penalty of ARTICLE paragraph PARA in force on DATE (YYYY-MM-DD), NULL
 *  when the profile has none for that day. Without a paragraph, the first
 *  paragraph's (the base offence). */
const struct lt_penalty *lt_jurisdiction_penalty(const struct lt_jurisdiction *j, const char *article,
						 const char *para, const char *date);
/** The class of ARTICLE: LT_OFFENCE_OTHER for an article the profile lacks. */
enum lt_offence_class lt_jurisdiction_offence_class(const struct lt_jurisdiction *j, const char *article);
/** The code of CLASS as the API and the profile write it: "trafficking",
 *  "lesser" or "other". */
const char *lt_offence_class_name(enum lt_offence_class cls);

#endif
