/* The SQL of people joining or leaving a laptop's caseload after `sync
 * init` (sync_newcomers.h): which people each peer holds (sync_held), the
 * newcomers' rows as changesets of INSERTs (the caseload copy made in a
 * scratch database, then each person's rows deleted under a session and
 * the changeset inverted), applying them on the laptop, and removing the
 * people withdrawn there, with their rows that never travel (search
 * tokens, month totals, conflicts decided). Recording is paused for both: they are not
 * new changes of the laptop. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/copy.h"
#include "parcours/i18n.h"
#include "parcours/month_totals.h"
#include "parcours/sync_newcomers.h"
#include "store_internal.h"

bool pc_ids_add(struct pc_ids *l, const char *id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	return (l->v[l->n] = strdup(id)) && ++l->n;
}

void pc_ids_free(struct pc_ids *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void pc_sync_chunks_free(struct pc_sync_chunk *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].id);
		sqlite3_free(v[i].cs);
	}
	free(v);
}

/* ---- at the office: who each peer holds ---- */

static const char SQL_HELD_INIT[] =
    "INSERT OR REPLACE INTO sync_held (site, participant_id, upto, gone) "
    "SELECT ?1, id, ?3, 0 FROM participant WHERE counsellor = ?2";

enum pc_status pc_store_sync_held_init(struct pc_store *s, const char *site, const char *login,
                                       long long upto, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_HELD_INIT, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, site);
	store_bind_text(q, 2, login);
	sqlite3_bind_int64(q, 3, upto);
	return store_step_done(s, q, pr);
}

static const char SQL_COME[] =
    "SELECT p.id FROM participant p LEFT JOIN sync_held h ON h.site = ?1 AND "
    "h.participant_id = p.id WHERE p.counsellor = ?2 AND (h.participant_id IS NULL OR "
    "h.gone = 1 OR h.upto > ?3) ORDER BY p.id";
static const char SQL_GO[] =
    "SELECT h.participant_id FROM sync_held h LEFT JOIN participant p ON p.id = "
    "h.participant_id WHERE h.site = ?1 AND (p.id IS NULL OR p.counsellor IS NOT ?2) AND "
    "(h.gone = 0 OR h.upto > ?3) ORDER BY 1";

static enum pc_status collect(struct pc_store *s, const char *sql, const char *site,
                              const char *login, long long sent, struct pc_ids *out,
                              struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, sql, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, site);
	store_bind_text(q, 2, login);
	sqlite3_bind_int64(q, 3, sent);
	int rc;
	enum pc_status st = PC_OK;
	while (st == PC_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
		if (!pc_ids_add(out, (const char *)sqlite3_column_text(q, 0)))
			st = store_oom(pr);
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	return st;
}

enum pc_status pc_store_sync_held_diff(struct pc_store *s, const char *site, const char *login,
                                       long long sent, struct pc_ids *come, struct pc_ids *go,
                                       struct pc_problems *pr)
{
	enum pc_status st = collect(s, SQL_COME, site, login, sent, come, pr);
	return st == PC_OK ? collect(s, SQL_GO, site, login, sent, go, pr) : st;
}

static const char SQL_FORGET[] =
    "DELETE FROM sync_held WHERE site = ?1 AND gone = 1 AND upto <= ?2";
static const char SQL_MARK[] =
    "INSERT OR REPLACE INTO sync_held (site, participant_id, upto, gone) VALUES (?1, ?2, ?3, ?4)";

static enum pc_status mark(struct pc_store *s, const char *site, const char *id, long long upto,
                           int gone, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_MARK, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, site);
	store_bind_text(q, 2, id);
	sqlite3_bind_int64(q, 3, upto);
	sqlite3_bind_int(q, 4, gone);
	return store_step_done(s, q, pr);
}

static const char SQL_HELD_HAS[] =
    "SELECT 1 FROM sync_held WHERE site = ?1 AND participant_id = ?2";

enum pc_status pc_store_sync_held_has(struct pc_store *s, const char *site, const char *id,
                                      bool *yes, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_HELD_HAS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, site);
	store_bind_text(q, 2, id);
	int rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW;
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

