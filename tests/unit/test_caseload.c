/* Caseloads and exceptional access in the core (caseload.h), on a real
 * file with the shipped forms: who may assign a counsellor and whom, what
 * "my caseload" finds, that an exceptional access needs a reason, is
 * recorded before anything is read, reads as the person's counsellor but
 * never writes, and ends with its context; the console's read entries and
 * the supervisors' "Read by" list. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/audit.h"
#include "parcours/caseload.h"
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
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

static char *add_person(struct pc_ctx *c, const char *family, const char *given)
{
	char text[400];
	snprintf(text, sizeof(text),
	         "{\"family_name\":\"%s\",\"given_name\":\"%s\",\"birth_date\":\"1985-03-02\","
	         "\"consent_date\":\"2026-03-15\",\"consent_sharing\":\"oui\"}",
	         family, given);
	struct pc_json *in = pc_json_parse(text, strlen(text), NULL, 0);
	struct pc_problems pr = {0};
	char *file_no = NULL;
	CHECK(in && pc_intake_add(c, in, &file_no, &pr) == PC_OK);
	pc_json_free(&in);
	pc_problems_clear(&pr);
	return file_no;
}

static bool one(void *ctx, const struct pc_audit_entry *e)
{
	(void)e;
	++*(long long *)ctx;
	return true;
}

/* Entries of `action` (and `login` when not NULL), read through the store. */
static long long count(struct pc_ctx *c, const char *action, const char *login)
{
	struct pc_audit_filter f = {.action = action, .login = login};
	long long n = 0;
	struct pc_problems pr = {0};
	CHECK(pc_store_audit_each(c->store, &f, one, &n, &pr) == PC_OK);
	pc_problems_clear(&pr);
	return n;
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-caseload-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/c.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");

	struct pc_ctx sup, elise, paul, fd;
	struct pc_problems pr = {0};
	CHECK(open_ctx(&sup, "marie", PC_STORE_CREATE)); /* admin and supervisor */
	CHECK(pc_staff_add(&sup, "elise", "Élise", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	CHECK(pc_staff_add(&sup, "paul", "Paul", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	CHECK(pc_staff_add(&sup, "fd", "Front Desk", PC_ROLE_FRONTDESK, &pr) == PC_OK);
	char *a = add_person(&sup, "Côté", "Élisabeth"), *b = add_person(&sup, "Cote", "Benoît");
	char *z = add_person(&sup, "Roy", "Zoé");
	struct pc_json *ans = pc_json_parse("{\"wellbeing\":\"7\"}", 17, NULL, 0);
	CHECK(pc_submission_save(&sup, "profile", a, NULL, ans, -1, NULL, &pr) == PC_OK);
	pc_json_free(&ans);
	CHECK(open_ctx(&elise, "elise", PC_STORE_WRITE));
	CHECK(open_ctx(&paul, "paul", PC_STORE_WRITE));
	CHECK(open_ctx(&fd, "fd", PC_STORE_WRITE));

	/* ---- assign ---- */
	char *was = (char *)"x";
	bool changed = false;
	CHECK(pc_assign(&elise, a, "elise", &was, &changed, &pr) == PC_REFUSED);
	CHECK(was == NULL && !changed);
	CHECK(pc_assign(&sup, a, "fd", NULL, NULL, &pr) == PC_REFUSED);
	CHECK(pc_assign(&sup, a, "ghost", NULL, NULL, &pr) == PC_REFUSED);
	CHECK(pc_assign(&sup, "2099-0001", "elise", NULL, NULL, &pr) == PC_REFUSED);
	CHECK(pc_assign(&sup, a, "-x", NULL, NULL, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	CHECK(count(&sup, "assign", NULL) == 0);
	CHECK(pc_assign(&sup, a, "elise", &was, &changed, &pr) == PC_OK);
	CHECK(was == NULL && changed);
	CHECK(pc_assign(&sup, b, "elise", NULL, NULL, &pr) == PC_OK);
	CHECK(pc_assign(&sup, z, "paul", NULL, NULL, &pr) == PC_OK);
	CHECK(pc_assign(&sup, z, "paul", NULL, &changed, &pr) == PC_OK);
	CHECK(!changed);
	CHECK(pc_assign(&sup, b, "paul", &was, &changed, &pr) == PC_OK);
	CHECK_STR(was, "elise");
	CHECK(changed);
	free(was);
	CHECK(pc_assign(&sup, b, "elise", NULL, NULL, &pr) == PC_OK);
	CHECK(count(&sup, "assign", "marie") == 5);

	/* ---- counsellors and my caseload ---- */
	struct pc_staff *cs = NULL;
	size_t ncs = 0;
	CHECK(pc_counsellors(&fd, &cs, &ncs, &pr) == PC_OK);
	CHECK(ncs == 2 && !strcmp(cs[0].login, "elise") && !strcmp(cs[1].login, "paul"));
	pc_staff_list_free(&cs, ncs);
	CHECK(pc_caseload_first(&elise));
	CHECK(!pc_caseload_first(&sup));
	CHECK(!pc_caseload_first(&fd));
	struct pc_participant *res = NULL;
	size_t n = 0;
	CHECK(pc_caseload_search(&elise, "", 10, &res, &n, &pr) == PC_OK);
	CHECK(n == 2 && !strcmp(res[0].file_no, b) && !strcmp(res[1].file_no, a)); /* name order */
	pc_participants_free(&res, n);
	CHECK(pc_caseload_search(&elise, "COTE eli", 10, &res, &n, &pr) == PC_OK);
	CHECK(n == 1 && !strcmp(res[0].file_no, a));
	pc_participants_free(&res, n);
	CHECK(pc_caseload_search(&elise, "roy", 10, &res, &n, &pr) == PC_OK);
	CHECK(n == 0);
	pc_participants_free(&res, n);
	CHECK(pc_caseload_search(&elise, "", 1, &res, &n, &pr) == PC_OK);
	CHECK(n == 1);
	pc_participants_free(&res, n);
	CHECK(pc_caseload_search(&paul, "", 10, &res, &n, &pr) == PC_OK);
	CHECK(n == 1 && !strcmp(res[0].file_no, z));
	pc_participants_free(&res, n);

	/* ---- exceptional access: paul reads a, elise's ---- */
	struct pc_participant pa = {0};
	struct pc_revision rev = {0};
	CHECK(pc_file_get(&paul, a, &pa, &pr) == PC_OK);
	CHECK(pc_exceptional_possible(&paul, &pa));
	CHECK(!pc_exceptional_possible(&elise, &pa));
	CHECK(!pc_exceptional_possible(&sup, &pa));
	CHECK(!pc_exceptional_possible(&fd, &pa));
	CHECK(pc_file_current(&paul, &pa, "profile", NULL, &rev, &pr) == PC_REFUSED);
	bool granted = true;
	CHECK(pc_exceptional_open(&paul, &pa, " \t ", &granted, &pr) == PC_REFUSED);
	CHECK(!granted);
	CHECK(pc_exceptional_open(&paul, &pa, "a\x1b[2J", &granted, &pr) == PC_REFUSED);
	CHECK(pc_exceptional_open(&paul, &pa, NULL, &granted, &pr) == PC_REFUSED);
	CHECK(pc_exceptional_open(&fd, &pa, "at the desk", &granted, &pr) == PC_REFUSED);
	CHECK(count(&sup, "exceptional_access", NULL) == 0);
	CHECK(!pc_exceptional_granted(&paul, &pa));
	pc_problems_clear(&pr);
	CHECK(pc_exceptional_open(&paul, &pa, "  covering for Élise  ", &granted, &pr) == PC_OK);
	CHECK(granted && pc_exceptional_granted(&paul, &pa));
	CHECK(count(&sup, "exceptional_access", "paul") == 1);
	CHECK(pc_file_current(&paul, &pa, "profile", NULL, &rev, &pr) == PC_OK);
	CHECK(rev.revision == 1);
	pc_revision_clear(&rev);
	CHECK(pc_staff_can_form(&paul, &pa, pc_formset_find(paul.forms, "profile"), "profile", true,
	                        &pr) == PC_REFUSED);
	/* another participant is not opened by it */
	struct pc_participant pb = {0};
	CHECK(pc_file_get(&paul, b, &pb, &pr) == PC_OK);
	CHECK(!pc_exceptional_granted(&paul, &pb));
	pc_exceptional_end(&paul);
	CHECK(pc_file_current(&paul, &pa, "profile", NULL, &rev, &pr) == PC_REFUSED);
	/* not needed: nothing recorded */
	CHECK(pc_exceptional_open(&elise, &pa, "mine", &granted, &pr) == PC_OK);
	CHECK(!granted);
	CHECK(pc_exceptional_open(&sup, &pa, "all of them", &granted, &pr) == PC_OK);
	CHECK(!granted);
	CHECK(count(&sup, "exceptional_access", NULL) == 1);

	/* ---- the console's reads and who read ---- */
	const struct pc_form *intake = pc_formset_find(elise.forms, "intake");
	const struct pc_form *profile = pc_formset_find(elise.forms, "profile");
	CHECK(!pc_form_protected(intake));
	CHECK(pc_form_protected(profile));
	long long before = count(&sup, "read", "elise");
	CHECK(pc_file_viewed(&elise, &pa, intake, &pr) == PC_OK);
	CHECK(count(&sup, "read", "elise") == before);
	CHECK(pc_file_viewed(&elise, &pa, profile, &pr) == PC_OK);
	CHECK(count(&sup, "read", "elise") == before + 1);
	struct pc_audit_entry *e = NULL;
	CHECK(pc_file_read_by(&elise, &pa, 5, &e, &n, &pr) == PC_REFUSED);
	CHECK(pc_file_read_by(&fd, &pa, 5, &e, &n, &pr) == PC_REFUSED);
	CHECK(e == NULL && n == 0);
	CHECK(pc_file_read_by(&sup, &pa, 3, &e, &n, &pr) == PC_OK);
	CHECK(n == 3);
	if (n == 3) {
		CHECK_STR(e[0].action, "read");
		CHECK_STR(e[0].login, "elise");
		CHECK_STR(e[0].form, "profile");
		CHECK_STR(e[0].detail, "screen");
		CHECK_STR(e[1].action, "exceptional_access");
		CHECK_STR(e[1].detail, "covering for Élise");
		CHECK(e[0].seq > e[1].seq && e[1].seq > e[2].seq);
	}
	pc_audit_entries_free(&e, n);
	CHECK(pc_file_read_by(&sup, &pa, 100, &e, &n, &pr) == PC_OK);
	CHECK(n >= 5); /* intake, profile, assign, exceptional, read */
	pc_audit_entries_free(&e, n);
	long long entries = 0, broken = 0;
	CHECK(pc_audit_verify(&sup, &entries, &broken, NULL, &pr) == PC_OK);

	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "(problem) %s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	pc_participant_clear(&pa);
	pc_participant_clear(&pb);
	free(a);
	free(b);
	free(z);
	close_ctx(&fd);
	close_ctx(&paul);
	close_ctx(&elise);
	close_ctx(&sup);
	char side[300];
	unlink(db);
	snprintf(side, sizeof(side), "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db);
	unlink(side);
	rmdir(dir);
	TEST_DONE();
}
