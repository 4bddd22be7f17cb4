/* The date rules of what is due (due.h): days between dates across month
 * ends and leap days, yearly evaluations counted from the enrolment's
 * start, the last evaluation's own next date, and an exit ending it all;
 * then the list itself on a real SQLite file with the shipped forms. */
#include <stdlib.h>
#include <unistd.h>
#include "parcours/due.h"
#include "parcours/entry.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "test.h"

static char db[256], forms[256];

static void test_days(void)
{
	long a, b;
	CHECK(pc_date_days("1970-01-01", &a) && a == 0);
	CHECK(pc_date_days("2024-02-28", &a) && pc_date_days("2024-03-01", &b) && b - a == 2);
	CHECK(pc_date_days("2026-02-28", &a) && pc_date_days("2026-03-01", &b) && b - a == 1);
	CHECK(pc_date_days("2025-12-31", &a) && pc_date_days("2026-01-01", &b) && b - a == 1);
	CHECK(!pc_date_days("2026-02-29", &a));
	CHECK(!pc_date_days("2026-13-01", &a));
	CHECK(!pc_date_days("2026-1-01", &a));
	CHECK(!pc_date_days(NULL, &a));
	char out[11];
	CHECK(pc_date_add_days("2026-01-31", 1, out));
	CHECK_STR(out, "2026-02-01");
	CHECK(pc_date_add_days("2024-02-28", 1, out));
	CHECK_STR(out, "2024-02-29");
	CHECK(pc_date_add_days("2026-03-01", -1, out));
	CHECK_STR(out, "2026-02-28");
	CHECK(pc_date_add_days("2026-03-15", 30, out));
	CHECK_STR(out, "2026-04-14");
	CHECK(pc_date_add_days("2026-12-31", -365, out));
	CHECK_STR(out, "2025-12-31");
	CHECK(!pc_date_add_days("2026-02-30", 1, out));
}

static void test_years(void)
{
	char out[11];
	CHECK(pc_date_add_years("2025-03-15", 1, out));
	CHECK_STR(out, "2026-03-15");
	/* A start on Feb 29 is due on Feb 28 of a year without one, Feb 29 in
	 * the next leap year: never Mar 1. */
	CHECK(pc_date_add_years("2024-02-29", 1, out));
	CHECK_STR(out, "2025-02-28");
	CHECK(pc_date_add_years("2024-02-29", 4, out));
	CHECK_STR(out, "2028-02-29");
	CHECK(pc_date_add_years("2025-12-31", 1, out));
	CHECK_STR(out, "2026-12-31");
	CHECK(!pc_date_add_years("2025-02-29", 1, out));
}

static void test_evaluation(void)
{
	char out[11];
	/* No evaluation yet: a year after the start. */
	CHECK(pc_due_evaluation_date("2025-04-10", NULL, NULL, NULL, out));
	CHECK_STR(out, "2026-04-10");
	/* Evaluated before the anniversary: the next anniversary after it. */
	CHECK(pc_due_evaluation_date("2025-04-10", NULL, "2026-03-20", NULL, out));
	CHECK_STR(out, "2027-04-10");
	/* Evaluated late, after the anniversary: still yearly from the start. */
	CHECK(pc_due_evaluation_date("2024-04-10", NULL, "2025-05-02", NULL, out));
	CHECK_STR(out, "2026-04-10");
	/* Evaluated on the anniversary: that one is done. */
	CHECK(pc_due_evaluation_date("2024-04-10", NULL, "2025-04-10", NULL, out));
	CHECK_STR(out, "2026-04-10");
	/* The last evaluation's next date wins when earlier. */
	CHECK(pc_due_evaluation_date("2025-04-10", NULL, "2026-03-20", "2026-09-20", out));
	CHECK_STR(out, "2026-09-20");
	/* ... never when later. */
	CHECK(pc_due_evaluation_date("2025-04-10", NULL, "2026-03-20", "2027-09-20", out));
	CHECK_STR(out, "2027-04-10");
	/* A next date without any evaluation means nothing. */
	CHECK(pc_due_evaluation_date("2025-04-10", NULL, NULL, "2025-06-01", out));
	CHECK_STR(out, "2026-04-10");
	/* Leap days: started Feb 29, evaluated on Feb 28, 2025, due Feb 28, 2026
	 * then Feb 29, 2028 (counted from the start, never drifting). */
	CHECK(pc_due_evaluation_date("2024-02-29", NULL, NULL, NULL, out));
	CHECK_STR(out, "2025-02-28");
	CHECK(pc_due_evaluation_date("2024-02-29", NULL, "2025-02-28", NULL, out));
	CHECK_STR(out, "2026-02-28");
	CHECK(pc_due_evaluation_date("2024-02-29", NULL, "2027-02-28", NULL, out));
	CHECK_STR(out, "2028-02-29");
	/* Month ends: a start on Jan 31 stays on Jan 31. */
	CHECK(pc_due_evaluation_date("2025-01-31", NULL, "2026-01-31", NULL, out));
	CHECK_STR(out, "2027-01-31");
	/* An exit ends what is due; a start that is not a date gives nothing. */
	CHECK(!pc_due_evaluation_date("2025-04-10", "2026-01-15", NULL, NULL, out));
	CHECK(!pc_due_evaluation_date("2025-04-10", "2026-01-15", "2025-12-01", "2026-02-01", out));
	CHECK(!pc_due_evaluation_date(NULL, NULL, NULL, NULL, out));
	CHECK(!pc_due_evaluation_date("2025-13-10", NULL, NULL, NULL, out));
}

