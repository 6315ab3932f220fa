/* Compliance alerts: the rules of data/compliance/rules.json (the standards a
 * referral system is judged by) run over a case after every write to it and
 * over the whole register on demand (and daily in the server); what they
 * find is kept as alerts that a coordinator resolves or justifies
 * (docs/compliance.md).
 * Ownership: JSON answers belong to the caller (json_decref); the rules'
 * configuration is loaded once per process and shared, never freed. */
#ifndef LT_SERVICE_ALERTS_H
#define LT_SERVICE_ALERTS_H
#include "domain/compliance.h"
#include "service/context.h"
#include <jansson.h>

/** What a run of the rules did. */
struct lt_alert_counts {
	int cases;    /* cases looked at */
	int raised;   /* new alerts */
	int reopened; /* resolved alerts found again */
	int cleared;  /* open alerts the data no longer shows */
	int64_t open; /* open alerts in the whole register afterwards */
};

/** The rules' configuration: the embedded rules with the deployment's
 *  overrides (the file CTX->config->compliance_path, when it exists),
 *  loaded once per process. NULL, with CTX's problem set, when the
 *  override file is unreadable or faulty. */
const struct lt_compliance_config *lt_alerts_config(struct lt_ctx *ctx);
/** Loads the configuration for CONFIG as lt_alerts_config() does, so that a
 *  faulty override file stops a command before it serves anything. */
lt_err lt_alerts_config_check(const struct lt_config *config, struct lt_problem *p);

/** Runs the case rules over every case the open write transaction wrote
 *  (lt_store_touched_next) and records what they find, inside that
 *  transaction. Called by lt_ctx_commit(). */
lt_err lt_alerts_check_touched(struct lt_ctx *ctx);
/** Runs the case rules over every case, in transactions of a few hundred
 *  cases, and the register-wide rules over this year and the last; fills
 *  COUNTS. STOP (may be NULL) is asked between transactions and ends the
 *  run early (LT_OK) when it answers true. Lantern itself acts (no user). */
lt_err lt_alerts_recheck_all(struct lt_ctx *ctx, struct lt_alert_counts *counts,
			     bool (*stop)(void *arg), void *arg);

/** Which alerts to list (GET /api/v1/alerts). */
struct lt_alert_query {
	const char *rule, *status, *severity;
	const char *case_ref; /* a case id or case number; NULL for any */
	int page, per_page;
};
/** A page of alerts within the actor's scope (LT_ACT_ALERT_READ; a scoped
 *  caller sees its organisation's cases' alerts and no register-wide ones):
 *  {items, total, page, per_page, open_by_rule}. Bad filters are field
 *  errors named query.NAME. */
lt_err lt_svc_alert_list(struct lt_ctx *ctx, const struct lt_alert_query *q, json_t **out);
/** Alert ID with its events (LT_ACT_ALERT_READ); 404 outside the scope. */
lt_err lt_svc_alert_get(struct lt_ctx *ctx, int64_t id, json_t **out);
/** Marks alert ID resolved by the actor (LT_ACT_ALERT_RESOLVE): BODY
 *  {note?}. The rule runs again first; LT_ERR_CONFLICT while the data still
 *  shows the problem. A resolved alert answers as it is. Audited. */
lt_err lt_svc_alert_resolve(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** Marks alert ID justified (LT_ACT_ALERT_RESOLVE): BODY {reason} (up to
 *  2000 bytes, sealed). LT_ERR_CONFLICT for a resolved alert. Audited. */
lt_err lt_svc_alert_justify(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out);
/** The configured rules (LT_ACT_ALERT_READ): {rules: [...]}. */
lt_err lt_svc_compliance_rules(struct lt_ctx *ctx, json_t **out);
/** Adds "alerts" (open and justified) of case C to OBJ when the actor may
 *  read them; otherwise adds nothing and leaves CTX's problem clear. */
lt_err lt_alerts_case_json(struct lt_ctx *ctx, const struct lt_case_row *c, json_t *obj);

#endif
