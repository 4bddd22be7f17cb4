/* `parcours check`'s month totals (check.h, month_totals.h): every
 * participation month's kept totals compared with what its latest answers
 * give, and when any is missing, wrong or left over, all of them rebuilt
 * from the answers through a writer (they are derived: nothing recorded is
 * changed). The other checks are in check.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/check.h"
#include "parcours/i18n.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"

struct run {
	struct pc_check *out;
	bool oom;
};

static char *dup_or_null(const char *s, bool *oom)
{
	char *d = s ? strdup(s) : NULL;
	if (s && !d)
		*oom = true;
	return d;
}

static void issue(struct run *r, const char *file_no, const char *period, long long revision,
                  const char *message)
{
	struct pc_check_list *l = &r->out->totals;
	l->total++;
	if (l->len == PC_CHECK_KEEP)
		return;
	if (!l->items && !(l->items = calloc(PC_CHECK_KEEP, sizeof(*l->items)))) {
		r->oom = true;
		return;
	}
	l->items[l->len++] = (struct pc_check_issue){
	    dup_or_null(file_no, &r->oom), dup_or_null(PC_PARTICIPATION_FORM, &r->oom),
	    dup_or_null(period, &r->oom), revision, dup_or_null(message, &r->oom)};
}

static bool on_month(void *ctx, const struct pc_month_totals_check *m)
{
	struct run *r = ctx;
	const char *who = m->file_no ? m->file_no : m->participant_id;
	if (!m->answers) {
		issue(r, who, m->period, m->kept ? m->kept->revision : 0,
		      _("month totals are kept for a month with no participation saved"));
		return !r->oom;
	}
	r->out->months++;
	struct pc_month_totals want;
	bool oom = false;
	bool have = pc_month_totals_of(m->answers, m->answers_len, &want, &oom);
	want.revision = m->revision;
	if (oom) {
		r->oom = true;
		return false;
	}
	if (have && !m->kept)
		issue(r, who, m->period, m->revision, _("the month's totals are missing"));
	else if (m->kept && (!have || !pc_month_totals_same(&want, m->kept)))
		issue(r, who, m->period, m->revision,
		      _("the month's totals do not match its latest answers"));
	pc_month_totals_clear(&want);
	return !r->oom;
}

enum pc_status pc_check_totals(struct pc_ctx *c, struct pc_check *out, struct pc_problems *pr)
{
	struct run r = {.out = out};
	enum pc_status st = pc_store_month_totals_check(c->store, on_month, &r, pr);
	if (r.oom) {
		pc_problems_add(pr, false, "check", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	if (st != PC_OK || !out->totals.total)
		return st;
	struct pc_problems why = {0};
	if (pc_store_month_totals_repair(c->store, &why) == PC_OK) {
		out->totals_rebuilt = true;
	} else {
		char msg[600];
		snprintf(msg, sizeof(msg), _("the month totals could not be rebuilt: %s"),
		         why.len ? why.items[0].message : "?");
		issue(&r, NULL, NULL, 0, msg);
	}
	pc_problems_clear(&why);
	return r.oom ? PC_UNUSABLE : PC_OK;
}
