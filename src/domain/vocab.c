#include "domain/vocab.h"

static const char *const role_names[] = {
	[LT_ROLE_NONE] = "",
	[LT_ROLE_ADMIN] = "admin",
	[LT_ROLE_COORDINATOR] = "coordinator",
	[LT_ROLE_CASEWORKER] = "caseworker",
	[LT_ROLE_PROSECUTOR_LIAISON] = "prosecutor_liaison",
	[LT_ROLE_ANALYST] = "analyst",
	[LT_ROLE_AUDITOR] = "auditor",
};

/* Must match the CHECK constraint in the first migration. */
static const char *const org_kinds[] = {
	"center", "social_welfare", "ngo", "shelter", "police", "prosecution", "court",
	"labour_inspection", "health", "foreign_mechanism", "international_org",
	"administration", "other",
};

enum lt_role lt_role_parse(const char *name)
{
	for (size_t i = 1; i < LT_ARRAY_LEN(role_names); i++)
		if (strcmp(role_names[i], name) == 0)
			return (enum lt_role)i;
	return LT_ROLE_NONE;
}

const char *lt_role_name(enum lt_role role)
{
	return (size_t)role < LT_ARRAY_LEN(role_names) ? role_names[role] : "";
}

const char *lt_role_names(void)
{
	return "admin, coordinator, caseworker, prosecutor_liaison, analyst, auditor";
}

bool lt_org_kind_valid(const char *kind)
{
	for (size_t i = 0; i < LT_ARRAY_LEN(org_kinds); i++)
		if (strcmp(org_kinds[i], kind) == 0)
			return true;
	return false;
}

const char *lt_org_kind_names(void)
{
	return "center, social_welfare, ngo, shelter, police, prosecution, court, "
	       "labour_inspection, health, foreign_mechanism, international_org, administration, "
	       "other";
}

bool lt_sex_valid(const char *sex)
{
	return !strcmp(sex, "female") || !strcmp(sex, "male") || !strcmp(sex, "other") ||
	       !strcmp(sex, "unknown");
}
