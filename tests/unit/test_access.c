/* Per-form access behind the screens' operations (core.h pc_file_current,
 * pc_file_history, pc_participant_month; staff.h pc_access_allows): a
 * front-desk login reads the intake and gets neither the profile's current
 * revision, nor its history, nor the month's hours;
 * the person's counsellor and a supervisor get them all. Real forms, real file. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "test.h"
#include "test_ctx.h"

static char db[256];
static char forms[512];

static bool open_ctx(struct pc_ctx *c, const char *login, enum pc_store_mode mode)
{
	return test_ctx_open(c, forms, db, login, mode, mode == PC_STORE_CREATE);
}

static void close_ctx(struct pc_ctx *c)
{
	test_ctx_close(c);
}

/* What `login` gets of the file: the status of the profile's current
 * revision and of the month's hours, and the forms of the history as
 * "intake,profile". */
static void look(const char *login, const char *file_no, enum pc_status *current,
                 enum pc_status *month, char *forms_seen, size_t size)
{
	struct pc_ctx c;
	struct pc_problems pr = {0};
	struct pc_participant p = {0};
	struct pc_revision cur = {0}, *all = NULL;
	size_t n = 0;
	forms_seen[0] = '\0';
	CHECK(open_ctx(&c, login, PC_STORE_WRITE));
	CHECK(pc_file_get(&c, file_no, &p, &pr) == PC_OK);
	*current = pc_file_current(&c, &p, "profile", NULL, &cur, &pr);
	const struct pc_programme *prog = NULL;
	struct pc_month m;
	*month = pc_participant_month(&c, &p, "2026-02", &prog, &m, &pr);
	CHECK(*current == PC_OK || cur.revision == 0);
	if (pc_file_history(&c, &p, &all, &n, &pr) == PC_OK)
		for (size_t i = 0; i < n; i++)
			snprintf(forms_seen + strlen(forms_seen), size - strlen(forms_seen), "%s%s",
			         i ? "," : "", all[i].form);
	pc_revisions_free(&all, n);
	pc_revision_clear(&cur);
	pc_participant_clear(&p);
	pc_problems_clear(&pr);
	close_ctx(&c);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-access-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/a.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");

	/* the rule itself */
	struct pc_participant mine = {.counsellor = "elise"}, theirs = {.counsellor = "paul"};
	unsigned profile = PC_ACCESS_CASELOAD | PC_ROLE_SUPERVISOR;
	CHECK(pc_access_allows(profile, PC_ROLE_COUNSELLOR, "elise", &mine));
	CHECK(!pc_access_allows(profile, PC_ROLE_COUNSELLOR, "elise", &theirs));
	CHECK(!pc_access_allows(profile, PC_ROLE_COUNSELLOR, "elise", NULL));
	CHECK(pc_access_allows(profile, PC_ROLE_SUPERVISOR, "marie", &theirs));
	CHECK(!pc_access_allows(profile, PC_ROLE_ADMIN | PC_ROLE_FRONTDESK, "root", &theirs));

	struct pc_ctx c;
	struct pc_problems pr = {0};
	CHECK(open_ctx(&c, "alice", PC_STORE_CREATE)); /* admin and supervisor */
	CHECK(pc_staff_add(&c, "fd", "Front Desk", PC_ROLE_FRONTDESK, &pr) == PC_OK);
	CHECK(pc_staff_add(&c, "elise", "Élise", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	/* eligible for PAAS Action (programmes.yaml eligibility) */
	const char *intake =
	    "{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\",\"birth_date\":\"1985-03-02\","
	    "\"income_source\":\"last_resort\",\"far_from_labour_market\":\"oui\",\"employment_barriers\":\"oui\","
	    "\"consent_date\":\"2026-03-15\",\"consent_sharing\":\"oui\"}";
	struct pc_json *in = pc_json_parse(intake, strlen(intake), NULL, 0);
	char *file_no = NULL;
	CHECK(pc_intake_add(&c, in, &file_no, &pr) == PC_OK);
	pc_json_free(&in);
	CHECK(file_no && pc_enrol(&c, file_no, "paas_action", "2026-01-15", NULL, NULL, "elise",
	                          NULL, &pr) == PC_OK);
	struct pc_json *answers = pc_json_parse("{\"wellbeing\":\"7\"}", 17, NULL, 0);
	CHECK(pc_submission_save(&c, "profile", file_no, NULL, answers, -1, NULL, &pr) == PC_OK);
	pc_json_free(&answers);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	close_ctx(&c);

	enum pc_status current, month;
	char seen[256];
	look("fd", file_no ? file_no : "", &current, &month, seen, sizeof(seen));
	CHECK(current == PC_REFUSED);
	CHECK(month == PC_REFUSED);
	CHECK_STR(seen, "intake");
	look("elise", file_no ? file_no : "", &current, &month, seen, sizeof(seen));
	CHECK(current == PC_OK);
	CHECK(month == PC_OK);
	CHECK_STR(seen, "intake,profile");
	look("alice", file_no ? file_no : "", &current, &month, seen, sizeof(seen));
	CHECK(current == PC_OK);
	CHECK(month == PC_OK);
	CHECK_STR(seen, "intake,profile");

	free(file_no);
	unlink(db);
	rmdir(dir);
	TEST_DONE();
}
