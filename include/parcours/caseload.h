/* Caseloads and exceptional access: who follows a participant (their
 * counsellor, kept on the participant so that a person not yet enrolled can
 * have one), the list of "my caseload", a counsellor reading a file outside
 * their caseload with a typed reason, and what the screens record and show
 * of who read a file. Every face calls these; none decides who may. */
#ifndef PARCOURS_CASELOAD_H
#define PARCOURS_CASELOAD_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/audit.h"
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/staff.h"

/* ---- assigning a counsellor (src/core/caseload.c) ---- */
/* Supervisor only. Makes `login` (an enabled staff member holding the
 * counsellor role) the counsellor of participant `file_no`, with an audit
 * entry "assign" whose detail is "OLD -> NEW" ("-" for none), in one
 * transaction. PC_REFUSED, with a problem naming why: the caller is not a
 * supervisor, the file number is unknown, the login is not on the staff,
 * is disabled or is not a counsellor. Giving the counsellor the person
 * already has changes nothing and records nothing (*changed false).
 * `was` (may be NULL) receives the previous counsellor, malloc'ed, NULL
 * when there was none; `changed` may be NULL. */
enum pc_status pc_assign(struct pc_ctx *c, const char *file_no, const char *login, char **was,
                         bool *changed, struct pc_problems *pr);

/* The enabled staff holding the counsellor role, by login, for a picker.
 * Free with pc_staff_list_free. Any staff member may ask. */
enum pc_status pc_counsellors(struct pc_ctx *c, struct pc_staff **out, size_t *n,
                              struct pc_problems *pr);

/* ---- the list: everyone, or my caseload ---- */
/* Whether the list opens on "my caseload" for c->login: true for a
 * counsellor, false for everyone else (and when the staff cannot be read). */
bool pc_caseload_first(struct pc_ctx *c);
/* pc_search (core.h) limited to the participants whose counsellor is
 * c->login: the others are not read. */
enum pc_status pc_caseload_search(struct pc_ctx *c, const char *query, size_t limit,
                                  struct pc_participant **out, size_t *n, struct pc_problems *pr);

/* ---- exceptional access (src/core/exceptional.c) ---- */
/* Whether c->login could read more of p through an exceptional access: a
 * counsellor, not supervisor, who is not p's counsellor, while some form is
 * read by the person's counsellor and not by the reader's roles. */
bool pc_exceptional_possible(struct pc_ctx *c, const struct pc_participant *p);
/* A counsellor opens p's file outside their caseload for `reason` (valid
 * UTF-8, not blank, no control characters, at most 1000 characters): an
 * "exceptional_access" audit entry whose detail is the trimmed reason, then,
 * for the rest of this context (a command, or until pc_exceptional_end),
 * the forms read by the person's counsellor are read as if c->login were
 * it. Reading only: writing still needs the roles or the caseload. PC_OK
 * without any entry when nothing would be gained (a supervisor, the
 * person's own counsellor): *granted (may be NULL) tells which. PC_REFUSED
 * for a blank or bad reason and for a login that is not a counsellor. */
enum pc_status pc_exceptional_open(struct pc_ctx *c, const struct pc_participant *p,
                                   const char *reason, bool *granted, struct pc_problems *pr);
/* True when p was opened by pc_exceptional_open in this context. */
bool pc_exceptional_granted(const struct pc_ctx *c, const struct pc_participant *p);
/* Ends the exceptional access of this context (the file screen closed). */
void pc_exceptional_end(struct pc_ctx *c);

/* ---- what the console records and shows (src/core/read_by.c) ---- */
/* Whether a form is protected: some role may not read it. Its reads are
 * recorded. */
bool pc_form_protected(const struct pc_form *f);
/* Records that the current answers of protected `form` of p were shown on
 * a screen (a "read" entry, detail "screen"); nothing for a form everyone
 * reads. The face calls it once per form per opening of the file. */
enum pc_status pc_file_viewed(struct pc_ctx *c, const struct pc_participant *p,
                              const struct pc_form *form, struct pc_problems *pr);
/* Supervisor only (PC_REFUSED otherwise): the latest `max` audit entries
 * about p, newest first, into *out (malloc'ed; free with
 * pc_audit_entries_free). */
enum pc_status pc_file_read_by(struct pc_ctx *c, const struct pc_participant *p, size_t max,
                               struct pc_audit_entry **out, size_t *n, struct pc_problems *pr);
void pc_audit_entries_free(struct pc_audit_entry **list, size_t n);

/* ---- the store's side (src/store/caseload.c) ---- */
/* Sets the counsellor of participant `id` (NULL: none), bumping its
 * version; inside the caller's transaction. PC_REFUSED when unknown. */
enum pc_status pc_store_participant_set_counsellor(struct pc_store *s, const char *id,
                                                   const char *login, struct pc_problems *pr);
/* Participants whose counsellor is `counsellor` and each of whose search
 * tokens (folded) is a prefix of one of theirs, in name order, at most
 * `limit`. Free with pc_participants_free. */
enum pc_status pc_store_caseload_search(struct pc_store *s, const char *counsellor,
                                        const char *const *tokens, size_t ntokens, size_t limit,
                                        struct pc_participant **out, size_t *n,
                                        struct pc_problems *pr);

#endif
