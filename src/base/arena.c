#include "base/arena.h"
#include <stdarg.h>

struct lt_arena_chunk {
	struct lt_arena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

void lt_arena_init(struct lt_arena *a)
{
	a->head = NULL;
	a->chunk_size = 8192;
}

void lt_arena_release(struct lt_arena *a)
{
	struct lt_arena_chunk *c = a->head;
	while (c) {
		struct lt_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
}

void *lt_arena_alloc(struct lt_arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	struct lt_arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		size_t size = n > a->chunk_size ? n : a->chunk_size;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *lt_arena_strndup(struct lt_arena *a, const char *s, size_t n)
{
	if (n >= SIZE_MAX / 2)
		return NULL; /* n + 1 must not wrap to a tiny allocation */
	char *p = lt_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *lt_arena_strdup(struct lt_arena *a, const char *s)
{
	return lt_arena_strndup(a, s, strlen(s));
}

char *lt_arena_printf(struct lt_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = lt_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
