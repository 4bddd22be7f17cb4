/* The reports' one-pass reader (pc_month_scan) against the tree it
 * replaces (pc_stored_answers + pc_month_compute): 30,000 generated
 * participation answers, well formed, odd (escapes, repeated keys, wrong
 * types, dates outside the enrolment) and damaged (cut, bytes changed).
 * Whenever the scanner answers, the month must be the tree's to the bit. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/programme.h"
#include "parcours/stored.h"
#include "month_answers.h"
#include "test.h"

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	const char *src = getenv("SRC") ? getenv("SRC") : ".";
	char path[512];
	struct pc_problems pr = {0};
	struct pc_programmes *progs = NULL;
	struct pc_expr *ev = NULL;
	struct pc_form *form = NULL;
	snprintf(path, sizeof(path), "%s/forms/programmes.yaml", src);
	CHECK(pc_programmes_load(path, &progs, &pr) == PC_OK);
	CHECK(pc_expr_open(&ev, &pr) == PC_OK);
	snprintf(path, sizeof(path), "%s/forms/participation.yaml", src);
	CHECK(pc_form_load(path, ev, &form, &pr) == PC_OK);
	if (!progs || !form)
		TEST_DONE();
	const struct pc_enrolment enrolments[] = {
		{.start = "2026-01-10", .hours = -1},
		{.start = "2026-03-10", .end = "2026-03-15", .hours = -1},
		{.start = "2026-03-01", .hours = 20},
		{.start = "2026-05-01", .hours = -1}, /* March is before: not enrolled */
	};
	size_t fast = 0, damaged = 0, runs = 30000;
	for (size_t i = 0; i < runs; i++) {
		struct pc_buf b = {0};
		answers_text(&b);
		CHECK(!b.failed);
		const struct pc_programme *p = &progs->items[rnd((unsigned)progs->len)];
		const struct pc_enrolment *e = &enrolments[rnd(4)];
		struct pc_json *tree = NULL;
		struct pc_month slow, scanned, stored;
		enum pc_status st = pc_stored_answers(form, PC_PARTICIPATION_FORM, "2026-0001",
						      "2026-03", b.data, &tree, &pr);
		if (st == PC_OK)
			pc_month_compute(p, e, "2026-03", tree, &slow);
		else if (++damaged < 8 && getenv("SHOW"))
			fprintf(stderr, "D %s | %s\n", pr.items[0].message, b.data);
		pc_json_free(&tree);
		pc_problems_clear(&pr);
		if (pc_month_scan(form, p, e, "2026-03", b.data, b.len, &scanned)) {
			fast++;
			CHECK(st == PC_OK);
			if (st != PC_OK || !same(&slow, &scanned)) {
				fprintf(stderr, "differs on: %s\n", b.data);
				CHECK(false);
			}
		}
		/* the function the reports call: the tree's answer, always */
		CHECK(pc_month_stored(form, p, e, "2026-03", "2026-0001", b.data, &stored, &pr) ==
		      st);
		CHECK(st != PC_OK || same(&slow, &stored));
		CHECK((st == PC_OK) == (pr.len == 0));
		pc_problems_clear(&pr);
		pc_buf_free(&b);
	}
	/* the fast path must be the usual one, and damage must have been tried */
	fprintf(stderr, "%zu answers: %zu read in one pass, %zu damaged\n", runs, fast, damaged);
	CHECK(fast > runs / 4);
	CHECK(damaged > runs / 10);
	/* no answers at all: the month still counts its target and allowance */
	struct pc_month none, none_tree;
	CHECK(pc_month_scan(form, &progs->items[0], &enrolments[0], "2026-03", NULL, 0, &none));
	pc_month_compute(&progs->items[0], &enrolments[0], "2026-03", NULL, &none_tree);
	CHECK(same(&none, &none_tree));
	pc_form_free(&form);
	pc_expr_close(&ev);
	pc_programmes_free(&progs);
	TEST_DONE();
}
