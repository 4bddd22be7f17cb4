/* The store's side of closed months changed by an enrolment
 * (closed_change.h): which closed months follow a date, and the reasons
 * kept for each. Only SQL here; the rule is in src/core/closed_change.c. */
#include <stdlib.h>
#include <string.h>
#include "parcours/closed_change.h"
#include "store/store_internal.h"

static const char SQL_FROM[] =
    "SELECT period FROM month_closing WHERE period >= ?1 ORDER BY period";

enum pc_status pc_store_closed_from(struct pc_store *s, const char *period, char ***out,
                                    size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_FROM, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, period);
	size_t cap = 0;
	int rc;
	enum pc_status st = PC_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		bool oom = false;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			char **l = realloc(*out, cap * sizeof(*l));
			if (!l) {
				st = store_oom(pr);
				break;
			}
			*out = l;
		}
		(*out)[*n] = store_column_dup(q, 0, &oom);
		if (oom || !(*out)[*n]) {
			st = store_oom(pr);
			break;
		}
		(*n)++;
	}
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK) {
		for (size_t i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return st;
}

static const char SQL_ADD[] =
    "INSERT INTO enrolment_change (participant_id, enrolment_id, period, change, change_date, "
    "reason, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

enum pc_status pc_store_closed_change_add(struct pc_store *s, const struct pc_closed_change *ch,
                                          const char *participant_id, struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_ADD, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	const char *v[] = {participant_id, ch->enrolment_id, ch->period, ch->change,
	                   ch->date,       ch->reason,       ch->by,     ch->at};
	for (int i = 0; i < 8; i++)
		store_bind_text(q, i + 1, v[i]);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}

static const char SQL_LIST[] =
    "SELECT enrolment_id, period, change, change_date, reason, changed_by, changed_at "
    "FROM enrolment_change WHERE participant_id = ?1 ORDER BY period, changed_at, rowid";

enum pc_status pc_store_closed_changes(struct pc_store *s, const char *participant_id,
                                       struct pc_closed_change **out, size_t *n,
                                       struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_LIST, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	size_t cap = 0;
	int rc;
	enum pc_status st = PC_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			struct pc_closed_change *l = realloc(*out, cap * sizeof(*l));
			if (!l) {
				st = store_oom(pr);
				break;
			}
			*out = l;
		}
		struct pc_closed_change *ch = &(*out)[(*n)++];
		bool oom = false;
		char **cols[] = {&ch->enrolment_id, &ch->period, &ch->change, &ch->date,
		                 &ch->reason,       &ch->by,     &ch->at};
		for (int i = 0; i < 7; i++)
			*cols[i] = store_column_dup(q, i, &oom);
		if (oom) {
			st = store_oom(pr);
			break;
		}
	}
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK)
		pc_closed_changes_free(out, *n);
	return st;
}

static const char SQL_MONTH[] =
    "SELECT p.file_no, x.change || ' ' || x.change_date, x.reason, x.changed_by, x.changed_at "
    "FROM enrolment_change x JOIN participant p ON p.id = x.participant_id WHERE x.period = ?1 "
    "UNION ALL "
    "SELECT p.file_no, m.form || ' revision ' || m.revision, m.reason, m.changed_by, "
    "m.changed_at FROM month_change m JOIN participant p ON p.id = m.participant_id "
    "WHERE m.period = ?1 ORDER BY 5, 1, 2";

enum pc_status pc_store_month_reasons_each(struct pc_store *s, const char *period,
                                           bool (*each)(void *ctx, const char *file_no,
                                                        const char *what, const char *reason,
                                                        const char *by, const char *at),
                                           void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_MONTH, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, period);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *t[5];
		for (int i = 0; i < 5; i++)
			t[i] = (const char *)sqlite3_column_text(q, i);
		if (!each(ctx, t[0], t[1], t[2], t[3], t[4])) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
