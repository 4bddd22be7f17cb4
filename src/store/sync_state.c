/* Sync state in the database (sync.h, "the store's side"): this site's
 * identity, its peers and what each has confirmed, the change log, the
 * last change of each site applied here, and the whole-file copy used by
 * sync init. Applying changesets and conflicts are in sync_apply.c. */
#include <stdlib.h>
#include <string.h>
#include "parcours/sync.h"
#include "store_internal.h"

static char *dup_col(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	return t ? strdup((const char *)t) : NULL;
}

static bool key_col(sqlite3_stmt *q, int i, unsigned char out[PC_SYNC_KEY])
{
	if (sqlite3_column_bytes(q, i) != PC_SYNC_KEY)
		return false;
	memcpy(out, sqlite3_column_blob(q, i), PC_SYNC_KEY);
	return true;
}

const char *pc_store_sync_db_path(struct pc_store *s)
{
	return s->path;
}

enum pc_status pc_store_sync_copy_file(struct pc_store *s, const char *dest,
                                       struct pc_problems *pr)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(s->db, "VACUUM INTO ?1", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(q, 1, dest, -1, SQLITE_STATIC);
		rc = sqlite3_step(q);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
}

void pc_sync_self_clear(struct pc_sync_self *x)
{
	free(x->site);
	free(x->upstream);
	memset(x, 0, sizeof(*x));
}

void pc_sync_peer_clear(struct pc_sync_peer *p)
{
	free(p->site);
	free(p->url);
	free(p->login);
	memset(p, 0, sizeof(*p));
}

static const char SQL_SELF[] = "SELECT site, public_key, upstream FROM sync_self";

enum pc_status pc_store_sync_self_get(struct pc_store *s, struct pc_sync_self *out, bool *found,
                                      struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	*found = false;
	sqlite3_stmt *q = store_stmt(s, SQL_SELF, pr);
	if (!q)
		return PC_UNUSABLE;
	int rc = sqlite3_step(q);
	enum pc_status st = PC_OK;
	if (rc == SQLITE_ROW) {
		out->site = dup_col(q, 0);
		out->upstream = dup_col(q, 2);
		if (!out->site || !key_col(q, 1, out->public_key) ||
		    (sqlite3_column_type(q, 2) != SQLITE_NULL && !out->upstream))
			st = store_oom(pr);
		*found = st == PC_OK;
	} else if (rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK)
		pc_sync_self_clear(out);
	return st;
}

static const char SQL_SELF_SET[] =
    "INSERT OR REPLACE INTO sync_self (one, site, public_key, upstream) VALUES (1, ?1, ?2, ?3)";

enum pc_status pc_store_sync_self_set(struct pc_store *s, const struct pc_sync_self *x,
                                      struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_SELF_SET, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, x->site);
	sqlite3_bind_blob(q, 2, x->public_key, PC_SYNC_KEY, SQLITE_STATIC);
	store_bind_text(q, 3, x->upstream);
	return store_step_done(s, q, pr);
}

static const char SQL_PEER[] =
    "SELECT site, public_key, url, login, sent, received FROM sync_peer "
    "WHERE (?1 IS NULL OR site = ?1) AND (?2 IS NULL OR public_key = ?2) LIMIT 2";

