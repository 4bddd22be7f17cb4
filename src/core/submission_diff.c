/* What a save changes (core.h: pc_changes_list): the answers whose value
 * differs between the revision a save starts from and the answers it
 * saves, as edit text (what --set takes), repeat rows column by column.
 * Compares normalized answers only; it does not parse or validate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"

struct list {
	struct pc_change *items;
	size_t len, cap;
	bool failed;
};

void pc_changes_free(struct pc_change **list, size_t n)
{
	if (!*list)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*list)[i].path);
		free((*list)[i].before);
		free((*list)[i].after);
	}
	free(*list);
	*list = NULL;
}

static const struct pc_json *present(const struct pc_json *v)
{
	return v && v->kind != PC_JSON_NULL ? v : NULL;
}

/* Edit text of a value; a field the form no longer has shows its JSON. */
static char *text_of(const struct pc_field *f, const struct pc_json *v, bool *failed)
{
	if (!v)
		return NULL;
	char *t = f ? pc_value_edit_text(f, v) : pc_json_to_string(v);
	if (!t)
		*failed = true;
	return t;
}

static void add(struct list *l, const char *path, const struct pc_field *f, const struct pc_json *a,
                const struct pc_json *b)
{
	a = present(a);
	b = present(b);
	if ((!a && !b) || (a && b && pc_json_equal(a, b)) || l->failed)
		return;
	if (l->len == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct pc_change *items = realloc(l->items, cap * sizeof(*items));
		if (!items) {
			l->failed = true;
			return;
		}
		l->items = items;
		l->cap = cap;
	}
	struct pc_change *c = &l->items[l->len++];
	*c = (struct pc_change){strdup(path), text_of(f, a, &l->failed), text_of(f, b, &l->failed)};
	if (!c->path)
		l->failed = true;
}

static const struct pc_json *row_at(const struct pc_json *rows, size_t i)
{
	return rows && i < rows->len && rows->items[i]->kind == PC_JSON_OBJECT ? rows->items[i]
	                                                                       : NULL;
}

static void rows_diff(struct list *l, const struct pc_field *f, const struct pc_json *a,
                      const struct pc_json *b)
{
	size_t n = a ? a->len : 0;
	if (b && b->len > n)
		n = b->len;
	char path[300];
	for (size_t i = 0; i < n; i++) {
		const struct pc_json *ra = row_at(a, i), *rb = row_at(b, i);
		for (size_t k = 0; k < f->nfields; k++) {
			const struct pc_field *col = &f->fields[k];
			snprintf(path, sizeof(path), "%s.%zu.%s", f->name, i + 1, col->name);
			add(l, path, col, ra ? pc_json_object_get(ra, col->name) : NULL,
			    rb ? pc_json_object_get(rb, col->name) : NULL);
		}
	}
}

static const struct pc_json *array_or_null(const struct pc_json *v)
{
	return v && v->kind == PC_JSON_ARRAY ? v : NULL;
}

enum pc_status pc_changes_list(const struct pc_form *form, const struct pc_json *before,
                               const struct pc_json *after, struct pc_change **out, size_t *n,
                               struct pc_problems *pr)
{
	struct list l = {0};
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		const struct pc_json *a = before ? pc_json_object_get(before, f->name) : NULL;
		const struct pc_json *b = after ? pc_json_object_get(after, f->name) : NULL;
		if (f->type == PC_TYPE_REPEAT && (array_or_null(a) || !present(a)) &&
		    (array_or_null(b) || !present(b)))
			rows_diff(&l, f, array_or_null(a), array_or_null(b));
		else
			add(&l, f->name, f, a, b);
	}
	/* answers to fields no longer asked: kept in history, not carried on */
	for (size_t i = 0; before && before->kind == PC_JSON_OBJECT && i < before->len; i++)
		if (!pc_form_field(form, before->keys[i]))
			add(&l, before->keys[i], NULL, before->items[i],
			    after ? pc_json_object_get(after, before->keys[i]) : NULL);
	if (l.failed) {
		pc_changes_free(&l.items, l.len);
		pc_problems_add(pr, false, form->id, "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	*out = l.items;
	*n = l.len;
	return PC_OK;
}
