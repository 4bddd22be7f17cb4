/* PAAS Action's eligibility (paas-action-2011.txt, slide 10: "Être
 * prestataire de l'aide financière de dernier recours. Être éloigné du
 * marché du travail. Être aux prises avec des difficultés qui empêchent
 * d'entreprendre une démarche dans les mesures d'emploi.") evaluated on
 * intake answers, row by row, with the states worked out from the slide;
 * then the shipped block against the shipped intake, and bad blocks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/eligibility.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/programme.h"
#include "test.h"

enum { M = PC_CONDITION_MET, U = PC_CONDITION_UNMET, K = PC_CONDITION_UNKNOWN };

struct row {
	const char *answers; /* the intake's JSON, NULL: no intake */
	int income, far, barriers;
};

static const struct row rows[] = {
    /* the three conditions met: aide sociale or solidarité sociale are both
     * last-resort financial assistance */
    {"{\"income_source\":\"last_resort\",\"far_from_labour_market\":true,"
     "\"employment_barriers\":true}",
     M, M, M},
    {"{\"income_source\":\"social_solidarity\",\"far_from_labour_market\":true,"
     "\"employment_barriers\":true}",
     M, M, M},
    /* employment insurance or a wage is not last-resort assistance */
    {"{\"income_source\":\"employment_insurance\",\"far_from_labour_market\":true,"
     "\"employment_barriers\":true}",
     U, M, M},
    {"{\"income_source\":\"employment\",\"far_from_labour_market\":false,"
     "\"employment_barriers\":false}",
     U, U, U},
    /* no income source recorded: unknown, never met */
    {"{\"far_from_labour_market\":true,\"employment_barriers\":true}", K, M, M},
    {"{\"income_source\":null,\"far_from_labour_market\":true}", K, M, K},
    {"{\"income_source\":\"\",\"far_from_labour_market\":true}", K, M, K},
    /* an intake saved before the questions existed (form version 1) */
    {"{\"income_source\":\"last_resort\",\"family_name\":\"Côté\"}", M, K, K},
    /* no intake at all */
    {NULL, K, K, K},
};

static void table(const struct pc_programme *paas)
{
	CHECK(paas && paas->eligibility.len == 3);
	if (!paas || paas->eligibility.len != 3)
		return;
	CHECK_STR(paas->eligibility.items[0].field, "income_source");
	CHECK_STR(paas->eligibility.items[1].field, "far_from_labour_market");
	CHECK_STR(paas->eligibility.items[2].field, "employment_barriers");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct pc_json *a =
		    r->answers ? pc_json_parse(r->answers, strlen(r->answers), NULL, 0) : NULL;
		CHECK(!r->answers || a);
		int want[3] = {r->income, r->far, r->barriers};
		for (size_t k = 0; k < 3; k++) {
			int got = (int)pc_condition_eval(&paas->eligibility.items[k], a);
			CHECK(got == want[k]);
			if (got != want[k])
				fprintf(stderr, "  row %zu, %s: %s, want %s\n", i,
				        paas->eligibility.items[k].field,
				        pc_condition_state_name((enum pc_condition_state)got),
				        pc_condition_state_name((enum pc_condition_state)want[k]));
		}
		pc_json_free(&a);
	}
}

/* A multiple choice is met when one of its answers is listed. */
static void multiple(void)
{
	char *values[] = {"a", "b"};
	struct pc_condition c = {.field = "x", .values = values, .nvalues = 2};
	struct pc_json *one = pc_json_parse("{\"x\":[\"z\",\"b\"]}", 15, NULL, 0);
	struct pc_json *none = pc_json_parse("{\"x\":[\"z\"]}", 11, NULL, 0);
	struct pc_json *empty = pc_json_parse("{\"x\":[]}", 8, NULL, 0);
	CHECK(pc_condition_eval(&c, one) == PC_CONDITION_MET);
	CHECK(pc_condition_eval(&c, none) == PC_CONDITION_UNMET);
	CHECK(pc_condition_eval(&c, empty) == PC_CONDITION_UNKNOWN);
	pc_json_free(&one);
	pc_json_free(&none);
	pc_json_free(&empty);
}

/* The shipped block names fields and choices the shipped intake has; a
 * block naming others is refused with the condition's place. */
