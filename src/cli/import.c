#include "base/json.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "service/audit.h"
#include "service/cases.h"
#include "service/export.h"
#include "service/ctdc_import.h"
#include "service/stats.h"
#include "base/str.h"
#include <unistd.h>

#define LINE_MAX_BYTES (1024 * 1024)

static void import_usage(FILE *out)
{
	fprintf(out,
		"usage: lantern import [--org ORGANISATION] [--format jsonl|htcds] [--upsert] [--data DIR] FILE|-\n"
		"       lantern import --format ctdc [--source NAME] [--year Y] [--data DIR] FILE|-\n"
		"Stores one case per line (the case document of docs/cases.md) for ORGANISATION.\n"
		"Without --org: the only organisation that is not the administration one, or the\n"
		"administration one when there is no other; with several, --org is required.\n"
		"htcds: an HTCDS 2.0 CSV file, one case per record (docs/open-data.md).\n"
		"All lines or none: the first bad line is named with its field and nothing is kept.\n"
		"A ref already present is refused unless --upsert, which replaces that case.\n"
		"ctdc: CTDC-format microdata kept for aggregate figures only (never cases), as\n"
		"batches of source NAME (default \"default\") per year: each row's yearOfRegistration,\n"
		"or Y for every row. A batch of the same source and year is replaced.\n");
}

