/* The laptop copy of a counsellor's caseload (issue 15): a new database
 * holding only what one login may see, numbering its new files with a site
 * code of its own. What travels back (changesets, conflicts) is the sync's
 * business, not this module's. */
#ifndef PARCOURS_COPY_H
#define PARCOURS_COPY_H
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/store.h"

/* Writes to `dest_path` (which must not exist) a new database with the same schema holding only what c->login
 * may see: the participants of their caseload and every row about them that their roles may read (forms
 * their roles cannot read are left out), the staff/roles and programme rows the forms need, and nothing about
 * anyone else (no audit entries about other people, no drafts, no search tokens of others). The copy
 * numbers its new files with `site` (1 to 16 of A-Z a-z 0-9 - _; refused if equal to the source's). */
enum pc_status pc_copy_caseload(struct pc_ctx *c, const char *dest_path, const char *site,
                                struct pc_problems *pr);
/* More of the contract: the caseload is the participants whose counsellor
 * is c->login (an enabled staff member). The file is written under a
 * temporary name beside dest_path (mode 0600) and renamed at the end, so a
 * failure leaves no file; the copy's audit log starts empty, its search
 * tokens are rebuilt from the copied people, and `parcours check` passes on
 * it. The act is recorded in the source's audit log ("export", detail
 * "caseload copy site=SITE people=N"): the source must be open for writing.
 * PC_REFUSED (problem at "site" or at dest_path) for a bad or equal site
 * code or an existing dest_path; PC_UNUSABLE when a file cannot be written. */

/* Moves the file tmp to dest unless dest exists (then EEXIST: tmp stays),
 * and makes the rename durable; 0 or an errno. Also how sync init puts a
 * received copy in place. */
int pc_copy_put_in_place(const char *tmp, const char *dest);

/* ---- the store's side (src/store/copy.c) ---- */
/* Copies into `dst` (a new, empty database of the current schema) the rows
 * of `src` described above for `login`, with forms limited to the form ids
 * of the JSON array `forms_json`; gives dst site code `site`; rebuilds the
 * copied people's search tokens. One read transaction on src (a
 * consistent snapshot), one write transaction on dst. *people receives the
 * number of participants copied. */
enum pc_status pc_store_copy_caseload(struct pc_store *src, struct pc_store *dst, const char *login,
                                      const char *forms_json, const char *site, long long *people,
                                      struct pc_problems *pr);
/* The tables the copy has decided on, copied or not, by name (*n of
 * them): a table of the schema not among them is one nobody decided for. */
const char *const *pc_store_copy_tables(size_t *n);

#endif
