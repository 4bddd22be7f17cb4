/* Unit tests of sync's recording and applying in the store (sync.h): a
 * write is recorded in its own transaction and a draft never; a rolled
 * back write leaves no change behind; a deletion against an edit ends
 * deleted at both ends, an edit against an edit ends with the upstream's
 * value at both, whichever order the changesets arrive in. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/store.h"
#include "parcours/sync.h"
#include "store/store_internal.h"
#include "test.h"

static char root[] = "/tmp/parcours-sync-XXXXXX";

static long long count(struct pc_store *s, const char *sql)
{
	sqlite3_stmt *q = NULL;
	long long n = -1;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return n;
}

static char *text(struct pc_store *s, const char *sql)
{
	sqlite3_stmt *q = NULL;
	char *t = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
		t = strdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	return t ? t : strdup("(none)");
}

/* one write through the store's transaction, as every operation makes one */
static bool write_one(struct pc_store *s, const char *sql)
{
	struct pc_problems pr = {0};
	bool ok = pc_store_begin(s, &pr) == PC_OK &&
	          sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK &&
	          pc_store_commit(s, &pr) == PC_OK;
	pc_problems_clear(&pr);
	return ok;
}

struct batch {
	void *cs[16];
	size_t n[16], len;
};

static bool collect(void *ctx, long long seq, const char *origin, long long origin_seq,
                    const void *cs, size_t n)
{
	struct batch *b = ctx;
	(void)seq, (void)origin, (void)origin_seq;
	if (b->len == 16 || !(b->cs[b->len] = malloc(n)))
		return false;
	memcpy(b->cs[b->len], cs, n);
	b->n[b->len++] = n;
	return true;
}

/* Applies b (changes of `origin`) to s in one transaction. */
static bool apply(struct pc_store *s, struct batch *b, const char *origin, bool upstream)
{
	struct pc_problems pr = {0};
	bool ok = pc_store_begin(s, &pr) == PC_OK;
	for (size_t i = 0; ok && i < b->len; i++) {
		struct pc_sync_applied a = {0};
		ok = pc_store_sync_apply(s, b->cs[i], b->n[i], origin, upstream, &a, &pr) == PC_OK;
		pc_sync_applied_clear(&a);
	}
	ok = ok && pc_store_commit(s, &pr) == PC_OK;
	if (!ok) {
		pc_store_rollback(s);
		for (size_t i = 0; i < pr.len; i++)
			fprintf(stderr, "  %s: %s\n", pr.items[i].where, pr.items[i].message);
	}
	pc_problems_clear(&pr);
	for (size_t i = 0; i < b->len; i++)
		free(b->cs[i]);
	b->len = 0;
	return ok;
}

int main(void)
{
	if (!mkdtemp(root))
		return 2;
	char office_path[256], laptop_path[256];
	snprintf(office_path, sizeof(office_path), "%s/office.db", root);
	snprintf(laptop_path, sizeof(laptop_path), "%s/laptop.db", root);
	struct pc_problems pr = {0};
	struct pc_store *o = NULL, *l = NULL;
	CHECK(pc_store_open(office_path, PC_STORE_CREATE, &o, &pr) == PC_OK);
	if (!o)
		TEST_DONE();
	CHECK(sqlite3_exec(o->db, "CREATE TABLE note (id TEXT PRIMARY KEY, body TEXT)", NULL, NULL,
	                   NULL) == SQLITE_OK);
	/* nothing is recorded before the database takes part in sync */
	CHECK(write_one(o, "INSERT INTO note VALUES ('k0', 'before')"));
	CHECK(count(o, "SELECT count(*) FROM sync_log") == 0);
	struct pc_sync_self self = {.site = "BUR"};
	CHECK(pc_store_sync_self_set(o, &self, &pr) == PC_OK);
	CHECK(write_one(o, "INSERT INTO note VALUES ('k1', 'one'), ('k2', 'two')"));
	CHECK(count(o, "SELECT count(*) FROM sync_log") == 1);
	/* a write rolled back leaves nothing in the log */
	CHECK(pc_store_begin(o, &pr) == PC_OK);
	CHECK(sqlite3_exec(o->db, "INSERT INTO note VALUES ('k3', 'no')", NULL, NULL, NULL) == 0);
	pc_store_rollback(o);
	CHECK(count(o, "SELECT count(*) FROM sync_log") == 1);
	/* a draft is never recorded (it stays where it was typed) */
	CHECK(write_one(o, "INSERT INTO participant (id, file_no, family_name, given_name, "
	               "family_folded, given_folded, created_at, updated_at) VALUES "
	               "('p1', '2026-0001', 'A', 'B', 'a', 'b', 'now', 'now')"));
	long long logged = count(o, "SELECT count(*) FROM sync_log");
	CHECK(pc_store_draft_put(o, "p1", "profile", "", "me", "{\"wellbeing\":3}", 0, &pr) == PC_OK);
	CHECK(count(o, "SELECT count(*) FROM draft") == 1);
	CHECK(count(o, "SELECT count(*) FROM sync_log") == logged);

	CHECK(pc_store_sync_copy_file(o, laptop_path, &pr) == PC_OK);
	CHECK(pc_store_open(laptop_path, PC_STORE_WRITE, &l, &pr) == PC_OK);
	if (!l)
		TEST_DONE();
	long long from = count(o, "SELECT max(seq) FROM sync_log");
	/* office: deletes k1, edits k2; laptop: edits k1 and k2 */
	CHECK(write_one(o, "DELETE FROM note WHERE id = 'k1'"));
	CHECK(write_one(o, "UPDATE note SET body = 'office' WHERE id = 'k2'"));
	CHECK(write_one(l, "UPDATE note SET body = 'laptop' WHERE id = 'k1'"));
	CHECK(write_one(l, "UPDATE note SET body = 'laptop' WHERE id = 'k2'"));
	struct batch up = {0}, down = {0};
	CHECK(pc_store_sync_log_each(l, from, NULL, collect, &up, &pr) == PC_OK);
	CHECK(pc_store_sync_log_each(o, from, NULL, collect, &down, &pr) == PC_OK);
	CHECK(up.len == 2 && down.len == 2);
	CHECK(apply(o, &up, "RN", false));
	CHECK(apply(l, &down, "BUR", true));
	for (int side = 0; side < 2; side++) {
		struct pc_store *s = side ? l : o;
		CHECK(count(s, "SELECT count(*) FROM note WHERE id = 'k1'") == 0);
		char *k2 = text(s, "SELECT body FROM note WHERE id = 'k2'");
		CHECK_STR(k2, "office");
		free(k2);
	}
	/* applying is not recorded as our own change */
	CHECK(count(o, "SELECT count(*) FROM sync_log") == from + 2);
	pc_problems_clear(&pr);
	pc_store_close(&o);
	pc_store_close(&l);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", root);
	TEST_DONE();
}
