/* The file (dossier) screen: who the participant is (name, file number,
 * programme, counsellor, status), one tab per form of forms/ with its state
 * (empty, draft, saved on DATE by WHO) and the saved answers of the tab
 * shown below. Monthly forms show one month at a time; a journal form
 * (entries) its newest entry. Enter fills the form (form.c) or opens the
 * journal (journal.c), h shows its history (history.c). A counsellor
 * outside the person's caseload sees the intake-level view and x asks
 * for exceptional access; a supervisor changes the counsellor (c) and
 * sees who read the file (file_access.c). Showing a protected form is
 * recorded once per opening of the file. A form saved on two copies of
 * the database (sync) is said in the warning colour, marked "!" in its tab,
 * and s shows both versions side by side (conflict.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/caseload.h"
#include "parcours/eligibility.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/stored.h"
#include "parcours/sync.h"
#include "ui/month.h"
#include "ui/ui.h"

enum { ACCESS_Y = 3, TABS_Y = 4, STATE_Y = 5, CONFLICT_Y = 6, PREVIEW_Y = 7 };

struct tab {
	char state[200];
	bool draft;
	bool damaged; /* the saved answers do not read: said, never shown as empty */
	bool refused; /* the reader's roles do not allow this form: said, never shown as empty */
	bool viewed;  /* its reading was recorded during this opening of the file */
	char why[200];
};

static struct {
	bool open;
	struct pc_participant p;
	char *file_no;
	size_t sel;
	char period[8];
	struct tab *tabs;
	struct ui_answers preview;
	bool outside;  /* a counsellor outside the caseload: x asks for more */
	bool granted;  /* ... who gave a reason: reading only, until the file closes */
	struct ui_readers readers;
	struct ui_glance glance; /* above "Read by" */
	struct ui_counsellor_pick counsellor;
	char enrolment[300]; /* enrol.c's line: programme, dates, exit reason */
	bool enrolled;       /* that line names the programme: the header does not */
	struct pc_sync_conflict *conflicts; /* the file's open sync conflicts */
	size_t nconflicts;
} D;

