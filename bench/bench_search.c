/* make bench: the console's search as a person types it. The real binary
 * runs on a pseudo-terminal that nothing polls; keys are written one at a
 * time and the console's own trace (PARCOURS_TRACE_KEYS: key read to screen
 * handed to the terminal) gives each key's time, and a row per kind of key
 * (one character, two, longer, file number, a second word). 100 searches,
 * then the console's peak memory (VmHWM). Run on the 100,000 database and on a
 * 500,000 one made from it by copying rows in SQL (kept, then reused). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include "bench.h"

/* What is typed: 1- and 2-letter prefixes (the hard ones: thousands of
 * matches, most of the index), file-number prefixes, names, several
 * words. Each query is typed key by key, then erased (Ctrl-U, a search
 * too). */
static const char *const queries[] = {
	"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r",
	"s", "t", "u", "v", "w", "x", "y", "z", "ma", "tr", "ga", "zo", "ch", "le", "qu", "xa",
	"yv", "wi", "ou", "el", "2026-0", "2026-00", "2026-01", "2026-1", "2025-0", "2026-0412",
	"2026-9", "cote el", "tremblay", "gagnon m", "roy", "nguyen anne", "o'connor", "lavoie",
	"bouchard", "gauthier h", "morin", "cote", "fortin", "gagne", "ouellet", "pelletier",
	"belanger", "levesque", "bergeron", "leblanc", "paquette", "girard", "simard", "boucher",
	"caron", "beaulieu", "cloutier", "dube", "poirier", "fournier", "lapointe", "leclerc",
	"lefebvre", "poulin", "thibault", "st-pierre", "nadeau", "martin", "landry", "martel",
	"bedard", "grenier", "lessard", "bernier", "richard", "michaud", "hebert", "desjardins",
	"couture", "turcotte", "lachance", "parent", "blais", "gosselin", "savard", "proulx",
};

enum { PAUSE_KEY_MS = 20, PAUSE_QUERY_MS = 400, START_WAIT_MS = 60000, KEY_WAIT_MS = 10000,
       CTRL_U = 21, CTRL_Q = 17 };

/* The kinds of key, each with its own row: what the search plans tell
 * apart (one character, two, a longer word, a file-number prefix, a
 * second word). */
enum key_class { K_ONE, K_TWO, K_LONGER, K_FILE_NO, K_WORDS, K_CLASSES };
static const char *const class_names[K_CLASSES] = {
	"1 character", "2 characters", "3 or more characters", "file-number prefix",
	"a second word",
};

static enum key_class class_of(const char *query, size_t typed)
{
	if (memchr(query, ' ', typed))
		return K_WORDS;
	if (query[0] >= '0' && query[0] <= '9')
		return K_FILE_NO;
	return typed == 1 ? K_ONE : typed == 2 ? K_TWO : K_LONGER;
}

struct series {
	double *v;
	size_t n, cap;
};

struct run {
	struct series cls[K_CLASSES], cls_cpu[K_CLASSES];
	int master;
	pid_t pid;
	FILE *trace;
	double *key_ms, *short_ms;
	size_t nkeys, nshort, cap, short_cap, ncpu, cpu_cap;
	double *cpu_ms;
	double start_ms;
	long hwm_kb;
};

/* Reads and drops what the console wrote, for up to ms milliseconds. */
static void drain(int fd, int ms)
{
	char buf[8192];
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (poll(&p, 1, ms) > 0 && (p.revents & POLLIN)) {
		if (read(fd, buf, sizeof(buf)) <= 0)
			break;
		ms = 0;
	}
}

/* The next trace line "screen keys microseconds [cpu-microseconds]",
 * waiting up to wait_ms while draining the console's output; -1 when none
 * came. *cpu_ms: the console's CPU time for the key (-1 when not told). */
static double next_trace(struct run *r, int wait_ms, char *name, size_t size, double *cpu_ms)
{
	double t0 = bench_now_ms();
	char line[256];
	while (bench_now_ms() - t0 < wait_ms) {
		clearerr(r->trace);
		if (fgets(line, sizeof(line), r->trace)) {
			char nm[64];
			int keys;
			long long us, cpu = -1000;
			if (sscanf(line, "%63s %d %lld %lld", nm, &keys, &us, &cpu) >= 3) {
				snprintf(name, size, "%s", nm);
				if (cpu_ms)
					*cpu_ms = (double)cpu / 1e3;
				return (double)us / 1e3;
			}
			continue;
		}
		drain(r->master, 1);
	}
	return -1;
}

