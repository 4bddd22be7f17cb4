/* Changing part of a form (core.h: pc_edits): the --set/--json/--unset
 * changes of one command, checked for clashes as they are added, then
 * applied on top of the answers a save starts from. Knows paths and rows,
 * not types: the values stay raw text for pc_validate. Reads and writes no
 * database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/core.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"

enum { MAX_ROWS = 10000, ROW_NEW = -1 };

/* One change. row 0 is the whole answer; ROW_NEW a `+` row (`plus` counts
 * the new rows of this field, from 0); column NULL the whole row. */
struct edit {
	bool unset;
	char *name;
	long row;
	size_t plus;
	char *column;
	struct pc_json *value; /* set only; NULL-kind clears */
};

struct pc_edits {
	struct edit *items;
	size_t len, cap;
};

struct pc_edits *pc_edits_new(void)
{
	return calloc(1, sizeof(struct pc_edits));
}

void pc_edits_free(struct pc_edits **e)
{
	if (!*e)
		return;
	for (size_t i = 0; i < (*e)->len; i++) {
		free((*e)->items[i].name);
		free((*e)->items[i].column);
		pc_json_free(&(*e)->items[i].value);
	}
	free((*e)->items);
	free(*e);
	*e = NULL;
}

static enum pc_status oom(struct pc_problems *pr, const char *where)
{
	pc_problems_add(pr, false, where, "%s", _("out of memory"));
	return PC_UNUSABLE;
}

/* Splits PATH into name, row and column. */
static bool parse_path(const char *path, bool unset, struct edit *out)
{
	const char *dot = strchr(path, '.');
	*out = (struct edit){.unset = unset};
	if (!*path || dot == path)
		return false;
	if (!dot) {
		out->name = strdup(path);
		return true;
	}
	const char *col = strchr(dot + 1, '.');
	if (!strncmp(dot + 1, "+", 1) && (dot[2] == '.' || dot[2] == '\0')) {
		if (unset || !col)
			return false;
		out->row = ROW_NEW;
	} else {
		char *end = NULL;
		long row = strtol(dot + 1, &end, 10);
		if (end == dot + 1 || (col ? end != col : *end != '\0') || row < 1 ||
		    row > MAX_ROWS || dot[1] == '+' || dot[1] == '-' || dot[1] == ' ')
			return false;
		if (!col && !unset)
			return false;
		out->row = row;
	}
	if (col && (!col[1] || strchr(col + 1, '.')))
		return false;
	out->name = strndup(path, (size_t)(dot - path));
	out->column = col ? strdup(col + 1) : NULL;
	return true;
}

