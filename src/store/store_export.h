/* Store functions for open data and exchange (docs/open-data.md): the rows
 * of the CTDC and HTCDS exports, and the CTDC microdata imported for
 * aggregate use. Include it directly (store.h does not).
 * Ownership: a row's strings live until the callback returns. */
#ifndef LT_STORE_STORE_EXPORT_H
#define LT_STORE_STORE_EXPORT_H
#include "store/store.h"

/** One identified victim for the CTDC export: the latest identified case
 *  of a person. */
struct lt_export_ctdc_row {
	int64_t referral_year;
	const char *sex;
	int64_t age;            /* -1 unknown */
	int is_child;           /* 1, 0, -1 unknown */
	const char *citizenship; /* the own country's when held, else the first; NULL if none */
	const char *country;    /* the first other than the own country, else it; NULL if none */
	const char *forms;      /* comma-separated; NULL if none */
	const char *indicators; /* the latest screening's JSON array; NULL if none */
};
/** Calls CB for every person identified (identification 'identified' dated
 *  in YEAR, or at any date when YEAR is 0), with the latest such case; OWN
 *  is the deployment's country (alpha-2). Run it in a read transaction. */
lt_err lt_store_export_ctdc(struct lt_store *s, int64_t year, const char *own,
			    lt_err (*cb)(void *ctx, const struct lt_export_ctdc_row *row), void *ctx);

/** One case for the HTCDS export. */
struct lt_export_htcds_row {
	int64_t case_id, person_id;
	const char *case_number, *ref, *status;
	const char *referral_date, *source, *referring_org;
	bool consent;
	const char *sex;
	int64_t birth_year; /* 0 unknown */
	int64_t age;        /* -1 unknown */
	const char *identification, *identification_date; /* date NULL when pending */
	const char *citizenship, *countries, *forms; /* ';'-joined alpha-2 or comma-joined forms; NULL if none */
	const char *indicators; /* the latest screening's JSON array; NULL if none */
};
/** Calls CB for every case, in id order. Run it in a read transaction. */
lt_err lt_store_export_htcds(struct lt_store *s,
			     lt_err (*cb)(void *ctx, const struct lt_export_htcds_row *row), void *ctx);

#endif
