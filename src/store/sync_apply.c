/* Applying another site's changeset (sync.h pc_store_sync_apply) with
 * sqlite3changeset_apply_v2 and one conflict handler holding the rules of
 * parcours(1) SYNC; rebuilding the search tokens of what it touched; the
 * conflicts list and their closing. Deciding what to ship is sync_state.c's
 * and the core's; chaining the sender's audit entries is the core's. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "parcours/sync.h"
#include "store_internal.h"
#include "sync_presence.h"
#include "sync_settle.h"

/* a revision of theirs that met one of ours with the same number */
struct held {
	char *cols[8]; /* participant_id, form, period, revision, form_version, answers, by, at */
};

/* an update of theirs to a record ours also changed, from a downstream
 * site: the columns we left as they were take their values after the
 * apply; ours win on the others (the upstream side takes ours over its own
 * the same way, so both ends agree). From upstream, a record changed only
 * once (a presence's removal), which the schema's trigger would refuse to
 * change again: every column they changed, written past the trigger. */
struct merge {
	char *table;
	int ncol;
	sqlite3_value **key; /* ncol, NULL where not a primary key column */
	sqlite3_value **set; /* ncol, NULL where we keep ours */
	bool past_triggers;
};

struct apply {
	struct pc_store *s;
	struct merge *merge;
	size_t nmerge, mcap;
	const char *origin;
	bool from_upstream;
	struct pc_problems *pr;
	struct held *held;
	size_t nheld, cap;
	bool oom;
	bool unheld; /* from upstream, about records this copy does not hold */
	struct store_presences presences; /* the same presence added here too */
};

static int apply_filter(void *ctx, const char *table)
{
	(void)ctx;
	/* the sender's audit entries are chained at the end of ours instead */
	return pc_store_sync_recorded(table) && strcmp(table, "audit") != 0;
}

static bool same_value(sqlite3_value *a, sqlite3_value *b)
{
	if (!a || !b)
		return a == b;
	int t = sqlite3_value_type(a);
	if (t != sqlite3_value_type(b))
		return false;
	switch (t) {
	case SQLITE_NULL:
		return true;
	case SQLITE_INTEGER:
		return sqlite3_value_int64(a) == sqlite3_value_int64(b);
	case SQLITE_FLOAT:
		return sqlite3_value_double(a) == sqlite3_value_double(b);
	default: {
		int n = sqlite3_value_bytes(a);
		/* an empty text or blob has no pointer to compare */
		return n == sqlite3_value_bytes(b) &&
		       (n == 0 || memcmp(sqlite3_value_blob(a), sqlite3_value_blob(b), (size_t)n) == 0);
	}
	}
}

static bool same_row(sqlite3_changeset_iter *it, int ncol)
{
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *theirs = NULL, *ours = NULL;
		if (sqlite3changeset_new(it, i, &theirs) != SQLITE_OK ||
		    sqlite3changeset_conflict(it, i, &ours) != SQLITE_OK || !same_value(theirs, ours))
			return false;
	}
	return true;
}

/* A revision of theirs with the number of one of ours: the same form
 * version and answers (columns 4 and 5). */
static bool same_answers(sqlite3_changeset_iter *it)
{
	for (int i = 4; i <= 5; i++) {
		sqlite3_value *theirs = NULL, *ours = NULL;
		if (sqlite3changeset_new(it, i, &theirs) != SQLITE_OK ||
		    sqlite3changeset_conflict(it, i, &ours) != SQLITE_OK || !same_value(theirs, ours))
			return false;
	}
	return true;
}

static void hold(struct apply *a, sqlite3_changeset_iter *it, int ncol)
{
	if (ncol < 8 || a->oom)
		return;
	if (a->nheld == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 4;
		struct held *h = realloc(a->held, cap * sizeof(*h));
		if (!h) {
			a->oom = true;
			return;
		}
		a->held = h;
		a->cap = cap;
	}
	struct held *h = &a->held[a->nheld++];
	memset(h, 0, sizeof(*h));
	for (int i = 0; i < 8; i++) {
		sqlite3_value *v = NULL;
		const unsigned char *t = NULL;
		if (sqlite3changeset_new(it, i, &v) == SQLITE_OK && v)
			t = sqlite3_value_text(v);
		if (!(h->cols[i] = strdup(t ? (const char *)t : "")))
			a->oom = true;
	}
}

