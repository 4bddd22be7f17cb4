/* Editing one answer's text in UTF-8 on screen: wide characters measured
 * with wcwidth (double-width CJK take two columns, combining accents stay
 * with their letter), insert, delete and move by character, one line with
 * horizontal scrolling or several wrapped lines (textarea). Control
 * characters never enter the text. Knows nothing of forms. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/text.h"
#include "ui/ui.h"

static bool is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 ||
	       (c >= 0xd800 && c < 0xe000) || c > 0x10ffff;
}

/* Columns of one character: 0 for combining marks and line breaks, 1 for
 * what the C library does not know. */
static int cw(wchar_t c)
{
	if (c == L'\n')
		return 0;
	int w = wcwidth(c);
	return w < 0 || ui_bidi_control((uint32_t)c) ? 1 : w;
}

static bool is_mark(wchar_t c)
{
	return c != L'\n' && wcwidth(c) == 0 && !ui_bidi_control((uint32_t)c);
}

static size_t next_char(const struct ui_edit *e, size_t i)
{
	if (i >= e->len)
		return e->len;
	i++;
	while (i < e->len && is_mark(e->s[i]))
		i++;
	return i;
}

static size_t prev_char(const struct ui_edit *e, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && is_mark(e->s[i]))
		i--;
	return i;
}

static bool reserve(struct ui_edit *e, size_t more)
{
	if (e->len + more + 1 <= e->cap)
		return true;
	size_t cap = e->cap ? e->cap : 32;
	while (cap < e->len + more + 1)
		cap *= 2;
	wchar_t *s = realloc(e->s, cap * sizeof(*s));
	if (!s)
		return false;
	e->s = s;
	e->cap = cap;
	return true;
}

bool ui_edit_set(struct ui_edit *e, const char *s, bool multiline)
{
	e->len = e->cur = e->off = e->vtop = 0;
	e->selected = false;
	e->multiline = multiline;
	if (!reserve(e, 0))
		return false;
	size_t n = s ? strlen(s) : 0;
	while (n) {
		uint32_t cp;
		size_t k = pc_utf8_decode(s, n, &cp);
		if (!k)
			k = 1;
		s += k;
		n -= k;
		if (cp == '\r')
			continue;
		if (cp == '\n' && !multiline)
			cp = ' ';
		else if (cp != '\n' && is_control(cp))
			continue;
		if (!reserve(e, 1))
			return false;
		e->s[e->len++] = (wchar_t)cp;
	}
	e->s[e->len] = 0;
	e->cur = e->len;
	return true;
}

char *ui_edit_text(const struct ui_edit *e)
{
	char *out = malloc(e->len * 4 + 1), *p = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < e->len; i++)
		p += pc_utf8_encode((uint32_t)e->s[i], p);
	*p = '\0';
	return out;
}

void ui_edit_free(struct ui_edit *e)
{
	free(e->s);
	memset(e, 0, sizeof(*e));
}

static void delete_range(struct ui_edit *e, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(e->s + from, e->s + to, (e->len - to + 1) * sizeof(*e->s));
	e->len -= to - from;
	if (e->cur > to)
		e->cur -= to - from;
	else if (e->cur > from)
		e->cur = from;
	if (e->off > e->len)
		e->off = 0;
}

static bool insert(struct ui_edit *e, wchar_t c)
{
	if (!reserve(e, 1))
		return false;
	memmove(e->s + e->cur + 1, e->s + e->cur, (e->len - e->cur + 1) * sizeof(*e->s));
	e->s[e->cur++] = c;
	e->len++;
	return true;
}

static int cols_between(const struct ui_edit *e, size_t from, size_t to)
{
	int c = 0;
	for (size_t i = from; i < to && i < e->len; i++)
		c += cw(e->s[i]);
	return c;
}

/* ---- the visual lines of a multi-line text wrapped at w-1 columns (the
 * last column is kept for the cursor) ---- */
struct vlines {
	size_t *start;
	size_t n;
};

static void vlines_build(const struct ui_edit *e, int w, struct vlines *v)
{
	v->n = 0;
	v->start = malloc((e->len + 2) * sizeof(*v->start));
	if (!v->start)
		return;
	int width = w > 2 ? w - 1 : 1, col = 0;
	size_t space = 0; /* after the last space of the line, 0: none */
	v->start[v->n++] = 0;
	for (size_t i = 0; i < e->len;) {
		size_t j = next_char(e, i);
		if (e->s[i] == L'\n') {
			v->start[v->n++] = j;
			col = 0;
			space = 0;
		} else {
			int c = cw(e->s[i]);
			if (col + c > width && col > 0) {
				/* at a space when the line has one, as the viewer wraps */
				size_t at = space > v->start[v->n - 1] ? space : i;
				v->start[v->n++] = at;
				col = cols_between(e, at, i);
				space = 0;
			}
			col += c;
			if (e->s[i] == L' ')
				space = j;
		}
		i = j;
	}
}

