/* The third pass of the form checker: every expression of a sound form is
 * run once on empty answers and once on typical answers (a plausible value
 * of each field's type), so that one which hits a limit (time, memory) or
 * fails at run time is reported at its FILE:LINE:COL before anyone saves.
 * It does not judge what a calculation gives: that is validate.c's job. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/clock.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "form_internal.h"

struct probe {
	const char *path;
	const struct pc_form *form;
	struct pc_expr *ev;
	struct pc_problems *pr;
	bool *failed;
	bool typical;     /* which set of answers is being tried */
	const char **bad; /* expressions already reported: not run again */
	size_t nbad, capbad;
};

static bool reported(const struct probe *p, const char *expr)
{
	for (size_t i = 0; i < p->nbad; i++)
		if (p->bad[i] == expr)
			return true;
	return false;
}

static void report(struct probe *p, const struct ynode *fnode, const char *key, const char *expr,
                   const char *error)
{
	const struct ynode *n = ytree_get(fnode, key);
	char where[4096];
	snprintf(where, sizeof(where), "%s:%d:%d", p->path, n ? n->line : 1, n ? n->col : 1);
	pc_problems_add(p->pr, false, where,
	                p->typical ? _("%s: with typical answers, %s")
	                           : _("%s: with empty answers, %s"),
	                key, error ? error : _("out of memory"));
	*p->failed = true;
	if (p->nbad == p->capbad) {
		size_t cap = p->capbad ? p->capbad * 2 : 8;
		const char **bad = realloc(p->bad, cap * sizeof(*bad));
		if (!bad)
			return;
		p->bad = bad;
		p->capbad = cap;
	}
	p->bad[p->nbad++] = expr;
}

/* Runs one expression; a calculation's result goes into `into` (the answers
 * or the row) so that what depends on it sees a value. */
static void try_expr(struct probe *p, const struct ynode *fnode, const char *key, const char *expr,
                     const struct pc_field *f, struct pc_json *answers, struct pc_json *row,
                     struct pc_json *into)
{
	if (!expr || reported(p, expr))
		return;
	struct pc_json *result = NULL;
	char *error = NULL;
	if (!pc_expr_eval(p->ev, expr, answers, row, &result, &error)) {
		report(p, fnode, key, expr, error);
	} else if (into && result->kind != PC_JSON_NULL) {
		pc_json_object_set(into, f->name, result); /* takes it, even on failure */
		result = NULL;
	}
	pc_json_free(&result);
	free(error);
}

static void try_field(struct probe *p, const struct ynode *fnode, const struct pc_field *f,
                      struct pc_json *answers, struct pc_json *row)
{
	try_expr(p, fnode, "relevant", f->relevant, f, answers, row, NULL);
	try_expr(p, fnode, "constraint", f->constraint, f, answers, row, NULL);
	try_expr(p, fnode, "warn", f->warn, f, answers, row, NULL);
}

/* A plausible answer of `f`: its default, else a value of its type within
 * its bounds. NULL when there is none (notes, calculations, no memory). */
static struct pc_json *typical_value(const struct pc_field *f)
{
	struct pc_json *v = NULL;
	if (f->calculate || f->type == PC_TYPE_NOTE)
		return NULL;
	if (f->default_text) {
		struct pc_problems ignored = {0};
		pc_value_parse(f, f->default_text, f->name, &v, &ignored);
		pc_problems_clear(&ignored);
		if (v)
			return v;
	}
	double n = f->has_min ? f->min : (f->has_max && f->max < 1 ? f->max : 1);
	switch (f->type) {
	case PC_TYPE_TEXT:
	case PC_TYPE_TEXTAREA: {
		size_t len = f->has_min && f->min > 1 ? (size_t)fmin(f->min, 1000) : 1;
		char *s = malloc(len + 1);
		if (!s)
			return NULL;
		memset(s, 'a', len);
		s[len] = '\0';
		v = pc_json_new_string(s);
		free(s);
		return v;
	}
	case PC_TYPE_INTEGER:
		return pc_json_new_integer((long long)ceil(n));
	case PC_TYPE_DECIMAL:
	case PC_TYPE_HOURS:
		return pc_json_new_number(n);
	case PC_TYPE_DATE: {
		char today[11];
		pc_clock_today(today);
		if (f->min_date && strcmp(today, f->min_date) < 0)
			return pc_json_new_string(f->min_date);
		if (f->max_date && strcmp(today, f->max_date) > 0)
			return pc_json_new_string(f->max_date);
		return pc_json_new_string(today);
	}
	case PC_TYPE_BOOLEAN:
		return pc_json_new_bool(true);
	case PC_TYPE_CHOICE:
	case PC_TYPE_CHOICES:
		for (size_t i = 0; f->choices && i < f->choices->len; i++) {
			if (f->choices->items[i].retired)
				continue;
			v = pc_json_new_string(f->choices->items[i].value);
			if (v && f->type == PC_TYPE_CHOICES) {
				struct pc_json *arr = pc_json_new(PC_JSON_ARRAY);
				if (!arr || !pc_json_array_push(arr, v))
					pc_json_free(&arr);
				v = arr;
			}
			return v;
		}
		return NULL;
	case PC_TYPE_REPEAT: {
		struct pc_json *row = pc_json_new(PC_JSON_OBJECT),
		               *rows = pc_json_new(PC_JSON_ARRAY);
		for (size_t i = 0; row && i < f->nfields; i++) {
			struct pc_json *c = typical_value(&f->fields[i]);
			if (c)
				pc_json_object_set(row, f->fields[i].name, c);
		}
		if (!rows || !row || !pc_json_array_push(rows, row)) {
			pc_json_free(&rows);
			return NULL;
		}
		return rows;
	}
	default:
		return NULL;
	}
}

