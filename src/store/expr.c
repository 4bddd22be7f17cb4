/* The form language's expressions, evaluated by SQLite (expr.h): each is
 * prepared once as `SELECT (expr)` on a private in-memory connection and run
 * with the answers bound as $name. An authorizer allows reading and calling
 * listed functions only; limits and a progress handler bound each run's time,
 * memory and steps. This file does not know forms or validation rules. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
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
	/* the run in progress, watched by the progress handler */
	long long start_ns, deadline_ns; /* CLOCK_MONOTONIC */
	long long cpu_start_ns;          /* CLOCK_THREAD_CPUTIME_ID, at the first progress call */
	sqlite3_int64 memory_base; /* sqlite3_memory_used() when it started */
	int calls;                 /* progress handler calls so far */
	bool running;              /* between sqlite3_step and its end only */
	enum pc_expr_stop stop;
	int time_limit_ms, memory_limit_mb;
	char denied[64]; /* a function the authorizer refused, for the message */
};

enum {
	EXPR_MAX_LENGTH = 4096,     /* characters of one expression */
	EXPR_MAX_STEPS = 100000000, /* VM steps: a backstop, the time limit comes first */
	EXPR_PROGRESS_EVERY = 100,  /* VM steps between two looks at the clock and memory */
	VALUE_MAX_LENGTH = 1 << 20, /* bytes of any string or blob */
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

/* The functions an expression may call, sorted (bsearch). What the shipped
 * forms and a careful administrator need: text, numbers, dates, JSON,
 * aggregates over json_each, and ours. Left out on purpose: random(),
 * randomblob() (answers must not change between two evaluations),
 * zeroblob(), the engine's internals (sqlite_*, changes, last_insert_rowid,
 * load_extension) and the extensions' helpers (fts3_tokenizer gives a heap
 * address, fts/rtree/geopoly functions). */
/* clang-format off */
static const char *const allowed_functions[] = {
	"->", "->>", "abs", "acos", "age", "asin", "atan", "atan2", "avg", "ceil",
	"ceiling", "char", "coalesce", "concat", "concat_ws", "cos", "count",
	"count_selected", "date", "datetime", "degrees", "exp", "floor", "format",
	"glob", "group_concat", "hex", "ifnull", "iif", "instr", "json", "json_array",
	"json_array_length", "json_extract", "json_group_array", "json_group_object",
	"json_insert", "json_object", "json_patch", "json_quote", "json_remove",
	"json_replace", "json_set", "json_type", "json_valid", "julianday", "length",
	"like", "likelihood", "likely", "ln", "log", "log10", "log2", "lower", "ltrim",
	"max", "min", "mod", "nullif", "octet_length", "pi", "pow", "power", "printf",
	"quote", "radians", "replace", "round", "rtrim", "selected", "sign", "sin",
	"sqrt", "strftime", "string_agg", "substr", "substring", "sum", "tan",
	"timediff", "today", "total", "trim", "trunc", "typeof", "unhex", "unicode",
	"unixepoch", "unlikely", "upper",
};
/* clang-format on */

static int name_cmp(const void *key, const void *item)
{
	return strcasecmp(key, *(const char *const *)item);
}

bool pc_expr_function_allowed(const char *name)
{
	return name && bsearch(name, allowed_functions,
	                       sizeof(allowed_functions) / sizeof(allowed_functions[0]),
	                       sizeof(allowed_functions[0]), name_cmp) != NULL;
}

/* Expressions may read (json_each's columns, CTEs) and call listed
 * functions; nothing else: no pragma, attach, write or schema change. */
static int authorize(void *u, int action, const char *a, const char *b, const char *c,
		     const char *d)
{
	struct pc_expr *ev = u;
	(void)c;
	(void)d;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION: /* b is the function's name */
		if (pc_expr_function_allowed(b))
			return SQLITE_OK;
		snprintf(ev->denied, sizeof(ev->denied), "%s", b ? b : "?");
		return SQLITE_DENY;
	case SQLITE_READ: /* the answers' JSON through json_each/json_tree, nothing else */
		return a && (!strcmp(a, "json_each") || !strcmp(a, "json_tree")) ? SQLITE_OK
										   : SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

static long long clock_ns(clockid_t id)
{
	struct timespec ts;
	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Past the deadline, counted in processor time: a runaway expression
 * computes, so it spends the limit on a core; a run that only waited for
 * one (a loaded server: fifty sessions on two cores, where ten times the
 * limit in wall-clock time refused ordinary saves) goes on, up to a hundred
 * times the limit in wall-clock time. The wall clock is read first: under
 * the deadline no second clock is read. */
static bool out_of_time(struct pc_expr *ev)
{
	long long now = clock_ns(CLOCK_MONOTONIC);
	if (now <= ev->deadline_ns)
		return false;
	long long limit = ev->deadline_ns - ev->start_ns;
	long long cpu = clock_ns(CLOCK_THREAD_CPUTIME_ID) - ev->cpu_start_ns;
	return cpu >= limit || now - ev->start_ns >= 100 * limit;
}

/* Called every EXPR_PROGRESS_EVERY VM steps; non-zero interrupts the run.
 * The memory measure is SQLite's whole-process count, but only its growth
 * since the run started counts: the evaluator is used by one thread, which
 * is busy here, so the growth is this expression's sorts, CTE tables and
 * values (temp_store is MEMORY, see pc_expr_open). */
static int progress(void *u)
{
	struct pc_expr *ev = u;
	if (!ev->running) /* a statement SQLite runs for itself while preparing */
		return 0;
	if (++ev->calls == 1) /* a syscall: only for runs past the first steps */
		ev->cpu_start_ns = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	if (ev->calls > EXPR_MAX_STEPS / EXPR_PROGRESS_EVERY)
		ev->stop = PC_EXPR_STEPS;
	else if (sqlite3_memory_used() - ev->memory_base > (sqlite3_int64)ev->memory_limit_mb << 20)
		ev->stop = PC_EXPR_MEMORY;
	else if (out_of_time(ev))
		ev->stop = PC_EXPR_TIME;
	return ev->stop != PC_EXPR_RAN;
}

enum pc_expr_stop pc_expr_stopped(const struct pc_expr *ev)
{
	return ev->stop;
}

void pc_expr_set_limits(struct pc_expr *ev, int time_ms, int memory_mb)
{
	ev->time_limit_ms = time_ms > 0 ? time_ms : PC_EXPR_TIME_LIMIT_MS;
	ev->memory_limit_mb = memory_mb > 0 ? memory_mb : PC_EXPR_MEMORY_LIMIT_MB;
}

/* Settings of the private connection, run before the authorizer is set:
 * temporary tables, sorts and materialized CTEs stay in memory (where the
 * progress handler sees them) instead of files; small caches; no database
 * may grow past 256 pages (1 MB). */
static const char *const setup_sql[] = {
    "PRAGMA temp_store = MEMORY",
    "PRAGMA cache_size = -256",
    "PRAGMA main.max_page_count = 256",
    "PRAGMA temp.max_page_count = 256",
    /* json_each and json_tree are connected once, before the authorizer,
     * since connecting a virtual table writes the in-memory schema */
    "SELECT * FROM json_each('[]'), json_tree('[]')",
};

/* Limits of one expression's statement. Within what the shipped forms need
 * many times over: their longest expression has a few dozen VM operations. */
static void set_limits(sqlite3 *db)
{
	static const struct {
		int id, value;
	} limits[] = {
	    {SQLITE_LIMIT_SQL_LENGTH, EXPR_MAX_LENGTH + 32},
	    {SQLITE_LIMIT_LENGTH, VALUE_MAX_LENGTH},
	    {SQLITE_LIMIT_ATTACHED, 0},
	    {SQLITE_LIMIT_COLUMN, 100},
	    {SQLITE_LIMIT_EXPR_DEPTH, 300},
	    {SQLITE_LIMIT_COMPOUND_SELECT, 10},
	    {SQLITE_LIMIT_VDBE_OP, 10000},
	    {SQLITE_LIMIT_FUNCTION_ARG, 32},
	    {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000},
	    {SQLITE_LIMIT_VARIABLE_NUMBER, 1000},
	    {SQLITE_LIMIT_TRIGGER_DEPTH, 1},
	    {SQLITE_LIMIT_WORKER_THREADS, 0},
	};
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		sqlite3_limit(db, limits[i].id, limits[i].value);
}

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
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof(setup_sql) / sizeof(setup_sql[0]); i++)
		rc = sqlite3_exec(ev->db, setup_sql[i], NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		pc_problems_add(pr, false, "expressions", _("SQLite could not start: %s"),
				sqlite3_errstr(rc));
		sqlite3_close(ev->db);
		free(ev);
		return PC_UNUSABLE;
	}
	set_limits(ev->db);
	pc_expr_set_limits(ev, 0, 0);
	sqlite3_db_config(ev->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(ev->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(ev->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
	const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
	sqlite3_create_function(ev->db, "selected", 2, det, NULL, fn_selected, NULL, NULL);
	sqlite3_create_function(ev->db, "count_selected", 1, det, NULL, fn_count_selected, NULL,
				NULL);
	sqlite3_create_function(ev->db, "age", 1, SQLITE_UTF8, NULL, fn_age, NULL, NULL);
	sqlite3_create_function(ev->db, "today", 0, SQLITE_UTF8, NULL, fn_today, NULL, NULL);
	sqlite3_set_authorizer(ev->db, authorize, ev);
	sqlite3_progress_handler(ev->db, EXPR_PROGRESS_EVERY, progress, ev);
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
	ev->denied[0] = '\0';
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
	if (rc != SQLITE_OK && ev->denied[0]) {
		*error = dup_error(_("the function %s() is not allowed in a form"), ev->denied);
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
	ev->stop = PC_EXPR_RAN;
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
	ev->calls = 0;
	ev->memory_base = sqlite3_memory_used();
	ev->start_ns = clock_ns(CLOCK_MONOTONIC);
	ev->deadline_ns = ev->start_ns + ev->time_limit_ms * 1000000LL;
	ev->running = true;
	int rc = sqlite3_step(c->stmt);
	ev->running = false;
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
	} else if (rc == SQLITE_INTERRUPT && ev->stop == PC_EXPR_TIME) {
		*error =
		    dup_error(_("the expression took too long (more than %d ms) and was stopped"),
		              ev->time_limit_ms);
	} else if (rc == SQLITE_INTERRUPT && ev->stop == PC_EXPR_MEMORY) {
		*error = dup_error(
		    _("the expression needed too much memory (more than %d MB) and was stopped"),
		    ev->memory_limit_mb);
	} else if (rc == SQLITE_INTERRUPT) {
		*error = dup_error(
		    _("the expression took too many steps (more than %d) and was stopped"),
		    EXPR_MAX_STEPS);
	} else if (rc == SQLITE_TOOBIG) {
		ev->stop = PC_EXPR_MEMORY;
		*error = dup_error(
		    _("the expression built a value too large (more than %d MB) and was stopped"),
		    VALUE_MAX_LENGTH >> 20);
	} else if (rc == SQLITE_FULL || rc == SQLITE_NOMEM) {
		ev->stop = PC_EXPR_MEMORY;
		*error = dup_error(
		    _("the expression needed too much memory (more than %d MB) and was stopped"),
		    ev->memory_limit_mb);
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
