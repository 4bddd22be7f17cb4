/* The enrolment panel of a file: enrol the person in a programme (picker of
 * programmes.yaml's programmes, start date, per-person hours or a ramp-up,
 * counsellor picker), or record their exit (date, picker of exit reasons).
 * It only gathers what is typed: the rules, the permission and the audit
 * entry are pc_enrol's and pc_leave's, as for the command line. A refused
 * save keeps every answer and shows each problem under its field; a date
 * that changes a closed month adds the field asking why (closed_change.h).
 * The programme's eligibility conditions the person does not meet are shown
 * before saving; a supervisor types the exception's reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/core.h"
#include "parcours/eligibility.h"
#include "parcours/enrolment_view.h"
#include "parcours/exit_reason.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/staff.h"
#include "ui/ui.h"

enum { FIELDS_MAX = 7, FIELD_Y = 3, LABEL_W = 24 };

/* One line of the panel: a text typed or a value picked from `list`. */
struct field {
	const char *where;                 /* the core's name for it in problems ("start") */
	const char *label;                 /* N_() */
	const char *hint;                  /* N_() */
	const struct pc_choice_list *list; /* a picked value; NULL: typed text */
	char *value;                       /* picked: the code; typed: kept in `edit` */
	struct ui_edit edit;
};

static struct {
	bool open, leaving;
	bool dirty; /* typed or picked since opened: kept as a draft */
	struct pc_participant who;
	char *file_no;
	char *name;
	struct field f[FIELDS_MAX];
	size_t n, cur;
	int y[FIELDS_MAX];                         /* where each field was drawn, for the cursor */
	struct pc_choice_list programmes, reasons; /* built from programmes.yaml */
	struct ui_counsellor_pick counsellors;     /* its list only; the pick is ours */
	struct ui_pick pick;
	struct pc_problems pr; /* of the last refused save */
	char *pid;             /* the participant's id, for eligibility */
	char *elig_for;        /* the programme `elig` was worked out for */
	struct pc_problems elig; /* its conditions not met, as warnings */
} E;

static const struct ui_keyhelp keys[] = {
    {N_("F2"), N_("Save"), true},
    {N_("Esc"), N_("Back"), true},
    {N_("Tab"), N_("Next field"), true},
    {N_("F1"), N_("Help"), true},
    {N_("Ctrl-S"), N_("Save (as F2)"), false},
    {N_("Shift-Tab, Up"), N_("Previous field"), false},
    {N_("Tab, Down"), N_("Next field"), false},
    {N_("Enter, Space"), N_("Programme, counsellor, reason: the list to choose from"), false},
    {NULL, NULL, false},
};

static void list_clear(struct pc_choice_list *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i].value);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* The programmes, or the exit reasons still accepted, as choices whose
 * labels point into ui_ctx->programmes (they live as long as the console). */
static bool lists_build(void)
{
	const struct pc_programmes *p = ui_ctx->programmes;
	size_t np = p ? p->len : 0, nr = p ? p->exit_reasons.len : 0;
	E.programmes.items = calloc(np + 1, sizeof(struct pc_choice));
	E.reasons.items = calloc(nr + 1, sizeof(struct pc_choice));
	if (!E.programmes.items || !E.reasons.items)
		return false;
	for (size_t i = 0; i < np; i++) {
		struct pc_choice *c = &E.programmes.items[E.programmes.len];
		if (!(c->value = strdup(p->items[i].id)))
			return false;
		c->label = p->items[i].title;
		E.programmes.len++;
	}
	for (size_t i = 0; i < nr; i++) {
		const struct pc_exit_reason *r = &p->exit_reasons.items[i];
		if (r->retired)
			continue;
		struct pc_choice *c = &E.reasons.items[E.reasons.len];
		if (!(c->value = strdup(r->code)))
			return false;
		c->label = r->label;
		E.reasons.len++;
	}
	return true;
}

static bool add_field(const char *where, const char *label, const char *hint,
                      const struct pc_choice_list *list, const char *value)
{
	struct field *f = &E.f[E.n++];
	f->where = where;
	f->label = label;
	f->hint = hint;
	f->list = list;
	if (list)
		return !value || (f->value = strdup(value)) != NULL;
	return ui_edit_set(&f->edit, value ? value : "", false);
}

