/* Loads and checks one form definition (form.h) from the YAML tree of
 * yaml_tree.c: keys, types, names, choice lists, expressions (prepared by
 * SQLite through expr.h), calculation cycles, then a trial run of every
 * expression (form_probe.c). Every problem is reported with
 * its FILE:LINE:COL and checking goes on, so one run shows them all. Folders
 * of forms are in form_set.c; answers are not this file's business. */
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/partner.h"
#include "parcours/value.h"
#include "form_internal.h"
#include "yaml_tree.h"

struct checker {
	const char *path;
	struct pc_expr *ev;
	struct pc_problems *pr;
	struct pc_form *form;
	size_t lists_cap;
	bool failed;
};

static void at(struct checker *c, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void at(struct checker *c, const struct ynode *n, const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", c->path, n ? n->line : 1, n ? n->col : 1);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(c->pr, false, where, "%s", msg);
	c->failed = true;
}

/* ---- did you mean ---- */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t d[41][41];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* The closest of `words` to `s`, or NULL when none is close. */
const char *pc_form_closest(const char *s, const char *const *words, size_t n)
{
	const char *best = NULL;
	size_t bestd = strlen(s) <= 3 ? 1 : 2;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(s, words[i]);
		if (d <= bestd && (!best || d < distance(s, best)))
			best = words[i];
	}
	return best;
}

static const char *const top_keys[] = {"form", "version", "title", "period", "order",
				       "description", "sections", "choices", "access",
				       "entry_date"};
static const char *const section_keys[] = {"title", "hint", "fields"};
static const char *const field_keys[] = {
	"name",    "type",    "label",      "hint",         "choices", "required",
	"relevant", "constraint", "message", "warn",        "warn_message", "calculate",
	"default", "min",     "max",        "pattern",      "fields"};
static const char *const choice_keys[] = {"value", "label", "retired"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Reports unknown and repeated keys of a mapping; false if not a mapping. */
static bool check_keys(struct checker *c, const struct ynode *map, const char *const *keys,
		       size_t nkeys, const char *what)
{
	if (!map || map->kind != Y_MAP) {
		at(c, map, _("%s must be a mapping of keys and values"), what);
		return false;
	}
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->kids[i];
		if (k->kind != Y_SCALAR) {
			at(c, k, "%s", _("a key must be a plain word"));
			continue;
		}
		bool known = false;
		for (size_t j = 0; j < nkeys; j++)
			known |= !strcmp(k->text, keys[j]);
		if (!known) {
			const char *near = pc_form_closest(k->text, keys, nkeys);
			if (near)
				at(c, k, _("unknown key \"%s\" in %s; did you mean \"%s\"?"), k->text, what,
				   near);
			else
				at(c, k, _("unknown key \"%s\" in %s"), k->text, what);
		}
		for (size_t j = 0; j < i; j += 2)
			if (map->kids[j]->kind == Y_SCALAR && !strcmp(map->kids[j]->text, k->text))
				at(c, k, _("the key \"%s\" appears twice"), k->text);
	}
	return true;
}

