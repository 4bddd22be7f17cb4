/* The forms folder that travels with a laptop copy (sync_forms.h): its
 * *.yaml files listed with their SHA-256, packed, and written beside the
 * laptop's database, the former set kept aside until the exchange that
 * brought it is done. Which folder a command uses is paths.c's; when a
 * pack travels is the link's (src/cli/sync_remote.c) and the exchange
 * file's (sync_file.c, for a laptop). */
#define _GNU_SOURCE /* renameat2 (the new folder takes the old one's place at once), memrchr */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "form_internal.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/sync_forms.h"

enum { NAME_MAX_LEN = 255 };

static enum pc_status oom(struct pc_problems *pr)
{
	pc_problems_add(pr, false, "sync", "%s", _("out of memory"));
	return PC_UNUSABLE;
}

/* Appends the whole file at `path` to b. */
static enum pc_status read_whole(const char *path, struct pc_buf *b, struct pc_problems *pr)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		pc_problems_add(pr, false, path, _("cannot be read: %s"), strerror(errno));
		return PC_UNUSABLE;
	}
	char chunk[8192];
	size_t r;
	while ((r = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pc_buf_add(b, chunk, r);
	bool bad = ferror(f);
	int err = errno;
	fclose(f);
	if (bad) {
		pc_problems_add(pr, false, path, _("cannot be read: %s"), strerror(err));
		return PC_UNUSABLE;
	}
	return b->failed ? oom(pr) : PC_OK;
}

static void files_free(char **files, size_t n)
{
	for (size_t i = 0; files && i < n; i++)
		free(files[i]);
	free(files);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Each *.yaml of dir, by name, handed to each(ctx, name, bytes, len). */
static enum pc_status
each_file(const char *dir, bool (*each)(void *ctx, const char *name, const char *data, size_t n),
          void *ctx, struct pc_problems *pr)
{
	size_t n = 0;
	char **files = pc_form_yaml_files(dir, &n, pr);
	if (!files)
		return PC_UNUSABLE;
	enum pc_status st = PC_OK;
	struct pc_buf b = {0};
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		pc_buf_reset(&b);
		st = read_whole(files[i], &b, pr);
		if (st == PC_OK && !each(ctx, base_name(files[i]), b.data ? b.data : "", b.len))
			st = oom(pr);
	}
	pc_buf_free(&b);
	files_free(files, n);
	return st;
}

static bool add_sum(void *ctx, const char *name, const char *data, size_t n)
{
	struct pc_buf *line = ctx;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, n);
	pc_buf_printf(line, "%s%s=", line->len ? "," : "", name);
	for (size_t i = 0; i < sizeof(h); i++)
		pc_buf_printf(line, "%02x", h[i]);
	return !line->failed;
}

enum pc_status pc_sync_forms_line(const char *dir, char **line, struct pc_problems *pr)
{
	*line = NULL;
	struct pc_buf b = {0};
	enum pc_status st = sodium_init() < 0 ? oom(pr) : each_file(dir, add_sum, &b, pr);
	if (st == PC_OK && !(*line = pc_buf_take(&b)))
		st = oom(pr);
	pc_buf_free(&b);
	return st;
}

static bool add_file(void *ctx, const char *name, const char *data, size_t n)
{
	struct pc_buf *out = ctx;
	pc_buf_printf(out, "%s %zu\n", name, n);
	pc_buf_add(out, data, n);
	return !out->failed;
}

enum pc_status pc_sync_forms_pack(const char *dir, struct pc_buf *out, struct pc_problems *pr)
{
	return each_file(dir, add_file, out, pr);
}

/* A name a pack may hold: what pc_form_yaml_files lists, in one folder. */
static bool plain_name(const char *name, size_t len)
{
	return len > 5 && len <= NAME_MAX_LEN && name[0] != '.' && !memchr(name, '/', len) &&
	       !memchr(name, '\0', len) && !memcmp(name + len - 5, ".yaml", 5);
}

/* Writes the pack's files into the empty folder dir. */
static enum pc_status unpack(const char *dir, const char *p, const char *end,
                             struct pc_problems *pr)
{
	struct pc_buf path = {0};
	enum pc_status st = PC_OK;
	while (st == PC_OK && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *sp =
		    nl ? memrchr(p, ' ', (size_t)(nl - p)) : NULL; /* names may hold spaces */
		char *stop = NULL;
		unsigned long long len = sp ? strtoull(sp + 1, &stop, 10) : 0;
		if (!sp || stop != nl || !plain_name(p, (size_t)(sp - p)) ||
		    len > (unsigned long long)(end - (nl + 1))) {
			pc_problems_add(pr, false, "sync", "%s",
			                _("the office's forms arrived damaged: nothing was kept"));
			st = PC_REFUSED;
			break;
		}
		pc_buf_reset(&path);
		pc_buf_printf(&path, "%s/%.*s", dir, (int)(sp - p), p);
		if (path.failed) {
			st = oom(pr);
			break;
		}
		int fd = open(path.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		bool ok = fd >= 0 && pc_write_all(fd, nl + 1, (size_t)len) && fsync(fd) == 0;
		int err = errno;
		if (fd >= 0 && close(fd) != 0)
			ok = false;
		if (!ok) {
			pc_problems_add(pr, false, path.data, _("cannot be written: %s"),
			                strerror(err));
			st = PC_UNUSABLE;
		}
		p = nl + 1 + len;
	}
	pc_buf_free(&path);
	return st;
}

void pc_sync_forms_remove(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	struct pc_buf path = {0};
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		pc_buf_reset(&path);
		pc_buf_printf(&path, "%s/%s", dir, e->d_name);
		if (!path.failed)
			unlink(path.data);
	}
	closedir(d);
	pc_buf_free(&path);
	rmdir(dir);
}

