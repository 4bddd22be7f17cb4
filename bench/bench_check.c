/* make bench: the time and peak memory of `parcours check` on the bench
 * database, run in a child process of its own so that its peak memory is
 * its own (it streams: the figure should not grow with the database). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "parcours/check.h"
#include "parcours/clock.h"
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/store.h"

void bench_check(const char *dbpath, const char *forms);

struct figures {
	double ms;
	double rss_mb;
	long long revisions, participants;
	int ok; /* 1 all well, 0 problems found, -1 could not run */
};

static double mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static struct figures run(const char *dbpath, const char *forms)
{
	struct figures f = {.ok = -1};
	struct pc_problems pr = {0};
	struct pc_ctx c = {.login = pc_login()};
	pc_clock_today(c.today);
	double t0 = mono_ms();
	if (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
	    pc_store_open(dbpath, PC_STORE_READ, &c.store, &pr))
		goto out;
	struct pc_check r;
	enum pc_status st = pc_check(&c, &r, NULL, NULL, &pr);
	f.ms = mono_ms() - t0;
	f.revisions = r.revisions;
	f.participants = r.participants;
	f.ok = st != PC_OK ? -1 : pc_check_ok(&r);
	pc_check_clear(&r);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	f.rss_mb = ru.ru_maxrss / 1024.0;
out:
	for (size_t i = 0; i < pr.len && i < 5; i++)
		fprintf(stderr, "bench check: %s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_store_close(&c.store);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
	pc_problems_clear(&pr);
	return f;
}

void bench_check(const char *dbpath, const char *forms)
{
	int fds[2];
	if (pipe(fds) != 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		struct figures f = run(dbpath, forms);
		ssize_t w = write(fds[1], &f, sizeof(f));
		_exit(w == (ssize_t)sizeof(f) ? 0 : 1);
	}
	close(fds[1]);
	struct figures f = {.ok = -1};
	ssize_t got = pid > 0 ? read(fds[0], &f, sizeof(f)) : -1;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	if (got != (ssize_t)sizeof(f) || f.ok < 0) {
		printf("| parcours check | could not run |\n");
		return;
	}
	printf("| parcours check, %lld participants, %lld revisions (%s) | %.1f s, peak memory "
	       "%.1f MB |\n",
	       f.participants, f.revisions, f.ok ? "all well" : "PROBLEMS FOUND", f.ms / 1e3,
	       f.rss_mb);
}
