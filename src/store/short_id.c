/* The SQL of readable entry and AMI session numbers (short_id.h): DATE/N
 * from an id and back. The order of N is one both ends of a sync agree on
 * (creation time, then id), so a copy and its office show the same
 * numbers once they hold the same rows. */
#include <stdio.h>
#include <string.h>
#include "parcours/short_id.h"
#include "store_internal.h"

static const char SQL_ENTRY_SHORT[] =
    "SELECT e.entry_date, (SELECT count(*) FROM entry x WHERE x.participant_id = "
    "e.participant_id AND x.form = e.form AND x.entry_date = e.entry_date AND (x.created_at < "
    "e.created_at OR (x.created_at = e.created_at AND x.id <= e.id))) FROM entry e WHERE e.id = ?1";
static const char SQL_SESSION_SHORT[] =
    "SELECT s.session_date, (SELECT count(*) FROM ami_session x WHERE x.session_date = "
    "s.session_date AND (x.created_at < s.created_at OR (x.created_at = s.created_at AND "
    "x.id <= s.id))) FROM ami_session s WHERE s.id = ?1";
static const char SQL_ENTRY_BY_SHORT[] =
    "SELECT e.id FROM entry e JOIN participant p ON p.id = e.participant_id WHERE p.file_no = "
    "?1 AND e.form = ?2 AND e.entry_date = ?3 ORDER BY e.created_at, e.id LIMIT 1 OFFSET ?4";
static const char SQL_SESSION_BY_SHORT[] =
    "SELECT id FROM ami_session WHERE session_date = ?1 ORDER BY created_at, id LIMIT 1 "
    "OFFSET ?2";

static enum pc_status short_of(struct pc_store *s, const char *sql, long long id,
                               char out[PC_SHORT_ID], struct pc_problems *pr)
{
	out[0] = '\0';
	sqlite3_stmt *q = store_stmt(s, sql, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const unsigned char *d = sqlite3_column_text(q, 0);
		snprintf(out, PC_SHORT_ID, "%.10s/%lld", d ? (const char *)d : "",
		         sqlite3_column_int64(q, 1));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

enum pc_status pc_store_entry_short(struct pc_store *s, long long id, char out[PC_SHORT_ID],
                                    struct pc_problems *pr)
{
	return short_of(s, SQL_ENTRY_SHORT, id, out, pr);
}

enum pc_status pc_store_ami_session_short(struct pc_store *s, long long id, char out[PC_SHORT_ID],
                                          struct pc_problems *pr)
{
	return short_of(s, SQL_SESSION_SHORT, id, out, pr);
}

static enum pc_status id_of(struct pc_store *s, sqlite3_stmt *q, long long *id,
                            struct pc_problems *pr)
{
	int rc = sqlite3_step(q);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

enum pc_status pc_store_entry_by_short(struct pc_store *s, const char *file_no, const char *form,
                                       const char *date, long long n, long long *id,
                                       struct pc_problems *pr)
{
	*id = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_ENTRY_BY_SHORT, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, file_no);
	store_bind_text(q, 2, form);
	store_bind_text(q, 3, date);
	sqlite3_bind_int64(q, 4, n - 1);
	return id_of(s, q, id, pr);
}

enum pc_status pc_store_ami_session_by_short(struct pc_store *s, const char *date, long long n,
                                             long long *id, struct pc_problems *pr)
{
	*id = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_SESSION_BY_SHORT, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, date);
	sqlite3_bind_int64(q, 2, n - 1);
	return id_of(s, q, id, pr);
}
