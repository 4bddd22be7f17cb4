/* Closed months changed by an enrolment: a start dated back (`enrol`), or
 * an exit dated back (`leave`), alters the report of months already closed
 * (participation.h pc_month_close). Like a revision saved in a closed month
 * (submission.h), such a change needs a reason, kept per closed month with
 * who and when, and shown by show and export-person. Nothing prints. */
#ifndef PARCOURS_CLOSED_CHANGE_H
#define PARCOURS_CLOSED_CHANGE_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"

enum pc_closed_change_kind { PC_CHANGE_ENROL, PC_CHANGE_LEAVE };

/* Inside the caller's transaction: every closed month whose report the
 * change alters, that is each closed month whose last day is on or after
 * the enrolment's start `date` (enrol), or after the exit `date` (leave:
 * the exit's own day stays within the enrolment). None: PC_OK,
 * nothing written. Some and `reason` empty or NULL: PC_REFUSED with one
 * problem at `field` naming the months and `option` (the face's way of
 * giving a reason). Else one row per month is stored (participant, the
 * enrolment `enrolment_id`, kind, `date`, reason, c->login, now). */
enum pc_status pc_closed_change_apply(struct pc_ctx *c, const char *participant_id,
				      const char *enrolment_id, enum pc_closed_change_kind kind,
				      const char *date, const char *reason,
				      const char *field, const char *option,
				      struct pc_problems *pr);

/* Whether an enrol from `start` / a leave on `date` would need a reason
 * (a closed month is altered): for the console, which asks for it only
 * then. The months are written to `months` ("2026-01, 2026-02"), at most
 * `size` bytes. */
enum pc_status pc_closed_change_needed(struct pc_ctx *c, enum pc_closed_change_kind kind,
				       const char *date, bool *needed, char *months, size_t size,
				       struct pc_problems *pr);

struct pc_closed_change {
	char *enrolment_id, *period, *change, *date, *reason, *by, *at;
};
void pc_closed_changes_free(struct pc_closed_change **list, size_t n);

/* ---- the store's side (src/store/closed_change.c) ---- */
/* The closed months from `period` on, oldest first (malloc'ed strings). */
enum pc_status pc_store_closed_from(struct pc_store *s, const char *period, char ***out,
				    size_t *n, struct pc_problems *pr);
enum pc_status pc_store_closed_change_add(struct pc_store *s, const struct pc_closed_change *ch,
					  const char *participant_id, struct pc_problems *pr);
/* A participant's rows, by period then time. */
enum pc_status pc_store_closed_changes(struct pc_store *s, const char *participant_id,
				       struct pc_closed_change **out, size_t *n,
				       struct pc_problems *pr);

/* The reasons kept for changes to month `period` once closed, oldest
 * first: enrolments and exits (closed_change.h) and revisions saved with a
 * reason (submission.h), each with the file number, `what` ("enrol
 * 2026-01-20", "leave 2026-01-31", "participation revision 3"), who and
 * when. Stops early (PC_OK) when `each` returns false. */
enum pc_status pc_store_month_reasons_each(struct pc_store *s, const char *period,
					   bool (*each)(void *ctx, const char *file_no,
							const char *what, const char *reason,
							const char *by, const char *at),
					   void *ctx, struct pc_problems *pr);
/* The section of `report month` listing them (text, or a JSON array when
 * `json`), appended to `out`; nothing when there are none in text. */
enum pc_status pc_closed_change_report(struct pc_ctx *c, const char *period, bool json,
				       struct pc_buf *out, struct pc_problems *pr);

#endif
