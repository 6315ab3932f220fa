#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "crypto/password.h"
#include "service/accounts.h"
#include <sodium.h>

static void user_usage(FILE *out)
{
	fprintf(out,
		"usage: lantern user add --username NAME --role ROLE --org ORGANISATION\n"
		"                        [--password-file FILE] [--data DIR]\n"
		"       lantern user disable|enable|unlock --username NAME [--data DIR]\n"
		"       lantern user list [--json] [--data DIR]\n"
		"Roles: admin, coordinator, caseworker, prosecutor_liaison, analyst, auditor.\n"
		"Without --password-file a random password is printed once.\n");
}

int cmd_user(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL},     {"username", true, NULL},
				{"role", true, NULL},     {"org", true, NULL},
				{"password-file", true, NULL}, {"json", false, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "user");
	if (rc == LT_ERR_NOT_FOUND) {
		user_usage(stdout);
		return 0;
	}
	if (rc || a.npos != 1) {
		user_usage(stderr);
		return 2;
	}
	const char *verb = a.pos[0];
	const char *username = lt_args_get(&a, "username", NULL);
	if (strcmp(verb, "list") && !username) {
		fprintf(stderr, "lantern user %s: --username is required\n", verb);
		return 2;
	}
	if (strcmp(verb, "add") && strcmp(verb, "list") && strcmp(verb, "disable") &&
	    strcmp(verb, "enable") && strcmp(verb, "unlock")) {
		fprintf(stderr, "lantern user: unknown action '%s'\n", verb);
		user_usage(stderr);
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "user"))
		return 1;
	int status = 0;
	if (strcmp(verb, "add") == 0) {
		const char *role = lt_args_get(&a, "role", NULL);
		const char *org = lt_args_get(&a, "org", NULL);
		const char *pwfile = lt_args_get(&a, "password-file", NULL);
		char password[LT_PASSWORD_MAX + 2] = "", generated[21] = "";
		int64_t id;
		if (!role || !org) {
			fprintf(stderr, "lantern user add: --role and --org are required\n");
			status = 2;
		} else if (pwfile && lt_cli_read_secret_file(pwfile, password, sizeof(password))) {
			fprintf(stderr, "lantern user add: --password-file: cannot read %s\n", pwfile);
			status = 2;
		} else if ((rc = lt_svc_user_add(&s.ctx, username, role, org, pwfile ? password : NULL,
						 generated, &id))) {
			status = lt_cli_fail("user add", rc, &s.problem);
		} else {
			printf("Added %s (%s) with id %lld\n", username, role, (long long)id);
			if (!pwfile)
				printf("Password, shown only now: %s\n", generated);
		}
		sodium_memzero(password, sizeof(password));
		sodium_memzero(generated, sizeof(generated));
	} else if (strcmp(verb, "list") == 0) {
		json_t *users = NULL;
		if ((rc = lt_svc_user_list(&s.ctx, &users))) {
			status = lt_cli_fail("user list", rc, &s.problem);
		} else if (lt_args_has(&a, "json")) {
			json_dumpf(users, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			size_t i;
			json_t *u;
			printf("%-24s %-20s %-9s %s\n", "USERNAME", "ROLE", "STATUS", "ORGANISATION");
			json_array_foreach(users, i, u) {
				printf("%-24s %-20s %-9s %s\n", json_string_value(json_object_get(u, "username")),
				       json_string_value(json_object_get(u, "role")),
				       json_is_true(json_object_get(u, "disabled")) ? "disabled" : "active",
				       json_string_value(json_object_get(json_object_get(u, "organisation"), "name")));
			}
		}
		json_decref(users);
	} else if (strcmp(verb, "unlock") == 0) {
		if ((rc = lt_svc_user_unlock(&s.ctx, username)))
			status = lt_cli_fail("user unlock", rc, &s.problem);
		else
			printf("Unlocked %s\n", username);
	} else {
		bool disable = strcmp(verb, "disable") == 0;
		if ((rc = lt_svc_user_set_disabled(&s.ctx, username, disable)))
			status = lt_cli_fail(disable ? "user disable" : "user enable", rc, &s.problem);
		else
			printf("%s %s\n", disable ? "Disabled" : "Enabled", username);
	}
	lt_cli_session_close(&s);
	return status;
}