static void merge_free(struct merge *m)
{
	for (int i = 0; i < m->ncol; i++) {
		sqlite3_value_free(m->key ? m->key[i] : NULL);
		sqlite3_value_free(m->set ? m->set[i] : NULL);
	}
	free(m->key);
	free(m->set);
	free(m->table);
}

/* Keeps, of their update, the columns whose value here is still the one
 * they changed from (theirs_win: every column they changed). */
static void hold_merge(struct apply *a, sqlite3_changeset_iter *it, const char *table, int ncol,
                       bool theirs_win)
{
	unsigned char *pk = NULL;
	int npk = 0;
	if (a->oom || sqlite3changeset_pk(it, &pk, &npk) != SQLITE_OK || npk != ncol)
		return;
	if (a->nmerge == a->mcap) {
		size_t cap = a->mcap ? a->mcap * 2 : 4;
		struct merge *m = realloc(a->merge, cap * sizeof(*m));
		if (!m) {
			a->oom = true;
			return;
		}
		a->merge = m;
		a->mcap = cap;
	}
	struct merge *m = &a->merge[a->nmerge++];
	m->table = strdup(table);
	m->ncol = ncol;
	m->past_triggers = theirs_win;
	m->key = calloc((size_t)ncol, sizeof(*m->key));
	m->set = calloc((size_t)ncol, sizeof(*m->set));
	if (!m->table || !m->key || !m->set) {
		a->oom = true;
		return;
	}
	for (int i = 0; i < ncol; i++) {
		sqlite3_value *old = NULL, *theirs = NULL, *ours = NULL;
		sqlite3changeset_old(it, i, &old);
		sqlite3changeset_conflict(it, i, &ours);
		if (pk[i]) {
			if (!(m->key[i] = sqlite3_value_dup(old)))
				a->oom = true;
		} else if (sqlite3changeset_new(it, i, &theirs) == SQLITE_OK && theirs && old &&
		           (theirs_win || same_value(old, ours))) {
			if (!(m->set[i] = sqlite3_value_dup(theirs)))
				a->oom = true;
		}
	}
}

static int on_conflict(void *ctx, int kind, sqlite3_changeset_iter *it)
{
	struct apply *a = ctx;
	const char *table = NULL;
	int ncol = 0, op = 0, indirect = 0;
	sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
	switch (kind) {
	case SQLITE_CHANGESET_CONFLICT: /* an insert whose key is taken here */
		if (same_row(it, ncol))
			return SQLITE_CHANGESET_OMIT;
		if (strcmp(table, "revision") == 0) {
			/* the same answers saved on both sides (two decisions that
			 * agree) are no conflict; others are set aside */
			if (!same_answers(it))
				hold(a, it, ncol);
			return SQLITE_CHANGESET_OMIT;
		}
		return a->from_upstream ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_DATA: /* the row is not as the sender left it */
		if (op == SQLITE_DELETE)
			return SQLITE_CHANGESET_REPLACE; /* a deletion wins over an edit */
		if (a->from_upstream && op == SQLITE_UPDATE && !strcmp(table, "ami_presence")) {
			/* removed here too: their stamp wins, as on any record, but
			 * the trigger lets a presence be removed once (our reason
			 * stays in the audit log) */
			hold_merge(a, it, table, ncol, true);
			return SQLITE_CHANGESET_OMIT;
		}
		if (a->from_upstream)
			return SQLITE_CHANGESET_REPLACE;
		hold_merge(a, it, table, ncol, false);
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_NOTFOUND: /* deleted here: the deletion wins */
		if (a->from_upstream && op == SQLITE_UPDATE && !strcmp(table, "participant")) {
			/* a person the laptop never held, newly its counsellor's */
			a->unheld = true;
			return SQLITE_CHANGESET_ABORT;
		}
		return SQLITE_CHANGESET_OMIT;
	case SQLITE_CHANGESET_FOREIGN_KEY:
		if (a->from_upstream) { /* a laptop: someone it does not hold */
			a->unheld = true;
			return SQLITE_CHANGESET_ABORT;
		}
		pc_problems_add(a->pr, false, "sync", _("the changes of %s refer to records this "
		                                        "database does not hold: nothing was applied"),
		                a->origin);
		return SQLITE_CHANGESET_ABORT;
	case SQLITE_CHANGESET_CONSTRAINT:
		/* the person may be present at the session here too: settled
		 * after the apply (sync_presence.c) */
		if (op == SQLITE_INSERT && !strcmp(table, "ami_presence")) {
			if (store_sync_presence_hold(&a->presences, it, ncol))
				return SQLITE_CHANGESET_OMIT;
			a->oom = true;
			return SQLITE_CHANGESET_ABORT;
		}
		/* fall through */
	default:
		pc_problems_add(a->pr, false, "sync",
		                _("a change of %s to %s breaks a rule of this database: nothing was "
		                  "applied"),
		                a->origin, table);
		return SQLITE_CHANGESET_ABORT;
	}
}

