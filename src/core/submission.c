/* Saving answers (core.h): intake of a new participant and a new revision of
 * any form. Each goes through pc_validate, then writes in one transaction;
 * nothing is stored unless every check passed. Permissions and programme
 * rules are not decided here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/clock.h"
#include "parcours/core.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/text.h"
#include "parcours/validate.h"
#include "parcours/value.h"

static const char *answer_text(const struct pc_json *answers, const char *name)
{
	const struct pc_json *v = pc_json_object_get(answers, name);
	return v && v->kind == PC_JSON_STRING ? v->string : NULL;
}

static const struct pc_form *need_form(struct pc_ctx *c, const char *id, struct pc_problems *pr)
{
	const struct pc_form *f = pc_formset_find(c->forms, id);
	if (!f)
		pc_problems_add(pr, false, "form", _("there is no form \"%s\" in %s"), id,
				c->forms && c->forms->dir ? c->forms->dir : "?");
	return f;
}

/* The intake answers every participant record needs, whatever an
 * organisation's intake form says. */
static bool identity_present(const struct pc_json *clean, struct pc_problems *pr)
{
	bool ok = true;
	static const char *const needed[] = {"family_name", "given_name"};
	for (size_t i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
		if (!answer_text(clean, needed[i])) {
			pc_problems_add(pr, false, needed[i], "%s", _("This answer is required."));
			ok = false;
		}
	}
	return ok;
}

