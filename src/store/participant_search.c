/* Prefix search over the participants' folded tokens (store.h,
 * pc_store_participant_search). The word with the fewest index entries
 * drives a plan that reads about as many rows as the answer needs:
 *  1. few entries: read them all, keep the first `limit` in name order;
 *  2. few distinct tokens ("tremblay"): each token's entries are already in
 *     name order, so take the head of each and merge;
 *  3. else walk every participant in name order, stopping at `limit`
 *     matches. A single word gives the walk a budget, then merges the
 *     heads of up to a few hundred tokens (2) and falls back to 1, which
 *     reads the index alone; several words walk to the end if need be.
 * Every plan gives the same answer; they differ in time only. A window
 * further down (offset) runs the plans for offset + limit file numbers and
 * reads only the window's rows. Tokens arrive folded by the core; nothing is
 * folded or split here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "participant_search.h"
#include "search_span.h"
#include "store_internal.h"

/* The list's order after the names: file numbers by number. */
#define ORDER_T STORE_FILE_NO_ORDER("t.file_no")
#define ORDER_P STORE_FILE_NO_ORDER("p.file_no")
#define ORDER_NAMES_T "t.family_folded, t.given_folded, " ORDER_T



/* Strings in the order found, each once: the file numbers of the matches
 * in name order, or the distinct tokens of a word. */
struct hits {
	char **item;
	size_t len, cap;
};

static void hits_free(struct hits *h)
{
	for (size_t i = 0; i < h->len; i++)
		free(h->item[i]);
	free(h->item);
	*h = (struct hits){0};
}

/* Appends s unless it is the last one (a participant with two matching
 * tokens comes twice in a row). False when out of memory. */
static bool hits_add(struct hits *h, const char *s)
{
	if (h->len && !strcmp(h->item[h->len - 1], s))
		return true;
	if (h->len == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 32;
		char **grown = realloc(h->item, cap * sizeof(*grown));
		if (!grown)
			return false;
		h->item = grown;
		h->cap = cap;
	}
	if (!(h->item[h->len] = strdup(s)))
		return false;
	h->len++;
	return true;
}

static const char SQL_RANGE_COUNT[] = "SELECT count(*) FROM (SELECT 1 FROM participant_token "
                                      "WHERE token >= ?1 AND token < ?2 LIMIT ?3)";

static enum pc_status count_entries(struct pc_store *s, struct term *t, struct pc_problems *pr)
{
	sqlite3_stmt *st = store_stmt(s, SQL_RANGE_COUNT, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, t->lo);
	store_bind_text(st, 2, t->hi);
	sqlite3_bind_int(st, 3, DENSE_ENTRIES);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		t->entries = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? PC_OK : store_fail(s, rc, pr);
}

/* " AND instr(p.search_keys, ?N) > 0" for terms[from..n), numbered from
 * parameter `first`. */
void search_add_filters(struct pc_buf *b, size_t from, size_t n, size_t first)
{
	for (size_t i = from; i < n; i++)
		pc_buf_printf(b, " AND instr(p.search_keys, ?%zu) > 0", first + i - from);
}

void search_bind_needles(sqlite3_stmt *st, const struct term *terms, size_t from, size_t n,
                         int first)
{
	for (size_t i = from; i < n; i++)
		store_bind_text(st, first + (int)(i - from), terms[i].needle);
}

int search_tick(void *ctx)
{
	int *left = ctx;
	return --*left < 0;
}

/* Steps st (first column: a file number) into h. *rows counts the rows;
 * *interrupted when the progress budget ran out. Finalizes st. */
static enum pc_status drain(struct pc_store *s, sqlite3_stmt *st, struct hits *h, long long *rows,
                            bool *interrupted, struct pc_problems *pr)
{
	int rc;
	enum pc_status status = PC_OK;
	*rows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		(*rows)++;
		const char *no = (const char *)sqlite3_column_text(st, 0);
		if (no && !hits_add(h, no)) {
			status = store_oom(pr);
			break;
		}
	}
	*interrupted = rc == SQLITE_INTERRUPT;
	if (status == PC_OK && rc != SQLITE_DONE && rc != SQLITE_ROW && !*interrupted)
		status = store_fail(s, rc, pr);
	sqlite3_finalize(st);
	return status;
}

