/* What the console records and shows of who read a file (caseload.h): a
 * "read" audit entry when a protected form is shown on a screen, and, for
 * supervisors, the latest entries about one participant. The console
 * decides when a form is shown; whether it is recorded and who may see
 * the entries is decided here. */
#include <stdlib.h>
#include <string.h>
#include "parcours/caseload.h"
#include "parcours/i18n.h"

bool pc_form_protected(const struct pc_form *f)
{
	unsigned open = PC_ROLE_FRONTDESK | PC_ROLE_COUNSELLOR;
	return !f || (f->access_read & open) != open;
}

enum pc_status pc_file_viewed(struct pc_ctx *c, const struct pc_participant *p,
                              const struct pc_form *form, struct pc_problems *pr)
{
	if (!p || !p->id || !form || !pc_form_protected(form))
		return PC_OK;
	return pc_audit_record(c, PC_AUDIT_READ, p, form->id, "screen", pr);
}

void pc_audit_entries_free(struct pc_audit_entry **list, size_t n)
{
	for (size_t i = 0; *list && i < n; i++)
		pc_audit_entry_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

/* The last `max` entries seen, in a ring. */
struct ring {
	struct pc_audit_entry *e;
	size_t max, seen;
	bool oom;
};

static char *dup_or_null(const char *s, bool *oom)
{
	char *d = s ? strdup(s) : NULL;
	*oom |= s && !d;
	return d;
}

static bool keep(void *ctx, const struct pc_audit_entry *e)
{
	struct ring *r = ctx;
	struct pc_audit_entry *slot = &r->e[r->seen % r->max];
	pc_audit_entry_clear(slot);
	*slot = (struct pc_audit_entry){
	    .seq = e->seq,
	    .at = dup_or_null(e->at, &r->oom),
	    .login = dup_or_null(e->login, &r->oom),
	    .face = dup_or_null(e->face, &r->oom),
	    .action = dup_or_null(e->action, &r->oom),
	    .file_no = dup_or_null(e->file_no, &r->oom),
	    .form = dup_or_null(e->form, &r->oom),
	    .detail = dup_or_null(e->detail, &r->oom),
	};
	r->seen++;
	return !r->oom;
}

enum pc_status pc_file_read_by(struct pc_ctx *c, const struct pc_participant *p, size_t max,
                               struct pc_audit_entry **out, size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	struct pc_staff me = {0};
	enum pc_status st = pc_staff_me(c, &me, pr);
	unsigned roles = me.roles;
	pc_staff_clear(&me);
	if (st != PC_OK)
		return st;
	if (!(roles & PC_ROLE_SUPERVISOR)) {
		pc_problems_add(pr, false, c->login, "%s",
		                _("only a supervisor sees who read a participant's file"));
		return PC_REFUSED;
	}
	if (!max || !p || !p->file_no)
		return PC_OK;
	struct ring r = {calloc(max, sizeof(*r.e)), max, 0, false};
	if (!r.e) {
		pc_problems_add(pr, false, "audit", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	struct pc_audit_filter f = {.file_no = p->file_no};
	st = pc_store_audit_each(c->store, &f, keep, &r, pr);
	if (st == PC_OK && r.oom) {
		pc_problems_add(pr, false, "audit", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	size_t have = r.seen < max ? r.seen : max;
	struct pc_audit_entry *sorted =
	    st == PC_OK ? calloc(have ? have : 1, sizeof(*sorted)) : NULL;
	if (st == PC_OK && !sorted) {
		pc_problems_add(pr, false, "audit", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	/* newest first: the last one kept is at (seen - 1) % max */
	for (size_t i = 0; sorted && i < have; i++) {
		sorted[i] = r.e[(r.seen - 1 - i) % max];
		r.e[(r.seen - 1 - i) % max] = (struct pc_audit_entry){0};
	}
	pc_audit_entries_free(&r.e, max);
	if (st == PC_OK) {
		*out = sorted;
		*n = have;
	}
	return st;
}
