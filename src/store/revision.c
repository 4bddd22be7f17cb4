/* Form revisions (store.h): every save appends revision current + 1 of a
 * participant+form+period, refused when someone saved since the form was
 * opened; the schema's triggers refuse any change or removal of a saved
 * row. Reading the current one, a participant's history, and streaming the
 * current ones of a form for exports. What answers mean is the core's
 * business: here they are JSON text. */
#include <stdlib.h>
#include <string.h>
#include "parcours/clock.h"
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "parcours/month_totals.h"
#include "store_internal.h"

void pc_revision_clear(struct pc_revision *r)
{
	if (!r)
		return;
	free(r->participant_id);
	free(r->form);
	free(r->period);
	free(r->answers);
	free(r->by);
	free(r->at);
	free(r->origin);
	*r = (struct pc_revision){0};
}

void pc_revisions_free(struct pc_revision **list, size_t n)
{
	if (!*list)
		return;
	for (size_t i = 0; i < n; i++)
		pc_revision_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

#define REVISION_COLUMNS                                                                           \
	"r.participant_id, r.form, r.period, r.revision, r.form_version, r.answers, "              \
	"r.saved_by, r.saved_at"

/* Fills r from REVISION_COLUMNS at `first`: copies, or pointers into the
 * row when `borrow`. False on allocation failure (r cleared). */
static bool read_revision(sqlite3_stmt *st, int first, bool borrow, struct pc_revision *r)
{
	char **text[] = {&r->participant_id, &r->form, &r->period};
	char **tail[] = {&r->answers, &r->by, &r->at};
	bool oom = false;
	*r = (struct pc_revision){0};
	for (int i = 0; i < 3; i++)
		*text[i] = borrow ? (char *)sqlite3_column_text(st, first + i)
		                  : store_column_dup(st, first + i, &oom);
	r->revision = sqlite3_column_int64(st, first + 3);
	r->form_version = sqlite3_column_int(st, first + 4);
	for (int i = 0; i < 3; i++)
		*tail[i] = borrow ? (char *)sqlite3_column_text(st, first + 5 + i)
		                  : store_column_dup(st, first + 5 + i, &oom);
	if (oom)
		pc_revision_clear(r);
	return !oom;
}

static const char SQL_CURRENT[] = "SELECT " REVISION_COLUMNS " FROM revision r "
                                  "WHERE r.participant_id = ?1 AND r.form = ?2 AND r.period = ?3 "
                                  "ORDER BY r.revision DESC LIMIT 1";

static const char SQL_ADD[] =
    "INSERT INTO revision (participant_id, form, period, revision, form_version, answers, "
    "saved_by, saved_at, settles) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

/* The problem for a refused revision or draft row. */
static enum pc_status refused(struct pc_store *s, int rc, const char *form, struct pc_problems *pr)
{
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
		pc_problems_add(pr, false, "participant", "%s", _("unknown participant"));
		return PC_REFUSED;
	}
	if (rc == SQLITE_CONSTRAINT_CHECK) {
		pc_problems_add(pr, false, form ? form : "form", "%s",
		                _("the answers are not a JSON object"));
		return PC_REFUSED;
	}
	return store_fail(s, rc, pr);
}

/* Whether the revision the person started from is still the current one. */
static enum pc_status check_base(struct pc_store *s, const struct pc_revision *r, long long base,
                                 long long *current, struct pc_problems *pr)
{
	sqlite3_stmt *st = store_stmt(s, SQL_CURRENT, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, r->participant_id);
	store_bind_text(st, 2, r->form);
	store_bind_text(st, 3, r->period ? r->period : "");
	int rc = sqlite3_step(st);
	enum pc_status status = PC_OK;
	*current = rc == SQLITE_ROW ? sqlite3_column_int64(st, 3) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		status = store_fail(s, rc, pr);
	} else if (base >= 0 && *current != base) {
		const char *where = r->form ? r->form : "form";
		char at[PC_FORMAT_MAX]; /* in local time: a person reads it */
		if (rc == SQLITE_ROW)
			pc_problems_add(pr, false, where,
			                _("saved by %s on %s since you opened it"),
			                (const char *)sqlite3_column_text(st, 6),
			                pc_format_time(at, sizeof(at),
			                               (const char *)sqlite3_column_text(st, 7),
			                               PC_FORMAT_LONG));
		else
			pc_problems_add(pr, false, where,
			                _("revision %lld of this form does not exist"), base);
		status = PC_REFUSED;
	}
	sqlite3_reset(st);
	return status;
}

