/* Recording AMI workshop sessions (ami.h): one session for the group
 * present, corrected by adding or removing people, each change kept with
 * who, when and why. Checks every person first (file number, enrolment in
 * a workshop programme on the date, the right to write their
 * participation) and stores nothing unless all pass. Never prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/ami.h"
#include "parcours/audit.h"
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/enrolment.h"
#include "parcours/i18n.h"
#include "parcours/short_id.h"
#include "parcours/staff.h"
#include "parcours/value.h"

enum { TITLE_MAX = 200, REASON_MAX = 500 };

void pc_ami_session_clear(struct pc_ami_session *s)
{
	if (!s)
		return;
	free(s->date);
	free(s->half);
	free(s->title);
	free(s->created_by);
	free(s->created_at);
	for (size_t i = 0; i < s->npeople; i++) {
		struct pc_ami_presence *p = &s->people[i];
		char *fields[] = {p->file_no,    p->family_name, p->given_name,
				  p->added_by,   p->added_at,    p->added_reason,
				  p->removed_by, p->removed_at,  p->removed_reason};
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			free(fields[k]);
	}
	free(s->people);
	memset(s, 0, sizeof(*s));
}

/* The most half-days a week of `programme`; 0 when it counts none. */
static int workshop_max(const struct pc_ctx *c, const char *programme)
{
	const struct pc_programme *p = pc_programme_find(c->programmes, programme);
	return p ? p->sessions_max : 0;
}

/* One person the caller names, checked: p filled, *max the weekly maximum
 * of the workshop programme they are enrolled in on `date`; a refusal is
 * added at their file number. */
static enum pc_status admit(struct pc_ctx *c, const char *date, const char *file_no,
			    struct pc_participant *p, int *max, struct pc_problems *pr)
{
	enum pc_status st = pc_store_participant_get(c->store, file_no, p, pr);
	if (st != PC_OK)
		return st;
	struct pc_problems denied = {0};
	const struct pc_form *form = pc_formset_find(c->forms, PC_PARTICIPATION_FORM);
	st = pc_staff_can_form(c, p, form, PC_PARTICIPATION_FORM, true, &denied);
	for (size_t i = 0; i < denied.len; i++)
		pc_problems_add(pr, false, file_no, "%s %s: %s", p->given_name, p->family_name,
				denied.items[i].message);
	pc_problems_clear(&denied);
	if (st != PC_OK)
		return st;
	struct pc_enrolment_row *rows = NULL;
	size_t n = 0;
	st = pc_store_enrolment_list(c->store, p->id, &rows, &n, pr);
	bool in = false;
	for (size_t i = 0; st == PC_OK && i < n && !in; i++) {
		*max = workshop_max(c, rows[i].programme);
		in = *max > 0 && strcmp(rows[i].start, date) <= 0 &&
		     (!rows[i].end || strcmp(rows[i].end, date) >= 0);
	}
	pc_enrolment_rows_free(&rows, n);
	if (st == PC_OK && !in) {
		pc_problems_add(pr, false, file_no,
				_("%s %s is not enrolled in a workshop programme (AMI) on %s"),
				p->given_name, p->family_name, date);
		st = PC_REFUSED;
	}
	return st;
}

/* A closed month's change needs a reason; a reason given is not blank. */
static enum pc_status reason_ok(struct pc_ctx *c, const char *date, const char *reason,
				struct pc_problems *pr)
{
	if (reason && (!reason[strspn(reason, " \t")] || strlen(reason) > REASON_MAX)) {
		pc_problems_add(pr, false, "reason", _("a reason is 1 to %d characters"),
				REASON_MAX);
		return PC_REFUSED;
	}
	char period[8], *by = NULL, *at = NULL;
	snprintf(period, sizeof(period), "%.7s", date);
	enum pc_status st = pc_store_month_closed(c->store, period, &by, &at, pr);
	if (st == PC_OK && by && !reason) {
		pc_problems_add(pr, false, "reason",
				_("%s was closed by %s: give --reason for this change"), period, by);
		st = PC_REFUSED;
	}
	free(by);
	free(at);
	return st;
}

/* The worse of two statuses: UNUSABLE over REFUSED over OK. */
static enum pc_status worse(enum pc_status a, enum pc_status b)
{
	return a == PC_UNUSABLE || b == PC_UNUSABLE ? PC_UNUSABLE : a != PC_OK ? a : b;
}

