/* The audit log's hash chain: each row's MAC covers its own fields and the
 * previous row's MAC, under a key the database does not hold, so a changed,
 * deleted or reordered row breaks every link after it.
 * Ownership: callers own every buffer. */
#ifndef LT_CRYPTO_AUDIT_CHAIN_H
#define LT_CRYPTO_AUDIT_CHAIN_H
#include "crypto/keys.h"

#define LT_AUDIT_HASH_BYTES 32

/** MAC of CANONICAL (the row's fields in a fixed text form) chained on PREV. */
void lt_audit_chain_hash(const struct lt_keys *k, const unsigned char prev[LT_AUDIT_HASH_BYTES],
			 const char *canonical, size_t len,
			 unsigned char out[LT_AUDIT_HASH_BYTES]);

#endif
