/* The rules of a participation month (programme.h): month numbering from
 * the start date, the target with its ramp-up, the status and allowances.
 * Pure arithmetic on values given by the caller; no I/O. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/programme.h"
#include "parcours/value.h"
#include "month_internal.h"

static bool parse_period(const char *s, int *y, int *m)
{
	char extra;
	return s && sscanf(s, "%4d-%2d%c", y, m, &extra) == 2 && strlen(s) == 7 && *m >= 1 &&
	       *m <= 12;
}

/* Digits at s[0..n), or -1. */
static int digits_at(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* pc_parse_date, quicker on the stored form "YYYY-MM-DD" (reports call
 * this for every person and month). */
static bool date_of(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' && (*y = digits_at(s, 4)) >= 1900 &&
	    *y <= 2200 && (*m = digits_at(s + 5, 2)) >= 1 && *m <= 12 &&
	    (*d = digits_at(s + 8, 2)) >= 1 && *d <= pc_days_in_month(*y, *m))
		return true;
	return pc_parse_date(s, y, m, d);
}

int pc_programme_month(const struct pc_enrolment *e, const char *period)
{
	int sy, sm, sd, py, pm;
	if (!e || !e->start || !date_of(e->start, &sy, &sm, &sd))
		return 0;
	if (!period || strlen(period) != 7 || period[4] != '-' || (py = digits_at(period, 4)) < 0 ||
	    (pm = digits_at(period + 5, 2)) < 1 || pm > 12) {
		if (!parse_period(period, &py, &pm))
			return 0;
	}
	if (e->end && *e->end) {
		int ey, em, ed;
		/* a month that begins after the exit is outside; the month of the
		 * exit still counts */
		if (date_of(e->end, &ey, &em, &ed) && (py * 12 + pm) > (ey * 12 + em))
			return 0;
	}
	int k = (py - sy) * 12 + (pm - sm) + 1;
	return k > 0 ? k : 0;
}

const char *pc_month_status_name(enum pc_month_status s)
{
	switch (s) {
	case PC_MONTH_NOT_REQUIRED:
		return "not_required";
	case PC_MONTH_BELOW:
		return "below";
	case PC_MONTH_MET:
		return "met";
	default:
		return "not_enrolled";
	}
}

const char *pc_month_status_label(enum pc_month_status s)
{
	switch (s) {
	case PC_MONTH_NOT_REQUIRED:
		return _("not required");
	case PC_MONTH_BELOW:
		return _("below target");
	case PC_MONTH_MET:
		return _("target met");
	default:
		return _("not enrolled");
	}
}

double pc_programme_target(const struct pc_programme *p, const struct pc_enrolment *e, int month)
{
	if (!p || month < 1)
		return 0;
	double full = p->hours_per_person && e && e->hours >= 0 ? e->hours : p->target_hours;
	if (month >= p->full_from_month)
		return full; /* at the latest: a ramp cannot delay it */
	if (e && (size_t)month <= e->nramp)
		return e->ramp[month - 1];
	if (e && e->nramp)
		return full; /* after the ramp's last value */
	return 0;
}

static double number_of(const struct pc_json *v)
{
	if (!v)
		return 0;
	if (v->kind == PC_JSON_NUMBER)
		return v->number;
	if (v->kind == PC_JSON_STRING) {
		double d;
		if (pc_parse_decimal(v->string, &d))
			return d;
	}
	return 0;
}

/* strcmp() of a text of `len` bytes (no NUL inside) with a string. */
static int slice_cmp(const char *s, size_t len, const char *z)
{
	size_t zl = strlen(z);
	int c = memcmp(s, z, len < zl ? len : zl);
	return c ? c : (len > zl) - (len < zl);
}

bool month_begin(struct month_acc *a, const struct pc_programme *p, const struct pc_enrolment *e,
		 const char *period, struct pc_month *out)
{
	memset(out, 0, sizeof(*out));
	memset(a, 0, sizeof(*a));
	a->p = p;
	a->e = e;
	out->month = pc_programme_month(e, period);
	if (!p || out->month < 1) {
		out->status = PC_MONTH_NOT_ENROLLED;
		return false;
	}
	return true;
}

