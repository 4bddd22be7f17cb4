/* Status histories (status_history.h): the dates an objective of the plan
 * changed status, read from the plan's revisions as they are fed, one line
 * being written per row of the latest revision. Formatting only; which
 * revisions to read is the caller's (show.c). */
#include <stdlib.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/status_history.h"

/* A repeat's heading (name NULL) or one of its rows in the latest revision. */
struct item {
	const struct pc_field *rep, *key, *status;
	char *name;         /* the row's key; NULL for the heading */
	char *last;         /* the status last written; NULL before the first */
	struct pc_buf line; /* the row's line so far */
};

struct pc_status_history {
	struct item *items;
	size_t n, cap;
	int indent;
	bool failed;
};

/* The repeat's column that names a row: its first text column. */
static const struct pc_field *key_column(const struct pc_field *rep)
{
	for (size_t k = 0; k < rep->nfields; k++)
		if (rep->fields[k].type == PC_TYPE_TEXT)
			return &rep->fields[k];
	return NULL;
}

static const char *str(const struct pc_json *row, const char *name)
{
	const struct pc_json *v = row ? pc_json_object_get(row, name) : NULL;
	return v && v->kind == PC_JSON_STRING ? v->string : NULL;
}

static struct item *push(struct pc_status_history *h, const struct pc_field *rep)
{
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 8;
		struct item *grown = realloc(h->items, cap * sizeof(*grown));
		if (!grown) {
			h->failed = true;
			return NULL;
		}
		h->items = grown;
		h->cap = cap;
	}
	struct item *it = &h->items[h->n++];
	*it = (struct item){.rep = rep};
	return it;
}

bool pc_status_history_new(const struct pc_form *form, const struct pc_json *latest, int indent,
                           struct pc_status_history **out)
{
	*out = NULL;
	struct pc_status_history *h = calloc(1, sizeof(*h));
	if (!h)
		return false;
	h->indent = indent;
	for (size_t i = 0; form && latest && !h->failed && i < form->nfields; i++) {
		const struct pc_field *rep = &form->fields[i];
		if (rep->type != PC_TYPE_REPEAT)
			continue;
		const struct pc_field *status = pc_field_child(rep, "status");
		const struct pc_field *date = pc_field_child(rep, "status_date");
		const struct pc_field *key = key_column(rep);
		if (!status || status->type != PC_TYPE_CHOICE || !date ||
		    date->type != PC_TYPE_DATE || !key)
			continue;
		const struct pc_json *rows = pc_json_object_get(latest, rep->name);
		if (!rows || rows->kind != PC_JSON_ARRAY || !rows->len || !push(h, rep))
			continue;
		for (size_t r = 0; r < rows->len && !h->failed; r++) {
			const char *name = str(rows->items[r], key->name);
			struct item *it = name ? push(h, rep) : NULL;
			if (!it)
				continue;
			it->key = key;
			it->status = status;
			h->failed |= !(it->name = strdup(name));
			pc_buf_printf(&it->line, "%*s%s:", indent + 2, "", name);
		}
	}
	if (h->failed || !h->n) {
		bool ok = !h->failed;
		pc_status_history_free(&h);
		return ok;
	}
	*out = h;
	return true;
}

void pc_status_history_add(struct pc_status_history *h, const struct pc_json *answers)
{
	for (size_t i = 0; h && answers && i < h->n; i++) {
		struct item *it = &h->items[i];
		if (!it->name)
			continue;
		const struct pc_json *rows = pc_json_object_get(answers, it->rep->name);
		for (size_t r = 0; rows && rows->kind == PC_JSON_ARRAY && r < rows->len; r++) {
			const char *k = str(rows->items[r], it->key->name);
			const char *s = str(rows->items[r], "status");
			if (!k || strcmp(k, it->name) || !s || (it->last && !strcmp(it->last, s)))
				continue;
			const struct pc_choice *ch =
			    it->status->choices ? pc_choice_find(it->status->choices, s) : NULL;
			const char *date = str(rows->items[r], "status_date");
			pc_buf_printf(&it->line, "%s %s%s%s", it->last ? "," : "",
			              ch ? pc_text_get(&ch->label) : s, date ? " " : "",
			              date ? date : "");
			free(it->last);
			h->failed |= !(it->last = strdup(s));
			break;
		}
	}
}

bool pc_status_history_write(const struct pc_status_history *h, struct pc_buf *out)
{
	for (size_t i = 0; h && i < h->n; i++) {
		const struct item *it = &h->items[i];
		if (!it->name) {
			pc_buf_printf(out, _("%*sChanges of status (%s):\n"), h->indent, "",
			              pc_text_get(&it->rep->label));
			continue;
		}
		pc_buf_add(out, it->line.data ? it->line.data : "", it->line.len);
		pc_buf_putc(out, '\n');
		if (it->line.failed)
			return false;
	}
	return !h || !h->failed;
}

void pc_status_history_free(struct pc_status_history **h)
{
	if (!*h)
		return;
	for (size_t i = 0; i < (*h)->n; i++) {
		free((*h)->items[i].name);
		free((*h)->items[i].last);
		pc_buf_free(&(*h)->items[i].line);
	}
	free((*h)->items);
	free(*h);
	*h = NULL;
}
