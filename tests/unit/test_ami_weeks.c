/* AMI workshops week by week, against figures worked out by hand from the
 * seed (departement-insertion-preprofessionnelle.txt: "2 à 4 demi-journées
 * par semaine"), not from the code's output. Weeks run Monday to Sunday
 * (ISO) and belong to the month holding their Thursday; a week not wholly
 * inside the enrolment is shown but not judged; above 4 is always said. */
#include <stdio.h>
#include <string.h>
#include "parcours/ami.h"
#include "test.h"

struct want_week {
	const char *monday;
	int iso_week;
	int half_days;
	enum pc_ami_status status;
};

static void check_month(const char *name, const struct pc_ami_month *m, int half_days,
			int below, int above, enum pc_ami_status status,
			const struct want_week *w, size_t nw)
{
	bool ok = m->half_days == half_days && m->weeks_below == below &&
		  m->weeks_above == above && m->status == status && m->nweeks == nw;
	for (size_t i = 0; ok && i < nw; i++)
		ok = !strcmp(m->weeks[i].monday, w[i].monday) &&
		     m->weeks[i].iso_week == w[i].iso_week &&
		     m->weeks[i].half_days == w[i].half_days && m->weeks[i].status == w[i].status;
	CHECK(ok);
	if (ok)
		return;
	fprintf(stderr, "  %s: %d half-days (want %d), %d below (want %d), %d above (want %d), "
		"%s (want %s), %zu weeks (want %zu)\n", name, m->half_days, half_days,
		m->weeks_below, below, m->weeks_above, above, pc_ami_status_name(m->status),
		pc_ami_status_name(status), m->nweeks, nw);
	for (size_t i = 0; i < m->nweeks; i++)
		fprintf(stderr, "    %s W%02d %d %s\n", m->weeks[i].monday, m->weeks[i].iso_week,
			m->weeks[i].half_days, pc_ami_status_name(m->weeks[i].status));
}

/* A person attending since March (enrolled Monday 2026-03-02, still in). */
static const struct pc_ami_halfday spring[] = {
	{"2026-03-30", 0}, {"2026-03-31", 1}, {"2026-04-02", 0},            /* W14: 3 */
	{"2026-04-07", 0},                                                  /* W15: 1 */
	{"2026-04-13", 0}, {"2026-04-13", 1}, {"2026-04-14", 0},
	{"2026-04-15", 0}, {"2026-04-16", 1},                               /* W16: 5 */
	{"2026-04-21", 0}, {"2026-04-21", 0}, {"2026-04-23", 1},            /* W17: 2 (one twice) */
	{"2026-04-28", 0}, {"2026-04-30", 1}, {"2026-05-01", 0}, {"2026-05-02", 0}, /* W18: 4 */
	{"2026-04-09", 0}, {"2026-04-25", 0},                               /* W15, W17 again */
};
enum { NSPRING = sizeof(spring) / sizeof(spring[0]) };

