/* The compliance rules: for every rule one set of facts that raises it and
 * near misses at its boundary that do not; the configuration's strictness
 * and overrides. All data is synthetic. */
#include "lt_test.h"
#include "base/embed.h"
#include "base/str.h"
#include "domain/compliance.h"
#include <jansson.h>

static struct lt_compliance_config *cfg;
static struct lt_jurisdiction *jur;
static struct lt_case_facts *F;
static struct lt_findings *out;

#define ADULT_BODY "Adult identification body (synthetic)"
#define CHILD_BODY "Child identification body (synthetic)"

static void add_article(const char *id, enum lt_offence_class cls)
{
	struct lt_article *a = &jur->articles[jur->n_articles++];
	lt_str_copy(a->id, sizeof(a->id), id);
	a->offence_class = cls;
}

static void add_penalty(struct lt_article *a, const char *para, const char *from, const char *to,
			int min)
{
	struct lt_article_paragraph *pp = NULL;
	for (int i = 0; i < a->n_paragraphs; i++)
		if (strcmp(a->paragraphs[i].id, para) == 0)
			pp = &a->paragraphs[i];
	if (!pp) {
		pp = &a->paragraphs[a->n_paragraphs++];
		lt_str_copy(pp->id, sizeof(pp->id), para);
	}
	struct lt_penalty *pe = &pp->penalties[pp->n_penalties++];
	lt_str_copy(pe->valid_from, sizeof(pe->valid_from), from);
	lt_str_copy(pe->valid_to, sizeof(pe->valid_to), to);
	pe->min_months = min;
	pe->max_months = 144;
}

/* A small test profile: 388/389 trafficking, 184/132 lesser; 388(1) with a
 * minimum that rose from 24 to 36 months on 2009-09-11, 388(3) 60 months. */
static int setup(void **state)
{
	(void)state;
	cfg = calloc(1, sizeof(*cfg));
	jur = calloc(1, sizeof(*jur));
	F = calloc(1, sizeof(*F));
	out = calloc(1, sizeof(*out));
	if (!cfg || !jur || !F || !out)
		return -1;
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_compliance_config_load(NULL, 0, cfg, &p)) {
		lt_problem_print(&p, stderr);
		return -1;
	}
	lt_str_copy(jur->country, sizeof(jur->country), "RS");
	lt_str_copy(jur->adult_body, sizeof(jur->adult_body), ADULT_BODY);
	lt_str_copy(jur->child_body, sizeof(jur->child_body), CHILD_BODY);
	jur->child_age = 18;
	jur->reflection_min_days = 30;
	jur->reasonable_grounds_deadline_working_days = 5;
	jur->conclusive_deadline_days = 30;
	add_article("388", LT_OFFENCE_TRAFFICKING);
	add_penalty(&jur->articles[0], "1", "2005-01-01", "2009-09-11", 24);
	add_penalty(&jur->articles[0], "1", "2009-09-11", "", 36);
	add_penalty(&jur->articles[0], "3", "2005-01-01", "", 60);
	add_article("389", LT_OFFENCE_TRAFFICKING);
	add_article("184", LT_OFFENCE_LESSER);
	add_article("132", LT_OFFENCE_LESSER);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(cfg);
	free(jur);
	free(F);
	free(out);
	return 0;
}

/* Fresh facts of a quiet case: an adult, referred 2024-03-01, reasonable
 * grounds positive the same day and identified on 2024-03-02, so the
 * identification rules stay silent unless a test changes that. */
static void reset(void)
{
	memset(F, 0, sizeof(*F));
	F->case_id = 1;
	lt_str_copy(F->status, sizeof(F->status), "identified");
	lt_str_copy(F->referral_date, sizeof(F->referral_date), "2024-03-01");
	F->age_at_referral = 30;
	F->is_child = 0;
	F->unaccompanied = -1;
	lt_str_copy(F->reasonable_grounds, sizeof(F->reasonable_grounds), "positive");
	lt_str_copy(F->reasonable_grounds_date, sizeof(F->reasonable_grounds_date), "2024-03-01");
	lt_str_copy(F->identification, sizeof(F->identification), "identified");
	lt_str_copy(F->identification_date, sizeof(F->identification_date), "2024-03-02");
	/* The reflection period, granted on time and long enough. */
	F->n_reflections = 1;
	F->reflections[0].id = 90;
	lt_str_copy(F->reflections[0].status, 12, "granted");
	lt_str_copy(F->reflections[0].decision_date, 11, "2024-03-01");
	lt_str_copy(F->reflections[0].start_date, 11, "2024-03-01");
	lt_str_copy(F->reflections[0].planned_end_date, 11, "2024-03-31");
	F->reflections[0].min_days = 30;
}

/* Runs the case rules as of TODAY; every detail must be a JSON object. */
static void run(const char *today)
{
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, jur, F, today, out);
	for (int i = 0; i < out->n; i++) {
		json_error_t err;
		json_t *d = json_loads(out->items[i].detail, 0, &err);
		if (!json_is_object(d))
			fail_msg("%s: detail is not a JSON object: %s", out->items[i].rule->id,
				 out->items[i].detail);
		json_decref(d);
		assert_true(out->items[i].message[0] != '\0');
		if (getenv("LT_TEST_VERBOSE"))
			fprintf(stderr, "%s [%s] %s %s\n", out->items[i].rule->id,
				out->items[i].subject, out->items[i].message, out->items[i].detail);
	}
}

/* The finding of RULE about SUBJECT, NULL when none. */
static const struct lt_finding *found(const char *rule, const char *subject)
{
	for (int i = 0; i < out->n; i++)
		if (strcmp(out->items[i].rule->id, rule) == 0 &&
		    (!subject || strcmp(out->items[i].subject, subject) == 0))
			return &out->items[i];
	return NULL;
}

static int count(const char *rule)
{
	int n = 0;
	for (int i = 0; i < out->n; i++)
		n += strcmp(out->items[i].rule->id, rule) == 0;
	return n;
}

static void quiet_case_raises_nothing(void **state)
{
	(void)state;
	reset();
	run("2024-06-01");
	for (int i = 0; i < out->n; i++)
		fprintf(stderr, "unexpected: %s %s %s\n", out->items[i].rule->id,
			out->items[i].subject, out->items[i].message);
	assert_int_equal(out->n, 0);
}

static struct lt_fact_service *service(int64_t id, const char *type, const char *status,
				       const char *start, const char *end)
{
	struct lt_fact_service *s = &F->services[F->n_services++];
	memset(s, 0, sizeof(*s));
	s->id = id;
	lt_str_copy(s->type, sizeof(s->type), type);
	lt_str_copy(s->status, sizeof(s->status), status);
	lt_str_copy(s->start_date, sizeof(s->start_date), start);
	lt_str_copy(s->end_date, sizeof(s->end_date), end);
	lt_str_copy(s->consent_date, sizeof(s->consent_date), start);
	return s;
}

static void assistance_conditional(void **state)
{
	(void)state;
	const char *R = "assistance-conditional-on-cooperation";
	reset();
	struct lt_fact_service *s = service(5, "medical", "stopped", "2024-03-02", "2024-03-20");
	lt_str_copy(s->stop_reason, sizeof(s->stop_reason), "cooperation_declined");
	run("2024-04-01");
	assert_non_null(found(R, "service:5"));
	assert_non_null(strstr(found(R, "service:5")->message, "cooperation declined"));

	/* Ended 7 days after cooperation was declined: raised; 8 days: not. */
	reset();
	lt_str_copy(F->cooperation, sizeof(F->cooperation), "declined");
	lt_str_copy(F->cooperation_declined_date, 11, "2024-03-10");
	s = service(6, "accommodation", "stopped", "2024-03-02", "2024-03-17");
	lt_str_copy(s->stop_reason, sizeof(s->stop_reason), "other");
	run("2024-04-01");
	assert_non_null(found(R, "service:6"));
	assert_non_null(strstr(found(R, "service:6")->message, "2024-03-10"));
	lt_str_copy(s->end_date, sizeof(s->end_date), "2024-03-18");
	run("2024-04-01");
	assert_int_equal(count(R), 0);
	/* Ended before cooperation was declined: not. */
	lt_str_copy(s->end_date, sizeof(s->end_date), "2024-03-09");
	run("2024-04-01");
	assert_int_equal(count(R), 0);
	/* Stopped at the victim's request, no cooperation declined: not. */
	reset();
	s = service(7, "medical", "stopped", "2024-03-02", "2024-03-05");
	lt_str_copy(s->stop_reason, sizeof(s->stop_reason), "victim_request");
	run("2024-04-01");
	assert_int_equal(count(R), 0);
	/* Completed (not stopped or refused) just after declining: not. */
	reset();
	lt_str_copy(F->cooperation_declined_date, 11, "2024-03-10");
	service(8, "medical", "completed", "2024-03-02", "2024-03-11");
	run("2024-04-01");
	assert_int_equal(count(R), 0);
}

