/* Enrolments, closed months and the month query (enrolment.h). Writes go
 * through store_op_begin/end so they nest in a caller's transaction. The
 * programme rules are not applied here: rows are returned as stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "store_internal.h"

void pc_enrolment_row_clear(struct pc_enrolment_row *e)
{
	if (!e)
		return;
	free(e->id);
	free(e->participant_id);
	free(e->programme);
	free(e->start);
	free(e->end);
	free(e->end_reason);
	free(e->ramp);
	free(e->counsellor);
	memset(e, 0, sizeof(*e));
	e->hours = -1;
}

void pc_enrolment_rows_free(struct pc_enrolment_row **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		pc_enrolment_row_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

static const char SQL_OPEN[] =
	"SELECT programme, start_date FROM enrolment WHERE participant_id = ?1 AND end_date IS NULL";
static const char SQL_ADD[] =
	"INSERT INTO enrolment (id, participant_id, programme, start_date, hours, ramp, "
	"created_by, created_at) VALUES (lower(hex(randomblob(16))), ?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	"RETURNING id";
static const char SQL_SET_PROGRAMME[] =
	"UPDATE participant SET programme = ?2, counsellor = coalesce(?4, counsellor), "
	"version = version + 1, updated_at = ?3 WHERE id = ?1";

enum pc_status pc_store_enrolment_add(struct pc_store *s, struct pc_enrolment_row *e,
				      const char *by, const char *at, struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_OPEN, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, e->participant_id);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		pc_problems_add(pr, false, "programme",
				_("already enrolled in %s since %s: record the exit first"),
				(const char *)sqlite3_column_text(q, 0),
				(const char *)sqlite3_column_text(q, 1));
		sqlite3_reset(q);
		return store_op_end(s, own, PC_REFUSED, pr);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_op_end(s, own, store_fail(s, rc, pr), pr);
	if (!(q = store_stmt(s, SQL_ADD, pr)))
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, e->participant_id);
	store_bind_text(q, 2, e->programme);
	store_bind_text(q, 3, e->start);
	if (e->hours >= 0)
		sqlite3_bind_double(q, 4, e->hours);
	store_bind_text(q, 5, e->ramp ? e->ramp : "[]");
	store_bind_text(q, 6, by);
	store_bind_text(q, 7, at);
	rc = sqlite3_step(q);
	bool oom = false;
	if (rc == SQLITE_ROW) {
		free(e->id);
		e->id = store_column_dup(q, 0, &oom);
		rc = sqlite3_step(q);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_op_end(s, own, store_fail(s, rc, pr), pr);
	if (oom)
		return store_op_end(s, own, store_oom(pr), pr);
	if (!(q = store_stmt(s, SQL_SET_PROGRAMME, pr)))
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, e->participant_id);
	store_bind_text(q, 2, e->programme);
	store_bind_text(q, 3, at);
	store_bind_text(q, 4, e->counsellor);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}

static const char SQL_END[] =
	"UPDATE enrolment SET end_date = ?2, end_reason = ?3, version = version + 1 "
	"WHERE participant_id = ?1 AND end_date IS NULL AND start_date <= ?2";

enum pc_status pc_store_enrolment_end(struct pc_store *s, const char *participant_id,
				      const char *date, const char *reason,
				      struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_OPEN, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, participant_id);
	int rc = sqlite3_step(q);
	bool open = rc == SQLITE_ROW;
	bool before = open && strcmp(date, (const char *)sqlite3_column_text(q, 1)) < 0;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_op_end(s, own, store_fail(s, rc, pr), pr);
	if (!open) {
		pc_problems_add(pr, false, "programme", "%s",
				_("this person is not enrolled in a programme"));
		return store_op_end(s, own, PC_REFUSED, pr);
	}
	if (before) {
		pc_problems_add(pr, false, "date", "%s",
				_("the exit date is before the start of the enrolment"));
		return store_op_end(s, own, PC_REFUSED, pr);
	}
	if (!(q = store_stmt(s, SQL_END, pr)))
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, date);
	store_bind_text(q, 3, reason);
	rc = sqlite3_step(q);
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return store_op_end(s, own, store_fail(s, rc, pr), pr);
	if (!(q = store_stmt(s, SQL_SET_PROGRAMME, pr)))
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, NULL);
	store_bind_text(q, 3, date);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}

#define ENROLMENT_COLUMNS \
	"e.id, e.participant_id, e.programme, e.start_date, e.end_date, e.end_reason, e.hours, e.ramp"
enum { ENROLMENT_NCOLS = 8 };

/* Fills e from ENROLMENT_COLUMNS at column `first`: copies, or pointers
 * into the row when `borrow`. */
