/* Staff and roles: who may use a database and with which rights. A person
 * is their Unix login (the real uid of the process, core.h pc_login);
 * roles are a set (admin, supervisor, counsellor, frontdesk). Every change
 * of who may do what is recorded in the audit log (audit.h). What each role
 * may do is decided in one place, pc_staff_can; the faces only ask. */
#ifndef PARCOURS_STAFF_H
#define PARCOURS_STAFF_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/core.h"
#include "parcours/err.h"
#include "parcours/form.h"

/* A set of roles, as bits. */
enum pc_role {
	PC_ROLE_ADMIN = 1 << 0,      /* staff, forms, the installation */
	PC_ROLE_SUPERVISOR = 1 << 1, /* every file, reports, closing months, caseloads */
	PC_ROLE_COUNSELLOR = 1 << 2, /* their caseload; the intake of others */
	PC_ROLE_FRONTDESK = 1 << 3,  /* finding people, intake, appointments */
};
enum { PC_ROLE_ALL = 0xf };

/* What a face asks permission for, beyond one form of one participant
 * (forms' `access:`, pc_staff_can_form below); caseloads and exceptional
 * access are caseload.h's. */
enum pc_action {
	PC_DO_MANAGE_STAFF, /* staff add/role/disable/enable: admin */
	PC_DO_READ_AUDIT,   /* audit, audit verify: supervisor or admin */
	PC_DO_CLOSE_MONTH,  /* month close: supervisor or admin */
	PC_DO_REPORT,       /* report month|below|year (every participant's hours): supervisor */
	PC_DO_ASSIGN,       /* assign a participant's counsellor: supervisor */
	PC_DO_EXCEPTIONAL,  /* read a file outside one's caseload, with a reason: counsellor */
	PC_DO_EXPORT_PERSON, /* export-person p (everything held on them): supervisor or p's counsellor */
	PC_DO_ENROL,        /* enrol p or record p's exit: supervisor, p's counsellor, or a
	                       counsellor for a person nobody follows yet (enrolment.c) */
	PC_DO_CONFIRM_ELIGIBILITY, /* enrol p although p does not meet the programme's
	                              conditions, with a reason (eligibility.h): supervisor */
};

struct pc_staff {
	char *login;
	char *name;
	unsigned roles; /* enum pc_role bits */
	bool disabled;
	char *added_by; /* NULL for the first administrator and migrated rows */
	char *added_at; /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
	long long version;
};
void pc_staff_clear(struct pc_staff *s);
void pc_staff_list_free(struct pc_staff **list, size_t n);

/* "admin,supervisor" -> bits. Accepts role names separated by commas, in
 * any order, each once; false (with a problem at "role") for an unknown or
 * empty name. */
bool pc_roles_parse(const char *text, unsigned *roles, struct pc_problems *pr);
/* Bits -> "admin,supervisor" (in enum order) into out (at least 48 bytes). */
void pc_roles_format(unsigned roles, char *out, size_t size);

/* A login as staff are named: 1 to 32 characters of A-Z a-z 0-9 . _ -,
 * not starting with '-'. */
bool pc_staff_login_ok(const char *login);

/* Lets c->login in. PC_OK when it is an enabled staff member. When
 * `may_found` (init or demo) and the database has no staff and no audit
 * entry yet (a new file), the caller first becomes its first administrator,
 * also supervisor (one person on a laptop does everything), recorded in the
 * audit log. PC_REFUSED otherwise, with a problem at the login that names
 * whom to ask ("ask an administrator: Marie Gagnon (mgagnon)"). *founded
 * (may be NULL) tells whether the caller was made the first admin. */
enum pc_status pc_staff_admit(struct pc_ctx *c, bool may_found, bool *founded,
                              struct pc_problems *pr);

/* Whether c->login (an enabled staff member) may do `action`; `p` and
 * `form` name what it is done to when that matters (NULL otherwise: not
 * used yet; a form of a participant is pc_staff_can_form's). PC_OK, or
 * PC_REFUSED with a problem at the login saying who may; PC_UNUSABLE when
 * the database cannot be read. The roles are read at each call, so a role
 * changed or a login disabled takes effect at once in a running console. */
enum pc_status pc_staff_can(struct pc_ctx *c, enum pc_action action, const struct pc_participant *p,
                            const char *form, struct pc_problems *pr);

