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
