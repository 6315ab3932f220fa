/* The anonymiser (src/domain/anonymise.c) and the CTDC coding around it
 * (src/domain/ctdc.c): no published combination below k, generalisation
 * keeps more than suppression alone, determinism, classes that match the
 * rendered rows. Synthetic data only. */
#include "lt_test.h"
#include "domain/anonymise.h"
#include "domain/ctdc.h"

/* A small deterministic generator (xorshift), so failures reproduce. */
static uint64_t rng_state;
static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state % n);
}

/* Checks that the kept records, at the chosen levels, form classes of at
 * least K (quadratic, fine for the sizes here). */
static void assert_k_anonymous(const uint32_t *v, size_t n, const struct lt_anon_dim *dims,
			       size_t nd, const struct lt_anon_result *r, int64_t k)
{
	int64_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (!r->keep[i])
			continue;
		kept++;
		int64_t same = 0;
		for (size_t j = 0; j < n; j++) {
			if (!r->keep[j])
				continue;
			bool eq = true;
			for (size_t d = 0; d < nd && eq; d++)
				eq = lt_anon_value(&dims[d], r->level[d], v[i * nd + d]) ==
				     lt_anon_value(&dims[d], r->level[d], v[j * nd + d]);
			same += eq;
		}
		assert_true(same >= k);
	}
	assert_int_equal(kept + r->suppressed, (int64_t)n);
}

/* Property: over random synthetic CTDC records of many shapes, every
 * published combination of the rendered rows appears at least k times. */
static void ctdc_export_has_no_combination_below_k(void **state)
{
	(void)state;
	assert_int_equal(lt_ctdc_init(NULL), LT_OK);
	static const char *const sexes[] = {"female", "male", "other", "unknown"};
	static const char *const countries[] = {"RS", "DE", "AT", "VN", "UA", "NG", "BR", "", "CN"};
	static const char *const forms[] = {"sexual", "forced_labour", "forced_begging,sexual",
					    "forced_criminality", "", "organ_removal",
					    "domestic_servitude,forced_labour", "slavery"};
	static const char *const inds[] = {NULL, "[]", "[\"debt_bondage\"]",
					   "[\"deception\",\"isolation\"]",
					   "[\"coercion_at_destination.violence\"]"};
	for (int round = 0; round < 12; round++) {
		rng_state = 0x9E3779B97F4A7C15ULL + (uint64_t)round;
		size_t n = 50 + rnd(600);
		int64_t k = 2 + rnd(12);
		uint32_t *v = malloc(n * LT_CTDC_NDIMS * sizeof(*v));
		assert_non_null(v);
		for (size_t i = 0; i < n; i++) {
			struct lt_ctdc_case c = {
				.year = 2015 + rnd(8),
				.sex = sexes[rnd(4)],
				.age = (int64_t)rnd(70) - 1,
				.citizenship = countries[rnd(LT_ARRAY_LEN(countries))],
				.country = countries[rnd(LT_ARRAY_LEN(countries))],
				.forms = forms[rnd(LT_ARRAY_LEN(forms))],
				.indicators = inds[rnd(LT_ARRAY_LEN(inds))],
			};
			c.is_child = c.age < 0 ? -1 : c.age < 18;
			lt_ctdc_encode(&c, v + i * LT_CTDC_NDIMS);
		}
		struct lt_ctdc_dims dims;
		assert_int_equal(lt_ctdc_dims_build(v, n, k, &dims), LT_OK);
		struct lt_anon_result r;
		assert_int_equal(lt_anon_run(v, n, dims.dim, LT_CTDC_NDIMS, k, &r), LT_OK);
		assert_true(r.suppressed <= r.suppressed_alone);
		assert_k_anonymous(v, n, dims.dim, LT_CTDC_NDIMS, &r, k);
		/* The same holds for the text: count equal rendered rows. And rows
		 * are equal exactly when the records' classes are (the export
		 * renders one row per class). */
		struct lt_buf row;
		char **lines = calloc(n, sizeof(*lines));
		size_t *of = calloc(n, sizeof(*of));
		size_t nl = 0;
		for (size_t i = 0; i < n; i++) {
			assert_true(r.cls[i] < r.nclasses);
			if (!r.keep[i])
				continue;
			lt_buf_init(&row, 0);
			assert_int_equal(lt_ctdc_render(&dims, r.level, v + i * LT_CTDC_NDIMS, &row), LT_OK);
			of[nl] = i;
			lines[nl++] = lt_buf_detach(&row, NULL);
		}
		for (size_t i = 0; i < nl; i++) {
			int64_t same = 0;
			for (size_t j = 0; j < nl; j++) {
				bool eq = !strcmp(lines[i], lines[j]);
				same += eq;
				assert_int_equal(eq, r.cls[of[i]] == r.cls[of[j]]);
			}
			assert_true(same >= k);
		}
		for (size_t i = 0; i < nl; i++)
			free(lines[i]);
		free(lines);
		free(of);
		lt_anon_result_free(&r);
		lt_ctdc_dims_free(&dims);
		free(v);
	}
}

