/* What a hostile or careless expression cannot do: run past the time limit,
 * grow past the memory limit, call a function outside the allowlist (the
 * heap address fts3_tokenizer gives); and a calculated value is checked like
 * a typed one before it is kept. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/validate.h"
#include "test.h"

static struct pc_expr *ev;

/* Peak RSS allowed to grow by a run the memory limit stops: twice the limit;
 * AddressSanitizer keeps freed blocks in quarantine and pads each one, so
 * four times as much there. */
#if defined(__SANITIZE_ADDRESS__)
static const long rss_allowance_kb = 8L * PC_EXPR_MEMORY_LIMIT_MB * 1024;
#else
static const long rss_allowance_kb = 2L * PC_EXPR_MEMORY_LIMIT_MB * 1024;
#endif

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Evaluates `expr` on no answers; returns whether it succeeded, the
 * error (malloc'ed, or NULL) in *error and the time taken in *ms. */
static bool eval(const char *expr, char **error, double *ms)
{
	struct pc_json *r = NULL;
	double t0 = now_ms();
	bool ok = pc_expr_eval(ev, expr, NULL, NULL, &r, error);
	*ms = now_ms() - t0;
	pc_json_free(&r);
	return ok;
}

static void test_time_limit(void)
{
	char *error = NULL;
	double ms;
	/* counting to a billion: 40 s before the limit */
	bool ok = eval("(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
	               "WHERE x < 1000000000) SELECT max(x) FROM c)",
	               &error, &ms);
	CHECK(!ok);
	CHECK(pc_expr_stopped(ev) == PC_EXPR_TIME);
	CHECK(error && strstr(error, "took too long (more than 50 ms)"));
	CHECK(ms >= PC_EXPR_TIME_LIMIT_MS && ms < 2000);
	fprintf(stderr, "recursive count stopped after %.1f ms\n", ms);
	free(error);
	/* few steps, each costly: copying a 100 KB text per row */
	error = NULL;
	ok = eval(
	    "(WITH RECURSIVE c(x, s) AS (SELECT 1, printf('%.*c', 100000, 'x') UNION ALL "
	    "SELECT x + 1, replace(s, 'x', 'y') FROM c WHERE x < 1000000000) SELECT max(x) FROM c)",
	    &error, &ms);
	CHECK(!ok && pc_expr_stopped(ev) == PC_EXPR_TIME && ms < 2000);
	fprintf(stderr, "costly rows stopped after %.1f ms\n", ms);
	free(error);
	/* a later failure of another kind is not taken for a limit */
	error = NULL;
	CHECK(!eval("1 +", &error, &ms));
	CHECK(pc_expr_stopped(ev) == PC_EXPR_RAN);
	free(error);
	/* the evaluator is still usable, and a normal run says it ran */
	error = NULL;
	CHECK(eval("1 + 1", &error, &ms));
	CHECK(pc_expr_stopped(ev) == PC_EXPR_RAN && error == NULL);
}

/* Rows of 1 MB texts kept for DISTINCT: memory grows by a megabyte a row. */
static const char hog[] =
    "(WITH RECURSIVE c(x, s) AS (SELECT 1, replace(printf('%.*c', 1000, 'x'), 'x', "
    "printf('%.*c', 1000, 'y')) UNION ALL SELECT x + 1, s FROM c WHERE x < 1600) "
    "SELECT count(*) FROM (SELECT DISTINCT s || x FROM c))";

static void test_memory_limit(void)
{
	char *error = NULL;
	double ms;
	/* with the default limits, time comes first */
	long before = peak_rss_kb();
	CHECK(!eval(hog, &error, &ms));
	CHECK(pc_expr_stopped(ev) == PC_EXPR_TIME);
	long grown = peak_rss_kb() - before;
	CHECK(grown < rss_allowance_kb);
	fprintf(stderr, "1.6 GB of rows: stopped after %.1f ms, peak RSS +%ld KB\n", ms, grown);
	free(error);
	/* with time out of the way, the memory limit stops it near 8 MB */
	error = NULL;
	pc_expr_set_limits(ev, 60000, 8);
	CHECK(!eval(hog, &error, &ms));
	CHECK(pc_expr_stopped(ev) == PC_EXPR_MEMORY);
	CHECK(error && strstr(error, "too much memory (more than 8 MB)"));
	grown = peak_rss_kb() - before;
	CHECK(grown < rss_allowance_kb);
	fprintf(stderr, "memory limit 8 MB: stopped after %.1f ms, peak RSS +%ld KB\n", ms, grown);
	free(error);
	pc_expr_set_limits(ev, 0, 0);
	/* one value past 1 MB */
	error = NULL;
	CHECK(!eval("length(replace(printf('%.*c', 600000, 'x'), 'x', 'xx'))", &error, &ms));
	CHECK(pc_expr_stopped(ev) == PC_EXPR_MEMORY && error &&
	      strstr(error, "too large (more than 1 MB)"));
	free(error);
}

/* prepares `expr` and returns its error (malloc'ed) or NULL */
static char *prepare_error(const char *expr)
{
	char **names = NULL, *error = NULL;
	size_t n = 0;
	if (pc_expr_names(ev, expr, &names, &n, &error))
		pc_expr_names_free(&names, n);
	return error;
}

static void test_allowlist(void)
{
	static const char *const refused[] = {
	    "fts3_tokenizer('simple')",
	    "hex(fts3_tokenizer('porter'))",
	    "random()",
	    "randomblob(8)",
	    "zeroblob(10)",
	    "sqlite_version()",
	    "load_extension('x')",
	    "last_insert_rowid()",
	    "changes()",
	    "sqlite_compileoption_used('x')",
	    "(SELECT group_concat(name) FROM pragma_function_list)",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		char *error = prepare_error(refused[i]);
		CHECK(error != NULL);
		if (!error)
			fprintf(stderr, "  accepted: %s\n", refused[i]);
		free(error);
	}
	char *error = prepare_error("fts3_tokenizer('simple')");
	CHECK_STR(error, "the function fts3_tokenizer() is not allowed in a form");
	free(error);
	/* what forms need still works, case-insensitively */
	static const char *const accepted[] = {
	    "coalesce(NULL, 1) + abs(-1) + length('été') + instr('abc', 'b')",
	    "upper(substr(trim(' h1a '), 1, 1)) || lower('B') || replace('a', 'a', 'b')",
	    "json_extract('{\"a\": 1}', '$.a') + json_array_length('[1, 2]')",
	    "'{\"a\": 1}' ->> 'a'",
	    "date('2026-01-31', '+1 month') || strftime('%Y', '2026-01-01') || "
	    "julianday('2026-01-01')",
	    "(SELECT count(*) + sum(value) + total(value) + avg(value) + max(value) FROM "
	    "json_each('[1,2]'))",
	    "iif(1, 'a', 'b') || ifnull(NULL, 'c') || printf('%d', 3) || nullif(1, 2)",
	    "round(2.5) + CAST('4' AS INTEGER) + (1 IN (1, 2)) + ('a' LIKE 'A') + ('a' GLOB 'a')",
	    "COALESCE(today(), AGE('2000-01-01'), SELECTED('[\"a\"]', 'a'), count_selected('[]'))",
	};
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		error = prepare_error(accepted[i]);
		CHECK(error == NULL);
		if (error)
			fprintf(stderr, "  refused: %s: %s\n", accepted[i], error);
		free(error);
	}
	CHECK(pc_expr_function_allowed("json_group_array") && pc_expr_function_allowed("->>"));
	CHECK(pc_expr_function_allowed("Upper") && !pc_expr_function_allowed("fts3_tokenizer"));
	CHECK(!pc_expr_function_allowed("") && !pc_expr_function_allowed(NULL));
}

