/* parcours show FILE_NO [--json] [--exceptional REASON]: everything held on
 * one participant; the text form with control characters escaped. With a
 * reason, a counsellor reads a file outside their caseload (caseload.h). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/caseload.h"
#include "parcours/core.h"
#include "parcours/i18n.h"

static void help(void)
{
	printf("%s\n\n", _("parcours show: everything held on one participant that you may read"));
	printf("  parcours show FILE_NO [--json] [--exceptional REASON]\n\n");
	printf("%s\n", _("--exceptional: a counsellor reads a file outside their caseload, as the "
	                 "person's counsellor would (reading only). The reason is required, recorded "
	                 "in the audit log and shown to supervisors."));
}

/* Opens the file outside the caller's caseload for `reason` before it is read. */
static enum pc_status exceptional(struct cli *c, const char *file_no, const char *reason)
{
	struct pc_participant p = {0};
	enum pc_status st = pc_file_get(&c->ctx, file_no, &p, &c->pr);
	if (st == PC_OK)
		st = pc_exceptional_open(&c->ctx, &p, reason, NULL, &c->pr);
	pc_participant_clear(&p);
	return st;
}

int cli_show(struct cli *c)
{
	const char *file_no = NULL, *reason = NULL;
	bool json = false;
	for (int i = 0; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--help") || !strcmp(c->argv[i], "-h")) {
			help();
			return 0;
		}
		if (!strcmp(c->argv[i], "--json"))
			json = true;
		else if (!strncmp(c->argv[i], "--exceptional", 13) &&
		         (c->argv[i][13] == '\0' || c->argv[i][13] == '=')) {
			if (!(reason = cli_optarg(c->argc, c->argv, &i, "--exceptional")))
				return PC_USAGE;
		}
		else if (c->argv[i][0] == '-' && c->argv[i][1])
			return cli_usage(_("unknown option for show: %s"), c->argv[i]);
		else if (!file_no)
			file_no = c->argv[i];
		else
			return cli_usage(_("unexpected argument: %s"), c->argv[i]);
	}
	if (!file_no)
		return cli_usage("%s", _("usage: parcours show FILE_NO [--json] [--exceptional REASON]"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc)
		return rc;
	enum pc_status st = reason ? exceptional(c, file_no, reason) : PC_OK;
	/* written as it is read: stored text escaped, shown and never obeyed */
	if (st == PC_OK)
		st = pc_show_write(&c->ctx, file_no, json, json ? cli_write_stdout : cli_write_escaped,
				   NULL, &c->pr);
	return cli_report(c, st);
}
