#include "service/case_internal.h"
#include "base/json.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"
#include "domain/vocabulary.h"

/* A date of the case record: not after the latest date that is today
 * somewhere, and not before NOT_BEFORE when given. */
bool lt_case_check_date(struct lt_problem *p, const char *field, const char *value, bool required,
			const char *not_before, const char *not_before_name)
{
	char latest[11];
	lt_latest_today(latest);
	return lt_date_check(p, field, value, required, latest, false, not_before, not_before_name);
}

/* Reads an array of vocabulary codes into OUT, naming bad items by index. */
static void check_codes(struct lt_problem *p, const json_t *arr, const char *field,
			enum lt_vocab_kind kind, const char **out, size_t *n)
{
	*n = 0;
	if (!arr || json_is_null(arr))
		return;
	size_t i;
	json_t *v;
	char path[96];
	json_array_foreach(arr, i, v) {
		snprintf(path, sizeof(path), "%s[%zu]", field, i);
		const char *code = json_string_value(v);
		if (!code) {
			lt_problem_field(p, path, "must be a string");
			continue;
		}
		if (!lt_vocab_has(kind, code)) {
			lt_problem_field(p, path, "'%.40s' is not %s%s", code,
					 kind == LT_VOCAB_COUNTRY ? "" : "one of: ", lt_vocab_hint(kind));
			continue;
		}
		if (*n >= MAX_CODES) {
			lt_problem_field(p, field, "must have at most %d items", MAX_CODES);
			return;
		}
		out[(*n)++] = code;
	}
}

