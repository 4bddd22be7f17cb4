/* The AMI report (`parcours report ami YYYY-MM`, ami.h): each person
 * enrolled in a workshop programme during the month, the half-days of the
 * month and of each of its ISO weeks against the programme's
 * sessions_per_week, below target and above range said in words. The
 * half-days are read in one query before the enrolments are walked; the
 * arithmetic is ami.c's. Not here: the hours report (report.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/ami.h"
#include "parcours/buf.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/text.h"

struct attended {
	char *pid;
	struct pc_ami_halfday day;
};

struct run {
	struct pc_ctx *c;
	const struct pc_report_out *out;
	const char *period;
	struct attended *days;
	size_t ndays, cap;
	struct pc_ami_halfday *mine; /* scratch: one person's half-days */
	struct pc_buf buf;
	size_t people, below, above;
	bool failed, first_json;
};

static bool each_day(void *ctx, const char *pid, const char *date, const char *half)
{
	struct run *r = ctx;
	if (r->ndays == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct attended *d = realloc(r->days, cap * sizeof(*d));
		if (!d)
			goto oom;
		r->days = d;
		r->cap = cap;
	}
	struct attended *a = &r->days[r->ndays];
	if (!(a->pid = strdup(pid)))
		goto oom;
	snprintf(a->day.date, sizeof(a->day.date), "%.10s", date);
	a->day.half = pc_ami_half_parse(half) == 1;
	r->ndays++;
	return true;
oom:
	r->failed = true;
	return false;
}

/* The half-days of participant `pid` (the list is ordered by id) into
 * r->mine; their number. */
static size_t days_of(struct run *r, const char *pid)
{
	size_t lo = 0, hi = r->ndays, n = 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(r->days[mid].pid, pid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < r->ndays && !strcmp(r->days[i].pid, pid); i++)
		r->mine[n++] = r->days[i].day;
	return n;
}

static void flush(struct run *r)
{
	if (r->buf.failed || !r->out->write(r->out->ctx, r->buf.data ? r->buf.data : "", r->buf.len))
		r->failed = true;
	pc_buf_reset(&r->buf);
}

static void csv_row(struct run *r, const struct pc_month_row *row, const char *week,
		    const char *from, const char *to, int half_days, enum pc_ami_status st)
{
	const struct pc_participant *p = row->participant;
	struct pc_buf *b = &r->buf;
	pc_buf_printf(b, "%s,%s,%s,%s,%s,%d,%s,", p->file_no, row->enrolment->programme, week,
		      from, to, half_days, pc_ami_status_name(st));
	pc_text_csv_cell(b, p->counsellor ? p->counsellor : "", r->out->raw);
	pc_buf_putc(b, ',');
	pc_text_csv_cell(b, p->family_name, r->out->raw);
	pc_buf_putc(b, ',');
	pc_text_csv_cell(b, p->given_name, r->out->raw);
	pc_buf_puts(b, "\r\n");
}

static void text_person(struct run *r, const struct pc_month_row *row,
			const struct pc_programme *prog, const struct pc_ami_month *m)
{
	const struct pc_participant *p = row->participant;
	struct pc_buf *b = &r->buf;
	pc_buf_printf(b, "\n%s  %s, %s  (%s; %s)\n", p->file_no, p->family_name, p->given_name,
		      pc_text_get(&prog->title), p->counsellor ? p->counsellor : _("no counsellor"));
	pc_buf_printf(b, P_("  %d half-day in the month: %s\n", "  %d half-days in the month: %s\n",
			    (unsigned long)m->half_days),
		      m->half_days, pc_ami_status_label(m->status));
	for (size_t i = 0; i < m->nweeks; i++) {
		const struct pc_ami_week *w = &m->weeks[i];
		pc_buf_printf(b, _("  week %d-W%02d (%s to %s): %d, %s\n"), w->iso_year, w->iso_week,
			      w->monday, w->sunday, w->half_days, pc_ami_status_label(w->status));
	}
}

static void json_person(struct run *r, const struct pc_month_row *row,
			const struct pc_programme *prog, const struct pc_ami_month *m)
{
	const struct pc_participant *p = row->participant;
	struct pc_buf *b = &r->buf;
	pc_buf_puts(b, r->first_json ? "\n  {\"file_no\": " : ",\n  {\"file_no\": ");
	r->first_json = false;
	pc_buf_json_string(b, p->file_no);
	pc_buf_puts(b, ", \"family_name\": ");
	pc_buf_json_string(b, p->family_name);
	pc_buf_puts(b, ", \"given_name\": ");
	pc_buf_json_string(b, p->given_name);
	pc_buf_puts(b, ", \"counsellor\": ");
	if (p->counsellor)
		pc_buf_json_string(b, p->counsellor);
	else
		pc_buf_puts(b, "null");
	pc_buf_puts(b, ", \"programme\": ");
	pc_buf_json_string(b, prog->id);
	pc_buf_puts(b, ", \"programme_label\": ");
	pc_buf_json_string(b, pc_text_get(&prog->title));
	pc_buf_printf(b,
		      ", \"min\": %d, \"max\": %d, \"half_days\": %d, \"status\": \"%s\", "
		      "\"weeks_below\": %d, \"weeks_above\": %d, \"weeks\": [",
		      prog->sessions_min, prog->sessions_max, m->half_days,
		      pc_ami_status_name(m->status), m->weeks_below, m->weeks_above);
	for (size_t i = 0; i < m->nweeks; i++) {
		const struct pc_ami_week *w = &m->weeks[i];
		pc_buf_printf(b,
			      "%s{\"week\": \"%d-W%02d\", \"from\": \"%s\", \"to\": \"%s\", "
			      "\"half_days\": %d, \"status\": \"%s\"}",
			      i ? ", " : "", w->iso_year, w->iso_week, w->monday, w->sunday,
			      w->half_days, pc_ami_status_name(w->status));
	}
	pc_buf_puts(b, "]}");
}