static bool start(struct run *r, const char *bin, const char *db, const char *trace_path)
{
	r->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (r->master < 0 || grantpt(r->master) || unlockpt(r->master))
		return false;
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	ioctl(r->master, TIOCSWINSZ, &ws);
	const char *slave = ptsname(r->master);
	unlink(trace_path);
	r->pid = fork();
	if (r->pid < 0)
		return false;
	if (r->pid == 0) {
		setsid();
		int fd = open(slave, O_RDWR);
		if (fd < 0)
			_exit(127);
		ioctl(fd, TIOCSCTTY, 0);
		dup2(fd, 0);
		dup2(fd, 1);
		int null = open("/dev/null", O_WRONLY);
		dup2(null >= 0 ? null : fd, 2);
		setenv("TERM", "xterm-256color", 1);
		setenv("PARCOURS_TRACE_KEYS", trace_path, 1);
		setenv("LANG", "C.UTF-8", 1);
		execl(bin, bin, "--db", db, "--lang", "en", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 5000 && !(r->trace = fopen(trace_path, "r")); i++)
		drain(r->master, 2);
	if (!r->trace)
		return false;
	char name[64];
	r->start_ms = next_trace(r, START_WAIT_MS, name, sizeof(name), NULL);
	return r->start_ms >= 0;
}

static void keep(double **v, size_t *n, size_t *cap, double ms)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		double *grown = realloc(*v, *cap * sizeof(**v));
		if (!grown) {
			perror("bench_search");
			exit(1);
		}
		*v = grown;
	}
	(*v)[(*n)++] = ms;
}

/* Writes one key and waits for the list's trace line: its time, -1 when
 * none came; *cpu, the console's CPU time for it. */
static double key(struct run *r, char c, double *cpu)
{
	*cpu = -1;
	if (write(r->master, &c, 1) != 1)
		return -1;
	char name[64];
	double ms = next_trace(r, KEY_WAIT_MS, name, sizeof(name), cpu);
	if (ms >= 0)
		keep(&r->cpu_ms, &r->ncpu, &r->cpu_cap, *cpu);
	return ms;
}

static long vm_hwm_kb(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	long kb = -1;
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

static double pct(double *v, size_t n, double p)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return n ? v[(size_t)(p * (double)(n - 1) + 0.5)] : -1;
}

/* Types every query into a console on db; false when the console did not
 * answer. */
static bool type_all(struct run *r, const char *bin, const char *db)
{
	char trace[] = "/tmp/parcours-bench-keys-XXXXXX";
	int tfd = mkstemp(trace);
	if (tfd < 0)
		return false;
	close(tfd);
	bool ok = start(r, bin, db, trace);
	size_t nq = sizeof(queries) / sizeof(queries[0]);
	for (size_t q = 0; ok && q < nq; q++) {
		const char *s = queries[q];
		for (size_t i = 0; ok && s[i]; i++) {
			double cpu;
			double ms = key(r, s[i], &cpu);
			ok = ms >= 0;
			keep(&r->key_ms, &r->nkeys, &r->cap, ms);
			struct series *c = &r->cls[class_of(s, i + 1)];
			keep(&c->v, &c->n, &c->cap, ms);
			c = &r->cls_cpu[class_of(s, i + 1)];
			keep(&c->v, &c->n, &c->cap, cpu);
			if (getenv("BENCH_SEARCH_SLOW") && ms > atof(getenv("BENCH_SEARCH_SLOW")))
				fprintf(stderr, "slow: \"%.*s\" %.2f ms\n", (int)i + 1, s, ms);
			/* the first two characters of a word, and "2026-0" */
			if (i < 2 || (!strncmp(s, "2026-0", 6) && i == 5)) {
				keep(&r->short_ms, &r->nshort, &r->short_cap, ms);
			}
			drain(r->master, PAUSE_KEY_MS);
		}
		/* a pause: the console may count the matches now */
		drain(r->master, PAUSE_QUERY_MS);
		double cpu;
		double ms = ok ? key(r, CTRL_U, &cpu) : -1;
		ok = ok && ms >= 0;
		keep(&r->key_ms, &r->nkeys, &r->cap, ms);
		drain(r->master, PAUSE_KEY_MS);
	}
	r->hwm_kb = vm_hwm_kb(r->pid);
	char q = CTRL_Q;
	if (write(r->master, &q, 1) != 1 || ok) {
		/* F10/Ctrl-Q quits; make sure it does */
	}
	for (int i = 0; i < 200 && waitpid(r->pid, NULL, WNOHANG) == 0; i++)
		drain(r->master, 10);
	if (waitpid(r->pid, NULL, WNOHANG) == 0) {
		kill(r->pid, SIGTERM);
		waitpid(r->pid, NULL, 0);
	}
	if (r->trace)
		fclose(r->trace);
	close(r->master);
	unlink(trace);
	return ok;
}

/* bench-500000.db beside the 100,000 one: its participants four more
 * times, with the file numbers of 2022 to 2025, tokens copied the same
 * way. Only the participants (the list and the search read nothing else). */
