#include "domain/assessment.h"

const char *lt_trend_name(enum lt_trend t)
{
	switch (t) {
	case LT_TREND_FALLING: return "falling";
	case LT_TREND_FLAT: return "flat";
	case LT_TREND_INCREASING: return "increasing";
	case LT_TREND_NOT_COMPARABLE: break;
	}
	return "not_comparable";
}

enum lt_trend lt_trend_of_counts(int64_t previous, int64_t current)
{
	return current > previous ? LT_TREND_INCREASING
	       : current < previous ? LT_TREND_FALLING
				    : LT_TREND_FLAT;
}

enum lt_trend lt_trend_of_shares(int64_t prev_n, int64_t prev_of, int64_t cur_n, int64_t cur_of)
{
	if (prev_of <= 0 || cur_of <= 0)
		return LT_TREND_NOT_COMPARABLE;
	/* cur_n/cur_of against prev_n/prev_of; counts of cases never come near
	 * overflowing 64 bits when multiplied. */
	return lt_trend_of_counts(prev_n * cur_of, cur_n * prev_of);
}

double lt_share_percent(int64_t n, int64_t of)
{
	/* Round half up on tenths of a percent, in integers. */
	int64_t tenths = (n * 2000 + of) / (2 * of);
	return (double)tenths / 10.0;
}

const char *lt_period_kind_name(enum lt_period_kind k)
{
	return k == LT_PERIOD_CALENDAR ? "calendar" : "reporting";
}

lt_err lt_period_kind_from_name(const char *s, enum lt_period_kind *out)
{
	if (s && strcmp(s, "reporting") == 0)
		*out = LT_PERIOD_REPORTING;
	else if (s && strcmp(s, "calendar") == 0)
		*out = LT_PERIOD_CALENDAR;
	else
		return LT_ERR_INVALID;
	return LT_OK;
}

void lt_period_of(enum lt_period_kind k, int year, struct lt_period *out)
{
	/* Years outside 1..9999 are refused before; this only keeps four digits. */
	unsigned y = (unsigned)(year < 1 ? 1 : year > 9999 ? 9999 : year);
	if (k == LT_PERIOD_CALENDAR) {
		snprintf(out->start, sizeof(out->start), "%04u-01-01", y);
		snprintf(out->end, sizeof(out->end), "%04u-12-31", y);
	} else {
		snprintf(out->start, sizeof(out->start), "%04u-04-01", y > 1 ? y - 1 : 1);
		snprintf(out->end, sizeof(out->end), "%04u-03-31", y);
	}
}

lt_err lt_country_iso3(const char *csv, size_t len, const char *iso2, char out[4])
{
	if (!iso2 || strlen(iso2) != 2)
		return LT_ERR_NOT_FOUND;
	const char *p = csv, *end = csv + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		/* "RS,SRB,..." : two letters, a comma, three letters, a comma or the end */
		if (eol - p >= 6 && p[0] == iso2[0] && p[1] == iso2[1] && p[2] == ',' &&
		    (eol - p == 6 || p[6] == ',' || p[6] == '\r')) {
			memcpy(out, p + 3, 3);
			out[3] = '\0';
			return LT_OK;
		}
		p = eol + 1;
	}
	return LT_ERR_NOT_FOUND;
}

static const char must_leave[] =
	"the next report must place the country on Tier 2 or better, or Tier 3";

lt_err lt_watch_clock(const struct lt_tier_history *h, const struct lt_tier_rules *rules,
		      const char *country, int year, struct lt_watch_clock *clock,
		      struct lt_problem *p)
{
	memset(clock, 0, sizeof(*clock));
	lt_err rc = lt_tier_next(h, rules, country, year, 0, &clock->outlook, p);
	if (rc)
		return rc;
	struct lt_tier_law law;
	lt_tier_rules_at(rules, year, &law);
	const struct lt_tier_placement *pl;
	size_t n;
	lt_tier_history_country(h, country, &pl, &n);
	/* The counted run ending in the report just before YEAR. */
	int expect = year - 1;
	for (size_t i = n; i-- > 0;) {
		if (pl[i].year >= year)
			continue;
		if (pl[i].year != expect || pl[i].tier != LT_TIER_2_WATCH_LIST ||
		    pl[i].year < law.counts_from)
			break;
		clock->run++;
		expect--;
	}
	if (!law.downgrade)
		clock->run = 0;
	clock->years_max = law.downgrade ? law.downgrade_years : 0;
	clock->years_used = clock->run < clock->years_max ? clock->run : clock->years_max;
	clock->waivers_used = clock->run > clock->years_max ? clock->run - clock->years_max : 0;
	clock->waivers_max = law.downgrade ? law.max_waiver_years : 0;
	clock->waiver = clock->waivers_max == 0 ? "none"
			: clock->waivers_used >= clock->waivers_max ? "used"
								    : "available";
	char *s = clock->sentence;
	size_t cap = sizeof(clock->sentence);
	const struct lt_tier_outlook *o = &clock->outlook;
	if (!law.downgrade)
		snprintf(s, cap, "No automatic downgrade in force in %d: the next report may place "
			 "the country on any tier", year);
	else if (!o->allowed[LT_TIER_2_WATCH_LIST] && o->rule &&
		 strcmp(o->rule, LT_TIER_RULE_ID_REINSTATEMENT) == 0)
		snprintf(s, cap, "Back on the Watch List after a downgrade, %d of %d year%s used: %s",
			 clock->run, law.reinstatement_years,
			 law.reinstatement_years == 1 ? "" : "s", must_leave);
	else if (!o->allowed[LT_TIER_2_WATCH_LIST])
		snprintf(s, cap, "%d of %d years used, %s: %s", clock->years_used, clock->years_max,
			 !clock->waivers_max       ? "no waiver allowed"
			 : clock->waivers_used > 1 ? "waivers used"
						   : "waiver used",
			 must_leave);
	else if (o->waiver_required)
		snprintf(s, cap, "%d of %d years used, waiver available: the next report may keep "
			 "the country on the Watch List only with a waiver", clock->years_used,
			 clock->years_max);
	else if (clock->run > 0)
		snprintf(s, cap, "%d of %d years used: the next report may keep the country on the "
			 "Watch List", clock->years_used, clock->years_max);
	else
		snprintf(s, cap, "0 of %d years used: the next report may place the country on any "
			 "tier", clock->years_max);
	return LT_OK;
}
