/* What the sync files of src/core/ share: site codes, the secret key
 * beside the database, and what the exchange file's writer (sync_file.c)
 * and reader (sync_import.c) agree on. Not a public API. */
#ifndef PARCOURS_SYNC_INTERNAL_H
#define PARCOURS_SYNC_INTERNAL_H
#include <sodium.h>
#include <stdbool.h>
#include "parcours/form.h"
#include "parcours/sync.h"

/* 1 to 16 of A-Z, 0-9 and -, not starting with -: a code both sync and
 * the numbering of files (pc_site_ok) accept. */
bool sync_site_valid(const char *site);
/* Reads DB.sync-key. PC_UNUSABLE with a problem when it cannot. */
enum pc_status sync_secret_key(struct pc_ctx *c, unsigned char sk[PC_SYNC_KEY],
                               struct pc_problems *pr);

/* The exchange file: SYNC_MAGIC, the sender's public key and the nonce
 * (SYNC_HEAD bytes), then the sealed text, whose first line is
 * SYNC_VERSION. */
extern const char SYNC_MAGIC[8];
extern const char SYNC_VERSION[];
enum { SYNC_HEAD = 8 + PC_SYNC_KEY + crypto_box_NONCEBYTES };
/* "id=version,..." of the forms, by id: what both ends must agree on
 * (malloc'ed; NULL out of memory). */
char *sync_forms_line(const struct pc_formset *fs);
/* The checksums of every file of the forms folder in use (sync_forms.h),
 * "" when none is loaded; *line malloc'ed. */
enum pc_status sync_files_line(struct pc_ctx *c, char **line, struct pc_problems *pr);
/* This database's own sync identity; PC_REFUSED, saying what to run, when
 * it takes no part in sync. */
enum pc_status sync_self_get(struct pc_ctx *c, struct pc_sync_self *self, struct pc_problems *pr);
/* "out of memory" added to pr: PC_UNUSABLE. */
enum pc_status sync_oom(struct pc_problems *pr);

#endif