/* The text of a field as the core takes it: NULL when empty. */
static char *field_text(const struct field *f)
{
	char *s = f->list ? (f->value ? strdup(f->value) : NULL) : ui_edit_text(&f->edit);
	if (s && !*s) {
		free(s);
		s = NULL;
	}
	return s;
}

/* The panel's date fields: the start of an enrolment, the date of an exit. */
static bool is_date(const struct field *f)
{
	return !f->list && (!strcmp(f->where, "start") || !strcmp(f->where, "date"));
}

static void enrol_close(void)
{
	if (E.pick.open)
		ui_pick_close(&E.pick);
	for (size_t i = 0; i < E.n; i++) {
		free(E.f[i].value);
		ui_edit_free(&E.f[i].edit);
	}
	list_clear(&E.programmes);
	list_clear(&E.reasons);
	ui_counsellor_pick_close(&E.counsellors);
	pc_problems_clear(&E.pr);
	pc_participant_clear(&E.who);
	pc_problems_clear(&E.elig);
	free(E.elig_for);
	free(E.pid);
	free(E.file_no);
	free(E.name);
	memset(&E, 0, sizeof(E));
}

/* ---- drafts: what was typed in the panel outlives a lost terminal ----
 * Kept like a form's draft, per login, under a name no form can have. */

static const char *draft_name(void)
{
	return E.leaving ? "@exit" : "@enrol";
}

/* Keeps every field as typed (a picked code, a typed text). */
static void draft_keep(void)
{
	if (!E.open || !E.dirty)
		return;
	struct pc_json *o = pc_json_new(PC_JSON_OBJECT);
	bool ok = o != NULL;
	for (size_t i = 0; ok && i < E.n; i++) {
		char *t = field_text(&E.f[i]);
		if (t)
			ok = pc_json_object_set(o, E.f[i].where, pc_json_new_string(t));
		free(t);
	}
	struct pc_problems pr = {0};
	if (!ok || pc_draft_keep(ui_ctx, &E.who, draft_name(), NULL, o, 0, &pr) != PC_OK)
		ui_message(true, "%s", pr.len ? pr.items[0].message
		                                : _("the draft could not be kept"));
	pc_problems_clear(&pr);
	pc_json_free(&o);
}

static void draft_discard(void)
{
	struct pc_problems pr = {0};
	pc_draft_discard(ui_ctx, &E.who, draft_name(), NULL, &pr);
	pc_problems_clear(&pr);
}

/* A draft left by a lost terminal fills the fields it names. */
static bool draft_resume(void)
{
	struct pc_json *a = NULL;
	long long base = 0;
	struct pc_problems pr = {0};
	bool ok = true;
	if (pc_draft_find(ui_ctx, &E.who, draft_name(), NULL, &a, &base, NULL, &pr) == PC_OK && a) {
		for (size_t i = 0; ok && i < E.n; i++) {
			const char *t = ui_doc_text(a, E.f[i].where);
			if (!t)
				continue;
			if (E.f[i].list) {
				free(E.f[i].value);
				ok = (E.f[i].value = strdup(t)) != NULL;
			} else {
				ok = ui_edit_set(&E.f[i].edit, t, false);
			}
		}
		E.dirty = true;
		ui_message(false, "%s", _("Draft resumed."));
	}
	pc_json_free(&a);
	pc_problems_clear(&pr);
	return ok;
}

/* Who follows the person by default: whoever does now, else me when I am
 * a counsellor. */
static const char *default_counsellor(const struct pc_participant *p, char **mine)
{
	*mine = NULL;
	if (p->counsellor)
		return p->counsellor;
	struct pc_staff me = {0};
	struct pc_problems pr = {0};
	if (pc_staff_me(ui_ctx, &me, &pr) == PC_OK && (me.roles & PC_ROLE_COUNSELLOR))
		*mine = strdup(me.login);
	pc_staff_clear(&me);
	pc_problems_clear(&pr);
	return *mine;
}