static bool read_enrolment(sqlite3_stmt *q, int first, bool borrow, struct pc_enrolment_row *e)
{
	bool oom = false;
	char **cols[] = {&e->id, &e->participant_id, &e->programme, &e->start,
			 &e->end, &e->end_reason};
	for (int i = 0; i < 6; i++)
		*cols[i] = borrow ? (char *)sqlite3_column_text(q, first + i)
				  : store_column_dup(q, first + i, &oom);
	e->hours = sqlite3_column_type(q, first + 6) == SQLITE_NULL ? -1
								    : sqlite3_column_double(q, first + 6);
	e->ramp = borrow ? (char *)sqlite3_column_text(q, first + 7)
			 : store_column_dup(q, first + 7, &oom);
	if (oom && !borrow)
		pc_enrolment_row_clear(e);
	return !oom;
}

static const char SQL_LIST[] = "SELECT " ENROLMENT_COLUMNS " FROM enrolment e "
			       "WHERE e.participant_id = ?1 ORDER BY e.start_date, e.created_at";

enum pc_status pc_store_enrolment_list(struct pc_store *s, const char *participant_id,
				       struct pc_enrolment_row **out, size_t *n,
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
			struct pc_enrolment_row *l = realloc(*out, cap * sizeof(*l));
			if (!l) {
				st = store_oom(pr);
				break;
			}
			*out = l;
		}
		memset(&(*out)[*n], 0, sizeof(**out));
		if (!read_enrolment(q, 0, false, &(*out)[*n])) {
			st = store_oom(pr);
			break;
		}
		(*n)++;
	}
	if (st == PC_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
	sqlite3_reset(q);
	if (st != PC_OK)
		pc_enrolment_rows_free(out, *n);
	return st;
}

/* What the month's and year's rows carry: of the person, the id, file
 * number, names and counsellor; of the enrolment, what its month needs
 * (enrolment.h pc_month_row). Reading no more is a fifth of the query. */
#define MONTH_PARTICIPANT_COLUMNS "p.id, p.file_no, p.family_name, p.given_name, p.counsellor"
enum { MONTH_PARTICIPANT_NCOLS = 5 };
#define MONTH_ENROLMENT_COLUMNS                                                                    \
	"e.participant_id, e.programme, e.start_date, e.end_date, e.hours, e.ramp"
enum { MONTH_ENROLMENT_NCOLS = 6 };

/* p and e borrowed from the columns above, the person's at `first`. */
static void read_month_columns(sqlite3_stmt *q, int first, struct pc_participant *p,
			       struct pc_enrolment_row *e)
{
	p->id = (char *)sqlite3_column_text(q, first);
	p->file_no = (char *)sqlite3_column_text(q, first + 1);
	p->family_name = (char *)sqlite3_column_text(q, first + 2);
	p->given_name = (char *)sqlite3_column_text(q, first + 3);
	p->counsellor = (char *)sqlite3_column_text(q, first + 4);
	int at = first + MONTH_PARTICIPANT_NCOLS;
	e->participant_id = (char *)sqlite3_column_text(q, at);
	e->programme = (char *)sqlite3_column_text(q, at + 1);
	e->start = (char *)sqlite3_column_text(q, at + 2);
	e->end = (char *)sqlite3_column_text(q, at + 3);
	e->hours =
	    sqlite3_column_type(q, at + 4) == SQLITE_NULL ? -1 : sqlite3_column_double(q, at + 4);
	e->ramp = (char *)sqlite3_column_text(q, at + 5);
}

/* The month's totals (month_totals.h) come with each row; no answers are
 * read. Only the keys are sorted (the inner query; LIMIT -1 keeps it from
 * being merged into the outer one), the rows are read after, in that
 * order (CROSS JOIN keeps the sorted keys the outer loop): the sort holds
 * some 40 bytes a person. The month's totals lie together (keyed by
 * month first, data/016), so their pages are read once, not one a person. */
#define TOTALS_COLUMNS                                                                             \
	"t.participant_id IS NOT NULL, t.revision, t.first_day, t.last_day, t.minutes, t.amounts"
