/* Jurisdiction profiles: data/jurisdictions/<CC>.json, parsed with jansson.
 * The file's layout is described in docs/vocabularies.md; every fact read
 * here must come with a source in its section's "sources" object. */
#include "domain/jurisdiction.h"
#include "base/embed.h"
#include "base/json.h"
#include "base/str.h"
#include "domain/case_flow.h"
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

/* --- the criminal code (optional section "criminal_code") --- */

/* Checks one list of sources at OBJ's sources.KEY, as check_sources does for
 * a fact; false (without a fault) when the key is absent. */
static bool has_source(const json_t *obj, const char *key)
{
	return json_object_get(json_object_get(obj, "sources"), key) != NULL;
}

static const char *const offence_classes[] = {"other", "trafficking", "lesser"};

static void get_date(struct reading *r, const json_t *obj, const char *path, const char *key,
		     bool required, char out[11])
{
	char at[160];
	join(at, sizeof(at), path, key);
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v)) {
		if (required)
			fault(r, at, "is required");
		return;
	}
	const char *s = json_string_value(v);
	if (!s || !lt_date_valid(s)) {
		fault(r, at, "must be a date written YYYY-MM-DD");
		return;
	}
	lt_str_copy(out, 11, s);
}

/* Reads one penalty range: dates, months, and whether a fine goes with it. */
static void read_penalty(struct reading *r, const json_t *pen, const char *at, struct lt_penalty *out)
{
	if (!json_is_object(pen)) {
		fault(r, at, "must be an object");
		return;
	}
	static const char *const keys[] = {"valid_from", "valid_to", "min_months", "max_months", "fine"};
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)pen, key, v)
	{
		bool known = false;
		for (size_t k = 0; k < LT_ARRAY_LEN(keys); k++)
			known = known || strcmp(key, keys[k]) == 0;
		if (!known) {
			char u[200];
			join(u, sizeof(u), at, key);
			/* A penalty is small and closed: an unknown key is a typo, not a later addition. */
			fault(r, u, "is not a key of a penalty (valid_from, valid_to, min_months, max_months, fine)");
		}
	}
	get_date(r, pen, at, "valid_from", true, out->valid_from);
	get_date(r, pen, at, "valid_to", false, out->valid_to);
	if (out->valid_from[0] && out->valid_to[0] && strcmp(out->valid_to, out->valid_from) <= 0) {
		char u[200];
		join(u, sizeof(u), at, "valid_to");
		fault(r, u, "must be after valid_from");
	}
	out->min_months = 0;
	out->max_months = -1;
	get_int(r, pen, at, "min_months", 0, 600, &out->min_months);
	get_int(r, pen, at, "max_months", -1, 600, &out->max_months);
	if (out->max_months >= 0 && out->max_months < out->min_months) {
		char u[200];
		join(u, sizeof(u), at, "max_months");
		fault(r, u, "must be -1 (no maximum) or at least min_months");
	}
	if (json_object_get(pen, "fine"))
		get_bool(r, pen, at, "fine", &out->fine);
}

static void read_paragraph(struct reading *r, const json_t *par, const char *at,
			   struct lt_article_paragraph *out, bool *history)
{
	if (!json_is_object(par)) {
		fault(r, at, "must be an object");
		return;
	}
	get_text(r, par, at, "id", out->id, sizeof(out->id));
	get_text(r, par, at, "summary_en", out->summary_en, sizeof(out->summary_en));
	get_bool(r, par, at, "minor", &out->minor);
	char pat[160];
	join(pat, sizeof(pat), at, "penalties");
	const json_t *pens = json_object_get(par, "penalties");
	if (!pens) {
		fault(r, pat, "is required (an empty list when the law's range is not recorded)");
		return;
	}
	if (!json_is_array(pens) || json_array_size(pens) > LT_ARRAY_LEN(out->penalties)) {
		fault(r, pat, "must be an array of at most %zu penalties",
		      LT_ARRAY_LEN(out->penalties));
		return;
	}
	size_t i;
	const json_t *pen;
	json_array_foreach(pens, i, pen)
	{
		char item[180];
		pathf(item, sizeof(item), "%s[%zu]", pat, i);
		struct lt_penalty *pe = &out->penalties[out->n_penalties++];
		read_penalty(r, pen, item, pe);
		if (pe->valid_to[0])
			*history = true;
		/* Ranges in order and not overlapping, so that a date finds one. */
		if (i > 0) {
			const struct lt_penalty *prev = &out->penalties[i - 1];
			if (!prev->valid_to[0] || strcmp(pe->valid_from, prev->valid_to) < 0) {
				char u[200];
				join(u, sizeof(u), item, "valid_from");
				fault(r, u,
				      "must not be before the previous range's valid_to (ranges are "
				      "listed in order and do not overlap)");
			}
		}
	}
}

