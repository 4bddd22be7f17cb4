/* Which people a changeset is about (sync.h pc_store_sync_outside): what
 * the office sends a laptop is limited to the laptop counsellor's caseload,
 * a changeset at a time. A row is about the participant it names (the
 * participant table's id, else a participant_id column, else through an
 * enrolment_id column, read from the change or, for an update that leaves
 * it alone, from the row here). The rule is the copy's (copy.c PEOPLE). */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/sync.h"
#include "parcours/sync_newcomers.h"
#include "store_internal.h"

/* the column holding the participant of `table`, -1 when none; and the
 * SELECT reading it by primary key */
struct shape {
	char table[64];
	int col;
	char *by_key; /* sqlite3_mprintf'ed */
	int npk;
	bool via_enrolment; /* col is an enrolment_id (contract_term) */
};

static void shape_learn(struct pc_store *s, const char *table, struct shape *sh)
{
	snprintf(sh->table, sizeof(sh->table), "%s", table);
	sqlite3_free(sh->by_key);
	sh->by_key = NULL;
	sh->col = -1;
	sh->npk = 0;
	sh->via_enrolment = false;
	int enrolment_col = -1;
	if (!strcmp(table, "participant")) {
		sh->col = 0;
		return;
	}
	sqlite3_stmt *q = NULL;
	struct pc_buf where = {0};
	if (sqlite3_prepare_v2(s->db, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid", -1,
	                       &q, NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		return;
	}
	sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
	for (int i = 0; sqlite3_step(q) == SQLITE_ROW; i++) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		if (name && !strcmp(name, "participant_id"))
			sh->col = i;
		if (name && !strcmp(name, "enrolment_id"))
			enrolment_col = i;
		if (name && sqlite3_column_int(q, 1) > 0) {
			char *n = sqlite3_mprintf("%w", name);
			pc_buf_printf(&where, "%s\"%s\" = ?%d", sh->npk ? " AND " : "", n ? n : "", i + 1);
			sqlite3_free(n);
			sh->npk++;
		}
	}
	sqlite3_finalize(q);
	if (sh->col < 0 && enrolment_col >= 0) {
		sh->col = enrolment_col;
		sh->via_enrolment = true;
	}
	if (sh->col >= 0 && sh->npk && !where.failed)
		sh->by_key = sqlite3_mprintf("SELECT \"%w\" FROM \"%w\" WHERE %s",
		                             sh->via_enrolment ? "enrolment_id" : "participant_id",
		                             table, where.data);
	pc_buf_free(&where);
}

/* the caseload rule of the copy (src/store/copy.c PEOPLE): whatever the
 * login's roles, the people whose counsellor it is */
static const char SQL_OURS[] = "SELECT 1 FROM participant WHERE id = ?1 AND counsellor = ?2";
static const char SQL_OURS_BY_ENROLMENT[] =
    "SELECT 1 FROM enrolment e JOIN participant p ON p.id = e.participant_id "
    "WHERE e.id = ?1 AND p.counsellor = ?2";

/* Whether participant `id` (or the participant of enrolment `id`) is
 * followed by `login`. */
