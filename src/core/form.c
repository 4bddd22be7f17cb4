/* The form model's small helpers (form.h): type names, bilingual texts,
 * choice and field look-ups, freeing. Loading and checking YAML is in
 * form_load.c; this file depends on neither libyaml nor SQLite. */
#include <stdlib.h>
#include <string.h>
#include "parcours/form.h"
#include "parcours/i18n.h"

static const char *const type_names[] = {
	[PC_TYPE_TEXT] = "text",       [PC_TYPE_TEXTAREA] = "textarea", [PC_TYPE_INTEGER] = "integer",
	[PC_TYPE_DECIMAL] = "decimal", [PC_TYPE_DATE] = "date",         [PC_TYPE_BOOLEAN] = "boolean",
	[PC_TYPE_CHOICE] = "choice",   [PC_TYPE_CHOICES] = "choices",   [PC_TYPE_HOURS] = "hours",
	[PC_TYPE_REPEAT] = "repeat",   [PC_TYPE_NOTE] = "note",
};

const char *pc_type_name(enum pc_type t)
{
	if ((size_t)t < sizeof(type_names) / sizeof(type_names[0]))
		return type_names[t];
	return "?";
}

int pc_type_parse(const char *name)
{
	for (size_t i = 0; name && i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (!strcmp(name, type_names[i]))
			return (int)i;
	return -1;
}

const char *pc_text_get(const struct pc_text *t)
{
	if (!t)
		return "";
	const char *first = pc_i18n_lang() == PC_LANG_EN ? t->en : t->fr;
	const char *other = pc_i18n_lang() == PC_LANG_EN ? t->fr : t->en;
	if (first && *first)
		return first;
	return other ? other : "";
}

const struct pc_choice *pc_choice_find(const struct pc_choice_list *l, const char *value)
{
	for (size_t i = 0; l && value && i < l->len; i++)
		if (!strcmp(l->items[i].value, value))
			return &l->items[i];
	return NULL;
}

static const struct pc_field *find_in(const struct pc_field *fields, size_t n, const char *name,
				      size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(fields[i].name) == len && !strncmp(fields[i].name, name, len))
			return &fields[i];
	return NULL;
}

const struct pc_field *pc_field_child(const struct pc_field *repeat, const char *name)
{
	if (!repeat || repeat->type != PC_TYPE_REPEAT || !name)
		return NULL;
	return find_in(repeat->fields, repeat->nfields, name, strlen(name));
}

const struct pc_field *pc_form_field(const struct pc_form *f, const char *name)
{
	if (!f || !name)
		return NULL;
	const char *dot = strchr(name, '.');
	if (!dot)
		return find_in(f->fields, f->nfields, name, strlen(name));
	const struct pc_field *r = find_in(f->fields, f->nfields, name, (size_t)(dot - name));
	return pc_field_child(r, dot + 1);
}

static void text_free(struct pc_text *t)
{
	free(t->fr);
	free(t->en);
	t->fr = t->en = NULL;
}

static void fields_free(struct pc_field *fields, size_t n)
{
	for (size_t i = 0; fields && i < n; i++) {
		struct pc_field *f = &fields[i];
		free(f->name);
		text_free(&f->label);
		text_free(&f->hint);
		text_free(&f->message);
		text_free(&f->warn_message);
		free(f->relevant);
		free(f->constraint);
		free(f->warn);
		free(f->calculate);
		free(f->default_text);
		free(f->min_date);
		free(f->max_date);
		free(f->pattern);
		fields_free(f->fields, f->nfields);
	}
	free(fields);
}

void pc_form_free(struct pc_form **pf)
{
	if (!pf || !*pf)
		return;
	struct pc_form *f = *pf;
	free(f->id);
	text_free(&f->title);
	for (size_t i = 0; i < f->nsections; i++) {
		text_free(&f->sections[i].title);
		text_free(&f->sections[i].hint);
	}
	free(f->sections);
	fields_free(f->fields, f->nfields);
	for (size_t i = 0; i < f->nlists; i++) {
		struct pc_choice_list *l = &f->lists[i];
		free(l->name);
		for (size_t j = 0; j < l->len; j++) {
			free(l->items[j].value);
			text_free(&l->items[j].label);
		}
		free(l->items);
	}
	free(f->lists);
	free(f->path);
	free(f->calc_order);
	free(f->entry_date);
	free(f);
	*pf = NULL;
}
