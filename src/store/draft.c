/* Drafts (store.h). A draft is what one person typed in one form
 * and has not saved: one row per participant+form+period+login, replaced at
 * every field left and removed when the form is saved or discarded. Staff
 * rows give a Unix login its role. Who may do what is decided in the core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/clock.h"
#include "parcours/i18n.h"
#include "store_internal.h"

static const char SQL_PUT[] =
    "INSERT INTO draft (participant_id, form, period, login, answers, base_revision, "
    "saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (participant_id, form, period, login) DO UPDATE SET "
    "answers = excluded.answers, base_revision = excluded.base_revision, "
    "saved_at = excluded.saved_at";

/* Binds the draft key (participant, form, period, login) to ?1..?4. */
static void bind_key(sqlite3_stmt *st, const char *participant_id, const char *form,
                     const char *period, const char *login)
{
	store_bind_text(st, 1, participant_id);
	store_bind_text(st, 2, form);
	store_bind_text(st, 3, period ? period : "");
	store_bind_text(st, 4, login);
}

enum pc_status pc_store_draft_put(struct pc_store *s, const char *participant_id, const char *form,
                                  const char *period, const char *login, const char *answers,
                                  long long base_revision, struct pc_problems *pr)
{
	char now[21];
	pc_clock_now(now);
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_PUT, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	bind_key(q, participant_id, form, period, login);
	store_bind_text(q, 5, answers);
	sqlite3_bind_int64(q, 6, base_revision < 0 ? 0 : base_revision);
	store_bind_text(q, 7, now);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY || rc == SQLITE_CONSTRAINT_TRIGGER) {
		pc_problems_add(pr, false, "participant", "%s", _("unknown participant"));
		st = PC_REFUSED;
	} else if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL) {
		pc_problems_add(pr, false, form ? form : "form", "%s",
		                _("the draft is not valid JSON"));
		st = PC_REFUSED;
	} else if (rc != SQLITE_DONE) {
		st = store_fail(s, rc, pr);
	}
	return store_op_end(s, own, st, pr);
}

static const char SQL_GET[] =
    "SELECT answers, base_revision, saved_at FROM draft "
    "WHERE participant_id = ?1 AND form = ?2 AND period = ?3 AND login = ?4";

enum pc_status pc_store_draft_get(struct pc_store *s, const char *participant_id, const char *form,
                                  const char *period, const char *login, char **answers,
                                  long long *base_revision, char saved_at[21],
                                  struct pc_problems *pr)
{
	*answers = NULL;
	if (base_revision)
		*base_revision = 0;
	if (saved_at)
		saved_at[0] = '\0';
	sqlite3_stmt *q = store_stmt(s, SQL_GET, pr);
	if (!q)
		return PC_UNUSABLE;
	bind_key(q, participant_id, form, period, login);
	int rc = sqlite3_step(q);
	enum pc_status st = PC_OK;
	if (rc == SQLITE_ROW) {
		bool oom = false;
		*answers = store_column_dup(q, 0, &oom);
		if (base_revision)
			*base_revision = sqlite3_column_int64(q, 1);
		const char *at = (const char *)sqlite3_column_text(q, 2);
		if (saved_at && at)
			snprintf(saved_at, 21, "%s", at);
		if (oom)
			st = store_oom(pr);
	} else if (rc != SQLITE_DONE) {
		st = store_fail(s, rc, pr);
	}
	sqlite3_reset(q);
	return st;
}

static const char SQL_DELETE[] =
    "DELETE FROM draft WHERE participant_id = ?1 AND form = ?2 AND period = ?3 "
    "AND login = ?4";

enum pc_status pc_store_draft_delete(struct pc_store *s, const char *participant_id,
                                     const char *form, const char *period, const char *login,
                                     struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_DELETE, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	bind_key(q, participant_id, form, period, login);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}
