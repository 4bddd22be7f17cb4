/* The participants screen, the console's first: a search field that takes
 * every character typed (accent- and case-blind, file numbers too, through
 * pc_search_window), a table of file number, name, birth date, programme,
 * counsellor and hours this month that scrolls through every match with a
 * count, Enter to open a file. Commands are function and Ctrl keys only, so
 * that a name typed never runs one. It reads only; intake and files are
 * other screens. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include "parcours/format.h"
#include "parcours/caseload.h"
#include "parcours/i18n.h"
#include "parcours/participation.h"
#include "parcours/programme.h"
#include "ui/ui.h"

enum { TOP = 3, COL_BIRTH = 11, COL_PROG = 16, COL_COUNS = 14, COL_HOURS = 8,
       HOURS_CACHE = 512,
       /* a caseload is tens to a few hundred people: read it whole */
       CASELOAD_ALL = 100000,
       /* the count beyond which a search says "10,000+" */
       COUNT_CAP = 10000,
       /* counts of the last queries typed (erasing a letter finds them) */
       COUNT_CACHE = 32 };
/* Commands are Ctrl keys (and function keys): never a letter typed. */
enum { CTRL_N = 14, CTRL_O = 15, CTRL_Q = 17, CTRL_R = 18, CTRL_T = 20, CTRL_Y = 25 };

/* Hours of the month already computed, by participant id, so that typing
 * a search does not compute the same rows again. Emptied when the list
 * comes back on top (a save may have changed them). */
struct hours_entry {
	char *id, *text;
};

struct count_entry {
	char *query;
	size_t total;
	bool more;
};

static struct {
	struct pc_participant *res; /* rows base .. base + n - 1 of the matches */
	size_t n, base;
	struct ui_scroll S;         /* selection, first row shown, count */
	bool more;                  /* S.total is a lower bound */
	struct ui_edit query;
	char *last;     /* the query of the results shown */
	bool counting;  /* S.total is a lower bound, counted at the next pause */
	struct count_entry counts[COUNT_CACHE];
	size_t next_count; /* the counts entry replaced next */
	bool mine;      /* only my caseload (caseload.h), else everyone */
	int sy, sx;     /* cursor in the search field */
	int file_w;     /* the file number column's width (col_file) */
	struct hours_entry cache[HOURS_CACHE];
	size_t next;    /* the cache entry replaced next */
} L;

static const struct ui_keyhelp keys[] = {
	{N_("Enter"), N_("Open the file"), true},
	{N_("Ins"), N_("New intake"), true},
	{N_("F10"), N_("Quit"), true},
	{N_("F5"), N_("Reports"), true},
	{N_("F6"), N_("Today: what is due"), true},
	{N_("F4"), N_("My caseload or everyone"), true}, /* wide windows; the title says it */
	{N_("F1"), N_("Help"), true},
	{N_("F7"), N_("AMI workshop session: who was present"), false},
	{N_("Letters, digits"), N_("Search by name or file number (never a command)"), false},
	{N_("Up, Down, PgUp, PgDn"), N_("Move by one participant or one page"), false},
	{N_("Home, End"), N_("First or last participant"), false},
	{N_("Esc, Ctrl-U"), N_("Erase the search"), false},
	{N_("Ctrl-N, Ctrl-R, Ctrl-T"), N_("As Ins, F5, F6"), false},
	{N_("Ctrl-O, Ctrl-Y, Ctrl-Q"), N_("As F4, F7, F10"), false},
	{N_("Ctrl-B, Ctrl-F"), N_("As PgUp, PgDn"), false},
	{N_("Ctrl-A, Ctrl-E"), N_("As Home, End"), false},
	{NULL, NULL, false},
};

static void draw_query(void);

static int visible(void)
{
	return LINES - TOP - 2;
}

/* Wide enough for the longest file number held ("2026-10000" whole):
 * measured once per read (fetch), not per cell drawn. */
static int col_file(void)
{
	return L.file_w;
}

static void measure_file_numbers(void)
{
	L.file_w = 10;
	for (size_t i = 0; i < L.n; i++) {
		int fw = L.res[i].file_no ? ui_text_width(L.res[i].file_no) + 1 : 0;
		if (fw > L.file_w)
			L.file_w = fw;
	}
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
	int w = COLS - 1 - col_file() - COL_BIRTH - prog_width() - COL_COUNS - hours_width();
	return w < 10 ? 10 : w;
}

/* The label of a participant's programme: its title in programmes.yaml,
 * read at start, so that the list needs no form. A value no programme has
 * (the intake's "other") takes the intake's label, the intake then read. */
