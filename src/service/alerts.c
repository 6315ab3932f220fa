#include "service/alerts.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/jurisdiction.h"
#include "service/assistance.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/policy.h"
#include <errno.h>
#include <pthread.h>

#define REASON_MAX 2000
#define OVERRIDES_MAX (1024 * 1024)
#define RECHECK_BATCH 200

/* --- the rules' configuration, once per process --- */

static pthread_mutex_t config_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lt_compliance_config config_cache;
static char config_path[sizeof(((struct lt_config *)0)->compliance_path)];
static bool config_loaded;

/* Reads the override file PATH into *TEXT (malloc'd; NULL when the file does
 * not exist: a deployment without overrides). */
static lt_err read_overrides(const char *path, char **text, size_t *len, struct lt_problem *p)
{
	*text = NULL;
	*len = 0;
	if (!path[0])
		return LT_OK;
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return LT_OK;
		return lt_problem_set(p, LT_ERR_IO, "cannot read %s: %s", path, strerror(errno));
	}
	char *buf = malloc(OVERRIDES_MAX + 1);
	if (!buf) {
		fclose(f);
		return LT_ERR_NOMEM;
	}
	size_t n = fread(buf, 1, OVERRIDES_MAX + 1, f);
	bool failed = ferror(f) != 0;
	fclose(f);
	if (failed || n > OVERRIDES_MAX) {
		free(buf);
		return lt_problem_set(p, LT_ERR_INVALID, "%s: %s", path,
				      failed ? "cannot be read" : "is larger than 1 MiB");
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return LT_OK;
}

/* Loads the configuration for PATH into the cache; the caller holds the lock. */
static lt_err load_config_locked(const char *path, struct lt_problem *p)
{
	if (config_loaded && strcmp(config_path, path) == 0)
		return LT_OK;
	char *text;
	size_t len;
	lt_err rc = read_overrides(path, &text, &len, p);
	if (rc)
		return rc;
	rc = lt_compliance_config_load(text, len, &config_cache, p);
	free(text);
	if (rc) {
		config_loaded = false;
		if (text && p->detail[0]) {
			/* Name the file, so the operator knows what to fix. */
			char why[sizeof(p->detail)];
			lt_str_copy(why, sizeof(why), p->detail);
			lt_problem_set(p, rc, "%s: %s", path, why);
		}
		return rc;
	}
	lt_str_copy(config_path, sizeof(config_path), path);
	config_loaded = true;
	return LT_OK;
}

const struct lt_compliance_config *lt_alerts_config(struct lt_ctx *ctx)
{
	pthread_mutex_lock(&config_lock);
	lt_err rc = load_config_locked(ctx->config->compliance_path, ctx->problem);
	pthread_mutex_unlock(&config_lock);
	if (rc && !ctx->problem->code)
		lt_problem_set(ctx->problem, rc, "The compliance rules cannot be loaded.");
	return rc ? NULL : &config_cache;
}

lt_err lt_alerts_config_check(const struct lt_config *config, struct lt_problem *p)
{
	pthread_mutex_lock(&config_lock);
	lt_err rc = load_config_locked(config->compliance_path, p);
	pthread_mutex_unlock(&config_lock);
	return rc;
}

/* --- running the rules --- */

/* The year a date or a register-wide subject ("2024:medical") begins with. */
static int year_of(const char *s)
{
	int y = 0;
	for (int i = 0; i < 4 && s[i] >= '0' && s[i] <= '9'; i++)
		y = y * 10 + (s[i] - '0');
	return y;
}

/* What one run needs besides the store. */
struct run {
	struct lt_ctx *ctx;
	const struct lt_compliance_config *config;
	const struct lt_jurisdiction *j;
	char today[11];
	struct lt_case_facts *facts;  /* heap: large */
	struct lt_findings *findings; /* heap: large */
	struct lt_alert_counts *counts;
};

static lt_err run_open(struct lt_ctx *ctx, struct run *r, struct lt_alert_counts *counts)
{
	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->counts = counts;
	if (!(r->config = lt_alerts_config(ctx)))
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	if (!(r->j = lt_ctx_jurisdiction(ctx)))
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	lt_today(r->today);
	r->facts = malloc(sizeof(*r->facts));
	r->findings = malloc(sizeof(*r->findings));
	return r->facts && r->findings ? LT_OK : LT_ERR_NOMEM;
}

