/* The `access:` block of a form definition (form.h, man/parcours-forms.5):
 * which roles, and whether the person's counsellor ("caseload"), may read
 * and write the form. Checked like the rest of the loader, every problem
 * at its PATH:LINE:COL. Deciding for one reader is staff.c's business. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "parcours/i18n.h"
#include "form_internal.h"

/* The names of the roles in the order of their bits (staff.h), then caseload. */
static const char *const names[] = {"admin", "supervisor", "counsellor", "frontdesk", "caseload"};
enum { NNAMES = sizeof(names) / sizeof(names[0]) };

struct access_ck {
	const char *path;
	struct pc_problems *pr;
	bool *failed;
};

static void at(struct access_ck *k, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void at(struct access_ck *k, const struct ynode *n, const char *fmt, ...)
{
	char where[4096], msg[1024];
	snprintf(where, sizeof(where), "%s:%d:%d", k->path, n ? n->line : 1, n ? n->col : 1);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pc_problems_add(k->pr, false, where, "%s", msg);
	*k->failed = true;
}

static unsigned bit_of(size_t i)
{
	return i + 1 == NNAMES ? (unsigned)PC_ACCESS_CASELOAD : 1u << i;
}

/* One list `read: [...]` or `write: [...]` into bits. */
static unsigned who(struct access_ck *k, const struct ynode *seq, const char *key)
{
	if (seq->kind != Y_SEQ || seq->n == 0) {
		at(k, seq,
		   _("\"%s\" must be a non-empty list of roles, e.g. [counsellor, supervisor]"), key);
		return PC_ACCESS_DEFAULT;
	}
	unsigned bits = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *it = seq->kids[i];
		size_t j = 0;
		while (it->kind == Y_SCALAR && j < NNAMES && strcmp(it->text, names[j]))
			j++;
		if (j < NNAMES) {
			if (bits & bit_of(j))
				at(k, it, _("\"%s\" appears twice"), names[j]);
			bits |= bit_of(j);
			continue;
		}
		const char *near =
		    it->kind == Y_SCALAR ? pc_form_closest(it->text, names, NNAMES) : NULL;
		if (near)
			at(k, it, _("unknown role \"%s\"; did you mean \"%s\"?"), it->text, near);
		else
			at(k, it,
			   _("unknown role \"%s\": use admin, supervisor, counsellor, frontdesk or "
			     "caseload"),
			   it->kind == Y_SCALAR ? it->text : "");
	}
	return bits ? bits : PC_ACCESS_DEFAULT;
}

void pc_form_access(const char *path, struct pc_form *f, const struct ynode *access,
                    struct pc_problems *pr, bool *failed)
{
	struct access_ck k = {path, pr, failed};
	static const char *const keys[] = {"read", "write"};
	f->access_read = f->access_write = PC_ACCESS_DEFAULT;
	if (!access)
		return;
	if (access->kind != Y_MAP) {
		at(&k, access, "%s",
		   _("\"access\" must be a mapping with \"read\" and \"write\" lists of roles"));
		return;
	}
	for (size_t i = 0; i + 1 < access->n; i += 2) {
		const struct ynode *key = access->kids[i];
		bool read = key->kind == Y_SCALAR && !strcmp(key->text, "read");
		bool write = key->kind == Y_SCALAR && !strcmp(key->text, "write");
		if (!read && !write) {
			const char *near =
			    key->kind == Y_SCALAR ? pc_form_closest(key->text, keys, 2) : NULL;
			if (near)
				at(&k, key, _("unknown key \"%s\" in %s; did you mean \"%s\"?"),
				   key->text, "access", near);
			else
				at(&k, key, "%s", _("\"access\" takes only \"read\" and \"write\""));
			continue;
		}
		for (size_t j = 0; j < i; j += 2)
			if (access->kids[j]->kind == Y_SCALAR && !strcmp(access->kids[j]->text, key->text))
				at(&k, key, _("the key \"%s\" appears twice"), key->text);
		*(read ? &f->access_read : &f->access_write) =
		    who(&k, access->kids[i + 1], read ? "read" : "write");
	}
	/* whoever may write a form sees what they write */
	unsigned missing = f->access_write & ~f->access_read;
	for (size_t j = 0; missing && j < NNAMES; j++)
		if (missing & bit_of(j)) {
			const struct ynode *w = ytree_get(access, "write");
			at(&k, w ? w : access,
			   _("\"%s\" may write this form but not read it: add it to \"read\""),
			   names[j]);
		}
}
