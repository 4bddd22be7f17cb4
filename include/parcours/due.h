/* What is due: the follow-ups, objectives, evaluations and referrals of a
 * caseload that need doing as of today, people without a follow-up for 30
 * days and people below their hours target last month. The date rules are
 * pure functions (src/core/due_date.c, tested alone); pc_due_list
 * (src/core/due.c) gathers them through the store and the forms' access.
 * Nothing here prints: `parcours due` and the today screen show the list. */
#ifndef PARCOURS_DUE_H
#define PARCOURS_DUE_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/programme.h"

/* ---- dates (src/core/due_date.c) ---- */
/* Days from 1970-01-01 to "YYYY-MM-DD" (a real calendar date); false when
 * `date` is not one. */
bool pc_date_days(const char *date, long *days);
/* The date `days` after 1970-01-01 into out. */
void pc_date_from_days(long days, char out[11]);
/* `date` plus `n` days (n may be negative) into out; false when `date` is
 * not a date. */
bool pc_date_add_days(const char *date, long n, char out[11]);
/* The same day `years` later; a Feb 29 falls on Feb 28 of a year that has
 * none (the anniversary never slips into March). */
bool pc_date_add_years(const char *date, int years, char out[11]);

/* The windows the rules use. */
enum {
	PC_DUE_EVALUATION_AHEAD = 30, /* an evaluation shows this many days ahead */
	PC_DUE_REFERRAL_PENDING = 30, /* a referral pending longer than this is due */
	PC_DUE_QUIET_DAYS = 30,       /* no follow-up for this long is due */
	PC_DUE_WITHIN_DEFAULT = 7,    /* --within when not given */
};

/* When the next evaluation is due: the first anniversary of `start` (the
 * enrolment's start) whose 30 days ahead (when it shows as due) begin
 * after the last evaluation (`last`, NULL when none: start + 1 year), so
 * an evaluation made early in that window counts for it; or the last evaluation's `next` (NULL when
 * none) when that is earlier. False (nothing due) when `start` is not a date or when the enrolment
 * ended (`end` not NULL): an exit ends what is due. */
bool pc_due_evaluation_date(const char *start, const char *end, const char *last, const char *next,
                            char out[11]);

/* ---- the list ---- */
enum pc_due_kind {
	PC_DUE_FOLLOWUP,   /* the last meeting's next_meeting has come */
	PC_DUE_OBJECTIVE,  /* a plan objective planned or in progress reaches its due date */
	PC_DUE_EVALUATION, /* the yearly evaluation is within 30 days or overdue */
	PC_DUE_REFERRAL,   /* a referral still pending 30 days after it was made */
	PC_DUE_QUIET,      /* enrolled, no follow-up for 30 days */
	PC_DUE_BELOW,      /* below the hours target last month */
	PC_DUE_CONTRACT,   /* a work contract ends within 30 days, or ended with no renewal nor exit */
	PC_DUE_NKINDS
};
/* "followup", "objective", "evaluation", "referral", "no_followup",
 * "below_target", "contract_end": the names of CSV and JSON. */
const char *pc_due_kind_name(enum pc_due_kind k);
/* The heading of a kind in the current language ("Follow-ups due"...). */
const char *pc_due_kind_title(enum pc_due_kind k);

struct pc_due_item {
	enum pc_due_kind kind;
	char *file_no, *family_name, *given_name, *counsellor; /* counsellor NULL: none */
	char *what;    /* in words, current language: the objective, the partner... */
	char date[11]; /* when it is or was due */
	long late;     /* days past `date` as of today; negative: due in that many days */
};
struct pc_due_text;
struct pc_due_list {
	struct pc_due_item *items; /* by kind, then date, then file number */
	size_t n, cap;
	struct pc_due_text *text; /* holds the items' strings */
	char today[11];
	int within;
};
void pc_due_list_clear(struct pc_due_list *l);

/* Fills `out` with what is due as of c->today for the people of
 * `counsellor`'s caseload (NULL: the caller's own when they are a
 * counsellor and not a supervisor, else everyone), follow-ups and
 * objectives due within `within` days (>= 0). A supervisor may ask for
 * anyone's caseload; a counsellor only for their own; other roles are
 * refused (PC_REFUSED, a problem at the login). A form the caller may not
 * read of a person (its `access:`) is not read, and what it would have
 * said is left out; a form not defined is skipped. A list that names
 * anything is recorded as one "read" entry of the audit about no file
 * (detail "due list caseload=LOGIN|* items=N"); failing to record it fails
 * the list. Free with pc_due_list_clear. */
enum pc_status pc_due_list(struct pc_ctx *c, const char *counsellor, int within,
                           struct pc_due_list *out, struct pc_problems *pr);

