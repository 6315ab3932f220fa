/* Time in one representation: seconds (or milliseconds) since the Unix epoch,
 * UTC, as int64. Dates as text are ISO 8601. Ownership: callers own buffers. */
#ifndef LT_BASE_TIMEUTIL_H
#define LT_BASE_TIMEUTIL_H
#include "base/common.h"

/** Wall-clock seconds since the epoch. Tests may shift it with lt_time_set_offset(). */
int64_t lt_now(void);
/** Wall-clock milliseconds since the epoch. */
int64_t lt_now_ms(void);
/** Monotonic milliseconds, for durations. */
int64_t lt_mono_ms(void);
/** Formats SECS as "YYYY-MM-DDTHH:MM:SSZ". */
void lt_time_iso(int64_t secs, char *out, size_t cap);
/** Formats MS as "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void lt_time_iso_ms(int64_t ms, char *out, size_t cap);
/** Today's date in UTC, "YYYY-MM-DD". */
void lt_today(char out[11]);
/** The latest date that is already today somewhere (UTC+14): a date after
 *  it is in the future for every user, whatever their time zone, so a
 *  user's "today" is never refused as a future date. */
void lt_latest_today(char out[11]);
/** The year of DATE, whose first four characters are digits ("2021-03-04"
 *  gives 2021); callers check the date first. */
int64_t lt_date_year(const char *date);
/** The year of lt_latest_today(): the latest year a birth can be in. */
int64_t lt_latest_year(void);
/** Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" into seconds. */
lt_err lt_time_parse(const char *text, int64_t *secs);
/** Parses a duration: a number of seconds, or with a suffix s, m, h, d. */
lt_err lt_duration_parse(const char *text, int64_t *secs);

#endif
