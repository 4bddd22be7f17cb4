/* The month and year reports (participation.h): every enrolment of the
 * period streamed from the store, its month computed by the programme's
 * rules from its kept totals (month_totals.h; its answers only when they
 * cannot say), written as text, CSV (RFC 4180) or JSON with totals per
 * programme. Rows are written as they come; only the totals are kept. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/enrolment.h"
#include "parcours/closed_change.h"
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "parcours/staff.h"
#include "parcours/stored.h"
#include "parcours/text.h"


/* Totals of one programme. */
struct total {
	const struct pc_programme *prog;
	size_t people, below, met, months;
	double target, hours[8], total, allowance_participant, allowance_organisation, extra;
};

/* The categories of every programme, in definition order, without repeats. */
struct columns {
	const char *names[PC_CATEGORIES_MAX];
	size_t n;
};

struct month_run {
	struct pc_ctx *c;
	const struct pc_report_out *out;
	const char *period;
	bool below_only;
	struct columns cols;
	struct total totals[PC_PROGRAMMES_MAX];
	size_t ntotals;
	size_t rows;
	struct pc_buf buf;
	bool failed;
	/* below_only: rows come by counsellor and are written as they come */
	size_t lines;
	char *counsellor; /* of the last line written */
	char *unknown;    /* the first programme id not defined, in id order */
	bool first_json;
	struct pc_problems *pr;
	bool damaged; /* a row's answers did not read: stop, exit 3 */
};

static void columns_of(const struct pc_programmes *ps, struct columns *cols)
{
	cols->n = 0;
	for (size_t i = 0; ps && i < ps->len; i++)
		for (size_t k = 0; k < ps->items[i].ncategories; k++) {
			bool seen = false;
			for (size_t j = 0; j < cols->n; j++)
				seen |= !strcmp(cols->names[j], ps->items[i].categories[k]);
			if (!seen && cols->n < PC_CATEGORIES_MAX)
				cols->names[cols->n++] = ps->items[i].categories[k];
		}
}

/* Hours of category `name` in a computed month, 0 when the programme does
 * not count it. */
static double hours_of(const struct pc_programme *p, const struct pc_month *m, const char *name)
{
	for (size_t i = 0; p && i < p->ncategories && i < 8; i++)
		if (!strcmp(p->categories[i], name))
			return m->hours[i];
	return 0;
}

/* v in cents when "%.2f" would surely round it so: not negative (glibc
 * writes "-0.00"), not huge, not within a thousandth of a cent of a tie
 * (the product's rounding error is below 2^-13 here). */
static bool cents_of(double v, unsigned long long *c)
{
	double x = v * 100.0;
	if (signbit(v) || !(x < 1e12))
		return false;
	double fl = floor(x), frac = x - fl;
	if (fabs(frac - 0.5) < 1e-3)
		return false;
	*c = (unsigned long long)fl + (frac > 0.5);
	return true;
}

/* Appends v as "%.2f" does; trimmed: "80.00" -> "80", "12.50" -> "12.5",
 * what a person reads. Written by hand, digits straight into place: the
 * reports write millions (snprintf for what cents_of leaves). */