sqlite3_stmt *search_prepare(struct pc_store *s, struct pc_buf *b, struct pc_problems *pr)
{
	char *sql = pc_buf_take(b);
	if (!sql) {
		store_oom(pr);
		return NULL;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		store_fail(s, rc, pr);
	return st;
}

/* From a token row to its participant's search_keys: one seek in the
 * covering name index, whose key starts with the token row's name columns. */
const char SEARCH_JOIN_NAME[] =
    " CROSS JOIN participant p INDEXED BY participant_name ON p.family_folded = "
    "t.family_folded AND p.given_folded = t.given_folded AND p.file_no = t.file_no";

/* Plan 1: every index entry of terms[0], the others checked on the
 * participant row, the first `limit` kept in name order. */
static enum pc_status read_range(struct pc_store *s, const struct term *terms, size_t n,
                                 size_t limit, struct hits *h, struct pc_problems *pr)
{
	/* a participant matching twice gives two rows: ask for more than
	 * `limit`, and again for more when that was not enough */
	long long ask = (long long)limit * 2 + 8;
	for (;;) {
		struct pc_buf b = {0};
		pc_buf_puts(&b, "SELECT t.file_no FROM participant_token t");
		if (n > 1)
			pc_buf_puts(&b, SEARCH_JOIN_NAME);
		pc_buf_puts(&b, " WHERE t.token >= ?1 AND t.token < ?2");
		search_add_filters(&b, 1, n, 3);
		pc_buf_printf(&b, " ORDER BY t.family_folded, t.given_folded, %s LIMIT ?%zu",
		              ORDER_T, n + 2);
		sqlite3_stmt *st = search_prepare(s, &b, pr);
		if (!st)
			return PC_UNUSABLE;
		store_bind_text(st, 1, terms[0].lo);
		store_bind_text(st, 2, terms[0].hi);
		search_bind_needles(st, terms, 1, n, 3);
		sqlite3_bind_int64(st, (int)n + 2, ask);
		long long rows;
		bool interrupted;
		enum pc_status status = drain(s, st, h, &rows, &interrupted, pr);
		if (status != PC_OK || h->len >= limit || rows < ask)
			return status;
		hits_free(h);
		ask *= 4;
	}
}

static const char SQL_FIRST_TOKEN[] =
    "SELECT min(token) FROM participant_token WHERE token >= ?1 AND token < ?2";
static const char SQL_NEXT_TOKEN[] =
    "SELECT min(token) FROM participant_token WHERE token > ?1 AND token < ?2";

/* The distinct tokens of t's range, at most `max` + 1 of them: one index
 * seek each. */
static enum pc_status distinct_tokens(struct pc_store *s, const struct term *t, size_t max,
                                      struct hits *out, struct pc_problems *pr)
{
	while (out->len <= max) {
		const char *sql = out->len ? SQL_NEXT_TOKEN : SQL_FIRST_TOKEN;
		sqlite3_stmt *st = store_stmt(s, sql, pr);
		if (!st)
			return PC_UNUSABLE;
		store_bind_text(st, 1, out->len ? out->item[out->len - 1] : t->lo);
		store_bind_text(st, 2, t->hi);
		int rc = sqlite3_step(st);
		const char *tok =
		    rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		bool added = tok && hits_add(out, tok);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return store_fail(s, rc, pr);
		if (tok && !added)
			return store_oom(pr);
		if (!tok)
			break;
	}
	return PC_OK;
}

/* Among words too common to count (all of them, since the first is the
 * rarest), the one with the fewest distinct tokens drives the merge: put
 * it first and its tokens in *tokens. */
static enum pc_status pick_merge_driver(struct pc_store *s, struct term *terms, size_t n,
                                        struct hits *tokens, struct pc_problems *pr)
{
	enum pc_status st = distinct_tokens(s, &terms[0], MERGE_TOKENS, tokens, pr);
	for (size_t i = 1; st == PC_OK && i < n && tokens->len > 1; i++) {
		struct hits other = {0};
		st = distinct_tokens(s, &terms[i], MERGE_TOKENS, &other, pr);
		if (st == PC_OK && other.len < tokens->len) {
			struct term first = terms[0];
			terms[0] = terms[i];
			terms[i] = first;
			struct hits swap = *tokens;
			*tokens = other;
			other = swap;
		}
		hits_free(&other);
	}
	return st;
}

struct head {
	char *family, *given, *file_no;
};

/* As STORE_FILE_NO_ORDER: the shorter first, then as text. */
static int file_no_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return la != lb ? (la < lb ? -1 : 1) : strcmp(a, b);
}

