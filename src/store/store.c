/* The store's connection (store.h): opening a file safely (its owner and
 * companions checked in owner.c), the pragmas and the embedded migrations
 * (data/, one SQL file per schema version). A file is only ever written
 * once it is known to be a parcours database of a schema this binary may
 * change. Transactions are in transaction.c, the writers' line and the
 * checkpoints in writer.c, the queries in participant.c,
 * participant_search.c, revision.c and draft.c, the statement cache and the
 * wording of SQLite failures in sql.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include "embedded.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "store_internal.h"

/* 'PCRS' in the SQLite header, so `file` and other programs can tell. */
static const int application_id = 0x50435253;
static const char sqlite_magic[16] = "SQLite format 3";

static enum pc_status not_parcours(const char *path, struct pc_problems *pr)
{
	pc_problems_add(pr, false, "database", _("%s is not a parcours database"), path);
	return PC_UNUSABLE;
}

static enum pc_status cannot_write(const char *path, int err, struct pc_problems *pr)
{
	if (err == EACCES || err == EPERM)
		pc_problems_add(pr, false, "database", _("cannot write %s: permission denied"),
		                path);
	else if (err == EROFS)
		pc_problems_add(pr, false, "database",
		                _("cannot write %s: the file system is read-only"), path);
	else
		pc_problems_add(pr, false, "database", _("cannot write %s: %s"), path,
		                strerror(err));
	return PC_UNUSABLE;
}

static enum pc_status cannot_read(const char *path, int err, struct pc_problems *pr)
{
	if (err == EACCES || err == EPERM)
		pc_problems_add(pr, false, "database", _("cannot read %s: permission denied"),
		                path);
	else
		pc_problems_add(pr, false, "database", _("cannot read %s: %s"), path,
		                strerror(err));
	return PC_UNUSABLE;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static int pragma_int(sqlite3 *db, const char *sql, int *value)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*value = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/* ---- opening ---- */

void pc_store_startup(void)
{
	/* SQLITE_MISUSE once SQLite is initialised: then nothing changes */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)NULL, 0, 0);
}

int pc_store_schema_latest(void)
{
	int v = 0;
	for (size_t i = 0; i < pc_migrations_len; i++)
		if (pc_migrations[i].version > v)
			v = pc_migrations[i].version;
	return v;
}

static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

enum pc_status pc_store_make_folders(const char *path, struct pc_problems *pr)
{
	char *dir = folder_of(path);
	if (!dir)
		return store_oom(pr);
	enum pc_status st = PC_OK;
	for (char *p = dir + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, store_folder_mode()) != 0 && errno != EEXIST) {
			st = cannot_write(dir, errno, pr);
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return st;
}

/* 0 when this process may write `path` (a file, or a folder to add the
 * WAL files in), else an errno. A file or folder without any write
 * permission bit counts as read-only even for root: someone made it so. */
static int unwritable(const char *path)
{
	struct stat sb;
	/* the effective ids: a setgid install writes as its group */
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
		return errno;
	if (stat(path, &sb) != 0)
		return errno;
	if (!(sb.st_mode & 0222))
		return EACCES;
	if (S_ISDIR(sb.st_mode) && faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) != 0)
		return errno;
	return 0;
}

/* Checks the file before SQLite sees it: a plain file that is empty or
 * starts with SQLite's magic, writable (with its folder, for the WAL) unless
 * reading. Creates it (0600, 0660 shared: store_file_mode) in CREATE mode;
 * *created tells. */
static enum pc_status check_file(const char *path, enum pc_store_mode mode, bool *created,
                                 struct pc_problems *pr)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return cannot_read(path, errno, pr);
		if (mode != PC_STORE_CREATE) {
			pc_problems_add(pr, false, "database",
			                _("%s does not exist: run \"parcours init\" to create it"),
			                path);
			return PC_UNUSABLE;
		}
		enum pc_status st = pc_store_make_folders(path, pr);
		if (st != PC_OK)
			return st;
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, store_file_mode());
		if (fd < 0 && errno != EEXIST) {
			/* it is the folder that refuses a new file */
			int err = errno;
			char *dir = folder_of(path);
			st = dir ? cannot_write(dir, err, pr) : store_oom(pr);
			free(dir);
			return st;
		}
		if (fd >= 0) {
			close(fd);
			*created = true;
		}
		if (stat(path, &sb) != 0)
			return cannot_read(path, errno, pr);
	}
	if (S_ISDIR(sb.st_mode)) {
		pc_problems_add(pr, false, "database", _("%s is a folder, not a database file"),
		                path);
		return PC_UNUSABLE;
	}
	if (!S_ISREG(sb.st_mode))
		return not_parcours(path, pr);
	if (sb.st_size > 0) {
		char head[sizeof(sqlite_magic)] = {0};
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return cannot_read(path, errno, pr);
		ssize_t n = read(fd, head, sizeof(head));
		close(fd);
		if (n != (ssize_t)sizeof(head) || memcmp(head, sqlite_magic, sizeof(head)) != 0)
			return not_parcours(path, pr);
	}
	if (mode == PC_STORE_READ)
		return PC_OK;
	int err = unwritable(path);
	if (err)
		return cannot_write(path, err, pr);
	char *dir = folder_of(path);
	if (!dir)
		return store_oom(pr);
	err = unwritable(dir);
	enum pc_status st = err ? cannot_write(dir, err, pr) : PC_OK;
	free(dir);
	return st;
}

