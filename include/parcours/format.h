/* Hours, money, dates and times as a person reads them, in the current
 * language (i18n.h): French "79 h 30", "1 250,00 $", "30 novembre 2026";
 * English "79:30 h", "$1,250.00", "November 30, 2026". Every face formats
 * through here. Not for CSV or JSON, which keep machine formats (a decimal
 * point, ISO dates), nor for the text a field is edited from (value.h). */
#ifndef PARCOURS_FORMAT_H
#define PARCOURS_FORMAT_H
#include <stddef.h>

/* Room enough for any result of this module. */
enum { PC_FORMAT_MAX = 96 };

/* The long form of a date has room ("30 novembre 2026"); the short one is
 * for tight columns and stays ISO ("2026-11-30"). */
enum pc_format_len { PC_FORMAT_SHORT, PC_FORMAT_LONG };

/* Each function writes into out (n bytes, always NUL-terminated, cut when
 * too small: pass PC_FORMAT_MAX) and returns out, so a call can sit inside a
 * printf. The thousands separator in French is U+202F NARROW NO-BREAK SPACE
 * (3 bytes, 1 column); pc_format_width counts columns. */

/* Hours to the nearest minute: "0 h", "79 h 30", "1 250 h" in French;
 * "0 h", "79:30 h", "1,250 h" in English; a leading '-' when negative. */
const char *pc_format_hours(char *out, size_t n, double hours);
/* Money to the cent: "1 250,00 $" in French, "$1,250.00" in English;
 * "-1 250,00 $", "-$1,250.00" when negative. */
const char *pc_format_money(char *out, size_t n, double amount);
/* A date given as "YYYY-MM-DD": the long form "30 novembre 2026",
 * "1er mars 2026" / "November 30, 2026", or the ISO date itself for
 * PC_FORMAT_SHORT. Anything that is not a valid date is copied as given. */
const char *pc_format_date(char *out, size_t n, const char *iso, enum pc_format_len len);
/* A month given as "YYYY-MM": "novembre 2026" / "November 2026"; copied as
 * given when it is not one. */
const char *pc_format_month(char *out, size_t n, const char *period);
/* A UTC time stamp "YYYY-MM-DDTHH:MM:SSZ" in local time (TZ respected):
 * "30 novembre 2026 à 12 h 03" / "November 30, 2026 at 12:03"; the short
 * form "2026-11-30 12:03". Copied as given when it cannot be read. */
const char *pc_format_time(char *out, size_t n, const char *stamp, enum pc_format_len len);
/* The month's name, 1 to 12, in the current language ("" outside). */
const char *pc_format_month_name(int month);
/* Columns taken by UTF-8 text made of this module's output (every code
 * point here is one column wide). */
size_t pc_format_width(const char *s);

#endif
