/* Exceptional access (caseload.h): a counsellor covering for a colleague
 * reads a file outside their caseload after typing why. The reason goes to
 * the audit log first; only then does this context read the person's
 * protected forms as their counsellor would (access.c asks
 * pc_exceptional_granted). Never a right to write, never kept past the
 * context: a new command or a new opening of the file asks again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/caseload.h"
#include "parcours/i18n.h"
#include "parcours/text.h"

enum { REASON_MAX_CHARS = 1000 };

bool pc_exceptional_possible(struct pc_ctx *c, const struct pc_participant *p)
{
	struct pc_staff me = {0};
	struct pc_problems ignored = {0};
	/* the forms weighed are all of them (form sets load lazily): none when
	 * one cannot be read, so no reason is asked for what cannot be shown */
	bool may = p && c->forms && pc_formset_load_all(c->forms, &ignored) == PC_OK &&
	           pc_staff_me(c, &me, &ignored) == PC_OK && (me.roles & PC_ROLE_COUNSELLOR) &&
	           !(me.roles & PC_ROLE_SUPERVISOR) &&
	           !(p->counsellor && !strcmp(p->counsellor, c->login));
	bool gain = false;
	for (size_t i = 0; may && c->forms && i < c->forms->len && !gain; i++) {
		unsigned a = c->forms->forms[i]->access_read;
		gain = (a & PC_ACCESS_CASELOAD) && !pc_access_allows(a, me.roles, c->login, p);
	}
	pc_staff_clear(&me);
	pc_problems_clear(&ignored);
	return may && gain;
}

/* The reason trimmed into a malloc'ed copy; PC_REFUSED when blank or not
 * text that can be recorded. */
static enum pc_status reason_text(const char *reason, char **out, struct pc_problems *pr)
{
	*out = NULL;
	const char *r = reason ? reason : "";
	size_t chars = 0;
	for (const char *q = r; *q; q++)
		chars += ((unsigned char)*q & 0xC0) != 0x80;
	const char *why = NULL;
	if (!pc_utf8_valid(r, strlen(r)))
		why = _("is not valid UTF-8 text");
	else if (pc_text_has_control(r, false))
		why = _("must not contain control characters (tabs, line breaks...)");
	else if (chars > REASON_MAX_CHARS)
		why = _("must have at most 1000 characters");
	if (why) {
		pc_problems_add(pr, false, "reason", "%s", why);
		return PC_REFUSED;
	}
	char *t = strdup(r);
	if (!t) {
		pc_problems_add(pr, false, "reason", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	if (!*pc_text_trim(t)) {
		free(t);
		pc_problems_add(pr, false, "reason", "%s",
		                _("say why you open this file outside your caseload (it is "
		                  "recorded and shown to supervisors)"));
		return PC_REFUSED;
	}
	*out = t;
	return PC_OK;
}

enum pc_status pc_exceptional_open(struct pc_ctx *c, const struct pc_participant *p,
                                   const char *reason, bool *granted, struct pc_problems *pr)
{
	char *why = NULL;
	if (granted)
		*granted = false;
	enum pc_status st = reason_text(reason, &why, pr);
	if (st == PC_OK)
		st = pc_staff_can(c, PC_DO_EXCEPTIONAL, p, NULL, pr);
	if (st == PC_OK && pc_exceptional_possible(c, p) && p->id &&
	    strlen(p->id) < sizeof(c->exceptional)) {
		/* recorded before anything is read: an access that cannot be
		 * recorded does not happen */
		st = pc_audit_record(c, PC_AUDIT_EXCEPTIONAL, p, NULL, why, pr);
		if (st == PC_OK) {
			snprintf(c->exceptional, sizeof(c->exceptional), "%s", p->id);
			if (granted)
				*granted = true;
		}
	}
	free(why);
	return st;
}

bool pc_exceptional_granted(const struct pc_ctx *c, const struct pc_participant *p)
{
	return c && p && p->id && c->exceptional[0] && !strcmp(c->exceptional, p->id);
}

void pc_exceptional_end(struct pc_ctx *c)
{
	c->exceptional[0] = '\0';
}
