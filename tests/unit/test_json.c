/* Unit tests of the JSON reader and writer (json.h): round trips, every
 * rejection the reader promises, the tree operations, and numbers written
 * the same whatever the locale. */
#include <locale.h>
#include <math.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "test.h"

static struct pc_json *parse(const char *s)
{
	return pc_json_parse(s, strlen(s), NULL, 0);
}

/* Parses `in`, writes it compactly and compares with `want`. */
static void round_trip(const char *in, const char *want)
{
	char err[200];
	struct pc_json *v = pc_json_parse(in, strlen(in), err, sizeof(err));
	CHECK(v != NULL);
	if (!v) {
		fprintf(stderr, "  parsing %s: %s\n", in, err);
		return;
	}
	char *s = pc_json_to_string(v);
	CHECK_STR(s, want);
	/* and the output reads back to an equal value */
	struct pc_json *w = s ? parse(s) : NULL;
	CHECK(pc_json_equal(v, w));
	pc_json_free(&w);
	free(s);
	pc_json_free(&v);
}

/* `in` must be refused with a message naming `offset` and containing `why`. */
static void refused(const char *in, size_t len, size_t offset, const char *why)
{
	char err[200], want[64];
	struct pc_json *v = pc_json_parse(in, len, err, sizeof(err));
	CHECK(v == NULL);
	snprintf(want, sizeof(want), "at byte %zu:", offset);
	if (!strstr(err, want) || !strstr(err, why)) {
		test_failures++;
		fprintf(stderr, "refusing \"%.*s\": got \"%s\", expected \"%s\" and \"%s\"\n",
		        (int)len, in, err, want, why);
	}
	test_checks++;
	pc_json_free(&v);
}

static void test_round_trips(void)
{
	round_trip("null", "null");
	round_trip(" true ", "true");
	round_trip("false", "false");
	round_trip("0", "0");
	round_trip("-0", "0");
	round_trip("-12", "-12");
	round_trip("3.5", "3.5");
	round_trip("12.50", "12.5");
	round_trip("0.1", "0.1");
	round_trip("1e2", "100");
	round_trip("-2.5E-3", "-0.0025");
	round_trip("9223372036854775807", "9223372036854775807");
	round_trip("-9223372036854775808", "-9223372036854775808");
	round_trip("1e300", "1e+300");
	round_trip("\"\"", "\"\"");
	round_trip("\"a\\\"b\\\\c\\/d\"", "\"a\\\"b\\\\c/d\"");
	round_trip("\"\\b\\f\\n\\r\\t\"", "\"\\u0008\\u000c\\n\\r\\t\"");
	round_trip("\"\\u00e9t\\u00C9\"", "\"étÉ\"");
	round_trip("\"Côté ᐊᐱᐦᑕᐤ\"", "\"Côté ᐊᐱᐦᑕᐤ\"");
	round_trip("\"\\ud83d\\ude00\"", "\"\xF0\x9F\x98\x80\"");
	round_trip("\"\x7f\"", "\"\\u007f\"");
	round_trip("[]", "[]");
	round_trip("{}", "{}");
	round_trip(" [ 1 , [ 2 , { } ] , \"x\" ] ", "[1,[2,{}],\"x\"]");
	round_trip("{\"b\": 1, \"a\": [true, null]}", "{\"b\":1,\"a\":[true,null]}");
	/* duplicate keys keep the last value, at the first one's place */
	round_trip("{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":3,\"b\":2}");
	round_trip("{\"k\":1,\"k\":2,\"k\":3}", "{\"k\":3}");
	/* a byte order mark is skipped */
	round_trip("\xEF\xBB\xBF[1]", "[1]");
}

static void test_numbers(void)
{
	struct pc_json *v = parse("42");
	CHECK(v && v->kind == PC_JSON_NUMBER && v->integral && v->integer == 42);
	pc_json_free(&v);
	v = parse("42.0");
	CHECK(v && v->kind == PC_JSON_NUMBER && !v->integral && v->number == 42.0);
	pc_json_free(&v);
	v = parse("4e1");
	CHECK(v && !v->integral && v->number == 40);
	pc_json_free(&v);
	/* written without fraction but too large for long long: a plain number */
	v = parse("123456789012345678901234567890");
	CHECK(v && !v->integral && v->number > 1.2e29 && v->number < 1.3e29);
	pc_json_free(&v);
	v = parse("9223372036854775808");
	CHECK(v && !v->integral);
	pc_json_free(&v);

	v = pc_json_new_number(3.0);
	CHECK(v && v->integral && v->integer == 3);
	pc_json_free(&v);
	v = pc_json_new_number(0.1 + 0.2);
	char *s = pc_json_to_string(v);
	CHECK_STR(s, "0.3");
	free(s);
	pc_json_free(&v);
	v = pc_json_new_number(1.0 / 3.0);
	s = pc_json_to_string(v);
	CHECK_STR(s, "0.333333333333333");
	free(s);
	pc_json_free(&v);
	v = pc_json_new_number(NAN);
	s = pc_json_to_string(v);
	CHECK_STR(s, "null"); /* no NaN in JSON */
	free(s);
	pc_json_free(&v);

	/* a French numeric locale must not turn 3.5 into 3,5 */
	if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") || setlocale(LC_NUMERIC, "fr_CA.UTF-8")) {
		v = parse("[3.5, 1e-1]");
		s = pc_json_to_string(v);
		CHECK_STR(s, "[3.5,0.1]");
		free(s);
		pc_json_free(&v);
		setlocale(LC_NUMERIC, "C");
	} else {
		/* `make deps` generates fr_CA.UTF-8; without it this check cannot run */
		fprintf(stderr, "no French locale: run make deps (localedef -i fr_CA -f UTF-8 fr_CA.UTF-8)\n");
		CHECK(!"a French locale is installed");
	}
}

