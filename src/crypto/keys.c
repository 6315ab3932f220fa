#include "crypto/keys.h"
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

lt_err lt_crypto_init(void)
{
	return sodium_init() < 0 ? LT_ERR_CRYPTO : LT_OK;
}

lt_err lt_keys_create_file(const char *path, struct lt_problem *p)
{
	if (lt_crypto_init())
		return lt_problem_set(p, LT_ERR_CRYPTO, "libsodium failed to initialise");
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return lt_problem_set(p, LT_ERR_EXISTS, "%s already exists", path);
		return lt_problem_set(p, LT_ERR_IO, "cannot create %s: %s", path, strerror(errno));
	}
	unsigned char master[LT_KEY_BYTES];
	char hex[LT_KEY_BYTES * 2 + 2];
	randombytes_buf(master, sizeof(master));
	sodium_bin2hex(hex, sizeof(hex), master, sizeof(master));
	sodium_memzero(master, sizeof(master));
	size_t len = strlen(hex);
	hex[len++] = '\n';
	lt_err rc = LT_OK;
	if (write(fd, hex, len) != (ssize_t)len || fsync(fd) != 0)
		rc = lt_problem_set(p, LT_ERR_IO, "cannot write %s: %s", path, strerror(errno));
	sodium_memzero(hex, sizeof(hex));
	if (close(fd) != 0 && !rc)
		rc = lt_problem_set(p, LT_ERR_IO, "cannot close %s: %s", path, strerror(errno));
	if (rc)
		unlink(path);
	return rc;
}

void lt_keys_derive(const unsigned char master[LT_KEY_BYTES], struct lt_keys *out)
{
	/* crypto_kdf contexts are exactly 8 bytes. */
	crypto_kdf_derive_from_key(out->seal, LT_KEY_BYTES, 1, "LTseal__", master);
	crypto_kdf_derive_from_key(out->blind, LT_KEY_BYTES, 2, "LTblind_", master);
	crypto_kdf_derive_from_key(out->audit, LT_KEY_BYTES, 3, "LTaudit_", master);
	crypto_kdf_derive_from_key(out->token, LT_KEY_BYTES, 4, "LTtoken_", master);
}

static lt_err parse_hex_key(const char *hex, unsigned char master[LT_KEY_BYTES])
{
	size_t bin_len = 0;
	const char *end = NULL;
	if (sodium_hex2bin(master, LT_KEY_BYTES, hex, strlen(hex), " \r\n\t", &bin_len, &end) != 0 ||
	    bin_len != LT_KEY_BYTES || (end && *end && !strchr(" \r\n\t", *end)))
		return LT_ERR_CRYPTO;
	return LT_OK;
}

lt_err lt_keys_load(const char *path, struct lt_keys *out, struct lt_problem *p)
{
	if (lt_crypto_init())
		return lt_problem_set(p, LT_ERR_CRYPTO, "libsodium failed to initialise");
	unsigned char master[LT_KEY_BYTES];
	const char *env = getenv("LANTERN_MASTER_KEY");
	if (env && *env) {
		if (parse_hex_key(env, master))
			return lt_problem_set(p, LT_ERR_CRYPTO,
					      "LANTERN_MASTER_KEY must be 64 hexadecimal digits");
		lt_keys_derive(master, out);
		sodium_memzero(master, sizeof(master));
		return LT_OK;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return lt_problem_set(p, LT_ERR_CRYPTO, "cannot open the master key %s: %s", path,
				      strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || (st.st_mode & 077)) {
		close(fd);
		return lt_problem_set(p, LT_ERR_CRYPTO,
				      "the master key %s must be readable by its owner only (chmod 600)",
				      path);
	}
	char hex[128] = {0};
	ssize_t n = read(fd, hex, sizeof(hex) - 1);
	close(fd);
	if (n <= 0 || parse_hex_key(hex, master)) {
		sodium_memzero(hex, sizeof(hex));
		return lt_problem_set(p, LT_ERR_CRYPTO, "the master key %s is malformed", path);
	}
	sodium_memzero(hex, sizeof(hex));
	lt_keys_derive(master, out);
	sodium_memzero(master, sizeof(master));
	return LT_OK;
}

void lt_keys_wipe(struct lt_keys *k)
{
	sodium_memzero(k, sizeof(*k));
}