void month_entry(struct month_acc *a, const char *day, size_t daylen, const char *act,
		 size_t actlen, double hours)
{
	const struct pc_enrolment *e = a->e;
	/* hours are summed in whole minutes so 3:20 + 3:40 is exactly 7 */
	long m = lround(hours * 60.0);
	if (day && e &&
	    ((e->start && slice_cmp(day, daylen, e->start) < 0) ||
	     (e->end && slice_cmp(day, daylen, e->end) > 0))) {
		a->outside += m; /* outside the enrolment: kept, never counted */
		return;
	}
	month_add(a, act, actlen, m);
}

void month_add(struct month_acc *a, const char *act, size_t actlen, long m)
{
	const struct pc_programme *p = a->p;
	bool counted = false;
	for (size_t c = 0; act && c < p->ncategories && c < 8; c++)
		if (!slice_cmp(act, actlen, p->categories[c])) {
			a->minutes[c] += m;
			counted = true;
		}
	if (counted)
		a->total += m;
	else
		a->other += m;
}

void month_end(struct month_acc *a, double extra_costs, struct pc_month *out)
{
	const struct pc_programme *p = a->p;
	for (size_t c = 0; c < 8; c++)
		out->hours[c] = (double)a->minutes[c] / 60.0;
	out->other_hours = (double)a->other / 60.0;
	out->outside_hours = (double)a->outside / 60.0;
	out->total = (double)a->total / 60.0;
	out->target = pc_programme_target(p, a->e, out->month);
	if (out->target <= 0)
		out->status = PC_MONTH_NOT_REQUIRED;
	else
		out->status = a->total >= lround(out->target * 60.0) ? PC_MONTH_MET : PC_MONTH_BELOW;
	out->allowance_organisation = p->allowance_organisation;
	if (a->total > 0)
		out->allowance_participant = p->allowance_participant;
	out->extra_costs = extra_costs;
}

void pc_month_compute(const struct pc_programme *p, const struct pc_enrolment *e,
		      const char *period, const struct pc_json *answers, struct pc_month *out)
{
	struct month_acc a;
	if (!month_begin(&a, p, e, period, out))
		return;
	const struct pc_json *entries = answers ? pc_json_object_get(answers, "entries") : NULL;
	for (size_t i = 0; entries && entries->kind == PC_JSON_ARRAY && i < entries->len; i++) {
		const struct pc_json *row = entries->items[i];
		const struct pc_json *act = pc_json_object_get(row, "activity");
		const struct pc_json *day = pc_json_object_get(row, "date");
		bool is_day = day && day->kind == PC_JSON_STRING;
		bool is_act = act && act->kind == PC_JSON_STRING;
		month_entry(&a, is_day ? day->string : NULL, is_day ? strlen(day->string) : 0,
			    is_act ? act->string : NULL, is_act ? strlen(act->string) : 0,
			    number_of(pc_json_object_get(row, "hours")));
	}
	double extra = 0;
	for (size_t i = 0; answers && i < p->nextra; i++)
		extra += number_of(pc_json_object_get(answers, p->extra_costs[i]));
	month_end(&a, extra, out);
}

bool pc_ramp_parse(const char *text, double *ramp, size_t *n, const char *where,
		   struct pc_problems *pr)
{
	*n = 0;
	const char *s = text;
	while (s && *s) {
		size_t len = strcspn(s, ";/ ");
		const char *comma = strchr(s, ',');
		/* values are separated by commas; "3,5" would be ambiguous so a
		 * ramp takes whole or dotted hours only */
		len = comma ? (size_t)(comma - s) : strlen(s);
		char item[32];
		if (len == 0 || len >= sizeof(item)) {
			pc_problems_add(pr, false, where, "%s", _("expected hours separated by commas, e.g. 20,40,60,80"));
			return false;
		}
		memcpy(item, s, len);
		item[len] = '\0';
		long minutes;
		if (!pc_parse_hours(item, &minutes) || minutes > 744 * 60) {
			pc_problems_add(pr, false, where, _("\"%s\" is not a number of hours"), item);
			return false;
		}
		if (*n == PC_RAMP_MAX) {
			pc_problems_add(pr, false, where, _("a ramp-up has at most %d months"), PC_RAMP_MAX);
			return false;
		}
		ramp[(*n)++] = (double)minutes / 60.0;
		s += len;
		if (*s == ',')
			s++;
	}
	return true;
}