int main(void)
{
	struct pc_ami_month m;

	/* April 2026 starts on a Wednesday: the week of Monday March 30 has
	 * its Thursday (April 2) in April, so April reports it whole (3
	 * half-days, 2 of them in March) and counts in the month only April's
	 * own half-days; the week of April 27 (Thursday the 30th) is April's
	 * too. Month: W14 1 + W15 2 + W16 5 + W17 3 + W18 2 = 13 half-days. */
	CHECK(pc_ami_month_compute(2, 4, "2026-03-02", NULL, "2026-05-15", "2026-04", spring,
				   NSPRING, &m));
	static const struct want_week april[] = {
		{"2026-03-30", 14, 3, PC_AMI_MET},   {"2026-04-06", 15, 2, PC_AMI_MET},
		{"2026-04-13", 16, 5, PC_AMI_ABOVE}, {"2026-04-20", 17, 3, PC_AMI_MET},
		{"2026-04-27", 18, 4, PC_AMI_MET},
	};
	check_month("april", &m, 13, 0, 1, PC_AMI_ABOVE, april, 5);

	/* May 2026: weeks of May 4, 11, 18 and 25 (Thursdays 7 to 28); the week
	 * of April 27 was April's. Today is May 15: the week of May 4 ended
	 * with nothing (below), the others have not ended. In the month: May
	 * 1 and 2 = 2 half-days. */
	CHECK(pc_ami_month_compute(2, 4, "2026-03-02", NULL, "2026-05-15", "2026-05", spring,
				   NSPRING, &m));
	static const struct want_week may[] = {
		{"2026-05-04", 19, 0, PC_AMI_BELOW},
		{"2026-05-11", 20, 0, PC_AMI_IN_PROGRESS},
		{"2026-05-18", 21, 0, PC_AMI_IN_PROGRESS},
		{"2026-05-25", 22, 0, PC_AMI_IN_PROGRESS},
	};
	check_month("may", &m, 2, 1, 0, PC_AMI_BELOW, may, 4);

	/* Enrolled from Wednesday April 8 to Friday April 24: the week of March
	 * 30 has no day inside (left out), that of April 6 is partial (April 7
	 * is before the start and not counted: 1 half-day, not judged), that
	 * of April 13 is whole (5: above), that of April 20 partial (21 and
	 * 23; the 25th is after the exit): 2, not judged. Month: 1 + 5 + 2. */
	CHECK(pc_ami_month_compute(2, 4, "2026-04-08", "2026-04-24", "2026-05-15", "2026-04",
				   spring, NSPRING, &m));
	static const struct want_week mid[] = {
		{"2026-04-06", 15, 1, PC_AMI_PARTIAL},
		{"2026-04-13", 16, 5, PC_AMI_ABOVE},
		{"2026-04-20", 17, 2, PC_AMI_PARTIAL},
	};
	check_month("mid-week start", &m, 8, 0, 1, PC_AMI_ABOVE, mid, 3);

	/* The same person with only one half-day in the week of April 13: that
	 * whole week is below, the partial ones are still not judged. */
	static const struct pc_ami_halfday thin[] = {
		{"2026-04-09", 0}, {"2026-04-14", 1}, {"2026-04-21", 0},
	};
	CHECK(pc_ami_month_compute(2, 4, "2026-04-08", "2026-04-24", "2026-05-15", "2026-04",
				   thin, 3, &m));
	static const struct want_week thin_w[] = {
		{"2026-04-06", 15, 1, PC_AMI_PARTIAL},
		{"2026-04-13", 16, 1, PC_AMI_BELOW},
		{"2026-04-20", 17, 1, PC_AMI_PARTIAL},
	};
	check_month("thin", &m, 3, 1, 0, PC_AMI_BELOW, thin_w, 3);

	/* Enrolled on Wednesday April 29: April holds only the partial week of
	 * April 27, so no week of April is judged. */
	CHECK(pc_ami_month_compute(2, 4, "2026-04-29", NULL, "2026-05-15", "2026-04", spring,
				   NSPRING, &m));
	static const struct want_week late[] = {{"2026-04-27", 18, 3, PC_AMI_PARTIAL}};
	check_month("late start", &m, 1, 0, 0, PC_AMI_NO_WEEK, late, 1);

	/* The turn of the year: 2026-12-31 is a Thursday, so the week of
	 * Monday December 28 is week 53 of 2026 and December's; January 2027
	 * (a Friday) starts with the week of January 4, week 1. */
	static const struct pc_ami_halfday turn[] = {
		{"2026-12-29", 0}, {"2027-01-01", 0}, {"2027-01-05", 1},
	};
	CHECK(pc_ami_month_compute(2, 4, "2026-11-30", NULL, "2027-02-15", "2026-12", turn, 3,
				   &m));
	CHECK(m.nweeks == 5 && m.weeks[4].iso_week == 53 && m.weeks[4].iso_year == 2026 &&
	      !strcmp(m.weeks[4].sunday, "2027-01-03") && m.weeks[4].half_days == 2 &&
	      m.half_days == 1);
	CHECK(pc_ami_month_compute(2, 4, "2026-11-30", NULL, "2027-02-15", "2027-01", turn, 3,
				   &m));
	CHECK(m.nweeks == 4 && m.weeks[0].iso_week == 1 && m.weeks[0].iso_year == 2027 &&
	      !strcmp(m.weeks[0].monday, "2027-01-04") && m.weeks[0].half_days == 1 &&
	      m.weeks[0].status == PC_AMI_BELOW && m.half_days == 2);

	/* what is not a date or a half-day */
	CHECK(!pc_ami_month_compute(2, 4, "2026-02-30", NULL, "2026-05-15", "2026-04", NULL, 0, &m));
	CHECK(!pc_ami_month_compute(2, 4, "2026-03-02", NULL, "2026-05-15", "2026-13", NULL, 0, &m));
	CHECK(pc_ami_half_parse("am") == 0 && pc_ami_half_parse("pm") == 1 &&
	      pc_ami_half_parse("AM") == -1 && pc_ami_half_parse("") == -1);
	TEST_DONE();
}
