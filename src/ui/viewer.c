/* The text viewer: saved answers read in full, each value wrapped in its
 * column under its label, so that a 4,000-character summary reads whole
 * instead of as one cut line. Scrolls by line, page, start and end. It
 * shows a copy of the lines it was given and never edits anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "ui/ui.h"

enum { TOP_Y = 2 };

static struct {
	char *title;
	struct ui_answer_line *lines;
	size_t n;
	int lw;       /* label column */
	size_t top;   /* first screen line shown */
	size_t total; /* screen lines of the whole text, as last drawn */
} V;

static const struct ui_keyhelp keys[] = {
	{N_("Up, Down"), N_("Scroll"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Page Up, Page Down, Ctrl-B, Ctrl-F"), N_("A page up or down"), false},
	{N_("Home, End"), N_("The start or the end"), false},
	{NULL, NULL, false},
};

static int page(void)
{
	return LINES - TOP_Y - 2;
}

struct layout {
	size_t row; /* screen lines laid out so far */
	int h, x, w;
	bool draw;
};

static bool shown(const struct layout *l, int *y)
{
	if (!l->draw || l->row < V.top || l->row >= V.top + (size_t)l->h)
		return false;
	*y = TOP_Y + (int)(l->row - V.top);
	return true;
}

static void value_line(void *ctx, const char *p, size_t n)
{
	struct layout *l = ctx;
	int y;
	if (shown(l, &y)) {
		char *t = strndup(p, n);
		if (t)
			ui_put(y, l->x, l->w, t, false);
		free(t);
	}
	l->row++;
}

/* Lays out every answer (label, then its value wrapped in the value
 * column), drawing the lines from V.top when `draw`; returns the lines. */
static size_t layout(bool draw)
{
	int lw = V.lw > COLS * 2 / 5 ? COLS * 2 / 5 : V.lw;
	struct layout l = {0, page(), 0, 0, draw};
	for (size_t i = 0; i < V.n; i++) {
		const struct ui_answer_line *a = &V.lines[i];
		int y, lx = a->row ? 4 : 2;
		int llw = a->row ? ui_text_width(a->label) : lw;
		l.x = lx + llw + (a->row ? 1 : 3);
		l.w = COLS - l.x - 1;
		if (shown(&l, &y)) {
			attrset(ui_attr(UI_A_HEAD));
			ui_put(y, lx, llw, a->label, true);
			attrset(A_NORMAL);
			if (!a->row)
				mvaddstr(y, lx + llw + 1, ":");
		}
		size_t before = l.row;
		ui_wrap(a->value, l.w, value_line, &l);
		if (l.row == before)
			l.row++;
	}
	return l.row;
}

static void viewer_draw(void)
{
	V.total = layout(false);
	size_t h = (size_t)page();
	if (V.top + h > V.total)
		V.top = V.total > h ? V.total - h : 0;
	char where[64] = "";
	if (V.total > h)
		snprintf(where, sizeof(where), _("lines %zu-%zu of %zu"), V.top + 1, V.top + h,
			 V.total);
	ui_title(V.title, where);
	layout(true);
	if (V.top > 0)
		mvaddstr(TOP_Y, COLS - 1, "^");
	if (V.top + h < V.total)
		mvaddstr(TOP_Y + (int)h - 1, COLS - 1, "v");
	ui_message_draw();
	ui_status(keys);
}

static void viewer_cursor(void)
{
	move(LINES - 1, 0);
}

static enum ui_result viewer_key(int key)
{
	size_t p = (size_t)page() > 1 ? (size_t)page() - 1 : 1;
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
		V.top = V.top > 0 ? V.top - 1 : 0;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_DOWN:
		V.top++;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_PPAGE:
		V.top = V.top > p ? V.top - p : 0;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_NPAGE:
	case ' ':
		V.top += p;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_HOME:
		V.top = 0;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_END:
		V.top = V.total;
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static void viewer_close(void)
{
	for (size_t i = 0; i < V.n; i++) {
		free(V.lines[i].label);
		free(V.lines[i].value);
	}
	free(V.lines);
	free(V.title);
	memset(&V, 0, sizeof(V));
}

bool ui_viewer_open(const char *title, const struct ui_answers *a)
{
	viewer_close();
	V.title = strdup(title ? title : "");
	V.lines = calloc(a->n + 1, sizeof(*V.lines));
	if (!V.title || !V.lines)
		goto oom;
	for (size_t i = 0; i < a->n; i++) {
		struct ui_answer_line *l = &V.lines[V.n];
		l->label = strdup(a->lines[i].label ? a->lines[i].label : "");
		l->value = strdup(a->lines[i].value ? a->lines[i].value : "");
		l->row = a->lines[i].row;
		V.n++;
		if (!l->label || !l->value)
			goto oom;
	}
	V.lw = a->lw;
	return ui_push(&ui_viewer_screen);
oom:
	viewer_close();
	ui_message(true, "%s", _("out of memory"));
	return false;
}

const struct ui_screen ui_viewer_screen = {
	.name = "viewer",
	.draw = viewer_draw,
	.key = viewer_key,
	.close = viewer_close,
	.cursor = viewer_cursor,
	.keys = keys,
};
