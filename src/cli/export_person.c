/* parcours export-person FILE_NO [--json]: everything held on one person
 * (pc_person_export), for a person asking for their file; the text form
 * with control characters escaped, as show does. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "parcours/buf.h"
#include "parcours/i18n.h"
#include "parcours/person.h"
#include "parcours/text.h"

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
	struct pc_buf out = {0}, safe = {0};
	enum pc_status st = pc_person_export(&c->ctx, file_no, json, &out, &c->pr);
	if (st == PC_OK && !json) {
		/* stored text is shown, never obeyed: escape sequences become visible */
		pc_text_escape_to(&safe, out.data ? out.data : "", out.len, true);
		if (safe.failed) {
			pc_problems_add(&c->pr, false, file_no, "%s", _("out of memory"));
			st = PC_UNUSABLE;
		} else if (fwrite(safe.data, 1, safe.len, stdout) != safe.len) {
			st = PC_UNUSABLE;
		}
	} else if (st == PC_OK && fwrite(out.data, 1, out.len, stdout) != out.len) {
		st = PC_UNUSABLE;
	}
	if (st == PC_UNUSABLE && !c->pr.len)
		pc_problems_add(&c->pr, false, file_no, "%s", _("the export could not be written"));
	pc_buf_free(&out);
	pc_buf_free(&safe);
	return cli_report(c, st);
}
