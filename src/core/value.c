/* Answers as people type them (value.h): low-level parsers for dates,
 * numbers, hours and yes/no, typed text and --json values turned into the
 * normal JSON forms, and values turned back into text for display and
 * editing. Checks the type only: bounds, patterns, relevance and constraints
 * belong to validate.c. Numbers go through the JSON reader so that no
 * strtod() ever sees the screen's locale. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/text.h"
#include "parcours/value.h"

enum { MAX_MINUTES = 10000 * 60, QUOTE_MAX = 60 };
enum result { R_OK, R_BAD, R_RANGE, R_NEGATIVE, R_MINUTES, R_YEAR, R_CALENDAR };

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

static enum result date_parse(const char *s, int *y, int *m, int *d)
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
	if (!s || date_parse(s, &yy, &mm, &dd) != R_OK)
		return false;
	*y = yy;
	*m = mm;
	*d = dd;
	return true;
}

static enum result integer_parse(const char *s, long long *out)
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
	return s && integer_parse(s, out) == R_OK;
}

/* [sign] [currency [space]] [sign] digits [(.|,) digits] [[space] currency]
 * with one sign and one currency sign at most; no exponent. */
static enum result decimal_parse(const char *s, double *out)
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
	return s && decimal_parse(s, out) == R_OK;
}

static bool is_h(const char *p, const char *e)
{
	return p < e && (*p == 'h' || *p == 'H');
}

/* "3", "3.5", "3,5", "3.5 h", "3:30", "3h30", "3 h 30", "3h", "0:45".
 * Minutes are two digits: "3h5" could mean 3:05 or 3:50. */
static enum result hours_parse(const char *s, long *minutes)
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
	return s && hours_parse(s, minutes) == R_OK;
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

/* ---- problems */

/* The user's text for a message: at most QUOTE_MAX bytes, cut on a
 * character boundary. Malloc'ed; NULL on allocation failure. */
static char *shorten(const char *s)
{
	size_t n = strlen(s);
	if (n <= QUOTE_MAX)
		return strdup(s);
	size_t cut = QUOTE_MAX - 3;
	while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
		cut--;
	char *t = malloc(cut + 4);
	if (t) {
		memcpy(t, s, cut);
		memcpy(t + cut, "\xE2\x80\xA6", 4); /* … */
	}
	return t;
}

static enum pc_status oom(struct pc_problems *pr, const char *where)
{
	pc_problems_add(pr, false, where, "%s", _("out of memory"));
	return PC_UNUSABLE;
}

/* The offered (not retired) values of a choice list, joined by ", ". */
static char *offered(const struct pc_choice_list *l)
{
	struct pc_buf b = {0};
	pc_buf_add(&b, "", 0);
	for (size_t i = 0; l && i < l->len; i++) {
		if (l->items[i].retired)
			continue;
		if (b.len)
			pc_buf_puts(&b, ", ");
		pc_buf_puts(&b, l->items[i].value);
	}
	return pc_buf_take(&b);
}

/* What a field of this type expects, for a value of the wrong kind. */
static enum pc_status refuse_kind(const struct pc_field *f, const char *where,
                                  struct pc_problems *pr)
{
	const char *msg = NULL;
	switch (f->type) {
	case PC_TYPE_TEXT:
	case PC_TYPE_TEXTAREA:
		msg = _("expected text");
		break;
	case PC_TYPE_INTEGER:
		msg = _("expected a whole number");
		break;
	case PC_TYPE_DECIMAL:
		msg = _("expected a number, e.g. 3.5 or 3,5");
		break;
	case PC_TYPE_DATE:
		msg = _("expected a date as YYYY-MM-DD, e.g. 2026-09-02");
		break;
	case PC_TYPE_BOOLEAN:
		msg = _("expected yes or no");
		break;
	case PC_TYPE_HOURS:
		msg = _("expected hours as 3, 3.5, 3,5 or 3:30");
		break;
	case PC_TYPE_REPEAT:
		msg = _("expected a list of rows");
		break;
	case PC_TYPE_NOTE:
		msg = _("this field is computed or informative: it takes no answer");
		break;
	case PC_TYPE_CHOICE:
	case PC_TYPE_CHOICES: {
		char *list = offered(f->choices);
		if (!list)
			return oom(pr, where);
		pc_problems_add(pr, false, where,
		                f->type == PC_TYPE_CHOICE
		                    ? _("expected one of the choices: %s")
		                    : _("expected a list of choices among: %s"),
		                list);
		free(list);
		return PC_REFUSED;
	}
	}
	pc_problems_add(pr, false, where, "%s", msg ? msg : "?");
	return PC_REFUSED;
}

