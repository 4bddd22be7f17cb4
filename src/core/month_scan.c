/* The reports' fast path (programme.h, pc_month_scan): sums a month's
 * entries straight from the stored JSON text, in one pass, with no tree
 * and no allocation, checking the answers' shape as pc_stored_answers does.
 * It accepts only what the strict reader reads the same way (no escapes,
 * no repeated field); anything else is left to the tree (pc_month_stored). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/programme.h"
#include "parcours/stored.h"
#include "parcours/text.h"
#include "parcours/value.h"
#include "json_internal.h"
#include "month_internal.h"

enum { SCAN_FIELDS_MAX = 64, SCAN_EXTRA_MAX = 16 };

/* A scalar as read: kind, its text (strings: between the quotes), number. */
struct scalar {
	enum pc_json_kind kind;
	const char *s;
	size_t len;
	double number;
	bool integral;
};

struct scan {
	const char *s;
	size_t len, pos;
	int depth;
	bool bad; /* not for this path: the tree decides */
};

static void ws(struct scan *r)
{
	while (r->pos < r->len) {
		char c = r->s[r->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return;
		r->pos++;
	}
}

static bool eat(struct scan *r, char c)
{
	ws(r);
	if (r->pos < r->len && r->s[r->pos] == c) {
		r->pos++;
		return true;
	}
	return false;
}

/* A string without escapes, at the opening quote: valid UTF-8, no control
 * character. */
static bool string(struct scan *r, const char **s, size_t *len)
{
	if (r->pos >= r->len || r->s[r->pos] != '"')
		return r->bad = true, false;
	size_t start = ++r->pos;
	while (r->pos < r->len) {
		unsigned char c = (unsigned char)r->s[r->pos];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			r->pos++; /* the usual byte, first */
			continue;
		}
		if (c == '"') {
			*s = r->s + start;
			*len = r->pos - start;
			r->pos++;
			return true;
		}
		if (c < 0x20 || c == '\\')
			break;
		if (c < 0x80) {
			r->pos++;
			continue;
		}
		uint32_t cp;
		size_t n = pc_utf8_decode(r->s + r->pos, r->len - r->pos, &cp);
		if (!n)
			break;
		r->pos += n;
	}
	return r->bad = true, false;
}

static size_t digits(struct scan *r)
{
	size_t n = 0;
	while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9')
		r->pos++, n++;
	return n;
}

/* The number's value exactly as json_read.c's read_number makes it. */
static bool number(struct scan *r, struct scalar *v)
{
	size_t start = r->pos;
	if (r->s[r->pos] == '-')
		r->pos++;
	size_t int_start = r->pos, nint = digits(r);
	if (nint == 0 || (nint > 1 && r->s[int_start] == '0'))
		return r->bad = true, false;
	bool plain = true;
	if (r->pos < r->len && r->s[r->pos] == '.') {
		r->pos++;
		plain = false;
		if (!digits(r))
			return r->bad = true, false;
	}
	if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
		r->pos++;
		plain = false;
		if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-'))
			r->pos++;
		if (!digits(r))
			return r->bad = true, false;
	}
	v->kind = PC_JSON_NUMBER;
	v->integral = false;
	if (plain && nint <= 18) { /* fits a long long */
		long long u = 0;
		for (size_t i = int_start; i < r->pos; i++)
			u = u * 10 + (r->s[i] - '0');
		v->number = (double)(r->s[start] == '-' ? -u : u);
		v->integral = true;
		return true;
	}
	/* at most 15 digits and no exponent: digits / 10^k is one correctly
	 * rounded division of two exact doubles, which is what strtod gives */
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
				       1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	size_t ndig = 0, nfrac = 0;
	bool dot = false, simple = true;
	long long u = 0;
	for (size_t i = int_start; i < r->pos && simple; i++) {
		char c = r->s[i];
		if (c == '.') {
			dot = true;
		} else if (c >= '0' && c <= '9') {
			u = u * 10 + (c - '0');
			ndig++;
			nfrac += dot;
			simple = ndig <= 15;
		} else {
			simple = false;
		}
	}
	if (simple) {
		double d = (double)u / pow10[nfrac];
		v->number = r->s[start] == '-' && d != 0 ? -d : d;
		return true;
	}
	char text[64];
	size_t n = r->pos - start;
	if (plain || n >= sizeof(text)) /* rare: the tree reads these */
		return r->bad = true, false;
	memcpy(text, r->s + start, n);
	text[n] = '\0';
	double d = json_c_strtod(text, NULL);
	if (!isfinite(d))
		return r->bad = true, false;
	v->number = d == 0 ? 0 : d;
	return true;
}

