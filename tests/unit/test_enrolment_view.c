/* Enrolling and leaving as the console asks for them (participation.h,
 * enrolment_view.h): who may (PC_DO_ENROL: a supervisor, the person's
 * counsellor, a counsellor for a person nobody follows; never the front
 * desk; naming another counsellor is a supervisor's), and the enrolments
 * a reader sees: titles and exit-reason labels, never codes, the reason
 * only for the participation form's readers. Real forms, real file. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/enrolment_view.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "test.h"

static char db[256];
static char forms[512];
static struct pc_ctx C;

static bool as(const char *login, enum pc_store_mode mode)
{
	struct pc_problems pr = {0};
	memset(&C, 0, sizeof(C));
	C.login = login;
	strcpy(C.today, "2026-03-15");
	char programmes[600];
	snprintf(programmes, sizeof(programmes), "%s/programmes.yaml", forms);
	bool ok = pc_programmes_load(programmes, &C.programmes, &pr) == PC_OK &&
	          pc_expr_open(&C.expr, &pr) == PC_OK &&
	          pc_formset_load(forms, C.expr, &C.forms, &pr) == PC_OK &&
	          pc_store_open(db, mode, &C.store, &pr) == PC_OK &&
	          pc_staff_admit(&C, mode == PC_STORE_CREATE, NULL, &pr) == PC_OK;
	for (size_t i = 0; !ok && i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	return ok;
}

static void done(void)
{
	pc_store_close(&C.store);
	pc_programmes_free(&C.programmes);
	pc_formset_free(&C.forms);
	pc_expr_close(&C.expr);
}

/* The status of `login` enrolling (or, when `date`, ending) file_no. */
static enum pc_status enrol_as(const char *login, const char *file_no, const char *counsellor,
                               const char *date, const char *reason)
{
	struct pc_problems pr = {0};
	enum pc_status st = PC_UNUSABLE;
	if (as(login, PC_STORE_WRITE)) {
		st = date ? pc_leave(&C, file_no, date, reason, &pr)
		          : pc_enrol(&C, file_no, "paas_action", "2026-01-15", NULL, NULL,
		                     counsellor, NULL, &pr);
		done();
	}
	pc_problems_clear(&pr);
	return st;
}

/* What `login` sees of file_no's enrolments: "title|start|end|reason;..." */
static void seen_by(const char *login, const char *file_no, char *out, size_t size)
{
	struct pc_problems pr = {0};
	struct pc_participant p = {0};
	struct pc_enrolment_view *v = NULL;
	size_t n = 0;
	out[0] = '\0';
	CHECK(as(login, PC_STORE_WRITE));
	CHECK(pc_file_get(&C, file_no, &p, &pr) == PC_OK);
	CHECK(pc_file_enrolments(&C, &p, &v, &n, &pr) == PC_OK);
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s|%s|%s|%s", i ? ";" : "",
		         v[i].title, v[i].start, v[i].end ? v[i].end : "-",
		         v[i].reason ? v[i].reason : "-");
	const struct pc_enrolment_view *open = pc_enrolment_views_open(v, n);
	if (open)
		snprintf(out + strlen(out), size - strlen(out), " open:%s", open->start);
	pc_enrolment_views_free(&v, n);
	CHECK(v == NULL);
	pc_participant_clear(&p);
	pc_problems_clear(&pr);
	done();
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-enrolview-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/e.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");

	struct pc_problems pr = {0};
	CHECK(as("alice", PC_STORE_CREATE)); /* admin and supervisor */
	CHECK(pc_staff_add(&C, "fd", "Front Desk", PC_ROLE_FRONTDESK, &pr) == PC_OK);
	CHECK(pc_staff_add(&C, "elise", "Élise", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	CHECK(pc_staff_add(&C, "paul", "Paul", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	const char *intake = "{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\","
	                     "\"birth_date\":\"1985-03-02\",\"consent_date\":\"2026-03-15\","
	                     "\"income_source\":\"last_resort\",\"far_from_labour_market\":\"oui\","
	                     "\"employment_barriers\":\"oui\",\"consent_sharing\":\"oui\"}";
	struct pc_json *in = pc_json_parse(intake, strlen(intake), NULL, 0);
	char *a = NULL;
	CHECK(pc_intake_add(&C, in, &a, &pr) == PC_OK);
	pc_json_free(&in);
	pc_problems_clear(&pr);
	done();
	const char *f = a ? a : "";
	char seen[512];

	/* nobody follows the person: the front desk may not, a counsellor may,
	 * for themselves only */
	CHECK(enrol_as("fd", f, NULL, NULL, NULL) == PC_REFUSED);
	CHECK(enrol_as("fd", f, "fd", NULL, NULL) == PC_REFUSED);
	CHECK(enrol_as("paul", f, "elise", NULL, NULL) == PC_REFUSED);
	seen_by("alice", f, seen, sizeof(seen));
	CHECK_STR(seen, "");
	CHECK(enrol_as("elise", f, "elise", NULL, NULL) == PC_OK);
	seen_by("elise", f, seen, sizeof(seen));
	CHECK_STR(seen, "PAAS Action|2026-01-15|-|- open:2026-01-15");

	/* followed by elise now: paul may neither enrol nor end it */
	CHECK(enrol_as("paul", f, NULL, "2026-02-01", "employment") == PC_REFUSED);
	CHECK(enrol_as("fd", f, NULL, "2026-02-01", "employment") == PC_REFUSED);
	CHECK(enrol_as("elise", f, NULL, "2026-02-01", "employment") == PC_OK);
	/* the reason as its label, for the participation form's readers only */
	seen_by("elise", f, seen, sizeof(seen));
	CHECK_STR(seen, "PAAS Action|2026-01-15|2026-02-01|Employment");
	seen_by("fd", f, seen, sizeof(seen));
	CHECK_STR(seen, "PAAS Action|2026-01-15|2026-02-01|-");
	pc_i18n_set_lang(PC_LANG_FR);
	seen_by("alice", f, seen, sizeof(seen));
	CHECK_STR(seen, "PAAS Action|2026-01-15|2026-02-01|Emploi");
	pc_i18n_set_lang(PC_LANG_EN);

	/* a supervisor enrols again, with another counsellor: the open one last */
	CHECK(as("alice", PC_STORE_WRITE));
	CHECK(pc_enrol(&C, f, "chantier", "2026-03-01", "40", NULL, "paul", NULL, &pr) == PC_OK);
	pc_problems_clear(&pr);
	done();
	seen_by("paul", f, seen, sizeof(seen));
	CHECK_STR(seen, "PAAS Action|2026-01-15|2026-02-01|Employment;"
	                "Work integration site|2026-03-01|-|- open:2026-03-01");
	/* elise no longer follows the person */
	CHECK(enrol_as("elise", f, NULL, "2026-03-10", "moved") == PC_REFUSED);

	free(a);
	unlink(db);
	char wal[300];
	snprintf(wal, sizeof(wal), "%s-wal", db);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", db);
	unlink(wal);
	rmdir(dir);
	TEST_DONE();
}
