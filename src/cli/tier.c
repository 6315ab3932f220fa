/* `lantern tier`: check a tier history against the Watch List rules, say what
 * the next report may do, and convert the 1999-2015 dataset to Lantern's CSV.
 * Exit status: 0 done (no violation), 1 violations found, 2 bad usage or input. */
#include "base/common.h"
#include "base/buf.h"
#include "base/embed.h"
#include "base/str.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "domain/tiers.h"
#include "service/assessment.h"
#include "service/tiers.h"
#include <ctype.h>
#include <jansson.h>

#define EXIT_VIOLATIONS 1
#define EXIT_BAD 2
/* The whole 1999-2015 dataset is about 130 KB; this leaves room for a
 * century of additions and still refuses a wrong file fed by mistake. */
#define INPUT_MAX (64u * 1024 * 1024)

static const char usage_text[] =
	"usage:\n"
	"  lantern tier check [--rules FILE] [--rules-year Y] HISTORY.csv | --data DIR\n"
	"      prints, as JSON lines, every Watch List placement that the rules in force\n"
	"      in its report year forbid (or those of report year Y), then a summary;\n"
	"      exit 0 when there is none, 1 when there are some, 2 on bad input;\n"
	"      with --data, the deployment's history (shipped plus added years), the\n"
	"      added placements marked \"added\": true\n"
	"  lantern tier next [--history HISTORY.csv | --data DIR] [--rules FILE]\n"
	"                    [--rules-year Y] --country ISO3 --year Y\n"
	"      prints the placements the law allows in report year Y, and why;\n"
	"      the history defaults to the one shipped with Lantern; with --data,\n"
	"      the shipped one plus the years added to that deployment\n"
	"  lantern tier add [--data DIR] [--replace] [--despite-rules]\n"
	"                   --country ISO3 --year Y --tier TIER --source TEXT\n"
	"      adds report year Y to the deployment's tier history, without a rebuild:\n"
	"      Y must be the year after the country's last; TIER is tier_1, tier_2,\n"
	"      tier_2_watch_list, tier_3, special_case or not_ranked; TEXT (at most\n"
	"      200 bytes) says where the placement was published; prints the row.\n"
	"      A placement the rules in force in Y forbid is refused unless\n"
	"      --despite-rules confirms that the published report made it (it is then\n"
	"      kept as a recorded violation); --replace corrects a year added before\n"
	"  lantern tier remove [--data DIR] --country ISO3 --year Y\n"
	"      removes an added year, the last of the country's history\n"
	"  lantern tier scorecard [--data DIR] --year Y [--period reporting|calendar]\n"
	"      prints the own country's scorecard for reporting year Y (1 April Y-1 to\n"
	"      31 March Y; the default) or calendar year Y against the one before, as\n"
	"      JSON (docs/assessment.md)\n"
	"  lantern tier convert [--source TEXT] HISTORY.csv\n"
	"      prints a history in Lantern's CSV format, sorted by country and year\n"
	"\n"
	"HISTORY.csv is Lantern's format (country,name,year,tier,source) or the\n"
	"1999-2015 dataset's (countryname,iso,year,ccode,tier); '-' reads stdin.\n"
	"The rules default to the shipped data/tiers/rules.json; see docs/tiers.md.\n";

struct options {
	const char *cmd;
	const char *file;
	const char *history;
	const char *rules;
	const char *country;
	const char *source;
	const char *data;
	const char *period;
	const char *tier;
	int year;
	int rules_year;
	bool replace;
	bool despite_rules;
};

static int usage_error(const char *cmd, const char *msg, const char *arg)
{
	fprintf(stderr, "lantern tier%s%s: %s%s%s\n", cmd ? " " : "", cmd ? cmd : "", msg,
		arg ? " " : "", arg ? arg : "");
	fputs(usage_text, stderr);
	return EXIT_BAD;
}

static lt_err read_input(const char *path, struct lt_buf *out)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return LT_ERR_IO;
	lt_err rc = LT_OK;
	char chunk[65536];
	size_t n;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = lt_buf_add(out, chunk, n);
	if (!rc && ferror(f))
		rc = LT_ERR_IO;
	if (f != stdin)
		fclose(f);
	if (!rc && !out->data)
		rc = lt_buf_add(out, "", 0); /* an empty file still gets a buffer */
	return rc;
}

