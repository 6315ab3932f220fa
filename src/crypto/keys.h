/* The master key and the per-purpose keys derived from it. The master key
 * lives outside the database: a file of mode 0600 in the data directory, or
 * the LANTERN_MASTER_KEY environment variable (64 hex digits).
 * Ownership: struct lt_keys is a plain value; wipe it with lt_keys_wipe(). */
#ifndef LT_CRYPTO_KEYS_H
#define LT_CRYPTO_KEYS_H
#include "base/common.h"
#include "base/problem.h"

#define LT_KEY_BYTES 32

/** Subkeys, each derived with its own context so that one purpose's key
 *  reveals nothing about another's. */
struct lt_keys {
	unsigned char seal[LT_KEY_BYTES];  /* field encryption */
	unsigned char blind[LT_KEY_BYTES]; /* blind index for exact-match search */
	unsigned char audit[LT_KEY_BYTES]; /* audit chain MAC */
	unsigned char token[LT_KEY_BYTES]; /* session and API token hashes */
};

/** Initialises libsodium once; safe to call many times. */
lt_err lt_crypto_init(void);
/** Writes a new random master key to PATH with mode 0600; fails with
 *  LT_ERR_EXISTS rather than overwrite. */
lt_err lt_keys_create_file(const char *path, struct lt_problem *p);
/** Loads the master key from LANTERN_MASTER_KEY if set, else from PATH
 *  (refusing a file readable by group or others), and derives the subkeys. */
lt_err lt_keys_load(const char *path, struct lt_keys *out, struct lt_problem *p);
/** Derives subkeys from a raw 32-byte master key (for tests and load). */
void lt_keys_derive(const unsigned char master[LT_KEY_BYTES], struct lt_keys *out);
/** Zeroes K. */
void lt_keys_wipe(struct lt_keys *k);

#endif