static const struct ui_keyhelp keys[] = {
	{N_("Enter"), N_("Fill the form"), true},
	{N_("Left, Right"), N_("Form"), true},
	{N_("h"), N_("History"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Tab, Shift-Tab, 1-9"), N_("Choose a form"), false},
	{N_("e"), N_("Fill the form (as Enter)"), false},
	{N_("<, >"), N_("Monthly form: previous or next month"), false},
	{N_("Up, Down, Page Up, Page Down"), N_("Scroll the answers"), false},
	{N_("v"), N_("Read the answers in full, long texts wrapped"), false},
	{N_("F4"), N_("History (as h)"), false},
	{N_("x"), N_("Outside your caseload: exceptional access, with a reason"), false},
	{N_("c"), N_("Supervisor: change the person's counsellor"), false},
	{N_("p"), N_("Enrol in a programme (supervisor or the person's counsellor)"), false},
	{N_("l"), N_("Record the end of participation (exit), with its reason"), false},
	{N_("w"), N_("Write everything held on the person to a file (their right to their file)"),
	 false},
	{N_("s"), N_("Sync conflict: the two versions side by side, keep one or merge"), false},
	{NULL, NULL, false},
};

/* The bottom line while the file has a sync conflict: s is shown there. */
static const struct ui_keyhelp conflict_keys[] = {
	{N_("s"), N_("Sync conflict"), true},
	{N_("Enter"), N_("Fill the form"), true},
	{N_("h"), N_("History"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("F1"), N_("Help"), true},
	{NULL, NULL, false},
};

static size_t nforms(void)
{
	return ui_ctx->forms ? ui_ctx->forms->len : 0;
}

static const struct pc_form *form_at(size_t i)
{
	return i < nforms() ? ui_ctx->forms->forms[i] : NULL;
}

static const char *period_of(const struct pc_form *f)
{
	return f->period == PC_PERIOD_MONTH ? D.period : NULL;
}

/* How many open sync conflicts form f has (any period). */
static size_t conflicts_of(const struct pc_form *f)
{
	size_t n = 0;
	for (size_t i = 0; i < D.nconflicts; i++)
		n += !strcmp(D.conflicts[i].form, f->id);
	return n;
}

/* A journal form's tab (`period: entry`): how many entries, the newest,
 * and the newest one's answers below; Enter opens the journal. */
static void load_journal(size_t i, const struct pc_form *f)
{
	struct tab *t = &D.tabs[i];
	struct pc_problems pr = {0};
	struct pc_entry *list = NULL;
	size_t n = 0;
	char when[17];
	t->draft = ui_doc_draft_of(&D.p, f, "", when);
	enum pc_status st = pc_file_entries(ui_ctx, &D.p, f->id, &list, &n, &pr);
	t->refused = st == PC_REFUSED;
	t->damaged = false;
	t->why[0] = '\0';
	if (t->refused && pr.len)
		snprintf(t->why, sizeof(t->why), "%s", pr.items[0].message);
	pc_problems_clear(&pr);
	if (t->refused)
		snprintf(t->state, sizeof(t->state), "%s", _("not shown: your roles do not allow it"));
	else if (n)
		snprintf(t->state, sizeof(t->state),
			 P_("%zu entry (latest %s, %s)", "%zu entries (latest %s, %s)", n),
			 n, list[0].date, list[0].author);
	else
		snprintf(t->state, sizeof(t->state), "%s", _("no entry yet; Enter: the journal"));
	if (t->draft) {
		size_t len = strlen(t->state);
		snprintf(t->state + len, sizeof(t->state) - len, _("; draft of %s"), when);
	}
	if (i == D.sel && n) {
		char per[24];
		struct pc_revision rev = {0};
		pc_entry_period(list[0].id, per);
		struct pc_json *answers = NULL;
		if (pc_file_current(ui_ctx, &D.p, f->id, per, &rev, &pr) == PC_OK && rev.revision > 0) {
			t->damaged = pc_stored_answers(f, f->id, D.p.file_no, per, rev.answers,
						       &answers, &pr) != PC_OK;
			if (!t->damaged)
				ui_answers_build(&D.preview, f, rev.answers);
		}
		pc_json_free(&answers);
		pc_revision_clear(&rev);
		pc_problems_clear(&pr);
	}
	pc_entries_free(&list, n);
}

/* The state of every tab and the answers of the selected one. */
static void load_conflicts(void);

static void load(void)
{
	struct pc_problems pr = {0};
	struct pc_participant p = {0};
	load_conflicts();
	if (pc_file_get(ui_ctx, D.file_no, &p, &pr) == PC_OK) {
		pc_participant_clear(&D.p);
		D.p = p;
	} else if (pr.len) {
		ui_message(true, "%s", pr.items[0].message);
	}
	pc_problems_clear(&pr);
	ui_answers_free(&D.preview);
	for (size_t i = 0; i < nforms(); i++) {
		const struct pc_form *f = form_at(i);
		if (f->period == PC_PERIOD_ENTRY) {
			load_journal(i, f);
			continue;
		}
		struct pc_revision rev = {0};
		struct tab *t = &D.tabs[i];
		char when[17], saved[17];
		t->draft = ui_doc_draft_of(&D.p, f, period_of(f), when);
		enum pc_status st = pc_file_current(ui_ctx, &D.p, f->id, period_of(f), &rev, &pr);
		t->refused = st == PC_REFUSED;
		t->why[0] = '\0';
		if (t->refused && pr.len)
			snprintf(t->why, sizeof(t->why), "%s", pr.items[0].message);
		if (st != PC_OK)
			rev.revision = 0;
		pc_problems_clear(&pr);
		struct pc_json *answers = NULL;
		t->damaged = rev.revision > 0 &&
			     pc_stored_answers(f, f->id, D.p.file_no ? D.p.file_no : "",
					       period_of(f), rev.answers, &answers, &pr) != PC_OK;
		pc_json_free(&answers);
		pc_problems_clear(&pr);
		ui_local_time(rev.at, saved);
		if (t->refused)
			snprintf(t->state, sizeof(t->state), "%s", _("not shown: your roles do not allow it"));
		else if (t->damaged)
			snprintf(t->state, sizeof(t->state),
				 _("DAMAGED: revision %lld of %s cannot be read"), rev.revision, saved);
		else if (rev.revision > 0)
			snprintf(t->state, sizeof(t->state), _("saved on %s by %s (revision %lld)"),
				 saved, rev.by ? rev.by : "?", rev.revision);
		else
			snprintf(t->state, sizeof(t->state), "%s", _("empty"));
		if (t->draft) {
			size_t n = strlen(t->state);
			snprintf(t->state + n, sizeof(t->state) - n, _("; draft of %s"), when);
		}
		/* shown, so recorded first: a read that cannot be recorded is not shown */
		if (i == D.sel && !t->refused && !t->viewed) {
			t->viewed = pc_file_viewed(ui_ctx, &D.p, f, &pr) == PC_OK;
			if (!t->viewed) {
				t->refused = true;
				snprintf(t->why, sizeof(t->why), "%s",
					 pr.len ? pr.items[0].message : _("out of memory"));
				snprintf(t->state, sizeof(t->state), "%s",
					 _("not shown: the reading could not be recorded"));
			}
			pc_problems_clear(&pr);
		}
		if (i == D.sel && !t->damaged && !t->refused)
			ui_answers_build(&D.preview, f, rev.revision > 0 ? rev.answers : NULL);
		pc_revision_clear(&rev);
	}
	D.granted = pc_exceptional_granted(ui_ctx, &D.p);
	D.outside = !D.granted && pc_exceptional_possible(ui_ctx, &D.p);
	ui_readers_load(&D.readers, &D.p, LINES >= 34 ? 8 : 4);
	D.enrolled = ui_enrol_summary(&D.p, D.enrolment, sizeof(D.enrolment));
	ui_glance_load(&D.glance, &D.p);
}

/* The file's open sync conflicts, read before the tabs are drawn. */
static void load_conflicts(void)
{
	struct pc_problems pr = {0};
	pc_sync_conflicts_free(&D.conflicts, D.nconflicts);
	D.nconflicts = 0;
	if (pc_sync_conflicts(ui_ctx, D.file_no, &D.conflicts, &D.nconflicts, &pr) != PC_OK)
		D.nconflicts = 0;
	pc_problems_clear(&pr);
}

static const char *status_label(const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "active"))
		return _("active");
	if (!strcmp(s, "closed"))
		return _("closed");
	return s;
}

static const char *programme_label(const char *value)
{
	if (!value)
		return "-";
	const struct pc_form *intake = pc_formset_find(ui_ctx->forms, "intake");
	const struct pc_field *f = intake ? pc_form_field(intake, "programme") : NULL;
	const struct pc_choice *c = f && f->choices ? pc_choice_find(f->choices, value) : NULL;
	return c ? pc_text_get(&c->label) : value;
}

static void draw_tabs(void)
{
	size_t n = nforms();
	move(TABS_Y, 0);
	clrtoeol();
	if (!n)
		return;
	char (*t)[200] = calloc(n, sizeof(*t));
	int *w = calloc(n, sizeof(*w));
	if (!t || !w) {
		free(t);
		free(w);
		return;
	}
	int total = 0;
	for (size_t i = 0; i < n; i++) {
		snprintf(t[i], sizeof(t[i]), "%s%s%s", conflicts_of(form_at(i)) ? "!" : "",
			 pc_text_get(&form_at(i)->title), D.tabs[i].draft ? "*" : "");
		w[i] = ui_text_width(t[i]) + 2;
		total += w[i] + 1;
	}
	/* too wide: the widest tabs give up a column each until all fit; the
	 * selected tab keeps its whole title while the others can give */
	while (total > COLS) {
		size_t widest = D.sel < n ? D.sel : 0;
		for (size_t i = 0; i < n; i++)
			if (i != D.sel && (widest == D.sel || w[i] > w[widest]) && w[i] > 5)
				widest = i;
		if (w[widest] <= 5)
			break;
		w[widest]--;
		total--;
	}
	int x = 0;
	for (size_t i = 0; i < n && x < COLS; i++) {
		int tw = w[i] < COLS - x ? w[i] : COLS - x;
		attrset(i == D.sel ? ui_attr(UI_A_SELECT) : A_NORMAL);
		move(TABS_Y, x);
		hline(' ', tw);
		/* the draft mark stays visible when the title is cut */
		size_t len = strlen(t[i]);
		bool mark = D.tabs[i].draft && ui_text_width(t[i]) > tw - 2;
		if (mark)
			t[i][len - 1] = '\0';
		int dw = ui_put(TABS_Y, x + 1, tw - 2 - (mark ? 1 : 0), t[i], true);
		if (mark)
			mvaddstr(TABS_Y, x + 1 + dw, "*");
		attrset(A_NORMAL);
		x += tw + 1;
	}
	free(t);
	free(w);
}

static void draw_state(void)
{
	const struct pc_form *f = form_at(D.sel);
	move(STATE_Y, 0);
	clrtoeol();
	if (!f)
		return;
	char line[400];
	if (f->period == PC_PERIOD_MONTH)
		snprintf(line, sizeof(line), _("Month %s (< >): %s"), D.period, D.tabs[D.sel].state);
	else
		snprintf(line, sizeof(line), "%s", D.tabs[D.sel].state);
	if (conflicts_of(f))
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s",
			 _("; sync conflict: s"));
	ui_put(STATE_Y, 1, COLS - 2, line, true);
}

