/* make bench: builds (once, then reuses) a database of N synthetic
 * participants through the core's normal path and measures what a person
 * feels: opening the database and loading every form, a search, saving a
 * 40-field form against a bare durable SQLite commit on the same file (in
 * interleaved pairs, and their ratio; BENCH_SAVE_ONLY=1 for those rows
 * alone), and peak memory. Figures are measured in this run, never typed in. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include "parcours/clock.h"
#include "parcours/core.h"
#include "parcours/demo.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "parcours/store.h"
#include <sys/wait.h>
#include "bench.h"
#include "bench_access.h"
#include "bench_activity.h"
#include "bench_copy.h"
#include "bench_writers.h"

enum { SAVES = 60, SEARCH_ROUNDS = 20 };

double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return v[n / 2];
}

static double pct(double *v, size_t n, double p)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);
	return v[i];
}

static void die(const char *what, struct pc_problems *pr)
{
	fprintf(stderr, "bench: %s failed\n", what);
	for (size_t i = 0; pr && i < pr->len; i++)
		fprintf(stderr, "  %s: %s\n", pr->items[i].where, pr->items[i].message);
	exit(1);
}

/* A 40-field form of the usual types, written to `dir`. */
static void write_form40(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/bench40.yaml", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		die("writing the 40-field form", NULL);
	fputs("form: bench40\nversion: 1\ntitle: {fr: Banc d'essai, en: Bench}\nperiod: none\n"
	      "sections:\n  - title: Tout\n    fields:\n", f);
	static const char *const types[] = {"text", "integer", "decimal", "date", "boolean",
					    "choice", "choices", "hours"};
	for (int i = 0; i < 40; i++) {
		const char *t = types[i % 8];
		fprintf(f, "      - {name: f%d, type: %s, label: Champ %d", i, t, i);
		if (!strcmp(t, "choice") || !strcmp(t, "choices"))
			fputs(", choices: level", f);
		if (!strcmp(t, "integer"))
			fprintf(f, ", min: 0, max: 1000, constraint: \"$f%d >= 0\"", i);
		if (i % 5 == 4)
			fprintf(f, ", relevant: \"$f%d IS NOT NULL\"", i - 4);
		fputs("}\n", f);
	}
	fputs("choices:\n  level:\n", f);
	for (int i = 1; i <= 4; i++)
		fprintf(f, "    - {value: l%d, label: Niveau %d}\n", i, i);
	fclose(f);
}

static struct pc_json *answers40(int k)
{
	static const char *const vals[] = {"Texte de réponse", "42", "3,5", "2026-03-15",
					   "oui", "l2", "l1,l3", "3:30"};
	struct pc_json *o = pc_json_new(PC_JSON_OBJECT);
	for (int i = 0; i < 40; i++) {
		char name[8], v[64];
		snprintf(name, sizeof(name), "f%d", i);
		snprintf(v, sizeof(v), "%s", vals[i % 8]);
		if (i % 8 == 1)
			snprintf(v, sizeof(v), "%d", k % 1000);
		pc_json_object_set(o, name, pc_json_new_string(v));
	}
	return o;
}

/* A bare durable commit on the database the saves go to, through a
 * connection of its own with the store's journal mode and synchronous
 * level: BEGIN IMMEDIATE, rewrite the schema version with the value it
 * has (one page written, nothing changed), COMMIT. */
static sqlite3 *bare_open(const char *dbpath, int *version)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL", NULL, NULL, NULL) ||
	    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		die("opening the database for bare commits", NULL);
	sqlite3_busy_timeout(db, 5000);
	*version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return db;
}

static double bare_commit_ms(sqlite3 *db, int version)
{
	char sql[96];
	snprintf(sql, sizeof(sql), "BEGIN IMMEDIATE; PRAGMA user_version = %d; COMMIT", version);
	double t0 = bench_now_ms();
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die("a bare commit", NULL);
	return bench_now_ms() - t0;
}

