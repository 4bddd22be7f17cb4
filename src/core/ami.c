/* The week arithmetic of AMI workshops (ami.h): half-days attended per ISO
 * week (Monday to Sunday) against the programme's 2 to 4, and which weeks a
 * month reports. Pure: dates in, figures out; no database, no screen.
 * Why half-days from sessions and not hours from the participation form:
 * the seed counts "demi-journées", and a workshop is collective, so one
 * session names everyone present (see parcours-forms(5), AMI WORKSHOPS). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/ami.h"
#include "parcours/i18n.h"
#include "parcours/value.h"

const char *pc_ami_status_name(enum pc_ami_status s)
{
	switch (s) {
	case PC_AMI_PARTIAL: return "partial";
	case PC_AMI_IN_PROGRESS: return "in_progress";
	case PC_AMI_BELOW: return "below";
	case PC_AMI_MET: return "met";
	case PC_AMI_ABOVE: return "above";
	case PC_AMI_NO_WEEK: return "not_judged";
	}
	return "?";
}

const char *pc_ami_status_label(enum pc_ami_status s)
{
	switch (s) {
	case PC_AMI_PARTIAL: return _("partial week, not judged");
	case PC_AMI_IN_PROGRESS: return _("week in progress");
	case PC_AMI_BELOW: return _("below target");
	case PC_AMI_MET: return _("within range");
	case PC_AMI_ABOVE: return _("above range (warning)");
	case PC_AMI_NO_WEEK: return _("no week to judge");
	}
	return "?";
}

int pc_ami_half_parse(const char *s)
{
	if (s && !strcmp(s, "am"))
		return 0;
	if (s && !strcmp(s, "pm"))
		return 1;
	return -1;
}

const char *pc_ami_half_name(int half)
{
	return half ? "pm" : "am";
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's). */
static long day_number(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool parse_day(const char *s, long *out)
{
	int y, m, d;
	if (!s || !pc_parse_date(s, &y, &m, &d))
		return false;
	*out = day_number(y, m, d);
	return true;
}

static void format_day(long z, char out[11])
{
	int y, m, d;
	civil(z, &y, &m, &d);
	/* dates come from pc_parse_date: years 0001-9999, so 10 characters */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
}

/* 0 for Monday ... 6 for Sunday (1970-01-01 was a Thursday). */
static int weekday(long z)
{
	long w = (z + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

/* The ISO year and week of the week whose Thursday is `thu`. */
static void iso_week(long thu, int *year, int *week)
{
	int y, m, d;
	civil(thu, &y, &m, &d);
	*year = y;
	*week = (int)((thu - day_number(y, 1, 1)) / 7 + 1);
}

bool pc_ami_week_bounds(const char *date, char monday[11], char sunday[11])
{
	long z;
	if (!parse_day(date, &z))
		return false;
	format_day(z - weekday(z), monday);
	format_day(z - weekday(z) + 6, sunday);
	return true;
}

static int by_day(const void *pa, const void *pb)
{
	const long *a = pa, *b = pb;
	return *a < *b ? -1 : *a > *b;
}

bool pc_ami_month_compute(int min, int max, const char *start, const char *end,
			  const char *today, const char *period,
			  const struct pc_ami_halfday *days, size_t ndays,
			  struct pc_ami_month *out)
{
	memset(out, 0, sizeof(*out));
	out->status = PC_AMI_NO_WEEK;
	char first_s[11];
	long first, s, e = 0, now;
	int y, mo, dd;
	if (!period || strlen(period) != 7)
		return false;
	snprintf(first_s, sizeof(first_s), "%.7s-01", period);
	if (!pc_parse_date(first_s, &y, &mo, &dd) || !parse_day(start, &s) ||
	    !parse_day(today, &now) || (end && !parse_day(end, &e)))
		return false;
	first = day_number(y, mo, 1);
	long last = first + pc_days_in_month(y, mo) - 1;
	if (!end)
		e = last > now ? last + 7 : now + 7; /* open: beyond anything judged here */
	/* each half-day as a number (2 per day), kept within the enrolment,
	 * sorted so that the same half-day recorded twice counts once */
	long *hd = ndays ? malloc(ndays * sizeof(*hd)) : NULL;
	size_t n = 0;
	if (ndays && !hd)
		return false;
	for (size_t i = 0; i < ndays; i++) {
		long z;
		if (parse_day(days[i].date, &z) && z >= s && z <= e)
			hd[n++] = z * 2 + (days[i].half ? 1 : 0);
	}
	if (n)
		qsort(hd, n, sizeof(*hd), by_day);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!u || hd[u - 1] != hd[i])
			hd[u++] = hd[i];
	for (size_t i = 0; i < u; i++)
		if (hd[i] / 2 >= first && hd[i] / 2 <= last)
			out->half_days++;
	/* the weeks whose Thursday is in the month */
	long thu = first + ((3 - weekday(first)) + 7) % 7;
	bool judged = false;
	for (; thu <= last && out->nweeks < PC_AMI_WEEKS_MAX; thu += 7) {
		long mon = thu - 3, sun = thu + 3;
		if (sun < s || mon > e)
			continue; /* no day of it inside the enrolment */
		struct pc_ami_week *w = &out->weeks[out->nweeks++];
		format_day(mon, w->monday);
		format_day(sun, w->sunday);
		iso_week(thu, &w->iso_year, &w->iso_week);
		for (size_t i = 0; i < u; i++)
			if (hd[i] / 2 >= mon && hd[i] / 2 <= sun)
				w->half_days++;
		if (max > 0 && w->half_days > max)
			w->status = PC_AMI_ABOVE;
		else if (mon < s || sun > e)
			w->status = PC_AMI_PARTIAL;
		else if (sun > now)
			w->status = PC_AMI_IN_PROGRESS;
		else
			w->status = w->half_days < min ? PC_AMI_BELOW : PC_AMI_MET;
		if (w->status == PC_AMI_BELOW)
			out->weeks_below++;
		if (w->status == PC_AMI_ABOVE)
			out->weeks_above++;
		judged |= w->status == PC_AMI_BELOW || w->status == PC_AMI_MET ||
			  w->status == PC_AMI_ABOVE;
	}
	free(hd);
	if (out->weeks_below)
		out->status = PC_AMI_BELOW;
	else if (out->weeks_above)
		out->status = PC_AMI_ABOVE;
	else if (judged)
		out->status = PC_AMI_MET;
	return true;
}
