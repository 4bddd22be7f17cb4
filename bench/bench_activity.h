/* make bench: the activity report on the large database (bench_activity.c). */
#ifndef PARCOURS_BENCH_ACTIVITY_H
#define PARCOURS_BENCH_ACTIVITY_H
#include "parcours/core.h"

/* Times `report activity YEAR` (text, then CSV and JSON) on the open bench
 * database of `c`, its forms and programmes loaded, `BENCH_ACTIVITY_ROUNDS`
 * times each (default 3); the login is made a supervisor for the run and
 * gets its roles back. Prints table rows on stdout; exits on failure. */
void bench_activity(struct pc_ctx *c, int year, long long people);

/* BENCH_ACTIVITY_ONLY=1 parcours_bench --db FILE: only the above, on FILE
 * (migrated first if its schema is older), with the forms of `forms`. */
void bench_activity_only(const char *dbpath, const char *forms);

#endif
