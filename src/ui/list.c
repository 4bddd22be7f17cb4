/* The participants screen, the console's first: search as you type (accent-
 * and case-blind, file numbers too, through pc_search with as many results
 * as there are lines), a table of file number, name, birth date, programme,
 * counsellor and hours this month, Enter to open a file, n for an intake,
 * m between "my caseload" (a counsellor's first view) and everyone, q to
 * quit. It reads only; intake and files are other screens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/format.h"
#include "parcours/caseload.h"
#include "parcours/i18n.h"
#include "parcours/participation.h"
#include "ui/ui.h"

enum { TOP = 3, COL_FILE = 10, COL_BIRTH = 11, COL_PROG = 16, COL_COUNS = 14, COL_HOURS = 8,
       HOURS_CACHE = 512 };

/* Hours of the month already computed, by participant id, so that typing
 * a search does not compute the same rows again. Emptied when the list
 * comes back on top (a save may have changed them). */
struct hours_entry {
	char *id, *text;
};

static struct {
	struct pc_participant *res;
	size_t n, sel, limit;
	struct ui_edit query;
	char *last;     /* the query of the results shown */
	bool searching; /* keys go to the search field */
	bool mine;      /* only my caseload (caseload.h), else everyone */
	int sy, sx;     /* cursor in the search field */
	struct hours_entry cache[HOURS_CACHE];
	size_t next;    /* the cache entry replaced next */
} L;

static const struct ui_keyhelp keys[] = {
	{N_("/"), N_("Search"), true},
	{N_("Enter"), N_("Open the file"), true},
	{N_("n"), N_("New intake"), true},
	{N_("q"), N_("Quit"), true},
	{N_("r"), N_("Reports"), true}, /* shown from 84 columns; always in F1 */
	{N_("m"), N_("My caseload or everyone"), true}, /* from about 115 columns; the title says it */
	{N_("t"), N_("Today: what is due"), true}, /* wide windows; a counsellor starts there */
	{N_("F1"), N_("Help"), true},
	{N_("Up, Down"), N_("Choose a participant"), false},
	{N_("Esc"), N_("Search: back to the list"), false},
	{N_("Ctrl-U"), N_("Search: erase the text"), false},
	{N_("F3"), N_("Search (as /)"), false},
	{N_("Insert"), N_("New intake (as n)"), false},
	{N_("F5"), N_("Reports (as r)"), false},
	{N_("w"), N_("AMI workshop session: who was present"), false},
	{N_("F10"), N_("Quit (as q)"), false},
	{N_("F1, ?, Ctrl-G"), N_("Help"), false},
	{N_("Ctrl-L"), N_("Draw the screen again"), false},
	{NULL, NULL, false},
};

static const struct ui_keyhelp search_keys[] = {
	{N_("Enter"), N_("Open the file"), true},
	{N_("Down"), N_("To the results"), true},
	{N_("Esc"), N_("End the search"), true},
	{N_("F1"), N_("Help"), true},
	{NULL, NULL, false},
};

static int visible(void)
{
	return LINES - TOP - 2;
}

/* Wider windows give the programme a quarter of the extra columns and
 * the name the rest. */
static int prog_width(void)
{
	return COL_PROG + (COLS > 80 ? (COLS - 80) / 4 : 0);
}

/* Room for "79 h 30" at 80 columns, and for "79 h 30/80 h" from 100. */
static int hours_width(void)
{
	return COL_HOURS + (COLS >= 100 ? 5 : 0);
}

static int name_width(void)
{
	int w = COLS - 1 - COL_FILE - COL_BIRTH - prog_width() - COL_COUNS - hours_width();
	return w < 10 ? 10 : w;
}

/* The label of a participant's programme in the intake form. */
static const char *programme_label(const char *value)
{
	if (!value)
		return "";
	const struct pc_form *intake = pc_formset_find(ui_ctx->forms, "intake");
	const struct pc_field *f = intake ? pc_form_field(intake, "programme") : NULL;
	const struct pc_choice *c = f && f->choices ? pc_choice_find(f->choices, value) : NULL;
	return c ? pc_text_get(&c->label) : value;
}

static void hours_forget(void)
{
	for (size_t i = 0; i < HOURS_CACHE; i++) {
		free(L.cache[i].id);
		free(L.cache[i].text);
		L.cache[i].id = L.cache[i].text = NULL;
	}
	L.next = 0;
}

/* Where the hours column starts. */
static int hours_x(void)
{
	return COL_FILE + name_width() + COL_BIRTH + prog_width() + COL_COUNS;
}

/* "12 h 30/80 h": hours of this month against the programme's target ("" when
 * the person is not enrolled this month). */
