/* The forms folder that travels with a laptop copy (doc/sync.md "The
 * office's forms"): every *.yaml of the office's forms folder (the forms,
 * programmes.yaml, partners.yaml...) packed for `sync init`, `sync` and
 * the exchange file for a laptop, compared by checksum at each exchange,
 * and unpacked into DB.forms beside the laptop's database, which then uses
 * it by default (core.h pc_default_forms_dir). Not loading or checking a
 * form (form.h). */
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
 * with it), and checks that it then holds exactly the files of `line`
 * (the sender's pc_sync_forms_line). A pack whose names are not plain
 * *.yaml names, that is cut, or whose files are not those of `line` is
 * refused and `dest` left as it was. *old: the folder holding the former
 * set (malloc'ed; NULL when dest did not exist), until pc_sync_forms_keep
 * drops it or pc_sync_forms_undo puts it back. */
enum pc_status pc_sync_forms_receive(const char *dest, const char *line, const void *pack, size_t n,
                                     char **old, struct pc_problems *pr);
/* The new set stays: the former one (*old) is removed; *old set NULL. */
void pc_sync_forms_keep(char **old);
/* The former set (*old) takes dest's place again and the new one is
 * removed (dest itself when there was none); *old set NULL. PC_UNUSABLE
 * with a problem naming where the former set is when it cannot. */
enum pc_status pc_sync_forms_undo(const char *dest, char **old, struct pc_problems *pr);

/* Removes the folder `dir` made by pc_sync_forms_receive (its files, then
 * itself); nothing when it does not exist. */
void pc_sync_forms_remove(const char *dir);

/* The names whose checksum differs between two pc_sync_forms_line lines,
 * or that only one holds, ", "-separated (malloc'ed; NULL out of memory). */
char *pc_sync_forms_differ(const char *a, const char *b);

#endif