static void service_without_consent(void **state)
{
	(void)state;
	const char *R = "service-without-consent";
	reset();
	struct lt_fact_service *s = service(3, "psychological", "active", "2024-03-02", "");
	s->consent_date[0] = '\0';
	struct lt_fact_service *c = service(4, "medical", "completed", "2024-03-02", "2024-03-09");
	c->consent_date[0] = '\0';
	struct lt_fact_service *pl = service(5, "education", "planned", "", "");
	pl->consent_date[0] = '\0';
	service(6, "material", "active", "2024-03-02", "");
	run("2024-04-01");
	assert_non_null(found(R, "service:3"));
	assert_non_null(found(R, "service:4"));
	assert_null(found(R, "service:5")); /* planned: nothing delivered yet */
	assert_null(found(R, "service:6")); /* consent recorded */
	assert_int_equal(count(R), 2);
}

static void reflection_missing(void **state)
{
	(void)state;
	const char *R = "reflection-period-missing";
	reset();
	F->n_reflections = 0;
	run("2024-03-08"); /* day 7: still in time */
	assert_int_equal(count(R), 0);
	run("2024-03-09");
	const struct lt_finding *x = found(R, "");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "2024-03-01"));
	assert_non_null(strstr(x->message, "2024-03-08"));

	/* Decided on day 7: fine; on day 8: a late decision is still a breach. */
	reset();
	lt_str_copy(F->reflections[0].decision_date, 11, "2024-03-08");
	lt_str_copy(F->reflections[0].start_date, 11, "2024-03-08");
	lt_str_copy(F->reflections[0].planned_end_date, 11, "2024-04-07");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	lt_str_copy(F->reflections[0].decision_date, 11, "2024-03-09");
	lt_str_copy(F->reflections[0].start_date, 11, "2024-03-09");
	run("2024-06-01");
	assert_non_null(found(R, ""));
	assert_non_null(strstr(found(R, "")->message, "still a breach"));

	/* A refusal decided in time answers the obligation to decide. */
	reset();
	lt_str_copy(F->reflections[0].status, 12, "refused");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	/* Reasonable grounds not positive: nothing to decide. */
	reset();
	F->n_reflections = 0;
	lt_str_copy(F->reasonable_grounds, sizeof(F->reasonable_grounds), "negative");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
}

static void reflection_short(void **state)
{
	(void)state;
	const char *R = "reflection-period-short";
	reset(); /* 2024-03-01 to 2024-03-31: 30 days */
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	lt_str_copy(F->reflections[0].planned_end_date, 11, "2024-03-30");
	run("2024-06-01");
	assert_non_null(found(R, "reflection:90"));
	assert_non_null(strstr(found(R, "reflection:90")->message, "29"));

	/* Ended early on an allowed ground: not; on "other" or none: raised. */
	reset();
	lt_str_copy(F->reflections[0].status, 12, "ended");
	lt_str_copy(F->reflections[0].actual_end_date, 11, "2024-03-10");
	static const char *const allowed[] = {"public_order", "improper_claim", "residence_granted",
					      "victim_request"};
	for (size_t i = 0; i < LT_ARRAY_LEN(allowed); i++) {
		lt_str_copy(F->reflections[0].grounds, 24, allowed[i]);
		run("2024-06-01");
		assert_int_equal(count(R), 0);
	}
	lt_str_copy(F->reflections[0].grounds, 24, "other");
	run("2024-06-01");
	assert_non_null(found(R, "reflection:90"));
	F->reflections[0].grounds[0] = '\0';
	run("2024-06-01");
	assert_non_null(strstr(found(R, "reflection:90")->message, "without a recorded ground"));
	/* Ended after the minimum, with no ground: not. */
	lt_str_copy(F->reflections[0].actual_end_date, 11, "2024-03-31");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	/* A refused period is not a short one. */
	reset();
	lt_str_copy(F->reflections[0].status, 12, "refused");
	lt_str_copy(F->reflections[0].planned_end_date, 11, "2024-03-05");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
}

static void reflection_short_own_minimum(void **state)
{
	(void)state;
	const char *R = "reflection-period-short";
	struct lt_compliance_config *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	struct lt_problem p;
	lt_problem_init(&p);
	const char *ov = "{\"rules\":{\"reflection-period-short\":{\"thresholds\":{\"min_days\":0}}}}";
	assert_int_equal(lt_compliance_config_load(ov, strlen(ov), c, &p), LT_OK);
	reset();
	F->reflections[0].min_days = 20; /* the period's own minimum */
	lt_str_copy(F->reflections[0].planned_end_date, 11, "2024-03-21");
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(c, jur, F, "2024-06-01", out);
	assert_int_equal(count(R), 0);
	lt_str_copy(F->reflections[0].planned_end_date, 11, "2024-03-20");
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(c, jur, F, "2024-06-01", out);
	assert_int_equal(count(R), 1);
	/* No minimum on the period: the jurisdiction's 30 days. */
	F->reflections[0].min_days = 0;
	lt_str_copy(F->reflections[0].planned_end_date, 11, "2024-03-30");
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(c, jur, F, "2024-06-01", out);
	assert_int_equal(count(R), 1);
	free(c);
}

static void add_removal(int64_t id, const char *date)
{
	struct lt_fact_removal *m = &F->removals[F->n_removals++];
	m->id = id;
	lt_str_copy(m->date, sizeof(m->date), date);
	lt_str_copy(m->kind, sizeof(m->kind), "expulsion");
}

static void add_decision(int64_t id, const char *stage, const char *outcome, const char *date,
			 const char *body, bool reasons)
{
	struct lt_fact_decision *d = &F->decisions[F->n_decisions++];
	d->id = id;
	lt_str_copy(d->stage, sizeof(d->stage), stage);
	lt_str_copy(d->outcome, sizeof(d->outcome), outcome);
	lt_str_copy(d->date, sizeof(d->date), date);
	lt_str_copy(d->body, sizeof(d->body), body);
	d->has_reasons = reasons;
}

static void removal_during_identification(void **state)
{
	(void)state;
	const char *R = "removal-during-identification";
	/* Reasonable grounds 2024-03-01, no conclusive decision yet. */
	reset();
	F->n_reflections = 0;
	lt_str_copy(F->identification, sizeof(F->identification), "pending");
	F->identification_date[0] = '\0';
	add_removal(4, "2024-03-05");
	add_removal(5, "2024-02-28"); /* before reasonable grounds */
	run("2024-03-06");
	assert_non_null(found(R, "removal:4"));
	assert_null(found(R, "removal:5"));
	/* The conclusive decision came on 2024-03-04: the removal is after it. */
	add_decision(7, "conclusive", "not_identified", "2024-03-04", ADULT_BODY, true);
	lt_str_copy(F->identification, sizeof(F->identification), "not_identified");
	lt_str_copy(F->identification_date, 11, "2024-03-04");
	run("2024-03-06");
	assert_int_equal(count(R), 0);
	/* On the day of the conclusive decision: allowed; the day before: not. */
	lt_str_copy(F->removals[0].date, 11, "2024-03-04");
	run("2024-03-06");
	assert_int_equal(count(R), 0);
	lt_str_copy(F->removals[0].date, 11, "2024-03-03");
	run("2024-03-06");
	assert_non_null(found(R, "removal:4"));

	/* Inside a granted reflection period (to its end date) though the
	 * identification is over. */
	reset(); /* identified 2024-03-02; period 2024-03-01 to 2024-03-31 */
	add_removal(8, "2024-03-31");
	run("2024-04-10");
	assert_non_null(found(R, "removal:8"));
	lt_str_copy(F->removals[0].date, 11, "2024-04-01");
	run("2024-04-10");
	assert_int_equal(count(R), 0);
}

