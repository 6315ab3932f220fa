#include "service/instance.h"
#include "base/str.h"
#include "crypto/password.h"
#include "service/accounts.h"
#include "service/audit.h"
#include <errno.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

const char *lt_data_dir_default(void)
{
	const char *env = getenv("LANTERN_DATA");
	return env && *env ? env : "./var";
}

static lt_err paths(struct lt_instance *inst, const char *dir, struct lt_problem *p)
{
	memset(inst, 0, sizeof(*inst));
	if (!lt_str_copy(inst->dir, sizeof(inst->dir), dir) ||
	    snprintf(inst->db_path, sizeof(inst->db_path), "%s/lantern.db", dir) >=
		    (int)sizeof(inst->db_path) ||
	    snprintf(inst->key_path, sizeof(inst->key_path), "%s/master.key", dir) >=
		    (int)sizeof(inst->key_path))
		return lt_problem_field(p, "data", "the path is too long");
	lt_config_init(&inst->config);
	return LT_OK;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

lt_err lt_instance_create(const char *dir, const char *admin_password, char generated[21],
			  struct lt_problem *p)
{
	struct lt_instance inst;
	lt_err rc = paths(&inst, dir, p);
	if (rc)
		return rc;
	if (admin_password && (rc = lt_password_check_policy(admin_password, "admin-password", p)))
		return rc;
	if (mkdir(dir, 0700) != 0) {
		if (errno == EEXIST)
			return lt_problem_set(p, LT_ERR_EXISTS,
					      "%s already exists; init never touches an existing "
					      "directory",
					      dir);
		return lt_problem_set(p, LT_ERR_IO, "cannot create %s: %s", dir, strerror(errno));
	}
	struct lt_store *store = NULL;
	struct lt_arena arena;
	lt_arena_init(&arena);
	if ((rc = lt_keys_create_file(inst.key_path, p)))
		goto fail;
	if ((rc = lt_keys_load(inst.key_path, &inst.keys, p)))
		goto fail;
	if ((rc = lt_store_open(inst.db_path, true, &store, p)))
		goto fail;
	if ((rc = lt_store_migrate(store, p)))
		goto fail;
	struct lt_ctx ctx;
	lt_ctx_init_cli(&ctx, store, &inst.keys, &inst.config, &arena, p);
	if ((rc = lt_audit_record(&ctx, "system.init", NULL, 0, "ok", NULL)))
		goto fail;
	int64_t org_id, user_id;
	if ((rc = lt_svc_org_add(&ctx, "Administration", "administration", &org_id)))
		goto fail;
	if ((rc = lt_svc_user_add(&ctx, "admin", "admin", "Administration", admin_password,
				  generated, &user_id)))
		goto fail;
	lt_store_free(store);
	lt_arena_release(&arena);
	lt_instance_release(&inst);
	return LT_OK;
fail:
	lt_store_free(store);
	lt_arena_release(&arena);
	lt_instance_release(&inst);
	/* We made the directory, so it is ours to remove: no half-made instance. */
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	return rc ? rc : LT_ERR_INTERNAL;
}

lt_err lt_instance_open(const char *dir, struct lt_instance *inst, struct lt_problem *p)
{
	lt_err rc = paths(inst, dir, p);
	if (rc)
		return rc;
	struct stat st;
	if (stat(inst->db_path, &st) != 0)
		return lt_problem_set(p, LT_ERR_NOT_FOUND,
				      "%s holds no Lantern database; run `lantern init --data %s` first",
				      dir, dir);
	return lt_keys_load(inst->key_path, &inst->keys, p);
}

lt_err lt_instance_connect(const struct lt_instance *inst, struct lt_store **out,
			   struct lt_problem *p)
{
	lt_err rc = lt_store_open(inst->db_path, false, out, p);
	if (rc)
		return rc;
	/* Migrations are idempotent and cheap when there is nothing to do, so
	 * every connection brings an older database up to date. */
	if ((rc = lt_store_migrate(*out, p))) {
		lt_store_free(*out);
		*out = NULL;
	}
	return rc;
}

void lt_instance_release(struct lt_instance *inst)
{
	lt_keys_wipe(&inst->keys);
}