static void run_close(struct run *r)
{
	free(r->facts);
	free(r->findings);
	r->facts = NULL;
	r->findings = NULL;
}

/* Runs the case rules over CASE_ID into R->findings. LT_ERR_NOT_FOUND when
 * the case is gone (deleted in this transaction). */
static lt_err find_case(struct run *r, int64_t case_id)
{
	lt_err rc = lt_store_case_facts(r->ctx->store, case_id, r->facts);
	if (rc)
		return rc;
	memset(r->findings, 0, sizeof(*r->findings));
	lt_compliance_check_case(r->config, r->j, r->facts, r->today, r->findings);
	return LT_OK;
}

/* Runs the register-wide rules over YEAR into R->findings. */
static lt_err find_register(struct run *r, int year, struct lt_access_figures *fig)
{
	lt_err rc = lt_store_access_figures(r->ctx->store, year, r->ctx->config->country, fig);
	if (rc)
		return rc;
	memset(r->findings, 0, sizeof(*r->findings));
	lt_compliance_check_register(r->config, fig, r->findings);
	return LT_OK;
}

/* Records R->findings for CASE_ID (0: register-wide, PREFIX its period) and
 * clears what was not found again. */
static lt_err record_findings(struct run *r, int64_t case_id, int64_t org_id, const char *prefix)
{
	struct lt_store *s = r->ctx->store;
	int64_t now = lt_now();
	struct lt_alert_key keys[LT_ARRAY_LEN(r->findings->items)];
	lt_err rc = LT_OK;
	int n = 0;
	for (int i = 0; !rc && i < r->findings->n; i++) {
		const struct lt_finding *f = &r->findings->items[i];
		struct lt_alert_row a;
		memset(&a, 0, sizeof(a));
		lt_str_copy(a.rule, sizeof(a.rule), f->rule->id);
		a.case_id = case_id;
		a.org_id = org_id;
		lt_str_copy(a.subject, sizeof(a.subject), f->subject);
		lt_str_copy(a.severity, sizeof(a.severity), lt_severity_name(f->rule->severity));
		lt_str_copy(a.message, sizeof(a.message), f->message);
		lt_str_copy(a.detail, sizeof(a.detail), f->detail);
		int64_t id;
		enum lt_alert_change change;
		if ((rc = lt_store_alert_upsert(s, &a, now, &id, &change)))
			break;
		if (change == LT_ALERT_RAISED) {
			rc = lt_store_alert_event_insert(s, id, "raised", now, 0, NULL);
			r->counts->raised++;
		} else if (change == LT_ALERT_REOPENED) {
			rc = lt_store_alert_event_insert(s, id, "reopened", now, 0, NULL);
			r->counts->reopened++;
		}
		keys[n].rule = f->rule->id;
		keys[n].subject = f->subject;
		n++;
	}
	/* A run cut short by the findings' cap did not look at everything:
	 * clearing would close alerts it merely did not reach. */
	if (!rc && !r->findings->truncated) {
		int cleared = 0;
		rc = lt_store_alert_clear_missing(s, case_id, prefix, keys, n, now, &cleared);
		r->counts->cleared += cleared;
	}
	return rc;
}

static lt_err check_case(struct run *r, int64_t case_id)
{
	lt_err rc = find_case(r, case_id);
	if (rc == LT_ERR_NOT_FOUND)
		return LT_OK; /* deleted in this transaction (an import replacing it) */
	if (rc)
		return rc;
	struct lt_case_row c;
	if ((rc = lt_store_case_get(r->ctx->store, case_id, &c)))
		return rc;
	r->counts->cases++;
	return record_findings(r, case_id, c.org_id, NULL);
}

