/* The CTDC export's read (src/store/sqlite_export.c): one record per person
 * identified, from the latest identified case, with the choice rules of
 * docs/open-data.md; and, on random synthetic registers, exactly what the
 * export's original SELECT (correlated subqueries per case, kept here as
 * the definition) gives, now that the store reads each table once. */
#include "lt_test.h"
#include "store/store.h"
#include "store/store_export.h"
#include <sqlite3.h>

struct fx {
	char *dir;
	char path[600];
	struct lt_store *s;
	sqlite3 *db;
	struct lt_problem p;
};

static void sql(struct fx *f, const char *text)
{
	char *err = NULL;
	int rc = sqlite3_exec(f->db, text, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", text, err ? err : "?");
	sqlite3_free(err);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f || !(f->dir = lt_test_tmpdir()))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/lantern.db", f->dir);
	lt_problem_init(&f->p);
	if (lt_store_open(f->path, true, &f->s, &f->p) || lt_store_migrate(f->s, &f->p))
		return -1;
	if (sqlite3_open_v2(f->path, &f->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->db, 5000);
	*state = f;
	sql(f, "INSERT INTO organisations(id, name, kind, created_at) "
	       "VALUES (900, 'Export test (synthetic)', 'ngo', 0)");
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	sqlite3_close(f->db);
	lt_store_free(f->s);
	lt_test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static void add_person(struct fx *f, int64_t id, const char *sex)
{
	char q[256];
	snprintf(q, sizeof(q),
		 "INSERT INTO persons(id, organisation_id, sex, created_at) VALUES (%lld, 900, '%s', 0)",
		 (long long)id, sex);
	sql(f, q);
}

/* A case of PERSON; IDENTIFIED NULL leaves it pending. */
static void add_case(struct fx *f, int64_t id, int64_t person, int year, int age,
		     const char *identified)
{
	char q[1024], ident[64] = "'pending', NULL", agev[32] = "NULL, NULL";
	if (identified)
		snprintf(ident, sizeof(ident), "'identified', '%s'", identified);
	if (age >= 0)
		snprintf(agev, sizeof(agev), "%d, %d", age, age < 18);
	snprintf(q, sizeof(q),
		 "INSERT INTO cases(id, case_number, number_year, number_seq, person_id, "
		 "organisation_id, status, referral_date, referral_year, referral_source, "
		 "age_at_referral, is_child, identification, identification_date, created_at, "
		 "updated_at) VALUES (%lld, 'LT-X-%lld', %d, %lld, %lld, 900, 'referred', "
		 "'%d-02-01', %d, 'police', %s, %s, 0, 0)",
		 (long long)id, (long long)id, year, (long long)id, (long long)person, year, year,
		 agev, ident);
	sql(f, q);
}

static void add_row(struct fx *f, const char *table, const char *key, int64_t id,
		    const char *column, const char *value)
{
	char q[256];
	snprintf(q, sizeof(q), "INSERT INTO %s(%s, %s) VALUES (%lld, '%s')", table, key, column,
		 (long long)id, value);
	sql(f, q);
}

static void add_screening(struct fx *f, int64_t id, int64_t case_id, const char *date,
			  const char *indicators)
{
	char q[512];
	snprintf(q, sizeof(q),
		 "INSERT INTO case_screenings(id, case_id, profile, indicators, outcome, result, "
		 "screening_date, created_at) VALUES (%lld, %lld, 'p', '%s', 'o', '{}', '%s', 0)",
		 (long long)id, (long long)case_id, indicators, date);
	sql(f, q);
}

static void read_set(struct fx *f, int64_t year, struct lt_export_ctdc_set *set)
{
	assert_int_equal(lt_store_read_begin(f->s), LT_OK);
	assert_int_equal(lt_store_export_ctdc(f->s, year, "RS", set), LT_OK);
	lt_store_read_end(f->s);
}

static const char *text(const struct lt_export_ctdc_set *set, uint32_t id)
{
	assert_true(id < set->ntext);
	return set->text[id];
}

static void choice_rules(void **state)
{
	struct fx *f = *state;
	sql(f, "BEGIN");
	add_person(f, 1, "female");
	add_person(f, 2, "male");
	add_person(f, 3, "other");
	add_case(f, 1, 1, 2020, 30, "2020-05-01");
	add_case(f, 2, 2, 2020, 17, "2020-06-01");
	add_case(f, 3, 1, 2021, 31, "2021-02-01"); /* person 1's latest identified */
	add_case(f, 4, 3, 2021, -1, NULL);         /* pending: not exported */
	add_case(f, 5, 1, 2022, 32, NULL);         /* later, but pending */
	add_row(f, "person_citizenships", "person_id", 1, "country", "DE");
	add_row(f, "person_citizenships", "person_id", 1, "country", "RS");
	add_row(f, "person_citizenships", "person_id", 1, "country", "AT");
	add_row(f, "person_citizenships", "person_id", 2, "country", "VN");
	add_row(f, "person_citizenships", "person_id", 2, "country", "AL");
	add_row(f, "case_countries", "case_id", 3, "country", "RS");
	add_row(f, "case_countries", "case_id", 3, "country", "TR");
	add_row(f, "case_countries", "case_id", 3, "country", "SI");
	add_row(f, "case_countries", "case_id", 2, "country", "RS");
	add_row(f, "case_exploitation", "case_id", 3, "form", "sexual");
	add_row(f, "case_exploitation", "case_id", 3, "form", "forced_labour");
	add_screening(f, 1, 3, "2021-01-01", "[\"a\"]");
	add_screening(f, 2, 3, "2021-05-01", "[\"b\"]");
	add_screening(f, 3, 3, "2021-05-01", "[\"c\"]"); /* same date, higher id: the latest */
	add_screening(f, 4, 3, "2020-12-31", "[\"d\"]");
	add_screening(f, 5, 1, "2020-05-01", "[\"e\"]");
	sql(f, "COMMIT");

	struct lt_export_ctdc_set set;
	read_set(f, 0, &set);
	assert_int_equal(set.n, 2); /* persons 1 and 2, in case id order: 2, then 3 */
	const struct lt_export_ctdc_rec *b = &set.rec[0], *a = &set.rec[1];
	assert_int_equal(b->referral_year, 2020);
	assert_string_equal(text(&set, b->sex), "male");
	assert_int_equal(b->age, 17);
	assert_int_equal(b->is_child, 1);
	assert_string_equal(text(&set, b->citizenship), "AL"); /* the first in code order */
	assert_string_equal(text(&set, b->country), "RS");     /* the own country, alone */
	assert_null(text(&set, b->forms));
	assert_null(text(&set, b->indicators));
	assert_int_equal(a->referral_year, 2021);
	assert_string_equal(text(&set, a->sex), "female");
	assert_int_equal(a->age, 31);
	assert_int_equal(a->is_child, 0);
	assert_string_equal(text(&set, a->citizenship), "RS"); /* the own country when held */
	assert_string_equal(text(&set, a->country), "SI");     /* the first other than it */
	assert_string_equal(text(&set, a->forms), "forced_labour,sexual");
	assert_string_equal(text(&set, a->indicators), "[\"c\"]");
	/* Equal texts share an id. */
	assert_int_equal(a->citizenship, b->country);
	lt_store_export_ctdc_free(&set);

	/* Identified in 2020: person 1's case of that year. */
	read_set(f, 2020, &set);
	assert_int_equal(set.n, 2);
	assert_int_equal(set.rec[0].referral_year, 2020);
	assert_string_equal(text(&set, set.rec[0].indicators), "[\"e\"]");
	assert_null(text(&set, set.rec[0].country));
	assert_string_equal(text(&set, set.rec[1].sex), "male");
	lt_store_export_ctdc_free(&set);

	read_set(f, 2023, &set);
	assert_int_equal(set.n, 0);
	lt_store_export_ctdc_free(&set);
}

/* The export's original SELECT: the definition the store must match. */
static const char reference_sql[] =
	"SELECT c.referral_year, p.sex, coalesce(c.age_at_referral, -1), coalesce(c.is_child, -1), "
	"(SELECT pc.country FROM person_citizenships pc WHERE pc.person_id = c.person_id "
	" ORDER BY pc.country = ?3 DESC, pc.country LIMIT 1), "
	"(SELECT cc.country FROM case_countries cc WHERE cc.case_id = c.id "
	" ORDER BY cc.country = ?3, cc.country LIMIT 1), "
	"(SELECT group_concat(e.form) FROM case_exploitation e WHERE e.case_id = c.id), "
	"(SELECT s.indicators FROM case_screenings s WHERE s.case_id = c.id "
	" ORDER BY s.screening_date DESC, s.id DESC LIMIT 1) "
	"FROM cases c JOIN persons p ON p.id = c.person_id "
	"WHERE c.identification = 'identified' AND c.identification_date BETWEEN ?1 AND ?2 "
	"AND c.id = (SELECT max(c2.id) FROM cases c2 WHERE c2.person_id = c.person_id AND "
	"c2.identification = 'identified' AND c2.identification_date BETWEEN ?1 AND ?2) "
	"ORDER BY c.id";

static uint64_t rng_state;
static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(rng_state >> 33) % n;
}

static void same_text(const char *want, const char *got)
{
	if (!want)
		assert_null(got);
	else
		assert_string_equal(got ? got : "(null)", want);
}

/* Compares the store's records for YEAR with the reference; their number. */
static size_t compare_with_reference(struct fx *f, int64_t year)
{
	struct lt_export_ctdc_set set;
	read_set(f, year, &set);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(f->db, reference_sql, -1, &st, NULL), SQLITE_OK);
	char start[16] = "0000-01-01", end[16] = "9999-12-31";
	if (year) {
		snprintf(start, sizeof(start), "%04lld-01-01", (long long)year);
		snprintf(end, sizeof(end), "%04lld-12-31", (long long)year);
	}
	sqlite3_bind_text(st, 1, start, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, "RS", -1, SQLITE_STATIC);
	size_t i = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		assert_true(i < set.n);
		const struct lt_export_ctdc_rec *x = &set.rec[i++];
		assert_int_equal(x->referral_year, sqlite3_column_int64(st, 0));
		same_text((const char *)sqlite3_column_text(st, 1), text(&set, x->sex));
		assert_int_equal(x->age, sqlite3_column_int64(st, 2));
		assert_int_equal(x->is_child, sqlite3_column_int(st, 3));
		same_text((const char *)sqlite3_column_text(st, 4), text(&set, x->citizenship));
		same_text((const char *)sqlite3_column_text(st, 5), text(&set, x->country));
		same_text((const char *)sqlite3_column_text(st, 6), text(&set, x->forms));
		same_text((const char *)sqlite3_column_text(st, 7), text(&set, x->indicators));
	}
	assert_int_equal(i, set.n);
	sqlite3_finalize(st);
	lt_store_export_ctdc_free(&set);
	return i;
}

