#include "domain/occupancy.h"
#include "base/str.h"
#include "base/timeutil.h"
#include "domain/case_flow.h"

static const char *const place_names[LT_PLACE_COUNT] = {"women", "men", "children"};
static const char *const reason_names[LT_TURN_AWAY_COUNT] = {"full", "unlicensed", "wrong_sex",
							      "other"};
static const char *const alt_names[LT_ALT_COUNT] = {"ngo_accommodation", "social_welfare_shelter",
						     "other"};
/* "women's", for sentences */
static const char *const place_owner[LT_PLACE_COUNT] = {"women's", "men's", "children's"};

static bool parse_in(const char *const *names, size_t n, const char *name, int *out)
{
	for (size_t i = 0; name && i < n; i++)
		if (!strcmp(names[i], name)) {
			*out = (int)i;
			return true;
		}
	return false;
}

const char *lt_place_name(enum lt_place p)
{
	return (unsigned)p < LT_PLACE_COUNT ? place_names[p] : "";
}

bool lt_place_parse(const char *name, enum lt_place *out)
{
	int i;
	if (!parse_in(place_names, LT_PLACE_COUNT, name, &i))
		return false;
	*out = (enum lt_place)i;
	return true;
}

const char *lt_turn_away_name(enum lt_turn_away r)
{
	return (unsigned)r < LT_TURN_AWAY_COUNT ? reason_names[r] : "";
}

bool lt_turn_away_parse(const char *name, enum lt_turn_away *out)
{
	int i;
	if (!parse_in(reason_names, LT_TURN_AWAY_COUNT, name, &i))
		return false;
	*out = (enum lt_turn_away)i;
	return true;
}

const char *lt_alternative_name(enum lt_alternative a)
{
	return (unsigned)a < LT_ALT_COUNT ? alt_names[a] : "";
}

bool lt_alternative_parse(const char *name, enum lt_alternative *out)
{
	int i;
	if (!parse_in(alt_names, LT_ALT_COUNT, name, &i))
		return false;
	*out = (enum lt_alternative)i;
	return true;
}

/* The day number (days since 1970-01-01) of a YYYY-MM-DD date. */
static bool day_of(const char *date, int64_t *out)
{
	int64_t t;
	if (!date || strlen(date) != 10 || lt_time_parse(date, &t))
		return false;
	*out = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	return true;
}

const struct lt_shelter_state *lt_shelter_state_on(const struct lt_shelter_state *states, size_t n,
						   const char *date)
{
	if (!n)
		return NULL;
	const struct lt_shelter_state *found = &states[0];
	for (size_t i = 1; i < n; i++)
		if (strcmp(states[i].from, date) <= 0)
			found = &states[i];
	return found;
}

bool lt_shelter_licensed_on(const struct lt_shelter_state *st, const char *date)
{
	return st && st->licence_until[0] && strcmp(st->licence_until, date) >= 0;
}

/* The days [*FIRST, *LAST] a stay occupies; *LAST is INT64_MAX while open. */
static bool stay_days(const char *start, const char *end, int64_t *first, int64_t *last)
{
	if (!day_of(start, first))
		return false;
	if (!end || !*end) {
		*last = INT64_MAX;
		return true;
	}
	int64_t e;
	if (!day_of(end, &e))
		return false;
	*last = e > *first ? e - 1 : *first;
	return true;
}

bool lt_stay_occupies(const struct lt_stay *s, const char *date)
{
	int64_t first, last, d;
	return stay_days(s->start, s->end, &first, &last) && day_of(date, &d) && first <= d &&
	       d <= last;
}

bool lt_stays_overlap(const char *start1, const char *end1, const char *start2, const char *end2)
{
	int64_t f1, l1, f2, l2;
	if (!stay_days(start1, end1, &f1, &l1) || !stay_days(start2, end2, &f2, &l2))
		return false;
	return f1 <= l2 && f2 <= l1;
}

/* Counts, for each day of [FROM_DAY, FROM_DAY + N), the stays of PLACE (or
 * of every place when PLACE is LT_PLACE_COUNT, into COUNTS[day][place])
 * that occupy it: a difference array, so the work is days plus stays. */
static lt_err count_days(const struct lt_stay *stays, size_t nstays, int64_t from_day, size_t n,
			 int64_t (*counts)[LT_PLACE_COUNT])
{
	int64_t(*delta)[LT_PLACE_COUNT] = calloc(n + 1, sizeof(*delta));
	if (!delta)
		return LT_ERR_NOMEM;
	int64_t to_day = from_day + (int64_t)n - 1;
	for (size_t i = 0; i < nstays; i++) {
		int64_t first, last;
		if ((unsigned)stays[i].place >= LT_PLACE_COUNT ||
		    !stay_days(stays[i].start, stays[i].end, &first, &last)) {
			free(delta);
			return LT_ERR_INVALID;
		}
		if (last < from_day || first > to_day)
			continue;
		int64_t a = first < from_day ? from_day : first;
		int64_t b = last > to_day ? to_day : last;
		delta[a - from_day][stays[i].place]++;
		delta[b - from_day + 1][stays[i].place]--;
	}
	int64_t run[LT_PLACE_COUNT] = {0};
	for (size_t d = 0; d < n; d++)
		for (int p = 0; p < LT_PLACE_COUNT; p++) {
			run[p] += delta[d][p];
			counts[d][p] = run[p];
		}
	free(delta);
	return LT_OK;
}

