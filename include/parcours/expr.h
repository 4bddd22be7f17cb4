/* Expressions of the form language (relevant, constraint, warn, calculate),
 * evaluated by SQLite itself: a read-only `SELECT (expr)` on a private
 * in-memory connection, with the answers bound as $name parameters and an
 * authorizer that denies everything but reading. Not a parser of our own.
 *
 * Binding: a missing answer is NULL; text and dates are TEXT; integers are
 * INTEGER; decimals and hours (in hours) are REAL; booleans are 1/0; multi
 * choices and repeats are their JSON text, so json_each() works on them.
 * Functions added: selected(multi, value) -> 0/1, count_selected(multi),
 * age(date) -> whole years at today, today() -> 'YYYY-MM-DD' (PARCOURS_TODAY). */
#ifndef PARCOURS_EXPR_H
#define PARCOURS_EXPR_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

struct pc_json;
struct pc_expr;

/* Opens an evaluator. PC_UNUSABLE (with a problem) if SQLite cannot. */
enum pc_status pc_expr_open(struct pc_expr **out, struct pc_problems *pr);
void pc_expr_close(struct pc_expr **ev);

/* Prepares `expr` once (cached) and lists the $names it uses, without the
 * '$', in order of first use. On failure returns false and sets *error to a
 * malloc'ed message (SQLite's words, translated prefix). *names is a
 * malloc'ed array of malloc'ed strings; free with pc_expr_names_free. */
bool pc_expr_names(struct pc_expr *ev, const char *expr, char ***names, size_t *n, char **error);
void pc_expr_names_free(char ***names, size_t n);

/* Evaluates `expr`. Each $name is looked up in `row` first (a repeat row, may
 * be NULL) then in `answers` (an object, may be NULL). *result receives a new
 * JSON value: NULL, number, or string. Returns false with *error on failure. */
bool pc_expr_eval(struct pc_expr *ev, const char *expr, const struct pc_json *answers,
		  const struct pc_json *row, struct pc_json **result, char **error);

/* Evaluates `expr` as a condition: 1 true (non-zero), 0 false, -1 NULL.
 * Returns false with *error on failure. */
bool pc_expr_test(struct pc_expr *ev, const char *expr, const struct pc_json *answers,
		  const struct pc_json *row, int *truth, char **error);

#endif
