/* JSON values (json.h): construction, the small tree operations the core
 * needs, and a compact or pretty writer; the strict reader is json_read.c.
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
#include "json_internal.h"


/* ---- numbers in the C locale */

static locale_t c_locale(void)
{
	static locale_t c;
	if (!c)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	return c;
}

/* strtod that always reads '.' as the decimal point. */
double json_c_strtod(const char *s, char **end)
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
bool json_object_append(struct pc_json *obj, char *key, struct pc_json *item)
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
	return json_object_append(obj, k, item);
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
