/* parcours forms check [PATH...]: checks definition files or folders and
 * prints every problem as FILE:LINE:COL: message; exit 3 if any. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/expr.h"
#include "parcours/form.h"
#include "parcours/i18n.h"

int cli_forms(struct cli *c)
{
	if (c->argc < 1 || strcmp(c->argv[0], "check"))
		return cli_usage("%s", _("usage: parcours forms check [PATH...]"));
	struct pc_expr *ev = NULL;
	enum pc_status st = pc_expr_open(&ev, &c->pr);
	if (st != PC_OK)
		return cli_report(c, PC_UNUSABLE);
	char *dflt = NULL;
	int npaths = c->argc - 1;
	char **paths = c->argv + 1;
	if (npaths == 0) {
		char *db = pc_default_db_path(c->db_opt);
		dflt = pc_default_forms_dir(c->forms_opt, db);
		free(db);
		paths = &dflt;
		npaths = 1;
	}
	bool bad = false;
	for (int i = 0; i < npaths; i++) {
		if (!paths[i])
			continue;
		size_t before = pc_problems_errors(&c->pr);
		if (pc_form_check_path(paths[i], ev, &c->pr) != PC_OK ||
		    pc_problems_errors(&c->pr) > before)
			bad = true;
		else
			printf(_("%s: ok\n"), paths[i]);
	}
	/* FILE:LINE:COL: message, as compilers print it */
	for (size_t i = 0; i < c->pr.len; i++)
		cli_print_problem(&c->pr.items[i]);
	pc_problems_clear(&c->pr);
	free(dflt);
	pc_expr_close(&ev);
	return bad ? PC_UNUSABLE : PC_OK;
}
