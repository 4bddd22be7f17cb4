/* Decisions on sync conflicts that arrive with a changeset (sync_settle.h):
 * a decision is a revision whose `settles` column names the revision number
 * of the conflict it settles (src/core/sync_resolve.c). Whatever this side
 * does with the revision itself (current, or set aside in a new conflict
 * when we saved the same number since), our conflicts up to that number on
 * that form and period were decided there, and close here. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdlib.h>
#include "store_internal.h"
#include "sync_settle.h"

enum { SETTLES_COLUMN = 8 }; /* revision's columns, data/017_revision_settles.sql */

bool store_sync_settle_hold(struct store_settles *l, sqlite3_changeset_iter *it, int ncol)
{
	sqlite3_value *upto = NULL;
	if (ncol <= SETTLES_COLUMN || sqlite3changeset_new(it, SETTLES_COLUMN, &upto) != SQLITE_OK ||
	    !upto || sqlite3_value_type(upto) != SQLITE_INTEGER)
		return true;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		struct store_settle *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	struct store_settle *e = &l->v[l->n++];
	static const int col[4] = {0, 1, 2, 6};
	bool ok = true;
	e->upto = sqlite3_value_int64(upto);
	for (int i = 0; i < 4; i++) {
		sqlite3_value *v = NULL;
		sqlite3changeset_new(it, col[i], &v);
		ok &= (e->cols[i] = v ? sqlite3_value_dup(v) : NULL) != NULL;
	}
	return ok;
}

static const char SQL_SETTLE[] =
    "UPDATE sync_conflict SET resolved_by = ?5, resolved_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
    "'now'), resolution = 'settled' WHERE participant_id = ?1 AND form = ?2 AND period = ?3 "
    "AND revision <= ?4 AND resolved_at IS NULL";

enum pc_status store_sync_settle(struct pc_store *s, const struct store_settles *l,
                                 size_t *closed, struct pc_problems *pr)
{
	for (size_t i = 0; i < l->n; i++) {
		sqlite3_stmt *q = store_stmt(s, SQL_SETTLE, pr);
		if (!q)
			return PC_UNUSABLE;
		const struct store_settle *e = &l->v[i];
		for (int c = 0; c < 3; c++)
			sqlite3_bind_value(q, c + 1, e->cols[c]);
		sqlite3_bind_int64(q, 4, e->upto);
		sqlite3_bind_value(q, 5, e->cols[3]);
		enum pc_status st = store_step_done(s, q, pr);
		if (st != PC_OK)
			return st;
		*closed += (size_t)sqlite3_changes(s->db);
	}
	return PC_OK;
}

void store_sync_settles_free(struct store_settles *l)
{
	for (size_t i = 0; i < l->n; i++)
		for (int c = 0; c < 4; c++)
			sqlite3_value_free(l->v[i].cols[c]);
	free(l->v);
	*l = (struct store_settles){0};
}
