/* A line of text asked on the message line (a reason, a note): typed with
 * the field editor, Enter confirms, Esc cancels. It blocks like ui_ask
 * (layout.c) and knows nothing of what the text is for; the caller hands
 * it to the core, which checks it. */
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "ui/ui.h"

char *ui_prompt(const char *question)
{
	return ui_prompt_text(question, "");
}

char *ui_prompt_text(const char *question, const char *initial)
{
	struct ui_edit e = {0};
	if (!ui_edit_set(&e, initial, false))
		return NULL;
	char *text = NULL;
	for (;;) {
		ui_paint();
		int key, y = LINES - 2, cy = y, cx = 0;
		if (!ui_small()) {
			/* the question on up to two lines above the one typed on */
			int lines = ui_wrap(question, COLS - 1, NULL, NULL) > 1 ? 2 : 1;
			for (int i = lines; i >= 1; i--) {
				move(y - i, 0);
				clrtoeol();
			}
			attrset(A_BOLD);
			ui_put_wrapped(y - lines, 0, COLS - 1, lines, question);
			attrset(A_NORMAL);
			move(y, 0);
			clrtoeol();
			attrset(ui_attr(UI_A_DIM));
			int w = ui_put(y, 0, COLS / 2, _("Enter confirms, Esc cancels:"), true);
			attrset(A_NORMAL);
			ui_edit_draw(&e, y, w + 1, COLS - w - 2, 1, &cy, &cx);
			move(cy, cx);
		}
		if (!ui_getkey(&key))
			break;
		if (key == UI_KEY_BASE + KEY_RESIZE || ui_small())
			continue;
		if (key == UI_ESC || key == UI_CTRL_C)
			break;
		if (key == '\r' || key == '\n' || key == UI_KEY_BASE + KEY_ENTER) {
			text = ui_edit_text(&e);
			break;
		}
		if (ui_edit_key(&e, key, COLS / 2, 1) == UI_EDIT_UNHANDLED)
			beep();
	}
	ui_edit_free(&e);
	ui_redraw();
	return text;
}
