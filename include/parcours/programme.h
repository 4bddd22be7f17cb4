/* Programmes as data (forms/programmes.yaml, see parcours-forms(5)) and the
 * rules of a participation month: which month of the programme it is, the
 * target that applies (ramp-up, per-person contract), the status, and the
 * allowances owed. Pure functions over plain values: no database, no
 * screen. Enrolments are stored by store.h. */
#ifndef PARCOURS_PROGRAMME_H
#define PARCOURS_PROGRAMME_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/eligibility.h"
#include "parcours/err.h"
#include "parcours/exit_reason.h"
#include "parcours/form.h"

enum {
	PC_RAMP_MAX = 24,
	PC_PROGRAMMES_MAX = 32, /* programmes in one file */
	PC_CATEGORIES_MAX = 32, /* distinct activity categories over all programmes */
};

struct pc_programme {
	char *id;                    /* "paas_action" */
	struct pc_text title;
	double target_hours;         /* the full monthly target; 0 when only per person */
	int full_from_month;         /* the full target applies at the latest from this month (1 = at once) */
	bool hours_per_person;       /* the target is set per person (--hours), within min..max */
	double hours_min, hours_max; /* bounds of a per-person target */
	double allowance_participant;   /* $ per month of participation (hours > 0) */
	double allowance_organisation;  /* $ per month enrolled */
	char **extra_costs;          /* participation fields reimbursed on declaration */
	size_t nextra;
	char **categories;           /* activity values counted (work, training, social) */
	size_t ncategories;
	int sessions_min, sessions_max; /* half-days a week of collective workshops (0 = none) */
	bool contract;               /* work contracts with an end date (`contract:`, contract.h) */
	bool contract_renewable;
	int contract_months[4];      /* usual lengths in months; the first is the default */
	size_t ncontract_months;
	struct pc_eligibility eligibility; /* who may be enrolled (eligibility.h); none: anyone */
	int line, col;
};

struct pc_programmes {
	struct pc_programme *items;
	size_t len;
	struct pc_exit_reasons exit_reasons; /* the file's `exit_reasons:` (exit_reason.h) */
};

/* Loads `path` (a mapping with `programmes:` and, optionally,
 * `exit_reasons:`). Every problem is reported as
 * "PATH:LINE:COL" like forms. A missing file gives an empty set and PC_OK. */
enum pc_status pc_programmes_load(const char *path, struct pc_programmes **out,
				  struct pc_problems *pr);
void pc_programmes_free(struct pc_programmes **p);
const struct pc_programme *pc_programme_find(const struct pc_programmes *p, const char *id);
/* What to show for programme `id`: its title in the current language, or
 * the id itself when the programmes file does not know it ("" for NULL). */
const char *pc_programme_label(const struct pc_programmes *p, const char *id);

/* A person's enrolment, as the rules need it. */
struct pc_enrolment {
	const char *programme;
	const char *start;      /* YYYY-MM-DD */
	const char *end;        /* YYYY-MM-DD or NULL */
	double hours;           /* per-person target, < 0 when none */
	double ramp[PC_RAMP_MAX]; /* targets of months 1, 2, ... */
	size_t nramp;
};

/* Month `period` ("YYYY-MM") counted from the start: the month that holds the
 * start date is 1. 0 or less before the start; also 0 when the enrolment
 * ended before the month began. */
int pc_programme_month(const struct pc_enrolment *e, const char *period);

enum pc_month_status {
	PC_MONTH_NOT_ENROLLED, /* outside the enrolment */
	PC_MONTH_NOT_REQUIRED, /* enrolled, target 0 (before the full target is due) */
	PC_MONTH_BELOW,
	PC_MONTH_MET,
};
/* "not_enrolled", "not_required", "below", "met". */
const char *pc_month_status_name(enum pc_month_status s);
/* The status in words, in the current language ("below target"...). */
const char *pc_month_status_label(enum pc_month_status s);

/* The figures of one participant's month. */
struct pc_month {
	int month;            /* pc_programme_month() */
	double target;        /* hours required this month */
	double hours[8];      /* by category, in the programme's category order */
	double other_hours;   /* entries whose activity is not a programme category */
	double outside_hours; /* entries dated before the start or after the exit: not counted */
	double total;
	enum pc_month_status status;
	double allowance_participant, allowance_organisation;
	double extra_costs;   /* sum of the programme's extra-cost fields */
};

/* The target of month `month` (>= 1) for this enrolment: the ramp's value
 * while it lasts, else the per-person hours or the full target from
 * full_from_month on, else 0; never less than the full target from
 * full_from_month on (the ramp cannot delay it). */
double pc_programme_target(const struct pc_programme *p, const struct pc_enrolment *e, int month);

struct pc_json;
/* Computes the month from the participation answers (`answers` may be NULL:
 * no hours recorded). Rows dated before the enrolment's start or after its
 * end are not counted (outside_hours holds them). */
void pc_month_compute(const struct pc_programme *p, const struct pc_enrolment *e,
		      const char *period, const struct pc_json *answers, struct pc_month *out);

/* The month from the stored answers text of the participation form (form
 * may be NULL when absent), as pc_stored_answers() then pc_month_compute()
 * give it: PC_UNUSABLE, with the damage in pr, when the answers do not
 * read. Reads the text in one pass without building a tree when it can
 * (pc_month_scan), else through the tree. */
enum pc_status pc_month_stored(const struct pc_form *form, const struct pc_programme *p,
			       const struct pc_enrolment *e, const char *period,
			       const char *file_no, const char *text, struct pc_month *out,
			       struct pc_problems *pr);
/* The one-pass reader alone: true with *out as pc_month_compute() would
 * fill it from the same answers; false when the text is not one it reads
 * the same way as the tree (escapes, a repeated field, damage, a form
 * without the entries it knows): the caller then uses the tree. */
bool pc_month_scan(const struct pc_form *form, const struct pc_programme *p,
		   const struct pc_enrolment *e, const char *period, const char *text, size_t len,
		   struct pc_month *out);

/* Parses "20,40,60,80" into a ramp; false (with a problem at `where`) when
 * a value is not hours or there are too many. */
bool pc_ramp_parse(const char *text, double *ramp, size_t *n, const char *where,
		   struct pc_problems *pr);

#endif
