/* The sync conflict screen (k on the file screen): a form saved on both
 * copies, the two versions side by side field by field with the form's
 * labels, the fields that differ marked, who saved each and when. The
 * person keeps this copy's version (m), the other's (t), or merges (e: the
 * form editor on this copy's answers, the other's value shown beside each
 * field). Every decision is asked first and made by the core
 * (pc_sync_resolve*), which audits it; this screen never decides alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "parcours/sync.h"
#include "parcours/value.h"
#include "ui/ui.h"

enum { HEAD_Y = 2, ROWS_Y = 5 };

struct row {
	char *label, *mine, *theirs;
	bool differs;
	bool sub; /* a repeat's row, under its field */
};

static struct {
	bool open;
	char *file_no;
	struct pc_participant p;
	struct pc_sync_conflict *list;
	size_t n, cur; /* the file's open conflicts, the one shown */
	struct row *rows;
	size_t nrows;
	struct ui_scroll s;
} K;

static const struct ui_keyhelp keys[] = {
	{N_("m"), N_("Keep mine"), true},
	{N_("t"), N_("Keep theirs"), true},
	{N_("e"), N_("Merge"), true},
	{N_("Esc"), N_("Back"), true},
	{N_("F1"), N_("Help"), true},
	{N_("m"), N_("Keep this copy's version: saved again as a new revision, which closes the "
		    "conflict on the other copy too; the other version stays in the history"),
	 false},
	{N_("t"), N_("Keep the other copy's version: saved here as a new revision"), false},
	{N_("e"), N_("Merge: the form opens on this copy's answers, the other's value shown "
		     "beside each field; saving it closes the conflict"),
	 false},
	{N_("Up, Down, Page Up, Page Down"), N_("Move among the fields"), false},
	{N_("Enter, v"), N_("Read both values of the field in full"), false},
	{N_("Tab, Shift-Tab"), N_("Another form in conflict in this file"), false},
	{NULL, NULL, false},
};

static void rows_free(void)
{
	for (size_t i = 0; i < K.nrows; i++) {
		free(K.rows[i].label);
		free(K.rows[i].mine);
		free(K.rows[i].theirs);
	}
	free(K.rows);
	K.rows = NULL;
	K.nrows = 0;
}

static bool add_row(size_t *cap, char *label, char *mine, char *theirs, bool differs, bool sub)
{
	if (!label || !mine || !theirs)
		goto fail;
	if (K.nrows == *cap) {
		size_t c = *cap ? *cap * 2 : 32;
		struct row *r = realloc(K.rows, c * sizeof(*r));
		if (!r)
			goto fail;
		K.rows = r;
		*cap = c;
	}
	K.rows[K.nrows++] = (struct row){label, mine, theirs, differs, sub};
	return true;
fail:
	free(label);
	free(mine);
	free(theirs);
	return false;
}

static char *shown(const struct pc_field *f, const struct pc_json *v)
{
	if (!v || v->kind == PC_JSON_NULL)
		return strdup("-");
	return f ? pc_value_display(f, v) : pc_json_to_string(v);
}

