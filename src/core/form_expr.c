/* The second pass of the form checker: every expression is prepared by
 * SQLite and the $names it uses must be fields of the form (or sibling
 * columns inside a repeat, or $period in a monthly form); defaults must
 * parse; calculations must not form a cycle and get an evaluation order.
 * Runs only on a form whose structure is already sound. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "form_internal.h"

struct pass {
	const char *path;
	struct pc_form *form;
	struct pc_expr *ev;
	struct pc_problems *pr;
	bool *failed;
};

static void at(struct pass *p, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void at(struct pass *p, const struct ynode *n, const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", p->path, n ? n->line : 1, n ? n->col : 1);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(p->pr, false, where, "%s", msg);
	*p->failed = true;
}

/* Whether $name is known where the expression sits (`repeat` is the
 * enclosing repeat of a column, or NULL). */
static bool name_known(struct pass *p, const struct pc_field *repeat, const char *name)
{
	if (repeat && pc_field_child(repeat, name))
		return true;
	return pc_form_field(p->form, name) && !strchr(name, '.');
}

static void suggest(struct pass *p, const struct ynode *n, const struct pc_field *repeat,
		    const char *key, const char *name)
{
	size_t cap = p->form->nfields + (repeat ? repeat->nfields : 0) + 1;
	const char **words = calloc(cap, sizeof(char *));
	size_t nw = 0;
	for (size_t i = 0; words && i < p->form->nfields; i++)
		words[nw++] = p->form->fields[i].name;
	for (size_t i = 0; words && repeat && i < repeat->nfields; i++)
		words[nw++] = repeat->fields[i].name;
	const char *near = words ? pc_form_closest(name, words, nw) : NULL;
	if (near)
		at(p, n, _("%s: there is no field $%s; did you mean $%s?"), key, name, near);
	else
		at(p, n, _("%s: there is no field $%s in this form"), key, name);
	free(words);
}

/* Prepares one expression and checks its names. */
static void check_expr(struct pass *p, const struct ynode *fnode, const char *key,
		       const char *expr, const struct pc_field *repeat)
{
	if (!expr)
		return;
	const struct ynode *n = ytree_get(fnode, key);
	char **names = NULL, *error = NULL;
	size_t nn = 0;
	if (!pc_expr_names(p->ev, expr, &names, &nn, &error)) {
		at(p, n, "%s: %s", key, error ? error : _("out of memory"));
		free(error);
		return;
	}
	for (size_t i = 0; i < nn; i++) {
		if (!strcmp(names[i], "period")) {
			if (p->form->period != PC_PERIOD_MONTH)
				at(p, n, _("%s: $period is only known in a form with \"period: month\""),
				   key);
		} else if (!name_known(p, repeat, names[i])) {
			suggest(p, n, repeat, key, names[i]);
		}
	}
	pc_expr_names_free(&names, nn);
}

static void check_default(struct pass *p, const struct ynode *fnode, const struct pc_field *f)
{
	if (!f->default_text)
		return;
	struct pc_problems local = {0};
	struct pc_json *v = NULL;
	if (f->type == PC_TYPE_REPEAT || f->type == PC_TYPE_NOTE || f->calculate)
		at(p, ytree_get(fnode, "default"), _("a %s field cannot have a default"),
		   f->calculate ? _("calculated") : pc_type_name(f->type));
	else if (pc_value_parse(f, f->default_text, f->name, &v, &local) != PC_OK)
		at(p, ytree_get(fnode, "default"), _("default: %s"),
		   local.len ? local.items[0].message : "?");
	pc_json_free(&v);
	pc_problems_clear(&local);
}

static void check_field(struct pass *p, const struct ynode *fnode, const struct pc_field *f,
			const struct pc_field *repeat)
{
	check_expr(p, fnode, "relevant", f->relevant, repeat);
	check_expr(p, fnode, "constraint", f->constraint, repeat);
	check_expr(p, fnode, "warn", f->warn, repeat);
	check_expr(p, fnode, "calculate", f->calculate, repeat);
	check_default(p, fnode, f);
	const struct ynode *cols = ytree_get(fnode, "fields");
	for (size_t i = 0; cols && i < f->nfields && i < cols->n; i++)
		check_field(p, cols->kids[i], &f->fields[i], f);
}

/* Depth-first search of calculated fields' dependencies: 0 unseen,
 * 1 on the path, 2 done. Appends to calc_order after dependencies. */
static bool visit(struct pass *p, size_t i, int *state, size_t *path, size_t depth,
		  const struct ynode **nodes)
{
	struct pc_form *f = p->form;
	if (state[i] == 2)
		return true;
	if (state[i] == 1) {
		char chain[1024] = "";
		size_t start = 0;
		while (start < depth && path[start] != i)
			start++;
		for (size_t k = start; k < depth; k++) {
			strncat(chain, f->fields[path[k]].name, sizeof(chain) - strlen(chain) - 8);
			strncat(chain, " -> ", sizeof(chain) - strlen(chain) - 1);
		}
		strncat(chain, f->fields[i].name, sizeof(chain) - strlen(chain) - 1);
		at(p, nodes[i], _("the calculations form a cycle: %s"), chain);
		return false;
	}
	state[i] = 1;
	path[depth] = i;
	char **names = NULL, *error = NULL;
	size_t nn = 0;
	bool ok = true;
	if (pc_expr_names(p->ev, f->fields[i].calculate, &names, &nn, &error)) {
		for (size_t k = 0; ok && k < nn; k++) {
			const struct pc_field *dep = pc_form_field(f, names[k]);
			if (dep && dep->calculate && !strchr(names[k], '.'))
				ok = visit(p, (size_t)(dep - f->fields), state, path, depth + 1, nodes);
		}
		pc_expr_names_free(&names, nn);
	}
	free(error);
	state[i] = 2;
	if (ok)
		f->calc_order[f->ncalc++] = i;
	return ok;
}

void pc_form_check_exprs(const char *path, struct pc_form *f, const struct ynode *sections,
			 struct pc_expr *ev, struct pc_problems *pr, bool *failed)
{
	struct pass p = {.path = path, .form = f, .ev = ev, .pr = pr, .failed = failed};
	const struct ynode **nodes = calloc(f->nfields + 1, sizeof(*nodes));
	int *state = calloc(f->nfields + 1, sizeof(int));
	size_t *stack = calloc(f->nfields + 1, sizeof(size_t));
	f->calc_order = calloc(f->nfields + 1, sizeof(size_t));
	if (!nodes || !state || !stack || !f->calc_order) {
		at(&p, sections, "%s", _("out of memory"));
		goto out;
	}
	for (size_t s = 0; sections && s < sections->n && s < f->nsections; s++) {
		const struct ynode *fl = ytree_get(sections->kids[s], "fields");
		for (size_t k = 0; fl && k < fl->n && k < f->sections[s].count; k++)
			nodes[f->sections[s].first + k] = fl->kids[k];
	}
	for (size_t i = 0; i < f->nfields; i++)
		if (nodes[i])
			check_field(&p, nodes[i], &f->fields[i], NULL);
	if (*failed)
		goto out;
	for (size_t i = 0; i < f->nfields; i++)
		if (f->fields[i].calculate && state[i] == 0)
			visit(&p, i, state, stack, 0, nodes);
out:
	free(nodes);
	free(state);
	free(stack);
}
