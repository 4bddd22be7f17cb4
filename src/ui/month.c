/* The participation month screen: a person's month as a grid of days and
 * activity categories to fill quickly, the totals against the month's
 * target, the extra costs and the last twelve months as bars. Keys, the
 * draft kept each time a changed cell is left, saving (with the reason a
 * closed month needs) and moving to another month. The grid itself is
 * month_grid.c, the drawing month_draw.c; the core decides what hours are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "ui/month.h"

static struct month_view V;

static const struct ui_keyhelp keys[] = {
    {N_("F2"), N_("Save"), true},
    {N_("PgUp, PgDn"), N_("Month"), true},
    {N_("Arrows"), N_("Cell"), true},
    {N_("Esc"), N_("Back"), true},
    {N_("F1"), N_("Help"), true},
    {N_("Ctrl-S"), N_("Save (as F2)"), false},
    {N_("<, >"), N_("Previous or next month"), false},
    {N_("Tab, Shift-Tab"), N_("Next or previous cell"), false},
    {N_("Home, End"), N_("First or last day"), false},
    {N_("0-9 , . :"), N_("Hours of the cell: 3, 3,5, 3.5 or 3:30"), false},
    {N_("Enter"), N_("Change the cell's hours; after typing, the day below"), false},
    {N_("Delete, Backspace"), N_("Clear the cell"), false},
    {N_("Esc (typing)"), N_("Put the cell back as it was"), false},
    {N_("f, F3"), N_("The full form: notes, several rows a day (a cell marked +)"), false},
    {N_("Ctrl-L"), N_("Draw the screen again"), false},
    {NULL, NULL, false},
};

static struct month_grid *G(void)
{
	return &V.g;
}

static int nrows(void)
{
	return G()->ndays + (int)G()->ncosts;
}

static int edit_width(void)
{
	return V.row < G()->ndays ? MONTH_CELL_W - 1 : MONTH_COST_W - 1;
}

/* The text of the focused slot (a cell, or a cost). */
static const char *slot_text(void)
{
	if (V.row < G()->ndays)
		return G()->cells[V.row][V.col].text;
	return ui_doc_text(G()->doc.raw, G()->costs[V.row - G()->ndays]->name);
}

static void first_problem_message(const struct pc_problems *pr)
{
	for (size_t i = 0; i < pr->len; i++)
		if (!pr->items[i].warning) {
			ui_message(true, "%s", pr->items[i].message);
			return;
		}
}

/* After a change: the answers validated again, the draft kept (or dropped
 * when the month is back as saved), as the form screen does. */
static void changed(void)
{
	struct pc_problems pr = {0};
	if (!month_grid_sync(G()))
		ui_message(true, "%s", _("out of memory"));
	enum pc_status st =
	    ui_doc_dirty(&G()->doc) ? ui_doc_keep(&G()->doc, &pr) : ui_doc_discard(&G()->doc, &pr);
	if (st != PC_OK) {
		first_problem_message(&pr);
		if (!pr.len)
			ui_message(true, "%s", _("the draft could not be kept"));
	}
	pc_problems_clear(&pr);
}

/* Ends typing in the focused slot; true when its value changed (then the
 * month was validated again and the draft kept). */
