/* What most subcommands do first: open the data directory and a database
 * connection, and act as the operator at the command line.
 * Ownership: lt_cli_session_close() releases everything opened here. */
#ifndef LT_CLI_SESSION_H
#define LT_CLI_SESSION_H
#include "service/instance.h"

struct lt_cli_session {
	struct lt_instance inst;
	struct lt_store *store;
	struct lt_arena arena;
	struct lt_problem problem;
	struct lt_ctx ctx;
};

/** Opens DIR; on failure prints why (prefixed by CMD) and returns non-zero. */
lt_err lt_cli_session_open(struct lt_cli_session *s, const char *dir, const char *cmd);
/** Closes what lt_cli_session_open opened. */
void lt_cli_session_close(struct lt_cli_session *s);
/** Prints CTX's problem (or RC's name) to stderr as "lantern CMD: ..." and
 *  returns the exit status for RC: 2 for invalid input, 1 otherwise. */
int lt_cli_fail(const char *cmd, lt_err rc, const struct lt_problem *p);
/** Reads the first line of PATH (without its newline) into OUT. */
lt_err lt_cli_read_secret_file(const char *path, char *out, size_t cap);

#endif
