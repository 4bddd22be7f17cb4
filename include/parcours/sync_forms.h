/* The forms folder that travels with a laptop copy (doc/sync.md "The
 * office's forms"): every *.yaml of the office's forms folder (the forms,
 * programmes.yaml, partners.yaml...) packed for `sync init` and `sync`,
 * compared by checksum at each exchange, and unpacked into DB.forms beside
 * the laptop's database, which then uses it by default (core.h
 * pc_default_forms_dir). Not loading or checking a form (form.h). */
#ifndef PARCOURS_SYNC_FORMS_H
#define PARCOURS_SYNC_FORMS_H
#include <stddef.h>
#include "parcours/buf.h"
#include "parcours/err.h"

/* "name=SHA-256 in hex,..." for every *.yaml of `dir`, by name: what both
 * ends of an exchange must agree on. *line is malloc'ed. */
enum pc_status pc_sync_forms_line(const char *dir, char **line, struct pc_problems *pr);

/* The same files appended to `out`, each as "NAME LEN\n" and its bytes. */
enum pc_status pc_sync_forms_pack(const char *dir, struct pc_buf *out, struct pc_problems *pr);

/* Writes a pack into the folder `dest` (mode 0700, files 0600), replacing
 * what it held at once (the new folder is made beside it, then exchanged
 * with it): a pack whose names are not plain *.yaml names, or that is cut,
 * is refused (PC_REFUSED) and `dest` left as it was. */
enum pc_status pc_sync_forms_install(const char *dest, const void *pack, size_t n,
                                     struct pc_problems *pr);

/* Removes the folder `dir` made by pc_sync_forms_install (its files, then
 * itself); nothing when it does not exist. */
void pc_sync_forms_remove(const char *dir);

/* The names whose checksum differs between two pc_sync_forms_line lines,
 * or that only one holds, ", "-separated (malloc'ed; NULL out of memory). */
char *pc_sync_forms_differ(const char *a, const char *b);

#endif