/* ---- per-form access (forms' `access:`, form.h; src/core/access.c) ---- */
/* Whether someone holding `roles` as `login` may use a form whose read or
 * write access is `access` for participant `p`: one of their roles is in
 * it, or PC_ACCESS_CASELOAD is and they are p's counsellor. With p NULL
 * (a participant not yet created, or every participant at once) caseload
 * grants nothing. Pure; the one rule every face goes through. */
bool pc_access_allows(unsigned access, unsigned roles, const char *login,
                      const struct pc_participant *p);
/* Whether c->login may read (write false) or write `form` of `p` (NULL: a
 * new participant). PC_OK, or PC_REFUSED with a problem at the form's id
 * saying which roles may; a form no longer defined (form NULL) is read by
 * supervisors only. PC_UNUSABLE when the staff cannot be read. */
enum pc_status pc_staff_can_form(struct pc_ctx *c, const struct pc_participant *p,
                                 const struct pc_form *form, const char *form_id, bool write,
                                 struct pc_problems *pr);
struct pc_buf;
/* The forms of c->forms that c->login may read of p: their ids as a JSON
 * array into `only` (for pc_store_revision_list), left empty when that is
 * every form and the reader is a supervisor (who also reads answers of
 * forms no longer defined); the others' ids (JSON strings separated by
 * commas) into `hidden_ids` and titles (", ") into `hidden`. PC_REFUSED,
 * with a problem at the file number, when the reader may read no form. */
enum pc_status pc_access_readable(struct pc_ctx *c, const struct pc_participant *p,
                                  struct pc_buf *only, struct pc_buf *hidden_ids,
                                  struct pc_buf *hidden, struct pc_problems *pr);
/* "frontdesk, the person's counsellor, supervisor": who `access` names,
 * translated, into out. */
void pc_access_format(unsigned access, char *out, size_t size);

/* The caller's staff record; PC_REFUSED (whom to ask) when absent or disabled. */
enum pc_status pc_staff_me(struct pc_ctx *c, struct pc_staff *out, struct pc_problems *pr);

/* Every staff member, by login. *out is malloc'ed; free with pc_staff_list_free. */
enum pc_status pc_staff_list(struct pc_ctx *c, struct pc_staff **out, size_t *n,
                             struct pc_problems *pr);

/* Admin only. Adds `login` with a display name and roles; PC_REFUSED when
 * it is already on the staff, the login or name is not valid, or roles is
 * empty. */
enum pc_status pc_staff_add(struct pc_ctx *c, const char *login, const char *name, unsigned roles,
                            struct pc_problems *pr);
/* Admin only. Replaces the roles of `login`; refused when that would leave
 * no enabled administrator. */
enum pc_status pc_staff_set_roles(struct pc_ctx *c, const char *login, unsigned roles,
                                  struct pc_problems *pr);
/* Admin only. Disables (or enables again) `login`; refused for the last
 * enabled administrator. A disabled login is refused by every command. */
enum pc_status pc_staff_set_disabled(struct pc_ctx *c, const char *login, bool disabled,
                                     struct pc_problems *pr);

/* ---- the store's side (src/store/staff.c) ---- */
struct pc_store;
/* The record of `login`; PC_OK with out->login = NULL when unknown. */
enum pc_status pc_store_staff_get(struct pc_store *s, const char *login, struct pc_staff *out,
                                  struct pc_problems *pr);
enum pc_status pc_store_staff_list(struct pc_store *s, struct pc_staff **out, size_t *n,
                                   struct pc_problems *pr);
/* Inserts st (login, name, roles, added_by, added_at); PC_REFUSED when the
 * login exists. Inside the caller's transaction, or one of its own. */
enum pc_status pc_store_staff_insert(struct pc_store *s, const struct pc_staff *st,
                                     struct pc_problems *pr);
/* Sets roles and disabled of st->login, bumping its version. */
enum pc_status pc_store_staff_update(struct pc_store *s, const struct pc_staff *st,
                                     struct pc_problems *pr);
/* Enabled staff holding every bit of `roles`, excluding `except` (may be NULL). */
enum pc_status pc_store_staff_count(struct pc_store *s, unsigned roles, const char *except,
                                    long long *n, struct pc_problems *pr);
/* True when the database has no staff row and no audit entry. */
enum pc_status pc_store_staff_pristine(struct pc_store *s, bool *pristine, struct pc_problems *pr);

#endif
