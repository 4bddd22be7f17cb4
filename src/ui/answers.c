/* Saved answers shown read-only, one "label : value" line per answer (and
 * one line per repeat row), in the order of the form, with the values as
 * value.h displays them in the current language. Used by the file screen's
 * preview and by the history. Never edits. */
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/stored.h"
#include "parcours/value.h"
#include "ui/ui.h"

static bool add(struct ui_answers *a, char *label, char *value, bool row)
{
	if (!label || !value) {
		free(label);
		free(value);
		return false;
	}
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 32;
		struct ui_answer_line *l = realloc(a->lines, cap * sizeof(*l));
		if (!l) {
			free(label);
			free(value);
			return false;
		}
		a->lines = l;
		a->cap = cap;
	}
	a->lines[a->n++] = (struct ui_answer_line){label, value, row};
	if (!row && ui_text_width(label) > a->lw)
		a->lw = ui_text_width(label);
	return true;
}

static const char *label_of(const struct pc_field *f)
{
	const char *l = pc_text_get(&f->label);
	return *l ? l : f->name;
}

char *ui_row_text(const struct pc_field *f, const struct pc_json *row)
{
	struct pc_buf b = {0};
	bool first = true;
	for (size_t k = 0; k < f->nfields; k++) {
		const struct pc_json *v = pc_json_object_get(row, f->fields[k].name);
		if (!v || v->kind == PC_JSON_NULL)
			continue;
		char *s = pc_value_display(&f->fields[k], v);
		pc_buf_puts(&b, first ? "" : " · ");
		pc_buf_puts(&b, s ? s : "");
		free(s);
		first = false;
	}
	return pc_buf_take(&b);
}

void ui_answers_build(struct ui_answers *a, const struct pc_form *form, const char *json)
{
	ui_answers_free(a);
	struct pc_json *ans = json ? pc_json_parse(json, strlen(json), NULL, 0) : NULL;
	char why[256];
	if (json && (!ans || !pc_stored_shape_ok(form, ans, why, sizeof(why)))) {
		/* a damaged revision is said so, never shown as no answers */
		pc_json_free(&ans);
		add(a, strdup(_("DAMAGED")),
		    strdup(_("these saved answers cannot be read; run parcours check")), false);
		return;
	}
	for (size_t i = 0; ans && i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		const struct pc_json *v = pc_json_object_get(ans, f->name);
		if (f->type == PC_TYPE_NOTE || !v || v->kind == PC_JSON_NULL)
			continue;
		add(a, strdup(label_of(f)), pc_value_display(f, v), false);
		if (f->type != PC_TYPE_REPEAT || v->kind != PC_JSON_ARRAY)
			continue;
		for (size_t r = 0; r < v->len; r++) {
			struct pc_buf b = {0};
			pc_buf_printf(&b, "%zu.", r + 1);
			add(a, pc_buf_take(&b), ui_row_text(f, v->items[r]), true);
		}
	}
	/* answers to fields the form no longer has are still shown */
	for (size_t i = 0; ans && ans->kind == PC_JSON_OBJECT && i < ans->len; i++) {
		if (pc_form_field(form, ans->keys[i]))
			continue;
		char *t = pc_json_to_string(ans->items[i]);
		add(a, strdup(ans->keys[i]), t, false);
	}
	pc_json_free(&ans);
}

void ui_answers_free(struct ui_answers *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->lines[i].label);
		free(a->lines[i].value);
	}
	free(a->lines);
	memset(a, 0, sizeof(*a));
}

void ui_answers_draw(struct ui_answers *a, int y, int h)
{
	int lw = a->lw > COLS * 2 / 5 ? COLS * 2 / 5 : a->lw;
	if (a->top + (size_t)h > a->n)
		a->top = a->n > (size_t)h ? a->n - (size_t)h : 0;
	for (int i = 0; i < h; i++) {
		size_t k = a->top + (size_t)i;
		move(y + i, 0);
		clrtoeol();
		if (k >= a->n)
			continue;
		const struct ui_answer_line *l = &a->lines[k];
		if (l->row) {
			int w = ui_put(y + i, 4, COLS - 5, l->label, true);
			ui_put(y + i, 4 + w + 1, COLS - w - 6, l->value, true);
			continue;
		}
		ui_put(y + i, 2, lw, l->label, true);
		mvaddstr(y + i, 2 + lw + 1, ":");
		ui_put(y + i, 2 + lw + 3, COLS - lw - 6, l->value, true);
	}
	if (a->top > 0)
		mvaddstr(y, COLS - 1, "^");
	if (a->top + (size_t)h < a->n)
		mvaddstr(y + h - 1, COLS - 1, "v");
}

void ui_answers_scroll(struct ui_answers *a, int by)
{
	if (by < 0)
		a->top = a->top > (size_t)-by ? a->top - (size_t)-by : 0;
	else
		a->top += (size_t)by;
}
