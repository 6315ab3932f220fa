/* The CTDC microdata reader (src/domain/ctdc_row.c): CSV records with
 * their line numbers, the header mapped to the CTDC variables, each code
 * checked and named by its column on a fault, and the groups a row counts
 * in. Synthetic values only. */
#include "lt_test.h"
#include "domain/ctdc.h"
#include "domain/ctdc_row.h"
#include "base/str.h"

/* Reads every record of TEXT; returns how many, the last in *LAST. */
static size_t read_all(const char *text, struct lt_ctdc_fields *last, lt_err *end)
{
	struct lt_ctdc_csv r;
	struct lt_problem p;
	lt_problem_init(&p);
	lt_ctdc_csv_init(&r, text, strlen(text));
	size_t n = 0;
	lt_err rc;
	while (!(rc = lt_ctdc_csv_next(&r, last, &p)))
		n++;
	*end = rc;
	return n;
}

static void csv_records_and_lines(void **state)
{
	(void)state;
	struct lt_ctdc_fields *f = malloc(sizeof(*f));
	lt_err end;
	assert_int_equal(read_all("\xEF\xBB\xBF" "a,b\r\n1,\"x, \"\"y\"\"\"\n\"multi\nline\",2\n3,\n", f,
				  &end),
			 4);
	assert_int_equal(end, LT_ERR_NOT_FOUND);
	/* The last record starts on line 5: the quoted line break counts. */
	assert_int_equal(f->line, 5);
	assert_int_equal(f->n, 2);
	assert_string_equal(f->f[0], "3");
	assert_string_equal(f->f[1], "");

	struct lt_ctdc_csv r;
	struct lt_problem p;
	lt_problem_init(&p);
	const char *two = "a,b\n1,\"x, \"\"y\"\"\"\n";
	lt_ctdc_csv_init(&r, two, strlen(two));
	assert_int_equal(lt_ctdc_csv_next(&r, f, &p), LT_OK);
	assert_int_equal(lt_ctdc_csv_next(&r, f, &p), LT_OK);
	assert_int_equal(f->line, 2);
	assert_string_equal(f->f[1], "x, \"y\"");

	const char *bad[] = {"a,\"open\n", "a,\"x\"y\n", "a\0b\n"};
	size_t lens[] = {strlen(bad[0]), strlen(bad[1]), 4};
	for (size_t i = 0; i < 3; i++) {
		lt_problem_init(&p);
		lt_ctdc_csv_init(&r, bad[i], lens[i]);
		assert_int_equal(lt_ctdc_csv_next(&r, f, &p), LT_ERR_INVALID);
		assert_true(p.detail[0] != '\0');
	}
	free(f);
}

/* The header the export writes, with the variables in its order. */
static void same_variables_as_the_export(void **state)
{
	(void)state;
	struct lt_problem p;
	lt_problem_init(&p);
	assert_int_equal(lt_ctdc_init(&p), LT_OK);
	const char *h = lt_ctdc_header();
	for (size_t i = 0; i < LT_CTDC_VARS; i++) {
		size_t len = strcspn(h, ",\n");
		assert_int_equal(len, strlen(lt_ctdc_var_name(i)));
		assert_memory_equal(h, lt_ctdc_var_name(i), len);
		h += len + 1;
	}
	assert_string_equal(lt_ctdc_var_name(LT_CV_COUNTRY), "CountryOfExploitation");
	assert_string_equal(lt_ctdc_var_name(LT_CV_ILLICIT), "typeOfLabourIllicitActivities");
	assert_string_equal(lt_ctdc_var_name(LT_CV_SLAVERY), "isSlaveryAndPractices");
	assert_string_equal(lt_ctdc_var_name(LT_CTDC_VARS), "");
}

static const char header[] = "yearOfRegistration,gender,ageBroad,majorityStatus,citizenship,"
			     "CountryOfExploitation,isForcedLabour,isSexualExploit,isOtherExploit,"
			     "typeOfLabourIllicitActivities,extraColumn,notes\n";

