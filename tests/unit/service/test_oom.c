/* Out of memory and size caps on the paths every request body takes:
 * lt_buf and lt_arena refusing what they cannot hold, and jansson failing
 * its N-th allocation at every N inside lt_json_parse + lt_json_check (as a
 * service validates a body). Each must return an error and stay usable;
 * none may crash or leak (LeakSanitizer runs at exit in the sanitizer
 * build). */
#include "lt_test.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/json.h"

/* Huge requests below must come back as NULL from malloc, which is what
 * the C library does, not abort the test as ASan would by default. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* ---- lt_buf ---- */

static void buf_cap_refuses_and_keeps_contents(void **state)
{
	(void)state;
	struct lt_buf b;
	lt_buf_init(&b, 16);
	assert_int_equal(lt_buf_adds(&b, "0123456789"), LT_OK);
	assert_int_equal(lt_buf_adds(&b, "abcdefg"), LT_ERR_TOO_LARGE);
	assert_int_equal(lt_buf_addf(&b, "%s", "abcdefg"), LT_ERR_TOO_LARGE);
	unsigned char *w = NULL;
	assert_int_equal(lt_buf_extend(&b, 7, &w), LT_ERR_TOO_LARGE);
	assert_null(w);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	/* Exactly at the cap is fine. */
	assert_int_equal(lt_buf_adds(&b, "abcdef"), LT_OK);
	assert_int_equal(b.len, 16);
	assert_int_equal(lt_buf_add(&b, "", 0), LT_OK);
	assert_int_equal(lt_buf_add(&b, "x", 1), LT_ERR_TOO_LARGE);
	/* Lengths that would wrap size_t arithmetic are refused, not wrapped. */
	assert_int_equal(lt_buf_add(&b, "x", SIZE_MAX), LT_ERR_TOO_LARGE);
	assert_int_equal(lt_buf_extend(&b, SIZE_MAX - 1, &w), LT_ERR_TOO_LARGE);
	assert_string_equal(b.data, "0123456789abcdef");
	/* Reset keeps the allocation and the cap. */
	lt_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(lt_buf_adds(&b, "01234567890123456"), LT_ERR_TOO_LARGE);
	lt_buf_release(&b);
	assert_null(b.data);
}

static void buf_without_cap_still_cannot_wrap(void **state)
{
	(void)state;
	/* 0 and anything above SIZE_MAX / 2 mean SIZE_MAX / 2. */
	static const size_t maxes[] = {0, SIZE_MAX, SIZE_MAX / 2 + 1};
	for (size_t i = 0; i < LT_ARRAY_LEN(maxes); i++) {
		struct lt_buf b;
		lt_buf_init(&b, maxes[i]);
		assert_true(b.max <= SIZE_MAX / 2);
		assert_int_equal(lt_buf_adds(&b, "ok"), LT_OK);
		unsigned char *w = NULL;
		assert_int_equal(lt_buf_add(&b, "x", SIZE_MAX), LT_ERR_TOO_LARGE);
		assert_int_equal(lt_buf_extend(&b, SIZE_MAX - 2, &w), LT_ERR_TOO_LARGE);
		assert_int_equal(lt_buf_extend(&b, SIZE_MAX / 2, &w), LT_ERR_TOO_LARGE);
		assert_string_equal(b.data, "ok");
		lt_buf_release(&b);
	}
}

static void buf_reports_nomem_and_stays_usable(void **state)
{
	(void)state;
	struct lt_buf b;
	lt_buf_init(&b, 0);
	assert_int_equal(lt_buf_adds(&b, "kept"), LT_OK);
	unsigned char *w = NULL;
	/* Within the cap, but no machine has this much memory. */
	assert_int_equal(lt_buf_extend(&b, SIZE_MAX / 4, &w), LT_ERR_NOMEM);
	assert_null(w);
	assert_int_equal(b.len, 4);
	assert_string_equal(b.data, "kept");
	assert_int_equal(lt_buf_adds(&b, " going"), LT_OK);
	assert_string_equal(b.data, "kept going");
	size_t len = 0;
	char *d = lt_buf_detach(&b, &len);
	assert_string_equal(d, "kept going");
	assert_int_equal(len, 10);
	free(d);
	/* Detaching an empty buffer gives an empty string, not NULL. */
	d = lt_buf_detach(&b, &len);
	assert_non_null(d);
	assert_string_equal(d, "");
	free(d);
}

/* ---- lt_arena ---- */

static void arena_refuses_impossible_sizes(void **state)
{
	(void)state;
	struct lt_arena a;
	lt_arena_init(&a);
	char *first = lt_arena_strdup(&a, "first");
	assert_non_null(first);
	assert_null(lt_arena_alloc(&a, SIZE_MAX));
	assert_null(lt_arena_alloc(&a, SIZE_MAX / 2 + 1));
	assert_null(lt_arena_alloc(&a, SIZE_MAX - _Alignof(max_align_t) + 2));
	/* Allowed by the arena, refused by malloc. */
	assert_null(lt_arena_alloc(&a, SIZE_MAX / 4));
	/* n + 1 must not wrap into a one-byte allocation that memcpy overruns. */
	assert_null(lt_arena_strndup(&a, "x", SIZE_MAX));
	assert_null(lt_arena_strndup(&a, "x", SIZE_MAX / 2));
	/* Still usable, earlier allocations intact. */
	char *p = lt_arena_alloc(&a, 100);
	assert_non_null(p);
	assert_string_equal(first, "first");
	assert_string_equal(lt_arena_strndup(&a, "abcdef", 3), "abc");
	lt_arena_release(&a);
	/* And reusable after release. */
	assert_non_null(lt_arena_alloc(&a, 10));
	lt_arena_release(&a);
}