lt_err lt_occupancy_days(const struct lt_shelter_state *states, size_t nstates,
			 const struct lt_stay *stays, size_t nstays, const char *from, size_t ndays,
			 struct lt_occupancy_day *days)
{
	int64_t from_day;
	if (!day_of(from, &from_day))
		return LT_ERR_INVALID;
	if (!ndays)
		return LT_OK;
	int64_t(*counts)[LT_PLACE_COUNT] = calloc(ndays, sizeof(*counts));
	if (!counts)
		return LT_ERR_NOMEM;
	lt_err rc = count_days(stays, nstays, from_day, ndays, counts);
	for (size_t d = 0; d < ndays && !rc; d++) {
		struct lt_occupancy_day *out = &days[d];
		memset(out, 0, sizeof(*out));
		lt_date_add_days(from, (int)d, out->date);
		const struct lt_shelter_state *st = lt_shelter_state_on(states, nstates, out->date);
		for (int p = 0; p < LT_PLACE_COUNT; p++) {
			out->occupied[p] = counts[d][p];
			out->capacity[p] = st ? st->capacity[p] : 0;
		}
		out->licensed = lt_shelter_licensed_on(st, out->date);
	}
	free(counts);
	return rc;
}

bool lt_place_fits(enum lt_place place, const char *sex, int is_child, enum lt_turn_away *reason,
		   char *why, size_t why_cap)
{
	if (is_child == 1 && place != LT_PLACE_CHILDREN) {
		*reason = LT_TURN_AWAY_OTHER;
		snprintf(why, why_cap, "the person is a child, and a child takes a children's place, "
				       "not a %s place", place_owner[place]);
		return false;
	}
	if (is_child == 0 && place == LT_PLACE_CHILDREN) {
		*reason = LT_TURN_AWAY_OTHER;
		snprintf(why, why_cap, "the person is an adult and cannot take a children's place");
		return false;
	}
	bool male = sex && !strcmp(sex, "male"), female = sex && !strcmp(sex, "female");
	if ((place == LT_PLACE_WOMEN && male) || (place == LT_PLACE_MEN && female)) {
		*reason = LT_TURN_AWAY_WRONG_SEX;
		snprintf(why, why_cap, "the person is %s and a %s place is for %s", sex,
			 place_owner[place], place == LT_PLACE_WOMEN ? "women" : "men");
		return false;
	}
	return true;
}

static void refuse(struct lt_refusal *out, enum lt_turn_away reason, const char *date)
{
	out->refused = true;
	out->reason = reason;
	lt_str_copy(out->date, sizeof(out->date), date);
}

lt_err lt_placement_check(const struct lt_shelter_state *states, size_t nstates,
			  const struct lt_stay *stays, size_t nstays,
			  const struct lt_placement_ask *ask, struct lt_refusal *out)
{
	memset(out, 0, sizeof(*out));
	int64_t first, last, today;
	if ((unsigned)ask->place >= LT_PLACE_COUNT || !stay_days(ask->start, ask->end, &first, &last) ||
	    !day_of(ask->today, &today))
		return LT_ERR_INVALID;
	if (last == INT64_MAX)
		last = today > first ? today : first;
	enum lt_place place = ask->place;
	enum lt_turn_away reason;
	if (!lt_place_fits(place, ask->sex, ask->is_child, &reason, out->why, sizeof(out->why))) {
		refuse(out, reason, ask->start);
		return LT_OK;
	}
	const struct lt_shelter_state *st = lt_shelter_state_on(states, nstates, ask->start);
	if (!st || st->capacity[place] == 0) {
		refuse(out, place == LT_PLACE_CHILDREN ? LT_TURN_AWAY_OTHER : LT_TURN_AWAY_WRONG_SEX,
		       ask->start);
		snprintf(out->why, sizeof(out->why), "it has no %s places on %s", place_owner[place],
			 ask->start);
		return LT_OK;
	}
	if (!lt_shelter_licensed_on(st, ask->start)) {
		refuse(out, LT_TURN_AWAY_UNLICENSED, ask->start);
		if (st->licence_until[0])
			snprintf(out->why, sizeof(out->why),
				 "its licence ended on %s, before the start date %s", st->licence_until,
				 ask->start);
		else
			snprintf(out->why, sizeof(out->why), "it holds no licence on %s", ask->start);
		return LT_OK;
	}
	size_t n = (size_t)(last - first + 1);
	int64_t(*counts)[LT_PLACE_COUNT] = calloc(n, sizeof(*counts));
	if (!counts)
		return LT_ERR_NOMEM;
	lt_err rc = count_days(stays, nstays, first, n, counts);
	for (size_t d = 0; d < n && !rc; d++) {
		char date[11];
		lt_date_add_days(ask->start, (int)d, date);
		const struct lt_shelter_state *on = lt_shelter_state_on(states, nstates, date);
		int64_t cap = on ? on->capacity[place] : 0;
		if (counts[d][place] >= cap) {
			refuse(out, LT_TURN_AWAY_FULL, date);
			snprintf(out->why, sizeof(out->why),
				 "all its %s places are taken on %s (%lld of %lld)", place_owner[place],
				 date, (long long)counts[d][place], (long long)cap);
			break;
		}
	}
	free(counts);
	return rc;
}

void lt_turn_away_add(struct lt_turn_away_tally *t, const char *reason, const char *alternative)
{
	enum lt_turn_away r;
	enum lt_alternative a;
	t->total++;
	t->by_reason[lt_turn_away_parse(reason, &r) ? r : LT_TURN_AWAY_OTHER]++;
	t->by_alternative[lt_alternative_parse(alternative, &a) ? a : LT_ALT_OTHER]++;
}
