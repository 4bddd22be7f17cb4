/* make bench, many sessions on one file: N separate processes (fork, each
 * with its own connection and forms, as N SSH sessions) save a real form at
 * the same moment, through pc_submission_save and through the real
 * `parcours submit` binary. Reports refused saves (the goal is none), the
 * median, p99 and worst time a save took, saves a second, the CPU and
 * sleeps each save cost (waiters that poll show there), the pace against
 * the floor (N bare durable commits on the same file: no line serves the
 * last of N waiters sooner) and a save alone against one bare commit, both
 * timed in interleaved pairs on the same file so that a disk shared with
 * others slows both alike, and checks that every save is in the file.
 * A third run starts one `sqlite3` shell per save, each committing one
 * durable INSERT into the same file: the floor of a process per save on
 * this machine, beside which `parcours submit` is read.
 * Not a test of correctness beyond that: tests/unit/test_writers.c. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"
#include "bench_writers.h"
#include "parcours/clock.h"
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "parcours/store.h"

static void fail(const char *what, struct pc_problems *pr)
{
	fprintf(stderr, "bench: %s failed\n", what);
	for (size_t i = 0; pr && i < pr->len; i++)
		fprintf(stderr, "  %s: %s\n", pr->items[i].where, pr->items[i].message);
	exit(1);
}

static struct pc_json *obj(const char *text)
{
	return pc_json_parse(text, strlen(text), NULL, 0);
}

/* A fresh database with `n` participants; their file numbers in files[]. */
static void setup(const char *db, const char *forms, int n, char (*files)[16])
{
	struct pc_problems pr = {0};
	struct pc_ctx c = {.login = pc_login()};
	pc_clock_today(c.today);
	if (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
	    pc_store_open(db, PC_STORE_CREATE, &c.store, &pr) ||
	    pc_staff_admit(&c, true, NULL, &pr))
		fail("creating the writers' database", &pr);
	for (int i = 0; i < n; i++) {
		char text[256], *file_no = NULL;
		snprintf(text, sizeof(text),
			 "{\"family_name\": \"Écrivain-%d\", \"given_name\": \"Léa\", "
			 "\"birth_date\": \"1990-02-%02d\", \"consent_date\": \"2026-01-05\", "
			 "\"consent_sharing\": \"oui\"}",
			 i, 1 + i % 28);
		struct pc_json *in = obj(text);
		if (!in || pc_intake_add(&c, in, &file_no, &pr))
			fail("intake", &pr);
		snprintf(files[i], sizeof(files[i]), "%s", file_no);
		free(file_no);
		pc_json_free(&in);
	}
	pc_store_close(&c.store);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
}

/* The `bin` of the floor run: a sqlite3 shell per save. */
static const char SQLITE3_FLOOR[] = "sqlite3";
static const char FLOOR_SQL[] = "PRAGMA synchronous = FULL; BEGIN IMMEDIATE; "
				"INSERT INTO bench_floor (at) VALUES (julianday('now')); COMMIT";

/* One session: opens everything, waits for the start, saves `saves` times
 * the profile of `file_no`, writing each save's time (or -1 when refused)
 * to `out`. With `bin`, each save is a `parcours submit` process instead
 * (SQLITE3_FLOOR: a sqlite3 shell's INSERT). */