enum { REPORT_PEOPLE = 10000, WRITERS = 4, WRITER_SAVES = 50 };

static bool discard(void *ctx, const char *data, size_t len)
{
	size_t *bytes = ctx;
	(void)data;
	*bytes += len;
	return true;
}

static struct pc_json *obj(const char *text)
{
	return pc_json_parse(text, strlen(text), NULL, 0);
}

/* The month report's database: REPORT_PEOPLE participants enrolled in PAAS
 * Action, each with twelve months of entries, built once through the core. */
static void build_report_db(struct pc_ctx *c, const char *path, const char *forms)
{
	struct pc_problems pr = {0};
	if (pc_store_open(path, PC_STORE_CREATE, &c->store, &pr) ||
	    pc_staff_admit(c, true, NULL, &pr))
		die("creating the report database", &pr);
	(void)forms;
	fprintf(stderr, "building %d participants with a year of hours in %s...\n", REPORT_PEOPLE,
		path);
	static const char *const acts[] = {"work", "training", "social"};
	for (int i = 0; i < REPORT_PEOPLE; i++) {
		if (i % 200 == 0 && pc_store_begin(c->store, &pr))
			die("begin", &pr);
		char text[512], *file_no = NULL;
		snprintf(text, sizeof(text),
			 "{\"family_name\": \"Côté-%d\", \"given_name\": \"Élisabeth\", "
			 "\"birth_date\": \"1980-01-%02d\", \"consent_date\": \"2025-12-01\", "
			 "\"income_source\": \"last_resort\", \"far_from_labour_market\": \"oui\", "
			 "\"employment_barriers\": \"oui\", \"consent_sharing\": \"oui\"}",
			 i, 1 + i % 28);
		struct pc_json *in = obj(text);
		if (pc_intake_add(c, in, &file_no, &pr))
			die("intake", &pr);
		pc_problems_clear(&pr);
		pc_json_free(&in);
		if (pc_enrol(c, file_no, "paas_action", "2025-12-01", NULL,
			     i % 3 ? NULL : "20,40,60", NULL, NULL, &pr))
			die("enrol", &pr);
		for (int m = 1; m <= 12; m++) {
			struct pc_buf b = {0};
			char period[8];
			snprintf(period, sizeof(period), "2026-%02d", m);
			pc_buf_puts(&b, "{\"entries\": [");
			for (int e = 0; e < 12; e++)
				pc_buf_printf(&b, "%s{\"date\": \"2026-%02d-%02d\", \"activity\": \"%s\", "
						  "\"hours\": \"%s\"}",
					      e ? ", " : "", m, 1 + e * 2, acts[(i + e) % 3],
					      (i + e) % 4 ? "6:30" : "7,5");
			pc_buf_puts(&b, "], \"transport_costs\": \"12,50\"}");
			struct pc_json *a = obj(b.data);
			long long rev;
			if (!a || pc_submission_save(c, "participation", file_no, period, a, -1, &rev, &pr))
				die("participation", &pr);
			pc_json_free(&a);
			pc_buf_free(&b);
		}
		free(file_no);
		if ((i + 1) % 200 == 0 && pc_store_commit(c->store, &pr))
			die("commit", &pr);
	}
	pc_store_close(&c->store);
}

/* WRITERS processes save a form WRITER_SAVES times each on one database at
 * once, as many SSH sessions do; every save's latency goes into t. */