enum pc_status pc_store_revision_add(struct pc_store *s, struct pc_revision *r,
                                     long long base_revision, struct pc_problems *pr)
{
	char now[21];
	pc_clock_now(now);
	bool own = false;
	long long current = 0;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	st = check_base(s, r, base_revision, &current, pr);
	sqlite3_stmt *q = st == PC_OK ? store_stmt(s, SQL_ADD, pr) : NULL;
	if (st == PC_OK && !q)
		st = PC_UNUSABLE;
	if (st == PC_OK) {
		store_bind_text(q, 1, r->participant_id);
		store_bind_text(q, 2, r->form);
		store_bind_text(q, 3, r->period ? r->period : "");
		sqlite3_bind_int64(q, 4, current + 1);
		sqlite3_bind_int(q, 5, r->form_version);
		store_bind_text(q, 6, r->answers);
		store_bind_text(q, 7, r->by);
		store_bind_text(q, 8, r->at ? r->at : now);
		if (r->settles > 0)
			sqlite3_bind_int64(q, 9, r->settles);
		else
			sqlite3_bind_null(q, 9);
		int rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			st = refused(s, rc, r->form, pr);
	}
	if (st == PC_OK)
		st = pc_store_month_totals_saved(s, r->form, r->participant_id, r->period,
		                                 current + 1, r->answers, pr);
	if (st == PC_OK && !r->at && !(r->at = strdup(now)))
		st = store_oom(pr);
	if (st == PC_OK && !r->period && !(r->period = strdup("")))
		st = store_oom(pr);
	st = store_op_end(s, own, st, pr);
	if (st == PC_OK)
		r->revision = current + 1;
	return st;
}

enum pc_status pc_store_revision_current(struct pc_store *s, const char *participant_id,
                                         const char *form, const char *period,
                                         struct pc_revision *out, struct pc_problems *pr)
{
	*out = (struct pc_revision){0};
	sqlite3_stmt *st = store_stmt(s, SQL_CURRENT, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, participant_id);
	store_bind_text(st, 2, form);
	store_bind_text(st, 3, period ? period : "");
	int rc = sqlite3_step(st);
	enum pc_status status = PC_OK;
	if (rc == SQLITE_ROW && !read_revision(st, 0, false, out))
		status = store_oom(pr);
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_fail(s, rc, pr);
	sqlite3_reset(st);
	return status;
}

/* the versions set aside in sync conflicts, as REVISION_COLUMNS, settles,
 * origin, open (?1 the participant, ?2 `only`) */
#define SET_ASIDE                                                                                  \
	"SELECT c.participant_id, c.form, c.period, c.revision, c.form_version, c.answers, "      \
	"c.saved_by, c.saved_at, NULL, c.origin, c.resolved_at IS NULL FROM sync_conflict c "     \
	"WHERE c.participant_id = ?1 AND (?2 IS NULL OR c.form IN "                                \
	"(SELECT value FROM json_each(?2)))"

/* this copy's revisions and the versions set aside in sync conflicts */
static const char SQL_LIST[] =
    "SELECT " REVISION_COLUMNS ", r.settles, NULL, 0 FROM revision r "
    "WHERE r.participant_id = ?1 AND (?2 IS NULL OR r.form IN (SELECT value FROM json_each(?2))) "
    "UNION ALL " SET_ASIDE " ORDER BY 2, 3, 4, 10 NULLS LAST";
static const char SQL_SET_ASIDE[] = SET_ASIDE " ORDER BY 2, 3, 4, 10";

/* The rows of `sql` (one of the two above) into *out. */
static enum pc_status list(struct pc_store *s, const char *sql, const char *participant_id,
                           const char *only, struct pc_revision **out, size_t *n,
                           struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, sql, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, participant_id);
	store_bind_text(st, 2, only);
	size_t cap = 0;
	enum pc_status status = PC_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct pc_revision *grown = realloc(*out, ncap * sizeof(**out));
			if (!grown) {
				status = store_oom(pr);
				break;
			}
			*out = grown;
			cap = ncap;
		}
		struct pc_revision *r = &(*out)[*n];
		bool oom = !read_revision(st, 0, false, r);
		if (!oom) {
			r->settles = sqlite3_column_int64(st, 8);
			r->open = sqlite3_column_int(st, 10);
			if (sqlite3_column_type(st, 9) != SQLITE_NULL)
				r->origin = store_column_dup(st, 9, &oom);
		}
		if (oom) {
			pc_revision_clear(r);
			status = store_oom(pr);
			break;
		}
		(*n)++;
	}
	if (status == PC_OK && rc != SQLITE_DONE)
		status = store_fail(s, rc, pr);
	sqlite3_reset(st);
	if (status != PC_OK) {
		pc_revisions_free(out, *n);
		*n = 0;
	}
	return status;
}

enum pc_status pc_store_revision_set_aside(struct pc_store *s, const char *participant_id,
                                          const char *only, struct pc_revision **out, size_t *n,
                                          struct pc_problems *pr)
{
	return list(s, SQL_SET_ASIDE, participant_id, only, out, n, pr);
}