static bool each_row(void *ctx, const struct pc_month_row *row)
{
	struct run *r = ctx;
	const struct pc_programme *prog = pc_programme_find(r->c->programmes, row->enrolment->programme);
	if (!prog || prog->sessions_max <= 0)
		return true; /* an hours programme: the month report's */
	size_t n = days_of(r, row->enrolment->participant_id);
	struct pc_ami_month m;
	if (!pc_ami_month_compute(prog->sessions_min, prog->sessions_max, row->enrolment->start,
				  row->enrolment->end, r->c->today, r->period, r->mine, n, &m)) {
		r->failed = true;
		return false;
	}
	r->people++;
	r->below += m.status == PC_AMI_BELOW;
	r->above += m.weeks_above > 0;
	if (r->out->format == PC_REPORT_CSV) {
		char first[11], last[11];
		pc_period_bounds(r->period, first, last);
		csv_row(r, row, "month", first, last, m.half_days, m.status);
		for (size_t i = 0; i < m.nweeks; i++) {
			char week[16];
			snprintf(week, sizeof(week), "%04u-W%02u",
				 (unsigned)m.weeks[i].iso_year % 10000u,
				 (unsigned)m.weeks[i].iso_week % 100u);
			csv_row(r, row, week, m.weeks[i].monday, m.weeks[i].sunday,
				m.weeks[i].half_days, m.weeks[i].status);
		}
	} else if (r->out->format == PC_REPORT_JSON) {
		json_person(r, row, prog, &m);
	} else {
		text_person(r, row, prog, &m);
	}
	if (r->out->progress)
		r->out->progress(r->out->ctx, r->people);
	flush(r);
	return !r->failed;
}

/* The days a month's weeks may reach: from the 23rd of the month before
 * to the 7th of the month after (a week is 7 days). */
static void reach(const char *period, char from[11], char to[11])
{
	int y = atoi(period), m = atoi(period + 5);
	int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
	int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
	snprintf(from, 11, "%04u-%02u-23", (unsigned)py % 10000u, (unsigned)pm % 100u);
	snprintf(to, 11, "%04u-%02u-07", (unsigned)ny % 10000u, (unsigned)nm % 100u);
}

enum pc_status pc_report_ami(struct pc_ctx *c, const char *period,
			     const struct pc_report_out *out, struct pc_problems *pr)
{
	char first[11], last[11], from[11], to[11];
	if (!pc_period_bounds(period, first, last)) {
		pc_problems_add(pr, false, "period", _("\"%s\" is not a month: write it as YYYY-MM"),
				period ? period : "");
		return PC_REFUSED;
	}
	enum pc_status st = pc_staff_can(c, PC_DO_REPORT, NULL, NULL, pr);
	if (st != PC_OK)
		return st;
	reach(period, from, to);
	struct run r = {.c = c, .out = out, .period = period, .first_json = true};
	st = pc_store_ami_halfdays_each(c->store, from, to, each_day, &r, pr);
	if (st == PC_OK && !r.failed && r.ndays &&
	    !(r.mine = malloc(r.ndays * sizeof(*r.mine))))
		r.failed = true;
	if (st == PC_OK && !r.failed) {
		if (out->format == PC_REPORT_CSV)
			pc_buf_puts(&r.buf, "file_no,programme,week,from,to,half_days,status,"
					    "counsellor,family_name,given_name\r\n");
		else if (out->format == PC_REPORT_JSON)
			pc_buf_printf(&r.buf, "{\"period\": \"%s\", \"people\": [", period);
		else
			pc_buf_printf(&r.buf,
				      _("AMI workshops, %s: half-days attended a week (Monday to "
					"Sunday; a week is reported in the month of its Thursday)\n"),
				      period);
		flush(&r);
		st = pc_store_month_each(c->store, first, last, PC_PARTICIPATION_FORM, period,
					 each_row, &r, pr);
	}
	if (st == PC_OK && !r.failed) {
		if (out->format == PC_REPORT_JSON)
			pc_buf_printf(&r.buf, "%s], \"people_count\": %zu, \"below\": %zu, "
					      "\"above\": %zu}\n",
				      r.first_json ? "" : "\n ", r.people, r.below, r.above);
		else if (out->format == PC_REPORT_TEXT)
			pc_buf_printf(&r.buf, _("\n%zu enrolled, %zu below target, %zu above range\n"),
				      r.people, r.below, r.above);
		flush(&r);
	}
	for (size_t i = 0; i < r.ndays; i++)
		free(r.days[i].pid);
	free(r.days);
	free(r.mine);
	pc_buf_free(&r.buf);
	if (st == PC_OK && r.failed) {
		pc_problems_add(pr, false, "report", "%s", _("the report could not be written"));
		st = PC_UNUSABLE;
	}
	return st;
}
