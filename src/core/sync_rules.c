/* The office's rules applied to what a laptop sends (sync_rules.h): one
 * decision per table, then, change by change, the laptop login's caseload
 * and roles at the office now, the forms' write access (pc_access_allows,
 * the rule of submit) and the forms' validation (pc_validate, as a save).
 * Reading the changeset is the store's (sync_check.c); applying it is
 * sync_apply.c's. Nothing here writes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "parcours/stored.h"
#include "parcours/sync.h"
#include "parcours/sync_newcomers.h"
#include "parcours/sync_rules.h"
#include "parcours/validate.h"

/* Every table of the schema, with what a laptop may send of it. A table
 * missing here is refused from a laptop, and tests/unit/test_sync_rules.c
 * fails until it is decided. `roles`: a role the login must hold at the
 * office besides (0: none). */
static const struct decided {
	const char *table;
	enum pc_sync_rule rule;
	unsigned roles;
} RULES[] = {
    /* who works here and with which rights, the site's own code, closed months */
    {"staff", PC_SYNC_RULE_OFFICE, 0},
    {"staff_role", PC_SYNC_RULE_OFFICE, 0},
    {"local_site", PC_SYNC_RULE_OFFICE, 0},
    {"month_closing", PC_SYNC_RULE_OFFICE, 0},
    /* never recorded (sync_record.c): a forged file naming them is refused */
    {"file_counter", PC_SYNC_RULE_UNSENT, 0},
    {"participant_token", PC_SYNC_RULE_UNSENT, 0},
    {"draft", PC_SYNC_RULE_UNSENT, 0},
    {"sync_self", PC_SYNC_RULE_UNSENT, 0},
    {"sync_peer", PC_SYNC_RULE_UNSENT, 0},
    {"sync_log", PC_SYNC_RULE_UNSENT, 0},
    {"sync_seen", PC_SYNC_RULE_UNSENT, 0},
    {"sync_conflict", PC_SYNC_RULE_UNSENT, 0},
    {"sync_held", PC_SYNC_RULE_UNSENT, 0},
    /* derived from the revisions, rebuilt on each side */
    {"month_total", PC_SYNC_RULE_UNSENT, 0},
    /* the person's file: their caseload */
    {"participant", PC_SYNC_RULE_PERSON, 0},
    {"enrolment", PC_SYNC_RULE_PERSON, 0},
    {"enrolment_change", PC_SYNC_RULE_PERSON, 0},
    {"contract_term", PC_SYNC_RULE_PERSON, 0},
    {"ami_presence", PC_SYNC_RULE_PERSON, 0},
    /* enrolling someone who does not meet the conditions: a supervisor's */
    {"eligibility_exception", PC_SYNC_RULE_PERSON, PC_ROLE_SUPERVISOR},
    /* answers: the form's write access and validation too */
    {"revision", PC_SYNC_RULE_FORM, 0},
    {"entry", PC_SYNC_RULE_FORM, 0},
    {"month_change", PC_SYNC_RULE_FORM, 0},
    {"audit", PC_SYNC_RULE_CHAINED, 0},
    {"ami_session", PC_SYNC_RULE_SHARED, 0},
};

static const struct decided *decided(const char *table)
{
	for (size_t i = 0; i < sizeof(RULES) / sizeof(RULES[0]); i++)
		if (!strcmp(RULES[i].table, table))
			return &RULES[i];
	return NULL;
}

enum pc_sync_rule pc_sync_rule_of(const char *table)
{
	const struct decided *d = table ? decided(table) : NULL;
	return d ? d->rule : PC_SYNC_RULE_UNDECIDED;
}

void pc_sync_refusal_clear(struct pc_sync_refusal *r)
{
	free(r->participant_id);
	free(r->file_no);
	free(r->form);
	free(r->detail);
	memset(r, 0, sizeof(*r));
}

struct weigh {
	struct pc_ctx *c;
	const char *site, *origin, *login;
	unsigned roles;
	struct pc_sync_refusal *why;
	struct pc_problems *pr;
	enum pc_status st;
	/* the change's person is no longer the login's here but the laptop
	 * still holds them: judged as when they were its caseload */
	bool held_there;
};

static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Refuses the file at change `ch`: one problem at its file number (else
 * "sync"), and what the office's audit entry says. Returns false (stop). */
