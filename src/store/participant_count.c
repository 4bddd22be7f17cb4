/* Counting a search's matches (store.h, pc_store_participant_matches)
 * for the list's "1-19 de 5 214" after a pause, with the plans' terms and
 * indexes (participant_search.h); and the read snapshot and page cache a
 * keystroke's reads share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "participant_search.h"
#include "search_span.h"
#include "store_internal.h"

struct count_stop {
	bool (*stop)(void *);
	void *ctx;
	bool stopped;
};

static int ask_stop(void *ctx)
{
	struct count_stop *cs = ctx;
	if (!cs->stopped && cs->stop(cs->ctx))
		cs->stopped = true;
	return cs->stopped;
}

/* Lets a count run until the caller has a key waiting (cs->stop), else
 * for the plans' budget of *left ticks. */
static void watch(struct pc_store *s, struct count_stop *cs, int *left)
{
	if (cs->stop)
		sqlite3_progress_handler(s->db, PROGRESS_STEPS * 10, ask_stop, cs);
	else
		sqlite3_progress_handler(s->db, PROGRESS_STEPS, search_tick, left);
}

/* Participants matching every term, each once, counted up to cap + 1 in
 * the rarest term's index range (the others checked on the name index). */
static enum pc_status count_matches(struct pc_store *s, const struct term *terms, size_t n,
                                    size_t cap, struct count_stop *cs, size_t *count, bool *more,
                                    struct pc_problems *pr)
{
	struct pc_buf b = {0};
	pc_buf_puts(&b, "SELECT count(*) FROM (SELECT DISTINCT t.file_no FROM participant_token t");
	if (n > 1)
		pc_buf_puts(&b, SEARCH_JOIN_NAME);
	pc_buf_puts(&b, " WHERE t.token >= ?1 AND t.token < ?2");
	search_add_filters(&b, 1, n, 3);
	pc_buf_printf(&b, " LIMIT ?%zu)", n + 2);
	sqlite3_stmt *st = search_prepare(s, &b, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, terms[0].lo);
	store_bind_text(st, 2, terms[0].hi);
	search_bind_needles(st, terms, 1, n, 3);
	sqlite3_bind_int64(st, (int)n + 2, (sqlite3_int64)cap + 1);
	/* several common words may filter out most of a long range: give up
	 * after a few milliseconds rather than slow every key down */
	int left = BUDGET_TICKS;
	watch(s, cs, &left);
	int rc = sqlite3_step(st);
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	enum pc_status status = PC_OK;
	if (rc == SQLITE_ROW) {
		long long c = sqlite3_column_int64(st, 0);
		*more = (size_t)c > cap;
		*count = *more ? cap : (size_t)c;
	} else if (rc == SQLITE_INTERRUPT) {
		*count = 0;
		*more = true;
	} else {
		status = store_fail(s, rc, pr);
	}
	sqlite3_finalize(st);
	return status;
}

/* The count of a single word of one or two characters: its index rows
 * come participant by participant (a participant's rows side by side), so
 * counting changes of file number counts people, with no table of those
 * seen (no memory that grows with the count). */
static enum pc_status count_first(struct pc_store *s, const char *tok, size_t len, size_t cap,
                                  struct count_stop *cs, size_t *count, bool *more,
                                  struct pc_problems *pr)
{
	sqlite3_stmt *st = store_stmt(s, SEARCH_SQL_FIRST[len - 1], pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, tok);
	sqlite3_bind_int64(st, 2, -1); /* no limit: stopped below */
	int left = BUDGET_TICKS;
	watch(s, cs, &left);
	char last[256] = "";
	size_t n = 0;
	int rc;
	while (n <= cap && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *no = (const char *)sqlite3_column_text(st, 0);
		if (no && strncmp(no, last, sizeof(last))) {
			n++;
			snprintf(last, sizeof(last), "%s", no);
		}
	}
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	sqlite3_reset(st);
	if (n > cap || rc == SQLITE_DONE) {
		*more = n > cap;
		*count = *more ? cap : n;
		return PC_OK;
	}
	if (rc == SQLITE_INTERRUPT) {
		*count = 0;
		*more = true;
		return PC_OK;
	}
	return store_fail(s, rc, pr);
}

enum pc_status pc_store_participant_matches(struct pc_store *s, const char *const *tokens,
                                            size_t ntokens, size_t cap, bool (*stop)(void *),
                                            void *ctx, size_t *count, bool *more,
                                            bool *stopped, struct pc_problems *pr)
{
	*count = 0;
	*more = false;
	struct count_stop cs = {stop, ctx, false};
	struct term *terms = calloc(ntokens ? ntokens : 1, sizeof(*terms));
	if (!terms)
		return store_oom(pr);
	size_t nt = 0;
	enum pc_status st = PC_OK;
	const char *word = search_single_word(tokens, ntokens);
	size_t wlen = word ? search_chars(word) : 0;
	if (wlen == 1 || wlen == 2)
		st = count_first(s, word, wlen, cap, &cs, count, more, pr);
	else
		st = search_make_terms(s, tokens, ntokens, terms, &nt, pr);
	if (st == PC_OK && (wlen == 1 || wlen == 2)) {
		/* counted */
	} else if (st == PC_OK && nt == 0) {
		long long all = pc_store_participant_count(s);
		if (all < 0)
			st = store_fail(s, sqlite3_errcode(s->db), pr);
		else
			*count = (size_t)all;
	} else if (st == PC_OK) {
		st = count_matches(s, terms, nt, cap, &cs, count, more, pr);
	}
	if (stopped)
		*stopped = cs.stopped;
	search_terms_free(terms, nt);
	return st;
}

enum pc_status pc_store_snapshot_begin(struct pc_store *s, bool *own, struct pc_problems *pr)
{
	*own = sqlite3_get_autocommit(s->db) != 0;
	if (!*own)
		return PC_OK;
	int rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*own = false;
		return store_fail(s, rc, pr);
	}
	return PC_OK;
}

void pc_store_snapshot_end(struct pc_store *s, bool own)
{
	/* a read transaction: COMMIT only lets the snapshot go */
	if (own && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

void pc_store_temp_file(struct pc_store *s)
{
	sqlite3_exec(s->db, "PRAGMA temp_store = FILE", NULL, NULL, NULL);
}

void pc_store_cache_kib(struct pc_store *s, int kib)
{
	char sql[64];
	/* a number, never text from outside: PRAGMA takes no parameter */
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d", kib > 0 ? -kib : -16384);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}
