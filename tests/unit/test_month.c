/* The rules of a participation month: month numbering (calendar months,
 * the start month is 1), ramp-up edges, the full target "at the latest" in
 * month 7, per-person targets, exits, hours in minutes, allowances; and the
 * shipped programmes.yaml. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/programme.h"
#include "test.h"

static struct pc_programmes *progs;

static struct pc_json *answers(const char *text)
{
	return pc_json_parse(text, strlen(text), NULL, 0);
}

static void test_month_numbers(void)
{
	struct pc_enrolment e = {.start = "2026-01-15", .hours = -1};
	CHECK(pc_programme_month(&e, "2025-12") == 0);
	CHECK(pc_programme_month(&e, "2026-01") == 1);
	CHECK(pc_programme_month(&e, "2026-02") == 2); /* the brief's own example */
	CHECK(pc_programme_month(&e, "2026-07") == 7);
	CHECK(pc_programme_month(&e, "2027-01") == 13);
	/* a start on the 31st: February (no 31st) is still month 2 */
	struct pc_enrolment e31 = {.start = "2026-01-31", .hours = -1};
	CHECK(pc_programme_month(&e31, "2026-02") == 2);
	CHECK(pc_programme_month(&e31, "2026-03") == 3);
	/* a start on the last day of a leap February */
	struct pc_enrolment leap = {.start = "2028-02-29", .hours = -1};
	CHECK(pc_programme_month(&leap, "2028-02") == 1);
	CHECK(pc_programme_month(&leap, "2028-03") == 2);
	CHECK(pc_programme_month(&leap, "2029-02") == 13);
	/* exit mid-month: that month still counts, the next does not */
	struct pc_enrolment out = {.start = "2026-01-15", .end = "2026-04-10", .hours = -1};
	CHECK(pc_programme_month(&out, "2026-04") == 4);
	CHECK(pc_programme_month(&out, "2026-05") == 0);
	/* bad periods */
	CHECK(pc_programme_month(&e, "2026-13") == 0);
	CHECK(pc_programme_month(&e, "2026-1") == 0);
	CHECK(pc_programme_month(&e, "garbage") == 0);
}

static void test_targets(void)
{
	const struct pc_programme *paas = pc_programme_find(progs, "paas_action");
	CHECK(paas != NULL);
	if (!paas)
		return;
	CHECK(paas->target_hours == 80 && paas->full_from_month == 7);
	struct pc_enrolment e = {.start = "2026-01-15", .hours = -1};
	/* no ramp: months 1-6 not required, 80 from month 7 */
	CHECK(pc_programme_target(paas, &e, 1) == 0);
	CHECK(pc_programme_target(paas, &e, 6) == 0);
	CHECK(pc_programme_target(paas, &e, 7) == 80);
	CHECK(pc_programme_target(paas, &e, 30) == 80);
	/* a ramp gives months 1, 2, 3...; after its last value the full target */
	struct pc_enrolment r = {.start = "2026-01-15", .hours = -1, .ramp = {20, 40, 60}, .nramp = 3};
	CHECK(pc_programme_target(paas, &r, 1) == 20);
	CHECK(pc_programme_target(paas, &r, 3) == 60);
	CHECK(pc_programme_target(paas, &r, 4) == 80);
	/* a long ramp cannot delay the full target past month 7 */
	struct pc_enrolment slow = {.start = "2026-01-15", .hours = -1,
				    .ramp = {10, 10, 10, 10, 10, 10, 10, 10, 10}, .nramp = 9};
	CHECK(pc_programme_target(paas, &slow, 6) == 10);
	CHECK(pc_programme_target(paas, &slow, 7) == 80);
	CHECK(pc_programme_target(paas, &slow, 9) == 80);
	CHECK(pc_programme_target(paas, &e, 0) == 0);
	/* per-person contract: the person's hours from month 1 */
	const struct pc_programme *ph = pc_programme_find(progs, "premieres_heures");
	CHECK(ph && ph->hours_per_person && ph->hours_min == 1 && ph->hours_max == 72);
	struct pc_enrolment c = {.start = "2026-01-15", .hours = 12.5};
	CHECK(ph && pc_programme_target(ph, &c, 1) == 12.5);
	/* AMI: hours counted, no target */
	const struct pc_programme *ami = pc_programme_find(progs, "ami");
	CHECK(ami && ami->sessions_min == 2 && ami->sessions_max == 4);
	CHECK(ami && pc_programme_target(ami, &e, 3) == 0);
}

