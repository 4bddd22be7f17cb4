/* Everything held on one participant (core.h: pc_show), as the documented
 * JSON of `show --json` or as text a counsellor can read. Answers of fields
 * no longer in a form are kept and marked, never hidden. A journal form's
 * entries (entry.h) are listed newest first, each with its revisions.
 * Read-only. */
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
#include "parcours/stored.h"
#include "parcours/value.h"

struct group {
	const char *form;
	const char *period;
	size_t first, count; /* a run of the revision list */
	char *const *reasons; /* parallel to the revision list; NULL: none given */
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

static void group_json(const struct pc_form *form, const struct pc_revision *revs,
		       struct pc_json *const *parsed, const struct group *g, struct pc_buf *b)
{
	const struct pc_json *answers = parsed[g->first + g->count - 1];
	bool first = true;
	/* written from the parsed value, never copied from the row, so the
	 * document is valid JSON whatever the file holds */
	json_key(b, "current", &first);
	pc_json_write(answers, b, 0);
	json_key(b, "not_asked", &first);
	not_asked_json(form, answers, b);
	json_key(b, "revisions", &first);
	pc_buf_putc(b, '[');
	for (size_t i = 0; i < g->count; i++) {
		const struct pc_revision *r = &revs[g->first + i];
		pc_buf_printf(b, "%s{\"revision\":%lld,\"form_version\":%d,\"by\":", i ? "," : "",
			      r->revision, r->form_version);
		pc_buf_json_string(b, r->by);
		pc_buf_puts(b, ",\"at\":");
		pc_buf_json_string(b, r->at);
		if (g->reasons[g->first + i]) {
			pc_buf_puts(b, ",\"reason\":");
			pc_buf_json_string(b, g->reasons[g->first + i]);
		}
		pc_buf_puts(b, ",\"answers\":");
		pc_json_write(parsed[g->first + i], b, 0);
		pc_buf_putc(b, '}');
	}
	pc_buf_putc(b, ']');
}

/* The entries of the participant (every form, each form's newest first). */
struct journal {
	const struct pc_entry *list;
	size_t n;
};

static bool is_journal(const struct pc_form *form, const struct journal *jr, const char *form_id)
{
	if (form)
		return form->period == PC_PERIOD_ENTRY;
	for (size_t i = 0; i < jr->n; i++)
		if (!strcmp(jr->list[i].form, form_id))
			return true;
	return false;
}

/* The group of groups[first..end) holding entry e's revisions, or NULL. */
static const struct group *entry_group(const struct group *groups, size_t first, size_t end,
				       const struct pc_entry *e)
{
	char period[24];
	pc_entry_period(e->id, period);
	for (size_t i = first; i < end; i++)
		if (!strcmp(groups[i].period, period))
			return &groups[i];
	return NULL;
}

/* Whether groups[g] is the revisions of one of the entries. */
static bool group_has_entry(const struct group *g, const struct journal *jr)
{
	char period[24];
	for (size_t i = 0; i < jr->n; i++) {
		pc_entry_period(jr->list[i].id, period);
		if (!strcmp(jr->list[i].form, g->form) && !strcmp(period, g->period))
			return true;
	}
	return false;
}

/* "entries": [...] of one journal form, groups[first..end) its revisions:
 * newest entry first; revisions kept under no entry come last, id null. */
static void entries_json(const struct pc_form *form, const struct pc_revision *revs,
			 struct pc_json *const *parsed, const struct group *groups, size_t first,
			 size_t end, const struct journal *jr, struct pc_buf *b)
{
	pc_buf_puts(b, "\"entries\":[");
	bool any = false;
	for (size_t i = 0; i < jr->n; i++) {
		const struct pc_entry *e = &jr->list[i];
		const struct group *g = strcmp(e->form, groups[first].form)
						? NULL
						: entry_group(groups, first, end, e);
		if (!g)
			continue;
		pc_buf_printf(b, "%s{\"id\":%lld,\"date\":", any ? "," : "", e->id);
		pc_buf_json_string(b, e->date);
		pc_buf_puts(b, ",\"author\":");
		pc_buf_json_string(b, e->author);
		pc_buf_puts(b, ",\"created_at\":");
		pc_buf_json_string(b, e->created_at);
		pc_buf_printf(b, ",\"revision_count\":%zu,", g->count);
		group_json(form, revs, parsed, g, b);
		pc_buf_putc(b, '}');
		any = true;
	}
	for (size_t i = first; i < end; i++) {
		if (group_has_entry(&groups[i], jr))
			continue;
		pc_buf_printf(b, "%s{\"id\":null,\"revision_count\":%zu,", any ? "," : "",
			      groups[i].count);
		group_json(form, revs, parsed, &groups[i], b);
		pc_buf_putc(b, '}');
		any = true;
	}
	pc_buf_putc(b, ']');
}

/* Splits the revision list (ordered by form, period, revision) into runs. */
static size_t make_groups(const struct pc_revision *revs, size_t n, struct group *groups)
{
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		if (ng && !strcmp(groups[ng - 1].form, revs[i].form) &&
		    !strcmp(groups[ng - 1].period, revs[i].period)) {
			groups[ng - 1].count++;
			continue;
		}
		groups[ng++] = (struct group){revs[i].form, revs[i].period, i, 1, NULL};
	}
	return ng;
}

