/* The people side of AMI sessions (ami.h): who a session may name on a
 * date (the console's checklist: enrolled in a workshop programme, and
 * whose attendance the caller may record) and the sessions held on one
 * person (export-person). Reads only; the session's own checks are
 * ami_session.c's and are made again on saving. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/ami.h"
#include "parcours/buf.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/short_id.h"
#include "parcours/staff.h"
#include "parcours/value.h"

void pc_ami_people_free(struct pc_ami_person **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*list)[i].file_no);
		free((*list)[i].family_name);
		free((*list)[i].given_name);
	}
	free(*list);
	*list = NULL;
}

struct gather {
	const struct pc_ctx *c;
	struct pc_participant *p;
	size_t n, cap;
	bool oom;
};

static bool gather_one(void *ctx, const struct pc_month_row *row)
{
	struct gather *g = ctx;
	const struct pc_programme *prog = pc_programme_find(g->c->programmes, row->enrolment->programme);
	if (!prog || prog->sessions_max <= 0)
		return true;
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->p[i].id, row->participant->id))
			return true; /* two enrolments on one day: one person */
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		struct pc_participant *p = realloc(g->p, cap * sizeof(*p));
		if (!p)
			goto oom;
		g->p = p;
		g->cap = cap;
	}
	struct pc_participant *d = &g->p[g->n];
	memset(d, 0, sizeof(*d));
	const struct pc_participant *s = row->participant;
	d->id = strdup(s->id);
	d->file_no = strdup(s->file_no);
	d->family_name = strdup(s->family_name ? s->family_name : "");
	d->given_name = strdup(s->given_name ? s->given_name : "");
	d->counsellor = s->counsellor ? strdup(s->counsellor) : NULL;
	g->n++;
	if (d->id && d->file_no && d->family_name && d->given_name &&
	    (!s->counsellor || d->counsellor))
		return true;
oom:
	g->oom = true;
	return false;
}

static int by_name(const void *pa, const void *pb)
{
	const struct pc_ami_person *a = pa, *b = pb;
	int c = strcoll(a->family_name, b->family_name);
	return c ? c : strcoll(a->given_name, b->given_name);
}

