/* `lantern alerts`: the compliance alerts at the command line: list them
 * (after a full recheck when asked), resolve or justify one. */
#include "base/str.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "service/alerts.h"

static void alerts_usage(FILE *out)
{
	fprintf(out,
		"usage: lantern alerts [--data DIR] [--recheck] [--format json|text] [--rule R]\n"
		"                      [--status open|resolved|justified] [--case ID|NUMBER]\n"
		"       lantern alerts resolve [--data DIR] ID [--note TEXT]\n"
		"       lantern alerts justify [--data DIR] ID --reason TEXT\n"
		"Lists the compliance alerts (docs/compliance.md): JSON (the default) is one\n"
		"document {\"items\": [...], \"total\": N, \"open_by_rule\": {...}} with every\n"
		"matching alert; text is a table. --recheck first runs the rules over every case\n"
		"and the register, and prints what changed on stderr. resolve refuses (exit 1)\n"
		"while the data still shows the problem; justify records why it stands.\n");
}

static void print_text(const json_t *items)
{
	printf("%-6s %-8s %-10s %-40s %-16s %s\n", "ID", "SEVERITY", "STATUS", "RULE", "CASE",
	       "MESSAGE");
	size_t i;
	const json_t *a;
	json_array_foreach(items, i, a)
	{
		const char *number = json_string_value(json_object_get(a, "case_number"));
		printf("%-6lld %-8s %-10s %-40s %-16s %s\n",
		       (long long)json_integer_value(json_object_get(a, "id")),
		       json_string_value(json_object_get(a, "severity")),
		       json_string_value(json_object_get(a, "status")),
		       json_string_value(json_object_get(a, "rule")), number ? number : "(register)",
		       json_string_value(json_object_get(a, "message")));
	}
}

/* Every alert Q selects, page after page, as one document. */
static lt_err list_all(struct lt_ctx *ctx, struct lt_alert_query *q, json_t **out)
{
	json_t *all = NULL;
	for (q->page = 1, q->per_page = 200;; q->page++) {
		json_t *page = NULL;
		lt_err rc = lt_svc_alert_list(ctx, q, &page);
		if (rc) {
			json_decref(all);
			return rc;
		}
		json_t *items = json_object_get(page, "items");
		if (!all) {
			all = page;
		} else {
			json_array_extend(json_object_get(all, "items"), items);
			json_decref(page);
		}
		if (json_array_size(items) < (size_t)q->per_page)
			break;
	}
	json_object_del(all, "page");
	json_object_del(all, "per_page");
	*out = all;
	return LT_OK;
}

static int alerts_list(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL},   {"recheck", false, NULL},
				{"format", true, NULL}, {"rule", true, NULL},
				{"status", true, NULL}, {"case", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "alerts");
	if (rc == LT_ERR_NOT_FOUND) {
		alerts_usage(stdout);
		return 0;
	}
	if (rc || a.npos) {
		if (!rc)
			fprintf(stderr, "lantern alerts: unexpected argument '%s'\n", a.pos[0]);
		alerts_usage(stderr);
		return 2;
	}
	const char *format = lt_args_get(&a, "format", "json");
	if (strcmp(format, "json") && strcmp(format, "text")) {
		fprintf(stderr, "lantern alerts: --format must be json or text\n");
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "alerts"))
		return 1;
	int status = 0;
	if (lt_args_has(&a, "recheck")) {
		struct lt_alert_counts c;
		if ((rc = lt_alerts_recheck_all(&s.ctx, &c, NULL, NULL))) {
			status = lt_cli_fail("alerts", rc, &s.problem);
			lt_cli_session_close(&s);
			return status;
		}
		fprintf(stderr, "lantern alerts: rechecked %d cases: raised %d, reopened %d, cleared %d, open %lld\n",
			c.cases, c.raised, c.reopened, c.cleared, (long long)c.open);
	}
	struct lt_alert_query q = {lt_args_get(&a, "rule", NULL), lt_args_get(&a, "status", NULL),
				   NULL, lt_args_get(&a, "case", NULL), 1, 200};
	json_t *out = NULL;
	if ((rc = list_all(&s.ctx, &q, &out))) {
		/* The service names query.X; at the command line it is --X. */
		for (size_t i = 0; i < s.problem.nfields; i++)
			if (lt_str_starts(s.problem.fields[i].field, "query.")) {
				char name[96];
				snprintf(name, sizeof(name), "--%s", s.problem.fields[i].field + 6);
				lt_str_copy(s.problem.fields[i].field, sizeof(s.problem.fields[i].field), name);
			}
		status = lt_cli_fail("alerts", rc, &s.problem);
	} else if (!strcmp(format, "json")) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else {
		print_text(json_object_get(out, "items"));
	}
	json_decref(out);
	if (!status && (fflush(stdout) || ferror(stdout))) {
		fprintf(stderr, "lantern alerts: could not write the output\n");
		status = 1;
	}
	lt_cli_session_close(&s);
	return status;
}

/* `alerts resolve` and `alerts justify`: one act on one alert. */
static int alerts_act(int argc, char **argv, bool justify)
{
	const char *cmd = justify ? "alerts justify" : "alerts resolve";
	struct lt_opt opts[] = {{"data", true, NULL}, {justify ? "reason" : "note", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, cmd);
	if (rc == LT_ERR_NOT_FOUND) {
		alerts_usage(stdout);
		return 0;
	}
	int64_t id;
	if (rc || a.npos != 1 || lt_str_to_i64(a.pos[0], &id) || id < 1) {
		if (!rc)
			fprintf(stderr, "lantern %s: give one alert id (a whole number)\n", cmd);
		alerts_usage(stderr);
		return 2;
	}
	const char *text = lt_args_get(&a, justify ? "reason" : "note", NULL);
	if (justify && !text) {
		fprintf(stderr, "lantern %s: --reason is required: say why the alert stands\n", cmd);
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), cmd))
		return 1;
	json_t *body = json_object();
	if (text)
		json_object_set_new(body, justify ? "reason" : "note", json_string(text));
	json_t *out = NULL;
	rc = justify ? lt_svc_alert_justify(&s.ctx, id, body, &out)
		     : lt_svc_alert_resolve(&s.ctx, id, body, &out);
	json_decref(body);
	int status = 0;
	if (rc) {
		status = lt_cli_fail(cmd, rc, &s.problem);
	} else {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	}
	json_decref(out);
	lt_cli_session_close(&s);
	return status;
}

int cmd_alerts(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "resolve") == 0)
		return alerts_act(argc - 1, argv + 1, false);
	if (argc > 1 && strcmp(argv[1], "justify") == 0)
		return alerts_act(argc - 1, argv + 1, true);
	return alerts_list(argc, argv);
}
