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

static bool parse_period(const char *s, int *y, int *m)
{
	char extra;
	return s && sscanf(s, "%4d-%2d%c", y, m, &extra) == 2 && strlen(s) == 7 && *m >= 1 &&
	       *m <= 12;
}

int pc_programme_month(const struct pc_enrolment *e, const char *period)
{
	int sy, sm, sd, py, pm;
	if (!e || !e->start || !pc_parse_date(e->start, &sy, &sm, &sd) ||
	    !parse_period(period, &py, &pm))
		return 0;
	if (e->end && *e->end) {
		int ey, em, ed;
		/* a month that begins after the exit is outside; the month of the
		 * exit still counts */
		if (pc_parse_date(e->end, &ey, &em, &ed) && (py * 12 + pm) > (ey * 12 + em))
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

void pc_month_compute(const struct pc_programme *p, const struct pc_enrolment *e,
		      const char *period, const struct pc_json *answers, struct pc_month *out)
{
	memset(out, 0, sizeof(*out));
	out->month = pc_programme_month(e, period);
	if (!p || out->month < 1) {
		out->status = PC_MONTH_NOT_ENROLLED;
		return;
	}
	const struct pc_json *entries = answers ? pc_json_object_get(answers, "entries") : NULL;
	long minutes_total = 0;
	long minutes[8] = {0}, other = 0, outside = 0;
	for (size_t i = 0; entries && entries->kind == PC_JSON_ARRAY && i < entries->len; i++) {
		const struct pc_json *row = entries->items[i];
		const struct pc_json *act = pc_json_object_get(row, "activity");
		const struct pc_json *day = pc_json_object_get(row, "date");
		/* hours are summed in whole minutes so 3:20 + 3:40 is exactly 7 */
		long m = lround(number_of(pc_json_object_get(row, "hours")) * 60.0);
		if (day && day->kind == PC_JSON_STRING && e &&
		    ((e->start && strcmp(day->string, e->start) < 0) ||
		     (e->end && strcmp(day->string, e->end) > 0))) {
			outside += m; /* outside the enrolment: kept, never counted */
			continue;
		}
		bool counted = false;
		for (size_t c = 0; c < p->ncategories && c < 8; c++)
			if (act && act->kind == PC_JSON_STRING && !strcmp(act->string, p->categories[c])) {
				minutes[c] += m;
				counted = true;
			}
		if (counted)
			minutes_total += m;
		else
			other += m;
	}
	for (size_t c = 0; c < 8; c++)
		out->hours[c] = (double)minutes[c] / 60.0;
	out->other_hours = (double)other / 60.0;
	out->outside_hours = (double)outside / 60.0;
	out->total = (double)minutes_total / 60.0;
	out->target = pc_programme_target(p, e, out->month);
	if (out->target <= 0)
		out->status = PC_MONTH_NOT_REQUIRED;
	else
		out->status = minutes_total >= lround(out->target * 60.0) ? PC_MONTH_MET : PC_MONTH_BELOW;
	out->allowance_organisation = p->allowance_organisation;
	if (minutes_total > 0)
		out->allowance_participant = p->allowance_participant;
	for (size_t i = 0; answers && i < p->nextra; i++)
		out->extra_costs += number_of(pc_json_object_get(answers, p->extra_costs[i]));
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
