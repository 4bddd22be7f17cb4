/* The history of statuses kept in a repeat (the action plan's objectives):
 * a repeat whose rows have a `status` choice and a `status_date` date is
 * read across a form's revisions, and each row's successive statuses are
 * listed with their dates. Derived from the revisions; nothing is stored.
 * The revisions are fed one at a time, oldest first, so that none has to
 * be kept: memory grows with the changes of status, not the revisions. */
#ifndef PARCOURS_STATUS_HISTORY_H
#define PARCOURS_STATUS_HISTORY_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/buf.h"
#include "parcours/form.h"
#include "parcours/json.h"

struct pc_status_history;

/* Starts the history of the rows of `latest`, the latest answers of
 * `form`, for a text `indent` spaces in. *out is NULL when no repeat of the
 * form has a status and rows in `latest` (nothing to write); false when
 * memory ran out. Free with pc_status_history_free. */
bool pc_status_history_new(const struct pc_form *form, const struct pc_json *latest, int indent,
                           struct pc_status_history **out);
/* Reads one revision's answers (they may be freed after the call); the
 * revisions come oldest first, the latest included. */
void pc_status_history_add(struct pc_status_history *h, const struct pc_json *answers);
/* Appends, for each such repeat, one line per row of the latest revision:
 * "    OBJECTIVE: Planned 2026-03-01, In progress 2026-03-10". A row is
 * followed across revisions by its first text column (the objective's
 * wording: a reworded objective starts a new history); a status saved
 * again unchanged is listed once. Labels in the current language. False
 * when memory ran out on the way. */
bool pc_status_history_write(const struct pc_status_history *h, struct pc_buf *out);
void pc_status_history_free(struct pc_status_history **h);

#endif