static bool is_name(const char *s)
{
	if (!s || !(*s >= 'a' && *s <= 'z'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool is_value_name(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static char *scalar(struct checker *c, const struct ynode *n, const char *key)
{
	if (!n)
		return NULL;
	if (n->kind != Y_SCALAR || !n->text) {
		at(c, n, _("\"%s\" must be a single value"), key);
		return NULL;
	}
	char *s = strdup(n->text);
	if (!s)
		at(c, n, "%s", _("out of memory"));
	return s;
}

static bool boolean(struct checker *c, const struct ynode *n, const char *key)
{
	if (!n)
		return false;
	if (n->kind == Y_SCALAR && (!strcmp(n->text, "true") || !strcmp(n->text, "yes")))
		return true;
	if (n->kind == Y_SCALAR && (!strcmp(n->text, "false") || !strcmp(n->text, "no")))
		return false;
	at(c, n, _("\"%s\" must be true or false"), key);
	return false;
}

static bool number(struct checker *c, const struct ynode *n, const char *key, double *out)
{
	char *end = NULL;
	if (n->kind == Y_SCALAR && n->text[0]) {
		*out = strtod(n->text, &end);
		if (end && !*end)
			return true;
	}
	at(c, n, _("\"%s\" must be a number"), key);
	return false;
}

static void text(struct checker *c, const struct ynode *n, const char *key, struct pc_text *out)
{
	if (!n)
		return;
	if (n->kind == Y_SCALAR) {
		out->fr = strdup(n->text);
		out->en = strdup(n->text);
		if (!out->fr || !out->en)
			at(c, n, "%s", _("out of memory"));
		return;
	}
	if (n->kind != Y_MAP) {
		at(c, n, _("\"%s\" must be a text or {fr: ..., en: ...}"), key);
		return;
	}
	static const char *const langs[] = {"fr", "en"};
	check_keys(c, n, langs, 2, key);
	const struct ynode *fr = ytree_get(n, "fr"), *en = ytree_get(n, "en");
	if (fr)
		out->fr = scalar(c, fr, "fr");
	if (en)
		out->en = scalar(c, en, "en");
	if (!fr && !en)
		at(c, n, _("\"%s\" needs a French (fr) or English (en) text"), key);
}

/* ---- choice lists ---- */
static struct pc_choice_list *new_list(struct checker *c, const char *name)
{
	struct pc_form *f = c->form;
	if (f->nlists == c->lists_cap)
		return NULL; /* counted beforehand: cannot happen */
	struct pc_choice_list *l = &f->lists[f->nlists++];
	l->name = strdup(name);
	return l;
}

static void list_items(struct checker *c, const struct ynode *seq, struct pc_choice_list *l)
{
	if (seq->kind != Y_SEQ || seq->n == 0) {
		at(c, seq, "%s", _("a choice list must be a non-empty list of {value, label}"));
		return;
	}
	l->items = calloc(seq->n, sizeof(*l->items));
	if (!l->items) {
		at(c, seq, "%s", _("out of memory"));
		return;
	}
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *it = seq->kids[i];
		if (!check_keys(c, it, choice_keys, COUNT(choice_keys), _("a choice")))
			continue;
		struct pc_choice *ch = &l->items[l->len++];
		const struct ynode *v = ytree_get(it, "value");
		if (!v) {
			at(c, it, "%s", _("a choice needs a \"value\""));
			ch->value = strdup("");
		} else {
			ch->value = scalar(c, v, "value");
			if (ch->value && !is_value_name(ch->value))
				at(c, v, _("the choice value \"%s\" must use only a-z, 0-9 and _"),
				   ch->value);
			for (size_t j = 0; ch->value && j + 1 < l->len; j++)
				if (l->items[j].value && !strcmp(l->items[j].value, ch->value))
					at(c, v, _("the choice value \"%s\" appears twice"), ch->value);
		}
		text(c, ytree_get(it, "label"), "label", &ch->label);
		if (!ytree_get(it, "label"))
			at(c, it, "%s", _("a choice needs a \"label\""));
		ch->retired = boolean(c, ytree_get(it, "retired"), "retired");
	}
}

static size_t count_inline_lists(const struct ynode *n)
{
	size_t k = 0;
	if (!n || n->kind == Y_SCALAR)
		return 0;
	if (n->kind == Y_MAP) {
		const struct ynode *ch = ytree_get(n, "choices");
		if (ch && (ch->kind == Y_SEQ ||
			   (ch->kind == Y_SCALAR && pc_partners_is_file(ch->text))))
			k++;
	}
	for (size_t i = 0; i < n->n; i++)
		k += count_inline_lists(n->kids[i]);
	return k;
}

/* The choices of a definition file of the form's folder (`choices:
 * partners.yaml`), read once per form; NULL after a problem. */
static const struct pc_choice_list *file_list(struct checker *c, const struct ynode *ch)
{
	for (size_t i = 0; i < c->form->nlists; i++)
		if (c->form->lists[i].name && !strcmp(c->form->lists[i].name, ch->text))
			return c->form->lists[i].items ? &c->form->lists[i] : NULL;
	struct pc_choice_list *l = new_list(c, ch->text);
	if (!l || !l->name) {
		at(c, ch, "%s", _("out of memory"));
		return NULL;
	}
	if (strchr(ch->text, '/')) {
		at(c, ch, _("\"%s\": a list file is named without a folder and kept next to the form"),
		   ch->text);
		return NULL;
	}
	const char *slash = strrchr(c->path, '/');
	int dirlen = slash ? (int)(slash - c->path) : 1;
	char path[4096];
	snprintf(path, sizeof(path), "%.*s/%s", dirlen, slash ? c->path : ".", ch->text);
	struct pc_partners *p = NULL;
	if (pc_partners_load(path, &p, c->pr) != PC_OK) {
		at(c, ch, _("the choices file \"%s\" cannot be used (see above)"), ch->text);
		return NULL;
	}
	l->items = calloc(p->len, sizeof(*l->items));
	for (size_t i = 0; l->items && i < p->len; i++) {
		struct pc_choice *x = &l->items[l->len++];
		x->value = strdup(p->items[i].code);
		x->label.fr = p->items[i].name.fr ? strdup(p->items[i].name.fr) : NULL;
		x->label.en = p->items[i].name.en ? strdup(p->items[i].name.en) : NULL;
		x->retired = p->items[i].retired;
		if (!x->value || (p->items[i].name.fr && !x->label.fr) ||
		    (p->items[i].name.en && !x->label.en))
			at(c, ch, "%s", _("out of memory"));
	}
	if (!l->items)
		at(c, ch, "%s", _("out of memory"));
	pc_partners_free(&p);
	return l->items ? l : NULL;
}

/* ---- fields ---- */
static void field(struct checker *c, const struct ynode *n, struct pc_field *f, bool in_repeat);

static void field_choices(struct checker *c, const struct ynode *n, struct pc_field *f)
{
	const struct ynode *ch = ytree_get(n, "choices");
	bool wants = f->type == PC_TYPE_CHOICE || f->type == PC_TYPE_CHOICES;
	if (!ch) {
		if (wants)
			at(c, n, _("the field \"%s\" needs \"choices\": a list name or a list"), f->name);
		return;
	}
	if (!wants) {
		at(c, ch, _("\"choices\" is only for choice and choices fields, not %s"),
		   pc_type_name(f->type));
		return;
	}
	if (ch->kind == Y_SEQ) {
		struct pc_choice_list *l = new_list(c, "");
		if (l) {
			list_items(c, ch, l);
			f->choices = l;
		}
		return;
	}
	if (ch->kind != Y_SCALAR) {
		at(c, ch, "%s", _("\"choices\" must be a list name or a list"));
		return;
	}
	if (pc_partners_is_file(ch->text)) {
		f->choices = file_list(c, ch);
		return;
	}
	for (size_t i = 0; i < c->form->nlists; i++)
		if (c->form->lists[i].name && !strcmp(c->form->lists[i].name, ch->text)) {
			f->choices = &c->form->lists[i];
			return;
		}
	const char *names[64];
	size_t nn = 0;
	for (size_t i = 0; i < c->form->nlists && nn < 64; i++)
		if (c->form->lists[i].name && c->form->lists[i].name[0])
			names[nn++] = c->form->lists[i].name;
	const char *near = pc_form_closest(ch->text, names, nn);
	if (near)
		at(c, ch, _("there is no choice list \"%s\"; did you mean \"%s\"?"), ch->text, near);
	else
		at(c, ch, _("there is no choice list \"%s\" under \"choices:\""), ch->text);
}

static void field_bounds(struct checker *c, const struct ynode *n, struct pc_field *f)
{
	static const char *const keys[] = {"min", "max"};
	for (int k = 0; k < 2; k++) {
		const struct ynode *b = ytree_get(n, keys[k]);
		if (!b)
			continue;
		switch (f->type) {
		case PC_TYPE_DATE: {
			int y, m, d;
			if (b->kind != Y_SCALAR || !pc_parse_date(b->text, &y, &m, &d)) {
				at(c, b, _("\"%s\" of a date must be a date YYYY-MM-DD"), keys[k]);
				break;
			}
			*(k ? &f->max_date : &f->min_date) = strdup(b->text);
			break;
		}
		case PC_TYPE_INTEGER:
		case PC_TYPE_DECIMAL:
		case PC_TYPE_HOURS:
		case PC_TYPE_TEXT:
		case PC_TYPE_TEXTAREA:
		case PC_TYPE_CHOICES:
		case PC_TYPE_REPEAT:
			if (number(c, b, keys[k], k ? &f->max : &f->min))
				*(k ? &f->has_max : &f->has_min) = true;
			break;
		default:
			at(c, b, _("\"%s\" has no meaning for a %s field"), keys[k], pc_type_name(f->type));
		}
	}
	if (f->has_min && f->has_max && f->min > f->max)
		at(c, ytree_get(n, "min"), "%s", _("\"min\" is greater than \"max\""));
}

static void field_pattern(struct checker *c, const struct ynode *n, struct pc_field *f)
{
	const struct ynode *p = ytree_get(n, "pattern");
	if (!p)
		return;
	if (f->type != PC_TYPE_TEXT && f->type != PC_TYPE_TEXTAREA) {
		at(c, p, _("\"pattern\" is only for text fields, not %s"), pc_type_name(f->type));
		return;
	}
	if (!(f->pattern = scalar(c, p, "pattern")))
		return;
	regex_t re;
	int rc = regcomp(&re, f->pattern, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		char err[256];
		regerror(rc, &re, err, sizeof(err));
		at(c, p, _("the pattern is not a valid regular expression: %s"), err);
		return;
	}
	regfree(&re);
}

static void field(struct checker *c, const struct ynode *n, struct pc_field *f, bool in_repeat)
{
	f->line = n->line;
	f->col = n->col;
	if (!check_keys(c, n, field_keys, COUNT(field_keys), _("a field")))
		return;
	const struct ynode *name = ytree_get(n, "name"), *type = ytree_get(n, "type");
	f->name = name ? scalar(c, name, "name") : strdup("");
	if (!name)
		at(c, n, "%s", _("a field needs a \"name\""));
	else if (f->name && !is_name(f->name))
		at(c, name, _("the field name \"%s\" must start with a-z and use only a-z, 0-9 and _"),
		   f->name);
	else if (f->name && !strcmp(f->name, "period"))
		at(c, name, "%s", _("\"period\" is reserved for the month of a monthly form"));
	if (!type) {
		at(c, n, _("the field \"%s\" needs a \"type\""), f->name ? f->name : "");
		f->type = PC_TYPE_TEXT;
	} else {
		int t = type->kind == Y_SCALAR ? pc_type_parse(type->text) : -1;
		if (t < 0) {
			const char *near = type->kind == Y_SCALAR
						   ? pc_form_closest(type->text, (const char *const[]){
									    "text", "textarea", "integer",
									    "decimal", "date", "boolean",
									    "choice", "choices", "hours",
									    "repeat", "note"},
								    11)
						   : NULL;
			if (near)
				at(c, type, _("unknown type \"%s\"; did you mean \"%s\"?"), type->text, near);
			else
				at(c, type,
				   _("unknown type \"%s\"; expected text, textarea, integer, decimal, "
				     "date, boolean, choice, choices, hours, repeat or note"),
				   type->kind == Y_SCALAR ? type->text : "");
			t = PC_TYPE_TEXT;
		}
		f->type = (enum pc_type)t;
	}
	text(c, ytree_get(n, "label"), "label", &f->label);
	if (!ytree_get(n, "label"))
		at(c, n, _("the field \"%s\" needs a \"label\""), f->name ? f->name : "");
	text(c, ytree_get(n, "hint"), "hint", &f->hint);
	text(c, ytree_get(n, "message"), "message", &f->message);
	text(c, ytree_get(n, "warn_message"), "warn_message", &f->warn_message);
	f->required = boolean(c, ytree_get(n, "required"), "required");
	f->relevant = scalar(c, ytree_get(n, "relevant"), "relevant");
	f->constraint = scalar(c, ytree_get(n, "constraint"), "constraint");
	f->warn = scalar(c, ytree_get(n, "warn"), "warn");
	f->calculate = scalar(c, ytree_get(n, "calculate"), "calculate");
	f->default_text = scalar(c, ytree_get(n, "default"), "default");
	field_choices(c, n, f);
	field_bounds(c, n, f);
	field_pattern(c, n, f);
	if (f->type == PC_TYPE_NOTE && (f->required || f->constraint || f->calculate))
		at(c, n, "%s", _("a note only shows its label: it takes no answer"));
	if (f->calculate && (f->type == PC_TYPE_REPEAT || f->type == PC_TYPE_NOTE))
		at(c, ytree_get(n, "calculate"), _("a %s field cannot be calculated"),
		   pc_type_name(f->type));
	const struct ynode *cols = ytree_get(n, "fields");
	if (f->type != PC_TYPE_REPEAT) {
		if (cols)
			at(c, cols, "%s", _("\"fields\" is only for repeat fields"));
		return;
	}
	if (in_repeat) {
		at(c, type, "%s", _("a repeat cannot hold another repeat"));
		return;
	}
	if (!cols || cols->kind != Y_SEQ || cols->n == 0) {
		at(c, cols ? cols : n, "%s", _("a repeat needs \"fields\": a list of its columns"));
		return;
	}
	f->fields = calloc(cols->n, sizeof(*f->fields));
	if (!f->fields) {
		at(c, cols, "%s", _("out of memory"));
		return;
	}
	for (size_t i = 0; i < cols->n; i++) {
		struct pc_field *col = &f->fields[f->nfields++];
		field(c, cols->kids[i], col, true);
		for (size_t j = 0; col->name && j + 1 < f->nfields; j++)
			if (f->fields[j].name && !strcmp(f->fields[j].name, col->name))
				at(c, cols->kids[i], _("the field name \"%s\" is used twice"), col->name);
	}
}

/* ---- the whole form ---- */
static void sections(struct checker *c, const struct ynode *seq)
{
	struct pc_form *f = c->form;
	if (!seq)
		return; /* reported as a missing key */
	if (seq->kind != Y_SEQ || seq->n == 0) {
		at(c, seq, "%s", _("\"sections\" must be a non-empty list"));
		return;
	}
	size_t total = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *fl = ytree_get(seq->kids[i], "fields");
		total += fl && fl->kind == Y_SEQ ? fl->n : 0;
	}
	f->sections = calloc(seq->n, sizeof(*f->sections));
	f->fields = calloc(total + 1, sizeof(*f->fields));
	if (!f->sections || !f->fields) {
		at(c, seq, "%s", _("out of memory"));
		return;
	}
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *s = seq->kids[i];
		struct pc_section *sec = &f->sections[f->nsections++];
		sec->first = f->nfields;
		if (!check_keys(c, s, section_keys, COUNT(section_keys), _("a section")))
			continue;
		text(c, ytree_get(s, "title"), "title", &sec->title);
		text(c, ytree_get(s, "hint"), "hint", &sec->hint);
		const struct ynode *fl = ytree_get(s, "fields");
		if (!fl || fl->kind != Y_SEQ || fl->n == 0) {
			at(c, fl ? fl : s, "%s", _("a section needs \"fields\": a non-empty list"));
			continue;
		}
		for (size_t k = 0; k < fl->n; k++) {
			struct pc_field *fd = &f->fields[f->nfields++];
			fd->section = i;
			field(c, fl->kids[k], fd, false);
			for (size_t j = 0; fd->name && j + 1 < f->nfields; j++)
				if (f->fields[j].name && !strcmp(f->fields[j].name, fd->name))
					at(c, fl->kids[k], _("the field name \"%s\" is used twice"),
					   fd->name);
		}
		sec->count = f->nfields - sec->first;
	}
}

static void named_lists(struct checker *c, const struct ynode *map)
{
	if (!map)
		return;
	if (map->kind != Y_MAP) {
		at(c, map, "%s", _("\"choices\" must map list names to lists"));
		return;
	}
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->kids[i];
		if (k->kind != Y_SCALAR || !is_name(k->text)) {
			at(c, k, "%s", _("a choice list name must start with a-z and use only a-z, 0-9 and _"));
			continue;
		}
		struct pc_choice_list *l = new_list(c, k->text);
		if (l)
			list_items(c, map->kids[i + 1], l);
	}
}