/* Reads one line of at most LINE_MAX_BYTES into B; false at end of input. */
static bool read_line(FILE *in, struct lt_buf *b, bool *too_long)
{
	lt_buf_reset(b);
	*too_long = false;
	int c;
	bool any = false;
	while ((c = fgetc(in)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		char ch = (char)c;
		if (!*too_long && lt_buf_add(b, &ch, 1))
			*too_long = true;
	}
	return any;
}

/* --- HTCDS 2.0 CSV (docs/open-data.md) --- */

#define HTCDS_FILE_MAX (512u * 1024 * 1024)

struct htcds_import {
	struct lt_cli_session *s;
	struct lt_import *imp;
	struct lt_htcds_columns cols;
	long *lineno;
	bool printed; /* the callback has named the fault */
};

/* One record: the header first, then a case per record; the first bad one
 * is named with its record number (the header is 1) and column. */
static lt_err htcds_record(void *vctx, const struct lt_csv_row *row)
{
	struct htcds_import *h = vctx;
	struct lt_problem *p = &h->s->problem;
	*h->lineno = (long)row->number;
	lt_problem_init(p);
	if (row->number == 1) {
		lt_err rc = lt_htcds_columns_read(row, &h->cols, p);
		if (!rc && h->cols.ignored[0])
			fprintf(stderr, "lantern import: columns not mapped, ignored: %s\n", h->cols.ignored);
		if (rc) {
			h->printed = true;
			fprintf(stderr, "lantern import: line 1: ");
			lt_problem_print(p, stderr);
		}
		return rc;
	}
	if (row->nfields == 1 && !row->fields[0][0])
		return LT_OK; /* a blank line */
	json_t *doc = NULL;
	lt_err rc = lt_htcds_record_doc(&h->cols, row, &doc, p);
	if (!rc)
		rc = lt_svc_case_import_line(&h->s->ctx, h->imp, doc);
	json_decref(doc);
	lt_arena_release(&h->s->arena);
	if (rc) {
		h->printed = true;
		lt_htcds_problem_columns(p);
		fprintf(stderr, "lantern import: line %zu: ", row->number);
		lt_problem_print(p, stderr);
	}
	return rc;
}

/* Reads IN whole and stores each record inside the caller's transaction. */
static lt_err import_htcds(struct lt_cli_session *s, FILE *in, struct lt_import *imp, long *lineno)
{
	struct lt_buf text;
	lt_buf_init(&text, HTCDS_FILE_MAX);
	char chunk[65536];
	size_t n;
	lt_err rc = LT_OK;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		rc = lt_buf_add(&text, chunk, n);
	if (rc == LT_ERR_TOO_LARGE)
		fprintf(stderr, "lantern import: the file is larger than %u bytes\n", HTCDS_FILE_MAX);
	if (!rc && ferror(in))
		rc = LT_ERR_IO;
	struct htcds_import h = {.s = s, .imp = imp, .lineno = lineno};
	if (!rc && text.len) {
		lt_problem_init(&s->problem);
		rc = lt_csv_each(text.data, text.len, "import", 1 << 20, htcds_record, &h, &s->problem);
		if (rc && !h.printed) {
			/* a CSV syntax error: lt_csv_each described it */
			fprintf(stderr, "lantern import: ");
			lt_problem_print(&s->problem, stderr);
		}
	}
	if (!rc && *lineno > 0)
		(*lineno)--; /* the header is not a case */
	lt_buf_release(&text);
	return rc;
}

/* --- CTDC microdata for aggregate-only use (docs/open-data.md) --- */

#define CTDC_FILE_MAX (256u * 1024 * 1024)

/* Prints what the import did: rows per year, and which batches it replaced. */
static void ctdc_print_report(const char *source, const struct lt_ctdc_import_report *rep)
{
	printf("Stored %lld CTDC rows for source %s (aggregate use only, no cases)\n",
	       (long long)rep->rows, source);
	for (size_t i = 0; i < rep->nyears; i++) {
		int64_t n = rep->years[i].rows, old = rep->years[i].replaced_rows;
		printf("  %lld: %lld row%s", (long long)rep->years[i].year, (long long)n,
		       n == 1 ? "" : "s");
		if (rep->years[i].replaced)
			printf(", replacing the batch of %s for %lld imported before (%lld row%s)", source,
			       (long long)rep->years[i].year, (long long)old, old == 1 ? "" : "s");
		putchar('\n');
	}
}

/* `lantern import --format ctdc`: reads FILE whole and hands it to the
 * service, which stores all rows or none. */
static int import_ctdc(const struct lt_args *a)
{
	if (lt_args_get(a, "org", NULL) || lt_args_has(a, "upsert")) {
		fprintf(stderr, "lantern import: --org and --upsert are not for --format ctdc "
				"(CTDC rows never become cases)\n");
		return 2;
	}
	const char *source = lt_args_get(a, "source", "default"), *ys = lt_args_get(a, "year", NULL);
	int64_t year = 0;
	if (ys && (lt_str_to_i64(ys, &year) || year < LT_STATS_YEAR_MIN || year > LT_STATS_YEAR_MAX)) {
		fprintf(stderr, "lantern import: --year must be a whole number from %d to %d\n",
			LT_STATS_YEAR_MIN, LT_STATS_YEAR_MAX);
		return 2;
	}
	const char *path = a->pos[0];
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!in) {
		fprintf(stderr, "lantern import: cannot open %s\n", path);
		return 2;
	}
	struct lt_buf text;
	lt_buf_init(&text, CTDC_FILE_MAX);
	char chunk[65536];
	size_t n;
	lt_err rc = LT_OK;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		rc = lt_buf_add(&text, chunk, n);
	if (!rc && ferror(in))
		rc = LT_ERR_IO;
	if (in != stdin)
		fclose(in);
	if (rc) {
		if (rc == LT_ERR_TOO_LARGE)
			fprintf(stderr, "lantern import: the file is larger than %u bytes\n", CTDC_FILE_MAX);
		else
			fprintf(stderr, "lantern import: cannot read %s\n", path);
		lt_buf_release(&text);
		return rc == LT_ERR_TOO_LARGE ? 2 : 1;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(a, "data", lt_data_dir_default()), "import")) {
		lt_buf_release(&text);
		return 1;
	}
	struct lt_ctdc_import_report *rep = malloc(sizeof(*rep));
	int status = 0;
	if (!rep) {
		status = lt_cli_fail("import", LT_ERR_NOMEM, &s.problem);
		goto done;
	}
	lt_problem_init(&s.problem);
	rc = lt_svc_ctdc_import(&s.ctx, source, year, text.data ? text.data : "", text.len, rep);
	if (rep->nunknown)
		fprintf(stderr, "lantern import: columns that are not CTDC variables, ignored: %s\n",
			rep->unknown);
	if (rc) {
		fprintf(stderr, "lantern import: ");
		if (rep->line)
			fprintf(stderr, "line %zu: ", rep->line);
		lt_problem_print(&s.problem, stderr);
		fprintf(stderr, "lantern import: nothing was stored\n");
		status = rc == LT_ERR_INVALID || rc == LT_ERR_CONFLICT ? 2 : 1;
	} else {
		ctdc_print_report(source, rep);
	}
done:
	free(rep);
	lt_buf_release(&text);
	lt_cli_session_close(&s);
	return status;
}