static void read_article(struct reading *r, const char *id, const json_t *art, const char *at,
			 struct lt_article *out)
{
	if (!json_is_object(art)) {
		fault(r, at, "must be an object");
		return;
	}
	if (!*id || strlen(id) >= sizeof(out->id) || !printable_text(id))
		fault(r, at, "an article id must be 1 to %zu printable bytes", sizeof(out->id) - 1);
	else
		lt_str_copy(out->id, sizeof(out->id), id);
	get_names(r, art, at, "title", out->title_en, out->title_sr, sizeof(out->title_en));
	char cat[160];
	join(cat, sizeof(cat), at, "offence_class");
	const char *cls = lt_json_str(art, "offence_class");
	bool known = false;
	for (size_t c = 0; cls && c < LT_ARRAY_LEN(offence_classes); c++)
		if (strcmp(cls, offence_classes[c]) == 0) {
			out->offence_class = (enum lt_offence_class)c;
			known = true;
		}
	if (!known)
		fault(r, cat, "must be trafficking, lesser or other");
	char pat[160];
	join(pat, sizeof(pat), at, "paragraphs");
	const json_t *pars = json_object_get(art, "paragraphs");
	bool history = false, any_penalty = false;
	if (!pars) {
		fault(r, pat, "is required (an empty list when none is recorded)");
	} else if (!json_is_array(pars) || json_array_size(pars) > LT_ARRAY_LEN(out->paragraphs)) {
		fault(r, pat, "must be an array of at most %zu paragraphs", LT_ARRAY_LEN(out->paragraphs));
	} else {
		size_t i;
		const json_t *par;
		json_array_foreach(pars, i, par)
		{
			char item[170];
			pathf(item, sizeof(item), "%s[%zu]", pat, i);
			struct lt_article_paragraph *pp = &out->paragraphs[out->n_paragraphs++];
			read_paragraph(r, par, item, pp, &history);
			for (size_t k = 0; k < i && pp->id[0]; k++)
				if (strcmp(out->paragraphs[k].id, pp->id) == 0) {
					char u[200];
					join(u, sizeof(u), item, "id");
					fault(r, u, "repeats paragraph %s", pp->id);
				}
			if (pp->n_penalties > 0) {
				char key[32];
				snprintf(key, sizeof(key), "penalties.%s", pp->id);
				/* A paragraph may carry its own source (a different mark). */
				if (has_source(art, key)) {
					const char *facts[] = {key};
					check_sources(r, art, at, facts, 1);
				} else {
					any_penalty = true;
				}
			}
		}
	}
	const char *facts[4] = {"title", "offence_class"};
	size_t n = 2;
	if (any_penalty)
		facts[n++] = "penalties";
	if (history)
		facts[n++] = "penalty_history";
	check_sources(r, art, at, facts, n);
}

static void read_criminal_code(struct reading *r, const json_t *code, struct lt_jurisdiction *out)
{
	const char *at = "criminal_code";
	if (!json_is_object(code)) {
		fault(r, at, "must be an object");
		return;
	}
	char sr[120];
	get_names(r, code, at, "name", out->criminal_code_name_en, sr, sizeof(sr));
	static const char *const facts[] = {"name"};
	check_sources(r, code, at, facts, LT_ARRAY_LEN(facts));
	const json_t *arts = get_object(r, code, at, "articles");
	if (!arts)
		return;
	if (json_object_size(arts) > LT_ARRAY_LEN(out->articles)) {
		fault(r, "criminal_code.articles", "must hold at most %zu articles",
		      LT_ARRAY_LEN(out->articles));
		return;
	}
	const char *id;
	const json_t *art;
	json_object_foreach((json_t *)arts, id, art)
	{
		char item[160];
		pathf(item, sizeof(item), "criminal_code.articles.%s", id);
		read_article(r, id, art, item, &out->articles[out->n_articles++]);
	}
}

/* --- public holidays (optional section "public_holidays") --- */

/* Refuses every key of OBJ (at AT) that is not in KEYS, naming it and the
 * keys WHAT takes: this section moves deadlines, so a misspelt key must not
 * be skipped silently. */
