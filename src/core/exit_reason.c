/* Exit reasons (exit_reason.h): read from the `exit_reasons:` section of
 * programmes.yaml with the same FILE:LINE:COL messages as forms, and looked
 * up by code. Which reason an exit may be given is decided in
 * participation.c (pc_leave); this file only knows the list. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/exit_reason.h"
#include "parcours/i18n.h"
#include "parcours/text.h"
#include "form_internal.h"
#include "yaml_tree.h"

static void at(const char *path, const struct ynode *n, struct pc_problems *pr, bool *failed,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void at(const char *path, const struct ynode *n, struct pc_problems *pr, bool *failed,
               const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", path, n ? n->line : 1, n ? n->col : 1);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(pr, false, where, "%s", msg);
	*failed = true;
}

void pc_exit_reasons_clear(struct pc_exit_reasons *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->len; i++) {
		free(l->items[i].code);
		free(l->items[i].label.fr);
		free(l->items[i].label.en);
	}
	free(l->items);
	l->items = NULL;
	l->len = 0;
}

const struct pc_exit_reason *pc_exit_reason_find(const struct pc_exit_reasons *l, const char *code)
{
	for (size_t i = 0; l && code && i < l->len; i++)
		if (!strcmp(l->items[i].code, code))
			return &l->items[i];
	return NULL;
}

const char *pc_exit_reason_label(const struct pc_exit_reasons *l, const char *code)
{
	const struct pc_exit_reason *r = pc_exit_reason_find(l, code);
	return r ? pc_text_get(&r->label) : code;
}

void pc_exit_reasons_format(const struct pc_exit_reasons *l, struct pc_buf *out)
{
	bool first = true;
	for (size_t i = 0; l && i < l->len; i++) {
		if (l->items[i].retired)
			continue;
		pc_buf_printf(out, "%s%s (%s)", first ? "" : ", ", l->items[i].code,
		              pc_text_get(&l->items[i].label));
		first = false;
	}
}

enum pc_status pc_exit_reason_check(const struct pc_exit_reasons *l, const char *reason,
                                    struct pc_problems *pr)
{
	if (!l || !l->len) {
		if (reason && reason[strspn(reason, " \t")] && !pc_text_has_control(reason, false))
			return PC_OK;
		pc_problems_add(pr, false, "reason", "%s",
		                _("give the reason for leaving, e.g. employment, studies, health, "
		                  "moved, dropped_out or other"));
		return PC_REFUSED;
	}
	const struct pc_exit_reason *r = pc_exit_reason_find(l, reason);
	if (r && !r->retired)
		return PC_OK;
	/* the reason is echoed cut short (it is what was typed, of any
	 * length); the list follows one reason a line, as a line of stderr
	 * is cut at 240 characters */
	if (r)
		pc_problems_add(pr, false, "reason",
		                _("\"%.40s\" is no longer given as an exit reason; give one of:"),
		                reason);
	else
		pc_problems_add(pr, false, "reason",
		                _("\"%.40s\" is not an exit reason; give one of:"),
		                reason ? reason : "");
	for (size_t i = 0; i < l->len; i++)
		if (!l->items[i].retired)
			pc_problems_add(pr, false, "reason", "%s (%s)", l->items[i].code,
			                pc_text_get(&l->items[i].label));
	return PC_REFUSED;
}

static bool code_ok(const char *s)
{
	size_t n = strlen(s);
	return n >= 1 && n <= 32 && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n &&
	       s[0] >= 'a' && s[0] <= 'z';
}

static const char *const keys[] = {"code", "label", "retired"};
enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };

