/* Everything held on one participant (core.h: pc_show), as the documented
 * JSON of `show --json` or as text a counsellor can read. Answers of fields
 * no longer in a form are kept and marked, never hidden. A journal form's
 * entries (entry.h) are listed newest first, each with its revisions.
 * Written as SQLite hands the revisions over: only the list of form+periods
 * and one revision at a time are held, whatever the file's size. Read-only. */
#include <stdlib.h>
#include <string.h>
#include "parcours/format.h"
#include "parcours/audit.h"
#include "parcours/caseload.h"
#include "parcours/core.h"
#include "parcours/enrolment.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/status_history.h"
#include "parcours/json.h"
#include "parcours/person.h"
#include "parcours/staff.h"
#include "parcours/store.h"
#include "parcours/stored.h"
#include "parcours/value.h"

/* What is being written, and the group of revisions at hand. */
struct show {
	struct pc_ctx *c;
	const struct pc_participant *p;
	const struct pc_revision_group *groups; /* ordered by form, period */
	size_t ng;
	const struct pc_entry *entries; /* every form's, each form's newest first */
	size_t nentries;
	struct pc_person_out *o;
	struct pc_problems *pr;
	enum pc_status st;
	/* while a group's revisions are read */
	const struct pc_form *form;
	size_t written;                   /* JSON: revisions written so far */
	bool in_entry;                    /* text: an entry's reasons, indented further */
	struct pc_status_history *history; /* text: fed every revision, or NULL */
};

static void json_key(struct pc_buf *b, const char *key, bool *first)
{
	pc_buf_puts(b, *first ? "" : ",");
	*first = false;
	pc_buf_json_string(b, key);
	pc_buf_putc(b, ':');
}

static void json_str_or_null(struct pc_buf *b, const char *s)
{
	if (s)
		pc_buf_json_string(b, s);
	else
		pc_buf_puts(b, "null");
}

/* Names of answers whose field is not (or no longer) in the form. */
static void not_asked_json(const struct pc_form *form, const struct pc_json *answers,
			   struct pc_buf *b)
{
	pc_buf_putc(b, '[');
	bool first = true;
	for (size_t i = 0; answers && answers->kind == PC_JSON_OBJECT && i < answers->len; i++) {
		if (form && pc_form_field(form, answers->keys[i]))
			continue;
		pc_buf_puts(b, first ? "" : ",");
		first = false;
		pc_buf_json_string(b, answers->keys[i]);
	}
	pc_buf_putc(b, ']');
}

/* The latest revision of g, and its answers parsed. */
static enum pc_status latest(struct show *s, const struct pc_revision_group *g,
			     struct pc_revision *cur, struct pc_json **answers)
{
	*answers = NULL;
	enum pc_status st = pc_store_revision_current(s->c->store, s->p->id, g->form, g->period,
						      cur, s->pr);
	if (st == PC_OK)
		st = pc_stored_answers(s->form, g->form, s->p->file_no, g->period, cur->answers,
				       answers, s->pr);
	if (st != PC_OK)
		pc_revision_clear(cur);
	return st;
}

/* One revision of the group as JSON, as it is read. */
static bool revision_json(void *ctx, const struct pc_revision *r, const char *reason)
{
	struct show *s = ctx;
	struct pc_buf *b = &s->o->b;
	struct pc_json *answers = NULL;
	s->st = pc_stored_answers(s->form, r->form, s->p->file_no, r->period, r->answers, &answers,
				  s->pr);
	if (s->st != PC_OK)
		return false;
	pc_buf_puts(b, s->written ? ",{" : "{");
	pc_revision_json_fields(r, reason, answers, b);
	pc_buf_putc(b, '}');
	pc_json_free(&answers);
	s->written++;
	return pc_person_out_flush(s->o, PC_PERSON_OUT_CHUNK);
}

static void group_json(struct show *s, const struct pc_revision_group *g)
{
	struct pc_buf *b = &s->o->b;
	struct pc_revision cur;
	struct pc_json *answers = NULL;
	if (s->st == PC_OK)
		s->st = latest(s, g, &cur, &answers);
	if (s->st != PC_OK)
		return;
	bool first = true;
	/* written from the parsed value, never copied from the row, so the
	 * document is valid JSON whatever the file holds */
	json_key(b, "current", &first);
	pc_json_write(answers, b, 0);
	json_key(b, "not_asked", &first);
	not_asked_json(s->form, answers, b);
	pc_json_free(&answers);
	pc_revision_clear(&cur);
	json_key(b, "revisions", &first);
	pc_buf_putc(b, '[');
	s->written = 0;
	enum pc_status st = pc_store_revision_each(s->c->store, s->p->id, NULL, g->form, g->period,
						   revision_json, s, s->pr);
	if (s->st == PC_OK)
		s->st = st;
	pc_buf_putc(b, ']');
}

