/* Disk full and I/O errors: SQLite's unix VFS lets its system calls be
 * replaced (xSetSystemCall), so writes fail with ENOSPC or EIO on demand.
 * Each failure gives a clear message and PC_UNUSABLE; what was saved
 * before is intact, and the draft kept before the failure is still there. */
#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include "parcours/core.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/staff.h"
#include "test.h"

static int fail_errno; /* 0: writes work */
static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);

static ssize_t fake_write(int fd, const void *b, size_t n)
{
	if (fail_errno) {
		errno = fail_errno;
		return -1;
	}
	return real_write(fd, b, n);
}
static ssize_t fake_pwrite(int fd, const void *b, size_t n, off_t o)
{
	if (fail_errno) {
		errno = fail_errno;
		return -1;
	}
	return real_pwrite(fd, b, n, o);
}
static ssize_t fake_pwrite64(int fd, const void *b, size_t n, off_t o)
{
	if (fail_errno) {
		errno = fail_errno;
		return -1;
	}
	return real_pwrite64(fd, b, n, o);
}

static void install(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find("unix");
	CHECK(vfs && vfs->iVersion >= 3);
	real_write = (ssize_t(*)(int, const void *, size_t))vfs->xGetSystemCall(vfs, "write");
	real_pwrite = (ssize_t(*)(int, const void *, size_t, off_t))vfs->xGetSystemCall(vfs, "pwrite");
	real_pwrite64 =
		(ssize_t(*)(int, const void *, size_t, off_t))vfs->xGetSystemCall(vfs, "pwrite64");
	CHECK(vfs->xSetSystemCall(vfs, "write", (sqlite3_syscall_ptr)fake_write) == SQLITE_OK);
	if (real_pwrite)
		vfs->xSetSystemCall(vfs, "pwrite", (sqlite3_syscall_ptr)fake_pwrite);
	if (real_pwrite64)
		vfs->xSetSystemCall(vfs, "pwrite64", (sqlite3_syscall_ptr)fake_pwrite64);
}

static bool has(const struct pc_problems *pr, const char *text)
{
	for (size_t i = 0; i < pr->len; i++)
		if (strstr(pr->items[i].message, text))
			return true;
	for (size_t i = 0; i < pr->len; i++)
		fprintf(stderr, "  problem: %s: %s\n", pr->items[i].where, pr->items[i].message);
	return false;
}

static struct pc_json *obj(const char *text)
{
	return pc_json_parse(text, strlen(text), NULL, 0);
}

static void one_fault(struct pc_ctx *c, const struct pc_participant *p, const char *file_no,
		      int err, const char *expected)
{
	struct pc_problems pr = {0};
	struct pc_json *draft = obj("{\"interests\": \"typed before the fault\"}");
	CHECK(pc_draft_keep(c, p, "profile", NULL, draft, 1, &pr) == PC_OK);
	struct pc_json *a = obj("{\"wellbeing\": \"8\", \"interests\": \"never saved\"}");
	long long rev = 0;
	fail_errno = err;
	enum pc_status st = pc_submission_save(c, "profile", file_no, NULL, a, -1, &rev, &pr);
	CHECK(st == PC_UNUSABLE);
	CHECK(has(&pr, expected));
	pc_problems_clear(&pr);
	/* a draft cannot be written either, and says so */
	CHECK(pc_draft_keep(c, p, "profile", NULL, a, 1, &pr) == PC_UNUSABLE);
	CHECK(pr.len > 0);
	pc_problems_clear(&pr);
	fail_errno = 0;
	/* what was there before is intact: revision 1, and the earlier draft */
	struct pc_revision r = {0};
	CHECK(pc_file_current(c, p, "profile", NULL, &r, &pr) == PC_OK);
	CHECK(r.revision == 1 && r.answers && strstr(r.answers, "first save"));
	pc_revision_clear(&r);
	struct pc_json *found = NULL;
	long long base = -1;
	char kept[21];
	CHECK(pc_draft_find(c, p, "profile", NULL, &found, &base, kept, &pr) == PC_OK);
	struct pc_json *v = found ? pc_json_object_get(found, "interests") : NULL;
	CHECK(v && v->kind == PC_JSON_STRING && !strcmp(v->string, "typed before the fault"));
	CHECK(strlen(kept) == 20 && kept[10] == 'T' && kept[19] == 'Z');
	pc_json_free(&found);
	/* and saving works again once the disk does */
	CHECK(pc_submission_save(c, "profile", file_no, NULL, draft, -1, &rev, &pr) == PC_OK);
	CHECK(rev == 2);
	pc_problems_clear(&pr);
	pc_json_free(&a);
	pc_json_free(&draft);
}

