/* The compliance rules of shared/reference/standards.md as pure functions:
 * what the data of one case (or, for register-wide rules, the figures of a
 * period) shows against the standards a referral mechanism is judged by.
 * The rules never decide for a person; they tell a coordinator what to look
 * at. Their ids, references, severities and thresholds are configuration
 * (data/compliance/rules.json, compiled in; docs/compliance.md).
 * Pure: no I/O, no clock (TODAY is passed in). Ownership: facts, config and
 * findings are plain values owned by the caller; lists are caller-filled
 * fixed arrays, and a list that did not fit sets its `truncated` flag (the
 * rules then still judge the rows they have). */
#ifndef LT_DOMAIN_COMPLIANCE_H
#define LT_DOMAIN_COMPLIANCE_H
#include "base/common.h"
#include "base/problem.h"
#include "domain/jurisdiction.h"

#define LT_FACTS_MAX 32 /* rows of one kind kept per case */

/* --- what a case's records show (codes and dates only; "" = none) --- */

struct lt_fact_decision {
	int64_t id;
	char stage[20];   /* reasonable_grounds, conclusive, review */
	char outcome[16];
	char date[11];
	char body[161];
	bool has_reasons; /* written reasons were recorded */
};

struct lt_fact_reflection {
	int64_t id;
	char status[12]; /* granted, refused, ended */
	char decision_date[11], start_date[11], planned_end_date[11], actual_end_date[11];
	int min_days;
	char grounds[24]; /* why it ended or was refused */
};

struct lt_fact_service {
	int64_t id;
	char type[32];
	char status[12]; /* planned, active, completed, refused, stopped */
	char start_date[11], end_date[11], consent_date[11];
	char stop_reason[24];
};

struct lt_fact_placement {
	int64_t id;
	char place[12]; /* women, men, children */
	char start_date[11], end_date[11];
	bool in_shelter;             /* false: an alternative after a turn-away */
	bool shelter_specialised;    /* on the start date (shelter_states) */
	char alternative[32];
	char turn_away_reason[16];
};

struct lt_fact_charge {
	char date[11];
	char stage[16];
	char article[16], paragraph[8];
};

struct lt_fact_measure {
	char measure[32];
	bool requested, granted;
	int carried_out; /* 1, 0, -1 unknown */
};

struct lt_fact_hearing {
	int64_t id;
	char date[11];
	int confrontation; /* 1, 0, -1 unknown */
	struct lt_fact_measure measures[8];
	int n_measures;
};

struct lt_fact_proceeding {
	int64_t id;
	char opened_date[11], offence_date[11];
	bool prosecutor_specialised;
	char stage[16];
	char indictment_date[11];
	bool plea_agreement;
	char plea_date[11];
	char verdict[12]; /* conviction, acquittal, dismissal, "" */
	char verdict_date[11], verdict_article[16], verdict_paragraph[8];
	int sentence_months; /* -1 none */
	bool sentence_suspended;
	char victim_role[32];
	struct lt_fact_charge charges[16]; /* oldest first */
	int n_charges;
	struct lt_fact_hearing hearings[8]; /* this case's hearings only */
	int n_hearings;
	bool any_child_victim; /* some case linked to this proceeding is a child's */
};

struct lt_fact_claim {
	int64_t id;
	int64_t proceeding_id; /* 0 when none */
	char forum[12];
	char claimed_date[11];
	char status[12];
	char award_date[11];
	int64_t amount_awarded, amount_paid; /* -1 when not recorded */
	char paid_date[11];
};

struct lt_fact_threat {
	int64_t id;
	char date[11];
	char kind[24];
};

struct lt_fact_protection {
	int64_t id;
	int64_t threat_id; /* 0 when none */
	char measure[32];
	char start_date[11], end_date[11];
};

struct lt_fact_victim_proceeding {
	int64_t id;
	char kind[16];
	char offence[24];
	char offence_date[11];
	int during_exploitation; /* 1, 0, -1 unknown */
	char outcome[16];
	char penalty[12];
	bool non_punishment_assessed;
};

struct lt_fact_removal {
	int64_t id;
	char date[11];
	char kind[16];
};

struct lt_fact_disclosure {
	int64_t id;
	char date[11];
	char recipient[16], channel[24];
};

struct lt_fact_age_assessment {
	char date[11];
	char result[16];
};