static void session(const char *db, const char *forms, const char *bin, const char *file_no,
		    int saves, int go, int out)
{
	struct pc_problems pr = {0};
	struct pc_ctx c = {.login = pc_login()};
	pc_clock_today(c.today);
	if (!bin && (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
		     pc_store_open(db, PC_STORE_WRITE, &c.store, &pr) ||
		     pc_staff_admit(&c, false, NULL, &pr)))
		_exit(1);
	char start;
	if (read(go, &start, 1) < 0)
		_exit(1);
	for (int i = 0; i < saves; i++) {
		char text[128];
		snprintf(text, sizeof(text), "{\"wellbeing\": \"%d\", \"interests\": \"save %d\"}",
			 1 + i % 10, i + 1);
		double t0 = bench_now_ms(), ms = -1;
		if (bin) {
			char set[32];
			snprintf(set, sizeof(set), "wellbeing=%d", 1 + i % 10);
			pid_t pid = fork();
			if (pid == 0) {
				int null = open("/dev/null", O_WRONLY);
				if (null >= 0) {
					dup2(null, 1);
					if (!getenv("BENCH_VERBOSE"))
						dup2(null, 2);
				}
				if (bin == SQLITE3_FLOOR)
					/* the wait set before the first statement reads
					 * the schema, which may meet a checkpoint */
					execlp(bin, bin, "-cmd", ".timeout 10000", db, FLOOR_SQL,
					       (char *)NULL);
				else
					execl(bin, bin, "--db", db, "--forms", forms, "submit",
					      "profile", file_no, "--set", set, (char *)NULL);
				_exit(127);
			}
			int status = 0;
			if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
			    WEXITSTATUS(status) == 0)
				ms = bench_now_ms() - t0;
		} else {
			struct pc_json *a = obj(text);
			long long rev = 0;
			if (a && pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr) ==
				     PC_OK)
				ms = bench_now_ms() - t0;
			else if (getenv("BENCH_VERBOSE") && pr.len)
				fprintf(stderr, "refused: %s\n", pr.items[pr.len - 1].message);
			pc_problems_clear(&pr);
			pc_json_free(&a);
		}
		if (write(out, &ms, sizeof(ms)) != (ssize_t)sizeof(ms))
			_exit(1);
	}
	pc_store_close(&c.store);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
	_exit(0);
}

static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), bench_cmp_double);
	return t[n / 2];
}

/* The floor under the line, measured fairly on a machine whose disk others
 * share: `n` pairs, each one save of `file_no`'s profile alone (the whole
 * of pc_submission_save, nobody in line) and one bare durable commit
 * (BEGIN IMMEDIATE, the schema version rewritten as it is, COMMIT, with the
 * store's journal mode and synchronous level) on the same file, one right
 * after the other so that both meet the same disk; their medians in ms. A
 * line of `writers` can serve a save no sooner than `writers` bare commits,
 * whatever the queue does; the save alone is what it adds to one. */
static void save_and_commit(const char *db, const char *forms, const char *file_no, int n,
			    double *save_ms, double *bare_ms)
{
	struct pc_problems pr = {0};
	struct pc_ctx c = {.login = pc_login()};
	pc_clock_today(c.today);
	if (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
	    pc_store_open(db, PC_STORE_WRITE, &c.store, &pr) ||
	    pc_staff_admit(&c, false, NULL, &pr))
		fail("opening the writers' database for pairs", &pr);
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	double *ts = calloc((size_t)n, sizeof(*ts)), *tb = calloc((size_t)n, sizeof(*tb));
	if (!ts || !tb || sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL, NULL, NULL) ||
	    sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		fail("opening the writers' database for bare commits", NULL);
	sqlite3_busy_timeout(h, 5000);
	int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	char sql[96];
	snprintf(sql, sizeof(sql), "BEGIN IMMEDIATE; PRAGMA user_version = %d; COMMIT", version);
	for (int i = 0; i < n; i++) {
		char text[128];
		snprintf(text, sizeof(text), "{\"wellbeing\": \"%d\", \"interests\": \"pair %d\"}",
			 5 + i % 5, i + 1);
		struct pc_json *a = obj(text);
		long long rev = 0;
		double t0 = bench_now_ms();
		if (!a || pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr) != PC_OK)
			fail("a save alone", &pr);
		ts[i] = bench_now_ms() - t0;
		pc_json_free(&a);
		t0 = bench_now_ms();
		if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
			fail("a bare commit", NULL);
		tb[i] = bench_now_ms() - t0;
	}
	sqlite3_close(h);
	pc_store_close(&c.store);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
	*save_ms = median(ts, n);
	*bare_ms = median(tb, n);
	free(ts);
	free(tb);
}

/* The disk's own tail: `n` bare durable commits in a row on db (a row
 * into a table of its own, as a save adds one), and the sum of every
 * `ahead` consecutive ones: what the last of a line of writers would wait
 * if each save were a bare commit and nothing else, bursts of slow commits
 * kept as they came. Prints one row under `label`. */
