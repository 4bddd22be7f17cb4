/* The today screen: what is due in my caseload (a counsellor's start
 * page), or for everyone a supervisor sees (t from the participants list),
 * grouped by kind as `parcours due` lists it (due.h). Enter opens the
 * person's file, Esc goes back; the list is computed again each time it
 * comes back on top. It reads only. Files with a sync conflict to decide
 * are named on the line under the title, in the warning colour, and s
 * opens the first one's conflict screen (conflict.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/caseload.h"
#include "parcours/due.h"
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "parcours/sync.h"
#include "ui/ui.h"

enum { LIST_Y = 2, COL_DATE = 10 };

/* A line of the list: a kind's heading (item < 0) or an item. */
struct row {
	long item;
	enum pc_due_kind kind;
	size_t count; /* heading: items of the kind */
};

static struct {
	bool open;
	struct pc_due_list due;
	struct row *rows;
	size_t n, sel, top; /* sel: a row that is an item */
	char *refused;      /* why nothing can be listed */
	int wfile, wlate;   /* the widest file number and lateness, in columns */
	char conflicts[400]; /* "2026-0001, RN-2026-0004": files with a sync conflict */
	char first[64];      /* ... the first of them */
	size_t nconflicts;   /* ... how many files */
} D;

static const struct ui_keyhelp keys[] = {
    {N_("Enter"), N_("Open the file"), true},
    {N_("Esc"), N_("Back"), true},
    {N_("F1"), N_("Help"), true},
    {N_("Up, Down, Page Up, Page Down"), N_("Choose a line"), false},
    {N_("s"), N_("Sync conflicts: the first file with one, both versions side by side"), false},
    {NULL, NULL, false},
};

static int rows_shown(void)
{
	int h = LINES - LIST_Y - 2;
	return h > 1 ? h : 1;
}

static void clear_state(void)
{
	pc_due_list_clear(&D.due);
	free(D.rows);
	free(D.refused);
	D.rows = NULL;
	D.refused = NULL;
	D.n = D.sel = D.top = 0;
	D.wfile = D.wlate = 0;
}

/* The first item row at or after i (going down), else before it. */
static size_t item_near(size_t i, bool down)
{
	for (size_t k = i; down && k < D.n; k++)
		if (D.rows[k].item >= 0)
			return k;
	for (size_t k = i + 1; k-- > 0;)
		if (k < D.n && D.rows[k].item >= 0)
			return k;
	for (size_t k = i; k < D.n; k++)
		if (D.rows[k].item >= 0)
			return k;
	return 0;
}

static void late_text(const struct pc_due_item *it, char *out, size_t size)
{
	if (it->late > 0)
		snprintf(out, size, P_("%ld d late", "%ld d late", (unsigned long)it->late),
		         it->late);
	else if (it->late == 0)
		snprintf(out, size, "%s", _("due today"));
	else
		snprintf(out, size, P_("in %ld d", "in %ld d", (unsigned long)-it->late),
		         -it->late);
}

/* The files with an open sync conflict, named once each. */
static void load_conflicts(void)
{
	struct pc_problems pr = {0};
	struct pc_sync_conflict *v = NULL;
	size_t n = 0;
	D.conflicts[0] = D.first[0] = '\0';
	D.nconflicts = 0;
	if (pc_sync_conflicts(ui_ctx, NULL, &v, &n, &pr) != PC_OK)
		n = 0;
	pc_problems_clear(&pr);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(v[i].file_no, v[i - 1].file_no)) /* listed by file number */
			continue;
		size_t len = strlen(D.conflicts);
		snprintf(D.conflicts + len, sizeof(D.conflicts) - len, "%s%s", D.nconflicts ? ", " : "",
		         v[i].file_no);
		if (!D.nconflicts++)
			snprintf(D.first, sizeof(D.first), "%s", v[i].file_no);
	}
	pc_sync_conflicts_free(&v, n);
}

