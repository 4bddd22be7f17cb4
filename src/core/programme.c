/* Loads programme definitions (programme.h) from forms/programmes.yaml with
 * the same YAML reader and FILE:LINE:COL messages as forms. The rules that
 * use them are in month.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "parcours/i18n.h"
#include "parcours/programme.h"
#include "eligibility_internal.h"
#include "form_internal.h"
#include "yaml_tree.h"

struct loader {
	const char *path;
	struct pc_problems *pr;
	bool failed;
};

static void at(struct loader *l, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void at(struct loader *l, const struct ynode *n, const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", l->path, n ? n->line : 1, n ? n->col : 1);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(l->pr, false, where, "%s", msg);
	l->failed = true;
}

static const char *const keys[] = {
	"id", "title", "target_hours", "full_target_from_month", "hours_per_person",
	"allowance_participant", "allowance_organisation", "extra_costs", "categories",
	"sessions_per_week", "contract", "eligibility"};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

static bool number(struct loader *l, const struct ynode *n, const char *key, double lo, double hi,
		   double *out)
{
	char *end = NULL;
	if (n && n->kind == Y_SCALAR && n->text[0]) {
		double v = strtod(n->text, &end);
		if (end && !*end && v >= lo && v <= hi) {
			*out = v;
			return true;
		}
	}
	at(l, n, _("\"%s\" must be a number from %g to %g"), key, lo, hi);
	return false;
}

static bool range(struct loader *l, const struct ynode *n, const char *key, double hi, double *lo_out,
		  double *hi_out)
{
	const struct ynode *lo = ytree_get(n, "min"), *up = ytree_get(n, "max");
	if (!n || n->kind != Y_MAP || !lo || !up || n->n != 4) {
		at(l, n, _("\"%s\" must be {min: N, max: N}"), key);
		return false;
	}
	if (!number(l, lo, "min", 0, hi, lo_out) || !number(l, up, "max", 0, hi, hi_out))
		return false;
	if (*lo_out > *hi_out) {
		at(l, lo, "%s", _("\"min\" is greater than \"max\""));
		return false;
	}
	return true;
}

static char **words(struct loader *l, const struct ynode *n, const char *key, size_t *len)
{
	*len = 0;
	if (!n)
		return NULL;
	if (n->kind != Y_SEQ) {
		at(l, n, _("\"%s\" must be a list of names"), key);
		return NULL;
	}
	char **w = calloc(n->n + 1, sizeof(char *));
	for (size_t i = 0; w && i < n->n; i++) {
		if (n->kids[i]->kind != Y_SCALAR) {
			at(l, n->kids[i], _("\"%s\" must be a list of names"), key);
			continue;
		}
		w[(*len)++] = strdup(n->kids[i]->text);
	}
	return w;
}

static void text(struct loader *l, const struct ynode *prog, const struct ynode *n,
		 struct pc_text *t)
{
	if (n && n->kind == Y_SCALAR) {
		t->fr = strdup(n->text);
		t->en = strdup(n->text);
	} else if (n && n->kind == Y_MAP) {
		const struct ynode *fr = ytree_get(n, "fr"), *en = ytree_get(n, "en");
		t->fr = fr && fr->kind == Y_SCALAR ? strdup(fr->text) : NULL;
		t->en = en && en->kind == Y_SCALAR ? strdup(en->text) : NULL;
		if (!t->fr && !t->en)
			at(l, n, "%s", _("\"title\" needs a French (fr) or English (en) text"));
	} else {
		at(l, n ? n : prog, "%s", _("a programme needs a \"title\""));
	}
}

/* contract: {months: [6, 12], renewable: true}; both keys optional. */
static void contract(struct loader *l, const struct ynode *n, struct pc_programme *p)
{
	if (n->kind != Y_MAP) {
		at(l, n, "%s", _("\"contract\" must be {months: [N, ...], renewable: true|false}"));
		return;
	}
	p->contract = true;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];
		double d;
		if (k->kind == Y_SCALAR && !strcmp(k->text, "renewable") && v->kind == Y_SCALAR &&
		    (!strcmp(v->text, "true") || !strcmp(v->text, "false"))) {
			p->contract_renewable = !strcmp(v->text, "true");
		} else if (k->kind == Y_SCALAR && !strcmp(k->text, "months") && v->kind == Y_SEQ &&
			   v->n <= 4) {
			for (size_t j = 0; j < v->n; j++)
				if (number(l, v->kids[j], "months", 1, 60, &d))
					p->contract_months[p->ncontract_months++] = (int)d;
		} else {
			at(l, k, "%s",
			   _("\"contract\" must be {months: [N, ...], renewable: true|false}"));
		}
	}
}

