/* Field encryption (XChaCha20-Poly1305) and the keyed blind index that lets
 * us find a sealed value by exact match without storing it in the clear.
 * The associated data binds a sealed value to its table, column and row, so
 * a value copied to another row or column fails to open.
 * Ownership: outputs go into caller-owned buffers. */
#ifndef LT_CRYPTO_SEAL_H
#define LT_CRYPTO_SEAL_H
#include "base/buf.h"
#include "crypto/keys.h"

#define LT_BLIND_BYTES 32
#define LT_SEAL_OVERHEAD (1 + 24 + 16) /* version, nonce, tag */

/** Seals LEN bytes of PLAIN for TABLE.COLUMN of row ROWID into OUT
 *  (appended: version byte, nonce, ciphertext with tag). */
lt_err lt_seal(const struct lt_keys *k, const char *table, const char *column, int64_t rowid,
	       const void *plain, size_t len, struct lt_buf *out);
/** Opens a sealed value; LT_ERR_CRYPTO when it was altered or belongs to
 *  another row or column. Appends the plaintext to OUT. */
lt_err lt_unseal(const struct lt_keys *k, const char *table, const char *column, int64_t rowid,
		 const void *sealed, size_t len, struct lt_buf *out);
/** Normalises a name for matching: Unicode letters of the Latin and Cyrillic
 *  blocks folded to lower case, runs of white space made one space, trimmed. */
lt_err lt_normalise_name(const char *in, struct lt_buf *out);
/** The blind index of VALUE (normalised first) for PURPOSE, e.g. "person.name". */
lt_err lt_blind_index(const struct lt_keys *k, const char *purpose, const char *value,
		      unsigned char out[LT_BLIND_BYTES]);

#endif
