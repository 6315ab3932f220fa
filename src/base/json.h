/* JSON helpers on jansson: parsing untrusted text with a byte offset on error,
 * and strict checking of request objects against a field list.
 * Ownership: lt_json_parse() gives the caller one reference (json_decref it). */
#ifndef LT_BASE_JSON_H
#define LT_BASE_JSON_H
#include "base/common.h"
#include "base/problem.h"
#include <jansson.h>

enum lt_json_kind {
	LT_JSON_STRING,
	LT_JSON_INTEGER,
	LT_JSON_NUMBER,
	LT_JSON_BOOL,
	LT_JSON_ARRAY,
	LT_JSON_OBJECT,
};

/** One allowed member of a JSON object. max_len caps strings (bytes) and
 *  arrays (items); 0 means the default of 4096 bytes or 1000 items. */
struct lt_json_field {
	const char *name;
	enum lt_json_kind kind;
	bool required;
	size_t max_len;
};

/** Parses LEN bytes of TEXT. On a syntax error fills P with the byte offset
 *  and returns LT_ERR_INVALID. */
lt_err lt_json_parse(const char *text, size_t len, json_t **out, struct lt_problem *p);
/** Checks that OBJ is an object holding only FIELDS, with the required ones
 *  present and every value of the declared kind. PREFIX (may be NULL or "")
 *  names the object's path in error messages. Records every fault in P. */
lt_err lt_json_check(const json_t *obj, const struct lt_json_field *fields, size_t nfields,
		     const char *prefix, struct lt_problem *p);
/** The string member NAME of OBJ, or NULL when absent or not a string. */
const char *lt_json_str(const json_t *obj, const char *name);
/** A new JSON string of S, or JSON null when S is NULL or "" (the store's
 *  way of saying "not recorded"). */
json_t *lt_json_str_or_null(const char *s);
/** A JSON boolean of V (1 or 0), or null when V is negative (unknown). */
json_t *lt_json_tristate(int v);
/** Serialises V compactly into a malloc'd string (caller frees). */
char *lt_json_dump(const json_t *v);

#endif
