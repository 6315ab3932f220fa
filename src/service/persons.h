/* Persons: the people a case is about. Names are sealed at rest and found
 * only by exact match through a blind index; every read is audited.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_PERSONS_H
#define LT_SERVICE_PERSONS_H
#include "service/context.h"
#include <jansson.h>

/** Validates BODY ({given_name?, family_name?, sex, birth_year?}) and stores
 *  a person in the actor's organisation; returns its public JSON in OUT. */
lt_err lt_svc_person_create(struct lt_ctx *ctx, const json_t *body, json_t **out);
/** Reads one person, identity included; LT_ERR_NOT_FOUND outside scope. */
lt_err lt_svc_person_get(struct lt_ctx *ctx, int64_t id, json_t **out);
/** Finds persons whose full name (given then family) or, when that finds
 *  nothing, family name equals NAME after normalisation. The list holds no
 *  names: {"items": [{"id","sex","birth_year","organisation_id"}]}. */
lt_err lt_svc_person_search(struct lt_ctx *ctx, const char *name, json_t **out);

#endif