/* ---- search tokens of the participants a changeset touches ---- */

static const char SQL_KEYS[] =
    "SELECT search_keys, family_folded, given_folded, file_no FROM participant WHERE id = ?1";

static enum pc_status index_one(struct pc_store *s, const char *id, bool add,
                                struct pc_problems *pr)
{
	sqlite3_stmt *k = NULL;
	int rc = sqlite3_prepare_v2(s->db, SQL_KEYS, -1, &k, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(k, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(k);
	}
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(k);
		return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
	}
	enum pc_status st = store_index_keys(s, add, (const char *)sqlite3_column_text(k, 0),
	                                     (const char *)sqlite3_column_text(k, 1),
	                                     (const char *)sqlite3_column_text(k, 2),
	                                     (const char *)sqlite3_column_text(k, 3), pr);
	sqlite3_finalize(k);
	return st;
}

struct ids {
	char **v;
	size_t n, cap;
};

static bool ids_add(struct ids *l, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], id) == 0)
			return true;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	return (l->v[l->n] = strdup(id)) && ++l->n;
}

static void ids_free(struct ids *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static char *value_dup(sqlite3_value *v)
{
	const unsigned char *t = v ? sqlite3_value_text(v) : NULL;
	return t ? strdup((const char *)t) : NULL;
}

/* The participants the changeset touches, those it adds participation
 * revisions to (their month totals), the decisions on conflicts it
 * carries, and the sender's audit entries. */
static enum pc_status scan(struct pc_store *s, const void *cs, size_t n, bool want_audit,
                           struct ids *ids, struct ids *months, struct store_settles *settles,
                           struct pc_sync_applied *out, struct pc_problems *pr)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, (int)n, (void *)cs);
	size_t cap = 0;
	bool oom = false;
	while (rc == SQLITE_OK && !oom && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table = NULL;
		int ncol = 0, op = 0, indirect = 0;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		sqlite3_value *v = NULL;
		if (strcmp(table, "participant") == 0) {
			if (op == SQLITE_INSERT)
				sqlite3changeset_new(it, 0, &v);
			else
				sqlite3changeset_old(it, 0, &v);
			const unsigned char *id = v ? sqlite3_value_text(v) : NULL;
			oom = id && !ids_add(ids, (const char *)id);
		} else if (op == SQLITE_INSERT && strcmp(table, "revision") == 0) {
			sqlite3_value *form = NULL;
			sqlite3changeset_new(it, 0, &v);
			sqlite3changeset_new(it, 1, &form);
			const unsigned char *id = v ? sqlite3_value_text(v) : NULL;
			const unsigned char *f = form ? sqlite3_value_text(form) : NULL;
			oom = id && f && !strcmp((const char *)f, PC_PARTICIPATION_FORM) &&
			      !ids_add(months, (const char *)id);
			oom = oom || !store_sync_settle_hold(settles, it, ncol);
		} else if (want_audit && op == SQLITE_INSERT && ncol >= 11 &&
		           strcmp(table, "audit") == 0) {
			if (out->naudit == cap) {
				size_t c2 = cap ? cap * 2 : 8;
				struct pc_audit_entry *a = realloc(out->audit, c2 * sizeof(*a));
				if (!a) {
					oom = true;
					break;
				}
				out->audit = a;
				cap = c2;
			}
			struct pc_audit_entry *e = &out->audit[out->naudit++];
			memset(e, 0, sizeof(*e));
			char **f[] = {&e->at,   &e->login,  &e->face,      &e->action, &e->participant_id,
			              &e->file_no, &e->form, &e->detail, &e->prev_hash, &e->hash};
			if (sqlite3changeset_new(it, 0, &v) == SQLITE_OK && v)
				e->seq = sqlite3_value_int64(v);
			for (int i = 0; i < 10; i++) {
				v = NULL;
				sqlite3changeset_new(it, i + 1, &v);
				*f[i] = value_dup(v);
			}
			oom = !e->at || !e->login || !e->face || !e->action;
		}
	}
	int frc = sqlite3changeset_finalize(it);
	if (oom)
		return store_oom(pr);
	if (rc == SQLITE_OK)
		rc = frc;
	if (rc != SQLITE_OK) {
		pc_problems_add(pr, false, "sync", "%s", _("a change in the file cannot be read"));
		return PC_REFUSED;
	}
	return PC_OK;
}

