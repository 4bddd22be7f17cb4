/* The one validation path (validate.h): parses every answer with value.h,
 * then applies calculations (whose results are checked like typed answers),
 * relevance, required, bounds, patterns, constraints and soft warnings,
 * collecting every problem at once. It does not read or write the database
 * and does not know which face called it. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/text.h"
#include "parcours/validate.h"
#include "parcours/value.h"

enum { STOPPED_MAX = 8 };

/* Everything one validation run shares. */
struct run {
	const struct pc_form *form;
	struct pc_expr *ev;
	enum pc_validate_mode mode;
	struct pc_problems *pr;
	bool broken; /* an expression could not be evaluated */
	/* expressions a limit stopped in this run: not run again (each costs up
	 * to the time limit); past STOPPED_MAX, no expression is run again */
	const char *stopped[STOPPED_MAX];
	size_t nstopped;
};

/* Adds an error unless the same one is already there (calculations run
 * twice, before and after relevance). */
static void add_once(struct run *r, const char *where, const char *message)
{
	for (size_t i = 0; i < r->pr->len; i++)
		if (!strcmp(r->pr->items[i].where, where) &&
		    !strcmp(r->pr->items[i].message, message))
			return;
	pc_problems_add(r->pr, false, where, "%s", message);
}

static bool was_stopped(const struct run *r, const char *expr)
{
	for (size_t i = 0; i < r->nstopped; i++)
		if (r->stopped[i] == expr)
			return true;
	return r->nstopped == STOPPED_MAX;
}

/* A limit (time, memory) stopped the expression: the answers made it too
 * costly, so they are refused at the field. Any other failure means the
 * definition itself cannot be used. */
static void expr_failed(struct run *r, const char *expr, const char *where, const char *what,
                        char *error)
{
	if (error && pc_expr_stopped(r->ev) != PC_EXPR_RAN) {
		char msg[1024];
		if (!strcmp(what, "calculate"))
			snprintf(msg, sizeof(msg), _("this calculation could not finish: %s"),
			         error);
		else
			snprintf(msg, sizeof(msg),
			         _("this field's %s expression could not finish: %s"), what, error);
		add_once(r, where, msg);
		if (r->nstopped < STOPPED_MAX)
			r->stopped[r->nstopped++] = expr;
	} else {
		pc_problems_add(r->pr, false, where, _("the form's %s expression failed: %s"), what,
		                error ? error : _("out of memory"));
		r->broken = true;
	}
	free(error);
}

/* 1 true, 0 false, -1 NULL (unknown); failures count as `dflt`. */
static int test(struct run *r, const char *expr, const char *where, const char *what,
		const struct pc_json *answers, const struct pc_json *row, int dflt)
{
	int truth;
	char *error = NULL;
	if (was_stopped(r, expr))
		return dflt;
	if (!pc_expr_test(r->ev, expr, answers, row, &truth, &error)) {
		expr_failed(r, expr, where, what, error);
		return dflt;
	}
	return truth;
}