/* The shipped kind of expression stays far from the limits. */
static void test_normal_cost(void)
{
	struct pc_json *answers = NULL;
	const char *text = "{\"entries\": [{\"date\": \"2026-02-03\", \"hours\": 3.5, "
	                   "\"activity\": \"work\"}, {\"date\": \"2026-02-04\", \"hours\": 2, "
	                   "\"activity\": \"training\"}]}";
	answers = pc_json_parse(text, strlen(text), NULL, 0);
	CHECK(answers != NULL);
	double t0 = now_ms();
	int fails = 0;
	for (int i = 0; i < 10000; i++) {
		struct pc_json *r = NULL;
		char *error = NULL;
		if (!pc_expr_eval(
		        ev,
		        "(SELECT coalesce(sum(json_extract(value, '$.hours')), 0) FROM "
		        "json_each($entries) WHERE json_extract(value, '$.activity') = 'work')",
		        answers, NULL, &r, &error) ||
		    r->number != 3.5)
			fails++;
		free(error);
		pc_json_free(&r);
	}
	double ms = now_ms() - t0;
	CHECK(fails == 0);
	fprintf(stderr, "10000 evaluations of a month total: %.1f ms\n", ms);
	pc_json_free(&answers);
}

/* A calculation's result goes through the same checks as a typed answer. */
static void test_calculated_values(const char *dir)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/calc.yaml", dir);
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(
	    "form: calc\nversion: 1\ntitle: C\nsections:\n  - title: S\n    fields:\n"
	    "      - {name: mode, type: integer, label: M}\n"
	    "      - {name: when, type: date, label: W, calculate: \"CASE $mode WHEN 1 THEN 'abc' "
	    "WHEN 2 THEN '2026-02-30' WHEN 3 THEN '2026-02-28' END\"}\n"
	    "      - {name: level, type: integer, label: L, min: 0, max: 10, calculate: \"$mode * "
	    "2\"}\n"
	    "      - {name: pick, type: choice, label: P, choices: [{value: a, label: A}, {value: "
	    "b, label: B}], calculate: "
	    "\"CASE $mode WHEN 4 THEN 'z' ELSE 'a' END\"}\n"
	    "      - {name: word, type: text, label: T, calculate: \"CASE $mode WHEN 5 THEN "
	    "CAST(x'c328' AS TEXT) ELSE 'ok' END\"}\n"
	    "      - {name: flag, type: boolean, label: F, calculate: \"$mode > 2\"}\n",
	    f);
	fclose(f);
	struct pc_form *form = NULL;
	struct pc_problems pr = {0};
	CHECK(pc_form_load(path, ev, &form, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	static const struct {
		const char *raw, *field, *text;
	} cases[] = {
	    {"{\"mode\": 1}", "when", "calculation gives a value not accepted"},
	    {"{\"mode\": 2}", "when", "calculation gives a value not accepted"},
	    {"{\"mode\": 4}", "pick", "calculation gives a value not accepted"},
	    {"{\"mode\": 5}", "word", "UTF-8"},
	    {"{\"mode\": 6}", "level", "at most 10"},
	};
	for (size_t i = 0; form && i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pc_json *raw = pc_json_parse(cases[i].raw, strlen(cases[i].raw), NULL, 0);
		struct pc_json *clean = NULL;
		CHECK(pc_validate(form, ev, raw, NULL, PC_VALIDATE_SAVE, &clean, &pr) ==
		      PC_REFUSED);
		CHECK(clean == NULL);
		bool found = false;
		for (size_t k = 0; k < pr.len; k++)
			found |= !strcmp(pr.items[k].where, cases[i].field) &&
			         strstr(pr.items[k].message, cases[i].text);
		CHECK(found);
		if (!found)
			for (size_t k = 0; k < pr.len; k++)
				fprintf(stderr, "  case %zu: %s: %s\n", i, pr.items[k].where,
				        pr.items[k].message);
		pc_problems_clear(&pr);
		pc_json_free(&raw);
	}
	/* a good result is kept in its field's own form */
	struct pc_json *raw = pc_json_parse("{\"mode\": 3}", 11, NULL, 0), *clean = NULL;
	CHECK(form && pc_validate(form, ev, raw, NULL, PC_VALIDATE_SAVE, &clean, &pr) == PC_OK);
	struct pc_json *when = clean ? pc_json_object_get(clean, "when") : NULL;
	struct pc_json *flag = clean ? pc_json_object_get(clean, "flag") : NULL;
	CHECK(when && when->kind == PC_JSON_STRING && !strcmp(when->string, "2026-02-28"));
	CHECK(flag && flag->kind == PC_JSON_TRUE);
	pc_json_free(&clean);
	pc_json_free(&raw);
	pc_problems_clear(&pr);
	pc_form_free(&form);
	unlink(path);
}

int main(void)
{
	struct pc_problems pr = {0};
	pc_i18n_set_lang(PC_LANG_EN);
	CHECK(pc_expr_open(&ev, &pr) == PC_OK);
	if (!ev)
		TEST_DONE();
	char dir[] = "/tmp/parcours-limits-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	test_time_limit();
	test_memory_limit();
	test_allowlist();
	test_normal_cost();
	test_calculated_values(dir);
	pc_expr_close(&ev);
	rmdir(dir);
	TEST_DONE();
}