enum pc_status pc_store_revision_list(struct pc_store *s, const char *participant_id,
                                      const char *only, struct pc_revision **out, size_t *n,
                                      struct pc_problems *pr)
{
	return list(s, SQL_LIST, participant_id, only, out, n, pr);
}

/* Participants in file-number order (the outer loop, so rows come sorted
 * without a sort), each one's revisions of the form through the primary
 * key, keeping the highest revision of each period. */
static const char SQL_EACH_CURRENT[] =
    "SELECT " STORE_PARTICIPANT_COLUMNS ", " REVISION_COLUMNS " "
    "FROM participant p CROSS JOIN revision r ON r.participant_id = p.id AND r.form = ?1 "
    "WHERE (?2 IS NULL OR p.counsellor = ?2) AND r.revision = (SELECT max(x.revision) FROM revision x "
    "WHERE x.participant_id = r.participant_id AND x.form = r.form AND x.period = r.period) "
    "ORDER BY p.file_no, r.period";

enum pc_status pc_store_revision_each_current(struct pc_store *s, const char *form,
                                              const char *counsellor,
                                              bool (*each)(void *ctx,
                                                           const struct pc_participant *p,
                                                           const struct pc_revision *r),
                                              void *ctx, struct pc_problems *pr)
{
	/* Not from the cache: `each` may call back into the store. */
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, SQL_EACH_CURRENT, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, pr);
	store_bind_text(st, 1, form);
	store_bind_text(st, 2, counsellor);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pc_participant p;
		struct pc_revision r;
		store_read_participant(st, 0, true, &p);
		read_revision(st, STORE_PARTICIPANT_NCOLS, true, &r);
		if (!each(ctx, &p, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	enum pc_status status = rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
	sqlite3_finalize(st);
	return status;
}

/* The reason given with a save (month_change's key is the revision's). */
#define REVISION_EACH_FROM                                                                         \
	", m.reason FROM revision r LEFT JOIN month_change m ON m.participant_id = "               \
	"r.participant_id AND m.form = r.form AND m.period = r.period AND m.revision = r.revision "

static const char SQL_EACH[] = "SELECT " REVISION_COLUMNS REVISION_EACH_FROM
                               "WHERE r.participant_id = ?1 AND (?2 IS NULL OR r.form IN "
                               "(SELECT value FROM json_each(?2))) "
                               "ORDER BY r.form, r.period, r.revision";

static const char SQL_EACH_OF[] = "SELECT " REVISION_COLUMNS REVISION_EACH_FROM
                                  "WHERE r.participant_id = ?1 AND r.form = ?2 AND r.period = ?3 "
                                  "ORDER BY r.revision";

enum pc_status pc_store_revision_each(struct pc_store *s, const char *participant_id,
                                      const char *only, const char *form, const char *period,
                                      bool (*each)(void *ctx, const struct pc_revision *r,
                                                   const char *reason),
                                      void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *st = store_stmt(s, form ? SQL_EACH_OF : SQL_EACH, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, participant_id);
	store_bind_text(st, 2, form ? form : only);
	if (form)
		store_bind_text(st, 3, period ? period : "");
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pc_revision r;
		read_revision(st, 0, true, &r);
		if (!each(ctx, &r, (const char *)sqlite3_column_text(st, 8))) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_GROUPS[] = "SELECT r.form, r.period, count(*), max(r.revision) "
                                 "FROM revision r WHERE r.participant_id = ?1 AND (?2 IS NULL OR "
                                 "r.form IN (SELECT value FROM json_each(?2))) "
                                 "GROUP BY r.form, r.period ORDER BY r.form, r.period";

void pc_revision_groups_free(struct pc_revision_group **list, size_t n)
{
	if (!*list)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*list)[i].form);
		free((*list)[i].period);
	}
	free(*list);
	*list = NULL;
}

enum pc_status pc_store_revision_groups(struct pc_store *s, const char *participant_id,
                                        const char *only, struct pc_revision_group **out,
                                        size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = store_stmt(s, SQL_GROUPS, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, participant_id);
	store_bind_text(st, 2, only);
	size_t cap = 0;
	enum pc_status status = PC_OK;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct pc_revision_group *grown = realloc(*out, ncap * sizeof(**out));
			if (!grown) {
				status = store_oom(pr);
				break;
			}
			*out = grown;
			cap = ncap;
		}
		bool oom = false;
		struct pc_revision_group *g = &(*out)[(*n)++];
		g->form = store_column_dup(st, 0, &oom);
		g->period = store_column_dup(st, 1, &oom);
		g->count = sqlite3_column_int64(st, 2);
		g->latest = sqlite3_column_int64(st, 3);
		if (oom) {
			status = store_oom(pr);
			break;
		}
	}
	if (status == PC_OK && rc != SQLITE_DONE)
		status = store_fail(s, rc, pr);
	sqlite3_reset(st);
	if (status != PC_OK) {
		pc_revision_groups_free(out, *n);
		*n = 0;
	}
	return status;
}
