/* The answers of one form being filled on screen, as typed text (the same
 * raw object pc_validate and the command line take), with the revision they
 * started from, the draft kept while typing, live validation (calculations,
 * relevance, problems) and saving. Only core.h calls; nothing is drawn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/stored.h"
#include "parcours/text.h"
#include "parcours/validate.h"
#include "parcours/value.h"
#include "parcours/sync.h"
#include "ui/ui.h"

enum { REFRESH_TRIES = 4 };

static bool answerable(const struct pc_field *f)
{
	return f->type != PC_TYPE_NOTE && !f->calculate;
}

/* Stored (normalized) answers back to typed text. */
static struct pc_json *to_raw(const struct pc_form *form, const struct pc_json *answers)
{
	struct pc_json *raw = pc_json_new(PC_JSON_OBJECT);
	for (size_t i = 0; raw && answers && i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		const struct pc_json *v = pc_json_object_get(answers, f->name);
		if (!answerable(f) || !v || v->kind == PC_JSON_NULL)
			continue;
		if (f->type == PC_TYPE_REPEAT) {
			if (v->kind != PC_JSON_ARRAY)
				continue;
			struct pc_json *rows = pc_json_new(PC_JSON_ARRAY);
			for (size_t r = 0; rows && r < v->len; r++) {
				struct pc_json *row = pc_json_new(PC_JSON_OBJECT);
				for (size_t k = 0; row && k < f->nfields; k++) {
					const struct pc_field *col = &f->fields[k];
					const struct pc_json *cv =
						pc_json_object_get(v->items[r], col->name);
					if (!answerable(col) || !cv || cv->kind == PC_JSON_NULL)
						continue;
					char *t = pc_value_edit_text(col, cv);
					ui_doc_set_text(row, col->name, t);
					free(t);
				}
				if (!row || !pc_json_array_push(rows, row)) {
					pc_json_free(&rows);
					break;
				}
			}
			if (!rows || !pc_json_object_set(raw, f->name, rows))
				pc_json_free(&raw);
			continue;
		}
		char *t = pc_value_edit_text(f, v);
		ui_doc_set_text(raw, f->name, t);
		free(t);
	}
	return raw;
}

static struct pc_participant *who(struct ui_doc *d)
{
	return d->who.file_no ? &d->who : NULL;
}

static const char *period(const struct ui_doc *d)
{
	return d->period[0] ? d->period : NULL;
}

/* The month expressions see as $period: a journal's entry id is not one. */
static const char *month(const struct ui_doc *d)
{
	return d->form->period == PC_PERIOD_MONTH ? period(d) : NULL;
}