/* A fixture: 30 adults of one country of citizenship in three age bands of
 * 10, and one 17-year-old among them would be unique; with ages only in
 * wide bands, the bands merge. Suppression alone would remove everything
 * with a singular band; generalising the age keeps them. */
static void generalisation_keeps_more_than_suppression(void **state)
{
	(void)state;
	/* dimension 0: age 0..5, levels: exact, then pairs {0,1}->0 {2,3}->2 {4,5}->4 */
	static const uint32_t pairs[6] = {0, 0, 2, 2, 4, 4};
	struct lt_anon_dim dims[2] = {
		{.name = "age", .card = 6, .nlevels = 2, .gen = {NULL, pairs}, .level_names = {"exact", "pairs"}},
		{.name = "sex", .card = 2, .nlevels = 1, .level_names = {"as is"}},
	};
	/* 4 records of each age 0..5, all sex 0, and 8 of age 0 sex 1 */
	uint32_t v[32 * 2];
	size_t n = 0;
	for (uint32_t a = 0; a < 6; a++)
		for (int i = 0; i < 4; i++) {
			v[n * 2] = a;
			v[n * 2 + 1] = 0;
			n++;
		}
	for (int i = 0; i < 8; i++) {
		v[n * 2] = 0;
		v[n * 2 + 1] = 1;
		n++;
	}
	struct lt_anon_result r;
	assert_int_equal(lt_anon_run(v, n, dims, 2, 8, &r), LT_OK);
	/* Suppression alone: each exact age of sex 0 has 4 < 8, so 24 go. */
	assert_int_equal(r.suppressed_alone, 24);
	assert_int_equal(r.suppressed, 0);
	assert_int_equal(r.level[0], 1);
	assert_int_equal(r.nsteps, 1);
	assert_int_equal(r.steps[0].dim, 0);
	/* The step changes the odd ages: 1, 3, 5 (4 records each). */
	assert_int_equal(r.steps[0].generalised, 12);
	assert_int_equal(r.generalised, 12);
	assert_k_anonymous(v, n, dims, 2, &r, 8);
	lt_anon_result_free(&r);
}

static void same_input_same_output(void **state)
{
	(void)state;
	assert_int_equal(lt_ctdc_init(NULL), LT_OK);
	rng_state = 42;
	size_t n = 400;
	uint32_t *v = malloc(n * LT_CTDC_NDIMS * sizeof(*v));
	static const char *const countries[] = {"RS", "DE", "FR", "VN", "MX"};
	for (size_t i = 0; i < n; i++) {
		struct lt_ctdc_case c = {.year = 2020 + rnd(3), .sex = rnd(2) ? "female" : "male",
					 .age = rnd(60), .is_child = -1,
					 .citizenship = countries[rnd(5)], .country = countries[rnd(5)],
					 .forms = rnd(2) ? "sexual" : "forced_labour"};
		lt_ctdc_encode(&c, v + i * LT_CTDC_NDIMS);
	}
	struct lt_ctdc_dims d1, d2;
	struct lt_anon_result r1, r2;
	assert_int_equal(lt_ctdc_dims_build(v, n, 11, &d1), LT_OK);
	assert_int_equal(lt_ctdc_dims_build(v, n, 11, &d2), LT_OK);
	assert_int_equal(lt_anon_run(v, n, d1.dim, LT_CTDC_NDIMS, 11, &r1), LT_OK);
	assert_int_equal(lt_anon_run(v, n, d2.dim, LT_CTDC_NDIMS, 11, &r2), LT_OK);
	assert_memory_equal(r1.level, r2.level, sizeof(r1.level));
	assert_memory_equal(r1.keep, r2.keep, n);
	assert_int_equal(r1.nsteps, r2.nsteps);
	assert_int_equal(r1.nclasses, r2.nclasses);
	assert_memory_equal(r1.cls, r2.cls, n * sizeof(*r1.cls));
	assert_int_equal(r1.suppressed, r2.suppressed);
	lt_anon_result_free(&r1);
	lt_anon_result_free(&r2);
	lt_ctdc_dims_free(&d1);
	lt_ctdc_dims_free(&d2);
	free(v);
}

