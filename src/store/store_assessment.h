/* Store functions for the country scorecard (docs/assessment.md); included
 * by store.h. The store counts in SQL over one period; the service compares
 * two periods. Ownership: plain values. */
#ifndef LT_STORE_STORE_ASSESSMENT_H
#define LT_STORE_STORE_ASSESSMENT_H

/** The scorecard's figures for one period. "Identified" cases have
 *  identification 'identified' dated in the period; "foreign" ones have a
 *  citizenship, none of them the own country's; "nationals" have the own
 *  country's; "served" ones have a service that is active or completed. */
struct lt_assessment_figures {
	int64_t identified;
	int64_t foreign;
	int64_t nationals;
	int64_t foreign_served;
	int64_t nationals_served;
	int64_t assisted;       /* cases with an active or completed service overlapping the period */
	int64_t shelter_places; /* places of every shelter in force on the period's last day */
};

/** Counts the figures of the period START..END ("YYYY-MM-DD", inclusive) for
 *  a deployment whose own country is OWN_COUNTRY (ISO alpha-2). Run it inside
 *  a read transaction for one snapshot. */
lt_err lt_store_assessment_figures(struct lt_store *s, const char *start, const char *end,
				   const char *own_country, struct lt_assessment_figures *out);

#endif
