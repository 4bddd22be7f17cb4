/* The rows of a repeat field (attendance entries...) as a table: one line a
 * row, one column a column of the repeat, sized by its type (a date whole,
 * a status whole, text sharing the rest); add a row, delete one (after a
 * question), open one to fill it (row.c). The answers stay in the form's
 * document; every change goes through the form screen (draft, validation). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "ui/ui.h"

static struct {
	struct ui_doc *doc;
	const struct pc_field *f;
	size_t sel, top;
} R;

static const struct ui_keyhelp keys[] = {
	{N_("Enter"), N_("Open the row"), true},
	{N_("+"), N_("Add a row"), true},
	{N_("-"), N_("Delete the row"), true},
	{N_("Esc"), N_("Back to the form"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Insert"), N_("Add a row (as +)"), false},
	{N_("Delete"), N_("Delete the row (as -)"), false},
	{N_("Up, Down, Page Up, Page Down"), N_("Choose a row"), false},
	{N_("F2, Ctrl-S"), N_("Save the form"), false},
	{NULL, NULL, false},
};

static struct pc_json *rows(void)
{
	struct pc_json *r = pc_json_object_get(R.doc->raw, R.f->name);
	return r && r->kind == PC_JSON_ARRAY ? r : NULL;
}

static size_t nrows(void)
{
	struct pc_json *r = rows();
	return r ? r->len : 0;
}

static const struct pc_json *clean_row(size_t i)
{
	const struct pc_json *r = pc_json_object_get(R.doc->clean, R.f->name);
	return r && r->kind == PC_JSON_ARRAY && i < r->len ? r->items[i] : NULL;
}

enum { COL_MAX = 32, SHORT_CHOICE = 16, FLEX_MIN = 6 };

/* The width a column's values need whole, or 0 when it takes what is left
 * (free text, several choices, choices with long labels): a date is 10
 * wide, a short choice (a status) as wide as its longest label, so that
 * neither is ever cut. One column of space follows each. */
static int natural_width(const struct pc_field *col)
{
	int w = 0;
	switch (col->type) {
	case PC_TYPE_DATE:
		w = 10;
		break;
	case PC_TYPE_INTEGER:
	case PC_TYPE_DECIMAL:
	case PC_TYPE_HOURS:
		w = 7;
		break;
	case PC_TYPE_BOOLEAN:
		w = ui_text_width(ui_yes()) > ui_text_width(ui_no()) ? ui_text_width(ui_yes())
								      : ui_text_width(ui_no());
		break;
	case PC_TYPE_CHOICE:
		for (size_t i = 0; col->choices && i < col->choices->len; i++) {
			int lw = ui_text_width(pc_text_get(&col->choices->items[i].label));
			if (lw > w)
				w = lw;
		}
		if (w > SHORT_CHOICE)
			return 0;
		break;
	default:
		return 0;
	}
	int hw = ui_text_width(pc_text_get(&col->label));
	/* a header a little wider than the values is cut rather than the rest */
	if (hw > w && hw <= w + 3)
		w = hw;
	return w + 1;
}

/* The widths of the shown columns (at most COL_MAX), from column 6 to the
 * edge: natural widths first, the rest shared by the other columns; equal
 * shares when the natural ones alone do not fit. Returns the count. */
static size_t col_widths(int *w)
{
	size_t n = 0, flex = 0;
	int avail = COLS - 7, fixed = 0;
	for (size_t k = 0; k < R.f->nfields && n < COL_MAX; k++) {
		if (R.f->fields[k].type == PC_TYPE_NOTE)
			continue;
		w[n] = natural_width(&R.f->fields[k]);
		fixed += w[n];
		flex += !w[n];
		n++;
	}
	if (!n)
		return 0;
	int left = avail - fixed;
	if (left < (int)flex * FLEX_MIN) {
		for (size_t k = 0; k < n; k++)
			w[k] = avail / (int)n < FLEX_MIN ? FLEX_MIN : avail / (int)n;
		return n;
	}
	int share = flex ? left / (int)flex : 0, extra = flex ? left % (int)flex : 0;
	for (size_t k = 0; k < n; k++)
		if (!w[k]) {
			w[k] = share + (extra > 0);
			extra--;
		}
	return n;
}