enum pc_status pc_store_sync_held_mark(struct pc_store *s, const char *site, long long upto,
                                       long long sent, const struct pc_ids *come,
                                       const struct pc_ids *go, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_FORGET, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, site);
	sqlite3_bind_int64(q, 2, sent);
	enum pc_status st = store_step_done(s, q, pr);
	for (size_t i = 0; st == PC_OK && i < come->n; i++)
		st = mark(s, site, come->v[i], upto, 0, pr);
	for (size_t i = 0; st == PC_OK && i < go->n; i++)
		st = mark(s, site, go->v[i], upto, 1, pr);
	return st;
}

/* ---- the tables about a person ---- */

/* How rows of `table` name their participant: the id column of
 * participant, a participant_id column, or an enrolment_id (through the
 * enrolment). Tables that do not travel (drafts, tokens, the audit log,
 * counters, sync state) are none of these. */
enum link { LINK_NONE, LINK_SELF, LINK_PARTICIPANT, LINK_ENROLMENT };

static bool travels(const char *table)
{
	return pc_store_sync_recorded(table) && strcmp(table, "audit") != 0 &&
	       strcmp(table, "local_site") != 0;
}

static enum link link_of(sqlite3 *db, const char *table)
{
	if (!travels(table))
		return LINK_NONE;
	if (!strcmp(table, "participant"))
		return LINK_SELF;
	sqlite3_stmt *q = NULL;
	enum link l = LINK_NONE;
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &q, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
		while (sqlite3_step(q) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(q, 0);
			if (name && !strcmp(name, "participant_id"))
				l = LINK_PARTICIPANT;
			else if (name && !strcmp(name, "enrolment_id") && l == LINK_NONE)
				l = LINK_ENROLMENT;
		}
	}
	sqlite3_finalize(q);
	return l;
}

/* Deletes from `db` the rows of the people `who` names (an SQL list:
 * "= ?1" or "NOT IN (SELECT id FROM temp.keep)"), children first. */
static int delete_people(sqlite3 *db, const char *who, const char *id)
{
	size_t n = 0;
	const char *const *tables = pc_store_copy_tables(&n);
	/* the triggers that keep revisions, entries and terms from being
	 * deleted guard the record, not a copy giving up its people */
	int was = 1;
	int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &was);
	/* through an enrolment, then by participant_id, then the person */
	for (int pass = LINK_ENROLMENT; rc == SQLITE_OK && pass >= LINK_SELF; pass--) {
		for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
			if ((int)link_of(db, tables[i]) != pass)
				continue;
			char *sql =
			    pass == LINK_ENROLMENT
			        ? sqlite3_mprintf("DELETE FROM \"%w\" WHERE enrolment_id IN (SELECT id "
			                          "FROM enrolment WHERE participant_id %s)",
			                          tables[i], who)
			    : pass == LINK_PARTICIPANT
			        ? sqlite3_mprintf("DELETE FROM \"%w\" WHERE participant_id %s", tables[i], who)
			        : sqlite3_mprintf("DELETE FROM participant WHERE id %s", who);
			sqlite3_stmt *q = NULL;
			rc = sql ? sqlite3_prepare_v2(db, sql, -1, &q, NULL) : SQLITE_NOMEM;
			sqlite3_free(sql);
			if (rc == SQLITE_OK && id)
				sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
			if (rc == SQLITE_OK)
				rc = sqlite3_step(q) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
			sqlite3_finalize(q);
		}
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, was, NULL);
	return rc;
}

/* ---- at the office: the newcomers' rows ---- */

static int filter_travels(void *ctx, const char *table)
{
	(void)ctx;
	return travels(table);
}

/* The rows a session on `db` sees deleted by `who`/`id` (or, id and who
 * NULL, every travelling row left), as a changeset of their INSERTs. */
