/* A memory pool per request (or per command): many small allocations, freed
 * at once. Ownership: everything allocated from an arena belongs to it and
 * dies with lt_arena_release(); never free() an arena pointer. */
#ifndef LT_BASE_ARENA_H
#define LT_BASE_ARENA_H
#include "base/common.h"

struct lt_arena_chunk;

struct lt_arena {
	struct lt_arena_chunk *head;
	size_t chunk_size;
};

/** Starts an empty arena. */
void lt_arena_init(struct lt_arena *a);
/** Frees every allocation made from A; A is reusable afterwards. */
void lt_arena_release(struct lt_arena *a);
/** Allocates N zeroed bytes aligned for any type; NULL when out of memory. */
void *lt_arena_alloc(struct lt_arena *a, size_t n);
/** Copies the NUL-terminated string S into A. */
char *lt_arena_strdup(struct lt_arena *a, const char *s);
/** Copies N bytes of S into A and NUL-terminates them. */
char *lt_arena_strndup(struct lt_arena *a, const char *s, size_t n);
/** Formats into A. */
char *lt_arena_printf(struct lt_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
