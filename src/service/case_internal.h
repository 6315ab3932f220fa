/* Shared by the case service files only (cases.c, case_doc.c, case_json.c,
 * case_events.c, case_moves.c): the validated case document and the few
 * helpers more than one of them uses. Nothing else includes this; the rest
 * of the program goes through cases.h.
 * Ownership: a case_doc's strings point into the JSON it was read from,
 * which the caller keeps alive while the case_doc is used. */
#ifndef LT_SERVICE_CASE_INTERNAL_H
#define LT_SERVICE_CASE_INTERNAL_H
#include "service/context.h"
#include "store/store.h"
#include <jansson.h>

/** The most codes one list of the document holds (citizenship, forms,
 *  countries of exploitation). */
#define MAX_CODES 16
/** The longest reasons or note a decision or move takes, in bytes. */
#define REASONS_MAX 4000

/** A validated case document; strings point into the JSON it came from. */
struct case_doc {
	const char *ref;
	const char *given, *family, *sex, *birth_date;
	int64_t birth_year;
	bool age_uncertain;
	const char *citizenship[MAX_CODES];
	size_t ncit;
	const char *referral_date, *source, *referring_org, *consent_date;
	bool consent;
	const char *forms[MAX_CODES];
	size_t nforms;
	const char *countries[MAX_CODES];
	size_t ncountries;
	const char *id_outcome, *id_date, *id_body, *id_reasons;
};

/** Checks the case document DOC (see docs/cases.md) and fills D from it;
 *  every fault is a field of the context's problem (LT_ERR_INVALID).
 *  (case_doc.c) */
lt_err lt_case_doc_validate(struct lt_ctx *ctx, const json_t *doc, struct case_doc *d);
/** A date of the case record: not after the latest date that is today
 *  somewhere, and not before NOT_BEFORE when given; false (with the field
 *  in P) when it fails. (case_doc.c) */
bool lt_case_check_date(struct lt_problem *p, const char *field, const char *value, bool required,
			const char *not_before, const char *not_before_name);
/** Stores a decision of STAGE on the case, sealing REASONS when given,
 *  inside the caller's transaction. (case_events.c) */
lt_err lt_case_decision(struct lt_ctx *ctx, int64_t case_id, const char *stage, const char *outcome,
			const char *date, const char *body, const char *reasons);
/** The case document of row C, with sealed free text opened only when
 *  FREE_TEXT; no authorisation and no audit. (case_json.c) */
lt_err lt_case_json_row(struct lt_ctx *ctx, const struct lt_case_row *c, bool free_text,
			json_t **out);

#endif
