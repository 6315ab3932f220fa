/* The compliance rules of shared/reference/standards.md over one case's
 * facts (and the register-wide one over a period's figures). Each rule reads
 * only codes, dates and numbers and writes messages without names; the
 * readings of each rule (which dates count, where a boundary falls) are in
 * docs/compliance.md and must stay in step with this file. Dates are
 * YYYY-MM-DD and compare as text. */
#include "domain/compliance.h"
#include "base/str.h"
#include "domain/calendar.h"
#include "domain/case_flow.h"
#include <stdarg.h>

/* --- small helpers --- */

static bool has_date(const char *d)
{
	return d && d[0] && lt_date_valid(d);
}

static bool eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* A JSON string value for a detail object: the codes come from checked
 * lists, but a quote or backslash must still not break the object. */
static void js(char *out, size_t cap, const char *s)
{
	size_t n = 0;
	for (; *s && n + 2 < cap; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\' || c < 0x20)
			continue;
		out[n++] = (char)c;
	}
	out[n] = '\0';
}

/* A code in words for a message: "reasonable_grounds" -> "reasonable grounds". */
static void words(char *out, size_t cap, const char *code)
{
	lt_str_copy(out, cap, code);
	for (char *c = out; *c; c++)
		if (*c == '_')
			*c = ' ';
}

struct run {
	const struct lt_compliance_config *config;
	const struct lt_jurisdiction *j;
	const struct lt_case_facts *f;
	const char *today;
	struct lt_findings *out;
};

static void add(struct lt_findings *out, const struct lt_rule_config *rule, const char *subject,
		const char *detail, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add(struct lt_findings *out, const struct lt_rule_config *rule, const char *subject,
		const char *detail, const char *fmt, ...)
{
	if (out->n >= (int)LT_ARRAY_LEN(out->items)) {
		out->truncated = true;
		return;
	}
	struct lt_finding *x = &out->items[out->n++];
	memset(x, 0, sizeof(*x));
	x->rule = rule;
	lt_str_copy(x->subject, sizeof(x->subject), subject ? subject : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->message, sizeof(x->message), fmt, ap);
	va_end(ap);
	/* A detail that did not fit would be broken JSON: keep an empty object. */
	if (!lt_str_copy(x->detail, sizeof(x->detail), detail && detail[0] ? detail : "{}"))
		lt_str_copy(x->detail, sizeof(x->detail), "{}");
}

static void detailf(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void detailf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap)
		lt_str_copy(out, cap, "{}");
}

static void subjectf(char *out, size_t cap, const char *kind, int64_t id)
{
	snprintf(out, cap, "%s:%lld", kind, (long long)id);
}

static int child_age(const struct lt_jurisdiction *j)
{
	return j && j->child_age > 0 ? j->child_age : 18;
}

