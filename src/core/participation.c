/* Enrolling, leaving, closing a month and one person's month figures
 * (participation.h). Each checks its input, the programme's rules and the
 * staff role, then writes through the store in one transaction. Reports
 * are in report.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/format.h"
#include "parcours/audit.h"
#include "parcours/clock.h"
#include "parcours/closed_change.h"
#include "parcours/contract.h"
#include "parcours/eligibility.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "parcours/stored.h"
#include "parcours/staff.h"
#include "parcours/text.h"
#include "parcours/value.h"

bool pc_period_bounds(const char *period, char first[11], char last[11])
{
	int y, m, d;
	if (!period || strlen(period) != 7)
		return false;
	snprintf(first, 11, "%.7s-01", period);
	if (!pc_parse_date(first, &y, &m, &d))
		return false;
	snprintf(last, 11, "%.7s-%02d", period, pc_days_in_month(y, m));
	return true;
}

static bool date_ok(const char *s, const char *where, struct pc_problems *pr)
{
	int y, m, d;
	if (s && pc_parse_date(s, &y, &m, &d))
		return true;
	pc_problems_add(pr, false, where, _("\"%s\" is not a date: write it as YYYY-MM-DD"),
			s ? s : "");
	return false;
}

/* The programme of that id, or a problem listing the known ones. */
static const struct pc_programme *need_programme(struct pc_ctx *c, const char *id,
						 struct pc_problems *pr)
{
	const struct pc_programme *p = pc_programme_find(c->programmes, id);
	if (p)
		return p;
	char known[512] = "";
	for (size_t i = 0; c->programmes && i < c->programmes->len; i++) {
		if (i)
			strncat(known, ", ", sizeof(known) - strlen(known) - 1);
		strncat(known, c->programmes->items[i].id, sizeof(known) - strlen(known) - 1);
	}
	if (!id || !*id)
		pc_problems_add(pr, false, "programme", _("a programme is required: %s"), known);
	else
		pc_problems_add(pr, false, "programme",
				_("there is no programme \"%s\"; known: %s"), id, known);
	return NULL;
}

/* A ramp-up as the programmes state it (paas-action-2011.txt: the full
 * target "at the latest six months after the start"): it covers the months
 * before the full target's month only, never goes above the full target and
 * never goes down. A programme whose target applies from month 1 has none. */
static bool ramp_fits(const struct pc_programme *prog, double full, const double *steps,
		      size_t n, struct pc_problems *pr)
{
	if (prog->full_from_month <= 1) {
		pc_problems_add(pr, false, "ramp", _("%s has no ramp-up: its target applies from month 1"),
				pc_text_get(&prog->title));
		return false;
	}
	char a[PC_FORMAT_MAX], b[PC_FORMAT_MAX];
	if (n > (size_t)(prog->full_from_month - 1)) {
		pc_problems_add(pr, false, "ramp",
				_("a ramp-up covers months 1 to %d at most (the full target of %s is "
				  "due from month %d); %zu values given"),
				prog->full_from_month - 1, pc_format_hours(a, sizeof(a), full),
				prog->full_from_month, n);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		if (full > 0 && steps[i] > full) {
			pc_problems_add(pr, false, "ramp",
					_("month %zu: %s is above the full target of %s"), i + 1,
					pc_format_hours(a, sizeof(a), steps[i]),
					pc_format_hours(b, sizeof(b), full));
			return false;
		}
		if (i && steps[i] < steps[i - 1]) {
			pc_problems_add(pr, false, "ramp",
					_("month %zu: %s is below month %zu (%s): a ramp-up never "
					  "goes down"),
					i + 1, pc_format_hours(a, sizeof(a), steps[i]), i,
					pc_format_hours(b, sizeof(b), steps[i - 1]));
			return false;
		}
	}
	return true;
}

/* Whether c->login may enrol p (or end p's enrolment) and, when
 * `counsellor` names someone else than the one following p and than
 * themselves, also change who follows p (a supervisor's, like assign). */
