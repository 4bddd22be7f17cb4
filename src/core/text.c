/* UTF-8 helpers (text.h): validation, one-code-point decoding and encoding,
 * the accent- and case-blind folding used by search and duplicate checks,
 * search tokens, control and hidden-character detection, trimming, and text
 * made safe to show (escaped, shortened, CSV cells). Folding knows
 * Latin-1, Latin Extended-A and basic Greek and Cyrillic case; other scripts
 * (syllabics...) pass through untouched. No locale, no wide characters. */
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/text.h"

size_t pc_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	*cp = 0xFFFD;
	if (!n)
		return 0;
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len;
	uint32_t v, min;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

bool pc_utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = pc_utf8_decode(s + i, n - i, &cp);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

size_t pc_utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Unicode white space that people paste into names and numbers. */
static bool is_space(uint32_t cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Latin letters with diacritics and ligatures, as ranges folding to the same
 * ASCII text. Sorted; both cases are listed. */
static const struct {
	uint16_t first, last;
	const char *to;
} latin[] = {
    {0xC0, 0xC5, "a"},      {0xC6, 0xC6, "ae"},   {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},      {0xD0, 0xD0, "d"},    {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},      {0xD9, 0xDC, "u"},    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},     {0xE0, 0xE5, "a"},    {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},      {0xEC, 0xEF, "i"},    {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},      {0xF8, 0xF8, "o"},    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},     {0xFF, 0xFF, "y"},    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"},    {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"},    {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"},    {0x143, 0x14B, "n"},  {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"},    {0x15A, 0x161, "s"},  {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"},    {0x176, 0x178, "y"},  {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
    {0x1E9E, 0x1E9E, "ss"},
};

static const char *fold_latin(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(latin) / sizeof(latin[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < latin[mid].first)
			hi = mid;
		else if (cp > latin[mid].last)
			lo = mid + 1;
		else
			return latin[mid].to;
	}
	return NULL;
}

/* Lower case for the scripts whose case is a fixed offset; others as is. */
static uint32_t lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

/* What one code point becomes: NULL to copy it (after lower()), "" to drop
 * it, " " for white space, or replacement text. */
static const char *fold_one(uint32_t cp)
{
	if (is_space(cp))
		return " ";
	if ((cp >= 0x300 && cp <= 0x36F) || cp == 0xAD || cp == 0x200B || cp == 0x200C ||
	    cp == 0x200D || cp == 0x2060 || cp == 0xFEFF)
		return ""; /* combining accents (decomposed text), soft hyphen, zero widths */
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2032 || cp == 0xB4)
		return "'";
	if (cp >= 0x2010 && cp <= 0x2013)
		return "-";
	if (cp >= 0xC0 && cp <= 0x1E9E)
		return fold_latin(cp);
	return NULL;
}

char *pc_text_fold(const char *s)
{
	struct pc_buf b = {0};
	pc_buf_add(&b, "", 0);
	size_t n = s ? strlen(s) : 0;
	bool space = false; /* a space is owed before the next visible character */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = pc_utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1; /* a malformed byte becomes U+FFFD */
		const char *to = fold_one(cp);
		if (to && !strcmp(to, " ")) {
			space = b.len > 0;
			continue;
		}
		if (to && !*to)
			continue;
		if (space) {
			pc_buf_putc(&b, ' ');
			space = false;
		}
		if (to) {
			pc_buf_puts(&b, to);
		} else {
			char out[4];
			pc_buf_add(&b, out, pc_utf8_encode(lower(cp), out));
		}
	}
	return pc_buf_take(&b);
}

/* Letters, digits, any non-ASCII byte (other scripts), '-' and '\''. */
static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '-' || c == '\'';
}

static bool joiner(char c)
{
	return c == '-' || c == '\'';
}

void pc_text_tokens(const char *folded, void (*emit)(void *ctx, const char *tok, size_t n),
                    void *ctx)
{
	const char *p = folded ? folded : "";
	while (*p) {
		while (*p && !word_byte((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && word_byte((unsigned char)*p))
			p++;
		const char *end = p;
		/* "-" alone or "'quoted'" are not words of their own */
		while (start < end && joiner(*start))
			start++;
		while (end > start && joiner(end[-1]))
			end--;
		if (start == end)
			continue;
		emit(ctx, start, (size_t)(end - start));
		bool compound = false;
		for (const char *q = start; q < end; q++)
			compound |= joiner(*q);
		if (!compound)
			continue;
		for (const char *q = start; q < end;) {
			const char *part = q;
			while (q < end && !joiner(*q))
				q++;
			if (q > part)
				emit(ctx, part, (size_t)(q - part));
			while (q < end && joiner(*q))
				q++;
		}
	}
}

/* Tab counts as a control character: answers are single values, and a tab
 * would break the screen's columns and tab-separated exports. */
bool pc_text_has_control(const char *s, bool allow_newline)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (*p == '\n' && allow_newline)
			continue;
		if (*p < 0x20 || *p == 0x7F)
			return true;
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return true; /* C1, U+0080..U+009F */
	}
	return false;
}