static enum pc_status connect_db(const char *path, int flags, sqlite3 **db, double *busy_clock,
                                 struct pc_problems *pr)
{
	/* one thread per connection (parcours starts none): SQLite's mutex
	 * around every call is pure cost (12% of a year report's instructions) */
	int rc = sqlite3_open_v2(path, db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		enum pc_status st = store_fail_db(*db, rc, pr);
		sqlite3_close(*db);
		*db = NULL;
		return st;
	}
	sqlite3_extended_result_codes(*db, 1);
	sqlite3_busy_handler(*db, store_busy_wait, busy_clock);
	/* No writable_schema and the like, whatever a file or a statement asks.
	 * (trusted_schema stays on: SQLite 3.40 does not mark the JSON
	 * functions of our CHECK constraints innocuous.) */
	sqlite3_db_config(*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	return PC_OK;
}

/* Settings of a connection to a checked file (cache_size reads the schema);
 * an SQLite result code. 16 MB of page cache holds the search indexes of
 * some 100,000 participants; savepoint journals stay in memory instead of
 * going through a temporary file for every page an intake touches. */
static int tune(struct pc_store *s, const char *more)
{
	int rc = exec(s->db, "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY");
	return rc == SQLITE_OK ? exec(s->db, more) : rc;
}

enum pc_status pc_store_bounded(struct pc_store *s, struct pc_problems *pr)
{
	/* a read-only connection writes no statement journal: its temporary
	 * files are only the sorts that outgrow the cache */
	int rc = exec(s->db, s->read_only ? "PRAGMA cache_size = -2048; PRAGMA temp_store = FILE"
					  : "PRAGMA cache_size = -2048");
	return rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
}

/* Reads the identity of an open file (application id, schema version) and
 * decides whether this mode may use it: CREATE may migrate an older schema,
 * READ and WRITE need the current one. */
static enum pc_status check_schema(sqlite3 *db, const char *path, enum pc_store_mode mode,
                                   int *version, struct pc_problems *pr)
{
	int app = 0, tables = 0;
	int rc = pragma_int(db, "PRAGMA application_id", &app);
	if (rc == SQLITE_OK)
		rc = pragma_int(db, "PRAGMA user_version", version);
	/* Both pragmas read the file's header only; counting the tables makes
	 * SQLite parse the whole schema (8% of a `parcours submit`), needed
	 * only to tell an empty file from someone else's database. */
	if (rc == SQLITE_OK && app == 0)
		rc = pragma_int(db, "SELECT count(*) FROM sqlite_schema", &tables);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return not_parcours(path, pr);
	if (rc != SQLITE_OK)
		return store_fail_db(db, rc, pr);
	/* Every parcours schema sets the application id in the transaction
	 * that creates its tables, so tables without it belong to someone else. */
	if ((app != 0 && app != application_id) || (app == 0 && tables > 0))
		return not_parcours(path, pr);
	int latest = pc_store_schema_latest();
	if (*version > latest) {
		pc_problems_add(pr, false, "database",
		                _("this database was written by a newer parcours (schema %d); "
		                  "this program knows schema %d"),
		                *version, latest);
		return PC_UNUSABLE;
	}
	if (*version < latest && mode != PC_STORE_CREATE) {
		if (*version == 0)
			pc_problems_add(pr, false, "database",
			                _("%s is not set up yet: run \"parcours init\""), path);
		else
			pc_problems_add(pr, false, "database",
			                _("this database uses schema %d and this program needs "
			                  "schema %d: run \"parcours init\" to upgrade it"),
			                *version, latest);
		return PC_UNUSABLE;
	}
	return PC_OK;
}

/* The steps of a migration SQL cannot write so that they run again: the
 * column of data/017_revision_settles.sql, added where it is missing, and
 * the fill of data/012's month totals (month_totals.c). */
static int migrated_in_c(struct pc_store *s, int version)
{
	if (version != 17)
		return store_month_totals_migrated(s, version);
	int has = 0;
	int rc = pragma_int(s->db, "SELECT count(*) FROM pragma_table_info('revision') "
	                           "WHERE name = 'settles'", &has);
	if (rc == SQLITE_OK && !has)
		rc = exec(s->db, "ALTER TABLE revision ADD COLUMN settles INTEGER "
		                 "CHECK (settles IS NULL OR settles >= 1)");
	return rc;
}

/* Applies every embedded migration newer than the file, each in its own
 * transaction with the version bump, so a failure leaves the last good one. */
static enum pc_status migrate(struct pc_store *s, struct pc_problems *pr)
{
	for (size_t i = 0; i < pc_migrations_len; i++) {
		const struct pc_migration *m = &pc_migrations[i];
		if (m->version <= s->version)
			continue;
		store_queue_enter(s);
		int rc = exec(s->db, "BEGIN IMMEDIATE");
		if (rc != SQLITE_OK) {
			store_queue_leave(s);
			return store_fail(s, rc, pr);
		}
		int now = 0;
		/* another `parcours init` may have done it while we waited */
		rc = pragma_int(s->db, "PRAGMA user_version", &now);
		if (rc == SQLITE_OK && now >= m->version) {
			exec(s->db, "ROLLBACK");
			store_queue_leave(s);
			s->version = now;
			continue;
		}
		if (rc == SQLITE_OK)
			rc = exec(s->db, m->sql);
		if (rc == SQLITE_OK)
			rc = migrated_in_c(s, m->version);
		if ((rc & 0xff) == SQLITE_ERROR || (rc & 0xff) == SQLITE_CONSTRAINT) {
			pc_problems_add(pr, false, "database", _("the migration %s failed: %s"),
			                m->name, sqlite3_errmsg(s->db));
			exec(s->db, "ROLLBACK");
			store_queue_leave(s);
			return PC_UNUSABLE;
		}
		if (rc == SQLITE_OK) {
			char sql[96];
			snprintf(sql, sizeof(sql),
			         "PRAGMA user_version = %d; PRAGMA application_id = %d", m->version,
			         application_id);
			rc = exec(s->db, sql);
		}
		if (rc == SQLITE_OK)
			rc = exec(s->db, "COMMIT");
		if (rc != SQLITE_OK) {
			enum pc_status st = store_fail(s, rc, pr);
			if (!sqlite3_get_autocommit(s->db))
				exec(s->db, "ROLLBACK");
			store_queue_leave(s);
			return st;
		}
		if ((rc = store_queue_leave(s)) != SQLITE_OK)
			return store_unconfirmed(s, rc, pr);
		s->version = m->version;
		s->migrated = true;
	}
	return PC_OK;
}

/* The read-write connection: WAL so readers never wait for a writer. A
 * saved form survives a power cut, but SQLite does not sync the log at
 * COMMIT (synchronous = NORMAL): writer.c syncs it after the writers' line
 * has moved on and before anyone is told the change is saved, so that the
 * saves of a line share their syncs. NORMAL still syncs the log before
 * each checkpoint and when the log starts again, and a power cut can only
 * take the newest commits whole, never a part of one (the log's
 * checksums): those are commits whose writers had not yet said "saved". */
static enum pc_status open_writer(struct pc_store *s, struct pc_problems *pr)
{
	enum pc_status st = connect_db(s->path, SQLITE_OPEN_READWRITE, &s->db, &s->busy_since, pr);
	if (st != PC_OK)
		return st;
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return cannot_write(s->path, EACCES, pr);
	int rc = exec(s->db, "PRAGMA journal_mode = WAL");
	if (rc == SQLITE_OK)
		rc = tune(s, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON");
	store_queue_watch(s);
	return rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
}

/* A file: URI for a look at `path` that creates nothing: immutable (no
 * -wal or -shm files, no locks) when no write-ahead log holds anything
 * newer than the file, else a plain read-only open. NULL when out of
 * memory; *flags gets the open flags. */
static char *inspect_uri(const char *path, int *flags)
{
	size_t n = strlen(path);
	char *wal = malloc(n + 5);
	if (!wal)
		return NULL;
	snprintf(wal, n + 5, "%s-wal", path);
	struct stat sb;
	bool live = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	*flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
	struct pc_buf uri = {0};
	pc_buf_puts(&uri, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("/-._~", *c))
			pc_buf_putc(&uri, (char)*c);
		else
			pc_buf_printf(&uri, "%%%02X", *c);
	}
	if (!live)
		pc_buf_puts(&uri, "?immutable=1");
	return pc_buf_take(&uri);
}

/* Whether SQLite result `rc` on `db` means that the disk is full. */
static bool disk_full(sqlite3 *db, int rc)
{
	return (rc & 0xff) == SQLITE_FULL ||
	       ((rc & 0xff) == SQLITE_IOERR && sqlite3_system_errno(db) == ENOSPC);
}

/* The reading connection: read-write but query-only when the file and
 * folder allow, so that closing it checkpoints and removes the WAL files
 * as a writer would; read-only otherwise. */
static enum pc_status open_reader(struct pc_store *s, struct pc_problems *pr)
{
	char *dir = folder_of(s->path);
	if (!dir)
		return store_oom(pr);
	bool rw = !unwritable(s->path) && !unwritable(dir);
	enum pc_status st =
	    connect_db(s->path, rw ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, &s->db,
	               &s->busy_since, pr);
	int rc = st == PC_OK ? tune(s, "PRAGMA query_only = 1") : SQLITE_OK;
	if (st == PC_OK && rw && disk_full(s->db, rc)) {
		/* The disk is full: the shared index (-shm) cannot be created or
		 * grown. Keep the index in this process's memory instead, which
		 * SQLite allows only with the file locked to this connection
		 * (exclusive locking mode) until it closes: a moment for a command
		 * that reads, and writers cannot write on a full disk anyway. */
		sqlite3_close(s->db);
		s->db = NULL;
		st = connect_db(s->path, SQLITE_OPEN_READWRITE, &s->db, &s->busy_since, pr);
		rc = st == PC_OK ? exec(s->db, "PRAGMA locking_mode = EXCLUSIVE") : SQLITE_OK;
		if (rc == SQLITE_OK && st == PC_OK)
			rc = tune(s, "PRAGMA query_only = 1");
	}
	if (st == PC_OK) {
		/* WAL: with no -shm file yet, even a reader must create one */
		if ((rc & 0xff) == SQLITE_READONLY) {
			pc_problems_add(pr, false, "database",
			                _("cannot read %s without write access to its folder %s, "
			                  "where the database keeps its journal"),
			                s->path, dir);
			st = PC_UNUSABLE;
		} else if (rc != SQLITE_OK) {
			st = store_fail(s, rc, pr);
		}
	}
	free(dir);
	return st;
}

/* Leaves nothing behind of a file this failed open created. */
static void remove_created(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t n = strlen(path) + strlen(suffixes[i]) + 1;
		char *f = malloc(n);
		if (f) {
			snprintf(f, n, "%s%s", path, suffixes[i]);
			unlink(f);
			free(f);
		}
	}
}

