/* Caseloads on the store's side (caseload.h): setting a participant's
 * counsellor, and the search limited to one counsellor's participants.
 * A caseload is tens to a few hundred people, so its search reads that
 * counsellor's rows and keeps those whose search keys hold every word;
 * the whole-office search with its plans is participant_search.c. */
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/caseload.h"
#include "parcours/clock.h"
#include "parcours/i18n.h"
#include "store_internal.h"

static const char SQL_SET[] =
    "UPDATE participant SET counsellor = ?2, updated_at = ?3, version = version + 1 "
    "WHERE id = ?1";

enum pc_status pc_store_participant_set_counsellor(struct pc_store *s, const char *id,
                                                   const char *login, struct pc_problems *pr)
{
	char now[21];
	pc_clock_now(now);
	sqlite3_stmt *q = store_stmt(s, SQL_SET, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, id);
	store_bind_text(q, 2, login);
	store_bind_text(q, 3, now);
	enum pc_status st = store_step_done(s, q, pr);
	if (st == PC_OK && sqlite3_changes(s->db) != 1) {
		pc_problems_add(pr, false, "participant", "%s", _("unknown participant"));
		st = PC_REFUSED;
	}
	return st;
}

enum pc_status pc_store_caseload_search(struct pc_store *s, const char *counsellor,
                                        const char *const *tokens, size_t ntokens, size_t limit,
                                        struct pc_participant **out, size_t *n,
                                        struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	/* built per call (a few words): not a cached statement */
	struct pc_buf sql = {0};
	pc_buf_puts(&sql, "SELECT " STORE_PARTICIPANT_COLUMNS
	                  " FROM participant p WHERE p.counsellor = ?1");
	for (size_t i = 0; i < ntokens; i++)
		pc_buf_printf(&sql, " AND instr(p.search_keys, ?%zu) > 0", i + 3);
	pc_buf_puts(&sql, " ORDER BY p.family_folded, p.given_folded, " STORE_FILE_NO_ORDER("p.file_no")
	                  " LIMIT ?2");
	if (sql.failed) {
		pc_buf_free(&sql);
		return store_oom(pr);
	}
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql.data, -1, &q, NULL);
	pc_buf_free(&sql);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, pr);
	store_bind_text(q, 1, counsellor);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)(limit > 1000000 ? 1000000 : limit));
	enum pc_status st = PC_OK;
	for (size_t i = 0; i < ntokens && st == PC_OK; i++) {
		/* search_keys is " tok1 tok2 ": " word" starts a token */
		size_t len = strlen(tokens[i]);
		char *needle = malloc(len + 2);
		if (!needle) {
			st = store_oom(pr);
			break;
		}
		needle[0] = ' ';
		memcpy(needle + 1, tokens[i], len + 1);
		sqlite3_bind_text(q, (int)i + 3, needle, -1, free);
	}
	if (st == PC_OK)
		st = store_collect_participants(s, q, out, n, pr);
	sqlite3_finalize(q);
	if (st != PC_OK) {
		pc_participants_free(out, *n);
		*n = 0;
	}
	return st;
}
