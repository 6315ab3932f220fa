#include "base/problem.h"
#include <stdarg.h>

void lt_problem_init(struct lt_problem *p)
{
	memset(p, 0, sizeof(*p));
	p->offset = -1;
}

lt_err lt_problem_set(struct lt_problem *p, lt_err code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->detail, sizeof(p->detail), fmt, ap);
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
	vsnprintf(fe->reason, sizeof(fe->reason), fmt, ap);
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
