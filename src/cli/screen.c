/* `lantern screen`: screens one person (a JSON document) or a group (CSV)
 * with the ILO indicators shipped in the binary. Needs no database. */
#include "base/common.h"
#include "base/buf.h"
#include "base/json.h"
#include "base/problem.h"
#include "cli/commands.h"
#include "domain/screening.h"
#include <errno.h>

#define SCREEN_MAX_JSON ((size_t)1 << 20)
#define SCREEN_MAX_CSV ((size_t)64 << 20)
#define SCREEN_TOP_INDICATORS 10

static void usage(FILE *out)
{
	fprintf(out,
		"usage: lantern screen [--profile PROFILE] [FILE|-]\n"
		"       lantern screen --group [--profile PROFILE] [FILE.csv|-]\n"
		"       lantern screen --list [--profile PROFILE]\n"
		"\n"
		"Screens one person with the ILO/EC operational indicators of trafficking,\n"
		"or with the ILO indicators of forced labour, and prints the result as JSON.\n"
		"\n"
		"  FILE        {\"profile\": \"adult_labour\", \"indicators\": [\"deceptive_recruitment.wages\", ...]}\n"
		"              (standard input when absent or '-')\n"
		"  --profile   adult_labour, child_labour, adult_sexual, child_sexual\n"
		"              (weighted) or forced_labour_11 (quick checklist); overrides\n"
		"              the document's or the rows' profile\n"
		"  --group     read CSV rows 'person,profile,indicators' (ids separated by\n"
		"              ';'; an optional header row) and print one result a row and\n"
		"              a summary\n"
		"  --list      print the profiles, or with --profile its indicators, as\n"
		"              tab-separated lines\n"
		"\n"
		"Exit status: 0 done, 1 failure, 2 bad usage or bad input (nothing is\n"
		"printed on standard output then). See docs/screening.md.\n");
}

/* Prints every field of P on its own line; DETAIL adds P's sentence after
 * them (it sums them up). */
static void print_problem(const char *where, const struct lt_problem *p, bool detail)
{
	const char *sep = where ? ": " : "";
	if (!where)
		where = "";
	for (size_t i = 0; i < p->nfields; i++)
		fprintf(stderr, "lantern screen: %s%s%s: %s\n", where, sep, p->fields[i].field,
			p->fields[i].reason);
	if (p->nfields == 0 || detail)
		fprintf(stderr, "lantern screen: %s%s%s\n", where, sep,
			p->detail[0] ? p->detail : lt_err_str(p->code));
}

/* Reads all of PATH ("-" or NULL: standard input) into B, at most MAX bytes. */
static int read_input(const char *path, size_t max, struct lt_buf *b)
{
	bool is_stdin = !path || strcmp(path, "-") == 0;
	const char *name = is_stdin ? "standard input" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "lantern screen: cannot open %s: %s\n", name, strerror(errno));
		return 2;
	}
	lt_buf_init(b, max);
	char chunk[65536];
	size_t n;
	lt_err rc = LT_OK;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = lt_buf_add(b, chunk, n);
	int status = 0;
	if (rc == LT_ERR_TOO_LARGE) {
		fprintf(stderr, "lantern screen: %s is larger than %zu bytes\n", name, max);
		status = 2;
	} else if (rc) {
		fprintf(stderr, "lantern screen: reading %s: %s\n", name, lt_err_str(rc));
		status = 1;
	} else if (ferror(f)) {
		fprintf(stderr, "lantern screen: cannot read %s: %s\n", name, strerror(errno));
		status = 2;
	}
	if (!is_stdin)
		fclose(f);
	if (!status && !b->data)
		rc = lt_buf_add(b, "", 0); /* an empty input still gets a valid pointer */
	if (!status && rc) {
		fprintf(stderr, "lantern screen: %s\n", lt_err_str(rc));
		status = 1;
	}
	if (status)
		lt_buf_release(b);
	return status;
}

