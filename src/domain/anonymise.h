/* k-anonymity for published microdata (docs/open-data.md): records are
 * tuples of value ids, one per dimension; each dimension may be generalised
 * along its own ladder of levels (wider age bands, regions instead of
 * countries, rare categories merged). The search raises, one step at a time,
 * the dimension whose step keeps the most records, then suppresses the
 * records whose combination is still seen fewer than k times. Pure: no I/O,
 * deterministic for the same input.
 * Ownership: the caller owns the input tables; lt_anon_run() allocates the
 * result's keep flags and classes, which lt_anon_result_free() releases. */
#ifndef LT_DOMAIN_ANONYMISE_H
#define LT_DOMAIN_ANONYMISE_H
#include "base/common.h"

#define LT_ANON_MAX_DIMS 16
#define LT_ANON_MAX_LEVELS 8
#define LT_ANON_MAX_STEPS 64

/** One dimension (one exported column, or a group of columns rendered
 *  together). Values at level 0 are 0..card-1. */
struct lt_anon_dim {
	const char *name; /* for the report */
	size_t card;
	size_t nlevels; /* 1: this dimension is never generalised */
	/* gen[l][v]: what value v becomes at level l (l >= 1; gen[0] is unused,
	 * level 0 being the value itself). All levels share one id space, and
	 * ids are canonical: two values are published alike exactly when their
	 * ids are equal (so a value that a level leaves alone keeps its id). */
	const uint32_t *gen[LT_ANON_MAX_LEVELS];
	const char *level_names[LT_ANON_MAX_LEVELS]; /* [l] describes level l */
};

/** One generalisation step the search took. */
struct lt_anon_step {
	size_t dim, level;   /* dimension DIM raised to LEVEL */
	int64_t generalised; /* records whose value in DIM changed by this step */
	int64_t suppressed;  /* records below k after this step */
};

struct lt_anon_result {
	size_t level[LT_ANON_MAX_DIMS]; /* the level chosen for each dimension */
	struct lt_anon_step steps[LT_ANON_MAX_STEPS];
	size_t nsteps;
	int64_t suppressed_alone; /* records suppression alone (no step) would remove */
	int64_t generalised;      /* kept records with at least one value generalised */
	int64_t suppressed;       /* records finally suppressed */
	uint8_t *keep;            /* one flag per record: 1 published, 0 suppressed */
	uint32_t *cls;            /* one per record: its combination at the chosen levels,
				     0..nclasses-1; records are published alike exactly
				     when their classes are equal (so a row's text can be
				     made once per class) */
	size_t nclasses;
};

/** Anonymises NRECORDS records of NDIMS values each (VALUES is row-major:
 *  record r's value in dimension d is VALUES[r * NDIMS + d]) so that every
 *  published combination of values, at the chosen levels, is shared by at
 *  least K records. LT_ERR_INVALID for a value out of range, a bad table or
 *  too many dimensions; LT_ERR_NOMEM when memory runs out. */
lt_err lt_anon_run(const uint32_t *values, size_t nrecords, const struct lt_anon_dim *dims,
		   size_t ndims, int64_t k, struct lt_anon_result *out);

/** Value V of dimension DIM at level LEVEL (V itself at level 0). */
static inline uint32_t lt_anon_value(const struct lt_anon_dim *dim, size_t level, uint32_t v)
{
	return level ? dim->gen[level][v] : v;
}

/** Releases what lt_anon_run() allocated in R (safe on a zeroed R). */
void lt_anon_result_free(struct lt_anon_result *r);

#endif
