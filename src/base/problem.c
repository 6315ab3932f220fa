#include "base/problem.h"
#include <stdarg.h>

static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026, three bytes */

bool lt_problem_vformat(char *out, size_t cap, const char *fmt, va_list ap)
{
	int n = vsnprintf(out, cap, fmt, ap);
	if (n < 0) {
		out[0] = '\0';
		return false;
	}
	if ((size_t)n < cap)
		return true;
	/* Keep out[0, end), then the mark and the NUL. out[end] is the first byte
	 * given up: when it continues a UTF-8 letter, that letter goes whole. */
	size_t end = cap - sizeof(ellipsis);
	while (end > 0 && ((unsigned char)out[end] & 0xC0) == 0x80)
		end--;
	/* A sentence cut mid-word reads as a different word ("…turn_away_shelt"):
	 * go back to the last space unless that loses more than half the text. */
	if (end > 0 && out[end] != ' ' && out[end - 1] != ' ') {
		size_t k = end;
		while (k > 0 && out[k - 1] != ' ')
			k--;
		if (k > end / 2)
			end = k;
	}
	while (end > 0 && out[end - 1] && strchr(" ,;:(", out[end - 1]))
		end--;
	memcpy(out + end, ellipsis, sizeof(ellipsis));
	return false;
}

void lt_problem_init(struct lt_problem *p)
{
	/* Only what is read before it is written: the field slots (about 10 KB)
	 * are filled as nfields grows, and an import clears its problem once per
	 * line, a million times for a national backlog. */
	p->code = LT_OK;
	p->detail[0] = '\0';
	p->nfields = 0;
	p->offset = -1;
	p->retry_after = 0;
}

lt_err lt_problem_set(struct lt_problem *p, lt_err code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	lt_problem_vformat(p->detail, sizeof(p->detail), fmt, ap);
	va_end(ap);
	p->code = code;
	return code;
}

lt_err lt_problem_field(struct lt_problem *p, const char *field, const char *fmt, ...)
{
	p->code = LT_ERR_INVALID;
	if (!p->detail[0])
		snprintf(p->detail, sizeof(p->detail), "The request has invalid fields.");
	if (p->nfields >= LT_PROBLEM_MAX_FIELDS)
		return LT_ERR_INVALID;
	struct lt_field_error *fe = &p->fields[p->nfields++];
	snprintf(fe->field, sizeof(fe->field), "%s", field);
	va_list ap;
	va_start(ap, fmt);
	lt_problem_vformat(fe->reason, sizeof(fe->reason), fmt, ap);
	va_end(ap);
	return LT_ERR_INVALID;
}

void lt_problem_print(const struct lt_problem *p, FILE *out)
{
	if (p->nfields == 0) {
		fprintf(out, "%s\n", p->detail[0] ? p->detail : lt_err_str(p->code));
		return;
	}
	for (size_t i = 0; i < p->nfields; i++)
		fprintf(out, "%s%s: %s", i ? "; " : "", p->fields[i].field, p->fields[i].reason);
	fputc('\n', out);
}