static int take(sqlite3 *db, const char *who, const char *id, void **cs, int *n)
{
	sqlite3_session *sess = NULL;
	void *del = NULL;
	int ndel = 0;
	int rc = sqlite3session_create(db, "main", &sess);
	if (rc == SQLITE_OK) {
		sqlite3session_table_filter(sess, filter_travels, NULL);
		rc = sqlite3session_attach(sess, NULL);
	}
	if (rc == SQLITE_OK && who)
		rc = delete_people(db, who, id);
	if (rc == SQLITE_OK && !who) {
		size_t nt = 0;
		const char *const *tables = pc_store_copy_tables(&nt);
		for (size_t i = 0; rc == SQLITE_OK && i < nt; i++) {
			if (!travels(tables[i]))
				continue;
			char *sql = sqlite3_mprintf("DELETE FROM \"%w\"", tables[i]);
			rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
			sqlite3_free(sql);
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3session_changeset(sess, &ndel, &del);
	sqlite3session_delete(sess);
	if (rc == SQLITE_OK)
		rc = sqlite3changeset_invert(ndel, del, n, cs);
	sqlite3_free(del);
	return rc;
}

enum pc_status pc_store_sync_newcomer_rows(struct pc_store *src, const char *tmp_path,
                                           const char *login, const char *forms_json,
                                           const struct pc_ids *ids, struct pc_sync_chunk **out,
                                           size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	struct pc_store *dst = NULL;
	struct pc_sync_chunk *v = calloc(ids->n + 1, sizeof(*v));
	long long people = 0;
	if (!v)
		return store_oom(pr);
	enum pc_status st = pc_store_open(tmp_path, PC_STORE_CREATE, &dst, pr);
	if (st == PC_OK)
		st = pc_store_copy_caseload(src, dst, login, forms_json, "SYNC", &people, pr);
	if (st != PC_OK)
		goto out;
	sqlite3 *db = dst->db;
	int rc = sqlite3_exec(db,
	                      "PRAGMA foreign_keys = OFF; CREATE TEMP TABLE keep (id TEXT PRIMARY "
	                      "KEY); BEGIN",
	                      NULL, NULL, NULL);
	sqlite3_stmt *k = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "INSERT INTO temp.keep VALUES (?1)", -1, &k, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < ids->n; i++) {
		sqlite3_bind_text(k, 1, ids->v[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(k) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		sqlite3_reset(k);
	}
	sqlite3_finalize(k);
	/* the caseload's other people (held already) are not sent again */
	if (rc == SQLITE_OK)
		rc = delete_people(db, "NOT IN (SELECT id FROM temp.keep)", NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < ids->n; i++) {
		if (!(v[i + 1].id = strdup(ids->v[i])))
			rc = SQLITE_NOMEM;
		else
			rc = take(db, "= ?1", ids->v[i], &v[i + 1].cs, &v[i + 1].n);
	}
	if (rc == SQLITE_OK)
		rc = take(db, NULL, NULL, &v[0].cs, &v[0].n);
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		st = store_fail_db(db, rc, pr);
out:
	pc_store_close(&dst);
	if (st == PC_OK) {
		*out = v;
		*n = ids->n + 1;
	} else
		pc_sync_chunks_free(v, ids->n + 1);
	return st;
}

/* ---- on the laptop: applying them ---- */

static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	bool replace = *(bool *)ctx;
	const char *table = NULL;
	int ncol = 0, op = 0, indirect = 0;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	/* the row is here already: ours stays, except the person's own record
	 * and enrolments for a person kept after a withdrawal (revisions,
	 * entries and the like are never changed: theirs are added beside) */
	if (kind == SQLITE_CHANGESET_CONFLICT)
		return replace && (!strcmp(table, "participant") || !strcmp(table, "enrolment"))
		           ? SQLITE_CHANGESET_REPLACE
		           : SQLITE_CHANGESET_OMIT;
	if (kind == SQLITE_CHANGESET_DATA || kind == SQLITE_CHANGESET_NOTFOUND)
		return SQLITE_CHANGESET_OMIT;
	return SQLITE_CHANGESET_ABORT;
}

static const char SQL_PERSON[] = "SELECT search_keys, family_folded, given_folded, file_no, "
                                 "EXISTS (SELECT 1 FROM sync_held WHERE site = ?2 AND "
                                 "participant_id = ?1 AND gone = 1) FROM participant WHERE id = ?1";

/* Whether participant `id` is here (*kept: withdrawn but kept), and, when
 * `index` says so, adds or drops its search tokens. */
static enum pc_status person(struct pc_store *s, const char *id, const char *upstream,
                             int index, bool *here, bool *kept, char **file_no,
                             struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_PERSON, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, id);
	store_bind_text(q, 2, upstream);
	int rc = sqlite3_step(q);
	enum pc_status st = PC_OK;
	*here = rc == SQLITE_ROW;
	if (kept)
		*kept = *here && sqlite3_column_int(q, 4);
	if (*here && file_no && !(*file_no = strdup((const char *)sqlite3_column_text(q, 3))))
		st = store_oom(pr);
	if (*here && index && st == PC_OK)
		st = store_index_keys(s, index > 0, (const char *)sqlite3_column_text(q, 0),
		                      (const char *)sqlite3_column_text(q, 1),
		                      (const char *)sqlite3_column_text(q, 2),
		                      (const char *)sqlite3_column_text(q, 3), pr);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	return st;
}

static const char SQL_UNKEEP[] = "DELETE FROM sync_held WHERE site = ?1 AND participant_id = ?2";

static enum pc_status unkeep(struct pc_store *s, const char *upstream, const char *id,
                             struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_UNKEEP, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, upstream);
	store_bind_text(q, 2, id);
	return store_step_done(s, q, pr);
}