static void identification_overdue(void **state)
{
	(void)state;
	const char *R = "identification-overdue";
	/* Referred Monday 2024-03-04, reasonable grounds pending. */
	reset();
	F->n_reflections = 0;
	lt_str_copy(F->status, sizeof(F->status), "referred");
	lt_str_copy(F->referral_date, sizeof(F->referral_date), "2024-03-04");
	lt_str_copy(F->reasonable_grounds, sizeof(F->reasonable_grounds), "pending");
	F->reasonable_grounds_date[0] = '\0';
	lt_str_copy(F->identification, sizeof(F->identification), "pending");
	F->identification_date[0] = '\0';
	run("2024-03-11"); /* 5 working days (Tue-Fri, Mon) */
	assert_null(found(R, "reasonable_grounds"));
	run("2024-03-12"); /* the 6th */
	assert_non_null(found(R, "reasonable_grounds"));
	assert_non_null(strstr(found(R, "reasonable_grounds")->message, "6 working days"));
	/* A weekend does not count: referred Friday 2024-03-08, Friday 03-15 is day 5. */
	lt_str_copy(F->referral_date, sizeof(F->referral_date), "2024-03-08");
	run("2024-03-15");
	assert_null(found(R, "reasonable_grounds"));
	run("2024-03-17"); /* Sunday: still 5 */
	assert_null(found(R, "reasonable_grounds"));
	run("2024-03-18");
	assert_non_null(found(R, "reasonable_grounds"));

	/* Conclusive: day 30 fine, day 31 overdue. */
	reset();
	lt_str_copy(F->status, sizeof(F->status), "under_assessment");
	lt_str_copy(F->identification, sizeof(F->identification), "pending");
	F->identification_date[0] = '\0';
	run("2024-03-31");
	assert_int_equal(count(R), 0);
	run("2024-04-01");
	assert_non_null(found(R, "conclusive"));
	assert_null(found(R, "reasonable_grounds"));
	/* A closed case does not count. */
	lt_str_copy(F->status, sizeof(F->status), "closed");
	run("2024-04-01");
	assert_int_equal(count(R), 0);
	/* A late decision is no longer overdue. */
	lt_str_copy(F->status, sizeof(F->status), "identified");
	add_decision(3, "conclusive", "identified", "2024-04-20", ADULT_BODY, true);
	run("2024-05-01");
	assert_int_equal(count(R), 0);
	/* A negative reasonable-grounds decision needs no conclusive one. */
	reset();
	lt_str_copy(F->status, sizeof(F->status), "not_identified");
	lt_str_copy(F->reasonable_grounds, sizeof(F->reasonable_grounds), "negative");
	lt_str_copy(F->identification, sizeof(F->identification), "pending");
	F->identification_date[0] = '\0';
	run("2024-06-01");
	assert_int_equal(count(R), 0);
}

static void identification_without_reasons(void **state)
{
	(void)state;
	const char *R = "identification-without-reasons";
	reset();
	add_decision(3, "reasonable_grounds", "positive", "2024-03-01", ADULT_BODY, false);
	add_decision(4, "conclusive", "identified", "2024-03-02", ADULT_BODY, true);
	run("2024-06-01");
	assert_non_null(found(R, "decision:3"));
	assert_null(found(R, "decision:4"));
	assert_int_equal(count(R), 1);
}

static struct lt_fact_placement *placement(int64_t id, const char *place, const char *start)
{
	struct lt_fact_placement *pl = &F->placements[F->n_placements++];
	pl->id = id;
	lt_str_copy(pl->place, sizeof(pl->place), place);
	lt_str_copy(pl->start_date, sizeof(pl->start_date), start);
	pl->in_shelter = true;
	pl->shelter_specialised = true;
	return pl;
}

static void add_assessment(const char *date, const char *result)
{
	struct lt_fact_age_assessment *a = &F->age_assessments[F->n_age_assessments++];
	lt_str_copy(a->date, sizeof(a->date), date);
	lt_str_copy(a->result, sizeof(a->result), result);
}

static void age_uncertain(void **state)
{
	(void)state;
	const char *R = "age-uncertain-treated-as-adult";
	reset();
	F->age_uncertain = true;
	F->age_at_referral = 20; /* under 18 + 3 */
	placement(1, "women", "2024-03-02");
	placement(2, "children", "2024-03-02");
	add_decision(6, "conclusive", "identified", "2024-03-02", ADULT_BODY, true);
	add_decision(7, "review", "upheld", "2024-03-02", CHILD_BODY, true);
	run("2024-06-01");
	assert_non_null(found(R, "placement:1"));
	assert_null(found(R, "placement:2"));
	assert_non_null(found(R, "decision:6"));
	assert_null(found(R, "decision:7"));
	/* Unknown age counts as possibly under 18. */
	F->age_at_referral = -1;
	run("2024-06-01");
	assert_int_equal(count(R), 2);
	/* 21 is 18 + margin: not possibly a child. */
	F->age_at_referral = 21;
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	/* An assessment finding the person adult on the day clears it; the day
	 * after does not; one finding a child or undetermined does not. */
	F->age_at_referral = 17;
	add_assessment("2024-03-03", "adult");
	run("2024-06-01");
	assert_int_equal(count(R), 2);
	lt_str_copy(F->age_assessments[0].date, 11, "2024-03-02");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	lt_str_copy(F->age_assessments[0].result, 16, "undetermined");
	run("2024-06-01");
	assert_int_equal(count(R), 2);
	/* Age not uncertain: the rule does not apply. */
	F->age_uncertain = false;
	run("2024-06-01");
	assert_int_equal(count(R), 0);
}

static void child_without_guardian(void **state)
{
	(void)state;
	const char *R = "child-without-guardian";
	reset();
	F->is_child = 1;
	F->age_at_referral = 15;
	F->unaccompanied = 1;
	run("2024-03-04"); /* day 3 */
	assert_int_equal(count(R), 0);
	run("2024-03-05");
	assert_non_null(found(R, ""));
	assert_non_null(strstr(found(R, "")->message, "2024-03-04"));
	/* A guardian on day 3: fine; on day 4: late, still raised. */
	struct lt_fact_service *g = service(9, "guardian", "active", "2024-03-04", "");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	lt_str_copy(g->start_date, sizeof(g->start_date), "2024-03-05");
	run("2024-06-01");
	assert_non_null(strstr(found(R, "")->message, "still a breach"));
	/* Accompanied, or not recorded: not. */
	F->unaccompanied = 0;
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	/* A child by age assessment counts too. */
	F->n_services = 0;
	F->unaccompanied = 1;
	F->is_child = -1;
	add_assessment("2024-03-02", "child");
	run("2024-06-01");
	assert_int_equal(count(R), 1);
}

static void child_not_in_education(void **state)
{
	(void)state;
	const char *R = "child-not-in-education";
	reset();
	F->is_child = 1;
	F->age_at_referral = 14;
	service(1, "accommodation", "active", "2024-03-01", "");
	run("2024-03-31"); /* 30 days */
	assert_int_equal(count(R), 0);
	run("2024-04-01"); /* 31 days */
	assert_non_null(found(R, ""));
	/* Assistance that ended after 30 days does not grow. */
	lt_str_copy(F->services[0].status, 12, "completed");
	lt_str_copy(F->services[0].end_date, 11, "2024-03-31");
	run("2024-09-01");
	assert_int_equal(count(R), 0);
	lt_str_copy(F->services[0].end_date, 11, "2024-04-01");
	run("2024-09-01");
	assert_int_equal(count(R), 1);
	/* With an education service: not. */
	service(2, "education", "active", "2024-04-15", "");
	run("2024-09-01");
	assert_int_equal(count(R), 0);
	/* An adult: not. */
	F->n_services = 1;
	F->is_child = 0;
	run("2024-09-01");
	assert_int_equal(count(R), 0);
}