int main(void)
{
	pc_i18n_set_lang(PC_LANG_EN);
	install();
	char dir[] = "/tmp/pc-faults-XXXXXX", db[256], forms[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(forms, sizeof(forms), "%s/forms", getenv("SRC") ? getenv("SRC") : ".");
	static const struct {
		int err;
		const char *message;
	} faults[] = {{ENOSPC, "disk is full"}, {EIO, "could not be written"}};
	for (size_t k = 0; k < 2; k++) {
		snprintf(db, sizeof(db), "%s/f%zu.db", dir, k);
		struct pc_ctx c = {.login = "faults"};
		strcpy(c.today, "2026-03-15");
		struct pc_problems pr = {0};
		CHECK(pc_expr_open(&c.expr, &pr) == PC_OK);
		CHECK(pc_formset_load(forms, c.expr, &c.forms, &pr) == PC_OK);
		CHECK(pc_store_open(db, PC_STORE_CREATE, &c.store, &pr) == PC_OK);
		CHECK(pc_staff_admit(&c, true, NULL, &pr) == PC_OK);
		struct pc_json *in = obj("{\"family_name\": \"Côté\", \"given_name\": \"Élisabeth\", "
					 "\"birth_date\": \"1985-03-02\", \"consent_date\": "
					 "\"2026-03-01\", \"consent_sharing\": \"oui\"}");
		char *file_no = NULL;
		CHECK(pc_intake_add(&c, in, &file_no, &pr) == PC_OK);
		struct pc_json *first = obj("{\"wellbeing\": \"5\", \"interests\": \"first save\"}");
		long long rev = 0;
		CHECK(pc_submission_save(&c, "profile", file_no, NULL, first, -1, &rev, &pr) == PC_OK);
		struct pc_participant p = {0};
		CHECK(pc_file_get(&c, file_no, &p, &pr) == PC_OK);
		for (size_t i = 0; i < pr.len; i++)
			fprintf(stderr, "%s: %s\n", pr.items[i].where, pr.items[i].message);
		pc_problems_clear(&pr);
		if (p.id)
			one_fault(&c, &p, file_no, faults[k].err, faults[k].message);
		pc_participant_clear(&p);
		pc_json_free(&in);
		pc_json_free(&first);
		free(file_no);
		pc_store_close(&c.store);
		pc_formset_free(&c.forms);
		pc_expr_close(&c.expr);
		/* the file passes an integrity check after all this */
		sqlite3 *h = NULL;
		sqlite3_stmt *st = NULL;
		CHECK(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
		CHECK(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK);
		CHECK(sqlite3_step(st) == SQLITE_ROW);
		CHECK_STR((const char *)sqlite3_column_text(st, 0), "ok");
		sqlite3_finalize(st);
		sqlite3_close(h);
		char path[300];
		static const char *const ext[] = {"", "-wal", "-shm"};
		for (int i = 0; i < 3; i++) {
			snprintf(path, sizeof(path), "%s%s", db, ext[i]);
			unlink(path);
		}
	}
	rmdir(dir);
	TEST_DONE();
}
