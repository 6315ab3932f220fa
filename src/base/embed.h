/* Files compiled into the binary (UI assets, migrations, reference data).
 * Ownership: the tables are static and read-only; never free them. */
#ifndef LT_BASE_EMBED_H
#define LT_BASE_EMBED_H
#include <stddef.h>

/** One embedded file: its path relative to its root, bytes, and length
 *  (the bytes are also NUL-terminated for text convenience); for the UI
 *  also a gzip copy (level 9), present only when it is smaller (else NULL). */
struct lt_embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
	const unsigned char *gz;
	size_t gz_len;
};

/** The UI assets under web/, sorted by name, NULL-terminated. */
extern const struct lt_embedded_file lt_web_files[];
/** The SQL migrations under src/store/migrations/, sorted by name. */
extern const struct lt_embedded_file lt_migrations_files[];
/** The reference data under data/, sorted by name. */
extern const struct lt_embedded_file lt_data_files[];

/** Finds NAME in TABLE; NULL when absent. */
const struct lt_embedded_file *lt_embed_find(const struct lt_embedded_file *table,
					     const char *name);

#endif
