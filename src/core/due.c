/* What is due for a caseload (due.h pc_due_list): reads the people and
 * their latest enrolment, then the current revisions of the followup,
 * evaluation, referral and plan forms and last month's hours, and applies
 * the date rules of due_date.c. Reads only what the caller may read; never
 * writes, never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/audit.h"
#include "parcours/contract.h"
#include "parcours/format.h"
#include "parcours/due.h"
#include "parcours/enrolment.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/staff.h"
#include "parcours/text.h"

/* One person of the caseload and what the journal forms say of them. */
struct person {
	struct pc_participant p;
	char *programme, *start, *enrolment_id;
	bool enrolled, exited; /* an open enrolment; the latest one ended */
	bool followup_read;    /* the followup form was readable for them */
	char last_meeting[11], next_meeting[11];
	bool evaluation_read;
	char last_eval[11], next_eval[11];
};

struct due {
	struct pc_ctx *c;
	unsigned roles;
	struct person *people;
	size_t n, cap;
	struct pc_due_list *out;
	char horizon[11];           /* today + within */
	char month_ago[11];         /* today - 30 */
	const struct pc_form *form; /* the form being read */
	bool oom;
};

static const char *const KIND_NAMES[PC_DUE_NKINDS] = {
    "followup", "objective", "evaluation", "referral", "no_followup", "below_target", "contract_end"};

const char *pc_due_kind_name(enum pc_due_kind k)
{
	return (unsigned)k < PC_DUE_NKINDS ? KIND_NAMES[k] : "";
}

const char *pc_due_kind_title(enum pc_due_kind k)
{
	switch (k) {
	case PC_DUE_FOLLOWUP:
		return _("Follow-up meetings due");
	case PC_DUE_OBJECTIVE:
		return _("Objectives due or overdue");
	case PC_DUE_EVALUATION:
		return _("Evaluations due within 30 days or overdue");
	case PC_DUE_REFERRAL:
		return _("Referrals pending for more than 30 days");
	case PC_DUE_QUIET:
		return _("No follow-up for 30 days");
	case PC_DUE_BELOW:
		return _("Below the hours target last month");
	case PC_DUE_CONTRACT:
		return _("Work contracts ending within 30 days or ended");
	default:
		return "";
	}
}

void pc_due_list_clear(struct pc_due_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct pc_due_item *it = &l->items[i];
		free(it->file_no);
		free(it->family_name);
		free(it->given_name);
		free(it->counsellor);
		free(it->what);
	}
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

