/* Jurisdiction profiles: data/jurisdictions/<CC>.json, parsed with jansson.
 * The file's layout is described in docs/vocabularies.md; every fact read
 * here must come with a source in its section's "sources" object. */
#include "domain/jurisdiction.h"
#include "base/embed.h"
#include "base/json.h"
#include "base/str.h"
#include <stdarg.h>

#define PROFILE_FORMAT "lantern-jurisdiction/1"

static const char *const marks[] = {"confirmed", "secondary", "unconfirmed", "default"};

struct reading {
	struct lt_problem *p;
	bool bad;
};

static void fault(struct reading *r, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fault(struct reading *r, const char *key, const char *fmt, ...)
{
	char reason[192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	r->bad = true;
	lt_problem_field(r->p, key, "%s", reason);
}

/* Writes a key path into OUT (truncated when it does not fit: it is only
 * ever shown in a message). */
static void pathf(char *out, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void pathf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, cap, fmt, ap);
	va_end(ap);
}

static void join(char *out, size_t cap, const char *path, const char *key)
{
	pathf(out, cap, "%s%s%s", path, path[0] ? "." : "", key);
}

/* True when S has no control characters (jansson has checked the UTF-8). */
static bool printable_text(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* The object at KEY of OBJ, or NULL (with the fault recorded). */
static const json_t *get_object(struct reading *r, const json_t *obj, const char *path,
				const char *key)
{
	char at[160];
	join(at, sizeof(at), path, key);
	const json_t *v = json_object_get(obj, key);
	if (!v)
		fault(r, at, "is required");
	else if (!json_is_object(v))
		fault(r, at, "must be an object");
	else
		return v;
	return NULL;
}

static void get_int(struct reading *r, const json_t *obj, const char *path, const char *key,
		    int min, int max, int *out)
{
	char at[160];
	join(at, sizeof(at), path, key);
	const json_t *v = json_object_get(obj, key);
	if (!v) {
		fault(r, at, "is required");
		return;
	}
	json_int_t n = json_integer_value(v);
	if (!json_is_integer(v) || n < min || n > max) {
		fault(r, at, "must be an integer from %d to %d", min, max);
		return;
	}
	*out = (int)n;
}

static void get_bool(struct reading *r, const json_t *obj, const char *path, const char *key,
		     bool *out)
{
	char at[160];
	join(at, sizeof(at), path, key);
	const json_t *v = json_object_get(obj, key);
	if (!v)
		fault(r, at, "is required");
	else if (!json_is_boolean(v))
		fault(r, at, "must be true or false");
	else
		*out = json_is_true(v);
}

static void get_text(struct reading *r, const json_t *obj, const char *path, const char *key,
		     char *out, size_t cap)
{
	char at[160];
	join(at, sizeof(at), path, key);
	const json_t *v = json_object_get(obj, key);
	if (!v) {
		fault(r, at, "is required");
		return;
	}
	const char *s = json_string_value(v);
	if (!s || !*s || json_string_length(v) >= cap || strlen(s) != json_string_length(v) ||
	    !printable_text(s)) {
		fault(r, at,
		      "must be a non-empty string of at most %zu bytes without control "
		      "characters",
		      cap - 1);
		return;
	}
	lt_str_copy(out, cap, s);
}

/* A name in English and Serbian: {"en": "...", "sr": "..."}. */
static void get_names(struct reading *r, const json_t *obj, const char *path, const char *key,
		      char *en, char *sr, size_t cap)
{
	const json_t *names = get_object(r, obj, path, key);
	if (!names)
		return;
	char at[160];
	join(at, sizeof(at), path, key);
	get_text(r, names, at, "en", en, cap);
	get_text(r, names, at, "sr", sr, cap);
}

/* Every fact in FACTS needs a non-empty list of sources in OBJ's "sources":
 * [{"title", "url", "mark", "note"?}, ...]. */
static void check_sources(struct reading *r, const json_t *obj, const char *path,
			  const char *const *facts, size_t nfacts)
{
	const json_t *sources = get_object(r, obj, path, "sources");
	if (!sources)
		return;
	char spath[160];
	join(spath, sizeof(spath), path, "sources");
	for (size_t f = 0; f < nfacts; f++) {
		char at[160];
		pathf(at, sizeof(at), "%s.%s", spath, facts[f]);
		const json_t *list = json_object_get(sources, facts[f]);
		if (!list) {
			fault(r, at, "is required: every fact needs a source");
			continue;
		}
		if (!json_is_array(list) || json_array_size(list) == 0) {
			fault(r, at, "must be a non-empty array of sources");
			continue;
		}
		size_t i;
		const json_t *src;
		json_array_foreach(list, i, src)
		{
			char item[160];
			pathf(item, sizeof(item), "%s[%zu]", at, i);
			if (!json_is_object(src)) {
				fault(r, item, "must be an object");
				continue;
			}
			char scratch[512];
			get_text(r, src, item, "title", scratch, sizeof(scratch));
			get_text(r, src, item, "url", scratch, sizeof(scratch));
			const char *url = lt_json_str(src, "url");
			if (url && !lt_str_starts(url, "https://") &&
			    !lt_str_starts(url, "http://")) {
				char u[200];
				join(u, sizeof(u), item, "url");
				fault(r, u, "must be an http or https address");
			}
			const char *mark = lt_json_str(src, "mark");
			bool known = false;
			for (size_t m = 0; mark && m < LT_ARRAY_LEN(marks); m++)
				known = known || strcmp(mark, marks[m]) == 0;
			if (!known) {
				char m[200];
				join(m, sizeof(m), item, "mark");
				fault(r, m, "must be confirmed, secondary, unconfirmed or default");
			}
			const json_t *note = json_object_get(src, "note");
			if (note && !json_is_string(note)) {
				char n[200];
				join(n, sizeof(n), item, "note");
				fault(r, n, "must be a string");
			}
		}
	}
}

lt_err lt_jurisdiction_parse(const char *country, const char *name, const char *text, size_t len,
			     struct lt_jurisdiction *out, struct lt_problem *p)
{
	memset(out, 0, sizeof(*out));
	json_t *root = NULL;
	lt_err rc = lt_json_parse(text, len, &root, p);
	if (rc) {
		char detail[sizeof(p->detail)];
		lt_str_copy(detail, sizeof(detail), p->detail);
		return lt_problem_set(p, LT_ERR_INVALID, "The jurisdiction profile %s: %s", name,
				      detail);
	}
	struct reading r = {.p = p, .bad = false};
	if (!json_is_object(root)) {
		fault(&r, "(profile)", "must be a JSON object");
		goto done;
	}
	const char *format = lt_json_str(root, "format");
	if (!format || strcmp(format, PROFILE_FORMAT) != 0)
		fault(&r, "format", "must be \"%s\"", PROFILE_FORMAT);
	const char *cc = lt_json_str(root, "country");
	if (!cc || strcmp(cc, country) != 0)
		fault(&r, "country", "must be \"%s\", the country the file is for", country);
	else
		lt_str_copy(out->country, sizeof(out->country), cc);

	get_names(&r, root, "", "name", out->name_en, out->name_sr, sizeof(out->name_en));
	static const char *const top_facts[] = {"name"};
	check_sources(&r, root, "", top_facts, LT_ARRAY_LEN(top_facts));

	const json_t *persons = get_object(&r, root, "", "persons");
	if (persons) {
		get_int(&r, persons, "persons", "child_age", 14, 21, &out->child_age);
		static const char *const facts[] = {"child_age"};
		check_sources(&r, persons, "persons", facts, LT_ARRAY_LEN(facts));
	}

	const json_t *ident = get_object(&r, root, "", "identification");
	if (ident) {
		const char *at = "identification";
		get_names(&r, ident, at, "adult_body", out->adult_body, out->adult_body_sr,
			  sizeof(out->adult_body));
		get_names(&r, ident, at, "child_body", out->child_body, out->child_body_sr,
			  sizeof(out->child_body));
		get_int(&r, ident, at, "reasonable_grounds_deadline_working_days", 1, 60,
			&out->reasonable_grounds_deadline_working_days);
		get_int(&r, ident, at, "conclusive_deadline_days", 1, 365,
			&out->conclusive_deadline_days);
		get_bool(&r, ident, at, "negative_decision_appealable",
			 &out->negative_decision_appealable);
		static const char *const facts[] = {
			"adult_body",
			"child_body",
			"reasonable_grounds_deadline_working_days",
			"conclusive_deadline_days",
			"negative_decision_appealable",
		};
		check_sources(&r, ident, at, facts, LT_ARRAY_LEN(facts));
	}

	const json_t *reflection = get_object(&r, root, "", "reflection_period");
	if (reflection) {
		get_int(&r, reflection, "reflection_period", "min_days", 1, 365,
			&out->reflection_min_days);
		static const char *const facts[] = {"min_days"};
		check_sources(&r, reflection, "reflection_period", facts, LT_ARRAY_LEN(facts));
	}
done:
	json_decref(root);
	if (!r.bad)
		return LT_OK;
	memset(out, 0, sizeof(*out));
	return lt_problem_set(p, LT_ERR_INVALID, "The jurisdiction profile %s is not valid.", name);
}

static bool is_country_code(const char *s)
{
	return s && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && !s[2];
}

/* Lists the countries that have a profile, for the not-found message. */
static void known_profiles(char *out, size_t cap)
{
	size_t n = 0;
	out[0] = '\0';
	const char *prefix = "jurisdictions/";
	size_t plen = strlen(prefix);
	for (const struct lt_embedded_file *f = lt_data_files; f->name; f++) {
		size_t len = strlen(f->name);
		if (strncmp(f->name, prefix, plen) != 0 || len != plen + 7 ||
		    strcmp(f->name + plen + 2, ".json") != 0)
			continue;
		int w = snprintf(out + n, cap - n, "%s%.2s", n ? ", " : "", f->name + plen);
		if (w < 0 || (size_t)w >= cap - n)
			break;
		n += (size_t)w;
	}
}

lt_err lt_jurisdiction_load(const char *country, struct lt_jurisdiction *out, struct lt_problem *p)
{
	memset(out, 0, sizeof(*out));
	char known[128];
	known_profiles(known, sizeof(known));
	if (!is_country_code(country)) {
		char shown[16];
		size_t i = 0;
		for (; country && country[i] && i < 8; i++)
			shown[i] = ((unsigned char)country[i] < 0x20 || country[i] == 0x7f)
				       ? '?'
				       : country[i];
		shown[i] = '\0';
		return lt_problem_set(
		    p, LT_ERR_NOT_FOUND,
		    "There is no jurisdiction profile for '%s': a country is an "
		    "ISO 3166-1 alpha-2 code in capitals. Profiles exist for: %s.",
		    shown, known[0] ? known : "none");
	}
	char name[40];
	snprintf(name, sizeof(name), "jurisdictions/%s.json", country);
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, name);
	if (!f)
		return lt_problem_set(
		    p, LT_ERR_NOT_FOUND,
		    "There is no jurisdiction profile for %s. Profiles exist for: "
		    "%s.",
		    country, known[0] ? known : "none");
	return lt_jurisdiction_parse(country, name, (const char *)f->data, f->len, out, p);
}

const char *lt_jurisdiction_deciding_body(const struct lt_jurisdiction *j, bool child)
{
	return child ? j->child_body : j->adult_body;
}

const char *lt_jurisdiction_deciding_body_sr(const struct lt_jurisdiction *j, bool child)
{
	return child ? j->child_body_sr : j->adult_body_sr;
}

bool lt_jurisdiction_is_child(const struct lt_jurisdiction *j, int age)
{
	return age < j->child_age;
}