static struct lt_fact_victim_proceeding *vproc(int64_t id, const char *offence, int during,
					       const char *outcome)
{
	struct lt_fact_victim_proceeding *v = &F->victim_proceedings[F->n_victim_proceedings++];
	memset(v, 0, sizeof(*v));
	v->id = id;
	lt_str_copy(v->kind, sizeof(v->kind), "misdemeanour");
	lt_str_copy(v->offence, sizeof(v->offence), offence);
	v->during_exploitation = during;
	lt_str_copy(v->outcome, sizeof(v->outcome), outcome);
	return v;
}

static void victim_penalised(void **state)
{
	(void)state;
	const char *R = "victim-penalised";
	reset();
	lt_str_copy(vproc(1, "other", 1, "penalty")->penalty, 12, "fine");
	vproc(2, "begging", 0, "pending");
	vproc(3, "prostitution", -1, "pending")->non_punishment_assessed = true;
	vproc(4, "labour", 0, "penalty");  /* not linked, not during */
	vproc(5, "immigration", 1, "not_punished");
	vproc(6, "document_fraud", 0, "penalty");
	run("2024-06-01");
	assert_non_null(found(R, "victim_proceeding:1"));
	assert_non_null(found(R, "victim_proceeding:2"));
	assert_null(found(R, "victim_proceeding:3"));
	assert_null(found(R, "victim_proceeding:4"));
	assert_null(found(R, "victim_proceeding:5"));
	assert_non_null(found(R, "victim_proceeding:6"));
	assert_int_equal(count(R), 3);
}

static struct lt_fact_proceeding *proceeding(int64_t id, bool specialised)
{
	struct lt_fact_proceeding *pr = &F->proceedings[F->n_proceedings++];
	memset(pr, 0, sizeof(*pr));
	pr->id = id;
	lt_str_copy(pr->opened_date, sizeof(pr->opened_date), "2024-03-10");
	pr->prosecutor_specialised = specialised;
	lt_str_copy(pr->stage, sizeof(pr->stage), "investigation");
	pr->sentence_months = -1;
	return pr;
}

static void charge(struct lt_fact_proceeding *pr, const char *date, const char *article,
		   const char *para)
{
	struct lt_fact_charge *c = &pr->charges[pr->n_charges++];
	lt_str_copy(c->date, sizeof(c->date), date);
	lt_str_copy(c->stage, sizeof(c->stage), "investigation");
	lt_str_copy(c->article, sizeof(c->article), article);
	lt_str_copy(c->paragraph, sizeof(c->paragraph), para);
}

static void no_specialised_prosecutor(void **state)
{
	(void)state;
	const char *R = "no-specialised-prosecutor";
	reset();
	charge(proceeding(1, false), "2024-03-10", "388", "1");
	charge(proceeding(2, true), "2024-03-10", "388", "1");
	charge(proceeding(3, false), "2024-03-10", "184", "1");
	struct lt_fact_proceeding *p4 = proceeding(4, false);
	charge(p4, "2024-03-10", "184", "1");
	charge(p4, "2024-04-10", "389", "1"); /* any charge counts */
	run("2024-06-01");
	assert_non_null(found(R, "proceeding:1"));
	assert_null(found(R, "proceeding:2"));
	assert_null(found(R, "proceeding:3"));
	assert_non_null(found(R, "proceeding:4"));
	/* Screened as trafficking: a lesser charge is no excuse. */
	lt_str_copy(F->screening_outcome, sizeof(F->screening_outcome), "trafficking");
	run("2024-06-01");
	assert_non_null(found(R, "proceeding:3"));
	assert_null(found(R, "proceeding:2"));
}

static void charge_downgraded(void **state)
{
	(void)state;
	const char *R = "charge-downgraded";
	reset();
	struct lt_fact_proceeding *p1 = proceeding(1, true);
	charge(p1, "2024-03-10", "388", "1");
	charge(p1, "2024-05-10", "184", "1");
	struct lt_fact_proceeding *p2 = proceeding(2, true); /* an upgrade */
	charge(p2, "2024-03-10", "184", "1");
	charge(p2, "2024-05-10", "388", "1");
	struct lt_fact_proceeding *p3 = proceeding(3, true); /* trafficking to trafficking */
	charge(p3, "2024-03-10", "388", "1");
	charge(p3, "2024-05-10", "389", "1");
	charge(p3, "2024-05-20", "388", "3");
	run("2024-06-01");
	assert_non_null(found(R, "proceeding:1"));
	assert_non_null(strstr(found(R, "proceeding:1")->message, "2024-05-10"));
	assert_null(found(R, "proceeding:2"));
	assert_null(found(R, "proceeding:3"));
	/* Convicted under a lesser article after a trafficking charge. */
	lt_str_copy(p3->verdict, sizeof(p3->verdict), "conviction");
	lt_str_copy(p3->verdict_date, 11, "2024-05-30");
	lt_str_copy(p3->verdict_article, 16, "184");
	run("2024-06-01");
	assert_non_null(found(R, "proceeding:3"));
	lt_str_copy(p3->verdict_article, 16, "388");
	run("2024-06-01");
	assert_null(found(R, "proceeding:3"));
}

static void plea_deal_child(void **state)
{
	(void)state;
	const char *R = "plea-deal-child-victim";
	reset();
	struct lt_fact_proceeding *pr = proceeding(1, true);
	pr->plea_agreement = true;
	lt_str_copy(pr->plea_date, 11, "2024-05-01");
	run("2024-06-01");
	assert_int_equal(count(R), 0); /* adult victim, no child in the proceeding */
	pr->any_child_victim = true;
	run("2024-06-01");
	assert_non_null(found(R, "proceeding:1"));
	pr->any_child_victim = false;
	F->is_child = 1;
	run("2024-06-01");
	assert_non_null(found(R, "proceeding:1"));
	pr->plea_agreement = false;
	run("2024-06-01");
	assert_int_equal(count(R), 0);
}

static struct lt_fact_proceeding *convicted(int64_t id, const char *article, const char *para,
					    const char *offence_date, int months, bool suspended)
{
	struct lt_fact_proceeding *pr = proceeding(id, true);
	charge(pr, "2024-03-10", article, para);
	lt_str_copy(pr->offence_date, sizeof(pr->offence_date), offence_date);
	lt_str_copy(pr->stage, sizeof(pr->stage), "verdict");
	lt_str_copy(pr->verdict, sizeof(pr->verdict), "conviction");
	lt_str_copy(pr->verdict_date, 11, "2024-05-01");
	lt_str_copy(pr->verdict_article, 16, article);
	lt_str_copy(pr->verdict_paragraph, 8, para);
	pr->sentence_months = months;
	pr->sentence_suspended = suspended;
	/* A claim keeps compensation-not-claimed quiet. */
	return pr;
}

static void lenient_sentence(void **state)
{
	(void)state;
	const char *R = "lenient-sentence";
	reset();
	convicted(1, "388", "1", "2020-01-01", 36, false); /* exactly the minimum */
	convicted(2, "388", "1", "2020-01-01", 35, false);
	convicted(3, "388", "1", "2020-01-01", 48, true);
	convicted(4, "388", "3", "2020-01-01", 48, false); /* statutory minimum 60 */
	convicted(5, "388", "3", "2020-01-01", 60, false);
	convicted(6, "184", "1", "2020-01-01", 6, false); /* not trafficking */
	run("2024-06-01");
	assert_null(found(R, "proceeding:1"));
	assert_non_null(found(R, "proceeding:2"));
	assert_non_null(strstr(found(R, "proceeding:3")->message, "suspended"));
	assert_non_null(strstr(found(R, "proceeding:4")->message, "statutory minimum of 60"));
	assert_null(found(R, "proceeding:5"));
	assert_null(found(R, "proceeding:6"));

	/* The statutory minimum of the offence's time (opened date when none). */
	struct lt_compliance_config *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	struct lt_problem p;
	lt_problem_init(&p);
	const char *ov = "{\"rules\":{\"lenient-sentence\":{\"thresholds\":{\"min_months\":0}}}}";
	assert_int_equal(lt_compliance_config_load(ov, strlen(ov), c, &p), LT_OK);
	reset();
	convicted(1, "388", "1", "2008-06-01", 30, false); /* minimum 24 then */
	convicted(2, "388", "1", "2010-06-01", 30, false); /* minimum 36 */
	struct lt_fact_proceeding *p3 = convicted(3, "388", "1", "", 30, false);
	lt_str_copy(p3->opened_date, 11, "2009-01-01");
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(c, jur, F, "2024-06-01", out);
	assert_null(found(R, "proceeding:1"));
	assert_non_null(found(R, "proceeding:2"));
	assert_null(found(R, "proceeding:3"));
	free(c);
}

