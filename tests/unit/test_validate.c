/* The validation path and the expression evaluator: relevance, required,
 * bounds, patterns, constraints, warnings, calculations, repeats, $period,
 * and what an expression is not allowed to do. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/validate.h"
#include "test.h"

static const char form_yaml[] =
	"form: t\n"
	"version: 1\n"
	"title: T\n"
	"period: month\n"
	"sections:\n"
	"  - title: S\n"
	"    fields:\n"
	"      - {name: income_source, type: choice, label: I, choices: income, required: true}\n"
	"      - {name: income_other, type: text, label: O, required: true,\n"
	"         relevant: \"$income_source = 'other'\"}\n"
	"      - {name: wellbeing, type: integer, label: W, min: 1, max: 10,\n"
	"         warn: \"$wellbeing <= 3\", warn_message: {fr: Orienter, en: Refer}}\n"
	"      - {name: postal, type: text, label: P, pattern: \"[A-Za-z][0-9][A-Za-z] ?[0-9][A-Za-z][0-9]\"}\n"
	"      - {name: barriers, type: choices, label: B, choices: barriers, max: 2}\n"
	"      - {name: transport_note, type: text, label: TN,\n"
	"         relevant: \"selected($barriers, 'transport')\"}\n"
	"      - {name: birth, type: date, label: D, min: '1900-01-01', warn: \"age($birth) < 16\"}\n"
	"      - name: entries\n"
	"        type: repeat\n"
	"        label: E\n"
	"        fields:\n"
	"          - {name: date, type: date, label: D, required: true,\n"
	"             constraint: \"substr($date, 1, 7) = $period\", message: {fr: hors mois, en: not in the month}}\n"
	"          - {name: hours, type: hours, label: H, required: true, min: 0, max: 24}\n"
	"      - {name: total, type: hours, label: T,\n"
	"         calculate: \"(SELECT coalesce(sum(json_extract(value, '$.hours')), 0) FROM json_each($entries))\"}\n"
	"      - {name: double_total, type: hours, label: DT, calculate: \"$total * 2\"}\n"
	"choices:\n"
	"  income:\n"
	"    - {value: employment, label: Emploi}\n"
	"    - {value: other, label: Autre}\n"
	"  barriers:\n"
	"    - {value: transport, label: Transport}\n"
	"    - {value: childcare, label: Garde}\n"
	"    - {value: housing, label: Logement}\n";

static struct pc_expr *ev;
static struct pc_form *form;

static struct pc_json *obj(const char *text)
{
	char err[200];
	struct pc_json *j = pc_json_parse(text, strlen(text), err, sizeof(err));
	if (!j)
		fprintf(stderr, "bad test JSON: %s\n", err);
	return j;
}

/* Validates `raw` and returns the status; *clean and problems to caller. */
static enum pc_status run(const char *raw, enum pc_validate_mode mode, struct pc_json **clean,
			  struct pc_problems *pr)
{
	struct pc_json *r = obj(raw);
	enum pc_status st = pc_validate(form, ev, r, "2026-02", mode, clean, pr);
	pc_json_free(&r);
	return st;
}

static bool has_problem(const struct pc_problems *pr, const char *where, const char *text)
{
	for (size_t i = 0; i < pr->len; i++)
		if (!strcmp(pr->items[i].where, where) && strstr(pr->items[i].message, text))
			return true;
	return false;
}

