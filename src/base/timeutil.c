#include "base/timeutil.h"
#include <time.h>

int64_t lt_now(void)
{
	return lt_now_ms() / 1000;
}

int64_t lt_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t lt_mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void lt_time_iso(int64_t secs, char *out, size_t cap)
{
	time_t t = (time_t)secs;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void lt_time_iso_ms(int64_t ms, char *out, size_t cap)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	gmtime_r(&t, &tm);
	char base[32];
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, cap, "%s.%03dZ", base, (int)(ms % 1000));
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

lt_err lt_time_parse(const char *text, int64_t *secs)
{
	size_t len = strlen(text);
	if (len != 10 && len != 20)
		return LT_ERR_INVALID;
	if (!all_digits(text, 4) || text[4] != '-' || !all_digits(text + 5, 2) ||
	    text[7] != '-' || !all_digits(text + 8, 2))
		return LT_ERR_INVALID;
	struct tm tm = {0};
	tm.tm_year = num(text, 4) - 1900;
	tm.tm_mon = num(text + 5, 2) - 1;
	tm.tm_mday = num(text + 8, 2);
	if (len == 20) {
		if (text[10] != 'T' || !all_digits(text + 11, 2) || text[13] != ':' ||
		    !all_digits(text + 14, 2) || text[16] != ':' || !all_digits(text + 17, 2) ||
		    text[19] != 'Z')
			return LT_ERR_INVALID;
		tm.tm_hour = num(text + 11, 2);
		tm.tm_min = num(text + 14, 2);
		tm.tm_sec = num(text + 17, 2);
		if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
			return LT_ERR_INVALID;
	}
	int mon = tm.tm_mon, mday = tm.tm_mday, year = tm.tm_year;
	if (mon < 0 || mon > 11 || mday < 1 || mday > 31)
		return LT_ERR_INVALID;
	time_t t = timegm(&tm);
	/* timegm normalises 2021-02-30 to March; a changed field means no such day. */
	if (tm.tm_mon != mon || tm.tm_mday != mday || tm.tm_year != year)
		return LT_ERR_INVALID;
	*secs = (int64_t)t;
	return LT_OK;
}

lt_err lt_duration_parse(const char *text, int64_t *secs)
{
	char *end = NULL;
	if (!text[0] || text[0] == '-')
		return LT_ERR_INVALID;
	long long v = strtoll(text, &end, 10);
	if (end == text || v < 0 || v > 10LL * 365 * 86400)
		return LT_ERR_INVALID;
	int64_t mult = 1;
	if (*end == 's')
		end++;
	else if (*end == 'm')
		mult = 60, end++;
	else if (*end == 'h')
		mult = 3600, end++;
	else if (*end == 'd')
		mult = 86400, end++;
	if (*end)
		return LT_ERR_INVALID;
	*secs = (int64_t)v * mult;
	return LT_OK;
}

static void date_of(int64_t secs, char out[11])
{
	char iso[32];
	lt_time_iso(secs, iso, sizeof(iso));
	memcpy(out, iso, 10);
	out[10] = '\0';
}

void lt_today(char out[11])
{
	date_of(lt_now(), out);
}

void lt_latest_today(char out[11])
{
	date_of(lt_now() + 14 * 3600, out);
}

int64_t lt_date_year(const char *date)
{
	return (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 +
	       (date[3] - '0');
}

int64_t lt_latest_year(void)
{
	char today[11];
	lt_latest_today(today);
	return lt_date_year(today);
}