static enum pc_status may_enrol(struct pc_ctx *c, const struct pc_participant *p,
				const char *counsellor, struct pc_problems *pr)
{
	enum pc_status st = pc_staff_can(c, PC_DO_ENROL, p, NULL, pr);
	if (st == PC_OK && counsellor && strcmp(counsellor, c->login) &&
	    (!p->counsellor || strcmp(counsellor, p->counsellor)))
		st = pc_staff_can(c, PC_DO_ASSIGN, p, NULL, pr);
	return st;
}

/* PC_REFUSED, naming the programme by its title and the date in words,
 * when p already has an open enrolment (the store checks again inside the
 * transaction, for a race, with the bare ids). */
static enum pc_status not_enrolled(struct pc_ctx *c, const struct pc_participant *p,
				   struct pc_problems *pr)
{
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	enum pc_status st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr);
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		if (rows[i].end)
			continue;
		char day[PC_FORMAT_MAX];
		pc_problems_add(pr, false, "programme",
				_("already enrolled in %s since %s: record the exit first"),
				pc_programme_label(c->programmes, rows[i].programme),
				pc_format_date(day, sizeof(day), rows[i].start, PC_FORMAT_LONG));
		st = PC_REFUSED;
	}
	pc_enrolment_rows_free(&rows, n);
	return st;
}

enum pc_status pc_enrol(struct pc_ctx *c, const char *file_no, const char *programme,
			const char *start, const char *hours, const char *ramp,
			const char *counsellor, const char *exception, struct pc_problems *pr)
{
	struct pc_enrol_more more = {.exception = exception};
	return pc_enrol_more(c, file_no, programme, start, hours, ramp, counsellor, &more, pr);
}

/* The closed months and the contract of a new enrolment, inside its
 * transaction once the enrolment row `e` is written. */
static enum pc_status enrol_after(struct pc_ctx *c, const struct pc_enrolment_row *e,
				  const struct pc_enrol_more *more, const char *contract_end,
				  const char *now, struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	if (contract_end[0])
		st = pc_store_contract_add(c->store, e->id, 0, contract_end, c->login, now, pr);
	if (st == PC_OK)
		st = pc_closed_change_apply(
			c, e->participant_id, e->id, PC_CHANGE_ENROL, e->start,
			more ? more->reason : NULL, "reason",
			more && more->reason_option ? more->reason_option : "--reason", pr);
	return st;
}

