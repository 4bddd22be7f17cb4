/* Status histories (status_history.h): the dates an objective of the plan
 * changed status, read from the plan's revisions. Formatting only; which
 * revisions to read is the caller's (show.c). */
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/status_history.h"

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

static void one_row(const struct pc_field *rep, const struct pc_field *key,
                    const struct pc_field *status, const char *name, struct pc_json *const *revs,
                    size_t n, int indent, struct pc_buf *out)
{
	const char *last = NULL;
	pc_buf_printf(out, "%*s%s:", indent, "", name);
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		const struct pc_json *rows =
		    revs[i] ? pc_json_object_get(revs[i], rep->name) : NULL;
		for (size_t r = 0; rows && rows->kind == PC_JSON_ARRAY && r < rows->len; r++) {
			const char *k = str(rows->items[r], key->name);
			const char *s = str(rows->items[r], "status");
			if (!k || strcmp(k, name) || !s || (last && !strcmp(last, s)))
				continue;
			const struct pc_choice *ch =
			    status->choices ? pc_choice_find(status->choices, s) : NULL;
			const char *date = str(rows->items[r], "status_date");
			pc_buf_printf(out, "%s %s%s%s", first ? "" : ",",
			              ch ? pc_text_get(&ch->label) : s, date ? " " : "",
			              date ? date : "");
			first = false;
			last = s;
			break;
		}
	}
	pc_buf_putc(out, '\n');
}

void pc_status_history_text(const struct pc_form *form, struct pc_json *const *revs, size_t n,
                            int indent, struct pc_buf *out)
{
	for (size_t i = 0; form && n && i < form->nfields; i++) {
		const struct pc_field *rep = &form->fields[i];
		if (rep->type != PC_TYPE_REPEAT)
			continue;
		const struct pc_field *status = pc_field_child(rep, "status");
		const struct pc_field *date = pc_field_child(rep, "status_date");
		const struct pc_field *key = key_column(rep);
		if (!status || status->type != PC_TYPE_CHOICE || !date ||
		    date->type != PC_TYPE_DATE || !key)
			continue;
		const struct pc_json *rows =
		    revs[n - 1] ? pc_json_object_get(revs[n - 1], rep->name) : NULL;
		if (!rows || rows->kind != PC_JSON_ARRAY || !rows->len)
			continue;
		pc_buf_printf(out, _("%*sChanges of status (%s):\n"), indent, "",
		              pc_text_get(&rep->label));
		for (size_t r = 0; r < rows->len; r++) {
			const char *name = str(rows->items[r], key->name);
			if (name)
				one_row(rep, key, status, name, revs, n, indent + 2, out);
		}
	}
}
