#include "cli/session.h"
#include <sodium.h>

int lt_cli_fail(const char *cmd, lt_err rc, const struct lt_problem *p)
{
	fprintf(stderr, "lantern %s: ", cmd);
	if (p && (p->detail[0] || p->nfields))
		lt_problem_print(p, stderr);
	else
		fprintf(stderr, "%s\n", lt_err_str(rc));
	return rc == LT_ERR_INVALID || rc == LT_ERR_EXISTS ? 2 : 1;
}

lt_err lt_cli_session_open(struct lt_cli_session *s, const char *dir, const char *cmd)
{
	memset(s, 0, sizeof(*s));
	lt_problem_init(&s->problem);
	lt_arena_init(&s->arena);
	lt_err rc = lt_instance_open(dir, &s->inst, &s->problem);
	if (!rc)
		rc = lt_instance_connect(&s->inst, &s->store, &s->problem);
	if (rc) {
		lt_cli_fail(cmd, rc, &s->problem);
		lt_cli_session_close(s);
		return rc;
	}
	/* The deployment's overrides of the compliance rules live beside the
	 * database (docs/compliance.md); a missing file means none. */
	if (snprintf(s->inst.config.compliance_path, sizeof(s->inst.config.compliance_path),
		     "%s/compliance.json", s->inst.dir) >= (int)sizeof(s->inst.config.compliance_path))
		s->inst.config.compliance_path[0] = '\0';
	lt_ctx_init_cli(&s->ctx, s->store, &s->inst.keys, &s->inst.config, &s->arena, &s->problem);
	return LT_OK;
}

void lt_cli_session_close(struct lt_cli_session *s)
{
	lt_store_free(s->store);
	s->store = NULL;
	lt_arena_release(&s->arena);
	lt_instance_release(&s->inst);
}

lt_err lt_cli_read_secret_file(const char *path, char *out, size_t cap)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return LT_ERR_IO;
	lt_err rc = LT_OK;
	if (!fgets(out, (int)cap, f))
		rc = LT_ERR_INVALID;
	fclose(f);
	if (rc)
		return rc;
	out[strcspn(out, "\r\n")] = '\0';
	return LT_OK;
}