/* ---- choices */

static bool folded_equal(const char *a_folded, const char *b)
{
	char *fb = b ? pc_text_fold(b) : NULL;
	bool eq = fb && *fb && !strcmp(a_folded, fb);
	free(fb);
	return eq;
}

/* The choice `text` names: its value exactly, else the only choice whose
 * value, then label, matches accent- and case-blind ("Travail" for work). */
static const struct pc_choice *match_choice(const struct pc_choice_list *l, const char *text)
{
	const struct pc_choice *c = pc_choice_find(l, text);
	if (c || !l)
		return c;
	char *ft = pc_text_fold(text);
	if (!ft)
		return NULL;
	for (int pass = 0; pass < 2 && !c; pass++) {
		size_t found = 0;
		const struct pc_choice *last = NULL;
		for (size_t i = 0; i < l->len; i++) {
			const struct pc_choice *it = &l->items[i];
			bool eq = pass == 0 ? folded_equal(ft, it->value)
			                    : folded_equal(ft, it->label.fr) ||
			                          folded_equal(ft, it->label.en);
			if (eq) {
				found++;
				last = it;
			}
		}
		if (found == 1)
			c = last;
	}
	free(ft);
	return c;
}

/* Marks the choice `text` names in `selected`, or adds the one problem. */
static bool select_choice(const struct pc_field *f, const char *text, const char *where,
                          bool *selected, struct pc_problems *pr)
{
	if (pc_text_has_control(text, false)) {
		pc_problems_add(pr, false, where, "%s", _("control characters are not allowed"));
		return false;
	}
	const struct pc_choice *c = match_choice(f->choices, text);
	if (c && !c->retired) {
		selected[c - f->choices->items] = true;
		return true;
	}
	char *quoted = shorten(text);
	char *list = c ? NULL : offered(f->choices);
	if (!quoted || (!c && !list))
		oom(pr, where);
	else if (c)
		pc_problems_add(pr, false, where, _("\"%s\" is no longer offered"), quoted);
	else
		pc_problems_add(pr, false, where, _("\"%s\" is not one of the choices: %s"), quoted,
		                list);
	free(quoted);
	free(list);
	return false;
}

/* The selected values as the normal form: one string for a choice, an array
 * in list order for choices; NULL when nothing is selected. */
static enum pc_status selection(const struct pc_field *f, const bool *selected, const char *where,
                                struct pc_json **out, struct pc_problems *pr)
{
	const struct pc_choice_list *l = f->choices;
	struct pc_json *arr = NULL;
	for (size_t i = 0; i < l->len; i++) {
		if (!selected[i])
			continue;
		if (f->type == PC_TYPE_CHOICE) {
			*out = pc_json_new_string(l->items[i].value);
			return *out ? PC_OK : oom(pr, where);
		}
		if (!arr && !(arr = pc_json_new(PC_JSON_ARRAY)))
			return oom(pr, where);
		if (!pc_json_array_push(arr, pc_json_new_string(l->items[i].value))) {
			pc_json_free(&arr);
			return oom(pr, where);
		}
	}
	*out = arr;
	return PC_OK;
}

