/* Likely duplicates of a new intake (core.h pc_intake_likely), on a real
 * file: the same names accent- and case-blind, in either order, born the
 * same day or on the day with day and month swapped; a different person of
 * the same name, or a birth date that is not a date, matches nothing. The
 * command line's warning after an intake names the same files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "test.h"
#include "test_ctx.h"

static char *add_person(struct pc_ctx *c, const char *family, const char *given,
                        const char *birth, struct pc_problems *pr)
{
	char text[400];
	snprintf(text, sizeof(text),
	         "{\"family_name\":\"%s\",\"given_name\":\"%s\",\"birth_date\":\"%s\","
	         "\"consent_date\":\"2026-03-15\",\"consent_sharing\":\"oui\"}",
	         family, given, birth);
	struct pc_json *in = pc_json_parse(text, strlen(text), NULL, 0);
	char *file_no = NULL;
	CHECK(in && pc_intake_add(c, in, &file_no, pr) == PC_OK);
	pc_json_free(&in);
	return file_no;
}

/* The file numbers pc_intake_likely finds, joined by spaces. */
static const char *likely(struct pc_ctx *c, const char *family, const char *given,
                          const char *birth)
{
	static char out[200];
	struct pc_participant *l = NULL;
	size_t n = 0;
	struct pc_problems pr = {0};
	out[0] = '\0';
	if (pc_intake_likely(c, family, given, birth, &l, &n, &pr) != PC_OK)
		snprintf(out, sizeof(out), "error");
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", i ? " " : "",
		         l[i].file_no);
	pc_participants_free(&l, n);
	pc_problems_clear(&pr);
	return out;
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-likely-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char db[256], forms[512];
	snprintf(db, sizeof(db), "%s/l.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_ctx c;
	struct pc_problems pr = {0};
	CHECK(test_ctx_open(&c, forms, db, "marie", PC_STORE_CREATE, true));
	char *a = add_person(&c, "Côté", "Élisabeth", "1985-03-07", &pr);
	char *b = add_person(&c, "Tremblay", "Gérald", "1971-11-30", &pr);
	char *d = add_person(&c, "Côté", "Élisabeth", "1990-01-01", &pr);
	CHECK(pr.len == 0);
	pc_problems_clear(&pr);
	CHECK_STR(a, "2026-0001");
	CHECK_STR(d, "2026-0003");

	/* the same day, accent- and case-blind */
	CHECK_STR(likely(&c, "COTE", "elisabeth", "1985-03-07"), "2026-0001");
	/* day and month swapped (07/03 typed for 03/07) */
	CHECK_STR(likely(&c, "Cote", "Elisabeth", "1985-07-03"), "2026-0001");
	/* names in each other's place */
	CHECK_STR(likely(&c, "Élisabeth", "Côté", "1985-03-07"), "2026-0001");
	/* another birth date, another name, no date, a date that is not one */
	CHECK_STR(likely(&c, "Côté", "Élisabeth", "1985-03-08"), "");
	CHECK_STR(likely(&c, "Côté", "Élise", "1985-03-07"), "");
	CHECK_STR(likely(&c, "Côté", "Élisabeth", NULL), "");
	CHECK_STR(likely(&c, "Côté", "Élisabeth", "1985-13-45"), "");
	/* a day above 12 has no swapped twin; the same day and month is one date */
	CHECK_STR(likely(&c, "Tremblay", "Gérald", "1971-11-30"), "2026-0002");
	CHECK_STR(likely(&c, "Côté", "Élisabeth", "1990-01-01"), "2026-0003");

	/* an intake saved anyway is warned of the same files, by number */
	char *e = add_person(&c, "cote", "ELISABETH", "1985-07-03", &pr);
	CHECK(pr.len == 1 && pr.items[0].warning && !strcmp(pr.items[0].where, "2026-0001"));
	pc_problems_clear(&pr);

	free(a);
	free(b);
	free(d);
	free(e);
	test_ctx_close(&c);
	unlink(db);
	char wal[300];
	snprintf(wal, sizeof(wal), "%s-wal", db);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", db);
	unlink(wal);
	rmdir(dir);
	TEST_DONE();
}
