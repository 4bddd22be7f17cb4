/* A programme's eligibility conditions (eligibility.h): read from
 * programmes.yaml, checked against the intake form by `forms check`, and
 * evaluated on one intake's answers. Pure: no database, no screen; the
 * enrolment's rule and the exception are eligibility_exception.c's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/programme.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "eligibility_internal.h"
#include "form_internal.h"

static void at(const char *path, int line, int col, struct pc_problems *pr, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void at(const char *path, int line, int col, struct pc_problems *pr, const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", path, line, col);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(pr, false, where, "%s", msg);
}

static void condition_clear(struct pc_condition *c)
{
	free(c->field);
	for (size_t i = 0; i < c->nvalues; i++)
		free(c->values[i]);
	free(c->values);
	free(c->label.fr);
	free(c->label.en);
}

void pc_eligibility_clear(struct pc_eligibility *e)
{
	for (size_t i = 0; e && i < e->len; i++)
		condition_clear(&e->items[i]);
	if (e) {
		free(e->items);
		e->items = NULL;
		e->len = 0;
	}
}

const char *pc_condition_state_name(enum pc_condition_state s)
{
	switch (s) {
	case PC_CONDITION_MET:
		return "met";
	case PC_CONDITION_UNMET:
		return "unmet";
	case PC_CONDITION_UNKNOWN:
		break;
	}
	return "unknown";
}

static const char *const keys[] = {"field", "in", "label"};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

/* One condition; false after a problem. */
static bool condition(const char *path, const struct ynode *n, struct pc_condition *c,
                      struct pc_problems *pr)
{
	c->line = n->line;
	c->col = n->col;
	if (n->kind != Y_MAP) {
		at(path, n->line, n->col, pr, "%s",
		   _("an eligibility condition is a mapping: field, in, label"));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct ynode *k = n->kids[i];
		const char *name = k->kind == Y_SCALAR ? k->text : "";
		bool known = false;
		for (size_t j = 0; j < NKEYS; j++)
			known |= !strcmp(name, keys[j]);
		if (known)
			continue;
		const char *near = pc_form_closest(name, keys, NKEYS);
		if (near)
			at(path, k->line, k->col, pr,
			   _("unknown key \"%s\" in an eligibility condition; did you mean "
			     "\"%s\"?"),
			   name, near);
		else
			at(path, k->line, k->col, pr,
			   _("unknown key \"%s\" in an eligibility condition (field, in, label)"),
			   name);
		ok = false;
	}
	const struct ynode *f = ytree_get(n, "field"), *in = ytree_get(n, "in"),
	                   *label = ytree_get(n, "label");
	if (!f || f->kind != Y_SCALAR || !f->text[0]) {
		at(path, n->line, n->col, pr, "%s",
		   _("an eligibility condition needs a \"field\": the intake's field it reads"));
		ok = false;
	} else if (!(c->field = strdup(f->text))) {
		ok = false;
	}
	if (!in || in->kind != Y_SEQ || !in->n) {
		at(path, in ? in->line : n->line, in ? in->col : n->col, pr, "%s",
		   _("\"in\" must be a list of the answers that make a person eligible"));
		ok = false;
	} else if (!(c->values = calloc(in->n, sizeof(char *)))) {
		ok = false;
	} else {
		for (size_t i = 0; i < in->n; i++) {
			if (in->kids[i]->kind != Y_SCALAR) {
				at(path, in->kids[i]->line, in->kids[i]->col, pr, "%s",
				   _("\"in\" must be a list of the answers that make a person "
				     "eligible"));
				ok = false;
			} else if (!(c->values[c->nvalues++] = strdup(in->kids[i]->text))) {
				ok = false;
			}
		}
	}
	if (label && label->kind == Y_SCALAR && label->text[0]) {
		c->label.fr = strdup(label->text);
		c->label.en = strdup(label->text);
	} else if (label && label->kind == Y_MAP) {
		const struct ynode *fr = ytree_get(label, "fr"), *en = ytree_get(label, "en");
		c->label.fr = fr && fr->kind == Y_SCALAR ? strdup(fr->text) : NULL;
		c->label.en = en && en->kind == Y_SCALAR ? strdup(en->text) : NULL;
	}
	if (!c->label.fr && !c->label.en) {
		at(path, label ? label->line : n->line, label ? label->col : n->col, pr, "%s",
		   _("an eligibility condition needs a \"label\": the condition in words, in "
		     "French (fr) and English (en)"));
		ok = false;
	}
	return ok;
}

bool pc_eligibility_from_tree(const char *path, const struct ynode *n, struct pc_eligibility *out,
                              struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	if (!n)
		return true;
	if (n->kind != Y_SEQ || n->n > PC_CONDITIONS_MAX) {
		at(path, n->line, n->col, pr,
		   _("\"eligibility\" must be a list of at most %d conditions"), PC_CONDITIONS_MAX);
		return false;
	}
	if (!(out->items = calloc(n->n + 1, sizeof(*out->items)))) {
		pc_problems_add(pr, false, path, "%s", _("out of memory"));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < n->n; i++) {
		struct pc_condition *c = &out->items[out->len++];
		ok &= condition(path, n->kids[i], c, pr);
		for (size_t j = 0; c->field && j + 1 < out->len; j++)
			if (out->items[j].field && !strcmp(out->items[j].field, c->field)) {
				at(path, c->line, c->col, pr,
				   _("the condition on \"%s\" is given twice"), c->field);
				ok = false;
			}
	}
	return ok;
}

