/* Unit tests of the SQLite store (store.h): opening safely (missing, foreign,
 * newer, read-only and damaged files), file numbers, prefix search,
 * revisions that cannot be rewritten, drafts, streaming of current answers,
 * transactions and a busy database. Ends with search timings on 100,000
 * participants, printed and not asserted. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "parcours/i18n.h"
#include "parcours/staff.h"
#include "parcours/store.h"
#include "store/store_internal.h"
#include "test.h"

static char root[] = "/tmp/parcours-store-XXXXXX";

static char *path_in(const char *name)
{
	static char buf[8][512];
	static int next;
	char *p = buf[next++ % 8];
	snprintf(p, sizeof(buf[0]), "%s/%s", root, name);
	return p;
}

static bool has_problem(const struct pc_problems *pr, const char *where, const char *part)
{
	for (size_t i = 0; i < pr->len; i++)
		if ((!where || !strcmp(pr->items[i].where, where)) &&
		    strstr(pr->items[i].message, part))
			return true;
	fprintf(stderr, "  (no problem \"%s\" at %s among %zu:", part, where ? where : "*",
	        pr->len);
	for (size_t i = 0; i < pr->len; i++)
		fprintf(stderr, " [%s: %s]", pr->items[i].where, pr->items[i].message);
	fprintf(stderr, ")\n");
	return false;
}

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)len + 1);
	*n = b ? fread(b, 1, (size_t)len, f) : 0;
	fclose(f);
	return b;
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

/* Runs one SQL statement on a raw connection; returns its integer result
 * (or -1), and the SQLite code in *rc. */
static long long raw(const char *path, const char *sql, int *rc)
{
	sqlite3 *db = NULL;
	long long v = -1;
	int r = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	sqlite3_stmt *st = NULL;
	if (r == SQLITE_OK)
		r = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (r == SQLITE_OK) {
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			v = sqlite3_column_int64(st, 0);
			r = SQLITE_OK;
		} else if (r == SQLITE_DONE) {
			r = SQLITE_OK;
		}
	}
	if (rc)
		*rc = r;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static struct pc_store *open_ok(const char *path, enum pc_store_mode mode)
{
	struct pc_store *s = NULL;
	struct pc_problems pr = {0};
	enum pc_status st = pc_store_open(path, mode, &s, &pr);
	CHECK(st == PC_OK);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "  open %s: %s: %s\n", path, pr.items[i].where,
		        pr.items[i].message);
	pc_problems_clear(&pr);
	return s;
}

/* Opens and expects PC_UNUSABLE with a message containing `part`. */
static void open_fails(const char *path, enum pc_store_mode mode, const char *part)
{
	struct pc_store *s = NULL;
	struct pc_problems pr = {0};
	CHECK(pc_store_open(path, mode, &s, &pr) == PC_UNUSABLE);
	CHECK(s == NULL);
	CHECK(has_problem(&pr, "database", part));
	pc_problems_clear(&pr);
}

