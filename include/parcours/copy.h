/* A laptop copy of one counsellor's caseload (sync init, sync.h): a new
 * database holding what one login may see and nothing else. It does not
 * set up sync state (keys, peers): sync.c does that on the copy. */
#ifndef PARCOURS_COPY_H
#define PARCOURS_COPY_H
#include "parcours/core.h"
#include "parcours/err.h"

/* Writes to dest_path (must not exist) a new database with the same schema
 * holding only what c->login may see (their caseload, readable forms, no
 * drafts, nothing about anyone else); the copy numbers its new files with
 * `site`. */
enum pc_status pc_copy_caseload(struct pc_ctx *c, const char *dest_path, const char *site,
                                struct pc_problems *pr);

#endif
