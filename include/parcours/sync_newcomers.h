/* People who join or leave a laptop's caseload after `sync init` (doc/sync.md,
 * parcours(1) SYNC): the office sends a newly assigned person whole, as a
 * changeset of INSERTs ahead of the ordinary changes, and names the people
 * taken out of the caseload; the laptop applies the first and removes the
 * second once nothing about them is unsent. Nothing prints. */
#ifndef PARCOURS_SYNC_NEWCOMERS_H
#define PARCOURS_SYNC_NEWCOMERS_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/buf.h"
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/store.h"
#include "parcours/sync.h"

/* A list of participant ids (malloc'ed strings). */
struct pc_ids {
	char **v;
	size_t n, cap;
};
bool pc_ids_add(struct pc_ids *l, const char *id);
void pc_ids_free(struct pc_ids *l);

/* One person's rows as a changeset of INSERTs; id NULL: the rows several
 * people share (staff, AMI sessions, closed months). */
struct pc_sync_chunk {
	char *id;
	void *cs;
	int n;
};
void pc_sync_chunks_free(struct pc_sync_chunk *v, size_t n);

/* ---- the core's side (src/core/sync_newcomers.c) ---- */
/* At the office, inside pc_sync_export's transaction, for a laptop `peer`
 * (its login's caseload): appends to `out` the section of the file naming
 * the people to send whole (assigned since it last confirmed holding them)
 * and those taken out of the caseload, and records them as sent at `upto`.
 * *changed: sync_held was written (the caller commits). Nothing appended
 * when there is no one. */
enum pc_status pc_sync_newcomers_export(struct pc_ctx *c, const struct pc_sync_peer *peer,
                                        long long upto, struct pc_buf *out, bool *changed,
                                        struct pc_problems *pr);
/* On the laptop, inside pc_sync_import's transaction, before the ordinary
 * changes: reads the section at *p (nothing when the file has none; *p
 * moves past it), applies the newcomers it does not hold yet and withdraws
 * the people named (or kept earlier) that have nothing unsent; `ack` is the
 * last of our changes the sender confirmed. PC_REFUSED on a damaged
 * section or a change that cannot be applied. */
enum pc_status pc_sync_newcomers_import(struct pc_ctx *c, const char **p, const char *end,
                                        const struct pc_sync_peer *peer, bool from_upstream,
                                        long long ack, struct pc_sync_report *rep,
                                        struct pc_problems *pr);

/* ---- the store's side (src/store/sync_newcomers.c, sync_scope.c) ---- */
/* At the office: records that `site` holds `login`'s caseload as of `upto`
 * (sync init). */
enum pc_status pc_store_sync_held_init(struct pc_store *s, const char *site, const char *login,
                                       long long upto, struct pc_problems *pr);
/* At the office, for peer `site` of `login` which confirmed our log up to
 * `sent`: the caseload people it does not hold for sure (never sent, sent
 * in a file not confirmed yet, or withdrawn since), and the people it was
 * sent that left the caseload (or were deleted) and were not confirmed
 * withdrawn. */
enum pc_status pc_store_sync_held_diff(struct pc_store *s, const char *site, const char *login,
                                       long long sent, struct pc_ids *come, struct pc_ids *go,
                                       struct pc_problems *pr);
/* *yes: the office counts person `id` among those `site` holds (sent to
 * it, or withdrawn and not yet confirmed gone). */
enum pc_status pc_store_sync_held_has(struct pc_store *s, const char *site, const char *id,
                                      bool *yes, struct pc_problems *pr);
/* Records `come` as sent and `go` as withdrawn at `upto`, and forgets the
 * withdrawals `site` confirmed (upto <= sent). */
enum pc_status pc_store_sync_held_mark(struct pc_store *s, const char *site, long long upto,
                                       long long sent, const struct pc_ids *come,
                                       const struct pc_ids *go, struct pc_problems *pr);
/* The rows of the people `ids` of `src`, as copied for `login` with the
 * forms of `forms_json` (pc_store_copy_caseload's rule and tables): one
 * chunk of shared rows first, then one per person; made in a scratch
 * database at `tmp_path` (must not exist; removed by the caller). */
enum pc_status pc_store_sync_newcomer_rows(struct pc_store *src, const char *tmp_path,
                                           const char *login, const char *forms_json,
                                           const struct pc_ids *ids, struct pc_sync_chunk **out,
                                           size_t *n, struct pc_problems *pr);
/* On the laptop: applies the chunks of a person it does not hold (or kept
 * after a withdrawal: then the office's rows replace its own), the shared
 * rows where missing, and rebuilds their search tokens; recording paused.
 * *arrived: the people added. */
enum pc_status pc_store_sync_newcomers_apply(struct pc_store *s, const char *upstream,
                                             const struct pc_sync_chunk *v, size_t n,
                                             size_t *arrived, struct pc_problems *pr);
/* On the laptop: removes the people `go` and those kept from an earlier
 * withdrawal, unless a draft, an open conflict or a change of ours after
 * `sent` is about them: those are kept (their file numbers appended to
 * `kept`, space-separated) and removed at a later sync. */
enum pc_status pc_store_sync_withdraw(struct pc_store *s, const char *upstream,
                                      const struct pc_ids *go, long long sent, size_t *removed,
                                      struct pc_buf *kept, size_t *nkept, struct pc_problems *pr);
/* Whether changeset `cs` has a row about participant `id` (sync_scope.c). */
enum pc_status pc_store_sync_about(struct pc_store *s, const void *cs, size_t n, const char *id,
                                   bool *about, struct pc_problems *pr);

#endif
