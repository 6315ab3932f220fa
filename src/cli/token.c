#include "cli/args.h"
#include "cli/commands.h"
#include "cli/session.h"
#include "base/str.h"
#include "service/accounts.h"
#include <sodium.h>

static void token_usage(FILE *out)
{
	fprintf(out, "usage: lantern token create --user NAME [--label TEXT] [--data DIR]\n"
		     "       lantern token revoke --user NAME [--id N] [--data DIR]\n"
		     "`create` prints a new API token once; send it as `Authorization: Bearer TOKEN`.\n"
		     "`revoke` ends one token of the user (--id) or all of them.\n");
}

int cmd_token(int argc, char **argv)
{
	struct lt_opt opts[] = {{"data", true, NULL}, {"user", true, NULL}, {"label", true, NULL},
				{"id", true, NULL}};
	struct lt_args a;
	lt_err rc = lt_args_parse(&a, opts, LT_ARRAY_LEN(opts), argc, argv, "token");
	if (rc == LT_ERR_NOT_FOUND) {
		token_usage(stdout);
		return 0;
	}
	if (rc || a.npos != 1 || (strcmp(a.pos[0], "create") && strcmp(a.pos[0], "revoke"))) {
		token_usage(stderr);
		return 2;
	}
	const char *user = lt_args_get(&a, "user", NULL);
	if (!user) {
		fprintf(stderr, "lantern token %s: --user is required\n", a.pos[0]);
		return 2;
	}
	int64_t id = 0;
	const char *id_text = lt_args_get(&a, "id", NULL);
	if (id_text && (lt_str_to_i64(id_text, &id) || id <= 0)) {
		fprintf(stderr, "lantern token revoke: --id must be a token id (a positive number)\n");
		return 2;
	}
	struct lt_cli_session s;
	if (lt_cli_session_open(&s, lt_args_get(&a, "data", lt_data_dir_default()), "token"))
		return 1;
	char token[LT_TOKEN_TEXT_MAX];
	int status = 0;
	if (strcmp(a.pos[0], "revoke") == 0) {
		int count = 0;
		if ((rc = lt_svc_token_revoke(&s.ctx, user, id, &count)))
			status = lt_cli_fail("token revoke", rc, &s.problem);
		else
			printf("Revoked %d token%s of %s\n", count, count == 1 ? "" : "s", user);
		lt_cli_session_close(&s);
		return status;
	}
	if ((rc = lt_svc_token_create(&s.ctx, user, lt_args_get(&a, "label", "cli"), token)))
		status = lt_cli_fail("token create", rc, &s.problem);
	else
		printf("%s\n", token);
	sodium_memzero(token, sizeof(token));
	lt_cli_session_close(&s);
	return status;
}