static int head_cmp(const void *a, const void *b)
{
	const struct head *x = a, *y = b;
	int c = strcmp(x->family, y->family);
	if (!c)
		c = strcmp(x->given, y->given);
	return c ? c : file_no_cmp(x->file_no, y->file_no);
}

/* Whether the row's names (columns 0 and 1) are those of h. */
static bool same_names(sqlite3_stmt *st, const struct head *h)
{
	const char *family = (const char *)sqlite3_column_text(st, 0);
	const char *given = (const char *)sqlite3_column_text(st, 1);
	return family && given && !strcmp(family, h->family) && !strcmp(given, h->given);
}

/* Plan 2: the first `limit` matches of each distinct token, merged. The
 * overall first `limit` are among them: before any of them in its token's
 * list there can only be participants that come before it overall. */
static enum pc_status merge_heads(struct pc_store *s, const struct term *terms, size_t n,
                                  const struct hits *tokens, size_t limit, struct hits *h,
                                  bool *done, struct pc_problems *pr)
{
	struct pc_buf b = {0};
	pc_buf_puts(&b,
	            "SELECT t.family_folded, t.given_folded, t.file_no FROM participant_token t");
	if (n > 1)
		pc_buf_puts(&b, SEARCH_JOIN_NAME);
	pc_buf_puts(&b, " WHERE t.token = ?1");
	search_add_filters(&b, 1, n, 2);
	/* the token's key order: no sort, so the rows stream and the read
	 * stops after the head (namesakes are put in file-number order by the
	 * qsort below, so the head ends after the whole of its last names) */
	pc_buf_puts(&b, " ORDER BY t.family_folded, t.given_folded, t.file_no");
	sqlite3_stmt *st = search_prepare(s, &b, pr);
	if (!st)
		return PC_UNUSABLE;
	struct head *heads = NULL;
	size_t len = 0, cap = 0;
	enum pc_status status = PC_OK;
	/* Alone, a word reads at most `limit` rows a token; other words may
	 * filter out most rows, so then the merge has a budget. */
	int left = BUDGET_TICKS;
	if (n > 1)
		sqlite3_progress_handler(s->db, PROGRESS_STEPS, search_tick, &left);
	*done = true;
	for (size_t i = 0; status == PC_OK && *done && i < tokens->len; i++) {
		sqlite3_reset(st);
		store_bind_text(st, 1, tokens->item[i]);
		search_bind_needles(st, terms, 1, n, 2);
		size_t first = len;
		int rc;
		while (status == PC_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (len - first >= limit && !same_names(st, &heads[first + limit - 1])) {
				rc = SQLITE_DONE;
				break;
			}
			if (len == cap) {
				size_t ncap = cap ? cap * 2 : 64;
				struct head *grown = realloc(heads, ncap * sizeof(*grown));
				if (!grown) {
					status = store_oom(pr);
					break;
				}
				heads = grown;
				cap = ncap;
			}
			bool oom = false;
			heads[len] = (struct head){store_column_dup(st, 0, &oom),
			                           store_column_dup(st, 1, &oom),
			                           store_column_dup(st, 2, &oom)};
			len++;
			if (oom || !heads[len - 1].file_no)
				status = store_oom(pr);
		}
		if (status == PC_OK && rc == SQLITE_INTERRUPT)
			*done = false;
		else if (status == PC_OK && rc != SQLITE_DONE)
			status = store_fail(s, rc, pr);
	}
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	sqlite3_finalize(st);
	if (status == PC_OK && *done)
		qsort(heads, len, sizeof(*heads), head_cmp);
	for (size_t i = 0; i < len; i++) {
		if (status == PC_OK && *done && h->len < limit && !hits_add(h, heads[i].file_no))
			status = store_oom(pr);
		free(heads[i].family);
		free(heads[i].given);
		free(heads[i].file_no);
	}
	free(heads);
	return status;
}

/* Plan 3: participants in name order (participant_list_order, which holds
 * search_keys and the file numbers' order: no sort),
 * stopping at `limit` matches; *done false when the budget ran out first.
 * Without a budget it costs at most a read of that index. */
