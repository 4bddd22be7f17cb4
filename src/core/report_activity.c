/* The activity report (activity.h): a year's intakes, enrolments, exits,
 * follow-up entries, referrals and the profile of the people reached, each
 * count one grouped query of the store, every code shown as its label from
 * the definitions (programmes.yaml, the forms' choices). Counts only: the
 * report never names a person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/activity.h"
#include "parcours/ami.h"
#include "parcours/buf.h"
#include "parcours/exit_reason.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "parcours/text.h"

/* The forms and fields the report reads (their shipped names). */
static const char FOLLOWUP[] = "followup", REFERRAL[] = "referral", INTAKE[] = "intake",
                  PROFILE[] = "profile";

enum { RANK_UNKNOWN = 1 << 20, RANK_NONE = 1 << 21 };

struct group {
	char *code, *sub; /* NULL: not recorded */
	long long n;
	const char *label, *sub_label; /* live as long as the definitions or the catalogue */
	int rank, sub_rank;            /* the definitions' order; unknown codes after */
};

enum section_id { S_ENROL, S_EXITS, S_FOLLOWUP, S_REFERRAL, S_AGE, S_INCOME, S_BARRIERS, S_N };

struct section {
	struct group *g;
	size_t n, cap;
	long long total;
};

struct run {
	struct pc_ctx *c;
	struct section s[S_N];
	struct section *cur; /* the section each_group fills */
	long long intakes, reached;
	long long ami_sessions, ami_people; /* workshop sessions held, distinct people present */
	bool failed;
};

/* Age bands: codes as the CSV and JSON give them, and their labels. */
static const struct {
	int below; /* the band holds ages under this */
	const char *code, *label;
} bands[] = {
    {25, "under_25", N_("under 25")}, {35, "25_34", N_("25 to 34")},
    {45, "35_44", N_("35 to 44")},    {55, "45_54", N_("45 to 54")},
    {65, "55_64", N_("55 to 64")},    {1000, "65_over", N_("65 and over")},
};
enum { NBANDS = sizeof(bands) / sizeof(bands[0]) };

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static char *dup_or_null(const char *s, bool *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

/* Adds n to the group (code, sub) of section s. */
static bool group_add(struct run *r, struct section *s, const char *code, const char *sub,
                      long long n)
{
	s->total += n;
	for (size_t i = 0; i < s->n; i++)
		if (same(s->g[i].code, code) && same(s->g[i].sub, sub)) {
			s->g[i].n += n;
			return true;
		}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		struct group *g = realloc(s->g, cap * sizeof(*g));
		if (!g)
			goto oom;
		s->g = g;
		s->cap = cap;
	}
	bool oom = false;
	struct group *g = &s->g[s->n];
	memset(g, 0, sizeof(*g));
	g->code = dup_or_null(code, &oom);
	g->sub = dup_or_null(sub, &oom);
	g->n = n;
	s->n++;
	if (!oom)
		return true;
oom:
	r->failed = true;
	return false;
}

static bool each_group(void *ctx, const char *const keys[3], long long n)
{
	struct run *r = ctx;
	return group_add(r, r->cur, keys[0], keys[1], n);
}

static bool each_total(void *ctx, const char *const keys[3], long long n)
{
	(void)keys;
	*(long long *)ctx = n;
	return true;
}

static bool add_age(struct run *r, const char *age, long long n)
{
	if (!age)
		return group_add(r, &r->s[S_AGE], NULL, NULL, n);
	long a = strtol(age, NULL, 10);
	size_t b = 0;
	while (b + 1 < NBANDS && a >= bands[b].below)
		b++;
	return group_add(r, &r->s[S_AGE], bands[b].code, NULL, n);
}

/* A multiple choice's answer as SQLite gives it (a JSON array's text, or a
 * lone value read as one): each value counts n; none counts n as not
 * recorded. */
static bool add_choices(struct run *r, const char *answer, long long n)
{
	struct section *s = &r->s[S_BARRIERS];
	if (!answer || answer[0] != '[')
		return group_add(r, s, answer, NULL, n);
	char err[128];
	struct pc_json *v = pc_json_parse(answer, strlen(answer), err, sizeof(err));
	bool ok = true, any = false;
	if (!v)
		return group_add(r, s, answer, NULL, n);
	for (size_t i = 0; ok && v->kind == PC_JSON_ARRAY && i < v->len; i++)
		if (v->items[i]->kind == PC_JSON_STRING) {
			ok = group_add(r, s, v->items[i]->string, NULL, n);
			any = true;
		}
	pc_json_free(&v);
	return ok && (any || group_add(r, s, NULL, NULL, n));
}

static bool each_person(void *ctx, const char *const keys[3], long long n)
{
	struct run *r = ctx;
	return add_age(r, keys[0], n) && group_add(r, &r->s[S_INCOME], keys[1], NULL, n) &&
	       add_choices(r, keys[2], n);
}

