/* The presences a sync finds recorded on both sides (sync_presence.c), held
 * while sqlite3changeset_apply_v2 runs and settled after it. Store-internal:
 * only sync_apply.c uses it. */
#ifndef PARCOURS_STORE_SYNC_PRESENCE_H
#define PARCOURS_STORE_SYNC_PRESENCE_H

#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

struct pc_store;
struct sqlite3_value;
struct sqlite3_changeset_iter;

/* Incoming ami_presence rows the one-current-presence index refused; each
 * row is the table's 9 columns, owned here. */
struct store_presences {
	struct sqlite3_value *(*rows)[9];
	size_t n, cap;
};

/* Keeps the row an INSERT of `it` (the conflict handler's iterator) brings;
 * false when it has not the table's columns or memory ran out. */
bool store_sync_presence_hold(struct store_presences *h, struct sqlite3_changeset_iter *it,
                              int ncol);
/* Writes every held row, inside the apply's transaction, without recording
 * it: the lower id stays current, the other is stamped removed by its own
 * author, "sync: same presence as ID". PC_REFUSED when a row breaks another
 * rule of the table (pr names `origin`). */
enum pc_status store_sync_presence_settle(struct pc_store *s, const struct store_presences *h,
                                          const char *origin, struct pc_problems *pr);
/* Frees the rows and empties h. */
void store_sync_presences_free(struct store_presences *h);

#endif
