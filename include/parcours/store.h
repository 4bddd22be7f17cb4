/* The SQLite store: the only module with SQL (besides expressions). Opens
 * the file with the right pragmas (WAL, busy_timeout, foreign keys), applies
 * the embedded migrations (the data/NNN_name.sql files), and offers the queries the core
 * needs. Every write runs inside pc_store_begin/commit (BEGIN IMMEDIATE).
 * It does not validate answers or know forms: that is the core's job. */
#ifndef PARCOURS_STORE_H
#define PARCOURS_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

struct pc_store;

enum pc_store_mode {
	PC_STORE_READ,   /* read-only; the file must exist with the current schema */
	PC_STORE_WRITE,  /* read-write; the file must exist with the current schema */
	PC_STORE_CREATE, /* read-write; creates the file (mode 0600) and its folder if
			    missing, and migrates an older schema (parcours init) */
};

/* SQLite's process-wide settings for parcours, to call before anything
 * opens a database (later calls change nothing): each connection's page
 * cache takes memory one page at a time as pages are read, not 20 pages
 * at its first read (a command reads a few pages; each new page of memory
 * is a page fault, some 15 us on a loaded virtual machine). */
void pc_store_startup(void);

/* Opens `path`. PC_UNUSABLE with a clear problem when the file is missing
 * (READ/WRITE: "run parcours init"), not a database, damaged, of a newer
 * schema than this binary knows, of an older schema (READ/WRITE), or cannot
 * be written (WRITE/CREATE on a read-only file or folder). Nothing is written
 * in any of these cases. */
enum pc_status pc_store_open(const char *path, enum pc_store_mode mode, struct pc_store **out,
			     struct pc_problems *pr);
/* mkdir -p for the folders above the file `path`, each new one private
 * (0700, or the group's in a shared install): what pc_store_open does for
 * a new database, for one that arrives another way (sync init). */
enum pc_status pc_store_make_folders(const char *path, struct pc_problems *pr);
/* Bounds the memory of a command (each command is a short process reading
 * what it needs once): a 2 MiB page cache instead of the console's 16 MiB,
 * and on a read-only store, sorts that outgrow it spill to a temporary file
 * (deleted on close) instead of memory. */
enum pc_status pc_store_bounded(struct pc_store *s, struct pc_problems *pr);
void pc_store_close(struct pc_store **s);
/* The schema version of the open file and the one this binary writes. */
int pc_store_schema_version(struct pc_store *s);
int pc_store_schema_latest(void);
/* True when `init` created or migrated the schema on this open. */
bool pc_store_was_migrated(struct pc_store *s);

/* BEGIN IMMEDIATE (waits up to busy_timeout for other writers), COMMIT,
 * ROLLBACK. Calls nest: inside an open transaction they are a savepoint,
 * released or rolled back to, and only the outermost commit is durable. Failures are PC_UNUSABLE with a problem ("database is busy",
 * "disk full"...). */
enum pc_status pc_store_begin(struct pc_store *s, struct pc_problems *pr);
enum pc_status pc_store_commit(struct pc_store *s, struct pc_problems *pr);
void pc_store_rollback(struct pc_store *s);

/* ---- participants ---- */
struct pc_participant {
	char *id;          /* primary key: 32 hex digits of randomness, unique across copies */
	char *file_no;     /* human file number, "2026-0001" */
	char *family_name;
	char *given_name;
	char *birth_date;  /* "YYYY-MM-DD" or NULL */
	char *programme;   /* NULL when not enrolled */
	char *counsellor;  /* staff login or NULL */
	char *status;      /* "active", "closed" */
	long long version; /* bumped on every change */
	char *created_by, *created_at;
};
void pc_participant_clear(struct pc_participant *p);

/* Inserts p (inside a transaction). Fills p->id and p->file_no when NULL: the
 * next number of the year of `today` ("YYYY-NNNN", at least 4 digits).
 * `tokens` (NUL-separated list ending with an empty string) are the folded
 * search keys. */
enum pc_status pc_store_participant_insert(struct pc_store *s, struct pc_participant *p,
					   const char *tokens, const char *today,
					   struct pc_problems *pr);
/* Updates names, birth date, programme, counsellor, status and tokens of
 * p->id, bumping version. When expected_version >= 0 and differs from the
 * stored one, PC_REFUSED ("changed by someone else"). */
