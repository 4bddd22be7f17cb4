/* Offline copies and offices that merge both ways (doc/sync.md, parcours(1)
 * SYNC): keys, the encrypted exchange file (what a peer has not seen yet),
 * applying one with SQLite's session extension, conflicts. The store
 * records every write as it is made (src/store/sync_record.c); the faces
 * carry the files (a USB key, or `sync serve` over SSH). Nothing prints. */
#ifndef PARCOURS_SYNC_H
#define PARCOURS_SYNC_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/audit.h"
#include "parcours/core.h"
#include "parcours/err.h"

enum { PC_SYNC_KEY = 32 };

/* ---- the core's side (src/core/sync*.c) ---- */

/* At the office: makes this database a sync hub named `site` (1-32 of A-Z
 * 0-9 -): a key pair, the secret half in DB.sync-key beside the database
 * (its owner and mode), the public half in the database. Admin only.
 * PC_REFUSED when it already has one. */
enum pc_status pc_sync_keygen(struct pc_ctx *c, const char *site, struct pc_problems *pr);

/* A new key pair (crypto_box) for a laptop copy about to be made. */
enum pc_status pc_sync_keypair(unsigned char pk[PC_SYNC_KEY], unsigned char sk[PC_SYNC_KEY],
                               struct pc_problems *pr);

/* At the office, for a new laptop copy: registers `site` with its public
 * key as a peer of c->login, and gives what the laptop needs: this
 * database's site and public key, and the last seq of its log (the copy
 * made after this call holds everything up to it). PC_REFUSED when the
 * site is taken or the office has no keys (sync keygen). */
enum pc_status pc_sync_register(struct pc_ctx *c, const char *site,
                                const unsigned char pk[PC_SYNC_KEY], char **office_site,
                                unsigned char office_pk[PC_SYNC_KEY], long long *seq,
                                struct pc_problems *pr);
/* On the laptop copy just written: its own identity `site` with a new key
 * pair (secret in DB.sync-key; the public half given in pk, generated
 * before registering), the office as its upstream peer reached at `url`,
 * everything of the office up to office_seq taken as seen; the office's
 * own sync state that came with the copy is dropped. */
enum pc_status pc_sync_adopt(struct pc_ctx *c, const char *site,
                             const unsigned char pk[PC_SYNC_KEY],
                             const unsigned char sk[PC_SYNC_KEY], const char *office_site,
                             const unsigned char office_pk[PC_SYNC_KEY], const char *url,
                             long long office_seq, struct pc_problems *pr);
/* The upstream peer's site and url of a laptop copy (malloc'ed); PC_REFUSED
 * when this database has none (not made by sync init). */
enum pc_status pc_sync_upstream(struct pc_ctx *c, char **site, char **url,
                                struct pc_problems *pr);

/* The exchange file for peer `to` (NULL: the upstream, else the only
 * peer): every change of our log it has not confirmed (for a laptop, only
 * the changes about the people its counsellor follows), encrypted to its
 * public key and authenticated with ours (libsodium crypto_box). With
 * `forms`, a file for a laptop carries our forms folder as well, for a
 * laptop that never sees the link (`sync import` installs it); over the
 * link the laptop has it already (sync_forms.h). *out is malloc'ed;
 * *entries is how many changes it holds. */
enum pc_status pc_sync_export(struct pc_ctx *c, const char *to, bool forms, unsigned char **out,
                              size_t *n, size_t *entries, struct pc_problems *pr);

struct pc_sync_report {
	char from[33];    /* the sender's site */
	size_t entries;   /* changes in the file */
	size_t applied;   /* applied now */
	size_t skipped;   /* already applied (a file imported twice) */
	size_t conflicts; /* revisions set aside for a person to decide */
	size_t settled;   /* conflicts of ours closed by the sender's decisions */
	size_t audit;     /* audit entries of the sender appended to our log */
	size_t unheld;    /* left aside: about people this copy does not hold */
	size_t arrived;   /* people newly assigned, received whole (sync_newcomers.h) */
	size_t removed;   /* people taken out of the caseload, removed here */
	size_t kept;      /* ...kept until what was typed about them is sent */
	char kept_files[256]; /* their file numbers, space-separated */
};
/* Applies an exchange file: pc_sync_open, pc_sync_apply, then
 * pc_sync_incoming_free, for a file whose forms folder need not be taken
 * first (the link has brought it already). The file (*file, malloc'ed, n
 * bytes) is taken: *file is set NULL. */
enum pc_status pc_sync_import(struct pc_ctx *c, unsigned char **file, size_t n,
                              struct pc_sync_report *rep, struct pc_problems *pr);