static void bad_input_is_refused(void **state)
{
	(void)state;
	struct lt_anon_dim d = {.name = "x", .card = 2, .nlevels = 1};
	uint32_t v[2] = {0, 5};
	struct lt_anon_result r;
	assert_int_equal(lt_anon_run(v, 2, &d, 1, 2, &r), LT_ERR_INVALID);
	struct lt_anon_dim missing = {.name = "x", .card = 2, .nlevels = 2};
	assert_int_equal(lt_anon_run(v, 1, &missing, 1, 2, &r), LT_ERR_INVALID);
	/* No records: nothing to publish, nothing suppressed. */
	assert_int_equal(lt_anon_run(v, 0, &d, 1, 11, &r), LT_OK);
	assert_int_equal(r.suppressed, 0);
	lt_anon_result_free(&r);
}

static void ctdc_codings(void **state)
{
	(void)state;
	assert_int_equal(lt_ctdc_init(NULL), LT_OK);
	struct lt_ctdc_case c = {.year = 2021, .sex = "female", .age = 17, .is_child = 1,
				 .citizenship = "RS", .country = "DE",
				 .forms = "forced_begging,sexual",
				 .indicators = "[\"debt_bondage\",\"deception\"]"};
	uint32_t v[LT_CTDC_NDIMS];
	lt_ctdc_encode(&c, v);
	/* Coding a text alone gives what the whole case gives. */
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_CITIZENSHIP, "RS"), v[LT_CTDC_CITIZENSHIP]);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_COUNTRY, "DE"), v[LT_CTDC_COUNTRY]);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_GENDER, "female"), v[LT_CTDC_GENDER]);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_EXPLOIT, c.forms), v[LT_CTDC_EXPLOIT]);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_MEANS, c.indicators), v[LT_CTDC_MEANS]);
	uint32_t missing = lt_ctdc_encode_text(LT_CTDC_COUNTRY, NULL);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_COUNTRY, ""), missing);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_COUNTRY, "ZZ"), missing);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_COUNTRY, "rs"), missing);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_COUNTRY, "RSB"), missing);
	assert_int_equal(lt_ctdc_encode_text(LT_CTDC_GENDER, NULL), 3);
	struct lt_ctdc_dims d;
	assert_int_equal(lt_ctdc_dims_build(v, 1, 1, &d), LT_OK);
	size_t level[LT_CTDC_NDIMS] = {0};
	struct lt_buf b;
	lt_buf_init(&b, 0);
	assert_int_equal(lt_ctdc_render(&d, level, v, &b), LT_OK);
	assert_non_null(strstr(b.data, "2021,Case management,Female,9--17,Minor,-99,-99,RS,1,0,"));
	assert_non_null(strstr(b.data, "Debt bondage;False promises"));
	assert_non_null(strstr(b.data, ",1,1,0,1,0,0,0,Forced labour;Sexual exploitation,"));
	assert_non_null(strstr(b.data, ",DE,"));
	lt_buf_reset(&b);
	level[LT_CTDC_CITIZENSHIP] = 1;
	level[LT_CTDC_COUNTRY] = 2;
	level[LT_CTDC_AGE] = 2;
	assert_int_equal(lt_ctdc_render(&d, level, v, &b), LT_OK);
	assert_non_null(strstr(b.data, ",0--17,Minor,-99,-99,Southern Europe,"));
	assert_non_null(strstr(b.data, ",Europe,"));
	lt_buf_release(&b);
	lt_ctdc_dims_free(&d);
	const char *region, *sub;
	assert_true(lt_ctdc_region("VN", &region, &sub));
	assert_string_equal(region, "Asia");
	assert_string_equal(sub, "South-eastern Asia");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ctdc_export_has_no_combination_below_k),
		cmocka_unit_test(generalisation_keeps_more_than_suppression),
		cmocka_unit_test(same_input_same_output),
		cmocka_unit_test(bad_input_is_refused),
		cmocka_unit_test(ctdc_codings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
