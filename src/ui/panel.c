/* The fields of a form (or of one row of a repeat) laid out to be filled:
 * sections, labels with `*` on required ones, answers as plain text after
 * the label, problems under their field, notes, rows of a repeat, and the
 * hint of the focused field on a help line. It keeps answers in the form
 * document (doc.c) and says when one changed; saving and drafts belong to
 * the screens. This file lays out and moves; panel_draw.c draws. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"
#include "ui/panel.h"
#include "ui/ui.h"

enum { LABEL_MIN = 12 };

/* Texts made for the layout (labels with their star, problem lines) live
 * until the next layout, since lines point into them. */
static void made_clear(struct ui_panel *p)
{
	for (size_t i = 0; i < p->ntexts; i++)
		free(p->texts[i]);
	p->ntexts = 0;
}

static const char *made_keep(struct ui_panel *p, char *s)
{
	if (!s)
		return NULL;
	if (p->ntexts == p->ctexts) {
		size_t cap = p->ctexts ? p->ctexts * 2 : 16;
		char **v = realloc(p->texts, cap * sizeof(*v));
		if (!v) {
			free(s);
			return NULL;
		}
		p->texts = v;
		p->ctexts = cap;
	}
	p->texts[p->ntexts++] = s;
	return s;
}

bool panel_focusable(const struct pc_field *f)
{
	return f->type != PC_TYPE_NOTE && !f->calculate;
}

bool panel_text_like(const struct pc_field *f)
{
	switch (f->type) {
	case PC_TYPE_TEXT:
	case PC_TYPE_TEXTAREA:
	case PC_TYPE_INTEGER:
	case PC_TYPE_DECIMAL:
	case PC_TYPE_DATE:
	case PC_TYPE_HOURS:
		return !f->calculate;
	default:
		return false;
	}
}

/* Where the typed answers of this panel live. */
struct pc_json *panel_obj(const struct ui_panel *p)
{
	if (!p->repeat)
		return p->doc->raw;
	struct pc_json *rows = pc_json_object_get(p->doc->raw, p->repeat->name);
	if (!rows || rows->kind != PC_JSON_ARRAY || p->row < 0 || (size_t)p->row >= rows->len)
		return NULL;
	return rows->items[p->row];
}

/* The normalized answers for calculations (the clean row for a row panel). */
const struct pc_json *panel_clean(const struct ui_panel *p)
{
	if (!p->repeat)
		return p->doc->clean;
	const struct pc_json *rows = pc_json_object_get(p->doc->clean, p->repeat->name);
	if (!rows || rows->kind != PC_JSON_ARRAY || p->row < 0 || (size_t)p->row >= rows->len)
		return NULL;
	return rows->items[p->row];
}

const char *panel_raw_text(const struct ui_panel *p, size_t i)
{
	return ui_doc_text(panel_obj(p), p->fields[i].name);
}

static bool add_line(struct ui_panel *p, enum line_kind k, size_t field, const char *s, size_t n)
{
	if (p->nlines == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct ui_panel_line *l = realloc(p->lines, cap * sizeof(*l));
		if (!l)
			return false;
		p->lines = l;
		p->cap = cap;
	}
	p->lines[p->nlines++] = (struct ui_panel_line){k, field, s, n, false, 0};
	return true;
}

struct wrap_add {
	struct ui_panel *p;
	enum line_kind kind;
	size_t field;
	bool warn;
};

static void wrap_line(void *ctx, const char *s, size_t n)
{
	struct wrap_add *w = ctx;
	if (add_line(w->p, w->kind, w->field, s, n))
		w->p->lines[w->p->nlines - 1].warn = w->warn;
}

static void add_wrapped(struct ui_panel *p, enum line_kind k, size_t field, const char *s, int w,
			bool warn)
{
	struct wrap_add ctx = {p, k, field, warn};
	if (s && *s)
		ui_wrap(s, w, wrap_line, &ctx);
}

const char *panel_label(const struct pc_field *f)
{
	const char *l = pc_text_get(&f->label);
	return *l ? l : f->name;
}

static char *label_text(const struct pc_field *f)
{
	struct pc_buf b = {0};
	pc_buf_puts(&b, panel_label(f));
	if (f->required && panel_focusable(f))
		pc_buf_puts(&b, " *");
	return pc_buf_take(&b);
}

