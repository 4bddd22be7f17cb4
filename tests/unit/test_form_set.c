/* The form set read when first needed: a glance finds which file holds
 * which form (ytree_peek), a broken file stops only what needs it, its
 * problems are given each time it is asked for and once to a face that did
 * not ask (pc_formset_failures), loading all still reports everything, and
 * two files that start with one id are refused at once. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/yaml_tree.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "test.h"

static struct pc_expr *ev;
static char dir[] = "/tmp/pc-formset-XXXXXX";

static const char *path_of(const char *name)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static void write_file(const char *name, const char *text)
{
	FILE *f = fopen(path_of(name), "w");
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

static const char form_text[] = "# a comment first\nform: %s\nversion: 1\ntitle: T\norder: %d\n"
                                "sections:\n  - title: S\n    fields:\n"
                                "      - {name: a, type: integer, label: A}\n";

static void form_file(const char *name, const char *id, int order)
{
	char text[512];
	snprintf(text, sizeof(text), form_text, id, order);
	write_file(name, text);
}

static int peek(const char *name, const char *text, char **value)
{
	static const char *const keys[] = {"form", "programmes", "partners"};
	write_file(name, text);
	int k = ytree_peek(path_of(name), keys, 3, value);
	unlink(path_of(name));
	return k;
}

static void test_peek(void)
{
	char *v = NULL;
	CHECK(peek("p.yaml", "# c\nform: intake\nversion: [1\n", &v) == 0);
	CHECK_STR(v, "intake");
	free(v);
	/* past a nested value, and in flow style */
	CHECK(peek("p.yaml", "version: 1\ntitle: {fr: a, en: [b, c]}\nform: \"x y\"\n", &v) == 0);
	CHECK_STR(v, "x y");
	free(v);
	CHECK(peek("p.yaml", "{title: t, form: z}", &v) == 0);
	CHECK_STR(v, "z");
	free(v);
	/* the first of the keys wins; a collection gives no value */
	CHECK(peek("p.yaml", "programmes:\n  - id: a\nform: late\n", &v) == 1 && v == NULL);
	CHECK(peek("p.yaml", "partners: [a]\n", &v) == 2 && v == NULL);
	/* what looks simple but is not: one scalar, a value on two lines */
	CHECK(peek("p.yaml", "form:intake\n", &v) == -1 && v == NULL);
	CHECK(peek("p.yaml", "form: intake\n  continued\nversion: 1\n", &v) == 0);
	CHECK_STR(v, "intake continued");
	free(v);
	CHECK(peek("p.yaml", "form: intake # the first\r\nversion: 1\r\n", &v) == 0);
	CHECK_STR(v, "intake");
	free(v);
	/* nothing to say: not a mapping, an alias, bad YAML, no such key, no file */
	CHECK(peek("p.yaml", "- form: x\n", &v) == -1 && v == NULL);
	CHECK(peek("p.yaml", "just text\n", &v) == -1 && v == NULL);
	CHECK(peek("p.yaml", "a: &x 1\nform: *x\n", &v) == -1 && v == NULL);
	CHECK(peek("p.yaml", "a: [1\nform: x\n", &v) == -1 && v == NULL);
	CHECK(peek("p.yaml", "a: 1\nb: {form: x}\n", &v) == -1 && v == NULL);
	CHECK(peek("p.yaml", "", &v) == -1 && v == NULL);
	CHECK(peek("p.yaml", "form: caf\xe9\n", &v) == -1 && v == NULL);
	static const char *const keys[] = {"form"};
	CHECK(ytree_peek(path_of("none.yaml"), keys, 1, &v) == -1 && v == NULL);
	CHECK(ytree_peek(dir, keys, 1, &v) == -1 && v == NULL);
}

