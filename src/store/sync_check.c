/* Reading a changeset for the office's rules (sync_rules.h
 * pc_store_sync_changes): each change with the person its row is about and
 * that person as held here, its form and answers. Deciding is the core's
 * (src/core/sync_rules.c); applying is sync_apply.c's. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/sync_rules.h"
#include "store_internal.h"

/* The columns of one table, learnt from the schema. */
struct shape {
	char table[64];
	int ncol;
	char **names; /* sqlite3_mprintf'ed */
	unsigned char *pk;
	int person, enrolment, form, period, answers, counsellor, file_no; /* -1: none */
};

static void shape_clear(struct shape *sh)
{
	for (int i = 0; sh->names && i < sh->ncol; i++)
		sqlite3_free(sh->names[i]);
	free(sh->names);
	free(sh->pk);
	memset(sh, 0, sizeof(*sh));
}

static int col_of(const struct shape *sh, const char *name)
{
	for (int i = 0; i < sh->ncol; i++)
		if (sh->names[i] && !strcmp(sh->names[i], name))
			return i;
	return -1;
}

static const char SQL_COLUMNS[] = "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid";

static bool shape_learn(struct pc_store *s, const char *table, int ncol, struct shape *sh,
                        struct pc_problems *pr)
{
	shape_clear(sh);
	snprintf(sh->table, sizeof(sh->table), "%s", table);
	sh->names = calloc((size_t)ncol + 1, sizeof(*sh->names));
	sh->pk = calloc((size_t)ncol + 1, 1);
	if (!sh->names || !sh->pk)
		return false;
	sh->ncol = ncol;
	/* kept prepared: an import reads the shapes once per changeset */
	sqlite3_stmt *q = store_stmt(s, SQL_COLUMNS, pr);
	if (!q)
		return false;
	sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
	for (int i = 0; i < ncol && sqlite3_step(q) == SQLITE_ROW; i++) {
		sh->names[i] = sqlite3_mprintf("%s", sqlite3_column_text(q, 0));
		sh->pk[i] = sqlite3_column_int(q, 1) > 0;
	}
	sqlite3_reset(q);
	bool is_person = !strcmp(table, "participant");
	sh->person = is_person ? col_of(sh, "id") : col_of(sh, "participant_id");
	sh->enrolment = col_of(sh, "enrolment_id");
	sh->form = col_of(sh, "form");
	sh->period = col_of(sh, "period");
	sh->answers = !strcmp(table, "revision") ? col_of(sh, "answers") : -1;
	sh->counsellor = is_person ? col_of(sh, "counsellor") : -1;
	sh->file_no = is_person ? col_of(sh, "file_no") : -1;
	return true;
}

struct pc_sync_shapes {
	struct shape **v;
	size_t n, cap;
};

void pc_store_sync_shapes_free(struct pc_sync_shapes **c)
{
	for (size_t i = 0; *c && i < (*c)->n; i++) {
		shape_clear((*c)->v[i]);
		free((*c)->v[i]);
	}
	if (*c)
		free((*c)->v);
	free(*c);
	*c = NULL;
}

/* The shape of `table`, learnt once per import (pragma_table_info prepares
 * a statement of its own at each use); NULL when out of memory. */
static const struct shape *shape_get(struct pc_store *s, struct pc_sync_shapes **cache,
                                     const char *table, int ncol, struct pc_problems *pr)
{
	if (!*cache && !(*cache = calloc(1, sizeof(**cache))))
		return NULL;
	struct pc_sync_shapes *c = *cache;
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i]->table, table) && c->v[i]->ncol == ncol)
			return c->v[i];
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		struct shape **v = realloc(c->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		c->v = v;
		c->cap = cap;
	}
	struct shape *sh = calloc(1, sizeof(*sh));
	if (!sh || !shape_learn(s, table, ncol, sh, pr)) {
		if (sh)
			shape_clear(sh);
		free(sh);
		return NULL;
	}
	return c->v[c->n++] = sh;
}

/* Column `col` of the change as text (malloc'ed): the new value of an
 * insert, else the old one, else (an update leaving it alone) the row's
 * here, read by its primary key. NULL when there is none. */
