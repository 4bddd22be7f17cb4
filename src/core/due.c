/* What is due for a caseload (due.h pc_due_list): walks the people in file
 * number order and, for one person at a time, reads the current revisions
 * of their followup, evaluation, referral and plan forms and last month's
 * hours and applies the date rules of due_date.c; only what is due is
 * kept, then sorted by a small key. Reads only what the caller may read;
 * never writes but the audit line, never prints. */
#include <stdint.h>
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

/* The journal forms read, in the order main read them. */
enum journal { FOLLOWUP, EVALUATION, REFERRAL, PLAN, NJOURNALS };
static const char *const JOURNALS[NJOURNALS] = {"followup", "evaluation", "referral", "plan"};

/* What the newest entry of a journal form says: its date and the next one
 * it planned (followup: next_meeting; evaluation: next_evaluation). */
struct latest {
	bool read; /* the form was readable for them */
	char last[11], next[11];
};

/* The person being read; pointers into the store's row. */
struct person {
	const struct pc_participant *p;
	const char *programme, *start, *enrolment_id;
	bool enrolled, exited; /* an open enrolment; the latest one ended */
	struct latest followup, evaluation;
};

/* Chunks the items' strings are kept in (freed with the list). */
struct pc_due_text {
	struct pc_due_text *next;
	size_t used, size;
	char data[];
};
enum { TEXT_CHUNK = 16384 };

struct due {
	struct pc_ctx *c;
	unsigned roles;
	char today[11];
	int within;
	struct pc_due_spill *spill; /* the items, sorted on the way out */
	size_t n, per_kind[PC_DUE_NKINDS];
	char horizon[11];   /* today + within */
	char month_ago[11]; /* today - 30 */
	char last_period[8];
	/* the forms read of anyone (NULL: not defined, or no role of the
	 * caller nor the caseload reads it) */
	const struct pc_form *forms[NJOURNALS];
	struct person *x; /* the person being read */
	enum pc_status st;
	struct pc_problems *pr;
	bool failed; /* an item could not be kept: d->st says why */
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
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
	while (l->text) {
		struct pc_due_text *next = l->text->next;
		free(l->text);
		l->text = next;
	}
}

/* A copy of s among the list's strings (NULL stays NULL). */
static char *keep(struct pc_due_list *l, const char *s, bool *oom)
{
	if (!s || *oom)
		return NULL;
	size_t n = strlen(s) + 1;
	if (!l->text || l->text->size - l->text->used < n) {
		size_t size = n > TEXT_CHUNK ? n : TEXT_CHUNK;
		struct pc_due_text *t = malloc(sizeof(*t) + size);
		if (!t) {
			*oom = true;
			return NULL;
		}
		*t = (struct pc_due_text){.next = l->text, .size = size};
		l->text = t;
	}
	char *c = memcpy(l->text->data + l->text->used, s, n);
	l->text->used += n;
	return c;
}