/* An exit ends an open enrolment and a new enrolment needs none open:
 * said before anything is typed. */
static enum pc_status enrolled_as_needed(const struct pc_participant *p, bool leaving,
                                         struct pc_problems *pr)
{
	struct pc_enrolment_view *v = NULL;
	size_t n = 0;
	enum pc_status st = pc_file_enrolments(ui_ctx, p, &v, &n, pr);
	const struct pc_enrolment_view *open = st == PC_OK ? pc_enrolment_views_open(v, n) : NULL;
	if (st == PC_OK && leaving && !open) {
		pc_problems_add(pr, false, "date", "%s",
		                _("Not enrolled in any programme: no participation to end."));
		st = PC_REFUSED;
	} else if (st == PC_OK && !leaving && open) {
		pc_problems_add(pr, false, "programme",
		                _("Already enrolled in %s since %s: l records the exit first."),
		                open->title, open->start);
		st = PC_REFUSED;
	}
	pc_enrolment_views_free(&v, n);
	return st;
}

bool ui_enrol_open(const char *file_no, bool leaving, const char *programme, const char *start)
{
	enrol_close();
	struct pc_problems pr = {0};
	struct pc_participant p = {0};
	/* the conditions shown are checked against the intake (the console
	 * starts without reading it) */
	if (pc_eligibility_check_intake(ui_ctx, &pr) != PC_OK) {
		ui_problem(&pr);
		pc_problems_clear(&pr);
		return false;
	}
	enum pc_status st = pc_file_get(ui_ctx, file_no, &p, &pr);
	/* asked first, so that the person is not made to type for nothing */
	if (st == PC_OK)
		st = pc_staff_can(ui_ctx, PC_DO_ENROL, &p, NULL, &pr);
	if (st == PC_OK)
		st = enrolled_as_needed(&p, leaving, &pr);
	if (st != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : file_no);
		pc_problems_clear(&pr);
		pc_participant_clear(&p);
		return false;
	}
	size_t len = strlen(p.family_name ? p.family_name : "") +
	             strlen(p.given_name ? p.given_name : "") + 3;
	E.open = true;
	E.leaving = leaving;
	E.file_no = strdup(file_no);
	E.pid = strdup(p.id);
	E.name = malloc(len);
	bool ok = E.file_no && E.pid && E.name && lists_build();
	if (ok)
		snprintf(E.name, len, "%s, %s", p.family_name ? p.family_name : "",
		         p.given_name ? p.given_name : "");
	char *mine = NULL;
	if (ok && leaving) {
		ok = add_field("date", N_("Exit date"),
		               N_("YYYY-MM-DD, not after today nor before the start"), NULL,
		               ui_ctx->today) &&
		     add_field("reason", N_("Reason"), N_("Enter: the list of reasons"), &E.reasons,
		               NULL);
	} else if (ok) {
		if (!programme && pc_programme_find(ui_ctx->programmes, p.programme))
			programme = p.programme;
		/* without a list of counsellors, none is picked: the current stays */
		if (!ui_counsellor_pick_open(&E.counsellors, NULL, &pr))
			pc_problems_clear(&pr);
		else
			ui_pick_close(&E.counsellors.pick);
		ok = add_field("programme", N_("Programme"), N_("Enter: the list of programmes"),
		               &E.programmes, programme) &&
		     add_field("start", N_("Start date"), N_("YYYY-MM-DD"), NULL,
		               start ? start : ui_ctx->today) &&
		     add_field("hours", N_("Hours a month"),
		               N_("Only for a programme whose target is set per person"), NULL,
		               NULL) &&
		     add_field("ramp", N_("Ramp-up"),
		               N_("Targets of the first months, as 20,40,60 (may stay empty)"),
		               NULL, NULL) &&
		     add_field("counsellor", N_("Counsellor"), N_("Enter: the list of counsellors"),
		               &E.counsellors.list, default_counsellor(&p, &mine)) &&
		     add_field("exception", N_("Exception"),
		               N_("Eligibility not met: a supervisor types the reason of the exception"),
		               NULL, NULL);
	}
	free(mine);
	E.who = p; /* the panel's now */
	memset(&p, 0, sizeof(p));
	if (ok)
		ok = draft_resume();
	if (!ok) {
		enrol_close();
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	return ui_push(&ui_enrol_screen);
}

