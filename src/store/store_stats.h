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

/** What a cell of the further figures counts (lt_store_stats_period). */
enum lt_stats_period_figure {
	LT_PFIG_SERVICE,          /* key: service type; key2: 0 national, 1 foreign, 2 citizenship
				     unknown; n: identified victims who received it in the period */
	LT_PFIG_ASSISTED,         /* key2 as above; n: identified victims with any such service */
	LT_PFIG_INVESTIGATIONS,   /* proceedings opened in the period */
	LT_PFIG_SPECIALISED,      /* of those, with a specialised prosecutor */
	LT_PFIG_INDICTMENTS,      /* proceedings with an indictment dated in the period */
	LT_PFIG_CONVICTIONS,      /* verdict conviction dated in the period */
	LT_PFIG_ACQUITTALS,       /* verdict acquittal dated in the period */
	LT_PFIG_DISMISSALS,       /* verdict dismissal dated in the period */
	LT_PFIG_PLEAS,            /* plea agreements dated (or, without a date, with a verdict
				     dated) in the period */
	LT_PFIG_PENALISED,        /* victims (cases) with a proceeding against them ending in a
				     penalty dated in the period */
	LT_PFIG_SENTENCE,         /* key2: months; key: "1" suspended, "0" not; convictions dated
				     in the period with a sentence recorded, ascending months */
	LT_PFIG_CHARGE_CHANGE,    /* key: the article before; key_b: the article now; n: charge rows
				     dated in the period whose article differs from the row before */
	LT_PFIG_COMP_CLAIMED,     /* key: forum; key_b: currency; n: claims made in the period;
				     sum: amount claimed */
	LT_PFIG_COMP_AWARDED,     /* the same for claims awarded in the period; sum: awarded */
	LT_PFIG_COMP_PAID,        /* the same for claims paid in the period; sum: paid */
	LT_PFIG_OPEN_ALERT,       /* key: rule; n: alerts open now (not bound to the period) */
};

struct lt_stats_cell {
	enum lt_stats_figure figure;
	const char *key; /* "" when the figure has none */
	int64_t key2;
	int64_t n;
};

/** A cell of the further figures. */
struct lt_stats_pcell {
	enum lt_stats_period_figure figure;
	const char *key;   /* "" when the figure has none */
	int64_t key2;
	int64_t n;
	const char *key_b; /* a second key where the figure has one, else "" */
	int64_t sum;       /* an amount where the figure has one, else 0 */
};

/** Counts the annual figures of YEAR for a deployment whose own country is
 *  OWN_COUNTRY (ISO alpha-2), calling CB with every non-empty cell (scalar
 *  figures always, zeros included; day histograms in ascending order of
 *  days). Run it inside a read transaction for one snapshot. */
lt_err lt_store_stats_annual(struct lt_store *s, int64_t year, const char *own_country,
			     lt_err (*cb)(void *ctx, const struct lt_stats_cell *cell), void *ctx);

/** Counts the further figures (services, proceedings, compensation,
 *  victims penalised, open alerts) of the closed range of days START..END
 *  ("YYYY-MM-DD") for the deployment whose own country is OWN_COUNTRY,
 *  calling CB with each cell. Scalar figures come always, zeros included.
 *  Run it inside a read transaction. */
lt_err lt_store_stats_period(struct lt_store *s, const char *start, const char *end,
			     const char *own_country,
			     lt_err (*cb)(void *ctx, const struct lt_stats_pcell *cell), void *ctx);

#endif
