/* The form language's expressions, evaluated by SQLite (expr.h): each is
 * prepared once as `SELECT (expr)` on a private in-memory connection and run
 * with the answers bound as $name. An authorizer allows reading and calling
 * functions only, and a progress handler stops runaway expressions. This file
 * does not know forms or validation rules: it evaluates what it is given. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "parcours/clock.h"
#include "parcours/expr.h"
#include "parcours/i18n.h"
#include "parcours/json.h"
#include "parcours/value.h"

/* A prepared expression and the $names it uses (without '$'). */
struct cached {
	char *text;
	sqlite3_stmt *stmt;
	char **names;
	size_t nnames;
};

struct pc_expr {
	sqlite3 *db;
	struct cached *slots; /* open addressing on the expression text */
	size_t cap, len;
};

enum {
	EXPR_MAX_LENGTH = 4096,       /* characters of one expression */
	EXPR_MAX_STEPS = 2000000,     /* VM steps before an expression is stopped */
	EXPR_PROGRESS_EVERY = 1000,
	VALUE_MAX_LENGTH = 1 << 20,   /* bytes of any string or blob */
};

/* ---- functions offered to expressions ---- */

/* The array held in a bound multi-choice answer; NULL when it is not one. */
static struct pc_json *array_arg(sqlite3_value *v)
{
	if (sqlite3_value_type(v) != SQLITE_TEXT)
		return NULL;
	const char *s = (const char *)sqlite3_value_text(v);
	struct pc_json *j = pc_json_parse(s, (size_t)sqlite3_value_bytes(v), NULL, 0);
	if (j && j->kind != PC_JSON_ARRAY)
		pc_json_free(&j);
	return j;
}

static void fn_selected(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct pc_json *arr = array_arg(argv[0]);
	const char *want = (const char *)sqlite3_value_text(argv[1]);
	int found = 0;
	for (size_t i = 0; arr && want && i < arr->len; i++)
		if (arr->items[i]->kind == PC_JSON_STRING && !strcmp(arr->items[i]->string, want))
			found = 1;
	pc_json_free(&arr);
	sqlite3_result_int(ctx, found);
}

static void fn_count_selected(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct pc_json *arr = array_arg(argv[0]);
	sqlite3_result_int64(ctx, arr ? (sqlite3_int64)arr->len : 0);
	pc_json_free(&arr);
}

static void fn_age(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	int y, m, d, ty, tm, td;
	char today[11];
	pc_clock_today(today);
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	if (!s || !pc_parse_date(s, &y, &m, &d) || !pc_parse_date(today, &ty, &tm, &td)) {
		sqlite3_result_null(ctx);
		return;
	}
	int age = ty - y - ((tm < m || (tm == m && td < d)) ? 1 : 0);
	sqlite3_result_int(ctx, age);
}

static void fn_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	char today[11];
	pc_clock_today(today);
	sqlite3_result_text(ctx, today, -1, SQLITE_TRANSIENT);
}

/* Expressions may read (json_each's columns, CTEs) and call functions;
 * nothing else: no pragma, attach, write or schema change. */
