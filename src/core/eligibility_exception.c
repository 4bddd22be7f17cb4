/* The enrolment's side of eligibility (eligibility.h): how a person stands
 * against a programme's conditions from their latest intake, the rule that
 * a person who does not meet them is enrolled only with a supervisor's
 * exception and its reason, and that exception kept, audited and shown.
 * Called by pc_enrol (participation.c) and by show and export-person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/eligibility.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "parcours/stored.h"
#include "parcours/text.h"

enum { REASON_MAX = 500 };

enum pc_status pc_eligibility_of(struct pc_ctx *c, const struct pc_participant *p,
                                 const struct pc_programme *prog,
                                 struct pc_eligibility_outcome *out, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	const struct pc_eligibility *e = &prog->eligibility;
	out->len = e->len < PC_CONDITIONS_MAX ? e->len : PC_CONDITIONS_MAX;
	if (!out->len)
		return PC_OK;
	struct pc_revision cur = {0};
	struct pc_json *answers = NULL;
	enum pc_status st = pc_store_revision_current(c->store, p->id, "intake", "", &cur, pr);
	if (st == PC_OK && cur.revision > 0)
		st = pc_stored_answers(pc_formset_find(c->forms, "intake"), "intake", p->file_no,
		                       "", cur.answers, &answers, pr);
	if (st == PC_OK) {
		out->no_intake = !answers;
		for (size_t i = 0; i < out->len; i++) {
			out->state[i] = pc_condition_eval(&e->items[i], answers);
			out->not_met += out->state[i] != PC_CONDITION_MET;
		}
	}
	pc_json_free(&answers);
	pc_revision_clear(&cur);
	return st;
}

void pc_eligibility_explain(const struct pc_programme *prog, const struct pc_eligibility_outcome *o,
                            bool warning, struct pc_problems *pr)
{
	if (o->no_intake && o->not_met) {
		pc_problems_add(pr, warning, "eligibility", "%s",
		                _("no intake: eligibility unknown"));
		return;
	}
	for (size_t i = 0; i < o->len; i++) {
		const char *label = pc_text_get(&prog->eligibility.items[i].label);
		if (o->state[i] == PC_CONDITION_UNMET)
			pc_problems_add(pr, warning, "eligibility", _("not met: %s"), label);
		else if (o->state[i] == PC_CONDITION_UNKNOWN)
			pc_problems_add(pr, warning, "eligibility",
			                _("not answered in the intake: %s"), label);
	}
}

/* A reason people will read in the file and the audit: some words, on one line. */
static bool reason_ok(const char *reason, struct pc_problems *pr)
{
	size_t n = strlen(reason), blank = strspn(reason, " \t");
	if (blank == n) {
		pc_problems_add(pr, false, "exception", "%s",
		                _("give the reason for the exception, in a few words"));
		return false;
	}
	if (n > REASON_MAX || pc_text_has_control(reason, false)) {
		pc_problems_add(pr, false, "exception",
		                _("the reason is one line of at most %d characters"), REASON_MAX);
		return false;
	}
	return true;
}

enum pc_status pc_eligibility_gate(struct pc_ctx *c, const struct pc_participant *p,
                                   const struct pc_programme *prog, const char *exception,
                                   struct pc_eligibility_outcome *o, struct pc_problems *pr)
{
	enum pc_status st = pc_eligibility_of(c, p, prog, o, pr);
	if (st != PC_OK)
		return st;
	if (!o->not_met) {
		if (!exception)
			return PC_OK;
		pc_problems_add(
		    pr, false, "exception",
		    _("%s meets every condition of %s: there is no exception to confirm"),
		    p->file_no, pc_text_get(&prog->title));
		return PC_REFUSED;
	}
	if (!exception) {
		pc_eligibility_explain(prog, o, false, pr);
		pc_problems_add(
		    pr, false, "eligibility",
		    _("%s asks for these conditions: a supervisor confirms the exception, "
		      "with its reason (enrol --exception REASON)"),
		    pc_text_get(&prog->title));
		return PC_REFUSED;
	}
	/* a counsellor does not enrol with an exception pending: the person is
	 * enrolled once, by the supervisor who answers for it */
	st = pc_staff_can(c, PC_DO_CONFIRM_ELIGIBILITY, p, NULL, pr);
	if (st == PC_OK && !reason_ok(exception, pr))
		st = PC_REFUSED;
	pc_eligibility_explain(prog, o, st == PC_OK, pr);
	return st;
}

