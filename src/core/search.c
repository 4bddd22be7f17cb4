/* Participant search (core.h): folds the query and each participant's names
 * and file number into accent- and case-blind tokens, so "cote el" finds
 * "Côté, Élisabeth". The store does the prefix look-up on an index. */
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/text.h"

enum { MAX_QUERY_TOKENS = 8, CONSOLE_CACHE_KIB = 1024 };

struct token_list {
	struct pc_buf buf; /* NUL-separated */
	size_t count;
};

static bool already(const struct token_list *l, const char *tok, size_t n)
{
	const char *p = l->buf.data;
	for (size_t i = 0; p && i < l->count; i++) {
		size_t len = strlen(p);
		if (len == n && !memcmp(p, tok, n))
			return true;
		p += len + 1;
	}
	return false;
}

static void collect(void *ctx, const char *tok, size_t n)
{
	struct token_list *l = ctx;
	if (n == 0 || already(l, tok, n))
		return;
	pc_buf_add(&l->buf, tok, n);
	pc_buf_putc(&l->buf, '\0');
	l->count++;
}

static void add_folded(struct token_list *l, const char *s)
{
	if (!s)
		return;
	char *f = pc_text_fold(s);
	if (!f) {
		l->buf.failed = true;
		return;
	}
	pc_text_tokens(f, collect, l);
	free(f);
}

char *pc_search_tokens(const char *file_no, const char *family, const char *given)
{
	struct token_list l = {0};
	add_folded(&l, file_no);
	add_folded(&l, family);
	add_folded(&l, given);
	pc_buf_putc(&l.buf, '\0');
	pc_buf_putc(&l.buf, '\0');
	return pc_buf_take(&l.buf);
}

struct part_check {
	const char *word, *tok;
	size_t word_len, tok_len;
	bool implied;
};

static void check_part(void *ctx, const char *part, size_t n)
{
	struct part_check *pc = ctx;
	/* the word itself comes first, then its parts */
	if (n < pc->word_len && n >= pc->tok_len && !memcmp(part, pc->tok, pc->tok_len))
		pc->implied = true;
}

/* True when every participant whose tokens match the compound word
 * ("2026-0", "st-p") also matches tok: tok begins one of the word's
 * parts. A token starting with the word has the word's parts as its own
 * (the last one lengthened), and a participant's tokens hold those parts. */
static bool implied_by(const char *word, const char *tok)
{
	struct part_check pc = {word, tok, strlen(word), strlen(tok), false};
	if (pc.word_len > pc.tok_len)
		pc_text_tokens(word, check_part, &pc);
	return pc.implied;
}

/* The folded words of a query, at most MAX_QUERY_TOKENS, in l (free its
 * buf) and toks; a part of a compound word is not asked again ("2026-0"
 * gives "2026-0", not "2026" and "0" too: one index range instead of
 * three, and no row to read to check the others). */
static enum pc_status query_tokens(const char *query, struct token_list *l, const char **toks,
				   size_t *nt, struct pc_problems *pr)
{
	/* A hyphenated query word gives itself and its parts; a participant's
	 * tokens hold the same, so requiring all of them loses nothing. */
	add_folded(l, query ? query : "");
	if (l->buf.failed) {
		pc_buf_free(&l->buf);
		pc_problems_add(pr, false, "search", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	*nt = 0;
	const char *all[MAX_QUERY_TOKENS * 4];
	size_t na = 0;
	const char *p = l->buf.data;
	for (size_t i = 0; p && i < l->count && na < sizeof(all) / sizeof(all[0]); i++) {
		all[na++] = p;
		p += strlen(p) + 1;
	}
	for (size_t i = 0; i < na && *nt < MAX_QUERY_TOKENS; i++) {
		bool implied = false;
		for (size_t j = 0; j < na && !implied; j++)
			implied = j != i && implied_by(all[j], all[i]);
		if (!implied)
			toks[(*nt)++] = all[i];
	}
	return PC_OK;
}

enum pc_status pc_search_window(struct pc_ctx *c, const char *query, size_t offset,
				size_t limit, struct pc_participant **out, size_t *n,
				struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	struct token_list l = {0};
	const char *toks[MAX_QUERY_TOKENS];
	size_t nt = 0;
	enum pc_status st = query_tokens(query, &l, toks, &nt, pr);
	if (st != PC_OK)
		return st;
	st = pc_store_participant_window(c->store, toks, nt, offset, limit, out, n, pr);
	pc_buf_free(&l.buf);
	return st;
}

enum pc_status pc_search(struct pc_ctx *c, const char *query, size_t limit,
			 struct pc_participant **out, size_t *n, struct pc_problems *pr)
{
	return pc_search_window(c, query, 0, limit, out, n, pr);
}

enum pc_status pc_search_each(struct pc_ctx *c, const char *query, size_t limit,
			      bool (*each)(void *ctx, const struct pc_participant *p), void *ctx,
			      struct pc_problems *pr)
{
	struct token_list l = {0};
	const char *toks[MAX_QUERY_TOKENS];
	size_t nt = 0;
	enum pc_status st = query_tokens(query, &l, toks, &nt, pr);
	if (st != PC_OK)
		return st;
	st = pc_store_participant_each(c->store, toks, nt, limit, each, ctx, pr);
	pc_buf_free(&l.buf);
	return st;
}

static enum pc_status count(struct pc_ctx *c, const char *query, size_t cap,
			    bool (*stop)(void *), void *ctx, size_t *n, bool *more, bool *stopped,
			    struct pc_problems *pr)
{
	*n = 0;
	*more = false;
	struct token_list l = {0};
	const char *toks[MAX_QUERY_TOKENS];
	size_t nt = 0;
	enum pc_status st = query_tokens(query, &l, toks, &nt, pr);
	if (st != PC_OK)
		return st;
	st = pc_store_participant_matches(c->store, toks, nt, cap, stop, ctx, n, more, stopped,
					  pr);
	pc_buf_free(&l.buf);
	return st;
}

enum pc_status pc_search_count(struct pc_ctx *c, const char *query, size_t cap, size_t *n,
			       bool *more, struct pc_problems *pr)
{
	return count(c, query, cap, NULL, NULL, n, more, NULL, pr);
}

enum pc_status pc_search_count_until(struct pc_ctx *c, const char *query, size_t cap,
				     bool (*stop)(void *), void *ctx, size_t *n, bool *more,
				     bool *stopped, struct pc_problems *pr)
{
	*stopped = false;
	return count(c, query, cap, stop, ctx, n, more, stopped, pr);
}

enum pc_status pc_search_hold(struct pc_ctx *c, bool *own, struct pc_problems *pr)
{
	return pc_store_snapshot_begin(c->store, own, pr);
}

void pc_search_release(struct pc_ctx *c, bool own)
{
	pc_store_snapshot_end(c->store, own);
}

void pc_search_console(struct pc_ctx *c)
{
	/* the list reads an index page or two and a page per row shown (a
	 * short word reads its first page in order, schema 15); 1 MiB keeps
	 * the pages of the last searches, and keeps the console under 8 MiB
	 * after a long session (2 MiB: 8.5 MiB at 100,000 participants) */
	pc_store_cache_kib(c->store, CONSOLE_CACHE_KIB);
}