/* The problems about field i, as lines under it. */
static void add_problems(struct ui_panel *p, size_t i, int w)
{
	const struct pc_field *f = &p->fields[i];
	char prefix[160];
	if (p->repeat)
		snprintf(prefix, sizeof(prefix), "%s.%ld.", p->repeat->name, p->row + 1);
	else
		prefix[0] = '\0';
	size_t pl = strlen(prefix), fl = strlen(f->name);
	for (size_t k = 0; k < p->doc->live.len; k++) {
		const struct pc_problem *pb = &p->doc->live.items[k];
		const char *wh = pb->where;
		if (strncmp(wh, prefix, pl) || strncmp(wh + pl, f->name, fl))
			continue;
		const char *rest = wh + pl + fl;
		struct pc_buf b = {0};
		pc_buf_puts(&b, pb->warning ? _("Check: ") : "! ");
		if (*rest == '.' && f->type == PC_TYPE_REPEAT && !p->repeat) {
			/* a row's problem, shown under the repeat: "row 2, Hours: ..." */
			char *end;
			long row = strtol(rest + 1, &end, 10);
			const struct pc_field *col = *end == '.' ? pc_field_child(f, end + 1) : NULL;
			pc_buf_printf(&b, _("row %ld, %s: "), row, col ? panel_label(col) : end + 1);
		} else if (*rest) {
			pc_buf_free(&b);
			continue;
		}
		pc_buf_puts(&b, pb->message);
		const char *t = made_keep(p, pc_buf_take(&b));
		add_wrapped(p, L_PROBLEM, i, t, w, pb->warning);
	}
}

size_t panel_repeat_rows(const struct ui_panel *p, size_t i)
{
	const struct pc_json *rows = pc_json_object_get(panel_obj(p), p->fields[i].name);
	return rows && rows->kind == PC_JSON_ARRAY ? rows->len : 0;
}

/* Lines of a textarea: three, or while it is typed in, as many as its text
 * takes (and one to go on) up to what the panel has room for; a longer
 * text scrolls inside the field. */
static long textarea_lines(const struct ui_panel *p, size_t i, int vw)
{
	if (i != p->cur || !p->editing)
		return TEXTAREA_LINES;
	long room = (p->h > 0 ? p->h : LINES - 8) - 6;
	long want = ui_edit_lines(&p->edit, vw) + 1;
	if (want > room)
		want = room;
	return want > TEXTAREA_LINES ? want : TEXTAREA_LINES;
}

static void add_field(struct ui_panel *p, size_t i)
{
	const struct pc_field *f = &p->fields[i];
	int full = COLS - 3, vw = COLS - p->vx - 1;
	if (f->type == PC_TYPE_NOTE) {
		add_wrapped(p, L_NOTE, i, panel_label(f), full, false);
		return;
	}
	const char *label = made_keep(p, label_text(f));
	if (label && ui_text_width(label) > p->lw) {
		add_wrapped(p, L_LABEL, i, label, full, false);
		add_line(p, L_FIELD, i, "", 0);
	} else {
		add_line(p, L_FIELD, i, label ? label : "", label ? strlen(label) : 0);
	}
	if (f->type == PC_TYPE_TEXTAREA)
		for (long k = 1; k < textarea_lines(p, i, vw); k++)
			if (add_line(p, L_VALUE, i, "", 0))
				p->lines[p->nlines - 1].row = k;
	if (f->type == PC_TYPE_REPEAT)
		for (size_t r = 0; r < panel_repeat_rows(p, i); r++)
			if (add_line(p, L_ROW, i, "", 0))
				p->lines[p->nlines - 1].row = (long)r;
	add_problems(p, i, vw);
}

static bool field_shown(const struct ui_panel *p, size_t i)
{
	return p->vis[i];
}

static void next_focus_if_hidden(struct ui_panel *p);