static void only_keys(struct reading *r, const json_t *obj, const char *at, const char *what,
		      const char *const *keys, size_t nkeys)
{
	char allowed[160];
	size_t n = 0;
	allowed[0] = '\0';
	for (size_t k = 0; k < nkeys && n < sizeof(allowed); k++) {
		int w = snprintf(allowed + n, sizeof(allowed) - n, "%s%s", k ? ", " : "", keys[k]);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)obj, key, v)
	{
		bool known = false;
		for (size_t k = 0; k < nkeys; k++)
			known = known || strcmp(key, keys[k]) == 0;
		if (!known) {
			char u[200];
			join(u, sizeof(u), at, key);
			fault(r, u, "is not a key of %s (%s)", what, allowed);
		}
	}
}

static bool holiday_id_ok(const char *id)
{
	if (!*id)
		return false;
	for (; *id; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9') || *id == '_'))
			return false;
	return true;
}

/* Reads the integer list at KEY of H (1-8 distinct numbers from MIN to MAX). */
static void read_holiday_days(struct reading *r, const json_t *h, const char *at, const char *key,
			      int min, int max, struct lt_holiday *out)
{
	char dat[180];
	join(dat, sizeof(dat), at, key);
	const json_t *days = json_object_get(h, key);
	if (!days) {
		fault(r, dat, "is required");
		return;
	}
	if (!json_is_array(days) || json_array_size(days) == 0 ||
	    json_array_size(days) > LT_ARRAY_LEN(out->days)) {
		fault(r, dat, "must be an array of 1 to %zu numbers", LT_ARRAY_LEN(out->days));
		return;
	}
	size_t i;
	const json_t *d;
	json_array_foreach(days, i, d)
	{
		char item[200];
		pathf(item, sizeof(item), "%s[%zu]", dat, i);
		json_int_t v = json_integer_value(d);
		if (!json_is_integer(d) || v < min || v > max) {
			fault(r, item, "must be an integer from %d to %d", min, max);
			continue;
		}
		for (int k = 0; k < out->n_days; k++)
			if (out->days[k] == (int)v)
				fault(r, item, "repeats %d", (int)v);
		out->days[out->n_days++] = (int)v;
	}
}

/* One holiday: fixed days of a month (MOVABLE false) or days counted from
 * Orthodox Easter Sunday. */
static void read_holiday(struct reading *r, const json_t *h, const char *at, bool movable,
			 struct lt_holiday *out)
{
	if (!json_is_object(h)) {
		fault(r, at, "must be an object");
		return;
	}
	static const char *const fixed_keys[] = {"id", "name", "month", "days",
						 "sunday_next_working_day"};
	static const char *const easter_keys[] = {"id", "name", "days_from_easter",
						  "sunday_next_working_day"};
	if (movable)
		only_keys(r, h, at, "a holiday counted from Easter", easter_keys,
			  LT_ARRAY_LEN(easter_keys));
	else
		only_keys(r, h, at, "a fixed holiday", fixed_keys, LT_ARRAY_LEN(fixed_keys));
	get_text(r, h, at, "id", out->id, sizeof(out->id));
	if (out->id[0] && !holiday_id_ok(out->id)) {
		char u[200];
		join(u, sizeof(u), at, "id");
		fault(r, u, "must be written with a-z, 0-9 and _");
	}
	get_names(r, h, at, "name", out->name_en, out->name_sr, sizeof(out->name_en));
	get_bool(r, h, at, "sunday_next_working_day", &out->sunday_next_working_day);
	if (movable) {
		/* Enough for the movable feasts of any Easter-based calendar
		 * (Pentecost Monday is +50). */
		read_holiday_days(r, h, at, "days_from_easter", -70, 70, out);
		return;
	}
	get_int(r, h, at, "month", 1, 12, &out->month);
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	/* 29 February is accepted: it is then a holiday in leap years only. */
	int max = out->month >= 1 && out->month <= 12 ? mdays[out->month - 1] : 31;
	read_holiday_days(r, h, at, "days", 1, max, out);
}

static void read_holiday_list(struct reading *r, const json_t *sec, const char *key, bool movable,
			      struct lt_jurisdiction *out)
{
	char at[64];
	join(at, sizeof(at), "public_holidays", key);
	const json_t *list = json_object_get(sec, key);
	if (!json_is_array(list)) {
		fault(r, at, "must be an array of holidays");
		return;
	}
	size_t i;
	const json_t *h;
	json_array_foreach(list, i, h)
	{
		char item[96];
		pathf(item, sizeof(item), "%s[%zu]", at, i);
		if (out->n_holidays >= (int)LT_ARRAY_LEN(out->holidays)) {
			fault(r, item, "is one holiday too many: a profile holds at most %zu",
			      LT_ARRAY_LEN(out->holidays));
			return;
		}
		struct lt_holiday *hd = &out->holidays[out->n_holidays++];
		read_holiday(r, h, item, movable, hd);
		for (int k = 0; k < out->n_holidays - 1 && hd->id[0]; k++)
			if (strcmp(out->holidays[k].id, hd->id) == 0) {
				char u[120];
				join(u, sizeof(u), item, "id");
				fault(r, u, "repeats holiday %s", hd->id);
			}
	}
}

static void read_public_holidays(struct reading *r, const json_t *sec, struct lt_jurisdiction *out)
{
	const char *at = "public_holidays";
	if (!json_is_object(sec)) {
		fault(r, at, "must be an object");
		return;
	}
	static const char *const keys[] = {"law", "fixed", "orthodox_easter", "sources"};
	only_keys(r, sec, at, "public_holidays", keys, LT_ARRAY_LEN(keys));
	get_names(r, sec, at, "law", out->holidays_law_en, out->holidays_law_sr,
		  sizeof(out->holidays_law_en));
	if (!json_object_get(sec, "fixed"))
		fault(r, "public_holidays.fixed", "is required (an empty list when there is none)");
	else
		read_holiday_list(r, sec, "fixed", false, out);
	/* Optional: a country whose movable holidays follow another Easter
	 * (or none) leaves it out. */
	bool easter = json_object_get(sec, "orthodox_easter") != NULL;
	if (easter)
		read_holiday_list(r, sec, "orthodox_easter", true, out);
	bool sunday = false;
	for (int i = 0; i < out->n_holidays; i++)
		sunday = sunday || out->holidays[i].sunday_next_working_day;
	const char *facts[4] = {"law", "fixed"};
	size_t n = 2;
	if (easter)
		facts[n++] = "orthodox_easter";
	if (sunday)
		facts[n++] = "sunday_next_working_day";
	check_sources(r, sec, at, facts, n);
	static const char *const source_keys[] = {"law", "fixed", "orthodox_easter",
						  "sunday_next_working_day"};
	const json_t *sources = json_object_get(sec, "sources");
	if (json_is_object(sources))
		only_keys(r, sources, "public_holidays.sources", "public_holidays.sources",
			  source_keys, LT_ARRAY_LEN(source_keys));
	out->has_holidays = true;
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

	/* Optional: a country whose file has no criminal code still loads; the
	 * justice records then accept no article. */
	const json_t *code = json_object_get(root, "criminal_code");
	if (code)
		read_criminal_code(&r, code, out);
	/* Optional as well: without it only Saturdays and Sundays are days off. */
	const json_t *holidays = json_object_get(root, "public_holidays");
	if (holidays)
		read_public_holidays(&r, holidays, out);
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

const struct lt_article *lt_jurisdiction_article(const struct lt_jurisdiction *j, const char *id)
{
	for (int i = 0; id && i < j->n_articles; i++)
		if (strcmp(j->articles[i].id, id) == 0)
			return &j->articles[i];
	return NULL;
}

const struct lt_article_paragraph *lt_article_paragraph(const struct lt_article *a, const char *para)
{
	for (int i = 0; a && para && *para && i < a->n_paragraphs; i++)
		if (strcmp(a->paragraphs[i].id, para) == 0)
			return &a->paragraphs[i];
	return NULL;
}

const struct lt_penalty *lt_jurisdiction_penalty(const struct lt_jurisdiction *j, const char *article,
						 const char *para, const char *date)
{
	const struct lt_article *a = lt_jurisdiction_article(j, article);
	if (!a || !date || !lt_date_valid(date))
		return NULL;
	const struct lt_article_paragraph *pp =
		para && *para ? lt_article_paragraph(a, para) : a->n_paragraphs ? &a->paragraphs[0] : NULL;
	for (int i = 0; pp && i < pp->n_penalties; i++) {
		const struct lt_penalty *pe = &pp->penalties[i];
		/* The law of the offence's time: from valid_from, until valid_to (exclusive). */
		if (strcmp(date, pe->valid_from) >= 0 && (!pe->valid_to[0] || strcmp(date, pe->valid_to) < 0))
			return pe;
	}
	return NULL;
}

enum lt_offence_class lt_jurisdiction_offence_class(const struct lt_jurisdiction *j, const char *article)
{
	const struct lt_article *a = lt_jurisdiction_article(j, article);
	return a ? a->offence_class : LT_OFFENCE_OTHER;
}

const char *lt_offence_class_name(enum lt_offence_class cls)
{
	return (size_t)cls < LT_ARRAY_LEN(offence_classes) ? offence_classes[cls] : "other";
}
