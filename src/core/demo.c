/* Synthetic participants (demo.h): Québec and First Nations names, and
 * answers typed the way a person types them ("3,5", "3:30", "oui"), saved
 * through pc_intake_add and pc_submission_save so the demo obeys every rule
 * of the shipped forms. Deterministic for a seed. It does not write SQL,
 * print, or open transactions of its own: each core call has its own. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/demo.h"
#include "demo_words.h"
#include "parcours/participation.h"
#include "parcours/store.h"
#include "parcours/i18n.h"
#include "parcours/json.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { PROGRESS_EVERY = 1000, BATCH = 500 };

/* ---- a small deterministic generator (splitmix64) ---- */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1 (n > 0) */
static int pick(struct rng *r, int n)
{
	return (int)(rng_next(r) % (uint64_t)n);
}

static bool chance(struct rng *r, int percent)
{
	return pick(r, 100) < percent;
}

#define ONE_OF(r, a) ((a)[pick((r), (int)COUNT(a))])
/* One word of a vocabulary table of demo_words.c. */
#define WORD(r, t) ((t)[pick((r), t##_n)])

/* ---- building an answer object without checking each call ---- */
struct obj {
	struct pc_json *o;
	bool ok;
};

static struct obj obj_new(void)
{
	struct obj b = {pc_json_new(PC_JSON_OBJECT), true};
	b.ok = b.o != NULL;
	return b;
}

/* Sets key to `item` (owned); on any failure the object is marked failed. */
static void put_json(struct obj *b, const char *key, struct pc_json *item)
{
	if (!item) {
		b->ok = false;
		return;
	}
	if (!b->ok) {
		pc_json_free(&item);
		return;
	}
	if (!pc_json_object_set(b->o, key, item))
		b->ok = false; /* object_set has freed the item */
}

static void put(struct obj *b, const char *key, const char *text)
{
	put_json(b, key, b->ok ? pc_json_new_string(text) : NULL);
}

