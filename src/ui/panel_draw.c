/* Drawing the fields of a panel (panel.c): labels and answers as plain
 * text, textareas on several lines, problems, rows of a repeat, the hint
 * line, the choice list when open. While typing, only the focused field is
 * drawn again, so a key costs a few bytes on the terminal. Changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "ui/panel.h"
#include "ui/ui.h"

/* What an answer looks like when it is not being typed. */
static char *shown_value(const struct ui_panel *p, size_t i)
{
	const struct pc_field *f = &p->fields[i];
	if (f->calculate) {
		const struct pc_json *v = pc_json_object_get(panel_clean(p), f->name);
		return v ? pc_value_display(f, v) : strdup("");
	}
	if (f->type == PC_TYPE_REPEAT) {
		size_t n = panel_repeat_rows(p, i);
		char buf[96];
		if (n == 0)
			snprintf(buf, sizeof(buf), "%s", _("no rows"));
		else if (n == 1)
			snprintf(buf, sizeof(buf), "%s", _("1 row"));
		else
			snprintf(buf, sizeof(buf), _("%zu rows"), n);
		return strdup(buf);
	}
	const char *t = panel_raw_text(p, i);
	if (!t && (f->type == PC_TYPE_CHOICE || f->type == PC_TYPE_CHOICES ||
		   f->type == PC_TYPE_BOOLEAN))
		return strdup("-");
	return ui_doc_show(f, t);
}

/* One row of a repeat as "1. value · value". */
static char *row_summary(const struct ui_panel *p, size_t i, long r)
{
	const struct pc_field *f = &p->fields[i];
	const struct pc_json *rows = pc_json_object_get(panel_obj(p), f->name);
	struct pc_buf b = {0};
	pc_buf_printf(&b, "%ld.", r + 1);
	if (!rows || (size_t)r >= rows->len)
		return pc_buf_take(&b);
	const struct pc_json *row = rows->items[r];
	bool first = true;
	for (size_t k = 0; k < f->nfields; k++) {
		const char *t = ui_doc_text(row, f->fields[k].name);
		if (!t || !*t)
			continue;
		char *s = ui_doc_show(&f->fields[k], t);
		pc_buf_puts(&b, first ? " " : " · ");
		pc_buf_puts(&b, s ? s : "");
		free(s);
		first = false;
	}
	return pc_buf_take(&b);
}

struct nth {
	int y, x, w;
	long want, at;
};

static void nth_line(void *ctx, const char *s, size_t n)
{
	struct nth *t = ctx;
	if (t->at++ != t->want)
		return;
	char *c = strndup(s, n);
	if (c)
		ui_put(t->y, t->x, t->w, c, true);
	free(c);
}

/* Draws line `nth` of `s` wrapped at w columns (a textarea shown). */
static void put_nth_line(int y, int x, int w, const char *s, long nth)
{
	struct nth t = {y, x, w, nth, 0};
	if (s)
		ui_wrap(s, w, nth_line, &t);
}

static void draw_segment(int y, int x, int w, const char *s, size_t n)
{
	char *t = strndup(s, n);
	if (t)
		ui_put(y, x, w, t, true);
	free(t);
}

/* The value area of the focused field while typing. */
static void draw_editing(struct ui_panel *p, int y, int *cy, int *cx)
{
	const struct pc_field *f = &p->fields[p->cur];
	int h = 1; /* the field's line and its textarea lines (panel.c) */
	for (size_t k = 0; f->type == PC_TYPE_TEXTAREA && k < p->nlines; k++)
		if (p->lines[k].kind == L_VALUE && p->lines[k].field == p->cur)
			h++;
	if (y + h > p->y + p->h)
		h = p->y + p->h - y;
	ui_edit_draw(&p->edit, y, p->vx, COLS - p->vx - 1, h < 1 ? 1 : h, cy, cx);
}

static void draw_line(struct ui_panel *p, size_t k, int y)
{
	const struct ui_panel_line *l = &p->lines[k];
	const struct pc_field *f = l->kind == L_SECTION || l->kind == L_HINT || l->kind == L_BLANK
					   ? NULL
					   : &p->fields[l->field];
	bool cur = f && l->field == p->cur;
	/* a textarea being typed draws all its lines with its first one */
	if (l->kind == L_VALUE && cur && p->editing)
		return;
	move(y, 0);
	clrtoeol();
	switch (l->kind) {
	case L_SECTION:
		attrset(ui_attr(UI_A_HEAD));
		draw_segment(y, 1, COLS - 2, l->s, l->n);
		attrset(A_NORMAL);
		break;
	case L_HINT:
	case L_NOTE:
		attrset(ui_attr(UI_A_DIM));
		draw_segment(y, 2, COLS - 3, l->s, l->n);
		attrset(A_NORMAL);
		break;
	case L_LABEL:
		if (cur)
			mvaddch(y, 0, '>');
		draw_segment(y, 2, COLS - 3, l->s, l->n);
		break;
	case L_FIELD:
		/* the mark is on the label, which may be on the line above */
		if (cur && !(k > 0 && p->lines[k - 1].kind == L_LABEL))
			mvaddch(y, 0, '>');
		draw_segment(y, 2, p->lw, l->s, l->n);
		mvaddstr(y, p->vx - 2, ":");
		if (cur && p->editing) {
			draw_editing(p, y, &p->cy, &p->cx);
		} else {
			char *v = shown_value(p, l->field);
			if (f->type == PC_TYPE_TEXTAREA)
				put_nth_line(y, p->vx, COLS - p->vx - 1, v, 0);
			else
				ui_put(y, p->vx, COLS - p->vx - 1, v ? v : "", true);
			free(v);
			if (cur) {
				p->cy = y;
				p->cx = p->vx;
			}
		}
		break;
	case L_VALUE: {
		char *v = shown_value(p, l->field);
		put_nth_line(y, p->vx, COLS - p->vx - 1, v, l->row);
		free(v);
		break;
	}
	case L_PROBLEM:
		attrset(ui_attr(l->warn ? UI_A_WARN : UI_A_ERROR));
		draw_segment(y, p->vx, COLS - p->vx - 1, l->s, l->n);
		attrset(A_NORMAL);
		break;
	case L_ROW: {
		char *s = row_summary(p, l->field, l->row);
		ui_put(y, 4, COLS - 5, s ? s : "", true);
		free(s);
		break;
	}
	case L_BLANK:
		break;
	}
}