/* Whether a problem is about row i (0-based) of this repeat. */
static bool row_has_problem(size_t i, bool *warn_only)
{
	char prefix[160];
	snprintf(prefix, sizeof(prefix), "%s.%zu.", R.f->name, i + 1);
	bool any = false, error = false;
	for (size_t k = 0; k < R.doc->live.len; k++)
		if (!strncmp(R.doc->live.items[k].where, prefix, strlen(prefix))) {
			any = true;
			error |= !R.doc->live.items[k].warning;
		}
	*warn_only = any && !error;
	return any;
}

static char *cell(size_t i, const struct pc_field *col)
{
	if (col->calculate) {
		const struct pc_json *v = pc_json_object_get(clean_row(i), col->name);
		return v ? pc_value_display(col, v) : strdup("");
	}
	struct pc_json *r = rows();
	return ui_doc_show(col, r && i < r->len ? ui_doc_text(r->items[i], col->name) : NULL);
}

static int visible_rows(void)
{
	return LINES - 6;
}

static void draw_row(size_t i, int y)
{
	move(y, 0);
	clrtoeol();
	if (i >= nrows())
		return;
	bool warn_only;
	if (row_has_problem(i, &warn_only))
		mvaddstr(y, 0, warn_only ? "~" : "!");
	attrset(i == R.sel ? ui_attr(UI_A_SELECT) : A_NORMAL);
	char num[32];
	snprintf(num, sizeof(num), "%4zu ", i + 1);
	mvaddstr(y, 1, num);
	int x = 6, w[COL_MAX];
	size_t n = col_widths(w), c = 0;
	for (size_t k = 0; k < R.f->nfields && c < n; k++) {
		const struct pc_field *col = &R.f->fields[k];
		if (col->type == PC_TYPE_NOTE)
			continue;
		char *t = cell(i, col);
		move(y, x);
		if (i == R.sel)
			hline(' ', w[c]);
		ui_put(y, x, w[c] - 1, t ? t : "", true);
		free(t);
		x += w[c++];
	}
	attrset(A_NORMAL);
}

/* The problems of the selected row, on the message line. */
static void row_problems(void)
{
	char prefix[160];
	snprintf(prefix, sizeof(prefix), "%s.%zu.", R.f->name, R.sel + 1);
	for (size_t k = 0; k < R.doc->live.len; k++) {
		const struct pc_problem *p = &R.doc->live.items[k];
		if (strncmp(p->where, prefix, strlen(prefix)))
			continue;
		const struct pc_field *col = pc_field_child(R.f, p->where + strlen(prefix));
		const char *l = col ? pc_text_get(&col->label) : p->where;
		ui_message(!p->warning, "%s: %s", l, p->message);
		return;
	}
}

static void repeat_draw(void)
{
	char left[300];
	snprintf(left, sizeof(left), "%s > %s", pc_text_get(&R.doc->form->title),
		 pc_text_get(&R.f->label));
	ui_title(left, R.doc->who.file_no ? R.doc->who.file_no : "");
	attrset(ui_attr(UI_A_HEAD));
	mvaddstr(2, 1, "   #");
	int x = 6, w[COL_MAX];
	size_t n = col_widths(w), c = 0;
	for (size_t k = 0; k < R.f->nfields && c < n; k++) {
		const struct pc_field *col = &R.f->fields[k];
		if (col->type == PC_TYPE_NOTE)
			continue;
		ui_put(2, x, w[c] - 1, pc_text_get(&col->label), true);
		x += w[c++];
	}
	attrset(A_NORMAL);
	int h = visible_rows();
	if (R.sel < R.top)
		R.top = R.sel;
	if (R.sel >= R.top + (size_t)h)
		R.top = R.sel - (size_t)h + 1;
	if (!nrows())
		ui_put(3, 6, COLS - 7, _("No rows yet: + adds one."), true);
	else
		for (int i = 0; i < h; i++)
			draw_row(R.top + (size_t)i, 3 + i);
	ui_message_draw();
	ui_status(keys);
}

