#include "domain/stats.h"
#include "domain/vocabulary.h"

static const char *const expl_names[LT_EXPL_COUNT] = {"sexual", "labour",   "criminality",
						      "other",  "multiple", "unknown"};
static const char *const sex_age_names[LT_SA_COUNT] = {"women", "men", "girls", "boys", "unknown"};

const char *lt_stats_expl_name(enum lt_stats_expl g)
{
	return (size_t)g < LT_EXPL_COUNT ? expl_names[g] : "";
}

const char *lt_stats_sex_age_name(enum lt_stats_sex_age g)
{
	return (size_t)g < LT_SA_COUNT ? sex_age_names[g] : "";
}

static enum lt_stats_expl group_of(const char *code, size_t len)
{
	char buf[64];
	if (len >= sizeof(buf))
		return LT_EXPL_OTHER;
	memcpy(buf, code, len);
	buf[len] = '\0';
	const char *g = lt_vocab_exploitation_group(buf);
	if (g && !strcmp(g, "sexual"))
		return LT_EXPL_SEXUAL;
	if (g && !strcmp(g, "labour"))
		return LT_EXPL_LABOUR;
	if (g && !strcmp(g, "criminality"))
		return LT_EXPL_CRIMINALITY;
	return LT_EXPL_OTHER;
}

enum lt_stats_expl lt_stats_expl_group(const char *forms)
{
	bool seen = false;
	enum lt_stats_expl first = LT_EXPL_UNKNOWN;
	for (const char *p = forms; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len) {
			enum lt_stats_expl g = group_of(p, len);
			if (seen && g != first)
				return LT_EXPL_MULTIPLE;
			first = g;
			seen = true;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return first;
}

enum lt_stats_sex_age lt_stats_sex_age(const char *sex, int is_child)
{
	if (!sex || (is_child != 0 && is_child != 1))
		return LT_SA_UNKNOWN;
	if (!strcmp(sex, "female"))
		return is_child ? LT_SA_GIRLS : LT_SA_WOMEN;
	if (!strcmp(sex, "male"))
		return is_child ? LT_SA_BOYS : LT_SA_MEN;
	return LT_SA_UNKNOWN;
}

bool lt_stats_percentile(const struct lt_stats_bin *bins, size_t nbins, int p, int64_t *out)
{
	int64_t n = 0;
	for (size_t i = 0; i < nbins; i++)
		n += bins[i].count > 0 ? bins[i].count : 0;
	if (n == 0 || p < 1 || p > 100)
		return false;
	/* ceil(p * n / 100) in integers; at least 1. */
	int64_t rank = (p * n + 99) / 100;
	if (rank < 1)
		rank = 1;
	int64_t seen = 0;
	for (size_t i = 0; i < nbins; i++) {
		seen += bins[i].count > 0 ? bins[i].count : 0;
		if (seen >= rank) {
			*out = bins[i].value;
			return true;
		}
	}
	return false;
}

static const char *const band_names[LT_BAND_COUNT] = {
	"no_prison",        "under_12_months",    "12_to_35_months", "36_to_59_months",
	"60_to_119_months", "120_months_or_more", "not_recorded"};

const char *lt_stats_band_name(enum lt_stats_band b)
{
	return (size_t)b < LT_BAND_COUNT ? band_names[b] : "";
}

enum lt_stats_band lt_stats_band_of(int64_t months)
{
	if (months < 0)
		return LT_BAND_NOT_RECORDED;
	if (months == 0)
		return LT_BAND_NO_PRISON;
	if (months < 12)
		return LT_BAND_UNDER_12;
	if (months < 36)
		return LT_BAND_12_TO_35;
	if (months < 60)
		return LT_BAND_36_TO_59;
	if (months < 120)
		return LT_BAND_60_TO_119;
	return LT_BAND_120_OR_MORE;
}

bool lt_stats_charge_downgraded(const struct lt_jurisdiction *j, const char *before,
				const char *after)
{
	if (!j || !before || !after)
		return false;
	return lt_jurisdiction_offence_class(j, before) == LT_OFFENCE_TRAFFICKING &&
	       lt_jurisdiction_offence_class(j, after) != LT_OFFENCE_TRAFFICKING;
}
