#include "base/buf.h"

void lt_buf_init(struct lt_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	/* Larger caps would let len + extra + 1 wrap around in buf_reserve(). */
	b->max = max && max <= SIZE_MAX / 2 ? max : SIZE_MAX / 2;
}

void lt_buf_release(struct lt_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void lt_buf_reset(struct lt_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static lt_err buf_reserve(struct lt_buf *b, size_t extra)
{
	if (extra > b->max || b->len > b->max - extra)
		return LT_ERR_TOO_LARGE;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return LT_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p)
		return LT_ERR_NOMEM;
	b->data = p;
	b->cap = cap;
	return LT_OK;
}

lt_err lt_buf_add(struct lt_buf *b, const void *data, size_t len)
{
	lt_err rc = buf_reserve(b, len);
	if (rc)
		return rc;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return LT_OK;
}

lt_err lt_buf_extend(struct lt_buf *b, size_t n, unsigned char **where)
{
	lt_err rc = buf_reserve(b, n);
	if (rc)
		return rc;
	*where = (unsigned char *)b->data + b->len;
	memset(*where, 0, n);
	b->len += n;
	b->data[b->len] = '\0';
	return LT_OK;
}

lt_err lt_buf_adds(struct lt_buf *b, const char *s)
{
	return lt_buf_add(b, s, strlen(s));
}

lt_err lt_buf_vaddf(struct lt_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return LT_ERR_INVALID;
	lt_err rc = buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return LT_OK;
}

lt_err lt_buf_addf(struct lt_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lt_err rc = lt_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *lt_buf_detach(struct lt_buf *b, size_t *len)
{
	/* lt_buf_add() writes the terminator that buf_reserve() alone does not. */
	if (!b->data && lt_buf_add(b, "", 0))
		return NULL;
	char *p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