/* The label and rank of a choice of `form`'s `field` in the current language. */
static void choice_label(const struct pc_ctx *c, const char *form, const char *field,
                         const char *code, const char **label, int *rank)
{
	if (!code) {
		*label = _("(not recorded)");
		*rank = RANK_NONE;
		return;
	}
	*label = code;
	*rank = RANK_UNKNOWN;
	const struct pc_form *f = pc_formset_find(c->forms, form);
	const struct pc_field *fd = f ? pc_form_field(f, field) : NULL;
	if (!fd || !fd->choices)
		return;
	for (size_t i = 0; i < fd->choices->len; i++)
		if (!strcmp(fd->choices->items[i].value, code)) {
			*label = pc_text_get(&fd->choices->items[i].label);
			*rank = (int)i;
			return;
		}
}

static void label_section(struct run *r, enum section_id id)
{
	const struct pc_ctx *c = r->c;
	const struct pc_programmes *p = c->programmes;
	for (size_t i = 0; i < r->s[id].n; i++) {
		struct group *g = &r->s[id].g[i];
		g->label = g->code;
		g->rank = RANK_UNKNOWN;
		switch (id) {
		case S_ENROL:
			for (size_t k = 0; p && k < p->len; k++)
				if (!strcmp(p->items[k].id, g->code)) {
					g->label = pc_text_get(&p->items[k].title);
					g->rank = (int)k;
				}
			break;
		case S_EXITS:
			if (!*g->code) {
				g->label = _("(no reason)");
				g->rank = RANK_NONE;
				break;
			}
			for (size_t k = 0; p && k < p->exit_reasons.len; k++)
				if (!strcmp(p->exit_reasons.items[k].code, g->code))
					g->rank = (int)k;
			g->label = pc_exit_reason_label(p ? &p->exit_reasons : NULL, g->code);
			break;
		case S_FOLLOWUP:
			choice_label(c, FOLLOWUP, "kind", g->code, &g->label, &g->rank);
			break;
		case S_REFERRAL:
			choice_label(c, REFERRAL, "partner", g->code, &g->label, &g->rank);
			choice_label(c, REFERRAL, "outcome", g->sub, &g->sub_label, &g->sub_rank);
			break;
		case S_AGE:
			g->label = _("(no date of birth)");
			g->rank = RANK_NONE;
			for (int k = 0; g->code && k < NBANDS; k++)
				if (!strcmp(bands[k].code, g->code)) {
					g->label = _(bands[k].label);
					g->rank = k;
				}
			break;
		case S_INCOME:
			choice_label(c, INTAKE, "income_source", g->code, &g->label, &g->rank);
			break;
		case S_BARRIERS:
			choice_label(c, PROFILE, "barriers", g->code, &g->label, &g->rank);
			break;
		case S_N:
			break;
		}
	}
}

static int by_rank(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	int c = strcmp(a->label ? a->label : "", b->label ? b->label : "");
	if (c)
		return c;
	if (a->sub_rank != b->sub_rank)
		return a->sub_rank < b->sub_rank ? -1 : 1;
	return strcmp(a->sub_label ? a->sub_label : "", b->sub_label ? b->sub_label : "");
}

static void label_sort(struct run *r, enum section_id id)
{
	label_section(r, id);
	if (r->s[id].n)
		qsort(r->s[id].g, r->s[id].n, sizeof(struct group), by_rank);
}

/* Fills every count: one query each, the profile in one pass. */
static enum pc_status collect(struct run *r, const char *first, const char *last, const char *on,
                              struct pc_problems *pr)
{
	struct pc_store *s = r->c->store;
	const struct {
		enum section_id id;
		struct pc_activity_query q;
	} counts[] = {
	    {S_ENROL, {PC_ACTIVITY_ENROLMENTS, first, last, NULL, NULL, NULL, NULL, NULL}},
	    {S_EXITS, {PC_ACTIVITY_EXITS, first, last, NULL, NULL, NULL, NULL, NULL}},
	    {S_FOLLOWUP, {PC_ACTIVITY_ENTRIES, first, last, NULL, FOLLOWUP, "kind", NULL, NULL}},
	    {S_REFERRAL,
	     {PC_ACTIVITY_ENTRIES, first, last, NULL, REFERRAL, "partner", "outcome", NULL}},
	};
	struct pc_activity_query qi = {
	    PC_ACTIVITY_INTAKES, first, last, NULL, NULL, NULL, NULL, NULL};
	struct pc_activity_query qr = {
	    PC_ACTIVITY_REACHED, first, last, NULL, NULL, NULL, NULL, NULL};
	struct pc_activity_query qp = {PC_ACTIVITY_PROFILE, first,      last,   on, INTAKE,
	                               "income_source",     "barriers", PROFILE};
	enum pc_status st = pc_store_activity_each(s, &qi, each_total, &r->intakes, pr);
	if (st == PC_OK)
		st = pc_store_activity_each(s, &qr, each_total, &r->reached, pr);
	for (size_t i = 0; st == PC_OK && !r->failed && i < sizeof(counts) / sizeof(counts[0]);
	     i++) {
		r->cur = &r->s[counts[i].id];
		st = pc_store_activity_each(s, &counts[i].q, each_group, r, pr);
		label_sort(r, counts[i].id);
	}
	if (st == PC_OK && !r->failed)
		st = pc_store_activity_each(s, &qp, each_person, r, pr);
	if (st == PC_OK && !r->failed)
		st = pc_store_ami_counts(s, first, last, &r->ami_sessions, &r->ami_people, pr);
	for (int id = S_AGE; id <= S_BARRIERS; id++)
		label_sort(r, id);
	return st;
}

