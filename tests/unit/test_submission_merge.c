/* Saving part of a form (core.h): the edits applied on top of a revision
 * (rows by number, `+` rows, removals, clashes), the race between two
 * connections (one prepares, the other saves, the first commit is refused
 * with who saved), the screen's whole-form save unchanged, and duplicate
 * JSON keys refused by pc_json_parse_unique. Real forms, real SQLite file. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "test.h"
#include "test_ctx.h"

static char db[256];
static char forms[512];

static bool open_ctx(struct pc_ctx *c, const char *login, enum pc_store_mode mode)
{
	return test_ctx_open(c, forms, db, login, mode, true);
}

static void close_ctx(struct pc_ctx *c)
{
	test_ctx_close(c);
}

static struct pc_json *parse(const char *s)
{
	return pc_json_parse(s, strlen(s), NULL, 0);
}

/* The compact JSON of edits applied to `start` on form `form`, or NULL. */
static char *applied(struct pc_ctx *c, const char *form, const char *start, struct pc_edits *e,
                     enum pc_status *st)
{
	struct pc_problems pr = {0};
	struct pc_json *s = start ? parse(start) : NULL, *out = NULL;
	*st = pc_edits_apply(e, pc_formset_find(c->forms, form), s, &out, &pr);
	char *text = out ? pc_json_to_string(out) : NULL;
	pc_json_free(&s);
	pc_json_free(&out);
	pc_problems_clear(&pr);
	return text;
}

static void test_edits(struct pc_ctx *c)
{
	struct pc_problems pr = {0};
	const char *start = "{\"entries\":[{\"date\":\"2026-02-02\",\"hours\":\"3\"},"
	                    "{\"date\":\"2026-02-03\",\"hours\":\"4\"},{\"date\":\"2026-02-04\"}],"
	                    "\"transport_costs\":\"8\"}";
	struct pc_edits *e = pc_edits_new();
	enum pc_status st;
	CHECK(pc_edits_set(e, "entries.2.hours", "5", &pr) == PC_OK);
	CHECK(pc_edits_unset(e, "entries.1", &pr) == PC_OK);
	CHECK(pc_edits_unset(e, "entries.3", &pr) == PC_OK);
	CHECK(pc_edits_set(e, "entries.+.date", "2026-02-09", &pr) == PC_OK);
	CHECK(pc_edits_set(e, "entries.+.hours", "1", &pr) == PC_OK);
	CHECK(pc_edits_set(e, "entries.+.date", "2026-02-10", &pr) == PC_OK);
	CHECK(pc_edits_unset(e, "transport_costs", &pr) == PC_OK);
	CHECK(pc_edits_set(e, "childcare_costs", "2", &pr) == PC_OK);
	char *text = applied(c, "participation", start, e, &st);
	CHECK(st == PC_OK);
	CHECK_STR(text, "{\"entries\":[{\"date\":\"2026-02-03\",\"hours\":\"5\"},"
	                "{\"date\":\"2026-02-09\",\"hours\":\"1\"},{\"date\":\"2026-02-10\"}],"
	                "\"childcare_costs\":\"2\"}");
	free(text);
	CHECK(pr.len == 0);
	/* clashes are refused as they are added, the list stays usable */
	CHECK(pc_edits_set(e, "entries.2.hours", "6", &pr) == PC_USAGE);
	CHECK(pc_edits_set(e, "entries.1.hours", "6", &pr) == PC_USAGE);
	CHECK(pc_edits_set(e, "transport_costs", "1", &pr) == PC_USAGE);
	CHECK(pc_edits_set(e, "entries", "x", &pr) == PC_USAGE);
	CHECK(pc_edits_set(e, "entries.0.hours", "1", &pr) == PC_USAGE);
	CHECK(pc_edits_set(e, "entries.2", "1", &pr) == PC_USAGE);
	CHECK(pc_edits_unset(e, "entries.+", &pr) == PC_USAGE);
	CHECK(pc_edits_set(e, ".x", "1", &pr) == PC_USAGE);
	CHECK(pr.len == 8);
	CHECK_STR(pr.items[0].where, "entries.2.hours");
	pc_problems_clear(&pr);
	pc_edits_free(&e);
	CHECK(e == NULL);

	/* a row to remove must exist; rows of a field that has none */
	e = pc_edits_new();
	CHECK(pc_edits_unset(e, "entries.7", &pr) == PC_OK);
	text = applied(c, "participation", start, e, &st);
	CHECK(st == PC_REFUSED && text == NULL);
	pc_edits_free(&e);
	e = pc_edits_new();
	CHECK(pc_edits_set(e, "transport_costs.1.x", "1", &pr) == PC_OK);
	text = applied(c, "participation", start, e, &st);
	CHECK(st == PC_REFUSED && text == NULL);
	pc_edits_free(&e);

	/* --json: keys replace whole answers, null clears */
	e = pc_edits_new();
	struct pc_json *obj =
	    parse("{\"entries\":[{\"date\":\"2026-02-05\"}],\"transport_costs\":null}");
	CHECK(pc_edits_set_json(e, obj, &pr) == PC_OK);
	text = applied(c, "participation", start, e, &st);
	CHECK_STR(text, "{\"entries\":[{\"date\":\"2026-02-05\"}]}");
	free(text);
	pc_json_free(&obj);
	pc_edits_free(&e);
	pc_problems_clear(&pr);
}

