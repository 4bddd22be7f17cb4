/* The history of one form of a participant (or of one journal entry):
 * every revision (number, month or entry, when, who, form version), newest
 * first, with the versions another copy saved with the same number and a
 * sync set aside beside ours (marked with that copy's site, in conflict or
 * set aside once decided), and any revision's answers read-only
 * (answers.c). Revisions are never changed, so this only reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/short_id.h"
#include "ui/ui.h"

enum { LIST_Y = 3 };

static struct {
	const struct pc_form *form;
	char *who;             /* "Family, Given (file no)" */
	struct pc_revision *all;
	size_t nall;
	size_t *idx;           /* the revisions of this form, newest first */
	size_t n, sel, top;
	bool viewing;
	struct ui_answers view;
} H;

static const struct ui_keyhelp keys[] = {
	{N_("Enter"), N_("See the answers"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Up, Down"), N_("Choose a revision"), false},
	{N_("Enter, v"), N_("Answers shown: read them in full, long texts wrapped"), false},
	{N_("Page Up, Page Down"), N_("Scroll"), false},
	{NULL, NULL, false},
};

static int rows(void)
{
	return LINES - LIST_Y - 2;
}

/* The Entry/Month column: an entry with a site's long id shows MM-DD/N
 * of its DATE/N (short_id.h; the year is in "Saved on"). */
static const char *period_shown(const struct pc_revision *r, char *out, size_t size)
{
	long long id = 0;
	if (!r->period || !*r->period)
		return "-";
	if (H.form->period != PC_PERIOD_ENTRY || !pc_entry_id_parse(r->period, &id) ||
	    !pc_short_id_needed(id))
		return r->period;
	char num[PC_SHORT_ID];
	struct pc_problems pr = {0};
	enum pc_status st = pc_entry_number(ui_ctx, id, num, &pr);
	pc_problems_clear(&pr);
	if (st != PC_OK || strlen(num) < 6)
		return r->period;
	snprintf(out, size, "%s", num + 5);
	return out;
}

/* "3", or "2 (RN)" for the version site RN saved as 2, set aside in a
 * sync conflict. */
static void revision_shown(const struct pc_revision *r, char *out, size_t size)
{
	if (r->origin)
		snprintf(out, size, "%lld (%s)", r->revision, r->origin);
	else
		snprintf(out, size, "%lld", r->revision);
}

static void draw_list(void)
{
	attrset(ui_attr(UI_A_HEAD));
	ui_put(2, 1, 10, _("Revision"), true);
	ui_put(2, 12, 9, H.form->period == PC_PERIOD_ENTRY ? _("Entry") : _("Month"), true);
	ui_put(2, 22, 17, _("Saved on"), true);
	ui_put(2, 40, 20, _("By"), true);
	ui_put(2, 61, COLS - 62, _("Version"), true);
	attrset(A_NORMAL);
	if (!H.n) {
		ui_put(LIST_Y, 2, COLS - 3, _("This form was never saved."), true);
		return;
	}
	if (H.sel < H.top)
		H.top = H.sel;
	if (H.sel >= H.top + (size_t)rows())
		H.top = H.sel - (size_t)rows() + 1;
	for (int i = 0; i < rows() && H.top + (size_t)i < H.n; i++) {
		size_t k = H.top + (size_t)i;
		const struct pc_revision *r = &H.all[H.idx[k]];
		int y = LIST_Y + i;
		char num[64], when[17], ver[64], ver_entry[PC_SHORT_ID];
		revision_shown(r, num, sizeof(num));
		if (r->origin)
			snprintf(ver, sizeof(ver), "%d, %s", r->form_version,
				 r->open ? _("in conflict") : _("set aside"));
		else if (r->settles)
			snprintf(ver, sizeof(ver), _("%d, settles %lld"), r->form_version,
				 r->settles);
		else
			snprintf(ver, sizeof(ver), "%d", r->form_version);
		ui_local_time(r->at, when);
		if (k == H.sel) {
			attrset(ui_attr(UI_A_SELECT));
			move(y, 0);
			hline(' ', COLS);
		}
		ui_put(y, 1, 10, num, true);
		ui_put(y, 12, 9, period_shown(r, ver_entry, sizeof(ver_entry)), true);
		ui_put(y, 22, 17, when, true);
		ui_put(y, 40, 20, r->by ? r->by : "", true);
		ui_put(y, 61, COLS - 62, ver, true);
		attrset(A_NORMAL);
	}
}

static void history_draw(void)
{
	char left[400], right[80];
	snprintf(left, sizeof(left), "%s - %s - %s", _("History"), pc_text_get(&H.form->title),
		 H.who ? H.who : "");
	right[0] = '\0';
	if (H.viewing && H.sel < H.n) {
		const struct pc_revision *r = &H.all[H.idx[H.sel]];
		char when[17], num[64];
		ui_local_time(r->at, when);
		revision_shown(r, num, sizeof(num));
		snprintf(right, sizeof(right), _("revision %s, %s"), num, when);
	}
	ui_title(left, right);
	if (H.viewing)
		ui_answers_draw(&H.view, 2, LINES - 4);
	else
		draw_list();
	ui_message_draw();
	ui_status(keys);
}

/* The revision shown, in full: long answers wrapped in the viewer. */
static void open_viewer(void)
{
	if (H.sel >= H.n)
		return;
	const struct pc_revision *r = &H.all[H.idx[H.sel]];
	char title[400], when[17], num[64];
	ui_local_time(r->at, when);
	revision_shown(r, num, sizeof(num));
	snprintf(title, sizeof(title), _("%s - revision %s, %s"), pc_text_get(&H.form->title), num,
		 when);
	ui_viewer_open(title, &H.view);
}

static void history_cursor(void)
{
	move(H.viewing || !H.n ? 2 : LIST_Y + (int)(H.sel - H.top), 0);
}

static enum ui_result history_key(int key)
{
	if (H.viewing) {
		key = ui_scroll_alias(key, true);
		switch (key) {
		case UI_ESC:
			H.viewing = false;
			ui_answers_free(&H.view);
			return UI_REDRAW;
		case '\r':
		case '\n':
		case UI_KEY_BASE + KEY_ENTER:
		case 'v':
			open_viewer();
			return UI_DONE;
		case UI_KEY_BASE + KEY_UP:
		case UI_KEY_BASE + KEY_DOWN:
			ui_answers_scroll(&H.view, key == UI_KEY_BASE + KEY_UP ? -1 : 1);
			return UI_REDRAW;
		case UI_KEY_BASE + KEY_PPAGE:
		case UI_KEY_BASE + KEY_NPAGE:
			ui_answers_scroll(&H.view,
					  (key == UI_KEY_BASE + KEY_PPAGE ? -1 : 1) * (LINES - 5));
			return UI_REDRAW;
		default:
			return UI_UNHANDLED;
		}
	}
	/* the shared scroller: arrows, pages, Home/End, their Ctrl twins, j/k */
	struct ui_scroll sc = {.sel = H.sel, .top = H.top, .total = H.n,
			       .page = (size_t)(rows() > 0 ? rows() : 1)};
	if (ui_scroll_key(&sc, key, true)) {
		H.sel = sc.sel;
		H.top = sc.top;
		return UI_REDRAW;
	}
	switch (key) {
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		if (H.sel < H.n) {
			ui_answers_build(&H.view, H.form, H.all[H.idx[H.sel]].answers);
			H.viewing = true;
		}
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static void history_close(void)
{
	pc_revisions_free(&H.all, H.nall);
	free(H.idx);
	free(H.who);
	ui_answers_free(&H.view);
	memset(&H, 0, sizeof(H));
}

bool ui_history_open(const struct pc_participant *p, const struct pc_form *form)
{
	return ui_history_open_period(p, form, NULL);
}

bool ui_history_open_period(const struct pc_participant *p, const struct pc_form *form,
			    const char *period)
{
	history_close();
	struct pc_problems pr = {0};
	if (pc_file_history(ui_ctx, p, &H.all, &H.nall, &pr) != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : _("the history could not be read"));
		pc_problems_clear(&pr);
		history_close();
		return false;
	}
	H.form = form;
	H.idx = calloc(H.nall + 1, sizeof(*H.idx));
	size_t need = strlen(p->family_name ? p->family_name : "") +
		      strlen(p->given_name ? p->given_name : "") + strlen(p->file_no) + 8;
	H.who = malloc(need);
	if (!H.idx || !H.who) {
		history_close();
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	snprintf(H.who, need, "%s, %s (%s)", p->family_name ? p->family_name : "",
		 p->given_name ? p->given_name : "", p->file_no);
	/* the store orders by form, period, revision: newest first reads better */
	for (size_t i = H.nall; i-- > 0;)
		if (!strcmp(H.all[i].form, form->id) &&
		    (!period || !strcmp(H.all[i].period, period)))
			H.idx[H.n++] = i;
	return ui_push(&ui_history_screen);
}

const struct ui_screen ui_history_screen = {
	.name = "history",
	.draw = history_draw,
	.key = history_key,
	.close = history_close,
	.cursor = history_cursor,
	.keys = keys,
};
