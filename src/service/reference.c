#include "service/reference.h"
#include "base/timeutil.h"
#include "domain/calendar.h"
#include "domain/jurisdiction.h"
#include "domain/vocabulary.h"
#include "service/policy.h"

lt_err lt_svc_vocabularies(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_VOCAB_READ, 0);
	if (!rc)
		rc = lt_vocab_init(ctx->problem);
	if (rc)
		return rc;
	*out = lt_vocab_json();
	return *out ? LT_OK : LT_ERR_NOMEM;
}

static json_t *months_or_null(int months)
{
	return months >= 0 ? json_integer(months) : json_null();
}

/* The articles the justice records accept, with their penalty ranges by
 * date; JSON null when the profile has no criminal code. */
static json_t *criminal_code_json(const struct lt_jurisdiction *j)
{
	if (j->n_articles == 0)
		return json_null();
	json_t *arts = json_array();
	for (int a = 0; arts && a < j->n_articles; a++) {
		const struct lt_article *ar = &j->articles[a];
		json_t *pars = json_array();
		for (int i = 0; pars && i < ar->n_paragraphs; i++) {
			const struct lt_article_paragraph *pp = &ar->paragraphs[i];
			json_t *pens = json_array();
			for (int k = 0; pens && k < pp->n_penalties; k++) {
				const struct lt_penalty *pe = &pp->penalties[k];
				json_array_append_new(
					pens, json_pack("{s:s, s:o, s:i, s:o, s:b}", "valid_from",
							pe->valid_from, "valid_to",
							pe->valid_to[0] ? json_string(pe->valid_to)
									: json_null(),
							"min_months", pe->min_months, "max_months",
							months_or_null(pe->max_months), "fine", pe->fine));
			}
			json_array_append_new(pars, json_pack("{s:s, s:s, s:b, s:o}", "id", pp->id,
							      "summary_en", pp->summary_en, "minor",
							      pp->minor, "penalties", pens));
		}
		json_array_append_new(arts, json_pack("{s:s, s:s, s:s, s:s, s:o}", "article", ar->id,
						      "title_en", ar->title_en, "title_sr",
						      ar->title_sr, "offence_class",
						      lt_offence_class_name(ar->offence_class),
						      "paragraphs", pars));
	}
	return arts ? json_pack("{s:s, s:o}", "name_en", j->criminal_code_name_en, "articles", arts)
		    : NULL;
}

/* The public holidays of the profile: the rules, and the days off they give
 * this year and next (what a deadline near the turn of the year needs);
 * JSON null when the profile has none (weekends only). */
static json_t *holidays_json(const struct lt_jurisdiction *j)
{
	if (!j->has_holidays)
		return json_null();
	json_t *rules = json_array(), *dates = json_array();
	for (int i = 0; rules && i < j->n_holidays; i++) {
		const struct lt_holiday *h = &j->holidays[i];
		json_t *days = json_array();
		for (int k = 0; days && k < h->n_days; k++)
			json_array_append_new(days, json_integer(h->days[k]));
		json_array_append_new(
			rules, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:b}", "id", h->id, "name_en",
					 h->name_en, "name_sr", h->name_sr, "month",
					 h->month ? json_integer(h->month) : json_null(), "days",
					 h->month ? days : json_null(), "days_from_easter",
					 h->month ? json_null() : days, "sunday_next_working_day",
					 h->sunday_next_working_day));
	}
	char today[11];
	lt_today(today);
	int year = 0;
	for (int i = 0; i < 4; i++)
		year = year * 10 + (today[i] - '0');
	struct lt_holiday_date list[256]; /* 16 holidays of 8 days, and as many substitutes */
	for (int y = year; dates && y <= year + 1; y++) {
		int n = lt_calendar_holidays(j, y, list, (int)LT_ARRAY_LEN(list));
		for (int i = 0; i < n && i < (int)LT_ARRAY_LEN(list); i++)
			json_array_append_new(dates, json_pack("{s:s, s:s, s:b}", "date", list[i].date,
							       "holiday", list[i].holiday_id,
							       "substitute", list[i].substitute));
	}
	if (!rules || !dates) {
		json_decref(rules);
		json_decref(dates);
		return NULL;
	}
	return json_pack("{s:s, s:s, s:o, s:o}", "law_en", j->holidays_law_en, "law_sr",
			 j->holidays_law_sr, "holidays", rules, "dates", dates);
}

lt_err lt_svc_jurisdiction(struct lt_ctx *ctx, json_t **out)
{
	lt_err rc = lt_authorize(ctx, LT_ACT_VOCAB_READ, 0);
	if (rc)
		return rc;
	const struct lt_jurisdiction *j = lt_ctx_jurisdiction(ctx);
	if (!j)
		return LT_ERR_INTERNAL;
	json_t *code = criminal_code_json(j);
	if (!code)
		return LT_ERR_NOMEM;
	json_t *holidays = holidays_json(j);
	if (!holidays) {
		json_decref(code);
		return LT_ERR_NOMEM;
	}
	*out = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:b}", "country", j->country,
			 "name_en", j->name_en, "name_sr", j->name_sr, "adult_body", j->adult_body,
			 "child_body", j->child_body, "child_age", j->child_age, "reflection_min_days",
			 j->reflection_min_days, "reasonable_grounds_deadline_working_days",
			 j->reasonable_grounds_deadline_working_days, "conclusive_deadline_days",
			 j->conclusive_deadline_days, "negative_decision_appealable",
			 j->negative_decision_appealable);
	if (*out) {
		/* Both calls take their value, even when they fail. */
		int a = json_object_set_new(*out, "criminal_code", code);
		int b = json_object_set_new(*out, "public_holidays", holidays);
		if (a == 0 && b == 0)
			return LT_OK;
	} else {
		json_decref(code);
		json_decref(holidays);
	}
	json_decref(*out);
	*out = NULL;
	return LT_ERR_NOMEM;
}
