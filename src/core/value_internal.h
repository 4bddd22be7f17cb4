/* Shared by the value module's files (value_parse.c, value.c,
 * value_format.c); not a public API. */
#ifndef PARCOURS_VALUE_INTERNAL_H
#define PARCOURS_VALUE_INTERNAL_H
#include <stdbool.h>
#include "parcours/json.h"

enum { MAX_MINUTES = 10000 * 60, QUOTE_MAX = 60 };
/* Why a low-level parse failed, so the message can say it. */
enum result { R_OK, R_BAD, R_RANGE, R_NEGATIVE, R_MINUTES, R_YEAR, R_CALENDAR };

enum result value_date_parse(const char *s, int *y, int *m, int *d);
enum result value_integer_parse(const char *s, long long *out);
enum result value_decimal_parse(const char *s, double *out);
enum result value_hours_parse(const char *s, long *minutes);

/* A JSON number as a double, exact for integers. */
static inline double value_number_of(const struct pc_json *v)
{
	return v->integral ? (double)v->integer : v->number;
}

#endif