static enum pc_status walk_names(struct pc_store *s, const struct term *terms, size_t n,
                                 size_t limit, bool budget, struct hits *h, bool *done,
                                 struct pc_problems *pr)
{
	struct pc_buf b = {0};
	pc_buf_puts(&b,
	            "SELECT p.file_no FROM participant p INDEXED BY participant_list_order WHERE 1");
	search_add_filters(&b, 0, n, 1);
	pc_buf_printf(&b, " ORDER BY p.family_folded, p.given_folded, %s LIMIT ?%zu", ORDER_P,
	              n + 1);
	sqlite3_stmt *st = search_prepare(s, &b, pr);
	if (!st)
		return PC_UNUSABLE;
	search_bind_needles(st, terms, 0, n, 1);
	sqlite3_bind_int64(st, (int)n + 1, (sqlite3_int64)limit);
	int left = BUDGET_TICKS;
	if (budget)
		sqlite3_progress_handler(s->db, PROGRESS_STEPS, search_tick, &left);
	long long rows;
	bool interrupted;
	enum pc_status status = drain(s, st, h, &rows, &interrupted, pr);
	sqlite3_progress_handler(s->db, 0, NULL, NULL);
	*done = status == PC_OK && !interrupted;
	if (!*done)
		hits_free(h);
	return status;
}

const char *const SEARCH_SQL_FIRST[2] = {
    "SELECT t.file_no FROM participant_token t INDEXED BY participant_token_first1 WHERE "
    "substr(t.token, 1, 1) = ?1 ORDER BY " ORDER_NAMES_T " LIMIT ?2",
    "SELECT t.file_no FROM participant_token t INDEXED BY participant_token_first2 WHERE "
    "substr(t.token, 1, 2) = ?1 ORDER BY " ORDER_NAMES_T " LIMIT ?2",
};

/* The only non-empty token, or NULL (none) or "" (several). */
const char *search_single_word(const char *const *tokens, size_t ntokens)
{
	const char *word = NULL;
	for (size_t i = 0; i < ntokens; i++)
		if (tokens[i] && *tokens[i])
			word = word ? "" : tokens[i];
	return word;
}

/* Plan 0: a single word of one or two characters ("p", "tr", "20"), the
 * first `limit` of its matches read in order from the index of the
 * tokens' first characters (schema 15): no count, no sort, and the rows
 * read are about the rows shown. A participant with two tokens starting
 * so comes twice in a row; hits_add keeps one. */
static enum pc_status read_first(struct pc_store *s, const char *tok, size_t len, size_t limit,
                                 struct hits *h, struct pc_problems *pr)
{
	long long ask = (long long)(limit + limit / 2) + 8;
	for (;;) {
		sqlite3_stmt *st = store_stmt(s, SEARCH_SQL_FIRST[len - 1], pr);
		if (!st)
			return PC_UNUSABLE;
		store_bind_text(st, 1, tok);
		sqlite3_bind_int64(st, 2, ask);
		long long rows = 0;
		int rc;
		enum pc_status status = PC_OK;
		while (status == PC_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			rows++;
			const char *no = (const char *)sqlite3_column_text(st, 0);
			if (no && !hits_add(h, no))
				status = store_oom(pr);
		}
		if (status == PC_OK && rc != SQLITE_DONE)
			status = store_fail(s, rc, pr);
		sqlite3_reset(st);
		if (status != PC_OK || h->len >= limit || rows < ask)
			return status;
		hits_free(h);
		ask *= 4;
	}
}

/* Plan 2b, several words: the participants holding a word (its distinct
 * tokens in `tokens`) are grouped in a few family names ("gagnon",
 * "bedard-gagnon"); walk each family's stretch in name order, the families
 * in order, until `limit` matches. The cost is that of the word's
 * families, not of everyone; *done false (nothing read) when they are too
 * many. */
static enum pc_status walk_families(struct pc_store *s, const struct term *terms, size_t n,
                                    const struct hits *tokens, size_t limit, struct hits *h,
                                    bool *done, struct pc_problems *pr)
{
	struct search_spans spans;
	bool too_many;
	*done = false;
	enum pc_status st =
	    search_spans_of(s, tokens->item, tokens->len, MAX_FAMILIES, &spans, &too_many, pr);
	if (st != PC_OK || too_many)
		return st;
	struct pc_buf b = {0};
	pc_buf_puts(&b,
	            "SELECT p.file_no FROM participant p INDEXED BY participant_list_order WHERE "
	            "p.family_folded = ?1 AND p.given_folded BETWEEN ?2 AND ?3");
	search_add_filters(&b, 0, n, 5);
	pc_buf_printf(&b, " ORDER BY p.family_folded, p.given_folded, %s LIMIT ?4", ORDER_P);
	sqlite3_stmt *q = search_prepare(s, &b, pr);
	if (!q)
		st = PC_UNUSABLE;
	for (size_t i = 0; st == PC_OK && i < spans.len && h->len < limit; i++) {
		sqlite3_reset(q);
		store_bind_text(q, 1, spans.item[i].family);
		store_bind_text(q, 2, spans.item[i].given_first);
		store_bind_text(q, 3, spans.item[i].given_last);
		sqlite3_bind_int64(q, 4, (sqlite3_int64)(limit - h->len));
		search_bind_needles(q, terms, 0, n, 5);
		int rc;
		while (st == PC_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
			const char *no = (const char *)sqlite3_column_text(q, 0);
			if (no && !hits_add(h, no))
				st = store_oom(pr);
		}
		if (st == PC_OK && rc != SQLITE_DONE)
			st = store_fail(s, rc, pr);
	}
	sqlite3_finalize(q);
	search_spans_free(&spans);
	*done = st == PC_OK;
	return st;
}