bool pc_field_relevant(const struct pc_form *form, struct pc_expr *ev, const struct pc_field *f,
		       const struct pc_json *answers, const struct pc_json *row)
{
	(void)form;
	if (!f->relevant)
		return true;
	int truth;
	char *error = NULL;
	if (!pc_expr_test(ev, f->relevant, answers, row, &truth, &error)) {
		free(error);
		return true;
	}
	return truth == 1;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void fmt_number(char *out, size_t n, double v)
{
	snprintf(out, n, "%.15g", v);
	if (pc_i18n_lang() == PC_LANG_FR) {
		char *dot = strchr(out, '.');
		if (dot)
			*dot = ',';
	}
}

/* Bounds and pattern of one answer (present and relevant). */
static void check_bounds(struct run *r, const struct pc_field *f, const struct pc_json *v,
			 const char *where)
{
	char lo[32], hi[32];
	fmt_number(lo, sizeof(lo), f->min);
	fmt_number(hi, sizeof(hi), f->max);
	switch (f->type) {
	case PC_TYPE_INTEGER:
	case PC_TYPE_DECIMAL:
	case PC_TYPE_HOURS:
		if (v->kind != PC_JSON_NUMBER)
			return;
		if (f->has_min && v->number < f->min)
			pc_problems_add(r->pr, false, where, _("must be at least %s"), lo);
		if (f->has_max && v->number > f->max)
			pc_problems_add(r->pr, false, where, _("must be at most %s"), hi);
		return;
	case PC_TYPE_TEXT:
	case PC_TYPE_TEXTAREA: {
		if (v->kind != PC_JSON_STRING)
			return;
		size_t len = utf8_chars(v->string);
		if (f->has_min && (double)len < f->min)
			pc_problems_add(r->pr, false, where, _("must have at least %s characters"), lo);
		if (f->has_max && (double)len > f->max)
			pc_problems_add(r->pr, false, where, _("must have at most %s characters"), hi);
		if (f->pattern) {
			regex_t re;
			size_t n = strlen(f->pattern) + 5;
			char *anchored = malloc(n);
			if (!anchored)
				return;
			snprintf(anchored, n, "^(%s)$", f->pattern);
			if (regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB) == 0) {
				if (regexec(&re, v->string, 0, NULL, 0) != 0) {
					if (pc_text_get(&f->message)[0])
						pc_problems_add(r->pr, false, where, "%s",
								pc_text_get(&f->message));
					else
						pc_problems_add(r->pr, false, where, "%s",
								_("is not in the expected form"));
				}
				regfree(&re);
			}
			free(anchored);
		}
		return;
	}
	case PC_TYPE_DATE:
		if (v->kind != PC_JSON_STRING)
			return;
		if (f->min_date && strcmp(v->string, f->min_date) < 0)
			pc_problems_add(r->pr, false, where, _("must be on or after %s"), f->min_date);
		if (f->max_date && strcmp(v->string, f->max_date) > 0)
			pc_problems_add(r->pr, false, where, _("must be on or before %s"), f->max_date);
		return;
	case PC_TYPE_CHOICES:
		if (v->kind != PC_JSON_ARRAY)
			return;
		if (f->has_min && (double)v->len < f->min)
			pc_problems_add(r->pr, false, where, _("choose at least %s"), lo);
		if (f->has_max && (double)v->len > f->max)
			pc_problems_add(r->pr, false, where, _("choose at most %s"), hi);
		return;
	case PC_TYPE_REPEAT:
		if (v->kind != PC_JSON_ARRAY)
			return;
		if (f->has_min && (double)v->len < f->min)
			pc_problems_add(r->pr, false, where, _("needs at least %s rows"), lo);
		if (f->has_max && (double)v->len > f->max)
			pc_problems_add(r->pr, false, where, _("has more than %s rows"), hi);
		return;
	default:
		return;
	}
}

/* What a calculation gave, in the shape a typed answer of `f` would come
 * in: SQLite's numbers as text for text and date fields, 0/1 as a boolean,
 * the JSON text of a list as a list. New value, or NULL when out of memory. */
static struct pc_json *as_input(const struct pc_field *f, const struct pc_json *v)
{
	if (v->kind == PC_JSON_NUMBER) {
		char num[64];
		switch (f->type) {
		case PC_TYPE_TEXT:
		case PC_TYPE_TEXTAREA:
		case PC_TYPE_DATE:
			if (v->integral)
				snprintf(num, sizeof(num), "%lld", v->integer);
			else
				snprintf(num, sizeof(num), "%.15g", v->number);
			return pc_json_new_string(num);
		case PC_TYPE_BOOLEAN:
			if (v->number == 0 || v->number == 1)
				return pc_json_new_bool(v->number == 1);
			break;
		default:
			break;
		}
	}
	if (v->kind == PC_JSON_STRING &&
	    (f->type == PC_TYPE_CHOICES || f->type == PC_TYPE_REPEAT) &&
	    v->string[strspn(v->string, " \t\r\n")] == '[') {
		struct pc_json *list = pc_json_parse(v->string, strlen(v->string), NULL, 0);
		if (list)
			return list;
	}
	return pc_json_clone(v);
}

/* Computes `f`'s calculation into `into` (an object), removing the key when
 * the result is NULL or refused. The result goes through value.h like a
 * typed answer: a date calculation giving "abc" or "2026-02-30", a choice
 * that is not in the list or text that is not UTF-8 is an error at the
 * field, never stored. Bounds are checked later with the other answers. */