static bool same_json(const struct pc_json *a, const struct pc_json *b)
{
	bool na = !a || a->kind == PC_JSON_NULL, nb = !b || b->kind == PC_JSON_NULL;
	if (na || nb)
		return na && nb;
	char *x = pc_json_to_string(a), *y = pc_json_to_string(b);
	bool same = x && y && !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

static char *row_text(const struct pc_field *f, const struct pc_json *rows, size_t r)
{
	const struct pc_json *row = rows && rows->kind == PC_JSON_ARRAY && r < rows->len
					    ? rows->items[r] : NULL;
	char *t = row ? ui_row_text(f, row) : NULL;
	if (t && *t)
		return t;
	free(t);
	return strdup("-");
}

/* A repeat's rows, one line each, under the field's line. */
static bool add_repeat_rows(size_t *cap, const struct pc_field *f, const struct pc_json *a,
			    const struct pc_json *b)
{
	size_t na = a && a->kind == PC_JSON_ARRAY ? a->len : 0;
	size_t nb = b && b->kind == PC_JSON_ARRAY ? b->len : 0;
	for (size_t r = 0; r < (na > nb ? na : nb); r++) {
		char *x = row_text(f, a, r), *y = row_text(f, b, r);
		struct pc_buf l = {0};
		pc_buf_printf(&l, "%zu.", r + 1);
		bool d = x && y && strcmp(x, y);
		if (!add_row(cap, pc_buf_take(&l), x, y, d, true))
			return false;
	}
	return true;
}

/* The rows of conflict K.cur: every field either version answers. */
static bool build(void)
{
	rows_free();
	K.s = (struct ui_scroll){0};
	if (K.cur >= K.n)
		return true;
	const struct pc_sync_conflict *k = &K.list[K.cur];
	const struct pc_form *form = pc_formset_find(ui_ctx->forms, k->form);
	struct pc_json *a = pc_json_parse(k->mine, strlen(k->mine), NULL, 0);
	struct pc_json *b = pc_json_parse(k->answers, strlen(k->answers), NULL, 0);
	size_t cap = 0;
	bool ok = true;
	for (size_t i = 0; ok && form && i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		const struct pc_json *va = a ? pc_json_object_get(a, f->name) : NULL;
		const struct pc_json *vb = b ? pc_json_object_get(b, f->name) : NULL;
		if (f->type == PC_TYPE_NOTE || (same_json(va, NULL) && same_json(vb, NULL)))
			continue;
		const char *l = pc_text_get(&f->label);
		ok = add_row(&cap, strdup(*l ? l : f->name), shown(f, va), shown(f, vb),
			     !same_json(va, vb), false);
		if (ok && f->type == PC_TYPE_REPEAT)
			ok = add_repeat_rows(&cap, f, va, vb);
	}
	/* answers the form no longer asks, from either side */
	const struct pc_json *sides[2] = {a, b};
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; ok && sides[s] && sides[s]->kind == PC_JSON_OBJECT &&
				   i < sides[s]->len; i++) {
			const char *key = sides[s]->keys[i];
			if ((form && pc_form_field(form, key)) ||
			    (s == 1 && a && pc_json_object_get(a, key)))
				continue;
			const struct pc_json *va = a ? pc_json_object_get(a, key) : NULL;
			const struct pc_json *vb = b ? pc_json_object_get(b, key) : NULL;
			ok = add_row(&cap, strdup(key), shown(NULL, va), shown(NULL, vb),
				     !same_json(va, vb), false);
		}
	pc_json_free(&a);
	pc_json_free(&b);
	K.s.total = K.nrows;
	return ok;
}

/* Reads the file's open conflicts again; keeps showing the same form. */
static bool load(void)
{
	char form[128] = "", period[24] = "";
	if (K.cur < K.n) {
		snprintf(form, sizeof(form), "%s", K.list[K.cur].form);
		snprintf(period, sizeof(period), "%s", K.list[K.cur].period);
	}
	pc_sync_conflicts_free(&K.list, K.n);
	K.n = K.cur = 0;
	struct pc_problems pr = {0};
	if (pc_sync_conflicts(ui_ctx, K.file_no, &K.list, &K.n, &pr) != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : _("out of memory"));
		pc_problems_clear(&pr);
		return false;
	}
	for (size_t i = 0; i < K.n; i++)
		if (!strcmp(K.list[i].form, form) && !strcmp(K.list[i].period, period))
			K.cur = i;
	if (!build()) {
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	return true;
}

static const char *form_title(const char *id)
{
	const struct pc_form *f = pc_formset_find(ui_ctx->forms, id);
	return f ? pc_text_get(&f->title) : id;
}

static void draw_side(int y, int x, int w, const char *by, const char *at)
{
	char line[300], when[PC_FORMAT_MAX];
	snprintf(line, sizeof(line), _("saved by %s"), *by ? by : "?");
	ui_put(y, x, w, line, true);
	ui_put(y + 1, x, w, *at ? pc_format_time(when, sizeof(when), at, PC_FORMAT_LONG) : "-",
	       true);
}

