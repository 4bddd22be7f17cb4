/* Plumbing shared by the commands: opening the store and forms in the order
 * DESIGN.md sets, printing problems as FIELD: message, usage errors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/clock.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"
#include "parcours/programme.h"
#include "parcours/staff.h"
#include "parcours/store.h"

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("parcours: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
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

int cli_report(struct cli *c, enum pc_status st)
{
	for (size_t i = 0; i < c->pr.len; i++) {
		const struct pc_problem *p = &c->pr.items[i];
		if (p->warning)
			fprintf(stderr, "%s: %s: %s\n", p->where, _("warning"), p->message);
		else
			fprintf(stderr, "%s: %s\n", p->where, p->message);
	}
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
	free(path);
	return st;
}

int cli_open(struct cli *c, bool store, enum pc_store_mode mode, bool forms)
{
	enum pc_status st = PC_OK;
	c->ctx.login = pc_login();
	pc_clock_today(c->ctx.today);
	if (forms) {
		c->forms_dir = pc_default_forms_dir(c->forms_opt);
		st = pc_expr_open(&c->ctx.expr, &c->pr);
		if (st == PC_OK)
			st = pc_formset_load(c->forms_dir, c->ctx.expr, &c->ctx.forms, &c->pr);
		if (st == PC_OK)
			st = load_programmes(c);
		if (st != PC_OK)
			return cli_report(c, PC_UNUSABLE);
	}
	if (store) {
		c->db_path = pc_default_db_path(c->db_opt);
		if (!c->db_path)
			return cli_report(c, PC_UNUSABLE);
		st = pc_store_open(c->db_path, mode, &c->ctx.store, &c->pr);
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
