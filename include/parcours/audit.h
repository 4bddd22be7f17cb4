/* The audit log: who read, changed or exported what, when and from which
 * face. Append-only (the schema's triggers refuse UPDATE and DELETE) and
 * chained: each entry carries the SHA-256 of its fields and of the previous
 * entry's hash, so an edited, deleted or inserted row is found by
 * pc_audit_verify. Recording is part of the operation it records: in the
 * same transaction, or the operation fails. Deciding who may read the log
 * is pc_staff_can's (staff.h). */
#ifndef PARCOURS_AUDIT_H
#define PARCOURS_AUDIT_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/err.h"

enum pc_audit_action {
	PC_AUDIT_READ,        /* a participant's protected forms were shown */
	PC_AUDIT_CHANGE,      /* a save, an intake, an enrolment, a month closed... */
	PC_AUDIT_EXPORT,      /* a whole form exported */
	PC_AUDIT_ROLE,        /* staff added, roles changed, a login disabled or enabled */
	PC_AUDIT_EXCEPTIONAL, /* a file opened outside one's caseload, with a reason */
	PC_AUDIT_ASSIGN,      /* a participant's counsellor changed, "OLD -> NEW" */
	PC_AUDIT_EXPORT_PERSON, /* everything held on one person written out (export-person) */
	PC_AUDIT_SYNC_REFUSED,  /* a laptop's file refused by the office's rules (sync_rules.h) */
};
/* "read", "change", "export", "role", "exceptional_access", "assign", "export-person",
 * "sync_refused". */
const char *pc_audit_action_name(enum pc_audit_action a);
/* "cli", "tui". */
const char *pc_face_name(enum pc_face f);

struct pc_audit_entry {
	long long seq;
	char *at; /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	char *login, *face, *action;
	char *participant_id; /* NULL when the entry is about no participant */
	char *file_no;
	char *form;             /* NULL when about no form */
	char *detail;           /* "" or what else identifies the act, e.g. "revision=3" */
	char *prev_hash, *hash; /* 64 lower-case hex digits */
};
void pc_audit_entry_clear(struct pc_audit_entry *e);

/* Appends an entry for c->login, c->face and now: inside the caller's
 * transaction when one is open (so it commits or rolls back with the act),
 * else in one of its own. `p` (may be NULL) is the participant, `form` and
 * `detail` may be NULL. The previous hash is read inside the transaction
 * that holds the write lock, so concurrent writers keep one chain. */
enum pc_status pc_audit_record(struct pc_ctx *c, enum pc_audit_action action,
                               const struct pc_participant *p, const char *form, const char *detail,
                               struct pc_problems *pr);

/* Records the save of revision r (of r->form, for participant p) as a
 * "change" entry, detail "revision=N" and " period=YYYY-MM" for a month:
 * one call inside the transaction of the save. */
enum pc_status pc_audit_saved(struct pc_ctx *c, const struct pc_participant *p,
                              const struct pc_revision *r, struct pc_problems *pr);

/* The bracket of a change that does its own writing (an enrolment, a month
 * closed): pc_audit_begin opens the transaction; pc_audit_commit records a
 * "change" entry and commits when st is PC_OK, else rolls back, and returns
 * st or the failure of recording. */
enum pc_status pc_audit_begin(struct pc_ctx *c, struct pc_problems *pr);
enum pc_status pc_audit_commit(struct pc_ctx *c, enum pc_status st, const struct pc_participant *p,
                               const char *form, const char *detail, struct pc_problems *pr);

/* The entry's hash: SHA-256, in hex, of its fields written each as
 * "<length in bytes>:<bytes>," (a NULL field as "~,") in this order: seq
 * (decimal), at, login, face, action, participant_id, file_no, form,
 * detail, prev_hash. out gets 64 hex digits and a NUL. */
void pc_audit_hash(const struct pc_audit_entry *e, char out[65]);

/* What to list; NULL/empty members do not filter. */
struct pc_audit_filter {
	const char *file_no;
	const char *login;
	const char *since; /* "YYYY-MM-DD": entries at or after that day (UTC) */
	const char *action; /* pc_audit_action_name's, e.g. "exceptional_access" */
};
/* Calls `each` for every entry matching `f`, oldest first; stops (PC_OK)
 * when it returns false. Supervisor or admin (pc_staff_can). The entry
 * lives until `each` returns. */
enum pc_status pc_audit_list(struct pc_ctx *c, const struct pc_audit_filter *f,
                             bool (*each)(void *ctx, const struct pc_audit_entry *e), void *ctx,
                             struct pc_problems *pr);

/* Recomputes the whole chain. PC_OK with *entries = the number checked and
 * *broken = 0 when intact; PC_UNUSABLE with *broken = the seq of the first
 * entry that does not hold (a hash that does not match its content, a
 * prev_hash that is not the previous entry's hash, a gap in seq), and a
 * problem saying which and why. Supervisor or admin. `last_hash` (may be
 * NULL) receives the hash of the last entry ("" when none), to be kept
 * outside the database: only that shows a cut tail. */
enum pc_status pc_audit_verify(struct pc_ctx *c, long long *entries, long long *broken,
                               char last_hash[65], struct pc_problems *pr);

/* ---- the store's side (src/store/audit.c) ---- */
struct pc_store;
/* seq and hash of the last entry; *seq = 0 and prev = 64 zeros when none. */
enum pc_status pc_store_audit_last(struct pc_store *s, long long *seq, char hash[65],
                                   struct pc_problems *pr);
enum pc_status pc_store_audit_insert(struct pc_store *s, const struct pc_audit_entry *e,
                                     struct pc_problems *pr);
/* Every entry matching `f` (all when NULL), by seq. */
enum pc_status pc_store_audit_each(struct pc_store *s, const struct pc_audit_filter *f,
                                   bool (*each)(void *ctx, const struct pc_audit_entry *e),
                                   void *ctx, struct pc_problems *pr);

#endif
