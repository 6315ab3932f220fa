/* Bounded string helpers that replace the banned ones.
 * Ownership: callers own every buffer passed in. */
#ifndef LT_BASE_STR_H
#define LT_BASE_STR_H
#include "base/common.h"

/** Copies SRC into DST of CAP bytes, always NUL-terminating; returns false
 *  when SRC did not fit (DST then holds a copy cut at a UTF-8 character
 *  boundary). */
bool lt_str_copy(char *dst, size_t cap, const char *src);
/** Parses a whole decimal int64 (no trailing junk) into OUT. */
lt_err lt_str_to_i64(const char *s, int64_t *out);
/** True when S starts with PREFIX. */
bool lt_str_starts(const char *s, const char *prefix);
/** True when S is non-empty and every byte is in [a-z0-9_.-]. */
bool lt_str_is_slug(const char *s);

#endif
