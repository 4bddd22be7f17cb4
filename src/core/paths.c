/* Where things are: the staff identity (the login of the real uid), the database file and
 * the forms folder, following DESIGN.md's order of precedence, then the
 * configuration file (config.h), which alone counts in a shared install.
 * Creates nothing; the store creates the database folder on `init`. */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parcours/buf.h"
#include "parcours/config.h"
#include "parcours/core.h"

const char *pc_login(void)
{
	/* 32 is the longest login Debian's useradd takes; longer names are
	 * named by uid, like names with no passwd entry */
	static char name[40];
	if (name[0])
		return name;
	uid_t uid = getuid();
	struct passwd pw, *found = NULL;
	long size = sysconf(_SC_GETPW_R_SIZE_MAX);
	size_t len = size > 0 ? (size_t)size : 16384;
	char *buf = malloc(len);
	if (buf && getpwuid_r(uid, &pw, buf, len, &found) == 0 && found && found->pw_name &&
	    *found->pw_name && strlen(found->pw_name) <= 32)
		snprintf(name, sizeof(name), "%s", found->pw_name);
	else
		snprintf(name, sizeof(name), "uid%lu", (unsigned long)uid);
	free(buf);
	return name;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A shared install (config.h) takes its paths from the compiled-in
 * configuration only: never from an option, the environment or the
 * current folder, which are the caller's. */
char *pc_default_db_path(const char *opt)
{
	const struct pc_config *cfg = pc_config_current();
	if (pc_config_shared())
		return cfg && cfg->database ? strdup(cfg->database) : NULL;
	if (opt && *opt)
		return strdup(opt);
	const char *env = getenv("PARCOURS_DB");
	if (env && *env)
		return strdup(env);
	if (cfg && cfg->database)
		return strdup(cfg->database);
	struct pc_buf b = {0};
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/') {
		pc_buf_printf(&b, "%s/parcours/parcours.db", xdg);
	} else {
		const char *home = getenv("HOME");
		if (!home || !*home) {
			struct passwd *pw = getpwuid(geteuid());
			home = pw ? pw->pw_dir : ".";
		}
		pc_buf_printf(&b, "%s/.local/share/parcours/parcours.db", home);
	}
	return pc_buf_take(&b);
}

char *pc_copy_forms_dir(const char *db_path)
{
	struct pc_buf b = {0};
	pc_buf_printf(&b, "%s.forms", db_path);
	return pc_buf_take(&b);
}

char *pc_default_forms_dir(const char *opt, const char *db_path)
{
	const struct pc_config *cfg = pc_config_current();
	if (pc_config_shared())
		return strdup(cfg && cfg->forms ? cfg->forms : PARCOURS_FORMS_DIR);
	if (opt && *opt)
		return strdup(opt);
	const char *env = getenv("PARCOURS_FORMS");
	if (env && *env)
		return strdup(env);
	/* a laptop copy: the office's forms, received with it (sync_forms.h) */
	char *copy = db_path ? pc_copy_forms_dir(db_path) : NULL;
	if (copy && is_dir(copy))
		return copy;
	free(copy);
	if (cfg && cfg->forms)
		return strdup(cfg->forms);
	if (is_dir(PARCOURS_FORMS_DIR))
		return strdup(PARCOURS_FORMS_DIR);
	if (is_dir("forms"))
		return strdup("forms");
	return strdup(PARCOURS_SOURCE_FORMS);
}
