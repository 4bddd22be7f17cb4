/* What the files of src/store/ share and nobody else sees: the connection
 * struct, the statement cache, SQLite error reporting and the "one write
 * operation" bracket. Not a public API; the core includes parcours/store.h. */
#ifndef PARCOURS_STORE_INTERNAL_H
#define PARCOURS_STORE_INTERNAL_H
#include <sys/types.h>
#include <sqlite3.h>
#include <stdbool.h>
#include "parcours/store.h"

struct store_cached {
	const char *sql; /* a string literal: its address is the key */
	sqlite3_stmt *stmt;
};

struct pc_store {
	sqlite3 *db;
	char *path;
	int version;                /* PRAGMA user_version of the file */
	bool migrated;              /* this open created or migrated the schema */
	bool read_only;             /* PC_STORE_READ */
	int depth;                  /* pc_store_begin nesting: 0 outside a transaction */
	int queue_fd;               /* writer.c's shared descriptor, -1 when none */
	bool in_queue;              /* this store holds the writers' line */
	bool wrote;                 /* a transaction was committed since the last checkpoint */
	bool log_full;              /* the last commit took the log past a checkpoint mark */
	bool unsynced;              /* committed, the log not yet synced (writer.c) */
	double busy_since;          /* store_busy_wait's clock */
	double write_since;         /* when this write began waiting (writer.c), 0 outside */
	double write_deadline;      /* when it stops waiting, 0 outside a write */
	bool line_stuck;            /* the line did not move before the deadline */
	struct store_cached *cache; /* grows: one entry per SQL text used */
	size_t ncache, cache_cap;
	struct sqlite3_session *sync_session; /* sync_record.c: the write's changes */
};

/* The prepared statement for `sql` (a string literal), reset and with its
 * bindings cleared; kept until the store closes. NULL with a problem on
 * failure. Callers sqlite3_reset() it when done so no read stays open. */
sqlite3_stmt *store_stmt(struct pc_store *s, const char *sql, struct pc_problems *pr);

/* Adds the problem that matches SQLite result `rc` (busy, disk full,
 * damaged file...) with where "database"; returns PC_UNUSABLE. */
enum pc_status store_fail(struct pc_store *s, int rc, struct pc_problems *pr);
/* After a commit whose log sync failed (store_queue_leave's `rc`): the
 * change is in the file but the disk did not confirm it. PC_UNUSABLE. */
enum pc_status store_unconfirmed(struct pc_store *s, int rc, struct pc_problems *pr);
/* The same as store_fail for a connection that is not (yet) a store. */
enum pc_status store_fail_db(sqlite3 *db, int rc, struct pc_problems *pr);
/* Records "out of memory" (where "database"); returns PC_UNUSABLE. */
enum pc_status store_oom(struct pc_problems *pr);

/* Brackets one write operation made of several statements so that it is
 * applied whole or not at all: a BEGIN IMMEDIATE of its own when the caller
 * has no transaction open, else a savepoint inside the caller's. */
enum pc_status store_op_begin(struct pc_store *s, bool *own, struct pc_problems *pr);
/* Ends the operation: kept when st is PC_OK, undone otherwise. Returns st,
 * or the failure of the commit. */
enum pc_status store_op_end(struct pc_store *s, bool own, enum pc_status st,
                            struct pc_problems *pr);

/* Before SQLite opens `path` (owner.c): the database must belong to this
 * user or to a group the process runs with, and be writable by no one
 * else; its -wal and -shm, when present, must be plain files of this user
 * or of the database's group, open to others no more than the database.
 * PC_UNUSABLE with a problem otherwise; a warning when others may read. */
enum pc_status store_check_owners(const char *path, struct pc_problems *pr);
/* In a shared install (config.h pc_config_shared) the rule is the group's:
 * the database and every companion (-wal, -shm, -journal) must carry the
 * group the process runs with (the installation's), whoever owns them;
 * store_check_owners refuses them otherwise. New files and folders are then
 * the group's too: these are the modes to create them with (0600 and 0700
 * for one person; 0660 and 02770 shared). */
mode_t store_file_mode(void);
mode_t store_folder_mode(void);

/* ---- change recording for sync (sync_record.c) ---- */
/* After BEGIN IMMEDIATE: attaches a session recording the write when the
 * database takes part in sync. PC_UNUSABLE (the caller rolls back) when it
 * cannot: a write that cannot be recorded does not happen. */
enum pc_status store_sync_start(struct pc_store *s, struct pc_problems *pr);
/* Before COMMIT: appends the write's changeset to sync_log (nothing when
 * it changed nothing recorded) and drops the session. */
enum pc_status store_sync_finish(struct pc_store *s, struct pc_problems *pr);
/* On rollback: drops the session without recording. */
void store_sync_drop(struct pc_store *s);
/* Stops (true) or resumes recording the open write: a sync applies changes
 * that are logged as they came, not as new ones. */
void store_sync_pause(struct pc_store *s, bool pause);

