#include "base/array.h"

/* The next capacity, or 0 when it would not fit in a size_t of bytes. */
static size_t next_cap(size_t cap, size_t elem, size_t first)
{
	size_t next = cap ? cap * 2 : first;
	if (next < cap || elem == 0 || next > SIZE_MAX / elem)
		return 0;
	return next;
}

void *lt_array_grow(void *items, size_t *cap, size_t elem, size_t first)
{
	size_t next = next_cap(*cap, elem, first);
	void *grown = next ? realloc(items, next * elem) : NULL;
	if (grown)
		*cap = next;
	return grown;
}

void *lt_arena_array_grow(struct lt_arena *a, const void *items, size_t n, size_t *cap,
			  size_t elem, size_t first)
{
	size_t next = next_cap(*cap, elem, first);
	void *grown = next && n <= next ? lt_arena_alloc(a, next * elem) : NULL;
	if (!grown)
		return NULL;
	if (n)
		memcpy(grown, items, n * elem);
	*cap = next;
	return grown;
}
