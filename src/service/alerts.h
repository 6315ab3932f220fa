/* Compliance alerts: the rules of data/compliance/rules.json (the standards a
 * referral system is judged by) run over a case after every write to it and
 * over the whole register on demand; what they find is kept as alerts that a
 * coordinator resolves or justifies (docs/compliance.md).
 * Ownership: JSON answers belong to the caller (json_decref). */
#ifndef LT_SERVICE_ALERTS_H
#define LT_SERVICE_ALERTS_H
#include "service/context.h"

/** Runs the case rules over every case the open write transaction wrote
 *  (lt_store_touched_next) and records what they find, inside that
 *  transaction. Called by lt_ctx_commit(). */
lt_err lt_alerts_check_touched(struct lt_ctx *ctx);

#endif
