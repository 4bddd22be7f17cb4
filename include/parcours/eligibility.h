/* A programme's eligibility (programmes.yaml `eligibility:`, parcours-forms(5)):
 * conditions on the answers of the person's latest intake, evaluated at
 * enrolment, and the supervisor's exception that lets a person who does not
 * meet them be enrolled anyway, with a reason that is kept and audited.
 * Deciding who may enrol is staff.h's; storing the enrolment is enrolment.h's. */
#ifndef PARCOURS_ELIGIBILITY_H
#define PARCOURS_ELIGIBILITY_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/buf.h"
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/form.h"

enum { PC_CONDITIONS_MAX = 16 };

/* One condition: the intake field `field` holds one of `values` (for a
 * multiple choice, one of its answers does; a boolean's values are "true"
 * and "false"). `label` says the condition in words ("receives last-resort
 * financial assistance"). */
struct pc_condition {
	char *field;
	char **values;
	size_t nvalues;
	struct pc_text label;
	int line, col; /* in programmes.yaml, for forms check */
};

struct pc_eligibility {
	struct pc_condition *items; /* none: anyone may be enrolled */
	size_t len;
};
void pc_eligibility_clear(struct pc_eligibility *e);

enum pc_condition_state {
	PC_CONDITION_MET,
	PC_CONDITION_UNMET,   /* answered, with a value the condition does not list */
	PC_CONDITION_UNKNOWN, /* no intake, or the intake does not answer it */
};
/* "met", "unmet", "unknown". */
const char *pc_condition_state_name(enum pc_condition_state s);

/* The state of `cond` for intake answers `answers` (a JSON object as
 * stored; NULL when the person has no intake). Pure. */
enum pc_condition_state pc_condition_eval(const struct pc_condition *cond,
                                          const struct pc_json *answers);

/* Whether every condition names a field of `intake` (the intake form) and
 * values that field can hold; one problem per mistake at
 * "PATH:LINE:COL" of the condition. `intake` NULL: nothing to check
 * against, true. */
bool pc_eligibility_check_form(const char *path, const struct pc_eligibility *e,
                               const struct pc_form *intake, struct pc_problems *pr);
/* pc_eligibility_check_form for every programme of c->programmes against
 * the intake of c->forms (loaded here, only when a programme has
 * conditions; the programmes file is named as c->forms->dir/programmes.yaml).
 * PC_UNUSABLE with the problems when a condition does not fit the intake or
 * the intake cannot be read. What may enrol someone asks it first. */
enum pc_status pc_eligibility_check_intake(struct pc_ctx *c, struct pc_problems *pr);

/* How a person stands against a programme's conditions. */
struct pc_eligibility_outcome {
	bool no_intake;
	size_t len; /* the programme's conditions */
	enum pc_condition_state state[PC_CONDITIONS_MAX];
	size_t not_met; /* unmet or unknown */
};

struct pc_programme;
/* Reads p's latest intake and evaluates `prog`'s conditions into *out.
 * PC_UNUSABLE when the intake cannot be read. */
enum pc_status pc_eligibility_of(struct pc_ctx *c, const struct pc_participant *p,
                                 const struct pc_programme *prog,
                                 struct pc_eligibility_outcome *out, struct pc_problems *pr);

/* One problem at "eligibility" per condition not met, in words ("not met:
 * receives last-resort financial assistance", "not answered in the intake:
 * ..."), or "no intake: eligibility unknown"; warnings when `warning`. */
void pc_eligibility_explain(const struct pc_programme *prog, const struct pc_eligibility_outcome *o,
                            bool warning, struct pc_problems *pr);

/* The rule of an enrolment (pc_enrol): a person who meets every condition
 * is enrolled, and `exception` must then be NULL. Otherwise the enrolment
 * needs `exception`, a reason (1 to 500 characters, not only spaces)
 * given by a supervisor (PC_DO_CONFIRM_ELIGIBILITY): a counsellor cannot
 * enrol with an exception pending, they ask a supervisor. PC_OK (the
 * conditions not met then added as warnings) or PC_REFUSED with each
 * condition named and what to do. *o receives the outcome. */
enum pc_status pc_eligibility_gate(struct pc_ctx *c, const struct pc_participant *p,
                                   const struct pc_programme *prog, const char *exception,
                                   struct pc_eligibility_outcome *o, struct pc_problems *pr);

/* Keeps the exception of enrolment `enrolment_id` (the conditions not met,
 * the reason, c->login, `at`) and writes its audit entry: inside the
 * enrolment's transaction. */
enum pc_status pc_eligibility_exception_save(struct pc_ctx *c, const struct pc_participant *p,
                                             const struct pc_programme *prog,
                                             const char *enrolment_id,
                                             const struct pc_eligibility_outcome *o,
                                             const char *reason, const char *at,
                                             struct pc_problems *pr);

/* Appends the exception kept with enrolment `enrolment_id`, if any: in
 * JSON, `,"eligibility_exception":{...}` (a member to add to the
 * enrolment's object: reason, by, at, no_intake, conditions [{field,
 * label, state}]); in text, indented lines under the enrolment. Nothing
 * when the enrolment has none. */
enum pc_status pc_eligibility_exception_show(struct pc_ctx *c, const char *enrolment_id, bool json,
                                             struct pc_buf *out, struct pc_problems *pr);

/* For the file screen: the exception of p's open enrolment in one line
 * ("eligibility exception confirmed by LOGIN: REASON"), malloc'ed into
 * *out; NULL when there is none or the reader may not read the
 * participation form (the enrolment's details, as in show). */
enum pc_status pc_eligibility_exception_line(struct pc_ctx *c, const struct pc_participant *p,
                                             char **out, struct pc_problems *pr);

/* A stored exception (the store's view). Strings malloc'ed. */
struct pc_eligibility_exception_row {
	char *enrolment_id, *participant_id, *programme;
	char *conditions; /* JSON: {"no_intake":bool,"conditions":[{"field","state"}]} */
	char *reason, *by, *at;
};
void pc_eligibility_exception_row_clear(struct pc_eligibility_exception_row *r);
/* Inserts r (inside the caller's transaction when one is open). */
enum pc_status pc_store_eligibility_exception_add(struct pc_store *s,
                                                  const struct pc_eligibility_exception_row *r,
                                                  struct pc_problems *pr);
/* The exception of an enrolment: *found false when it has none. */
enum pc_status pc_store_eligibility_exception_get(struct pc_store *s, const char *enrolment_id,
                                                  struct pc_eligibility_exception_row *out,
                                                  bool *found, struct pc_problems *pr);

#endif
