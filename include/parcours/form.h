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
 * definition files such as programmes.yaml are skipped here), read when
 * first needed (form_set.c): opening the set lists the files and glances at
 * each one's first lines for its `form:` id; a form is loaded and fully
 * checked (pc_form_load's checks) the first time it is asked for, and kept
 * until the set is freed. A command that needs one form never pays for, nor
 * stops at, the others; one that lists every form loads them all. */
struct pc_formset_file; /* form_set.c: one file of the folder and its state */
struct pc_formset {
	/* every form, sorted by `order` then id, once pc_formset_load_all (or
	 * pc_formset_load) succeeded; len is 0 before */
	struct pc_form **forms;
	size_t len;
	char *dir;
	struct pc_expr *ev; /* checks forms as they load; must outlive the set */
	struct pc_formset_file *files; /* the folder's *.yaml, in name order */
	size_t nfiles;
};
/* Opens the folder `dir` without loading any form. PC_UNUSABLE (with the
 * problem) when the folder cannot be read, holds no form, or two files
 * start with the same form id. Free with pc_formset_free. */
enum pc_status pc_formset_open(const char *dir, struct pc_expr *ev, struct pc_formset **out,
			       struct pc_problems *pr);
/* Loads every file of the set not loaded yet (programmes and partners files
 * are checked too) and fills s->forms; any problem in any file makes it
 * PC_UNUSABLE, every problem reported (two files with the same id too).
 * Cheap once done. */
enum pc_status pc_formset_load_all(struct pc_formset *s, struct pc_problems *pr);
/* pc_formset_open then pc_formset_load_all: every form of `dir`, checked. */
enum pc_status pc_formset_load(const char *dir, struct pc_expr *ev, struct pc_formset **out,
			       struct pc_problems *pr);
/* The form `id`, loaded and checked on first use: PC_OK with *out (NULL when
 * no file of the folder defines it), or PC_UNUSABLE with its file's
 * problems at FILE:LINE:COL (again at each call) when the file that defines
 * it, or a file that might, cannot be used, or when two files define it.
 * The set is logically const: it only remembers what it read. */
enum pc_status pc_formset_get(const struct pc_formset *s, const char *id,
			      const struct pc_form **out, struct pc_problems *pr);
/* The same without the problems: the form, or NULL when it is unknown or
 * its definition cannot be used (kept for pc_formset_failures). */
const struct pc_form *pc_formset_find(const struct pc_formset *s, const char *id);
/* Adds the problems of every file that failed to load since the last call
 * and that pc_formset_get has not reported already; true when there were
 * any. For faces, after work that may have asked for forms by find. */
bool pc_formset_failures(const struct pc_formset *s, struct pc_problems *pr);
void pc_formset_free(struct pc_formset **s);

/* Checks definition files or folders without keeping them (forms check). */
enum pc_status pc_form_check_path(const char *path, struct pc_expr *ev, struct pc_problems *pr);

#endif