lt_err lt_alerts_check_touched(struct lt_ctx *ctx)
{
	int64_t case_id;
	if (lt_store_touched_next(ctx->store, &case_id) != LT_OK)
		return LT_OK; /* the transaction wrote no case */
	struct lt_alert_counts counts;
	memset(&counts, 0, sizeof(counts));
	struct run r;
	lt_err rc = run_open(ctx, &r, &counts);
	do {
		if (!rc)
			rc = check_case(&r, case_id);
	} while (!rc && lt_store_touched_next(ctx->store, &case_id) == LT_OK);
	/* Whatever is left must not leak into the next transaction's list. */
	while (lt_store_touched_next(ctx->store, &case_id) == LT_OK)
		;
	run_close(&r);
	return rc;
}

lt_err lt_alerts_recheck_all(struct lt_ctx *ctx, struct lt_alert_counts *counts,
			     bool (*stop)(void *arg), void *arg)
{
	memset(counts, 0, sizeof(*counts));
	struct run r;
	lt_err rc = run_open(ctx, &r, counts);
	int64_t after = 0;
	int64_t ids[RECHECK_BATCH];
	int n = RECHECK_BATCH;
	/* Batches keep each write transaction short: the server's requests
	 * wait for the write lock only as long as one batch takes. */
	while (!rc && n == RECHECK_BATCH && !(stop && stop(arg))) {
		if ((rc = lt_store_case_ids_after(ctx->store, after, RECHECK_BATCH, ids, &n)) || !n)
			break;
		if ((rc = lt_store_begin(ctx->store)))
			break;
		for (int i = 0; !rc && i < n; i++)
			rc = check_case(&r, ids[i]);
		rc = lt_ctx_finish(ctx, rc);
		after = ids[n - 1];
	}
	if (!rc && !(stop && stop(arg))) {
		char today[11];
		lt_today(today);
		int year = year_of(today);
		struct lt_access_figures fig;
		if (!(rc = lt_store_begin(ctx->store))) {
			for (int y = year - 1; !rc && y <= year; y++) {
				char prefix[16];
				snprintf(prefix, sizeof(prefix), "%d", y);
				if (!(rc = find_register(&r, y, &fig)))
					rc = record_findings(&r, 0, 0, prefix);
			}
			rc = lt_ctx_finish(ctx, rc);
		}
	}
	run_close(&r);
	if (!rc)
		rc = lt_store_alert_open_count(ctx->store, &counts->open);
	if (!rc && !(rc = lt_store_begin(ctx->store))) {
		char detail[96];
		snprintf(detail, sizeof(detail), "cases=%d raised=%d reopened=%d cleared=%d open=%lld",
			 counts->cases, counts->raised, counts->reopened, counts->cleared,
			 (long long)counts->open);
		rc = lt_ctx_finish(ctx, lt_audit_append(ctx, "alerts.recheck", NULL, 0, "ok", detail));
	}
	return rc;
}

/* --- answers --- */

static json_t *time_or_null(int64_t t)
{
	if (!t)
		return json_null();
	char iso[32];
	lt_time_iso(t, iso, sizeof(iso));
	return json_string(iso);
}

/* Whether the actor may see justifications (those who may write them). */
static bool sees_justification(const struct lt_ctx *ctx)
{
	return lt_policy_scope(&ctx->actor, LT_ACT_ALERT_RESOLVE) != LT_SCOPE_NONE;
}

/* The alert as the API shows it; title, standard, action and refs come
 * from the configuration (a rule no longer configured shows its id). */
