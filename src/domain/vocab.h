/* Closed vocabularies of the core: roles, organisation kinds, sex. Pure
 * lookups with no I/O. Ownership: all strings returned are static. */
#ifndef LT_DOMAIN_VOCAB_H
#define LT_DOMAIN_VOCAB_H
#include "base/common.h"

enum lt_role {
	LT_ROLE_NONE = 0,
	LT_ROLE_ADMIN,
	LT_ROLE_COORDINATOR,
	LT_ROLE_CASEWORKER,
	LT_ROLE_PROSECUTOR_LIAISON,
	LT_ROLE_ANALYST,
	LT_ROLE_AUDITOR,
};

/** The role named NAME, or LT_ROLE_NONE. */
enum lt_role lt_role_parse(const char *name);
/** The wire name of ROLE ("admin", ...). */
const char *lt_role_name(enum lt_role role);
/** A comma-separated list of all role names, for error messages. */
const char *lt_role_names(void);
/** True when KIND is a known organisation kind. */
bool lt_org_kind_valid(const char *kind);
/** A comma-separated list of organisation kinds, for error messages. */
const char *lt_org_kind_names(void);
/** True when SEX is one of female, male, other, unknown. */
bool lt_sex_valid(const char *sex);

#endif