/* ---- writers in line (writer.c) ---- */
/* The descriptor on `path` that writers of this process lock, shared by
 * every store of the process on that file (closing any descriptor of a file
 * drops SQLite's locks on it); -1 when it cannot be opened, and then writers
 * rely on SQLite's busy handler alone. Release with store_queue_close. */
int store_queue_open(const char *path);
void store_queue_close(int fd);
/* Before BEGIN IMMEDIATE: waits (asleep, served in arrival order) until
 * every parcours writer that came before has finished, at most until the
 * write's deadline (10 s, or PARCOURS_WRITE_WAIT seconds), which SQLite's
 * busy handler then keeps to; past it, or on a file system without these
 * locks, goes on and lets SQLite decide. */
void store_queue_enter(struct pc_store *s);
/* The problem for BEGIN IMMEDIATE's failure `rc`: when SQLite stayed busy
 * until the deadline, says plainly how long the write waited and that
 * nothing was saved; else store_fail's. Returns PC_UNUSABLE. */
enum pc_status store_write_failed(struct pc_store *s, int rc, struct pc_problems *pr);
/* After COMMIT or ROLLBACK (does nothing while a transaction is open):
 * checkpoints when the commit took the log past another 1,000 frames,
 * lets the next writer in, then syncs the log when this connection
 * committed: SQLITE_OK, or the failed sync's result (the commit is in the
 * file, but the disk did not confirm it). */
int store_queue_leave(struct pc_store *s);
/* Replaces SQLite's automatic checkpoint by store_queue_leave's. */
void store_queue_watch(struct pc_store *s);
/* A passive checkpoint when this connection committed anything since the
 * last one, so that saves reach the database file, not only its log. */
void store_checkpoint_if_wrote(struct pc_store *s);
/* SQLite busy handler; `arg` is the busy_since of the store whose
 * connection it serves. */
int store_busy_wait(void *arg, int count);

/* Runs a statement that returns no row (a write) to its end and resets it:
 * PC_OK, or the problem that matches SQLite's result. */
enum pc_status store_step_done(struct pc_store *s, sqlite3_stmt *st, struct pc_problems *pr);

/* Binds text, NULL for a NULL pointer. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* malloc'ed copy of column i, NULL for SQL NULL; *oom set on failure. */
char *store_column_dup(sqlite3_stmt *st, int i, bool *oom);

/* After migration `version` ran its SQL, in its transaction: fills the
 * month totals the migration that made the table left empty
 * (month_totals.c). A SQLite result code. */
int store_month_totals_migrated(struct pc_store *s, int version);

/* The columns store_read_participant expects, in order, for a table alias p. */
/* The ORDER BY terms of file numbers among namesakes: the shorter first,
 * then as text. File numbers carry at least four digits ("2026-0041"), so
 * within one prefix this is the order of their numbers ("2026-2000" before
 * "2026-10000", "RN-2026-0041" before "RN-2026-0100"); a full numeric
 * parse in SQL made sorting a dense range four times slower. The list's
 * name order ends with these; participant_search.c compares the same way
 * in C (file_no_cmp). */
#define STORE_FILE_NO_ORDER(f) "length(" f "), " f
/* When entry e (alias e) was written here, for the same day's entries
 * saved within one second: its first revision's rowid, which grows with
 * every save of this database (ids are random in a copy with a site code,
 * so they say nothing of the order). The entries' order ends with it. */
#define STORE_ENTRY_WRITTEN                                                                        \
	"(SELECT min(w.rowid) FROM revision w WHERE w.participant_id = e.participant_id "          \
	"AND w.form = e.form AND w.period = CAST(e.id AS TEXT))"
#define STORE_PARTICIPANT_COLUMNS                                                                  \
	"p.id, p.file_no, p.family_name, p.given_name, p.birth_date, p.programme, "                \
	"p.counsellor, p.status, p.version, p.created_by, p.created_at"
enum { STORE_PARTICIPANT_NCOLS = 11 };

/* Fills p from STORE_PARTICIPANT_COLUMNS starting at column `first`: with
 * malloc'ed copies (false on allocation failure, p cleared), or, when
 * `borrow`, pointing into the statement's row (valid until the next step). */
bool store_read_participant(sqlite3_stmt *st, int first, bool borrow, struct pc_participant *p);
/* Steps `st` to its end, appending each row's participant (columns from 0)
 * to *out (*n entries so far, growing the array); resets st. */
enum pc_status store_collect_participants(struct pc_store *s, sqlite3_stmt *st,
                                          struct pc_participant **out, size_t *n,
                                          struct pc_problems *pr);

/* Fills buf with n bytes from the kernel's random source (getrandom,
 * else /dev/urandom); false when neither gives them (src/store/site.c). */
bool store_random(unsigned char *buf, size_t n);

/* Adds (add true) or drops one participant_token row per token of `keys`
 * (a participant's search_keys), for the participant named by the folded
 * names and file number (src/store/participant.c). */
enum pc_status store_index_keys(struct pc_store *s, bool add, const char *keys,
                                const char *family_folded, const char *given_folded,
                                const char *file_no, struct pc_problems *pr);

#endif
