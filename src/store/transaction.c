/* Transactions (store.h): BEGIN IMMEDIATE for the outermost, savepoints
 * inside it, and store_op_begin/end for the store's own multi-statement
 * writes. Every outermost write first waits in the writers' line
 * (writer.c) and leaves it once back in autocommit. No query here. */
#include "parcours/i18n.h"
#include "store_internal.h"

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
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
	int rc = exec(s->db, s->depth ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK) {
		enum pc_status st = store_write_failed(s, rc, pr);
		store_queue_leave(s);
		return st;
	}
	if (s->depth == 0 && store_sync_start(s, pr) != PC_OK) {
		exec(s->db, "ROLLBACK");
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
		int rc = exec(s->db, s->depth ? "RELEASE nested" : "COMMIT");
		st = rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
	}
	if (st != PC_OK && !sqlite3_get_autocommit(s->db))
		exec(s->db, s->depth ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
	if (s->depth == 0)
		store_sync_drop(s);
	store_queue_leave(s);
	return st;
}

void pc_store_rollback(struct pc_store *s)
{
	if (!s || s->depth == 0)
		return;
	s->depth--;
	if (sqlite3_get_autocommit(s->db))
		s->depth = 0;
	else
		exec(s->db, s->depth ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
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
	int rc = exec(s->db, *own ? "BEGIN IMMEDIATE" : "SAVEPOINT store_op");
	if (rc == SQLITE_OK) {
		if (!*own || store_sync_start(s, pr) == PC_OK)
			return PC_OK;
		exec(s->db, "ROLLBACK");
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
		int rc = exec(s->db, own ? "COMMIT" : "RELEASE store_op");
		st = rc == SQLITE_OK ? PC_OK : store_fail(s, rc, pr);
	}
	/* not already undone by SQLite */
	if (st != PC_OK && !sqlite3_get_autocommit(s->db)) {
		if (own)
			exec(s->db, "ROLLBACK");
		else
			exec(s->db, "ROLLBACK TO store_op; RELEASE store_op");
	}
	if (own)
		store_sync_drop(s);
	store_queue_leave(s);
	return st;
}
