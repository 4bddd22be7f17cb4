/* Plumbing shared by the commands: opening the store and forms in the order
 * DESIGN.md sets, printing problems as FIELD: message, usage errors. What is
 * printed here may echo input, so it is escaped and cut (text.h) and a flood
 * of problems stops after PROBLEMS_SHOWN. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/clock.h"
#include "parcours/eligibility.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "parcours/store.h"
#include "parcours/text.h"

/* How much of what a command echoes is shown: a field path or JSON key, a
 * whole message (which may quote a value), the number of problems. */
enum { WHERE_MAX = 60, MESSAGE_MAX = 240, PROBLEMS_SHOWN = 20 };

/* Prints s to stderr escaped and cut to max characters with "…"; needs no
 * memory, so that "out of memory" itself can be said. */
static void put_safe(const char *s, size_t max)
{
	size_t n = strlen(s), chars = 0;
	for (size_t i = 0; i < n; chars++) {
		uint32_t cp;
		size_t len = pc_utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
	}
	size_t keep = chars > max ? max - 1 : chars;
	for (size_t i = 0; keep--;) {
		char out[8];
		i += pc_text_escape_char(s + i, n - i, false, out);
		fputs(out, stderr);
	}
	if (chars > max)
		fputs("…", stderr);
}

/* True for "FILE:LINE:COL" or a path: what forms and programmes report. */
static bool is_location(const char *where)
{
	if (strchr(where, '/'))
		return true;
	const char *p = where + strlen(where);
	for (int part = 0; part < 2; part++) {
		const char *end = p;
		while (p > where && p[-1] >= '0' && p[-1] <= '9')
			p--;
		if (p == end || p == where || p[-1] != ':')
			return false;
		p--;
	}
	return true;
}

/* A file location is shown whole, up to MESSAGE_MAX, so that editors can
 * jump to it; a field path or JSON key is cut sooner. */
static void put_where(const char *where)
{
	put_safe(where, is_location(where) ? MESSAGE_MAX : WHERE_MAX);
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("parcours: ", stderr);
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (msg) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	put_safe(msg ? msg : _("out of memory"), MESSAGE_MAX);
	free(msg);
	fprintf(stderr, "\n%s\n", _("Try 'parcours --help' for the list of commands."));
	return PC_USAGE;
}

const char *cli_optarg(int argc, char **argv, int *i, const char *name)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (!strncmp(a, name, n) && a[n] == '=')
		return a + n + 1;
	if (*i + 1 >= argc) {
		cli_usage(_("%s needs a value"), name);
		return NULL;
	}
	return argv[++*i];
}

void cli_print_problem(const struct pc_problem *p)
{
	put_where(p->where);
	fputs(": ", stderr);
	if (p->warning)
		fprintf(stderr, "%s: ", _("warning"));
	put_safe(p->message, MESSAGE_MAX);
	fputc('\n', stderr);
}

int cli_report(struct cli *c, enum pc_status st)
{
	/* a form read on demand whose definition could not be used: said, and
	 * the command did not do all it was asked */
	if (pc_formset_failures(c->ctx.forms, &c->pr) && st == PC_OK)
		st = PC_UNUSABLE;
	size_t shown = c->pr.len < PROBLEMS_SHOWN ? c->pr.len : PROBLEMS_SHOWN;
	for (size_t i = 0; i < shown; i++)
		cli_print_problem(&c->pr.items[i]);
	if (c->pr.len > shown) {
		size_t more = c->pr.len - shown;
		fputs("parcours: ", stderr);
		fprintf(stderr, P_("… and %zu more problem", "… and %zu more problems", more),
		        more);
		fputc('\n', stderr);
	}
	/* a failure that could not even record its problem ran out of memory */
	if (st != PC_OK && st != PC_USAGE && !pc_problems_errors(&c->pr))
		fprintf(stderr, "parcours: %s\n", _("out of memory"));
	pc_problems_clear(&c->pr);
	return (int)st;
}