static const char SQL_HOLD[] =
    "INSERT OR IGNORE INTO sync_conflict (participant_id, form, period, revision, origin, "
    "form_version, answers, saved_by, saved_at, found_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
    "?8, ?9, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";

static enum pc_status keep_held(struct apply *a)
{
	for (size_t i = 0; i < a->nheld; i++) {
		sqlite3_stmt *q = store_stmt(a->s, SQL_HOLD, a->pr);
		if (!q)
			return PC_UNUSABLE;
		struct held *h = &a->held[i];
		for (int c = 0; c < 8; c++)
			store_bind_text(q, c < 4 ? c + 1 : c + 2, h->cols[c]);
		store_bind_text(q, 5, a->origin);
		enum pc_status st = store_step_done(a->s, q, a->pr);
		if (st != PC_OK)
			return st;
	}
	return PC_OK;
}

/* UPDATE table SET col = ?... WHERE key = ?... for each held merge; the
 * names of the columns are the table's, in order (as in changesets). */
static enum pc_status do_merges(struct apply *a)
{
	for (size_t i = 0; i < a->nmerge; i++) {
		struct merge *m = &a->merge[i];
		sqlite3_stmt *info = NULL;
		struct pc_buf set = {0}, where = {0};
		char **names = calloc((size_t)m->ncol, sizeof(*names));
		int rc = names ? sqlite3_prepare_v2(a->s->db, "SELECT name FROM pragma_table_info(?1)",
		                                    -1, &info, NULL)
		               : SQLITE_NOMEM;
		if (rc == SQLITE_OK)
			sqlite3_bind_text(info, 1, m->table, -1, SQLITE_STATIC);
		for (int c = 0; rc == SQLITE_OK && c < m->ncol; c++) {
			if (sqlite3_step(info) != SQLITE_ROW)
				rc = SQLITE_SCHEMA;
			else if (!(names[c] = sqlite3_mprintf("%w", sqlite3_column_text(info, 0))))
				rc = SQLITE_NOMEM;
		}
		sqlite3_finalize(info);
		int nset = 0;
		for (int c = 0; rc == SQLITE_OK && c < m->ncol; c++) {
			if (m->set[c])
				pc_buf_printf(&set, "%s\"%s\" = ?%d", nset++ ? ", " : "", names[c], c + 1);
			if (m->key[c])
				pc_buf_printf(&where, "%s\"%s\" = ?%d", where.len ? " AND " : "", names[c],
				              c + 1);
		}
		sqlite3_stmt *up = NULL;
		int was = 1;
		/* the upstream's own change, not one of ours to send back; the
		 * trigger off before the prepare, which codes triggers in */
		if (m->past_triggers) {
			store_sync_pause(a->s, true);
			sqlite3_db_config(a->s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &was);
		}
		if (rc == SQLITE_OK && nset && where.len) {
			char *sql = sqlite3_mprintf("UPDATE \"%w\" SET %s WHERE %s", m->table, set.data,
			                            where.data);
			rc = sql ? sqlite3_prepare_v2(a->s->db, sql, -1, &up, NULL) : SQLITE_NOMEM;
			sqlite3_free(sql);
			for (int c = 0; rc == SQLITE_OK && c < m->ncol; c++)
				if (m->set[c] || m->key[c])
					sqlite3_bind_value(up, c + 1, m->set[c] ? m->set[c] : m->key[c]);
			if (rc == SQLITE_OK)
				rc = sqlite3_step(up) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(a->s->db);
			sqlite3_finalize(up);
		}
		if (m->past_triggers) {
			sqlite3_db_config(a->s->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, was, NULL);
			store_sync_pause(a->s, false);
		}
		for (int c = 0; names && c < m->ncol; c++)
			sqlite3_free(names[c]);
		free(names);
		bool failed = set.failed || where.failed;
		pc_buf_free(&set);
		pc_buf_free(&where);
		if (failed)
			return store_oom(a->pr);
		if (rc != SQLITE_OK)
			return store_fail(a->s, rc, a->pr);
	}
	return PC_OK;
}

