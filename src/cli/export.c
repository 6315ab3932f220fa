#include "base/str.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "service/export.h"

static void export_usage(FILE *out)
{
	fprintf(out,
		"usage: lantern export --format ctdc [--k K] [--year Y] [--data DIR] > FILE.csv\n"
		"       lantern export --format htcds [--with-identity] [--data DIR] > FILE.csv\n"
		"ctdc: one row per identified victim in the CTDC global dataset's variables, with\n"
		"  every combination of values shared by at least K records (default 11); what was\n"
		"  generalised and suppressed is reported on stderr. --year: identified in Y.\n"
		"htcds: every case as an HTCDS 2.0 CSV record, for exchange; names and birth dates\n"
		"  only with --with-identity (audited). See docs/open-data.md.\n");
}

static lt_err write_stdout(void *ctx, const char *data, size_t len)
{
	LT_UNUSED(ctx);
	return fwrite(data, 1, len, stdout) == len ? LT_OK : LT_ERR_IO;
}

static void print_report(const struct lt_export_report *r, int64_t k)
{
	fprintf(stderr, "lantern export: %lld identified victims read, k = %lld\n",
		(long long)r->records, (long long)k);
	for (size_t i = 0; i < r->nsteps; i++)
		fprintf(stderr,
			"lantern export: step %zu: %s -> %s: %lld records generalised, %lld below k after it\n",
			i + 1, r->steps[i].dim, r->steps[i].level, (long long)r->steps[i].generalised,
			(long long)r->steps[i].suppressed);
	fprintf(stderr,
		"lantern export: %lld published (%lld of them generalised), %lld suppressed "
		"(suppression alone would have removed %lld)\n",
		(long long)r->published, (long long)r->generalised, (long long)r->suppressed,
		(long long)r->suppressed_alone);
}

int cmd_export(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL},
				{"format", true, NULL},
				{"k", true, NULL},
				{"year", true, NULL},
				{"with-identity", false, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "export");
	if (rc == LT_ERR_NOT_FOUND) {
		export_usage(stdout);
		return 0;
	}
	if (rc || a.npos != 0) {
		export_usage(stderr);
		return 2;
	}
	const char *format = lt_args_get(&a, "format", NULL);
	bool ctdc = format && !strcmp(format, "ctdc"), htcds = format && !strcmp(format, "htcds");
	if (!ctdc && !htcds) {
		fprintf(stderr, "lantern export: --format must be ctdc or htcds\n");
		return 2;
	}
	int64_t k = 11, year = 0;
	const char *ks = lt_args_get(&a, "k", NULL), *ys = lt_args_get(&a, "year", NULL);
	if (ks && (!ctdc || lt_str_to_i64(ks, &k) || k < LT_EXPORT_K_MIN || k > LT_EXPORT_K_MAX)) {
		fprintf(stderr, "lantern export: --k must be a whole number from %d to %d (ctdc only)\n",
			LT_EXPORT_K_MIN, LT_EXPORT_K_MAX);
		return 2;
	}
	if (ys && (!ctdc || lt_str_to_i64(ys, &year) || year < 1900 || year > 2999)) {
		fprintf(stderr, "lantern export: --year must be a whole number from 1900 to 2999 (ctdc only)\n");
		return 2;
	}
	if (lt_args_has(&a, "with-identity") && !htcds) {
		fprintf(stderr, "lantern export: --with-identity is for --format htcds only; the CTDC export never holds identity\n");
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "export"))
		return 1;
	int status = 0;
	if (ctdc) {
		struct lt_export_report rep;
		rc = lt_svc_export_ctdc(&s.ctx, year, k, write_stdout, NULL, &rep);
		if (!rc)
			print_report(&rep, k);
	} else {
		int64_t rows = 0;
		rc = lt_svc_export_htcds(&s.ctx, lt_args_has(&a, "with-identity"), write_stdout, NULL,
					 &rows);
		if (!rc)
			fprintf(stderr, "lantern export: %lld cases written%s\n", (long long)rows,
				lt_args_has(&a, "with-identity") ? " with identity (audited)" : "");
	}
	if (rc == LT_ERR_IO)
		fprintf(stderr, "lantern export: could not write the output\n");
	if (rc)
		status = rc == LT_ERR_IO ? 1 : lt_cli_fail("export", rc, &s.problem);
	if (!status && (fflush(stdout) || ferror(stdout))) {
		fprintf(stderr, "lantern export: could not write the output\n");
		status = 1;
	}
	lt_cli_session_close(&s);
	return status;
}