static void putf(struct obj *b, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void putf(struct obj *b, const char *key, const char *fmt, ...)
{
	char text[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	put(b, key, text);
}

/* The finished object, or NULL (and nothing leaked) if anything failed. */
static struct pc_json *obj_done(struct obj *b)
{
	if (!b->ok)
		pc_json_free(&b->o);
	return b->o;
}

/* Appends `row` (owned, may be NULL after a failure) to `arr`. */
static bool push_row(struct pc_json *arr, struct pc_json *row)
{
	return row && pc_json_array_push(arr, row);
}

/* "a,b,c": k distinct values of `vals` (n <= 32), as a person types a
 * multi-choice answer. */
static void put_set(struct obj *b, const char *key, struct rng *r, const char *const *vals, int n,
                    int k)
{
	char text[512] = "";
	size_t len = 0;
	uint32_t used = 0;
	for (int i = 0; i < k && i < n; i++) {
		int j = pick(r, n);
		while (used & (1u << j))
			j = (j + 1) % n;
		used |= 1u << j;
		len +=
		    (size_t)snprintf(text + len, sizeof(text) - len, "%s%s", i ? "," : "", vals[j]);
		if (len >= sizeof(text))
			return;
	}
	put(b, key, text);
}

/* ---- dates: every generated day is 1..28, so every month has it ---- */
struct date {
	int y, m, d;
};

static struct date months_before(struct date t, int k)
{
	int idx = t.y * 12 + (t.m - 1) - k;
	return (struct date){idx / 12, idx % 12 + 1, t.d};
}

static void put_date(struct obj *b, const char *key, struct date d)
{
	putf(b, key, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* 0 Sunday .. 6 Saturday (Sakamoto's method) */
static int weekday(int y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	y -= m < 3;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

static int date_cmp(struct date a, struct date b)
{
	return (a.y * 12 + a.m) * 32 + a.d - ((b.y * 12 + b.m) * 32 + b.d);
}

/* What one participant's later forms need to know about the intake. */
struct person {
	const struct family *fam;
	const struct given *giv;
	struct date birth, consent, today;
	int consent_back; /* months between the consent and today, >= 1 */
	int children;
	bool paas;
};

/* The ways people write a number: 514 555-1234, (514) 555-1234... */
static void put_phone(struct obj *b, const char *key, struct rng *r, const char *area)
{
	int line = pick(r, 10000);
	switch (pick(r, 5)) {
	case 0:
		putf(b, key, "%s 555-%04d", area, line);
		break;
	case 1:
		putf(b, key, "(%s) 555-%04d", area, line);
		break;
	case 2:
		putf(b, key, "%s-555-%04d", area, line);
		break;
	case 3:
		putf(b, key, "%s555%04d", area, line);
		break;
	default:
		putf(b, key, "1-%s-555-%04d", area, line);
		break;
	}
}

static struct pc_json *intake_answers(struct rng *r, struct person *p)
{
	static const char ldu_letters[] = "ABCEGHJKLMNPRSTVWXYZ";
	struct obj b = obj_new();
	p->fam = &WORD(r, families);
	int g = pick(r, 100);
	p->giv = g < 50 ? &WORD(r, women) : &WORD(r, men);
	if (chance(r, 5)) {
		const struct family *other = &WORD(r, families);
		if (other != p->fam && other->origin == p->fam->origin)
			putf(&b, "family_name", "%s-%s", p->fam->name, other->name);
		else
			put(&b, "family_name", p->fam->name);
	} else {
		put(&b, "family_name", p->fam->name);
	}
	put(&b, "given_name", p->giv->name);
	p->birth = (struct date){p->today.y - 18 - pick(r, 47), 1 + pick(r, 12), 1 + pick(r, 28)};
	put_date(&b, "birth_date", p->birth);
	if (chance(r, 85))
		put(&b, "gender",
		    g < 50 ? (g < 48 ? "woman" : "non_binary") : (g < 98 ? "man" : "prefer_not"));
	if (p->fam->origin == FN) {
		put(&b, "indigenous", "first_nations");
		put(&b, "community", p->fam->community);
	} else if (chance(r, 30)) {
		put(&b, "indigenous", chance(r, 90) ? "not_indigenous" : "prefer_not");
	}
	int lang = pick(r, 100);
	if (p->fam->languages && !strncmp(p->fam->languages, "english", 7))
		lang = 90;
	put(&b, "preferred_language", lang < 85 ? "fr" : lang < 97 ? "en" : "other");
	if (lang >= 97)
		put(&b, "preferred_language_other", chance(r, 50) ? "Espagnol" : "Arabe");

	const struct city *city = &WORD(r, cities);
	if (chance(r, 85)) {
		put_phone(&b, "phone", r, city->area);
		put(&b, "can_leave_message", chance(r, 80) ? "oui" : "non");
	}
	if (chance(r, 40))
		putf(&b, "email", "%s.%s%d@exemple.ca", p->giv->ascii, p->fam->ascii, pick(r, 100));
	if (chance(r, 70)) {
		if (chance(r, 40))
			putf(&b, "address", "%d, %s, app. %d", 10 + pick(r, 2990),
			     WORD(r, streets), 1 + pick(r, 12));
		else
			putf(&b, "address", "%d, %s", 10 + pick(r, 2990), WORD(r, streets));
		put(&b, "city", city->name);
		char ldu[4] = {(char)('0' + pick(r, 10)), ldu_letters[pick(r, 20)],
		               (char)('0' + pick(r, 10)), '\0'};
		if (chance(r, 85)) {
			putf(&b, "postal_code", "%s %s", city->fsa, ldu);
		} else {
			char low[8];
			snprintf(low, sizeof(low), "%s%s", city->fsa, ldu);
			for (char *s = low; *s; s++)
				if (*s >= 'A' && *s <= 'Z')
					*s = (char)(*s - 'A' + 'a');
			put(&b, "postal_code", low);
		}
	}
	if (chance(r, 50)) {
		const struct given *eg = chance(r, 50) ? &WORD(r, women) : &WORD(r, men);
		putf(&b, "emergency_name", "%s %s", eg->name,
		     chance(r, 50) ? p->fam->name : WORD(r, families).name);
		put(&b, "emergency_relation", WORD(r, relations));
		put_phone(&b, "emergency_phone", r, city->area);
	}

	const char *household = WORD(r, households);
	put(&b, "household", household);
	bool parent = !strcmp(household, "couple_children") || !strcmp(household, "single_parent");
	p->children = parent ? 1 + pick(r, 4) : 0;
	if (parent || chance(r, 60)) {
		putf(&b, "dependent_children", "%d", p->children);
		if (p->children)
			putf(&b, "children_under_6", "%d", pick(r, p->children + 1));
	}
	if (p->fam->origin == NEW && chance(r, 70)) {
		put(&b, "born_outside_canada", "oui");
		int span = p->today.y - (p->birth.y + 16);
		putf(&b, "arrival_year", "%d", p->birth.y + 16 + pick(r, span + 1));
		put(&b, "immigration_status",
		    ONE_OF(r, ((const char *const[]){"citizen", "permanent_resident",
		                                     "permanent_resident", "refugee"})));
	} else if (chance(r, 60)) {
		put(&b, "born_outside_canada", "non");
	}

	p->consent_back = 1 + pick(r, 18);
	p->consent = months_before(p->today, p->consent_back);
	p->consent.d = 1 + pick(r, 28);
	int prog = pick(r, 100);
	p->paas = prog < 50;
	const char *income;
	if (p->paas)
		income = chance(r, 85) ? "last_resort" : "social_solidarity";
	else
		income = ONE_OF(r, ((const char *const[]){"last_resort", "social_solidarity",
		                                          "employment_insurance", "employment",
		                                          "none", "objective_employment"}));
	put(&b, "income_source", income);
	/* PAAS Action's other two conditions (programmes.yaml eligibility): its
	 * participants meet them, so that the demo enrols them as a counsellor would */
	if (p->paas) {
		put(&b, "far_from_labour_market", "oui");
		put(&b, "employment_barriers", "oui");
	}
	if (!strcmp(income, "last_resort") || !strcmp(income, "social_solidarity") ||
	    !strcmp(income, "objective_employment")) {
		struct date since = months_before(p->consent, pick(r, 60));
		since.d = 1 + pick(r, 28);
		put_date(&b, "assistance_since", since);
	}
	const struct referrer *ref = &WORD(r, referrers);
	put(&b, "referred_by", ref->value);
	if (ref->detail && chance(r, 50))
		put(&b, "referred_by_detail", ref->detail);
	const char *programme = p->paas     ? "paas_action"
	                        : prog < 70 ? "ami"
	                        : prog < 85 ? "premieres_heures"
	                        : prog < 95 ? "chantier"
	                                    : NULL;
	if (programme) {
		put(&b, "programme", programme);
		struct date start = p->consent;
		start.d += pick(r, 29 - start.d);
		put_date(&b, "start_date", start);
	}
	if (chance(r, 60))
		put_date(&b, "first_appointment", p->consent);
	put_date(&b, "consent_date", p->consent);
	put(&b, "consent_sharing", chance(r, 93) ? "oui" : "non");
	if (chance(r, 80))
		put(&b, "consent_partners", chance(r, 85) ? "oui" : "non");
	return obj_done(&b);
}

static struct pc_json *profile_answers(struct rng *r, const struct person *p)
{
	struct obj b = obj_new();
	int nb = 1 + pick(r, 4);
	char chosen[4][20];
	uint32_t used = 0;
	char list[128] = "";
	size_t len = 0;
	for (int i = 0; i < nb; i++) {
		int j = pick(r, barriers_n);
		while (used & (1u << j))
			j = (j + 1) % barriers_n;
		used |= 1u << j;
		snprintf(chosen[i], sizeof(chosen[i]), "%s", barriers[j]);
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i ? "," : "",
		                        barriers[j]);
	}
	put(&b, "barriers", list);
	if (nb > 1 && chance(r, 70))
		put(&b, "priority_barrier", chosen[pick(r, nb)]);
	if (chance(r, 70))
		put_set(&b, "needs", r, needs, needs_n, 1 + pick(r, 3));
	if (chance(r, 30))
		put(&b, "health", WORD(r, health_notes));
	put(&b, "health_followup", chance(r, 40) ? "oui" : "non");
	int wellbeing = chance(r, 10) ? 1 + pick(r, 3) : 3 + pick(r, 8);
	putf(&b, "wellbeing", "%d", wellbeing);
	if (wellbeing <= 3)
		put(&b, "referral_offered", "oui");
	if (chance(r, 10))
		put(&b, "support_network", "none");
	else
		put_set(&b, "support_network", r, supports,
		        p->fam->origin == FN ? supports_n : supports_n - 1,
		        1 + pick(r, 3));
	put(&b, "housing", WORD(r, housings));
	put_set(&b, "transport_means", r, transports, transports_n, 1 + pick(r, 2));
	put(&b, "driver_licence", chance(r, 45) ? "oui" : "non");
	if (chance(r, 60))
		put(&b, "interests", WORD(r, interests));
	put_set(&b, "availability", r, availabilities, availabilities_n, 1 + pick(r, 3));
	return obj_done(&b);
}

static struct pc_json *skills_answers(struct rng *r, const struct person *p)
{
	struct obj b = obj_new();
	struct date when = p->consent;
	when.d += pick(r, 29 - when.d);
	put_date(&b, "assessment_date", when);
	put(&b, "education_level", WORD(r, education));
	const struct family *f = p->fam;
	if (f->languages) {
		put(&b, "languages", f->languages);
		if (f->other_language)
			put(&b, "languages_other", f->other_language);
		if (strncmp(f->languages, "french", 6))
			put(&b, "french_level", "beginner");
		else
			put(&b, "french_level",
			    f->origin == FN
			        ? "advanced"
			        : ONE_OF(r, ((const char *const[]){"beginner", "intermediate",
			                                           "advanced"})));
	} else {
		put(&b, "languages", chance(r, 40) ? "french,english" : "french");
		put(&b, "french_level", "native");
	}
	for (size_t i = 0; i < (size_t)rated_n; i++)
		if (chance(r, 70))
			put(&b, rated[i], WORD(r, levels));

	int njobs = pick(r, 4);
	if (njobs && b.ok) {
		struct pc_json *jobs = pc_json_new(PC_JSON_ARRAY);
		int first = p->birth.y + 16 > p->today.y - 25 ? p->birth.y + 16 : p->today.y - 25;
		for (int i = 0; jobs && i < njobs; i++) {
			struct obj row = obj_new();
			int sy = first + pick(r, p->today.y - first);
			int sm = 1 + pick(r, 12);
			int span = p->today.y - 1 - sy < 3 ? p->today.y - 1 - sy : 3;
			int ey = sy + pick(r, span + 1);
			int em = ey == sy ? sm + pick(r, 13 - sm) : 1 + pick(r, 12);
			put(&row, "employer", WORD(r, employers));
			put(&row, "title", WORD(r, job_titles));
			putf(&row, "start", "%04d-%02d-01", sy, sm);
			putf(&row, "end", "%04d-%02d-28", ey, em);
			if (chance(r, 80))
				put(&row, "reason_left", WORD(r, reasons));
			if (!push_row(jobs, obj_done(&row)))
				pc_json_free(&jobs);
		}
		put_json(&b, "jobs", jobs);
	}
	if (chance(r, 50))
		put(&b, "strengths", "Débrouillardise, sens de l'humour, aime le travail manuel.");
	if (chance(r, 50))
		put(&b, "goals", WORD(r, goals));
	return obj_done(&b);
}

/* One month of attendance: weekdays between first_day and last_day, one or
 * two rows a day (never more than 15 h a day). *days receives the number of
 * days attended (0: nothing to save). */
static struct pc_json *participation_answers(struct rng *r, const struct person *p,
                                             struct date month, int first_day, int last_day,
                                             int *days_out)
{
	struct obj b = obj_new();
	struct pc_json *entries = pc_json_new(PC_JSON_ARRAY);
	int days = 0;
	int room = last_day - first_day + 1;
	for (int d = first_day + pick(r, room < 3 ? room : 3); entries && d <= last_day;
	     d += 1 + pick(r, 2)) {
		int wd = weekday(month.y, month.m, d);
		if (wd == 0 || wd == 6)
			continue;
		int rows = chance(r, 30) ? 2 : 1;
		for (int k = 0; entries && k < rows; k++) {
			struct obj row = obj_new();
			int a = pick(r, 10);
			putf(&row, "date", "%04d-%02d-%02d", month.y, month.m, d);
			put(&row, "activity", a < 5 ? "work" : a < 8 ? "training" : "social");
			put(&row, "hours", WORD(r, hours_typed));
			if (chance(r, 20))
				put(&row, "note", WORD(r, activity_notes));
			if (!push_row(entries, obj_done(&row)))
				pc_json_free(&entries);
		}
		days++;
	}
	put_json(&b, "entries", entries);
	if (p->children && chance(r, 50))
		putf(&b, "childcare_costs", "%d,%02d", 10 * (1 + pick(r, 8)),
		     chance(r, 50) ? 50 : 0);
	*days_out = days;
	if (days && chance(r, 60)) {
		int cents = 350 * days;
		putf(&b, "transport_costs", "%d,%02d%s", cents / 100, cents % 100,
		     chance(r, 50) ? " $" : "");
	}
	if (chance(r, 10))
		put(&b, "month_note", "Absente une semaine (enfant malade).");
	return obj_done(&b);
}

static struct pc_json *plan_answers(struct rng *r, const struct person *p)
{
	struct obj b = obj_new();
	put_date(&b, "plan_date", p->consent);
	put(&b, "goal", WORD(r, goals));
	put(&b, "orientation", WORD(r, orientations));
	struct pc_json *objectives = pc_json_new(PC_JSON_ARRAY);
	int n = 2 + pick(r, 3);
	for (int i = 0; objectives && i < n; i++) {
		struct obj row = obj_new();
		struct date due = months_before(p->consent, -(i + 1));
		put(&row, "objective", WORD(r, step_actions));
		put(&row, "domain",
		    ONE_OF(r, ((const char *const[]){"employment", "training", "personal", "social",
						     "living"})));
		put(&row, "responsible", WORD(r, responsibles));
		put_date(&row, "due_date", due);
		if (date_cmp(due, p->today) < 0 && chance(r, 70)) {
			put(&row, "status", "achieved");
			put_date(&row, "status_date", due);
		} else {
			put(&row, "status", chance(r, 50) ? "planned" : "in_progress");
			put_date(&row, "status_date", p->consent);
		}
		if (!push_row(objectives, obj_done(&row)))
			pc_json_free(&objectives);
	}
	put_json(&b, "objectives", objectives);
	put(&b, "participant_agrees", "oui");
	return obj_done(&b);
}

static struct pc_json *followup_answers(struct rng *r, const struct person *p)
{
	struct obj b = obj_new();
	struct date met = months_before(p->today, 1);
	met.d = p->consent_back == 1 ? p->consent.d + pick(r, 29 - p->consent.d) : 1 + pick(r, 28);
	put_date(&b, "meeting_date", met);
	put(&b, "kind", WORD(r, meeting_kinds));
	put(&b, "duration", ONE_OF(r, ((const char *const[]){"1", "1:30", "0:45", "2", "1h15"})));
	put_set(&b, "topics", r, topics, topics_n, 1 + pick(r, 3));
	put(&b, "summary", WORD(r, summaries));
	putf(&b, "wellbeing", "%d", 2 + pick(r, 9));
	put(&b, "plan_reviewed", chance(r, 40) ? "oui" : "non");
	put_date(&b, "next_meeting", months_before(met, -1));
	return obj_done(&b);
}

/* ---- saving through the core ---- */

/* Saves `raw` (owned). Warnings are dropped; errors go to `pr`, each prefixed
 * with the form (and month) so a broken demo says which answers were wrong. */
static enum pc_status save(struct pc_ctx *c, const char *form, const char *file_no,
                           const char *period, struct pc_json *raw, struct pc_problems *pr)
{
	if (!raw) {
		pc_problems_add(pr, false, form, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	struct pc_problems mine = {0};
	long long revision;
	enum pc_status st = pc_submission_save(c, form, file_no, period, raw, -1, &revision, &mine);
	pc_json_free(&raw);
	if (st != PC_OK) {
		char prefix[64];
		snprintf(prefix, sizeof(prefix), "%s %s%s%s: ", file_no, form, period ? " " : "",
		         period ? period : "");
		pc_problems_take(pr, &mine, prefix);
	}
	pc_problems_clear(&mine);
	return st;
}

static enum pc_status participation_months(struct pc_ctx *c, struct rng *r, const struct person *p,
                                           const char *file_no, struct pc_problems *pr)
{
	int back = p->consent_back < 3 ? p->consent_back : 3;
	/* the months since the consent, the current one only up to today */
	for (int k = back; k >= 0; k--) {
		if (k == 0 && !chance(r, 50))
			break;
		struct date month = months_before(p->today, k);
		int first = k == p->consent_back ? p->consent.d : 1;
		int last = k == 0 ? (p->today.d < 28 ? p->today.d : 28) : 28;
		if (first > last)
			continue;
		char period[16];
		snprintf(period, sizeof(period), "%04d-%02d", month.y, month.m);
		int days = 0;
		struct pc_json *raw = participation_answers(r, p, month, first, last, &days);
		if (raw && days == 0) {
			pc_json_free(&raw);
			continue;
		}
		enum pc_status st = save(c, "participation", file_no, period, raw, pr);
		if (st != PC_OK)
			return st;
	}
	return PC_OK;
}

static enum pc_status one_participant(struct pc_ctx *c, struct rng *r, struct date today,
                                      struct pc_problems *pr)
{
	struct person p = {.today = today};
	struct pc_json *intake = intake_answers(r, &p);
	if (!intake) {
		pc_problems_add(pr, false, "intake", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	struct pc_problems mine = {0};
	char *file_no = NULL;
	enum pc_status st = pc_intake_add(c, intake, &file_no, &mine);
	pc_json_free(&intake);
	if (st != PC_OK) {
		/* duplicates are warnings, and normal among thousands of names */
		pc_problems_take(pr, &mine, "intake: ");
		pc_problems_clear(&mine);
		free(file_no);
		return st;
	}
	pc_problems_clear(&mine);
	/* PAAS Action participants are enrolled from their consent date and
	 * followed by one of a few counsellors, so the reports have figures */
	static const char *const counsellors[] = {"mgagnon", "jtremblay", "akurtness", "lnguyen"};
	if (p.paas && pc_programme_find(c->programmes, "paas_action")) {
		char start[11];
		snprintf(start, sizeof(start), "%04d-%02d-%02d", p.consent.y, p.consent.m, p.consent.d);
		st = pc_enrol(c, file_no, "paas_action", start, NULL, chance(r, 30) ? "20,40,60" : NULL,
			      counsellors[pick(r, 4)], NULL, pr);
	}
	if (st == PC_OK && chance(r, 50))
		st = save(c, "profile", file_no, NULL, profile_answers(r, &p), pr);
	if (st == PC_OK && chance(r, 25))
		st = save(c, "skills", file_no, NULL, skills_answers(r, &p), pr);
	if (st == PC_OK && p.paas)
		st = participation_months(c, r, &p, file_no, pr);
	if (st == PC_OK && chance(r, 10))
		st = save(c, "plan", file_no, NULL, plan_answers(r, &p), pr);
	if (st == PC_OK && chance(r, 10))
		st = save(c, "followup", file_no, NULL, followup_answers(r, &p), pr);
	free(file_no);
	return st;
}

enum pc_status pc_demo_fill(struct pc_ctx *c, size_t n, unsigned seed,
                            void (*progress)(void *ctx, size_t done, size_t total), void *pctx,
                            struct pc_problems *pr)
{
	struct date today = {2026, 1, 15};
	if (sscanf(c->today, "%4d-%2d-%2d", &today.y, &today.m, &today.d) != 3 || today.m < 1 ||
	    today.m > 12 || today.d < 1 || today.d > 31)
		today = (struct date){2026, 1, 15};
	struct rng r = {(uint64_t)seed * 0x2545F4914F6CDD1DULL + 1};
	enum pc_status st = PC_OK;
	/* batches of a few hundred people in one durable commit: each intake
	 * and save still runs its own (nested) transaction and rules */
	for (size_t i = 0; i < n && st == PC_OK; i++) {
		if (i % BATCH == 0 && (st = pc_store_begin(c->store, pr)) != PC_OK)
			break;
		st = one_participant(c, &r, today, pr);
		if (st != PC_OK) {
			pc_store_rollback(c->store);
			break;
		}
		if ((i + 1) % BATCH == 0 || i + 1 == n)
			st = pc_store_commit(c->store, pr);
		if (st == PC_OK && progress && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == n))
			progress(pctx, i + 1, n);
	}
	return st;
}
