/* One participant's file for the screens (core.h): the record, the current
 * revision of a form, the history, and the drafts kept while typing. Thin
 * on purpose: the screens ask here, never the store. */
#include <stdlib.h>
#include <string.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"

enum pc_status pc_file_get(struct pc_ctx *c, const char *file_no, struct pc_participant *out,
			   struct pc_problems *pr)
{
	return pc_store_participant_get(c->store, file_no, out, pr);
}

enum pc_status pc_file_current(struct pc_ctx *c, const struct pc_participant *p,
			       const char *form_id, const char *period, struct pc_revision *out,
			       struct pc_problems *pr)
{
	/* a form the reader may not read is not fetched (staff.h) */
	if (p && p->id) {
		enum pc_status st =
		    pc_staff_can_form(c, p, pc_formset_find(c->forms, form_id), form_id, false, pr);
		if (st != PC_OK) {
			*out = (struct pc_revision){0};
			return st;
		}
	}
	return pc_store_revision_current(c->store, p ? p->id : "", form_id, period ? period : "", out, pr);
}

enum pc_status pc_file_history(struct pc_ctx *c, const struct pc_participant *p,
			       struct pc_revision **out, size_t *n, struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	struct pc_buf only = {0}, hidden_ids = {0}, hidden = {0};
	enum pc_status st = pc_access_readable(c, p, &only, &hidden_ids, &hidden, pr);
	if (st == PC_OK)
		st = pc_store_revision_list(c->store, p->id, only.len ? only.data : NULL, out, n,
					    pr);
	pc_buf_free(&only);
	pc_buf_free(&hidden_ids);
	pc_buf_free(&hidden);
	return st;
}

enum pc_status pc_draft_keep(struct pc_ctx *c, const struct pc_participant *p, const char *form_id,
			     const char *period, const struct pc_json *answers,
			     long long base_revision, struct pc_problems *pr)
{
	char *text = answers ? pc_json_to_string(answers) : strdup("{}");
	if (!text) {
		pc_problems_add(pr, false, form_id, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	enum pc_status st = pc_store_begin(c->store, pr);
	if (st == PC_OK)
		st = pc_store_draft_put(c->store, p ? p->id : "", form_id, period ? period : "", c->login,
					text, base_revision, pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	free(text);
	return st;
}

enum pc_status pc_draft_find(struct pc_ctx *c, const struct pc_participant *p, const char *form_id,
			     const char *period, struct pc_json **answers, long long *base_revision,
			     char kept_at[21], struct pc_problems *pr)
{
	*answers = NULL;
	char *text = NULL;
	enum pc_status st = pc_store_draft_get(c->store, p ? p->id : "", form_id, period ? period : "",
					       c->login, &text, base_revision, kept_at, pr);
	if (st == PC_OK && text) {
		*answers = pc_json_parse(text, strlen(text), NULL, 0);
		if (!*answers) {
			pc_problems_add(pr, false, form_id, "%s",
					_("the draft of this form could not be read"));
			st = PC_UNUSABLE;
		}
	}
	free(text);
	return st;
}

enum pc_status pc_draft_discard(struct pc_ctx *c, const struct pc_participant *p,
				const char *form_id, const char *period, struct pc_problems *pr)
{
	enum pc_status st = pc_store_begin(c->store, pr);
	if (st == PC_OK)
		st = pc_store_draft_delete(c->store, p ? p->id : "", form_id, period ? period : "", c->login,
					   pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	return st;
}
