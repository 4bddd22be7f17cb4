/* JSON values (json.h): a strict RFC 8259 reader with depth and size limits,
 * a compact or pretty writer, and the small tree operations the core needs.
 * Numbers are read and written in the "C" locale whatever setlocale() the
 * screen did, so "3.5" never becomes "3,5" in the database. Not a general
 * library: no comments, no NaN or infinities, no streaming. */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/text.h"

/* Larger texts are refused before parsing: answers are small, and the
 * command line reads at most 16 MB anyway. */
enum { JSON_MAX_TEXT = 64 * 1024 * 1024 };

/* ---- numbers in the C locale */

static locale_t c_locale(void)
{
	static locale_t c;
	if (!c)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return c;
}

/* strtod that always reads '.' as the decimal point. */
static double c_strtod(const char *s, char **end)
{
	locale_t c = c_locale();
	locale_t old = c ? uselocale(c) : (locale_t)0;
	double d = strtod(s, end);
	if (c)
		uselocale(old);
	return d;
}

/* Shortest "%.Ng" (N up to 15) that reads back as the same double, so 3.5
 * is "3.5" and 0.1 + 0.2 is "0.3"; whole numbers without an exponent while
 * they are exact ("1e2" is written 100). */
static void c_format(char *out, size_t n, double d)
{
	locale_t c = c_locale();
	locale_t old = c ? uselocale(c) : (locale_t)0;
	if (d == floor(d) && fabs(d) < 1e15)
		snprintf(out, n, "%.0f", d);
	else
		for (int prec = 1; prec <= 15; prec++) {
			snprintf(out, n, "%.*g", prec, d);
			if (strtod(out, NULL) == d)
				break;
		}
	if (c)
		uselocale(old);
}

/* ---- construction and ownership */

struct pc_json *pc_json_new(enum pc_json_kind kind)
{
	struct pc_json *v = calloc(1, sizeof(*v));
	if (v)
		v->kind = kind;
	return v;
}

struct pc_json *pc_json_new_bool(bool b)
{
	return pc_json_new(b ? PC_JSON_TRUE : PC_JSON_FALSE);
}

struct pc_json *pc_json_new_integer(long long i)
{
	struct pc_json *v = pc_json_new(PC_JSON_NUMBER);
	if (v) {
		v->integral = true;
		v->integer = i;
		v->number = (double)i;
	}
	return v;
}

struct pc_json *pc_json_new_number(double d)
{
	/* 2^63 is exactly representable; anything below it converts safely. */
	if (isfinite(d) && d == floor(d) && d >= -9223372036854775808.0 &&
	    d < 9223372036854775808.0)
		return pc_json_new_integer((long long)d);
	struct pc_json *v = pc_json_new(PC_JSON_NUMBER);
	if (v)
		v->number = d;
	return v;
}

struct pc_json *pc_json_new_stringn(const char *s, size_t n)
{
	struct pc_json *v = pc_json_new(PC_JSON_STRING);
	if (!v)
		return NULL;
	v->string = malloc(n + 1);
	if (!v->string) {
		free(v);
		return NULL;
	}
	if (n)
		memcpy(v->string, s, n);
	v->string[n] = '\0';
	return v;
}

struct pc_json *pc_json_new_string(const char *s)
{
	return pc_json_new_stringn(s, strlen(s));
}

void pc_json_free(struct pc_json **pv)
{
	if (!pv || !*pv)
		return;
	struct pc_json *v = *pv;
	for (size_t i = 0; i < v->len; i++) {
		pc_json_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->string);
	free(v);
	*pv = NULL;
}

static bool reserve(struct pc_json *c, size_t need)
{
	if (need <= c->cap)
		return true;
	size_t cap = c->cap ? c->cap * 2 : 4;
	while (cap < need)
		cap *= 2;
	struct pc_json **items = realloc(c->items, cap * sizeof(*items));
	if (!items)
		return false;
	c->items = items;
	if (c->kind == PC_JSON_OBJECT) {
		char **keys = realloc(c->keys, cap * sizeof(*keys));
		if (!keys)
			return false;
		c->keys = keys;
	}
	c->cap = cap;
	return true;
}

bool pc_json_array_push(struct pc_json *arr, struct pc_json *item)
{
	if (!arr || !item || arr->kind != PC_JSON_ARRAY || !reserve(arr, arr->len + 1)) {
		pc_json_free(&item);
		return false;
	}
	arr->items[arr->len++] = item;
	return true;
}

static long find_key(const struct pc_json *obj, const char *key)
{
	for (size_t i = 0; obj && obj->kind == PC_JSON_OBJECT && key && i < obj->len; i++)
		if (!strcmp(obj->keys[i], key))
			return (long)i;
	return -1;
}

/* Appends without looking for an existing key; takes `key` and `item`. */
static bool object_append(struct pc_json *obj, char *key, struct pc_json *item)
{
	if (!reserve(obj, obj->len + 1)) {
		free(key);
		pc_json_free(&item);
		return false;
	}
	obj->keys[obj->len] = key;
	obj->items[obj->len++] = item;
	return true;
}

bool pc_json_object_set(struct pc_json *obj, const char *key, struct pc_json *item)
{
	if (!obj || !key || !item || obj->kind != PC_JSON_OBJECT) {
		pc_json_free(&item);
		return false;
	}
	long i = find_key(obj, key);
	if (i >= 0) {
		pc_json_free(&obj->items[i]);
		obj->items[i] = item;
		return true;
	}
	char *k = strdup(key);
	if (!k) {
		pc_json_free(&item);
		return false;
	}
	return object_append(obj, k, item);
}

