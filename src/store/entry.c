/* Entries of journal forms (entry.h): adding one, reading one, listing a
 * person's newest first, and streaming the latest revision of every entry
 * of a form for exports. The revisions themselves are written by
 * revision.c under period = the entry's id; what answers mean and who may
 * read them is the core's business. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "row_id.h"
#include "store_internal.h"

void pc_entry_clear(struct pc_entry *e)
{
	if (!e)
		return;
	free(e->participant_id);
	free(e->form);
	free(e->date);
	free(e->author);
	free(e->created_at);
	free(e->last_by);
	free(e->last_at);
	*e = (struct pc_entry){0};
}

void pc_entries_free(struct pc_entry **list, size_t n)
{
	if (!*list)
		return;
	for (size_t i = 0; i < n; i++)
		pc_entry_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

void pc_entry_period(long long id, char out[24])
{
	snprintf(out, 24, "%lld", id);
}

bool pc_entry_id_parse(const char *s, long long *id)
{
	*id = 0;
	/* up to 19 digits: ids of copies with a site code reach 2^63 - 1 */
	if (!s || *s < '1' || *s > '9' || strlen(s) > 19)
		return false;
	long long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - (*s - '0')) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*id = v;
	return true;
}

/* The entry's columns, then its revision count and latest save, for e. */
#define ENTRY_COLUMNS                                                                              \
	"e.id, e.participant_id, e.form, e.entry_date, e.created_by, e.created_at, "               \
	"(SELECT count(*) FROM revision x WHERE x.participant_id = e.participant_id "              \
	"AND x.form = e.form AND x.period = CAST(e.id AS TEXT)), "                                 \
	"(SELECT x.saved_by FROM revision x WHERE x.participant_id = e.participant_id "            \
	"AND x.form = e.form AND x.period = CAST(e.id AS TEXT) ORDER BY x.revision DESC LIMIT "    \
	"1), "                                                                                     \
	"(SELECT x.saved_at FROM revision x WHERE x.participant_id = e.participant_id "            \
	"AND x.form = e.form AND x.period = CAST(e.id AS TEXT) ORDER BY x.revision DESC LIMIT 1)"
enum { ENTRY_NCOLS = 9 };

/* Fills e from ENTRY_COLUMNS at `first`: copies, or pointers into the row
 * when `borrow`. False on allocation failure (e cleared). */
static bool read_entry(sqlite3_stmt *st, int first, bool borrow, struct pc_entry *e)
{
	char **text[] = {&e->participant_id, &e->form, &e->date, &e->author, &e->created_at};
	char **tail[] = {&e->last_by, &e->last_at};
	bool oom = false;
	*e = (struct pc_entry){0};
	e->id = sqlite3_column_int64(st, first);
	for (int i = 0; i < 5; i++)
		*text[i] = borrow ? (char *)sqlite3_column_text(st, first + 1 + i)
		                  : store_column_dup(st, first + 1 + i, &oom);
	e->revisions = sqlite3_column_int64(st, first + 6);
	for (int i = 0; i < 2; i++)
		*tail[i] = borrow ? (char *)sqlite3_column_text(st, first + 7 + i)
		                  : store_column_dup(st, first + 7 + i, &oom);
	if (oom && !borrow)
		pc_entry_clear(e);
	return !oom;
}

static const char SQL_ADD[] =
    "INSERT INTO entry (participant_id, form, entry_date, created_by, created_at, id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

enum pc_status pc_store_entry_add(struct pc_store *s, const char *participant_id, const char *form,
                                  const char *date, const char *by, const char *at, long long *id,
                                  struct pc_problems *pr)
{
	*id = 0;
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	long long fresh = 0;
	if ((st = store_row_id(s, STORE_ENTRY, &fresh, pr)) != PC_OK)
		return store_op_end(s, own, st, pr);
	sqlite3_stmt *q = store_stmt(s, SQL_ADD, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	sqlite3_bind_int64(q, 6, fresh);
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, form);
	store_bind_text(q, 3, date);
	store_bind_text(q, 4, by);
	store_bind_text(q, 5, at);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		pc_problems_add(pr, false, "participant", "%s", _("unknown participant"));
		st = PC_REFUSED;
	} else if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL) {
		pc_problems_add(pr, false, form ? form : "entry", _("\"%s\" is not a date"),
		                date ? date : "");
		st = PC_REFUSED;
	} else if (rc != SQLITE_DONE) {
		st = store_fail(s, rc, pr);
	} else {
		*id = fresh;
	}
	return store_op_end(s, own, st, pr);
}

static const char SQL_GET[] = "SELECT " ENTRY_COLUMNS " FROM entry e WHERE e.id = ?1";

enum pc_status pc_store_entry_get(struct pc_store *s, long long id, struct pc_entry *out,
                                  struct pc_problems *pr)
{
	*out = (struct pc_entry){0};
	sqlite3_stmt *q = store_stmt(s, SQL_GET, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	enum pc_status st = PC_OK;
	if (rc == SQLITE_ROW && !read_entry(q, 0, false, out))
		st = store_oom(pr);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	return st;
}

static const char SQL_SET_DATE[] =
    "UPDATE entry SET entry_date = ?2 WHERE id = ?1 AND entry_date IS NOT ?2";

enum pc_status pc_store_entry_set_date(struct pc_store *s, long long id, const char *date,
                                       struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_SET_DATE, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, date);
	int rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc == SQLITE_CONSTRAINT_CHECK || rc == SQLITE_CONSTRAINT_NOTNULL) {
		pc_problems_add(pr, false, "entry", _("\"%s\" is not a date"), date ? date : "");
		st = PC_REFUSED;
	} else if (rc != SQLITE_DONE) {
		st = store_fail(s, rc, pr);
	}
	return store_op_end(s, own, st, pr);
}