static int write_output(const char *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "lantern screen: cannot write the result: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

static const char *weight_name(enum lt_screening_weight w)
{
	switch (w) {
	case LT_SCREENING_STRONG: return "strong";
	case LT_SCREENING_MEDIUM: return "medium";
	case LT_SCREENING_WEAK: return "weak";
	case LT_SCREENING_LISTED: return "listed";
	default: return "-";
	}
}

static int list(const struct lt_screening_table *t, const struct lt_screening_profile *pr)
{
	struct lt_buf out;
	lt_buf_init(&out, 0);
	lt_err rc = LT_OK;
	static const char *const ages[] = {"adult", "child", "any"};
	if (!pr) {
		for (size_t i = 0; i < t->nprofiles && !rc; i++) {
			const struct lt_screening_profile *p = &t->profiles[i];
			rc = lt_buf_addf(&out, "%s\t%s\t%s\t%s\t%s\t%s\n", p->id,
					 p->kind == LT_SCREENING_WEIGHTED ? "weighted" : "checklist",
					 ages[p->age], p->exploitation,
					 p->provisional ? "provisional" : "-", p->label_en);
		}
	} else {
		for (size_t i = 0; i < t->nindicators && !rc; i++) {
			const struct lt_screening_indicator *ind = &t->indicators[i];
			enum lt_screening_weight w = ind->weight[pr->index];
			if (w != LT_SCREENING_ABSENT)
				rc = lt_buf_addf(&out, "%s\t%s\t%s\n", ind->id, weight_name(w),
						 ind->label_en);
		}
	}
	int status = rc ? 1 : write_output(out.data ? out.data : "", out.len);
	if (rc)
		fprintf(stderr, "lantern screen: %s\n", lt_err_str(rc));
	lt_buf_release(&out);
	return status;
}

static int screen_one(const struct lt_screening_table *t, const char *path,
		      const char *profile)
{
	const char *where = !path || strcmp(path, "-") == 0 ? NULL : path;
	struct lt_buf in;
	int status = read_input(path, SCREEN_MAX_JSON, &in);
	if (status)
		return status;
	struct lt_problem p;
	lt_problem_init(&p);
	json_t *doc = NULL, *res = NULL;
	char *text = NULL;
	struct lt_screening_result *r = malloc(sizeof(*r));
	lt_err rc = r ? LT_OK : LT_ERR_NOMEM;
	/* Editors on some systems start a UTF-8 file with a byte-order mark,
	 * which JSON does not allow; it carries nothing, so it is skipped. */
	size_t bom = in.len >= 3 && !memcmp(in.data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	if (!rc)
		rc = lt_json_parse(in.data + bom, in.len - bom, &doc, &p);
	if (!rc)
		rc = lt_screening_run_json(t, doc, profile, r, &p);
	if (rc == LT_ERR_INVALID) {
		print_problem(where, &p, false);
		if (!profile && !json_is_string(json_object_get(doc, "profile")) &&
		    json_is_object(doc))
			fprintf(stderr, "lantern screen: give the profile in the document "
					"or with --profile\n");
		status = 2;
		goto done;
	}
	if (!rc)
		rc = lt_screening_result_to_json(t, r, &res);
	if (!rc) {
		text = json_dumps(res, JSON_INDENT(2));
		if (!text)
			rc = LT_ERR_NOMEM;
	}
	if (rc) {
		fprintf(stderr, "lantern screen: %s\n", lt_err_str(rc));
		status = 1;
		goto done;
	}
	status = write_output(text, strlen(text));
	if (!status)
		status = write_output("\n", 1);
done:
	free(text);
	json_decref(res);
	json_decref(doc);
	free(r);
	lt_buf_release(&in);
	return status;
}

struct group_out {
	const struct lt_screening_table *t;
	struct lt_buf out;
	struct lt_screening_tally tally;
	size_t rows;
};

static int dump_to_buf(const char *data, size_t size, void *ctx)
{
	return lt_buf_add(ctx, data, size) ? -1 : 0;
}

static lt_err on_group_row(void *ctx, size_t row, const char *person,
			   const struct lt_screening_result *r)
{
	struct group_out *g = ctx;
	json_t *res = NULL;
	lt_err rc = lt_screening_result_to_json(g->t, r, &res);
	if (rc)
		return rc;
	/* Row and person first, so each line reads from its key. */
	json_t *o = json_pack("{s:I, s:s}", "row", (json_int_t)row, "person", person);
	if (!o || json_object_update(o, res) != 0)
		rc = LT_ERR_NOMEM;
	if (!rc && g->rows)
		rc = lt_buf_adds(&g->out, ",\n");
	if (!rc && json_dump_callback(o, dump_to_buf, &g->out, JSON_COMPACT) != 0)
		rc = LT_ERR_NOMEM;
	json_decref(o);
	json_decref(res);
	if (rc)
		return rc;
	g->rows++;
	lt_screening_tally_add(&g->tally, r);
	return LT_OK;
}

static int screen_group(const struct lt_screening_table *t, const char *path,
			const char *profile)
{
	const char *where = !path || strcmp(path, "-") == 0 ? NULL : path;
	struct lt_buf in;
	int status = read_input(path, SCREEN_MAX_CSV, &in);
	if (status)
		return status;
	struct lt_problem p;
	lt_problem_init(&p);
	struct group_out *g = calloc(1, sizeof(*g));
	json_t *summary = NULL;
	lt_err rc = g ? LT_OK : LT_ERR_NOMEM;
	if (!rc) {
		g->t = t;
		lt_buf_init(&g->out, 0);
		lt_screening_tally_init(&g->tally);
		rc = lt_buf_adds(&g->out, "{\"results\": [\n");
	}
	if (!rc)
		rc = lt_screening_group_run(t, in.data, in.len, profile, on_group_row, g, &p);
	if (rc == LT_ERR_INVALID) {
		print_problem(where, &p, true);
		status = 2;
		goto done;
	}
	if (!rc)
		rc = lt_buf_adds(&g->out, g->rows ? "\n],\n\"summary\": " : "],\n\"summary\": ");
	if (!rc)
		rc = lt_screening_tally_to_json(t, &g->tally, SCREEN_TOP_INDICATORS, &summary);
	if (!rc && json_dump_callback(summary, dump_to_buf, &g->out, JSON_COMPACT) != 0)
		rc = LT_ERR_NOMEM;
	if (!rc)
		rc = lt_buf_adds(&g->out, "}\n");
	if (rc) {
		fprintf(stderr, "lantern screen: %s\n", lt_err_str(rc));
		status = 1;
		goto done;
	}
	status = write_output(g->out.data, g->out.len);
done:
	json_decref(summary);
	if (g)
		lt_buf_release(&g->out);
	free(g);
	lt_buf_release(&in);
	return status;
}

int cmd_screen(int argc, char **argv)
{
	const char *profile = NULL, *path = NULL;
	bool group = false, listing = false, options_done = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!options_done && a[0] == '-' && a[1] == '-' && a[2] == '\0') {
			options_done = true;
		} else if (!options_done && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			usage(stdout);
			return 0;
		} else if (!options_done && strcmp(a, "--profile") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "lantern screen: --profile needs a value\n");
				return 2;
			}
			profile = argv[++i];
		} else if (!options_done && strncmp(a, "--profile=", 10) == 0) {
			profile = a + 10;
		} else if (!options_done && strcmp(a, "--group") == 0) {
			group = true;
		} else if (!options_done && strcmp(a, "--list") == 0) {
			listing = true;
		} else if (!options_done && a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "lantern screen: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (path) {
			fprintf(stderr, "lantern screen: takes one FILE, got '%s' and '%s'\n", path,
				a);
			return 2;
		} else {
			path = a;
		}
	}
	if (listing && (group || path)) {
		fprintf(stderr, "lantern screen: --list takes no FILE and no --group\n");
		return 2;
	}

	struct lt_screening_table *t = malloc(sizeof(*t));
	if (!t) {
		fprintf(stderr, "lantern screen: %s\n", lt_err_str(LT_ERR_NOMEM));
		return 1;
	}
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_screening_table_load_embedded(t, &p) != LT_OK) {
		fprintf(stderr, "lantern screen: the shipped screening data is not usable\n");
		print_problem(NULL, &p, true);
		free(t);
		return 1;
	}
	int status;
	const struct lt_screening_profile *pr = profile ? lt_screening_table_profile(t, profile)
							: NULL;
	if (profile && !pr) {
		fprintf(stderr, "lantern screen: --profile: unknown profile '%s' (see "
				"`lantern screen --list`)\n",
			profile);
		status = 2;
	} else if (listing) {
		status = list(t, pr);
	} else if (group) {
		status = screen_group(t, path, profile);
	} else {
		status = screen_one(t, path, profile);
	}
	lt_screening_table_release(t);
	free(t);
	return status;
}
