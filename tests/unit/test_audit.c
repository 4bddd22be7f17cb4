/* The audit log and the staff rules in the core: the hash is the
 * documented SHA-256 (known answers computed with sha256sum), an entry
 * commits or rolls back with the act it records (a refused or undone save
 * leaves none), roles parse and print as a set, the first admin is made
 * only on a pristine file, and pc_staff_can says who may. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/audit.h"
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "test.h"

static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void test_hash(void)
{
	char h[65];
	struct pc_audit_entry e = {.seq = 7,
	                           .at = "2026-03-15T10:02:11Z",
	                           .login = "mg@x",
	                           .face = "cli",
	                           .action = "read",
	                           .file_no = "2026-0001",
	                           .form = "profile",
	                           .detail = "show json",
	                           .prev_hash = (char *)zeros};
	pc_audit_hash(&e, h);
	CHECK_STR(h, "3f2b91b1a88fd57ba2526cef997f88679dc6c313687be486524fe9c49b912659");
	/* lengths are in bytes (É is two), an empty field is "0:", a NULL "~" */
	struct pc_audit_entry u = {.seq = 1,
	                           .at = "2026-03-15T10:02:11Z",
	                           .login = "Élise",
	                           .face = "tui",
	                           .action = "change",
	                           .participant_id = "ab",
	                           .file_no = "2026-0001",
	                           .detail = "",
	                           .prev_hash = (char *)zeros};
	pc_audit_hash(&u, h);
	CHECK_STR(h, "a9ecb603c01b79fa481cbca972978f21e8425f83ee2f4c5e23cd9e1d1d6257f2");
	/* a sequence number of several digits, as "%lld" writes it */
	struct pc_audit_entry big = {.seq = 1234567,
	                             .at = "2026-03-15T10:02:11Z",
	                             .login = "mg@x",
	                             .face = "cli",
	                             .action = "change",
	                             .participant_id = "p-0123456789",
	                             .form = "profile",
	                             .detail = "revision=12 period=2026-03",
	                             .prev_hash = (char *)zeros};
	pc_audit_hash(&big, h);
	CHECK_STR(h, "de90ccd4b2a3cce57b369285623102767044b8d5b1c0244de9145cf41b0a290f");
	/* moving a character from one field to the next changes the hash */
	char h2[65];
	u.login = "Élis";
	u.face = "etui";
	pc_audit_hash(&u, h2);
	CHECK(strcmp(h, h2) != 0);
}

static void test_roles(void)
{
	struct pc_problems pr = {0};
	unsigned r = 0;
	char text[48];
	CHECK(pc_roles_parse("supervisor,admin", &r, &pr) &&
	      r == (PC_ROLE_ADMIN | PC_ROLE_SUPERVISOR));
	pc_roles_format(r, text, sizeof(text));
	CHECK_STR(text, "admin,supervisor");
	CHECK(pc_roles_parse("frontdesk", &r, &pr) && r == PC_ROLE_FRONTDESK);
	CHECK(!pc_roles_parse("admin,,counsellor", &r, &pr));
	CHECK(!pc_roles_parse("", &r, &pr));
	CHECK(!pc_roles_parse("Admin", &r, &pr));
	CHECK(!pc_roles_parse("admins", &r, &pr));
	CHECK(pc_problems_errors(&pr) == 4 && !strcmp(pr.items[0].where, "role"));
	pc_problems_clear(&pr);
	pc_roles_format(PC_ROLE_ALL, text, sizeof(text));
	CHECK_STR(text, "admin,supervisor,counsellor,frontdesk");
	CHECK(pc_staff_login_ok("mgagnon") && pc_staff_login_ok("uid1042") &&
	      pc_staff_login_ok("jean.roy@cisss"));
	CHECK(!pc_staff_login_ok("") && !pc_staff_login_ok("-x") && !pc_staff_login_ok("a b") &&
	      !pc_staff_login_ok("a/b") && !pc_staff_login_ok("abcdefghijabcdefghijabcdefghijabc"));
}

static bool count(void *ctx, const struct pc_audit_entry *e)
{
	(void)e;
	++*(long long *)ctx;
	return true;
}

static long long entries(struct pc_ctx *c)
{
	long long n = 0;
	struct pc_problems pr = {0};
	CHECK(pc_store_audit_each(c->store, NULL, count, &n, &pr) == PC_OK);
	return n;
}

static struct pc_json *obj(const char *text)
{
	struct pc_json *j = pc_json_parse(text, strlen(text), NULL, 0);
	CHECK(j != NULL);
	return j;
}