/* Writes the pack into a new folder beside dest, which then takes dest's
 * place at once: the old folder and the new one exchange names (a crash
 * leaves one or the other, never a mix), or the new one simply takes the
 * name when there was none. *old: the former set's folder, now under the
 * temporary name (NULL when there was none). */
static enum pc_status replace(const char *dest, const void *pack, size_t n, char **old,
                              struct pc_problems *pr)
{
	*old = NULL;
	struct pc_buf tmp = {0};
	pc_buf_printf(&tmp, "%s.tmp-XXXXXX", dest);
	if (tmp.failed) {
		pc_buf_free(&tmp);
		return oom(pr);
	}
	if (!mkdtemp(tmp.data)) { /* mode 0700 */
		pc_problems_add(pr, false, dest, _("cannot be created: %s"), strerror(errno));
		pc_buf_free(&tmp);
		return PC_UNUSABLE;
	}
	const char *p = pack;
	enum pc_status st = unpack(tmp.data, p, p + n, pr);
	struct stat sb;
	bool had = st == PC_OK && lstat(dest, &sb) == 0 && S_ISDIR(sb.st_mode);
	int rc = st != PC_OK ? 0
	         : had       ? renameat2(AT_FDCWD, tmp.data, AT_FDCWD, dest, RENAME_EXCHANGE)
	                     : rename(tmp.data, dest);
	if (rc != 0) {
		pc_problems_add(pr, false, dest, _("cannot be written: %s"), strerror(errno));
		st = PC_UNUSABLE;
	}
	if (st != PC_OK)
		pc_sync_forms_remove(tmp.data); /* the new set that failed */
	else if (had)
		*old = pc_buf_take(&tmp);
	pc_buf_free(&tmp);
	return st;
}

enum pc_status pc_sync_forms_receive(const char *dest, const char *line, const void *pack, size_t n,
                                     char **old, struct pc_problems *pr)
{
	enum pc_status st = replace(dest, pack, n, old, pr);
	bool replaced = st == PC_OK;
	char *got = NULL;
	if (st == PC_OK)
		st = pc_sync_forms_line(dest, &got, pr);
	if (st == PC_OK && strcmp(got, line) != 0) {
		pc_problems_add(pr, false, dest, "%s",
		                _("the office's forms arrived damaged: nothing was kept"));
		st = PC_UNUSABLE;
	}
	free(got);
	if (st != PC_OK && replaced)
		pc_sync_forms_undo(dest, old, pr);
	return st;
}

void pc_sync_forms_keep(char **old)
{
	if (*old)
		pc_sync_forms_remove(*old);
	free(*old);
	*old = NULL;
}

enum pc_status pc_sync_forms_undo(const char *dest, char **old, struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	if (!*old) /* there was none: the new one goes */
		pc_sync_forms_remove(dest);
	else if (renameat2(AT_FDCWD, *old, AT_FDCWD, dest, RENAME_EXCHANGE) != 0) {
		pc_problems_add(pr, false, dest, _("cannot be put back from %s: %s"), *old,
		                strerror(errno));
		free(*old); /* left there, named in the problem */
		*old = NULL;
		return PC_UNUSABLE;
	}
	pc_sync_forms_keep(old); /* now the set that is undone */
	return st;
}

/* The next "name=sum" of a line into name/sum (pointers into it, lengths). */
struct item {
	const char *name, *sum;
	size_t nlen, slen;
};

static bool next_item(const char **p, struct item *it)
{
	if (!**p)
		return false;
	const char *end = strchr(*p, ',');
	if (!end)
		end = *p + strlen(*p);
	const char *eq = memchr(*p, '=', (size_t)(end - *p));
	it->name = *p;
	it->nlen = eq ? (size_t)(eq - *p) : (size_t)(end - *p);
	it->sum = eq ? eq + 1 : end;
	it->slen = (size_t)(end - it->sum);
	*p = *end ? end + 1 : end;
	return true;
}

/* The sum of `name` in line, or NULL when it has no such file. */
static const struct item *find_item(const char *line, const char *name, size_t nlen,
                                    struct item *it)
{
	for (const char *p = line; next_item(&p, it);)
		if (it->nlen == nlen && !memcmp(it->name, name, nlen))
			return it;
	return NULL;
}

/* Adds to out the names of a that b lacks or holds with another sum. */
static void names_unlike(const char *a, const char *b, bool skip_common, struct pc_buf *out)
{
	struct item x, y;
	for (const char *p = a; next_item(&p, &x);) {
		const struct item *m = find_item(b, x.name, x.nlen, &y);
		if (m && (skip_common || (m->slen == x.slen && !memcmp(m->sum, x.sum, x.slen))))
			continue;
		pc_buf_printf(out, "%s%.*s", out->len ? ", " : "", (int)x.nlen, x.name);
	}
}

char *pc_sync_forms_differ(const char *a, const char *b)
{
	struct pc_buf out = {0};
	names_unlike(a, b, false, &out);
	names_unlike(b, a, true, &out); /* only in b: a different one is named already */
	pc_buf_putc(&out, '\0');
	out.len--;
	return pc_buf_take(&out);
}