static char *dup(const char *s, bool *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

/* Adds an item for `who`; `what` is copied. */
static void add(struct due *d, const struct person *who, enum pc_due_kind kind, const char *what,
                const char *date)
{
	struct pc_due_list *l = d->out;
	long day, today;
	if (d->oom || !pc_date_days(date, &day) || !pc_date_days(l->today, &today))
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct pc_due_item *items = realloc(l->items, cap * sizeof(*items));
		if (!items) {
			d->oom = true;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	struct pc_due_item *it = &l->items[l->n];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	memcpy(it->date, date, 11);
	it->late = today - day;
	it->file_no = dup(who->p.file_no, &d->oom);
	it->family_name = dup(who->p.family_name, &d->oom);
	it->given_name = dup(who->p.given_name, &d->oom);
	it->counsellor = dup(who->p.counsellor, &d->oom);
	it->what = dup(what ? what : "", &d->oom);
	l->n++;
}

static void person_free(struct person *x)
{
	pc_participant_clear(&x->p);
	free(x->programme);
	free(x->start);
	free(x->enrolment_id);
}

static bool each_person(void *ctx, const struct pc_participant *p, const struct pc_enrolment_row *e)
{
	struct due *d = ctx;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		struct person *people = realloc(d->people, cap * sizeof(*people));
		if (!people)
			return !(d->oom = true);
		d->people = people;
		d->cap = cap;
	}
	struct person *x = &d->people[d->n];
	memset(x, 0, sizeof(*x));
	bool oom = false;
	x->p.id = dup(p->id, &oom);
	x->p.file_no = dup(p->file_no, &oom);
	x->p.family_name = dup(p->family_name, &oom);
	x->p.given_name = dup(p->given_name, &oom);
	x->p.birth_date = dup(p->birth_date, &oom);
	x->p.programme = dup(p->programme, &oom);
	x->p.counsellor = dup(p->counsellor, &oom);
	x->p.status = dup(p->status, &oom);
	x->p.version = p->version;
	if (e) {
		x->programme = dup(e->programme, &oom);
		x->start = dup(e->start, &oom);
		x->enrolment_id = dup(e->id, &oom);
		x->exited = e->end != NULL;
		x->enrolled = !x->exited && e->start && strcmp(e->start, d->out->today) <= 0;
	}
	d->n++;
	if (oom)
		d->oom = true;
	return !oom;
}

static int by_file_no(const void *key, const void *elem)
{
	return strcmp(key, ((const struct person *)elem)->p.file_no);
}

/* The person of a row, when the caller may read the form being read of
 * them and their file is not closed by an exit. */
static struct person *find(struct due *d, const struct pc_participant *p)
{
	struct person *x = bsearch(p->file_no, d->people, d->n, sizeof(*d->people), by_file_no);
	if (!x || x->exited ||
	    !pc_access_allows(d->form->access_read, d->roles, d->c->login, &x->p))
		return NULL;
	return x;
}

/* A top-level text answer of a revision's answers, or NULL. */
static const char *answer(const struct pc_json *a, const char *name)
{
	const struct pc_json *v = a ? pc_json_object_get(a, name) : NULL;
	return v && v->kind == PC_JSON_STRING ? v->string : NULL;
}

static struct pc_json *parse(const char *text)
{
	char err[128];
	return text ? pc_json_parse(text, strlen(text), err, sizeof(err)) : NULL;
}

static void copy_date(char out[11], const char *date)
{
	long days;
	if (pc_date_days(date, &days))
		memcpy(out, date, 11);
	else
		out[0] = '\0';
}

static bool each_followup(void *ctx, const struct pc_participant *p, const struct pc_entry *e,
                          const struct pc_revision *r)
{
	struct due *d = ctx;
	struct person *x = find(d, p);
	if (!x)
		return true;
	/* Rows come oldest first: the last one seen is the latest meeting. */
	struct pc_json *a = parse(r->answers);
	copy_date(x->last_meeting, e->date);
	copy_date(x->next_meeting, answer(a, "next_meeting"));
	pc_json_free(&a);
	return true;
}

static bool each_evaluation(void *ctx, const struct pc_participant *p, const struct pc_entry *e,
                            const struct pc_revision *r)
{
	struct due *d = ctx;
	struct person *x = find(d, p);
	if (!x)
		return true;
	struct pc_json *a = parse(r->answers);
	copy_date(x->last_eval, e->date);
	copy_date(x->next_eval, answer(a, "next_evaluation"));
	pc_json_free(&a);
	return true;
}

/* The label of choice `value` of field `name` of the form being read. */
static const char *choice_label(const struct due *d, const char *name, const char *value)
{
	const struct pc_field *f = pc_form_field(d->form, name);
	const struct pc_choice *ch = f && f->choices ? pc_choice_find(f->choices, value) : NULL;
	return ch ? pc_text_get(&ch->label) : value;
}

static bool each_referral(void *ctx, const struct pc_participant *p, const struct pc_entry *e,
                          const struct pc_revision *r)
{
	struct due *d = ctx;
	struct person *x = find(d, p);
	if (!x)
		return true;
	struct pc_json *a = parse(r->answers);
	const char *outcome = answer(a, "outcome");
	char due_on[11];
	if ((!outcome || !strcmp(outcome, "pending")) &&
	    pc_date_add_days(e->date, PC_DUE_REFERRAL_PENDING, due_on) &&
	    strcmp(e->date, d->month_ago) < 0) {
		const char *partner = answer(a, "partner");
		add(d, x, PC_DUE_REFERRAL, partner ? choice_label(d, "partner", partner) : "",
		    due_on);
	}
	pc_json_free(&a);
	return true;
}

static bool each_plan(void *ctx, const struct pc_participant *p, const struct pc_revision *r)
{
	struct due *d = ctx;
	struct person *x = find(d, p);
	if (!x)
		return true;
	struct pc_json *a = parse(r->answers);
	const struct pc_json *objs = a ? pc_json_object_get(a, "objectives") : NULL;
	for (size_t i = 0; objs && objs->kind == PC_JSON_ARRAY && i < objs->len; i++) {
		const struct pc_json *o = objs->items[i];
		const char *status = answer(o, "status"), *due_date = answer(o, "due_date");
		long days;
		if (!status || (strcmp(status, "planned") && strcmp(status, "in_progress")) ||
		    !pc_date_days(due_date, &days) || strcmp(due_date, d->horizon) > 0)
			continue;
		const char *what = answer(o, "objective");
		add(d, x, PC_DUE_OBJECTIVE, what ? what : _("(an objective without a title)"),
		    due_date);
	}
	pc_json_free(&a);
	return true;
}

/* Reads form `id` when defined, with `each`: entries or revisions. */
static enum pc_status read_form(struct due *d, const char *id, const char *counsellor,
                                struct pc_problems *pr)
{
	d->form = pc_formset_find(d->c->forms, id);
	if (!d->form)
		return PC_OK;
	/* Not fetched at all when no role of the caller nor the caseload reads it. */
	if (!(d->form->access_read & d->roles) &&
	    !((d->form->access_read & PC_ACCESS_CASELOAD) && (d->roles & PC_ROLE_COUNSELLOR)))
		return PC_OK;
	if (!strcmp(id, "plan"))
		return pc_store_revision_each_current(d->c->store, id, counsellor, each_plan, d,
		                                      pr);
	bool (*each)(void *, const struct pc_participant *, const struct pc_entry *,
	             const struct pc_revision *) = !strcmp(id, "followup")     ? each_followup
	                                           : !strcmp(id, "evaluation") ? each_evaluation
	                                                                       : each_referral;
	if (d->form->period != PC_PERIOD_ENTRY)
		return PC_OK;
	for (size_t i = 0; i < d->n; i++) {
		struct person *x = &d->people[i];
		bool can = !x->exited &&
		           pc_access_allows(d->form->access_read, d->roles, d->c->login, &x->p);
		if (!strcmp(id, "followup"))
			x->followup_read = can;
		else if (!strcmp(id, "evaluation"))
			x->evaluation_read = can;
	}
	return pc_store_entry_each_current(d->c->store, id, counsellor, each, d, pr);
}

/* A work contract ending within PC_CONTRACT_AHEAD days, or ended while
 * the enrolment goes on (no renewal, no exit): shown to whoever may read
 * the person's enrolment (the intake's readers). */
static enum pc_status contract_rule(struct due *d, struct person *x, struct pc_problems *pr)
{
	const struct pc_form *intake = pc_formset_find(d->c->forms, "intake");
	if (!x->enrolment_id ||
	    (intake && !pc_access_allows(intake->access_read, d->roles, d->c->login, &x->p)))
		return PC_OK;
	struct pc_contract k = {0};
	enum pc_status st = pc_store_contract_terms(d->c->store, x->enrolment_id, &k, pr);
	char ahead[11];
	const char *end = pc_contract_current_end(&k);
	if (st == PC_OK && end[0] &&
	    pc_date_add_days(d->out->today, PC_CONTRACT_AHEAD, ahead) && strcmp(end, ahead) <= 0) {
		const char *title = pc_programme_label(d->c->programmes, x->programme);
		char what[160];
		if (strcmp(end, d->out->today) < 0)
			snprintf(what, sizeof(what), _("contract over with no renewal nor exit: %s"),
			         title);
		else if (k.n > 1)
			snprintf(what, sizeof(what), _("renewed contract ends: %s"), title);
		else
			snprintf(what, sizeof(what), _("contract ends: %s"), title);
		add(d, x, PC_DUE_CONTRACT, what, end);
	}
	pc_contract_clear(&k);
	return st;
}

/* What follows from a person's own dates, once every form is read. */
static enum pc_status person_rules(struct due *d, struct person *x, const char *last_period,
                                   struct pc_problems *pr)
{
	if (x->exited)
		return PC_OK;
	char on[11];
	if (x->followup_read && x->next_meeting[0] && strcmp(x->next_meeting, d->horizon) <= 0) {
		char what[96];
		snprintf(what, sizeof(what), _("planned at the meeting of %s"), x->last_meeting);
		add(d, x, PC_DUE_FOLLOWUP, what, x->next_meeting);
	}
	if (!x->enrolled)
		return PC_OK;
	if (x->followup_read) {
		const char *since = x->last_meeting[0] && strcmp(x->last_meeting, x->start) > 0
		                        ? x->last_meeting
		                        : x->start;
		if (strcmp(since, d->month_ago) <= 0 &&
		    pc_date_add_days(since, PC_DUE_QUIET_DAYS, on)) {
			char what[96];
			if (since == x->last_meeting)
				snprintf(what, sizeof(what), _("last follow-up on %s"), since);
			else
				snprintf(what, sizeof(what),
				         _("no follow-up since the start on %s"), since);
			add(d, x, PC_DUE_QUIET, what, on);
		}
	}
	if (x->evaluation_read &&
	    pc_due_evaluation_date(x->start, NULL, x->last_eval[0] ? x->last_eval : NULL,
	                           x->next_eval[0] ? x->next_eval : NULL, on)) {
		char ahead[11];
		if (pc_date_add_days(d->out->today, PC_DUE_EVALUATION_AHEAD, ahead) &&
		    strcmp(on, ahead) <= 0)
			add(d, x, PC_DUE_EVALUATION,
			    x->last_eval[0] ? _("yearly evaluation") : _("first yearly evaluation"),
			    on);
	}
	enum pc_status cst = contract_rule(d, x, pr);
	if (cst != PC_OK)
		return cst;
	const struct pc_programme *prog = NULL;
	struct pc_month m;
	struct pc_problems quiet = {0};
	enum pc_status st = pc_participant_month(d->c, &x->p, last_period, &prog, &m, &quiet);
	pc_problems_clear(&quiet);
	if (st == PC_UNUSABLE)
		return st;
	char first[11], last[11];
	if (st == PC_OK && m.status == PC_MONTH_BELOW &&
	    pc_period_bounds(last_period, first, last)) {
		char what[256], h[PC_FORMAT_MAX], t[PC_FORMAT_MAX];
		snprintf(what, sizeof(what), _("%s of %s in %s"),
		         pc_format_hours(h, sizeof(h), m.total),
		         pc_format_hours(t, sizeof(t), m.target), last_period);
		add(d, x, PC_DUE_BELOW, what, last);
	}
	return PC_OK;
}

static int by_kind_date(const void *a, const void *b)
{
	const struct pc_due_item *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->date, y->date);
	return c ? c : strcmp(x->file_no ? x->file_no : "", y->file_no ? y->file_no : "");
}