static bool make_big(const char *from, const char *to)
{
	struct stat st;
	if (stat(to, &st) == 0)
		return true;
	char tmp[4400], cmd[9000];
	snprintf(tmp, sizeof(tmp), "%.4096s.part.db", to); /* ignored by git, as *.db */
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, tmp);
	double t0 = bench_now_ms();
	if (system(cmd) != 0)
		return false;
	sqlite3 *db;
	if (sqlite3_open(tmp, &db) != SQLITE_OK)
		return false;
	static const char sql[] =
		"BEGIN;"
		"CREATE TEMP TABLE y(y TEXT);"
		"INSERT INTO y VALUES ('2022'),('2023'),('2024'),('2025');"
		"INSERT INTO participant (id, file_no, family_name, given_name, family_folded,"
		" given_folded, birth_date, programme, counsellor, status, version, search_keys,"
		" created_by, created_at, updated_at)"
		" SELECT lower(hex(randomblob(16))), y.y || substr(p.file_no, 5), family_name,"
		" given_name, family_folded, given_folded, birth_date, programme, counsellor,"
		" status, version, replace(replace(search_keys, ' ' || p.file_no || ' ',"
		" ' ' || y.y || substr(p.file_no, 5) || ' '), ' 2026 ', ' ' || y.y || ' '),"
		" created_by, created_at, updated_at"
		" FROM participant p, y WHERE p.file_no LIKE '2026-%';"
		"INSERT OR IGNORE INTO participant_token (token, family_folded, given_folded, file_no)"
		" SELECT CASE WHEN t.token = t.file_no THEN y.y || substr(t.file_no, 5)"
		" WHEN t.token = '2026' THEN y.y ELSE t.token END,"
		" t.family_folded, t.given_folded, y.y || substr(t.file_no, 5)"
		" FROM participant_token t, y WHERE t.file_no LIKE '2026-%';"
		"COMMIT;";
	char *err = NULL;
	bool ok = sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK;
	if (!ok)
		fprintf(stderr, "bench_search: %s\n", err ? err : "?");
	sqlite3_free(err);
	sqlite3_close(db);
	if (ok)
		ok = rename(tmp, to) == 0;
	if (ok)
		fprintf(stderr, "made %s in %.1f s\n", to, (bench_now_ms() - t0) / 1e3);
	return ok;
}

static void report(const char *db, const char *bin)
{
	const char *label = strrchr(db, '/') ? strrchr(db, '/') + 1 : db;
	struct run r = {0};
	if (!type_all(&r, bin, db)) {
		printf("| keystroke to search results, %s | the console did not answer |\n", label);
		free(r.key_ms);
		free(r.cpu_ms);
		free(r.short_ms);
		return;
	}
	double p50 = pct(r.key_ms, r.nkeys, 0.5), p90 = pct(r.key_ms, r.nkeys, 0.9),
	       p99 = pct(r.key_ms, r.nkeys, 0.99), worst = pct(r.key_ms, r.nkeys, 1);
	double s50 = pct(r.short_ms, r.nshort, 0.5), sworst = pct(r.short_ms, r.nshort, 1);
	double c50 = pct(r.cpu_ms, r.ncpu, 0.5), c99 = pct(r.cpu_ms, r.ncpu, 0.99),
	       cworst = pct(r.cpu_ms, r.ncpu, 1);
	double load[3] = {-1, -1, -1};
	FILE *la = fopen("/proc/loadavg", "r");
	if (la) {
		if (fscanf(la, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
			load[0] = -1;
		fclose(la);
	}
	printf("| keystroke to search results, %s, %zu keys of %zu searches: median / p90 / p99 / "
	       "worst | %.2f / %.2f / %.2f / %.2f ms |\n",
	       label, r.nkeys, sizeof(queries) / sizeof(queries[0]), p50, p90, p99, worst);
	printf("| same, first two letters of a word and \"2026-0\" (%zu keys): median / worst | "
	       "%.2f / %.2f ms |\n",
	       r.nshort, s50, sworst);
	printf("| same, the console's CPU time a key (apart from the machine's load, %.1f now): "
	       "median / p99 / worst | %.2f / %.2f / %.2f ms |\n",
	       load[0], c50, c99, cworst);
	for (int k = 0; k < K_CLASSES; k++) {
		struct series *w = &r.cls[k], *c = &r.cls_cpu[k];
		printf("| same, keys typing %s (%zu): median / p99 / worst, CPU p99 | "
		       "%.2f / %.2f / %.2f ms, %.2f ms |\n",
		       class_names[k], w->n, pct(w->v, w->n, 0.5), pct(w->v, w->n, 0.99),
		       pct(w->v, w->n, 1), pct(c->v, c->n, 0.99));
		free(w->v);
		free(c->v);
	}
	printf("| console peak memory (VmHWM) after %zu searches, %s | %.1f MiB |\n",
	       sizeof(queries) / sizeof(queries[0]), label, r.hwm_kb / 1024.0);
	fflush(stdout);
	free(r.key_ms);
	free(r.short_ms);
	free(r.cpu_ms);
}

void bench_search(const char *bin, const char *db)
{
	report(db, bin);
	const char *big = getenv("BENCH_SEARCH_BIG");
	char path[4200];
	snprintf(path, sizeof(path), "%s", big ? big : "bench-500000.db");
	if (strcmp(path, db) && make_big(db, path))
		report(path, bin);
}
