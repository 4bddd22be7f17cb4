/* The SQL of the caseload copy (copy.h): which rows of which tables leave
 * with a counsellor, read in one snapshot of the source and written in one
 * transaction of the new file. Which forms may travel is decided by the
 * core (the JSON array it passes); no file handling here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/copy.h"
#include "parcours/i18n.h"
#include "parcours/month_totals.h"
#include "parcours/site.h"
#include "store_internal.h"

/* ?1 is the login, ?2 the JSON array of the forms it reads. */
#define PEOPLE "(SELECT id FROM participant WHERE counsellor = ?1)"
#define FORMS "(SELECT value FROM json_each(?2))"
/* The staff a copied row names: the login, and the authors of its people's
 * files, saves, entries and enrolments (their names show beside them). */
#define STAFF_NAMED                                                                                \
	"(SELECT ?1 UNION SELECT created_by FROM participant WHERE counsellor = ?1 "               \
	"UNION SELECT saved_by FROM revision WHERE participant_id IN " PEOPLE " AND form IN " FORMS \
	" UNION SELECT created_by FROM entry WHERE participant_id IN " PEOPLE " AND form IN " FORMS \
	" UNION SELECT created_by FROM enrolment WHERE participant_id IN " PEOPLE ")"

/* Every table of the schema, in foreign-key order, with the rows that
 * travel; NULL: none (drafts stay where they were typed, the audit log
 * starts empty, counters are the source's, the site is the copy's own,
 * search tokens are rebuilt). Each SELECT gives the table's columns in
 * order. A table missing from this list is a decision still to make
 * (tests/unit/test_copy_caseload.c fails on one). */
static const struct copied {
	const char *table, *rows;
} COPIED[] = {
    {"staff", "SELECT * FROM staff WHERE login IN " STAFF_NAMED},
    {"staff_role", "SELECT * FROM staff_role WHERE login IN " STAFF_NAMED},
    {"participant", "SELECT * FROM participant WHERE counsellor = ?1"},
    {"revision", "SELECT * FROM revision WHERE participant_id IN " PEOPLE " AND form IN " FORMS},
    {"entry", "SELECT * FROM entry WHERE participant_id IN " PEOPLE " AND form IN " FORMS},
    {"enrolment", "SELECT * FROM enrolment WHERE participant_id IN " PEOPLE},
    {"eligibility_exception",
     "SELECT * FROM eligibility_exception WHERE participant_id IN " PEOPLE},
    {"contract_term", "SELECT * FROM contract_term WHERE enrolment_id IN "
                      "(SELECT id FROM enrolment WHERE participant_id IN " PEOPLE ")"},
    {"enrolment_change", "SELECT * FROM enrolment_change WHERE participant_id IN " PEOPLE},
    {"month_closing", "SELECT * FROM month_closing"},
    {"month_change",
     "SELECT * FROM month_change WHERE participant_id IN " PEOPLE " AND form IN " FORMS},
    {"ami_session", "SELECT * FROM ami_session WHERE id IN "
                    "(SELECT session_id FROM ami_presence WHERE participant_id IN " PEOPLE ")"},
    {"ami_presence", "SELECT * FROM ami_presence WHERE participant_id IN " PEOPLE},
    {"participant_token", NULL},
    {"month_total", NULL}, /* derived: rebuilt in the copy from its revisions */
    {"draft", NULL},
    {"audit", NULL},
    {"file_counter", NULL},
    {"local_site", NULL},
    /* the copy's sync identity, peers and log are written by sync init */
    {"sync_self", NULL},
    {"sync_peer", NULL},
    {"sync_log", NULL},
    {"sync_seen", NULL},
    {"sync_conflict", NULL},
    {"sync_held", NULL},
};

const char *const *pc_store_copy_tables(size_t *n)
{
	static const char *names[sizeof(COPIED) / sizeof(COPIED[0])];
	*n = sizeof(COPIED) / sizeof(COPIED[0]);
	for (size_t i = 0; i < *n; i++)
		names[i] = COPIED[i].table;
	return names;
}

