/* What is due, sorted without holding it (due.h pc_due_spill): the items go
 * into a private temporary SQLite database (a file SQLite removes as it
 * opens it, in TMPDIR, never the caseload's database) and come back by
 * kind, then date, then the order they were found. A supervisor's list of
 * everyone held some 130 bytes an item in memory (10 MiB for 32,000); here
 * SQLite keeps a few hundred KiB of pages and sorts past them on disk. */
#include <stdio.h>
#include <stdlib.h>
#include "parcours/due.h"
#include "parcours/i18n.h"
#include "store_internal.h"

struct pc_due_spill {
	sqlite3 *db;
	sqlite3_stmt *add;
};

/* The temporary database's page cache, in KiB: the items are written once
 * and read once, in order, so a small cache costs nothing. */
enum { SPILL_CACHE_KIB = 256 };

static enum pc_status spill_fail(struct pc_due_spill *sp, int rc, struct pc_problems *pr)
{
	if ((rc & 0xff) == SQLITE_NOMEM)
		return store_oom(pr);
	/* most likely a full or unwritable TMPDIR: nothing of the caseload is
	 * touched */
	pc_problems_add(pr, false, "due", _("the list could not be sorted in a temporary file: %s"),
	                sp && sp->db ? sqlite3_errmsg(sp->db) : sqlite3_errstr(rc));
	return PC_UNUSABLE;
}

enum pc_status pc_due_spill_open(struct pc_due_spill **out, struct pc_problems *pr)
{
	*out = NULL;
	struct pc_due_spill *sp = calloc(1, sizeof(*sp));
	if (!sp)
		return store_oom(pr);
	/* "": a temporary database on disk, deleted when closed */
	int rc = sqlite3_open_v2("", &sp->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	char sql[256];
	snprintf(sql, sizeof(sql),
	         "PRAGMA cache_size = -%d; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
	         "PRAGMA temp_store = FILE; CREATE TABLE item (kind INTEGER, late INTEGER, "
	         "file_no, family_name, given_name, counsellor, what, date)",
	         SPILL_CACHE_KIB);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(sp->db, sql, NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(sp->db, "INSERT INTO item VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1,
		                        &sp->add, NULL);
	if (rc != SQLITE_OK) {
		enum pc_status st = spill_fail(sp, rc, pr);
		pc_due_spill_close(&sp);
		return st;
	}
	*out = sp;
	return PC_OK;
}

enum pc_status pc_due_spill_add(struct pc_due_spill *sp, const struct pc_due_item *it,
                                struct pc_problems *pr)
{
	sqlite3_stmt *st = sp->add;
	sqlite3_bind_int(st, 1, (int)it->kind);
	sqlite3_bind_int64(st, 2, it->late);
	const char *text[] = {it->file_no, it->family_name, it->given_name, it->counsellor, it->what,
	                      it->date};
	for (int i = 0; i < 6; i++)
		store_bind_text(st, 3 + i, text[i]);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? PC_OK : spill_fail(sp, rc, pr);
}

/* A column's text, "" for none (NULL when the item had none and `null_ok`). */
static const char *column(sqlite3_stmt *st, int i, bool null_ok)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? t : null_ok ? NULL : "";
}

enum pc_status pc_due_spill_each(struct pc_due_spill *sp,
                                 bool (*each)(void *ctx, const struct pc_due_item *it), void *ctx,
                                 struct pc_problems *pr)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(sp->db,
	                            "SELECT kind, late, file_no, family_name, given_name, counsellor, "
	                            "what, date FROM item ORDER BY kind, late DESC, rowid",
	                            -1, &st, NULL);
	while (rc == SQLITE_OK || rc == SQLITE_ROW) {
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		struct pc_due_item it = {.kind = (enum pc_due_kind)sqlite3_column_int(st, 0),
		                         .late = (long)sqlite3_column_int64(st, 1),
		                         .file_no = (char *)column(st, 2, false),
		                         .family_name = (char *)column(st, 3, false),
		                         .given_name = (char *)column(st, 4, false),
		                         .counsellor = (char *)column(st, 5, true),
		                         .what = (char *)column(st, 6, false)};
		snprintf(it.date, sizeof(it.date), "%s", column(st, 7, false));
		if (!each(ctx, &it)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	enum pc_status out = rc == SQLITE_DONE ? PC_OK : spill_fail(sp, rc, pr);
	sqlite3_finalize(st);
	return out;
}

void pc_due_spill_close(struct pc_due_spill **sp)
{
	if (!*sp)
		return;
	sqlite3_finalize((*sp)->add);
	sqlite3_close((*sp)->db);
	free(*sp);
	*sp = NULL;
}