/** Everything the case rules look at for one case. */
struct lt_case_facts {
	int64_t case_id;
	char status[20];
	char referral_date[11];
	int age_at_referral; /* -1 unknown */
	int is_child;        /* 1, 0, -1 unknown */
	bool age_uncertain;
	int unaccompanied;   /* 1, 0, -1 not recorded */
	char cooperation[16];
	char cooperation_declined_date[11]; /* the latest "declined" event, "" if none */
	char reasonable_grounds[12];
	char reasonable_grounds_date[11];
	char identification[16];
	char identification_date[11];
	char screening_outcome[32]; /* the latest screening's outcome, "" when none */
	struct lt_fact_decision decisions[LT_FACTS_MAX];
	int n_decisions;
	struct lt_fact_reflection reflections[LT_FACTS_MAX];
	int n_reflections;
	struct lt_fact_service services[LT_FACTS_MAX];
	int n_services;
	struct lt_fact_placement placements[LT_FACTS_MAX];
	int n_placements;
	struct lt_fact_proceeding proceedings[8];
	int n_proceedings;
	struct lt_fact_claim claims[16];
	int n_claims;
	struct lt_fact_threat threats[16];
	int n_threats;
	struct lt_fact_protection protections[16];
	int n_protections;
	struct lt_fact_victim_proceeding victim_proceedings[16];
	int n_victim_proceedings;
	struct lt_fact_removal removals[8];
	int n_removals;
	struct lt_fact_disclosure disclosures[16];
	int n_disclosures;
	struct lt_fact_age_assessment age_assessments[8];
	int n_age_assessments;
	bool truncated; /* some list above held more rows than it keeps */
};

/* --- the rules' configuration --- */

enum lt_rule_severity { LT_SEVERITY_LOW, LT_SEVERITY_MEDIUM, LT_SEVERITY_HIGH };

/** One rule as configured: id, references, severity, words (English and
 *  Serbian) and thresholds. */
struct lt_rule_config {
	char id[48];
	bool enabled;
	bool register_wide;
	enum lt_rule_severity severity;
	char refs[6][32];
	int n_refs;
	char title[160];
	char standard[400]; /* the obligation, in plain words */
	char action[400];   /* what to do */
	/* The same three in Serbian (Latin script; the UI transliterates to
	 * Cyrillic). Twice the English room: letters with diacritics are two
	 * bytes in UTF-8. */
	char title_sr[320];
	char standard_sr[800];
	char action_sr[800];
	struct {
		char name[40];
		int value;
	} thresholds[6];
	int n_thresholds;
	/* Code lists a rule reads (e.g. the offences linked to exploitation). */
	struct {
		char name[40];
		char values[12][24];
		int n_values;
	} lists[3];
	int n_lists;
};

struct lt_compliance_config {
	struct lt_rule_config rules[32];
	int n_rules;
};

/** Parses LEN bytes of rules JSON TEXT (the format of
 *  data/compliance/rules.json) into OUT; LT_ERR_INVALID naming the rule and
 *  key when faulty. An OVERRIDES text (may be NULL) changes thresholds,
 *  severities, lists and `enabled` of rules by id (a deployment's own
 *  settings); an unknown rule id or threshold name there is an error. */
lt_err lt_compliance_config_parse(const char *text, size_t len, const char *overrides,
				  size_t overrides_len, struct lt_compliance_config *out,
				  struct lt_problem *p);
/** Parses the compiled-in data/compliance/rules.json with the deployment's
 *  OVERRIDES (LEN bytes; may be NULL) into OUT, as
 *  lt_compliance_config_parse() does; LT_ERR_NOT_FOUND when the build lacks
 *  the file. Pure: reads embedded data only. */
lt_err lt_compliance_config_load(const char *overrides, size_t len,
				 struct lt_compliance_config *out, struct lt_problem *p);
/** The rule ID, NULL when none. */
const struct lt_rule_config *lt_compliance_rule(const struct lt_compliance_config *c, const char *id);
/** Threshold NAME of RULE, or FALLBACK when it has none. */
int lt_rule_threshold(const struct lt_rule_config *rule, const char *name, int fallback);
/** True when VALUE is in RULE's list NAME. */
bool lt_rule_list_has(const struct lt_rule_config *rule, const char *name, const char *value);
/** "high", "medium", "low". */
const char *lt_severity_name(enum lt_rule_severity s);

/* --- what the rules find --- */

/** One thing a rule found: which rule, about which record of the case
 *  (SUBJECT, e.g. "service:12"; "" for the case as a whole), a message with
 *  dates and numbers and no names, and details as codes (a JSON object text). */
struct lt_finding {
	const struct lt_rule_config *rule;
	char subject[48];
	char message[400];
	char detail[256];
};

struct lt_findings {
	struct lt_finding items[64];
	int n;
	bool truncated;
};

/** Runs every enabled case rule of CONFIG over FACTS as of TODAY under
 *  jurisdiction J, appending to OUT (which the caller zeroes). */
void lt_compliance_check_case(const struct lt_compliance_config *config,
			      const struct lt_jurisdiction *j, const struct lt_case_facts *facts,
			      const char *today, struct lt_findings *out);

/** For the register-wide rule on equal access: identified victims of one
 *  period by citizenship, and how many of each received each service type. */
struct lt_access_figures {
	char period[16]; /* "2024" */
	int nationals, foreign;
	struct {
		char type[32];
		int nationals, foreign;
	} services[24];
	int n_services;
};

/** Runs the enabled register-wide rules over FIGURES, appending to OUT. */
void lt_compliance_check_register(const struct lt_compliance_config *config,
				  const struct lt_access_figures *figures, struct lt_findings *out);

#endif
