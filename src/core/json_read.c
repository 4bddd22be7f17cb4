/* The strict RFC 8259 reader of json.h: depth and size limits, UTF-8 and
 * escapes checked, duplicate keys keep the last value (or are refused by
 * pc_json_parse_unique), errors with their
 * byte offset. Builds trees with json.c's constructors. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/text.h"
#include "json_internal.h"

/* ---- reader */

struct reader {
	const char *s;
	size_t len, pos;
	int depth;
	char *err;
	size_t errlen;
	bool failed;
	bool unique; /* duplicate keys are an error */
};

/* Records the first error only; `why` is already translated. */
static void fail(struct reader *r, size_t at, const char *why)
{
	if (r->failed)
		return;
	r->failed = true;
	if (r->err && r->errlen)
		snprintf(r->err, r->errlen, _("invalid JSON at byte %zu: %s"), at, why);
}

static void skip_ws(struct reader *r)
{
	while (r->pos < r->len) {
		char c = r->s[r->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		r->pos++;
	}
}

static bool literal(struct reader *r, const char *word)
{
	size_t n = strlen(word);
	if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0)
		return false;
	r->pos += n;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the 4 hex digits of a \u escape at r->pos; -1 when malformed. */
static long hex4(struct reader *r)
{
	if (r->len - r->pos < 4)
		return -1;
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(r->s[r->pos + (size_t)i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	r->pos += 4;
	return v;
}

/* Decodes a \u escape (after the 'u'), joining surrogate pairs. */
static bool unicode_escape(struct reader *r, struct pc_buf *b, size_t start)
{
	long cp = hex4(r);
	if (cp < 0) {
		fail(r, start, _("invalid \\u escape"));
		return false;
	}
	if (cp >= 0xDC00 && cp <= 0xDFFF) {
		fail(r, start, _("lone surrogate in \\u escape"));
		return false;
	}
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (!literal(r, "\\u")) {
			fail(r, start, _("lone surrogate in \\u escape"));
			return false;
		}
		long lo = hex4(r);
		if (lo < 0xDC00 || lo > 0xDFFF) {
			fail(r, start, _("lone surrogate in \\u escape"));
			return false;
		}
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp == 0) {
		fail(r, start, _("\\u0000 is not allowed in text"));
		return false;
	}
	char out[4];
	pc_buf_add(b, out, pc_utf8_encode((uint32_t)cp, out));
	return true;
}

/* Reads a string at r->pos (on the opening quote); malloc'ed, or NULL. */
static char *read_string(struct reader *r)
{
	struct pc_buf b = {0};
	pc_buf_add(&b, "", 0);
	r->pos++;
	while (!r->failed) {
		if (r->pos >= r->len) {
			fail(r, r->pos, _("unterminated string"));
			break;
		}
		unsigned char c = (unsigned char)r->s[r->pos];
		if (c == '"') {
			r->pos++;
			break;
		}
		if (c < 0x20) {
			fail(r, r->pos, _("control character in a string"));
			break;
		}
		if (c == '\\') {
			size_t start = r->pos;
			if (r->pos + 1 >= r->len) {
				fail(r, start, _("unterminated string"));
				break;
			}
			char e = r->s[r->pos + 1];
			r->pos += 2;
			const char *simple = strchr("\"\\/bfnrt", e);
			if (e && simple) {
				static const char plain[] = "\"\\/\b\f\n\r\t";
				pc_buf_putc(&b, plain[simple - "\"\\/bfnrt"]);
			} else if (e == 'u') {
				unicode_escape(r, &b, start);
			} else {
				fail(r, start, _("invalid escape in a string"));
			}
			continue;
		}
		if (c < 0x80) {
			pc_buf_putc(&b, (char)c);
			r->pos++;
			continue;
		}
		uint32_t cp;
		size_t n = pc_utf8_decode(r->s + r->pos, r->len - r->pos, &cp);
		if (!n) {
			fail(r, r->pos, _("invalid UTF-8"));
			break;
		}
		pc_buf_add(&b, r->s + r->pos, n);
		r->pos += n;
	}
	if (b.failed)
		fail(r, r->pos, _("out of memory"));
	if (r->failed) {
		pc_buf_free(&b);
		return NULL;
	}
	return pc_buf_take(&b);
}

static size_t digits(struct reader *r)
{
	size_t n = 0;
	while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9') {
		r->pos++;
		n++;
	}
	return n;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static struct pc_json *read_number(struct reader *r)
{
	size_t start = r->pos;
	if (r->s[r->pos] == '-')
		r->pos++;
	size_t int_start = r->pos;
	size_t nint = digits(r);
	if (nint == 0 || (nint > 1 && r->s[int_start] == '0')) {
		fail(r, start, _("invalid number"));
		return NULL;
	}
	bool plain = true;
	if (r->pos < r->len && r->s[r->pos] == '.') {
		r->pos++;
		plain = false;
		if (!digits(r)) {
			fail(r, start, _("invalid number"));
			return NULL;
		}
	}
	if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
		r->pos++;
		plain = false;
		if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
			r->pos++;
		if (!digits(r)) {
			fail(r, start, _("invalid number"));
			return NULL;
		}
	}
	if (plain) {
		bool neg = r->s[start] == '-';
		unsigned long long u = 0,
		                   limit = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
		bool fits = true;
		for (size_t i = int_start; i < r->pos && fits; i++) {
			unsigned d = (unsigned)(r->s[i] - '0');
			if (u > (limit - d) / 10)
				fits = false;
			else
				u = u * 10 + d;
		}
		if (fits) {
			long long i = neg ? (u == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN
			                                                            : -(long long)u)
			                  : (long long)u;
			struct pc_json *v = pc_json_new_integer(i);
			if (!v)
				fail(r, start, _("out of memory"));
			return v;
		}
	}
	size_t n = r->pos - start;
	char small[64], *text = n < sizeof(small) ? small : malloc(n + 1);
	if (!text) {
		fail(r, start, _("out of memory"));
		return NULL;
	}
	memcpy(text, r->s + start, n);
	text[n] = '\0';
	double d = json_c_strtod(text, NULL);
	if (text != small)
		free(text);
	if (!isfinite(d)) {
		fail(r, start, _("number out of range"));
		return NULL;
	}
	struct pc_json *v = pc_json_new(PC_JSON_NUMBER);
	if (!v)
		fail(r, start, _("out of memory"));
	else
		v->number = d == 0 ? 0 : d; /* no -0 */
	return v;
}

static struct pc_json *read_value(struct reader *r);

static struct pc_json *read_array(struct reader *r)
{
	struct pc_json *arr = pc_json_new(PC_JSON_ARRAY);
	if (!arr) {
		fail(r, r->pos, _("out of memory"));
		return NULL;
	}
	r->pos++;
	skip_ws(r);
	if (r->pos < r->len && r->s[r->pos] == ']') {
		r->pos++;
		return arr;
	}
	for (;;) {
		struct pc_json *item = read_value(r);
		if (!item)
			break;
		if (!pc_json_array_push(arr, item)) {
			fail(r, r->pos, _("out of memory"));
			break;
		}
		skip_ws(r);
		if (r->pos < r->len && r->s[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (r->pos < r->len && r->s[r->pos] == ']') {
			r->pos++;
			return arr;
		}
		fail(r, r->pos, _("expected ',' or ']'"));
		break;
	}
	pc_json_free(&arr);
	return NULL;
}

struct key_ref {
	const char *key;
	size_t index;
};

static int cmp_key_ref(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Duplicate keys keep the last value at the place of the first, as
 * pc_json_object_set would. Sorting references keeps this O(n log n) for
 * objects with many keys. */
static bool dedupe_keys(struct reader *r, struct pc_json *obj)
{
	size_t n = obj->len;
	if (n < 2)
		return true;
	struct key_ref *refs = malloc(n * sizeof(*refs));
	if (!refs)
		return false;
	for (size_t i = 0; i < n; i++)
		refs[i] = (struct key_ref){obj->keys[i], i};
	qsort(refs, n, sizeof(*refs), cmp_key_ref);
	bool any = false;
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !strcmp(refs[i].key, refs[j].key))
			j++;
		if (j - i > 1 && r->unique) {
			char why[160];
			snprintf(why, sizeof(why), _("the key \"%.60s\" is given twice"), refs[i].key);
			fail(r, r->pos, why);
			free(refs);
			return true;
		}
		if (j - i > 1) {
			size_t first = refs[i].index, last = refs[j - 1].index;
			pc_json_free(&obj->items[first]);
			obj->items[first] = obj->items[last];
			obj->items[last] = NULL;
			for (size_t k = i + 1; k < j; k++) {
				size_t at = refs[k].index;
				free(obj->keys[at]);
				obj->keys[at] = NULL;
				pc_json_free(&obj->items[at]);
			}
			any = true;
		}
		i = j;
	}
	free(refs);
	if (any) {
		size_t w = 0;
		for (size_t i = 0; i < n; i++) {
			if (!obj->keys[i])
				continue;
			obj->keys[w] = obj->keys[i];
			obj->items[w++] = obj->items[i];
		}
		obj->len = w;
	}
	return true;
}

static struct pc_json *read_object(struct reader *r)
{
	struct pc_json *obj = pc_json_new(PC_JSON_OBJECT);
	if (!obj) {
		fail(r, r->pos, _("out of memory"));
		return NULL;
	}
	r->pos++;
	skip_ws(r);
	if (r->pos < r->len && r->s[r->pos] == '}') {
		r->pos++;
		return obj;
	}
	for (;;) {
		skip_ws(r);
		if (r->pos >= r->len || r->s[r->pos] != '"') {
			fail(r, r->pos, _("expected a string key"));
			break;
		}
		char *key = read_string(r);
		if (!key)
			break;
		skip_ws(r);
		if (r->pos >= r->len || r->s[r->pos] != ':') {
			free(key);
			fail(r, r->pos, _("expected ':'"));
			break;
		}
		r->pos++;
		struct pc_json *item = read_value(r);
		if (!item) {
			free(key);
			break;
		}
		if (!json_object_append(obj, key, item)) {
			fail(r, r->pos, _("out of memory"));
			break;
		}
		skip_ws(r);
		if (r->pos < r->len && r->s[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (r->pos < r->len && r->s[r->pos] == '}') {
			r->pos++;
			if (!dedupe_keys(r, obj))
				fail(r, r->pos, _("out of memory"));
			if (!r->failed)
				return obj;
			break;
		}
		fail(r, r->pos, _("expected ',' or '}'"));
		break;
	}
	pc_json_free(&obj);
	return NULL;
}

static struct pc_json *read_value(struct reader *r)
{
	skip_ws(r);
	if (r->pos >= r->len) {
		fail(r, r->pos, _("unexpected end of text"));
		return NULL;
	}
	char c = r->s[r->pos];
	struct pc_json *v = NULL;
	if (c == '{' || c == '[') {
		if (++r->depth > PC_JSON_MAX_DEPTH) {
			fail(r, r->pos, _("nested too deeply"));
			return NULL;
		}
		v = c == '{' ? read_object(r) : read_array(r);
		r->depth--;
		return v;
	}
	if (c == '"') {
		char *s = read_string(r);
		if (!s)
			return NULL;
		v = pc_json_new(PC_JSON_STRING);
		if (!v) {
			free(s);
			fail(r, r->pos, _("out of memory"));
			return NULL;
		}
		v->string = s;
		return v;
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return read_number(r);
	size_t at = r->pos;
	if (literal(r, "true"))
		v = pc_json_new(PC_JSON_TRUE);
	else if (literal(r, "false"))
		v = pc_json_new(PC_JSON_FALSE);
	else if (literal(r, "null"))
		v = pc_json_new(PC_JSON_NULL);
	else {
		fail(r, at, _("unexpected character"));
		return NULL;
	}
	if (!v)
		fail(r, at, _("out of memory"));
	return v;
}

/* Byte offsets in messages count from 0, like every other byte offset. A
 * leading UTF-8 byte order mark is skipped (RFC 8259 section 8.1 allows
 * it), since Windows editors add one. */
static struct pc_json *parse(const char *text, size_t len, char *err, size_t errlen, bool unique)
{
	struct reader r = {.s = text ? text : "",
			   .len = text ? len : 0,
			   .err = err,
			   .errlen = errlen,
			   .unique = unique};
	if (err && errlen)
		err[0] = '\0';
	if (r.len > JSON_MAX_TEXT) {
		fail(&r, 0, _("the text is too large"));
		return NULL;
	}
	if (r.len >= 3 && !memcmp(r.s, "\xEF\xBB\xBF", 3))
		r.pos = 3;
	struct pc_json *v = read_value(&r);
	if (v) {
		skip_ws(&r);
		if (r.pos < r.len) {
			fail(&r, r.pos, _("unexpected text after the value"));
			pc_json_free(&v);
		}
	}
	return v;
}

struct pc_json *pc_json_parse(const char *text, size_t len, char *err, size_t errlen)
{
	return parse(text, len, err, errlen, false);
}

struct pc_json *pc_json_parse_unique(const char *text, size_t len, char *err, size_t errlen)
{
	return parse(text, len, err, errlen, true);
}