static enum lt_offence_class offence_class(const struct lt_jurisdiction *j, const char *article)
{
	if (!j || !article || !article[0])
		return LT_OFFENCE_OTHER;
	return lt_jurisdiction_offence_class(j, article);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* DATE plus MONTHS calendar months (the day cut to the month's last). */
static void add_months(const char *date, int months, char out[11])
{
	/* DATE is valid YYYY-MM-DD: read the digits directly. */
	int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
	int m = (date[5] - '0') * 10 + (date[6] - '0');
	int d = (date[8] - '0') * 10 + (date[9] - '0');
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last = mdays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
	if (d > last)
		d = last;
	snprintf(out, 11, "%04d-%02d-%02d", (y % 10000 + 10000) % 10000, (m % 100 + 100) % 100,
		 (d % 100 + 100) % 100);
}

/* The person counts as a child for the child rules: recorded so, or an age
 * assessment found so. */
static bool is_child(const struct lt_case_facts *f)
{
	if (f->is_child == 1)
		return true;
	for (int i = 0; i < f->n_age_assessments; i++)
		if (eq(f->age_assessments[i].result, "child"))
			return true;
	return false;
}

static bool service_delivered(const struct lt_fact_service *s)
{
	return eq(s->status, "active") || eq(s->status, "completed");
}

/* The date of the first conclusive decision, "" when none. */
static const char *conclusive_date(const struct lt_case_facts *f)
{
	const char *best = "";
	for (int i = 0; i < f->n_decisions; i++) {
		const struct lt_fact_decision *d = &f->decisions[i];
		if (eq(d->stage, "conclusive") && has_date(d->date) &&
		    (!best[0] || strcmp(d->date, best) < 0))
			best = d->date;
	}
	if (!best[0] && f->identification[0] && !eq(f->identification, "pending") &&
	    has_date(f->identification_date))
		best = f->identification_date;
	return best;
}

/* When a reflection period began: its start, else its decision. */
static const char *reflection_start(const struct lt_fact_reflection *r)
{
	return has_date(r->start_date) ? r->start_date : r->decision_date;
}

/* --- the case rules --- */

static void rule_assistance_conditional(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	int days = lt_rule_threshold(rule, "days", 7);
	for (int i = 0; i < f->n_services; i++) {
		const struct lt_fact_service *s = &f->services[i];
		if (!eq(s->status, "stopped") && !eq(s->status, "refused"))
			continue;
		char subject[48], detail[256], type[40];
		subjectf(subject, sizeof(subject), "service", s->id);
		js(type, sizeof(type), s->type);
		if (eq(s->stop_reason, "cooperation_declined")) {
			detailf(detail, sizeof(detail),
				"{\"service\":\"%s\",\"status\":\"%s\",\"stop_reason\":"
				"\"cooperation_declined\",\"end_date\":\"%s\"}",
				type, s->status, has_date(s->end_date) ? s->end_date : "");
			add(r->out, rule, subject, detail,
			    "The %s service was %s with the reason 'cooperation declined'%s%s: "
			    "assistance may not depend on cooperation with the authorities.",
			    type, s->status, has_date(s->end_date) ? " on " : "",
			    has_date(s->end_date) ? s->end_date : "");
			continue;
		}
		if (!has_date(f->cooperation_declined_date) || !has_date(s->end_date))
			continue;
		int64_t after = lt_date_diff_days(f->cooperation_declined_date, s->end_date);
		if (after < 0 || after > days)
			continue;
		detailf(detail, sizeof(detail),
			"{\"service\":\"%s\",\"status\":\"%s\",\"end_date\":\"%s\","
			"\"cooperation_declined_date\":\"%s\",\"days_after\":%lld,\"days\":%d}",
			type, s->status, s->end_date, f->cooperation_declined_date, (long long)after,
			days);
		add(r->out, rule, subject, detail,
		    "The %s service was %s on %s, %lld day(s) after cooperation with the "
		    "authorities was declined on %s (within %d days).",
		    type, s->status, s->end_date, (long long)after, f->cooperation_declined_date,
		    days);
	}
}

static void rule_service_without_consent(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_services; i++) {
		const struct lt_fact_service *s = &f->services[i];
		if (!service_delivered(s) || has_date(s->consent_date))
			continue;
		char subject[48], detail[256], type[40];
		subjectf(subject, sizeof(subject), "service", s->id);
		js(type, sizeof(type), s->type);
		detailf(detail, sizeof(detail),
			"{\"service\":\"%s\",\"status\":\"%s\",\"start_date\":\"%s\"}", type,
			s->status, has_date(s->start_date) ? s->start_date : "");
		add(r->out, rule, subject, detail,
		    "The %s service (%s%s%s) has no informed consent recorded.", type, s->status,
		    has_date(s->start_date) ? ", started " : "",
		    has_date(s->start_date) ? s->start_date : "");
	}
}

static void rule_reflection_missing(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	if (!eq(f->reasonable_grounds, "positive") || !has_date(f->reasonable_grounds_date))
		return;
	int days = lt_rule_threshold(rule, "days", 7);
	char deadline[11];
	lt_date_add_days(f->reasonable_grounds_date, days, deadline);
	/* The first time a period was decided or started, whatever its outcome. */
	const char *first = "";
	for (int i = 0; i < f->n_reflections; i++) {
		const struct lt_fact_reflection *x = &f->reflections[i];
		const char *d = has_date(x->decision_date) ? x->decision_date : x->start_date;
		if (has_date(d) && (!first[0] || strcmp(d, first) < 0))
			first = d;
	}
	if (first[0] && strcmp(first, deadline) <= 0)
		return;
	char detail[256];
	if (first[0]) {
		int64_t late = lt_date_diff_days(f->reasonable_grounds_date, first);
		detailf(detail, sizeof(detail),
			"{\"reasonable_grounds_date\":\"%s\",\"deadline\":\"%s\",\"reflection_date\":"
			"\"%s\",\"days_after\":%lld,\"days\":%d}",
			f->reasonable_grounds_date, deadline, first, (long long)late, days);
		add(r->out, rule, "", detail,
		    "Reasonable grounds were decided on %s; the reflection period was only decided "
		    "on %s, %lld days later (limit %d days). A late decision is still a breach.",
		    f->reasonable_grounds_date, first, (long long)late, days);
		return;
	}
	if (strcmp(r->today, deadline) <= 0)
		return;
	detailf(detail, sizeof(detail),
		"{\"reasonable_grounds_date\":\"%s\",\"deadline\":\"%s\",\"days\":%d}",
		f->reasonable_grounds_date, deadline, days);
	add(r->out, rule, "", detail,
	    "Reasonable grounds were decided on %s; no reflection period was recorded by %s.",
	    f->reasonable_grounds_date, deadline);
}

static void rule_reflection_short(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	int threshold = lt_rule_threshold(rule, "min_days", 30);
	for (int i = 0; i < f->n_reflections; i++) {
		const struct lt_fact_reflection *x = &f->reflections[i];
		if (!eq(x->status, "granted") && !eq(x->status, "ended"))
			continue;
		const char *start = reflection_start(x);
		if (!has_date(start))
			continue;
		int min = threshold > 0 ? threshold
			  : x->min_days > 0 ? x->min_days
			  : r->j && r->j->reflection_min_days > 0 ? r->j->reflection_min_days
								   : 30;
		char subject[48], detail[256], grounds[32];
		subjectf(subject, sizeof(subject), "reflection", x->id);
		js(grounds, sizeof(grounds), x->grounds);
		if (has_date(x->planned_end_date)) {
			int64_t planned = lt_date_diff_days(start, x->planned_end_date);
			if (planned < min) {
				detailf(detail, sizeof(detail),
					"{\"start_date\":\"%s\",\"planned_end_date\":\"%s\","
					"\"planned_days\":%lld,\"min_days\":%d}",
					start, x->planned_end_date, (long long)planned, min);
				add(r->out, rule, subject, detail,
				    "The reflection period from %s was planned to end on %s, after %lld "
				    "days; the minimum is %d days.",
				    start, x->planned_end_date, (long long)planned, min);
				continue;
			}
		}
		if (!has_date(x->actual_end_date))
			continue;
		int64_t lasted = lt_date_diff_days(start, x->actual_end_date);
		if (lasted >= min || (grounds[0] && lt_rule_list_has(rule, "allowed_end_grounds", grounds)))
			continue;
		detailf(detail, sizeof(detail),
			"{\"start_date\":\"%s\",\"actual_end_date\":\"%s\",\"days\":%lld,"
			"\"min_days\":%d,\"grounds\":\"%s\"}",
			start, x->actual_end_date, (long long)lasted, min, grounds);
		add(r->out, rule, subject, detail,
		    "The reflection period from %s ended on %s, after %lld days (minimum %d), %s%s%s.",
		    start, x->actual_end_date, (long long)lasted, min,
		    grounds[0] ? "on the ground '" : "without a recorded ground",
		    grounds[0] ? grounds : "", grounds[0] ? "', which does not allow ending it early" : "");
	}
}

static void rule_removal(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	bool rg = eq(f->reasonable_grounds, "positive") && has_date(f->reasonable_grounds_date);
	const char *conclusive = conclusive_date(f);
	for (int i = 0; i < f->n_removals; i++) {
		const struct lt_fact_removal *m = &f->removals[i];
		if (!has_date(m->date))
			continue;
		char subject[48], detail[256], kind[24];
		subjectf(subject, sizeof(subject), "removal", m->id);
		js(kind, sizeof(kind), m->kind);
		if (rg && strcmp(m->date, f->reasonable_grounds_date) >= 0 &&
		    (!conclusive[0] || strcmp(m->date, conclusive) < 0)) {
			detailf(detail, sizeof(detail),
				"{\"kind\":\"%s\",\"date\":\"%s\",\"reasonable_grounds_date\":\"%s\","
				"\"conclusive_date\":\"%s\"}",
				kind, m->date, f->reasonable_grounds_date, conclusive);
			if (conclusive[0])
				add(r->out, rule, subject, detail,
				    "A removal (%s) was recorded on %s, after reasonable grounds (%s) and "
				    "before the conclusive decision (%s).",
				    kind, m->date, f->reasonable_grounds_date, conclusive);
			else
				add(r->out, rule, subject, detail,
				    "A removal (%s) was recorded on %s, after reasonable grounds (%s), "
				    "while no conclusive decision has been made.",
				    kind, m->date, f->reasonable_grounds_date);
			continue;
		}
		/* Inside a granted period: from its start through its end date. */
		for (int k = 0; k < f->n_reflections; k++) {
			const struct lt_fact_reflection *x = &f->reflections[k];
			if (!eq(x->status, "granted") && !eq(x->status, "ended"))
				continue;
			const char *start = reflection_start(x);
			const char *end = has_date(x->actual_end_date) ? x->actual_end_date
					  : has_date(x->planned_end_date) ? x->planned_end_date
									  : "";
			if (!has_date(start) || strcmp(m->date, start) < 0 ||
			    (end[0] && strcmp(m->date, end) > 0))
				continue;
			detailf(detail, sizeof(detail),
				"{\"kind\":\"%s\",\"date\":\"%s\",\"reflection_id\":%lld,"
				"\"reflection_start\":\"%s\",\"reflection_end\":\"%s\"}",
				kind, m->date, (long long)x->id, start, end);
			add(r->out, rule, subject, detail,
			    "A removal (%s) was recorded on %s, during the reflection period that "
			    "began on %s%s%s.",
			    kind, m->date, start, end[0] ? " and runs to " : "", end);
			break;
		}
	}
}

static void rule_identification_overdue(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	if (eq(f->status, "closed") || !has_date(f->referral_date))
		return;
	int cdays = lt_rule_threshold(rule, "conclusive_days", 30);
	int wdays = lt_rule_threshold(rule, "reasonable_grounds_working_days", 5);
	/* 0 takes the jurisdiction's own deadline. */
	if (cdays == 0)
		cdays = r->j && r->j->conclusive_deadline_days > 0 ? r->j->conclusive_deadline_days
								    : 30;
	if (wdays == 0)
		wdays = r->j && r->j->reasonable_grounds_deadline_working_days > 0
			    ? r->j->reasonable_grounds_deadline_working_days
			    : 5;
	char detail[256];
	int64_t since = lt_date_diff_days(f->referral_date, r->today);
	bool rg_pending = !eq(f->reasonable_grounds, "positive") &&
			  !eq(f->reasonable_grounds, "negative");
	if (rg_pending) {
		/* Working days after the referral day up to today: Monday to
		 * Friday less the profile's public holidays (domain/calendar.h). */
		int64_t skipped = 0;
		int64_t wd = lt_calendar_working_days_between(r->j, f->referral_date, r->today,
							      &skipped);
		if (wd > wdays) {
			detailf(detail, sizeof(detail),
				"{\"referral_date\":\"%s\",\"working_days\":%lld,\"limit\":%d,"
				"\"holidays_skipped\":%lld}",
				f->referral_date, (long long)wd, wdays, (long long)skipped);
			char holidays[80] = "";
			if (skipped > 0)
				snprintf(holidays, sizeof(holidays),
					 "; %lld public holiday%s not counted", (long long)skipped,
					 skipped == 1 ? "" : "s");
			add(r->out, rule, "reasonable_grounds", detail,
			    "The case was referred on %s; reasonable grounds are still pending after "
			    "%lld working days (limit %d%s).",
			    f->referral_date, (long long)wd, wdays, holidays);
		}
	}
	/* A negative reasonable-grounds decision ends identification: no
	 * conclusive decision follows it. */
	if (eq(f->reasonable_grounds, "negative") || conclusive_date(f)[0])
		return;
	if (since > cdays) {
		detailf(detail, sizeof(detail),
			"{\"referral_date\":\"%s\",\"days\":%lld,\"limit\":%d}", f->referral_date,
			(long long)since, cdays);
		add(r->out, rule, "conclusive", detail,
		    "The case was referred on %s; there is no conclusive decision after %lld days "
		    "(limit %d).",
		    f->referral_date, (long long)since, cdays);
	}
}

static void rule_without_reasons(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_decisions; i++) {
		const struct lt_fact_decision *d = &f->decisions[i];
		if (d->has_reasons)
			continue;
		char subject[48], detail[256], stage[24], outcome[20];
		subjectf(subject, sizeof(subject), "decision", d->id);
		js(stage, sizeof(stage), d->stage);
		js(outcome, sizeof(outcome), d->outcome);
		char stage_words[24];
		words(stage_words, sizeof(stage_words), stage);
		detailf(detail, sizeof(detail),
			"{\"stage\":\"%s\",\"outcome\":\"%s\",\"date\":\"%s\"}", stage, outcome,
			has_date(d->date) ? d->date : "");
		add(r->out, rule, subject, detail,
		    "The %s decision (%s) of %s has no written reasons recorded.", stage_words, outcome,
		    has_date(d->date) ? d->date : "an unrecorded date");
	}
}