static void print_problem(const char *cmd, const char *what, const struct lt_problem *p)
{
	if (p->nfields == 0) {
		fprintf(stderr, "lantern tier %s: %s: %s\n", cmd, what,
			p->detail[0] ? p->detail : lt_err_str(p->code));
		return;
	}
	for (size_t i = 0; i < p->nfields; i++)
		fprintf(stderr, "lantern tier %s: %s: %s: %s\n", cmd, what, p->fields[i].field,
			p->fields[i].reason);
	if (p->nfields == LT_PROBLEM_MAX_FIELDS)
		fprintf(stderr, "lantern tier %s: %s: (only the first %d faults are shown)\n", cmd,
			what, LT_PROBLEM_MAX_FIELDS);
}

/* Reads PATH, or the embedded data file EMBEDDED when PATH is NULL; LABEL is
 * what messages call it. */
static int load_text(const char *cmd, const char *path, const char *embedded,
		     struct lt_buf *buf, const char **label)
{
	lt_buf_init(buf, INPUT_MAX);
	if (!path) {
		const struct lt_embedded_file *f = lt_embed_find(lt_data_files, embedded);
		*label = embedded;
		if (!f || lt_buf_add(buf, f->data, f->len)) {
			fprintf(stderr, "lantern tier %s: the built-in %s is missing\n", cmd,
				embedded);
			return EXIT_BAD;
		}
		return 0;
	}
	*label = strcmp(path, "-") == 0 ? "(stdin)" : path;
	lt_err rc = read_input(path, buf);
	if (rc == LT_ERR_TOO_LARGE) {
		fprintf(stderr, "lantern tier %s: %s: larger than %u bytes\n", cmd, *label,
			INPUT_MAX);
		return EXIT_BAD;
	}
	if (rc) {
		fprintf(stderr, "lantern tier %s: %s: cannot read it: %s\n", cmd, *label,
			rc == LT_ERR_IO ? "no such file, or not readable" : lt_err_str(rc));
		return EXIT_BAD;
	}
	return 0;
}

static int load_rules(const char *cmd, const char *path, struct lt_tier_rules *rules)
{
	struct lt_buf buf;
	const char *label;
	int status = load_text(cmd, path, "tiers/rules.json", &buf, &label);
	if (!status) {
		struct lt_problem p;
		lt_problem_init(&p);
		if (lt_tier_rules_parse(rules, buf.data, buf.len, &p)) {
			print_problem(cmd, label, &p);
			status = EXIT_BAD;
		}
	}
	lt_buf_release(&buf);
	return status;
}

static int load_history(const char *cmd, const char *path, struct lt_tier_history *h)
{
	struct lt_buf buf;
	const char *label;
	int status = load_text(cmd, path, "tiers/history.csv", &buf, &label);
	if (!status) {
		struct lt_problem p;
		lt_problem_init(&p);
		if (lt_tier_history_parse(h, buf.data, buf.len, &p)) {
			print_problem(cmd, label, &p);
			status = EXIT_BAD;
		}
	}
	lt_buf_release(&buf);
	return status;
}

static bool parse_year_arg(const char *s, int *out)
{
	int64_t y;
	if (lt_str_to_i64(s, &y) || y < LT_TIER_YEAR_MIN || y > LT_TIER_YEAR_MAX)
		return false;
	*out = (int)y;
	return true;
}

