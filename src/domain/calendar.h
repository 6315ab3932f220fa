/* The working-day calendar of a jurisdiction: Orthodox Easter, the public
 * holidays of the profile's "public_holidays" section as dates, and working
 * days counted over them (docs/vocabularies.md, "Public holidays"). The
 * holidays are data in the profile; only the Easter computation and the
 * Sunday rule are code. Pure: no I/O, no clock.
 * Ownership: the caller owns every buffer; holiday ids point into the profile. */
#ifndef LT_DOMAIN_CALENDAR_H
#define LT_DOMAIN_CALENDAR_H
#include "base/common.h"
#include "domain/jurisdiction.h"

/** The first and last year Orthodox Easter is computed for: the Julian
 *  calendar is 13 days behind the Gregorian from 1900-03-01 to 2100-02-28. */
#define LT_CALENDAR_EASTER_FIRST_YEAR 1900
#define LT_CALENDAR_EASTER_LAST_YEAR 2099

/** One day off of a year, as lt_calendar_holidays() lists it. */
struct lt_holiday_date {
	char date[11];          /* YYYY-MM-DD */
	const char *holiday_id; /* the profile's holiday ("new_year"); for a substitute day,
				   the holiday that fell on the Sunday */
	bool substitute;        /* a day off because a holiday fell on a Sunday */
};

/** Writes Orthodox Easter Sunday of YEAR as a Gregorian date into OUT
 *  (Meeus's Julian algorithm, plus 13 days). False, with OUT "", outside
 *  1900-2099, where that offset does not hold. */
bool lt_calendar_orthodox_easter(int year, char out[11]);
/** The day of the week of DATE (YYYY-MM-DD): 0 Sunday ... 6 Saturday; -1
 *  when DATE is not a real date. */
int lt_calendar_weekday(const char *date);
/** Lists the days off of YEAR under J in date order into OUT (at most CAP):
 *  each day of a holiday of the profile, and each day given for a holiday
 *  that fell on a Sunday (the first following day that is neither a
 *  weekend day nor a holiday). A date two holidays share is listed once.
 *  Returns how many there are (more than CAP when OUT was too small); 0
 *  when J is NULL or has no "public_holidays". Movable holidays are known
 *  only for 1900-2099. */
int lt_calendar_holidays(const struct lt_jurisdiction *j, int year, struct lt_holiday_date *out,
			 int cap);
/** True when DATE (YYYY-MM-DD) is a day off under J's public holidays,
 *  whatever the day of the week; false for a date that is not real. */
bool lt_calendar_is_public_holiday(const struct lt_jurisdiction *j, const char *date);
/** The working days after FROM up to and including TO (YYYY-MM-DD): Monday
 *  to Friday, less J's public holidays (J NULL: weekends only). 0 when TO is
 *  not after FROM or either is not a real date. When HOLIDAYS_SKIPPED is
 *  not NULL it gets how many Monday-to-Friday days in that span were not
 *  counted because they were holidays. */
int64_t lt_calendar_working_days_between(const struct lt_jurisdiction *j, const char *from,
					 const char *to, int64_t *holidays_skipped);

#endif
