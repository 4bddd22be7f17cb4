/* export-person (person.h): everything held on one person, read through the
 * store's queries and written as text or JSON as it is read: the revisions
 * and the audit entries one at a time, whatever their number. Each revision
 * is written with the keys of the record it belongs to (record_key_json/
 * record_key_text below): the one place to name a further key, such as the
 * entry of a form kept as a journal. Access is pc_staff_can's; printing and
 * escaping are the face's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/ami.h"
#include "parcours/format.h"
#include "parcours/audit.h"
#include "parcours/clock.h"
#include "parcours/enrolment.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/person.h"
#include "parcours/short_id.h"
#include "parcours/staff.h"
#include "parcours/stored.h"
#include "parcours/value.h"

/* What is read before anything is written (small whatever the file), and
 * the output being written. */
struct held {
	struct pc_ctx *c;
	struct pc_participant p;
	struct pc_revision_group *groups; /* form+periods with revisions, readable ones */
	size_t ng;
	struct pc_revision *aside;        /* other copies' versions a sync set aside */
	size_t naside;
	struct pc_buf enrolments;               /* pc_person_enrolments, in the output's format */
	struct pc_buf months;                   /* hours by month, in the output's format */
	struct pc_buf ami;                      /* AMI sessions attended (ami.h), likewise */
	size_t nami;
	struct pc_buf only, hidden_ids, hidden; /* pc_access_readable */
	struct pc_entry *entries;               /* the person's entries, every form */
	size_t nentries;
	bool json;
	size_t nmonths, naudit, nrevs; /* nrevs: of the list being written */
	struct pc_person_out *o;
	struct pc_problems *pr;
	enum pc_status st; /* of the revision being written */
};

static void json_str_or_null(struct pc_buf *b, const char *s)
{
	if (s)
		pc_buf_json_string(b, s);
	else
		pc_buf_puts(b, "null");
}

/* ---- the record a revision belongs to ---- */

/* The entry a revision belongs to (its period is the entry's id), or NULL
 * for a revision of a form kept whole or by month. */
static const struct pc_entry *entry_of(const struct held *h, const struct pc_revision *r)
{
	long long id;
	if (!r->period || !pc_entry_id_parse(r->period, &id))
		return NULL;
	for (size_t i = 0; i < h->nentries; i++)
		if (h->entries[i].id == id && !strcmp(h->entries[i].form, r->form))
			return &h->entries[i];
	return NULL;
}

static void record_key_json(const struct held *h, const struct pc_revision *r, struct pc_buf *b)
{
	pc_buf_puts(b, "\"form\":");
	pc_buf_json_string(b, r->form);
	pc_buf_puts(b, ",\"period\":");
	json_str_or_null(b, r->period && *r->period ? r->period : NULL);
	const struct pc_entry *e = entry_of(h, r);
	if (e) {
		pc_buf_printf(b, ",\"entry\":%lld,\"entry_date\":", e->id);
		pc_buf_json_string(b, e->date);
	}
}

/* The entry's number as a person reads it: its id, or DATE/N when the id
 * is one of a site's random ones (short_id.h; the same order as the store's). */
static void entry_number(const struct held *h, const struct pc_entry *e, char out[PC_SHORT_ID])
{
	snprintf(out, PC_SHORT_ID, "%lld", e->id);
	if (!pc_short_id_needed(e->id) || !e->date)
		return;
	long long n = 0;
	for (size_t i = 0; i < h->nentries; i++) {
		const struct pc_entry *x = &h->entries[i];
		if (strcmp(x->form, e->form) || !x->date || strcmp(x->date, e->date))
			continue;
		int t = strcmp(x->created_at ? x->created_at : "", e->created_at ? e->created_at : "");
		n += t < 0 || (t == 0 && x->id <= e->id);
	}
	snprintf(out, PC_SHORT_ID, "%s/%lld", e->date, n);
}

