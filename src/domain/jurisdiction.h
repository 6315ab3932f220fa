/* A jurisdiction profile: the country-specific facts the case rules need, from
 * data/jurisdictions/<CC>.json (compiled into the binary; docs/vocabularies.md
 * describes the file and how to add a country). Every fact in the file carries
 * its sources; the loader refuses a fact without one. Keys it does not read
 * (such as a future "criminal_code") are ignored; the ones it reads are
 * checked for type and range, and a fault names the key.
 * Pure: parses embedded JSON, no I/O. Ownership: a profile is a plain value. */
#ifndef LT_DOMAIN_JURISDICTION_H
#define LT_DOMAIN_JURISDICTION_H
#include "base/common.h"
#include "base/problem.h"

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

#endif
