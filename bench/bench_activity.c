/* make bench: what `report activity` costs on the 100,000-person database.
 * Each count is one grouped statement over a table; the figure says whether
 * that holds at an office's scale. Measured in this run, never typed in. */
#include <stdio.h>
#include <stdlib.h>
#include "parcours/activity.h"
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "parcours/store.h"
#include "bench.h"
#include "bench_activity.h"

static void fail(const char *what, struct pc_problems *pr)
{
	fprintf(stderr, "bench: %s failed\n", what);
	for (size_t i = 0; pr && i < pr->len && i < 5; i++)
		fprintf(stderr, "  %s: %s\n", pr->items[i].where, pr->items[i].message);
	exit(1);
}

static bool count_bytes(void *ctx, const char *data, size_t len)
{
	(void)data;
	*(size_t *)ctx += len;
	return true;
}

void bench_activity(struct pc_ctx *c, int year, long long people)
{
	const char *e = getenv("BENCH_ACTIVITY_ROUNDS");
	int n = e && atoi(e) > 0 && atoi(e) <= 100 ? atoi(e) : 3;
	struct pc_problems pr = {0};
	struct pc_staff me;
	if (pc_staff_me(c, &me, &pr) != PC_OK)
		fail("reading the bench login", &pr);
	unsigned roles = me.roles;
	if (pc_staff_set_roles(c, c->login, roles | PC_ROLE_SUPERVISOR, &pr) != PC_OK)
		fail("making the bench login a supervisor", &pr);
	static const struct {
		enum pc_report_format f;
		const char *name;
	} formats[] = {{PC_REPORT_TEXT, "text"}, {PC_REPORT_CSV, "CSV"}, {PC_REPORT_JSON, "JSON"}};
	for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
		double t[100];
		size_t bytes = 0;
		for (int i = 0; i < n; i++) {
			struct pc_report_out out = {
			    .format = formats[k].f, .write = count_bytes, .ctx = &bytes};
			bytes = 0;
			double t0 = bench_now_ms();
			if (pc_report_activity(c, year, &out, &pr) != PC_OK)
				fail("report activity", &pr);
			t[i] = bench_now_ms() - t0;
		}
		qsort(t, (size_t)n, sizeof(double), bench_cmp_double);
		printf(
		    "| report activity %d, %lld participants, %s (%zu bytes), median of %d (max) "
		    "| %.0f ms (%.0f ms) |\n",
		    year, people, formats[k].name, bytes, n, t[n / 2], t[n - 1]);
	}
	fflush(stdout);
	if (pc_staff_set_roles(c, c->login, roles, &pr) != PC_OK)
		fail("giving the bench login its roles back", &pr);
	pc_staff_clear(&me);
	pc_problems_clear(&pr);
}

void bench_activity_only(const char *dbpath, const char *forms)
{
	struct pc_problems pr = {0};
	struct pc_ctx c = {.login = pc_login()};
	pc_clock_today(c.today);
	char ppath[4096];
	snprintf(ppath, sizeof(ppath), "%s/programmes.yaml", forms);
	if (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
	    pc_programmes_load(ppath, &c.programmes, &pr) ||
	    pc_store_open(dbpath, PC_STORE_CREATE, &c.store, &pr) ||
	    pc_staff_admit(&c, false, NULL, &pr))
		fail("opening the bench database", &pr);
	long long people = pc_store_participant_count(c.store);
	bench_activity(&c, 2026, people);
	pc_store_close(&c.store);
	pc_programmes_free(&c.programmes);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
	pc_problems_clear(&pr);
}
