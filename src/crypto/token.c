#include "crypto/token.h"
#include <sodium.h>

lt_err lt_token_generate(const char *prefix, char out[LT_TOKEN_TEXT_MAX])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	size_t plen = strlen(prefix);
	if (plen + sodium_base64_ENCODED_LEN(sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING) >
	    LT_TOKEN_TEXT_MAX)
		return LT_ERR_INVALID;
	memcpy(out, prefix, plen);
	sodium_bin2base64(out + plen, LT_TOKEN_TEXT_MAX - plen, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	return LT_OK;
}

void lt_token_hash(const struct lt_keys *k, const char *token, unsigned char out[LT_TOKEN_HASH_BYTES])
{
	crypto_generichash(out, LT_TOKEN_HASH_BYTES, (const unsigned char *)token, strlen(token),
			   k->token, LT_KEY_BYTES);
}

bool lt_token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return false;
	return sodium_memcmp(a, b, la) == 0;
}