/* forms/programmes.yaml next to the forms; absent means no programme. */
static enum pc_status load_programmes(struct cli *c)
{
	size_t n = strlen(c->forms_dir) + sizeof("/programmes.yaml");
	char *path = malloc(n);
	if (!path) {
		pc_problems_add(&c->pr, false, "programmes", "%s", _("out of memory"));
		return PC_UNUSABLE;
	}
	snprintf(path, n, "%s/programmes.yaml", c->forms_dir);
	enum pc_status st = pc_programmes_load(path, &c->ctx.programmes, &c->pr);
	/* eligibility reads the intake's answers: a condition on a field or an
	 * answer the intake does not have would refuse everyone. So the intake
	 * is read (and checked) whenever a programme has conditions, except
	 * by what enrols nobody, or not at once (c->enrols_nobody) */
	if (st == PC_OK && !c->enrols_nobody)
		st = pc_eligibility_check_intake(&c->ctx, &c->pr);
	free(path);
	return st;
}

/* The forms of c->forms_dir and the programmes, as cli_open says. */
static enum pc_status load_forms(struct cli *c)
{
	enum pc_status st = PC_OK;
	if (c->lazy_forms)
		st = pc_formset_open(c->forms_dir, c->ctx.expr, &c->ctx.forms, &c->pr);
	else
		st = pc_formset_load(c->forms_dir, c->ctx.expr, &c->ctx.forms, &c->pr);
	if (st == PC_OK && !c->reads_no_programmes)
		st = load_programmes(c);
	return st;
}

enum pc_status cli_reload_forms(struct cli *c)
{
	pc_formset_free(&c->ctx.forms);
	pc_programmes_free(&c->ctx.programmes);
	return load_forms(c) == PC_OK ? PC_OK : PC_UNUSABLE;
}

int cli_open(struct cli *c, bool store, enum pc_store_mode mode, bool forms)
{
	enum pc_status st = PC_OK;
	pc_store_startup();
	c->ctx.login = pc_login();
	pc_clock_today(c->ctx.today);
	/* the database first named: a laptop copy's forms are beside it */
	if (store && !(c->db_path = pc_default_db_path(c->db_opt)))
		return cli_report(c, PC_UNUSABLE);
	if (forms) {
		c->forms_dir = pc_default_forms_dir(c->forms_opt, c->db_path);
		st = c->forms_dir ? pc_expr_open(&c->ctx.expr, &c->pr) : PC_UNUSABLE;
		if (st == PC_OK)
			st = load_forms(c);
		if (st != PC_OK)
			return cli_report(c, PC_UNUSABLE);
	}
	if (store) {
		st = pc_store_open(c->db_path, mode, &c->ctx.store, &c->pr);
		if (st == PC_OK) /* a command stays within a few MiB (issue 16) */
			st = pc_store_bounded(c->ctx.store, &c->pr);
		if (st != PC_OK)
			return cli_report(c, PC_UNUSABLE);
		/* an unknown or disabled login goes no further; only a new file
		 * (init, demo) makes its creator the first administrator */
		st = pc_staff_admit(&c->ctx, mode == PC_STORE_CREATE, &c->founded, &c->pr);
		if (st != PC_OK)
			return cli_report(c, st);
	}
	return 0;
}

void cli_close(struct cli *c)
{
	pc_store_close(&c->ctx.store);
	pc_formset_free(&c->ctx.forms);
	pc_programmes_free(&c->ctx.programmes);
	pc_expr_close(&c->ctx.expr);
	pc_problems_clear(&c->pr);
	free(c->db_path);
	free(c->forms_dir);
	c->db_path = c->forms_dir = NULL;
}

bool cli_write_stdout(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	return fwrite(data, 1, len, stdout) == len;
}

bool cli_write_escaped(void *ctx, const char *data, size_t len)
{
	struct pc_buf b = {0};
	pc_text_escape_to(&b, data, len, true);
	bool ok = !b.failed && cli_write_stdout(ctx, b.data ? b.data : "", b.len);
	pc_buf_free(&b);
	return ok;
}
