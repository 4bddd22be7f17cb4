/* What panel.c (layout, focus, keys) and panel_draw.c (drawing) share
 * about the lines of a panel. Private to those two files. */
#ifndef PARCOURS_UI_PANEL_H
#define PARCOURS_UI_PANEL_H
#include "ui/ui.h"

enum { TEXTAREA_LINES = 3 };

enum line_kind { L_SECTION, L_HINT, L_LABEL, L_FIELD, L_VALUE, L_PROBLEM, L_NOTE, L_ROW, L_BLANK };

struct ui_panel_line {
	enum line_kind kind;
	size_t field;  /* the field (or section) it belongs to */
	const char *s; /* text segment (not NUL-terminated) */
	size_t n;
	bool warn;
	long row;      /* L_ROW: the row; L_VALUE: the value line number */
};

/* A field that takes an answer (not a note, not calculated), and one whose
 * answer is typed as text. */
bool panel_focusable(const struct pc_field *f);
bool panel_text_like(const struct pc_field *f);
/* Where the typed answers of the panel live (the raw object or its row),
 * the normalized answers for calculations, and one typed answer. */
struct pc_json *panel_obj(const struct ui_panel *p);
const struct pc_json *panel_clean(const struct ui_panel *p);
const char *panel_raw_text(const struct ui_panel *p, size_t i);
size_t panel_repeat_rows(const struct ui_panel *p, size_t i);
const char *panel_label(const struct pc_field *f);
/* Scrolls so that the focused field's lines are all shown. */
void panel_ensure_visible(struct ui_panel *p);
/* While typing: draws the focused field's value only (or asks for all). */
enum ui_result panel_redraw_current(struct ui_panel *p);

#endif