/* Who the list is for: PC_OK with *scope (NULL: everyone) and the roles. */
static enum pc_status scope_of(struct pc_ctx *c, const char *counsellor, const char **scope,
                               unsigned *roles, struct pc_problems *pr)
{
	struct pc_staff me = {0};
	enum pc_status st = pc_staff_me(c, &me, pr);
	if (st != PC_OK)
		return st;
	*roles = me.roles;
	pc_staff_clear(&me);
	if (*roles & PC_ROLE_SUPERVISOR) {
		*scope = counsellor;
		return PC_OK;
	}
	if (!(*roles & PC_ROLE_COUNSELLOR)) {
		pc_problems_add(pr, false, c->login, "%s",
		                _("what is due is listed for counsellors and supervisors"));
		return PC_REFUSED;
	}
	if (counsellor && strcmp(counsellor, c->login)) {
		pc_problems_add(pr, false, c->login, "%s",
		                _("a counsellor sees what is due in their own caseload only"));
		return PC_REFUSED;
	}
	*scope = c->login;
	return PC_OK;
}

/* The list names objectives, partners and meetings read from the people's
 * forms: a run is one "read" entry of the audit (about no one file, so
 * that a counsellor's daily list does not bury the reads of each file),
 * saying whose caseload and how many lines it showed. */