/* One `- code: ... label: {fr, en}` item into r; false (nothing kept) on a problem. */
static bool one_reason(const char *path, const struct ynode *n, struct pc_exit_reason *r,
                       struct pc_problems *pr, bool *failed)
{
	if (n->kind != Y_MAP) {
		at(path, n, pr, failed, "%s",
		   _("an exit reason must be a mapping: code, label {fr, en}"));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		const struct ynode *k = n->kids[i];
		bool known = false;
		for (size_t j = 0; j < NKEYS; j++)
			known |= k->kind == Y_SCALAR && !strcmp(k->text, keys[j]);
		if (known)
			continue;
		const char *near =
		    k->kind == Y_SCALAR ? pc_form_closest(k->text, keys, NKEYS) : NULL;
		if (near)
			at(path, k, pr, failed,
			   _("unknown key \"%s\" in an exit reason; did you mean \"%s\"?"), k->text,
			   near);
		else
			at(path, k, pr, failed, _("unknown key \"%s\" in an exit reason"),
			   k->kind == Y_SCALAR ? k->text : "");
		ok = false;
	}
	const struct ynode *code = ytree_get(n, "code"), *label = ytree_get(n, "label"),
	                   *retired = ytree_get(n, "retired");
	if (!code || code->kind != Y_SCALAR || !code_ok(code->text)) {
		at(path, code ? code : n, pr, failed, "%s",
		   _("an exit reason needs a \"code\": lower-case letters, digits and _, "
		     "starting with a letter, at most 32"));
		ok = false;
	}
	const struct ynode *fr = label && label->kind == Y_MAP ? ytree_get(label, "fr") : NULL;
	const struct ynode *en = label && label->kind == Y_MAP ? ytree_get(label, "en") : NULL;
	if (!fr || !en || fr->kind != Y_SCALAR || en->kind != Y_SCALAR || !fr->text[0] ||
	    !en->text[0] || label->n != 4) {
		at(path, label ? label : n, pr, failed, "%s",
		   _("an exit reason needs a \"label\" in French and English: {fr: ..., en: ...}"));
		ok = false;
	}
	bool is_retired = false;
	if (retired) {
		if (retired->kind != Y_SCALAR ||
		    (strcmp(retired->text, "true") && strcmp(retired->text, "false"))) {
			at(path, retired, pr, failed, "%s", _("\"retired\" must be true or false"));
			ok = false;
		} else {
			is_retired = !strcmp(retired->text, "true");
		}
	}
	if (!ok)
		return false;
	r->code = strdup(code->text);
	r->label.fr = strdup(fr->text);
	r->label.en = strdup(en->text);
	r->retired = is_retired;
	r->line = n->line;
	r->col = n->col;
	if (!r->code || !r->label.fr || !r->label.en) {
		free(r->code);
		free(r->label.fr);
		free(r->label.en);
		memset(r, 0, sizeof(*r));
		at(path, n, pr, failed, "%s", _("out of memory"));
		return false;
	}
	return true;
}

bool pc_exit_reasons_from_tree(const char *path, const struct ynode *list,
                               struct pc_exit_reasons *out, struct pc_problems *pr)
{
	bool failed = false;
	memset(out, 0, sizeof(*out));
	if (!list)
		return true;
	if (list->kind != Y_SEQ || !list->n) {
		at(path, list, pr, &failed, "%s",
		   _("\"exit_reasons\" must be a list of reasons, each with a code and a label"));
		return false;
	}
	if (list->n > PC_EXIT_REASONS_MAX) {
		at(path, list, pr, &failed, _("there are at most %d exit reasons"),
		   PC_EXIT_REASONS_MAX);
		return false;
	}
	if (!(out->items = calloc(list->n, sizeof(*out->items)))) {
		at(path, list, pr, &failed, "%s", _("out of memory"));
		return false;
	}
	for (size_t i = 0; i < list->n; i++) {
		struct pc_exit_reason r = {0};
		if (!one_reason(path, list->kids[i], &r, pr, &failed))
			continue;
		if (pc_exit_reason_find(out, r.code)) {
			at(path, ytree_get(list->kids[i], "code"), pr, &failed,
			   _("the exit reason \"%s\" is defined twice"), r.code);
			free(r.code);
			free(r.label.fr);
			free(r.label.en);
			continue;
		}
		out->items[out->len++] = r;
	}
	if (failed)
		pc_exit_reasons_clear(out);
	return !failed;
}