static bool is_journal(const struct show *s, const struct pc_form *form, const char *form_id)
{
	if (form)
		return form->period == PC_PERIOD_ENTRY;
	for (size_t i = 0; i < s->nentries; i++)
		if (!strcmp(s->entries[i].form, form_id))
			return true;
	return false;
}

/* The group of groups[first..end) holding entry e's revisions, or NULL. */
static const struct pc_revision_group *entry_group(const struct show *s, size_t first, size_t end,
						   const struct pc_entry *e)
{
	if (strcmp(e->form, s->groups[first].form))
		return NULL;
	char period[24];
	pc_entry_period(e->id, period);
	for (size_t i = first; i < end; i++)
		if (!strcmp(s->groups[i].period, period))
			return &s->groups[i];
	return NULL;
}

/* Whether g is the revisions of one of the entries. */
static bool group_has_entry(const struct show *s, const struct pc_revision_group *g)
{
	char period[24];
	for (size_t i = 0; i < s->nentries; i++) {
		pc_entry_period(s->entries[i].id, period);
		if (!strcmp(s->entries[i].form, g->form) && !strcmp(period, g->period))
			return true;
	}
	return false;
}

/* "entries": [...] of one journal form, groups[first..end) its revisions:
 * newest entry first; revisions kept under no entry come last, id null. */
static void entries_json(struct show *s, size_t first, size_t end)
{
	struct pc_buf *b = &s->o->b;
	pc_buf_puts(b, "\"entries\":[");
	bool any = false;
	for (size_t i = 0; i < s->nentries && s->st == PC_OK; i++) {
		const struct pc_entry *e = &s->entries[i];
		const struct pc_revision_group *g = entry_group(s, first, end, e);
		if (!g)
			continue;
		pc_buf_printf(b, "%s{\"id\":%lld,\"date\":", any ? "," : "", e->id);
		pc_buf_json_string(b, e->date);
		pc_buf_puts(b, ",\"author\":");
		pc_buf_json_string(b, e->author);
		pc_buf_puts(b, ",\"created_at\":");
		pc_buf_json_string(b, e->created_at);
		pc_buf_printf(b, ",\"revision_count\":%lld,", g->count);
		group_json(s, g);
		pc_buf_putc(b, '}');
		any = true;
	}
	for (size_t i = first; i < end && s->st == PC_OK; i++) {
		if (group_has_entry(s, &s->groups[i]))
			continue;
		pc_buf_printf(b, "%s{\"id\":null,\"revision_count\":%lld,", any ? "," : "",
			      s->groups[i].count);
		group_json(s, &s->groups[i]);
		pc_buf_putc(b, '}');
		any = true;
	}
	pc_buf_putc(b, ']');
}

/* The end of the run of groups of the form of groups[i]. */
static size_t form_end(const struct show *s, size_t i)
{
	size_t end = i;
	while (end < s->ng && !strcmp(s->groups[end].form, s->groups[i].form))
		end++;
	return end;
}