static void bare_line(const char *label, const char *db, int n, int ahead)
{
	sqlite3 *h = NULL;
	double *t = calloc((size_t)n, sizeof(*t)), *w = calloc((size_t)n, sizeof(*w));
	if (!t || !w || ahead < 1 || ahead >= n ||
	    sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
			    "CREATE TABLE IF NOT EXISTS bench_bare (x INTEGER)", NULL, NULL, NULL))
		fail("opening the writers' database for a line of bare commits", NULL);
	for (int i = 0; i < n; i++) {
		double t0 = bench_now_ms();
		if (sqlite3_exec(h, "BEGIN IMMEDIATE; INSERT INTO bench_bare VALUES (1); COMMIT",
				 NULL, NULL, NULL) != SQLITE_OK)
			fail("a bare commit", NULL);
		t[i] = bench_now_ms() - t0;
	}
	sqlite3_close(h);
	int nw = 0;
	double sum = 0;
	for (int i = 0; i < n; i++) {
		sum += t[i] - (i >= ahead ? t[i - ahead] : 0);
		if (i >= ahead - 1)
			w[nw++] = sum;
	}
	qsort(t, (size_t)n, sizeof(*t), bench_cmp_double);
	qsort(w, (size_t)nw, sizeof(*w), bench_cmp_double);
	printf("| %s: the disk's floor, %d bare durable commits in a row: each, median / p99 / "
	       "p99.9 / worst; the sum of %d consecutive (a line of bare commits), median / p99 "
	       "| %.2f / %.2f / %.2f / %.2f ms; %.1f / %.1f ms |\n",
	       label, n, ahead, t[n / 2], t[(int)(0.99 * (n - 1))], t[(int)(0.999 * (n - 1))],
	       t[n - 1], w[nw / 2], w[(int)(0.99 * (nw - 1))]);
	fflush(stdout);
	free(t);
	free(w);
}

/* Whether every participant's profile holds exactly `saves` revisions. */
static long missing_saves(const char *db, int n, char (*files)[16], int saves)
{
	struct pc_problems pr = {0};
	struct pc_store *s = NULL;
	if (pc_store_open(db, PC_STORE_READ, &s, &pr))
		fail("reopening the writers' database", &pr);
	long missing = 0;
	for (int i = 0; i < n; i++) {
		struct pc_participant p = {0};
		struct pc_revision r = {0};
		if (pc_store_participant_get(s, files[i], &p, &pr) ||
		    pc_store_revision_current(s, p.id, "profile", NULL, &r, &pr))
			fail("reading back", &pr);
		missing += saves - r.revision;
		pc_revision_clear(&r);
		pc_participant_clear(&p);
	}
	pc_store_close(&s);
	return missing;
}

/* The floor run's table: made (count false), or the rows missing from
 * writers x saves (count true). */
static long floor_table(const char *db, int writers, int saves, bool count)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *q = NULL;
	long rows = 0;
	if (sqlite3_open(db, &h) != SQLITE_OK ||
	    sqlite3_prepare_v2(h,
			       count ? "SELECT count(*) FROM bench_floor"
				     : "CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, at REAL)",
			       -1, &q, NULL) != SQLITE_OK)
		fail(sqlite3_errmsg(h), NULL);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		rows = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		fail(sqlite3_errmsg(h), NULL);
	sqlite3_finalize(q);
	sqlite3_close(h);
	return count ? (long)writers * saves - rows : 0;
}