static enum pc_status apply_chunk(struct pc_store *s, const struct pc_sync_chunk *c, bool replace,
                                  struct pc_problems *pr)
{
	int rc = sqlite3changeset_apply_v2(s->db, c->n, c->cs, filter_travels, on_conflict, &replace,
	                                   NULL, NULL, 0);
	if (rc == SQLITE_OK)
		return PC_OK;
	pc_problems_add(pr, false, "sync",
	                _("the people newly assigned cannot be added here (%s): nothing was "
	                  "applied"),
	                sqlite3_errstr(rc));
	return PC_REFUSED;
}

enum pc_status pc_store_sync_newcomers_apply(struct pc_store *s, const char *upstream,
                                             const struct pc_sync_chunk *v, size_t n,
                                             size_t *arrived, struct pc_problems *pr)
{
	*arrived = 0;
	enum pc_status st = PC_OK;
	store_sync_pause(s, true);
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		bool here = false, kept = false;
		if (!v[i].id) {
			st = apply_chunk(s, &v[i], false, pr);
			continue;
		}
		/* held already (an earlier file not confirmed yet): the ordinary
		 * changes bring what changed since; kept after a withdrawal: the
		 * office's rows replace ours */
		st = person(s, v[i].id, upstream, 0, &here, &kept, NULL, pr);
		if (st != PC_OK || (here && !kept))
			continue;
		if (kept)
			st = person(s, v[i].id, upstream, -1, &here, NULL, NULL, pr);
		if (st == PC_OK)
			st = apply_chunk(s, &v[i], kept, pr);
		if (st == PC_OK)
			st = person(s, v[i].id, upstream, 1, &here, NULL, NULL, pr);
		/* derived, so not in the rows sent: built here as the copy builds them */
		if (st == PC_OK && here)
			st = pc_store_month_totals_rebuild(s, v[i].id, pr);
		if (st == PC_OK && kept)
			st = unkeep(s, upstream, v[i].id, pr);
		if (st == PC_OK && here && !kept)
			(*arrived)++;
	}
	store_sync_pause(s, false);
	return st;
}

/* ---- on the laptop: withdrawing people ---- */

static const char SQL_KEPT[] = "SELECT participant_id FROM sync_held WHERE site = ?1 AND gone = 1";
static const char SQL_LOCAL[] =
    "SELECT (SELECT count(*) FROM draft WHERE participant_id = ?1) + (SELECT count(*) FROM "
    "sync_conflict WHERE participant_id = ?1 AND resolved_at IS NULL)";

struct unsent {
	struct pc_store *s;
	const char *id;
	bool about, failed;
	struct pc_problems *pr;
};

static bool each_unsent(void *ctx, long long seq, const char *origin, long long origin_seq,
                        const void *cs, size_t n)
{
	(void)seq;
	(void)origin_seq;
	struct unsent *u = ctx;
	if (origin) /* came from elsewhere: not ours to send */
		return true;
	if (pc_store_sync_about(u->s, cs, n, u->id, &u->about, u->pr) != PC_OK)
		u->failed = true;
	return !u->failed && !u->about;
}