/* An exchange file opened, nothing applied yet (sync_import.c). */
struct pc_sync_incoming;
/* Decrypts an exchange file (in place) and reads its header: refused
 * (PC_REFUSED, nothing applied) when it was altered, is not for this
 * database, comes from an unknown peer (or from another person's copy and
 * c->login is not a supervisor) or the schema differs. The file (*file,
 * malloc'ed, n bytes) is taken whatever the outcome: *file is set NULL.
 * *in (NULL on failure) goes to pc_sync_incoming_free. */
enum pc_status pc_sync_open(struct pc_ctx *c, unsigned char **file, size_t n,
                            struct pc_sync_incoming **in, struct pc_problems *pr);
/* The sending site's code, owned by in. */
const char *pc_sync_incoming_from(const struct pc_sync_incoming *in);
/* True when the file comes from this copy's office and carries its forms
 * folder (it does for a laptop): *line its checksums, *pack its files
 * (sync_forms.h), both owned by in until pc_sync_apply. */
bool pc_sync_incoming_forms(const struct pc_sync_incoming *in, const char **line, const void **pack,
                            size_t *n);
/* Applies an opened file: refused (PC_REFUSED, nothing applied) when the
 * forms' versions or the files of the forms folder differ from the ones
 * loaded in c (saying what to do); else every change not applied yet, in
 * one transaction, with the conflicts kept (parcours(1) SYNC). Once
 * read, the file is freed. Called once. */
enum pc_status pc_sync_apply(struct pc_ctx *c, struct pc_sync_incoming *in,
                             struct pc_sync_report *rep, struct pc_problems *pr);
void pc_sync_incoming_free(struct pc_sync_incoming **in);

/* A revision of another site set aside beside ours (same number). */
struct pc_sync_conflict {
	char *participant_id, *file_no, *form, *period;
	long long revision;
	char *origin;     /* the site it came from */
	int form_version;
	char *answers;    /* theirs, JSON */
	char *mine;       /* ours: the answers of our revision of that number */
	char *saved_by, *saved_at;
	char *found_at;
	char *mine_by, *mine_at; /* who saved ours and when ("" when unknown) */
};
void pc_sync_conflict_clear(struct pc_sync_conflict *c);
void pc_sync_conflicts_free(struct pc_sync_conflict **list, size_t n);
/* Open conflicts, of one file (file_no not NULL) or all, by file number:
 * those whose form c->login may read of that person (both versions'
 * answers are shown), the others left out. */
enum pc_status pc_sync_conflicts(struct pc_ctx *c, const char *file_no,
                                 struct pc_sync_conflict **out, size_t *n,
                                 struct pc_problems *pr);
/* Closes the open conflicts of file_no's form (and period): keep_theirs
 * saves their answers as a new revision, else ours stays current; both
 * revisions stay on file either way, and the decision is audited.
 * PC_REFUSED when there is none. *revision: the new one (0 for mine). */
enum pc_status pc_sync_resolve(struct pc_ctx *c, const char *file_no, const char *form,
                               const char *period, bool keep_theirs, long long *revision,
                               struct pc_problems *pr);
/* How a conflict was decided (sync_conflict.resolution, the audit). */
enum pc_sync_keep { PC_SYNC_KEEP_MINE, PC_SYNC_KEEP_THEIRS, PC_SYNC_KEEP_MERGED };
/* Closes the open conflicts of file_no's form (and period) with a merged
 * version, saved as a new revision (*revision) in the same transaction as
 * the decision and its audit entry: either `edits` applied to our current
 * answers (submit's --set, --json, --unset), or, when `raw` is not NULL,
 * the whole answers as typed (the console's editor), refused as any save
 * when base >= 0 is not the latest revision. Validated as any save of the
 * form: refused (PC_REFUSED, every field's problem) with nothing saved and
 * the conflict left open; refused too when there is no conflict. */
enum pc_status pc_sync_resolve_merged(struct pc_ctx *c, const char *file_no, const char *form,
                                      const char *period, const struct pc_edits *edits,
                                      const struct pc_json *raw, long long base,
                                      long long *revision, struct pc_problems *pr);

/* ---- the store's side (src/store/sync*.c) ---- */
struct pc_store;

/* Whether changes to `table` are recorded and shipped (drafts, search
 * tokens, file counters and the sync tables stay where they are). */
bool pc_store_sync_recorded(const char *table);
/* The file the store has open. */
const char *pc_store_sync_db_path(struct pc_store *s);
/* VACUUM INTO dest (must not exist): a consistent copy of the whole file. */
enum pc_status pc_store_sync_copy_file(struct pc_store *s, const char *dest,
                                       struct pc_problems *pr);