/* Length of the white space (ASCII or Unicode) starting at s, 0 if none. */
static size_t space_at(const char *s, size_t n)
{
	uint32_t cp;
	size_t len = pc_utf8_decode(s, n, &cp);
	return len && is_space(cp) ? len : 0;
}

char *pc_text_trim(char *s)
{
	if (!s)
		return s;
	size_t n = strlen(s), start = 0, end = 0;
	for (size_t i = 0; i < n;) {
		size_t sp = space_at(s + i, n - i);
		if (sp) {
			i += sp;
			if (start == i - sp)
				start = i;
			continue;
		}
		uint32_t cp;
		size_t len = pc_utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
		end = i;
	}
	if (end < start)
		end = start;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

/* ---- hidden characters */

static bool bidi_control(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Letters and marks of the scripts whose spelling uses ZWNJ and ZWJ. */
static bool joining_script(uint32_t cp)
{
	return (cp >= 0x0600 && cp <= 0x08FF && cp != 0x061C) || /* Arabic, Syriac, Thaana, N'Ko */
	       (cp >= 0x0900 && cp <= 0x0DFF) ||                 /* Devanagari .. Sinhala */
	       (cp >= 0x0F00 && cp <= 0x0FFF) ||                 /* Tibetan */
	       (cp >= 0x1000 && cp <= 0x109F) ||                 /* Myanmar */
	       (cp >= 0x1780 && cp <= 0x18AF) ||                 /* Khmer, Mongolian */
	       (cp >= 0xA8E0 && cp <= 0xA8FF) ||                 /* Devanagari Extended */
	       (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE); /* Arabic forms */
}

/* Pictographs, their variation selector and skin tones: ZWJ sequences. */
static bool emoji(uint32_t cp)
{
	return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
	       (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x2640 || cp == 0x2642;
}

bool pc_text_has_invisible(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	uint32_t prev = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp, next = 0;
		size_t len = pc_utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
		if (bidi_control(cp) || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF)
			return true;
		if (cp == 0x200C || cp == 0x200D) {
			if (i < n)
				pc_utf8_decode(s + i, n - i, &next);
			bool script = joining_script(prev) && joining_script(next);
			bool pict = cp == 0x200D && emoji(prev) && emoji(next);
			if (!script && !pict)
				return true;
		}
		prev = cp;
	}
	return false;
}

/* ---- text safe to show */

size_t pc_text_escape_char(const char *s, size_t n, bool allow_newline, char out[8])
{
	static const char hex[] = "0123456789ABCDEF";
	uint32_t cp;
	size_t len = pc_utf8_decode(s, n, &cp);
	if (!len) {
		unsigned char c = (unsigned char)s[0];
		memcpy(out, (char[]){'\\', 'x', hex[c >> 4], hex[c & 15], '\0'}, 5);
		return 1;
	}
	bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || bidi_control(cp);
	if (!control || (cp == '\n' && allow_newline)) {
		memcpy(out, s, len);
		out[len] = '\0';
		return len;
	}
	memcpy(out,
	       (char[]){'\\', 'u', hex[cp >> 12], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15],
	                hex[cp & 15], '\0'},
	       7);
	return len;
}

void pc_text_escape_to(struct pc_buf *b, const char *s, size_t n, bool allow_newline)
{
	size_t plain = 0; /* start of the run copied as it is */
	for (size_t i = 0; i < n;) {
		char out[8];
		size_t len = pc_text_escape_char(s + i, n - i, allow_newline, out);
		if (!memcmp(out, s + i, len) && out[len] == '\0') {
			i += len;
			continue;
		}
		pc_buf_add(b, s + plain, i - plain);
		pc_buf_puts(b, out);
		i += len;
		plain = i;
	}
	pc_buf_add(b, s + plain, n - plain);
}

char *pc_text_escape(const char *s, bool allow_newline)
{
	struct pc_buf b = {0};
	pc_buf_add(&b, "", 0);
	if (s)
		pc_text_escape_to(&b, s, strlen(s), allow_newline);
	return pc_buf_take(&b);
}

char *pc_text_shorten(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0, chars = 0, cut = 0;
	for (size_t i = 0; i < n; chars++) {
		if (chars == max - 1)
			cut = i;
		if (chars == max) {
			char *t = malloc(cut + 4);
			if (t) {
				memcpy(t, s, cut);
				memcpy(t + cut, "\xE2\x80\xA6", 4); /* … */
			}
			return t;
		}
		uint32_t cp;
		size_t len = pc_utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
	}
	return strdup(s ? s : "");
}

void pc_text_csv_cell(struct pc_buf *b, const char *s, bool raw)
{
	if (raw || !s || !*s || !strchr("=+-@\t\r", s[0])) {
		pc_buf_csv_field(b, s ? s : "");
		return;
	}
	size_t n = strlen(s);
	char *t = malloc(n + 2);
	if (!t) {
		b->failed = true;
		return;
	}
	t[0] = '\'';
	memcpy(t + 1, s, n + 1);
	pc_buf_csv_field(b, t);
	free(t);
}
