/* parcours renew FILE_NO (--until YYYY-MM-DD | --months N)
 * Renews the work contract of a person's open enrolment (Premières Heures,
 * chantier d'insertion); each renewal is kept with who and when. The rules
 * are the core's (contract.h). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/contract.h"
#include "parcours/i18n.h"

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);
	return !strncmp(a, name, n) && (a[n] == '\0' || a[n] == '=');
}

static int renew_help(void)
{
	printf("%s\n\n", _("parcours renew: renew the work contract of a person's enrolment"));
	printf("  parcours renew FILE_NO --until YYYY-MM-DD\n");
	printf("  parcours renew FILE_NO --months N\n\n");
	printf("%s\n", _("--until gives the new end; --months adds N months (1 to 60) after the "
			 "current end, the renewal starting the day after it. The programme must "
			 "have renewable contracts (contract: in programmes.yaml). When no end was "
			 "recorded at enrolment, this records the first one."));
	return 0;
}

int cli_renew(struct cli *c)
{
	const char *file_no = NULL, *until = NULL, *months = NULL;
	int rc = 0;
	for (int i = 0; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return renew_help();
		if (is_opt(a, "--until")) {
			if (!(until = cli_optarg(c->argc, c->argv, &i, "--until")))
				rc = PC_USAGE;
		} else if (is_opt(a, "--months")) {
			if (!(months = cli_optarg(c->argc, c->argv, &i, "--months")))
				rc = PC_USAGE;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage(_("unknown option for renew: %s"), a);
		} else if (!file_no) {
			file_no = a;
		} else {
			rc = cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (!rc && (!file_no || (!until && !months) || (until && months)))
		rc = cli_usage("%s", _("usage: parcours renew FILE_NO (--until YYYY-MM-DD | "
				       "--months N)"));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (!rc) {
		char end[11] = "";
		enum pc_status st = pc_renew(&c->ctx, file_no, until, months, end, &c->pr);
		if (st == PC_OK)
			printf(_("%s: contract renewed until %s\n"), file_no, end);
		rc = cli_report(c, st);
	}
	return rc;
}