static bool commit(void)
{
	if (!V.editing)
		return false;
	char *text = ui_edit_text(&V.edit);
	V.editing = false;
	ui_edit_free(&V.edit);
	if (!text) {
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	bool ch;
	if (V.row < G()->ndays)
		ch = month_grid_set(G(), V.row, V.col, text);
	else
		ch = ui_doc_set_text(G()->doc.raw, G()->costs[V.row - G()->ndays]->name, text);
	free(text);
	if (!ch)
		return false;
	changed();
	const char *problem = V.row < G()->ndays ? G()->cells[V.row][V.col].problem
	                                         : G()->cost_problem[V.row - G()->ndays];
	if (problem)
		ui_message(true, "%s", problem);
	return true;
}

static bool ensure_visible(void)
{
	int vis = month_visible_days(), top = V.top;
	if (V.row < G()->ndays) {
		if (V.row < V.top)
			V.top = V.row;
		if (V.row >= V.top + vis)
			V.top = V.row - vis + 1;
	}
	if (V.top > G()->ndays - vis)
		V.top = G()->ndays - vis > 0 ? G()->ndays - vis : 0;
	return top != V.top;
}

/* Moves the focus; only the two slots and the hint line are drawn again
 * unless the grid scrolled or a change was made. */
static enum ui_result move_to(int row, size_t col, bool was_changed)
{
	int orow = V.row;
	size_t ocol = V.col;
	if (row < 0)
		row = 0;
	if (row >= nrows())
		row = nrows() - 1;
	if (row < G()->ndays && col >= G()->ncats)
		col = G()->ncats - 1;
	V.row = row;
	if (row < G()->ndays)
		V.col = col;
	if (ensure_visible() || was_changed)
		return UI_REDRAW;
	month_draw_slot(&V, orow, ocol);
	month_draw_slot(&V, V.row, V.col);
	month_draw_hint(&V);
	return UI_DONE;
}

static enum ui_result move_by_key(int key, bool was_changed)
{
	int row = V.row, nd = G()->ndays;
	size_t col = V.col, nc = G()->ncats;
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
		row--;
		break;
	case UI_KEY_BASE + KEY_DOWN:
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		row++;
		break;
	case UI_KEY_BASE + KEY_LEFT:
		if (row < nd && col > 0)
			col--;
		break;
	case UI_KEY_BASE + KEY_RIGHT:
		if (row < nd && col + 1 < nc)
			col++;
		break;
	case '\t':
		if (row < nd && col + 1 < nc) {
			col++;
		} else {
			row = (row + 1) % nrows();
			col = 0;
		}
		break;
	case UI_KEY_BASE + KEY_BTAB:
		if (row < nd && col > 0) {
			col--;
		} else {
			row = (row + nrows() - 1) % nrows();
			col = nc - 1;
		}
		break;
	case UI_KEY_BASE + KEY_HOME:
		row = 0;
		break;
	case UI_KEY_BASE + KEY_END:
		row = nd - 1;
		break;
	default:
		return was_changed ? UI_REDRAW : UI_DONE;
	}
	return move_to(row, col, was_changed);
}

static bool is_move_key(int key)
{
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
	case UI_KEY_BASE + KEY_DOWN:
	case UI_KEY_BASE + KEY_LEFT:
	case UI_KEY_BASE + KEY_RIGHT:
	case UI_KEY_BASE + KEY_BTAB:
	case UI_KEY_BASE + KEY_HOME:
	case UI_KEY_BASE + KEY_END:
	case UI_KEY_BASE + KEY_ENTER:
	case '\t':
	case '\r':
	case '\n':
		return true;
	default:
		return false;
	}
}

static bool start_editing(const char *text)
{
	V.editing = ui_edit_set(&V.edit, text ? text : "", false);
	if (!V.editing)
		ui_message(true, "%s", _("out of memory"));
	return V.editing;
}

/* Offers this login's draft of the month, if it differs from what is saved. */
static void offer_draft(void)
{
	struct pc_json *draft = NULL;
	long long base = -1;
	if (ui_doc_ask_draft(&G()->doc, &draft, &base)) {
		if (!month_grid_use(G(), draft, base))
			ui_message(true, "%s", _("out of memory"));
		else
			ui_message(false, "%s", _("Draft resumed."));
		ui_redraw();
	}
}

/* Opens the grid of `period` and puts the focus on the first day (or the
 * day of the same number). */
static bool open_period(const char *file_no, const char *period, int row, size_t col)
{
	struct pc_problems pr = {0};
	enum pc_status st = month_grid_open(G(), file_no, period, &pr);
	if (st != PC_OK) {
		first_problem_message(&pr);
		pc_problems_clear(&pr);
		return false;
	}
	pc_problems_clear(&pr);
	V.open = true;
	V.row = row < G()->ndays ? row : G()->ndays - 1;
	V.col = col < G()->ncats ? col : 0;
	V.top = 0;
	ensure_visible();
	return true;
}

/* Asks a line of text on the message line; NULL when cancelled (Esc) or
 * on hangup, else malloc'ed. */