/* Typed choices: one value, or "a,b" / "a, b" for several. */
static enum pc_status parse_choices(const struct pc_field *f, char *text, const char *where,
                                    struct pc_json **out, struct pc_problems *pr)
{
	if (!f->choices || !f->choices->len)
		return refuse_kind(f, where, pr);
	bool *selected = calloc(f->choices->len, sizeof(bool));
	if (!selected)
		return oom(pr, where);
	enum pc_status st = PC_OK;
	if (f->type == PC_TYPE_CHOICE) {
		if (!select_choice(f, text, where, selected, pr))
			st = PC_REFUSED;
	} else {
		for (char *item = text, *next; item && st == PC_OK; item = next) {
			next = strchr(item, ',');
			if (next)
				*next++ = '\0';
			if (*pc_text_trim(item) && !select_choice(f, item, where, selected, pr))
				st = PC_REFUSED;
		}
	}
	if (st == PC_OK)
		st = selection(f, selected, where, out, pr);
	free(selected);
	return st;
}

/* ---- typed text */

/* A decimal answer keeps the 15 significant digits the JSON writer keeps,
 * so what is stored is what is written and read back. */
static struct pc_json *decimal_value(double d)
{
	struct pc_json *v = pc_json_new_number(d);
	char *s = v && !v->integral ? pc_json_to_string(v) : NULL;
	struct pc_json *r = s ? pc_json_parse(s, strlen(s), NULL, 0) : NULL;
	free(s);
	if (r) {
		pc_json_free(&v);
		v = pc_json_new_number(r->integral ? (double)r->integer : r->number);
		pc_json_free(&r);
	}
	return v;
}

static struct pc_json *hours_value(long minutes)
{
	/* minute precision, stored rounded so 0:20 is 0.333333333 */
	return pc_json_new_number(round(minutes / 60.0 * 1e9) / 1e9);
}

static enum pc_status result_problem(enum result r, const struct pc_field *f, const char *text,
                                     const char *where, struct pc_problems *pr)
{
	switch (r) {
	case R_OK:
		return PC_OK;
	case R_RANGE:
		if (f->type == PC_TYPE_HOURS)
			pc_problems_add(pr, false, where, "%s", _("more than 10000 hours"));
		else
			pc_problems_add(pr, false, where, "%s", _("this number is too large"));
		return PC_REFUSED;
	case R_NEGATIVE:
		pc_problems_add(pr, false, where, "%s", _("hours cannot be negative"));
		return PC_REFUSED;
	case R_MINUTES:
		pc_problems_add(pr, false, where, "%s",
		                _("minutes must be less than 60, e.g. 3:30"));
		return PC_REFUSED;
	case R_YEAR:
		pc_problems_add(pr, false, where, "%s", _("expected a year between 1900 and 2200"));
		return PC_REFUSED;
	case R_CALENDAR:
		pc_problems_add(pr, false, where, _("%s is not a date in the calendar"), text);
		return PC_REFUSED;
	case R_BAD:
		break;
	}
	return refuse_kind(f, where, pr);
}

static enum pc_status parse_repeat(const struct pc_field *f, const char *text, const char *where,
                                   struct pc_json **out, struct pc_problems *pr)
{
	if (text[0] != '[') {
		const char *col = f->nfields ? f->fields[0].name : "column";
		pc_problems_add(pr, false, where,
		                _("rows are given one column at a time, e.g. %s.1.%s=VALUE"),
		                f->name ? f->name : where, col);
		return PC_REFUSED;
	}
	char err[200];
	struct pc_json *rows = pc_json_parse(text, strlen(text), err, sizeof(err));
	if (!rows) {
		pc_problems_add(pr, false, where, "%s", err);
		return PC_REFUSED;
	}
	enum pc_status st = pc_value_from_json(f, rows, where, out, pr);
	pc_json_free(&rows);
	return st;
}

