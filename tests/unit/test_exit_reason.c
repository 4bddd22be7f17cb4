/* Exit reasons as data: the shipped list (codes the database already holds,
 * labels in both languages), lookups that fall back to the stored text, and
 * what `forms check` refuses in an `exit_reasons:` section (duplicate codes,
 * a missing label or language, a bad code, unknown keys), at FILE:LINE:COL. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/programme.h"
#include "test.h"

static char dir[] = "/tmp/pc_exit_reason_XXXXXX";

static const char PROGRAMME[] = "programmes:\n"
                                "  - id: p\n"
                                "    title: {fr: P, en: P}\n"
                                "    categories: [work]\n";

/* Loads PROGRAMME followed by `tail`; the problems' text joined in *msgs. */
static enum pc_status load(const char *tail, struct pc_programmes **out, struct pc_buf *msgs)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/programmes.yaml", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return PC_UNUSABLE;
	fputs(PROGRAMME, f);
	fputs(tail, f);
	fclose(f);
	struct pc_problems pr = {0};
	enum pc_status st = pc_programmes_load(path, out, &pr);
	pc_buf_reset(msgs);
	for (size_t i = 0; i < pr.len; i++)
		pc_buf_printf(msgs, "%s: %s\n", pr.items[i].where + strlen(dir) + 1,
		              pr.items[i].message);
	pc_problems_clear(&pr);
	return st;
}

static void test_shipped(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/forms/programmes.yaml",
	         getenv("SRC") ? getenv("SRC") : ".");
	struct pc_problems pr = {0};
	struct pc_programmes *p = NULL;
	CHECK(pc_programmes_load(path, &p, &pr) == PC_OK);
	pc_problems_clear(&pr);
	if (!p)
		return;
	const struct pc_exit_reasons *l = &p->exit_reasons;
	CHECK(l->len >= 9);
	/* the words `leave` took before the list are codes of it, so exits
	 * recorded then read as labels now */
	const char *old[] = {"employment", "studies", "health", "moved", "dropped_out", "other"};
	for (size_t i = 0; i < sizeof(old) / sizeof(old[0]); i++)
		CHECK(pc_exit_reason_find(l, old[i]) != NULL);
	CHECK(pc_exit_reason_find(l, "deceased") && pc_exit_reason_find(l, "not_eligible") &&
	      pc_exit_reason_find(l, "measure"));
	pc_i18n_set_lang(PC_LANG_FR);
	CHECK_STR(pc_exit_reason_label(l, "employment"), "Emploi");
	CHECK_STR(pc_exit_reason_label(l, "deceased"), "Décès");
	pc_i18n_set_lang(PC_LANG_EN);
	CHECK_STR(pc_exit_reason_label(l, "employment"), "Employment");
	CHECK_STR(pc_exit_reason_label(l, "deceased"), "Deceased");
	/* free text of an older database is shown as it was written */
	CHECK_STR(pc_exit_reason_label(l, "emploi trouvé"), "emploi trouvé");
	CHECK(pc_exit_reason_label(l, NULL) == NULL);
	CHECK(pc_exit_reason_find(NULL, "employment") == NULL);
	/* every label in both languages, no code twice */
	for (size_t i = 0; i < l->len; i++) {
		CHECK(l->items[i].label.fr && *l->items[i].label.fr);
		CHECK(l->items[i].label.en && *l->items[i].label.en);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(l->items[i].code, l->items[j].code) != 0);
	}
	struct pc_buf b = {0};
	pc_exit_reasons_format(l, &b);
	CHECK(b.data && strstr(b.data, "employment (Employment), studies (Return to school"));
	pc_buf_free(&b);
	pc_programmes_free(&p);
}

static void test_sections(void)
{
	struct pc_programmes *p = NULL;
	struct pc_buf m = {0};
	/* no section: no list, any reason word is taken as before */
	CHECK(load("", &p, &m) == PC_OK && p && p->exit_reasons.len == 0);
	pc_programmes_free(&p);
	/* retired: still labelled, no longer offered */
	CHECK(load("exit_reasons:\n"
	           "  - code: job\n"
	           "    label: {fr: Emploi, en: Job}\n"
	           "  - code: old\n"
	           "    label: {fr: Ancien, en: Old}\n"
	           "    retired: true\n",
	           &p, &m) == PC_OK);
	if (p) {
		CHECK(p->exit_reasons.len == 2);
		CHECK(pc_exit_reason_find(&p->exit_reasons, "old")->retired);
		CHECK_STR(pc_exit_reason_label(&p->exit_reasons, "old"), "Old");
		struct pc_buf b = {0};
		pc_exit_reasons_format(&p->exit_reasons, &b);
		CHECK_STR(b.data, "job (Job)");
		pc_buf_free(&b);
	}
	pc_programmes_free(&p);
	/* the same code twice, at the second one's code */
	CHECK(load("exit_reasons:\n"
	           "  - code: job\n"
	           "    label: {fr: Emploi, en: Job}\n"
	           "  - code: job\n"
	           "    label: {fr: Travail, en: Work}\n",
	           &p, &m) == PC_UNUSABLE &&
	      !p);
	CHECK(m.data &&
	      strstr(m.data, "programmes.yaml:8:11: the exit reason \"job\" is defined twice"));
	/* a label without English, a reason without label, a bad code */
	CHECK(load("exit_reasons:\n"
	           "  - code: job\n"
	           "    label: {fr: Emploi}\n"
	           "  - code: moved\n"
	           "  - code: Bad Code\n"
	           "    label: {fr: X, en: X}\n",
	           &p, &m) == PC_UNUSABLE &&
	      !p);
	CHECK(
	    m.data &&
	    strstr(m.data,
	           "programmes.yaml:7:12: an exit reason needs a \"label\" in French and English"));
	CHECK(m.data && strstr(m.data, "programmes.yaml:8:5: an exit reason needs a \"label\""));
	CHECK(m.data && strstr(m.data, "programmes.yaml:9:11: an exit reason needs a \"code\""));
	/* an unknown key, with the one meant */
	CHECK(load("exit_reasons:\n"
	           "  - code: job\n"
	           "    lable: {fr: Emploi, en: Job}\n",
	           &p, &m) == PC_UNUSABLE);
	CHECK(m.data &&
	      strstr(m.data, "unknown key \"lable\" in an exit reason; did you mean \"label\"?"));
	/* not a list; an unknown top-level key */
	CHECK(load("exit_reasons: employment\n", &p, &m) == PC_UNUSABLE);
	CHECK(m.data && strstr(m.data, "programmes.yaml:5:15: \"exit_reasons\" must be a list"));
	CHECK(load("exit_reason:\n  - code: job\n", &p, &m) == PC_UNUSABLE);
	CHECK(m.data && strstr(m.data, "may hold \"exit_reasons:\""));
	pc_buf_free(&m);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	pc_i18n_set_lang(PC_LANG_EN);
	test_shipped();
	test_sections();
	char path[256];
	snprintf(path, sizeof(path), "%s/programmes.yaml", dir);
	unlink(path);
	rmdir(dir);
	TEST_DONE();
}
