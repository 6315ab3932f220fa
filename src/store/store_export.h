/* Store functions for open data and exchange (docs/open-data.md): the rows
 * of the CTDC and HTCDS exports (the CTDC microdata imported for aggregate
 * use is in store_ctdc_records.h). Include it directly (store.h does not).
 * Ownership: an HTCDS row's strings live until the callback returns; a
 * CTDC set owns its records and texts until lt_store_export_ctdc_free(). */
#ifndef LT_STORE_STORE_EXPORT_H
#define LT_STORE_STORE_EXPORT_H
#include "store/store.h"

/** One identified victim for the CTDC export: the latest identified case
 *  of a person. Text values are interned: each is an index into the
 *  set's TEXT table, 0 for none (SQL NULL), so equal texts have equal
 *  indexes and a caller can code each distinct text once. */
struct lt_export_ctdc_rec {
	int64_t referral_year;
	int64_t age;          /* -1 unknown */
	int is_child;         /* 1, 0, -1 unknown */
	uint32_t sex;         /* the person's sex code */
	uint32_t citizenship; /* the own country's when held, else the first alphabetically */
	uint32_t country;     /* the first alphabetically other than the own country, else it */
	uint32_t forms;       /* the case's forms, comma-separated in code order */
	uint32_t indicators;  /* the latest screening's JSON array */
};
/** The records of one CTDC export, in case id order. */
struct lt_export_ctdc_set {
	struct lt_export_ctdc_rec *rec;
	size_t n;
	const char **text; /* text[0] is NULL; text[1..ntext-1] the distinct texts */
	size_t ntext;
	char *pool;        /* holds the texts */
};
/** Reads into OUT every person identified (identification 'identified'
 *  dated in YEAR, or at any date when YEAR is 0), with the latest such
 *  case; OWN is the deployment's country (alpha-2). Reads each table once
 *  in key order rather than a query per case, which is what makes an
 *  export of a million cases take seconds. Run it in a read transaction;
 *  release OUT with lt_store_export_ctdc_free() (also after a failure). */
lt_err lt_store_export_ctdc(struct lt_store *s, int64_t year, const char *own,
			    struct lt_export_ctdc_set *out);
/** Releases what lt_store_export_ctdc() allocated (safe on a zeroed set). */
void lt_store_export_ctdc_free(struct lt_export_ctdc_set *set);

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