enum pc_status pc_enrol_more(struct pc_ctx *c, const char *file_no, const char *programme,
			     const char *start, const char *hours, const char *ramp,
			     const char *counsellor, struct pc_enrol_more *more,
			     struct pc_problems *pr)
{
	const struct pc_programme *prog = need_programme(c, programme, pr);
	bool ok = prog != NULL;
	ok &= date_ok(start, "start", pr);
	char contract_end[11] = "";
	if (more)
		more->contract_end_out[0] = '\0';
	if (prog && pc_contract_for_enrolment(prog, start, more ? more->contract_end : NULL,
					      more ? more->contract_months : NULL, contract_end,
					      pr) != PC_OK)
		ok = false;
	double h = -1;
	if (hours) {
		long minutes;
		if (!pc_parse_hours(hours, &minutes)) {
			pc_problems_add(pr, false, "hours", "%s",
					_("expected hours as 3, 3.5, 3,5 or 3:30"));
			ok = false;
		} else {
			h = (double)minutes / 60.0;
		}
	}
	if (prog && prog->hours_per_person) {
		if (!hours) {
			pc_problems_add(pr, false, "hours",
					_("%s sets the hours per person: give --hours from %g to %g"),
					pc_text_get(&prog->title), prog->hours_min, prog->hours_max);
			ok = false;
		} else if (h >= 0 && (h < prog->hours_min || h > prog->hours_max)) {
			pc_problems_add(pr, false, "hours", _("must be from %g to %g hours a month"),
					prog->hours_min, prog->hours_max);
			ok = false;
		}
	} else if (prog && hours) {
		pc_problems_add(pr, false, "hours",
				_("%s has the same target for everyone: leave out --hours"),
				pc_text_get(&prog->title));
		ok = false;
	}
	double steps[PC_RAMP_MAX];
	size_t nsteps = 0;
	if (ramp && !pc_ramp_parse(ramp, steps, &nsteps, "ramp", pr))
		ok = false;
	else if (ramp && prog && !ramp_fits(prog, hours ? h : prog->target_hours, steps, nsteps, pr))
		ok = false;
	if (counsellor && (!*counsellor || strlen(counsellor) > 64 ||
			   strspn(counsellor, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
				   strlen(counsellor))) {
		pc_problems_add(pr, false, "counsellor", "%s",
				_("a counsellor is given by login: lower-case letters, digits, . _ -"));
		ok = false;
	}
	struct pc_participant p = {0};
	enum pc_status st = pc_store_participant_get(c->store, file_no, &p, pr);
	if (st == PC_OK)
		st = may_enrol(c, &p, counsellor, pr);
	/* an open enrolment and the eligibility are both told at once */
	enum pc_status open = st == PC_OK ? not_enrolled(c, &p, pr) : st;
	struct pc_eligibility_outcome elig = {0};
	if (st == PC_OK && prog)
		st = pc_eligibility_gate(c, &p, prog, more ? more->exception : NULL, &elig, pr);
	if (st == PC_OK)
		st = open;
	if (st != PC_OK || !ok) {
		pc_participant_clear(&p);
		return st != PC_OK ? st : PC_REFUSED;
	}
	struct pc_json *arr = pc_json_new(PC_JSON_ARRAY);
	for (size_t i = 0; arr && i < nsteps; i++)
		if (!pc_json_array_push(arr, pc_json_new_number(steps[i])))
			pc_json_free(&arr);
	char now[21];
	pc_clock_now(now);
	struct pc_enrolment_row e = {
		.participant_id = p.id,
		.programme = (char *)prog->id,
		.start = (char *)start,
		.hours = h,
		.ramp = arr ? pc_json_to_string(arr) : NULL,
		.counsellor = (char *)counsellor,
	};
	if (!e.ramp) {
		pc_problems_add(pr, false, "ramp", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	} else if ((st = pc_audit_begin(c, pr)) == PC_OK) {
		char detail[256];
		snprintf(detail, sizeof(detail), "enrol programme=%.64s start=%.10s counsellor=%.64s",
			 prog->id, start, counsellor ? counsellor : "");
		st = pc_store_enrolment_add(c->store, &e, c->login, now, pr);
		if (st == PC_OK && elig.not_met)
			st = pc_eligibility_exception_save(c, &p, prog, e.id, &elig,
							   more ? more->exception : NULL, now, pr);
		if (st == PC_OK)
			st = enrol_after(c, &e, more, contract_end, now, pr);
		st = pc_audit_commit(c, st, &p, NULL, detail, pr);
		if (st == PC_OK && more)
			memcpy(more->contract_end_out, contract_end, 11);
	}
	free(e.ramp);
	free(e.id);
	pc_json_free(&arr);
	pc_participant_clear(&p);
	return st;
}

enum pc_status pc_leave(struct pc_ctx *c, const char *file_no, const char *date,
			const char *reason, struct pc_problems *pr)
{
	return pc_leave_more(c, file_no, date, reason, NULL, NULL, pr);
}

/* Ends p's open enrolment on `date`, inside the leave transaction, with
 * the reason its closed months need. */
static enum pc_status leave_in(struct pc_ctx *c, const struct pc_participant *p, const char *date,
			       const char *reason, const char *change_reason, const char *option,
			       struct pc_problems *pr)
{
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	enum pc_status st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr);
	const char *open = NULL;
	for (size_t i = n; st == PC_OK && i-- > 0 && !open;)
		if (!rows[i].end)
			open = rows[i].id;
	if (st == PC_OK)
		st = pc_store_enrolment_end(c->store, p->id, date, reason, pr);
	if (st == PC_OK && open)
		st = pc_closed_change_apply(c, p->id, open, PC_CHANGE_LEAVE, date, change_reason,
					    "change_reason", option ? option : "--change-reason",
					    pr);
	pc_enrolment_rows_free(&rows, n);
	return st;
}

enum pc_status pc_leave_more(struct pc_ctx *c, const char *file_no, const char *date,
			     const char *reason, const char *change_reason, const char *option,
			     struct pc_problems *pr)
{
	bool ok = date_ok(date, "date", pr);
	if (ok && c->today[0] && strcmp(date, c->today) > 0) {
		pc_problems_add(pr, false, "date", _("the exit date %s is after today (%s)"), date,
				c->today);
		ok = false;
	}
	enum pc_status rst = pc_exit_reason_check(
		c->programmes ? &c->programmes->exit_reasons : NULL, reason, pr);
	if (rst == PC_UNUSABLE)
		return rst;
	ok &= rst == PC_OK;
	struct pc_participant p = {0};
	enum pc_status st = pc_store_participant_get(c->store, file_no, &p, pr);
	if (st == PC_OK)
		st = may_enrol(c, &p, NULL, pr);
	struct pc_buf detail = {0};
	pc_buf_printf(&detail, "leave date=%s reason=%s", date ? date : "", reason ? reason : "");
	if (st == PC_OK && ok && (st = pc_audit_begin(c, pr)) == PC_OK)
		st = pc_audit_commit(c, leave_in(c, &p, date, reason, change_reason, option, pr),
				     &p, NULL, detail.failed ? "leave" : detail.data, pr);
	else if (st == PC_OK && !ok)
		st = PC_REFUSED;
	pc_buf_free(&detail);
	pc_participant_clear(&p);
	return st;
}

bool pc_enrolment_from_row(const struct pc_enrolment_row *row, struct pc_enrolment *e,
			   const char *file_no, struct pc_problems *pr)
{
	memset(e, 0, sizeof(*e));
	e->programme = row->programme;
	e->start = row->start;
	e->end = row->end;
	e->hours = row->hours;
	if (!row->ramp || !strcmp(row->ramp, "[]")) /* the usual one: reports read it a lot */
		return true;
	struct pc_json *ramp = pc_json_parse(row->ramp, strlen(row->ramp), NULL, 0);
	bool ok = ramp && ramp->kind == PC_JSON_ARRAY && ramp->len <= PC_RAMP_MAX;
	for (size_t i = 0; ok && i < ramp->len; i++) {
		const struct pc_json *v = ramp->items[i];
		ok = v->kind == PC_JSON_NUMBER && v->number >= 0 && v->number <= 744;
		if (ok)
			e->ramp[e->nramp++] = v->number;
	}
	pc_json_free(&ramp);
	if (!ok) {
		e->nramp = 0;
		pc_problems_add(pr, false, file_no ? file_no : "enrolment",
				_("the database is damaged: the ramp-up of the enrolment in %s "
				  "cannot be read; run parcours check"),
				row->programme ? row->programme : "?");
	}
	return ok;
}

/* The month of p from the totals kept for it (month_totals.h) when they
 * can say, under the latest of `rows` that covers the month: true with *st
 * set, and no answers read nor parsed (the console's list shows a page of
 * these per key). False when no enrolment covers the month (the answers
 * are still read, to say when they are damaged) or the month has no usable
 * totals: the caller reads the answers. */
static bool stored_totals(struct pc_ctx *c, const struct pc_participant *p, const char *period,
			  const struct pc_enrolment_row *rows, size_t n,
			  const struct pc_programme **prog, struct pc_month *out,
			  enum pc_status *st, struct pc_problems *pr)
{
	struct pc_enrolment e;
	const struct pc_enrolment_row *row = NULL;
	for (size_t i = n; !row && i-- > 0;) {
		struct pc_problems quiet = {0};
		bool read = pc_enrolment_from_row(&rows[i], &e, p->file_no, &quiet);
		pc_problems_clear(&quiet);
		if (!read)
			return false; /* said by the answers' path */
		if (pc_programme_month(&e, period) >= 1)
			row = &rows[i];
	}
	if (!row)
		return false;
	struct pc_month_totals t;
	bool found = false;
	*st = pc_store_month_totals_get(c->store, p->id, period, &t, &found, pr);
	if (*st != PC_OK)
		return true;
	const struct pc_programme *covering = pc_programme_find(c->programmes, row->programme);
	bool done = found && pc_month_from_totals(covering, &e, period, &t, out);
	if (done)
		*prog = covering;
	pc_month_totals_clear(&t);
	if (!done) {
		memset(out, 0, sizeof(*out));
		out->status = PC_MONTH_NOT_ENROLLED;
	}
	return done;
}

/* The month of p under its enrolment, for `given` answers, or the stored
 * ones when `given` is NULL. */
static enum pc_status month_of(struct pc_ctx *c, const struct pc_participant *p, const char *period,
			       const struct pc_json *given, const struct pc_programme **prog,
			       struct pc_month *out, struct pc_problems *pr)
{
	*prog = NULL;
	memset(out, 0, sizeof(*out));
	out->status = PC_MONTH_NOT_ENROLLED;
	/* hours are the participation form's: only its readers see them */
	enum pc_status st = pc_staff_can_form(c, p, pc_formset_find(c->forms, PC_PARTICIPATION_FORM),
					      PC_PARTICIPATION_FORM, false, pr);
	if (st != PC_OK)
		return st;
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr);
	if (st != PC_OK)
		return st;
	if (!given && stored_totals(c, p, period, rows, n, prog, out, &st, pr)) {
		pc_enrolment_rows_free(&rows, n);
		return st;
	}
	struct pc_revision r = {0};
	struct pc_json *answers = NULL;
	if (!given) {
		st = pc_store_revision_current(c->store, p->id, PC_PARTICIPATION_FORM, period, &r,
					       pr);
		if (st == PC_OK && r.revision > 0)
			st = pc_stored_answers(pc_formset_find(c->forms, PC_PARTICIPATION_FORM),
					       PC_PARTICIPATION_FORM, p->file_no, period, r.answers,
					       &answers, pr);
	}
	/* the latest enrolment that covers the month */
	for (size_t i = n; st == PC_OK && i-- > 0;) {
		struct pc_enrolment e;
		if (!pc_enrolment_from_row(&rows[i], &e, p->file_no, pr)) {
			st = PC_UNUSABLE;
			break;
		}
		if (pc_programme_month(&e, period) < 1)
			continue;
		*prog = pc_programme_find(c->programmes, rows[i].programme);
		pc_month_compute(*prog, &e, period, given ? given : answers, out);
		break;
	}
	pc_json_free(&answers);
	pc_revision_clear(&r);
	pc_enrolment_rows_free(&rows, n);
	return st;
}

