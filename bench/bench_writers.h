/* make bench: many sessions saving on one file at once (bench_writers.c). */
#ifndef PARCOURS_BENCH_WRITERS_H
#define PARCOURS_BENCH_WRITERS_H

/* Runs the concurrent-writers figures in `dir` (a scratch folder) with the
 * forms of `forms`: 50 processes x 100 saves through the core, then (when
 * `bin`, the parcours binary, is executable) 50 x 20 `parcours submit`.
 * BENCH_WRITERS, BENCH_WRITER_SAVES and BENCH_BIN_SAVES change the sizes;
 * BENCH_WRITERS_ONLY=1 makes `parcours_bench` run only this. Prints table
 * rows on stdout. */
void bench_writers(const char *dir, const char *forms, const char *bin);

#endif