/* Reads HEADER and then ROW; the status of the row. */
static lt_err read_row(const char *row, struct lt_ctdc_layout *lay, struct lt_ctdc_fields *f,
		       struct lt_ctdc_record *rec, struct lt_problem *p)
{
	char text[1024];
	snprintf(text, sizeof(text), "%s%s\n", header, row);
	struct lt_ctdc_csv r;
	lt_ctdc_csv_init(&r, text, strlen(text));
	lt_problem_init(p);
	assert_int_equal(lt_ctdc_csv_next(&r, f, p), LT_OK);
	assert_int_equal(lt_ctdc_layout_read(f, lay, p), LT_OK);
	assert_int_equal(lt_ctdc_csv_next(&r, f, p), LT_OK);
	return lt_ctdc_record_read(lay, f, rec, p);
}

static void rows_checked_by_column(void **state)
{
	(void)state;
	struct lt_ctdc_fields *f = malloc(sizeof(*f));
	struct lt_ctdc_layout lay;
	struct lt_ctdc_record rec;
	struct lt_problem p;
	assert_int_equal(read_row("2021,Female,9--17,Minor,VN,RS,1,1,0,0,x,y", &lay, f, &rec, &p),
			 LT_OK);
	assert_int_equal(lay.nunknown, 2);
	assert_string_equal(lay.unknown, "extraColumn, notes");
	assert_int_equal(rec.registration_year, 2021);
	assert_string_equal(rec.value[LT_CV_CITIZENSHIP], "VN");
	assert_string_equal(rec.value[LT_CV_MARRIAGE], "-99"); /* absent column */
	struct lt_buf b;
	lt_buf_init(&b, 0);
	assert_int_equal(lt_ctdc_record_codes(&rec, &b), LT_OK);
	assert_true(lt_str_starts(b.data, "2021,-99,Female,9--17,Minor,-99,-99,VN,"));
	lt_buf_release(&b);

	/* Generalised values the export may write, and the two kinds of unknown. */
	assert_int_equal(read_row("-99,Unknown,18--29,-99,Southern Europe,Europe,-99,Unknown,0,0,,",
				  &lay, f, &rec, &p),
			 LT_OK);
	assert_int_equal(rec.registration_year, 0);

	struct {
		const char *row, *column;
	} bad[] = {
		{"2021,Woman,9--17,Minor,VN,RS,1,1,0,0,,", "gender"},
		{"21,Female,9--17,Minor,VN,RS,1,1,0,0,,", "yearOfRegistration"},
		{"2021,Female,9-17,Minor,VN,RS,1,1,0,0,,", "ageBroad"},
		{"2021,Female,9--17,minor,VN,RS,1,1,0,0,,", "majorityStatus"},
		{"2021,Female,9--17,Minor,Viet Nam,RS,1,1,0,0,,", "citizenship"},
		{"2021,Female,9--17,Minor,VN,XX,1,1,0,0,,", "CountryOfExploitation"},
		{"2021,Female,9--17,Minor,VN,RS,yes,1,0,0,,", "isForcedLabour"},
		{"2021,Female,9--17,Minor,VN,RS,1,,0,0,,", "isSexualExploit"},
		{"2021,Female,9--17,Minor,VN,RS,1,1,0,0,", "record"},
	};
	for (size_t i = 0; i < LT_ARRAY_LEN(bad); i++) {
		assert_int_equal(read_row(bad[i].row, &lay, f, &rec, &p), LT_ERR_INVALID);
		assert_int_equal(p.nfields, 1);
		assert_string_equal(p.fields[0].field, bad[i].column);
	}
	free(f);
}