/* An assessment that found the person adult on or before DATE. */
static bool assessed_adult_by(const struct lt_case_facts *f, const char *date)
{
	for (int i = 0; i < f->n_age_assessments; i++) {
		const struct lt_fact_age_assessment *a = &f->age_assessments[i];
		if (eq(a->result, "adult") && has_date(a->date) && strcmp(a->date, date) <= 0)
			return true;
	}
	return false;
}

static void rule_age_uncertain(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	if (!f->age_uncertain)
		return;
	int margin = lt_rule_threshold(rule, "margin_years", 3);
	int limit = child_age(r->j) + margin;
	if (f->age_at_referral >= 0 && f->age_at_referral >= limit)
		return;
	char subject[48], detail[256], age[16];
	if (f->age_at_referral >= 0)
		snprintf(age, sizeof(age), "%d", f->age_at_referral);
	else
		lt_str_copy(age, sizeof(age), "null");
	for (int i = 0; i < f->n_placements; i++) {
		const struct lt_fact_placement *pl = &f->placements[i];
		if ((!eq(pl->place, "women") && !eq(pl->place, "men")) || !has_date(pl->start_date) ||
		    assessed_adult_by(f, pl->start_date))
			continue;
		subjectf(subject, sizeof(subject), "placement", pl->id);
		detailf(detail, sizeof(detail),
			"{\"place\":\"%s\",\"start_date\":\"%s\",\"age_at_referral\":%s}",
			pl->place, pl->start_date, age);
		add(r->out, rule, subject, detail,
		    "The person's age is uncertain and may be under %d, yet on %s they were placed "
		    "in %s's accommodation without an age assessment finding them adult.",
		    child_age(r->j), pl->start_date, pl->place);
	}
	if (!r->j || !r->j->adult_body[0])
		return;
	for (int i = 0; i < f->n_decisions; i++) {
		const struct lt_fact_decision *d = &f->decisions[i];
		if (!eq(d->body, r->j->adult_body) || !has_date(d->date) ||
		    assessed_adult_by(f, d->date))
			continue;
		char stage[24], stage_words[24];
		js(stage, sizeof(stage), d->stage);
		words(stage_words, sizeof(stage_words), stage);
		subjectf(subject, sizeof(subject), "decision", d->id);
		detailf(detail, sizeof(detail),
			"{\"stage\":\"%s\",\"date\":\"%s\",\"body\":\"adult\",\"age_at_referral\":%s}",
			stage, d->date, age);
		add(r->out, rule, subject, detail,
		    "The person's age is uncertain and may be under %d, yet the %s decision of %s "
		    "was taken by the body for adults without an age assessment finding them adult.",
		    child_age(r->j), stage_words, d->date);
	}
}

