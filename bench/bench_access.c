/* make bench: the cost of the permission check and of the audit entry,
 * against what they guard: a save (one durable commit, which the entry
 * shares) and the opening of a file (a read, which the entry turns into a
 * write of its own). Figures are measured in this run, never typed in. */
#include <stdio.h>
#include <stdlib.h>
#include "parcours/audit.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "parcours/store.h"
#include "bench.h"
#include "bench_access.h"

static void fail(const char *what, struct pc_problems *pr)
{
	fprintf(stderr, "bench: %s failed\n", what);
	for (size_t i = 0; i < pr->len && i < 5; i++)
		fprintf(stderr, "  %s: %s\n", pr->items[i].where, pr->items[i].message);
	exit(1);
}

/* Median and 95th percentile of v[0..n), sorted in place. */
static void stats(double *v, size_t n, double *med, double *p95)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	*med = v[n / 2];
	*p95 = v[(size_t)(0.95 * (double)(n - 1) + 0.5)];
}

static void row(const char *what, size_t n, double *v, double scale, const char *unit)
{
	double med, p95;
	stats(v, n, &med, &p95);
	printf("| %s, median of %zu (p95) | %.*f %s (%.*f %s) |\n", what, n, scale > 1 ? 1 : 2,
	       med * scale, unit, scale > 1 ? 1 : 2, p95 * scale, unit);
}

void bench_access(struct pc_ctx *c, const char *form_id, const char *file_no,
                  struct pc_json *(*answers)(int k))
{
	const char *e = getenv("BENCH_ACCESS_ROUNDS");
	size_t n = e && atoi(e) > 10 ? (size_t)atoi(e) : 1000;
	double *t = calloc(n, sizeof(*t));
	struct pc_problems pr = {0};
	struct pc_staff me;
	struct pc_participant p;
	struct pc_buf out = {0};
	if (!t)
		fail("calloc", &pr);
	if (pc_staff_me(c, &me, &pr) != PC_OK)
		fail("reading the bench login", &pr);
	unsigned roles = me.roles;
	if (pc_staff_set_roles(c, c->login, roles | PC_ROLE_SUPERVISOR, &pr) != PC_OK)
		fail("making the bench login a supervisor", &pr);
	if (pc_file_get(c, file_no, &p, &pr) != PC_OK)
		fail("reading the participant", &pr);
	/* the file opened is an ordinary one, not the one saved 1,000 times */
	struct pc_participant *few = NULL, q;
	size_t nfew = 0;
	if (pc_search(c, "tremb", 2, &few, &nfew, &pr) != PC_OK || nfew == 0)
		fail("finding a participant", &pr);
	if (pc_file_get(c, few[nfew - 1].file_no, &q, &pr) != PC_OK)
		fail("reading the participant", &pr);
	pc_participants_free(&few, nfew);
	const struct pc_form *form = pc_formset_find(c->forms, form_id);

	/* a save: check + validation + revision + audit entry + commit */
	for (size_t i = 0; i < n; i++) {
		struct pc_json *a = answers((int)i);
		long long rev;
		double s0 = bench_now_ms();
		if (pc_submission_save(c, form_id, file_no, NULL, a, -1, &rev, &pr))
			fail("save", &pr);
		t[i] = bench_now_ms() - s0;
		pc_json_free(&a);
	}
	row("save a 40-field form (access check and audit entry included)", n, t, 1, "ms");
	/* the check alone: the login's roles read, the form's access applied */
	for (size_t i = 0; i < n; i++) {
		double s0 = bench_now_ms();
		if (pc_staff_can_form(c, &p, form, NULL, true, &pr))
			fail("access check", &pr);
		t[i] = bench_now_ms() - s0;
	}
	row("of which the access check alone", n, t, 1e3, "µs");
	/* the entry alone, inside a transaction as a save writes it (the
	 * commit is the save's); rolled back, the log keeps none of these */
	if (pc_store_begin(c->store, &pr))
		fail("begin", &pr);
	for (size_t i = 0; i < n; i++) {
		double s0 = bench_now_ms();
		if (pc_audit_record(c, PC_AUDIT_CHANGE, &p, form_id, "revision=0", &pr))
			fail("audit entry", &pr);
		t[i] = bench_now_ms() - s0;
	}
	pc_store_rollback(c->store);
	row("of which the audit entry alone (in the save's transaction)", n, t, 1e3, "µs");

	/* opening a file: what `show` and the file screen do */
	for (size_t i = 0; i < n; i++) {
		pc_buf_reset(&out);
		double s0 = bench_now_ms();
		if (pc_show(c, q.file_no, false, &out, &pr))
			fail("show", &pr);
		t[i] = bench_now_ms() - s0;
	}
	row("open a file (show: access check, fetch, audit entry)", n, t, 1, "ms");
	for (size_t i = 0; i < n; i++) {
		struct pc_revision *revs = NULL;
		size_t k = 0;
		double s0 = bench_now_ms();
		if (pc_file_history(c, &q, &revs, &k, &pr))
			fail("history", &pr);
		t[i] = bench_now_ms() - s0;
		pc_revisions_free(&revs, k);
	}
	row("of which the fetch alone (access check, every revision)", n, t, 1e3, "µs");
	for (size_t i = 0; i < n; i++) {
		double s0 = bench_now_ms();
		if (pc_audit_record(c, PC_AUDIT_READ, &q, NULL, "bench", &pr))
			fail("read entry", &pr);
		t[i] = bench_now_ms() - s0;
	}
	row("of which the read's audit entry alone (its own durable commit)", n, t, 1, "ms");
	fflush(stdout);

	if (pc_staff_set_roles(c, c->login, roles, &pr) != PC_OK)
		fail("giving the bench login its roles back", &pr);
	pc_staff_clear(&me);
	pc_participant_clear(&p);
	pc_participant_clear(&q);
	pc_buf_free(&out);
	free(t);
}