/* ---- jansson running out of memory ---- */

static long alloc_budget = -1; /* allocations left; -1 for no limit */
static long alloc_calls;

static void *failing_malloc(size_t n)
{
	alloc_calls++;
	if (alloc_budget == 0)
		return NULL;
	if (alloc_budget > 0)
		alloc_budget--;
	return malloc(n);
}

static int reset_alloc(void **state)
{
	(void)state;
	json_set_alloc_funcs(malloc, free);
	alloc_budget = -1;
	return 0;
}

static const struct lt_json_field person_fields[] = {
	{"given_name", LT_JSON_STRING, false, 200},
	{"family_name", LT_JSON_STRING, false, 200},
	{"sex", LT_JSON_STRING, true, 16},
	{"birth_year", LT_JSON_INTEGER, false, 0},
	{"citizenships", LT_JSON_ARRAY, false, 10},
	{"notes", LT_JSON_OBJECT, false, 0},
};

/* Parses and checks TEXT with the N-th allocation failing (N < 0: none). */
static lt_err parse_and_check(const char *text, long fail_at, struct lt_problem *p)
{
	json_t *v = (json_t *)p; /* a non-NULL canary: must be replaced */
	lt_problem_init(p);
	alloc_budget = fail_at;
	alloc_calls = 0;
	json_set_alloc_funcs(failing_malloc, free);
	lt_err rc = lt_json_parse(text, strlen(text), &v, p);
	if (rc == LT_OK) {
		assert_non_null(v);
		rc = lt_json_check(v, person_fields, LT_ARRAY_LEN(person_fields), "person", p);
		char *dump = lt_json_dump(v); /* may fail; must not crash */
		free(dump);
		json_decref(v);
	} else {
		assert_null(v);
	}
	json_set_alloc_funcs(malloc, free);
	alloc_budget = -1;
	return rc;
}

static void json_survives_every_allocation_failure(void **state)
{
	(void)state;
	static const char *const bodies[] = {
		/* valid */
		"{\"given_name\": \"Jelena\", \"family_name\": \"Marković\", \"sex\": \"female\", "
		"\"birth_year\": 1994, \"citizenships\": [\"RS\", \"BA\"], "
		"\"notes\": {\"a\": [1, 2, {\"b\": null}], \"c\": \"\\u0416\\ud83d\\ude00\"}}",
		/* valid JSON, invalid body */
		"{\"sex\": 1, \"extra\": [1, 2, 3], \"birth_year\": \"x\", \"citizenships\": "
		"[1,2,3,4,5,6,7,8,9,10,11]}",
		/* malformed */
		"{\"given_name\": \"Jelena\", \"sex\": \"female\", \"birth_year\": 19",
		"{\"a\": 1, \"a\": 2}",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	};
	for (size_t b = 0; b < LT_ARRAY_LEN(bodies); b++) {
		struct lt_problem p;
		/* Without failures first: the reference answer and the allocation count. */
		lt_err want = parse_and_check(bodies[b], -1, &p);
		long total = alloc_calls;
		assert_true(total > 0);
		long failures_seen = 0;
		for (long n = 0; n <= total; n++) {
			lt_err rc = parse_and_check(bodies[b], n, &p);
			if (n == total) {
				/* Enough allocations: the same answer as without a limit. */
				assert_int_equal(rc, want);
				continue;
			}
			/* Short of memory: an error, never a crash or a wrong success. */
			if (rc == LT_OK && want != LT_OK)
				fail_msg("body %zu: OK with allocation %ld failing, want %s", b, n,
					 lt_err_str(want));
			if (rc != LT_OK) {
				failures_seen++;
				assert_int_equal(p.code, rc);
				assert_true(p.detail[0] != '\0');
			}
		}
		/* The parse allocates, so some failure points must have shown. */
		assert_true(failures_seen > 0);
	}
}

/* With memory back, everything works as before. */
static void json_works_after_the_allocator_is_reset(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	json_t *v = NULL;
	const char *text = "{\"sex\": \"male\", \"birth_year\": 2000}";
	assert_int_equal(lt_json_parse(text, strlen(text), &v, &p), LT_OK);
	assert_int_equal(lt_json_check(v, person_fields, LT_ARRAY_LEN(person_fields), NULL, &p),
			 LT_OK);
	json_decref(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_cap_refuses_and_keeps_contents),
		cmocka_unit_test(buf_without_cap_still_cannot_wrap),
		cmocka_unit_test(buf_reports_nomem_and_stays_usable),
		cmocka_unit_test(arena_refuses_impossible_sizes),
		cmocka_unit_test_teardown(json_survives_every_allocation_failure, reset_alloc),
		cmocka_unit_test_teardown(json_works_after_the_allocator_is_reset, reset_alloc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
