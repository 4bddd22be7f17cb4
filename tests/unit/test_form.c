/* The form loader: the shipped forms load with their contract fields; a
 * folder skips definitions of other kinds and refuses a shared id; hostile
 * files are refused quickly with a message. (Broken definitions, one problem
 * each, are the corpus in tests/forms/bad, run by tests/cli.) */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "test.h"

static struct pc_expr *ev;
static char dir[] = "/tmp/pc-form-XXXXXX";

static void write_file(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static bool has(const struct pc_problems *pr, const char *text)
{
	for (size_t i = 0; i < pr->len; i++)
		if (strstr(pr->items[i].message, text) || strstr(pr->items[i].where, text))
			return true;
	return false;
}

static void test_shipped(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_formset *set = NULL;
	struct pc_problems pr = {0};
	CHECK(pc_formset_load(path, ev, &set, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	if (!set)
		return;
	/* ordered by `order`: intake first */
	CHECK(set->len >= 4 && !strcmp(set->forms[0]->id, "intake"));
	static const char *const contract[][2] = {
		{"intake", "family_name"},    {"intake", "given_name"},      {"intake", "birth_date"},
		{"intake", "phone"},          {"intake", "email"},           {"intake", "address"},
		{"intake", "income_source"},  {"intake", "referred_by"},     {"intake", "programme"},
		{"intake", "consent_date"},   {"intake", "consent_sharing"}, {"profile", "barriers"},
		{"profile", "health"},        {"profile", "wellbeing"},      {"skills", "education_level"},
		{"skills", "jobs"},           {"participation", "entries"},
		{"participation", "entries.date"}, {"participation", "entries.activity"},
		{"participation", "entries.hours"}, {"participation", "childcare_costs"},
		{"participation", "transport_costs"},
	};
	for (size_t i = 0; i < sizeof(contract) / sizeof(contract[0]); i++) {
		const struct pc_form *f = pc_formset_find(set, contract[i][0]);
		bool ok = f && pc_form_field(f, contract[i][1]);
		if (!ok)
			fprintf(stderr, "missing %s.%s\n", contract[i][0], contract[i][1]);
		CHECK(ok);
	}
	const struct pc_form *p = pc_formset_find(set, "participation");
	CHECK(p && p->period == PC_PERIOD_MONTH);
	const struct pc_field *act = p ? pc_form_field(p, "entries.activity") : NULL;
	CHECK(act && act->type == PC_TYPE_CHOICE && pc_choice_find(act->choices, "work") &&
	      pc_choice_find(act->choices, "training") && pc_choice_find(act->choices, "social"));
	const struct pc_field *b = pc_form_field(pc_formset_find(set, "profile"), "barriers");
	CHECK(b && b->type == PC_TYPE_CHOICES && pc_choice_find(b->choices, "transport") &&
	      pc_choice_find(b->choices, "childcare"));
	/* bilingual labels */
	const struct pc_field *fam = pc_form_field(set->forms[0], "family_name");
	CHECK(fam && fam->label.fr && fam->label.en && strcmp(fam->label.fr, fam->label.en));
	pc_formset_free(&set);
	CHECK(set == NULL);
}

static const char small_form[] = "form: %s\nversion: 2\ntitle: {fr: Essai, en: Test}\n"
				 "order: %d\n"
				 "sections:\n  - title: S\n    fields:\n"
				 "      - {name: a, type: integer, label: A, min: 0, max: 9}\n"
				 "      - {name: c, type: integer, label: C, calculate: \"$b + 1\"}\n"
				 "      - {name: b, type: integer, label: B, calculate: \"$a * 2\"}\n"
				 "      - {name: k, type: choice, label: K, choices: [{value: x, label: X},"
				 " {value: y, label: Y, retired: true}]}\n";

static void test_folder(void)
{
	char text[1024];
	snprintf(text, sizeof(text), small_form, "second", 5);
	write_file("b.yaml", text);
	snprintf(text, sizeof(text), small_form, "first", 1);
	write_file("z.yaml", text);
	write_file("programmes.yaml", "programmes:\n  - {id: x, title: X, categories: [work]}\n");
	write_file("notes.txt", "not yaml at all: [");
	struct pc_formset *set = NULL;
	struct pc_problems pr = {0};
	CHECK(pc_formset_load(dir, ev, &set, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	CHECK(set && set->len == 2);
	if (set && set->len == 2) {
		CHECK_STR(set->forms[0]->id, "first");
		const struct pc_form *f = set->forms[0];
		CHECK(f->version == 2);
		/* calculations in dependency order: b before c */
		CHECK(f->ncalc == 2 && !strcmp(f->fields[f->calc_order[0]].name, "b"));
		const struct pc_field *k = pc_form_field(f, "k");
		CHECK(k && k->choices && k->choices->len == 2 && k->choices->items[1].retired);
		pc_i18n_set_lang(PC_LANG_EN);
		CHECK_STR(pc_text_get(&f->title), "Test");
		pc_i18n_set_lang(PC_LANG_FR);
		CHECK_STR(pc_text_get(&f->title), "Essai");
		pc_i18n_set_lang(PC_LANG_EN);
	}
	pc_formset_free(&set);
	/* two files, one id */
	snprintf(text, sizeof(text), small_form, "first", 3);
	write_file("y.yaml", text);
	CHECK(pc_formset_load(dir, ev, &set, &pr) == PC_UNUSABLE);
	CHECK(set == NULL && has(&pr, "already used"));
	pc_problems_clear(&pr);
}

/* Hostile files: each refused with a message, fast. */
static void test_hostile(void)
{
	char path[512];
	struct pc_problems pr = {0};
	struct pc_form *f = NULL;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* 100 MB (sparse) */
	snprintf(path, sizeof(path), "%s/huge.yaml", dir);
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 100 << 20) == 0);
	close(fd);
	CHECK(pc_form_load(path, ev, &f, &pr) == PC_UNUSABLE && has(&pr, "1 MiB"));
	unlink(path);
	/* a device, not a file */
	CHECK(pc_form_load("/dev/zero", ev, &f, &pr) == PC_UNUSABLE && has(&pr, "regular file"));
	/* a missing file */
	CHECK(pc_form_load("/nonexistent/x.yaml", ev, &f, &pr) == PC_UNUSABLE);
	/* 100,000 nested brackets within the size limit */
	static char deep[200002];
	memset(deep, '[', 100000);
	memset(deep + 100000, ']', 100000);
	write_file("deep.yaml", deep);
	snprintf(path, sizeof(path), "%s/deep.yaml", dir);
	CHECK(pc_form_load(path, ev, &f, &pr) == PC_UNUSABLE && has(&pr, "nested too deeply"));
	/* half a million tiny list items */
	static char wide[1000002];
	wide[0] = '[';
	for (size_t i = 1; i + 2 < sizeof(wide); i += 2)
		memcpy(wide + i, "1,", 2);
	wide[sizeof(wide) - 3] = '1';
	wide[sizeof(wide) - 2] = ']';
	wide[sizeof(wide) - 1] = '\0';
	write_file("wide.yaml", wide);
	snprintf(path, sizeof(path), "%s/wide.yaml", dir);
	CHECK(pc_form_load(path, ev, &f, &pr) == PC_UNUSABLE && has(&pr, "too many"));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	fprintf(stderr, "hostile files refused in %.1f ms\n", ms);
	CHECK(f == NULL);
	pc_problems_clear(&pr);
	unlink(path);
	snprintf(path, sizeof(path), "%s/deep.yaml", dir);
	unlink(path);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	struct pc_problems pr = {0};
	CHECK(mkdtemp(dir) != NULL);
	CHECK(pc_expr_open(&ev, &pr) == PC_OK);
	test_shipped();
	test_folder();
	test_hostile();
	pc_expr_close(&ev);
	static const char *const names[] = {"b.yaml", "z.yaml", "y.yaml", "programmes.yaml",
					    "notes.txt"};
	for (size_t i = 0; i < 5; i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	TEST_DONE();
}
