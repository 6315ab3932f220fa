#include "domain/anonymise.h"

/* The search works on the distinct combinations of the input with their
 * counts, not on the records: a million records usually hold a few
 * thousand combinations, so each evaluation of a candidate step is cheap. */

/* An open-addressing table of tuples of NDIMS values, by index into KEYS. */
struct tuple_set {
	uint32_t *slots; /* index + 1 into keys, 0 = empty */
	size_t cap;      /* a power of two */
	uint32_t *keys;  /* n tuples of ndims values */
	size_t n, ndims;
};

static uint64_t tuple_hash(const uint32_t *t, size_t ndims)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t d = 0; d < ndims; d++) {
		h ^= t[d];
		h *= 1099511628211ULL;
		h ^= h >> 29;
	}
	return h;
}

static lt_err set_init(struct tuple_set *s, size_t max_items, size_t ndims)
{
	memset(s, 0, sizeof(*s));
	s->ndims = ndims;
	s->cap = 16;
	while (s->cap < max_items * 2)
		s->cap <<= 1;
	s->slots = calloc(s->cap, sizeof(*s->slots));
	s->keys = malloc((max_items ? max_items : 1) * ndims * sizeof(*s->keys));
	return s->slots && s->keys ? LT_OK : LT_ERR_NOMEM;
}

static void set_clear(struct tuple_set *s)
{
	memset(s->slots, 0, s->cap * sizeof(*s->slots));
	s->n = 0;
}

static void set_free(struct tuple_set *s)
{
	free(s->slots);
	free(s->keys);
	memset(s, 0, sizeof(*s));
}

/* The index of tuple T, added when new. The caller sized the set for every
 * tuple it will add, so it never fills. */
static uint32_t set_put(struct tuple_set *s, const uint32_t *t)
{
	size_t mask = s->cap - 1, i = (size_t)tuple_hash(t, s->ndims) & mask;
	size_t bytes = s->ndims * sizeof(*t);
	for (;;) {
		uint32_t slot = s->slots[i];
		if (!slot) {
			memcpy(s->keys + s->n * s->ndims, t, bytes);
			s->slots[i] = (uint32_t)(++s->n);
			return (uint32_t)(s->n - 1);
		}
		if (!memcmp(s->keys + (size_t)(slot - 1) * s->ndims, t, bytes))
			return slot - 1;
		i = (i + 1) & mask;
	}
}

struct search {
	const struct lt_anon_dim *dims;
	size_t ndims;
	int64_t k;
	size_t nd;          /* distinct combinations */
	const uint32_t *dv; /* their values, nd * ndims */
	int64_t *weight;    /* records per combination */
	uint32_t *cls;      /* class of each combination in the last evaluation */
	int64_t *class_w;   /* records per class */
	struct tuple_set classes;
};

/* Suppressed records when the dimensions are at LEVEL; fills cls/class_w. */
static int64_t evaluate(struct search *s, const size_t *level)
{
	uint32_t t[LT_ANON_MAX_DIMS];
	set_clear(&s->classes);
	for (size_t i = 0; i < s->nd; i++) {
		const uint32_t *v = s->dv + i * s->ndims;
		for (size_t d = 0; d < s->ndims; d++)
			t[d] = lt_anon_value(&s->dims[d], level[d], v[d]);
		size_t before = s->classes.n;
		uint32_t c = set_put(&s->classes, t);
		if (s->classes.n != before)
			s->class_w[c] = 0; /* a new class */
		s->class_w[c] += s->weight[i];
		s->cls[i] = c;
	}
	int64_t suppressed = 0;
	for (size_t i = 0; i < s->nd; i++)
		if (s->class_w[s->cls[i]] < s->k)
			suppressed += s->weight[i];
	return suppressed;
}

/* Records whose value in dimension D changes from level FROM to TO. */
static int64_t changed(const struct search *s, size_t d, size_t from, size_t to)
{
	int64_t n = 0;
	for (size_t i = 0; i < s->nd; i++) {
		uint32_t v = s->dv[i * s->ndims + d];
		if (lt_anon_value(&s->dims[d], from, v) != lt_anon_value(&s->dims[d], to, v))
			n += s->weight[i];
	}
	return n;
}

static lt_err check_input(const uint32_t *values, size_t nrecords, const struct lt_anon_dim *dims,
			  size_t ndims)
{
	if (ndims == 0 || ndims > LT_ANON_MAX_DIMS || nrecords > UINT32_MAX - 1)
		return LT_ERR_INVALID;
	for (size_t d = 0; d < ndims; d++) {
		if (dims[d].nlevels < 1 || dims[d].nlevels > LT_ANON_MAX_LEVELS)
			return LT_ERR_INVALID;
		for (size_t l = 1; l < dims[d].nlevels; l++)
			if (!dims[d].gen[l])
				return LT_ERR_INVALID;
	}
	for (size_t r = 0; r < nrecords; r++)
		for (size_t d = 0; d < ndims; d++)
			if (values[r * ndims + d] >= dims[d].card)
				return LT_ERR_INVALID;
	return LT_OK;
}

