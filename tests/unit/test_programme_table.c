/* Each shipped programme month by month, against figures worked out by hand
 * from the source documents (not from the code's output):
 * - PAAS Action (paas-action-2011.txt): 80 h a month "au plus tard six mois
 *   après le début", 130 $ to the person "durant la participation", 150 $ a
 *   month to the organisation per person enrolled.
 * - Premières Heures (mie-de-pain-insertion.txt): "d'1 à 72 heures par
 *   mois", the contract's hours as the target, no allowance here.
 * Each row: the month, hours recorded (on its 10th, within the enrolment),
 * and what the month must be; a month outside the enrolment counts none. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/programme.h"
#include "test.h"

struct row {
	const char *period;
	double hours;        /* recorded that month (0: none) */
	double target;       /* expected */
	enum pc_month_status status;
	double person, organisation;
};

static void run(const struct pc_programme *p, const struct pc_enrolment *e,
		const struct row *rows, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		char text[160];
		snprintf(text, sizeof(text),
			 "{\"entries\": [{\"date\": \"%s-10\", \"activity\": \"work\", \"hours\": %g}]}",
			 rows[i].period, rows[i].hours);
		struct pc_json *a = rows[i].hours > 0 ? pc_json_parse(text, strlen(text), NULL, 0) : NULL;
		struct pc_month m;
		pc_month_compute(p, e, rows[i].period, a, &m);
		double want_total = rows[i].status == PC_MONTH_NOT_ENROLLED ? 0 : rows[i].hours;
		bool ok = fabs(m.target - rows[i].target) < 1e-9 && m.status == rows[i].status &&
			  fabs(m.total - want_total) < 1e-9 &&
			  fabs(m.allowance_participant - rows[i].person) < 1e-9 &&
			  fabs(m.allowance_organisation - rows[i].organisation) < 1e-9;
		CHECK(ok);
		if (!ok)
			fprintf(stderr,
				"  %s %s: target %g (want %g), status %s (want %s), total %g, "
				"person %g (want %g), organisation %g (want %g)\n",
				name, rows[i].period, m.target, rows[i].target,
				pc_month_status_name(m.status), pc_month_status_name(rows[i].status),
				m.total, m.allowance_participant, rows[i].person,
				m.allowance_organisation, rows[i].organisation);
		pc_json_free(&a);
	}
}

/* PAAS, started 2026-03-10 with a ramp 20, 40, 60: months 1-3 follow it,
 * months 4-6 take the full 80 (after the ramp's last value), and from month
 * 7 (September) 80 is due whatever happens; the exit on 2026-10-15 ends it
 * after October. */
static void paas_with_ramp(const struct pc_programmes *progs)
{
	const struct pc_programme *p = pc_programme_find(progs, "paas_action");
	CHECK(p != NULL);
	if (!p)
		return;
	struct pc_enrolment e = {.start = "2026-03-10", .end = "2026-10-15", .hours = -1,
				 .ramp = {20, 40, 60}, .nramp = 3};
	static const struct row rows[] = {
		{"2026-02", 10, 0, PC_MONTH_NOT_ENROLLED, 0, 0},
		{"2026-03", 20, 20, PC_MONTH_MET, 130, 150},
		{"2026-04", 39.5, 40, PC_MONTH_BELOW, 130, 150},
		{"2026-05", 0, 60, PC_MONTH_BELOW, 0, 150},
		{"2026-06", 80, 80, PC_MONTH_MET, 130, 150},
		{"2026-07", 79.75, 80, PC_MONTH_BELOW, 130, 150},
		{"2026-08", 90, 80, PC_MONTH_MET, 130, 150},
		{"2026-09", 80, 80, PC_MONTH_MET, 130, 150},
		{"2026-10", 12, 80, PC_MONTH_BELOW, 130, 150},
		{"2026-11", 40, 0, PC_MONTH_NOT_ENROLLED, 0, 0},
	};
	run(p, &e, rows, sizeof(rows) / sizeof(rows[0]), "paas ramp");
}

/* PAAS without a ramp, started 2026-01-31: months 1-6 require nothing (the
 * organisation's 150 $ still runs, the person's 130 $ only with hours),
 * July is month 7 and 80 h are due. */
static void paas_without_ramp(const struct pc_programmes *progs)
{
	const struct pc_programme *p = pc_programme_find(progs, "paas_action");
	if (!p)
		return;
	struct pc_enrolment e = {.start = "2026-01-31", .hours = -1};
	static const struct row rows[] = {
		{"2026-01", 0, 0, PC_MONTH_NOT_REQUIRED, 0, 150},
		{"2026-02", 5, 0, PC_MONTH_NOT_REQUIRED, 130, 150},
		{"2026-06", 0, 0, PC_MONTH_NOT_REQUIRED, 0, 150},
		{"2026-07", 0, 80, PC_MONTH_BELOW, 0, 150},
		{"2026-08", 80, 80, PC_MONTH_MET, 130, 150},
	};
	run(p, &e, rows, sizeof(rows) / sizeof(rows[0]), "paas");
}

/* Premières Heures with a contract of 20 h a month from 2026-05-04: the
 * contract is the target from month 1; no allowance is set by this
 * programme. */
static void premieres_heures(const struct pc_programmes *progs)
{
	const struct pc_programme *p = pc_programme_find(progs, "premieres_heures");
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK(p->hours_per_person && p->hours_min == 1 && p->hours_max == 72);
	struct pc_enrolment e = {.start = "2026-05-04", .hours = 20};
	static const struct row rows[] = {
		{"2026-04", 3, 0, PC_MONTH_NOT_ENROLLED, 0, 0},
		{"2026-05", 19.5, 20, PC_MONTH_BELOW, 0, 0},
		{"2026-06", 20, 20, PC_MONTH_MET, 0, 0},
		{"2026-07", 72, 20, PC_MONTH_MET, 0, 0},
	};
	run(p, &e, rows, sizeof(rows) / sizeof(rows[0]), "premieres_heures");
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char path[512];
	snprintf(path, sizeof(path), "%s/forms/programmes.yaml", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_problems pr = {0};
	struct pc_programmes *progs = NULL;
	CHECK(pc_programmes_load(path, &progs, &pr) == PC_OK);
	pc_problems_clear(&pr);
	paas_with_ramp(progs);
	paas_without_ramp(progs);
	premieres_heures(progs);
	pc_programmes_free(&progs);
	TEST_DONE();
}
