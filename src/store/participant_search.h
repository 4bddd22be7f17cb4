/* What the search plans (participant_search.c) share with the count of
 * matches (participant_count.c): a query word's index range, the plans'
 * budget, and the pieces of SQL both build. Store-internal. */
#ifndef PARCOURS_PARTICIPANT_SEARCH_H
#define PARCOURS_PARTICIPANT_SEARCH_H
#include <stdbool.h>
#include "parcours/buf.h"
#include "store_internal.h"

enum {
	/* A word with fewer index entries is read whole: sorting this many
	 * small index rows takes well under a millisecond. */
	DENSE_ENTRIES = 2000,
	/* Up to this many distinct tokens, their heads are merged; a single
	 * word the walk could not serve, up to WIDE_MERGE_TOKENS when the
	 * page ends before row WIDE_MERGE_ROWS. */
	MERGE_TOKENS = 64,
	WIDE_MERGE_TOKENS = 512,
	WIDE_MERGE_ROWS = 200,
	/* several words: the driver's matches are walked family by family
	 * when they have at most this many family names */
	MAX_FAMILIES = 256,
	MAX_WORDS = 8, /* the core asks at most 8 */
	/* A plan with a budget gives up after this many progress ticks of
	 * PROGRESS_STEPS virtual machine steps: a few milliseconds (about
	 * 10,000 participants walked, or 2,000 merged rows checked). */
	PROGRESS_STEPS = 100,
	BUDGET_TICKS = 400,
};

/* One query word: lo <= token < hi, hi being lo followed by 0xFF, a byte no
 * UTF-8 text holds, so every extension of lo sorts below it; needle is
 * " lo", found in search_keys when a token starts with lo. */
struct term {
	const char *lo;
	char *hi, *needle;
	long long entries; /* counted up to DENSE_ENTRIES */
};

/* From a token row to its participant's search_keys (the name index). */
extern const char SEARCH_JOIN_NAME[];
/* A one- or two-character word's matches in list order: [len - 1]. */
extern const char *const SEARCH_SQL_FIRST[2];

/* " AND instr(p.search_keys, ?N) > 0" for terms[from..n), numbered from
 * parameter `first`; search_bind_needles binds them. */
void search_add_filters(struct pc_buf *b, size_t from, size_t n, size_t first);
void search_bind_needles(sqlite3_stmt *st, const struct term *terms, size_t from, size_t n,
                         int first);
/* A progress handler that interrupts once *(int *)ctx ticks are spent. */
int search_tick(void *ctx);
/* Prepares b's text (taken); NULL with problems. */
sqlite3_stmt *search_prepare(struct pc_store *s, struct pc_buf *b, struct pc_problems *pr);
/* The only non-empty token, or NULL (none) or "" (several). */
const char *search_single_word(const char *const *tokens, size_t ntokens);
/* The terms of the non-empty tokens in terms[0..*nt), entries counted,
 * the rarest first; free with search_terms_free (also after a failure). */
enum pc_status search_make_terms(struct pc_store *s, const char *const *tokens, size_t ntokens,
                                 struct term *terms, size_t *nt, struct pc_problems *pr);
void search_terms_free(struct term *terms, size_t nt);

#endif