static const char *programme_label(const char *value)
{
	if (!value)
		return "";
	if (pc_programme_find(ui_ctx->programmes, value))
		return pc_programme_label(ui_ctx->programmes, value);
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
	return col_file() + name_width() + COL_BIRTH + prog_width() + COL_COUNS;
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

/* The participant on row i of all the matches, or NULL when not held. */
static const struct pc_participant *row(size_t i)
{
	return i >= L.base && i - L.base < L.n ? &L.res[i - L.base] : NULL;
}

/* Reads the rows around the page shown: from a page above it to a page
 * below, so that moving a line or a page rarely reads again. The caseload
 * is read whole once per search. */
static void fetch(size_t from, size_t count)
{
	pc_participants_free(&L.res, L.n);
	L.n = L.base = 0;
	struct pc_problems pr = {0};
	enum pc_status st =
		L.mine ? pc_caseload_search(ui_ctx, L.last, CASELOAD_ALL, &L.res, &L.n, &pr)
		       : pc_search_window(ui_ctx, L.last, from, count, &L.res, &L.n, &pr);
	if (st != PC_OK && pr.len)
		ui_message(true, "%s", pr.items[0].message);
	pc_problems_clear(&pr);
	if (!L.mine)
		L.base = from;
	measure_file_numbers();
}

static void counts_forget(void)
{
	for (size_t i = 0; i < COUNT_CACHE; i++) {
		free(L.counts[i].query);
		L.counts[i].query = NULL;
	}
	L.next_count = 0;
}

static const struct count_entry *count_find(const char *q)
{
	for (size_t i = 0; i < COUNT_CACHE; i++)
		if (L.counts[i].query && !strcmp(L.counts[i].query, q))
			return &L.counts[i];
	return NULL;
}

static void count_keep(const char *q, size_t total, bool more)
{
	char *copy = strdup(q);
	if (!copy)
		return; /* counted again next time */
	struct count_entry *e = &L.counts[L.next_count];
	L.next_count = (L.next_count + 1) % COUNT_CACHE;
	free(e->query);
	*e = (struct count_entry){copy, total, more};
}

/* The count as far as the rows read tell it, after reading up to row
 * `upto`: exact when fewer came (or counted before), else the rows held
 * and "+", the real count left for a pause in typing (count_now). */
static void count_known(size_t upto)
{
	L.counting = false;
	const struct count_entry *e = L.mine ? NULL : count_find(L.last);
	if (L.mine || L.base + L.n < upto) {
		L.S.total = L.base + L.n;
		L.more = false;
		if (!L.mine && !e)
			count_keep(L.last, L.S.total, false);
	} else if (e) {
		L.S.total = e->total;
		L.more = e->more;
	} else {
		L.S.total = L.base + L.n;
		L.more = true;
		L.counting = true;
	}
	/* rows held beyond the count (people added since): a lower bound */
	if (L.S.total < L.base + L.n) {
		L.S.total = L.base + L.n;
		L.more = true;
	}
}

/* A key is waiting: counting gives way to it. */
static bool key_waiting(void *unused)
{
	(void)unused;
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0;
}

/* Counts the matches of the query shown unless a key comes first; false
 * when one did (the count is still left). */
static bool count_now(void)
{
	size_t total = 0;
	bool more = false, stopped = false;
	struct pc_problems pr = {0};
	enum pc_status st = pc_search_count_until(ui_ctx, L.last, COUNT_CAP, key_waiting, NULL,
						  &total, &more, &stopped, &pr);
	pc_problems_clear(&pr);
	if (st == PC_OK && stopped)
		return false;
	if (st == PC_OK)
		count_keep(L.last, total, more);
	else
		more = true;
	L.counting = false;
	L.S.total = total;
	L.more = more;
	if (L.S.total < L.base + L.n) {
		L.S.total = L.base + L.n;
		L.more = true;
	}
	return true;
}

/* A pause in typing: the count, shown when done. */
static bool list_idle(void)
{
	if (!L.counting)
		return false;
	if (!count_now())
		return true;
	draw_query();
	ui_scroll_marks(&L.S, TOP, COLS - 1);
	return false;
}

/* One read transaction around a key's reads (search, rows, hours). */
static bool hold(void)
{
	bool own = false;
	struct pc_problems pr = {0};
	if (pc_search_hold(ui_ctx, &own, &pr) != PC_OK)
		own = false;
	pc_problems_clear(&pr);
	return own;
}

/* Makes sure the rows of the page shown are held. */
static void ensure_rows(void)
{
	size_t page = L.S.page ? L.S.page : 1;
	if (L.mine || (row(L.S.top) && (row(L.S.top + page - 1) || L.base + L.n >= L.S.total)))
		return;
	size_t from = L.S.top > page ? L.S.top - page : 0;
	fetch(from, L.S.top - from + 2 * page);
	/* the rows held beyond the count: it was a lower bound */
	if (L.base + L.n > L.S.total)
		L.S.total = L.base + L.n;
}

/* Searches again for the query typed (the selection back on the first
 * match), or, with `keep`, refreshes keeping the selected participant
 * selected when it is still among the rows around it. */
static void search(bool keep)
{
	char *q = ui_edit_text(&L.query);
	if (!q)
		return;
	const struct pc_participant *was = keep ? row(L.S.sel) : NULL;
	char *id = was ? strdup(was->id) : NULL;
	free(L.last);
	L.last = q;
	if (!keep)
		L.S.sel = L.S.top = 0;
	int page = visible();
	L.S.page = (size_t)(page > 0 ? page : 1);
	/* a key reads the first page and one row more (is there more?); a
	 * refresh, the rows around the selection */
	size_t from = L.S.top > L.S.page ? L.S.top - L.S.page : 0;
	size_t want = keep ? L.S.top - from + 2 * L.S.page : L.S.page + 1;
	fetch(from, want);
	count_known(from + want);
	if (id) {
		for (size_t i = 0; i < L.n; i++)
			if (!strcmp(L.res[i].id, id)) {
				L.S.sel = L.base + i;
				break;
			}
	}
	free(id);
	ui_scroll_fit(&L.S);
	ensure_rows();
}

/* Draws screen line `line` of the page (row S.top + line). */
static void draw_row(int line)
{
	int y = TOP + line;
	size_t i = L.S.top + (size_t)line;
	move(y, 0);
	clrtoeol();
	const struct pc_participant *p = row(i);
	if (!p)
		return;
	if (i == L.S.sel) {
		attrset(ui_attr(UI_A_SELECT));
		hline(' ', COLS);
	}
	char name[400];
	snprintf(name, sizeof(name), "%s, %s", p->family_name ? p->family_name : "",
		 p->given_name ? p->given_name : "");
	int x = 0, nw = name_width(), fw = col_file();
	ui_put(y, x, fw - 1, p->file_no ? p->file_no : "", true);
	x += fw;
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
		draw_row(i);
	ui_scroll_marks(&L.S, TOP, COLS - 1);
	if (!L.n && L.mine && L.last && L.last[0])
		ui_put(TOP, 2, COLS - 3,
		       _("Nobody in your caseload matches this search: F4 searches everyone."), true);
	else if (!L.n && L.mine)
		ui_put(TOP, 2, COLS - 3,
		       _("Nobody in your caseload yet: F4 shows everyone you may see."), true);
	else if (!L.n && L.last && L.last[0])
		ui_put(TOP, 2, COLS - 3, _("No participant matches this search."), true);
	else if (!L.n)
		ui_put(TOP, 2, COLS - 3, _("No participant yet: Ins starts an intake."), true);
}

/* The search line: the label, the field, and the count at the right. */
static void draw_query(void)
{
	const char *label = _("Search:");
	int lw = ui_text_width(label);
	move(1, 0);
	clrtoeol();
	ui_put(1, 1, lw, label, false);
	char n[96];
	ui_scroll_count(&L.S, L.more, n, sizeof(n));
	int nw = ui_text_width(n);
	int x = lw + 2, w = COLS - x - nw - 3;
	if (w > 50)
		w = 50;
	ui_edit_draw(&L.query, 1, x, w, 1, &L.sy, &L.sx);
	if (!L.query.len) {
		attrset(ui_attr(UI_A_DIM));
		ui_put(1, x, w, _("(type a name or a file number)"), true);
		attrset(A_NORMAL);
		L.sx = x;
	}
	ui_put(1, COLS - nw - 1, nw, n, false);
}

static void draw_head(void)
{
	attrset(ui_attr(UI_A_HEAD));
	move(2, 0);
	clrtoeol();
	int x = 0, nw = name_width(), fw = col_file();
	ui_put(2, x, fw - 1, _("File"), true);
	x += fw;
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
}

static void list_draw(void)
{
	bool own = hold();
	/* a taller window shows more results: ask for them */
	if ((size_t)visible() != L.S.page)
		search(true);
	ui_title(L.mine ? _("parcours - Participants: my caseload  (F4: everyone)")
			: _("parcours - Participants: everyone  (F4: my caseload)"),
		 ui_ctx->login);
	draw_query();
	draw_head();
	draw_results();
	ui_message_draw();
	ui_status(keys);
	pc_search_release(ui_ctx, own);
}

static void list_cursor(void)
{
	move(L.sy, L.sx);
}

static void open_selected(void)
{
	const struct pc_participant *p = row(L.S.sel);
	if (p)
		ui_file_open(p->file_no);
}

/* Redraws what a move of the selection changed: two lines, or the page
 * when it scrolled (and the count with it). */
static void moved(size_t old_sel, size_t old_top)
{
	if (L.S.top != old_top) {
		int fw = col_file();
		bool own = hold();
		ensure_rows();
		if (col_file() != fw)
			draw_head();
		draw_results();
		draw_query();
		pc_search_release(ui_ctx, own);
		return;
	}
	if (old_sel != L.S.sel) {
		draw_row((int)(old_sel - L.S.top));
		draw_row((int)(L.S.sel - L.S.top));
		ui_scroll_marks(&L.S, TOP, COLS - 1);
	}
}

static enum ui_result list_key(int key)
{
	size_t old_sel = L.S.sel, old_top = L.S.top;
	switch (key) {
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		open_selected();
		return UI_DONE;
	case UI_KEY_BASE + KEY_IC:
	case CTRL_N:
		ui_form_open("intake", NULL, NULL);
		return UI_DONE;
	case UI_KEY_BASE + KEY_F(5):
	case CTRL_R:
		ui_reports_open();
		return UI_DONE;
	case UI_KEY_BASE + KEY_F(6):
	case CTRL_T:
		ui_today_open();
		return UI_DONE;
	case UI_KEY_BASE + KEY_F(7):
	case CTRL_Y:
		ui_session_open();
		return UI_DONE;
	case UI_KEY_BASE + KEY_F(4):
	case CTRL_O:
		L.mine = !L.mine;
		search(false);
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_F(10):
	case CTRL_Q:
		ui_quit();
		return UI_DONE;
	case UI_KEY_BASE + KEY_F(3):
		return UI_DONE; /* the search is always there (F3 was "search") */
	case UI_ESC:
		key = UI_CTRL_U; /* erases the search; never quits */
		break;
	case '?':
		return UI_UNHANDLED; /* help: no name or file number holds '?' */
	default:
		/* moving down needs the count the typing left for a pause */
		if (L.counting) {
			struct ui_scroll try = L.S;
			if (ui_scroll_key(&try, key, false))
				count_now();
		}
		if (ui_scroll_key(&L.S, key, false)) {
			moved(old_sel, old_top);
			return UI_DONE;
		}
		break;
	}
	switch (ui_edit_key(&L.query, key, 50, 1)) {
	case UI_EDIT_CHANGED: {
		/* one read transaction for the search and the rows drawn */
		bool own = hold();
		search(false);
		draw_head();
		draw_results();
		draw_query();
		pc_search_release(ui_ctx, own);
		return UI_DONE;
	}
	case UI_EDIT_MOVED:
		draw_query();
		return UI_DONE;
	case UI_EDIT_UNHANDLED:
		break;
	}
	/* anything else typed on the list is taken, never passed on */
	return ui_is_fn(key) ? UI_UNHANDLED : UI_DONE;
}

static void list_resume(void)
{
	/* a save may have changed the hours and the counts */
	hours_forget();
	counts_forget();
	bool own = hold();
	search(true);
	pc_search_release(ui_ctx, own);
}

static void list_close(void)
{
	hours_forget();
	pc_participants_free(&L.res, L.n);
	ui_edit_free(&L.query);
	free(L.last);
	counts_forget();
	memset(&L, 0, sizeof(L));
}

bool ui_list_open(void)
{
	memset(&L, 0, sizeof(L));
	if (!ui_edit_set(&L.query, "", false))
		return false;
	L.mine = pc_caseload_first(ui_ctx);
	pc_search_console(ui_ctx);
	if (!ui_push(&ui_list_screen))
		return false;
	bool own = hold();
	search(false);
	pc_search_release(ui_ctx, own);
	return true;
}

const struct ui_screen ui_list_screen = {
	.name = "list",
	.draw = list_draw,
	.key = list_key,
	.resume = list_resume,
	.close = list_close,
	.cursor = list_cursor,
	.idle = list_idle,
	.keys = keys,
};
