/* The AMI workshop session screen (w from the participants list): a date,
 * a half-day, a title, and the people enrolled in AMI that day as a
 * checklist (Space marks who was present). It only gathers what is typed:
 * the checks, the permission and the audit are pc_ami_session_add's, as
 * for `parcours session add`. A closed month asks for the reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/ami.h"
#include "parcours/i18n.h"
#include "parcours/short_id.h"
#include "ui/ui.h"

enum { F_DATE, F_HALF, F_TITLE, F_PEOPLE, LABEL_W = 14, LIST_Y = 7 };

static struct {
	bool open;
	struct ui_edit date, title;
	int half;                    /* 0 am, 1 pm */
	struct pc_ami_person *people; /* enrolled on `loaded` */
	bool *present;
	size_t n, cur, top;          /* cur: F_DATE, F_HALF, F_TITLE, then F_PEOPLE + row */
	char loaded[11];
} S;

static const struct ui_keyhelp keys[] = {
	{N_("Space"), N_("Present or not"), true},
	{N_("F2"), N_("Save"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Tab, Down"), N_("Next field or person"), false},
	{N_("Shift-Tab, Up"), N_("Previous field or person"), false},
	{N_("Ctrl-S"), N_("Save (as F2)"), false},
	{N_("Space on the half-day"), N_("Morning or afternoon"), false},
	{NULL, NULL, false},
};

static void people_free(void)
{
	pc_ami_people_free(&S.people, S.n);
	free(S.present);
	S.present = NULL;
	S.n = 0;
}

static void session_close(void)
{
	people_free();
	ui_edit_free(&S.date);
	ui_edit_free(&S.title);
	memset(&S, 0, sizeof(S));
}

/* The checklist for the date typed, keeping who was marked present. */
static void load(void)
{
	char *date = ui_edit_text(&S.date);
	if (!date || !strcmp(date, S.loaded)) {
		free(date);
		return;
	}
	struct pc_ami_person *list = NULL;
	size_t n = 0;
	struct pc_problems pr = {0};
	enum pc_status st = pc_ami_enrolled_on(ui_ctx, date, &list, &n, &pr);
	bool *present = st == PC_OK ? calloc(n ? n : 1, sizeof(*present)) : NULL;
	if (st != PC_OK || !present) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : _("out of memory"));
		pc_ami_people_free(&list, n);
		free(present);
		people_free();
		S.loaded[0] = '\0';
	} else {
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < S.n; k++)
				if (S.present[k] && !strcmp(S.people[k].file_no, list[i].file_no))
					present[i] = true;
		people_free();
		S.people = list;
		S.present = present;
		S.n = n;
		snprintf(S.loaded, sizeof(S.loaded), "%.10s", date);
	}
	S.top = 0;
	if (S.cur >= F_PEOPLE + S.n)
		S.cur = F_TITLE;
	pc_problems_clear(&pr);
	free(date);
}

static int rows(void)
{
	int h = LINES - 4 - LIST_Y;
	return h > 1 ? h : 1;
}

static size_t count_present(void)
{
	size_t k = 0;
	for (size_t i = 0; i < S.n; i++)
		k += S.present[i];
	return k;
}

static void session_draw(void)
{
	ui_title(_("AMI workshop session"), "");
	int cy = -1, cx = -1, ey, ex;
	const char *labels[] = {N_("Date"), N_("Half-day"), N_("Title")};
	for (int i = 0; i < 3; i++) {
		attrset(S.cur == (size_t)i ? A_BOLD : A_NORMAL);
		ui_put(2 + i, 2, LABEL_W - 3, _(labels[i]), true);
		attrset(A_NORMAL);
	}
	ui_edit_draw(&S.date, 2, LABEL_W, 12, 1, &ey, &ex);
	if (S.cur == F_DATE)
		cy = ey, cx = ex;
	char half[160];
	snprintf(half, sizeof(half), "(%s) %s   (%s) %s", S.half ? " " : "x", _("morning"),
		 S.half ? "x" : " ", _("afternoon"));
	ui_put(3, LABEL_W, COLS - LABEL_W - 1, half, true);
	if (S.cur == F_HALF)
		cy = 3, cx = LABEL_W + (S.half ? (int)strlen(half) - ui_text_width(_("afternoon")) - 3 : 1);
	ui_edit_draw(&S.title, 4, LABEL_W, COLS - LABEL_W - 2, 1, &ey, &ex);
	if (S.cur == F_TITLE)
		cy = ey, cx = ex;
	char head[200];
	snprintf(head, sizeof(head), _("Enrolled in AMI on %s: %zu, %zu present"),
		 S.loaded[0] ? S.loaded : "-", S.n, count_present());
	attrset(ui_attr(UI_A_HEAD));
	ui_put(LIST_Y - 1, 2, COLS - 3, head, true);
	attrset(A_NORMAL);
	if (!S.n)
		ui_put(LIST_Y, 4, COLS - 5, _("(nobody: enrol people in AMI first, or change the date)"),
		       true);
	for (int r = 0; r < rows() && S.top + (size_t)r < S.n; r++) {
		size_t i = S.top + (size_t)r;
		char line[300];
		snprintf(line, sizeof(line), "[%s] %s  %s, %s", S.present[i] ? "x" : " ",
			 S.people[i].file_no, S.people[i].family_name, S.people[i].given_name);
		bool sel = S.cur == F_PEOPLE + i;
		if (sel)
			attrset(ui_attr(UI_A_SELECT));
		ui_put(LIST_Y + r, 2, COLS - 3, line, true);
		attrset(A_NORMAL);
		if (sel)
			cy = LIST_Y + r, cx = 3;
	}
	ui_message_draw();
	ui_status(keys);
	if (cy >= 0)
		move(cy, cx);
}

