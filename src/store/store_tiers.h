/* Store functions for the TIP placements added by an administrator
 * (docs/tiers.md); included by store.h. The service merges them with the
 * shipped history. Ownership: rows are plain values. */
#ifndef LT_STORE_STORE_TIERS_H
#define LT_STORE_STORE_TIERS_H

/** One added placement. */
struct lt_tier_placement_row {
	char country[4];  /* ISO 3166-1 alpha-3, upper case */
	int64_t year;     /* report year */
	char tier[24];    /* Lantern tier id ("tier_2_watch_list", ...) */
	char source[201]; /* where it was published, up to 200 bytes */
	int64_t added_at;
	int64_t added_by; /* user id, 0 when added at the command line */
};

/** Inserts ROW; LT_ERR_CONFLICT when its country already has that year. */
lt_err lt_store_tier_placement_insert(struct lt_store *s, const struct lt_tier_placement_row *row);
/** Replaces the tier, source, added_at and added_by of the added row of
 *  ROW's country and year (a correction, docs/tiers.md); LT_ERR_NOT_FOUND
 *  when there is none. */
lt_err lt_store_tier_placement_update(struct lt_store *s, const struct lt_tier_placement_row *row);
/** Deletes the added row of COUNTRY and YEAR; LT_ERR_NOT_FOUND when there is
 *  none. */
lt_err lt_store_tier_placement_delete(struct lt_store *s, const char *country, int64_t year);
/** Calls CB for every added placement in order of country, then year; a
 *  non-OK return stops and is passed on. */
lt_err lt_store_tier_placement_list(struct lt_store *s,
				    lt_err (*cb)(void *ctx, const struct lt_tier_placement_row *row),
				    void *ctx);

#endif
