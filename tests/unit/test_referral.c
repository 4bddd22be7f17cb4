/* The consent rule of referrals (referral.h) and the partners file
 * (partner.h) in the core, on a real SQLite file and the shipped forms: a
 * referral to a partner is refused while the intake holds no yes to the
 * consent that partner needs, taken once it does, and a partner that needs
 * another consent follows its own; partners files are read with their
 * codes, names and consents, bad ones refused at their line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/entry.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/partner.h"
#include "parcours/referral.h"
#include "parcours/staff.h"
#include "test.h"

static char dir[64], db[256];

static bool has_problem(const struct pc_problems *pr, const char *where, const char *text)
{
	for (size_t i = 0; i < pr->len; i++)
		if (!strcmp(pr->items[i].where, where) && strstr(pr->items[i].message, text))
			return true;
	return false;
}

static enum pc_status refer(struct pc_ctx *c, const char *file_no, const char *partner,
                            struct pc_problems *pr)
{
	char json[512];
	snprintf(json, sizeof(json),
	         "{\"referral_date\":\"2026-03-10\",\"partner\":\"%s\",\"reason\":\"Soutien\","
	         "\"outcome\":\"pending\"}",
	         partner);
	struct pc_json *raw = pc_json_parse(json, strlen(json), NULL, 0);
	long long entry = 0;
	enum pc_status st = pc_entry_save(c, "referral", file_no, 0, raw, -1, &entry, NULL, pr);
	pc_json_free(&raw);
	return st;
}

static void test_consent(struct pc_ctx *c)
{
	struct pc_problems pr = {0};
	const char *json = "{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\","
	                   "\"birth_date\":\"1985-03-02\",\"consent_date\":\"2026-03-15\","
	                   "\"consent_sharing\":\"oui\",\"consent_partners\":\"non\"}";
	struct pc_json *intake = pc_json_parse(json, strlen(json), NULL, 0);
	char *file_no = NULL;
	CHECK(pc_intake_add(c, intake, &file_no, &pr) == PC_OK);
	pc_problems_clear(&pr);
	pc_json_free(&intake);
	if (!file_no)
		return;
	/* no consent to share with partners: the CLSC is refused, with what to do */
	CHECK(refer(c, file_no, "clsc", &pr) == PC_REFUSED);
	CHECK(has_problem(&pr, "partner", "without the person's consent"));
	CHECK(has_problem(&pr, "partner", "record the consent in the intake"));
	pc_problems_clear(&pr);
	/* the CLE needs the consent to share with Services Québec, given */
	CHECK(refer(c, file_no, "cle", &pr) == PC_OK);
	pc_problems_clear(&pr);
	/* the consent recorded in the intake: the CLSC is taken */
	const char *consented = "{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\","
	                        "\"birth_date\":\"1985-03-02\",\"consent_date\":\"2026-03-15\","
	                        "\"consent_sharing\":\"oui\",\"consent_partners\":\"oui\"}";
	struct pc_json *whole = pc_json_parse(consented, strlen(consented), NULL, 0);
	long long rev = 0;
	CHECK(whole && pc_submission_save_reason(c, "intake", file_no, NULL, whole, -1, NULL, &rev,
	                                         &pr) == PC_OK);
	pc_problems_clear(&pr);
	pc_json_free(&whole);
	CHECK(refer(c, file_no, "clsc", &pr) == PC_OK);
	pc_problems_clear(&pr);
	free(file_no);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void test_partners_file(const char *src)
{
	struct pc_problems pr = {0};
	struct pc_partners *p = NULL;
	char path[512];
	snprintf(path, sizeof(path), "%s/forms/partners.yaml", src);
	CHECK(pc_partners_load(path, &p, &pr) == PC_OK);
	const struct pc_partner *cle = pc_partner_find(p, "cle");
	CHECK(cle && !strcmp(cle->consent, "consent_sharing"));
	const struct pc_partner *clsc = pc_partner_find(p, "clsc");
	CHECK(clsc && !strcmp(clsc->consent, "consent_partners"));
	CHECK(clsc && clsc->name.en && !strcmp(clsc->name.en, "CLSC, CIUSSS or CISSS"));
	CHECK(pc_partner_find(p, "nowhere") == NULL);
	pc_partners_free(&p);
	CHECK(p == NULL);
	CHECK(pc_partners_is_file("partners.yaml"));
	CHECK(!pc_partners_is_file("partners"));
	CHECK(!pc_partners_is_file(".yaml"));

	snprintf(path, sizeof(path), "%s/bad.yaml", dir);
	write_file(path,
	           "partners:\n  - {code: a, name: A}\n  - {code: a, name: B, consent: \"x y\"}\n");
	CHECK(pc_partners_load(path, &p, &pr) == PC_UNUSABLE && p == NULL);
	char where[600];
	snprintf(where, sizeof(where), "%s:3:12", path);
	CHECK(has_problem(&pr, where, "appears twice"));
	CHECK(pr.len == 2);
	pc_problems_clear(&pr);
	write_file(path, "partners: []\n");
	CHECK(pc_partners_load(path, &p, &pr) == PC_UNUSABLE);
	pc_problems_clear(&pr);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	const char *src = getenv("SRC") ? getenv("SRC") : ".";
	snprintf(dir, sizeof(dir), "/tmp/parcours-referral-XXXXXX");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/t.db", dir);
	char forms[512];
	snprintf(forms, sizeof(forms), "%s/forms", src);
	struct pc_problems pr = {0};
	struct pc_ctx c;
	memset(&c, 0, sizeof(c));
	c.login = "alice";
	strcpy(c.today, "2026-03-15");
	bool ok = pc_expr_open(&c.expr, &pr) == PC_OK &&
	          pc_formset_load(forms, c.expr, &c.forms, &pr) == PC_OK &&
	          pc_store_open(db, PC_STORE_CREATE, &c.store, &pr) == PC_OK &&
	          pc_staff_admit(&c, true, NULL, &pr) == PC_OK;
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "  %s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	CHECK(ok);
	if (ok)
		test_consent(&c);
	pc_store_close(&c.store);
	pc_formset_free(&c.forms);
	pc_expr_close(&c.expr);
	test_partners_file(src);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	TEST_DONE();
}
