#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "domain/vocab.h"
#include "service/accounts.h"

static void org_usage(FILE *out)
{
	fprintf(out, "usage: lantern org add --name NAME --kind KIND [--data DIR]\n"
		     "       lantern org list [--data DIR]\n"
		     "Kinds: %s.\n",
		lt_org_kind_names());
}

int cmd_org(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL}, {"name", true, NULL}, {"kind", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "org");
	if (rc == LT_ERR_NOT_FOUND) {
		org_usage(stdout);
		return 0;
	}
	if (rc || a.npos != 1 || (strcmp(a.pos[0], "add") && strcmp(a.pos[0], "list"))) {
		org_usage(stderr);
		return 2;
	}
	bool add = strcmp(a.pos[0], "add") == 0;
	const char *name = lt_args_get(&a, "name", NULL), *kind = lt_args_get(&a, "kind", NULL);
	if (add && (!name || !kind)) {
		fprintf(stderr, "lantern org add: --name and --kind are required\n");
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "org"))
		return 1;
	int status = 0;
	if (add) {
		int64_t id;
		if ((rc = lt_svc_org_add(&s.ctx, name, kind, &id)))
			status = lt_cli_fail("org add", rc, &s.problem);
		else
			printf("Added organisation %lld\n", (long long)id);
	} else {
		json_t *orgs = NULL;
		if ((rc = lt_svc_org_list(&s.ctx, &orgs))) {
			status = lt_cli_fail("org list", rc, &s.problem);
		} else {
			size_t i;
			json_t *o;
			json_array_foreach(orgs, i, o) {
				printf("%-5lld %-18s %s\n",
				       (long long)json_integer_value(json_object_get(o, "id")),
				       json_string_value(json_object_get(o, "kind")),
				       json_string_value(json_object_get(o, "name")));
			}
		}
		json_decref(orgs);
	}
	lt_cli_session_close(&s);
	return status;
}
