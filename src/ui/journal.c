/* The journal screen: the entries of a form kept as entries (`period:
 * entry`: follow-up notes, referrals, evaluations) of one participant,
 * newest first, one line each (date, kind, summary, author, revisions).
 * Enter opens an entry in the form screen, a adds one, h shows the history
 * of one. It reads only; saving is the form screen's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/stored.h"
#include "parcours/staff.h"
#include "parcours/value.h"
#include "ui/ui.h"

enum { NOTE_Y = 1, HEAD_Y = 2, LIST_Y = 3 };

struct line {
	char period[24];
	char *date, *kind, *summary, *author;
	long long revisions;
	bool draft, damaged;
};

static struct {
	bool open;
	const struct pc_form *form;
	struct pc_participant p;
	char *who; /* "Family, Given (file no)" */
	struct line *lines;
	size_t n, sel, top;
	bool new_draft; /* a new entry was started and not saved */
	char new_when[17];
	char *refused; /* why the entries cannot be shown */
} J;

static const struct ui_keyhelp keys[] = {
    {N_("Enter"), N_("Open the entry"), true},
    {N_("a"), N_("Add an entry"), true},
    {N_("h"), N_("History of the entry"), true},
    {N_("Esc"), N_("Back"), true},
    {N_("F1"), N_("Help"), true},
    {N_("Up, Down, Page Up, Page Down"), N_("Choose an entry"), false},
    {N_("e"), N_("Open the entry (as Enter)"), false},
    {N_("n, Insert"), N_("Add an entry (as a)"), false},
    {N_("F4"), N_("History of the entry (as h)"), false},
    {NULL, NULL, false},
};

/* The field whose value names an entry's kind (the first single choice)
 * and the one that sums it up (the first text area, else text). */
static const struct pc_field *first_of(enum pc_type a, enum pc_type b)
{
	for (size_t i = 0; i < J.form->nfields; i++)
		if (J.form->fields[i].type == a)
			return &J.form->fields[i];
	for (size_t i = 0; b != a && i < J.form->nfields; i++)
		if (J.form->fields[i].type == b)
			return &J.form->fields[i];
	return NULL;
}

static char *shown(const struct pc_field *f, const struct pc_json *answers)
{
	const struct pc_json *v = f ? pc_json_object_get(answers, f->name) : NULL;
	char *t = v ? pc_value_display(f, v) : NULL;
	/* one line: a text area's line breaks become spaces */
	for (char *c = t; c && *c; c++)
		if (*c == '\n' || *c == '\r' || *c == '\t')
			*c = ' ';
	return t;
}

static void lines_free(void)
{
	for (size_t i = 0; i < J.n; i++) {
		free(J.lines[i].date);
		free(J.lines[i].kind);
		free(J.lines[i].summary);
		free(J.lines[i].author);
	}
	free(J.lines);
	J.lines = NULL;
	J.n = 0;
	free(J.refused);
	J.refused = NULL;
}

