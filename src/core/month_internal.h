/* The month's arithmetic in three steps, shared by pc_month_compute (a
 * parsed JSON tree) and the report's scanner (month_scan.c, the stored
 * text); not a public API. */
#ifndef PARCOURS_MONTH_INTERNAL_H
#define PARCOURS_MONTH_INTERNAL_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/programme.h"

struct month_acc {
	const struct pc_programme *p;
	const struct pc_enrolment *e;
	long total, minutes[8], other, outside; /* minutes */
};

/* Clears out, numbers the month; false when the person is not enrolled
 * (out is then complete: status not_enrolled). */
bool month_begin(struct month_acc *a, const struct pc_programme *p, const struct pc_enrolment *e,
		 const char *period, struct pc_month *out);
/* One entry row: its date and activity (NULL when absent or not text; the
 * lengths in bytes, no NUL inside) and its hours. */
void month_entry(struct month_acc *a, const char *day, size_t daylen, const char *act,
		 size_t actlen, double hours);
/* The minutes of rows dated within the enrolment (or not dated) whose
 * activity is `act` (NULL: not text), counted as month_entry counts them. */
void month_add(struct month_acc *a, const char *act, size_t actlen, long minutes);
/* Target, status and allowances, with the sum of the extra costs. */
void month_end(struct month_acc *a, double extra_costs, struct pc_month *out);

#endif
