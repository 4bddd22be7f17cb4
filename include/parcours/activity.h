/* The activity report (`parcours report activity YEAR`): what a year's work
 * amounted to, as the funders' plans ask for it: new intakes, enrolments,
 * exits, follow-up entries, referrals and the profile of the people reached.
 * Counts only: no names, no per-person rows. Not here: the month and year
 * participation reports (participation.h). */
#ifndef PARCOURS_ACTIVITY_H
#define PARCOURS_ACTIVITY_H
#include <stdbool.h>
#include "parcours/core.h"
#include "parcours/participation.h"

/* What pc_store_activity_each counts, each in one statement. A person is
 * "reached" in [first, last] when their file was opened then, or one of
 * their enrolments was open at some point of it, or an entry of theirs
 * (follow-up, referral, evaluation...) is dated within it. Keys are NULL
 * where not said, and where the answer is missing. */
enum pc_activity_count {
	PC_ACTIVITY_INTAKES,    /* files opened (participant created) */
	PC_ACTIVITY_REACHED,    /* people reached */
	PC_ACTIVITY_ENROLMENTS, /* enrolments started, keys[0] = programme code */
	PC_ACTIVITY_EXITS,      /* exits, keys[0] = reason code ("" when none) */
	PC_ACTIVITY_ENTRIES,    /* entries of `form` dated in the range, by their
	                           current revision: keys[0] = its answer to
	                           `field1`, keys[1] to `field2` (NULL field2: NULL) */
	PC_ACTIVITY_PROFILE,    /* people reached: keys[0] = age in whole years on
	                           `on` (NULL: no birth date), keys[1] = the current
	                           answer to `field1` of `form`, keys[2] = that to
	                           `field2` of `form2` as JSON text (forms kept
	                           whole, period none) */
};

struct pc_activity_query {
	enum pc_activity_count what;
	const char *first, *last; /* "YYYY-MM-DD", inclusive */
	const char *on;           /* PROFILE: the date ages are taken on */
	const char *form, *field1, *field2, *form2;
};

/* Calls `each` with keys (they live until `each` returns) and a count;
 * stops when it returns false. ENROLMENTS and EXITS come once per group;
 * ENTRIES once per entry and PROFILE once per person, each with count 1,
 * for the caller to add up (no sort, so memory stays flat). One statement
 * over each table, never a query per person. */
enum pc_status pc_store_activity_each(struct pc_store *s, const struct pc_activity_query *q,
                                      bool (*each)(void *ctx, const char *const keys[3],
                                                   long long count),
                                      void *ctx, struct pc_problems *pr);

/* Writes the activity report of `year` to `out` (text, CSV or JSON, see
 * parcours(1)): codes shown as their labels from the definitions in the
 * current language; ages on December 31 of the year. Supervisors only
 * (PC_REFUSED otherwise, as the other reports); PC_REFUSED for a year outside
 * 1900-2200; PC_UNUSABLE when the database fails or the output cannot be
 * written. */
enum pc_status pc_report_activity(struct pc_ctx *c, int year, const struct pc_report_out *out,
                                  struct pc_problems *pr);

#endif