static void header(struct checker *c, const struct ynode *root)
{
	struct pc_form *f = c->form;
	const struct ynode *n;
	if (!(n = ytree_get(root, "form")))
		at(c, root, "%s", _("missing \"form:\" with the form's id"));
	else if ((f->id = scalar(c, n, "form")) && !is_name(f->id))
		at(c, n, _("the form id \"%s\" must start with a-z and use only a-z, 0-9 and _"), f->id);
	double v = 0;
	if (!(n = ytree_get(root, "version")))
		at(c, root, "%s", _("missing \"version:\" (1 for a new form)"));
	else if (number(c, n, "version", &v) && (v < 1 || v > 1000000 || v != (int)v))
		at(c, n, "%s", _("\"version\" must be a whole number from 1"));
	/* only a value in range is converted: a huge number is not an int */
	f->version = v >= 1 && v <= 1000000 ? (int)v : 0;
	f->order = 100;
	if ((n = ytree_get(root, "order")) && number(c, n, "order", &v)) {
		if (v < -1000000 || v > 1000000 || v != (int)v)
			at(c, n, "%s", _("\"order\" must be a whole number"));
		else
			f->order = (int)v;
	}
	text(c, ytree_get(root, "title"), "title", &f->title);
	if (!ytree_get(root, "title"))
		at(c, root, "%s", _("missing \"title:\""));
	if ((n = ytree_get(root, "period"))) {
		if (n->kind == Y_SCALAR && !strcmp(n->text, "month"))
			f->period = PC_PERIOD_MONTH;
		else if (n->kind == Y_SCALAR && !strcmp(n->text, "entry"))
			f->period = PC_PERIOD_ENTRY;
		else if (!(n->kind == Y_SCALAR && !strcmp(n->text, "none")))
			at(c, n, "%s", _("\"period\" must be none, month or entry"));
	}
}

