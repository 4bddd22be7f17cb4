/* The month_total table (month_totals.h, data/012_month_totals.sql): one
 * row per participation month, written in the transaction of the revision
 * it was read from, rebuilt whole after the migration, a sync, a copy or
 * a check that found it wrong. What a row holds is the core's business
 * (src/core/month_totals.c); here only its SQL. */
#include <stdlib.h>
#include <string.h>
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "store_internal.h"

static const char SQL_PUT[] =
    "INSERT OR REPLACE INTO month_total (participant_id, period, revision, first_day, last_day, "
    "minutes, amounts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_DROP[] = "DELETE FROM month_total WHERE participant_id = ?1 AND period = ?2";

/* Writes the row of one month, or removes it when the answers give none. */
static enum pc_status put(struct pc_store *s, const char *participant_id, const char *period,
                          long long revision, const char *answers, size_t len,
                          struct pc_problems *pr)
{
	struct pc_month_totals t;
	bool oom = false;
	bool have = pc_month_totals_of(answers, len, &t, &oom);
	if (oom)
		return store_oom(pr);
	sqlite3_stmt *q = store_stmt(s, have ? SQL_PUT : SQL_DROP, pr);
	if (!q) {
		pc_month_totals_clear(&t);
		return PC_UNUSABLE;
	}
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, period);
	if (have) {
		sqlite3_bind_int64(q, 3, revision);
		store_bind_text(q, 4, t.first_day);
		store_bind_text(q, 5, t.last_day);
		store_bind_text(q, 6, t.minutes);
		store_bind_text(q, 7, t.amounts);
	}
	enum pc_status st = store_step_done(s, q, pr);
	pc_month_totals_clear(&t);
	return st;
}

enum pc_status pc_store_month_totals_saved(struct pc_store *s, const char *form,
                                           const char *participant_id, const char *period,
                                           long long revision, const char *answers,
                                           struct pc_problems *pr)
{
	if (!form || strcmp(form, PC_PARTICIPATION_FORM) || !period || !*period)
		return PC_OK;
	return put(s, participant_id, period, revision, answers, answers ? strlen(answers) : 0, pr);
}

#define LATEST                                                                                     \
	"r.revision = (SELECT max(x.revision) FROM revision x WHERE x.participant_id = "           \
	"r.participant_id AND x.form = r.form AND x.period = r.period)"
static const char SQL_CLEAR_ALL[] = "DELETE FROM month_total";
static const char SQL_CLEAR_ONE[] = "DELETE FROM month_total WHERE participant_id = ?1";
static const char SQL_LATEST_ALL[] =
    "SELECT r.participant_id, r.period, r.revision, r.answers FROM revision r "
    "WHERE r.form = '" PC_PARTICIPATION_FORM "' AND r.period <> '' AND " LATEST;
static const char SQL_LATEST_ONE[] =
    "SELECT r.participant_id, r.period, r.revision, r.answers FROM revision r "
    "WHERE r.participant_id = ?1 AND r.form = '" PC_PARTICIPATION_FORM "' AND r.period <> '' "
    "AND " LATEST;

/* The rebuild without a transaction of its own (the migration runs one). */
static enum pc_status rebuild(struct pc_store *s, const char *participant_id,
                              struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, participant_id ? SQL_CLEAR_ONE : SQL_CLEAR_ALL, pr);
	if (!q)
		return PC_UNUSABLE;
	if (participant_id)
		store_bind_text(q, 1, participant_id);
	enum pc_status st = store_step_done(s, q, pr);
	/* not from the cache: put() uses cached statements while this one runs */
	sqlite3_stmt *rows = NULL;
	int rc = SQLITE_OK;
	if (st == PC_OK)
		rc = sqlite3_prepare_v2(s->db, participant_id ? SQL_LATEST_ONE : SQL_LATEST_ALL, -1,
		                        &rows, NULL);
	if (st == PC_OK && rc != SQLITE_OK)
		st = store_fail(s, rc, pr);
	if (st == PC_OK && participant_id)
		store_bind_text(rows, 1, participant_id);
	while (st == PC_OK && (rc = sqlite3_step(rows)) == SQLITE_ROW)
		st = put(s, (const char *)sqlite3_column_text(rows, 0),
		         (const char *)sqlite3_column_text(rows, 1), sqlite3_column_int64(rows, 2),
		         (const char *)sqlite3_column_text(rows, 3),
		         (size_t)sqlite3_column_bytes(rows, 3), pr);
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_finalize(rows);
	return st;
}

