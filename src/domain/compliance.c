/* The compliance rules' configuration: data/compliance/rules.json (compiled
 * in) plus a deployment's overrides, parsed strictly with jansson. The rules
 * themselves are in compliance_rules.c. Every rule the code implements must
 * be in the file with exactly the thresholds and lists the code reads, so a
 * file that drifted from the code is refused at start rather than judged
 * with a silent default (docs/compliance.md). */
#include "domain/compliance.h"
#include "base/embed.h"
#include "base/json.h"
#include "base/str.h"
#include <stdarg.h>

#define RULES_FORMAT "lantern-compliance/1"
#define RULES_FILE "compliance/rules.json"

/* What the code reads of each rule: its scope, thresholds (with the range a
 * value may take) and code lists. The file must match this exactly. */
struct threshold_spec {
	const char *name;
	int min, max;
};

struct rule_spec {
	const char *id;
	bool register_wide;
	struct threshold_spec thresholds[3];
	const char *lists[2];
};

static const struct rule_spec specs[] = {
    {"assistance-conditional-on-cooperation", false, {{"days", 0, 365}}, {NULL}},
    {"service-without-consent", false, {{NULL, 0, 0}}, {NULL}},
    {"reflection-period-missing", false, {{"days", 0, 365}}, {NULL}},
    {"reflection-period-short", false, {{"min_days", 0, 365}}, {"allowed_end_grounds"}},
    {"removal-during-identification", false, {{NULL, 0, 0}}, {NULL}},
    {"identification-overdue",
     false,
     {{"conclusive_days", 0, 3650}, {"reasonable_grounds_working_days", 0, 260}},
     {NULL}},
    {"identification-without-reasons", false, {{NULL, 0, 0}}, {NULL}},
    {"age-uncertain-treated-as-adult", false, {{"margin_years", 0, 10}}, {NULL}},
    {"child-without-guardian", false, {{"days", 0, 365}}, {NULL}},
    {"child-not-in-education", false, {{"days", 0, 3650}}, {NULL}},
    {"victim-penalised", false, {{NULL, 0, 0}}, {"linked_offences"}},
    {"no-specialised-prosecutor", false, {{NULL, 0, 0}}, {NULL}},
    {"charge-downgraded", false, {{NULL, 0, 0}}, {NULL}},
    {"plea-deal-child-victim", false, {{NULL, 0, 0}}, {NULL}},
    {"lenient-sentence", false, {{"min_months", 0, 1200}}, {NULL}},
    {"compensation-not-claimed", false, {{NULL, 0, 0}}, {NULL}},
    {"compensation-unpaid", false, {{"months", 0, 240}}, {NULL}},
    {"vulnerable-witness-not-implemented", false, {{NULL, 0, 0}}, {NULL}},
    {"threat-without-protection", false, {{"days", 0, 365}}, {NULL}},
    {"non-specialised-accommodation", false, {{NULL, 0, 0}}, {NULL}},
    {"unequal-access-foreign", true, {{"gap_points", 0, 100}, {"min_foreign", 1, 100000}}, {NULL}},
    {"identity-disclosed", false, {{NULL, 0, 0}}, {NULL}},
};

static const char *const severity_names[] = {"low", "medium", "high"};

static const struct rule_spec *spec_find(const char *id)
{
	for (size_t i = 0; i < LT_ARRAY_LEN(specs); i++)
		if (strcmp(specs[i].id, id) == 0)
			return &specs[i];
	return NULL;
}

static const struct threshold_spec *spec_threshold(const struct rule_spec *s, const char *name)
{
	for (size_t i = 0; i < LT_ARRAY_LEN(s->thresholds) && s->thresholds[i].name; i++)
		if (strcmp(s->thresholds[i].name, name) == 0)
			return &s->thresholds[i];
	return NULL;
}