/* Takes the step from CUR to NEXT (one or two dimensions raised by one). */
static void record_steps(struct search *s, struct lt_anon_result *out, size_t *cur,
			 const size_t *next, int64_t suppressed)
{
	for (size_t d = 0; d < s->ndims; d++) {
		if (next[d] == cur[d])
			continue;
		if (out->nsteps < LT_ANON_MAX_STEPS)
			out->steps[out->nsteps++] = (struct lt_anon_step){
				d, next[d], changed(s, d, cur[d], next[d]), suppressed};
		cur[d] = next[d];
	}
}

/* Greedy search over the lattice of levels: take the single step that keeps
 * the most records (the lowest dimension on a tie, for determinism); when
 * no single step helps, look at pairs, since two dimensions sometimes only
 * merge classes together. Stop when nothing improves. */
static void search_levels(struct search *s, struct lt_anon_result *out)
{
	size_t cur[LT_ANON_MAX_DIMS] = {0}, next[LT_ANON_MAX_DIMS], best[LT_ANON_MAX_DIMS];
	int64_t now = evaluate(s, cur);
	out->suppressed_alone = now;
	while (now > 0) {
		int64_t best_sup = now;
		bool found = false;
		for (size_t d = 0; d < s->ndims; d++) {
			if (cur[d] + 1 >= s->dims[d].nlevels)
				continue;
			memcpy(next, cur, sizeof(next));
			next[d]++;
			int64_t sup = evaluate(s, next);
			if (sup < best_sup) {
				best_sup = sup;
				memcpy(best, next, sizeof(best));
				found = true;
			}
		}
		for (size_t a = 0; !found && a < s->ndims; a++) {
			for (size_t b = a + 1; b < s->ndims; b++) {
				if (cur[a] + 1 >= s->dims[a].nlevels || cur[b] + 1 >= s->dims[b].nlevels)
					continue;
				memcpy(next, cur, sizeof(next));
				next[a]++;
				next[b]++;
				int64_t sup = evaluate(s, next);
				if (sup < best_sup) {
					best_sup = sup;
					memcpy(best, next, sizeof(best));
				}
			}
			found = best_sup < now;
		}
		if (!found || out->nsteps >= LT_ANON_MAX_STEPS)
			break;
		record_steps(s, out, cur, best, best_sup);
		now = best_sup;
	}
	memcpy(out->level, cur, sizeof(out->level));
}

lt_err lt_anon_run(const uint32_t *values, size_t nrecords, const struct lt_anon_dim *dims,
		   size_t ndims, int64_t k, struct lt_anon_result *out)
{
	memset(out, 0, sizeof(*out));
	lt_err rc = check_input(values, nrecords, dims, ndims);
	if (rc)
		return rc;
	struct tuple_set distinct = {0};
	struct search s = {.dims = dims, .ndims = ndims, .k = k};
	uint32_t *of = malloc((nrecords ? nrecords : 1) * sizeof(*of));
	out->keep = malloc(nrecords ? nrecords : 1);
	out->cls = malloc((nrecords ? nrecords : 1) * sizeof(*out->cls));
	if (!of || !out->keep || !out->cls || (rc = set_init(&distinct, nrecords, ndims)))
		goto fail;
	for (size_t r = 0; r < nrecords; r++)
		of[r] = set_put(&distinct, values + r * ndims);
	s.nd = distinct.n;
	s.dv = distinct.keys;
	s.weight = calloc(s.nd ? s.nd : 1, sizeof(*s.weight));
	s.cls = malloc((s.nd ? s.nd : 1) * sizeof(*s.cls));
	s.class_w = malloc((s.nd ? s.nd : 1) * sizeof(*s.class_w));
	if (!s.weight || !s.cls || !s.class_w || (rc = set_init(&s.classes, s.nd, ndims)))
		goto fail;
	for (size_t r = 0; r < nrecords; r++)
		s.weight[of[r]]++;
	search_levels(&s, out);
	out->suppressed = evaluate(&s, out->level);
	out->nclasses = s.classes.n;
	for (size_t r = 0; r < nrecords; r++)
		out->cls[r] = s.cls[of[r]];
	for (size_t i = 0; i < s.nd; i++) {
		bool kept = s.class_w[s.cls[i]] >= k;
		bool gen = false;
		for (size_t d = 0; d < ndims && !gen; d++) {
			uint32_t v = s.dv[i * ndims + d];
			gen = lt_anon_value(&dims[d], out->level[d], v) != v;
		}
		/* Reuse cls as the per-combination verdict: bit 0 kept, bit 1 generalised. */
		s.cls[i] = (uint32_t)kept | (uint32_t)gen << 1;
	}
	for (size_t r = 0; r < nrecords; r++) {
		out->keep[r] = (uint8_t)(s.cls[of[r]] & 1);
		if (s.cls[of[r]] == 3)
			out->generalised++;
	}
	goto done;
fail:
	if (!rc)
		rc = LT_ERR_NOMEM;
	lt_anon_result_free(out);
done:
	set_free(&distinct);
	set_free(&s.classes);
	free(s.weight);
	free(s.cls);
	free(s.class_w);
	free(of);
	return rc;
}

void lt_anon_result_free(struct lt_anon_result *r)
{
	free(r->keep);
	free(r->cls);
	r->keep = NULL;
	r->cls = NULL;
	r->nclasses = 0;
}
