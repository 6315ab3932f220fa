/* libFuzzer target: group screening from CSV text (lantern screen --group),
 * with the embedded tables. The first byte picks the profile override as in
 * fuzz_screening. Checks, beyond "no crash": rows come in increasing order,
 * each with a result; a failure for bad rows names them. */
#include "domain/screening.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct lt_screening_table table;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct lt_problem p;
	lt_problem_init(&p);
	if (lt_screening_table_load_embedded(&table, &p)) {
		fprintf(stderr, "fuzz_screening_group: cannot load the tables: %s\n", p.detail);
		abort();
	}
	return 0;
}

struct seen {
	size_t last_row;
	size_t rows;
	struct lt_screening_tally tally;
};

static lt_err on_row(void *ctx, size_t row, const char *person,
		     const struct lt_screening_result *r)
{
	struct seen *s = ctx;
	if (row <= s->last_row || !person || !r || !r->profile ||
	    r->outcome >= LT_SCREENING_OUTCOME_COUNT)
		abort();
	s->last_row = row;
	s->rows++;
	lt_screening_tally_add(&s->tally, r);
	return LT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	const char *override = NULL;
	unsigned pick = data[0];
	if (pick >= 0x80)
		override = pick == 0xFF ? "no_such_profile" : table.profiles[pick % table.nprofiles].id;
	static struct seen s;
	memset(&s, 0, sizeof(s));
	lt_screening_tally_init(&s.tally);
	struct lt_problem p;
	lt_problem_init(&p);
	lt_err rc = lt_screening_group_run(&table, (const char *)data + 1, size - 1, override, on_row,
					   &s, &p);
	if (rc != LT_OK && p.code == LT_OK && p.detail[0] == '\0')
		abort(); /* a failure always says why */
	if (s.tally.people != s.rows)
		abort();
	json_t *out = NULL;
	if (lt_screening_tally_to_json(&table, &s.tally, 10, &out) || !out)
		abort();
	json_decref(out);
	return 0;
}
