/* parcours export FORM [--csv|--json]: all current answers of a form,
 * streamed to standard output (CSV by default). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/i18n.h"

static bool write_stdout(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	return fwrite(data, 1, len, stdout) == len;
}

int cli_export(struct cli *c)
{
	const char *form = NULL;
	enum pc_export_format fmt = PC_EXPORT_CSV;
	for (int i = 0; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--csv"))
			fmt = PC_EXPORT_CSV;
		else if (!strcmp(c->argv[i], "--json"))
			fmt = PC_EXPORT_JSON;
		else if (c->argv[i][0] == '-' && c->argv[i][1])
			return cli_usage(_("unknown option for export: %s"), c->argv[i]);
		else if (!form)
			form = c->argv[i];
		else
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
	}
	if (!form)
		return cli_usage("%s", _("usage: parcours export FORM [--csv|--json]"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc)
		return rc;
	enum pc_status st = pc_export(&c->ctx, form, fmt, write_stdout, NULL, &c->pr);
	if (fflush(stdout) != 0 && st == PC_OK) {
		pc_problems_add(&c->pr, false, "export", "%s", _("the export could not be written"));
		st = PC_UNUSABLE;
	}
	return cli_report(c, st);
}
