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
 * (follow-up, referral, evaluation...) is dated within it. */
enum pc_activity_count {
	PC_ACTIVITY_INTAKES,    /* files opened (participant created): key1 NULL */
	PC_ACTIVITY_REACHED,    /* people reached: key1 NULL */
	PC_ACTIVITY_ENROLMENTS, /* enrolments started, key1 = programme code */
	PC_ACTIVITY_EXITS,      /* exits, key1 = reason code ("" when none) */
	PC_ACTIVITY_ENTRIES,    /* entries of `form` dated in the range, key1 = the
				   current revision's `field1`, key2 = its `field2`
				   (NULL field2: key2 NULL); NULL when unanswered */
	PC_ACTIVITY_AGES,       /* people reached, key1 = age in whole years on
				   `on` (NULL: no birth date) */
	PC_ACTIVITY_ANSWER,     /* people reached, key1 = the current answer to
				   `field1` of `form` (period none); NULL when none */
	PC_ACTIVITY_CHOICES,    /* people reached, key1 = each value of the
				   multiple choice `field1` of `form`; a person
				   without any is counted once under NULL */
};

struct pc_activity_query {
	enum pc_activity_count what;
	const char *first, *last; /* "YYYY-MM-DD", inclusive */
	const char *on;           /* AGES: the date ages are taken on */
	const char *form, *field1, *field2;
};

/* Calls `each` once per group with its keys and count (keys are NULL as said
 * above; they live until `each` returns); stops when it returns false.
 * One statement over each table, never a query per person. */
enum pc_status pc_store_activity_each(struct pc_store *s, const struct pc_activity_query *q,
				      bool (*each)(void *ctx, const char *key1, const char *key2,
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