static void conflict_draw(void)
{
	char left[400], right[120];
	const struct pc_sync_conflict *k = K.cur < K.n ? &K.list[K.cur] : NULL;
	snprintf(left, sizeof(left), _("Sync conflict: %s - %s, %s (%s)"),
		 k ? form_title(k->form) : "", K.p.family_name ? K.p.family_name : "",
		 K.p.given_name ? K.p.given_name : "", K.file_no);
	right[0] = '\0';
	if (k && *k->period)
		snprintf(right, sizeof(right), "%s", k->period);
	if (K.n > 1)
		snprintf(right + strlen(right), sizeof(right) - strlen(right), _("%s%zu of %zu"),
			 *right ? "  " : "", K.cur + 1, K.n);
	ui_title(left, right);
	if (!k) {
		ui_put(2, 2, COLS - 3, _("No sync conflict left in this file."), true);
		ui_message_draw();
		ui_status(keys);
		return;
	}
	size_t ndiff = 0;
	for (size_t i = 0; i < K.nrows; i++)
		ndiff += K.rows[i].differs && !K.rows[i].sub;
	char line[300];
	snprintf(line, sizeof(line),
		 P_("Two versions: %zu answer differs (≠); neither is lost until you choose.",
		    "Two versions: %zu answers differ (≠); neither is lost until you choose.",
		    ndiff),
		 ndiff);
	ui_put(1, 1, COLS - 2, line, true);
	/* columns: mark, label, this copy's value, the other's */
	int lw = 0;
	for (size_t i = 0; i < K.nrows; i++)
		if (!K.rows[i].sub && ui_text_width(K.rows[i].label) > lw)
			lw = ui_text_width(K.rows[i].label);
	if (lw > COLS / 4)
		lw = COLS / 4;
	int x1 = 2 + lw + 1, cw = (COLS - x1 - 1 - 3) / 2, x2 = x1 + cw + 3;
	attrset(ui_attr(UI_A_HEAD));
	move(HEAD_Y, 0);
	hline(' ', COLS);
	ui_put(HEAD_Y, 2, lw, _("Field"), true);
	ui_put(HEAD_Y, x1, cw, _("This copy"), true);
	snprintf(line, sizeof(line), _("Other copy (%s)"), k->origin);
	ui_put(HEAD_Y, x2, cw, line, true);
	attrset(A_NORMAL);
	draw_side(HEAD_Y + 1, x1, cw, k->mine_by, k->mine_at);
	draw_side(HEAD_Y + 1, x2, cw, k->saved_by, k->saved_at);
	K.s.page = (size_t)(LINES - 2 - ROWS_Y > 1 ? LINES - 2 - ROWS_Y : 1);
	ui_scroll_fit(&K.s);
	for (size_t i = 0; i < K.s.page; i++) {
		size_t r = K.s.top + i;
		int y = ROWS_Y + (int)i;
		move(y, 0);
		clrtoeol();
		if (r >= K.nrows)
			continue;
		const struct row *w = &K.rows[r];
		if (r == K.s.sel)
			attrset(ui_attr(UI_A_SELECT));
		if (r == K.s.sel)
			hline(' ', COLS - 1);
		if (w->differs)
			mvaddstr(y, 0, "≠");
		ui_put(y, w->sub ? 4 : 2, w->sub ? lw - 2 : lw, w->label, true);
		if (w->differs && r != K.s.sel)
			attrset(ui_attr(UI_A_WARN));
		ui_put(y, x1, cw, w->mine, true);
		mvaddstr(y, x1 + cw + 1, "|");
		ui_put(y, x2, cw, w->theirs, true);
		attrset(A_NORMAL);
	}
	ui_scroll_marks(&K.s, ROWS_Y, COLS - 1);
	ui_message_draw();
	ui_status(keys);
}

static void conflict_cursor(void)
{
	move(ROWS_Y + (int)(K.s.sel - K.s.top), 0);
}

/* m or t: asked, then decided by the core (audited there). */
static void keep(bool theirs)
{
	const struct pc_sync_conflict *k = &K.list[K.cur];
	char q[600];
	snprintf(q, sizeof(q),
		 theirs ? _("Keep the other copy's version of %s (from %s) and close the conflict? "
			    "(y/n)")
			: _("Keep this copy's version of %s (the one from %s stays in the history) "
			    "and close the conflict? (y/n)"),
		 form_title(k->form), k->origin);
	int a = ui_ask(q, "oyn");
	if (a != 'o' && a != 'y') {
		ui_message(false, "%s", _("Nothing decided: the conflict stays open."));
		return;
	}
	struct pc_problems pr = {0};
	long long rev = 0;
	if (pc_sync_resolve(ui_ctx, K.file_no, k->form, *k->period ? k->period : NULL, theirs,
			    &rev, &pr) != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : _("out of memory"));
		pc_problems_clear(&pr);
		return;
	}
	load();
	if (!K.n)
		ui_pop();
	if (theirs)
		ui_message(false, _("Conflict closed: the other copy's version is kept (revision "
				    "%lld)."),
			   rev);
	else
		ui_message(false, _("Conflict closed: this copy's version is kept (revision %lld)."),
			   rev);
}

