/* Synthetic participants for `parcours demo`, `make run` and the bench:
 * plausible Québec names (accents, hyphens, First Nations names), intake,
 * profile, skills and participation answers, all saved through the core's
 * normal path so the demo exercises the same rules as real use. */
#ifndef PARCOURS_DEMO_H
#define PARCOURS_DEMO_H
#include <stddef.h>
#include "parcours/core.h"

/* Adds `n` participants (deterministic for a given seed), in transactions of
 * a few hundred. `progress` (may be NULL) is called now and then with the
 * number done. Returns the first failure's status with its problems. */
enum pc_status pc_demo_fill(struct pc_ctx *c, size_t n, unsigned seed,
			    void (*progress)(void *ctx, size_t done, size_t total), void *pctx,
			    struct pc_problems *pr);

#endif
