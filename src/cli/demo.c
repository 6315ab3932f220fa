#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "service/demo.h"

int cmd_demo(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "demo");
	if (rc == LT_ERR_NOT_FOUND || rc || a.npos) {
		fprintf(rc == LT_ERR_NOT_FOUND ? stdout : stderr,
			"usage: lantern demo [--data DIR]\n"
			"Loads SYNTHETIC demo organisations, users (one per role) and persons.\n");
		return rc == LT_ERR_NOT_FOUND ? 0 : 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "demo"))
		return 1;
	json_t *logins = NULL;
	int status = 0;
	if ((rc = lt_svc_demo_load(&s.ctx, &logins))) {
		status = lt_cli_fail("demo", rc, &s.problem);
	} else {
		printf("Loaded SYNTHETIC demo data (invented names; never real people).\n"
		       "Demo logins:\n");
		size_t i;
		json_t *l;
		json_array_foreach(logins, i, l) {
			printf("  %-18s %-32s %s\n", json_string_value(json_object_get(l, "role")),
			       json_string_value(json_object_get(l, "username")),
			       json_string_value(json_object_get(l, "password")));
		}
	}
	json_decref(logins);
	lt_cli_session_close(&s);
	return status;
}