struct pc_json *pc_json_object_get(const struct pc_json *obj, const char *key)
{
	long i = find_key(obj, key);
	return i >= 0 ? obj->items[i] : NULL;
}

void pc_json_object_remove(struct pc_json *obj, const char *key)
{
	long i = find_key(obj, key);
	if (i < 0)
		return;
	pc_json_free(&obj->items[i]);
	free(obj->keys[i]);
	size_t rest = obj->len - (size_t)i - 1;
	memmove(&obj->items[i], &obj->items[i + 1], rest * sizeof(obj->items[0]));
	memmove(&obj->keys[i], &obj->keys[i + 1], rest * sizeof(obj->keys[0]));
	obj->len--;
}

struct pc_json *pc_json_clone(const struct pc_json *v)
{
	if (!v)
		return NULL;
	struct pc_json *c =
	    v->kind == PC_JSON_STRING ? pc_json_new_string(v->string) : pc_json_new(v->kind);
	if (!c)
		return NULL;
	c->number = v->number;
	c->integer = v->integer;
	c->integral = v->integral;
	for (size_t i = 0; i < v->len; i++) {
		struct pc_json *item = pc_json_clone(v->items[i]);
		bool ok =
		    item && (v->kind == PC_JSON_ARRAY ? pc_json_array_push(c, item)
		                                      : pc_json_object_set(c, v->keys[i], item));
		if (!ok) {
			pc_json_free(&c);
			return NULL;
		}
	}
	return c;
}

/* Objects are equal when they hold the same keys with equal values, in any
 * order; numbers compare by value (3 and 3.0 are equal). */
bool pc_json_equal(const struct pc_json *a, const struct pc_json *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case PC_JSON_NULL:
	case PC_JSON_FALSE:
	case PC_JSON_TRUE:
		return true;
	case PC_JSON_NUMBER:
		if (a->integral && b->integral)
			return a->integer == b->integer;
		return a->number == b->number;
	case PC_JSON_STRING:
		return !strcmp(a->string, b->string);
	case PC_JSON_ARRAY:
		if (a->len != b->len)
			return false;
		for (size_t i = 0; i < a->len; i++)
			if (!pc_json_equal(a->items[i], b->items[i]))
				return false;
		return true;
	case PC_JSON_OBJECT:
		if (a->len != b->len)
			return false;
		for (size_t i = 0; i < a->len; i++)
			if (!pc_json_equal(a->items[i], pc_json_object_get(b, a->keys[i])))
				return false;
		return true;
	}
	return false;
}

/* ---- reader */

struct reader {
	const char *s;
	size_t len, pos;
	int depth;
	char *err;
	size_t errlen;
	bool failed;
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
	double d = c_strtod(text, NULL);
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
static bool dedupe_keys(struct pc_json *obj)
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
		if (!object_append(obj, key, item)) {
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
			if (dedupe_keys(obj))
				return obj;
			fail(r, r->pos, _("out of memory"));
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
struct pc_json *pc_json_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct reader r = {
	    .s = text ? text : "", .len = text ? len : 0, .err = err, .errlen = errlen};
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

/* ---- writer */

static void newline(struct pc_buf *b, int indent, int level)
{
	if (!indent)
		return;
	pc_buf_putc(b, '\n');
	for (int i = 0; i < indent * level; i++)
		pc_buf_putc(b, ' ');
}

static void write_value(const struct pc_json *v, struct pc_buf *b, int indent, int level)
{
	char num[40];
	switch (v ? v->kind : PC_JSON_NULL) {
	case PC_JSON_NULL:
		pc_buf_puts(b, "null");
		return;
	case PC_JSON_FALSE:
		pc_buf_puts(b, "false");
		return;
	case PC_JSON_TRUE:
		pc_buf_puts(b, "true");
		return;
	case PC_JSON_NUMBER:
		if (v->integral) {
			pc_buf_printf(b, "%lld", v->integer);
		} else if (!isfinite(v->number)) {
			pc_buf_puts(b, "null"); /* JSON has no NaN or infinity */
		} else {
			c_format(num, sizeof(num), v->number);
			pc_buf_puts(b, num);
		}
		return;
	case PC_JSON_STRING:
		pc_buf_json_string(b, v->string);
		return;
	case PC_JSON_ARRAY:
	case PC_JSON_OBJECT:
		break;
	}
	bool obj = v->kind == PC_JSON_OBJECT;
	pc_buf_putc(b, obj ? '{' : '[');
	for (size_t i = 0; i < v->len; i++) {
		if (i)
			pc_buf_putc(b, ',');
		newline(b, indent, level + 1);
		if (obj) {
			pc_buf_json_string(b, v->keys[i]);
			pc_buf_puts(b, indent ? ": " : ":");
		}
		write_value(v->items[i], b, indent, level + 1);
	}
	if (v->len)
		newline(b, indent, level);
	pc_buf_putc(b, obj ? '}' : ']');
}

void pc_json_write(const struct pc_json *v, struct pc_buf *out, int indent)
{
	write_value(v, out, indent < 0 ? 0 : indent, 0);
}

char *pc_json_to_string(const struct pc_json *v)
{
	struct pc_buf b = {0};
	pc_json_write(v, &b, 0);
	return pc_buf_take(&b);
}
