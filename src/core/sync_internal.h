/* What the sync files of src/core/ share: site codes and the secret key
 * beside the database. Not a public API. */
#ifndef PARCOURS_SYNC_INTERNAL_H
#define PARCOURS_SYNC_INTERNAL_H
#include <stdbool.h>
#include "parcours/sync.h"

/* 1 to 16 of A-Z, 0-9 and -, not starting with -: a code both sync and
 * the numbering of files (pc_site_ok) accept. */
bool sync_site_valid(const char *site);
/* Reads DB.sync-key. PC_UNUSABLE with a problem when it cannot. */
enum pc_status sync_secret_key(struct pc_ctx *c, unsigned char sk[PC_SYNC_KEY],
                               struct pc_problems *pr);

#endif
