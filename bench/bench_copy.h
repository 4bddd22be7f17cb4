/* make bench: the laptop copy of a caseload (bench_copy.c). */
#ifndef PARCOURS_BENCH_COPY_H
#define PARCOURS_BENCH_COPY_H
#include "parcours/core.h"

/* On the open bench database of `c` (its login an administrator and
 * supervisor): gives BENCH_COPY_PEOPLE (300) people to counsellor
 * "benchcopy" (kept from an earlier run), then times pc_copy_caseload of
 * their caseload into `dir`, median of 3. Prints table rows; exits on
 * failure. */
void bench_copy(struct pc_ctx *c, const char *dir);
/* The same alone on `dbpath` (BENCH_COPY_ONLY=1). */
void bench_copy_only(const char *dbpath, const char *forms, const char *dir);

#endif