static bool spec_has_list(const struct rule_spec *s, const char *name)
{
	for (size_t i = 0; i < LT_ARRAY_LEN(s->lists) && s->lists[i]; i++)
		if (strcmp(s->lists[i], name) == 0)
			return true;
	return false;
}

/* A key path shown in a problem: "rules.<id>.<key>" (cut when too long). */
static void fieldf(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fieldf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, cap, fmt, ap);
	va_end(ap);
}

static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* Copies the string V into OUT; a fault names AT. */
static bool take_text(struct lt_problem *p, const char *at, const json_t *v, char *out, size_t cap)
{
	const char *s = json_string_value(v);
	if (!s || !*s || json_string_length(v) >= cap || strlen(s) != json_string_length(v) ||
	    !printable(s)) {
		lt_problem_field(p, at,
				 "must be a non-empty string of at most %zu bytes without control "
				 "characters",
				 cap - 1);
		return false;
	}
	lt_str_copy(out, cap, s);
	return true;
}

static bool take_severity(struct lt_problem *p, const char *at, const json_t *v,
			  enum lt_rule_severity *out)
{
	const char *s = json_string_value(v);
	for (size_t i = 0; s && i < LT_ARRAY_LEN(severity_names); i++)
		if (strcmp(s, severity_names[i]) == 0) {
			*out = (enum lt_rule_severity)i;
			return true;
		}
	lt_problem_field(p, at, "must be one of: high, medium, low");
	return false;
}

static bool take_bool(struct lt_problem *p, const char *at, const json_t *v, bool *out)
{
	if (!json_is_boolean(v)) {
		lt_problem_field(p, at, "must be true or false");
		return false;
	}
	*out = json_is_true(v);
	return true;
}

/* Sets threshold NAME of RULE to the value V (checked against SPEC). */
static bool take_threshold(struct lt_problem *p, const char *at, const struct rule_spec *spec,
			   struct lt_rule_config *rule, const char *name, const json_t *v)
{
	const struct threshold_spec *t = spec_threshold(spec, name);
	if (!t) {
		lt_problem_field(p, at, "is not a threshold of this rule");
		return false;
	}
	json_int_t n = json_integer_value(v);
	if (!json_is_integer(v) || n < t->min || n > t->max) {
		lt_problem_field(p, at, "must be an integer from %d to %d", t->min, t->max);
		return false;
	}
	for (int i = 0; i < rule->n_thresholds; i++)
		if (strcmp(rule->thresholds[i].name, name) == 0) {
			rule->thresholds[i].value = (int)n;
			return true;
		}
	if (rule->n_thresholds >= (int)LT_ARRAY_LEN(rule->thresholds)) {
		lt_problem_field(p, at, "one threshold too many");
		return false;
	}
	lt_str_copy(rule->thresholds[rule->n_thresholds].name, sizeof(rule->thresholds[0].name), name);
	rule->thresholds[rule->n_thresholds].value = (int)n;
	rule->n_thresholds++;
	return true;
}

