/* Row keys of entries, AMI sessions and presences (store-internal): unique
 * across the copies of a database that exchange changes (issue 15). */
#ifndef PARCOURS_ROW_ID_H
#define PARCOURS_ROW_ID_H
#include "store_internal.h"

enum store_keyed { STORE_ENTRY, STORE_AMI_SESSION, STORE_AMI_PRESENCE };

/* A new id for a row of `table`, not used in it yet: in a database with a
 * site code a random one in [2^32, 2^63), else the next of the sequence
 * below 2^32 (the small ids offices have always shown). Call it inside the
 * write transaction that inserts the row. */
enum pc_status store_row_id(struct pc_store *s, enum store_keyed table, long long *id,
                            struct pc_problems *pr);

#endif