enum pc_status pc_store_month_totals_rebuild(struct pc_store *s, const char *participant_id,
                                             struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	return store_op_end(s, own, rebuild(s, participant_id, pr), pr);
}

int store_month_totals_migrated(struct pc_store *s, int version)
{
	if (version != 12) /* data/012_month_totals.sql made the table: fill it */
		return SQLITE_OK;
	struct pc_problems pr = {0};
	enum pc_status st = rebuild(s, NULL, &pr);
	pc_problems_clear(&pr);
	if (st == PC_OK)
		return SQLITE_OK;
	int rc = sqlite3_errcode(s->db);
	return rc != SQLITE_OK ? rc : SQLITE_NOMEM;
}

static const char SQL_ANSWERS[] =
    "SELECT answers FROM revision WHERE participant_id = ?1 AND form = ?2 AND period = ?3 "
    "ORDER BY revision DESC LIMIT 1";

enum pc_status pc_store_month_answers(struct pc_store *s, const char *participant_id,
                                      const char *form, const char *period, char **answers,
                                      struct pc_problems *pr)
{
	*answers = NULL;
	sqlite3_stmt *q = store_stmt(s, SQL_ANSWERS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, form);
	store_bind_text(q, 3, period);
	int rc = sqlite3_step(q);
	bool oom = false;
	if (rc == SQLITE_ROW)
		*answers = store_column_dup(q, 0, &oom);
	sqlite3_reset(q);
	if (oom)
		return store_oom(pr);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

/* Every latest participation revision beside its totals, then the totals
 * of months without a revision. */
static const char SQL_CHECK[] =
    "SELECT r.participant_id, p.file_no, r.period, r.revision, r.answers, "
    "t.participant_id IS NOT NULL, t.revision, t.first_day, t.last_day, t.minutes, t.amounts "
    "FROM revision r LEFT JOIN participant p ON p.id = r.participant_id "
    "LEFT JOIN month_total t ON t.participant_id = r.participant_id AND t.period = r.period "
    "WHERE r.form = '" PC_PARTICIPATION_FORM "' AND r.period <> '' AND " LATEST " "
    "UNION ALL "
    "SELECT t.participant_id, p.file_no, t.period, 0, NULL, 1, t.revision, t.first_day, "
    "t.last_day, t.minutes, t.amounts FROM month_total t "
    "LEFT JOIN participant p ON p.id = t.participant_id WHERE NOT EXISTS (SELECT 1 FROM "
    "revision r WHERE r.participant_id = t.participant_id AND r.form = '" PC_PARTICIPATION_FORM
    "' AND r.period = t.period)";

enum pc_status pc_store_month_totals_check(struct pc_store *s,
                                           bool (*each)(void *ctx,
                                                        const struct pc_month_totals_check *m),
                                           void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(s->db, SQL_CHECK, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, pr);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_month_totals kept = {
		    .revision = sqlite3_column_int64(q, 6),
		    .first_day = (char *)sqlite3_column_text(q, 7),
		    .last_day = (char *)sqlite3_column_text(q, 8),
		    .minutes = (char *)sqlite3_column_text(q, 9),
		    .amounts = (char *)sqlite3_column_text(q, 10),
		};
		struct pc_month_totals_check m = {
		    .participant_id = (const char *)sqlite3_column_text(q, 0),
		    .file_no = (const char *)sqlite3_column_text(q, 1),
		    .period = (const char *)sqlite3_column_text(q, 2),
		    .revision = sqlite3_column_int64(q, 3),
		    .answers = (const char *)sqlite3_column_text(q, 4),
		    .answers_len = (size_t)sqlite3_column_bytes(q, 4),
		    .kept = sqlite3_column_int(q, 5) ? &kept : NULL,
		};
		if (!each(ctx, &m)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

enum pc_status pc_store_month_totals_repair(struct pc_store *s, struct pc_problems *pr)
{
	struct pc_store *w = NULL;
	enum pc_status st = pc_store_open(s->path, PC_STORE_WRITE, &w, pr);
	if (st == PC_OK)
		st = pc_store_bounded(w, pr);
	if (st == PC_OK)
		st = pc_store_month_totals_rebuild(w, NULL, pr);
	pc_store_close(&w);
	return st;
}
