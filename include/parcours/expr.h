/* Expressions of the form language (relevant, constraint, warn, calculate),
 * evaluated by SQLite itself: a read-only `SELECT (expr)` on a private
 * in-memory connection, with the answers bound as $name parameters and an
 * authorizer that denies everything but reading. Not a parser of our own.
 *
 * Binding: a missing answer is NULL; text and dates are TEXT; integers are
 * INTEGER; decimals and hours (in hours) are REAL; booleans are 1/0; multi
 * choices and repeats are their JSON text, so json_each() works on them.
 * Functions added: selected(multi, value) -> 0/1, count_selected(multi),
 * age(date) -> whole years at today, today() -> 'YYYY-MM-DD' (PARCOURS_TODAY).
 *
 * Limits (a form is data an administrator edits; a mistake must not hang or
 * exhaust the machine): only the functions of an allowlist may be called
 * (pc_expr_function_allowed); one evaluation is stopped after
 * PC_EXPR_TIME_LIMIT_MS of processor time (a busy machine that keeps the
 * run waiting never refuses a save; a run kept waiting a hundred times the
 * limit is stopped all the same), after PC_EXPR_MEMORY_LIMIT_MB of
 * SQLite memory grown during the run, or after 100,000,000 VM steps; a value
 * is at most 1 MB; temporary storage (sorts, CTEs) stays in memory and
 * counts against the memory limit. */
#ifndef PARCOURS_EXPR_H
#define PARCOURS_EXPR_H
#include <stdbool.h>
#include <stddef.h>
#include "parcours/err.h"

struct pc_json;
struct pc_expr;

enum {
	PC_EXPR_TIME_LIMIT_MS = 50,
	PC_EXPR_MEMORY_LIMIT_MB = 32,
};

/* Why the last evaluation stopped early, if it did. */
enum pc_expr_stop {
	PC_EXPR_RAN,    /* it finished, or failed for another reason */
	PC_EXPR_TIME,   /* the time limit */
	PC_EXPR_MEMORY, /* the memory limit, or a value larger than 1 MB */
	PC_EXPR_STEPS,  /* the step limit */
};

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
 * JSON value: NULL, number, or string. Returns false with *error on failure,
 * including a run stopped by a limit (then pc_expr_stopped says which). */
bool pc_expr_eval(struct pc_expr *ev, const char *expr, const struct pc_json *answers,
		  const struct pc_json *row, struct pc_json **result, char **error);

/* Which limit stopped the last pc_expr_eval/pc_expr_test of `ev`, or
 * PC_EXPR_RAN. A limit depends on the answers as much as on the form, so a
 * face may report it at the field rather than as a broken definition. */
enum pc_expr_stop pc_expr_stopped(const struct pc_expr *ev);

/* Changes the time and memory limits of `ev` (0: the default above). For
 * tests, which need one limit out of the way to reach the other. */
void pc_expr_set_limits(struct pc_expr *ev, int time_ms, int memory_mb);

/* Whether an expression may call the SQL function `name` (case-insensitive):
 * SQLite's core scalar, date/time, math, JSON and aggregate functions and the
 * four above; not randomness, not the engine's internals (fts3_tokenizer,
 * sqlite_*, load_extension...). */
bool pc_expr_function_allowed(const char *name);

/* Evaluates `expr` as a condition: 1 true (non-zero), 0 false, -1 NULL.
 * Returns false with *error on failure. */
bool pc_expr_test(struct pc_expr *ev, const char *expr, const struct pc_json *answers,
		  const struct pc_json *row, int *truth, char **error);

#endif