static size_t concurrent_saves(const char *dbpath, const char *forms, const char *file_no,
			       double *t)
{
	int fds[WRITERS][2];
	for (int w = 0; w < WRITERS; w++) {
		if (pipe(fds[w]))
			die("pipe", NULL);
		pid_t pid = fork();
		if (pid < 0)
			die("fork", NULL);
		if (pid == 0) {
			struct pc_problems pr = {0};
			struct pc_ctx c = {.login = pc_login()};
			pc_clock_today(c.today);
			if (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
			    pc_store_open(dbpath, PC_STORE_WRITE, &c.store, &pr) ||
			    pc_staff_admit(&c, false, NULL, &pr))
				_exit(1);
			for (int i = 0; i < WRITER_SAVES; i++) {
				char text[128];
				snprintf(text, sizeof(text),
					 "{\"wellbeing\": \"%d\", \"interests\": \"writer %d save %d\"}",
					 1 + i % 10, w, i);
				struct pc_json *a = obj(text);
				long long rev;
				double s0 = bench_now_ms();
				enum pc_status st =
					pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr);
				double ms = st == PC_OK ? bench_now_ms() - s0 : -1;
				pc_problems_clear(&pr);
				pc_json_free(&a);
				if (write(fds[w][1], &ms, sizeof(ms)) != sizeof(ms))
					_exit(1);
			}
			_exit(0);
		}
		close(fds[w][1]);
	}
	size_t n = 0;
	for (int w = 0; w < WRITERS; w++) {
		double ms;
		while (read(fds[w][0], &ms, sizeof(ms)) == sizeof(ms))
			if (ms >= 0)
				t[n++] = ms;
		close(fds[w][0]);
	}
	while (wait(NULL) > 0)
		;
	return n;
}

/* bench_check.c: `parcours check` on the database, in a child process. */
void bench_check(const char *dbpath, const char *forms);

/* The peak resident memory (KiB) of one process running argv (its output
 * discarded), -1 when it fails. Measured by /usr/bin/time, a small
 * process: Linux carries a forked child's peak across exec, so wait4 on a
 * child forked from this (big) process would report this one's size. */
static long child_peak_kib(const char *dir, char *const argv[])
{
	char out[4200];
	snprintf(out, sizeof(out), "%s/peak.txt", dir);
	char *args[32] = {"/usr/bin/time", "-f", "%M", "-o", out};
	size_t n = 5;
	for (size_t i = 0; argv[i] && n + 1 < sizeof(args) / sizeof(args[0]); i++)
		args[n++] = argv[i];
	args[n] = NULL;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr))
			_exit(127);
		execv(args[0], args);
		_exit(127);
	}
	int status = 0;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	FILE *f = fopen(out, "r");
	long kib = -1;
	if (f) {
		if (fscanf(f, "%ld", &kib) != 1)
			kib = -1;
		fclose(f);
	}
	remove(out);
	return kib;
}