/* "INSERT INTO table VALUES (?1, ..., ?n)" prepared on dst. */
static sqlite3_stmt *insert_for(struct pc_store *dst, const char *table, int ncols,
                                struct pc_problems *pr)
{
	struct pc_buf sql = {0};
	pc_buf_printf(&sql, "INSERT INTO \"%s\" VALUES (", table);
	for (int i = 1; i <= ncols; i++)
		pc_buf_printf(&sql, "%s?%d", i > 1 ? ", " : "", i);
	pc_buf_putc(&sql, ')');
	if (sql.failed) {
		store_oom(pr);
		pc_buf_free(&sql);
		return NULL;
	}
	sqlite3_stmt *ins = NULL;
	int rc = sqlite3_prepare_v2(dst->db, sql.data, -1, &ins, NULL);
	pc_buf_free(&sql);
	if (rc != SQLITE_OK) {
		store_fail(dst, rc, pr);
		return NULL;
	}
	return ins;
}

/* Copies the rows `c->rows` selects from src into the same table of dst. */
static enum pc_status copy_table(struct pc_store *src, struct pc_store *dst,
                                 const struct copied *c, const char *login,
                                 const char *forms_json, long long *count,
                                 struct pc_problems *pr)
{
	*count = 0;
	sqlite3_stmt *sel = NULL, *ins = NULL;
	int rc = sqlite3_prepare_v2(src->db, c->rows, -1, &sel, NULL);
	if (rc != SQLITE_OK)
		return store_fail(src, rc, pr);
	enum pc_status st = PC_OK;
	int ncols = sqlite3_column_count(sel);
	if (!(ins = insert_for(dst, c->table, ncols, pr))) {
		st = PC_UNUSABLE;
		goto out;
	}
	for (int i = 1; i <= sqlite3_bind_parameter_count(sel); i++)
		store_bind_text(sel, i, i == 1 ? login : forms_json);
	while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
		for (int i = 0; i < ncols; i++)
			sqlite3_bind_value(ins, i + 1, sqlite3_column_value(sel, i));
		int w = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (w != SQLITE_DONE) {
			st = store_fail(dst, w, pr);
			goto out;
		}
		(*count)++;
	}
	if (rc != SQLITE_DONE)
		st = store_fail(src, rc, pr);
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	return st;
}

/* Every copied person's search tokens, from the search keys copied with
 * them (" tok1 tok2 "), as the store writes them on every save. */
static const char SQL_TOKENS[] =
    "WITH RECURSIVE split (family_folded, given_folded, file_no, rest, tok) AS ("
    " SELECT family_folded, given_folded, file_no, ltrim(search_keys, ' '), NULL FROM participant"
    " UNION ALL SELECT family_folded, given_folded, file_no,"
    " ltrim(substr(rest, instr(rest, ' ') + 1), ' '), substr(rest, 1, instr(rest, ' ') - 1)"
    " FROM split WHERE instr(rest, ' ') > 0) "
    "INSERT OR IGNORE INTO participant_token (token, family_folded, given_folded, file_no) "
    "SELECT tok, family_folded, given_folded, file_no FROM split WHERE tok <> ''";

enum pc_status pc_store_copy_caseload(struct pc_store *src, struct pc_store *dst, const char *login,
                                      const char *forms_json, const char *site, long long *people,
                                      struct pc_problems *pr)
{
	*people = 0;
	bool reading = src->depth == 0;
	int rc = reading ? sqlite3_exec(src->db, "BEGIN", NULL, NULL, NULL) : SQLITE_OK;
	if (rc != SQLITE_OK)
		return store_fail(src, rc, pr);
	enum pc_status st = pc_store_begin(dst, pr);
	for (size_t i = 0; st == PC_OK && i < sizeof(COPIED) / sizeof(COPIED[0]); i++) {
		long long n = 0;
		if (COPIED[i].rows)
			st = copy_table(src, dst, &COPIED[i], login, forms_json, &n, pr);
		if (!strcmp(COPIED[i].table, "participant"))
			*people = n;
	}
	if (st == PC_OK) {
		rc = sqlite3_exec(dst->db, SQL_TOKENS, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = store_fail(dst, rc, pr);
	}
	if (st == PC_OK)
		st = pc_store_month_totals_rebuild(dst, NULL, pr);
	if (st == PC_OK)
		st = pc_store_site_set(dst, site, pr);
	if (st == PC_OK)
		st = pc_store_commit(dst, pr);
	else
		pc_store_rollback(dst);
	if (reading)
		sqlite3_exec(src->db, "COMMIT", NULL, NULL, NULL);
	return st;
}