enum pc_status pc_store_participant_update(struct pc_store *s, struct pc_participant *p,
					   const char *tokens, long long expected_version,
					   struct pc_problems *pr);
/* By file number (exact); PC_REFUSED with "FILE_NO: unknown file number" when none. */
enum pc_status pc_store_participant_get(struct pc_store *s, const char *file_no,
					struct pc_participant *out, struct pc_problems *pr);
/* Participants each of whose query tokens is a prefix of one of their search
 * tokens (tokens already folded), ordered by family then given name, at most
 * `limit`. *out is a malloc'ed array; free with pc_participants_free. */
enum pc_status pc_store_participant_search(struct pc_store *s, const char *const *tokens,
					   size_t ntokens, size_t limit,
					   struct pc_participant **out, size_t *n,
					   struct pc_problems *pr);
/* The same from the offset-th match on (0: the first): at most `limit`
 * participants. */
enum pc_status pc_store_participant_window(struct pc_store *s, const char *const *tokens,
					   size_t ntokens, size_t offset, size_t limit,
					   struct pc_participant **out, size_t *n,
					   struct pc_problems *pr);
/* The same matches in the same order, at most `limit`, each handed to
 * each(ctx, p) as it is read (p's strings valid during the call only);
 * each returns false to stop. Memory stays that of one row whatever the
 * limit (participant_each.c). */
enum pc_status pc_store_participant_each(struct pc_store *s, const char *const *tokens,
					 size_t ntokens, size_t limit,
					 bool (*each)(void *ctx, const struct pc_participant *p),
					 void *ctx, struct pc_problems *pr);
/* How many participants match the tokens (all of them when none): exact up
 * to `cap`; *more when there are more than cap, or when counting gave up
 * (then *count is 0): after a few milliseconds when stop is NULL, else as
 * soon as stop(ctx) returns true (it is asked every few hundred
 * microseconds; *stopped is then set). */
enum pc_status pc_store_participant_matches(struct pc_store *s, const char *const *tokens,
					    size_t ntokens, size_t cap, bool (*stop)(void *),
					    void *ctx, size_t *count, bool *more, bool *stopped,
					    struct pc_problems *pr);
/* One read transaction around several reads (the list's search and the
 * rows it draws), so they see one state of the file and take the file's
 * locks once. *own is false when a transaction was already open (then
 * nothing is done). No write may happen before pc_store_snapshot_end. */
enum pc_status pc_store_snapshot_begin(struct pc_store *s, bool *own, struct pc_problems *pr);
void pc_store_snapshot_end(struct pc_store *s, bool own);
/* The page cache of this connection, in KiB (the console keeps a small
 * one: it reads a few pages per key). */
void pc_store_cache_kib(struct pc_store *s, int kib);
/* Temporary tables and statement journals in files (TMPDIR) past SQLite's
 * small thresholds, not in memory (a writer's default). */
void pc_store_temp_file(struct pc_store *s);
/* Participants born on birth_date or other_birth_date (may be NULL) whose
 * folded family and given names are equal to these, in either order
 * (accent-blind duplicates). */
enum pc_status pc_store_participant_same(struct pc_store *s, const char *birth_date,
					 const char *other_birth_date,
					 const char *family_folded, const char *given_folded,
					 struct pc_participant **out, size_t *n,
					 struct pc_problems *pr);
void pc_participants_free(struct pc_participant **list, size_t n);
/* Number of participants. */
long long pc_store_participant_count(struct pc_store *s);

/* ---- submissions: every save is a new revision, nothing is overwritten ---- */
struct pc_revision {
	char *participant_id;
	char *form;
	char *period;      /* "" or "YYYY-MM" */
	long long revision; /* 1, 2, ... per participant+form+period */
	int form_version;
	char *answers;     /* JSON object text */
	char *by;          /* staff login */
	char *at;          /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	long long settles; /* a decision on a sync conflict: the conflict's
			      revision number it settles (sync.h); else 0 */
	char *origin;      /* pc_store_revision_list only: NULL for this copy's
			      revisions; a site code for the version that site
			      saved with the same number, set aside in a sync
			      conflict (open or decided) */
	bool open;         /* with origin: the conflict is not decided yet */
};
void pc_revision_clear(struct pc_revision *r);
void pc_revisions_free(struct pc_revision **list, size_t n);

