#include "base/str.h"
#include <errno.h>

bool lt_str_copy(char *dst, size_t cap, const char *src)
{
	if (cap == 0)
		return false;
	size_t n = strlen(src);
	bool fits = n < cap;
	if (!fits) {
		n = cap - 1;
		/* Never cut a UTF-8 character in two: invalid text would fail every
		 * later read that turns it into JSON. */
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return fits;
}

lt_err lt_str_to_i64(const char *s, int64_t *out)
{
	if (!s || !*s)
		return LT_ERR_INVALID;
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || end == s)
		return LT_ERR_INVALID;
	*out = (int64_t)v;
	return LT_OK;
}

bool lt_str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool lt_str_is_slug(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return false;
	}
	return true;
}