static int authorize(void *u, int action, const char *a, const char *b, const char *c,
		     const char *d)
{
	(void)u;
	(void)b;
	(void)c;
	(void)d;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_FUNCTION:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_READ: /* the answers' JSON through json_each/json_tree, nothing else */
		return a && (!strcmp(a, "json_each") || !strcmp(a, "json_tree")) ? SQLITE_OK
										   : SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

static int progress(void *u)
{
	int *steps = u;
	return ++*steps > EXPR_MAX_STEPS / EXPR_PROGRESS_EVERY;
}

static int step_count; /* reset before each evaluation; one evaluator per thread */

enum pc_status pc_expr_open(struct pc_expr **out, struct pc_problems *pr)
{
	*out = NULL;
	struct pc_expr *ev = calloc(1, sizeof(*ev));
	if (!ev) {
		pc_problems_add(pr, false, "expressions", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	int rc = sqlite3_open_v2(":memory:", &ev->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
				 NULL);
	if (rc != SQLITE_OK) {
		pc_problems_add(pr, false, "expressions", _("SQLite could not start: %s"),
				sqlite3_errstr(rc));
		sqlite3_close(ev->db);
		free(ev);
		return PC_UNUSABLE;
	}
	sqlite3_limit(ev->db, SQLITE_LIMIT_SQL_LENGTH, EXPR_MAX_LENGTH + 32);
	sqlite3_limit(ev->db, SQLITE_LIMIT_LENGTH, VALUE_MAX_LENGTH);
	sqlite3_limit(ev->db, SQLITE_LIMIT_ATTACHED, 0);
	const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	sqlite3_create_function(ev->db, "selected", 2, det, NULL, fn_selected, NULL, NULL);
	sqlite3_create_function(ev->db, "count_selected", 1, det, NULL, fn_count_selected, NULL,
				NULL);
	sqlite3_create_function(ev->db, "age", 1, SQLITE_UTF8, NULL, fn_age, NULL, NULL);
	sqlite3_create_function(ev->db, "today", 0, SQLITE_UTF8, NULL, fn_today, NULL, NULL);
	/* json_each and json_tree are connected once, before the authorizer,
	 * since connecting a virtual table writes the in-memory schema */
	sqlite3_stmt *warm = NULL;
	sqlite3_prepare_v2(ev->db, "SELECT * FROM json_each('[]'), json_tree('[]')", -1, &warm,
			   NULL);
	sqlite3_finalize(warm);
	sqlite3_set_authorizer(ev->db, authorize, NULL);
	sqlite3_progress_handler(ev->db, EXPR_PROGRESS_EVERY, progress, &step_count);
	*out = ev;
	return PC_OK;
}

static void cached_free(struct cached *c)
{
	free(c->text);
	sqlite3_finalize(c->stmt);
	pc_expr_names_free(&c->names, c->nnames);
}

void pc_expr_close(struct pc_expr **ev)
{
	if (!ev || !*ev)
		return;
	for (size_t i = 0; i < (*ev)->cap; i++)
		if ((*ev)->slots[i].text)
			cached_free(&(*ev)->slots[i]);
	free((*ev)->slots);
	sqlite3_close((*ev)->db);
	free(*ev);
	*ev = NULL;
}

void pc_expr_names_free(char ***names, size_t n)
{
	if (!names || !*names)
		return;
	for (size_t i = 0; i < n; i++)
		free((*names)[i]);
	free(*names);
	*names = NULL;
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static char *dup_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *dup_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (s) {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return s;
}

static bool grow(struct pc_expr *ev)
{
	size_t cap = ev->cap ? ev->cap * 2 : 64;
	struct cached *slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return false;
	for (size_t i = 0; i < ev->cap; i++) {
		if (!ev->slots[i].text)
			continue;
		size_t j = hash(ev->slots[i].text) & (cap - 1);
		while (slots[j].text)
			j = (j + 1) & (cap - 1);
		slots[j] = ev->slots[i];
	}
	free(ev->slots);
	ev->slots = slots;
	ev->cap = cap;
	return true;
}

/* Prepares `expr` (or finds it prepared). Returns NULL with *error set. */
static struct cached *prepare(struct pc_expr *ev, const char *expr, char **error)
{
	*error = NULL;
	if (ev->cap) {
		for (size_t j = hash(expr) & (ev->cap - 1); ev->slots[j].text; j = (j + 1) & (ev->cap - 1))
			if (!strcmp(ev->slots[j].text, expr))
				return &ev->slots[j];
	}
	if (strlen(expr) > EXPR_MAX_LENGTH) {
		*error = strdup(_("the expression is too long"));
		return NULL;
	}
	struct cached c = {0};
	size_t n = strlen(expr) + 16;
	char *sql = malloc(n);
	if (!sql) {
		*error = strdup(_("out of memory"));
		return NULL;
	}
	snprintf(sql, n, "SELECT (%s\n)", expr);
	const char *tail = NULL;
	int rc = sqlite3_prepare_v2(ev->db, sql, -1, &c.stmt, &tail);
	if (rc == SQLITE_OK && tail && tail[strspn(tail, " \t\r\n")]) {
		/* "1); DROP ..." or any second statement */
		*error = strdup(_("the expression must be a single expression"));
		goto fail;
	}
	if (rc != SQLITE_OK || !c.stmt) {
		*error = dup_error(_("SQLite cannot read this expression: %s"),
				   rc == SQLITE_OK ? _("it is empty") : sqlite3_errmsg(ev->db));
		goto fail;
	}
	if (!sqlite3_stmt_readonly(c.stmt)) {
		*error = strdup(_("the expression must only read"));
		goto fail;
	}
	int np = sqlite3_bind_parameter_count(c.stmt);
	c.names = calloc((size_t)np + 1, sizeof(char *));
	if (!c.names)
		goto oom;
	for (int i = 1; i <= np; i++) {
		const char *name = sqlite3_bind_parameter_name(c.stmt, i);
		if (!name || name[0] != '$') {
			*error = dup_error(_("write answers as $name (found \"%s\")"), name ? name : "?");
			goto fail;
		}
		if (!(c.names[c.nnames++] = strdup(name + 1)))
			goto oom;
	}
	if (!(c.text = strdup(expr)))
		goto oom;
	if ((ev->len + 1) * 2 > ev->cap && !grow(ev)) {
		free(c.text);
		c.text = NULL;
		goto oom;
	}
	size_t j = hash(expr) & (ev->cap - 1);
	while (ev->slots[j].text)
		j = (j + 1) & (ev->cap - 1);
	ev->slots[j] = c;
	ev->len++;
	free(sql);
	return &ev->slots[j];
oom:
	*error = strdup(_("out of memory"));
fail:
	free(sql);
	cached_free(&c);
	return NULL;
}

bool pc_expr_names(struct pc_expr *ev, const char *expr, char ***names, size_t *n, char **error)
{
	*names = NULL;
	*n = 0;
	struct cached *c = prepare(ev, expr, error);
	if (!c)
		return false;
	char **copy = calloc(c->nnames + 1, sizeof(char *));
	if (!copy)
		goto oom;
	for (size_t i = 0; i < c->nnames; i++)
		if (!(copy[i] = strdup(c->names[i]))) {
			pc_expr_names_free(&copy, i);
			goto oom;
		}
	*names = copy;
	*n = c->nnames;
	return true;
oom:
	*error = strdup(_("out of memory"));
	return false;
}

static int bind_json(sqlite3_stmt *st, int i, const struct pc_json *v)
{
	if (!v)
		return sqlite3_bind_null(st, i);
	switch (v->kind) {
	case PC_JSON_NULL:
		return sqlite3_bind_null(st, i);
	case PC_JSON_FALSE:
		return sqlite3_bind_int(st, i, 0);
	case PC_JSON_TRUE:
		return sqlite3_bind_int(st, i, 1);
	case PC_JSON_NUMBER:
		if (v->integral)
			return sqlite3_bind_int64(st, i, v->integer);
		return sqlite3_bind_double(st, i, v->number);
	case PC_JSON_STRING:
		return sqlite3_bind_text(st, i, v->string, -1, SQLITE_STATIC);
	default: {
		char *text = pc_json_to_string(v);
		if (!text)
			return SQLITE_NOMEM;
		return sqlite3_bind_text(st, i, text, -1, free);
	}
	}
}

bool pc_expr_eval(struct pc_expr *ev, const char *expr, const struct pc_json *answers,
		  const struct pc_json *row, struct pc_json **result, char **error)
{
	*result = NULL;
	struct cached *c = prepare(ev, expr, error);
	if (!c)
		return false;
	for (size_t i = 0; i < c->nnames; i++) {
		const struct pc_json *v = row ? pc_json_object_get(row, c->names[i]) : NULL;
		if (!v && answers)
			v = pc_json_object_get(answers, c->names[i]);
		if (bind_json(c->stmt, (int)i + 1, v) != SQLITE_OK) {
			*error = strdup(_("out of memory"));
			goto out;
		}
	}
	step_count = 0;
	int rc = sqlite3_step(c->stmt);
	if (rc == SQLITE_ROW) {
		switch (sqlite3_column_type(c->stmt, 0)) {
		case SQLITE_NULL:
			*result = pc_json_new(PC_JSON_NULL);
			break;
		case SQLITE_INTEGER:
			*result = pc_json_new_integer(sqlite3_column_int64(c->stmt, 0));
			break;
		case SQLITE_FLOAT:
			*result = pc_json_new_number(sqlite3_column_double(c->stmt, 0));
			break;
		default:
			*result = pc_json_new_string((const char *)sqlite3_column_text(c->stmt, 0));
			break;
		}
		if (!*result)
			*error = strdup(_("out of memory"));
	} else if (rc == SQLITE_INTERRUPT) {
		*error = strdup(_("the expression takes too long to compute"));
	} else {
		*error = dup_error(_("the expression failed: %s"), sqlite3_errmsg(ev->db));
	}
out:
	sqlite3_reset(c->stmt);
	sqlite3_clear_bindings(c->stmt);
	return *result != NULL;
}

bool pc_expr_test(struct pc_expr *ev, const char *expr, const struct pc_json *answers,
		  const struct pc_json *row, int *truth, char **error)
{
	struct pc_json *r = NULL;
	*truth = -1;
	if (!pc_expr_eval(ev, expr, answers, row, &r, error))
		return false;
	if (r->kind == PC_JSON_NUMBER)
		*truth = r->number != 0;
	else if (r->kind == PC_JSON_STRING) /* SQLite's rule: text is converted to a number */
		*truth = strtod(r->string, NULL) != 0;
	pc_json_free(&r);
	return true;
}
