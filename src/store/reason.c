/* The reasons given with saves (enrolment.h: pc_store_change_reasons_each):
 * read back for `show`. Written by pc_store_month_change_add in
 * enrolment.c; nothing here writes. */
#include "store_internal.h"
#include "parcours/enrolment.h"

static const char SQL_REASONS[] =
    "SELECT form, period, revision, reason FROM month_change WHERE participant_id = ?1 "
    "ORDER BY form, period, revision";

enum pc_status pc_store_change_reasons_each(struct pc_store *s, const char *participant_id,
                                            bool (*each)(void *ctx, const char *form,
                                                         const char *period, long long revision,
                                                         const char *reason),
                                            void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_REASONS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (!each(ctx, (const char *)sqlite3_column_text(q, 0),
		          (const char *)sqlite3_column_text(q, 1), sqlite3_column_int64(q, 2),
		          (const char *)sqlite3_column_text(q, 3))) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