static void add_claim(int64_t id, int64_t proceeding_id, const char *forum, const char *status)
{
	struct lt_fact_claim *c = &F->claims[F->n_claims++];
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->proceeding_id = proceeding_id;
	lt_str_copy(c->forum, sizeof(c->forum), forum);
	lt_str_copy(c->claimed_date, 11, "2024-04-01");
	lt_str_copy(c->status, sizeof(c->status), status);
	c->amount_awarded = -1;
	c->amount_paid = -1;
}

static void compensation_not_claimed(void **state)
{
	(void)state;
	const char *R = "compensation-not-claimed";
	reset();
	struct lt_fact_proceeding *p1 = proceeding(1, true);
	lt_str_copy(p1->indictment_date, 11, "2024-04-01");
	lt_str_copy(p1->stage, sizeof(p1->stage), "indictment");
	struct lt_fact_proceeding *p2 = proceeding(2, true); /* at trial, no date recorded */
	lt_str_copy(p2->stage, sizeof(p2->stage), "trial");
	proceeding(3, true); /* investigation */
	run("2024-06-01");
	assert_non_null(found(R, "proceeding:1"));
	assert_non_null(found(R, "proceeding:2"));
	assert_null(found(R, "proceeding:3"));
	/* A claim in proceeding 1 answers it, not proceeding 2. */
	add_claim(1, 1, "criminal", "pending");
	run("2024-06-01");
	assert_null(found(R, "proceeding:1"));
	assert_non_null(found(R, "proceeding:2"));
	/* A claim in no proceeding (civil) answers every one. */
	add_claim(2, 0, "civil", "pending");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
}

static void compensation_unpaid(void **state)
{
	(void)state;
	const char *R = "compensation-unpaid";
	reset();
	add_claim(1, 0, "civil", "awarded");
	lt_str_copy(F->claims[0].award_date, 11, "2024-01-15");
	F->claims[0].amount_awarded = 1000;
	run("2024-07-15"); /* exactly 6 months */
	assert_int_equal(count(R), 0);
	run("2024-07-16");
	assert_non_null(found(R, "claim:1"));
	F->claims[0].amount_paid = 500;
	run("2024-07-16");
	assert_non_null(strstr(found(R, "claim:1")->message, "500"));
	F->claims[0].amount_paid = 1000;
	run("2024-07-16");
	assert_int_equal(count(R), 0);
	/* The end of a month: 2024-08-31 + 6 months = 2025-02-28. */
	F->claims[0].amount_paid = -1;
	lt_str_copy(F->claims[0].award_date, 11, "2024-08-31");
	run("2025-02-28");
	assert_int_equal(count(R), 0);
	run("2025-03-01");
	assert_int_equal(count(R), 1);
	/* Pending claims are not awards. */
	lt_str_copy(F->claims[0].status, 12, "pending");
	run("2025-09-01");
	assert_int_equal(count(R), 0);
}

static struct lt_fact_hearing *hearing(struct lt_fact_proceeding *pr, int64_t id, int confrontation)
{
	struct lt_fact_hearing *h = &pr->hearings[pr->n_hearings++];
	h->id = id;
	lt_str_copy(h->date, sizeof(h->date), "2024-05-01");
	h->confrontation = confrontation;
	return h;
}

static void measure(struct lt_fact_hearing *h, const char *name, bool granted, int carried_out)
{
	struct lt_fact_measure *m = &h->measures[h->n_measures++];
	lt_str_copy(m->measure, sizeof(m->measure), name);
	m->requested = true;
	m->granted = granted;
	m->carried_out = carried_out;
}

static void vulnerable_witness(void **state)
{
	(void)state;
	const char *R = "vulnerable-witness-not-implemented";
	reset();
	struct lt_fact_proceeding *pr = proceeding(1, true);
	measure(hearing(pr, 9, 0), "video_link", true, 0);
	measure(hearing(pr, 10, 0), "video_link", true, 1);     /* carried out */
	measure(hearing(pr, 11, 0), "video_link", true, -1);    /* unknown */
	measure(hearing(pr, 12, 1), "no_confrontation", true, -1);
	measure(hearing(pr, 13, 1), "closed_hearing", true, 1); /* confrontation not barred */
	measure(hearing(pr, 14, 0), "video_link", false, 0);    /* requested, not granted */
	measure(hearing(pr, 15, 1), "especially_vulnerable_witness", true, 1);
	run("2024-06-01");
	assert_non_null(found(R, "hearing:9"));
	assert_non_null(strstr(found(R, "hearing:9")->message, "video_link"));
	assert_null(found(R, "hearing:10"));
	assert_null(found(R, "hearing:11"));
	assert_non_null(found(R, "hearing:12"));
	assert_null(found(R, "hearing:13"));
	assert_null(found(R, "hearing:14"));
	assert_non_null(found(R, "hearing:15"));
	assert_int_equal(count(R), 3);
}

static void threat_without_protection(void **state)
{
	(void)state;
	const char *R = "threat-without-protection";
	reset();
	struct lt_fact_threat *t = &F->threats[F->n_threats++];
	t->id = 3;
	lt_str_copy(t->date, sizeof(t->date), "2024-03-01");
	lt_str_copy(t->kind, sizeof(t->kind), "intimidation");
	run("2024-03-03"); /* still within 2 days */
	assert_int_equal(count(R), 0);
	run("2024-03-04");
	assert_non_null(found(R, "threat:3"));
	/* Protection from day 2: fine; from day 3: raised. */
	struct lt_fact_protection *pm = &F->protections[F->n_protections++];
	pm->id = 1;
	lt_str_copy(pm->measure, sizeof(pm->measure), "police_protection");
	lt_str_copy(pm->start_date, 11, "2024-03-03");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	lt_str_copy(pm->start_date, 11, "2024-03-04");
	run("2024-06-01");
	assert_non_null(found(R, "threat:3"));
	/* A measure in force since before the threat counts; one that ended
	 * before it does not. */
	lt_str_copy(pm->start_date, 11, "2024-02-01");
	lt_str_copy(pm->end_date, 11, "2024-03-01");
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	lt_str_copy(pm->end_date, 11, "2024-02-29");
	run("2024-06-01");
	assert_int_equal(count(R), 1);
}

static void non_specialised_accommodation(void **state)
{
	(void)state;
	const char *R = "non-specialised-accommodation";
	reset();
	struct lt_fact_placement *a = placement(1, "women", "2024-03-02");
	a->in_shelter = false;
	lt_str_copy(a->alternative, sizeof(a->alternative), "social_welfare_shelter");
	lt_str_copy(a->turn_away_reason, sizeof(a->turn_away_reason), "full");
	placement(2, "women", "2024-03-02")->shelter_specialised = false;
	placement(3, "women", "2024-03-02");
	run("2024-06-01");
	assert_non_null(strstr(found(R, "placement:1")->message, "full"));
	assert_non_null(found(R, "placement:2"));
	assert_null(found(R, "placement:3"));
}

static void identity_disclosed(void **state)
{
	(void)state;
	const char *R = "identity-disclosed";
	reset();
	run("2024-06-01");
	assert_int_equal(count(R), 0);
	struct lt_fact_disclosure *d = &F->disclosures[F->n_disclosures++];
	d->id = 4;
	lt_str_copy(d->date, sizeof(d->date), "2024-04-02");
	lt_str_copy(d->recipient, sizeof(d->recipient), "employer");
	lt_str_copy(d->channel, sizeof(d->channel), "residence_document");
	run("2024-06-01");
	assert_non_null(strstr(found(R, "disclosure:4")->message, "residence_document"));
	assert_string_equal(found(R, "disclosure:4")->rule->id, R);
	assert_int_equal(found(R, "disclosure:4")->rule->severity, LT_SEVERITY_HIGH);
}

