/* Bearer secrets: session cookies, CSRF tokens and API tokens. A token is 32
 * random bytes in URL-safe base64 behind a short prefix; the database keeps
 * only a keyed hash, so a copy of it cannot be used to log in.
 * Ownership: callers own every buffer. */
#ifndef LT_CRYPTO_TOKEN_H
#define LT_CRYPTO_TOKEN_H
#include "crypto/keys.h"

#define LT_TOKEN_TEXT_MAX 64
#define LT_TOKEN_HASH_BYTES 32

/** Writes PREFIX followed by 43 characters of randomness into OUT. */
lt_err lt_token_generate(const char *prefix, char out[LT_TOKEN_TEXT_MAX]);
/** The keyed hash under which TOKEN is stored. */
void lt_token_hash(const struct lt_keys *k, const char *token, unsigned char out[LT_TOKEN_HASH_BYTES]);
/** Constant-time equality of two NUL-terminated strings. */
bool lt_token_equal(const char *a, const char *b);

#endif