/* How each section is named in the three formats. */
static const struct {
	const char *key;   /* CSV section and JSON key */
	const char *title; /* text heading; NULL: the field's label */
	const char *form, *field;
	bool profile; /* a part of the people reached */
} sections[S_N] = {
    [S_ENROL] = {"enrolments", N_("Enrolments by programme"), NULL, NULL, false},
    [S_EXITS] = {"exits", N_("Exits by reason"), NULL, NULL, false},
    [S_FOLLOWUP] = {"followups", N_("Follow-up entries by kind"), NULL, NULL, false},
    [S_REFERRAL] = {"referrals", N_("Referrals by partner and outcome"), NULL, NULL, false},
    [S_AGE] = {"age", NULL, NULL, NULL, true},
    [S_INCOME] = {"income_source", N_("Main source of income"), INTAKE, "income_source", true},
    [S_BARRIERS] = {"barriers", N_("Barriers to employment"), PROFILE, "barriers", true},
};

/* The heading of a profile section: the field's label in the form when
 * there is one, so the report says what the form asked. */
static const char *title_of(const struct run *r, enum section_id id)
{
	const struct pc_form *f =
	    sections[id].form ? pc_formset_find(r->c->forms, sections[id].form) : NULL;
	const struct pc_field *fd = f ? pc_form_field(f, sections[id].field) : NULL;
	const char *t = fd ? pc_text_get(&fd->label) : "";
	return *t ? t : _(sections[id].title);
}

static void write_text(const struct run *r, int year, const char *first, const char *last,
                       const char *on, struct pc_buf *b)
{
	pc_buf_printf(b, _("Activity in %d (%s to %s)\n"), year, first, last);
	pc_buf_printf(b, P_("%lld new intake\n", "%lld new intakes\n", (unsigned long)r->intakes),
	              r->intakes);
	pc_buf_printf(b,
	              P_("%lld person reached (a file opened, an enrolment open or an entry in "
	                 "the year)\n",
	                 "%lld people reached (a file opened, an enrolment open or an entry in "
	                 "the year)\n",
	                 (unsigned long)r->reached),
	              r->reached);
	pc_buf_printf(b,
	              P_("%lld AMI workshop participant (present at one session at least), ",
	                 "%lld AMI workshop participants (present at one session at least), ",
	                 (unsigned long)r->ami_people),
	              r->ami_people);
	pc_buf_printf(b, P_("%lld session\n", "%lld sessions\n", (unsigned long)r->ami_sessions),
	              r->ami_sessions);
	for (int id = 0; id < S_N; id++) {
		const struct section *s = &r->s[id];
		if (id == S_AGE)
			pc_buf_printf(b,
			              P_("\nProfile of the %lld person reached\n",
			                 "\nProfile of the %lld people reached\n",
			                 (unsigned long)r->reached),
			              r->reached);
		const char *indent = sections[id].profile ? "    " : "  ";
		if (id == S_AGE)
			pc_buf_printf(b, _("  Age on %s\n"), on);
		else if (sections[id].profile)
			pc_buf_printf(b, "  %s\n", title_of(r, id));
		else
			pc_buf_printf(b, _("\n%s: %lld\n"), _(sections[id].title), s->total);
		if (!s->n)
			pc_buf_printf(b, "%s%s\n", indent, _("(none)"));
		for (size_t i = 0; i < s->n; i++) {
			const struct group *g = &s->g[i];
			if (id == S_REFERRAL)
				pc_buf_printf(b, _("%s%s, %s: %lld\n"), indent, g->label, g->sub_label,
				              g->n);
			else
				pc_buf_printf(b, _("%s%s: %lld\n"), indent, g->label, g->n);
		}
	}
}