enum pc_status ui_doc_open(struct ui_doc *d, const struct pc_form *form, const char *file_no,
			   const char *per, struct pc_problems *pr)
{
	memset(d, 0, sizeof(*d));
	d->form = form;
	d->base = -1;
	if ((form->period == PC_PERIOD_MONTH || form->period == PC_PERIOD_ENTRY) && per)
		snprintf(d->period, sizeof(d->period), "%s", per);
	/* a new entry of a journal starts empty, whatever is kept under "" */
	bool new_entry = form->period == PC_PERIOD_ENTRY && !d->period[0];
	enum pc_status st = PC_OK;
	struct pc_revision rev = {0};
	struct pc_json *answers = NULL;
	if (file_no) {
		st = pc_file_get(ui_ctx, file_no, &d->who, pr);
		if (st == PC_OK && !new_entry)
			st = pc_file_current(ui_ctx, &d->who, form->id, period(d), &rev, pr);
		if (st != PC_OK)
			goto out;
		d->base = rev.revision;
		/* damaged answers are refused, never edited as an empty form */
		if (rev.revision > 0)
			st = pc_stored_answers(form, form->id, d->who.file_no, period(d),
					       rev.answers, &answers, pr);
		if (st != PC_OK)
			goto out;
	}
	d->saved = to_raw(form, answers);
	if (d->saved && !answers) {
		/* a form never filled starts with its defaults */
		for (size_t i = 0; i < form->nfields; i++)
			if (form->fields[i].default_text && answerable(&form->fields[i]))
				ui_doc_set_text(d->saved, form->fields[i].name,
						form->fields[i].default_text);
	}
	d->raw = pc_json_clone(d->saved);
	d->clean = pc_json_new(PC_JSON_OBJECT);
	if (!d->saved || !d->raw || !d->clean) {
		pc_problems_add(pr, false, form->id, "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto out;
	}
	ui_doc_refresh(d);
out:
	pc_revision_clear(&rev);
	pc_json_free(&answers);
	if (st != PC_OK)
		ui_doc_close(d);
	return st;
}

void ui_doc_close(struct ui_doc *d)
{
	pc_participant_clear(&d->who);
	pc_json_free(&d->raw);
	pc_json_free(&d->saved);
	pc_json_free(&d->clean);
	pc_json_free(&d->other);
	pc_problems_clear(&d->live);
	memset(d, 0, sizeof(*d));
}

bool ui_doc_draft(struct ui_doc *d, char when[17], struct pc_json **draft, long long *base)
{
	struct pc_problems pr = {0};
	struct pc_json *a = NULL;
	*draft = NULL;
	when[0] = '\0';
	char kept[21];
	if (pc_draft_find(ui_ctx, who(d), d->form->id, period(d), &a, base, kept, &pr) != PC_OK ||
	    !a || a->kind != PC_JSON_OBJECT) {
		pc_json_free(&a);
		pc_problems_clear(&pr);
		return false;
	}
	pc_problems_clear(&pr);
	if (kept[0])
		ui_local_time(kept, when);
	/* fields removed from the form since cannot be answered any more */
	for (size_t i = a->len; i-- > 0;) {
		const struct pc_field *f = pc_form_field(d->form, a->keys[i]);
		if (!f || strchr(a->keys[i], '.') || !answerable(f))
			pc_json_object_remove(a, a->keys[i]);
	}
	*draft = a;
	return true;
}

bool ui_doc_draft_of(const struct pc_participant *p, const struct pc_form *form,
		     const char *per, char when[17])
{
	struct pc_problems pr = {0};
	struct pc_json *a = NULL;
	long long base;
	char kept[21];
	when[0] = '\0';
	pc_draft_find(ui_ctx, p, form->id, per && *per ? per : NULL, &a, &base, kept, &pr);
	pc_problems_clear(&pr);
	if (!a)
		return false;
	if (kept[0])
		ui_local_time(kept, when);
	pc_json_free(&a);
	return true;
}

bool ui_doc_ask_draft(struct ui_doc *d, struct pc_json **draft, long long *base)
{
	char when[17], q[200];
	*draft = NULL;
	*base = -1;
	if (!ui_doc_draft(d, when, draft, base))
		return false;
	if (pc_json_equal(*draft, d->raw)) {
		pc_json_free(draft);
		return false;
	}
	if (when[0])
		snprintf(q, sizeof(q), _("A draft of %s exists: resume it? (y/n)"), when);
	else
		snprintf(q, sizeof(q), "%s", _("A draft exists: resume it? (y/n)"));
	int a = ui_ask(q, "oyn");
	if (a == 'o' || a == 'y')
		return true;
	pc_json_free(draft);
	return false;
}

void ui_doc_use(struct ui_doc *d, struct pc_json *draft, long long base)
{
	pc_json_free(&d->raw);
	d->raw = draft;
	/* the draft keeps the revision it started from: if someone saved since,
	 * saving it is refused as a conflict instead of overwriting */
	d->base = base;
	ui_doc_refresh(d);
}

enum pc_status ui_doc_keep(struct ui_doc *d, struct pc_problems *pr)
{
	return pc_draft_keep(ui_ctx, who(d), d->form->id, period(d), d->raw, d->base, pr);
}

enum pc_status ui_doc_discard(struct ui_doc *d, struct pc_problems *pr)
{
	return pc_draft_discard(ui_ctx, who(d), d->form->id, period(d), pr);
}

/* Removes from `a` the answer a problem is about ("name" or
 * "name.N.column"), so that the rest can still be computed. */
static bool drop_answer(struct pc_json *a, const char *where)
{
	char name[128];
	size_t n = strcspn(where, ".");
	if (n >= sizeof(name))
		return false;
	memcpy(name, where, n);
	name[n] = '\0';
	struct pc_json *v = pc_json_object_get(a, name);
	if (!v)
		return false;
	if (where[n] == '.' && v->kind == PC_JSON_ARRAY) {
		char *end;
		long row = strtol(where + n + 1, &end, 10);
		if (*end == '.' && row >= 1 && (size_t)row <= v->len &&
		    pc_json_object_get(v->items[row - 1], end + 1)) {
			pc_json_object_remove(v->items[row - 1], end + 1);
			return true;
		}
	}
	pc_json_object_remove(a, name);
	return true;
}

void ui_doc_refresh(struct ui_doc *d)
{
	struct pc_json *attempt = pc_json_clone(d->raw);
	pc_problems_clear(&d->live);
	for (int t = 0; attempt && t < REFRESH_TRIES; t++) {
		struct pc_problems pr = {0};
		struct pc_json *clean = NULL;
		enum pc_status st = pc_validate(d->form, ui_ctx->expr, attempt, month(d),
						PC_VALIDATE_DRAFT, &clean, &pr);
		if (t == 0 && !d->tried_save)
			pc_problems_take(&d->live, &pr, NULL);
		if (st == PC_OK) {
			pc_json_free(&d->clean);
			d->clean = clean;
			pc_problems_clear(&pr);
			break;
		}
		/* calculations and relevance still follow the answers that are
		 * right: leave out those with errors and try again */
		bool dropped = false;
		const struct pc_problems *src = t == 0 && !d->tried_save ? &d->live : &pr;
		for (size_t i = 0; i < src->len; i++)
			if (!src->items[i].warning)
				dropped |= drop_answer(attempt, src->items[i].where);
		pc_problems_clear(&pr);
		if (!dropped || st == PC_UNUSABLE)
			break;
	}
	pc_json_free(&attempt);
	if (d->tried_save) {
		/* after a refused save, show what saving would say */
		struct pc_json *clean = NULL;
		pc_validate(d->form, ui_ctx->expr, d->raw, month(d), PC_VALIDATE_SAVE, &clean,
			    &d->live);
		pc_json_free(&clean);
	}
}

bool ui_doc_dirty(const struct ui_doc *d)
{
	return !pc_json_equal(d->raw, d->saved);
}

/* Rules the core checks only on saving (a referral's consent) are not in
 * the form's own validation: show them under their field too, until the
 * next change of the answers. */
static void save_only_problems(struct ui_doc *d, const struct pc_problems *pr)
{
	for (size_t i = 0; i < pr->len; i++) {
		const struct pc_problem *p = &pr->items[i];
		bool known = p->warning || !pc_form_field(d->form, p->where);
		for (size_t j = 0; !known && j < d->live.len; j++)
			known = !strcmp(d->live.items[j].where, p->where);
		if (!known)
			pc_problems_add(&d->live, false, p->where, "%s", p->message);
	}
}

enum pc_status ui_doc_save(struct ui_doc *d, char **file_no, struct pc_problems *pr)
{
	enum pc_status st;
	long long rev = 0;
	*file_no = NULL;
	if (!d->who.file_no) {
		st = pc_intake_add(ui_ctx, d->raw, file_no, pr);
	} else if (d->form->period == PC_PERIOD_ENTRY) {
		long long id = 0, entry = 0;
		if (d->period[0] && !pc_entry_id_parse(d->period, &entry)) {
			pc_problems_add(pr, false, "entry", "%s", _("this entry cannot be found"));
			return PC_REFUSED;
		}
		st = pc_entry_save(ui_ctx, d->form->id, d->who.file_no, entry, d->raw, d->base,
				   &id, &rev, pr);
		/* a new entry saved is that entry from now on */
		if (st == PC_OK)
			pc_entry_period(id, d->period);
	} else if (d->other) { /* a sync conflict merged: the save closes it */
		st = pc_sync_resolve_merged(ui_ctx, d->who.file_no, d->form->id, period(d), NULL,
					    d->raw, d->base, &rev, pr);
	} else {
		st = pc_submission_save(ui_ctx, d->form->id, d->who.file_no, period(d), d->raw,
					d->base, &rev, pr);
	}
	if (st == PC_OK) {
		struct pc_json *s = pc_json_clone(d->raw);
		if (s) {
			pc_json_free(&d->saved);
			d->saved = s;
		}
		d->base = rev;
		d->tried_save = false;
	} else if (st == PC_REFUSED) {
		d->tried_save = true;
	}
	ui_doc_refresh(d);
	if (st == PC_REFUSED)
		save_only_problems(d, pr);
	return st;
}

const char *ui_doc_text(const struct pc_json *obj, const char *name)
{
	const struct pc_json *v = pc_json_object_get(obj, name);
	return v && v->kind == PC_JSON_STRING ? v->string : NULL;
}

bool ui_doc_set_text(struct pc_json *obj, const char *name, const char *text)
{
	const char *old = ui_doc_text(obj, name);
	bool empty = !text || !*text;
	if (empty) {
		if (!pc_json_object_get(obj, name))
			return false;
		pc_json_object_remove(obj, name);
		return true;
	}
	if (old && !strcmp(old, text))
		return false;
	struct pc_json *v = pc_json_new_string(text);
	return v && pc_json_object_set(obj, name, v);
}

void ui_doc_relevance(const struct ui_doc *d, const struct pc_field *fields, size_t n,
		      const struct pc_json *row, bool *vis)
{
	struct pc_json *answers = pc_json_clone(d->clean);
	struct pc_json *r = row ? pc_json_clone(row) : NULL;
	if (answers && month(d)) {
		struct pc_json *p = pc_json_new_string(d->period);
		if (p)
			pc_json_object_set(answers, "period", p);
	}
	for (size_t i = 0; i < n; i++) {
		vis[i] = pc_field_relevant(d->form, ui_ctx->expr, &fields[i], answers, r);
		/* what is not asked counts as unanswered further down */
		if (!vis[i])
			pc_json_object_remove(row ? r : answers, fields[i].name);
	}
	pc_json_free(&answers);
	pc_json_free(&r);
}

/* The labels of "a,b" joined by ", ". */
static char *choices_labels(const struct pc_field *f, const char *text)
{
	struct pc_buf b = {0};
	for (const char *p = text; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		char *v = strndup(p, len);
		if (v) {
			pc_text_trim(v);
			const struct pc_choice *ch = f->choices ? pc_choice_find(f->choices, v) : NULL;
			if (*v) {
				if (b.len)
					pc_buf_puts(&b, ", ");
				pc_buf_puts(&b, ch ? pc_text_get(&ch->label) : v);
			}
		}
		free(v);
		p = c ? c + 1 : NULL;
	}
	return pc_buf_take(&b);
}

char *ui_doc_show(const struct pc_field *f, const char *text)
{
	if (!text)
		return strdup("");
	switch (f->type) {
	case PC_TYPE_CHOICE: {
		const struct pc_choice *c = f->choices ? pc_choice_find(f->choices, text) : NULL;
		return strdup(c ? pc_text_get(&c->label) : text);
	}
	case PC_TYPE_CHOICES:
		return choices_labels(f, text);
	case PC_TYPE_BOOLEAN: {
		bool b;
		if (pc_parse_bool(text, &b))
			return strdup(b ? ui_yes() : ui_no());
		return strdup(text);
	}
	default:
		return strdup(text);
	}
}