static bool refuse(struct weigh *w, const struct pc_sync_change *ch, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static bool refuse(struct weigh *w, const struct pc_sync_change *ch, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(w->pr, false, ch && ch->file_no ? ch->file_no : "sync", "%s", msg);
	w->st = PC_REFUSED;
	struct pc_buf d = {0};
	pc_buf_printf(&d, "site=%s origin=%s table=%s: %s", w->site, w->origin,
	              ch ? ch->table : "-", msg);
	w->why->detail = pc_buf_take(&d);
	if (ch) {
		w->why->participant_id = dup(ch->participant_id);
		w->why->file_no = dup(ch->file_no);
		w->why->form = dup(ch->form);
	}
	return false;
}

static bool oom(struct weigh *w)
{
	pc_problems_add(w->pr, false, "sync", "%s", _("out of memory"));
	w->st = PC_UNUSABLE;
	return false;
}

/* A new person from a laptop: assigned to its login (pc_intake_add on a
 * laptop copy does it) and numbered with the site it was made at. */
static bool new_person_ok(const struct weigh *w, const struct pc_sync_change *ch)
{
	size_t k = strlen(w->origin);
	return ch->counsellor && !strcmp(ch->counsellor, w->login) && ch->file_no &&
	       !strncmp(ch->file_no, w->origin, k) && ch->file_no[k] == '-';
}

/* The answers of a revision, checked as a save here checks them. */
static bool answers_ok(struct weigh *w, const struct pc_sync_change *ch, const struct pc_form *f)
{
	struct pc_problems local = {0};
	struct pc_json *stored = NULL, *raw = NULL, *clean = NULL;
	enum pc_status st = pc_stored_answers(f, f->id, ch->file_no, ch->period, ch->answers,
	                                      &stored, &local);
	if (st == PC_OK && stored && !(raw = pc_answers_to_raw(f, stored)))
		st = PC_UNUSABLE;
	const char *period = f->period == PC_PERIOD_MONTH ? ch->period : NULL;
	if (st == PC_OK && raw)
		st = pc_validate(f, w->c->expr, raw, period, PC_VALIDATE_SAVE, &clean, &local);
	bool ok = st == PC_OK;
	if (!ok) {
		struct pc_buf what = {0};
		for (size_t i = 0; i < local.len; i++)
			if (!local.items[i].warning)
				pc_buf_printf(&what, "%s%s: %s", what.len ? "; " : "",
				              local.items[i].where, local.items[i].message);
		pc_buf_putc(&what, '\0');
		if (what.failed)
			oom(w);
		else
			refuse(w, ch,
			       _("site %s: the office's form %s refuses these answers (%s); the file "
			         "was refused, nothing was applied"),
			       w->site, f->id, what.data);
		pc_buf_free(&what);
	}
	pc_json_free(&stored);
	pc_json_free(&raw);
	pc_json_free(&clean);
	pc_problems_clear(&local);
	return ok;
}

static bool form_ok(struct weigh *w, const struct pc_sync_change *ch)
{
	if (!ch->form)
		return true;
	const struct pc_form *f = pc_formset_find(w->c->forms, ch->form);
	if (!f)
		return refuse(w, ch,
		              _("site %s: the form %s is not defined at the office; the file was "
		                "refused, nothing was applied"),
		              w->site, ch->form);
	struct pc_participant p = {.id = (char *)ch->participant_id,
	                           .file_no = (char *)ch->file_no,
	                           .counsellor = (char *)(w->held_there ? w->login : ch->counsellor)};
	if (!pc_access_allows(f->access_write, w->roles, w->login, &p)) {
		char mine[48];
		pc_roles_format(w->roles, mine, sizeof(mine));
		return refuse(w, ch,
		              _("site %s: the roles of %s at the office (%s) do not allow changing "
		                "the form %s; the file was refused, nothing was applied"),
		              w->site, w->login, mine, f->id);
	}
	if (!strcmp(ch->table, "revision") && ch->op == PC_SYNC_INSERT && ch->answers)
		return answers_ok(w, ch, f);
	return true;
}

/* A person assigned elsewhere at the office since the laptop received
 * them: what was typed while it held them is theirs to send; the next
 * exchange takes the person off the laptop (sync_newcomers.c). */
static bool laptop_holds(struct weigh *w, const struct pc_sync_change *ch)
{
	bool yes = false;
	if (pc_store_sync_held_has(w->c->store, w->site, ch->participant_id, &yes, w->pr) != PC_OK)
		w->st = PC_UNUSABLE;
	return yes;
}

static bool weigh_one(void *ctx, const struct pc_sync_change *ch)
{
	struct weigh *w = ctx;
	w->held_there = false;
	const struct decided *d = decided(ch->table);
	enum pc_sync_rule rule = d ? d->rule : PC_SYNC_RULE_UNDECIDED;
	if (rule == PC_SYNC_RULE_CHAINED || rule == PC_SYNC_RULE_SHARED)
		return true;
	if (rule != PC_SYNC_RULE_PERSON && rule != PC_SYNC_RULE_FORM)
		return refuse(w, ch,
		              _("site %s: the table %s is changed at the office only, never from a "
		                "laptop; the file was refused, nothing was applied"),
		              w->site, ch->table);
	bool person_row = !strcmp(ch->table, "participant");
	if (person_row && ch->op == PC_SYNC_DELETE)
		return refuse(w, ch,
		              _("site %s: a person's file is never deleted from a laptop; the file "
		                "was refused, nothing was applied"),
		              w->site);
	if (!ch->participant_id) {
		/* an update or deletion of a row the office no longer holds:
		 * applying it changes nothing here (sync_apply.c) */
		if (ch->op != PC_SYNC_INSERT)
			return true;
		return refuse(w, ch,
		              _("site %s: a change to %s names no person; the file was refused, "
		                "nothing was applied"),
		              w->site, ch->table);
	}
	if (ch->created) {
		if (!new_person_ok(w, ch))
			return refuse(w, ch,
			              _("site %s: a person created on a laptop must be assigned to its "
			                "login %s and numbered %s-...; the file was refused, nothing "
			                "was applied"),
			              w->site, w->login, w->origin);
	} else if (!ch->held) {
		return refuse(w, ch,
		              _("site %s: a change is about a person the office does not hold; the "
		                "file was refused, nothing was applied"),
		              w->site);
	} else if ((!ch->counsellor || strcmp(ch->counsellor, w->login) != 0) &&
	           !(w->held_there = laptop_holds(w, ch))) {
		if (w->st != PC_OK)
			return false;
		return refuse(w, ch,
		              _("site %s: this person is not in the caseload of %s at the office "
		                "(reassigned since the copy?); the file was refused, nothing was "
		                "applied"),
		              w->site, w->login);
	}
	if (person_row && ch->op == PC_SYNC_UPDATE && ch->sets_counsellor &&
	    !(w->roles & PC_ROLE_SUPERVISOR))
		return refuse(w, ch,
		              _("site %s: only a supervisor may change a person's counsellor, and "
		                "%s is not one at the office; the file was refused, nothing was "
		                "applied"),
		              w->site, w->login);
	if (d->roles && !(w->roles & d->roles)) {
		char mine[48], need[48];
		pc_roles_format(w->roles, mine, sizeof(mine));
		pc_roles_format(d->roles, need, sizeof(need));
		return refuse(w, ch,
		              _("site %s: a change to %s needs the role %s, and the roles of %s at "
		                "the office are %s; the file was refused, nothing was applied"),
		              w->site, ch->table, need, w->login, mine);
	}
	return rule == PC_SYNC_RULE_FORM ? form_ok(w, ch) : true;
}

void pc_sync_rules_clear(struct pc_sync_rules *r)
{
	pc_store_sync_shapes_free(&r->shapes);
}

enum pc_status pc_sync_check(struct pc_ctx *c, struct pc_sync_rules *r, const void *cs, size_t n,
                             const char *origin, struct pc_sync_refusal *why,
                             struct pc_problems *pr)
{
	struct weigh w = {.c = c, .site = r->site, .origin = origin, .login = r->login,
	                  .why = why, .pr = pr, .st = PC_OK};
	if (!r->read) {
		struct pc_staff who = {0};
		enum pc_status st = pc_store_staff_get(c->store, r->login, &who, pr);
		if (st != PC_OK)
			return st;
		bool enabled = who.login && !who.disabled;
		r->roles = who.roles;
		pc_staff_clear(&who);
		if (!enabled) {
			refuse(&w, NULL,
			       _("site %s: %s is not an enabled staff member at the office; the file "
			         "was refused, nothing was applied"),
			       r->site, r->login);
			return PC_REFUSED;
		}
		r->read = true;
	}
	w.roles = r->roles;
	enum pc_status st = pc_store_sync_changes(c->store, &r->shapes, cs, n, weigh_one, &w, pr);
	return st != PC_OK ? st : w.st;
}

enum pc_status pc_intake_on_laptop(struct pc_ctx *c, char **counsellor, struct pc_problems *pr)
{
	*counsellor = NULL;
	struct pc_sync_self self = {0};
	bool found = false;
	enum pc_status st = pc_store_sync_self_get(c->store, &self, &found, pr);
	if (st == PC_OK && found && self.upstream && !(*counsellor = strdup(c->login))) {
		pc_problems_add(pr, false, "intake", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	pc_sync_self_clear(&self);
	return st;
}
