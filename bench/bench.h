/* make bench: the timing helpers shared by bench.c and its parts
 * (bench_writers.c, bench_check.c). */
#ifndef PARCOURS_BENCH_H
#define PARCOURS_BENCH_H

/* Milliseconds on the monotonic clock. */
double bench_now_ms(void);
/* qsort comparison of doubles, ascending. */
int bench_cmp_double(const void *a, const void *b);

#endif
