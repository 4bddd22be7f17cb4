/* The stretches of the list's name order that hold a search word's
 * matches (search_span.h): for each of its tokens, its family names one
 * index seek at a time, and the first and last given name in each. */
#include <stdlib.h>
#include <string.h>
#include "search_span.h"

size_t search_chars(const char *tok)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)tok; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

/* Each a seek in the token's key (token, family_folded, given_folded, ...). */
static const char SQL_FIRST_FAMILY[] =
    "SELECT family_folded FROM participant_token WHERE token = ?1 AND family_folded >= ?2 "
    "ORDER BY family_folded LIMIT 1";
static const char SQL_NEXT_FAMILY[] =
    "SELECT family_folded FROM participant_token WHERE token = ?1 AND family_folded > ?2 "
    "ORDER BY family_folded LIMIT 1";
static const char SQL_GIVEN_FIRST[] =
    "SELECT min(given_folded) FROM participant_token WHERE token = ?1 AND family_folded = ?2";
static const char SQL_GIVEN_LAST[] =
    "SELECT max(given_folded) FROM participant_token WHERE token = ?1 AND family_folded = ?2";

/* Column 0 of sql's one row for (a, b), in *out (NULL when none). */
static enum pc_status one(struct pc_store *s, const char *sql, const char *a, const char *b,
                          char **out, struct pc_problems *pr)
{
	*out = NULL;
	sqlite3_stmt *st = store_stmt(s, sql, pr);
	if (!st)
		return PC_UNUSABLE;
	store_bind_text(st, 1, a);
	store_bind_text(st, 2, b);
	int rc = sqlite3_step(st);
	bool oom = false;
	if (rc == SQLITE_ROW)
		*out = store_column_dup(st, 0, &oom);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, pr);
	return oom ? store_oom(pr) : PC_OK;
}

static int span_cmp(const void *a, const void *b)
{
	const struct search_span *x = a, *y = b;
	return strcmp(x->family, y->family);
}

static void span_free(struct search_span *sp)
{
	free(sp->family);
	free(sp->given_first);
	free(sp->given_last);
}

/* Adds the stretch of `token` in `family` to out. */
static enum pc_status add(struct pc_store *s, const char *token, char *family,
                          struct search_spans *out, struct pc_problems *pr)
{
	struct search_span sp = {family, NULL, NULL};
	enum pc_status st = one(s, SQL_GIVEN_FIRST, token, family, &sp.given_first, pr);
	if (st == PC_OK)
		st = one(s, SQL_GIVEN_LAST, token, family, &sp.given_last, pr);
	if (st == PC_OK && (!sp.given_first || !sp.given_last))
		st = store_fail(s, SQLITE_CORRUPT, pr); /* the family came from the same index */
	if (st == PC_OK && out->len == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		struct search_span *grown = realloc(out->item, cap * sizeof(*grown));
		if (grown) {
			out->item = grown;
			out->cap = cap;
		} else {
			st = store_oom(pr);
		}
	}
	if (st != PC_OK) {
		span_free(&sp);
		return st;
	}
	out->item[out->len++] = sp;
	return PC_OK;
}

/* Sorts by family and merges the stretches of one family into one. */
static void merge(struct search_spans *out)
{
	qsort(out->item, out->len, sizeof(*out->item), span_cmp);
	size_t k = 0;
	for (size_t i = 0; i < out->len; i++) {
		struct search_span *last = k ? &out->item[k - 1] : NULL;
		struct search_span *sp = &out->item[i];
		if (!last || strcmp(last->family, sp->family)) {
			out->item[k++] = *sp;
			continue;
		}
		if (strcmp(sp->given_first, last->given_first) < 0) {
			free(last->given_first);
			last->given_first = sp->given_first;
			sp->given_first = NULL;
		}
		if (strcmp(sp->given_last, last->given_last) > 0) {
			free(last->given_last);
			last->given_last = sp->given_last;
			sp->given_last = NULL;
		}
		span_free(sp);
	}
	out->len = k;
}

enum pc_status search_spans_of(struct pc_store *s, char *const *tokens, size_t n, size_t max,
                               struct search_spans *out, bool *too_many, struct pc_problems *pr)
{
	*out = (struct search_spans){0};
	*too_many = false;
	enum pc_status st = PC_OK;
	for (size_t i = 0; st == PC_OK && !*too_many && i < n; i++) {
		const char *after = NULL;
		char *family = NULL;
		for (;;) {
			st = one(s, after ? SQL_NEXT_FAMILY : SQL_FIRST_FAMILY, tokens[i],
			         after ? after : "", &family, pr);
			if (st != PC_OK || !family)
				break;
			if (out->len >= max) {
				free(family);
				*too_many = true;
				break;
			}
			st = add(s, tokens[i], family, out, pr);
			if (st != PC_OK)
				break;
			after = out->item[out->len - 1].family;
		}
	}
	if (st != PC_OK || *too_many) {
		search_spans_free(out);
		return st;
	}
	merge(out);
	return PC_OK;
}

void search_spans_free(struct search_spans *sp)
{
	for (size_t i = 0; i < sp->len; i++)
		span_free(&sp->item[i]);
	free(sp->item);
	*sp = (struct search_spans){0};
}
