/* The help screen (F1, ?, Ctrl-G): the keys of the screen it was opened
 * from, every one of them, then the keys that work everywhere. It knows no
 * screen by name: each screen hands over its own key table. */
#include <string.h>
#include "parcours/i18n.h"
#include "ui/ui.h"

static struct {
	const struct ui_screen *from;
	size_t top;
} P;

static const struct ui_keyhelp keys[] = {
	{N_("Esc"), N_("Back"), true},
	{N_("Up, Down"), N_("Scroll"), true},
	{NULL, NULL, false},
};

static const struct ui_keyhelp everywhere[] = {
	{N_("F1, Ctrl-G"), N_("This help (also ? when not typing)"), false},
	{N_("Esc, Ctrl-C"), N_("Back; a form asks before leaving unsaved answers"), false},
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

/* Line i of the help: a key of the screen, a blank, a title, or a key of
 * everywhere. */
static void draw_line(int y, size_t i, int kw)
{
	size_t a = count(P.from ? P.from->keys : NULL);
	const struct ui_keyhelp *k = NULL;
	move(y, 0);
	clrtoeol();
	if (i < a) {
		k = &P.from->keys[i];
	} else if (i == a) {
		return;
	} else if (i == a + 1) {
		attrset(ui_attr(UI_A_HEAD));
		ui_put(y, 1, COLS - 2, _("Everywhere"), true);
		attrset(A_NORMAL);
		return;
	} else if (i - a - 2 < count(everywhere)) {
		k = &everywhere[i - a - 2];
	}
	if (!k)
		return;
	attrset(ui_attr(UI_A_KEY));
	ui_put(y, 2, kw, _(k->keys), true);
	attrset(A_NORMAL);
	ui_put(y, 4 + kw, COLS - kw - 5, _(k->what), true);
}

static void help_draw(void)
{
	ui_title(_("Help: the keys of this screen"), "");
	size_t total = count(P.from ? P.from->keys : NULL) + 2 + count(everywhere);
	int kw = 10;
	for (size_t i = 0; P.from && i < count(P.from->keys); i++)
		if (ui_text_width(_(P.from->keys[i].keys)) > kw)
			kw = ui_text_width(_(P.from->keys[i].keys));
	for (size_t i = 0; i < count(everywhere); i++)
		if (ui_text_width(_(everywhere[i].keys)) > kw)
			kw = ui_text_width(_(everywhere[i].keys));
	if (kw > COLS / 3)
		kw = COLS / 3;
	int h = LINES - 4;
	if (P.top + (size_t)h > total)
		P.top = total > (size_t)h ? total - (size_t)h : 0;
	for (int y = 0; y < h; y++)
		draw_line(2 + y, P.top + (size_t)y, kw);
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
	case UI_KEY_BASE + KEY_PPAGE:
		P.top = P.top > 0 ? P.top - 1 : 0;
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_DOWN:
	case UI_KEY_BASE + KEY_NPAGE:
		P.top++;
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
