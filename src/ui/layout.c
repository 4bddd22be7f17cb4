/* Drawing helpers every screen shares: UTF-8 text measured and clipped in
 * screen columns, word wrapping, the title line, the bottom key line, the
 * message line and yes/no questions. No screen state lives here. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "parcours/text.h"
#include "ui/ui.h"

static bool colors;
static char message[512];
static bool message_error;
static int message_age; /* keys since it was set */

void ui_colors_init(void)
{
	const char *nc = getenv("NO_COLOR");
	colors = has_colors() && !(nc && *nc);
	if (!colors)
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_RED, -1);
	init_pair(2, COLOR_YELLOW, -1);
	init_pair(3, COLOR_CYAN, -1);
}

attr_t ui_attr(enum ui_attr_kind k)
{
	switch (k) {
	case UI_A_TITLE:
	case UI_A_SELECT:
		return A_REVERSE;
	case UI_A_ERROR:
		return A_BOLD | (colors ? COLOR_PAIR(1) : 0);
	case UI_A_WARN:
		return colors ? COLOR_PAIR(2) : A_NORMAL;
	case UI_A_KEY:
		return A_BOLD;
	case UI_A_HEAD:
		return A_BOLD;
	case UI_A_DIM:
		return colors ? COLOR_PAIR(3) : A_NORMAL;
	}
	return A_NORMAL;
}

/* Width of one code point; unknown or control ones are drawn as '?'. */
bool ui_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/* -1 for what must not reach the terminal as is: control characters, and
 * the bidirectional controls that would reorder the rest of the line (text
 * saved before answers refused them may still hold one). */
static int cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ui_bidi_control(cp))
		return -1;
	int w = wcwidth((wchar_t)cp);
	return w;
}

int ui_text_width(const char *s)
{
	int w = 0;
	size_t n = s ? strlen(s) : 0;
	while (n) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s, n, &cp);
		if (!k)
			k = 1;
		int cw = cp_width(cp);
		w += cw < 0 ? 1 : cw;
		s += k;
		n -= k;
	}
	return w;
}

int ui_put(int y, int x, int w, const char *s, bool ellipsis)
{
	if (w <= 0 || !s)
		return 0;
	bool fits = ui_text_width(s) <= w;
	int limit = fits || !ellipsis ? w : w - 1;
	wchar_t buf[64];
	int nb = 0, col = 0;
	size_t n = strlen(s);
	move(y, x);
	while (n) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s, n, &cp);
		if (!k)
			k = 1;
		int cw = cp_width(cp);
		if (cw < 0) {
			cp = '?';
			cw = 1;
		}
		if (col + cw > limit)
			break;
		if (nb == (int)(sizeof(buf) / sizeof(buf[0])) - 1) {
			addnwstr(buf, nb);
			nb = 0;
		}
		buf[nb++] = (wchar_t)cp;
		col += cw;
		s += k;
		n -= k;
	}
	/* "Ajouter une…", not "Ajouter une …" */
	while (!fits && ellipsis && nb > 0 && buf[nb - 1] == L' ') {
		nb--;
		col--;
	}
	if (nb)
		addnwstr(buf, nb);
	if (!fits && ellipsis && col < w) {
		addnwstr(L"…", 1);
		col++;
	}
	return col;
}

int ui_wrap(const char *s, int w, void (*line)(void *ctx, const char *p, size_t n), void *ctx)
{
	int lines = 0;
	if (!s || w < 1)
		return 0;
	while (*s) {
		const char *start = s, *brk = NULL, *p = s;
		int col = 0;
		while (*p && *p != '\n') {
			uint32_t cp;
			size_t k = pc_utf8_decode(p, strlen(p), &cp);
			if (!k)
				k = 1;
			int cw = cp_width(cp);
			cw = cw < 0 ? 1 : cw;
			if (col + cw > w)
				break;
			if (*p == ' ')
				brk = p;
			col += cw;
			p += k;
		}
		const char *end = p;
		if (*p && *p != '\n' && brk && brk > start)
			end = brk;
		if (end == start && *p && *p != '\n') /* a character wider than the line */
			end = p + 1;
		if (line)
			line(ctx, start, (size_t)(end - start));
		lines++;
		s = end;
		if (*s == '\n')
			s++;
		else
			while (*s == ' ')
				s++;
	}
	return lines;
}

struct wrap_draw {
	int y, x, w, max, done;
};

static void draw_line(void *ctx, const char *p, size_t n)
{
	struct wrap_draw *d = ctx;
	if (d->done >= d->max)
		return;
	char *t = strndup(p, n);
	if (t)
		ui_put(d->y + d->done, d->x, d->w, t, false);
	free(t);
	d->done++;
}

int ui_put_wrapped(int y, int x, int w, int maxlines, const char *s)
{
	struct wrap_draw d = {y, x, w, maxlines, 0};
	ui_wrap(s, w, draw_line, &d);
	return d.done;
}

void ui_title(const char *left, const char *right)
{
	attrset(ui_attr(UI_A_TITLE));
	move(0, 0);
	hline(' ', COLS);
	int rw = right ? ui_text_width(right) : 0;
	if (rw > COLS / 2)
		rw = COLS / 2;
	ui_put(0, 1, COLS - rw - 3, left, true);
	if (right)
		ui_put(0, COLS - rw - 1, rw, right, true);
	attrset(A_NORMAL);
}

/* The keys that must stay on the bottom line whatever its width: help
 * (F1) and back (Esc), and q where a screen shows it (the list quits). */
