/* The history of statuses kept in a repeat (the action plan's objectives):
 * a repeat whose rows have a `status` choice and a `status_date` date is
 * read across a form's revisions, and each row's successive statuses are
 * listed with their dates. Derived from the revisions; nothing is stored. */
#ifndef PARCOURS_STATUS_HISTORY_H
#define PARCOURS_STATUS_HISTORY_H
#include <stddef.h>
#include "parcours/buf.h"
#include "parcours/form.h"
#include "parcours/json.h"

/* Appends, for each such repeat of `form`, one line per row of the latest
 * revision: "    OBJECTIVE: Planned 2026-03-01, In progress 2026-03-10".
 * A row is followed across revisions by its first text column (the
 * objective's wording: a reworded objective starts a new history);
 * a status saved again unchanged is listed once. `revs` are the stored
 * answers of one form's revisions, oldest first. Labels in the current
 * language; nothing written when no repeat has a status. */
void pc_status_history_text(const struct pc_form *form, struct pc_json *const *revs, size_t n,
                            int indent, struct pc_buf *out);

#endif
