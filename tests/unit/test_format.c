/* Unit tests of the formatting module (format.h): hours, money, dates,
 * months and times in French and English, the thousands separator, a leap
 * day, local time under a pinned TZ, and what is not a date. */
#include <stdlib.h>
#include <time.h>
#include "parcours/format.h"
#include "parcours/i18n.h"
#include "test.h"

#define NNBSP "\xE2\x80\xAF" /* U+202F NARROW NO-BREAK SPACE */

static char buf[PC_FORMAT_MAX];

static void test_hours(void)
{
	pc_i18n_set_lang(PC_LANG_FR);
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 0), "0 h");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 0.5), "0 h 30");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 79.5), "79 h 30");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 80), "80 h");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 7.25), "7 h 15");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 1250.25), "1" NNBSP "250 h 15");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), -1.5), "-1 h 30");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 2.0 / 60 + 1e-9), "0 h 02");
	pc_i18n_set_lang(PC_LANG_EN);
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 0), "0 h");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 0.5), "0:30 h");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 79.5), "79:30 h");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 80), "80 h");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), 1250.25), "1,250:15 h");
	CHECK_STR(pc_format_hours(buf, sizeof(buf), -1.5), "-1:30 h");
	/* too small a buffer is cut, never overrun */
	char tiny[4];
	CHECK_STR(pc_format_hours(tiny, sizeof(tiny), 79.5), "79:");
}

static void test_money(void)
{
	pc_i18n_set_lang(PC_LANG_FR);
	CHECK_STR(pc_format_money(buf, sizeof(buf), 0), "0,00 $");
	CHECK_STR(pc_format_money(buf, sizeof(buf), 130), "130,00 $");
	CHECK_STR(pc_format_money(buf, sizeof(buf), 1250), "1" NNBSP "250,00 $");
	CHECK_STR(pc_format_money(buf, sizeof(buf), 1234567.891), "1" NNBSP "234" NNBSP "567,89 $");
	CHECK_STR(pc_format_money(buf, sizeof(buf), -1250.5), "-1" NNBSP "250,50 $");
	CHECK_STR(pc_format_money(buf, sizeof(buf), 999.999), "1" NNBSP "000,00 $");
	CHECK(pc_format_width(buf) == 10);
	pc_i18n_set_lang(PC_LANG_EN);
	CHECK_STR(pc_format_money(buf, sizeof(buf), 0), "$0.00");
	CHECK_STR(pc_format_money(buf, sizeof(buf), 130), "$130.00");
	CHECK_STR(pc_format_money(buf, sizeof(buf), 1250), "$1,250.00");
	CHECK_STR(pc_format_money(buf, sizeof(buf), 1234567.891), "$1,234,567.89");
	CHECK_STR(pc_format_money(buf, sizeof(buf), -1250.5), "-$1,250.50");
}

static void test_dates(void)
{
	pc_i18n_set_lang(PC_LANG_FR);
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2026-11-30", PC_FORMAT_LONG), "30 novembre 2026");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2026-03-01", PC_FORMAT_LONG), "1er mars 2026");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2028-02-29", PC_FORMAT_LONG), "29 février 2028");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2026-08-15", PC_FORMAT_LONG), "15 août 2026");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2026-11-30", PC_FORMAT_SHORT), "2026-11-30");
	/* not a date: 2027 is no leap year, month 13, text */
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2027-02-29", PC_FORMAT_LONG), "2027-02-29");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2026-13-01", PC_FORMAT_LONG), "2026-13-01");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "hier", PC_FORMAT_LONG), "hier");
	CHECK_STR(pc_format_date(buf, sizeof(buf), NULL, PC_FORMAT_LONG), "");
	CHECK_STR(pc_format_month(buf, sizeof(buf), "2026-11"), "novembre 2026");
	CHECK_STR(pc_format_month(buf, sizeof(buf), "2026-13"), "2026-13");
	static const char *const fr[] = {"janvier", "février", "mars", "avril", "mai", "juin",
	                                 "juillet", "août", "septembre", "octobre", "novembre",
	                                 "décembre"};
	for (int m = 1; m <= 12; m++)
		CHECK_STR(pc_format_month_name(m), fr[m - 1]);
	CHECK_STR(pc_format_month_name(0), "");
	CHECK_STR(pc_format_month_name(13), "");
	pc_i18n_set_lang(PC_LANG_EN);
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2026-11-30", PC_FORMAT_LONG), "November 30, 2026");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2026-03-01", PC_FORMAT_LONG), "March 1, 2026");
	CHECK_STR(pc_format_date(buf, sizeof(buf), "2028-02-29", PC_FORMAT_LONG), "February 29, 2028");
	CHECK_STR(pc_format_month(buf, sizeof(buf), "2026-11"), "November 2026");
	CHECK_STR(pc_format_month_name(5), "May");
}

static void test_times(void)
{
	setenv("TZ", "America/Montreal", 1);
	tzset();
	pc_i18n_set_lang(PC_LANG_FR);
	CHECK_STR(pc_format_time(buf, sizeof(buf), "2026-11-30T17:03:48Z", PC_FORMAT_LONG),
	          "30 novembre 2026 à 12 h 03");
	CHECK_STR(pc_format_time(buf, sizeof(buf), "2026-11-30T17:03:48Z", PC_FORMAT_SHORT),
	          "2026-11-30 12:03");
	/* daylight time in July; the day before in local time after midnight UTC */
	CHECK_STR(pc_format_time(buf, sizeof(buf), "2026-07-01T02:30:00Z", PC_FORMAT_LONG),
	          "30 juin 2026 à 22 h 30");
	CHECK_STR(pc_format_time(buf, sizeof(buf), "garbage", PC_FORMAT_LONG), "garbage");
	pc_i18n_set_lang(PC_LANG_EN);
	CHECK_STR(pc_format_time(buf, sizeof(buf), "2026-11-30T17:03:48Z", PC_FORMAT_LONG),
	          "November 30, 2026 at 12:03");
	setenv("TZ", "UTC", 1);
	tzset();
	CHECK_STR(pc_format_time(buf, sizeof(buf), "2026-11-30T17:03:48Z", PC_FORMAT_SHORT),
	          "2026-11-30 17:03");
}

int main(void)
{
	test_hours();
	test_money();
	test_dates();
	test_times();
	TEST_DONE();
}