static void show_json(struct show *s, const struct pc_buf *hidden_ids,
		      const struct pc_buf *enrolments)
{
	const struct pc_participant *p = s->p;
	struct pc_buf *b = &s->o->b;
	bool first = true;
	pc_buf_putc(b, '{');
	json_key(b, "file_no", &first);
	pc_buf_json_string(b, p->file_no);
	json_key(b, "family_name", &first);
	json_str_or_null(b, p->family_name);
	json_key(b, "given_name", &first);
	json_str_or_null(b, p->given_name);
	json_key(b, "birth_date", &first);
	json_str_or_null(b, p->birth_date);
	json_key(b, "programme", &first);
	json_str_or_null(b, p->programme);
	json_key(b, "counsellor", &first);
	json_str_or_null(b, p->counsellor);
	json_key(b, "status", &first);
	json_str_or_null(b, p->status);
	json_key(b, "created_at", &first);
	json_str_or_null(b, p->created_at);
	if (hidden_ids->len) {
		json_key(b, "not_shown", &first);
		pc_buf_printf(b, "[%s]", hidden_ids->data);
	}
	if (enrolments->len) {
		json_key(b, "enrolments", &first);
		pc_buf_add(b, enrolments->data, enrolments->len);
	}
	json_key(b, "forms", &first);
	pc_buf_putc(b, '{');
	for (size_t i = 0; i < s->ng && s->st == PC_OK && !s->o->failed; i++) {
		const struct pc_revision_group *g = &s->groups[i];
		s->form = pc_formset_find(s->c->forms, g->form);
		bool monthly = g->period[0] != '\0';
		bool new_form = i == 0 || strcmp(s->groups[i - 1].form, g->form);
		bool last_of_form = i + 1 == s->ng || strcmp(s->groups[i + 1].form, g->form);
		if (new_form) {
			pc_buf_puts(b, i ? "," : "");
			pc_buf_json_string(b, g->form);
			pc_buf_puts(b, ":{");
			if (!s->form) {
				pc_buf_puts(b, "\"form_removed\":true,");
			} else {
				/* the form as it is defined today, in the chosen language */
				pc_buf_puts(b, "\"title\":");
				pc_buf_json_string(b, pc_text_get(&s->form->title));
				pc_buf_printf(b, ",\"form_version\":%d,", s->form->version);
			}
			if (is_journal(s, s->form, g->form)) {
				size_t end = form_end(s, i);
				entries_json(s, i, end);
				pc_buf_putc(b, '}');
				i = end - 1;
				continue;
			}
			if (monthly)
				pc_buf_puts(b, "\"periods\":{");
		} else if (monthly) {
			pc_buf_putc(b, ',');
		}
		if (monthly) {
			pc_buf_json_string(b, g->period);
			pc_buf_puts(b, ":{");
		}
		group_json(s, g);
		if (monthly)
			pc_buf_putc(b, '}');
		if (last_of_form)
			pc_buf_puts(b, monthly ? "}}" : "}");
	}
	pc_buf_puts(b, "}}\n");
}

void pc_answer_text(const struct pc_field *f, const struct pc_json *v, int indent,
		    struct pc_buf *b)
{
	if (f->type != PC_TYPE_REPEAT || v->kind != PC_JSON_ARRAY) {
		char *s = pc_value_display(f, v);
		pc_buf_printf(b, _("%*s%s: %s\n"), indent, "", pc_text_get(&f->label), s ? s : "?");
		free(s);
		return;
	}
	pc_buf_printf(b, _("%*s%s:\n"), indent, "", pc_text_get(&f->label));
	for (size_t r = 0; r < v->len; r++) {
		pc_buf_printf(b, "%*s%zu.\n", indent + 2, "", r + 1);
		for (size_t k = 0; k < f->nfields; k++) {
			const struct pc_json *cv = pc_json_object_get(v->items[r], f->fields[k].name);
			if (cv)
				pc_answer_text(&f->fields[k], cv, indent + 5, b);
		}
	}
}

/* The answers of one revision, indented. */
static void answers_text(const struct pc_form *form, const struct pc_json *answers, int indent,
			 struct pc_buf *b)
{
	for (size_t i = 0; form && i < form->nfields; i++) {
		const struct pc_json *v = pc_json_object_get(answers, form->fields[i].name);
		if (v)
			pc_answer_text(&form->fields[i], v, indent, b);
	}
	for (size_t i = 0; answers->kind == PC_JSON_OBJECT && i < answers->len; i++) {
		if (form && pc_form_field(form, answers->keys[i]))
			continue;
		char *s = pc_json_to_string(answers->items[i]);
		pc_buf_printf(b, _("%*s%s: %s %s\n"), indent, "", answers->keys[i], s ? s : "?",
			      _("(no longer asked)"));
		free(s);
	}
}

/* One revision of the group in the text, as it is read: the reason given
 * with it, and its statuses for the history. */
static bool revision_text(void *ctx, const struct pc_revision *r, const char *reason)
{
	struct show *s = ctx;
	if (reason)
		pc_buf_printf(&s->o->b,
			      s->in_entry ? _("    Reason given with revision %lld: %s\n")
					  : _("  Reason given with revision %lld: %s\n"),
			      r->revision, reason);
	if (s->history) {
		struct pc_json *answers = NULL;
		s->st = pc_stored_answers(s->form, r->form, s->p->file_no, r->period, r->answers,
					  &answers, s->pr);
		pc_status_history_add(s->history, answers);
		pc_json_free(&answers);
	}
	return s->st == PC_OK && pc_person_out_flush(s->o, PC_PERSON_OUT_CHUNK);
}

