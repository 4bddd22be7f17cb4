/* One writer at a time, served in arrival order (store_internal.h): the
 * line parcours' writers join before SQLite's BEGIN IMMEDIATE, the
 * checkpoint that follows a write, and the gentler busy handler left for
 * the rest. Not a lock SQLite relies on: correctness stays SQLite's; this
 * only decides who goes next and lets the others sleep meanwhile.
 *
 * Why: SQLite has no queue for its write lock. A writer that finds it taken
 * sleeps and retries, so with 50 sessions saving at once 49 pollers burnt
 * both cores and an unlucky one could lose every race for seconds. A
 * flock() of the file let waiters sleep, but Linux wakes flock() waiters in
 * no particular order (p99 145 ms with 50 writers). So a writer takes a
 * ticket and waits for every earlier ticket to be gone:
 *  - tickets are byte-range locks (Linux open file description locks,
 *    F_OFD_SETLK) on the database file itself, far above the bytes SQLite
 *    locks (at 1 GiB): no extra file, hence nothing to create, own or
 *    protect in a shared install, and a writer that dies loses its place
 *    with its descriptor (the kernel drops its locks);
 *  - a ticket's number is the monotonic clock in nanoseconds, read while
 *    holding one "counter" byte, so numbers rise in the order writers came;
 *  - a writer holds the byte of its ticket until its transaction ends, and
 *    sleeps (F_OFD_SETLKW) on the byte of the ticket just ahead until it is
 *    released, so that a release wakes the next in line and nobody else (a
 *    wait on the whole range below woke the whole line at every save).
 * Where these locks are refused (a file system without them), writers
 * wait on a flock() as before; without that either, SQLite alone decides.
 * The descriptor is shared by every store of the process on that file and
 * closed only when the last one closes: closing any descriptor of a file
 * drops SQLite's own (process-wide) locks on it.
 * A writer leaves the line as soon as its commit is written and only then
 * waits for the disk (sync_log): with the sync inside the line, as SQLite's
 * synchronous = FULL does it, every save held the line for a sync of its
 * own; after it, the syncs of the saves in line overlap and each covers
 * every commit written before it (50 writers: p99 54-93 ms -> 42-53 ms,
 * throughput 1,700 -> 2,500 saves a second). */
#define _GNU_SOURCE /* gettid, SIGEV_THREAD_ID, F_OFD_SETLK */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "parcours/config.h"
#include "parcours/i18n.h"
#include "store_internal.h"

/* Longest wait for a write, in the line and then for SQLite's lock: a save
 * holds the lock for a few milliseconds, so even 50 sessions ahead mean
 * well under a second; ten seconds means something is stuck (a batch, a
 * process stopped with Ctrl-Z, another program writing).
 * PARCOURS_WRITE_WAIT (seconds) changes it, outside a shared install. */
static const double write_wait_ms = 10000;
/* SQLite's own wait outside a write (a reader's recovery). */
static const int busy_wait_ms = 5000;
/* Frames written to the write-ahead log between two checkpoints (SQLite's
 * own default for its automatic checkpoint), and, past that mark (the log
 * did not start again: a reader kept its frames when the checkpoint ran),
 * between two more tries. */
static const int checkpoint_frames = 1000;
static const int checkpoint_retry_frames = 100;

#ifdef F_OFD_SETLKW
/* The lock bytes: far from SQLite's (1 GiB and the 510 bytes after) and
 * from any database size; tickets (nanoseconds since boot) stay below 2^62
 * for a century of uptime, so byte + length never overflow off_t. */
static const off_t counter_byte = (off_t)1 << 62;
static const off_t ticket_base = ((off_t)1 << 62) + 1;
#endif

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double wait_bound_ms(void)
{
	const char *e = pc_config_env("PARCOURS_WRITE_WAIT");
	char *end;
	double sec = e ? strtod(e, &end) : -1;
	return e && end != e && !*end && sec >= 0 && sec <= 3600 ? sec * 1e3 : write_wait_ms;
}

/* ---- the shared descriptors: one per database file in this process ---- */

enum queue_kind { QUEUE_TICKETS, QUEUE_FLOCK, QUEUE_NONE };