/* "Sync conflict: Profile (2 versions)", in the warning colour, above
 * the answers, for every form of the file in conflict. */
static void draw_conflicts(void)
{
	move(CONFLICT_Y, 0);
	clrtoeol();
	if (!D.nconflicts)
		return;
	char names[400] = "";
	for (size_t i = 0; i < D.nconflicts; i++) {
		const struct pc_form *f = pc_formset_find(ui_ctx->forms, D.conflicts[i].form);
		size_t len = strlen(names);
		snprintf(names + len, sizeof(names) - len, "%s%s%s%s", i ? ", " : "",
			 f ? pc_text_get(&f->title) : D.conflicts[i].form,
			 *D.conflicts[i].period ? " " : "", D.conflicts[i].period);
	}
	char line[600];
	snprintf(line, sizeof(line),
		 P_("Sync conflict: %s (2 versions), s: see both",
		    "Sync conflicts: %s (2 versions each), s: see both", D.nconflicts),
		 names);
	attrset(ui_attr(UI_A_WARN) | A_BOLD);
	ui_put(CONFLICT_Y, 1, COLS - 2, line, true);
	attrset(A_NORMAL);
}

/* Lines left for the answers above the "Read by" section. */
static int preview_height(void)
{
	int h = LINES - PREVIEW_Y - 2;
	if (D.readers.shown)
		h -= ui_readers_height(&D.readers) + 1;
	if (ui_glance_height(&D.glance))
		h -= ui_glance_height(&D.glance) + 1;
	return h > 1 ? h : 1;
}