/* The reasons of g's revisions (and their statuses when s->history). */
static void group_reasons(struct show *s, const struct pc_revision_group *g, bool in_entry)
{
	s->in_entry = in_entry;
	enum pc_status st = pc_store_revision_each(s->c->store, s->p->id, NULL, g->form, g->period,
						   revision_text, s, s->pr);
	if (s->st == PC_OK)
		s->st = st;
}

static void oom(struct show *s)
{
	if (s->st == PC_OK) {
		pc_problems_add(s->pr, false, s->p->file_no, "%s", _("out of memory"));
		s->st = PC_UNUSABLE;
	}
}

static void group_text(struct show *s, const struct pc_revision_group *g)
{
	struct pc_buf *b = &s->o->b;
	struct pc_revision cur;
	struct pc_json *answers = NULL;
	if (s->st == PC_OK)
		s->st = latest(s, g, &cur, &answers);
	if (s->st != PC_OK)
		return;
	const char *title = s->form ? pc_text_get(&s->form->title) : g->form;
	pc_buf_printf(b, "\n%s", title);
	if (*g->period)
		pc_buf_printf(b, " %s", g->period);
	char at[PC_FORMAT_MAX]; /* local time, as people read it */
	pc_buf_printf(b, _(" (revision %lld, %s by %s)"), cur.revision,
		      pc_format_time(at, sizeof(at), cur.at, PC_FORMAT_SHORT), cur.by);
	pc_buf_putc(b, '\n');
	if (!pc_status_history_new(s->form, answers, 2, &s->history))
		oom(s);
	group_reasons(s, g, false);
	if (s->st == PC_OK) {
		answers_text(s->form, answers, 2, b);
		if (!pc_status_history_write(s->history, b))
			oom(s);
	}
	pc_status_history_free(&s->history);
	pc_json_free(&answers);
	pc_revision_clear(&cur);
}

/* A journal form as text: its title and count, then each entry newest
 * first with its date, author and revisions, and its current answers. */
static void entries_text(struct show *s, size_t first, size_t end)
{
	struct pc_buf *b = &s->o->b;
	const char *title = s->form ? pc_text_get(&s->form->title) : s->groups[first].form;
	size_t count = end - first;
	pc_buf_printf(b, "\n%s", title);
	pc_buf_printf(b, P_(" (%zu entry)", " (%zu entries, newest first)", count), count);
	pc_buf_putc(b, '\n');
	char at[PC_FORMAT_MAX];
	struct pc_revision cur;
	struct pc_json *answers = NULL;
	for (size_t i = 0; i < s->nentries && s->st == PC_OK; i++) {
		const struct pc_entry *e = &s->entries[i];
		const struct pc_revision_group *g = entry_group(s, first, end, e);
		if (!g || (s->st = latest(s, g, &cur, &answers)) != PC_OK)
			continue;
		pc_buf_printf(b, _("\n  Entry %lld, %s, by %s"), e->id, e->date, e->author);
		if (g->count > 1)
			pc_buf_printf(b, _(" (revision %lld, %s by %s)"), cur.revision,
				      pc_format_time(at, sizeof(at), cur.at, PC_FORMAT_SHORT), cur.by);
		pc_buf_putc(b, '\n');
		group_reasons(s, g, true);
		answers_text(s->form, answers, 4, b);
		pc_json_free(&answers);
		pc_revision_clear(&cur);
	}
	for (size_t i = first; i < end && s->st == PC_OK; i++) {
		const struct pc_revision_group *g = &s->groups[i];
		if (group_has_entry(s, g) || (s->st = latest(s, g, &cur, &answers)) != PC_OK)
			continue;
		pc_buf_printf(b, _("\n  Kept under no entry (revision %lld, %s by %s)\n"),
			      cur.revision, pc_format_time(at, sizeof(at), cur.at, PC_FORMAT_SHORT),
			      cur.by);
		answers_text(s->form, answers, 4, b);
		pc_json_free(&answers);
		pc_revision_clear(&cur);
		pc_person_out_flush(s->o, PC_PERSON_OUT_CHUNK);
	}
}

