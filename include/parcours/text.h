/* UTF-8 text helpers for the core: validation, decoding, the accent- and
 * case-blind folding used by search and duplicate detection, and text made
 * safe to show (escaping, shortening, CSV formula guard). No wide chars, no
 * locale: the screen's width measuring lives in src/ui/. */
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
/* True when s contains a character that hides or reorders what a reader
 * sees: a bidirectional embedding, override or isolate (U+202A..U+202E,
 * U+2066..U+2069), a zero-width space or word joiner (U+200B, U+2060,
 * U+FEFF), or a zero-width non-joiner or joiner (U+200C, U+200D) that is not
 * between two letters of a script that needs them (Arabic, Syriac, N'Ko,
 * the Indic scripts, Tibetan, Myanmar, Khmer, Mongolian) or, for U+200D,
 * between two emoji. Latin and Cree syllabics never need them. */
bool pc_text_has_invisible(const char *s);
/* Removes leading and trailing white space in place; returns s. */
char *pc_text_trim(char *s);

struct pc_buf;
/* Appends s[0..n) to b as text safe for a terminal: printable characters as
 * they are; control characters (C0, DEL, C1; '\n' kept when allow_newline)
 * and bidirectional embeddings, overrides and isolates as "\u" and four
 * upper-case hex digits (ESC is "\u001B"); a byte that is not UTF-8 as
 * "\xHH". Escape sequences thus reach the reader as visible text. */
void pc_text_escape_to(struct pc_buf *b, const char *s, size_t n, bool allow_newline);
/* The shown form of the one character at s (n > 0 bytes available), as
 * pc_text_escape_to writes it, NUL-terminated in out; returns how many bytes
 * of s it stands for. Needs no memory: for printing when memory runs out. */
size_t pc_text_escape_char(const char *s, size_t n, bool allow_newline, char out[8]);
/* The same as a malloc'ed string (NULL s gives ""); NULL on allocation
 * failure. */
char *pc_text_escape(const char *s, bool allow_newline);
/* s cut to at most max characters (code points; max >= 2): a longer text
 * keeps its first max - 1 characters and ends with "…". Malloc'ed; NULL on
 * allocation failure. */
char *pc_text_shorten(const char *s, size_t max);
/* Appends s to b as one RFC 4180 CSV cell of text. Unless raw, a cell that a
 * spreadsheet would take as a formula (first character '=', '+', '-', '@',
 * tab or carriage return) is written with a leading apostrophe (the OWASP
 * rule against CSV injection). Only for text: numbers are written as they
 * are. */
void pc_text_csv_cell(struct pc_buf *b, const char *s, bool raw);

#endif
