#include "cli/args.h"

lt_err lt_args_parse(struct lt_args *a, struct lt_opt *opts, size_t nopts, int argc, char **argv,
		     const char *cmd)
{
	a->opts = opts;
	a->nopts = nopts;
	a->npos = 0;
	for (size_t i = 0; i < nopts; i++)
		opts[i].value = NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
			return LT_ERR_NOT_FOUND;
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			if (a->npos >= LT_ARGS_MAX) {
				fprintf(stderr, "lantern %s: too many arguments\n", cmd);
				return LT_ERR_INVALID;
			}
			a->pos[a->npos++] = arg;
			continue;
		}
		const char *name = arg + 2;
		const char *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		struct lt_opt *o = NULL;
		for (size_t j = 0; j < nopts; j++)
			if (strlen(opts[j].name) == len && strncmp(opts[j].name, name, len) == 0)
				o = &opts[j];
		if (!o) {
			fprintf(stderr, "lantern %s: unknown option --%.*s\n", cmd, (int)len, name);
			return LT_ERR_INVALID;
		}
		if (!o->takes_value) {
			if (eq) {
				fprintf(stderr, "lantern %s: --%s takes no value\n", cmd, o->name);
				return LT_ERR_INVALID;
			}
			o->value = "";
		} else if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			fprintf(stderr, "lantern %s: --%s needs a value\n", cmd, o->name);
			return LT_ERR_INVALID;
		}
	}
	return LT_OK;
}

const char *lt_args_get(const struct lt_args *a, const char *name, const char *def)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i].name, name) == 0 && a->opts[i].value)
			return a->opts[i].value;
	return def;
}

bool lt_args_has(const struct lt_args *a, const char *name)
{
	return lt_args_get(a, name, NULL) != NULL;
}
