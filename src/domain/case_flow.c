#include "domain/case_flow.h"
#include "base/timeutil.h"

static const char *const status_names[] = {
	[LT_CASE_REFERRED] = "referred",
	[LT_CASE_UNDER_ASSESSMENT] = "under_assessment",
	[LT_CASE_IDENTIFIED] = "identified",
	[LT_CASE_NOT_IDENTIFIED] = "not_identified",
	[LT_CASE_CLOSED] = "closed",
};

static const char *const action_names[] = {
	[LT_CASE_ACT_REASONABLE_GROUNDS] = "reasonable_grounds",
	[LT_CASE_ACT_IDENTIFY] = "identify",
	[LT_CASE_ACT_REVIEW] = "review",
	[LT_CASE_ACT_CLOSE] = "close",
	[LT_CASE_ACT_REOPEN] = "reopen",
};

const char *lt_case_status_name(enum lt_case_status status)
{
	return (size_t)status < LT_ARRAY_LEN(status_names) ? status_names[status] : "invalid";
}

enum lt_case_status lt_case_status_parse(const char *name)
{
	for (size_t i = 0; i < LT_ARRAY_LEN(status_names); i++)
		if (strcmp(status_names[i], name) == 0)
			return (enum lt_case_status)i;
	return LT_CASE_STATUS_INVALID;
}

static const char *const stage_names[] = {
	[LT_CASE_STAGE_REASONABLE_GROUNDS] = "reasonable_grounds",
	[LT_CASE_STAGE_CONCLUSIVE] = "conclusive",
	[LT_CASE_STAGE_REVIEW] = "review",
};

enum lt_case_stage lt_case_stage_parse(const char *name)
{
	for (size_t i = 1; name && i < LT_ARRAY_LEN(stage_names); i++)
		if (strcmp(stage_names[i], name) == 0)
			return (enum lt_case_stage)i;
	return LT_CASE_STAGE_NONE;
}

const char *lt_case_action_name(enum lt_case_action action)
{
	return (size_t)action < LT_ARRAY_LEN(action_names) ? action_names[action] : "invalid";
}

enum lt_case_action lt_case_action_parse(const char *name)
{
	for (size_t i = 0; i < LT_ARRAY_LEN(action_names); i++)
		if (strcmp(action_names[i], name) == 0)
			return (enum lt_case_action)i;
	return LT_CASE_ACT_INVALID;
}

const char *lt_case_action_outcomes(enum lt_case_action action)
{
	switch (action) {
	case LT_CASE_ACT_REASONABLE_GROUNDS: return "positive, negative";
	case LT_CASE_ACT_IDENTIFY: return "identified, not_identified";
	case LT_CASE_ACT_REVIEW: return "upheld, overturned";
	default: return "";
	}
}

static bool is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

lt_err lt_case_flow_next(enum lt_case_status from, enum lt_case_action action, const char *outcome,
			 enum lt_case_status before_close, enum lt_case_stage reviewed,
			 enum lt_case_status *to, char *why, size_t why_cap)
{
	const char *from_name = lt_case_status_name(from);
	switch (action) {
	case LT_CASE_ACT_REASONABLE_GROUNDS:
		if (!is(outcome, "positive") && !is(outcome, "negative"))
			return LT_ERR_INVALID;
		if (from != LT_CASE_REFERRED) {
			snprintf(why, why_cap,
				 "Reasonable grounds are decided once, on a referred case; this case is %s.",
				 from_name);
			return LT_ERR_CONFLICT;
		}
		*to = is(outcome, "positive") ? LT_CASE_UNDER_ASSESSMENT : LT_CASE_NOT_IDENTIFIED;
		return LT_OK;
	case LT_CASE_ACT_IDENTIFY:
		if (!is(outcome, "identified") && !is(outcome, "not_identified"))
			return LT_ERR_INVALID;
		/* A conclusive decision may come at once after referral, as when a
		 * panel assesses within a day; it then stands for both stages. */
		if (from != LT_CASE_UNDER_ASSESSMENT && from != LT_CASE_REFERRED) {
			snprintf(why, why_cap,
				 "Only a referred case or one under assessment can be identified; this "
				 "case is %s.%s",
				 from_name,
				 from == LT_CASE_NOT_IDENTIFIED ? " Record a review of the negative "
								  "decision instead."
								: "");
			return LT_ERR_CONFLICT;
		}
		*to = is(outcome, "identified") ? LT_CASE_IDENTIFIED : LT_CASE_NOT_IDENTIFIED;
		return LT_OK;
	case LT_CASE_ACT_REVIEW:
		if (!is(outcome, "upheld") && !is(outcome, "overturned"))
			return LT_ERR_INVALID;
		if (from != LT_CASE_NOT_IDENTIFIED) {
			snprintf(why, why_cap,
				 "Only a negative decision can be reviewed; this case is %s.", from_name);
			return LT_ERR_CONFLICT;
		}
		if (is(outcome, "upheld"))
			*to = LT_CASE_NOT_IDENTIFIED;
		else if (reviewed == LT_CASE_STAGE_REASONABLE_GROUNDS)
			/* Reasonable grounds found on review open the assessment;
			 * whether the person is a victim is still to be decided. */
			*to = LT_CASE_UNDER_ASSESSMENT;
		else
			*to = LT_CASE_IDENTIFIED;
		return LT_OK;
	case LT_CASE_ACT_CLOSE:
		if (outcome)
			return LT_ERR_INVALID;
		if (from == LT_CASE_CLOSED) {
			snprintf(why, why_cap, "The case is already closed.");
			return LT_ERR_CONFLICT;
		}
		*to = LT_CASE_CLOSED;
		return LT_OK;
	case LT_CASE_ACT_REOPEN:
		if (outcome)
			return LT_ERR_INVALID;
		if (from != LT_CASE_CLOSED) {
			snprintf(why, why_cap, "Only a closed case can be reopened; this case is %s.",
				 from_name);
			return LT_ERR_CONFLICT;
		}
		*to = before_close < LT_CASE_CLOSED ? before_close : LT_CASE_REFERRED;
		return LT_OK;
	case LT_CASE_ACT_INVALID:
		break;
	}
	return LT_ERR_INVALID;
}

