/* The store's walks for `parcours check` (store_check.h): SQLite's
 * integrity check and one streaming pass over revisions, participants,
 * search tokens and file-number counters. Read-only; judging answers and
 * names is the core's job. */
#include <stdlib.h>
#include <string.h>
#include "parcours/site.h"
#include "parcours/store_check.h"
#include "store_internal.h"

/* A statement of its own, not from the cache: callbacks may use the store. */
static sqlite3_stmt *prepare(struct pc_store *s, const char *sql, struct pc_problems *pr)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		store_fail(s, rc, pr);
		return NULL;
	}
	return st;
}

static enum pc_status finish(struct pc_store *s, sqlite3_stmt *st, int rc, struct pc_problems *pr)
{
	enum pc_status status = rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
	sqlite3_finalize(st);
	return status;
}

static const char *text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

enum pc_status pc_store_check_integrity(struct pc_store *s,
                                        void (*each)(void *ctx, const char *message), void *ctx,
                                        struct pc_problems *pr)
{
	sqlite3_stmt *st = prepare(s, "PRAGMA integrity_check", pr);
	if (!st)
		return PC_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *m = text(st, 0);
		if (m && strcmp(m, "ok"))
			each(ctx, m);
	}
	return finish(s, st, rc, pr);
}

enum pc_status pc_store_check_revisions(struct pc_store *s,
                                        bool (*each)(void *ctx, const struct pc_check_revision *r),
                                        void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *st =
	    prepare(s,
	            "SELECT r.participant_id, p.file_no, r.form, r.period, r.revision, "
	            "r.form_version, r.answers FROM revision r "
	            "LEFT JOIN participant p ON p.id = r.participant_id",
	            pr);
	if (!st)
		return PC_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pc_check_revision r = {
		    .participant_id = text(st, 0),
		    .file_no = text(st, 1),
		    .form = text(st, 2),
		    .period = text(st, 3),
		    .revision = sqlite3_column_int64(st, 4),
		    .form_version = sqlite3_column_int(st, 5),
		    .answers = text(st, 6),
		};
		r.answers_len = (size_t)sqlite3_column_bytes(st, 6);
		if (!r.participant_id || !r.form || !r.period) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (!each(ctx, &r)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(s, st, rc, pr);
}

enum pc_status pc_store_check_people(struct pc_store *s,
                                     bool (*each)(void *ctx, const struct pc_check_person *p),
                                     void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *st = prepare(s,
	                           "SELECT file_no, family_name, given_name, family_folded, "
	                           "given_folded, search_keys FROM participant",
	                           pr);
	if (!st)
		return PC_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pc_check_person p = {text(st, 0), text(st, 1), text(st, 2),
		                            text(st, 3), text(st, 4), text(st, 5)};
		if (!p.file_no || !p.family_name || !p.given_name || !p.family_folded ||
		    !p.given_folded || !p.search_keys) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (!each(ctx, &p)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(s, st, rc, pr);
}

static const char SQL_TOKEN_HAS[] =
    "SELECT 1 FROM participant_token WHERE token = ?1 AND family_folded = ?2 "
    "AND given_folded = ?3 AND file_no = ?4";

enum pc_status pc_store_check_tokens_missing(struct pc_store *s, const struct pc_check_person *p,
                                             size_t *missing, struct pc_problems *pr)
{
	*missing = 0;
	for (const char *t = p->search_keys; *t;) {
		t += strspn(t, " ");
		size_t len = strcspn(t, " ");
		if (!len)
			break;
		sqlite3_stmt *st = store_stmt(s, SQL_TOKEN_HAS, pr);
		if (!st)
			return PC_UNUSABLE;
		sqlite3_bind_text(st, 1, t, (int)len, SQLITE_STATIC);
		store_bind_text(st, 2, p->family_folded);
		store_bind_text(st, 3, p->given_folded);
		store_bind_text(st, 4, p->file_no);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			++*missing;
		else if (rc != SQLITE_ROW)
			return store_fail(s, rc, pr);
		t += len;
	}
	return PC_OK;
}

enum pc_status pc_store_check_token_rows(struct pc_store *s,
                                         bool (*each)(void *ctx, const char *file_no,
                                                      const char *token),
                                         void *ctx, long long *rows, struct pc_problems *pr)
{
	*rows = 0;
	sqlite3_stmt *st =
	    prepare(s,
	            "SELECT t.file_no, t.token, p.file_no IS NOT NULL "
	            "AND p.family_folded = t.family_folded AND p.given_folded = t.given_folded "
	            "AND instr(p.search_keys, ' ' || t.token || ' ') > 0 "
	            "FROM participant_token t LEFT JOIN participant p ON p.file_no = t.file_no",
	            pr);
	if (!st)
		return PC_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		++*rows;
		if (sqlite3_column_int(st, 2))
			continue;
		if (!each(ctx, text(st, 0) ? text(st, 0) : "", text(st, 1) ? text(st, 1) : "")) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(s, st, rc, pr);
}

enum { COUNTER_YEARS = 1000 };

struct year_max {
	long long year, highest;
};

static int by_year(const void *a, const void *b)
{
	const struct year_max *x = a, *y = b;
	return (x->year > y->year) - (x->year < y->year);
}

/* Whether `no` is a number of site `site` ("" for the plain form): its
 * year and number then. */
static bool own_file_no(const char *no, const char *site, long long *year, long long *num)
{
	struct pc_file_no f;
	if (!pc_file_no_parse(no, &f) || f.site_len != strlen(site) || strncmp(no, site, f.site_len))
		return false;
	*year = f.year;
	*num = f.num;
	return true;
}

enum pc_status pc_store_check_counter(struct pc_store *s,
                                      bool (*each)(void *ctx, long long year, long long last,
                                                   long long highest),
                                      void *ctx, struct pc_problems *pr)
{
	/* the highest number of each year, from one pass of the file-number
	 * index: no sort, no temporary table */
	struct year_max *years = calloc(COUNTER_YEARS, sizeof(*years));
	if (!years)
		return store_oom(pr);
	size_t ny = 0;
	/* only the numbers this database gives: another site's (a laptop's,
	 * merged here) are counted where they are made */
	char site[PC_SITE_MAX + 1];
	enum pc_status got = pc_store_site_get(s, site, pr);
	if (got != PC_OK) {
		free(years);
		return got;
	}
	sqlite3_stmt *st = prepare(s, "SELECT file_no FROM participant", pr);
	if (!st) {
		free(years);
		return PC_UNUSABLE;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long y, n;
		if (!own_file_no(text(st, 0), site, &y, &n))
			continue;
		size_t i = 0;
		while (i < ny && years[i].year != y)
			i++;
		if (i == ny) {
			if (ny == COUNTER_YEARS)
				continue;
			years[ny++] = (struct year_max){y, n};
		} else if (n > years[i].highest) {
			years[i].highest = n;
		}
	}
	enum pc_status status = finish(s, st, rc, pr);
	if (ny)
		qsort(years, ny, sizeof(*years), by_year);
	for (size_t i = 0; status == PC_OK && i < ny; i++) {
		sqlite3_stmt *q =
		    store_stmt(s, "SELECT last FROM file_counter WHERE year = ?1 AND site = ?2", pr);
		if (!q) {
			status = PC_UNUSABLE;
			break;
		}
		sqlite3_bind_int64(q, 1, years[i].year);
		store_bind_text(q, 2, site);
		rc = sqlite3_step(q);
		long long last = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
		sqlite3_reset(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			status = store_fail(s, rc, pr);
			break;
		}
		if (last < years[i].highest && !each(ctx, years[i].year, last, years[i].highest))
			break;
	}
	free(years);
	return status;
}

enum pc_status pc_store_check_exits(struct pc_store *s,
                                    bool (*each)(void *ctx, const char *file_no,
                                                 const char *date, const char *reason),
                                    void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *st = prepare(s,
	                           "SELECT p.file_no, e.end_date, e.end_reason FROM enrolment e "
	                           "LEFT JOIN participant p ON p.id = e.participant_id "
	                           "WHERE e.end_date IS NOT NULL",
	                           pr);
	if (!st)
		return PC_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (!each(ctx, text(st, 0), text(st, 1), text(st, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	return finish(s, st, rc, pr);
}
