/* Store functions for the annual statistics (docs/statistics.md); included
 * by store.h. The store counts in SQL and hands back cells; the service
 * groups and assembles them.
 * Ownership: a cell's strings live until the callback returns. */
#ifndef LT_STORE_STORE_STATS_H
#define LT_STORE_STORE_STATS_H

/** What a cell counts. "Identified" cases are those with identification
 *  'identified' dated in the year. */
enum lt_stats_figure {
	LT_FIG_REFERRED_BY_SOURCE,       /* key: referral source; cases referred in the year */
	LT_FIG_IDENTIFIED,               /* identified cases */
	LT_FIG_IDENTIFIED_CHILDREN,      /* of those, under 18 on the referral date */
	LT_FIG_IDENTIFIED_FOREIGN,       /* with a citizenship, none of them the own country's */
	LT_FIG_CITIZENSHIP_UNKNOWN,      /* with no recorded citizenship */
	LT_FIG_NATIONALS_ABROAD,         /* own citizens with a country of exploitation elsewhere */
	LT_FIG_EXPLOITATION_COUNTRY_UNKNOWN, /* with no recorded country of exploitation */
	LT_FIG_SEX_CHILD,                /* key: sex; key2: is_child (1, 0, -1 unknown) */
	LT_FIG_FORMS,                    /* key: the case's forms, comma-separated ("" for none) */
	LT_FIG_CITIZENSHIP,              /* key: a citizenship (each once per identified case) */
	LT_FIG_EXPLOITATION_COUNTRY,     /* key: a country of exploitation (once per case) */
	LT_FIG_DAYS_REASONABLE_GROUNDS,  /* key2: days from referral to a reasonable-grounds
					    decision dated in the year */
	LT_FIG_DAYS_CONCLUSIVE,          /* key2: days from referral to a conclusive decision
					    (identified or not) dated in the year */
	LT_FIG_PENDING_AT_YEAR_END,      /* cases with no decision closing the assessment on 31 Dec */
};

struct lt_stats_cell {
	enum lt_stats_figure figure;
	const char *key; /* "" when the figure has none */
	int64_t key2;
	int64_t n;
};

/** Counts the annual figures of YEAR for a deployment whose own country is
 *  OWN_COUNTRY (ISO alpha-2), calling CB with every non-empty cell (scalar
 *  figures always, zeros included; day histograms in ascending order of
 *  days). Run it inside a read transaction for one snapshot. */
lt_err lt_store_stats_annual(struct lt_store *s, int64_t year, const char *own_country,
			     lt_err (*cb)(void *ctx, const struct lt_stats_cell *cell), void *ctx);

#endif