enum pc_status pc_store_open(const char *path, enum pc_store_mode mode, struct pc_store **out,
                             struct pc_problems *pr)
{
	*out = NULL;
	struct pc_store *s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return store_oom(pr);
	}
	s->read_only = mode == PC_STORE_READ;
	s->queue_fd = -1;
	bool created = false;
	enum pc_status st = check_file(path, mode, &created, pr);
	if (st == PC_OK)
		st = store_check_owners(path, pr);
	if (st != PC_OK)
		goto out;
	/* Look first without writing or creating anything: a file that is not
	 * ours, or of another schema, must come out of this untouched. */
	int flags = 0;
	char *uri = inspect_uri(path, &flags);
	st = uri ? connect_db(uri, flags, &s->db, &s->busy_since, pr) : store_oom(pr);
	free(uri);
	if (st == PC_OK)
		st = check_schema(s->db, path, mode, &s->version, pr);
	sqlite3_close(s->db);
	s->db = NULL;
	if (st != PC_OK)
		goto out;
	if (mode == PC_STORE_READ) {
		st = open_reader(s, pr);
	} else {
		s->queue_fd = store_queue_open(path);
		st = open_writer(s, pr);
		if (st == PC_OK && mode == PC_STORE_CREATE)
			st = migrate(s, pr);
	}
out:
	if (st != PC_OK) {
		pc_store_close(&s);
		if (created)
			remove_created(path);
		return st;
	}
	*out = s;
	return PC_OK;
}

void pc_store_close(struct pc_store **sp)
{
	struct pc_store *s = *sp;
	if (!s)
		return;
	if (s->db && !sqlite3_get_autocommit(s->db))
		exec(s->db, "ROLLBACK");
	store_sync_drop(s);
	store_queue_leave(s);
	/* Closing checkpoints only when no other process has the file open;
	 * a command's saves should reach the file even when one does. */
	store_checkpoint_if_wrote(s);
	for (size_t i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].stmt);
	free(s->cache);
	sqlite3_close(s->db);
	/* after SQLite's close: closing it earlier would drop SQLite's locks */
	store_queue_close(s->queue_fd);
	free(s->path);
	free(s);
	*sp = NULL;
}

int pc_store_schema_version(struct pc_store *s)
{
	return s->version;
}

bool pc_store_was_migrated(struct pc_store *s)
{
	return s->migrated;
}