/* The line under the header: why the protected forms are not shown, or
 * that they are, by exceptional access. */
static void draw_access(void)
{
	move(ACCESS_Y, 0);
	clrtoeol();
	if (!D.outside && !D.granted) {
		ui_put(ACCESS_Y, 1, COLS - 2, D.enrolment, true);
		return;
	}
	attrset(ui_attr(UI_A_WARN));
	ui_put(ACCESS_Y, 1, COLS - 2,
	       D.granted ? _("Exceptional access (reading only, recorded): outside your caseload")
			 : _("Outside your caseload: intake only. x: exceptional access (reason "
			     "required)"),
	       true);
	attrset(A_NORMAL);
}

static void file_draw(void)
{
	char left[200], line[600];
	snprintf(left, sizeof(left), _("File %s"), D.p.file_no ? D.p.file_no : "");
	ui_title(left, status_label(D.p.status));
	snprintf(line, sizeof(line), "%s, %s", D.p.family_name ? D.p.family_name : "",
		 D.p.given_name ? D.p.given_name : "");
	attrset(A_BOLD);
	int w = ui_put(1, 1, COLS / 2, line, true);
	attrset(A_NORMAL);
	snprintf(line, sizeof(line), _("born %s"), D.p.birth_date ? D.p.birth_date : "-");
	ui_put(1, w + 4, COLS - w - 5, line, true);
	if (D.enrolled)
		snprintf(line, sizeof(line), _("Counsellor: %s"),
			 D.p.counsellor ? D.p.counsellor : "-");
	else /* the programme the intake asks for */
		snprintf(line, sizeof(line), _("Programme: %s   Counsellor: %s"),
			 programme_label(D.p.programme), D.p.counsellor ? D.p.counsellor : "-");
	if (D.readers.shown) /* a supervisor: the one who may change it */
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s",
			 _("  (c: change)"));
	ui_put(2, 1, COLS - 2, line, true);
	draw_access();
	draw_tabs();
	draw_state();
	draw_conflicts();
	if (D.tabs && D.tabs[D.sel].damaged) {
		attrset(A_BOLD);
		ui_put(PREVIEW_Y, 2, COLS - 3,
		       _("The saved answers of this form are damaged."), true);
		attrset(A_NORMAL);
		ui_put(PREVIEW_Y + 1, 2, COLS - 3,
		       _("Ask an administrator to run parcours check."),
		       true);
	} else if (D.tabs && D.tabs[D.sel].refused) {
		int n = ui_put_wrapped(PREVIEW_Y, 2, COLS - 3, 3, D.tabs[D.sel].why);
		if (D.outside)
			ui_put_wrapped(PREVIEW_Y + n + 1, 2, COLS - 3, 2,
				       _("This form is for the person's counsellor: x asks for "
					 "exceptional access."));
	} else if (D.preview.n)
		ui_answers_draw(&D.preview, PREVIEW_Y, preview_height());
	else
		ui_put(PREVIEW_Y, 2, COLS - 3,
		       D.granted ? _("Nothing saved yet (exceptional access: reading only).")
				 : _("Nothing saved yet: Enter fills this form."),
		       true);
	ui_readers_draw(&D.readers, LINES - 2 - ui_readers_height(&D.readers));
	ui_glance_draw(&D.glance, PREVIEW_Y + preview_height() + 1);
	if (D.counsellor.pick.open)
		ui_pick_draw(&D.counsellor.pick, 3, 20);
	ui_message_draw();
	ui_status(D.nconflicts ? conflict_keys : keys);
}

