/* parcours submit FORM FILE_NO [--period YYYY-MM] [--reason TEXT]
 *                 (--set F=V... | --json PATH|-)
 * Saves a new revision of a form; prints its revision number. --reason is
 * needed to change a month that a supervisor has closed. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/i18n.h"
#include "parcours/json.h"

int cli_submit(struct cli *c)
{
	const char *form = NULL, *file_no = NULL, *period = NULL, *reason = NULL;
	struct pc_json *answers = NULL;
	bool used_json = false, used_set = false;
	int rc = 0;
	for (int i = 0; i < c->argc && !rc; i++) {
		const char *a = c->argv[i];
		if (!strncmp(a, "--set", 5) || !strncmp(a, "--json", 6)) {
			rc = cli_answers_option(c->argc, c->argv, &i, &answers, &used_json,
						&used_set);
		} else if (!strncmp(a, "--period", 8) && (a[8] == '\0' || a[8] == '=')) {
			if (!(period = cli_optarg(c->argc, c->argv, &i, "--period")))
				rc = PC_USAGE;
		} else if (!strncmp(a, "--reason", 8) && (a[8] == '\0' || a[8] == '=')) {
			if (!(reason = cli_optarg(c->argc, c->argv, &i, "--reason")))
				rc = PC_USAGE;
		} else if (a[0] == '-' && a[1]) {
			rc = cli_usage(_("unknown option for submit: %s"), a);
		} else if (!form) {
			form = a;
		} else if (!file_no) {
			file_no = a;
		} else {
			rc = cli_usage(_("unexpected argument: %s"), a);
		}
	}
	if (!rc && (!form || !file_no))
		rc = cli_usage("%s", _("usage: parcours submit FORM FILE_NO [--period YYYY-MM] "
				       "(--set FIELD=VALUE... | --json PATH|-)"));
	if (!rc && !answers)
		rc = cli_usage("%s", _("submit needs answers: --set FIELD=VALUE or --json FILE"));
	if (!rc)
		rc = cli_open(c, true, PC_STORE_WRITE, true);
	if (!rc) {
		long long revision = 0;
		enum pc_status st = pc_submission_save_reason(&c->ctx, form, file_no, period, answers,
							      -1, reason, &revision, &c->pr);
		if (st == PC_OK)
			printf(_("%s %s: revision %lld saved\n"), file_no, form, revision);
		rc = cli_report(c, st);
	}
	pc_json_free(&answers);
	return rc;
}
