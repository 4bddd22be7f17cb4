/* Journal forms (entry.h, `period: entry`) on the core's side: a person's
 * entries and one entry's history for the faces, access checked first; and
 * what a save of an entry adds to an ordinary save (submission.c): which
 * entry it revises, creating the entry and keeping its date. Validation and
 * the save itself are submission.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/core.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "entry_internal.h"

static enum pc_status readable_journal(struct pc_ctx *c, const struct pc_participant *p,
                                       const char *form_id, struct pc_problems *pr)
{
	const struct pc_form *f = pc_formset_find(c->forms, form_id);
	enum pc_status st = pc_staff_can_form(c, p, f, form_id, false, pr);
	if (st == PC_OK && f && f->period != PC_PERIOD_ENTRY) {
		pc_problems_add(pr, false, form_id, _("the form \"%s\" is not kept as entries"),
		                form_id);
		st = PC_REFUSED;
	}
	return st;
}

enum pc_status pc_file_entries(struct pc_ctx *c, const struct pc_participant *p,
                               const char *form_id, struct pc_entry **out, size_t *n,
                               struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	enum pc_status st = readable_journal(c, p, form_id, pr);
	return st == PC_OK ? pc_store_entry_list(c->store, p->id, form_id, out, n, pr) : st;
}

/* Entry `id` when it is one of p's entries of `form_id`; PC_REFUSED at
 * "entry" otherwise. */
static enum pc_status entry_of(struct pc_ctx *c, const struct pc_participant *p,
                               const char *form_id, long long id, struct pc_entry *e,
                               struct pc_problems *pr)
{
	enum pc_status st = pc_store_entry_get(c->store, id, e, pr);
	if (st != PC_OK)
		return st;
	if (!e->id || strcmp(e->participant_id, p->id) || strcmp(e->form, form_id)) {
		pc_problems_add(pr, false, "entry",
		                _("file %s has no entry %lld of the form \"%s\""), p->file_no, id,
		                form_id);
		pc_entry_clear(e);
		return PC_REFUSED;
	}
	return PC_OK;
}

enum pc_status pc_file_entry_history(struct pc_ctx *c, const struct pc_participant *p,
                                     const char *form_id, long long id, struct pc_revision **out,
                                     size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	struct pc_entry e = {0};
	enum pc_status st = readable_journal(c, p, form_id, pr);
	if (st == PC_OK)
		st = entry_of(c, p, form_id, id, &e, pr);
	if (st == PC_OK)
		st = pc_store_entry_revisions(c->store, p->id, form_id, id, out, n, pr);
	pc_entry_clear(&e);
	return st;
}

enum pc_status pc_entry_target(struct pc_ctx *c, const struct pc_form *form,
                               const struct pc_participant *who, const char *period,
                               long long entry, char **s_period, struct pc_problems *pr)
{
	*s_period = NULL;
	if (form->period != PC_PERIOD_ENTRY) {
		if (entry) {
			pc_problems_add(
			    pr, false, "entry",
			    _("the form \"%s\" is not kept as entries: leave out --entry"),
			    form->id);
			return PC_REFUSED;
		}
		return PC_OK;
	}
	if (period && *period) {
		pc_problems_add(pr, false, "period",
		                _("the form \"%s\" is kept as entries, not by month: leave out "
		                  "--period (--entry ID changes an entry)"),
		                form->id);
		return PC_REFUSED;
	}
	char text[24] = "";
	if (entry) {
		struct pc_entry e = {0};
		enum pc_status st = entry_of(c, who, form->id, entry, &e, pr);
		pc_entry_clear(&e);
		if (st != PC_OK)
			return st;
		pc_entry_period(entry, text);
	}
	if (!(*s_period = strdup(text))) {
		pc_problems_add(pr, false, form->id, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	return PC_OK;
}

enum pc_status pc_entry_before_save(struct pc_ctx *c, const struct pc_form *form,
                                    const struct pc_participant *who, const struct pc_json *clean,
                                    const char *now, long long *entry, struct pc_revision *r,
                                    struct pc_problems *pr)
{
	if (form->period != PC_PERIOD_ENTRY)
		return PC_OK;
	const struct pc_json *d =
	    form->entry_date ? pc_json_object_get(clean, form->entry_date) : NULL;
	const char *date = d && d->kind == PC_JSON_STRING ? d->string : NULL;
	if (*entry) {
		/* an entry that no longer names its date keeps the one it had */
		return date ? pc_store_entry_set_date(c->store, *entry, date, pr) : PC_OK;
	}
	enum pc_status st = pc_store_entry_add(c->store, who->id, form->id, date ? date : c->today,
	                                       c->login, now, entry, pr);
	if (st != PC_OK)
		return st;
	char text[24];
	pc_entry_period(*entry, text);
	char *per = strdup(text);
	if (!per) {
		pc_problems_add(pr, false, form->id, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	free(r->period);
	r->period = per;
	return PC_OK;
}
