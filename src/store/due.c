/* The store's side of what is due: each participant of a caseload (or
 * everyone) with their latest enrolment, in file number order, so the core
 * can match the current revisions of the journal forms to them. Only SQL
 * here; the rules are in src/core/due.c and due_date.c. */
#include "parcours/due.h"
#include "parcours/enrolment.h"
#include "store/store_internal.h"

static const char SQL_PEOPLE[] =
    "SELECT " STORE_PARTICIPANT_COLUMNS ", e.id, e.programme, e.start_date, e.end_date, "
    "e.end_reason, e.hours, e.ramp "
    "FROM participant p LEFT JOIN enrolment e ON e.id = (SELECT x.id FROM enrolment x "
    "WHERE x.participant_id = p.id ORDER BY x.start_date DESC, x.created_at DESC LIMIT 1) "
    "WHERE (?1 IS NULL OR p.counsellor = ?1) ORDER BY p.file_no";

enum pc_status pc_store_due_people(struct pc_store *s, const char *counsellor,
                                   bool (*each)(void *ctx, const struct pc_participant *p,
                                                const struct pc_enrolment_row *e),
                                   void *ctx, struct pc_problems *pr)
{
	/* Not from the cache: `each` reads other things from the store. */
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(s->db, SQL_PEOPLE, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, pr);
	store_bind_text(q, 1, counsellor);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_participant p;
		store_read_participant(q, 0, true, &p);
		int k = STORE_PARTICIPANT_NCOLS;
		struct pc_enrolment_row e = {
		    .id = (char *)sqlite3_column_text(q, k),
		    .participant_id = p.id,
		    .programme = (char *)sqlite3_column_text(q, k + 1),
		    .start = (char *)sqlite3_column_text(q, k + 2),
		    .end = (char *)sqlite3_column_text(q, k + 3),
		    .end_reason = (char *)sqlite3_column_text(q, k + 4),
		    .hours = sqlite3_column_type(q, k + 5) == SQLITE_NULL
		                 ? -1
		                 : sqlite3_column_double(q, k + 5),
		    .ramp = (char *)sqlite3_column_text(q, k + 6),
		    .counsellor = p.counsellor,
		};
		if (!each(ctx, &p, e.id ? &e : NULL)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	enum pc_status st = rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
	sqlite3_finalize(q);
	return st;
}