int ui_edit_lines(const struct ui_edit *e, int w)
{
	struct vlines v;
	vlines_build(e, w, &v);
	int n = v.start && v.n ? (int)v.n : 1;
	free(v.start);
	return n;
}

/* The visual line holding index i. */
static size_t vline_of(const struct vlines *v, size_t i)
{
	size_t r = 0;
	while (r + 1 < v->n && v->start[r + 1] <= i)
		r++;
	return r;
}


/* The index on visual line r closest to column col. */
static size_t index_at(const struct ui_edit *e, const struct vlines *v, size_t r, int col)
{
	size_t i = v->start[r], end = r + 1 < v->n ? v->start[r + 1] : e->len;
	int c = 0;
	while (i < end && e->s[i] != L'\n') {
		size_t j = next_char(e, i);
		int w = cols_between(e, i, j);
		/* the end of a wrapped line is the start of the next one */
		if (c + w > col || (j == end && r + 1 < v->n))
			break;
		c += w;
		i = j;
	}
	return i;
}

static enum ui_edit_result vertical(struct ui_edit *e, int dir, int w)
{
	struct vlines v;
	vlines_build(e, w, &v);
	if (!v.start)
		return UI_EDIT_UNHANDLED;
	size_t r = vline_of(&v, e->cur);
	enum ui_edit_result res = UI_EDIT_UNHANDLED;
	if ((dir < 0 && r > 0) || (dir > 0 && r + 1 < v.n)) {
		int col = cols_between(e, v.start[r], e->cur);
		e->cur = index_at(e, &v, dir < 0 ? r - 1 : r + 1, col);
		res = UI_EDIT_MOVED;
	}
	free(v.start);
	return res;
}

static size_t line_start(const struct ui_edit *e, size_t i)
{
	while (i > 0 && e->s[i - 1] != L'\n')
		i--;
	return i;
}

static size_t line_end(const struct ui_edit *e, size_t i)
{
	while (i < e->len && e->s[i] != L'\n')
		i++;
	return i;
}

bool ui_edit_enter(struct ui_edit *e, const char *s, bool multiline)
{
	if (!ui_edit_set(e, s, multiline))
		return false;
	e->selected = e->len > 0 && !multiline;
	return true;
}

/* A key on selected text: a character or an erase replaces the whole text
 * (the erase leaves it empty); anything else only ends the selection. */
static bool replaces_selection(int key)
{
	switch (key) {
	case UI_KEY_BASE + KEY_BACKSPACE:
	case UI_DEL:
	case UI_CTRL_H:
	case UI_KEY_BASE + KEY_DC:
	case UI_CTRL_D:
		return true;
	default:
		return !ui_is_fn(key) && key >= 0 && !is_control((uint32_t)key);
	}
}