/* `t` is trimmed, non-empty, valid UTF-8 without control characters. */
static enum pc_status parse_typed(const struct pc_field *f, char *t, const char *where,
                                  struct pc_json **out, struct pc_problems *pr)
{
	enum result r = R_BAD;
	switch (f->type) {
	case PC_TYPE_TEXT:
	case PC_TYPE_TEXTAREA:
		*out = pc_json_new_string(t);
		break;
	case PC_TYPE_INTEGER: {
		long long i;
		if ((r = integer_parse(t, &i)) == R_OK)
			*out = pc_json_new_integer(i);
		break;
	}
	case PC_TYPE_DECIMAL: {
		double d;
		if ((r = decimal_parse(t, &d)) == R_OK)
			*out = decimal_value(d);
		break;
	}
	case PC_TYPE_HOURS: {
		long m;
		if ((r = hours_parse(t, &m)) == R_OK)
			*out = hours_value(m);
		break;
	}
	case PC_TYPE_DATE: {
		int y, m, d;
		if ((r = date_parse(t, &y, &m, &d)) == R_OK)
			*out = pc_json_new_string(t);
		break;
	}
	case PC_TYPE_BOOLEAN: {
		bool b;
		if (pc_parse_bool(t, &b)) {
			r = R_OK;
			*out = pc_json_new_bool(b);
		}
		break;
	}
	case PC_TYPE_CHOICE:
	case PC_TYPE_CHOICES:
		return parse_choices(f, t, where, out, pr);
	case PC_TYPE_REPEAT:
		return parse_repeat(f, t, where, out, pr);
	case PC_TYPE_NOTE:
		break;
	}
	if (f->type == PC_TYPE_TEXT || f->type == PC_TYPE_TEXTAREA || r == R_OK)
		return *out ? PC_OK : oom(pr, where);
	return result_problem(r, f, t, where, pr);
}

enum pc_status pc_value_parse(const struct pc_field *f, const char *text, const char *where,
                              struct pc_json **out, struct pc_problems *pr)
{
	*out = NULL;
	if (!text)
		return PC_OK;
	if (!pc_utf8_valid(text, strlen(text))) {
		pc_problems_add(pr, false, where, "%s", _("not valid UTF-8 text"));
		return PC_REFUSED;
	}
	char *t = strdup(text);
	if (!t)
		return oom(pr, where);
	if (f->type == PC_TYPE_TEXTAREA) {
		/* pasted Windows or old Mac line ends become '\n' */
		char *w = t;
		for (const char *p = t; *p; p++)
			if (*p != '\r')
				*w++ = *p;
			else if (p[1] != '\n')
				*w++ = '\n';
		*w = '\0';
	}
	pc_text_trim(t);
	enum pc_status st = PC_OK;
	bool lines = f->type == PC_TYPE_TEXTAREA || f->type == PC_TYPE_REPEAT;
	if (!*t) {
		st = PC_OK;
	} else if (pc_text_has_control(t, lines)) {
		pc_problems_add(pr, false, where, "%s", _("control characters are not allowed"));
		st = PC_REFUSED;
	} else {
		st = parse_typed(f, t, where, out, pr);
	}
	free(t);
	return st;
}

/* ---- values from --json */

static enum pc_status choices_from_array(const struct pc_field *f, const struct pc_json *in,
                                         const char *where, struct pc_json **out,
                                         struct pc_problems *pr)
{
	if (!f->choices || !f->choices->len)
		return refuse_kind(f, where, pr);
	bool *selected = calloc(f->choices->len, sizeof(bool));
	if (!selected)
		return oom(pr, where);
	enum pc_status st = PC_OK;
	for (size_t i = 0; i < in->len && st == PC_OK; i++) {
		const struct pc_json *it = in->items[i];
		char num[32];
		const char *text = NULL;
		if (it->kind == PC_JSON_STRING)
			text = it->string;
		else if (it->kind == PC_JSON_NUMBER && it->integral) {
			snprintf(num, sizeof(num), "%lld", it->integer);
			text = num;
		}
		char *t = text ? strdup(text) : NULL;
		if (!text)
			st = refuse_kind(f, where, pr);
		else if (!t)
			st = oom(pr, where);
		else if (*pc_text_trim(t) && !select_choice(f, t, where, selected, pr))
			st = PC_REFUSED;
		free(t);
	}
	if (st == PC_OK)
		st = selection(f, selected, where, out, pr);
	free(selected);
	return st;
}