void pc_sync_applied_clear(struct pc_sync_applied *a)
{
	for (size_t i = 0; i < a->naudit; i++)
		pc_audit_entry_clear(&a->audit[i]);
	free(a->audit);
	memset(a, 0, sizeof(*a));
}

enum pc_status pc_store_sync_apply(struct pc_store *s, const void *cs, size_t n,
                                   const char *origin, bool from_upstream,
                                   struct pc_sync_applied *out, struct pc_problems *pr)
{
	struct ids ids = {0}, months = {0};
	struct store_settles settles = {0};
	struct apply a = {.s = s, .origin = origin, .from_upstream = from_upstream, .pr = pr};
	enum pc_status st = scan(s, cs, n, !from_upstream, &ids, &months, &settles, out, pr);
	for (size_t i = 0; st == PC_OK && i < ids.n; i++)
		st = index_one(s, ids.v[i], false, pr);
	if (st != PC_OK)
		goto out;
	store_sync_pause(s, true);
	int rc = sqlite3changeset_apply_v2(s->db, (int)n, (void *)cs, apply_filter, on_conflict, &a,
	                                   NULL, NULL, 0);
	store_sync_pause(s, false);
	if (a.oom) {
		st = store_oom(pr);
		goto out;
	}
	if (rc != SQLITE_OK && a.unheld) {
		out->unheld = true; /* rolled back whole; the tokens are put back */
		for (size_t i = 0; st == PC_OK && i < ids.n; i++)
			st = index_one(s, ids.v[i], true, pr);
		goto out;
	}
	if (rc != SQLITE_OK) {
		if (!pc_problems_errors(pr))
			pc_problems_add(pr, false, "sync",
			                _("the changes of %s cannot be applied here (%s): nothing was "
			                  "applied"),
			                origin, sqlite3_errstr(rc));
		st = PC_REFUSED;
		goto out;
	}
	st = keep_held(&a);
	if (st == PC_OK)
		st = store_sync_settle(s, &settles, &out->settled, pr);
	if (st == PC_OK)
		st = do_merges(&a);
	if (st == PC_OK)
		st = store_sync_presence_settle(s, &a.presences, origin, pr);
	out->conflicts += a.nheld;
	for (size_t i = 0; st == PC_OK && i < ids.n; i++)
		st = index_one(s, ids.v[i], true, pr);
	for (size_t i = 0; st == PC_OK && i < months.n; i++)
		st = pc_store_month_totals_rebuild(s, months.v[i], pr);
out:
	for (size_t i = 0; i < a.nheld; i++)
		for (int c = 0; c < 8; c++)
			free(a.held[i].cols[c]);
	free(a.held);
	for (size_t i = 0; i < a.nmerge; i++)
		merge_free(&a.merge[i]);
	free(a.merge);
	store_sync_presences_free(&a.presences);
	store_sync_settles_free(&settles);
	ids_free(&ids);
	ids_free(&months);
	return st;
}