static void rule_child_without_guardian(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	if (!is_child(f) || f->unaccompanied != 1 || !has_date(f->referral_date))
		return;
	int days = lt_rule_threshold(rule, "days", 3);
	char deadline[11];
	lt_date_add_days(f->referral_date, days, deadline);
	const char *first = "";
	for (int i = 0; i < f->n_services; i++) {
		const struct lt_fact_service *s = &f->services[i];
		if (!eq(s->type, "guardian") || !has_date(s->start_date) ||
		    (!service_delivered(s) && !eq(s->status, "stopped")))
			continue;
		if (!first[0] || strcmp(s->start_date, first) < 0)
			first = s->start_date;
	}
	if (first[0] && strcmp(first, deadline) <= 0)
		return;
	char detail[256];
	if (first[0]) {
		detailf(detail, sizeof(detail),
			"{\"referral_date\":\"%s\",\"deadline\":\"%s\",\"guardian_date\":\"%s\","
			"\"days\":%d}",
			f->referral_date, deadline, first, days);
		add(r->out, rule, "", detail,
		    "The unaccompanied child was referred on %s; a guardian was only appointed on "
		    "%s, after the %d-day limit (%s). A late appointment is still a breach.",
		    f->referral_date, first, days, deadline);
		return;
	}
	if (strcmp(r->today, deadline) <= 0)
		return;
	detailf(detail, sizeof(detail), "{\"referral_date\":\"%s\",\"deadline\":\"%s\",\"days\":%d}",
		f->referral_date, deadline, days);
	add(r->out, rule, "", detail,
	    "The unaccompanied child was referred on %s; no guardian was appointed by %s.",
	    f->referral_date, deadline);
}

static void rule_child_education(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	if (!is_child(f))
		return;
	int days = lt_rule_threshold(rule, "days", 30);
	const char *first = "", *last = "";
	bool ongoing = false;
	for (int i = 0; i < f->n_services; i++) {
		const struct lt_fact_service *s = &f->services[i];
		if (!service_delivered(s))
			continue;
		if (eq(s->type, "education"))
			return;
		if (has_date(s->start_date) && (!first[0] || strcmp(s->start_date, first) < 0))
			first = s->start_date;
		if (eq(s->status, "active") || !has_date(s->end_date))
			ongoing = true;
		else if (!last[0] || strcmp(s->end_date, last) > 0)
			last = s->end_date;
	}
	if (!first[0])
		return;
	const char *until = ongoing || !last[0] ? r->today : last;
	int64_t assisted = lt_date_diff_days(first, until);
	if (assisted <= days)
		return;
	char detail[256];
	detailf(detail, sizeof(detail),
		"{\"assisted_from\":\"%s\",\"assisted_until\":\"%s\",\"days_assisted\":%lld,"
		"\"days\":%d}",
		first, until, (long long)assisted, days);
	add(r->out, rule, "", detail,
	    "The child has been assisted since %s (%lld days to %s) with no education service "
	    "recorded (limit %d days).",
	    first, (long long)assisted, until, days);
}