static json_t *alert_json(struct lt_ctx *ctx, const struct lt_compliance_config *cfg,
			  const struct lt_alert_row *a, bool with_justification)
{
	const struct lt_rule_config *rule = cfg ? lt_compliance_rule(cfg, a->rule) : NULL;
	json_t *refs = json_array();
	for (int i = 0; rule && i < rule->n_refs; i++)
		json_array_append_new(refs, json_string(rule->refs[i]));
	json_t *detail = a->detail[0] ? json_loads(a->detail, 0, NULL) : NULL;
	if (!json_is_object(detail)) {
		json_decref(detail);
		detail = json_object();
	}
	/* The words in Serbian beside the English; the message is English only
	 * (it is generated per case). */
	json_t *o = json_pack(
		"{s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, "
		"s:o, s:o, s:o}",
		"id", (json_int_t)a->id, "rule", a->rule, "severity", a->severity, "status", a->status,
		"case_id", a->case_id ? json_integer(a->case_id) : json_null(), "case_number",
		lt_json_str_or_null(a->case_number), "subject", a->subject, "title",
		rule ? rule->title : a->rule, "title_sr", rule ? rule->title_sr : a->rule, "message",
		a->message, "action", rule ? rule->action : "", "action_sr",
		rule ? rule->action_sr : "", "standard", rule ? rule->standard : "", "standard_sr",
		rule ? rule->standard_sr : "", "refs", refs, "detail", detail, "raised_at",
		time_or_null(a->raised_at), "last_seen_at", time_or_null(a->last_seen_at),
		"resolved_at", time_or_null(a->resolved_at), "resolved_by",
		lt_json_str_or_null(a->resolved_by_name));
	if (o && with_justification)
		json_object_set_new(o, "justification",
				    lt_assist_open(ctx, "alerts", "justification", a->id,
						   a->justification, a->justification_len));
	return o;
}

struct list_acc {
	struct lt_ctx *ctx;
	const struct lt_compliance_config *cfg;
	json_t *items;
	bool justification;
};

static lt_err push_alert(void *vctx, const struct lt_alert_row *row)
{
	struct list_acc *acc = vctx;
	struct lt_alert_row full;
	const struct lt_alert_row *a = row;
	/* Only a justified alert has a justification to show. */
	if (acc->justification && strcmp(row->status, "justified") == 0) {
		lt_err rc = lt_store_alert_get(acc->ctx->store, row->id, acc->ctx->arena, &full);
		if (rc)
			return rc;
		a = &full;
	}
	json_t *o = alert_json(acc->ctx, acc->cfg, a, acc->justification);
	return o && !json_array_append_new(acc->items, o) ? LT_OK : LT_ERR_NOMEM;
}

static lt_err push_count(void *vctx, const char *rule, int64_t n)
{
	return json_object_set_new(vctx, rule, json_integer(n)) ? LT_ERR_NOMEM : LT_OK;
}

/* Reads Q's case filter: a case id or a case number. *CASE_ID is -1 for a
 * number no case has (nothing matches). */
static lt_err case_filter(struct lt_ctx *ctx, const char *ref, int64_t *case_id)
{
	*case_id = 0;
	if (!ref)
		return LT_OK;
	int64_t n;
	if (lt_str_to_i64(ref, &n) == LT_OK) {
		if (n < 1)
			return lt_problem_field(ctx->problem, "query.case",
						"must be a case id or a case number (LT-YYYY-NNNNNN)");
		*case_id = n;
		return LT_OK;
	}
	if (strncmp(ref, "LT-", 3) != 0 || strlen(ref) > 23)
		return lt_problem_field(ctx->problem, "query.case",
					"must be a case id or a case number (LT-YYYY-NNNNNN)");
	lt_err rc = lt_store_case_by_number(ctx->store, ref, case_id);
	if (rc == LT_ERR_NOT_FOUND) {
		*case_id = -1;
		return LT_OK;
	}
	return rc;
}