/* One row of a repeat: only the non-null answers of known columns, in the
 * order of the columns. Problems are at "where.N.column". */
static enum pc_status row_from_json(const struct pc_field *f, const struct pc_json *in,
                                    const char *where, size_t n, struct pc_json **out,
                                    struct pc_problems *pr)
{
	struct pc_buf path = {0};
	pc_buf_printf(&path, "%s.%zu", where, n);
	if (path.failed)
		return oom(pr, where);
	size_t base = path.len;
	enum pc_status st = PC_OK;
	if (in->kind != PC_JSON_OBJECT) {
		pc_problems_add(pr, false, path.data, "%s",
		                _("expected a row: an object of column names and values"));
		pc_buf_free(&path);
		return PC_REFUSED;
	}
	struct pc_json *row = pc_json_new(PC_JSON_OBJECT);
	if (!row)
		st = oom(pr, path.data);
	for (size_t i = 0; row && i < in->len; i++) {
		if (pc_field_child(f, in->keys[i]))
			continue;
		path.len = base;
		pc_buf_printf(&path, ".%s", in->keys[i]);
		pc_problems_add(pr, false, path.data, "%s", _("unknown field"));
		st = PC_REFUSED;
	}
	for (size_t k = 0; row && k < f->nfields; k++) {
		const struct pc_field *col = &f->fields[k];
		const struct pc_json *v = pc_json_object_get(in, col->name);
		if (!v || v->kind == PC_JSON_NULL)
			continue;
		path.len = base;
		pc_buf_printf(&path, ".%s", col->name);
		if (path.failed) {
			st = oom(pr, where);
			break;
		}
		if (col->calculate) {
			pc_problems_add(
			    pr, false, path.data, "%s",
			    _("this field is computed or informative: it takes no answer"));
			st = PC_REFUSED;
			continue;
		}
		struct pc_json *cv = NULL;
		enum pc_status cs = pc_value_from_json(col, v, path.data, &cv, pr);
		if (cs != PC_OK) {
			if (st == PC_OK || cs == PC_UNUSABLE)
				st = cs;
		} else if (cv && !pc_json_object_set(row, col->name, cv)) {
			st = oom(pr, path.data);
		}
	}
	pc_buf_free(&path);
	if (st == PC_OK)
		*out = row;
	else
		pc_json_free(&row);
	return st;
}

/* Rows stay at their place, even empty ones, so that later messages about
 * "entries.3" still name the row the person wrote. */
static enum pc_status rows_from_json(const struct pc_field *f, const struct pc_json *in,
                                     const char *where, struct pc_json **out,
                                     struct pc_problems *pr)
{
	struct pc_json *rows = pc_json_new(PC_JSON_ARRAY);
	if (!rows)
		return oom(pr, where);
	enum pc_status st = PC_OK;
	for (size_t i = 0; i < in->len; i++) {
		struct pc_json *row = NULL;
		enum pc_status rs = row_from_json(f, in->items[i], where, i + 1, &row, pr);
		if (rs != PC_OK) {
			if (st == PC_OK || rs == PC_UNUSABLE)
				st = rs;
		} else if (st == PC_OK && !pc_json_array_push(rows, row)) {
			st = oom(pr, where);
		} else if (st != PC_OK) {
			pc_json_free(&row);
		}
	}
	if (st != PC_OK || !rows->len)
		pc_json_free(&rows);
	*out = rows;
	return st;
}

static double number_of(const struct pc_json *v)
{
	return v->integral ? (double)v->integer : v->number;
}

