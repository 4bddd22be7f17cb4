/* The help screen (F1, ?, Ctrl-G): the keys of the screen it was opened
 * from, every one of them, then the keys that work everywhere, each
 * description wrapped under itself rather than cut. It knows no screen by
 * name: each screen hands over its own key table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "ui/ui.h"

static struct {
	const struct ui_screen *from;
	size_t top;
	size_t total; /* screen lines of the whole help, as last drawn */
} P;

static const struct ui_keyhelp keys[] = {
	{N_("Esc"), N_("Back"), true},
	{N_("Up, Down"), N_("Scroll"), true},
	{N_("Page Up, Page Down, Ctrl-B, Ctrl-F"), N_("A page up or down"), false},
	{N_("Home, End"), N_("The start or the end"), false},
	{NULL, NULL, false},
};

/* Every action has a key that any terminal sends: the Ctrl and plain keys
 * below act where the screen has no use of its own for them (tui.c). */
static const struct ui_keyhelp everywhere[] = {
	{N_("F1, Ctrl-G"), N_("This help (also ? when not typing)"), false},
	{N_("Esc, Ctrl-C"), N_("Back; a form asks before leaving unsaved answers"), false},
	{N_("q"), N_("Back one screen when not typing (on the list: quit)"), false},
	{N_("j, k, Ctrl-N, Ctrl-P"), N_("Down, Up when not typing"), false},
	{N_("Ctrl-F, Ctrl-B"), N_("Page Down, Page Up"), false},
	{N_("Ctrl-A, Ctrl-E"), N_("Home, End: the start or the end of a text or a list"), false},
	{N_("Ctrl-L"), N_("Draw the screen again (after a noisy link)"), false},
	{NULL, NULL, false},
};

static size_t count(const struct ui_keyhelp *k)
{
	size_t n = 0;
	while (k && k[n].keys)
		n++;
	return n;
}

struct help_draw {
	int y0, h;       /* first screen line and lines available */
	size_t row;      /* help lines laid out so far */
	int kx, kw, dx, dw;
};

/* Puts help line `row` on the screen when it is in the visible part. */
static bool visible(struct help_draw *d, int *y)
{
	if (d->row < P.top || d->row >= P.top + (size_t)d->h)
		return false;
	*y = d->y0 + (int)(d->row - P.top);
	return true;
}

static void wrapped(void *ctx, const char *p, size_t n)
{
	struct help_draw *d = ctx;
	int y;
	if (visible(d, &y)) {
		char *t = strndup(p, n);
		if (t)
			ui_put(y, d->dx, d->dw, t, false);
		free(t);
	}
	d->row++;
}

/* Lays out one key and its description (wrapped), drawing what shows. */
static void entry(struct help_draw *d, const struct ui_keyhelp *k)
{
	int y;
	/* keys longer than their column take a line of their own */
	bool alone = ui_text_width(_(k->keys)) > d->kw;
	if (visible(d, &y)) {
		attrset(ui_attr(UI_A_KEY));
		ui_put(y, d->kx, alone ? COLS - d->kx - 1 : d->kw, _(k->keys), true);
		attrset(A_NORMAL);
	}
	if (alone)
		d->row++;
	size_t before = d->row;
	ui_wrap(_(k->what), d->dw, wrapped, d);
	if (d->row == before)
		d->row++;
}

static void heading(struct help_draw *d, const char *title)
{
	int y;
	d->row++; /* a blank line before */
	if (visible(d, &y)) {
		attrset(ui_attr(UI_A_HEAD));
		ui_put(y, 1, COLS - 2, title, true);
		attrset(A_NORMAL);
	}
	d->row++;
}

static int key_width(void)
{
	int kw = 10;
	for (size_t i = 0; P.from && i < count(P.from->keys); i++)
		if (ui_text_width(_(P.from->keys[i].keys)) > kw)
			kw = ui_text_width(_(P.from->keys[i].keys));
	for (size_t i = 0; i < count(everywhere); i++)
		if (ui_text_width(_(everywhere[i].keys)) > kw)
			kw = ui_text_width(_(everywhere[i].keys));
	return kw > COLS / 3 ? COLS / 3 : kw;
}

/* Lays out the whole help (counting its lines in d->row), drawing the
 * lines from P.top on. */
static void layout(struct help_draw *d)
{
	for (size_t i = 0; P.from && i < count(P.from->keys); i++)
		entry(d, &P.from->keys[i]);
	heading(d, _("Everywhere"));
	for (size_t i = 0; i < count(everywhere); i++)
		entry(d, &everywhere[i]);
}

static int page(void)
{
	return LINES - 4;
}

static void help_draw(void)
{
	ui_title(_("Help: the keys of this screen"), "");
	int kw = key_width();
	struct help_draw d = {2, 0, 0, 2, kw, 4 + kw, COLS - kw - 5};
	layout(&d); /* counts */
	P.total = d.row;
	size_t h = (size_t)page();
	if (P.top + h > P.total)
		P.top = P.total > h ? P.total - h : 0;
	d = (struct help_draw){2, page(), 0, 2, kw, 4 + kw, COLS - kw - 5};
	layout(&d);
	if (P.total > h) {
		char where[64];
		snprintf(where, sizeof(where), _("lines %zu-%zu of %zu"), P.top + 1, P.top + h,
			 P.total);
		ui_title(_("Help: the keys of this screen"), where);
	}
	ui_message_draw();
	ui_status(keys);
}

static void help_cursor(void)
{
	move(LINES - 1, 0);
}

static enum ui_result help_key(int key)
{
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
		P.top = P.top > 0 ? P.top - 1 : 0;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_DOWN:
		P.top++;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_PPAGE:
		P.top = P.top > (size_t)page() - 1 ? P.top - (size_t)page() + 1 : 0;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_NPAGE:
		P.top += (size_t)page() - 1;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_HOME:
		P.top = 0;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_END:
		P.top = P.total;
		return UI_REDRAW;
	case 'q':
	case '?':
	case UI_KEY_BASE + KEY_F(1):
	case '\r':
	case '\n':
		ui_pop();
		return UI_DONE;
	default:
		return UI_UNHANDLED;
	}
}

bool ui_help_open(const struct ui_screen *from)
{
	P.from = from;
	P.top = 0;
	return ui_push(&ui_help_screen);
}

const struct ui_screen ui_help_screen = {
	.name = "help",
	.draw = help_draw,
	.key = help_key,
	.cursor = help_cursor,
	.keys = keys,
};
