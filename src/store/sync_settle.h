/* The decisions on sync conflicts a changeset carries (sync_settle.c):
 * revisions whose `settles` names the conflict they settle, held while
 * sqlite3changeset_apply_v2 runs, then closing the same conflicts here.
 * Store-internal: only sync_apply.c uses it. */
#ifndef PARCOURS_STORE_SYNC_SETTLE_H
#define PARCOURS_STORE_SYNC_SETTLE_H

#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

struct pc_store;
struct sqlite3_value;
struct sqlite3_changeset_iter;

struct store_settle {
	struct sqlite3_value *cols[4]; /* participant_id, form, period, saved_by */
	long long upto;                /* the conflict's revision number */
};
struct store_settles {
	struct store_settle *v;
	size_t n, cap;
};

/* Keeps the decision a revision INSERT of `it` (the changeset's iterator)
 * carries, if any; false only when memory ran out. */
bool store_sync_settle_hold(struct store_settles *l, struct sqlite3_changeset_iter *it, int ncol);
/* Closes our open conflicts on each decision's form and period up to its
 * number (resolution "settled", by the login that decided), inside the
 * apply's transaction; adds how many to *closed. A conflict the sender
 * could not have seen (a higher number) stays open. */
enum pc_status store_sync_settle(struct pc_store *s, const struct store_settles *l,
                                 size_t *closed, struct pc_problems *pr);
void store_sync_settles_free(struct store_settles *l);

#endif