enum pc_status pc_store_sync_peer_get(struct pc_store *s, const char *site,
                                      const unsigned char *pk, struct pc_sync_peer *out,
                                      bool *found, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	*found = false;
	sqlite3_stmt *q = store_stmt(s, SQL_PEER, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, site);
	if (pk)
		sqlite3_bind_blob(q, 2, pk, PC_SYNC_KEY, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	enum pc_status st = PC_OK;
	if (rc == SQLITE_ROW) {
		out->site = dup_col(q, 0);
		out->url = dup_col(q, 2);
		out->login = dup_col(q, 3);
		out->sent = sqlite3_column_int64(q, 4);
		out->received = sqlite3_column_int64(q, 5);
		if (!out->site || !key_col(q, 1, out->public_key))
			st = store_oom(pr);
		rc = sqlite3_step(q);
		*found = st == PC_OK && rc == SQLITE_DONE;
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			st = store_fail(s, rc, pr);
	} else if (rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (!*found)
		pc_sync_peer_clear(out);
	return st;
}

static const char SQL_PEER_PUT[] =
    "INSERT OR REPLACE INTO sync_peer (site, public_key, url, login, sent, received) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

enum pc_status pc_store_sync_peer_put(struct pc_store *s, const struct pc_sync_peer *p,
                                      struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_PEER_PUT, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, p->site);
	sqlite3_bind_blob(q, 2, p->public_key, PC_SYNC_KEY, SQLITE_STATIC);
	store_bind_text(q, 3, p->url);
	store_bind_text(q, 4, p->login);
	sqlite3_bind_int64(q, 5, p->sent);
	sqlite3_bind_int64(q, 6, p->received);
	return store_step_done(s, q, pr);
}

enum pc_status pc_store_sync_reset(struct pc_store *s, struct pc_problems *pr)
{
	int rc = sqlite3_exec(s->db,
	                      "DELETE FROM sync_log; DELETE FROM sync_peer; "
	                      "DELETE FROM sync_conflict; DELETE FROM sync_self; DELETE FROM sync_held",
	                      NULL, NULL, NULL);
	return rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_LAST[] = "SELECT coalesce(max(seq), 0) FROM sync_log";

enum pc_status pc_store_sync_last_seq(struct pc_store *s, long long *seq, struct pc_problems *pr)
{
	*seq = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_LAST, pr);
	if (!q)
		return PC_UNUSABLE;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*seq = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_EACH[] =
    "SELECT seq, origin, origin_seq, changeset FROM sync_log "
    "WHERE seq > ?1 AND (?2 IS NULL OR via IS NULL OR via <> ?2) ORDER BY seq";

enum pc_status pc_store_sync_log_each(struct pc_store *s, long long after, const char *skip_via,
                                      bool (*each)(void *ctx, long long seq, const char *origin,
                                                   long long origin_seq, const void *cs,
                                                   size_t n),
                                      void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_EACH, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, after);
	store_bind_text(q, 2, skip_via);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const void *cs = sqlite3_column_blob(q, 3);
		size_t n = (size_t)sqlite3_column_bytes(q, 3);
		if (!each(ctx, sqlite3_column_int64(q, 0), (const char *)sqlite3_column_text(q, 1),
		          sqlite3_column_int64(q, 2), cs, n)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_LOG_ADD[] =
    "INSERT INTO sync_log (seq, origin, origin_seq, via, at, changeset) "
    "SELECT n, ?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?4 "
    "FROM (SELECT coalesce(max(seq), 0) + 1 AS n FROM sync_log)";

enum pc_status pc_store_sync_log_add(struct pc_store *s, const char *origin, long long origin_seq,
                                     const char *via, const void *cs, size_t n,
                                     struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_LOG_ADD, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, origin);
	sqlite3_bind_int64(q, 2, origin_seq);
	store_bind_text(q, 3, via);
	sqlite3_bind_blob(q, 4, cs, (int)n, SQLITE_STATIC);
	return store_step_done(s, q, pr);
}

static const char SQL_SEEN[] = "SELECT seq FROM sync_seen WHERE origin = ?1";

enum pc_status pc_store_sync_seen(struct pc_store *s, const char *origin, long long *seq,
                                  struct pc_problems *pr)
{
	*seq = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_SEEN, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, origin);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(q, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_SEEN_SET[] = "INSERT OR REPLACE INTO sync_seen (origin, seq) VALUES (?1, ?2)";

enum pc_status pc_store_sync_seen_set(struct pc_store *s, const char *origin, long long seq,
                                      struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_SEEN_SET, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, origin);
	sqlite3_bind_int64(q, 2, seq);
	return store_step_done(s, q, pr);
}
