#include "base/json.h"

lt_err lt_json_parse(const char *text, size_t len, json_t **out, struct lt_problem *p)
{
	json_error_t err;
	*out = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	if (*out)
		return LT_OK;
	/* jansson counts the bytes consumed, including the one that failed;
	 * report the 0-based offset of that byte. */
	p->offset = err.position > 0 ? (long)err.position - 1 : 0;
	return lt_problem_set(p, LT_ERR_INVALID, "Malformed JSON at byte %ld: %s", p->offset,
			      err.text);
}

static const char *kind_name(enum lt_json_kind k)
{
	switch (k) {
	case LT_JSON_STRING: return "a string";
	case LT_JSON_INTEGER: return "an integer";
	case LT_JSON_NUMBER: return "a number";
	case LT_JSON_BOOL: return "true or false";
	case LT_JSON_ARRAY: return "an array";
	case LT_JSON_OBJECT: return "an object";
	}
	return "?";
}

static bool kind_matches(const json_t *v, enum lt_json_kind k)
{
	switch (k) {
	case LT_JSON_STRING: return json_is_string(v);
	case LT_JSON_INTEGER: return json_is_integer(v);
	case LT_JSON_NUMBER: return json_is_number(v);
	case LT_JSON_BOOL: return json_is_boolean(v);
	case LT_JSON_ARRAY: return json_is_array(v);
	case LT_JSON_OBJECT: return json_is_object(v);
	}
	return false;
}

lt_err lt_json_check(const json_t *obj, const struct lt_json_field *fields, size_t nfields,
		     const char *prefix, struct lt_problem *p)
{
	char path[96];
	const char *pre = prefix ? prefix : "";
	const char *dot = pre[0] ? "." : "";
	if (!json_is_object(obj)) {
		return lt_problem_field(p, pre[0] ? pre : "(body)", "must be a JSON object");
	}
	lt_err rc = LT_OK;
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)obj, key, value) {
		const struct lt_json_field *f = NULL;
		for (size_t i = 0; i < nfields; i++)
			if (strcmp(fields[i].name, key) == 0)
				f = &fields[i];
		snprintf(path, sizeof(path), "%s%s%s", pre, dot, key[0] ? key : "(empty name)");
		if (!f) {
			rc = lt_problem_field(p, path, "unknown field");
			continue;
		}
		if (json_is_null(value) && !f->required)
			continue;
		if (!kind_matches(value, f->kind)) {
			rc = lt_problem_field(p, path, "must be %s", kind_name(f->kind));
			continue;
		}
		if (f->kind == LT_JSON_STRING) {
			size_t cap = f->max_len ? f->max_len : 4096;
			if (json_string_length(value) > cap)
				rc = lt_problem_field(p, path, "must be at most %zu bytes", cap);
		} else if (f->kind == LT_JSON_ARRAY) {
			size_t cap = f->max_len ? f->max_len : 1000;
			if (json_array_size(value) > cap)
				rc = lt_problem_field(p, path, "must have at most %zu items", cap);
		}
	}
	for (size_t i = 0; i < nfields; i++) {
		json_t *v = json_object_get(obj, fields[i].name);
		if (fields[i].required && (!v || json_is_null(v))) {
			snprintf(path, sizeof(path), "%s%s%s", pre, dot, fields[i].name);
			rc = lt_problem_field(p, path, "is required");
		}
	}
	return rc;
}

const char *lt_json_str(const json_t *obj, const char *name)
{
	return json_string_value(json_object_get(obj, name));
}

char *lt_json_dump(const json_t *v)
{
	return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

json_t *lt_json_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *lt_json_tristate(int v)
{
	return v < 0 ? json_null() : json_boolean(v);
}