static bool open_ctx(struct pc_ctx *c, const char *today)
{
	struct pc_problems pr = {0};
	memset(c, 0, sizeof(*c));
	c->login = "alice";
	strcpy(c->today, today);
	char programmes[600];
	snprintf(programmes, sizeof(programmes), "%s/programmes.yaml", forms);
	bool ok = pc_programmes_load(programmes, &c->programmes, &pr) == PC_OK &&
	          pc_expr_open(&c->expr, &pr) == PC_OK &&
	          pc_formset_load(forms, c->expr, &c->forms, &pr) == PC_OK &&
	          pc_store_open(db, PC_STORE_CREATE, &c->store, &pr) == PC_OK &&
	          pc_staff_admit(c, true, NULL, &pr) == PC_OK;
	for (size_t i = 0; !ok && i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	return ok;
}

static void close_ctx(struct pc_ctx *c)
{
	pc_store_close(&c->store);
	pc_programmes_free(&c->programmes);
	pc_formset_free(&c->forms);
	pc_expr_close(&c->expr);
}

/* How many items of `kind` the list holds, and the date of the first. */
static size_t count(const struct pc_due_list *l, enum pc_due_kind kind, const char **date)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i].kind == kind && !n++ && date)
			*date = l->items[i].date;
	return n;
}

/* The list on a real file with the shipped forms: a start on Feb 29 is
 * due for its evaluation on Feb 28; an exit ends everything. */
static void test_list(void)
{
	struct pc_ctx c;
	struct pc_problems pr = {0};
	CHECK(open_ctx(&c, "2025-02-10"));
	const char *intake = "{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\","
	                     "\"birth_date\":\"1985-03-02\",\"consent_date\":\"2024-02-01\","
	                     "\"income_source\":\"last_resort\",\"far_from_labour_market\":\"oui\",\"employment_barriers\":\"oui\","
	                     "\"consent_sharing\":\"oui\"}";
	struct pc_json *in = pc_json_parse(intake, strlen(intake), NULL, 0);
	char *file_no = NULL;
	CHECK(in && pc_intake_add(&c, in, &file_no, &pr) == PC_OK);
	pc_json_free(&in);
	CHECK(file_no &&
	      pc_enrol(&c, file_no, "paas_action", "2024-02-29", NULL, NULL, NULL, NULL, &pr) == PC_OK);
	const char *meeting = "{\"meeting_date\":\"2025-02-03\",\"kind\":\"phone\","
	                      "\"summary\":\"Un\",\"next_meeting\":\"2025-02-07\"}";
	struct pc_json *m = pc_json_parse(meeting, strlen(meeting), NULL, 0);
	long long id = 0, rev = 0;
	CHECK(m && file_no &&
	      pc_entry_save(&c, "followup", file_no, 0, m, 0, &id, &rev, &pr) == PC_OK);
	pc_json_free(&m);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);

	struct pc_due_list l;
	const char *date = NULL;
	CHECK(pc_due_list(&c, NULL, 0, &l, &pr) == PC_OK);
	CHECK(count(&l, PC_DUE_EVALUATION, &date) == 1);
	CHECK_STR(date, "2025-02-28");
	CHECK(count(&l, PC_DUE_FOLLOWUP, &date) == 1);
	CHECK_STR(date, "2025-02-07");
	CHECK(l.n && l.items[0].kind == PC_DUE_FOLLOWUP && l.items[0].late == 3);
	CHECK(count(&l, PC_DUE_QUIET, NULL) == 0);
	pc_due_list_clear(&l);
	/* a month on, the meeting is 30 days old */
	strcpy(c.today, "2025-03-05");
	CHECK(pc_due_list(&c, NULL, 0, &l, &pr) == PC_OK);
	CHECK(count(&l, PC_DUE_QUIET, &date) == 1);
	CHECK_STR(date, "2025-03-05");
	CHECK(count(&l, PC_DUE_EVALUATION, &date) == 1);
	CHECK(l.n && l.items[l.n - 1].kind >= PC_DUE_QUIET);
	pc_due_list_clear(&l);

	/* an exit ends what is due */
	CHECK(file_no && pc_leave(&c, file_no, "2025-03-01", "employment", &pr) == PC_OK);
	CHECK(pc_due_list(&c, NULL, 30, &l, &pr) == PC_OK);
	CHECK(l.n == 0);
	pc_due_list_clear(&l);
	/* someone else's caseload may be asked by a supervisor; a counsellor is refused */
	CHECK(pc_staff_add(&c, "elise", "Élise", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	c.login = "elise";
	CHECK(pc_due_list(&c, "alice", 0, &l, &pr) == PC_REFUSED);
	CHECK(pc_due_list(&c, NULL, 0, &l, &pr) == PC_OK && l.n == 0);
	pc_due_list_clear(&l);
	pc_problems_clear(&pr);
	free(file_no);
	close_ctx(&c);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-due-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/d.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	test_list();
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	test_days();
	test_years();
	test_evaluation();
	TEST_DONE();
}
