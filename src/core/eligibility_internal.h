/* Reading a programme's `eligibility:` block (eligibility.h) from the YAML
 * tree, for programme.c. Internal to the core: the tree is libyaml's
 * business and never leaves src/core. */
#ifndef PARCOURS_ELIGIBILITY_INTERNAL_H
#define PARCOURS_ELIGIBILITY_INTERNAL_H
#include "parcours/eligibility.h"
#include "yaml_tree.h"

/* Fills *out from node `n` (a list of conditions); every problem is added
 * at "PATH:LINE:COL". False when there was one. */
bool pc_eligibility_from_tree(const char *path, const struct ynode *n, struct pc_eligibility *out,
                              struct pc_problems *pr);

struct pc_programmes;
struct pc_expr;
/* `forms check` of a programmes file at `path`: its eligibility conditions
 * against the intake form beside it (DIR/intake.yaml), when there is one.
 * PC_UNUSABLE after a problem. */
enum pc_status pc_eligibility_check_beside(const char *path, const struct pc_programmes *progs,
                                           struct pc_expr *ev, struct pc_problems *pr);

#endif
