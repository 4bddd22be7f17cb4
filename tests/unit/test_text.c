/* Unit tests of the UTF-8 helpers (text.h): validation, decoding and
 * encoding, folding for search, tokens, control characters, trimming. */
#include "parcours/text.h"
#include "test.h"

static void fold_is(const char *in, const char *want)
{
	char *f = pc_text_fold(in);
	CHECK_STR(f, want);
	free(f);
}

struct tokens {
	char list[512]; /* "a|b|c" */
};

static void collect(void *ctx, const char *tok, size_t n)
{
	struct tokens *t = ctx;
	size_t len = strlen(t->list);
	snprintf(t->list + len, sizeof(t->list) - len, "%s%.*s", len ? "|" : "", (int)n, tok);
}

static void tokens_are(const char *folded, const char *want)
{
	struct tokens t = {{0}};
	pc_text_tokens(folded, collect, &t);
	CHECK_STR(t.list, want);
}

static void test_utf8(void)
{
	CHECK(pc_utf8_valid("", 0));
	CHECK(pc_utf8_valid("Côté ᐊᐱᐦᑕᐤ \xF0\x9F\x98\x80", strlen("Côté ᐊᐱᐦᑕᐤ \xF0\x9F\x98\x80")));
	CHECK(!pc_utf8_valid("\x80", 1));             /* stray continuation */
	CHECK(!pc_utf8_valid("\xC3", 1));             /* truncated */
	CHECK(!pc_utf8_valid("\xC3\x28", 2));         /* bad continuation */
	CHECK(!pc_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
	CHECK(!pc_utf8_valid("\xE0\x80\xAF", 3));     /* overlong */
	CHECK(!pc_utf8_valid("\xF0\x80\x80\xAF", 4)); /* overlong */
	CHECK(!pc_utf8_valid("\xED\xA0\x80", 3));     /* surrogate D800 */
	CHECK(!pc_utf8_valid("\xED\xBF\xBF", 3));     /* surrogate DFFF */
	CHECK(!pc_utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
	CHECK(!pc_utf8_valid("\xFE", 1));
	CHECK(pc_utf8_valid("\xEF\xBF\xBF", 3));     /* U+FFFF is a code point */
	CHECK(pc_utf8_valid("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
	/* the length is honoured: a sequence cut by n is malformed */
	CHECK(!pc_utf8_valid("é", 1));

	uint32_t cp = 0;
	CHECK(pc_utf8_decode("é", 2, &cp) == 2 && cp == 0xE9);
	CHECK(pc_utf8_decode("ᐊ", 3, &cp) == 3 && cp == 0x140A);
	CHECK(pc_utf8_decode("\xF0\x9F\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
	CHECK(pc_utf8_decode("A", 1, &cp) == 1 && cp == 'A');
	CHECK(pc_utf8_decode("\xC3", 1, &cp) == 0 && cp == 0xFFFD);
	CHECK(pc_utf8_decode("x", 0, &cp) == 0 && cp == 0xFFFD);

	char out[4];
	CHECK(pc_utf8_encode('a', out) == 1 && out[0] == 'a');
	CHECK(pc_utf8_encode(0xE9, out) == 2 && !memcmp(out, "é", 2));
	CHECK(pc_utf8_encode(0x140A, out) == 3 && !memcmp(out, "ᐊ", 3));
	CHECK(pc_utf8_encode(0x1F600, out) == 4 && !memcmp(out, "\xF0\x9F\x98\x80", 4));
	CHECK(pc_utf8_encode(0xD800, out) == 3 && !memcmp(out, "\xEF\xBF\xBD", 3));
	CHECK(pc_utf8_encode(0x110000, out) == 3 && !memcmp(out, "\xEF\xBF\xBD", 3));
	/* every code point survives encode then decode */
	for (uint32_t c = 1; c <= 0x10FFFF; c += (c < 0x3000 ? 1 : 97)) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		size_t n = pc_utf8_encode(c, out);
		uint32_t back;
		if (pc_utf8_decode(out, n, &back) != n || back != c) {
			CHECK(!"encode/decode round trip");
			break;
		}
	}
}

static void test_fold(void)
{
	fold_is("Élisabeth", "elisabeth");
	fold_is("CÔTÉ", "cote");
	fold_is("Œuvre", "oeuvre");
	fold_is("  Anne-Marie   Côté ", "anne-marie cote");
	fold_is("ᐊᐱᐦᑕᐤ", "ᐊᐱᐦᑕᐤ");
	fold_is("Ᏻ Ꮟ", "Ᏻ Ꮟ"); /* Cherokee: kept as is */
	fold_is("Çà et là, ÆSOP, Straße, ÿ", "ca et la, aesop, strasse, y");
	fold_is("O’Neil", "o'neil");
	fold_is("O‘Neil", "o'neil");
	fold_is("Łukasz Wałęsa, Dvořák, Şahin, Ĳssel", "lukasz walesa, dvorak, sahin, ijssel");
	fold_is("ÀÁÂÃÄÅ àáâãäå ÈÉÊË ÌÍÎÏ ÒÓÔÕÖØ ÙÚÛÜ Ý Ñ",
	        "aaaaaa aaaaaa eeee iiii oooooo uuuu y n");
	/* decomposed accents (e + U+0301) fold like composed ones */
	fold_is("Ce\xCC\x81line", "celine");
	/* tabs, newlines and no-break spaces are white space */
	fold_is("\tJean\n\xC2\xA0Paul\xE2\x80\xAF", "jean paul");
	fold_is("", "");
	fold_is("   ", "");
	fold_is("ΑΘΗΝΑ Москва", "αθηνα москва");
	fold_is("Jean‐Paul", "jean-paul"); /* U+2010 hyphen */
	fold_is("2026-0001", "2026-0001");
	/* a malformed byte becomes U+FFFD, so the result stays valid UTF-8 */
	char *f = pc_text_fold("a\xFF"
	                       "b");
	CHECK_STR(f, "a\xEF\xBF\xBD"
	             "b");
	CHECK(f && pc_utf8_valid(f, strlen(f)));
	free(f);
	/* folding is idempotent */
	f = pc_text_fold("  Éloïse O’Brien-Ṡmith ᑕᑯ ");
	char *g = f ? pc_text_fold(f) : NULL;
	CHECK_STR(g, f);
	free(f);
	free(g);
}

static void test_tokens(void)
{
	tokens_are("anne-marie", "anne-marie|anne|marie");
	tokens_are("o'neil", "o'neil|o|neil");
	tokens_are("cote, elisabeth", "cote|elisabeth");
	tokens_are("  cote   el ", "cote|el");
	tokens_are("saint-jean-baptiste", "saint-jean-baptiste|saint|jean|baptiste");
	tokens_are("jean--paul", "jean--paul|jean|paul");
	tokens_are("- ' -x- 'y'", "x|y");
	tokens_are("2026-0001", "2026-0001|2026|0001");
	tokens_are("ᐊᐱᐦᑕᐤ cote", "ᐊᐱᐦᑕᐤ|cote");
	tokens_are("a.b;c/d(e)", "a|b|c|d|e");
	tokens_are("", "");
	tokens_are(NULL, "");
}

static void test_control(void)
{
	CHECK(!pc_text_has_control("Côté, Élisabeth", false));
	CHECK(!pc_text_has_control("", false));
	CHECK(pc_text_has_control("a\nb", false));
	CHECK(!pc_text_has_control("a\nb", true));
	CHECK(pc_text_has_control("a\tb", false));
	CHECK(pc_text_has_control("a\tb", true));
	CHECK(pc_text_has_control("a\rb", true));
	CHECK(pc_text_has_control("\x1b[31m", true));
	CHECK(pc_text_has_control("\x01", false));
	CHECK(pc_text_has_control("a\x7f", false));
	CHECK(pc_text_has_control("a\xC2\x80", false)); /* U+0080 */
	CHECK(pc_text_has_control("a\xC2\x9B"
	                          "31m",
	                          false));                      /* CSI */
	CHECK(!pc_text_has_control("\xC2\xA0\xC2\xA9", false)); /* NBSP, © */
	CHECK(!pc_text_has_control("ᐊᐱᐦᑕᐤ", false));
}

static void test_trim(void)
{
	char a[] = "  x y \t\n";
	CHECK_STR(pc_text_trim(a), "x y");
	char b[] = "\xC2\xA0\xE2\x80\xAF"
	           "Côté\xE3\x80\x80";
	CHECK_STR(pc_text_trim(b), "Côté");
	char c[] = "   ";
	CHECK_STR(pc_text_trim(c), "");
	char d[] = "";
	CHECK_STR(pc_text_trim(d), "");
	char e[] = "abc";
	CHECK(pc_text_trim(e) == e && !strcmp(e, "abc"));
	CHECK(pc_text_trim(NULL) == NULL);
}

int main(void)
{
	test_utf8();
	test_fold();
	test_tokens();
	test_control();
	test_trim();
	TEST_DONE();
}
