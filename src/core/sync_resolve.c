/* Conflicts of sync (sync.h): listing the revisions set aside beside ours,
 * and a person's decision, which keeps both revisions on file and saves the
 * kept answers as a new revision when they are the other site's, so that
 * the decision reaches every copy like any save. Never decided silently. */
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/sync.h"

enum pc_status pc_sync_conflicts(struct pc_ctx *c, const char *file_no,
                                 struct pc_sync_conflict **out, size_t *n,
                                 struct pc_problems *pr)
{
	struct pc_staff me = {0};
	enum pc_status st = pc_staff_me(c, &me, pr);
	pc_staff_clear(&me);
	if (st != PC_OK)
		return st;
	return pc_store_sync_conflicts(c->store, file_no, out, n, pr);
}

/* The open conflict of that form and period (the last one when several). */
static const struct pc_sync_conflict *pick(const struct pc_sync_conflict *v, size_t n,
                                           const char *form, const char *period)
{
	const struct pc_sync_conflict *hit = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].form, form) == 0 && strcmp(v[i].period, period ? period : "") == 0)
			hit = &v[i];
	return hit;
}

enum pc_status pc_sync_resolve(struct pc_ctx *c, const char *file_no, const char *form,
                               const char *period, bool keep_theirs, long long *revision,
                               struct pc_problems *pr)
{
	*revision = 0;
	struct pc_participant p = {0};
	struct pc_sync_conflict *list = NULL;
	size_t n = 0, closed = 0;
	enum pc_status st = pc_store_participant_get(c->store, file_no, &p, pr);
	if (st == PC_OK)
		st = pc_staff_can_form(c, &p, pc_formset_find(c->forms, form), form, true, pr);
	if (st == PC_OK)
		st = pc_sync_conflicts(c, file_no, &list, &n, pr);
	if (st != PC_OK)
		goto out;
	const struct pc_sync_conflict *k = pick(list, n, form, period);
	if (!k) {
		pc_problems_add(pr, false, form, _("%s has no sync conflict on this form"), file_no);
		st = PC_REFUSED;
		goto out;
	}
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		goto out;
	if (keep_theirs) {
		char at[21];
		pc_clock_now(at);
		struct pc_revision r = {.participant_id = p.id, .form = k->form, .period = k->period,
		                        .form_version = k->form_version, .answers = k->answers,
		                        .by = (char *)c->login, .at = at};
		st = pc_store_revision_add(c->store, &r, -1, pr);
		if (st == PC_OK)
			st = pc_audit_saved(c, &p, &r, pr);
		*revision = r.revision;
	}
	struct pc_buf d = {0};
	pc_buf_printf(&d, "sync conflict revision=%lld from=%s kept=%s", k->revision, k->origin,
	              keep_theirs ? "theirs" : "mine");
	char *detail = pc_buf_take(&d);
	if (st == PC_OK && !detail) {
		pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	if (st == PC_OK)
		st = pc_store_sync_conflict_close(c->store, p.id, form, period, c->login,
		                                  keep_theirs ? "theirs" : "mine", &closed, pr);
	if (st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_CHANGE, &p, form, detail, pr);
	free(detail);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
out:
	pc_sync_conflicts_free(&list, n);
	pc_participant_clear(&p);
	return st;
}