static char *ask_text(const char *question)
{
	struct ui_edit e = {0};
	char *out = NULL;
	if (!ui_edit_set(&e, "", false))
		return NULL;
	for (;;) {
		int key, w = 0, y = LINES - 2;
		ui_paint();
		if (!ui_small()) {
			move(y, 0);
			clrtoeol();
			attrset(A_BOLD);
			/* the question whole when it can be, and room to type */
			w = ui_put(y, 0, COLS - 16, question, true) + 1;
			attrset(A_NORMAL);
			int cy, cx;
			ui_edit_draw(&e, y, w, COLS - w - 1, 1, &cy, &cx);
			move(cy, cx);
		}
		if (!ui_getkey(&key))
			break;
		if (key == UI_KEY_BASE + KEY_RESIZE || ui_small())
			continue;
		if (key == UI_ESC || key == UI_CTRL_C)
			break;
		if (key == '\r' || key == '\n' || key == UI_KEY_BASE + KEY_ENTER) {
			out = ui_edit_text(&e);
			break;
		}
		ui_edit_key(&e, key, COLS - w - 1, 1);
	}
	ui_edit_free(&e);
	ui_message(false, "%s", "");
	ui_redraw();
	return out;
}

/* The only error of `pr`, when there is exactly one. */
static const struct pc_problem *only_error(const struct pc_problems *pr)
{
	const struct pc_problem *one = NULL;
	for (size_t i = 0; i < pr->len; i++) {
		if (pr->items[i].warning)
			continue;
		if (one)
			return NULL;
		one = &pr->items[i];
	}
	return one;
}

/* What the person has to fix: refused cells and costs (a cell may have
 * several problems, e.g. not hours, hence no answer), or what is left. */
static size_t slots_to_fix(void)
{
	const struct month_grid *g = G();
	size_t n = g->general ? 1 : 0;
	for (int d = 0; d < g->ndays; d++)
		for (size_t c = 0; c < g->ncats; c++)
			n += g->cells[d][c].problem != NULL;
	for (size_t k = 0; k < g->ncosts; k++)
		n += g->cost_problem[k] != NULL;
	return n ? n : pc_problems_errors(&g->doc.live);
}

static void focus_first_problem(void)
{
	struct month_grid *g = G();
	for (int d = 0; d < g->ndays; d++)
		for (size_t c = 0; c < g->ncats; c++)
			if (g->cells[d][c].problem) {
				V.row = d;
				V.col = c;
				ensure_visible();
				return;
			}
	for (size_t k = 0; k < g->ncosts; k++)
		if (g->cost_problem[k]) {
			V.row = g->ndays + (int)k;
			return;
		}
}

static void saved(long long rev)
{
	struct month_grid *g = G();
	struct pc_json *s = pc_json_clone(g->doc.raw);
	if (s) {
		pc_json_free(&g->doc.saved);
		g->doc.saved = s;
	}
	g->doc.base = rev;
	g->doc.tried_save = false;
	/* the stored figures changed: the bars of the other months did not */
	struct pc_problems pr = {0};
	pc_participant_month(ui_ctx, &g->doc.who, g->doc.period, &g->prog, &g->stored, &pr);
	pc_problems_clear(&pr);
	month_grid_sync(g);
	ui_message(false, _("Saved (revision %lld)."), rev);
}

static void save(void)
{
	struct month_grid *g = G();
	commit();
	char *reason = NULL;
	for (int attempt = 0; attempt < 3; attempt++) {
		struct pc_problems pr = {0};
		long long rev = 0;
		enum pc_status st = pc_submission_save_reason(
		    ui_ctx, g->doc.form->id, g->doc.who.file_no, g->doc.period, g->doc.raw,
		    g->doc.base, reason, &rev, &pr);
		if (st == PC_OK) {
			pc_problems_clear(&pr);
			saved(rev);
			break;
		}
		const struct pc_problem *one = only_error(&pr);
		if (st == PC_REFUSED && one && !strcmp(one->where, "period") && !reason) {
			/* a month a supervisor closed: the change needs a reason */
			char q[300];
			snprintf(q, sizeof(q), _("The month %s is closed. Reason for the change:"),
			         g->doc.period);
			pc_problems_clear(&pr);
			reason = ask_text(q);
			if (!reason || !reason[strspn(reason, " \t")]) {
				ui_message(true, "%s",
				           _("Not saved: a closed month needs a reason."));
				break;
			}
			continue;
		}
		if (st == PC_REFUSED && one && !strcmp(one->where, g->doc.form->id) &&
		    g->doc.base >= 0) {
			/* saved by someone else since: say so and let the person decide */
			char q[600];
			snprintf(q, sizeof(q), _("Not saved: %s. Save over it anyway? (y/n)"),
			         one->message);
			pc_problems_clear(&pr);
			int a = ui_ask(q, "oyn");
			if (a != 'o' && a != 'y')
				break;
			g->doc.base = -1;
			continue;
		}
		if (st == PC_REFUSED) {
			g->doc.tried_save = true;
			month_grid_sync(g);
			size_t n = slots_to_fix();
			focus_first_problem();
			if (n == 1)
				ui_message(true, "%s", _("Not saved: one answer to fix."));
			else
				ui_message(true, _("Not saved: %zu answers to fix."), n);
		} else {
			first_problem_message(&pr);
		}
		pc_problems_clear(&pr);
		break;
	}
	free(reason);
	ui_redraw();
}

