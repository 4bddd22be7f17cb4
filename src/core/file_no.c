/* File numbers (file_no.h): reading and writing "2026-0041" and
 * "RN-2026-0041". The site code stays a prefix, so that ordering by the
 * trailing number and searching by its parts work for both forms. Pure
 * text: no counters, no database. */
#include <stdio.h>
#include <string.h>
#include "parcours/file_no.h"

static const char SITE_CHARS[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char DIGITS[] = "0123456789";

bool pc_site_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 1 && n <= PC_SITE_MAX && strspn(s, SITE_CHARS) == n;
}

static long long digits_value(const char *s, size_t n)
{
	long long v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool pc_file_no_parse(const char *s, struct pc_file_no *out)
{
	*out = (struct pc_file_no){0};
	if (!s)
		return false;
	const char *dash = strrchr(s, '-');
	/* the number after the last '-', the year's four digits before it */
	if (!dash || dash - s < 4)
		return false;
	size_t nlen = strlen(dash + 1);
	if (nlen < 1 || nlen > 15 || strspn(dash + 1, DIGITS) != nlen)
		return false;
	const char *year = dash - 4;
	if (strspn(year, DIGITS) != 4)
		return false;
	size_t site_len = 0;
	if (year > s) {
		/* "SITE-" before the year */
		if (year[-1] != '-')
			return false;
		site_len = (size_t)(year - 1 - s);
		if (site_len < 1 || site_len > PC_SITE_MAX || strspn(s, SITE_CHARS) < site_len)
			return false;
	}
	out->site_len = site_len;
	out->year = digits_value(year, 4);
	out->num = digits_value(dash + 1, nlen);
	return true;
}

bool pc_file_no_format(char *out, size_t size, const char *site, long long year, long long num)
{
	int n = site && *site ? snprintf(out, size, "%s-%04lld-%04lld", site, year, num)
	                      : snprintf(out, size, "%04lld-%04lld", year, num);
	return n > 0 && (size_t)n < size;
}