/* The field names of the intake, for "did you mean". */
static const char *closest_field(const struct pc_form *f, const char *name)
{
	const char **names = calloc(f->nfields + 1, sizeof(char *));
	if (!names)
		return NULL;
	for (size_t i = 0; i < f->nfields; i++)
		names[i] = f->fields[i].name;
	const char *near = pc_form_closest(name, names, f->nfields);
	free(names);
	return near;
}

bool pc_eligibility_check_form(const char *path, const struct pc_eligibility *e,
                               const struct pc_form *intake, struct pc_problems *pr)
{
	bool ok = true;
	for (size_t i = 0; intake && e && i < e->len; i++) {
		const struct pc_condition *c = &e->items[i];
		const struct pc_field *f = c->field ? pc_form_field(intake, c->field) : NULL;
		if (!c->field)
			continue;
		if (!f || strchr(c->field, '.')) {
			const char *near = closest_field(intake, c->field);
			if (near)
				at(path, c->line, c->col, pr,
				   _("the intake has no field \"%s\"; did you mean \"%s\"?"),
				   c->field, near);
			else
				at(path, c->line, c->col, pr, _("the intake has no field \"%s\""),
				   c->field);
			ok = false;
			continue;
		}
		bool boolean = f->type == PC_TYPE_BOOLEAN;
		if (!boolean && f->type != PC_TYPE_CHOICE && f->type != PC_TYPE_CHOICES) {
			at(path, c->line, c->col, pr,
			   _("an eligibility condition reads a choice or a yes/no field; \"%s\" is "
			     "of type %s"),
			   c->field, pc_type_name(f->type));
			ok = false;
			continue;
		}
		for (size_t k = 0; k < c->nvalues; k++) {
			const char *v = c->values[k];
			bool known = boolean ? !strcmp(v, "true") || !strcmp(v, "false")
			                     : pc_choice_find(f->choices, v) != NULL;
			if (known)
				continue;
			if (boolean)
				at(path, c->line, c->col, pr,
				   _("\"%s\" is not a choice of the intake's \"%s\": a yes/no "
				     "field "
				     "takes true or false"),
				   v, c->field);
			else
				at(path, c->line, c->col, pr,
				   _("\"%s\" is not a choice of the intake's \"%s\""), v, c->field);
			ok = false;
		}
	}
	return ok;
}

static bool listed(const struct pc_condition *c, const char *v)
{
	for (size_t i = 0; v && i < c->nvalues; i++)
		if (!strcmp(c->values[i], v))
			return true;
	return false;
}

enum pc_condition_state pc_condition_eval(const struct pc_condition *cond,
                                          const struct pc_json *answers)
{
	const struct pc_json *v =
	    answers && cond->field ? pc_json_object_get(answers, cond->field) : NULL;
	if (!v || v->kind == PC_JSON_NULL)
		return PC_CONDITION_UNKNOWN;
	char num[32];
	switch (v->kind) {
	case PC_JSON_TRUE:
		return listed(cond, "true") ? PC_CONDITION_MET : PC_CONDITION_UNMET;
	case PC_JSON_FALSE:
		return listed(cond, "false") ? PC_CONDITION_MET : PC_CONDITION_UNMET;
	case PC_JSON_STRING:
		if (!v->string[0])
			return PC_CONDITION_UNKNOWN;
		return listed(cond, v->string) ? PC_CONDITION_MET : PC_CONDITION_UNMET;
	case PC_JSON_NUMBER:
		snprintf(num, sizeof(num), "%g", v->number);
		return listed(cond, num) ? PC_CONDITION_MET : PC_CONDITION_UNMET;
	case PC_JSON_ARRAY:
		if (!v->len)
			return PC_CONDITION_UNKNOWN;
		for (size_t i = 0; i < v->len; i++)
			if (v->items[i]->kind == PC_JSON_STRING &&
			    listed(cond, v->items[i]->string))
				return PC_CONDITION_MET;
		return PC_CONDITION_UNMET;
	default:
		return PC_CONDITION_UNMET;
	}
}

enum pc_status pc_eligibility_check_beside(const char *path, const struct pc_programmes *progs,
                                           struct pc_expr *ev, struct pc_problems *pr)
{
	bool any = false;
	for (size_t i = 0; progs && i < progs->len; i++)
		any |= progs->items[i].eligibility.len > 0;
	if (!any)
		return PC_OK;
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path) : 1;
	size_t n = (size_t)dirlen + sizeof("/intake.yaml");
	char *intake_path = malloc(n);
	if (!intake_path) {
		pc_problems_add(pr, false, path, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	snprintf(intake_path, n, "%.*s/intake.yaml", dirlen, slash ? path : ".");
	/* the intake's own problems are reported when it is checked itself */
	struct pc_problems quiet = {0};
	struct pc_form *intake = NULL;
	bool ok = true;
	if (access(intake_path, F_OK) == 0 &&
	    pc_form_load(intake_path, ev, &intake, &quiet) == PC_OK)
		for (size_t i = 0; i < progs->len; i++)
			ok &= pc_eligibility_check_form(path, &progs->items[i].eligibility, intake,
			                                pr);
	pc_problems_clear(&quiet);
	pc_form_free(&intake);
	free(intake_path);
	return ok ? PC_OK : PC_UNUSABLE;
}
