/* Account passwords: argon2id hashes (libsodium's encoded string, which
 * carries its own salt and parameters), policy checks and generation.
 * Ownership: callers own every buffer. */
#ifndef LT_CRYPTO_PASSWORD_H
#define LT_CRYPTO_PASSWORD_H
#include "base/common.h"
#include "base/problem.h"

#define LT_PASSWORD_HASH_MAX 128
#define LT_PASSWORD_MIN 12
#define LT_PASSWORD_MAX 1024

/** Hashes PASSWORD with argon2id into OUT (NUL-terminated). */
lt_err lt_password_hash(const char *password, char out[LT_PASSWORD_HASH_MAX]);
/** True when PASSWORD matches HASH. */
bool lt_password_verify(const char *hash, const char *password);
/** Spends the time a verification would, so an unknown user name takes as
 *  long to refuse as a wrong password. */
void lt_password_burn(const char *password);
/** True when HASH was made with other parameters than today's. */
bool lt_password_needs_rehash(const char *hash);
/** Checks length rules; names FIELD in P on failure. */
lt_err lt_password_check_policy(const char *password, const char *field, struct lt_problem *p);
/** Writes a random password of 20 characters from an unambiguous alphabet. */
void lt_password_generate(char out[21]);

#endif
