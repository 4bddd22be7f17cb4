/* Where in the list's name order a search word's matches lie
 * (search_span.c), for the search plans of participant_search.c only: the
 * family names of the participants holding its tokens, each with the
 * first and last given name among them. A participant matching several
 * words lies in one of the stretches of each word, so a walk in name
 * order through the stretches of the word with the fewest finds every
 * match, in order. */
#ifndef PARCOURS_SEARCH_SPAN_H
#define PARCOURS_SEARCH_SPAN_H
#include <stdbool.h>
#include "store_internal.h"

/* Participants of family name `family` with given_first <= given name <=
 * given_last (all folded). */
struct search_span {
	char *family, *given_first, *given_last;
};

struct search_spans {
	struct search_span *item; /* in name order, one per family */
	size_t len, cap;
};

/* Characters (not bytes) of a UTF-8 token. */
size_t search_chars(const char *tok);

/* The stretches of the participants holding one of tokens[0..n), in name
 * order, or *too_many (and none) when they are spread over more than
 * `max` family names. */
enum pc_status search_spans_of(struct pc_store *s, char *const *tokens, size_t n, size_t max,
                               struct search_spans *out, bool *too_many, struct pc_problems *pr);

void search_spans_free(struct search_spans *sp);

#endif
