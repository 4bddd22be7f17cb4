/* make bench: what the roles and the audit log cost (bench_access.c). */
#ifndef PARCOURS_BENCH_ACCESS_H
#define PARCOURS_BENCH_ACCESS_H
#include "parcours/core.h"

/* Times, on the open bench database of `c` (its login an administrator),
 * 1,000 saves of form `form_id` for `file_no` through the core (the access
 * check and the audit entry included), the access check alone, the audit
 * entry alone inside a save's transaction; then 1,000 openings of an
 * ordinary file (a "tremb" of the demo: `show`, i.e. the access check, the
 * fetch and the read's audit entry with its own durable commit) against the
 * fetch alone and the entry alone.
 * BENCH_ACCESS_ROUNDS changes the 1,000. The login is a supervisor for the
 * run (it reads files) and gets its roles back after. Prints table rows on
 * stdout; exits on failure. */
void bench_access(struct pc_ctx *c, const char *form_id, const char *file_no,
                  struct pc_json *(*answers)(int k));

#endif