static bool key_kept(const char *msgid)
{
	return !strcmp(msgid, "F1") || !strcmp(msgid, "Esc") || !strcmp(msgid, "q");
}

enum { STATUS_MAX = 16, STATUS_GAP = 2, STATUS_MIN_WHAT = 8 };

static int status_width(int n, const int *kw, const int *show)
{
	int total = 0, shown = 0;
	for (int i = 0; i < n; i++)
		if (show[i] >= 0) {
			total += kw[i] + 1 + show[i];
			shown++;
		}
	return total + (shown > 1 ? (shown - 1) * STATUS_GAP : 0);
}

/* The key line: every main key of the screen, in order. When the line is
 * too narrow, the keys that must stay (key_kept) keep their text; the
 * others lose keys from the end until the rest fits with their texts cut
 * to three quarters (short ones whole), then the longest texts are shortened ("Remplir le for…")
 * only as much as needed. Never cut at the end, where F1 is. */
void ui_status(const struct ui_keyhelp *keys)
{
	const char *k[STATUS_MAX], *w[STATUS_MAX];
	int kw[STATUS_MAX], ww[STATUS_MAX], show[STATUS_MAX], least[STATUS_MAX];
	bool kept[STATUS_MAX];
	int n = 0, y = LINES - 1;
	move(y, 0);
	clrtoeol();
	for (size_t i = 0; keys && keys[i].keys && n < STATUS_MAX; i++) {
		if (!keys[i].main)
			continue;
		k[n] = _(keys[i].keys);
		w[n] = _(keys[i].what);
		kw[n] = ui_text_width(k[n]);
		ww[n] = ui_text_width(w[n]);
		kept[n] = key_kept(keys[i].keys);
		least[n] = kept[n] ? ww[n] : ww[n] * 3 / 4;
		if (least[n] < STATUS_MIN_WHAT)
			least[n] = ww[n] < STATUS_MIN_WHAT ? ww[n] : STATUS_MIN_WHAT;
		show[n] = least[n];
		n++;
	}
	for (int i = n; i-- > 0 && status_width(n, kw, show) > COLS;)
		if (!kept[i])
			show[i] = -1;
	for (int i = 0; i < n; i++)
		if (show[i] >= 0)
			show[i] = ww[i];
	/* then shorten the longest texts, a column at a time */
	while (status_width(n, kw, show) > COLS) {
		int longest = -1;
		for (int i = 0; i < n; i++)
			if (show[i] > least[i] && (longest < 0 || show[i] > show[longest]))
				longest = i;
		if (longest < 0)
			break;
		show[longest]--;
	}
	int x = 0;
	for (int i = 0; i < n && x < COLS; i++) {
		if (show[i] < 0)
			continue;
		attrset(ui_attr(UI_A_KEY));
		x += ui_put(y, x, COLS - x, k[i], false);
		attrset(A_NORMAL);
		x += 1;
		int cw = show[i] < COLS - x ? show[i] : COLS - x;
		x += ui_put(y, x, cw, w[i], true);
		x += STATUS_GAP;
	}
}

void ui_message(bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	/* a message never carries a line break or control character */
	for (char *p = message; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	message_error = error;
	message_age = 0;
	ui_message_draw();
}

void ui_message_draw(void)
{
	int y = LINES - 2;
	move(y, 0);
	clrtoeol();
	if (!message[0])
		return;
	attrset(message_error ? ui_attr(UI_A_ERROR) : A_NORMAL);
	ui_put(y, 0, COLS, message, true);
	attrset(A_NORMAL);
}

void ui_message_age(void)
{
	if (message[0] && ++message_age > 0) {
		message[0] = '\0';
		ui_message_draw();
	}
}

struct wrap_last {
	char *text;
};

static void last_line(void *ctx, const char *p, size_t n)
{
	struct wrap_last *l = ctx;
	free(l->text);
	l->text = strndup(p, n);
}

int ui_ask(const char *question, const char *answers)
{
	for (;;) {
		ui_paint();
		int key, y = LINES - 2;
		bool two = ui_text_width(question) > COLS - 2;
		if (!ui_small()) {
			/* a long question takes the line above too, so that its
			 * answers (at the end) stay visible */
			attrset(A_BOLD);
			int w = 0;
			if (two) {
				move(y - 1, 0);
				clrtoeol();
				move(y, 0);
				clrtoeol();
				int n = ui_put_wrapped(y - 1, 0, COLS - 2, 2, question);
				struct wrap_last last = {0};
				ui_wrap(question, COLS - 2, last_line, &last);
				w = ui_text_width(last.text ? last.text : "");
				free(last.text);
				y = y - 1 + (n > 1);
			} else {
				move(y, 0);
				clrtoeol();
				w = ui_put(y, 0, COLS - 1, question, true);
			}
			attrset(A_NORMAL);
			move(y, w < COLS - 1 ? w + 1 : COLS - 1);
		}
		if (!ui_getkey(&key))
			return 0;
		if (key == UI_KEY_BASE + KEY_RESIZE || ui_small())
			continue;
		int c = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
		if (key == UI_ESC || (key > 0 && key < 128 && strchr(answers, c))) {
			message[0] = '\0';
			ui_message_draw();
			if (two)
				ui_redraw();
			return key == UI_ESC ? UI_ESC : c;
		}
		beep();
	}
}

void ui_local_time(const char *utc, char out[17])
{
	pc_format_time(out, 17, utc, PC_FORMAT_SHORT);
}

const char *ui_yes(void)
{
	return _("yes");
}

const char *ui_no(void)
{
	return _("no");
}