static const char *hours_of(const struct pc_participant *p)
{
	for (size_t i = 0; i < HOURS_CACHE; i++)
		if (L.cache[i].id && !strcmp(L.cache[i].id, p->id))
			return L.cache[i].text;
	char period[8], text[2 * PC_FORMAT_MAX + 2] = "";
	snprintf(period, sizeof(period), "%.7s", ui_ctx->today);
	const struct pc_programme *prog = NULL;
	struct pc_month m;
	struct pc_problems pr = {0};
	enum pc_status st = pc_participant_month(ui_ctx, p, period, &prog, &m, &pr);
	if (st == PC_UNUSABLE) {
		/* unreadable answers are not "no hours" */
		snprintf(text, sizeof(text), "%s", _("damaged"));
	} else if (st == PC_OK && m.status != PC_MONTH_NOT_ENROLLED) {
		/* the target only where the column has room for it */
		char h[PC_FORMAT_MAX], t[PC_FORMAT_MAX];
		pc_format_hours(h, sizeof(h), m.total);
		pc_format_hours(t, sizeof(t), m.target);
		if (m.target > 0 &&
		    pc_format_width(h) + 1 + pc_format_width(t) <= (size_t)(COLS - hours_x()))
			snprintf(text, sizeof(text), "%s/%s", h, t);
		else
			snprintf(text, sizeof(text), "%s", h);
	}
	pc_problems_clear(&pr);
	struct hours_entry *e = &L.cache[L.next];
	L.next = (L.next + 1) % HOURS_CACHE;
	free(e->id);
	free(e->text);
	e->id = strdup(p->id);
	e->text = strdup(text);
	if (!e->id || !e->text) {
		free(e->id);
		free(e->text);
		e->id = e->text = NULL;
		return "";
	}
	return e->text;
}

static void search(void)
{
	char *q = ui_edit_text(&L.query);
	if (!q)
		return;
	pc_participants_free(&L.res, L.n);
	L.n = 0;
	struct pc_problems pr = {0};
	int limit = visible();
	L.limit = (size_t)(limit > 0 ? limit : 1);
	enum pc_status st = L.mine ? pc_caseload_search(ui_ctx, q, L.limit, &L.res, &L.n, &pr)
				   : pc_search(ui_ctx, q, L.limit, &L.res, &L.n, &pr);
	if (st != PC_OK && pr.len)
		ui_message(true, "%s", pr.items[0].message);
	pc_problems_clear(&pr);
	free(L.last);
	L.last = q;
	if (L.sel >= L.n)
		L.sel = L.n ? L.n - 1 : 0;
}

static void draw_row(size_t i)
{
	int y = TOP + (int)i;
	move(y, 0);
	clrtoeol();
	if (i >= L.n)
		return;
	const struct pc_participant *p = &L.res[i];
	bool sel = i == L.sel && !L.searching;
	if (sel) {
		attrset(ui_attr(UI_A_SELECT));
		hline(' ', COLS);
	}
	char name[400];
	snprintf(name, sizeof(name), "%s, %s", p->family_name ? p->family_name : "",
		 p->given_name ? p->given_name : "");
	int x = 0, nw = name_width();
	ui_put(y, x, COL_FILE - 1, p->file_no ? p->file_no : "", true);
	x += COL_FILE;
	ui_put(y, x, nw - 1, name, true);
	x += nw;
	ui_put(y, x, COL_BIRTH - 1, p->birth_date ? p->birth_date : "", true);
	x += COL_BIRTH;
	ui_put(y, x, prog_width() - 1, programme_label(p->programme), true);
	x += prog_width();
	ui_put(y, x, COL_COUNS - 1, p->counsellor ? p->counsellor : "", true);
	x += COL_COUNS;
	ui_put(y, x, COLS - x, hours_of(p), true);
	attrset(A_NORMAL);
}

static void draw_results(void)
{
	for (int i = 0; i < visible(); i++)
		draw_row((size_t)i);
	if (!L.n && L.mine && L.last && L.last[0])
		ui_put(TOP, 2, COLS - 3,
		       _("Nobody in your caseload matches this search: m searches everyone."), true);
	else if (!L.n && L.mine)
		ui_put(TOP, 2, COLS - 3,
		       _("Nobody in your caseload yet: m shows everyone you may see."), true);
	else if (!L.n && L.last && L.last[0])
		ui_put(TOP, 2, COLS - 3, _("No participant matches this search."), true);
	else if (!L.n)
		ui_put(TOP, 2, COLS - 3, _("No participant yet: n starts an intake."), true);
}

static void draw_query(void)
{
	const char *label = _("Search:");
	int lw = ui_text_width(label);
	move(1, 0);
	ui_put(1, 1, lw, label, false);
	int x = lw + 2, w = COLS - x - 2;
	if (w > 50)
		w = 50;
	ui_edit_draw(&L.query, 1, x, w, 1, &L.sy, &L.sx);
	move(1, x + w);
	clrtoeol();
	if (!L.searching && !L.query.len) {
		attrset(ui_attr(UI_A_DIM));
		ui_put(1, x, w, _("(/ to search by name or file number)"), true);
		attrset(A_NORMAL);
	}
}