static void load(void)
{
	clear_state();
	load_conflicts();
	struct pc_problems pr = {0};
	if (pc_due_list(ui_ctx, NULL, PC_DUE_WITHIN_DEFAULT, &D.due, &pr) != PC_OK) {
		D.refused = strdup(pr.len ? pr.items[0].message : _("out of memory"));
		pc_problems_clear(&pr);
		return;
	}
	pc_problems_clear(&pr);
	size_t kinds = 0;
	for (size_t i = 0; i < D.due.n; i++)
		kinds += !i || D.due.items[i].kind != D.due.items[i - 1].kind;
	if (!D.due.n)
		return;
	if (!(D.rows = calloc(D.due.n + kinds, sizeof(*D.rows)))) {
		pc_due_list_clear(&D.due);
		D.refused = strdup(_("out of memory"));
		return;
	}
	for (size_t i = 0; i < D.due.n; i++) {
		enum pc_due_kind k = D.due.items[i].kind;
		if (!i || D.due.items[i - 1].kind != k)
			D.rows[D.n++] = (struct row){.item = -1, .kind = k};
		D.rows[D.n++] = (struct row){.item = (long)i, .kind = k};
	}
	for (size_t i = 0, head = 0; i < D.n; i++) {
		if (D.rows[i].item < 0)
			head = i;
		else
			D.rows[head].count++;
	}
	/* columns as wide as their widest cell: "120 d late" and a site's
	 * file number are never cut */
	for (size_t i = 0; i < D.due.n; i++) {
		char late[64];
		late_text(&D.due.items[i], late, sizeof(late));
		int wf = D.due.items[i].file_no ? ui_text_width(D.due.items[i].file_no) : 0;
		int wl = ui_text_width(late);
		D.wfile = wf > D.wfile ? wf : D.wfile;
		D.wlate = wl > D.wlate ? wl : D.wlate;
	}
	D.sel = item_near(0, true);
}


static void draw_row(size_t k, int y)
{
	const struct row *r = &D.rows[k];
	if (r->item < 0) {
		char head[200];
		snprintf(head, sizeof(head), "%s (%zu)", pc_due_kind_title(r->kind), r->count);
		attrset(ui_attr(UI_A_HEAD));
		ui_put(y, 1, COLS - 2, head, true);
		attrset(A_NORMAL);
		return;
	}
	const struct pc_due_item *it = &D.due.items[r->item];
	int extra = COLS > 80 ? (COLS - 80) / 3 : 0;
	int nx = 2 + D.wfile + 2, nw = 16 + extra;
	int dx = nx + nw + 1, lx = dx + COL_DATE + 2, wx = lx + D.wlate + 2;
	int ww = COLS - wx - 1;
	if (k == D.sel) {
		attrset(ui_attr(UI_A_SELECT));
		move(y, 0);
		hline(' ', COLS);
	}
	char name[300], late[64];
	snprintf(name, sizeof(name), "%s, %s", it->family_name ? it->family_name : "",
	         it->given_name ? it->given_name : "");
	late_text(it, late, sizeof(late));
	ui_put(y, 2, D.wfile, it->file_no ? it->file_no : "", true);
	ui_put(y, nx, nw, name, true);
	ui_put(y, dx, COL_DATE, it->date, true);
	if (it->late > 0 && k != D.sel)
		attrset(ui_attr(UI_A_WARN));
	ui_put(y, lx, D.wlate, late, true);
	if (k != D.sel)
		attrset(A_NORMAL);
	if (ww > 0)
		ui_put(y, wx, ww, it->what ? it->what : "", true);
	attrset(A_NORMAL);
}