int main(int argc, char **argv)
{
	long n = 100000;
	const char *forms = "forms", *db = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--participants") && i + 1 < argc)
			n = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--forms") && i + 1 < argc)
			forms = argv[++i];
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
		else {
			fprintf(stderr, "usage: parcours_bench [--participants N] [--forms DIR] "
					"[--db FILE]\n");
			return 2;
		}
	}
	if (n < 1000)
		n = 1000;
	setenv("PARCOURS_TODAY", "2026-11-25", 0);
	char dbpath[4096], dir[] = "/tmp/parcours-bench-XXXXXX";
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	/* the parcours binary beside this one, for the `parcours submit` run */
	char bin[4096];
	snprintf(bin, sizeof(bin), "%.*sparcours",
		 strrchr(argv[0], '/') ? (int)(strrchr(argv[0], '/') - argv[0] + 1) : 0, argv[0]);
	if (getenv("BENCH_WRITERS_ONLY")) {
		bench_writers(dir, forms, bin);
		goto cleanup;
	}
	if (db)
		snprintf(dbpath, sizeof(dbpath), "%s", db);
	else
		snprintf(dbpath, sizeof(dbpath), "bench-%ld.db", n);
	if (getenv("BENCH_COPY_ONLY")) {
		bench_copy_only(dbpath, forms, dir);
		goto cleanup;
	}
	if (getenv("BENCH_SEARCH_ONLY")) {
		bench_search(bin, dbpath);
		goto cleanup;
	}
	if (getenv("BENCH_ACTIVITY_ONLY")) {
		bench_activity_only(dbpath, forms);
		goto cleanup;
	}
	struct pc_problems pr = {0};
	struct pc_ctx c = {.login = pc_login()};
	pc_clock_today(c.today);

	/* 1. the database, built once through the core */
	struct stat st;
	double build_ms = -1;
	if (stat(dbpath, &st) != 0) {
		double t0 = bench_now_ms();
		if (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
		    pc_store_open(dbpath, PC_STORE_CREATE, &c.store, &pr) ||
		    /* its creator is its admin, as with `parcours demo`, so
		     * tui_bytes.sh may open the console on it */
		    pc_staff_admit(&c, true, NULL, &pr))
			die("creating the database", &pr);
		fprintf(stderr, "building %ld participants in %s...\n", n, dbpath);
		if (pc_demo_fill(&c, (size_t)n, 2026, NULL, NULL, &pr))
			die("demo fill", &pr);
		build_ms = bench_now_ms() - t0;
		pc_store_close(&c.store);
		pc_formset_free(&c.forms);
		pc_expr_close(&c.expr);
	} else {
		/* a database kept from an earlier run may need the newer schema,
		 * and one from before staff existed, its first admin */
		if (pc_store_open(dbpath, PC_STORE_CREATE, &c.store, &pr) ||
		    pc_staff_admit(&c, true, NULL, &pr))
			die("upgrading the database", &pr);
		pc_store_close(&c.store);
	}

	/* 2. open + load all forms, as a command or the console does at start */
	double t0 = bench_now_ms();
	if (pc_expr_open(&c.expr, &pr) || pc_formset_load(forms, c.expr, &c.forms, &pr) ||
	    pc_store_open(dbpath, PC_STORE_WRITE, &c.store, &pr) ||
	    pc_staff_admit(&c, false, NULL, &pr))
		die("opening", &pr);
	double open_ms = bench_now_ms() - t0;
	long long count = pc_store_participant_count(c.store);

	/* 3. searches: common and rare prefixes, names and file numbers */
	static const char *const queries[] = {"c", "cote", "cote el", "tremb", "2026-00",
					      "wapistan", "zzz", "gé", "anne-marie", "lev"};
	size_t nq = sizeof(queries) / sizeof(queries[0]);
	double ts[SEARCH_ROUNDS * 10];
	size_t nts = 0;
	for (int r = 0; r < SEARCH_ROUNDS; r++) {
		for (size_t q = 0; q < nq; q++) {
			struct pc_participant *list = NULL;
			size_t k = 0;
			double s0 = bench_now_ms();
			if (pc_search(&c, queries[q], 50, &list, &k, &pr))
				die("search", &pr);
			ts[nts++] = bench_now_ms() - s0;
			pc_participants_free(&list, k);
		}
	}
	double search_med = median(ts, nts), search_p99 = pct(ts, nts, 0.99);

	/* 4. saving a 40-field form against a bare durable commit */
	write_form40(dir);
	char p40[4200];
	snprintf(p40, sizeof(p40), "%s/bench40.yaml", dir);
	struct pc_form *f40 = NULL;
	if (pc_form_load(p40, c.expr, &f40, &pr))
		die("loading the 40-field form", &pr);
	struct pc_form **grown = realloc(c.forms->forms, (c.forms->len + 1) * sizeof(*grown));
	if (!grown)
		die("realloc", NULL);
	c.forms->forms = grown;
	c.forms->forms[c.forms->len++] = f40;
	struct pc_participant *some = NULL;
	size_t ns = 0;
	if (pc_search(&c, "", 1, &some, &ns, &pr) || ns == 0)
		die("finding a participant", &pr);
	/* in interleaved pairs on the same file, so that both see the same
	 * disk, log size and load: a save, then a bare durable commit */
	int version = 0;
	sqlite3 *bare_db = bare_open(dbpath, &version);
	double tsave[SAVES], tbare[SAVES], ratio[SAVES];
	for (int i = 0; i < SAVES; i++) {
		struct pc_json *a = answers40(i);
		long long rev;
		double s0 = bench_now_ms();
		if (pc_submission_save(&c, "bench40", some[0].file_no, NULL, a, -1, &rev, &pr))
			die("save", &pr);
		tsave[i] = bench_now_ms() - s0;
		tbare[i] = bare_commit_ms(bare_db, version);
		ratio[i] = tbare[i] > 0 ? tsave[i] / tbare[i] : 0;
		pc_json_free(&a);
	}
	sqlite3_close(bare_db);
	double save_med = median(tsave, SAVES), bare = median(tbare, SAVES);
	double ratio_med = median(ratio, SAVES);
	if (getenv("BENCH_SAVE_ONLY")) {
		/* only these rows, e.g. to compare two builds run after run */
		printf("| save a 40-field form, median of %d | %.2f ms |\n", SAVES, save_med);
		printf("| bare durable SQLite commit on the same file, interleaved, median of %d "
		       "| %.2f ms |\n", SAVES, bare);
		printf("| save / bare commit, median of the %d pairs' ratios | %.2f |\n", SAVES,
		       ratio_med);
		pc_participants_free(&some, ns);
		pc_store_close(&c.store);
		pc_formset_free(&c.forms);
		pc_expr_close(&c.expr);
		goto cleanup;
	}
	pc_participants_free(&some, ns);

	/* 5. concurrent saves from several processes */
	struct pc_participant *first = NULL;
	size_t nf = 0;
	if (pc_search(&c, "", 1, &first, &nf, &pr) || nf == 0)
		die("finding a participant", &pr);
	char file_no[32];
	snprintf(file_no, sizeof(file_no), "%s", first[0].file_no);
	pc_participants_free(&first, nf);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru); /* peak memory of this process, before the reports */
	pc_store_close(&c.store);
	static double tconc[WRITERS * WRITER_SAVES];
	size_t nconc = concurrent_saves(dbpath, forms, file_no, tconc);
	double conc_med = nconc ? median(tconc, nconc) : -1, conc_p99 = nconc ? pct(tconc, nconc, 0.99) : -1;
	if (getenv("BENCH_VERBOSE"))
		for (size_t i = nconc > 12 ? nconc - 12 : 0; i < nconc; i++)
			fprintf(stderr, "slowest concurrent saves: %.2f ms\n", tconc[i]);

	/* 6. the month report over 10,000 participants with a year of hours */
	char rpath[4096];
	snprintf(rpath, sizeof(rpath), "bench-report-%d.db", REPORT_PEOPLE);
	char ppath[4096];
	snprintf(ppath, sizeof(ppath), "%s/programmes.yaml", forms);
	if (pc_programmes_load(ppath, &c.programmes, &pr))
		die("loading programmes", &pr);
	if (stat(rpath, &st) != 0) {
		build_report_db(&c, rpath, forms);
	} else {
		/* a database kept from an earlier run may need the newer schema */
		if (pc_store_open(rpath, PC_STORE_CREATE, &c.store, &pr) ||
		    pc_staff_admit(&c, true, NULL, &pr))
			die("upgrading the report database", &pr);
		pc_store_close(&c.store);
	}
	if (pc_store_open(rpath, PC_STORE_READ, &c.store, &pr) ||
	    pc_staff_admit(&c, false, NULL, &pr))
		die("opening the report database", &pr);
	double trep[5];
	size_t bytes = 0;
	for (int i = 0; i < 5; i++) {
		struct pc_report_out out = {.format = PC_REPORT_CSV, .write = discard, .ctx = &bytes};
		bytes = 0;
		double r0 = bench_now_ms();
		if (pc_report_month(&c, "2026-06", false, &out, &pr))
			die("month report", &pr);
		trep[i] = bench_now_ms() - r0;
	}
	double rep_med = median(trep, 5);
	struct pc_report_out yout = {.format = PC_REPORT_CSV, .write = discard, .ctx = &bytes};
	double y0 = bench_now_ms();
	if (pc_report_year(&c, 2026, &yout, &pr))
		die("year report", &pr);
	double year_ms = bench_now_ms() - y0;
	struct utsname u;
	uname(&u);
	char cpu[256] = "?";
	FILE *ci = fopen("/proc/cpuinfo", "r");
	for (char line[512]; ci && fgets(line, sizeof(line), ci);) {
		if (!strncmp(line, "model name", 10)) {
			char *colon = strchr(line, ':');
			snprintf(cpu, sizeof(cpu), "%.200s", colon ? colon + 2 : line);
			cpu[strcspn(cpu, "\n")] = '\0';
			break;
		}
	}
	if (ci)
		fclose(ci);
	char today[11];
	pc_clock_today(today);
	char run_date[32];
	time_t now = time(NULL);
	strftime(run_date, sizeof(run_date), "%Y-%m-%d", gmtime(&now));
	printf("parcours bench, run of %s: %s, %s %s, %ld cores, %.1f GB, SQLite %s\n", run_date,
	       cpu, u.sysname, u.release, sysconf(_SC_NPROCESSORS_ONLN),
	       (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE) / 1e9,
	       sqlite3_libversion());
	printf("| figure | value |\n|---|---|\n");
	printf("| participants in the database | %lld |\n", count);
	if (build_ms >= 0)
		printf("| building the database (demo fill) | %.1f s |\n", build_ms / 1e3);
	printf("| open database + load all forms | %.2f ms |\n", open_ms);
	printf("| search, median of %zu (p99) | %.2f ms (%.2f ms) |\n", nts, search_med,
	       search_p99);
	printf("| save a 40-field form, median of %d | %.2f ms |\n", SAVES, save_med);
	printf("| bare durable SQLite commit on the same file, interleaved with the saves, "
	       "median of %d | %.2f ms |\n", SAVES, bare);
	printf("| save / bare commit, median of the %d pairs' ratios | %.2f |\n", SAVES, ratio_med);
	printf("| concurrent saves, %d processes x %d, median (p99) | %.2f ms (%.2f ms) |\n", WRITERS,
	       WRITER_SAVES, conc_med, conc_p99);
	printf("| month report, %d participants x 12 months of entries, CSV, median of 5 | %.0f ms |\n",
	       REPORT_PEOPLE, rep_med);
	printf("| year report, same database | %.0f ms |\n", year_ms);
	/* peak memory of fresh processes (this one has built the database and
	 * holds everything above): a search, then a save, each its own
	 * parcours process on this file */
	char *find_argv[] = {bin, "--db", dbpath, "--forms", (char *)forms, "participant", "find",
			     "tremb", NULL};
	char wellbeing[] = "wellbeing=4";
	char *save_argv[] = {bin,       "--db",  dbpath, "--forms", (char *)forms, "submit",
			     "profile", file_no, "--set", wellbeing,    NULL};
	long find_kib = child_peak_kib(dir, find_argv), save_kib = child_peak_kib(dir, save_argv);
	printf("| peak memory (max RSS, /usr/bin/time) of a fresh process: parcours participant find "
	       "/ submit (open + search, open + save) | %.1f MiB / %.1f MiB |\n",
	       find_kib / 1024.0, save_kib / 1024.0);
	printf("| peak memory of this bench process (demo build, searches, saves, for reference) | "
	       "%.1f MiB |\n", ru.ru_maxrss / 1024.0);
	fflush(stdout);
	/* 7. what the roles and the audit log add to a save and to opening a file */
	pc_store_close(&c.store);
	if (pc_store_open(dbpath, PC_STORE_WRITE, &c.store, &pr) ||
	    pc_staff_admit(&c, false, NULL, &pr))
		die("opening the database again", &pr);
	bench_access(&c, "bench40", file_no, answers40);
	bench_activity(&c, 2026, count);
	bench_check(dbpath, forms);
	bench_copy(&c, dir);
	bench_search(bin, dbpath);

	pc_store_close(&c.store);
	pc_programmes_free(&c.programmes);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
	pc_problems_clear(&pr);
	bench_writers(dir, forms, bin);
cleanup:;
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return 0;
}