enum pc_status pc_value_from_json(const struct pc_field *f, const struct pc_json *in,
                                  const char *where, struct pc_json **out, struct pc_problems *pr)
{
	*out = NULL;
	if (!in || in->kind == PC_JSON_NULL)
		return PC_OK;
	if (in->kind == PC_JSON_STRING)
		return pc_value_parse(f, in->string, where, out, pr);
	if (in->kind == PC_JSON_NUMBER) {
		double d = number_of(in);
		switch (f->type) {
		case PC_TYPE_INTEGER:
			if (in->integral)
				*out = pc_json_new_integer(in->integer);
			else if (d == floor(d) && fabs(d) < 9.2e18)
				*out = pc_json_new_number(d);
			else
				return refuse_kind(f, where, pr);
			return *out ? PC_OK : oom(pr, where);
		case PC_TYPE_DECIMAL:
			*out = in->integral ? pc_json_clone(in) : decimal_value(d);
			return *out ? PC_OK : oom(pr, where);
		case PC_TYPE_HOURS:
			if (d < 0)
				return result_problem(R_NEGATIVE, f, "", where, pr);
			if (d * 60 > MAX_MINUTES + 0.5)
				return result_problem(R_RANGE, f, "", where, pr);
			*out = hours_value(lround(d * 60));
			return *out ? PC_OK : oom(pr, where);
		case PC_TYPE_CHOICE:
			if (in->integral) {
				char num[32];
				snprintf(num, sizeof(num), "%lld", in->integer);
				return pc_value_parse(f, num, where, out, pr);
			}
			return refuse_kind(f, where, pr);
		default:
			return refuse_kind(f, where, pr);
		}
	}
	if ((in->kind == PC_JSON_TRUE || in->kind == PC_JSON_FALSE) && f->type == PC_TYPE_BOOLEAN) {
		*out = pc_json_new_bool(in->kind == PC_JSON_TRUE);
		return *out ? PC_OK : oom(pr, where);
	}
	if (in->kind == PC_JSON_ARRAY && f->type == PC_TYPE_CHOICES)
		return choices_from_array(f, in, where, out, pr);
	if (in->kind == PC_JSON_ARRAY && f->type == PC_TYPE_REPEAT)
		return rows_from_json(f, in, where, out, pr);
	return refuse_kind(f, where, pr);
}

/* ---- values back to text */

/* Appends the JSON spelling of a number ("3.5", "1e-06") without an
 * exponent ("0.000001"), since the typed-number grammar has none. */
static void put_plain(struct pc_buf *b, const char *num)
{
	const char *e = strpbrk(num, "eE");
	if (!e) {
		pc_buf_puts(b, num);
		return;
	}
	long shift = strtol(e + 1, NULL, 10);
	if (*num == '-')
		pc_buf_putc(b, *num++);
	char digits[40];
	size_t n = 0;
	long point = -1; /* digits before the decimal point */
	for (const char *p = num; p < e && n < sizeof(digits); p++) {
		if (*p == '.')
			point = (long)n;
		else
			digits[n++] = *p;
	}
	point = (point < 0 ? (long)n : point) + shift;
	if (point <= 0) {
		pc_buf_puts(b, "0.");
		for (long i = 0; i < -point; i++)
			pc_buf_putc(b, '0');
		pc_buf_add(b, digits, n);
	} else if ((size_t)point >= n) {
		pc_buf_add(b, digits, n);
		for (long i = (long)n; i < point; i++)
			pc_buf_putc(b, '0');
	} else {
		pc_buf_add(b, digits, (size_t)point);
		pc_buf_putc(b, '.');
		pc_buf_add(b, digits + point, n - (size_t)point);
	}
}

/* A number as typed: "3.5", "12", with ',' in French when `localized`. */
static void put_number(struct pc_buf *b, const struct pc_json *v, bool localized)
{
	char *s = pc_json_to_string(v);
	if (!s) {
		b->failed = true;
		return;
	}
	size_t start = b->len;
	put_plain(b, s);
	free(s);
	if (localized && pc_i18n_lang() == PC_LANG_FR && !b->failed)
		for (char *p = b->data + start; *p; p++)
			if (*p == '.')
				*p = ',';
}

