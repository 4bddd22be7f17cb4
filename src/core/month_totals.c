/* Month totals (month_totals.h): a participation month's answers reduced
 * to what the reports add up, written as two short texts, and the month
 * of a programme computed back from them with month.c's own steps, so a
 * report from totals and one from the answers agree to the bit. No SQL
 * here (src/store/month_totals.c), no programme knowledge in the totals. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/enrolment.h"
#include "parcours/form.h"
#include "parcours/json.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "parcours/value.h"
#include "month_internal.h"

struct activity {
	const char *name; /* NULL: no activity text */
	long minutes;
};

struct tally {
	struct activity *v;
	size_t n, cap;
	const char *first, *last;
};

static bool tally_add(struct tally *t, const char *name, long minutes, bool *oom)
{
	for (size_t i = 0; i < t->n; i++)
		if (name ? t->v[i].name && !strcmp(t->v[i].name, name) : !t->v[i].name) {
			t->v[i].minutes += minutes;
			return true;
		}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4;
		struct activity *v = realloc(t->v, cap * sizeof(*v));
		if (!v) {
			*oom = true;
			return false;
		}
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = (struct activity){name, minutes};
	return true;
}

/* One entry row, read as pc_month_compute reads it; false for a shape the
 * month does not read (the report then reads the answers and says why). */
static bool row_in(struct tally *t, const struct pc_json *row, bool *oom)
{
	if (row->kind != PC_JSON_OBJECT)
		return false;
	const struct pc_json *day = pc_json_object_get(row, "date");
	const struct pc_json *act = pc_json_object_get(row, "activity");
	const struct pc_json *hours = pc_json_object_get(row, "hours");
	if ((day && day->kind != PC_JSON_NULL && day->kind != PC_JSON_STRING) ||
	    (act && act->kind != PC_JSON_NULL && act->kind != PC_JSON_STRING) ||
	    (hours && hours->kind != PC_JSON_NULL && hours->kind != PC_JSON_NUMBER))
		return false;
	if (day && day->kind == PC_JSON_STRING) {
		if (!t->first || strcmp(day->string, t->first) < 0)
			t->first = day->string;
		if (!t->last || strcmp(day->string, t->last) > 0)
			t->last = day->string;
	}
	const char *name = act && act->kind == PC_JSON_STRING ? act->string : NULL;
	if (name && strchr(name, '\n'))
		return false;
	/* as month_entry: whole minutes, so 3:20 + 3:40 is exactly 7 hours */
	double h = hours && hours->kind == PC_JSON_NUMBER ? hours->number : 0;
	return tally_add(t, name, lround(h * 60.0), oom);
}

/* number_of() in month.c: what an extra-cost field adds. */
static double amount_of(const struct pc_json *v)
{
	double d;
	if (v->kind == PC_JSON_NUMBER)
		return v->number;
	if (v->kind == PC_JSON_STRING && pc_parse_decimal(v->string, &d))
		return d;
	return 0;
}

static char *dup_or_null(const char *s, bool *oom)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		*oom = true;
	return d;
}

bool pc_month_totals_of(const char *text, size_t len, struct pc_month_totals *out, bool *oom)
{
	memset(out, 0, sizeof(*out));
	*oom = false;
	char why[256];
	struct pc_json *v = text ? pc_json_parse(text, len, why, sizeof(why)) : NULL;
	struct tally t = {0};
	struct pc_buf minutes = {0}, amounts = {0};
	bool ok = v && v->kind == PC_JSON_OBJECT;
	const struct pc_json *entries = ok ? pc_json_object_get(v, "entries") : NULL;
	if (entries && entries->kind != PC_JSON_NULL && entries->kind != PC_JSON_ARRAY)
		ok = false;
	for (size_t i = 0; ok && entries && entries->kind == PC_JSON_ARRAY && i < entries->len; i++)
		ok = row_in(&t, entries->items[i], oom);
	for (size_t i = 0; ok && i < t.n; i++) {
		if (t.v[i].name)
			pc_buf_printf(&minutes, "%ld %s\n", t.v[i].minutes, t.v[i].name);
		else
			pc_buf_printf(&minutes, "%ld\n", t.v[i].minutes);
	}
	for (size_t i = 0; ok && i < v->len; i++) {
		double d = amount_of(v->items[i]);
		if (d == 0) /* adds nothing: a sum never is -0, so leaving it out is exact */
			continue;
		if (strpbrk(v->keys[i], "\t\n")) {
			ok = false;
			break;
		}
		uint64_t bits;
		memcpy(&bits, &d, sizeof(bits));
		pc_buf_printf(&amounts, "%s\t%016llx\n", v->keys[i], (unsigned long long)bits);
	}
	if (ok) {
		out->first_day = dup_or_null(t.first, oom);
		out->last_day = dup_or_null(t.last, oom);
		out->minutes = pc_buf_take(&minutes); /* "" when empty, NULL on failure */
		out->amounts = pc_buf_take(&amounts);
		if (!out->minutes || !out->amounts)
			*oom = true;
	}
	free(t.v);
	pc_buf_free(&minutes);
	pc_buf_free(&amounts);
	pc_json_free(&v);
	if (!ok || *oom) {
		pc_month_totals_clear(out);
		return false;
	}
	return true;
}