static void test_with_the_act(const char *db, const char *forms)
{
	struct pc_ctx c = {.login = "ana"};
	strcpy(c.today, "2026-03-15");
	struct pc_problems pr = {0};
	CHECK(pc_expr_open(&c.expr, &pr) == PC_OK);
	CHECK(pc_formset_load(forms, c.expr, &c.forms, &pr) == PC_OK);
	CHECK(pc_store_open(db, PC_STORE_CREATE, &c.store, &pr) == PC_OK);

	/* a pristine file: nobody is let in without founding it */
	CHECK(pc_staff_admit(&c, false, NULL, &pr) == PC_REFUSED);
	CHECK(pr.len == 1 && strstr(pr.items[0].message, "no administrator left"));
	pc_problems_clear(&pr);
	CHECK(pc_staff_can(&c, PC_DO_READ_AUDIT, NULL, NULL, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	bool founded = false;
	CHECK(pc_staff_admit(&c, true, &founded, &pr) == PC_OK && founded);
	CHECK(pc_staff_admit(&c, true, &founded, &pr) == PC_OK && !founded);
	CHECK(entries(&c) == 1);
	CHECK(pc_staff_can(&c, PC_DO_MANAGE_STAFF, NULL, NULL, &pr) == PC_OK);
	CHECK(pc_staff_can(&c, PC_DO_CLOSE_MONTH, NULL, NULL, &pr) == PC_OK);

	/* another login is not let in, and founding does not apply any more */
	struct pc_ctx bob = c;
	bob.login = "bob";
	CHECK(pc_staff_admit(&bob, true, &founded, &pr) == PC_REFUSED && !founded);
	CHECK(pr.len == 1 && !strcmp(pr.items[0].where, "bob") &&
	      strstr(pr.items[0].message, "ask an administrator: ") &&
	      strstr(pr.items[0].message, " (ana)"));
	pc_problems_clear(&pr);
	CHECK(pc_staff_add(&c, "bob", "Bob Roy", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	CHECK(pc_staff_admit(&bob, false, NULL, &pr) == PC_OK);
	CHECK(pc_staff_can(&bob, PC_DO_READ_AUDIT, NULL, NULL, &pr) == PC_REFUSED);
	CHECK(pc_staff_can(&bob, PC_DO_CLOSE_MONTH, NULL, NULL, &pr) == PC_REFUSED);
	CHECK(pc_staff_add(&bob, "eve", "Eve", PC_ROLE_ADMIN, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	CHECK(entries(&c) == 2);

	/* an intake and a save: one entry each, in their transaction */
	char *file_no = NULL;
	struct pc_json *in =
	    obj("{\"family_name\": \"Côté\", \"given_name\": \"Élisabeth\", "
	        "\"birth_date\": \"1985-03-02\", \"consent_date\": \"2026-03-01\", "
	        "\"consent_sharing\": \"oui\"}");
	CHECK(pc_intake_add(&c, in, &file_no, &pr) == PC_OK && file_no);
	CHECK(entries(&c) == 3);
	struct pc_json *a = obj("{\"wellbeing\": \"5\"}");
	long long rev = 0;
	CHECK(pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr) == PC_OK);
	CHECK(entries(&c) == 4);
	/* refused (a conflict): no entry */
	CHECK(pc_submission_save(&c, "profile", file_no, NULL, a, 0, &rev, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	CHECK(entries(&c) == 4);
	/* undone with the caller's transaction: no entry either */
	CHECK(pc_store_begin(c.store, &pr) == PC_OK);
	CHECK(pc_submission_save(&c, "profile", file_no, NULL, a, -1, &rev, &pr) == PC_OK);
	CHECK(entries(&c) == 5);
	pc_store_rollback(c.store);
	CHECK(entries(&c) == 4);

	/* the chain holds and names its end */
	long long n = 0, broken = -1;
	char last[65];
	CHECK(pc_audit_verify(&c, &n, &broken, last, &pr) == PC_OK && n == 4 && broken == 0 &&
	      strlen(last) == 64);
	CHECK(pc_audit_verify(&bob, &n, &broken, last, &pr) == PC_REFUSED);
	pc_problems_clear(&pr);

	pc_json_free(&a);
	pc_json_free(&in);
	free(file_no);
	pc_store_close(&c.store);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	test_hash();
	test_roles();
	char dir[] = "/tmp/pc-audit-XXXXXX", db[256], forms[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/a.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	test_with_the_act(db, forms);
	char side[300];
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(side, sizeof(side), "%s%s", db, suffixes[i]);
		unlink(side);
	}
	rmdir(dir);
	TEST_DONE();
}