static void fixed2(struct pc_buf *b, double v, bool trim)
{
	char s[64];
	unsigned long long c;
	if (cents_of(v, &c)) {
		char *end = s + sizeof(s), *p = end;
		unsigned cents = (unsigned)(c % 100);
		if (!trim || cents % 10)
			*--p = (char)('0' + cents % 10);
		if (!trim || cents) {
			*--p = (char)('0' + cents / 10);
			*--p = '.';
		}
		unsigned long long whole = c / 100;
		do
			*--p = (char)('0' + whole % 10);
		while (whole /= 10);
		pc_buf_add(b, p, (size_t)(end - p));
		return;
	}
	snprintf(s, sizeof(s), "%.2f", v);
	char *dot = trim ? strchr(s, '.') : NULL;
	if (dot) {
		char *end = s + strlen(s) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	pc_buf_puts(b, s);
}

/* Appends n as "%d" does (the month number of every row). */
static void whole(struct pc_buf *b, int n)
{
	char s[16], *end = s + sizeof(s), *p = end;
	unsigned u = n < 0 ? 0u - (unsigned)n : (unsigned)n;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--p = '-';
	pc_buf_add(b, p, (size_t)(end - p));
}

static void num(struct pc_buf *b, double v)
{
	fixed2(b, v, true);
}

static void money(struct pc_buf *b, double v)
{
	fixed2(b, v, false);
}

static bool flush(struct month_run *r)
{
	if (r->buf.failed) {
		r->failed = true;
		return false;
	}
	if (r->buf.len && !r->out->write(r->out->ctx, r->buf.data, r->buf.len))
		r->failed = true;
	pc_buf_reset(&r->buf);
	return !r->failed;
}

static struct total *total_for(struct month_run *r, const struct pc_programme *p)
{
	for (size_t i = 0; i < r->ntotals; i++)
		if (r->totals[i].prog == p)
			return &r->totals[i];
	if (r->ntotals == PC_PROGRAMMES_MAX)
		return NULL;
	struct total *t = &r->totals[r->ntotals++];
	memset(t, 0, sizeof(*t));
	t->prog = p;
	return t;
}

static void csv_header(struct month_run *r)
{
	pc_buf_puts(&r->buf, "file_no,programme,target_hours,total_hours,status,"
			     "allowance_participant,allowance_organisation,extra_costs");
	for (size_t i = 0; i < r->cols.n; i++) {
		pc_buf_putc(&r->buf, ',');
		pc_buf_csv_field(&r->buf, r->cols.names[i]);
	}
	pc_buf_puts(&r->buf, ",month,counsellor,family_name,given_name,no_hours\r\n");
}

/* Appends `s` cut or padded to `width` characters (not bytes: names have
 * accents). */
static void column(struct pc_buf *b, const char *s, int width)
{
	int n = 0;
	const char *p = s ? s : "";
	while (*p && n < width) {
		const char *start = p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		pc_buf_add(b, start, (size_t)(p - start));
		n++;
	}
	for (; n < width; n++)
		pc_buf_putc(b, ' ');
}

/* s right-aligned in width columns (format.h's output is one column a code
 * point: "1 250,00 $" holds a 3-byte U+202F). */
static void right(struct pc_buf *b, const char *s, size_t width)
{
	for (size_t w = pc_format_width(s); w < width; w++)
		pc_buf_putc(b, ' ');
	pc_buf_puts(b, s);
}

static void text_header(struct month_run *r)
{
	static const char *const heads[] = {N_("File"), N_("Name"), N_("Programme")};
	static const int widths[] = {10, 24, 16};
	for (int i = 0; i < 3; i++) {
		column(&r->buf, _(heads[i]), widths[i]);
		pc_buf_putc(&r->buf, ' ');
	}
	right(&r->buf, _("Target"), 9);
	pc_buf_putc(&r->buf, ' ');
	right(&r->buf, _("Hours"), 9);
	pc_buf_putc(&r->buf, ' ');
	column(&r->buf, _("Status"), 14);
	right(&r->buf, _("Person $"), 12);
	right(&r->buf, _("Org. $"), 12);
	right(&r->buf, _("Costs $"), 11);
	pc_buf_putc(&r->buf, '\n');
}

/* An enrolled month with no hours at all, even one whose target is 0 (no
 * ramp-up before the full target): the organisation's allowance is paid
 * for the enrolment, the participant's only for participation, so
 * supervisors see these months in the report and the below-target list. */
static bool no_hours(const struct pc_month *m)
{
	return m->month >= 1 && m->total <= 0 && m->other_hours <= 0;
}

/* One participant's line in the chosen format, appended to b. */
static void row_out(struct month_run *r, struct pc_buf *b, const struct pc_participant *p,
		    const struct pc_programme *prog, const struct pc_month *m)
{
	const char *pid = prog ? prog->id : "";
	switch (r->out->format) {
	case PC_REPORT_CSV:
		pc_buf_csv_field(b, p->file_no);
		pc_buf_putc(b, ',');
		pc_buf_csv_field(b, pid);
		pc_buf_putc(b, ',');
		num(b, m->target);
		pc_buf_putc(b, ',');
		num(b, m->total);
		pc_buf_putc(b, ',');
		pc_buf_puts(b, pc_month_status_name(m->status));
		pc_buf_putc(b, ',');
		money(b, m->allowance_participant);
		pc_buf_putc(b, ',');
		money(b, m->allowance_organisation);
		pc_buf_putc(b, ',');
		money(b, m->extra_costs);
		for (size_t i = 0; i < r->cols.n; i++) {
			pc_buf_putc(b, ',');
			num(b, hours_of(prog, m, r->cols.names[i]));
		}
		pc_buf_putc(b, ',');
		whole(b, m->month);
		pc_buf_putc(b, ',');
		pc_text_csv_cell(b, p->counsellor, r->out->raw);
		pc_buf_putc(b, ',');
		pc_text_csv_cell(b, p->family_name, r->out->raw);
		pc_buf_putc(b, ',');
		pc_text_csv_cell(b, p->given_name, r->out->raw);
		pc_buf_puts(b, no_hours(m) ? ",1\r\n" : ",0\r\n");
		break;
	case PC_REPORT_JSON:
		pc_buf_puts(b, r->first_json ? "\n  " : ",\n  ");
		r->first_json = false;
		pc_buf_puts(b, "{\"file_no\": ");
		pc_buf_json_string(b, p->file_no);
		pc_buf_puts(b, ", \"programme\": ");
		pc_buf_json_string(b, pid);
		pc_buf_printf(b, ", \"month\": %d, \"target_hours\": ", m->month);
		num(b, m->target);
		pc_buf_puts(b, ", \"total_hours\": ");
		num(b, m->total);
		pc_buf_printf(b, ", \"status\": \"%s\", \"hours\": {", pc_month_status_name(m->status));
		for (size_t i = 0; prog && i < prog->ncategories && i < 8; i++) {
			pc_buf_puts(b, i ? ", " : "");
			pc_buf_json_string(b, prog->categories[i]);
			pc_buf_puts(b, ": ");
			num(b, m->hours[i]);
		}
		pc_buf_puts(b, "}, \"allowance_participant\": ");
		money(b, m->allowance_participant);
		pc_buf_puts(b, ", \"allowance_organisation\": ");
		money(b, m->allowance_organisation);
		pc_buf_puts(b, ", \"extra_costs\": ");
		money(b, m->extra_costs);
		pc_buf_puts(b, ", \"counsellor\": ");
		if (p->counsellor)
			pc_buf_json_string(b, p->counsellor);
		else
			pc_buf_puts(b, "null");
		pc_buf_puts(b, ", \"family_name\": ");
		pc_buf_json_string(b, p->family_name);
		pc_buf_puts(b, ", \"given_name\": ");
		pc_buf_json_string(b, p->given_name);
		pc_buf_puts(b, no_hours(m) ? ", \"no_hours\": true}" : ", \"no_hours\": false}");
		break;
	default: {
		char name[256], f[PC_FORMAT_MAX];
		snprintf(name, sizeof(name), "%s, %s", p->family_name, p->given_name);
		column(b, p->file_no, 10);
		pc_buf_putc(b, ' ');
		column(b, name, 24);
		pc_buf_putc(b, ' ');
		column(b, pc_programme_label(r->c->programmes, pid), 16);
		right(b, pc_format_hours(f, sizeof(f), m->target), 9);
		pc_buf_putc(b, ' ');
		right(b, pc_format_hours(f, sizeof(f), m->total), 9);
		pc_buf_putc(b, ' ');
		column(b, no_hours(m) ? _("no hours") : pc_month_status_label(m->status), 14);
		right(b, pc_format_money(f, sizeof(f), m->allowance_participant), 12);
		right(b, pc_format_money(f, sizeof(f), m->allowance_organisation), 12);
		right(b, pc_format_money(f, sizeof(f), m->extra_costs), 11);
		pc_buf_putc(b, '\n');
	}
	}
}

/* Totals come in programme id order, the programmes not defined counted
 * together at the place of the first of them: the walk's order for the
 * month report, and the order they are put in for the below-target list
 * (remembering that first id as the rows come). */
static bool unknown_first(struct month_run *r, const char *id)
{
	if (!r->below_only || !id || (r->unknown && strcmp(id, r->unknown) >= 0))
		return true;
	char *copy = strdup(id);
	if (!copy)
		return !(r->failed = true);
	free(r->unknown);
	r->unknown = copy;
	return true;
}

static const char *total_key(const struct month_run *r, const struct total *t)
{
	return t->prog ? t->prog->id : r->unknown ? r->unknown : "";
}

static void totals_in_order(struct month_run *r)
{
	for (size_t i = 1; i < r->ntotals; i++) /* a handful: insertion */
		for (size_t k = i; k > 0 && strcmp(total_key(r, &r->totals[k - 1]),
						   total_key(r, &r->totals[k])) > 0;
		     k--) {
			struct total t = r->totals[k];
			r->totals[k] = r->totals[k - 1];
			r->totals[k - 1] = t;
		}
}

/* A line of the below-target list, which comes by counsellor: the text
 * has its header before the first line and a heading per counsellor. */
static void below_line(struct month_run *r, const struct pc_participant *p,
		       const struct pc_programme *prog, const struct pc_month *m)
{
	const char *who = p->counsellor ? p->counsellor : "";
	if (r->out->format == PC_REPORT_TEXT) {
		if (!r->lines)
			text_header(r);
		if (!r->lines || strcmp(r->counsellor, who)) {
			free(r->counsellor);
			if (!(r->counsellor = strdup(who)))
				r->failed = true;
			pc_buf_printf(&r->buf, "\n%s %s\n", _("Counsellor:"),
				      *who ? who : _("(none)"));
		}
	}
	row_out(r, &r->buf, p, prog, m);
	r->lines++;
}

static bool each_row(void *ctx, const struct pc_month_row *row)
{
	struct month_run *r = ctx;
	struct pc_enrolment e;
	if (!pc_enrolment_from_row(row->enrolment, &e, row->participant->file_no, r->pr)) {
		r->damaged = true;
		return false;
	}
	const struct pc_programme *prog = pc_programme_find(r->c->programmes, row->enrolment->programme);
	if (!prog && !unknown_first(r, row->enrolment->programme))
		return false;
	struct pc_month m;
	if (pc_month_reported(r->c->store, r->c->forms, prog, &e, r->period, row, &m, r->pr) != PC_OK) {
		r->damaged = true;
		return false;
	}
	if (m.month < 1)
		return true;
	r->rows++;
	if (r->out->progress && r->rows % 1000 == 0)
		r->out->progress(r->out->ctx, r->rows);
	struct total *t = total_for(r, prog);
	if (t) {
		t->people++;
		t->below += m.status == PC_MONTH_BELOW;
		t->met += m.status == PC_MONTH_MET;
		t->months += m.total > 0;
		t->target += m.target;
		for (size_t i = 0; i < 8; i++)
			t->hours[i] += m.hours[i];
		t->total += m.total;
		t->allowance_participant += m.allowance_participant;
		t->allowance_organisation += m.allowance_organisation;
		t->extra += m.extra_costs;
	}
	if (r->below_only) {
		/* a month with no hours at all is listed whatever its target:
		 * the organisation's allowance still runs (issue 13) */
		if (m.status != PC_MONTH_BELOW && !no_hours(&m))
			return true;
		below_line(r, row->participant, prog, &m);
		return !r->failed && (r->buf.len < 65536 || flush(r));
	}
	row_out(r, &r->buf, row->participant, prog, &m);
	return r->buf.len < 65536 || flush(r);
}

static void totals_out(struct month_run *r)
{
	for (size_t i = 0; i < r->ntotals; i++) {
		const struct total *t = &r->totals[i];
		const char *pid = t->prog ? t->prog->id : "?";
		switch (r->out->format) {
		case PC_REPORT_CSV:
			pc_buf_puts(&r->buf, "TOTAL,");
			pc_buf_csv_field(&r->buf, pid);
			pc_buf_putc(&r->buf, ',');
			num(&r->buf, t->target);
			pc_buf_putc(&r->buf, ',');
			num(&r->buf, t->total);
			pc_buf_puts(&r->buf, ",,");
			money(&r->buf, t->allowance_participant);
			pc_buf_putc(&r->buf, ',');
			money(&r->buf, t->allowance_organisation);
			pc_buf_putc(&r->buf, ',');
			money(&r->buf, t->extra);
			for (size_t k = 0; k < r->cols.n; k++) {
				struct pc_month m = {0};
				memcpy(m.hours, t->hours, sizeof(m.hours));
				pc_buf_putc(&r->buf, ',');
				num(&r->buf, hours_of(t->prog, &m, r->cols.names[k]));
			}
			pc_buf_puts(&r->buf, ",,,,,\r\n");
			break;
		case PC_REPORT_JSON:
			pc_buf_puts(&r->buf, i ? ",\n    " : "\n    ");
			pc_buf_json_string(&r->buf, pid);
			pc_buf_printf(&r->buf, ": {\"participants\": %zu, \"met\": %zu, \"below\": %zu, "
					       "\"total_hours\": ",
				      t->people, t->met, t->below);
			num(&r->buf, t->total);
			pc_buf_puts(&r->buf, ", \"allowance_participant\": ");
			money(&r->buf, t->allowance_participant);
			pc_buf_puts(&r->buf, ", \"allowance_organisation\": ");
			money(&r->buf, t->allowance_organisation);
			pc_buf_puts(&r->buf, ", \"extra_costs\": ");
			money(&r->buf, t->extra);
			pc_buf_putc(&r->buf, '}');
			break;
		default: {
			char h[PC_FORMAT_MAX], ap[PC_FORMAT_MAX], ao[PC_FORMAT_MAX], x[PC_FORMAT_MAX];
			column(&r->buf, pc_programme_label(r->c->programmes, pid), 16);
			pc_buf_putc(&r->buf, ' ');
			pc_buf_printf(&r->buf,
				      P_("%zu participant", "%zu participants", t->people), t->people);
			pc_buf_printf(&r->buf,
				      _(", %zu met, %zu below; %s; allowances %s (participants) + %s "
					"(organisation); costs %s\n"),
				      t->met, t->below, pc_format_hours(h, sizeof(h), t->total),
				      pc_format_money(ap, sizeof(ap), t->allowance_participant),
				      pc_format_money(ao, sizeof(ao), t->allowance_organisation),
				      pc_format_money(x, sizeof(x), t->extra));
		}
		}
	}
}

enum pc_status pc_report_month(struct pc_ctx *c, const char *period, bool below_only,
			       const struct pc_report_out *out, struct pc_problems *pr)
{
	char first[11], last[11];
	if (!pc_period_bounds(period, first, last)) {
		pc_problems_add(pr, false, "period",
				_("\"%s\" is not a month: write it as YYYY-MM, e.g. 2026-09"),
				period ? period : "");
		return PC_REFUSED;
	}
	/* a report counts every participant's hours: supervisors only */
	enum pc_status can = pc_staff_can(c, PC_DO_REPORT, NULL, NULL, pr);
	if (can != PC_OK)
		return can;
	struct month_run r = {.c = c, .out = out, .period = period, .below_only = below_only,
			      .first_json = true, .pr = pr};
	columns_of(c->programmes, &r.cols);
	switch (out->format) {
	case PC_REPORT_CSV:
		csv_header(&r);
		break;
	case PC_REPORT_JSON:
		pc_buf_printf(&r.buf, "{\"period\": \"%s\", \"rows\": [", period);
		break;
	default: {
		char month[PC_FORMAT_MAX];
		pc_buf_printf(&r.buf, below_only ? _("Below target in %s\n") : _("Participation in %s\n"),
			      pc_format_month(month, sizeof(month), period));
		if (!below_only)
			text_header(&r);
	}
	}
	enum pc_status st =
		(below_only ? pc_store_month_each_by_counsellor : pc_store_month_each)(
			c->store, first, last, PC_PARTICIPATION_FORM, period, each_row, &r, pr);
	if (st == PC_OK && r.damaged)
		st = PC_UNUSABLE;
	if (st == PC_OK && below_only)
		totals_in_order(&r);
	if (st == PC_OK) {
		if (out->format == PC_REPORT_JSON)
			pc_buf_puts(&r.buf, r.first_json ? "],\n \"totals\": {" : "\n ],\n \"totals\": {");
		else if (out->format == PC_REPORT_TEXT)
			pc_buf_printf(&r.buf, "\n%s\n", _("Totals"));
		totals_out(&r);
		/* the reasons a closed month was changed with (closed_change.h) */
		if (out->format == PC_REPORT_JSON)
			pc_buf_puts(&r.buf, "},\n \"changes\": ");
		if (out->format != PC_REPORT_CSV && !below_only)
			st = pc_closed_change_report(c, period, out->format == PC_REPORT_JSON, &r.buf,
						     pr);
		else if (out->format == PC_REPORT_JSON)
			pc_buf_puts(&r.buf, "[]");
		if (out->format == PC_REPORT_JSON)
			pc_buf_puts(&r.buf, "}\n");
		flush(&r);
	}
	free(r.counsellor);
	free(r.unknown);
	pc_buf_free(&r.buf);
	if (st == PC_OK && r.failed) {
		pc_problems_add(pr, false, "report", "%s", _("the report could not be written"));
		st = PC_UNUSABLE;
	}
	return st;
}
