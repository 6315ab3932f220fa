/* libFuzzer target: screening requests. The embedded ILO tables are loaded
 * once; each input is a JSON document for lt_screening_run_json, after a
 * first byte that picks the profile override (none, one of the table's
 * profiles, or an unknown one). A valid request is also explained, turned
 * into JSON and tallied. Checks, beyond "no crash": success gives a
 * profile and an outcome of its kind; failure names a field. */
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
		fprintf(stderr, "fuzz_screening: cannot load the tables: %s\n", p.detail);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	const char *override = NULL;
	unsigned pick = data[0];
	if (pick >= 0x80)
		override = pick == 0xFF ? "no_such_profile" : table.profiles[pick % table.nprofiles].id;
	json_t *doc = json_loadb((const char *)data + 1, size - 1, JSON_DECODE_ANY, NULL);
	if (!doc)
		return 0;
	static struct lt_screening_result r;
	struct lt_problem p;
	lt_problem_init(&p);
	lt_err rc = lt_screening_run_json(&table, doc, override, &r, &p);
	if (rc == LT_OK) {
		if (!r.profile || r.outcome >= LT_SCREENING_OUTCOME_COUNT ||
		    r.nfound > table.nindicators || p.nfields)
			abort();
		bool checklist = r.profile->kind == LT_SCREENING_CHECKLIST;
		bool checklist_outcome = r.outcome == LT_SCREENING_OUTCOME_INDICATORS_PRESENT ||
					 r.outcome == LT_SCREENING_OUTCOME_NO_INDICATORS;
		if (checklist != checklist_outcome)
			abort();
		if (override && strcmp(r.profile->id, override) != 0)
			abort();
		struct lt_buf b;
		lt_buf_init(&b, 0);
		if (lt_screening_result_explain(&table, &r, &b) || !b.len)
			abort();
		lt_buf_release(&b);
		json_t *out = NULL;
		if (lt_screening_result_to_json(&table, &r, &out) || !out)
			abort();
		json_decref(out);
		static struct lt_screening_tally y;
		lt_screening_tally_init(&y);
		lt_screening_tally_add(&y, &r);
		lt_screening_tally_add(&y, &r);
		if (y.people != 2 || y.outcomes[r.outcome] != 2)
			abort();
		if (lt_screening_tally_to_json(&table, &y, 5, &out) || !out)
			abort();
		json_decref(out);
	} else {
		if (rc != LT_ERR_INVALID || p.code != LT_ERR_INVALID || p.nfields == 0)
			abort();
	}
	json_decref(doc);
	return 0;
}