/* Sets (replaces) list NAME of RULE to the array V of codes. */
static bool take_list(struct lt_problem *p, const char *at, const struct rule_spec *spec,
		      struct lt_rule_config *rule, const char *name, const json_t *v)
{
	if (!spec_has_list(spec, name)) {
		lt_problem_field(p, at, "is not a list of this rule");
		return false;
	}
	size_t cap = LT_ARRAY_LEN(rule->lists[0].values);
	if (!json_is_array(v) || json_array_size(v) > cap) {
		lt_problem_field(p, at, "must be an array of at most %zu codes", cap);
		return false;
	}
	int slot = -1;
	for (int i = 0; i < rule->n_lists; i++)
		if (strcmp(rule->lists[i].name, name) == 0)
			slot = i;
	if (slot < 0) {
		if (rule->n_lists >= (int)LT_ARRAY_LEN(rule->lists)) {
			lt_problem_field(p, at, "one list too many");
			return false;
		}
		slot = rule->n_lists++;
		lt_str_copy(rule->lists[slot].name, sizeof(rule->lists[slot].name), name);
	}
	rule->lists[slot].n_values = 0;
	size_t i;
	const json_t *code;
	bool ok = true;
	json_array_foreach(v, i, code)
	{
		const char *s = json_string_value(code);
		if (!s || json_string_length(code) >= sizeof(rule->lists[0].values[0]) ||
		    strlen(s) != json_string_length(code) || !lt_str_is_slug(s)) {
			char item[96];
			fieldf(item, sizeof(item), "%s[%zu]", at, i);
			lt_problem_field(p, item, "must be a code of [a-z0-9_.-], at most %zu bytes",
					 sizeof(rule->lists[0].values[0]) - 1);
			ok = false;
			continue;
		}
		lt_str_copy(rule->lists[slot].values[rule->lists[slot].n_values++],
			    sizeof(rule->lists[0].values[0]), s);
	}
	return ok;
}

