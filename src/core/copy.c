/* The caseload copy (copy.h): which forms the login may read, a temporary
 * file filled by the store and renamed into place, the act recorded at the
 * source. No SQL here (src/store/copy.c) and no transport: the sync takes
 * the file from there. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parcours/audit.h"
#include "parcours/buf.h"
#include "parcours/copy.h"
#include "parcours/i18n.h"
#include "parcours/site.h"
#include "parcours/staff.h"

/* The JSON array of the ids of the forms c->login reads for a person of
 * their caseload, into out. */
static enum pc_status readable_forms(struct pc_ctx *c, struct pc_buf *out, struct pc_problems *pr)
{
	struct pc_staff me;
	enum pc_status st = pc_staff_me(c, &me, pr);
	if (st != PC_OK)
		return st;
	struct pc_participant mine = {.counsellor = (char *)c->login};
	size_t n = 0;
	pc_buf_putc(out, '[');
	for (size_t i = 0; c->forms && i < c->forms->len; i++) {
		const struct pc_form *f = c->forms->forms[i];
		if (!pc_access_allows(f->access_read, me.roles, c->login, &mine))
			continue;
		pc_buf_puts(out, n++ ? "," : "");
		pc_buf_json_string(out, f->id);
	}
	pc_buf_putc(out, ']');
	pc_staff_clear(&me);
	if (out->failed) {
		pc_problems_add(pr, false, "copy", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	return PC_OK;
}

/* Removes a temporary database and the journal files SQLite may leave. */
static void remove_db(const char *path)
{
	size_t n = strlen(path);
	char *side = malloc(n + 5);
	if (side) {
		snprintf(side, n + 5, "%s-wal", path);
		unlink(side);
		snprintf(side, n + 5, "%s-shm", path);
		unlink(side);
		free(side);
	}
	unlink(path);
}

int pc_copy_put_in_place(const char *tmp, const char *dest)
{
	int err = 0;
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest, RENAME_NOREPLACE) != 0) {
		err = errno;
		/* a file system without RENAME_NOREPLACE: look, then rename */
		struct stat sb;
		if (err == EINVAL || err == ENOSYS)
			err = lstat(dest, &sb) == 0 ? EEXIST : rename(tmp, dest) == 0 ? 0 : errno;
		if (err)
			return err;
	}
	char *dir = strdup(dest);
	if (!dir)
		return 0;
	char *slash = strrchr(dir, '/');
	const char *d = slash ? (slash == dir ? "/" : (*slash = '\0', dir)) : ".";
	int fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	return 0;
}

enum pc_status pc_copy_caseload(struct pc_ctx *c, const char *dest_path, const char *site,
                                struct pc_problems *pr)
{
	if (!pc_site_ok(site)) {
		pc_problems_add(pr, false, "site",
		                _("\"%s\" is not a site code: 1 to 16 letters, digits, - or _"),
		                site ? site : "");
		return PC_REFUSED;
	}
	char have[PC_SITE_MAX + 1];
	enum pc_status st = pc_store_site_get(c->store, have, pr);
	if (st != PC_OK)
		return st;
	if (!strcmp(have, site)) {
		pc_problems_add(pr, false, "site",
		                _("the copy needs a site code of its own: %s is this database's"),
		                site);
		return PC_REFUSED;
	}
	struct stat sb;
	if (!dest_path || !*dest_path || lstat(dest_path, &sb) == 0) {
		pc_problems_add(pr, false, dest_path ? dest_path : "copy", "%s",
		                _("this file already exists: the copy is written to a new file"));
		return PC_REFUSED;
	}
	struct pc_buf forms = {0}, tmp = {0};
	struct pc_store *dst = NULL;
	bool made = false;
	if ((st = readable_forms(c, &forms, pr)) != PC_OK)
		goto out;
	pc_buf_printf(&tmp, "%s.tmp-XXXXXX", dest_path);
	if (tmp.failed) {
		st = PC_UNUSABLE;
		pc_problems_add(pr, false, "copy", "%s", _("out of memory"));
		goto out;
	}
	int fd = mkstemp(tmp.data); /* mode 0600 */
	if (fd < 0) {
		pc_problems_add(pr, false, dest_path, _("cannot write here: %s"), strerror(errno));
		st = PC_UNUSABLE;
		goto out;
	}
	close(fd);
	made = true;
	/* the copy's transaction spills to the file rather than filling a
	 * page cache as large as the caseload (issue 16) */
	if ((st = pc_store_open(tmp.data, PC_STORE_CREATE, &dst, pr)) != PC_OK)
		goto out;
	pc_store_cache_kib(dst, 512);
	long long people = 0;
	st = pc_store_copy_caseload(c->store, dst, c->login, forms.data, site, &people, pr);
	pc_store_close(&dst);
	if (st != PC_OK)
		goto out;
	/* the office's log says whose files left on which copy */
	char detail[96];
	snprintf(detail, sizeof(detail), "caseload copy site=%s people=%lld", site, people);
	if ((st = pc_audit_record(c, PC_AUDIT_EXPORT, NULL, NULL, detail, pr)) != PC_OK)
		goto out;
	int err = pc_copy_put_in_place(tmp.data, dest_path);
	if (err) {
		pc_problems_add(pr, false, dest_path, "%s",
		                err == EEXIST
		                    ? _("this file already exists: the copy is written to a new file")
		                    : strerror(err));
		st = err == EEXIST ? PC_REFUSED : PC_UNUSABLE;
		goto out;
	}
	made = false;
out:
	pc_store_close(&dst);
	if (made)
		remove_db(tmp.data);
	pc_buf_free(&forms);
	pc_buf_free(&tmp);
	return st;
}
