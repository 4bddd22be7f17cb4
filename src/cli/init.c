/* parcours init: create the database, or bring an older one up to the
 * current schema. The person who creates it is its first administrator
 * (cli_open, pc_staff_admit); on an existing database no role changes. */
#include <stdio.h>
#include "cli/cli.h"
#include "parcours/i18n.h"
#include "parcours/store.h"

int cli_init(struct cli *c)
{
	if (c->argc > 0)
		return cli_usage(_("init takes no argument (got \"%s\")"), c->argv[0]);
	int rc = cli_open(c, true, PC_STORE_CREATE, false);
	if (rc)
		return rc;
	printf(_("Database ready: %s (schema %d)\n"), c->db_path,
	       pc_store_schema_version(c->ctx.store));
	if (c->founded)
		printf(_("%s is its first administrator (and supervisor): add the staff with "
			 "\"parcours staff add\"\n"),
		       c->ctx.login);
	return 0;
}
