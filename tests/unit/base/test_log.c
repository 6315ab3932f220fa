/* The access-log line, which is formatted by hand rather than through
 * jansson: it must stay valid JSON with the keys lt_log() would give, escape
 * whatever it is handed, and never carry text of the client's choosing
 * (the method is logged only when it is a standard one). */
#include "lt_test.h"
#include "base/log.h"
#include <fcntl.h>
#include <unistd.h>

struct fx {
	char *dir;
	char path[600];
	int fd;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f || !(f->dir = lt_test_tmpdir()))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/log", f->dir);
	f->fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
	if (f->fd < 0)
		return -1;
	lt_log_set_fd(f->fd);
	lt_log_set_level(LT_LOG_INFO);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	lt_log_set_fd(2);
	lt_log_set_level(LT_LOG_INFO);
	close(f->fd);
	lt_test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* Everything written so far (malloc'd). */
static char *written(struct fx *f)
{
	size_t len = 0;
	char *text = lt_test_slurp(f->path, &len);
	assert_non_null(text);
	return text;
}

/* The one line written so far, parsed; fails unless it is exactly one line. */
static json_t *one_line(struct fx *f, char **raw)
{
	char *text = written(f);
	size_t len = strlen(text);
	assert_true(len > 2);
	assert_int_equal(text[len - 1], '\n');
	assert_null(memchr(text, '\n', len - 1));
	json_error_t err;
	json_t *line = json_loads(text, 0, &err);
	if (!line)
		fail_msg("not JSON (%s): %s", err.text, text);
	if (raw)
		*raw = text;
	else
		free(text);
	return line;
}

static void escape_leaves_plain_text_alone(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(lt_log_json_escape(out, sizeof(out), "/api/v1/persons/{id}"), 20);
	assert_string_equal(out, "/api/v1/persons/{id}");
	assert_int_equal(lt_log_json_escape(out, sizeof(out), ""), 0);
	assert_string_equal(out, "");
	assert_int_equal(lt_log_json_escape(out, sizeof(out), NULL), 0);
	assert_string_equal(out, "");
}

static void escape_quotes_backslashes_and_controls(void **state)
{
	(void)state;
	char out[128];
	lt_log_json_escape(out, sizeof(out), "a\"b\\c");
	assert_string_equal(out, "a\\\"b\\\\c");
	lt_log_json_escape(out, sizeof(out), "line\nfeed\ttab\r\x01\x1f\x7f");
	assert_string_equal(out, "line\\u000afeed\\u0009tab\\u000d\\u0001\\u001f\\u007f");
	/* Bytes outside ASCII (here UTF-8 and a lone invalid byte) become '?'. */
	lt_log_json_escape(out, sizeof(out), "Dra\xc5\xbe\xff!");
	assert_string_equal(out, "Dra??\?!");
}

static void escape_never_splits_an_escape(void **state)
{
	(void)state;
	char out[8];
	/* Room for 7 bytes: "ab" then \u0001 (6) does not fit. */
	assert_int_equal(lt_log_json_escape(out, sizeof(out), "ab\x01z"), 2);
	assert_string_equal(out, "ab");
	assert_int_equal(lt_log_json_escape(out, 3, "x\"y"), 1);
	assert_string_equal(out, "x");
	assert_int_equal(lt_log_json_escape(out, 1, "abc"), 0);
	assert_string_equal(out, "");
	out[0] = 'q';
	assert_int_equal(lt_log_json_escape(out, 0, "abc"), 0);
	assert_int_equal(out[0], 'q'); /* nothing written at all */
	assert_int_equal(lt_log_json_escape(out, sizeof(out), "1234567890"), 7);
	assert_string_equal(out, "1234567");
}

static void only_standard_methods_are_logged_as_sent(void **state)
{
	(void)state;
	const char *known[] = {"GET",    "HEAD",    "POST",  "PUT",    "PATCH",
			       "DELETE", "OPTIONS", "TRACE", "CONNECT"};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		assert_string_equal(lt_log_method(known[i]), known[i]);
	assert_string_equal(lt_log_method("get"), "(other)");
	assert_string_equal(lt_log_method("PETROVIC"), "(other)");
	assert_string_equal(lt_log_method("GET\"x"), "(other)");
	assert_string_equal(lt_log_method(""), "(other)");
	assert_string_equal(lt_log_method(NULL), "(other)");
}

/* The text after "ts" of the line in TEXT that starts at LINE_NO (0-based). */
static const char *after_ts(const char *text, int line_no, size_t *len)
{
	const char *line = text;
	for (int i = 0; i < line_no; i++) {
		line = strchr(line, '\n');
		assert_non_null(line);
		line++;
	}
	const char *rest = strstr(line, "Z\",\"level\"");
	assert_non_null(rest);
	const char *end = strchr(rest, '\n');
	assert_non_null(end);
	*len = (size_t)(end - rest) + 1;
	return rest;
}

static void request_line_is_what_lt_log_gives(void **state)
{
	struct fx *f = *state;
	/* The fields the request line had when it went through lt_log. */
	lt_log(LT_LOG_INFO, "request",
	       json_pack("{s:s, s:s, s:s, s:i, s:I, s:s, s:I}", "request_id", "0123456789abcdef",
			 "method", "GET", "route", "/api/v1/persons/{id}", "status", 200, "ms",
			 (json_int_t)3, "completion", "ok", "user_id", (json_int_t)42));
	lt_log_request("0123456789abcdef", "GET", "/api/v1/persons/{id}", 200, 3, 42, true);
	char *text = written(f);
	size_t la, lb;
	const char *a = after_ts(text, 0, &la), *b = after_ts(text, 1, &lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	assert_string_equal(b, "Z\",\"level\":\"info\",\"event\":\"request\","
			       "\"request_id\":\"0123456789abcdef\",\"method\":\"GET\","
			       "\"route\":\"/api/v1/persons/{id}\",\"status\":200,\"ms\":3,"
			       "\"completion\":\"ok\",\"user_id\":42}\n");
	free(text);
}

static void request_line_is_one_line_with_a_timestamp(void **state)
{
	struct fx *f = *state;
	lt_log_request("0123456789abcdef", "GET", "/api/v1/me", 200, 3, 42, true);
	json_t *line = one_line(f, NULL);
	const char *ts = json_string_value(json_object_get(line, "ts"));
	assert_non_null(ts);
	assert_int_equal(strlen(ts), 24); /* 2026-11-29T10:20:47.123Z */
	assert_int_equal(ts[4], '-');
	assert_int_equal(ts[10], 'T');
	assert_int_equal(ts[19], '.');
	assert_int_equal(ts[23], 'Z');
	assert_int_equal(json_integer_value(json_object_get(line, "user_id")), 42);
	json_decref(line);
}

static void request_line_leaves_out_user_zero_and_marks_aborts(void **state)
{
	struct fx *f = *state;
	lt_log_request("00000000000000ff", "POST", "(none)", 401, 1234567890123LL, 0, false);
	json_t *line = one_line(f, NULL);
	assert_null(json_object_get(line, "user_id"));
	assert_string_equal(json_string_value(json_object_get(line, "completion")), "aborted");
	assert_string_equal(json_string_value(json_object_get(line, "route")), "(none)");
	assert_int_equal(json_integer_value(json_object_get(line, "status")), 401);
	assert_int_equal(json_integer_value(json_object_get(line, "ms")), 1234567890123LL);
	json_decref(line);
}

/* Whatever the strings hold, the line parses and gives them back escaped;
 * an unknown method is not copied. */
static void request_line_stays_json_whatever_it_is_given(void **state)
{
	struct fx *f = *state;
	char *raw = NULL;
	lt_log_request("id\"\\\n", "MARKOVIC\"}\n{", "/odd\"route\\\x01", -1, -5,
		       INT64_MIN, true);
	json_t *line = one_line(f, &raw);
	assert_null(strstr(raw, "MARKOVIC"));
	assert_string_equal(json_string_value(json_object_get(line, "method")), "(other)");
	assert_string_equal(json_string_value(json_object_get(line, "request_id")), "id\"\\\n");
	assert_string_equal(json_string_value(json_object_get(line, "route")),
			    "/odd\"route\\\x01");
	assert_int_equal(json_integer_value(json_object_get(line, "status")), -1);
	assert_int_equal(json_integer_value(json_object_get(line, "ms")), -5);
	assert_int_equal(json_integer_value(json_object_get(line, "user_id")), INT64_MIN);
	json_decref(line);
	free(raw);
}

/* An over-long route is cut, not the line: it still parses. */
static void request_line_cuts_a_long_route(void **state)
{
	struct fx *f = *state;
	char route[2000];
	memset(route, '"', sizeof(route) - 1);
	route[sizeof(route) - 1] = '\0';
	lt_log_request("0123456789abcdef", "GET", route, 200, 1, 1, true);
	json_t *line = one_line(f, NULL);
	const char *logged = json_string_value(json_object_get(line, "route"));
	assert_non_null(logged);
	assert_true(strlen(logged) > 0 && strlen(logged) < 200);
	assert_int_equal(logged[0], '"');
	assert_int_equal(json_integer_value(json_object_get(line, "user_id")), 1);
	json_decref(line);
}

static void request_lines_follow_the_level(void **state)
{
	struct fx *f = *state;
	lt_log_set_level(LT_LOG_WARN);
	lt_log_request("0123456789abcdef", "GET", "/api/v1/me", 200, 1, 1, true);
	char *text = written(f);
	assert_string_equal(text, "");
	free(text);
	lt_log_set_level(LT_LOG_INFO);
	for (int i = 0; i < 3; i++)
		lt_log_request("0123456789abcdef", "GET", "/api/v1/me", 200, i, 0, true);
	text = written(f);
	int lines = 0;
	for (char *c = text; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, 3);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_leaves_plain_text_alone),
		cmocka_unit_test(escape_quotes_backslashes_and_controls),
		cmocka_unit_test(escape_never_splits_an_escape),
		cmocka_unit_test(only_standard_methods_are_logged_as_sent),
		cmocka_unit_test_setup_teardown(request_line_is_what_lt_log_gives, setup, teardown),
		cmocka_unit_test_setup_teardown(request_line_is_one_line_with_a_timestamp, setup,
						teardown),
		cmocka_unit_test_setup_teardown(request_line_leaves_out_user_zero_and_marks_aborts,
						setup, teardown),
		cmocka_unit_test_setup_teardown(request_line_stays_json_whatever_it_is_given, setup,
						teardown),
		cmocka_unit_test_setup_teardown(request_line_cuts_a_long_route, setup, teardown),
		cmocka_unit_test_setup_teardown(request_lines_follow_the_level, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
