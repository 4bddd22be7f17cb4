/* Unit tests of text made safe to show (text.h): escaping for a terminal,
 * shortening on a character boundary, the CSV formula guard, the hidden
 * characters refused in answers; and counted messages (i18n.h plurals). */
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/text.h"
#include "test.h"

static void escaped_is(const char *in, bool newline, const char *want)
{
	char *e = pc_text_escape(in, newline);
	CHECK_STR(e, want);
	free(e);
}

static void test_escape(void)
{
	escaped_is("Côté ᐊᐱᐦᑕᐤ 😀", false, "Côté ᐊᐱᐦᑕᐤ 😀");
	escaped_is("\x1b[2J\x1b]0;pwned\x07", false, "\\u001B[2J\\u001B]0;pwned\\u0007");
	escaped_is("a\tb\r\nc", false, "a\\u0009b\\u000D\\u000Ac");
	escaped_is("a\nb", true, "a\nb");
	escaped_is("a\r\nb", true, "a\\u000D\nb");
	escaped_is("del\x7f", false, "del\\u007F");
	escaped_is("c1 \xC2\x9B"
	           "31m \xC2\x85",
	           false, "c1 \\u009B31m \\u0085");
	escaped_is("bidi \xE2\x80\xAE"
	           "exe.txt\xE2\x81\xA6",
	           false, "bidi \\u202Eexe.txt\\u2066");
	escaped_is("raw \x9b"
	           "31m \xff",
	           false, "raw \\x9B31m \\xFF"); /* not UTF-8 */
	escaped_is("\xC3", false, "\\xC3");      /* cut sequence */
	escaped_is("", false, "");
	escaped_is(NULL, false, "");
	/* ZWJ is legitimate text: shown, refused only on input where it hides */
	escaped_is("👩\xE2\x80\x8D💻", false, "👩\xE2\x80\x8D💻");

	struct pc_buf b = {0};
	pc_text_escape_to(&b,
	                  "ab\x1b"
	                  "cd",
	                  3, false); /* only the first n bytes */
	CHECK_STR(b.data, "ab\\u001B");
	pc_buf_free(&b);
}

static void shortened_is(const char *in, size_t max, const char *want)
{
	char *s = pc_text_shorten(in, max);
	CHECK_STR(s, want);
	free(s);
}

static void test_shorten(void)
{
	shortened_is("abc", 3, "abc");
	shortened_is("abcd", 3, "ab…");
	shortened_is("ééééé", 4, "ééé…"); /* characters, not bytes */
	shortened_is("ᐊᐱᐦᑕᐤ", 5, "ᐊᐱᐦᑕᐤ");
	shortened_is("ᐊᐱᐦᑕᐤ", 2, "ᐊ…");
	shortened_is("", 5, "");
	char big[200];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	char *s = pc_text_shorten(big, 60);
	CHECK(s && strlen(s) == 59 + 3 && !strcmp(s + 59, "…"));
	free(s);
}

static void cell_is(const char *in, bool raw, const char *want)
{
	struct pc_buf b = {0};
	pc_buf_add(&b, "", 0);
	pc_text_csv_cell(&b, in, raw);
	CHECK_STR(b.data, want);
	pc_buf_free(&b);
}

static void test_csv(void)
{
	cell_is("=HYPERLINK(\"http://x\")", false, "\"'=HYPERLINK(\"\"http://x\"\")\"");
	cell_is("+1", false, "'+1");
	cell_is("-3", false, "'-3");
	cell_is("@SUM(A1)", false, "'@SUM(A1)");
	cell_is("\tx", false, "'\tx");
	cell_is("\rx", false, "\"'\rx\"");
	cell_is("=1+1", true, "=1+1");
	cell_is("Côté", false, "Côté");
	cell_is("a=b", false, "a=b");
	cell_is("", false, "");
	cell_is(NULL, false, "");
	cell_is("-, x", false, "\"'-, x\"");
}

static void test_invisible(void)
{
	CHECK(!pc_text_has_invisible("Côté ᐊᐱᐦᑕᐤ"));
	CHECK(!pc_text_has_invisible(""));
	CHECK(!pc_text_has_invisible(NULL));
	CHECK(pc_text_has_invisible("abc\xE2\x80\xAEgnp.exe"));
	CHECK(pc_text_has_invisible("\xE2\x81\xA9"));
	CHECK(pc_text_has_invisible("Jo\xE2\x80\x8Bhn"));
	CHECK(pc_text_has_invisible("Jo\xE2\x81\xA0hn")); /* word joiner */
	CHECK(pc_text_has_invisible("Jo\xEF\xBB\xBFhn")); /* BOM inside */
	CHECK(pc_text_has_invisible("Jo\xE2\x80\x8Chn")); /* ZWNJ in Latin */
	CHECK(pc_text_has_invisible("ᐊ\xE2\x80\x8Dᐱ"));   /* ZWJ in syllabics */
	CHECK(pc_text_has_invisible("\xE2\x80\x8C"
	                            "می")); /* nothing before */
	CHECK(!pc_text_has_invisible("می\xE2\x80\x8C"
	                             "خواهم"));
	CHECK(!pc_text_has_invisible("क्\xE2\x80\x8Dष"));
	CHECK(!pc_text_has_invisible("👩\xE2\x80\x8D💻"));
	CHECK(pc_text_has_invisible("a\xE2\x80\x8D💻"));
	CHECK(!pc_text_has_invisible("\xE2\x80\x8E")); /* LRM is a mark, not an override */
}

static void test_plural(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	CHECK_STR(pc_ngettext("… and %zu more problem", "… and %zu more problems", 1),
	          "… and %zu more problem");
	CHECK_STR(pc_ngettext("… and %zu more problem", "… and %zu more problems", 2),
	          "… and %zu more problems");
	CHECK_STR(pc_ngettext("… and %zu more problem", "… and %zu more problems", 0),
	          "… and %zu more problems");
	pc_i18n_set_lang(PC_LANG_FR);
	CHECK_STR(pc_ngettext("… and %zu more problem", "… and %zu more problems", 0),
	          "… et %zu autre problème");
	CHECK_STR(pc_ngettext("… and %zu more problem", "… and %zu more problems", 1),
	          "… et %zu autre problème");
	CHECK_STR(pc_ngettext("… and %zu more problem", "… and %zu more problems", 480),
	          "… et %zu autres problèmes");
	/* a message the catalogue lacks stays English, with English's rule */
	CHECK_STR(pc_ngettext("%zu zebra", "%zu zebras", 2), "%zu zebras");
	/* the singular lookup still finds ordinary entries */
	CHECK_STR(pc_gettext("out of memory"), "mémoire insuffisante");
}

int main(void)
{
	test_escape();
	test_shorten();
	test_csv();
	test_invisible();
	test_plural();
	TEST_DONE();
}
