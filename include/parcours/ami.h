/* AMI workshops (departement-insertion-preprofessionnelle.txt: "2 à 4
 * demi-journées par semaine"): attendance is recorded as collective sessions
 * (a date, a half-day, a title, the people present) and counted in
 * half-days per ISO week against the programme's `sessions_per_week`. The
 * week arithmetic is pure; the session operations check, then write through
 * the store in one transaction. Nothing here prints. Not here: hours-based
 * months (programme.h). */
#ifndef PARCOURS_AMI_H
#define PARCOURS_AMI_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/participation.h"
#include "parcours/programme.h"

/* ---- the week arithmetic (src/core/ami.c) ---- */

/* One half-day attended: a date and 0 (morning) or 1 (afternoon). */
struct pc_ami_halfday {
	char date[11]; /* YYYY-MM-DD */
	int half;      /* 0 am, 1 pm */
};

enum pc_ami_status {
	PC_AMI_PARTIAL,     /* the week is not wholly inside the enrolment: not judged */
	PC_AMI_IN_PROGRESS, /* the week has not ended by today: not judged yet */
	PC_AMI_BELOW,       /* fewer half-days than the minimum */
	PC_AMI_MET,         /* within the range */
	PC_AMI_ABOVE,       /* more than the maximum: a warning (any week, even partial) */
	PC_AMI_NO_WEEK,     /* a month with no judged week */
};
/* "partial", "in_progress", "below", "met", "above", "not_judged". */
const char *pc_ami_status_name(enum pc_ami_status s);
/* The same in words, in the current language. */
const char *pc_ami_status_label(enum pc_ami_status s);

struct pc_ami_week {
	char monday[11], sunday[11];
	int iso_year, iso_week;
	int half_days; /* attended Monday to Sunday, within the enrolment */
	enum pc_ami_status status;
};

enum { PC_AMI_WEEKS_MAX = 6 };

/* A person's month: the weeks that belong to it (an ISO week belongs to the
 * month holding its Thursday, so a week across two months is reported
 * once, whole) and the half-days dated in the calendar month. */
struct pc_ami_month {
	struct pc_ami_week weeks[PC_AMI_WEEKS_MAX];
	size_t nweeks;
	int half_days;              /* dated in the month, within the enrolment */
	int weeks_below, weeks_above;
	enum pc_ami_status status;  /* BELOW when a week is, else ABOVE when a week is,
				       else MET when a week was judged, else NO_WEEK */
};

/* Computes `period` ("YYYY-MM") for an enrolment from `start` to `end`
 * (NULL: open) against min..max half-days a week, from `days` (any order;
 * the same half-day twice counts once; days outside the enrolment are not
 * counted). `today` ("YYYY-MM-DD"): weeks ending after it are in
 * progress. False when period, start or today is not a date. */
bool pc_ami_month_compute(int min, int max, const char *start, const char *end,
			  const char *today, const char *period,
			  const struct pc_ami_halfday *days, size_t ndays,
			  struct pc_ami_month *out);

/* The Monday and Sunday of the ISO week holding `date`; false when it is
 * not a date. */
bool pc_ami_week_bounds(const char *date, char monday[11], char sunday[11]);

/* "am" -> 0, "pm" -> 1, else -1. */
int pc_ami_half_parse(const char *s);
const char *pc_ami_half_name(int half);

/* ---- sessions (src/core/ami_session.c) ---- */

/* Records one session on `date` (not after today), half-day `half` ("am" or
 * "pm"), titled `title` (1 to 200 characters), with the people `file_nos`
 * present (at least one, each once). Each person must be enrolled, on that
 * date, in a programme with `sessions_per_week`, and the caller must be
 * allowed to write their participation (forms' `access:`); every person
 * refused is named at their file number and nothing is stored. A date in a
 * closed month needs `reason` (kept with each presence). *id receives the
 * session's number. Audited, one entry per person. Once saved, a person
 * whose week now holds more half-days than the programme's maximum is
 * named in a warning (kept: a busy week is allowed, but said). */
enum pc_status pc_ami_session_add(struct pc_ctx *c, const char *date, const char *half,
				  const char *title, const char *const *file_nos, size_t n,
				  const char *reason, long long *id, struct pc_problems *pr);

/* Corrects session `id`: adds the people `add` (same checks as at
 * creation) and removes `remove` (who must be present). A removal is kept,
 * stamped with who, when and `reason`; nothing is deleted. At least one
 * change; a closed month needs `reason`. Audited, one entry per person. */
enum pc_status pc_ami_session_change(struct pc_ctx *c, long long id, const char *const *add,
				     size_t nadd, const char *const *remove, size_t nremove,
				     const char *reason, struct pc_problems *pr);