static void against_intake(const char *src, const struct pc_programmes *progs)
{
	char path[600];
	snprintf(path, sizeof(path), "%s/forms/intake.yaml", src);
	struct pc_problems pr = {0};
	struct pc_expr *ev = NULL;
	struct pc_form *intake = NULL;
	CHECK(pc_expr_open(&ev, &pr) == PC_OK);
	CHECK(pc_form_load(path, ev, &intake, &pr) == PC_OK);
	for (size_t i = 0; i < progs->len; i++)
		CHECK(
		    pc_eligibility_check_form("p.yaml", &progs->items[i].eligibility, intake, &pr));
	CHECK(pr.len == 0);

	char *bad_values[] = {"last_resort", "lottery"}, *yes[] = {"yes"};
	struct pc_condition conds[] = {
	    {.field = "income_source", .values = bad_values, .nvalues = 2, .line = 3, .col = 7},
	    {.field = "employment_barriers", .values = yes, .nvalues = 1, .line = 9, .col = 7},
	    {.field = "incom_source", .values = bad_values, .nvalues = 1, .line = 12, .col = 7},
	    {.field = "family_name", .values = yes, .nvalues = 1, .line = 15, .col = 7},
	};
	struct pc_eligibility bad = {.items = conds, .len = 4};
	CHECK(!pc_eligibility_check_form("p.yaml", &bad, intake, &pr));
	CHECK(pr.len == 4);
	if (pr.len == 4) {
		CHECK_STR(pr.items[0].where, "p.yaml:3:7");
		CHECK(strstr(pr.items[0].message, "\"lottery\"") != NULL);
		CHECK(strstr(pr.items[1].message, "true or false") != NULL);
		CHECK(strstr(pr.items[2].message, "did you mean \"income_source\"") != NULL);
		CHECK(strstr(pr.items[3].message, "of type text") != NULL);
	}
	pc_problems_clear(&pr);
	pc_form_free(&intake);
	pc_expr_close(&ev);
}

/* Blocks the loader refuses, each with its message. */
static void loader(void)
{
	static const struct {
		const char *block, *message;
	} cases[] = {
	    {"    eligibility: {field: x}\n", "must be a list"},
	    {"    eligibility:\n      - {field: x, in: [a], label: X, of: 1}\n",
	     "unknown key \"of\""},
	    {"    eligibility:\n      - {field: x, in: [], label: X}\n", "\"in\" must be a list"},
	    {"    eligibility:\n      - {in: [a], label: X}\n", "needs a \"field\""},
	    {"    eligibility:\n      - {field: x, in: [a]}\n", "needs a \"label\""},
	    {"    eligibility:\n      - {field: x, in: [a], label: X}\n"
	     "      - {field: x, in: [b], label: Y}\n",
	     "given twice"},
	};
	char path[] = "/tmp/parcours-elig-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		FILE *f = fopen(path, "w");
		CHECK(f != NULL);
		if (!f)
			break;
		fprintf(f, "programmes:\n  - id: p\n    title: P\n    categories: [work]\n%s",
		        cases[i].block);
		fclose(f);
		struct pc_problems pr = {0};
		struct pc_programmes *progs = NULL;
		CHECK(pc_programmes_load(path, &progs, &pr) == PC_UNUSABLE);
		bool said = false;
		for (size_t k = 0; k < pr.len; k++)
			said |= strstr(pr.items[k].message, cases[i].message) != NULL;
		CHECK(said);
		if (!said)
			fprintf(stderr, "  case %zu: no \"%s\" (%s)\n", i, cases[i].message,
			        pr.len ? pr.items[0].message : "no problem");
		pc_problems_clear(&pr);
		pc_programmes_free(&progs);
	}
	unlink(path);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	const char *src = getenv("SRC") ? getenv("SRC") : ".";
	char path[512];
	snprintf(path, sizeof(path), "%s/forms/programmes.yaml", src);
	struct pc_problems pr = {0};
	struct pc_programmes *progs = NULL;
	CHECK(pc_programmes_load(path, &progs, &pr) == PC_OK);
	pc_problems_clear(&pr);
	if (progs) {
		table(pc_programme_find(progs, "paas_action"));
		/* the other programmes ask nothing of the intake */
		const struct pc_programme *ph = pc_programme_find(progs, "premieres_heures");
		CHECK(ph && ph->eligibility.len == 0);
		against_intake(src, progs);
	}
	multiple();
	loader();
	pc_programmes_free(&progs);
	TEST_DONE();
}