enum ui_edit_result ui_edit_key(struct ui_edit *e, int key, int w, int h)
{
	(void)h;
	if (e->selected) {
		e->selected = false;
		if (replaces_selection(key)) {
			e->len = e->cur = e->off = 0;
			e->s[0] = L'\0';
			if (ui_is_fn(key) || is_control((uint32_t)key) || key == UI_DEL)
				return UI_EDIT_CHANGED; /* erased */
		}
	}
	switch (key) {
	case UI_KEY_BASE + KEY_LEFT:
		if (!e->cur)
			return UI_EDIT_MOVED;
		e->cur = prev_char(e, e->cur);
		return UI_EDIT_MOVED;
	case UI_KEY_BASE + KEY_RIGHT:
		e->cur = next_char(e, e->cur);
		return UI_EDIT_MOVED;
	case UI_KEY_BASE + KEY_HOME:
	case UI_CTRL_A:
		e->cur = line_start(e, e->cur);
		return UI_EDIT_MOVED;
	case UI_KEY_BASE + KEY_END:
	case UI_CTRL_E:
		e->cur = line_end(e, e->cur);
		return UI_EDIT_MOVED;
	case UI_KEY_BASE + KEY_UP:
	case UI_KEY_BASE + KEY_DOWN:
		if (!e->multiline)
			return UI_EDIT_UNHANDLED;
		return vertical(e, key == UI_KEY_BASE + KEY_UP ? -1 : 1, w);
	case UI_KEY_BASE + KEY_BACKSPACE:
	case UI_DEL:
	case UI_CTRL_H:
		if (!e->cur)
			return UI_EDIT_MOVED;
		delete_range(e, prev_char(e, e->cur), e->cur);
		return UI_EDIT_CHANGED;
	case UI_KEY_BASE + KEY_DC:
	case UI_CTRL_D:
		if (e->cur >= e->len)
			return UI_EDIT_MOVED;
		delete_range(e, e->cur, next_char(e, e->cur));
		return UI_EDIT_CHANGED;
	case UI_CTRL_K:
		delete_range(e, e->cur, line_end(e, e->cur));
		return UI_EDIT_CHANGED;
	case UI_CTRL_U:
		delete_range(e, line_start(e, e->cur), e->cur);
		return UI_EDIT_CHANGED;
	case UI_CTRL_W: {
		size_t i = e->cur;
		while (i > 0 && e->s[i - 1] == L' ')
			i--;
		while (i > 0 && e->s[i - 1] != L' ' && e->s[i - 1] != L'\n')
			i--;
		delete_range(e, i, e->cur);
		return UI_EDIT_CHANGED;
	}
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		if (!e->multiline)
			return UI_EDIT_UNHANDLED;
		return insert(e, L'\n') ? UI_EDIT_CHANGED : UI_EDIT_MOVED;
	default:
		break;
	}
	if (ui_is_fn(key) || key < 0 || is_control((uint32_t)key))
		return UI_EDIT_UNHANDLED;
	return insert(e, (wchar_t)key) ? UI_EDIT_CHANGED : UI_EDIT_MOVED;
}

/* Draws s[from, to) from the cursor position in at most w columns, then
 * spaces up to w; returns the columns of text drawn. */
static int draw_run(const struct ui_edit *e, size_t from, size_t to, int w)
{
	wchar_t buf[64];
	int nb = 0, col = 0;
	for (size_t i = from; i < to && i < e->len; i++) {
		wchar_t c = e->s[i];
		if (c == L'\n')
			break;
		int c_w = cw(c);
		if (col + c_w > w)
			break;
		if (wcwidth(c) < 0 || ui_bidi_control((uint32_t)c))
			c = L'?';
		if (nb == (int)(sizeof(buf) / sizeof(buf[0])) - 1) {
			addnwstr(buf, nb);
			nb = 0;
		}
		buf[nb++] = c;
		col += c_w;
	}
	if (nb)
		addnwstr(buf, nb);
	if (col < w)
		hline(' ', w - col);
	return col;
}

void ui_edit_draw(struct ui_edit *e, int y, int x, int w, int h, int *cy, int *cx)
{
	if (w < 2)
		w = 2;
	if (!e->multiline || h <= 1) {
		if (e->cur < e->off)
			e->off = e->cur;
		while (e->off < e->cur && cols_between(e, e->off, e->cur) > w - 1)
			e->off = next_char(e, e->off);
		/* when text was deleted, show as much as fits */
		while (e->off > 0 && cols_between(e, prev_char(e, e->off), e->len) <= w - 1)
			e->off = prev_char(e, e->off);
		move(y, x);
		if (e->selected) {
			/* only the text, not the rest of the field */
			attron(A_REVERSE);
			int n = draw_run(e, e->off, e->len, w);
			attroff(A_REVERSE);
			move(y, x + n);
			if (n < w)
				hline(' ', w - n);
		} else {
			draw_run(e, e->off, e->len, w);
		}
		*cy = y;
		*cx = x + cols_between(e, e->off, e->cur);
		return;
	}
	struct vlines v;
	vlines_build(e, w, &v);
	if (!v.start) {
		*cy = y;
		*cx = x;
		return;
	}
	size_t r = vline_of(&v, e->cur);
	if (r < e->vtop)
		e->vtop = r;
	if (r >= e->vtop + (size_t)h)
		e->vtop = r - (size_t)h + 1;
	if (e->vtop >= v.n)
		e->vtop = 0;
	for (int i = 0; i < h; i++) {
		size_t k = e->vtop + (size_t)i;
		move(y + i, x);
		if (k < v.n)
			draw_run(e, v.start[k], k + 1 < v.n ? v.start[k + 1] : e->len, w - 1);
		else
			hline(' ', w - 1);
	}
	*cy = y + (int)(r - e->vtop);
	*cx = x + cols_between(e, v.start[r], e->cur);
	free(v.start);
}
