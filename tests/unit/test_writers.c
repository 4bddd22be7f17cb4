/* Many sessions saving on one file at once: WRITERS processes (fork, each
 * with its own connection) save SAVES times each, all starting together.
 * None may be refused, every save must be in the file (revisions 1..SAVES
 * of each participant's profile, no gap), and waiting writers must sleep
 * until their turn, not wake up every millisecond to try again: the
 * sessions' voluntary context switches stay few per save (polling writers
 * made some 90 per save here; a flock() line that woke every waiter at each
 * release about 15, a wait on all earlier tickets at once 63; the line of
 * tickets, where a release wakes the next writer alone, about 5). The
 * write-ahead log must keep restarting from its beginning while saves
 * stream in: a log that only grows (checkpoints copied it after the next
 * writer had begun, so none ever found it fully copied) made two saves in
 * five run a checkpoint of their own, with its fsync, beside the line. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "parcours/store.h"
#include "test.h"
#include "test_ctx.h"

enum { WRITERS = 40, SAVES = 20 };

static struct pc_json *obj(const char *text)
{
	return pc_json_parse(text, strlen(text), NULL, 0);
}

static bool open_ctx(struct pc_ctx *c, const char *forms, const char *db, enum pc_store_mode mode)
{
	return test_ctx_open(c, forms, db, "writer", mode, mode != PC_STORE_READ);
}

static void close_ctx(struct pc_ctx *c)
{
	test_ctx_close(c);
}

/* A child: waits for the start, saves, exits with the number refused. */
static void writer(const char *forms, const char *db, const char *file_no, int go)
{
	struct pc_ctx c;
	if (!open_ctx(&c, forms, db, PC_STORE_WRITE))
		_exit(100);
	char start;
	if (read(go, &start, 1) < 0)
		_exit(101);
	int refused = 0;
	for (int i = 1; i <= SAVES; i++) {
		char text[96];
		snprintf(text, sizeof(text), "{\"wellbeing\": \"%d\", \"interests\": \"save %d\"}",
			 5 + i % 5, i);
		struct pc_json *a = obj(text);
		struct pc_problems pr = {0};
		long long rev = 0;
		if (!a || pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr) != PC_OK) {
			refused++;
			for (size_t k = 0; k < pr.len; k++)
				fprintf(stderr, "refused: %s: %s\n", pr.items[k].where,
					pr.items[k].message);
		}
		pc_problems_clear(&pr);
		pc_json_free(&a);
	}
	close_ctx(&c);
	_exit(refused);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-writers-XXXXXX", db[256], forms[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/w.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	static char files[WRITERS][16];
	struct pc_ctx c;
	CHECK(open_ctx(&c, forms, db, PC_STORE_CREATE));
	for (int i = 0; i < WRITERS && c.store; i++) {
		char text[256], *file_no = NULL;
		snprintf(text, sizeof(text),
			 "{\"family_name\": \"Écrivain-%d\", \"given_name\": \"Léa\", "
			 "\"birth_date\": \"1990-02-%02d\", \"consent_date\": \"2026-01-05\", "
			 "\"consent_sharing\": \"oui\"}",
			 i, 1 + i % 28);
		struct pc_json *in = obj(text);
		struct pc_problems pr = {0};
		CHECK(pc_intake_add(&c, in, &file_no, &pr) == PC_OK);
		snprintf(files[i], sizeof(files[i]), "%s", file_no ? file_no : "");
		free(file_no);
		pc_json_free(&in);
		pc_problems_clear(&pr);
	}
	close_ctx(&c);

	int go[2];
	CHECK(pipe(go) == 0);
	for (int w = 0; w < WRITERS; w++) {
		pid_t pid = fork();
		CHECK(pid >= 0);
		if (pid == 0) {
			close(go[1]);
			writer(forms, db, files[w], go[0]);
		}
	}
	close(go[0]);
	/* a connection that stays open keeps the log's file when the last
	 * writer closes, so that its size can be read afterwards */
	sqlite3 *watch = NULL;
	CHECK(sqlite3_open_v2(db, &watch, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK(sqlite3_exec(watch, "SELECT count(*) FROM revision", NULL, NULL, NULL) == SQLITE_OK);
	usleep(300000);
	struct rusage before, after;
	getrusage(RUSAGE_CHILDREN, &before); /* nothing reaped yet: zero */
	close(go[1]);
	int refused = 0, status = 0;
	while (wait(&status) > 0)
		refused += WIFEXITED(status) ? WEXITSTATUS(status) : 1000;
	getrusage(RUSAGE_CHILDREN, &after);
	CHECK(refused == 0);

	/* some 8 frames a save, 800 saves: a log that restarts after each
	 * checkpoint (at 1,000 frames) never holds much more than 1,000; one
	 * that restarted only by chance reached 1,300 to 2,000 here */
	char wal[300];
	struct stat sb;
	snprintf(wal, sizeof(wal), "%s-wal", db);
	CHECK(stat(wal, &sb) == 0);
	long frames = (long)(sb.st_size / (4096 + 24));
	fprintf(stderr, "write-ahead log after the saves: %ld frames\n", frames);
	CHECK(frames < 1200);
	sqlite3_close(watch);

	/* every save is there: revisions 1..SAVES of each profile */
	CHECK(open_ctx(&c, forms, db, PC_STORE_READ));
	for (int w = 0; w < WRITERS && c.store; w++) {
		struct pc_problems pr = {0};
		struct pc_participant p = {0};
		struct pc_revision *list = NULL;
		size_t n = 0;
		CHECK(pc_file_get(&c, files[w], &p, &pr) == PC_OK);
		CHECK(pc_file_history(&c, &p, &list, &n, &pr) == PC_OK);
		long long expect = 1;
		for (size_t i = 0; i < n; i++)
			if (!strcmp(list[i].form, "profile"))
				CHECK(list[i].revision == expect++);
		CHECK(expect == SAVES + 1);
		pc_revisions_free(&list, n);
		pc_participant_clear(&p);
		pc_problems_clear(&pr);
	}
	close_ctx(&c);

	/* A session sleeps for its own reasons (fsync, loading forms) a few
	 * times per save; waiting for its turn must add about one, not one per
	 * writer ahead. */
	double cpu = (double)(after.ru_utime.tv_sec + after.ru_stime.tv_sec) * 1e3 +
		     (double)(after.ru_utime.tv_usec + after.ru_stime.tv_usec) / 1e3;
	double per_save = cpu / (WRITERS * SAVES);
	double sleeps = (double)after.ru_nvcsw / (WRITERS * SAVES);
	fprintf(stderr, "%d sessions x %d saves: %d refused, %.2f ms of CPU and %.1f sleeps per save\n",
		WRITERS, SAVES, refused, per_save, sleeps);
	CHECK(sleeps < 12);

	static const char *const ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char path[300];
		snprintf(path, sizeof(path), "%s%s", db, ext[i]);
		unlink(path);
	}
	rmdir(dir);
	TEST_DONE();
}