static bool literal(struct scan *r, const char *word)
{
	size_t n = strlen(word);
	if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n))
		return false;
	r->pos += n;
	return true;
}

static bool skip_value(struct scan *r);

/* A scalar into v; false (bad) on an array or object. */
static bool scalar(struct scan *r, struct scalar *v)
{
	ws(r);
	if (r->pos >= r->len)
		return r->bad = true, false;
	char c = r->s[r->pos];
	memset(v, 0, sizeof(*v));
	if (c == '"') {
		v->kind = PC_JSON_STRING;
		return string(r, &v->s, &v->len);
	}
	if (c == '-' || (c >= '0' && c <= '9'))
		return number(r, v);
	if (literal(r, "true"))
		v->kind = PC_JSON_TRUE;
	else if (literal(r, "false"))
		v->kind = PC_JSON_FALSE;
	else if (literal(r, "null"))
		v->kind = PC_JSON_NULL;
	else
		return r->bad = true, false;
	return true;
}

/* Walks over any value, checking its syntax. */
static bool skip_value(struct scan *r)
{
	ws(r);
	if (r->pos >= r->len)
		return r->bad = true, false;
	char open = r->s[r->pos];
	if (open != '{' && open != '[') {
		struct scalar v;
		return scalar(r, &v);
	}
	if (++r->depth > PC_JSON_MAX_DEPTH)
		return r->bad = true, false;
	r->pos++;
	char close = open == '{' ? '}' : ']';
	if (!eat(r, close)) {
		do {
			if (open == '{') {
				const char *k;
				size_t kl;
				ws(r);
				if (!string(r, &k, &kl) || !eat(r, ':'))
					return r->bad = true, false;
			}
			if (!skip_value(r))
				return false;
		} while (eat(r, ','));
		if (!eat(r, close))
			return r->bad = true, false;
	}
	r->depth--;
	return true;
}

/* The field of `fields` named by the key, or -1. */
static long field_of(const struct pc_field *fields, size_t n, const char *k, size_t kl)
{
	for (size_t i = 0; i < n; i++)
		if (fields[i].name[0] == k[0] && !strncmp(fields[i].name, k, kl) &&
		    fields[i].name[kl] == '\0')
			return (long)i;
	return -1;
}

/* "YYYY-MM-DD", digits where digits stand: the usual stored date, checked
 * here without pc_parse_date's trimming (which the others go through). */
static bool date_plain(const char *s, int *y, int *m, int *d)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return true;
}

/* What value_ok (stored.c) accepts for a scalar of field f. */
static bool scalar_ok(const struct pc_field *f, const struct scalar *v)
{
	if (v->kind == PC_JSON_NULL || f->type == PC_TYPE_NOTE)
		return true;
	switch (f->type) {
	case PC_TYPE_TEXT:
	case PC_TYPE_TEXTAREA:
	case PC_TYPE_CHOICE:
		return v->kind == PC_JSON_STRING;
	case PC_TYPE_INTEGER:
		return v->kind == PC_JSON_NUMBER && v->integral;
	case PC_TYPE_DECIMAL:
	case PC_TYPE_HOURS:
		return v->kind == PC_JSON_NUMBER && v->number >= -1e15 && v->number <= 1e15;
	case PC_TYPE_DATE: {
		char d[16];
		int y, m, dd;
		if (v->kind != PC_JSON_STRING || v->len >= sizeof(d))
			return false;
		if (v->len == 10 && date_plain(v->s, &y, &m, &dd))
			return y >= 1900 && y <= 2200 && dd >= 1 && dd <= pc_days_in_month(y, m);
		memcpy(d, v->s, v->len);
		d[v->len] = '\0';
		return pc_parse_date(d, &y, &m, &dd);
	}
	case PC_TYPE_BOOLEAN:
		return v->kind == PC_JSON_TRUE || v->kind == PC_JSON_FALSE;
	default:
		return false; /* a list where a scalar stands: the tree says why */
	}
}