void ui_panel_relayout(struct ui_panel *p)
{
	made_clear(p);
	p->nlines = 0;
	const struct pc_json *crow = p->repeat ? panel_clean(p) : NULL;
	ui_doc_relevance(p->doc, p->fields, p->n, crow, p->vis);
	if (p->repeat && !crow) /* the row has errors: show every column */
		for (size_t i = 0; i < p->n; i++)
			p->vis[i] = true;
	int lw = LABEL_MIN;
	for (size_t i = 0; i < p->n; i++) {
		if (!panel_focusable(&p->fields[i]) && p->fields[i].type == PC_TYPE_NOTE)
			continue;
		int w = ui_text_width(panel_label(&p->fields[i])) + 3;
		if (w > lw)
			lw = w;
	}
	if (lw > COLS * 2 / 5)
		lw = COLS * 2 / 5;
	p->lw = lw;
	p->vx = 2 + lw + 2;
	const struct pc_form *form = p->doc->form;
	size_t nsec = p->top ? form->nsections : 1;
	for (size_t s = 0; s < nsec; s++) {
		size_t first = p->top ? form->sections[s].first : 0;
		size_t count = p->top ? form->sections[s].count : p->n;
		bool any = false;
		for (size_t i = first; i < first + count && i < p->n; i++)
			any |= field_shown(p, i);
		if (!any)
			continue;
		if (p->top) {
			if (p->nlines)
				add_line(p, L_BLANK, first, "", 0);
			const char *t = pc_text_get(&form->sections[s].title);
			add_line(p, L_SECTION, first, t, strlen(t));
			add_wrapped(p, L_HINT, first, pc_text_get(&form->sections[s].hint), COLS - 3,
				    false);
		}
		for (size_t i = first; i < first + count && i < p->n; i++)
			if (field_shown(p, i))
				add_field(p, i);
	}
	next_focus_if_hidden(p);
}

bool ui_panel_init(struct ui_panel *p, struct ui_doc *doc, const struct pc_field *fields,
		   size_t n, const struct pc_field *repeat, long row)
{
	memset(p, 0, sizeof(*p));
	p->doc = doc;
	p->fields = fields;
	p->n = n;
	p->top = !repeat;
	p->repeat = repeat;
	p->row = row;
	p->vis = calloc(n + 1, sizeof(*p->vis));
	if (!p->vis)
		return false;
	p->cur = n;
	ui_panel_relayout(p);
	for (size_t i = 0; i < n; i++) {
		if (p->vis[i] && panel_focusable(&fields[i])) {
			p->cur = i;
			break;
		}
	}
	if (p->cur < n && panel_text_like(&fields[p->cur])) {
		p->editing = ui_edit_enter(&p->edit, panel_raw_text(p, p->cur),
					   fields[p->cur].type == PC_TYPE_TEXTAREA);
	}
	return true;
}

void ui_panel_free(struct ui_panel *p)
{
	ui_edit_free(&p->edit);
	ui_pick_close(&p->pick);
	free(p->vis);
	free(p->lines);
	made_clear(p);
	free(p->texts);
	memset(p, 0, sizeof(*p));
}

bool ui_panel_typing(const struct ui_panel *p)
{
	return p->editing || p->pick.open;
}

void ui_panel_commit(struct ui_panel *p)
{
	if (!p->editing || p->cur >= p->n)
		return;
	struct pc_json *obj = panel_obj(p);
	char *t = ui_edit_text(&p->edit);
	char day[11];
	if (t && p->fields[p->cur].type == PC_TYPE_DATE && ui_date_word(t, day)) {
		/* "hier" becomes the date it means, on screen too */
		ui_edit_set(&p->edit, day, false);
		free(t);
		t = strdup(day);
	}
	bool changed = obj && t && ui_doc_set_text(obj, p->fields[p->cur].name, t);
	free(t);
	if (changed && p->changed)
		p->changed(p->ctx);
}

/* Stores a new answer for a field that is not typed (choice, boolean). */
static void set_answer(struct ui_panel *p, const char *text)
{
	struct pc_json *obj = panel_obj(p);
	if (obj && ui_doc_set_text(obj, p->fields[p->cur].name, text) && p->changed)
		p->changed(p->ctx);
}

static void first_last_line(const struct ui_panel *p, size_t f, size_t *first, size_t *last)
{
	*first = *last = p->nlines;
	for (size_t k = 0; k < p->nlines; k++) {
		if (p->lines[k].field != f || p->lines[k].kind == L_SECTION ||
		    p->lines[k].kind == L_HINT || p->lines[k].kind == L_BLANK)
			continue;
		if (*first == p->nlines)
			*first = k;
		*last = k;
	}
}