static void test_rejections(void)
{
	refused("", 0, 0, "end of text");
	refused("   ", 3, 3, "end of text");
	refused("[1] x", 5, 4, "after the value");
	refused("{} {}", 5, 3, "after the value");
	refused("nul", 3, 0, "unexpected character");
	refused("True", 4, 0, "unexpected character");
	refused("'a'", 3, 0, "unexpected character");
	refused("[1,]", 4, 3, "unexpected character");
	refused("[1 2]", 5, 3, "expected ',' or ']'");
	refused("{\"a\" 1}", 7, 5, "expected ':'");
	refused("{\"a\":1,}", 8, 7, "expected a string key");
	refused("{a:1}", 5, 1, "expected a string key");
	refused("{\"a\":1", 6, 6, "expected ',' or '}'");
	refused("[", 1, 1, "end of text");
	/* numbers per the RFC grammar */
	refused("01", 2, 0, "invalid number");
	refused("-01", 3, 0, "invalid number");
	refused("+1", 2, 0, "unexpected character");
	refused("1.", 2, 0, "invalid number");
	refused(".5", 2, 0, "unexpected character");
	refused("1e", 2, 0, "invalid number");
	refused("1e+", 3, 0, "invalid number");
	refused("-", 1, 0, "invalid number");
	refused("NaN", 3, 0, "unexpected character");
	refused("Infinity", 8, 0, "unexpected character");
	refused("1e400", 5, 0, "out of range");
	refused("[-1e999]", 8, 1, "out of range");
	/* strings */
	refused("\"abc", 4, 4, "unterminated");
	refused("\"a\nb\"", 5, 2, "control character");
	refused("\"a\tb\"", 5, 2, "control character");
	refused("\"a\0b\"", 5, 2, "control character");
	refused("\"\\u0000\"", 8, 1, "\\u0000");
	refused("\"\\x\"", 4, 1, "invalid escape");
	refused("\"\\u12\"", 6, 1, "invalid \\u escape");
	refused("\"\\ud83d\"", 8, 1, "lone surrogate");
	refused("\"\\ud83dx\"", 9, 1, "lone surrogate");
	refused("\"\\ud83d\\u0041\"", 14, 1, "lone surrogate");
	refused("\"\\ude00\"", 8, 1, "lone surrogate");
	/* UTF-8: stray continuation, overlong, surrogate, truncated, too large */
	refused("\"\x80\"", 3, 1, "invalid UTF-8");
	refused("\"\xC0\xAF\"", 4, 1, "invalid UTF-8");
	refused("\"\xED\xA0\x80\"", 5, 1, "invalid UTF-8");
	refused("\"\xE2\x82\"", 4, 1, "invalid UTF-8");
	refused("\"\xF4\x90\x80\x80\"", 6, 1, "invalid UTF-8");
	refused("\"\xFF\"", 3, 1, "invalid UTF-8");
	/* a length that stops inside the text is honoured */
	refused("[1]", 2, 2, "expected ',' or ']'");

	/* depth: PC_JSON_MAX_DEPTH levels are fine, one more is not */
	char deep[2 * PC_JSON_MAX_DEPTH + 4];
	for (int i = 0; i < PC_JSON_MAX_DEPTH; i++) {
		deep[i] = '[';
		deep[PC_JSON_MAX_DEPTH + i] = ']';
	}
	struct pc_json *v = pc_json_parse(deep, 2 * PC_JSON_MAX_DEPTH, NULL, 0);
	CHECK(v != NULL);
	pc_json_free(&v);
	char deeper[2 * PC_JSON_MAX_DEPTH + 4];
	for (int i = 0; i <= PC_JSON_MAX_DEPTH; i++) {
		deeper[i] = '[';
		deeper[PC_JSON_MAX_DEPTH + 1 + i] = ']';
	}
	refused(deeper, 2 * PC_JSON_MAX_DEPTH + 2, PC_JSON_MAX_DEPTH, "nested too deeply");
	/* a NULL error buffer is allowed */
	CHECK(pc_json_parse("[", 1, NULL, 0) == NULL);
	/* a tiny buffer is cut, never overrun */
	char tiny[8];
	CHECK(pc_json_parse("[", 1, tiny, sizeof(tiny)) == NULL);
	CHECK(strlen(tiny) == sizeof(tiny) - 1);
}