/* Hours as "3 h 30" (French), "3:30" (English) or "3 h" when whole; for
 * editing always "3:30", or "3" when whole. */
static void put_hours(struct pc_buf *b, double hours, bool display)
{
	long long m = llround(hours * 60);
	if (m < 0) {
		pc_buf_putc(b, '-');
		m = -m;
	}
	if (m % 60 == 0)
		pc_buf_printf(b, display ? "%lld h" : "%lld", m / 60);
	else if (display && pc_i18n_lang() == PC_LANG_FR)
		pc_buf_printf(b, "%lld h %02lld", m / 60, m % 60);
	else
		pc_buf_printf(b, "%lld:%02lld", m / 60, m % 60);
}

static void put_choice(struct pc_buf *b, const struct pc_field *f, const struct pc_json *v,
                       bool display)
{
	if (v->kind != PC_JSON_STRING) {
		char *s = pc_json_to_string(v);
		pc_buf_puts(b, s ? s : "");
		b->failed |= !s;
		free(s);
		return;
	}
	const struct pc_choice *c = display ? pc_choice_find(f->choices, v->string) : NULL;
	const char *label = c ? pc_text_get(&c->label) : "";
	pc_buf_puts(b, *label ? label : v->string);
}

/* Shared by display and edit_text; kinds that do not fit the field's type
 * (an old answer after the form changed) are shown as JSON, never lost. */
static char *to_text(const struct pc_field *f, const struct pc_json *v, bool display)
{
	struct pc_buf b = {0};
	pc_buf_add(&b, "", 0);
	if (!v || v->kind == PC_JSON_NULL || f->type == PC_TYPE_NOTE)
		return pc_buf_take(&b);
	bool fr = pc_i18n_lang() == PC_LANG_FR;
	if (v->kind == PC_JSON_STRING && f->type != PC_TYPE_CHOICE && f->type != PC_TYPE_CHOICES) {
		pc_buf_puts(&b, v->string);
	} else if (v->kind == PC_JSON_NUMBER && f->type == PC_TYPE_HOURS) {
		put_hours(&b, number_of(v), display);
	} else if (v->kind == PC_JSON_NUMBER &&
	           (f->type == PC_TYPE_DECIMAL || f->type == PC_TYPE_INTEGER)) {
		put_number(&b, v, display);
	} else if ((v->kind == PC_JSON_TRUE || v->kind == PC_JSON_FALSE) &&
	           f->type == PC_TYPE_BOOLEAN) {
		bool t = v->kind == PC_JSON_TRUE;
		if (display)
			pc_buf_puts(&b, t ? _("yes") : _("no"));
		else
			pc_buf_puts(&b, t ? (fr ? "oui" : "yes") : (fr ? "non" : "no"));
	} else if (f->type == PC_TYPE_CHOICE ||
	           (f->type == PC_TYPE_CHOICES && v->kind == PC_JSON_STRING)) {
		put_choice(&b, f, v, display);
	} else if (f->type == PC_TYPE_CHOICES && v->kind == PC_JSON_ARRAY) {
		for (size_t i = 0; i < v->len; i++) {
			if (i)
				pc_buf_puts(&b, display ? ", " : ",");
			put_choice(&b, f, v->items[i], display);
		}
	} else if (f->type == PC_TYPE_REPEAT && v->kind == PC_JSON_ARRAY && display) {
		if (v->len == 0)
			pc_buf_puts(&b, _("no rows"));
		else if (v->len == 1)
			pc_buf_puts(&b, _("1 row"));
		else
			pc_buf_printf(&b, _("%zu rows"), v->len);
	} else {
		pc_json_write(v, &b, 0);
	}
	return pc_buf_take(&b);
}

char *pc_value_display(const struct pc_field *f, const struct pc_json *v)
{
	return to_text(f, v, true);
}

char *pc_value_edit_text(const struct pc_field *f, const struct pc_json *v)
{
	return to_text(f, v, false);
}
