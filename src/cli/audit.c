#include "base/str.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "service/audit.h"

static void audit_usage(FILE *out)
{
	fprintf(out, "usage: lantern audit verify [--data DIR]\n"
		     "       lantern audit list [--after-id N] [--limit N] [--action A] [--data DIR]\n"
		     "`verify` exits 0 when the hash chain is intact and 1, naming the first bad\n"
		     "row, when any row was changed, deleted or reordered.\n");
}

int cmd_audit(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL}, {"after-id", true, NULL},
				{"limit", true, NULL}, {"action", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "audit");
	if (rc == LT_ERR_NOT_FOUND) {
		audit_usage(stdout);
		return 0;
	}
	if (rc || a.npos != 1 || (strcmp(a.pos[0], "verify") && strcmp(a.pos[0], "list"))) {
		audit_usage(stderr);
		return 2;
	}
	struct lt_audit_filter f = {0};
	int64_t n;
	const char *after = lt_args_get(&a, "after-id", NULL), *limit = lt_args_get(&a, "limit", NULL);
	if (after && lt_str_to_i64(after, &n) == LT_OK)
		f.after_id = n;
	else if (after) {
		fprintf(stderr, "lantern audit: --after-id must be a whole number\n");
		return 2;
	}
	if (limit && lt_str_to_i64(limit, &n) == LT_OK && n > 0 && n <= 500)
		f.limit = (int)n;
	else if (limit) {
		fprintf(stderr, "lantern audit: --limit must be between 1 and 500\n");
		return 2;
	}
	f.action = lt_args_get(&a, "action", NULL);
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "audit"))
		return 1;
	int status = 0;
	if (strcmp(a.pos[0], "verify") == 0) {
		struct lt_audit_verdict v;
		if ((rc = lt_svc_audit_verify(&s.ctx, &v))) {
			status = lt_cli_fail("audit verify", rc, &s.problem);
		} else if (v.intact) {
			printf("audit log intact: %lld rows\n", (long long)v.rows);
		} else {
			fprintf(stderr, "lantern audit verify: first bad row %lld: %s\n",
				(long long)v.first_bad_id, v.reason);
			status = 1;
		}
	} else {
		json_t *page = NULL;
		if ((rc = lt_svc_audit_list(&s.ctx, &f, &page))) {
			status = lt_cli_fail("audit list", rc, &s.problem);
		} else {
			size_t i;
			json_t *row;
			json_array_foreach(json_object_get(page, "items"), i, row) {
				json_dumpf(row, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
				putchar('\n');
			}
		}
		json_decref(page);
	}
	lt_cli_session_close(&s);
	return status;
}