static void unequal_access(void **state)
{
	(void)state;
	const char *R = "unequal-access-foreign";
	struct lt_access_figures fig;
	memset(&fig, 0, sizeof(fig));
	lt_str_copy(fig.period, sizeof(fig.period), "2024");
	fig.nationals = 20;
	fig.foreign = 5;
	fig.n_services = 2;
	lt_str_copy(fig.services[0].type, 32, "medical");
	fig.services[0].nationals = 16; /* 80% */
	fig.services[0].foreign = 3;    /* 60%: exactly 20 points */
	lt_str_copy(fig.services[1].type, 32, "accommodation");
	fig.services[1].nationals = 10; /* 50% */
	fig.services[1].foreign = 5;    /* 100% */
	memset(out, 0, sizeof(*out));
	lt_compliance_check_register(cfg, &fig, out);
	assert_int_equal(out->n, 0);
	fig.services[0].foreign = 2; /* 40%: 40 points */
	memset(out, 0, sizeof(*out));
	lt_compliance_check_register(cfg, &fig, out);
	assert_int_equal(out->n, 1);
	assert_string_equal(out->items[0].subject, "2024:medical");
	assert_string_equal(out->items[0].rule->id, R);
	assert_non_null(strstr(out->items[0].message, "16 of 20"));
	json_error_t err;
	json_t *d = json_loads(out->items[0].detail, 0, &err);
	assert_true(json_is_object(d));
	json_decref(d);
	/* 4 foreign victims: too few to judge. */
	fig.foreign = 4;
	fig.services[0].foreign = 0;
	memset(out, 0, sizeof(*out));
	lt_compliance_check_register(cfg, &fig, out);
	assert_int_equal(out->n, 0);
	/* The case run never raises the register rule. */
	reset();
	run("2024-06-01");
	assert_int_equal(count(R), 0);
}

static void findings_capped(void **state)
{
	(void)state;
	reset();
	for (int i = 0; i < LT_FACTS_MAX; i++) {
		service(100 + i, "material", "active", "2024-03-02", "")->consent_date[0] = '\0';
		add_decision(200 + i, "review", "upheld", "2024-03-02", CHILD_BODY, false);
		F->disclosures[i % 16].id = 300 + i;
		lt_str_copy(F->disclosures[i % 16].date, 11, "2024-03-02");
	}
	F->n_disclosures = 16;
	run("2024-06-01");
	assert_int_equal(out->n, (int)LT_ARRAY_LEN(out->items));
	assert_true(out->truncated);
}

/* The shipped Serbia profile: 388 is trafficking, 184 lesser, and its
 * bodies are the ones the age rule compares with. */
static void with_serbia_profile(void **state)
{
	(void)state;
	struct lt_jurisdiction *rs = calloc(1, sizeof(*rs));
	assert_non_null(rs);
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_jurisdiction_load("RS", rs, &p))
		lt_problem_print(&p, stderr);
	assert_string_equal(rs->country, "RS");
	reset();
	struct lt_fact_proceeding *pr = proceeding(1, false);
	charge(pr, "2024-03-10", "388", "1");
	charge(pr, "2024-05-10", "184", "1");
	F->age_uncertain = true;
	F->age_at_referral = -1;
	add_decision(2, "conclusive", "identified", "2024-03-02", rs->adult_body, true);
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, rs, F, "2024-06-01", out);
	assert_non_null(found("charge-downgraded", "proceeding:1"));
	assert_non_null(found("no-specialised-prosecutor", "proceeding:1"));
	assert_non_null(found("age-uncertain-treated-as-adult", "decision:2"));
	/* No profile at all: the code-list rules still run, the article ones
	 * find nothing to judge. */
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, NULL, F, "2024-06-01", out);
	assert_int_equal(count("charge-downgraded"), 0);
	free(rs);
}

/* identification-overdue with Serbia's public holidays: referred Monday
 * 2024-11-04, the week before Armistice Day (Monday 11 November). A
 * weekday-only count reaches 6 on Tuesday 12 November; with the holiday
 * skipped that is the 5th working day, and the 6th is Wednesday. */
static void identification_overdue_holidays(void **state)
{
	(void)state;
	const char *R = "identification-overdue";
	struct lt_jurisdiction *rs = calloc(1, sizeof(*rs));
	assert_non_null(rs);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_jurisdiction_load("RS", rs, &p), LT_OK);
	reset();
	F->n_reflections = 0;
	lt_str_copy(F->status, sizeof(F->status), "referred");
	lt_str_copy(F->referral_date, sizeof(F->referral_date), "2024-11-04");
	lt_str_copy(F->reasonable_grounds, sizeof(F->reasonable_grounds), "pending");
	F->reasonable_grounds_date[0] = '\0';
	lt_str_copy(F->identification, sizeof(F->identification), "pending");
	F->identification_date[0] = '\0';
	/* The test profile has no holidays: weekdays only, raised on the 12th. */
	run("2024-11-12");
	assert_non_null(found(R, "reasonable_grounds"));
	assert_null(strstr(found(R, "reasonable_grounds")->message, "holiday"));
	assert_non_null(strstr(found(R, "reasonable_grounds")->detail, "\"holidays_skipped\":0"));
	/* Serbia's profile: not overdue that day. */
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, rs, F, "2024-11-12", out);
	assert_null(found(R, "reasonable_grounds"));
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, rs, F, "2024-11-13", out);
	const struct lt_finding *x = found(R, "reasonable_grounds");
	assert_non_null(x);
	assert_non_null(
	    strstr(x->message, "after 6 working days (limit 5; 1 public holiday not counted)."));
	assert_non_null(strstr(x->detail, "\"working_days\":6,\"limit\":5,\"holidays_skipped\":1"));

	/* Referred Friday 2024-04-26, before Labour Day and Easter (1, 2, 3 and
	 * 6 May off): weekdays alone would flag Monday 6 May; the 6th working
	 * day is Friday 10 May. */
	lt_str_copy(F->referral_date, sizeof(F->referral_date), "2024-04-26");
	run("2024-05-06");
	assert_non_null(found(R, "reasonable_grounds"));
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, rs, F, "2024-05-09", out);
	assert_null(found(R, "reasonable_grounds"));
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, rs, F, "2024-05-10", out);
	x = found(R, "reasonable_grounds");
	assert_non_null(x);
	assert_non_null(strstr(x->message, "(limit 5; 4 public holidays not counted)."));
	/* The deployment's own threshold keeps its meaning: 7 working days
	 * with holidays skipped. */
	struct lt_rule_config *rule = (struct lt_rule_config *)lt_compliance_rule(cfg, R);
	assert_non_null(rule);
	int *limit = NULL;
	for (int i = 0; i < rule->n_thresholds; i++)
		if (strcmp(rule->thresholds[i].name, "reasonable_grounds_working_days") == 0)
			limit = &rule->thresholds[i].value;
	assert_non_null(limit);
	int saved = *limit;
	*limit = 7;
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, rs, F, "2024-05-13", out); /* the 7th */
	assert_null(found(R, "reasonable_grounds"));
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(cfg, rs, F, "2024-05-14", out);
	assert_non_null(found(R, "reasonable_grounds"));
	*limit = saved;
	free(rs);
}

/* --- configuration --- */

