#include "lt_test.h"
#include "crypto/audit_chain.h"
#include "crypto/password.h"
#include "crypto/seal.h"
#include "crypto/token.h"
#include <sys/stat.h>

static struct lt_keys keys;

static int setup(void **state)
{
	(void)state;
	unsigned char master[LT_KEY_BYTES];
	memset(master, 7, sizeof(master));
	if (lt_crypto_init())
		return -1;
	lt_keys_derive(master, &keys);
	return 0;
}

static void seal_round_trips_and_binds_to_its_row(void **state)
{
	(void)state;
	struct lt_buf sealed, plain;
	lt_buf_init(&sealed, 0);
	lt_buf_init(&plain, 0);
	const char *name = "Đurđija Žabljak-Ćirić";
	assert_int_equal(lt_seal(&keys, "persons", "given_name", 42, name, strlen(name), &sealed), LT_OK);
	assert_int_equal(sealed.len, strlen(name) + LT_SEAL_OVERHEAD);
	assert_null(memmem(sealed.data, sealed.len, name, strlen(name)));
	assert_int_equal(lt_unseal(&keys, "persons", "given_name", 42, sealed.data, sealed.len, &plain), LT_OK);
	assert_string_equal(plain.data, name);

	lt_buf_reset(&plain);
	assert_int_equal(lt_unseal(&keys, "persons", "given_name", 43, sealed.data, sealed.len, &plain),
			 LT_ERR_CRYPTO);
	assert_int_equal(lt_unseal(&keys, "persons", "family_name", 42, sealed.data, sealed.len, &plain),
			 LT_ERR_CRYPTO);
	sealed.data[sealed.len - 1] ^= 1;
	assert_int_equal(lt_unseal(&keys, "persons", "given_name", 42, sealed.data, sealed.len, &plain),
			 LT_ERR_CRYPTO);
	assert_int_equal(plain.len, 0);
	lt_buf_release(&sealed);
	lt_buf_release(&plain);
}

static void blind_index_matches_case_and_spacing_variants_only(void **state)
{
	(void)state;
	unsigned char a[LT_BLIND_BYTES], b[LT_BLIND_BYTES], c[LT_BLIND_BYTES], d[LT_BLIND_BYTES];
	assert_int_equal(lt_blind_index(&keys, "person.name", "ŽIVKA  Đorđević ", a), LT_OK);
	assert_int_equal(lt_blind_index(&keys, "person.name", " živka đorđević", b), LT_OK);
	assert_memory_equal(a, b, sizeof(a));
	assert_int_equal(lt_blind_index(&keys, "person.name", "živka đorđevic", c), LT_OK);
	assert_memory_not_equal(a, c, sizeof(a));
	assert_int_equal(lt_blind_index(&keys, "person.family_name", "živka đorđević", d), LT_OK);
	assert_memory_not_equal(a, d, sizeof(a));
	/* Cyrillic folds too. */
	assert_int_equal(lt_blind_index(&keys, "person.name", "ЉУБИЦА", a), LT_OK);
	assert_int_equal(lt_blind_index(&keys, "person.name", "љубица", b), LT_OK);
	assert_memory_equal(a, b, sizeof(a));
	assert_int_equal(lt_blind_index(&keys, "person.name", "bad \xC3", a), LT_ERR_INVALID);
}

static void password_hash_verifies_and_policy_names_field(void **state)
{
	(void)state;
	char hash[LT_PASSWORD_HASH_MAX];
	assert_int_equal(lt_password_hash("correct horse battery", hash), LT_OK);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_true(lt_password_verify(hash, "correct horse battery"));
	assert_false(lt_password_verify(hash, "correct horse batterz"));
	assert_false(lt_password_needs_rehash(hash));
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_password_check_policy("short", "new_password", &p), LT_ERR_INVALID);
	assert_string_equal(p.fields[0].field, "new_password");
	char gen[21];
	lt_password_generate(gen);
	assert_int_equal(strlen(gen), 20);
	lt_problem_init(&p);
	assert_int_equal(lt_password_check_policy(gen, "password", &p), LT_OK);
}

static void tokens_are_unique_and_hashed_with_key(void **state)
{
	(void)state;
	char t1[LT_TOKEN_TEXT_MAX], t2[LT_TOKEN_TEXT_MAX];
	assert_int_equal(lt_token_generate("lt_", t1), LT_OK);
	assert_int_equal(lt_token_generate("lt_", t2), LT_OK);
	assert_int_equal(strlen(t1), 3 + 43);
	assert_false(lt_token_equal(t1, t2));
	assert_true(lt_token_equal(t1, t1));
	unsigned char h1[32], h2[32];
	lt_token_hash(&keys, t1, h1);
	struct lt_keys other;
	unsigned char master[LT_KEY_BYTES] = {1};
	lt_keys_derive(master, &other);
	lt_token_hash(&other, t1, h2);
	assert_memory_not_equal(h1, h2, 32);
}

static void audit_chain_depends_on_previous_link(void **state)
{
	(void)state;
	unsigned char zero[32] = {0}, h1[32], h2[32], h3[32];
	lt_audit_chain_hash(&keys, zero, "1|login", 7, h1);
	lt_audit_chain_hash(&keys, h1, "2|read", 6, h2);
	lt_audit_chain_hash(&keys, zero, "2|read", 6, h3);
	assert_memory_not_equal(h2, h3, 32);
}

static void key_file_is_private_and_never_overwritten(void **state)
{
	(void)state;
	char *dir = lt_test_tmpdir();
	char path[600];
	snprintf(path, sizeof(path), "%s/master.key", dir);
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_keys_create_file(path, &p), LT_OK);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(lt_keys_create_file(path, &p), LT_ERR_EXISTS);
	struct lt_keys k1, k2;
	assert_int_equal(lt_keys_load(path, &k1, &p), LT_OK);
	assert_int_equal(lt_keys_load(path, &k2, &p), LT_OK);
	assert_memory_equal(&k1, &k2, sizeof(k1));
	chmod(path, 0644);
	lt_problem_init(&p);
	assert_int_equal(lt_keys_load(path, &k1, &p), LT_ERR_CRYPTO);
	assert_non_null(strstr(p.detail, "chmod 600"));
	lt_test_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seal_round_trips_and_binds_to_its_row),
		cmocka_unit_test(blind_index_matches_case_and_spacing_variants_only),
		cmocka_unit_test(password_hash_verifies_and_policy_names_field),
		cmocka_unit_test(tokens_are_unique_and_hashed_with_key),
		cmocka_unit_test(audit_chain_depends_on_previous_link),
		cmocka_unit_test(key_file_is_private_and_never_overwritten),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
