/* The forms of a folder (form.h), read when first needed: opening lists the
 * *.yaml files and glances at each one's first top-level key (ytree_peek);
 * a form is loaded and checked the first time it is asked for; loading all
 * also checks the programmes and partners files. `forms check` over files
 * and folders is here too. Not here: the checks themselves (form_load.c). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "parcours/i18n.h"
#include "parcours/partner.h"
#include "parcours/programme.h"
#include "eligibility_internal.h"
#include "form_internal.h"

/* What a glance says a file is: a form (its id known), another definition
 * (its first key is `programmes:` or `partners:`; a later `form:` would still
 * make it a form), or unknown (unreadable that far). */
enum kind { KIND_FORM, KIND_OTHER, KIND_UNKNOWN };
enum state { NOT_READ, LOADED, FAILED };

struct pc_formset_file {
	char *path;
	char *id; /* KIND_FORM: the glanced id, then the loaded form's */
	enum kind kind;
	enum state state;
	struct pc_form *form;        /* LOADED form */
	struct pc_problems problems; /* FAILED: what loading said */
	bool reported;               /* FAILED: told by get or pc_formset_failures */
};

/* True for a definition that is not a form (a programmes file). */
static bool other_kind(const struct ynode *root)
{
	return root && root->kind == Y_MAP && !ytree_get(root, "form") &&
	       ytree_get(root, "programmes");
}

/* True for a partners list (partners.yaml): read by the forms that use it. */
static bool partners_kind(const struct ynode *root)
{
	return root && root->kind == Y_MAP && !ytree_get(root, "form") &&
	       ytree_get(root, "partners");
}

/* Loads one file; *out stays NULL for a file that is not a form. `checking`
 * (forms check) also reads a programmes file against its intake; a command
 * does that on the forms it already holds (pc_eligibility_check_form). */
static enum pc_status load_file(const char *path, struct pc_expr *ev, bool checking,
				struct pc_form **out, struct pc_problems *pr)
{
	struct ynode *root = NULL;
	*out = NULL;
	if (ytree_load(path, &root, pr) != PC_OK)
		return PC_UNUSABLE;
	enum pc_status st = PC_OK;
	if (!root) {
		char where[4096];
		snprintf(where, sizeof(where), "%s:1:1", path);
		pc_problems_add(pr, false, where, "%s", _("the file is empty"));
		st = PC_UNUSABLE;
	} else if (partners_kind(root)) {
		struct pc_partners *partners = NULL;
		st = pc_partners_load(path, &partners, pr);
		pc_partners_free(&partners);
	} else if (!other_kind(root)) {
		st = pc_form_from_tree(path, root, ev, out, pr);
	} else {
		struct pc_programmes *progs = NULL;
		st = pc_programmes_from_tree(path, root, &progs, pr);
		if (st == PC_OK && checking)
			st = pc_eligibility_check_beside(path, progs, ev, pr);
		pc_programmes_free(&progs);
	}
	ytree_free(&root);
	return st;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **pc_form_yaml_files(const char *dir, size_t *n, struct pc_problems *pr)
{
	*n = 0;
	DIR *d = opendir(dir);
	if (!d) {
		pc_problems_add(pr, false, dir, _("cannot read the forms folder: %s"), strerror(errno));
		return NULL;
	}
	char **list = NULL;
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".yaml"))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **l = realloc(list, cap * sizeof(*l));
			if (!l)
				goto oom;
			list = l;
		}
		size_t plen = strlen(dir) + len + 2;
		if (!(list[*n] = malloc(plen)))
			goto oom;
		snprintf(list[*n], plen, "%s/%s", dir, e->d_name);
		(*n)++;
	}
	closedir(d);
	if (list)
		qsort(list, *n, sizeof(*list), by_name);
	else
		list = calloc(1, sizeof(*list));
	return list;