/* Plan 2b with each word in turn as the driver, the longer first (a
 * family name is typed whole more often than a given name), until one
 * has few enough families. */
static enum pc_status walk_any_families(struct pc_store *s, const struct term *terms, size_t n,
                                        size_t limit, struct hits *h, bool *done,
                                        struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	bool tried[MAX_WORDS] = {false};
	*done = false;
	for (size_t k = 0; st == PC_OK && !*done && k < n && k < MAX_WORDS; k++) {
		size_t best = n;
		for (size_t i = 0; i < n && i < MAX_WORDS; i++)
			if (!tried[i] && (best == n || strlen(terms[i].lo) > strlen(terms[best].lo)))
				best = i;
		tried[best] = true;
		struct hits toks = {0};
		st = distinct_tokens(s, &terms[best], MERGE_TOKENS, &toks, pr);
		if (st == PC_OK && toks.len <= MERGE_TOKENS)
			st = walk_families(s, terms, n, &toks, limit, h, done, pr);
		hits_free(&toks);
	}
	return st;
}

static const char SQL_BY_FILE_NO[] =
    "SELECT " STORE_PARTICIPANT_COLUMNS " FROM participant p WHERE p.file_no = ?1";
static const char SQL_BY_NAME[] = "SELECT " STORE_PARTICIPANT_COLUMNS
                                  " FROM participant p INDEXED BY participant_list_order "
                                  "ORDER BY p.family_folded, p.given_folded, " ORDER_P
                                  " LIMIT ?1 OFFSET ?2";

/* Reads the participants of hits [offset, offset + limit). */
static enum pc_status fetch(struct pc_store *s, const struct hits *h, size_t offset, size_t limit,
                            struct pc_participant **out, size_t *n, struct pc_problems *pr)
{
	if (offset >= h->len)
		return PC_OK;
	size_t want = h->len - offset < limit ? h->len - offset : limit;
	if (!(*out = calloc(want, sizeof(**out))))
		return store_oom(pr);
	for (size_t i = offset; i < offset + want; i++) {
		sqlite3_stmt *q = store_stmt(s, SQL_BY_FILE_NO, pr);
		if (!q)
			return PC_UNUSABLE;
		store_bind_text(q, 1, h->item[i]);
		int rc = sqlite3_step(q);
		bool ok = rc == SQLITE_ROW && store_read_participant(q, 0, false, &(*out)[*n]);
		sqlite3_reset(q);
		if (rc == SQLITE_ROW && !ok)
			return store_oom(pr);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return store_fail(s, rc, pr);
		*n += ok;
	}
	return PC_OK;
}

static enum pc_status everyone(struct pc_store *s, size_t offset, size_t limit,
                               struct pc_participant **out, size_t *n, struct pc_problems *pr)
{
	sqlite3_stmt *q = store_stmt(s, SQL_BY_NAME, pr);
	if (!q)
		return PC_UNUSABLE;
	sqlite3_bind_int64(q, 1, (sqlite3_int64)limit);
	sqlite3_bind_int64(q, 2, (sqlite3_int64)offset);
	return store_collect_participants(s, q, out, n, pr);
}

