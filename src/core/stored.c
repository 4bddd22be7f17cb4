/* Answers read back from the database (stored.h): parse, then check the
 * shape against the form's fields so that damage is reported, never read
 * as "no answer". Knows nothing of SQL; the store hands the text over. */
#include <stdio.h>
#include <string.h>
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/stored.h"
#include "parcours/value.h"

/* Larger numbers are written by no save and would overflow report sums. */
static const double number_max = 1e15;

static bool fail(char *why, size_t whylen, const char *path, const char *what)
{
	if (why && whylen)
		snprintf(why, whylen, "%s: %s", path, what);
	return false;
}

static bool value_ok(const struct pc_field *f, const struct pc_json *v, const char *path, char *why,
                     size_t whylen);

static bool rows_ok(const struct pc_field *f, const struct pc_json *v, const char *path, char *why,
                    size_t whylen)
{
	if (v->kind != PC_JSON_ARRAY)
		return fail(why, whylen, path, _("expected a list of rows"));
	for (size_t r = 0; r < v->len; r++) {
		const struct pc_json *row = v->items[r];
		char sub[256];
		snprintf(sub, sizeof(sub), "%s.%zu", path, r + 1);
		if (row->kind != PC_JSON_OBJECT)
			return fail(why, whylen, sub, _("expected a row of answers"));
		for (size_t k = 0; k < f->nfields; k++) {
			const struct pc_json *cv = pc_json_object_get(row, f->fields[k].name);
			char col[512];
			snprintf(col, sizeof(col), "%s.%s", sub, f->fields[k].name);
			if (cv && !value_ok(&f->fields[k], cv, col, why, whylen))
				return false;
		}
	}
	return true;
}

static bool value_ok(const struct pc_field *f, const struct pc_json *v, const char *path, char *why,
                     size_t whylen)
{
	int y, m, d;
	if (v->kind == PC_JSON_NULL)
		return true;
	switch (f->type) {
	case PC_TYPE_TEXT:
	case PC_TYPE_TEXTAREA:
	case PC_TYPE_CHOICE:
		if (v->kind != PC_JSON_STRING)
			return fail(why, whylen, path, _("expected text"));
		return true;
	case PC_TYPE_INTEGER:
		if (v->kind != PC_JSON_NUMBER || !v->integral)
			return fail(why, whylen, path, _("expected a whole number"));
		return true;
	case PC_TYPE_DECIMAL:
	case PC_TYPE_HOURS:
		if (v->kind != PC_JSON_NUMBER)
			return fail(why, whylen, path, _("expected a number"));
		/* no save gives more; sums of such stay finite in the reports */
		if (!(v->number >= -number_max && v->number <= number_max))
			return fail(why, whylen, path, _("the number is out of range"));
		return true;
	case PC_TYPE_DATE:
		if (v->kind != PC_JSON_STRING || !pc_parse_date(v->string, &y, &m, &d))
			return fail(why, whylen, path, _("expected a date YYYY-MM-DD"));
		return true;
	case PC_TYPE_BOOLEAN:
		if (v->kind != PC_JSON_TRUE && v->kind != PC_JSON_FALSE)
			return fail(why, whylen, path, _("expected true or false"));
		return true;
	case PC_TYPE_CHOICES:
		if (v->kind != PC_JSON_ARRAY)
			return fail(why, whylen, path, _("expected a list of choices"));
		for (size_t i = 0; i < v->len; i++)
			if (v->items[i]->kind != PC_JSON_STRING)
				return fail(why, whylen, path, _("expected a list of choices"));
		return true;
	case PC_TYPE_REPEAT:
		return rows_ok(f, v, path, why, whylen);
	case PC_TYPE_NOTE:
		return true;
	}
	return true;
}

bool pc_stored_shape_ok(const struct pc_form *form, const struct pc_json *answers, char *why,
                        size_t whylen)
{
	if (!answers || answers->kind != PC_JSON_OBJECT)
		return fail(why, whylen, "answers", _("expected an object of answers"));
	for (size_t i = 0; form && i < form->nfields; i++) {
		const struct pc_field *f = &form->fields[i];
		const struct pc_json *v = pc_json_object_get(answers, f->name);
		if (v && !value_ok(f, v, f->name, why, whylen))
			return false;
	}
	return true;
}

void pc_stored_damaged(struct pc_problems *pr, const char *form_id, const char *file_no,
                       const char *period, const char *why)
{
	if (period && *period)
		pc_problems_add(pr, false, file_no,
		                _("the database is damaged: the saved answers of form \"%s\" for "
		                  "%s cannot be read (%s); run parcours check"),
		                form_id, period, why);
	else
		pc_problems_add(pr, false, file_no,
		                _("the database is damaged: the saved answers of form \"%s\" "
		                  "cannot be read (%s); run parcours check"),
		                form_id, why);
}

enum pc_status pc_stored_answers(const struct pc_form *form, const char *form_id,
                                 const char *file_no, const char *period, const char *text,
                                 struct pc_json **out, struct pc_problems *pr)
{
	*out = NULL;
	if (!text)
		return PC_OK;
	char why[512];
	struct pc_json *v = pc_json_parse(text, strlen(text), why, sizeof(why));
	if (v && pc_stored_shape_ok(form, v, why, sizeof(why))) {
		*out = v;
		return PC_OK;
	}
	pc_json_free(&v);
	pc_stored_damaged(pr, form_id, file_no, period, why);
	return PC_UNUSABLE;
}