static void test_valid(void)
{
	struct pc_json *clean = NULL;
	struct pc_problems pr = {0};
	enum pc_status st =
		run("{\"income_source\": \"employment\", \"income_other\": \"ignored\", "
		    "\"wellbeing\": \"2\", \"barriers\": \"transport\", \"transport_note\": \"bus\", "
		    "\"entries\": [{\"date\": \"2026-02-03\", \"hours\": \"3:30\"}, "
		    "{\"date\": \"2026-02-04\", \"hours\": \"2,5\"}]}",
		    PC_VALIDATE_SAVE, &clean, &pr);
	CHECK(st == PC_OK);
	CHECK(clean != NULL);
	/* irrelevant answer dropped, relevant kept */
	CHECK(clean && !pc_json_object_get(clean, "income_other"));
	CHECK(clean && pc_json_object_get(clean, "transport_note"));
	/* calculation chain, in dependency order */
	struct pc_json *t = clean ? pc_json_object_get(clean, "total") : NULL;
	CHECK(t && t->kind == PC_JSON_NUMBER && t->number == 6.0);
	struct pc_json *d = clean ? pc_json_object_get(clean, "double_total") : NULL;
	CHECK(d && d->number == 12.0);
	/* the warning is reported but does not refuse */
	CHECK(pr.len == 1 && pr.items[0].warning && !strcmp(pr.items[0].where, "wellbeing"));
	CHECK(pc_problems_errors(&pr) == 0);
	/* $period is not kept as an answer */
	CHECK(clean && !pc_json_object_get(clean, "period"));
	pc_json_free(&clean);
	pc_problems_clear(&pr);
}

static void test_every_problem(void)
{
	struct pc_json *clean = NULL;
	struct pc_problems pr = {0};
	enum pc_status st =
		run("{\"income_source\": \"other\", \"wellbeing\": 11, \"postal\": \"12345\", "
		    "\"barriers\": [\"transport\", \"childcare\", \"housing\"], \"nope\": 1, "
		    "\"total\": 4, \"entries\": [{\"date\": \"2026-02-03\", \"hours\": 3}, "
		    "{\"date\": \"2026-03-01\", \"hours\": \"25\"}, {\"hours\": \"x\"}]}",
		    PC_VALIDATE_SAVE, &clean, &pr);
	CHECK(st == PC_REFUSED);
	CHECK(clean == NULL);
	CHECK(has_problem(&pr, "income_other", "required"));
	CHECK(has_problem(&pr, "wellbeing", "at most 10"));
	CHECK(has_problem(&pr, "postal", "expected form"));
	CHECK(has_problem(&pr, "barriers", "at most 2"));
	CHECK(has_problem(&pr, "nope", "unknown field"));
	CHECK(has_problem(&pr, "total", "takes no answer"));
	CHECK(has_problem(&pr, "entries.2.date", "not in the month"));
	CHECK(has_problem(&pr, "entries.2.hours", "at most 24"));
	CHECK(has_problem(&pr, "entries.3.hours", "expected hours"));
	CHECK(has_problem(&pr, "entries.3.date", "required"));
	CHECK(!has_problem(&pr, "entries.1.date", ""));
	pc_problems_clear(&pr);
}

static void test_draft_mode(void)
{
	struct pc_json *clean = NULL;
	struct pc_problems pr = {0};
	/* a draft does not need required answers and keeps irrelevant ones */
	enum pc_status st = run("{\"income_source\": \"employment\", \"income_other\": \"kept\"}",
				PC_VALIDATE_DRAFT, &clean, &pr);
	CHECK(st == PC_OK);
	CHECK(clean && pc_json_object_get(clean, "income_other"));
	pc_json_free(&clean);
	st = run("{}", PC_VALIDATE_SAVE, &clean, &pr);
	CHECK(st == PC_REFUSED && has_problem(&pr, "income_source", "required"));
	pc_problems_clear(&pr);
}

static void test_relevant_live(void)
{
	const struct pc_field *other = pc_form_field(form, "income_other");
	struct pc_json *a = obj("{\"income_source\": \"other\"}");
	struct pc_json *b = obj("{\"income_source\": \"employment\"}");
	CHECK(pc_field_relevant(form, ev, other, a, NULL));
	CHECK(!pc_field_relevant(form, ev, other, b, NULL));
	CHECK(!pc_field_relevant(form, ev, other, NULL, NULL));
	pc_json_free(&a);
	pc_json_free(&b);
}

static bool eval_text(const char *expr, const char *answers, char *out, size_t n)
{
	struct pc_json *a = answers ? obj(answers) : NULL, *r = NULL;
	char *error = NULL;
	bool ok = pc_expr_eval(ev, expr, a, NULL, &r, &error);
	out[0] = '\0';
	if (ok) {
		char *s = pc_json_to_string(r);
		snprintf(out, n, "%s", s ? s : "?");
		free(s);
	} else {
		snprintf(out, n, "ERROR %s", error ? error : "");
	}
	free(error);
	pc_json_free(&a);
	pc_json_free(&r);
	return ok;
}

