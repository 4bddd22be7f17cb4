/* Why a person's participation ended (fin de participation): a list of
 * reasons kept as data in the `exit_reasons:` section of programmes.yaml
 * (parcours-forms(5)), each a code with a French and an English label.
 * Codes are what the database keeps; people only ever see labels. Pure
 * lookups and checks over the loaded list: no database, no screen. */
#ifndef PARCOURS_EXIT_REASON_H
#define PARCOURS_EXIT_REASON_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/buf.h"
#include "parcours/err.h"
#include "parcours/form.h"

enum { PC_EXIT_REASONS_MAX = 64 };

struct pc_exit_reason {
	char *code;           /* "employment": lower-case letters, digits, _ */
	struct pc_text label; /* both languages, required */
	bool retired;         /* kept to label old exits; no longer accepted */
	int line, col;
};

struct pc_exit_reasons {
	struct pc_exit_reason *items; /* in the file's order */
	size_t len;                   /* 0: no list defined (any reason word is taken) */
};

/* Frees the items and empties the list (l itself is not freed). */
void pc_exit_reasons_clear(struct pc_exit_reasons *l);
/* The reason with this code, retired or not; NULL when none (or l NULL). */
const struct pc_exit_reason *pc_exit_reason_find(const struct pc_exit_reasons *l, const char *code);
/* What to show for a stored reason: its label in the current language when
 * the code is in the list, else the stored text itself (an exit recorded
 * before the list, or with a code since removed, is never lost or blank).
 * NULL only for a NULL code. Lives as long as `l` or `code`. */
const char *pc_exit_reason_label(const struct pc_exit_reasons *l, const char *code);
/* Appends the reasons that may be given, "code (label)" separated by
 * ", ", labels in the current language; retired ones are left out. */
void pc_exit_reasons_format(const struct pc_exit_reasons *l, struct pc_buf *out);

/* Whether `reason` may be given to an exit now: a code of the list that is
 * not retired. PC_OK, or PC_REFUSED with a problem at "reason", then one
 * more for each reason that may be given: "code (label)", the label in the
 * current language.
 * With no list defined (l NULL or empty), any word without control
 * characters is taken, as before lists existed. */
enum pc_status pc_exit_reason_check(const struct pc_exit_reasons *l, const char *reason,
                                    struct pc_problems *pr);

#endif