static void test_to_raw(struct pc_ctx *c)
{
	const struct pc_form *f = pc_formset_find(c->forms, "participation");
	struct pc_json *stored =
	    parse("{\"entries\":[{\"date\":\"2026-02-02\",\"activity\":\"work\","
	          "\"hours\":3.5}],\"total_hours\":3.5,\"gone\":1,"
	          "\"transport_costs\":12.5}");
	struct pc_json *raw = pc_answers_to_raw(f, stored);
	char *text = raw ? pc_json_to_string(raw) : NULL;
	/* calculated and no-longer-asked answers are not carried on */
	CHECK_STR(text, "{\"entries\":[{\"date\":\"2026-02-02\",\"activity\":\"work\","
	                "\"hours\":\"3:30\"}],\"transport_costs\":\"12.5\"}");
	free(text);
	pc_json_free(&raw);
	pc_json_free(&stored);
}

static long long count_revisions(struct pc_ctx *c, const struct pc_participant *p)
{
	struct pc_revision r = {0};
	struct pc_problems pr = {0};
	pc_file_current(c, p, "profile", NULL, &r, &pr);
	long long n = r.revision;
	pc_revision_clear(&r);
	pc_problems_clear(&pr);
	return n;
}

/* Two connections: A reads and merges, B saves, A's commit is refused. */
static void test_race(const char *file_no)
{
	struct pc_ctx a, b;
	CHECK(open_ctx(&a, "alice", PC_STORE_WRITE));
	CHECK(open_ctx(&b, "bruno", PC_STORE_WRITE));
	struct pc_problems pr = {0};
	struct pc_edits *ea = pc_edits_new(), *eb = pc_edits_new();
	CHECK(pc_edits_set(ea, "wellbeing", "6", &pr) == PC_OK);
	CHECK(pc_edits_set(eb, "interests", "Vélo", &pr) == PC_OK);
	struct pc_submit_request rq = {.form_id = "profile",
	                               .file_no = file_no,
	                               .from = PC_SUBMIT_CURRENT,
	                               .base_revision = -1,
	                               .edits = ea};
	struct pc_submission sa, sb;
	CHECK(pc_submission_prepare(&a, &rq, &sa, &pr) == PC_OK);
	long long base = sa.base;
	CHECK(base >= 1);
	CHECK(sa.nchanges == 1 && !strcmp(sa.changes[0].path, "wellbeing"));
	rq.edits = eb;
	CHECK(pc_submission_prepare(&b, &rq, &sb, &pr) == PC_OK);
	CHECK(pc_submission_commit(&b, &sb, &pr) == PC_OK);
	CHECK(sb.revision == base + 1);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	CHECK(pr.len == 0);
	/* A read revision `base`: the save B made since is not overwritten */
	CHECK(pc_submission_commit(&a, &sa, &pr) == PC_REFUSED);
	CHECK(pr.len == 1 && strstr(pr.items[0].message, "bruno") != NULL);
	CHECK(pr.len == 1 && !strcmp(pr.items[0].where, "profile"));
	CHECK(count_revisions(&a, &sa.who) == base + 1);
	pc_problems_clear(&pr);
	pc_submission_clear(&sa);
	pc_submission_clear(&sb);

	/* an explicit base revision that is not the latest: refused at once */
	rq.edits = ea;
	rq.base_revision = base;
	CHECK(pc_submission_prepare(&a, &rq, &sa, &pr) == PC_REFUSED);
	CHECK(pr.len == 1 && strstr(pr.items[0].message, "bruno") != NULL);
	pc_problems_clear(&pr);
	/* done again from the latest, A keeps B's answer */
	rq.base_revision = base + 1;
	CHECK(pc_submission_prepare(&a, &rq, &sa, &pr) == PC_OK);
	CHECK(pc_submission_commit(&a, &sa, &pr) == PC_OK);
	CHECK(sa.revision == base + 2);
	struct pc_revision r = {0};
	CHECK(pc_file_current(&a, &sa.who, "profile", NULL, &r, &pr) == PC_OK);
	CHECK(r.answers && strstr(r.answers, "\"interests\":\"Vélo\"") != NULL);
	CHECK(r.answers && strstr(r.answers, "\"wellbeing\":6") != NULL);
	pc_revision_clear(&r);
	pc_submission_clear(&sa);

	/* the screen's whole-form save with no base (-1) is not checked */
	struct pc_json *whole = parse("{\"wellbeing\":\"9\"}");
	long long rev = 0;
	CHECK(pc_submission_save(&b, "profile", file_no, NULL, whole, -1, &rev, &pr) == PC_OK);
	CHECK(rev == base + 3);
	/* ...and with its own stale base it is refused, as before */
	CHECK(pc_submission_save(&b, "profile", file_no, NULL, whole, base, &rev, &pr) ==
	      PC_REFUSED);
	pc_json_free(&whole);
	pc_problems_clear(&pr);
	pc_edits_free(&ea);
	pc_edits_free(&eb);
	close_ctx(&a);
	close_ctx(&b);
}