static char *value_of(struct pc_store *s, const struct shape *sh, sqlite3_changeset_iter *it,
                      int op, int col)
{
	if (col < 0)
		return NULL;
	sqlite3_value *v = NULL;
	if (op == SQLITE_INSERT)
		sqlite3changeset_new(it, col, &v);
	else
		sqlite3changeset_old(it, col, &v);
	if (v) {
		const unsigned char *t = sqlite3_value_text(v);
		return t ? strdup((const char *)t) : NULL;
	}
	struct pc_buf where = {0};
	int nb = 0;
	for (int i = 0; i < sh->ncol; i++)
		if (sh->pk[i])
			pc_buf_printf(&where, "%s\"%s\" = ?%d", nb++ ? " AND " : "", sh->names[i], i + 1);
	char *sql = where.len && !where.failed
	                ? sqlite3_mprintf("SELECT \"%w\" FROM \"%w\" WHERE %s", sh->names[col],
	                                  sh->table, where.data)
	                : NULL;
	pc_buf_free(&where);
	sqlite3_stmt *q = NULL;
	char *out = NULL;
	if (sql && sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK) {
		for (int i = 0; i < sh->ncol; i++) {
			sqlite3_value *k = NULL;
			if (sh->pk[i] && sqlite3changeset_old(it, i, &k) == SQLITE_OK && k)
				sqlite3_bind_value(q, i + 1, k);
		}
		if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
			out = strdup((const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	sqlite3_free(sql);
	return out;
}

/* People and enrolments the changeset itself creates. */
struct born {
	char *id, *counsellor, *file_no; /* a participant; or an enrolment: id, participant */
	bool enrolment;
};
struct births {
	struct born *v;
	size_t n, cap;
	bool oom;
};

static void births_free(struct births *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].id);
		free(b->v[i].counsellor);
		free(b->v[i].file_no);
	}
	free(b->v);
}

static void births_add(struct births *b, bool enrolment, char *id, char *a, char *c)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 8;
		struct born *v = realloc(b->v, cap * sizeof(*v));
		if (!v) {
			b->oom = true;
			free(id), free(a), free(c);
			return;
		}
		b->v = v;
		b->cap = cap;
	}
	b->v[b->n++] = (struct born){id, a, c, enrolment};
}

static const struct born *born_find(const struct births *b, bool enrolment, const char *id)
{
	for (size_t i = 0; id && i < b->n; i++)
		if (b->v[i].enrolment == enrolment && b->v[i].id && !strcmp(b->v[i].id, id))
			return &b->v[i];
	return NULL;
}

static enum pc_sync_op op_of(int op)
{
	return op == SQLITE_INSERT ? PC_SYNC_INSERT : op == SQLITE_UPDATE ? PC_SYNC_UPDATE
	                                                                  : PC_SYNC_DELETE;
}

/* First pass: the participants and enrolments inserted. */
static int collect_births(struct pc_store *s, const void *cs, size_t n, struct births *b,
                          struct pc_sync_shapes **cache, struct pc_problems *pr)
{
	sqlite3_changeset_iter *it = NULL;
	int rc = sqlite3changeset_start(&it, (int)n, (void *)cs);
	while (rc == SQLITE_OK && !b->oom && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table = NULL;
		int ncol = 0, op = 0, indirect = 0;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		bool person = !strcmp(table, "participant"), enrol = !strcmp(table, "enrolment");
		if (op != SQLITE_INSERT || (!person && !enrol))
			continue;
		const struct shape *sh = shape_get(s, cache, table, ncol, pr);
		if (!sh) {
			b->oom = true;
			break;
		}
		if (person)
			births_add(b, false, value_of(s, sh, it, op, sh->person),
			           value_of(s, sh, it, op, sh->counsellor),
			           value_of(s, sh, it, op, sh->file_no));
		else
			births_add(b, true, value_of(s, sh, it, op, col_of(sh, "id")),
			           value_of(s, sh, it, op, sh->person), NULL);
	}
	int frc = sqlite3changeset_finalize(it);
	return rc == SQLITE_OK ? frc : rc;
}