void panel_ensure_visible(struct ui_panel *p)
{
	if (p->h <= 0 || p->cur >= p->n)
		return;
	size_t first, last;
	first_last_line(p, p->cur, &first, &last);
	if (first == p->nlines)
		return;
	/* the section title above the first field of a section comes along */
	size_t from = first;
	while (from > 0 && (p->lines[from - 1].kind == L_SECTION || p->lines[from - 1].kind == L_HINT))
		from--;
	if (first - from < (size_t)p->h / 2)
		first = from;
	if (first < p->topline)
		p->topline = first;
	if (last >= p->topline + (size_t)p->h)
		p->topline = last - (size_t)p->h + 1;
	if (first < p->topline)
		p->topline = first;
	if (p->topline + (size_t)p->h > p->nlines)
		p->topline = p->nlines > (size_t)p->h ? p->nlines - (size_t)p->h : 0;
}

static void focus(struct ui_panel *p, size_t i)
{
	ui_panel_commit(p);
	bool area = p->cur < p->n && p->fields[p->cur].type == PC_TYPE_TEXTAREA;
	p->cur = i;
	p->editing = false;
	if (i < p->n && panel_text_like(&p->fields[i]))
		p->editing = ui_edit_enter(&p->edit, panel_raw_text(p, i),
					   p->fields[i].type == PC_TYPE_TEXTAREA);
	/* a textarea grows while focused and shrinks back after */
	if (area || (i < p->n && p->fields[i].type == PC_TYPE_TEXTAREA))
		ui_panel_relayout(p);
	panel_ensure_visible(p);
}

/* The next field that can be focused from `from` in direction dir. */
static size_t step(const struct ui_panel *p, size_t from, int dir)
{
	size_t i = from;
	for (;;) {
		if (dir > 0) {
			if (i + 1 >= p->n)
				return p->n;
			i++;
		} else {
			if (i == 0 || i > p->n)
				return p->n;
			i--;
		}
		if (p->vis[i] && panel_focusable(&p->fields[i]))
			return i;
	}
}

static void next_focus_if_hidden(struct ui_panel *p)
{
	if (p->cur >= p->n || p->vis[p->cur])
		return;
	size_t i = step(p, p->cur, 1);
	if (i == p->n)
		i = step(p, p->cur, -1);
	p->cur = i;
	p->editing = i < p->n && panel_text_like(&p->fields[i]) &&
		     ui_edit_enter(&p->edit, panel_raw_text(p, i), p->fields[i].type == PC_TYPE_TEXTAREA);
}

/* Moves the focus by dir; commits first, so relevance follows the answer
 * just left before the next field is chosen. */
static enum ui_result move_focus(struct ui_panel *p, int dir)
{
	if (p->cur >= p->n)
		return UI_DONE;
	ui_panel_commit(p);
	size_t i = step(p, p->cur, dir);
	if (i == p->n) {
		/* at either end: show the lines before or after anyway */
		if (dir < 0)
			p->topline = 0;
		return UI_REDRAW;
	}
	focus(p, i);
	return UI_REDRAW;
}

bool ui_panel_focus_problem(struct ui_panel *p)
{
	for (size_t k = 0; k < p->nlines; k++) {
		if (p->lines[k].kind != L_PROBLEM || p->lines[k].warn)
			continue;
		size_t f = p->lines[k].field;
		if (panel_focusable(&p->fields[f])) {
			focus(p, f);
			return true;
		}
	}
	return false;
}

bool ui_panel_focus_field(struct ui_panel *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->fields[i].name, name) && field_shown(p, i) &&
		    panel_focusable(&p->fields[i])) {
			focus(p, i);
			return true;
		}
	return false;
}

/* ---- keys of the answers that are not typed ---- */