static void warn_duplicates(struct pc_ctx *c, const struct pc_json *clean, struct pc_problems *pr)
{
	const char *birth = answer_text(clean, "birth_date");
	if (!birth)
		return;
	char *fam = pc_text_fold(answer_text(clean, "family_name"));
	char *giv = pc_text_fold(answer_text(clean, "given_name"));
	struct pc_participant *same = NULL;
	size_t n = 0;
	struct pc_problems ignored = {0};
	if (fam && giv &&
	    pc_store_participant_same(c->store, birth, fam, giv, &same, &n, &ignored) == PC_OK) {
		for (size_t i = 0; i < n; i++)
			pc_problems_add(pr, true, same[i].file_no,
					_("possible duplicate: %s %s, born %s, already has this file"),
					same[i].given_name, same[i].family_name, birth);
	}
	pc_participants_free(&same, n);
	pc_problems_clear(&ignored);
	free(fam);
	free(giv);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

enum pc_status pc_intake_add(struct pc_ctx *c, const struct pc_json *raw, char **file_no,
			     struct pc_problems *pr)
{
	*file_no = NULL;
	const struct pc_form *form = need_form(c, "intake", pr);
	if (!form)
		return PC_UNUSABLE;
	struct pc_json *clean = NULL;
	struct pc_participant p = {0};
	struct pc_revision r = {0};
	char *tokens = NULL;
	enum pc_status st = pc_validate(form, c->expr, raw, NULL, PC_VALIDATE_SAVE, &clean, pr);
	if (st != PC_OK)
		goto out;
	if (!identity_present(clean, pr)) {
		st = PC_REFUSED;
		goto out;
	}
	warn_duplicates(c, clean, pr);

	char now[21];
	pc_clock_now(now);
	p.family_name = dup_or_null(answer_text(clean, "family_name"));
	p.given_name = dup_or_null(answer_text(clean, "given_name"));
	p.birth_date = dup_or_null(answer_text(clean, "birth_date"));
	p.programme = dup_or_null(answer_text(clean, "programme"));
	p.status = strdup("active");
	p.created_by = strdup(c->login);
	p.created_at = strdup(now);
	tokens = pc_search_tokens(NULL, p.family_name, p.given_name);
	r.form = strdup(form->id);
	r.period = strdup("");
	r.form_version = form->version;
	r.answers = pc_json_to_string(clean);
	r.by = strdup(c->login);
	r.at = strdup(now);
	if (!p.family_name || !p.given_name || !p.status || !p.created_by || !p.created_at ||
	    !tokens || !r.form || !r.period || !r.answers || !r.by || !r.at) {
		pc_problems_add(pr, false, "intake", "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto out;
	}
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		goto out;
	st = pc_store_participant_insert(c->store, &p, tokens, c->today, pr);
	if (st == PC_OK) {
		r.participant_id = strdup(p.id);
		st = r.participant_id ? pc_store_revision_add(c->store, &r, -1, pr) : PC_UNUSABLE;
	}
	/* the screen's draft of a new intake is kept under no participant */
	if (st == PC_OK)
		st = pc_store_draft_delete(c->store, "", form->id, "", c->login, pr);
	if (st == PC_OK)
		st = pc_audit_saved(c, &p, &r, pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (st == PC_OK) {
		*file_no = p.file_no;
		p.file_no = NULL;
	}
out:
	free(tokens);
	pc_participant_clear(&p);
	pc_revision_clear(&r);
	pc_json_free(&clean);
	return st;
}

/* A period is "YYYY-MM" for monthly forms and absent otherwise. */
static bool period_ok(const struct pc_form *form, const char *period, struct pc_problems *pr)
{
	bool given = period && *period;
	if (form->period == PC_PERIOD_NONE) {
		if (given)
			pc_problems_add(pr, false, "period",
					_("the form \"%s\" is not kept by month: leave out --period"),
					form->id);
		return !given;
	}
	int y, m, d;
	char date[11];
	if (!given) {
		pc_problems_add(pr, false, "period",
				_("the form \"%s\" is kept by month: give the month as YYYY-MM, "
				  "e.g. --period 2026-09"),
				form->id);
		return false;
	}
	if (strlen(period) != 7 || snprintf(date, sizeof(date), "%s-01", period) != 10 ||
	    !pc_parse_date(date, &y, &m, &d)) {
		pc_problems_add(pr, false, "period",
				_("\"%s\" is not a month: write it as YYYY-MM, e.g. 2026-09"), period);
		return false;
	}
	return true;
}

/* Keeps the participant record (names, birth date, programme, search keys)
 * in step with the current intake. */
static enum pc_status sync_identity(struct pc_ctx *c, struct pc_participant *p,
				    const struct pc_json *clean, struct pc_problems *pr)
{
	const char *fam = answer_text(clean, "family_name");
	const char *giv = answer_text(clean, "given_name");
	if (!fam || !giv)
		return identity_present(clean, pr) ? PC_OK : PC_REFUSED;
	char *nf = strdup(fam), *ng = strdup(giv);
	char *nb = dup_or_null(answer_text(clean, "birth_date"));
	char *np = dup_or_null(answer_text(clean, "programme"));
	char *tokens = pc_search_tokens(p->file_no, fam, giv);
	enum pc_status st = PC_UNUSABLE;
	if (nf && ng && tokens) {
		free(p->family_name);
		free(p->given_name);
		free(p->birth_date);
		free(p->programme);
		p->family_name = nf;
		p->given_name = ng;
		p->birth_date = nb;
		p->programme = np;
		nf = ng = nb = np = NULL;
		st = pc_store_participant_update(c->store, p, tokens, -1, pr);
	} else {
		pc_problems_add(pr, false, "intake", "%s", _("out of memory"));
	}
	free(nf);
	free(ng);
	free(nb);
	free(np);
	free(tokens);
	return st;
}

/* Whether a save in `period` may go on: an open month always, a closed one
 * only with a reason. */
static bool month_open_or_reason(struct pc_ctx *c, const char *period, const char *reason,
				 bool *closed, struct pc_problems *pr)
{
	char *by = NULL, *at = NULL;
	*closed = false;
	if (pc_store_month_closed(c->store, period, &by, &at, pr) != PC_OK)
		return false;
	*closed = by != NULL;
	bool ok = !*closed || (reason && reason[strspn(reason, " \t")]);
	if (!ok)
		pc_problems_add(pr, false, "period",
				_("the month %s was closed by %s on %.10s: changing it needs a reason "
				  "(--reason)"),
				period, by, at);
	free(by);
	free(at);
	return ok;
}

enum pc_status pc_submission_save(struct pc_ctx *c, const char *form_id, const char *file_no,
				  const char *period, const struct pc_json *raw,
				  long long base_revision, long long *revision,
				  struct pc_problems *pr)
{
	return pc_submission_save_reason(c, form_id, file_no, period, raw, base_revision, NULL,
					 revision, pr);
}

enum pc_status pc_submission_save_reason(struct pc_ctx *c, const char *form_id,
					 const char *file_no, const char *period,
					 const struct pc_json *raw, long long base_revision,
					 const char *reason, long long *revision,
					 struct pc_problems *pr)
{
	if (revision)
		*revision = 0;
	const struct pc_form *form = need_form(c, form_id, pr);
	if (!form)
		return PC_REFUSED;
	if (!period_ok(form, period, pr))
		return PC_REFUSED;
	struct pc_participant p = {0};
	struct pc_revision r = {0};
	struct pc_json *clean = NULL;
	enum pc_status st = pc_store_participant_get(c->store, file_no, &p, pr);
	if (st != PC_OK)
		goto out;
	const char *per = form->period == PC_PERIOD_MONTH ? period : NULL;
	bool closed = false;
	if (per && !month_open_or_reason(c, per, reason, &closed, pr)) {
		st = pc_problems_errors(pr) ? PC_REFUSED : PC_UNUSABLE;
		goto out;
	}
	st = pc_validate(form, c->expr, raw, per, PC_VALIDATE_SAVE, &clean, pr);
	if (st != PC_OK)
		goto out;
	char now[21];
	pc_clock_now(now);
	r.participant_id = strdup(p.id);
	r.form = strdup(form->id);
	r.period = strdup(per ? per : "");
	r.form_version = form->version;
	r.answers = pc_json_to_string(clean);
	r.by = strdup(c->login);
	r.at = strdup(now);
	if (!r.participant_id || !r.form || !r.period || !r.answers || !r.by || !r.at) {
		pc_problems_add(pr, false, form->id, "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto out;
	}
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		goto out;
	st = pc_store_revision_add(c->store, &r, base_revision, pr);
	if (st == PC_OK && closed)
		st = pc_store_month_change_add(c->store, p.id, form->id, per, r.revision, reason,
					       c->login, now, pr);
	if (st == PC_OK && !strcmp(form->id, "intake"))
		st = sync_identity(c, &p, clean, pr);
	/* the draft this login was typing is now saved: drop it in the same
	 * transaction, so a crash can never leave both or neither */
	if (st == PC_OK)
		st = pc_store_draft_delete(c->store, p.id, form->id, r.period, c->login, pr);
	if (st == PC_OK)
		st = pc_audit_saved(c, &p, &r, pr);
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (st == PC_OK && revision)
		*revision = r.revision;
out:
	pc_participant_clear(&p);
	pc_revision_clear(&r);
	pc_json_free(&clean);
	return st;
}