/* One line per entry, from its latest revision. */
static void load(void)
{
	lines_free();
	struct pc_problems pr = {0};
	struct pc_entry *list = NULL;
	size_t n = 0;
	if (pc_file_entries(ui_ctx, &J.p, J.form->id, &list, &n, &pr) != PC_OK) {
		J.refused =
		    strdup(pr.len ? pr.items[0].message : _("the entries could not be read"));
		pc_problems_clear(&pr);
		return;
	}
	J.lines = calloc(n + 1, sizeof(*J.lines));
	if (!J.lines) {
		pc_entries_free(&list, n);
		ui_message(true, "%s", _("out of memory"));
		return;
	}
	const struct pc_field *kind = first_of(PC_TYPE_CHOICE, PC_TYPE_CHOICE);
	const struct pc_field *sum = first_of(PC_TYPE_TEXTAREA, PC_TYPE_TEXT);
	for (size_t i = 0; i < n; i++) {
		struct line *l = &J.lines[J.n++];
		char when[17];
		pc_entry_period(list[i].id, l->period);
		l->date = list[i].date ? strdup(list[i].date) : NULL;
		l->author = list[i].author ? strdup(list[i].author) : NULL;
		l->revisions = list[i].revisions;
		l->draft = ui_doc_draft_of(&J.p, J.form, l->period, when);
		struct pc_revision rev = {0};
		struct pc_json *answers = NULL;
		if (pc_file_current(ui_ctx, &J.p, J.form->id, l->period, &rev, &pr) == PC_OK &&
		    rev.revision > 0)
			l->damaged = pc_stored_answers(J.form, J.form->id, J.p.file_no, l->period,
			                               rev.answers, &answers, &pr) != PC_OK;
		l->kind = shown(kind, answers);
		l->summary = shown(sum, answers);
		pc_json_free(&answers);
		pc_revision_clear(&rev);
		pc_problems_clear(&pr);
	}
	pc_entries_free(&list, n);
	J.new_draft = ui_doc_draft_of(&J.p, J.form, "", J.new_when);
	if (J.sel >= J.n)
		J.sel = J.n ? J.n - 1 : 0;
}

static int rows(void)
{
	return LINES - LIST_Y - 2;
}

/* Columns: date, kind, summary (what is left), author, revisions. */
static void columns(int *kx, int *kw, int *sx, int *sw, int *bx, int *bw, int *rx)
{
	*rx = COLS - 5;
	*bw = COLS >= 100 ? 16 : 12;
	*bx = *rx - *bw - 1;
	*kx = 13;
	*kw = COLS >= 100 ? 24 : 20;
	*sx = *kx + *kw + 1;
	*sw = *bx - *sx - 1;
}

static void draw_list(void)
{
	int kx, kw, sx, sw, bx, bw, rx;
	columns(&kx, &kw, &sx, &sw, &bx, &bw, &rx);
	attrset(ui_attr(UI_A_HEAD));
	ui_put(HEAD_Y, 1, 11, _("Date"), true);
	ui_put(HEAD_Y, kx, kw, _("Kind"), true);
	ui_put(HEAD_Y, sx, sw, _("Summary"), true);
	ui_put(HEAD_Y, bx, bw, _("By"), true);
	ui_put(HEAD_Y, rx, 4, _("Rev."), true);
	attrset(A_NORMAL);
	if (J.refused) {
		ui_put(LIST_Y, 2, COLS - 3, J.refused, true);
		return;
	}
	if (!J.n) {
		ui_put(LIST_Y, 2, COLS - 3, _("No entry yet: a adds one."), true);
		return;
	}
	if (J.sel < J.top)
		J.top = J.sel;
	if (J.sel >= J.top + (size_t)rows())
		J.top = J.sel - (size_t)rows() + 1;
	for (int i = 0; i < rows() && J.top + (size_t)i < J.n; i++) {
		size_t k = J.top + (size_t)i;
		const struct line *l = &J.lines[k];
		int y = LIST_Y + i;
		char date[16], revs[24];
		snprintf(date, sizeof(date), "%s%s", l->date ? l->date : "?", l->draft ? "*" : "");
		snprintf(revs, sizeof(revs), "%lld", l->revisions);
		if (k == J.sel) {
			attrset(ui_attr(UI_A_SELECT));
			move(y, 0);
			hline(' ', COLS);
		}
		ui_put(y, 1, 11, date, true);
		if (l->damaged) {
			ui_put(y, kx, bx - kx - 1, _("DAMAGED: cannot be read"), true);
		} else {
			ui_put(y, kx, kw, l->kind ? l->kind : "-", true);
			ui_put(y, sx, sw, l->summary ? l->summary : "", true);
		}
		ui_put(y, bx, bw, l->author ? l->author : "", true);
		ui_put(y, rx, 4, revs, true);
		attrset(A_NORMAL);
	}
}