static void programme(struct loader *l, const struct ynode *n, struct pc_programme *p)
{
	p->line = n->line;
	p->col = n->col;
	if (n->kind != Y_MAP) {
		at(l, n, "%s", _("a programme must be a mapping of keys and values"));
		return;
	}
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct ynode *k = n->kids[i];
		bool known = false;
		for (size_t j = 0; j < NKEYS; j++)
			known |= k->kind == Y_SCALAR && !strcmp(k->text, keys[j]);
		if (known)
			continue;
		const char *near = k->kind == Y_SCALAR ? pc_form_closest(k->text, keys, NKEYS) : NULL;
		if (near)
			at(l, k, _("unknown key \"%s\" in a programme; did you mean \"%s\"?"), k->text, near);
		else
			at(l, k, _("unknown key \"%s\" in a programme"), k->kind == Y_SCALAR ? k->text : "");
	}
	const struct ynode *id = ytree_get(n, "id"), *v;
	if (!id || id->kind != Y_SCALAR || !id->text[0])
		at(l, id ? id : n, "%s", _("a programme needs an \"id\""));
	else
		p->id = strdup(id->text);
	text(l, n, ytree_get(n, "title"), &p->title);
	p->full_from_month = 1;
	double d;
	if ((v = ytree_get(n, "target_hours")) && number(l, v, "target_hours", 0, 744, &d))
		p->target_hours = d;
	if ((v = ytree_get(n, "full_target_from_month")) &&
	    number(l, v, "full_target_from_month", 1, 120, &d))
		p->full_from_month = (int)d;
	if ((v = ytree_get(n, "hours_per_person")) &&
	    range(l, v, "hours_per_person", 744, &p->hours_min, &p->hours_max))
		p->hours_per_person = true;
	if ((v = ytree_get(n, "allowance_participant")) &&
	    number(l, v, "allowance_participant", 0, 100000, &d))
		p->allowance_participant = d;
	if ((v = ytree_get(n, "allowance_organisation")) &&
	    number(l, v, "allowance_organisation", 0, 100000, &d))
		p->allowance_organisation = d;
	double lo, hi;
	if ((v = ytree_get(n, "sessions_per_week")) && range(l, v, "sessions_per_week", 14, &lo, &hi)) {
		p->sessions_min = (int)lo;
		p->sessions_max = (int)hi;
	}
	if ((v = ytree_get(n, "contract")))
		contract(l, v, p);
	p->extra_costs = words(l, ytree_get(n, "extra_costs"), "extra_costs", &p->nextra);
	p->categories = words(l, ytree_get(n, "categories"), "categories", &p->ncategories);
	if (p->ncategories > 8)
		at(l, ytree_get(n, "categories"), "%s", _("a programme has at most 8 categories"));
	if (!p->ncategories)
		at(l, n, "%s", _("a programme needs \"categories\": the activities it counts"));
	if (!pc_eligibility_from_tree(l->path, ytree_get(n, "eligibility"), &p->eligibility, l->pr))
		l->failed = true;
}

static void free_words(char **w, size_t n)
{
	for (size_t i = 0; w && i < n; i++)
		free(w[i]);
	free(w);
}