static void test_open(void)
{
	const char *missing = path_in("missing.db");
	open_fails(missing, PC_STORE_READ, "parcours init");
	open_fails(missing, PC_STORE_WRITE, "parcours init");
	CHECK(!exists(missing));

	const char *db = path_in("new/deeper/p.db");
	struct pc_store *s = open_ok(db, PC_STORE_CREATE);
	CHECK(s && pc_store_was_migrated(s));
	CHECK(s && pc_store_schema_version(s) == pc_store_schema_latest());
	CHECK(pc_store_schema_latest() >= 1);
	pc_store_close(&s);
	CHECK(s == NULL);
	struct stat sb;
	CHECK(stat(db, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(stat(path_in("new"), &sb) == 0 && (sb.st_mode & 0777) == 0700);
	CHECK(raw(db, "PRAGMA application_id", NULL) == 0x50435253);
	CHECK(raw(db, "PRAGMA user_version", NULL) == pc_store_schema_latest());
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	sqlite3_open(db, &h);
	sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL);
	CHECK(sqlite3_step(st) == SQLITE_ROW);
	CHECK_STR((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(h);

	s = open_ok(db, PC_STORE_CREATE);
	CHECK(s && !pc_store_was_migrated(s));
	pc_store_close(&s);
	s = open_ok(db, PC_STORE_READ);
	struct pc_problems pr = {0};
	CHECK(s && pc_store_begin(s, &pr) == PC_UNUSABLE);
	CHECK(has_problem(&pr, "database", "read-only"));
	pc_problems_clear(&pr);
	struct pc_staff ana = {.login = "ana", .name = "Ana", .roles = PC_ROLE_ADMIN,
			       .added_at = "2026-03-15T00:00:00Z"};
	CHECK(s && pc_store_staff_insert(s, &ana, &pr) == PC_UNUSABLE);
	pc_problems_clear(&pr);
	pc_store_close(&s);
	CHECK(!exists(path_in("new/deeper/p.db-wal"))); /* a reader tidies up too */

	/* an empty file is a database not set up yet */
	const char *empty = path_in("empty.db");
	close(open(empty, O_WRONLY | O_CREAT, 0600));
	open_fails(empty, PC_STORE_WRITE, "parcours init");
	s = open_ok(empty, PC_STORE_CREATE);
	CHECK(s && pc_store_was_migrated(s));
	pc_store_close(&s);
	open_fails(root, PC_STORE_READ, "folder");
}

/* A file that is not ours comes out of every mode byte for byte the same. */
static void open_untouched(const char *path, const char *part)
{
	size_t n0 = 0, n1 = 0;
	char *before = slurp(path, &n0);
	open_fails(path, PC_STORE_READ, part);
	open_fails(path, PC_STORE_WRITE, part);
	open_fails(path, PC_STORE_CREATE, part);
	char *after = slurp(path, &n1);
	CHECK(before && after && n0 == n1 && !memcmp(before, after, n0));
	char side[600];
	snprintf(side, sizeof(side), "%s-wal", path);
	CHECK(!exists(side));
	snprintf(side, sizeof(side), "%s-shm", path);
	CHECK(!exists(side));
	free(before);
	free(after);
}

static void test_foreign_files(void)
{
	const char *text = path_in("notes.txt");
	FILE *f = fopen(text, "w");
	for (int i = 0; f && i < 200; i++)
		fprintf(f, "line %d of something that is not a database\n", i);
	if (f)
		fclose(f);
	open_untouched(text, "is not a parcours database");

	const char *other = path_in("other.db");
	raw(other, "CREATE TABLE t (x)", NULL);
	raw(other, "INSERT INTO t VALUES (1)", NULL);
	open_untouched(other, "is not a parcours database");
	const char *stranger = path_in("stranger.db");
	raw(stranger, "PRAGMA application_id = 42", NULL);
	raw(stranger, "CREATE TABLE t (x)", NULL);
	open_untouched(stranger, "is not a parcours database");

	const char *newer = path_in("newer.db");
	struct pc_store *s = open_ok(newer, PC_STORE_CREATE);
	pc_store_close(&s);
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", pc_store_schema_latest() + 1);
	raw(newer, sql, NULL);
	open_untouched(newer, "newer parcours");
	CHECK(raw(newer, "PRAGMA user_version", NULL) == pc_store_schema_latest() + 1);
}

/* In a child that cannot write the file (or its folder): as nobody when
 * the test runs as root, since root writes anything. */
static void test_read_only(void)
{
	const char *dir = path_in("ro");
	const char *db = path_in("ro/p.db");
	mkdir(dir, 0755);
	struct pc_store *s = open_ok(db, PC_STORE_CREATE);
	pc_store_close(&s);
	chmod(root, 0755);
	/* the child below runs as nobody: share the file with its group, or it
	 * is refused as another user's before anything else is looked at */
	if (geteuid() == 0)
		CHECK(chown(db, 0, 65534) == 0);
	for (int round = 0; round < 3; round++) {
		/* 0: the file is read-only; 1: the folder is; 2: CREATE in it */
		chmod(db, round == 0 ? 0444 : 0666);
		chmod(dir, 0555);
		if (round < 2) {
			/* no write permission bit: refused even for root */
			char want[600];
			snprintf(want, sizeof(want), "cannot write %s: permission denied",
			         round == 0 ? db : dir);
			open_fails(db, PC_STORE_WRITE, want);
		}
		pid_t pid = fork();
		if (pid == 0) {
			if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
				_exit(10);
			struct pc_problems pr = {0};
			struct pc_store *c = NULL;
			const char *target = round == 2 ? path_in("ro/new.db") : db;
			enum pc_status st = pc_store_open(
			    target, round == 2 ? PC_STORE_CREATE : PC_STORE_WRITE, &c, &pr);
			char want[600];
			snprintf(want, sizeof(want), "cannot write %s: permission denied",
			         round == 0 ? db : dir);
			int code = st != PC_UNUSABLE                     ? 1
			           : !has_problem(&pr, "database", want) ? 2
			                                                 : 0;
			if (round == 2 && exists(target))
				code = 3;
			if (!code && round == 0) {
				/* WAL: reading needs a -shm file, so the folder too */
				pc_problems_clear(&pr);
				if (pc_store_open(db, PC_STORE_READ, &c, &pr) != PC_UNUSABLE ||
				    !has_problem(&pr, "database",
				                 "without write access to its folder"))
					code = 4;
				pc_store_close(&c);
			}
			pc_problems_clear(&pr);
			_exit(code);
		}
		int status = -1;
		waitpid(pid, &status, 0);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			fprintf(stderr, "  read-only round %d: child status %d\n", round,
			        WEXITSTATUS(status));
	}
	chmod(dir, 0755);
	chmod(db, 0600);
	if (geteuid() == 0)
		CHECK(chown(db, 0, 0) == 0);
	chmod(root, 0700);
}

static enum pc_status add(struct pc_store *s, const char *family, const char *given,
                          const char *birth, const char *tokens, const char *today, char **file_no,
                          char **id)
{
	struct pc_participant p = {0};
	p.family_name = strdup(family);
	p.given_name = strdup(given);
	p.birth_date = birth ? strdup(birth) : NULL;
	p.created_by = strdup("ana");
	struct pc_problems pr = {0};
	enum pc_status st = pc_store_participant_insert(s, &p, tokens, today, &pr);
	for (size_t i = 0; i < pr.len; i++)
		fprintf(stderr, "  insert: %s: %s\n", pr.items[i].where, pr.items[i].message);
	pc_problems_clear(&pr);
	if (file_no)
		*file_no = p.file_no ? strdup(p.file_no) : NULL;
	if (id)
		*id = p.id ? strdup(p.id) : NULL;
	pc_participant_clear(&p);
	return st;
}

/* Search results as "file_no family given, ..." for easy comparison. */
static char *found(struct pc_store *s, const char *const *toks, size_t n, size_t limit)
{
	struct pc_participant *list = NULL;
	size_t len = 0;
	struct pc_problems pr = {0};
	static char out[1024];
	out[0] = '\0';
	if (pc_store_participant_search(s, toks, n, limit, &list, &len, &pr) != PC_OK)
		snprintf(out, sizeof(out), "ERROR");
	for (size_t i = 0; i < len; i++) {
		size_t used = strlen(out);
		snprintf(out + used, sizeof(out) - used, "%s%s %s", i ? ", " : "", list[i].file_no,
		         list[i].given_name);
	}
	pc_participants_free(&list, len);
	CHECK(list == NULL);
	pc_problems_clear(&pr);
	return out;
}

#define Q(...) ((const char *const[]){__VA_ARGS__})
#define FOUND(limit, ...) found(s, Q(__VA_ARGS__), sizeof(Q(__VA_ARGS__)) / sizeof(char *), limit)

static void test_participants(struct pc_store *s)
{
	char *no = NULL, *id1 = NULL, *id2 = NULL;
	CHECK(add(s, "Côté", "Élisabeth", "1985-03-02", "cote\0elisabeth\0", "2026-03-15", &no,
	          &id1) == PC_OK);
	CHECK_STR(no, "2026-0001");
	CHECK(id1 && strlen(id1) == 32 && strspn(id1, "0123456789abcdef") == 32);
	free(no);
	CHECK(add(s, "Zola", "Émile", NULL, "zola\0emile\0", "2026-03-15", &no, &id2) == PC_OK);
	CHECK_STR(no, "2026-0002");
	CHECK(id1 && id2 && strcmp(id1, id2) != 0);
	free(no);
	CHECK(add(s, "Abel", "Anne-Marie", NULL, "abel\0anne-marie\0anne\0marie\0", "2027-01-02",
	          &no, NULL) == PC_OK);
	CHECK_STR(no, "2027-0001");
	free(no);
	CHECK(add(s, "Écuyer", "Luc", "1990-01-01", "ecuyer\0luc\0", "2026-12-31", &no, NULL) ==
	      PC_OK);
	CHECK_STR(no, "2026-0003");
	free(no);
	CHECK(add(s, "ᐊᓂᔭ", "Mary", NULL, "ᐊᓂᔭ\0mary\0", "2026-04-01", &no, NULL) == PC_OK);
	CHECK_STR(no, "2026-0004");
	free(no);
	CHECK(pc_store_participant_count(s) == 5);

	/* a file number given by an import moves the counter past it */
	struct pc_participant p = {.family_name = strdup("Roy"),
	                           .given_name = strdup("Paul"),
	                           .file_no = strdup("2026-0010")};
	struct pc_problems pr = {0};
	CHECK(pc_store_participant_insert(s, &p, "roy\0paul\0", "2026-05-01", &pr) == PC_OK);
	CHECK(p.version == 1 && p.id && !strcmp(p.status, "active"));
	free(p.id);
	p.id = NULL;
	CHECK(pc_store_participant_insert(s, &p, "roy\0paul\0", "2026-05-01", &pr) == PC_REFUSED);
	CHECK(has_problem(&pr, "2026-0010", "already used"));
	CHECK(p.id == NULL); /* left as given */
	pc_problems_clear(&pr);
	pc_participant_clear(&p);
	CHECK(add(s, "Roy", "Julie", NULL, "roy\0julie\0", "2026-05-01", &no, NULL) == PC_OK);
	CHECK_STR(no, "2026-0011");
	free(no);

	CHECK(pc_store_participant_get(s, "2026-0001", &p, &pr) == PC_OK);
	CHECK_STR(p.family_name, "Côté");
	CHECK_STR(p.birth_date, "1985-03-02");
	CHECK_STR(p.id, id1);
	CHECK(p.version == 1 && p.programme == NULL);
	pc_participant_clear(&p);
	CHECK(pc_store_participant_get(s, "2099-0001", &p, &pr) == PC_REFUSED);
	CHECK(has_problem(&pr, "2099-0001", "unknown file number"));
	CHECK(p.id == NULL);
	pc_problems_clear(&pr);

	/* search: prefixes of any token, all words, name order, accents folded */
	CHECK_STR(FOUND(10, "cote"), "2026-0001 Élisabeth");
	CHECK_STR(FOUND(10, "el"), "2026-0001 Élisabeth");
	CHECK_STR(FOUND(10, "e"), "2026-0001 Élisabeth, 2026-0003 Luc, 2026-0002 Émile");
	CHECK_STR(FOUND(2, "e"), "2026-0001 Élisabeth, 2026-0003 Luc");
	CHECK_STR(FOUND(10, "cote", "el"), "2026-0001 Élisabeth");
	CHECK_STR(FOUND(10, "el", "cote"), "2026-0001 Élisabeth");
	CHECK_STR(FOUND(10, "cote", "em"), "");
	CHECK_STR(FOUND(10, "marie"), "2027-0001 Anne-Marie");
	CHECK_STR(FOUND(10, "anne-m"), "2027-0001 Anne-Marie");
	CHECK_STR(FOUND(10, "2026-000"),
	          "2026-0001 Élisabeth, 2026-0003 Luc, 2026-0002 Émile, 2026-0004 Mary");
	CHECK_STR(FOUND(10, "0002"), "2026-0002 Émile");
	CHECK_STR(FOUND(10, "2027"), "2027-0001 Anne-Marie");
	CHECK_STR(FOUND(10, "ᐊ"), "2026-0004 Mary");
	CHECK_STR(FOUND(10, "ᐊᓂ", "ma"), "2026-0004 Mary");
	CHECK_STR(FOUND(10, "roy"), "2026-0011 Julie, 2026-0010 Paul");
	CHECK_STR(FOUND(10, "x"), "");
	CHECK_STR(FOUND(3, ""), "2027-0001 Anne-Marie, 2026-0001 Élisabeth, 2026-0003 Luc");
	CHECK_STR(FOUND(0, "e"), "");

	/* update: names and tokens follow, version checked */
	CHECK(pc_store_participant_get(s, "2026-0001", &p, &pr) == PC_OK);
	free(p.given_name);
	p.given_name = strdup("Élise");
	p.programme = strdup("pair");
	CHECK(pc_store_participant_update(s, &p, "2026-0001\0cote\0elise\0", 1, &pr) == PC_OK);
	CHECK(p.version == 2);
	CHECK_STR(FOUND(10, "elise"), "2026-0001 Élise");
	CHECK_STR(FOUND(10, "elisa"), "");
	CHECK_STR(FOUND(10, "0001"), "2027-0001 Anne-Marie, 2026-0001 Élise");
	CHECK(pc_store_participant_update(s, &p, "cote\0elise\0", 1, &pr) == PC_REFUSED);
	CHECK(has_problem(&pr, "2026-0001", "changed by someone else"));
	pc_problems_clear(&pr);
	CHECK(pc_store_participant_update(s, &p, "cote\0elise\0", -1, &pr) == PC_OK);
	CHECK(p.version == 3);
	free(p.id);
	p.id = strdup("00000000000000000000000000000000");
	CHECK(pc_store_participant_update(s, &p, "x\0", -1, &pr) == PC_REFUSED);
	CHECK(has_problem(&pr, NULL, "unknown participant"));
	pc_problems_clear(&pr);
	pc_participant_clear(&p);
	CHECK(pc_store_participant_get(s, "2026-0001", &p, &pr) == PC_OK);
	CHECK_STR(p.given_name, "Élise");
	CHECK_STR(p.programme, "pair");
	CHECK(p.version == 3);
	pc_participant_clear(&p);

	/* duplicates: same birth date and folded names */
	struct pc_participant *same = NULL;
	size_t n = 0;
	CHECK(pc_store_participant_same(s, "1985-03-02", NULL, "cote", "elise", &same, &n, &pr) == PC_OK);
	CHECK(n == 1 && !strcmp(same[0].file_no, "2026-0001"));
	pc_participants_free(&same, n);
	CHECK(pc_store_participant_same(s, "1985-03-03", NULL, "cote", "elise", &same, &n, &pr) == PC_OK);
	CHECK(n == 0 && same == NULL);
	pc_problems_clear(&pr);
	free(id1);
	free(id2);
}

static enum pc_status save(struct pc_store *s, const char *pid, const char *form,
                           const char *period, const char *answers, long long base,
                           long long *revision, struct pc_problems *pr)
{
	struct pc_revision r = {.participant_id = strdup(pid),
	                        .form = strdup(form),
	                        .period = period ? strdup(period) : NULL,
	                        .form_version = 1,
	                        .answers = strdup(answers),
	                        .by = strdup("ana")};
	enum pc_status st = pc_store_revision_add(s, &r, base, pr);
	if (revision)
		*revision = r.revision;
	pc_revision_clear(&r);
	return st;
}

struct seen {
	char text[512];
	int calls, stop_after;
};

static bool collect(void *ctx, const struct pc_participant *p, const struct pc_revision *r)
{
	struct seen *v = ctx;
	size_t used = strlen(v->text);
	snprintf(v->text + used, sizeof(v->text) - used, "%s%s/%s/%lld%s", v->calls ? " " : "",
	         p->file_no, r->period, r->revision, strstr(r->answers, "last") ? "!" : "");
	return ++v->calls != v->stop_after;
}

static void test_revisions(struct pc_store *s, const char *db)
{
	struct pc_participant p1 = {0}, p2 = {0};
	struct pc_problems pr = {0};
	CHECK(pc_store_participant_get(s, "2026-0001", &p1, &pr) == PC_OK);
	CHECK(pc_store_participant_get(s, "2026-0002", &p2, &pr) == PC_OK);
	long long rev = 0;
	CHECK(save(s, p1.id, "profile", NULL, "{\"a\":1}", -1, &rev, &pr) == PC_OK && rev == 1);
	CHECK(save(s, p1.id, "profile", "", "{\"a\":2}", 1, &rev, &pr) == PC_OK && rev == 2);
	CHECK(save(s, p1.id, "profile", "", "{\"a\":3}", -1, &rev, &pr) == PC_OK && rev == 3);
	CHECK(save(s, p1.id, "profile", "", "{\"a\":4}", 2, &rev, &pr) == PC_REFUSED);
	CHECK(has_problem(&pr, "profile", "saved by ana on "));
	CHECK(has_problem(&pr, "profile", "since you opened it"));
	pc_problems_clear(&pr);
	CHECK(save(s, p1.id, "profile", "", "[1]", -1, &rev, &pr) == PC_REFUSED);
	CHECK(save(s, p1.id, "profile", "", "{bad", -1, &rev, &pr) == PC_REFUSED);
	CHECK(save(s, "nobody", "profile", "", "{}", -1, &rev, &pr) == PC_REFUSED);
	CHECK(has_problem(&pr, NULL, "unknown participant"));
	pc_problems_clear(&pr);

	struct pc_revision cur = {0};
	CHECK(pc_store_revision_current(s, p1.id, "profile", "", &cur, &pr) == PC_OK);
	CHECK(cur.revision == 3);
	CHECK_STR(cur.answers, "{\"a\":3}");
	CHECK_STR(cur.by, "ana");
	CHECK(cur.at && strlen(cur.at) == 20 && cur.at[19] == 'Z');
	pc_revision_clear(&cur);
	CHECK(pc_store_revision_current(s, p1.id, "skills", "", &cur, &pr) == PC_OK);
	CHECK(cur.revision == 0 && cur.answers == NULL);

	/* history is never lost: the triggers refuse change and removal */
	int rc = 0;
	raw(db, "UPDATE revision SET answers = '{}'", &rc);
	CHECK(rc == SQLITE_CONSTRAINT_TRIGGER || (rc & 0xff) == SQLITE_CONSTRAINT);
	raw(db, "DELETE FROM revision", &rc);
	CHECK((rc & 0xff) == SQLITE_CONSTRAINT);
	CHECK(raw(db, "SELECT count(*) FROM revision", NULL) == 3);

	/* monthly form: latest per period, streamed in file number order */
	CHECK(save(s, p2.id, "participation", "2026-02", "{\"h\":1}", -1, NULL, &pr) == PC_OK);
	CHECK(save(s, p1.id, "participation", "2026-02", "{\"h\":1}", -1, NULL, &pr) == PC_OK);
	CHECK(save(s, p1.id, "participation", "2026-01", "{\"h\":1}", -1, NULL, &pr) == PC_OK);
	CHECK(save(s, p1.id, "participation", "2026-01", "{\"last\":1}", 1, &rev, &pr) == PC_OK);
	CHECK(rev == 2);
	struct seen v = {0};
	CHECK(pc_store_revision_each_current(s, "participation", NULL, collect, &v, &pr) == PC_OK);
	CHECK_STR(v.text, "2026-0001/2026-01/2! 2026-0001/2026-02/1 2026-0002/2026-02/1");
	v = (struct seen){.stop_after = 2};
	CHECK(pc_store_revision_each_current(s, "participation", NULL, collect, &v, &pr) == PC_OK);
	CHECK(v.calls == 2);
	v = (struct seen){0};
	CHECK(pc_store_revision_each_current(s, "nothing", NULL, collect, &v, &pr) == PC_OK);
	CHECK(v.calls == 0);

	struct pc_revision *list = NULL;
	size_t n = 0;
	CHECK(pc_store_revision_list(s, p1.id, NULL, &list, &n, &pr) == PC_OK);
	CHECK(n == 6);
	if (n == 6) {
		CHECK_STR(list[0].form, "participation");
		CHECK_STR(list[0].period, "2026-01");
		CHECK(list[1].revision == 2 && !strcmp(list[2].period, "2026-02"));
		CHECK_STR(list[3].form, "profile");
		CHECK(list[5].revision == 3);
	}
	pc_revisions_free(&list, n);
	CHECK(list == NULL);

	/* drafts: one per person, replaced, then gone */
	char *answers = NULL;
	long long base = -1;
	CHECK(pc_store_draft_put(s, p1.id, "profile", "", "ana", "{\"a\":9}", 3, &pr) == PC_OK);
	CHECK(pc_store_draft_put(s, p1.id, "profile", "", "bob", "{\"b\":1}", 0, &pr) == PC_OK);
	CHECK(pc_store_draft_put(s, p1.id, "profile", "", "ana", "{\"a\":10}", 3, &pr) == PC_OK);
	CHECK(pc_store_draft_get(s, p1.id, "profile", "", "ana", &answers, &base, NULL, &pr) == PC_OK);
	CHECK_STR(answers, "{\"a\":10}");
	CHECK(base == 3);
	free(answers);
	CHECK(pc_store_draft_delete(s, p1.id, "profile", "", "ana", &pr) == PC_OK);
	CHECK(pc_store_draft_get(s, p1.id, "profile", "", "ana", &answers, &base, NULL, &pr) == PC_OK);
	CHECK(answers == NULL);
	CHECK(pc_store_draft_get(s, p1.id, "profile", "", "bob", &answers, &base, NULL, &pr) == PC_OK);
	CHECK_STR(answers, "{\"b\":1}");
	free(answers);
	/* the intake of a person not created yet is kept under participant "" */
	CHECK(pc_store_draft_put(s, "", "intake", "", "ana", "{\"family_name\":\"C\"}", 0, &pr) ==
	      PC_OK);
	char *newd = NULL;
	long long nb = -1;
	CHECK(pc_store_draft_get(s, "", "intake", "", "ana", &newd, &nb, NULL, &pr) == PC_OK && newd &&
	      strstr(newd, "family_name"));
	free(newd);
	CHECK(pc_store_draft_delete(s, "", "intake", "", "ana", &pr) == PC_OK);
	CHECK(pc_store_draft_put(s, "nobody", "profile", "", "ana", "{}", 0, &pr) == PC_REFUSED);
	CHECK(pc_problems_errors(&pr) == 1);
	pc_problems_clear(&pr);

	/* staff */
	struct pc_staff ana = {.login = "ana", .name = "Ana Roy",
			       .roles = PC_ROLE_ADMIN | PC_ROLE_SUPERVISOR,
			       .added_at = "2026-03-15T00:00:00Z"};
	CHECK(pc_store_staff_insert(s, &ana, &pr) == PC_OK);
	ana.roles = PC_ROLE_FRONTDESK;
	CHECK(pc_store_staff_insert(s, &ana, &pr) == PC_REFUSED); /* no second row, no role change */
	CHECK(has_problem(&pr, "ana", "already on the staff"));
	pc_problems_clear(&pr);
	struct pc_staff got = {0};
	CHECK(pc_store_staff_get(s, "ana", &got, &pr) == PC_OK && got.login &&
	      got.roles == (PC_ROLE_ADMIN | PC_ROLE_SUPERVISOR) && !got.disabled);
	CHECK_STR(got.name, "Ana Roy");
	pc_staff_clear(&got);
	CHECK(pc_store_staff_get(s, "nobody", &got, &pr) == PC_OK && !got.login);
	int role_rc = SQLITE_OK;
	raw(db, "INSERT INTO staff_role VALUES ('ana', 'boss')", &role_rc);
	CHECK((role_rc & 0xff) == SQLITE_CONSTRAINT); /* the schema knows the roles */
	pc_participant_clear(&p1);
	pc_participant_clear(&p2);
}

static void test_transactions(struct pc_store *s)
{
	struct pc_problems pr = {0};
	long long before = pc_store_participant_count(s);
	CHECK(pc_store_begin(s, &pr) == PC_OK);
	/* nested: an inner rollback undoes only the inner part */
	CHECK(add(s, "Outer", "Kept", NULL, "outer\0", "2026-06-01", NULL, NULL) == PC_OK);
	CHECK(pc_store_begin(s, &pr) == PC_OK);
	CHECK(add(s, "Inner", "Gone", NULL, "inner\0", "2026-06-01", NULL, NULL) == PC_OK);
	pc_store_rollback(s);
	CHECK(pc_store_participant_count(s) == before + 1);
	CHECK(pc_store_begin(s, &pr) == PC_OK);
	CHECK(add(s, "Temp", "Orary", NULL, "temp\0", "2026-06-01", NULL, NULL) == PC_OK);
	CHECK(pc_store_commit(s, &pr) == PC_OK);
	CHECK(pc_store_participant_count(s) == before + 2);
	/* the outer rollback undoes everything, committed inner parts too */
	pc_store_rollback(s);
	CHECK(pc_store_participant_count(s) == before);
	CHECK(pc_store_commit(s, &pr) == PC_UNUSABLE);
	pc_problems_clear(&pr);

	/* a refused step inside a transaction undoes only itself */
	CHECK(pc_store_begin(s, &pr) == PC_OK);
	struct pc_participant p = {.family_name = strdup("Dup"),
	                           .given_name = strdup("Li"),
	                           .file_no = strdup("2026-0001")};
	CHECK(pc_store_participant_insert(s, &p, "dup\0", "2026-06-01", &pr) == PC_REFUSED);
	pc_participant_clear(&p);
	pc_problems_clear(&pr);
	CHECK(add(s, "Kept", "Li", NULL, "kept\0", "2026-06-01", NULL, NULL) == PC_OK);
	CHECK(pc_store_commit(s, &pr) == PC_OK);
	CHECK(pc_store_participant_count(s) == before + 1);
	CHECK(!strcmp(FOUND(5, "dup"), "") && !strcmp(FOUND(5, "kept"), "2026-0012 Li"));
}

struct holder {
	sqlite3 *db;
	int ms;
};

static void *release_later(void *arg)
{
	struct holder *h = arg;
	struct timespec t = {.tv_sec = h->ms / 1000, .tv_nsec = (h->ms % 1000) * 1000000L};
	nanosleep(&t, NULL);
	sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
	return NULL;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Another writer holds the lock: begin waits for it, and reports busy when
 * it is held past the timeout. */
static void test_busy(struct pc_store *s, const char *db)
{
	struct holder h = {.ms = 300};
	sqlite3_open(db, &h.db);
	CHECK(sqlite3_exec(h.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
	pthread_t th;
	pthread_create(&th, NULL, release_later, &h);
	struct pc_problems pr = {0};
	double t0 = now_ms();
	CHECK(pc_store_begin(s, &pr) == PC_OK);
	double waited = now_ms() - t0;
	CHECK(waited >= 200);
	pthread_join(th, NULL);
	pc_store_rollback(s);

	CHECK(sqlite3_exec(h.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_busy_timeout(s->db, 100);
	CHECK(pc_store_begin(s, &pr) == PC_UNUSABLE);
	CHECK(has_problem(&pr, "database", "busy"));
	pc_problems_clear(&pr);
	CHECK(pc_store_draft_put(s, "x", "f", "", "ana", "{}", 0, &pr) == PC_UNUSABLE);
	CHECK(has_problem(&pr, "database", "busy"));
	pc_problems_clear(&pr);
	sqlite3_exec(h.db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h.db);
	CHECK(pc_store_begin(s, &pr) == PC_OK);
	pc_store_rollback(s);
}

/* Pages after the first overwritten: the store opens, reading fails. */
static void test_damaged(const char *db)
{
	const char *copy = path_in("damaged.db");
	size_t n = 0;
	char *bytes = slurp(db, &n);
	CHECK(bytes && n > 8192);
	for (size_t i = 4096; bytes && i < n; i++)
		bytes[i] = (char)(i * 7);
	FILE *f = fopen(copy, "wb");
	if (f && bytes) {
		fwrite(bytes, 1, n, f);
		fclose(f);
	}
	free(bytes);
	chmod(copy, 0600);
	struct pc_problems pr = {0};
	struct pc_store *s = NULL;
	struct pc_participant p = {0};
	enum pc_status st = pc_store_open(copy, PC_STORE_READ, &s, &pr);
	if (st == PC_OK)
		st = pc_store_participant_get(s, "2026-0001", &p, &pr);
	CHECK(st == PC_UNUSABLE);
	CHECK(has_problem(&pr, "database", "damaged"));
	pc_participant_clear(&p);
	pc_store_close(&s);
	pc_problems_clear(&pr);
}

/* ---- search timings on 100,000 participants ---- */

static const char *const families[] = {
    "tremblay", "gagnon",     "roy",      "cote",      "bouchard",  "gauthier", "morin",
    "lavoie",   "fortin",     "gagne",    "ouellet",   "pelletier", "belanger", "levesque",
    "bergeron", "leblanc",    "paquette", "girard",    "simard",    "boucher",  "caron",
    "beaulieu", "cloutier",   "dube",     "poirier",   "fournier",  "lapointe", "leclerc",
    "lefebvre", "poulin",     "thibault", "st-pierre", "nadeau",    "martin",   "landry",
    "martel",   "bedard",     "grenier",  "lessard",   "bernier",   "richard",  "michaud",
    "hebert",   "desjardins", "couture",  "turcotte",  "lachance",  "parent",   "blais",
    "gosselin", "savard",     "proulx",   "beaudoin",  "demers",    "perron",   "boudreau",
    "mercier",  "emond",      "etienne",  "elie",      "zhang",     "nguyen",   "wapachee",
    "mianscum", "awashish",   "petiquay", "kanatewat", "diamond",   "yao",      "ali"};
static const char *const givens[] = {
    "marie",   "jean",      "louis",     "elisabeth", "emile",    "eric",     "emilie",
    "sophie",  "mathieu",   "julie",     "francois",  "isabelle", "nathalie", "martin",
    "sylvie",  "luc",       "anne",      "pierre",    "melanie",  "stephane", "genevieve",
    "olivier", "catherine", "alexandre", "valerie",   "simon",    "caroline", "david",
    "josee",   "patrick",   "chantal",   "marc",      "karine",   "nicolas",  "annie",
    "eve",     "etienne",   "elodie",    "noah",      "lea",      "william",  "florence",
    "thomas",  "alice",     "jacob",     "charlotte", "liam",     "emma",     "leo",
    "rosalie", "samuel",    "zoe",       "felix",     "juliette", "raphael",  "beatrice",
    "mary",    "george",    "minnie",    "sappa"};

static unsigned long long rng = 88172645463325252ULL;
static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Family names follow a rough power law (a few very common names, a long
 * tail of rare ones made of two syllables). */
static void make_name(char *family, char *given)
{
	static const char *const syl[] = {"ba", "ch", "da", "el", "fo", "ga", "ha", "ki",
	                                  "la", "mo", "ne", "ou", "pa", "ri", "sa", "to",
	                                  "va", "wi", "za", "qu", "ro", "me", "li", "nu"};
	unsigned nf = sizeof(families) / sizeof(*families);
	unsigned r = pick(100);
	if (r < 60)
		strcpy(family, families[pick(nf) % (1 + pick(nf))]);
	else
		sprintf(family, "%s%s%s", syl[pick(24)], syl[pick(24)], syl[pick(24)]);
	strcpy(given, givens[pick(sizeof(givens) / sizeof(*givens))]);
}

/* What was inserted, to compute answers without the store. */
struct person {
	char family[64], given[64], file_no[16];
};

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Whether word is a prefix of one of the person's tokens: the names as
 * given, the file number "2026-0042" and its number "0042" (a prefix of its
 * year "2026" is one of the whole number). */
static bool person_has(const struct person *p, const char *word)
{
	return starts(p->family, word) || starts(p->given, word) || starts(p->file_no, word) ||
	       starts(p->file_no + 5, word);
}

static int person_cmp(const void *a, const void *b)
{
	const struct person *x = *(const struct person *const *)a;
	const struct person *y = *(const struct person *const *)b;
	int c = strcmp(x->family, y->family);
	if (!c)
		c = strcmp(x->given, y->given);
	if (c)
		return c;
	/* namesakes by file number: the shorter first ("2026-2000" before
	 * "2026-10000"), then as text */
	size_t lx = strlen(x->file_no), ly = strlen(y->file_no);
	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x->file_no, y->file_no);
}

/* The store's answer to `query` equals the one computed by brute force. */
static void same_as_brute_force(struct pc_store *s, const struct person *people, long count,
                                const char *query, size_t limit)
{
	const char *toks[8];
	char copy[64];
	snprintf(copy, sizeof(copy), "%s", query);
	size_t n = 0;
	for (char *t = strtok(copy, " "); t && n < 8; t = strtok(NULL, " "))
		toks[n++] = t;
	const struct person **want = malloc((size_t)count * sizeof(*want));
	size_t nwant = 0;
	for (long i = 0; want && i < count; i++) {
		bool all = true;
		for (size_t k = 0; k < n && all; k++)
			all = person_has(&people[i], toks[k]);
		if (all)
			want[nwant++] = &people[i];
	}
	if (want)
		qsort(want, nwant, sizeof(*want), person_cmp);
	struct pc_participant *list = NULL;
	size_t len = 0;
	struct pc_problems pr = {0};
	CHECK(pc_store_participant_search(s, toks, n, limit, &list, &len, &pr) == PC_OK);
	size_t expect = nwant < limit ? nwant : limit;
	bool same = want && len == expect;
	for (size_t i = 0; same && i < len; i++)
		same = !strcmp(list[i].file_no, want[i]->file_no);
	CHECK(same);
	if (!same)
		fprintf(stderr, "  search \"%s\" limit %zu: %zu results, expected %zu\n", query,
		        limit, len, expect);
	pc_participants_free(&list, len);
	pc_problems_clear(&pr);
	free(want);
}

static void time_search(struct pc_store *s, const char *query)
{
	const char *toks[4];
	char copy[64];
	snprintf(copy, sizeof(copy), "%s", query);
	size_t n = 0;
	for (char *t = strtok(copy, " "); t && n < 4; t = strtok(NULL, " "))
		toks[n++] = t;
	struct pc_participant *list = NULL;
	size_t len = 0, total = 0;
	struct pc_problems pr = {0};
	const int reps = 100;
	double worst = 0, t0 = now_ms();
	bool ordered = true;
	for (int i = 0; i < reps; i++) {
		double t1 = now_ms();
		CHECK(pc_store_participant_search(s, toks, n, 20, &list, &len, &pr) == PC_OK);
		double d = now_ms() - t1;
		worst = d > worst ? d : worst;
		total = len;
		for (size_t k = 1; k < len; k++)
			ordered &= strcmp(list[k - 1].family_name, list[k].family_name) <= 0;
		pc_participants_free(&list, len);
	}
	CHECK(ordered);
	CHECK(len <= 20);
	fprintf(stderr, "  search %-14s %2zu results  %7.3f ms average  %7.3f ms worst\n", query,
	        total, (now_ms() - t0) / reps, worst);
	pc_problems_clear(&pr);
}

static void test_timings(const char *db)
{
	struct pc_store *s = open_ok(db, PC_STORE_CREATE);
	if (!s)
		return;
	const long count = 100000;
	struct person *people = calloc((size_t)count, sizeof(*people));
	struct pc_problems pr = {0};
	double t0 = now_ms();
	CHECK(people && pc_store_begin(s, &pr) == PC_OK);
	for (long i = 0; people && i < count; i++) {
		char *family = people[i].family, *given = people[i].given, tokens[160];
		make_name(family, given);
		/* 2,100 distinct names that sort last: a common word whose
		 * matches a walk in name order meets only at the very end */
		if (i >= count - 2100)
			snprintf(family, sizeof(people[i].family), "zzq%04ld", i % 2100);
		int k = snprintf(tokens, sizeof(tokens), "%s%c%s%c", family, 0, given, 0);
		tokens[k] = '\0';
		struct pc_participant p = {.family_name = family, .given_name = given};
		enum pc_status st = pc_store_participant_insert(s, &p, tokens, "2026-01-01", &pr);
		if (st != PC_OK) {
			CHECK(st == PC_OK);
			break;
		}
		snprintf(people[i].file_no, sizeof(people[i].file_no), "%s", p.file_no);
		free(p.id);
		free(p.file_no);
		free(p.status);
		free(p.created_at);
	}
	CHECK(pc_store_commit(s, &pr) == PC_OK);
	CHECK(pc_store_participant_count(s) == count);
	fprintf(stderr, "  inserted %ld participants in %.0f ms\n", count, now_ms() - t0);
	pc_store_close(&s);
	struct stat sb;
	if (stat(db, &sb) == 0)
		fprintf(stderr, "  database size %.1f MB\n", sb.st_size / 1e6);
	s = open_ok(db, PC_STORE_READ);
	static const char *const queries[] = {
	    "e",      "el",      "eli",       "elisabeth",  "cote", "cote el",
	    "t",      "tr",      "tremblay",  "tremblay m", "m e",  "zz",
	    "2026-0", "2026-00", "2026-0999", "0",          "2",    "2026",
	    "qu",     "ququ",    "mary wapa", "e m j",      "zzq",  "2026 e m j"};
	for (size_t i = 0; s && i < sizeof(queries) / sizeof(*queries); i++)
		time_search(s, queries[i]);
	/* every plan gives the answer a full scan would */
	static const char *const checked[] = {
	    "e",   "el",      "cote",  "tremblay",  "st",    "st-p", "tremblay m",
	    "m e", "ma tr",   "e m j", "2026-0",    "2",     "0",    "2026",
	    "qu",  "cote el", "zz",    "wapa mary", "el el", "a b",  "2026 e",
	    "0 e", "mo",      "k",     "zzq",       "zzq e", "zzq1", "2026 e m j"};
	for (size_t i = 0; s && people && i < sizeof(checked) / sizeof(*checked); i++) {
		same_as_brute_force(s, people, count, checked[i], 20);
		same_as_brute_force(s, people, count, checked[i], 700);
	}
	t0 = now_ms();
	struct pc_participant *list = NULL;
	size_t len = 0;
	CHECK(s &&
	      pc_store_participant_search(s, Q("2026-0"), 1, 100000, &list, &len, &pr) == PC_OK);
	CHECK(len == 999);
	pc_participants_free(&list, len);
	fprintf(stderr, "  search 2026-0 without a small limit: %zu results in %.1f ms\n", len,
	        now_ms() - t0);
	pc_store_close(&s);
	pc_problems_clear(&pr);
	free(people);
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(path);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	test_open();
	test_foreign_files();
	test_read_only();

	const char *db = path_in("main.db");
	struct pc_store *s = open_ok(db, PC_STORE_CREATE);
	if (s) {
		test_participants(s);
		test_revisions(s, db);
		test_transactions(s);
		test_busy(s, db);
		pc_store_close(&s);
		test_damaged(db);
	}
	test_timings(path_in("big.db"));
	nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	TEST_DONE();
}
