/* Public holidays and working days. Dates are handled as day numbers
 * (days since 1970-01-01, proleptic Gregorian) so that a year's holidays,
 * Easter offsets and the Sunday rule are plain arithmetic; the profile's
 * holidays are read by domain/jurisdiction.c. */
#include "domain/calendar.h"
#include "base/str.h"
#include "domain/case_flow.h"

/* At most this many dates per holiday and holidays per profile (the sizes
 * of struct lt_holiday and struct lt_jurisdiction). */
#define DAYS_PER_HOLIDAY ((int)LT_ARRAY_LEN(((struct lt_holiday *)0)->days))
#define HOLIDAYS ((int)LT_ARRAY_LEN(((struct lt_jurisdiction *)0)->holidays))
/* The base dates of three years (the year before and after included, for
 * the Sunday rule across New Year), and the substitutes they may give. */
#define BASE_CAP (3 * HOLIDAYS * DAYS_PER_HOLIDAY)

/* Days since 1970-01-01 of the Gregorian Y-M-D (H. Hinnant's days_from_civil). */
static int64_t day_number(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 Sunday ... 6 Saturday: 1970-01-01 was a Thursday. */
static int weekday(int64_t z)
{
	return (int)(((z % 7) + 11) % 7);
}

static bool weekend(int64_t z)
{
	int w = weekday(z);
	return w == 0 || w == 6;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* The day number of DATE; false when it is not a real YYYY-MM-DD date. */
static bool parse(const char *date, int64_t *z)
{
	if (!lt_date_valid(date))
		return false;
	*z = day_number(digits(date, 4), digits(date + 5, 2), digits(date + 8, 2));
	return true;
}

static void format(int64_t z, char out[11])
{
	int y, m, d;
	civil(z, &y, &m, &d);
	char buf[40]; /* room for any int, so the compiler sees no truncation */
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	lt_str_copy(out, 11, buf);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Orthodox Easter Sunday of YEAR as a day number; false outside 1900-2099. */
static bool easter_day(int year, int64_t *z)
{
	if (year < LT_CALENDAR_EASTER_FIRST_YEAR || year > LT_CALENDAR_EASTER_LAST_YEAR)
		return false;
	/* Meeus, Astronomical Algorithms, "Julian Easter": the date in the
	 * Julian calendar, which the Serbian Orthodox Church keeps. */
	int a = year % 4, b = year % 7, c = year % 19;
	int d = (19 * c + 15) % 30;
	int e = (2 * a + 4 * b - d + 34) % 7;
	int month = (d + e + 114) / 31;
	int day = (d + e + 114) % 31 + 1;
	/* Julian March/April/May dates of 1900-2099 are 13 days behind the
	 * Gregorian: the Julian date read as Gregorian, plus 13. */
	*z = day_number(year, month, day) + 13;
	return true;
}

bool lt_calendar_orthodox_easter(int year, char out[11])
{
	int64_t z;
	out[0] = '\0';
	if (!easter_day(year, &z))
		return false;
	format(z, out);
	return true;
}

int lt_calendar_weekday(const char *date)
{
	int64_t z;
	return parse(date, &z) ? weekday(z) : -1;
}

/* One day off; small, since a year's worth sits on the stack. */
struct hday {
	int32_t day;     /* day number */
	int16_t holiday; /* index in the profile's holidays */
	int16_t cause;   /* the holiday whose Sunday rule applies to this date */
	bool sunday;     /* the Sunday rule applies to this date */
	bool substitute; /* given for CAUSE, which fell on a Sunday */
};

/* Appends the dates of YEAR's holidays (unsorted, perhaps repeated). */
static void base_dates(const struct lt_jurisdiction *j, int year, struct hday *out, int *n)
{
	int64_t easter = 0;
	bool has_easter = easter_day(year, &easter);
	for (int h = 0; h < j->n_holidays && h < HOLIDAYS; h++) {
		const struct lt_holiday *hd = &j->holidays[h];
		for (int k = 0; k < hd->n_days && k < DAYS_PER_HOLIDAY; k++) {
			int64_t z;
			if (hd->month >= 1 && hd->month <= 12) {
				if (hd->month == 2 && hd->days[k] == 29 && !leap(year))
					continue; /* 29 February: leap years only */
				z = day_number(year, hd->month, hd->days[k]);
			} else if (has_easter) {
				z = easter + hd->days[k];
			} else {
				continue; /* Easter unknown for this year */
			}
			out[(*n)++] = (struct hday){.day = (int32_t)z,
						    .holiday = (int16_t)h,
						    .cause = (int16_t)h,
						    .sunday = hd->sunday_next_working_day,
						    .substitute = false};
		}
	}
}

static void sort_days(struct hday *a, int n)
{
	/* Insertion sort: a few dozen dates, nearly in order already. */
	for (int i = 1; i < n; i++) {
		struct hday x = a[i];
		int k = i - 1;
		while (k >= 0 &&
		       (a[k].day > x.day || (a[k].day == x.day && a[k].holiday > x.holiday))) {
			a[k + 1] = a[k];
			k--;
		}
		a[k + 1] = x;
	}
}

static bool listed(const struct hday *a, int n, int64_t z)
{
	for (int i = 0; i < n; i++)
		if (a[i].day == z)
			return true;
	return false;
}

/* The days off whose date falls in YEAR, sorted, into OUT (room for
 * 2 * BASE_CAP); returns how many. */
static int year_days(const struct lt_jurisdiction *j, int year, struct hday *out)
{
	struct hday base[BASE_CAP];
	int n = 0;
	for (int y = year - 1; y <= year + 1; y++)
		base_dates(j, y, base, &n);
	sort_days(base, n);
	/* A date two holidays share is one day off; the Sunday rule applies if
	 * either holiday has it ("one of the dates ... falls on a Sunday"). */
	int u = 0;
	for (int i = 0; i < n; i++) {
		if (u > 0 && base[u - 1].day == base[i].day) {
			if (base[i].sunday && !base[u - 1].sunday) {
				base[u - 1].sunday = true;
				base[u - 1].cause = base[i].holiday;
			}
			continue;
		}
		base[u++] = base[i];
	}
	n = u;
	/* The Sunday rule, in date order so that an earlier substitute blocks
	 * a later one: the first following day that is neither a weekend day
	 * nor a holiday nor already given as a substitute. */
	struct hday subs[BASE_CAP];
	int ns = 0;
	for (int i = 0; i < n; i++) {
		if (!base[i].sunday || weekday(base[i].day) != 0)
			continue;
		int64_t z = base[i].day + 1;
		while (weekend(z) || listed(base, n, z) || listed(subs, ns, z))
			z++;
		subs[ns++] = (struct hday){.day = (int32_t)z,
					   .holiday = base[i].cause,
					   .cause = base[i].cause,
					   .sunday = false,
					   .substitute = true};
	}
	int64_t first = day_number(year, 1, 1), last = day_number(year, 12, 31);
	int m = 0;
	for (int i = 0; i < n; i++)
		if (base[i].day >= first && base[i].day <= last)
			out[m++] = base[i];
	for (int i = 0; i < ns; i++)
		if (subs[i].day >= first && subs[i].day <= last)
			out[m++] = subs[i];
	sort_days(out, m);
	return m;
}

int lt_calendar_holidays(const struct lt_jurisdiction *j, int year, struct lt_holiday_date *out,
			 int cap)
{
	if (!j || !j->has_holidays || year < 1 || year > 9999)
		return 0;
	struct hday days[2 * BASE_CAP];
	int n = year_days(j, year, days);
	for (int i = 0; i < n && i < cap && out; i++) {
		format(days[i].day, out[i].date);
		out[i].holiday_id = j->holidays[days[i].holiday].id;
		out[i].substitute = days[i].substitute;
	}
	return n;
}

bool lt_calendar_is_public_holiday(const struct lt_jurisdiction *j, const char *date)
{
	int64_t z;
	if (!j || !j->has_holidays || !parse(date, &z))
		return false;
	struct hday days[2 * BASE_CAP];
	int n = year_days(j, digits(date, 4), days);
	return listed(days, n, z);
}

int64_t lt_calendar_working_days_between(const struct lt_jurisdiction *j, const char *from,
					 const char *to, int64_t *holidays_skipped)
{
	int64_t a, b, n = 0, skipped = 0;
	if (holidays_skipped)
		*holidays_skipped = 0;
	if (!parse(from, &a) || !parse(to, &b))
		return 0;
	bool holidays = j && j->has_holidays;
	/* Which days of the current year are off, by day of the year: the
	 * holidays are worked out once per year crossed, not per day. */
	bool off[366];
	int year = 0;
	int64_t jan1 = 0;
	for (int64_t z = a + 1; z <= b; z++) {
		if (weekend(z))
			continue;
		if (holidays) {
			int y, m, d;
			civil(z, &y, &m, &d);
			if (y != year) {
				struct hday days[2 * BASE_CAP];
				int k = year_days(j, y, days);
				year = y;
				jan1 = day_number(y, 1, 1);
				memset(off, 0, sizeof(off));
				for (int i = 0; i < k; i++)
					off[days[i].day - jan1] = true;
			}
			if (off[z - jan1]) {
				skipped++;
				continue;
			}
		}
		n++;
	}
	if (holidays_skipped)
		*holidays_skipped = skipped;
	return n;
}
