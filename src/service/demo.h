/* Synthetic demo data: organisations, one user per role and a few persons
 * whose names are invented. Everything it creates says it is synthetic.
 * Ownership: LOGINS is a new JSON array for the caller. */
#ifndef LT_SERVICE_DEMO_H
#define LT_SERVICE_DEMO_H
#include "service/context.h"
#include <jansson.h>

/** Loads the demo set once (LT_ERR_EXISTS when it is already there) and
 *  returns the demo logins as [{"username","password","role","organisation"}]. */
lt_err lt_svc_demo_load(struct lt_ctx *ctx, json_t **logins);

#endif