enum pc_status pc_ami_enrolled_on(struct pc_ctx *c, const char *date,
				  struct pc_ami_person **out, size_t *n,
				  struct pc_problems *pr)
{
	int y, m, d;
	*out = NULL;
	*n = 0;
	if (!date || !pc_parse_date(date, &y, &m, &d)) {
		pc_problems_add(pr, false, "date", _("\"%s\" is not a date: write it as YYYY-MM-DD"),
				date ? date : "");
		return PC_REFUSED;
	}
	char period[8];
	memcpy(period, date, 7);
	period[7] = '\0';
	struct gather g = {.c = c};
	enum pc_status st = pc_store_month_each(c->store, date, date, PC_PARTICIPATION_FORM, period,
						gather_one, &g, pr);
	if (st == PC_OK && g.oom) {
		pc_problems_add(pr, false, "session", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	const struct pc_form *form = pc_formset_find(c->forms, PC_PARTICIPATION_FORM);
	struct pc_ami_person *list = st == PC_OK && g.n ? calloc(g.n, sizeof(*list)) : NULL;
	if (st == PC_OK && g.n && !list) {
		pc_problems_add(pr, false, "session", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	for (size_t i = 0; st == PC_OK && i < g.n; i++) {
		struct pc_problems denied = {0};
		enum pc_status can =
			pc_staff_can_form(c, &g.p[i], form, PC_PARTICIPATION_FORM, true, &denied);
		pc_problems_clear(&denied);
		if (can == PC_UNUSABLE) {
			pc_problems_add(pr, false, "session", "%s", _("the staff list cannot be read"));
			st = PC_UNUSABLE;
		} else if (can == PC_OK) {
			/* moved, not copied: g.p keeps what is left to free */
			list[*n].file_no = g.p[i].file_no;
			list[*n].family_name = g.p[i].family_name;
			list[*n].given_name = g.p[i].given_name;
			g.p[i].file_no = g.p[i].family_name = g.p[i].given_name = NULL;
			(*n)++;
		}
	}
	for (size_t i = 0; i < g.n; i++)
		pc_participant_clear(&g.p[i]);
	free(g.p);
	if (st != PC_OK) {
		pc_ami_people_free(&list, *n);
		*n = 0;
		return st;
	}
	if (*n)
		qsort(list, *n, sizeof(*list), by_name);
	*out = list;
	return PC_OK;
}

struct person_out {
	struct pc_ctx *c;
	struct pc_buf *b;
	bool json;
	size_t n;
};

static void json_or_null(struct pc_buf *b, const char *s)
{
	if (s)
		pc_buf_json_string(b, s);
	else
		pc_buf_puts(b, "null");
}

static bool person_one(void *ctx, const struct pc_ami_held *row)
{
	struct person_out *o = ctx;
	const struct pc_ami_presence *p = row->presence;
	struct pc_buf *b = o->b;
	if (o->json) {
		pc_buf_printf(b, "%s{\"session\":%lld,\"date\":", o->n ? "," : "", row->session);
		json_or_null(b, row->date);
		pc_buf_puts(b, ",\"half\":");
		json_or_null(b, row->half);
		pc_buf_puts(b, ",\"title\":");
		json_or_null(b, row->title);
		pc_buf_puts(b, ",\"added_by\":");
		json_or_null(b, p->added_by);
		pc_buf_puts(b, ",\"added_at\":");
		json_or_null(b, p->added_at);
		pc_buf_puts(b, ",\"added_reason\":");
		json_or_null(b, p->added_reason);
		pc_buf_puts(b, ",\"removed_by\":");
		json_or_null(b, p->removed_by);
		pc_buf_puts(b, ",\"removed_at\":");
		json_or_null(b, p->removed_at);
		pc_buf_puts(b, ",\"removed_reason\":");
		json_or_null(b, p->removed_reason);
		pc_buf_putc(b, '}');
	} else {
		char num[PC_SHORT_ID];
		struct pc_problems np = {0};
		if (pc_ami_session_number(o->c, row->session, num, &np) != PC_OK)
			snprintf(num, sizeof(num), "%lld", row->session);
		pc_problems_clear(&np);
		pc_buf_printf(b, _("  %s %s, %s (session %s), recorded %s by %s\n"), row->date,
			      row->half, row->title, num, p->added_at, p->added_by);
		if (p->removed_at)
			pc_buf_printf(b, _("    removed %s by %s: %s\n"), p->removed_at,
				      p->removed_by, p->removed_reason ? p->removed_reason : "-");
	}
	o->n++;
	return !b->failed;
}

enum pc_status pc_ami_person_write(struct pc_ctx *c, const struct pc_participant *p, bool json,
				   struct pc_buf *out, size_t *count, struct pc_problems *pr)
{
	*count = 0;
	struct pc_problems denied = {0};
	const struct pc_form *form = pc_formset_find(c->forms, PC_PARTICIPATION_FORM);
	enum pc_status st = pc_staff_can_form(c, p, form, PC_PARTICIPATION_FORM, false, &denied);
	pc_problems_clear(&denied);
	if (st == PC_REFUSED)
		return PC_OK; /* not the reader's to see, like the form itself */
	if (st != PC_OK) {
		pc_problems_add(pr, false, p->file_no, "%s", _("the staff list cannot be read"));
		return st;
	}
	struct person_out o = {.c = c, .b = out, .json = json};
	st = pc_store_ami_person_each(c->store, p->id, person_one, &o, pr);
	if (st == PC_OK && out->failed) {
		pc_problems_add(pr, false, p->file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	*count = o.n;
	return st;
}
