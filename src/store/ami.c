/* AMI workshop sessions and presences (ami.h, schema 7): the only SQL of
 * group attendance. A presence is removed by stamping it, never deleted
 * (the schema's triggers refuse both). Rules and permissions are the
 * core's (src/core/ami_session.c); rows are returned as stored. */
#include <stdlib.h>
#include <string.h>
#include "parcours/ami.h"
#include "parcours/i18n.h"
#include "row_id.h"
#include "store_internal.h"

static const char SQL_SESSION_ADD[] =
	"INSERT INTO ami_session (session_date, half, title, created_by, created_at, id) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

enum pc_status pc_store_ami_session_insert(struct pc_store *s, const char *date, const char *half,
					   const char *title, const char *by, const char *at,
					   long long *id, struct pc_problems *pr)
{
	long long fresh;
	enum pc_status got = store_row_id(s, STORE_AMI_SESSION, &fresh, pr);
	if (got != PC_OK)
		return got;
	sqlite3_stmt *q = store_stmt(s, SQL_SESSION_ADD, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 6, fresh);
	store_bind_text(q, 1, date);
	store_bind_text(q, 2, half);
	store_bind_text(q, 3, title);
	store_bind_text(q, 4, by);
	store_bind_text(q, 5, at);
	enum pc_status st = store_step_done(s, q, pr);
	if (st == PC_OK)
		*id = fresh;
	return st;
}

static const char SQL_SESSION_GET[] =
	"SELECT session_date, half, title, created_by, created_at FROM ami_session WHERE id = ?1";

enum pc_status pc_store_ami_session_read(struct pc_store *s, long long id,
					 struct pc_ami_session *out, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *q = store_stmt(s, SQL_SESSION_GET, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	bool oom = false;
	if (rc == SQLITE_ROW) {
		out->id = id;
		out->date = store_column_dup(q, 0, &oom);
		out->half = store_column_dup(q, 1, &oom);
		out->title = store_column_dup(q, 2, &oom);
		out->created_by = store_column_dup(q, 3, &oom);
		out->created_at = store_column_dup(q, 4, &oom);
	}
	sqlite3_reset(q);
	if (oom) {
		pc_ami_session_clear(out);
		return store_oom(pr);
	}
	if (rc == SQLITE_DONE) {
		pc_problems_add(pr, false, "session", _("there is no session %lld"), id);
		return PC_REFUSED;
	}
	return rc == SQLITE_ROW ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_PRESENT[] = "SELECT 1 FROM ami_presence WHERE session_id = ?1 "
				  "AND participant_id = ?2 AND removed_at IS NULL";

enum pc_status pc_store_ami_present(struct pc_store *s, long long id, const char *participant_id,
				    bool *present, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_PRESENT, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, participant_id);
	int rc = sqlite3_step(q);
	*present = rc == SQLITE_ROW;
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_PRESENCE_ADD[] =
	"INSERT INTO ami_presence (session_id, participant_id, added_by, added_at, added_reason, id) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

enum pc_status pc_store_ami_presence_add(struct pc_store *s, long long id,
					 const char *participant_id, const char *by,
					 const char *at, const char *reason,
					 struct pc_problems *pr)
{
	long long fresh;
	enum pc_status got = store_row_id(s, STORE_AMI_PRESENCE, &fresh, pr);
	if (got != PC_OK)
		return got;
	sqlite3_stmt *q = store_stmt(s, SQL_PRESENCE_ADD, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 6, fresh);
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, participant_id);
	store_bind_text(q, 3, by);
	store_bind_text(q, 4, at);
	store_bind_text(q, 5, reason);
	return store_step_done(s, q, pr);
}

static const char SQL_PRESENCE_REMOVE[] =
	"UPDATE ami_presence SET removed_by = ?3, removed_at = ?4, removed_reason = ?5 "
	"WHERE session_id = ?1 AND participant_id = ?2 AND removed_at IS NULL";

enum pc_status pc_store_ami_presence_remove(struct pc_store *s, long long id,
					    const char *participant_id, const char *by,
					    const char *at, const char *reason,
					    struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_PRESENCE_REMOVE, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, participant_id);
	store_bind_text(q, 3, by);
	store_bind_text(q, 4, at);
	store_bind_text(q, 5, reason);
	enum pc_status st = store_step_done(s, q, pr);
	if (st == PC_OK && sqlite3_changes(s->db) != 1) {
		pc_problems_add(pr, false, "session", "%s", _("this person is not present at the session"));
		st = PC_REFUSED;
	}
	return st;
}