static void test_expressions(void)
{
	char out[512];
	setenv("PARCOURS_TODAY", "2026-03-15", 1);
	CHECK(eval_text("age($b)", "{\"b\": \"1985-03-16\"}", out, sizeof(out)));
	CHECK_STR(out, "40");
	CHECK(eval_text("age($b)", "{\"b\": \"1985-03-15\"}", out, sizeof(out)));
	CHECK_STR(out, "41");
	CHECK(eval_text("today()", NULL, out, sizeof(out)));
	CHECK_STR(out, "\"2026-03-15\"");
	CHECK(eval_text("selected($m, 'b') + 10 * selected($m, 'z')", "{\"m\": [\"a\", \"b\"]}", out,
			sizeof(out)));
	CHECK_STR(out, "1");
	CHECK(eval_text("count_selected($m)", "{\"m\": [\"a\", \"b\"]}", out, sizeof(out)));
	CHECK_STR(out, "2");
	CHECK(eval_text("$missing IS NULL", "{}", out, sizeof(out)));
	CHECK_STR(out, "1");
	CHECK(eval_text("$x * 2", "{\"x\": 1.25}", out, sizeof(out)));
	CHECK_STR(out, "2.5");
	/* nothing but reading: no schema, no pragma, no writing, no runaway */
	CHECK(!eval_text("(SELECT count(*) FROM sqlite_master)", NULL, out, sizeof(out)));
	CHECK(!eval_text("(SELECT * FROM pragma_database_list)", NULL, out, sizeof(out)));
	CHECK(!eval_text("1); CREATE TABLE x(a); SELECT (1", NULL, out, sizeof(out)));
	CHECK(strstr(out, "single expression") != NULL);
	CHECK(!eval_text("(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) "
			 "SELECT max(i) FROM c)",
			 NULL, out, sizeof(out)));
	CHECK(strstr(out, "too long") != NULL);
	CHECK(!eval_text("load_extension('x')", NULL, out, sizeof(out)));
	/* a recursive CTE that ends is fine */
	CHECK(eval_text("(WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 10) "
			"SELECT sum(i) FROM c)",
			NULL, out, sizeof(out)));
	CHECK_STR(out, "55");
	char **names = NULL, *error = NULL;
	size_t n = 0;
	CHECK(pc_expr_names(ev, "$a + $b * $a", &names, &n, &error));
	CHECK(n == 2 && !strcmp(names[0], "a") && !strcmp(names[1], "b"));
	pc_expr_names_free(&names, n);
	CHECK(!pc_expr_names(ev, "$a +", &names, &n, &error));
	CHECK(error && strstr(error, "SQLite"));
	free(error);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-validate-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof(path), "%s/t.yaml", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	fputs(form_yaml, f);
	fclose(f);
	struct pc_problems pr = {0};
	CHECK(pc_expr_open(&ev, &pr) == PC_OK);
	CHECK(pc_form_load(path, ev, &form, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	if (form) {
		test_valid();
		test_every_problem();
		test_draft_mode();
		test_relevant_live();
	}
	test_expressions();
	/* a calculation too large for an integer field is refused, not cast */
	f = fopen(path, "w");
	CHECK(f != NULL);
	fputs("form: big\nversion: 1\ntitle: B\nsections:\n  - title: S\n    fields:\n"
	      "      - {name: big, type: integer, label: B, calculate: \"1e300\"}\n", f);
	fclose(f);
	struct pc_form *big = NULL;
	CHECK(pc_form_load(path, ev, &big, &pr) == PC_OK);
	struct pc_json *clean = NULL, *empty = obj("{}");
	CHECK(big && pc_validate(big, ev, empty, NULL, PC_VALIDATE_SAVE, &clean, &pr) == PC_UNUSABLE);
	CHECK(clean == NULL && has_problem(&pr, "big", "too large"));
	pc_problems_clear(&pr);
	pc_json_free(&empty);
	pc_form_free(&big);
	pc_form_free(&form);
	pc_expr_close(&ev);
	unlink(path);
	rmdir(dir);
	TEST_DONE();
}