/* e: the form editor on this copy's answers, the other's beside them. */
static void merge(void)
{
	const struct pc_sync_conflict *k = &K.list[K.cur];
	const struct pc_form *f = pc_formset_find(ui_ctx->forms, k->form);
	struct pc_problems pr = {0};
	if (!f || pc_staff_can_form(ui_ctx, &K.p, f, k->form, true, &pr) != PC_OK) {
		ui_message(true, "%s", pr.len ? pr.items[0].message : k->form);
		pc_problems_clear(&pr);
		return;
	}
	if (f->period == PC_PERIOD_ENTRY) { /* the editor saves entries its own way */
		ui_message(true, "%s",
			   _("a journal entry is merged with parcours sync resolve --keep merged"));
		return;
	}
	ui_form_open_merge(k->form, K.file_no, *k->period ? k->period : NULL, k->answers,
			   k->origin);
}

/* Enter or v: the selected field's two values in full, wrapped. */
static void read_full(void)
{
	if (K.s.sel >= K.nrows)
		return;
	const struct row *w = &K.rows[K.s.sel];
	const struct pc_sync_conflict *k = &K.list[K.cur];
	char other[200];
	snprintf(other, sizeof(other), _("Other copy (%s)"), k->origin);
	struct ui_answer_line l[2] = {{(char *)_("This copy"), w->mine, false},
				      {other, w->theirs, false}};
	struct ui_answers a = {.lines = l, .n = 2, .cap = 2};
	char title[400];
	snprintf(title, sizeof(title), _("Sync conflict: %s - %s"), form_title(k->form), w->label);
	ui_viewer_open(title, &a);
}

static enum ui_result conflict_key(int key)
{
	if (!K.n)
		return key == UI_ESC ? (ui_pop(), UI_DONE) : UI_UNHANDLED;
	if (ui_scroll_key(&K.s, ui_scroll_alias(key, true), true))
		return UI_REDRAW;
	switch (key) {
	case 'm':
	case 't':
		keep(key == 't');
		return UI_REDRAW;
	case 'e':
		merge();
		return UI_REDRAW;
	case '\r':
	case '\n':
	case UI_KEY_BASE + KEY_ENTER:
	case 'v':
		read_full();
		return UI_REDRAW;
	case '\t':
	case UI_KEY_BASE + KEY_BTAB:
		K.cur = (K.cur + (key == '\t' ? 1 : K.n - 1)) % K.n;
		if (!build())
			ui_message(true, "%s", _("out of memory"));
		return UI_REDRAW;
	case UI_ESC:
		ui_pop();
		return UI_DONE;
	default:
		return UI_UNHANDLED;
	}
}

static void conflict_close(void)
{
	rows_free();
	pc_sync_conflicts_free(&K.list, K.n);
	pc_participant_clear(&K.p);
	free(K.file_no);
	memset(&K, 0, sizeof(K));
}

/* Back from the merge editor: a saved merge closed the conflict. */
static void conflict_resume(void)
{
	if (load() && !K.n)
		ui_pop();
}

bool ui_conflict_open(const char *file_no, const char *form, const char *period)
{
	conflict_close();
	struct pc_problems pr = {0};
	K.file_no = strdup(file_no);
	if (!K.file_no || pc_file_get(ui_ctx, file_no, &K.p, &pr) != PC_OK || !load()) {
		if (pr.len || !K.file_no)
			ui_message(true, "%s", pr.len ? pr.items[0].message : _("out of memory"));
		pc_problems_clear(&pr);
		conflict_close();
		return false;
	}
	if (!K.n) {
		conflict_close();
		ui_message(false, "%s", _("No sync conflict in this file."));
		return false;
	}
	for (size_t i = 0; form && i < K.n; i++)
		if (!strcmp(K.list[i].form, form) &&
		    (!period || !*K.list[i].period || !strcmp(K.list[i].period, period)))
			K.cur = i;
	if (!build()) {
		conflict_close();
		ui_message(true, "%s", _("out of memory"));
		return false;
	}
	K.open = true;
	return ui_push(&ui_conflict_screen);
}

const struct ui_screen ui_conflict_screen = {
	.name = "conflict",
	.draw = conflict_draw,
	.key = conflict_key,
	.resume = conflict_resume,
	.close = conflict_close,
	.cursor = conflict_cursor,
	.keys = keys,
};
