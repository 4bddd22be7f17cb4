/* Transactions (store.h): BEGIN IMMEDIATE for the outermost, savepoints
 * inside it, and store_op_begin/end for the store's own multi-statement
 * writes. Every outermost write first waits in the writers' line
 * (writer.c) and leaves it once back in autocommit. No query here. */
#include "parcours/i18n.h"
#include "store_internal.h"

static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";
static const char SQL_NESTED[] = "SAVEPOINT nested";
static const char SQL_NESTED_END[] = "RELEASE nested";
static const char SQL_OP[] = "SAVEPOINT store_op";
static const char SQL_OP_END[] = "RELEASE store_op";

/* One of the statements above. A save runs six or seven of them, most
 * inside the writers' line, where every microsecond is multiplied by the
 * writers waiting: prepared once per store (store_stmt) instead of parsed
 * at each use, which cost some 10,000 instructions each. */
static int exec(struct pc_store *s, const char *sql)
{
	struct pc_problems ignored = {0};
	sqlite3_stmt *st = store_stmt(s, sql, &ignored);
	pc_problems_clear(&ignored);
	if (!st)
		return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Undoing, rare: the text may hold two statements. */
static void undo(struct pc_store *s, const char *sql)
{
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static enum pc_status refuse_read_only(struct pc_problems *pr)
{
	pc_problems_add(pr, false, "database", "%s", _("the database is read-only"));
	return PC_UNUSABLE;
}

enum pc_status pc_store_begin(struct pc_store *s, struct pc_problems *pr)
{
	if (s->read_only)
		return refuse_read_only(pr);
	/* nested: a savepoint inside the open transaction, so a batch (the
	 * demo, an import) can hold one transaction around many operations */
	if (s->depth == 0 && !sqlite3_get_autocommit(s->db)) {
		pc_problems_add(pr, false, "database", "%s",
		                _("a transaction is already open (program error)"));
		return PC_UNUSABLE;
	}
	if (s->depth == 0)
		store_queue_enter(s);
	int rc = exec(s, s->depth ? SQL_NESTED : SQL_BEGIN);
	if (rc != SQLITE_OK) {
		enum pc_status st = store_write_failed(s, rc, pr);
		store_queue_leave(s);
		return st;
	}
	if (s->depth == 0 && store_sync_start(s, pr) != PC_OK) {
		undo(s, SQL_ROLLBACK);
		store_queue_leave(s);
		return PC_UNUSABLE;
	}
	s->depth++;
	return PC_OK;
}

enum pc_status pc_store_commit(struct pc_store *s, struct pc_problems *pr)
{
	if (s->depth == 0) {
		pc_problems_add(pr, false, "database", "%s",
		                _("no transaction is open (program error)"));
		return PC_UNUSABLE;
	}
	s->depth--;
	/* SQLite rolls a transaction back by itself after some failures (disk
	 * full, I/O error): then there is nothing left to commit. */
	if (sqlite3_get_autocommit(s->db)) {
		s->depth = 0;
		store_sync_drop(s);
		store_queue_leave(s);
		pc_problems_add(
		    pr, false, "database", "%s",
		    _("the change was cancelled by an earlier error: nothing was saved"));
		return PC_UNUSABLE;
	}
	enum pc_status st = s->depth ? PC_OK : store_sync_finish(s, pr);
	if (st == PC_OK) {
		int rc = exec(s, s->depth ? SQL_NESTED_END : SQL_COMMIT);
		st = rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
	}
	if (st != PC_OK && !sqlite3_get_autocommit(s->db))
		undo(s, s->depth ? "ROLLBACK TO nested; RELEASE nested" : SQL_ROLLBACK);
	if (s->depth == 0)
		store_sync_drop(s);
	int rc = store_queue_leave(s);
	return st == PC_OK && rc != SQLITE_OK ? store_unconfirmed(s, rc, pr) : st;
}

void pc_store_rollback(struct pc_store *s)
{
	if (!s || s->depth == 0)
		return;
	s->depth--;
	if (sqlite3_get_autocommit(s->db))
		s->depth = 0;
	else
		undo(s, s->depth ? "ROLLBACK TO nested; RELEASE nested" : SQL_ROLLBACK);
	if (s->depth == 0)
		store_sync_drop(s);
	store_queue_leave(s);
}

enum pc_status store_op_begin(struct pc_store *s, bool *own, struct pc_problems *pr)
{
	if (s->read_only)
		return refuse_read_only(pr);
	*own = sqlite3_get_autocommit(s->db) != 0;
	if (*own)
		store_queue_enter(s);
	int rc = exec(s, *own ? SQL_BEGIN : SQL_OP);
	if (rc == SQLITE_OK) {
		if (!*own || store_sync_start(s, pr) == PC_OK)
			return PC_OK;
		undo(s, SQL_ROLLBACK);
		store_queue_leave(s);
		return PC_UNUSABLE;
	}
	enum pc_status st = store_write_failed(s, rc, pr);
	store_queue_leave(s);
	return st;
}

enum pc_status store_op_end(struct pc_store *s, bool own, enum pc_status st, struct pc_problems *pr)
{
	if (st == PC_OK && own)
		st = store_sync_finish(s, pr);
	if (st == PC_OK) {
		int rc = exec(s, own ? SQL_COMMIT : SQL_OP_END);
		st = rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
	}
	/* not already undone by SQLite */
	if (st != PC_OK && !sqlite3_get_autocommit(s->db)) {
		if (own)
			undo(s, SQL_ROLLBACK);
		else
			undo(s, "ROLLBACK TO store_op; RELEASE store_op");
	}
	if (own)
		store_sync_drop(s);
	int rc = store_queue_leave(s);
	return st == PC_OK && rc != SQLITE_OK ? store_unconfirmed(s, rc, pr) : st;
}
