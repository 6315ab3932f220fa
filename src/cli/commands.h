/* The subcommands of `lantern`. Each takes the arguments after its name
 * (argv[0] is the subcommand) and returns the process exit status:
 * 0 success, 1 failure of the operation, 2 bad usage or bad input. */
#ifndef LT_CLI_COMMANDS_H
#define LT_CLI_COMMANDS_H

/** One subcommand: its name, entry point and one-line help. */
struct lt_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
};

/** The table main() dispatches on, NULL-terminated. */
extern const struct lt_command lt_commands[];

int cmd_version(int argc, char **argv);
int cmd_screen(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_tier(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_alerts(int argc, char **argv);

#endif
