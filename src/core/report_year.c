/* The year report (participation.h): for each programme, the people served,
 * months of participation, hours, allowances and exits by reason, computed
 * month by month with the same rules as the month report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/format.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "parcours/staff.h"
#include "parcours/stored.h"


struct exit_count {
	char *reason;
	long long count;
};

struct year_total {
	char *programme;
	char *last_person; /* the store gives one participant's rows together */
	size_t npeople;
	size_t months; /* person-months with hours */
	double hours, allowance_participant, allowance_organisation, extra;
	struct exit_count *exits; /* by reason, in the store's order */
	size_t nexits, capexits;
	long long exits_total;
};

struct year_run {
	struct pc_ctx *c;
	struct year_total *t;
	size_t n, cap;
	size_t rows;
	const struct pc_report_out *out;
	bool failed;
	struct pc_problems *pr;
	bool damaged; /* a row's answers did not read: stop, exit 3 */
};

static struct year_total *total_for(struct year_run *r, const char *programme)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strcmp(r->t[i].programme, programme))
			return &r->t[i];
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		struct year_total *t = realloc(r->t, cap * sizeof(*t));
		if (!t)
			return NULL;
		r->t = t;
		r->cap = cap;
	}
	struct year_total *t = &r->t[r->n];
	memset(t, 0, sizeof(*t));
	if (!(t->programme = strdup(programme)))
		return NULL;
	r->n++;
	return t;
}

/* Counts the person once: their rows come together (pc_store_year_each),
 * so the last one seen is the only one to compare with. */
static bool person_add(struct year_total *t, const char *id)
{
	if (t->last_person && !strcmp(t->last_person, id))
		return true;
	char *copy = strdup(id);
	if (!copy)
		return false;
	free(t->last_person);
	t->last_person = copy;
	t->npeople++;
	return true;
}

static bool each_month_row(void *ctx, const struct pc_month_row *row)
{
	struct year_run *r = ctx;
	struct pc_enrolment e;
	if (!pc_enrolment_from_row(row->enrolment, &e, row->participant->file_no, r->pr)) {
		r->damaged = true;
		return false;
	}
	const struct pc_programme *prog = pc_programme_find(r->c->programmes, e.programme);
	struct pc_month m;
	if (pc_month_reported(r->c->store, r->c->forms, prog, &e, row->period, row, &m, r->pr) != PC_OK) {
		r->damaged = true;
		return false;
	}
	if (m.month < 1)
		return true;
	struct year_total *t = total_for(r, e.programme);
	if (!t || !person_add(t, row->participant->id)) {
		r->failed = true;
		return false;
	}
	t->months += m.total > 0;
	t->hours += m.total;
	t->allowance_participant += m.allowance_participant;
	t->allowance_organisation += m.allowance_organisation;
	t->extra += m.extra_costs;
	if (r->out->progress && ++r->rows % 1000 == 0)
		r->out->progress(r->out->ctx, r->rows);
	return true;
}

static bool each_exit(void *ctx, const char *programme, const char *reason, long long count)
{
	struct year_run *r = ctx;
	struct year_total *t = total_for(r, programme);
	if (!t) {
		r->failed = true;
		return false;
	}
	if (t->nexits == t->capexits) {
		size_t cap = t->capexits ? t->capexits * 2 : 4;
		struct exit_count *e = realloc(t->exits, cap * sizeof(*e));
		if (!e) {
			r->failed = true;
			return false;
		}
		t->exits = e;
		t->capexits = cap;
	}
	struct exit_count *e = &t->exits[t->nexits];
	if (!(e->reason = strdup(reason))) {
		r->failed = true;
		return false;
	}
	e->count = count;
	t->nexits++;
	t->exits_total += count;
	return true;
}

static int by_programme(const void *a, const void *b)
{
	return strcmp(((const struct year_total *)a)->programme,
		      ((const struct year_total *)b)->programme);
}

