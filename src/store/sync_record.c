/* Change recording for sync (doc/sync.md): while the database takes part in
 * sync (a sync_self row), a SQLite session is attached to every outermost
 * write transaction and its changeset is appended to sync_log in that same
 * transaction, just before COMMIT. Drafts, search tokens, file counters,
 * month totals (derived: each side writes its own) and the sync tables are
 * not recorded. Shipping and applying are elsewhere. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/sync.h"
#include "store_internal.h"

bool pc_store_sync_recorded(const char *table)
{
	static const char *const local[] = {"draft", "participant_token", "file_counter",
	                                    "month_total", "sqlite_sequence", "sqlite_stat1"};
	if (strncmp(table, "sync_", 5) == 0)
		return false;
	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++)
		if (strcmp(table, local[i]) == 0)
			return false;
	return true;
}

static int table_filter(void *ctx, const char *table)
{
	(void)ctx;
	return pc_store_sync_recorded(table);
}

static const char SQL_ON[] = "SELECT 1 FROM sync_self";

/* True when the file takes part in sync. An older schema without the
 * table (a migration under way) records nothing. Asked at every write,
 * inside the writers' line: a cached statement, not one parsed each time. */
static bool sync_on(struct pc_store *s)
{
	struct pc_problems ignored = {0};
	sqlite3_stmt *st = store_stmt(s, SQL_ON, &ignored);
	pc_problems_clear(&ignored);
	if (!st)
		return false;
	bool on = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return on;
}

enum pc_status store_sync_start(struct pc_store *s, struct pc_problems *pr)
{
	store_sync_drop(s);
	if (!sync_on(s))
		return PC_OK;
	sqlite3_session *sess = NULL;
	int rc = sqlite3session_create(s->db, "main", &sess);
	if (rc == SQLITE_OK) {
		sqlite3session_table_filter(sess, table_filter, NULL);
		rc = sqlite3session_attach(sess, NULL);
	}
	if (rc != SQLITE_OK) {
		if (sess)
			sqlite3session_delete(sess);
		return store_fail(s, rc, pr);
	}
	s->sync_session = sess;
	return PC_OK;
}

static const char SQL_LOG[] =
    "INSERT INTO sync_log (seq, origin, origin_seq, via, at, changeset) "
    "SELECT n, NULL, n, NULL, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1 "
    "FROM (SELECT coalesce(max(seq), 0) + 1 AS n FROM sync_log)";

enum pc_status store_sync_finish(struct pc_store *s, struct pc_problems *pr)
{
	if (!s->sync_session)
		return PC_OK;
	int n = 0;
	void *cs = NULL;
	int rc = sqlite3session_changeset(s->sync_session, &n, &cs);
	store_sync_drop(s);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, pr);
	enum pc_status st = PC_OK;
	if (n > 0) {
		sqlite3_stmt *q = store_stmt(s, SQL_LOG, pr);
		if (!q)
			st = PC_UNUSABLE;
		else {
			sqlite3_bind_blob(q, 1, cs, n, SQLITE_STATIC);
			st = store_step_done(s, q, pr);
		}
	}
	sqlite3_free(cs);
	return st;
}

void store_sync_drop(struct pc_store *s)
{
	if (s && s->sync_session) {
		sqlite3session_delete(s->sync_session);
		s->sync_session = NULL;
	}
}

void store_sync_pause(struct pc_store *s, bool pause)
{
	if (s->sync_session)
		sqlite3session_enable(s->sync_session, pause ? 0 : 1);
}
