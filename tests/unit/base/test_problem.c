/* Problem messages: every sentence Lantern writes fits whole (the longest
 * are the full-shelter 409 and the allowed-value lists of the vocabularies),
 * and one that ever does not is cut at a word and ends with "…", never in
 * the middle of a word or of a UTF-8 letter. */
#include "lt_test.h"
#include "base/problem.h"
#include "domain/vocabulary.h"

#define ELLIPSIS "\xE2\x80\xA6"

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && memcmp(s + n - m, tail, m) == 0;
}

/* True when S is well-formed UTF-8 (no letter cut short). */
static bool utf8_whole(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int more = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
			 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (more < 0)
			return false;
		p++;
		for (int i = 0; i < more; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return false;
	}
	return true;
}

/* A sentence of N bytes made of the word W repeated, separated by spaces. */
static char *words(const char *w, size_t n)
{
	char *s = malloc(n + 1);
	assert_non_null(s);
	size_t len = 0, wl = strlen(w);
	while (len + wl + 1 <= n) {
		memcpy(s + len, w, wl);
		len += wl;
		s[len++] = ' ';
	}
	while (len < n)
		s[len++] = 'x';
	s[len] = '\0';
	return s;
}

static void the_longest_detail_fits_whole(void **state)
{
	(void)state;
	/* The full-shelter 409 at its longest: an 80-byte shelter name, a
	 * 239-byte reason (occupancy.h keeps why[240]) and the instructions. */
	char name[81], why[240];
	memset(name, 'N', 80);
	name[80] = '\0';
	memset(why, 'w', 239);
	why[239] = '\0';
	struct lt_problem p;
	lt_problem_init(&p);
	lt_problem_set(&p, LT_ERR_CONFLICT,
		       "%.80s cannot take this person: %s. Record where the person went "
		       "instead: the same request with alternative (ngo_accommodation, "
		       "social_welfare_shelter or other), turn_away_reason \"%s\" and "
		       "turn_away_shelter_id %lld in place of shelter_id.",
		       name, why, "wrong_sex", 9223372036854775807LL);
	assert_true(ends_with(p.detail, "in place of shelter_id."));
	assert_non_null(strstr(p.detail, why));
}

static void every_allowed_value_list_fits_in_a_reason(void **state)
{
	(void)state;
	assert_int_equal(lt_vocab_init(NULL), LT_OK);
	char code[41];
	memset(code, 'c', 40);
	code[40] = '\0';
	for (int k = 0; k < LT_VOCAB_COUNT; k++) {
		const char *hint = lt_vocab_hint((enum lt_vocab_kind)k);
		struct lt_problem p;
		lt_problem_init(&p);
		lt_problem_field(&p, "services[15].type", "'%.40s' is not one of: %s", code, hint);
		assert_true(ends_with(p.fields[0].reason, hint));
		lt_problem_init(&p);
		lt_problem_field(&p, "x", "must be one of: %s", hint);
		assert_true(ends_with(p.fields[0].reason, hint));
	}
}

static void a_short_message_is_left_alone(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	lt_problem_set(&p, LT_ERR_CONFLICT, "The case is %s.", "closed");
	assert_string_equal(p.detail, "The case is closed.");
	lt_problem_field(&p, "ref", "'%s' is already present", "IMP-1");
	assert_string_equal(p.fields[0].reason, "'IMP-1' is already present");
}

/* vformat through a variadic wrapper, as the problem functions call it. */
static bool fmt(char *out, size_t cap, const char *f, ...) __attribute__((format(printf, 3, 4)));
static bool fmt(char *out, size_t cap, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	bool ok = lt_problem_vformat(out, cap, f, ap);
	va_end(ap);
	return ok;
}

static void a_cut_message_ends_at_a_word_with_an_ellipsis(void **state)
{
	(void)state;
	char out[64];
	assert_true(fmt(out, sizeof(out), "%s", "exactly fits"));
	assert_string_equal(out, "exactly fits");

	/* An allowed-value list cut short: at a space, without its comma... */
	const char *list = "accommodation, material, medical_emergency, medical, psychological";
	assert_false(fmt(out, sizeof(out), "must be one of: %s", list));
	assert_string_equal(out, "must be one of: accommodation, material, medical_emergency" ELLIPSIS);
	/* ...and inside a word ("medic|al"): the word goes whole. */
	assert_false(fmt(out, 50, "must be one of: %s", list));
	assert_string_equal(out, "must be one of: accommodation, material" ELLIPSIS);

	/* The detail and a reason of a problem, cut the same way. */
	char *long_text = words("turn_away_shelter_id", 3000);
	struct lt_problem p;
	lt_problem_init(&p);
	lt_problem_set(&p, LT_ERR_CONFLICT, "%s", long_text);
	assert_true(ends_with(p.detail, "turn_away_shelter_id" ELLIPSIS));
	assert_true(strlen(p.detail) < sizeof(p.detail));
	lt_problem_field(&p, "f", "%s", long_text);
	assert_true(ends_with(p.fields[0].reason, "turn_away_shelter_id" ELLIPSIS));
	free(long_text);
}

static void a_cut_never_splits_a_letter(void **state)
{
	(void)state;
	/* No space to cut at: the cut falls between letters, whole ones. */
	char text[400];
	size_t len = 0;
	for (int i = 0; i < 120; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s", i % 2 ? "ž" : "љ");
	for (size_t cap = 9; cap < 40; cap++) {
		char out[40];
		assert_false(fmt(out, cap, "%s", text));
		assert_true(ends_with(out, ELLIPSIS));
		assert_true(utf8_whole(out));
		assert_true(strlen(out) < cap);
	}
	/* A word longer than half the room is cut inside rather than dropped. */
	char out[32];
	assert_false(fmt(out, sizeof(out), "a %s", "supercalifragilisticexpialidocious-and-more"));
	assert_true(ends_with(out, ELLIPSIS));
	assert_true(strlen(out) > 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_longest_detail_fits_whole),
		cmocka_unit_test(every_allowed_value_list_fits_in_a_reason),
		cmocka_unit_test(a_short_message_is_left_alone),
		cmocka_unit_test(a_cut_message_ends_at_a_word_with_an_ellipsis),
		cmocka_unit_test(a_cut_never_splits_a_letter),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