/* One run over every expression of the form with `answers` (modified:
 * calculated values are added as they are computed). */
static void run(struct probe *p, const struct ynode **nodes, struct pc_json *answers)
{
	const struct pc_form *form = p->form;
	for (size_t i = 0; i < form->ncalc; i++) {
		size_t k = form->calc_order[i];
		try_expr(p, nodes[k], "calculate", form->fields[k].calculate, &form->fields[k],
		         answers, NULL, answers);
	}
	for (size_t i = 0; i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		if (!nodes[i])
			continue;
		try_field(p, nodes[i], f, answers, NULL);
		if (f->type != PC_TYPE_REPEAT)
			continue;
		/* each column on a row: the typical row, or an empty one */
		const struct ynode *cols = ytree_get(nodes[i], "fields");
		struct pc_json *rows = pc_json_object_get(answers, f->name);
		struct pc_json *row = rows && rows->kind == PC_JSON_ARRAY && rows->len
		                          ? pc_json_clone(rows->items[0])
		                          : pc_json_new(PC_JSON_OBJECT);
		for (size_t k = 0; row && cols && k < f->nfields && k < cols->n; k++)
			try_expr(p, cols->kids[k], "calculate", f->fields[k].calculate,
			         &f->fields[k], answers, row, row);
		for (size_t k = 0; row && cols && k < f->nfields && k < cols->n; k++)
			try_field(p, cols->kids[k], &f->fields[k], answers, row);
		pc_json_free(&row);
	}
}

void pc_form_probe(const char *path, const struct pc_form *f, const struct ynode *sections,
                   struct pc_expr *ev, struct pc_problems *pr, bool *failed)
{
	struct probe p = {.path = path, .form = f, .ev = ev, .pr = pr, .failed = failed};
	const struct ynode **nodes = calloc(f->nfields + 1, sizeof(*nodes));
	struct pc_json *empty = pc_json_new(PC_JSON_OBJECT), *typical = pc_json_new(PC_JSON_OBJECT);
	char month[11];
	pc_clock_today(month);
	month[7] = '\0';
	if (!nodes || !empty || !typical)
		goto oom;
	for (size_t s = 0; sections && s < sections->n && s < f->nsections; s++) {
		const struct ynode *fl = ytree_get(sections->kids[s], "fields");
		for (size_t k = 0; fl && k < fl->n && k < f->sections[s].count; k++)
			nodes[f->sections[s].first + k] = fl->kids[k];
	}
	for (size_t i = 0; i < f->nfields; i++) {
		struct pc_json *v = typical_value(&f->fields[i]);
		if (v && !pc_json_object_set(typical, f->fields[i].name, v))
			goto oom;
	}
	if (f->period == PC_PERIOD_MONTH) {
		if (!pc_json_object_set(empty, "period", pc_json_new_string(month)) ||
		    !pc_json_object_set(typical, "period", pc_json_new_string(month)))
			goto oom;
	}
	run(&p, nodes, empty);
	p.typical = true;
	run(&p, nodes, typical);
	goto out;
oom:
	pc_problems_add(pr, false, path, "%s", _("out of memory"));
	*failed = true;
out:
	free(p.bad);
	free(nodes);
	pc_json_free(&empty);
	pc_json_free(&typical);
}
