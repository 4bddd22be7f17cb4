/* What submission.c asks of entry.c when the form is a journal (`period:
 * entry`); not a public API. */
#ifndef PARCOURS_ENTRY_INTERNAL_H
#define PARCOURS_ENTRY_INTERNAL_H
#include "parcours/core.h"

/* Where a save of `form` for `who` goes: for a journal, *s_period is the
 * entry's period ("17"; "" for a new entry, entry == 0), and a month or an
 * entry not of `who` is refused; for other forms a given entry is refused
 * and *s_period stays NULL. */
enum pc_status pc_entry_target(struct pc_ctx *c, const struct pc_form *form,
                               const struct pc_participant *who, const char *period,
                               long long entry, char **s_period, struct pc_problems *pr);
/* Inside the save's transaction, before its revision is added: a new entry
 * (*entry == 0) is created, dated by the form's entry_date answer of
 * `clean` or today, *entry set and r->period made its period; an existing
 * one moves to its answer's date. Does nothing for other forms. */
enum pc_status pc_entry_before_save(struct pc_ctx *c, const struct pc_form *form,
                                    const struct pc_participant *who, const struct pc_json *clean,
                                    const char *now, long long *entry, struct pc_revision *r,
                                    struct pc_problems *pr);

#endif
