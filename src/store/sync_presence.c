/* A workshop presence recorded on two sides (sync_apply.c): the same person
 * added to the same AMI session at two sites, each as a presence of its own,
 * which the schema's one-current-presence index refuses side by side. Both
 * ends settle it alike, whichever applies first: the presence with the lower
 * id stays current, the other is kept removed, stamped by its own author at
 * its own time, its reason naming the one kept. Both rows stay, as any
 * removed presence does. Other refusals are left to the caller's rules. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "store_internal.h"
#include "sync_presence.h"

/* the columns of ami_presence, in order (data/007_ami_sessions.sql) */
enum {
	ID,
	SESSION,
	PERSON,
	ADDED_BY,
	ADDED_AT,
	ADDED_REASON,
	REMOVED_BY,
	REMOVED_AT,
	REMOVED_REASON,
	NCOL
};

bool store_sync_presence_hold(struct store_presences *h, struct sqlite3_changeset_iter *it,
                              int ncol)
{
	if (ncol != NCOL)
		return false;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 4;
		sqlite3_value *(*v)[NCOL] = realloc(h->rows, cap * sizeof(*v));
		if (!v)
			return false;
		h->rows = v;
		h->cap = cap;
	}
	sqlite3_value **row = h->rows[h->n++];
	bool ok = true;
	for (int i = 0; i < NCOL; i++) {
		sqlite3_value *v = NULL;
		row[i] =
		    sqlite3changeset_new(it, i, &v) == SQLITE_OK && v ? sqlite3_value_dup(v) : NULL;
		ok = ok && row[i];
	}
	return ok;
}

void store_sync_presences_free(struct store_presences *h)
{
	for (size_t r = 0; r < h->n; r++)
		for (int i = 0; i < NCOL; i++)
			sqlite3_value_free(h->rows[r][i]);
	free(h->rows);
	memset(h, 0, sizeof(*h));
}

static const char SQL_CURRENT[] = "SELECT id FROM ami_presence WHERE session_id = ?1 AND "
                                  "participant_id = ?2 AND removed_at IS NULL";
static const char SQL_STAMP[] =
    "UPDATE ami_presence SET removed_by = added_by, removed_at = added_at, "
    "removed_reason = ?2 WHERE id = ?1 AND removed_at IS NULL";
static const char SQL_PUT[] =
    "INSERT INTO ami_presence VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/* Writes one held presence: current, or removed beside the one kept. */
static int settle(sqlite3 *db, sqlite3_value **row)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, SQL_CURRENT, -1, &q, NULL);
	long long here = 0, theirs = sqlite3_value_int64(row[ID]);
	bool twice = false;
	if (rc == SQLITE_OK) {
		sqlite3_bind_value(q, 1, row[SESSION]);
		sqlite3_bind_value(q, 2, row[PERSON]);
		rc = sqlite3_step(q);
		twice = rc == SQLITE_ROW;
		here = twice ? sqlite3_column_int64(q, 0) : 0;
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	q = NULL;
	/* not a language: the same words at both ends, whoever reads them */
	char why[64];
	snprintf(why, sizeof(why), "sync: same presence as %lld",
	         twice && here < theirs ? here : theirs);
	if (rc == SQLITE_OK && twice && theirs < here) {
		rc = sqlite3_prepare_v2(db, SQL_STAMP, -1, &q, NULL);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(q, 1, here);
			sqlite3_bind_text(q, 2, why, -1, SQLITE_STATIC);
			rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		}
		sqlite3_finalize(q);
		q = NULL;
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, SQL_PUT, -1, &q, NULL);
	for (int i = 0; rc == SQLITE_OK && i < NCOL; i++)
		sqlite3_bind_value(q, i + 1, row[i]);
	if (rc == SQLITE_OK && twice && here < theirs) {
		sqlite3_bind_value(q, REMOVED_BY + 1, row[ADDED_BY]);
		sqlite3_bind_value(q, REMOVED_AT + 1, row[ADDED_AT]);
		sqlite3_bind_text(q, REMOVED_REASON + 1, why, -1, SQLITE_STATIC);
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
	sqlite3_finalize(q);
	return rc;
}

enum pc_status store_sync_presence_settle(struct pc_store *s, const struct store_presences *h,
                                          const char *origin, struct pc_problems *pr)
{
	/* both ends settle it themselves: not a change of ours to send */
	store_sync_pause(s, true);
	int rc = SQLITE_OK;
	for (size_t r = 0; rc == SQLITE_OK && r < h->n; r++)
		rc = settle(s->db, h->rows[r]);
	store_sync_pause(s, false);
	if (rc == SQLITE_OK)
		return PC_OK;
	if ((rc & 0xff) != SQLITE_CONSTRAINT)
		return store_fail(s, rc, pr);
	pc_problems_add(pr, false, "sync",
	                _("a change of %s to %s breaks a rule of this database: nothing was "
	                  "applied"),
	                origin, "ami_presence");
	return PC_REFUSED;
}