static void test_lazy(void)
{
	form_file("a.yaml", "alpha", 2);
	/* `form:` after other keys */
	write_file("b.yaml", "version: 1\norder: 1\ntitle: B\nform: beta\n"
	                     "sections:\n  - title: S\n    fields:\n"
	                     "      - {name: b, type: text, label: B}\n");
	write_file("c.yaml", "programmes:\n  - {id: x, title: X, categories: [work]}\n");
	/* broken before a glance can tell what it is: it might hold any form */
	write_file("d.yaml", "[oops\n");
	struct pc_formset *s = NULL;
	struct pc_problems pr = {0};
	const struct pc_form *f = NULL;
	CHECK(pc_formset_open(dir, ev, &s, &pr) == PC_OK && s && pr.len == 0);
	CHECK(s && s->len == 0); /* nothing loaded yet */
	CHECK(pc_formset_get(s, "alpha", &f, &pr) == PC_UNUSABLE && !f && has(&pr, "d.yaml:2:1"));
	pc_problems_clear(&pr);
	CHECK(pc_formset_find(s, "beta") == NULL);
	pc_formset_free(&s);
	unlink(path_of("d.yaml"));

	/* broken after its id: only that form is refused */
	write_file("e.yaml", "form: gamma\nversion: 1\nsections: [\n");
	CHECK(pc_formset_open(dir, ev, &s, &pr) == PC_OK && s && pr.len == 0);
	if (!s)
		return;
	CHECK(pc_formset_get(s, "alpha", &f, &pr) == PC_OK && f && !strcmp(f->id, "alpha"));
	CHECK(pc_formset_find(s, "alpha") == f);
	const struct pc_form *beta = pc_formset_find(s, "beta");
	CHECK(beta != NULL && pr.len == 0);
	/* unknown, with nothing that might hold it: no form, no problem */
	CHECK(pc_formset_get(s, "delta", &f, &pr) == PC_OK && !f && pr.len == 0);
	/* a face that did not ask is told once; one that asks, each time */
	CHECK(pc_formset_find(s, "gamma") == NULL);
	CHECK(pc_formset_failures(s, &pr) && has(&pr, "e.yaml:4:"));
	pc_problems_clear(&pr);
	CHECK(!pc_formset_failures(s, &pr) && pr.len == 0);
	CHECK(pc_formset_get(s, "gamma", &f, &pr) == PC_UNUSABLE && !f && has(&pr, "e.yaml:4:"));
	pc_problems_clear(&pr);
	CHECK(pc_formset_get(s, "gamma", &f, &pr) == PC_UNUSABLE && has(&pr, "e.yaml:4:"));
	pc_problems_clear(&pr);
	CHECK(!pc_formset_failures(s, &pr));
	/* everything: every problem, no list of forms */
	CHECK(pc_formset_load_all(s, &pr) == PC_UNUSABLE && has(&pr, "e.yaml") && s->len == 0);
	pc_problems_clear(&pr);
	pc_formset_free(&s);
	CHECK(s == NULL);

	unlink(path_of("e.yaml"));
	CHECK(pc_formset_open(dir, ev, &s, &pr) == PC_OK && s);
	if (!s)
		return;
	beta = pc_formset_find(s, "beta");
	CHECK(beta != NULL);
	CHECK(pc_formset_load_all(s, &pr) == PC_OK && s->len == 2);
	if (s->len == 2) {
		CHECK(s->forms[0] == beta); /* order 1, loaded before the rest */
		CHECK_STR(s->forms[1]->id, "alpha");
	}
	CHECK(pc_formset_load_all(s, &pr) == PC_OK && s->len == 2);
	pc_formset_free(&s);

	/* two files that start with the same id: refused on opening */
	form_file("f.yaml", "alpha", 3);
	CHECK(pc_formset_open(dir, ev, &s, &pr) == PC_UNUSABLE && !s);
	CHECK(has(&pr, "f.yaml:1:1") && has(&pr, "the form id \"alpha\" is already used by"));
	pc_problems_clear(&pr);
	unlink(path_of("f.yaml"));
	/* only other definitions: no form */
	unlink(path_of("a.yaml"));
	unlink(path_of("b.yaml"));
	CHECK(pc_formset_open(dir, ev, &s, &pr) == PC_UNUSABLE && !s);
	CHECK(has(&pr, "there is no form definition in this folder"));
	pc_problems_clear(&pr);
	unlink(path_of("c.yaml"));
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	struct pc_problems pr = {0};
	CHECK(mkdtemp(dir) != NULL);
	CHECK(pc_expr_open(&ev, &pr) == PC_OK);
	test_peek();
	test_lazy();
	pc_expr_close(&ev);
	rmdir(dir);
	TEST_DONE();
}
