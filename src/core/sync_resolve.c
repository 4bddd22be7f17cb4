/* Conflicts of sync (sync.h): listing the revisions set aside beside ours,
 * and a person's decision, which keeps both revisions on file and saves
 * the kept answers (ours again, theirs, or a merge of both) as a new
 * revision naming the conflict it settles: the decision reaches every copy
 * like any save and closes the same conflict there (sync_apply.c). Never
 * decided silently: every decision is audited. */
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/sync.h"

/* Whether c->login may read form k->form of k's person. */
static bool readable(struct pc_ctx *c, const struct pc_sync_conflict *k)
{
	struct pc_participant p = {0};
	struct pc_problems quiet = {0};
	const struct pc_form *f = NULL;
	bool ok = pc_store_participant_get(c->store, k->file_no, &p, &quiet) == PC_OK;
	if (ok && pc_formset_get(c->forms, k->form, &f, &quiet) != PC_OK)
		f = NULL; /* a form no longer defined: supervisors only */
	pc_problems_clear(&quiet);
	ok = ok && pc_staff_can_form(c, &p, f, k->form, false, &quiet) == PC_OK;
	pc_problems_clear(&quiet);
	pc_participant_clear(&p);
	return ok;
}

enum pc_status pc_sync_conflicts(struct pc_ctx *c, const char *file_no,
                                 struct pc_sync_conflict **out, size_t *n,
                                 struct pc_problems *pr)
{
	struct pc_staff me = {0};
	enum pc_status st = pc_staff_me(c, &me, pr);
	pc_staff_clear(&me);
	if (st == PC_OK)
		st = pc_store_sync_conflicts(c->store, file_no, out, n, pr);
	if (st != PC_OK)
		return st;
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		if (readable(c, &(*out)[i]))
			(*out)[kept++] = (*out)[i];
		else
			pc_sync_conflict_clear(&(*out)[i]);
	}
	*n = kept;
	return PC_OK;
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

/* How the person decided, and with what for a merge. */
struct decision {
	enum pc_sync_keep keep;
	const struct pc_edits *edits; /* merge: changes to our answers... */
	const struct pc_json *raw;    /* ... or the whole answers, typed */
	long long base;               /* merge with raw: the revision they start from */
};

static const char *keep_word(enum pc_sync_keep k)
{
	return k == PC_SYNC_KEEP_THEIRS ? "theirs" : k == PC_SYNC_KEEP_MERGED ? "merged" : "mine";
}

/* Mine or theirs: those answers, as they were saved, as a new revision of
 * ours that settles the conflict, audited as a save. Mine are our current
 * answers (saved again, so that the decision travels and becomes current
 * at the other side too). */
static enum pc_status save_kept(struct pc_ctx *c, const struct pc_participant *p,
                                const struct pc_sync_conflict *k, enum pc_sync_keep keep,
                                long long *revision, struct pc_problems *pr)
{
	struct pc_revision mine = {0};
	bool ours = keep == PC_SYNC_KEEP_MINE;
	if (ours) {
		enum pc_status st =
		    pc_store_revision_current(c->store, p->id, k->form, k->period, &mine, pr);
		if (st != PC_OK)
			return st;
		if (!mine.answers) { /* a conflict is with a revision of ours */
			pc_problems_add(pr, false, k->form, "%s", _("this form was never saved here"));
			return PC_UNUSABLE;
		}
	}
	char at[21];
	pc_clock_now(at);
	struct pc_revision r = {.participant_id = p->id, .form = k->form, .period = k->period,
	                        .form_version = ours ? mine.form_version : k->form_version,
	                        .answers = ours ? mine.answers : k->answers,
	                        .by = (char *)c->login, .at = at, .settles = k->revision};
	enum pc_status st = pc_store_revision_add(c->store, &r, -1, pr);
	if (st == PC_OK)
		st = pc_audit_saved(c, p, &r, pr);
	*revision = r.revision;
	pc_revision_clear(&mine);
	return st;
}