static const char SQL_LIST[] =
    "SELECT " ENTRY_COLUMNS " FROM entry e "
    "WHERE e.participant_id = ?1 AND (?2 IS NULL OR e.form = ?2) "
    "ORDER BY e.form, e.entry_date DESC, e.created_at DESC, " STORE_ENTRY_WRITTEN " DESC, e.id DESC";

enum pc_status pc_store_entry_list(struct pc_store *s, const char *participant_id, const char *form,
                                   struct pc_entry **out, size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *q = store_stmt(s, SQL_LIST, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, form);
	size_t cap = 0;
	enum pc_status st = PC_OK;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct pc_entry *grown = realloc(*out, ncap * sizeof(**out));
			if (!grown) {
				st = store_oom(pr);
				break;
			}
			*out = grown;
			cap = ncap;
		}
		if (!read_entry(q, 0, false, &(*out)[*n])) {
			st = store_oom(pr);
			break;
		}
		(*n)++;
	}
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK) {
		pc_entries_free(out, *n);
		*n = 0;
	}
	return st;
}

/* Participants in file-number order, each one's entries of the form by
 * date, each entry's highest revision through the revision primary key. */
static const char SQL_EACH_CURRENT[] =
    "SELECT " STORE_PARTICIPANT_COLUMNS ", " ENTRY_COLUMNS ", "
    "r.revision, r.form_version, r.answers, r.saved_by, r.saved_at "
    "FROM participant p CROSS JOIN entry e ON e.participant_id = p.id AND e.form = ?1 "
    "CROSS JOIN revision r ON r.participant_id = p.id AND r.form = ?1 "
    "AND r.period = CAST(e.id AS TEXT) "
    "WHERE (?2 IS NULL OR p.counsellor = ?2) AND r.revision = (SELECT max(x.revision) "
    "FROM revision x WHERE x.participant_id = r.participant_id AND x.form = r.form "
    "AND x.period = r.period) "
    "ORDER BY p.file_no, e.entry_date, e.created_at, " STORE_ENTRY_WRITTEN ", e.id";

enum pc_status
pc_store_entry_each_current(struct pc_store *s, const char *form, const char *counsellor,
                            bool (*each)(void *ctx, const struct pc_participant *p,
                                         const struct pc_entry *e, const struct pc_revision *r),
                            void *ctx, struct pc_problems *pr)
{
	/* Not from the cache: `each` may call back into the store. */
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(s->db, SQL_EACH_CURRENT, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, pr);
	store_bind_text(q, 1, form);
	store_bind_text(q, 2, counsellor);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_participant p;
		struct pc_entry e;
		char period[24];
		store_read_participant(q, 0, true, &p);
		read_entry(q, STORE_PARTICIPANT_NCOLS, true, &e);
		pc_entry_period(e.id, period);
		int k = STORE_PARTICIPANT_NCOLS + ENTRY_NCOLS;
		struct pc_revision r = {
		    .participant_id = p.id,
		    .form = e.form,
		    .period = period,
		    .revision = sqlite3_column_int64(q, k),
		    .form_version = sqlite3_column_int(q, k + 1),
		    .answers = (char *)sqlite3_column_text(q, k + 2),
		    .by = (char *)sqlite3_column_text(q, k + 3),
		    .at = (char *)sqlite3_column_text(q, k + 4),
		};
		if (!each(ctx, &p, &e, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	enum pc_status st = rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
	sqlite3_finalize(q);
	return st;
}

static const char SQL_REVISIONS[] =
    "SELECT participant_id, form, period, revision, form_version, answers, saved_by, saved_at "
    "FROM revision WHERE participant_id = ?1 AND form = ?2 AND period = ?3 ORDER BY revision";

enum pc_status pc_store_entry_revisions(struct pc_store *s, const char *participant_id,
                                        const char *form, long long id, struct pc_revision **out,
                                        size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	char period[24];
	pc_entry_period(id, period);
	sqlite3_stmt *q = store_stmt(s, SQL_REVISIONS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, form);
	store_bind_text(q, 3, period);
	size_t cap = 0;
	enum pc_status st = PC_OK;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			struct pc_revision *grown = realloc(*out, ncap * sizeof(**out));
			if (!grown) {
				st = store_oom(pr);
				break;
			}
			*out = grown;
			cap = ncap;
		}
		struct pc_revision *r = &(*out)[*n];
		bool oom = false;
		*r = (struct pc_revision){0};
		r->participant_id = store_column_dup(q, 0, &oom);
		r->form = store_column_dup(q, 1, &oom);
		r->period = store_column_dup(q, 2, &oom);
		r->revision = sqlite3_column_int64(q, 3);
		r->form_version = sqlite3_column_int(q, 4);
		r->answers = store_column_dup(q, 5, &oom);
		r->by = store_column_dup(q, 6, &oom);
		r->at = store_column_dup(q, 7, &oom);
		(*n)++;
		if (oom) {
			st = store_oom(pr);
			break;
		}
	}
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK) {
		pc_revisions_free(out, *n);
		*n = 0;
	}
	return st;
}
