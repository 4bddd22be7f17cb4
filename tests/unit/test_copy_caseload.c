/* The caseload copy (copy.h) on real files: a demo database with two
 * counsellors (elise, paul) and a supervisor's form; elise's copy holds her
 * people and every row about them she may read, and nothing of paul's,
 * checked table by table and in the file's raw bytes; it numbers with its
 * own site code, passes `check`, is mode 0600; refusals leave no file. */
#define _GNU_SOURCE
#include <dirent.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parcours/caseload.h"
#include "parcours/check.h"
#include "parcours/copy.h"
#include "parcours/demo.h"
#include "parcours/entry.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/participation.h"
#include "parcours/site.h"
#include "parcours/ami.h"
#include "test.h"
#include "test_ctx.h"

static char forms[400];

static const char SECRET_FORM[] =
    "form: secret\nversion: 1\norder: 95\ntitle: {fr: \"Note confidentielle\", en: \"Confidential "
    "note\"}\nperiod: none\naccess:\n  read: [supervisor]\n  write: [supervisor]\nsections:\n"
    "  - title: {fr: \"Note\", en: \"Note\"}\n    fields:\n      - name: note\n        type: "
    "text\n        label: {fr: \"Note\", en: \"Note\"}\n";

static struct pc_json *json(const char *text)
{
	struct pc_json *j = pc_json_parse(text, strlen(text), NULL, 0);
	CHECK(j != NULL);
	return j;
}

static void report(struct pc_problems *pr)
{
	for (size_t i = 0; i < pr->len; i++)
		fprintf(stderr, "  %s: %s\n", pr->items[i].where, pr->items[i].message);
	pc_problems_clear(pr);
}

/* An intake of a person with these names, followed by `counsellor`. */
static char *person(struct pc_ctx *c, const char *family, const char *given, const char *counsellor)
{
	char text[600];
	snprintf(text, sizeof(text),
	         "{\"family_name\":\"%s\",\"given_name\":\"%s\",\"birth_date\":\"1981-04-04\","
	         "\"consent_date\":\"2026-03-01\",\"consent_sharing\":\"oui\"}",
	         family, given);
	struct pc_json *in = json(text);
	struct pc_problems pr = {0};
	char *file_no = NULL;
	CHECK(pc_intake_add(c, in, &file_no, &pr) == PC_OK);
	CHECK(pc_assign(c, file_no, counsellor, NULL, NULL, &pr) == PC_OK);
	report(&pr);
	pc_json_free(&in);
	return file_no;
}

static void save(struct pc_ctx *c, const char *form, const char *file_no, const char *answers)
{
	struct pc_json *in = json(answers);
	struct pc_problems pr = {0};
	long long rev = 0;
	CHECK(pc_submission_save(c, form, file_no, NULL, in, -1, &rev, &pr) == PC_OK);
	report(&pr);
	pc_json_free(&in);
}

static void followup(struct pc_ctx *c, const char *file_no, const char *summary)
{
	char text[300];
	snprintf(text, sizeof(text),
	         "{\"meeting_date\":\"2026-03-10\",\"kind\":\"phone\",\"summary\":\"%s\"}", summary);
	struct pc_json *in = json(text);
	struct pc_problems pr = {0};
	long long id = 0, rev = 0;
	CHECK(pc_entry_save(c, "followup", file_no, 0, in, -1, &id, &rev, &pr) == PC_OK);
	report(&pr);
	pc_json_free(&in);
}

static void draft(struct pc_ctx *c, const char *file_no, const char *text)
{
	struct pc_participant p;
	struct pc_problems pr = {0};
	CHECK(pc_store_participant_get(c->store, file_no, &p, &pr) == PC_OK);
	struct pc_json *in = json(text);
	CHECK(pc_draft_keep(c, &p, "profile", NULL, in, 0, &pr) == PC_OK);
	report(&pr);
	pc_json_free(&in);
	pc_participant_clear(&p);
}