/* Adds an item for the person being read; `what` is copied. */
static void add(struct due *d, enum pc_due_kind kind, const char *what, const char *date)
{
	const struct pc_participant *p = d->x->p;
	long day, today;
	if (d->failed || !pc_date_days(date, &day) || !pc_date_days(d->today, &today))
		return;
	struct pc_due_item it = {.kind = kind,
	                         .late = today - day,
	                         .file_no = p->file_no,
	                         .family_name = p->family_name,
	                         .given_name = p->given_name,
	                         .counsellor = p->counsellor,
	                         .what = (char *)(what ? what : "")};
	memcpy(it.date, date, 11);
	if ((d->st = pc_due_spill_add(d->spill, &it, d->pr)) != PC_OK) {
		d->failed = true;
		return;
	}
	d->n++;
	d->per_kind[kind]++;
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

/* Reading the newest entry of a journal form into `into`. */
struct newest {
	struct latest *into;
	const char *next; /* the answer naming the next one */
};

static bool each_newest(void *ctx, const char *date, const char *answers)
{
	struct newest *w = ctx;
	struct pc_json *a = parse(answers);
	copy_date(w->into->last, date);
	copy_date(w->into->next, answer(a, w->next));
	pc_json_free(&a);
	return false; /* the newest is the only one that counts */
}

/* The label of choice `value` of field `name` of form f. */
static const char *choice_label(const struct pc_form *f, const char *name, const char *value)
{
	const struct pc_field *fd = pc_form_field(f, name);
	const struct pc_choice *ch = fd && fd->choices ? pc_choice_find(fd->choices, value) : NULL;
	return ch ? pc_text_get(&ch->label) : value;
}

static bool each_referral(void *ctx, const char *date, const char *answers)
{
	struct due *d = ctx;
	struct pc_json *a = parse(answers);
	const char *outcome = answer(a, "outcome");
	char due_on[11];
	if ((!outcome || !strcmp(outcome, "pending")) &&
	    pc_date_add_days(date, PC_DUE_REFERRAL_PENDING, due_on) &&
	    strcmp(date, d->month_ago) < 0) {
		const char *partner = answer(a, "partner");
		add(d, PC_DUE_REFERRAL,
		    partner ? choice_label(d->forms[REFERRAL], "partner", partner) : "", due_on);
	}
	pc_json_free(&a);
	return !d->failed;
}

static bool each_plan(void *ctx, const char *date, const char *answers)
{
	(void)date;
	struct due *d = ctx;
	struct pc_json *a = parse(answers);
	const struct pc_json *objs = a ? pc_json_object_get(a, "objectives") : NULL;
	for (size_t i = 0; objs && objs->kind == PC_JSON_ARRAY && i < objs->len; i++) {
		const struct pc_json *o = objs->items[i];
		const char *status = answer(o, "status"), *due_date = answer(o, "due_date");
		long days;
		if (!status || (strcmp(status, "planned") && strcmp(status, "in_progress")) ||
		    !pc_date_days(due_date, &days) || strcmp(due_date, d->horizon) > 0)
			continue;
		const char *what = answer(o, "objective");
		add(d, PC_DUE_OBJECTIVE, what ? what : _("(an objective without a title)"),
		    due_date);
	}
	pc_json_free(&a);
	return !d->failed;
}

/* Which journal forms are read at all: defined, read by a role of the
 * caller or by the caseload's counsellor, and (but the plan) kept as a
 * journal. */
static void forms_read(struct due *d)
{
	for (int i = 0; i < NJOURNALS; i++) {
		const struct pc_form *f = pc_formset_find(d->c->forms, JOURNALS[i]);
		if (f && !(f->access_read & d->roles) &&
		    !((f->access_read & PC_ACCESS_CASELOAD) && (d->roles & PC_ROLE_COUNSELLOR)))
			f = NULL;
		if (f && i != PLAN && f->period != PC_PERIOD_ENTRY)
			f = NULL;
		d->forms[i] = f;
	}
}

/* Reads the journal forms of the person being read that the caller may
 * read of them: the newest follow-up and evaluation, and what is due from
 * their referrals and plan. */
static enum pc_status read_journals(struct due *d, struct pc_problems *pr)
{
	struct person *x = d->x;
	struct pc_store *s = d->c->store;
	const char *id = x->p->id;
	enum pc_status st = PC_OK;
	for (int i = 0; st == PC_OK && !d->failed && i < NJOURNALS; i++) {
		const struct pc_form *f = d->forms[i];
		if (!f || !pc_access_allows(f->access_read, d->roles, d->c->login, x->p))
			continue;
		struct newest w = {.into = i == FOLLOWUP ? &x->followup : &x->evaluation,
		                   .next = i == FOLLOWUP ? "next_meeting" : "next_evaluation"};
		switch (i) {
		case FOLLOWUP:
		case EVALUATION:
			w.into->read = true;
			st = pc_store_due_entries(s, id, JOURNALS[i], true, each_newest, &w, pr);
			break;
		case REFERRAL:
			st = pc_store_due_entries(s, id, JOURNALS[i], false, each_referral, d, pr);
			break;
		default:
			st = pc_store_due_periods(s, id, JOURNALS[i], each_plan, d, pr);
		}
	}
	return st;
}

/* A work contract ending within PC_CONTRACT_AHEAD days, or ended while
 * the enrolment goes on (no renewal, no exit): shown to whoever may read
 * the person's enrolment (the intake's readers). */
static enum pc_status contract_rule(struct due *d, struct person *x, struct pc_problems *pr)
{
	const struct pc_form *intake = pc_formset_find(d->c->forms, "intake");
	if (!x->enrolment_id ||
	    (intake && !pc_access_allows(intake->access_read, d->roles, d->c->login, x->p)))
		return PC_OK;
	struct pc_contract k = {0};
	enum pc_status st = pc_store_contract_terms(d->c->store, x->enrolment_id, &k, pr);
	char ahead[11];
	const char *end = pc_contract_current_end(&k);
	if (st == PC_OK && end[0] &&
	    pc_date_add_days(d->today, PC_CONTRACT_AHEAD, ahead) && strcmp(end, ahead) <= 0) {
		const char *title = pc_programme_label(d->c->programmes, x->programme);
		char what[160];
		if (strcmp(end, d->today) < 0)
			snprintf(what, sizeof(what), _("contract over with no renewal nor exit: %s"),
			         title);
		else if (k.n > 1)
			snprintf(what, sizeof(what), _("renewed contract ends: %s"), title);
		else
			snprintf(what, sizeof(what), _("contract ends: %s"), title);
		add(d, PC_DUE_CONTRACT, what, end);
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
	if (x->followup.read && x->followup.next[0] && strcmp(x->followup.next, d->horizon) <= 0) {
		char what[96];
		snprintf(what, sizeof(what), _("planned at the meeting of %s"), x->followup.last);
		add(d, PC_DUE_FOLLOWUP, what, x->followup.next);
	}
	if (!x->enrolled)
		return PC_OK;
	if (x->followup.read) {
		const char *since = x->followup.last[0] && strcmp(x->followup.last, x->start) > 0
		                        ? x->followup.last
		                        : x->start;
		if (strcmp(since, d->month_ago) <= 0 &&
		    pc_date_add_days(since, PC_DUE_QUIET_DAYS, on)) {
			char what[96];
			if (since == x->followup.last)
				snprintf(what, sizeof(what), _("last follow-up on %s"), since);
			else
				snprintf(what, sizeof(what),
				         _("no follow-up since the start on %s"), since);
			add(d, PC_DUE_QUIET, what, on);
		}
	}
	if (x->evaluation.read &&
	    pc_due_evaluation_date(x->start, NULL, x->evaluation.last[0] ? x->evaluation.last : NULL,
	                           x->evaluation.next[0] ? x->evaluation.next : NULL, on)) {
		char ahead[11];
		if (pc_date_add_days(d->today, PC_DUE_EVALUATION_AHEAD, ahead) &&
		    strcmp(on, ahead) <= 0)
			add(d, PC_DUE_EVALUATION,
			    x->evaluation.last[0] ? _("yearly evaluation") : _("first yearly evaluation"),
			    on);
	}
	enum pc_status cst = contract_rule(d, x, pr);
	if (cst != PC_OK)
		return cst;
	const struct pc_programme *prog = NULL;
	struct pc_month m;
	struct pc_problems quiet = {0};
	enum pc_status st = pc_participant_month(d->c, x->p, last_period, &prog, &m, &quiet);
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
		add(d, PC_DUE_BELOW, what, last);
	}
	return PC_OK;
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
static enum pc_status audit_listed(struct pc_ctx *c, const char *scope, size_t n,
                                   struct pc_problems *pr)
{
	if (!n)
		return PC_OK; /* it showed nothing read from a file */
	char detail[160];
	snprintf(detail, sizeof(detail), "due list caseload=%.64s items=%zu", scope ? scope : "*",
	         n);
	return pc_audit_record(c, PC_AUDIT_READ, NULL, NULL, detail, pr);
}

static bool each_person(void *ctx, const struct pc_participant *p, const struct pc_enrolment_row *e)
{
	struct due *d = ctx;
	struct person x = {.p = p};
	if (e) {
		x.programme = e->programme;
		x.start = e->start;
		x.enrolment_id = e->id;
		x.exited = e->end != NULL;
		x.enrolled = !x.exited && e->start && strcmp(e->start, d->today) <= 0;
	}
	if (x.exited) /* an exit ends what is due */
		return true;
	d->x = &x;
	d->st = read_journals(d, d->pr);
	if (d->st == PC_OK && !d->failed)
		d->st = person_rules(d, &x, d->last_period, d->pr);
	d->x = NULL;
	return d->st == PC_OK && !d->failed;
}

enum pc_status pc_due_each(struct pc_ctx *c, const char *counsellor, int within,
                           bool (*head)(void *ctx, const struct pc_due_head *h),
                           bool (*item)(void *ctx, const struct pc_due_item *it), void *ctx,
                           struct pc_problems *pr)
{
	struct due d = {.c = c, .within = within < 0 ? 0 : within, .pr = pr};
	memcpy(d.today, c->today, sizeof(d.today));
	const char *scope = NULL;
	enum pc_status st = scope_of(c, counsellor, &scope, &d.roles, pr);
	if (st != PC_OK)
		return st;
	long today;
	if (!pc_date_days(c->today, &today) || !pc_date_add_days(c->today, d.within, d.horizon) ||
	    !pc_date_add_days(c->today, -PC_DUE_QUIET_DAYS, d.month_ago)) {
		pc_problems_add(pr, false, "today", "%s", _("today's date is not a date"));
		return PC_UNUSABLE;
	}
	char first_of_month[11];
	memcpy(first_of_month, c->today, 8);
	memcpy(first_of_month + 8, "01", 3);
	char prev[11];
	pc_date_add_days(first_of_month, -1, prev);
	memcpy(d.last_period, prev, 7);
	d.last_period[7] = '\0';

	if ((st = pc_due_spill_open(&d.spill, pr)) != PC_OK)
		return st;
	forms_read(&d);
	st = pc_store_due_people(c->store, scope, each_person, &d, pr);
	if (st == PC_OK)
		st = d.st;
	if (st == PC_OK)
		st = audit_listed(c, scope, d.n, pr);
	struct pc_due_head h = {.within = d.within, .n = d.n};
	memcpy(h.today, d.today, sizeof(h.today));
	memcpy(h.per_kind, d.per_kind, sizeof(h.per_kind));
	if (st == PC_OK && head(ctx, &h))
		st = pc_due_spill_each(d.spill, item, ctx, pr);
	pc_due_spill_close(&d.spill);
	return st;
}

/* pc_due_list's side of pc_due_each: the items copied into the list. */
struct collect {
	struct pc_due_list *out;
	bool oom;
};

static bool collect_head(void *ctx, const struct pc_due_head *h)
{
	struct collect *k = ctx;
	memcpy(k->out->today, h->today, sizeof(h->today));
	k->out->within = h->within;
	if (h->n && !(k->out->items = malloc(h->n * sizeof(*k->out->items))))
		k->oom = true;
	k->out->cap = h->n;
	return !k->oom;
}

static bool collect_item(void *ctx, const struct pc_due_item *it)
{
	struct collect *k = ctx;
	struct pc_due_list *l = k->out;
	if (l->n == l->cap)
		return true; /* cannot happen: the head counted them */
	struct pc_due_item *to = &l->items[l->n];
	*to = *it;
	to->file_no = keep(l, it->file_no, &k->oom);
	to->family_name = keep(l, it->family_name, &k->oom);
	to->given_name = keep(l, it->given_name, &k->oom);
	to->counsellor = keep(l, it->counsellor, &k->oom);
	to->what = keep(l, it->what, &k->oom);
	if (!k->oom)
		l->n++;
	return !k->oom;
}

enum pc_status pc_due_list(struct pc_ctx *c, const char *counsellor, int within,
                           struct pc_due_list *out, struct pc_problems *pr)
{
	memset(out, 0, sizeof(*out));
	struct collect k = {.out = out};
	enum pc_status st = pc_due_each(c, counsellor, within, collect_head, collect_item, &k, pr);
	if (st == PC_OK && k.oom) {
		pc_problems_add(pr, false, "due", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	if (st != PC_OK)
		pc_due_list_clear(out);
	return st;
}
