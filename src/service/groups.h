/* Group cases: one event with many victims (hundreds of workers at one
 * site), with its employer and recruitment chain, and the cases of the
 * people in it, attached from existing cases or created in bulk from a CSV.
 * A group belongs to the organisation that created it; coordinators see
 * every group, others their own organisation's (404 otherwise). Every
 * function authorises through policy.h; writes are audited in their own
 * transaction, and attaching also goes on each case's timeline.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_GROUPS_H
#define LT_SERVICE_GROUPS_H
#include "service/context.h"
#include <jansson.h>

/** Creates a group owned by the actor's organisation: BODY {name, site?,
 *  country?, employer?, sector?, recruiters?: [{role, name?, country?}]}
 *  (recruiter names sealed). OUT gets the group as lt_svc_group_get shows it. */
lt_err lt_svc_group_create(struct lt_ctx *ctx, const json_t *body, json_t **out);
/** The groups in the actor's scope, newest first: {"items": [...]}. */
lt_err lt_svc_group_list(struct lt_ctx *ctx, json_t **out);
/** One group: its facts, the recruitment chain in order (names only for
 *  the owning organisation and coordinators), its members that the actor
 *  may read and the number of all its cases by status. */
lt_err lt_svc_group_get(struct lt_ctx *ctx, int64_t id, json_t **out);
/** Attaches existing cases to group ID: BODY {case_ids: [...]}, all or
 *  none, each named by its index when it cannot be attached. */
lt_err lt_svc_group_attach(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Creates one case per row of LEN bytes of CSV in group ID, all or none,
 *  owned by the actor's organisation. The header names the columns (ref,
 *  given_name, family_name, sex, birth_date, birth_year, citizenship,
 *  referral_date, source, exploitation, countries_of_exploitation; sex,
 *  referral_date and source are required; multi-valued cells are separated
 *  by ';'). Errors name "row N: column", N counting data rows from 1.
 *  *CREATED gets the number of cases made. */
lt_err lt_svc_group_import_csv(struct lt_ctx *ctx, int64_t id, const char *csv, size_t len,
			       int64_t *created, json_t **out);

/** Loads group ID if the actor may see it (FOR_CHANGE: and change it, as
 *  the owning organisation or a coordinator); LT_ERR_NOT_FOUND otherwise. */
lt_err lt_group_load(struct lt_ctx *ctx, int64_t id, bool for_change, struct lt_group_row *g);

#endif
