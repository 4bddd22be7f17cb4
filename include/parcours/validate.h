/* The one validation path shared by every face: types, required, min/max,
 * pattern, constraints, soft warnings, relevance and calculations. Returns
 * every problem at once, each with its field path. */
#ifndef PARCOURS_VALIDATE_H
#define PARCOURS_VALIDATE_H
#include "parcours/err.h"
#include "parcours/form.h"

struct pc_json;
struct pc_expr;

enum pc_validate_mode {
	PC_VALIDATE_SAVE,  /* everything is checked; irrelevant answers are dropped */
	PC_VALIDATE_DRAFT, /* required is not checked; irrelevant answers are kept */
};

/* Validates `raw`, an object of field name -> value as given (strings are
 * typed text, parsed by value.h; natives are checked). Unknown field names
 * and answers to calculated or note fields are problems. Calculations are
 * computed in dependency order; relevance is evaluated with the answers so
 * far. On PC_OK, *clean holds the normalized answers (calculated values
 * included; irrelevant answers dropped in SAVE mode) and `pr` may hold
 * warnings. On PC_REFUSED, *clean is NULL and `pr` lists every error.
 * PC_UNUSABLE if an expression cannot be evaluated at all.
 * `period` ("YYYY-MM" for a monthly form, else NULL) is bound as the reserved
 * name $period in every expression, so a form can say
 * `constraint: "substr($date, 1, 7) = $period"`. No field may be named period. */
enum pc_status pc_validate(const struct pc_form *form, struct pc_expr *ev, const struct pc_json *raw,
			   const char *period, enum pc_validate_mode mode, struct pc_json **clean,
			   struct pc_problems *pr);

/* Whether top-level field `i` of `form` is relevant given `answers` (for the
 * screen, which hides irrelevant fields live). A field without `relevant`
 * always is; an expression that fails to evaluate counts as relevant.
 * `answers` may carry the reserved key "period". */
bool pc_field_relevant(const struct pc_form *form, struct pc_expr *ev, const struct pc_field *f,
		       const struct pc_json *answers, const struct pc_json *row);

#endif