static bool same_str(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Whether `a` and `b` change the same answer (or one contains the other). */
static bool overlap(const struct edit *a, const struct edit *b)
{
	if (strcmp(a->name, b->name))
		return false;
	if (a->row == 0 || b->row == 0)
		return true;
	if (a->row == ROW_NEW || b->row == ROW_NEW)
		return false;
	return a->row == b->row && (!a->column || !b->column || same_str(a->column, b->column));
}

/* The `+` row a new change of `name`.`column` goes to. */
static size_t plus_row(const struct pc_edits *e, const char *name, const char *column)
{
	size_t last = 0;
	bool any = false;
	for (size_t i = 0; i < e->len; i++) {
		const struct edit *x = &e->items[i];
		if (x->row != ROW_NEW || strcmp(x->name, name))
			continue;
		if (!any || x->plus > last)
			last = x->plus;
		any = true;
	}
	if (!any)
		return 0;
	for (size_t i = 0; i < e->len; i++) {
		const struct edit *x = &e->items[i];
		if (x->row == ROW_NEW && x->plus == last && !strcmp(x->name, name) &&
		    !strcmp(x->column, column))
			return last + 1;
	}
	return last;
}

/* Takes `ed` (freed on failure) after the clash checks. */
static enum pc_status add(struct pc_edits *e, struct edit *ed, const char *path,
                          struct pc_problems *pr)
{
	enum pc_status st = PC_OK;
	for (size_t i = 0; i < e->len && st == PC_OK; i++) {
		const struct edit *x = &e->items[i];
		if (!overlap(x, ed))
			continue;
		if (x->unset != ed->unset)
			pc_problems_add(pr, false, path, "%s", _("is both changed and cleared"));
		else if (x->row != 0 && ed->row != 0 && (!x->column) != (!ed->column))
			pc_problems_add(pr, false, path, "%s", _("is both changed and cleared"));
		else if ((x->row == 0) != (ed->row == 0))
			pc_problems_add(pr, false, x->name, "%s",
			                _("is given both as a value and as rows"));
		else
			pc_problems_add(pr, false, path, "%s", _("is given twice"));
		st = PC_USAGE;
	}
	if (st == PC_OK && ed->row == ROW_NEW)
		ed->plus = plus_row(e, ed->name, ed->column);
	if (st == PC_OK && e->len == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 8;
		struct edit *items = realloc(e->items, cap * sizeof(*items));
		if (!items)
			st = oom(pr, path);
		else {
			e->items = items;
			e->cap = cap;
		}
	}
	if (st != PC_OK) {
		free(ed->name);
		free(ed->column);
		pc_json_free(&ed->value);
		return st;
	}
	e->items[e->len++] = *ed;
	return PC_OK;
}

static enum pc_status bad_path(const char *path, bool unset, struct pc_problems *pr)
{
	if (unset)
		pc_problems_add(pr, false, path, "%s",
		                _("give NAME, REPEAT.N or REPEAT.N.COLUMN with N from 1, "
		                  "e.g. --unset entries.3"));
	else
		pc_problems_add(
		    pr, false, path, "%s",
		    _("a row is given as REPEAT.N.COLUMN=VALUE with N from 1, or "
		      "REPEAT.+.COLUMN=VALUE for a new row, e.g. --set entries.1.hours=3"));
	return PC_USAGE;
}

enum pc_status pc_edits_set(struct pc_edits *e, const char *path, const char *text,
                            struct pc_problems *pr)
{
	struct edit ed;
	if (!parse_path(path, false, &ed))
		return bad_path(path, false, pr);
	ed.value = pc_json_new_string(text);
	if (!ed.name || !ed.value) {
		free(ed.name);
		free(ed.column);
		pc_json_free(&ed.value);
		return oom(pr, path);
	}
	return add(e, &ed, path, pr);
}

enum pc_status pc_edits_unset(struct pc_edits *e, const char *path, struct pc_problems *pr)
{
	struct edit ed;
	if (!parse_path(path, true, &ed))
		return bad_path(path, true, pr);
	if (!ed.name) {
		free(ed.column);
		return oom(pr, path);
	}
	return add(e, &ed, path, pr);
}

enum pc_status pc_edits_set_json(struct pc_edits *e, const struct pc_json *obj,
                                 struct pc_problems *pr)
{
	for (size_t i = 0; obj && obj->kind == PC_JSON_OBJECT && i < obj->len; i++) {
		const char *key = obj->keys[i];
		struct edit ed = {.unset = obj->items[i]->kind == PC_JSON_NULL};
		ed.name = strdup(key);
		ed.value = ed.unset ? NULL : pc_json_clone(obj->items[i]);
		if (!ed.name || (!ed.unset && !ed.value)) {
			free(ed.name);
			pc_json_free(&ed.value);
			return oom(pr, key);
		}
		enum pc_status st = add(e, &ed, key, pr);
		if (st != PC_OK)
			return st;
	}
	return PC_OK;
}

/* ---- applying */

static char *row_path(const struct edit *ed)
{
	char buf[300];
	if (ed->column)
		snprintf(buf, sizeof(buf), "%s.%ld.%s", ed->name, ed->row, ed->column);
	else
		snprintf(buf, sizeof(buf), "%s.%ld", ed->name, ed->row);
	return strdup(buf);
}

/* The rows of `name` in `answers`, created empty when absent; NULL with a
 * problem when the field has no rows. */
static struct pc_json *rows_of(const struct pc_form *form, struct pc_json *answers,
                               const char *name, struct pc_problems *pr)
{
	const struct pc_field *f = pc_form_field(form, name);
	if (!f) {
		pc_problems_add(pr, false, name, "%s", _("unknown field"));
		return NULL;
	}
	if (f->type != PC_TYPE_REPEAT) {
		pc_problems_add(pr, false, name, "%s", _("this field has no rows"));
		return NULL;
	}
	struct pc_json *rows = pc_json_object_get(answers, name);
	if (rows && rows->kind == PC_JSON_ARRAY)
		return rows;
	rows = pc_json_new(PC_JSON_ARRAY);
	if (!rows || !pc_json_object_set(answers, name, rows)) {
		oom(pr, name);
		return NULL;
	}
	return rows;
}

static bool pad_rows(struct pc_json *rows, size_t n)
{
	while (rows->len < n)
		if (!pc_json_array_push(rows, pc_json_new(PC_JSON_OBJECT)))
			return false;
	return true;
}

/* One numbered-row or whole-answer change; removals are only marked. */
static void apply_one(const struct edit *ed, const struct pc_form *form, struct pc_json *answers,
                      struct pc_problems *pr)
{
	if (ed->row == 0) {
		if (ed->unset) {
			pc_json_object_remove(answers, ed->name);
			return;
		}
		struct pc_json *v = pc_json_clone(ed->value);
		if (!v || !pc_json_object_set(answers, ed->name, v))
			oom(pr, ed->name);
		return;
	}
	struct pc_json *rows = rows_of(form, answers, ed->name, pr);
	if (!rows)
		return;
	char *path = row_path(ed);
	if (ed->unset && (size_t)ed->row > rows->len) {
		pc_problems_add(pr, false, path ? path : ed->name, _("there is no row %ld"),
		                ed->row);
	} else if (ed->unset && !ed->column) {
		/* removed in finish_field, so that row numbers do not move */
	} else if (ed->unset) {
		pc_json_object_remove(rows->items[ed->row - 1], ed->column);
	} else {
		struct pc_json *v =
		    pad_rows(rows, (size_t)ed->row) ? pc_json_clone(ed->value) : NULL;
		struct pc_json *row = v ? rows->items[ed->row - 1] : NULL;
		if (row && row->kind != PC_JSON_OBJECT) {
			pc_problems_add(pr, false, path ? path : ed->name, "%s",
			                _("a row must be an object of column names and values"));
			pc_json_free(&v);
		} else if (!v || !pc_json_object_set(row, ed->column, v)) {
			oom(pr, ed->name);
		}
	}
	free(path);
}

static bool removed(const struct pc_edits *e, const char *name, size_t row)
{
	for (size_t i = 0; i < e->len; i++) {
		const struct edit *ed = &e->items[i];
		if (ed->unset && !ed->column && ed->row > 0 && (size_t)ed->row == row + 1 &&
		    !strcmp(ed->name, name))
			return true;
	}
	return false;
}

/* Removes the rows --unset names (numbered as before the command), then
 * appends the field's `+` rows. */
static void finish_field(const struct pc_edits *e, const char *name, const struct pc_form *form,
                         struct pc_json *answers, struct pc_problems *pr)
{
	bool touched = false;
	for (size_t i = 0; i < e->len; i++) {
		const struct edit *ed = &e->items[i];
		touched |= !strcmp(ed->name, name) &&
		           (ed->row == ROW_NEW || (ed->unset && ed->row > 0 && !ed->column));
	}
	struct pc_json *rows = touched ? rows_of(form, answers, name, pr) : NULL;
	if (!rows)
		return;
	size_t w = 0;
	for (size_t i = 0; i < rows->len; i++) {
		if (removed(e, name, i))
			pc_json_free(&rows->items[i]);
		else
			rows->items[w++] = rows->items[i];
	}
	rows->len = w;
	size_t base = rows->len;
	for (size_t i = 0; i < e->len; i++) {
		const struct edit *ed = &e->items[i];
		if (ed->row != ROW_NEW || strcmp(ed->name, name))
			continue;
		struct pc_json *v =
		    pad_rows(rows, base + ed->plus + 1) ? pc_json_clone(ed->value) : NULL;
		if (!v || !pc_json_object_set(rows->items[base + ed->plus], ed->column, v))
			oom(pr, name);
	}
}

enum pc_status pc_edits_apply(const struct pc_edits *e, const struct pc_form *form,
                              const struct pc_json *start, struct pc_json **out,
                              struct pc_problems *pr)
{
	struct pc_problems local = {0};
	struct pc_json *answers = start && start->kind == PC_JSON_OBJECT
	                              ? pc_json_clone(start)
	                              : pc_json_new(PC_JSON_OBJECT);
	*out = NULL;
	if (!answers)
		return oom(pr, form->id);
	size_t n = e ? e->len : 0;
	for (size_t i = 0; i < n; i++)
		if (e->items[i].row != ROW_NEW)
			apply_one(&e->items[i], form, answers, &local);
	for (size_t i = 0; i < n && !pc_problems_errors(&local); i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(e->items[j].name, e->items[i].name);
		if (!seen)
			finish_field(e, e->items[i].name, form, answers, &local);
	}
	enum pc_status st = PC_OK;
	if (pc_problems_errors(&local)) {
		st = PC_REFUSED;
		for (size_t i = 0; i < local.len; i++)
			if (!strcmp(local.items[i].message, _("out of memory")))
				st = PC_UNUSABLE;
		pc_json_free(&answers);
	}
	pc_problems_take(pr, &local, NULL);
	*out = answers;
	return st;
}

/* ---- stored answers back to raw text */

static bool answerable(const struct pc_field *f)
{
	return f->type != PC_TYPE_NOTE && !f->calculate;
}

static bool put_text(struct pc_json *obj, const struct pc_field *f, const struct pc_json *v)
{
	char *t = pc_value_edit_text(f, v);
	struct pc_json *s = t ? pc_json_new_string(t) : NULL;
	free(t);
	return s && pc_json_object_set(obj, f->name, s);
}

static struct pc_json *rows_to_raw(const struct pc_field *f, const struct pc_json *v)
{
	struct pc_json *rows = pc_json_new(PC_JSON_ARRAY);
	for (size_t r = 0; rows && r < v->len; r++) {
		struct pc_json *row = pc_json_new(PC_JSON_OBJECT);
		for (size_t k = 0; row && k < f->nfields; k++) {
			const struct pc_field *col = &f->fields[k];
			const struct pc_json *cv = v->items[r]->kind == PC_JSON_OBJECT
			                               ? pc_json_object_get(v->items[r], col->name)
			                               : NULL;
			if (answerable(col) && cv && cv->kind != PC_JSON_NULL &&
			    !put_text(row, col, cv))
				pc_json_free(&row);
		}
		if (!row || !pc_json_array_push(rows, row))
			pc_json_free(&rows);
	}
	return rows;
}

struct pc_json *pc_answers_to_raw(const struct pc_form *form, const struct pc_json *stored)
{
	struct pc_json *raw = pc_json_new(PC_JSON_OBJECT);
	for (size_t i = 0; raw && stored && stored->kind == PC_JSON_OBJECT && i < form->nfields;
	     i++) {
		const struct pc_field *f = &form->fields[i];
		const struct pc_json *v = pc_json_object_get(stored, f->name);
		if (!answerable(f) || !v || v->kind == PC_JSON_NULL)
			continue;
		if (f->type == PC_TYPE_REPEAT) {
			if (v->kind != PC_JSON_ARRAY)
				continue;
			struct pc_json *rows = rows_to_raw(f, v);
			if (!rows || !pc_json_object_set(raw, f->name, rows))
				pc_json_free(&raw);
		} else if (!put_text(raw, f, v)) {
			pc_json_free(&raw);
		}
	}
	return raw;
}