static enum ui_result choice_key(struct ui_panel *p, int key)
{
	const struct pc_field *f = &p->fields[p->cur];
	const char *cur = panel_raw_text(p, p->cur);
	if (key == ' ' && f->type == PC_TYPE_CHOICE && f->choices) {
		/* the next offered choice; after the last, none */
		const struct pc_choice_list *l = f->choices;
		size_t start = 0;
		if (cur)
			for (size_t i = 0; i < l->len; i++)
				if (!strcmp(l->items[i].value, cur))
					start = i + 1;
		const char *next = "";
		for (size_t i = start; i < l->len; i++)
			if (!l->items[i].retired) {
				next = l->items[i].value;
				break;
			}
		set_answer(p, next);
		return UI_REDRAW;
	}
	if (key == ' ' || key == '\r' || key == '\n' || key == UI_KEY_BASE + KEY_ENTER) {
		if (f->choices &&
		    ui_pick_open(&p->pick, f->choices, cur, f->type == PC_TYPE_CHOICES))
			return UI_REDRAW;
		return UI_DONE;
	}
	if (key == UI_KEY_BASE + KEY_DC || key == UI_KEY_BASE + KEY_BACKSPACE || key == UI_DEL) {
		set_answer(p, "");
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static enum ui_result bool_key(struct ui_panel *p, int key)
{
	const char *cur = panel_raw_text(p, p->cur);
	bool b = false, has = cur && pc_parse_bool(cur, &b);
	switch (key) {
	case 'o':
	case 'O':
	case 'y':
	case 'Y':
		set_answer(p, "true");
		return UI_REDRAW;
	case 'n':
	case 'N':
		set_answer(p, "false");
		return UI_REDRAW;
	case ' ':
		set_answer(p, !has ? "true" : b ? "false" : "");
		return UI_REDRAW;
	case UI_KEY_BASE + KEY_DC:
	case UI_KEY_BASE + KEY_BACKSPACE:
	case UI_DEL:
		set_answer(p, "");
		return UI_REDRAW;
	default:
		return UI_UNHANDLED;
	}
}

static enum ui_result pick_key(struct ui_panel *p, int key)
{
	char *v = NULL;
	int r = ui_pick_key(&p->pick, key, &v);
	if (r == 0)
		return UI_REDRAW;
	ui_pick_close(&p->pick);
	if (r > 0)
		set_answer(p, v);
	free(v);
	return UI_REDRAW;
}

enum ui_result ui_panel_key(struct ui_panel *p, int key)
{
	if (p->pick.open)
		return pick_key(p, key);
	if (p->cur >= p->n)
		return UI_UNHANDLED;
	const struct pc_field *f = &p->fields[p->cur];
	switch (key) {
	case '\t':
		return move_focus(p, 1);
	case UI_KEY_BASE + KEY_BTAB:
		return move_focus(p, -1);
	case UI_KEY_BASE + KEY_NPAGE:
	case UI_KEY_BASE + KEY_PPAGE: {
		ui_panel_commit(p);
		size_t i = p->cur, to = p->cur;
		for (int k = 0; k < p->h / 2 && (i = step(p, i, key == UI_KEY_BASE + KEY_NPAGE ? 1 : -1)) < p->n; k++)
			to = i;
		focus(p, to);
		return UI_REDRAW;
	}
	default:
		break;
	}
	if (p->editing && f->type == PC_TYPE_DATE && ui_date_key(&p->edit, key))
		return panel_redraw_current(p);
	if (p->editing) {
		int w = COLS - p->vx - 1;
		switch (ui_edit_key(&p->edit, key, w, TEXTAREA_LINES)) {
		case UI_EDIT_CHANGED:
		case UI_EDIT_MOVED:
			return panel_redraw_current(p);
		case UI_EDIT_UNHANDLED:
			break;
		}
	}
	switch (key) {
	case UI_KEY_BASE + KEY_DOWN:
		return move_focus(p, 1);
	case UI_KEY_BASE + KEY_UP:
		return move_focus(p, -1);
	default:
		break;
	}
	switch (f->type) {
	case PC_TYPE_CHOICE:
	case PC_TYPE_CHOICES: {
		enum ui_result r = choice_key(p, key);
		if (r != UI_UNHANDLED)
			return r;
		break;
	}
	case PC_TYPE_BOOLEAN: {
		enum ui_result r = bool_key(p, key);
		if (r != UI_UNHANDLED)
			return r;
		break;
	}
	case PC_TYPE_REPEAT:
		if (key == '+' || key == UI_KEY_BASE + KEY_IC || key == '\r' || key == '\n' ||
		    key == UI_KEY_BASE + KEY_ENTER) {
			if (p->open_repeat)
				p->open_repeat(p->ctx, f, key == '+' || key == UI_KEY_BASE + KEY_IC);
			return UI_DONE;
		}
		break;
	default:
		break;
	}
	/* Enter moves on, as in most forms */
	if (key == '\r' || key == '\n' || key == UI_KEY_BASE + KEY_ENTER)
		return move_focus(p, 1);
	return UI_UNHANDLED;
}