static void rule_victim_penalised(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_victim_proceedings; i++) {
		const struct lt_fact_victim_proceeding *v = &f->victim_proceedings[i];
		bool linked = v->during_exploitation == 1 ||
			      lt_rule_list_has(rule, "linked_offences", v->offence);
		if (!linked)
			continue;
		bool penalty = eq(v->outcome, "penalty");
		bool pending = eq(v->outcome, "pending") && !v->non_punishment_assessed;
		if (!penalty && !pending)
			continue;
		char subject[48], detail[256], kind[24], offence[32], pen[16];
		subjectf(subject, sizeof(subject), "victim_proceeding", v->id);
		js(kind, sizeof(kind), v->kind);
		js(offence, sizeof(offence), v->offence);
		js(pen, sizeof(pen), v->penalty);
		detailf(detail, sizeof(detail),
			"{\"kind\":\"%s\",\"offence\":\"%s\",\"offence_date\":\"%s\","
			"\"during_exploitation\":%d,\"outcome\":\"%s\",\"penalty\":\"%s\","
			"\"non_punishment_assessed\":%s}",
			kind, offence, has_date(v->offence_date) ? v->offence_date : "",
			v->during_exploitation, penalty ? "penalty" : "pending", pen,
			v->non_punishment_assessed ? "true" : "false");
		const char *why = v->during_exploitation == 1 ? "committed during the exploitation"
							      : "of a kind linked to exploitation";
		if (penalty)
			add(r->out, rule, subject, detail,
			    "A %s proceeding against the victim for the offence '%s' (%s) ended in a "
			    "penalty%s%s.",
			    kind, offence, why, pen[0] ? ": " : "", pen);
		else
			add(r->out, rule, subject, detail,
			    "A %s proceeding against the victim for the offence '%s' (%s) is pending "
			    "with no non-punishment assessment recorded.",
			    kind, offence, why);
	}
}

/* The article a proceeding is about now: the latest charge's. */
static const struct lt_fact_charge *last_charge(const struct lt_fact_proceeding *pr)
{
	return pr->n_charges > 0 ? &pr->charges[pr->n_charges - 1] : NULL;
}

static void rule_no_specialised_prosecutor(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_proceedings; i++) {
		const struct lt_fact_proceeding *pr = &f->proceedings[i];
		if (pr->prosecutor_specialised)
			continue;
		const char *article = "";
		for (int k = 0; k < pr->n_charges && !article[0]; k++)
			if (offence_class(r->j, pr->charges[k].article) == LT_OFFENCE_TRAFFICKING)
				article = pr->charges[k].article;
		bool screened = eq(f->screening_outcome, "trafficking");
		if (!article[0] && !screened)
			continue;
		char subject[48], detail[256], art[20];
		subjectf(subject, sizeof(subject), "proceeding", pr->id);
		js(art, sizeof(art), article);
		detailf(detail, sizeof(detail),
			"{\"opened_date\":\"%s\",\"trafficking_article\":\"%s\","
			"\"screening_outcome\":\"%s\"}",
			has_date(pr->opened_date) ? pr->opened_date : "", art,
			screened ? "trafficking" : "");
		if (art[0])
			add(r->out, rule, subject, detail,
			    "The proceeding opened on %s charges trafficking (article %s) but is not "
			    "with a specialised trafficking prosecutor.",
			    has_date(pr->opened_date) ? pr->opened_date : "an unrecorded date", art);
		else
			add(r->out, rule, subject, detail,
			    "The case was screened as trafficking, yet the proceeding opened on %s is "
			    "not with a specialised trafficking prosecutor.",
			    has_date(pr->opened_date) ? pr->opened_date : "an unrecorded date");
	}
}

static void rule_charge_downgraded(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_proceedings; i++) {
		const struct lt_fact_proceeding *pr = &f->proceedings[i];
		const struct lt_fact_charge *from = NULL, *to = NULL;
		for (int k = 1; k < pr->n_charges; k++)
			if (offence_class(r->j, pr->charges[k - 1].article) == LT_OFFENCE_TRAFFICKING &&
			    offence_class(r->j, pr->charges[k].article) != LT_OFFENCE_TRAFFICKING) {
				from = &pr->charges[k - 1];
				to = &pr->charges[k];
			}
		char subject[48], detail[256], a[20], b[20];
		subjectf(subject, sizeof(subject), "proceeding", pr->id);
		if (from) {
			js(a, sizeof(a), from->article);
			js(b, sizeof(b), to->article);
			detailf(detail, sizeof(detail),
				"{\"from_article\":\"%s\",\"to_article\":\"%s\",\"date\":\"%s\","
				"\"stage\":\"%s\"}",
				a, b, has_date(to->date) ? to->date : "", to->stage);
			add(r->out, rule, subject, detail,
			    "The charge was changed from trafficking (article %s) to article %s on %s.",
			    a, b, has_date(to->date) ? to->date : "an unrecorded date");
			continue;
		}
		/* A conviction under a lesser article after a trafficking charge is
		 * the court requalifying the charge. */
		const struct lt_fact_charge *last = last_charge(pr);
		if (!last || !eq(pr->verdict, "conviction") || !pr->verdict_article[0] ||
		    offence_class(r->j, last->article) != LT_OFFENCE_TRAFFICKING ||
		    offence_class(r->j, pr->verdict_article) == LT_OFFENCE_TRAFFICKING)
			continue;
		js(a, sizeof(a), last->article);
		js(b, sizeof(b), pr->verdict_article);
		detailf(detail, sizeof(detail),
			"{\"from_article\":\"%s\",\"to_article\":\"%s\",\"date\":\"%s\","
			"\"stage\":\"verdict\"}",
			a, b, has_date(pr->verdict_date) ? pr->verdict_date : "");
		add(r->out, rule, subject, detail,
		    "The charge was trafficking (article %s), but the conviction of %s is under "
		    "article %s.",
		    a, has_date(pr->verdict_date) ? pr->verdict_date : "an unrecorded date", b);
	}
}

