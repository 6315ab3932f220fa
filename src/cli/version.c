#include "base/common.h"
#include "cli/commands.h"
#include <jansson.h>
#include <microhttpd.h>
#include <sodium.h>
#include <sqlite3.h>

int cmd_version(int argc, char **argv)
{
	LT_UNUSED(argv);
	if (argc > 1) {
		fprintf(stderr, "lantern version: takes no arguments\n");
		return 2;
	}
	printf("lantern %s (sqlite %s, libsodium %s, jansson %s, libmicrohttpd %s)\n",
	       LANTERN_VERSION, sqlite3_libversion(), sodium_version_string(), JANSSON_VERSION,
	       MHD_get_version());
	return 0;
}