/* The first problem the core gave about field `where`. */
static const char *problem_at(const char *where)
{
	for (size_t i = 0; i < E.pr.len; i++)
		if (!strcmp(E.pr.items[i].where, where))
			return E.pr.items[i].message;
	return NULL;
}

static const char *shown_value(const struct field *f)
{
	if (!f->value)
		return "";
	const struct pc_choice *c = pc_choice_find(f->list, f->value);
	return c ? pc_text_get(&c->label) : f->value;
}

/* The conditions of the picked programme that the person does not meet,
 * worked out again only when another programme is picked. */
static void eligibility_update(void)
{
	const char *prog_id = E.leaving || !E.n ? NULL : E.f[0].value;
	if (!prog_id ? !E.elig_for : E.elig_for && !strcmp(prog_id, E.elig_for))
		return;
	free(E.elig_for);
	E.elig_for = prog_id ? strdup(prog_id) : NULL;
	pc_problems_clear(&E.elig);
	const struct pc_programme *prog = pc_programme_find(ui_ctx->programmes, prog_id);
	if (!prog || !prog->eligibility.len)
		return;
	struct pc_participant p = {.id = E.pid, .file_no = E.file_no};
	struct pc_eligibility_outcome o;
	if (pc_eligibility_of(ui_ctx, &p, prog, &o, &E.elig) == PC_OK)
		pc_eligibility_explain(prog, &o, true, &E.elig);
}

/* Below the fields: what the person does not meet, so that the counsellor
 * knows before saving that a supervisor must confirm it. */
static void eligibility_draw(int y)
{
	if (!E.elig.len || y >= LINES - 5)
		return;
	attrset(ui_attr(UI_A_WARN));
	char head[200];
	snprintf(head, sizeof(head), _("Eligibility for %s not shown by the intake:"),
	         shown_value(&E.f[0]));
	ui_put(y++, 2, COLS - 3, head, true);
	for (size_t i = 0; i < E.elig.len && y < LINES - 4; i++)
		y += ui_put_wrapped(y, 4, COLS - 5, LINES - 4 - y, E.elig.items[i].message);
	attrset(A_NORMAL);
}

static void enrol_draw(void)
{
	char title[300];
	snprintf(title, sizeof(title), "%s - %s (%s)",
	         E.leaving ? _("End of participation") : _("Enrolment"), E.name, E.file_no);
	ui_title(title, "");
	int y = FIELD_Y, cy = -1, cx = -1;
	for (size_t i = 0; i < E.n && y < LINES - 4; i++) {
		struct field *f = &E.f[i];
		E.y[i] = y;
		attrset(i == E.cur ? A_BOLD : A_NORMAL);
		ui_put(y, 2, LABEL_W - 3, _(f->label), true);
		attrset(A_NORMAL);
		if (f->list) {
			const char *v = shown_value(f);
			ui_put(y, LABEL_W, COLS - LABEL_W - 1, *v ? v : _("(choose)"), true);
			if (i == E.cur) {
				cy = y;
				cx = LABEL_W;
			}
		} else {
			int ey, ex;
			ui_edit_draw(&f->edit, y, LABEL_W, COLS - LABEL_W - 2, 1, &ey, &ex);
			if (i == E.cur) {
				cy = ey;
				cx = ex;
			}
		}
		y++;
		const char *why = problem_at(f->where);
		if (why) {
			attrset(ui_attr(UI_A_ERROR));
			y += ui_put_wrapped(y, LABEL_W, COLS - LABEL_W - 1, 2, why);
			attrset(A_NORMAL);
		}
		y++;
	}
	eligibility_update();
	eligibility_draw(y);
	if (E.cur < E.n) {
		attrset(ui_attr(UI_A_DIM));
		ui_put(LINES - 4, 2, COLS - 3, _(E.f[E.cur].hint), true);
		attrset(A_NORMAL);
	}
	if (E.pick.open)
		ui_pick_draw(&E.pick, cy + 1, LABEL_W);
	ui_message_draw();
	ui_status(keys);
	if (!E.pick.open && cy >= 0)
		move(cy, cx);
}

