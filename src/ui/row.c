/* One row of a repeat field filled like a small form: its columns as
 * fields (panel.c), relevance and calculations of the row live, problems
 * under each column. Esc goes back to the table; the answers are already in
 * the form's document and draft. */
#include <stdio.h>
#include <string.h>
#include "parcours/i18n.h"
#include "ui/ui.h"

static struct {
	bool open;
	struct ui_panel panel;
	struct ui_doc *doc;
	const struct pc_field *f;
	size_t row;
} W;

static const struct ui_keyhelp keys[] = {
	{N_("Esc"), N_("Back to the rows"), true},
	{N_("Tab"), N_("Next field"), true},
	{N_("F2"), N_("Save the form"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Shift-Tab, Up"), N_("Previous field"), false},
	{N_("Tab, Down, Enter"), N_("Next field"), false},
	{N_("Space, Enter"), N_("Choice: next choice, or the list of choices"), false},
	{N_("y, n, Space"), N_("Yes or no answer"), false},
	{N_("Ctrl-S"), N_("Save the form (as F2)"), false},
	{NULL, NULL, false},
};

static void changed(void *ctx)
{
	(void)ctx;
	ui_form_changed();
	ui_panel_relayout(&W.panel);
	ui_redraw();
}

static void row_draw(void)
{
	char left[300], right[40];
	snprintf(left, sizeof(left), "%s > %s", pc_text_get(&W.doc->form->title),
		 pc_text_get(&W.f->label));
	snprintf(right, sizeof(right), _("row %zu"), W.row + 1);
	ui_title(left, right);
	ui_panel_draw(&W.panel, 2, LINES - 5, LINES - 3);
	ui_message_draw();
	ui_status(keys);
}

static void row_cursor(void)
{
	if (!W.panel.pick.open)
		ui_panel_cursor(&W.panel);
}

static enum ui_result row_key(int key)
{
	if (key == UI_KEY_BASE + KEY_F(2) || key == UI_CTRL_S) {
		ui_panel_commit(&W.panel);
		ui_pop();
		if (ui_top() == &ui_repeat_screen)
			ui_pop();
		ui_form_save();
		return UI_DONE;
	}
	if (key == UI_ESC && !W.panel.pick.open) {
		ui_panel_commit(&W.panel);
		ui_pop();
		return UI_DONE;
	}
	return ui_panel_key(&W.panel, key);
}

static void row_flush(void)
{
	if (W.open)
		ui_panel_commit(&W.panel);
}

static void row_close(void)
{
	if (W.open)
		ui_panel_free(&W.panel);
	memset(&W, 0, sizeof(W));
}

bool ui_row_open(struct ui_doc *doc, const struct pc_field *f, size_t row)
{
	row_close();
	W.doc = doc;
	W.f = f;
	W.row = row;
	if (!ui_panel_init(&W.panel, doc, f->fields, f->nfields, f, (long)row)) {
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	W.panel.changed = changed;
	W.open = true;
	return ui_push(&ui_row_screen);
}

const struct ui_screen ui_row_screen = {
	.name = "row",
	.draw = row_draw,
	.key = row_key,
	.flush = row_flush,
	.close = row_close,
	.cursor = row_cursor,
	.keys = keys,
};
