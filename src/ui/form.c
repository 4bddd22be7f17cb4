/* The form screen: any form of forms/ filled for one participant (or a new
 * intake), with live relevance and calculations, the draft kept each time
 * an answer changes, an offer to resume a draft on opening, saving with
 * every problem shown under its field, and a question before leaving with
 * unsaved changes. The fields themselves are drawn by panel.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/short_id.h"
#include "parcours/json.h"
#include "ui/ui.h"

static struct {
	bool open;
	struct ui_doc doc;
	struct ui_panel panel;
	char *likely_said; /* a new intake's names the user went on with */
} F;

static const struct ui_keyhelp keys[] = {
	{N_("F2"), N_("Save"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("Tab"), N_("Next field"), true},
	{N_("F1"), N_("Help"), true},
	{N_("Ctrl-S"), N_("Save (as F2)"), false},
	{N_("Shift-Tab, Up"), N_("Previous field"), false},
	{N_("Tab, Down, Enter"), N_("Next field"), false},
	{N_("Page Up, Page Down"), N_("Several fields up or down"), false},
	{N_("Space, Enter"), N_("Choice: next choice, or the list of choices"), false},
	{N_("y, n, Space"), N_("Yes or no answer"), false},
	{N_("Delete"), N_("Choice or yes/no: no answer"), false},
	{N_("Enter, +, Insert"), N_("Rows (attendance...): open them, add one"), false},
	{N_("Left, Right, Home, End"), N_("Move in the text"), false},
	{N_("Backspace, Delete"), N_("Erase a character"), false},
	{N_("Ctrl-K, Ctrl-U, Ctrl-W"), N_("Erase to the end, to the start, a word"), false},
	{N_("F1, Ctrl-G"), N_("Help (? when not typing)"), false},
	{N_("Ctrl-L"), N_("Draw the screen again"), false},
	{NULL, NULL, false},
};

static void problem_message(const struct pc_problems *pr)
{
	for (size_t i = 0; i < pr->len; i++)
		if (!pr->items[i].warning) {
			ui_message(true, "%s: %s", pr->items[i].where, pr->items[i].message);
			return;
		}
}

void ui_form_changed(void)
{
	if (!F.open)
		return;
	ui_doc_refresh(&F.doc);
	struct pc_problems pr = {0};
	if (ui_doc_keep(&F.doc, &pr) != PC_OK) {
		problem_message(&pr);
		if (!pr.len)
			ui_message(true, "%s", _("the draft could not be kept"));
	}
	pc_problems_clear(&pr);
	ui_panel_relayout(&F.panel);
	ui_redraw();
}

static void changed(void *ctx)
{
	(void)ctx;
	ui_form_changed();
}

static void open_repeat(void *ctx, const struct pc_field *f, bool add)
{
	(void)ctx;
	ui_repeat_open(&F.doc, f, add);
}

static void form_close(void)
{
	if (!F.open)
		return;
	ui_panel_free(&F.panel);
	ui_doc_close(&F.doc);
	free(F.likely_said);
	F.likely_said = NULL;
	F.open = false;
}

/* Offers the draft of this form, if there is one. */
static void offer_draft(void)
{
	struct pc_json *draft = NULL;
	long long base = -1;
	if (ui_doc_ask_draft(&F.doc, &draft, &base)) {
		ui_doc_use(&F.doc, draft, base);
		ui_panel_relayout(&F.panel);
		/* the answer under the cursor now comes from the draft */
		F.panel.editing = false;
		if (F.panel.cur < F.panel.n) {
			const struct pc_field *f = &F.panel.fields[F.panel.cur];
			if (f->type != PC_TYPE_CHOICE && f->type != PC_TYPE_CHOICES &&
			    f->type != PC_TYPE_BOOLEAN && f->type != PC_TYPE_REPEAT)
				F.panel.editing = ui_edit_set(&F.panel.edit,
							      ui_doc_text(F.doc.raw, f->name),
							      f->type == PC_TYPE_TEXTAREA);
		}
		ui_message(false, "%s", _("Draft resumed."));
		ui_redraw();
	}
}

/* The panel over the opened document, and the form screen on top. */
static bool form_show(const struct pc_form *form)
{
	if (!ui_panel_init(&F.panel, &F.doc, form->fields, form->nfields, NULL, -1)) {
		ui_doc_close(&F.doc);
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	F.panel.changed = changed;
	F.panel.open_repeat = open_repeat;
	F.open = true;
	return ui_push(&ui_form_screen);
}

bool ui_form_open(const char *form_id, const char *file_no, const char *period)
{
	const struct pc_form *form = pc_formset_find(ui_ctx->forms, form_id);
	if (!form) {
		ui_message(true, _("there is no form \"%s\""), form_id);
		return false;
	}
	form_close();
	struct pc_problems pr = {0};
	if (ui_doc_open(&F.doc, form, file_no, period, &pr) != PC_OK) {
		problem_message(&pr);
		pc_problems_clear(&pr);
		return false;
	}
	if (!form_show(form))
		return false;
	offer_draft();
	return true;
}

/* The first field whose answer differs from the other copy's, focused. */
static void focus_first_difference(void)
{
	const struct pc_form *form = F.doc.form;
	for (size_t i = 0; i < form->nfields; i++) {
		const struct pc_json *a = pc_json_object_get(F.doc.raw, form->fields[i].name);
		const struct pc_json *b = pc_json_object_get(F.doc.other, form->fields[i].name);
		char *x = a ? pc_json_to_string(a) : NULL, *y = b ? pc_json_to_string(b) : NULL;
		bool differs = (x || y) && (!x || !y || strcmp(x, y));
		free(x);
		free(y);
		if (differs && ui_panel_focus_field(&F.panel, form->fields[i].name))
			return;
	}
}

bool ui_form_open_merge(const char *form_id, const char *file_no, const char *period,
			const char *theirs, const char *site)
{
	const struct pc_form *form = pc_formset_find(ui_ctx->forms, form_id);
	struct pc_json *stored = form ? pc_json_parse(theirs, strlen(theirs), NULL, 0) : NULL;
	struct pc_json *raw = stored ? pc_answers_to_raw(form, stored) : NULL;
	pc_json_free(&stored);
	if (!raw) {
		ui_message(true, "%s", _("the other copy's answers cannot be read"));
		return false;
	}
	form_close();
	struct pc_problems pr = {0};
	if (ui_doc_open(&F.doc, form, file_no, period, &pr) != PC_OK) {
		problem_message(&pr);
		pc_problems_clear(&pr);
		pc_json_free(&raw);
		return false;
	}
	F.doc.other = raw;
	snprintf(F.doc.other_site, sizeof(F.doc.other_site), "%s", site);
	if (!form_show(form))
		return false;
	focus_first_difference();
	ui_message(false, _("Merge: this copy's answers; the other copy's (%s) is shown under "
			    "each field that differs. F2 saves the merge."),
		   site);
	return true;
}

static void form_draw(void)
{
	char left[300], right[80];
	const struct ui_doc *d = &F.doc;
	if (d->who.file_no)
		snprintf(left, sizeof(left), "%s - %s, %s (%s)", pc_text_get(&d->form->title),
			 d->who.family_name ? d->who.family_name : "",
			 d->who.given_name ? d->who.given_name : "", d->who.file_no);
	else
		snprintf(left, sizeof(left), "%s - %s", pc_text_get(&d->form->title),
			 _("new participant"));
	char where[48];
	long long id = 0;
	char num[PC_SHORT_ID];
	struct pc_problems np = {0};
	/* an entry with a site's long id reads DATE/N (short_id.h) */
	if (d->form->period == PC_PERIOD_ENTRY && d->period[0] && pc_entry_id_parse(d->period, &id) &&
	    pc_short_id_needed(id) && pc_entry_number(ui_ctx, id, num, &np) == PC_OK)
		snprintf(where, sizeof(where), _("entry %s"), num);
	else if (d->form->period == PC_PERIOD_ENTRY && d->period[0])
		snprintf(where, sizeof(where), _("entry %s"), d->period);
	else if (d->form->period == PC_PERIOD_ENTRY)
		snprintf(where, sizeof(where), "%s", _("new entry"));
	else
		snprintf(where, sizeof(where), "%s", d->period);
	pc_problems_clear(&np);
	if (d->other) /* merging a sync conflict: said on every screen of it */
		snprintf(where + strlen(where), sizeof(where) - strlen(where), "%s%s",
			 where[0] ? "  " : "", _("merge"));
	snprintf(right, sizeof(right), "%s%s%s", where, where[0] && ui_doc_dirty(d) ? "  " : "",
		 ui_doc_dirty(d) ? _("not saved") : "");
	ui_title(left, right);
	ui_panel_draw(&F.panel, 1, LINES - 4, LINES - 3);
	ui_message_draw();
	ui_status(keys);
}

static void form_cursor(void)
{
	if (F.panel.pick.open)
		return;
	ui_panel_cursor(&F.panel);
}

/* Problems not about a field (a conflict, the period) or the first one. */
static const struct pc_problem *general_problem(const struct pc_problems *pr)
{
	for (size_t i = 0; i < pr->len; i++) {
		const struct pc_problem *p = &pr->items[i];
		char name[128];
		size_t n = strcspn(p->where, ".");
		if (p->warning || n >= sizeof(name))
			continue;
		memcpy(name, p->where, n);
		name[n] = '\0';
		if (!pc_form_field(F.doc.form, name))
			return p;
	}
	return NULL;
}

/* The programme and start date the intake being saved names, as codes
 * and YYYY-MM-DD from the validated answers (NULL when absent). */
static void intake_programme(char **programme, char **start)
{
	const struct pc_json *a = F.doc.clean ? F.doc.clean : F.doc.raw;
	const struct pc_json *p = a ? pc_json_object_get(a, "programme") : NULL;
	const struct pc_json *s = a ? pc_json_object_get(a, "start_date") : NULL;
	if (p && p->kind == PC_JSON_STRING)
		*programme = strdup(p->string);
	if (*programme && s && s->kind == PC_JSON_STRING)
		*start = strdup(s->string);
}

static void saved(char *file_no, const struct pc_problems *pr)
{
	size_t warnings = 0;
	const char *first = NULL;
	for (size_t i = 0; i < pr->len; i++)
		if (pr->items[i].warning && !warnings++)
			first = pr->items[i].message;
	bool intake = !F.doc.who.file_no, merged = F.doc.other != NULL;
	long long rev = F.doc.base;
	char *programme = NULL, *start = NULL;
	if (!strcmp(F.doc.form->id, "intake"))
		intake_programme(&programme, &start);
	char *who = F.doc.who.file_no ? strdup(F.doc.who.file_no) : NULL;
	ui_pop();
	if (intake && file_no) {
		if (ui_file_open(file_no)) {
			bool dup = false;
			/* a likely duplicate is said at once */
			for (size_t i = 0; i < pr->len && !dup; i++)
				if ((dup = pr->items[i].warning))
					ui_message(false,
						   _("File %s created; %s may be the same person."),
						   file_no, pr->items[i].where);
			if (!dup)
				ui_message(false, _("Saved: file %s created."), file_no);
			ui_enrol_offer(file_no, programme, start);
		}
		free(programme);
		free(start);
		free(who);
		return;
	}
	if (merged)
		ui_message(false, _("Merged version saved (revision %lld): the conflict is closed."),
			   rev);
	else if (first)
		ui_message(false, _("Saved (revision %lld). Check: %s"), rev, first);
	else
		ui_message(false, _("Saved (revision %lld)."), rev);
	if (programme && who)
		ui_enrol_offer(who, programme, start);
	free(programme);
	free(start);
	free(who);
}

/* A new intake alike someone on file: true when the save may go on. */
static bool not_a_duplicate(void)
{
	if (F.doc.who.file_no || strcmp(F.doc.form->id, "intake"))
		return true;
	char *existing = NULL;
	enum ui_likely r = ui_likely_ask(F.doc.raw, &existing, &F.likely_said);
	if (r == UI_LIKELY_OPEN) {
		/* the typed intake is not lost: it waits as a draft */
		struct pc_problems pr = {0};
		ui_doc_keep(&F.doc, &pr);
		pc_problems_clear(&pr);
		ui_pop();
		if (ui_file_open(existing))
			ui_message(false, _("File %s opened instead; the intake typed is kept as a draft."),
				   existing);
	} else if (r == UI_LIKELY_BACK) {
		ui_message(false, "%s", _("Not saved: the intake stays as typed."));
	}
	free(existing);
	return r == UI_LIKELY_NONE || r == UI_LIKELY_GO_ON;
}

void ui_form_save(void)
{
	if (!F.open)
		return;
	ui_panel_commit(&F.panel);
	if (!not_a_duplicate())
		return;
	if (F.doc.other) {
		int a = ui_ask(_("Save this merged version and close the sync conflict? (y/n)"),
			       "oyn");
		if (a != 'o' && a != 'y') {
			ui_message(false, "%s", _("Not saved: the conflict stays open."));
			return;
		}
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		struct pc_problems pr = {0};
		char *file_no = NULL;
		enum pc_status st = ui_doc_save(&F.doc, &file_no, &pr);
		if (st == PC_OK) {
			saved(file_no, &pr);
			free(file_no);
			pc_problems_clear(&pr);
			return;
		}
		ui_panel_relayout(&F.panel);
		ui_redraw();
		const struct pc_problem *g = general_problem(&pr);
		if (st == PC_REFUSED && g && attempt == 0 && pc_problems_errors(&pr) == 1 &&
		    F.doc.who.file_no && !strcmp(g->where, F.doc.form->id)) {
			/* saved by someone else since: say so and let the person decide */
			char q[600];
			snprintf(q, sizeof(q), _("Not saved: %s. Save over it anyway? (y/n)"),
				 g->message);
			pc_problems_clear(&pr);
			int a = ui_ask(q, "oyn");
			if (a == 'o' || a == 'y') {
				F.doc.base = -1;
				continue;
			}
			return;
		}
		if (st == PC_REFUSED) {
			ui_panel_focus_problem(&F.panel);
			size_t n = pc_problems_errors(&pr);
			if (g)
				ui_message(true, "%s", g->message);
			else if (n == 1)
				ui_message(true, "%s", _("Not saved: one answer to fix."));
			else
				ui_message(true, _("Not saved: %zu answers to fix."), n);
		} else {
			problem_message(&pr);
		}
		pc_problems_clear(&pr);
		return;
	}
}

/* Esc: leaving with changes asks first; the draft stays unless discarded. */
static void leave(void)
{
	ui_panel_commit(&F.panel);
	if (!ui_doc_dirty(&F.doc)) {
		ui_pop();
		return;
	}
	int a = ui_ask(_("Not saved. y: leave (draft kept), d: discard the draft, n: stay"),
		       "oyednr");
	if (a == 'o' || a == 'y') {
		ui_pop();
		ui_message(false, "%s", _("Draft kept."));
	} else if (a == 'e' || a == 'd') {
		struct pc_problems pr = {0};
		ui_doc_discard(&F.doc, &pr);
		pc_problems_clear(&pr);
		ui_pop();
		ui_message(false, "%s", _("Draft discarded."));
	}
}

static enum ui_result form_key(int key)
{
	if (key == UI_KEY_BASE + KEY_F(2) || key == UI_CTRL_S) {
		ui_form_save();
		return UI_DONE;
	}
	if (key == UI_ESC && !F.panel.pick.open) {
		leave();
		return UI_DONE;
	}
	return ui_panel_key(&F.panel, key);
}

static void form_resume(void)
{
	if (F.open)
		ui_panel_relayout(&F.panel);
}

/* Hangup: the answer being typed goes into the draft with the others. */
static void form_flush(void)
{
	if (!F.open)
		return;
	ui_panel_commit(&F.panel);
	if (ui_doc_dirty(&F.doc)) {
		struct pc_problems pr = {0};
		ui_doc_keep(&F.doc, &pr);
		pc_problems_clear(&pr);
	}
}

const struct ui_screen ui_form_screen = {
	.name = "form",
	.draw = form_draw,
	.key = form_key,
	.resume = form_resume,
	.flush = form_flush,
	.close = form_close,
	.cursor = form_cursor,
	.keys = keys,
};
