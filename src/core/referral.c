/* The consent rule of referrals (referral.h): a partner named in a save must
 * be one the person consented to share information with, per the intake's
 * consent answers. Deciding which partners need which consent is
 * partners.yaml's; outcome dates and the like are plain form rules in
 * forms/referral.yaml. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/partner.h"
#include "parcours/referral.h"

/* The intake's current answers (NULL when there is none). */
static enum pc_status intake_answers(struct pc_ctx *c, const struct pc_participant *who,
                                     struct pc_json **out, struct pc_problems *pr)
{
	struct pc_revision cur = {0};
	*out = NULL;
	enum pc_status st = pc_store_revision_current(c->store, who->id, "intake", "", &cur, pr);
	if (st == PC_OK && cur.revision > 0) {
		*out = pc_json_parse(cur.answers, strlen(cur.answers), NULL, 0);
		if (!*out) {
			pc_problems_add(pr, false, "intake",
			                _("the saved answers of file %s could not be read: the "
			                  "database is damaged"),
			                who->file_no);
			st = PC_UNUSABLE;
		}
	}
	pc_revision_clear(&cur);
	return st;
}

static enum pc_status check_field(struct pc_ctx *c, const struct pc_form *form,
                                  const struct pc_field *f, const char *code,
                                  const struct pc_participant *who, struct pc_json **intake,
                                  bool *intake_read, struct pc_problems *pr)
{
	const char *slash = strrchr(form->path, '/');
	int dirlen = slash ? (int)(slash - form->path) : 1;
	char path[4096];
	snprintf(path, sizeof(path), "%.*s/%s", dirlen, slash ? form->path : ".", f->choices->name);
	struct pc_partners *partners = NULL;
	if (pc_partners_load(path, &partners, pr) != PC_OK)
		return PC_UNUSABLE;
	enum pc_status st = PC_OK;
	const struct pc_partner *p = pc_partner_find(partners, code);
	if (!p || !p->consent)
		goto out;
	if (!*intake_read) {
		if ((st = intake_answers(c, who, intake, pr)) != PC_OK)
			goto out;
		*intake_read = true;
	}
	const struct pc_json *yes = *intake ? pc_json_object_get(*intake, p->consent) : NULL;
	if (yes && yes->kind == PC_JSON_TRUE)
		goto out;
	const struct pc_form *in = pc_formset_find(c->forms, "intake");
	const struct pc_field *cf = in ? pc_form_field(in, p->consent) : NULL;
	const char *what = cf ? pc_text_get(&cf->label) : p->consent;
	pc_problems_add(pr, false, f->name,
	                _("no referral to %s without the person's consent (intake: \"%s\" is not "
	                  "yes); record the consent in the intake first, or give the person the "
	                  "partner's contact so that they approach it themselves"),
	                pc_text_get(&p->name), what);
	st = PC_REFUSED;
out:
	pc_partners_free(&partners);
	return st;
}

enum pc_status pc_referral_consent(struct pc_ctx *c, const struct pc_form *form,
                                   const struct pc_participant *who, const struct pc_json *answers,
                                   struct pc_problems *pr)
{
	struct pc_json *intake = NULL;
	bool intake_read = false;
	enum pc_status st = PC_OK;
	for (size_t i = 0; i < form->nfields && st == PC_OK; i++) {
		const struct pc_field *f = &form->fields[i];
		if (f->type != PC_TYPE_CHOICE || !f->choices ||
		    !pc_partners_is_file(f->choices->name))
			continue;
		const struct pc_json *v = answers ? pc_json_object_get(answers, f->name) : NULL;
		if (v && v->kind == PC_JSON_STRING)
			st = check_field(c, form, f, v->string, who, &intake, &intake_read, pr);
	}
	pc_json_free(&intake);
	return st;
}
