#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "crypto/password.h"
#include <sodium.h>

static void init_usage(FILE *out)
{
	fprintf(out, "usage: lantern init [--data DIR] [--admin-password-file FILE]\n"
		     "Creates DIR (default $LANTERN_DATA, then ./var): database, master key,\n"
		     "and an `admin` account whose password is printed once unless read from FILE.\n");
}

int cmd_init(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL}, {"admin-password-file", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "init");
	if (rc == LT_ERR_NOT_FOUND) {
		init_usage(stdout);
		return 0;
	}
	if (rc || a.npos) {
		init_usage(stderr);
		return 2;
	}
	const char *dir = lt_args_get(&a, "data", lt_data_dir_default());
	const char *pwfile = lt_args_get(&a, "admin-password-file", NULL);
	char password[LT_PASSWORD_MAX + 2] = "";
	if (pwfile && lt_cli_read_secret_file(pwfile, password, sizeof(password))) {
		fprintf(stderr, "lantern init: --admin-password-file: cannot read %s\n", pwfile);
		return 2;
	}
	struct lt_problem p;
	lt_problem_init(&p);
	char generated[21] = "";
	rc = lt_instance_create(dir, pwfile ? password : NULL, generated, &p);
	sodium_memzero(password, sizeof(password));
	if (rc)
		return lt_cli_fail("init", rc, &p);
	printf("Created %s\n", dir);
	if (!pwfile) {
		printf("The admin password, shown only now: %s\n", generated);
		printf("Log in as `admin` and change it on the account page.\n");
	}
	sodium_memzero(generated, sizeof(generated));
	return 0;
}
