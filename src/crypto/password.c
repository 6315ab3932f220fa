#include "crypto/password.h"
#include <sodium.h>

#define OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

lt_err lt_password_hash(const char *password, char out[LT_PASSWORD_HASH_MAX])
{
	_Static_assert(crypto_pwhash_STRBYTES <= LT_PASSWORD_HASH_MAX, "hash buffer too small");
	if (crypto_pwhash_str_alg(out, password, strlen(password), OPS, MEM,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return LT_ERR_NOMEM; /* argon2 fails only when it cannot get its memory */
	return LT_OK;
}

bool lt_password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void lt_password_burn(const char *password)
{
	static char dummy[LT_PASSWORD_HASH_MAX];
	static bool ready;
	if (!ready) {
		/* A race here only computes the same kind of hash twice. */
		if (lt_password_hash("lantern-timing-equaliser", dummy))
			return;
		ready = true;
	}
	(void)lt_password_verify(dummy, password);
}

bool lt_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, OPS, MEM) != 0;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

lt_err lt_password_check_policy(const char *password, const char *field, struct lt_problem *p)
{
	if (utf8_chars(password) < LT_PASSWORD_MIN)
		return lt_problem_field(p, field, "must be at least %d characters", LT_PASSWORD_MIN);
	if (strlen(password) > LT_PASSWORD_MAX)
		return lt_problem_field(p, field, "must be at most %d bytes", LT_PASSWORD_MAX);
	return LT_OK;
}

void lt_password_generate(char out[21])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < 20; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[20] = '\0';
}