static void test_unique_keys(void)
{
	char err[200];
	const char *dup = "{\"a\":1,\"b\":{\"x\":1,\"x\":2}}";
	struct pc_json *v = pc_json_parse_unique(dup, strlen(dup), err, sizeof(err));
	CHECK(v == NULL);
	CHECK(strstr(err, "the key \"x\" is given twice") != NULL);
	v = pc_json_parse(dup, strlen(dup), err, sizeof(err));
	CHECK(v != NULL);
	pc_json_free(&v);
	const char *fine = "{\"a\":1,\"b\":[{\"x\":1},{\"x\":2}]}";
	v = pc_json_parse_unique(fine, strlen(fine), err, sizeof(err));
	CHECK(v != NULL);
	pc_json_free(&v);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/parcours-merge-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/t.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_ctx c;
	CHECK(open_ctx(&c, "alice", PC_STORE_CREATE));
	struct pc_problems pr = {0};
	CHECK(pc_staff_add(&c, "bruno", "Bruno", PC_ROLE_SUPERVISOR, &pr) == PC_OK);
	struct pc_json *intake =
	    parse("{\"family_name\":\"Côté\",\"given_name\":\"Élisabeth\","
	          "\"birth_date\":\"1985-03-02\",\"consent_date\":\"2026-03-15\","
	          "\"consent_sharing\":\"oui\"}");
	char *file_no = NULL;
	CHECK(pc_intake_add(&c, intake, &file_no, &pr) == PC_OK);
	struct pc_json *first = parse("{\"wellbeing\":\"7\"}");
	long long rev = 0;
	CHECK(pc_submission_save(&c, "profile", file_no, NULL, first, -1, &rev, &pr) == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	test_edits(&c);
	test_to_raw(&c);
	close_ctx(&c);
	if (file_no)
		test_race(file_no);
	test_unique_keys();
	free(file_no);
	pc_json_free(&intake);
	pc_json_free(&first);
	unlink(db);
	char wal[300];
	snprintf(wal, sizeof(wal), "%s-wal", db);
	unlink(wal);
	snprintf(wal, sizeof(wal), "%s-shm", db);
	unlink(wal);
	rmdir(dir);
	TEST_DONE();
}
