/* make bench: the timing helpers shared by bench.c and its parts
 * (bench_writers.c, bench_check.c). */
#ifndef PARCOURS_BENCH_H
#define PARCOURS_BENCH_H

/* Milliseconds on the monotonic clock. */
double bench_now_ms(void);
/* qsort comparison of doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);

/* bench_search.c: keys typed into the console on db (and on a 500,000
 * copy of it), their times and the console's peak memory. */
void bench_search(const char *bin, const char *db);

#endif