void pc_month_totals_clear(struct pc_month_totals *t)
{
	free(t->first_day);
	free(t->last_day);
	free(t->minutes);
	free(t->amounts);
	memset(t, 0, sizeof(*t));
}

static bool same_text(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

bool pc_month_totals_same(const struct pc_month_totals *a, const struct pc_month_totals *b)
{
	return a->revision == b->revision && same_text(a->first_day, b->first_day) &&
	       same_text(a->last_day, b->last_day) && same_text(a->minutes, b->minutes) &&
	       same_text(a->amounts, b->amounts);
}

/* The 16 hex digits at s as a double; false when they are not. */
static bool bits_at(const char *s, double *out)
{
	uint64_t bits = 0;
	for (int i = 0; i < 16; i++) {
		char c = s[i];
		unsigned v = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
						    : 16;
		if (v == 16)
			return false;
		bits = bits << 4 | v;
	}
	memcpy(out, &bits, sizeof(*out));
	return true;
}

/* The amount kept for `field`, 0 when none; false when damaged. */
static bool amount_in(const char *amounts, const char *field, double *out)
{
	*out = 0;
	size_t fl = strlen(field);
	for (const char *p = amounts; *p;) {
		const char *tab = strchr(p, '\t');
		if (!tab || strnlen(tab + 1, 17) < 17 || tab[17] != '\n')
			return false;
		if ((size_t)(tab - p) == fl && !memcmp(p, field, fl))
			return bits_at(tab + 1, out);
		p = tab + 18;
	}
	return true;
}

/* A line "MINUTES[ ACTIVITY]\n" at *s: false when damaged. */
static bool minutes_line(const char **s, long *m, const char **act, size_t *len)
{
	const char *p = *s;
	bool neg = *p == '-';
	p += neg;
	if (*p < '0' || *p > '9')
		return false;
	long v = 0;
	for (int n = 0; *p >= '0' && *p <= '9'; p++, n++) {
		if (n == 18)
			return false;
		v = v * 10 + (*p - '0');
	}
	*m = neg ? -v : v;
	*act = NULL;
	*len = 0;
	if (*p == ' ') {
		const char *nl = strchr(p + 1, '\n');
		if (!nl)
			return false;
		*act = p + 1;
		*len = (size_t)(nl - p - 1);
		p = nl;
	}
	if (*p != '\n')
		return false;
	*s = p + 1;
	return true;
}

bool pc_month_from_totals(const struct pc_programme *p, const struct pc_enrolment *e,
			  const char *period, const struct pc_month_totals *t,
			  struct pc_month *out)
{
	struct month_acc a;
	if (!month_begin(&a, p, e, period, out))
		return true; /* not enrolled: nothing of the answers counts */
	if (!t->minutes || !t->amounts)
		return false;
	/* a row dated outside the enrolment is counted apart: only the
	 * answers say which (month_entry) */
	if (e && ((t->first_day && e->start && strcmp(t->first_day, e->start) < 0) ||
		  (t->last_day && e->end && strcmp(t->last_day, e->end) > 0)))
		return false;
	for (const char *s = t->minutes; *s;) {
		long m;
		const char *act;
		size_t len;
		if (!minutes_line(&s, &m, &act, &len))
			return false;
		month_add(&a, act, len, m);
	}
	double extra = 0;
	for (size_t i = 0; i < p->nextra; i++) {
		double d;
		if (!amount_in(t->amounts, p->extra_costs[i], &d))
			return false;
		extra += d;
	}
	month_end(&a, extra, out);
	return true;
}

enum pc_status pc_month_reported(struct pc_store *s, const struct pc_formset *forms,
				 const struct pc_programme *p, const struct pc_enrolment *e,
				 const char *period, const struct pc_month_row *row,
				 struct pc_month *out, struct pc_problems *pr)
{
	if (row->totals && pc_month_from_totals(p, e, period, row->totals, out))
		return PC_OK;
	char *answers = NULL;
	enum pc_status st = pc_store_month_answers(s, row->participant->id, PC_PARTICIPATION_FORM,
						   period, &answers, pr);
	/* the form only for answers to read: a report from totals (or of
	 * months never saved) loads no definition */
	const struct pc_form *form = NULL;
	if (st == PC_OK && answers && forms)
		st = pc_formset_get(forms, PC_PARTICIPATION_FORM, &form, pr);
	if (st == PC_OK)
		st = pc_month_stored(form, p, e, period, row->participant->file_no, answers, out, pr);
	free(answers);
	return st;
}