bool lt_case_presumed_child(int is_child, bool age_uncertain, const char *assessment)
{
	/* A case stored without any age and without the flag reads as an
	 * unknown age too (docs/cases.md). */
	if (age_uncertain || is_child < 0)
		return !is(assessment, "adult");
	return is_child == 1;
}

bool lt_date_valid(const char *text)
{
	int64_t t;
	return text && strlen(text) == 10 && lt_time_parse(text, &t) == LT_OK;
}

bool lt_date_check(struct lt_problem *p, const char *field, const char *value, bool required,
		   const char *latest, bool allow_future, const char *not_before,
		   const char *not_before_name)
{
	if (!value) {
		if (required)
			lt_problem_field(p, field, "is required");
		return !required;
	}
	if (!lt_date_valid(value)) {
		lt_problem_field(p, field, "must be a real date written YYYY-MM-DD");
		return false;
	}
	if (!allow_future && latest && strcmp(value, latest) > 0) {
		lt_problem_field(p, field, "cannot be in the future");
		return false;
	}
	if (strcmp(value, "1900-01-01") < 0) {
		lt_problem_field(p, field, "must be 1900-01-01 or later");
		return false;
	}
	if (not_before && lt_date_valid(not_before) && strcmp(value, not_before) < 0) {
		lt_problem_field(p, field, "cannot be before the %s (%s)",
				 not_before_name ? not_before_name : "earlier date", not_before);
		return false;
	}
	return true;
}

int64_t lt_date_diff_days(const char *a, const char *b)
{
	int64_t ta, tb;
	if (lt_time_parse(a, &ta) || lt_time_parse(b, &tb))
		return 0;
	return (tb - ta) / 86400;
}

void lt_date_add_days(const char *date, int days, char out[11])
{
	int64_t t;
	if (lt_time_parse(date, &t)) {
		out[0] = '\0';
		return;
	}
	char iso[32];
	lt_time_iso(t + (int64_t)days * 86400, iso, sizeof(iso));
	memcpy(out, iso, 10);
	out[10] = '\0';
}

static int field(const char *s, int off, int len)
{
	int v = 0;
	for (int i = 0; i < len; i++)
		v = v * 10 + (s[off + i] - '0');
	return v;
}

int lt_age_on(const char *birth, const char *on)
{
	if (!lt_date_valid(birth) || !lt_date_valid(on))
		return -1;
	int by = field(birth, 0, 4), bm = field(birth, 5, 2), bd = field(birth, 8, 2);
	int oy = field(on, 0, 4), om = field(on, 5, 2), od = field(on, 8, 2);
	int age = oy - by;
	if (om < bm || (om == bm && od < bd))
		age--; /* the birthday has not come yet that year; 29 Feb counts from 1 Mar */
	return age < 0 ? -1 : age;
}

int lt_is_child(const char *birth_date, int64_t birth_year, const char *referral_date,
		int child_age, int *age)
{
	*age = -1;
	if (birth_date && *birth_date) {
		*age = lt_age_on(birth_date, referral_date);
		return *age < 0 ? -1 : *age < child_age;
	}
	if (birth_year > 0 && lt_date_valid(referral_date)) {
		int years = field(referral_date, 0, 4) - (int)birth_year;
		if (years < 0)
			return -1;
		*age = years;
		return years < child_age;
	}
	return -1;
}