int cmd_import(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL},
				{"org", true, NULL},
				{"format", true, NULL},
				{"upsert", false, NULL},
				{"source", true, NULL},
				{"year", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "import");
	if (rc == LT_ERR_NOT_FOUND) {
		import_usage(stdout);
		return 0;
	}
	if (rc || a.npos != 1) {
		import_usage(stderr);
		return 2;
	}
	const char *format = lt_args_get(&a, "format", "jsonl");
	bool htcds = strcmp(format, "htcds") == 0;
	if (strcmp(format, "ctdc") == 0)
		return import_ctdc(&a);
	if (strcmp(format, "jsonl") != 0 && !htcds) {
		fprintf(stderr, "lantern import: --format must be jsonl, htcds or ctdc (CTDC microdata, counted apart from cases)\n");
		return 2;
	}
	if (lt_args_get(&a, "source", NULL) || lt_args_get(&a, "year", NULL)) {
		fprintf(stderr, "lantern import: --source and --year are for --format ctdc only\n");
		return 2;
	}
	const char *org = lt_args_get(&a, "org", NULL); /* NULL: the service picks the only one */
	const char *path = a.pos[0];
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!in) {
		fprintf(stderr, "lantern import: cannot open %s\n", path);
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "import")) {
		if (in != stdin)
			fclose(in);
		return 1;
	}
	struct lt_import imp = {0};
	imp.upsert = lt_args_has(&a, "upsert");
	int status = 0;
	bool progress = isatty(2);
	struct lt_buf line;
	lt_buf_init(&line, LINE_MAX_BYTES);
	long lineno = 0;
	if ((rc = lt_svc_case_import_begin(&s.ctx, org, &imp))) {
		status = lt_cli_fail("import", rc, &s.problem);
		goto done;
	}
	if ((rc = lt_store_begin(s.store))) {
		status = lt_cli_fail("import", rc, &s.problem);
		goto done;
	}
	bool too_long;
	if (htcds)
		rc = import_htcds(&s, in, &imp, &lineno);
	while (!htcds && read_line(in, &line, &too_long)) {
		lineno++;
		if (too_long) {
			fprintf(stderr, "lantern import: line %ld: longer than %d bytes\n", lineno,
				LINE_MAX_BYTES);
			rc = LT_ERR_INVALID;
			break;
		}
		if (line.len == 0 || strspn(line.data, " \t\r") == line.len)
			continue;
		json_t *doc = NULL;
		lt_problem_init(&s.problem);
		rc = lt_json_parse(line.data, line.len, &doc, &s.problem);
		if (!rc)
			rc = lt_svc_case_import_line(&s.ctx, &imp, doc);
		json_decref(doc);
		lt_arena_release(&s.arena); /* per-line memory, freed at once */
		if (rc) {
			fprintf(stderr, "lantern import: line %ld: ", lineno);
			lt_problem_print(&s.problem, stderr);
			break;
		}
		if (progress && lineno % 10000 == 0)
			fprintf(stderr, "\r%ld lines, %lld cases stored", lineno, (long long)imp.stored);
	}
	if (progress && lineno >= 10000)
		fputc('\n', stderr);
	if (!rc && ferror(in)) {
		fprintf(stderr, "lantern import: cannot read %s\n", path);
		rc = LT_ERR_IO;
	}
	if (!rc) {
		char detail[64];
		snprintf(detail, sizeof(detail), "stored=%lld replaced=%lld", (long long)imp.stored,
			 (long long)imp.replaced);
		rc = lt_audit_append(&s.ctx, "case.import", "case", 0, "ok", detail);
	}
	if (!rc)
		rc = lt_ctx_commit(&s.ctx);
	if (rc) {
		lt_store_rollback(s.store);
		fprintf(stderr, "lantern import: nothing was stored\n");
		status = rc == LT_ERR_INVALID || rc == LT_ERR_CONFLICT ? 2 : 1;
	} else {
		printf("Stored %lld case%s", (long long)imp.stored, imp.stored == 1 ? "" : "s");
		if (imp.replaced)
			printf(" (%lld replaced)", (long long)imp.replaced);
		printf(" from %ld line%s for organisation %s\n", lineno, lineno == 1 ? "" : "s",
		       imp.org_name);
	}
done:
	lt_buf_release(&line);
	if (in != stdin)
		fclose(in);
	lt_cli_session_close(&s);
	return status;
}
