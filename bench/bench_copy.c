/* make bench: what a laptop copy of a 300-person caseload costs on the
 * 100,000-participant database (issue 15): the people are given to one
 * counsellor through the core, then copied with pc_copy_caseload. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "bench.h"
#include "bench_copy.h"
#include "parcours/caseload.h"
#include "parcours/clock.h"
#include "parcours/copy.h"
#include "parcours/expr.h"
#include "parcours/programme.h"
#include "parcours/staff.h"

static void fail(const char *what, struct pc_problems *pr)
{
	fprintf(stderr, "bench: %s failed\n", what);
	for (size_t i = 0; i < pr->len; i++)
		fprintf(stderr, "  %s: %s\n", pr->items[i].where, pr->items[i].message);
	exit(1);
}

void bench_copy(struct pc_ctx *c, const char *dir)
{
	struct pc_problems pr = {0};
	const char *who = "benchcopy";
	size_t want = getenv("BENCH_COPY_PEOPLE") ? strtoul(getenv("BENCH_COPY_PEOPLE"), NULL, 10)
	                                          : 300;
	/* already there from an earlier run: refused, and that is fine */
	pc_staff_add(c, who, "Bench Copy", PC_ROLE_COUNSELLOR, &pr);
	pc_problems_clear(&pr);
	struct pc_participant *people = NULL;
	size_t n = 0;
	if (pc_search(c, "", want, &people, &n, &pr) != PC_OK)
		fail("listing people", &pr);
	double a0 = bench_now_ms();
	size_t moved = 0;
	for (size_t i = 0; i < n; i++) {
		bool changed = false;
		if (pc_assign(c, people[i].file_no, who, NULL, &changed, &pr) != PC_OK)
			fail("assigning the caseload", &pr);
		moved += changed;
	}
	double assign_ms = bench_now_ms() - a0;
	pc_participants_free(&people, n);
	struct pc_ctx k = *c;
	k.login = who;
	double t[3];
	long long size = 0;
	for (int i = 0; i < 3; i++) {
		char dest[4200];
		snprintf(dest, sizeof(dest), "%s/laptop-%d.db", dir, i);
		double t0 = bench_now_ms();
		if (pc_copy_caseload(&k, dest, "BENCH", &pr) != PC_OK)
			fail("the caseload copy", &pr);
		t[i] = bench_now_ms() - t0;
		struct stat sb;
		size = stat(dest, &sb) == 0 ? (long long)sb.st_size : -1;
		remove(dest);
	}
	qsort(t, 3, sizeof(t[0]), bench_cmp_double);
	if (moved)
		printf("| assign %zu people to one counsellor (audited, one by one) | %.0f ms |\n",
		       moved, assign_ms);
	printf("| laptop copy of a %zu-person caseload, median of 3 (file %.1f MB) | %.0f ms |\n", n,
	       size / 1e6, t[1]);
	fflush(stdout);
	pc_problems_clear(&pr);
}

void bench_copy_only(const char *dbpath, const char *forms, const char *dir)
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
	bench_copy(&c, dir);
	pc_store_close(&c.store);
	pc_programmes_free(&c.programmes);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
}