static void today_draw(void)
{
	char left[200], day[PC_FORMAT_MAX];
	snprintf(left, sizeof(left), _("Today: what is due on %s"),
	         pc_format_date(day, sizeof(day), ui_ctx->today, PC_FORMAT_LONG));
	ui_title(left, pc_caseload_first(ui_ctx) ? _("my caseload") : _("everyone"));
	if (D.nconflicts) {
		char line[600];
		snprintf(line, sizeof(line),
		         P_("Sync conflict in %zu file: %s (s: both versions side by side)",
		            "Sync conflicts in %zu files: %s (s: the first)", D.nconflicts),
		         D.nconflicts, D.conflicts);
		attrset(ui_attr(UI_A_WARN) | A_BOLD);
		ui_put(1, 1, COLS - 2, line, true);
		attrset(A_NORMAL);
	}
	if (D.refused) {
		ui_put_wrapped(LIST_Y, 2, COLS - 3, rows_shown(), D.refused);
	} else if (!D.n) {
		ui_put_wrapped(LIST_Y, 2, COLS - 3, rows_shown(),
		               pc_caseload_first(ui_ctx)
		                   ? _("Nothing is due: no follow-up, objective, evaluation or "
		                       "referral is waiting in your caseload.")
		                   : _("Nothing is due: no follow-up, objective, evaluation or "
		                       "referral is waiting."));
	} else {
		size_t h = (size_t)rows_shown();
		/* keep the selection's heading in sight when it is just above */
		size_t want = D.sel && D.rows[D.sel - 1].item < 0 ? D.sel - 1 : D.sel;
		if (want < D.top)
			D.top = want;
		if (D.sel >= D.top + h)
			D.top = D.sel - h + 1;
		for (size_t i = 0; i < h && D.top + i < D.n; i++)
			draw_row(D.top + i, LIST_Y + (int)i);
	}
	ui_message_draw();
	ui_status(keys);
}

static void today_cursor(void)
{
	move(D.n ? LIST_Y + (int)(D.sel - D.top) : LIST_Y, 0);
}

static enum ui_result today_key(int key)
{
	size_t page = (size_t)rows_shown();
	key = ui_scroll_alias(key, true); /* nothing is typed here */
	switch (key) {
	case UI_KEY_BASE + KEY_UP:
		if (D.sel > 0)
			D.sel = item_near(D.sel - 1, false);
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_DOWN:
		if (D.sel + 1 < D.n)
			D.sel = item_near(D.sel + 1, true);
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_PPAGE:
	case UI_KEY_BASE + KEY_HOME:
		D.sel = item_near(key == UI_KEY_BASE + KEY_HOME || D.sel < page ? 0 : D.sel - page,
		                  true);
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_NPAGE:
	case UI_KEY_BASE + KEY_END:
		D.sel = item_near(key == UI_KEY_BASE + KEY_END || D.sel + page >= D.n
		                      ? (D.n ? D.n - 1 : 0)
		                      : D.sel + page,
		                  false);
		return UI_REDRAW;
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		if (D.sel < D.n && D.rows[D.sel].item >= 0)
			ui_file_open(D.due.items[D.rows[D.sel].item].file_no);
		return UI_DONE;
	case 's':
		if (D.nconflicts)
			ui_conflict_open(D.first, NULL, NULL);
		return UI_REDRAW;
	case UI_ESC:
		ui_pop();
		return UI_DONE;
	default:
		return UI_UNHANDLED;
	}
}

static void today_resume(void)
{
	/* a save in the file may have done what was due; keep the place */
	size_t sel = D.sel;
	load();
	if (D.n)
		D.sel = item_near(sel < D.n ? sel : D.n - 1, true);
}

static void today_close(void)
{
	clear_state();
	memset(&D, 0, sizeof(D));
}

bool ui_today_open(void)
{
	today_close();
	D.open = true;
	load();
	return ui_push(&ui_today_screen);
}

const struct ui_screen ui_today_screen = {
    .name = "today",
    .draw = today_draw,
    .key = today_key,
    .resume = today_resume,
    .close = today_close,
    .cursor = today_cursor,
    .keys = keys,
};