static void session_cursor(void)
{
	int ey, ex;
	if (S.cur == F_DATE) {
		ui_edit_draw(&S.date, 2, LABEL_W, 12, 1, &ey, &ex);
		move(ey, ex);
	} else if (S.cur == F_TITLE) {
		ui_edit_draw(&S.title, 4, LABEL_W, COLS - LABEL_W - 2, 1, &ey, &ex);
		move(ey, ex);
	}
}

static void move_by(int by)
{
	size_t n = F_PEOPLE + S.n;
	if (S.cur == F_DATE)
		load(); /* leaving the date: the people of that day */
	n = F_PEOPLE + S.n;
	S.cur = (S.cur + n + (by < 0 ? n - 1 : 1)) % n;
	if (S.cur >= F_PEOPLE) {
		size_t row = S.cur - F_PEOPLE;
		if (row < S.top)
			S.top = row;
		else if (row >= S.top + (size_t)rows())
			S.top = row - (size_t)rows() + 1;
	}
}

static void save(void)
{
	load();
	size_t k = 0;
	const char **names = calloc(S.n ? S.n : 1, sizeof(*names));
	char *date = ui_edit_text(&S.date), *title = ui_edit_text(&S.title), *reason = NULL;
	if (!names || !date || !title) {
		ui_message(true, "%s", _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < S.n; i++)
		if (S.present[i])
			names[k++] = S.people[i].file_no;
	struct pc_problems pr = {0};
	long long id = 0;
	enum pc_status st;
	for (;;) {
		st = pc_ami_session_add(ui_ctx, date, pc_ami_half_name(S.half), title, names, k,
					reason, &id, &pr);
		bool needs_reason = false;
		for (size_t i = 0; st == PC_REFUSED && i < pr.len; i++)
			needs_reason |= !strcmp(pr.items[i].where, "reason") && !reason;
		if (!needs_reason || pr.len != 1)
			break;
		char q[300];
		snprintf(q, sizeof(q), "%s", pr.items[0].message);
		pc_problems_clear(&pr);
		if (!(reason = ui_prompt(q)))
			break;
	}
	if (st == PC_OK) {
		const char *warn = NULL;
		for (size_t i = 0; i < pr.len && !warn; i++)
			if (pr.items[i].warning)
				warn = pr.items[i].message;
		char done[400], num[PC_SHORT_ID];
		struct pc_problems np = {0};
		if (pc_ami_session_number(ui_ctx, id, num, &np) != PC_OK)
			snprintf(num, sizeof(num), "%lld", id);
		pc_problems_clear(&np);
		snprintf(done, sizeof(done),
			 P_("Session %s recorded: %zu person present.",
			    "Session %s recorded: %zu people present.", k),
			 num, k);
		ui_pop();
		if (warn)
			ui_message(true, "%s %s", done, warn);
		else
			ui_message(false, "%s", done);
	} else if (pr.len) {
		ui_message(true, "%s%s%s", strcmp(pr.items[0].where, "date") ? pr.items[0].where : "",
			   strcmp(pr.items[0].where, "date") ? ": " : "", pr.items[0].message);
	} else if (!reason) {
		ui_message(false, "%s", _("No session recorded."));
	}
	pc_problems_clear(&pr);
out:
	free(names);
	free(date);
	free(title);
	free(reason);
}

static enum ui_result session_key(int key)
{
	switch (key) {
	case UI_KEY_BASE + KEY_F(2):
	case UI_CTRL_S:
		save();
		return UI_REDRAW;
	case UI_ESC:
		ui_pop();
		ui_message(false, "%s", _("No session recorded."));
		return UI_DONE;
	case '\t':
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
	case UI_KEY_BASE + KEY_DOWN:
		move_by(1);
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_BTAB:
	case UI_KEY_BASE + KEY_UP:
		move_by(-1);
		return UI_REDRAW;
	case ' ':
		if (S.cur == F_HALF) {
			S.half = !S.half;
			return UI_REDRAW;
		}
		if (S.cur >= F_PEOPLE) {
			S.present[S.cur - F_PEOPLE] = !S.present[S.cur - F_PEOPLE];
			move_by(1);
			return UI_REDRAW;
		}
		break;
	case 'a':
	case 'p':
		if (S.cur == F_HALF) {
			S.half = key == 'p';
			return UI_REDRAW;
		}
		break;
	default:
		break;
	}
	struct ui_edit *e = S.cur == F_DATE ? &S.date : S.cur == F_TITLE ? &S.title : NULL;
	if (e && ui_edit_key(e, key, e == &S.date ? 12 : COLS - LABEL_W - 2, 1) != UI_EDIT_UNHANDLED)
		return UI_REDRAW;
	return UI_UNHANDLED;
}

const struct ui_screen ui_session_screen = {
	.name = "session",
	.draw = session_draw,
	.key = session_key,
	.close = session_close,
	.cursor = session_cursor,
	.keys = keys,
};

bool ui_session_open(void)
{
	session_close();
	S.open = true;
	/* a workshop is recorded on its day, in the morning's or afternoon's end */
	if (!ui_edit_set(&S.date, ui_ctx->today, false) || !ui_edit_set(&S.title, "", false)) {
		session_close();
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	S.cur = F_TITLE;
	if (!ui_push(&ui_session_screen))
		return false;
	load();
	return true;
}
