/* The store's side of what is due: each participant of a caseload (or
 * everyone) with their latest enrolment, in file number order, and, for one
 * of them at a time, the current answers of a journal form's entries or of
 * a form's periods, so the core can work out what is due person by person
 * without holding a caseload or sorting their answers. Only SQL here; the
 * rules are in src/core/due.c and due_date.c. */
#include "parcours/due.h"
#include "parcours/enrolment.h"
#include "store/store_internal.h"

/* Only the row ids are sorted by file number (a caseload is a range of the
 * counsellor index); each person is then read by row id. Everyone comes in
 * the order of the file number's own index, with no sort at all. */
static const char SQL_CASELOAD[] =
    "SELECT p.rowid FROM participant p WHERE p.counsellor = ?1 ORDER BY p.file_no";
static const char SQL_EVERYONE[] = "SELECT p.rowid FROM participant p ORDER BY p.file_no";

static const char SQL_PERSON[] =
    "SELECT " STORE_PARTICIPANT_COLUMNS ", e.id, e.programme, e.start_date, e.end_date, "
    "e.end_reason, e.hours, e.ramp "
    "FROM participant p LEFT JOIN enrolment e ON e.id = (SELECT x.id FROM enrolment x "
    "WHERE x.participant_id = p.id ORDER BY x.start_date DESC, x.created_at DESC LIMIT 1) "
    "WHERE p.rowid = ?1";

/* Reads the person of row `rowid` and hands them to `each`; *more is
 * false when `each` wants no more. */
static enum pc_status one_person(struct pc_store *s, sqlite3_int64 rowid,
                                 bool (*each)(void *ctx, const struct pc_participant *p,
                                              const struct pc_enrolment_row *e),
                                 void *ctx, bool *more, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_PERSON, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, rowid);
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW) /* SQLITE_DONE: a row id of the walk's own snapshot is there */
		return store_fail(s, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, pr);
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
	    .hours =
	        sqlite3_column_type(q, k + 5) == SQLITE_NULL ? -1 : sqlite3_column_double(q, k + 5),
	    .ramp = (char *)sqlite3_column_text(q, k + 6),
	    .counsellor = p.counsellor,
	};
	*more = each(ctx, &p, e.id ? &e : NULL);
	sqlite3_reset(q);
	return PC_OK;
}

enum pc_status pc_store_due_people(struct pc_store *s, const char *counsellor,
                                   bool (*each)(void *ctx, const struct pc_participant *p,
                                                const struct pc_enrolment_row *e),
                                   void *ctx, struct pc_problems *pr)
{
	/* Not from the cache: `each` reads other things from the store. The
	 * walk's statement stays open throughout, so every read of `each`
	 * sees the same snapshot. */
	sqlite3_stmt *walk = NULL;
	int rc =
	    sqlite3_prepare_v2(s->db, counsellor ? SQL_CASELOAD : SQL_EVERYONE, -1, &walk, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, pr);
	store_bind_text(walk, 1, counsellor);
	enum pc_status st = PC_OK;
	bool more = true;
	while (st == PC_OK && more && (rc = sqlite3_step(walk)) == SQLITE_ROW)
		st = one_person(s, sqlite3_column_int64(walk, 0), each, ctx, &more, pr);
	if (st == PC_OK && more && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_finalize(walk);
	return st;
}

/* The order of a person's entries of one form: by date, then as written. */
#define ENTRY_ORDER(dir)                                                                           \
	"e.entry_date " dir ", e.created_at " dir ", " STORE_ENTRY_WRITTEN " " dir ", e.id " dir
#define CURRENT_ENTRIES                                                                            \
	"SELECT e.entry_date, r.answers FROM entry e "                                             \
	"JOIN revision r ON r.participant_id = e.participant_id AND r.form = e.form "              \
	"AND r.period = CAST(e.id AS TEXT) "                                                       \
	"WHERE e.participant_id = ?1 AND e.form = ?2 AND r.revision = (SELECT max(x.revision) "    \
	"FROM revision x WHERE x.participant_id = r.participant_id AND x.form = r.form "           \
	"AND x.period = r.period) ORDER BY "
static const char SQL_ENTRIES_OLDEST[] = CURRENT_ENTRIES ENTRY_ORDER("ASC");
static const char SQL_ENTRIES_NEWEST[] = CURRENT_ENTRIES ENTRY_ORDER("DESC");

static const char SQL_PERIODS[] =
    "SELECT NULL, r.answers FROM revision r WHERE r.participant_id = ?1 AND r.form = ?2 "
    "AND r.revision = (SELECT max(x.revision) FROM revision x "
    "WHERE x.participant_id = r.participant_id AND x.form = r.form AND x.period = r.period) "
    "ORDER BY r.period";

/* Steps one of the statements above for participant_id and form. */
static enum pc_status each_answers(struct pc_store *s, const char *sql, const char *participant_id,
                                   const char *form,
                                   bool (*each)(void *ctx, const char *date, const char *answers),
                                   void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, sql, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, form);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW &&
	       each(ctx, (const char *)sqlite3_column_text(q, 0),
	            (const char *)sqlite3_column_text(q, 1)))
		;
	enum pc_status st = rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
	sqlite3_reset(q);
	return st;
}

enum pc_status pc_store_due_entries(struct pc_store *s, const char *participant_id,
                                    const char *form, bool newest_first,
                                    bool (*each)(void *ctx, const char *date, const char *answers),
                                    void *ctx, struct pc_problems *pr)
{
	return each_answers(s, newest_first ? SQL_ENTRIES_NEWEST : SQL_ENTRIES_OLDEST,
	                    participant_id, form, each, ctx, pr);
}

enum pc_status pc_store_due_periods(struct pc_store *s, const char *participant_id,
                                    const char *form,
                                    bool (*each)(void *ctx, const char *date, const char *answers),
                                    void *ctx, struct pc_problems *pr)
{
	return each_answers(s, SQL_PERIODS, participant_id, form, each, ctx, pr);
}