/* Leaving the month (Esc, another month) with changes asks first; the draft
 * stays unless discarded. False when the person stays. */
static bool may_leave(const char *question)
{
	commit();
	if (!ui_doc_dirty(&G()->doc))
		return true;
	int a = ui_ask(question, "oyednr");
	if (a == 'o' || a == 'y') {
		ui_message(false, "%s", _("Draft kept."));
		return true;
	}
	if (a == 'e' || a == 'd') {
		struct pc_problems pr = {0};
		ui_doc_discard(&G()->doc, &pr);
		pc_problems_clear(&pr);
		ui_message(false, "%s", _("Draft discarded."));
		return true;
	}
	ui_redraw();
	return false;
}

static void change_month(int by)
{
	if (!may_leave(_("Not saved. y: change month (draft kept), d: discard the draft, n: stay")))
		return;
	char *file_no = strdup(G()->doc.who.file_no ? G()->doc.who.file_no : "");
	char period[8], old[8];
	memcpy(old, G()->doc.period, sizeof(old));
	memcpy(period, old, sizeof(period));
	month_shift(period, by);
	int row = V.row < G()->ndays ? V.row : 0;
	size_t col = V.col;
	month_grid_close(G());
	V.open = false;
	ui_redraw();
	if (!file_no ||
	    (!open_period(file_no, period, row, col) && !open_period(file_no, old, row, col))) {
		free(file_no);
		ui_pop();
		return;
	}
	free(file_no);
	offer_draft();
}

static void leave(void)
{
	if (may_leave(_("Not saved. y: leave (draft kept), d: discard the draft, n: stay")))
		ui_pop();
}

/* A cell summing several rows is changed in the full form only: typing
 * over it would merge them and drop their notes. */
static bool several_rows(void)
{
	if (V.row >= G()->ndays || G()->cells[V.row][V.col].rows < 2)
		return false;
	ui_message(true, _("%d rows this day for this activity: change them in the full form (f)."),
	           G()->cells[V.row][V.col].rows);
	return true;
}

/* f: the same month in the full form (notes, rows as a table). What was
 * typed goes with it as the draft the form offers. */
static enum ui_result full_form(void)
{
	if (V.editing && !commit())
		return UI_DONE;
	struct pc_problems pr = {0};
	if (ui_doc_dirty(&G()->doc) && ui_doc_keep(&G()->doc, &pr) != PC_OK) {
		first_problem_message(&pr);
		pc_problems_clear(&pr);
		return UI_DONE;
	}
	pc_problems_clear(&pr);
	char *form = strdup(G()->doc.form->id), *file_no = strdup(G()->doc.who.file_no),
	     *period = strdup(G()->doc.period);
	if (form && file_no && period) {
		ui_pop();
		ui_form_open(form, file_no, period);
	} else {
		ui_message(true, "%s", _("out of memory"));
	}
	free(form);
	free(file_no);
	free(period);
	return UI_REDRAW;
}

static enum ui_result clear_slot(void)
{
	bool ch;
	if (several_rows())
		return UI_DONE;
	if (V.row < G()->ndays)
		ch = month_grid_set(G(), V.row, V.col, NULL);
	else
		ch = ui_doc_set_text(G()->doc.raw, G()->costs[V.row - G()->ndays]->name, NULL);
	if (!ch)
		return UI_DONE;
	changed();
	return UI_REDRAW;
}

static enum ui_result typing_key(int key)
{
	if (key == UI_ESC) {
		/* put the cell back as it was */
		V.editing = false;
		ui_edit_free(&V.edit);
		month_draw_slot(&V, V.row, V.col);
		return UI_DONE;
	}
	if (is_move_key(key))
		return move_by_key(key, commit());
	switch (ui_edit_key(&V.edit, key, edit_width(), 1)) {
	case UI_EDIT_CHANGED:
	case UI_EDIT_MOVED:
		/* only the cell: a key typed costs a few bytes on the link */
		month_draw_slot(&V, V.row, V.col);
		return UI_DONE;
	case UI_EDIT_UNHANDLED:
		break;
	}
	return UI_DONE;
}

