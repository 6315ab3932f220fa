/* What went wrong, in words a user can act on: a detail sentence and the
 * fields at fault. Filled by validators and services, rendered by the HTTP
 * layer as RFC 9457 problem JSON and by the CLI as messages.
 * Ownership: a plain value; no heap memory. */
#ifndef LT_BASE_PROBLEM_H
#define LT_BASE_PROBLEM_H
#include "base/common.h"

#define LT_PROBLEM_MAX_FIELDS 16

/** One field at fault: its JSON path (e.g. "person.sex") and why. */
struct lt_field_error {
	char field[96];
	char reason[192];
};

struct lt_problem {
	lt_err code;
	char detail[320];
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
/** Writes the problem as one line of text for the CLI ("field: reason; ..."). */
void lt_problem_print(const struct lt_problem *p, FILE *out);

#endif