enum pc_status pc_form_from_tree(const char *path, const struct ynode *root, struct pc_expr *ev,
				 struct pc_form **out, struct pc_problems *pr)
{
	*out = NULL;
	struct checker c = {.path = path, .ev = ev, .pr = pr};
	struct pc_form *f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(path))) {
		free(f);
		pc_problems_add(pr, false, path, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	c.form = f;
	if (!check_keys(&c, root, top_keys, COUNT(top_keys), _("a form"))) {
		pc_form_free(&f);
		return PC_UNUSABLE;
	}
	const struct ynode *named = ytree_get(root, "choices");
	c.lists_cap = count_inline_lists(root) + (named && named->kind == Y_MAP ? named->n / 2 : 0);
	f->lists = calloc(c.lists_cap + 1, sizeof(*f->lists));
	if (!f->lists) {
		pc_form_free(&f);
		pc_problems_add(pr, false, path, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	header(&c, root);
	pc_form_access(path, f, ytree_get(root, "access"), pr, &c.failed);
	named_lists(&c, named);
	sections(&c, ytree_get(root, "sections"));
	if (!ytree_get(root, "sections"))
		at(&c, root, "%s", _("missing \"sections:\""));
	if (!c.failed)
		pc_form_entry(path, f, root, pr, &c.failed);
	if (!c.failed)
		pc_form_check_exprs(path, f, ytree_get(root, "sections"), ev, pr, &c.failed);
	if (!c.failed)
		pc_form_probe(path, f, ytree_get(root, "sections"), ev, pr, &c.failed);
	if (c.failed) {
		pc_form_free(&f);
		return PC_UNUSABLE;
	}
	*out = f;
	return PC_OK;
}

enum pc_status pc_form_load(const char *path, struct pc_expr *ev, struct pc_form **out,
			    struct pc_problems *pr)
{
	struct ynode *root = NULL;
	*out = NULL;
	if (ytree_load(path, &root, pr) != PC_OK)
		return PC_UNUSABLE;
	if (!root) {
		char where[4096];
		snprintf(where, sizeof(where), "%s:1:1", path);
		pc_problems_add(pr, false, where, "%s", _("the file is empty"));
		return PC_UNUSABLE;
	}
	enum pc_status st = pc_form_from_tree(path, root, ev, out, pr);
	ytree_free(&root);
	return st;
}
