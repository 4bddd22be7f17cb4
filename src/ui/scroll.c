/* The list scroller every list of the console shares: a selection and a
 * first row shown among `total` rows, moved by the cursor keys and their
 * Ctrl twins, the "12-30 of 5,214" count and the more-above/more-below
 * marks. It knows rows by index only: what a row is, and keeping the same
 * row across a refresh (by id), belongs to the list that uses it. */
#include <stdio.h>
#include <string.h>
#include "parcours/i18n.h"
#include "ui/ui.h"

/* Ctrl-B and Ctrl-F page as in less and vi (terminals without PgUp/PgDn). */
enum { CTRL_B = 2, CTRL_F = 6 };

void ui_scroll_fit(struct ui_scroll *s)
{
	if (s->page < 1)
		s->page = 1;
	if (s->total == 0) {
		s->sel = s->top = 0;
		return;
	}
	if (s->sel >= s->total)
		s->sel = s->total - 1;
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + s->page)
		s->top = s->sel - s->page + 1;
	/* no blank rows at the bottom while rows above are hidden */
	if (s->top + s->page > s->total)
		s->top = s->total > s->page ? s->total - s->page : 0;
}

int ui_scroll_alias(int key, bool letters)
{
	switch (key) {
	case CTRL_B:
		return UI_KEY_BASE + KEY_PPAGE;
	case CTRL_F:
		return UI_KEY_BASE + KEY_NPAGE;
	case UI_CTRL_A:
		return UI_KEY_BASE + KEY_HOME;
	case UI_CTRL_E:
		return UI_KEY_BASE + KEY_END;
	case 'k':
		return letters ? UI_KEY_BASE + KEY_UP : key;
	case 'j':
		return letters ? UI_KEY_BASE + KEY_DOWN : key;
	default:
		return key;
	}
}

bool ui_scroll_key(struct ui_scroll *s, int key, bool letters)
{
	size_t last = s->total ? s->total - 1 : 0;
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
		if (s->sel > 0)
			s->sel--;
		break;
	case UI_KEY_BASE + KEY_DOWN:
		if (s->sel < last)
			s->sel++;
		break;
	case UI_KEY_BASE + KEY_PPAGE:
	case CTRL_B:
		s->sel = s->sel > s->page ? s->sel - s->page : 0;
		s->top = s->top > s->page ? s->top - s->page : 0;
		break;
	case UI_KEY_BASE + KEY_NPAGE:
	case CTRL_F:
		s->sel = s->sel + s->page < last ? s->sel + s->page : last;
		s->top += s->page;
		break;
	case UI_KEY_BASE + KEY_HOME:
	case UI_CTRL_A:
		s->sel = 0;
		break;
	case UI_KEY_BASE + KEY_END:
	case UI_CTRL_E:
		s->sel = last;
		break;
	case 'k':
		if (!letters)
			return false;
		if (s->sel > 0)
			s->sel--;
		break;
	case 'j':
		if (!letters)
			return false;
		if (s->sel < last)
			s->sel++;
		break;
	default:
		return false;
	}
	ui_scroll_fit(s);
	return true;
}

void ui_thousands(unsigned long long n, char *out, size_t size)
{
	/* French: a narrow no-break space (U+202F); English: a comma */
	const char *sep = pc_i18n_lang() == PC_LANG_FR ? "\xe2\x80\xaf" : ",";
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%llu", n);
	size_t o = 0, seplen = strlen(sep);
	for (int i = 0; i < len && o + seplen + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0) {
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		out[o++] = digits[i];
	}
	if (size)
		out[o < size ? o : size - 1] = '\0';
}

void ui_scroll_count(const struct ui_scroll *s, bool more, char *out, size_t size)
{
	if (s->total == 0) {
		if (size)
			out[0] = '\0';
		return;
	}
	char a[40], b[40], c[48];
	size_t end = s->top + s->page < s->total ? s->top + s->page : s->total;
	ui_thousands(s->top + 1, a, sizeof(a));
	ui_thousands(end, b, sizeof(b));
	ui_thousands(s->total, c, sizeof(c));
	if (more)
		strncat(c, "+", sizeof(c) - strlen(c) - 1);
	/* TRANSLATORS: rows shown of a list: "12-30 of 5,214" */
	snprintf(out, size, _("%s-%s of %s"), a, b, c);
}

void ui_scroll_marks(const struct ui_scroll *s, int y, int x)
{
	if (s->top > 0)
		mvadd_wch(y, x, WACS_UARROW);
	if (s->top + s->page < s->total)
		mvadd_wch(y + (int)s->page - 1, x, WACS_DARROW);
}