/* Reads one rule object of the shipped file. */
static bool parse_rule(struct lt_problem *p, size_t index, const json_t *obj,
		       struct lt_compliance_config *out)
{
	char at[96];
	if (!json_is_object(obj)) {
		fieldf(at, sizeof(at), "rules[%zu]", index);
		lt_problem_field(p, at, "must be an object");
		return false;
	}
	const char *id = lt_json_str(obj, "id");
	const struct rule_spec *spec = id ? spec_find(id) : NULL;
	if (!spec) {
		fieldf(at, sizeof(at), "rules[%zu].id", index);
		if (!id)
			lt_problem_field(p, at, "is required");
		else
			lt_problem_field(p, at, "'%.48s' is not a rule Lantern implements", id);
		return false;
	}
	if (lt_compliance_rule(out, id)) {
		fieldf(at, sizeof(at), "rules.%s", id);
		lt_problem_field(p, at, "appears twice");
		return false;
	}
	if (out->n_rules >= (int)LT_ARRAY_LEN(out->rules)) {
		lt_problem_field(p, "rules", "too many rules");
		return false;
	}
	struct lt_rule_config *rule = &out->rules[out->n_rules];
	memset(rule, 0, sizeof(*rule));
	lt_str_copy(rule->id, sizeof(rule->id), id);
	rule->enabled = true;
	rule->register_wide = spec->register_wide;
	bool ok = true, seen_severity = false, seen_scope = false, seen_refs = false;
	bool seen_title = false, seen_standard = false, seen_action = false;
	bool seen_title_sr = false, seen_standard_sr = false, seen_action_sr = false;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)obj, key, v)
	{
		fieldf(at, sizeof(at), "rules.%s.%s", id, key);
		if (strcmp(key, "id") == 0) {
			continue;
		} else if (strcmp(key, "enabled") == 0) {
			ok = take_bool(p, at, v, &rule->enabled) && ok;
		} else if (strcmp(key, "severity") == 0) {
			seen_severity = true;
			ok = take_severity(p, at, v, &rule->severity) && ok;
		} else if (strcmp(key, "scope") == 0) {
			seen_scope = true;
			const char *s = json_string_value(v);
			const char *want = spec->register_wide ? "register" : "case";
			if (!s || strcmp(s, want) != 0) {
				lt_problem_field(p, at, "must be \"%s\" for this rule", want);
				ok = false;
			}
		} else if (strcmp(key, "refs") == 0) {
			seen_refs = true;
			size_t cap = LT_ARRAY_LEN(rule->refs);
			if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > cap) {
				lt_problem_field(p, at, "must be an array of 1 to %zu references", cap);
				ok = false;
				continue;
			}
			size_t i;
			const json_t *ref;
			json_array_foreach(v, i, ref)
			{
				char item[96];
				fieldf(item, sizeof(item), "%s[%zu]", at, i);
				if (take_text(p, item, ref, rule->refs[i], sizeof(rule->refs[i])))
					rule->n_refs++;
				else
					ok = false;
			}
		} else if (strcmp(key, "title") == 0) {
			seen_title = true;
			ok = take_text(p, at, v, rule->title, sizeof(rule->title)) && ok;
		} else if (strcmp(key, "standard") == 0) {
			seen_standard = true;
			ok = take_text(p, at, v, rule->standard, sizeof(rule->standard)) && ok;
		} else if (strcmp(key, "action") == 0) {
			seen_action = true;
			ok = take_text(p, at, v, rule->action, sizeof(rule->action)) && ok;
		} else if (strcmp(key, "title_sr") == 0) {
			seen_title_sr = true;
			ok = take_text(p, at, v, rule->title_sr, sizeof(rule->title_sr)) && ok;
		} else if (strcmp(key, "standard_sr") == 0) {
			seen_standard_sr = true;
			ok = take_text(p, at, v, rule->standard_sr, sizeof(rule->standard_sr)) && ok;
		} else if (strcmp(key, "action_sr") == 0) {
			seen_action_sr = true;
			ok = take_text(p, at, v, rule->action_sr, sizeof(rule->action_sr)) && ok;
		} else if (strcmp(key, "thresholds") == 0) {
			if (!json_is_object(v)) {
				lt_problem_field(p, at, "must be an object");
				ok = false;
				continue;
			}
			const char *name;
			json_t *val;
			json_object_foreach(v, name, val)
			{
				char t[96];
				fieldf(t, sizeof(t), "rules.%s.thresholds.%s", id, name);
				ok = take_threshold(p, t, spec, rule, name, val) && ok;
			}
		} else if (strcmp(key, "lists") == 0) {
			if (!json_is_object(v)) {
				lt_problem_field(p, at, "must be an object");
				ok = false;
				continue;
			}
			const char *name;
			json_t *val;
			json_object_foreach(v, name, val)
			{
				char t[96];
				fieldf(t, sizeof(t), "rules.%s.lists.%s", id, name);
				ok = take_list(p, t, spec, rule, name, val) && ok;
			}
		} else {
			lt_problem_field(p, at, "unknown key");
			ok = false;
		}
	}
	/* The Serbian words are required like the English ones: the primary
	 * users read Serbian, so a rule without them is a faulty file. */
	static const char *const required[] = {"severity", "scope", "refs",
					       "title", "standard", "action",
					       "title_sr", "standard_sr", "action_sr"};
	const bool seen[] = {seen_severity, seen_scope, seen_refs,
			     seen_title, seen_standard, seen_action,
			     seen_title_sr, seen_standard_sr, seen_action_sr};
	for (size_t i = 0; i < LT_ARRAY_LEN(required); i++)
		if (!seen[i]) {
			fieldf(at, sizeof(at), "rules.%s.%s", id, required[i]);
			lt_problem_field(p, at, "is required");
			ok = false;
		}
	/* Every threshold and list the code reads must be set in the file: a
	 * missing one would otherwise judge with a default nobody wrote down. */
	for (size_t i = 0; i < LT_ARRAY_LEN(spec->thresholds) && spec->thresholds[i].name; i++) {
		bool found = false;
		for (int k = 0; k < rule->n_thresholds; k++)
			found = found || strcmp(rule->thresholds[k].name, spec->thresholds[i].name) == 0;
		if (!found) {
			fieldf(at, sizeof(at), "rules.%s.thresholds.%s", id, spec->thresholds[i].name);
			lt_problem_field(p, at, "is required");
			ok = false;
		}
	}
	for (size_t i = 0; i < LT_ARRAY_LEN(spec->lists) && spec->lists[i]; i++) {
		bool found = false;
		for (int k = 0; k < rule->n_lists; k++)
			found = found || strcmp(rule->lists[k].name, spec->lists[i]) == 0;
		if (!found) {
			fieldf(at, sizeof(at), "rules.%s.lists.%s", id, spec->lists[i]);
			lt_problem_field(p, at, "is required");
			ok = false;
		}
	}
	out->n_rules++;
	return ok;
}