static void file_cursor(void)
{
	move(TABS_Y, 0);
}

/* Adds `by` months to "YYYY-MM". */
static void shift_month(char period[8], int by)
{
	int y = 0, m = 0;
	if (sscanf(period, "%4d-%2d", &y, &m) != 2)
		return;
	m += by;
	while (m < 1) {
		m += 12;
		y--;
	}
	while (m > 12) {
		m -= 12;
		y++;
	}
	if (y < 1 || y > 9999)
		return;
	char buf[32];
	snprintf(buf, sizeof(buf), "%04d-%02d", y, m);
	memcpy(period, buf, 8);
}

/* x: the reason typed, recorded by the core, then the forms are read. */
static void ask_exceptional(void)
{
	struct pc_problems pr = {0};
	if (!D.outside && pc_staff_can(ui_ctx, PC_DO_EXCEPTIONAL, &D.p, NULL, &pr) != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : "");
		pc_problems_clear(&pr);
		return;
	}
	if (!D.outside) {
		ui_message(false, "%s",
			   D.granted ? _("Exceptional access is already open for this file.")
				     : _("No exceptional access is needed to read this file."));
		return;
	}
	char *reason = ui_prompt(_("Why do you open this file outside your caseload? "
				   "(recorded, shown to supervisors)"));
	if (!reason) {
		ui_message(false, "%s", _("No exceptional access: cancelled."));
		return;
	}
	bool granted = false;
	if (pc_exceptional_open(ui_ctx, &D.p, reason, &granted, &pr) != PC_OK && pr.len)
		ui_message(true, "%s", pr.items[0].message);
	else if (granted)
		ui_message(false, "%s", _("Exceptional access recorded: the forms are shown, "
					  "reading only."));
	pc_problems_clear(&pr);
	free(reason);
}