static long long q1(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		fprintf(stderr, "  query failed: %s: %s\n", sql, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return v;
}

/* The same count on the source (elise's people only) and on the copy. */
static void same_count(sqlite3 *src, sqlite3 *copy, const char *what, const char *src_sql,
                       const char *copy_sql)
{
	long long a = q1(src, src_sql), b = q1(copy, copy_sql);
	if (a != b || a < 0)
		fprintf(stderr, "  %s: source %lld, copy %lld\n", what, a, b);
	CHECK(a == b && a >= 0);
}

static bool file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)n + 1);
	bool found = b && fread(b, 1, (size_t)n, f) == (size_t)n &&
	             memmem(b, (size_t)n, needle, strlen(needle)) != NULL;
	free(b);
	fclose(f);
	return found;
}

/* Files in dir other than the source database and its journal. */
static int stray_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.' && strncmp(e->d_name, "office.db", 9) && strcmp(e->d_name, "forms"))
			n++;
	if (d)
		closedir(d);
	return n;
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-copy-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char cmd[1200], db[300], dest[300], path[700];
	snprintf(forms, sizeof(forms), "%s/forms", dir);
	snprintf(cmd, sizeof(cmd), "cp -r '%s/forms' '%s'", getenv("SRC") ? getenv("SRC") : ".", dir);
	CHECK(system(cmd) == 0);
	snprintf(path, sizeof(path), "%s/secret.yaml", forms);
	FILE *f = fopen(path, "w");
	CHECK(f && fputs(SECRET_FORM, f) >= 0 && fclose(f) == 0);
	snprintf(db, sizeof(db), "%s/office.db", dir);
	snprintf(dest, sizeof(dest), "%s/laptop.db", dir);

	struct pc_ctx sup, elise;
	struct pc_problems pr = {0};
	CHECK(test_ctx_open(&sup, forms, db, "marie", PC_STORE_CREATE, true));
	CHECK(pc_staff_add(&sup, "elise", "Élise", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	CHECK(pc_staff_add(&sup, "paul", "Paul", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	CHECK(pc_staff_add(&sup, "mgagnon", "M. Gagnon", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	CHECK(pc_staff_add(&sup, "jtremblay", "J. Tremblay", PC_ROLE_COUNSELLOR, &pr) == PC_OK);
	/* the demo's people, followed by its counsellors */
	CHECK(pc_demo_fill(&sup, 60, 7, NULL, NULL, &pr) == PC_OK);
	report(&pr);
	/* elise's two people and paul's two, with names found nowhere else */
	char *a1 = person(&sup, "Ahenakew", "Zéphirine", "elise");
	char *a2 = person(&sup, "Wapachee", "Ludivine", "elise");
	char *b1 = person(&sup, "Quenneville", "Barnabé", "paul");
	char *b2 = person(&sup, "Xanthopoulos", "Ermengarde", "paul");
	save(&sup, "profile", a1, "{\"wellbeing\":7}");
	save(&sup, "profile", b1, "{\"wellbeing\":3}");
	save(&sup, "secret", a1, "{\"note\":\"Confidentiel-Superviseure-7731\"}");
	followup(&sup, a1, "Appel-Elise-Suivi");
	followup(&sup, b2, "Appel-Paul-Suivi-Hyacinthe");
	draft(&sup, a2, "{\"wellbeing\":2,\"note_draft\":\"Brouillon-Elise-5521\"}");
	/* both enrolled in AMI, at one session together */
	CHECK(pc_enrol(&sup, a1, "ami", "2026-03-02", NULL, NULL, NULL, NULL, &pr) == PC_OK);
	CHECK(pc_enrol(&sup, b1, "ami", "2026-03-02", NULL, NULL, NULL, NULL, &pr) == PC_OK);
	report(&pr);
	const char *both[] = {a1, b1};
	long long session = 0;
	CHECK(pc_ami_session_add(&sup, "2026-03-10", "am", "Cuisine collective", both, 2, NULL,
	                         &session, &pr) == PC_OK);
	report(&pr);
	CHECK(pc_store_site_set(sup.store, "MTL", &pr) == PC_OK);
	test_ctx_close(&sup);

	CHECK(test_ctx_open(&elise, forms, db, "elise", PC_STORE_WRITE, false));
	/* refusals: a bad code, the source's own code, an existing file */
	CHECK(pc_copy_caseload(&elise, dest, "R N", &pr) == PC_REFUSED);
	CHECK(pr.len == 1 && !strcmp(pr.items[0].where, "site"));
	pc_problems_clear(&pr);
	CHECK(pc_copy_caseload(&elise, dest, "MTL", &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	CHECK(stray_files(dir) == 0);
	snprintf(path, sizeof(path), "%s/there.db", dir);
	f = fopen(path, "w");
	CHECK(f && fclose(f) == 0);
	CHECK(pc_copy_caseload(&elise, path, "RN", &pr) == PC_REFUSED);
	pc_problems_clear(&pr);
	struct stat sb;
	CHECK(stat(path, &sb) == 0 && sb.st_size == 0);
	unlink(path);
	CHECK(stray_files(dir) == 0);

	CHECK(pc_copy_caseload(&elise, dest, "RN", &pr) == PC_OK);
	report(&pr);
	CHECK(stat(dest, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(stray_files(dir) == 1); /* the copy, no temporary file */
	test_ctx_close(&elise);

	sqlite3 *src = NULL, *cp = NULL;
	CHECK(sqlite3_open_v2(db, &src, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	CHECK(sqlite3_open_v2(dest, &cp, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	/* the same schema */
	same_count(src, cp, "schema", "SELECT user_version FROM pragma_user_version",
	           "SELECT user_version FROM pragma_user_version");
	/* every table of the schema is one the copy decided on */
	size_t nt = 0;
	const char *const *tables = pc_store_copy_tables(&nt);
	sqlite3_stmt *st = NULL;
	CHECK(sqlite3_prepare_v2(src, "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
	                              "name NOT LIKE 'sqlite_%'", -1, &st, NULL) == SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		bool known = false;
		for (size_t i = 0; i < nt; i++)
			known |= !strcmp(tables[i], name);
		if (!known)
			fprintf(stderr, "  table %s: the caseload copy does not say whether it travels\n",
			        name);
		CHECK(known);
	}
	sqlite3_finalize(st);

	/* elise's people, all of them, and no one else */
#define MINE "(SELECT id FROM participant WHERE counsellor = 'elise')"
	long long mine = q1(src, "SELECT count(*) FROM participant WHERE counsellor = 'elise'");
	CHECK(mine >= 2);
	CHECK(q1(cp, "SELECT count(*) FROM participant") == mine);
	CHECK(q1(cp, "SELECT count(*) FROM participant WHERE counsellor IS NOT 'elise'") == 0);
	/* their revisions of the forms she reads, not the supervisor's form */
	same_count(src, cp, "revisions",
	           "SELECT count(*) FROM revision WHERE participant_id IN " MINE " AND form <> 'secret'",
	           "SELECT count(*) FROM revision");
	CHECK(q1(src, "SELECT count(*) FROM revision WHERE form = 'secret'") == 1);
	CHECK(q1(cp, "SELECT count(*) FROM revision WHERE form = 'secret'") == 0);
	same_count(src, cp, "entries", "SELECT count(*) FROM entry WHERE participant_id IN " MINE,
	           "SELECT count(*) FROM entry");
	CHECK(q1(cp, "SELECT count(*) FROM entry") >= 1);
	same_count(src, cp, "enrolments",
	           "SELECT count(*) FROM enrolment WHERE participant_id IN " MINE,
	           "SELECT count(*) FROM enrolment");
	same_count(src, cp, "contract terms",
	           "SELECT count(*) FROM contract_term WHERE enrolment_id IN (SELECT id FROM "
	           "enrolment WHERE participant_id IN " MINE ")",
	           "SELECT count(*) FROM contract_term");
	same_count(src, cp, "eligibility exceptions",
	           "SELECT count(*) FROM eligibility_exception WHERE participant_id IN " MINE,
	           "SELECT count(*) FROM eligibility_exception");
	same_count(src, cp, "closed-month reasons",
	           "SELECT (SELECT count(*) FROM month_change WHERE participant_id IN " MINE
	           ") + (SELECT count(*) FROM enrolment_change WHERE participant_id IN " MINE ")",
	           "SELECT (SELECT count(*) FROM month_change) + (SELECT count(*) FROM "
	           "enrolment_change)");
	same_count(src, cp, "closed months", "SELECT count(*) FROM month_closing",
	           "SELECT count(*) FROM month_closing");
	/* the session she attends, with her presence only */
	CHECK(q1(cp, "SELECT count(*) FROM ami_session") == 1);
	CHECK(q1(cp, "SELECT count(*) FROM ami_presence") == 1);
	CHECK(q1(src, "SELECT count(*) FROM ami_presence") == 2);
	/* her search tokens, rebuilt; nobody else's */
	same_count(src, cp, "search tokens",
	           "SELECT count(*) FROM participant_token WHERE file_no IN (SELECT file_no FROM "
	           "participant WHERE counsellor = 'elise')",
	           "SELECT count(*) FROM participant_token");
	/* no drafts, no audit, no counters; its own site; the staff it names */
	CHECK(q1(src, "SELECT count(*) FROM draft") >= 1);
	CHECK(q1(cp, "SELECT count(*) FROM draft") == 0);
	CHECK(q1(cp, "SELECT count(*) FROM audit") == 0);
	CHECK(q1(cp, "SELECT count(*) FROM file_counter") == 0);
	CHECK(q1(cp, "SELECT count(*) FROM local_site WHERE code = 'RN'") == 1);
	CHECK(q1(cp, "SELECT count(*) FROM staff WHERE login = 'elise'") == 1);
	CHECK(q1(cp, "SELECT count(*) FROM staff_role WHERE login = 'elise' AND role = "
	             "'counsellor'") == 1);
	CHECK(q1(cp, "SELECT count(*) FROM staff WHERE login = 'paul'") == 0);
	/* the office's log says the files left */
	CHECK(q1(src, "SELECT count(*) FROM audit WHERE login = 'elise' AND action = 'export' AND "
	              "detail LIKE 'caseload copy site=RN people=%'") == 1);
	sqlite3_close(src);
	sqlite3_close(cp);

	/* the raw bytes: elise's people are there, paul's and the secret are not */
	CHECK(file_has(dest, "Ahenakew"));
	CHECK(file_has(dest, "Appel-Elise-Suivi"));
	CHECK(!file_has(dest, "Quenneville"));
	CHECK(!file_has(dest, "Xanthopoulos"));
	CHECK(!file_has(dest, "Appel-Paul-Suivi-Hyacinthe"));
	CHECK(!file_has(dest, "Confidentiel-Superviseure-7731"));
	CHECK(!file_has(dest, "Brouillon-Elise-5521"));
	(void)b1;
	(void)b2;

	/* the copy is a working database: check passes, new files carry RN */
	struct pc_ctx lap;
	CHECK(test_ctx_open(&lap, forms, dest, "elise", PC_STORE_WRITE, false));
	struct pc_check r;
	CHECK(pc_check(&lap, &r, NULL, NULL, &pr) == PC_OK);
	report(&pr);
	CHECK(pc_check_ok(&r));
	pc_check_clear(&r);
	/* (a counsellor's intake is a front desk's or a supervisor's act: the
	 * store's numbering is what the copy decides) */
	struct pc_participant np = {.family_name = "Nouvelle", .given_name = "Personne"};
	CHECK(pc_store_participant_insert(lap.store, &np, "nouvelle\0personne\0", "2026-03-15",
	                                  &pr) == PC_OK);
	report(&pr);
	CHECK_STR(np.file_no, "RN-2026-0001");
	char *n1 = np.file_no;
	np.file_no = np.family_name = np.given_name = NULL; /* kept, or not ours */
	pc_participant_clear(&np);
	struct pc_participant *found = NULL;
	size_t nf = 0;
	CHECK(pc_search(&lap, "zephirine", 10, &found, &nf, &pr) == PC_OK && nf == 1);
	pc_participants_free(&found, nf);
	CHECK(pc_search(&lap, "quenneville", 10, &found, &nf, &pr) == PC_OK && nf == 0);
	pc_participants_free(&found, nf);
	test_ctx_close(&lap);

	free(n1);
	free(a1);
	free(a2);
	free(b1);
	free(b2);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	TEST_DONE();
}