/* Whether something typed here about `id` has not reached the office. */
static enum pc_status unsent(struct pc_store *s, const char *id, const char *upstream,
                             long long sent, bool *yes, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_LOCAL, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, id);
	int rc = sqlite3_step(q);
	*yes = rc == SQLITE_ROW && sqlite3_column_int64(q, 0) > 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, pr);
	if (*yes)
		return PC_OK;
	struct unsent u = {.s = s, .id = id, .pr = pr};
	enum pc_status st = pc_store_sync_log_each(s, sent, upstream, each_unsent, &u, pr);
	if (st == PC_OK && u.failed)
		st = PC_UNUSABLE;
	*yes = u.about;
	return st;
}

static const char SQL_DROP_DECIDED[] = "DELETE FROM sync_conflict WHERE participant_id = ?1";

/* The rows a withdrawn person leaves that never travel: month totals
 * (rebuilt from no revision; the triggers that would drop them were off)
 * and the conflicts decided here (an open one keeps the person). */
static enum pc_status drop_local(struct pc_store *s, const char *id, struct pc_problems *pr)
{
	enum pc_status st = pc_store_month_totals_rebuild(s, id, pr);
	sqlite3_stmt *q = st == PC_OK ? store_stmt(s, SQL_DROP_DECIDED, pr) : NULL;
	if (st == PC_OK && !q)
		return PC_UNUSABLE;
	if (q) {
		store_bind_text(q, 1, id);
		st = store_step_done(s, q, pr);
	}
	return st;
}

enum pc_status pc_store_sync_withdraw(struct pc_store *s, const char *upstream,
                                      const struct pc_ids *go, long long sent, size_t *removed,
                                      struct pc_buf *kept, size_t *nkept, struct pc_problems *pr)
{
	*removed = *nkept = 0;
	struct pc_ids all = {0};
	enum pc_status st = PC_OK;
	for (size_t i = 0; st == PC_OK && i < go->n; i++)
		if (!pc_ids_add(&all, go->v[i]))
			st = store_oom(pr);
	sqlite3_stmt *q = st == PC_OK ? store_stmt(s, SQL_KEPT, pr) : NULL;
	if (st == PC_OK && !q)
		st = PC_UNUSABLE;
	if (q) {
		store_bind_text(q, 1, upstream);
		int rc;
		while (st == PC_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
			if (!pc_ids_add(&all, (const char *)sqlite3_column_text(q, 0)))
				st = store_oom(pr);
		sqlite3_reset(q);
	}
	store_sync_pause(s, true);
	int rc = sqlite3_exec(s->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL);
	if (st == PC_OK && rc != SQLITE_OK)
		st = store_fail(s, rc, pr);
	for (size_t i = 0; st == PC_OK && i < all.n; i++) {
		bool here = false, busy = false;
		char *file_no = NULL;
		const char *id = all.v[i];
		st = person(s, id, upstream, 0, &here, NULL, &file_no, pr);
		if (st == PC_OK && here)
			st = unsent(s, id, upstream, sent, &busy, pr);
		if (st == PC_OK && here && busy) {
			/* nothing typed here is lost: removed at a later sync */
			if (!strstr(kept->data ? kept->data : "", file_no)) {
				pc_buf_printf(kept, "%s%s", kept->len ? " " : "", file_no);
				(*nkept)++;
			}
			st = mark(s, upstream, id, 0, 1, pr);
		} else if (st == PC_OK) {
			if (here)
				st = person(s, id, upstream, -1, &here, NULL, NULL, pr);
			if (st == PC_OK && here) {
				rc = delete_people(s->db, "= ?1", id);
				st = rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
				if (st == PC_OK)
					st = drop_local(s, id, pr);
				*removed += st == PC_OK;
			}
			if (st == PC_OK)
				st = unkeep(s, upstream, id, pr);
		}
		free(file_no);
	}
	store_sync_pause(s, false);
	pc_ids_free(&all);
	if (st == PC_OK && kept->failed)
		st = store_oom(pr);
	return st;
}