static const char *type_help(const struct pc_field *f)
{
	switch (f->type) {
	case PC_TYPE_DATE:
		return _("date as YYYY-MM-DD");
	case PC_TYPE_INTEGER:
		return _("a whole number");
	case PC_TYPE_DECIMAL:
		return _("a number, e.g. 12.50");
	case PC_TYPE_HOURS:
		return _("hours, e.g. 3, 3.5 or 3:30");
	case PC_TYPE_CHOICE:
		return _("Space: next choice, Enter: list, Delete: none");
	case PC_TYPE_CHOICES:
		return _("Space or Enter: list, Space checks");
	case PC_TYPE_BOOLEAN:
		return _("y: yes, n: no, Space: change");
	case PC_TYPE_REPEAT:
		return _("Enter: open the rows, +: add a row");
	case PC_TYPE_TEXTAREA:
		return _("Enter: new line, Tab: next field");
	default:
		return "";
	}
}

/* Merging a sync conflict: the other copy's value of a field that
 * differs takes the hint line. True when drawn. */
static bool draw_other(struct ui_panel *p, const struct pc_field *f, int hy)
{
	const struct pc_json *mine = pc_json_object_get(p->doc->raw, f->name);
	const struct pc_json *theirs = pc_json_object_get(p->doc->other, f->name);
	char *a = mine ? pc_json_to_string(mine) : NULL;
	char *b = theirs ? pc_json_to_string(theirs) : NULL;
	bool differs = (a || b) && (!a || !b || strcmp(a, b));
	free(a);
	free(b);
	if (!differs)
		return false;
	const char *text = ui_doc_text(p->doc->other, f->name);
	char *value = theirs && theirs->kind != PC_JSON_STRING
			      ? strdup(_("other rows (see the conflict screen)"))
		      : text ? ui_doc_show(f, text) : strdup(_("no answer"));
	char line[600];
	snprintf(line, sizeof(line), _("Other copy (%s): %s"), p->doc->other_site,
		 value ? value : "");
	free(value);
	attrset(ui_attr(UI_A_WARN));
	ui_put(hy, 0, COLS, line, true);
	attrset(A_NORMAL);
	return true;
}

static void draw_hint(struct ui_panel *p, int hy)
{
	move(hy, 0);
	clrtoeol();
	if (p->cur >= p->n)
		return;
	const struct pc_field *f = &p->fields[p->cur];
	const char *hint = pc_text_get(&f->hint), *th = type_help(f);
	int x = 0;
	if (p->top && p->doc->other && draw_other(p, f, hy))
		return;
	if (*hint)
		x = ui_put(hy, 0, COLS, hint, true) + 2;
	if (*th && x < COLS - 10) {
		attrset(ui_attr(UI_A_DIM));
		ui_put(hy, x, COLS - x, th, true);
		attrset(A_NORMAL);
	}
}

void ui_panel_draw(struct ui_panel *p, int y, int h, int hy)
{
	p->y = y;
	p->h = h;
	p->hy = hy;
	panel_ensure_visible(p);
	p->cy = y;
	p->cx = p->vx;
	for (int i = 0; i < h; i++) {
		size_t k = p->topline + (size_t)i;
		if (k < p->nlines) {
			draw_line(p, k, y + i);
		} else {
			move(y + i, 0);
			clrtoeol();
		}
	}
	/* a textarea's extra lines were drawn with the field; the scroll marks */
	if (p->topline > 0)
		mvaddstr(y, COLS - 1, "^");
	if (p->topline + (size_t)h < p->nlines)
		mvaddstr(y + h - 1, COLS - 1, "v");
	draw_hint(p, hy);
	if (p->pick.open)
		ui_pick_draw(&p->pick, p->cy + 1, p->vx);
	ui_panel_cursor(p);
}

void ui_panel_cursor(struct ui_panel *p)
{
	if (!p->pick.open)
		move(p->cy, p->cx);
}

/* While typing: only the field's own lines are drawn again. */
enum ui_result panel_redraw_current(struct ui_panel *p)
{
	for (size_t k = p->topline; k < p->nlines && k < p->topline + (size_t)p->h; k++) {
		if (p->lines[k].kind == L_FIELD && p->lines[k].field == p->cur) {
			draw_editing(p, p->y + (int)(k - p->topline), &p->cy, &p->cx);
			move(p->cy, p->cx);
			return UI_DONE;
		}
	}
	return UI_REDRAW;
}