static void shipped_rules(void **state)
{
	(void)state;
	assert_int_equal(cfg->n_rules, 22);
	static const char *const high[] = {
	    "assistance-conditional-on-cooperation", "removal-during-identification",
	    "victim-penalised", "vulnerable-witness-not-implemented", "threat-without-protection",
	    "age-uncertain-treated-as-adult", "child-without-guardian", "identity-disclosed",
	    "service-without-consent"};
	for (size_t i = 0; i < LT_ARRAY_LEN(high); i++)
		assert_int_equal(lt_compliance_rule(cfg, high[i])->severity, LT_SEVERITY_HIGH);
	const struct lt_rule_config *r = lt_compliance_rule(cfg, "identification-overdue");
	assert_non_null(r);
	assert_int_equal(lt_rule_threshold(r, "conclusive_days", -1), 30);
	assert_int_equal(lt_rule_threshold(r, "reasonable_grounds_working_days", -1), 5);
	assert_int_equal(lt_rule_threshold(r, "nonsense", -7), -7);
	assert_true(r->enabled);
	assert_false(r->register_wide);
	assert_true(lt_compliance_rule(cfg, "unequal-access-foreign")->register_wide);
	assert_int_equal(lt_rule_threshold(lt_compliance_rule(cfg, "unequal-access-foreign"),
					   "min_foreign", -1),
			 5);
	r = lt_compliance_rule(cfg, "victim-penalised");
	assert_true(lt_rule_list_has(r, "linked_offences", "begging"));
	assert_true(lt_rule_list_has(r, "linked_offences", "document_fraud"));
	assert_false(lt_rule_list_has(r, "linked_offences", "labour"));
	assert_false(lt_rule_list_has(r, "other_list", "begging"));
	r = lt_compliance_rule(cfg, "reflection-period-short");
	assert_true(lt_rule_list_has(r, "allowed_end_grounds", "public_order"));
	assert_false(lt_rule_list_has(r, "allowed_end_grounds", "other"));
	r = lt_compliance_rule(cfg, "removal-during-identification");
	assert_int_equal(r->n_refs, 2);
	assert_string_equal(r->refs[0], "CoE 10(2)");
	assert_true(r->title[0] && r->standard[0] && r->action[0]);
	/* Every rule has its words in Serbian (Latin script), not a copy of the
	 * English: no letters outside the Serbian alphabet (q, w, x, y), which
	 * the UI's transliteration to Cyrillic would leave in Latin. */
	for (int i = 0; i < cfg->n_rules; i++) {
		const struct lt_rule_config *x = &cfg->rules[i];
		const char *sr[] = {x->title_sr, x->standard_sr, x->action_sr};
		const char *en[] = {x->title, x->standard, x->action};
		for (size_t k = 0; k < LT_ARRAY_LEN(sr); k++) {
			if (!sr[k][0] || strcmp(sr[k], en[k]) == 0)
				fail_msg("rule %s: Serbian text %zu is empty or English", x->id, k);
			for (const char *c = sr[k]; *c; c++)
				if (strchr("qwxyQWXY", *c))
					fail_msg("rule %s: '%c' is not a Serbian letter", x->id, *c);
		}
	}
	r = lt_compliance_rule(cfg, "reflection-period-missing");
	assert_non_null(strstr(r->title_sr, "oporavka i razmišljanja"));
	assert_null(lt_compliance_rule(cfg, "no-such-rule"));
	assert_string_equal(lt_severity_name(LT_SEVERITY_HIGH), "high");
	assert_string_equal(lt_severity_name(LT_SEVERITY_MEDIUM), "medium");
	assert_string_equal(lt_severity_name(LT_SEVERITY_LOW), "low");
}

/* Every rule id in the table of shared/reference/standards.md is shipped. */
static void standards_ids_shipped(void **state)
{
	(void)state;
	static const char *const ids[] = {
	    "assistance-conditional-on-cooperation", "service-without-consent",
	    "reflection-period-missing", "reflection-period-short", "removal-during-identification",
	    "identification-overdue", "identification-without-reasons",
	    "age-uncertain-treated-as-adult", "child-without-guardian", "child-not-in-education",
	    "victim-penalised", "no-specialised-prosecutor", "charge-downgraded",
	    "plea-deal-child-victim", "lenient-sentence", "compensation-not-claimed",
	    "compensation-unpaid", "vulnerable-witness-not-implemented", "threat-without-protection",
	    "non-specialised-accommodation", "unequal-access-foreign", "identity-disclosed"};
	for (size_t i = 0; i < LT_ARRAY_LEN(ids); i++)
		assert_non_null(lt_compliance_rule(cfg, ids[i]));
	/* And from the document itself, when the shared folder is there. */
	const char *shared = getenv("LT_SHARED_DIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/reference/standards.md", shared ? shared : "../shared");
	size_t len = 0;
	char *text = lt_test_slurp(path, &len);
	if (!text) {
		fprintf(stderr, "note: %s not found; checked the built-in list only\n", path);
		return;
	}
	int seen = 0;
	for (char *line = text; line && *line;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncmp(line, "| `", 3) == 0) {
			char *end = strchr(line + 3, '`');
			assert_non_null(end);
			*end = '\0';
			if (!lt_compliance_rule(cfg, line + 3))
				fail_msg("rule %s of standards.md is not in rules.json", line + 3);
			seen++;
		}
		line = next;
	}
	free(text);
	assert_int_equal(seen, 22);
}

static bool problem_has(const struct lt_problem *p, const char *field, const char *words)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (strcmp(p->fields[i].field, field) == 0 && strstr(p->fields[i].reason, words))
			return true;
	for (size_t i = 0; i < p->nfields; i++)
		fprintf(stderr, "  field %s: %s\n", p->fields[i].field, p->fields[i].reason);
	return false;
}

/* The shipped file changed by EDIT (a jansson edit of the root), parsed. */
static lt_err parse_edited(void (*edit)(json_t *root), struct lt_problem *p)
{
	const struct lt_embedded_file *f = lt_embed_find(lt_data_files, "compliance/rules.json");
	assert_non_null(f);
	json_error_t err;
	json_t *root = json_loadb((const char *)f->data, f->len, 0, &err);
	assert_non_null(root);
	edit(root);
	char *text = json_dumps(root, JSON_COMPACT);
	json_decref(root);
	struct lt_compliance_config *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	lt_problem_init(p);
	lt_err rc = lt_compliance_config_parse(text, strlen(text), NULL, 0, c, p);
	if (rc)
		assert_int_equal(c->n_rules, 0); /* nothing half-filled */
	free(c);
	free(text);
	return rc;
}

static json_t *rule_obj(json_t *root, const char *id)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(root, "rules"), i, r)
	{
		if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0)
			return r;
	}
	return NULL;
}

static void edit_unknown_key(json_t *root)
{
	json_object_set_new(rule_obj(root, "service-without-consent"), "colour", json_string("red"));
}
static void edit_missing_rule(json_t *root)
{
	json_t *rules = json_object_get(root, "rules");
	json_array_remove(rules, json_array_size(rules) - 1);
}
static void edit_bad_severity(json_t *root)
{
	json_object_set_new(rule_obj(root, "victim-penalised"), "severity", json_string("urgent"));
}
static void edit_unknown_rule(json_t *root)
{
	json_t *r = json_deep_copy(rule_obj(root, "identity-disclosed"));
	json_object_set_new(r, "id", json_string("made-up-rule"));
	json_array_append_new(json_object_get(root, "rules"), r);
}
static void edit_missing_threshold(json_t *root)
{
	json_object_del(json_object_get(rule_obj(root, "identification-overdue"), "thresholds"),
			"conclusive_days");
}
static void edit_unknown_threshold(json_t *root)
{
	json_object_set_new(json_object_get(rule_obj(root, "child-without-guardian"), "thresholds"),
			    "weeks", json_integer(1));
}
static void edit_bad_format(json_t *root)
{
	json_object_set_new(root, "format", json_string("lantern-compliance/2"));
}
static void edit_wrong_scope(json_t *root)
{
	json_object_set_new(rule_obj(root, "identity-disclosed"), "scope", json_string("register"));
}
static void edit_missing_title(json_t *root)
{
	json_object_del(rule_obj(root, "lenient-sentence"), "title");
}
static void edit_missing_standard_sr(json_t *root)
{
	json_object_del(rule_obj(root, "child-without-guardian"), "standard_sr");
}
static void edit_empty_title_sr(json_t *root)
{
	json_object_set_new(rule_obj(root, "lenient-sentence"), "title_sr", json_string(""));
}
static void edit_long_action_sr(json_t *root)
{
	char text[900];
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	json_object_set_new(rule_obj(root, "identity-disclosed"), "action_sr", json_string(text));
}
static void edit_duplicate(json_t *root)
{
	json_array_append_new(json_object_get(root, "rules"),
			      json_deep_copy(rule_obj(root, "identity-disclosed")));
}

