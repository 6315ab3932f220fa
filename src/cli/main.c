/* `lantern`: one binary, many subcommands; this file is only their table. */
#include "base/common.h"
#include "cli/commands.h"

const struct lt_command lt_commands[] = {
	{"version", cmd_version, "print the version"},
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
