#include "crypto/audit_chain.h"
#include <sodium.h>

void lt_audit_chain_hash(const struct lt_keys *k, const unsigned char prev[LT_AUDIT_HASH_BYTES],
			 const char *canonical, size_t len, unsigned char out[LT_AUDIT_HASH_BYTES])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, k->audit, LT_KEY_BYTES, LT_AUDIT_HASH_BYTES);
	crypto_generichash_update(&st, prev, LT_AUDIT_HASH_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)canonical, len);
	crypto_generichash_final(&st, out, LT_AUDIT_HASH_BYTES);
}
