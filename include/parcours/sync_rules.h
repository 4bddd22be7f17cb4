/* What the office accepts from a laptop (parcours(1) SYNC, doc/sync.md):
 * every change in a file from a downstream site is weighed against the
 * office's own rules for the laptop's login as it stands at the office now
 * (its caseload, its roles, the forms' access and validation), before
 * anything is applied. Applying is sync.h's; this only says yes or no. */
#ifndef PARCOURS_SYNC_RULES_H
#define PARCOURS_SYNC_RULES_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/err.h"

/* What may come from a laptop, table by table (src/core/sync_rules.c). */
enum pc_sync_rule {
	PC_SYNC_RULE_UNDECIDED, /* a table nobody decided on: refused */
	PC_SYNC_RULE_OFFICE,    /* administered at the office only: never from a laptop */
	PC_SYNC_RULE_UNSENT,    /* never recorded (drafts, derived, counters, sync state) */
	PC_SYNC_RULE_PERSON,    /* about a person of the login's caseload */
	PC_SYNC_RULE_FORM,      /* the same, and a form the login may write, valid here */
	PC_SYNC_RULE_CHAINED,   /* the audit log: appended to the office's chain */
	PC_SYNC_RULE_SHARED,    /* about nobody (an AMI session): any enabled login */
};
/* The decision for `table` (PC_SYNC_RULE_UNDECIDED when none). */
enum pc_sync_rule pc_sync_rule_of(const char *table);

/* Why a file was refused, for the office's audit entry: the person (NULL
 * members when about nobody), the form and a short detail. */
struct pc_sync_refusal {
	char *participant_id, *file_no, *form, *detail;
};
void pc_sync_refusal_clear(struct pc_sync_refusal *r);

/* Whose file is weighed: the peer it came from and that peer's registered
 * login; its roles here are read at the first check of an import (the
 * import is one transaction, so they cannot change during it). */
struct pc_sync_shapes;
struct pc_sync_rules {
	const char *site, *login;
	unsigned roles;
	bool read;
	struct pc_sync_shapes *shapes; /* the store's, kept for the import */
};
/* Frees what the checks of one import kept. */
void pc_sync_rules_clear(struct pc_sync_rules *r);
/* Weighs changeset `cs` (made at `origin`, received from r->site) against
 * this database's rules now for r->login: PC_OK when every change is one
 * r->login may make here; PC_REFUSED with one problem naming the site, the
 * file number and what is refused (and *why filled) at the first that is
 * not, or when r->login is not an enabled staff member here; PC_UNUSABLE
 * when it cannot be read. Run inside the import's transaction, before the
 * changeset is applied, so people created by earlier changes of the same
 * file count. */
enum pc_status pc_sync_check(struct pc_ctx *c, struct pc_sync_rules *r, const void *cs, size_t n,
                             const char *origin, struct pc_sync_refusal *why,
                             struct pc_problems *pr);

/* Offline intake: on a laptop copy (its sync_self has an upstream) the
 * person an intake creates is assigned to the login taking it, in the same
 * transaction, so a counsellor may take one (intake's `caseload` access)
 * and the office accepts the new person from that laptop. *counsellor:
 * c->login (malloc'ed) on a laptop copy, else NULL (nothing changes). */
enum pc_status pc_intake_on_laptop(struct pc_ctx *c, char **counsellor, struct pc_problems *pr);

/* ---- the store's side (src/store/sync_check.c) ---- */
struct pc_store;

enum pc_sync_op { PC_SYNC_INSERT = 1, PC_SYNC_UPDATE, PC_SYNC_DELETE };

/* One change of a changeset as the rules weigh it; the strings live until
 * the callback returns. */
struct pc_sync_change {
	const char *table;
	enum pc_sync_op op;
	const char *participant_id; /* the person the row is about; NULL: none */
	bool held;                  /* that person is in this database */
	bool created;               /* ...or is created by this changeset */
	const char *counsellor;     /* their counsellor here (or as created); NULL: nobody */
	const char *file_no;        /* their file number here (or as created) */
	/* a row of participant: whether the change sets its counsellor, to what */
	bool sets_counsellor;
	const char *new_counsellor;
	/* a row with a form (revision, entry, month_change): */
	const char *form, *period;
	const char *answers; /* a revision inserted: its answers (JSON) */
};
/* Calls `each` for every change of `cs`, the person of each row resolved
 * here (through its participant_id, or its enrolment_id, or read from the
 * row here by key for an update that leaves it alone); stops (PC_OK) when
 * `each` returns false. *cache (NULL at first) keeps the tables' columns
 * from one call to the next; free it with pc_store_sync_shapes_free. */
enum pc_status pc_store_sync_changes(struct pc_store *s, struct pc_sync_shapes **cache,
                                     const void *cs, size_t n,
                                     bool (*each)(void *ctx, const struct pc_sync_change *ch),
                                     void *ctx, struct pc_problems *pr);
void pc_store_sync_shapes_free(struct pc_sync_shapes **cache);

#endif