lt_err lt_svc_alert_list(struct lt_ctx *ctx, const struct lt_alert_query *q, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_ALERT_READ, 0);
	if (rc)
		return rc;
	const struct lt_compliance_config *cfg = lt_alerts_config(ctx);
	if (!cfg)
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	struct lt_problem *p = ctx->problem;
	if (q->rule && !lt_compliance_rule(cfg, q->rule))
		lt_problem_field(p, "query.rule", "is not a rule id (GET /api/v1/compliance/rules lists them)");
	if (q->status && strcmp(q->status, "open") && strcmp(q->status, "resolved") &&
	    strcmp(q->status, "justified"))
		lt_problem_field(p, "query.status", "must be one of: open, resolved, justified");
	if (q->severity && strcmp(q->severity, "high") && strcmp(q->severity, "medium") &&
	    strcmp(q->severity, "low"))
		lt_problem_field(p, "query.severity", "must be one of: high, medium, low");
	int64_t case_id = 0;
	if ((rc = case_filter(ctx, q->case_ref, &case_id)) && rc != LT_ERR_INVALID)
		return rc;
	if (p->nfields)
		return LT_ERR_INVALID;
	int page = q->page > 0 ? q->page : 1, per_page = q->per_page > 0 ? q->per_page : 50;
	struct lt_alert_filter f = {q->rule, q->status, q->severity, case_id, false,
				    lt_policy_org_filter(&ctx->actor, LT_ACT_ALERT_READ), per_page,
				    (page - 1) * per_page};
	struct list_acc acc = {ctx, cfg, json_array(), sees_justification(ctx)};
	json_t *by_rule = json_object();
	int64_t total = 0;
	if (!acc.items || !by_rule)
		rc = LT_ERR_NOMEM;
	/* Every configured rule is named, with 0 when nothing is open. */
	for (int i = 0; !rc && i < cfg->n_rules; i++)
		if (cfg->rules[i].enabled)
			rc = push_count(by_rule, cfg->rules[i].id, 0);
	if (!rc && !(rc = lt_store_read_begin(ctx->store))) {
		if (case_id >= 0)
			rc = lt_store_alert_list(ctx->store, &f, &total, push_alert, &acc);
		if (!rc)
			rc = lt_store_alert_open_by_rule(ctx->store, f.scope_org, push_count, by_rule);
		lt_store_read_end(ctx->store);
	}
	if (!rc && !(*out = json_pack("{s:o, s:I, s:i, s:i, s:o}", "items", acc.items, "total",
				     (json_int_t)total, "page", page, "per_page", per_page,
				     "open_by_rule", by_rule)))
		rc = LT_ERR_NOMEM;
	if (rc) {
		json_decref(acc.items);
		json_decref(by_rule);
	}
	return rc;
}

/* Loads alert ID and checks that the actor may do ACTION on it: 404 when
 * outside the actor's scope (a register-wide alert is everyone's cases). */
static lt_err load_alert(struct lt_ctx *ctx, int64_t id, enum lt_action action,
			 struct lt_alert_row *a)
{
	lt_err rc = lt_authorize(ctx, action, 0);
	if (rc)
		return rc;
	rc = lt_store_alert_get(ctx->store, id, ctx->arena, a);
	if (rc == LT_ERR_NOT_FOUND)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	if (rc)
		return rc;
	if (lt_policy_scope(&ctx->actor, action) == LT_SCOPE_ALL)
		return LT_OK;
	if (!a->case_id || a->org_id != ctx->actor.org.id)
		return lt_problem_set(ctx->problem, LT_ERR_NOT_FOUND, "No such record.");
	return LT_OK;
}

struct event_acc {
	json_t *arr;
};

static lt_err push_event(void *vctx, const struct lt_alert_event_row *e)
{
	struct event_acc *acc = vctx;
	json_t *o = json_pack("{s:s, s:o, s:o}", "action", e->action, "at", time_or_null(e->at),
			      "by", lt_json_str_or_null(e->by_name));
	return o && !json_array_append_new(acc->arr, o) ? LT_OK : LT_ERR_NOMEM;
}

/* Alert ID with its events, as GET shows it to the actor. */
static lt_err alert_answer(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	const struct lt_compliance_config *cfg = lt_alerts_config(ctx);
	if (!cfg)
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	struct lt_alert_row a;
	lt_err rc = lt_store_alert_get(ctx->store, id, ctx->arena, &a);
	if (rc)
		return rc;
	struct event_acc acc = {json_array()};
	if (!acc.arr)
		return LT_ERR_NOMEM;
	if ((rc = lt_store_alert_events(ctx->store, id, ctx->arena, push_event, &acc))) {
		json_decref(acc.arr);
		return rc;
	}
	json_t *o = alert_json(ctx, cfg, &a, sees_justification(ctx));
	if (!o) {
		json_decref(acc.arr);
		return LT_ERR_NOMEM;
	}
	json_object_set_new(o, "events", acc.arr);
	*out = o;
	return LT_OK;
}

lt_err lt_svc_alert_get(struct lt_ctx *ctx, int64_t id, json_t **out)
{
	struct lt_alert_row a;
	lt_err rc = load_alert(ctx, id, LT_ACT_ALERT_READ, &a);
	if (rc)
		return rc;
	return alert_answer(ctx, id, out);
}