enum { TOTALS_NCOLS = 6 };
#define MONTH_SQL(order)                                                                           \
	"SELECT " MONTH_PARTICIPANT_COLUMNS ", " MONTH_ENROLMENT_COLUMNS ", " TOTALS_COLUMNS " "    \
	"FROM (SELECT e.rowid AS erow, p.rowid AS prow FROM enrolment e "                          \
	"      JOIN participant p ON p.id = e.participant_id "                                     \
	"      WHERE e.start_date <= ?2 AND (e.end_date IS NULL OR e.end_date >= ?1) "             \
	"      ORDER BY " order " LIMIT -1) k "                                                    \
	"CROSS JOIN enrolment e ON e.rowid = k.erow "                                               \
	"CROSS JOIN participant p ON p.rowid = k.prow "                                            \
	"LEFT JOIN month_total t ON ?3 = '" PC_PARTICIPATION_FORM "' AND t.participant_id = p.id " \
	"AND t.period = ?4"
static const char SQL_MONTH[] = MONTH_SQL("e.programme, coalesce(p.counsellor, ''), p.file_no");
/* the below-target list's order: only the keys are sorted, as above */
static const char SQL_MONTH_BY_COUNSELLOR[] =
	MONTH_SQL("coalesce(p.counsellor, ''), p.file_no, e.programme");

/* The totals at column `first` (TOTALS_COLUMNS) borrowed into t; NULL
 * when the month has none. */
static const struct pc_month_totals *read_totals(sqlite3_stmt *q, int first,
						 struct pc_month_totals *t)
{
	if (!sqlite3_column_int(q, first))
		return NULL;
	t->revision = sqlite3_column_int64(q, first + 1);
	t->first_day = (char *)sqlite3_column_text(q, first + 2);
	t->last_day = (char *)sqlite3_column_text(q, first + 3);
	t->minutes = (char *)sqlite3_column_text(q, first + 4);
	t->amounts = (char *)sqlite3_column_text(q, first + 5);
	return t;
}