oom:
	closedir(d);
	for (size_t i = 0; i < *n; i++)
		free(list[i]);
	free(list);
	pc_problems_add(pr, false, dir, "%s", _("out of memory"));
	return NULL;
}

static void problems_copy(struct pc_problems *to, const struct pc_problems *from)
{
	for (size_t i = 0; i < from->len; i++)
		pc_problems_add(to, from->items[i].warning, from->items[i].where, "%s",
				from->items[i].message);
}

/* "the form id is already used" for file i against file j (j < i). */
static void duplicate(const struct pc_formset_file *fi, const struct pc_formset_file *fj,
		      struct pc_problems *pr)
{
	char where[4096];
	snprintf(where, sizeof(where), "%s:1:1", fi->path);
	pc_problems_add(pr, false, where, _("the form id \"%s\" is already used by %s"), fi->id,
			fj->path);
}

/* Lists the folder and glances at every file; no form is loaded. */
static enum pc_status index_folder(const char *dir, struct pc_expr *ev, struct pc_formset **out,
				   struct pc_problems *pr)
{
	static const char *const keys[] = {"form", "programmes", "partners"};
	*out = NULL;
	size_t n = 0;
	char **files = pc_form_yaml_files(dir, &n, pr);
	if (!files)
		return PC_UNUSABLE;
	struct pc_formset *s = calloc(1, sizeof(*s));
	enum pc_status st = PC_OK;
	if (!s || !(s->dir = strdup(dir)) || !(s->files = calloc(n + 1, sizeof(*s->files)))) {
		pc_problems_add(pr, false, dir, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	for (size_t i = 0; st == PC_OK && i < n; i++) {
		struct pc_formset_file *f = &s->files[s->nfiles++];
		f->path = files[i];
		files[i] = NULL;
		int k = ytree_peek(f->path, keys, sizeof(keys) / sizeof(keys[0]), &f->id);
		f->kind = k == 0 && f->id ? KIND_FORM : k > 0 ? KIND_OTHER : KIND_UNKNOWN;
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	if (s)
		s->ev = ev;
	if (st != PC_OK)
		pc_formset_free(&s);
	*out = s;
	return st;
}

enum pc_status pc_formset_open(const char *dir, struct pc_expr *ev, struct pc_formset **out,
			       struct pc_problems *pr)
{
	enum pc_status st = index_folder(dir, ev, out, pr);
	if (st != PC_OK)
		return st;
	struct pc_formset *s = *out;
	size_t maybe = 0;
	for (size_t i = 0; i < s->nfiles; i++) {
		const struct pc_formset_file *f = &s->files[i];
		maybe += f->kind != KIND_OTHER;
		for (size_t j = 0; f->kind == KIND_FORM && j < i; j++)
			if (s->files[j].kind == KIND_FORM && !strcmp(f->id, s->files[j].id)) {
				duplicate(f, &s->files[j], pr);
				st = PC_UNUSABLE;
			}
	}
	if (st == PC_OK && !maybe) {
		pc_problems_add(pr, false, dir, "%s", _("there is no form definition in this folder"));
		st = PC_UNUSABLE;
	}
	if (st != PC_OK)
		pc_formset_free(out);
	return st;
}

/* Reads file f whole, once: LOADED (with its form, if it is one, and what
 * it really is) or FAILED with its problems kept (and what the glance said,
 * so that asking for that id again gives them again). */
static void load_one(const struct pc_formset *s, struct pc_formset_file *f)
{
	if (f->state != NOT_READ)
		return;
	struct pc_form *form = NULL;
	char *id = NULL;
	f->state = FAILED;
	if (load_file(f->path, s->ev, false, &form, &f->problems) != PC_OK)
		return;
	if (form && !(id = strdup(form->id))) {
		pc_form_free(&form);
		pc_problems_add(&f->problems, false, f->path, "%s", _("out of memory"));
		return;
	}
	free(f->id);
	f->id = id;
	f->state = LOADED;
	f->form = form;
	f->kind = form ? KIND_FORM : KIND_OTHER;
}

/* A failed file's problems added to `pr`; told to the face when `tell`. */
static enum pc_status failed(struct pc_formset_file *f, struct pc_problems *pr, bool tell)
{
	problems_copy(pr, &f->problems);
	f->reported = f->reported || tell;
	return PC_UNUSABLE;
}

/* Another file that defines (or glanced as defining) the id of file i. */
static enum pc_status unique(const struct pc_formset *s, size_t i, struct pc_problems *pr)
{
	for (size_t j = 0; j < s->nfiles; j++)
		if (j != i && s->files[j].kind == KIND_FORM &&
		    !strcmp(s->files[j].id, s->files[i].id)) {
			duplicate(&s->files[i > j ? i : j], &s->files[i > j ? j : i], pr);
			return PC_UNUSABLE;
		}
	return PC_OK;
}

static enum pc_status lookup(const struct pc_formset *s, const char *id, const struct pc_form **out,
			     struct pc_problems *pr, bool tell)
{
	*out = NULL;
	if (!s || !id)
		return PC_OK;
	/* a complete set, or a form a caller added to it */
	for (size_t i = 0; i < s->len; i++)
		if (!strcmp(s->forms[i]->id, id)) {
			*out = s->forms[i];
			return PC_OK;
		}
	/* a file that could not be glanced at might hold this form, or another
	 * one's id: it is read first, and a problem in it stops every form */
	for (size_t i = 0; i < s->nfiles; i++) {
		struct pc_formset_file *f = &s->files[i];
		if (f->kind == KIND_UNKNOWN)
			load_one(s, f);
		if (f->kind == KIND_UNKNOWN && f->state == FAILED)
			return failed(f, pr, tell);
	}
	/* the file that said it holds this form, then, when none does, every
	 * file that might (another kind first, a later `form:` is refused) */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < s->nfiles; i++) {
			struct pc_formset_file *f = &s->files[i];
			bool candidate = pass == 0 ? f->kind == KIND_FORM && !strcmp(f->id, id)
						   : f->kind != KIND_FORM;
			if (!candidate)
				continue;
			load_one(s, f);
			if (f->state == FAILED)
				return failed(f, pr, tell);
			if (!f->form || strcmp(f->form->id, id))
				continue; /* changed since the glance, or not a form */
			if (unique(s, i, pr) != PC_OK)
				return PC_UNUSABLE;
			*out = f->form;
			return PC_OK;
		}
	}
	return PC_OK;
}

enum pc_status pc_formset_get(const struct pc_formset *s, const char *id,
			      const struct pc_form **out, struct pc_problems *pr)
{
	return lookup(s, id, out, pr, true);
}

const struct pc_form *pc_formset_find(const struct pc_formset *s, const char *id)
{
	struct pc_problems ignored = {0};
	const struct pc_form *f = NULL;
	if (lookup(s, id, &f, &ignored, false) != PC_OK)
		f = NULL;
	pc_problems_clear(&ignored);
	return f;
}

bool pc_formset_failures(const struct pc_formset *s, struct pc_problems *pr)
{
	bool any = false;
	for (size_t i = 0; s && i < s->nfiles; i++)
		if (s->files[i].state == FAILED && !s->files[i].reported) {
			failed(&s->files[i], pr, true);
			any = true;
		}
	return any;
}

static int by_order(const void *a, const void *b)
{
	const struct pc_form *x = *(struct pc_form *const *)a, *y = *(struct pc_form *const *)b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

enum pc_status pc_formset_load_all(struct pc_formset *s, struct pc_problems *pr)
{
	if (s->forms)
		return PC_OK;
	enum pc_status st = PC_OK;
	size_t nforms = 0;
	/* every file is read, so that all problems are reported at once */
	for (size_t i = 0; i < s->nfiles; i++) {
		load_one(s, &s->files[i]);
		if (s->files[i].state == FAILED)
			st = failed(&s->files[i], pr, true);
		else if (s->files[i].form)
			nforms++;
	}
	for (size_t i = 0; i < s->nfiles; i++)
		for (size_t j = 0; s->files[i].form && j < i; j++)
			if (s->files[j].form && !strcmp(s->files[i].id, s->files[j].id)) {
				duplicate(&s->files[i], &s->files[j], pr);
				st = PC_UNUSABLE;
			}
	if (st == PC_OK && nforms == 0) {
		pc_problems_add(pr, false, s->dir, "%s",
				_("there is no form definition in this folder"));
		st = PC_UNUSABLE;
	}
	if (st != PC_OK)
		return st;
	if (!(s->forms = calloc(nforms + 1, sizeof(*s->forms)))) {
		pc_problems_add(pr, false, s->dir, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	for (size_t i = 0; i < s->nfiles; i++)
		if (s->files[i].form)
			s->forms[s->len++] = s->files[i].form;
	qsort(s->forms, s->len, sizeof(*s->forms), by_order);
	return PC_OK;
}

enum pc_status pc_formset_load(const char *dir, struct pc_expr *ev, struct pc_formset **out,
			       struct pc_problems *pr)
{
	enum pc_status st = index_folder(dir, ev, out, pr);
	if (st == PC_OK && (st = pc_formset_load_all(*out, pr)) != PC_OK)
		pc_formset_free(out);
	return st;
}

/* True when form f belongs to one of the set's files. */
static bool owned(const struct pc_formset *s, const struct pc_form *f)
{
	for (size_t i = 0; i < s->nfiles; i++)
		if (s->files[i].form == f)
			return true;
	return false;
}

void pc_formset_free(struct pc_formset **ps)
{
	struct pc_formset *s = ps ? *ps : NULL;
	if (!s)
		return;
	/* a form a caller added to a complete set is the set's too */
	for (size_t i = 0; i < s->len; i++)
		if (!owned(s, s->forms[i]))
			pc_form_free(&s->forms[i]);
	for (size_t i = 0; i < s->nfiles; i++) {
		free(s->files[i].path);
		free(s->files[i].id);
		pc_form_free(&s->files[i].form);
		pc_problems_clear(&s->files[i].problems);
	}
	free(s->files);
	free(s->forms);
	free(s->dir);
	free(s);
	*ps = NULL;
}

enum pc_status pc_form_check_path(const char *path, struct pc_expr *ev, struct pc_problems *pr)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		pc_problems_add(pr, false, path, _("cannot read: %s"), strerror(errno));
		return PC_UNUSABLE;
	}
	if (!S_ISDIR(st.st_mode)) {
		struct pc_form *f = NULL;
		enum pc_status rc = load_file(path, ev, true, &f, pr);
		pc_form_free(&f);
		return rc;
	}
	size_t n = 0;
	char **files = pc_form_yaml_files(path, &n, pr);
	if (!files)
		return PC_UNUSABLE;
	enum pc_status rc = PC_OK;
	struct pc_formset_file *forms = calloc(n + 1, sizeof(*forms));
	size_t nf = 0;
	for (size_t i = 0; i < n; i++) {
		struct pc_form *f = NULL;
		if (load_file(files[i], ev, true, &f, pr) != PC_OK)
			rc = PC_UNUSABLE;
		if (f && forms)
			forms[nf++] = (struct pc_formset_file){.path = files[i], .id = f->id, .form = f};
		else
			pc_form_free(&f);
	}
	for (size_t i = 0; i < nf; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(forms[i].id, forms[j].id)) {
				duplicate(&forms[i], &forms[j], pr);
				rc = PC_UNUSABLE;
			}
	for (size_t i = 0; i < nf; i++)
		pc_form_free(&forms[i].form);
	free(forms);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}
