/* All current answers of one form (core.h: pc_export), as RFC 4180 CSV or
 * a JSON array, streamed through the caller's writer one row at a time so
 * that a large office never holds the whole export in memory. A journal
 * form (entry.h) gives one row per entry, its id, date and author first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/core.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "parcours/stored.h"
#include "parcours/text.h"
#include "parcours/value.h"

struct export {
	const struct pc_form *form;
	enum pc_export_format fmt;
	bool raw; /* CSV text cells as stored, without the formula guard */
	bool (*write)(void *ctx, const char *data, size_t len);
	void *wctx;
	struct pc_buf row;
	size_t rows;
	bool failed;
	bool damaged; /* a stored row did not read: stop, exit 3 */
	struct pc_problems *pr;
	const struct pc_entry *entry; /* a journal's row: its entry */
};

static bool flush(struct export *e)
{
	if (e->row.failed || !e->write(e->wctx, e->row.data ? e->row.data : "", e->row.len)) {
		e->failed = true;
		return false;
	}
	pc_buf_reset(&e->row);
	return true;
}

static bool exported(const struct pc_field *f)
{
	return f->type != PC_TYPE_NOTE;
}

/* A cell: numbers as JSON writes them (a dot, no thousands), booleans as
 * true/false, choices as their values "a,b", repeats as JSON text. The type
 * decides what is text: a string answer (text, dates, a choice) goes through
 * the formula guard, a number of a number field never does, so -3 stays -3. */
static void csv_cell(struct pc_buf *b, const struct pc_field *f, const struct pc_json *v,
		     bool raw)
{
	if (!v || v->kind == PC_JSON_NULL)
		return;
	char *s = NULL;
	if (v->kind == PC_JSON_STRING) {
		pc_text_csv_cell(b, v->string, raw);
		return;
	}
	if (v->kind == PC_JSON_ARRAY && f->type == PC_TYPE_CHOICES) {
		struct pc_buf j = {0};
		for (size_t i = 0; i < v->len; i++) {
			if (i)
				pc_buf_putc(&j, ',');
			if (v->items[i]->kind == PC_JSON_STRING)
				pc_buf_puts(&j, v->items[i]->string);
		}
		s = pc_buf_take(&j);
	} else {
		s = pc_json_to_string(v);
	}
	if (s)
		pc_buf_csv_field(b, s);
	else
		b->failed = true;
	free(s);
}

static void csv_header(struct export *e)
{
	pc_buf_puts(&e->row, "file_no");
	if (e->form->period == PC_PERIOD_MONTH)
		pc_buf_puts(&e->row, ",period");
	if (e->form->period == PC_PERIOD_ENTRY)
		pc_buf_puts(&e->row, ",entry,date,author");
	pc_buf_puts(&e->row, ",revision,form_version,by,at");
	for (size_t i = 0; i < e->form->nfields; i++) {
		if (!exported(&e->form->fields[i]))
			continue;
		pc_buf_putc(&e->row, ',');
		pc_buf_csv_field(&e->row, e->form->fields[i].name);
	}
	pc_buf_puts(&e->row, "\r\n");
}

static bool each_row(void *ctx, const struct pc_participant *p, const struct pc_revision *r)
{
	struct export *e = ctx;
	struct pc_buf *b = &e->row;
	struct pc_json *answers = NULL;
	if (pc_stored_answers(e->form, e->form->id, p->file_no, r->period, r->answers, &answers,
			      e->pr) != PC_OK) {
		e->damaged = true;
		return false;
	}
	if (e->fmt == PC_EXPORT_JSON) {
		pc_buf_puts(b, e->rows ? ",\n{\"file_no\":" : "\n{\"file_no\":");
		pc_buf_json_string(b, p->file_no);
		if (e->entry) {
			pc_buf_printf(b, ",\"entry\":%lld,\"date\":", e->entry->id);
			pc_buf_json_string(b, e->entry->date);
			pc_buf_puts(b, ",\"author\":");
			pc_buf_json_string(b, e->entry->author);
		} else if (*r->period) {
			pc_buf_puts(b, ",\"period\":");
			pc_buf_json_string(b, r->period);
		}
		pc_buf_printf(b, ",\"revision\":%lld,\"form_version\":%d,\"by\":", r->revision,
			      r->form_version);
		pc_buf_json_string(b, r->by);
		pc_buf_puts(b, ",\"at\":");
		pc_buf_json_string(b, r->at);
		pc_buf_puts(b, ",\"answers\":");
		pc_json_write(answers, b, 0);
		pc_buf_putc(b, '}');
	} else {
		pc_buf_csv_field(b, p->file_no);
		if (e->form->period == PC_PERIOD_MONTH) {
			pc_buf_putc(b, ',');
			pc_buf_csv_field(b, r->period);
		}
		if (e->entry) {
			pc_buf_printf(b, ",%lld,", e->entry->id);
			pc_buf_csv_field(b, e->entry->date);
			pc_buf_putc(b, ',');
			pc_text_csv_cell(b, e->entry->author, e->raw);
		}
		pc_buf_printf(b, ",%lld,%d,", r->revision, r->form_version);
		pc_text_csv_cell(b, r->by, e->raw);
		pc_buf_putc(b, ',');
		pc_buf_csv_field(b, r->at);
		for (size_t i = 0; i < e->form->nfields; i++) {
			const struct pc_field *f = &e->form->fields[i];
			if (!exported(f))
				continue;
			pc_buf_putc(b, ',');
			csv_cell(b, f, pc_json_object_get(answers, f->name), e->raw);
		}
		pc_buf_puts(b, "\r\n");
	}
	pc_json_free(&answers);
	e->rows++;
	return flush(e);
}

