/* Arrays that grow by doubling. Ownership: the caller owns the array it
 * grows (on the heap, or in its arena); a failed grow leaves it as it was. */
#ifndef LT_BASE_ARRAY_H
#define LT_BASE_ARRAY_H
#include "base/common.h"
#include "base/arena.h"

/** Reallocates ITEMS (NULL at first) on the heap with room for twice *CAP
 *  elements of ELEM bytes (FIRST when *CAP is 0), sets *CAP and returns the
 *  new array; NULL, with ITEMS and *CAP untouched, when out of memory or the
 *  size would overflow. */
void *lt_array_grow(void *items, size_t *cap, size_t elem, size_t first);

/** The same in arena A: a new block holding the N elements in use of
 *  ITEMS (the old block stays in A until A is released). */
void *lt_arena_array_grow(struct lt_arena *a, const void *items, size_t n, size_t *cap,
			  size_t elem, size_t first);
#endif
