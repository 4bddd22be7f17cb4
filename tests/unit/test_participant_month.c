/* One person's month figures (participation.h pc_participant_month), which
 * the console's list shows for every row of a page: read from the month's
 * totals (month_totals.h) without reading nor parsing the answers, and equal
 * to the figures of the answers themselves; a month whose hours the totals
 * cannot place (one dated before the enrolment) is read from its answers.
 * Real forms, real file. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/month_totals.h"
#include "parcours/participation.h"
#include "test.h"
#include "test_ctx.h"

static char db[300], forms[300];

static void problems(struct pc_problems *pr)
{
	for (size_t i = 0; i < pr->len; i++)
		fprintf(stderr, "%s: %s\n", pr->items[i].where, pr->items[i].message);
	pc_problems_clear(pr);
}

static void save_month(struct pc_ctx *c, const char *file_no, const char *period,
                       const char *answers)
{
	struct pc_problems pr = {0};
	struct pc_json *v = pc_json_parse(answers, strlen(answers), NULL, 0);
	long long rev = 0;
	CHECK(v &&
	      pc_submission_save(c, "participation", file_no, period, v, -1, &rev, &pr) == PC_OK);
	pc_json_free(&v);
	problems(&pr);
}

/* The month of p from its stored answers, parsed: what the totals must give. */
static void from_answers(struct pc_ctx *c, const struct pc_participant *p, const char *period,
                         struct pc_month *out)
{
	struct pc_problems pr = {0};
	char *text = NULL;
	CHECK(pc_store_month_answers(c->store, p->id, "participation", period, &text, &pr) ==
	      PC_OK);
	struct pc_json *v = text ? pc_json_parse(text, strlen(text), NULL, 0) : NULL;
	const struct pc_programme *prog = NULL;
	CHECK(v && pc_participant_month_answers(c, p, period, v, &prog, out, &pr) == PC_OK);
	pc_json_free(&v);
	free(text);
	problems(&pr);
}

static void same_month(const struct pc_month *a, const struct pc_month *b)
{
	CHECK(a->status == b->status);
	CHECK(a->month == b->month);
	CHECK(a->total == b->total);
	CHECK(a->target == b->target);
	CHECK(a->other_hours == b->other_hours);
	CHECK(a->outside_hours == b->outside_hours);
	CHECK(a->extra_costs == b->extra_costs);
	CHECK(a->allowance_participant == b->allowance_participant);
	CHECK(!memcmp(a->hours, b->hours, sizeof(a->hours)));
}

static void sql(const char *text)
{
	sqlite3 *h = NULL;
	CHECK(sqlite3_open(db, &h) == SQLITE_OK);
	CHECK(sqlite3_exec(h, text, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(h);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	setenv("PARCOURS_TODAY", "2026-04-15", 1);
	char dir[] = "/tmp/pc-pmonth-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/m.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");

	struct pc_ctx c;
	struct pc_problems pr = {0};
	CHECK(test_ctx_open(&c, forms, db, "tester", PC_STORE_CREATE, true));
	const char *intake = "{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\","
	                     "\"birth_date\":\"1985-03-02\",\"consent_date\":\"2026-02-01\","
	                     "\"income_source\":\"last_resort\",\"far_from_labour_market\":\"oui\","
	                     "\"employment_barriers\":\"oui\",\"consent_sharing\":\"oui\"}";
	struct pc_json *in = pc_json_parse(intake, strlen(intake), NULL, 0);
	char *file_no = NULL;
	CHECK(in && pc_intake_add(&c, in, &file_no, &pr) == PC_OK);
	pc_json_free(&in);
	CHECK(file_no && pc_enrol(&c, file_no, "paas_action", "2026-02-10", NULL, NULL, NULL, NULL,
	                          &pr) == PC_OK);
	problems(&pr);
	save_month(
	    &c, file_no, "2026-03",
	    "{\"entries\":[{\"date\":\"2026-03-02\",\"activity\":\"work\",\"hours\":\"3,5\"},"
	    "{\"date\":\"2026-03-03\",\"activity\":\"training\",\"hours\":\"2:20\"},"
	    "{\"date\":\"2026-03-04\",\"activity\":\"work\",\"hours\":\"1:10\"}],"
	    "\"childcare_costs\":\"12,50\",\"transport_costs\":\"3.25\"}");
	/* hours dated before the enrolment's start: kept apart, read from the answers */
	save_month(&c, file_no, "2026-02",
	           "{\"entries\":[{\"date\":\"2026-02-05\",\"activity\":\"work\",\"hours\":\"2\"},"
	           "{\"date\":\"2026-02-12\",\"activity\":\"social\",\"hours\":\"4:45\"}]}");

	struct pc_participant p = {0};
	CHECK(file_no && pc_file_get(&c, file_no, &p, &pr) == PC_OK);
	const struct pc_programme *prog = NULL;
	struct pc_month got, want;
	static const char *const periods[] = {"2026-03", "2026-02"};
	for (size_t i = 0; i < 2; i++) {
		CHECK(pc_participant_month(&c, &p, periods[i], &prog, &got, &pr) == PC_OK);
		CHECK(prog && !strcmp(prog->id, "paas_action"));
		from_answers(&c, &p, periods[i], &want);
		same_month(&got, &want);
	}
	CHECK(got.outside_hours == 2.0); /* February's, from its answers */
	problems(&pr);

	/* March is read from its totals, not its answers: totals changed behind
	 * the store's back show (a check, `parcours check`, would rebuild them) */
	sql("UPDATE month_total SET minutes = '600 work\n' WHERE period = '2026-03'");
	CHECK(pc_participant_month(&c, &p, "2026-03", &prog, &got, &pr) == PC_OK);
	CHECK(got.total == 10.0);
	/* a month without totals is read from its answers */
	sql("DELETE FROM month_total WHERE period = '2026-03'");
	CHECK(pc_participant_month(&c, &p, "2026-03", &prog, &got, &pr) == PC_OK);
	from_answers(&c, &p, "2026-03", &want);
	same_month(&got, &want);
	CHECK(got.total == 7.0); /* 3 h 30 + 2 h 20 + 1 h 10, in whole minutes */
	/* not enrolled that month: nothing, and no totals looked for */
	CHECK(pc_participant_month(&c, &p, "2026-01", &prog, &got, &pr) == PC_OK);
	CHECK(got.status == PC_MONTH_NOT_ENROLLED && !prog);
	problems(&pr);

	pc_participant_clear(&p);
	free(file_no);
	test_ctx_close(&c);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	TEST_DONE();
}