static void record_key_text(const struct held *h, const struct pc_form *form,
                            const struct pc_revision *r, struct pc_buf *b)
{
	pc_buf_puts(b, form ? pc_text_get(&form->title) : r->form);
	const struct pc_entry *e = entry_of(h, r);
	if (e)
	{
		char num[PC_SHORT_ID];
		entry_number(h, e, num);
		pc_buf_printf(b, _(", entry %s of %s"), num, e->date);
	}
	else if (r->period && *r->period)
		pc_buf_printf(b, " %s", r->period);
}

/* ---- reading ---- */

static bool one_entry(void *ctx, const struct pc_audit_entry *e)
{
	struct held *h = ctx;
	struct pc_buf *b = &h->o->b;
	if (h->json) {
		pc_buf_puts(b, h->naudit ? ",{" : "{");
		pc_buf_printf(b, "\"seq\":%lld,\"at\":", e->seq);
		pc_buf_json_string(b, e->at);
		pc_buf_puts(b, ",\"login\":");
		pc_buf_json_string(b, e->login);
		pc_buf_puts(b, ",\"face\":");
		pc_buf_json_string(b, e->face);
		pc_buf_puts(b, ",\"action\":");
		pc_buf_json_string(b, e->action);
		pc_buf_puts(b, ",\"form\":");
		json_str_or_null(b, e->form);
		pc_buf_puts(b, ",\"detail\":");
		pc_buf_json_string(b, e->detail ? e->detail : "");
		pc_buf_putc(b, '}');
	} else {
		char at[PC_FORMAT_MAX];
		pc_buf_printf(b, "  %s  %s (%s)  %s",
		              pc_format_time(at, sizeof(at), e->at, PC_FORMAT_SHORT), e->login, e->face,
		              e->action);
		if (e->form)
			pc_buf_printf(b, "  %s", e->form);
		if (e->detail && *e->detail)
			pc_buf_printf(b, "  %s", e->detail);
		pc_buf_putc(b, '\n');
	}
	h->naudit++;
	/* a line at a time: the whole log of a file is never held */
	return pc_person_out_flush(h->o, PC_PERSON_OUT_CHUNK);
}

/* The figures of each month with a participation record. */
static enum pc_status hours_by_month(struct pc_ctx *c, struct held *h, struct pc_problems *pr)
{
	for (size_t i = 0; i < h->ng; i++) {
		const struct pc_revision_group *r = &h->groups[i];
		if (strcmp(r->form, PC_PARTICIPATION_FORM) || !*r->period)
			continue;
		const struct pc_programme *prog = NULL;
		struct pc_month m;
		enum pc_status st = pc_participant_month(c, &h->p, r->period, &prog, &m, pr);
		if (st != PC_OK)
			return st;
		struct pc_buf *b = &h->months;
		if (h->json) {
			pc_buf_puts(b, h->nmonths ? ",{\"period\":" : "{\"period\":");
			pc_buf_json_string(b, r->period);
			pc_buf_puts(b, ",\"programme\":");
			json_str_or_null(b, prog ? prog->id : NULL);
			pc_buf_printf(b,
			              ",\"month\":%d,\"target\":%g,\"hours\":%g,\"status\":\"%s\"}",
			              m.month, m.target, m.total, pc_month_status_name(m.status));
		} else if (prog) {
			char hh[PC_FORMAT_MAX], t[PC_FORMAT_MAX];
			pc_buf_printf(b, _("  %s: %s, month %d, %s of %s, %s\n"), r->period,
			              pc_text_get(&prog->title), m.month,
			              pc_format_hours(hh, sizeof(hh), m.total),
			              pc_format_hours(t, sizeof(t), m.target),
			              pc_month_status_label(m.status));
		} else {
			char hh[PC_FORMAT_MAX];
			pc_buf_printf(b, _("  %s: %s, %s\n"), r->period,
			              pc_format_hours(hh, sizeof(hh), m.total),
			              pc_month_status_label(m.status));
		}
		h->nmonths++;
	}
	return PC_OK;
}

