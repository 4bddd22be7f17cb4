/* What the file screen shows and asks about caseloads (file.c uses it):
 * the "Read by" section a supervisor sees (the latest audit entries about
 * the person, exceptional accesses highlighted with their reason) and the
 * picker of counsellors behind the supervisor's "change counsellor" key.
 * Whether anyone may see or do these is the core's (caseload.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/caseload.h"
#include "parcours/i18n.h"
#include "ui/ui.h"

/* ---- Read by ---- */

bool ui_readers_load(struct ui_readers *r, const struct pc_participant *p, size_t max)
{
	ui_readers_free(r);
	struct pc_problems pr = {0};
	enum pc_status st = pc_file_read_by(ui_ctx, p, max, &r->e, &r->n, &pr);
	pc_problems_clear(&pr);
	r->shown = st == PC_OK;
	return r->shown;
}

void ui_readers_free(struct ui_readers *r)
{
	pc_audit_entries_free(&r->e, r->n);
	r->n = 0;
	r->shown = false;
}

/* "read Psychosocial profile", "EXCEPTIONAL ACCESS: "reason""... */
static void what_of(const struct pc_audit_entry *e, char *out, size_t size)
{
	const struct pc_form *f = e->form ? pc_formset_find(ui_ctx->forms, e->form) : NULL;
	const char *form = f ? pc_text_get(&f->title) : e->form;
	const char *a = e->action ? e->action : "", *d = e->detail ? e->detail : "";
	if (!strcmp(a, "exceptional_access"))
		snprintf(out, size, "%s", _("EXCEPTIONAL ACCESS, outside the caseload"));
	else if (!strcmp(a, "assign"))
		snprintf(out, size, _("counsellor changed: %s"), d);
	else if (!strcmp(a, "read") && form)
		snprintf(out, size, _("read %s"), form);
	else if (!strcmp(a, "read"))
		snprintf(out, size, _("read the whole file (%s)"), d);
	else if (!strcmp(a, "change") && form)
		snprintf(out, size, _("changed %s"), form);
	else if (!strcmp(a, "export"))
		snprintf(out, size, _("exported %s"), form ? form : d);
	else
		snprintf(out, size, "%s %s", a, form ? form : d);
}

static bool exceptional(const struct pc_audit_entry *e)
{
	return e->action && !strcmp(e->action, "exceptional_access");
}

/* One line an entry, two for an exceptional access: its reason in full. */
int ui_readers_height(const struct ui_readers *r)
{
	int h = r->n ? 0 : 1;
	for (size_t i = 0; i < r->n; i++)
		h += exceptional(&r->e[i]) ? 2 : 1;
	return r->shown ? 1 + h : 0;
}

void ui_readers_draw(const struct ui_readers *r, int y)
{
	if (!r->shown)
		return;
	attrset(ui_attr(UI_A_HEAD));
	move(y, 0);
	hline(' ', COLS);
	ui_put(y, 1, COLS - 2, _("Read by (latest first; parcours audit FILE_NO for all)"), true);
	attrset(A_NORMAL);
	if (!r->n) {
		ui_put(y + 1, 2, COLS - 3, _("Nobody has read or changed this file yet."), true);
		return;
	}
	int row = y;
	for (size_t i = 0; i < r->n; i++) {
		const struct pc_audit_entry *e = &r->e[i];
		row++;
		char when[17], what[1200];
		ui_local_time(e->at, when);
		what_of(e, what, sizeof(what));
		if (exceptional(e))
			attrset(ui_attr(UI_A_WARN));
		move(row, 0);
		clrtoeol();
		ui_put(row, 1, 16, when, true);
		ui_put(row, 19, 10, e->login ? e->login : "", true);
		ui_put(row, 30, 4, e->face ? e->face : "",
		       true); /* "tui" or "cli", as `audit` shows */
		ui_put(row, 35, COLS - 36, what, true);
		if (exceptional(e)) {
			snprintf(what, sizeof(what), _("reason: \"%s\""),
			         e->detail ? e->detail : "");
			move(++row, 0);
			clrtoeol();
			ui_put(row, 5, COLS - 6, what, true);
		}
		attrset(A_NORMAL);
	}
}

/* ---- the counsellor picker ---- */

void ui_counsellor_pick_close(struct ui_counsellor_pick *cp)
{
	if (cp->pick.open)
		ui_pick_close(&cp->pick);
	for (size_t i = 0; i < cp->list.len; i++) {
		free(cp->list.items[i].value);
		free(cp->list.items[i].label.fr);
	}
	free(cp->list.items);
	memset(cp, 0, sizeof(*cp));
}

bool ui_counsellor_pick_open(struct ui_counsellor_pick *cp, const char *current,
                             struct pc_problems *pr)
{
	ui_counsellor_pick_close(cp);
	struct pc_staff *all = NULL;
	size_t n = 0;
	if (pc_counsellors(ui_ctx, &all, &n, pr) != PC_OK)
		return false;
	bool ok = true;
	if (!n) {
		pc_problems_add(pr, false, "staff", "%s",
		                _("no counsellor on the staff: an administrator adds one with "
		                  "parcours staff add LOGIN --role counsellor"));
		ok = false;
	}
	cp->list.items = ok ? calloc(n, sizeof(*cp->list.items)) : NULL;
	if (ok && !cp->list.items)
		ok = false;
	for (size_t i = 0; ok && i < n; i++) {
		struct pc_choice *c = &cp->list.items[i];
		size_t len = strlen(all[i].name) + strlen(all[i].login) + 4;
		c->value = strdup(all[i].login);
		c->label.fr = malloc(len);
		cp->list.len++;
		if (!c->value || !c->label.fr) {
			ok = false;
			break;
		}
		snprintf(c->label.fr, len, "%s (%s)", all[i].name, all[i].login);
		c->label.en = c->label.fr; /* a name is not translated */
	}
	pc_staff_list_free(&all, n);
	if (ok && !ui_pick_open(&cp->pick, &cp->list, current ? current : "", false))
		ok = false;
	if (!ok) {
		if (!pr->len)
			pc_problems_add(pr, false, "staff", "%s", _("out of memory"));
		ui_counsellor_pick_close(cp);
		return false;
	}
	cp->pick.open = true;
	return true;
}