/* c: a supervisor picks the person's counsellor; the core decides. */
static void ask_counsellor(void)
{
	struct pc_problems pr = {0};
	if (pc_staff_can(ui_ctx, PC_DO_ASSIGN, &D.p, NULL, &pr) == PC_OK)
		if (ui_counsellor_pick_open(&D.counsellor, D.p.counsellor, &pr))
			ui_message(false, "%s", _("The person's counsellor: Enter chooses, Esc cancels."));
	if (pr.len)
		ui_message(true, "%s", pr.items[0].message);
	pc_problems_clear(&pr);
}

static void counsellor_key(int key)
{
	char *login = NULL;
	int r = ui_pick_key(&D.counsellor.pick, key, &login);
	if (r == 0)
		return;
	ui_counsellor_pick_close(&D.counsellor);
	if (r > 0 && login && *login) {
		struct pc_problems pr = {0};
		bool changed = false;
		if (pc_assign(ui_ctx, D.file_no, login, NULL, &changed, &pr) == PC_OK)
			ui_message(false, changed ? _("Counsellor: %s (recorded)")
						  : _("%s already follows this person."),
				   login);
		else if (pr.len)
			ui_message(true, "%s", pr.items[0].message);
		pc_problems_clear(&pr);
	}
	free(login);
}

/* Enter or e on a form the reader may not change says so instead of
 * opening an editor whose save would be refused. */
static bool may_read(const struct pc_form *f)
{
	struct pc_problems pr = {0};
	bool ok = pc_staff_can_form(ui_ctx, &D.p, f, f->id, false, &pr) == PC_OK;
	if (!ok && pr.len)
		ui_message(true, "%s", pr.items[0].message);
	pc_problems_clear(&pr);
	return ok;
}

static bool may_change(const struct pc_form *f)
{
	struct pc_problems pr = {0};
	bool ok = pc_staff_can_form(ui_ctx, &D.p, f, f->id, true, &pr) == PC_OK;
	if (!ok && D.granted)
		ui_message(true, "%s", _("Exceptional access is for reading only."));
	else if (!ok && pr.len)
		ui_message(true, "%s", pr.items[0].message);
	pc_problems_clear(&pr);
	return ok;
}

