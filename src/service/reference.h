/* The reference data the UI needs: vocabularies with their labels and the
 * deployment's jurisdiction profile.
 * Ownership: JSON results are new references for the caller. */
#ifndef LT_SERVICE_REFERENCE_H
#define LT_SERVICE_REFERENCE_H
#include "service/context.h"
#include <jansson.h>

/** Every vocabulary with English, Serbian Latin and Cyrillic labels. */
lt_err lt_svc_vocabularies(struct lt_ctx *ctx, json_t **out);
/** The facts of the deployment's jurisdiction profile the case rules use. */
lt_err lt_svc_jurisdiction(struct lt_ctx *ctx, json_t **out);

#endif
