/* libFuzzer target: name normalisation and the blind index on arbitrary
 * bytes, with a fixed key. Checks, beyond "no crash": invalid UTF-8 is
 * refused by both; a normalised name is valid UTF-8, never longer than the
 * input, has no upper-case ASCII, no white space but single inner spaces,
 * and normalises to itself; and the index of a name equals the index of
 * its normal form (which is what makes search by exact name work). */
#include "crypto/seal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct lt_keys keys;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (lt_crypto_init())
		abort();
	unsigned char master[LT_KEY_BYTES];
	for (size_t i = 0; i < sizeof(master); i++)
		master[i] = (unsigned char)(i * 7 + 1);
	lt_keys_derive(master, &keys);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	char *in = malloc(size + 1);
	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	size_t in_len = strlen(in);

	struct lt_buf out, twice;
	lt_buf_init(&out, 0);
	lt_buf_init(&twice, 0);
	unsigned char a[LT_BLIND_BYTES], b[LT_BLIND_BYTES];
	lt_err rc = lt_normalise_name(in, &out);
	lt_err rc_index = lt_blind_index(&keys, "person.name", in, a);
	if ((rc == LT_OK) != (rc_index == LT_OK))
		abort();
	if (rc == LT_OK) {
		if (!out.data || out.len != strlen(out.data) || out.len > in_len)
			abort();
		const char *s = out.data;
		if (out.len && (s[0] == ' ' || s[out.len - 1] == ' '))
			abort();
		for (size_t i = 0; i < out.len; i++) {
			if ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '\t' || s[i] == '\n' ||
			    s[i] == '\r' || s[i] == '\f' || s[i] == '\v')
				abort();
			if (s[i] == ' ' && s[i + 1] == ' ')
				abort();
		}
		/* Idempotent, which also proves the output is valid UTF-8. */
		if (lt_normalise_name(out.data, &twice) != LT_OK || twice.len != out.len ||
		    memcmp(twice.data, out.data, out.len) != 0)
			abort();
		if (lt_blind_index(&keys, "person.name", out.data, b) != LT_OK ||
		    memcmp(a, b, sizeof(a)) != 0)
			abort();
		/* Another purpose gives another index. */
		if (lt_blind_index(&keys, "person.family_name", in, b) != LT_OK ||
		    memcmp(a, b, sizeof(a)) == 0)
			abort();
	} else if (rc != LT_ERR_INVALID) {
		abort();
	}
	/* Appending to a buffer that already holds text keeps that text. */
	lt_buf_reset(&twice);
	if (lt_buf_adds(&twice, "KEEP") || (lt_normalise_name(in, &twice) == LT_OK &&
					   memcmp(twice.data, "KEEP", 4) != 0))
		abort();
	lt_buf_release(&out);
	lt_buf_release(&twice);
	free(in);
	return 0;
}
