/* parcours export-person FILE_NO [--json]: everything held on one person
 * (pc_person_export_write), for a person asking for their file; the text form
 * with control characters escaped, as show does. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/i18n.h"
#include "parcours/person.h"

static int help(void)
{
	printf("%s\n\n", _("parcours export-person: everything held on one person (supervisors "
	                   "and the person's counsellor)"));
	printf("  parcours export-person FILE_NO [--json]\n\n");
	printf("%s\n", _("Every revision of every form, enrolments and exits with their reasons, "
	                 "hours by month, and who read or changed the file. Readable text in the "
	                 "chosen language, or JSON. The export is recorded in the audit log."));
	return 0;
}

int cli_export_person(struct cli *c)
{
	const char *file_no = NULL;
	bool json = false;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return help();
		if (!strcmp(a, "--json"))
			json = true;
		else if (a[0] == '-' && a[1])
			return cli_usage(_("unknown option for export-person: %s"), a);
		else if (!file_no)
			file_no = a;
		else
			return cli_usage(_("unexpected argument: %s"), a);
	}
	if (!file_no)
		return cli_usage("%s", _("usage: parcours export-person FILE_NO [--json]"));
	int rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (rc)
		return rc;
	/* written as it is read: stored text escaped, shown and never obeyed */
	enum pc_status st =
		pc_person_export_write(&c->ctx, file_no, json,
				       json ? cli_write_stdout : cli_write_escaped, NULL, &c->pr);
	return cli_report(c, st);
}
