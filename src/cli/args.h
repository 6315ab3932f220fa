/* A small option parser shared by the subcommands: "--name VALUE",
 * "--name=VALUE" and bare flags, with positional arguments kept in order.
 * Ownership: values point into argv; nothing is allocated. */
#ifndef LT_CLI_ARGS_H
#define LT_CLI_ARGS_H
#include "base/common.h"

#define LT_ARGS_MAX 16

/** One accepted option. */
struct lt_opt {
	const char *name; /* without the leading dashes */
	bool takes_value;
	const char *value; /* filled by lt_args_parse: the value, "" for a flag, NULL if absent */
};

struct lt_args {
	struct lt_opt *opts;
	size_t nopts;
	const char *pos[LT_ARGS_MAX];
	size_t npos;
};

/** Parses ARGV[1..ARGC) against OPTS. Prints a message naming the bad
 *  option to stderr and returns LT_ERR_INVALID on an unknown option, a
 *  missing value or too many positionals. "--help" yields LT_ERR_NOT_FOUND. */
lt_err lt_args_parse(struct lt_args *a, struct lt_opt *opts, size_t nopts, int argc, char **argv,
		     const char *cmd);
/** The value of option NAME, or DEF when it was not given. */
const char *lt_args_get(const struct lt_args *a, const char *name, const char *def);
/** True when flag NAME was given. */
bool lt_args_has(const struct lt_args *a, const char *name);

#endif