static bool each_entry_row(void *ctx, const struct pc_participant *p, const struct pc_entry *en,
			   const struct pc_revision *r)
{
	struct export *e = ctx;
	e->entry = en;
	bool go = each_row(ctx, p, r);
	e->entry = NULL;
	return go;
}

/* Whether c->login may export `form`: every row when one of their roles
 * reads it; a counsellor whose only way in is the caseload gets the rows of
 * their own participants (*caseload = their login); refused otherwise. */
static enum pc_status export_allowed(struct pc_ctx *c, const struct pc_form *form,
				     const char **caseload, struct pc_problems *pr)
{
	struct pc_staff me;
	enum pc_status st = pc_staff_me(c, &me, pr);
	if (st != PC_OK)
		return st;
	unsigned roles = me.roles;
	pc_staff_clear(&me);
	*caseload = NULL;
	if (pc_access_allows(form->access_read, roles, c->login, NULL))
		return PC_OK;
	if ((form->access_read & PC_ACCESS_CASELOAD) && (roles & PC_ROLE_COUNSELLOR)) {
		*caseload = c->login;
		return PC_OK;
	}
	char mine[48], who[160];
	pc_roles_format(roles, mine, sizeof(mine));
	pc_access_format(form->access_read, who, sizeof(who));
	pc_problems_add(pr, false, form->id,
			_("your roles (%s) do not allow exporting this form; it is read by: %s"),
			mine, who);
	return PC_REFUSED;
}

enum pc_status pc_export(struct pc_ctx *c, const char *form_id, enum pc_export_format fmt,
			 bool (*write)(void *ctx, const char *data, size_t len), void *wctx,
			 struct pc_problems *pr)
{
	const struct pc_form *form = pc_formset_find(c->forms, form_id);
	if (!form) {
		pc_problems_add(pr, false, "form", _("there is no form \"%s\" in %s"), form_id,
				c->forms && c->forms->dir ? c->forms->dir : "?");
		return PC_REFUSED;
	}
	const char *caseload = NULL; /* a counsellor's export: their caseload only */
	enum pc_status st = export_allowed(c, form, &caseload, pr);
	if (st != PC_OK)
		return st;
	const char *detail = fmt == PC_EXPORT_JSON      ? "format=json"
			     : fmt == PC_EXPORT_CSV_RAW ? "format=csv-raw"
							: "format=csv";
	char scoped[64];
	if (caseload) {
		snprintf(scoped, sizeof(scoped), "%s caseload", detail);
		detail = scoped;
	}
	if (pc_audit_record(c, PC_AUDIT_EXPORT, NULL, form->id, detail, pr) != PC_OK)
		return PC_UNUSABLE;
	struct export e = {.form = form, .fmt = fmt, .write = write, .wctx = wctx, .pr = pr,
			   .raw = fmt == PC_EXPORT_CSV_RAW};
	if (fmt == PC_EXPORT_CSV_RAW)
		e.fmt = fmt = PC_EXPORT_CSV;
	if (fmt == PC_EXPORT_CSV)
		csv_header(&e);
	else
		pc_buf_putc(&e.row, '[');
	if (!flush(&e))
		st = PC_UNUSABLE;
	else if (form->period == PC_PERIOD_ENTRY)
		st = pc_store_entry_each_current(c->store, form->id, caseload, each_entry_row, &e,
						 pr);
	else
		st = pc_store_revision_each_current(c->store, form->id, caseload, each_row, &e, pr);
	if (st == PC_OK && e.damaged)
		st = PC_UNUSABLE;
	if (st == PC_OK && !e.failed && fmt == PC_EXPORT_JSON) {
		pc_buf_puts(&e.row, e.rows ? "\n]\n" : "]\n");
		flush(&e);
	}
	if (st == PC_OK && e.failed) {
		pc_problems_add(pr, false, form->id, "%s", _("the export could not be written"));
		st = PC_UNUSABLE;
	}
	pc_buf_free(&e.row);
	return st;
}
