/* A data directory: the database, the master key beside it, and the
 * settings that go with them. Creating one is `lantern init`; every other
 * command opens one.
 * Ownership: struct lt_instance is a value the caller owns; release it with
 * lt_instance_release() to wipe its keys. */
#ifndef LT_SERVICE_INSTANCE_H
#define LT_SERVICE_INSTANCE_H
#include "service/context.h"
#include <limits.h>

struct lt_instance {
	char dir[PATH_MAX];
	char db_path[PATH_MAX];
	char key_path[PATH_MAX];
	struct lt_keys keys;
	struct lt_config config;
};

/** The data directory to use when none is given: $LANTERN_DATA, else ./var. */
const char *lt_data_dir_default(void);
/** Creates DIR (which must not exist) with a new master key, a migrated
 *  database, an "Administration" organisation and an `admin` user whose
 *  password is ADMIN_PASSWORD or, when NULL, a random one written to
 *  GENERATED. Nothing is left behind on failure. */
lt_err lt_instance_create(const char *dir, const char *admin_password, char generated[21],
			  struct lt_problem *p);
/** Opens an existing data directory: loads the key, checks the database. */
lt_err lt_instance_open(const char *dir, struct lt_instance *inst, struct lt_problem *p);
/** Opens one database connection for this instance (one per thread). */
lt_err lt_instance_connect(const struct lt_instance *inst, struct lt_store **out,
			   struct lt_problem *p);
/** Wipes the keys. */
void lt_instance_release(struct lt_instance *inst);

#endif
