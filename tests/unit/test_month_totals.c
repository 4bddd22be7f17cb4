/* The month totals (month_totals.h) against the tree the reports read
 * otherwise (pc_stored_answers + pc_month_compute): 30,000 generated
 * participation answers (month_answers.h), four enrolments, every
 * programme. Whenever the totals can say, the month must be the tree's to
 * the bit; what the encoding cannot hold gives no totals. */
#include <stdlib.h>
#include <string.h>
#include "parcours/buf.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/month_totals.h"
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
	size_t good = 0, kept = 0, used = 0, months = 0, runs = 30000;
	for (size_t i = 0; i < runs; i++) {
		struct pc_buf b = {0};
		answers_text(&b);
		CHECK(!b.failed);
		struct pc_json *tree = NULL;
		enum pc_status st = pc_stored_answers(form, PC_PARTICIPATION_FORM, "2026-0001",
						      "2026-03", b.data, &tree, &pr);
		pc_problems_clear(&pr);
		struct pc_month_totals t;
		bool oom = true;
		bool have = pc_month_totals_of(b.data, b.len, &t, &oom);
		CHECK(!oom);
		good += st == PC_OK;
		kept += have && st == PC_OK;
		for (size_t p = 0; st == PC_OK && have && p < progs->len; p++)
			for (size_t k = 0; k < 4; k++) {
				struct pc_month slow, fast;
				pc_month_compute(&progs->items[p], &enrolments[k], "2026-03", tree,
						 &slow);
				months++;
				if (!pc_month_from_totals(&progs->items[p], &enrolments[k], "2026-03", &t,
							  &fast))
					continue;
				used++;
				if (!same(&slow, &fast)) {
					fprintf(stderr, "differs (%s, enrolment %zu) on: %s\n",
						progs->items[p].id, k, b.data);
					CHECK(false);
				}
			}
		pc_month_totals_clear(&t);
		pc_json_free(&tree);
		pc_buf_free(&b);
	}
	fprintf(stderr, "%zu answers: %zu read, %zu with totals; %zu of %zu months from totals\n",
		runs, good, kept, used, months);
	/* the totals must be the usual path */
	CHECK(kept > good / 2);
	CHECK(used > months / 2);

	/* what the encoding cannot hold gives no totals, never wrong ones */
	struct pc_month_totals t;
	bool oom;
	const char *nl = "{\"entries\":[{\"date\":\"2026-03-02\",\"activity\":\"a\\nb\",\"hours\":2}]}";
	CHECK(!pc_month_totals_of(nl, strlen(nl), &t, &oom) && !oom);
	const char *tab = "{\"x\\ty\":3}";
	CHECK(!pc_month_totals_of(tab, strlen(tab), &t, &oom) && !oom);
	/* hours as text are the tree's business (the form refuses them) */
	const char *text = "{\"entries\":[{\"activity\":\"work\",\"hours\":\"3,5\"}]}";
	CHECK(!pc_month_totals_of(text, strlen(text), &t, &oom) && !oom);
	/* an entry dated before the start: the totals cannot say */
	const char *early = "{\"entries\":[{\"date\":\"2026-03-02\",\"activity\":\"work\",\"hours\":2},"
			    "{\"date\":\"2026-03-12\",\"activity\":\"work\",\"hours\":3}]}";
	CHECK(pc_month_totals_of(early, strlen(early), &t, &oom));
	struct pc_month m;
	CHECK(!pc_month_from_totals(&progs->items[0], &enrolments[1], "2026-03", &t, &m));
	CHECK(pc_month_from_totals(&progs->items[0], &enrolments[2], "2026-03", &t, &m));
	CHECK(m.total == 5);
	/* a damaged row is never read as figures */
	free(t.minutes);
	t.minutes = strdup("x work\n");
	CHECK(t.minutes && !pc_month_from_totals(&progs->items[0], &enrolments[2], "2026-03", &t, &m));
	pc_month_totals_clear(&t);

	pc_form_free(&form);
	pc_expr_close(&ev);
	pc_programmes_free(&progs);
	TEST_DONE();
}