static const char SQL_PERSON[] = "SELECT counsellor, file_no FROM participant WHERE id = ?1";
static const char SQL_OF_ENROLMENT[] = "SELECT participant_id FROM enrolment WHERE id = ?1";

/* The first text column of a one-row query by one key (malloc'ed), or
 * NULL; the second into *second when not NULL. */
static char *lookup(struct pc_store *s, const char *sql, const char *key, char **second,
                    bool *found, struct pc_problems *pr)
{
	sqlite3_stmt *q = key ? store_stmt(s, sql, pr) : NULL;
	char *out = NULL;
	if (found)
		*found = false;
	if (!q)
		return NULL;
	store_bind_text(q, 1, key);
	if (sqlite3_step(q) == SQLITE_ROW) {
		if (found)
			*found = true;
		const unsigned char *t = sqlite3_column_text(q, 0);
		out = t ? strdup((const char *)t) : NULL;
		if (second && (t = sqlite3_column_text(q, 1)))
			*second = strdup((const char *)t);
	}
	sqlite3_reset(q);
	return out;
}

enum pc_status pc_store_sync_changes(struct pc_store *s, struct pc_sync_shapes **cache,
                                     const void *cs, size_t n,
                                     bool (*each)(void *ctx, const struct pc_sync_change *ch),
                                     void *ctx, struct pc_problems *pr)
{
	struct births b = {0};
	sqlite3_changeset_iter *it = NULL;
	bool oom = false, go = true;
	int rc = collect_births(s, cs, n, &b, cache, pr);
	if (rc == SQLITE_OK && !b.oom)
		rc = sqlite3changeset_start(&it, (int)n, (void *)cs);
	while (rc == SQLITE_OK && go && !oom && !b.oom && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *table = NULL;
		int ncol = 0, op = 0, indirect = 0;
		sqlite3changeset_op(it, &table, &ncol, &op, &indirect);
		const struct shape *sh = shape_get(s, cache, table, ncol, pr);
		if (!sh) {
			oom = true;
			break;
		}
		struct pc_sync_change ch = {.table = table, .op = op_of(op)};
		char *pid = value_of(s, sh, it, op, sh->person);
		if (!pid && sh->enrolment >= 0) {
			char *eid = value_of(s, sh, it, op, sh->enrolment);
			const struct born *e = born_find(&b, true, eid);
			pid = e ? (e->counsellor ? strdup(e->counsellor) : NULL)
			        : lookup(s, SQL_OF_ENROLMENT, eid, NULL, NULL, pr);
			free(eid);
		}
		char *counsellor = NULL, *file_no = NULL, *newc = NULL, *form = NULL, *period = NULL,
		     *answers = NULL;
		if (pid) {
			counsellor = lookup(s, SQL_PERSON, pid, &file_no, &ch.held, pr);
			const struct born *p = ch.held ? NULL : born_find(&b, false, pid);
			if (p) {
				ch.created = true;
				counsellor = p->counsellor ? strdup(p->counsellor) : NULL;
				file_no = p->file_no ? strdup(p->file_no) : NULL;
			}
		}
		if (sh->counsellor >= 0 && op != SQLITE_DELETE) {
			sqlite3_value *v = NULL;
			sqlite3changeset_new(it, sh->counsellor, &v);
			ch.sets_counsellor = v != NULL;
			if (v && sqlite3_value_text(v))
				newc = strdup((const char *)sqlite3_value_text(v));
		}
		form = value_of(s, sh, it, op, sh->form);
		period = value_of(s, sh, it, op, sh->period);
		if (op == SQLITE_INSERT)
			answers = value_of(s, sh, it, op, sh->answers);
		ch.participant_id = pid;
		ch.counsellor = counsellor;
		ch.file_no = file_no;
		ch.new_counsellor = newc;
		ch.form = form;
		ch.period = period;
		ch.answers = answers;
		go = each(ctx, &ch);
		free(pid), free(counsellor), free(file_no), free(newc), free(form), free(period);
		free(answers);
	}
	int frc = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	oom |= b.oom;
	births_free(&b);
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