/* Whether the data still shows what alert A is about: its rule runs again
 * over its case (or, register-wide, over its period). *MESSAGE gets what
 * the rule says now. */
static lt_err still_found(struct lt_ctx *ctx, const struct lt_alert_row *a, bool *found,
			  char *message, size_t cap)
{
	struct lt_alert_counts counts;
	struct run r;
	lt_err rc = run_open(ctx, &r, &counts);
	*found = false;
	if (!rc && a->case_id) {
		rc = find_case(&r, a->case_id);
	} else if (!rc) {
		struct lt_access_figures fig;
		rc = find_register(&r, year_of(a->subject), &fig);
	}
	for (int i = 0; !rc && !*found && i < r.findings->n; i++) {
		const struct lt_finding *f = &r.findings->items[i];
		if (strcmp(f->rule->id, a->rule) == 0 && strcmp(f->subject, a->subject) == 0) {
			*found = true;
			lt_str_copy(message, cap, f->message);
		}
	}
	run_close(&r);
	return rc;
}

/* The case event and audit row every act on an alert writes. */
static lt_err record_act(struct lt_ctx *ctx, const struct lt_alert_row *a, const char *action,
			 const char *audit_action)
{
	lt_err rc = LT_OK;
	if (a->case_id) {
		char today[11];
		lt_today(today);
		rc = lt_case_event(ctx, a->case_id, "alert", action, NULL, NULL, today, NULL,
				   json_pack("{s:I, s:s}", "alert", (json_int_t)a->id, "rule", a->rule));
	}
	if (!rc)
		rc = lt_audit_append(ctx, audit_action, "alert", a->id, "ok", a->rule);
	return rc;
}

lt_err lt_svc_alert_resolve(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"note", LT_JSON_STRING, false, REASON_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_alert_row a;
	lt_err rc = load_alert(ctx, id, LT_ACT_ALERT_RESOLVE, &a);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const char *note = lt_json_str(body, "note");
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	/* Read again under the write lock: the daily recheck may have moved it. */
	if ((rc = lt_store_alert_get(ctx->store, id, ctx->arena, &a)))
		return lt_ctx_finish(ctx, rc);
	if (strcmp(a.status, "resolved") == 0) {
		lt_store_rollback(ctx->store);
		return alert_answer(ctx, id, out); /* nothing left to do */
	}
	bool found;
	char message[400] = "";
	if ((rc = still_found(ctx, &a, &found, message, sizeof(message))))
		return lt_ctx_finish(ctx, rc);
	if (found) {
		lt_store_rollback(ctx->store);
		return lt_problem_set(p, LT_ERR_CONFLICT,
				      "The data still shows the problem: record the fix on the case "
				      "first (the alert then clears by itself), or justify the alert "
				      "with a reason. The rule says: %s",
				      message);
	}
	int64_t now = lt_now(), event_id = 0;
	rc = lt_store_alert_set_status(ctx->store, id, "resolved", now, ctx->actor.user_id);
	if (!rc)
		rc = lt_store_alert_event_insert(ctx->store, id, "resolved", now, ctx->actor.user_id,
						 &event_id);
	if (!rc)
		rc = lt_assist_seal(ctx, "alert_events", "note", event_id, note,
				    lt_store_alert_event_set_note);
	if (!rc)
		rc = record_act(ctx, &a, "resolved", "alert.resolve");
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return alert_answer(ctx, id, out);
}

