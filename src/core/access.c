/* Per-form access (staff.h): who may read or write a form of a participant,
 * from the form's `access:` (form.h) and the reader's roles and caseload.
 * The one rule behind show, export, submit, intake and the screens; the
 * faces never decide it themselves. */
#include <stdio.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/caseload.h"
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/store.h"

_Static_assert((unsigned)PC_ACCESS_DEFAULT == ((unsigned)PC_ACCESS_CASELOAD | (unsigned)PC_ROLE_SUPERVISOR),
               "form.h's default access is caseload and supervisor");
_Static_assert((unsigned)PC_ACCESS_CASELOAD > (unsigned)PC_ROLE_ALL, "caseload is not a role bit");

bool pc_access_allows(unsigned access, unsigned roles, const char *login,
                      const struct pc_participant *p)
{
	if (access & roles & PC_ROLE_ALL)
		return true;
	return (access & PC_ACCESS_CASELOAD) && p && p->counsellor && login &&
	       !strcmp(p->counsellor, login);
}

void pc_access_format(unsigned access, char *out, size_t size)
{
	const char *names[] = {"admin", "supervisor", "counsellor", "frontdesk",
	                       _("the person's counsellor")};
	unsigned bits[] = {PC_ROLE_ADMIN, PC_ROLE_SUPERVISOR, PC_ROLE_COUNSELLOR, PC_ROLE_FRONTDESK,
	                   PC_ACCESS_CASELOAD};
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
		if (!(access & bits[i]))
			continue;
		int k = snprintf(out + used, size - used, "%s%s", used ? ", " : "", names[i]);
		if (k < 0 || (size_t)k >= size - used)
			return;
		used += (size_t)k;
	}
}

/* The rule, plus an exceptional access (caseload.h) opened on p in this
 * context: reading what the person's counsellor reads, never writing. */
static bool allows(struct pc_ctx *c, unsigned access, unsigned roles, const struct pc_participant *p,
                   bool write)
{
	if (pc_access_allows(access, roles, c->login, p))
		return true;
	return !write && (access & PC_ACCESS_CASELOAD) && pc_exceptional_granted(c, p);
}

enum pc_status pc_staff_can_form(struct pc_ctx *c, const struct pc_participant *p,
                                 const struct pc_form *form, const char *form_id, bool write,
                                 struct pc_problems *pr)
{
	struct pc_staff me;
	enum pc_status st = pc_staff_me(c, &me, pr);
	if (st != PC_OK)
		return st;
	unsigned access = !form ? (unsigned)PC_ROLE_SUPERVISOR
	                  : write ? form->access_write
	                          : form->access_read;
	bool ok = allows(c, access, me.roles, p, write);
	if (!ok) {
		char mine[48], who[160];
		pc_roles_format(me.roles, mine, sizeof(mine));
		pc_access_format(access, who, sizeof(who));
		const char *id = form ? form->id : form_id ? form_id : "form";
		if (write)
			pc_problems_add(pr, false, id,
			                _("your roles (%s) do not allow changing this form; it is "
			                  "written by: %s"),
			                mine, who);
		else
			pc_problems_add(pr, false, id,
			                _("your roles (%s) do not allow reading this form; it is "
			                  "read by: %s"),
			                mine, who);
	}
	pc_staff_clear(&me);
	return ok ? PC_OK : PC_REFUSED;
}

enum pc_status pc_access_readable(struct pc_ctx *c, const struct pc_participant *p,
                                  struct pc_buf *only, struct pc_buf *hidden_ids,
                                  struct pc_buf *hidden, struct pc_problems *pr)
{
	/* every form is weighed, so every form is read (form sets load lazily) */
	enum pc_status st = c->forms ? pc_formset_load_all(c->forms, pr) : PC_OK;
	if (st != PC_OK)
		return st;
	struct pc_staff me;
	if ((st = pc_staff_me(c, &me, pr)) != PC_OK)
		return st;
	size_t shown = 0;
	pc_buf_putc(only, '[');
	for (size_t i = 0; c->forms && i < c->forms->len; i++) {
		const struct pc_form *f = c->forms->forms[i];
		bool ok = allows(c, f->access_read, me.roles, p, false);
		struct pc_buf *ids = ok ? only : hidden_ids;
		pc_buf_puts(ids, (ok ? shown : ids->len) ? "," : "");
		pc_buf_json_string(ids, f->id);
		if (ok)
			shown++;
		else
			pc_buf_printf(hidden, "%s%s", hidden->len ? ", " : "",
				      pc_text_get(&f->title));
	}
	pc_buf_putc(only, ']');
	if (!hidden_ids->len && (me.roles & PC_ROLE_SUPERVISOR))
		pc_buf_reset(only);
	if (only->failed || hidden_ids->failed || hidden->failed) {
		pc_problems_add(pr, false, p->file_no, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	} else if (!shown) {
		char mine[48];
		pc_roles_format(me.roles, mine, sizeof(mine));
		pc_problems_add(pr, false, p->file_no,
				_("your roles (%s) do not allow reading any form of a "
				  "participant's file"),
				mine);
		st = PC_REFUSED;
	}
	pc_staff_clear(&me);
	return st;
}

