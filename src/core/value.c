/* Answers as people type them (value.h): typed text and --json values
 * turned into the normal JSON forms of each field type, with a message that
 * says what is expected when they are refused. Checks the type only:
 * bounds, patterns, relevance and constraints belong to validate.c. The
 * low-level parsers are in value_parse.c, the way back to text in
 * value_format.c. */
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
#include "value_internal.h"

/* ---- problems */

/* The user's text for a message: at most QUOTE_MAX characters, with "…"
 * when cut. Malloc'ed; NULL on allocation failure. */
static char *shorten(const char *s)
{
	return pc_text_shorten(s, QUOTE_MAX);
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
		if ((r = value_integer_parse(t, &i)) == R_OK)
			*out = pc_json_new_integer(i);
		break;
	}
	case PC_TYPE_DECIMAL: {
		double d;
		if ((r = value_decimal_parse(t, &d)) == R_OK)
			*out = decimal_value(d);
		break;
	}
	case PC_TYPE_HOURS: {
		long m;
		if ((r = value_hours_parse(t, &m)) == R_OK)
			*out = hours_value(m);
		break;
	}
	case PC_TYPE_DATE: {
		int y, m, d;
		if ((r = value_date_parse(t, &y, &m, &d)) == R_OK)
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
	} else if (pc_text_has_invisible(t)) {
		/* they make a name look like another one, or reorder what is shown */
		pc_problems_add(pr, false, where, "%s",
		                _("direction overrides and zero-width characters are not allowed"));
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

enum pc_status pc_value_from_json(const struct pc_field *f, const struct pc_json *in,
                                  const char *where, struct pc_json **out, struct pc_problems *pr)
{
	*out = NULL;
	if (!in || in->kind == PC_JSON_NULL)
		return PC_OK;
	if (in->kind == PC_JSON_STRING)
		return pc_value_parse(f, in->string, where, out, pr);
	if (in->kind == PC_JSON_NUMBER) {
		double d = value_number_of(in);
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
