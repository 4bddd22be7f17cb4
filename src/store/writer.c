/* One writer at a time, waiting in line (store_internal.h): the queue that
 * parcours' writers join before SQLite's BEGIN IMMEDIATE, the checkpoint
 * that follows a write, and the gentler busy handler left for the rest.
 * Not a lock SQLite relies on: correctness stays SQLite's; this only decides
 * who goes next and lets the others sleep meanwhile.
 *
 * Why: SQLite has no queue for its write lock. A writer that finds it taken
 * sleeps and retries (our busy handler polled every millisecond), so with 50
 * sessions saving at once 49 pollers burnt both cores, the holder got less
 * CPU to finish, and an unlucky waiter could lose every race for more than
 * the 5 s timeout. Here a writer first takes an exclusive flock() on the
 * database file: the kernel puts waiters to sleep and wakes them when the
 * holder lets go, so nobody polls and the wait is roughly in arrival order.
 * flock() rather than fcntl() locks: classic fcntl locks belong to the
 * process and vanish when any descriptor of the file is closed, which would
 * break SQLite's own locks; flock() locks belong to our descriptor alone and
 * do not interact with SQLite's byte-range locks (except on NFS, where WAL
 * does not work anyway). The descriptor is shared by every store of the
 * process on that file and closed only when the last one closes, for the
 * same reason: closing any descriptor of the file drops SQLite's locks. */
#define _GNU_SOURCE /* gettid, SIGEV_THREAD_ID: the timer wakes this thread */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "parcours/i18n.h"
#include "store_internal.h"

/* Longest wait in the line before giving up. A save holds the lock for a
 * few milliseconds, so even 50 sessions ahead rarely mean a second; ten
 * means something is stuck (a batch, a hung process). */
static const int queue_wait_ms = 10000;
/* SQLite's own wait, for writers outside the line (the sqlite3 shell, an
 * older parcours) and, after the line gave up, for the holder to finish. */
static const int busy_wait_ms = 5000;
/* Frames in the write-ahead log after which a write is followed by a
 * checkpoint (SQLite's own default for its automatic checkpoint). */
static const int checkpoint_frames = 1000;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ---- the shared descriptors: one per database file in this process ---- */

struct queue_file {
	dev_t dev;
	ino_t ino;
	int fd;
	int users; /* stores of this process with this file open */
	int held;  /* of those, inside a write */
};
static struct queue_file *files;
static size_t nfiles;

static struct queue_file *find_file(int fd)
{
	for (size_t i = 0; i < nfiles; i++)
		if (files[i].fd == fd)
			return &files[i];
	return NULL;
}

int store_queue_open(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return -1;
	for (size_t i = 0; i < nfiles; i++) {
		if (files[i].dev == sb.st_dev && files[i].ino == sb.st_ino) {
			files[i].users++;
			return files[i].fd;
		}
	}
	struct queue_file *grown = realloc(files, (nfiles + 1) * sizeof(*grown));
	if (!grown)
		return -1; /* no line to wait in: SQLite's busy handler still works */
	files = grown;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0) {
		close(fd); /* a file we cannot even stat holds no lock of ours */
		return -1;
	}
	files[nfiles++] = (struct queue_file){sb.st_dev, sb.st_ino, fd, 1, 0};
	return fd;
}

void store_queue_close(int fd)
{
	struct queue_file *f = fd >= 0 ? find_file(fd) : NULL;
	if (!f || --f->users > 0)
		return;
	close(fd);
	*f = files[--nfiles];
	if (nfiles == 0) {
		free(files);
		files = NULL;
	}
}

/* ---- waiting in line ---- */

static volatile sig_atomic_t timer_rang;

static void on_timer(int sig)
{
	(void)sig;
	timer_rang = 1;
}

/* Sleeps in flock() until the lock is ours or `ms` have passed: a timer
 * interrupts the call (no SA_RESTART), and rings again every 20 ms in case
 * one ring came just before the call. 0, ETIMEDOUT or an errno. */
