/* `parcours check`: everything that can be verified about a database
 * without changing it. SQLite's integrity check; every revision's answers
 * parsed and checked against its form (stored.h: today's fields, the only
 * definition kept; answers of removed fields are accepted as they are);
 * search keys and tokens consistent with the names; the file-number counter
 * ahead of every file number; the participation months' totals kept for
 * the reports, rebuilt when they disagree with the answers (the only write:
 * derived data). Streams the file: memory does not grow with it. Nothing
 * is printed here; the face writes the summary. */
#ifndef PARCOURS_CHECK_H
#define PARCOURS_CHECK_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"

/* Each list keeps its first PC_CHECK_KEEP issues and counts them all. */
enum { PC_CHECK_KEEP = 100 };

struct pc_check_issue {
	char *file_no;       /* NULL when not about one participant */
	char *form, *period; /* answers: the revision's form and period ("" when not monthly) */
	long long revision;  /* answers: the revision number; counter: the year */
	char *message;       /* translated */
};

struct pc_check_list {
	struct pc_check_issue *items; /* at most PC_CHECK_KEEP */
	size_t len;
	size_t total; /* all found */
};

struct pc_check {
	long long revisions;    /* read */
	long long participants; /* read */
	long long token_rows;   /* search token rows read */
	struct pc_check_list integrity, answers, search, counter;
	/* participation months whose kept totals (month_totals.h) are missing,
	 * wrong or left over; derived data, so they are rebuilt at once:
	 * damage only when that failed (totals_rebuilt false) */
	long long months; /* participation months read */
	struct pc_check_list totals;
	bool totals_rebuilt;
	/* notices, not damage (pc_check_ok ignores them): exits whose stored
	 * reason is not in the programmes file's exit_reasons (free text kept
	 * from before the list, or a code since removed); shown as written */
	struct pc_check_list exit_reasons;
};

/* Runs every check on c->store (c->forms for the answers). PC_OK when the
 * checks could run, whatever they found (see pc_check_ok); PC_UNUSABLE with
 * problems in `pr` when the file could not be read to the end (the lists
 * hold what was found until then). `progress` (may be NULL) is told the
 * number of revisions read every 10,000. */
enum pc_status pc_check(struct pc_ctx *c, struct pc_check *out,
                        void (*progress)(void *ctx, long long revisions), void *pctx,
                        struct pc_problems *pr);
/* The month totals part (src/core/check_totals.c), run by pc_check:
 * compares, fills out->totals and rebuilds them all when any is off. */
enum pc_status pc_check_totals(struct pc_ctx *c, struct pc_check *out, struct pc_problems *pr);
/* True when every list of damage is empty (exit_reasons are notices; month
 * totals once rebuilt). */
bool pc_check_ok(const struct pc_check *r);
void pc_check_clear(struct pc_check *r);

#endif
