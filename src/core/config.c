/* The configuration file (config.h): `key = value` lines naming the
 * database, the forms folder and the site code, and the shared mode of a
 * setgid binary, in which only the compiled-in file counts. Reads files and
 * ids; never prints, never writes a file. */
#define _GNU_SOURCE /* setresgid */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>
#include "parcours/config.h"
#include "parcours/i18n.h"

#ifndef PARCOURS_CONFIG_PATH
#define PARCOURS_CONFIG_PATH "/etc/parcours.conf"
#endif

enum { LINE_MAX_BYTES = 4095, SITE_MAX = 16 };

static const struct pc_config *in_use;

const char *pc_config_default_path(void)
{
	return PARCOURS_CONFIG_PATH;
}

bool pc_config_shared(void)
{
	return getegid() != getgid();
}

const char *pc_config_env(const char *name)
{
	/* secure_getenv's rule (AT_SECURE: an exec that gained privileges),
	 * and the shared install's */
	return getauxval(AT_SECURE) != 0 || pc_config_shared() ? NULL : getenv(name);
}

void pc_config_clear(struct pc_config *c)
{
	if (in_use == c)
		in_use = NULL;
	free(c->path);
	free(c->database);
	free(c->forms);
	free(c->site);
	*c = (struct pc_config){0};
}

void pc_config_use(const struct pc_config *c)
{
	in_use = c;
}

const struct pc_config *pc_config_current(void)
{
	return in_use;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

static bool site_ok(const char *v)
{
	size_t n = strlen(v);
	if (n < 1 || n > SITE_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", v[i]))
			return false;
	return true;
}

/* Records one bad line as "FILE:LINE: message", the location as compilers
 * print it. */
static void bad_line(struct pc_problems *pr, const char *path, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void bad_line(struct pc_problems *pr, const char *path, size_t line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	size_t len = strlen(path) + 24;
	char *loc = malloc(len);
	if (msg && loc) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
		snprintf(loc, len, "%s:%zu", path, line);
		pc_problems_add(pr, false, loc, "%s", msg);
	} else {
		pc_problems_add(pr, false, path, "%s", _("out of memory"));
	}
	free(msg);
	free(loc);
}

/* Applies one "key = value" line; false when it is refused. */
static bool set_key(struct pc_config *out, char *text, const char *path, size_t line,
                    struct pc_problems *pr)
{
	char *eq = strchr(text, '=');
	if (!eq) {
		bad_line(pr, path, line, _("expected \"key = value\", got \"%s\""), text);
		return false;
	}
	*eq = '\0';
	char *key = trim(text), *value = trim(eq + 1);
	char **dst = NULL;
	if (!strcmp(key, "database"))
		dst = &out->database;
	else if (!strcmp(key, "forms"))
		dst = &out->forms;
	else if (!strcmp(key, "site"))
		dst = &out->site;
	if (!dst) {
		bad_line(pr, path, line, _("unknown key \"%s\" (database, forms or site)"), key);
		return false;
	}
	if (*dst) {
		bad_line(pr, path, line, _("\"%s\" is set twice"), key);
		return false;
	}
	if (!*value) {
		bad_line(pr, path, line, _("\"%s\" has no value"), key);
		return false;
	}
	if (dst != &out->site && value[0] != '/') {
		bad_line(pr, path, line, _("%s must be an absolute path (starting with /)"), key);
		return false;
	}
	if (dst == &out->site && !site_ok(value)) {
		bad_line(pr, path, line,
		         _("site \"%s\" must be 1 to 16 letters, digits, - or _"), value);
		return false;
	}
	if (!(*dst = strdup(value))) {
		bad_line(pr, path, line, "%s", _("out of memory"));
		return false;
	}
	return true;
}

/* A shared install trusts only a file that root alone may change. */
static enum pc_status check_owner(const char *path, int fd, struct pc_problems *pr)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		pc_problems_add(pr, false, path, _("cannot read %s: %s"), path, strerror(errno));
		return PC_UNUSABLE;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != 0 || (st.st_mode & 0022)) {
		pc_problems_add(pr, false, path,
		                _("%s must be a plain file owned by root that only root may "
		                  "change (mode 0644): refusing it in a shared installation"),
		                path);
		return PC_UNUSABLE;
	}
	return PC_OK;
}

enum pc_status pc_config_load(const char *path, struct pc_config *out, struct pc_problems *pr)
{
	*out = (struct pc_config){0};
	FILE *f = fopen(path, "re");
	if (!f) {
		pc_problems_add(pr, false, path, _("cannot read %s: %s"), path, strerror(errno));
		return PC_UNUSABLE;
	}
	enum pc_status st = pc_config_shared() ? check_owner(path, fileno(f), pr) : PC_OK;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	bool bad = false;
	ssize_t n;
	while (st == PC_OK && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		if ((size_t)n > LINE_MAX_BYTES) {
			bad_line(pr, path, lineno, "%s", _("line too long (more than 4095 bytes)"));
			bad = true;
			continue;
		}
		if (memchr(line, '\0', (size_t)n)) {
			bad_line(pr, path, lineno, "%s", _("a NUL byte: not a text file"));
			bad = true;
			continue;
		}
		char *text = trim(line);
		if (!*text || *text == '#')
			continue;
		if (!set_key(out, text, path, lineno, pr))
			bad = true;
	}
	if (st == PC_OK && ferror(f)) {
		pc_problems_add(pr, false, path, _("cannot read %s: %s"), path, strerror(errno));
		st = PC_UNUSABLE;
	}
	free(line);
	fclose(f);
	if (st == PC_OK && bad)
		st = PC_UNUSABLE;
	if (st == PC_OK && !(out->path = strdup(path))) {
		pc_problems_add(pr, false, path, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	if (st != PC_OK)
		pc_config_clear(out);
	return st;
}

enum pc_status pc_config_read(struct pc_config *out, struct pc_problems *pr)
{
	*out = (struct pc_config){0};
	const char *path = pc_config_default_path();
	if (pc_config_shared()) {
		enum pc_status st = pc_config_load(path, out, pr);
		if (st == PC_OK && !out->database) {
			pc_problems_add(pr, false, path,
			                _("%s does not name the database (database = /path): a "
			                  "shared installation needs it"),
			                path);
			pc_config_clear(out);
			st = PC_UNUSABLE;
		}
		return st;
	}
	const char *env = getenv("PARCOURS_CONFIG");
	if (env && *env)
		return pc_config_load(env, out, pr);
	if (access(path, F_OK) != 0)
		return PC_OK;
	return pc_config_load(path, out, pr);
}

FILE *pc_config_fopen_as_caller(const char *path, const char *mode)
{
	gid_t shared = getegid(), real = getgid();
	if (shared == real)
		return fopen(path, mode);
	if (setegid(real) != 0)
		return NULL; /* errno says why */
	FILE *f = fopen(path, mode);
	int err = errno;
	if (setegid(shared) != 0) {
		/* cannot happen with a saved set-group-id; never go on half-way */
		abort();
	}
	errno = err;
	return f;
}

enum pc_status pc_config_drop_group(struct pc_problems *pr)
{
	gid_t real = getgid();
	if (setresgid(real, real, real) != 0 || getegid() != real) {
		pc_problems_add(pr, false, "group", _("cannot give up the installation's group: %s"),
		                strerror(errno));
		return PC_UNUSABLE;
	}
	return PC_OK;
}
