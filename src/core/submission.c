/* Saving answers (core.h): intake of a new participant and a new revision of
 * any form. Each goes through pc_validate, then writes in one transaction;
 * nothing is stored unless every check passed. Permissions and programme
 * rules are not decided here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/sync_rules.h"
#include "parcours/audit.h"
#include "parcours/clock.h"
#include "parcours/core.h"
#include "parcours/enrolment.h"
#include "parcours/format.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/referral.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/staff.h"
#include "parcours/text.h"
#include "parcours/validate.h"
#include "parcours/value.h"
#include "entry_internal.h"

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

enum pc_status pc_intake_likely(struct pc_ctx *c, const char *family, const char *given,
			       const char *birth, struct pc_participant **out, size_t *n,
			       struct pc_problems *pr)
{
	*out = NULL;
	*n = 0;
	int y, m, d;
	if (!family || !given || !birth || strlen(birth) != 10 || !pc_parse_date(birth, &y, &m, &d))
		return PC_OK; /* nothing to compare yet */
	/* 07/03 typed for 03/07: the day and month swapped, when both can be months */
	char swapped[11];
	bool twin = d <= 12 && d != m;
	memcpy(swapped, birth, sizeof(swapped));
	memcpy(swapped + 5, birth + 8, 2);
	memcpy(swapped + 8, birth + 5, 2);
	char *fam = pc_text_fold(family), *giv = pc_text_fold(given);
	enum pc_status st = PC_UNUSABLE;
	if (fam && giv)
		st = pc_store_participant_same(c->store, birth, twin ? swapped : NULL, fam, giv, out,
					       n, pr);
	else
		pc_problems_add(pr, false, "intake", "%s", _("out of memory"));
	free(fam);
	free(giv);
	return st;
}

