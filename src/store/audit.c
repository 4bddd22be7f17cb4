/* The audit table (audit.h, "the store's side"): reading the end of the
 * chain, appending an entry, listing entries with filters. The hashes are
 * computed by the core (src/core/audit.c); the schema's triggers refuse
 * any UPDATE or DELETE. */
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "store_internal.h"

static const char SQL_LAST[] = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";

enum pc_status pc_store_audit_last(struct pc_store *s, long long *seq, char hash[65],
                                   struct pc_problems *pr)
{
	*seq = 0;
	memset(hash, '0', 64);
	hash[64] = '\0';
	sqlite3_stmt *q = store_stmt(s, SQL_LAST, pr);
	if (!q)
		return PC_UNUSABLE;
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(q, 0);
		const char *h = (const char *)sqlite3_column_text(q, 1);
		if (h && strlen(h) == 64)
			memcpy(hash, h, 64);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}

static const char SQL_INSERT[] =
    "INSERT INTO audit (seq, at, login, face, action, participant_id, file_no, form, detail, "
    "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

enum pc_status pc_store_audit_insert(struct pc_store *s, const struct pc_audit_entry *e,
                                     struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_INSERT, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, e->seq);
	store_bind_text(q, 2, e->at);
	store_bind_text(q, 3, e->login);
	store_bind_text(q, 4, e->face);
	store_bind_text(q, 5, e->action);
	store_bind_text(q, 6, e->participant_id);
	store_bind_text(q, 7, e->file_no);
	store_bind_text(q, 8, e->form);
	store_bind_text(q, 9, e->detail ? e->detail : "");
	store_bind_text(q, 10, e->prev_hash);
	store_bind_text(q, 11, e->hash);
	return store_step_done(s, q, pr);
}

static const char SQL_EACH[] =
    "SELECT seq, at, login, face, action, participant_id, file_no, form, detail, prev_hash, "
    "hash FROM audit WHERE (?1 IS NULL OR file_no = ?1) AND (?2 IS NULL OR login = ?2) "
    "AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR action = ?4) ORDER BY seq";

static const char *text_or_null(sqlite3_stmt *q, int i)
{
	return (const char *)sqlite3_column_text(q, i);
}

enum pc_status pc_store_audit_each(struct pc_store *s, const struct pc_audit_filter *f,
                                   bool (*each)(void *ctx, const struct pc_audit_entry *e),
                                   void *ctx, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_EACH, pr);
	if (!q)
		return PC_UNUSABLE;
	if (f) {
		store_bind_text(q, 1, f->file_no && *f->file_no ? f->file_no : NULL);
		store_bind_text(q, 2, f->login && *f->login ? f->login : NULL);
		store_bind_text(q, 3, f->since && *f->since ? f->since : NULL);
		store_bind_text(q, 4, f->action && *f->action ? f->action : NULL);
	}
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		/* borrowed from the row: valid until the next step */
		struct pc_audit_entry e = {
		    .seq = sqlite3_column_int64(q, 0),
		    .at = (char *)text_or_null(q, 1),
		    .login = (char *)text_or_null(q, 2),
		    .face = (char *)text_or_null(q, 3),
		    .action = (char *)text_or_null(q, 4),
		    .participant_id = (char *)text_or_null(q, 5),
		    .file_no = (char *)text_or_null(q, 6),
		    .form = (char *)text_or_null(q, 7),
		    .detail = (char *)text_or_null(q, 8),
		    .prev_hash = (char *)text_or_null(q, 9),
		    .hash = (char *)text_or_null(q, 10),
		};
		if (!each(ctx, &e)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? PC_OK : store_fail(s, rc, pr);
}