/* Appends revision (current + 1) with these answers (inside a transaction);
 * sets r->revision. When base_revision >= 0 and the current revision is not
 * base_revision, PC_REFUSED ("saved by LOGIN at AT since you opened it"). */
enum pc_status pc_store_revision_add(struct pc_store *s, struct pc_revision *r,
				     long long base_revision, struct pc_problems *pr);
/* The latest revision of participant+form+period; PC_OK with out->revision = 0
 * when there is none. */
enum pc_status pc_store_revision_current(struct pc_store *s, const char *participant_id,
					 const char *form, const char *period,
					 struct pc_revision *out, struct pc_problems *pr);
/* Every revision of one participant, ordered by form, period, revision:
 * of all forms when `only` is NULL, else only of the forms named in `only`,
 * a JSON array of form ids (the others are not read at all). The versions
 * another site saved with the same number and a sync set aside (their
 * `origin` set) come right before this copy's of that number (so that a
 * list read newest first shows ours, then theirs). */
enum pc_status pc_store_revision_list(struct pc_store *s, const char *participant_id,
				      const char *only, struct pc_revision **out, size_t *n,
				      struct pc_problems *pr);
/* Only those set-aside versions (`origin` set), ordered by form, period,
 * revision, site. */
enum pc_status pc_store_revision_set_aside(struct pc_store *s, const char *participant_id,
					   const char *only, struct pc_revision **out, size_t *n,
					   struct pc_problems *pr);
/* Calls `each` with one participant's revisions as SQLite hands them over
 * (nothing gathered), each with the reason given with its save (NULL when
 * none): of the forms in `only` (as pc_store_revision_list) ordered by form,
 * period, revision; or, when `form` is not NULL, of that form and `period`
 * ("" or NULL: not monthly) only, oldest first. `r` and `reason` are the
 * row's, valid during the call. `each` may read the store but not call this
 * again; false from it stops early (PC_OK). */
enum pc_status pc_store_revision_each(struct pc_store *s, const char *participant_id,
				      const char *only, const char *form, const char *period,
				      bool (*each)(void *ctx, const struct pc_revision *r,
						   const char *reason),
				      void *ctx, struct pc_problems *pr);
/* A form+period of one participant that has revisions: how many, and the
 * number of the latest. */
struct pc_revision_group {
	char *form, *period;
	long long count, latest;
};
/* The form+periods of one participant that have revisions, of the forms in
 * `only` (as pc_store_revision_list), ordered by form, period: a few dozen
 * bytes each whatever the revisions hold. Owned by the caller. */
enum pc_status pc_store_revision_groups(struct pc_store *s, const char *participant_id,
					const char *only, struct pc_revision_group **out,
					size_t *n, struct pc_problems *pr);
void pc_revision_groups_free(struct pc_revision_group **list, size_t n);
/* Calls `each` for the latest revision of every participant+period of
 * `form`, ordered by file number then period; `p` is the participant. Only
 * the participants whose counsellor is `counsellor` when it is not NULL
 * (the others are not read). Stops early (PC_OK) when `each` returns false. */
enum pc_status pc_store_revision_each_current(
	struct pc_store *s, const char *form, const char *counsellor,
	bool (*each)(void *ctx, const struct pc_participant *p, const struct pc_revision *r),
	void *ctx, struct pc_problems *pr);

/* ---- drafts: what a person typed but has not saved, one per
 * participant+form+period+login; written as soon as a field is left ---- */
enum pc_status pc_store_draft_put(struct pc_store *s, const char *participant_id,
				  const char *form, const char *period, const char *login,
				  const char *answers, long long base_revision,
				  struct pc_problems *pr);
/* *answers = NULL when there is none. `saved_at` (may be NULL) receives
 * when it was written, UTC "YYYY-MM-DDTHH:MM:SSZ" ("" when none). */
enum pc_status pc_store_draft_get(struct pc_store *s, const char *participant_id,
				  const char *form, const char *period, const char *login,
				  char **answers, long long *base_revision, char saved_at[21],
				  struct pc_problems *pr);
enum pc_status pc_store_draft_delete(struct pc_store *s, const char *participant_id,
				     const char *form, const char *period, const char *login,
				     struct pc_problems *pr);

/* Staff and the audit log: parcours/staff.h and parcours/audit.h. */

#endif