static const char SQL_PRESENCE_EACH[] =
	"SELECT " STORE_PARTICIPANT_COLUMNS ", a.added_by, a.added_at, a.added_reason, "
	"a.removed_by, a.removed_at, a.removed_reason FROM ami_presence a "
	"JOIN participant p ON p.id = a.participant_id WHERE a.session_id = ?1 ORDER BY a.added_at, a.id";

enum pc_status pc_store_ami_presence_each(
	struct pc_store *s, long long id,
	bool (*each)(void *ctx, const struct pc_participant *p, const struct pc_ami_presence *row),
	void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_PRESENCE_EACH, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_participant p;
		store_read_participant(q, 0, true, &p);
		int k = STORE_PARTICIPANT_NCOLS;
		struct pc_ami_presence row = {
			.file_no = p.file_no,
			.family_name = p.family_name,
			.given_name = p.given_name,
			.added_by = (char *)sqlite3_column_text(q, k),
			.added_at = (char *)sqlite3_column_text(q, k + 1),
			.added_reason = (char *)sqlite3_column_text(q, k + 2),
			.removed_by = (char *)sqlite3_column_text(q, k + 3),
			.removed_at = (char *)sqlite3_column_text(q, k + 4),
			.removed_reason = (char *)sqlite3_column_text(q, k + 5),
		};
		if (!each(ctx, &p, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_PERSON[] =
	"SELECT s.id, s.session_date, s.half, s.title, a.added_by, a.added_at, a.added_reason, "
	"a.removed_by, a.removed_at, a.removed_reason FROM ami_presence a "
	"JOIN ami_session s ON s.id = a.session_id WHERE a.participant_id = ?1 "
	"ORDER BY s.session_date, s.half, a.added_at, a.id";

enum pc_status pc_store_ami_person_each(struct pc_store *s, const char *participant_id,
					bool (*each)(void *ctx, const struct pc_ami_held *row),
					void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_PERSON, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_ami_presence p = {
			.added_by = (char *)sqlite3_column_text(q, 4),
			.added_at = (char *)sqlite3_column_text(q, 5),
			.added_reason = (char *)sqlite3_column_text(q, 6),
			.removed_by = (char *)sqlite3_column_text(q, 7),
			.removed_at = (char *)sqlite3_column_text(q, 8),
			.removed_reason = (char *)sqlite3_column_text(q, 9),
		};
		struct pc_ami_held row = {
			.session = sqlite3_column_int64(q, 0),
			.date = (const char *)sqlite3_column_text(q, 1),
			.half = (const char *)sqlite3_column_text(q, 2),
			.title = (const char *)sqlite3_column_text(q, 3),
			.presence = &p,
		};
		if (!each(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_HALFDAYS[] =
	"SELECT DISTINCT a.participant_id, s.session_date, s.half FROM ami_presence a "
	"JOIN ami_session s ON s.id = a.session_id WHERE a.removed_at IS NULL "
	"AND s.session_date BETWEEN ?1 AND ?2 ORDER BY 1, 2, 3";

enum pc_status pc_store_ami_halfdays_each(struct pc_store *s, const char *first,
					  const char *last,
					  bool (*each)(void *ctx, const char *participant_id,
						       const char *date, const char *half),
					  void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_HALFDAYS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, first);
	store_bind_text(q, 2, last);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (!each(ctx, (const char *)sqlite3_column_text(q, 0),
			  (const char *)sqlite3_column_text(q, 1),
			  (const char *)sqlite3_column_text(q, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

/* A session counts when someone is (still) present at it. */
static const char SQL_COUNTS[] =
	"SELECT count(DISTINCT s.id), count(DISTINCT a.participant_id) FROM ami_session s "
	"JOIN ami_presence a ON a.session_id = s.id AND a.removed_at IS NULL "
	"WHERE s.session_date BETWEEN ?1 AND ?2";

enum pc_status pc_store_ami_counts(struct pc_store *s, const char *first, const char *last,
				   long long *sessions, long long *people,
				   struct pc_problems *pr)
{
	*sessions = *people = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_COUNTS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, first);
	store_bind_text(q, 2, last);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*sessions = sqlite3_column_int64(q, 0);
		*people = sqlite3_column_int64(q, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