static bool parse_rules(struct lt_problem *p, const json_t *root, struct lt_compliance_config *out)
{
	bool ok = true;
	if (!json_is_object(root)) {
		lt_problem_field(p, "(rules file)", "must be a JSON object");
		return false;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)root, key, v)
	{
		if (strcmp(key, "format") != 0 && strcmp(key, "description") != 0 &&
		    strcmp(key, "rules") != 0) {
			char at[96];
			fieldf(at, sizeof(at), "%s", key);
			lt_problem_field(p, at, "unknown key");
			ok = false;
		}
	}
	const char *format = lt_json_str(root, "format");
	if (!format || strcmp(format, RULES_FORMAT) != 0) {
		lt_problem_field(p, "format", "must be \"%s\"", RULES_FORMAT);
		ok = false;
	}
	const json_t *desc = json_object_get(root, "description");
	if (desc && !json_is_string(desc)) {
		lt_problem_field(p, "description", "must be a string");
		ok = false;
	}
	const json_t *rules = json_object_get(root, "rules");
	if (!json_is_array(rules)) {
		lt_problem_field(p, "rules", "must be an array of rules");
		return false;
	}
	size_t i;
	const json_t *r;
	json_array_foreach(rules, i, r) ok = parse_rule(p, i, r, out) && ok;
	for (size_t s = 0; s < LT_ARRAY_LEN(specs); s++)
		if (!lt_compliance_rule(out, specs[s].id)) {
			char at[96];
			fieldf(at, sizeof(at), "rules.%s", specs[s].id);
			lt_problem_field(p, at, "is missing: every rule Lantern implements must be configured");
			ok = false;
		}
	return ok;
}

static bool apply_overrides(struct lt_problem *p, const json_t *root,
			    struct lt_compliance_config *out)
{
	if (!json_is_object(root)) {
		lt_problem_field(p, "(overrides)", "must be a JSON object");
		return false;
	}
	bool ok = true;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)root, key, v)
	{
		if (strcmp(key, "rules") != 0) {
			char at[96];
			fieldf(at, sizeof(at), "%s", key);
			lt_problem_field(p, at, "unknown key (expected \"rules\")");
			ok = false;
		}
	}
	const json_t *rules = json_object_get(root, "rules");
	if (!rules)
		return ok;
	if (!json_is_object(rules)) {
		lt_problem_field(p, "rules", "must be an object of rule ids");
		return false;
	}
	const char *id;
	json_t *obj;
	json_object_foreach((json_t *)rules, id, obj)
	{
		char at[96];
		fieldf(at, sizeof(at), "rules.%s", id);
		struct lt_rule_config *rule = (struct lt_rule_config *)lt_compliance_rule(out, id);
		const struct rule_spec *spec = spec_find(id);
		if (!rule || !spec) {
			lt_problem_field(p, at, "is not a rule Lantern implements");
			ok = false;
			continue;
		}
		if (!json_is_object(obj)) {
			lt_problem_field(p, at, "must be an object");
			ok = false;
			continue;
		}
		json_t *val;
		json_object_foreach(obj, key, val)
		{
			fieldf(at, sizeof(at), "rules.%s.%s", id, key);
			if (strcmp(key, "enabled") == 0) {
				ok = take_bool(p, at, val, &rule->enabled) && ok;
			} else if (strcmp(key, "severity") == 0) {
				ok = take_severity(p, at, val, &rule->severity) && ok;
			} else if (strcmp(key, "thresholds") == 0 || strcmp(key, "lists") == 0) {
				bool thresholds = key[0] == 't';
				if (!json_is_object(val)) {
					lt_problem_field(p, at, "must be an object");
					ok = false;
					continue;
				}
				const char *name;
				json_t *x;
				json_object_foreach(val, name, x)
				{
					char t[96];
					fieldf(t, sizeof(t), "rules.%s.%s.%s", id, key, name);
					ok = (thresholds ? take_threshold(p, t, spec, rule, name, x)
							 : take_list(p, t, spec, rule, name, x)) &&
					     ok;
				}
			} else {
				lt_problem_field(p, at,
						 "unknown key (allowed: enabled, severity, thresholds, "
						 "lists)");
				ok = false;
			}
		}
	}
	return ok;
}