static void run(const char *label, const char *dir, const char *forms, const char *bin,
		int writers, int saves)
{
	char db[4200];
	snprintf(db, sizeof(db), "%s/writers-%s.db", dir,
		 bin == SQLITE3_FLOOR ? "floor" : bin ? "bin" : "lib");
	char(*files)[16] = calloc((size_t)writers, sizeof(*files));
	double *t = calloc((size_t)writers * (size_t)saves, sizeof(*t));
	int(*pipes)[2] = calloc((size_t)writers, sizeof(*pipes));
	int go[2];
	if (!files || !t || !pipes || pipe(go))
		fail("allocating", NULL);
	setup(db, forms, writers, files);
	if (bin == SQLITE3_FLOOR)
		floor_table(db, writers, saves, false);
	struct rusage ru0, ru1;
	getrusage(RUSAGE_CHILDREN, &ru0);
	for (int w = 0; w < writers; w++) {
		if (pipe(pipes[w]))
			fail("pipe", NULL);
		pid_t pid = fork();
		if (pid < 0)
			fail("fork", NULL);
		if (pid == 0) {
			close(go[1]);
			close(pipes[w][0]);
			session(db, forms, bin, files[w], saves, go[0], pipes[w][1]);
		}
		close(pipes[w][1]);
	}
	close(go[0]);
	usleep(200000); /* every session has opened its connection */
	double t0 = bench_now_ms();
	close(go[1]);   /* the start: every read() returns at once */
	size_t n = 0, refused = 0;
	for (int w = 0; w < writers; w++) {
		double ms;
		int got = 0;
		while (read(pipes[w][0], &ms, sizeof(ms)) == (ssize_t)sizeof(ms)) {
			got++;
			if (ms < 0)
				refused++;
			else
				t[n++] = ms;
		}
		refused += (size_t)(saves - got); /* a session that died */
		close(pipes[w][0]);
	}
	while (wait(NULL) > 0 || errno == EINTR)
		;
	double wall = bench_now_ms() - t0;
	getrusage(RUSAGE_CHILDREN, &ru1);
	double cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru1.ru_stime.tv_sec -
			      ru0.ru_stime.tv_sec) * 1e3 +
		     (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru1.ru_stime.tv_usec -
			      ru0.ru_stime.tv_usec) / 1e3;
	double sleeps = (double)(ru1.ru_nvcsw - ru0.ru_nvcsw);
	long missing = bin == SQLITE3_FLOOR ? floor_table(db, writers, saves, true)
					    : missing_saves(db, writers, files, saves);
	qsort(t, n, sizeof(*t), bench_cmp_double);
	double med = n ? t[n / 2] : -1, p99 = n ? t[(size_t)(0.99 * (double)(n - 1) + 0.5)] : -1;
	double worst = n ? t[n - 1] : -1;
	printf("| %s, %d processes x %d saves: refused (must be 0), missing | %zu, %ld |\n", label,
	       writers, saves, refused, missing);
	printf("| %s: time a save took, median / p99 / worst | %.1f / %.1f / %.1f ms |\n", label,
	       med, p99, worst);
	printf("| %s: all saves done in | %.1f s (%.0f saves/s) |\n", label, wall / 1e3,
	       wall > 0 ? (double)n * 1e3 / wall : 0);
	/* waiters that poll show here: many wake-ups and much CPU per save */
	printf("| %s: CPU (user + system) and sleeps per save, all processes | %.2f ms, %.1f |\n",
	       label, n ? cpu / (double)n : 0, n ? sleeps / (double)n : 0);
	/* the line serves one save at a time: all saves done in / saves is at
	 * least what the disk asks of any commit; the rest is the line, the
	 * save's own work, or (submit) the CPU of starting each process */
	double alone = 0, bare = 0;
	save_and_commit(db, forms, files[0], 40, &alone, &bare);
	printf("| %s: pace, all saves done in / saves, vs a bare durable commit on the same "
	       "file (median of 40, in pairs with a save alone, after the run) | %.2f ms vs "
	       "%.2f ms (%.1fx) |\n",
	       label, n ? wall / (double)n : 0, bare, n && bare > 0 ? wall / (double)n / bare : 0);
	printf("| %s: a save alone (pc_submission_save, nobody in line) vs that bare commit, "
	       "interleaved pairs, medians | %.2f ms vs %.2f ms (%.1fx) |\n",
	       label, alone, bare, bare > 0 ? alone / bare : 0);
	printf("| %s: floor, %d x that bare durable commit (no line can serve a save sooner "
	       "when %d wait) | %.1f ms |\n",
	       label, writers, writers, bare * writers);
	fflush(stdout);
	if (!bin)
		bare_line(label, db, 5000, writers - 1);
	free(files);
	free(t);
	free(pipes);
}

void bench_writers(const char *dir, const char *forms, const char *bin)
{
	int writers = 50, saves = 100, bin_saves = 20;
	const char *e = getenv("BENCH_WRITERS");
	if (e && atoi(e) > 0)
		writers = atoi(e);
	if ((e = getenv("BENCH_WRITER_SAVES")) && atoi(e) > 0)
		saves = atoi(e);
	if ((e = getenv("BENCH_BIN_SAVES")) && atoi(e) >= 0)
		bin_saves = atoi(e);
	run("concurrent sessions (pc_submission_save)", dir, forms, NULL, writers, saves);
	if (bin && bin_saves > 0 && access(bin, X_OK) == 0)
		run("concurrent `parcours submit` commands", dir, forms, bin, writers, bin_saves);
	if (bin_saves > 0 && system("command -v sqlite3 >/dev/null") == 0)
		run("the floor of a process per save, a `sqlite3` shell's durable INSERT", dir,
		    forms, SQLITE3_FLOOR, writers, bin_saves);
}
