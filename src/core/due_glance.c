/* A file at a glance (due.h pc_file_glance): the enrolment and month
 * status, open objectives, the last follow-up and open referrals of one
 * person, as counts and dates, each read only when the reader may read its
 * form. For the file screen; it never prints, never writes. */
#include <stdlib.h>
#include <string.h>
#include "parcours/contract.h"
#include "parcours/due.h"
#include "parcours/enrolment.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/staff.h"

void pc_glance_clear(struct pc_glance *g)
{
	free(g->programme);
	free(g->end_reason);
	memset(g, 0, sizeof(*g));
}

/* Whether c->login may read form `id` of p (a form not defined: no). */
static bool readable(struct pc_ctx *c, const struct pc_participant *p, const char *id,
                     enum pc_status *st, struct pc_problems *pr)
{
	const struct pc_form *f = pc_formset_find(c->forms, id);
	if (!f)
		return false;
	struct pc_problems quiet = {0};
	enum pc_status s = pc_staff_can_form(c, p, f, id, false, &quiet);
	if (s == PC_UNUSABLE) {
		pc_problems_take(pr, &quiet, NULL);
		*st = s;
	}
	pc_problems_clear(&quiet);
	return s == PC_OK;
}

static const char *text_of(const struct pc_json *o, const char *name)
{
	const struct pc_json *v = o ? pc_json_object_get(o, name) : NULL;
	return v && v->kind == PC_JSON_STRING ? v->string : NULL;
}

static struct pc_json *parse(const char *text)
{
	char err[128];
	return text ? pc_json_parse(text, strlen(text), err, sizeof(err)) : NULL;
}

static void put_date(char out[11], const char *d)
{
	long days;
	if (pc_date_days(d, &days))
		memcpy(out, d, 11);
}

static enum pc_status enrolment(struct pc_ctx *c, const struct pc_participant *p,
                                struct pc_glance *g, struct pc_problems *pr)
{
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	enum pc_status st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr);
	if (st != PC_OK || !n)
		return st;
	const struct pc_enrolment_row *e = &rows[n - 1];
	bool oom = false;
	if (!(g->programme = strdup(e->programme ? e->programme : "")))
		oom = true;
	put_date(g->start, e->start);
	put_date(g->end, e->end);
	if (e->end_reason && readable(c, p, PC_PARTICIPATION_FORM, &st, pr) &&
	    !(g->end_reason = strdup(e->end_reason)))
		oom = true;
	struct pc_contract k = {0};
	if (st == PC_OK && (st = pc_store_contract_terms(c->store, e->id, &k, pr)) == PC_OK &&
	    k.n) {
		put_date(g->contract_end, pc_contract_current_end(&k));
		g->renewals = k.n - 1;
	}
	pc_contract_clear(&k);
	pc_enrolment_rows_free(&rows, n);
	if (oom) {
		pc_problems_add(pr, false, "glance", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	return st;
}

static enum pc_status plan(struct pc_ctx *c, const struct pc_participant *p, struct pc_glance *g,
                           struct pc_problems *pr)
{
	struct pc_revision r = {0};
	enum pc_status st = pc_store_revision_current(c->store, p->id, "plan", "", &r, pr);
	if (st != PC_OK)
		return st;
	g->plan_shown = true;
	struct pc_json *a = r.revision > 0 ? parse(r.answers) : NULL;
	const struct pc_json *objs = a ? pc_json_object_get(a, "objectives") : NULL;
	for (size_t i = 0; objs && objs->kind == PC_JSON_ARRAY && i < objs->len; i++) {
		const char *status = text_of(objs->items[i], "status");
		const char *due = text_of(objs->items[i], "due_date");
		long days;
		if (!status || (strcmp(status, "planned") && strcmp(status, "in_progress")))
			continue;
		g->open_objectives++;
		if (!pc_date_days(due, &days))
			continue;
		if (strcmp(due, c->today) < 0)
			g->overdue_objectives++;
		if (!g->next_due[0] || strcmp(due, g->next_due) < 0)
			memcpy(g->next_due, due, 11);
	}
	pc_json_free(&a);
	pc_revision_clear(&r);
	return PC_OK;
}

/* The entries of `form` of p, newest first, and the current answers of
 * each when `answers` (followup: the newest only). */
static enum pc_status journal(struct pc_ctx *c, const struct pc_participant *p, const char *form,
                              struct pc_glance *g, struct pc_problems *pr)
{
	struct pc_entry *list = NULL;
	size_t n = 0;
	enum pc_status st = pc_store_entry_list(c->store, p->id, form, &list, &n, pr);
	bool followup = !strcmp(form, "followup");
	if (followup) {
		g->followup_shown = st == PC_OK;
		g->followups = n;
	} else {
		g->referral_shown = st == PC_OK;
	}
	for (size_t i = 0; st == PC_OK && i < n && (!followup || i < 1); i++) {
		char period[24];
		struct pc_revision r = {0};
		pc_entry_period(list[i].id, period);
		st = pc_store_revision_current(c->store, p->id, form, period, &r, pr);
		struct pc_json *a = st == PC_OK && r.revision > 0 ? parse(r.answers) : NULL;
		if (followup) {
			put_date(g->last_meeting, list[i].date);
			put_date(g->next_meeting, text_of(a, "next_meeting"));
		} else {
			const char *outcome = text_of(a, "outcome");
			if (!outcome || !strcmp(outcome, "pending")) {
				g->open_referrals++;
				/* newest first: the last one seen is the oldest */
				put_date(g->oldest_referral, list[i].date);
			}
		}
		pc_json_free(&a);
		pc_revision_clear(&r);
	}
	pc_entries_free(&list, n);
	return st;
}

enum pc_status pc_file_glance(struct pc_ctx *c, const struct pc_participant *p,
                              struct pc_glance *out, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	enum pc_status st = PC_OK;
	if (readable(c, p, "intake", &st, pr))
		st = enrolment(c, p, out, pr);
	if (st == PC_OK && out->programme && !out->end[0] &&
	    readable(c, p, PC_PARTICIPATION_FORM, &st, pr)) {
		const struct pc_programme *prog = NULL;
		struct pc_problems quiet = {0};
		memcpy(out->period, c->today, 7);
		out->period[7] = '\0';
		enum pc_status m =
		    pc_participant_month(c, p, out->period, &prog, &out->month, &quiet);
		pc_problems_clear(&quiet);
		if (m == PC_UNUSABLE)
			st = m;
		out->month_shown = m == PC_OK && prog;
	}
	if (st == PC_OK && readable(c, p, "plan", &st, pr))
		st = plan(c, p, out, pr);
	if (st == PC_OK && readable(c, p, "followup", &st, pr))
		st = journal(c, p, "followup", out, pr);
	if (st == PC_OK && readable(c, p, "referral", &st, pr))
		st = journal(c, p, "referral", out, pr);
	if (st != PC_OK)
		pc_glance_clear(out);
	return st;
}
