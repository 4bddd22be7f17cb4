/* parcours export FORM [--csv [--raw]|--json]: all current answers of a
 * form, streamed to standard output (CSV by default, its text cells guarded
 * against spreadsheet formulas unless --raw). */
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
	bool csv = false, json = false, raw = false;
	for (int i = 0; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--csv"))
			csv = true;
		else if (!strcmp(c->argv[i], "--json"))
			json = true;
		else if (!strcmp(c->argv[i], "--raw"))
			raw = true;
		else if (c->argv[i][0] == '-' && c->argv[i][1])
			return cli_usage(_("unknown option for export: %s"), c->argv[i]);
		else if (!form)
			form = c->argv[i];
		else
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
	}
	if (!form)
		return cli_usage("%s", _("usage: parcours export FORM [--csv [--raw]|--json]"));
	if (csv && json)
		return cli_usage("%s", _("--csv and --json cannot be used together: choose one"));
	if (raw && json)
		return cli_usage("%s", _("--raw only applies to CSV output"));
	enum pc_export_format fmt = json ? PC_EXPORT_JSON : raw ? PC_EXPORT_CSV_RAW : PC_EXPORT_CSV;
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