static void write_year(struct year_run *r, int year, struct pc_buf *b)
{
	enum pc_report_format f = r->out->format;
	if (f == PC_REPORT_CSV)
		pc_buf_puts(b, "programme,participants,months_of_participation,hours,"
			       "allowance_participant,allowance_organisation,extra_costs,exits\r\n");
	else if (f == PC_REPORT_JSON)
		pc_buf_printf(b, "{\"year\": %d, \"programmes\": {", year);
	else
		pc_buf_printf(b, _("Year %d\n"), year);
	for (size_t i = 0; i < r->n; i++) {
		const struct year_total *t = &r->t[i];
		long long nexits = t->exits_total;
		if (f == PC_REPORT_CSV) {
			pc_buf_csv_field(b, t->programme);
			pc_buf_printf(b, ",%zu,%zu,%.2f,%.2f,%.2f,%.2f,%lld\r\n", t->npeople, t->months,
				      t->hours, t->allowance_participant, t->allowance_organisation,
				      t->extra, nexits);
		} else if (f == PC_REPORT_JSON) {
			pc_buf_puts(b, i ? ",\n  " : "\n  ");
			pc_buf_json_string(b, t->programme);
			pc_buf_printf(b,
				      ": {\"participants\": %zu, \"months_of_participation\": %zu, "
				      "\"hours\": %.2f, \"allowance_participant\": %.2f, "
				      "\"allowance_organisation\": %.2f, \"extra_costs\": %.2f, "
				      "\"exits\": {",
				      t->npeople, t->months, t->hours, t->allowance_participant,
				      t->allowance_organisation, t->extra);
			for (size_t k = 0; k < t->nexits; k++) {
				pc_buf_puts(b, k ? ", " : "");
				pc_buf_json_string(b, t->exits[k].reason);
				pc_buf_printf(b, ": %lld", t->exits[k].count);
			}
			pc_buf_puts(b, "}}");
		} else {
			char h[PC_FORMAT_MAX], ap[PC_FORMAT_MAX], ao[PC_FORMAT_MAX], x[PC_FORMAT_MAX];
			pc_buf_printf(b,
				      _("\n%s\n  participants served: %zu\n  months of participation: "
					"%zu\n  hours: %s\n  allowances: %s (participants), %s "
					"(organisation), costs %s\n  exits: %lld\n"),
				      pc_programme_label(r->c->programmes, t->programme), t->npeople,
				      t->months, pc_format_hours(h, sizeof(h), t->hours),
				      pc_format_money(ap, sizeof(ap), t->allowance_participant),
				      pc_format_money(ao, sizeof(ao), t->allowance_organisation),
				      pc_format_money(x, sizeof(x), t->extra), nexits);
			/* labels, never codes: an exit recorded as free text reads as written */
			const struct pc_exit_reasons *reasons =
				r->c->programmes ? &r->c->programmes->exit_reasons : NULL;
			for (size_t k = 0; k < t->nexits; k++)
				pc_buf_printf(b, "    %s: %lld\n",
					      *t->exits[k].reason
						      ? pc_exit_reason_label(reasons, t->exits[k].reason)
						      : _("(no reason)"),
					      t->exits[k].count);
		}
	}
	if (f == PC_REPORT_JSON)
		pc_buf_puts(b, r->n ? "\n}}\n" : "}}\n");
}

enum pc_status pc_report_year(struct pc_ctx *c, int year, const struct pc_report_out *out,
			      struct pc_problems *pr)
{
	if (year < 1900 || year > 2200) {
		pc_problems_add(pr, false, "year", _("\"%d\" is not a year: write it as YYYY"), year);
		return PC_REFUSED;
	}
	/* a report counts every participant's hours: supervisors only */
	enum pc_status can = pc_staff_can(c, PC_DO_REPORT, NULL, NULL, pr);
	if (can != PC_OK)
		return can;
	struct year_run r = {.c = c, .out = out, .pr = pr};
	/* months still to come are not counted: nothing is owed yet */
	int ty = 0, tm = 0;
	sscanf(c->today, "%4d-%2d", &ty, &tm);
	int months = year < ty ? 12 : year > ty ? 0 : tm;
	char first[11], last[11];
	enum pc_status st = PC_OK;
	if (months > 0)
		st = pc_store_year_each(c->store, year, months, PC_PARTICIPATION_FORM, each_month_row,
					&r, pr);
	if (st == PC_OK && r.damaged)
		st = PC_UNUSABLE;
	snprintf(first, sizeof(first), "%04d-01-01", year);
	snprintf(last, sizeof(last), "%04d-12-31", year);
	if (st == PC_OK && !r.failed)
		st = pc_store_exits_each(c->store, first, last, each_exit, &r, pr);
	struct pc_buf b = {0};
	if (st == PC_OK && !r.failed) {
		if (r.n) /* qsort(NULL, 0, ...) is undefined */
			qsort(r.t, r.n, sizeof(*r.t), by_programme);
		write_year(&r, year, &b);
		if (b.failed || !out->write(out->ctx, b.data, b.len))
			r.failed = true;
	}
	pc_buf_free(&b);
	for (size_t i = 0; i < r.n; i++) {
		free(r.t[i].last_person);
		free(r.t[i].programme);
		for (size_t k = 0; k < r.t[i].nexits; k++)
			free(r.t[i].exits[k].reason);
		free(r.t[i].exits);
	}
	free(r.t);
	if (st == PC_OK && r.failed) {
		pc_problems_add(pr, false, "report", "%s", _("the report could not be written"));
		st = PC_UNUSABLE;
	}
	return st;
}
