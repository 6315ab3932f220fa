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
 *  runs on every request: the keys and their order are those lt_log()
 *  would give (ts, level, event, request_id, method, route, status, ms,
 *  completion, user_id). ROUTE is a static pattern. METHOD comes from the
 *  client, so only a standard method is logged as sent; any other is logged
 *  as "(other)", keeping text of the client's choosing out of the log.
 *  USER_ID 0 is left out. */
void lt_log_request(const char *request_id, const char *method, const char *route, int status,
		    int64_t ms, int64_t user_id, bool completed);

/** Writes SRC into DST (CAP bytes, NUL-terminated when CAP > 0) as the
 *  inside of a JSON string: '"' and '\\' escaped, control characters as
 *  \u00XX, bytes outside ASCII as '?' (so the line stays valid JSON and
 *  UTF-8 whatever SRC holds). Stops before an escape that would not fit
 *  whole. Returns the number of bytes written, the NUL excluded. */
size_t lt_log_json_escape(char *dst, size_t cap, const char *src);

/** The value lt_log_request() logs for METHOD: itself when it is a
 *  standard method (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE,
 *  CONNECT), otherwise "(other)". Never NULL. */
const char *lt_log_method(const char *method);

#endif