static void enrol_cursor(void)
{
	if (E.pick.open || E.cur >= E.n)
		return;
	int y = E.y[E.cur];
	if (y < FIELD_Y || y >= LINES - 4)
		return;
	if (E.f[E.cur].list) {
		move(y, LABEL_W);
	} else {
		int cy, cx;
		ui_edit_draw(&E.f[E.cur].edit, y, LABEL_W, COLS - LABEL_W - 2, 1, &cy, &cx);
		move(cy, cx);
	}
}

/* The problems not about a field (who may, the file), as the message. */
static void say_refused(void)
{
	/* the conditions are listed below the fields: their last word (who
	 * confirms an exception) is the one to say */
	const char *elig = NULL;
	for (size_t i = 0; i < E.pr.len; i++)
		if (!strcmp(E.pr.items[i].where, "eligibility") && !E.pr.items[i].warning)
			elig = E.pr.items[i].message;
	for (size_t i = 0; i < E.pr.len; i++) {
		if (elig && !strcmp(E.pr.items[i].where, "eligibility"))
			continue;
		bool field = false;
		for (size_t k = 0; k < E.n; k++)
			field |= !strcmp(E.pr.items[i].where, E.f[k].where);
		if (!field && !E.pr.items[i].warning) {
			ui_message(true, "%s", E.pr.items[i].message);
			return;
		}
	}
	if (elig) {
		ui_message(true, "%s", elig);
		return;
	}
	ui_message(true, "%s",
	           E.leaving ? _("Exit not recorded: see the answers to fix.")
	                     : _("Not enrolled: see the answers to fix."));
}

/* The field named `where`, or NULL when it is not shown. */
static struct field *field_at(const char *where)
{
	for (size_t i = 0; i < E.n; i++)
		if (!strcmp(E.f[i].where, where))
			return &E.f[i];
	return NULL;
}

/* A date that changes a closed month was refused for want of a reason:
 * the field asking for it appears under the others. */
static void ask_reason_if_needed(void)
{
	const char *where = E.leaving ? "change_reason" : "reason";
	if (!problem_at(where) || field_at(where) || E.n >= FIELDS_MAX)
		return;
	if (!add_field(where, N_("Why (closed months)"),
	               N_("The date changes a month already closed: say why (kept with it)"),
	               NULL, NULL))
		ui_message(true, "%s", _("out of memory"));
}

static void resolve_date_word(struct field *f);

static void save(void)
{
	char *t[FIELDS_MAX] = {0};
	if (E.cur < E.n)
		resolve_date_word(&E.f[E.cur]);
	for (size_t i = 0; i < E.n; i++)
		t[i] = field_text(&E.f[i]);
	pc_problems_clear(&E.pr);
	enum pc_status st;
	const char *option = _("this field");
	if (E.leaving) {
		struct field *r = field_at("change_reason");
		st = pc_leave_more(ui_ctx, E.file_no, t[0], t[1], r ? t[r - E.f] : NULL, option,
		                   &E.pr);
	} else {
		struct field *r = field_at("reason"), *x = field_at("exception");
		struct pc_enrol_more more = {.reason = r ? t[r - E.f] : NULL,
		                             .reason_option = option,
		                             .exception = x ? t[x - E.f] : NULL};
		st = pc_enrol_more(ui_ctx, E.file_no, t[0], t[1], t[2], t[3], t[4], &more, &E.pr);
	}
	if (st != PC_OK)
		ask_reason_if_needed();
	char done[300] = "";
	if (st == PC_OK && E.leaving)
		snprintf(done, sizeof(done), _("Exit recorded on %s: %s."), t[0],
		         pc_exit_reason_label(&ui_ctx->programmes->exit_reasons, t[1]));
	else if (st == PC_OK)
		snprintf(done, sizeof(done), _("Enrolled in %s from %s."), shown_value(&E.f[0]),
		         t[1]);
	for (size_t i = 0; i < E.n; i++)
		free(t[i]);
	if (st != PC_OK) {
		/* everything typed stays; the first field to fix gets the cursor */
		for (size_t i = 0; i < E.n; i++)
			if (problem_at(E.f[i].where)) {
				E.cur = i;
				break;
			}
		say_refused();
		return;
	}
	draft_discard();
	ui_pop();
	ui_message(false, "%s", done);
}

