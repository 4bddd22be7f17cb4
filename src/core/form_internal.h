/* Shared by the form loader's files (form_load.c, form_expr.c, form_set.c);
 * not a public API. */
#ifndef PARCOURS_FORM_INTERNAL_H
#define PARCOURS_FORM_INTERNAL_H
#include <stdbool.h>
#include "parcours/form.h"
#include "yaml_tree.h"

/* Builds a form from a parsed YAML tree; every problem goes to `pr`. */
enum pc_status pc_form_from_tree(const char *path, const struct ynode *root, struct pc_expr *ev,
				 struct pc_form **out, struct pc_problems *pr);
/* Checks every expression and default of a structurally sound form against
 * its fields, finds calculation cycles and fills calc_order. `sections` is
 * the tree the form was built from. Sets *failed on any problem. */
void pc_form_check_exprs(const char *path, struct pc_form *f, const struct ynode *sections,
			 struct pc_expr *ev, struct pc_problems *pr, bool *failed);
/* Runs every expression of a checked form (calc_order filled) once on
 * empty answers and once on typical ones; one that fails or hits a limit
 * is added to `pr` at its PATH:LINE:COL and sets *failed (form_probe.c). */
void pc_form_probe(const char *path, const struct pc_form *f, const struct ynode *sections,
                   struct pc_expr *ev, struct pc_problems *pr, bool *failed);
/* The paths of the *n *.yaml files of `dir` (not those starting with a
 * dot), sorted; each and the list malloc'ed. NULL with a problem on
 * failure (form_set.c). */
char **pc_form_yaml_files(const char *dir, size_t *n, struct pc_problems *pr);
/* The closest of `words` to `s` (a small edit distance), or NULL. */
const char *pc_form_closest(const char *s, const char *const *words, size_t n);

/* Reads `access:` (may be NULL) into f->access_read/access_write, the
 * defaults when absent; problems at PATH:LINE:COL set *failed
 * (form_access.c). */
void pc_form_access(const char *path, struct pc_form *f, const struct ynode *access,
                    struct pc_problems *pr, bool *failed);

/* Reads `entry_date:` of a form whose fields are loaded: allowed only with
 * `period: entry`, it names a top-level date field (form_entry.c).
 * Problems at PATH:LINE:COL set *failed. */
void pc_form_entry(const char *path, struct pc_form *f, const struct ynode *root,
		   struct pc_problems *pr, bool *failed);

struct pc_programmes;
/* Builds programme definitions from a parsed tree (programme.c). */
enum pc_status pc_programmes_from_tree(const char *path, const struct ynode *root,
				       struct pc_programmes **out, struct pc_problems *pr);
struct pc_exit_reasons;
/* Reads the `exit_reasons:` list of a programmes file (`list` NULL: none
 * defined, an empty list) into *out (exit_reason.c). Every problem is added
 * at PATH:LINE:COL; false, *out empty, when there was any. */
bool pc_exit_reasons_from_tree(const char *path, const struct ynode *list,
			       struct pc_exit_reasons *out, struct pc_problems *pr);

#endif
