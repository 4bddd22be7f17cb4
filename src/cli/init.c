/* parcours init [--site CODE]: create the database, or bring an older one
 * up to the current schema, and optionally give it its site code. The
 * person who creates it is its first administrator (cli_open,
 * pc_staff_admit); on an existing database no role changes. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/i18n.h"
#include "parcours/site.h"
#include "parcours/store.h"

static void help(void)
{
	printf("%s\n\n", _("parcours init: create the database or upgrade its schema"));
	printf("  parcours init [--site CODE]\n\n");
	printf("%s\n", _("--site CODE gives the database a site code (1 to 16 letters, digits, - "
	                 "or _; administrators): its new files are then numbered CODE-YYYY-NNNN "
	                 "instead of YYYY-NNNN, so that copies exchanging changes never give the "
	                 "same number. Existing numbers keep their form; the code cannot be "
	                 "changed once set."));
}

int cli_init(struct cli *c)
{
	const char *site = NULL;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			help();
			return 0;
		}
		if (!strncmp(a, "--site", 6) && (a[6] == '\0' || a[6] == '=')) {
			if (!(site = cli_optarg(c->argc, c->argv, &i, "--site")))
				return 2;
			continue;
		}
		return cli_usage(_("init takes no argument (got \"%s\")"), a);
	}
	if (site && !pc_site_ok(site)) {
		pc_problems_add(&c->pr, false, "site",
		                _("\"%s\" is not a site code: 1 to 16 letters, digits, - or _"),
		                site);
		return cli_report(c, PC_REFUSED);
	}
	int rc = cli_open(c, true, PC_STORE_CREATE, false);
	if (rc)
		return rc;
	enum pc_status st = site ? pc_site_set(&c->ctx, site, &c->pr) : PC_OK;
	if (st != PC_OK)
		return cli_report(c, st);
	printf(_("Database ready: %s (schema %d)\n"), c->db_path,
	       pc_store_schema_version(c->ctx.store));
	char have[PC_SITE_MAX + 1] = "";
	if (pc_store_site_get(c->ctx.store, have, &c->pr) == PC_OK && have[0])
		printf(_("Site code: %s (new files are numbered %s-YYYY-NNNN)\n"), have, have);
	if (c->founded)
		printf(_("%s is its first administrator (and supervisor): add the staff with "
			 "\"parcours staff add\"\n"),
		       c->ctx.login);
	return 0;
}