static enum ui_result month_key(int key)
{
	if (!V.open)
		return UI_UNHANDLED;
	switch (key) {
	case UI_KEY_BASE + KEY_F(2):
	case UI_CTRL_S:
		save();
		return UI_DONE;
	case UI_KEY_BASE + KEY_PPAGE:
	case UI_KEY_BASE + KEY_NPAGE:
	case '<':
	case '>':
		change_month(key == UI_KEY_BASE + KEY_PPAGE || key == '<' ? -1 : 1);
		return UI_DONE;
	default:
		break;
	}
	if (V.editing)
		return typing_key(key);
	if (is_move_key(key) && key != '\r' && key != '\n' && key != UI_KEY_BASE + KEY_ENTER)
		return move_by_key(key, false);
	switch (key) {
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		if (!several_rows() && start_editing(slot_text()))
			month_draw_slot(&V, V.row, V.col);
		return UI_DONE;
	case 'f':
	case 'F':
	case UI_KEY_BASE + KEY_F(3):
		return full_form();
	case UI_KEY_BASE + KEY_DC:
	case UI_KEY_BASE + KEY_BACKSPACE:
	case UI_DEL:
	case UI_CTRL_H:
		return clear_slot();
	case UI_ESC:
		leave();
		return UI_DONE;
	case '?':
		return UI_UNHANDLED;
	default:
		break;
	}
	if (ui_is_fn(key) || key < 0x20 || key == UI_DEL)
		return UI_UNHANDLED;
	/* hours start typing over the cell, as in a spreadsheet; a letter
	 * never does (it may be a key: f) */
	if (key >= 128 || !strchr("0123456789,.:", key)) {
		ui_message(true, "%s", _("Hours are typed as 3, 3,5, 3.5 or 3:30."));
		return UI_DONE;
	}
	if (several_rows() || !start_editing(""))
		return UI_DONE;
	return typing_key(key);
}

static void month_draw(void)
{
	const struct ui_doc *d = &G()->doc;
	char left[300], right[80];
	if (!V.open) {
		ui_status(keys);
		return;
	}
	snprintf(left, sizeof(left), "%s - %s, %s (%s)", pc_text_get(&d->form->title),
	         d->who.family_name ? d->who.family_name : "",
	         d->who.given_name ? d->who.given_name : "", d->who.file_no ? d->who.file_no : "");
	snprintf(right, sizeof(right), "%s%s%s", d->period, ui_doc_dirty(d) ? "  " : "",
	         ui_doc_dirty(d) ? _("not saved") : "");
	ui_title(left, right);
	month_draw_all(&V);
	ui_message_draw();
	ui_status(keys);
}

static void month_cursor(void)
{
	if (V.open)
		month_place_cursor(&V);
}

static void month_resume(void)
{
	if (V.open)
		ensure_visible();
}

/* Hangup: what is being typed goes into the draft with the rest. */
static void month_flush(void)
{
	if (!V.open)
		return;
	if (V.editing) {
		char *text = ui_edit_text(&V.edit);
		V.editing = false;
		if (text && V.row < G()->ndays)
			month_grid_set(G(), V.row, V.col, text);
		else if (text)
			ui_doc_set_text(G()->doc.raw, G()->costs[V.row - G()->ndays]->name, text);
		free(text);
		month_grid_sync(G());
	}
	if (ui_doc_dirty(&G()->doc)) {
		struct pc_problems pr = {0};
		ui_doc_keep(&G()->doc, &pr);
		pc_problems_clear(&pr);
	}
}

static void month_close(void)
{
	if (V.open)
		month_grid_close(G());
	ui_edit_free(&V.edit);
	memset(&V, 0, sizeof(V));
}

bool ui_month_open(const char *file_no, const char *period)
{
	month_close();
	if (!open_period(file_no, period, 0, 0))
		return false;
	if (!ui_push(&ui_month_screen))
		return false;
	offer_draft();
	return true;
}

const struct ui_screen ui_month_screen = {
    .name = "month",
    .draw = month_draw,
    .key = month_key,
    .resume = month_resume,
    .flush = month_flush,
    .close = month_close,
    .cursor = month_cursor,
    .keys = keys,
};