/* {"no_intake":B,"conditions":[{"field":F,"state":S}...]}: the conditions not met. */
static void conditions_json(const struct pc_programme *prog, const struct pc_eligibility_outcome *o,
                            struct pc_buf *b)
{
	pc_buf_printf(b, "{\"no_intake\":%s,\"conditions\":[", o->no_intake ? "true" : "false");
	bool first = true;
	for (size_t i = 0; i < o->len; i++) {
		if (o->state[i] == PC_CONDITION_MET)
			continue;
		pc_buf_puts(b, first ? "{\"field\":" : ",{\"field\":");
		pc_buf_json_string(b, prog->eligibility.items[i].field);
		pc_buf_printf(b, ",\"state\":\"%s\"}", pc_condition_state_name(o->state[i]));
		first = false;
	}
	pc_buf_puts(b, "]}");
}

enum pc_status pc_eligibility_exception_save(struct pc_ctx *c, const struct pc_participant *p,
                                             const struct pc_programme *prog,
                                             const char *enrolment_id,
                                             const struct pc_eligibility_outcome *o,
                                             const char *reason, const char *at,
                                             struct pc_problems *pr)
{
	struct pc_buf conds = {0}, detail = {0};
	conditions_json(prog, o, &conds);
	pc_buf_printf(&detail, "eligibility exception programme=%s not_met=", prog->id);
	bool first = true;
	for (size_t i = 0; i < o->len; i++)
		if (o->state[i] != PC_CONDITION_MET) {
			pc_buf_printf(&detail, "%s%s:%s", first ? "" : ",",
			              prog->eligibility.items[i].field,
			              pc_condition_state_name(o->state[i]));
			first = false;
		}
	pc_buf_printf(&detail, "%s reason=%s", o->no_intake ? " no_intake" : "", reason);
	enum pc_status st;
	if (conds.failed || detail.failed) {
		pc_problems_add(pr, false, "exception", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	} else {
		struct pc_eligibility_exception_row r = {
		    .enrolment_id = (char *)enrolment_id,
		    .participant_id = p->id,
		    .programme = prog->id,
		    .conditions = conds.data,
		    .reason = (char *)reason,
		    .by = (char *)c->login,
		    .at = (char *)at,
		};
		st = pc_store_eligibility_exception_add(c->store, &r, pr);
		if (st == PC_OK)
			st = pc_audit_record(c, PC_AUDIT_CHANGE, p, NULL, detail.data, pr);
	}
	pc_buf_free(&conds);
	pc_buf_free(&detail);
	return st;
}

/* The label of a stored condition: from today's programmes file, else its field. */
static const char *condition_label(const struct pc_programme *prog, const char *field)
{
	for (size_t i = 0; prog && field && i < prog->eligibility.len; i++)
		if (!strcmp(prog->eligibility.items[i].field, field))
			return pc_text_get(&prog->eligibility.items[i].label);
	return field ? field : "?";
}

static void show_json(const struct pc_programme *prog, const struct pc_eligibility_exception_row *r,
                      const struct pc_json *conds, struct pc_buf *out)
{
	const struct pc_json *no = pc_json_object_get(conds, "no_intake");
	const struct pc_json *list = pc_json_object_get(conds, "conditions");
	pc_buf_puts(out, ",\"eligibility_exception\":{\"reason\":");
	pc_buf_json_string(out, r->reason);
	pc_buf_puts(out, ",\"by\":");
	pc_buf_json_string(out, r->by);
	pc_buf_puts(out, ",\"at\":");
	pc_buf_json_string(out, r->at);
	pc_buf_printf(out, ",\"no_intake\":%s,\"conditions\":[",
	              no && no->kind == PC_JSON_TRUE ? "true" : "false");
	for (size_t i = 0; list && list->kind == PC_JSON_ARRAY && i < list->len; i++) {
		const struct pc_json *f = pc_json_object_get(list->items[i], "field");
		const struct pc_json *s = pc_json_object_get(list->items[i], "state");
		const char *field = f && f->kind == PC_JSON_STRING ? f->string : NULL;
		pc_buf_puts(out, i ? ",{\"field\":" : "{\"field\":");
		pc_buf_json_string(out, field ? field : "");
		pc_buf_puts(out, ",\"label\":");
		pc_buf_json_string(out, condition_label(prog, field));
		pc_buf_puts(out, ",\"state\":");
		pc_buf_json_string(out, s && s->kind == PC_JSON_STRING ? s->string : "unknown");
		pc_buf_putc(out, '}');
	}
	pc_buf_puts(out, "]}");
}

static void show_text(const struct pc_programme *prog, const struct pc_eligibility_exception_row *r,
                      const struct pc_json *conds, struct pc_buf *out)
{
	char *reason = pc_text_escape(r->reason, false);
	pc_buf_printf(out, _("    eligibility exception confirmed by %s on %.10s: %s\n"), r->by,
	              r->at, reason ? reason : "");
	free(reason);
	const struct pc_json *no = pc_json_object_get(conds, "no_intake");
	const struct pc_json *list = pc_json_object_get(conds, "conditions");
	if (no && no->kind == PC_JSON_TRUE) {
		pc_buf_printf(out, "      %s\n", _("no intake: eligibility unknown"));
		return;
	}
	for (size_t i = 0; list && list->kind == PC_JSON_ARRAY && i < list->len; i++) {
		const struct pc_json *f = pc_json_object_get(list->items[i], "field");
		const struct pc_json *s = pc_json_object_get(list->items[i], "state");
		const char *label =
		    condition_label(prog, f && f->kind == PC_JSON_STRING ? f->string : NULL);
		bool unmet = s && s->kind == PC_JSON_STRING && !strcmp(s->string, "unmet");
		pc_buf_puts(out, "      ");
		pc_buf_printf(out, unmet ? _("not met: %s") : _("not answered in the intake: %s"),
		              label);
		pc_buf_putc(out, '\n');
	}
}

enum pc_status pc_eligibility_exception_show(struct pc_ctx *c, const char *enrolment_id, bool json,
                                             struct pc_buf *out, struct pc_problems *pr)
{
	struct pc_eligibility_exception_row r = {0};
	bool found = false;
	enum pc_status st =
	    pc_store_eligibility_exception_get(c->store, enrolment_id, &r, &found, pr);
	if (st != PC_OK || !found)
		return st;
	const struct pc_programme *prog = pc_programme_find(c->programmes, r.programme);
	struct pc_json *conds =
	    r.conditions ? pc_json_parse(r.conditions, strlen(r.conditions), NULL, 0) : NULL;
	if (json)
		show_json(prog, &r, conds, out);
	else
		show_text(prog, &r, conds, out);
	pc_json_free(&conds);
	pc_eligibility_exception_row_clear(&r);
	return PC_OK;
}

enum pc_status pc_eligibility_exception_line(struct pc_ctx *c, const struct pc_participant *p,
                                             char **out, struct pc_problems *pr)
{
	*out = NULL;
	/* the exception is read with the enrolment's details: by those who may
	 * read the participation form, as show does */
	struct pc_problems quiet = {0};
	enum pc_status st = pc_staff_can_form(c, p, pc_formset_find(c->forms, "participation"),
	                                      "participation", false, &quiet);
	if (st == PC_UNUSABLE)
		pc_problems_take(pr, &quiet, "");
	pc_problems_clear(&quiet);
	if (st != PC_OK)
		return st == PC_UNUSABLE ? st : PC_OK;
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	if ((st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr)) != PC_OK)
		return st;
	const struct pc_enrolment_row *open = NULL;
	for (size_t i = 0; i < n; i++)
		if (!rows[i].end)
			open = &rows[i];
	struct pc_eligibility_exception_row r = {0};
	bool found = false;
	if (open)
		st = pc_store_eligibility_exception_get(c->store, open->id, &r, &found, pr);
	if (st == PC_OK && found) {
		struct pc_buf b = {0};
		char *reason = pc_text_escape(r.reason, false);
		pc_buf_printf(&b, _("eligibility exception confirmed by %s: %s"), r.by,
		              reason ? reason : "");
		free(reason);
		if (b.failed) {
			pc_buf_free(&b);
			pc_problems_add(pr, false, p->file_no, "%s", _("out of memory"));
			st = PC_UNUSABLE;
		} else {
			*out = pc_buf_take(&b);
		}
	}
	pc_eligibility_exception_row_clear(&r);
	pc_enrolment_rows_free(&rows, n);
	return st;
}