enum pc_status pc_participant_month(struct pc_ctx *c, const struct pc_participant *p,
				    const char *period, const struct pc_programme **prog,
				    struct pc_month *out, struct pc_problems *pr)
{
	return month_of(c, p, period, NULL, prog, out, pr);
}

enum pc_status pc_participant_month_answers(struct pc_ctx *c, const struct pc_participant *p,
					    const char *period, const struct pc_json *answers,
					    const struct pc_programme **prog, struct pc_month *out,
					    struct pc_problems *pr)
{
	struct pc_json *none = NULL;
	if (!answers && !(answers = none = pc_json_new(PC_JSON_OBJECT)))
		return PC_UNUSABLE;
	enum pc_status st = month_of(c, p, period, answers, prog, out, pr);
	pc_json_free(&none);
	return st;
}

enum pc_status pc_month_close(struct pc_ctx *c, const char *period, struct pc_problems *pr)
{
	char first[11], last[11];
	if (!pc_period_bounds(period, first, last)) {
		pc_problems_add(pr, false, "period",
				_("\"%s\" is not a month: write it as YYYY-MM, e.g. 2026-09"),
				period ? period : "");
		return PC_REFUSED;
	}
	enum pc_status st = pc_staff_can(c, PC_DO_CLOSE_MONTH, NULL, NULL, pr);
	if (st != PC_OK)
		return st;
	/* a month's hours are declared once it is over: closing it earlier
	 * would lock a month that is still being lived */
	char today[11], next[16];
	pc_clock_today(today);
	if (strcmp(today, last) <= 0) {
		int y = atoi(period) % 10000, m = atoi(period + 5) % 100;
		snprintf(next, sizeof(next), "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
		pc_problems_add(pr, false, "period",
				_("%s has not ended yet: a month is closed from its first day after, %s"),
				period, next);
		return PC_REFUSED;
	}
	st = pc_audit_begin(c, pr);
	if (st != PC_OK)
		return st;
	char now[21], detail[32];
	pc_clock_now(now);
	snprintf(detail, sizeof(detail), "close period=%.7s", period);
	st = pc_store_month_close(c->store, period, c->login, now, pr);
	return pc_audit_commit(c, st, NULL, NULL, detail, pr);
}

static double number_of_hours(const struct pc_json *v)
{
	double d = 0;
	if (v && v->kind == PC_JSON_NUMBER)
		return v->number;
	if (v && v->kind == PC_JSON_STRING && pc_parse_decimal(v->string, &d))
		return d;
	return 0;
}

static void row_dates(const struct pc_enrolment *e, const struct pc_json *answers,
		      struct pc_problems *pr)
{
	const struct pc_json *rows = pc_json_object_get(answers, "entries");
	char where[48], today[11], hs[PC_FORMAT_MAX];
	pc_clock_today(today);
	for (size_t i = 0; rows && rows->kind == PC_JSON_ARRAY && i < rows->len; i++) {
		const struct pc_json *day = pc_json_object_get(rows->items[i], "date");
		if (!day || day->kind != PC_JSON_STRING)
			continue;
		double h = number_of_hours(pc_json_object_get(rows->items[i], "hours"));
		snprintf(where, sizeof(where), "entries.%zu.date", i + 1);
		if (strcmp(day->string, today) > 0)
			pc_problems_add(pr, true, where,
					_("%s is after today: hours are recorded once done"),
					day->string);
		else if (e && e->start && strcmp(day->string, e->start) < 0)
			pc_problems_add(pr, true, where,
					_("%s dated %s, before the enrolment's start on %s, are not "
					  "counted"),
					pc_format_hours(hs, sizeof(hs), h), day->string, e->start);
		else if (e && e->end && strcmp(day->string, e->end) > 0)
			pc_problems_add(pr, true, where,
					_("%s dated %s, after the exit on %s, are not counted"),
					pc_format_hours(hs, sizeof(hs), h), day->string, e->end);
	}
}

enum pc_status pc_participation_check(struct pc_ctx *c, const struct pc_participant *p,
				      const char *period, const struct pc_json *answers,
				      struct pc_problems *pr)
{
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	enum pc_status st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr);
	if (st != PC_OK)
		return st;
	struct pc_enrolment e;
	bool found = false;
	const struct pc_programme *prog = NULL;
	/* the latest enrolment that covers the month, as the reports take it */
	for (size_t i = n; i-- > 0;) {
		if (!pc_enrolment_from_row(&rows[i], &e, p->file_no, pr)) {
			st = PC_UNUSABLE;
			goto out;
		}
		if (pc_programme_month(&e, period) >= 1) {
			found = true;
			prog = pc_programme_find(c->programmes, rows[i].programme);
			break;
		}
	}
	struct pc_month m;
	pc_month_compute(prog, found ? &e : NULL, period, answers, &m);
	const struct pc_json *entries = pc_json_object_get(answers, "entries");
	bool any = entries && entries->kind == PC_JSON_ARRAY && entries->len > 0;
	if (!found && any)
		pc_problems_add(pr, true, "period",
				_("%s is not enrolled in %s: these hours are kept but not counted in "
				  "the reports"),
				p->file_no, period);
	row_dates(found ? &e : NULL, answers, pr);
	if (found && prog && prog->hours_per_person) {
		char a[PC_FORMAT_MAX], b[PC_FORMAT_MAX];
		pc_format_hours(a, sizeof(a), m.total);
		if (m.total > prog->hours_max) {
			pc_problems_add(pr, false, "entries",
					_("%s this month is above the %s a month %s allows"), a,
					pc_format_hours(b, sizeof(b), prog->hours_max),
					pc_text_get(&prog->title));
			st = PC_REFUSED;
		} else if (e.hours >= 0 && m.total > e.hours) {
			pc_problems_add(pr, true, "entries",
					_("%s this month is above the contract's %s"), a,
					pc_format_hours(b, sizeof(b), e.hours));
		}
	}
out:
	pc_enrolment_rows_free(&rows, n);
	return st;
}
