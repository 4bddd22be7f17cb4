/* UTF-8 text helpers for the core: validation, decoding, and the accent- and
 * case-blind folding used by search and duplicate detection. No wide chars,
 * no locale: the screen's width measuring lives in src/ui/. */
#ifndef PARCOURS_TEXT_H
#define PARCOURS_TEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
bool pc_utf8_valid(const char *s, size_t n);
/* Decodes one code point at s (n bytes available); returns its length in
 * bytes, or 0 if malformed (then *cp is U+FFFD). */
size_t pc_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes room); returns bytes written. */
size_t pc_utf8_encode(uint32_t cp, char out[4]);

/* Folds text for comparison: lower case, Latin diacritics removed (É->e,
 * ç->c, œ->oe, ß->ss), apostrophes and hyphens kept, runs of white space
 * collapsed to one space, trimmed. Other scripts (e.g. syllabics) are kept
 * as they are. Returns a malloc'ed string or NULL on allocation failure. */
char *pc_text_fold(const char *s);

/* Splits folded text into search tokens: words separated by spaces, commas
 * and other punctuation except '-' and '\''; a hyphenated or apostrophed word
 * gives itself and its parts ("anne-marie" -> "anne-marie", "anne", "marie").
 * Calls `emit` for each token (not NUL-terminated: pointer and length). */
void pc_text_tokens(const char *folded, void (*emit)(void *ctx, const char *tok, size_t n),
		    void *ctx);

/* True when s contains a control character (C0 except those allowed, DEL,
 * C1). `allow_newline` permits '\n' (textarea). */
bool pc_text_has_control(const char *s, bool allow_newline);
/* Removes leading and trailing white space in place; returns s. */
char *pc_text_trim(char *s);

#endif