struct pc_sync_self {
	char *site;
	unsigned char public_key[PC_SYNC_KEY];
	char *upstream; /* NULL at the office */
};
struct pc_sync_peer {
	char *site;
	unsigned char public_key[PC_SYNC_KEY];
	char *url, *login;
	long long sent;     /* our last seq it confirmed */
	long long received; /* its last seq we applied */
};
void pc_sync_self_clear(struct pc_sync_self *x);
void pc_sync_peer_clear(struct pc_sync_peer *p);
/* *found false when the database does not take part in sync. */
enum pc_status pc_store_sync_self_get(struct pc_store *s, struct pc_sync_self *out, bool *found,
                                      struct pc_problems *pr);
enum pc_status pc_store_sync_self_set(struct pc_store *s, const struct pc_sync_self *x,
                                      struct pc_problems *pr);
/* By site when `site` is not NULL, else by public key; else the only peer
 * (both NULL). *found false when none (or several). */
enum pc_status pc_store_sync_peer_get(struct pc_store *s, const char *site,
                                      const unsigned char *pk, struct pc_sync_peer *out,
                                      bool *found, struct pc_problems *pr);
/* Inserts or replaces the peer of that site. */
enum pc_status pc_store_sync_peer_put(struct pc_store *s, const struct pc_sync_peer *p,
                                      struct pc_problems *pr);
/* Drops the log, the peers and the conflicts (a fresh laptop copy). */
enum pc_status pc_store_sync_reset(struct pc_store *s, struct pc_problems *pr);
/* The last seq of the log (0 when empty). */
enum pc_status pc_store_sync_last_seq(struct pc_store *s, long long *seq,
                                      struct pc_problems *pr);
/* Each entry of the log after `after` that did not come via `skip_via`,
 * by seq; origin NULL for our own. */
enum pc_status pc_store_sync_log_each(struct pc_store *s, long long after, const char *skip_via,
                                      bool (*each)(void *ctx, long long seq, const char *origin,
                                                   long long origin_seq, const void *cs,
                                                   size_t n),
                                      void *ctx, struct pc_problems *pr);
/* Whether changeset `cs` is about anyone `login` does not follow (a row of
 * a participant whose counsellor is someone else or nobody, or a contract
 * term of their enrolment): the office sends a laptop only what its
 * counsellor follows, whatever the login's roles: pc_copy_caseload's rule. */
enum pc_status pc_store_sync_outside(struct pc_store *s, const void *cs, size_t n,
                                     const char *login, bool *outside, struct pc_problems *pr);
enum pc_status pc_store_sync_log_add(struct pc_store *s, const char *origin, long long origin_seq,
                                     const char *via, const void *cs, size_t n,
                                     struct pc_problems *pr);
/* The last change of `origin` applied here (0 when none), and setting it. */
enum pc_status pc_store_sync_seen(struct pc_store *s, const char *origin, long long *seq,
                                  struct pc_problems *pr);
enum pc_status pc_store_sync_seen_set(struct pc_store *s, const char *origin, long long seq,
                                      struct pc_problems *pr);

/* What applying one changeset did. audit: the sender's audit entries (when
 * not from our upstream), for the core to chain at the end of ours. */
struct pc_sync_applied {
	struct pc_audit_entry *audit;
	size_t naudit;
	size_t conflicts;
	size_t settled; /* open conflicts here closed by a decision of theirs */
	bool unheld; /* from upstream, about records not held here: left aside */
};
void pc_sync_applied_clear(struct pc_sync_applied *a);
/* Applies changeset `cs` of site `origin` inside the caller's transaction
 * with sqlite3changeset_apply_v2 and the conflict rules of parcours(1)
 * SYNC: a revision that collides with ours is set aside in sync_conflict;
 * on a record both changed, the upstream's version wins; a deletion wins
 * over an edit; a change that breaks a rule here refuses the whole file,
 * except that a changeset from our upstream naming records this copy does
 * not hold (a person newly assigned to the laptop's counsellor) is left
 * aside whole (out->unheld, PC_OK): `sync init` again brings them.
 * Search tokens of the participants it touches are rebuilt. Not recorded
 * as a change of ours. */
enum pc_status pc_store_sync_apply(struct pc_store *s, const void *cs, size_t n,
                                   const char *origin, bool from_upstream,
                                   struct pc_sync_applied *out, struct pc_problems *pr);
/* Open conflicts (file_no NULL: all), with our answers of the same number. */
enum pc_status pc_store_sync_conflicts(struct pc_store *s, const char *file_no,
                                       struct pc_sync_conflict **out, size_t *n,
                                       struct pc_problems *pr);
/* Marks the open conflicts of participant+form+period resolved. *count: how many. */
enum pc_status pc_store_sync_conflict_close(struct pc_store *s, const char *participant_id,
                                            const char *form, const char *period,
                                            const char *login, const char *resolution,
                                            size_t *count, struct pc_problems *pr);

#endif
