/* What a save does inside the writers' line, where each microsecond is
 * paid again by every writer waiting behind it: once the store's
 * statements are prepared (the first saves), a save parses no SQL between
 * BEGIN IMMEDIATE and COMMIT, those two included. Counted by wrapping
 * SQLite's sqlite3_exec and sqlite3_prepare_* (this program's own
 * definitions come before the shared library's); a text parsed while a
 * transaction is open, or one that opens it, counts. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "test.h"
#include "test_ctx.h"

static int parsed_inside;
static char last_inside[200];

static void count(sqlite3 *db, const char *sql)
{
	if (!sqlite3_get_autocommit(db) || strncasecmp(sql, "BEGIN", 5) == 0) {
		parsed_inside++;
		snprintf(last_inside, sizeof(last_inside), "%s", sql);
	}
}

int sqlite3_exec(sqlite3 *db, const char *sql, int (*cb)(void *, int, char **, char **),
		 void *arg, char **err)
{
	static int (*real)(sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *,
			   char **);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_exec");
	count(db, sql);
	return real(db, sql, cb, arg, err);
}

int sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **st, const char **tail)
{
	static int (*real)(sqlite3 *, const char *, int, sqlite3_stmt **, const char **);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_prepare_v2");
	count(db, sql);
	return real(db, sql, n, st, tail);
}

int sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned int flags,
		       sqlite3_stmt **st, const char **tail)
{
	static int (*real)(sqlite3 *, const char *, int, unsigned int, sqlite3_stmt **,
			   const char **);
	if (!real)
		*(void **)&real = dlsym(RTLD_NEXT, "sqlite3_prepare_v3");
	count(db, sql);
	return real(db, sql, n, flags, st, tail);
}

static enum pc_status save(struct pc_ctx *c, const char *file_no, int i)
{
	char text[96];
	snprintf(text, sizeof(text), "{\"wellbeing\": \"%d\", \"interests\": \"save %d\"}",
		 5 + i % 5, i);
	struct pc_json *a = pc_json_parse(text, strlen(text), NULL, 0);
	struct pc_problems pr = {0};
	long long rev = 0;
	enum pc_status st = a ? pc_submission_save(c, "profile", file_no, NULL, a, -1, &rev, &pr)
			      : PC_UNUSABLE;
	for (size_t k = 0; k < pr.len; k++)
		fprintf(stderr, "%s: %s\n", pr.items[k].where, pr.items[k].message);
	pc_problems_clear(&pr);
	pc_json_free(&a);
	return st;
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	char dir[] = "/tmp/pc-parses-XXXXXX", db[256], forms[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/p.db", dir);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	struct pc_ctx c;
	CHECK(test_ctx_open(&c, forms, db, "writer", PC_STORE_CREATE, true));
	static const char intake[] =
	    "{\"family_name\": \"Écrivain\", \"given_name\": \"Léa\", \"birth_date\": "
	    "\"1990-02-01\", \"consent_date\": \"2026-01-05\", \"consent_sharing\": \"oui\"}";
	struct pc_json *in = pc_json_parse(intake, strlen(intake), NULL, 0);
	struct pc_problems pr = {0};
	char *file_no = NULL;
	CHECK(c.store && in && pc_intake_add(&c, in, &file_no, &pr) == PC_OK && file_no);
	pc_json_free(&in);
	pc_problems_clear(&pr);

	for (int i = 1; i <= 3 && file_no; i++) /* the store prepares its statements */
		CHECK(save(&c, file_no, i) == PC_OK);
	parsed_inside = 0;
	for (int i = 4; i <= 13 && file_no; i++)
		CHECK(save(&c, file_no, i) == PC_OK);
	if (parsed_inside)
		fprintf(stderr, "%d texts parsed inside 10 saves' transactions, the last: %s\n",
			parsed_inside, last_inside);
	CHECK(parsed_inside == 0);

	free(file_no);
	test_ctx_close(&c);
	static const char *const ext[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		char path[300];
		snprintf(path, sizeof(path), "%s%s", db, ext[i]);
		unlink(path);
	}
	rmdir(dir);
	TEST_DONE();
}
