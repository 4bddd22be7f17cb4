/* The form model and its loader/checker. A form is data read from YAML
 * (the .yaml files of forms/, language in man/parcours-forms.5); the loader reports every
 * problem as "FILE:LINE:COL" + message. The model is immutable once loaded.
 * Not here: parsing answers (value.h), validating them (validate.h). */
#ifndef PARCOURS_FORM_H
#define PARCOURS_FORM_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

struct pc_expr;

enum pc_type {
	PC_TYPE_TEXT,
	PC_TYPE_TEXTAREA,
	PC_TYPE_INTEGER,
	PC_TYPE_DECIMAL,
	PC_TYPE_DATE,
	PC_TYPE_BOOLEAN,
	PC_TYPE_CHOICE,
	PC_TYPE_CHOICES,
	PC_TYPE_HOURS,
	PC_TYPE_REPEAT,
	PC_TYPE_NOTE,
};

/* The YAML name of a type ("text", "choices"...), and the reverse (-1 when unknown). */
const char *pc_type_name(enum pc_type t);
int pc_type_parse(const char *name);

/* A bilingual text: a YAML {fr: ..., en: ...} or a plain string (kept in both).
 * Either member may be NULL. */
struct pc_text {
	char *fr;
	char *en;
};
/* The text in the current language, falling back to the other; "" if none. */
const char *pc_text_get(const struct pc_text *t);

struct pc_choice {
	char *value;
	struct pc_text label;
	bool retired; /* kept to show old answers, no longer offered or accepted */
};

struct pc_choice_list {
	char *name; /* the key under `choices:`, or "" for an inline list */
	struct pc_choice *items;
	size_t len;
};
/* The choice with this value, retired or not; NULL when none. */
const struct pc_choice *pc_choice_find(const struct pc_choice_list *l, const char *value);

struct pc_field {
	char *name;
	enum pc_type type;
	struct pc_text label, hint, message, warn_message;
	const struct pc_choice_list *choices; /* CHOICE/CHOICES: points into the form */
	bool required;
	char *relevant;   /* SQLite expressions, NULL when absent */
	char *constraint;
	char *warn;
	char *calculate;  /* a calculated field is read-only */
	char *default_text; /* `default:`, as typed text parsed like input; NULL when absent */
	bool has_min, has_max;
	double min, max;  /* numbers: value bounds; text: length in characters; dates: not used */
	char *min_date, *max_date; /* DATE: bounds "YYYY-MM-DD" or NULL */
	char *pattern;    /* TEXT: POSIX extended regular expression, whole value must match */
	struct pc_field *fields; /* REPEAT: the columns of a row */
	size_t nfields;
	size_t section;   /* index of the section (top-level fields only) */
	int line, col;    /* where the field starts in its file, 1-based */
};

struct pc_section {
	struct pc_text title;
	struct pc_text hint;
	size_t first, count; /* a range of pc_form.fields */
};

/* How a form's answers are kept: one record revised over time (NONE), one
 * per month (MONTH, `period: month`), or a journal of entries (ENTRY,
 * `period: entry`): each new entry has its own id, date and author, and
 * its own revisions (follow-up meetings, referrals, evaluations). */
enum pc_period { PC_PERIOD_NONE, PC_PERIOD_MONTH, PC_PERIOD_ENTRY };

/* Who may read or write a form (`access:`): the bits of staff.h's enum
 * pc_role, plus PC_ACCESS_CASELOAD for "the person's current counsellor".
 * A form without `access:` (or without one of read/write) gets
 * PC_ACCESS_DEFAULT: its participants' counsellor and supervisors. */
enum {
	PC_ACCESS_CASELOAD = 1 << 8,
	PC_ACCESS_DEFAULT = PC_ACCESS_CASELOAD | (1 << 1), /* caseload, supervisor */
};

struct pc_form {
	char *id;       /* `form:` */
	int version;    /* `version:` >= 1 */
	int order;      /* `order:` tab order in the file screen, default 100 */
	struct pc_text title;
	enum pc_period period;
	struct pc_section *sections;
	size_t nsections;
	struct pc_field *fields; /* every top-level field, section by section */
	size_t nfields;
	struct pc_choice_list *lists; /* named lists then inline ones */
	size_t nlists;
	char *path;     /* the file it was read from */
	size_t *calc_order; /* indexes of top-level calculated fields, dependencies first */
	size_t ncalc;
	unsigned access_read, access_write; /* PC_ACCESS_* and role bits */
	char *entry_date; /* ENTRY: `entry_date:`, the top-level date field that dates
			     an entry (NULL: the day it was first saved) */
};

/* Loads and fully checks one definition file: YAML syntax, unknown keys (with
 * "did you mean"), types, duplicate names, choice lists, expressions (prepared
 * by `ev`, names checked), calculation cycles, limits (size, depth, aliases).
 * Every problem is added to `pr` with where = "PATH:LINE:COL". Returns PC_OK
 * and *out, or PC_UNUSABLE and *out = NULL. Caller frees with pc_form_free. */
enum pc_status pc_form_load(const char *path, struct pc_expr *ev, struct pc_form **out,
			    struct pc_problems *pr);
void pc_form_free(struct pc_form **f);

/* A top-level field by name, or a repeat column as "entries.hours"; NULL when none. */
const struct pc_field *pc_form_field(const struct pc_form *f, const char *name);
/* A column of a repeat field by name; NULL when none. */
const struct pc_field *pc_field_child(const struct pc_field *repeat, const char *name);

/* All the forms of a folder (every *.yaml that starts with `form:`; other
 * definition files such as programmes.yaml are skipped here), sorted by
 * `order` then id. */
struct pc_formset {
	struct pc_form **forms;
	size_t len;
	char *dir;
};
/* Loads every form of `dir`; any problem in any file makes it PC_UNUSABLE
 * (all problems reported). Two files with the same id is a problem. */
enum pc_status pc_formset_load(const char *dir, struct pc_expr *ev, struct pc_formset **out,
			       struct pc_problems *pr);
const struct pc_form *pc_formset_find(const struct pc_formset *s, const char *id);
void pc_formset_free(struct pc_formset **s);

/* Checks definition files or folders without keeping them (forms check). */
enum pc_status pc_form_check_path(const char *path, struct pc_expr *ev, struct pc_problems *pr);

#endif
