/* The low-level parsers of value.h: dates, integers, decimals with ',' or
 * '.', hours as "3:30" or "3h30", yes/no. They work on plain text and know
 * nothing of fields; value.c turns their results into answers and
 * messages. Numbers go through the JSON reader so that no strtod() ever
 * sees the screen's locale. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/json.h"
#include "parcours/text.h"
#include "parcours/value.h"
#include "value_internal.h"

/* ---- scanning helpers: all work on [p, e) */

/* Length of a space that may separate thousands or a currency sign: ' ',
 * no-break, narrow no-break or thin space. */
static size_t space_at(const char *p, const char *e)
{
	if (p < e && *p == ' ')
		return 1;
	if (e - p >= 2 && !memcmp(p, "\xC2\xA0", 2))
		return 2;
	if (e - p >= 3 && (!memcmp(p, "\xE2\x80\xAF", 3) || !memcmp(p, "\xE2\x80\x89", 3)))
		return 3;
	return 0;
}

static const char *skip_spaces(const char *p, const char *e)
{
	size_t n;
	while ((n = space_at(p, e)) > 0)
		p += n;
	return p;
}

/* The text without white space around it (ASCII or Unicode), as [*p, *e). */
static void span(const char *s, const char **p, const char **e)
{
	size_t n = strlen(s);
	*p = s + n;
	*e = s + n;
	bool seen = false;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = pc_utf8_decode(s + i, n - i, &cp);
		len = len ? len : 1;
		bool blank = cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
		             (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
		             cp == 0x3000;
		if (!blank) {
			if (!seen)
				*p = s + i;
			seen = true;
			*e = s + i + len;
		}
		i += len;
	}
}

static size_t count_digits(const char *p, const char *e)
{
	size_t n = 0;
	while (p + n < e && p[n] >= '0' && p[n] <= '9')
		n++;
	return n;
}

/* '+', '-' or U+2212 MINUS SIGN; returns its length and sets *neg. */
static size_t sign_at(const char *p, const char *e, bool *neg)
{
	if (p < e && (*p == '+' || *p == '-')) {
		*neg = *p == '-';
		return 1;
	}
	if (e - p >= 3 && !memcmp(p, "\xE2\x88\x92", 3)) {
		*neg = true;
		return 3;
	}
	return 0;
}

static size_t currency_at(const char *p, const char *e)
{
	if (p < e && *p == '$')
		return 1;
	if (e - p >= 3 && !memcmp(p, "\xE2\x82\xAC", 3)) /* € */
		return 3;
	return 0;
}

/* Digits, optionally grouped by thousands ("1 000", "12 345 678": a first
 * group of 1-3 digits, then groups of exactly 3). Appends the digits to `b`
 * and returns the end, or NULL when the grouping is wrong. */
static const char *grouped_digits(const char *p, const char *e, struct pc_buf *b)
{
	size_t first = count_digits(p, e);
	pc_buf_add(b, p, first);
	p += first;
	if (!first)
		return p;
	bool grouped = false;
	for (;;) {
		size_t sl = space_at(p, e);
		size_t n = sl ? count_digits(p + sl, e) : 0;
		if (!n)
			return p; /* a space before "$" or "h" is not a group */
		if (n != 3 || (!grouped && first > 3))
			return NULL;
		grouped = true;
		pc_buf_add(b, p + sl, 3);
		p += sl + 3;
	}
}

/* Converts "-123.45" (our own normalized text) without the locale's help. */
static enum result c_number(const char *text, double *out)
{
	struct pc_json *v = pc_json_parse(text, strlen(text), NULL, 0);
	if (!v)
		return R_RANGE;
	*out = v->integral ? (double)v->integer : v->number;
	pc_json_free(&v);
	return isfinite(*out) ? R_OK : R_RANGE;
}

/* ---- low-level parsers */

int pc_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return days[m - 1] + (m == 2 && leap);
}

