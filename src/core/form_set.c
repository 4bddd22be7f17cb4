/* The forms of a folder (form.h): every *.yaml whose top level starts a
 * form, loaded and checked together (two forms may not share an id), and
 * `forms check` over files and folders. Files that define something else
 * (programmes.yaml, partners.yaml) are left to their own loader. */
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

/* The *.yaml files of `dir`, sorted; NULL with a problem on failure. */
static char **yaml_files(const char *dir, size_t *n, struct pc_problems *pr)
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

static int by_order(const void *a, const void *b)
{
	const struct pc_form *x = *(struct pc_form *const *)a, *y = *(struct pc_form *const *)b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Adds a problem for every form id used by two files. */
static bool unique_ids(struct pc_form **forms, size_t n, struct pc_problems *pr)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(forms[i]->id, forms[j]->id)) {
				char where[4096];
				snprintf(where, sizeof(where), "%s:1:1", forms[i]->path);
				pc_problems_add(pr, false, where, _("the form id \"%s\" is already used by %s"),
						forms[i]->id, forms[j]->path);
				ok = false;
			}
	return ok;
}

enum pc_status pc_formset_load(const char *dir, struct pc_expr *ev, struct pc_formset **out,
			       struct pc_problems *pr)
{
	*out = NULL;
	size_t n = 0;
	char **files = yaml_files(dir, &n, pr);
	if (!files)
		return PC_UNUSABLE;
	struct pc_formset *s = calloc(1, sizeof(*s));
	enum pc_status st = PC_OK;
	if (!s || !(s->dir = strdup(dir)) || !(s->forms = calloc(n + 1, sizeof(*s->forms)))) {
		pc_problems_add(pr, false, dir, "%s", _("out of memory"));
		st = PC_UNUSABLE;
	}
	/* every file is read, so that all problems are reported at once */
	for (size_t i = 0; s && s->forms && i < n; i++) {
		struct pc_form *f = NULL;
		if (load_file(files[i], ev, false, &f, pr) != PC_OK)
			st = PC_UNUSABLE;
		else if (f)
			s->forms[s->len++] = f;
	}
	if (st == PC_OK && !unique_ids(s->forms, s->len, pr))
		st = PC_UNUSABLE;
	if (st == PC_OK && s->len == 0) {
		pc_problems_add(pr, false, dir, "%s", _("there is no form definition in this folder"));
		st = PC_UNUSABLE;
	}
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	if (st != PC_OK) {
		pc_formset_free(&s);
		return st;
	}
	qsort(s->forms, s->len, sizeof(*s->forms), by_order);
	*out = s;
	return PC_OK;
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
	char **files = yaml_files(path, &n, pr);
	if (!files)
		return PC_UNUSABLE;
	enum pc_status rc = PC_OK;
	struct pc_form **forms = calloc(n + 1, sizeof(*forms));
	size_t nf = 0;
	for (size_t i = 0; i < n; i++) {
		struct pc_form *f = NULL;
		if (load_file(files[i], ev, true, &f, pr) != PC_OK)
			rc = PC_UNUSABLE;
		if (f && forms)
			forms[nf++] = f;
		else
			pc_form_free(&f);
	}
	if (forms && !unique_ids(forms, nf, pr))
		rc = PC_UNUSABLE;
	for (size_t i = 0; i < nf; i++)
		pc_form_free(&forms[i]);
	free(forms);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return rc;
}
