/* One participant's month_total row (month_totals.h), for a screen that
 * shows one month's hours per person (the console's list) without reading
 * and parsing the answers. Writing and checking the rows is
 * month_totals.c's. */
#include <stdlib.h>
#include <string.h>
#include "parcours/month_totals.h"
#include "store_internal.h"

static const char SQL_GET[] =
    "SELECT revision, first_day, last_day, minutes, amounts FROM month_total "
    "WHERE participant_id = ?1 AND period = ?2";

enum pc_status pc_store_month_totals_get(struct pc_store *s, const char *participant_id,
                                         const char *period, struct pc_month_totals *out,
                                         bool *found, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	*found = false;
	sqlite3_stmt *q = store_stmt(s, SQL_GET, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, period);
	int rc = sqlite3_step(q);
	bool oom = false;
	if (rc == SQLITE_ROW) {
		out->revision = sqlite3_column_int64(q, 0);
		out->first_day = store_column_dup(q, 1, &oom);
		out->last_day = store_column_dup(q, 2, &oom);
		out->minutes = store_column_dup(q, 3, &oom);
		out->amounts = store_column_dup(q, 4, &oom);
		*found = !oom;
	}
	sqlite3_reset(q);
	if (oom) {
		pc_month_totals_clear(out);
		return store_oom(pr);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
