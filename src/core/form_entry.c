/* The `entry_date:` key of a form definition (form.h, man/parcours-forms.5):
 * which date field dates the entries of a `period: entry` form. Checked like
 * the rest of the loader, every problem at its PATH:LINE:COL. Keeping the
 * entries themselves is the store's business (src/store/entry.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "form_internal.h"

static void at(const char *path, const struct ynode *n, struct pc_problems *pr, bool *failed,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void at(const char *path, const struct ynode *n, struct pc_problems *pr, bool *failed,
               const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", path, n ? n->line : 1, n ? n->col : 1);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(pr, false, where, "%s", msg);
	*failed = true;
}

void pc_form_entry(const char *path, struct pc_form *f, const struct ynode *root,
                   struct pc_problems *pr, bool *failed)
{
	const struct ynode *n = ytree_get(root, "entry_date");
	if (!n)
		return;
	if (f->period != PC_PERIOD_ENTRY) {
		at(path, n, pr, failed, "%s",
		   _("\"entry_date\" is only for a form with \"period: entry\""));
		return;
	}
	if (n->kind != Y_SCALAR) {
		at(path, n, pr, failed, "%s",
		   _("\"entry_date\" must name a date field of the form"));
		return;
	}
	const struct pc_field *fd = NULL;
	for (size_t i = 0; i < f->nfields && !fd; i++)
		if (!strcmp(f->fields[i].name, n->text))
			fd = &f->fields[i];
	if (!fd) {
		at(path, n, pr, failed,
		   _("\"entry_date\" names \"%s\", which is not a field of the form"), n->text);
		return;
	}
	if (fd->type != PC_TYPE_DATE) {
		at(path, n, pr, failed,
		   _("\"entry_date\" names \"%s\", a %s field: it must be a date"), n->text,
		   pc_type_name(fd->type));
		return;
	}
	if (!(f->entry_date = strdup(n->text)))
		at(path, n, pr, failed, "%s", _("out of memory"));
}