/* Checks every name of `list` (once each); people[] receives them. */
static enum pc_status admit_all(struct pc_ctx *c, const char *date, const char *const *list,
				size_t n, struct pc_participant *people, int *maxes,
				struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	for (size_t i = 0; i < n; i++) {
		bool twice = false;
		for (size_t k = 0; k < i && !twice; k++)
			twice = !strcmp(list[k], list[i]);
		if (twice) {
			pc_problems_add(pr, false, list[i], "%s", _("named twice"));
			st = worse(st, PC_REFUSED);
			continue;
		}
		st = worse(st, admit(c, date, list[i], &people[i], &maxes[i], pr));
	}
	return st;
}

static void clear_people(struct pc_participant *people, size_t n)
{
	for (size_t i = 0; people && i < n; i++)
		pc_participant_clear(&people[i]);
	free(people);
}

/* One audit entry per person, inside the operation's transaction, with the
 * reason given: the log keeps it even where a sync puts another site's
 * stamp on the presence (parcours(1) SYNC). */
static enum pc_status audit_people(struct pc_ctx *c, struct pc_participant *people, size_t n,
				   long long id, const char *what, const char *reason,
				   struct pc_problems *pr)
{
	char detail[REASON_MAX + 64];
	snprintf(detail, sizeof(detail), "ami session=%lld %s%s%s", id, what,
		 reason ? " reason=" : "", reason ? reason : "");
	enum pc_status st = PC_OK;
	for (size_t i = 0; st == PC_OK && i < n; i++)
		st = pc_audit_record(c, PC_AUDIT_CHANGE, &people[i], NULL, detail, pr);
	return st;
}

struct week_count {
	const char *pid;
	int n;
};

static bool count_mine(void *ctx, const char *pid, const char *date, const char *half)
{
	struct week_count *w = ctx;
	(void)date;
	(void)half;
	w->n += !strcmp(pid, w->pid);
	return true;
}

/* After a save: each person whose week of `date` is now above the maximum
 * of their workshop programme gets a warning (the report shows it too).
 * The session is saved: a failure to read here only loses the warning. */
static void warn_busy_weeks(struct pc_ctx *c, const char *date,
			    const struct pc_participant *people, const int *maxes, size_t n,
			    struct pc_problems *pr)
{
	char mon[11], sun[11];
	if (!pc_ami_week_bounds(date, mon, sun))
		return;
	struct pc_problems lost = {0};
	for (size_t i = 0; i < n; i++) {
		struct week_count w = {.pid = people[i].id};
		/* the distinct half-days of the week, the person's only */
		if (pc_store_ami_halfdays_each(c->store, mon, sun, count_mine, &w, &lost) == PC_OK &&
		    w.n > maxes[i])
			pc_problems_add(pr, true, people[i].file_no,
					_("%s %s now has %d half-days in the week of %s, above the "
					  "%d a week of the programme"),
					people[i].given_name, people[i].family_name, w.n, mon,
					maxes[i]);
	}
	pc_problems_clear(&lost);
}