static void config_errors_named(void **state)
{
	(void)state;
	struct lt_problem p;
	assert_int_equal(parse_edited(edit_unknown_key, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.service-without-consent.colour", "unknown key"));
	assert_int_equal(parse_edited(edit_missing_rule, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.identity-disclosed", "missing"));
	assert_int_equal(parse_edited(edit_bad_severity, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.victim-penalised.severity", "high, medium, low"));
	assert_int_equal(parse_edited(edit_unknown_rule, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules[22].id", "made-up-rule"));
	assert_int_equal(parse_edited(edit_missing_threshold, &p), LT_ERR_INVALID);
	assert_true(
	    problem_has(&p, "rules.identification-overdue.thresholds.conclusive_days", "required"));
	assert_int_equal(parse_edited(edit_unknown_threshold, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.child-without-guardian.thresholds.weeks", "not a threshold"));
	assert_int_equal(parse_edited(edit_bad_format, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "format", "lantern-compliance/1"));
	assert_int_equal(parse_edited(edit_wrong_scope, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.identity-disclosed.scope", "case"));
	assert_int_equal(parse_edited(edit_missing_title, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.lenient-sentence.title", "required"));
	assert_int_equal(parse_edited(edit_missing_standard_sr, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.child-without-guardian.standard_sr", "required"));
	assert_int_equal(parse_edited(edit_empty_title_sr, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.lenient-sentence.title_sr", "non-empty"));
	assert_int_equal(parse_edited(edit_long_action_sr, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.identity-disclosed.action_sr", "at most 799 bytes"));
	assert_int_equal(parse_edited(edit_duplicate, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.identity-disclosed", "twice"));

	struct lt_compliance_config *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	lt_problem_init(&p);
	assert_int_equal(lt_compliance_config_parse("{\"format\":", 10, NULL, 0, c, &p),
			 LT_ERR_INVALID);
	assert_non_null(strstr(p.detail, "compliance rules file"));
	free(c);
}

static lt_err load_with(const char *overrides, struct lt_compliance_config *c, struct lt_problem *p)
{
	lt_problem_init(p);
	return lt_compliance_config_load(overrides, strlen(overrides), c, p);
}

static void overrides(void **state)
{
	(void)state;
	struct lt_compliance_config *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	struct lt_problem p;
	assert_int_equal(
	    load_with("{\"rules\":{\"child-without-guardian\":{\"severity\":\"medium\","
		      "\"thresholds\":{\"days\":1}},\"identity-disclosed\":{\"enabled\":false},"
		      "\"victim-penalised\":{\"lists\":{\"linked_offences\":[\"labour\"]}}}}",
		      c, &p),
	    LT_OK);
	const struct lt_rule_config *r = lt_compliance_rule(c, "child-without-guardian");
	assert_int_equal(r->severity, LT_SEVERITY_MEDIUM);
	assert_int_equal(lt_rule_threshold(r, "days", -1), 1);
	assert_false(lt_compliance_rule(c, "identity-disclosed")->enabled);
	r = lt_compliance_rule(c, "victim-penalised");
	assert_true(lt_rule_list_has(r, "linked_offences", "labour"));
	assert_false(lt_rule_list_has(r, "linked_offences", "begging")); /* replaced */

	/* The overridden threshold and the disabled rule take effect. */
	reset();
	F->is_child = 1;
	F->unaccompanied = 1;
	struct lt_fact_disclosure *d = &F->disclosures[F->n_disclosures++];
	d->id = 1;
	lt_str_copy(d->date, 11, "2024-03-02");
	memset(out, 0, sizeof(*out));
	lt_compliance_check_case(c, jur, F, "2024-03-03", out);
	assert_non_null(found("child-without-guardian", ""));
	assert_int_equal(found("child-without-guardian", "")->rule->severity, LT_SEVERITY_MEDIUM);
	assert_int_equal(count("identity-disclosed"), 0);
	run("2024-03-03"); /* the shipped config: 3 days, disclosure raised */
	assert_int_equal(count("child-without-guardian"), 0);
	assert_int_equal(count("identity-disclosed"), 1);

	/* Disabling the register rule. */
	assert_int_equal(load_with("{\"rules\":{\"unequal-access-foreign\":{\"enabled\":false}}}", c, &p),
			 LT_OK);
	struct lt_access_figures fig;
	memset(&fig, 0, sizeof(fig));
	fig.nationals = 10;
	fig.foreign = 10;
	fig.n_services = 1;
	lt_str_copy(fig.services[0].type, 32, "medical");
	fig.services[0].nationals = 10;
	memset(out, 0, sizeof(*out));
	lt_compliance_check_register(c, &fig, out);
	assert_int_equal(out->n, 0);
	lt_compliance_check_register(cfg, &fig, out);
	assert_int_equal(out->n, 1);

	/* Refused: unknown id, unknown threshold, bad severity, bad value,
	 * unknown key, unknown list, not JSON. */
	assert_int_equal(load_with("{\"rules\":{\"no-such-rule\":{\"enabled\":false}}}", c, &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.no-such-rule", "not a rule"));
	assert_int_equal(c->n_rules, 0);
	assert_int_equal(
	    load_with("{\"rules\":{\"compensation-unpaid\":{\"thresholds\":{\"weeks\":3}}}}", c, &p),
	    LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.compensation-unpaid.thresholds.weeks", "not a threshold"));
	assert_int_equal(
	    load_with("{\"rules\":{\"compensation-unpaid\":{\"thresholds\":{\"months\":-1}}}}", c, &p),
	    LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.compensation-unpaid.thresholds.months", "integer from"));
	assert_int_equal(load_with("{\"rules\":{\"compensation-unpaid\":{\"severity\":\"HIGH\"}}}", c, &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.compensation-unpaid.severity", "high, medium, low"));
	assert_int_equal(load_with("{\"rules\":{\"compensation-unpaid\":{\"title\":\"x\"}}}", c, &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.compensation-unpaid.title", "unknown key"));
	/* The Serbian words are the standard too: not overridable. */
	assert_int_equal(load_with("{\"rules\":{\"compensation-unpaid\":{\"title_sr\":\"x\"}}}", c, &p),
			 LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.compensation-unpaid.title_sr", "unknown key"));
	assert_int_equal(
	    load_with("{\"rules\":{\"compensation-unpaid\":{\"lists\":{\"x\":[]}}}}", c, &p),
	    LT_ERR_INVALID);
	assert_true(problem_has(&p, "rules.compensation-unpaid.lists.x", "not a list"));
	assert_int_equal(load_with("{\"thresholds\":{}}", c, &p), LT_ERR_INVALID);
	assert_true(problem_has(&p, "thresholds", "unknown key"));
	assert_int_equal(load_with("{\"rules\":", c, &p), LT_ERR_INVALID);
	assert_non_null(strstr(p.detail, "overrides"));
	/* Empty overrides change nothing. */
	assert_int_equal(load_with("{}", c, &p), LT_OK);
	assert_int_equal(c->n_rules, 22);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(quiet_case_raises_nothing),
	    cmocka_unit_test(assistance_conditional),
	    cmocka_unit_test(service_without_consent),
	    cmocka_unit_test(reflection_missing),
	    cmocka_unit_test(reflection_short),
	    cmocka_unit_test(reflection_short_own_minimum),
	    cmocka_unit_test(removal_during_identification),
	    cmocka_unit_test(identification_overdue),
	    cmocka_unit_test(identification_overdue_holidays),
	    cmocka_unit_test(identification_without_reasons),
	    cmocka_unit_test(age_uncertain),
	    cmocka_unit_test(child_without_guardian),
	    cmocka_unit_test(child_not_in_education),
	    cmocka_unit_test(victim_penalised),
	    cmocka_unit_test(no_specialised_prosecutor),
	    cmocka_unit_test(charge_downgraded),
	    cmocka_unit_test(plea_deal_child),
	    cmocka_unit_test(lenient_sentence),
	    cmocka_unit_test(compensation_not_claimed),
	    cmocka_unit_test(compensation_unpaid),
	    cmocka_unit_test(vulnerable_witness),
	    cmocka_unit_test(threat_without_protection),
	    cmocka_unit_test(non_specialised_accommodation),
	    cmocka_unit_test(identity_disclosed),
	    cmocka_unit_test(unequal_access),
	    cmocka_unit_test(findings_capped),
	    cmocka_unit_test(with_serbia_profile),
	    cmocka_unit_test(shipped_rules),
	    cmocka_unit_test(standards_ids_shipped),
	    cmocka_unit_test(config_errors_named),
	    cmocka_unit_test(overrides),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
