/* The SQL plumbing the store's files share (store_internal.h): prepared
 * statements cached per connection, text binding and copying, and the
 * wording of SQLite failures for people. No query and no schema here. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "store_internal.h"

/* ---- errors ---- */

enum pc_status store_oom(struct pc_problems *pr)
{
	pc_problems_add(pr, false, "database", "%s", _("out of memory"));
	return PC_UNUSABLE;
}

enum pc_status store_fail_db(sqlite3 *db, int rc, struct pc_problems *pr)
{
	const char *msg = NULL;
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		msg = _("the database is busy (another person is saving); try again");
		break;
	case SQLITE_FULL:
		msg = _("the disk is full: nothing was saved");
		break;
	case SQLITE_IOERR:
		/* SQLite says "I/O error" for what the system refused: memory to
		 * map the shared index (ulimit -v), space on the disk */
		if (rc == SQLITE_IOERR_NOMEM || (db && sqlite3_system_errno(db) == ENOMEM))
			msg = _("out of memory");
		else if (db && sqlite3_system_errno(db) == ENOSPC)
			msg = _("the disk is full: nothing was saved");
		else
			msg = rc == SQLITE_IOERR_READ || rc == SQLITE_IOERR_SHORT_READ
			          ? _("the disk could not be read")
			          : _("the disk could not be written: nothing was saved");
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		msg = _("the database file is damaged");
		break;
	case SQLITE_READONLY:
		msg = _("the database is read-only");
		break;
	case SQLITE_NOMEM:
		msg = _("out of memory");
		break;
	case SQLITE_CANTOPEN:
		msg = _("the database file could not be opened");
		break;
	default:
		pc_problems_add(pr, false, "database", _("database error: %s"),
		                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		return PC_UNUSABLE;
	}
	pc_problems_add(pr, false, "database", "%s", msg);
	return PC_UNUSABLE;
}

enum pc_status store_fail(struct pc_store *s, int rc, struct pc_problems *pr)
{
	return store_fail_db(s ? s->db : NULL, rc, pr);
}

enum pc_status store_unconfirmed(struct pc_store *s, int rc, struct pc_problems *pr)
{
	(void)s;
	(void)rc;
	pc_problems_add(pr, false, "database", "%s",
	                _("the disk did not confirm the save: it is in the database, but a "
	                  "power cut could undo it; have the disk checked"));
	return PC_UNUSABLE;
}

/* ---- statements ---- */

enum pc_status store_step_done(struct pc_store *s, sqlite3_stmt *st, struct pc_problems *pr)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

int store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	/* SQLITE_STATIC: every caller steps and resets before `v` goes away,
	 * and store_stmt clears bindings before the statement is used again. */
	return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

char *store_column_dup(sqlite3_stmt *st, int i, bool *oom)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	char *c = t ? malloc(n + 1) : NULL;
	if (!c) {
		*oom = true;
		return NULL;
	}
	memcpy(c, t, n);
	c[n] = '\0';
	return c;
}

sqlite3_stmt *store_stmt(struct pc_store *s, const char *sql, struct pc_problems *pr)
{
	for (size_t i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].stmt);
			sqlite3_clear_bindings(s->cache[i].stmt);
			return s->cache[i].stmt;
		}
	}
	if (s->ncache == s->cache_cap) {
		size_t cap = s->cache_cap ? s->cache_cap * 2 : 32;
		struct store_cached *grown = realloc(s->cache, cap * sizeof(*grown));
		if (!grown) {
			store_oom(pr);
			return NULL;
		}
		s->cache = grown;
		s->cache_cap = cap;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, pr);
		return NULL;
	}
	s->cache[s->ncache++] = (struct store_cached){.sql = sql, .stmt = st};
	return st;
}