lt_err lt_compliance_config_parse(const char *text, size_t len, const char *overrides,
				  size_t overrides_len, struct lt_compliance_config *out,
				  struct lt_problem *p)
{
	memset(out, 0, sizeof(*out));
	json_t *root = NULL;
	lt_err rc = lt_json_parse(text, len, &root, p);
	if (rc) {
		char detail[sizeof(p->detail)];
		lt_str_copy(detail, sizeof(detail), p->detail);
		return lt_problem_set(p, LT_ERR_INVALID, "The compliance rules file: %s", detail);
	}
	bool ok = parse_rules(p, root, out);
	json_decref(root);
	if (!ok) {
		memset(out, 0, sizeof(*out));
		return lt_problem_set(p, LT_ERR_INVALID, "The compliance rules file is not valid.");
	}
	if (!overrides)
		return LT_OK;
	rc = lt_json_parse(overrides, overrides_len, &root, p);
	if (rc) {
		char detail[sizeof(p->detail)];
		lt_str_copy(detail, sizeof(detail), p->detail);
		memset(out, 0, sizeof(*out));
		return lt_problem_set(p, LT_ERR_INVALID, "The compliance overrides: %s", detail);
	}
	ok = apply_overrides(p, root, out);
	json_decref(root);
	if (!ok) {
		memset(out, 0, sizeof(*out));
		return lt_problem_set(p, LT_ERR_INVALID, "The compliance overrides are not valid.");
	}
	return LT_OK;
}

lt_err lt_compliance_config_load(const char *overrides, size_t len,
				 struct lt_compliance_config *out, struct lt_problem *p)
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, RULES_FILE);
	if (!f) {
		memset(out, 0, sizeof(*out));
		return lt_problem_set(p, LT_ERR_NOT_FOUND,
				      "The compliance rules (data/%s) are not in this build.",
				      RULES_FILE);
	}
	return lt_compliance_config_parse((const char *)f->data, f->len, overrides, len, out, p);
}

const struct lt_rule_config *lt_compliance_rule(const struct lt_compliance_config *c, const char *id)
{
	if (!c || !id)
		return NULL;
	for (int i = 0; i < c->n_rules; i++)
		if (strcmp(c->rules[i].id, id) == 0)
			return &c->rules[i];
	return NULL;
}

int lt_rule_threshold(const struct lt_rule_config *rule, const char *name, int fallback)
{
	if (!rule || !name)
		return fallback;
	for (int i = 0; i < rule->n_thresholds; i++)
		if (strcmp(rule->thresholds[i].name, name) == 0)
			return rule->thresholds[i].value;
	return fallback;
}

bool lt_rule_list_has(const struct lt_rule_config *rule, const char *name, const char *value)
{
	if (!rule || !name || !value)
		return false;
	for (int i = 0; i < rule->n_lists; i++) {
		if (strcmp(rule->lists[i].name, name) != 0)
			continue;
		for (int k = 0; k < rule->lists[i].n_values; k++)
			if (strcmp(rule->lists[i].values[k], value) == 0)
				return true;
	}
	return false;
}

const char *lt_severity_name(enum lt_rule_severity s)
{
	if ((size_t)s < LT_ARRAY_LEN(severity_names))
		return severity_names[s];
	return "medium";
}