struct queue_file {
	dev_t dev;
	ino_t ino;
	int fd;
	int users; /* stores of this process with this file open */
	int held;  /* of those, inside a write */
	enum queue_kind kind;
	off_t ticket; /* the byte this process holds while in line, 0 for none */
};
static struct queue_file *files;
static size_t nfiles;
static pid_t files_pid; /* the process they belong to */

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
	if (files_pid != getpid()) {
		/* a child of fork(): the descriptors (closed on exec) are the
		 * parent's, and so is their place in line; take its own */
		free(files);
		files = NULL;
		nfiles = 0;
		files_pid = getpid();
	}
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
	/* write locks need a descriptor open for writing; the file is never
	 * written through it */
	enum queue_kind kind = QUEUE_TICKETS;
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		kind = QUEUE_FLOCK;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0) {
		close(fd); /* a file we cannot even stat holds no lock of ours */
		return -1;
	}
	files[nfiles++] = (struct queue_file){sb.st_dev, sb.st_ino, fd, 1, 0, kind, 0};
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

/* One blocking lock request: a byte range when `fl`, else flock(). */
static int lock_now(int fd, struct flock *fl, bool wait)
{
#ifdef F_OFD_SETLKW
	if (fl)
		return fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, fl);
#endif
	return flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
}

/* Takes the lock, sleeping until it is free or the clock passes `deadline`
 * (now_ms): a timer interrupts the call (no SA_RESTART), and rings again
 * every 20 ms in case one ring came just before the call. 0, ETIMEDOUT or
 * an errno. */