static enum pc_status audit_listed(struct pc_ctx *c, const char *scope,
                                   const struct pc_due_list *l, struct pc_problems *pr)
{
	if (!l->n)
		return PC_OK; /* it showed nothing read from a file */
	char detail[160];
	snprintf(detail, sizeof(detail), "due list caseload=%.64s items=%zu",
	         scope ? scope : "*", l->n);
	return pc_audit_record(c, PC_AUDIT_READ, NULL, NULL, detail, pr);
}

enum pc_status pc_due_list(struct pc_ctx *c, const char *counsellor, int within,
                           struct pc_due_list *out, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->today, c->today, sizeof(out->today));
	out->within = within < 0 ? 0 : within;
	struct due d = {.c = c, .out = out};
	const char *scope = NULL;
	enum pc_status st = scope_of(c, counsellor, &scope, &d.roles, pr);
	if (st != PC_OK)
		return st;
	char last_period[8];
	long today;
	if (!pc_date_days(c->today, &today) ||
	    !pc_date_add_days(c->today, out->within, d.horizon) ||
	    !pc_date_add_days(c->today, -PC_DUE_QUIET_DAYS, d.month_ago)) {
		pc_problems_add(pr, false, "today", "%s", _("today's date is not a date"));
		return PC_UNUSABLE;
	}
	char first_of_month[11];
	memcpy(first_of_month, c->today, 8);
	memcpy(first_of_month + 8, "01", 3);
	char prev[11];
	pc_date_add_days(first_of_month, -1, prev);
	memcpy(last_period, prev, 7);
	last_period[7] = '\0';

	st = pc_store_due_people(c->store, scope, each_person, &d, pr);
	static const char *const forms[] = {"followup", "evaluation", "referral", "plan"};
	for (size_t i = 0; st == PC_OK && !d.oom && i < sizeof(forms) / sizeof(*forms); i++)
		st = read_form(&d, forms[i], scope, pr);
	for (size_t i = 0; st == PC_OK && !d.oom && i < d.n; i++)
		st = person_rules(&d, &d.people[i], last_period, pr);
	if (st == PC_OK && d.oom) {
		pc_problems_add(pr, false, "due", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	for (size_t i = 0; i < d.n; i++)
		person_free(&d.people[i]);
	free(d.people);
	if (st == PC_OK && out->n)
		qsort(out->items, out->n, sizeof(*out->items), by_kind_date);
	if (st == PC_OK)
		st = audit_listed(c, scope, out, pr);
	if (st != PC_OK)
		pc_due_list_clear(out);
	return st;
}