static void test_tree(void)
{
	struct pc_json *o = pc_json_new(PC_JSON_OBJECT);
	CHECK(pc_json_object_set(o, "a", pc_json_new_integer(1)));
	CHECK(pc_json_object_set(o, "b", pc_json_new_string("x")));
	CHECK(pc_json_object_set(o, "c", pc_json_new_bool(true)));
	/* replaced in place */
	CHECK(pc_json_object_set(o, "a", pc_json_new_number(2.5)));
	char *s = pc_json_to_string(o);
	CHECK_STR(s, "{\"a\":2.5,\"b\":\"x\",\"c\":true}");
	free(s);
	CHECK(pc_json_object_get(o, "b") && !strcmp(pc_json_object_get(o, "b")->string, "x"));
	CHECK(pc_json_object_get(o, "zz") == NULL);
	pc_json_object_remove(o, "b");
	pc_json_object_remove(o, "nothing");
	s = pc_json_to_string(o);
	CHECK_STR(s, "{\"a\":2.5,\"c\":true}");
	free(s);
	/* containers refuse a NULL item and the wrong kind */
	CHECK(!pc_json_object_set(o, "n", NULL));
	struct pc_json *arr = pc_json_new(PC_JSON_ARRAY);
	CHECK(!pc_json_array_push(arr, NULL));
	CHECK(!pc_json_array_push(o, pc_json_new_integer(1)));
	for (int i = 0; i < 100; i++)
		CHECK(pc_json_array_push(arr, pc_json_new_integer(i)));
	CHECK(arr->len == 100 && arr->items[99]->integer == 99);
	CHECK(pc_json_object_set(o, "list", arr));
	CHECK(pc_json_object_set(o, "s", pc_json_new_stringn("abcdef", 3)));

	struct pc_json *c = pc_json_clone(o);
	CHECK(pc_json_equal(o, c));
	CHECK(c != o && c->items[0] != o->items[0]);
	/* key order does not matter; values do */
	struct pc_json *p1 = parse("{\"a\":1,\"b\":[1,2]}"), *p2 = parse("{\"b\":[1,2],\"a\":1.0}");
	struct pc_json *p3 = parse("{\"b\":[2,1],\"a\":1}"), *p4 = parse("{\"a\":1}");
	CHECK(pc_json_equal(p1, p2));
	CHECK(!pc_json_equal(p1, p3));
	CHECK(!pc_json_equal(p1, p4));
	CHECK(!pc_json_equal(p4, p1));
	CHECK(pc_json_equal(NULL, NULL));
	CHECK(!pc_json_equal(p1, NULL));
	pc_json_free(&p1);
	pc_json_free(&p2);
	pc_json_free(&p3);
	pc_json_free(&p4);
	CHECK(p1 == NULL);

	/* pretty printing */
	struct pc_json *v = parse("{\"a\":[1,{\"b\":null}],\"e\":[],\"s\":\"é\"}");
	struct pc_buf b = {0};
	pc_json_write(v, &b, 2);
	CHECK_STR(b.data, "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n"
	                  "  \"e\": [],\n  \"s\": \"é\"\n}");
	struct pc_json *back = pc_json_parse(b.data, b.len, NULL, 0);
	CHECK(pc_json_equal(v, back));
	pc_buf_free(&b);
	pc_json_free(&back);
	pc_json_free(&v);
	pc_json_free(&c);
	pc_json_free(&o);
	pc_json_free(&o); /* twice is harmless */
}

/* Many keys, many duplicates: stays fast and keeps the last values. */
static void test_many_keys(void)
{
	struct pc_buf b = {0};
	pc_buf_putc(&b, '{');
	enum { N = 20000 };
	for (int i = 0; i < N; i++)
		pc_buf_printf(&b, "%s\"k%d\":%d", i ? "," : "", i % (N / 2), i);
	pc_buf_putc(&b, '}');
	struct pc_json *v = pc_json_parse(b.data, b.len, NULL, 0);
	CHECK(v && v->len == N / 2);
	CHECK(v && !strcmp(v->keys[0], "k0") && v->items[0]->integer == N / 2);
	CHECK(v && pc_json_object_get(v, "k7")->integer == N / 2 + 7);
	pc_json_free(&v);
	pc_buf_free(&b);
}

static void test_messages_translated(void)
{
	/* the message goes through the catalogue: English here, so it is fixed */
	pc_i18n_set_lang(PC_LANG_EN);
	char err[200];
	CHECK(pc_json_parse("[1,", 3, err, sizeof(err)) == NULL);
	CHECK_STR(err, "invalid JSON at byte 3: unexpected end of text");
}

int main(void)
{
	/* messages are checked in English, the catalogue's msgids */
	pc_i18n_set_lang(PC_LANG_EN);
	test_round_trips();
	test_numbers();
	test_rejections();
	test_tree();
	test_many_keys();
	test_messages_translated();
	TEST_DONE();
}
