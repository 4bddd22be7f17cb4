/* A person's enrolments for the screens (enrolment_view.h): the store's
 * rows with programme titles and exit-reason labels resolved, cut to what
 * the reader may see. Nothing is written or recorded here: showing a file
 * is recorded by the file screen's own reading of its forms. */
#include <stdlib.h>
#include <string.h>
#include "parcours/enrolment.h"
#include "parcours/enrolment_view.h"
#include "parcours/exit_reason.h"
#include "parcours/i18n.h"
#include "parcours/programme.h"
#include "parcours/staff.h"

void pc_enrolment_views_free(struct pc_enrolment_view **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++) {
		struct pc_enrolment_view *v = &(*list)[i];
		free(v->programme);
		free(v->title);
		free(v->start);
		free(v->end);
		free(v->reason);
	}
	free(*list);
	*list = NULL;
}

const struct pc_enrolment_view *pc_enrolment_views_open(const struct pc_enrolment_view *list,
                                                        size_t n)
{
	for (size_t i = n; i-- > 0;)
		if (!list[i].end)
			return &list[i];
	return NULL;
}

/* Whether c->login may read form `id` of p; a refusal is not a problem
 * here (the part is left out), an unreadable database is. */
static enum pc_status may_read(struct pc_ctx *c, const struct pc_participant *p, const char *id,
                               bool *yes, struct pc_problems *pr)
{
	struct pc_problems quiet = {0};
	enum pc_status st =
	    pc_staff_can_form(c, p, pc_formset_find(c->forms, id), id, false, &quiet);
	*yes = st == PC_OK;
	if (st == PC_UNUSABLE)
		pc_problems_take(pr, &quiet, "");
	pc_problems_clear(&quiet);
	return st == PC_UNUSABLE ? st : PC_OK;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

enum pc_status pc_file_enrolments(struct pc_ctx *c, const struct pc_participant *p,
                                  struct pc_enrolment_view **out, size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	bool see = false, reasons = false;
	enum pc_status st = may_read(c, p, "intake", &see, pr);
	if (st == PC_OK && see)
		st = may_read(c, p, "participation", &reasons, pr);
	if (st != PC_OK || !see)
		return st;
	struct pc_enrolment_row *rows = NULL;
	size_t len = 0;
	if ((st = pc_store_enrolment_list(c->store, p->id, &rows, &len, pr)) != PC_OK)
		return st;
	struct pc_enrolment_view *v = len ? calloc(len, sizeof(*v)) : NULL;
	bool ok = !len || v;
	const struct pc_exit_reasons *list = c->programmes ? &c->programmes->exit_reasons : NULL;
	for (size_t i = 0; ok && i < len; i++) {
		const struct pc_enrolment_row *r = &rows[i];
		const struct pc_programme *prog = pc_programme_find(c->programmes, r->programme);
		v[i].programme = dup_or_null(r->programme);
		v[i].title = dup_or_null(prog ? pc_text_get(&prog->title) : r->programme);
		v[i].start = dup_or_null(r->start);
		v[i].end = dup_or_null(r->end);
		if (reasons && r->end && r->end_reason)
			v[i].reason = dup_or_null(pc_exit_reason_label(list, r->end_reason));
		ok = v[i].programme && v[i].title && v[i].start && (!r->end || v[i].end) &&
		     (!reasons || !r->end || !r->end_reason || v[i].reason);
	}
	pc_enrolment_rows_free(&rows, len);
	if (!ok) {
		pc_enrolment_views_free(&v, len);
		pc_problems_add(pr, false, p->file_no ? p->file_no : "file", "%s",
		                _("out of memory"));
		return PC_UNUSABLE;
	}
	*out = v;
	*n = len;
	return PC_OK;
}
