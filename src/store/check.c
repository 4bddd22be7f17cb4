/* The store's walks for `parcours check` (store_check.h): SQLite's
 * integrity check and one streaming pass over revisions, participants,
 * search tokens and file-number counters. Read-only; judging answers and
 * names is the core's job. */
#include <stdlib.h>
#include <string.h>
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

static enum pc_status finish(struct pc_store *s, sqlite3_stmt *st, int rc,
			     struct pc_problems *pr)
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
	sqlite3_stmt *st = prepare(s,
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
	/* the token rows are counted in one grouped pass: participant_token
	 * is keyed by token, not by file number */
	sqlite3_stmt *st = prepare(
		s,
		"SELECT p.file_no, p.family_name, p.given_name, p.family_folded, p.given_folded, "
		"p.search_keys, coalesce(t.n, 0) FROM participant p LEFT JOIN "
		"(SELECT file_no, count(*) AS n FROM participant_token GROUP BY file_no) t "
		"ON t.file_no = p.file_no",
		pr);
	if (!st)
		return PC_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pc_check_person p = {text(st, 0), text(st, 1), text(st, 2),
					    text(st, 3), text(st, 4), text(st, 5),
					    sqlite3_column_int64(st, 6)};
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

enum pc_status pc_store_check_token_rows(struct pc_store *s,
					 bool (*each)(void *ctx, const char *file_no,
						      const char *token),
					 void *ctx, long long *rows, struct pc_problems *pr)
{
	*rows = 0;
	sqlite3_stmt *st = prepare(
		s,
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

enum pc_status pc_store_check_counter(struct pc_store *s,
				      bool (*each)(void *ctx, long long year, long long last,
						   long long highest),
				      void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *st = prepare(
		s,
		"SELECT n.y, coalesce(c.last, -1), n.m FROM "
		"(SELECT CAST(substr(file_no, 1, 4) AS INTEGER) AS y, "
		"max(CAST(substr(file_no, 6) AS INTEGER)) AS m FROM participant "
		"WHERE file_no GLOB '[0-9][0-9][0-9][0-9]-[0-9]*' GROUP BY 1) n "
		"LEFT JOIN file_counter c ON c.year = n.y WHERE c.last IS NULL OR c.last < n.m "
		"ORDER BY n.y",
		pr);
	if (!st)
		return PC_UNUSABLE;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!each(ctx, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			  sqlite3_column_int64(st, 2))) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return finish(s, st, rc, pr);
}
