/* libFuzzer target: a request body through lt_json_parse and lt_json_check,
 * as the API handlers do with a field list like the person one (plus an
 * array and a nested object, to reach every kind). Checks, beyond "no
 * crash": a failed parse leaves no value and a byte offset inside the
 * input; a check fails exactly when it names a field; a parsed value
 * survives a dump and re-parse unchanged. */
#include "base/json.h"

static const struct lt_json_field fields[] = {
	{"given_name", LT_JSON_STRING, false, 200},
	{"family_name", LT_JSON_STRING, false, 200},
	{"sex", LT_JSON_STRING, true, 16},
	{"birth_year", LT_JSON_INTEGER, false, 0},
	{"weight", LT_JSON_NUMBER, false, 0},
	{"consent", LT_JSON_BOOL, false, 0},
	{"citizenships", LT_JSON_ARRAY, false, 10},
	{"referral", LT_JSON_OBJECT, false, 0},
};

static const struct lt_json_field referral_fields[] = {
	{"date", LT_JSON_STRING, true, 10},
	{"source", LT_JSON_STRING, true, 0},
	{"notes", LT_JSON_STRING, false, 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when the top-level object has a member named "" (whose path, with
 * no prefix, is "": see the report on lt_json_check). */
static bool empty_key;

static void check_problem(lt_err rc, const struct lt_problem *p)
{
	if (rc != LT_OK && rc != LT_ERR_INVALID)
		abort();
	if ((rc == LT_OK) != (p->nfields == 0))
		abort(); /* an error names a field; success names none */
	if (p->nfields > LT_PROBLEM_MAX_FIELDS)
		abort();
	for (size_t i = 0; i < p->nfields; i++)
		if (!memchr(p->fields[i].field, '\0', sizeof(p->fields[i].field)) ||
		    !memchr(p->fields[i].reason, '\0', sizeof(p->fields[i].reason)) ||
		    (!p->fields[i].field[0] && !empty_key) || !p->fields[i].reason[0])
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lt_problem p;
	lt_problem_init(&p);
	json_t *v = NULL;
	lt_err rc = lt_json_parse((const char *)data, size, &v, &p);
	if (rc) {
		if (v || rc != LT_ERR_INVALID || p.code != LT_ERR_INVALID)
			abort();
		if (p.offset < 0 || (size_t)p.offset > size)
			abort();
		return 0;
	}
	if (!v)
		abort();

	empty_key = json_is_object(v) && json_object_get(v, "") != NULL;
	lt_problem_init(&p);
	rc = lt_json_check(v, fields, LT_ARRAY_LEN(fields), NULL, &p);
	check_problem(rc, &p);
	if (rc == LT_OK) {
		/* What the check promised holds. */
		if (!json_is_string(json_object_get(v, "sex")))
			abort();
		/* Capped, and without an embedded NUL (jansson refuses \u0000) that
		 * would make the C string shorter than what was checked. */
		json_t *given = json_object_get(v, "given_name");
		if (json_is_string(given) && (json_string_length(given) > 200 ||
					      strlen(json_string_value(given)) != json_string_length(given)))
			abort();
		json_t *ref = json_object_get(v, "referral");
		if (json_is_object(ref)) {
			lt_problem_init(&p);
			rc = lt_json_check(ref, referral_fields, LT_ARRAY_LEN(referral_fields),
					   "referral", &p);
			check_problem(rc, &p);
			for (size_t i = 0; i < p.nfields; i++)
				if (strncmp(p.fields[i].field, "referral", 8) != 0)
					abort();
		}
	}
	/* Any value at all, with a long prefix, must not overflow the path. */
	lt_problem_init(&p);
	char prefix[200];
	memset(prefix, 'p', sizeof(prefix) - 1);
	prefix[sizeof(prefix) - 1] = '\0';
	check_problem(lt_json_check(v, referral_fields, LT_ARRAY_LEN(referral_fields), prefix, &p),
		      &p);

	/* Dump and parse again: the same value. */
	char *text = lt_json_dump(v);
	if (!text)
		abort();
	json_t *again = NULL;
	lt_problem_init(&p);
	if (lt_json_parse(text, strlen(text), &again, &p) || !json_equal(v, again))
		abort();
	json_decref(again);
	free(text);
	json_decref(v);
	return 0;
}
