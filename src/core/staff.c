/* Staff and roles (staff.h): letting a login in, the one table of who may
 * do what (pc_staff_can), and the admin's operations on the staff, each
 * recorded in the audit log in the same transaction. The SQL is in
 * src/store/staff.c; printing is the faces'. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/audit.h"
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/text.h"

static const char *const role_names[] = {"admin", "supervisor", "counsellor", "frontdesk"};
enum { NROLES = sizeof(role_names) / sizeof(role_names[0]) };

void pc_staff_clear(struct pc_staff *s)
{
	free(s->login);
	free(s->name);
	free(s->added_by);
	free(s->added_at);
	memset(s, 0, sizeof(*s));
}

void pc_staff_list_free(struct pc_staff **list, size_t n)
{
	for (size_t i = 0; *list && i < n; i++)
		pc_staff_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

bool pc_roles_parse(const char *text, unsigned *roles, struct pc_problems *pr)
{
	*roles = 0;
	const char *p = text ? text : "";
	do {
		size_t n = strcspn(p, ",");
		unsigned bit = 0;
		for (size_t i = 0; i < NROLES; i++)
			if (strlen(role_names[i]) == n && !strncmp(p, role_names[i], n))
				bit = 1u << i;
		if (!bit) {
			pc_problems_add(
			    pr, false, "role",
			    _("\"%.*s\" is not a role: use admin, supervisor, counsellor or "
			      "frontdesk (several separated by commas)"),
			    (int)(n > 40 ? 40 : n), p);
			return false;
		}
		*roles |= bit;
		p += n;
	} while (*p++ == ',');
	return true;
}

void pc_roles_format(unsigned roles, char *out, size_t size)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < NROLES; i++) {
		if (!(roles & (1u << i)))
			continue;
		int k = snprintf(out + used, size - used, "%s%s", used ? "," : "", role_names[i]);
		if (k < 0 || (size_t)k >= size - used)
			return;
		used += (size_t)k;
	}
}

bool pc_staff_login_ok(const char *login)
{
	size_t n = login ? strlen(login) : 0;
	return n >= 1 && n <= 32 && login[0] != '-' &&
	       strspn(login,
	              "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@") == n;
}

/* The display name of the caller for the first admin: the passwd entry's
 * full name (the GECOS field up to its first comma), else the login. */
static char *own_name(const char *login)
{
	struct passwd pw, *found = NULL;
	char buf[4096];
	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &found) == 0 && found && found->pw_gecos) {
		size_t n = strcspn(found->pw_gecos, ",");
		if (n > 0 && n < 200)
			return strndup(found->pw_gecos, n);
	}
	return strdup(login);
}

/* "ask an administrator: Marie Gagnon (mgagnon), Paul Roy (proy)". */
static void refuse_login(struct pc_ctx *c, const char *why, struct pc_problems *pr)
{
	struct pc_staff *all = NULL;
	size_t n = 0;
	struct pc_buf names = {0};
	struct pc_problems ignored = {0};
	if (pc_store_staff_list(c->store, &all, &n, &ignored) == PC_OK)
		for (size_t i = 0; i < n; i++)
			if ((all[i].roles & PC_ROLE_ADMIN) && !all[i].disabled)
				pc_buf_printf(&names, "%s%s (%s)", names.len ? ", " : "",
				              all[i].name, all[i].login);
	pc_problems_clear(&ignored);
	if (names.len && !names.failed)
		pc_problems_add(pr, false, c->login, _("%s: ask an administrator: %s"), why,
		                names.data);
	else
		pc_problems_add(pr, false, c->login,
		                _("%s, and this database has no administrator left: ask whoever "
		                  "installed parcours"),
		                why);
	pc_buf_free(&names);
	pc_staff_list_free(&all, n);
}

/* Makes c->login the first administrator (and supervisor) when the file
 * has no staff and no audit entry yet: looked at and written in one
 * transaction, so of two `init` racing on a new file only one founds it. */