static void list_draw(void)
{
	/* a taller window shows more results: ask for them */
	if ((size_t)visible() != L.limit)
		search();
	ui_title(L.mine ? _("parcours - Participants: my caseload  (m: everyone)")
			: _("parcours - Participants: everyone  (m: my caseload)"),
		 ui_ctx->login);
	draw_query();
	attrset(ui_attr(UI_A_HEAD));
	int x = 0, nw = name_width();
	ui_put(2, x, COL_FILE - 1, _("File"), true);
	x += COL_FILE;
	ui_put(2, x, nw - 1, _("Name"), true);
	x += nw;
	ui_put(2, x, COL_BIRTH - 1, _("Born"), true);
	x += COL_BIRTH;
	ui_put(2, x, prog_width() - 1, _("Programme"), true);
	x += prog_width();
	ui_put(2, x, COL_COUNS - 1, _("Counsellor"), true);
	x += COL_COUNS;
	ui_put(2, x, COLS - x, _("Hours"), true);
	attrset(A_NORMAL);
	draw_results();
	ui_message_draw();
	ui_status(L.searching ? search_keys : keys);
}

static void list_cursor(void)
{
	if (L.searching)
		move(L.sy, L.sx);
	else
		move(L.n ? TOP + (int)L.sel : TOP, 0);
}

static void open_selected(void)
{
	if (L.sel < L.n)
		ui_file_open(L.res[L.sel].file_no);
}

static enum ui_result search_key(int key)
{
	switch (key) {
	case UI_ESC:
	case UI_KEY_BASE + KEY_DOWN:
	case '\t':
		L.searching = false;
		return UI_REDRAW;
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		L.searching = false;
		open_selected();
		return UI_REDRAW;
	default:
		break;
	}
	switch (ui_edit_key(&L.query, key, 50, 1)) {
	case UI_EDIT_CHANGED:
		L.sel = 0;
		search();
		draw_results();
		draw_query();
		return UI_DONE;
	case UI_EDIT_MOVED:
		draw_query();
		return UI_DONE;
	case UI_EDIT_UNHANDLED:
		break;
	}
	return UI_UNHANDLED;
}

static enum ui_result list_key(int key)
{
	if (L.searching)
		return search_key(key);
	size_t old = L.sel;
	switch (key) {
	case '/':
	case UI_KEY_BASE + KEY_F(3):
		L.searching = true;
		return UI_REDRAW;
	case 'n':
	case UI_KEY_BASE + KEY_IC:
		ui_form_open("intake", NULL, NULL);
		return UI_DONE;
	case 'r':
	case UI_KEY_BASE + KEY_F(5):
		ui_reports_open();
		return UI_DONE;
	case 't':
		ui_today_open();
		return UI_DONE;
	case 'w':
		ui_session_open();
		return UI_DONE;
	case 'm':
		L.mine = !L.mine;
		L.sel = 0;
		search();
		return UI_REDRAW;
	case 'q':
	case UI_KEY_BASE + KEY_F(10):
		ui_quit();
		return UI_DONE;
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		open_selected();
		return UI_DONE;
	case UI_KEY_BASE + KEY_UP:
		if (L.sel > 0)
			L.sel--;
		else {
			L.searching = true;
			return UI_REDRAW;
		}
		break;
	case UI_KEY_BASE + KEY_DOWN:
		if (L.sel + 1 < L.n)
			L.sel++;
		break;
	case UI_KEY_BASE + KEY_HOME:
	case UI_KEY_BASE + KEY_PPAGE:
		L.sel = 0;
		break;
	case UI_KEY_BASE + KEY_END:
	case UI_KEY_BASE + KEY_NPAGE:
		L.sel = L.n ? L.n - 1 : 0;
		break;
	default:
		return UI_UNHANDLED;
	}
	if (old != L.sel) {
		draw_row(old);
		draw_row(L.sel);
	}
	return UI_DONE;
}

static void list_resume(void)
{
	hours_forget();
	search();
}

static void list_close(void)
{
	hours_forget();
	pc_participants_free(&L.res, L.n);
	ui_edit_free(&L.query);
	free(L.last);
	memset(&L, 0, sizeof(L));
}

bool ui_list_open(void)
{
	memset(&L, 0, sizeof(L));
	if (!ui_edit_set(&L.query, "", false))
		return false;
	L.mine = pc_caseload_first(ui_ctx);
	if (!ui_push(&ui_list_screen))
		return false;
	search();
	return true;
}

const struct ui_screen ui_list_screen = {
	.name = "list",
	.draw = list_draw,
	.key = list_key,
	.resume = list_resume,
	.close = list_close,
	.cursor = list_cursor,
	.keys = keys,
};
