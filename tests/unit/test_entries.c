/* Journal forms (entry.h, `period: entry`) in the core and the store, on a
 * real SQLite file: each new save is an entry with its own id, date (the
 * form's entry_date answer, else today) and author; a revision of an entry
 * leaves the others alone and is checked against that entry's base
 * revision; drafts of a new entry and of entry N are distinct; entries
 * list newest first; and schema 4 turns a schema-3 file's followup
 * revisions into entries (a meeting per date, corrections as revisions). */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "embedded.h"
#include "parcours/core.h"
#include "parcours/entry.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "test.h"
#include "test_ctx.h"

static char dir[64], db[256], forms[256];

static void show_problems(struct pc_problems *pr)
{
	for (size_t i = 0; i < pr->len; i++)
		fprintf(stderr, "  %s: %s\n", pr->items[i].where, pr->items[i].message);
	pc_problems_clear(pr);
}

static bool open_ctx(struct pc_ctx *c, const char *path, const char *login)
{
	return test_ctx_open(c, forms, path, login, PC_STORE_CREATE, true);
}

static void close_ctx(struct pc_ctx *c)
{
	test_ctx_close(c);
}

static struct pc_json *parse(const char *s)
{
	return pc_json_parse(s, strlen(s), NULL, 0);
}

/* A forms folder: the shipped intake and followup, and `notes`, a journal
 * that names no entry_date. */
static void make_forms(void)
{
	const char *src = getenv("SRC") ? getenv("SRC") : ".";
	char cmd[1024];
	snprintf(forms, sizeof(forms), "%s/forms", dir);
	snprintf(cmd, sizeof(cmd),
	         "mkdir -p %s && cp %s/forms/intake.yaml %s/forms/followup.yaml %s", forms, src,
	         src, forms);
	CHECK(system(cmd) == 0);
	char path[512];
	snprintf(path, sizeof(path), "%s/notes.yaml", forms);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs("form: notes\nversion: 1\ntitle: Notes\nperiod: entry\n"
		      "sections:\n  - fields:\n      - {name: text, type: text, label: T}\n",
		      f);
		fclose(f);
	}
}

/* Saves answers `json` of `form` as entry `entry` (0: a new one). */
static enum pc_status save(struct pc_ctx *c, const char *form, const char *file_no, long long entry,
                           const char *json, long long base, long long *id, long long *rev)
{
	struct pc_problems pr = {0};
	struct pc_json *raw = parse(json);
	long long ignored = 0;
	enum pc_status st =
	    pc_entry_save(c, form, file_no, entry, raw, base, id ? id : &ignored, rev, &pr);
	if (st != PC_OK && st != PC_REFUSED)
		show_problems(&pr);
	pc_problems_clear(&pr);
	pc_json_free(&raw);
	return st;
}