static void test_compute(void)
{
	const struct pc_programme *paas = pc_programme_find(progs, "paas_action");
	if (!paas)
		return;
	struct pc_enrolment e = {.start = "2026-01-15", .hours = -1, .ramp = {20, 40}, .nramp = 2};
	/* 3:20 + 3:40 is exactly 7 h; 2.5 training; 74 social; an unknown category */
	struct pc_json *a = answers(
		"{\"entries\": [{\"date\": \"2026-02-02\", \"activity\": \"work\", \"hours\": 3.33333333333333},"
		" {\"date\": \"2026-02-03\", \"activity\": \"work\", \"hours\": 3.66666666666667},"
		" {\"date\": \"2026-02-04\", \"activity\": \"training\", \"hours\": 2.5},"
		" {\"date\": \"2026-02-05\", \"activity\": \"knitting\", \"hours\": 1}],"
		" \"childcare_costs\": 20, \"transport_costs\": 12.5}");
	struct pc_month m;
	pc_month_compute(paas, &e, "2026-02", a, &m);
	CHECK(m.month == 2 && m.target == 40);
	CHECK(fabs(m.hours[0] - 7.0) < 1e-9);
	CHECK(m.hours[1] == 2.5 && m.hours[2] == 0);
	CHECK(fabs(m.total - 9.5) < 1e-9 && m.other_hours == 1);
	CHECK(m.status == PC_MONTH_BELOW);
	CHECK(m.allowance_participant == 130 && m.allowance_organisation == 150);
	CHECK(m.extra_costs == 32.5);
	/* met exactly at the target */
	struct pc_json *b = answers("{\"entries\": [{\"activity\": \"social\", \"hours\": 20}]}");
	pc_month_compute(paas, &e, "2026-01", b, &m);
	CHECK(m.status == PC_MONTH_MET && m.target == 20);
	/* no hours: not required month, no participant allowance, org still paid */
	struct pc_enrolment none = {.start = "2026-01-15", .hours = -1};
	pc_month_compute(paas, &none, "2026-03", NULL, &m);
	CHECK(m.status == PC_MONTH_NOT_REQUIRED && m.total == 0);
	CHECK(m.allowance_participant == 0 && m.allowance_organisation == 150);
	/* outside the enrolment */
	pc_month_compute(paas, &none, "2025-12", b, &m);
	CHECK(m.status == PC_MONTH_NOT_ENROLLED && m.allowance_organisation == 0);
	/* rows before the start day (Jan 15) or after the exit (Mar 10) are not
	 * counted: month 1 has 20 - 6 = 14 h of 20, month 3 has 5 h */
	struct pc_enrolment ended = {.start = "2026-01-15", .end = "2026-03-10", .hours = -1,
				     .ramp = {20, 40}, .nramp = 2};
	struct pc_json *c = answers(
		"{\"entries\": [{\"date\": \"2026-01-14\", \"activity\": \"work\", \"hours\": 6},"
		" {\"date\": \"2026-01-15\", \"activity\": \"work\", \"hours\": 14}]}");
	pc_month_compute(paas, &ended, "2026-01", c, &m);
	CHECK(m.total == 14 && m.outside_hours == 6 && m.status == PC_MONTH_BELOW);
	struct pc_json *d = answers(
		"{\"entries\": [{\"date\": \"2026-03-10\", \"activity\": \"work\", \"hours\": 5},"
		" {\"date\": \"2026-03-11\", \"activity\": \"work\", \"hours\": 7}]}");
	pc_month_compute(paas, &ended, "2026-03", d, &m);
	CHECK(m.total == 5 && m.outside_hours == 7);
	pc_json_free(&c);
	pc_json_free(&d);
	CHECK(!strcmp(pc_month_status_name(PC_MONTH_BELOW), "below"));
	CHECK(!strcmp(pc_month_status_name(PC_MONTH_NOT_REQUIRED), "not_required"));
	pc_json_free(&a);
	pc_json_free(&b);
}

static void test_ramp_parse(void)
{
	double r[PC_RAMP_MAX];
	size_t n = 0;
	struct pc_problems pr = {0};
	CHECK(pc_ramp_parse("20,40,60,80", r, &n, "ramp", &pr) && n == 4 && r[3] == 80);
	CHECK(pc_ramp_parse("10:30,20", r, &n, "ramp", &pr) && n == 2 && r[0] == 10.5);
	CHECK(!pc_ramp_parse("20,,40", r, &n, "ramp", &pr));
	CHECK(!pc_ramp_parse("20,abc", r, &n, "ramp", &pr));
	CHECK(!pc_ramp_parse("1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", r, &n, "ramp", &pr));
	CHECK(pr.len == 3);
	pc_problems_clear(&pr);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char path[512];
	snprintf(path, sizeof(path), "%s/forms/programmes.yaml", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_problems pr = {0};
	CHECK(pc_programmes_load(path, &progs, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	test_month_numbers();
	test_targets();
	test_compute();
	test_ramp_parse();
	pc_programmes_free(&progs);
	TEST_DONE();
}
