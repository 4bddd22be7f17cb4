/* Month totals (data/012_month_totals.sql): what the month, below and year
 * reports need of a participation month's answers, kept in a table beside
 * the revision they were read from, so the reports never parse answers.
 * A total knows nothing of programmes.yaml nor of the enrolment: minutes by
 * activity as typed, the amounts of the top-level fields, the first and
 * last dates of the entries; the programme's categories, extra costs and
 * the enrolment's dates are applied when the report reads it. Derived
 * data: never synced, never copied, rebuilt by `parcours check`. */
#ifndef PARCOURS_MONTH_TOTALS_H
#define PARCOURS_MONTH_TOTALS_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"
#include "parcours/programme.h"
#include "parcours/store.h"

/* One participant's month as the table keeps it. Rows handed to callbacks
 * borrow their strings; pc_month_totals_of fills malloc'ed ones
 * (pc_month_totals_clear frees them). */
struct pc_month_totals {
	long long revision;        /* the participation revision it was read from */
	char *first_day, *last_day; /* the least and greatest entry date (text), NULL: none */
	char *minutes;             /* "MINUTES ACTIVITY\n" a distinct activity, in order of
				      first use; "MINUTES\n" for rows with no activity text */
	char *amounts;             /* "FIELD\tBITS\n" a top-level field whose number is not
				      0, BITS the 16 hex digits of the double */
};

/* The totals of the stored answers `text` (len bytes), read through the
 * JSON tree as pc_month_compute reads them. False when the text does not
 * parse, has a shape the month does not read (entries not a list of rows,
 * a date or activity not text, hours not a number), or holds what the
 * encoding cannot (a newline in an activity, a tab or newline in a field
 * name): no row is kept then, and the reports read the answers. Also
 * false, with *oom, when memory ran out. */
bool pc_month_totals_of(const char *text, size_t len, struct pc_month_totals *out, bool *oom);
void pc_month_totals_clear(struct pc_month_totals *t);
/* Whether two totals say the same (the revision included). */
bool pc_month_totals_same(const struct pc_month_totals *a, const struct pc_month_totals *b);

/* The month of programme p for enrolment e in `period` from totals t, as
 * pc_month_compute would give it from the answers t was read from. False
 * when the totals cannot say (an entry dated outside the enrolment, a
 * damaged row): the caller reads the answers (pc_month_stored). */
bool pc_month_from_totals(const struct pc_programme *p, const struct pc_enrolment *e,
			  const char *period, const struct pc_month_totals *t,
			  struct pc_month *out);

/* The month of a report's row (enrolment.h pc_month_row) in `period`: from
 * its totals when they can say, else from the month's latest answers
 * (pc_month_stored, whose PC_UNUSABLE names damaged answers), read with
 * the participation form of `forms` (NULL: none), loaded only then (a
 * definition that cannot be used: PC_UNUSABLE with its problems). */
struct pc_month_row;
struct pc_formset;
enum pc_status pc_month_reported(struct pc_store *s, const struct pc_formset *forms,
				 const struct pc_programme *p, const struct pc_enrolment *e,
				 const char *period, const struct pc_month_row *row,
				 struct pc_month *out, struct pc_problems *pr);

/* ---- the store's side (src/store/month_totals.c) ---- */

/* After a revision of `form` is added (inside its transaction): for the
 * participation form, writes the month's totals from revision `revision`
 * and its answers (or, when the answers give none, leaves the month
 * without: the reports then read its answers); nothing for other forms. */
enum pc_status pc_store_month_totals_saved(struct pc_store *s, const char *form,
					   const char *participant_id, const char *period,
					   long long revision, const char *answers,
					   struct pc_problems *pr);
/* Rewrites the totals of every participation month of participant_id
 * (NULL: of everyone) from its latest revision, and removes those left
 * without one; in one transaction (nested in the caller's when open). */
enum pc_status pc_store_month_totals_rebuild(struct pc_store *s, const char *participant_id,
					     struct pc_problems *pr);
/* The totals kept for participant_id's month `period` (strings malloc'ed,
 * pc_month_totals_clear frees them), *found false when the month has no
 * row (no revision, or answers the totals cannot hold). */
enum pc_status pc_store_month_totals_get(struct pc_store *s, const char *participant_id,
					 const char *period, struct pc_month_totals *out,
					 bool *found, struct pc_problems *pr);
/* The latest answers of `form` for the month (malloc'ed, NULL when none):
 * what a report reads when a month has no usable totals. */
enum pc_status pc_store_month_answers(struct pc_store *s, const char *participant_id,
				      const char *form, const char *period, char **answers,
				      struct pc_problems *pr);

/* For `parcours check`: every participation month with a revision, with
 * its latest answers and the totals kept (NULL when none), then every
 * totals row whose month has no revision (answers NULL, revision 0).
 * Strings live until `each` returns; stops when it returns false. */
struct pc_month_totals_check {
	const char *participant_id, *file_no, *period;
	long long revision;
	const char *answers;
	size_t answers_len;
	const struct pc_month_totals *kept;
};
enum pc_status pc_store_month_totals_check(struct pc_store *s,
					   bool (*each)(void *ctx,
							const struct pc_month_totals_check *m),
					   void *ctx, struct pc_problems *pr);
/* Rebuilds every month's totals through a writer of its own (the check
 * reads on a read-only connection). */
enum pc_status pc_store_month_totals_repair(struct pc_store *s, struct pc_problems *pr);

#endif
