/* The date rules of what is due (due.h): days between dates across month
 * ends and leap days, yearly evaluations counted from the enrolment's
 * start, the last evaluation's own next date, and an exit ending it all. */
#include "parcours/due.h"
#include "test.h"

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

int main(void)
{
	test_days();
	test_years();
	test_evaluation();
	TEST_DONE();
}