static void calculate(struct run *r, const struct pc_field *f, struct pc_json *into,
		      const struct pc_json *answers, const struct pc_json *row, const char *where)
{
	struct pc_json *v = NULL, *in = NULL, *typed = NULL;
	char *error = NULL;
	struct pc_problems local = {0};
	if (was_stopped(r, f->calculate)) {
		pc_json_object_remove(into, f->name);
		return;
	}
	if (!pc_expr_eval(r->ev, f->calculate, answers, row, &v, &error)) {
		expr_failed(r, f->calculate, where, "calculate", error);
		pc_json_object_remove(into, f->name);
		return;
	}
	if (v->kind == PC_JSON_NULL) {
		pc_json_free(&v);
		pc_json_object_remove(into, f->name);
		return;
	}
	if (f->type == PC_TYPE_INTEGER && v->kind == PC_JSON_NUMBER && !v->integral) {
		if (!(v->number > -9e15 && v->number < 9e15)) {
			/* not a whole number any integer can hold (or NaN) */
			pc_json_free(&v);
			pc_problems_add(r->pr, false, where, "%s", _("the calculation gives a number too large"));
			r->broken = true;
			return;
		}
		long long i = (long long)(v->number < 0 ? v->number - 0.5 : v->number + 0.5);
		pc_json_free(&v);
		v = pc_json_new_integer(i);
	}
	if (!v || !(in = as_input(f, v))) {
		pc_problems_add(r->pr, false, where, "%s", _("out of memory"));
		goto out;
	}
	if (pc_value_from_json(f, in, where, &typed, &local) != PC_OK) {
		char msg[1024];
		for (size_t i = 0; i < local.len; i++) {
			snprintf(msg, sizeof(msg),
			         _("the calculation gives a value not accepted here: %s"),
			         local.items[i].message);
			add_once(r, where, msg);
		}
		if (!local.len)
			add_once(r, where, _("out of memory"));
		pc_json_object_remove(into, f->name);
		goto out;
	}
	if (!typed)
		pc_json_object_remove(into, f->name);
	else if (!pc_json_object_set(into, f->name, typed))
		pc_problems_add(r->pr, false, where, "%s", _("out of memory"));
	typed = NULL;
out:
	pc_problems_clear(&local);
	pc_json_free(&typed);
	pc_json_free(&in);
	pc_json_free(&v);
}

/* Required, bounds, constraint and warning of one relevant field. */
static void check_field(struct run *r, const struct pc_field *f, const struct pc_json *v,
			const struct pc_json *answers, const struct pc_json *row,
			const char *where)
{
	bool empty = !v || v->kind == PC_JSON_NULL ||
		     (v->kind == PC_JSON_ARRAY && v->len == 0) ||
		     (v->kind == PC_JSON_STRING && !v->string[0]);
	if (empty) {
		if (f->required && !f->calculate && r->mode == PC_VALIDATE_SAVE)
			pc_problems_add(r->pr, false, where, "%s", _("This answer is required."));
		return;
	}
	check_bounds(r, f, v, where);
	if (f->constraint &&
	    test(r, f->constraint, where, "constraint", answers, row, 1) == 0) {
		const char *msg = pc_text_get(&f->message);
		pc_problems_add(r->pr, false, where, "%s",
				*msg ? msg : _("this answer is not accepted"));
	}
	if (f->warn && test(r, f->warn, where, "warn", answers, row, 0) == 1) {
		const char *msg = pc_text_get(&f->warn_message);
		pc_problems_add(r->pr, true, where, "%s",
				*msg ? msg : _("please check this answer"));
	}
}

/* Validates the rows of repeat `f` in place: column calculations,
 * relevance and checks. */
static void check_rows(struct run *r, const struct pc_field *f, struct pc_json *rows,
		       const struct pc_json *answers, const char *where)
{
	char path[256];
	for (size_t i = 0; rows && rows->kind == PC_JSON_ARRAY && i < rows->len; i++) {
		struct pc_json *row = rows->items[i];
		for (size_t k = 0; k < f->nfields; k++) {
			const struct pc_field *col = &f->fields[k];
			snprintf(path, sizeof(path), "%s.%zu.%s", where, i + 1, col->name);
			if (col->calculate)
				calculate(r, col, row, answers, row, path);
			if (!pc_field_relevant(r->form, r->ev, col, answers, row)) {
				if (r->mode == PC_VALIDATE_SAVE)
					pc_json_object_remove(row, col->name);
				continue;
			}
			check_field(r, col, pc_json_object_get(row, col->name), answers, row, path);
		}
	}
}

/* Parses the rows of a repeat column by column, keeping the good answers
 * of a row whose other answers are refused, so that every problem of every
 * row is reported in one go. */
static struct pc_json *parse_rows(struct run *r, const struct pc_field *f, const struct pc_json *in)
{
	struct pc_json *rows = pc_json_new(PC_JSON_ARRAY);
	char path[256];
	for (size_t i = 0; rows && i < in->len; i++) {
		const struct pc_json *row = in->items[i];
		struct pc_json *out = pc_json_new(PC_JSON_OBJECT);
		snprintf(path, sizeof(path), "%s.%zu", f->name, i + 1);
		if (row->kind != PC_JSON_OBJECT) {
			pc_problems_add(r->pr, false, path, "%s",
					_("a row must be an object of column names and values"));
			pc_json_free(&out);
			continue;
		}
		for (size_t k = 0; out && k < row->len; k++) {
			const struct pc_field *col = pc_field_child(f, row->keys[k]);
			snprintf(path, sizeof(path), "%s.%zu.%s", f->name, i + 1, row->keys[k]);
			if (!col) {
				pc_problems_add(r->pr, false, path, "%s", _("unknown field"));
				continue;
			}
			struct pc_json *v = NULL;
			if (pc_value_from_json(col, row->items[k], path, &v, r->pr) == PC_OK && v)
				pc_json_object_set(out, col->name, v);
			else
				pc_json_free(&v);
		}
		if (!out || !pc_json_array_push(rows, out)) {
			pc_problems_add(r->pr, false, f->name, "%s", _("out of memory"));
			pc_json_free(&rows);
		}
	}
	return rows;
}