static int two(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

enum result value_date_parse(const char *s, int *y, int *m, int *d)
{
	const char *p, *e;
	span(s, &p, &e);
	if (e - p != 10 || p[4] != '-' || p[7] != '-' || count_digits(p, e) != 4 ||
	    count_digits(p + 5, e) != 2 || count_digits(p + 8, e) != 2)
		return R_BAD;
	*y = two(p) * 100 + two(p + 2);
	*m = two(p + 5);
	*d = two(p + 8);
	if (*y < 1900 || *y > 2200)
		return R_YEAR;
	if (*d < 1 || *d > pc_days_in_month(*y, *m))
		return R_CALENDAR;
	return R_OK;
}

bool pc_parse_date(const char *s, int *y, int *m, int *d)
{
	int yy, mm, dd;
	if (!s || value_date_parse(s, &yy, &mm, &dd) != R_OK)
		return false;
	*y = yy;
	*m = mm;
	*d = dd;
	return true;
}

enum result value_integer_parse(const char *s, long long *out)
{
	const char *p, *e;
	span(s, &p, &e);
	bool neg = false;
	p += sign_at(p, e, &neg);
	struct pc_buf b = {0};
	const char *end = grouped_digits(p, e, &b);
	enum result r = R_OK;
	if (!end || end != e || !b.len || b.failed)
		r = R_BAD;
	unsigned long long u = 0, limit = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (size_t i = 0; r == R_OK && i < b.len; i++) {
		unsigned dg = (unsigned)(b.data[i] - '0');
		if (u > (limit - dg) / 10)
			r = R_RANGE;
		u = u * 10 + dg;
	}
	pc_buf_free(&b);
	if (r == R_OK)
		*out = !neg                                     ? (long long)u
		       : u == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN
		                                                : -(long long)u;
	return r;
}

bool pc_parse_integer(const char *s, long long *out)
{
	return s && value_integer_parse(s, out) == R_OK;
}

/* [sign] [currency [space]] [sign] digits [(.|,) digits] [[space] currency]
 * with one sign and one currency sign at most; no exponent. */
enum result value_decimal_parse(const char *s, double *out)
{
	const char *p, *e;
	span(s, &p, &e);
	bool neg = false;
	size_t n = sign_at(p, e, &neg);
	bool has_sign = n > 0;
	p += n;
	size_t cur = currency_at(p, e);
	if (cur)
		p = skip_spaces(p + cur, e);
	if (!has_sign)
		p += sign_at(p, e, &neg);
	struct pc_buf digits = {0};
	const char *q = grouped_digits(p, e, &digits);
	size_t frac = 0;
	const char *fstart = "0";
	if (q && q < e && (*q == '.' || *q == ',')) {
		fstart = q + 1;
		frac = count_digits(fstart, e);
		q = frac ? fstart + frac : NULL;
	}
	if (q && !cur && q < e) {
		const char *c = skip_spaces(q, e);
		if ((cur = currency_at(c, e)) > 0)
			q = c + cur;
	}
	enum result r = R_BAD;
	if (q && q == e && (digits.len || frac) && !digits.failed) {
		/* normalized for the JSON reader: no leading zeros, a digit before '.' */
		size_t z = 0;
		while (z + 1 < digits.len && digits.data[z] == '0')
			z++;
		struct pc_buf t = {0};
		pc_buf_printf(&t, "%s%s.%.*s", neg ? "-" : "", digits.len ? digits.data + z : "0",
		              frac ? (int)frac : 1, fstart);
		r = t.failed ? R_BAD : c_number(t.data, out);
		pc_buf_free(&t);
		if (r == R_OK && *out == 0)
			*out = 0; /* no -0 */
	}
	pc_buf_free(&digits);
	return r;
}

bool pc_parse_decimal(const char *s, double *out)
{
	return s && value_decimal_parse(s, out) == R_OK;
}

static bool is_h(const char *p, const char *e)
{
	return p < e && (*p == 'h' || *p == 'H');
}

/* "3", "3.5", "3,5", "3.5 h", "3:30", "3h30", "3 h 30", "3h", "0:45".
 * Minutes are two digits: "3h5" could mean 3:05 or 3:50. */
enum result value_hours_parse(const char *s, long *minutes)
{
	const char *p, *e;
	span(s, &p, &e);
	bool neg = false;
	p += sign_at(p, e, &neg);
	size_t nh = count_digits(p, e);
	if (nh > 9)
		return neg ? R_NEGATIVE : R_RANGE;
	long long h = 0, total;
	for (size_t i = 0; i < nh; i++)
		h = h * 10 + (p[i] - '0');
	const char *q = p + nh;
	if (q < e && (*q == '.' || *q == ',')) {
		size_t nf = count_digits(q + 1, e);
		const char *end = q + 1 + nf;
		const char *t = skip_spaces(end, e);
		if (is_h(t, e))
			end = t + 1;
		if (!nf || end != e)
			return R_BAD;
		char text[40];
		snprintf(text, sizeof(text), "%lld.%.*s", h, (int)(nf > 12 ? 12 : nf), q + 1);
		double d;
		if (c_number(text, &d) != R_OK)
			return R_BAD;
		total = d * 60 > MAX_MINUTES + 1 ? MAX_MINUTES + 1 : llround(d * 60);
	} else if (nh && q < e && *q == ':') {
		if (e - q != 3 || count_digits(q + 1, e) != 2)
			return R_BAD;
		if (two(q + 1) >= 60)
			return R_MINUTES;
		total = h * 60 + two(q + 1);
	} else if (nh) {
		const char *t = skip_spaces(q, e);
		long long m = 0;
		if (is_h(t, e)) {
			t = skip_spaces(t + 1, e);
			if (t < e && (e - t != 2 || count_digits(t, e) != 2))
				return R_BAD;
			m = t < e ? two(t) : 0;
			if (m >= 60)
				return R_MINUTES;
		} else if (q != e) {
			return R_BAD;
		}
		total = h * 60 + m;
	} else {
		return R_BAD;
	}
	if (neg && total > 0)
		return R_NEGATIVE;
	if (total > MAX_MINUTES)
		return R_RANGE;
	*minutes = (long)total;
	return R_OK;
}

bool pc_parse_hours(const char *s, long *minutes)
{
	return s && value_hours_parse(s, minutes) == R_OK;
}

bool pc_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"oui", "yes", "o", "y", "vrai", "true", "1"};
	static const char *const no[] = {"non", "no", "n", "faux", "false", "0"};
	const char *p, *e;
	if (!s)
		return false;
	span(s, &p, &e);
	char w[8];
	size_t n = (size_t)(e - p);
	if (n == 0 || n >= sizeof(w))
		return false;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	w[n] = '\0';
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcmp(w, yes[i])) {
			*out = true;
			return true;
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcmp(w, no[i])) {
			*out = false;
			return true;
		}
	return false;
}