/* Accepts "--name value" and "--name=value"; returns the value or NULL. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0' || *i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int parse_options(int argc, char **argv, struct options *o)
{
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i], *v;
		if ((v = option_value(argc, argv, &i, "--rules-year"))) {
			if (!parse_year_arg(v, &o->rules_year))
				return usage_error(o->cmd, "--rules-year: not a report year:", v);
		} else if ((v = option_value(argc, argv, &i, "--rules"))) {
			o->rules = v;
		} else if ((v = option_value(argc, argv, &i, "--history"))) {
			o->history = v;
		} else if ((v = option_value(argc, argv, &i, "--country"))) {
			o->country = v;
		} else if ((v = option_value(argc, argv, &i, "--year"))) {
			if (!parse_year_arg(v, &o->year))
				return usage_error(o->cmd, "--year: not a report year:", v);
		} else if ((v = option_value(argc, argv, &i, "--data"))) {
			o->data = v;
		} else if ((v = option_value(argc, argv, &i, "--period"))) {
			o->period = v;
		} else if ((v = option_value(argc, argv, &i, "--tier"))) {
			o->tier = v;
		} else if ((v = option_value(argc, argv, &i, "--source"))) {
			o->source = v;
		} else if (strcmp(a, "--replace") == 0) {
			o->replace = true;
		} else if (strcmp(a, "--despite-rules") == 0) {
			o->despite_rules = true;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error(o->cmd, "unknown option, or option without a value:", a);
		} else if (o->file) {
			return usage_error(o->cmd, "one history file only; also got", a);
		} else {
			o->file = a;
		}
	}
	return 0;
}

static lt_err print_json_line(json_t *obj)
{
	if (!obj)
		return LT_ERR_NOMEM;
	/* jansson's default separators (", " and ": ") on one line. */
	char *s = json_dumps(obj, 0);
	json_decref(obj);
	if (!s)
		return LT_ERR_NOMEM;
	int rc = printf("%s\n", s);
	free(s);
	return rc < 0 ? LT_ERR_IO : LT_OK;
}

/* CTX, when not NULL, is the number of shipped placements of a deployment's
 * history: the lines after them were added by an administrator. */
static lt_err print_violation(const struct lt_tier_violation *v, void *ctx)
{
	const size_t *nshipped = ctx;
	json_t *because = json_array();
	for (size_t i = 0; because && i < v->nbecause; i++)
		json_array_append_new(because, json_integer(v->because[i]));
	json_t *line = json_pack("{s:s, s:i, s:s, s:s, s:o}", "country", v->country, "year",
				 v->year, "placement", lt_tier_name(v->placement), "rule", v->rule,
				 "because", because);
	if (line && nshipped)
		json_object_set_new(line, "added", json_boolean(v->line > *nshipped + 1));
	return print_json_line(line);
}

static int finish_output(const char *cmd)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "lantern tier %s: cannot write the output\n", cmd);
		return EXIT_BAD;
	}
	return 0;
}

/* The answer of a service call on one line of JSON, or its problem. */
static int print_answer(const char *cmd, const char *what, lt_err rc, struct lt_cli_session *s,
			const json_t *out)
{
	if (rc)
		return lt_cli_fail(what, rc, &s->problem);
	json_dumpf(out, stdout, JSON_PRESERVE_ORDER);
	putchar('\n');
	return finish_output(cmd);
}

/* The deployment's history at DIR: the shipped one plus the added years;
 * *NSHIPPED (may be NULL) tells them apart. */
static int load_deployment_history(const char *cmd, const char *dir, struct lt_tier_history *h,
				   size_t *nshipped)
{
	char label[32];
	snprintf(label, sizeof(label), "tier %s", cmd);
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, dir, label))
		return 1;
	lt_err rc = lt_svc_tier_history(&s.ctx, h, nshipped);
	int status = rc ? lt_cli_fail(label, rc, &s.problem) : 0;
	lt_cli_session_close(&s);
	return status;
}