void pc_programmes_free(struct pc_programmes **pp)
{
	if (!pp || !*pp)
		return;
	for (size_t i = 0; i < (*pp)->len; i++) {
		struct pc_programme *p = &(*pp)->items[i];
		free(p->id);
		free(p->title.fr);
		free(p->title.en);
		free_words(p->extra_costs, p->nextra);
		free_words(p->categories, p->ncategories);
		pc_eligibility_clear(&p->eligibility);
	}
	free((*pp)->items);
	pc_exit_reasons_clear(&(*pp)->exit_reasons);
	free(*pp);
	*pp = NULL;
}

const struct pc_programme *pc_programme_find(const struct pc_programmes *p, const char *id)
{
	for (size_t i = 0; p && id && i < p->len; i++)
		if (p->items[i].id && !strcmp(p->items[i].id, id))
			return &p->items[i];
	return NULL;
}

const char *pc_programme_label(const struct pc_programmes *p, const char *id)
{
	const struct pc_programme *prog = pc_programme_find(p, id);
	const char *title = prog ? pc_text_get(&prog->title) : NULL;
	return title && *title ? title : id ? id : "";
}

enum pc_status pc_programmes_from_tree(const char *path, const struct ynode *root,
				       struct pc_programmes **out, struct pc_problems *pr)
{
	struct loader l = {.path = path, .pr = pr};
	*out = calloc(1, sizeof(**out));
	if (!*out) {
		pc_problems_add(pr, false, path, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	const struct ynode *list = ytree_get(root, "programmes");
	const struct ynode *reasons = ytree_get(root, "exit_reasons");
	if (!root || root->kind != Y_MAP || root->n != (reasons ? 4u : 2u) || !list ||
	    list->kind != Y_SEQ) {
		at(&l, root, "%s",
		   _("a programmes file holds \"programmes:\", a list, and may hold "
		     "\"exit_reasons:\", a list; nothing else"));
		pc_programmes_free(out);
		return PC_UNUSABLE;
	}
	if (!pc_exit_reasons_from_tree(path, reasons, &(*out)->exit_reasons, pr))
		l.failed = true;
	(*out)->items = calloc(list->n + 1, sizeof(struct pc_programme));
	for (size_t i = 0; (*out)->items && i < list->n; i++) {
		struct pc_programme *p = &(*out)->items[(*out)->len++];
		programme(&l, list->kids[i], p);
		for (size_t j = 0; p->id && j + 1 < (*out)->len; j++)
			if ((*out)->items[j].id && !strcmp((*out)->items[j].id, p->id))
				at(&l, list->kids[i], _("the programme \"%s\" is defined twice"), p->id);
	}
	/* the reports keep one column per category and one total per programme */
	if (list->n > PC_PROGRAMMES_MAX)
		at(&l, list, _("a programmes file holds at most %d programmes"), PC_PROGRAMMES_MAX);
	size_t ncat = 0;
	const char *seen[PC_CATEGORIES_MAX];
	for (size_t i = 0; i < (*out)->len; i++)
		for (size_t k = 0; k < (*out)->items[i].ncategories; k++) {
			const char *c = (*out)->items[i].categories[k];
			bool known = false;
			for (size_t j = 0; c && j < ncat; j++)
				known |= !strcmp(seen[j], c);
			if (!c || known)
				continue;
			if (ncat == PC_CATEGORIES_MAX) {
				at(&l, list, _("the programmes count at most %d different categories"),
				   PC_CATEGORIES_MAX);
				i = (*out)->len - 1;
				break;
			}
			seen[ncat++] = c;
		}
	if (l.failed) {
		pc_programmes_free(out);
		return PC_UNUSABLE;
	}
	return PC_OK;
}

enum pc_status pc_programmes_load(const char *path, struct pc_programmes **out,
				  struct pc_problems *pr)
{
	*out = NULL;
	struct stat st;
	if (stat(path, &st) != 0) {
		*out = calloc(1, sizeof(**out));
		return *out ? PC_OK : PC_UNUSABLE;
	}
	struct ynode *root = NULL;
	if (ytree_load(path, &root, pr) != PC_OK)
		return PC_UNUSABLE;
	enum pc_status rc = pc_programmes_from_tree(path, root, out, pr);
	ytree_free(&root);
	return rc;
}
