/* Writers are served in the order they came: one process holds the write
 * (pc_store_begin), then this one starts WRITERS processes one at a time, each
 * saving the same form of the same participant with no base revision;
 * the next one starts only once the kernel shows the previous one waiting
 * in line (its ticket, an OFD lock in /proc/locks). When the first write
 * ends, the revision each one got is its place in the commit order, and it
 * must be exactly its place in the arrival order: no tolerance is needed,
 * since arrivals are spaced by the kernel's own record, not by sleeps.
 * One writer is killed while it waits: it loses its place (the kernel
 * drops its ticket with its descriptor) and the line goes on without it. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/store.h"
#include "test.h"
#include "test_ctx.h"

enum { WRITERS = 12, KILLED = 5 };

/* The tickets held on the file of inode `ino`: OFD write locks at or
 * above 2^62 + 1 (writer.c's ticket bytes). */
static int tickets(unsigned long ino)
{
	FILE *f = fopen("/proc/locks", "r");
	if (!f)
		return -1;
	int n = 0;
	for (char line[256]; fgets(line, sizeof(line), f);) {
		char kind[16], type[16];
		unsigned maj, min;
		unsigned long i;
		long long start;
		if (sscanf(line, "%*d: %15s %*s %15s %*d %x:%x:%lu %lld", kind, type, &maj, &min, &i,
			   &start) == 6 &&
		    !strcmp(kind, "OFDLCK") && !strcmp(type, "WRITE") && i == ino &&
		    start > (1LL << 62))
			n++;
	}
	fclose(f);
	return n;
}

/* The first writer: holds the write until told to let go. */
static void holder(const char *forms, const char *db, int ready, int release)
{
	struct pc_ctx c;
	struct pc_problems pr = {0};
	if (!test_ctx_open(&c, forms, db, "writer", PC_STORE_WRITE, false) ||
	    pc_store_begin(c.store, &pr) != PC_OK)
		_exit(1);
	char b = 'x';
	if (write(ready, &b, 1) != 1 || read(release, &b, 1) < 0)
		_exit(1);
	pc_store_rollback(c.store);
	test_ctx_close(&c);
	_exit(0);
}

/* A child: opens the database, saves once, exits with its revision. */
static void writer(const char *forms, const char *db, const char *file_no, int w)
{
	struct pc_ctx c;
	if (!test_ctx_open(&c, forms, db, "writer", PC_STORE_WRITE, false))
		_exit(200);
	char text[96];
	snprintf(text, sizeof(text), "{\"wellbeing\": \"%d\", \"interests\": \"writer %d\"}",
		 5 + w % 5, w);
	struct pc_json *a = pc_json_parse(text, strlen(text), NULL, 0);
	struct pc_problems pr = {0};
	long long rev = 0;
	if (!a || pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr) != PC_OK) {
		for (size_t k = 0; k < pr.len; k++)
			fprintf(stderr, "refused: %s: %s\n", pr.items[k].where, pr.items[k].message);
		_exit(201);
	}
	pc_json_free(&a);
	pc_problems_clear(&pr);
	test_ctx_close(&c);
	_exit(rev > 0 && rev < 200 ? (int)rev : 202);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	/* every child waits while the others arrive: well within a minute */
	setenv("PARCOURS_WRITE_WAIT", "60", 1);
	char dir[] = "/tmp/pc-order-XXXXXX", db[256], forms[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/o.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_ctx c;
	CHECK(test_ctx_open(&c, forms, db, "writer", PC_STORE_CREATE, true));
	static const char intake[] =
	    "{\"family_name\": \"Ordre\", \"given_name\": \"Léa\", \"birth_date\": "
	    "\"1990-02-01\", \"consent_date\": \"2026-01-05\", \"consent_sharing\": \"oui\"}";
	struct pc_json *in = pc_json_parse(intake, strlen(intake), NULL, 0);
	struct pc_problems pr = {0};
	char *file_no = NULL;
	CHECK(in && pc_intake_add(&c, in, &file_no, &pr) == PC_OK);
	pc_json_free(&in);
	struct stat sb;
	CHECK(stat(db, &sb) == 0);
	test_ctx_close(&c); /* children must not share this process's descriptors */

	/* hold the write: every writer started now has to wait in line */
	int ready[2], release[2];
	CHECK(pipe(ready) == 0 && pipe(release) == 0);
	pid_t hold = fork();
	CHECK(hold >= 0);
	if (hold == 0)
		holder(forms, db, ready[1], release[0]);
	char b;
	CHECK(read(ready[0], &b, 1) == 1);
	int before = tickets(sb.st_ino);
	CHECK(before == 1);
	pid_t pids[WRITERS];
	bool lined_up = true;
	for (int w = 0; w < WRITERS && file_no; w++) {
		pids[w] = fork();
		CHECK(pids[w] >= 0);
		if (pids[w] == 0)
			writer(forms, db, file_no, w);
		/* the next one starts when this one holds its ticket: the same
		 * count read three times in a row (/proc/locks is read in pieces
		 * while others take and drop locks, so one read can be off) */
		int same = 0;
		for (int waited = 0; same < 3 && waited < 2000; waited++) {
			nanosleep(&(struct timespec){0, 5000000}, NULL);
			same = tickets(sb.st_ino) == before + w + 1 ? same + 1 : 0;
		}
		if (same < 3)
			fprintf(stderr, "writer %d did not take its ticket\n", w);
		lined_up &= same == 3;
	}
	CHECK(lined_up);
	int status = -1;
	CHECK(kill(pids[KILLED], SIGKILL) == 0 && waitpid(pids[KILLED], &status, 0) == pids[KILLED]);
	/* its ticket is gone: the same count three reads in a row, as above */
	int same = 0;
	for (int waited = 0; same < 3 && waited < 2000; waited++) {
		nanosleep(&(struct timespec){0, 5000000}, NULL);
		same = tickets(sb.st_ino) == before + WRITERS - 1 ? same + 1 : 0;
	}
	CHECK(same == 3);
	CHECK(write(release[1], "x", 1) == 1); /* the holder lets go */
	CHECK(waitpid(hold, &status, 0) == hold && WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* the revision each writer got is its place in the commit order */
	int late = 0;
	for (int w = 0; w < WRITERS; w++) {
		if (w == KILLED)
			continue;
		status = 0;
		CHECK(waitpid(pids[w], &status, 0) == pids[w]);
		int rev = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		int place = w < KILLED ? w + 1 : w;
		if (rev != place) {
			fprintf(stderr, "writer %d (arrived %d) committed as revision %d\n", w, place,
				rev);
			late++;
		}
	}
	CHECK(late == 0);
	CHECK(tickets(sb.st_ino) == 0);

	free(file_no);
	pc_problems_clear(&pr);
	static const char *const ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char path[300];
		snprintf(path, sizeof(path), "%s%s", db, ext[i]);
		unlink(path);
	}
	rmdir(dir);
	TEST_DONE();
}