static void rule_plea_child(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	bool child = is_child(f);
	for (int i = 0; i < f->n_proceedings; i++) {
		const struct lt_fact_proceeding *pr = &f->proceedings[i];
		if (!pr->plea_agreement || (!child && !pr->any_child_victim))
			continue;
		char subject[48], detail[256];
		subjectf(subject, sizeof(subject), "proceeding", pr->id);
		detailf(detail, sizeof(detail),
			"{\"plea_date\":\"%s\",\"this_victim_child\":%s}",
			has_date(pr->plea_date) ? pr->plea_date : "", child ? "true" : "false");
		add(r->out, rule, subject, detail,
		    "A plea agreement was concluded on %s in a proceeding with %s.",
		    has_date(pr->plea_date) ? pr->plea_date : "an unrecorded date",
		    child ? "this child victim" : "a child victim");
	}
}

static void rule_lenient_sentence(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	int min_months = lt_rule_threshold(rule, "min_months", 36);
	for (int i = 0; i < f->n_proceedings; i++) {
		const struct lt_fact_proceeding *pr = &f->proceedings[i];
		if (!eq(pr->verdict, "conviction"))
			continue;
		const struct lt_fact_charge *last = last_charge(pr);
		const char *article = pr->verdict_article[0] ? pr->verdict_article
				      : last                 ? last->article
							     : "";
		const char *para = pr->verdict_article[0] ? pr->verdict_paragraph
				   : last                 ? last->paragraph
							  : "";
		if (offence_class(r->j, article) != LT_OFFENCE_TRAFFICKING)
			continue;
		char subject[48], detail[256], art[20], par[12];
		subjectf(subject, sizeof(subject), "proceeding", pr->id);
		js(art, sizeof(art), article);
		js(par, sizeof(par), para);
		const char *on = has_date(pr->offence_date) ? pr->offence_date : pr->opened_date;
		const struct lt_penalty *pen =
		    r->j && has_date(on) ? lt_jurisdiction_penalty(r->j, article, para, on) : NULL;
		int statutory = pen ? pen->min_months : -1;
		detailf(detail, sizeof(detail),
			"{\"article\":\"%s\",\"paragraph\":\"%s\",\"sentence_months\":%d,"
			"\"suspended\":%s,\"statutory_min_months\":%d,\"min_months\":%d}",
			art, par, pr->sentence_months, pr->sentence_suspended ? "true" : "false",
			statutory, min_months);
		const char *when = has_date(pr->verdict_date) ? pr->verdict_date : "an unrecorded date";
		if (pr->sentence_suspended) {
			add(r->out, rule, subject, detail,
			    "The conviction of %s for trafficking (article %s) carries a suspended "
			    "sentence.",
			    when, art);
		} else if (pr->sentence_months >= 0 && statutory >= 0 &&
			   pr->sentence_months < statutory) {
			add(r->out, rule, subject, detail,
			    "The conviction of %s for trafficking (article %s) carries %d months, below "
			    "the statutory minimum of %d months in force on %s.",
			    when, art, pr->sentence_months, statutory, on);
		} else if (pr->sentence_months >= 0 && pr->sentence_months < min_months) {
			add(r->out, rule, subject, detail,
			    "The conviction of %s for trafficking (article %s) carries %d months, under "
			    "%d months.",
			    when, art, pr->sentence_months, min_months);
		}
	}
}

static bool past_indictment(const struct lt_fact_proceeding *pr)
{
	static const char *const stages[] = {"indictment", "trial", "verdict", "appeal", "final"};
	if (has_date(pr->indictment_date))
		return true;
	for (size_t i = 0; i < LT_ARRAY_LEN(stages); i++)
		if (eq(pr->stage, stages[i]))
			return true;
	return false;
}

static void rule_compensation_not_claimed(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_proceedings; i++) {
		const struct lt_fact_proceeding *pr = &f->proceedings[i];
		if (!past_indictment(pr))
			continue;
		/* A claim in this proceeding, or one in no proceeding (civil, state
		 * fund), counts; one in another proceeding does not. */
		bool claimed = false;
		for (int k = 0; k < f->n_claims && !claimed; k++)
			claimed = f->claims[k].proceeding_id == pr->id || f->claims[k].proceeding_id == 0;
		if (claimed)
			continue;
		char subject[48], detail[256], stage[20];
		subjectf(subject, sizeof(subject), "proceeding", pr->id);
		js(stage, sizeof(stage), pr->stage);
		detailf(detail, sizeof(detail), "{\"stage\":\"%s\",\"indictment_date\":\"%s\"}", stage,
			has_date(pr->indictment_date) ? pr->indictment_date : "");
		if (has_date(pr->indictment_date))
			add(r->out, rule, subject, detail,
			    "The proceeding reached indictment on %s (now at %s) with no compensation "
			    "claim recorded for the victim.",
			    pr->indictment_date, stage);
		else
			add(r->out, rule, subject, detail,
			    "The proceeding is at %s with no compensation claim recorded for the victim.",
			    stage);
	}
}

