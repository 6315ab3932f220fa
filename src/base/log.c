#include "base/log.h"
#include "base/timeutil.h"
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
	char safe_method[16];
	size_t n = 0;
	for (; method[n] && n < sizeof(safe_method) - 1; n++) {
		char c = method[n];
		bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_';
		safe_method[n] = plain ? c : '?';
	}
	safe_method[n] = '\0';
	char line[512], user[32] = "";
	if (user_id)
		snprintf(user, sizeof(user), ",\"user_id\":%lld", (long long)user_id);
	int len = snprintf(line, sizeof(line),
			   "{\"ts\":\"%s.%03dZ\",\"level\":\"info\",\"event\":\"request\","
			   "\"request_id\":\"%s\",\"method\":\"%s\",\"route\":\"%s\",\"status\":%d,"
			   "\"ms\":%lld,\"completion\":\"%s\"%s}\n",
			   cached_prefix, (int)(now % 1000), request_id, safe_method, route, status,
			   (long long)ms, completed ? "ok" : "aborted", user);
	if (len <= 0 || (size_t)len >= sizeof(line))
		return;
	/* One write() of the whole line keeps lines whole without the lock. */
	ssize_t w = write(log_fd, line, (size_t)len);
	(void)w;
}
