#include "lt_test.h"
#include "base/arena.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/json.h"
#include "base/str.h"
#include "base/timeutil.h"

static void buf_refuses_to_pass_its_cap(void **state)
{
	(void)state;
	struct lt_buf b;
	lt_buf_init(&b, 8);
	assert_int_equal(lt_buf_adds(&b, "1234"), LT_OK);
	assert_int_equal(lt_buf_addf(&b, "%d", 5678), LT_OK);
	assert_string_equal(b.data, "12345678");
	assert_int_equal(lt_buf_adds(&b, "9"), LT_ERR_TOO_LARGE);
	assert_int_equal(b.len, 8);
	lt_buf_release(&b);
}

static void arena_allocations_are_aligned_and_zeroed(void **state)
{
	(void)state;
	struct lt_arena a;
	lt_arena_init(&a);
	for (int i = 0; i < 5000; i++) {
		char *p = lt_arena_alloc(&a, (size_t)(i % 37) + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[0], 0);
		p[0] = 'x';
	}
	char *big = lt_arena_alloc(&a, 100000);
	assert_non_null(big);
	assert_string_equal(lt_arena_printf(&a, "%s-%d", "LT", 7), "LT-7");
	lt_arena_release(&a);
}

static void json_parse_reports_byte_offset(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	json_t *v = NULL;
	const char *text = "{\"a\": 1,, }";
	assert_int_equal(lt_json_parse(text, strlen(text), &v, &p), LT_ERR_INVALID);
	assert_null(v);
	assert_int_equal(p.offset, 8);
	assert_non_null(strstr(p.detail, "byte 8"));
}

/* "Not recorded" is null in answers: an empty code or a negative flag. */
static void json_answers_say_null_for_not_recorded(void **state)
{
	(void)state;
	json_t *v = lt_json_str_or_null("388");
	assert_string_equal(json_string_value(v), "388");
	json_decref(v);
	assert_true(json_is_null(lt_json_str_or_null("")));
	assert_true(json_is_null(lt_json_str_or_null(NULL)));
	assert_true(json_is_true(lt_json_tristate(1)));
	assert_true(json_is_false(lt_json_tristate(0)));
	assert_true(json_is_null(lt_json_tristate(-1)));
}

static void json_check_names_unknown_missing_and_mistyped_fields(void **state)
{
	(void)state;
	static const struct lt_json_field fields[] = {
		{"username", LT_JSON_STRING, true, 64},
		{"age", LT_JSON_INTEGER, false, 0},
		{"role", LT_JSON_STRING, true, 0},
	};
	struct lt_problem p;
	lt_problem_init(&p);
	json_t *v = json_pack("{s:s, s:s, s:b}", "username", "ana", "age", "ten", "extra", 1);
	assert_int_equal(lt_json_check(v, fields, 3, NULL, &p), LT_ERR_INVALID);
	assert_int_equal(p.nfields, 3);
	bool saw_unknown = false, saw_type = false, saw_missing = false;
	for (size_t i = 0; i < p.nfields; i++) {
		if (!strcmp(p.fields[i].field, "extra"))
			saw_unknown = strstr(p.fields[i].reason, "unknown") != NULL;
		if (!strcmp(p.fields[i].field, "age"))
			saw_type = strstr(p.fields[i].reason, "integer") != NULL;
		if (!strcmp(p.fields[i].field, "role"))
			saw_missing = strstr(p.fields[i].reason, "required") != NULL;
	}
	assert_true(saw_unknown && saw_type && saw_missing);
	json_decref(v);

	lt_problem_init(&p);
	v = json_pack("{s:s, s:s}", "username", "ana", "role", "admin");
	assert_int_equal(lt_json_check(v, fields, 3, NULL, &p), LT_OK);
	assert_int_equal(p.nfields, 0);
	json_decref(v);
}

