#include "crypto/seal.h"
#include <sodium.h>

#define SEAL_VERSION 1

static lt_err make_aad(const char *table, const char *column, int64_t rowid, char *aad, size_t cap,
		       size_t *len)
{
	int n = snprintf(aad, cap, "lantern/%s/%s/%lld", table, column, (long long)rowid);
	if (n < 0 || (size_t)n >= cap)
		return LT_ERR_INVALID;
	*len = (size_t)n;
	return LT_OK;
}

lt_err lt_seal(const struct lt_keys *k, const char *table, const char *column, int64_t rowid,
	       const void *plain, size_t len, struct lt_buf *out)
{
	char aad[192];
	size_t aad_len;
	if (make_aad(table, column, rowid, aad, sizeof(aad), &aad_len))
		return LT_ERR_INVALID;
	size_t total = 1 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + len +
		       crypto_aead_xchacha20poly1305_ietf_ABYTES;
	unsigned char *dst;
	lt_err rc = lt_buf_extend(out, total, &dst);
	if (rc)
		return rc;
	dst[0] = SEAL_VERSION;
	unsigned char *nonce = dst + 1;
	randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(
		nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen, plain, len,
		(const unsigned char *)aad, aad_len, NULL, nonce, k->seal);
	return LT_OK;
}

lt_err lt_unseal(const struct lt_keys *k, const char *table, const char *column, int64_t rowid,
		 const void *sealed, size_t len, struct lt_buf *out)
{
	const unsigned char *src = sealed;
	const size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
	const size_t ab = crypto_aead_xchacha20poly1305_ietf_ABYTES;
	if (len < 1 + nb + ab || src[0] != SEAL_VERSION)
		return LT_ERR_CRYPTO;
	char aad[192];
	size_t aad_len;
	if (make_aad(table, column, rowid, aad, sizeof(aad), &aad_len))
		return LT_ERR_INVALID;
	size_t plain_len = len - 1 - nb - ab;
	size_t start = out->len;
	unsigned char *dst;
	lt_err rc = lt_buf_extend(out, plain_len, &dst);
	if (rc)
		return rc;
	unsigned long long mlen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(dst, &mlen,
						       NULL, src + 1 + nb, len - 1 - nb,
						       (const unsigned char *)aad, aad_len,
						       src + 1, k->seal) != 0) {
		sodium_memzero(dst, plain_len);
		out->len = start;
		out->data[start] = '\0';
		return LT_ERR_CRYPTO;
	}
	return LT_OK;
}

/* Decodes one UTF-8 sequence; returns its length, 0 on malformed input. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return *cp >= 0x80 ? 2 : 0;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
		      (s[2] & 0x3F);
		return (*cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF)) ? 3 : 0;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		      ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return (*cp >= 0x10000 && *cp <= 0x10FFFF) ? 4 : 0;
	}
	return 0;
}

static lt_err utf8_encode(uint32_t cp, struct lt_buf *out)
{
	unsigned char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return lt_buf_add(out, b, n);
}

/* Lower case for the scripts names in the region are written in: Latin
 * (Basic, Latin-1, Extended-A) and Cyrillic. Other letters pass unchanged. */
static uint32_t fold_case(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c >= 0x100 && c <= 0x137 && c != 0x130)
		return c | 1;
	if (c >= 0x139 && c <= 0x148)
		return (c & 1) ? c + 1 : c;
	if (c >= 0x14A && c <= 0x177)
		return c | 1;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x179 && c <= 0x17E)
		return (c & 1) ? c + 1 : c;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	return c;
}

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || c == 0x2007 || c == 0x202F;
}

lt_err lt_normalise_name(const char *in, struct lt_buf *out)
{
	const unsigned char *s = (const unsigned char *)in;
	bool pending_space = false;
	size_t start = out->len;
	while (*s) {
		uint32_t cp;
		size_t n = utf8_decode(s, &cp);
		if (n == 0)
			return LT_ERR_INVALID;
		s += n;
		if (is_space(cp)) {
			pending_space = out->len > start;
			continue;
		}
		lt_err rc;
		if (pending_space && (rc = lt_buf_add(out, " ", 1)))
			return rc;
		pending_space = false;
		if ((rc = utf8_encode(fold_case(cp), out)))
			return rc;
	}
	return lt_buf_add(out, NULL, 0);
}

lt_err lt_blind_index(const struct lt_keys *k, const char *purpose, const char *value,
		      unsigned char out[LT_BLIND_BYTES])
{
	struct lt_buf norm;
	lt_buf_init(&norm, 64 * 1024);
	lt_err rc = lt_normalise_name(value, &norm);
	if (rc)
		goto done;
	crypto_generichash_state st;
	crypto_generichash_init(&st, k->blind, LT_KEY_BYTES, LT_BLIND_BYTES);
	/* The purpose, NUL-separated, keeps equal values in different fields apart. */
	crypto_generichash_update(&st, (const unsigned char *)purpose, strlen(purpose) + 1);
	crypto_generichash_update(&st, (const unsigned char *)norm.data, norm.len);
	crypto_generichash_final(&st, out, LT_BLIND_BYTES);
done:
	if (norm.data)
		sodium_memzero(norm.data, norm.len);
	lt_buf_release(&norm);
	return rc;
}
