/* The store's side of programmes: enrolments (who is in which programme
 * from when to when, with a per-person target or ramp-up), closed months
 * and the reasons for changing one, and the one query the month report
 * reads. Only SQL here; the rules are in programme.h, the operations that
 * faces call in core.h. */
#ifndef PARCOURS_ENROLMENT_H
#define PARCOURS_ENROLMENT_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"
#include "parcours/store.h"

struct pc_enrolment_row {
	char *id;
	char *participant_id;
	char *programme;
	char *start, *end, *end_reason; /* end and end_reason NULL while it lasts */
	double hours;                   /* < 0 when none */
	char *ramp;                     /* JSON array of hours, "[]" for none */
	char *counsellor;               /* add: the staff login now following the person, or NULL */
};
void pc_enrolment_row_clear(struct pc_enrolment_row *e);
void pc_enrolment_rows_free(struct pc_enrolment_row **list, size_t n);

/* Adds an enrolment (inside a transaction) and sets the participant's
 * programme (and counsellor, when e->counsellor is given). PC_REFUSED when the person already has an open one. */
enum pc_status pc_store_enrolment_add(struct pc_store *s, struct pc_enrolment_row *e,
				      const char *by, const char *at, struct pc_problems *pr);
/* Ends the open enrolment of the participant; PC_REFUSED when none is open
 * or the date is before its start. Clears the participant's programme. */
enum pc_status pc_store_enrolment_end(struct pc_store *s, const char *participant_id,
				      const char *date, const char *reason,
				      struct pc_problems *pr);
/* Every enrolment of a participant, oldest first. */
enum pc_status pc_store_enrolment_list(struct pc_store *s, const char *participant_id,
				       struct pc_enrolment_row **out, size_t *n,
				       struct pc_problems *pr);

/* One row of a month: an enrolment that overlaps the month, its
 * participant, and the totals of that month kept for form `form`
 * (month_totals.h; NULL when none: the month's answers, if any, are read
 * with pc_store_month_answers). Of the participant, only the id, file
 * number, names and counsellor are filled; of the enrolment, all but its
 * id and exit reason. Pointers are valid during the callback only. */
struct pc_month_totals;
struct pc_month_row {
	const struct pc_participant *participant;
	const struct pc_enrolment_row *enrolment;
	const struct pc_month_totals *totals;
	const char *period; /* pc_store_year_each: the month "YYYY-MM" of the row */
};
/* Calls `each` for every enrolment overlapping [first, last] (dates), in
 * programme, counsellor, file number order; stops when it returns false. */
enum pc_status pc_store_month_each(struct pc_store *s, const char *first, const char *last,
				   const char *form, const char *period,
				   bool (*each)(void *ctx, const struct pc_month_row *row),
				   void *ctx, struct pc_problems *pr);
/* The same in counsellor (none first), then file number order (then
 * programme, for one person's two enrolments): the below-target list. */
enum pc_status pc_store_month_each_by_counsellor(struct pc_store *s, const char *first,
						 const char *last, const char *form,
						 const char *period,
						 bool (*each)(void *ctx,
							      const struct pc_month_row *row),
						 void *ctx, struct pc_problems *pr);

/* The year in one pass: calls `each` for every enrolment and every month
 * 1..`months` of `year` it overlaps, with that month's totals of `form`
 * (as above); rows of one participant come together (participant id
 * order), so a reader keeps no set of people. The participant holds its id
 * and file number only. Stops when `each` returns false. */
enum pc_status pc_store_year_each(struct pc_store *s, int year, int months, const char *form,
				  bool (*each)(void *ctx, const struct pc_month_row *row),
				  void *ctx, struct pc_problems *pr);

/* Calls `each` with the programme, reason and count of exits dated within
 * [first, last], ordered by programme then reason. */
enum pc_status pc_store_exits_each(struct pc_store *s, const char *first, const char *last,
				   bool (*each)(void *ctx, const char *programme, const char *reason,
						long long count),
				   void *ctx, struct pc_problems *pr);

/* Closing months. closed_month fills *by and *at (malloc'ed) or leaves them
 * NULL when the month is open. */
enum pc_status pc_store_month_close(struct pc_store *s, const char *period, const char *by,
				    const char *at, struct pc_problems *pr);
enum pc_status pc_store_month_closed(struct pc_store *s, const char *period, char **by, char **at,
				     struct pc_problems *pr);
enum pc_status pc_store_month_change_add(struct pc_store *s, const char *participant_id,
					 const char *form, const char *period, long long revision,
					 const char *reason, const char *by, const char *at,
					 struct pc_problems *pr);

#endif
