/* A small framed list over the screen to pick one choice (Enter) or to
 * toggle several (Space, then Enter). Retired choices are offered only when
 * they are already the answer. It returns answer text as value.h parses
 * it ("a" or "a,b"); it neither validates nor stores. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "ui/ui.h"

enum { PICK_MAX_LINES = 12 };

/* Whether `value` is one of the comma-separated values of `text`. */
static bool has_value(const char *text, const char *value)
{
	size_t n = strlen(value);
	for (const char *p = text; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len == n && !memcmp(p, value, n))
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

bool ui_pick_open(struct ui_pick *p, const struct pc_choice_list *list, const char *current,
		  bool multi)
{
	memset(p, 0, sizeof(*p));
	if (!list)
		return false;
	p->index = calloc(list->len + 1, sizeof(*p->index));
	p->on = calloc(list->len + 1, sizeof(*p->on));
	if (!p->index || !p->on) {
		ui_pick_close(p);
		return false;
	}
	p->list = list;
	p->multi = multi;
	for (size_t i = 0; i < list->len; i++) {
		const struct pc_choice *c = &list->items[i];
		bool chosen = multi ? has_value(current, c->value)
				    : current && !strcmp(current, c->value);
		if (c->retired && !chosen)
			continue;
		if (chosen && !multi)
			p->cur = p->n;
		p->on[p->n] = chosen;
		p->index[p->n++] = i;
	}
	p->open = true;
	return true;
}

void ui_pick_close(struct ui_pick *p)
{
	free(p->index);
	free(p->on);
	memset(p, 0, sizeof(*p));
}

static const char *label(const struct ui_pick *p, size_t k)
{
	const struct pc_choice *c = &p->list->items[p->index[k]];
	const char *l = pc_text_get(&c->label);
	return *l ? l : c->value;
}

void ui_pick_draw(struct ui_pick *p, int y, int x)
{
	int w = 0;
	for (size_t k = 0; k < p->n; k++) {
		int lw = ui_text_width(label(p, k));
		if (lw > w)
			w = lw;
	}
	w += p->multi ? 6 : 2;
	if (w > COLS - 4)
		w = COLS - 4;
	int rows = (int)p->n < PICK_MAX_LINES ? (int)p->n : PICK_MAX_LINES;
	if (rows > LINES - 6)
		rows = LINES - 6;
	if (rows < 1)
		rows = 1;
	if (x + w + 2 > COLS)
		x = COLS - w - 2;
	if (y + rows + 2 > LINES - 2)
		y = LINES - 2 - rows - 2;
	if (y < 1)
		y = 1;
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + (size_t)rows)
		p->top = p->cur - (size_t)rows + 1;
	/* the wide-character line drawing is plain Unicode in a UTF-8 locale,
	 * so vt100 and the linux console show it without charset switching */
	mvadd_wch(y, x, WACS_ULCORNER);
	hline_set(WACS_HLINE, w);
	mvadd_wch(y, x + w + 1, WACS_URCORNER);
	for (int i = 0; i < rows; i++) {
		size_t k = p->top + (size_t)i;
		mvadd_wch(y + 1 + i, x, WACS_VLINE);
		move(y + 1 + i, x + 1);
		hline(' ', w);
		if (k < p->n) {
			attrset(k == p->cur ? ui_attr(UI_A_SELECT) : A_NORMAL);
			move(y + 1 + i, x + 1);
			hline(' ', w);
			int cx = x + 2;
			if (p->multi) {
				ui_put(y + 1 + i, cx, 3, p->on[k] ? "[x]" : "[ ]", false);
				cx += 4;
			}
			ui_put(y + 1 + i, cx, w - (cx - x - 1) - 1, label(p, k), true);
			attrset(A_NORMAL);
		}
		mvadd_wch(y + 1 + i, x + w + 1, WACS_VLINE);
	}
	mvadd_wch(y + rows + 1, x, WACS_LLCORNER);
	hline_set(WACS_HLINE, w);
	mvadd_wch(y + rows + 1, x + w + 1, WACS_LRCORNER);
	/* choices hidden above or below: arrows on the frame, as in every list */
	struct ui_scroll s = {.sel = p->cur, .top = p->top, .total = p->n, .page = (size_t)rows};
	ui_scroll_marks(&s, y + 1, x + w + 1);
	move(y + 1 + (int)(p->cur - p->top), x + 1);
}

/* The answer text for the toggled items, in list order. */
static char *multi_value(const struct ui_pick *p)
{
	struct pc_buf b = {0};
	for (size_t k = 0; k < p->n; k++) {
		if (!p->on[k])
			continue;
		if (b.len)
			pc_buf_putc(&b, ',');
		pc_buf_puts(&b, p->list->items[p->index[k]].value);
	}
	return pc_buf_take(&b);
}

/* Enter (or Space on a single choice): the answer text. */
static int chosen(const struct ui_pick *p, char **value)
{
	if (p->multi)
		*value = multi_value(p);
	else
		*value = strdup(p->n ? p->list->items[p->index[p->cur]].value : "");
	return *value ? 1 : -1;
}

int ui_pick_key(struct ui_pick *p, int key, char **value)
{
	*value = NULL;
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
	case UI_CTRL_P:
		if (p->cur > 0)
			p->cur--;
		return 0;
	case UI_KEY_BASE + KEY_DOWN:
	case UI_CTRL_N:
		if (p->cur + 1 < p->n)
			p->cur++;
		return 0;
	case UI_KEY_BASE + KEY_HOME:
	case UI_KEY_BASE + KEY_END:
	case UI_KEY_BASE + KEY_PPAGE:
	case UI_KEY_BASE + KEY_NPAGE: {
		struct ui_scroll s = {.sel = p->cur, .top = p->top, .total = p->n,
				      .page = PICK_MAX_LINES};
		ui_scroll_key(&s, key, false);
		p->cur = s.sel;
		return 0;
	}
	case UI_ESC:
		return -1;
	case ' ':
		if (p->multi) {
			if (p->n)
				p->on[p->cur] = !p->on[p->cur];
			return 0;
		}
		return chosen(p, value);
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		return chosen(p, value);
	case UI_KEY_BASE + KEY_DC:
	case UI_KEY_BASE + KEY_BACKSPACE:
	case UI_DEL:
		/* no answer */
		*value = strdup("");
		return *value ? 1 : -1;
	default:
		break;
	}
	/* a letter jumps to the next label starting with it */
	if (!ui_is_fn(key) && key > ' ') {
		wchar_t want = (wchar_t)towlower((wint_t)key);
		for (size_t i = 1; i <= p->n; i++) {
			size_t k = (p->cur + i) % p->n;
			wchar_t first = 0;
			if (mbtowc(&first, label(p, k), strlen(label(p, k))) > 0 &&
			    (wchar_t)towlower((wint_t)first) == want) {
				p->cur = k;
				break;
			}
		}
	}
	return 0;
}
