/* Answers as a person types them: parsing text into normalized JSON values
 * and formatting values back for display. One parser for the screen, --set
 * and --json, so "3,5", "3:30" and 3.5 mean the same everywhere.
 * Normal forms: text/textarea -> string; integer -> integral number;
 * decimal -> number; hours -> number of hours (3:30 -> 3.5, minute precision);
 * date -> "YYYY-MM-DD"; boolean -> true/false; choice -> the choice value;
 * choices -> array of values in list order; repeat -> array of row objects. */
#ifndef PARCOURS_VALUE_H
#define PARCOURS_VALUE_H
#include <stdbool.h>
#include "parcours/err.h"
#include "parcours/form.h"

struct pc_json;

/* Low-level parsers, also used by fuzzers; each returns false on bad input. */
bool pc_parse_date(const char *s, int *y, int *m, int *d); /* YYYY-MM-DD, real calendar date */
bool pc_parse_integer(const char *s, long long *out);     /* "-12", "1 000" */
bool pc_parse_decimal(const char *s, double *out);        /* "3.5", "3,5", "12,50 $", "-1" */
bool pc_parse_hours(const char *s, long *minutes);        /* "3", "3.5", "3,5", "3:30", "3h30", "3 h" */
bool pc_parse_bool(const char *s, bool *out);             /* oui/non/yes/no/o/n/y/true/false/1/0/vrai/faux */
/* Days in month m of year y (leap years honoured). */
int pc_days_in_month(int y, int m);

/* Parses typed text for field `f`. Empty or blank text gives *out = NULL (no
 * answer) and PC_OK. On bad input adds one problem at `where` (the field
 * path) with a message that says what is expected, and returns PC_REFUSED.
 * Checks the type only (and that a choice exists and is not retired); bounds,
 * patterns and constraints are validate.h's job. */
enum pc_status pc_value_parse(const struct pc_field *f, const char *text, const char *where,
			      struct pc_json **out, struct pc_problems *pr);

/* Same for a value from --json: a string goes through pc_value_parse; a
 * number, boolean or array is checked against the type; a repeat is an array
 * of objects (each column parsed recursively, where = "entries.1.hours").
 * null gives *out = NULL. */
enum pc_status pc_value_from_json(const struct pc_field *f, const struct pc_json *in,
				  const char *where, struct pc_json **out, struct pc_problems *pr);

/* Text to show for a stored value in the current language: a choice's label
 * (retired ones too; an unknown value is shown as is), "oui"/"non", decimals
 * with the language's separator, hours as "3 h 30", multi-choice labels
 * joined by ", ". Repeats give "N rows". Returns malloc'ed text ("" for NULL). */
char *pc_value_display(const struct pc_field *f, const struct pc_json *v);
/* Text that pc_value_parse turns back into the same value (for editing and
 * CSV): choices as "a,b", decimals with '.', hours as "3:30". Malloc'ed. */
char *pc_value_edit_text(const struct pc_field *f, const struct pc_json *v);

#endif
