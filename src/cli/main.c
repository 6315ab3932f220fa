/* `lantern`: one binary, many subcommands; this file is only their table. */
#include "base/common.h"
#include "cli/commands.h"
#include <sys/stat.h>

const struct lt_command lt_commands[] = {
	{"serve", cmd_serve, "serve the API and the UI"},
	{"init", cmd_init, "create a data directory with its key, database and admin"},
	{"user", cmd_user, "add, list, disable or enable user accounts"},
	{"org", cmd_org, "add or list organisations"},
	{"token", cmd_token, "create an API token for a user"},
	{"import", cmd_import, "import cases from a JSON-lines file, all or nothing"},
	{"audit", cmd_audit, "verify or list the audit log"},
	{"demo", cmd_demo, "load synthetic demo organisations, users and persons"},
	{"routes", cmd_routes, "print the API routes as JSON lines"},
	{"version", cmd_version, "print the version"},
	{"screen", cmd_screen, "screen a person or a group with the ILO indicators"},
	{"tier", cmd_tier, "TIP tier rules: check a history, say what the next report may do"},
	{"stats", cmd_stats, "the annual figures of a year, as JSON or CSV"},
	{"export", cmd_export, "open data: the k-anonymous CTDC export, HTCDS 2.0 exchange CSV"},
	{"alerts", cmd_alerts, "list, recheck, resolve or justify compliance alerts"},
	{NULL, NULL, NULL},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: lantern COMMAND [options]\n\ncommands:\n");
	for (const struct lt_command *c = lt_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->help);
	fprintf(out, "\n`lantern COMMAND --help` tells more.\n");
}

int main(int argc, char **argv)
{
	/* Everything Lantern writes (database, WAL, key, exports) is for its
	 * owner only. */
	umask(077);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc - 1, argv + 1);
	for (const struct lt_command *c = lt_commands; c->name; c++)
		if (strcmp(c->name, argv[1]) == 0)
			return c->run(argc - 1, argv + 1);
	fprintf(stderr, "lantern: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