static bool followed(struct pc_store *s, const struct shape *sh, sqlite3_value *id,
                     const char *login)
{
	sqlite3_stmt *q = NULL;
	bool yes = false;
	if (sqlite3_prepare_v2(s->db, sh->via_enrolment ? SQL_OURS_BY_ENROLMENT : SQL_OURS, -1, &q,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_value(q, 1, id);
		sqlite3_bind_text(q, 2, login, -1, SQLITE_STATIC);
		yes = sqlite3_step(q) == SQLITE_ROW;
	}
	sqlite3_finalize(q);
	return yes;
}

/* `hit` on the person column of the row an update names by its key (the
 * update does not carry that column), read here; `missing` when no row
 * here has that key. */
static bool by_key(struct pc_store *s, const struct shape *sh, sqlite3_changeset_iter *it,
                   int ncol,
                   bool (*hit)(struct pc_store *, const struct shape *, sqlite3_value *,
                               const char *),
                   const char *arg, bool missing)
{
	sqlite3_stmt *q = NULL;
	bool yes = missing;
	if (!sh->by_key || sqlite3_prepare_v2(s->db, sh->by_key, -1, &q, NULL) != SQLITE_OK) {
		sqlite3_finalize(q);
		return missing;
	}
	unsigned char *pk = NULL;
	int npk = 0;
	sqlite3changeset_pk(it, &pk, &npk);
	for (int i = 0; i < ncol && i < npk; i++) {
		sqlite3_value *v = NULL;
		if (pk[i] && sqlite3changeset_old(it, i, &v) == SQLITE_OK && v)
			sqlite3_bind_value(q, i + 1, v);
	}
	if (sqlite3_step(q) == SQLITE_ROW)
		yes = hit(s, sh, sqlite3_column_value(q, 0), arg);
	sqlite3_finalize(q);
	return yes;
}

/* Walks the changeset's rows that name a person, stopping at the first for
 * which `hit` on the person's id value (read here by key when the change
 * does not carry it: by_key) is true; *found says whether one was. */
static enum pc_status first_person(struct pc_store *s, const void *cs, size_t n,
                                   bool (*hit)(struct pc_store *, const struct shape *,
                                               sqlite3_value *, const char *),
                                   const char *arg, bool missing, bool *found,
                                   struct pc_problems *pr)
{
	*found = false;
	struct shape sh = {.col = -1};
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, (int)n, (void *)cs);
	while (rc == SQLITE_OK && !*found && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table = NULL;
		int ncol = 0, op = 0, indirect = 0;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		if (strcmp(table, sh.table) != 0)
			shape_learn(s, table, &sh);
		if (sh.col < 0 || sh.col >= ncol)
			continue;
		sqlite3_value *v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, sh.col, &v);
		else
			sqlite3changeset_old(it, sh.col, &v);
		if (v && sqlite3_value_type(v) == SQLITE_NULL)
			continue;
		*found = v ? hit(s, &sh, v, arg) : by_key(s, &sh, it, ncol, hit, arg, missing);
	}
	int frc = sqlite3changeset_finalize(it);
	sqlite3_free(sh.by_key);
	if (rc == SQLITE_OK)
		rc = frc;
	return rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
}

static bool not_followed(struct pc_store *s, const struct shape *sh, sqlite3_value *v,
                         const char *login)
{
	return !followed(s, sh, v, login);
}

enum pc_status pc_store_sync_outside(struct pc_store *s, const void *cs, size_t n,
                                     const char *login, bool *outside, struct pc_problems *pr)
{
	return first_person(s, cs, n, not_followed, login, true, outside, pr);
}

/* ---- whether a changeset is about one person (sync_newcomers.h) ---- */

static const char SQL_ENROLMENT_OF[] = "SELECT participant_id FROM enrolment WHERE id = ?1";

/* Whether `v` (a participant id, or an enrolment id when via_enrolment)
 * names participant `id`. */
static bool names(struct pc_store *s, const struct shape *sh, sqlite3_value *v, const char *id)
{
	const unsigned char *t = NULL;
	sqlite3_stmt *q = NULL;
	bool yes = false;
	if (!sh->via_enrolment) {
		t = sqlite3_value_text(v);
		return t && strcmp((const char *)t, id) == 0;
	}
	if (sqlite3_prepare_v2(s->db, SQL_ENROLMENT_OF, -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_value(q, 1, v);
		if (sqlite3_step(q) == SQLITE_ROW && (t = sqlite3_column_text(q, 0)))
			yes = strcmp((const char *)t, id) == 0;
	}
	sqlite3_finalize(q);
	return yes;
}


enum pc_status pc_store_sync_about(struct pc_store *s, const void *cs, size_t n, const char *id,
                                   bool *about, struct pc_problems *pr)
{
	return first_person(s, cs, n, names, id, false, about, pr);
}