static void header_faults(void **state)
{
	(void)state;
	struct lt_ctdc_fields *f = malloc(sizeof(*f));
	struct lt_ctdc_layout lay;
	struct lt_problem p;
	struct lt_ctdc_csv r;
	const char *dup = "gender,gender\n";
	lt_problem_init(&p);
	lt_ctdc_csv_init(&r, dup, strlen(dup));
	assert_int_equal(lt_ctdc_csv_next(&r, f, &p), LT_OK);
	assert_int_equal(lt_ctdc_layout_read(f, &lay, &p), LT_ERR_INVALID);
	assert_string_equal(p.fields[0].field, "gender");
	const char *lacking = "yearOfRegistration,gender,ageBroad,majorityStatus,citizenship\n";
	lt_problem_init(&p);
	lt_ctdc_csv_init(&r, lacking, strlen(lacking));
	assert_int_equal(lt_ctdc_csv_next(&r, f, &p), LT_OK);
	assert_int_equal(lt_ctdc_layout_read(f, &lay, &p), LT_ERR_INVALID);
	assert_string_equal(p.fields[0].field, "isForcedLabour"); /* the first in the dataset's order */
	free(f);
}

static void groups(void **state)
{
	(void)state;
	struct lt_ctdc_groups g;
	struct lt_ctdc_codes c = {"Female", "9--17", "Minor", "RS", "DE", "0", "1", "0",
				  "-99",    "-99",   "-99",   "-99", "0"};
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.expl, LT_EXPL_SEXUAL);
	assert_int_equal(g.sex_age, LT_SA_GIRLS);
	assert_true(g.child);
	assert_int_equal(g.nationality, LT_CTDC_NATIONAL);
	assert_true(g.national_abroad);

	/* Forced criminality as Lantern exports it; with labour, multiple. */
	c.other = "1";
	c.illicit = "1";
	c.sexual = "0";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.expl, LT_EXPL_CRIMINALITY);
	c.forced_labour = "1";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.expl, LT_EXPL_MULTIPLE);
	/* Illicit activities as a CTDC labour type (isOtherExploit 0): labour. */
	c.other = "0";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.expl, LT_EXPL_LABOUR);
	c.forced_labour = c.illicit = "0";
	c.marriage = "1";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.expl, LT_EXPL_OTHER);
	c.marriage = "-99";
	c.forced_labour = c.sexual = c.other = "-99";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.expl, LT_EXPL_UNKNOWN);

	/* Age from the band when majorityStatus is missing; gender unknown. */
	c.majority = "-99";
	c.age = "30--38";
	c.gender = "Unknown";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_false(g.child);
	assert_int_equal(g.sex_age, LT_SA_UNKNOWN);
	c.gender = "Male";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.sex_age, LT_SA_MEN);
	c.age = "-99";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.sex_age, LT_SA_UNKNOWN);

	/* Citizenship: foreign, unknown, and regions with or without RS. */
	c.citizenship = "VN";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.nationality, LT_CTDC_FOREIGN);
	assert_false(g.national_abroad);
	c.citizenship = "ZZ";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.nationality, LT_CTDC_NAT_UNKNOWN);
	c.citizenship = "South-eastern Asia";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.nationality, LT_CTDC_FOREIGN);
	c.citizenship = "Southern Europe";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_int_equal(g.nationality, LT_CTDC_NAT_UNKNOWN);
	/* A national exploited at home, or in a region that includes home. */
	c.citizenship = "RS";
	c.country = "RS";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_false(g.national_abroad);
	c.country = "Europe";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_false(g.national_abroad);
	c.country = "Asia";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_true(g.national_abroad);
	c.country = "-99";
	lt_ctdc_groups_of(&c, "RS", &g);
	assert_true(g.country_unknown);
	assert_false(g.national_abroad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_records_and_lines),
		cmocka_unit_test(same_variables_as_the_export),
		cmocka_unit_test(rows_checked_by_column),
		cmocka_unit_test(header_faults),
		cmocka_unit_test(groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