static int run_check(struct options *o)
{
	if (o->period)
		return usage_error(o->cmd, "does not take --period", NULL);
	if (o->data && o->file)
		return usage_error(o->cmd, "give a history file or --data, not both", NULL);
	if (!o->file && !o->data)
		return usage_error(o->cmd, "which history? Give a CSV file or --data DIR", NULL);
	if (o->history || o->country || o->year || o->source || o->tier || o->replace ||
	    o->despite_rules)
		return usage_error(o->cmd, "takes only --rules, --rules-year and a file or --data",
				   NULL);
	struct lt_tier_rules rules;
	int status = load_rules(o->cmd, o->rules, &rules);
	if (status)
		return status;
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	size_t nshipped = 0;
	status = o->data ? load_deployment_history(o->cmd, o->data, &h, &nshipped)
			 : load_history(o->cmd, o->file, &h);
	if (status) {
		lt_tier_history_release(&h);
		return status;
	}
	size_t nviolations = 0;
	lt_err rc = lt_tier_check(&h, &rules, o->rules_year, print_violation,
				  o->data ? &nshipped : NULL, &nviolations);
	if (!rc)
		rc = print_json_line(json_pack("{s:{s:I, s:I}}", "summary", "placements",
					       (json_int_t)h.n, "violations",
					       (json_int_t)nviolations));
	lt_tier_history_release(&h);
	if (rc) {
		fprintf(stderr, "lantern tier check: %s\n", lt_err_str(rc));
		return EXIT_BAD;
	}
	status = finish_output(o->cmd);
	if (status)
		return status;
	return nviolations ? EXIT_VIOLATIONS : 0;
}

static int run_next(struct options *o)
{
	if (o->period)
		return usage_error(o->cmd, "--period is for scorecard only", NULL);
	if (o->data && o->history)
		return usage_error(o->cmd, "give --history or --data, not both", NULL);
	if (o->tier)
		return usage_error(o->cmd, "does not take --tier", NULL);
	if (o->file)
		return usage_error(o->cmd, "give the history with --history, not", o->file);
	if (!o->country || !o->year)
		return usage_error(o->cmd, "needs --country ISO3 and --year Y", NULL);
	if (o->source)
		return usage_error(o->cmd, "does not take --source", NULL);
	char country[4] = "";
	if (strlen(o->country) == 3)
		for (size_t i = 0; i < 4; i++)
			country[i] = (char)toupper((unsigned char)o->country[i]);
	struct lt_tier_rules rules;
	int status = load_rules(o->cmd, o->rules, &rules);
	if (status)
		return status;
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	status = o->data ? load_deployment_history(o->cmd, o->data, &h, NULL)
			 : load_history(o->cmd, o->history, &h);
	if (status) {
		lt_tier_history_release(&h);
		return status;
	}
	struct lt_problem p;
	lt_problem_init(&p);
	struct lt_tier_outlook out;
	lt_err rc = lt_tier_next(&h, &rules, country[0] ? country : o->country, o->year,
				 o->rules_year, &out, &p);
	lt_tier_history_release(&h);
	if (rc) {
		print_problem(o->cmd,
			      o->history ? o->history : o->data ? o->data : "tiers/history.csv", &p);
		return EXIT_BAD;
	}
	json_t *allowed = json_array();
	for (int t = 0; allowed && t < LT_TIER_COUNT; t++)
		if (out.allowed[t])
			json_array_append_new(allowed, json_string(lt_tier_name((enum lt_tier)t)));
	rc = print_json_line(json_pack("{s:s, s:i, s:o, s:[s]}", "country", out.country, "year",
				       out.year, "allowed", allowed, "reasons", out.reason));
	if (rc) {
		fprintf(stderr, "lantern tier next: %s\n", lt_err_str(rc));
		return EXIT_BAD;
	}
	return finish_output(o->cmd);
}

static int run_convert(struct options *o)
{
	if (o->data || o->period)
		return usage_error(o->cmd, "takes neither --data nor --period", NULL);
	if (!o->file)
		return usage_error(o->cmd, "which history? Give a CSV file", NULL);
	if (o->history || o->country || o->year || o->rules || o->rules_year || o->tier)
		return usage_error(o->cmd, "takes only --source and a file", NULL);
	if (o->source && (strpbrk(o->source, "\r\n") || strlen(o->source) > 300))
		return usage_error(o->cmd, "--source: one line of at most 300 bytes", NULL);
	struct lt_tier_history h;
	lt_tier_history_init(&h);
	int status = load_history(o->cmd, o->file, &h);
	if (status)
		return status;
	struct lt_buf out;
	lt_buf_init(&out, 0);
	lt_err rc = lt_tier_history_write(&h, o->source, &out);
	lt_tier_history_release(&h);
	if (!rc && fwrite(out.data, 1, out.len, stdout) != out.len)
		rc = LT_ERR_IO;
	lt_buf_release(&out);
	if (rc) {
		fprintf(stderr, "lantern tier convert: %s\n", lt_err_str(rc));
		return EXIT_BAD;
	}
	return finish_output(o->cmd);
}