/* What a stream of the list knows before its first item. */
struct pc_due_head {
	char today[11];
	int within;
	size_t n;                       /* items in all */
	size_t per_kind[PC_DUE_NKINDS]; /* of each kind */
};
/* pc_due_list without holding the list (a supervisor's list of everyone
 * can hold tens of thousands of items): the same rules, scope and audit
 * entry, the items sorted through pc_due_spill. `head` is called once,
 * after the audit entry is recorded, then `item` for each item in the
 * list's order (pointers valid during the call); either returning false
 * stops the stream (PC_OK). pc_due_list is this stream copied into the
 * list. */
enum pc_status pc_due_each(struct pc_ctx *c, const char *counsellor, int within,
                           bool (*head)(void *ctx, const struct pc_due_head *h),
                           bool (*item)(void *ctx, const struct pc_due_item *it), void *ctx,
                           struct pc_problems *pr);

/* ---- a file at a glance (src/core/due_glance.c) ---- */
struct pc_glance {
	/* the latest enrolment (the intake's readers): programme NULL when never enrolled */
	char *programme;
	char start[11], end[11]; /* end "" while it lasts */
	char *end_reason;        /* the exit's reason code; NULL when none or not readable */
	bool month_shown;        /* this month's figures (participation readers, enrolled) */
	char period[8];
	struct pc_month month;
	bool plan_shown;                            /* plan readers */
	size_t open_objectives, overdue_objectives; /* planned or in progress; due before today */
	char next_due[11]; /* the earliest due date of an open objective, "" none */
	bool followup_shown;
	size_t followups;
	char last_meeting[11], next_meeting[11]; /* of the latest entry, "" none */
	bool referral_shown;
	size_t open_referrals; /* outcome pending (or not given) */
	char oldest_referral[11];
	char contract_end[11]; /* the latest enrolment's contract end (contract.h), "" none */
	size_t renewals;
};
void pc_glance_clear(struct pc_glance *g);
/* What the file screen shows at a glance of p: the enrolment and this
 * month's status, the plan's open objectives, the last follow-up and the
 * open referrals, each part only when c->login may read its form (what
 * they may not read is not fetched; its `*_shown` stays false). Counts and
 * dates only: no answer text. PC_UNUSABLE when the store fails. */
enum pc_status pc_file_glance(struct pc_ctx *c, const struct pc_participant *p,
                              struct pc_glance *out, struct pc_problems *pr);

/* ---- the store's side (src/store/due.c, due_spill.c) ---- */
/* Items sorted without being held: added in the order found, read back by
 * kind, then date (the most overdue first), then the order found, from a
 * private temporary database (TMPDIR). Close with pc_due_spill_close. */
struct pc_due_spill;
enum pc_status pc_due_spill_open(struct pc_due_spill **out, struct pc_problems *pr);
enum pc_status pc_due_spill_add(struct pc_due_spill *sp, const struct pc_due_item *it,
                                struct pc_problems *pr);
/* Calls `each` with every item in order (pointers valid during the call);
 * stops early (PC_OK) when it returns false. */
enum pc_status pc_due_spill_each(struct pc_due_spill *sp,
                                 bool (*each)(void *ctx, const struct pc_due_item *it), void *ctx,
                                 struct pc_problems *pr);
void pc_due_spill_close(struct pc_due_spill **sp);
struct pc_enrolment_row;
/* Calls `each` for every participant (of `counsellor` when not NULL), in
 * file number order, with their latest enrolment (NULL when never
 * enrolled). Pointers are valid during the call only; stops early (PC_OK)
 * when `each` returns false. Only row ids are sorted, not rows; `each` may
 * read from the store (all in the walk's snapshot). */
enum pc_status pc_store_due_people(struct pc_store *s, const char *counsellor,
                                   bool (*each)(void *ctx, const struct pc_participant *p,
                                                const struct pc_enrolment_row *e),
                                   void *ctx, struct pc_problems *pr);
/* Calls `each` with the date and the answers of the latest revision of
 * every entry of journal form `form` of one participant, oldest first
 * (date, then as written), or newest first; stops when `each` returns
 * false. Pointers are valid during the call; `each` must not use the
 * store. */
enum pc_status pc_store_due_entries(struct pc_store *s, const char *participant_id,
                                    const char *form, bool newest_first,
                                    bool (*each)(void *ctx, const char *date,
                                                 const char *answers),
                                    void *ctx, struct pc_problems *pr);
/* The same for the latest revision of each period of `form` of one
 * participant, by period; `date` is NULL. */
enum pc_status pc_store_due_periods(struct pc_store *s, const char *participant_id,
                                    const char *form,
                                    bool (*each)(void *ctx, const char *date,
                                                 const char *answers),
                                    void *ctx, struct pc_problems *pr);

#endif
