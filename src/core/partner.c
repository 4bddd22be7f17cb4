/* Partner organisations (partner.h): reads forms/partners.yaml with the same
 * FILE:LINE:COL messages as forms and looks partners up by code. Turning
 * the list into a field's choices is form_load.c's; whether a referral may
 * be made is referral.c's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/partner.h"
#include "yaml_tree.h"

struct reader {
	const char *path;
	struct pc_problems *pr;
	bool failed;
};

static void at(struct reader *r, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void at(struct reader *r, const struct ynode *n, const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", r->path, n ? n->line : 1, n ? n->col : 1);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(r->pr, false, where, "%s", msg);
	r->failed = true;
}

static bool is_code(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static char *scalar(struct reader *r, const struct ynode *n, const char *key)
{
	if (n->kind != Y_SCALAR || !n->text) {
		at(r, n, _("\"%s\" must be a single value"), key);
		return NULL;
	}
	char *s = strdup(n->text);
	if (!s)
		at(r, n, "%s", _("out of memory"));
	return s;
}

/* A bilingual text: a plain string (both languages) or {fr, en}. */
static void text(struct reader *r, const struct ynode *n, const char *key, struct pc_text *out)
{
	if (n->kind == Y_SCALAR) {
		out->fr = scalar(r, n, key);
		out->en = scalar(r, n, key);
		return;
	}
	const struct ynode *fr = ytree_get(n, "fr"), *en = ytree_get(n, "en");
	if (n->kind != Y_MAP || (!fr && !en)) {
		at(r, n, _("\"%s\" must be a text or {fr: ..., en: ...}"), key);
		return;
	}
	for (size_t i = 0; i + 1 < n->n; i += 2)
		if (n->kids[i]->kind != Y_SCALAR ||
		    (strcmp(n->kids[i]->text, "fr") && strcmp(n->kids[i]->text, "en")))
			at(r, n->kids[i], _("unknown key \"%s\" in %s"),
			   n->kids[i]->kind == Y_SCALAR ? n->kids[i]->text : "?", key);
	if (fr)
		out->fr = scalar(r, fr, "fr");
	if (en)
		out->en = scalar(r, en, "en");
}

static void partner(struct reader *r, const struct ynode *it, struct pc_partners *l)
{
	static const char *const keys[] = {"code", "name", "kind", "contact", "consent", "retired"};
	if (it->kind != Y_MAP) {
		at(r, it, "%s", _("a partner must be a mapping {code, name, kind, contact}"));
		return;
	}
	struct pc_partner *p = &l->items[l->len++];
	for (size_t i = 0; i + 1 < it->n; i += 2) {
		const struct ynode *k = it->kids[i];
		bool known = false;
		for (size_t j = 0; k->kind == Y_SCALAR && j < sizeof(keys) / sizeof(*keys); j++)
			known |= !strcmp(k->text, keys[j]);
		if (!known)
			at(r, k, _("unknown key \"%s\" in %s"), k->kind == Y_SCALAR ? k->text : "?",
			   _("a partner"));
	}
	const struct ynode *n;
	if (!(n = ytree_get(it, "code")))
		at(r, it, "%s", _("a partner needs a \"code\""));
	else if ((p->code = scalar(r, n, "code")) && !is_code(p->code))
		at(r, n, _("the partner code \"%s\" must use only a-z, 0-9 and _"), p->code);
	for (size_t j = 0; p->code && j + 1 < l->len; j++)
		if (l->items[j].code && !strcmp(l->items[j].code, p->code))
			at(r, n, _("the partner code \"%s\" appears twice"), p->code);
	if (!(n = ytree_get(it, "name")))
		at(r, it, "%s", _("a partner needs a \"name\""));
	else
		text(r, n, "name", &p->name);
	if ((n = ytree_get(it, "kind")))
		text(r, n, "kind", &p->kind);
	if ((n = ytree_get(it, "contact")))
		p->contact = scalar(r, n, "contact");
	n = ytree_get(it, "consent");
	p->consent = n ? scalar(r, n, "consent") : strdup("consent_partners");
	if (!p->consent && !n)
		at(r, it, "%s", _("out of memory"));
	else if (n && p->consent && !is_code(p->consent))
		at(r, n, _("\"consent\" names a yes/no field of the intake, not \"%s\""),
		   p->consent);
	if ((n = ytree_get(it, "retired"))) {
		if (n->kind == Y_SCALAR && !strcmp(n->text, "true"))
			p->retired = true;
		else if (!(n->kind == Y_SCALAR && !strcmp(n->text, "false")))
			at(r, n, _("\"%s\" must be true or false"), "retired");
	}
}

enum pc_status pc_partners_load(const char *path, struct pc_partners **out, struct pc_problems *pr)
{
	*out = NULL;
	struct reader r = {.path = path, .pr = pr};
	struct ynode *root = NULL;
	if (ytree_load(path, &root, pr) != PC_OK)
		return PC_UNUSABLE;
	struct pc_partners *l = calloc(1, sizeof(*l));
	const struct ynode *seq = root && root->kind == Y_MAP ? ytree_get(root, "partners") : NULL;
	if (!l) {
		at(&r, root, "%s", _("out of memory"));
	} else if (!seq || seq->kind != Y_SEQ || seq->n == 0) {
		at(&r, seq ? seq : root, "%s",
		   _("a partners file holds \"partners:\", a non-empty list of {code, name, kind, "
		     "contact}"));
	} else if (!(l->items = calloc(seq->n, sizeof(*l->items)))) {
		at(&r, seq, "%s", _("out of memory"));
	} else {
		for (size_t i = 0; i < seq->n; i++)
			partner(&r, seq->kids[i], l);
	}
	for (size_t i = 0; root && root->kind == Y_MAP && i + 1 < root->n; i += 2)
		if (root->kids[i]->kind != Y_SCALAR || strcmp(root->kids[i]->text, "partners"))
			at(&r, root->kids[i], _("unknown key \"%s\" in %s"),
			   root->kids[i]->kind == Y_SCALAR ? root->kids[i]->text : "?",
			   _("a partners file"));
	ytree_free(&root);
	if (r.failed) {
		pc_partners_free(&l);
		return PC_UNUSABLE;
	}
	*out = l;
	return PC_OK;
}

void pc_partners_free(struct pc_partners **p)
{
	if (!p || !*p)
		return;
	for (size_t i = 0; i < (*p)->len; i++) {
		struct pc_partner *x = &(*p)->items[i];
		free(x->code);
		free(x->name.fr);
		free(x->name.en);
		free(x->kind.fr);
		free(x->kind.en);
		free(x->contact);
		free(x->consent);
	}
	free((*p)->items);
	free(*p);
	*p = NULL;
}

const struct pc_partner *pc_partner_find(const struct pc_partners *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->len; i++)
		if (p->items[i].code && !strcmp(p->items[i].code, code))
			return &p->items[i];
	return NULL;
}

bool pc_partners_is_file(const char *choices)
{
	size_t n = choices ? strlen(choices) : 0;
	return n > 5 && !strcmp(choices + n - 5, ".yaml");
}