static void journal_draw(void)
{
	char left[400], right[80];
	snprintf(left, sizeof(left), "%s - %s", pc_text_get(&J.form->title), J.who ? J.who : "");
	snprintf(right, sizeof(right), P_("%zu entry", "%zu entries", J.n), J.n);
	ui_title(left, right);
	if (J.new_draft) {
		char note[200];
		snprintf(note, sizeof(note),
		         _("A new entry was started on %s and not saved: a resumes it."),
		         J.new_when);
		ui_put(NOTE_Y, 1, COLS - 2, note, true);
	}
	draw_list();
	ui_message_draw();
	ui_status(keys);
}

static void journal_cursor(void)
{
	move(J.n ? LIST_Y + (int)(J.sel - J.top) : LIST_Y, 0);
}

/* Whether this reader may change the journal's entries (an exceptional
 * access reads only); with say, a refusal is shown with its reason. */
static bool may_write(bool say)
{
	struct pc_problems pr = {0};
	bool ok = pc_staff_can_form(ui_ctx, &J.p, J.form, J.form->id, true, &pr) == PC_OK;
	if (!ok && say && pr.len)
		ui_message(true, "%s", pr.items[0].message);
	pc_problems_clear(&pr);
	return ok;
}

static enum ui_result journal_key(int key)
{
	/* the shared scroller: arrows, pages, Home/End, their Ctrl twins, j/k */
	struct ui_scroll sc = {.sel = J.sel, .top = J.top, .total = J.n,
				.page = (size_t)(rows() > 0 ? rows() : 1)};
	if (ui_scroll_key(&sc, key, true)) {
		J.sel = sc.sel;
		J.top = sc.top;
		return UI_REDRAW;
	}
	switch (key) {
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
	case 'e':
		/* a reader who may not change the entry sees its history instead */
		if (J.sel < J.n && !J.refused && may_write(false))
			ui_form_open(J.form->id, J.p.file_no, J.lines[J.sel].period);
		else if (J.sel < J.n && !J.refused)
			ui_history_open_period(&J.p, J.form, J.lines[J.sel].period);
		return UI_DONE;
	case 'a':
	case 'n':
	case UI_KEY_BASE + KEY_IC:
		if (!J.refused && may_write(true))
			ui_form_open(J.form->id, J.p.file_no, "");
		return UI_DONE;
	case 'h':
	case UI_KEY_BASE + KEY_F(4):
		if (J.sel < J.n && !J.refused)
			ui_history_open_period(&J.p, J.form, J.lines[J.sel].period);
		return UI_DONE;
	case UI_ESC:
		ui_pop();
		return UI_DONE;
	default:
		return UI_UNHANDLED;
	}
}

static void journal_resume(void)
{
	/* a save may have added an entry or moved one by its date */
	load();
}

static void journal_close(void)
{
	lines_free();
	pc_participant_clear(&J.p);
	free(J.who);
	memset(&J, 0, sizeof(J));
}

bool ui_journal_open(const struct pc_participant *p, const struct pc_form *form)
{
	journal_close();
	struct pc_problems pr = {0};
	if (pc_file_get(ui_ctx, p->file_no, &J.p, &pr) != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : p->file_no);
		pc_problems_clear(&pr);
		return false;
	}
	J.form = form;
	size_t need = strlen(J.p.family_name ? J.p.family_name : "") +
	              strlen(J.p.given_name ? J.p.given_name : "") + strlen(J.p.file_no) + 8;
	if (!(J.who = malloc(need))) {
		journal_close();
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	snprintf(J.who, need, "%s, %s (%s)", J.p.family_name ? J.p.family_name : "",
	         J.p.given_name ? J.p.given_name : "", J.p.file_no);
	J.open = true;
	load();
	return ui_push(&ui_journal_screen);
}

const struct ui_screen ui_journal_screen = {
    .name = "journal",
    .draw = journal_draw,
    .key = journal_key,
    .resume = journal_resume,
    .close = journal_close,
    .cursor = journal_cursor,
    .keys = keys,
};