static void warn_duplicates(struct pc_ctx *c, const struct pc_json *clean, struct pc_problems *pr)
{
	struct pc_participant *same = NULL;
	size_t n = 0;
	struct pc_problems ignored = {0};
	if (pc_intake_likely(c, answer_text(clean, "family_name"), answer_text(clean, "given_name"),
			     answer_text(clean, "birth_date"), &same, &n, &ignored) == PC_OK) {
		for (size_t i = 0; i < n; i++)
			pc_problems_add(pr, true, same[i].file_no,
					_("possible duplicate: %s %s, born %s, already has this file"),
					same[i].given_name, same[i].family_name,
					same[i].birth_date ? same[i].birth_date : "-");
	}
	pc_participants_free(&same, n);
	pc_problems_clear(&ignored);
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
	/* a new person has no counsellor yet: caseload grants nothing here,
	 * except on a laptop copy, where the person is the intake taker's
	 * (theirs in the same transaction: the office accepts them so) */
	struct pc_participant p = {0};
	enum pc_status can = pc_intake_on_laptop(c, &p.counsellor, pr);
	if (can == PC_OK)
		can = pc_staff_can_form(c, p.counsellor ? &p : NULL, form, NULL, true, pr);
	if (can != PC_OK) {
		free(p.counsellor);
		return can;
	}
	struct pc_json *clean = NULL;
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
	if (form->period == PC_PERIOD_ENTRY)
		return true; /* pc_entry_target says what a journal takes */
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

void pc_submission_clear(struct pc_submission *s)
{
	pc_participant_clear(&s->who);
	free(s->period);
	free(s->reason);
	pc_json_free(&s->clean);
	pc_changes_free(&s->changes, s->nchanges);
	*s = (struct pc_submission){0};
}

enum { REASON_MAX_CHARS = 1000 };

/* A reason is text like any answer: valid UTF-8, no control characters, a
 * sane length. Kept trimmed; blank counts as none. */
static bool reason_ok(const char *reason, char **out, struct pc_problems *pr)
{
	*out = NULL;
	if (!reason)
		return true;
	size_t len = strlen(reason), chars = 0;
	if (!pc_utf8_valid(reason, len)) {
		pc_problems_add(pr, false, "reason", "%s", _("is not valid UTF-8 text"));
		return false;
	}
	if (pc_text_has_control(reason, false)) {
		pc_problems_add(pr, false, "reason", "%s",
				_("must not contain control characters (tabs, line breaks...)"));
		return false;
	}
	for (const char *p = reason; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars > REASON_MAX_CHARS) {
		pc_problems_add(pr, false, "reason", _("must have at most %d characters"),
				REASON_MAX_CHARS);
		return false;
	}
	char *t = strdup(reason);
	if (!t) {
		pc_problems_add(pr, false, "reason", "%s", _("out of memory"));
		return false;
	}
	if (!*pc_text_trim(t))
		free(t);
	else
		*out = t;
	return true;
}

/* Refuses a base revision that is not the latest, saying who saved since. */
static bool base_ok(const struct pc_form *form, const struct pc_revision *cur, long long want,
		    bool from_draft, struct pc_problems *pr)
{
	if (want < 0 || want == cur->revision)
		return true;
	char at[PC_FORMAT_MAX]; /* in local time: a person reads it */
	pc_format_time(at, sizeof(at), cur->at, PC_FORMAT_LONG);
	if (want > cur->revision)
		pc_problems_add(pr, false, form->id, _("revision %lld of this form does not exist"),
				want);
	else if (from_draft)
		pc_problems_add(pr, false, form->id,
				_("revision %lld was saved by %s on %s since the draft was started "
				  "from revision %lld"),
				cur->revision, cur->by, at, want);
	else
		pc_problems_add(pr, false, form->id,
				_("revision %lld was saved by %s on %s: revision %lld is not the "
				  "latest"),
				cur->revision, cur->by, at, want);
	return false;
}

/* The raw answers the save starts from, and the check's base. */
static enum pc_status starting_answers(struct pc_ctx *c, const struct pc_submit_request *rq,
				       struct pc_submission *s, const struct pc_json *stored,
				       struct pc_json **raw, long long *want,
				       struct pc_problems *pr)
{
	*want = rq->base_revision;
	if (rq->from == PC_SUBMIT_NOTHING) {
		*raw = pc_json_new(PC_JSON_OBJECT);
	} else if (rq->from == PC_SUBMIT_CURRENT) {
		*raw = pc_answers_to_raw(s->form, stored);
	} else {
		char *text = NULL;
		long long draft_base = -1;
		enum pc_status st = pc_store_draft_get(c->store, s->who.id, s->form->id, s->period,
						       c->login, &text, &draft_base, NULL, pr);
		if (st != PC_OK)
			return st;
		if (!text) {
			pc_problems_add(pr, false, s->form->id,
					_("there is no draft of this form kept by %s"), c->login);
			return PC_REFUSED;
		}
		*raw = pc_json_parse(text, strlen(text), NULL, 0);
		free(text);
		if (!*raw || (*raw)->kind != PC_JSON_OBJECT) {
			pc_json_free(raw);
			pc_problems_add(pr, false, s->form->id, "%s",
					_("the draft of this form could not be read"));
			return PC_UNUSABLE;
		}
		if (*want < 0)
			*want = draft_base < 0 ? 0 : draft_base;
	}
	if (!*raw) {
		pc_problems_add(pr, false, s->form->id, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	return PC_OK;
}

/* Reads what the save needs; `rq->edits` applies unless `legacy` (the
 * screen's whole answers, checked only against its own base). */
static enum pc_status prepare(struct pc_ctx *c, const struct pc_submit_request *rq,
			      bool legacy, const struct pc_json *whole, struct pc_submission *s,
			      struct pc_problems *pr)
{
	*s = (struct pc_submission){.check = -1};
	struct pc_revision cur = {0};
	struct pc_json *stored = NULL, *raw = NULL;
	enum pc_status st = PC_REFUSED;
	if (!(s->form = need_form(c, rq->form_id, pr)) || !period_ok(s->form, rq->period, pr))
		goto out;
	if ((st = pc_store_participant_get(c->store, rq->file_no, &s->who, pr)) != PC_OK)
		goto out;
	if ((st = pc_staff_can_form(c, &s->who, s->form, NULL, true, pr)) != PC_OK)
		goto out;
	const char *per = s->form->period == PC_PERIOD_MONTH ? rq->period : NULL;
	if ((st = pc_entry_target(c, s->form, &s->who, rq->period, rq->entry, &s->period, pr)) !=
	    PC_OK)
		goto out;
	s->entry = rq->entry;
	if (!s->period && !(s->period = strdup(per ? per : ""))) {
		st = PC_UNUSABLE;
		pc_problems_add(pr, false, s->form->id, "%s", _("out of memory"));
		goto out;
	}
	if (!reason_ok(rq->reason, &s->reason, pr)) {
		st = pc_problems_errors(pr) ? PC_REFUSED : PC_UNUSABLE;
		goto out;
	}
	if (per && !month_open_or_reason(c, per, s->reason, &s->closed, pr)) {
		st = pc_problems_errors(pr) ? PC_REFUSED : PC_UNUSABLE;
		goto out;
	}
	if (legacy) {
		s->check = rq->base_revision;
		st = pc_validate(s->form, c->expr, whole, per, PC_VALIDATE_SAVE, &s->clean, pr);
		if (st == PC_OK)
			st = pc_referral_consent(c, s->form, &s->who, s->clean, pr);
		goto out;
	}
	/* a new entry starts from nothing, whatever else is kept under "" */
	bool new_entry = s->form->period == PC_PERIOD_ENTRY && !s->entry;
	if (!new_entry)
		st = pc_store_revision_current(c->store, s->who.id, s->form->id, s->period, &cur,
					       pr);
	if (st != PC_OK)
		goto out;
	s->base = cur.revision;
	if (cur.revision > 0) {
		stored = pc_json_parse(cur.answers, strlen(cur.answers), NULL, 0);
		if (!stored || stored->kind != PC_JSON_OBJECT) {
			pc_problems_add(pr, false, s->form->id,
					_("the saved answers of file %s could not be read: the "
					  "database is damaged"),
					s->who.file_no);
			st = PC_UNUSABLE;
			goto out;
		}
	}
	long long want = -1;
	st = starting_answers(c, rq, s, stored, &raw, &want, pr);
	if (st != PC_OK)
		goto out;
	if (!base_ok(s->form, &cur, want, rq->from == PC_SUBMIT_DRAFT, pr)) {
		st = PC_REFUSED;
		goto out;
	}
	s->check = cur.revision;
	struct pc_json *merged = NULL;
	st = pc_edits_apply(rq->edits, s->form, raw, &merged, pr);
	if (st == PC_OK)
		st = pc_validate(s->form, c->expr, merged, per, PC_VALIDATE_SAVE, &s->clean, pr);
	pc_json_free(&merged);
	/* the programme's rules on a month's hours (participation.c) */
	if (st == PC_OK && per && !strcmp(s->form->id, PC_PARTICIPATION_FORM))
		st = pc_participation_check(c, &s->who, per, s->clean, pr);
	if (st == PC_OK)
		st = pc_referral_consent(c, s->form, &s->who, s->clean, pr);
	if (st == PC_OK)
		st = pc_changes_list(s->form, stored, s->clean, &s->changes, &s->nchanges, pr);
out:
	pc_revision_clear(&cur);
	pc_json_free(&stored);
	pc_json_free(&raw);
	if (st != PC_OK)
		pc_submission_clear(s);
	return st;
}

enum pc_status pc_submission_prepare(struct pc_ctx *c, const struct pc_submit_request *rq,
				     struct pc_submission *out, struct pc_problems *pr)
{
	return prepare(c, rq, false, NULL, out, pr);
}

enum pc_status pc_submission_prepare_whole(struct pc_ctx *c, const struct pc_submit_request *rq,
					   const struct pc_json *whole, struct pc_submission *out,
					   struct pc_problems *pr)
{
	return prepare(c, rq, true, whole, out, pr);
}

enum pc_status pc_submission_commit(struct pc_ctx *c, struct pc_submission *s,
				    struct pc_problems *pr)
{
	struct pc_revision r = {0};
	char now[21];
	pc_clock_now(now);
	s->revision = 0;
	r.participant_id = strdup(s->who.id);
	r.form = strdup(s->form->id);
	r.period = strdup(s->period);
	r.form_version = s->form->version;
	r.answers = pc_json_to_string(s->clean);
	r.by = strdup(c->login);
	r.at = strdup(now);
	r.settles = s->settles;
	enum pc_status st = PC_UNUSABLE;
	if (!r.participant_id || !r.form || !r.period || !r.answers || !r.by || !r.at) {
		pc_problems_add(pr, false, s->form->id, "%s", _("out of memory"));
		goto out;
	}
	if ((st = pc_store_begin(c->store, pr)) != PC_OK)
		goto out;
	long long entry = s->entry;
	st = pc_entry_before_save(c, s->form, &s->who, s->clean, now, &entry, &r, pr);
	if (st == PC_OK)
		st = pc_store_revision_add(c->store, &r, s->check, pr);
	/* a closed month needs the reason; any other reason given is kept too */
	if (st == PC_OK && s->reason)
		st = pc_store_month_change_add(c->store, s->who.id, s->form->id, r.period,
					       r.revision, s->reason, c->login, now, pr);
	if (st == PC_OK && !strcmp(s->form->id, "intake"))
		st = sync_identity(c, &s->who, s->clean, pr);
	/* the draft this login was typing is now saved: drop it in the same
	 * transaction, so a crash can never leave both or neither */
	if (st == PC_OK)
		st = pc_store_draft_delete(c->store, s->who.id, s->form->id, s->period, c->login,
					   pr);
	if (st == PC_OK && s->form->period == PC_PERIOD_ENTRY) {
		/* an entry is named as such in the log, never as a month */
		char detail[64];
		snprintf(detail, sizeof(detail), "revision=%lld entry=%lld", r.revision, entry);
		st = pc_audit_record(c, PC_AUDIT_CHANGE, &s->who, r.form, detail, pr);
	} else if (st == PC_OK) {
		st = pc_audit_saved(c, &s->who, &r, pr);
	}
	if (st == PC_OK)
		st = pc_store_commit(c->store, pr);
	else
		pc_store_rollback(c->store);
	if (st == PC_OK) {
		s->revision = r.revision;
		s->entry = entry;
	}
out:
	pc_revision_clear(&r);
	return st;
}

enum pc_status pc_submission_save_reason(struct pc_ctx *c, const char *form_id,
					 const char *file_no, const char *period,
					 const struct pc_json *raw, long long base_revision,
					 const char *reason, long long *revision,
					 struct pc_problems *pr)
{
	if (revision)
		*revision = 0;
	struct pc_submit_request rq = {.form_id = form_id,
				       .file_no = file_no,
				       .period = period,
				       .reason = reason,
				       .from = PC_SUBMIT_NOTHING,
				       .base_revision = base_revision};
	struct pc_submission s;
	enum pc_status st = pc_submission_prepare_whole(c, &rq, raw, &s, pr);
	if (st == PC_OK)
		st = pc_submission_commit(c, &s, pr);
	if (st == PC_OK && revision)
		*revision = s.revision;
	pc_submission_clear(&s);
	return st;
}

enum pc_status pc_entry_save(struct pc_ctx *c, const char *form_id, const char *file_no,
			     long long entry, const struct pc_json *raw, long long base_revision,
			     long long *entry_out, long long *revision, struct pc_problems *pr)
{
	*entry_out = 0;
	if (revision)
		*revision = 0;
	struct pc_submit_request rq = {.form_id = form_id,
				       .file_no = file_no,
				       .entry = entry,
				       .from = PC_SUBMIT_NOTHING,
				       .base_revision = base_revision};
	struct pc_submission s;
	enum pc_status st = pc_submission_prepare_whole(c, &rq, raw, &s, pr);
	if (st == PC_OK && s.form->period != PC_PERIOD_ENTRY) {
		pc_problems_add(pr, false, form_id, _("the form \"%s\" is not kept as entries"),
				form_id);
		st = PC_REFUSED;
	}
	if (st == PC_OK)
		st = pc_submission_commit(c, &s, pr);
	if (st == PC_OK) {
		*entry_out = s.entry;
		if (revision)
			*revision = s.revision;
	}
	pc_submission_clear(&s);
	return st;
}
