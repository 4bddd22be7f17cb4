/* Who owns the database and its companion files (store_internal.h): checked
 * before SQLite opens anything, so that a -wal or -shm planted by another
 * user in a shared folder is never read nor written into, and the files
 * holding participants' data are not open to every user of the machine.
 * In a shared (setgid) install every file must carry the installation's
 * group. Not an access-control layer: Unix permissions stay the rule; this
 * refuses the arrangements in which they would not protect anyone. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parcours/config.h"
#include "parcours/i18n.h"
#include "store_internal.h"

/* Whether this process runs with group `gid` (effective or supplementary). */
static bool in_group(gid_t gid)
{
	if (gid == getegid())
		return true;
	int n = getgroups(0, NULL);
	if (n <= 0)
		return false;
	gid_t *list = calloc((size_t)n, sizeof(*list));
	bool found = false;
	if (list && (n = getgroups(n, list)) > 0)
		for (int i = 0; i < n && !found; i++)
			found = list[i] == gid;
	free(list);
	return found;
}

/* "login" of a uid, or its number; `buf` holds the number. */
static const char *user_name(uid_t uid, char buf[24])
{
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name)
		return pw->pw_name;
	snprintf(buf, 24, "%lu", (unsigned long)uid);
	return buf;
}

mode_t store_file_mode(void)
{
	return pc_config_shared() ? 0660 : 0600;
}

mode_t store_folder_mode(void)
{
	return pc_config_shared() ? 02770 : 0700;
}

/* A file of the database is trusted when this user owns it, or when it
 * carries the database's group and this process runs with that group (a
 * database shared by a team: every member may write it). In a shared
 * install only the group counts: a file of the user's own group would shut
 * every colleague out of the database. */
static bool trusted(const struct stat *f, const struct stat *db)
{
	if (pc_config_shared())
		return f->st_gid == getegid();
	return f->st_uid == geteuid() || (f->st_gid == db->st_gid && in_group(db->st_gid));
}

static enum pc_status refuse_group(const char *path, struct pc_problems *pr)
{
	struct group *g = getgrgid(getegid());
	char num[24];
	snprintf(num, sizeof(num), "%lu", (unsigned long)getegid());
	pc_problems_add(pr, false, "database",
	                _("%s does not belong to the group of the shared installation (%s): "
	                  "refusing to use it (\"chgrp %s\" it, as root)"),
	                path, g && g->gr_name ? g->gr_name : num, g && g->gr_name ? g->gr_name : num);
	return PC_UNUSABLE;
}

static enum pc_status refuse_owner(const char *path, const struct stat *f,
                                   struct pc_problems *pr)
{
	char num[24];
	pc_problems_add(pr, false, "database",
	                _("%s belongs to another user (%s) and not to a group this program "
	                  "runs with: refusing to use it (it may have been put there to read "
	                  "or change the data)"),
	                path, user_name(f->st_uid, num));
	return PC_UNUSABLE;
}

static enum pc_status refuse_others(const char *path, const struct stat *f,
                                    struct pc_problems *pr)
{
	pc_problems_add(pr, false, "database",
	                _("%s is open to every user of this machine (mode %04o): refusing "
	                  "to use it; \"chmod o-rwx\" it first"),
	                path, (unsigned)(f->st_mode & 07777));
	return PC_UNUSABLE;
}

/* The -wal or -shm beside the database, when there is one. Its "other"
 * bits may not exceed the database's: SQLite gives these files the
 * database's mode when it creates them, so more means someone else made or
 * changed them. */
static enum pc_status check_companion(const char *db_path, const char *suffix,
                                      const struct stat *db, struct pc_problems *pr)
{
	size_t n = strlen(db_path) + strlen(suffix) + 1;
	char *path = malloc(n);
	if (!path)
		return store_oom(pr);
	snprintf(path, n, "%s%s", db_path, suffix);
	struct stat f;
	enum pc_status st = PC_OK;
	if (lstat(path, &f) != 0) {
		if (errno != ENOENT) {
			pc_problems_add(pr, false, "database", _("cannot read %s: %s"), path,
			                strerror(errno));
			st = PC_UNUSABLE;
		}
	} else if (!S_ISREG(f.st_mode)) {
		pc_problems_add(pr, false, "database",
		                _("%s is not a plain file (a link or a device): refusing to use it"),
		                path);
		st = PC_UNUSABLE;
	} else if (!trusted(&f, db)) {
		st = pc_config_shared() ? refuse_group(path, pr) : refuse_owner(path, &f, pr);
	} else if ((f.st_mode & 0002) || (f.st_mode & 0007 & ~db->st_mode)) {
		st = refuse_others(path, &f, pr);
	}
	free(path);
	return st;
}

enum pc_status store_check_owners(const char *path, struct pc_problems *pr)
{
	struct stat db;
	if (stat(path, &db) != 0)
		return PC_OK; /* check_file reports a missing or unreadable file */
	if (pc_config_shared() && db.st_gid != getegid())
		return refuse_group(path, pr);
	if (db.st_uid != geteuid() && !in_group(db.st_gid))
		return refuse_owner(path, &db, pr);
	/* others who may write could forge any answer */
	if (db.st_mode & 0002)
		return refuse_others(path, &db, pr);
	enum pc_status st = check_companion(path, "-wal", &db, pr);
	if (st == PC_OK)
		st = check_companion(path, "-shm", &db, pr);
	/* a rollback journal is replayed into the database by whoever opens it */
	if (st == PC_OK)
		st = check_companion(path, "-journal", &db, pr);
	if (st == PC_OK && (db.st_mode & 0004))
		pc_problems_add(pr, true, "database",
		                _("%s can be read by every user of this machine (mode %04o), and "
		                  "so can its -wal and -shm files: \"chmod o-rwx\" it"),
		                path, (unsigned)(db.st_mode & 07777));
	return st;
}