/* Merged: validated and saved as any save of the form (nested in the
 * caller's transaction), so a refused merge leaves everything as it was. */
static enum pc_status save_merged(struct pc_ctx *c, const char *file_no,
                                  const struct pc_sync_conflict *k, const struct decision *d,
                                  long long *revision, struct pc_problems *pr)
{
	const char *period = *k->period ? k->period : NULL;
	const struct pc_form *f = pc_formset_find(c->forms, k->form);
	long long entry = 0;
	/* a journal's revision is kept under its entry's id */
	if (f && f->period == PC_PERIOD_ENTRY && (!period || !pc_entry_id_parse(period, &entry))) {
		pc_problems_add(pr, false, k->form, "%s", _("this entry cannot be found"));
		return PC_REFUSED;
	}
	if (entry)
		period = NULL;
	if (d->raw && entry) {
		pc_problems_add(pr, false, k->form, "%s",
		                _("a journal entry is merged with parcours sync resolve --keep merged"));
		return PC_REFUSED;
	}
	struct pc_submit_request rq = {.form_id = k->form, .file_no = file_no, .period = period,
	                               .entry = entry};
	struct pc_submission s;
	enum pc_status st;
	if (d->raw) {
		rq.from = PC_SUBMIT_NOTHING;
		rq.base_revision = d->base;
		st = pc_submission_prepare_whole(c, &rq, d->raw, &s, pr);
	} else {
		rq.from = PC_SUBMIT_CURRENT;
		rq.base_revision = -1;
		rq.edits = d->edits;
		st = pc_submission_prepare(c, &rq, &s, pr);
	}
	s.settles = k->revision;
	if (st == PC_OK)
		st = pc_submission_commit(c, &s, pr);
	if (st == PC_OK)
		*revision = s.revision;
	pc_submission_clear(&s);
	return st;
}

static enum pc_status decide(struct pc_ctx *c, const char *file_no, const char *form,
                             const char *period, const struct decision *d, long long *revision,
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
	if (d->keep == PC_SYNC_KEEP_MERGED)
		st = save_merged(c, file_no, k, d, revision, pr);
	else
		st = save_kept(c, &p, k, d->keep, revision, pr);
	struct pc_buf b = {0};
	pc_buf_printf(&b, "sync conflict revision=%lld from=%s kept=%s saved=%lld", k->revision,
	              k->origin, keep_word(d->keep), *revision);
	char *detail = pc_buf_take(&b);
	if (st == PC_OK && !detail) {
		pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	if (st == PC_OK)
		st = pc_store_sync_conflict_close(c->store, p.id, form, period, c->login,
		                                  keep_word(d->keep), &closed, pr);
	if (st == PC_OK)
		st = pc_audit_record(c, PC_AUDIT_CHANGE, &p, form, detail, pr);
	free(detail);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (st != PC_OK)
		*revision = 0;
out:
	pc_sync_conflicts_free(&list, n);
	pc_participant_clear(&p);
	return st;
}

enum pc_status pc_sync_resolve(struct pc_ctx *c, const char *file_no, const char *form,
                               const char *period, bool keep_theirs, long long *revision,
                               struct pc_problems *pr)
{
	struct decision d = {.keep = keep_theirs ? PC_SYNC_KEEP_THEIRS : PC_SYNC_KEEP_MINE};
	return decide(c, file_no, form, period, &d, revision, pr);
}

enum pc_status pc_sync_resolve_merged(struct pc_ctx *c, const char *file_no, const char *form,
                                      const char *period, const struct pc_edits *edits,
                                      const struct pc_json *raw, long long base,
                                      long long *revision, struct pc_problems *pr)
{
	struct decision d = {.keep = PC_SYNC_KEEP_MERGED, .edits = edits, .raw = raw, .base = base};
	return decide(c, file_no, form, period, &d, revision, pr);
}
