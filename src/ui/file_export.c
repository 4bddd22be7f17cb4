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

/* Writes and closes f; on any failure the file is removed (never half a
 * file). */
static bool finish(FILE *f, const char *path, const struct pc_buf *text)
{
	bool ok = !text || fwrite(text->data, 1, text->len, f) == text->len;
	int err = errno;
	ok &= fclose(f) == 0;
	if (!ok && text)
		ui_message(true, _("Cannot be written (%s): %s"), strerror(err ? err : EIO), path);
	if (!ok || !text)
		remove(path);
	return ok && text;
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
	FILE *f = create(path);
	struct pc_buf text = {0};
	struct pc_problems pr = {0};
	if (!f) {
		/* said by create */
	} else if (pc_person_export(ui_ctx, file_no, false, &text, &pr) != PC_OK || text.failed) {
		finish(f, path, NULL);
		ui_message(true, "%s", pr.len ? pr.items[0].message : _("out of memory"));
	} else if (finish(f, path, &text)) {
		size_t lines = 0;
		for (size_t i = 0; i < text.len; i++)
			lines += text.data[i] == '\n';
		ui_message(false, P_("Written (%zu line): %s", "Written (%zu lines): %s", lines),
			   lines, path);
	}
	pc_problems_clear(&pr);
	pc_buf_free(&text);
	free(path);
}
