/* Closed vocabularies of the case record, loaded from data/vocab/<name>.csv (one
 * file per vocabulary, compiled into the binary; docs/vocabularies.md lists
 * them with their sources). Pure: no I/O; the tables are parsed from the
 * embedded data once, on the first call of any function here.
 * Ownership: every string returned points into the loaded tables, which live
 * until the process ends; never free them. lt_vocab_json() and the
 * lt_vocab_parse() functions hand the caller what they make. Thread-safe
 * once loaded: the tables are read-only. */
#ifndef LT_DOMAIN_VOCABULARY_H
#define LT_DOMAIN_VOCABULARY_H
#include "base/common.h"
#include "base/buf.h"
#include "base/problem.h"
#include <jansson.h>

enum lt_vocab_kind {
	LT_VOCAB_SEX,             /* female, male, other, unknown */
	LT_VOCAB_REFERRAL_SOURCE, /* police, border_police, prosecution, labour_inspection,
				     social_welfare, health, education, ngo, international_org,
				     hotline, self, private_citizen, foreign_authority, other */
	LT_VOCAB_EXPLOITATION,    /* sexual, pornography, forced_labour, forced_begging,
				     domestic_servitude, forced_criminality, forced_marriage,
				     illegal_adoption, organ_removal, surrogacy, armed_conflict,
				     slavery, other */
	LT_VOCAB_SERVICE,         /* accommodation, material, medical_emergency, medical,
				     psychological, interpretation, legal_information,
				     legal_representation, education, vocational_training,
				     employment, family_reunification, voluntary_return, guardian,
				     other */
	LT_VOCAB_COUNTRY,         /* ISO 3166-1 alpha-2, all 249 officially assigned codes */
	LT_VOCAB_LANGUAGE,        /* ISO 639-1 codes of languages a consent may be given in;
				     Romani, which has no 639-1 code, is "rom" (ISO 639-2/3) */
	LT_VOCAB_COUNT
};

/** Loads every table from the embedded data once (thread-safe; later calls
 *  return the first result). P (may be NULL) names the file and row at fault. */
lt_err lt_vocab_init(struct lt_problem *p);
/** True when CODE is in KIND (exact, case-sensitive match). */
bool lt_vocab_has(enum lt_vocab_kind kind, const char *code);
/** The label of CODE in LANG: "en", "sr-Latn" (also "sr") or "sr-Cyrl", the
 *  Cyrillic made by lt_vocab_cyrillic() from the Latin label; NULL for an
 *  unknown code or language. */
const char *lt_vocab_label(enum lt_vocab_kind kind, const char *code, const char *lang);
/** The codes of KIND joined with ", ", for messages ("must be one of: ...");
 *  for countries a short hint instead ("an ISO 3166-1 alpha-2 code, e.g. RS"). */
const char *lt_vocab_hint(enum lt_vocab_kind kind);
/** The wire name of KIND ("sex", "referral_source", "exploitation", "service",
 *  "country", "language"); "" for a value out of range. */
const char *lt_vocab_name(enum lt_vocab_kind kind);
/** The kind whose wire name is NAME; false when there is none. */
bool lt_vocab_kind_of(const char *name, enum lt_vocab_kind *out);
/** Number of codes in KIND, and the I-th code in file order (NULL past the end). */
size_t lt_vocab_size(enum lt_vocab_kind kind);
const char *lt_vocab_code_at(enum lt_vocab_kind kind, size_t i);
/** For LT_VOCAB_EXPLOITATION: the statistics group of a form: "sexual",
 *  "labour", "criminality" or "other", from the group column of the data
 *  file; NULL for an unknown code. */
const char *lt_vocab_exploitation_group(const char *code);
/** The matching value of the HTCDS 2.0 field the vocabulary maps to
 *  (data/vocab/README.md names the field); "" when HTCDS has none, NULL for an
 *  unknown code or a vocabulary without the column. */
const char *lt_vocab_htcds(enum lt_vocab_kind kind, const char *code);
/** All vocabularies as JSON for the UI: {"sex": [{"code", "en", "sr-Latn",
 *  "sr-Cyrl"}, ...], ...} (exploitation entries also carry "group"), in file
 *  order; a new reference for the caller, NULL when loading failed. */
json_t *lt_vocab_json(void);

/** Appends to OUT the Serbian Cyrillic of LATIN, a Serbian text in Latin
 *  script (UTF-8): letter for letter, with lj, nj and dž (in any case, and as
 *  the single code points U+01C4..U+01CC) as one letter each, except in the
 *  few words where they stand for two (nadživeti, injekcija, konjugacija, ...).
 *  Characters with no Cyrillic counterpart are copied unchanged. */
lt_err lt_vocab_cyrillic(const char *latin, struct lt_buf *out);

/** Checks LEN bytes of TEXT as the data file NAME of KIND, exactly as the
 *  embedded file is checked on loading, and keeps nothing: for tests and for
 *  checking a data file before it is shipped. Faults are named in P (field
 *  "NAME row N") and give LT_ERR_INVALID. */
lt_err lt_vocab_check_csv(enum lt_vocab_kind kind, const char *name, const char *text, size_t len,
			  struct lt_problem *p);

#endif