static enum ui_result file_key(int key)
{
	size_t n = nforms();
	const struct pc_form *f = form_at(D.sel);
	if (D.counsellor.pick.open) {
		counsellor_key(key);
		load();
		return UI_REDRAW;
	}
	switch (key) {
	case 'x':
		ask_exceptional();
		break;
	case 'c':
		ask_counsellor();
		return UI_REDRAW;
	case 'w':
		ui_file_export(D.file_no);
		return UI_REDRAW;
	case 's':
		if (ui_conflict_open(D.file_no, f ? f->id : NULL, f ? period_of(f) : NULL))
			return UI_DONE;
		return UI_REDRAW;
	case 'p':
	case 'l':
		if (!ui_enrol_open(D.file_no, key == 'l', NULL, NULL))
			return UI_REDRAW;
		return UI_DONE;
	case UI_KEY_BASE + KEY_RIGHT:
	case '\t':
		if (n)
			D.sel = (D.sel + 1) % n;
		break;
	case UI_KEY_BASE + KEY_LEFT:
	case UI_KEY_BASE + KEY_BTAB:
		if (n)
			D.sel = (D.sel + n - 1) % n;
		break;
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
	case 'e':
		if (f && f->period == PC_PERIOD_ENTRY && may_read(f)) {
			ui_journal_open(&D.p, f); /* reading the journal; a adds if allowed */
			return UI_DONE;
		}
		if (!f || !may_change(f))
			return UI_REDRAW;
		if (key != 'e' && !strcmp(f->id, PC_PARTICIPATION_FORM))
			ui_month_open(D.file_no, D.period);
		else
			ui_form_open(f->id, D.file_no, period_of(f));
		return UI_DONE;
	case 'v':
		if (f && D.preview.n && !D.tabs[D.sel].refused && !D.tabs[D.sel].damaged) {
			char title[400];
			snprintf(title, sizeof(title), "%s - %s, %s (%s)", pc_text_get(&f->title),
				 D.p.family_name ? D.p.family_name : "",
				 D.p.given_name ? D.p.given_name : "", D.file_no);
			ui_viewer_open(title, &D.preview);
			return UI_DONE;
		}
		return UI_REDRAW;
	case 'h':
	case UI_KEY_BASE + KEY_F(4):
		if (f)
			ui_history_open(&D.p, f);
		return UI_DONE;
	case '<':
	case '>':
		if (!f || f->period != PC_PERIOD_MONTH)
			return UI_DONE;
		shift_month(D.period, key == '<' ? -1 : 1);
		break;
	case UI_KEY_BASE + KEY_UP:
	case UI_KEY_BASE + KEY_DOWN:
		ui_answers_scroll(&D.preview, key == UI_KEY_BASE + KEY_UP ? -1 : 1);
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_PPAGE:
	case UI_KEY_BASE + KEY_NPAGE:
		ui_answers_scroll(&D.preview, (key == UI_KEY_BASE + KEY_PPAGE ? -1 : 1) *
						      (preview_height() - 1));
		return UI_REDRAW;
	default:
		if (key >= '1' && key <= '9' && (size_t)(key - '1') < n) {
			D.sel = (size_t)(key - '1');
			break;
		}
		return UI_UNHANDLED;
	}
	load();
	return UI_REDRAW;
}

static void file_close(void)
{
	/* the exceptional access ends with this opening of the file */
	if (D.open)
		pc_exceptional_end(ui_ctx);
	ui_counsellor_pick_close(&D.counsellor);
	ui_readers_free(&D.readers);
	ui_glance_free(&D.glance);
	pc_sync_conflicts_free(&D.conflicts, D.nconflicts);
	pc_participant_clear(&D.p);
	free(D.file_no);
	free(D.tabs);
	ui_answers_free(&D.preview);
	memset(&D, 0, sizeof(D));
}

static void file_resume(void)
{
	load();
}

bool ui_file_open(const char *file_no)
{
	file_close();
	struct pc_problems pr = {0};
	/* a tab per form: every form is read now (the console starts without),
	 * and the programmes' conditions checked against the intake (the
	 * enrolment line reads them) */
	if (pc_formset_load_all(ui_ctx->forms, &pr) != PC_OK ||
	    pc_eligibility_check_intake(ui_ctx, &pr) != PC_OK) {
		ui_problem(&pr);
		pc_problems_clear(&pr);
		return false;
	}
	if (pc_file_get(ui_ctx, file_no, &D.p, &pr) != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : file_no);
		pc_problems_clear(&pr);
		return false;
	}
	D.file_no = strdup(file_no);
	D.tabs = calloc(nforms() + 1, sizeof(*D.tabs));
	if (!D.file_no || !D.tabs) {
		file_close();
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	snprintf(D.period, sizeof(D.period), "%.7s", ui_ctx->today);
	D.open = true;
	load();
	return ui_push(&ui_file_screen);
}

const struct ui_screen ui_file_screen = {
	.name = "file",
	.draw = file_draw,
	.key = file_key,
	.resume = file_resume,
	.close = file_close,
	.cursor = file_cursor,
	.keys = keys,
};
