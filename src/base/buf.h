/* A growable byte buffer with a hard size cap, for all untrusted input and
 * all output we build. Ownership: the buffer owns `data`; lt_buf_release()
 * frees it and lt_buf_detach() hands it to the caller. */
#ifndef LT_BASE_BUF_H
#define LT_BASE_BUF_H
#include "base/common.h"
#include <stdarg.h>

struct lt_buf {
	char *data;  /* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
	size_t max;  /* appends that would pass this fail with LT_ERR_TOO_LARGE */
};

/** Starts an empty buffer that may grow to MAX bytes (0 means SIZE_MAX/2). */
void lt_buf_init(struct lt_buf *b, size_t max);
/** Frees the data and leaves the buffer empty and reusable. */
void lt_buf_release(struct lt_buf *b);
/** Empties the buffer, keeping its allocation. */
void lt_buf_reset(struct lt_buf *b);
/** Appends LEN bytes. */
lt_err lt_buf_add(struct lt_buf *b, const void *data, size_t len);
/** Appends N zero bytes and points *WHERE at them, for writing in place. */
lt_err lt_buf_extend(struct lt_buf *b, size_t n, unsigned char **where);
/** Appends a NUL-terminated string. */
lt_err lt_buf_adds(struct lt_buf *b, const char *s);
/** Appends formatted text. */
lt_err lt_buf_addf(struct lt_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/** Appends formatted text from a va_list. */
lt_err lt_buf_vaddf(struct lt_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/** Returns the data (caller frees) and leaves the buffer empty. Never NULL
 *  unless allocation fails. */
char *lt_buf_detach(struct lt_buf *b, size_t *len);

#endif