static void rule_compensation_unpaid(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	int months = lt_rule_threshold(rule, "months", 6);
	for (int i = 0; i < f->n_claims; i++) {
		const struct lt_fact_claim *c = &f->claims[i];
		if (!eq(c->status, "awarded") || !has_date(c->award_date))
			continue;
		bool unpaid;
		if (c->amount_awarded >= 0)
			unpaid = c->amount_awarded > 0 && c->amount_paid < c->amount_awarded;
		else
			unpaid = c->amount_paid < 0 && !has_date(c->paid_date);
		if (!unpaid)
			continue;
		char due[11];
		add_months(c->award_date, months, due);
		if (strcmp(r->today, due) <= 0)
			continue;
		char subject[48], detail[256], forum[16];
		subjectf(subject, sizeof(subject), "claim", c->id);
		js(forum, sizeof(forum), c->forum);
		long long awarded = (long long)c->amount_awarded;
		long long paid = c->amount_paid < 0 ? 0 : (long long)c->amount_paid;
		detailf(detail, sizeof(detail),
			"{\"forum\":\"%s\",\"award_date\":\"%s\",\"amount_awarded\":%lld,"
			"\"amount_paid\":%lld,\"months\":%d}",
			forum, c->award_date, awarded, paid, months);
		if (c->amount_awarded >= 0)
			add(r->out, rule, subject, detail,
			    "Compensation of %lld was awarded (%s) on %s; more than %d months later, "
			    "%lld of it has been paid.",
			    awarded, forum, c->award_date, months, paid);
		else
			add(r->out, rule, subject, detail,
			    "Compensation was awarded (%s) on %s and no payment is recorded more than %d "
			    "months later.",
			    forum, c->award_date, months);
	}
}

static void rule_vulnerable_witness(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_proceedings; i++) {
		const struct lt_fact_proceeding *pr = &f->proceedings[i];
		for (int h = 0; h < pr->n_hearings; h++) {
			const struct lt_fact_hearing *hg = &pr->hearings[h];
			char missed[160] = "";
			size_t n = 0;
			bool shield = false;
			for (int k = 0; k < hg->n_measures; k++) {
				const struct lt_fact_measure *m = &hg->measures[k];
				if (!m->granted)
					continue;
				if (eq(m->measure, "no_confrontation") ||
				    eq(m->measure, "especially_vulnerable_witness"))
					shield = true;
				if (m->carried_out != 0)
					continue;
				char code[40];
				js(code, sizeof(code), m->measure);
				int w = snprintf(missed + n, sizeof(missed) - n, "%s%s", n ? ", " : "",
						 code);
				if (w > 0 && (size_t)w < sizeof(missed) - n)
					n += (size_t)w;
			}
			bool confronted = hg->confrontation == 1 && shield;
			if (!missed[0] && !confronted)
				continue;
			char subject[48], detail[256];
			subjectf(subject, sizeof(subject), "hearing", hg->id);
			detailf(detail, sizeof(detail),
				"{\"date\":\"%s\",\"not_carried_out\":\"%s\",\"confrontation\":%s}",
				has_date(hg->date) ? hg->date : "", missed,
				confronted ? "true" : "false");
			const char *when = has_date(hg->date) ? hg->date : "an unrecorded date";
			if (missed[0] && confronted)
				add(r->out, rule, subject, detail,
				    "At the hearing of %s, granted measures were not carried out (%s) "
				    "and the victim was confronted with the defendant.",
				    when, missed);
			else if (missed[0])
				add(r->out, rule, subject, detail,
				    "At the hearing of %s, granted measures were not carried out: %s.",
				    when, missed);
			else
				add(r->out, rule, subject, detail,
				    "At the hearing of %s, the victim was confronted with the defendant "
				    "although protection from confrontation was granted.",
				    when);
		}
	}
}

static void rule_threat(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	int days = lt_rule_threshold(rule, "days", 2);
	for (int i = 0; i < f->n_threats; i++) {
		const struct lt_fact_threat *t = &f->threats[i];
		if (!has_date(t->date))
			continue;
		char until[11];
		lt_date_add_days(t->date, days, until);
		bool covered = false;
		for (int k = 0; k < f->n_protections && !covered; k++) {
			const struct lt_fact_protection *pm = &f->protections[k];
			covered = has_date(pm->start_date) && strcmp(pm->start_date, until) <= 0 &&
				  (!has_date(pm->end_date) || strcmp(pm->end_date, t->date) >= 0);
		}
		if (covered || strcmp(r->today, until) <= 0)
			continue;
		char subject[48], detail[256], kind[32];
		subjectf(subject, sizeof(subject), "threat", t->id);
		js(kind, sizeof(kind), t->kind);
		detailf(detail, sizeof(detail),
			"{\"kind\":\"%s\",\"date\":\"%s\",\"deadline\":\"%s\",\"days\":%d}", kind,
			t->date, until, days);
		add(r->out, rule, subject, detail,
		    "A threat (%s) was recorded on %s; no protection measure was in force by %s.",
		    kind, t->date,
		    until);
	}
}

static void rule_accommodation(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_placements; i++) {
		const struct lt_fact_placement *pl = &f->placements[i];
		if (pl->in_shelter && pl->shelter_specialised)
			continue;
		char subject[48], detail[256], alt[40], why[24];
		subjectf(subject, sizeof(subject), "placement", pl->id);
		js(alt, sizeof(alt), pl->alternative);
		js(why, sizeof(why), pl->turn_away_reason);
		const char *when = has_date(pl->start_date) ? pl->start_date : "an unrecorded date";
		detailf(detail, sizeof(detail),
			"{\"place\":\"%s\",\"start_date\":\"%s\",\"in_shelter\":%s,"
			"\"alternative\":\"%s\",\"turn_away_reason\":\"%s\"}",
			pl->place, has_date(pl->start_date) ? pl->start_date : "",
			pl->in_shelter ? "true" : "false", alt, why);
		if (!pl->in_shelter)
			add(r->out, rule, subject, detail,
			    "On %s the person was turned away by a shelter (%s) and placed in an "
			    "alternative (%s).",
			    when, why[0] ? why : "reason not recorded", alt[0] ? alt : "not recorded");
		else
			add(r->out, rule, subject, detail,
			    "On %s the person was placed in a shelter that was not specialised for "
			    "victims of trafficking.",
			    when);
	}
}