/* Property: on random registers (persons with several cases, in any id
 * order; several citizenships and countries, the own one among them or
 * not; screenings on the same date), the store gives the reference rows. */
static void same_rows_as_the_reference_select(void **state)
{
	struct fx *f = *state;
	static const char *const sexes[] = {"female", "male", "other", "unknown"};
	static const char *const countries[] = {"RS", "DE", "AT", "VN", "AL", "BA"};
	static const char *const forms[] = {"sexual", "forced_labour", "forced_begging", "slavery"};
	static const char *const inds[] = {"[]", "[\"debt_bondage\"]", "[\"isolation\",\"deception\"]"};
	rng_state = 7;
	size_t npersons = 150, ncases = 400;
	sql(f, "BEGIN");
	for (size_t p = 1; p <= npersons; p++)
		add_person(f, (int64_t)(p * 7 % 1009 + 1), sexes[rnd(4)]);
	for (size_t p = 1; p <= npersons; p++)
		for (size_t k = 0, n = rnd(4); k < n; k++) {
			char q[160];
			snprintf(q, sizeof(q),
				 "INSERT OR IGNORE INTO person_citizenships(person_id, country) VALUES (%zu, '%s')",
				 p * 7 % 1009 + 1, countries[rnd(6)]);
			sql(f, q);
		}
	int64_t screening = 1;
	for (size_t c = 1; c <= ncases; c++) {
		int64_t id = (int64_t)(c * 13 % 2003 + 1);
		int year = 2019 + (int)rnd(4);
		char date[32];
		snprintf(date, sizeof(date), "%d-0%u-01", year, 1 + rnd(9));
		add_case(f, id, (int64_t)((1 + rnd(npersons)) * 7 % 1009 + 1), year,
			 rnd(5) ? (int)rnd(70) : -1, rnd(5) ? date : NULL);
		for (size_t k = 0, n = rnd(4); k < n; k++) {
			char q[160];
			snprintf(q, sizeof(q),
				 "INSERT OR IGNORE INTO case_countries(case_id, country) VALUES (%lld, '%s')",
				 (long long)id, countries[rnd(6)]);
			sql(f, q);
			snprintf(q, sizeof(q),
				 "INSERT OR IGNORE INTO case_exploitation(case_id, form) VALUES (%lld, '%s')",
				 (long long)id, forms[rnd(4)]);
			sql(f, q);
		}
		for (size_t k = 0, n = rnd(3); k < n; k++) {
			snprintf(date, sizeof(date), "2021-0%u-01", 1 + rnd(3));
			add_screening(f, screening++, id, date, inds[rnd(3)]);
		}
	}
	sql(f, "COMMIT");
	/* Most persons have an identified case, many more than one case. */
	assert_true(compare_with_reference(f, 0) > 100);
	for (int64_t year = 2018; year <= 2023; year++)
		compare_with_reference(f, year);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(choice_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(same_rows_as_the_reference_select, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