static int wait_in_line(int fd, int ms)
{
	struct sigevent ev = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGALRM};
	ev._sigev_un._tid = gettid();
	timer_t timer;
	if (timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0) {
		/* no timer: poll, sleeping longer and longer (up to 20 ms) */
		double end = now_ms() + ms;
		for (long step = 1000000; now_ms() < end; step = step < 20000000 ? step * 2 : step) {
			nanosleep(&(struct timespec){0, step}, NULL);
			if (flock(fd, LOCK_EX | LOCK_NB) == 0)
				return 0;
		}
		return ETIMEDOUT;
	}
	struct sigaction ring = {.sa_handler = on_timer}, old;
	sigemptyset(&ring.sa_mask);
	sigset_t alarm_only, mask;
	sigemptyset(&alarm_only);
	sigaddset(&alarm_only, SIGALRM);
	sigaction(SIGALRM, &ring, &old);
	pthread_sigmask(SIG_UNBLOCK, &alarm_only, &mask);
	struct itimerspec when = {.it_value = {ms / 1000, (ms % 1000) * 1000000L},
	                          .it_interval = {0, 20000000L}};
	timer_rang = 0;
	timer_settime(timer, 0, &when, NULL);
	int err = 0;
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			err = errno;
			break;
		}
		if (timer_rang) {
			err = ETIMEDOUT;
			break;
		}
	}
	timer_delete(timer);
	pthread_sigmask(SIG_SETMASK, &mask, NULL);
	sigaction(SIGALRM, &old, NULL);
	return err;
}

void store_queue_enter(struct pc_store *s)
{
	struct queue_file *f = find_file(s->queue_fd);
	if (!f || s->in_queue)
		return;
	/* another store of this process already holds it: the descriptor is
	 * shared, so the lock is already ours; SQLite orders the two */
	int err = f->held ? 0 : flock(f->fd, LOCK_EX | LOCK_NB) == 0 ? 0 : errno;
	if (err == EWOULDBLOCK)
		err = wait_in_line(f->fd, queue_wait_ms);
	/* On ETIMEDOUT whoever holds the line is stuck, or is not a parcours
	 * writer at all (anyone who can read the file can flock it); on another
	 * error the file system has no flock(). Either way go on without the
	 * line: SQLite's busy handler has the last word. */
	if (err != 0)
		return;
	f->held++;
	s->in_queue = true;
}

/* A passive checkpoint: copies what it can of the write-ahead log into the
 * database file without waiting for anyone. */
static void checkpoint(struct pc_store *s)
{
	s->wal_frames = 0;
	sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

void store_queue_leave(struct pc_store *s)
{
	if (!s->db || !sqlite3_get_autocommit(s->db))
		return; /* still inside the write */
	if (s->in_queue) {
		struct queue_file *f = find_file(s->queue_fd);
		s->in_queue = false;
		if (f && --f->held == 0)
			flock(f->fd, LOCK_UN);
	}
	/* after the line moved on, not inside it: the next writer need not
	 * wait for pages to be copied */
	if (s->wal_frames >= checkpoint_frames)
		checkpoint(s);
}

/* ---- after a write, and SQLite's own waits ---- */

/* SQLite calls this after each commit with the log's size in frames; it
 * replaces SQLite's automatic checkpoint, which would run inside the line. */
static int on_commit(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	struct pc_store *s = arg;
	s->wal_frames = frames;
	s->wrote = true;
	return SQLITE_OK;
}

void store_queue_watch(struct pc_store *s)
{
	sqlite3_wal_hook(s->db, on_commit, s);
}

void store_checkpoint_if_wrote(struct pc_store *s)
{
	if (s->db && s->wrote && !s->read_only && sqlite3_get_autocommit(s->db))
		checkpoint(s);
	s->wrote = false;
}

/* Waits for a writer outside the line, or for a reader's recovery: short
 * sleeps first (a save takes a few milliseconds), then longer ones, so a
 * waiter does not spin; gives up after busy_wait_ms of wall-clock time. */
int store_busy_wait(void *arg, int count)
{
	double *since = arg;
	double now = now_ms();
	if (count == 0)
		*since = now;
	if (now - *since >= busy_wait_ms)
		return 0;
	long us = count < 10 ? 1000 : count < 40 ? 5000 : 20000;
	nanosleep(&(struct timespec){0, us * 1000}, NULL);
	return 1;
}
