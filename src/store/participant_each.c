/* The participant search streamed, for commands (store.h,
 * pc_store_participant_each): the same matches in the same order as
 * pc_store_participant_window (participant_search.c), each handed over as
 * it is read, so `parcours participant find --limit 100000 2026` holds one
 * row at a time instead of every file number and participant. Two plans:
 * a word with few index entries reads them in name order (a sort of at
 * most a few thousand small rows); otherwise the name index is walked in
 * its own order, every word checked on its search_keys, no sort at all.
 * The console's first page keeps its faster plans in participant_search.c. */
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "store_internal.h"

/* Below this many index entries the rarest word drives (as
 * participant_search.c's DENSE_ENTRIES). */
enum { FEW_ENTRIES = 2000 };

struct word {
	const char *lo;
	char *hi, *needle; /* lo followed by 0xFF; " lo" */
	long long entries; /* counted up to FEW_ENTRIES */
};

static const char SQL_COUNT[] = "SELECT count(*) FROM (SELECT 1 FROM participant_token "
                                "WHERE token >= ?1 AND token < ?2 LIMIT ?3)";

static enum pc_status make_word(struct pc_store *s, const char *tok, struct word *w,
                                struct pc_problems *pr)
{
	size_t len = strlen(tok);
	w->lo = tok;
	w->hi = malloc(len + 2);
	w->needle = malloc(len + 2);
	if (!w->hi || !w->needle)
		return store_oom(pr);
	memcpy(w->hi, tok, len);
	w->hi[len] = (char)0xFF;
	w->hi[len + 1] = '\0';
	w->needle[0] = ' ';
	memcpy(w->needle + 1, tok, len + 1);
	sqlite3_stmt *q = store_stmt(s, SQL_COUNT, pr);
	if (!q)
		return PC_UNUSABLE;
	store_bind_text(q, 1, w->lo);
	store_bind_text(q, 2, w->hi);
	sqlite3_bind_int(q, 3, FEW_ENTRIES);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		w->entries = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? PC_OK : store_fail(s, rc, pr);
}

/* The statement of the chosen plan: words[0] drives when it has few
 * entries, every other word (or every word, when walking) is checked on
 * search_keys; the last parameter is the limit. */
static sqlite3_stmt *plan(struct pc_store *s, const struct word *w, size_t n, bool range,
                          struct pc_problems *pr)
{
	struct pc_buf b = {0};
	size_t first = 1, from = 0;
	if (range) {
		/* a person matching through two tokens comes twice in a row:
		 * the caller skips the repeat */
		pc_buf_puts(&b, "SELECT " STORE_PARTICIPANT_COLUMNS " FROM participant_token t "
		                "CROSS JOIN participant p INDEXED BY participant_name ON "
		                "p.family_folded = t.family_folded AND p.given_folded = "
		                "t.given_folded AND p.file_no = t.file_no "
		                "WHERE t.token >= ?1 AND t.token < ?2");
		first = 3;
		from = 1;
	} else {
		pc_buf_puts(&b, "SELECT " STORE_PARTICIPANT_COLUMNS " FROM participant p "
		                "INDEXED BY participant_list_order WHERE 1");
	}
	for (size_t i = from; i < n; i++)
		pc_buf_printf(&b, " AND instr(p.search_keys, ?%zu) > 0", first + i - from);
	pc_buf_printf(&b, " ORDER BY p.family_folded, p.given_folded, %s LIMIT ?%zu",
	              STORE_FILE_NO_ORDER("p.file_no"), first + n - from);
	char *sql = pc_buf_take(&b);
	if (!sql) {
		store_oom(pr);
		return NULL;
	}
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
	free(sql);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, pr);
		return NULL;
	}
	if (range) {
		store_bind_text(q, 1, w[0].lo);
		store_bind_text(q, 2, w[0].hi);
	}
	for (size_t i = from; i < n; i++)
		store_bind_text(q, (int)(first + i - from), w[i].needle);
	return q;
}

enum pc_status pc_store_participant_each(struct pc_store *s, const char *const *tokens,
                                         size_t ntokens, size_t limit,
                                         bool (*each)(void *ctx, const struct pc_participant *p),
                                         void *ctx, struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	sqlite3_stmt *q = NULL;
	char *last = NULL;
	struct word *w = calloc(ntokens ? ntokens : 1, sizeof(*w));
	if (!w)
		return store_oom(pr);
	size_t n = 0;
	for (size_t i = 0; st == PC_OK && i < ntokens; i++)
		if (tokens[i] && *tokens[i])
			st = make_word(s, tokens[i], &w[n++], pr);
	if (st != PC_OK)
		goto out;
	/* the rarest word first (between uncounted ones, the longer) */
	for (size_t i = 1; i < n; i++)
		if (w[i].entries < w[0].entries ||
		    (w[i].entries == w[0].entries && strlen(w[i].lo) > strlen(w[0].lo))) {
			struct word t = w[0];
			w[0] = w[i];
			w[i] = t;
		}
	bool range = n > 0 && w[0].entries < FEW_ENTRIES;
	if (!(q = plan(s, w, n, range, pr))) {
		st = PC_UNUSABLE;
		goto out;
	}
	/* the limit as asked: a repeat of the same person (range) is read
	 * again past it, so ask for all of the range there */
	sqlite3_bind_int64(q, sqlite3_bind_parameter_count(q), range ? -1 : (sqlite3_int64)limit);
	size_t given = 0;
	int rc = SQLITE_DONE;
	while (given < limit && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct pc_participant p;
		store_read_participant(q, 0, true, &p);
		if (range && last && p.file_no && !strcmp(last, p.file_no))
			continue;
		if (range) {
			free(last);
			if (!(last = strdup(p.file_no ? p.file_no : ""))) {
				st = store_oom(pr);
				goto out;
			}
		}
		given++;
		if (!each(ctx, &p))
			goto out;
	}
	if (given < limit && rc != SQLITE_DONE)
		st = store_fail(s, rc, pr);
out:
	sqlite3_finalize(q);
	free(last);
	for (size_t i = 0; i < n; i++) {
		free(w[i].hi);
		free(w[i].needle);
	}
	free(w);
	return st;
}