/* Makes the terms of the non-empty tokens; counts their entries. */
enum pc_status search_make_terms(struct pc_store *s, const char *const *tokens, size_t ntokens,
                                 struct term *terms, size_t *nt, struct pc_problems *pr)
{
	for (size_t i = 0; i < ntokens; i++) {
		if (!tokens[i] || !*tokens[i])
			continue;
		size_t len = strlen(tokens[i]);
		struct term *t = &terms[(*nt)++];
		t->lo = tokens[i];
		t->hi = malloc(len + 2);
		t->needle = malloc(len + 2);
		if (!t->hi || !t->needle)
			return store_oom(pr);
		memcpy(t->hi, tokens[i], len);
		t->hi[len] = (char)0xFF;
		t->hi[len + 1] = '\0';
		t->needle[0] = ' ';
		memcpy(t->needle + 1, tokens[i], len + 1);
		enum pc_status st = count_entries(s, t, pr);
		if (st != PC_OK)
			return st;
	}
	/* the rarest word drives: put it first; between words with too many
	 * entries to count, the longer is likely the rarer */
	for (size_t i = 1; i < *nt; i++) {
		if (terms[i].entries < terms[0].entries ||
		    (terms[i].entries == terms[0].entries &&
		     strlen(terms[i].lo) > strlen(terms[0].lo))) {
			struct term first = terms[0];
			terms[0] = terms[i];
			terms[i] = first;
		}
	}
	return PC_OK;
}

enum pc_status pc_store_participant_window(struct pc_store *s, const char *const *tokens,
                                           size_t ntokens, size_t offset, size_t limit,
                                           struct pc_participant **out, size_t *n,
                                           struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	if (limit == 0)
		return PC_OK;
	struct term *terms = calloc(ntokens ? ntokens : 1, sizeof(*terms));
	if (!terms)
		return store_oom(pr);
	size_t nt = 0, upto = offset + limit;
	struct hits h = {0}, distinct = {0};
	enum pc_status st = PC_OK;
	const char *word = search_single_word(tokens, ntokens);
	size_t wlen = word ? search_chars(word) : 0;
	if (wlen == 1 || wlen == 2) {
		st = read_first(s, word, wlen, upto, &h, pr);
		if (st == PC_OK)
			st = fetch(s, &h, offset, limit, out, n, pr);
		goto out;
	}
	st = search_make_terms(s, tokens, ntokens, terms, &nt, pr);
	if (st != PC_OK)
		goto out;
	if (nt == 0) {
		st = everyone(s, offset, limit, out, n, pr);
		goto out;
	}
	bool done = false;
	if (terms[0].entries < DENSE_ENTRIES) {
		st = read_range(s, terms, nt, upto, &h, pr);
		done = true;
	}
	if (st == PC_OK && !done)
		st = pick_merge_driver(s, terms, nt, &distinct, pr);
	if (st == PC_OK && !done && nt > 1)
		st = walk_any_families(s, terms, nt, upto, &h, &done, pr);
	if (st == PC_OK && !done && distinct.len <= MERGE_TOKENS)
		st = merge_heads(s, terms, nt, &distinct, upto, &h, &done, pr);
	if (st == PC_OK && !done)
		st = walk_names(s, terms, nt, upto, nt == 1, &h, &done, pr);
	/* one word starting many names ("b", "be") whose matches are not
	 * near the top of the list: the heads of a few hundred tokens cost
	 * a few milliseconds, sorting its whole range tens at 500,000 */
	if (st == PC_OK && !done && nt == 1 && upto <= WIDE_MERGE_ROWS) {
		st = distinct_tokens(s, &terms[0], WIDE_MERGE_TOKENS, &distinct, pr);
		if (st == PC_OK && distinct.len <= WIDE_MERGE_TOKENS)
			st = merge_heads(s, terms, nt, &distinct, upto, &h, &done, pr);
	}
	if (st == PC_OK && !done)
		st = read_range(s, terms, nt, upto, &h, pr);
	if (st == PC_OK)
		st = fetch(s, &h, offset, limit, out, n, pr);
out:
	if (st != PC_OK) {
		pc_participants_free(out, *n);
		*n = 0;
	}
	hits_free(&h);
	hits_free(&distinct);
	search_terms_free(terms, nt);
	return st;
}

enum pc_status pc_store_participant_search(struct pc_store *s, const char *const *tokens,
                                           size_t ntokens, size_t limit,
                                           struct pc_participant **out, size_t *n,
                                           struct pc_problems *pr)
{
	return pc_store_participant_window(s, tokens, ntokens, 0, limit, out, n, pr);
}

void search_terms_free(struct term *terms, size_t nt)
{
	for (size_t i = 0; i < nt; i++) {
		free(terms[i].hi);
		free(terms[i].needle);
	}
	free(terms);
}
