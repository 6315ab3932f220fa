/* What went wrong, in words a user can act on: a detail sentence and the
 * fields at fault. Filled by validators and services, rendered by the HTTP
 * layer as RFC 9457 problem JSON and by the CLI as messages.
 * Ownership: a plain value; no heap memory. */
#ifndef LT_BASE_PROBLEM_H
#define LT_BASE_PROBLEM_H
#include "base/common.h"
#include <stdarg.h>

#define LT_PROBLEM_MAX_FIELDS 16
/* Room for every sentence Lantern writes, with margin. The longest detail is
 * the full-shelter 409 (src/service/shelters.c: a shelter name of up to 80
 * bytes, the reason of up to 239, and 230 of instructions: about 570); the
 * longest reasons are a tier rule's (src/service/tiers.c, up to about 340
 * with its years) and a vocabulary's allowed codes (the service types, about
 * 280 with "'<40 bytes>' is not one of: "). Anything longer still is cut at
 * a word and ends with "…" (lt_problem_vformat). */
#define LT_PROBLEM_DETAIL_MAX 1024
#define LT_PROBLEM_REASON_MAX 512

/** One field at fault: its JSON path (e.g. "person.sex") and why. */
struct lt_field_error {
	char field[96];
	char reason[LT_PROBLEM_REASON_MAX];
};

struct lt_problem {
	lt_err code;
	char detail[LT_PROBLEM_DETAIL_MAX];
	size_t nfields;
	struct lt_field_error fields[LT_PROBLEM_MAX_FIELDS];
	long offset;      /* byte offset of a JSON syntax error, or -1 */
	long retry_after; /* seconds, for LT_ERR_LOCKED, or 0 */
};

/** Clears P. */
void lt_problem_init(struct lt_problem *p);
/** Sets the code and detail sentence; returns CODE for `return lt_problem_set(...)`. */
lt_err lt_problem_set(struct lt_problem *p, lt_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Adds a field error (extra ones past the cap are dropped) and sets the code
 *  to LT_ERR_INVALID; returns LT_ERR_INVALID. */
lt_err lt_problem_field(struct lt_problem *p, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Formats FMT into OUT (CAP bytes, CAP > 8) like vsnprintf; text that does
 *  not fit is cut after the last whole word that leaves room for "…", and
 *  that mark ends it (never half a UTF-8 letter). Returns true when it fit. */
bool lt_problem_vformat(char *out, size_t cap, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/** Writes the problem as one line of text for the CLI ("field: reason; ..."). */
void lt_problem_print(const struct lt_problem *p, FILE *out);

#endif
