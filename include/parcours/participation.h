/* Participation in programmes, as the faces ask for it: enrolling and
 * leaving, the figures of one person's month, closing a month, and the
 * month and year reports. Rules come from programme.h (forms/programmes.yaml),
 * storage from enrolment.h; nothing here prints. */
#ifndef PARCOURS_PARTICIPATION_H
#define PARCOURS_PARTICIPATION_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/programme.h"

/* The participation form's id. */
#define PC_PARTICIPATION_FORM "participation"

/* Enrols participant `file_no` in `programme` from `start` (YYYY-MM-DD).
 * `hours` ("40", "12,5"; NULL for none) is required by programmes with a
 * per-person target and must be within its bounds; `ramp` ("20,40,60,80",
 * NULL for none) gives the targets of the first months. `counsellor` (a
 * login, NULL to keep the current one) is who follows the person.
 * A programme with `eligibility:` conditions enrols a person who does not
 * meet them only with `exception`, a supervisor's reason, kept and audited
 * (pc_eligibility_gate, eligibility.h); NULL for none. */
enum pc_status pc_enrol(struct pc_ctx *c, const char *file_no, const char *programme,
			const char *start, const char *hours, const char *ramp,
			const char *counsellor, const char *exception, struct pc_problems *pr);
/* What an enrolment may carry besides (issue 13): the reason when its start
 * alters closed months (closed_change.h; refused without it, naming them
 * and `reason_option`, "--reason" when NULL), and the end of a work
 * contract (contract.h pc_contract_for_enrolment: `contract_end` or
 * `contract_months`, else the programme's usual length). */
struct pc_enrol_more {
	const char *exception; /* a supervisor's reason to enrol someone not eligible */
	const char *reason, *reason_option;
	const char *contract_end, *contract_months;
	char contract_end_out[11]; /* set by pc_enrol_more: the contract's end, "" none */
};
/* pc_enrol with `more` (NULL: pc_enrol). */
enum pc_status pc_enrol_more(struct pc_ctx *c, const char *file_no, const char *programme,
			     const char *start, const char *hours, const char *ramp,
			     const char *counsellor, struct pc_enrol_more *more,
			     struct pc_problems *pr);
/* pc_leave with the reason an exit dated back needs when it alters closed
 * months (`change_reason`, named `option` in the refusal, "--change-reason"
 * when NULL). */
enum pc_status pc_leave_more(struct pc_ctx *c, const char *file_no, const char *date,
			     const char *reason, const char *change_reason, const char *option,
			     struct pc_problems *pr);
/* Records the exit of `file_no` on `date` (not after c->today, not before
 * the enrolment's start) for `reason`, a code of the programmes file's
 * exit reasons (pc_exit_reason_check, exit_reason.h), with an audit entry. */
enum pc_status pc_leave(struct pc_ctx *c, const char *file_no, const char *date,
			const char *reason, struct pc_problems *pr);

/* The figures of participant p for `period` ("YYYY-MM"): *prog is the
 * programme of the enrolment that covers the month (NULL when none, then
 * out->status is PC_MONTH_NOT_ENROLLED). PC_REFUSED, nothing read, when
 * c->login may not read the participation form of p (staff.h). */
enum pc_status pc_participant_month(struct pc_ctx *c, const struct pc_participant *p,
				    const char *period, const struct pc_programme **prog,
				    struct pc_month *out, struct pc_problems *pr);

/* The same figures for answers not saved yet (the screen's grid as it is
 * being filled): the stored enrolment's rules applied to `answers`, a
 * participation object with typed or parsed hours. */
enum pc_status pc_participant_month_answers(struct pc_ctx *c, const struct pc_participant *p,
					    const char *period, const struct pc_json *answers,
					    const struct pc_programme **prog, struct pc_month *out,
					    struct pc_problems *pr);

/* The programme's rules on a month's participation `answers` about to be
 * saved (issue 13): hours of a person not enrolled that month, dated before
 * the start, after the exit or after today are warnings (kept, not
 * counted); a month above the person's contract is a warning, above the
 * programme's monthly maximum (Premières Heures: 72 h) an error. Returns
 * PC_REFUSED when an error was added. */
enum pc_status pc_participation_check(struct pc_ctx *c, const struct pc_participant *p,
				      const char *period, const struct pc_json *answers,
				      struct pc_problems *pr);

/* Locks a month once reported (supervisor or admin only). Later saves of a
 * monthly form for that month need a reason, which is recorded. */
enum pc_status pc_month_close(struct pc_ctx *c, const char *period, struct pc_problems *pr);

enum pc_report_format { PC_REPORT_TEXT, PC_REPORT_CSV, PC_REPORT_JSON };

/* Output of a report: `write` receives the text in chunks (false stops with
 * PC_UNUSABLE); `progress` (may be NULL) is told how many rows are done. */
struct pc_report_out {
	enum pc_report_format format;
	bool (*write)(void *ctx, const char *data, size_t len);
	void (*progress)(void *ctx, size_t done);
	void *ctx;
	bool raw; /* CSV: names as stored, without the formula guard (pc_text_csv_cell) */
};

/* Every active participant of the month with programme, counsellor, target,
 * hours by category, total, status and allowances, then totals per
 * programme. CSV columns: file_no, programme, target_hours, total_hours,
 * status, allowance_participant, allowance_organisation, extra_costs, one
 * column per category, then month, counsellor, family_name, given_name;
 * totals are rows whose file_no is "TOTAL". With `below_only`, only those
 * below their target, ordered by counsellor. */
enum pc_status pc_report_month(struct pc_ctx *c, const char *period, bool below_only,
			       const struct pc_report_out *out, struct pc_problems *pr);
/* The year per programme: participants served, months of participation,
 * hours, allowances, exits by reason. */
enum pc_status pc_report_year(struct pc_ctx *c, int year, const struct pc_report_out *out,
			      struct pc_problems *pr);

struct pc_enrolment_row;
/* Fills the rules' view of an enrolment from a stored row (ramp parsed);
 * `e` points into `row`, which must outlive it. A ramp that is not a list
 * of at most PC_RAMP_MAX hours (no save writes one) is damage: the problem
 * is added to `pr` under `file_no` and false returned, never an empty ramp. */
bool pc_enrolment_from_row(const struct pc_enrolment_row *row, struct pc_enrolment *e,
			   const char *file_no, struct pc_problems *pr);

/* Parses "YYYY-MM" and writes its first and last days. */
bool pc_period_bounds(const char *period, char first[11], char last[11]);

#endif