static void show_json(struct pc_ctx *c, const struct pc_participant *p,
		      const struct pc_revision *revs, struct pc_json *const *parsed,
		      const struct group *groups, size_t ng, const struct journal *jr,
		      const struct pc_buf *hidden_ids, const struct pc_buf *enrolments,
		      struct pc_buf *b)
{
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
	for (size_t i = 0; i < ng; i++) {
		const struct pc_form *form = pc_formset_find(c->forms, groups[i].form);
		bool monthly = groups[i].period[0] != '\0';
		bool new_form = i == 0 || strcmp(groups[i - 1].form, groups[i].form);
		bool last_of_form = i + 1 == ng || strcmp(groups[i + 1].form, groups[i].form);
		if (new_form) {
			pc_buf_puts(b, i ? "," : "");
			pc_buf_json_string(b, groups[i].form);
			pc_buf_puts(b, ":{");
			if (!form) {
				pc_buf_puts(b, "\"form_removed\":true,");
			} else {
				/* the form as it is defined today, in the chosen language */
				pc_buf_puts(b, "\"title\":");
				pc_buf_json_string(b, pc_text_get(&form->title));
				pc_buf_printf(b, ",\"form_version\":%d,", form->version);
			}
			if (is_journal(form, jr, groups[i].form)) {
				size_t end = i;
				while (end < ng && !strcmp(groups[end].form, groups[i].form))
					end++;
				entries_json(form, revs, parsed, groups, i, end, jr, b);
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
			pc_buf_json_string(b, groups[i].period);
			pc_buf_puts(b, ":{");
		}
		group_json(form, revs, parsed, &groups[i], b);
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

static void answers_text(const struct pc_form *form, const struct pc_json *answers, int indent,
			 struct pc_buf *b);

static void group_text(const struct pc_form *form, const struct pc_revision *revs,
		       struct pc_json *const *parsed, const struct group *g, struct pc_buf *b)
{
	const struct pc_revision *cur = &revs[g->first + g->count - 1];
	const char *title = form ? pc_text_get(&form->title) : g->form;
	pc_buf_printf(b, "\n%s", title);
	if (*g->period)
		pc_buf_printf(b, " %s", g->period);
	char at[PC_FORMAT_MAX]; /* local time, as people read it */
	pc_buf_printf(b, _(" (revision %lld, %s by %s)"), cur->revision,
		      pc_format_time(at, sizeof(at), cur->at, PC_FORMAT_SHORT), cur->by);
	pc_buf_putc(b, '\n');
	for (size_t i = 0; i < g->count; i++)
		if (g->reasons[g->first + i])
			pc_buf_printf(b, _("  Reason given with revision %lld: %s\n"),
				      revs[g->first + i].revision, g->reasons[g->first + i]);
	answers_text(form, parsed[g->first + g->count - 1], 2, b);
	pc_status_history_text(form, parsed + g->first, g->count, 2, b);
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

/* A journal form as text: its title and count, then each entry newest
 * first with its date, author and revisions, and its current answers. */
static void entries_text(const struct pc_form *form, const struct pc_revision *revs,
			 struct pc_json *const *parsed, const struct group *groups, size_t first,
			 size_t end, const struct journal *jr, struct pc_buf *b)
{
	size_t count = 0;
	for (size_t i = first; i < end; i++)
		count++;
	const char *title = form ? pc_text_get(&form->title) : groups[first].form;
	pc_buf_printf(b, "\n%s", title);
	pc_buf_printf(b, P_(" (%zu entry)", " (%zu entries, newest first)", count), count);
	pc_buf_putc(b, '\n');
	for (size_t i = 0; i < jr->n; i++) {
		const struct pc_entry *e = &jr->list[i];
		const struct group *g = strcmp(e->form, groups[first].form)
						? NULL
						: entry_group(groups, first, end, e);
		if (!g)
			continue;
		const struct pc_revision *cur = &revs[g->first + g->count - 1];
		pc_buf_printf(b, _("\n  Entry %lld, %s, by %s"), e->id, e->date, e->author);
		char at[PC_FORMAT_MAX];
		if (g->count > 1)
			pc_buf_printf(b, _(" (revision %lld, %s by %s)"), cur->revision,
				      pc_format_time(at, sizeof(at), cur->at, PC_FORMAT_SHORT), cur->by);
		pc_buf_putc(b, '\n');
		for (size_t k = 0; k < g->count; k++)
			if (g->reasons[g->first + k])
				pc_buf_printf(b, _("    Reason given with revision %lld: %s\n"),
					      revs[g->first + k].revision, g->reasons[g->first + k]);
		answers_text(form, parsed[g->first + g->count - 1], 4, b);
	}
	for (size_t i = first; i < end; i++) {
		if (group_has_entry(&groups[i], jr))
			continue;
		const struct pc_revision *cur = &revs[groups[i].first + groups[i].count - 1];
		char at[PC_FORMAT_MAX];
		pc_buf_printf(b, _("\n  Kept under no entry (revision %lld, %s by %s)\n"),
			      cur->revision, pc_format_time(at, sizeof(at), cur->at, PC_FORMAT_SHORT),
			      cur->by);
		answers_text(form, parsed[groups[i].first + groups[i].count - 1], 4, b);
	}
}

/* The reasons given with saves, parallel to the revision list. */
struct reasons {
	const struct pc_revision *revs;
	size_t n;
	char **of;
	bool oom;
};

static bool one_reason(void *ctx, const char *form, const char *period, long long revision,
		       const char *reason)
{
	struct reasons *r = ctx;
	for (size_t i = 0; i < r->n; i++) {
		if (r->revs[i].revision == revision && !strcmp(r->revs[i].form, form) &&
		    !strcmp(r->revs[i].period, period)) {
			free(r->of[i]);
			r->oom |= !(r->of[i] = strdup(reason));
			break;
		}
	}
	return !r->oom;
}

enum pc_status pc_show(struct pc_ctx *c, const char *file_no, bool json, struct pc_buf *out,
		       struct pc_problems *pr)
{
	struct pc_participant p = {0};
	struct pc_revision *revs = NULL;
	struct group *groups = NULL;
	struct pc_json **parsed = NULL;
	size_t n = 0;
	struct pc_buf only = {0}, hidden_ids = {0}, hidden = {0}, enrolments = {0};
	bool enrolments_shown = false;
	struct pc_entry *entries = NULL;
	size_t nentries = 0;
	enum pc_status st = pc_store_participant_get(c->store, file_no, &p, pr);
	/* a refused read is not a read: checked before the audit entry, and
	 * the forms the reader may not read are never fetched */
	if (st == PC_OK)
		st = pc_access_readable(c, &p, &only, &hidden_ids, &hidden, pr);
	if (st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_READ, &p, NULL, json ? "show json" : "show", pr);
	if (st == PC_OK)
		st = pc_store_revision_list(c->store, p.id, only.len ? only.data : NULL, &revs,
					    &n, pr);
	if (st == PC_OK) /* programmes and exits (person_enrolment.c) */
		st = pc_person_enrolments(c, &p, json, &enrolments, &enrolments_shown, pr);
	/* entries of forms not readable are listed but never shown: only the
	 * forms whose revisions were fetched are written */
	if (st == PC_OK)
		st = pc_store_entry_list(c->store, p.id, NULL, &entries, &nentries, pr);
	if (st != PC_OK)
		goto out;
	struct journal jr = {entries, nentries};
	groups = calloc(n ? n : 1, sizeof(*groups));
	parsed = calloc(n ? n : 1, sizeof(*parsed));
	if (!groups || !parsed) {
		pc_problems_add(pr, false, file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto out;
	}
	/* every revision is read before anything is written: a damaged one
	 * stops the command rather than showing part of the file */
	for (size_t i = 0; i < n && st == PC_OK; i++)
		st = pc_stored_answers(pc_formset_find(c->forms, revs[i].form), revs[i].form,
				       p.file_no, revs[i].period, revs[i].answers, &parsed[i], pr);
	if (st != PC_OK)
		goto out;
	size_t ng = make_groups(revs, n, groups);
	struct reasons rs = {revs, n, calloc(n ? n : 1, sizeof(char *)), false};
	if (!rs.of || (st = pc_store_change_reasons_each(c->store, p.id, one_reason, &rs, pr)) !=
			      PC_OK || rs.oom) {
		if (st == PC_OK)
			pc_problems_add(pr, false, file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto out_reasons;
	}
	for (size_t i = 0; i < ng; i++)
		groups[i].reasons = rs.of;
	if (json) {
		show_json(c, &p, revs, parsed, groups, ng, &jr, &hidden_ids, &enrolments, out);
	} else {
		pc_buf_printf(out, "%s, %s  %s\n", p.family_name, p.given_name, p.file_no);
		if (p.birth_date)
			pc_buf_printf(out, _("Born %s\n"), p.birth_date);
		if (hidden.len)
			pc_buf_printf(out, _("Not shown, your roles do not allow them: %s\n"),
				      hidden.data);
		if (hidden.len && pc_exceptional_possible(c, &p))
			pc_buf_printf(out, _("This person is not in your caseload. To read these "
					     "forms, give a reason (recorded, shown to supervisors): "
					     "parcours show %s --exceptional \"REASON\"\n"),
				      p.file_no);
		pc_buf_add(out, enrolments.data ? enrolments.data : "", enrolments.len);
		for (size_t i = 0; i < ng; i++) {
			const struct pc_form *form = pc_formset_find(c->forms, groups[i].form);
			if (!is_journal(form, &jr, groups[i].form)) {
				group_text(form, revs, parsed, &groups[i], out);
				continue;
			}
			size_t end = i;
			while (end < ng && !strcmp(groups[end].form, groups[i].form))
				end++;
			entries_text(form, revs, parsed, groups, i, end, &jr, out);
			i = end - 1;
		}
	}
	if (out->failed || enrolments.failed) {
		pc_problems_add(pr, false, file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
out_reasons:
	for (size_t i = 0; rs.of && i < n; i++)
		free(rs.of[i]);
	free(rs.of);
out:
	for (size_t i = 0; parsed && i < n; i++)
		pc_json_free(&parsed[i]);
	free(parsed);
	free(groups);
	pc_revisions_free(&revs, n);
	pc_entries_free(&entries, nentries);
	pc_participant_clear(&p);
	pc_buf_free(&only);
	pc_buf_free(&hidden_ids);
	pc_buf_free(&hidden);
	pc_buf_free(&enrolments);
	return st;
}