/* Parses every raw answer into `answers`; unknown and read-only fields are
 * problems. */
static void parse_all(struct run *r, const struct pc_json *raw, struct pc_json *answers)
{
	for (size_t i = 0; raw && i < raw->len; i++) {
		const char *name = raw->keys[i];
		const struct pc_field *f = pc_form_field(r->form, name);
		if (!f || strchr(name, '.')) {
			pc_problems_add(r->pr, false, name, "%s", _("unknown field"));
			continue;
		}
		if (f->type == PC_TYPE_NOTE || f->calculate) {
			if (raw->items[i]->kind != PC_JSON_NULL)
				pc_problems_add(r->pr, false, name, "%s",
						_("this field is computed or informative: it takes no answer"));
			continue;
		}
		struct pc_json *v = NULL;
		if (f->type == PC_TYPE_REPEAT && raw->items[i]->kind == PC_JSON_ARRAY)
			v = parse_rows(r, f, raw->items[i]);
		else if (pc_value_from_json(f, raw->items[i], name, &v, r->pr) != PC_OK)
			pc_json_free(&v);
		if (v &&
		    !pc_json_object_set(answers, name, v))
			pc_problems_add(r->pr, false, name, "%s", _("out of memory"));
	}
}

static void calculate_all(struct run *r, struct pc_json *answers)
{
	for (size_t i = 0; i < r->form->ncalc; i++) {
		const struct pc_field *f = &r->form->fields[r->form->calc_order[i]];
		calculate(r, f, answers, answers, NULL, f->name);
	}
}

enum pc_status pc_validate(const struct pc_form *form, struct pc_expr *ev, const struct pc_json *raw,
			   const char *period, enum pc_validate_mode mode, struct pc_json **clean,
			   struct pc_problems *pr)
{
	*clean = NULL;
	struct run r = {.form = form, .ev = ev, .mode = mode, .pr = pr};
	struct pc_problems local = {0};
	r.pr = &local;
	struct pc_json *answers = pc_json_new(PC_JSON_OBJECT);
	if (!answers) {
		pc_problems_add(pr, false, form->id, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	if (raw && raw->kind != PC_JSON_OBJECT)
		pc_problems_add(r.pr, false, form->id, "%s",
				_("the answers must be an object of field names and values"));
	else
		parse_all(&r, raw, answers);
	if (period && *period) {
		struct pc_json *p = pc_json_new_string(period);
		if (!p || !pc_json_object_set(answers, "period", p))
			pc_problems_add(r.pr, false, form->id, "%s", _("out of memory"));
	}
	/* Relevance sees calculated values, and an irrelevant answer counts as
	 * empty for what follows it; calculations are then redone on what is
	 * kept. */
	calculate_all(&r, answers);
	bool *relevant = calloc(form->nfields + 1, sizeof(bool));
	if (!relevant) {
		pc_problems_add(r.pr, false, form->id, "%s", _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		relevant[i] = true;
		if (f->relevant)
			relevant[i] = test(&r, f->relevant, f->name, "relevant", answers, NULL, 1) == 1;
		if (!relevant[i] && mode == PC_VALIDATE_SAVE)
			pc_json_object_remove(answers, f->name);
	}
	calculate_all(&r, answers);
	for (size_t i = 0; i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		if (!relevant[i] || f->type == PC_TYPE_NOTE)
			continue;
		struct pc_json *v = pc_json_object_get(answers, f->name);
		if (f->type == PC_TYPE_REPEAT)
			check_rows(&r, f, v, answers, f->name);
		check_field(&r, f, v, answers, NULL, f->name);
	}
	free(relevant);
out:;
	enum pc_status st = PC_OK;
	if (r.broken)
		st = PC_UNUSABLE;
	else if (pc_problems_errors(&local))
		st = PC_REFUSED;
	pc_problems_take(pr, &local, NULL);
	pc_json_object_remove(answers, "period");
	if (st == PC_OK)
		*clean = answers;
	else
		pc_json_free(&answers);
	return st;
}
