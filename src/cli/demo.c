/* parcours demo [--participants N]: fills the database with synthetic
 * participants (creating it if needed), showing progress on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "parcours/demo.h"
#include "parcours/i18n.h"
#include "parcours/store.h"

static void progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	fprintf(stderr, "\r%s %zu / %zu", _("participants:"), done, total);
	if (done == total)
		fputc('\n', stderr);
}

int cli_demo(struct cli *c)
{
	long n = 50;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strncmp(a, "--participants", 14) && (a[14] == '\0' || a[14] == '=')) {
			const char *v = cli_optarg(c->argc, c->argv, &i, "--participants");
			char *end;
			if (!v)
				return PC_USAGE;
			n = strtol(v, &end, 10);
			if (*end || n < 1 || n > 10000000)
				return cli_usage(_("--participants takes a number from 1 to "
						   "10000000 (got \"%s\")"),
						 v);
		} else {
			return cli_usage(_("unknown option for demo: %s"), a);
		}
	}
	int rc = cli_open(c, true, PC_STORE_CREATE, true);
	if (rc)
		return rc;
	/* no role is given here: cli_open made the creator of a new file its
	 * first admin, and refused anyone not on the staff of an existing one */
	enum pc_status st = pc_demo_fill(&c->ctx, (size_t)n, 2026, isatty(2) ? progress : NULL, NULL,
				  &c->pr);
	if (st == PC_OK)
		printf(_("%ld synthetic participants added to %s\n"), n, c->db_path);
	return cli_report(c, st);
}