static void csv_row(struct pc_buf *b, bool raw, const char *section, const char *code,
                    const char *label, const char *sub, const char *sub_label, long long n)
{
	pc_buf_puts(b, section);
	const char *cells[] = {code, label, sub, sub_label};
	for (size_t i = 0; i < 4; i++) {
		pc_buf_puts(b, ",");
		if (cells[i])
			pc_text_csv_cell(b, cells[i], raw);
	}
	pc_buf_printf(b, ",%lld\r\n", n);
}

static void write_csv(const struct run *r, bool raw, struct pc_buf *b)
{
	pc_buf_puts(b, "section,code,label,outcome,outcome_label,count\r\n");
	csv_row(b, raw, "new_intakes", NULL, NULL, NULL, NULL, r->intakes);
	csv_row(b, raw, "people_reached", NULL, NULL, NULL, NULL, r->reached);
	csv_row(b, raw, "ami_participants", NULL, NULL, NULL, NULL, r->ami_people);
	csv_row(b, raw, "ami_sessions", NULL, NULL, NULL, NULL, r->ami_sessions);
	for (int id = 0; id < S_N; id++)
		for (size_t i = 0; i < r->s[id].n; i++) {
			const struct group *g = &r->s[id].g[i];
			csv_row(b, raw, sections[id].key, g->code, g->label, g->sub, g->sub_label,
			        g->n);
		}
}

static void json_str_or_null(struct pc_buf *b, const char *s)
{
	if (s)
		pc_buf_json_string(b, s);
	else
		pc_buf_puts(b, "null");
}

static void write_json(const struct run *r, int year, const char *first, const char *last,
                       const char *on, struct pc_buf *b)
{
	pc_buf_printf(b,
	              "{\"year\": %d, \"from\": \"%s\", \"to\": \"%s\", \"new_intakes\": %lld, "
	              "\"people_reached\": %lld, \"ami_participants\": %lld, \"ami_sessions\": %lld",
	              year, first, last, r->intakes, r->reached, r->ami_people, r->ami_sessions);
	for (int id = 0; id < S_N; id++) {
		if (id == S_AGE)
			pc_buf_printf(b, ",\n \"profile\": {\"age_on\": \"%s\"", on);
		pc_buf_printf(b, ",\n %s\"%s\": [", sections[id].profile ? " " : "",
		              sections[id].key);
		for (size_t i = 0; i < r->s[id].n; i++) {
			const struct group *g = &r->s[id].g[i];
			pc_buf_puts(b, i ? ", {" : "{");
			pc_buf_puts(b, id == S_REFERRAL ? "\"partner\": " : "\"code\": ");
			json_str_or_null(b, g->code);
			pc_buf_puts(b,
			            id == S_REFERRAL ? ", \"partner_label\": " : ", \"label\": ");
			pc_buf_json_string(b, g->label);
			if (id == S_REFERRAL) {
				pc_buf_puts(b, ", \"outcome\": ");
				json_str_or_null(b, g->sub);
				pc_buf_puts(b, ", \"outcome_label\": ");
				pc_buf_json_string(b, g->sub_label);
			}
			pc_buf_printf(b, ", \"count\": %lld}", g->n);
		}
		pc_buf_puts(b, "]");
	}
	pc_buf_puts(b, "}}\n");
}

enum pc_status pc_report_activity(struct pc_ctx *c, int year, const struct pc_report_out *out,
                                  struct pc_problems *pr)
{
	if (year < 1900 || year > 2200) {
		pc_problems_add(pr, false, "year", _("\"%d\" is not a year: write it as YYYY"),
		                year);
		return PC_REFUSED;
	}
	/* counts over every file: supervisors only, as the other reports */
	enum pc_status st = pc_staff_can(c, PC_DO_REPORT, NULL, NULL, pr);
	if (st != PC_OK)
		return st;
	char first[11], last[11];
	snprintf(first, sizeof(first), "%04d-01-01", year);
	snprintf(last, sizeof(last), "%04d-12-31", year);
	struct run r = {.c = c};
	struct pc_buf b = {0};
	st = collect(&r, first, last, last, pr);
	if (st == PC_OK && !r.failed) {
		if (out->format == PC_REPORT_CSV)
			write_csv(&r, out->raw, &b);
		else if (out->format == PC_REPORT_JSON)
			write_json(&r, year, first, last, last, &b);
		else
			write_text(&r, year, first, last, last, &b);
		if (b.failed || !out->write(out->ctx, b.data ? b.data : "", b.len))
			r.failed = true;
	}
	pc_buf_free(&b);
	for (int id = 0; id < S_N; id++) {
		for (size_t i = 0; i < r.s[id].n; i++) {
			free(r.s[id].g[i].code);
			free(r.s[id].g[i].sub);
		}
		free(r.s[id].g);
	}
	if (st == PC_OK && r.failed) {
		pc_problems_add(pr, false, "report", "%s", _("the report could not be written"));
		st = PC_UNUSABLE;
	}
	return st;
}