static void test_entries(struct pc_ctx *c, const char *file_no)
{
	struct pc_problems pr = {0};
	struct pc_participant p = {0};
	CHECK(pc_file_get(c, file_no, &p, &pr) == PC_OK);
	long long e1 = 0, e2 = 0, e3 = 0, rev = 0;
	CHECK(save(c, "followup", file_no, 0,
	           "{\"meeting_date\":\"2026-03-02\",\"kind\":\"phone\",\"summary\":\"Un\"}", 0,
	           &e1, &rev) == PC_OK);
	CHECK(e1 >= 1 && rev == 1);
	CHECK(save(c, "followup", file_no, 0,
	           "{\"meeting_date\":\"2026-03-09\",\"kind\":\"phone\",\"summary\":\"Deux\"}", 0,
	           &e2, &rev) == PC_OK);
	CHECK(e2 > e1 && rev == 1);
	/* no entry_date in the form: dated today */
	CHECK(save(c, "notes", file_no, 0, "{\"text\":\"x\"}", 0, &e3, &rev) == PC_OK);
	struct pc_entry e = {0};
	CHECK(pc_store_entry_get(c->store, e3, &e, &pr) == PC_OK);
	CHECK_STR(e.date, "2026-03-15");
	CHECK_STR(e.author, "alice");
	CHECK_STR(e.form, "notes");
	pc_entry_clear(&e);

	/* a revision of e1: e2 untouched; the date follows the answer */
	CHECK(
	    save(c, "followup", file_no, e1,
	         "{\"meeting_date\":\"2026-03-03\",\"kind\":\"phone\",\"summary\":\"Un, corrigé\"}",
	         1, NULL, &rev) == PC_OK);
	CHECK(rev == 2);
	CHECK(pc_store_entry_get(c->store, e1, &e, &pr) == PC_OK);
	CHECK_STR(e.date, "2026-03-03");
	CHECK(e.revisions == 2);
	pc_entry_clear(&e);
	CHECK(pc_store_entry_get(c->store, e2, &e, &pr) == PC_OK);
	CHECK(e.revisions == 1);
	pc_entry_clear(&e);
	/* base revision per entry: 1 is stale for e1, current for e2 */
	CHECK(save(c, "followup", file_no, e1,
	           "{\"meeting_date\":\"2026-03-03\",\"kind\":\"phone\",\"summary\":\"Trois\"}", 1,
	           NULL, &rev) == PC_REFUSED);
	CHECK(save(c, "followup", file_no, e2,
	           "{\"meeting_date\":\"2026-03-09\",\"kind\":\"in_person\",\"summary\":\"Deux\"}",
	           1, NULL, &rev) == PC_OK);
	/* an entry of another form, an unknown one: refused */
	CHECK(save(c, "followup", file_no, e3, "{\"text\":\"y\"}", -1, NULL, &rev) == PC_REFUSED);
	CHECK(save(c, "followup", file_no, 9999, "{\"text\":\"y\"}", -1, NULL, &rev) == PC_REFUSED);
	/* a form that is not a journal */
	CHECK(save(c, "intake", file_no, 0, "{\"family_name\":\"X\",\"given_name\":\"Y\"}", -1,
	           NULL, &rev) == PC_REFUSED);

	/* newest first, with revision counts */
	struct pc_entry *list = NULL;
	size_t n = 0;
	CHECK(pc_file_entries(c, &p, "followup", &list, &n, &pr) == PC_OK);
	CHECK(n == 2);
	if (n == 2) {
		CHECK(list[0].id == e2 && list[1].id == e1);
		CHECK(list[0].revisions == 2 && list[1].revisions == 2);
		CHECK_STR(list[1].last_by, "alice");
	}
	pc_entries_free(&list, n);
	CHECK(pc_file_entries(c, &p, "intake", &list, &n, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	/* one entry's history: every revision, the earlier text kept */
	struct pc_revision *revs = NULL;
	CHECK(pc_file_entry_history(c, &p, "followup", e1, &revs, &n, &pr) == PC_OK);
	CHECK(n == 2);
	if (n == 2) {
		CHECK(strstr(revs[0].answers, "\"Un\"") != NULL);
		CHECK(strstr(revs[1].answers, "Un, corrigé") != NULL);
	}
	pc_revisions_free(&revs, n);
	CHECK(pc_file_entry_history(c, &p, "followup", e3, &revs, &n, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);

	/* drafts: a new entry's and entry e1's are distinct, and saving the
	 * new entry drops its draft only */
	char per[24];
	pc_entry_period(e1, per);
	struct pc_json *d_new = parse("{\"summary\":\"nouvelle\"}");
	struct pc_json *d_e1 = parse("{\"summary\":\"correction\"}");
	CHECK(pc_draft_keep(c, &p, "followup", "", d_new, 0, &pr) == PC_OK);
	CHECK(pc_draft_keep(c, &p, "followup", per, d_e1, 2, &pr) == PC_OK);
	struct pc_json *got = NULL;
	long long base = -1;
	CHECK(pc_draft_find(c, &p, "followup", "", &got, &base, NULL, &pr) == PC_OK);
	CHECK(got && strcmp(pc_json_object_get(got, "summary")->string, "nouvelle") == 0);
	CHECK(base == 0);
	pc_json_free(&got);
	CHECK(pc_draft_find(c, &p, "followup", per, &got, &base, NULL, &pr) == PC_OK);
	CHECK(got && strcmp(pc_json_object_get(got, "summary")->string, "correction") == 0);
	CHECK(base == 2);
	pc_json_free(&got);
	CHECK(
	    save(c, "followup", file_no, 0,
	         "{\"meeting_date\":\"2026-03-12\",\"kind\":\"no_show\",\"summary\":\"nouvelle\"}",
	         0, NULL, &rev) == PC_OK);
	CHECK(pc_draft_find(c, &p, "followup", "", &got, &base, NULL, &pr) == PC_OK);
	CHECK(got == NULL);
	CHECK(pc_draft_find(c, &p, "followup", per, &got, &base, NULL, &pr) == PC_OK);
	CHECK(got != NULL);
	pc_json_free(&got);
	pc_json_free(&d_new);
	pc_json_free(&d_e1);
	show_problems(&pr);
	pc_participant_clear(&p);
}

/* Two connections race on one entry: the one that read first is refused. */
static void test_race(const char *file_no, long long entry)
{
	struct pc_ctx a, b;
	CHECK(open_ctx(&a, db, "alice"));
	CHECK(open_ctx(&b, db, "alice"));
	struct pc_problems pr = {0};
	struct pc_edits *ea = pc_edits_new(), *eb = pc_edits_new();
	CHECK(pc_edits_set(ea, "summary", "par A", &pr) == PC_OK);
	CHECK(pc_edits_set(eb, "summary", "par B", &pr) == PC_OK);
	struct pc_submit_request ra = {.form_id = "followup",
	                               .file_no = file_no,
	                               .entry = entry,
	                               .from = PC_SUBMIT_CURRENT,
	                               .base_revision = -1,
	                               .edits = ea};
	struct pc_submit_request rb = ra;
	rb.edits = eb;
	struct pc_submission sa, sb;
	CHECK(pc_submission_prepare(&a, &ra, &sa, &pr) == PC_OK);
	CHECK(pc_submission_prepare(&b, &rb, &sb, &pr) == PC_OK);
	CHECK(pc_submission_commit(&b, &sb, &pr) == PC_OK);
	CHECK(sb.entry == entry);
	CHECK(pc_submission_commit(&a, &sa, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	pc_submission_clear(&sa);
	pc_submission_clear(&sb);
	pc_edits_free(&ea);
	pc_edits_free(&eb);
	close_ctx(&a);
	close_ctx(&b);
}

static int exec(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "  sql: %s\n", err ? err : "?");
	sqlite3_free(err);
	return rc;
}

static char *text1(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	char *out = NULL;
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* A schema-3 file with followup revisions, opened by this binary. */
static void test_migration(void)
{
	char path[300];
	snprintf(path, sizeof(path), "%s/old.db", dir);
	sqlite3 *h = NULL;
	CHECK(sqlite3_open(path, &h) == SQLITE_OK);
	for (size_t i = 0; i < pc_migrations_len; i++)
		if (pc_migrations[i].version <= 3)
			CHECK(exec(h, pc_migrations[i].sql) == SQLITE_OK);
	CHECK(exec(h,
	           "PRAGMA user_version = 3; PRAGMA application_id = 1346589267;"
	           "INSERT INTO participant (id, file_no, family_name, given_name, family_folded,"
	           " given_folded, created_at, updated_at) VALUES"
	           " ('p1', '2025-0001', 'A', 'B', 'a', 'b', '2025-01-01', '2025-01-01'),"
	           " ('p2', '2025-0002', 'C', 'D', 'c', 'd', '2025-01-01', '2025-01-01');"
	           /* p1: a meeting, the same one corrected twice, then one whose answers
	            * lost their date (dated by its save) */
	           "INSERT INTO revision VALUES"
	           " ('p1','followup','',1,1,'{\"meeting_date\":\"2025-02-03\",\"summary\":\"a\"}',"
	           "'ana','2025-02-03T10:00:00Z'),"
	           " ('p1','followup','',2,1,'{\"meeting_date\":\"2025-02-03\",\"summary\":\"a2\"}'"
	           ",'ana','2025-02-03T11:00:00Z'),"
	           " ('p1','followup','',3,1,'{\"meeting_date\":\"2025-02-03\",\"summary\":\"a3\"}'"
	           ",'bob','2025-02-04T09:00:00Z'),"
	           " ('p1','followup','',4,1,'{\"summary\":\"b\"}','bob','2025-02-20T09:00:00Z'),"
	           /* p2: back to an earlier date is a new meeting, not a correction */
	           " ('p2','followup','',1,1,'{\"meeting_date\":\"2025-02-05\",\"summary\":\"c\"}',"
	           "'ana','2025-02-05T10:00:00Z'),"
	           " ('p2','followup','',2,1,'{\"meeting_date\":\"2025-02-12\",\"summary\":\"d\"}',"
	           "'ana','2025-02-12T10:00:00Z'),"
	           " ('p2','followup','',3,1,'{\"meeting_date\":\"2025-02-05\",\"summary\":\"e\"}',"
	           "'ana','2025-02-13T10:00:00Z'),"
	           " ('p2','plan','',1,1,'{}','ana','2025-02-13T10:00:00Z');") == SQLITE_OK);
	sqlite3_close(h);
	CHECK(chmod(path, 0600) == 0);

	struct pc_problems pr = {0};
	struct pc_store *s = NULL;
	CHECK(pc_store_open(path, PC_STORE_CREATE, &s, &pr) == PC_OK);
	CHECK(s && pc_store_was_migrated(s) && pc_store_schema_version(s) == pc_store_schema_latest());
	struct pc_entry *list = NULL;
	size_t n = 0;
	CHECK(s && pc_store_entry_list(s, "p1", "followup", &list, &n, &pr) == PC_OK);
	CHECK(n == 2);
	if (n == 2) {
		CHECK_STR(list[0].date, "2025-02-20");
		CHECK_STR(list[0].author, "bob");
		CHECK(list[0].revisions == 1);
		CHECK_STR(list[1].date, "2025-02-03");
		CHECK_STR(list[1].author, "ana");
		CHECK(list[1].revisions == 3);
		CHECK_STR(list[1].last_by, "bob");
	}
	pc_entries_free(&list, n);
	CHECK(s && pc_store_entry_list(s, "p2", NULL, &list, &n, &pr) == PC_OK);
	CHECK(n == 3);
	pc_entries_free(&list, n);
	struct pc_revision cur = {0};
	CHECK(s && pc_store_revision_current(s, "p2", "plan", "", &cur, &pr) == PC_OK);
	CHECK(cur.revision == 1);
	pc_revision_clear(&cur);
	CHECK(s && pc_store_revision_current(s, "p1", "followup", "", &cur, &pr) == PC_OK);
	CHECK(cur.revision == 0); /* nothing left outside an entry */
	pc_revision_clear(&cur);
	show_problems(&pr);
	pc_store_close(&s);
	CHECK(sqlite3_open(path, &h) == SQLITE_OK);
	char *ids =
	    text1(h, "SELECT group_concat(x, ' ') FROM (SELECT participant_id || ':' || "
	             "period || ':' || revision || ':' || json_extract(answers, '$.summary') "
	             "AS x FROM revision WHERE form = 'followup' "
	             "ORDER BY participant_id, CAST(period AS INTEGER), revision)");
	CHECK_STR(ids, "p1:1:1:a p1:1:2:a2 p1:1:3:a3 p1:2:1:b p2:3:1:c p2:4:1:d p2:5:1:e");
	free(ids);
	/* the guard against changing a revision is back */
	CHECK(sqlite3_exec(h, "UPDATE revision SET saved_by = 'x'", NULL, NULL, NULL) != SQLITE_OK);
	CHECK(sqlite3_exec(h, "DELETE FROM entry", NULL, NULL, NULL) != SQLITE_OK);
	sqlite3_close(h);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	snprintf(dir, sizeof(dir), "/tmp/parcours-entries-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/t.db", dir);
	make_forms();
	struct pc_ctx c;
	CHECK(open_ctx(&c, db, "alice"));
	struct pc_problems pr = {0};
	struct pc_json *intake =
	    parse("{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\","
	          "\"birth_date\":\"1985-03-02\",\"consent_date\":\"2026-03-15\","
	          "\"consent_sharing\":\"oui\"}");
	char *file_no = NULL;
	CHECK(pc_intake_add(&c, intake, &file_no, &pr) == PC_OK);
	show_problems(&pr);
	if (file_no)
		test_entries(&c, file_no);
	close_ctx(&c);
	if (file_no)
		test_race(file_no, 1);
	test_migration();
	free(file_no);
	pc_json_free(&intake);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_DONE();
}