static void rule_identity_disclosed(const struct run *r, const struct lt_rule_config *rule)
{
	const struct lt_case_facts *f = r->f;
	for (int i = 0; i < f->n_disclosures; i++) {
		const struct lt_fact_disclosure *d = &f->disclosures[i];
		char subject[48], detail[256], to[24], via[32];
		subjectf(subject, sizeof(subject), "disclosure", d->id);
		js(to, sizeof(to), d->recipient);
		js(via, sizeof(via), d->channel);
		detailf(detail, sizeof(detail),
			"{\"date\":\"%s\",\"recipient\":\"%s\",\"channel\":\"%s\"}",
			has_date(d->date) ? d->date : "", to, via);
		add(r->out, rule, subject, detail,
		    "On %s identity data was disclosed to a party without a need to know "
		    "(recipient: %s, channel: %s).",
		    has_date(d->date) ? d->date : "an unrecorded date", to, via);
	}
}

struct case_rule {
	const char *id;
	void (*check)(const struct run *r, const struct lt_rule_config *rule);
};

static const struct case_rule case_rules[] = {
    {"assistance-conditional-on-cooperation", rule_assistance_conditional},
    {"service-without-consent", rule_service_without_consent},
    {"reflection-period-missing", rule_reflection_missing},
    {"reflection-period-short", rule_reflection_short},
    {"removal-during-identification", rule_removal},
    {"identification-overdue", rule_identification_overdue},
    {"identification-without-reasons", rule_without_reasons},
    {"age-uncertain-treated-as-adult", rule_age_uncertain},
    {"child-without-guardian", rule_child_without_guardian},
    {"child-not-in-education", rule_child_education},
    {"victim-penalised", rule_victim_penalised},
    {"no-specialised-prosecutor", rule_no_specialised_prosecutor},
    {"charge-downgraded", rule_charge_downgraded},
    {"plea-deal-child-victim", rule_plea_child},
    {"lenient-sentence", rule_lenient_sentence},
    {"compensation-not-claimed", rule_compensation_not_claimed},
    {"compensation-unpaid", rule_compensation_unpaid},
    {"vulnerable-witness-not-implemented", rule_vulnerable_witness},
    {"threat-without-protection", rule_threat},
    {"non-specialised-accommodation", rule_accommodation},
    {"identity-disclosed", rule_identity_disclosed},
};

void lt_compliance_check_case(const struct lt_compliance_config *config,
			      const struct lt_jurisdiction *j, const struct lt_case_facts *facts,
			      const char *today, struct lt_findings *out)
{
	if (!config || !facts || !out || !today || !lt_date_valid(today))
		return;
	struct run r = {.config = config, .j = j, .f = facts, .today = today, .out = out};
	for (size_t i = 0; i < LT_ARRAY_LEN(case_rules); i++) {
		const struct lt_rule_config *rule = lt_compliance_rule(config, case_rules[i].id);
		if (rule && rule->enabled && !rule->register_wide)
			case_rules[i].check(&r, rule);
	}
}

void lt_compliance_check_register(const struct lt_compliance_config *config,
				  const struct lt_access_figures *figures, struct lt_findings *out)
{
	if (!config || !figures || !out)
		return;
	const struct lt_rule_config *rule = lt_compliance_rule(config, "unequal-access-foreign");
	if (!rule || !rule->enabled)
		return;
	int gap = lt_rule_threshold(rule, "gap_points", 20);
	int min_foreign = lt_rule_threshold(rule, "min_foreign", 5);
	int64_t nat = figures->nationals, frn = figures->foreign;
	if (frn < min_foreign || frn <= 0 || nat <= 0)
		return;
	char period[24];
	js(period, sizeof(period), figures->period);
	for (int i = 0; i < figures->n_services && i < (int)LT_ARRAY_LEN(figures->services); i++) {
		int64_t sn = figures->services[i].nationals, sf = figures->services[i].foreign;
		/* nationals' share - foreign share > gap, in whole numbers:
		 * (sn/nat - sf/frn) * 100 > gap  <=>  100*(sn*frn - sf*nat) > gap*nat*frn. */
		if (100 * (sn * frn - sf * nat) <= (int64_t)gap * nat * frn)
			continue;
		char type[40], subject[80], detail[256];
		js(type, sizeof(type), figures->services[i].type);
		snprintf(subject, sizeof(subject), "%s:%s", period, type);
		double ns = 100.0 * (double)sn / (double)nat, fs = 100.0 * (double)sf / (double)frn;
		detailf(detail, sizeof(detail),
			"{\"period\":\"%s\",\"service\":\"%s\",\"nationals\":%lld,"
			"\"nationals_served\":%lld,\"foreign\":%lld,\"foreign_served\":%lld,"
			"\"gap_points\":%d}",
			period, type, (long long)nat, (long long)sn, (long long)frn, (long long)sf, gap);
		add(out, rule, subject, detail,
		    "In %s, %.0f%% of national victims (%lld of %lld) received %s but only %.0f%% of "
		    "foreign victims (%lld of %lld), a gap of more than %d points.",
		    period, ns, (long long)sn, (long long)nat, type, fs, (long long)sf,
		    (long long)frn, gap);
	}
}
