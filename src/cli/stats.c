#include "base/str.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "domain/report.h"
#include "service/ctdc_import.h"
#include "service/stats.h"

static void stats_usage(FILE *out)
{
	fprintf(out,
		"usage: lantern stats (--year Y | --from Y1 --to Y2) [--format json|csv|html]\n"
		"                     [--lang en|sr|sr-Cyrl] [--published] [--suppress N] [--data DIR]\n"
		"       lantern stats --year Y --source ctdc [--format json|csv] [--data DIR]\n"
		"Prints the annual figures of year Y, or the main figures of every year from Y1\n"
		"to Y2 (docs/statistics.md): JSON (the default), CSV with one figure,key,value\n"
		"row per number (year,figure,key,value for a trend), or the printable HTML\n"
		"report. --published applies small-cell suppression to the report's tables\n"
		"(counts under N, default %d, shown as \"<N\"); --lang is the report's language.\n"
		"--source ctdc: the figures CTDC microdata imported with `lantern import --format\n"
		"ctdc` can give (--source cases, the default, counts the register's cases).\n",
		LT_REPORT_THRESHOLD_DEFAULT);
}

/* A year option: true with *OUT set, false (after a message) when bad. */
static bool year_arg(const char *name, const char *v, int64_t *out)
{
	if (v && !lt_str_to_i64(v, out) && *out >= LT_STATS_YEAR_MIN && *out <= LT_STATS_YEAR_MAX)
		return true;
	fprintf(stderr, "lantern stats: --%s must be a whole number from %d to %d\n", name,
		LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
	return false;
}

static int write_buf(struct lt_cli_session *s, lt_err rc, struct lt_buf *b)
{
	if (rc)
		return lt_cli_fail("stats", rc, &s->problem);
	fwrite(b->data, 1, b->len, stdout);
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL},      {"year", true, NULL},
				{"from", true, NULL},      {"to", true, NULL},
				{"format", true, NULL},    {"lang", true, NULL},
				{"published", false, NULL}, {"suppress", true, NULL},
				{"source", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "stats");
	if (rc == LT_ERR_NOT_FOUND) {
		stats_usage(stdout);
		return 0;
	}
	if (rc || a.npos != 0) {
		stats_usage(stderr);
		return 2;
	}
	const char *y = lt_args_get(&a, "year", NULL), *format = lt_args_get(&a, "format", "json");
	const char *from_s = lt_args_get(&a, "from", NULL), *to_s = lt_args_get(&a, "to", NULL);
	const char *lang = lt_args_get(&a, "lang", "en"), *sup = lt_args_get(&a, "suppress", NULL);
	bool trend = from_s || to_s;
	int64_t year = 0, from = 0, to = 0, threshold = LT_REPORT_THRESHOLD_DEFAULT;
	if (trend && y) {
		fprintf(stderr, "lantern stats: give --year, or --from and --to, not both\n");
		return 2;
	}
	if (trend ? !year_arg("from", from_s, &from) || !year_arg("to", to_s, &to)
		  : !year_arg("year", y, &year))
		return 2;
	if (trend && (to < from || to - from + 1 > LT_STATS_TREND_MAX_YEARS)) {
		fprintf(stderr, "lantern stats: --to must be from --from to %d years after it\n",
			LT_STATS_TREND_MAX_YEARS - 1);
		return 2;
	}
	if (strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html")) {
		fprintf(stderr, "lantern stats: --format must be json, csv or html\n");
		return 2;
	}
	if (!lt_report_lang_ok(lang)) {
		fprintf(stderr, "lantern stats: --lang must be en, sr or sr-Cyrl\n");
		return 2;
	}
	if (sup && (lt_str_to_i64(sup, &threshold) || threshold < 1 ||
		    threshold > LT_REPORT_THRESHOLD_MAX)) {
		fprintf(stderr, "lantern stats: --suppress must be a whole number from 1 to %d\n",
			LT_REPORT_THRESHOLD_MAX);
		return 2;
	}
	if (strcmp(format, "html") && (lt_args_has(&a, "published") || sup || lt_args_get(&a, "lang", NULL))) {
		fprintf(stderr, "lantern stats: --lang, --published and --suppress are for --format html\n");
		return 2;
	}
	const char *source = lt_args_get(&a, "source", "cases");
	if (strcmp(source, "cases") && strcmp(source, "ctdc")) {
		fprintf(stderr, "lantern stats: --source must be cases or ctdc\n");
		return 2;
	}
	bool ctdc = !strcmp(source, "ctdc");
	if (ctdc && (trend || !strcmp(format, "html"))) {
		fprintf(stderr, "lantern stats: --source ctdc gives the figures of one --year, as json "
				"or csv\n");
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "stats"))
		return 1;
	int status = 0;
	struct lt_buf text;
	lt_buf_init(&text, 0);
	if (!strcmp(format, "html")) {
		struct lt_stats_report_ask ask = {year, from, to, lang, lt_args_has(&a, "published"),
						  threshold};
		status = write_buf(&s, lt_svc_stats_report(&s.ctx, &ask, &text), &text);
	} else {
		json_t *out = NULL;
		rc = trend  ? lt_svc_stats_trend(&s.ctx, from, to, &out)
		     : ctdc ? lt_svc_ctdc_annual(&s.ctx, year, &out)
			    : lt_svc_stats_annual(&s.ctx, year, &out);
		if (rc) {
			status = lt_cli_fail("stats", rc, &s.problem);
		} else if (!strcmp(format, "json")) {
			json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
			putchar('\n');
		} else {
			rc = trend ? lt_stats_trend_csv(out, &text) : lt_stats_annual_csv(out, &text);
			status = write_buf(&s, rc, &text);
		}
		json_decref(out);
	}
	lt_buf_release(&text);
	if (!status && (fflush(stdout) || ferror(stdout))) {
		fprintf(stderr, "lantern stats: could not write the output\n");
		status = 1;
	}
	lt_cli_session_close(&s);
	return status;
}