/* A date typed as a word ("hier") becomes the date it means, on screen. */
static void resolve_date_word(struct field *f)
{
	char day[11], *typed = is_date(f) ? ui_edit_text(&f->edit) : NULL;
	if (typed && ui_date_word(typed, day))
		ui_edit_set(&f->edit, day, false);
	free(typed);
}

static void move_by(int by)
{
	if (!E.n)
		return;
	struct field *left = &E.f[E.cur];
	resolve_date_word(left);
	draft_keep();
	if (!left->list)
		left->edit.selected = false;
	E.cur = (E.cur + E.n + (size_t)(by < 0 ? E.n - 1 : 1)) % E.n;
	/* a field entered is selected: typing replaces it */
	struct field *f = &E.f[E.cur];
	f->edit.selected = !f->list && f->edit.len > 0;
}

/* Esc: as a form, leaving with something typed asks first; the draft
 * stays unless discarded. */
static enum ui_result leave(void)
{
	const char *none = E.leaving ? _("No exit recorded.") : _("Not enrolled.");
	if (!E.dirty) {
		ui_pop();
		ui_message(false, "%s", none);
		return UI_DONE;
	}
	int a = ui_ask(_("Not saved. y: leave (draft kept), d: discard the draft, n: stay"),
	               "oyednr");
	if (a == 'o' || a == 'y') {
		draft_keep();
		ui_pop();
		ui_message(false, "%s %s", none, _("Draft kept."));
		return UI_DONE;
	}
	if (a == 'e' || a == 'd') {
		draft_discard();
		ui_pop();
		ui_message(false, "%s %s", none, _("Draft discarded."));
		return UI_DONE;
	}
	return UI_REDRAW;
}

static enum ui_result enrol_key(int key)
{
	struct field *f = E.cur < E.n ? &E.f[E.cur] : NULL;
	if (E.pick.open) {
		char *value = NULL;
		int r = ui_pick_key(&E.pick, key, &value);
		if (r != 0)
			ui_pick_close(&E.pick);
		if (r > 0 && f) {
			E.dirty = true;
			free(f->value);
			f->value = value && *value ? value : NULL;
			if (!f->value)
				free(value);
			move_by(1);
		} else {
			free(value);
		}
		return UI_REDRAW;
	}
	switch (key) {
	case UI_KEY_BASE + KEY_F(2):
	case UI_CTRL_S:
		save();
		return UI_REDRAW;
	case UI_ESC:
		return leave();
	case '\t':
	case UI_KEY_BASE + KEY_DOWN:
		move_by(1);
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_BTAB:
	case UI_KEY_BASE + KEY_UP:
		move_by(-1);
		return UI_REDRAW;
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
		if (f && !f->list) {
			move_by(1);
			return UI_REDRAW;
		}
		/* fallthrough */
	case ' ':
		if (f && f->list) {
			if (!f->list->len)
				ui_message(true, "%s",
				           _("Nothing to choose from: see programmes.yaml "
				             "and the staff."));
			else if (!ui_pick_open(&E.pick, f->list, f->value, false))
				ui_message(true, "%s", _("out of memory"));
			return UI_REDRAW;
		}
		break;
	case UI_KEY_BASE + KEY_DC:
		if (f && f->list) {
			E.dirty |= f->value != NULL;
			free(f->value);
			f->value = NULL;
			return UI_REDRAW;
		}
		break;
	default:
		break;
	}
	if (f && is_date(f) && ui_date_key(&f->edit, key)) {
		E.dirty = true;
		return UI_REDRAW;
	}
	enum ui_edit_result r =
	    f && !f->list ? ui_edit_key(&f->edit, key, COLS - LABEL_W - 2, 1) : UI_EDIT_UNHANDLED;
	E.dirty |= r == UI_EDIT_CHANGED;
	return r == UI_EDIT_UNHANDLED ? UI_UNHANDLED : UI_REDRAW;
}