lt_err lt_svc_alert_justify(struct lt_ctx *ctx, int64_t id, const json_t *body, json_t **out)
{
	static const struct lt_json_field fields[] = {
		{"reason", LT_JSON_STRING, true, REASON_MAX},
	};
	struct lt_problem *p = ctx->problem;
	struct lt_alert_row a;
	lt_err rc = load_alert(ctx, id, LT_ACT_ALERT_RESOLVE, &a);
	if (rc)
		return rc;
	if ((rc = lt_json_check(body, fields, LT_ARRAY_LEN(fields), NULL, p)))
		return rc;
	const char *reason = lt_json_str(body, "reason");
	if (!reason[strspn(reason, " \t\r\n")])
		return lt_problem_field(p, "reason", "must say why the alert is justified");
	if ((rc = lt_store_begin(ctx->store)))
		return rc;
	if ((rc = lt_store_alert_get(ctx->store, id, ctx->arena, &a)))
		return lt_ctx_finish(ctx, rc);
	if (strcmp(a.status, "resolved") == 0) {
		lt_store_rollback(ctx->store);
		return lt_problem_set(p, LT_ERR_CONFLICT,
				      "This alert is resolved: the data no longer shows the problem, "
				      "so there is nothing to justify.");
	}
	int64_t now = lt_now();
	rc = lt_store_alert_set_status(ctx->store, id, "justified", now, 0);
	if (!rc)
		rc = lt_assist_seal(ctx, "alerts", "justification", id, reason,
				    lt_store_alert_set_justification);
	if (!rc)
		rc = lt_store_alert_event_insert(ctx->store, id, "justified", now, ctx->actor.user_id,
						 NULL);
	if (!rc)
		rc = record_act(ctx, &a, "justified", "alert.justify");
	if ((rc = lt_ctx_finish(ctx, rc)))
		return rc;
	return alert_answer(ctx, id, out);
}

lt_err lt_svc_compliance_rules(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_ALERT_READ, 0);
	if (rc)
		return rc;
	const struct lt_compliance_config *cfg = lt_alerts_config(ctx);
	if (!cfg)
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	json_t *rules = json_array();
	for (int i = 0; rules && i < cfg->n_rules; i++) {
		const struct lt_rule_config *r = &cfg->rules[i];
		json_t *refs = json_array(), *thresholds = json_object(), *lists = json_object();
		for (int k = 0; k < r->n_refs; k++)
			json_array_append_new(refs, json_string(r->refs[k]));
		for (int k = 0; k < r->n_thresholds; k++)
			json_object_set_new(thresholds, r->thresholds[k].name,
					    json_integer(r->thresholds[k].value));
		for (int k = 0; k < r->n_lists; k++) {
			json_t *values = json_array();
			for (int v = 0; v < r->lists[k].n_values; v++)
				json_array_append_new(values, json_string(r->lists[k].values[v]));
			json_object_set_new(lists, r->lists[k].name, values);
		}
		json_t *o = json_pack(
			"{s:s, s:s, s:s, s:b, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id", r->id,
			"severity", lt_severity_name(r->severity), "scope",
			r->register_wide ? "register" : "case", "enabled", r->enabled, "refs", refs,
			"title", r->title, "standard", r->standard, "action", r->action, "title_sr",
			r->title_sr, "standard_sr", r->standard_sr, "action_sr", r->action_sr,
			"thresholds", thresholds, "lists", lists);
		if (!o || json_array_append_new(rules, o)) {
			json_decref(rules);
			return LT_ERR_NOMEM;
		}
	}
	if (!rules || !(*out = json_pack("{s:o}", "rules", rules)))
		return LT_ERR_NOMEM;
	return LT_OK;
}

lt_err lt_alerts_case_json(struct lt_ctx *ctx, const struct lt_case_row *c, json_t *obj)
{
	/* Quietly: a caller without the right sees no "alerts" member, and the
	 * refusal must not turn into the answer's problem. */
	if (lt_authorize_case(ctx, LT_ACT_ALERT_READ, c->org_id, NULL)) {
		lt_problem_init(ctx->problem);
		return LT_OK;
	}
	const struct lt_compliance_config *cfg = lt_alerts_config(ctx);
	if (!cfg)
		return ctx->problem->code ? ctx->problem->code : LT_ERR_INTERNAL;
	struct lt_alert_filter f;
	memset(&f, 0, sizeof(f));
	f.case_id = c->id;
	f.open_or_justified = true;
	struct list_acc acc = {ctx, cfg, json_array(), sees_justification(ctx)};
	if (!acc.items)
		return LT_ERR_NOMEM;
	lt_err rc = lt_store_alert_list(ctx->store, &f, NULL, push_alert, &acc);
	if (rc) {
		json_decref(acc.items);
		return rc;
	}
	return json_object_set_new(obj, "alerts", acc.items) ? LT_ERR_NOMEM : LT_OK;
}