/* A session as `session show` gives it. */
struct pc_ami_presence {
	char *file_no, *family_name, *given_name;
	char *added_by, *added_at, *added_reason;
	char *removed_by, *removed_at, *removed_reason; /* NULL while present */
};
struct pc_ami_session {
	long long id;
	char *date, *half, *title, *created_by, *created_at;
	struct pc_ami_presence *people; /* current and removed, in the order added */
	size_t npeople;
	size_t hidden; /* people whose participation the caller may not read: not listed */
};
void pc_ami_session_clear(struct pc_ami_session *s);

/* Reads session `id` (PC_REFUSED at "session" when there is none). Only the
 * people whose participation c->login may read are listed. */
enum pc_status pc_ami_session_get(struct pc_ctx *c, long long id, struct pc_ami_session *out,
				  struct pc_problems *pr);

/* Someone a session may name. */
struct pc_ami_person {
	char *file_no, *family_name, *given_name;
};
void pc_ami_people_free(struct pc_ami_person **list, size_t n);
/* The people enrolled on `date` in a workshop programme whose attendance
 * c->login may record (as pc_ami_session_add checks), by family then given
 * name: the console's checklist. *out is malloc'ed. PC_REFUSED for a date
 * that is not one. */
enum pc_status pc_ami_enrolled_on(struct pc_ctx *c, const char *date,
				  struct pc_ami_person **out, size_t *n,
				  struct pc_problems *pr);

struct pc_buf;
/* Every AMI presence of participant p (present or removed, with who, when
 * and why), for export-person: text lines ("  DATE HALF, TITLE (session
 * N)...") or JSON objects separated by commas (no brackets) appended to
 * `out`; *count receives how many. Nothing when c->login may not read p's
 * participation (the sessions are participation data). */
enum pc_status pc_ami_person_write(struct pc_ctx *c, const struct pc_participant *p, bool json,
				   struct pc_buf *out, size_t *count, struct pc_problems *pr);

/* ---- the report (src/core/report_ami.c) ---- */

/* Every person enrolled in a workshop programme during `period`, with the
 * month's half-days, each of its weeks against the range and their status
 * (text, CSV or JSON, see parcours(1)). Supervisors only. */
enum pc_status pc_report_ami(struct pc_ctx *c, const char *period,
			     const struct pc_report_out *out, struct pc_problems *pr);

/* ---- the store's side (src/store/ami.c) ---- */

enum pc_status pc_store_ami_session_insert(struct pc_store *s, const char *date, const char *half,
					   const char *title, const char *by, const char *at,
					   long long *id, struct pc_problems *pr);
/* Fills the session's own columns (people left empty); PC_REFUSED at
 * "session" when there is none. */
enum pc_status pc_store_ami_session_read(struct pc_store *s, long long id,
					 struct pc_ami_session *out, struct pc_problems *pr);
/* Whether participant_id is currently present at the session. */
enum pc_status pc_store_ami_present(struct pc_store *s, long long id, const char *participant_id,
				    bool *present, struct pc_problems *pr);
enum pc_status pc_store_ami_presence_add(struct pc_store *s, long long id,
					 const char *participant_id, const char *by,
					 const char *at, const char *reason,
					 struct pc_problems *pr);
enum pc_status pc_store_ami_presence_remove(struct pc_store *s, long long id,
					    const char *participant_id, const char *by,
					    const char *at, const char *reason,
					    struct pc_problems *pr);
/* Every presence row of the session (current and removed), in the order
 * added; `participant_id` and `p` (the person) live until `each` returns. */
enum pc_status pc_store_ami_presence_each(
	struct pc_store *s, long long id,
	bool (*each)(void *ctx, const struct pc_participant *p, const struct pc_ami_presence *row),
	void *ctx, struct pc_problems *pr);
/* Every presence row of participant_id with its session, by date; `row`'s
 * strings live until `each` returns. */
struct pc_ami_held {
	long long session;
	const char *date, *half, *title;
	const struct pc_ami_presence *presence; /* names and file number NULL */
};
enum pc_status pc_store_ami_person_each(struct pc_store *s, const char *participant_id,
					bool (*each)(void *ctx, const struct pc_ami_held *row),
					void *ctx, struct pc_problems *pr);
/* The distinct half-days present of every person within [first, last],
 * ordered by participant id then date. */
enum pc_status pc_store_ami_halfdays_each(struct pc_store *s, const char *first,
					  const char *last,
					  bool (*each)(void *ctx, const char *participant_id,
						       const char *date, const char *half),
					  void *ctx, struct pc_problems *pr);
/* Sessions held, and distinct people present at one at least, within
 * [first, last]. */
enum pc_status pc_store_ami_counts(struct pc_store *s, const char *first, const char *last,
				   long long *sessions, long long *people,
				   struct pc_problems *pr);

#endif