static bool json_truthy(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

lt_err lt_case_doc_validate(struct lt_ctx *ctx, const json_t *doc, struct case_doc *d)
{
	static const struct lt_json_field top[] = {
		{"ref", LT_JSON_STRING, false, 100},
		{"person", LT_JSON_OBJECT, true, 0},
		{"referral", LT_JSON_OBJECT, true, 0},
		{"exploitation", LT_JSON_ARRAY, false, MAX_CODES},
		{"countries_of_exploitation", LT_JSON_ARRAY, false, MAX_CODES},
		{"identification", LT_JSON_OBJECT, false, 0},
	};
	static const struct lt_json_field person[] = {
		{"given_name", LT_JSON_STRING, false, 200},
		{"family_name", LT_JSON_STRING, false, 200},
		{"sex", LT_JSON_STRING, true, 16},
		{"birth_date", LT_JSON_STRING, false, 10},
		{"birth_year", LT_JSON_INTEGER, false, 0},
		{"age_uncertain", LT_JSON_BOOL, false, 0},
		{"citizenship", LT_JSON_ARRAY, false, MAX_CODES},
	};
	static const struct lt_json_field referral[] = {
		{"date", LT_JSON_STRING, true, 10},
		{"source", LT_JSON_STRING, true, 32},
		{"organisation", LT_JSON_STRING, false, 160},
		{"consent", LT_JSON_BOOL, false, 0},
		{"consent_date", LT_JSON_STRING, false, 10},
	};
	static const struct lt_json_field identification[] = {
		{"outcome", LT_JSON_STRING, true, 16},
		{"date", LT_JSON_STRING, false, 10},
		{"body", LT_JSON_STRING, false, 160},
		{"reasons", LT_JSON_STRING, false, REASONS_MAX},
	};
	struct lt_problem *p = ctx->problem;
	memset(d, 0, sizeof(*d));
	lt_err rc = lt_vocab_init(p);
	if (rc)
		return rc;
	if (lt_json_check(doc, top, LT_ARRAY_LEN(top), NULL, p))
		return LT_ERR_INVALID; /* the parts below may be missing or of another type */
	const json_t *pj = json_object_get(doc, "person");
	const json_t *rj = json_object_get(doc, "referral");
	const json_t *ij = json_object_get(doc, "identification");
	bool person_ok = lt_json_check(pj, person, LT_ARRAY_LEN(person), "person", p) == LT_OK;
	bool referral_ok = lt_json_check(rj, referral, LT_ARRAY_LEN(referral), "referral", p) == LT_OK;
	bool ident_ok = !ij || json_is_null(ij) ||
			lt_json_check(ij, identification, LT_ARRAY_LEN(identification),
				      "identification", p) == LT_OK;
	d->ref = lt_json_str(doc, "ref");
	if (d->ref && !*d->ref)
		lt_problem_field(p, "ref", "must not be empty");

	if (person_ok) {
		d->given = lt_json_str(pj, "given_name");
		d->family = lt_json_str(pj, "family_name");
		d->sex = lt_json_str(pj, "sex");
		d->birth_date = lt_json_str(pj, "birth_date");
		d->birth_year = json_integer_value(json_object_get(pj, "birth_year"));
		d->age_uncertain = json_truthy(pj, "age_uncertain");
		if (!lt_vocab_has(LT_VOCAB_SEX, d->sex))
			lt_problem_field(p, "person.sex", "must be one of: %s", lt_vocab_hint(LT_VOCAB_SEX));
		bool date_ok = lt_case_check_date(p, "person.birth_date", d->birth_date, false, NULL, NULL);
		int64_t this_year = lt_latest_year();
		if (json_object_get(pj, "birth_year") && !json_is_null(json_object_get(pj, "birth_year")) &&
		    (d->birth_year < 1900 || d->birth_year > this_year))
			lt_problem_field(p, "person.birth_year", "must be between 1900 and %lld",
					 (long long)this_year);
		else if (date_ok && d->birth_date && d->birth_year) {
			int64_t from_date = lt_date_year(d->birth_date);
			if (from_date != d->birth_year)
				lt_problem_field(p, "person.birth_year",
						 "does not match person.birth_date (%lld)",
						 (long long)from_date);
		}
		if (date_ok && d->birth_date && !d->birth_year)
			d->birth_year = lt_date_year(d->birth_date);
		/* Whether the person is a child decides who identifies them and
		 * what protection applies, so an age is never left out by
		 * accident: an estimate flagged uncertain is better than none, and
		 * an age nobody knows is said so (age_uncertain true alone), which
		 * counts as a possible child until assessed. */
		if (!d->birth_date && !json_is_integer(json_object_get(pj, "birth_year")) &&
		    !d->age_uncertain)
			lt_problem_field(p, "person.birth_year",
					 "is required when person.birth_date is not given (an "
					 "estimated year with age_uncertain true will do; if nothing "
					 "is known of the age, age_uncertain true alone)");
		check_codes(p, json_object_get(pj, "citizenship"), "person.citizenship",
			    LT_VOCAB_COUNTRY, d->citizenship, &d->ncit);
	}
	if (referral_ok) {
		d->referral_date = lt_json_str(rj, "date");
		d->source = lt_json_str(rj, "source");
		d->referring_org = lt_json_str(rj, "organisation");
		d->consent = json_truthy(rj, "consent");
		d->consent_date = lt_json_str(rj, "consent_date");
		lt_case_check_date(p, "referral.date", d->referral_date, true,
				   d->birth_date && lt_date_valid(d->birth_date) ? d->birth_date : NULL,
				   "birth date");
		if (!lt_vocab_has(LT_VOCAB_REFERRAL_SOURCE, d->source))
			lt_problem_field(p, "referral.source", "must be one of: %s",
					 lt_vocab_hint(LT_VOCAB_REFERRAL_SOURCE));
		lt_case_check_date(p, "referral.consent_date", d->consent_date, false, NULL, NULL);
		if (d->consent_date && !d->consent)
			lt_problem_field(p, "referral.consent_date", "is given but referral.consent is not true");
		if (d->consent && !d->consent_date)
			d->consent_date = d->referral_date;
		/* A birth date after the referral is refused above; a birth year
		 * after the referral year is the same mistake, and would give an
		 * age counted from the wrong side. */
		int64_t referral_year = lt_date_valid(d->referral_date) ? lt_date_year(d->referral_date) : 0;
		if (person_ok && !d->birth_date && d->birth_year >= 1900 &&
		    d->birth_year <= lt_latest_year() && referral_year &&
		    d->birth_year > referral_year)
			lt_problem_field(p, "person.birth_year",
					 "cannot be after the referral year (%lld)", (long long)referral_year);
	}
	check_codes(p, json_object_get(doc, "exploitation"), "exploitation", LT_VOCAB_EXPLOITATION,
		    d->forms, &d->nforms);
	check_codes(p, json_object_get(doc, "countries_of_exploitation"), "countries_of_exploitation",
		    LT_VOCAB_COUNTRY, d->countries, &d->ncountries);
	d->id_outcome = "pending";
	if (ij && !json_is_null(ij) && ident_ok) {
		d->id_outcome = lt_json_str(ij, "outcome");
		d->id_date = lt_json_str(ij, "date");
		d->id_body = lt_json_str(ij, "body");
		d->id_reasons = lt_json_str(ij, "reasons");
		bool decided = !strcmp(d->id_outcome, "identified") || !strcmp(d->id_outcome, "not_identified");
		if (!decided && strcmp(d->id_outcome, "pending"))
			lt_problem_field(p, "identification.outcome",
					 "must be one of: identified, not_identified, pending");
		else if (decided)
			lt_case_check_date(p, "identification.date", d->id_date, true,
					   referral_ok ? d->referral_date : NULL, "referral date");
		else if (d->id_date || d->id_body || d->id_reasons)
			lt_problem_field(p, "identification.outcome",
					 "is pending, so date, body and reasons must be left out");
	}
	return p->nfields ? LT_ERR_INVALID : LT_OK;
}