static void repeat_cursor(void)
{
	move(nrows() ? 3 + (int)(R.sel - R.top) : 3, 1);
}

static void add_row(void)
{
	struct pc_json *r = rows();
	if (!r) {
		struct pc_json *a = pc_json_new(PC_JSON_ARRAY);
		if (!a || !pc_json_object_set(R.doc->raw, R.f->name, a)) {
			ui_message(true, "%s", _("out of memory"));
			return;
		}
		r = rows();
	}
	struct pc_json *row = pc_json_new(PC_JSON_OBJECT);
	if (!r || !row || !pc_json_array_push(r, row)) {
		ui_message(true, "%s", _("out of memory"));
		return;
	}
	R.sel = r->len - 1;
	ui_form_changed();
	ui_row_open(R.doc, R.f, R.sel);
}

static void delete_row(void)
{
	struct pc_json *r = rows();
	if (!r || R.sel >= r->len)
		return;
	char q[120];
	snprintf(q, sizeof(q), _("Delete row %zu? (y/n)"), R.sel + 1);
	int a = ui_ask(q, "oyn");
	if (a != 'o' && a != 'y')
		return;
	pc_json_free(&r->items[R.sel]);
	memmove(r->items + R.sel, r->items + R.sel + 1, (r->len - R.sel - 1) * sizeof(*r->items));
	r->len--;
	if (!r->len)
		pc_json_object_remove(R.doc->raw, R.f->name);
	if (R.sel > 0 && R.sel >= nrows())
		R.sel--;
	ui_form_changed();
	ui_message(false, "%s", _("Row deleted."));
}

static enum ui_result repeat_key(int key)
{
	size_t n = nrows();
	size_t old = R.sel;
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
	case UI_KEY_BASE + KEY_BTAB:
		if (R.sel > 0)
			R.sel--;
		break;
	case UI_KEY_BASE + KEY_DOWN:
	case '\t':
		if (R.sel + 1 < n)
			R.sel++;
		break;
	case UI_KEY_BASE + KEY_PPAGE:
		R.sel = R.sel > (size_t)visible_rows() ? R.sel - (size_t)visible_rows() : 0;
		break;
	case UI_KEY_BASE + KEY_NPAGE:
		R.sel += (size_t)visible_rows();
		if (R.sel >= n)
			R.sel = n ? n - 1 : 0;
		break;
	case UI_KEY_BASE + KEY_HOME:
		R.sel = 0;
		break;
	case UI_KEY_BASE + KEY_END:
		R.sel = n ? n - 1 : 0;
		break;
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		if (n)
			ui_row_open(R.doc, R.f, R.sel);
		return UI_DONE;
	case '+':
	case UI_KEY_BASE + KEY_IC:
		add_row();
		return UI_REDRAW;
	case '-':
	case UI_KEY_BASE + KEY_DC:
		delete_row();
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_F(2):
	case UI_CTRL_S:
		ui_pop();
		ui_form_save();
		return UI_DONE;
	default:
		return UI_UNHANDLED;
	}
	if (R.sel != old) {
		size_t top = R.top;
		if (R.sel < R.top || R.sel >= R.top + (size_t)visible_rows())
			return UI_REDRAW;
		draw_row(old, 3 + (int)(old - top));
		draw_row(R.sel, 3 + (int)(R.sel - top));
		row_problems();
	}
	return UI_DONE;
}

static void repeat_close(void)
{
	memset(&R, 0, sizeof(R));
}

bool ui_repeat_open(struct ui_doc *doc, const struct pc_field *f, bool add)
{
	R.doc = doc;
	R.f = f;
	R.sel = R.top = 0;
	if (!ui_push(&ui_repeat_screen))
		return false;
	if (add)
		add_row();
	return true;
}

const struct ui_screen ui_repeat_screen = {
	.name = "repeat",
	.draw = repeat_draw,
	.key = repeat_key,
	.close = repeat_close,
	.cursor = repeat_cursor,
	.keys = keys,
};
