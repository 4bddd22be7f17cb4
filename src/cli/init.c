/* parcours init: create the database, or bring an older one up to the
 * current schema; the person who runs it is registered as an administrator. */
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
	enum pc_status st = pc_store_staff_ensure(c->ctx.store, c->ctx.login, "admin", &c->pr);
	if (st == PC_OK)
		printf(_("Database ready: %s (schema %d)\n"), c->db_path,
		       pc_store_schema_version(c->ctx.store));
	return cli_report(c, st);
}