static int lock_until(int fd, struct flock *fl, double deadline)
{
	if (lock_now(fd, fl, false) == 0)
		return 0;
	if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EACCES)
		return errno;
	double left = deadline - now_ms();
	if (left <= 0)
		return ETIMEDOUT;
	struct sigevent ev = {.sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGALRM};
	ev._sigev_un._tid = gettid();
	timer_t timer;
	if (timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0) {
		/* no timer: poll, sleeping longer and longer (up to 20 ms) */
		for (long step = 1000000; now_ms() < deadline;
		     step = step < 20000000 ? step * 2 : step) {
			nanosleep(&(struct timespec){0, step}, NULL);
			if (lock_now(fd, fl, false) == 0)
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
	long ms = (long)left + 1;
	struct itimerspec when = {.it_value = {ms / 1000, (ms % 1000) * 1000000L},
	                          .it_interval = {0, 20000000L}};
	timer_rang = 0;
	timer_settime(timer, 0, &when, NULL);
	int err = 0;
	while (lock_now(fd, fl, true) != 0) {
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

#ifdef F_OFD_SETLKW
static struct flock byte_range(short type, off_t start, off_t len)
{
	return (struct flock){.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
}

/* Takes a ticket: under the counter byte, the next number and its byte. */
static int take_ticket(struct queue_file *f, double deadline)
{
	struct flock counter = byte_range(F_WRLCK, counter_byte, 1);
	int err = lock_until(f->fd, &counter, deadline);
	if (err)
		return err;
	for (int tries = 0; tries < 8; tries++) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		off_t t = (off_t)ts.tv_sec * 1000000000 + ts.tv_nsec + 1;
		struct flock mine = byte_range(F_WRLCK, ticket_base + t, 1);
		/* refused only if another process had the same nanosecond */
		if ((err = lock_now(f->fd, &mine, false) == 0 ? 0 : errno) == 0) {
			f->ticket = ticket_base + t;
			break;
		}
	}
	counter.l_type = F_UNLCK;
	fcntl(f->fd, F_OFD_SETLK, &counter);
	return err;
}

/* The highest byte in [ticket_base, top) that another process holds, 0 for
 * none. F_OFD_GETLK names one lock in a range (the oldest there), not the
 * highest, so: first the whole range (nobody ahead, the common case, is one
 * call); then windows just below `top`, four times wider each time (from
 * 65 us of tickets), since the one just ahead of a writer in a busy line
 * came a fraction of a millisecond earlier; once a window holds a lock,
 * each further call looks above the last lock found, and a window holds
 * one or two. Some 4 calls of a microsecond in a line of 50, where a
 * binary search over the whole range took 45. */
static off_t highest_below(int fd, off_t top)
{
	struct flock probe = byte_range(F_WRLCK, ticket_base, top - ticket_base);
	if (fcntl(fd, F_OFD_GETLK, &probe) != 0 || probe.l_type == F_UNLCK)
		return 0;
	off_t found = 0, width = (off_t)1 << 16;
	for (off_t hi = top; !found; width = width < ((off_t)1 << 60) ? width * 4 : width) {
		off_t lo = hi - ticket_base > width ? hi - width : ticket_base;
		probe = byte_range(F_WRLCK, lo, hi - lo);
		if (fcntl(fd, F_OFD_GETLK, &probe) != 0)
			return 0;
		if (probe.l_type != F_UNLCK)
			found = probe.l_start > lo ? probe.l_start : lo;
		else if (lo == ticket_base)
			return 0; /* the one seen at first has gone since */
		else
			hi = lo; /* nothing in [lo, hi) */
	}
	/* nothing at or above the window's top: look above the lock found
	 * until no other is held between it and our ticket */
	for (;;) {
		probe = byte_range(F_WRLCK, found + 1, top - found - 1);
		if (found + 1 >= top || fcntl(fd, F_OFD_GETLK, &probe) != 0 ||
		    probe.l_type == F_UNLCK)
			return found;
		found = probe.l_start > found + 1 ? probe.l_start : found + 1;
	}
}

/* Waits until every ticket before ours is released: asleep on the byte of
 * the one just ahead, so that a release wakes its successor alone; then
 * again on any earlier one still held (one ahead gave up or died). */
static int wait_turn(struct queue_file *f, double deadline)
{
	for (off_t ahead; (ahead = highest_below(f->fd, f->ticket)) != 0;) {
		struct flock b = byte_range(F_WRLCK, ahead, 1);
		int err = lock_until(f->fd, &b, deadline);
		if (err)
			return err;
		b.l_type = F_UNLCK;
		fcntl(f->fd, F_OFD_SETLK, &b);
	}
	return 0;
}

static void leave_tickets(struct queue_file *f)
{
	struct flock mine = byte_range(F_UNLCK, f->ticket, 1);
	fcntl(f->fd, F_OFD_SETLK, &mine);
	f->ticket = 0;
}
#endif

/* Whether an errno from a lock request says this file system has no such
 * locks, rather than that someone holds them. */
static bool unsupported(int err)
{
	return err == EINVAL || err == ENOLCK || err == EOPNOTSUPP || err == ENOSYS ||
	       err == EBADF;
}

void store_queue_enter(struct pc_store *s)
{
	s->write_since = now_ms();
	s->write_deadline = s->write_since + wait_bound_ms();
	s->line_stuck = false;
	struct queue_file *f = find_file(s->queue_fd);
	if (!f || s->in_queue)
		return;
	/* another store of this process already holds it: the descriptor is
	 * shared, so the place is already ours; SQLite orders the two */
	if (f->held) {
		f->held++;
		s->in_queue = true;
		return;
	}
	int err = 0;
#ifdef F_OFD_SETLKW
	if (f->kind == QUEUE_TICKETS) {
		err = take_ticket(f, s->write_deadline);
		if (err == 0) {
			/* Past the bound, whoever is ahead is stuck, or is not a
			 * parcours writer at all (anyone who can read the file can
			 * lock it): go on and let SQLite decide, keeping our
			 * place so that those behind us still wait for us. */
			if (wait_turn(f, s->write_deadline) != 0)
				s->line_stuck = true;
			f->held++;
			s->in_queue = true;
			return;
		}
		if (!unsupported(err)) {
			s->line_stuck = err == ETIMEDOUT;
			return;
		}
		f->kind = QUEUE_FLOCK;
	}
#else
	if (f->kind == QUEUE_TICKETS)
		f->kind = QUEUE_FLOCK;
#endif
	if (f->kind == QUEUE_NONE)
		return;
	err = lock_until(f->fd, NULL, s->write_deadline);
	if (err != 0) {
		/* no flock() here either: SQLite's busy handler alone */
		if (unsupported(err))
			f->kind = QUEUE_NONE;
		s->line_stuck = err == ETIMEDOUT;
		return;
	}
	f->held++;
	s->in_queue = true;
}

enum pc_status store_write_failed(struct pc_store *s, int rc, struct pc_problems *pr)
{
	if ((rc & 0xff) != SQLITE_BUSY || s->write_since <= 0)
		return store_fail(s, rc, pr);
	double waited = (now_ms() - s->write_since) / 1e3;
	if (s->line_stuck)
		pc_problems_add(pr, false, "database",
		                _("the saves ahead did not move for %.1f s: nothing was saved; "
		                  "try again"),
		                waited);
	else
		pc_problems_add(pr, false, "database",
		                _("the database stayed busy for %.1f s: nothing was saved; try "
		                  "again"),
		                waited);
	return PC_UNUSABLE;
}

/* A passive checkpoint: copies what it can of the write-ahead log into the
 * database file without waiting for anyone. */
static void checkpoint(struct pc_store *s)
{
	s->log_full = false;
	sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

/* Makes what this connection committed durable: one sync of the
 * write-ahead log (fdatasync), which covers every commit written to it
 * before, this process's and others'. SQLite's own sync at COMMIT
 * (synchronous = FULL) is off on writers (store.c's open_writer) so that
 * this sync runs after the line has moved on: the commits of writers in
 * line then share their syncs (a group commit by the disk) instead of each
 * holding the line for one. Nobody is told "saved" before it returns.
 * SQLITE_OK, or the sync's failure. */
static int sync_log(struct pc_store *s)
{
	s->unsynced = false;
	sqlite3_file *log = NULL;
	int rc = sqlite3_file_control(s->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log);
	if (rc != SQLITE_OK)
		return rc;
	if (!log || !log->pMethods)
		return SQLITE_IOERR_FSYNC; /* a commit without a log: cannot happen in WAL */
	return log->pMethods->xSync(log, SQLITE_SYNC_NORMAL);
}

int store_queue_leave(struct pc_store *s)
{
	if (!s->db || !sqlite3_get_autocommit(s->db))
		return SQLITE_OK; /* still inside the write */
	/* Inside the line, before the next writer begins: then the log is all
	 * copied when it starts, and its first write starts the log again from
	 * the beginning. After the line moved on (as before), the next writer
	 * had always begun on a log not yet copied, so the log only grew while
	 * saves kept coming, every save past 1,000 frames ran a checkpoint of
	 * its own (two in five, with 50 writers) and their fsyncs slowed the
	 * commits in the line. One checkpoint in the line per 1,000 frames
	 * costs it far less. */
	if (s->log_full)
		checkpoint(s);
	s->write_since = s->write_deadline = 0;
	if (s->in_queue) {
		struct queue_file *f = find_file(s->queue_fd);
		s->in_queue = false;
		if (f && --f->held == 0) {
#ifdef F_OFD_SETLKW
			if (f->ticket)
				leave_tickets(f);
			else
#endif
				flock(f->fd, LOCK_UN);
		}
	}
	return s->unsynced ? sync_log(s) : SQLITE_OK;
}

/* ---- after a write, and SQLite's own waits ---- */

/* SQLite calls this after each commit with the log's size in frames; it
 * replaces SQLite's automatic checkpoint, which would run at every commit
 * once the log is past the mark. A checkpoint is due when this commit
 * crossed a multiple of checkpoint_frames: once per 1,000 frames written.
 * Past the mark the log did not start again (a reader was still on its
 * frames when the checkpoint ran, as a busy machine makes likely): tried
 * again every 100 frames, not at every commit, so that the log starts
 * again soon after the reader is done (at 1,100 frames rather than 2,000)
 * and a long reader costs a cheap try per 100 frames (it copies nothing
 * new while the reader stays). */
static int on_commit(void *arg, sqlite3 *db, const char *name, int frames)
{
	(void)name;
	struct pc_store *s = arg;
	int written = 0, high = 0;
	/* pages this connection wrote since the last call: this commit's frames */
	if (sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_WRITE, &written, &high, 1) != SQLITE_OK ||
	    written > frames)
		written = frames;
	int step = frames > checkpoint_frames ? checkpoint_retry_frames : checkpoint_frames;
	if ((frames - written) / step != frames / step)
		s->log_full = true;
	s->wrote = true;
	/* inside a write bracket, store_queue_leave syncs once the line has
	 * moved on; a statement committed on its own is synced here (SQLite
	 * released its lock before calling) */
	s->unsynced = true;
	if (s->write_since <= 0)
		sync_log(s);
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
 * waiter does not spin; gives up after busy_wait_ms of wall-clock time, or,
 * for a write, at the deadline store_queue_enter set (at once when the line
 * already used it all). */
int store_busy_wait(void *arg, int count)
{
	double *since = arg;
	/* arg is the busy_since of a store (store.c's connect_db) */
	const struct pc_store *s =
	    (const struct pc_store *)((char *)arg - offsetof(struct pc_store, busy_since));
	double now = now_ms();
	if (count == 0)
		*since = now;
	if (s->write_deadline > 0 ? now >= s->write_deadline : now - *since >= busy_wait_ms)
		return 0;
	long us = count < 10 ? 1000 : count < 40 ? 5000 : 20000;
	nanosleep(&(struct timespec){0, us * 1000}, NULL);
	return 1;
}
