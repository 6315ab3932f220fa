/* Structured logs: one JSON object per line on stderr. Callers pass ids,
 * route patterns and codes; never names, free text, query strings or bodies,
 * which may identify a victim.
 * Ownership: lt_log() takes over the reference to FIELDS. */
#ifndef LT_BASE_LOG_H
#define LT_BASE_LOG_H
#include "base/common.h"
#include <jansson.h>

enum lt_log_level { LT_LOG_DEBUG, LT_LOG_INFO, LT_LOG_WARN, LT_LOG_ERROR };

/** Lines below LEVEL are dropped (default: info). */
void lt_log_set_level(enum lt_log_level level);
/** Sends lines to FD instead of 2 (stderr); for tests. */
void lt_log_set_fd(int fd);
/** Writes {"ts","level","event", ...FIELDS} as one line. FIELDS may be NULL. */
void lt_log(enum lt_log_level level, const char *event, json_t *fields);

/** One access-log line, written without building JSON objects since it
 *  runs on every request. ROUTE is a static pattern; METHOD is copied only
 *  as far as it is a plain token. USER_ID 0 is left out. */
void lt_log_request(const char *request_id, const char *method, const char *route, int status,
		    int64_t ms, int64_t user_id, bool completed);

#endif
