#include "base/log.h"
#include "base/timeutil.h"
#include <errno.h>
#include <pthread.h>
#include <unistd.h>

static enum lt_log_level min_level = LT_LOG_INFO;
static int log_fd = 2;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

void lt_log_set_level(enum lt_log_level level)
{
	min_level = level;
}

void lt_log_set_fd(int fd)
{
	log_fd = fd;
}

static const char *level_name(enum lt_log_level l)
{
	switch (l) {
	case LT_LOG_DEBUG: return "debug";
	case LT_LOG_INFO: return "info";
	case LT_LOG_WARN: return "warn";
	case LT_LOG_ERROR: return "error";
	}
	return "info";
}

void lt_log(enum lt_log_level level, const char *event, json_t *fields)
{
	if (level < min_level) {
		json_decref(fields);
		return;
	}
	char ts[40];
	lt_time_iso_ms(lt_now_ms(), ts, sizeof(ts));
	json_t *line = json_pack("{s:s, s:s, s:s}", "ts", ts, "level", level_name(level),
				 "event", event);
	if (!line) {
		json_decref(fields);
		return;
	}
	if (fields)
		json_object_update_missing(line, fields);
	json_decref(fields);
	char *text = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(line);
	if (!text)
		return;
	size_t len = strlen(text);
	text[len] = '\n'; /* replace NUL: one write() per line keeps lines whole */
	pthread_mutex_lock(&log_lock);
	size_t off = 0;
	while (off < len + 1) {
		ssize_t n = write(log_fd, text + off, len + 1 - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	pthread_mutex_unlock(&log_lock);
	free(text);
}

/* The second's "YYYY-MM-DDTHH:MM:SS" prefix is formatted once per thread. */
static _Thread_local int64_t cached_second = -1;
static _Thread_local char cached_prefix[24];

size_t lt_log_json_escape(char *dst, size_t cap, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	if (!cap)
		return 0;
	size_t n = 0;
	if (!src)
		src = "";
	for (const unsigned char *c = (const unsigned char *)src; *c; c++) {
		char esc[6];
		size_t len = 1;
		if (*c == '"' || *c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*c;
			len = 2;
		} else if (*c < 0x20 || *c == 0x7f) {
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*c >> 4];
			esc[5] = hex[*c & 15];
			len = 6;
		} else {
			esc[0] = *c < 0x80 ? (char)*c : '?';
		}
		if (len >= cap - n)
			break;
		memcpy(dst + n, esc, len);
		n += len;
	}
	dst[n] = '\0';
	return n;
}

const char *lt_log_method(const char *method)
{
	static const char *const known[] = {"GET",    "HEAD",    "POST",  "PUT",    "PATCH",
					    "DELETE", "OPTIONS", "TRACE", "CONNECT"};
	if (!method)
		return "(other)";
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(method, known[i]) == 0)
			return known[i];
	return "(other)";
}

/* A line is put together in a stack buffer with these, not snprintf: it
 * runs once per request and vfprintf was a visible share of it. */
struct line {
	char *p, *end;
	bool cut; /* something did not fit: the line is not written */
};

static void put(struct line *l, const char *s, size_t n)
{
	if (n > (size_t)(l->end - l->p)) {
		n = (size_t)(l->end - l->p);
		l->cut = true;
	}
	memcpy(l->p, s, n);
	l->p += n;
}

#define PUT_LIT(l, s) put((l), (s), sizeof(s) - 1)

static void put_escaped(struct line *l, const char *s, size_t cap)
{
	size_t room = (size_t)(l->end - l->p);
	/* +1: lt_log_json_escape writes a NUL, overwritten by what follows. */
	l->p += lt_log_json_escape(l->p, cap + 1 < room ? cap + 1 : room, s);
}

static void put_int(struct line *l, int64_t v)
{
	char digits[24];
	size_t n = sizeof(digits);
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		digits[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		digits[--n] = '-';
	put(l, digits + n, sizeof(digits) - n);
}

void lt_log_request(const char *request_id, const char *method, const char *route, int status,
		    int64_t ms, int64_t user_id, bool completed)
{
	if (LT_LOG_INFO < min_level)
		return;
	int64_t now = lt_now_ms();
	if (now / 1000 != cached_second) {
		char iso[40];
		lt_time_iso_ms(now, iso, sizeof(iso));
		memcpy(cached_prefix, iso, 19);
		cached_prefix[19] = '\0';
		cached_second = now / 1000;
	}
	int milli = (int)(now % 1000);
	char frac[6] = {'.', (char)('0' + milli / 100), (char)('0' + milli / 10 % 10),
			(char)('0' + milli % 10), 'Z', '"'};
	/* Room for the longest line: the fixed text (about 150 bytes), the
	 * strings at their caps below and four integers. */
	char buf[768];
	struct line l = {buf, buf + sizeof(buf), false};
	PUT_LIT(&l, "{\"ts\":\"");
	put(&l, cached_prefix, 19);
	put(&l, frac, sizeof(frac));
	PUT_LIT(&l, ",\"level\":\"info\",\"event\":\"request\",\"request_id\":\"");
	put_escaped(&l, request_id, 64);
	PUT_LIT(&l, "\",\"method\":\"");
	put_escaped(&l, lt_log_method(method), 16);
	PUT_LIT(&l, "\",\"route\":\"");
	put_escaped(&l, route, 256);
	PUT_LIT(&l, "\",\"status\":");
	put_int(&l, status);
	PUT_LIT(&l, ",\"ms\":");
	put_int(&l, ms);
	if (completed)
		PUT_LIT(&l, ",\"completion\":\"ok\"");
	else
		PUT_LIT(&l, ",\"completion\":\"aborted\"");
	if (user_id) {
		PUT_LIT(&l, ",\"user_id\":");
		put_int(&l, user_id);
	}
	PUT_LIT(&l, "}\n");
	if (l.cut)
		return; /* cannot happen with the caps above; never write half a line */
	/* One write() of the whole line keeps it whole without the lock (a
	 * line this short is written at once to a file, pipe or socket); a
	 * signal arriving first only means trying again. */
	size_t len = (size_t)(l.p - buf), off = 0;
	while (off < len) {
		ssize_t n = write(log_fd, buf + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
}