static enum pc_status found(struct pc_ctx *c, bool *founded, struct pc_problems *pr)
{
	char now[21];
	pc_clock_now(now);
	struct pc_staff me = {
	    .login = (char *)c->login,
	    .name = own_name(c->login),
	    .roles = PC_ROLE_ADMIN | PC_ROLE_SUPERVISOR,
	    .added_at = now,
	};
	if (!me.name) {
		pc_problems_add(pr, false, "staff", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	char detail[128];
	snprintf(detail, sizeof(detail), "first_admin login=%s roles=admin,supervisor", c->login);
	bool pristine = false;
	enum pc_status st = pc_store_begin(c->store, pr);
	if (st == PC_OK) {
		st = pc_store_staff_pristine(c->store, &pristine, pr);
		if (st == PC_OK && pristine)
			st = pc_store_staff_insert(c->store, &me, pr);
		if (st == PC_OK && pristine)
			st = pc_audit_record(c, PC_AUDIT_ROLE, NULL, NULL, detail, pr);
		if (st == PC_OK)
			st = pc_store_commit(c->store, pr);
		else
			pc_store_rollback(c->store);
	}
	*founded = st == PC_OK && pristine;
	free(me.name);
	return st;
}

enum pc_status pc_staff_admit(struct pc_ctx *c, bool may_found, bool *founded,
                              struct pc_problems *pr)
{
	bool made = false;
	enum pc_status st = may_found ? found(c, &made, pr) : PC_OK;
	if (founded)
		*founded = made;
	if (st != PC_OK)
		return st;
	struct pc_staff me;
	st = pc_staff_me(c, &me, pr);
	pc_staff_clear(&me);
	return st;
}

enum pc_status pc_staff_me(struct pc_ctx *c, struct pc_staff *out, struct pc_problems *pr)
{
	enum pc_status st = pc_store_staff_get(c->store, c->login, out, pr);
	if (st == PC_OK && (!out->login || out->disabled)) {
		refuse_login(c,
		             out->login ? _("your access to this database is disabled")
		                        : _("you are not on the staff of this database"),
		             pr);
		pc_staff_clear(out);
		st = PC_REFUSED;
	}
	return st;
}

enum pc_status pc_staff_can(struct pc_ctx *c, enum pc_action action, const struct pc_participant *p,
                            const char *form, struct pc_problems *pr)
{
	(void)form;
	struct pc_staff me;
	enum pc_status st = pc_staff_me(c, &me, pr);
	if (st != PC_OK)
		return st;
	unsigned r = me.roles;
	pc_staff_clear(&me);
	const char *who = NULL;
	switch (action) {
	case PC_DO_MANAGE_STAFF:
		if (!(r & PC_ROLE_ADMIN))
			who = _("only an administrator may change the staff");
		break;
	case PC_DO_READ_AUDIT:
		if (!(r & (PC_ROLE_ADMIN | PC_ROLE_SUPERVISOR)))
			who = _("only a supervisor or an administrator may read the audit log");
		break;
	case PC_DO_CLOSE_MONTH:
		if (!(r & (PC_ROLE_ADMIN | PC_ROLE_SUPERVISOR)))
			who = _("only a supervisor or an administrator may close a month");
		break;
	case PC_DO_REPORT:
		if (!(r & PC_ROLE_SUPERVISOR))
			who = _("only a supervisor may run reports: they count every "
			        "participant's hours");
		break;
	case PC_DO_ASSIGN:
		if (!(r & PC_ROLE_SUPERVISOR))
			who = _("only a supervisor may assign a participant's counsellor");
		break;
	case PC_DO_EXCEPTIONAL: /* a supervisor may too, gaining nothing */
		if (!(r & (PC_ROLE_COUNSELLOR | PC_ROLE_SUPERVISOR)))
			who = _("only a counsellor may open a file outside their caseload");
		break;
	case PC_DO_EXPORT_PERSON:
		if (!pc_access_allows(PC_ROLE_SUPERVISOR | PC_ACCESS_CASELOAD, r, c->login, p))
			who = _("only a supervisor or the person's counsellor may export "
			        "everything held on a person");
		break;
	case PC_DO_ENROL:
		/* frontdesk writes intakes but does not admit to a programme: the
		 * target and the counsellor are a counsellor's or a supervisor's */
		if (!pc_access_allows(PC_ROLE_SUPERVISOR | PC_ACCESS_CASELOAD, r, c->login, p) &&
		    !((r & PC_ROLE_COUNSELLOR) && p && !p->counsellor))
			who = _("only a supervisor or the person's counsellor may enrol them or "
			        "record their exit");
		break;
	case PC_DO_CONFIRM_ELIGIBILITY:
		if (!(r & PC_ROLE_SUPERVISOR))
			who = _("only a supervisor may confirm an exception to a programme's "
			        "eligibility: ask a supervisor to enrol the person");
		break;
	}
	if (!who)
		return PC_OK;
	pc_problems_add(pr, false, c->login, "%s", who);
	return PC_REFUSED;
}

enum pc_status pc_staff_list(struct pc_ctx *c, struct pc_staff **out, size_t *n,
                             struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	struct pc_staff me;
	enum pc_status st = pc_staff_me(c, &me, pr);
	pc_staff_clear(&me);
	return st == PC_OK ? pc_store_staff_list(c->store, out, n, pr) : st;
}

/* Writes `row` (new when `add`) and its audit entry in one transaction. */
static enum pc_status write_staff(struct pc_ctx *c, const struct pc_staff *row, bool add,
                                  const char *detail, struct pc_problems *pr)
{
	enum pc_status st = pc_store_begin(c->store, pr);
	if (st != PC_OK)
		return st;
	st = add ? pc_store_staff_insert(c->store, row, pr)
	         : pc_store_staff_update(c->store, row, pr);
	if (st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_ROLE, NULL, NULL, detail, pr);
	if (st == PC_OK)
		return pc_store_commit(c->store, pr);
	pc_store_rollback(c->store);
	return st;
}

enum pc_status pc_staff_add(struct pc_ctx *c, const char *login, const char *name, unsigned roles,
                            struct pc_problems *pr)
{
	bool ok = true;
	if (!pc_staff_login_ok(login)) {
		pc_problems_add(pr, false, "login", "%s",
		                _("a login is 1 to 32 letters, digits, '.', '_', '-' or '@', not "
		                  "starting with '-'"));
		ok = false;
	}
	if (!name || !name[strspn(name, " \t")] || strlen(name) > 200 ||
	    pc_text_has_control(name, false)) {
		pc_problems_add(
		    pr, false, "name", "%s",
		    _("give the person's name with --name, e.g. --name \"Marie Gagnon\" "
		      "(at most 200 characters, on one line)"));
		ok = false;
	}
	if (!(roles & PC_ROLE_ALL)) {
		pc_problems_add(pr, false, "role", "%s", _("give at least one role with --role"));
		ok = false;
	}
	if (!ok)
		return PC_REFUSED;
	enum pc_status st = pc_staff_can(c, PC_DO_MANAGE_STAFF, NULL, NULL, pr);
	if (st != PC_OK)
		return st;
	char now[21], list[48];
	pc_clock_now(now);
	pc_roles_format(roles, list, sizeof(list));
	struct pc_staff row = {.login = (char *)login,
	                       .name = (char *)name,
	                       .roles = roles,
	                       .added_by = (char *)c->login,
	                       .added_at = now};
	struct pc_buf detail = {0};
	pc_buf_printf(&detail, "add login=%s roles=%s name=%s", login, list, name);
	st = detail.failed ? PC_UNUSABLE : write_staff(c, &row, true, detail.data, pr);
	pc_buf_free(&detail);
	return st;
}

/* The record of `login` for a change by an admin: PC_REFUSED when unknown. */
static enum pc_status target(struct pc_ctx *c, const char *login, struct pc_staff *out,
                             struct pc_problems *pr)
{
	enum pc_status st = pc_staff_can(c, PC_DO_MANAGE_STAFF, NULL, NULL, pr);
	if (st == PC_OK)
		st = pc_store_staff_get(c->store, login, out, pr);
	if (st == PC_OK && !out->login) {
		pc_problems_add(pr, false, login ? login : "login", "%s",
		                _("is not on the staff: add them with \"parcours staff add\""));
		st = PC_REFUSED;
	}
	return st;
}

/* Refuses a change that would leave the database without an enabled admin. */
static enum pc_status keep_an_admin(struct pc_ctx *c, const struct pc_staff *after,
                                    struct pc_problems *pr)
{
	if ((after->roles & PC_ROLE_ADMIN) && !after->disabled)
		return PC_OK;
	long long others = 0;
	enum pc_status st =
	    pc_store_staff_count(c->store, PC_ROLE_ADMIN, after->login, &others, pr);
	if (st != PC_OK || others > 0)
		return st;
	pc_problems_add(pr, false, after->login, "%s",
	                _("is the last administrator: make someone else an administrator first"));
	return PC_REFUSED;
}

enum pc_status pc_staff_set_roles(struct pc_ctx *c, const char *login, unsigned roles,
                                  struct pc_problems *pr)
{
	if (!(roles & PC_ROLE_ALL)) {
		pc_problems_add(pr, false, "role", "%s", _("give at least one role"));
		return PC_REFUSED;
	}
	struct pc_staff row = {0};
	enum pc_status st = target(c, login, &row, pr);
	char was[48], now[48], detail[160];
	if (st != PC_OK)
		goto out;
	pc_roles_format(row.roles, was, sizeof(was));
	row.roles = roles;
	pc_roles_format(roles, now, sizeof(now));
	snprintf(detail, sizeof(detail), "roles login=%s roles=%s was=%s", login, now, was);
	st = keep_an_admin(c, &row, pr);
	if (st == PC_OK)
		st = write_staff(c, &row, false, detail, pr);
out:
	pc_staff_clear(&row);
	return st;
}

enum pc_status pc_staff_set_disabled(struct pc_ctx *c, const char *login, bool disabled,
                                     struct pc_problems *pr)
{
	struct pc_staff row = {0};
	enum pc_status st = target(c, login, &row, pr);
	char detail[128];
	if (st != PC_OK)
		goto out;
	row.disabled = disabled;
	snprintf(detail, sizeof(detail), "%s login=%s", disabled ? "disable" : "enable", login);
	st = keep_an_admin(c, &row, pr);
	if (st == PC_OK)
		st = write_staff(c, &row, false, detail, pr);
out:
	pc_staff_clear(&row);
	return st;
}
