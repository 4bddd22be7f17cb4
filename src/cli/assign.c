/* parcours assign FILE_NO LOGIN
 * A supervisor gives a participant a counsellor (their caseload). Who may,
 * and which logins can follow people, is decided by the core (caseload.h);
 * this file reads the arguments and says what happened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/caseload.h"
#include "parcours/i18n.h"

static void help(void)
{
	printf("%s\n\n", _("parcours assign: give a participant a counsellor (supervisors)"));
	printf("  parcours assign FILE_NO LOGIN\n\n");
	printf("%s\n", _("LOGIN must be an enabled staff member with the counsellor role. The "
	                 "person joins their caseload: the counsellor then reads and writes the "
	                 "forms open to \"caseload\". The change is recorded in the audit log "
	                 "(action assign, \"OLD -> NEW\")."));
}

int cli_assign(struct cli *c)
{
	const char *file_no = NULL, *login = NULL;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help();
			return 0;
		}
		if (a[0] == '-' && a[1])
			return cli_usage(_("unknown option for assign: %s"), a);
		if (!file_no)
			file_no = a;
		else if (!login)
			login = a;
		else
			return cli_usage(_("unexpected argument: %s"), a);
	}
	if (!file_no || !login)
		return cli_usage("%s", _("usage: parcours assign FILE_NO LOGIN"));
	int rc = cli_open(c, true, PC_STORE_WRITE, false);
	if (rc)
		return rc;
	char *was = NULL;
	bool changed = false;
	enum pc_status st = pc_assign(&c->ctx, file_no, login, &was, &changed, &c->pr);
	if (st == PC_OK && !changed)
		printf(_("%s is already followed by %s\n"), file_no, login);
	else if (st == PC_OK && was)
		printf(_("%s: counsellor %s (was %s)\n"), file_no, login, was);
	else if (st == PC_OK)
		printf(_("%s: counsellor %s\n"), file_no, login);
	free(was);
	return cli_report(c, st);
}
