/* w on the file screen: everything held on the person (export-person's
 * readable text, in the current language) written to a new file the user
 * names, for a person who asks for their file. The core decides who may
 * and records the export; this only asks where, never overwrites a file,
 * and opens it with the user's own group (a shared install's group never
 * writes for them). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "parcours/config.h"
#include "parcours/i18n.h"
#include "parcours/person.h"
#include "ui/ui.h"

/* "$HOME/dossier-2026-0001-2026-03-15.txt", or without the folder when
 * HOME is unset. */
static void default_path(const char *file_no, char *out, size_t n)
{
	const char *home = getenv("HOME");
	snprintf(out, n, "%s%sdossier-%s-%s.txt", home && *home ? home : "",
		 home && *home ? "/" : "", file_no, ui_ctx->today);
}

/* The new file, created before anything is read, so that a name already
 * taken neither reads nor records an export. */
static FILE *create(const char *path)
{
	FILE *f = pc_config_fopen_as_caller(path, "wx");
	if (!f && errno == EEXIST)
		ui_message(true, _("Already exists, give another name: %s"), path);
	else if (!f)
		ui_message(true, _("Cannot be written (%s): %s"), strerror(errno), path);
	else if (fchmod(fileno(f), 0600) != 0) { /* confidential: its owner's alone */
		ui_message(true, _("Cannot be written (%s): %s"), strerror(errno), path);
		fclose(f);
		remove(path);
		f = NULL;
	}
	return f;
}

/* The open file the export is written to as it is read, and its lines. */
struct sink {
	FILE *f;
	size_t lines;
	int err; /* errno of a failed write, 0 */
};

static bool to_file(void *ctx, const char *data, size_t len)
{
	struct sink *k = ctx;
	for (size_t i = 0; i < len; i++)
		k->lines += data[i] == '\n';
	if (fwrite(data, 1, len, k->f) == len)
		return true;
	k->err = errno ? errno : EIO;
	return false;
}

/* Closes the file; unless `written`, or when closing fails, removes it
 * (never half a file). */
static bool finish(struct sink *k, const char *path, bool written)
{
	errno = 0;
	bool closed = fclose(k->f) == 0, ok = closed && written;
	if (written && !closed)
		k->err = errno ? errno : EIO;
	if (!ok)
		remove(path);
	return ok;
}

void ui_file_export(const char *file_no)
{
	char suggested[1024];
	default_path(file_no, suggested, sizeof(suggested));
	char *path = ui_prompt_text(_("Write everything held on this person to a new file:"),
				    suggested);
	if (!path)
		return;
	if (!*path) {
		free(path);
		return;
	}
	struct sink k = {.f = create(path)};
	struct pc_problems pr = {0};
	if (!k.f) {
		/* said by create */
	} else if (!finish(&k, path,
			   pc_person_export_write(ui_ctx, file_no, false, to_file, &k, &pr) == PC_OK)) {
		if (k.err)
			ui_message(true, _("Cannot be written (%s): %s"), strerror(k.err), path);
		else
			ui_message(true, "%s", pr.len ? pr.items[0].message : _("out of memory"));
	} else {
		ui_message(false, P_("Written (%zu line): %s", "Written (%zu lines): %s", k.lines),
			   k.lines, path);
	}
	pc_problems_clear(&pr);
	free(path);
}
