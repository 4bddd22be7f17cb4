/* Hours, money, dates and times for people to read (format.h), in the
 * language the interface speaks. Month names are the module's own, not
 * the C library's: no locale needs to be installed. It never parses what a
 * person typed (value_parse.c does) and never writes CSV or JSON. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "parcours/format.h"
#include "parcours/i18n.h"

#define NNBSP "\xE2\x80\xAF" /* U+202F, between thousands in French */

static bool french(void)
{
	return pc_i18n_lang() == PC_LANG_FR;
}

/* out, cut to n bytes on a whole UTF-8 character. */
static const char *put(char *out, size_t n, const char *s)
{
	if (!n)
		return out;
	size_t len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

/* v with its thousands grouped: "1 250" (U+202F) or "1,250". */
static void grouped(char *out, size_t n, unsigned long long v)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%llu", v);
	const char *sep = french() ? NNBSP : ",";
	size_t o = 0, seplen = strlen(sep);
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0) {
			if (o + seplen >= n)
				break;
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		if (o + 1 >= n)
			break;
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

const char *pc_format_hours(char *out, size_t n, double hours)
{
	char whole[48], s[PC_FORMAT_MAX];
	double m = isfinite(hours) ? round(fabs(hours) * 60) : 0;
	if (m > 1e15)
		m = 1e15;
	unsigned long long mins = (unsigned long long)m;
	const char *sign = hours < 0 && mins ? "-" : "";
	grouped(whole, sizeof(whole), mins / 60);
	if (mins % 60 == 0)
		snprintf(s, sizeof(s), "%s%s h", sign, whole);
	else if (french())
		snprintf(s, sizeof(s), "%s%s h %02llu", sign, whole, mins % 60);
	else
		snprintf(s, sizeof(s), "%s%s:%02llu h", sign, whole, mins % 60);
	return put(out, n, s);
}

const char *pc_format_money(char *out, size_t n, double amount)
{
	char whole[48], s[PC_FORMAT_MAX];
	double c = isfinite(amount) ? round(fabs(amount) * 100) : 0;
	if (c > 1e17)
		c = 1e17;
	unsigned long long cents = (unsigned long long)c;
	const char *sign = amount < 0 && cents ? "-" : "";
	grouped(whole, sizeof(whole), cents / 100);
	if (french())
		snprintf(s, sizeof(s), "%s%s,%02llu $", sign, whole, cents % 100);
	else
		snprintf(s, sizeof(s), "%s$%s.%02llu", sign, whole, cents % 100);
	return put(out, n, s);
}

const char *pc_format_month_name(int month)
{
	static const char *const fr[] = {"janvier", "février", "mars", "avril",
	                                 "mai", "juin", "juillet", "août",
	                                 "septembre", "octobre", "novembre", "décembre"};
	static const char *const en[] = {"January", "February", "March", "April",
	                                 "May", "June", "July", "August",
	                                 "September", "October", "November", "December"};
	if (month < 1 || month > 12)
		return "";
	return french() ? fr[month - 1] : en[month - 1];
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* "YYYY-MM" or "YYYY-MM-DD" exactly (want_day), with a real month and day. */
static bool read_date(const char *s, bool want_day, int *y, int *m, int *d)
{
	size_t len = want_day ? 10 : 7;
	if (!s || strlen(s) != len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = want_day ? (s[8] - '0') * 10 + (s[9] - '0') : 1;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in(*y, *m);
}

static void long_date(char *s, size_t n, int y, int m, int d)
{
	if (french())
		snprintf(s, n, "%d%s %s %d", d, d == 1 ? "er" : "", pc_format_month_name(m), y);
	else
		snprintf(s, n, "%s %d, %d", pc_format_month_name(m), d, y);
}

const char *pc_format_date(char *out, size_t n, const char *iso, enum pc_format_len len)
{
	int y, m, d;
	char s[PC_FORMAT_MAX];
	if (len == PC_FORMAT_SHORT || !read_date(iso, true, &y, &m, &d))
		return put(out, n, iso ? iso : "");
	long_date(s, sizeof(s), y, m, d);
	return put(out, n, s);
}

const char *pc_format_month(char *out, size_t n, const char *period)
{
	int y, m, d;
	char s[PC_FORMAT_MAX];
	if (!read_date(period, false, &y, &m, &d))
		return put(out, n, period ? period : "");
	snprintf(s, sizeof(s), "%s %d", pc_format_month_name(m), y);
	return put(out, n, s);
}

const char *pc_format_time(char *out, size_t n, const char *stamp, enum pc_format_len len)
{
	struct tm utc = {0}, local;
	char s[PC_FORMAT_MAX + 32], date[PC_FORMAT_MAX];
	int consumed = 0;
	if (!stamp ||
	    sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &utc.tm_year, &utc.tm_mon, &utc.tm_mday,
	           &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &consumed) != 6 ||
	    consumed != (int)strlen(stamp) || utc.tm_mon < 1 || utc.tm_mon > 12)
		return put(out, n, stamp ? stamp : "");
	utc.tm_year -= 1900;
	utc.tm_mon -= 1;
	time_t t = timegm(&utc);
	if (t == (time_t)-1 || !localtime_r(&t, &local))
		return put(out, n, stamp);
	int y = local.tm_year + 1900, m = local.tm_mon + 1;
	if (len == PC_FORMAT_SHORT) {
		snprintf(s, sizeof(s), "%04d-%02d-%02d %02d:%02d", y, m, local.tm_mday, local.tm_hour,
		         local.tm_min);
	} else {
		long_date(date, sizeof(date), y, m, local.tm_mday);
		if (french())
			snprintf(s, sizeof(s), "%s à %d h %02d", date, local.tm_hour, local.tm_min);
		else
			snprintf(s, sizeof(s), "%s at %d:%02d", date, local.tm_hour, local.tm_min);
	}
	return put(out, n, s);
}

size_t pc_format_width(const char *s)
{
	size_t w = 0;
	for (; s && *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}