enum pc_status pc_ami_session_add(struct pc_ctx *c, const char *date, const char *half,
				  const char *title, const char *const *file_nos, size_t n,
				  const char *reason, long long *id, struct pc_problems *pr)
{
	int y, m, d;
	enum pc_status st = PC_OK;
	*id = 0;
	if (!date || !pc_parse_date(date, &y, &m, &d)) {
		pc_problems_add(pr, false, "date", _("\"%s\" is not a date: write it as YYYY-MM-DD"),
				date ? date : "");
		st = PC_REFUSED;
	} else if (c->today[0] && strcmp(date, c->today) > 0) {
		pc_problems_add(pr, false, "date",
				_("the session of %s is after today (%s): record it once held"),
				date, c->today);
		st = PC_REFUSED;
	}
	if (pc_ami_half_parse(half) < 0) {
		pc_problems_add(pr, false, "half", "%s",
				_("a half-day is am (morning) or pm (afternoon)"));
		st = PC_REFUSED;
	}
	size_t tlen = title ? strlen(title) : 0;
	if (!title || !title[strspn(title, " \t")] || tlen > TITLE_MAX) {
		pc_problems_add(pr, false, "title", _("a workshop title is 1 to %d characters"),
				TITLE_MAX);
		st = PC_REFUSED;
	}
	if (!n) {
		pc_problems_add(pr, false, "people", "%s",
				_("name the people present by their file numbers"));
		st = PC_REFUSED;
	}
	if (st != PC_OK)
		return st;
	st = reason_ok(c, date, reason, pr);
	struct pc_participant *people = calloc(n, sizeof(*people));
	int *maxes = calloc(n, sizeof(*maxes));
	if (!people || !maxes) {
		free(people);
		free(maxes);
		pc_problems_add(pr, false, "session", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	st = worse(st, admit_all(c, date, file_nos, n, people, maxes, pr));
	if (st == PC_OK && (st = pc_audit_begin(c, pr)) == PC_OK) {
		char now[21];
		pc_clock_now(now);
		st = pc_store_ami_session_insert(c->store, date, half, title, c->login, now, id,
						 pr);
		for (size_t i = 0; st == PC_OK && i < n; i++)
			st = pc_store_ami_presence_add(c->store, *id, people[i].id, c->login, now,
						       reason, pr);
		if (st == PC_OK)
			st = audit_people(c, people, n, *id, "present", reason, pr);
		char detail[96];
		snprintf(detail, sizeof(detail), "ami session=%lld date=%s half=%s people=%zu",
			 *id, date, half, n);
		st = pc_audit_commit(c, st, NULL, NULL, detail, pr);
		if (st != PC_OK)
			*id = 0;
		else
			warn_busy_weeks(c, date, people, maxes, n, pr);
	}
	clear_people(people, n);
	free(maxes);
	return st;
}

enum pc_status pc_ami_session_change(struct pc_ctx *c, long long id, const char *const *add,
				     size_t nadd, const char *const *remove, size_t nremove,
				     const char *reason, struct pc_problems *pr)
{
	if (!nadd && !nremove) {
		pc_problems_add(pr, false, "session", "%s",
				_("name someone to add (--add) or to remove (--remove)"));
		return PC_REFUSED;
	}
	struct pc_ami_session s;
	enum pc_status st = pc_store_ami_session_read(c->store, id, &s, pr);
	if (st != PC_OK)
		return st;
	st = reason_ok(c, s.date, reason, pr);
	struct pc_participant *in = calloc(nadd ? nadd : 1, sizeof(*in));
	struct pc_participant *out = calloc(nremove ? nremove : 1, sizeof(*out));
	int *maxes = calloc(nadd ? nadd : 1, sizeof(*maxes));
	if (!in || !out || !maxes) {
		pc_problems_add(pr, false, "session", "%s", _("out of memory"));
		st = PC_UNUSABLE;
		goto out;
	}
	st = worse(st, admit_all(c, s.date, add, nadd, in, maxes, pr));
	char num[PC_SHORT_ID]; /* as the person knows the session */
	if (pc_ami_session_number(c, id, num, pr) != PC_OK)
		snprintf(num, sizeof(num), "%lld", id);
	for (size_t i = 0; i < nadd; i++) {
		bool present = false;
		if (!in[i].id)
			continue;
		enum pc_status ps = pc_store_ami_present(c->store, id, in[i].id, &present, pr);
		if (ps == PC_OK && present) {
			pc_problems_add(pr, false, add[i], _("%s %s is already present at session %s"),
					in[i].given_name, in[i].family_name, num);
			ps = PC_REFUSED;
		}
		st = worse(st, ps);
	}
	for (size_t i = 0; i < nremove; i++) {
		bool present = false, twice = false;
		for (size_t k = 0; k < nadd && !twice; k++)
			twice = !strcmp(add[k], remove[i]);
		for (size_t k = 0; k < i && !twice; k++)
			twice = !strcmp(remove[k], remove[i]);
		if (twice) {
			pc_problems_add(pr, false, remove[i], "%s", _("named twice"));
			st = worse(st, PC_REFUSED);
			continue;
		}
		/* removing needs the same right as adding, not the enrolment */
		enum pc_status ps = pc_store_participant_get(c->store, remove[i], &out[i], pr);
		if (ps == PC_OK) {
			struct pc_problems denied = {0};
			const struct pc_form *form = pc_formset_find(c->forms, PC_PARTICIPATION_FORM);
			ps = pc_staff_can_form(c, &out[i], form, PC_PARTICIPATION_FORM, true, &denied);
			for (size_t k = 0; k < denied.len; k++)
				pc_problems_add(pr, false, remove[i], "%s %s: %s", out[i].given_name,
						out[i].family_name, denied.items[k].message);
			pc_problems_clear(&denied);
		}
		if (ps == PC_OK)
			ps = pc_store_ami_present(c->store, id, out[i].id, &present, pr);
		if (ps == PC_OK && !present) {
			pc_problems_add(pr, false, remove[i], _("%s %s is not present at session %s"),
					out[i].given_name, out[i].family_name, num);
			ps = PC_REFUSED;
		}
		st = worse(st, ps);
	}
	if (st == PC_OK && (st = pc_audit_begin(c, pr)) == PC_OK) {
		char now[21];
		pc_clock_now(now);
		for (size_t i = 0; st == PC_OK && i < nadd; i++)
			st = pc_store_ami_presence_add(c->store, id, in[i].id, c->login, now, reason,
						       pr);
		for (size_t i = 0; st == PC_OK && i < nremove; i++)
			st = pc_store_ami_presence_remove(c->store, id, out[i].id, c->login, now,
							  reason, pr);
		if (st == PC_OK)
			st = audit_people(c, in, nadd, id, "added", reason, pr);
		if (st == PC_OK)
			st = audit_people(c, out, nremove, id, "removed", reason, pr);
		char detail[96];
		snprintf(detail, sizeof(detail), "ami session=%lld added=%zu removed=%zu", id, nadd,
			 nremove);
		st = pc_audit_commit(c, st, NULL, NULL, detail, pr);
		if (st == PC_OK)
			warn_busy_weeks(c, s.date, in, maxes, nadd, pr);
	}
out:
	free(maxes);
	clear_people(in, nadd);
	clear_people(out, nremove);
	pc_ami_session_clear(&s);
	return st;
}

struct collect {
	struct pc_ctx *c;
	struct pc_ami_session *s;
	size_t cap;
	bool oom;
	enum pc_status st;
	struct pc_problems *pr;
};

static char *dup0(const char *s, bool *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

static bool collect_one(void *ctx, const struct pc_participant *p, const struct pc_ami_presence *r)
{
	struct collect *k = ctx;
	struct pc_problems denied = {0};
	const struct pc_form *form = pc_formset_find(k->c->forms, PC_PARTICIPATION_FORM);
	enum pc_status st = pc_staff_can_form(k->c, p, form, PC_PARTICIPATION_FORM, false, &denied);
	pc_problems_clear(&denied);
	if (st == PC_REFUSED) {
		k->s->hidden++;
		return true;
	}
	if (st != PC_OK) {
		k->st = st;
		return false;
	}
	if (k->s->npeople == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 8;
		struct pc_ami_presence *g = realloc(k->s->people, cap * sizeof(*g));
		if (!g) {
			k->oom = true;
			return false;
		}
		k->s->people = g;
		k->cap = cap;
	}
	struct pc_ami_presence *d = &k->s->people[k->s->npeople++];
	bool oom = false;
	*d = (struct pc_ami_presence){
		.file_no = dup0(r->file_no, &oom),
		.family_name = dup0(r->family_name, &oom),
		.given_name = dup0(r->given_name, &oom),
		.added_by = dup0(r->added_by, &oom),
		.added_at = dup0(r->added_at, &oom),
		.added_reason = dup0(r->added_reason, &oom),
		.removed_by = dup0(r->removed_by, &oom),
		.removed_at = dup0(r->removed_at, &oom),
		.removed_reason = dup0(r->removed_reason, &oom),
	};
	k->oom |= oom;
	return !oom;
}

enum pc_status pc_ami_session_get(struct pc_ctx *c, long long id, struct pc_ami_session *out,
				  struct pc_problems *pr)
{
	enum pc_status st = pc_store_ami_session_read(c->store, id, out, pr);
	if (st != PC_OK)
		return st;
	struct collect k = {.c = c, .s = out, .st = PC_OK, .pr = pr};
	st = pc_store_ami_presence_each(c->store, id, collect_one, &k, pr);
	if (st == PC_OK && k.oom) {
		pc_problems_add(pr, false, "session", "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	if (st == PC_OK && k.st != PC_OK) {
		pc_problems_add(pr, false, "session", "%s", _("the staff list cannot be read"));
		st = k.st;
	}
	if (st != PC_OK)
		pc_ami_session_clear(out);
	return st;
}
