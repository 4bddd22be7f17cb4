/* Crash test: a child keeps a draft and saves a form in a loop and is
 * killed with SIGKILL at a random moment, again and again. After each kill
 * the database passes PRAGMA integrity_check, every save the child
 * reported is there, and the last draft it reported is recoverable (still
 * a draft, or saved). PARCOURS_CRASH_ITERATIONS sets the number of kills
 * (200 by default; `make crash` runs 1,000). */
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "test.h"
#include "test_ctx.h"

static char db[256];
static char forms[512];

/* Opens everything a face needs; false on failure. */
static bool open_ctx(struct pc_ctx *c, enum pc_store_mode mode)
{
	return test_ctx_open(c, forms, db, "crash", mode, true);
}

static void close_ctx(struct pc_ctx *c)
{
	test_ctx_close(c);
}

static struct pc_json *answers(long n)
{
	char text[128];
	snprintf(text, sizeof(text), "{\"wellbeing\": \"%ld\", \"interests\": \"draft %ld\"}",
		 n % 10 + 1, n);
	return pc_json_parse(text, strlen(text), NULL, 0);
}

/* The child: draft, save, report each success on fd as "D n" / "S n". */
static void child(int fd, const char *file_no, long start)
{
	struct pc_ctx c;
	if (!open_ctx(&c, PC_STORE_WRITE))
		_exit(2);
	struct pc_participant p = {0};
	struct pc_problems pr = {0};
	if (pc_file_get(&c, file_no, &p, &pr) != PC_OK)
		_exit(3);
	char line[64];
	for (long n = start;; n++) {
		struct pc_json *a = answers(n);
		if (pc_draft_keep(&c, &p, "profile", NULL, a, -1, &pr) == PC_OK) {
			int len = snprintf(line, sizeof(line), "D %ld\n", n);
			if (write(fd, line, (size_t)len) != len)
				_exit(4);
		}
		long long rev = 0;
		if (pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr) == PC_OK) {
			int len = snprintf(line, sizeof(line), "S %ld %lld\n", n, rev);
			if (write(fd, line, (size_t)len) != len)
				_exit(4);
		}
		pc_problems_clear(&pr);
		pc_json_free(&a);
	}
}

static bool one_value(sqlite3 *h, const char *sql, const char *arg, char *out, size_t n)
{
	sqlite3_stmt *st = NULL;
	out[0] = '\0';
	bool ok = sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK;
	if (ok && arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if (ok && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return ok;
}

/* Checks the file after a kill; returns the next draft number to use. */
static long check_after(const char *reports, long last_draft, long last_saved, long long last_rev)
{
	struct pc_ctx c;
	CHECK(open_ctx(&c, PC_STORE_WRITE)); /* recovers the WAL like any next user */
	close_ctx(&c);
	sqlite3 *h = NULL;
	CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	char v[256];
	one_value(h, "PRAGMA integrity_check", NULL, v, sizeof(v));
	CHECK_STR(v, "ok");
	/* every reported save is there, with its answers */
	if (last_saved >= 0) {
		char rev[32], want[64];
		snprintf(rev, sizeof(rev), "%lld", last_rev);
		one_value(h,
			  "SELECT json_extract(answers, '$.interests') FROM revision "
			  "WHERE form = 'profile' AND revision = ?1",
			  rev, v, sizeof(v));
		snprintf(want, sizeof(want), "draft %ld", last_saved);
		CHECK_STR(v, want);
	}
	/* the last reported draft: still a draft, or saved, or overtaken by a
	 * later one that was written but not yet reported */
	if (last_draft >= 0) {
		char d[64], s[64];
		one_value(h, "SELECT substr(json_extract(answers, '$.interests'), 7) FROM draft",
			  NULL, d, sizeof(d));
		one_value(h,
			  "SELECT max(CAST(substr(json_extract(answers, '$.interests'), 7) AS INTEGER)) "
			  "FROM revision WHERE form = 'profile'",
			  NULL, s, sizeof(s));
		bool kept = (d[0] && atol(d) >= last_draft) || (s[0] && atol(s) >= last_draft);
		if (!kept)
			fprintf(stderr, "draft %ld lost (draft %s, saved %s); reports:\n%s\n", last_draft,
				d, s, reports);
		CHECK(kept);
	}
	sqlite3_close(h);
	return (last_draft > last_saved ? last_draft : last_saved) + 2;
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	const char *iters_env = getenv("PARCOURS_CRASH_ITERATIONS");
	long iterations = iters_env ? atol(iters_env) : 200;
	char dir[] = "/tmp/pc-crash-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/crash.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_ctx c;
	struct pc_problems pr = {0};
	struct pc_store *s = NULL;
	CHECK(pc_store_open(db, PC_STORE_CREATE, &s, &pr) == PC_OK);
	pc_store_close(&s);
	CHECK(open_ctx(&c, PC_STORE_WRITE));
	const char *intake = "{\"family_name\": \"Côté\", \"given_name\": \"Élisabeth\", "
			     "\"birth_date\": \"1985-03-02\", \"consent_date\": \"2026-03-01\", "
			     "\"consent_sharing\": \"oui\"}";
	struct pc_json *raw = pc_json_parse(intake, strlen(intake), NULL, 0);
	char *file_no = NULL;
	CHECK(pc_intake_add(&c, raw, &file_no, &pr) == PC_OK);
	pc_json_free(&raw);
	close_ctx(&c);
	if (!file_no)
		TEST_DONE();
	srand((unsigned)time(NULL));
	long next = 1, kills_mid = 0;
	for (long it = 0; it < iterations && test_failures == 0; it++) {
		int fds[2];
		CHECK(pipe(fds) == 0);
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			child(fds[1], file_no, next);
		}
		close(fds[1]);
		/* 5 to 60 ms: opening takes a few ms, then a save every ms or so */
		struct timespec d = {0, (long)(5 + rand() % 55) * 1000000L};
		nanosleep(&d, NULL);
		kill(pid, SIGKILL);
		int status = 0;
		waitpid(pid, &status, 0);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		static char reports[1 << 20];
		size_t len = 0;
		ssize_t r;
		while ((r = read(fds[0], reports + len, sizeof(reports) - 1 - len)) > 0)
			len += (size_t)r;
		reports[len] = '\0';
		close(fds[0]);
		long last_draft = -1, last_saved = -1;
		long long last_rev = 0;
		for (char *line = reports; *line; line = strchr(line, '\n') + 1) {
			long n;
			long long rev;
			if (sscanf(line, "D %ld", &n) == 1)
				last_draft = n;
			else if (sscanf(line, "S %ld %lld", &n, &rev) == 2) {
				last_saved = n;
				last_rev = rev;
			}
			if (!strchr(line, '\n'))
				break;
		}
		kills_mid += last_draft > last_saved;
		long after = check_after(reports, last_draft, last_saved, last_rev);
		if (after > next)
			next = after;
	}
	fprintf(stderr, "%ld kills, %ld while a draft was unsaved\n", iterations, kills_mid);
	free(file_no);
	char path[300];
	static const char *const ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s%s", db, ext[i]);
		unlink(path);
	}
	rmdir(dir);
	TEST_DONE();
}