/* As number_of() in month.c; false (bad) for a text too long to copy. */
static bool number_in(struct scan *r, const struct scalar *v, double *out)
{
	*out = 0;
	if (v->kind == PC_JSON_NUMBER)
		*out = v->number;
	if (v->kind == PC_JSON_STRING) {
		char t[64];
		double d;
		if (v->len >= sizeof(t))
			return r->bad = true, false;
		memcpy(t, v->s, v->len);
		t[v->len] = '\0';
		if (pc_parse_decimal(t, &d))
			*out = d;
	}
	return true;
}

static bool value(struct scan *r, const struct pc_field *f, struct month_acc *a);

/* The rows of a repeat field; the entries' rows are added to a when given. */
static bool rows(struct scan *r, const struct pc_field *f, struct month_acc *a)
{
	ws(r);
	if (eat(r, ']'))
		return true;
	long date = a ? field_of(f->fields, f->nfields, "date", 4) : -1;
	long act = a ? field_of(f->fields, f->nfields, "activity", 8) : -1;
	long hours = a ? field_of(f->fields, f->nfields, "hours", 5) : -1;
	do {
		if (!eat(r, '{') || ++r->depth > PC_JSON_MAX_DEPTH)
			return r->bad = true, false;
		bool seen[SCAN_FIELDS_MAX] = {false};
		struct scalar sv[3] = {{.kind = PC_JSON_NULL}, {.kind = PC_JSON_NULL},
				       {.kind = PC_JSON_NULL}};
		bool given[3] = {false};
		if (!eat(r, '}')) {
			do {
				const char *k;
				size_t kl;
				ws(r);
				if (!string(r, &k, &kl) || !eat(r, ':'))
					return r->bad = true, false;
				long i = field_of(f->fields, f->nfields, k, kl);
				if (i < 0) {
					if (!skip_value(r))
						return false;
					continue;
				}
				if (seen[i]) /* the tree keeps the last: let it */
					return r->bad = true, false;
				seen[i] = true;
				const struct pc_field *sub = &f->fields[i];
				int slot = i == date ? 0 : i == act ? 1 : i == hours ? 2 : -1;
				if (slot >= 0) {
					if (!scalar(r, &sv[slot]) || !scalar_ok(sub, &sv[slot]))
						return r->bad = true, false;
					given[slot] = true;
				} else if (!value(r, sub, NULL)) {
					return false;
				}
			} while (eat(r, ','));
			if (!eat(r, '}'))
				return r->bad = true, false;
		}
		r->depth--;
		if (a) {
			double h;
			if (!number_in(r, &sv[2], &h))
				return false;
			bool d = given[0] && sv[0].kind == PC_JSON_STRING;
			bool c = given[1] && sv[1].kind == PC_JSON_STRING;
			month_entry(a, d ? sv[0].s : NULL, d ? sv[0].len : 0, c ? sv[1].s : NULL,
				    c ? sv[1].len : 0, h);
		}
	} while (eat(r, ','));
	if (!eat(r, ']'))
		return r->bad = true, false;
	return true;
}

/* A value of field f, checked as value_ok does. */
static bool value(struct scan *r, const struct pc_field *f, struct month_acc *a)
{
	ws(r);
	if (r->pos >= r->len)
		return r->bad = true, false;
	if (f->type == PC_TYPE_NOTE)
		return skip_value(r);
	char c = r->s[r->pos];
	if (c == '[' && (f->type == PC_TYPE_REPEAT || f->type == PC_TYPE_CHOICES)) {
		if (f->type == PC_TYPE_REPEAT && f->nfields > SCAN_FIELDS_MAX)
			return r->bad = true, false;
		if (++r->depth > PC_JSON_MAX_DEPTH)
			return r->bad = true, false;
		r->pos++;
		bool ok;
		if (f->type == PC_TYPE_REPEAT) {
			ok = rows(r, f, a);
		} else {
			ok = true;
			if (!eat(r, ']')) {
				do {
					struct scalar v;
					ok = scalar(r, &v) && v.kind == PC_JSON_STRING;
				} while (ok && eat(r, ','));
				ok = ok && eat(r, ']');
			}
		}
		r->depth--;
		return ok || (r->bad = true, false);
	}
	struct scalar v;
	if (!scalar(r, &v))
		return false;
	if (v.kind == PC_JSON_NULL)
		return true;
	if (f->type == PC_TYPE_REPEAT || f->type == PC_TYPE_CHOICES || !scalar_ok(f, &v))
		return r->bad = true, false;
	return true;
}