static enum pc_status month_each(struct pc_store *s, const char *sql, const char *first,
				 const char *last, const char *form, const char *period,
				 bool (*each)(void *ctx, const struct pc_month_row *row), void *ctx,
				 struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, sql, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, first);
	store_bind_text(q, 2, last);
	store_bind_text(q, 3, form);
	store_bind_text(q, 4, period);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_participant p = {0};
		struct pc_enrolment_row e = {0};
		read_month_columns(q, 0, &p, &e);
		struct pc_month_totals t;
		struct pc_month_row row = {
			.participant = &p,
			.enrolment = &e,
			.totals = read_totals(q, MONTH_PARTICIPANT_NCOLS + MONTH_ENROLMENT_NCOLS, &t),
		};
		if (!each(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

enum pc_status pc_store_month_each(struct pc_store *s, const char *first, const char *last,
				   const char *form, const char *period,
				   bool (*each)(void *ctx, const struct pc_month_row *row),
				   void *ctx, struct pc_problems *pr)
{
	return month_each(s, SQL_MONTH, first, last, form, period, each, ctx, pr);
}

enum pc_status pc_store_month_each_by_counsellor(struct pc_store *s, const char *first,
						 const char *last, const char *form,
						 const char *period,
						 bool (*each)(void *ctx,
							      const struct pc_month_row *row),
						 void *ctx, struct pc_problems *pr)
{
	return month_each(s, SQL_MONTH_BY_COUNSELLOR, first, last, form, period, each, ctx, pr);
}

/* Months as rows (a recursive CTE), joined to the enrolments they
 * overlap after each enrolment's participant (one lookup a person, not a
 * month); the enrolments read in participant order (their index), so
 * nothing is sorted but one participant's few months. Of the participant,
 * only the id and file number (NULL in place of the names). */
static const char SQL_YEAR[] =
	"WITH RECURSIVE m(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM m WHERE k < ?2), "
	"months(period, first, last) AS MATERIALIZED (SELECT printf('%04d-%02d', ?1, k), "
	" printf('%04d-%02d-01', ?1, k), date(printf('%04d-%02d-01', ?1, k), '+1 month', '-1 day') "
	" FROM m) "
	"SELECT p.id, p.file_no, NULL, NULL, NULL, " MONTH_ENROLMENT_COLUMNS ", " TOTALS_COLUMNS
	", months.period "
	"FROM enrolment e JOIN participant p ON p.id = e.participant_id CROSS JOIN months "
	"LEFT JOIN month_total t ON ?3 = '" PC_PARTICIPATION_FORM "' AND t.participant_id = p.id "
	"AND t.period = months.period "
	"WHERE e.start_date <= ?5 AND (e.end_date IS NULL OR e.end_date >= ?4) "
	"AND e.start_date <= months.last AND (e.end_date IS NULL OR e.end_date >= months.first) "
	"ORDER BY e.participant_id";

enum pc_status pc_store_year_each(struct pc_store *s, int year, int months, const char *form,
				  bool (*each)(void *ctx, const struct pc_month_row *row),
				  void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_YEAR, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int(q, 1, year);
	sqlite3_bind_int(q, 2, months);
	store_bind_text(q, 3, form);
	char first[16], last[16];
	snprintf(first, sizeof(first), "%04d-01-01", year);
	snprintf(last, sizeof(last), "%04d-12-31", year);
	store_bind_text(q, 4, first);
	store_bind_text(q, 5, last);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_participant p = {0};
		struct pc_enrolment_row e = {0};
		read_month_columns(q, 0, &p, &e);
		int at = MONTH_PARTICIPANT_NCOLS + MONTH_ENROLMENT_NCOLS;
		struct pc_month_totals t;
		struct pc_month_row row = {
			.participant = &p,
			.enrolment = &e,
			.totals = read_totals(q, at, &t),
			.period = (const char *)sqlite3_column_text(q, at + TOTALS_NCOLS),
		};
		if (!each(ctx, &row)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_CLOSE[] =
	"INSERT INTO month_closing (period, closed_by, closed_at) VALUES (?1, ?2, ?3) "
	"ON CONFLICT (period) DO NOTHING";
static const char SQL_CLOSED[] = "SELECT closed_by, closed_at FROM month_closing WHERE period = ?1";

enum pc_status pc_store_month_close(struct pc_store *s, const char *period, const char *by,
				    const char *at, struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_CLOSE, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, period);
	store_bind_text(q, 2, by);
	store_bind_text(q, 3, at);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}

enum pc_status pc_store_month_closed(struct pc_store *s, const char *period, char **by, char **at,
				     struct pc_problems *pr)
{
	*by = *at = NULL;
	sqlite3_stmt *q = store_stmt(s, SQL_CLOSED, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, period);
	int rc = sqlite3_step(q);
	bool oom = false;
	if (rc == SQLITE_ROW) {
		*by = store_column_dup(q, 0, &oom);
		*at = store_column_dup(q, 1, &oom);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	if (oom) {
		free(*by);
		free(*at);
		*by = *at = NULL;
		return store_oom(pr);
	}
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_CHANGE[] =
	"INSERT INTO month_change (participant_id, form, period, revision, reason, changed_by, "
	"changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

enum pc_status pc_store_month_change_add(struct pc_store *s, const char *participant_id,
					 const char *form, const char *period, long long revision,
					 const char *reason, const char *by, const char *at,
					 struct pc_problems *pr)
{
	bool own = false;
	enum pc_status st = store_op_begin(s, &own, pr);
	if (st != PC_OK)
		return st;
	sqlite3_stmt *q = store_stmt(s, SQL_CHANGE, pr);
	if (!q)
		return store_op_end(s, own, PC_UNUSABLE, pr);
	store_bind_text(q, 1, participant_id);
	store_bind_text(q, 2, form);
	store_bind_text(q, 3, period);
	sqlite3_bind_int64(q, 4, revision);
	store_bind_text(q, 5, reason);
	store_bind_text(q, 6, by);
	store_bind_text(q, 7, at);
	return store_op_end(s, own, store_step_done(s, q, pr), pr);
}

static const char SQL_EXITS[] =
	"SELECT programme, coalesce(end_reason, ''), count(*) FROM enrolment "
	"WHERE end_date BETWEEN ?1 AND ?2 GROUP BY 1, 2 ORDER BY 1, 2";

enum pc_status pc_store_exits_each(struct pc_store *s, const char *first, const char *last,
				   bool (*each)(void *ctx, const char *programme, const char *reason,
						long long count),
				   void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_EXITS, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, first);
	store_bind_text(q, 2, last);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (!each(ctx, (const char *)sqlite3_column_text(q, 0),
			  (const char *)sqlite3_column_text(q, 1), sqlite3_column_int64(q, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
