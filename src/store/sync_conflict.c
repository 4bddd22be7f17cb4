/* Conflicts of sync in the database (sync.h): the revisions of another site
 * set aside beside ours with the same number, listed with our answers of
 * that number, and closed once a person has decided. Deciding (and saving
 * a new revision) is the core's, src/core/sync_resolve.c. */
#include <stdlib.h>
#include <string.h>
#include "parcours/sync.h"
#include "store_internal.h"

void pc_sync_conflict_clear(struct pc_sync_conflict *c)
{
	char *f[] = {c->participant_id, c->file_no, c->form,     c->period,   c->origin,
	             c->answers,        c->mine,    c->saved_by, c->saved_at, c->found_at,
	             c->mine_by,        c->mine_at};
	for (size_t j = 0; j < sizeof(f) / sizeof(f[0]); j++)
		free(f[j]);
	memset(c, 0, sizeof(*c));
}

void pc_sync_conflicts_free(struct pc_sync_conflict **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		pc_sync_conflict_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

static const char SQL_LIST[] =
    "SELECT c.participant_id, p.file_no, c.form, c.period, c.revision, c.origin, "
    "c.form_version, c.answers, r.answers, c.saved_by, c.saved_at, c.found_at, "
    "r.saved_by, r.saved_at "
    "FROM sync_conflict c JOIN participant p ON p.id = c.participant_id "
    "LEFT JOIN revision r ON r.participant_id = c.participant_id AND r.form = c.form "
    "AND r.period = c.period AND r.revision = c.revision "
    "WHERE c.resolved_at IS NULL AND (?1 IS NULL OR p.file_no = ?1) "
    "ORDER BY p.file_no, c.form, c.period, c.revision, c.origin";

static char *col(sqlite3_stmt *q, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	char *d = strdup(t ? (const char *)t : "");
	*oom |= !d;
	return d;
}

enum pc_status pc_store_sync_conflicts(struct pc_store *s, const char *file_no,
                                       struct pc_sync_conflict **out, size_t *n,
                                       struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_LIST, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, file_no);
	size_t cap = 0;
	bool oom = false;
	int rc;
	while (!oom && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t c2 = cap ? cap * 2 : 4;
			struct pc_sync_conflict *v = realloc(*out, c2 * sizeof(*v));
			if (!v) {
				oom = true;
				break;
			}
			*out = v;
			cap = c2;
		}
		struct pc_sync_conflict *c = &(*out)[(*n)++];
		memset(c, 0, sizeof(*c));
		c->participant_id = col(q, 0, &oom);
		c->file_no = col(q, 1, &oom);
		c->form = col(q, 2, &oom);
		c->period = col(q, 3, &oom);
		c->revision = sqlite3_column_int64(q, 4);
		c->origin = col(q, 5, &oom);
		c->form_version = sqlite3_column_int(q, 6);
		c->answers = col(q, 7, &oom);
		c->mine = col(q, 8, &oom);
		c->saved_by = col(q, 9, &oom);
		c->saved_at = col(q, 10, &oom);
		c->found_at = col(q, 11, &oom);
		c->mine_by = col(q, 12, &oom);
		c->mine_at = col(q, 13, &oom);
	}
	sqlite3_reset(q);
	if (oom || (rc != SQLITE_DONE && rc != SQLITE_ROW)) {
		pc_sync_conflicts_free(out, *n);
		*n = 0;
		return oom ? store_oom(pr) : store_fail(s, rc, pr);
	}
	return PC_OK;
}

static const char SQL_CLOSE[] =
    "UPDATE sync_conflict SET resolved_by = ?4, resolved_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
    "'now'), resolution = ?5 WHERE participant_id = ?1 AND form = ?2 AND period = ?3 "
    "AND resolved_at IS NULL";

enum pc_status pc_store_sync_conflict_close(struct pc_store *s, const char *participant_id,
                                            const char *form, const char *period,
                                            const char *login, const char *resolution,
                                            size_t *count, struct pc_problems *pr)
{
	*count = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_CLOSE, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, form);
	store_bind_text(q, 3, period ? period : "");
	store_bind_text(q, 4, login);
	store_bind_text(q, 5, resolution);
	enum pc_status st = store_step_done(s, q, pr);
	if (st == PC_OK)
		*count = (size_t)sqlite3_changes(s->db);
	return st;
}