bool pc_month_scan(const struct pc_form *form, const struct pc_programme *p,
		   const struct pc_enrolment *e, const char *period, const char *text, size_t len,
		   struct pc_month *out)
{
	struct month_acc a;
	/* answers are read (and their damage found) even for a month the
	 * person is not enrolled in, as the tree's path does */
	bool enrolled = month_begin(&a, p, e, period, out);
	size_t nextra = enrolled ? p->nextra : 0;
	if (!text) {
		if (enrolled)
			month_end(&a, 0, out);
		return true;
	}
	if (!form || form->nfields > SCAN_FIELDS_MAX || nextra > SCAN_EXTRA_MAX ||
	    len > JSON_MAX_TEXT)
		return false;
	long entries = field_of(form->fields, form->nfields, "entries", 7);
	if (entries < 0 || form->fields[entries].type != PC_TYPE_REPEAT)
		return false;
	const struct pc_field *ef = &form->fields[entries];
	if (field_of(ef->fields, ef->nfields, "date", 4) < 0 ||
	    field_of(ef->fields, ef->nfields, "activity", 8) < 0 ||
	    field_of(ef->fields, ef->nfields, "hours", 5) < 0)
		return false;
	long extra_field[SCAN_EXTRA_MAX];
	double extra[SCAN_EXTRA_MAX] = {0};
	for (size_t i = 0; i < nextra; i++)
		if ((extra_field[i] = field_of(form->fields, form->nfields, p->extra_costs[i],
					       strlen(p->extra_costs[i]))) < 0)
			return false;
	struct scan r = {.s = text, .len = len};
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		r.pos = 3;
	bool seen[SCAN_FIELDS_MAX] = {false};
	if (!eat(&r, '{'))
		return false;
	r.depth = 1;
	if (!eat(&r, '}')) {
		do {
			const char *k;
			size_t kl;
			ws(&r);
			if (!string(&r, &k, &kl) || !eat(&r, ':'))
				return false;
			long i = field_of(form->fields, form->nfields, k, kl);
			if (i < 0) {
				if (!skip_value(&r))
					return false;
				continue;
			}
			if (seen[i])
				return false;
			seen[i] = true;
			size_t x = 0;
			while (x < nextra && extra_field[x] != i)
				x++;
			if (x < nextra) { /* an extra cost: a scalar */
				struct scalar v;
				if (!scalar(&r, &v) || !scalar_ok(&form->fields[i], &v))
					return false;
				if (!number_in(&r, &v, &extra[x]))
					return false;
			} else if (!value(&r, &form->fields[i], i == entries && enrolled ? &a : NULL)) {
				return false;
			}
		} while (eat(&r, ','));
		if (!eat(&r, '}'))
			return false;
	}
	ws(&r);
	if (r.pos != r.len)
		return false;
	double sum = 0;
	for (size_t i = 0; i < nextra; i++)
		sum += extra[i];
	if (enrolled)
		month_end(&a, sum, out);
	return true;
}

enum pc_status pc_month_stored(const struct pc_form *form, const struct pc_programme *p,
			       const struct pc_enrolment *e, const char *period,
			       const char *file_no, const char *text, struct pc_month *out,
			       struct pc_problems *pr)
{
	if (pc_month_scan(form, p, e, period, text, text ? strlen(text) : 0, out))
		return PC_OK;
	struct pc_json *answers = NULL;
	enum pc_status st = pc_stored_answers(form, PC_PARTICIPATION_FORM, file_no, period, text,
					      &answers, pr);
	if (st == PC_OK)
		pc_month_compute(p, e, period, answers, out);
	pc_json_free(&answers);
	return st;
}
