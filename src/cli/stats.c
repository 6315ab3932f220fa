#include "base/str.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "service/stats.h"

static void stats_usage(FILE *out)
{
	fprintf(out, "usage: lantern stats --year Y [--format json|csv] [--data DIR]\n"
		     "Prints the annual figures of year Y (docs/statistics.md): JSON (the default),\n"
		     "or CSV with one figure,key,value row per number.\n");
}

int cmd_stats(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL}, {"year", true, NULL}, {"format", true, NULL}};
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
	int64_t year;
	if (!y || lt_str_to_i64(y, &year) || year < LT_STATS_YEAR_MIN || year > LT_STATS_YEAR_MAX) {
		fprintf(stderr, "lantern stats: --year must be a whole number from %d to %d\n",
			LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
		return 2;
	}
	if (strcmp(format, "json") && strcmp(format, "csv")) {
		fprintf(stderr, "lantern stats: --format must be json or csv (html is not there yet)\n");
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "stats"))
		return 1;
	json_t *out = NULL;
	int status = 0;
	if ((rc = lt_svc_stats_annual(&s.ctx, year, &out))) {
		status = lt_cli_fail("stats", rc, &s.problem);
	} else if (!strcmp(format, "json")) {
		json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else {
		struct lt_buf csv;
		lt_buf_init(&csv, 16 * 1024 * 1024);
		if ((rc = lt_stats_annual_csv(out, &csv)))
			status = lt_cli_fail("stats", rc, &s.problem);
		else
			fwrite(csv.data, 1, csv.len, stdout);
		lt_buf_release(&csv);
	}
	json_decref(out);
	if (!status && (fflush(stdout) || ferror(stdout))) {
		fprintf(stderr, "lantern stats: could not write the output\n");
		status = 1;
	}
	lt_cli_session_close(&s);
	return status;
}
