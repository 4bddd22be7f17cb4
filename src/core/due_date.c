/* The date arithmetic of what is due: days between dates, adding days and
 * years (a Feb 29 anniversary falls on Feb 28), and the yearly evaluation
 * rule. Pure functions on "YYYY-MM-DD" text; no store, no clock. */
#include <stdio.h>
#include <string.h>
#include "parcours/due.h"
#include "parcours/value.h"

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar, no time zone involved. */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool pc_date_days(const char *date, long *days)
{
	int y, m, d;
	if (!date || strlen(date) != 10 || !pc_parse_date(date, &y, &m, &d))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

void pc_date_from_days(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
	         (unsigned)d % 100u);
}

bool pc_date_add_days(const char *date, long n, char out[11])
{
	long days;
	if (!pc_date_days(date, &days))
		return false;
	pc_date_from_days(days + n, out);
	return true;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool pc_date_add_years(const char *date, int years, char out[11])
{
	int y, m, d;
	if (!date || strlen(date) != 10 || !pc_parse_date(date, &y, &m, &d))
		return false;
	y += years;
	if (y < 1 || y > 9999)
		return false;
	if (m == 2 && d == 29 && !leap(y))
		d = 28;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return true;
}

bool pc_due_evaluation_date(const char *start, const char *end, const char *last, const char *next,
                            char out[11])
{
	long s, l = 0, nx;
	if (end || !pc_date_days(start, &s))
		return false;
	bool has_last = pc_date_days(last, &l);
	/* Anniversaries are counted from the start each time (never from the
	 * previous one), so a Feb 29 start comes back to Feb 29 in leap years.
	 * An evaluation made once an anniversary shows as due (30 days ahead)
	 * is that anniversary's. */
	char anniv[11];
	for (int k = 1;; k++) {
		long a;
		if (!pc_date_add_years(start, k, anniv) || !pc_date_days(anniv, &a))
			return false;
		if (!has_last || a - PC_DUE_EVALUATION_AHEAD > l)
			break;
	}
	memcpy(out, anniv, 11);
	if (has_last && pc_date_days(next, &nx) && strcmp(next, anniv) < 0)
		memcpy(out, next, 11);
	return true;
}