static void show_text(struct show *s, const struct pc_buf *hidden,
		      const struct pc_buf *enrolments)
{
	const struct pc_participant *p = s->p;
	struct pc_buf *b = &s->o->b;
	pc_buf_printf(b, "%s, %s  %s\n", p->family_name, p->given_name, p->file_no);
	if (p->birth_date)
		pc_buf_printf(b, _("Born %s\n"), p->birth_date);
	if (hidden->len)
		pc_buf_printf(b, _("Not shown, your roles do not allow them: %s\n"), hidden->data);
	if (hidden->len && pc_exceptional_possible(s->c, p))
		pc_buf_printf(b, _("This person is not in your caseload. To read these "
				   "forms, give a reason (recorded, shown to supervisors): "
				   "parcours show %s --exceptional \"REASON\"\n"),
			      p->file_no);
	pc_buf_add(b, enrolments->data ? enrolments->data : "", enrolments->len);
	for (size_t i = 0; i < s->ng && s->st == PC_OK && !s->o->failed; i++) {
		s->form = pc_formset_find(s->c->forms, s->groups[i].form);
		if (!is_journal(s, s->form, s->groups[i].form)) {
			group_text(s, &s->groups[i]);
		} else {
			size_t end = form_end(s, i);
			entries_text(s, i, end);
			i = end - 1;
		}
		pc_person_out_flush(s->o, PC_PERSON_OUT_CHUNK);
	}
}

enum pc_status pc_show_write(struct pc_ctx *c, const char *file_no, bool json,
			     bool (*write)(void *ctx, const char *data, size_t len), void *wctx,
			     struct pc_problems *pr)
{
	struct pc_participant p = {0};
	struct pc_revision_group *groups = NULL;
	size_t ng = 0;
	struct pc_buf only = {0}, hidden_ids = {0}, hidden = {0}, enrolments = {0};
	bool enrolments_shown = false, snapshot = false;
	struct pc_entry *entries = NULL;
	size_t nentries = 0;
	struct pc_person_out o = {.write = write, .ctx = wctx};
	enum pc_status st = pc_store_participant_get(c->store, file_no, &p, pr);
	/* a refused read is not a read: checked before the audit entry, and
	 * the forms the reader may not read are never fetched */
	if (st == PC_OK)
		st = pc_access_readable(c, &p, &only, &hidden_ids, &hidden, pr);
	if (st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_READ, &p, NULL, json ? "show json" : "show", pr);
	/* what follows reads one state of the file, however long the writing */
	if (st == PC_OK)
		st = pc_store_snapshot_begin(c->store, &snapshot, pr);
	/* every revision is read before anything is written: a damaged one
	 * stops the command rather than showing part of the file */
	if (st == PC_OK)
		st = pc_person_revisions_check(c, &p, only.len ? only.data : NULL, pr);
	if (st == PC_OK)
		st = pc_store_revision_groups(c->store, p.id, only.len ? only.data : NULL, &groups,
					      &ng, pr);
	if (st == PC_OK) /* programmes and exits (person_enrolment.c) */
		st = pc_person_enrolments(c, &p, json, &enrolments, &enrolments_shown, pr);
	/* entries of forms not readable are listed but never shown: only the
	 * forms whose revisions were fetched are written */
	if (st == PC_OK)
		st = pc_store_entry_list(c->store, p.id, NULL, &entries, &nentries, pr);
	if (st == PC_OK && enrolments.failed) {
		pc_problems_add(pr, false, file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	if (st == PC_OK) {
		struct show s = {.c = c, .p = &p, .groups = groups, .ng = ng, .entries = entries,
				 .nentries = nentries, .o = &o, .pr = pr};
		if (json)
			show_json(&s, &hidden_ids, &enrolments);
		else
			show_text(&s, &hidden, &enrolments);
		st = s.st;
	}
	if (st == PC_OK && !pc_person_out_flush(&o, 0)) {
		pc_problems_add(pr, false, file_no, "%s",
				o.b.failed ? _("out of memory") : _("the output could not be written"));
		st = PC_UNUSABLE;
	}
	pc_store_snapshot_end(c->store, snapshot);
	pc_revision_groups_free(&groups, ng);
	pc_entries_free(&entries, nentries);
	pc_participant_clear(&p);
	pc_buf_free(&only);
	pc_buf_free(&hidden_ids);
	pc_buf_free(&hidden);
	pc_buf_free(&enrolments);
	pc_buf_free(&o.b);
	return st;
}

static bool to_buf(void *ctx, const char *data, size_t len)
{
	struct pc_buf *b = ctx;
	pc_buf_add(b, data, len);
	return !b->failed;
}

enum pc_status pc_show(struct pc_ctx *c, const char *file_no, bool json, struct pc_buf *out,
		       struct pc_problems *pr)
{
	return pc_show_write(c, file_no, json, to_buf, out, pr);
}