static enum pc_status read_all(struct pc_ctx *c, struct held *h, struct pc_problems *pr)
{
	/* every form the exporter may read: with the shipped forms, all of
	 * them for a supervisor or the person's counsellor, and a supervisor
	 * also gets the forms no longer defined; a form kept from them by its
	 * `access:` is left out and named, as show does */
	enum pc_status st = pc_access_readable(c, &h->p, &h->only, &h->hidden_ids, &h->hidden, pr);
	const char *only = h->only.len ? h->only.data : NULL;
	/* every revision is read before anything is written: a damaged one
	 * stops the export rather than giving part of the file */
	if (st == PC_OK)
		st = pc_person_revisions_check(c, &h->p, only, pr);
	if (st == PC_OK)
		st = pc_store_revision_groups(c->store, h->p.id, only, &h->groups, &h->ng, pr);
	if (st == PC_OK)
		st = pc_store_revision_set_aside(c->store, h->p.id, only, &h->aside, &h->naside, pr);
	if (st == PC_OK)
		st = pc_store_entry_list(c->store, h->p.id, NULL, &h->entries, &h->nentries, pr);
	bool shown = false;
	if (st == PC_OK)
		st = pc_person_enrolments(c, &h->p, h->json, &h->enrolments, &shown, pr);
	if (st == PC_OK)
		st = hours_by_month(c, h, pr);
	if (st == PC_OK)
		st = pc_ami_person_write(c, &h->p, h->json, &h->ami, &h->nami, pr);
	if (st == PC_OK && (h->enrolments.failed || h->months.failed || h->ami.failed)) {
		pc_problems_add(pr, false, h->p.file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	return st;
}

/* ---- writing ---- */

/* Every revision the exporter may read, each written by `one` as it is
 * read. */
static enum pc_status revisions(struct held *h,
                                bool (*one)(void *ctx, const struct pc_revision *r,
                                            const char *reason))
{
	enum pc_status st = pc_store_revision_each(h->c->store, h->p.id,
	                                           h->only.len ? h->only.data : NULL, NULL, NULL, one,
	                                           h, h->pr);
	return st == PC_OK ? h->st : st;
}

/* The versions another copy saved with the number of one of ours, which a
 * sync set aside beside ours (sync.h), each written by `one`. */
static enum pc_status set_aside(struct held *h,
                                bool (*one)(void *ctx, const struct pc_revision *r,
                                            const char *reason))
{
	h->nrevs = 0;
	for (size_t i = 0; i < h->naside; i++)
		if (!one(h, &h->aside[i], NULL))
			break; /* a write that failed is said by the last flush */
	return h->st;
}

static enum pc_status audit(struct held *h)
{
	struct pc_audit_filter f = {.file_no = h->p.file_no};
	return pc_store_audit_each(h->c->store, &f, one_entry, h, h->pr);
}

/* r's form and its answers parsed and checked (pc_stored_answers); false
 * with h->st and a problem when they do not read. */
static bool read_answers(struct held *h, const struct pc_revision *r, const struct pc_form **form,
                         struct pc_json **answers)
{
	*form = pc_formset_find(h->c->forms, r->form);
	h->st = pc_stored_answers(*form, r->form, h->p.file_no, r->period, r->answers, answers,
	                          h->pr);
	return h->st == PC_OK;
}

static bool revision_text(void *ctx, const struct pc_revision *r, const char *reason)
{
	struct held *h = ctx;
	struct pc_buf *b = &h->o->b;
	const struct pc_form *form = NULL;
	struct pc_json *answers = NULL;
	if (!read_answers(h, r, &form, &answers))
		return false;
	pc_buf_putc(b, '\n');
	record_key_text(h, form, r, b);
	char at[PC_FORMAT_MAX]; /* local time: the person reads it */
	pc_format_time(at, sizeof(at), r->at, PC_FORMAT_SHORT);
	if (r->origin)
		pc_buf_printf(b, _(" (revision %lld of %s, %s by %s: %s)"), r->revision, r->origin,
		              at, r->by, r->open ? _("in conflict") : _("set aside"));
	else
		pc_buf_printf(b, _(" (revision %lld, %s by %s)"), r->revision, at, r->by);
	pc_buf_putc(b, '\n');
	if (reason)
		pc_buf_printf(b, _("  Reason given: %s\n"), reason);
	for (size_t i = 0; form && i < form->nfields; i++) {
		const struct pc_json *v = pc_json_object_get(answers, form->fields[i].name);
		if (v)
			pc_answer_text(&form->fields[i], v, 2, b);
	}
	for (size_t i = 0; answers && answers->kind == PC_JSON_OBJECT && i < answers->len; i++) {
		if (form && pc_form_field(form, answers->keys[i]))
			continue;
		char *s = pc_json_to_string(answers->items[i]);
		pc_buf_printf(b, "  %s : %s %s\n", answers->keys[i], s ? s : "?",
		              _("(no longer asked)"));
		free(s);
	}
	pc_json_free(&answers);
	h->nrevs++;
	return pc_person_out_flush(h->o, PC_PERSON_OUT_CHUNK);
}

static enum pc_status write_text(struct held *h, const char *now)
{
	const struct pc_participant *p = &h->p;
	struct pc_buf *b = &h->o->b;
	pc_buf_printf(b, _("Everything held on %s, %s (%s)\n"), p->family_name, p->given_name,
	              p->file_no);
	pc_buf_printf(b, _("Written %s for %s\n"), now, h->c->login);
	pc_buf_printf(b, _("\nIdentity\n  Family name: %s\n  Given name: %s\n"), p->family_name,
	              p->given_name);
	if (p->birth_date)
		pc_buf_printf(b, _("  Born: %s\n"), p->birth_date);
	pc_buf_printf(b, _("  File opened %s by %s\n"), p->created_at,
	              p->created_by ? p->created_by : "?");
	if (p->counsellor)
		pc_buf_printf(b, _("  Counsellor: %s\n"), p->counsellor);
	pc_buf_add(b, h->enrolments.data ? h->enrolments.data : "", h->enrolments.len);
	pc_buf_puts(b, _("\nForms, every revision\n"));
	if (h->hidden.len)
		pc_buf_printf(b, _("  Not included, your roles do not allow them: %s\n"),
		              h->hidden.data);
	if (!h->ng)
		pc_buf_puts(b, _("  none\n"));
	enum pc_status st = revisions(h, revision_text);
	if (st != PC_OK)
		return st;
	if (h->nmonths) {
		pc_buf_puts(b, _("\nHours by month\n"));
		pc_buf_add(b, h->months.data, h->months.len);
	}
	if (h->nami) {
		pc_buf_puts(b, _("\nAMI workshop sessions\n"));
		pc_buf_add(b, h->ami.data, h->ami.len);
	}
	if (h->naside) {
		pc_buf_puts(b, _("\nVersions of another copy set aside by a sync (same revision "
		                 "number as one of this copy's)\n"));
		if ((st = set_aside(h, revision_text)) != PC_OK)
			return st;
	}
	pc_buf_puts(b, _("\nWho read or changed this file\n"));
	return audit(h);
}

static bool revision_json(void *ctx, const struct pc_revision *r, const char *reason)
{
	struct held *h = ctx;
	struct pc_buf *b = &h->o->b;
	const struct pc_form *form = NULL;
	struct pc_json *answers = NULL;
	if (!read_answers(h, r, &form, &answers))
		return false;
	pc_buf_puts(b, h->nrevs ? ",{" : "{");
	record_key_json(h, r, b);
	pc_buf_puts(b, ",\"form_title\":");
	json_str_or_null(b, form ? pc_text_get(&form->title) : NULL);
	pc_buf_putc(b, ',');
	pc_revision_json_fields(r, reason, answers, b);
	if (r->origin) {
		pc_buf_puts(b, ",\"site\":");
		pc_buf_json_string(b, r->origin);
		pc_buf_puts(b, r->open ? ",\"in_conflict\":true" : ",\"in_conflict\":false");
	}
	pc_buf_putc(b, '}');
	pc_json_free(&answers);
	h->nrevs++;
	return pc_person_out_flush(h->o, PC_PERSON_OUT_CHUNK);
}

static enum pc_status write_json(struct held *h, const char *now)
{
	const struct pc_participant *p = &h->p;
	struct pc_buf *b = &h->o->b;
	pc_buf_puts(b, "{\"file_no\":");
	pc_buf_json_string(b, p->file_no);
	pc_buf_puts(b, ",\"written_at\":");
	pc_buf_json_string(b, now);
	pc_buf_puts(b, ",\"written_for\":");
	pc_buf_json_string(b, h->c->login);
	pc_buf_puts(b, ",\"person\":{\"family_name\":");
	json_str_or_null(b, p->family_name);
	pc_buf_puts(b, ",\"given_name\":");
	json_str_or_null(b, p->given_name);
	pc_buf_puts(b, ",\"birth_date\":");
	json_str_or_null(b, p->birth_date);
	pc_buf_puts(b, ",\"programme\":");
	json_str_or_null(b, p->programme);
	pc_buf_puts(b, ",\"counsellor\":");
	json_str_or_null(b, p->counsellor);
	pc_buf_puts(b, ",\"status\":");
	json_str_or_null(b, p->status);
	pc_buf_puts(b, ",\"created_by\":");
	json_str_or_null(b, p->created_by);
	pc_buf_puts(b, ",\"created_at\":");
	json_str_or_null(b, p->created_at);
	pc_buf_puts(b, "},\"enrolments\":");
	if (h->enrolments.len)
		pc_buf_add(b, h->enrolments.data, h->enrolments.len);
	else
		pc_buf_puts(b, "[]");
	if (h->hidden_ids.len)
		pc_buf_printf(b, ",\"not_shown\":[%s]", h->hidden_ids.data);
	pc_buf_puts(b, ",\"revisions\":[");
	enum pc_status st = revisions(h, revision_json);
	if (st != PC_OK)
		return st;
	pc_buf_puts(b, "],\"set_aside\":[");
	if ((st = set_aside(h, revision_json)) != PC_OK)
		return st;
	pc_buf_puts(b, "],\"hours_by_month\":[");
	pc_buf_add(b, h->months.data ? h->months.data : "", h->months.len);
	pc_buf_puts(b, "],\"ami_sessions\":[");
	pc_buf_add(b, h->ami.data ? h->ami.data : "", h->ami.len);
	pc_buf_puts(b, "],\"audit\":[");
	st = audit(h);
	pc_buf_puts(b, "]}\n");
	return st;
}

enum pc_status pc_person_export_write(struct pc_ctx *c, const char *file_no, bool json,
                                      bool (*write)(void *ctx, const char *data, size_t len),
                                      void *wctx, struct pc_problems *pr)
{
	struct pc_person_out o = {.write = write, .ctx = wctx};
	struct held h = {.c = c, .json = json, .o = &o, .pr = pr};
	bool snapshot = false;
	enum pc_status st = pc_store_participant_get(c->store, file_no, &h.p, pr);
	if (st == PC_OK)
		st = pc_staff_can(c, PC_DO_EXPORT_PERSON, &h.p, NULL, pr);
	/* recorded first, in its own transaction: an export that cannot be
	 * recorded does not happen, and the export lists itself */
	if (st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_EXPORT_PERSON, &h.p, NULL,
		                     json ? "format=json" : "format=text", pr);
	/* what follows reads one state of the file, however long the writing */
	if (st == PC_OK)
		st = pc_store_snapshot_begin(c->store, &snapshot, pr);
	if (st == PC_OK)
		st = read_all(c, &h, pr);
	if (st == PC_OK) {
		char now[21];
		pc_clock_now(now);
		st = json ? write_json(&h, now) : write_text(&h, now);
	}
	if (st == PC_OK && !pc_person_out_flush(&o, 0)) {
		pc_problems_add(pr, false, file_no, "%s",
		                o.b.failed ? _("out of memory") : _("the export could not be written"));
		st = PC_UNUSABLE;
	}
	pc_store_snapshot_end(c->store, snapshot);
	pc_revision_groups_free(&h.groups, h.ng);
	pc_revisions_free(&h.aside, h.naside);
	pc_entries_free(&h.entries, h.nentries);
	pc_participant_clear(&h.p);
	pc_buf_free(&h.enrolments);
	pc_buf_free(&h.months);
	pc_buf_free(&h.ami);
	pc_buf_free(&h.only);
	pc_buf_free(&h.hidden_ids);
	pc_buf_free(&h.hidden);
	pc_buf_free(&o.b);
	return st;
}
