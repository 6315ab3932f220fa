/* The reads that authenticate every request: a session or an API token is
 * found together with its user and organisation in one statement (one WAL
 * read transaction per request instead of two). These tests hold the joined
 * rows to what the separate reads gave, and check that a token or session
 * never comes back with another user's row. Synthetic accounts only. */
#include "lt_test.h"
#include "store/store.h"

struct fx {
	char *dir;
	struct lt_store *s;
	struct lt_problem p;
	int64_t org_a, org_b, user_a, user_b;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char path[600];
	if (!f || !(f->dir = lt_test_tmpdir()))
		return -1;
	snprintf(path, sizeof(path), "%s/lantern.db", f->dir);
	lt_problem_init(&f->p);
	if (lt_store_open(path, true, &f->s, &f->p) || lt_store_migrate(f->s, &f->p))
		return -1;
	if (lt_store_org_insert(f->s, "Centre (synthetic)", "center", 100, &f->org_a) ||
	    lt_store_org_insert(f->s, "Shelter (synthetic)", "shelter", 101, &f->org_b) ||
	    lt_store_user_insert(f->s, "ana-synthetic", "hash-a", "coordinator", f->org_a, 200,
				 &f->user_a) ||
	    lt_store_user_insert(f->s, "bojan-synthetic", "hash-b", "caseworker", f->org_b, 201,
				 &f->user_b))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	lt_store_free(f->s);
	lt_test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void hash_of(unsigned char hash[32], unsigned char seed)
{
	for (int i = 0; i < 32; i++)
		hash[i] = (unsigned char)(seed + i * 7);
}

/* The joined user must equal what lt_store_user_get reads on its own. */
static void assert_same_user(struct lt_store *s, const struct lt_user_row *joined, int64_t id)
{
	struct lt_user_row alone;
	assert_int_equal(lt_store_user_get(s, id, &alone), LT_OK);
	assert_int_equal(joined->id, alone.id);
	assert_string_equal(joined->username, alone.username);
	assert_string_equal(joined->password_hash, alone.password_hash);
	assert_string_equal(joined->role, alone.role);
	assert_int_equal(joined->disabled, alone.disabled);
	assert_int_equal(joined->created_at, alone.created_at);
	assert_int_equal(joined->org.id, alone.org.id);
	assert_string_equal(joined->org.name, alone.org.name);
	assert_string_equal(joined->org.kind, alone.org.kind);
	assert_int_equal(joined->org.created_at, alone.org.created_at);
}

static void token_get_returns_the_token_and_its_user(void **state)
{
	struct fx *f = *state;
	unsigned char ha[32], hb[32];
	hash_of(ha, 1);
	hash_of(hb, 2);
	int64_t ta, tb, id = 0, last = -1;
	assert_int_equal(lt_store_token_insert(f->s, ha, f->user_a, "a", 300, &ta), LT_OK);
	assert_int_equal(lt_store_token_insert(f->s, hb, f->user_b, "b", 301, &tb), LT_OK);

	struct lt_user_row u;
	memset(&u, 0, sizeof(u));
	assert_int_equal(lt_store_token_get(f->s, ha, &id, &last, &u), LT_OK);
	assert_int_equal(id, ta);
	assert_int_equal(last, 0); /* never used */
	assert_same_user(f->s, &u, f->user_a);
	assert_string_equal(u.username, "ana-synthetic");
	assert_string_equal(u.org.name, "Centre (synthetic)");
	assert_false(u.disabled);

	assert_int_equal(lt_store_token_get(f->s, hb, &id, &last, &u), LT_OK);
	assert_int_equal(id, tb);
	assert_same_user(f->s, &u, f->user_b);
	assert_string_equal(u.role, "caseworker");
	assert_string_equal(u.org.kind, "shelter");

	assert_int_equal(lt_store_token_touch(f->s, ta, 360), LT_OK);
	assert_int_equal(lt_store_token_get(f->s, ha, &id, &last, &u), LT_OK);
	assert_int_equal(last, 360);
}

static void token_get_refuses_unknown_and_revoked_tokens(void **state)
{
	struct fx *f = *state;
	unsigned char h[32], other[32];
	hash_of(h, 3);
	hash_of(other, 4);
	int64_t t, id, last;
	struct lt_user_row u;
	assert_int_equal(lt_store_token_insert(f->s, h, f->user_a, "a", 300, &t), LT_OK);
	assert_int_equal(lt_store_token_get(f->s, other, &id, &last, &u), LT_ERR_NOT_FOUND);
	int count = 0;
	assert_int_equal(lt_store_token_revoke(f->s, t, f->user_a, 400, &count), LT_OK);
	assert_int_equal(count, 1);
	assert_int_equal(lt_store_token_get(f->s, h, &id, &last, &u), LT_ERR_NOT_FOUND);
}

/* The store reports the flag; refusing a disabled user is the service's job. */
static void token_get_reports_a_disabled_user(void **state)
{
	struct fx *f = *state;
	unsigned char h[32];
	hash_of(h, 5);
	int64_t t, id, last;
	struct lt_user_row u;
	assert_int_equal(lt_store_token_insert(f->s, h, f->user_b, "b", 300, &t), LT_OK);
	assert_int_equal(lt_store_user_set_disabled(f->s, f->user_b, true), LT_OK);
	assert_int_equal(lt_store_token_get(f->s, h, &id, &last, &u), LT_OK);
	assert_true(u.disabled);
	assert_int_equal(u.id, f->user_b);
}

static void session_get_returns_the_session_and_its_user(void **state)
{
	struct fx *f = *state;
	unsigned char ha[32], hb[32], none[32];
	hash_of(ha, 6);
	hash_of(hb, 7);
	hash_of(none, 8);
	assert_int_equal(lt_store_session_insert(f->s, ha, "csrf-a", f->user_a, 500), LT_OK);
	assert_int_equal(lt_store_session_insert(f->s, hb, "csrf-b", f->user_b, 501), LT_OK);

	struct lt_session_row row;
	struct lt_user_row u;
	assert_int_equal(lt_store_session_get(f->s, hb, &row, &u), LT_OK);
	assert_int_equal(row.user_id, f->user_b);
	assert_string_equal(row.csrf_token, "csrf-b");
	assert_int_equal(row.created_at, 501);
	assert_int_equal(row.last_seen_at, 501);
	assert_same_user(f->s, &u, f->user_b);

	assert_int_equal(lt_store_session_touch(f->s, row.id, 560), LT_OK);
	assert_int_equal(lt_store_session_get(f->s, hb, &row, &u), LT_OK);
	assert_int_equal(row.last_seen_at, 560);
	assert_int_equal(row.created_at, 501);

	assert_int_equal(lt_store_session_get(f->s, ha, &row, &u), LT_OK);
	assert_string_equal(row.csrf_token, "csrf-a");
	assert_same_user(f->s, &u, f->user_a);

	assert_int_equal(lt_store_session_get(f->s, none, &row, &u), LT_ERR_NOT_FOUND);
	assert_int_equal(lt_store_session_delete(f->s, row.id), LT_OK);
	assert_int_equal(lt_store_session_get(f->s, ha, &row, &u), LT_ERR_NOT_FOUND);
	assert_int_equal(lt_store_session_get(f->s, hb, &row, &u), LT_OK);
}

/* Inside a caller's read transaction the joined read works the same. */
static void reads_work_inside_a_read_transaction(void **state)
{
	struct fx *f = *state;
	unsigned char ht[32], hs[32];
	hash_of(ht, 9);
	hash_of(hs, 10);
	int64_t t, id, last;
	struct lt_user_row u;
	struct lt_session_row row;
	assert_int_equal(lt_store_token_insert(f->s, ht, f->user_a, "a", 300, &t), LT_OK);
	assert_int_equal(lt_store_session_insert(f->s, hs, "csrf", f->user_b, 300), LT_OK);
	assert_int_equal(lt_store_read_begin(f->s), LT_OK);
	assert_int_equal(lt_store_token_get(f->s, ht, &id, &last, &u), LT_OK);
	assert_int_equal(u.id, f->user_a);
	assert_int_equal(lt_store_session_get(f->s, hs, &row, &u), LT_OK);
	assert_int_equal(u.id, f->user_b);
	lt_store_read_end(f->s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(token_get_returns_the_token_and_its_user, setup,
						teardown),
		cmocka_unit_test_setup_teardown(token_get_refuses_unknown_and_revoked_tokens, setup,
						teardown),
		cmocka_unit_test_setup_teardown(token_get_reports_a_disabled_user, setup, teardown),
		cmocka_unit_test_setup_teardown(session_get_returns_the_session_and_its_user, setup,
						teardown),
		cmocka_unit_test_setup_teardown(reads_work_inside_a_read_transaction, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