static int run_scorecard(struct options *o)
{
	if (o->file || o->history || o->rules || o->rules_year || o->country || o->source ||
	    o->tier)
		return usage_error(o->cmd, "takes only --data, --year and --period", NULL);
	if (!o->year)
		return usage_error(o->cmd, "needs --year Y", NULL);
	enum lt_period_kind kind = LT_PERIOD_REPORTING;
	if (o->period && lt_period_kind_from_name(o->period, &kind))
		return usage_error(o->cmd, "--period must be reporting or calendar, not", o->period);
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, o->data ? o->data : lt_data_dir_default(), "tier scorecard"))
		return 1;
	json_t *out = NULL;
	int status = 0;
	lt_err rc = lt_svc_assessment_scorecard(&s.ctx, o->year, kind, &out);
	if (rc) {
		status = lt_cli_fail("tier scorecard", rc, &s.problem);
	} else {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		status = finish_output(o->cmd);
	}
	json_decref(out);
	lt_cli_session_close(&s);
	return status;
}

static int run_add(struct options *o)
{
	if (o->file || o->history || o->rules || o->rules_year || o->period)
		return usage_error(o->cmd, "takes only --data, --country, --year, --tier and --source",
				   NULL);
	if (!o->country || !o->year || !o->tier || !o->source)
		return usage_error(o->cmd, "needs --country ISO3, --year Y, --tier TIER and --source TEXT",
				   NULL);
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, o->data ? o->data : lt_data_dir_default(), "tier add"))
		return 1;
	json_t *body = json_pack("{s:s, s:i, s:s, s:s, s:b, s:b}", "country", o->country, "year",
				 o->year, "tier", o->tier, "source", o->source, "despite_rules",
				 o->despite_rules, "replace", o->replace);
	json_t *out = NULL;
	lt_err rc = body ? lt_svc_tier_add(&s.ctx, body, &out) : LT_ERR_NOMEM;
	int status = print_answer(o->cmd, "tier add", rc, &s, out);
	json_decref(out);
	json_decref(body);
	lt_cli_session_close(&s);
	return status;
}

static int run_remove(struct options *o)
{
	if (o->file || o->history || o->rules || o->rules_year || o->period || o->tier ||
	    o->source)
		return usage_error(o->cmd, "takes only --data, --country and --year", NULL);
	if (!o->country || !o->year)
		return usage_error(o->cmd, "needs --country ISO3 and --year Y", NULL);
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, o->data ? o->data : lt_data_dir_default(), "tier remove"))
		return 1;
	json_t *out = NULL;
	lt_err rc = lt_svc_tier_remove(&s.ctx, o->country, o->year, &out);
	int status = print_answer(o->cmd, "tier remove", rc, &s, out);
	json_decref(out);
	lt_cli_session_close(&s);
	return status;
}

int cmd_tier(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(NULL, "which subcommand?", NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	struct options o = {.cmd = argv[1]};
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
	int (*run)(struct options *) = NULL;
	if (strcmp(argv[1], "check") == 0)
		run = run_check;
	else if (strcmp(argv[1], "next") == 0)
		run = run_next;
	else if (strcmp(argv[1], "convert") == 0)
		run = run_convert;
	else if (strcmp(argv[1], "scorecard") == 0)
		run = run_scorecard;
	else if (strcmp(argv[1], "add") == 0)
		run = run_add;
	else if (strcmp(argv[1], "remove") == 0)
		run = run_remove;
	else
		return usage_error(NULL, "unknown subcommand", argv[1]);
	int status = parse_options(argc, argv, &o);
	if (status)
		return status;
	if ((o.replace || o.despite_rules) && run != run_add)
		return usage_error(o.cmd, "--replace and --despite-rules are for add only", NULL);
	return run(&o);
}