/* Hangup: what is typed stays as a draft. */
static void enrol_flush(void)
{
	draft_keep();
}

const struct ui_screen ui_enrol_screen = {
    .name = "enrol",
    .draw = enrol_draw,
    .key = enrol_key,
    .close = enrol_close,
    .cursor = enrol_cursor,
    .flush = enrol_flush,
    .keys = keys,
};

/* ---- the file screen's line about enrolments ---- */

bool ui_enrol_summary(const struct pc_participant *p, char *out, size_t size)
{
	bool enrolled = false;
	struct pc_enrolment_view *v = NULL;
	size_t n = 0;
	struct pc_problems pr = {0};
	out[0] = '\0';
	if (pc_file_enrolments(ui_ctx, p, &v, &n, &pr) != PC_OK) {
		snprintf(out, size, "%s", pr.len ? pr.items[0].message : "");
	} else if (!n) {
		snprintf(out, size, "%s", _("Not enrolled in any programme (p: enrol)"));
	} else {
		const struct pc_enrolment_view *e = pc_enrolment_views_open(v, n);
		enrolled = e != NULL;
		char *exception = NULL;
		if (e && pc_eligibility_exception_line(ui_ctx, p, &exception, &pr) == PC_OK &&
		    exception)
			snprintf(out, size, _("Enrolled in %s since %s (l: exit); %s"), e->title,
			         e->start, exception);
		else if (e)
			snprintf(out, size, _("Enrolled in %s since %s (l: exit)"), e->title,
			         e->start);
		else if (v[n - 1].reason)
			snprintf(out, size, _("Exit on %s: %s (%s from %s)"), v[n - 1].end,
			         v[n - 1].reason, v[n - 1].title, v[n - 1].start);
		else
			snprintf(out, size, _("Exit on %s (%s from %s)"), v[n - 1].end,
			         v[n - 1].title, v[n - 1].start);
		free(exception);
		if (n > 1) {
			size_t len = strlen(out);
			snprintf(out + len, size - len,
			         P_("; %zu earlier enrolment", "; %zu earlier enrolments", n - 1),
			         n - 1);
		}
	}
	pc_enrolment_views_free(&v, n);
	pc_problems_clear(&pr);
	return enrolled;
}

/* ---- an intake naming a programme offers to enrol ---- */

void ui_enrol_offer(const char *file_no, const char *programme, const char *start)
{
	const struct pc_programme *prog = pc_programme_find(ui_ctx->programmes, programme);
	if (!file_no || !prog)
		return;
	struct pc_problems pr = {0};
	struct pc_participant p = {0};
	struct pc_enrolment_view *v = NULL;
	size_t n = 0;
	if (pc_file_get(ui_ctx, file_no, &p, &pr) != PC_OK ||
	    pc_file_enrolments(ui_ctx, &p, &v, &n, &pr) != PC_OK || pc_enrolment_views_open(v, n))
		goto out; /* enrolled already, or nothing to offer */
	if (pc_staff_can(ui_ctx, PC_DO_ENROL, &p, NULL, &pr) != PC_OK) {
		ui_message(false,
		           _("Not enrolled in %s yet: a supervisor or the person's "
		             "counsellor enrols (p on the file)."),
		           pc_text_get(&prog->title));
		goto out;
	}
	char q[400];
	if (start)
		snprintf(q, sizeof(q), _("The intake names %s from %s: enrol now? (y/n)"),
		         pc_text_get(&prog->title), start);
	else
		snprintf(q, sizeof(q), _("The intake names %s: enrol now? (y/n)"),
		         pc_text_get(&prog->title));
	int a = ui_ask(q, "oyn");
	if (a == 'o' || a == 'y')
		ui_enrol_open(file_no, false, programme, start);
out:
	pc_enrolment_views_free(&v, n);
	pc_participant_clear(&p);
	pc_problems_clear(&pr);
}