static void time_parse_rejects_impossible_dates(void **state)
{
	(void)state;
	int64_t t;
	assert_int_equal(lt_time_parse("2021-03-04", &t), LT_OK);
	char iso[32];
	lt_time_iso(t, iso, sizeof(iso));
	assert_string_equal(iso, "2021-03-04T00:00:00Z");
	assert_int_equal(lt_time_parse("2021-02-30", &t), LT_ERR_INVALID);
	assert_int_equal(lt_time_parse("2021-3-4", &t), LT_ERR_INVALID);
	assert_int_equal(lt_time_parse("2024-02-29T23:59:59Z", &t), LT_OK);
	assert_int_equal(lt_duration_parse("30m", &t), LT_OK);
	assert_int_equal(t, 1800);
	assert_int_equal(lt_duration_parse("12h", &t), LT_OK);
	assert_int_equal(t, 43200);
	assert_int_equal(lt_duration_parse("-5", &t), LT_ERR_INVALID);
	assert_int_equal(lt_duration_parse("5x", &t), LT_ERR_INVALID);
}

static void latest_today_is_today_or_tomorrow(void **state)
{
	(void)state;
	char today[11], latest[11];
	lt_today(today);
	lt_latest_today(latest);
	int64_t a, b;
	assert_int_equal(lt_time_parse(today, &a), LT_OK);
	assert_int_equal(lt_time_parse(latest, &b), LT_OK);
	/* UTC+14 is at most one calendar day ahead of UTC. */
	assert_true(b - a == 0 || b - a == 86400);
	assert_int_equal(lt_date_year("2021-03-04"), 2021);
	assert_int_equal(lt_date_year("1900-01-01"), 1900);
	/* The calendar year of the latest today, not an average year's count. */
	assert_int_equal(lt_latest_year(), lt_date_year(latest));
}

static void str_copy_truncates_and_says_so(void **state)
{
	(void)state;
	char small[4];
	assert_false(lt_str_copy(small, sizeof(small), "abcdef"));
	assert_string_equal(small, "abc");
	assert_true(lt_str_copy(small, sizeof(small), "ab"));
	/* "ač" is 3 bytes; in 3 bytes of room only "a" fits whole. */
	assert_false(lt_str_copy(small, 3, "a\xC4\x8D"));
	assert_string_equal(small, "a");
	int64_t v;
	assert_int_equal(lt_str_to_i64("42", &v), LT_OK);
	assert_int_equal(v, 42);
	assert_int_equal(lt_str_to_i64("42x", &v), LT_ERR_INVALID);
	assert_int_equal(lt_str_to_i64("", &v), LT_ERR_INVALID);
}

static void arrays_grow_by_doubling_and_keep_their_items(void **state)
{
	(void)state;
	size_t cap = 0, n = 0;
	int *items = NULL;
	for (int i = 0; i < 100; i++) {
		if (n == cap) {
			int *grown = lt_array_grow(items, &cap, sizeof(*grown), 4);
			assert_non_null(grown);
			items = grown;
		}
		items[n++] = i;
	}
	assert_int_equal(cap, 128); /* 4, 8, ... 128 */
	for (int i = 0; i < 100; i++)
		assert_int_equal(items[i], i);
	/* A size that would overflow is refused, the array untouched. */
	size_t huge = SIZE_MAX / 4;
	assert_null(lt_array_grow(items, &huge, 4, 1));
	assert_int_equal(huge, SIZE_MAX / 4);
	free(items);

	struct lt_arena a;
	lt_arena_init(&a);
	size_t acap = 0;
	long *arr = NULL;
	for (long i = 0; i < 40; i++) {
		if ((size_t)i == acap) {
			long *grown = lt_arena_array_grow(&a, arr, (size_t)i, &acap, sizeof(*grown), 8);
			assert_non_null(grown);
			arr = grown;
		}
		arr[i] = i * 3;
	}
	assert_int_equal(acap, 64);
	for (long i = 0; i < 40; i++)
		assert_int_equal(arr[i], i * 3);
	lt_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_refuses_to_pass_its_cap),
		cmocka_unit_test(arena_allocations_are_aligned_and_zeroed),
		cmocka_unit_test(json_parse_reports_byte_offset),
		cmocka_unit_test(json_check_names_unknown_missing_and_mistyped_fields),
		cmocka_unit_test(time_parse_rejects_impossible_dates),
		cmocka_unit_test(latest_today_is_today_or_tomorrow),
		cmocka_unit_test(str_copy_truncates_and_says_so),
		cmocka_unit_test(json_answers_say_null_for_not_recorded),
		cmocka_unit_test(arrays_grow_by_doubling_and_keep_their_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
